"""Coverage and payer Organizations: from prefetch, else a bounded read from the client's FHIR server.

The decision never needs the FHIR server (orders alone always give an answer), so every read here
lives inside one time budget per hook call and every failure degrades to "plan unknown". Only the
request's own fhirServer is ever called, redirects are not followed, and responses are size-capped.
The access token is sent as a Bearer header and never logged or put into an error message.
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from typing import Any, Mapping
from urllib.parse import quote

from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import requests
from requests.adapters import HTTPAdapter

from . import metrics

from .engine.coverage import organization_key, payor_references

log = logging.getLogger("cds_service.fhir")

MISSING = object()   # the prefetch key was not sent: the client did not fill it


@dataclass
class CoverageData:
    coverages: list[Mapping[str, Any]] = field(default_factory=list)
    organizations: dict[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str = "none"          # prefetch, fhir, none
    fetch_failures: list[str] = field(default_factory=list)   # reasons, without URLs or tokens


class FhirReader:
    """One pooled HTTP session per worker process, shared by all calls.

    Each read runs on a small thread pool and is waited for only until the call's deadline: a server
    that trickles bytes cannot hold a hook call past its budget, whatever the socket timeouts do.
    """

    def __init__(self, timeout: float, max_bytes: int, allowlist: tuple[str, ...] = ()):
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allowlist = allowlist
        self._pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="cds-fhir")
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=8, pool_maxsize=16, max_retries=0)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.trust_env = False   # no proxy or .netrc credentials from the environment

    def _get(self, url: str, token: str | None, deadline: float) -> Mapping[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0.01:
            raise TimeoutError("time budget spent")
        headers = {"Accept": "application/fhir+json, application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        with self.session.get(url, headers=headers, timeout=(remaining, remaining),
                              allow_redirects=False, stream=True) as response:
            if response.status_code != 200:
                raise LookupError(f"HTTP {response.status_code}")
            body = bytearray()
            for chunk in response.iter_content(chunk_size=16384):
                body.extend(chunk)
                if len(body) > self.max_bytes:
                    raise ValueError("response larger than the size cap")
                if time.monotonic() > deadline:
                    raise TimeoutError("time budget spent while reading")
        try:
            data = json.loads(bytes(body).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ValueError("response is not JSON") from None
        if not isinstance(data, dict) or not isinstance(data.get("resourceType"), str):
            raise ValueError("response is not a FHIR resource")
        return data

    def allowed(self, base: str) -> bool:
        return not self.allowlist or base.rstrip("/") in self.allowlist

    def read(self, url: str, token: str | None, deadline: float, failures: list[str]) -> Mapping[str, Any] | None:
        remaining = deadline - time.monotonic()
        if remaining <= 0.01:
            failures.append("time budget spent")
            return None
        future = self._pool.submit(self._get, url, token, deadline)
        try:
            return future.result(timeout=remaining + 0.05)
        except FutureTimeout:
            future.cancel()
            failures.append("timeout")
        except requests.Timeout:
            failures.append("timeout")
        except requests.RequestException as exc:
            failures.append(type(exc).__name__)
        except (TimeoutError, LookupError, ValueError) as exc:
            failures.append(str(exc))
        return None


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
                    reader: FhirReader) -> CoverageData:
    """Coverages and payer Organizations for one hook call, within the reader's time budget."""
    data = CoverageData()
    deadline = time.monotonic() + reader.timeout
    base = fhir_server.rstrip("/") if fhir_server else None
    if base and not reader.allowed(base):
        data.fetch_failures.append("fhirServer not on CDS_FHIR_ALLOWLIST")
        base = None
    if prefetch_value is MISSING:
        if base and patient_id:
            data.source = "fhir"
            found = reader.read(f"{base}/Coverage?patient={quote(patient_id, safe='')}&status=active",
                                token, deadline, data.fetch_failures)
            _collect(found, data)
    else:
        data.source = "prefetch"
        _collect(prefetch_value, data)   # null or an OperationOutcome leave it empty: plan unknown
    if base:
        for coverage in data.coverages:
            for ref in payor_references(coverage):
                key = organization_key(ref)
                if key in data.organizations:
                    continue
                if ref.startswith(("http://", "https://")) and not ref.startswith(base + "/"):
                    continue   # only the request's own FHIR server is ever called
                found = reader.read(f"{base}/{key}", token, deadline, data.fetch_failures)
                if isinstance(found, dict) and found.get("resourceType") == "Organization":
                    data.organizations[key] = found
    if data.fetch_failures:
        log.warning("fhir read failed", extra={"fhir_failures": list(data.fetch_failures)})
        for reason in data.fetch_failures:   # a small fixed set of words: safe as a label
            metrics.FHIR_FAILURES.labels(reason=reason).inc()
    return data
