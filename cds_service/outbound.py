"""Outbound HTTP: which URLs the service may call on someone else's word, and one bounded GET.

A token's `jku` and a request's `fhirServer` are chosen by the caller. They are compared with what the
operator configured as parsed URLs, never as strings (`https://ehr.example.org@attacker.example/` starts
with `https://ehr.example.org`): scheme, host and port equal, no user info, no fragment, no query, and
a path inside the configured path once it is read the way a server would read it. Anything a server
could read in two ways (dot segments, encoded `/`, `.`, `\\` or `%`, backslashes, numeric host forms)
is refused rather than normalised, so what was checked is what is sent.

The GET resolves the host itself, checks every address (link-local and cloud metadata addresses are
never called), and connects to the address it checked, so a DNS answer cannot change between the check
and the connection. Every socket operation gets the time left in one wall-clock budget, so a server
that trickles bytes cannot stretch it; redirects are never followed; bodies stop at a size cap.
"""
from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import quote, unquote, urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class UrlRefused(ValueError):
    """A URL the rule refuses; the message says why, without repeating the URL."""


class OutboundError(Exception):
    """A failed outbound read. `reason` is one of REASONS: safe for logs and metric labels, because it
    never carries the server's answer, the URL or a token."""

    def __init__(self, reason: str):
        assert reason in REASONS, reason
        super().__init__(reason)
        self.reason = reason


REASONS = frozenset({
    "not-allowed", "address-refused", "token-refused", "timeout", "unreachable", "tls", "protocol",
    "too-large", "not-json", "not-fhir", "http-401", "http-403", "http-404", "http-4xx", "http-5xx",
    "http-other"})

# Never called, whatever an allowlist says: link-local (RFC 3927, RFC 4291 fe80::/10, where cloud
# metadata services answer: 169.254.169.254 on AWS, Azure, GCP and Oracle Cloud), AWS's IPv6 metadata
# endpoint fd00:ec2::254, Alibaba Cloud's metadata address 100.100.100.200, "this host" 0.0.0.0/8 and
# ::, and multicast/broadcast.
_NEVER = tuple(ipaddress.ip_network(n) for n in (
    "169.254.0.0/16", "fe80::/10", "fd00:ec2::254/128", "100.100.100.200/32", "0.0.0.0/8", "::/128",
    "224.0.0.0/4", "255.255.255.255/32", "ff00::/8"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOSTNAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
# Escapes a server may decode into a path separator, a dot segment, another escape, or a control.
_AMBIGUOUS_ESCAPE = re.compile(r"%(?:2[eEfF]|5[cC]|25|[01][0-9a-fA-F]|7[fF])")
_PATH_SAFE = "/:@!$&'()*+,;=-._~"
LOOPBACK_NAMES = frozenset({"localhost"})


@dataclass(frozen=True)
class Url:
    """A URL as a server reads it: lower-case scheme and host (no trailing dot, IPv6 unbracketed),
    explicit port, decoded path without dot segments, and the raw query."""

    scheme: str
    host: str
    port: int
    path: str
    query: str = ""

    @property
    def ip(self) -> Address | None:
        try:
            return ipaddress.ip_address(self.host)
        except ValueError:
            return None

    @property
    def is_loopback(self) -> bool:
        ip = self.ip
        return self.host in LOOPBACK_NAMES if ip is None else _plain(ip).is_loopback

    def within(self, allowed: "Url") -> bool:
        """Same origin, no query unless the allowed URL has the same one, and a path inside the allowed
        path, where a path prefix ends at a `/` (`/r4` holds `/r4/x`, never `/r4x`)."""
        if (self.scheme, self.host, self.port, self.query) != (allowed.scheme, allowed.host, allowed.port,
                                                                allowed.query):
            return False
        prefix = allowed.path.rstrip("/")
        return not prefix or self.path == prefix or self.path.startswith(prefix + "/")

    def within_any(self, allowed: Iterable["Url"]) -> bool:
        return any(self.within(a) for a in allowed)

    def child(self, relative_path: str, query: str = "") -> "Url":
        """This base with a path below it, e.g. `Coverage` or `Organization/7`; re-checked like any URL."""
        url = parse_url(f"{self}/{relative_path.lstrip('/')}" + (f"?{query}" if query else ""))
        if not url.within(Url(self.scheme, self.host, self.port, self.path, url.query)):
            raise UrlRefused("the path leaves its base")
        return url

    @property
    def target(self) -> str:
        """The request target sent on the wire: the checked path, escaped once, and the query."""
        path = quote(self.path or "/", safe=_PATH_SAFE)
        return f"{path}?{self.query}" if self.query else path

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == _DEFAULT_PORTS[self.scheme] else f"{host}:{self.port}"

    def __str__(self) -> str:
        return f"{self.scheme}://{self.host_header}{quote(self.path, safe=_PATH_SAFE)}" + (
            f"?{self.query}" if self.query else "")


_DEFAULT_PORTS = {"https": 443, "http": 80}


def _plain(ip: Address) -> Address:
    """The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address, else the address itself."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def never_called(ip: Address) -> bool:
    ip = _plain(ip)
    return ip.is_link_local or ip.is_multicast or ip.is_unspecified or any(ip in n for n in _NEVER)


def _host(netloc_host: str | None, bracketed: bool) -> str:
    if not netloc_host:
        raise UrlRefused("has no host")
    host = netloc_host.lower()
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None:
        if isinstance(ip, ipaddress.IPv6Address) != bracketed:
            raise UrlRefused("has a malformed host")
        return str(ip)
    if host.endswith("."):
        host = host[:-1]
    last = host.rsplit(".", 1)[-1]
    # 2130706433, 0x7f.1, 127.1: numeric forms a resolver reads as an IPv4 address in disguise.
    if not _HOSTNAME.fullmatch(host) or last.isdigit() or last.startswith("0x"):
        raise UrlRefused("has a host that is not a plain name or address")
    return host


def parse_url(text: object) -> Url:
    """Parse an absolute http(s) URL, refusing anything a server could read otherwise than we do."""
    if not isinstance(text, str) or not text or len(text) > 2048:
        raise UrlRefused("is not a URL")
    if not text.isascii() or any(c <= " " or c == "\x7f" for c in text) or "\\" in text:
        raise UrlRefused("holds spaces, controls, backslashes or non-ASCII characters")
    if "#" in text:
        raise UrlRefused("has a fragment")
    try:
        parts = urlsplit(text)
    except ValueError:
        raise UrlRefused("is not a URL") from None
    if parts.scheme not in _DEFAULT_PORTS or not text.lower().startswith(parts.scheme + "://"):
        raise UrlRefused("is not an absolute http(s) URL")
    if "@" in parts.netloc:
        raise UrlRefused("carries user information")
    try:
        port = parts.port
    except ValueError:
        raise UrlRefused("has a malformed port") from None
    if parts.netloc.endswith(":"):
        raise UrlRefused("has an empty port")
    host = _host(parts.hostname, parts.netloc.startswith("["))
    if _AMBIGUOUS_ESCAPE.search(parts.path):
        raise UrlRefused("has an escaped '/', '.', '\\\\', '%' or control character in its path")
    path = unquote(parts.path)
    if not path.isascii() or "//" in path or any(s in (".", "..") for s in path.split("/")):
        raise UrlRefused("has dot segments, empty segments or non-ASCII characters in its path")
    if _AMBIGUOUS_ESCAPE.search(parts.query):
        raise UrlRefused("has an escaped '%' or control character in its query")
    return Url(parts.scheme, host, port or _DEFAULT_PORTS[parts.scheme], path, parts.query)


def allowlist_entry(text: object, setting: str, http_loopback_only: bool = True) -> Url:
    """An operator's URL (an allowlist entry, a key set URL): https, or plain http to loopback for
    development; no user info, query or fragment. The message names the setting."""
    try:
        url = parse_url(text.strip() if isinstance(text, str) else text)
    except UrlRefused as exc:
        raise UrlRefused(f"{setting}: {str(text)[:200]!r} {exc}") from None
    if url.query:
        raise UrlRefused(f"{setting}: {str(text)[:200]!r} has a query")
    if url.scheme != "https" and http_loopback_only and not url.is_loopback:
        raise UrlRefused(f"{setting}: {str(text)[:200]!r} must be https (plain http only for loopback, in development)")
    return Url(url.scheme, url.host, url.port, url.path.rstrip("/"))


# --- resolution -------------------------------------------------------------------------------------

class Resolver:
    """Host names to addresses within the caller's budget. getaddrinfo cannot be interrupted, so it runs
    on a few threads of its own; when they are all waiting on a slow resolver, lookups fail at once
    rather than pile up. Answers are kept for a few seconds."""

    def __init__(self, slots: int = 4, ttl: float = 10.0):
        self._slots = threading.BoundedSemaphore(slots)
        self._ttl = ttl
        self._cache: dict[tuple[str, int], tuple[float, tuple[Address, ...]]] = {}
        self._lock = threading.Lock()

    def addresses(self, url: Url, deadline: float) -> tuple[Address, ...]:
        if url.ip is not None:
            return (url.ip,)
        key, now = (url.host, url.port), time.monotonic()
        with self._lock:
            cached = self._cache.get(key)
        if cached and cached[0] > now:
            return cached[1]
        if not self._slots.acquire(blocking=False):
            raise OutboundError("timeout")
        answer: list[tuple[Address, ...]] = []
        done = threading.Event()

        def lookup() -> None:
            try:
                infos = socket.getaddrinfo(url.host, url.port, type=socket.SOCK_STREAM)
                answer.append(tuple(dict.fromkeys(ipaddress.ip_address(i[4][0].split("%")[0]) for i in infos)))
            except (OSError, ValueError):
                pass
            finally:
                self._slots.release()
                done.set()

        threading.Thread(target=lookup, name="cds-resolve", daemon=True).start()
        if not done.wait(max(0.0, deadline - time.monotonic())):
            raise OutboundError("timeout")
        if not answer or not answer[0]:
            raise OutboundError("unreachable")
        with self._lock:
            if len(self._cache) > 1024:
                self._cache.clear()
            self._cache[key] = (now + self._ttl, answer[0])
        return answer[0]


# --- the bounded GET ----------------------------------------------------------------------------------

def _arm(sock: socket.socket) -> None:
    remaining = getattr(sock, "deadline", float("inf")) - time.monotonic()
    if remaining <= 0:
        raise TimeoutError("budget spent")
    sock.settimeout(remaining)


class _Deadline:
    """Every socket operation may take only what is left of one budget: a socket timeout alone
    restarts with each byte received."""

    deadline = float("inf")

    def recv_into(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _arm(self)  # type: ignore[arg-type]
        return super().recv_into(*args, **kwargs)  # type: ignore[misc]

    def recv(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _arm(self)  # type: ignore[arg-type]
        return super().recv(*args, **kwargs)  # type: ignore[misc]

    def sendall(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _arm(self)  # type: ignore[arg-type]
        return super().sendall(*args, **kwargs)  # type: ignore[misc]

    def send(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _arm(self)  # type: ignore[arg-type]
        return super().send(*args, **kwargs)  # type: ignore[misc]


class DeadlineSocket(_Deadline, socket.socket):
    pass


class DeadlineSSLSocket(_Deadline, ssl.SSLSocket):
    def do_handshake(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _arm(self)
        return super().do_handshake(*args, **kwargs)


def _tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.sslsocket_class = DeadlineSSLSocket
    return context


class _PinnedConnection(http.client.HTTPConnection):
    """http.client on a socket we connected ourselves, to one of the addresses we checked."""

    def __init__(self, url: Url, addresses: tuple[Address, ...], deadline: float, tls: ssl.SSLContext):
        super().__init__(url.host, url.port)
        self._url, self._addresses, self._deadline, self._tls = url, addresses, deadline, tls

    def _connect_one(self, address: Address) -> socket.socket:
        family = socket.AF_INET6 if isinstance(address, ipaddress.IPv6Address) else socket.AF_INET
        sock = DeadlineSocket(family, socket.SOCK_STREAM)
        sock.deadline = self._deadline
        try:
            _arm(sock)
            sock.connect((str(address), self._url.port))
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except BaseException:
            sock.close()
            raise
        return sock

    def connect(self) -> None:
        failure: OSError | None = None
        for address in self._addresses:     # in the resolver's order, as socket.create_connection does
            try:
                sock = self._connect_one(address)
                break
            except TimeoutError:
                raise
            except OSError as exc:
                failure = exc
        else:
            raise failure or OSError("no address")
        if self._url.scheme == "https":
            try:
                wrapped = self._tls.wrap_socket(sock, server_hostname=self._url.host, do_handshake_on_connect=False)
                wrapped.deadline = self._deadline
                wrapped.do_handshake()
            except BaseException:
                sock.close()
                raise
            sock = wrapped
        self.sock = sock


def _status_reason(status: int) -> str:
    if status in (401, 403, 404):
        return f"http-{status}"
    if 400 <= status < 500:
        return "http-4xx"
    return "http-5xx" if 500 <= status < 600 else "http-other"


class BoundedGet:
    """GET with a wall-clock deadline, a size cap, no redirects, and an address rule checked on the
    resolved addresses. One per process; it keeps no connections between calls."""

    def __init__(self, resolver: Resolver | None = None):
        self.resolver = resolver or Resolver()
        self._tls = _tls_context()

    def __call__(self, url: Url, deadline: float, max_bytes: int, headers: dict[str, str] | None = None,
                 address_allowed: Callable[[Address], bool] = lambda ip: True) -> bytes:
        """The body of a 200 answer; anything else raises OutboundError with a reason from REASONS."""
        if deadline - time.monotonic() <= 0:
            raise OutboundError("timeout")
        addresses = self.resolver.addresses(url, deadline)
        # Every address a name resolves to must pass: a name that also points at a refused address is
        # refused, whichever address the connection would have used.
        if any(never_called(ip) or not address_allowed(ip) for ip in addresses):
            raise OutboundError("address-refused")
        connection = _PinnedConnection(url, addresses, deadline, self._tls)
        try:
            connection.putrequest("GET", url.target, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", url.host_header)
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            connection.endheaders()
            response = connection.getresponse()
            if response.status != 200:
                raise OutboundError(_status_reason(response.status))
            if response.length is not None and response.length > max_bytes:
                raise OutboundError("too-large")
            body = bytearray()
            while True:
                chunk = response.read1(65536)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    raise OutboundError("too-large")
                if time.monotonic() > deadline:
                    raise OutboundError("timeout")
            return bytes(body)
        except TimeoutError:
            raise OutboundError("timeout") from None
        except ssl.SSLError:   # certificate errors included
            raise OutboundError("tls") from None
        except http.client.HTTPException:
            raise OutboundError("protocol") from None
        except OSError:
            raise OutboundError("unreachable") from None
        finally:
            connection.close()


def is_loopback_address(ip: Address) -> bool:
    return _plain(ip).is_loopback
