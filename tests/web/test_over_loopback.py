"""The wire: the service on a real loopback port, and `cds-service serve` under gunicorn."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import requests

from tests.conftest import SIGN
from tests.fixtures import schema
from tests.fixtures.builders import hook_request, ma_plan, mrs_order
from tests.fixtures.served import serve


def test_mrs_card_over_a_real_http_connection(live_server):
    base = live_server()
    discovery = requests.get(f"{base}/cds-services", timeout=5)
    assert discovery.status_code == 200 and discovery.headers["Content-Type"].startswith("application/json")
    response = requests.post(f"{base}/cds-services/{SIGN}", json=hook_request(mrs_order(), coverages=[ma_plan()]),
                             timeout=5)
    assert response.status_code == 200
    schema.validate_response(response.json())
    [card] = response.json()["cards"]
    assert card["indicator"] == "warning"


def test_errors_over_the_wire_are_operation_outcomes(live_server):
    base = live_server()
    response = requests.post(f"{base}/cds-services/{SIGN}", data=b"{", timeout=5,
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/fhir+json")
    assert response.json()["resourceType"] == "OperationOutcome"


def test_cds_service_serve_answers_an_mrs_request_with_curl(tmp_path: Path):
    """The README's quick start: the console script serves with gunicorn and curl gets an MRS card."""
    with serve(tmp_path / "data") as base:
        readme_request = Path(__file__).resolve().parents[2] / "examples" / "mrs-order-sign.json"
        result = subprocess.run(
            ["curl", "-sS", "-X", "POST", "-H", "Content-Type: application/json", "--data", f"@{readme_request}",
             f"{base}/cds-services/{SIGN}"], capture_output=True, text=True, timeout=10)
        assert result.returncode == 0, result.stderr
        body = json.loads(result.stdout)
        schema.validate_response(body)
        [card] = body["cards"]
        assert "MR spectroscopy" in card["summary"]
