from __future__ import annotations

import datetime as dt
import os
import shutil
import threading
from pathlib import Path
from typing import Any, Callable

import pytest
from werkzeug.serving import make_server

from cds_service import create_app
from cds_service.cards import CardRenderer
from cds_service.config import load_settings
from cds_service.policy_files import load_policy_set
from cds_service.store import Store
from tests.fixtures import builders, crd_checks, fhir_server, schema

SIGN = "coverage-policy-order-sign"
SELECT = "coverage-policy-order-select"
TODAY = dt.date(2026, 11, 22)

# The Medicare Advantage MRS plan has no matchers until an organisation names it; the tests do.
BASE_CONFIG = {"CDS_PAYERS": {"ma-mrs-plan": {"names": [builders.MA_PLAN_NAME]}}}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("CDS_") and name != "CDS_SHARED_DIR" and not name.startswith("CDS_TEST_"):
            monkeypatch.delenv(name)
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    # Nothing a test starts writes into the user's real data directory.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


def settings_for(**overrides: Any):
    return load_settings({**BASE_CONFIG, **overrides})


@pytest.fixture(scope="session")
def policy_set():
    s = load_settings(BASE_CONFIG)
    return load_policy_set(s.policy_dir, **s.policy_settings())


@pytest.fixture(scope="session")
def renderer(policy_set):
    return CardRenderer(load_settings(BASE_CONFIG).cards_dir, policy_set)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """One migrated SQLite file, copied for each test: cheaper than migrating every time."""
    path = tmp_path_factory.mktemp("template") / "cds-service.db"
    store = Store(f"sqlite:///{path}")
    store.upgrade()
    store.dispose()
    return path


@pytest.fixture
def make_app(tmp_path, migrated_sqlite) -> Callable[..., Any]:
    """Apps with their own data directory and a migrated SQLite database (unless a URL is given)."""
    apps = []

    def factory(**overrides: Any):
        data_dir = tmp_path / f"data{len(apps)}"
        data_dir.mkdir(exist_ok=True)
        if "CDS_DATABASE_URL" not in overrides and not (data_dir / "cds-service.db").exists():
            shutil.copy(migrated_sqlite, data_dir / "cds-service.db")
        app = create_app({**BASE_CONFIG, "CDS_DATA_DIR": str(data_dir), **overrides})
        apps.append(app)
        return app
    yield factory
    for app in apps:
        runtime = app.extensions["cds_service"]
        if runtime.writer:
            runtime.writer.close(5)
        if runtime.store:
            runtime.store.dispose()


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


WIRE_BODY_LIMIT = 20_000   # small, so the size tests send little


@pytest.fixture(scope="module")
def served_service(tmp_path_factory):
    """`cds-service serve` (gunicorn, its worker class and defaults) on loopback, once per module."""
    import json
    from tests.fixtures.served import serve
    data = tmp_path_factory.mktemp("served") / "data"
    with serve(data, "--workers", "1", CDS_MAX_BODY_BYTES=str(WIRE_BODY_LIMIT),
               CDS_PAYERS=json.dumps(BASE_CONFIG["CDS_PAYERS"])) as base:
        yield base


@pytest.fixture(params=["development server", "cds-service serve"])
def wire(request, live_server):
    """The base URL of the service on a real loopback port: under werkzeug's server, then under gunicorn."""
    if request.param == "cds-service serve":
        return request.getfixturevalue("served_service")
    return live_server(CDS_MAX_BODY_BYTES=str(WIRE_BODY_LIMIT))
