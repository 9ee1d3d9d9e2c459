"""The done-when checks of durable auditing, end to end: a PostgreSQL outage in the middle of traffic, a
gunicorn worker killed mid-load, a graceful stop, and a plain `gunicorn 'cds_service:create_app()'`."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, func, select, text

from cds_service.store import Store
from cds_service.store.spool import Spool
from cds_service.store.models import CallRecord, CardRecord, FeedbackRecord
from tests.conftest import BASE_CONFIG, SIGN
from tests.fixtures.builders import MA_PLAN_NAME, hook_request, ma_plan, mrs_order
from tests.store.conftest import POSTGRES


@pytest.fixture
def scratch_database():
    """A database of this test's own: refusing connections to it locks nobody else out."""
    name = f"cds_outage_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def refuse_connections(refuse: bool) -> None:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"false" if refuse else "true"}'))
            if refuse:
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"),
                             {"name": name})
    yield f"{POSTGRES.rsplit('/', 1)[0]}/{name}", refuse_connections
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _call(session: requests.Session, base: str) -> tuple[str, str] | None:
    body = hook_request(mrs_order(), coverages=[ma_plan()])
    try:
        r = session.post(f"{base}/cds-services/{SIGN}", json=body, timeout=20)
    except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError):
        # a worker killed mid-answer: the connection drops, or the body stops short of its length;
        # either way the caller never got a card, so the call is not one the store owes
        return None
    if r.status_code != 200:
        return None
    return body["hookInstance"], r.json()["cards"][0]["uuid"]


def _stored(url: str) -> tuple[set[str], set[str], dict[str, bool]]:
    store = Store(url)
    try:
        with store.session() as s:
            return (set(s.scalars(select(CallRecord.hook_instance))), set(s.scalars(select(CardRecord.uuid))),
                    {f.card_uuid: f.known_card for f in s.scalars(select(FeedbackRecord))})
    finally:
        store.dispose()


def test_a_database_outage_mid_traffic_loses_no_audit_record_card_or_feedback(live_server, scratch_database, tmp_path):
    url, refuse_connections = scratch_database
    base = live_server(CDS_DATABASE_URL=url, CDS_DATA_DIR=str(tmp_path / "live"))
    session = requests.Session()
    sent: list[tuple[str, str]] = []
    feedback: list[str] = []

    def traffic(n: int) -> None:
        for i in range(n):
            call = _call(session, base)
            assert call is not None
            sent.append(call)
            if i % 2:
                r = session.post(f"{base}/cds-services/{SIGN}/feedback", timeout=20,
                                 json={"feedback": [{"card": call[1], "outcome": "overridden"}]})
                assert r.status_code == 200, r.text
                feedback.append(call[1])
    traffic(20)
    refuse_connections(True)
    outage_started = time.monotonic()
    while time.monotonic() - outage_started < 4:
        traffic(5)
    during = len(sent) - 20
    ready = session.get(f"{base}/readyz", timeout=10).json()
    assert ready["checks"]["database"] is False and ready["checks"]["spool"]["records"] > 0
    metrics = session.get(f"{base}/metrics", timeout=10).text
    assert "cds_audit_spool_records" in metrics and "cds_audit_spool_oldest_age_seconds" in metrics
    refuse_connections(False)
    traffic(20)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        calls, cards, links = _stored(url)
        if len(calls) >= len(sent) and len(links) >= len(feedback):
            break
        time.sleep(0.5)
    calls, cards, links = _stored(url)
    print(f"outage: {len(sent)} calls ({during} during a {time.monotonic() - outage_started:.1f}s window "
          f"incl. the outage), {len(feedback)} feedback; stored {len(calls)} calls, {len(cards)} cards, "
          f"{len(links)} feedback")
    assert {h for h, _ in sent} <= calls and {c for _, c in sent} <= cards
    assert set(feedback) <= set(links) and all(links[c] for c in feedback)
    checks = session.get(f"{base}/readyz", timeout=10).json()["checks"]
    assert checks["spool"]["records"] == 0 and checks["dead_letters"] == 0


# --- gunicorn ---------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """A plain `gunicorn 'cds_service:create_app()'`, as a WSGI deployment runs it."""

    def __init__(self, tmp_path: Path, workers: int = 2, options: tuple[str, ...] = (), **env: str):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        environment = {k: v for k, v in os.environ.items() if not k.startswith("CDS_")}
        environment.update({"CDS_PAYERS": json.dumps(BASE_CONFIG["CDS_PAYERS"]), "CDS_LOG_LEVEL": "WARNING", **env})
        self.log = open(tmp_path / "gunicorn.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "20", *options, "cds_service:create_app()"],
            env=environment, cwd=tmp_path, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.base}/healthz", timeout=10).status_code == 200 and len(self.workers()) == workers:
                    return
            except (requests.ConnectionError, requests.Timeout):
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError((tmp_path / "gunicorn.log").read_text())

    def workers(self) -> list[int]:
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        except FileNotFoundError:
            return []
        return [int(c) for c in children]

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(60)
        self.log.close()
        return code


def test_plain_gunicorn_in_a_fresh_data_directory_stores_audit_and_feedback(tmp_path):
    data = tmp_path / "data"
    server = Gunicorn(tmp_path, workers=2, CDS_DATA_DIR=str(data))
    try:
        session = requests.Session()
        calls = [_call(session, server.base) for _ in range(6)]
        for _, card in calls:
            r = session.post(f"{server.base}/cds-services/{SIGN}/feedback", timeout=20,
                             json={"feedback": [{"card": card, "outcome": "overridden"}]})
            assert r.status_code == 200, r.text
    finally:
        assert server.stop() == 0
    stored_calls, cards, links = _stored(f"sqlite:///{data / 'cds-service.db'}")
    assert {h for h, _ in calls} <= stored_calls and {c for _, c in calls} <= cards
    assert {c for _, c in calls} == set(links) and all(links.values())


def _load(base: str, stop: threading.Event, sent: list) -> None:
    session = requests.Session()
    while not stop.is_set():
        call = _call(session, base)
        if call is not None:
            sent.append(call)


def test_a_worker_killed_mid_load_loses_at_most_its_last_batch_and_a_graceful_stop_loses_none(tmp_path):
    data = tmp_path / "data"
    server = Gunicorn(tmp_path, workers=2, CDS_DATA_DIR=str(data))
    sent: list[tuple[str, str]] = []
    stop = threading.Event()
    clients = [threading.Thread(target=_load, args=(server.base, stop, sent)) for _ in range(4)]
    try:
        for c in clients:
            c.start()
        while len(sent) < 150:
            time.sleep(0.05)
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = len(sent)
        while len(sent) < killed_at + 150:
            time.sleep(0.05)
    finally:
        stop.set()
        for c in clients:
            c.join(30)
        code = server.stop()
    assert code == 0
    calls, cards, _ = _stored(f"sqlite:///{data / 'cds-service.db'}")
    lost = {h for h, _ in sent} - calls
    print(f"SIGKILL: {len(sent)} calls answered 200, {len(calls)} stored, {len(lost)} lost "
          f"(the killed worker's unflushed batch); cards stored {len({c for _, c in sent} & cards)}")
    assert len(lost) <= 500   # AuditWriter batch size: at most the killed worker's last batch
    # Everything answered after the kill went to workers that stopped gracefully: none of it is lost.
    assert not ({h for h, _ in sent[killed_at + 20:]} - calls)


def test_metrics_under_plain_gunicorn_with_the_shipped_config_add_up_every_worker(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    server = Gunicorn(tmp_path, workers=2, options=("-c", "python:cds_service.gunicorn_conf"),
                      CDS_DATA_DIR=str(tmp_path / "data"), TMPDIR=str(temp))
    try:
        session = requests.Session()
        for _ in range(12):
            assert _call(session, server.base) is not None
        totals = set()
        for _ in range(6):   # whichever worker answers, the sum is the same
            body = requests.get(f"{server.base}/metrics", timeout=10).text
            totals.add(sum(float(line.split()[-1]) for line in body.splitlines()
                           if line.startswith("cds_hook_calls_total{")))
        assert totals == {12.0}
    finally:
        assert server.stop() == 0
    assert list(temp.iterdir()) == []


def test_a_graceful_stop_during_an_outage_keeps_every_record_for_the_next_start(tmp_path, scratch_database, make_app):
    url, refuse_connections = scratch_database
    data = tmp_path / "data"
    server = Gunicorn(tmp_path, workers=2, CDS_DATA_DIR=str(data), CDS_DATABASE_URL=url)
    session = requests.Session()
    try:
        refuse_connections(True)
        sent = [_call(session, server.base) for _ in range(30)]
        assert None not in sent
    finally:
        assert server.stop() == 0          # SIGTERM while the database still refuses
    assert Spool(data / "spool", 1 << 30).state().records == len(sent)   # all on disk, none lost at exit
    refuse_connections(False)
    # The next start (any process with the same data directory) writes what the stopped workers spooled.
    app = make_app(CDS_DATA_DIR=str(data), CDS_DATABASE_URL=url)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(_stored(url)[0]) < len(sent):
        time.sleep(0.3)
    calls, cards, _ = _stored(url)
    print(f"SIGTERM during outage: {len(sent)} calls answered, {len(calls)} stored after the next start")
    assert {h for h, _ in sent} <= calls and {c for _, c in sent} <= cards
    assert app.extensions["cds_service"].writer.spool.state().records == 0

