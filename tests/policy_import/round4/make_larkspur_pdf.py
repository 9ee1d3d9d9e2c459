"""Writes larkspur-intracellular-micronutrient.pdf, a fictional two-page commercial medical policy.

How it was made: fpdf2 2.8.9 from PyPI (`pip install fpdf2`, LGPL; not a dependency of the service),
`python -m tests.policy_import.round4.make_larkspur_pdf` from the checkout (see ../policy_pdf.py).
It exercises an "Application" sentence naming plan families, "unproven and not medically necessary",
a code list "provided for reference purposes only", a long running footer with a copyright year and a
page count, and a written-out date. Every payer, plan and number is invented; the CPT codes are real
(seed 001 and shared/reference/codes.md).
"""
import datetime as dt
from pathlib import Path

from tests.policy_import.policy_pdf import write_policy_pdf

FOOTER = "Intracellular Micronutrient Testing  Page {page} of {pages}  Proprietary Information of Larkspur Health. Copyright 2025"

PAGE_1 = [
    ("p", "Larkspur Health"),
    ("p", "Commercial and Individual Exchange Medical Policy"),
    ("h", "Intracellular Micronutrient Testing"),
    ("p", "Policy Number: 2025T0123"),
    ("p", "Effective Date: August 1, 2025"),
    ("h", "Application"),
    ("p", "This Medical Policy applies to all Commercial and Individual Exchange benefit plans. It does not apply to "
          "Larkspur Health Medicare Advantage plans."),
    ("h", "Coverage Rationale"),
    ("p", "Intracellular micronutrient testing, including SpectraCell and ExaTest, is unproven and not medically "
          "necessary due to insufficient evidence of efficacy."),
    ("h", "Applicable Codes"),
    ("p", "The following list of procedure codes is provided for reference purposes only and may not be all "
          "inclusive."),
]
ROWS = [("CPT Code", "Description"),
        ("86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis"),
        ("84999", "Unlisted chemistry procedure")]
PAGE_2 = [
    ("h", "Clinical Evidence"),
    ("p", "No controlled studies have shown that intracellular micronutrient results change treatment decisions."),
    ("h", "Policy History/Revision Information"),
    ("p", "08/01/2025 Annual review; no change to coverage rationale."),
    ("p", "08/01/2021 New policy."),
]


def main():
    write_policy_pdf(Path(__file__).with_name("larkspur-intracellular-micronutrient.pdf"),
                     [PAGE_1 + [("table", (25, 150), ROWS)], PAGE_2], dt.date(2025, 8, 1), footer=FOOTER)


if __name__ == "__main__":
    main()
