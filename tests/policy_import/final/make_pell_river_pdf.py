"""Writes pell-river-nutrient-testing.pdf, a fictional two-page commercial medical policy.

How it was made: fpdf2 2.8.9 from PyPI (`pip install fpdf2`, LGPL; not a dependency of the service),
`python -m tests.policy_import.final.make_pell_river_pdf` from the checkout (see ../policy_pdf.py); the creation date is fixed so the file is reproducible.
It exercises a code table whose header row is printed again at the top of page 2, a footnote marker, a
running footer with the policy number, and a code covered with a frequency limit. Every payer, plan and
number is invented; the CPT codes are real (seed 001 and shared/reference/codes.md).
"""
import datetime as dt
from pathlib import Path

from tests.policy_import.policy_pdf import write_policy_pdf

FOOTER = "Pell River Health | MP-LAB-310 | Fictional example for software testing | {page}"

PAGE_1 = [
    ("p", "Pell River Health"),
    ("p", "Commercial Medical Policy"),
    ("h", "Nutrient Testing in White Blood Cells"),
    ("p", "Policy: MP-LAB-310"),
    ("p", "Effective Date: 09/01/2025"),
    ("p", "Next Review Date: 07/2026"),
    ("p", "Last Review Date: 07/08/2025"),
    ("h", "Policy Statement"),
    ("p", "1. Nutrient testing in white blood cells (lymphocyte proliferation assays such as the SpectraCell "
          "Micronutrient Test) is investigational and not medically necessary."),
    ("p", "2. Serum testing of a single nutrient is covered when a deficiency is suspected on clinical grounds.1"),
    ("p", "This policy applies to Pell River Health commercial HMO, PPO and EPO plans."),
    ("h", "Codes"),
]
ROWS_1 = [("Code", "Description", "Coverage"),
          ("86353", "Lymphocyte transformation", "Investigational when billed for nutrient testing"),
          ("84999", "Unlisted chemistry procedure", "Investigational when billed for nutrient testing")]
ROWS_2 = [("Code", "Description", "Coverage"),
          ("82306", "Vitamin D; 25 hydroxy", "Covered up to 2 times per year when deficiency is suspected"),
          ("82607", "Vitamin B-12", "Covered when deficiency is suspected")]
PAGE_2 = [
    ("h", "Notes"),
    ("p", "1 Examples of clinical grounds include anemia and neuropathy."),
    ("h", "Member Financial Responsibility"),
    ("p", "Members may be responsible for the cost of investigational services they choose to receive."),
    ("h", "History"),
    ("p", "07/08/2025 Reviewed; no change."),
    ("p", "07/01/2020 Policy created."),
]



def main():
    widths = (18, 60, 100)
    write_policy_pdf(Path(__file__).with_name("pell-river-nutrient-testing.pdf"),
                     [PAGE_1 + [("table", widths, ROWS_1)], [("table", widths, ROWS_2)] + PAGE_2],
                     dt.date(2025, 9, 1), footer=FOOTER)


if __name__ == "__main__":
    main()
