#!/usr/bin/env python3
"""fictional example for development; not a real payer's policy

Builds northmarch-investigational-services-list.pdf (fpdf2) beside this script: a commercial
investigational (non-covered) services list with a code table that continues across a page break.
"""
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "northmarch-investigational-services-list.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, "Northmarch Health Plan  |  Medical Policy #410  |  Investigational (Non-Covered) Services List", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"Medical Policy #410  |  Effective 03/01/2026  |  (c) 2026 Northmarch Health Plan  |  Page {self.page_no()} of {{nb}}", align="C")


def para(pdf, text, bold=False, size=10):
    pdf.set_font("Helvetica", "B" if bold else "", size)
    pdf.multi_cell(0, 5, text)
    pdf.ln(1.5)


def row(pdf, cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    for c, w in zip(cells, widths):
        pdf.cell(w, 6, c, border=1)
    pdf.ln(6)


pdf = Doc(format="Letter")
pdf.alias_nb_pages()
pdf.set_auto_page_break(True, margin=18)
pdf.add_page()
para(pdf, "Medical Policy", bold=True, size=14)
para(pdf, "Medical Technology Assessment Investigational (Non-Covered) Services List", bold=True, size=12)
grid = [("Policy Number:", "410"), ("Effective Date:", "March 1, 2026"), ("Last Review:", "12/16/2025"),
        ("Next Review:", "12/2026"), ("Approved By:", ""), ("Replaces:", "Policy #410, effective 07/01/2025")]
for label, value in grid:
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(40, 5, label)
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
para(pdf, "Applicability", bold=True)
para(pdf, "This policy applies to all Northmarch commercial products (HMO, PPO, EPO and self-insured accounts we "
          "administer), except Northmarch Medicare Advantage plans. Medicare Advantage members: see Medicare Advantage "
          "Policy MA-400, which follows CMS National Coverage Determinations, including NCD 220.2.1.")
para(pdf, "Federal Employee Program (FEP) members: benefits are determined by the FEP Service Benefit Plan brochure. "
          "Northmarch Medicaid managed care plans may adopt this list where state contract rules allow.")
para(pdf, "Policy", bold=True)
para(pdf, "The services listed below are considered investigational (non-covered) because they do not meet the "
          "Northmarch Medical Technology Assessment Guidelines (Medical Policy #350). Entries appear here only for "
          "services that do not have their own Northmarch medical policy. All coverage is based on the member's plan "
          "documents; if they differ from this policy, the plan documents govern.")
para(pdf, "Prior authorization: not applicable. Requests for listed services are denied as investigational.")
para(pdf, "Table 1: Non-Covered CPT Codes and Code Descriptions", bold=True)
para(pdf, "The following CPT codes are investigational (not covered) for commercial products.")
W = (22, 128, 40)
row(pdf, ("CPT Code", "Description", "Status"), W, bold=True)
rows = [
    ("0174T", "CAD, chest radiograph(s), concurrent with primary interpretation", "Investigational"),
    ("0198T", "Measurement of ocular blood flow by repetitive IOP sampling", "Investigational"),
    ("0207T", "Evacuation of meibomian glands, automated, heat and pressure", "Investigational"),
    ("0330T", "Tear film imaging, unilateral or bilateral", "Removed 03/01/2026"),
    ("76390", "Magnetic resonance spectroscopy", "Investigational"),
]
for r in rows:
    row(pdf, r, W)
# push the MRS disc codes across the page break
pdf.ln(70)
rows2 = [
    ("0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc", "Investigational"),
    ("0610T", "MRS, discogenic pain; transmission of biomarker data", "Investigational"),
    ("0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Investigational"),
    ("0612T", "MRS, discogenic pain; interpretation and report", "Investigational"),
]
for r in rows2:
    if pdf.get_y() > pdf.h - 30:
        pdf.add_page()
        para(pdf, "Table 1 (continued)", bold=True)
        row(pdf, ("CPT Code", "Description", "Status"), W, bold=True)
    row(pdf, r, W)
pdf.ln(3)
para(pdf, "Note: 0330T was removed from this list on 03/01/2026; tear film imaging is addressed in Medical Policy "
          "#612, Dry Eye Diagnostics (effective 03/01/2026).")
para(pdf, "Table 2: Non-Covered Procedure Narratives", bold=True)
para(pdf, "Intracellular micronutrient testing (for example, lymphocyte-culture micronutrient panels). When billed for "
          "this test, CPT 84999 (unlisted chemistry procedure) is denied as investigational; 84999 billed for any "
          "other test is reviewed under the applicable policy.")
para(pdf, "Magnetic resonance spectroscopy is investigational for all indications, including brain tumors, "
          "epilepsy, dementia and discogenic pain.")
para(pdf, "Codes in this policy are listed for reference only and do not guarantee payment.", size=9)
para(pdf, "Policy History", bold=True)
for d, t in [("07/01/2012", "New policy."), ("07/01/2025", "Added 0609T-0612T."),
             ("03/01/2026", "Removed 0330T. Added intracellular micronutrient testing narrative.")]:
    row(pdf, (d, t, ""), (30, 140, 20))
pdf.output(OUT)
