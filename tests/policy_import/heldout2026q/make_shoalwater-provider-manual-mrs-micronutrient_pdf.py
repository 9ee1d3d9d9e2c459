#!/usr/bin/env python3
"""Build shoalwater-provider-manual-mrs-micronutrient.pdf.

Fictional example for evaluation; not a real payer's policy. Every name, number, phone number, date and
clinical criterion in this file is invented (the criteria are not clinical guidance). Layout modelled on a
public health-plan provider manual (running header, running footer with phone numbers and form number,
section numbering, code table continued across pages).
"""
import os
from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "shoalwater-provider-manual-mrs-micronutrient.pdf")
FIRST_PAGE = 41


class Manual(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Shoalwater Community Health Plan", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, "Provider Manual 2026 | Medicaid, CHIP, Health Insurance Marketplace and Medicare Advantage (HMO D-SNP)",
                  new_x="LMARGIN", new_y="NEXT")
        self.line(10, self.get_y() + 1, 200, self.get_y() + 1)
        self.ln(4)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 7.5)
        self.cell(0, 4, "Provider Services Local: 713.555.0164 | Toll Free: 1.855.555.0119 | TDD: 7-1-1",
                  new_x="LMARGIN", new_y="NEXT", align="C")
        self.cell(0, 4, f"pro_manual_01 2026                                        Page {FIRST_PAGE + self.page_no() - 1}",
                  align="C")


def para(pdf, text, size=9.5, style=""):
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def heading(pdf, text, size=11):
    pdf.set_font("Helvetica", "B", size)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.5)


W = [16, 62, 38, 38, 36]
HEAD = ["Code", "Description", "Medicaid / CHIP", "Marketplace", "HMO D-SNP"]


def code_header(pdf, cont=False):
    pdf.set_font("Helvetica", "B", 8)
    for w, h in zip(W, HEAD):
        pdf.cell(w, 5.5, h + (" (cont.)" if cont and h == "Code" else ""), border=1)
    pdf.ln()


def code_row(pdf, cells):
    pdf.set_font("Helvetica", "", 7.5)
    for w, c in zip(W, cells):
        pdf.cell(w, 5.5, c, border=1)
    pdf.ln()


def main():
    pdf = Manual(format="Letter")
    pdf.set_title("Provider Manual 2026 - Section 9.4")
    pdf.set_author("Shoalwater Community Health Plan (fictional)")
    pdf.set_subject("fictional example for evaluation; not a real payer's policy")
    pdf.set_keywords("fictional example for evaluation; not a real payer's policy")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()

    heading(pdf, "SECTION 9: LABORATORY, RADIOLOGY AND INVESTIGATIONAL SERVICES", 12)
    heading(pdf, "9.4 Magnetic Resonance Spectroscopy and Intracellular Micronutrient Panels")
    pdf.set_font("Helvetica", "", 9.5)
    for line in [
        "Clinical Guideline Number: SCHP-CG-LAB-031",
        "Lines of Business:",
        "[X] Medicaid    [X] CHIP    [X] Health Insurance Marketplace    [X] Medicare Advantage (HMO D-SNP)",
        "[ ] Long-Term Services and Supports (LTSS)    [ ] Vision    [ ] Dental",
        "Original Effective Date: 03/01/2019",
        "Effective Date: 01/01/2026",
        "Revised: 09/2025",
        "Medical Policy Committee Approval: 10/14/2025",
        "Next Review Date:",
    ]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    para(pdf, "Shoalwater Community Health Plan uses this section, with the member's Evidence of Coverage or "
              "member handbook, to decide requests for the services below. Requirements of the state Medicaid "
              "agency may also apply to Medicaid and CHIP members.")

    heading(pdf, "A. Magnetic Resonance Spectroscopy (MRS)")
    para(pdf, "Medicaid, CHIP and Marketplace: Magnetic resonance spectroscopy of the brain (CPT 76390) is covered "
              "with prior authorization when all of the following are met:")
    para(pdf, "1. The member is younger than 21 years; and\n"
              "2. A mitochondrial disorder or a disorder of creatine metabolism is suspected after a genetics or "
              "neurology consultation; and\n"
              "3. Brain MRI has been done within the past 90 days or is done at the same session.")
    para(pdf, "MRS is investigational for all other indications. Category III codes 0609T, 0610T, 0611T and 0612T "
              "(MRS for discogenic pain) are investigational for all lines of business.")
    para(pdf, "Medicare Advantage (HMO D-SNP): Shoalwater follows National Coverage Determination (NCD) 220.2.1, "
              "Magnetic Resonance Spectroscopy. MRS is not covered for any indication for D-SNP members. CMS "
              "reaffirmed the national noncoverage in 2004.")

    heading(pdf, "B. Intracellular Micronutrient Panels")
    pdf.set_font("Helvetica", "", 9.5)
    for line in ["Covered: N/A",
                 "Medically necessary indications: None",
                 "Investigational: Yes, for all indications and all lines of business checked above"]:
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)
    para(pdf, "Intracellular micronutrient panels are investigational. Examples include the Cell Science Systems "
              "Cellular Micronutrient Assay (CMA), the IntraCellular Diagnostics ExaTest and the SpectraCell "
              "Laboratories Micronutrient Test. Prior authorization requests for these panels will be denied as "
              "investigational.")

    heading(pdf, "C. Coding")
    para(pdf, "CPT codes, descriptions and other data only are copyright 2025 American Medical Association. "
              "Codes 86353 and 84999 also describe ordinary tests; they are investigational under this section "
              "only when billed for an intracellular micronutrient panel.")
    # push the table toward the bottom of the page so that it continues on the next page
    while pdf.get_y() < 222:
        pdf.ln(4)
    rows = [
        ["76390", "Magnetic resonance spectroscopy", "PA; criteria in 9.4 A", "PA; criteria in 9.4 A", "Not covered (NCD 220.2.1)"],
        ["0609T", "MRS discogenic pain; acquisition", "Investigational", "Investigational", "Not covered (NCD 220.2.1)"],
        ["0610T", "MRS discogenic pain; transmission", "Investigational", "Investigational", "Not covered (NCD 220.2.1)"],
        ["0611T", "MRS discogenic pain; postprocessing", "Investigational", "Investigational", "Not covered (NCD 220.2.1)"],
        ["0612T", "MRS discogenic pain; interpretation", "Investigational", "Investigational", "Not covered (NCD 220.2.1)"],
        ["86353", "Lymphocyte transformation", "Inv. when for panel", "Inv. when for panel", "Inv. when for panel"],
        ["84999", "Unlisted chemistry procedure", "Inv. when for panel", "Inv. when for panel", "Inv. when for panel"],
        ["82607", "Vitamin B-12 (reference only)", "Not addressed", "Not addressed", "Not addressed"],
        ["82306", "Vitamin D, 25 hydroxy (reference only)", "Not addressed", "Not addressed", "Not addressed"],
    ]
    code_header(pdf)
    for r in rows:
        if pdf.get_y() > pdf.h - 26:
            pdf.add_page()
            code_header(pdf, cont=True)
        code_row(pdf, r)
    pdf.ln(3)
    para(pdf, "Inv. when for panel = investigational when billed for an intracellular micronutrient panel. "
              "PA = prior authorization required.", size=8)

    heading(pdf, "D. Member Liability and Appeals")
    para(pdf, "Medicaid and CHIP members may not be billed for services denied under this section.")
    para(pdf, "A Marketplace member may be billed for an investigational service only if the member agreed in "
              "writing, before the service, to pay for it.")
    para(pdf, "A provider may request a peer-to-peer discussion within 5 business days of a denial by calling "
              "713.555.0171. Members may appeal a denial as described in the member handbook.")

    heading(pdf, "E. Revision History")
    pdf.set_font("Helvetica", "B", 8.5)
    pdf.cell(28, 5.5, "Date", border=1)
    pdf.cell(162, 5.5, "Change", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8.5)
    for d, c in [("10/14/2025", "Revised: CMA added to examples; D-SNP NCD statement added. Approved by Medical Policy Committee."),
                 ("11/12/2024", "Annual review; no change in position."),
                 ("03/01/2019", "New clinical guideline.")]:
        pdf.cell(28, 5.5, d, border=1)
        pdf.cell(162, 5.5, c, border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.output(OUT)
    print("wrote", OUT, "pages:", pdf.page_no())


if __name__ == "__main__":
    main()
