"""The policy page as a person sees it: headless Chromium (Debian's package) loads it from the live
service over loopback, renders it, and we read the text it shows and keep a screenshot."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.fixtures.browser import has_colour, rendered_text, screenshot

FINDING_BACKGROUND = (0xFF, 0xF4, 0xE5)   # .finding in cards/pages/_style.html.j2
OVERDUE_BACKGROUND = (0xFD, 0xEC, 0xEA)   # .overdue


def test_ncd_page_renders_in_a_real_browser(live_server, tmp_path):
    url = f"{live_server()}/policies/cms-ncd-220-2-1"
    text, dom = rendered_text(url)
    assert "National Coverage Determination 220.2.1, Magnetic Resonance Spectroscopy" in text
    assert "Magnetic resonance spectroscopy: not covered for any indication (national noncoverage)." in text
    assert "Advance Beneficiary Notice (ABN, CMS-R-131)" in text
    assert "pre-service organization determination" in text
    assert "https://www.cms.gov/medicare-coverage-database/view/ncd.aspx?NCDId=287" in [a["href"] for a in dom("a")]

    image = screenshot(url, tmp_path / "policy-page.png", width=1000, height=2300)
    assert has_colour(image, FINDING_BACKGROUND, minimum=5000)   # the finding is drawn, boxed
    if os.environ.get("CDS_TEST_SCREENSHOT_DIR"):    # how docs/policy-page.png is made
        shutil.copy(tmp_path / "policy-page.png", Path(os.environ["CDS_TEST_SCREENSHOT_DIR"]) / "policy-page.png")


def test_plan_page_in_the_browser_quotes_the_plan_and_links_the_national_rule(live_server, tmp_path):
    url = f"{live_server()}/policies/ma-mrs"
    text, dom = rendered_text(url)
    assert 'The plan\'s document states: "Medicare coverage guidance is not available' in text
    assert "its next review was due 06/2024" in text
    assert "National rule beside this policy" in text
    assert "/policies/cms-ncd-220-2-1" in [a["href"] for a in dom("a")]
    assert has_colour(screenshot(url, tmp_path / "plan.png"), OVERDUE_BACKGROUND, minimum=2000)
