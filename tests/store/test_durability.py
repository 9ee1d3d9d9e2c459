"""Nothing is lost: a fresh data directory works without a separate step, an odd value never takes its
batch down, a record no database accepts is set aside with why, and records wait out an outage."""
from __future__ import annotations

import datetime as dt
import json
import math
import multiprocessing
import uuid

import pytest
from sqlalchemy import create_engine, func, select, text

from cds_service import create_app
from cds_service.store import CallAudit, CardAudit, FeedbackEntry, Store
from cds_service.store.models import CallRecord, CardRecord, FeedbackRecord
from tests.conftest import BASE_CONFIG, SIGN, HookClient
from tests.fixtures.builders import hook_request, ma_plan, mrs_order
from tests.store.conftest import POSTGRES


def rows(store, model):
    with store.session() as s:
        return list(s.scalars(select(model)))


def count(store, model):
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_fresh_data_directory_stores_audit_and_feedback_without_a_separate_step(tmp_path):
    data = tmp_path / "fresh"
    app = create_app({**BASE_CONFIG, "CDS_DATA_DIR": str(data)})
    client = app.test_client()
    [card] = HookClient(client).cards(hook_request(mrs_order(), coverages=[ma_plan()]))
    response = client.post(f"/cds-services/{SIGN}/feedback",
                           json={"feedback": [{"card": card["uuid"], "outcome": "overridden"}]})
    assert response.status_code == 200
    runtime = app.extensions["cds_service"]
    assert runtime.writer.flush(10)
    [call] = rows(runtime.store, CallRecord)
    [feedback] = rows(runtime.store, FeedbackRecord)
    assert call.cards == 1 and feedback.known_card
    runtime.writer.close()
    runtime.store.dispose()


def _migrate(url: str) -> str:
    store = Store(url)
    try:
        store.upgrade()
        return "ok" if store.schema_current() else "behind"
    except Exception as exc:   # noqa: BLE001 - reported to the parent
        return f"{type(exc).__name__}: {exc}"
    finally:
        store.dispose()


def test_several_workers_starting_at_once_migrate_once(database_url, tmp_path):
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.map(_migrate, [database_url] * 4)
    assert results == ["ok"] * 4
    store = Store(database_url)
    assert store.schema_current()
    store.dispose()


def test_odd_values_are_made_storable_and_never_take_their_batch_down(make_app, database_url):
    app = make_app(CDS_DATABASE_URL=database_url)
    hooks = HookClient(app.test_client())
    odd = ["x" * 129, "x" * 2048, "nul\u0000inside", "lone \ud800 surrogate"]
    good = []
    for i in range(12):
        body = hook_request(mrs_order(code={"text": "MR spectroscopy", "coding": [
            {"system": "http://www.ama-assn.org/go/cpt", "code": "76390"},
            {"system": "urn:local\u0000", "code": "odd \u0000 code" + "y" * 400}]}), coverages=[ma_plan()])
        body["hookInstance"] = odd[i % len(odd)] if i % 3 == 0 else str(uuid.uuid4())
        good.append(body["hookInstance"])
        raw = json.dumps(body).encode()   # json escapes the lone surrogate as \\ud800, as a client would
        # A lone surrogate is refused at the door (400) and audited as a refused call in the same batch.
        expected = 400 if "\ud800" in body["hookInstance"] else 200
        assert hooks.post(raw, headers={"Content-Type": "application/json"}).status_code == expected
    runtime = app.extensions["cds_service"]
    assert runtime.writer.flush(15)
    calls = rows(runtime.store, CallRecord)
    assert len(calls) == 12 and count(runtime.store, CardRecord) == 11
    long_one = next(c for c in calls if c.sanitized and c.sanitized.get("hook_instance") == 2048)
    assert long_one.hook_instance == "x" * 128
    assert any(c.hook_instance == "nulinside" for c in calls)
    assert [(c.status, c.outcome) for c in calls if c.status != 200] == [(400, "invalid")]
    assert runtime.writer.dead_letters.count() == 0


def _audit(**overrides):
    fields = dict(created_at=dt.datetime.now(dt.timezone.utc), hook_instance=str(uuid.uuid4()), service_id=SIGN,
                  hook="order-sign", outcome="ok", status=200, policy_version="v",
                  cards=[CardAudit(str(uuid.uuid4()), "mrs", "ma-mrs", "ma-mrs-plan", "policy-applies", "warning",
                                   [], {})])
    fields.update(overrides)
    return CallAudit(**fields)


def test_a_record_the_database_refuses_is_set_aside_with_why_and_the_rest_are_stored(make_app, database_url, caplog):
    app = make_app(CDS_DATABASE_URL=database_url)
    runtime = app.extensions["cds_service"]
    # Refused by any database whatever we clean: NaN in a NOT NULL float (SQLite stores NULL) and an
    # order count beyond a 32-bit integer (PostgreSQL).
    refused = _audit(latency_ms=math.nan, orders=2 ** 40)
    batch = [_audit() for _ in range(5)] + [refused] + [_audit() for _ in range(5)]
    for audit in batch:
        runtime.writer.submit(audit)
    assert runtime.writer.flush(15)
    stored = {c.hook_instance for c in rows(runtime.store, CallRecord)}
    assert stored == {a.hook_instance for a in batch} - {refused.hook_instance}
    assert runtime.writer.dead_letters.count() == 1
    [path] = list(runtime.writer.dead_letters.directory.glob("*.jsonl"))
    letter = json.loads(path.read_text())
    assert letter["record"]["hook_instance"] == refused.hook_instance and letter["error"]
    assert any("dead-letter" in r.getMessage() for r in caplog.records)


def test_a_record_written_twice_is_stored_once(database_url):
    store = Store(database_url)
    store.upgrade()
    audit = _audit()
    store.write_calls([audit])
    store.write_calls([audit, _audit()])
    assert count(store, CallRecord) == 2 and count(store, CardRecord) == 2
    store.dispose()


def test_feedback_stored_before_its_card_is_linked_when_the_card_arrives(database_url):
    store = Store(database_url)
    store.upgrade()
    audit = _audit()
    store.record_feedback(SIGN, [FeedbackEntry(card=audit.cards[0].uuid, outcome="overridden")], keep_comments=False)
    assert not rows(store, FeedbackRecord)[0].known_card
    store.write_calls([audit])
    assert rows(store, FeedbackRecord)[0].known_card
    store.dispose()


def test_feedback_posted_while_another_worker_stores_its_card_is_linked(database_url):
    """Two workers, two connections: the card is committed by one worker's audit writer after the other
    worker looked the card up for its feedback and before it stored that feedback."""
    from sqlalchemy import event
    feedback_side, audit_side = Store(database_url), Store(database_url)
    feedback_side.upgrade()
    audit = _audit()
    written = []

    def store_the_card_first(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO FEEDBACK") and not written:
            written.append(True)
            audit_side.write_calls([audit])

    event.listen(feedback_side.engine, "before_cursor_execute", store_the_card_first)
    try:
        feedback_side.record_feedback(SIGN, [FeedbackEntry(card=audit.cards[0].uuid, outcome="overridden")],
                                      keep_comments=False)
        assert written
        assert rows(feedback_side, FeedbackRecord)[0].known_card
    finally:
        event.remove(feedback_side.engine, "before_cursor_execute", store_the_card_first)
        feedback_side.dispose()
        audit_side.dispose()


def test_records_wait_in_the_spool_until_the_database_exists_and_are_then_written(make_app, tmp_path):
    """A database that is not there yet (created late by an operator) is an outage like any other."""
    name = f"cds_late_{uuid.uuid4().hex[:8]}"
    base = POSTGRES.rsplit("/", 1)[0]
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    try:
        app = make_app(CDS_DATABASE_URL=f"{base}/{name}")
        runtime = app.extensions["cds_service"]
        runtime.writer._retry_interval = 0.2
        hooks = HookClient(app.test_client())
        cards = [hooks.cards(hook_request(mrs_order(), coverages=[ma_plan()]))[0]["uuid"] for _ in range(5)]
        assert runtime.writer.flush(10) and runtime.writer.spooling
        assert runtime.writer.spool.state().records == 5
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        hooks.cards(hook_request(mrs_order(), coverages=[ma_plan()]))
        store = Store(f"{base}/{name}")
        import time
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (not store.schema_current() or count(store, CardRecord) < 6):
            time.sleep(0.2)
        assert {c.uuid for c in rows(store, CardRecord)} >= set(cards) and count(store, CallRecord) == 6
        assert runtime.writer.spool.state().records == 0 and not runtime.writer.spooling
        store.dispose()
        runtime.writer.close()
        runtime.store.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_a_sqlite_database_held_by_another_writer_makes_records_wait_not_dead_letters(make_app, tmp_path):
    import sqlite3
    import threading
    import time
    app = make_app()
    runtime = app.extensions["cds_service"]
    runtime.writer._retry_interval = 0.2
    path = runtime.store.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")          # e.g. a long purge in another process
    released = threading.Timer(7, lambda: holder.execute("COMMIT"))
    released.start()
    try:
        hooks = HookClient(app.test_client())
        cards = [hooks.cards(hook_request(mrs_order(), coverages=[ma_plan()]))[0]["uuid"] for _ in range(3)]
        released.join()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and count(runtime.store, CardRecord) < 3:
            time.sleep(0.2)
        assert {c.uuid for c in rows(runtime.store, CardRecord)} == set(cards)
        assert runtime.writer.dead_letters.count() == 0
    finally:
        released.cancel()
        holder.close()


def test_a_schema_from_a_newer_release_stops_the_start_with_one_line(tmp_path, capsys, monkeypatch):
    from cds_service.cli import main
    from cds_service.config import ConfigError
    url = f"sqlite:///{tmp_path / 'newer.db'}"
    store = Store(url)
    store.upgrade()
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    store.dispose()
    with pytest.raises(ConfigError, match="CDS_DATABASE_URL: the database schema is at revision 0099"):
        create_app({**BASE_CONFIG, "CDS_DATA_DIR": str(tmp_path / "data"), "CDS_DATABASE_URL": url})
    monkeypatch.setenv("CDS_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "revision 0099" in err


def test_the_spool_counts_what_each_segment_gained_since_it_last_looked(tmp_path):
    from cds_service.store.spool import Spool
    spool = Spool(tmp_path / "spool", 1 << 20)
    spool.append([_audit(), _audit()])
    assert spool.state().records == 2
    spool.append([_audit()])
    assert spool.state().records == 3 and spool.state().bytes > 0
    spool.close_segment()
    [(path, items, broken)] = list(spool.claim())
    assert len(items) == 3 and not broken
    Spool.done(path)
    assert spool.state().records == 0


def test_values_no_column_can_hold_are_cleaned_in_audit_records_and_feedback_alike(make_app, database_url):
    from cds_service.store.records import FeedbackBatch
    app = make_app(CDS_DATABASE_URL=database_url)
    runtime = app.extensions["cds_service"]
    audit = _audit(hook_instance="lone \ud800 surrogate")
    audit.cards[0].order_codes = ["urn:x\u0000|code \udfff"]
    runtime.writer.submit(audit)
    runtime.writer.submit(FeedbackBatch(SIGN, [FeedbackEntry(card=audit.cards[0].uuid + "\u0000", outcome="overridden",
                                                             override_code="nul\u0000code", override_display="d" * 300)]))
    assert runtime.writer.flush(15)
    [call] = rows(runtime.store, CallRecord)
    [card] = rows(runtime.store, CardRecord)
    [feedback] = rows(runtime.store, FeedbackRecord)
    assert call.hook_instance == "lone ? surrogate" and card.order_codes == ["urn:x|code ?"]
    assert call.sanitized == {"hook_instance": len("lone \ud800 surrogate"), "card.order_codes": len(str(["urn:x\u0000|code \udfff"]))}
    assert (feedback.card_uuid, feedback.override_code, feedback.override_display) == (card.uuid, "nulcode", "d" * 255)
    assert feedback.known_card and feedback.sanitized["override_display"] == 300
    assert runtime.writer.dead_letters.count() == 0
