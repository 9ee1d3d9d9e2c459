#!/usr/bin/env python3
"""Build larkspur-unlisted-lab-codes-panels.pdf.

fictional example for development; not a real payer's policy

A two-page reimbursement (payment) policy in the style of a clinical payment and coding policy:
running header and footer, a label grid with an empty label, a component-code table that is split
across the page break, a wrapped descriptor, a deleted row and codes sent to other policies.
Requires fpdf2.
"""
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "larkspur-unlisted-lab-codes-panels.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, "Larkspur Health Alliance - Clinical Payment and Coding Policy", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "RPL-LAB-027  Unlisted Laboratory Codes and Laboratory Panels  (2026)", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, f"Page {self.page_no()} of 2   |   Effective 04/01/2026   |   (c) 2026 Larkspur Health Alliance", align="C")


def para(pdf, text, size=9, style="", h=4.6):
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, h, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.2)


def row(pdf, code, desc, status, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 8.5)
    pdf.cell(18, 5, code)
    pdf.cell(98, 5, desc)
    pdf.cell(0, 5, status, new_x="LMARGIN", new_y="NEXT")


pdf = Doc(format="letter")
pdf.set_auto_page_break(False)
pdf.set_margins(18, 12, 18)
pdf.add_page()

pdf.set_font("Helvetica", "B", 13)
pdf.cell(0, 7, "Unlisted Laboratory Codes and Laboratory Panels", new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
pdf.set_font("Helvetica", "", 8.5)
grid = [
    ("Policy Number: RPL-LAB-027", "Policy Type: Reimbursement"),
    ("Effective Date: 04/01/2026", "Original Effective Date: 09/01/2019"),
    ("Last Reviewed: Jan. 20, 2026", "Next Review:"),
    ("Replaces: RPL-LAB-027 (10/01/2024)", "Department: Payment Integrity"),
]
for a, b in grid:
    pdf.cell(88, 4.8, a)
    pdf.cell(0, 4.8, b, new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)

para(pdf, "Applicable lines of business", 10, "B")
para(pdf, "This policy applies to all Larkspur Health Alliance products, including commercial and Larkspur "
          "Medicare Advantage plans, except Larkspur ClearPath (Medicaid), which is reimbursed under the state "
          "Medicaid fee schedule and the state's laboratory billing guide. Federal Employee Program (FEP) claims "
          "are processed under the FEP Service Benefit Plan.")

para(pdf, "Description", 10, "B")
para(pdf, "Unlisted laboratory codes (for example, 84999 Unlisted chemistry procedure) are reported when no "
          "specific CPT or HCPCS code describes the test performed. Some laboratories bill multi-analyte panels, "
          "such as micronutrient panels, either under an unlisted code or as a string of individual component "
          "codes on one date of service.")

para(pdf, "Reimbursement Information", 10, "B")
para(pdf, "1. An unlisted laboratory code is reimbursable only when the claim includes a description of the test "
          "and the laboratory's report, and no specific code describes the test. Unlisted codes submitted without "
          "this documentation will be denied.")
para(pdf, "2. Micronutrient panels, including intracellular micronutrient panels (for example, SpectraCell "
          "Micronutrient Test, Vibrant Micronutrients), are not reimbursable, whether billed under an unlisted "
          "code or as separate component codes.")
para(pdf, "3. When billed as part of a micronutrient panel, the component codes in Table 1 are not reimbursable. "
          "Billed alone for a documented deficiency or another medically necessary purpose, they are processed "
          "under the member's benefits and the applicable medical policy.")
para(pdf, "4. Organ or disease panels (for example, 80053 and 80061) are not addressed here; see RPL-LAB-011, "
          "Laboratory Panel Bundling (effective 07/01/2025).")

para(pdf, "Table 1: Component codes not reimbursable when billed as part of a micronutrient panel", 9, "B")
row(pdf, "Code", "Description", "Status", bold=True)
row(pdf, "84999", "Unlisted chemistry procedure", "Not reimbursable in a panel")
row(pdf, "82306", "Vitamin D; 25 hydroxy, includes fraction(s),", "Not reimbursable in a panel")
row(pdf, "", "if performed", "")
row(pdf, "82607", "Cyanocobalamin (Vitamin B-12)", "Not reimbursable in a panel")
row(pdf, "82746", "Folic acid; serum", "Not reimbursable in a panel")
row(pdf, "84630", "Zinc", "Not reimbursable in a panel")

pdf.add_page()
para(pdf, "Table 1 (continued)", 9, "B")
row(pdf, "Code", "Description", "Status", bold=True)
row(pdf, "86353", "Lymphocyte transformation, mitogen (phytomitogen)", "Not reimbursable in a panel")
row(pdf, "", "or antigen induced blastogenesis", "")
row(pdf, "88348", "Electron microscopy, diagnostic", "Not reimbursable in a panel")
row(pdf, "82652", "Vitamin D; 1, 25 dihydroxy", "Deleted from table 01/01/2026")
pdf.ln(2)
para(pdf, "Unlisted molecular pathology (81479) is addressed in RPL-LAB-019, Molecular Pathology Services.")
para(pdf, "Codes are listed for reference only; listing a code does not imply that it is covered or reimbursable.", 8, "I")

para(pdf, "Related Policies", 10, "B")
pdf.set_font("Helvetica", "", 8.5)
for line in [
    "RPL-LAB-011  Laboratory Panel Bundling",
    "RPL-LAB-019  Molecular Pathology Services",
    "RPL-GEN-002  Documentation Requirements for Unlisted Codes",
    "Medical policy: Intracellular Micronutrient Analysis (for coverage of the test itself)",
]:
    pdf.cell(0, 4.8, line, new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)

para(pdf, "Definitions", 10, "B")
para(pdf, "Micronutrient panel: two or more vitamin, mineral, antioxidant or amino acid assays billed on one date of "
          "service under a product name or as a package offered by the performing laboratory.")
para(pdf, "Unlisted code: a CPT code ending in 99 (or 79 for molecular pathology) used when no specific code applies.")

para(pdf, "Documentation and Appeals", 10, "B")
para(pdf, "Providers may submit a corrected claim or a reconsideration request with the laboratory report within "
          "180 days of the denial. Members may not be billed for services denied under this policy.")

para(pdf, "Policy Update History", 10, "B")
pdf.set_font("Helvetica", "", 8.5)
for a, b in [
    ("09/01/2019", "New policy."),
    ("10/01/2024", "Added Vibrant Micronutrients as an example."),
    ("01/20/2026", "Annual review. Removed 82652 from Table 1. Sent organ/disease panels to RPL-LAB-011."),
]:
    pdf.cell(24, 4.8, a)
    pdf.cell(0, 4.8, b, new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
para(pdf, "References: American Medical Association, CPT Professional Edition, 2026. CMS, Medicare Claims "
          "Processing Manual, Chapter 16, Laboratory Services.", 8)

pdf.output(OUT)
print(OUT)
