from __future__ import annotations

import datetime as dt
import os
import threading
from typing import Any, Callable

import pytest
from werkzeug.serving import make_server

from cds_service import create_app
from cds_service.cards import CardRenderer
from cds_service.config import load_settings
from cds_service.policy_files import load_policy_set
from tests.fixtures import builders, crd_checks, fhir_server, schema

SIGN = "coverage-policy-order-sign"
SELECT = "coverage-policy-order-select"
TODAY = dt.date(2026, 11, 22)

# The Medicare Advantage MRS plan has no matchers until an organisation names it; the tests do.
BASE_CONFIG = {"CDS_PAYERS": {"ma-mrs-plan": {"names": [builders.MA_PLAN_NAME]}}}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("CDS_") and name != "CDS_SHARED_DIR":
            monkeypatch.delenv(name)


def settings_for(**overrides: Any):
    return load_settings({**BASE_CONFIG, **overrides})


@pytest.fixture(scope="session")
def policy_set():
    s = load_settings(BASE_CONFIG)
    return load_policy_set(s.policy_dir, **s.policy_settings())


@pytest.fixture(scope="session")
def renderer(policy_set):
    return CardRenderer(load_settings(BASE_CONFIG).cards_dir, policy_set)


@pytest.fixture
def make_app() -> Callable[..., Any]:
    def factory(**overrides: Any):
        return create_app({**BASE_CONFIG, **overrides})
    return factory


class HookClient:
    """Posts to the app and checks every 200 response against the CDS Hooks schema."""

    def __init__(self, client):
        self.client = client

    def post(self, body: Any, service: str = SIGN, **kw: Any):
        if isinstance(body, (dict, list)):
            kw.setdefault("json", body)
        else:
            kw.setdefault("data", body)
        response = self.client.post(f"/cds-services/{service}", **kw)
        if response.status_code == 200:
            schema.validate_response(response.get_json())
            crd_checks.check_response(response.get_json())
        return response

    def cards(self, body: Any, service: str = SIGN) -> list[dict[str, Any]]:
        response = self.post(body, service)
        assert response.status_code == 200, response.get_data(as_text=True)
        return response.get_json()["cards"]


@pytest.fixture
def hooks(make_app) -> HookClient:
    return HookClient(make_app().test_client())


@pytest.fixture
def live_server(make_app):
    """The app on a real loopback port; yields its base URL."""
    servers = []

    def start(**overrides: Any) -> str:
        server = make_server("127.0.0.1", 0, make_app(**overrides), threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture
def fhir():
    stand_in = fhir_server.FhirStandIn()
    server = fhir_server.start(stand_in)
    yield stand_in
    server.shutdown()
    server.server_close()
