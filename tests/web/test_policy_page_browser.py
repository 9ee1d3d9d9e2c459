"""The policy page as a person sees it: headless Chromium (Debian's package) loads it from the live
service over loopback, renders it, and we read the text it shows and keep a screenshot."""
from __future__ import annotations

import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CDS_TEST_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="module")
def chromium() -> str:
    if CHROMIUM is None:
        # CI installs chromium (.ci/run): there a missing browser is a failure, not a skip.
        if os.environ.get("CI") or os.environ.get("CDS_TEST_CHROMIUM"):
            pytest.fail("headless Chromium is required: apt-get install -y chromium")
        pytest.skip("headless Chromium is not installed (apt-get install -y chromium)")
    return CHROMIUM


def run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-extensions", "--hide-scrollbars", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False)


class _VisibleText(HTMLParser):
    """The text a reader sees: everything outside <head>, <style> and <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("head", "style", "script")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("head", "style", "script")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(dom: str) -> str:
    parser = _VisibleText()
    parser.feed(dom)
    return " ".join(" ".join(parser.parts).split())


def test_policy_page_renders_in_a_real_browser(chromium, live_server, tmp_path):
    base = live_server()
    url = f"{base}/policies/cms-ncd-220-2-1"
    dom = run_chromium(chromium, tmp_path / "profile-dom", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    text = visible_text(dom.stdout)
    assert "National Coverage Determination 220.2.1, Magnetic Resonance Spectroscopy" in text
    assert "Magnetic resonance spectroscopy: not covered for any indication (national noncoverage)." in text
    assert "Advance Beneficiary Notice (ABN, CMS-R-131)" in text
    assert "pre-service organization determination" in text
    assert "NCD 220.2.1 in the Medicare Coverage Database (CMS)" in text

    shot = tmp_path / "policy-page.png"
    result = run_chromium(chromium, tmp_path / "profile-shot", f"--screenshot={shot}", "--window-size=1000,2300", url)
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000   # a page, not a blank canvas
    if os.environ.get("CDS_TEST_SCREENSHOT_DIR"):    # how docs/policy-page.png is made
        shutil.copy(shot, Path(os.environ["CDS_TEST_SCREENSHOT_DIR"]) / "policy-page.png")


def test_plan_policy_page_in_the_browser_quotes_the_plan_and_links_the_national_rule(chromium, live_server, tmp_path):
    base = live_server()
    dom = run_chromium(chromium, tmp_path / "profile", "--dump-dom", f"{base}/policies/ma-mrs")
    text = visible_text(dom.stdout)
    assert 'The plan\'s document states: "Medicare coverage guidance is not available' in text
    assert "its next review was due 06/2024" in text
    assert "National rule beside this policy" in text
    assert f'href="/policies/cms-ncd-220-2-1"' in dom.stdout
