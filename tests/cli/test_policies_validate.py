"""`cds-service policies validate`: the directory an editor works on, every mistake at once, each with
its file, line and field."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from cds_service import create_app
from cds_service.cli import main
from cds_service.engine import PolicyDataError
from tests.fixtures.policy_dirs import REPO, checkout_copy, edit, policy_copy, run_command


def _line_of(path: Path, start: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


@pytest.fixture
def several_mistakes(tmp_path):
    """Four policy files' worth of mistakes an editor could make in one sitting."""
    target = policy_copy(tmp_path)
    premera = target / "policies" / "premera-intracellular-micronutrient.yaml"
    edit(premera, "determination: not-reimbursable", "determination: maybe")
    edit(premera, "effective_from: 2026-02-06", "effective_from: 2026-02-30")
    bcbs = target / "policies" / "bcbsma-073.yaml"
    edit(bcbs, "last_reviewed: 2025-02 ", "last_reviewed: 2025-13 ")
    edit(bcbs, "\ntitle:", "\ntitel:")
    mrs = target / "policies" / "ma-mrs.yaml"
    edit(mrs, "service: mrs", "service: mrx")
    return target


def test_validate_reports_every_mistake_with_file_line_and_field(several_mistakes, capsys):
    assert main(["policies", "validate", str(several_mistakes)]) == 1
    err = capsys.readouterr().err
    policies = several_mistakes / "policies"
    premera = policies / "premera-intracellular-micronutrient.yaml"
    bcbs = policies / "bcbsma-073.yaml"
    mrs = policies / "ma-mrs.yaml"
    expected = [
        f"{premera}:{_line_of(premera, 'determination:')}: field determination: 'maybe' is not one of",
        f"{premera}:{_line_of(premera, 'effective_from:')}: field effective_from: '2026-02-30' is not a 'date'",
        f"{bcbs}:{_line_of(bcbs, 'last_reviewed:')}: field last_reviewed: '2025-13' is not a",
        f"{bcbs}:{_line_of(bcbs, 'titel:')}: field titel: is not a field this file may have",
        f"{bcbs}:1: field title: is required but missing",
        f"{mrs}:{_line_of(mrs, 'service:')}: field service: 'mrx' is not in services.yaml",
    ]
    for line in expected:
        assert line in err, f"{line!r} not in:\n{err}"
    assert "(6 problems)" in err


def test_a_date_that_does_not_exist_is_a_field_error_not_a_yaml_error(tmp_path, capsys):
    target = policy_copy(tmp_path)
    path = target / "policies" / "ma-mrs.yaml"
    edit(path, "effective_from: 2023-10-01", "effective_from: 2023-09-31")
    assert main(["policies", "validate", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"ma-mrs.yaml:{_line_of(path, 'effective_from:')}: field effective_from: '2023-09-31' is not a 'date'" in err
    assert "not valid YAML" not in err


def test_malformed_yaml_names_the_line_where_it_breaks(tmp_path, capsys):
    target = policy_copy(tmp_path)
    path = target / "policies" / "ma-mrs.yaml"
    edit(path, "service: mrs", "service: [mrs")
    assert main(["policies", "validate", str(target)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"ma-mrs\.yaml:\d+: field \(top level\): is not valid YAML", err), err


def test_cross_file_mistakes_in_services_name_their_field_and_line(tmp_path, capsys):
    target = policy_copy(tmp_path)
    path = target / "services.yaml"
    edit(path, "serum_alternatives: [magnesium, calcium]", "serum_alternatives: [magnesium, selenium]")
    edit(path, "- {system: cpt, code: \"76390\"", "- {system: cpx, code: \"76390\"")
    assert main(["policies", "validate", str(target)]) == 1
    err = capsys.readouterr().err
    assert (f"services.yaml:{_line_of(path, '      - {system: cpx')}: field services[0].codes[0].system: "
            "unknown code system alias 'cpx'") in err
    assert "serum_alternatives[1]: 'selenium' is not verified" in err


def test_the_service_refuses_to_start_naming_every_mistake(several_mistakes):
    with pytest.raises(PolicyDataError) as caught:
        create_app({"CDS_POLICY_DIR": str(several_mistakes)})
    assert len(caught.value.problems) == 6
    assert {p.field_name for p in caught.value.problems} == {
        "determination", "effective_from", "last_reviewed", "titel", "title", "service"}


def test_validate_checks_the_directory_given_not_the_installed_copy(several_mistakes, capsys):
    assert main(["policies", "validate"]) == 0        # the bundled data is fine
    capsys.readouterr()
    assert main(["policies", "validate", str(several_mistakes)]) == 1
    assert str(several_mistakes) in capsys.readouterr().err


def test_validate_in_a_checkout_checks_that_checkouts_policy_data(tmp_path):
    checkout = checkout_copy(tmp_path)
    edit(checkout / "policy_data" / "policies" / "ma-mrs.yaml", "service: mrs", "service: mrx")
    (checkout / "policy_data" / "policies" / "sub").mkdir()
    result = run_command(["policies", "validate"], checkout / "policy_data" / "policies" / "sub", tmp_path / "data")
    assert result.returncode == 1, result.stdout
    assert f"{checkout / 'policy_data' / 'policies' / 'ma-mrs.yaml'}:" in result.stderr
    assert "field service: 'mrx' is not in services.yaml" in result.stderr


def test_validate_prefers_cds_policy_dir_to_the_checkout(several_mistakes, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("CDS_POLICY_DIR", str(several_mistakes))
    assert main(["policies", "validate"]) == 1
    assert str(several_mistakes) in capsys.readouterr().err


def test_validate_refuses_a_directory_that_does_not_exist(tmp_path, capsys):
    assert main(["policies", "validate", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_mistakes_in_the_recognition_rules_are_named_with_their_field(tmp_path, capsys):
    """Each rule compiled from services.yaml says what is wrong with it, at its place."""
    target = policy_copy(tmp_path)
    path = target / "services.yaml"
    edit(path, "      - id: mrs-mrsi\n", "      - id: mrs-abbreviation\n")
    edit(path, "pattern: 'neuro-?spectroscopy'", "pattern: 'neuro-?(spectroscopy'")
    edit(path, "applies_to: [mrs-abbreviation]", "applies_to: [panel-spectrox]")
    edit(path, r"separators: '[,;:()\[\]+&]'", "separators: '[,;:'")
    edit(path, "  - id: cpt-radiology\n    system: cpt", "  - id: cpt-radiology\n    system: cpx")
    assert main(["policies", "validate", str(target)]) == 1
    err = capsys.readouterr().err
    for expected in [
        "field services[0].phrases[3].id: phrase id 'mrs-abbreviation' is used twice",
        "field services[0].phrases[5].pattern: 'neuro-?(spectroscopy' is not a valid regular expression (",
        "field services[0].vetoes[0].applies_to[0]: 'panel-spectrox' is not a phrase id of service 'mrs'",
        "field negation: cues, resets and separators do not make a valid regular expression (",
        "field order_kinds[1].system: unknown code system alias 'cpx'",
    ]:
        assert expected in err, f"{expected!r} not in:\n{err}"


def test_invalid_patterns_of_requirements_vetoes_and_order_kinds_are_named_with_their_field(tmp_path, capsys):
    target = policy_copy(tmp_path)
    path = target / "services.yaml"
    edit(path, "pattern: '(?-i:MR)|MRI|magnetic\\s+resonance'", "pattern: '(?-i:MR|MRI'")
    edit(path, "pattern: 'Rankin|NIHSS", "pattern: '(Rankin|NIHSS")
    edit(path, "unless: '(?-i:MR|MRI|CT|US|NM|PET|XR|RF|MG)|radiology'", "unless: '(?-i:MR|radiology'")
    assert main(["policies", "validate", str(target)]) == 1
    err = capsys.readouterr().err
    for field in ("services[0].phrases[4].requires.pattern", "services[0].vetoes[0].pattern", "order_kinds[4].unless"):
        assert f"field {field}: '" in err and "is not a valid regular expression (" in err, (field, err)


def test_a_mistake_in_a_products_phrase_is_named_with_its_product_and_phrase(tmp_path, capsys):
    """An editor is sent to the product's phrase itself, not to the service's own phrases."""
    target = policy_copy(tmp_path)
    path = target / "services.yaml"
    bad_pattern = r"            pattern: 'EXA[\s-]?(Test'"
    edit(path, r"            pattern: 'EXA[\s-]?Test'", bad_pattern)
    twice = _line_of(path, "          - id: panel-immunidex")   # the first panel-spectrox stands before it
    edit(path, "          - id: panel-immunidex\n", "          - id: panel-spectrox\n")
    assert main(["policies", "validate", str(target)]) == 1
    err = capsys.readouterr().err
    for expected in [
        f"services.yaml:{_line_of(path, bad_pattern)}: field services[1].products[1].phrases[0].pattern: "
        r"'EXA[\\s-]?(Test' is not a valid regular expression (",   # the pattern as Python writes it (repr)
        f"services.yaml:{twice}: field services[1].products[0].phrases[2].id: "
        "phrase id 'panel-spectrox' is used twice",
    ]:
        assert expected in err, f"{expected!r} not in:\n{err}"
