"""The override report as an analyst reads it: names rather than ids, warnings apart from info cards,
rates on honest axes with partial weeks marked, every export stamped with its period, text that fits
100 columns, and the HTML page as a browser draws it."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import xml.etree.ElementTree as ET

import pytest

from cds_service.cli import main
from cds_service.report import build_report, render
from cds_service.store import Store
from tests.fixtures.browser import has_colour, rendered_text, screenshot
from tests.store.test_report import MONDAY, known_data_set

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def store(database_url):
    store = Store(database_url)
    store.upgrade()
    known_data_set(store)
    yield store
    store.dispose()


def test_the_report_names_payers_policies_and_services(store, policy_set):
    data = build_report(store, now=MONDAY + dt.timedelta(days=13), policy_set=policy_set)
    text = render(data, "text")
    assert "BCBS MA policy 073" in text and "Medicare Advantage MRS policy" in text
    assert "Blue Cross Blue Shield of Massachusetts" in text and "Magnetic resonance spectroscopy" in text
    assert "warning: the patient's policy applies" in text and "info: no coverage in the request" in text
    assert not re.search(r"\bbcbsma-073\b|\bma-mrs\b|\bbcbsma\b", text)
    assert "premera-x" in text          # an id no longer on file is shown as it is, never dropped
    page = render(data, "html")
    assert "BCBS MA policy 073" in page and ">bcbsma-073<" not in page
    rows = list(csv.DictReader(io.StringIO(render(data, "csv"))))
    policy = next(r for r in rows if r["dimension"] == "policy" and r["key"] == "bcbsma-073")
    assert policy["name"] == "BCBS MA policy 073"     # the CSV keeps the id for machines, and the name


def test_warnings_and_info_cards_have_separate_override_rates(store):
    data = build_report(store, now=MONDAY + dt.timedelta(days=13))
    warning, info = data.by_indicator["warning"], data.by_indicator["info"]
    assert (warning.shown, warning.override_rate) == (5, (1, 4))
    assert (info.shown, info.override_rate) == (1, (1, 1))
    text = render(data, "text")
    assert "Warnings (the patient's policy applies): 5 shown" in text
    assert "Info cards (evidence, policy not in effect or not for this plan): 1 shown" in text
    assert "override rate 2/5" not in text           # the mixed figure is gone from the headline
    rows = {(r["dimension"], r["key"]): r for r in csv.DictReader(io.StringIO(render(data, "csv")))}
    assert rows[("indicator", "warning")]["override_rate"] == "0.2500"
    assert rows[("indicator", "info")]["override_rate"] == "1.0000"
    # The bar chart by policy counts warnings only.
    assert {k: v.override_rate for k, v in data.warnings_by_policy.items()} == {
        "bcbsma-073": (1, 2), "ma-mrs": (0, 1), "premera-x": (0, 1)}


def _trend(page: str) -> ET.Element:
    svg = next(m.group(0) for m in re.finditer(r"<svg.*?</svg>", page, re.S) if "Weekly trend" in m.group(0))
    return ET.fromstring(svg)


def test_the_trend_plots_rates_on_a_percent_axis_with_ticks_between_0_and_100(store):
    data = build_report(store, now=MONDAY + dt.timedelta(days=14))
    svg = _trend(render(data, "html"))
    ticks = {t.text: float(t.get("y")) - 4 for t in svg.iter(f"{SVG}text") if t.text and t.text.endswith("%")}
    assert list(ticks) == ["0%", "20%", "40%", "60%", "80%", "100%"]
    zero, full = ticks["0%"], ticks["100%"]
    points = {c.find(f"{SVG}title").text: float(c.get("cy")) for c in svg.iter(f"{SVG}circle")}
    # W45: B overridden, A accepted -> 50%; W46: C and G accepted -> 0% warnings, E overridden -> 100% info.
    expected = {"2026-W45 warning override rate: 1/2 (50%)": 0.5,
                "2026-W46 warning override rate: 0/2 (0%)": 0.0,
                "2026-W46 info override rate: 1/1 (100%)": 1.0}
    for title, share in expected.items():
        assert points[title] == pytest.approx(zero + (full - zero) * share, abs=0.2), title
    # A week without feedback of a kind draws no point for it (a gap, not a zero).
    assert not any(t.startswith("2026-W45 info override rate") for t in points)


def test_partial_first_and_last_weeks_are_marked_not_drawn_as_dips(store):
    wednesday = dt.date(2026, 11, 4)
    data = build_report(store, since=wednesday, now=dt.datetime(2026, 11, 12, 12, 0, tzinfo=dt.timezone.utc))
    assert [(w.label, w.partial) for w in data.weeks] == [("2026-W45", True), ("2026-W46", True)]
    assert data.weeks[0].coverage_note == "partial: 5.0 of 7 days, from Wed 04 Nov"
    svg = _trend(render(data, "html"))
    shaded = [r for r in svg.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert [r.find(f"{SVG}title").text.split(",")[0] for r in shaded] == ["2026-W45", "2026-W46"]
    hollow = [c for c in svg.iter(f"{SVG}circle") if c.get("fill") == "#fff"]
    assert hollow and all(c.find(f"{SVG}title").text.startswith(("2026-W45", "2026-W46")) for c in hollow)
    rows = [r for r in csv.DictReader(io.StringIO(render(data, "csv"))) if r["dimension"] == "week"]
    assert [(r["key"], r["partial_period"]) for r in rows] == [("2026-W45", "yes"), ("2026-W46", "yes")]
    assert "partial: 5.0 of 7 days, from Wed 04 Nov" in render(data, "text")
    whole = build_report(store, since=dt.date(2026, 11, 2), now=dt.datetime(2026, 11, 16, tzinfo=dt.timezone.utc))
    assert [(w.label, w.partial) for w in whole.weeks] == [("2026-W45", False), ("2026-W46", False)]


def test_every_export_is_stamped_with_its_period_and_when_it_was_made(store):
    now = dt.datetime(2026, 11, 16, 8, 30, tzinfo=dt.timezone.utc)
    data = build_report(store, since=dt.date(2026, 11, 2), now=now)
    stamp = "Period 2026-11-02 00:00 UTC to 2026-11-16 08:30 UTC; generated 2026-11-16 08:30 UTC."
    assert stamp in render(data, "text")
    assert stamp in render(data, "html")
    rows = list(csv.DictReader(io.StringIO(render(data, "csv"))))
    assert rows and all((r["period_start"], r["period_end"], r["generated_at"]) ==
                        ("2026-11-02T00:00:00+00:00", now.isoformat(), now.isoformat()) for r in rows)
    # Without --since the period starts at the first card on record.
    assert build_report(store, now=now).period.startswith("2026-11-02 10:00 UTC")


def test_the_text_report_fits_100_columns(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CDS_DATA_DIR", str(tmp_path))
    assert main(["demo-data", "--calls", "300", "--weeks", "6", "--seed", "5"]) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    assert "Override reasons" in text and "Weekly trend" in text
    too_long = [line for line in text.splitlines() if len(line) > 100]
    assert not too_long, too_long[:3]


def test_the_html_report_as_a_browser_draws_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CDS_DATA_DIR", str(tmp_path))
    assert main(["demo-data", "--calls", "300", "--weeks", "6", "--seed", "5"]) == 0
    page = tmp_path / "report.html"
    assert main(["report", "--format", "html", "--out", str(page)]) == 0
    text, dom = rendered_text(page)
    assert re.search(r"Period \d{4}-\d\d-\d\d \d\d:\d\d UTC to \d{4}-\d\d-\d\d \d\d:\d\d UTC; generated", text)
    assert "Warnings (the patient's policy applies)" in text and "Info cards (" in text
    assert "Override rate of warnings by policy" in text and "BCBS MA policy 073" in text
    assert "partial week" in text and "100%" in text and "20%" in text
    assert len(dom.find_all("svg")) == 3
    image = screenshot(page, tmp_path / "report.png", height=1400)
    assert has_colour(image, (0xc0, 0x39, 0x2b), minimum=500)     # the warning bars and line are drawn
    assert has_colour(image, (0xf0, 0xf0, 0xf0), minimum=2000)    # the shaded partial weeks
