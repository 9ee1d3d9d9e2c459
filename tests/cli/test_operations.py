"""Operations that must not surprise: one-line refusals naming what is wrong, purge that shows and asks,
demo data that is marked and removable, a version, help with every default, and nothing left in /tmp."""
from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from cds_service import create_app
from cds_service.cli import build_parser, main
from cds_service.config import ConfigError
from cds_service.logs import JsonLinesFormatter
from cds_service.store import CallAudit, Store
from cds_service.store.models import CallRecord
from tests.conftest import BASE_CONFIG, SIGN
from tests.fixtures.served import free_port


def test_version_is_the_installed_one(capsys):
    from importlib.metadata import version
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"cds-service {version('cds-service')}"


def _commands(parser):
    for action in parser._actions:
        if hasattr(action, "choices") and isinstance(action.choices, dict):
            for name, sub in action.choices.items():
                yield name, sub
                yield from _commands(sub)


def test_every_option_of_every_command_has_help_and_its_default_is_shown():
    for name, command in _commands(build_parser()):
        assert command.description, name
        text = command.format_help()
        for action in command._actions:
            if action.option_strings and action.dest != "help":
                assert action.help, (name, action.dest)
                assert "(default:" in text, name


def test_serve_refuses_zero_workers(capsys):
    with pytest.raises(SystemExit) as done:
        main(["serve", "--workers", "0"])
    assert done.value.code == 2 and "--workers: must be at least 1" in capsys.readouterr().err


@pytest.fixture
def stored(tmp_path, monkeypatch):
    monkeypatch.setenv("CDS_DATA_DIR", str(tmp_path / "data"))
    store = Store(f"sqlite:///{tmp_path / 'data' / 'cds-service.db'}")
    store.upgrade()
    now = dt.datetime.now(dt.timezone.utc)
    store.write_calls([CallAudit(created_at=now - dt.timedelta(days=d), hook_instance=f"h{d}", service_id=SIGN,
                                 hook="order-sign", outcome="ok", status=200, policy_version="v")
                       for d in (1, 10, 400)])
    yield store
    store.dispose()


def _calls(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(CallRecord))


@pytest.mark.parametrize("days", ["-5", "0"])
def test_purge_refuses_nonsense_days_and_removes_nothing(stored, days, capsys):
    assert main(["db", "purge", "--days", days, "--yes"]) == 2
    assert "--days must be at least 1" in capsys.readouterr().err and _calls(stored) == 3


def test_purge_shows_what_it_would_remove_and_asks_unless_yes(stored, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))          # no terminal: refuses without --yes
    assert main(["db", "purge", "--days", "5"]) == 1
    out = capsys.readouterr()
    assert "older than 5 days" in out.out and "hook_calls 2" in out.out and "--yes" in out.err
    assert _calls(stored) == 3
    terminal = io.StringIO("n\n")
    terminal.isatty = lambda: True
    monkeypatch.setattr(sys, "stdin", terminal)
    assert main(["db", "purge", "--days", "5"]) == 1 and _calls(stored) == 3
    assert main(["db", "purge", "--days", "5", "--yes"]) == 0 and _calls(stored) == 1
    assert main(["db", "purge", "--yes"]) == 0 and _calls(stored) == 1      # 365 days by default


def test_demo_data_is_marked_synthetic_reported_as_such_and_purged_alone(stored, capsys):
    assert main(["demo-data", "--calls", "40", "--weeks", "2"]) == 0
    assert "marked synthetic" in capsys.readouterr().out
    assert main(["report"]) == 0
    assert "SYNTHETIC DATA PRESENT" in capsys.readouterr().out
    assert main(["db", "purge", "--synthetic", "--yes"]) == 0
    assert _calls(stored) == 3       # the real records stay
    assert main(["report"]) == 0
    assert "SYNTHETIC" not in capsys.readouterr().out


@pytest.mark.parametrize("url,words", [
    ("postgresql+psycopg://postgres@127.0.0.1:9/none", "Connection refused"),
    ("postgresql+psycopg://postgres@127.0.0.1:5432/cds_no_such_database", "does not exist"),
])
def test_db_upgrade_on_an_unreachable_or_missing_database_is_one_line(monkeypatch, capsys, url, words):
    monkeypatch.setenv("CDS_DATABASE_URL", url)
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err and "Traceback" not in err


def test_db_upgrade_without_the_postgresql_driver_says_which_extra_to_install(monkeypatch, capsys):
    monkeypatch.setenv("CDS_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    monkeypatch.setitem(sys.modules, "psycopg", None)      # as in the quick start's venv: no driver
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cds-service[postgres]" in err


def test_a_data_directory_that_cannot_be_written_stops_the_start_naming_the_setting(monkeypatch, capsys):
    # /sys refuses new files even to root, where a chmod would not.
    with pytest.raises(ConfigError, match="CDS_DATA_DIR: /sys is not a writable directory"):
        create_app({**BASE_CONFIG, "CDS_DATA_DIR": "/sys"})
    monkeypatch.setenv("CDS_DATA_DIR", "/sys")
    assert main(["serve", "--port", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("cds-service: cannot start: CDS_DATA_DIR") and not any("Traceback" in e for e in err)


def test_an_unknown_cds_environment_variable_is_warned_about(make_app, monkeypatch, caplog):
    monkeypatch.setenv("CDS_DATABASE_URI", "sqlite:///typo.db")
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        make_app()
    assert any("CDS_DATABASE_URI" in r.getMessage() for r in caplog.records)


def test_an_error_log_line_says_type_cause_and_place_but_no_request_values(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'no-schema.db'}")
    try:
        store.write_calls([CallAudit(created_at=dt.datetime.now(dt.timezone.utc), hook_instance="Quillfeather-PHI",
                                     service_id=SIGN, hook="order-sign", outcome="ok", status=200,
                                     policy_version="v")])
    except Exception:   # noqa: BLE001 - the failure is the subject
        record = logging.LogRecord("cds_service.store", logging.ERROR, __file__, 1, "audit write failed", None,
                                   sys.exc_info())
    line = json.loads(JsonLinesFormatter().format(record))
    store.dispose()
    assert line["error"].startswith("OperationalError") and "no such table: hook_calls" in line["cause"]
    assert line["where"].startswith("cds_service/store/database.py:") and line["where"].endswith("in write_calls")
    assert "Quillfeather" not in json.dumps(line)


def test_serve_in_a_fresh_data_directory_stores_audit_and_feedback_and_leaves_no_temporary_directory(tmp_path):
    """The README's quick start (`cds-service serve` on its defaults), with two workers."""
    from tests.fixtures.builders import hook_request, ma_plan, mrs_order
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CDS_")}
    env.update(TMPDIR=str(temp), CDS_DATA_DIR=str(tmp_path / "data"), CDS_PAYERS=json.dumps(BASE_CONFIG["CDS_PAYERS"]))
    process = subprocess.Popen([sys.executable, "-m", "cds_service", "serve", "--port", str(port), "--workers", "2"],
                               env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{base}/metrics", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        assert list(temp.iterdir())     # the shared metrics directory, while serving
        body = hook_request(mrs_order(), coverages=[ma_plan()])
        card = requests.post(f"{base}/cds-services/{SIGN}", json=body, timeout=20).json()["cards"][0]["uuid"]
        assert requests.post(f"{base}/cds-services/{SIGN}/feedback", timeout=20,
                             json={"feedback": [{"card": card, "outcome": "overridden"}]}).status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0
    assert list(temp.iterdir()) == []
    store = Store(f"sqlite:///{tmp_path / 'data' / 'cds-service.db'}")
    with store.session() as s:
        assert list(s.scalars(select(CallRecord.hook_instance))) == [body["hookInstance"]]
        from cds_service.store.models import FeedbackRecord
        assert [(f.card_uuid, f.known_card) for f in s.scalars(select(FeedbackRecord))] == [(card, True)]
    store.dispose()


def test_the_license_file_is_the_apache_license_pyproject_names():
    root = Path(__file__).resolve().parents[2]
    assert 'license = { text = "Apache-2.0" }' in (root / "pyproject.toml").read_text()
    text = (root / "LICENSE").read_text()
    assert "Apache License" in text and "Version 2.0, January 2004" in text and "END OF TERMS AND CONDITIONS" in text
    assert (root / "CHANGELOG.md").read_text().startswith("# Changelog")
