#!/usr/bin/env python3
"""Write wrenfield-rad-mr-spectroscopy.pdf (a FICTIONAL payer policy for testing a policy importer).

fictional example for development; not a real payer's policy.
Self-contained: needs only fpdf2 (pip install fpdf2). Run: python3 make_wrenfield-rad-mr-spectroscopy_pdf.py
Writes the PDF beside this script. Layout imitates Anthem/UniCare-style "RAD" medical policy documents
printed to PDF: a running header and footer on every page, headings, paragraphs and borderless code tables
whose description cells wrap onto several lines.
"""
import datetime as dt
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).with_name("wrenfield-rad-mr-spectroscopy.pdf")
HEADER = "Wrenfield Health Benefits | Medical Policy | Magnetic Resonance Spectroscopy (MRS) | RAD.00417 | Page {page} of {pages}"
FOOTER = "(c) 2025 Wrenfield Health Benefits, Inc. All rights reserved. Form WHB-MP-01 (03/2021). CPT only (c) 2024 American Medical Association."

PAGES = [
    [
        ("h", "Subject: Magnetic Resonance Spectroscopy (MRS)"),
        ("table", (45, 120), [
            ["Document #:", "RAD.00417"],
            ["Publish Date:", "10/01/2025"],
            ["Status:", "Revised"],
            ["Last Review Date:", "08/14/2025"],
            ["Current Effective Date:", "01/01/2026"],
        ]),
        ("h", "Applies to"),
        ("p", "This document applies to Wrenfield commercial fully insured and self-funded (ASO) group plans and to "
              "Wrenfield individual plans."),
        ("p", "This document does not apply to Wrenfield Medicare Advantage, Wrenfield Medicaid or Federal Employee "
              "Program members."),
        ("h", "Description/Scope"),
        ("p", "This document addresses magnetic resonance spectroscopy (MRS), a non-invasive technique performed on an "
              "MRI scanner that measures the concentrations of chemical compounds such as N-acetylaspartate, choline, "
              "creatine and lactate in a small volume of tissue. MRS is usually performed as an adjunct to MRI of the "
              "brain."),
        ("h", "Position Statement"),
        ("p", "Editorial note (fictional example): the criteria below were invented for software testing and are not "
              "clinical guidance."),
        ("p", "Medically Necessary:"),
        ("p", "Proton magnetic resonance spectroscopy (MRS) of the brain is considered medically necessary when "
              "conventional MRI has been performed and is nondiagnostic, and MRS is used for either of the following:"),
        ("p", "A. To distinguish recurrent or residual primary brain tumor from radiation necrosis after radiation "
              "therapy; or"),
        ("p", "B. To evaluate a suspected inborn error of metabolism (for example a leukoencephalopathy) in a child "
              "younger than 18 years."),
    ],
    [
        ("p", "Investigational and Not Medically Necessary:"),
        ("p", "Magnetic resonance spectroscopy is considered investigational and not medically necessary for all "
              "applications not listed above, including but not limited to dementia, multiple sclerosis, epilepsy, "
              "psychiatric disorders, prostate or breast lesions, and the determination and localization of "
              "discogenic pain."),
        ("p", "Investigational and not medically necessary services are not covered under the member's benefit plan. "
              "A network provider may not bill the member for MRS denied as not medically necessary unless the member "
              "signed a written waiver before the service."),
        ("h", "Precertification"),
        ("p", "Precertification is required for CPT 76390 for all commercial plans. Requests must include the brain MRI "
              "report and the clinical question MRS is expected to answer."),
        ("h", "Coding"),
        ("p", "The following codes for treatments and procedures applicable to this document are included below for "
              "informational purposes. Inclusion or exclusion of a procedure, diagnosis or device code(s) does not "
              "constitute or imply member coverage or provider reimbursement policy."),
        ("p", "When services may be Medically Necessary when criteria are met:"),
        ("table", (22, 150), [
            ["CPT", "Description"],
            ["76390", "Magnetic resonance spectroscopy"],
        ]),
        ("table", (22, 150), [
            ["ICD-10", "Diagnosis"],
            ["C71.9", "Malignant neoplasm of brain, unspecified"],
            ["E88.9", "Metabolic disorder, unspecified"],
        ]),
        ("p", "When services are Investigational and Not Medically Necessary:"),
        ("p", "For the procedure code listed above when criteria are not met or for all other diagnoses not listed."),
        ("p", "When services are also Investigational and Not Medically Necessary:"),
        ("table", (22, 150), [
            ["CPT", "Description"],
            ["0609T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain (cervical, "
                      "thoracic, or lumbar); acquisition of single voxel data, per disc, on biomarkers (ie, lactic acid, "
                      "carbohydrate, alanine, laal, propionic acid, proteoglycan, and collagen) in at least 3 discs"],
            ["0610T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain; "
                      "transmission of biomarker data for software analysis"],
            ["0611T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain; "
                      "postprocessing for algorithmic analysis of biomarker data for determination of relative chemical "
                      "differences between discs"],
            ["0612T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain; "
                      "interpretation and report"],
        ]),
    ],
    [
        ("p", "Note: MRI of the brain performed at the same session (for example CPT 70553) is reviewed under the "
              "Wrenfield imaging of the head document and is not addressed here."),
        ("h", "Rationale"),
        ("p", "Studies of MRS for most indications are case series that do not show that MRS results change management "
              "or improve health outcomes compared with conventional MRI alone."),
        ("h", "Appeals"),
        ("p", "A member or provider may request an appeal of a denial under this document by following the instructions "
              "in the denial notice."),
        ("h", "History"),
        ("table", (30, 140), [
            ["Status", "Date - Action"],
            ["Revised", "08/14/2025 - Medical Policy & Technology Assessment Committee (MPTAC) review. Added the "
                        "inborn error of metabolism indication. Effective 01/01/2026."],
            ["Reviewed", "08/08/2024 - MPTAC review. No change to position statement."],
            ["Revised", "01/01/2021 - Coding section updated; added CPT 0609T, 0610T, 0611T and 0612T."],
            ["Reviewed", "05/04/2017 - MPTAC review."],
            ["New", "11/08/2007 - MPTAC review. Initial document development."],
        ]),
        ("h", "References"),
        ("p", "1. Wrenfield Health Benefits Technology Assessment. Magnetic resonance spectroscopy of the brain. "
              "July 2025."),
        ("p", "2. Centers for Medicare & Medicaid Services. National Coverage Determination 220.2.1, Magnetic "
              "Resonance Spectroscopy (last reviewed September 2004). Cited for background only."),
    ],
]


class PolicyPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, HEADER.format(page=self.page_no(), pages=len(PAGES)), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=7)
        self.cell(0, 5, FOOTER)


def main():
    pdf = PolicyPDF(format="letter")
    pdf.set_creation_date(dt.datetime(2025, 10, 1, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=15)
    for blocks in PAGES:
        pdf.add_page()
        for block in blocks:
            if block[0] == "table":
                pdf.set_font("Helvetica", size=9)
                with pdf.table(col_widths=block[1], text_align="LEFT", borders_layout="NONE",
                               first_row_as_headings=False) as table:
                    for row in block[2]:
                        cells = table.row()
                        for cell in row:
                            cells.cell(cell)
                pdf.ln(2)
                continue
            kind, text = block
            pdf.set_font("Helvetica", "B" if kind == "h" else "", 11 if kind == "h" else 10)
            if kind == "h":
                pdf.ln(1)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
