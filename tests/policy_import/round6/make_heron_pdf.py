"""Writes heron-micronutrient.pdf, a fictional one-page Medicaid policy.

How it was made: fpdf2 2.8.9 from PyPI (`pip install fpdf2`, LGPL; not a dependency of the service),
`python -m tests.policy_import.round6.make_heron_pdf` from the checkout (see ../policy_pdf.py).
It exercises a Medicaid plan policy with an "exception" sentence, a hedged line of business, and codes in
a bordered-less table whose status column says "Not medically necessary". Every payer, plan and number is
invented; the CPT codes are real (seed 001 and shared/reference/codes.md).
"""
import datetime as dt
from pathlib import Path

from tests.policy_import.policy_pdf import write_policy_pdf

PAGE = [
    ("p", "Heron Bay Community Plan"),
    ("p", "Medicaid Medical Policy"),
    ("h", "Leukocyte Micronutrient Testing"),
    ("p", "Policy Number: HB-MED-0612"),
    ("p", "Effective Date: 10/01/2025"),
    ("p", "Date of Last Review: 08/05/2025"),
    ("h", "Scope"),
    ("p", "This policy applies to Heron Bay Community Plan Medicaid members. Heron Bay Medicare members may be "
          "reviewed under it at the plan's discretion."),
    ("h", "Policy"),
    ("p", "Leukocyte nutrient analysis, including SpectraCell micronutrient testing, is not medically necessary."),
    ("h", "Codes"),
    ("table", (20, 80, 70), [("Code", "Description", "Status"),
                             ("86353", "Lymphocyte transformation", "Not medically necessary"),
                             ("82607", "Vitamin B-12", "Not affected by this policy")]),
]


def main():
    write_policy_pdf(Path(__file__).with_name("heron-micronutrient.pdf"), [PAGE], dt.date(2025, 10, 1))


if __name__ == "__main__":
    main()
