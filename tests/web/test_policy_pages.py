"""Policy pages: GET /policies/{id} as plain HTML and JSON, reached from every card's link."""
from __future__ import annotations

import requests

from tests.conftest import SIGN
from tests.fixtures.builders import MA_PLAN_NAME, coverage, hook_request, ma_plan, mrs_order, panel_order, premera

NCD_URL = "https://www.cms.gov/medicare-coverage-database/view/ncd.aspx?NCDId=287"


def test_ncd_page_is_html_with_the_finding_lines_notices_and_public_page(hooks):
    response = hooks.client.get("/policies/cms-ncd-220-2-1")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    assert "<h1>National Coverage Determination 220.2.1, Magnetic Resonance Spectroscopy</h1>" in page
    assert "Magnetic resonance spectroscopy: not covered for any indication (national noncoverage)." in page
    assert "whoever the payer" in page
    original = page.split("<td>Original Medicare</td>")[1].split("</tr>")[0]
    advantage = page.split("<td>Medicare Advantage</td>")[1].split("</tr>")[0]
    assert "ABN" in original and "organization determination" not in original
    assert "organization determination" in advantage and "ABN" not in advantage
    assert f'href="{NCD_URL.replace("&", "&amp;")}"' in page or f'href="{NCD_URL}"' in page


def test_policy_page_as_json_by_suffix_or_accept_header(hooks):
    by_suffix = hooks.client.get("/policies/ma-mrs.json")
    by_accept = hooks.client.get("/policies/ma-mrs", headers={"Accept": "application/json"})
    assert by_suffix.mimetype == by_accept.mimetype == "application/json"
    doc = by_suffix.get_json()
    assert doc == by_accept.get_json()
    assert doc["scope"] == "payer" and doc["payer"] == {"id": "ma-mrs-plan", "name": None}
    assert [n["id"] for n in doc["national_rules"]] == ["cms-ncd-220-2-1"]
    assert doc["review_overdue"] is True and doc["next_review"] == "06/2024"
    coverage_text = next(s["text"] for s in doc["statements"] if s["key"] == "coverage")
    # Seed 002's sentence is quoted as the plan document's statement, never as a fact of ours.
    assert coverage_text.startswith("The plan's document states: \"Medicare coverage guidance is not available")
    assert "no NCD" not in str(doc)
    assert hooks.client.get("/policies/ma-mrs", headers={"Accept": "text/html,*/*"}).mimetype == "text/html"


def test_plan_page_names_the_national_rule_it_sits_beside(hooks):
    page = hooks.client.get("/policies/ma-mrs").get_data(as_text=True)
    assert "the source document does not name its plan" in page
    assert '<a href="/policies/cms-ncd-220-2-1">' in page
    assert "its next review was due 06/2024" in page


def test_unknown_or_switched_off_policy_is_a_404_operation_outcome(hooks, make_app):
    response = hooks.client.get("/policies/no-such-policy")
    assert response.status_code == 404 and response.mimetype == "application/fhir+json"
    assert response.get_json()["resourceType"] == "OperationOutcome"
    client = make_app(CDS_DISABLED_POLICIES="ma-mrs").test_client()
    assert client.get("/policies/ma-mrs").status_code == 404
    index = client.get("/policies", headers={"Accept": "application/json"}).get_json()
    assert "ma-mrs" not in [p["id"] for p in index["policies"]]


def test_index_lists_policies_of_a_service(hooks):
    index = hooks.client.get("/policies?service=mrs", headers={"Accept": "application/json"}).get_json()
    assert [p["id"] for p in index["policies"]] == ["cms-ncd-220-2-1", "ma-mrs"]
    assert hooks.client.get("/policies?service=nope").status_code == 404
    page = hooks.client.get("/policies").get_data(as_text=True)
    assert '<a href="/policies/bcbsma-073">BCBS MA Medical Policy 073</a>' in page


def test_names_from_settings_are_escaped_on_the_page(make_app):
    client = make_app(CDS_PAYERS={"ma-mrs-plan": {"names": [MA_PLAN_NAME], "display": "<script>x()</script>"}}).test_client()
    page = client.get("/policies/ma-mrs").get_data(as_text=True)
    assert "<script>" not in page and "&lt;script&gt;x()&lt;/script&gt;" in page


def test_policy_pages_need_no_token_even_with_authentication_on(make_app):
    client = make_app(CDS_TRUSTED_ISSUERS="cds-hooks-sandbox", CDS_PUBLIC_BASE_URL="http://localhost").test_client()
    assert client.get("/cds-services").status_code == 401
    assert client.get("/policies/cms-ncd-220-2-1").status_code == 200


def test_every_card_link_to_a_policy_page_resolves_over_loopback(live_server):
    base = live_server()
    for order, coverages in [(mrs_order(), [ma_plan()]), (mrs_order(), [coverage(payer_display="Medicare", sopt="121")]),
                             (panel_order(), [premera(sopt="112")]), (panel_order(), [])]:
        body = requests.post(f"{base}/cds-services/{SIGN}", json=hook_request(order, coverages=coverages), timeout=10).json()
        links = [link["url"] for card in body["cards"] for link in card["links"]]
        ours = [url for url in links if url.startswith(f"{base}/policies")]
        assert ours, links
        for url in ours:
            response = requests.get(url, timeout=10)
            assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/html")


def test_card_links_follow_the_public_base_url(make_app):
    client = make_app(CDS_PUBLIC_BASE_URL="https://cds.example.org").test_client()
    body = client.post(f"/cds-services/{SIGN}", json=hook_request(mrs_order(), coverages=[ma_plan()])).get_json()
    assert body["cards"][0]["links"][0]["url"] == "https://cds.example.org/policies/ma-mrs"
