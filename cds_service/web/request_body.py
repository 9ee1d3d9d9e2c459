"""Reading a request body under a size cap, whatever its framing.

A body with Content-Length is checked against the cap before a byte is read. A chunked body has no
length up front: werkzeug's own cap stops reading at the limit and hands back the truncated prefix
(which then fails as "not valid JSON"), and a malformed chunk raises whatever the server's parser
raises. Here the chunks are read up to one byte past the cap, so an oversized body is a 413, a broken
framing or a short body a 400, and a body that stops arriving a 408, each saying what was wrong.
"""
from __future__ import annotations

from flask import Response, request

from ..hook_request import RequestError

_STEP = 64 * 1024

# What a WSGI server raises when the chunked framing is broken or the client goes away: werkzeug's
# development server raises OSError/ValueError, gunicorn its ParseException family (and NoMoreData, an
# OSError).
_FRAMING_ERRORS: tuple[type[BaseException], ...] = (OSError, ValueError, EOFError)
try:
    from gunicorn.http.errors import ParseException
    _FRAMING_ERRORS += (ParseException,)
except ImportError:   # pragma: no cover - gunicorn is a dependency; the dev server needs none of it
    pass


BODY_READ = "cds_service.body_read"     # set in the WSGI environ once the whole body has been read


def too_large(limit: int) -> RequestError:
    return RequestError(413, f"The request body is larger than the {limit} bytes this endpoint accepts.",
                         code="too-costly")


def read_body(limit: int) -> bytes:
    declared = request.content_length
    if declared is not None and declared > limit:
        raise too_large(limit)
    if declared is None and not request.environ.get("wsgi.input_terminated"):
        return b""          # no length and no chunking: WSGI gives no safe way to find the end
    stream = request.environ["wsgi.input"]
    wanted = declared if declared is not None else limit + 1
    chunks: list[bytes] = []
    total = 0
    try:
        while total < wanted:
            data = stream.read(min(_STEP, wanted - total))
            if not data:
                break
            chunks.append(data)
            total += len(data)
    except TimeoutError:
        raise RequestError(408, "The request body did not arrive in time; send the whole request at once.",
                            code="timeout") from None
    except _FRAMING_ERRORS as exc:
        detail = str(exc)[:80] or type(exc).__name__
        raise RequestError(400, f"The chunked request body is malformed or stopped arriving ({detail}); "
                                 "each chunk is a hexadecimal size line, CRLF, the data, CRLF.") from None
    if declared is None and total > limit:
        raise too_large(limit)
    if declared is not None and total < declared:
        raise RequestError(400, f"The request body ended after {total} of the {declared} bytes its "
                                 "Content-Length announced.")
    request.environ[BODY_READ] = True
    return b"".join(chunks)


def close_if_body_unread(response: Response) -> Response:
    """An error answered before the body was read leaves it on the wire: the connection cannot carry
    another request, so say so (HTTP/1.1 lets the server close after the response)."""
    has_body = request.content_length or request.headers.get("Transfer-Encoding")
    if response.status_code >= 400 and has_body and not request.environ.get(BODY_READ):
        response.headers["Connection"] = "close"
    return response
