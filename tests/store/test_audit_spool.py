"""The spool and the dead-letter file on a real file system: what waits for the database is kept whole,
within its cap, replayed oldest first by whoever finds it unheld, and what no database takes is kept
with why."""
from __future__ import annotations

import json
import os
import time

from cds_service.store.records import FeedbackBatch, FeedbackEntry
from cds_service.store.spool import DeadLetters, Spool, decode, encode
from tests.store.test_durability import _audit


def line_size(item) -> int:
    return len(json.dumps(encode(item), separators=(",", ":"), ensure_ascii=True).encode()) + 1


def test_nothing_to_append_writes_nothing(tmp_path):
    spool = Spool(tmp_path / "spool", 1 << 20)
    assert spool.append([]) == 0
    assert not (tmp_path / "spool").exists() and not spool.has_backlog()


def test_the_spool_keeps_batches_up_to_its_cap_exactly_and_refuses_the_batch_that_would_pass_it(tmp_path):
    first, second = _audit(), _audit()
    spool = Spool(tmp_path / "spool", line_size(first) + line_size(second))
    assert spool.append([first]) == 1
    assert spool.append([second]) == 1
    assert spool.append([_audit()]) == 0
    assert spool.total_bytes() == line_size(first) + line_size(second)
    assert spool.state().records == 2


def test_calls_and_feedback_come_back_from_the_spool_as_they_went_in(tmp_path):
    call = _audit()
    feedback = FeedbackBatch("svc", [FeedbackEntry(card="c-1", outcome="accepted")], keep_comments=True)
    assert decode(json.loads(json.dumps(encode(call)))) == call
    assert decode(json.loads(json.dumps(encode(feedback)))) == feedback
    assert [encode(call)["kind"], encode(feedback)["kind"]] == ["call", "feedback"]


def test_the_open_segment_is_not_replayed_until_it_is_closed(tmp_path):
    spool = Spool(tmp_path / "spool", 1 << 20)
    spool.append([_audit()])
    assert list(spool.claim()) == []
    spool.close_segment()
    [(path, items, broken)] = list(spool.claim())
    assert len(items) == 1 and broken == []
    spool.done(path)
    assert not path.exists() and not spool.has_backlog()


def test_a_segment_another_writer_holds_is_left_to_it(tmp_path):
    mine, theirs = Spool(tmp_path / "spool", 1 << 20), Spool(tmp_path / "spool", 1 << 20)
    theirs.append([_audit()])          # held under its lock while that writer lives
    mine.append([_audit()])
    mine.close_segment()
    claimed = [path for path, _, _ in mine.claim()]
    assert len(claimed) == 1 and claimed[0] != theirs._handle.name
    theirs.close_segment()
    assert len(list(mine.claim())) == 2


def test_segments_are_replayed_oldest_first(tmp_path):
    first, second = Spool(tmp_path / "spool", 1 << 20), Spool(tmp_path / "spool", 1 << 20)
    old, new = _audit(), _audit()
    first.append([old])
    time.sleep(0.01)
    second.append([new])
    first.close_segment()
    second.close_segment()
    replayed = [items[0].hook_instance for _, items, _ in Spool(tmp_path / "spool", 1 << 20).claim()]
    assert replayed == [old.hook_instance, new.hook_instance]


def test_a_line_cut_short_by_a_crash_is_handed_back_as_unreadable_and_the_rest_are_read(tmp_path):
    spool = Spool(tmp_path / "spool", 1 << 20)
    spool.append([_audit(), _audit()])
    spool.close_segment()
    [path] = list((tmp_path / "spool").iterdir())
    with open(path, "ab") as handle:
        handle.write(b'{"kind":"call","rec')
    [(_, items, broken)] = list(spool.claim())
    assert len(items) == 2 and broken == [b'{"kind":"call","rec']


def test_the_state_counts_records_bytes_segments_and_the_age_of_the_oldest(tmp_path):
    spool = Spool(tmp_path / "spool", 1 << 20)
    spool.append([_audit(), _audit()])
    spool.close_segment()
    spool.append([_audit()])
    state = spool.state()
    assert (state.records, state.segments) == (3, 2)
    assert state.bytes == spool.total_bytes() == sum(p.stat().st_size for p in (tmp_path / "spool").iterdir())
    assert 0 <= state.oldest_age_seconds < 60


def test_an_empty_segment_is_not_counted_and_the_segments_after_it_are(tmp_path):
    (tmp_path / "spool").mkdir()
    (tmp_path / "spool" / f"{time.time_ns():020d}-1.jsonl").write_bytes(b"")
    spool = Spool(tmp_path / "spool", 1 << 20)
    state = spool.state()
    assert (state.records, state.segments, state.bytes) == (0, 0, 0)
    spool.append([_audit()])                    # a newer segment, named after the empty one
    state = spool.state()
    assert (state.records, state.segments) == (1, 1)


def test_spooled_lines_are_ascii_whatever_the_records_text(tmp_path):
    spool = Spool(tmp_path / "spool", 1 << 20)
    audit = _audit(hook_instance="Größe – 測試")
    spool.append([audit])
    spool.close_segment()
    [segment] = list((tmp_path / "spool").iterdir())
    assert segment.read_bytes().isascii() and spool.total_bytes() == line_size(audit)
    [(_, [back], _)] = list(spool.claim())
    assert back.hook_instance == "Größe – 測試"


def test_a_segment_rewritten_shorter_is_counted_afresh(tmp_path):
    spool = Spool(tmp_path / "spool", 1 << 20)
    spool.append([_audit(), _audit(), _audit()])
    spool.close_segment()
    assert spool.state().records == 3
    [path] = list((tmp_path / "spool").iterdir())
    path.write_bytes(path.read_bytes().split(b"\n", 1)[0] + b"\n")
    assert spool.state().records == 1


def test_a_spool_that_does_not_exist_yet_is_empty(tmp_path):
    spool = Spool(tmp_path / "not-yet", 1 << 20)
    assert spool.state().records == 0 and spool.total_bytes() == 0 and list(spool.claim()) == []


def test_dead_letters_keep_each_record_with_why_and_unreadable_lines_as_text(tmp_path):
    letters = DeadLetters(tmp_path / "data" / "dead")     # the data directory itself may be gone
    assert letters.count() == 0
    letters.add(encode(_audit(hook_instance="h-1")), "value too long")
    letters.add(b'{"kind":"call","rec\xff', "unreadable spool line")
    assert letters.count() == 2
    [path] = list((tmp_path / "data" / "dead").iterdir())
    assert path.name == f"{os.getpid()}.jsonl"
    first, second = (json.loads(line) for line in path.read_text().splitlines())
    assert (first["error"], first["kind"], first["record"]["hook_instance"]) == ("value too long", "call", "h-1")
    assert (second["error"], second["unreadable"]) == ("unreadable spool line", '{"kind":"call","rec\ufffd')
    assert time.strptime(first["time"], "%Y-%m-%dT%H:%M:%SZ")


# --- the writer over a real SQLite database that is away, then back -------------------------------

def counted(name: str) -> float:
    from prometheus_client import REGISTRY
    return REGISTRY.get_sample_value(name) or 0.0


def away_database(tmp_path):
    """A SQLite database whose path a directory stands in: unreachable until that directory is removed."""
    from cds_service.store import Store
    (tmp_path / "audit.db").mkdir()
    return Store(f"sqlite:///{tmp_path / 'audit.db'}"), tmp_path / "audit.db"


def writer_on(store, tmp_path, **options):
    from cds_service.store.writer import AuditWriter
    options = {"linger": 0.01, "retry_interval": 0.05, "scan_interval": 0.05, **options}
    spool_bytes = options.pop("spool_bytes", 1 << 20)
    return AuditWriter(store, Spool(tmp_path / "spool", spool_bytes), DeadLetters(tmp_path / "dead"), **options)


def wait_for(condition, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_records_wait_in_the_spool_while_the_database_is_away_and_are_written_when_it_returns(tmp_path):
    from sqlalchemy import func, select
    from cds_service.store.models import CallRecord
    store, directory = away_database(tmp_path)
    writer = writer_on(store, tmp_path)
    spooled = counted("cds_audit_spooled_records_total")
    audits = [_audit() for _ in range(3)]
    try:
        assert all(writer.submit(a) for a in audits)
        assert writer.flush(10) and writer.spooling
        assert writer.spool.state().records == 3
        assert counted("cds_audit_spooled_records_total") == spooled + 3
        directory.rmdir()
        with store.session() as session:
            assert wait_for(lambda: store.schema_ready and session.scalar(select(func.count()).select_from(CallRecord)) == 3)
        assert wait_for(lambda: not writer.spooling and writer.spool.state().records == 0)
        assert writer.dead_letters.count() == 0
    finally:
        writer.close()
        store.dispose()


def test_a_full_spool_while_the_database_is_away_loses_records_counted_and_said(tmp_path, caplog):
    store, _ = away_database(tmp_path)
    writer = writer_on(store, tmp_path, spool_bytes=10)
    dropped = counted("cds_audit_dropped_records_total")
    try:
        with caplog.at_level("ERROR", logger="cds_service.store"):
            writer.submit(_audit())
            assert writer.flush(10)
        assert counted("cds_audit_dropped_records_total") == dropped + 1
        assert any(r.getMessage() == "1 audit record(s) lost (database unavailable; the spool is full or not writable)"
                   for r in caplog.records)
        assert any(r.getMessage().startswith("database unavailable; audit records go to the local spool")
                   for r in caplog.records)
    finally:
        writer.close()
        store.dispose()


def test_records_a_full_queue_cannot_take_wait_in_the_spool(tmp_path):
    store, _ = away_database(tmp_path)
    writer = writer_on(store, tmp_path, max_queue=1, linger=0.2)
    try:
        assert all(writer.submit(_audit()) for _ in range(20))
        assert writer.flush(10)
        assert writer.spool.state().records == 20
    finally:
        writer.close()
        store.dispose()


def test_a_writer_never_started_has_nothing_to_flush(tmp_path):
    store, _ = away_database(tmp_path)
    assert writer_on(store, tmp_path).flush(0.01) is True
    store.dispose()


def test_a_spool_that_cannot_be_written_is_said_and_its_records_counted_as_lost(tmp_path, caplog):
    store, _ = away_database(tmp_path)
    (tmp_path / "spool").write_text("a file where the spool directory should be")
    writer = writer_on(store, tmp_path)
    dropped = counted("cds_audit_dropped_records_total")
    try:
        with caplog.at_level("ERROR", logger="cds_service.store"):
            writer.submit(_audit())
            assert writer.flush(10)
        messages = [r.getMessage() for r in caplog.records]
        assert "audit spool not writable" in messages
        assert "1 audit record(s) lost (database unavailable; the spool is full or not writable)" in messages
        assert counted("cds_audit_dropped_records_total") == dropped + 1
    finally:
        writer.close()
        store.dispose()


def test_what_a_stopped_process_left_in_the_spool_is_written_in_batches_and_its_cut_line_set_aside(tmp_path, caplog):
    """At start the writer replays segments nobody holds, oldest first, in batches; a line no one can
    read goes to the dead-letter file with why, never silently away."""
    from sqlalchemy import func, select
    from cds_service.store import Store
    from cds_service.store.models import CallRecord
    left = Spool(tmp_path / "spool", 1 << 20)
    audits = [_audit() for _ in range(5)]
    left.append(audits)
    left.close_segment()
    [segment] = list((tmp_path / "spool").iterdir())
    with open(segment, "ab") as handle:
        handle.write(b'{"kind":"call","rec')
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    writer = writer_on(store, tmp_path, batch=2)
    dead = counted("cds_audit_dead_letter_records_total")
    try:
        with caplog.at_level("WARNING", logger="cds_service.store"):
            writer.start()
            assert wait_for(lambda: any(r.getMessage().startswith("audit spool written") for r in caplog.records))
        assert not segment.exists()
        with store.session() as session:
            assert session.scalar(select(func.count()).select_from(CallRecord)) == 5
        assert writer.dead_letters.count() == 1
        [letter] = [json.loads(line) for p in (tmp_path / "dead").iterdir() for line in p.read_text().splitlines()]
        assert (letter["error"], letter["unreadable"]) == ("unreadable spool line", '{"kind":"call","rec')
        assert counted("cds_audit_dead_letter_records_total") == dead + 1
        messages = [r.getMessage() for r in caplog.records]
        assert "unreadable line in the audit spool; set aside in the dead-letter file" in messages
        assert "audit spool written to the database: 5 record(s)" in messages
    finally:
        writer.close()
        store.dispose()


def test_a_batch_the_database_refuses_is_written_record_by_record_and_the_refused_one_set_aside(tmp_path, caplog):
    import math
    from sqlalchemy import select
    from cds_service.store import Store
    from cds_service.store.models import CallRecord
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    store.upgrade()
    writer = writer_on(store, tmp_path, linger=0.5)
    refused = _audit(latency_ms=math.nan)          # NOT NULL float: SQLite stores NaN as NULL and refuses it
    batch = [_audit(), refused, _audit()]
    dead = counted("cds_audit_dead_letter_records_total")
    try:
        with caplog.at_level("WARNING", logger="cds_service.store"):
            for audit in batch:
                writer.submit(audit)
            assert writer.flush(10)
        with store.session() as session:
            stored = set(session.scalars(select(CallRecord.hook_instance)))
        assert stored == {batch[0].hook_instance, batch[2].hook_instance}
        [letter] = [json.loads(line) for p in (tmp_path / "dead").iterdir() for line in p.read_text().splitlines()]
        assert (letter["record"]["hook_instance"], letter["error"]) == (refused.hook_instance, "IntegrityError (sqlite3.IntegrityError)")
        assert counted("cds_audit_dead_letter_records_total") == dead + 1
        messages = [r.getMessage() for r in caplog.records]
        assert "audit batch refused; writing its 3 record(s) one by one" in messages
        [refusal] = [r for r in caplog.records if r.getMessage().startswith("audit record refused by the database")]
        assert refusal.getMessage() == "audit record refused by the database; set aside in the dead-letter file"
        assert refusal.hookInstance == refused.hook_instance
        assert not writer.spooling
    finally:
        writer.close()
        store.dispose()


def test_records_still_in_hand_when_the_writer_must_stop_go_to_the_spool(tmp_path):
    """A graceful stop while the database is held by another writer: what the writer could not finish
    in time waits in the spool for the next start."""
    import sqlite3
    from cds_service.store import Store
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    store.upgrade()
    holder = sqlite3.connect(tmp_path / "audit.db", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    writer = writer_on(store, tmp_path)
    try:
        for _ in range(3):
            writer.submit(_audit())
        assert wait_for(lambda: bool(writer._inflight), 5)     # the writer thread waits on the lock
        started = time.monotonic()
        writer.close(timeout=0.3)
        assert time.monotonic() - started < 3, "the stop waits its timeout, not the database's 5 s"
        assert writer.spool.state().records == 3
    finally:
        holder.execute("COMMIT")
        holder.close()
        writer.flush(10)
        store.dispose()


def test_a_database_another_writer_holds_makes_records_wait_in_the_spool_not_the_dead_letter_file(tmp_path, caplog):
    """SQLite in WAL mode answers reads while another connection holds the write lock, so only the
    words of the error ("database is locked") tell an outage from a record the database refuses."""
    import sqlite3
    from cds_service.store import Store
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    store.upgrade()
    holder = sqlite3.connect(tmp_path / "audit.db", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    writer = writer_on(store, tmp_path)
    try:
        with caplog.at_level("WARNING", logger="cds_service.store"):
            writer.submit(_audit())
            writer.submit(_audit())
            assert writer.flush(15)
        assert writer.spooling and writer.spool.state().records == 2 and writer.dead_letters.count() == 0
        assert not any("one by one" in r.getMessage() for r in caplog.records)
    finally:
        holder.execute("COMMIT")
        holder.close()
        writer.close()
        store.dispose()


def test_records_a_full_spool_cannot_take_at_a_stop_are_counted_lost_and_said(tmp_path, caplog):
    import sqlite3
    from cds_service.store import Store
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    store.upgrade()
    holder = sqlite3.connect(tmp_path / "audit.db", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    writer = writer_on(store, tmp_path, spool_bytes=10)
    try:
        writer.submit(_audit())
        assert wait_for(lambda: bool(writer._inflight), 5)
        with caplog.at_level("ERROR", logger="cds_service.store"):
            writer.close(timeout=0.3)
        assert ("1 audit record(s) lost (stopping with the database unavailable; the spool is full or not writable)"
                in [r.getMessage() for r in caplog.records])
    finally:
        holder.execute("COMMIT")
        holder.close()
        writer.flush(10)
        store.dispose()


def test_a_database_whose_schema_cannot_be_prepared_keeps_the_spool_and_says_why(tmp_path, caplog):
    """A database migrated by a newer release: the spooled records stay where they are."""
    from sqlalchemy import text
    from cds_service.store import Store
    url = f"sqlite:///{tmp_path / 'audit.db'}"
    newer = Store(url)
    newer.upgrade()
    with newer.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    newer.dispose()
    left = Spool(tmp_path / "spool", 1 << 20)
    left.append([_audit()])
    left.close_segment()
    store = Store(url)
    writer = writer_on(store, tmp_path)
    try:
        with caplog.at_level("ERROR", logger="cds_service.store"):
            writer.start()
            assert wait_for(lambda: any(r.getMessage() == "database schema could not be prepared" for r in caplog.records))
        [said] = [r for r in caplog.records if r.getMessage() == "database schema could not be prepared"][:1]
        assert said.error == "SchemaError" and "revision 0099" in said.cause
        assert writer.spool.state().records == 1
    finally:
        writer.close()
        store.dispose()


def test_a_writer_failure_sends_its_batch_to_the_spool_and_says_what_failed(tmp_path, caplog):
    """The dead-letter directory cannot be made: the failure escapes the batch, and the writer lives on."""
    import math
    from cds_service.store import Store
    store = Store(f"sqlite:///{tmp_path / 'audit.db'}")
    store.upgrade()
    (tmp_path / "dead").write_text("a file where the dead-letter directory should be")
    writer = writer_on(store, tmp_path)
    try:
        with caplog.at_level("ERROR", logger="cds_service.store"):
            writer.submit(_audit(latency_ms=math.nan))
            assert writer.flush(10)
        [failure] = [r for r in caplog.records if r.getMessage() == "audit writer failed; its records went to the spool"]
        assert failure.error == "FileExistsError"
        assert writer.spool.state().records == 1
    finally:
        writer.close()
        store.dispose()
