#!/usr/bin/env python3
"""Build mistlecove-authorization-guidelines-mrs.pdf with fpdf2.

Fictional example for testing; not a real payer's policy. Mistlecove Health, its plans, guideline
number, phone numbers and form numbers are invented. Layout modelled on a public CareOregon
"AUTHORIZATION GUIDELINES - CareOregon / OHP Plus Members" grid (https://expydoc.com/doc/4573015/ohp-plus-plan).
Real: CPT 76390, 0609T-0612T, 70551-70553, CMS NCD 220.2.1, OAR 410-141-3835.
"""
import os
from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "mistlecove-authorization-guidelines-mrs.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 11)
        self.cell(0, 6, "AUTHORIZATION GUIDELINES - Mistlecove Health", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "OHP and Advantage Plus Members - Revised March 16, 2026", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"MH-AG-RAD-014    Page {self.page_no()} of {{nb}}", align="C")


def para(pdf, text, bold=False, size=9.5, h=5):
    pdf.set_font("Helvetica", "B" if bold else "", size)
    pdf.multi_cell(0, h, text, new_x="LMARGIN", new_y="NEXT")


def row(pdf, cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 8)
    for c, w in zip(cells, widths):
        pdf.cell(w, 6, c, border=1)
    pdf.ln(6)


pdf = Doc(format="Letter")
pdf.alias_nb_pages()
pdf.set_auto_page_break(True, margin=18)
pdf.add_page()

para(pdf, "Advanced Imaging and Magnetic Resonance Spectroscopy", bold=True, size=12, h=7)
para(pdf, "Guideline ID: MH-AG-RAD-014")
para(pdf, "Applies to: Mistlecove OHP (Oregon Health Plan) members and Mistlecove Advantage Plus (HMO D-SNP) members.")
para(pdf, "Effective for dates of service on or after April 1, 2026.")
pdf.ln(2)
para(pdf, "INSTRUCTIONS:", bold=True)
for line in [
    "1. If OHP is the secondary payer, follow the primary plan's guidelines for coverage.",
    "2. Verify member eligibility before every service. An authorization is not valid for dates on which the member is not enrolled.",
    "3. For OHP members, verify that the diagnosis and procedure are funded by using the Prioritized List of Health Services.",
    "4. CPT codes not listed on the No Authorization Required list require authorization for payment.",
    "5. Authorization requests are processed under the plan's written procedures (OAR 410-141-3835).",
    "6. Changes to these guidelines are posted on the 15th day of the calendar month (or the next business day).",
    "Questions: Mistlecove Utilization Management, phone 503-555-0148, fax 503-555-0163.",
]:
    para(pdf, line)
pdf.ln(3)

W = [62, 44, 44, 46]
row(pdf, ["Service (CPT)", "Mistlecove OHP", "Advantage Plus", "Notes"], W, bold=True)
row(pdf, ["MRI brain (70551, 70552, 70553)", "Authorization required", "Authorization required", "Advanced imaging criteria"], W)
row(pdf, ["MR spectroscopy (76390)", "Not covered: investigational", "Not covered: NCD 220.2.1", "No authorization issued"], W)
row(pdf, ["MRS, discogenic pain (0609T)", "Not covered: investigational", "Not covered: NCD 220.2.1", "Category III code"], W)
row(pdf, ["MRS, discogenic pain (0610T)", "Not covered: investigational", "Not covered: NCD 220.2.1", "Category III code"], W)
row(pdf, ["MRS, discogenic pain (0611T)", "Not covered: investigational", "Not covered: NCD 220.2.1", "Category III code"], W)
row(pdf, ["MRS, discogenic pain (0612T)", "Not covered: investigational", "Not covered: NCD 220.2.1", "Category III code"], W)
pdf.ln(2)
para(pdf, "A brain MRI performed at the same session as MRS is reviewed on its own under the advanced imaging criteria; the MRS rows do not change it.")

pdf.add_page()
para(pdf, "Magnetic resonance spectroscopy (MRS)", bold=True, size=11, h=6)
para(pdf, "Mistlecove OHP", bold=True)
para(pdf, "Mistlecove Health considers MRS (CPT 76390, 0609T, 0610T, 0611T and 0612T) investigational for all indications. "
          "Investigational services are not covered for OHP members, and requests for authorization will be denied.")
para(pdf, "For OHP members under 21 years of age, a request is reviewed individually under the Early and Periodic Screening, "
          "Diagnostic and Treatment (EPSDT) benefit before any denial is issued.")
pdf.ln(2)
para(pdf, "Mistlecove Advantage Plus", bold=True)
para(pdf, "Mistlecove Advantage makes coverage decisions based on National Coverage Determinations (NCDs), Local Coverage "
          "Determinations (LCDs) and other CMS guidance. For MRS the governing guidance is NCD 220.2.1, Magnetic Resonance "
          "Spectroscopy, under which MRS is not covered for any indication. CMS last reaffirmed that noncoverage in 2004.")
para(pdf, "LCDs: N/A")
para(pdf, "Members who have Original Medicare (fee-for-service) and OHP but are not enrolled in Mistlecove Advantage Plus are "
          "not addressed by the Advantage Plus column; Original Medicare pays first under its own rules.")
pdf.ln(2)
para(pdf, "Member billing and appeals", bold=True)
para(pdf, "Providers may not bill an OHP member for MRS unless the member signed the Client Agreement to Pay for Health "
          "Services (form MH-1102) before the service.")
para(pdf, "A Mistlecove Advantage Plus member may ask for a pre-service organization determination, and may appeal a denial "
          "within 65 days of the date of the notice.")
para(pdf, "Evidence review: published studies of MRS have not shown that its results change management or improve outcomes "
          "compared with conventional MRI alone.")

pdf.add_page()
para(pdf, "Revision log", bold=True, size=11, h=6)
W2 = [30, 166]
row(pdf, ["Date", "Change"], W2, bold=True)
row(pdf, ["01/15/2024", "Guideline created; MRS rows added (76390, 0609T-0612T)."], W2)
row(pdf, ["03/14/2025", "Annual review; no change in coverage."], W2)
row(pdf, ["03/16/2026", "Annual review; Advantage column renamed Advantage Plus; EPSDT note added."], W2)
pdf.ln(3)
para(pdf, "These guidelines do not guarantee payment. Payment depends on eligibility, benefits, correct coding and the "
          "member's coverage on the date of service.")

pdf.output(OUT)
print("wrote", OUT)
