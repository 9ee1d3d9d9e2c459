"""Which web pages may call the service: real preflight and cross-origin requests over loopback, as a
browser sends them (Origin, Access-Control-Request-*)."""
from __future__ import annotations

import pytest
import requests
from sqlalchemy import select

from cds_service.config import ConfigError, load_settings
from cds_service.store.models import CallRecord
from tests.conftest import SIGN
from tests.fixtures.builders import hook_request, mrs_order

SANDBOX = "https://sandbox.cds-hooks.org"
EVIL = "https://cds-attacker.example"


def preflight(base: str, origin: str, private_network: bool = True) -> requests.Response:
    headers = {"Origin": origin, "Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "authorization,content-type"}
    if private_network:
        headers["Access-Control-Request-Private-Network"] = "true"
    return requests.options(f"{base}/cds-services/{SIGN}", headers=headers, timeout=5)


def varies_on_origin(response: requests.Response) -> bool:
    return "origin" in [v.strip().lower() for v in response.headers.get("Vary", "").split(",")]


@pytest.mark.parametrize("origin", [SANDBOX, "http://localhost:18080", "http://127.0.0.1:3000", "http://[::1]:8000",
                                    "http://localhost"])
def test_by_default_the_sandbox_and_pages_on_this_machine_may_call(live_server, origin):
    base = live_server()
    response = preflight(base, origin)
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == origin
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert varies_on_origin(response)
    call = requests.post(f"{base}/cds-services/{SIGN}", json=hook_request(mrs_order()), headers={"Origin": origin},
                         timeout=5)
    assert call.status_code == 200 and call.headers["Access-Control-Allow-Origin"] == origin


@pytest.mark.parametrize("origin", [EVIL, "http://localhost.cds-attacker.example", "https://localhost:8080",
                                    "http://127.0.0.1.cds-attacker.example", "null", "https://sandbox.cds-hooks.org.evil"])
def test_by_default_any_other_page_gets_no_cors_grant_and_its_posts_are_refused(make_app, live_server, origin):
    base = live_server()
    response = preflight(base, origin)
    assert "Access-Control-Allow-Origin" not in response.headers
    assert response.headers.get("Access-Control-Allow-Private-Network") != "true"
    assert varies_on_origin(response)
    # A text/plain POST needs no preflight: the browser sends it anyway. It must do nothing.
    call = requests.post(f"{base}/cds-services/{SIGN}", data=b'{"hook": "order-sign"}', timeout=5,
                         headers={"Origin": origin, "Content-Type": "text/plain"})
    assert call.status_code == 403 and call.headers["Content-Type"].startswith("application/fhir+json")
    assert call.json()["issue"][0]["code"] == "forbidden" and "CDS_CORS_ORIGINS" in call.json()["issue"][0]["diagnostics"]
    feedback = requests.post(f"{base}/cds-services/{SIGN}/feedback", timeout=5, headers={"Origin": origin},
                             json={"feedback": [{"card": "c", "outcome": "accepted"}]})
    assert feedback.status_code == 403


def test_refused_pages_leave_no_trace(make_app):
    app = make_app()
    client = app.test_client()
    assert client.post(f"/cds-services/{SIGN}", json=hook_request(mrs_order()), headers={"Origin": EVIL}).status_code == 403
    runtime = app.extensions["cds_service"]
    runtime.writer.flush(5)
    with runtime.store.session() as session:
        assert session.scalars(select(CallRecord)).all() == []


def test_answers_without_an_origin_still_vary_on_it(live_server):
    """A cache must not hand an answer without CORS headers to a page that would have got them."""
    response = requests.get(f"{live_server()}/cds-services", timeout=5)
    assert response.status_code == 200 and varies_on_origin(response)
    assert "Access-Control-Allow-Origin" not in response.headers


def test_private_network_access_is_granted_only_when_configured(live_server):
    default = preflight(live_server(), SANDBOX)
    assert default.headers.get("Access-Control-Allow-Private-Network") != "true"
    configured = live_server(CDS_CORS_PRIVATE_NETWORK="on")
    assert preflight(configured, SANDBOX).headers["Access-Control-Allow-Private-Network"] == "true"
    assert preflight(configured, EVIL).headers.get("Access-Control-Allow-Private-Network") != "true"


def test_a_star_set_explicitly_lets_any_page_call_with_one_answer_for_all(live_server):
    base = live_server(CDS_CORS_ORIGINS="*")
    for origin in (EVIL, SANDBOX):
        response = preflight(base, origin)
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        call = requests.post(f"{base}/cds-services/{SIGN}", json=hook_request(mrs_order()), headers={"Origin": origin},
                             timeout=5)
        assert call.status_code == 200 and call.headers["Access-Control-Allow-Origin"] == "*"


def test_named_origins_replace_the_default(live_server):
    base = live_server(CDS_CORS_ORIGINS="https://ehr.hospital.example, loopback")
    assert preflight(base, "https://ehr.hospital.example").headers["Access-Control-Allow-Origin"] == "https://ehr.hospital.example"
    assert preflight(base, "http://localhost:9000").headers["Access-Control-Allow-Origin"] == "http://localhost:9000"
    assert "Access-Control-Allow-Origin" not in preflight(base, SANDBOX).headers


@pytest.mark.parametrize("value", ["https://ehr.example.org/path", "ehr.example.org", "https://user@ehr.example.org"])
def test_a_cors_origin_that_is_not_an_origin_stops_the_start(value):
    with pytest.raises(ConfigError, match="CDS_CORS_ORIGINS"):
        load_settings({"CDS_CORS_ORIGINS": value})
