#!/usr/bin/env python3
"""Write larkspur-oxbow-mrs-clinical-policy.pdf (a FICTIONAL payer policy for testing a policy importer).

fictional example for development; not a real payer's policy.
Self-contained: needs only fpdf2 (pip install fpdf2). Run: python3 make_larkspur-oxbow-mrs-clinical-policy_pdf.py
Layout imitates a national carrier's "Clinical Policy" PDF: a two-line running header on every page
("<title> Page n of N" / "<brand> Clinical Policy Effective <date>"), a table of contents with dot leaders and
page numbers, an "Applicable Codes" table whose long descriptions wrap, and a policy history table.
"""
import datetime as dt
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).with_name("larkspur-oxbow-mrs-clinical-policy.pdf")
HEAD1 = "Magnetic Resonance Spectroscopy (MRS)    Page {page} of {nb}"
HEAD2 = "Larkspur Oxbow Clinical Policy    Effective 03/01/2026"
FOOT = "Proprietary Information of Larkspur Health Plans, Inc. Copyright 2026 Larkspur Health Plans, Inc."

TOC = [
    ("INSTRUCTIONS FOR USE", "1"), ("APPLICABLE LINES OF BUSINESS/PRODUCTS", "1"), ("BENEFIT CONSIDERATIONS", "1"),
    ("COVERAGE RATIONALE", "2"), ("DEFINITIONS", "2"), ("APPLICABLE CODES", "2"), ("DESCRIPTION OF SERVICES", "3"),
    ("CLINICAL EVIDENCE", "3"), ("CENTERS FOR MEDICARE AND MEDICAID SERVICES", "3"),
    ("POLICY HISTORY/REVISION INFORMATION", "4"),
]

PAGES = [
    [
        ("title", "MAGNETIC RESONANCE SPECTROSCOPY (MRS)"),
        ("p", "Policy Number: RADIOLOGY 041.9 T2"),
        ("p", "Effective Date: March 1, 2026"),
        ("toc", TOC),
        ("p", "Related Policies: None"),
        ("h", "INSTRUCTIONS FOR USE"),
        ("p", "This Clinical Policy provides assistance in interpreting Larkspur standard benefit plans. When deciding "
              "coverage, the member specific benefit plan document must be referenced. In the event of a conflict, the "
              "member specific benefit plan document supersedes this Clinical Policy. Larkspur reserves the right to "
              "modify its Policies as necessary. This Clinical Policy is provided for informational purposes and does "
              "not constitute medical advice."),
        ("h", "APPLICABLE LINES OF BUSINESS/PRODUCTS"),
        ("p", "This policy applies to Larkspur Oxbow commercial plan membership, fully insured and self-funded."),
        ("p", "This policy does not apply to Larkspur Community Plan (Medicaid) members; refer to the Community Plan "
              "policy of the same name."),
        ("p", "This policy may also be used for Larkspur Medicare Advantage members when the applicable Medicare "
              "Advantage Coverage Summary refers to it."),
        ("h", "BENEFIT CONSIDERATIONS"),
        ("p", "Before using this policy, please check the member specific benefit plan document and any federal or "
              "state mandates, if applicable. Some benefit documents allow coverage of experimental/investigational/"
              "unproven treatments for life-threatening illnesses when certain conditions are met. The member specific "
              "benefit plan document must be consulted to make coverage decisions for this service."),
    ],
    [
        ("h", "COVERAGE RATIONALE"),
        ("p", "Magnetic resonance spectroscopy (MRS) is unproven and not medically necessary for all indications due to "
              "insufficient evidence of efficacy, including but not limited to:"),
        ("p", "- Characterizing or grading brain tumors, or distinguishing tumor recurrence from radiation necrosis\n"
              "- Dementia, epilepsy, multiple sclerosis, stroke and psychiatric disorders\n"
              "- Prostate, breast and liver lesions\n"
              "- Determination and localization of discogenic pain"),
        ("p", "Medically necessary indications: None."),
        ("h", "DEFINITIONS"),
        ("p", "Unproven Services: Services, including medications and devices, regardless of U.S. Food and Drug "
              "Administration (FDA) approval, that are not determined to be effective for treatment of the medical "
              "condition or not determined to have a beneficial effect on health outcomes due to insufficient and "
              "inadequate clinical evidence. Unproven services are investigational under Larkspur benefit plans and "
              "are excluded from coverage."),
        ("h", "APPLICABLE CODES"),
        ("p", "The following list(s) of procedure and/or diagnosis codes is provided for reference purposes only and may "
              "not be all inclusive. Listing of a code in this policy does not imply that the service described by the "
              "code is a covered or non-covered health service. Benefit coverage for health services is determined by "
              "the member specific benefit plan document and applicable laws that may require coverage for a specific "
              "service. The inclusion of a code does not imply any right to reimbursement or guarantee claim payment. "
              "Other Policies may apply."),
        ("table", (25, 155), [
            ["CPT Code", "Description"],
            ["0609T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain (cervical, "
                      "thoracic, or lumbar); acquisition of single voxel data, per disc, on biomarkers (ie, lactic acid, "
                      "carbohydrate, alanine, laal, propionic acid, proteoglycan, and collagen) in at least 3 discs"],
            ["0610T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain (cervical, "
                      "thoracic, or lumbar); transmission of biomarker data for software analysis"],
            ["0611T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain (cervical, "
                      "thoracic, or lumbar); postprocessing for algorithmic analysis of biomarker data for "
                      "determination of relative chemical differences between discs"],
            ["0612T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain (cervical, "
                      "thoracic, or lumbar); interpretation and report"],
            ["76390", "Magnetic resonance spectroscopy"],
        ]),
        ("p", "CPT(R) is a registered trademark of the American Medical Association"),
    ],
    [
        ("h", "DESCRIPTION OF SERVICES"),
        ("p", "MRS is a noninvasive technique performed with MRI equipment and additional software. It produces a "
              "spectrum of metabolite concentrations (for example N-acetylaspartate, choline, creatine and lactate) from "
              "a selected volume of tissue (voxel) rather than an anatomic image."),
        ("h", "CLINICAL EVIDENCE"),
        ("p", "Most published studies of MRS are retrospective case series from single centers. A 2019 systematic review "
              "of MRS for recurrent glioma found wide variation in thresholds and no study showing that MRS results "
              "changed treatment or outcomes. Evidence for discogenic pain consists of one industry-funded study of "
              "fewer than 150 patients. The evidence is insufficient to determine that MRS improves health outcomes."),
        ("h", "CENTERS FOR MEDICARE AND MEDICAID SERVICES"),
        ("p", "Medicare does not cover MRS for any indication. Refer to the National Coverage Determination (NCD) for "
              "Magnetic Resonance Spectroscopy (220.2.1). (Accessed November 12, 2025)"),
    ],
    [
        ("h", "POLICY HISTORY/REVISION INFORMATION"),
        ("table", (28, 152), [
            ["Date", "Summary of Changes"],
            ["03/01/2026", "Definitions: added Unproven Services. Coverage Rationale: no change in position. Archived "
                           "previous policy version RADIOLOGY 041.8 T2. Approved by the Larkspur Medical Technology "
                           "Assessment Committee on 11/18/2025."],
            ["01/01/2021", "Applicable Codes: added CPT codes 0609T, 0610T, 0611T and 0612T."],
            ["07/01/2008", "New policy."],
        ]),
        ("h", "INSTRUCTIONS FOR USE"),
        ("p", "This Clinical Policy provides assistance in interpreting Larkspur standard benefit plans. Larkspur may "
              "also use tools developed by third parties to assist in administering health benefits; those tools are "
              "not medical advice. Members who disagree with a coverage decision may file an appeal as described in "
              "their benefit plan document."),
    ],
]


class PolicyPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 4, HEAD1.format(page=self.page_no(), nb=len(PAGES)), new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, HEAD2, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=7)
        self.cell(0, 5, FOOT)


def main():
    pdf = PolicyPDF(format="letter")
    pdf.set_creation_date(dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=15)
    for blocks in PAGES:
        pdf.add_page()
        for block in blocks:
            kind = block[0]
            if kind == "table":
                pdf.set_font("Helvetica", size=9)
                with pdf.table(col_widths=block[1], text_align="LEFT", borders_layout="NONE",
                               first_row_as_headings=False) as table:
                    for row in block[2]:
                        cells = table.row()
                        for cell in row:
                            cells.cell(cell)
                pdf.ln(2)
            elif kind == "toc":
                pdf.set_font("Helvetica", size=9)
                pdf.cell(0, 5, "Table of Contents                                                        Page",
                         new_x="LMARGIN", new_y="NEXT")
                for name, page in block[1]:
                    dots = "." * max(4, 70 - len(name))
                    pdf.cell(0, 4.5, f"{name} {dots} {page}", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(2)
            elif kind == "title":
                pdf.set_font("Helvetica", "B", 14)
                pdf.multi_cell(0, 7, block[1], new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.set_font("Helvetica", "B" if kind == "h" else "", 11 if kind == "h" else 10)
                if kind == "h":
                    pdf.ln(1)
                pdf.multi_cell(0, 5, block[1], new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
