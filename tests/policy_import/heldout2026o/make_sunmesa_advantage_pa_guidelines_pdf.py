#!/usr/bin/env python3
"""Build sunmesa-advantage-pa-guidelines.pdf.

FICTIONAL EXAMPLE FOR EVALUATION; NOT A REAL PAYER'S POLICY. Sunmesa Blue Advantage, its plans, contract
numbers, phone numbers, people and dates are invented. Layout modelled on a real Medicare Advantage plan's
prior authorization guidelines (see the key's note). The provenance statement lives here and in the PDF
metadata only, not in the page text.
"""
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sunmesa-advantage-pa-guidelines.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Sunmesa Blue Advantage  |  2026 Prior Authorization Guidelines", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(120, 120, 120)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, f"Y0147_PAG26_C     Revised 11/2025     Page {self.page_no()} of {{nb}}", align="C")


pdf = Doc(format="letter")
pdf.set_title("2026 Sunmesa Blue Advantage Prior Authorization Guidelines")
pdf.set_author("Sunmesa Blue Advantage (fictional)")
pdf.set_subject("fictional example for evaluation; not a real payer's policy")
pdf.set_keywords("fictional example for evaluation; not a real payer's policy")
pdf.set_auto_page_break(True, margin=20)
pdf.set_margins(18, 14, 18)
pdf.add_page()
W = pdf.w - pdf.l_margin - pdf.r_margin


def h1(t):
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(W, 7, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def h2(t):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(W, 6, t, new_x="LMARGIN", new_y="NEXT")


def p(t, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9.5)
    pdf.multi_cell(W, 5, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def row(cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    for c, w in zip(cells, widths):
        pdf.cell(w, 6, " " + c + " ", border=1)
    pdf.ln(6)


h1("2026 Sunmesa Blue Advantage Prior Authorization Guidelines (Effective January 1, 2026)")
p("For questions or more information, please contact Sunmesa Blue Advantage Provider Services at: 1-800-555-0138")
p("*All services and procedures, regardless of place of service, must meet medical necessity criteria.")
p("Approved by the Sunmesa Utilization Management Committee: October 21, 2025")

h2("Plans Covered by These Guidelines")
p("These guidelines apply to the following Sunmesa Blue Advantage plans:")
wp = [95, 40, W - 135]
row(["Benefit plan", "Contract-plan", "Service area"], wp, bold=True)
row(["Sunmesa Blue Advantage Classic (HMO)", "H9968-002", "Maricopa, Pinal"], wp)
row(["Sunmesa Blue Advantage Choice (PPO)", "H7730-001", "Maricopa, Pima"], wp)
row(["Sunmesa Blue Dual Care (HMO D-SNP)", "H9968-009", "Maricopa"], wp)
pdf.ln(2)
p("For Sunmesa Blue Dual Care members these guidelines govern Medicare-covered services; Medicaid-covered "
  "services may also be subject to the state Medicaid program's rules.")
p("These guidelines do not apply to Sunmesa Blue commercial group or individual plans, or to Sunmesa "
  "Medicare Supplement plans.")

h2("General Statements")
p("Organization Determinations - Status Definitions", bold=True)
p("Expedited: when the member or the member's physician believes that waiting for a standard decision could "
  "seriously jeopardize the member's life, health or ability to regain maximum function.")
p("Standard: a decision is made as quickly as the member's health condition requires and no later than 14 "
  "calendar days after the request is received.")
p("Inpatient Admissions", bold=True)
p("Prior authorization is not required for an emergency inpatient admission. Notify Sunmesa Blue Advantage "
  "of the admission within one business day so the stay can be reviewed.")
p("Out-of-Network Services", bold=True)
p("Network providers must obtain prior authorization before referring a member to a non-network provider "
  "or facility for non-emergency care.")
p("Durable Medical Equipment", bold=True)
p("Any item for which the billed amount exceeds $1,500.00.")
p("Advanced Imaging", bold=True)
p("CT, CTA, MRI, MRA and PET for members in Pinal County (as of April 1, 2026): submit requests to Desertline "
  "Imaging Review, Phone 1-866-555-0119, Fax 1-866-555-0120.")
p("Experimental or Investigational Items", bold=True)
p("Drugs, services, treatments or supplies that the Sunmesa Blue Advantage medical staff, with appropriate "
  "consultation, determines to be experimental, investigational or unproven are not covered, unless Medicare "
  "covers them under a national or local coverage determination.")

pdf.add_page()
h2("Services Not Covered - Do Not Request Prior Authorization")
p("The services below are not covered for Sunmesa Blue Advantage members. Requests for prior authorization "
  "will be denied; claims will be denied.")
wt = [72, 28, W - 100]
row(["Service", "Code", "Status"], wt, bold=True)
row(["Magnetic resonance spectroscopy", "76390", "Not covered (NCD 220.2.1)"], wt)
row(["MRS, discogenic pain; acquisition", "0609T", "Not covered (NCD 220.2.1)"], wt)
row(["MRS, discogenic pain; data transfer", "0610T", "Not covered (NCD 220.2.1)"], wt)
pdf.ln(3)
p("Table continues on the next page.")
pdf.add_page()
h2("Services Not Covered (continued)")
row(["Service", "Code", "Status"], wt, bold=True)
row(["MRS, discogenic pain; postprocessing", "0611T", "Not covered (NCD 220.2.1)"], wt)
row(["MRS, discogenic pain; interpretation", "0612T", "Not covered (NCD 220.2.1)"], wt)
row(["Intracellular micronutrient testing", "84999", "Investigational; see note below"], wt)
pdf.ln(3)
p("Magnetic resonance spectroscopy", bold=True)
p("Governing guidance: Medicare National Coverage Determination (NCD) 220.2.1, Magnetic Resonance "
  "Spectroscopy. CMS has found MRS not reasonable and necessary for any indication; it last reaffirmed the "
  "national noncoverage in 2004. Sunmesa Blue Advantage follows NCD 220.2.1: MRS is not covered for any "
  "indication, and prior authorization requests for it will be denied.")
p("Intracellular micronutrient testing", bold=True)
p("Examples: SpectraCell Micronutrient Test (SpectraCell Laboratories); cellular micronutrient assay (CMA) "
  "(Cell Science Systems).")
p("No NCD or LCD addresses intracellular micronutrient testing. Sunmesa Blue Advantage considers intracellular "
  "micronutrient testing investigational, and it is not covered. 84999 is an unlisted code; it is denied under "
  "these guidelines only when billed for intracellular micronutrient testing.")
p("Member Rights", bold=True)
p("A member, the member's representative or a treating provider may ask Sunmesa Blue Advantage for a "
  "pre-service organization determination before a service is furnished. A member who receives a denial may "
  "appeal as described in the denial notice.")
p("Revision History", bold=True)
p("11/2025 - Revised: MRS (76390, 0609T, 0610T, 0611T, 0612T) and intracellular micronutrient testing added to "
  "Services Not Covered.")
p("10/2024 - Annual update of plan list and imaging vendor contacts.")
pdf.ln(2)
pdf.set_font("Helvetica", "", 8)
pdf.multi_cell(W, 4, "CPT codes, descriptions and other data only are copyright 2025 American Medical Association. "
               "All rights reserved. Sunmesa Blue Advantage is a Medicare Advantage organization with a Medicare "
               "contract. Enrollment depends on contract renewal.", new_x="LMARGIN", new_y="NEXT")
pdf.output(OUT)
print("wrote", OUT)
