"""Prometheus metrics, defined once per process. Under gunicorn with several workers, PROMETHEUS_MULTIPROC_DIR
(set by `serve`, or by `gunicorn -c python:cds_service.gunicorn_conf`) points at a shared directory so
/metrics adds up every worker. The spool's size and age are read from the data directory at scrape time,
so they cover every worker (and any that stopped) whichever worker answers.

Every label value comes from a small fixed set declared here; anything else is counted as `other`.
A label that took whatever a request or a remote server said (a status code, an error message) would
grow a new series per distinct value, and each series costs memory in every worker and bytes in every
scrape, without bound.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Iterable

from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram,
                               generate_latest, multiprocess)
from prometheus_client.core import GaugeMetricFamily

from .catalog import SERVICES
from .outbound import REASONS

OTHER = "other"
# Values as a request gave them may be anything (an unknown policy id counts as `other`): only this many
# distinct ones are remembered per metric.
MAX_REMEMBERED_CHILDREN = 1024

# FHIR R4 IssueType codes (http://hl7.org/fhir/R4/valueset-issue-type.html): what a refused call's
# OperationOutcome says, and so what a call's outcome can be besides ok and shadow.
ISSUE_TYPES = frozenset({
    "invalid", "structure", "required", "value", "invariant", "security", "login", "unknown", "expired",
    "forbidden", "suppressed", "processing", "not-supported", "duplicate", "multiple-matches", "not-found",
    "deleted", "too-long", "code-invalid", "extension", "too-costly", "business-rule", "conflict", "transient",
    "lock-error", "no-store", "exception", "timeout", "incomplete", "throttled", "informational"})
CALL_OUTCOMES = frozenset({"ok", "shadow"}) | ISSUE_TYPES
INDICATORS = frozenset({"info", "warning", "critical"})
FEEDBACK_OUTCOMES = frozenset({"accepted", "overridden"})
# Why a read from a client's FHIR server failed (outbound.py declares them), and why a client token was
# refused (auth.py); a test checks that every reason auth.py gives is here.
FHIR_FAILURE_REASONS = REASONS
AUTH_REASONS = frozenset({
    "missing", "malformed", "algorithm", "algorithm-mismatch", "issuer", "expired", "not-yet-valid", "audience",
    "claims", "signature", "invalid", "lifetime", "tenant", "replay", "replay-unavailable", "kid", "jku",
    "jwks-unavailable"})


class BoundedLabels:
    """A labelled metric whose label values are kept to declared sets; others become `other`."""

    def __init__(self, metric: Any, **vocabularies: Iterable[str]):
        self.metric = metric
        self.vocabularies = {name: set(values) | {OTHER} for name, values in vocabularies.items()}
        self._children: dict[tuple, Any] = {}

    def allow(self, label: str, values: Iterable[str]) -> None:
        """Values known only at start (the policy ids in the loaded policy data)."""
        self.vocabularies[label].update(values)
        self._children.clear()   # a value counted as `other` until now has a series of its own

    def labels(self, **values: str) -> Any:
        """The child for these values. Children are remembered by their values as given: every label
        value a child can have is from a declared set, so this stays as small as the series are, and a
        request does not pay prometheus_client's validation and lock for a series that exists."""
        key = tuple(values.items())
        child = self._children.get(key)
        if child is None:
            child = self.metric.labels(**{name: value if value in self.vocabularies[name] else OTHER
                                          for name, value in values.items()})
            if len(self._children) < MAX_REMEMBERED_CHILDREN:
                self._children[key] = child
        return child


_SERVICE_IDS = frozenset(SERVICES)
CALLS = BoundedLabels(Counter("cds_hook_calls_total", "Hook calls by service and outcome", ["service", "outcome"]),
                      service=_SERVICE_IDS, outcome=CALL_OUTCOMES)
LATENCY = BoundedLabels(Histogram("cds_hook_call_seconds", "Hook call latency", ["service"],
                                  buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)),
                        service=_SERVICE_IDS)
CARDS = BoundedLabels(Counter("cds_cards_total", "Cards returned by policy and indicator", ["policy", "indicator"]),
                      policy={"evidence"}, indicator=INDICATORS)
FHIR_FAILURES = BoundedLabels(Counter("cds_fhir_fetch_failures_total", "Failed reads from clients' FHIR servers",
                                      ["reason"]), reason=FHIR_FAILURE_REASONS)
AUTH_REFUSALS = BoundedLabels(Counter("cds_auth_refusals_total", "Refused client tokens by reason", ["reason"]),
                              reason=AUTH_REASONS)
FEEDBACK = BoundedLabels(Counter("cds_feedback_entries_total", "Feedback entries received by outcome", ["outcome"]),
                         outcome=FEEDBACK_OUTCOMES)
AUDIT_SPOOLED = Counter("cds_audit_spooled_records_total",
                        "Audit records and feedback batches written to the local spool (database unavailable)")
AUDIT_DEAD_LETTERS = Counter("cds_audit_dead_letter_records_total",
                             "Records the database refused one by one, set aside in the dead-letter file")
AUDIT_DROPPED = Counter("cds_audit_dropped_records_total",
                        "Records lost because the spool was full or not writable")


class SpoolCollector:
    """Gauges read at scrape time from the spool directory shared by all workers."""

    def __init__(self, state: Callable[[], Any]):
        self._state = state

    def collect(self):
        state = self._state()
        for name, doc, value in (
                ("cds_audit_spool_records", "Records waiting in the local spool for the database", state.records),
                ("cds_audit_spool_bytes", "Size of the local spool in bytes", state.bytes),
                ("cds_audit_spool_oldest_age_seconds", "Age of the oldest record waiting in the spool",
                 state.oldest_age_seconds)):
            yield GaugeMetricFamily(name, doc, value=value)


def mark_worker_dead(pid: int) -> None:
    """A gunicorn worker has exited: its live gauges no longer count (counters keep their totals)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(pid)


def exposition(extra: list[Any] | None = None) -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        body = generate_latest(REGISTRY)
    if extra:
        own = CollectorRegistry()
        for collector in extra:
            own.register(collector)
        body += generate_latest(own)
    return body, CONTENT_TYPE_LATEST
