"""The report's figures against a known data set, in every format; and the demo-data generator."""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import subprocess
import sys
import textwrap

from sqlalchemy import func, select

from cds_service.cli import main
from cds_service.report import build_report, render
from cds_service.store import CallAudit, CardAudit, FeedbackEntry, Store
from cds_service.store.models import CallRecord
from tests.conftest import SIGN

MONDAY = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.timezone.utc)


def known_data_set(store: Store) -> None:
    def call(when, cards, shadow=False):
        return CallAudit(created_at=when, hook_instance=f"h{when.timestamp()}{len(cards)}{shadow}", service_id=SIGN,
                         hook="order-sign", outcome="ok", status=200, policy_version="v", shadow=shadow, cards=cards)

    def card(uuid, policy, payer, service, situation, indicator, suggestions):
        return CardAudit(uuid, service, policy, payer, situation, indicator, [], suggestions)
    week2 = MONDAY + dt.timedelta(days=7)
    store.write_calls([
        call(MONDAY, [card("A", "bcbsma-073", "bcbsma", "panel", "policy-applies", "warning", {"a1": "remove", "a2": "serum"}),
                      card("B", "bcbsma-073", "bcbsma", "panel", "policy-applies", "warning", {"b1": "remove"})]),
        call(week2, [card("C", "ma-mrs", "ma-mrs-plan", "mrs", "policy-applies", "warning", {"c1": "remove"}),
                     card("D", "ma-mrs", "ma-mrs-plan", "mrs", "policy-applies", "warning", {"d1": "remove"})]),
        call(week2, [card("E", None, None, "panel", "no-coverage", "info", {"e1": "remove", "e2": "serum"}),
                     card("G", "premera-x", "premera", "panel", "policy-applies", "warning", {"g1": "serum"})]),
        call(week2, [card("F", "ma-mrs", "ma-mrs-plan", "mrs", "policy-applies", "warning", {})], shadow=True),
    ])

    def fb(card_uuid, outcome, minutes, accepted=(), code=None, display=None):
        stamp = MONDAY + dt.timedelta(days=8, minutes=minutes)
        return FeedbackEntry(card=card_uuid, outcome=outcome, accepted_suggestions=list(accepted),
                             override_code=code, override_display=display, outcome_timestamp=stamp,
                             outcome_timestamp_text=stamp.isoformat(), received_at=stamp)
    store.record_feedback(SIGN, [
        fb("A", "accepted", 1, ["a2"]),
        fb("B", "overridden", 2, code="clinical-exception", display="Clinical exception or prior authorization requested"),
        fb("C", "accepted", 3, ["c1"]),
        fb("E", "overridden", 4),
        fb("G", "overridden", 5), fb("G", "accepted", 6, ["g1"]),     # the later outcome counts
        fb("ZZZ", "accepted", 7),                                     # names no card we issued
    ], keep_comments=False)


def test_report_figures_match_a_known_data_set(database_url):
    store = Store(database_url)
    store.upgrade()
    known_data_set(store)
    data = build_report(store, now=MONDAY + dt.timedelta(days=13))
    t = data.total
    assert (t.shown, t.would_have_fired, t.accepted, t.overridden, t.no_feedback) == (6, 1, 3, 2, 1)
    assert (t.accepted_serum, t.accepted_remove, t.offered_serum) == (2, 1, 3)
    assert t.override_rate == (2, 5) and t.serum_rate == (2, 3)
    assert data.unknown_card_feedback == 1
    bcbs = data.by["policy"]["bcbsma-073"]
    assert (bcbs.shown, bcbs.accepted, bcbs.overridden, bcbs.override_rate, bcbs.serum_rate) == (2, 1, 1, (1, 2), (1, 1))
    assert bcbs.reasons == {"Clinical exception or prior authorization requested": 1}
    mrs = data.by["order type"]["mrs"]
    assert (mrs.shown, mrs.would_have_fired, mrs.no_feedback) == (2, 1, 1)
    assert data.by["card"]["no-coverage (info)"].reasons == {"(no reason given)": 1}
    assert {w: (v.shown, v.accepted, v.overridden) for w, v in data.weekly.items()} == {
        "2026-W45": (2, 1, 1), "2026-W46": (4, 2, 1)}
    store.dispose()


def test_a_card_accepted_then_dismissed_counts_as_accepted_and_its_override_reason_is_listed(database_url):
    """The Sandbox posts "accepted" for the suggestion, then "overridden" when the card is dismissed."""
    store = Store(database_url)
    store.upgrade()
    store.write_calls([CallAudit(created_at=MONDAY, hook_instance="h", service_id=SIGN, hook="order-sign",
                                 outcome="ok", status=200, policy_version="v", cards=[
                                     CardAudit(f"S{i}", "mrs", "ma-mrs", "ma-mrs-plan", "policy-applies", "warning",
                                               [], {f"s{i}": "remove"}) for i in range(4)])])

    def fb(card, outcome, minute, accepted=(), code=None):
        stamp = MONDAY + dt.timedelta(minutes=minute)
        return FeedbackEntry(card=card, outcome=outcome, accepted_suggestions=list(accepted), override_code=code,
                             outcome_timestamp=stamp, outcome_timestamp_text=stamp.isoformat(), received_at=stamp)
    store.record_feedback(SIGN, [fb(f"S{i}", "accepted", 1, [f"s{i}"]) for i in range(3)]
                          + [fb(f"S{i}", "overridden", 2, code="dismissed") for i in range(4)], keep_comments=False)
    t = build_report(store).total
    assert (t.shown, t.accepted, t.accepted_remove, t.overridden, t.no_feedback) == (4, 3, 3, 1, 0)
    assert t.reasons == {"dismissed": 4}
    store.dispose()


def test_report_renders_the_same_figures_as_text_csv_and_html(database_url):
    store = Store(database_url)
    store.upgrade()
    known_data_set(store)
    data = build_report(store, now=MONDAY + dt.timedelta(days=13))
    text = render(data, "text")
    assert "override rate 1/4 (25%); serum-substitution rate 2/2 (100%)" in text     # warnings
    assert "override rate 1/1 (100%); serum-substitution rate 0/1 (0%)" in text      # the info card
    rows = list(csv.DictReader(io.StringIO(render(data, "csv"))))
    everything = next(r for r in rows if r["dimension"] == "all")
    assert (everything["shown"], everything["overridden"], everything["override_rate"]) == ("6", "2", "0.4000")
    assert {r["key"] for r in rows if r["dimension"] == "week"} == {"2026-W45", "2026-W46"}
    page = render(data, "html")
    assert "<svg" in page and "1/4 (25%)" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)   # one self-contained page
    since = build_report(store, dt.date(2026, 11, 9))
    assert since.total.shown == 4
    store.dispose()


def test_report_and_demo_data_commands(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CDS_DATA_DIR", str(tmp_path))
    assert main(["demo-data", "--calls", "200", "--weeks", "4", "--seed", "3"]) == 0
    assert "200 hook calls" in capsys.readouterr().out
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    assert "By policy" in text and "BCBS MA policy 073" in text and "Weekly trend" in text
    out = tmp_path / "report.html"
    assert main(["report", "--format", "html", "--out", str(out), "--since", "2000-01-01"]) == 0
    assert out.read_text().startswith("<!doctype html>")
    assert main(["report", "--since", "not-a-date"]) == 2


def test_several_processes_writing_at_once_lose_nothing(database_url, tmp_path):
    store = Store(database_url)
    store.upgrade()
    script = textwrap.dedent(f"""
        from cds_service import create_app
        from tests.fixtures.builders import hook_request, mrs_order, ma_plan
        app = create_app({{"CDS_DATABASE_URL": {database_url!r}, "CDS_DATA_DIR": {str(tmp_path)!r},
                          "CDS_PAYERS": {{"ma-mrs-plan": {{"names": ["Cascade Medicare Advantage Plan"]}}}}}})
        client = app.test_client()
        for _ in range(20):
            assert client.post("/cds-services/{SIGN}", json=hook_request(mrs_order(), coverages=[ma_plan()])).status_code == 200
        assert app.extensions["cds_service"].writer.flush(20)
    """)
    env = dict(os.environ, PYTHONPATH=os.getcwd())
    procs = [subprocess.Popen([sys.executable, "-c", script], env=env, stderr=subprocess.PIPE) for _ in range(3)]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read().decode()[-2000:]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(CallRecord)) == 60
    store.dispose()


def test_report_counts_cards_per_trigger_most_fired_first(make_app, database_url):
    from tests.fixtures.builders import hook_request, panel_order, service_request
    Store(database_url).upgrade()
    app = make_app(CDS_DATABASE_URL=database_url)
    client = app.test_client()
    orders = [service_request("MRI brain with MR spectroscopy", codes=[("http://www.ama-assn.org/go/cpt", "76390")]),
              service_request("MRS brain"), service_request("Proton MRS"), panel_order(), service_request("MRS score")]
    for order in orders:
        assert client.post(f"/cds-services/{SIGN}", json=hook_request(order)).status_code == 200
    runtime = app.extensions["cds_service"]
    assert runtime.writer.flush(5)
    triggers = build_report(runtime.store).by["trigger"]
    assert [(k, v.shown) for k, v in triggers.items()] == [
        ("mrs-abbreviation", 2), ("mrs-mr-spectroscopy", 1), ("mrs:cpt:76390", 1), ("panel-spectracell-micronutrient", 1)]
    assert "By trigger" in render(build_report(runtime.store), "text")


def test_report_names_triggers_by_code_or_by_their_id_in_services_yaml(make_app, database_url):
    from tests.fixtures.builders import hook_request, service_request
    Store(database_url).upgrade()
    app = make_app(CDS_DATABASE_URL=database_url)
    order = service_request("MR spectroscopy", codes=[("http://www.ama-assn.org/go/cpt", "76390")])
    assert app.test_client().post(f"/cds-services/{SIGN}", json=hook_request(order)).status_code == 200
    runtime = app.extensions["cds_service"]
    assert runtime.writer.flush(5)
    text = render(build_report(runtime.store, policy_set=runtime.policy_set), "text")
    assert "CPT 76390 (MR spectroscopy)" in text and "mrs-mr-spectroscopy (words, MR spectroscopy)" in text
    assert "mrs:cpt:76390" not in text
