"""Which web pages may call the service from a browser.

Authentication is off by default, and the service listens on loopback: without a limit here any page
the clinician's or developer's browser opens could post to it (a cross-site POST with a text/plain
body needs no preflight) and read the answers. So only the CDS Hooks Sandbox and pages served from
loopback are allowed unless the operator says otherwise, a browser request from any other page is
refused outright, and Chrome's private-network preflight (a public page reaching a local address) is
granted only when configured.
"""
from __future__ import annotations

import re

from flask import Flask, Response, request

from .errors import operation_outcome

# The public CDS Hooks Sandbox (its tokens' `iss`, ../shared/reference/sandbox-requests/).
SANDBOX_ORIGIN = "https://sandbox.cds-hooks.org"
LOOPBACK = "loopback"     # the setting's word for pages served from this machine, on any port
_LOOPBACK_ORIGIN = r"^http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]{1,5})?$"
DEFAULT_ORIGINS = (SANDBOX_ORIGIN, LOOPBACK)


class OriginPolicy:
    def __init__(self, origins: tuple[str, ...]):
        self.anyone = "*" in origins
        self.exact = frozenset(o for o in origins if o not in ("*", LOOPBACK))
        self.loopback = re.compile(_LOOPBACK_ORIGIN) if LOOPBACK in origins else None

    def allows(self, origin: str) -> bool:
        return (self.anyone or origin in self.exact
                or (self.loopback is not None and self.loopback.match(origin) is not None))

    def cors_origins(self) -> list[str] | str:
        """In the form flask-cors takes: exact strings and one regular expression."""
        if self.anyone:
            return "*"
        return sorted(self.exact) + ([_LOOPBACK_ORIGIN] if self.loopback is not None else [])


def register(app: Flask, origins: tuple[str, ...], private_network: bool) -> None:
    from flask_cors import CORS

    policy = OriginPolicy(origins)
    # Preflight never needs credentials; with `*` the answer is the same for every page (send_wildcard).
    CORS(app, origins=policy.cors_origins(), send_wildcard=policy.anyone, vary_header=False, always_send=False,
         methods=["GET", "POST", "OPTIONS"], allow_headers=["Authorization", "Content-Type"],
         allow_private_network=private_network, max_age=600)

    @app.before_request
    def refuse_other_pages() -> Response | None:
        # Browsers send Origin on every cross-origin POST; EHR servers calling us send none.
        origin = request.headers.get("Origin")
        if request.method == "POST" and origin is not None and not policy.allows(origin):
            return operation_outcome(403, f"Calls from the web page at {origin[:100]!r} are not allowed; "
                                          "CDS_CORS_ORIGINS lists the origins that may call.", "forbidden")
        return None

    if not policy.anyone:
        @app.after_request
        def vary_on_origin(response: Response) -> Response:
            # Whether CORS headers are present depends on the Origin: caches must key on it, even for
            # answers to requests that sent none.
            response.vary.add("Origin")
            return response
