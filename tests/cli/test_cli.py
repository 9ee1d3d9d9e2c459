"""The cds-service command: check a request offline, validate policy data, refuse broken data at start."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cds_service import create_app
from cds_service.cli import main
from cds_service.engine import PolicyDataError
from cds_service.resources import bundled_dir
from tests.fixtures.builders import hook_request, ma_plan, mrs_order

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_check_prints_the_cards_of_a_request_file(capsys):
    assert main(["check", str(EXAMPLES / "mrs-order-sign.json")]) == 0
    out = capsys.readouterr().out
    assert "1 card(s) for 1 order(s)" in out
    assert "[INFO] MR spectroscopy: the patient's plan could not be determined" in out
    assert "suggestion: Remove this order" in out


def test_check_json_prints_a_cds_hooks_response(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CDS_PAYERS", json.dumps({"ma-mrs-plan": {"names": ["Example Medicare Advantage Plan"]}}))
    assert main(["check", "--json", str(EXAMPLES / "mrs-order-sign-medicare-advantage.json")]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["cards"][0]["indicator"] == "warning"


def test_check_reports_a_request_that_would_be_refused(tmp_path, capsys):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"hook": "patient-view", "hookInstance": "x", "context": {}}))
    assert main(["check", str(path)]) == 1
    assert "would be refused" in capsys.readouterr().err


def test_policies_validate_accepts_the_bundled_data(capsys):
    assert main(["policies", "validate"]) == 0
    out = capsys.readouterr().out
    assert "policy data OK" in out and "bcbsma-073" in out and "ma-mrs-plan" in out


@pytest.fixture
def broken_policy_dir(tmp_path):
    target = tmp_path / "policy_data"
    shutil.copytree(bundled_dir("policy_data"), target)
    path = target / "policies" / "premera-intracellular-micronutrient.yaml"
    path.write_text(path.read_text().replace("determination: not-reimbursable", "determination: maybe"))
    return target


def test_policies_validate_names_the_file_and_field_that_fail(broken_policy_dir, monkeypatch, capsys):
    monkeypatch.setenv("CDS_POLICY_DIR", str(broken_policy_dir))
    assert main(["policies", "validate"]) == 1
    err = capsys.readouterr().err
    assert "premera-intracellular-micronutrient.yaml" in err and "field determination" in err


def test_a_broken_policy_file_stops_the_service_at_start(broken_policy_dir):
    with pytest.raises(PolicyDataError, match=r"premera-intracellular-micronutrient\.yaml:\d+: field determination"):
        create_app({"CDS_POLICY_DIR": str(broken_policy_dir)})


def test_an_unverified_serum_test_cannot_be_offered(tmp_path):
    target = tmp_path / "policy_data"
    shutil.copytree(bundled_dir("policy_data"), target)
    path = target / "services.yaml"
    path.write_text(path.read_text().replace("serum_alternatives: [magnesium, calcium]",
                                             "serum_alternatives: [magnesium, selenium]"))
    with pytest.raises(PolicyDataError, match="'selenium' is not verified"):
        create_app({"CDS_POLICY_DIR": str(target)})


def test_a_policy_naming_an_unknown_payer_is_refused(tmp_path):
    target = tmp_path / "policy_data"
    shutil.copytree(bundled_dir("policy_data"), target)
    path = target / "policies" / "ma-mrs.yaml"
    path.write_text(path.read_text().replace("payer: ma-mrs-plan", "payer: nobody"))
    with pytest.raises(PolicyDataError, match=r"ma-mrs.yaml:\d+: field payer: 'nobody' is not in payers.yaml"):
        create_app({"CDS_POLICY_DIR": str(target)})


def test_installed_command_finds_the_bundled_policy_data_from_any_directory(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CDS_")}
    env["CDS_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run([sys.executable, "-m", "cds_service", "policies", "validate"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "policy data OK" in result.stdout


def test_serve_refuses_to_start_on_broken_configuration(capsys):
    os.environ["CDS_PANEL_MIN_CODES"] = "1"
    try:
        assert main(["serve", "--port", "1"]) == 2
    finally:
        del os.environ["CDS_PANEL_MIN_CODES"]
    assert "CDS_PANEL_MIN_CODES" in capsys.readouterr().err


def test_check_reads_standard_input(monkeypatch, capsys):
    import io
    body = json.dumps(hook_request(mrs_order(), coverages=[ma_plan()])).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(body)))
    assert main(["check", "-"]) == 0
    assert "card(s)" in capsys.readouterr().out


def test_output_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CDS_")}
    env["CDS_DATA_DIR"] = str(tmp_path / "data")
    big = tmp_path / "big.json"   # far more output than a pipe buffers, so the write really fails
    big.write_text(json.dumps(hook_request(*[mrs_order(id=f"m{i}") for i in range(400)], coverages=[])))
    result = subprocess.run(f"'{sys.executable}' -m cds_service check --json '{big}' | head -c 10",
                            shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert len(result.stdout) == 10
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr


def test_explain_prints_per_order_what_fired_what_vetoed_and_why(capsys):
    assert main(["explain", str(EXAMPLES / "mixed-order-sign.json")]) == 0
    out = capsys.readouterr().out
    orders = out.split("\nOrder ")[1:]
    assert len(orders) == 6
    assert "fired  [mrs-spectroscopy-in-mr-study]" in orders[0] and "combined with another study" in orders[0]
    assert "no trigger matched" in orders[1]
    assert "vetoed [mrs-rankin-scale]" in orders[2] and "no card" in orders[2]
    assert "vetoed [mrs-laboratory-analyte]" in orders[3] and "laboratory (CPT 83704" in orders[3]
    assert "vetoed [panel-spectracell-micronutrient:requires]" in orders[4]
    assert "fired  [panel-spectracell-micronutrient]" in orders[5]


def test_check_explain_prints_the_evidence_before_the_cards(capsys):
    assert main(["check", "--explain", str(EXAMPLES / "mixed-order-sign.json")]) == 0
    out = capsys.readouterr().out
    assert out.index("vetoed [mrs-rankin-scale]") < out.index("2 card(s) for 6 order(s)")
