"""Writes orrin-bay-mr-spectroscopy.pdf, a fictional two-page policy laid out the way payers print them.

How it was made: fpdf2 2.8.9 from PyPI (`pip install fpdf2`, LGPL; not a dependency of the service),
`python -m tests.policy_import.heldout.make_orrin_bay_pdf` from the checkout (see ../policy_pdf.py).
The creation date is fixed so the file is reproducible.
What it exercises: a header and a footer repeated on every page, a code table whose rows wrap onto a
second line and which continues on the next page, a page number and a document number that look like
codes, ISO and month-only dates, a label with no value, a Medicare Advantage rule that names an NCD.
Every payer, plan and number here is invented; the CPT codes and NCD 220.2.1 are real
(shared/reference/codes.md and medicare.md).
"""
import datetime as dt
from pathlib import Path

from tests.policy_import.policy_pdf import write_policy_pdf

HEADER = "Orrin Bay Health Partners  |  Medical Policy RAD-118  |  Page {page} of {pages}"
FOOTER = "Fictional example for software testing; not a real payer's policy."

PAGE_1 = [
    ("h", "Magnetic Resonance Spectroscopy"),
    ("p", "Policy Number: RAD-118"),
    ("p", "Effective: 2025-04-01"),
    ("p", "Origination Date: 06/12/2018"),
    ("p", "Last Review Date: 01/2025"),
    ("p", "Next Review Date: 01/2026"),
    ("p", "Published:"),
    ("h", "Scope"),
    ("p", "This policy applies to Orrin Bay Health Partners commercial plans and to Orrin Bay Medicare "
          "Advantage plans. It does not apply to Medicaid members."),
    ("h", "Policy"),
    ("p", "Magnetic resonance spectroscopy (MRS) is investigational for all indications, including brain "
          "tumors, epilepsy and discogenic low back pain."),
    ("p", "For Orrin Bay Medicare Advantage members, the plan follows National Coverage Determination (NCD) "
          "220.2.1, under which MRS is not covered nationally."),
    ("p", "Investigational services are not covered under Orrin Bay commercial plans. Members may be "
          "responsible for the full cost of a service that is not covered."),
    ("h", "Rationale"),
    ("p", "Published studies have not shown that MRS results change management or improve outcomes compared "
          "with MRI alone. The 2018 and 2024 reviews (Orrin Bay technology assessment TA-20315) reached the "
          "same conclusion."),
    ("h", "Coding"),
]
ROWS_1 = [
    ("Code", "Description", "Status"),
    ("76390", "Magnetic resonance spectroscopy", "Investigational"),
    ("0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc, in at least 3 discs",
     "Investigational"),
]
ROWS_2 = [
    ("0610T", "MRS, discogenic pain; transmission of biomarker data for software analysis", "Investigational"),
    ("0611T", "MRS, discogenic pain; postprocessing for algorithmic analysis of biomarker data",
     "Investigational"),
    ("0612T", "MRS, discogenic pain; interpretation and report", "Investigational"),
]
PAGE_2 = [
    ("h", "Appeals"),
    ("p", "A member may ask for an appeal within 60 days of a denial."),
    ("h", "Policy History"),
    ("p", "06/12/2018  New policy."),
    ("p", "01/14/2025  Annual review; Category III codes confirmed as investigational."),
]



def main():
    write_policy_pdf(Path(__file__).with_name("orrin-bay-mr-spectroscopy.pdf"),
                     [PAGE_1 + [("table", (18, 75, 40), ROWS_1)], [("table", (18, 75, 40), ROWS_2)] + PAGE_2],
                     dt.date(2025, 4, 1), header=HEADER, footer=FOOTER)


if __name__ == "__main__":
    main()
