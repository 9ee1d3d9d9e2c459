"""Writes wrenfield-ma-mrs.pdf, a fictional one-page Medicare Advantage policy.

How it was made: fpdf2 2.8.9 from PyPI (`pip install fpdf2`, LGPL; not a dependency of the service),
`python -m tests.policy_import.round5.make_wrenfield_pdf` from the checkout (see ../policy_pdf.py).
It exercises a "Policy Information" grid with two labels and two values on each row, a
not-reasonable-and-necessary determination under an NCD, and a D-SNP plan name. Every payer, plan and
number is invented; the CPT codes and NCD 220.2.1 are real (shared/reference/codes.md and medicare.md).
"""
import datetime as dt
from pathlib import Path

from tests.policy_import.policy_pdf import write_policy_pdf

FOOTER = "Wrenfield Medicare Advantage - fictional example for software testing"

PAGE = [
    ("p", "Wrenfield Medicare Advantage"),
    ("h", "Magnetic Resonance Spectroscopy"),
    ("h", "Policy Information"),
    ("table", (35, 45, 35, 45), [("Policy Number", "WMA-RAD-17", "Effective Date", "01/01/2025"),
                                 ("Last Review", "10/2024", "Next Review", "10/2025")]),
    ("h", "Applicable Plans"),
    ("p", "This policy applies to Wrenfield Medicare Advantage HMO and Wrenfield Dual Choice (HMO D-SNP) members."),
    ("h", "Coverage"),
    ("p", "Under NCD 220.2.1, magnetic resonance spectroscopy is not reasonable and necessary for any indication "
          "and is not covered."),
    ("p", "CPT 76390 is not covered."),
    ("h", "Member Liability"),
    ("p", "A member who is told in writing before the service that it is not covered may be financially "
          "responsible for it."),
]


def main():
    write_policy_pdf(Path(__file__).with_name("wrenfield-ma-mrs.pdf"), [PAGE], dt.date(2025, 1, 1), footer=FOOTER)


if __name__ == "__main__":
    main()
