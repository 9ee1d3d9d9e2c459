"""Input that parses but that nothing downstream can hold, and framing an HTTP library would never send:
each is a clear 4xx OperationOutcome naming what was wrong, under the development server and under
`cds-service serve` alike, over real loopback connections."""
from __future__ import annotations

import json
import socket

import pytest
import requests

from cds_service.feedback import MAX_FEEDBACK_BYTES
from tests.conftest import SELECT, SIGN, WIRE_BODY_LIMIT
from tests.fixtures.builders import hook_request, ma_plan, mrs_order, panel_order
from tests.fixtures.hostile import answer_problem, hostile_requests
from tests.fixtures.served import chunked_post, raw_request

HOOK = f"/cds-services/{SIGN}"
FEEDBACK = f"/cds-services/{SIGN}/feedback"


def post(base: str, path: str, body: object) -> requests.Response:
    # json.dumps writes an unpaired surrogate as the escape "\ud800", exactly as a hostile client would.
    return requests.post(base + path, data=json.dumps(body), headers={"Content-Type": "application/json"}, timeout=10)


def refused(response: requests.Response, status: int = 400) -> str:
    assert response.status_code == status, response.text[:300]
    assert response.headers["Content-Type"].startswith("application/fhir+json")
    body = response.json()
    assert body["resourceType"] == "OperationOutcome" and "Traceback" not in response.text
    return body["issue"][0]["diagnostics"]


def test_an_unpaired_surrogate_in_an_in_scope_orders_text_is_400_naming_the_element(wire):
    words = refused(post(wire, HOOK, hook_request(panel_order("SpectraCell \ud800 panel"))))
    assert "'context.draftOrders.entry[0].resource.code.text'" in words and "surrogate" in words


def test_an_unpaired_surrogate_in_a_feedback_card_id_is_400_naming_the_element(wire):
    words = refused(post(wire, FEEDBACK, {"feedback": [{"card": "\udc00card", "outcome": "accepted"}]}))
    assert "'feedback[0].card'" in words


def test_an_unpaired_surrogate_in_a_member_name_is_400(wire):
    body = hook_request(mrs_order(), coverages=[ma_plan()])
    body["context"]["draftOrders"]["entry"][0]["resource"]["\ud83d"] = 1
    assert "member name" in refused(post(wire, HOOK, body))


def nested(levels: int) -> dict:
    inner: dict = {"url": "http://example.org/leaf", "valueString": "x"}
    for _ in range(levels):
        inner = {"url": "http://example.org/nest", "extension": [inner]}
    return inner


def test_an_order_nested_300_levels_deep_that_crd_would_echo_is_400_naming_where(wire):
    # With the Medicare Advantage coverage the order is echoed back in a CRD system action.
    body = hook_request(mrs_order(extension=[nested(150)]), coverages=[ma_plan()])
    words = refused(post(wire, HOOK, body))
    assert words.startswith("'context.draftOrders.entry[0].resource.extension[0].extension[0]") and "nested" in words


def test_nesting_a_real_client_uses_is_still_answered(wire):
    body = hook_request(mrs_order(extension=[nested(20)]), coverages=[ma_plan()])
    response = post(wire, HOOK, body)
    assert response.status_code == 200
    [action] = response.json()["systemActions"]
    assert action["resource"]["extension"][0] == nested(20)


@pytest.mark.parametrize("number", ["1e400", "-1e400", "NaN", "Infinity"])
def test_numbers_json_cannot_carry_back_are_400(wire, number):
    raw = json.dumps(hook_request(mrs_order(quantityQuantity={"value": 0}), coverages=[ma_plan()]))
    raw = raw.replace('"value": 0', f'"value": {number}')
    response = requests.post(wire + HOOK, data=raw, headers={"Content-Type": "application/json"}, timeout=10)
    words = refused(response)
    assert "quantityQuantity.value" in words or "not valid JSON" in words


@pytest.mark.parametrize("timestamp", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
                                       "0001-01-01T00:00:00.000001+00:01"])
def test_outcome_timestamps_outside_the_storable_range_are_400_naming_the_element(wire, timestamp):
    body = {"feedback": [{"card": "c-1", "outcome": "accepted", "outcomeTimestamp": timestamp}]}
    words = refused(post(wire, FEEDBACK, body))
    assert "'feedback[0].outcomeTimestamp'" in words and timestamp in words


@pytest.mark.parametrize("timestamp", ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-11-22T05:40:56.238-14:00"])
def test_extreme_but_storable_outcome_timestamps_are_stored(wire, timestamp):
    body = {"feedback": [{"card": "c-1", "outcome": "accepted", "outcomeTimestamp": timestamp}]}
    assert post(wire, FEEDBACK, body).status_code == 200


@pytest.mark.parametrize("size_line", [b"zz", b"-5", b"0x10", b"1 2"])
def test_a_malformed_chunk_size_is_a_400_operation_outcome(wire, size_line):
    answer = raw_request(wire, chunked_post(HOOK, [b'{"hook": "order-sign"}'], raw_sizes=[size_line]))
    assert answer.status == 400
    assert "chunk" in answer.outcome()["diagnostics"]


def test_a_chunked_body_over_the_limit_is_413_not_a_truncated_parse(wire):
    body = hook_request(mrs_order(), coverages=[])
    body["context"]["padding"] = "x" * WIRE_BODY_LIMIT
    raw = json.dumps(body).encode()
    for chunks in ([raw], [raw[i:i + 500] for i in range(0, len(raw), 500)]):
        answer = raw_request(wire, chunked_post(HOOK, chunks))
        assert answer.status == 413
        issue = answer.outcome()
        assert issue["code"] == "too-costly" and str(WIRE_BODY_LIMIT) in issue["diagnostics"]


def test_a_chunked_body_within_the_limit_is_answered(wire):
    raw = json.dumps(hook_request(mrs_order(), coverages=[ma_plan()])).encode()
    answer = raw_request(wire, chunked_post(HOOK, [raw[i:i + 100] for i in range(0, len(raw), 100)]))
    assert answer.status == 200
    [card] = answer.json()["cards"]
    assert card["indicator"] == "warning"


def test_a_body_shorter_than_its_content_length_is_400(wire):
    head = (f"POST {HOOK} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 500\r\nConnection: close\r\n\r\n").encode()
    host, port = wire.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + b'{"hook": "order-sign"')
        sock.shutdown(socket.SHUT_WR)      # the client stops sending
        received = b""
        while data := sock.recv(65536):
            received += data
    assert received.startswith(b"HTTP/1.1 400")
    assert b"OperationOutcome" in received


def test_feedback_bodies_have_their_own_smaller_limit(make_app):
    client = make_app().test_client()          # the default limits: 5 MB for a hook call
    entries = [{"card": f"c-{i}", "outcome": "overridden", "overrideReason": {"userComment": "x" * 4000}}
               for i in range(90)]
    response = client.post(FEEDBACK, json={"feedback": entries})
    assert response.status_code == 413 and str(MAX_FEEDBACK_BYTES) in response.get_json()["issue"][0]["diagnostics"]
    body = hook_request(mrs_order(), coverages=[])
    body["context"]["padding"] = "x" * 400_000
    assert client.post(HOOK, json=body).status_code == 200


@pytest.mark.parametrize("head, status", [
    (b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (b"GET /cds-services HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 9000 + b"\r\n\r\n", 431),
    (b"HELLO\r\n\r\n", 400),
    (b"GET /cds-services HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n", 400),
])
def test_errors_gunicorn_answers_itself_are_operation_outcomes(served_service, head, status):
    answer = raw_request(served_service, head)
    assert answer.status == status
    assert answer.outcome()["severity"] == "error"


def test_order_select_reads_the_same_guard(wire):
    order = mrs_order(id="sel-1")
    order["code"]["text"] = "\ud800"
    words = refused(post(wire, f"/cds-services/{SELECT}", hook_request(order, hook="order-select")))
    assert "code.text" in words


def test_hostile_but_valid_json_never_breaks_the_service(make_app):
    """A few hundred bodies from the hostile generator (python -m benchmarks.fuzz sends thousands)."""
    client = make_app().test_client()
    statuses = set()
    for path, raw in hostile_requests(seed=20261122, count=300):
        response = client.post(path, data=raw, content_type="application/json")
        problem = answer_problem(response.status_code, response.content_type, response.get_data(as_text=True))
        assert problem is None, f"{problem}: {path} {raw[:300]!r}"
        statuses.add(response.status_code)
    assert {200, 400} <= statuses       # the generator reaches both the engine and the refusals


@pytest.mark.parametrize("path, headers", [(HOOK, {}), ("/cds-services/no-such-service", {}),
                                           (HOOK, {"Origin": "https://cds-attacker.example"})])
def test_an_answer_sent_before_the_body_was_read_closes_the_connection(wire, path, headers):
    """A 413 (or 404, 403) leaves the body on the wire: the answer says the connection closes, so a
    client's next request on a kept-alive connection is not lost."""
    body = hook_request(mrs_order(), coverages=[])
    body["context"]["padding"] = "x" * (WIRE_BODY_LIMIT * 5)
    with requests.Session() as session:
        refused_answer = session.post(wire + path, json=body, headers=headers, timeout=10)
        assert refused_answer.status_code in (403, 404, 413)
        assert "close" in [v.strip().lower() for v in refused_answer.headers.get("Connection", "").split(",")]
        for _ in range(3):
            assert session.post(wire + HOOK, json=hook_request(mrs_order(), coverages=[]), timeout=10).status_code == 200
