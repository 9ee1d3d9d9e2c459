"""Audit, feedback, shadow mode, hashing, outage and retention, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest
import requests
from sqlalchemy import func, inspect, select, text

from cds_service.store import CallAudit, CardAudit, Store
from cds_service.store.models import CallRecord, CardRecord, FeedbackRecord
from tests.conftest import SIGN, HookClient
from tests.fixtures import schema
from tests.fixtures.builders import bcbsma, hook_request, ma_plan, mrs_order, panel_order, service_request


def app_on(make_app, url, **overrides):
    app = make_app(CDS_DATABASE_URL=url, **overrides)
    app.extensions["cds_service"].store.upgrade()
    return app


def flushed(app):
    assert app.extensions["cds_service"].writer.flush(10)
    return app.extensions["cds_service"].store


def rows(store, model):
    with store.session() as s:
        return list(s.scalars(select(model)))


def test_migrations_create_the_schema_and_can_run_twice(database_url):
    store = Store(database_url)
    store.upgrade()
    store.upgrade()
    assert store.schema_current()
    tables = set(inspect(store.engine).get_table_names())
    assert {"hook_calls", "issued_cards", "feedback", "jwt_replay", "alembic_version"} <= tables
    store.dispose()


def test_every_hook_call_leaves_an_audit_record(make_app, database_url):
    app = app_on(make_app, database_url)
    hooks = HookClient(app.test_client())
    body = hook_request(panel_order(id="p1", code={"text": "SpectraCell Micronutrient", "coding": [
        {"system": "http://hospital.example/lab", "code": "SC1"}]}), coverages=[bcbsma()])
    [card] = hooks.cards(body)
    hooks.post(b"{broken", SIGN)
    hooks.cards(hook_request(service_request("Ferritin")))
    store = flushed(app)
    calls = sorted(rows(store, CallRecord), key=lambda r: r.id)
    assert [(c.outcome, c.status) for c in calls] == [("ok", 200), ("invalid", 400), ("ok", 200)]
    first = calls[0]
    assert first.hook_instance == body["hookInstance"] and first.service_id == SIGN and first.hook == "order-sign"
    assert first.payers == ["bcbsma"] and first.lines_of_business == ["commercial"]
    assert first.policies == ["bcbsma-073"] and first.situations == ["policy-applies"]
    assert (first.orders, first.cards, first.system_actions) == (1, 1, 1)
    assert first.policy_version == app.extensions["cds_service"].policy_set.version
    assert first.latency_ms > 0 and first.patient_hash and first.patient_hash != "p1"
    assert first.user_hash and first.user_hash != first.patient_hash
    [issued] = rows(store, CardRecord)
    assert issued.uuid == card["uuid"] and issued.call_id == first.id
    assert (issued.policy_id, issued.payer_id, issued.situation, issued.indicator) == (
        "bcbsma-073", "bcbsma", "policy-applies", "warning")
    assert issued.order_codes == ["http://hospital.example/lab|SC1"]
    assert issued.triggers == ["panel-spectracell-micronutrient"]
    assert sorted(issued.suggestions.values()) == ["remove", "serum"]
    assert set(issued.suggestions) == {s["uuid"] for s in card["suggestions"]}


def test_no_names_or_free_text_reach_the_database(make_app, database_url):
    app = app_on(make_app, database_url)
    body = hook_request(panel_order("SpectraCell for Mrs Quillfeather's fatigue"), coverages=[bcbsma()])
    body["prefetch"]["patient"] = {"resourceType": "Patient", "id": "p1", "name": [{"family": "Quillfeather"}]}
    body["context"]["patientId"] = "patient-8842"
    HookClient(app.test_client()).cards(body)
    store = flushed(app)
    with store.engine.connect() as conn:
        dump = " ".join(str(row) for table in ("hook_calls", "issued_cards")
                        for row in conn.exec_driver_sql(f"SELECT * FROM {table}"))
    assert "Quillfeather" not in dump and "patient-8842" not in dump and "fatigue" not in dump


def test_patient_hash_is_keyed_and_stable(make_app, database_url, tmp_path):
    a = app_on(make_app, database_url, CDS_HASH_SECRET="one")
    b = app_on(make_app, database_url, CDS_HASH_SECRET="two")
    for app in (a, b, a):
        HookClient(app.test_client()).cards(hook_request(mrs_order(), coverages=[ma_plan()]))
        flushed(app)
    hashes = [c.patient_hash for c in sorted(rows(a.extensions["cds_service"].store, CallRecord), key=lambda r: r.id)]
    assert hashes[0] == hashes[2] != hashes[1]


def test_generated_secret_is_shared_through_the_data_directory(make_app, tmp_path):
    data = tmp_path / "shared-data"
    first = make_app(CDS_DATA_DIR=str(data), CDS_DATABASE_URL=f"sqlite:///{tmp_path}/x.db")
    second = make_app(CDS_DATA_DIR=str(data), CDS_DATABASE_URL=f"sqlite:///{tmp_path}/x.db")
    assert first.extensions["cds_service"].hash_secret == second.extensions["cds_service"].hash_secret
    assert (data / "hash-secret").stat().st_mode & 0o777 == 0o600


def feedback_body(card, outcome, **extra):
    return {"feedback": [{"card": card, "outcome": outcome, "outcomeTimestamp": "2026-11-22T05:40:56.238Z", **extra}]}


def test_feedback_links_to_the_card_and_its_suggestion(make_app, database_url):
    app = app_on(make_app, database_url)
    client = app.test_client()
    [card] = HookClient(client).cards(hook_request(panel_order(), coverages=[bcbsma()]))
    serum = card["suggestions"][1]["uuid"]
    accepted = schema.sandbox_request("sandbox-feedback-accepted")
    accepted["feedback"][0].update(card=card["uuid"], acceptedSuggestions=[{"id": serum}])
    response = client.post(f"/cds-services/{SIGN}/feedback", json=accepted)
    assert response.status_code == 200 and response.get_json() == {}
    [row] = rows(app.extensions["cds_service"].store, FeedbackRecord)
    assert (row.known_card, row.outcome, row.accepted_kind, row.accepted_suggestions) == (
        True, "accepted", "serum", [serum])


def test_sandbox_override_without_reason_display_and_unknown_card_are_stored(make_app, database_url):
    app = app_on(make_app, database_url)
    client = app.test_client()
    overridden = schema.sandbox_request("sandbox-feedback-overridden")
    overridden["feedback"][0]["overrideReason"] = {"reason": {"system": "urn:x", "code": "coverage-info-wrong"}}
    assert client.post(f"/cds-services/{SIGN}/feedback", json=overridden).status_code == 200
    [row] = rows(app.extensions["cds_service"].store, FeedbackRecord)
    assert (row.known_card, row.outcome, row.override_code, row.override_display) == (
        False, "overridden", "coverage-info-wrong", None)


def test_repeated_identical_feedback_is_stored_once(make_app, database_url):
    app = app_on(make_app, database_url)
    client = app.test_client()
    body = feedback_body("card-1", "overridden")
    for _ in range(3):
        assert client.post(f"/cds-services/{SIGN}/feedback", json=body).status_code == 200
    assert len(rows(app.extensions["cds_service"].store, FeedbackRecord)) == 1


@pytest.mark.parametrize("keep,expected", [("off", None), ("on", "Patient insists; discussed cost")])
def test_user_comment_is_kept_only_when_allowed(make_app, database_url, keep, expected):
    app = app_on(make_app, database_url, CDS_KEEP_COMMENTS=keep)
    body = feedback_body("card-1", "overridden", overrideReason={"userComment": "Patient insists; discussed cost"})
    assert app.test_client().post(f"/cds-services/{SIGN}/feedback", json=body).status_code == 200
    [row] = rows(app.extensions["cds_service"].store, FeedbackRecord)
    assert row.user_comment == expected


@pytest.mark.parametrize("body", [
    {}, {"feedback": []}, {"feedback": "x"}, {"feedback": [{"outcome": "accepted"}]},
    {"feedback": [{"card": "c", "outcome": "maybe"}]},
    {"feedback": [{"card": "c", "outcome": "accepted", "acceptedSuggestions": ["id"]}]},
    {"feedback": [{"card": "c", "outcome": "overridden", "overrideReason": {"reason": "text"}}]},
    {"feedback": [{"card": "c", "outcome": "overridden", "outcomeTimestamp": "yesterday"}]},
])
def test_malformed_feedback_is_400(make_app, body):
    response = make_app().test_client().post(f"/cds-services/{SIGN}/feedback", json=body)
    assert response.status_code == 400 and response.get_json()["resourceType"] == "OperationOutcome"


def test_feedback_for_an_unknown_service_is_404(make_app):
    assert make_app().test_client().post("/cds-services/nope/feedback", json=feedback_body("c", "accepted")
                                         ).status_code == 404


def test_shadow_mode_returns_nothing_but_audits_what_would_have_fired(make_app, database_url):
    app = app_on(make_app, database_url, CDS_SHADOW_MODE="on")
    response = HookClient(app.test_client()).post(hook_request(mrs_order(), coverages=[ma_plan()]))
    assert response.get_json() == {"cards": []}
    store = flushed(app)
    [call] = rows(store, CallRecord)
    [card] = rows(store, CardRecord)
    assert call.shadow and call.cards == 1 and card.shadow and card.policy_id == "ma-mrs"


def test_disabled_policies_are_visible_in_the_audit(make_app, database_url):
    app = app_on(make_app, database_url, CDS_DISABLED_POLICIES="premera-intracellular-micronutrient")
    HookClient(app.test_client()).cards(hook_request(panel_order(), coverages=[bcbsma()]))
    [call] = rows(flushed(app), CallRecord)
    assert call.disabled_policies == ["premera-intracellular-micronutrient"]


def test_database_outage_never_costs_the_clinician_the_card_nor_the_record(make_app, caplog, tmp_path):
    app = make_app(CDS_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:9/none")
    hooks = HookClient(app.test_client())
    with caplog.at_level(logging.ERROR, logger="cds_service.store"):
        [card] = hooks.cards(hook_request(mrs_order(), coverages=[ma_plan()]))
        assert app.extensions["cds_service"].writer.flush(15)
    assert card["indicator"] == "warning"
    outage = [r for r in caplog.records if "database unavailable" in r.getMessage()]
    assert outage and outage[-1].error.startswith("OperationalError") and "Connection refused" in outage[-1].cause
    response = app.test_client().post(f"/cds-services/{SIGN}/feedback", json=feedback_body(card["uuid"], "accepted"))
    assert response.status_code == 200
    assert app.extensions["cds_service"].writer.flush(15)
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 503 and ready.get_json()["checks"]["spool"]["records"] == 2


def test_purge_removes_only_what_is_older_than_the_retention(database_url):
    store = Store(database_url)
    store.upgrade()
    now = dt.datetime.now(dt.timezone.utc)

    def audit(days_ago, uuid):
        return CallAudit(created_at=now - dt.timedelta(days=days_ago), hook_instance=uuid, service_id=SIGN,
                         hook="order-sign", outcome="ok", status=200, policy_version="v",
                         cards=[CardAudit(uuid, "mrs", "ma-mrs", "ma-mrs-plan", "policy-applies", "warning", [], {})])
    store.write_calls([audit(400, "old"), audit(10, "new")])
    counts = store.purge(now - dt.timedelta(days=365))
    assert counts["hook_calls"] == 1 and counts["issued_cards"] == 1
    assert [c.uuid for c in rows(store, CardRecord)] == ["new"]
    store.dispose()


def test_replay_store_remembers_a_token_until_it_expires(database_url):
    store = Store(database_url)
    store.upgrade()
    soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=5)
    assert store.remember_token("https://iss", "jti-1", soon) is True
    assert store.remember_token("https://iss", "jti-1", soon) is False
    assert store.remember_token("https://other", "jti-1", soon) is True
    past = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
    assert store.remember_token("https://iss", "jti-2", past) is True
    assert store.remember_token("https://iss", "jti-2", soon) is True   # the first one had expired
    store.dispose()


def test_a_token_replayed_at_once_from_many_hosts_is_accepted_exactly_once(database_url):
    # An attacker who captured a token sends it to every host at the same instant: the token-id
    # statement (autocommit, its own connections) must still let exactly one of them through.
    first = Store(database_url)
    first.upgrade()
    hosts = [first] + [Store(database_url) for _ in range(7)]
    soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=5)
    for round_no in range(5):
        start = threading.Barrier(len(hosts) * 2)
        answers: list[bool] = []

        def send(store: Store) -> None:
            start.wait()
            answers.append(store.remember_token("https://iss", f"jti-race-{round_no}", soon))

        threads = [threading.Thread(target=send, args=(h,)) for h in hosts for _ in range(2)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=30)
        assert sorted(answers) == [False] * (len(threads) - 1) + [True]
    for h in hosts:
        h.dispose()


def test_concurrent_hook_calls_and_feedback_lose_nothing(live_server, database_url, tmp_path):
    store = Store(database_url)
    store.upgrade()
    store.dispose()
    base = live_server(CDS_DATABASE_URL=database_url, CDS_DATA_DIR=str(tmp_path / "live"))
    per_thread, threads = 15, 8
    errors: list[str] = []

    def worker() -> None:
        session = requests.Session()
        for _ in range(per_thread):
            r = session.post(f"{base}/cds-services/{SIGN}", json=hook_request(mrs_order(), coverages=[ma_plan()]),
                             timeout=20)
            if r.status_code != 200:
                errors.append(r.text)
                continue
            card = r.json()["cards"][0]["uuid"]
            f = session.post(f"{base}/cds-services/{SIGN}/feedback",
                             json=feedback_body(card, "overridden"), timeout=20)
            if f.status_code != 200:
                errors.append(f.text)
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    assert errors == []
    app_store = Store(database_url)
    import time
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        with app_store.session() as s:
            calls = s.scalar(select(func.count()).select_from(CallRecord))
        if calls == per_thread * threads:
            break
        time.sleep(0.1)
    with app_store.session() as s:
        assert s.scalar(select(func.count()).select_from(CallRecord)) == per_thread * threads
        assert s.scalar(select(func.count()).select_from(CardRecord)) == per_thread * threads
        assert s.scalar(select(func.count()).select_from(FeedbackRecord)) == per_thread * threads
        assert s.scalar(select(func.count()).select_from(FeedbackRecord).where(FeedbackRecord.known_card)) == \
            per_thread * threads
    app_store.dispose()


def test_token_checks_do_not_wait_for_the_wal_flush_and_audit_writes_still_do(database_url):
    store = Store(database_url)
    store.upgrade()
    try:
        soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(minutes=5)
        assert store.remember_token("https://iss", "jti-flush", soon) is True
        if store.engine.dialect.name != "postgresql":
            return
        with store._replay_engine().connect() as connection:
            assert connection.execute(text("SHOW synchronous_commit")).scalar() == "off"
        with store.engine.connect() as connection:
            assert connection.execute(text("SHOW synchronous_commit")).scalar() == "on"
        # in autocommit, a check is committed before the next one asks: another session sees it
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM jwt_replay")).scalar() == 1
    finally:
        store.dispose()


def test_audit_batches_of_any_size_use_few_statement_texts_and_match_the_same_rows():
    from cds_service.store.database import _padded
    lengths = set()
    for n in range(0, 513):   # the writer batches at most 500
        values = [f"k{i}" for i in range(n)]
        padded = _padded(values)
        assert set(padded) == set(values) and padded[:n] == values
        lengths.add(len(padded))
    assert lengths == {0} | {2 ** k for k in range(10)}   # 1 ... 512
