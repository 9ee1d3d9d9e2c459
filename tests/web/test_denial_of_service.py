"""Denial of service: clients that stall mid-request, label values that would grow the metrics without
bound, and feedback posts that would grow the database without bound."""
from __future__ import annotations

import ast
import json
import socket
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from cds_service import metrics
from cds_service.feedback import MAX_ACCEPTED_SUGGESTIONS, MAX_FEEDBACK_ENTRIES
from cds_service.store.models import FeedbackRecord
from tests.conftest import BASE_CONFIG, SELECT, SIGN, HookClient
from tests.fixtures.builders import bcbsma, hook_request, ma_plan, mrs_order, panel_order
from tests.fixtures.served import read_answer, serve

ROOT = Path(__file__).resolve().parents[2]


def _stall(base: str, partial: bytes) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=5)
    sock.sendall(partial)
    return sock


def _half_requests(count: int) -> list[bytes]:
    """Requests cut short: half of them in the head, half in the body."""
    body = json.dumps(hook_request(mrs_order(), coverages=[ma_plan()])).encode()
    head = (f"POST /cds-services/{SIGN} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return [head[:40] if i % 2 else head + body[:20] for i in range(count)]


def test_fifty_stalled_clients_do_not_stop_other_callers(tmp_path):
    """`cds-service serve` with its defaults: 50 connections hold half-sent requests open while ten other
    callers, one after another, must each get their card within three seconds (a stall holds a sync
    worker until the client gives up)."""
    body = hook_request(mrs_order(), coverages=[ma_plan()])
    with serve(tmp_path / "data", CDS_PAYERS=json.dumps(BASE_CONFIG["CDS_PAYERS"])) as base:
        stalled = [_stall(base, partial) for partial in _half_requests(50)]
        try:
            time.sleep(0.5)            # every stalled request has reached a worker
            for _ in range(10):
                started = time.monotonic()
                response = requests.post(f"{base}/cds-services/{SIGN}", json=body, timeout=5)
                assert response.status_code == 200 and response.json()["cards"][0]["indicator"] == "warning"
                assert time.monotonic() - started < 3.0
        finally:
            for sock in stalled:
                sock.close()


def test_a_request_that_stops_arriving_is_dropped_at_the_read_deadline(tmp_path):
    with serve(tmp_path / "data", "--read-timeout", "1") as base:
        in_head, in_body = (_stall(base, partial) for partial in _half_requests(2)[::-1])
        try:
            for sock in (in_head, in_body):
                sock.settimeout(5)
            started = time.monotonic()
            # A stalled body gets a 408 OperationOutcome; a stalled head is closed without an answer.
            answer = read_answer(in_body)
            assert answer.status == 408 and answer.outcome()["code"] == "timeout"
            while in_head.recv(65536):
                pass
            assert time.monotonic() - started < 6.0
        finally:
            in_head.close()
            in_body.close()


def _all_series(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def _series(text: str, name: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(name + "{")]


def test_metric_labels_stay_bounded_whatever_requests_and_servers_say(make_app, fhir):
    """Hundreds of distinct FHIR failure statuses, unknown service ids and paths add at most one `other`
    series each; before, every distinct value was a new series in every scrape."""
    client = make_app().test_client()
    hooks = HookClient(client)
    fhir.mode = "status"

    def calls(statuses: range) -> str:
        for status in statuses:
            fhir.status = status
            body = hook_request(mrs_order(), fhirServer=fhir.base_url,
                                fhirAuthorization={"access_token": "t", "token_type": "Bearer"})
            hooks.cards(body)
            client.post(f"/cds-services/svc-{status}", json=body)
            client.post(f"/cds-services/{SIGN}/x{status}", json=body)
        return client.get("/metrics").get_data(as_text=True)

    before = calls(range(598, 601))       # every series a call of this kind makes exists now
    after = calls(range(601, 900))
    new = set(_series(after, "cds_fhir_fetch_failures_total")) - set(_series(before, "cds_fhir_fetch_failures_total"))
    assert len({line.rsplit(" ", 1)[0] for line in new}) <= 1
    assert 'cds_fhir_fetch_failures_total{reason="http-other"}' in after   # statuses past 599: one word
    assert len(_all_series(after)) == len(_all_series(before))
    for name in ("cds_hook_calls_total", "cds_hook_call_seconds_count", "cds_cards_total"):
        assert all("svc-" not in line for line in _series(after, name))


def test_a_label_value_outside_its_set_counts_as_other():
    metrics.CALLS.labels(service="not-a-service", outcome="weird words from somewhere").inc()
    from prometheus_client import REGISTRY
    assert REGISTRY.get_sample_value("cds_hook_calls_total", {"service": "other", "outcome": "other"}) >= 1
    assert REGISTRY.get_sample_value("cds_hook_calls_total",
                                     {"service": "not-a-service", "outcome": "weird words from somewhere"}) is None


def _literal_first_arguments(path: Path, called: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == called
                and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            found.add(node.args[0].value)
    return found


def test_every_auth_refusal_reason_has_its_own_series():
    reasons = _literal_first_arguments(ROOT / "cds_service" / "auth.py", "AuthError")
    assert reasons and reasons <= metrics.AUTH_REASONS, reasons - metrics.AUTH_REASONS


def test_every_fhir_read_failure_reason_has_its_own_series():
    reasons = {r for r in _literal_first_arguments(ROOT / "cds_service" / "fhir_access.py", "append")
               if not r.startswith(("http://", "https://"))}
    assert reasons and reasons <= metrics.FHIR_FAILURE_REASONS, reasons - metrics.FHIR_FAILURE_REASONS


# --- feedback ---------------------------------------------------------------------------------------

def _feedback(client, service: str, entries: list[dict]) -> requests.Response:
    return client.post(f"/cds-services/{service}/feedback", json={"feedback": entries})


def test_more_feedback_entries_than_allowed_in_one_post_is_413_and_nothing_is_stored(make_app):
    app = make_app()
    client = app.test_client()
    entries = [{"card": f"c-{i}", "outcome": "accepted"} for i in range(MAX_FEEDBACK_ENTRIES + 1)]
    response = _feedback(client, SIGN, entries)
    assert response.status_code == 413 and response.get_json()["issue"][0]["code"] == "too-costly"
    assert str(MAX_FEEDBACK_ENTRIES) in response.get_json()["issue"][0]["diagnostics"]
    assert _feedback(client, SIGN, entries[:MAX_FEEDBACK_ENTRIES]).status_code == 200
    with app.extensions["cds_service"].store.session() as session:
        assert len(session.scalars(select(FeedbackRecord)).all()) == MAX_FEEDBACK_ENTRIES


def test_more_accepted_suggestions_than_allowed_in_one_entry_is_413(make_app):
    client = make_app().test_client()
    accepted = [{"id": f"s-{i}"} for i in range(MAX_ACCEPTED_SUGGESTIONS + 1)]
    response = _feedback(client, SIGN, [{"card": "c", "outcome": "accepted", "acceptedSuggestions": accepted}])
    assert response.status_code == 413
    assert "feedback[0].acceptedSuggestions" in response.get_json()["issue"][0]["diagnostics"]


def _entries(count: int, suggestions: int, tag: str) -> list[dict]:
    return [{"card": f"c-{tag}-{i}", "outcome": "accepted",
             "acceptedSuggestions": [{"id": f"{tag}-{i}-{k}-" + "s" * 100} for k in range(suggestions)]}
            for i in range(count)]


def test_feedback_floods_are_refused_and_the_largest_posts_accepted_store_little(make_app):
    """Posts of 1,000 entries with 20 suggestions each (before: 20 such posts stored 100 MB) are
    refused whole; twenty of the largest posts accepted add a few MB at most."""
    app = make_app()
    client = app.test_client()
    database = Path(app.extensions["cds_service"].store.engine.url.database)
    size_before = database.stat().st_size
    for post in range(3):
        response = client.post(f"/cds-services/{SIGN}/feedback", json={"feedback": _entries(1000, 20, f"f{post}")})
        assert response.status_code == 413
    assert database.stat().st_size - size_before < 200_000
    for post in range(20):
        response = client.post(f"/cds-services/{SIGN}/feedback",
                               json={"feedback": _entries(MAX_FEEDBACK_ENTRIES, MAX_ACCEPTED_SUGGESTIONS, f"a{post}")})
        assert response.status_code in (200, 413)
    assert database.stat().st_size - size_before < 20 * 300_000


@pytest.mark.parametrize("issued_by, posted_to, linked", [(SIGN, SIGN, True), (SIGN, SELECT, False)])
def test_feedback_links_only_to_cards_the_same_service_issued(make_app, issued_by, posted_to, linked):
    app = make_app()
    client = app.test_client()
    order = panel_order(id="panel-1")
    body = hook_request(order, coverages=[bcbsma()], hook="order-sign" if issued_by == SIGN else "order-select")
    [card] = HookClient(client).cards(body, issued_by)
    app.extensions["cds_service"].writer.flush(5)
    serum = card["suggestions"][-1]["uuid"]
    entry = {"card": card["uuid"], "outcome": "accepted", "acceptedSuggestions": [{"id": serum}]}
    assert _feedback(client, posted_to, [entry]).status_code == 200
    with app.extensions["cds_service"].store.session() as session:
        [row] = session.scalars(select(FeedbackRecord)).all()
    assert (row.known_card, row.service_id) == (linked, posted_to)
    assert row.accepted_kind == ("serum" if linked else "unknown")
