"""Writes thistledown-micronutrient-reimbursement.pdf, a fictional three-page reimbursement policy.

How it was made: fpdf2 2.8.9 from PyPI (`pip install fpdf2`, LGPL; not a dependency of the service),
`python make_thistledown_pdf.py` in this folder; the creation date is fixed so the file is reproducible.
It exercises a running header and footer on three pages, a code table that starts on page 1 and ends on
page 3, a day-month-year date, a "not separately reimbursable" wording, and a product line named
"Marketplace". Every payer, plan and number is invented; the CPT codes are real (seed 001 and
shared/reference/codes.md).
"""
import datetime as dt
from pathlib import Path

from fpdf import FPDF

HEADER = "Thistledown Health Plan - Reimbursement Policy RP-117"
FOOTER = "Fictional example for software testing. Proprietary - Thistledown Health Plan 2025"

INTRO = [
    ("h", "Intracellular Micronutrient Panels"),
    ("p", "Reimbursement Policy Number: RP-117"),
    ("p", "Effective: 1 March 2025"),
    ("p", "Last Reviewed: 01/15/2025"),
    ("p", "Products: Commercial, Marketplace, Medicaid"),
    ("h", "Policy"),
    ("p", "Thistledown Health Plan does not reimburse intracellular micronutrient panels, including SpectraCell "
          "Micronutrient Testing and the Cell Science Systems cellular micronutrient assay."),
    ("p", "Intracellular micronutrient panel testing is not reimbursable."),
    ("p", "Individual serum tests ordered because a deficiency is clinically suspected are reimbursed under the "
          "plan's laboratory fee schedule."),
    ("p", "Participating providers may not bill the member for a panel denied under this policy."),
    ("h", "Codes"),
    ("p", "The codes below are not separately reimbursable when billed as part of an intracellular micronutrient "
          "panel."),
]
CODES = [("82607", "Cyanocobalamin (vitamin B-12)"), ("82746", "Folic acid; serum"), ("83735", "Magnesium"),
         ("84630", "Zinc"), ("82180", "Ascorbic acid (vitamin C), blood"), ("84446", "Tocopherol alpha (vitamin E)"),
         ("84590", "Vitamin A"), ("86353", "Lymphocyte transformation, mitogen or antigen induced"),
         ("88348", "Electron microscopy, diagnostic"), ("84591", "Vitamin, not otherwise specified")]
OUTRO = [
    ("h", "Reconsideration"),
    ("p", "Providers may request reconsideration of a denied claim within 90 days."),
    ("h", "History"),
    ("p", "03/01/2021 Policy created."),
    ("p", "01/15/2025 Annual review; no change in position."),
]


class PolicyPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, f"{HEADER} - Page {self.page_no()} of 3", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, FOOTER)


def blocks(pdf, items):
    for kind, text in items:
        pdf.set_font("Helvetica", "B" if kind == "h" else "", 11 if kind == "h" else 10)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")


def table(pdf, rows):
    pdf.set_font("Helvetica", size=10)
    with pdf.table(col_widths=(20, 110), text_align="LEFT", borders_layout="NONE", first_row_as_headings=False) as t:
        for row in rows:
            r = t.row()
            for cell in row:
                r.cell(cell)


def main():
    pdf = PolicyPDF(format="letter")
    pdf.set_creation_date(dt.datetime(2025, 3, 1, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    blocks(pdf, INTRO)
    table(pdf, [("Code", "Description")] + CODES[:4])
    pdf.add_page()
    table(pdf, CODES[4:8])
    pdf.add_page()
    table(pdf, CODES[8:])
    blocks(pdf, OUTRO)
    pdf.output(str(Path(__file__).with_name("thistledown-micronutrient-reimbursement.pdf")))


if __name__ == "__main__":
    main()
