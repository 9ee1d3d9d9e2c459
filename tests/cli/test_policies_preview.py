"""`cds-service policies preview`: every card a policy can produce, checked as headless Chromium draws
the page."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from cds_service.cards import DEFAULT_BASE_URL
from cds_service.cli import main
from cds_service.config import load_settings
from cds_service.hook_request import parse_hook_call
from cds_service.synthetic_calls import (EXAMPLE_PAYER_SYSTEM, CallSpec, CoverageSpec, OrderSpec,
                                         authoring_runtime, hook_request)
from tests.fixtures.browser import has_colour, rendered_text, screenshot
from tests.fixtures.policy_dirs import checkout_copy, edit, policy_copy, run_command
PREMERA = "premera-intracellular-micronutrient"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """The preview of the bundled policies, as the browser parsed it."""
    out = tmp_path_factory.mktemp("preview") / "preview.html"
    assert main(["policies", "preview", "--out", str(out)]) == 0
    text, dom = rendered_text(out)
    return out, text, dom


def _situations(dom, policy_id: str) -> list[tuple[str, str]]:
    section = dom.find("section", id=f"policy-{policy_id}")
    return [(case["data-situation"], case.h3.get_text(" ", strip=True).split(" · ")[1])
            for case in section.find_all("div", class_="case") if "coverage-info off" not in case.h3.get_text()]


def test_the_preview_shows_every_situation_and_line_of_business_of_every_policy(page):
    _, text, dom = page
    for title in ("Medical Policy 073, Intracellular Micronutrient Analysis",
                  "Medicare Advantage Medical Policy, Magnetic Resonance Spectroscopy",
                  "Routine test management policy, Intracellular micronutrient panel testing"):
        assert title in text
    assert _situations(dom, PREMERA) == [
        ("policy-applies", "Commercial"), ("policy-applies", "Medicaid"),
        ("policy-applies", "Medicare (kind not stated)"),
        ("policy-not-yet-effective", "Commercial"), ("policy-not-yet-effective", "Medicaid"),
        ("policy-not-yet-effective", "Medicare (kind not stated)"),
        ("line-excluded", "Medicare Advantage"), ("line-unknown", "plan type not readable"),
        ("no-policy-for-plan", "Medicare Part D"), ("no-policy-for-plan", "Original Medicare"),
        ("payer-unknown", "any"), ("no-coverage", "any")]
    # Before the plan's MRS policy was published, Medicare NCD 220.2.1 already bound the plan, so the
    # plan's "not yet in effect" never reaches a card.
    situations = {s for s, _ in _situations(dom, "ma-mrs")}
    assert {"policy-applies", "no-policy-for-plan", "payer-unknown", "no-coverage"} <= situations
    assert ("policy-applies", "Original Medicare") in _situations(dom, "cms-ncd-220-2-1")
    # Every card is drawn with its indicator, summary, source and suggestions.
    warning = dom.find("section", id=f"policy-{PREMERA}").find("article", class_="warning")
    assert warning.find(class_="badge").get_text() == "warning"
    assert warning.find(class_="summary").get_text(" ", strip=True).endswith(
        "Intracellular micronutrient panel: not reimbursable by Premera (intracellular micronutrient policy)")
    assert [s.get_text() for s in warning.find_all(class_="suggestion")] == [
        "Remove this order", "Replace with serum tests: 25-OH vitamin D, vitamin B12, folate, magnesium, zinc"]
    assert "Clinical exception or prior authorization requested" in warning.get_text()
    links = dom.find("section", id="policy-bcbsma-073").find("div", class_="links").find_all("a")
    assert links[0]["href"] == f"{DEFAULT_BASE_URL}/policies/bcbsma-073"
    assert any(a["href"].startswith("https://") and "2.04.73" in a.get_text() for a in links)


def test_the_page_names_the_policy_data_version_the_service_would_load(page):
    from cds_service.policy_files import load_policy_set
    settings = load_settings()
    version = load_policy_set(settings.policy_dir, **settings.policy_settings()).version
    _, text, _ = page
    assert f"(version {version})" in text and re.search(r"generated \d{4}-\d\d-\d\d \d\d:\d\d UTC", text)


def test_the_markdown_detail_is_rendered_not_shown_as_markup(page):
    _, _, dom = page
    detail = dom.find("section", id=f"policy-{PREMERA}").find("article", class_="warning").find(class_="detail")
    assert [s.get_text() for s in detail.find_all("strong")] == ["For this patient:", "Instead:", "Why:"]
    assert "**" not in detail.get_text() and len(detail.find_all("p")) == 3


def test_the_preview_is_one_self_contained_page(page):
    out, _, _ = page
    html = out.read_text()
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"""\bsrc=|url\(""", html)
    # Links go to anchors, to real public pages, or to the policy pages the service itself serves.
    assert all(h.startswith(("#", "https://", f"{DEFAULT_BASE_URL}/policies"))
               for h in re.findall(r'href="([^"]+)"', html))


def test_indicator_colours_as_the_browser_draws_them(page, tmp_path):
    out, _, _ = page
    image = screenshot(out, tmp_path / "preview.png", width=1200, height=3000)
    assert has_colour(image, (0xd4, 0xa7, 0x2c), minimum=1000)     # the warning cards' border
    assert has_colour(image, (0x09, 0x69, 0xda), minimum=300)      # info badges and borders


def test_a_preview_card_is_the_card_the_service_answers(make_app, tmp_path):
    """The preview goes through the service's own path: the same call over HTTP gives the same card."""
    runtime = authoring_runtime(load_settings())
    spec = CallSpec(OrderSpec("Intracellular micronutrient panel"), CoverageSpec(payer="premera", sopt="5"),
                    dt.date(2026, 3, 2))
    body = hook_request(spec, runtime)
    app = make_app(CDS_PAYERS={"premera": {"identifiers": [{"system": EXAMPLE_PAYER_SYSTEM, "value": "premera"}]}})
    answered = app.test_client().post("/cds-services/coverage-policy-order-sign", json=body).get_json()["cards"]
    previewed = runtime.evaluate(parse_hook_call(body, "order-sign"), today=spec.date).response["cards"]
    keys = ("summary", "detail", "indicator", "source", "overrideReasons")
    assert [{k: c.get(k) for k in keys} for c in previewed] == [{k: c.get(k) for k in keys} for c in answered]
    # Links to our policy pages are built from the address the service is reached at; the rest agree.
    def relative(card):
        return [(l["label"], l["url"].split("/policies", 1)[-1]) for l in card["links"]]
    assert [relative(c) for c in previewed] == [relative(c) for c in answered]
    assert answered[0]["indicator"] == "warning"


def test_markup_in_policy_text_stays_text(tmp_path):
    target = policy_copy(tmp_path)
    edit(target / "policies" / f"{PREMERA}.yaml",
         "    Premera does not reimburse this test for dates of service on or after 2026-02-06.",
         "    Premera does not reimburse <b>this</b> test <img src=x onerror=alert(1)>.")
    out = tmp_path / "preview.html"
    assert main(["policies", "preview", str(target), "--policy", PREMERA, "--out", str(out)]) == 0
    page_text, dom = rendered_text(out)
    assert not dom.find("img") and not dom.select(".detail b")
    assert "Premera does not reimburse <b>this</b> test <img src=x onerror=alert(1)>." in page_text
    assert len(dom.find_all("section", class_="policy")) == 1


def test_an_unknown_policy_is_refused(tmp_path, capsys):
    assert main(["policies", "preview", "--policy", "no-such", "--out", str(tmp_path / "x.html")]) == 2
    assert "no policy 'no-such'" in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()


def test_preview_from_a_checkout_shows_that_checkouts_policies(tmp_path):
    checkout = checkout_copy(tmp_path)
    edit(checkout / "policy_data" / "policies" / "ma-mrs.yaml",
         "title: Medicare Advantage Medical Policy, Magnetic Resonance Spectroscopy",
         "title: Revised MRS policy under review")
    result = run_command(["policies", "preview", "--policy", "ma-mrs", "--out", "preview.html"], checkout,
                         tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert "Revised MRS policy under review" in (checkout / "preview.html").read_text()
