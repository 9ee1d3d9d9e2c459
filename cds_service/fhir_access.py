"""Coverage and payer Organizations: from prefetch, else a bounded read from the client's FHIR server.

The decision never needs the FHIR server (orders alone always give an answer), so every read here
lives inside one time budget per hook call and every failure degrades to "plan unknown". The bearer
token goes only to a server the operator listed (CDS_FHIR_ALLOWLIST, or the verified token issuer's
own `fhir_servers`), or, with authentication off and no list, to a loopback server (development);
never to a link-local or cloud metadata address (see outbound.py). A failure is recorded as a word from
a small fixed set, never the server's answer, the URL or the token.
"""
from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping
from urllib.parse import quote

from . import metrics
from .engine.coverage import organization_key, payor_references
from .outbound import Address, BoundedGet, OutboundError, Url, UrlRefused, is_loopback_address, parse_url

log = logging.getLogger("cds_service.fhir")

MISSING = object()   # the prefetch key was not sent: the client did not fill it

# RFC 6750 section 2.1: the characters a bearer token may hold. Anything else (a non-Latin-1 character
# would make the HTTP library fail with a message quoting it) is refused before any connection.
_BEARER_TOKEN = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
# FHIR R4 id (http://hl7.org/fhir/R4/datatypes.html#id), without the two ids that are path tricks.
_FHIR_ID = re.compile(r"(?!\.{1,2}$)[A-Za-z0-9\-.]{1,64}")


@dataclass
class CoverageData:
    coverages: list[Mapping[str, Any]] = field(default_factory=list)
    organizations: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str = "none"          # prefetch, fhir, none
    fetch_failures: list[str] = field(default_factory=list)   # reasons from outbound.REASONS


@dataclass(frozen=True)
class FhirDestinations:
    """Which FHIR servers a hook call may send its bearer token to."""

    allowlist: tuple[Url, ...] = ()
    by_issuer: Mapping[str, tuple[Url, ...]] = field(default_factory=dict)
    loopback_when_unlisted: bool = False     # authentication off and no allowlist: development

    def address_rule(self, base: Url, issuer: str | None) -> Callable[[Address], bool] | None:
        """None when the server may not be called; else the test its resolved addresses must pass."""
        if base.within_any(self.allowlist) or (issuer is not None and base.within_any(self.by_issuer.get(issuer, ()))):
            return _any_address
        if self.loopback_when_unlisted and base.is_loopback:   # a loopback address or `localhost`
            return is_loopback_address
        return None


def _any_address(ip: Address) -> bool:
    return True   # the addresses outbound never calls are refused there, whatever the list says


class FhirReader:
    """Bounded reads from the client's FHIR server. Each read runs in the calling thread with a socket
    that may take only what is left of the call's budget, so nothing outlives the call."""

    def __init__(self, timeout: float, max_bytes: int, destinations: FhirDestinations | None = None,
                 get: BoundedGet | None = None):
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.destinations = destinations or FhirDestinations()
        self.get = get or BoundedGet()

    def read(self, url: Url, token: str | None, deadline: float, address_rule: Callable[[Address], bool],
             failures: list[str]) -> Mapping[str, Any] | None:
        headers = {"Accept": "application/fhir+json, application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            body = self.get(url, deadline, self.max_bytes, headers, address_rule)
        except OutboundError as exc:
            failures.append(exc.reason)
            return None
        try:
            data = json.loads(body)
        except ValueError:
            failures.append("not-json")
            return None
        if not isinstance(data, dict) or not isinstance(data.get("resourceType"), str):
            failures.append("not-fhir")
            return None
        return data


class _CallReads:
    """The reads of one hook call: server, token and address rule are decided at the first read, so a
    call answered from prefetch records nothing."""

    def __init__(self, fhir_server: str | None, token: str | None, issuer: str | None, reader: FhirReader,
                 failures: list[str]):
        self.reader, self.token, self.failures = reader, token, failures
        self.deadline = time.monotonic() + reader.timeout
        self._server, self._issuer = fhir_server, issuer
        self._decided = False
        self.base: Url | None = None
        self._rule: Callable[[Address], bool] | None = None

    def _decide(self) -> None:
        self._decided = True
        try:
            base = parse_url(self._server.rstrip("/")) if self._server else None
        except UrlRefused:
            base = None
        rule = None if base is None or base.query else self.reader.destinations.address_rule(base, self._issuer)
        if rule is None:
            self.failures.append("not-allowed")
        elif self.token is not None and not _BEARER_TOKEN.fullmatch(self.token):
            self.failures.append("token-refused")
        else:
            self.base, self._rule = base, rule

    def available(self) -> bool:
        if not self._decided and self._server:
            self._decide()
        return self.base is not None

    def read(self, relative_path: str, query: str = "") -> Mapping[str, Any] | None:
        assert self.base is not None and self._rule is not None
        try:
            url = self.base.child(relative_path, query)
        except UrlRefused:
            self.failures.append("not-allowed")
            return None
        return self.reader.read(url, self.token, self.deadline, self._rule, self.failures)


def _collect(resource: Any, data: CoverageData) -> None:
    """Coverages and Organizations out of a prefetch value or a search result."""
    if not isinstance(resource, dict):
        return
    kind = resource.get("resourceType")
    if kind == "Coverage":
        data.coverages.append(resource)
    elif kind == "Organization" and isinstance(resource.get("id"), str):
        data.organizations[f"Organization/{resource['id']}"] = resource
    elif kind == "Bundle":
        entries = resource.get("entry")
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                inner = entry.get("resource")
                _collect(inner, data)
                full_url = entry.get("fullUrl")
                if (isinstance(inner, dict) and inner.get("resourceType") == "Organization"
                        and isinstance(full_url, str) and "Organization/" in full_url):
                    data.organizations.setdefault(organization_key(full_url), inner)


def gather_coverage(prefetch_value: Any, fhir_server: str | None, token: str | None, patient_id: str | None,
                    reader: FhirReader, issuer: str | None = None) -> CoverageData:
    """Coverages and payer Organizations for one hook call, within the reader's time budget. `issuer`
    is the verified token's issuer, whose own FHIR servers may be read."""
    data = CoverageData()
    reads = _CallReads(fhir_server, token, issuer, reader, data.fetch_failures)
    if prefetch_value is MISSING:
        if patient_id and reads.available():
            data.source = "fhir"
            _collect(reads.read("Coverage", f"patient={quote(patient_id, safe='')}&status=active"), data)
    else:
        data.source = "prefetch"
        _collect(prefetch_value, data)   # null or an OperationOutcome leave it empty: plan unknown
    for coverage in data.coverages:
        for ref in payor_references(coverage):
            key = organization_key(ref)
            if key in data.organizations or not reads.available():
                continue
            if ref.startswith(("http://", "https://")) and not _on_server(ref, reads.base):
                continue   # only the request's own FHIR server is ever called
            if not _FHIR_ID.fullmatch(key.split("/", 1)[1]):
                data.fetch_failures.append("not-allowed")
                continue
            found = reads.read(key)
            if isinstance(found, dict) and found.get("resourceType") == "Organization":
                data.organizations[key] = found
    if data.fetch_failures:
        log.warning("fhir read failed", extra={"fhir_failures": list(data.fetch_failures)})
        for reason in data.fetch_failures:   # words from outbound.REASONS: safe as a label
            metrics.FHIR_FAILURES.labels(reason=reason).inc()
    return data


def _on_server(reference: str, base: Url | None) -> bool:
    try:
        return base is not None and parse_url(reference).within(base)
    except UrlRefused:
        return False
