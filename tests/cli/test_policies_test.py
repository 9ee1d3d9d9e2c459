"""`cds-service policies test`: every policy's example orders run through the service, and CI runs them."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cds_service.cli import main
from tests.fixtures.policy_dirs import REPO, edit, policy_copy, run_command


def _example_count(policy_dir: Path) -> int:
    return sum(len(yaml.safe_load(p.read_text()).get("examples", []))
               for p in sorted((policy_dir / "policies").glob("*.yaml")))


def test_every_policy_on_file_passes_its_examples_from_the_checkout(tmp_path):
    """CI: the examples of the checkout's policy files, run as an analyst runs them."""
    result = run_command(["policies", "test"], REPO, tmp_path / "data")
    assert result.returncode == 0, result.stdout + result.stderr
    n = _example_count(REPO / "policy_data")
    assert n >= 3 * len(list((REPO / "policy_data" / "policies").glob("*.yaml")))
    assert f"{n} examples: {n} passed, 0 failed; 0 policies without examples" in result.stdout
    assert "FAIL" not in result.stdout and "NONE" not in result.stdout


def test_every_policy_has_examples_that_fire_and_examples_that_do_not():
    for path in sorted((REPO / "policy_data" / "policies").glob("*.yaml")):
        examples = yaml.safe_load(path.read_text()).get("examples", [])
        outcomes = {e["expect"]["fires"] for e in examples}
        assert outcomes == {True, False}, f"{path.name}: needs orders it fires on and orders it must not"
        policy_id = yaml.safe_load(path.read_text())["id"]
        assert any(e["expect"].get("policy") == policy_id and e["expect"].get("indicator") == "warning"
                   for e in examples), f"{path.name}: no example where the policy itself applies"


@pytest.fixture
def copied(tmp_path):
    return policy_copy(tmp_path)


def test_an_expectation_the_service_does_not_meet_fails_naming_file_and_line(copied, capsys):
    path = copied / "policies" / "bcbsma-073.yaml"
    edit(path, "expect: {fires: true, indicator: warning, policy: bcbsma-073, situation: policy-applies}",
          "expect: {fires: true, indicator: info, policy: bcbsma-073}")
    assert main(["policies", "test", str(copied)]) == 1
    out = capsys.readouterr().out
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1)
                if "- name: SpectraCell panel for a BCBS MA commercial PPO member" in text)
    assert f"FAIL  bcbsma-073: SpectraCell panel for a BCBS MA commercial PPO member ({path}:{line})" in out
    assert "expected info card citing bcbsma-073" in out
    assert "got      warning card citing bcbsma-073 (policy-applies)" in out
    assert "1 failed" in out


def test_an_order_that_should_raise_no_card_but_does_fails(copied, capsys):
    path = copied / "policies" / "ma-mrs.yaml"
    edit(path, "order: {text: MRI brain without contrast}", "order: {text: MRI brain with MR spectroscopy}")
    assert main(["policies", "test", str(copied), "--policy", "ma-mrs"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  ma-mrs: An ordinary brain MRI raises no card" in out
    assert "expected no card" in out and "got      warning card citing ma-mrs" in out
    assert "bcbsma-073" not in out        # --policy runs that policy's examples only


def test_a_policy_without_examples_is_reported(copied, capsys):
    path = copied / "policies" / "ma-mrs.yaml"
    text = path.read_text()
    path.write_text(text[:text.index("# Orders this policy should and should not fire on")])
    assert main(["policies", "test", str(copied)]) == 1
    out = capsys.readouterr().out
    assert f"NONE  ma-mrs: no examples ({path})" in out
    assert "1 policies without examples" in out


def test_an_example_naming_an_unknown_payer_fails_and_says_why(copied, capsys):
    path = copied / "policies" / "premera-intracellular-micronutrient.yaml"
    edit(path, "coverage: {payer: premera, sopt: \"511\"}", "coverage: {payer: premara, sopt: \"511\"}")
    assert main(["policies", "test", str(copied)]) == 1
    assert "got      payer 'premara' is not in payers.yaml" in capsys.readouterr().out


def test_an_example_that_fires_must_say_what_it_expects(copied, capsys):
    path = copied / "policies" / "ma-mrs.yaml"
    edit(path, "expect: {fires: true, indicator: warning, policy: ma-mrs}", "expect: {fires: true}")
    edit(path, "expect: {fires: false}", "expect: {fires: false, indicator: info}")
    assert main(["policies", "validate", str(copied)]) == 1
    err = capsys.readouterr().err
    assert "field examples[1].expect.indicator: is required but missing" in err
    assert "field examples[1].expect.policy: is required but missing" in err
    assert "field examples[3].expect" in err


def test_an_unknown_policy_is_refused(capsys):
    assert main(["policies", "test", "--policy", "no-such-policy"]) == 2
    assert "no policy 'no-such-policy'" in capsys.readouterr().err
