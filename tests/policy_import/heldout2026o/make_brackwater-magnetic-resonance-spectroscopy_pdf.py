#!/usr/bin/env python3
"""Build brackwater-magnetic-resonance-spectroscopy.pdf.

fictional example for evaluation; not a real payer's policy.
Layout modelled on the public Molina Clinical Policy (MCP) pages; payer, plan names, numbers,
dates, people and clinical criteria are invented (the criteria are not clinical guidance).
"""
import os
from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "brackwater-magnetic-resonance-spectroscopy.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Brackwater Clinical Policy", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Magnetic Resonance Spectroscopy (MRS): Policy No. BCP-274", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", new_x="LMARGIN", new_y="NEXT", align="C")
        self.cell(0, 4, "Brackwater Health, Inc. | Provider Services 1-888-555-0119", align="C")


pdf = Doc(format="Letter")
pdf.alias_nb_pages()
pdf.set_margins(20, 15, 20)
pdf.set_auto_page_break(True, margin=22)
pdf.set_title("Magnetic Resonance Spectroscopy (MRS) - BCP-274")
pdf.set_author("Brackwater Health (fictional)")
pdf.set_subject("fictional example for evaluation; not a real payer's policy")
pdf.set_keywords("fictional example for evaluation; not a real payer's policy")
pdf.add_page()
W = 0


def h(text):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(W, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def p(text):
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(W, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def label(name, value):
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(55, 5, name)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")


pdf.set_font("Helvetica", "B", 14)
pdf.cell(0, 8, "Magnetic Resonance Spectroscopy (MRS)", new_x="LMARGIN", new_y="NEXT")
label("Policy No.:", "BCP-274")
label("Original Effective Date:", "02/14/2024")
label("Last Approval:", "06/10/2025")
label("Effective Date:", "08/01/2025")
label("Revision Date:", "")
label("Next Review Due By:", "June 2026")
pdf.ln(2)

h("Disclaimer")
p("Brackwater Clinical Policies (BCPs) are one of the sets of guidelines Brackwater Health uses to make "
  "coverage determinations. A BCP does not authorize a service and is not an explanation of benefits. "
  "The member's benefit document governs where it differs from a BCP.")
p("BCPs apply to all Brackwater lines of business, Medicaid, Marketplace and Medicare, unless otherwise "
  "stated. For Medicare members a National Coverage Determination (NCD) supersedes a BCP, and for "
  "Medicaid members state requirements supersede it.")

h("Overview")
p("Proton magnetic resonance spectroscopy (MRS) is performed on an MRI scanner and produces a spectrum "
  "of metabolites, such as N-acetylaspartate, choline, creatine and lactate, in a selected volume of "
  "tissue. MRS of lumbar intervertebral discs has been proposed to identify painful discs.")

h("Coverage Policy")
p("Editorial note: the criteria below were written for this fictional example and are not clinical guidance.")
p("Medicaid and Marketplace: Brain MRS (CPT 76390) is considered medically necessary when ALL of the "
  "following are met:")
p("1. The member has received radiation therapy for a primary high-grade glioma; AND\n"
  "2. Contrast-enhanced MRI of the brain shows a new or enlarging enhancing lesion that perfusion MRI "
  "has not characterized; AND\n"
  "3. A multidisciplinary tumor board documents that the result will decide between re-resection and "
  "continued surveillance.")
p("Brain MRS is considered experimental, investigational and unproven for all other indications, "
  "including dementia, epilepsy, multiple sclerosis, psychiatric disorders, and prostate or breast lesions.")
p("MRS of intervertebral discs for discogenic pain (CPT 0609T, 0610T, 0611T, 0612T) is considered "
  "experimental, investigational and unproven.")
p("Medicare: Brackwater Medicare Complete members follow NCD 220.2.1, Magnetic Resonance Spectroscopy, "
  "under which MRS is not covered for any indication. CMS reaffirmed this national noncoverage in 2004. "
  "The Medicaid and Marketplace criteria above do not apply to Medicare members.")
p("Prior authorization is required for CPT 76390 for Medicaid and Marketplace members.")

h("Summary of Medical Evidence")
p("Studies of MRS for other indications are small and retrospective, and they do not show that MRS "
  "results change management or improve outcomes compared with conventional and perfusion MRI.")

h("Appeals")
p("A member or provider may appeal a denial under this policy by following the instructions in the "
  "denial letter. Medicare members may also request a pre-service organization determination.")

h("Definitions")
p("Experimental, investigational and unproven: a service whose effect on health outcomes has not been "
  "shown in published peer-reviewed studies of adequate size and design, or that is not accepted as "
  "standard practice for the condition. Services that are experimental, investigational and unproven are "
  "not covered.")
h("Coding & Billing Information")
p("CPT (Current Procedural Terminology) codes. CPT is a registered trademark of the American Medical "
  "Association; CPT codes and descriptions are copyright 2024 American Medical Association.")

rows = [
    ("76390", "Magnetic resonance spectroscopy", "Medically necessary when criteria are met (Medicaid, Marketplace)"),
    ("0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc", "Experimental/investigational"),
    ("0610T", "MRS, discogenic pain; transmission of biomarker data", "Experimental/investigational"),
    ("0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Experimental/investigational"),
    ("0612T", "MRS, discogenic pain; interpretation and report", "Experimental/investigational"),
]
COLS = (22, 78, 70)


def table_header(cont=False):
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(COLS[0], 6, "CPT", border=1)
    pdf.cell(COLS[1], 6, "Description" + (" (continued)" if cont else ""), border=1)
    pdf.cell(COLS[2], 6, "Status", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)


# the table is split over two pages, with its header repeated, as in many payer PDFs
table_header()
pdf.set_auto_page_break(False)
for i, (code, desc, status) in enumerate(rows):
    if i == 3:
        pdf.add_page()
        table_header(cont=True)
    y = pdf.get_y()
    pdf.multi_cell(COLS[0], 5, code, border=1, new_x="RIGHT", new_y="TOP", max_line_height=5)
    pdf.multi_cell(COLS[1], 5, desc, border=1, new_x="RIGHT", new_y="TOP", max_line_height=5)
    pdf.multi_cell(COLS[2], 5, status, border=1, new_x="LMARGIN", new_y="NEXT", max_line_height=5)
    pdf.set_y(max(pdf.get_y(), y + 10))
pdf.set_auto_page_break(True, margin=22)
pdf.ln(3)
p("HCPCS: no HCPCS Level II code describes MRS.")
p("A brain MRI done at the same session is billed with its own code and reviewed under the advanced "
  "imaging guidelines; this policy does not change it.")

h("Review/Revision History")
p("02/14/2024  New policy. MRS experimental/investigational for all indications.")
p("06/12/2024  Annual review. Category III codes 0609T-0612T listed.")
p("06/10/2025  Annual review. Medically necessary criteria added for Medicaid and Marketplace; Medicare "
  "section now names NCD 220.2.1. Effective 08/01/2025.")
p("Approved by: Delia Marsh, MD, Chief Medical Officer, Brackwater Health")

pdf.output(OUT)
print("wrote", OUT, "pages:", pdf.page_no())
