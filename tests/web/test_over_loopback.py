"""The wire: the service on a real loopback port, and `cds-service serve` under gunicorn."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.conftest import SIGN
from tests.fixtures import schema
from tests.fixtures.builders import hook_request, ma_plan, mrs_order


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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cds_service_serve_answers_an_mrs_request_with_curl(tmp_path: Path):
    """The README's quick start: the console script serves with gunicorn and curl gets an MRS card."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CDS_")}
    env["CDS_DATA_DIR"] = str(tmp_path / "data")
    process = subprocess.Popen([sys.executable, "-m", "cds_service", "serve", "--port", str(port), "--workers", "1"],
                               env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if requests.get(f"http://127.0.0.1:{port}/cds-services", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.2)
        else:
            raise AssertionError("the service did not start: " + process.stdout.read1().decode(errors="replace"))
        readme_request = Path(__file__).resolve().parents[2] / "examples" / "mrs-order-sign.json"
        result = subprocess.run(
            ["curl", "-sS", "-X", "POST", "-H", "Content-Type: application/json", "--data", f"@{readme_request}",
             f"http://127.0.0.1:{port}/cds-services/{SIGN}"], capture_output=True, text=True, timeout=10)
        assert result.returncode == 0, result.stderr
        import json
        body = json.loads(result.stdout)
        schema.validate_response(body)
        [card] = body["cards"]
        assert "MR spectroscopy" in card["summary"]
    finally:
        process.terminate()
        process.wait(timeout=10)
