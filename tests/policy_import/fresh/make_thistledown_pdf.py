"""Writes thistledown-micronutrient-reimbursement.pdf, a fictional three-page reimbursement policy.

How it was made: fpdf2 2.8.9 from PyPI (`pip install fpdf2`, LGPL; not a dependency of the service),
`python -m tests.policy_import.fresh.make_thistledown_pdf` from the checkout (see ../policy_pdf.py); the creation date is fixed so the file is reproducible.
It exercises a running header and footer on three pages, a code table that starts on page 1 and ends on
page 3, a day-month-year date, a "not separately reimbursable" wording, and a product line named
"Marketplace". Every payer, plan and number is invented; the CPT codes are real (seed 001 and
shared/reference/codes.md).
"""
import datetime as dt
from pathlib import Path

from tests.policy_import.policy_pdf import write_policy_pdf

HEADER = "Thistledown Health Plan - Reimbursement Policy RP-117 - Page {page} of {pages}"
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



def main():
    widths = (20, 110)
    write_policy_pdf(Path(__file__).with_name("thistledown-micronutrient-reimbursement.pdf"),
                     [INTRO + [("table", widths, [("Code", "Description")] + CODES[:4])],
                      [("table", widths, CODES[4:8])],
                      [("table", widths, CODES[8:])] + OUTRO],
                     dt.date(2025, 3, 1), header=HEADER, footer=FOOTER)


if __name__ == "__main__":
    main()
