"""The importer on short made-up snippets: one behaviour each, small enough that a change to the rule
that reads it shows."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from cds_service.policy_import import load_knowledge
from cds_service.policy_import.importer import import_text
from cds_service.policy_import.keyformat import to_key
from cds_service.policy_import.reading import SourceText, read_source

ROOT = Path(__file__).resolve().parents[2]

HEADER = "Acme Health Plan\nMedical Policy: Magnetic Resonance Spectroscopy\n"
POLICY = "\nPolicy\nMagnetic resonance spectroscopy is considered investigational for all indications.\n"


@pytest.fixture(scope="module")
def know():
    return load_knowledge(ROOT / "policy_data")


def read(text: str, know, kind: str = "text") -> dict:
    return to_key(import_text(SourceText("snippet.txt", kind, text, "0" * 64), know))


def code_roles(text: str, know) -> dict[str, str]:
    return {c["code"]: c["role"] for c in read(text, know)["codes"]}


def test_each_date_shape_a_label_can_hold_is_read_as_iso(know):
    out = read(HEADER + "Effective Date: 2025-03-01\nNext Review: March 2026\nDate Approved: 1 Feb 2025\n"
               "Published: 03/2025\nOrigination Date: 3/1/19\nLast Reviewed: 2024-11\n" + POLICY, know)
    assert {name: d["value"] for name, d in out["dates"].items()} == {
        "effective_from": "2025-03-01", "next_review": "2026-03", "approved": "2025-02-01",
        "published": "2025-03", "origination": "2019-03-01", "last_reviewed": "2024-11"}
    assert out["dates"]["approved"]["quote"] == "Date Approved: 1 Feb 2025"


def test_a_sentence_states_dates_a_history_table_dates_the_rest_and_a_reference_section_dates_nothing(know):
    out = read(HEADER + "Next Review Date:\n" + POLICY.rstrip("\n") +
               " This policy was approved by the Medical Policy Committee on October 14, 2025, effective for dates"
               " of service on or after February 6, 2026.\n\nReferences\nEffective Date: 01/01/2020\n\n"
               "Policy History\nDate | Action\n01/15/2019 | New policy\n06/10/2024 | Reviewed, no changes\n", know)
    dates = out["dates"]
    assert (dates["approved"]["value"], dates["effective_from"]["value"]) == ("2025-10-14", "2026-02-06")
    assert dates["approved"]["note"] == "stated in a sentence, not a label"
    assert (dates["origination"]["value"], dates["origination"]["quote"]) == ("2019-01-15", "01/15/2019 | New policy")
    assert dates["origination"]["note"] == "from the policy history table"
    assert (dates["last_reviewed"]["value"], dates["last_reviewed"]["quote"]) == ("2024-06-10",
                                                                                  "06/10/2024 | Reviewed, no changes")
    assert dates["next_review"] == {"value": None}
    assert 'next_review: the label "Next Review Date:" has no date' in out["not_found"]


def test_a_code_range_gives_each_code_and_the_list_lead_gives_their_role(know):
    out = read(HEADER + POLICY + "\nCoding\nThe following codes are not covered:\n"
               "CPT 76390 Magnetic resonance spectroscopy\n0609T-0612T MR spectroscopy of the disc\n"
               "70551-70553 MRI brain, for reference only\nMail claims to PO Box 10234.\n\n"
               "ICD-10 codes\nG93.40 Encephalopathy\n", know)
    roles = {(c["system"], c["code"]): c["role"] for c in out["codes"]}
    assert roles == {("cpt", "76390"): "not-covered", ("cpt", "0609T"): "not-covered", ("cpt", "0610T"): "not-covered",
                     ("cpt", "0611T"): "not-covered", ("cpt", "0612T"): "not-covered", ("cpt", "70551"): "reference",
                     ("cpt", "70552"): "reference", ("cpt", "70553"): "reference", ("icd10", "G93.40"): "not-covered"}
    [first] = [c for c in out["codes"] if c["code"] == "76390"]
    assert first["quote"] == "CPT 76390 Magnetic resonance spectroscopy"
    assert first["also_quoted"] == ["The following codes are not covered:"]


def test_html_is_flattened_to_one_line_a_block_with_navigation_and_scripts_dropped():
    from cds_service.policy_import.reading import html_text
    html = ("<html><head><title>T</title><script>var a=1;</script></head><body>"
            '<nav><a href="/">Home</a></nav><p><a href="/x">Provider Home</a></p>'
            "<h1>Medical Policy: MR Spectroscopy</h1><p>Revised: 01/02/2025<br>Effective: 03/01/2025</p>"
            "<ul><li>Commercial</li><li>Medicaid<ul><li>CHIP</li></ul></li></ul>"
            "<table><tr><th>Code</th><th>Description</th></tr><tr><td>76390</td><td>MR <b>spectroscopy</b></td></tr>"
            "<tr><td>Date Approved</td><td></td></tr></table>"
            "<dl><dt>Policy Number</dt><dd>RAD-1</dd><dt>Orphan</dt></dl>"
            "<table><tr><td><p>Layout cell paragraph.</p></td><td><h2>Side</h2></td></tr></table>"
            "<!-- a comment --></body></html>")
    assert html_text(html) == ("Medical Policy: MR Spectroscopy\n\nRevised: 01/02/2025\nEffective: 03/01/2025\n\n"
                               "- Commercial\n- Medicaid\n  - CHIP\n\nCode | Description\n76390 | MR spectroscopy\n"
                               "Date Approved |\n\nPolicy Number | RAD-1\nOrphan\n\nLayout cell paragraph.\n\nSide\n")


@pytest.mark.parametrize("mark", ["&#xe001;", "&#57345;", "\ue001", "&#xe000;", "\ue000"])
def test_a_page_that_writes_the_readers_own_marks_reads_as_its_words_with_no_false_heading_or_cell(mark, tmp_path):
    from cds_service.policy_import.reading import read_source
    page = tmp_path / "hostile.html"
    page.write_text(f"<html><head><title>T{mark}x</title></head><body><p>Acme Health Plan {mark}x policy</p>"
                    f"<h1>Title {mark}9</h1><table><tr><td>a{mark}b</td><td>c</td></tr></table></body></html>",
                    encoding="utf-8")
    source = read_source(page)
    assert source.text == "Acme Health Plan x policy\n\nTitle 9\n\nab | c\n"
    assert source.outline.title == "Tx" and [level for _, _, level in source.outline.headings] == [1]
    assert len(source.cell_breaks) == 1 and source.as_shown(0, len(source.text)) == "Acme Health Plan x policy Title 9 ab c"


def test_a_named_anchor_is_text_and_a_short_block_of_nothing_but_a_link_is_navigation():
    from cds_service.policy_import.reading import html_text
    html = ('<body><div><a href="/providers">Provider Home</a></div>'
            '<div class="HeadingRunIn"><a name="1187664">2.2.38</a></div><p>Vitamin D testing is a benefit.</p></body>')
    assert html_text(html) == "2.2.38\nVitamin D testing is a benefit.\n"


def test_a_collapsible_sections_heading_is_read_and_a_button_outside_a_heading_is_not():
    from cds_service.policy_import.reading import html_text
    html = ("<body><p>Acme Health Plan</p><button>Print this page</button>"
            '<h2><button aria-expanded="false">New and updated policies effective January 1, 2026</button></h2>'
            "<p>Vitamin D Testing, minor update.</p></body>")
    assert html_text(html) == ("Acme Health Plan\n\nNew and updated policies effective January 1, 2026\n\n"
                               "Vitamin D Testing, minor update.\n")


@pytest.mark.parametrize("page", [
    "<!DOCTYPE html>\n<p>Acme Health Plan</p><p>MRS is investigational.</p>",
    "<!DOCTYPE html><html><head><title>T</title></head><p>Acme Health Plan</p><p>MRS is investigational.</p></html>",
])
def test_a_page_without_a_body_element_reads_as_its_blocks_without_its_doctype(page):
    from cds_service.policy_import.reading import html_text
    assert html_text(page) == "Acme Health Plan\n\nMRS is investigational.\n"


def test_a_document_is_read_by_its_bytes_whatever_its_name_and_line_ends_are_unified(tmp_path):
    from cds_service.policy_import.reading import DocumentError, read_source
    (tmp_path / "a.dat").write_bytes(b"  <!DOCTYPE html><html><body><p>Caf\xe9 policy</p></body></html>")
    (tmp_path / "b.txt").write_bytes("\ufeffLine one\r\nLine two\rThree".encode("utf-8"))
    (tmp_path / "c.txt").write_bytes(b"Caf\xe9\r\n")
    (tmp_path / "e.txt").write_bytes(b"  \n\n")
    html = read_source(tmp_path / "a.dat")
    assert (html.kind, html.text) == ("html", "Caf\u00e9 policy\n")
    assert (read_source(tmp_path / "b.txt").kind, read_source(tmp_path / "b.txt").text) == ("text", "Line one\nLine two\nThree")
    assert read_source(tmp_path / "c.txt").text == "Caf\u00e9\n"        # not UTF-8: read as cp1252
    assert read_source(tmp_path / "c.txt").sha256 == hashlib.sha256(b"Caf\xe9\r\n").hexdigest()   # of the bytes
    with pytest.raises(DocumentError, match=r"e\.txt: no text found \(a scanned PDF needs OCR first\)"):
        read_source(tmp_path / "e.txt")
    with pytest.raises(DocumentError, match=r"missing\.txt: cannot be read"):
        read_source(tmp_path / "missing.txt")


@pytest.mark.parametrize("head, payer, title, number", [
    # the organisation before the kind of document; a title label; a number label's full stop dropped
    ("Ridgeway HealthCare Commercial Medical Policy\nTitle: MR Spectroscopy\nPolicy No.: RAD-118.\n\n"
     "This policy applies to Ridgeway HealthCare commercial members.\n",
     ("Ridgeway HealthCare", "Ridgeway HealthCare"), ("MR Spectroscopy", "Title: MR Spectroscopy"),
     ("RAD-118", "Policy No.: RAD-118.")),
    # the owner of a printed page; a banner in capitals is no title; an identifier on a line of its own
    ("Private Property of Osprey Mutual Health, Inc.\nMR SPECTROSCOPY\n05-84999-17\n\n"
     "Osprey Mutual Health considers MRS investigational.\n",
     ("Osprey Mutual Health", "Osprey Mutual Health"), None, ("05-84999-17", "05-84999-17")),
    # a name in capitals is cited where the body spells it; the plan type in brackets is not the name
    ("OSPREY VALLEY HEALTH PLAN (HMO)\nMagnetic Resonance Spectroscopy\n\nOsprey Valley Health Plan considers "
     "magnetic resonance spectroscopy investigational.\n",
     ("Osprey Valley Health Plan", "Osprey Valley Health Plan considers magnetic resonance spectroscopy investigational."),
     ("Magnetic Resonance Spectroscopy", "Magnetic Resonance Spectroscopy"), None),
    # the copyright line, without its sentence stop; a reference number with letters
    ("Lab Panel Guideline\nReference Number: CP.MP.44\n\nOrbury Health Plan considers lab panel testing investigational.\n\n"
     "(c) 2019 Orbury Health Plan. All rights reserved.\n",
     ("Orbury Health Plan", "(c) 2019 Orbury Health Plan. All rights reserved."),
     ("Lab Panel Guideline", "Lab Panel Guideline"),
     ("CP.MP.44", "Reference Number: CP.MP.44")),
    # a licensee sentence; a clinical policy label that holds a name; a bare "Number:" label near the top
    ("Tern Bay Blue Cross is an independent licensee of the Blue Cross and Blue Shield Association\n"
     "Clinical Policy: Experimental and Investigational Laboratory Services\nNumber: X-77\n",
     ("Tern Bay Blue Cross", "Tern Bay Blue Cross is an independent licensee of the Blue Cross and Blue Shield Association"),
     ("Experimental and Investigational Laboratory Services",
      "Clinical Policy: Experimental and Investigational Laboratory Services"), ("X-77", "Number: X-77")),
])
def test_the_payer_title_and_number_are_read_from_each_layout_of_a_documents_head(know, head, payer, title, number):
    out = read(head, know)
    for field, want in (("payer", payer), ("title", title), ("policy_number", number)):
        got = out[field]
        assert ((got["value"], got["quote"]) if got["value"] is not None else None) == want, field


def lines_of(out: dict) -> tuple[dict, dict]:
    lob = out["lines_of_business"]
    return ({l["line"]: l["quote"] for l in lob["covered"]}, {l["line"]: l["quote"] for l in lob["excluded"]})


@pytest.mark.parametrize("body, covered, excluded", [
    # ticked boxes only; an exclusion label
    ("Lines of Business: \u2612 Commercial \u2610 Medicaid [x] Medicare Advantage\nExcluded: Medicaid\n",
     {"commercial": "Lines of Business: \u2612 Commercial \u2610 Medicaid [x] Medicare Advantage",
      "medicare-advantage": "Lines of Business: \u2612 Commercial \u2610 Medicaid [x] Medicare Advantage"},
     {"medicaid": "Excluded: Medicaid"}),
    # "all lines of business except X": each line the document shows, less the exception; "does not apply to"
    ("\nThis policy applies to all lines of business except Medicaid. Some Medicare Advantage members are named "
     "here too.\nThis policy does not apply to Original Medicare.\n",
     {"commercial": "This policy applies to all lines of business except Medicaid.",
      "medicare-advantage": "This policy applies to all lines of business except Medicaid."},
     {"medicaid": "This policy applies to all lines of business except Medicaid.",
      "medicare": "This policy does not apply to Original Medicare."}),
    # items under an "applies to" lead; a deferred item and a bare "Medicare" name no line
    ("\nThis policy applies to the following:\n- Commercial HMO and PPO plans\n- Medicare (see the NCD instead)\n"
     "- Medicare\n",
     {"commercial": "- Commercial HMO and PPO plans"}, {}),
])
def test_the_lines_a_policy_applies_to_and_excludes_are_read_with_their_sentence(know, body, covered, excluded):
    out = read("Acme Health Plan\nMedical Policy: MR Spectroscopy\n" + body, know)
    assert lines_of(out) == (covered, excluded)


def test_a_bare_medicare_is_left_to_the_reviewer_with_a_note(know):
    out = read("Acme Health Plan\nMedical Policy: MR Spectroscopy\n\nThis policy applies to the following:\n- Medicare\n",
               know)
    assert lines_of(out) == ({}, {})
    assert ('lines of business: "Medicare" in "- Medicare" does not say Medicare Advantage or Original Medicare; '
            "no line given") in out["not_found"]


def test_the_kind_of_policy_in_its_title_line_names_the_line_when_nothing_else_does(know):
    out = read("Acme Health Plan Medicaid Medical Policy\nMR Spectroscopy\n\nMR spectroscopy is considered "
               "investigational.\n", know)
    assert lines_of(out) == ({"medicaid": "Acme Health Plan Medicaid Medical Policy"}, {})


def services_of(out: dict) -> list[tuple]:
    return [(s["service"], s["name"], s["determination"], s["quote"], s.get("otherwise"), s.get("row_quote"))
            for s in out["services"]]


LEAD = "The following services are considered investigational:"


def test_a_list_under_a_deciding_lead_decides_each_top_level_item_once(know):
    out = read("Acme Health Plan\nMedical Policy: Laboratory Tests\n\nPolicy\n" + LEAD + "\n- Hair analysis (for minerals)\n"
               "- Live blood cell analysis\n  - an example under it\n- Magnetic resonance spectroscopy\n", know)
    assert services_of(out) == [
        ("new:hair-analysis", "Hair analysis (for minerals)", "investigational", LEAD, None, "- Hair analysis (for minerals)"),
        ("new:live-blood-cell-analysis", "Live blood cell analysis", "investigational", LEAD, None,
         "- Live blood cell analysis"),
        ("mrs", "Magnetic resonance spectroscopy", "investigational", LEAD, None, "- Magnetic resonance spectroscopy")]


def test_a_sentence_naming_two_services_decides_each_and_this_service_is_the_one_named_before(know):
    out = read("Acme Health Plan\nMedical Policy: Laboratory Tests\n\nPolicy\nHair analysis and live blood cell analysis "
               "are considered experimental.\nMembers may ask for magnetic resonance spectroscopy. This service is "
               "considered investigational.\n", know)
    both = "Hair analysis and live blood cell analysis are considered experimental."
    assert services_of(out) == [
        ("new:hair-analysis", "Hair analysis", "investigational", both, None, None),
        ("new:live-blood-cell-analysis", "live blood cell analysis", "investigational", both, None, None),
        ("mrs", "This service", "investigational", "This service is considered investigational.", None, None)]


def test_a_covered_branch_keeps_its_otherwise_and_a_later_contrary_sentence_is_only_noted(know):
    out = read("Acme Health Plan\nMedical Policy: Magnetic Resonance Spectroscopy\n\nPolicy\nMagnetic resonance "
               "spectroscopy is medically necessary when the criteria below are met.\nMagnetic resonance spectroscopy "
               "is investigational for all other indications.\nMagnetic resonance spectroscopy is not covered.\n", know)
    [mrs] = out["services"]
    assert (mrs["service"], mrs["determination"], mrs["otherwise"], mrs["product_enum"]) == (
        "mrs", "covered-with-criteria", "investigational", None)
    assert mrs["otherwise_quote"] == "Magnetic resonance spectroscopy is investigational for all other indications."
    assert ('service mrs: the document also says "not-covered" (Magnetic resonance spectroscopy is not covered.); '
            "the first determination was kept") in out["not_found"]


def test_a_coverage_status_table_decides_the_service_of_each_row(know):
    out = read("Acme Health Plan\nMedical Policy: Laboratory Tests\n\nCoverage\nService | Coverage Status | Notes\n"
               "Hair analysis testing | Investigational | none\nMagnetic resonance spectroscopy | Not covered | none\n", know)
    hair, mrs = "Hair analysis testing | Investigational | none", "Magnetic resonance spectroscopy | Not covered | none"
    assert services_of(out) == [("new:hair-analysis-testing", "Hair analysis testing", "investigational", hair, None, hair),
                                ("mrs", "Magnetic resonance spectroscopy", "not-covered", mrs, None, mrs)]


def test_each_statement_is_the_first_sentence_that_says_it_and_the_ncd_followed_is_the_authority(know):
    out = read(HEADER + "Prior Authorization: Not required.\n\nPolicy\nMagnetic resonance spectroscopy is considered "
               "investigational for all indications. Services that are investigational are not covered. The member is "
               "financially responsible for the cost. The member may appeal this decision. Acme Health Plan follows "
               "NCD 220.2.1 for Medicare Advantage members.\n\nRationale\nThere is insufficient evidence that the test "
               "improves outcomes.\n\nReferences\nNational Coverage Determination (NCD) 220.2 Magnetic Resonance "
               "Imaging.\n", know)
    assert out["statements"] == {
        "policy": "Magnetic resonance spectroscopy is considered investigational for all indications.",
        "coverage": "Services that are investigational are not covered.",
        "patient": "The member is financially responsible for the cost.",
        "recourse": "The member may appeal this decision.",
        "evidence": "There is insufficient evidence that the test improves outcomes."}
    assert (out["authority"]["value"], out["authority"]["quote"]) == (
        "NCD 220.2.1", "Acme Health Plan follows NCD 220.2.1 for Medicare Advantage members.")
    assert (out["prior_authorization"]["value"], out["prior_authorization"]["quote"]) == (
        "not required", "Prior Authorization: Not required.")


def test_an_ncd_in_a_background_note_is_no_authority_and_a_required_authorization_is_read_from_a_sentence(know):
    out = read(HEADER + "\nPolicy\nMagnetic resonance spectroscopy is considered investigational. Prior authorization "
               "for imaging is required. NCD 220.2.1 is mentioned here.\nBackground\nCMS reaffirmed its noncoverage "
               "(NCD 220.2.3).\n", know)
    assert (out["authority"]["value"], out["authority"]["quote"]) == ("NCD 220.2.1", "NCD 220.2.1 is mentioned here.")
    assert (out["prior_authorization"]["value"], out["prior_authorization"]["quote"]) == (
        "required", "Prior authorization for imaging is required.")
    assert [n for n in out["not_found"] if n.startswith("statement")] == [
        f"statement {name}: no sentence found" for name in ("coverage", "patient", "recourse", "evidence")]


# A two-page document in miniature: a running header and page numbers, labels several to a line, a label
# whose value sits on the line below, a heading in capitals, sentences with abbreviations and a wrapped
# line, a list with a nested item under its lead sentence, a table whose cell wraps, a disclaimer label
# that opens a section, and a history whose entries start with a date or a status.
SEGMENTED = """Acme Health Plan
Page 1 of 2
Policy Number WMA-RAD-17 Effective Date 01/01/2025
POSITION STATEMENT:
Magnetic resonance spectroscopy (MRS) is considered investigational. It is not covered, e.g. for tumours. See Fig. 2 for
details that continue here.
The codes below are listed for reference and are reported as follows:
- 76390 MR spectroscopy
  - an example
1. Numbered item

Next Review Date
03/01/2026
Code | Description | Status
76390 | MR spectroscopy of the brain; prior
authorization required.
Disclaimer: This document is provided for information purposes only and does not constitute medical advice.
\fAcme Health Plan
Page 2 of 2
History
06/15/14 Scheduled review
Revised 01/02/2020 - annual review.
"""


def test_a_document_is_cut_into_labels_headings_sentences_items_and_rows_with_the_running_header_set_aside():
    from cds_service.policy_import.segments import segment
    seg = segment(SEGMENTED)
    assert [(u.kind, u.norm, u.section, u.label, u.value, u.cells, u.table, u.lead, u.depth, u.page)
            for u in seg.units] == [
        ('label', 'Policy Number WMA-RAD-17', '', 'Policy Number', 'WMA-RAD-17', (), -1, -1, 0, 1),
        ('label', 'Effective Date 01/01/2025', '', 'Effective Date', '01/01/2025', (), -1, -1, 0, 1),
        ('heading', 'POSITION STATEMENT:', '', '', '', (), -1, -1, 0, 1),
        ('sentence', 'Magnetic resonance spectroscopy (MRS) is considered investigational.', 'position statement', '', '', (), -1, -1, 0, 1),
        ('sentence', 'It is not covered, e.g. for tumours.', 'position statement', '', '', (), -1, -1, 0, 1),
        ('sentence', 'See Fig. 2 for details that continue here.', 'position statement', '', '', (), -1, -1, 0, 1),
        ('sentence', 'The codes below are listed for reference and are reported as follows:', 'position statement', '', '', (), -1, -1, 0, 1),
        ('item', '- 76390 MR spectroscopy', 'position statement', '', '76390 MR spectroscopy', (), -1, 6, 0, 1),
        ('item', '- an example', 'position statement', '', 'an example', (), -1, 6, 1, 1),
        ('item', '1. Numbered item', 'position statement', '', 'Numbered item', (), -1, 6, 0, 1),
        ('label', 'Next Review Date 03/01/2026', 'position statement', 'Next Review Date', '03/01/2026', (), -1, -1, 0, 1),
        ('row', 'Code | Description | Status', 'position statement', '', '', ('Code', 'Description', 'Status'), 1, -1, 0, 1),
        ('row', '76390 | MR spectroscopy of the brain; prior authorization required.', 'position statement', '', '', ('76390', 'MR spectroscopy of the brain; prior'), 1, -1, 0, 1),
        ('label', 'Disclaimer: This document is provided for information purposes only and does not constitute medical advice.', 'disclaimer', 'Disclaimer', 'This document is provided for information purposes only and does not constitute medical advice.', (), -1, -1, 0, 1),
        ('heading', 'History', 'disclaimer', '', '', (), -1, -1, 0, 2),
        ('row', '06/15/14 Scheduled review', 'history', '', '', ('06/15/14 Scheduled review',), 2, -1, 0, 2),
        ('row', 'Revised 01/02/2020 - annual review.', 'history', '', '', ('Revised 01/02/2020 - annual review.',), 2, -1, 0, 2),
    ]
    assert all(SEGMENTED[u.start:u.end] == u.text for u in seg.units)
    assert [(text, SEGMENTED[a:b]) for a, b, text in seg.boilerplate] == [
        ("Acme Health Plan", "Acme Health Plan"), ("Page 1 of 2", "Page 1 of 2"),
        ("Acme Health Plan", "Acme Health Plan"), ("Page 2 of 2", "Page 2 of 2")]


DRAFTED = ("Acme Health Plan\nMedical Policy: Magnetic Resonance Spectroscopy\nPolicy Number: RAD-12\n"
           "Effective Date: March 2025\nPublished: 02/01/2025\nLast Reviewed: 01/15/2025\n\nPolicy\n"
           "Magnetic resonance spectroscopy is not medically necessary for any indication. Hair analysis testing is "
           "considered investigational.\nThis policy applies to Commercial and Medicare Advantage members. Acme Health "
           "Plan follows NCD 220.2.1.\n")


def test_each_decided_service_gets_a_draft_whose_to_do_list_names_what_the_document_leaves_open(know, tmp_path):
    import yaml

    from cds_service.policy_import.drafts import write_drafts
    result = import_text(SourceText("/docs/acme.txt", "text", DRAFTED, "ab" * 32), know)
    written = write_drafts(result, tmp_path, know)
    assert written.policy_id == "acme-health-plan-rad-12"
    assert [p.name for p in written.paths] == [
        "acme-health-plan-rad-12-mrs.yaml", "acme-health-plan-rad-12-mrs.provenance.yaml",
        "acme-health-plan-rad-12-hair-analysis-testing.yaml", "acme-health-plan-rad-12-hair-analysis-testing.provenance.yaml",
        "acme-health-plan-rad-12.services.proposal.yaml"]
    text = (tmp_path / "acme-health-plan-rad-12-mrs.yaml").read_text()
    assert [l[len("# TO DO: "):] for l in text.splitlines() if l.startswith("# TO DO: ")] == [
        "payer: add 'Acme Health Plan' to payers.yaml (or name the plan)",
        "determination: 'not-medically-necessary' cannot be stored by the policy schema (investigational, not-covered, "
        "not-reimbursable); decide how the card should read",
        "when_line_unknown: apply or evidence (a policy question, not in the document)",
        "effective_from: the document gives only 2025-03; the schema needs a day",
        "effective_from: the document gives a publication date (2025-02-01) and no effective date",
        "statements.coverage: no sentence found; write one a card may say, with its source",
        "statements.patient: no sentence found; write one a card may say, with its source",
        "statements.recourse: no sentence found; write one a card may say, with its source",
        'national rule: the document follows NCD 220.2.1 ("Acme Health Plan follows NCD 220.2.1."); cms-ncd-220-2-1 '
        "is on file and is cited beside this policy for original-medicare, medicare-advantage, medicare",
        "override_reasons: choose from the card templates' reasons",
        "examples: add example orders with the expected outcome (`cds-service policies test` runs them)"]
    assert "#   (sha256 " + "ab" * 32 + ")" in text
    doc = yaml.safe_load(text)
    assert {k: doc[k] for k in ("status", "id", "payer", "service", "reference", "short_reference", "source",
                                "determination_text", "lines_of_business", "last_reviewed", "scope", "by_line")} == {
        "status": "draft", "id": "acme-health-plan-rad-12-mrs", "payer": "new:acme-health-plan", "service": "mrs",
        "reference": 'Acme Health Plan policy RAD-12 "Magnetic Resonance Spectroscopy"',
        "short_reference": "Acme Health Plan policy RAD-12", "source": "acme.txt: sha256 abababababababab",
        "determination_text": "not medically necessary", "lines_of_business": ["commercial", "medicare-advantage"],
        "last_reviewed": "2025-01-15", "scope": "payer",
        "by_line": {"medicare-advantage": {"finding": "Acme Health Plan follows NCD 220.2.1."}}}
    assert "determination" not in doc and "effective_from" not in doc and "published" not in doc
    provenance = yaml.safe_load((tmp_path / "acme-health-plan-rad-12-mrs.provenance.yaml").read_text())
    assert provenance["other_services"] == [{"id": "new:hair-analysis-testing", "determination": {
        "value": "investigational", "sentence": "Hair analysis testing is considered investigational.",
        "start": 249, "end": 301, "page": 1}}]
    assert provenance["lines_of_business"][0] == {
        "line": "commercial", "status": "covered", "sentence": "This policy applies to Commercial and Medicare Advantage "
        "members.", "start": 302, "end": 367, "page": 1}
    hair = (tmp_path / "acme-health-plan-rad-12-hair-analysis-testing.yaml").read_text()
    assert "# TO DO: service: new:hair-analysis-testing is not in services.yaml; see the services proposal" in hair
    assert "which is not on file for this service" in hair
    assert yaml.safe_load(hair)["determination"] == "investigational"
    [proposed] = yaml.safe_load((tmp_path / "acme-health-plan-rad-12.services.proposal.yaml").read_text())["proposed_services"]
    assert (proposed["id"], proposed["short_name"], proposed["phrases"][0]["pattern"]) == (
        "hair-analysis-testing", "hair analysis testing", r"Hair\s+analysis\s+testing")
    assert proposed["phrases"][0]["source"] == "acme.txt: 'Hair analysis testing is considered investigational.'"


def test_the_checklist_shows_each_value_with_its_sentence_and_offsets_and_marks_what_is_missing(know):
    from cds_service.policy_import.drafts import checklist
    text = checklist(import_text(SourceText("/docs/acme.txt", "text", DRAFTED, "ab" * 32), know))
    assert text.endswith("  - statement evidence: no sentence found\n")
    lines = text.splitlines()
    assert lines[:3] == ["Review checklist for /docs/acme.txt", "  [ ] payer: Acme Health Plan",
                         "        \u00abAcme Health Plan\u00bb [0-16]"]
    assert "  [ ] date next_review: NOT FOUND" in lines
    assert "  [ ] line of business covered: medicare-advantage" in lines
    assert lines[lines.index("Not found or left for the reviewer:") + 1] == (
        "  - codes: no CPT, HCPCS or ICD-10 code in a code table or coding sentence")


def test_a_lettered_item_naming_two_services_decides_each_without_its_letter(know):
    out = read("Acme Health Plan\nMedical Policy: Laboratory Tests\n\nPolicy\nThe tests below are reviewed in turn here "
               "today:\na) Hair analysis and live blood cell analysis are considered experimental.\n", know)
    assert [(s["service"], s["name"]) for s in out["services"]] == [
        ("new:hair-analysis", "Hair analysis"), ("new:live-blood-cell-analysis", "live blood cell analysis")]


def test_a_sentence_in_capitals_names_the_service_without_what_it_is_used_for(know):
    out = read("Acme Health Plan\nMedical Policy: Laboratory Tests\n\nPolicy\nHAIR ANALYSIS TESTING USED TO JUDGE "
               "NUTRITION IS CONSIDERED INVESTIGATIONAL.\n", know)
    assert [(s["service"], s["name"]) for s in out["services"]] == [("new:hair-analysis-testing", "HAIR ANALYSIS TESTING")]


STATUS_TABLE = ("Acme Health Plan\nMedical Policy: Laboratory Tests\n\nCoverage\nService | Coverage Status | Notes\n"
                "Intracellular micronutrients | Not covered | none\n"
                "Hair mineral analysis testing applied to diet | Investigational | none\n")


def test_a_status_table_row_naming_a_known_service_without_a_service_noun_is_decided(know):
    out = read(STATUS_TABLE, know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "not-covered"), ("new:hair-mineral-analysis-testing-applied", "investigational")]


def test_a_proposed_services_name_pattern_drops_a_trailing_connector(know, tmp_path):
    import yaml

    from cds_service.policy_import.drafts import write_drafts
    write_drafts(import_text(SourceText("/docs/t.txt", "text", STATUS_TABLE, "0" * 64), know), tmp_path, know)
    [path] = tmp_path.glob("*.services.proposal.yaml")
    [proposed] = yaml.safe_load(path.read_text())["proposed_services"]
    assert proposed["phrases"][0]["pattern"] == r"Hair\s+mineral\s+analysis\s+testing\s+applied"


def test_a_list_that_follows_an_unstated_list_keeps_its_lead_line_beside_each_code(know):
    out = read(HEADER + "\nCoding\nCPT codes not covered:\n76390 | MR spectroscopy\nOther CPT codes related to this "
               "policy:\n70551 | MRI brain\n", know)
    assert [(c["code"], c["role"], c["also_quoted"]) for c in out["codes"]] == [
        ("76390", "not-covered", ["CPT codes not covered:"]),
        ("70551", "reference", ["Other CPT codes related to this policy:"])]


def test_a_date_printed_only_in_the_running_header_says_so(know):
    out = read("Acme Health Plan | Effective Date: 01/01/2025\nPage 1 of 2\nMagnetic Resonance Spectroscopy\n\n"
               "Magnetic resonance spectroscopy is considered investigational.\n\fAcme Health Plan | Effective Date: "
               "01/01/2025\nPage 2 of 2\nMore text is written on this page for the reader.\n", know)
    assert out["dates"]["effective_from"] == {"value": "2025-01-01", "quote": "Effective Date: 01/01/2025", "start": 19,
                                              "end": 45, "note": "from the running header or footer"}


@pytest.mark.parametrize("head, number, quote", [
    ("Acme Health Plan\nRAD-1234\nMagnetic Resonance Spectroscopy\n", "RAD-1234", "RAD-1234"),
    ("Acme Medical Policy RAD-118\nMagnetic Resonance Spectroscopy\n", "RAD-118", "Acme Medical Policy RAD-118"),
])
def test_a_number_on_a_line_of_its_own_or_after_the_kind_of_policy_is_the_policy_number(know, head, number, quote):
    out = read(head, know)
    assert (out["policy_number"]["value"], out["policy_number"]["quote"]) == (number, quote)


def test_a_title_heading_loses_its_kind_of_policy(know):
    out = read("Acme Health Plan\nClinical Policy - Hair Analysis Testing\n\nHair analysis testing is considered "
               "investigational.\n", know)
    assert (out["title"]["value"], out["title"]["quote"]) == ("Hair Analysis Testing", "Clinical Policy - Hair Analysis Testing")


def test_a_list_item_whose_first_line_is_a_sentence_is_read_whole_not_as_a_title_over_the_decision_below_it(know):
    out = read("Acme Health Plan\nMedical Policy: Laboratory Tests\n\nPolicy\n1. Magnetic resonance spectroscopy is "
               "named\n   Not medically necessary.\n", know)
    assert [(s["service"], s["name"], s["determination"]) for s in out["services"]] == [
        ("mrs", "Magnetic resonance spectroscopy", "not-medically-necessary")]


def test_a_label_grid_with_equal_values_gives_each_label_its_own_value():
    from cds_service.policy_import.segments import segment
    units = segment("Effective Date: | 09/25/2025 | Revision Date: | 09/25/2025\n").units
    assert [(u.kind, u.label, u.value, u.start, u.end) for u in units] == [
        ("label", "Effective Date", "09/25/2025", 0, 28), ("label", "Revision Date", "09/25/2025", 31, 58)]


def test_a_sentence_broken_by_a_blank_line_mid_clause_is_read_whole():
    from cds_service.policy_import.segments import segment
    units = segment("Policy\nMagnetic resonance spectroscopy is considered investigational by the plan for each of the uses "
                    "named\n\nin this policy and for any other use\nthat a member may ask the plan to cover today.\n").units
    assert [(u.kind, u.norm) for u in units] == [
        ("heading", "Policy"),
        ("sentence", "Magnetic resonance spectroscopy is considered investigational by the plan for each of the uses named "
                     "in this policy and for any other use that a member may ask the plan to cover today.")]


def test_a_service_is_first_mentioned_where_its_phrase_or_one_of_its_own_products_is(know):
    text = "Orders name a SpectraCell micronutrient test before any intracellular micronutrient panel."
    assert know.first_mention(text, "intracellular-micronutrient-panel") == text.index("SpectraCell")
    assert know.first_mention(text, "mrs") == -1


@pytest.mark.parametrize("body, value, quote", [
    ("Prior authorization is not applicable for the services listed on this policy.\nNote: Prior authorization is "
     "required for any service not listed on this policy.\n", "not required",
     "Prior authorization is not applicable for the services listed on this policy."),
    ("Prior authorization: N/A. Services on this list are not eligible for it.\n", "not required",
     "Prior authorization: N/A."),
    ("Prior authorization is required for any potentially investigational service not listed on this policy.\n",
     None, None),
])
def test_prior_authorization_not_applicable_is_read_and_a_requirement_for_unlisted_services_is_not_this_policys(
        know, body, value, quote):
    out = read(HEADER + POLICY + "\nAdministrative Process\n" + body, know)
    assert (out["prior_authorization"]["value"], out["prior_authorization"].get("quote")) == (value, quote)


def test_a_pdf_list_item_ending_a_sentence_short_of_the_wrap_width_ends_before_the_next_paragraph():
    from cds_service.policy_import.segments import segment
    wrapped = "Charges for the services listed in this policy are denied as investigational by the plan for each of\n"
    units = segment("Policy\n" + wrapped * 10 + "the members.\nThe determination is based on these reasons:\n"
                    "- The intervention does not improve health outcomes; or\n"
                    "- The intervention is not proven outside the research setting.\n"
                    "Investigational services are not covered. Providers may bill the member only when the member\n"
                    "agreed in writing.\n").units
    assert [(u.kind, u.norm) for u in units[-4:]] == [
        ("item", "- The intervention does not improve health outcomes; or"),
        ("item", "- The intervention is not proven outside the research setting."),
        ("sentence", "Investigational services are not covered."),
        ("sentence", "Providers may bill the member only when the member agreed in writing.")]


@pytest.mark.parametrize("head", ["Acme Health Plan\nMedical Policies  >  Laboratory\n\n",
                                  "Acme Health Plan\nCoverage criteria policies\n\n"])
def test_a_breadcrumb_or_the_collection_a_policy_is_filed_in_is_not_its_title(know, head):
    out = read(head + "Hair Analysis Testing\n\nPolicy Number: AC-12\n\nHair analysis testing is investigational.\n", know)
    assert (out["title"]["value"], out["title"]["quote"]) == ("Hair Analysis Testing", "Hair Analysis Testing")


@pytest.mark.parametrize("text, kind", [
    ("Acme Cross Health Plan Medical Policy/Codes\nHair Analysis Testing\n\nAcme Cross Health Plan considers hair analysis "
     "testing investigational.\n", "text"),
    ("Hair Analysis Testing\n\nAcme Cross Health Plan considers hair analysis testing investigational.\n\n\u00a9 2025 "
     "Acme Cross Health Plan. All rights "
     "reserved.\n", "html"),
])
def test_the_payer_is_read_from_a_masthead_naming_the_kind_of_document_or_a_copyright_line_of_two_sentences(
        know, text, kind):
    assert read(text, know, kind)["payer"]["value"] == "Acme Cross Health Plan"


def test_a_date_a_history_section_gives_once_is_the_policys_and_a_log_of_several_dates_is_no_date(know):
    out = read(HEADER + "Latest Review Date: December 2025\n" + POLICY +
               "\nDocument history\nOriginal effective date: 05/01/2009\nRevised: 03/2016, 07/2017, 07/2025\n"
               "Approved by the Medical Director Group: 11/18/2025\nEffective date: 01/01/2026\nNext review: 11/2026\n"
               "Reviewed: 01/2020\nReviewed: 02/2021\n", know)
    assert {name: d["value"] for name, d in out["dates"].items()} == {
        "effective_from": "2026-01-01", "origination": "2009-05-01", "approved": "2025-11-18", "next_review": "2026-11",
        "last_reviewed": "2025-12", "published": None}
    assert out["dates"]["last_reviewed"]["quote"] == "Latest Review Date: December 2025"
    # without the review label, neither the log of revisions nor the repeated review entries give a last review
    out = read(HEADER + POLICY + "\nDocument history\nRevised: 03/2016, 07/2017, 07/2025\nReviewed: 01/2020\n"
               "Reviewed: 02/2021\n", know)
    assert out["dates"]["last_reviewed"] == {"value": None}


def test_a_history_entry_dated_in_its_label_gives_the_origination_and_initiated_is_an_origination_label(know):
    history = ("\nPOLICY HISTORY:\nMedical Policy Group, March 2016 (1): New policy; testing investigational\n"
               "Medical Policy Group, January 2023 (3): Annual review; products added\n")
    out = read(HEADER + POLICY + history, know)
    assert (out["dates"]["origination"]["value"], out["dates"]["origination"]["quote"]) == (
        "2016-03", "Medical Policy Group, March 2016 (1): New policy; testing investigational")
    assert out["dates"]["last_reviewed"]["value"] == "2023-01"
    out = read(HEADER + "Initiated: May 2015\n" + POLICY + history, know)
    assert (out["dates"]["origination"]["value"], out["dates"]["origination"]["quote"]) == ("2015-05", "Initiated: May 2015")


def test_a_code_another_policy_reviews_and_this_one_does_not_deny_is_listed_for_reference(know):
    out = read(HEADER + POLICY + "\nCoding\nA contrast-enhanced brain MRI (CPT 70553) is performed at the same session "
               "and is reviewed under the Advanced Imaging policy; it is not denied under this policy.\n", know)
    assert [(c["code"], c["role"]) for c in out["codes"]] == [("70553", "reference")]


def test_codes_denied_for_a_service_and_processed_normally_for_other_services_are_denied_only_in_that_context(know):
    out = read(HEADER + "\nServices Not Reimbursable\nHair analysis is not reimbursable. Claims for it billed with CPT "
               "84999 or 86353 are denied as not reimbursable. Claims for 84999 or 86353 for other services are processed "
               "normally.\n", know)
    assert [(c["code"], c["role"]) for c in out["codes"]] == [("84999", "not-reimbursable-conditional"),
                                                             ("86353", "not-reimbursable-conditional")]


def test_a_list_denies_each_rows_codes_and_only_unlisted_or_general_codes_are_denied_in_context(know):
    # 27299 and 27599 (unlisted procedures, hip and knee), 84999 (unlisted chemistry), 0609T (disc MRS): real CPT codes
    out = read(HEADER + "\nIndications that are not covered\nServices considered investigational include, but are not "
               "limited to, the following list. An unlisted or general laboratory code is denied only when it is billed "
               "for the listed service.\n\nCodes | Name of procedure | Category\n27299, 27599 (unlisted procedure codes) | "
               "Bone marrow grafting for osteonecrosis of the hip | Orthopedic\n84999 | Intracellular micronutrient "
               "testing | Laboratory\n0609T | MR spectroscopy of the disc | Radiology\n", know, "html")
    assert [(c["code"], c["role"]) for c in out["codes"]] == [
        ("27299", "not-covered-in-context"), ("27599", "not-covered-in-context"), ("84999", "not-covered-in-context"),
        ("0609T", "not-covered")]


def test_a_code_row_removed_from_the_list_is_listed_for_reference_whatever_the_other_policy_decides(know):
    # 27279 (sacroiliac joint arthrodesis): a real CPT code
    out = read(HEADER + POLICY + "\nRemoved from this list\nCodes | Service | Comment\n27279 | Sacroiliac joint "
               "arthrodesis | Removed 07/2025; now reviewed under the Joint Fusion policy (covered when criteria are met).\n",
               know, "html")
    assert [(c["code"], c["role"]) for c in out["codes"]] == [("27279", "reference")]


def test_a_code_whose_role_a_sentence_gives_is_cited_also_at_the_grid_row_that_prints_it(know):
    # 0491T (ablative laser treatment of open wounds) and 0609T (disc MRS): real CPT codes
    out = read(HEADER + "\nProcedure Codes\nThe following procedure codes are considered investigational.\n"
               "0609T 0491T\nThe code 0491T was removed from this list and is reviewed under the Wound Care policy.\n", know)
    [code] = [c for c in out["codes"] if c["code"] == "0491T"]
    assert (code["role"], code["quote"], code["also_quoted"]) == (
        "reference", "The code 0491T was removed from this list and is reviewed under the Wound Care policy.", ["0609T 0491T"])


def test_a_label_naming_a_plan_whose_value_says_this_policy_does_not_apply_excludes_its_line(know):
    out = read(HEADER + POLICY + "\nBenefit Application\nThis policy applies to Acme commercial members.\n"
               "Acme Coastal Care (Medicaid and CHIP): this policy does not apply; see the state manual.\n", know)
    assert lines_of(out) == ({"commercial": "This policy applies to Acme commercial members."},
                             {"medicaid": "Acme Coastal Care (Medicaid and CHIP): this policy does not apply; see the "
                                          "state manual."})


def test_a_history_table_whose_last_column_is_the_date_dates_each_line_that_ends_with_one(know):
    out = read(HEADER + POLICY + "\nRevision Details\nType of Revision Summary of Changes Date\nFocused review Added "
               "two products 03/09/2017\nAnnual review No change to policy statements 12/01/2022\nMembers may appeal a "
               "denial as the plan documents describe.\n", know)
    assert (out["dates"]["last_reviewed"]["value"], out["dates"]["last_reviewed"]["quote"]) == (
        "2022-12-01", "Annual review No change to policy statements 12/01/2022")


@pytest.mark.parametrize("sentence, covered", [
    ("Acme Medicare Advantage plans apply it where no national coverage determination addresses the service.",
     {"medicare-advantage"}),
    ("Acme Medicare Advantage plans may apply it where no national coverage determination addresses the service.", set()),
])
def test_plans_that_apply_this_policy_are_a_covered_line_unless_they_only_may(know, sentence, covered):
    out = read(HEADER + POLICY + "\nOverview\nThis policy addresses hair analysis. " + sentence + "\n", know)
    assert set(lines_of(out)[0]) == covered


@pytest.mark.parametrize("note, services", [
    ("Note: 76390 (magnetic resonance spectroscopy) and 0609T (magnetic resonance spectroscopy of the disc) are "
     "investigational for all indications.", [("mrs", "investigational")]),
    ("The code 76390 (magnetic resonance spectroscopy) is investigational only when billed with 70553.", []),
    ("The codes 76390 (magnetic resonance spectroscopy) and 84999 (intracellular micronutrient testing) are "
     "investigational.", []),
    ("The code 76390 (magnetic resonance spectroscopy) is investigational.", [("mrs", "investigational")]),
])
def test_a_coding_note_deciding_codes_that_each_describe_one_known_service_decides_that_service(know, note, services):
    # 76390, 0609T (MR spectroscopy), 84999 (unlisted chemistry), 70553 (brain MRI): real CPT codes
    out = read("Acme Health Plan\nMedical Policy: Investigational Services\n\nProcedure Codes\nThe following codes are "
               "considered investigational.\n76390 0609T 84999\n" + note + "\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == services


def test_the_plan_by_its_short_name_considering_a_listed_object_medically_necessary_decides_that_object(know):
    out = read("Acme Lane Health\nMedical Coverage Policy: Laboratory Panels\n\nCoverage Policy\nAcme Lane considers "
               "measurement of an individual micronutrient in serum, plasma or whole blood (for example vitamin B12, "
               "folate or zinc) medically necessary when the member has signs of a deficiency.\n", know)
    assert [(s["service"], s["name"], s["determination"]) for s in out["services"]] == [
        ("new:measurement-of-individual-micronutrient-in-serum", "measurement of an individual micronutrient in serum",
         "covered-with-criteria")]


def test_an_html_row_is_quoted_with_its_cells_side_by_side_and_its_offsets_point_into_the_text_as_read(know, tmp_path):
    from cds_service.policy_import.importer import import_document
    page = tmp_path / "acme.html"
    page.write_text("<html><body><p>Home | Policies</p><p>Acme Health Plan</p><h1>Magnetic Resonance Spectroscopy</h1><table>"
                    "<tr><td>Document #:</td><td>RAD-7</td></tr><tr><td></td><td></td>"
                    "<td>Effective Date:</td><td>10/01/2025</td></tr></table>"
                    "<p>Magnetic resonance spectroscopy is considered investigational for all indications.</p>"
                    "</body></html>", encoding="utf-8")
    out = to_key(import_document(page, know))
    number, effective = out["policy_number"], out["dates"]["effective_from"]
    assert (number["value"], number["quote"]) == ("RAD-7", "Document #: RAD-7")
    assert (effective["value"], effective["quote"]) == ("2025-10-01", "Effective Date: 10/01/2025")
    source = read_source(page)
    text = source.text
    assert text[number["start"]:number["end"]] == "Document #: | RAD-7"
    assert " ".join(text[effective["start"]:effective["end"]].split()) == "| | Effective Date: | 10/01/2025"
    assert source.as_shown(0, len(text)).startswith("Home | Policies Acme Health Plan")   # the page's own "|" stays


@given(st.lists(st.sampled_from("ab |\n"), max_size=40), st.data())
def test_a_span_is_shown_without_exactly_the_reader_separators_inside_it(chars, data):
    # the cell separators are found by bisection; what they drop must be exactly the reader's "|" within the
    # span, whichever of the text's "|" are the reader's and wherever the span starts and ends
    text = "".join(chars)
    bars = [at for at, ch in enumerate(text) if ch == "|"]
    breaks = tuple(sorted(data.draw(st.sets(st.sampled_from(bars))) if bars else ()))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    source = SourceText("page.html", "html", text, "0", breaks)
    kept = "".join(ch for at, ch in enumerate(text[start:end], start) if at not in breaks)
    assert source.as_shown(start, end) == " ".join(kept.split())
    assert source.breaks_within(start, end) == any(start <= at < end for at in breaks)


# 82607 (cyanocobalamin), 84630 (zinc), 84999 (unlisted chemistry), 86353 (lymphocyte transformation): real CPT
# codes, as in the seed and example policies' coding sections
_BILLED_TO_REPORT = ("Acme Health Plan\nMedical Coverage Guideline: Intracellular Micronutrient Analysis\n\nPosition "
                     "Statement\nIntracellular micronutrient analysis is considered investigational.\n\nBilling/Coding\n"
                     "When billed to report intracellular micronutrient analysis, these codes are considered "
                     "experimental or investigational; when billed for a serum test they are processed under the member's "
                     "laboratory benefit.\n"
                     "Code Description\n82607 Cyanocobalamin (vitamin B-12)\n84630 Zinc\nPage 1 of 2\n\f"
                     "Code Description\n84999 Unlisted chemistry procedure\n86353 Lymphocyte transformation (see "
                     "Vitamin Testing, 02-82000-31)\nPage 2 of 2\n")


def test_codes_billed_to_report_a_service_are_denied_only_in_that_context(know):
    roles = code_roles(_BILLED_TO_REPORT, know)
    assert roles["82607"] == roles["84630"] == "not-covered-in-context"


def test_a_table_header_printed_again_at_the_top_of_the_next_page_continues_the_table(know):
    roles = code_roles(_BILLED_TO_REPORT, know)
    assert roles["84999"] == roles["86353"] == "not-covered-in-context"


def test_five_digits_inside_a_hyphenated_document_number_are_not_a_code(know):
    codes = {c["code"] for c in read(_BILLED_TO_REPORT, know)["codes"]}
    assert codes == {"82607", "84630", "84999", "86353"}


def test_a_row_no_longer_investigational_is_reference_not_a_denial(know):
    # 82777 (galectin-3), 81595 (AlloMap heart transplant gene expression): real CPT codes
    roles = code_roles("Acme Health Plan\nMedical Necessity Guidelines: Noncovered Investigational Services\n\nCoverage\nThe "
               "services in the table below are investigational and are not covered.\n\nService | Codes | Comments\n"
               "Galectin-3 testing for heart failure | 82777 | Investigational\n\nServices removed from the list\n\nService | Codes | "
               "Comments\nAlloMap molecular expression test | 81595 | No longer investigational; now requires prior "
               "authorization.\n", know)
    assert roles == {"82777": "not-covered", "81595": "reference"}


def test_an_ncd_that_another_guideline_the_document_sends_to_follows_is_no_authority(know):
    out = read("Acme Community Plan\nMedical Policy: Magnetic Resonance Spectroscopy\n\nPlan Applicability\nThis policy "
               "applies to members enrolled in the state Medicaid managed care program. For Acme Dual Advantage members, "
               "Medicare coverage rules apply first: see the Acme Medicare Advantage guideline MA-RAD-1, which follows "
               "CMS National Coverage Determination (NCD) 220.2.1.\n" + POLICY, know)
    assert out["authority"]["value"] is None


def test_a_service_established_when_guidelines_are_met_is_covered_with_criteria(know):
    out = read("Acme Health Mutual\nBilling chart: medical policy changes\n\nBasic Benefit and Medical Policy\nMRS of the "
               "brain is established when the inclusionary guidelines below are met. MRS remains experimental for all "
               "other indications.\n", know)
    assert [(s["service"], s["determination"], s.get("otherwise")) for s in out["services"]] == [
        ("mrs", "covered-with-criteria", "investigational")]


def test_a_notice_heading_about_the_payer_is_not_its_banner(know):
    out = read("Payment Guideline: Micronutrient Panel Testing\n\nRead First\nIMPORTANT INFORMATION CONCERNING ACME "
               "MUTUAL PAYMENT GUIDELINES\nThis guideline describes how claims are paid.\n" + POLICY, know)
    assert out["payer"]["value"] is None


def test_the_cpt_copyright_holder_is_not_the_payer(know):
    out = read("Billing chart: medical policy changes\n" + POLICY + "\n*CPT codes, descriptions and two-digit numeric "
               "modifiers only are copyright 2025 American Medical Association. All rights reserved.\n", know)
    assert out["payer"]["value"] is None


def test_a_transmittal_letters_subject_naming_changes_is_not_the_title(know):
    out = read("MEDICAID SERVICES MANUAL\n\nTRANSMITTAL LETTER\n\nSUBJECT:   MEDICAID SERVICES MANUAL CHANGES\n" + POLICY,
               know)
    assert out["title"]["value"] is None


def test_a_newsletters_issue_month_is_not_its_title(know):
    out = read("March 2026\n\nAcme highlights vitamin testing policy changes\n\n"
               "You'll find the latest information in the following chart.\n" + POLICY +
               "Vitamin testing is not covered.\n", know)
    assert out["title"]["value"] == "Acme highlights vitamin testing policy changes"


@pytest.mark.parametrize("exception", [
    "Medicare Advantage products: No National Coverage Determination (NCD) was found for the service; this guideline "
    "applies.",
    "Medicare Advantage products: this guideline applies as written.",
    "Medicare Advantage: No exception; this guideline applies as written.",      # a label and its value
])
def test_plans_before_a_colon_that_this_guideline_applies_to_are_a_covered_line_cited_there(know, exception):
    out = read(HEADER + "THIS GUIDELINE APPLIES TO ALL LINES OF BUSINESS UNLESS OTHERWISE NOTED IN THE PROGRAM "
               "EXCEPTIONS SECTION.\n" + POLICY + "\nProgram Exceptions\n" + exception + "\n", know)
    assert [(l["line"], l["quote"]) for l in out["lines_of_business"]["covered"]
            if l["line"] == "medicare-advantage"] == [("medicare-advantage", exception)]


def test_a_manual_chapter_speaks_of_itself_and_a_clause_after_a_semicolon_names_no_excluded_line(know):
    out = read("MEDICAID SERVICES MANUAL\nChapter 800 - Laboratory Services\n\n800 INTRODUCTION\nThis chapter applies to "
               "Acme Medicaid fee-for-service recipients and to Acme KidsCare (Children's Health Insurance Program) "
               "recipients. This chapter does not apply to services for which Medicare Part A or Part B is the primary "
               "payer for a dually eligible recipient; those claims follow Medicare coverage rules, and Acme Medicaid pays "
               "only its secondary share.\n" + POLICY, know)
    covered, excluded = lines_of(out)
    assert (list(covered), list(excluded)) == (["medicaid"], ["medicare"])


def test_the_definition_of_investigational_for_any_treatment_decides_no_service(know):
    out = read(HEADER + "\nOverview\nAccording to the Acme Evidence of Coverage, a treatment or procedure is considered "
               "investigative or unproven if reliable evidence shows that it is under study.\n" + POLICY, know)
    assert [s["service"] for s in out["services"]] == ["mrs"]


def test_a_lead_line_without_a_status_under_one_that_gives_it_takes_that_status(know):
    # 76390, 0609T, 0610T: real CPT codes (MR spectroscopy; disc MRS), as in the seed policies
    roles = code_roles(HEADER + POLICY + "\nCoding\nWhen services may be Medically Necessary when criteria are met:\n\nCPT |\n"
               "76390 | Magnetic resonance spectroscopy\n\nWhen services are Investigational and Not Medically Necessary:\n"
               "\nFor the procedure code listed above when criteria are not met, and for the following procedure codes "
               "for all indications:\n\nCPT |\n0609T | Magnetic resonance spectroscopy, discogenic pain\n"
               "0610T | transmission of biomarker data\n", know)
    assert roles == {
        "76390": "covered-with-criteria", "0609T": "not-covered", "0610T": "not-covered"}


def test_codes_eligible_for_coverage_under_a_table_caption_are_covered_with_criteria(know):
    # 82607 (cyanocobalamin), 84630 (zinc), 84999 (unlisted chemistry): real CPT codes
    roles = code_roles("Acme Health\nMedical Policy: Micronutrient Testing\n\nPolicy:\nMeasurement of a single vitamin in serum "
               "is considered medically necessary when the member has signs of deficiency.\n\nEligible for Coverage:\n"
               "Table 1. Single-analyte tests (Section I)\n  Code     Description\n  82607    Cyanocobalamin (Vitamin B-12)\n"
               "  84630    Zinc\n\nNot Eligible for Coverage:\nThe codes below are denied under this policy only when "
               "billed for a panel.\n  Code     Description\n  84999    Unlisted chemistry procedure\n", know)
    assert roles == {
        "82607": "covered-with-criteria", "84630": "covered-with-criteria", "84999": "not-covered-in-context"}


# 81240, 81241 (F5 and F2 gene analysis), 76390, 82607, 84630, 0609T, 0610T: real CPT codes
_CHART = ("Acme Health Mutual\nBilling chart: medical policy changes\n\nCode*\nNEW PAYABLE PROCEDURES\nEstablished\n\n"
          "81240, 81241\n\nBasic Benefit and Medical Policy\n\nGenetic testing for factor V Leiden is established for "
          "members with a personal history of venous thromboembolism.\n\nUPDATES TO PAYABLE PROCEDURES\n76390\n\n"
          "Basic Benefit and Medical Policy\n\nMRS of the brain is established when the inclusionary guidelines below "
          "are met.\n\nPOLICY CLARIFICATIONS\n82607, 84630\n\nBasic Benefit and Medical Policy\n\nIntracellular "
          "micronutrient testing remains experimental.\n\nWe're clarifying that these codes are payable when they "
          "report single-analyte tests, but not when they're billed to report an intracellular micronutrient panel."
          "\n\nEXPERIMENTAL PROCEDURES\n0609T, 0610T\n\nBasic Benefit and Medical Policy\n\nMagnetic resonance "
          "spectroscopy of the intervertebral disc is experimental.\n")


def test_a_line_of_codes_heading_a_chart_entry_takes_the_decision_of_the_entry_below_it(know):
    assert code_roles(_CHART, know) == {
        "81240": "covered-with-criteria", "81241": "covered-with-criteria", "76390": "covered-with-criteria",
        "82607": "not-covered-in-context", "84630": "not-covered-in-context",
        "0609T": "not-covered", "0610T": "not-covered"}


def test_codes_payable_but_not_when_billed_to_report_a_service_are_denied_in_that_context():
    from cds_service.policy_import.extract import role_of
    assert role_of("These codes are payable when they report single-analyte tests, but not when they're billed to "
                   "report an intracellular micronutrient panel.") == "not-covered-in-context"


def test_a_sentence_about_the_codes_in_table_n_gives_the_rows_under_that_caption_their_role(know):
    # 82607 (cyanocobalamin), 86353 (lymphocyte transformation), 82306 (25-hydroxy vitamin D): real CPT codes
    roles = code_roles("Acme Mutual\nPayment Guideline: Nutrient Panels\n\nBilling with single-analyte codes\nWhen five "
                       "or more of the codes in Table 1 are billed for the same date of service, the lines are denied as "
                       "not reimbursable. Fewer than five of these codes are processed as usual.\n\nTable 1 - Codes "
                       "counted toward the panel threshold\n  Code    Description\n  82607   Cyanocobalamin (vitamin B-12)\n"
                       "  86353   Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis\n\n"
                       "Table 2 - Codes not counted toward the panel threshold\n  82306   Vitamin D; 25 hydroxy\n", know)
    assert roles == {"82607": "not-reimbursable-conditional", "86353": "not-reimbursable-conditional",
                     "82306": "reference"}


def test_a_guideline_number_after_a_wide_gap_a_committee_approval_and_a_web_publication_date_are_read(know):
    out = read("Nutrient Panel Testing\nPAYMENT GUIDELINE                          Guideline No: PG-031\n\n"
               "Guideline Dates\n  Approved by: Reimbursement Policy Committee, 02/11/2026\n"
               "  Date Published to Web: 04/17/2026\n" + POLICY, know)
    assert out["policy_number"]["value"] == "PG-031"
    assert (out["dates"]["approved"]["value"], out["dates"]["published"]["value"]) == ("2026-02-11", "2026-04-17")


@pytest.mark.parametrize("sentence", [
    "These changes are effective: April 1, 2026.",
    "The medical policy changes in this chart are effective April 1, 2026, unless another date is shown.",
])
def test_the_date_a_bulletins_changes_take_effect_is_the_effective_date(know, sentence):
    out = read("Acme Health Mutual\nBilling chart: medical policy changes\n\n" + sentence + "\n" + POLICY, know)
    assert (out["dates"]["effective_from"]["value"], out["dates"]["effective_from"]["quote"]) == ("2026-04-01", sentence)


def test_a_subject_label_on_its_own_line_titles_the_policy_with_the_line_below(know):
    out = read("Acme Health\nUniform Medical Policy Manual\nPolicy Number: 137\n\nSubject:\nVitamin and Micronutrient "
               "Laboratory Testing\n\nDescription:\nMicronutrients are vitamins and minerals.\n" + POLICY, know)
    assert (out["title"]["value"], out["title"]["quote"]) == ("Vitamin and Micronutrient Laboratory Testing",
                                                              "Vitamin and Micronutrient Laboratory Testing")


def test_the_owner_of_a_printed_page_ends_with_its_sentence(know):
    out = read("Date Printed: January 6, 2026\nPrivate Property of Acme Coast Health Plan. This guideline is Copyright "
               "2026, Acme Coast Health Plan. All Rights Reserved.\n" + POLICY +
               "This policy applies to Acme Coast Health Plan commercial members.\n", know)
    assert out["payer"]["value"] == "Acme Coast Health Plan"


def test_a_bulletins_chart_applies_to_the_plans_it_names_and_not_to_those_it_leaves_out(know):
    out = read("Acme Health Mutual\nBilling chart: medical policy changes\n\nThe changes in this chart apply to Acme "
               "commercial PPO and Acme Select HMO members, unless a group variation is noted. Changes for Acme Medicare "
               "Plus (Medicare Advantage) members are published in the Medicare Advantage Coverage Bulletin and are not "
               "included in this chart.\n" + POLICY, know)
    covered, excluded = lines_of(out)
    assert (list(covered), list(excluded)) == (["commercial"], ["medicare-advantage"])


def test_a_reimbursement_policys_reimbursement_guidelines_decide_its_services(know):
    out = read("Acme Mutual\nPayment Guideline: Micronutrient Panel Testing\n\nReimbursement Guidelines\nA. Intracellular "
               "micronutrient panel testing is not reimbursable.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "not-reimbursable")]


def test_a_policy_number_ends_where_the_next_label_on_its_line_begins(know):
    out = read(HEADER + "Policy Number: HGMA-RAD-0219 Line of Business: Medicare Advantage\n" + POLICY, know)
    assert out["policy_number"]["value"] == "HGMA-RAD-0219"


def test_plans_for_whose_members_the_payer_applies_this_policy_are_a_covered_line(know):
    out = read(HEADER + POLICY + "\nMedicaid Coverage:\nFor members enrolled in Acme Community Care (Medicaid) and Acme "
               "KidsCare plans, Acme Health applies the above medical policy.\n", know)
    assert list(lines_of(out)[0]) == ["medicaid"]


def test_a_sentence_sending_something_else_to_another_rule_does_not_send_the_service_it_mentions(know):
    out = read(HEADER + "\nCoverage Determination\nAcme Medicare Advantage follows NCD 220.2.1: magnetic resonance "
               "spectroscopy is not covered for any indication. When MRS is performed during a clinical study, routine "
               "costs are addressed under NCD 310.1; the MRS itself remains non-covered.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "not-covered")]


def test_a_page_footer_names_the_payer_the_top_of_the_page_does_not(know):
    body = "".join(f"\nSection {n}\nThis section describes how claims are paid.\n" for n in range(1, 8))
    out = read("Micronutrient Panel Testing\nPAYMENT GUIDELINE\n" + POLICY + "Acme Mutual Insurance Company does not "
               "reimburse micronutrient panels.\n" + body + "\nAcme Mutual Insurance Company - "
               "Payment Guideline PG-031 - Page 1 of 1\n", know)
    assert out["payer"]["value"] == "Acme Mutual Insurance Company"


def test_the_publisher_of_a_newsletter_is_its_payer(know):
    out = read("Billing chart: medical policy changes\n" + POLICY + "\nThe Dispatch is published monthly by Acme Health "
               "Mutual, a nonprofit mutual insurance company.\n", know)
    assert out["payer"]["value"] == "Acme Health Mutual"


def test_the_ticked_products_of_an_applies_to_grid_are_covered_lines(know, tmp_path):
    from cds_service.policy_import.importer import import_document
    page = tmp_path / "acme.html"
    page.write_text("<html><body><h1>Medical Necessity Guidelines: Noncovered Investigational Services</h1>"
                    "<p>Applies to:</p><table><tr><td>COMMERCIAL Products</td><td>\u2612 Acme Commercial products; Fax: "
                    "555.014.2200</td></tr><tr><td>PUBLIC PLANS Products</td><td>\u2612 Acme Together \u2013 Medicaid "
                    "Managed Care Plan; Fax: 555.014.2290 \u2610 Acme Senior \u2013 a Medicare Advantage product</td>"
                    "</tr></table><p>Magnetic resonance spectroscopy is considered investigational.</p></body></html>",
                    encoding="utf-8")
    covered, excluded = lines_of(to_key(import_document(page, know)))
    assert (list(covered), list(excluded)) == (["commercial", "medicaid"], [])


def test_a_plan_grid_answered_yes_or_no_gives_covered_and_excluded_lines_and_na_gives_none(know):
    out = read(HEADER + "\nApplicable Plans\n  Commercial - Fully Insured (Group and Individual) ........ Yes\n"
               "  Acme Senior Select (Medicare Advantage) .............. No - see Payment Guideline MA-PG-031\n"
               "  Medicaid ................................................... N/A\n" + POLICY, know)
    covered, excluded = lines_of(out)
    assert (list(covered), list(excluded)) == (["commercial"], ["medicare-advantage"])


def test_codes_listed_for_reference_and_sent_to_another_policy_are_reference(know):
    # 82652 (1,25-dihydroxy vitamin D): a real CPT code, as in the seed policies
    roles = code_roles("Acme Health Plan\nMedical Policy: Micronutrient Testing\n\nPolicy\nIntracellular micronutrient "
                       "testing is investigational. Hair analysis is investigational.\n\nCoding\nOther codes (see Policy 104; listed for reference only):\n  82652    Vitamin D; 1, 25 "
                       "dihydroxy, includes fraction(s), if performed\n", know)
    assert roles == {"82652": "reference"}


def _lines(out: dict) -> dict[str, set[str]]:
    return {k: {l["line"] for l in v} for k, v in out["lines_of_business"].items()}


def test_a_medicare_medicaid_plan_names_a_medicare_product_not_the_medicaid_line(know):
    out = read(HEADER + "\nApplicability\nThis policy applies to members of Acme Medicare Advantage HMO and to the Medicare "
               "benefits of members of Acme Dual Care, a Medicare-Medicaid plan.\n" + POLICY, know)
    assert _lines(out) == {"covered": {"medicare-advantage"}, "excluded": set()}


def test_the_lines_a_sentence_says_the_policy_does_not_apply_to_are_excluded(know):
    out = read(HEADER + "\nApplicability\nThis policy applies to members of Acme Medicare Advantage HMO plans.\n"
               "For the Medicaid benefits of Acme Dual Care members, see the state rules; this policy does not apply to "
               "them.\n" + POLICY, know)
    assert _lines(out) == {"covered": {"medicare-advantage"}, "excluded": {"medicaid"}}


def test_plans_a_colon_sends_to_another_policy_are_excluded_not_covered(know):
    out = read(HEADER + "\nApplicability\nThis policy applies to members of Acme Medicare Advantage HMO plans.\n"
               "Acme commercial and individual plans: see commercial medical policy RAD-12.\n" + POLICY, know)
    assert _lines(out) == {"covered": {"medicare-advantage"}, "excluded": {"commercial"}}


@pytest.mark.parametrize("heading, title, number", [
    ("MP 6.01.31 Magnetic Resonance Spectroscopy", "Magnetic Resonance Spectroscopy", "MP 6.01.31"),
    ("Intracellular Micronutrient Analysis AHS - G2214", "Intracellular Micronutrient Analysis", "AHS-G2214"),
])
def test_a_policy_number_printed_with_the_title_is_the_number_not_part_of_the_title(know, heading, title, number):
    out = read(f"Acme Health Plan\n{heading}\n" + POLICY + "Intracellular micronutrient analysis is investigational.\n", know)
    assert (out["title"]["value"], out["policy_number"]["value"]) == (title, number)


def test_another_policys_number_in_the_form_of_a_hcpcs_code_is_no_code(know):
    # 76390 (MR spectroscopy): a real CPT code; "AHS - G2110" is a policy number, however it wraps
    out = read(HEADER + POLICY + "Single-nutrient testing is not addressed in this policy; see AHS -\nG2110 Vitamin D "
               "Testing (effective 07/01/2024) and AHS - G2098 Vitamin B12 Testing.\n\nCoding\nCode | Description | Status\n"
               "76390 | MR spectroscopy | Investigational\n", know)
    assert [c["code"] for c in out["codes"]] == ["76390"]


def test_a_numbered_section_heading_is_not_the_payer(know):
    out = read("55.02 ELIGIBILITY FOR CARE\nLaboratory Services\n" + POLICY, know)
    assert out["payer"]["value"] is None


def test_an_issue_label_in_month_colon_year_is_the_publication_month(know):
    out = read(HEADER + "Issue: 10:2025\n" + POLICY, know)
    assert out["dates"]["published"]["value"] == "2025-10"


def test_a_table_under_a_sentence_covering_with_the_following_limits_has_covered_with_limits_rows(know):
    # 82306 (25-hydroxy vitamin D) and 82607 (cyanocobalamin): real CPT codes of the seed policies' code lists
    roles = code_roles("Acme Health Plan\nLaboratory Services\n\nPolicy\nSingle-nutrient assays are covered with the "
                       "following limits.\nCPT | Test | Limit\n82306 | Vitamin D; 25 hydroxy | 1 per 12 months\n"
                       "82607 | Cyanocobalamin (vitamin B-12) | Up to 4 per 12 months\n", know)
    assert roles == {"82306": "covered-with-limits", "82607": "covered-with-limits"}


def test_a_code_table_continued_past_a_page_break_keeps_its_leads_role(know):
    # 82607 (cyanocobalamin) and 84630 (zinc): real CPT codes of the seed policies' code lists
    roles = code_roles("Acme Health Plan\nMedical Policy: Intracellular Micronutrient Analysis\n\nPolicy\nIntracellular "
                       "micronutrient analysis is considered investigational.\n\nCoding\nThe codes below are "
                       "investigational only when billed to report intracellular micronutrient analysis.\n"
                       "CPT Description\n82607 Cyanocobalamin (vitamin B-12)\n\fCPT Description (continued)\n84630 Zinc\n",
                       know)
    assert roles == {"82607": "not-covered-in-context", "84630": "not-covered-in-context"}


def test_a_status_less_row_naming_the_one_service_denied_outright_takes_its_denial(know):
    # 76390 (MR spectroscopy) and 70551 (brain MRI): real CPT codes of the MRS examples
    out = read(HEADER + POLICY + "\nCodes\nCode | Description\n76390 | Magnetic resonance spectroscopy\n"
               "70551 | MRI brain; without contrast\n", know)
    assert {c["code"]: c["role"] for c in out["codes"]} == {"76390": "not-covered"}
    assert any(n.startswith("code 70551: code found, role not stated") for n in out["not_found"])


def test_a_date_with_hyphens_and_an_effective_policy_date_label_are_read_and_the_label_wins_over_the_history(know):
    out = read(HEADER + "Effective Policy Date: March 1, 2026\nLast Reviewed: 12-09-2025\n" + POLICY +
               "\nPolicy History\n05/15/2008 New policy.\n07/01/2024 Medicare Advantage section added.\n"
               "12-09-2025 Annual review. No change.\n", know)
    dates = out["dates"]
    assert (dates["effective_from"]["value"], dates["effective_from"]["quote"]) == (
        "2026-03-01", "Effective Policy Date: March 1, 2026")
    assert (dates["last_reviewed"]["value"], dates["last_reviewed"]["quote"]) == ("2025-12-09", "Last Reviewed: 12-09-2025")


def test_a_status_and_date_label_gives_the_date_after_its_status(know):
    out = read(HEADER + "Last Review Status/Date: Reviewed with literature search/10:2025\n" + POLICY, know)
    assert out["dates"]["last_reviewed"]["value"] == "2025-10"


@pytest.mark.parametrize("history, want", [
    # the latest entry records a change, not a review: no last review
    ("05/15/2008 | New policy.\n11/20/2019 | Annual review. No change.\n07/01/2024 | Medicare Advantage section added.\n",
     None),
    # the entry labelled as the day the version took effect is not a review; the latest review entry is
    ("Date Issued | 07/15/2014 | New policy.\nDate Revised | 11/12/2025 | Annual review. Hair analysis added.\n"
     "Date Effective | 02/01/2026 |\n", ("2025-11-12", "Date Revised | 11/12/2025 | Annual review. Hair analysis added.")),
    # an entry whose date no pattern reads may be the latest: no last review
    ("05/15/2008 | New policy.\n2025.12.09 | Annual review.\n11/20/2019 | Annual review.\n", None),
])
def test_the_latest_history_entry_is_the_last_review_only_when_it_records_a_review(know, history, want):
    out = read(HEADER + POLICY + "\nPolicy History\nDate | Action\n" + history, know)
    got = out["dates"]["last_reviewed"]
    assert ((got["value"], got["quote"]) if got["value"] else None) == want


def test_a_review_label_whose_date_is_not_read_keeps_the_history_from_answering(know):
    out = read(HEADER + "Last Reviewed: 2025.12.09\n" + POLICY + "\nPolicy History\nDate | Action\n"
               "11/20/2019 | Annual review.\n", know)
    assert out["dates"]["last_reviewed"] == {"value": None}


def test_a_revision_label_that_disagrees_with_the_historys_review_entry_gives_no_last_review(know):
    out = read(HEADER + "Initial Date: March 2006\nRevised: January 2026\n" + POLICY + "\nRevision Log\n"
               "Jan 2026   Brain MRS removed from the list.\nNov 2025   Annual review by the Medical Policy Committee.\n",
               know)
    assert out["dates"]["last_reviewed"] == {"value": None}
    assert any(n.startswith("last_reviewed: the revision label gives 2026-01") for n in out["not_found"])


def test_an_approval_recorded_in_a_history_entry_is_the_approval_date(know):
    out = read(HEADER + POLICY + "\nPolicy History\n01/14/2026   Title changed. Approved by the Medical Affairs Committee "
               "on January 14, 2026.\n", know)
    assert out["dates"]["approved"]["value"] == "2026-01-14"


def test_a_label_grid_set_out_in_columns_gives_the_title_number_and_effective_date(know):
    out = read("Acme Health\nMEDICAL POLICY STATEMENT\nPolicy Name | Policy Number | Date Effective\n"
               "Experimental and Investigational Services | MM-1187 | 02/01/2026\n" + POLICY +
               "\nCoding\nCode | Change | Effective\n76390 | Removed | 03/01/2026\n", know)
    row = "Experimental and Investigational Services | MM-1187 | 02/01/2026"
    assert (out["title"]["value"], out["title"]["quote"]) == ("Experimental and Investigational Services", row)
    assert (out["policy_number"]["value"], out["policy_number"]["quote"]) == ("MM-1187", row)
    assert (out["dates"]["effective_from"]["value"], out["dates"]["effective_from"]["quote"]) == ("2026-02-01", row)


def test_a_pages_dateline_is_its_publication_date_and_a_previous_issues_is_not(know):
    out = read("Medical Policy Updates March 2026\nAcme Health Plan provider news | Posted Mar. 3, 2026\n"
               "- Medicare Advantage policy updates are published separately in another bulletin.\n" + POLICY, know)
    assert out["dates"]["published"]["value"] == "2026-03-03"
    out = read("Medical Policy Updates March 2026\n- Medicare Advantage policy updates are published separately in "
               "another bulletin.\n" + POLICY + "\nPrevious issues | Published 02/02/2026\n", know)
    assert out["dates"]["published"] == {"value": None}


@pytest.mark.parametrize("head, title", [
    ("Printer Friendly Version\nAcme Health Plan\nMedical Policy\n\nMagnetic Resonance Spectroscopy\n",
     "Magnetic Resonance Spectroscopy"),
    ("Download PDF\nAcme Health Plan\nMagnetic Resonance Spectroscopy\n", "Magnetic Resonance Spectroscopy"),
])
def test_a_web_pages_controls_are_no_title_and_a_headline_keeps_its_first_words(know, head, title):
    assert read(head + POLICY, know)["title"]["value"] == title


def test_the_kind_of_document_running_on_into_a_headline_with_a_lower_case_connective_is_part_of_it(know, tmp_path):
    out = read_page("<html><head><title>Medical Policy and Coding Updates March 2026 | Acme Health Plan</title></head>"
                    "<body><p>Medical Policy and Coding Updates March 2026</p><p>Acme Health Plan</p>"
                    "<p>Magnetic resonance spectroscopy is considered investigational.</p></body></html>", know, tmp_path)
    assert out["title"]["value"] == "Medical Policy and Coding Updates March 2026"


def test_an_ncd_followed_by_another_policy_named_at_the_start_of_a_wrapped_line_is_not_the_authority(know):
    out = read(HEADER + POLICY + "\nPolicy Exceptions\nMedicare Advantage: this policy does not apply. Acme Medicare "
               "Advantage members are reviewed under policy\nMA-R.6.11.40, which follows CMS NCD 220.2.1, Magnetic "
               "Resonance Spectroscopy.\n", know)
    assert out["authority"]["value"] is None

def test_examples_after_including_and_a_clause_are_no_services_beside_the_one_a_sentence_decides(know):
    out = read("Acme Health Plan\nLaboratory Services\n\nPolicy\n1. Hair panels, including hair mineral panels, are not "
               "reimbursable.\n2. Testing that does not meet item 3, including screening of adults, is not medically "
               "necessary.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("new:hair-panels", "not-reimbursable")]


@pytest.mark.parametrize("unmet", ["Testing that does not meet section B",
                                   "Zinc measurement for screening in a member without a sign listed in B"])
def test_a_denial_of_what_does_not_meet_the_criteria_is_the_otherwise_branch_of_the_one_covered_service(know, unmet):
    out = read("Acme Health Plan\nLaboratory Services\n\nPolicy\nA. Hair analysis is investigational.\nB. Serum zinc "
               "testing is medically necessary when the member has signs of deficiency.\nC. " + unmet + " is not "
               "medically necessary.\n", know)
    assert [(s["service"], s["determination"], s.get("otherwise")) for s in out["services"]] == [
        ("new:hair-analysis", "investigational", None),
        ("new:serum-zinc-testing", "covered-with-criteria", "not-medically-necessary")]
    assert out["services"][1]["otherwise_quote"].startswith("C. " + unmet)


def test_the_denial_of_a_narrower_use_gives_way_to_the_services_own_determination_and_alone_beside_another_decides_nothing(
        know):
    disc = "Magnetic resonance spectroscopy of the intervertebral disc is investigational.\n"
    out = read(HEADER + "\nPolicy\n" + disc + "Magnetic resonance spectroscopy is medically necessary when the brain "
               "lesion is indeterminate on MRI.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "covered-with-criteria")]
    out = read(HEADER + "\nPolicy\n" + disc + "Magnetic resonance spectroscopy remains investigational for all other "
               "indications.\n", know)
    assert out["services"][0]["determination"] is None
    assert any(n.startswith("service mrs: only a narrower use is decided") for n in out["not_found"])


def test_a_rows_plain_denial_under_a_conditional_lead_is_that_conditional_denial(know):
    # 82607 (cyanocobalamin) and 84630 (zinc): real CPT codes of the seed policies' code lists
    out = read("Acme Health Plan\nLaboratory Panels\n\nReimbursement Guidelines\nTable 1: Component codes not "
               "reimbursable when billed as part of a nutrient panel\nCode | Description | Status\n"
               "82607 | Cyanocobalamin | Not reimbursable in a panel\n84630 | Zinc | Not covered in a panel\n", know)
    assert {c["code"]: c["role"] for c in out["codes"]} == {"82607": "not-reimbursable-conditional",
                                                             "84630": "not-covered-in-context"}
    assert out["codes"][0]["also_quoted"] == ["Table 1: Component codes not reimbursable when billed as part of a "
                                              "nutrient panel"]


@pytest.mark.parametrize("status", [
    "Denied when billed with a screening diagnosis only",
    "Not medically necessary when billed to screen for deficiency"])
def test_a_code_denied_for_the_diagnosis_or_purpose_it_is_billed_with_is_denied_only_in_that_context(know, status):
    # 82652 (1,25-dihydroxy vitamin D): a real CPT code
    out = read("Acme Health Plan\nVitamin D Testing\n\nPolicy\nVitamin D testing is medically necessary when the member "
               f"has a deficiency.\n\nCoding updates\nCode | Change\n82652 | {status}\n", know)
    assert {c["code"]: c["role"] for c in out["codes"]} == {"82652": "not-covered-in-context"}


def test_a_service_medically_necessary_to_do_something_when_and_one_limited_to_n_tests_per_period_are_covered(know):
    # 82306 (25-hydroxy vitamin D): a real CPT code
    out = read("Acme Health Plan\nPolicy Updates\n\nPolicy\n- Magnetic resonance spectroscopy of the brain may be "
               "considered medically necessary to distinguish tumor from necrosis when MRI is inconclusive.\n"
               "- Vitamin D testing (CPT 82306) is limited to two tests per 12 months.\n"
               "- Electrophysiology studies may be considered medically necessary when criteria are met.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("mrs", "covered-with-criteria"), ("new:vitamin-d-testing", "covered-with-limits"),
        ("new:electrophysiology-studies", "covered-with-criteria")]
    assert {c["code"]: c["role"] for c in out["codes"]} == {"82306": "covered-with-limits"}


def test_a_known_product_given_as_an_example_of_another_named_test_does_not_make_it_that_products_service(know):
    out = read("Acme Health Plan\nLaboratory Services\n\nPolicy\nA. Combined blood and urine nutrient panels (e.g., "
               "NutrEval FMV) are investigational.\nB. Cellular micronutrient testing (e.g., SpectraCell) is not "
               "covered.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("new:combined-blood-and-urine-nutrient-panels", "investigational"),
        ("intracellular-micronutrient-panel", "not-covered")]


@pytest.mark.parametrize("body, excluded", [
    ("Acme Medicare Advantage updates are published in a separate bulletin and are not included on this page.",
     "medicare-advantage"),
    ("Acme Dual Advantage (HMO D-SNP) members are not subject to this policy; the NCD applies.", "medicare-advantage"),
    ("Acme Community Care (Medicaid) and CHIP: see the state Medicaid Radiology Services Manual, Section 7.", "medicaid"),
])
def test_plans_left_off_this_page_not_subject_to_this_policy_or_sent_to_a_manual_are_excluded(know, body, excluded):
    out = read("Acme Health Plan\nMedical Policy: MR Spectroscopy\n\nApplicability\n" + body + "\n" + POLICY, know)
    assert lines_of(out) == ({}, {excluded: body})


@pytest.mark.parametrize("head, payer", [
    ("Home Health Care Services\nAcme Health Plan\n", "Acme Health Plan"),
    ("Behavioral Health\nMedical Policy: Magnetic Resonance Spectroscopy\n", None),
    ("Welcome to Acme Health Plan\nMagnetic Resonance Spectroscopy\n", "Acme Health Plan"),
])
def test_a_field_of_care_names_no_payer_and_a_banners_greeting_is_not_part_of_the_name(know, head, payer):
    assert read(head + POLICY + "This policy applies to Acme Health Plan commercial members.\n", know)["payer"]["value"] \
        == payer


def test_a_bulletins_name_keeps_its_kind_of_policy_when_nothing_else_is_left(know, tmp_path):
    out = read_page("<html><head><title>Medical Policy Update Bulletin | Acme Health Plan</title></head><body>"
                    "<p>Medical Policy Update Bulletin</p><p>Acme Health Plan</p><p>Magnetic resonance spectroscopy is "
                    "considered investigational.</p></body></html>", know, tmp_path)
    assert out["title"]["value"] == "Medical Policy Update Bulletin"


def test_a_history_entry_for_the_day_a_version_took_effect_is_not_the_last_review(know):
    out = read(HEADER + POLICY + "\nHistory\n01/01/2026 Effective date of the annual review changes.\n"
               "11/12/2025 Annual review.\n", know)
    assert out["dates"]["last_reviewed"]["value"] == "2025-11-12"

def test_codes_a_sentence_sends_to_another_policy_are_listed_for_reference_but_not_a_rows_note_about_another_service(
        know):
    # 81479 (unlisted molecular pathology), 80053 and 80061 (organ panels), 0609T (disc MRS): real codes
    roles = code_roles("Acme Health Plan\nLaboratory Panels\n\nReimbursement Guidelines\n1. Organ panels (for example, "
                       "80053 and 80061) are not addressed here; see RPL-11.\n2. Unlisted molecular pathology (81479) is "
                       "addressed in RPL-19.\n\nCodes\nCode | Description\n0609T | Disc spectroscopy. MRS of the brain is "
                       "addressed in the separate MRS policy.\n", know)
    assert roles == {"80053": "reference", "80061": "reference", "81479": "reference"}


def test_a_standard_single_analyte_test_code_in_a_panels_denial_list_is_denied_only_as_part_of_the_panel(know):
    # 82607 (vitamin B12) and 84630 (zinc) are standard serum tests (policy_data/serum_alternatives.yaml); 88348
    # (electron microscopy) is not one: real CPT codes
    roles = code_roles("Acme Health Plan\nMedical Policy: Nutrient Panel Testing\n\nPolicy\nNutrient panel testing is "
                       "considered investigational.\n\nCPT codes not covered:\n82607 Cyanocobalamin (vitamin B-12)\n"
                       "84630 Zinc\n88348 Electron microscopy, diagnostic\n", know)
    assert roles == {"82607": "not-covered-in-context", "84630": "not-covered-in-context", "88348": "not-covered"}
    # a sentence that denies the code itself keeps its outright denial
    assert code_roles(HEADER + POLICY + "\nCoding\nCPT 82607 is not covered under this policy.\n", know) == \
        {"82607": "not-covered"}


def test_codes_in_a_cell_of_several_sentences_take_the_role_of_their_own_sentence_and_its_other_uses_clause(know):
    # 0038U (vitamin D microsample), 84591 (vitamin NOS), 84425 (thiamine), 84999 (unlisted chemistry): real codes
    roles = code_roles("Acme Health Plan\nPayment Policy\n\nClaim classifications\nTopic | Classification\n"
                       "Microsample testing | Vitamin D on a dried blood spot (CPT 0038U) is experimental/investigational. "
                       "Intracellular panels are not addressed in this policy.\n"
                       "Panel unbundling | When the vitamin tests of a panel are billed line by line (for example 84591 and "
                       "84425), the plan may deny them as part of a non-covered panel. The same codes billed alone to "
                       "evaluate a suspected deficiency are reviewed under the usual rules.\n"
                       "Micronutrient testing | Lines billed with 84999 for this analysis are denied. 84999 billed for "
                       "other tests is not affected by this classification.\n", know)
    assert roles == {"0038U": "not-covered", "84591": "not-covered-in-context", "84425": "not-covered-in-context",
                     "84999": "not-covered-in-context"}


def test_a_note_under_a_code_table_that_denies_its_codes_only_for_one_use_narrows_the_tables_denial(know):
    # 84999 (unlisted chemistry), 86353 (lymphocyte transformation), 88348 (electron microscopy): real CPT codes
    table = "CPT codes not covered:\n84999 Unlisted chemistry procedure\n86353 Lymphocyte transformation\n88348 " \
            "Electron microscopy, diagnostic\n"
    note = "These codes also describe standard laboratory services. They are denied under this policy only when the " \
           "record shows that they were billed for a test listed above.\n"
    roles = code_roles(HEADER + POLICY + "\n" + table + note, know)
    assert roles == {"84999": "not-covered-in-context", "86353": "not-covered-in-context",
                     "88348": "not-covered-in-context"}
    # ... and gives a table without a status of its own its role
    roles = code_roles(HEADER + POLICY + "\nCoding\nCode | Description\n86353 | Lymphocyte transformation\n88348 | "
                       "Electron microscopy, diagnostic\nThe codes listed above also describe ordinary tests. They are "
                       "denied only when billed for intracellular micronutrient panel testing.\n", know)
    assert roles == {"86353": "not-covered-in-context", "88348": "not-covered-in-context"}


@pytest.mark.parametrize("caption", ["Table 2: CPT Codes Not Medically Necessary When Billed for Nutrient Panel Testing",
                                     "Codes denied when part of a nutrient panel:"])
def test_codes_not_medically_necessary_when_billed_for_or_denied_as_part_of_a_test_are_denied_in_that_context(
        know, caption):
    roles = code_roles(HEADER + POLICY + "\n" + caption + "\n86353 Lymphocyte transformation\n88348 Electron "
                       "microscopy, diagnostic\n", know)
    assert roles == {"86353": "not-covered-in-context", "88348": "not-covered-in-context"}


def test_another_policys_identifier_after_its_title_is_no_code(know):
    # 82306 (25-hydroxy vitamin D): a real CPT code; CAM 30406 a made-up policy identifier
    roles = code_roles(HEADER + POLICY + "\nPolicy\n- Testing for vitamin D status (CPT 82306) is not addressed in "
                       "this policy; see Vitamin D Testing - CAM 30406.\n", know)
    assert roles == {"82306": "reference"}


def read_page(html: str, know, tmp_path) -> dict:
    page = tmp_path / "page.html"
    page.write_text(html, encoding="utf-8")
    return to_key(import_text(read_source(page), know))


def test_a_skip_link_a_breadcrumb_trail_and_a_cookie_notice_are_no_words_of_the_page():
    from cds_service.policy_import.reading import html_text
    page = ('<html><body><a class="skip" href="#main">Skip to main content</a>'
            '<div class="notice" aria-label="cookie notice">Acme uses cookies. <button>OK</button></div>'
            '<div><a href="/">Provider home</a> / <a href="/um">Utilization management</a> / <span>Criteria</span></div>'
            '<p><a href="/a">Medical Policy Home</a> &gt; <a href="/b">Laboratory</a> &gt; Current <a href="/p">Print</a></p>'
            '<p>See <a href="/x">Policy A</a> / <a href="/y">Policy B</a> for other tests.</p>'
            '<p><a href="/m">Policy C</a> and <a href="/p">Policy D</a> apply.</p>'
            '<h1>MR Spectroscopy</h1><p>MRS is investigational.</p></body></html>')
    assert html_text(page) == ("See Policy A / Policy B for other tests.\n\nPolicy C and Policy D apply.\n\n"
                               "MR Spectroscopy\n\nMRS is investigational.\n")


def test_the_heading_the_page_title_names_is_the_title_not_the_site_section_above_it(know, tmp_path):
    out = read_page("<html><head><title>Magnetic Resonance Spectroscopy | Clinical review criteria | Acme Health"
                    "</title></head><body><h1>Clinical review</h1><p>Coverage provided by Acme Health Plan.</p>"
                    "<h2>Magnetic Resonance Spectroscopy</h2><p>MRS is considered investigational for all indications."
                    "</p></body></html>", know, tmp_path)
    assert (out["title"]["value"], out["title"]["quote"]) == ("Magnetic Resonance Spectroscopy",
                                                              "Magnetic Resonance Spectroscopy")


def test_a_page_title_naming_only_the_kind_of_document_names_the_page_only_as_its_whole_first_piece(know, tmp_path):
    body = "<body><h1>Payment Policy</h1><p>Acme Health Plans applies these rules to its plans.</p></body></html>"
    assert read_page("<html><head><title>Payment Policy | Ohio | Acme</title></head>" + body, know,
                     tmp_path)["title"]["value"] == "Payment Policy"
    out = read_page("<html><head><title>Coverage Policy Manual - Nutrient Panel Testing</title></head><body>"
                    "<h2>Coverage Policy Manual</h2><h1>Nutrient Panel Testing</h1><p>Panels are not covered.</p>"
                    "</body></html>", know, tmp_path)
    assert out["title"]["value"] == "Nutrient Panel Testing"


def test_above_a_pages_main_heading_no_line_of_links_or_logo_words_is_the_title(know, tmp_path):
    out = read_page('<html><head><title>Medical Policy Updates | Acme BlueCross</title></head><body><div class="site">'
                    '<span>Acme BlueCross</span>'
                    '<a href="/p">Providers</a></div><p><a href="/u">&laquo; Return to Updates to Medical Policies</a></p>'
                    "<h1>Medical Policy Upcoming Updates</h1><p>Below are the policies that are new or reviewed.</p>"
                    "</body></html>", know, tmp_path)
    assert (out["title"]["value"], out["title"]["quote"]) == ("Medical Policy Upcoming Updates",
                                                              "Medical Policy Upcoming Updates")


def test_a_number_after_a_dash_in_the_heading_is_the_policy_number_not_part_of_the_title(know, tmp_path):
    out = read_page("<html><head><title>Intracellular Micronutrient Analysis - CAM 30412 | Acme BlueCross</title>"
                    "</head><body><h1>Intracellular Micronutrient Analysis - CAM 30412</h1><h2>Policy</h2>"
                    "<p>Intracellular micronutrient analysis is investigational.</p></body></html>", know, tmp_path)
    assert (out["title"]["value"], out["policy_number"]["value"]) == ("Intracellular Micronutrient Analysis", "CAM 30412")


def test_the_organisation_whose_policy_the_text_says_it_is_is_the_payer_not_the_parent_in_the_copyright(know):
    out = read("Clinical Policy: Vitamin D Testing\nReference Number: AK.CP.1\n\nI. It is the policy of Amberly Health "
               "that vitamin D testing is medically necessary for members with CKD.\n\n"
               "(c)2019 Verrow Corporation. All rights reserved.\n", know)
    assert (out["payer"]["value"], out["payer"]["quote"]) == (
        "Amberly Health", "I. It is the policy of Amberly Health that vitamin D testing is medically necessary for "
                          "members with CKD.")
    covered = read("Clinical review\n\nCoverage provided by Fennel Foundation Health Plan or Fennel Options, Inc. "
                   "(Fennel Health).\n\nMRS is investigational.\n", know)
    assert covered["payer"]["value"] == "Fennel Foundation Health Plan"


def test_two_different_values_each_labelled_the_policy_number_give_no_number(know):
    out = read("Acme Blue Cross - Medicare Advantage Medical Policy\nMagnetic Resonance Spectroscopy Policy Number M.42\n"
               "Policy Number: MA-R-118\nLast Updated: Oct. 14, 2025\n" + POLICY, know)
    assert out["policy_number"] == {"value": None}
    assert any("two values are labelled" in n for n in out["not_found"])


def test_a_bulletins_default_effective_date_gives_way_to_no_date_where_an_item_has_its_own(know):
    head = "Acme Blue Cross\n\nBulletin: 2025-09-004 Medical policies\n\nEffective date: October 1, 2025 (unless otherwise indicated)\n\n"
    item = "Intracellular Micronutrient Testing (MP 2.204)\nEffective date: January 1, 2026\n- Title changed.\n"
    out = read(head + item, know)
    assert out["dates"]["effective_from"] == {"value": None}
    assert read(head + item.replace("January 1, 2026", "October 1, 2025"), know)["dates"]["effective_from"]["value"] == \
        "2025-10-01"


def test_a_bulletins_masthead_label_gives_its_number_then_its_name(know):
    out = read("Acme Blue Cross | Provider News\n\nAdministrative bulletin: 2025-09-004 Medical policies\n\n"
               "Date: September 1, 2025\n" + POLICY, know)
    assert (out["policy_number"]["value"], out["title"]["value"]) == ("2025-09-004", "Medical policies")
    assert out["title"]["quote"] == "Administrative bulletin: 2025-09-004 Medical policies"


def test_a_determination_said_of_one_line_of_business_gives_way_to_the_plans_own_and_another_bodys_rule_is_no_determination(
        know):
    out = read("Acme Health Plan\nMedical Policy: Magnetic Resonance Spectroscopy\n\nMedicare Members\nUnder NCD "
               "220.2.1, magnetic resonance spectroscopy is not covered for Medicare Advantage members for any "
               "indication.\nCMS considers MRS not reasonable and necessary for any indication.\n\nFor Non-Medicare "
               "Members\nMagnetic resonance spectroscopy of the brain is considered medically necessary when one of "
               "the following is met:\n- a brain lesion cannot be characterized on MRI\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "covered-with-criteria")]
    assert out["services"][0]["quote"].startswith("Magnetic resonance spectroscopy of the brain is considered")
    only_cms = read("Acme Health Plan\nMedical Policy: Magnetic Resonance Spectroscopy\n\nPolicy\nCMS considers MRS "
                    "not reasonable and necessary for any indication.\n", know)
    assert [s["determination"] for s in only_cms["services"]] == [None]


@pytest.mark.parametrize("sentence, subject", [
    # the plan by a one-word short name, by the abbreviation the document defines for it, after an outline letter
    ("Acme considers vitamin D testing medically necessary when a deficiency is suspected.", "vitamin D testing"),
    ("Acme Health Plan (AHP) is the insurer. AHP considers 1,25-dihydroxyvitamin D testing (CPT 82652) reasonable "
     "and medically necessary only for members with hypercalcemia.", "1,25-dihydroxyvitamin D testing"),
    ("A. Acme Health Plan does not reimburse hair analysis for any diagnosis.", "hair analysis"),
    ("I. It is the policy of Acme Health Plan that testing of serum 25-hydroxyvitamin D (CPT 82306) is medically "
     "necessary for members with any of the following: A. rickets; B. osteomalacia.", "testing of serum 25-hydroxyvitamin D"),
])
def test_the_plan_speaking_by_its_short_name_or_abbreviation_or_after_a_preamble_decides_the_service_it_names(
        know, sentence, subject):
    out = read("Acme Health Plan\nVitamin and Nutrient Testing\n\nPolicy\n" + sentence + "\n", know)
    assert [s["name"] for s in out["services"] if s["determination"]] == [subject]


def test_a_plan_not_reimbursing_two_tests_decides_each_and_an_example_product_of_a_sent_service_is_not_sent(know):
    out = read("Acme Health Plan\nNutrient Testing\n\nPolicy\nAcme Health Plan does not reimburse intracellular "
               "micronutrient testing or hair analysis testing for any diagnosis.\n- Nutrient panel testing (e.g., "
               "NutrEval FMV) is not addressed in this policy.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "not-reimbursable"), ("new:hair-analysis-testing", "not-reimbursable")]


@pytest.mark.parametrize("sentence, expected", [
    ("Hair analysis panels are investigative and therefore not covered.", ("new:hair-analysis-panels", "investigational")),
    ("Basivertebral nerve ablation (CPT 64628, 64629) is now covered for chronic vertebrogenic low back pain.",
     ("new:basivertebral-nerve-ablation", "covered-with-criteria")),
    ("25-hydroxyvitamin D (CPT 82306) is payable once per member every 12 months.",
     ("new:25-hydroxyvitamin-d", "covered-with-limits")),
    ("- New policy. Establishes medical necessity criteria for genetic testing in individuals with hearing loss.",
     ("new:genetic-testing", "covered-with-criteria")),
    ("Intracellular Micronutrient Testing | Effective for dates of service on or after January 1, 2026, Acme Health "
     "Plan does not cover intracellular micronutrient analysis, because the testing is not reasonable and necessary.",
     ("intracellular-micronutrient-panel", "not-covered")),
])
def test_bulletin_and_table_phrasings_decide_a_service(know, sentence, expected):
    out = read("Acme Health Plan\nPolicy Updates\n\nCoverage\n" + sentence + "\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [expected]


def test_a_denial_of_one_use_that_spares_the_others_decides_nothing(know):
    out = read("Acme Health Plan\nPolicy Updates\n\nCoverage\n- Vitamin D testing (82652) is not medically necessary "
               "when billed to screen for deficiency; it is not affected when billed for hypercalcemia.\n", know)
    assert [s["determination"] for s in out["services"]] == []


def test_an_outline_number_opening_a_paragraph_stays_with_its_sentence(know):
    out = read("Acme Health Plan\nVitamin D Testing\n\nPolicy\nI. Hair analysis is investigational.\n\nII. It is the "
               "policy of Acme Health Plan that vitamin D testing is medically necessary for members with rickets.\n", know)
    assert [s["quote"] for s in out["services"]][1].startswith("II. It is the policy")


@pytest.mark.parametrize("body, covered, excluded", [
    # "it" after a sentence about this policy; a label left in a sentence; a "Note:" label's sentence
    ("This policy explains how Acme Health Plan pays for laboratory tests. It applies to Acme Commercial and Medicaid "
     "Managed Care products.", ["commercial", "medicaid"], []),
    ("Lines of business: Commercial; Medicare Advantage (no Medicare guidance exists, so this policy applies)",
     ["commercial", "medicare-advantage"], []),
    ("Product application: Applies to commercial members.", ["commercial"], []),
    # plans another document decides for
    ("For commercial and Federal Employee Program (FEP) members, refer to Medical Policy IV.57 MR Spectroscopy.",
     [], ["commercial"]),
    ("For members of Acme Community Plan (Medicaid), see the Community Plan clinical policies and procedures.",
     [], ["medicaid"]),
    ("Acme Advantage (HMO D-SNP) members are reviewed under CMS guidance and Medicare policy AK.MCR.118, not this policy.",
     [], ["medicare-advantage"]),
    ("Acme Marketplace members are reviewed under clinical policy AKM.CP.611.", [], ["commercial"]),
    ("- Acme Advantage (Medicare Advantage) members: CMS coverage guidance applies; see the Medicare coverage guidance "
     "section of the Acme Administrative Manual.", [], ["medicare-advantage"]),
    # the criteria, not the policy, are left off a line; another document's kind is not this one's line
    ("The Medical Necessity Criteria above do not apply to Medicare Advantage members.", [], []),
    ("Where no Medicare guidelines exist, Acme will defer to its existing commercial medical policy.", [], []),
])
def test_applicability_said_of_it_in_a_sentence_label_or_of_plans_sent_to_another_document(know, body, covered, excluded):
    out = read("Acme Health Plan\nMR Spectroscopy\n\nScope\n" + body + "\n" + POLICY, know)
    got = lines_of(out)
    assert (sorted(got[0]), sorted(got[1])) == (covered, excluded)


def test_a_line_stated_twice_cites_both_sentences(know):
    out = read("Acme Health Plan\nMR Spectroscopy\n\nMagnetic Resonance Spectroscopy | Criteria\nApplies to: Commercial, "
               "Medicare Advantage. | Self-funded plans: see note below\n\nMedicare Members\nThis policy applies to Acme "
               "Medicare Advantage HMO members.\n" + POLICY, know)
    ma = out["lines_of_business"]["covered"][1]
    assert (ma["line"], ma["also_quoted"]) == ("medicare-advantage",
                                               ["This policy applies to Acme Medicare Advantage HMO members."])


def test_a_diagnosis_a_rule_names_is_listed_for_reference_and_a_descriptions_example_is_no_listed_code(know):
    # 82306 (25-hydroxy vitamin D), E55.9, Z13.21, E63.9, R53.83: real CPT and ICD-10-CM codes
    roles = code_roles("Acme Health Plan\nPayment Policy\n\nDescription\nThese panels are billed with nonspecific "
                       "diagnoses such as fatigue (R53.83).\n\nPolicy\n25-hydroxyvitamin D (CPT 82306) is payable once per "
                       "member every 12 months. A second test is payable only when the claim carries a diagnosis of "
                       "vitamin D deficiency (for example, E55.9).\nA diagnosis such as Z13.21 or E63.9 does not make a "
                       "nutrient panel reimbursable.\n\nNot covered:\n- Vitamin D screening billed with ICD-10-CM code "
                       "Z13.21\n", know)
    assert roles == {"82306": "covered-with-limits", "E55.9": "reference", "Z13.21": "reference", "E63.9": "reference"}


def test_diagnosis_codes_that_support_the_criteria_are_listed_for_reference_also_when_printed_without_a_decimal_point(
        know):
    # E55.9 / E559 (vitamin D deficiency), N18.4 / N184 (chronic kidney disease stage 4): real ICD-10-CM codes
    roles = code_roles(HEADER + POLICY + "\nTable 3: ICD-10-CM Diagnosis Codes that Support Coverage Criteria\n"
                       "ICD-10-CM Code Description\nE559 Vitamin D deficiency, unspecified\nN18.4 Chronic kidney disease, "
                       "stage 4 (severe)\nN184 Chronic kidney disease, stage 4 (severe)\n", know)
    assert roles == {"E559": "reference", "N18.4": "reference", "N184": "reference"}


def test_a_conditional_denial_in_a_policy_that_decides_only_payment_is_a_conditional_payment_denial(know):
    # 82607 (vitamin B12), 86353 (lymphocyte transformation): real CPT codes
    body = "\nReimbursement Guidelines\nA. Acme Health does not reimburse nutrient panel testing.\nB. A claim line with " \
           "one of the codes below is denied only when it was performed as part of a test described in Guideline A.\n" \
           "Code Description Status\n82607 Cyanocobalamin Denied when part of a Guideline A test\n86353 Lymphocyte " \
           "transformation Denied when part of a Guideline A test\n"
    assert code_roles("Acme Health Plan\nPayment Policy: Nutrient Panel Testing\n" + body, know) == {
        "82607": "not-reimbursable-conditional", "86353": "not-reimbursable-conditional"}
    # the same table in a policy that decides coverage is a denial in context
    covered = body.replace("does not reimburse", "does not cover")
    assert code_roles("Acme Health Plan\nMedical Policy: Nutrient Panel Testing\n" + covered, know) == {
        "82607": "not-covered-in-context", "86353": "not-covered-in-context"}


def test_a_code_the_plan_considers_medically_necessary_for_some_members_is_covered_with_criteria(know):
    # 82306 (25-hydroxy vitamin D), 82652 (1,25-dihydroxy vitamin D): real CPT codes
    roles = code_roles("Acme Health Plan\nVitamin D Testing\n\nPolicy\nAcme considers 25-hydroxyvitamin D testing (CPT "
                       "82306) reasonable and medically necessary for members who are at risk for deficiency.\nAcme "
                       "considers 1,25-dihydroxyvitamin D testing (CPT 82652) medically necessary only for members with "
                       "hypercalcemia.\n", know)
    assert roles == {"82306": "covered-with-criteria", "82652": "covered-with-criteria"}


def test_a_bold_determination_run_into_the_next_word_decides_and_the_other_indications_are_its_otherwise(know):
    out = read("Acme Health Plan\nMedical Policy Updates\n\nFunctional Magnetic Resonance Imaging\nFunctional MRI of the "
               "brain may be considered medically necessaryand coveredfor the preoperative localization of eloquent "
               "areas of the brain.\nFunctional MRI for all other indications, including chronic pain, is considered "
               "investigationaland not covered.\n", know)
    assert [(s["determination"], s["otherwise"]) for s in out["services"]] == [("covered-with-criteria", "investigational")]
    assert out["services"][0]["otherwise_quote"].startswith("Functional MRI for all other indications")


@pytest.mark.parametrize("sentence, expected", [
    # a Medicaid manual's benefit wording
    ("Vitamin D testing is a benefit when it is submitted with a diagnosis code listed in this subsection.",
     ("new:vitamin-d-testing", "covered-with-criteria")),
    ("Hair analysis testing is not a benefit of Acme Medicaid.", ("new:hair-analysis-testing", "not-covered")),
    # a bulletin's "(No) coverage will be provided for X"
    ("No coverage will be provided for genetic testing for lactase persistence as this is considered investigational.",
     ("new:genetic-testing", "investigational")),
    ("Coverage will be provided for testing serum vitamin D levels when medically necessary.",
     ("new:testing-serum-vitamin-d-levels", "covered-with-criteria")),
    # the condition set off by commas
    ("Hair analysis testing may be considered medically necessary, when the criteria in the policy are met, to "
     "detect arsenic poisoning.", ("new:hair-analysis-testing", "covered-with-criteria")),
])
def test_benefit_and_coverage_provided_phrasings_decide_a_service(know, sentence, expected):
    out = read("Acme Health Plan\nPolicy Updates\n\nCoverage\n" + sentence + "\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [expected]


def test_a_covered_tests_numbered_criteria_are_no_services_and_screening_those_who_fail_them_is_its_otherwise(know):
    out = read("Acme Health Plan\nPolicy Updates\n\nTesting Serum Vitamin D Levels\nCoverage will be provided for "
               "testing serum vitamin D levels when medically necessary.\n1. Testing of 25-hydroxyvitamin D may be "
               "considered medically necessary for patients with chronic kidney disease.\n2. Routine screening of "
               "vitamin D levels in patients who do not meet the criteria above is considered not medically necessary."
               "\n\nHair Analysis\nHair analysis testing is covered when lead poisoning is suspected.\n\nVitamin Testing"
               "\nVitamin testing is a benefit when the test is medically necessary.\nTesting to screen for vitamin "
               "deficiencies in clients who have no signs or symptoms is not a benefit.\n", know)
    assert [(s["service"], s["determination"], s.get("otherwise")) for s in out["services"]] == [
        ("new:testing-serum-vitamin-d-levels", "covered-with-criteria", "not-medically-necessary"),
        ("new:hair-analysis-testing", "covered-with-criteria", None),
        ("new:vitamin-testing", "covered-with-criteria", "not-covered")]


def test_the_national_rule_gives_way_to_the_plan_heard_by_the_short_name_the_document_gives_it(know):
    body = ("Harbor Health Plan of Sedgecombe (Harbor) uses CMS guidance for its Medicare Advantage members.\n\n"
            "Coverage Determination\nUnder CMS National Coverage Determination (NCD) 220.2.1, MRS is nationally "
            "non-covered for all indications.\n")
    plan = "Harbor considers MRS of the brain medically necessary when conventional MRI is nondiagnostic.\n"
    out = read("Clinical Medical Policy\nMagnetic Resonance Spectroscopy\n\nMedicare Distinction\n" + body + plan, know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "covered-with-criteria")]
    only_ncd = read("Clinical Medical Policy\nMagnetic Resonance Spectroscopy\n\nMedicare Distinction\n" + body, know)
    assert [(s["service"], s["determination"]) for s in only_ncd["services"]] == [("mrs", "not-covered")]


def test_the_titles_subject_gives_back_the_known_service_a_list_names_in_its_own_words(know):
    out = read("Acme Medicaid\nVitamin and Micronutrient Testing\n\nCoverage\nVitamin and micronutrient testing is a "
               "benefit of Acme Medicaid when the test is medically necessary.\n\nIntracellular Micronutrient Testing\n"
               "Intracellular micronutrient testing is often billed with component codes.\nThe following tests are not "
               "a benefit of Acme Medicaid:\n- Intracellular micronutrient testing (e.g., the SpectraCell Laboratories "
               "Micronutrient Test)\n- Nutrient panels that measure multiple vitamins (e.g., NutrEval FMV by Genova "
               "Diagnostics)\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("new:vitamin-and-micronutrient-testing", "covered-with-criteria"),
        ("intracellular-micronutrient-panel", "not-covered"), ("new:nutrient-panels-that-measure-multiple-vitamins", "not-covered")]


@pytest.mark.parametrize("body, covered, excluded", [
    ("These medical policies apply to Acme commercial members (HMO, PPO and Traditional).", ["commercial"], []),
    ("The policy updates in this article apply to Acme commercial members. Acme Community Health Plan (Medicaid) announces its policy changes "
     "separately.", ["commercial"], ["medicaid"]),
    ("Applicable Lines of Business: [X] AcmeCare (Medicaid)\n[X] Acme Alliance (Medicare Advantage HMO D-SNP)\n[ ] Acme "
     "Commercial (Exchange)", ["medicaid", "medicare-advantage"], []),
])
def test_a_bulletins_policies_a_plan_announcing_its_own_changes_and_a_grid_of_boxes_on_several_lines(know, body, covered,
                                                                                                    excluded):
    out = read("Acme Health Plan\nMR Spectroscopy\n\nWho These Updates Apply To\n" + body + "\n" + POLICY, know)
    got = lines_of(out)
    assert (sorted(got[0]), sorted(got[1])) == (covered, excluded)


# paragraphs that put the foot of a page beyond the lines of its head
BODY = "".join(f"\nParagraph {n} of the description says nothing of the plan.\n" for n in range(12))


@pytest.mark.parametrize("text, payer", [
    # the running header names the plan before two words for the kind of document; a ticked plan is no payer
    ("Acme Health Plan of Lowfield Clinical Medical Policy\nMR Spectroscopy\nApplicable Lines of Business: [X] Lowcare "
     "(Medicaid)\n[X] ALLIANCE (Medicare Advantage HMO D-SNP)\n" + POLICY + "Acme Health Plan of Lowfield reviews "
     "requests for MRS.\n", ("Acme Health Plan of Lowfield", "Acme Health Plan of Lowfield")),
    ("Lines of Business:\n[X] ALLIANCE (Medicare Advantage HMO D-SNP)\n" + POLICY, None),
    # the Blue plan's licence statement at the foot of the page; the name cited where a sentence starts with it
    ("MR Spectroscopy\n" + POLICY + "\nBlue Cross and Blue Shield of Tarn does not approve or deny procedures.\n\n" + BODY +
     "Blue Cross and Blue Shield of Tarn is an independent licensee of the Blue Cross and Blue Shield Association.\n",
     ("Blue Cross and Blue Shield of Tarn", "Blue Cross and Blue Shield of Tarn does not approve or deny procedures.")),
    ("MR Spectroscopy\n" + POLICY + BODY + "\n(c) 2026 Blue Cross of Tarn Valley. An independent licensee of the Blue Cross "
     "and Blue Shield Association.\n",
     ("Blue Cross of Tarn Valley", "(c) 2026 Blue Cross of Tarn Valley. An independent licensee of the Blue Cross and "
                                   "Blue Shield Association.")),
    # the organisation whose short name the deciding sentences speak by
    ("MR Spectroscopy\n\nPolicy\nTarnwick HealthCare LLC (THC) offers health care products through its plans.\n"
     "THC considers magnetic resonance spectroscopy investigational for all indications.\n",
     ("Tarnwick HealthCare LLC", "Tarnwick HealthCare LLC (THC) offers health care products through its plans.")),
])
def test_the_payer_is_read_from_a_header_a_licence_statement_or_the_short_name_its_decisions_speak_by(know, text, payer):
    got = read(text, know)["payer"]
    assert ((got["value"], got["quote"]) if got["value"] is not None else None) == payer


@pytest.mark.parametrize("head", [
    "Powered by Google\n",                                                       # a search box's caption
    "This document applies to the following Participating Organizations:\nAcme Partners\n",   # a list's lead
    "What's Happening?\n",                                                       # a newsletter's section
])
def test_a_search_box_caption_a_lists_lead_and_a_question_are_no_title(know, head):
    assert read(head + POLICY, know)["title"] == {"value": None}


def test_committee_sentences_date_the_approval_and_review_and_an_effective_label_leads_to_its_date(know):
    out = read(HEADER + "Effective: for claims with dates of service on or after 02/01/2026\n\n"
               "The Medical Policy Committee approved the changes below on February 11, 2026. The Acme Medical Policy "
               "Committee reviewed the following medical policies at its February 18, 2026 meeting.\n" + POLICY, know)
    dates = out["dates"]
    assert (dates["effective_from"]["value"], dates["approved"]["value"], dates["last_reviewed"]["value"]) == \
        ("2026-02-01", "2026-02-11", "2026-02-18")
    out = read(HEADER + "\nUnless another date is shown, these changes are effective for dates of service on and after "
               "May 1, 2026.\n" + POLICY, know)
    assert out["dates"]["effective_from"]["value"] == "2026-05-01"
    # a PDF list item that runs on into the paragraph after it still states the approval
    out = read(HEADER + "\n- Provider Portal News The Medical Policy Committee approved the changes below on February 11, "
               "2026.\n" + POLICY, know)
    assert out["dates"]["approved"]["value"] == "2026-02-11"


def test_two_effective_date_labels_with_two_dates_give_no_effective_date(know):
    items = ("\nMagnetic Resonance Spectroscopy - Policy 6.01\nStatus: Revised\nEffective: July 1, 2026\n"
             "Intracellular Micronutrient Analysis - Policy 2.04\nStatus: Reviewed\nEffective: April 20, 2026\n")
    assert read(HEADER + items + POLICY, know)["dates"]["effective_from"] == {"value": None}
    assert read(HEADER + items.replace("July 1", "April 20") + POLICY, know)["dates"]["effective_from"]["value"] == \
        "2026-04-20"


def test_a_running_header_grid_without_colons_gives_the_number_and_dates_and_historical_dates_the_origination(know):
    header = ("Version 2.0 Acme HealthCare LLC Policy Number CMS07.31\nMedical Policy Effective Date 03/02/2026\n"
              "Subject Review Date 12/16/2025\n")
    pages = "\f".join(header + f"Page {n} of 2\n" + body for n, body in (
        (1, "Policy\nMagnetic resonance spectroscopy is considered investigational for all indications.\n"),
        (2, "Approvals\nHistorical Effective Dates: 07/01/2014, 11/01/2019, 03/02/2026\n")))
    out = read(pages, know)
    assert (out["policy_number"]["value"], out["policy_number"]["quote"]) == ("CMS07.31", "Policy Number CMS07.31")
    assert {f: (d["value"], d["quote"]) for f, d in out["dates"].items() if d["value"]} == {
        "effective_from": ("2026-03-02", "Effective Date 03/02/2026"),
        "last_reviewed": ("2025-12-16", "Review Date 12/16/2025"),
        "origination": ("2014-07-01", "Historical Effective Dates: 07/01/2014, 11/01/2019, 03/02/2026")}


def test_a_dated_heading_under_a_policy_history_is_an_entry_of_that_history(know):
    out = read(HEADER + POLICY + "\nPOLICY HISTORY:\n\nMedical Policy Panel, November 2015\n"
               "Medical Policy Group, December 2015 (6): New policy created; testing investigational.\n"
               "Medical Policy Panel, November 2020\n", know)
    assert (out["dates"]["origination"]["value"], out["dates"]["origination"]["quote"]) == (
        "2015-12", "Medical Policy Group, December 2015 (6): New policy created; testing investigational.")


@pytest.mark.parametrize("head, title, published", [
    ("BlueLedger\nApril 2026 | Volume 28 | Issue 2\nProvider news from Acme Blue Cross\n",
     ("BlueLedger", "BlueLedger"), ("2026-04", "April 2026 | Volume 28 | Issue 2")),
    ("February 2026 Acme Medicaid Provider Procedures Manual\n\nVitamin Testing\n\nVitamin testing is a benefit when it "
     "is medically necessary.\n",
     ("Vitamin Testing", "Vitamin Testing"), ("2026-02", "February 2026 Acme Medicaid Provider Procedures Manual")),
    # (a newsletter's name with nothing else agreeing, no <title>, no subject, is left to the reviewer)
    ("Medical Policy Updates\n\nMarch 2026\n", (None, None), ("2026-03", "March 2026")),
    # an archive's months: which is this issue's the masthead does not say
    ("Medical Policy Updates\n\nMarch 2026\n\nFebruary 2026\n", (None, None), None),
])
def test_an_issues_month_in_the_masthead_is_its_publication_and_a_newsletters_name_its_title(know, head, title, published):
    out = read(head + POLICY, know)
    assert (out["title"]["value"], out["title"].get("quote")) == title
    got = out["dates"]["published"]
    assert ((got["value"], got["quote"]) if got["value"] else None) == published


def test_a_manuals_code_grid_gives_every_cell_and_its_lead_sentences_give_the_roles(know):
    # 82306 / 82652 (vitamin D), 84207, 84425, 84590, 84591 (vitamins), 84999 (unlisted chemistry), E559 (vitamin D
    # deficiency), N184 / N185 (chronic kidney disease): real CPT and ICD-10-CM codes
    roles = code_roles("Acme Health Plan\nVitamin and Micronutrient Testing\n\nVitamin D Testing\nVitamin D testing is a "
                       "benefit when it is submitted with a diagnosis code listed in this subsection.\nVitamin D testing "
                       "may be reimbursed using the following procedure codes:\n82306 | 82652\nProcedure code 82306 is a "
                       "benefit when submitted with one of the following diagnosis codes:\nDiagnosis Codes\n"
                       "E559 | N184 | N185\n\nNutrient Panels\nThe following tests are not a benefit of Acme Health Plan:\n"
                       "- Nutrient panels that measure multiple vitamins on one specimen.\n\nThe following procedure codes "
                       "will be denied when they are submitted for a test that is described in this subsection:\n"
                       "Procedure Codes\n84207 | 84425 | 84590\n84591 | 84999 |\nEach of these procedure codes remains a "
                       "benefit when it is billed for a single, medically necessary test.\n", know)
    assert roles == {"82306": "covered-with-criteria", "82652": "covered-with-criteria", "E559": "reference",
                     "N184": "reference", "N185": "reference", "84207": "not-covered-in-context",
                     "84425": "not-covered-in-context", "84590": "not-covered-in-context",
                     "84591": "not-covered-in-context", "84999": "not-covered-in-context"}


def test_a_claim_denied_with_a_diagnosis_alone_is_denied_in_context_and_prior_authorization_means_criteria(know):
    # 76390 (MR spectroscopy), 0609T-0612T (discogenic pain MRS), 82652 (1,25-dihydroxy vitamin D): real CPT codes
    roles = code_roles("Acme Health Plan\nProvider News: Policy Updates\n\nMagnetic Resonance Spectroscopy\nMRS of the "
                       "brain may be considered medically necessary when the criteria in the policy are met.\nMRS remains "
                       "experimental/investigational for all other indications, including MRS for discogenic pain (CPT\n"
                       "0609T, 0610T, 0611T and 0612T).\nBeginning July 1, 2026, prior authorization is required for CPT "
                       "76390 through the radiology benefit manager.\n\nVitamin D Testing\n1,25-dihydroxyvitamin D (CPT "
                       "82652) does not measure vitamin D status.\nClaims for CPT 82652 submitted with a diagnosis of "
                       "vitamin D deficiency alone will be denied.\n", know)
    assert roles == {"0609T": "not-covered", "0610T": "not-covered", "0611T": "not-covered", "0612T": "not-covered",
                     "76390": "covered-with-criteria", "82652": "not-covered-in-context"}
    # a lead line that names the plans before "when": "Covered for X and Y members when ..."
    assert code_roles("Acme Health Plan\nMedical Policy: Magnetic Resonance Spectroscopy\n\nPolicy\nMRS is medically "
                      "necessary for Acme Commercial members when conventional MRI is nondiagnostic.\n\nCoding\nCovered "
                      "for Acme Commercial and Acme Medicaid members when the criteria above are met:\nCPT Code "
                      "Description\n76390 Magnetic resonance spectroscopy\n", know) == {"76390": "covered-with-criteria"}


def test_the_paragraph_a_tables_last_row_runs_on_into_gives_its_own_codes_their_role(know):
    # 76390, 0609T, 0612T (MR spectroscopy), 70551-70553 (brain MRI): real CPT codes
    roles = code_roles(HEADER + "\nPolicy\nAcme considers proton MRS of the brain (CPT 76390) medically necessary when "
                       "conventional MRI is nondiagnostic.\nMRS is considered investigational for all other indications."
                       "\n\nApplicable Codes\nCPT Code Description Status\n76390 Magnetic resonance spectroscopy See "
                       "section I\n0609T MRS, discogenic pain; acquisition of single voxel data Experimental/"
                       "investigational\n0612T MRS, discogenic pain; interpretation and report Experimental/"
                       "investigational\nMRI of the brain performed at the same session (CPT 70551, 70552 or 70553) is "
                       "billed separately and is reviewed\nunder the imaging guidelines. This policy does not address "
                       "it.\n", know)
    assert roles == {"76390": "covered-with-criteria", "0609T": "not-covered", "0612T": "not-covered",
                     "70551": "reference", "70552": "reference", "70553": "reference"}


def test_a_chemistry_code_a_panel_policys_lead_denies_is_denied_only_as_part_of_the_panel(know):
    # 82495 (chromium), 83735 (magnesium): real CPT codes of the Chemistry subsection
    panel = ("Acme Health Plan\nMedical Policy: Nutrient Panel Testing\n\nPolicy\nNutrient panel testing is considered "
             "investigational for all indications.\n\nCoding\nThe following CPT codes are not covered:\nCPT Code "
             "Description\n82495 Chromium\n83735 Magnesium\n")
    assert code_roles(panel, know) == {"82495": "not-covered-in-context", "83735": "not-covered-in-context"}


def test_labels_inside_the_cells_of_a_row_give_the_number_and_dates(know):
    out = read("Acme Health Plan\nSubject: MR Spectroscopy\nDocument #: RAD.00057 | Publish Date: 04/09/2025\n"
               "Status: Reviewed | Last Review Date: 02/20/2025\n" + POLICY, know)
    assert (out["policy_number"]["value"], out["policy_number"]["quote"]) == ("RAD.00057", "Document #: RAD.00057")
    assert {f: (d["value"], d["quote"]) for f, d in out["dates"].items() if d["value"]} == {
        "published": ("2025-04-09", "Publish Date: 04/09/2025"),
        "last_reviewed": ("2025-02-20", "Last Review Date: 02/20/2025")}


@pytest.mark.parametrize("text, payer", [
    # the owner after the copyright and its year, before the CPT notice of another holder
    ("MR Spectroscopy\n" + POLICY + "Tarn Prairie Health Plan reviews requests for MRS.\n" + BODY +
     "\n(c) 2026 Tarn Prairie Health Plan. CPT codes, descriptions and modifiers "
     "only are copyright 2025 American Medical Association. All rights reserved.\n",
     ("Tarn Prairie Health Plan", "(c) 2026 Tarn Prairie Health Plan. CPT codes, descriptions and modifiers only are "
                                  "copyright 2025 American Medical Association. All rights reserved.")),
    # a page footer repeated on every page
    ("MR Spectroscopy\n" + POLICY + "Tarnbury Health reviews requests for MRS.\n" + BODY +
     "Proprietary. (c) 2025 Tarnbury Health. Page 1 of 2\f" + POLICY +
     "Proprietary. (c) 2025 Tarnbury Health. Page 2 of 2\n",
     ("Tarnbury Health", "Proprietary. (c) 2025 Tarnbury Health. Page 1 of 2")),
    # the site's name after a page's title
    ("Micronutrient Testing - Medical Clinical Policy Bulletins | Tarnbury Health\n" + POLICY +
     "Tarnbury Health reviews requests for MRS.\n",
     ("Tarnbury Health", "Tarnbury Health")),
    # a state department publishing a program's manual is not the program; two owners give none
    ("MR Spectroscopy\n" + POLICY + BODY + "\n(c) 2026 Tarn Department of Health Services\n", None),
    ("MR Spectroscopy\n" + POLICY + BODY + "\n(c) 2026 Tarn Health Plan.\n\n(c) 2025 Tarnbury Health.\n", None),
])
def test_the_payer_is_the_one_owner_a_copyright_line_names_or_the_site_after_a_page_title(know, text, payer):
    got = read(text, know)["payer"]
    assert ((got["value"], got["quote"]) if got["value"] is not None else None) == payer


def test_a_head_line_naming_another_organisation_than_the_one_the_body_speaks_as_gives_no_payer(know):
    body = ("\nPolicy\nHarbor Health Plan of Tarn (Harbor) offers plans in three counties.\nHarbor considers magnetic "
            "resonance spectroscopy investigational for all indications.\n")
    out = read("Tarnview Senior Advantage Plan\nMR Spectroscopy\n" + body, know)
    assert out["payer"] == {"value": None}
    assert 'payer: the head names "Tarnview Senior Advantage Plan", the body speaks as "Harbor Health Plan of Tarn"' \
        in out["not_found"]
    assert read("Harbor Health Plan of Tarn\nMR Spectroscopy\n" + body, know)["payer"]["value"] == \
        "Harbor Health Plan of Tarn"


def test_list_and_criteria_numbers_initial_dates_and_a_revisions_effective_date_are_labels_of_the_policy(know):
    out = read("Acme Health Plan\nMR Spectroscopy\nList Number: CP.LIST.07\nInitial Date: March 2006\n"
               "Effective date of this revision: 01/01/2026.\n" + POLICY, know)
    assert (out["policy_number"]["value"], out["dates"]["origination"]["value"], out["dates"]["effective_from"]["value"]) \
        == ("CP.LIST.07", "2006-03", "2026-01-01")
    assert read("Acme Health Plan\nMR Spectroscopy\nCriteria ID: HFHP-CRC-0117\n" + POLICY, know)["policy_number"] \
        ["value"] == "HFHP-CRC-0117"


def test_plans_the_document_names_with_their_lines_are_covered_when_sent_to_its_own_criteria_and_excluded_when_sent_away(
        know):
    out = read("Acme Health Plan\nMR Spectroscopy\n\nPolicy Disclaimer\nAcme HealthCare LLC (AHC) offers products through "
               "Employer Health Programs (EHP), its self-funded employer group plans; Bay Partners, its Medicaid managed "
               "care organization; and Acme Senior Choice, its Medicare Advantage plan.\n\nPolicy\nFor Acme Senior Choice "
               "refer to: Medicare Coverage Database\nFor EHP and Bay Partners refer to: Policy Criteria, section IV, "
               "below.\n" + POLICY, know)
    got = lines_of(out)
    assert (sorted(got[0]), sorted(got[1])) == (["commercial", "medicaid"], ["medicare-advantage"])


def test_a_bulletin_reporting_the_plans_own_numbered_policy_decides_its_service_and_the_screening_otherwise(know):
    out = read("Acme Health Plan\nProvider News\n\nProvider Reminders\nAcme Medical Policy 2.01.210, Vitamin D Testing, "
               "considers 25-hydroxyvitamin D testing (CPT 82306) medically necessary for members with a condition listed "
               "in the policy.\nTesting to screen members who have none of the listed conditions is not medically "
               "necessary.\n", know)
    assert [(s["service"], s["determination"], s.get("otherwise")) for s in out["services"]] == [
        ("new:25-hydroxyvitamin-d-testing", "covered-with-criteria", "not-medically-necessary")]


def test_the_medicaid_program_a_manuals_masthead_names_is_the_payer_where_the_text_names_it_again(know):
    head = "February 2026 Tarn Medicaid Provider Procedures Manual\n\nVitamin Testing\n\n"
    out = read(head + "Vitamin testing is a benefit of Tarn Medicaid when it is medically necessary.\n", know)
    assert (out["payer"]["value"], out["payer"]["quote"]) == (
        "Tarn Medicaid", "Vitamin testing is a benefit of Tarn Medicaid when it is medically necessary.")
    assert read(head + "Vitamin testing is a benefit when it is medically necessary.\n", know)["payer"] == {"value": None}


def test_a_pages_main_heading_set_out_like_a_label_is_its_title_and_an_issues_volume_and_number_are_not(know, tmp_path):
    body = "<p>Magnetic resonance spectroscopy is considered investigational for all indications.</p>"
    out = read_page("<head><title>LENS Provider Update | Acme Health Plan</title></head>"
                    "<body><p>Acme Health Plan</p><h1>LENS | Provider Update</h1><p>April 2026</p>"
                    "<h2>Clinical Matters</h2>" + body + "</body>", know, tmp_path)
    assert out["title"]["value"] == "LENS | Provider Update"
    out = read_page("<head><title>Section 55 Laboratory Services | Acme Health Plan</title></head>"
                    "<body><p>Acme Health Plan</p><h1>Chapter II, Section 55: Laboratory Services</h1>" + body
                    + "</body>", know, tmp_path)
    assert out["title"]["value"] == "Laboratory Services"
    out = read_page("<head><title>Tarn Medicaid Update | Acme Health Plan</title></head>"
                    "<body><p>Acme Health Plan</p><h1>Tarn Medicaid Update - May 2026 Volume 42 - Number 7</h1>" + body
                    + "</body>", know, tmp_path)
    assert (out["title"]["value"], out["title"]["quote"]) == (
        "Tarn Medicaid Update", "Tarn Medicaid Update - May 2026 Volume 42 - Number 7")
    assert (out["dates"]["published"]["value"], out["dates"]["published"]["quote"]) == (
        "2026-05", "Tarn Medicaid Update - May 2026 Volume 42 - Number 7")


def test_a_state_department_at_the_head_is_no_payer_and_a_revised_label_after_the_text_is_no_review(know):
    out = read("Tarn State Department of Health\nVitamin Testing\n" + POLICY + "\nRevised: May 2026\n", know)
    assert out["payer"] == {"value": None}
    assert out["dates"]["last_reviewed"] == {"value": None}
    out = read("Acme Health Plan\nVitamin Testing\nRevised: 11/2024\n" + POLICY, know)
    assert out["dates"]["last_reviewed"]["value"] == "2024-11"      # among the facts at the top it still is one


def test_a_running_header_naming_the_kind_of_criteria_names_the_payer_before_it(know):
    out = read("Acme Health Clinical Coverage Criteria\nMR Spectroscopy\n\nPolicy\nAcme Health considers magnetic "
               "resonance spectroscopy experimental and investigational for all indications.\n", know)
    assert out["payer"]["value"] == "Acme Health"
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "investigational")]


def test_testing_for_a_purpose_is_no_service_and_screening_without_symptoms_answers_the_covered_test(know):
    out = read("Acme Health Plan\nNutrient Testing\n\nTesting of an individual nutrient\nA serum, plasma or whole-blood "
               "test of an individual vitamin or mineral is medically necessary when ONE of the following applies:\n"
               "1. The member has signs of deficiency of that nutrient; or\n2. The test monitors treatment.\n"
               "Testing of individual nutrients to screen members without signs, symptoms or risk factors is not "
               "medically necessary.\nTesting for employment, school, court, or other legal purposes is not a benefit.\n",
               know)
    assert [(s["determination"], s.get("otherwise"), s["quote"][:30]) for s in out["services"]] == [
        ("covered-with-criteria", "not-medically-necessary", "A serum, plasma or whole-blood")]


def test_a_notes_example_of_another_use_and_a_denial_when_the_test_billed_is_a_listed_service_leave_codes_in_context(know):
    roles = code_roles("Acme Health Plan\nLaboratory Services\n\nNon-Covered Laboratory Services\nThe following laboratory "
                       "services are not a benefit.\n\nService | Examples | Procedure Codes Commonly Billed\n"
                       "Intracellular micronutrient testing | SpectraCell | 86353, 84999 when billed for this testing\n"
                       "Food sensitivity panels | Alcat Test | 86001 when billed for food sensitivity testing\n"
                       "Research tests | Any laboratory | Any\n\nProcedure codes listed in this table are also used for "
                       "tests that are a benefit. For example, 86353 is a benefit when billed for beryllium sensitivity "
                       "testing. These codes are denied only when the claim shows that they were billed for a service in "
                       "the table.\n\nUnlisted Procedure Codes\nClaims for 84999 will be denied when the test billed is a "
                       "service listed in Non-Covered Laboratory Services.\n", know)
    assert roles == {"86353": "not-covered-in-context", "84999": "not-covered-in-context",
                     "86001": "not-covered-in-context"}


def test_a_caption_denying_a_list_gives_way_to_its_lead_line_that_says_when(know):
    roles = code_roles("Acme Health Plan\nMicronutrient Testing\n" + POLICY + "\nCodes Used for Tests That Are Not "
                       "Covered\nThe following procedure codes will be denied when they are billed for a test that is "
                       "not covered under this policy.\n\nProcedure Code | Description\n86353 | Lymphocyte "
                       "transformation, mitogen (phytomitogen) or antigen induced blastogenesis\n", know)
    assert roles == {"86353": "not-covered-in-context"}


def test_a_limit_cell_per_member_per_period_is_covered_with_limits_and_an_approved_prior_authorization_with_criteria(
        know):
    roles = code_roles("Acme Health Plan\nDrug Testing\n\nDrug testing is a benefit when ordered by the treating "
                       "practitioner.\n\nProcedure Code | Type of Test | Limit\n80305, 80306 | Presumptive drug class "
                       "screening | 24 dates of service per member per state fiscal year\nG0483 | Definitive drug "
                       "testing, 22 or more drug classes | Requires an approved Prior Authorization Request (PAR)\n", know)
    assert roles == {"80305": "covered-with-limits", "80306": "covered-with-limits", "G0483": "covered-with-criteria"}


def test_a_bulletins_all_lines_sentence_under_another_item_adds_no_line(know):
    out = read("Acme Health Plan\nProvider Update\n\nColorectal cancer screening\nScreening starts at age 45.\n"
               "Applies to all lines of business - Commercial, Medicaid, and Medicare Advantage.\n\nPolicy Matters\n"
               "Magnetic resonance spectroscopy is considered investigational for all indications.\n"
               "Applies to the Commercial and Medicaid lines of business.\n", know)
    assert sorted(lines_of(out)[0]) == ["commercial", "medicaid"]
    out = read("Acme Health Plan\nMR Spectroscopy\n\nPolicy\nThis policy applies to all lines of business unless "
               "otherwise noted.\nMagnetic resonance spectroscopy is considered investigational for all indications.\n"
               "\nApplicability\nThis policy applies to Acme Medicare Advantage members.\n", know)
    assert "commercial" in lines_of(out)[0]


def test_a_headline_announcing_a_decision_is_cited_by_the_items_sentence_under_a_newsworthy_subheading(know):
    out = read("Acme Health Plan\nLENS Provider Update\n\nPolicy Matters\nPolicy update effective July 1, 2026: "
               "Magnetic resonance spectroscopy (MRS) considered experimental/investigational\n\nAdvanced Imaging "
               "clinical guideline updated after annual evidence review\nEffective for dates of service on or after "
               "July 1, 2026:\n- MRS of the brain (CPT 76390) is considered experimental/investigational for all "
               "indications.\n", know)
    assert [(s["service"], s["determination"], s["quote"][:20]) for s in out["services"]] == [
        ("mrs", "investigational", "- MRS of the brain (")]


def test_the_following_services_decided_in_a_sentence_over_a_service_table_are_its_rows(know):
    out = read("Acme Health Plan\nLaboratory Services\n\nNon-Covered Laboratory Services\nEffective May 1, 2026, the "
               "following laboratory services are not a benefit of Acme Health Plan. Claims for these services will be "
               "denied.\n\nService | Examples | Codes\nHair analysis for minerals | Any laboratory | 84999\nFood "
               "sensitivity panels | IgG food panels | 86001\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("new:hair-analysis", "not-covered"), ("new:food-sensitivity-panels", "not-covered")]


def test_a_benefit_only_when_ordered_is_covered_with_the_limits_of_its_section_and_testing_for_a_purpose_its_otherwise(
        know):
    out = read("Acme Health Plan\nLaboratory Services\n\nDrug Testing\nPresumptive and definitive drug testing are a "
               "benefit when ordered by the treating practitioner for the member's clinical care. Testing for "
               "employment, school, court, or other legal purposes is not a benefit.\n\nProcedure Code | Type of Test | "
               "Limit\n80305 | Presumptive drug class screening | 24 dates of service per member per state fiscal year\n",
               know)
    assert [(s["determination"], s.get("otherwise")) for s in out["services"]] == [("covered-with-limits", "not-covered")]


def test_a_second_covered_form_of_the_sections_test_is_its_criterion_unless_numbered_as_a_statement_of_its_own(know):
    head = "Acme Health Plan\nProvider Update\n\nVitamin D Testing\n"
    first = "Measurement of 25-hydroxyvitamin D (CPT code 82306) is covered when the member has a listed condition."
    second = "Measurement of 1,25-dihydroxyvitamin D (CPT code 82652) is covered only for the evaluation of hypercalcemia."
    out = read(head + first + "\n" + second + "\n", know)
    assert [(s["determination"], s["quote"][:40]) for s in out["services"]] == [("covered-with-criteria", first[:40])]
    out = read(head + "I. " + first + "\nII. " + second + "\n", know)
    assert len(out["services"]) == 2


def test_a_code_covered_with_criteria_and_also_limited_in_frequency_takes_the_criteria(know):
    roles = code_roles("Acme Health Plan\nVitamin D Testing\n\nPolicy\nMeasurement of 25-hydroxyvitamin D (CPT code "
                       "82306) is covered when the member has a condition associated with vitamin D deficiency.\nCPT code "
                       "82306 is limited to two tests per member in a 12-month period.\n", know)
    assert roles == {"82306": "covered-with-criteria"}


def test_a_medicaid_program_speaks_by_its_defined_short_name_and_restates_its_list_items_by_their_head_nouns(
        know, tmp_path):
    out = read_page("<body><p>Tarn State Department of Health</p><h1>Tarn State Medicaid Update</h1><h2>Coverage</h2>"
                    "<p>For both Tarn State (TS) Medicaid fee-for-service and managed care plans, the rules below apply."
                    "</p><h2>Vitamin D Testing</h2><p>Measurement of 25-hydroxyvitamin D (CPT code 82306) is covered when "
                    "the member has a listed condition.</p><h2>Testing That Is Not Covered</h2><p>TS Medicaid does not "
                    "cover the following for fee-for-service members or managed care enrollees:</p><ul><li>screening for "
                    "vitamin D deficiency in members who have none of the conditions listed above;</li><li>intracellular "
                    "micronutrient testing; and</li><li>panels that measure many vitamins, minerals or antioxidants at the "
                    "same time, such as NutrEval FMV and Vibrant Micronutrients.</li></ul><p>TS Medicaid considers "
                    "intracellular micronutrient testing and multi-nutrient panels investigational for all indications."
                    "</p></body>", know, tmp_path)
    got = [(s["service"], s["determination"], s.get("otherwise")) for s in out["services"]]
    assert got == [("new:measurement-of-25-hydroxyvitamin-d", "covered-with-criteria", "not-covered"),
                   ("intracellular-micronutrient-panel", "investigational", None),
                   ("new:panels-that-measure-many-vitamins-minerals-or-an", "investigational", None)]


def test_tests_named_by_what_they_measure_that_continue_to_be_covered_are_a_service(know):
    out = read("Acme Health Plan\nNutrient Testing\n\nOther Single-Nutrient Tests\nTests that measure a single vitamin or "
               "mineral, such as vitamin B12 (CPT code 82607), continue to be covered when they are ordered to evaluate a "
               "suspected deficiency of that nutrient.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("new:tests-that-measure-single-vitamin-or-mineral", "covered-with-criteria")]


def test_a_medicaid_programs_managed_care_plans_held_to_the_document_are_the_medicaid_line(know):
    body = "Tarn Medicaid\nMR Spectroscopy\n\nPolicy\nMagnetic resonance spectroscopy is a benefit of Tarn Medicaid when " \
           "the criteria below are met.\n"
    out = read(body + "Each MCO must cover MRS in an amount, duration and scope that is no less than described in this "
               "section, and may use its own prior authorization process and forms.\n", know)
    assert list(lines_of(out)[0]) == ["medicaid"]
    out = read(body + "MCO-enrolled members are entitled to the same Tarn Medicaid benefits as members who are not "
               "enrolled in managed care.\n", know)
    assert list(lines_of(out)[0]) == ["medicaid"]
    out = read(body + "Effective for dates of service on and after July 1, 2026, for both Tarn State Medicaid "
               "fee-for-service (FFS) and Medicaid Managed Care (MMC) Plans, Tarn Medicaid will cover MRS only when the "
               "criteria below are met.\n", know)
    assert list(lines_of(out)[0]) == ["medicaid"]


def test_medicare_not_addressed_by_the_manual_and_cms_rules_at_large_exclude_their_lines(know):
    out = read("Tarn Medicaid\nMR Spectroscopy\n\nPolicy\nMagnetic resonance spectroscopy is not a benefit.\nCoverage of "
               "MRS under Medicare, including Medicare Advantage plans and dual special needs plans (D-SNPs), is "
               "determined by Medicare and is not addressed by this manual.\n", know)
    assert sorted(lines_of(out)[1]) == ["medicare", "medicare-advantage"]
    out = read("Acme Health Plan\nMR Spectroscopy\n\nPolicy\n" + POLICY.strip() + "\nFor Medicare Advantage members, Acme "
               "Health Plan follows CMS National Coverage Determinations (NCDs), Local Coverage Determinations (LCDs) and "
               "Local Coverage Articles (LCAs); see the Medicare Coverage Database.\n", know)
    assert list(lines_of(out)[1]) == ["medicare-advantage"]


def test_a_heading_sharing_no_word_with_the_pages_title_is_not_taken_as_the_title(know, tmp_path):
    body = "<p>Acme Health Plan</p><h2>Clinical Matters</h2><p>Magnetic resonance spectroscopy is considered " \
           "investigational for all indications.</p></body></html>"
    out = read_page("<html><head><title>April 2026 | LENS Provider Update | Acme Health Plan</title></head><body>" + body,
                    know, tmp_path)
    assert out["title"] == {"value": None}
    out = read_page("<html><head><title>Acme Health Plan - Medical Policy RAD.00022</title></head><body>" + body,
                    know, tmp_path)
    # the <title> names only the site and the kind of document: it neither agrees nor disagrees, and a heading that
    # nothing else agrees with is left to the reviewer
    assert out["title"] == {"value": None}


def test_a_committee_approving_an_update_to_the_plans_guideline_on_a_date_dates_the_approval(know):
    out = read(HEADER + POLICY + "After its annual review of the evidence, Acme Health Plan's Clinical Guideline "
               "Committee approved an update to our Advanced Imaging clinical guideline (CG-RAD-07) on February 24, "
               "2026.\n", know)
    assert out["dates"]["approved"]["value"] == "2026-02-24"


def test_not_covered_including_but_not_limited_to_states_no_limit(know):
    roles = code_roles("Acme Health Plan\nMR Spectroscopy\n\nLimitations\nMRS is considered experimental/investigational, "
                       "and is not covered, for all other indications, including but not limited to:\n- dementia;\n- "
                       "discogenic low back pain (CPT 0609T-0612T).\n", know)
    assert set(roles.values()) == {"not-covered"}


def test_codes_a_sentence_sends_to_another_numbered_policy_for_review_are_listed_for_reference(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nMRI of the brain performed at the same session (70551, 70552, 70553) "
                       "is reported separately and is reviewed under PG0225 Advanced Outpatient Imaging.\n", know)
    assert roles == {"70551": "reference", "70552": "reference", "70553": "reference"}


def test_a_state_manuals_program_header_is_the_payer_and_its_revision_log_set_out_as_lines_dates_the_origination(know):
    out = read("ISSUED: 03/16/26\nTARN MEDICAID PROGRAM\nCHAPTER 5: PROFESSIONAL SERVICES\n\nMagnetic Resonance "
               "Spectroscopy\nMRS of the brain is covered for beneficiaries under 21 when it is medically necessary.\nMRS of "
               "the cervical discs for discogenic pain is not covered for any beneficiary. The "
               "following codes are not payable on the Tarn Medicaid Fee Schedule:\nCPT Code Description\n0609T MRS, "
               "discogenic pain; acquisition of single voxel data\n0612T MRS, discogenic pain; interpretation and report\n"
               "\nRevision Log\nSection Date of Change Description of Change\n5.1 MR Spectroscopy 02/01/14 Section added. "
               "MRS not covered.\n5.1 MR Spectroscopy 03/16/26 Added MCO language.\n", know)
    assert (out["payer"]["value"], out["payer"]["quote"]) == ("TARN MEDICAID PROGRAM", "TARN MEDICAID PROGRAM")
    assert out["dates"]["origination"]["value"] == "2014-02-01"
    assert {c["code"]: (c["role"], c["quote"][:5]) for c in out["codes"]} == {
        "0609T": ("not-covered", "0609T"), "0612T": ("not-covered", "0612T")}


def test_a_plan_allowing_one_test_per_member_per_period_covers_it_with_limits(know, tmp_path):
    out = read_page("<body><p>Acme Health Plan</p><h1>Provider Update</h1><h3>Reminder: 25-hydroxyvitamin D frequency "
                    "edit begins May 1, 2026</h3><p class=\"dek\">Claim edit supports our Laboratory Services clinical "
                    "guideline (CG-LAB-03)</p><p>Starting May 1, 2026, Acme Health Plan will allow one 25-hydroxyvitamin "
                    "D test (CPT 82306) per member per rolling 12 months.</p></body>", know, tmp_path)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("new:25-hydroxyvitamin-d-test", "covered-with-limits")]
    assert {c["code"]: c["role"] for c in out["codes"]} == {"82306": "covered-with-limits"}


def test_a_status_table_row_keeps_its_own_status_when_the_note_under_the_table_runs_on_from_its_line(know):
    roles = code_roles("Acme Health Plan\nMedical Policy: Magnetic Resonance Spectroscopy\n\nCoding\nThe following codes "
                       "are considered investigational:\nCPT Description Status\n76390 Magnetic resonance spectroscopy "
                       "Investigational\n0612T MRS, discogenic pain; interpretation and report Investigational\nInclusion of "
                       "a code in this policy does not imply coverage or reimbursement. Codes for the brain MRI\nperformed "
                       "at the same session are listed for reference only.\n", know)
    assert roles == {"76390": "not-covered", "0612T": "not-covered"}


def test_code_lists_led_by_covered_with_prior_approval_and_not_covered_over_a_code_s_column_header(know):
    roles = code_roles("Acme Medicaid\nMagnetic Resonance Spectroscopy\n\nAttachment A: Claims-Related Information\n"
                       "Covered with prior approval (Subsection 3.2):\nCPT Code(s) Description\n76390 Magnetic resonance "
                       "spectroscopy\nNot covered (Subsection 4.2):\nCPT Code(s) Description\n0609T MRS, discogenic pain; "
                       "acquisition of single voxel data\n0612T MRS, discogenic pain; interpretation and report\n", know)
    assert roles == {"76390": "covered-with-criteria", "0609T": "not-covered", "0612T": "not-covered"}


def test_a_plan_that_shall_cover_a_coded_service_when_criteria_are_met_covers_its_code_with_criteria(know):
    roles = code_roles("Acme Medicaid\nMagnetic Resonance Spectroscopy\n\nPolicy\nAcme Medicaid shall cover proton MRS of "
                       "the brain (CPT 76390) when all of the following criteria are met:\n- a mass lesion is seen on MRI; "
                       "and\n- the result will decide whether a biopsy is needed.\n", know)
    assert roles == {"76390": "covered-with-criteria"}


def test_a_code_called_unproven_is_denied(know):
    roles = code_roles("Acme Health Program\nDiagnostic Radiology\n\nExclusions\nMagnetic Resonance Spectroscopy (MRS) (CPT "
                       "procedure code 76390) is unproven and may not be cost-shared.\n", know)
    assert roles == {"76390": "not-covered"}


def test_the_ends_of_code_ranges_that_set_a_sections_scope_are_listed_for_reference(know):
    roles = code_roles("Acme Health Program\nDiagnostic Radiology\n\n1.0 CPT PROCEDURE CODES\n70010 - 72292, 73000 - 76499\n"
                       "\n2.0 POLICY\n2.1 MRI is covered when medically necessary for the diagnosis of a specific illness "
                       "or injury.\n", know)
    assert roles == {"70010": "reference", "72292": "reference", "73000": "reference", "76499": "reference"}


def test_tests_that_require_an_approved_prior_authorization_are_covered_with_criteria(know):
    out = read("Acme Health Plan\nLaboratory Services\n\nGenetic Testing\nMolecular pathology and genetic tests require an "
               "approved PAR through the utilization management vendor.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("new:molecular-pathology-and-genetic-tests", "covered-with-criteria")]
    out = read("Acme Health Plan\nLaboratory Services\n\nGenetic Testing\nGenetic tests do not require an approved PAR.\n",
               know)
    assert [s for s in out["services"] if s.get("determination")] == []


def test_the_medicaid_program_a_departments_manual_defines_is_the_payer_cited_where_it_pays(know):
    head = "Tarn Department of Health Care Policy\nLaboratory Services Billing Manual\n\nProviders must be enrolled as " \
           "a Health Forward Tarn (Tarn's Medicaid program) provider.\n"
    out = read(head + "Medically necessary laboratory services are a benefit of Health Forward Tarn.\n", know)
    assert (out["payer"]["value"], out["payer"]["quote"]) == (
        "Health Forward Tarn", "Medically necessary laboratory services are a benefit of Health Forward Tarn.")
    assert read(head, know)["payer"] == {"value": None}


def test_a_code_covered_only_for_named_conditions_is_covered_with_criteria(know):
    roles = code_roles("Acme Health Plan\nVitamin D Testing\n\nPolicy\nMeasurement of 1,25-dihydroxyvitamin D (CPT code "
                       "82652) is covered only for the evaluation of hypercalcemia of unknown cause.\n", know)
    assert roles == {"82652": "covered-with-criteria"}


def test_codes_not_affected_by_this_update_are_listed_for_reference(know):
    roles = code_roles(HEADER + POLICY + "MRI of the brain performed at the same session (CPT 70551, 70552 or 70553) is "
                       "not affected by this update and still requires prior authorization through our imaging program.\n",
                       know)
    assert roles == {"70551": "reference", "70552": "reference", "70553": "reference"}


def test_a_sites_link_bar_a_breadcrumbs_earlier_steps_and_a_chapter_number_are_not_the_title(know):
    out = read("Skip to main content\n\nAcme Health Agency\n\nUtility Navigation Links\nHome | Manuals | Contact Us\n\n"
               "Acme Manuals > Acme Policy Manual 1020.1-M > Radiology > Chapter 5 > Section 1.1\n\nRadiology\n\nChapter 5\n"
               "Section 1.1\n\nDiagnostic Radiology (Diagnostic Imaging)\n\nIssue Date:  March 7, 1989\n\n1.0 POLICY\n1.1 "
               "Magnetic Resonance Spectroscopy (MRS) is unproven and may not be cost-shared.\n1.2 Diagnostic radiology services "
               "not related to an illness are excluded.\n", know)
    assert out["title"]["value"] == "Diagnostic Radiology (Diagnostic Imaging)"


def test_a_states_letterhead_and_its_street_address_are_not_the_title(know):
    out = read("Commonwealth of Acme\nExecutive Office of Health and Human Services\n40 Granary Street\n\nIntracellular "
               "Micronutrient Testing Update\n\nThe agency does not pay for intracellular micronutrient testing.\n", know)
    assert out["title"]["value"] == "Intracellular Micronutrient Testing Update"


def test_a_letters_re_line_is_its_title(know):
    out = read("Acme Medicaid\nTransmittal Letter LAB-9\nSeptember 2026\n\nTO: Independent Clinical Laboratories\nFROM: "
               "The Medicaid Director\nRE: Independent Clinical Laboratory Manual (Noncovered Laboratory Services)\n\nThis "
               "letter transmits revisions to the laboratory regulations. The agency does not pay for intracellular "
               "micronutrient testing.\n", know)
    assert out["title"]["value"] == "Independent Clinical Laboratory Manual (Noncovered Laboratory Services)"


def test_an_issued_date_label_dates_the_publication(know):
    out = read(HEADER + "Effective Date: April 1, 2024\nIssued Date: March 10, 2025\n" + POLICY, know)
    assert out["dates"]["published"]["value"] == "2025-03-10"


def test_a_numbered_revision_after_the_issue_date_is_the_publication_and_the_issue_the_origination(know):
    out = read("Acme Health Program\nDiagnostic Radiology\n\nIssue Date:  March 7, 1989\nAuthority:  41 PHR 207.4\n"
               "Revision:  C-41, August 14, 2025\n" + POLICY, know)
    assert (out["dates"]["origination"]["value"], out["dates"]["published"]["value"]) == ("1989-03-07", "2025-08-14")
    assert out["dates"]["published"]["quote"] == "Revision: C-41, August 14, 2025"


def test_what_medicare_itself_covers_is_no_authority_of_a_policy_covering_no_medicare_line(know):
    out = read("Acme Medicaid\nMagnetic Resonance Spectroscopy\n\nPolicy\nThis policy applies to Acme Medicaid "
               "beneficiaries.\n" + POLICY.strip() + "\n\nBeneficiaries with Medicare\nMedicare does not cover MRS for any "
               "indication (CMS National Coverage Determination 220.2.1). For a beneficiary also entitled to Medicare, "
               "Medicare is the primary payer.\n", know)
    assert out["authority"]["value"] is None


def test_a_numbered_statement_running_on_into_the_next_line_is_a_paragraph_that_decides(know):
    out = read("Acme Blue Cross\nMedical Policy: Magnetic Resonance Spectroscopy\n\nMedical Policy Criteria:\nI. Magnetic "
               "resonance spectroscopy (MRS) is considered investigative for all indications, including but not\nlimited "
               "to brain tumors, epilepsy and dementia.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "investigational")]
    assert out["services"][0]["quote"].startswith("I. Magnetic resonance spectroscopy (MRS) is considered investigative")


def test_an_annual_review_dated_before_the_issue_is_the_last_review_and_a_later_one_is_not(know):
    out = read(HEADER + "Effective Date: April 1, 2024\nIssued Date: March 10, 2025\nLast Revision Date: February 2024\n"
               "Annual Review: March 2025\n" + POLICY + "\nRevision History\nDate | Revision\n08/2009 | New policy.\n"
               "03/2025 | Annual review. No change to policy criteria.\n", know)
    assert (out["dates"]["last_reviewed"]["value"], out["dates"]["last_reviewed"]["quote"]) == (
        "2025-03", "Annual Review: March 2025")
    out = read(HEADER + "Effective Date: April 1, 2026\nAnnual Review: March 2027\n" + POLICY, know)
    assert out["dates"]["last_reviewed"] == {"value": None}


def test_a_line_leading_a_table_with_a_colon_names_the_table_and_the_text_after_it_is_back_in_its_section(know):
    out = read("Acme Medicaid\nProvider Update\n\nArticles\nBilling history for CPT code 76390:\nDates of Service | Billing "
               "Policy\n7/1/2015 thru 9/30/2026 | Benefit with an approved TAR\n\nIntracellular micronutrient panels are "
               "investigational and are not Acme Medicaid benefits.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "investigational")]


def test_codes_no_longer_a_programs_benefits_and_a_not_a_benefit_status_are_denied(know):
    out = read("Acme Medicaid\nProvider Update\n\nMRS Codes No Longer Benefits\nEffective for dates of service on or after "
               "October 1, 2026, CPT codes 76390 (magnetic resonance spectroscopy) and 0609T thru 0612T (magnetic resonance "
               "spectroscopy, discogenic pain) are no longer Acme Medicaid benefits.\n", know)
    assert {c["code"]: c["role"] for c in out["codes"]} == {
        "76390": "not-covered", "0609T": "not-covered", "0610T": "not-covered", "0611T": "not-covered",
        "0612T": "not-covered"}
    out = read("Acme Medicaid\nProvider Update\n\nMRS\nMagnetic resonance spectroscopy is no longer an Acme Medicaid "
               "benefit.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "not-covered")]
    roles = code_roles("Acme Medicaid\nProvider Update\n\nCPT Code | Description | Status for DOS on or after 10/1/2026\n"
                       "76390 | Magnetic resonance spectroscopy | Not a benefit\n", know)
    assert roles == {"76390": "not-covered"}


def test_a_medicaid_agency_that_does_not_pay_for_a_service_does_not_cover_it(know):
    out = read("Commonwealth of Acme\nOffice of Medicaid\n\nTransmittal Letter LAB-9\n\nIntracellular Micronutrient "
               "Testing\nThe AcmeHealth agency does not pay for intracellular micronutrient testing, also called "
               "functional intracellular analysis.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "not-covered")]


def test_a_code_named_with_its_descriptor_that_the_agency_continues_to_pay_for_when_a_condition_holds(know):
    roles = code_roles("Acme Medicaid\nTransmittal Letter LAB-9\n\nSingle-analyte Tests\nThis letter does not change payment "
                       "for tests of a single vitamin. For example, the agency continues to pay for 82607 (cyanocobalamin, "
                       "vitamin B-12) and 82746 (folic acid; serum) when the written request identifies a condition that "
                       "supports the test.\n", know)
    assert roles == {"82607": "covered-with-criteria", "82746": "covered-with-criteria"}


def test_a_bulletins_masthead_cells_give_its_month_as_the_publication(know):
    out = read("Home\nPublications\n\nAcme Medicaid Update\n\nGeneral Medicine | August 2026 | Bulletin 641\n\n"
               "1. MRS Codes No Longer Benefits\n\nMagnetic resonance spectroscopy is no longer an Acme Medicaid benefit.\n",
               know)
    assert (out["dates"]["published"]["value"], out["dates"]["published"]["quote"]) == (
        "2026-08", "General Medicine | August 2026 | Bulletin 641")


def test_a_date_posted_to_the_upcoming_policies_page_is_the_publication(know):
    out = read(HEADER + "Effective Date: 10/31/2025\nPosted to Upcoming Medical Policies: 09/02/2025\n" + POLICY, know)
    assert out["dates"]["published"]["value"] == "2025-09-02"


def test_an_imaging_acronym_under_a_manuals_paragraph_number_is_the_service_a_sentence_covers(know):
    out = read("Acme Health Program\nDiagnostic Radiology\n\n3.0  POLICY\n\n3.1  MRI and MRI with contrast media are covered "
               "when medically necessary and appropriate\nfor the diagnosis of a specific illness or injury.\n\n3.2  MRA is "
               "covered when medically necessary and appropriate, under the same conditions as\nMRI in paragraph 3.1.\n",
               know)
    assert [(s["service"], s["name"], s["determination"]) for s in out["services"]] == [
        ("new:mri-and-mri", "MRI and MRI with contrast media", "covered-with-criteria"),
        ("new:mra", "MRA", "covered-with-criteria")]


def test_codes_a_lab_may_not_bill_a_denied_panel_by_reporting_and_their_examples_are_denied_in_context(know):
    roles = code_roles("Acme Medicaid\nProvider Update\n\nIntracellular Micronutrient Panels\nIntracellular micronutrient "
                       "panels are investigational and are not Acme Medicaid benefits. Laboratories may not bill these "
                       "panels by reporting the component vitamin and mineral codes individually, or by reporting "
                       "unlisted chemistry code 84999. Examples of component codes reported for these panels are 82180 and "
                       "84446.\n", know)
    assert roles == {"84999": "not-covered-in-context", "82180": "not-covered-in-context",
                     "84446": "not-covered-in-context"}


def test_a_regulations_history_entry_saying_it_was_promulgated_dates_the_origination(know):
    out = read(HEADER + POLICY + "\nSection History\nThe following table lists the letters that have revised this section.\n"
               "Transmittal Letter   Date       Revision\nLAB-22               04/01/03   401.411 promulgated (noncovered "
               "services).\nLAB-54               03/01/22   (A)(7) hair analysis added.\n", know)
    assert out["dates"]["origination"]["value"] == "2003-04-01"


def test_a_program_that_shall_cover_a_known_service_when_criteria_are_met_covers_it_and_proposes_no_other(know):
    out = read("Acme Medicaid\nMagnetic Resonance Spectroscopy\n\n3.2 Specific Criteria Covered\nMedicaid and KidsCare shall "
               "cover single-voxel or multi-voxel proton MRS of the brain (CPT 76390) when ALL of the following criteria "
               "are met:\na. an MRI shows a mass; and\nb. the result decides a biopsy.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "covered-with-criteria")]
    out = read("Acme Medicaid\nProvider Update\n\nVitamin Testing\nEffective July 1, 2026, Acme Medicaid will cover "
               "laboratory testing of vitamin levels only when the test is ordered to diagnose a specific deficiency.\n",
               know)
    assert out["services"] == []


def test_the_heading_repeating_the_page_titles_first_piece_is_the_title_not_the_manual_named_after_it(know, tmp_path):
    out = read_page("<html><head><title>MR Spectroscopy | Provider Manual | Acme Health</title></head><body>"
                    "<aside><h3>Provider Manual</h3><ul><li>Claims</li></ul></aside><main><h1>Provider Manual</h1>"
                    "<h2>MR Spectroscopy</h2><p>Acme Health Plan considers MRS investigational for all indications.</p>"
                    "</main></body></html>", know, tmp_path)
    assert out["title"]["value"] == "MR Spectroscopy"


def test_a_line_of_menu_links_set_apart_by_wide_gaps_is_no_title(know):
    out = read("Skip to main content\nAcme Health Plan\nMembers    Providers    Employers    Brokers    Search\n"
               "- Home\n- Provider news\n\nMRS is considered investigational for all indications.\n", know)
    assert out["title"]["value"] is None


def test_the_kind_of_document_joined_to_its_criteria_set_is_no_title(know):
    out = read("Medical Policy and InterQual Criteria\nNutrient Laboratory Testing\nPolicy Number: MCP 3.1\n\n"
               "Policy Summary\nAcme Health Plan considers nutrient laboratory testing investigational.\n", know)
    assert out["title"]["value"] == "Nutrient Laboratory Testing"


def test_each_code_tables_caption_over_its_column_header_gives_its_rows_their_role_and_a_note_stays_with_its_table(know):
    roles = code_roles(HEADER + POLICY + "\nApplicable Coding\nTable 1.\nCPT codes that may be billed for intracellular "
                       "micronutrient testing (not covered when billed for this testing)\nCPT code Description\n"
                       "84591 Vitamin, not otherwise specified\n84999 Unlisted chemistry procedure\nEach code in Table 1 "
                       "also describes ordinary tests. The Plan denies these codes only when they were billed for "
                       "intracellular micronutrient testing.\nTable 2.\nCPT codes for individual nutrient tests (covered "
                       "when the criteria in Section II are met)\nCPT code Description\n82607 Cyanocobalamin (Vitamin B-12)\n"
                       "84630 Zinc\n", know)
    assert roles == {"84591": "not-covered-in-context", "84999": "not-covered-in-context",
                     "82607": "covered-with-criteria", "84630": "covered-with-criteria"}


def test_a_vitamins_name_in_a_diagnosis_list_is_no_diagnosis_code(know):
    roles = code_roles(HEADER + POLICY + "\nICD-10-CM Codes that Support Medical Necessity\nThe diagnosis codes below are "
                       "listed for reference only.\nD51.0 Vitamin B12 deficiency anemia due to intrinsic factor deficiency\n"
                       "E53.8 Deficiency of other specified B group vitamins\n", know)
    assert "B12" not in roles and "D51.0" in roles


def test_a_code_denied_for_a_service_whose_other_uses_the_document_does_not_address_is_denied_in_context(know):
    roles = code_roles(HEADER + POLICY + "\nCoding Guidance\nFunctional intracellular analysis has no specific code. CPT "
                       "84999 billed for it will be denied. Other services billed with 84999 are reviewed under the "
                       "unlisted procedure instructions and are not addressed by this article.\n", know)
    assert roles == {"84999": "not-covered-in-context"}


def test_a_count_of_the_codes_between_a_lists_lead_and_its_rows_does_not_part_them(know):
    roles = code_roles(HEADER + POLICY + "\nCoding Guidance\nThe following CPT codes are covered when the criteria "
                       "in this article are met.\nGroup 1 Codes: (2 Codes)\nCode Description\n82607 Cyanocobalamin "
                       "(Vitamin B-12)\n82746 Folic acid; serum\n", know)
    assert roles == {"82607": "covered-with-criteria", "82746": "covered-with-criteria"}


def test_the_legal_form_printed_with_the_copyright_owners_name_stays_part_of_the_payers_name(know):
    out = read("Clinical Appropriateness Guidelines\nMagnetic Resonance Spectroscopy\n(c) 2026 Acme Clinical Benefits "
               "Management, Inc. All rights reserved.\n" + POLICY + "Acme Clinical Benefits Management, Inc. reviews requests "
               "for MRS.\n", know)
    assert out["payer"]["value"] == "Acme Clinical Benefits Management, Inc."


def test_a_created_rows_origination_is_its_effective_date_column_when_the_history_has_a_review_date_column_too(know):
    out = read(HEADER + POLICY + "\nHistory\nStatus Review Date Effective Date Summary of Changes\nRevised 11/12/2025 "
               "05/17/2026 Disc MRS stated as investigational.\nCreated 09/15/2021 03/13/2022 Original effective date.\n",
               know)
    assert out["dates"]["origination"]["value"] == "2022-03-13"


def test_a_rule_of_thumb_about_any_study_of_a_kind_proposes_no_service(know):
    out = read("Acme Health Plan\nClinical Appropriateness Guidelines: Imaging\n\nGeneral Clinical Guideline\nA repeat study "
               "of the same anatomic area is generally not medically necessary unless there is a new clinical finding.\n",
               know)
    assert out["services"] == []


def test_a_sentence_a_pdf_broke_across_lines_gives_its_codes_its_role_and_the_table_row_is_their_citation(know):
    out = read(HEADER + "\nClinical Indications\nMagnetic resonance spectroscopy of the intervertebral discs for the "
               "evaluation of discogenic pain (CPT 0609T,\n0610T, 0611T) is considered investigational and not medically "
               "necessary.\n\nCodes\nCode Description\n0609T MRS, discogenic pain; acquisition of single voxel data\n"
               "0610T MRS, discogenic pain; transmission of biomarker data\n0611T MRS, discogenic pain; postprocessing\n",
               know)
    assert {c["code"]: c["role"] for c in out["codes"]} == {
        "0609T": "not-covered", "0610T": "not-covered", "0611T": "not-covered"}
    cited = next(c for c in out["codes"] if c["code"] == "0610T")
    assert any(q.startswith("0610T MRS") for q in [cited["quote"], *(cited.get("also_quoted") or [])])


@pytest.mark.parametrize("line, iso", [("Last Updated on March 12, 2026", "2026-03-12"),
                                       ("- Provider news\n- Policy updates in April 2026\n\nPolicy updates in April 2026\n"
                                        "Posted on April 1, 2026", "2026-04-01")])
def test_a_pages_own_posted_or_updated_line_dates_its_publication(know, line, iso):
    out = read("Acme Health Plan\nProvider News\n" + line + "\n" + POLICY, know)
    assert out["dates"]["published"]["value"] == iso


def test_a_committee_that_reviewed_the_service_on_a_date_dates_the_last_review(know):
    out = read(HEADER + POLICY + "The Acme Health Plan Technology Assessment Committee reviewed MRS on February 18, "
               "2026.\n", know)
    assert out["dates"]["last_reviewed"]["value"] == "2026-02-18"


def test_the_entries_of_a_table_of_contents_open_no_sections():
    from cds_service.policy_import.segments import segment
    text = ("Contents\n\nDescription\n\nPolicy\n\nCoverage\n\nCodes\n\nReferences\n\n"
            "Policy\n\nMagnetic resonance spectroscopy is investigational.\n")
    sections = {u.norm: u.section for u in segment(text).units[3:6]}
    # from the third heading in a row under "Contents" on, the headings are the contents' entries
    assert sections == {"Coverage": "table of contents", "Codes": "table of contents",
                        "References": "table of contents"}


def test_a_status_caption_over_a_code_tables_column_header_gives_its_rows_their_role(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nNot covered when billed for intracellular micronutrient testing\n"
                       "CPT    Description\n84999  Unlisted chemistry procedure\n86353  Lymphocyte transformation\n\n"
                       "Covered when Policy item 3 is met\nCPT    Description\n82607  Cyanocobalamin (Vitamin B-12)\n",
                       know)
    assert roles == {"84999": "not-covered-in-context", "86353": "not-covered-in-context",
                     "82607": "covered-with-criteria"}


def test_a_service_sent_to_the_ncd_under_a_lines_heading_keeps_the_plans_own_determination(know):
    out = read("Acme Health Plan\nMedical Policy: Imaging Services\n\nPolicy\n1. Magnetic resonance spectroscopy (MRS) is "
               "considered experimental and investigational for all indications and is not covered.\n\n"
               "Medicare Advantage\nMagnetic resonance spectroscopy is addressed by NCD 220.2.1, under which MRS is not "
               "covered for any indication.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "investigational")]


def test_a_code_cell_that_says_when_billed_for_the_test_denies_its_codes_only_in_context(know):
    roles = code_roles(HEADER + POLICY + "\nNon-Covered Laboratory Tests\nTest | Codes billed | Determination\n"
                       "Intracellular micronutrient testing | 84999; 86353 when billed for this testing | "
                       "Experimental/investigational; not covered\n", know)
    assert roles == {"84999": "not-covered-in-context", "86353": "not-covered-in-context"}


def test_a_sentence_deciding_the_tests_below_decides_each_row_of_the_service_table_under_it(know):
    out = read("Acme Health Plan\nSection 7: Laboratory Services\n\nNon-Covered Laboratory Tests\nEffective for dates of "
               "service on or after 04/01/2026, the laboratory tests below are considered experimental/investigational "
               "and are not covered.\nTest | Codes billed | Determination\nHair analysis for minerals | 84999 | "
               "Experimental/investigational; not covered\n", know)
    [service] = out["services"]
    assert service["determination"] == "investigational"
    assert service["quote"].startswith("Effective for dates of service on or after 04/01/2026, the laboratory tests below")


def test_a_manual_sections_effective_date_label_and_this_section_applies_to_are_the_documents_own(know):
    out = read("Acme Health Plan\nSection 7: Laboratory Services\nSection effective date: 04/01/2026\n\nOverview\n"
               "This section applies to members of fully insured commercial plans and Acme Medicaid Expansion.\n" + POLICY,
               know)
    assert out["dates"]["effective_from"]["value"] == "2026-04-01"
    assert [l["line"] for l in out["lines_of_business"]["covered"]] == ["commercial", "medicaid"]


def test_a_sentence_under_the_history_that_says_on_what_day_something_was_done_is_no_entry_of_the_log(know):
    out = read(HEADER + POLICY + "\nRevision History\nDate | Change\n07/01/2019 | Section created.\n02/17/2026 | Annual "
               "review; added hair analysis.\nSection 7 changes approved by the Acme Medical Policy Committee on "
               "02/26/2026.\n", know)
    assert out["dates"]["last_reviewed"]["value"] == "2026-02-17"
    assert out["dates"]["approved"]["value"] == "2026-02-26"


def test_a_plan_answered_by_a_section_of_the_same_document_in_an_applies_to_list_is_covered(know):
    out = read(HEADER + "\nAPPLIES TO\n  Commercial ............ Yes\n  Acme Medicare Advantage ............ See Medicare "
               "Advantage section below\n" + POLICY, know)
    assert [l["line"] for l in out["lines_of_business"]["covered"]] == ["commercial", "medicare-advantage"]


def test_codes_not_affected_by_the_determination_of_another_service_are_listed_for_reference(know):
    roles = code_roles(HEADER + POLICY + "A brain MRI (70551, 70552 or 70553) is reviewed against the Plan's advanced "
                       "imaging criteria and is not affected by the magnetic resonance spectroscopy determination.\n", know)
    assert roles == {"70551": "reference", "70552": "reference", "70553": "reference"}


def test_a_service_covered_only_with_an_approved_prior_authorization_is_covered_with_criteria(know):
    out = read("Acme Medicaid\nCoverage of Magnetic Resonance Spectroscopy\n\nCoverage Criteria\nProton MRS of the brain "
               "(CPT 76390) is covered only with an approved prior authorization and only when all of the following are "
               "met:\n1. The member has an intracranial mass lesion; and\n2. MRS is performed with the brain MRI.\n"
               "MRS for any other indication is considered investigational and is not covered.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "covered-with-criteria")]
    assert {c["code"]: c["role"] for c in out["codes"]} == {"76390": "covered-with-criteria"}


def test_codes_left_to_another_program_that_this_letter_does_not_change_are_listed_for_reference(know):
    roles = code_roles(HEADER + POLICY + "The brain MRI (CPT 70551, 70552 or 70553) remains subject to the Advanced "
                       "Imaging Prior Authorization Program described in Letter 2231; this letter does not change that "
                       "program.\n", know)
    assert roles == {"70551": "reference", "70552": "reference", "70553": "reference"}


@pytest.mark.parametrize("head, number", [("Medical Policy MP-LAB-118", "MP-LAB-118"),
                                          ("INFORMATIONAL LETTER NO. 2614-MC-FFS", "2614-MC-FFS")])
def test_a_policys_or_letters_own_number_at_its_head_is_its_number(know, head, number):
    out = read("Acme Health Plan\n" + head + "\n" + POLICY, know)
    assert out["policy_number"]["value"] == number


def test_a_service_that_may_be_approved_with_pre_certification_for_some_members_is_covered_with_criteria(know):
    out = read("Acme Health Plans\nProvider Manual\n\nMagnetic Resonance Spectroscopy\nProton MRS of the brain may be "
               "approved with pre-certification for a member under 18 years of age when a standard brain MRI has not "
               "established the diagnosis.\nMRS for all other indications is considered investigational and is not "
               "covered.\n", know)
    [mrs] = out["services"]
    assert (mrs["service"], mrs["determination"], mrs["otherwise"]) == ("mrs", "covered-with-criteria", "investigational")


def test_a_committees_approval_label_dates_the_approval(know):
    out = read(HEADER + POLICY + "Medical Policy Committee approval: 02/24/2026\n", know)
    assert out["dates"]["approved"]["value"] == "2026-02-24"


def test_a_section_added_after_older_history_entries_is_no_origination(know):
    out = read(HEADER + POLICY + "\nManual Revision History\nDate Section Description\n10/2025 All sections Annual review "
               "of manual\n02/2026 Magnetic Resonance Spectroscopy New section added\n", know)
    assert out["dates"]["origination"] == {"value": None}


def test_a_running_footers_revised_date_that_dates_the_historys_latest_change_is_no_last_review(know):
    page = ("Acme Health Plans\nMagnetic resonance spectroscopy is considered investigational for all indications.\n"
            "Revised 03/2026\n")
    text = page + "\f" + page.replace("Magnetic", "Claims for magnetic") + "\f" + (
        "Acme Health Plans\nManual Revision History\nDate Section Description\n10/2025 All sections Wording updated\n"
        "03/2026 Claim Edits Wording clarified\nRevised 03/2026\n")
    out = read(text, know)
    assert out["dates"]["last_reviewed"] == {"value": None}


def test_a_code_covered_only_for_some_members_and_not_to_assess_another_use_is_covered_with_criteria(know):
    roles = code_roles(HEADER + POLICY + "C) 1,25-dihydroxyvitamin D testing (CPT 82652) is covered only for members with "
                       "hypercalcemia; it is not covered to assess vitamin D status.\n", know)
    assert roles == {"82652": "covered-with-criteria"}


def test_codes_denied_for_a_panel_that_remain_payable_for_other_testing_are_denied_in_context(know):
    roles = code_roles(HEADER + POLICY + "A claim that bills the lymphocyte culture code (CPT 86353) or the unlisted "
                       "chemistry code (CPT 84999) for such a panel will be denied under this guideline; both codes "
                       "remain payable for other testing that meets a covered line.\n", know)
    assert roles == {"86353": "not-covered-in-context", "84999": "not-covered-in-context"}


def test_a_code_covered_for_members_with_named_conditions_is_covered_with_criteria(know):
    roles = code_roles(HEADER + POLICY + "25-hydroxyvitamin D testing (CPT 82306) is covered for members with chronic "
                       "kidney disease or malabsorption.\n", know)
    assert roles == {"82306": "covered-with-criteria"}


def test_a_commissions_actions_table_is_the_history_and_a_biennial_review_label_the_next_review(know):
    out = read(HEADER + "Next biennial review: November 2027\n" + POLICY + "\nCommission actions for D31\n"
               "Meeting date | Action | Effective\n03/14/2024 | Guideline D31 created | 10/01/2024\n11/13/2025 | D31 "
               "reviewed and revised | 01/01/2026\n", know)
    assert out["dates"]["next_review"]["value"] == "2027-11"
    assert out["dates"]["last_reviewed"]["value"] == "2025-11-13"
    assert out["dates"]["origination"]["value"] is not None


def test_a_code_covered_elsewhere_and_not_affected_by_this_topic_is_listed_for_reference(know):
    roles = code_roles(HEADER + POLICY + "Serum 25-hydroxyvitamin D testing (procedure code 82306) is covered under the "
                       "laboratory services policy in Topic #1420 and is not affected by this topic.\n", know)
    assert roles == {"82306": "reference"}


def test_a_letters_date_among_its_to_from_and_re_lines_dates_its_publication(know):
    out = read("INFORMATIONAL LETTER NO. 2614-MC-FFS\nDATE: February 12, 2026\nTO: Acme Medicaid Physicians\n"
               "FROM: Acme Medicaid\nRE: Coverage of Magnetic Resonance Spectroscopy\n" + POLICY, know)
    assert out["dates"]["published"]["value"] == "2026-02-12"


# The confidence gate for payer and title: a value is kept when a field labels it, or when two independent places agree;
# one line alone, or a line in the form of page furniture, gives none.

@pytest.mark.parametrize("head, field", [
    # a banner about the site, a link ending in a chevron
    ("Skip to main content\nThe official web portal of the Province of Tarn \u00bb\nTarn Provincial Health Authority\n\n", "title"),
    # a cover's date line
    ("Tarnside Health Plans\n\nEffective March 1, 2027\n\n", "title"),
    # a label with its value that names no organisation, in capitals
    ("SCOPE: Health Maintenance Organization (HMO) Care\n\n", "payer"),
    # a site menu run into a department's name
    ("Residents | Businesses | Agencies\nTarn AgenciesDepartment of Health Care Services\n\n", "payer"),
    # a breadcrumb of three steps and more
    ("Home / Providers / Manuals / Imaging\n\n", "title"),
])
def test_a_payer_or_title_in_the_form_of_page_furniture_is_left_absent(know, head, field):
    out = read(head + POLICY + "Magnetic resonance spectroscopy of the brain is not covered.\n", know)
    assert out[field] == {"value": None}
    assert any(n.startswith(f"{field}: ") for n in out["not_found"])


def test_a_payer_or_title_one_line_names_is_left_absent_and_kept_when_a_second_signal_agrees(know):
    head = "Tarn Valley Health Plan\nHair Mineral Analysis\n" + POLICY
    out = read(head, know)
    # the logo's line and a heading alone: nothing else in the document says either
    assert (out["payer"], out["title"]) == ({"value": None}, {"value": None})
    # the plan speaking in a deciding sentence, and that sentence deciding the service the heading names
    out = read(head + "Tarn Valley Health Plan considers hair mineral analysis investigational.\n", know)
    assert (out["payer"]["value"], out["title"]["value"]) == ("Tarn Valley Health Plan", "Hair Mineral Analysis")
    # a copyright line agreeing with the masthead
    out = read(head + "\n(c) 2026 Tarn Valley Health Plan. All rights reserved.\n", know)
    assert out["payer"]["value"] == "Tarn Valley Health Plan"


def test_a_title_the_pages_own_title_agrees_with_is_kept_and_one_it_does_not_is_left_absent(know, tmp_path):
    body = "<body><p>Tarn Valley Health Plan</p><h1>Hair Mineral Analysis</h1>" + \
        "<p>Magnetic resonance spectroscopy is considered investigational.</p></body></html>"
    out = read_page("<html><head><title>Hair Mineral Analysis | Tarn Valley Health Plan</title></head>" + body, know,
                    tmp_path)
    assert (out["payer"]["value"], out["title"]["value"]) == ("Tarn Valley Health Plan", "Hair Mineral Analysis")
    out = read_page("<html><head><title>Tarn Valley Health Plan</title></head>" + body, know, tmp_path)
    assert out["title"] == {"value": None}


def test_a_labelled_payer_or_title_is_kept_with_nothing_else_agreeing(know):
    out = read("Payer: Tarn Valley Health Plan\nPolicy Title: Hair Mineral Analysis\n" + POLICY, know)
    assert (out["payer"]["value"], out["payer"]["quote"]) == ("Tarn Valley Health Plan", "Payer: Tarn Valley Health Plan")
    assert (out["title"]["value"], out["title"]["quote"]) == ("Hair Mineral Analysis", "Policy Title: Hair Mineral Analysis")
    # the same names on lines of their own, with nothing agreeing, are left to the reviewer
    out = read("Tarn Valley Health Plan\nHair Mineral Analysis\n" + POLICY, know)
    assert (out["payer"], out["title"]) == ({"value": None}, {"value": None})


def test_a_bulleted_list_of_the_policys_facts_gives_each_fact_as_a_label(know):
    out = read(HEADER + "\n- Policy Number: ACM-LAB-118\n- Category: Laboratory\n- Original Effective Date: 07/01/2019\n"
               "- Revised Effective Date: 02/01/2026\n- Last Reviewed: 12/09/2025\n"
               "- Committee Approval: 12/16/2025 (Utilization Management Committee)\n- Next Review:\n" + POLICY, know)
    assert (out["policy_number"]["value"], out["policy_number"]["quote"]) == ("ACM-LAB-118", "Policy Number: ACM-LAB-118")
    assert {name: d["value"] for name, d in out["dates"].items()} == {
        "effective_from": "2026-02-01", "origination": "2019-07-01", "last_reviewed": "2025-12-09",
        "approved": "2025-12-16", "next_review": None, "published": None}
    assert out["dates"]["effective_from"]["quote"] == "Revised Effective Date: 02/01/2026"


def test_a_states_own_name_for_medicaid_and_an_exchange_plan_said_in_full_name_their_lines(know):
    out = read(HEADER + "\nThis policy applies to:\n\n"
               "- Acme Medi-Cal, including members who receive care through a Plan Partner\n"
               "- Acme Covered (individual and family plans sold on the state health benefit exchange)\n"
               + POLICY, know)
    assert {l["line"] for l in out["lines_of_business"]["covered"]} == {"medicaid", "commercial"}


def test_a_list_item_that_ends_without_a_stop_takes_no_paragraph_after_a_blank_line(know):
    out = read(HEADER + "\nThis policy applies to:\n\n"
               "- Acme Medicare Bridge (HMO D-SNP), as described under Medicare Bridge Members below\n\n"
               "Participating Physician Groups with delegated utilization management may also use this policy.\n"
               + POLICY, know)
    assert [(l["line"], l["quote"]) for l in out["lines_of_business"]["covered"]] == [
        ("medicare-advantage", "- Acme Medicare Bridge (HMO D-SNP), as described under Medicare Bridge Members below")]


def test_plan_names_in_brackets_after_each_status_of_a_code_cell_are_no_status(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nCode | Description | Status under this policy\n"
                       "76390 | Magnetic resonance spectroscopy | Investigational (Medi-Cal, Covered); not covered under "
                       "NCD 220.2.1 (Medicare Bridge)\n", know)
    assert roles == {"76390": "not-covered"}


def test_a_label_printed_in_two_languages_is_read_by_its_last_version(know):
    out = read("Acme Salud, Inc.\nPruebas de Espectroscopia\nMagnetic Resonance Spectroscopy\n\n"
               "Número de Política / Policy Number: AS-RAD-2207\nFecha de Origen / Origination Date: 06/15/2018\n"
               "Fecha de Revisión / Review Date: 12/09/2025\n"
               "Aprobado por el Comité de Políticas Médicas / Approved by Medical Policy Committee: 12/16/2025\n"
               "Fecha de Efectividad / Effective Date: 02/01/2026\nPróxima Revisión / Next Review: 12/2026\n" + POLICY,
               know)
    assert out["policy_number"]["value"] == "AS-RAD-2207"
    assert {name: d["value"] for name, d in out["dates"].items()} == {
        "effective_from": "2026-02-01", "origination": "2018-06-15", "last_reviewed": "2025-12-09",
        "approved": "2025-12-16", "next_review": "2026-12", "published": None}
    assert out["dates"]["next_review"]["quote"] == "Próxima Revisión / Next Review: 12/2026"


def test_a_plan_answered_yes_or_no_in_two_languages_or_in_a_cell_too_long_for_a_label_gives_its_line(know):
    out = read(HEADER + "\nAPLICA A / APPLIES TO\nProducto / Product | Aplica / Applies\n"
               "Comercial - Grupos e Individual / Commercial - Group and Individual | Sí / Yes\n"
               "Acme Advantage (Medicare Advantage HMO y PPO) | Sí / Yes\n"
               "Plan de Salud del Gobierno (Medicaid) | No\n" + POLICY, know)
    lob = out["lines_of_business"]
    assert {l["line"] for l in lob["covered"]} == {"commercial", "medicare-advantage"}
    assert [l["line"] for l in lob["excluded"]] == ["medicaid"]


def test_plans_that_do_not_use_this_policy_or_members_not_subject_to_it_are_excluded_and_medigap_is_medicare(know):
    out = read(HEADER + "\nMembers of the Plan de Salud del Gobierno (Medicaid) are not subject to this policy.\n"
               "Acme Medigap plans pay after Original Medicare and do not use this policy.\n" + POLICY, know)
    assert {l["line"] for l in out["lines_of_business"]["excluded"]} == {"medicaid", "medicare"}
    out = read(HEADER + "\nAcme Medicare Supplement plans do not use this policy.\n" + POLICY, know)
    assert [l["line"] for l in out["lines_of_business"]["excluded"]] == ["medicare"]


def test_a_plan_that_covers_a_service_for_members_who_meet_its_criteria_covers_it_with_criteria(know):
    out = read(HEADER + "\nPolicy\nA. Acme Health Plan covers proton magnetic resonance spectroscopy (MRS) of the brain "
               "(CPT 76390), with prior authorization, for Members younger than 19 years of age who meet all of the "
               "criteria in Procedure A below.\nB. MRS is investigational for all other indications.\n", know)
    mrs = next(s for s in out["services"] if s["service"] == "mrs")
    assert (mrs["determination"], mrs["otherwise"]) == ("covered-with-criteria", "investigational")
    assert mrs["quote"].startswith("A. Acme Health Plan covers proton")


def test_a_status_cell_covered_with_prior_authorization_when_criteria_are_met_otherwise_denied_is_covered(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nThe codes below are subject to this policy.\n"
                       "CPT Description Status\n76390 Magnetic resonance spectroscopy Covered with prior authorization "
                       "when Procedure A is met; otherwise investigational\n"
                       "0609T MRS, discogenic pain; acquisition of single voxel data Investigational\n", know)
    assert roles == {"76390": "covered-with-criteria", "0609T": "not-covered"}


def test_a_forms_own_label_then_known_labels_on_one_line_give_each_label(know):
    out = read(HEADER + POLICY + "\nACME HEALTH PLAN\nChief Approval: Signature on file Original Effective Date: March 1, 2018\n"
               "Chief Title: Chief Medical Officer Revision Date: November 12, 2025\n", know)
    assert (out["dates"]["origination"]["value"], out["dates"]["origination"]["quote"]) == (
        "2018-03-01", "Original Effective Date: March 1, 2018")


def test_an_ncd_providers_may_wish_to_review_is_no_authority_the_plan_follows(know):
    out = read(HEADER + POLICY.rstrip("\n") + " Providers may also wish to review Medicare National Coverage "
               "Determination (NCD) 220.2.1, Magnetic Resonance Spectroscopy, which was last reaffirmed in 2004.\n", know)
    assert out["authority"] == {"value": None}


WRAPPED = ("\nDescription\n" + "\n".join(["Magnetic resonance spectroscopy measures the chemicals of a small volume of "
                                          "tissue with a standard scanner and added"] * 12) + " software.\n")


def test_check_boxes_printed_without_bullets_are_one_choice_a_line_and_an_empty_box_said_not_to_apply_excludes(know):
    out = read(HEADER + "\nApplies to\n[X] Commercial: Acme Health Plan group and individual plans\n"
               "[ ] Medicare Advantage: Acme Senior Choice\n"
               "[ ] Medicare Supplement: N/A - Original Medicare determines coverage for these members\n"
               "This policy does not apply to Acme Senior Choice (Medicare Advantage) members; their coverage follows\n"
               "CMS national coverage determinations.\n" + WRAPPED + POLICY, know)
    lob = out["lines_of_business"]
    assert [(l["line"], l["quote"][:24]) for l in lob["covered"]] == [("commercial", "[X] Commercial: Acme Hea")]
    assert {l["line"]: l["quote"][:24] for l in lob["excluded"]} == {
        "medicare": "[ ] Medicare Supplement:", "medicare-advantage": "This policy does not appl"[:24]}


def test_a_line_of_business_heading_over_ticked_boxes_and_medical_assistance_not_applicable(know):
    out = read(HEADER + "\nLine of business\n\n- \u2612 Acme Commercial (HMO, PPO, EPO)\n"
               "- \u2612 Acme Gold (Medicare Advantage HMO and PPO)\n"
               "- \u2610 Acme Family (Medical Assistance): not applicable; see the Acme Family Provider Manual\n" + POLICY,
               know)
    lob = out["lines_of_business"]
    assert {l["line"] for l in lob["covered"]} == {"commercial", "medicare-advantage"}
    assert [l["line"] for l in lob["excluded"]] == ["medicaid"]


def test_a_status_cell_denying_a_code_for_one_purpose_or_as_a_benefit_exclusion_when_billed_for_a_test_is_in_context(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nCode Description Status under this policy\n"
                       "82652 Vitamin D; 1, 25-dihydroxy Not medically necessary to assess vitamin D status\n"
                       "86353 Lymphocyte transformation Benefit exclusion when billed for micronutrient testing\n"
                       "76390 Magnetic resonance spectroscopy Investigational\n", know)
    assert roles == {"82652": "not-covered-in-context", "86353": "not-covered-in-context", "76390": "not-covered"}


def test_a_status_cell_reference_only_lists_the_code_for_reference(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nCode Description Status under this policy\n"
                       "76390 Magnetic resonance spectroscopy Investigational\n"
                       "82747 Folic acid; RBC Reference only; see the Folate Testing policy\n", know)
    assert roles == {"76390": "not-covered", "82747": "reference"}


def test_a_policy_number_joined_to_the_title_and_a_chapters_effective_date_after_it_are_no_part_of_the_title(know):
    out = read("Acme Health Plan\nMP412-Intracellular Micronutrient Testing\n"
               "\nPolicy\nIntracellular micronutrient testing is considered investigational for all indications.\n", know)
    assert (out["title"]["value"], out["policy_number"]["value"]) == ("Intracellular Micronutrient Testing", "MP412")
    out = read("Acme Health Plan\nMagnetic Resonance Spectroscopy - Effective Jan. 5, 2026\n" + POLICY,
               know)
    assert out["title"]["value"] == "Magnetic Resonance Spectroscopy"


def test_medically_appropriate_when_criteria_are_met_is_covered_with_criteria_for_the_service_and_its_code(know):
    text = (HEADER + "\nPolicy\nI. Proton MRS of the brain (CPT 76390) is medically appropriate for commercial members "
            "when ALL of the following criteria are met:\n   A. the member has refractory focal epilepsy; and\n"
            "   B. surgery is being evaluated.\nII. MRS is considered investigational for all other indications.\n"
            "\nCODES:\nCPT:\n76390    Magnetic resonance spectroscopy    (medically appropriate when policy criteria I "
            "are met; otherwise investigational)\n")
    mrs = next(s for s in read(text, know)["services"] if s["service"] == "mrs")
    assert (mrs["determination"], mrs["otherwise"]) == ("covered-with-criteria", "investigational")
    assert code_roles(text, know) == {"76390": "covered-with-criteria"}


def test_code_groups_each_under_a_status_caption_and_a_cpt_codes_header_take_their_own_captions_role(know):
    roles = code_roles(HEADER + POLICY + "\nBilling/Coding Information\n"
                       "Covered initial evaluation: covered when the criteria in the Commercial Plan Policy are met\n"
                       "CPT CODES\n82607   Cyanocobalamin (vitamin B-12)\n"
                       "82306   Vitamin D; 25 hydroxy, includes fraction(s), if performed\n\n"
                       "Not covered for the diagnosis or management of CFS: these codes are denied when billed for CFS "
                       "testing;\neach also describes ordinary tests that this policy does not address\nCPT CODES\n"
                       "86353   Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis\n"
                       "84999   Unlisted chemistry procedure\n\nNot covered: experimental/investigational\nCPT CODES\n"
                       "76390   Magnetic resonance spectroscopy\n", know)
    assert roles == {"82607": "covered-with-criteria", "82306": "covered-with-criteria",
                     "86353": "not-covered-in-context", "84999": "not-covered-in-context", "76390": "not-covered"}


def test_a_short_name_the_plan_is_referred_to_as_counts_as_the_plan_speaking(know):
    text = ("Acme Health Plan                                   Medical Policy Manual\n"
            "MPM 1.2  Hair Mineral Analysis\n\n"
            "Disclaimer\nAcme Health Plan, Inc. and Acme Insurance Company, Inc. are referred to collectively in this "
            "manual as \"AHP\".\n\nCoverage Determination\nHair mineral analysis is not covered. AHP considers it "
            "experimental and investigational for all indications.\n")
    out = read(text, know)
    assert out["payer"]["value"] == "Acme Health Plan"
    [hair] = out["services"]
    assert (hair["service"], hair["determination"]) == ("new:hair-mineral-analysis", "investigational")


def test_a_denial_in_the_clause_after_a_covered_one_is_its_otherwise_branch(know):
    out = read(HEADER + "\nPolicy\nSerum 25-hydroxyvitamin D (CPT 82306) is covered when the member has a condition that "
               "affects vitamin D absorption; routine screening of members without such a condition is not medically "
               "necessary.\n", know)
    [vit] = out["services"]
    assert (vit["determination"], vit["otherwise"]) == ("covered-with-criteria", "not-medically-necessary")


def test_a_titles_bracketed_effective_date_is_no_part_of_it_and_is_the_effective_date(know):
    out = read("Acme Health Plan\nMagnetic Resonance Spectroscopy Guidelines (Effective\nJanuary 1, 2026)\n" + POLICY, know)
    assert out["title"]["value"] == "Magnetic Resonance Spectroscopy Guidelines"
    assert out["dates"]["effective_from"]["value"] == "2026-01-01"
    assert "(Effective January 1, 2026)" in out["dates"]["effective_from"]["quote"]


def test_another_bodys_finding_is_not_the_plans_determination(know):
    out = read("Acme Health Plan\nMagnetic Resonance Spectroscopy\n\nPolicy\nCMS has found MRS not reasonable and "
               "necessary for any indication. Acme Health Plan follows NCD 220.2.1: MRS is not covered for any "
               "indication.\n", know)
    [mrs] = out["services"]
    assert (mrs["service"], mrs["determination"]) == ("mrs", "not-covered")


def test_a_news_page_whose_items_each_carry_a_policy_number_has_none_of_its_own(know):
    out = read("Acme Health Plan\nProvider News\n\nMagnetic Resonance Spectroscopy - new policy\nPolicy number: AC-RAD-0214\n"
               "Magnetic resonance spectroscopy is investigational for all indications.\n\n"
               "Hair Analysis - revised\nPolicy number: AC-LAB-0031\nHair analysis is investigational.\n", know)
    assert out["policy_number"] == {"value": None}


def test_a_heading_that_prints_the_policys_own_number_names_the_policy_under_an_index_heading(know):
    out = read("Acme Health Plan Laboratory Testing Policies\n\nPolicy index\n\n- M2120: Vitamin D Testing\n\n"
               "M2117: Micronutrient Testing\n\nPolicy Number: M2117\nEffective Date: 01/01/2026\n\nPolicy\n"
               "Intracellular micronutrient testing is considered investigational for all indications.\n", know)
    assert (out["title"]["value"], out["title"]["quote"]) == ("Micronutrient Testing", "Micronutrient Testing")


def test_last_approval_and_next_review_due_by_labels_and_changes_that_go_into_effect_on_a_day(know):
    out = read(HEADER + "Last Approval: 06/10/2025\nNext Review Due By: June 2026\n" + POLICY, know)
    assert (out["dates"]["approved"]["value"], out["dates"]["next_review"]["value"]) == ("2025-06-10", "2026-06")
    out = read("Acme Health Plan\nProvider News\n\nOn March 1, 2026, new medical policy updates go into effect. The "
               "changes below apply to members of all Acme commercial plans.\n" + POLICY, know)
    assert out["dates"]["effective_from"]["value"] == "2026-03-01"


def test_a_status_cell_reimbursable_when_the_criteria_are_met_is_covered_with_criteria(know):
    roles = code_roles(HEADER + POLICY + "\nBilling/Coding Information\nCPT | Code Description | Under this policy\n"
                       "82306 | Vitamin D; 25 hydroxy | Reimbursable when the When Covered criteria are met\n"
                       "84999 | Unlisted chemistry procedure | Not reimbursable when billed for intracellular micronutrient "
                       "testing\n", know)
    assert roles["82306"] == "covered-with-criteria"


def test_reimbursement_is_allowed_or_not_allowed_for_a_service_decides_it(know):
    out = read(HEADER + "\nWhen Covered\nReimbursement is allowed for measurement of a single micronutrient in serum when "
               "the member has signs of deficiency of that nutrient.\n\nWhen Not Covered\nReimbursement is not allowed "
               "for intracellular micronutrient testing for any indication.\n", know)
    found = {s["service"]: s["determination"] for s in out["services"]}
    assert found["intracellular-micronutrient-panel"] == "not-reimbursable"
    assert "covered-with-criteria" in found.values()


def test_a_medicare_supplement_answered_na_in_an_applicability_table_or_not_subject_to_these_policies_is_excluded(know):
    out = read(HEADER + "\nApplicability\nProduct | Applies\nCommercial Group and Individual (HMO, PPO) | Yes\n"
               "Medicare Supplement | N/A\n" + POLICY, know)
    assert {l["line"] for l in out["lines_of_business"]["excluded"]} == {"medicare"}
    out = read(HEADER + "\nPolicy\nMembers of our Medicare Supplement plans are not subject to these policies; their "
               "claims follow Original Medicare's decisions.\n" + POLICY, know)
    assert {l["line"] for l in out["lines_of_business"]["excluded"]} == {"medicare"}


def test_a_form_number_in_the_footer_a_table_row_runs_across_is_no_code(know):
    foot = "Form 30418 (Rev. 06/2025) Acme Health Plan Medical Policies are not medical advice.\n"
    head = "\fAcme Health Plan\nMedical Policy: Intracellular Micronutrient Analysis Page {} of 3\n"
    text = (head.format(1)[1:] + "\nPolicy\nIntracellular micronutrient analysis is considered investigational for all "
            "indications.\n\nCoding\nEach code below is denied as investigational only when it is billed for intracellular "
            "micronutrient analysis.\n" + foot + head.format(2) + "Code Description Status\n"
            "84207 Pyridoxal phosphate (vitamin B-6) Investigational when billed for\n" + foot + head.format(3) +
            "intracellular analysis\n84425 Thiamine (vitamin B-1) Investigational when billed for intracellular analysis\n"
            "\nPolicy History\n07/01/2024 New policy.\n" + foot)
    roles = code_roles(text, know)
    assert "30418" not in roles and roles["84207"] == "not-covered-in-context"


def test_a_pdf_applicability_table_answered_yes_or_no_in_its_last_column_gives_the_lines(know):
    out = read(HEADER + "\nApplies To\nLine of business Applies\nCommercial fully insured (HMO, PPO, EPO) Yes\n"
               "Medicare Advantage (Acme Medicare PPO) Yes\nMedicare Supplement No\n" + POLICY, know)
    lines = out["lines_of_business"]
    assert {l["line"] for l in lines["covered"]} == {"commercial", "medicare-advantage"}
    assert [(l["line"], l["quote"]) for l in lines["excluded"]] == [("medicare", "Medicare Supplement No")]


def test_a_policy_that_does_not_apply_to_medicare_supplement_members_excludes_the_medicare_line(know):
    out = read(HEADER + POLICY + "This policy does not apply to Medicare Supplement members; Original Medicare decides "
               "their claims.\n", know)
    assert [l["line"] for l in out["lines_of_business"]["excluded"]] == ["medicare"]


def test_the_plans_own_rule_for_its_commercial_members_is_the_determination_over_an_ncd_for_medicare_advantage(know):
    out = read(HEADER + "\nPolicy\nUnder NCD 220.2.1, MRS is not covered for any indication for Medicare Advantage "
               "members.\nProton MR spectroscopy of the brain is considered medically necessary for commercial members "
               "when all of the following criteria are met:\n1. A brain lesion remains indeterminate after MRI; and\n"
               "2. The result will change the treatment plan.\n", know)
    mrs = next(s for s in out["services"] if s["service"] == "mrs")
    assert mrs["determination"] == "covered-with-criteria"


def test_prior_authorization_that_does_not_apply_to_a_line_leaves_the_line_unsaid(know):
    out = read(HEADER + POLICY + "Prior authorization is required for commercial members. Prior authorization does not "
               "apply to Medicare Advantage members, because the service is not covered for them.\n", know)
    assert out["lines_of_business"]["excluded"] == []


def test_the_payer_is_named_as_its_masthead_prints_it_when_only_the_copyright_line_adds_its_legal_form(know):
    out = read("Acmecare\n\nMagnetic Resonance Spectroscopy\n\nPolicy Number: RAD-12\n" + POLICY +
               "\n(c) 2026 Acmecare, Inc. All rights reserved.\n", know)
    assert (out["payer"]["value"], out["payer"]["quote"]) == ("Acmecare", "Acmecare")


def test_ticked_boxes_under_an_applicable_plans_heading_give_the_lines_cited_by_their_words(know):
    out = read(HEADER + "\nApplicable Plans\n\n- \u2612 Commercial fully insured plans (HMO, POS, PPO)\n"
               "- \u2610 Acme Medicare Choice (HMO)\n" + POLICY, know)
    assert [(l["line"], l["quote"]) for l in out["lines_of_business"]["covered"]] == [
        ("commercial", "Commercial fully insured plans (HMO, POS, PPO)")]


def test_does_not_apply_to_a_plans_members_then_for_these_line_members_excludes_that_line(know):
    out = read(HEADER + POLICY + "This policy does not apply to members of Acme Senior Choice plans; for these Medicare "
               "Advantage members, see Medicare Advantage Coverage Guideline MA-LAB-07.\n", know)
    assert [l["line"] for l in out["lines_of_business"]["excluded"]] == ["medicare-advantage"]


def test_a_date_posted_label_is_the_published_date(know):
    out = read(HEADER + "Policy Number: RAD-12\nDate Posted: 01/05/2026\n" + POLICY, know)
    assert out["dates"]["published"]["value"] == "2026-01-05"


def test_empty_boxes_of_a_list_closed_by_plans_without_a_checked_box_are_not_subject_are_excluded(know):
    text = (HEADER + "\nApplies to\n\n- \u2612 Acme PPO commercial plans\n- \u2610 Acme Medicare Supplement\n"
            "- \u2610 Acme Community Care (Medicaid)\n\nPlans without a checked box are not subject to this policy.\n" + POLICY)
    out = read(text, know)
    assert [(l["line"], l["quote"]) for l in out["lines_of_business"]["excluded"]] == [
        ("medicare", "Acme Medicare Supplement"), ("medicaid", "Acme Community Care (Medicaid)")]
    out = read(text.replace("Plans without a checked box are not subject to this policy.\n", ""), know)
    assert out["lines_of_business"]["excluded"] == []


def test_a_code_whose_row_gives_one_role_a_line_also_cites_that_row_beside_the_sentence_giving_its_role(know):
    out = read(HEADER + "\nPolicy\nProton MR spectroscopy of the brain (CPT 76390) is medically necessary for a member "
               "younger than 19 years when both of the following are met:\n- A disorder of creatine synthesis is "
               "suspected\n- The result will select confirmatory testing\n\nCoding\nCode | Description | Commercial | "
               "Medicare Advantage\n76390 | Magnetic resonance spectroscopy | Covered when the criteria above are met | "
               "Not covered (NCD 220.2.1)\n", know)
    code = next(c for c in out["codes"] if c["code"] == "76390")
    assert code["role"] == "covered-with-criteria"
    assert any("Covered when the criteria above are met" in q for q in code.get("also_quoted", []))


def test_a_code_row_whose_description_says_reference_only_in_brackets_is_listed_for_reference(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nCode | Description | Commercial\n"
                       "82607 | Vitamin B-12 (reference only) | Not addressed\n", know)
    assert roles == {"82607": "reference"}


def test_a_lead_that_names_its_own_codes_narrows_only_those_rows_of_the_table_below(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nCodes 86353 and 84999 also describe ordinary tests; they are "
                       "investigational under this section only when billed for an intracellular micronutrient panel.\n"
                       "Code | Description | Commercial\n"
                       "0609T | MRS discogenic pain; acquisition | Investigational\n"
                       "86353 | Lymphocyte transformation | Investigational\n", know)
    assert roles["0609T"] == "not-covered"
    assert roles["86353"] == "not-covered-in-context"


def test_a_manual_sections_number_before_its_heading_is_neither_the_title_nor_the_policy_number(know):
    out = read("Acme Health Plan\nProvider Manual\n9.4 Magnetic Resonance Spectroscopy Services\n" + POLICY, know)
    assert out["title"]["value"] == "Magnetic Resonance Spectroscopy Services"
    assert (out.get("policy_number") or {}).get("value") != "9.4"


def test_a_service_removed_from_the_investigational_list_is_not_read_as_investigational(know):
    out = read(HEADER + "\nPolicy\nMRS is removed from the Experimental and Investigational Services list as a "
               "blanket entry.\nMRS of the brain is covered when all of the following are met: the member is under 21 "
               "and a mitochondrial disorder is suspected.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "covered-with-criteria")]


@pytest.mark.parametrize("sentence, codes", [
    ("This change does not affect single-nutrient tests ordered for a clinical reason, such as vitamin B-12 (82607) "
     "or 25-hydroxy vitamin D (82306).", ["82607", "82306"]),
    ("Single-nutrient tests, for example vitamin B-12 (82607) and red blood cell folate (82747), are outside the scope "
     "of this chapter.", ["82607", "82747"]),
    ("Serum tests of a single nutrient, such as vitamin B-12 (82607), are not part of this update.", ["82607"]),
    ("The suspected-deficiency test is serum 25-hydroxyvitamin D (CPT 82306), which is reviewed under Coverage Policy "
     "2011009, Vitamin D Testing.", ["82306"]),
    ("A brain MRI at the same session (CPT 70551 or 70553) is reviewed by the imaging benefit manager under its own "
     "criteria.", ["70551", "70553"]),
])
def test_codes_named_as_examples_of_what_the_document_leaves_alone_are_listed_for_reference(know, sentence, codes):
    roles = code_roles(HEADER + POLICY + "\nCoding\n" + sentence + "\n", know)
    assert {c: roles.get(c) for c in codes} == {c: "reference" for c in codes}


def test_a_code_sent_to_the_applicable_policy_for_its_other_uses_keeps_its_denial_for_this_service(know):
    # "reviewed under the applicable policy" names no policy: the sentence denies 84999 when billed for this test
    roles = code_roles(HEADER + POLICY + "\nCoding\nWhen billed for this test, CPT 84999 (unlisted chemistry procedure) "
                       "is denied as investigational; 84999 billed for any other test is reviewed under the applicable "
                       "policy.\n", know)
    assert roles == {"84999": "not-covered-in-context"}


def lines_read(text: str, know) -> dict[str, list[str]]:
    lines = read(text, know).get("lines_of_business") or {}
    return {status: [l["line"] for l in lines.get(status) or []] for status in ("covered", "excluded")}


@pytest.mark.parametrize("sentence, covered", [
    ("This list applies to Acme Health commercial plans and to Acme Medicare Advantage plans.",
     ["commercial", "medicare-advantage"]),
    ("This CPB applies to Acme commercial medical plans.", ["commercial"]),
    ("This change applies to members of all Acme commercial products, including individual and group plans.",
     ["commercial"]),
    ("This article applies to Acme Medicaid managed care members.", ["medicaid"]),
])
def test_a_list_a_change_or_an_article_that_says_whom_it_applies_to_gives_covered_lines(know, sentence, covered):
    assert lines_read(HEADER + POLICY + "\nScope\n" + sentence + "\n", know) == {"covered": covered, "excluded": []}


def test_a_pdf_code_table_whose_cells_ran_together_is_read_row_by_row(know):
    # a PDF table under "Service (CPT) <plan> <plan> Notes": each line is a row, and the brain MRI row that only
    # asks for authorization lends the MRS rows' denial to no code
    out = read("Acme Health\nAdvanced Imaging Guideline\n\nService (CPT) Acme Medicaid Acme Advantage Notes\n"
               "MRI brain (70551, 70553) Authorization required Authorization required Imaging criteria\n"
               "MR spectroscopy (76390) Not covered: investigational Not covered: NCD 220.2.1 No authorization issued\n"
               "MRS, discogenic pain (0609T) Not covered: investigational Not covered: NCD 220.2.1 Category III code\n"
               "\nAcme Health considers MRS investigational for all indications.\n", know)
    roles = {c["code"]: (c["role"], c["quote"]) for c in out["codes"]}
    assert roles["76390"] == ("not-covered", "MR spectroscopy (76390) Not covered: investigational Not covered: NCD "
                                             "220.2.1 No authorization issued")
    assert roles["0609T"][0] == "not-covered"
    assert "70551" not in roles and "70553" not in roles


def test_a_plan_table_row_asking_for_authorization_in_some_columns_and_denying_in_one_gives_no_role(know):
    roles = code_roles(HEADER + POLICY + "\n| Service | CHIP | CHIP PERINATE | STAR |\n|---|---|---|---|\n"
                       "| MRI brain (70551, 70552) | Needs Prior Authorization | NOT COVERED | Needs Prior Authorization |\n"
                       "| Magnetic resonance spectroscopy (76390) | NOT COVERED | NOT COVERED | NOT COVERED |\n", know)
    assert roles == {"76390": "not-covered"}


def test_the_organisation_after_the_kind_of_document_in_a_running_header_is_the_payer(know):
    page = "AUTHORIZATION GUIDELINES - Mistral Health\nOHP Members - Revised March 16, 2026\n"
    out = read(page + "Magnetic Resonance Spectroscopy\nMistral Health considers MRS investigational for all "
               "indications.\nPage 1 of 2\n\f" + page + "Requests for MRS will be denied.\nPage 2 of 2\n", know)
    assert (out["payer"]["value"], out["payer"]["quote"]) == ("Mistral Health", "Mistral Health")


def test_a_legend_of_the_programs_a_list_is_for_gives_covered_lines_and_a_referral_in_it_an_excluded_one(know):
    out = read(HEADER + POLICY + "\nPrograms\nSTAR = Texas Medicaid managed care\n"
               "ACME ADVANTAGE = Acme Advantage (HMO D-SNP), a Medicare Advantage dual special needs plan\n"
               "Acme Marketplace plans: this list does not apply; see the Marketplace Prior Authorization List.\n", know)
    lines = out["lines_of_business"]
    assert [(l["line"], l["quote"]) for l in lines["covered"]] == [
        ("medicaid", "STAR = Texas Medicaid managed care"),
        ("medicare-advantage", "ACME ADVANTAGE = Acme Advantage (HMO D-SNP), a Medicare Advantage dual special needs plan")]
    assert [l["line"] for l in lines["excluded"]] == ["commercial"]


def test_a_reviewed_and_approved_label_dates_the_review_and_the_approval_over_a_revised_label(know):
    out = read("Acme Health\nList of Services Requiring Prior Authorization\nEffective Date: 01/01/2026\n"
               "Revised: 02/02/2026\nReviewed and approved by the Utilization Management Committee: 11/18/2025\n" + POLICY,
               know)
    assert {k: out["dates"][k]["value"] for k in ("last_reviewed", "approved")} == {
        "last_reviewed": "2025-11-18", "approved": "2025-11-18"}


def test_the_item_that_closes_a_semicolon_list_with_a_stop_ends_it_however_long_its_line(know):
    out = read(HEADER + "\nPolicy\nMagnetic resonance spectroscopy is unproven and therefore investigational for all "
               "other indications, including:\n- Dementia, epilepsy, multiple sclerosis and psychiatric disorders;\n"
               "- Discogenic back pain, including MRS of intervertebral discs with algorithmic analysis (0609T, 0612T).\n"
               "Precertification is required for CPT code 76390 for all commercial products listed above. Call now.\n",
               know)
    roles = {c["code"]: (c["role"], c["quote"]) for c in out["codes"]}
    assert roles["0609T"] == ("not-covered", "- Discogenic back pain, including MRS of intervertebral discs with "
                                             "algorithmic analysis (0609T, 0612T).")


def test_a_product_table_answered_yes_or_no_with_a_referral_gives_lines_and_the_capitals_after_it_head_a_section(know):
    out = read(HEADER + "\nAPPLICABLE LINES OF BUSINESS/PRODUCTS\nThis policy applies to the products marked Yes in the "
               "table below.\nProduct Applies\nAcme Commercial HMO, EPO and PPO plans, fully insured and self-funded Yes\n"
               "Acme Medicare Advantage (Acme Medicare Select HMO) No; see Coverage Summary MA-RAD-02\n"
               "Acme Community Plan (Medicaid) No; see Policy CS-RAD-118\nCOVERAGE RATIONALE\n"
               "Magnetic resonance spectroscopy is investigational for all indications.\n"
               "A brain MRI (70551) is reviewed under the Commercial policy MRI of the Brain and is not addressed by this "
               "policy.\n", know)
    lines = out["lines_of_business"]
    assert [l["line"] for l in lines["covered"]] == ["commercial"]
    assert [l["line"] for l in lines["excluded"]] == ["medicare-advantage", "medicaid"]
    assert out["services"][0]["quote"] == "Magnetic resonance spectroscopy is investigational for all indications."


def test_a_bulletin_table_of_policies_with_a_summary_of_changes_column_is_not_a_history(know):
    # the column "Summary of Changes" does not make a table of policies and their determinations a policy's history
    out = read("Acme Health Plan\nMedical Policy Upcoming Updates\n\nCoverage Policies\n"
               "Policy Title | Policy Type | Status | Effective Date | Determination | Summary of Changes\n"
               "Micronutrient Panel Testing | Coverage | New | 05/18/2026 | Investigative and therefore not covered | New.\n"
               "  \u2022 Intracellular micronutrient panels are investigative and therefore not covered for all indications.\n",
               know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "investigational")]


def test_codes_denied_only_when_the_records_show_the_service_are_denied_in_that_context(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nClaims billed with unlisted chemistry code 84999 or with 86353 are "
                       "denied under this policy only when the records show the service was an intracellular "
                       "micronutrient panel.\n", know)
    assert roles == {"84999": "not-covered-in-context", "86353": "not-covered-in-context"}


def test_a_position_the_document_reports_as_past_is_not_its_determination_and_approved_when_is_covered(know):
    out = read("Acme Children's Health Plan\nPrior Authorization\n\nService-specific criteria\nMRS of the brain (CPT 76390) "
               "is approved for a member 17 years of age or younger when all of the following are documented:\n"
               "- An inherited metabolic disorder is suspected.\n\nWhat changed\nMRS of the brain (76390) moved from the "
               "investigational table to the list of services that always require authorization. From September 1, 2025 "
               "until this change, MRS was investigational for all members.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [("mrs", "covered-with-criteria")]
    assert [(c["code"], c["role"]) for c in out["codes"]] == [("76390", "covered-with-criteria")]


def test_the_rows_of_a_table_a_sentence_calls_investigational_take_that_role(know):
    # (MRS itself is covered with criteria here, so the row's service lends it no denial: the sentence over the
    # table does)
    roles = code_roles(HEADER + "\nCriteria\nMRS of the brain (CPT 76390) is approved for a member 17 years of age or "
                       "younger when all of the following are documented:\n- A metabolic disorder is suspected.\n\n"
                       "Experimental services\nThe services in the table below are experimental or investigational.\n\n"
                       "Service | Examples | Codes usually billed\n"
                       "MRS of the intervertebral discs for discogenic pain | Any facility | 0609T, 0610T\n", know)
    assert roles == {"76390": "covered-with-criteria", "0609T": "not-covered", "0610T": "not-covered"}


def test_what_original_medicare_decides_under_an_ncd_gives_way_to_the_plans_own_rule(know):
    out = read("Acme Care\nClinical Policy: Magnetic Resonance Spectroscopy\n\nApplicability\nThis policy does not apply "
               "to the Medicare benefits of members who are also eligible for Medicare. Original Medicare pays first for "
               "those members and follows National Coverage Determination 220.2.1, under which MRS is not covered.\n\n"
               "Policy/Criteria\nI. It is the policy of Acme Care that single-voxel proton MRS of the brain is medically "
               "necessary when all of the following are met:\n   A. Member has a treated glioma;\n"
               "II. It is the policy of Acme Care that MRS is investigational for all other indications.\n", know)
    [mrs] = out["services"]
    assert (mrs["determination"], mrs["otherwise"]) == ("covered-with-criteria", "investigational")


def test_these_panels_in_the_sentence_after_a_denial_are_the_service_it_named(know):
    out = read("Glenhollow Health Plans Provider Manual\nMedicaid Benefit Summary\n\nLaboratory\nIntracellular "
               "micronutrient testing is not covered. Glenhollow considers these panels investigational for all "
               "indications.\nGlenhollow Health Plans Provider Manual Page 4-2\n", know)
    assert out["payer"]["value"] == "Glenhollow Health Plans"
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "investigational")]


def test_a_bulletin_items_covered_bullet_its_notification_date_and_its_closing_applies_to_lines(know):
    out = read("Acme Health Plan\nMedical Policy Upcoming Updates\nNotification Date: February 18, 2026\n\n"
               "Coverage Policies\nMagnetic Resonance Spectroscopy (MRS) | Coverage | Re-Reviewed\n"
               "  \u2022 Covered: proton MRS of the brain (76390) to evaluate a suspected inborn error of metabolism when "
               "conventional brain MRI is nondiagnostic.\n"
               "  \u2022 Not covered: all other indications, which remain investigative and therefore not covered.\n"
               "  \u2022 Applies to commercial and Individual and Family Business (IFB) members. Does not apply to members "
               "enrolled through state public programs; for Acme Care Assist (Medicaid) members, the state program's "
               "fee schedule applies.\n", know)
    [mrs] = out["services"]
    assert (mrs["service"], mrs["determination"]) == ("mrs", "covered-with-criteria")
    assert out["dates"]["published"]["value"] == "2026-02-18"
    lines = out["lines_of_business"]
    assert ([l["line"] for l in lines["covered"]], [l["line"] for l in lines["excluded"]]) == (["commercial"], ["medicaid"])


def test_the_same_codes_billed_for_a_single_serum_test_are_reviewed_as_usual_so_all_are_denied_only_in_context(know):
    roles = code_roles(HEADER + POLICY + "\nCoding\nClaims that bill 84999 (unlisted chemistry procedure), or a series of "
                       "single-nutrient codes such as 82607 (vitamin B-12) and 84630 (zinc), for an intracellular panel are "
                       "denied. The same codes billed for a single serum test ordered for a suspected deficiency are "
                       "reviewed under ordinary Medicare rules.\n", know)
    assert roles == {"84999": "not-covered-in-context", "82607": "not-covered-in-context",
                     "84630": "not-covered-in-context"}


def test_of_two_forms_of_the_plans_name_at_the_top_the_one_its_footers_and_text_repeat_is_the_payer(know):
    footer = "Quillby Health Plan | Revised 3-1-2026 | Page {}\n"
    out = read("Provider Operations Manual\nQuillby Healthcare\nQuillby Health Plan\nRevised 3-1-2026\n" + footer.format(1) +
               "\fSection 9 applies to dates of service on and after April 1, 2026. It was approved by the Quillby "
               "Utilization Management Committee on 1-14-2026.\nQuillby Health Plan is an HMO plan with a Medicare "
               "contract. Quillby follows NCD 220.2.1: MRS is not covered for any indication for Quillby members.\n" +
               footer.format(2), know)
    assert out["payer"]["value"] == "Quillby Health Plan"
    assert (out["dates"]["effective_from"]["value"], out["dates"]["approved"]["value"]) == ("2026-04-01", "2026-01-14")


def test_a_plan_that_approves_a_service_when_criteria_are_met_and_denies_any_other_indication(know):
    out = read(HEADER + "\nCriteria\nIHP approves MRS of the brain (CPT 76390) for a Medicaid member when all of the "
               "following are documented:\n- The member has a treated glioma.\n\nMRS requested for any other indication "
               "does not meet these criteria and is denied as experimental or investigational.\n", know)
    [mrs] = out["services"]
    assert (mrs["determination"], mrs["otherwise"]) == ("covered-with-criteria", "investigational")


def test_a_note_under_a_table_narrows_only_the_codes_its_paragraph_names(know):
    roles = code_roles(HEADER + "\nTable 2. Services not covered\n\nService | Codes | Medicaid\n"
                       "Intracellular micronutrient panels | 84999, 86353 when billed for the panel | Not covered\n"
                       "MRS for discogenic pain | 0609T, 0610T | Not covered (experimental/investigational)\n\n"
                       "84999 is an unlisted chemistry code and 86353 also describes ordinary lymphocyte transformation "
                       "tests. Acme denies these codes under Table 2 only when the records show they were billed for an "
                       "intracellular micronutrient panel.\n", know)
    assert roles == {"84999": "not-covered-in-context", "86353": "not-covered-in-context", "0609T": "not-covered",
                     "0610T": "not-covered"}


def test_a_product_the_catalogue_keeps_out_of_scope_names_no_known_service(know):
    # Genova's NutrEval (blood and urine) is listed under the panel service with enabled: false
    assert know.services_named("Genova NutrEval FMV") == []
    out = read("Acme Health Plan\nInternal Coverage Criteria\n\nGW-ICC-032 Comprehensive Nutritional Panels\nCriteria: "
               "Combined blood and urine nutritional panels, such as NutrEval FMV (Genova Diagnostics), are "
               "investigational and are not reasonable and necessary for any indication.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("new:combined-blood-and-urine-nutritional-panels", "investigational")]


def test_a_code_a_sentence_says_is_not_affected_by_this_grid_is_listed_for_reference(know):
    roles = code_roles(HEADER + POLICY + "\nSingle-nutrient blood tests, such as vitamin B-12 (CPT 82607), do not need "
                       "prior authorization and are not affected by this grid.\n", know)
    assert roles.get("82607") == "reference"


def test_with_no_payer_found_a_named_body_that_considers_a_service_investigational_decides_it_an_evidence_body_not(know):
    out = read("Internal Coverage Criteria\n\nGW-ICC-031 Intracellular Micronutrient Testing\nCriteria: Gullwing considers "
               "intracellular micronutrient testing investigational; it is not reasonable and necessary for any "
               "indication.\n", know)
    assert out["payer"]["value"] is None
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "investigational")]
    out = read("Internal Coverage Criteria\n\nEvidence\nHayes considers intracellular micronutrient testing "
               "investigational.\n", know)
    assert out["services"] == []


def test_the_tests_in_the_table_lead_its_rows_and_a_rows_own_covered_cell_keeps_its_status(know):
    out = read("Acme Community Health Plan\nLaboratory Services That Are Not a Benefit\n\nLaboratory services\nAcme "
               "considers the tests in the table experimental or investigational.\n\n"
               "Test | Examples | STAR | CHIP\n"
               "Intracellular micronutrient testing | SpectraCell Micronutrient Test | Not a benefit | Not a benefit\n"
               "Serum vitamin B-12 or serum folate | Any laboratory | Covered when a deficiency is clinically suspected | "
               "Covered when a deficiency is clinically suspected\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "investigational"),
        ("new:serum-vitamin-b-12-or-serum-folate", "covered-with-criteria")]


def test_a_pdf_product_table_with_a_notes_column_after_its_answers_gives_lines_and_policy_after_it_is_a_heading(know):
    out = read("Acme Health Plan | Medical Policy\nMagnetic Resonance Spectroscopy\nProducts\nThis policy applies to the Acme "
               "products marked Yes below.\nProduct Applies Notes\nAcme Individual & Family Plans Yes Commercial\n"
               "Acme Families and Children (PMAP) Yes Medical Assistance (Medicaid)\n"
               "Acme Medicare Advantage (HMO-POS) Yes Follows NCD 220.2.1\n"
               "Acme Medicare Supplement No Original Medicare decides coverage\nPolicy\nMagnetic resonance spectroscopy "
               "(MRS) is considered experimental/investigational and is not covered for any indication.\n", know)
    lines = out["lines_of_business"]
    assert [l["line"] for l in lines["covered"]] == ["commercial", "medicaid", "medicare-advantage"]
    assert [l["line"] for l in lines["excluded"]] == ["medicare"]
    assert out["services"][0]["quote"].startswith("Magnetic resonance spectroscopy (MRS) is considered")


def test_an_assessment_for_ma_plans_and_a_sentence_on_members_who_also_have_medicaid(know):
    out = read("Acme Health\nTechnology Assessment: Magnetic Resonance Spectroscopy\n\nWhich plans this applies to\n"
               "This assessment applies to all Acme Health Medicare Advantage plans, including Acme Care (HMO).\n\n"
               "Some members also have Medicaid. This assessment does not decide services that a member's state "
               "Medicaid program covers; those follow the state's rules.\n\nPolicy\nMRS is investigational.\n", know)
    lines = out["lines_of_business"]
    assert ([l["line"] for l in lines["covered"]], [l["line"] for l in lines["excluded"]]) == (
        ["medicare-advantage"], ["medicaid"])


def test_a_bulletin_row_deciding_the_main_service_with_its_own_date_overrides_the_default(know):
    out = read("Acme Health Plan | For Providers\n\nEffective date: 12/01/25\n\nClinical Policy Updates\n"
               "Each change takes effect on the effective date above unless the row gives its own date.\n\n"
               "Policy/ Guideline | Description | Applicable Line of Business | Revision Summary\n"
               "AHP.MP.318 | Intracellular Micronutrient Testing | Medicaid | New policy. Intracellular micronutrient "
               "panels are investigational for all indications and are not covered. Effective 01/01/2026.\n"
               "AHP.MP.87 | Magnetic Resonance Spectroscopy | Medicaid | Annual review. No clinically significant "
               "changes.\n", know)
    assert [(s["service"], s["determination"]) for s in out["services"]] == [
        ("intracellular-micronutrient-panel", "investigational")]
    assert out["dates"]["effective_from"]["value"] == "2026-01-01"
