"""`cds-service policies import`: every value cites its sentence, gaps stay gaps, drafts wait for review.

The documents are the three seeds, the four fictional examples in shared/reference/policy-examples, and
three fictional documents in tests/policy_import/heldout (HTML, a PDF made by make_orrin_bay_pdf.py, text)
whose answer keys were written before the importer was tuned.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from benchmarks import import_score
from cds_service.cli import main
from cds_service.engine import PolicyDataError
from cds_service.policy_files import load_policy_set
from cds_service.policy_import import load_knowledge, read_source
from cds_service.policy_import.importer import import_text
from cds_service.policy_import.keyformat import to_key
from cds_service.policy_import.reading import SourceText

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = Path(__file__).parent / "heldout"
EXAMPLES = import_score.SHARED / "reference" / "policy-examples"
SEEDS = import_score.SHARED / "seeds"


@pytest.fixture(scope="module")
def know():
    return load_knowledge(ROOT / "policy_data")


def imported(path: Path, know) -> dict:
    return to_key(import_text(import_score.load_source(path), know))


def text_of(path: Path) -> str:
    return import_score.load_source(path).text


def norm(s: str) -> str:
    return " ".join(s.split())


def all_keys() -> list[Path]:
    return [import_score.resolve(r) for r in import_score.ALL_KEYS]


@pytest.mark.parametrize("key_path", all_keys(), ids=lambda p: p.name.replace(".expected.yaml", ""))
def test_every_quote_of_an_answer_key_is_in_the_document_as_shown(key_path):
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    source = import_score.load_source(import_score.document_path(key_path, key))
    shown, as_read = source.as_shown(0, len(source.text)), norm(source.text)
    quotes = []
    for section in ("payer", "title", "policy_number", "authority"):
        if isinstance(key.get(section), dict) and key[section].get("quote"):
            quotes.append(key[section]["quote"])
    # (a key's prose about its dates, "note: ...", is no date, as the scorer reads it)
    quotes += [d["quote"] for d in (key.get("dates") or {}).values() if isinstance(d, dict) and d.get("quote")]
    quotes += [c["quote"] for c in key.get("codes") or []]
    quotes += [s for s in (key.get("statements") or {}).values() if s]
    for status in ("covered", "excluded"):
        quotes += [l["quote"] for l in (key.get("lines_of_business") or {}).get(status) or []]
    assert quotes
    # one older key quotes an HTML table row as read, with the reader's " | " between its cells
    # ... and a key may quote an HTML list across its items as the page shows them, without the "- " the reader puts
    # before each item (a page's bullet is no word of it)
    items = norm(re.sub(r"(?m)^[ \t]*- ", "", source.text)) if source.kind == "html" else as_read
    missing = [q for q in quotes if norm(q) not in shown and norm(q) not in as_read and norm(q) not in items]
    assert missing == []


def test_the_keyed_documents_stay_within_the_precision_and_recall_targets():
    # A regression guard over every keyed document. The figures on documents not yet seen are measured
    # round by round and written in docs/policy-import.md; they cannot be a test, since a round is
    # tuned on once measured.
    # A document that breaks one of its key's checkable must_not items has failed, whatever its scores.
    totals = {"single": import_score.Tally(), "codes": import_score.Tally()}
    know = load_knowledge(ROOT / "policy_data")
    broken = {}
    for ref in import_score.ALL_KEYS:
        name, tallies = import_score.run_key(import_score.resolve(ref), know, strict=False)
        for kind in totals:
            totals[kind].add(tallies[kind])
        if tallies["must_not"].broken:
            broken[name] = tallies["must_not"].broken
    single, codes = totals["single"], totals["codes"]
    assert single.precision >= 0.95 and single.recall >= 0.70
    assert codes.precision >= 0.90 and codes.recall >= 0.80
    assert broken == {}


def test_every_citation_points_at_its_sentence_by_offsets(know):
    for path in [HELDOUT / "orrin-bay-mr-spectroscopy.pdf", HELDOUT / "fenwick-valley-cellular-nutrient-assays.html",
                 SEEDS / "001_5ab31501750c4ff7.txt"]:
        source = import_score.load_source(path)
        text = source.text
        out = imported(path, know)
        cited = [out["payer"], out["title"], out["policy_number"], *out["dates"].values(), *out["codes"],
                 *out["services"], *out["lines_of_business"]["covered"], *out["lines_of_business"]["excluded"]]
        cited = [c for c in cited if c.get("quote")]
        assert len(cited) >= 5
        for c in cited:
            # an HTML row's quote shows its cells side by side, without the "|" the reader put between them
            piece = "".join(ch for at, ch in enumerate(text[c["start"]:c["end"]], c["start"])
                            if at not in source.cell_breaks)
            assert norm(piece) == c["quote"]
        if source.kind == "html":
            assert any(text[c["start"]:c["end"]].count(" | ") for c in cited)


def test_a_pdf_code_table_split_across_pages_keeps_every_code_and_drops_the_page_header(know):
    out = imported(HELDOUT / "orrin-bay-mr-spectroscopy.pdf", know)
    roles = {c["code"]: c["role"] for c in out["codes"]}
    assert roles == {"76390": "not-covered", "0609T": "not-covered", "0610T": "not-covered",
                     "0611T": "not-covered", "0612T": "not-covered"}
    assert out["title"]["value"] == "Magnetic Resonance Spectroscopy"
    assert out["policy_number"]["value"] == "RAD-118"          # not 220.2.1, the NCD it follows
    assert out["authority"]["value"] == "NCD 220.2.1"
    quotes = json.dumps(out)
    assert "Page 1 of 2" not in quotes and "Fictional example" not in quotes
    assert out["dates"]["published"]["value"] is None          # "Published:" has no value
    assert any("published" in n for n in out["not_found"])


def test_html_lists_and_table_rows_each_become_a_line_of_their_own():
    text = read_source(HELDOUT / "fenwick-valley-cellular-nutrient-assays.html").text
    lines = text.splitlines()
    assert "- Commercial (HMO, PPO and EPO)" in lines
    assert "- Medicaid (Fenwick Valley Community Plan)" in lines
    assert "83735 | Magnesium | Listed for reference; not affected by this policy" in lines
    assert "Date Approved |" in lines                            # a label with no value stays visible
    assert "analytics" not in text and "Home" not in text        # scripts and navigation are not the policy


def test_negations_hedges_and_empty_labels_produce_nothing(know):
    out = imported(HELDOUT / "kestrel-point-micronutrient-reimbursement.txt", know)
    assert [s["determination"] for s in out["services"]] == ["not-reimbursable"]   # "indications: none."
    covered = {l["line"] for l in out["lines_of_business"]["covered"]}
    assert covered == {"commercial", "medicare-advantage"}     # "Medicaid: N/A" and "may also adopt" are not
    assert out["lines_of_business"]["excluded"] == []
    roles = {c["code"]: c["role"] for c in out["codes"]}
    assert roles == {"84999": "not-reimbursable-conditional", "86353": "not-reimbursable-conditional",
                     "82607": "covered-with-limits", "88348": "reference"}
    fenwick = imported(HELDOUT / "fenwick-valley-cellular-nutrient-assays.html", know)
    assert fenwick["dates"]["approved"]["value"] is None       # "Date Approved" with an empty cell
    assert "medicare" not in {l["line"] for l in fenwick["lines_of_business"]["covered"]}
    assert "10234" not in {c["code"] for c in fenwick["codes"]}  # a PO box


def test_a_service_the_product_does_not_know_is_proposed_not_merged(know):
    out = imported(HELDOUT / "fenwick-valley-cellular-nutrient-assays.html", know)
    services = {s["service"]: s["determination"] for s in out["services"]}
    assert services == {"intracellular-micronutrient-panel": "not-medically-necessary",
                        "new:live-blood-cell-analysis": "investigational"}


def test_covered_with_criteria_and_investigational_otherwise_are_both_kept(know):
    out = imported(EXAMPLES / "quillmoor-proton-mr-spectroscopy.txt", know)
    [mrs] = out["services"]
    assert (mrs["service"], mrs["determination"], mrs["otherwise"]) == ("mrs", "covered-with-criteria",
                                                                          "investigational")
    assert mrs["product_enum"] is None
    roles = {c["code"]: c["role"] for c in out["codes"]}
    assert roles["76390"] == "covered-with-criteria"
    assert {roles[c] for c in ("70551", "70552", "70553")} == {"reference"}
    assert "Revision History" not in json.dumps(out["dates"])


def test_a_document_that_names_no_payer_leaves_the_payer_absent(know):
    out = imported(SEEDS / "002_49a13f22a5efe94e.txt", know)
    assert out["payer"] == {"value": None}
    assert out["policy_number"] == {"value": None}              # "Policy No. 27" is another policy
    assert out["authority"] == {"value": None}
    # named by its title, decided nowhere in the text (it defers to a policy the text does not include)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", None)]


def test_import_key_format_prints_the_answer_key_structure(capsys):
    assert main(["policies", "import", str(EXAMPLES / "brindlewood-ma-mrs-ncd.txt"), "--format", "key"]) == 0
    out = json.loads(capsys.readouterr().out)
    for field in ("payer", "title", "policy_number", "services", "lines_of_business", "dates", "codes",
                  "products", "statements"):
        assert field in out
    assert out["policy_number"]["value"] == "BMA-MP-RAD-052"
    assert set(out["dates"]) == {"effective_from", "last_reviewed", "next_review", "approved", "published",
                                 "origination"}
    assert out["dates"]["effective_from"] == {"value": "2025-01-01", "quote": "Effective Date: 01/01/2025",
                                              "start": out["dates"]["effective_from"]["start"],
                                              "end": out["dates"]["effective_from"]["end"]}


def test_an_unreadable_document_is_refused_with_its_name(tmp_path, capsys):
    bad = tmp_path / "policy.pdf"
    bad.write_bytes(b"%PDF-1.4 not really a pdf")
    assert main(["policies", "import", str(bad), "--format", "key"]) == 2
    assert "policy.pdf" in capsys.readouterr().err


@pytest.fixture
def policy_copy(tmp_path):
    target = tmp_path / "policy_data"
    shutil.copytree(ROOT / "policy_data", target)
    return target


def test_the_loader_refuses_an_imported_draft_until_a_reviewer_marks_it_reviewed(policy_copy, capsys,
                                                                                     monkeypatch):
    monkeypatch.setenv("CDS_POLICY_DIR", str(policy_copy))
    assert main(["policies", "import", str(EXAMPLES / "brindlewood-ma-mrs-ncd.txt"), "--id", "brindlewood-mrs"]) == 0
    printed = capsys.readouterr().out
    assert "Review checklist" in printed and "NOT FOUND" in printed
    draft = policy_copy / "policies" / "brindlewood-mrs.yaml"
    assert (policy_copy / "policies" / "brindlewood-mrs.provenance.yaml").is_file()
    services_before = (ROOT / "policy_data" / "services.yaml").read_text()
    with pytest.raises(PolicyDataError, match=r"brindlewood-mrs.yaml:\d+: field status: is a draft"):
        load_policy_set(policy_copy)
    # The reviewer settles what the document cannot say, and marks the file reviewed.
    doc = yaml.safe_load(draft.read_text())
    assert doc["status"] == "draft" and doc["determination"] == "not-covered"
    assert doc["payer"] == "new:brindlewood-medicare-advantage"     # a plan named "... Medicare Advantage", not CMS
    # The document follows NCD 220.2.1: the draft stays the plan's own policy, its Medicare Advantage card
    # sentence is the document's, and the national rule on file is named for the reviewer.
    assert doc["scope"] == "payer"
    assert doc["by_line"]["medicare-advantage"]["finding"].startswith("Brindlewood Medicare Advantage follows NCD 220.2.1")
    assert "organization determination" in doc["by_line"]["medicare-advantage"]["recourse"]
    assert "cms-ncd-220-2-1 is on file" in draft.read_text()
    doc.update(status="reviewed", payer="ma-mrs-plan", when_line_unknown="apply",
               override_reasons=["pre-service-determination"])
    draft.write_text(yaml.safe_dump(doc, sort_keys=False))
    loaded = load_policy_set(policy_copy)
    assert loaded.policies["brindlewood-mrs"].determination == "not-covered"
    assert (policy_copy / "services.yaml").read_text() == services_before


def test_new_services_go_to_a_proposal_file_never_into_services_yaml(policy_copy, capsys, monkeypatch):
    out = policy_copy.parent / "drafts"
    assert main(["policies", "import", str(EXAMPLES / "lanternfield-medicaid-investigational-lab-tests.txt"),
                 "--out", str(out)]) == 0
    [proposal] = out.glob("*.services.proposal.yaml")
    ids = [s["id"] for s in yaml.safe_load(proposal.read_text())["proposed_services"]]
    assert ids == ["galectin-3", "hair-analysis"]
    assert (ROOT / "policy_data" / "services.yaml").read_text() == (policy_copy / "services.yaml").read_text()


def test_the_score_counts_a_right_value_only_with_its_sentence():
    key = {"title": {"value": "Proton MR Spectroscopy", "quote": "Proton MR Spectroscopy"},
           "codes": [{"code": "76390", "role": "not-covered", "quote": "CPT 76390 Magnetic resonance spectroscopy"}]}
    right = {"title": {"value": "Proton MR Spectroscopy", "quote": "Proton MR Spectroscopy"},
             "codes": [{"code": "76390", "role": "not-covered",
                        "quote": "CPT 76390 Magnetic resonance spectroscopy ..... Not covered"}]}
    elsewhere = {"title": {"value": "Proton MR Spectroscopy", "quote": "Policy No. QH-RAD-0311"},
                 "codes": [{"code": "76390", "role": "reference", "quote": "CPT 76390 Magnetic resonance spectroscopy"}]}
    good, bad = import_score.score(key, right), import_score.score(key, elsewhere)
    assert (good["single"].correct, good["codes"].correct) == (1, 1)
    assert (bad["single"].correct, bad["single"].produced, bad["codes"].correct) == (0, 1, 0)
    assert import_score.score({"payer": {"value": None}}, {"payer": {"value": "X", "quote": "X"}})["single"].produced == 1


def test_a_note_among_a_keys_dates_is_prose_and_the_dates_beside_it_are_scored():
    key = {"dates": {"effective_from": {"value": "2026-03-16", "quote": "ISSUED: 03/16/26"},
                     "note": "REPLACED: 11/04/22 is the date of the version this one replaced"}}
    out = {"dates": {"effective_from": {"value": "2026-03-16", "quote": "ISSUED: 03/16/26"}}}
    tally = import_score.score(key, out)["single"]
    assert (tally.correct, tally.produced, tally.expected) == (1, 1, 1)


def _import_plain(text: str, know) -> dict:
    return to_key(import_text(SourceText("inline.txt", "text", text, "0" * 64), know))


def test_hcpcs_and_icd10_codes_are_found_only_where_the_document_codes(know):
    # S3650 (HCPCS, "saliva test, hormone level; during menopause": med.report HCPCS S3650 page) and E55.9
    # (ICD-10-CM "Vitamin D deficiency, unspecified": carepatron.com and icd10.blog E55 pages) are real codes.
    text = ("Orbury Health Plan\nMedical Policy\n\nSalivary Hormone Testing\nPolicy Number: OHP-77\n\n"
            "Policy\nSalivary hormone testing is investigational.\n\n"
            "Coding\nCodes not covered for the indications in this policy:\nS3650 | Saliva test, hormone level\n\n"
            "ICD-10 Codes\nE55.9 | Vitamin D deficiency, unspecified | Listed for reference\n\n"
            "History\n01/2024 | S3650 added; E55.9 listed.\n\nThe plan serves 10234 members in 2024.\n")
    out = _import_plain(text, know)
    assert {(c["system"], c["code"], c["role"]) for c in out["codes"]} == {
        ("hcpcs", "S3650", "not-covered"), ("icd10", "E55.9", "reference")}


def test_only_ticked_boxes_name_a_line_of_business(know):
    text = ("Orbury Health Plan\nMedical Policy\n\nSalivary Hormone Testing\nPolicy Number: OHP-77\n"
            "Lines of Business: \u2612 Commercial \u2610 Medicare Advantage \u2612 Medicaid\n")
    out = _import_plain(text, know)
    assert [l["line"] for l in out["lines_of_business"]["covered"]] == ["commercial", "medicaid"]


def test_a_negated_medical_necessity_is_never_read_as_coverage(know):
    text = ("Orbury Health Plan\nMedical Policy\n\nMR Spectroscopy\nPolicy Number: OHP-78\n\nPolicy\n"
            "Orbury Health Plan does not consider MR spectroscopy medically necessary for any indication.\n")
    [mrs] = _import_plain(text, know)["services"]
    assert (mrs["service"], mrs["determination"]) == ("mrs", "not-medically-necessary")


_HEAD = "Orbury Health Plan\nMedical Policy\n\nSalivary Hormone Testing\nPolicy Number: OHP-79\n\n"


def test_a_sentence_that_denies_a_determination_decides_nothing(know):
    text = _HEAD + ("Policy\nSalivary hormone testing is not considered investigational.\n"
                    "Orbury Health Plan does not consider hair mineral analysis experimental.\n")
    assert _import_plain(text, know)["services"] == []


def test_an_otherwise_branch_alone_is_not_taken_for_the_main_determination(know):
    text = _HEAD + "Policy\nSalivary hormone testing is investigational for all other indications.\n"
    out = _import_plain(text, know)
    assert out["services"] == []
    assert any("otherwise" in n for n in out["not_found"])
    boiler = _HEAD + "Policy\nUnless otherwise stated, salivary hormone testing is investigational.\n"
    [s] = _import_plain(boiler, know)["services"]
    assert (s["service"], s["determination"]) == ("new:salivary-hormone-testing", "investigational")


def test_the_plan_speaking_of_itself_decides_and_another_body_does_not(know):
    text = _HEAD + ("Policy\nOrbury Health Plan considers hair mineral analysis experimental, investigational or "
                    "unproven.\nCMS does not cover salivary hormone testing because it is considered experimental.\n")
    assert [(s["service"], s["determination"]) for s in _import_plain(text, know)["services"]] == [
        ("new:hair-mineral-analysis", "investigational")]


def test_a_line_sent_to_another_policy_is_neither_covered_nor_excluded(know):
    text = _HEAD + ("Applicability\nMedicare Advantage members: refer to the applicable national coverage "
                    "determination.\nThis policy applies to commercial plans; Medicaid members should consult "
                    "the state manual.\n")
    out = _import_plain(text, know)
    assert [l["line"] for l in out["lines_of_business"]["covered"]] == ["commercial"]
    assert out["lines_of_business"]["excluded"] == []


def test_a_code_whose_role_is_ambiguous_is_left_for_the_reviewer(know):
    text = _HEAD + ("Policy\nSalivary hormone testing is investigational.\n\n"
                    "Coding\nCode | Description | Status\n"
                    "S3650 | Saliva test, hormone level | Covered for menopause; not covered for screening\n"
                    "84999 | Unlisted chemistry procedure | Not covered\n\n"
                    "Rationale\nThe evidence is insufficient. Code 84999 is covered when billed with a "
                    "documented deficiency.\n")
    roles = {c["code"]: c["role"] for c in _import_plain(text, know)["codes"]}
    assert roles == {}          # S3650's cell says both; 84999 is denied in one place and covered in another
    loose = _HEAD + ("Policy\nSalivary hormone testing is investigational.\n\nCoding\n"
                     "The codes in this policy are not covered when billed for salivary hormone testing.\n\n"
                     "Billing Codes\nS3650 | Saliva test, hormone level\n")
    assert _import_plain(loose, know)["codes"] == []    # a status-less table next to a role sentence not tied to it


def test_a_date_of_another_document_is_not_a_date_of_the_policy(know):
    text = _HEAD + ("Policy\nSalivary hormone testing is investigational.\nThe assay was FDA approved on "
                    "May 1, 2019.\n\nNational Coverage Determination\nEffective Date: 07/01/2004\n")
    dates = _import_plain(text, know)["dates"]
    assert dates["approved"] == {"value": None} and dates["effective_from"] == {"value": None}


def test_a_pla_code_is_read_with_the_role_its_row_gives(know):
    # 0001U ("Red blood cell antigen typing, DNA, human erythrocyte antigen gene analysis of 35 antigens from
    # 11 blood groups") and 0003U ("Oncology (ovarian) biochemical assays of five proteins ...") are real PLA
    # codes: Medi-Cal provider manual "Proprietary Laboratory Analyses (PLA)", page updated April 2021, as
    # stored at https://5y1.org/info/ovarian-adnexal-mass-icd-10_1_15339b.html.
    text = _HEAD + ("Policy\nSalivary hormone testing is investigational.\n\nCoding\nCode | Description | Status\n"
                    "0003U | Oncology (ovarian) biochemical assays of five proteins | Not covered\n"
                    "0001U | Red blood cell antigen typing, DNA | Not addressed by this policy\n"
                    "2025U | A year with a letter, not a code in this table | Not covered\n")
    roles = {c["code"]: c["role"] for c in _import_plain(text, know)["codes"]}
    assert roles == {"0003U": "not-covered", "0001U": "reference"}   # PLA codes are numbered 0001U-0999U


def test_the_national_rule_is_never_taken_from_a_reference_list(know):
    text = _HEAD + ("Policy\nSalivary hormone testing is investigational.\n\nReferences\n"
                    "1. Centers for Medicare & Medicaid Services. National Coverage Determination 190.3. Cited for "
                    "background only.\n")
    assert _import_plain(text, know)["authority"] == {"value": None}


def test_a_plan_named_after_medicare_advantage_is_not_medicare(know):
    assert know.payer_for("Brindlewood Medicare Advantage") is None
    assert know.payer_for("Medicare") == "cms"


def test_a_must_not_item_in_checkable_form_fails_the_document_that_breaks_it():
    key = {"must_not": [
        "prose is read by a person and never checked",
        {"text": "220.2.1 as the policy number", "check": {"field": "policy_number", "value": "220.2.1"}},
        {"text": "82607 marked not covered", "checks": [{"code": "82607", "role": "not-covered"},
                                                         {"code": "82607", "role": "not-covered-in-context"}]},
        {"text": "medicaid as a covered line", "check": {"line": "medicaid", "status": "covered"}},
        {"text": "a date from the footer", "check": {"date": "any", "quote_contains": "Page 1 of 2"}},
        {"an LCD cited (\"LCD": "N/A\")"},       # prose that YAML read as a mapping stays prose
    ]}
    clean = {"policy_number": {"value": "HB-1", "quote": "Policy Number: HB-1"},
             "codes": [{"code": "82607", "role": "reference", "quote": "82607 | Vitamin B-12"}],
             "lines_of_business": {"covered": [{"line": "commercial", "quote": "applies to commercial"}]},
             "dates": {"effective_from": {"value": "2025-01-01", "quote": "Effective Date: 01/01/2025"}}}
    broken, checked, total = import_score.must_not_broken(key, clean)
    assert (broken, checked, total) == ([], 4, 6)
    bad = {**clean, "policy_number": {"value": "220.2.1", "quote": "NCD 220.2.1"},
           "codes": [{"code": "82607", "role": "not-covered-in-context", "quote": "82607 | Vitamin B-12"}],
           "dates": {"last_reviewed": {"value": "2025-02", "quote": "Heron Bay | Page 1 of 2 | 02/2025"}}}
    broken, _, _ = import_score.must_not_broken(key, bad)
    assert broken == ["220.2.1 as the policy number", "82607 marked not covered", "a date from the footer"]
    with pytest.raises(ValueError, match="unknown condition"):
        import_score.must_not_broken({"must_not": [{"text": "x", "check": {"code": "1", "rol": "x"}}]}, clean)


def test_printed_form_labels_and_label_grids_are_read_and_a_contents_page_is_not(know):
    text = ("Orbury Health Plan\nMedical Coverage Policy\n\n"
            "Effective Date ............................. 10/15/2025\n"
            "Coverage Policy Number ..................... OHP-0571\n\n"
            "Salivary Hormone Testing\n\nTable of Contents\nCoverage Policy ............................ 1\n\n"
            "Line of Business: | Commercial | Review Date: | 06/18/2025\n\n"
            "Coverage Policy\nSalivary hormone testing is considered experimental, investigational or unproven.\n")
    out = _import_plain(text, know)
    assert (out["title"]["value"], out["policy_number"]["value"]) == ("Salivary Hormone Testing", "OHP-0571")
    assert (out["dates"]["effective_from"]["value"], out["dates"]["last_reviewed"]["value"]) == ("2025-10-15",
                                                                                               "2025-06-18")
    assert [l["line"] for l in out["lines_of_business"]["covered"]] == ["commercial"]


def test_the_object_of_the_plans_own_verb_is_the_service_and_this_service_is_the_one_before(know):
    text = ("Fernbrook Health Inc.\nClinical Policy Bulletin: MR Spectroscopy\nNumber: 0288\n\nPolicy\n"
            "Fernbrook Health considers magnetic resonance spectroscopy medically necessary for the following "
            "indications:\n- recurrent brain tumor versus radiation necrosis.\n"
            "Fernbrook Health considers MRS experimental, investigational, or unproven for all other indications.\n\n"
            "Coverage Determination\nMembers may not be eligible under the Plan for intracellular micronutrient testing. "
            "This service is considered experimental/investigational.\n")
    services = {s["service"]: (s["determination"], s.get("otherwise")) for s in _import_plain(text, know)["services"]}
    assert services == {"mrs": ("covered-with-criteria", "investigational"),
                        "intracellular-micronutrient-panel": ("investigational", None)}


def test_a_plans_bare_medicare_product_names_no_line(know):
    text = _HEAD + "Products: Commercial, Medicare, Medicaid\n"
    out = _import_plain(text, know)
    assert [l["line"] for l in out["lines_of_business"]["covered"]] == ["commercial", "medicaid"]
    assert any("Medicare" in n and "no line" in n for n in out["not_found"])


def test_a_label_whose_value_is_printed_on_the_line_below_keeps_it(know):
    text = ("Orbury Health Plan\nMedical Policy\n\nSalivary Hormone Testing\n\nPolicy Number\nOHP-79\n"
            "Effective Date\n01/01/2025\nLast Review Date:\nMay 2024\n\nPolicy\n"
            "Salivary hormone testing is investigational.\n")
    out = _import_plain(text, know)
    assert out["policy_number"]["value"] == "OHP-79"
    assert (out["dates"]["effective_from"]["value"], out["dates"]["last_reviewed"]["value"]) == ("2025-01-01",
                                                                                               "2024-05")


def test_a_coverage_table_decides_each_service_in_its_rows(know):
    text = _HEAD + ("Coverage Summary\nService | Coverage Status | Notes\n"
                    "Intracellular micronutrient panel (e.g., SpectraCell) | Investigational | Not covered for any indication\n"
                    "Hair mineral analysis | Not covered |\n")
    services = {s["service"]: (s["determination"], s["row_quote"]) for s in _import_plain(text, know)["services"]}
    assert services == {
        "intracellular-micronutrient-panel": ("investigational", "Intracellular micronutrient panel (e.g., SpectraCell) "
                                              "| Investigational | Not covered for any indication"),
        "new:hair-mineral-analysis": ("not-covered", "Hair mineral analysis | Not covered |")}


def test_a_date_and_number_printed_only_in_the_running_header_are_read_once(know):
    header = "Orbury Health Plan | Policy Number: OHP-80 | Effective Date: 02/01/2025"
    text = (f"{header}\nSalivary Hormone Testing\n\nPolicy\nSalivary hormone testing is investigational.\nPage 1 of 2\n"
            f"\f{header}\nReferences\n1. A study of saliva, 2019.\nPage 2 of 2\n")
    out = _import_plain(text, know)
    assert out["policy_number"]["value"] == "OHP-80" and out["dates"]["effective_from"]["value"] == "2025-02-01"
    assert out["dates"]["effective_from"]["quote"] == "Effective Date: 02/01/2025"
    assert text[out["dates"]["effective_from"]["start"]:out["dates"]["effective_from"]["end"]] == \
        "Effective Date: 02/01/2025"


def test_a_sentence_deciding_several_services_decides_each_and_never_merges_them(know):
    text = _HEAD + ("Policy\nHair mineral analysis and live blood cell analysis are considered investigational.\n"
                    "Intracellular micronutrient testing and live blood analysis are not covered.\n")
    services = {s["service"]: s["determination"] for s in _import_plain(text, know)["services"]}
    assert services == {"new:hair-mineral-analysis": "investigational",
                        "new:live-blood-cell-analysis": "investigational",
                        "intracellular-micronutrient-panel": "not-covered", "new:live-blood-analysis": "not-covered"}


_DISCLAIMER = ("Applicable Codes\nThe following codes are listed for reference purposes only. Listing of a code does not "
               "imply that the service described by the code is covered or non-covered.\nCPT Code | Description\n")


def test_codes_under_a_stock_disclaimer_take_the_determination_of_the_service_they_describe(know):
    # 76390 (MR spectroscopy) and 86353 (lymphocyte transformation) are the seed policies' own codes; 0609T and
    # 0610T (MR spectroscopy of discogenic pain) are the Category III codes of the round 2 keys
    text = ("Orbury Health Plan\nMedical Policy\n\nMR Spectroscopy\nPolicy Number: OHP-81\n\nPolicy\n"
            "MR spectroscopy is investigational for all indications.\n\n" + _DISCLAIMER +
            "76390 | Magnetic resonance spectroscopy\n86353 | Lymphocyte transformation\n")
    codes = {c["code"]: c["role"] for c in _import_plain(text, know)["codes"]}
    assert codes == {"76390": "not-covered", "86353": "reference"}


def test_a_disclaimed_code_in_a_list_of_several_services_gets_no_role(know):
    text = _HEAD + ("Policy\nHair mineral analysis and live blood cell analysis are considered investigational.\n\n"
                    + _DISCLAIMER + "86353 | Lymphocyte transformation\n")
    out = _import_plain(text, know)
    assert out["codes"] == [] and any("stock disclaimer" in n for n in out["not_found"])


def test_a_pdf_code_table_whose_descriptions_wrap_onto_lines_of_their_own_keeps_its_lead_line(know):
    text = ("Orbury Health Plan\nMedical Policy\n\nMR Spectroscopy\nPolicy Number: OHP-82\n\nPolicy\n"
            "MR spectroscopy is investigational for all indications.\n\n" + _DISCLAIMER.replace(" | ", " ") +
            "Magnetic resonance spectroscopy, localization of discogenic pain;\n0609T acquisition of single voxel data\n"
            "Magnetic resonance spectroscopy, localization of discogenic pain;\n0610T\ntransmission of biomarker data\n")
    codes = {c["code"]: c["role"] for c in _import_plain(text, know)["codes"]}
    assert codes == {"0609T": "not-covered", "0610T": "not-covered"}


def test_a_date_label_the_document_defines_as_the_original_version_is_the_origination(know):
    text = ("Orbury Health Plan\nMedical Policy\n\nSalivary Hormone Testing\nPolicy Number: OHP-83\n"
            "Last Review: 06/12/2025\nEffective: 03/01/2013\n\nDefinitions\nEffective - the date of the original "
            "version of the policy.\n\nPolicy\nSalivary hormone testing is investigational.\n")
    dates = _import_plain(text, know)["dates"]
    assert dates["effective_from"]["value"] is None
    assert (dates["origination"]["value"], dates["origination"]["quote"]) == ("2013-03-01", "Effective: 03/01/2013")


# 82652 (vitamin D, 1,25 dihydroxy), 82607 (cyanocobalamin), 84630 (zinc), 86353 (lymphocyte transformation):
# real CPT codes, as in the seed and example policies' coding sections
_CODED = ("Orbury Health Plan\nMedical Policy\n\nMicronutrient Testing\nPolicy Number: OHP-84\n\nPolicy\n"
          "Intracellular micronutrient testing is investigational.\n\nCoding\n")


def test_a_bracketed_clarification_narrows_a_listed_denial_to_its_context(know):
    text = _CODED + ("CPT codes not covered for indications listed in the policy:\n"
                     "82652 Vitamin D; 1, 25 dihydroxy [when used to assess vitamin D status]\n"
                     "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis [when billed for\n86353\n"
                     "intracellular micronutrient testing]\n")
    codes = {c["code"]: (c["role"], c["quote"]) for c in _import_plain(text, know)["codes"]}
    assert {k: v[0] for k, v in codes.items()} == {"82652": "not-covered-in-context", "86353": "not-covered-in-context"}


def test_a_lead_line_without_a_status_starts_a_reference_list_below_a_denied_one(know):
    text = _CODED + ("CPT codes covered subject to the limits in section II:\n82607 Cyanocobalamin (Vitamin B-12)\n"
                     "CPT codes not covered for indications listed in the policy:\n86353 Lymphocyte transformation\n"
                     "Other CPT codes related to the policy:\n84630 Zinc\n")
    codes = {c["code"]: c["role"] for c in _import_plain(text, know)["codes"]}
    assert codes == {"82607": "covered-with-limits", "86353": "not-covered", "84630": "reference"}


def test_a_bundling_rule_is_a_conditional_non_reimbursement_of_the_row_code_only(know):
    # 70551, 70552, 70553 (brain MRI without, with, without-then-with contrast) and A4647 (paramagnetic
    # contrast material): real codes of the public MRI payment rules the MRS reimbursement examples cite
    text = ("Orbury Health Plan\nReimbursement Policy\n\nMR Spectroscopy\nPolicy Number: OHP-85\n\nPolicy\n"
            "MR spectroscopy is not reimbursable.\n"
            "CPT 70551 and 70552 reported on the same date of service are not separately reimbursable; report "
            "combination code 70553 instead.\n\nCodes\nCode | Description | Reimbursement\n"
            "70551 | MRI brain; without contrast | Not separately reimbursable with 70552, same date\n"
            "70553 | MRI brain; without, then with contrast | Report instead of 70551 + 70552\n"
            "A4647 | Paramagnetic contrast material | Not separately reimbursable with 70552 or 70553\n")
    out = _import_plain(text, know)
    codes = {c["code"]: c["role"] for c in out["codes"]}
    # "Report instead of ..." is a billing instruction, not a coverage status: 70553 is found, its role not stated
    assert codes == {"70551": "not-reimbursable-conditional", "70552": "not-reimbursable-conditional",
                     "A4647": "not-reimbursable-conditional"}
    assert any(n.startswith("code 70553: code found, role not stated") for n in out["not_found"])


def test_a_service_the_document_sends_to_another_policy_is_neither_decided_nor_its_subject(know):
    text = ("Orbury Health Plan\nMedical Policy\n\nNutrient Panel Testing\nPolicy Number: OHP-86\n\nPolicy\n"
            "Nutrient panel testing, including intracellular micronutrient panels, is considered investigational.\n"
            "Intracellular micronutrient analysis is addressed in Medical Policy OHP-12 and is not addressed here.\n")
    services = {s["service"]: s["determination"] for s in _import_plain(text, know)["services"]}
    assert services == {"new:nutrient-panel-testing": "investigational"}


def test_codes_not_covered_if_related_to_a_service_are_denied_in_context_past_a_note(know):
    # 82607 (cyanocobalamin) and 84630 (zinc): real CPT codes, as in the seed policies' panel code lists
    text = ("Orbury Health Plan\nMedical Criteria\n\nMicronutrient Testing\nPolicy Number: OHP-87\n\n"
            "I. Criteria\nIntracellular micronutrient testing is investigational.\n"
            "II. CPT or HCPCS codes NOT covered if related to micronutrient testing\n"
            "These are ordinary lab tests, billed together. A single code billed for another reason is not affected.\n"
            "Codes Description\n82607 Cyanocobalamin (vitamin B-12)\n84630 Zinc\n")
    codes = {c["code"]: c["role"] for c in _import_plain(text, know)["codes"]}
    assert codes == {"82607": "not-covered-in-context", "84630": "not-covered-in-context"}


def test_the_copyright_line_gives_the_payer_without_the_sentence_stop(know):
    text = ("Salivary Hormone Testing\n\nPolicy\nOrbury Health Plan considers salivary hormone testing investigational.\n\n"
            "(c) 2019 Orbury Health Plan. All rights reserved.\n")
    assert _import_plain(text, know)["payer"]["value"] == "Orbury Health Plan"


def test_a_history_table_dated_by_effective_version_gives_no_last_review(know):
    text = _HEAD + ("Policy\nSalivary hormone testing is investigational.\n\nPolicy History\n"
                    "Version | Effective | Change\nOHP-79b | 01/01/2026 | Annual review; approved October 2025.\n"
                    "OHP-79 | 07/01/2010 | New policy.\n")
    out = _import_plain(text, know)
    assert out["dates"]["last_reviewed"]["value"] is None


def test_a_code_row_running_across_a_page_break_keeps_only_the_codes_before_it(know):
    # 84999 (unlisted chemistry) and 76390 (MR spectroscopy): codes of the seed policies
    page_head = "Orbury Health Plan - Investigative List - Effective: January 1, 2026"
    text = (f"{page_head}\nInvestigative List\n\nThe following services are investigational:\nAdded | Codes | Service\n"
            "02/2013 84999 Intracellular micronutrient testing, investigative only when billed for the\n"
            f"Page 1 of 2\n\f{page_head}\nCan allow 76390 for evaluation of a suspected\n76390 MR spectroscopy\n"
            "Page 2 of 2\n")
    out = _import_plain(text, know)
    # 76390's row has no status of its own: it is left to the reviewer, cited by its own row
    assert "76390" not in {c["code"] for c in out["codes"]}
    assert "code 76390: code found, role not stated \u00ab76390 MR spectroscopy\u00bb" in out["not_found"]


def test_a_service_not_yet_known_that_the_document_sends_to_another_policy_is_not_decided(know):
    text = ("Orbury Health Plan\nMedical Policy\n\nLaboratory Tests\nPolicy Number: OHP-88\n\nPolicy\n"
            "Nutrient panel testing is considered investigational.\nHair mineral analysis is considered investigational.\n"
            "Hair mineral analysis is addressed in Medical Policy OHP-14 and is not addressed here.\n")
    out = _import_plain(text, know)
    assert {s["service"]: s["determination"] for s in out["services"]} == {"new:nutrient-panel-testing": "investigational"}
    assert "service new:hair-mineral-analysis: the document sends it to another policy; no determination taken" in \
        out["not_found"]


def test_a_code_row_with_no_status_is_found_but_given_no_role(know):
    # 82607 (cyanocobalamin) and 84630 (zinc): real CPT codes, as in the seed policies' panel code lists.
    # "A value the document does not state is absent, never guessed": a code printed under a plain "Coding"
    # heading is neither decided nor said to be listed for reference.
    text = ("Orbury Health Plan\nMedical Policy\n\nMicronutrient Testing\nPolicy Number: OHP-90\n\nPolicy\n"
            "Intracellular micronutrient testing is investigational.\n\nCoding\nCode | Description\n"
            "82607 | Cyanocobalamin (vitamin B-12)\n84630 | Zinc\n")
    out = _import_plain(text, know)
    assert out["codes"] == []
    assert "code 84630: code found, role not stated \u00ab84630 | Zinc\u00bb" in out["not_found"]
    assert not any(n.startswith("codes: no CPT") for n in out["not_found"])    # found, only not decided


def test_a_code_row_under_a_lead_naming_its_codes_as_related_is_reference(know):
    # 82607 (cyanocobalamin) and 84630 (zinc): real CPT codes, as in the seed policies' panel code lists
    text = ("Orbury Health Plan\nMedical Policy\n\nMicronutrient Testing\nPolicy Number: OHP-91\n\nPolicy\n"
            "Intracellular micronutrient testing is investigational.\n\nCoding\nOther codes related to this policy:\n"
            "82607 | Cyanocobalamin (vitamin B-12)\n84630 | Zinc\n")
    codes = {c["code"]: (c["role"], c["quote"]) for c in _import_plain(text, know)["codes"]}
    assert codes == {"82607": ("reference", "82607 | Cyanocobalamin (vitamin B-12)"), "84630": ("reference", "84630 | Zinc")}


def test_a_pdf_row_whose_comment_wraps_onto_the_line_above_its_code_takes_that_comment_as_evidence(know):
    # 0609T (MRS of discs) and 70551 (brain MRI without contrast): real CPT codes of the MRS examples
    text = ("Orbury Health Plan\nMedical Policy\n\nMR Spectroscopy\nPolicy Number: OHP-92\n\nPolicy\n"
            "MR spectroscopy is investigational.\n\nCoding\nCPT Code(s) Description Comments\n"
            "0609T MR spectroscopy of discs Not covered\n"
            "Magnetic resonance imaging, brain; without Not addressed by this policy (NCD\n"
            "70551 contrast material 220.2)\n")
    codes = {c["code"]: c for c in _import_plain(text, know)["codes"]}
    assert {code: c["role"] for code, c in codes.items()} == {"0609T": "not-covered", "70551": "reference"}
    assert codes["70551"]["also_quoted"] == ["Magnetic resonance imaging, brain; without Not addressed by this policy (NCD"]


def test_a_row_no_longer_investigative_is_reference(know):
    # 0491T and 0492T (ablative laser treatment of wounds): real Category III codes of a public investigative list
    text = ("Orbury Health Plan\nInvestigative List\n\nThe following services are investigational:\n"
            "Added | Codes | Service\n02/2013 76390 MR spectroscopy\n"
            "Laser ablation, non-contact, full field No longer investigative; reviewed under the Wound\n"
            "06/2025 0491T 0492T ablation, open wound Care policy\n")
    codes = {c["code"]: c["role"] for c in _import_plain(text, know)["codes"]}
    assert codes["0491T"] == codes["0492T"] == "reference"
