#!/usr/bin/env python3
"""Build stillcove-health-mrs-clinical-policy.pdf.

Fictional example for testing; not a real payer's policy. (This marker lives only in this script;
nothing in the PDF says so.) Layout modelled on a UnitedHealthcare Oxford clinical policy PDF
(Magnetic Resonance Spectroscopy, RADIOLOGY 038.10 T2): title block, table of contents with page
numbers, applicable lines of business/products table, coverage rationale, applicable codes with a
"reference purposes only" disclaimer, policy history, and a footer repeated on every page.
usage: python make_stillcove-health-mrs-clinical-policy_pdf.py
"""
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "stillcove-health-mrs-clinical-policy.pdf")
TITLE = "Magnetic Resonance Spectroscopy (MRS)"


class Doc(FPDF):
    def footer(self):
        self.set_y(-18)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, f"{TITLE} Page {self.page_no()} of {{nb}}", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "Stillcove Health Clinical Policy Effective 04/01/2026", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "Proprietary Information of Stillcove Health. Copyright 2026 Stillcove Health Plans, Inc.")


def h(pdf, text):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)


def p(pdf, text):
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 4.6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.2)


def bullets(pdf, items):
    for it in items:
        pdf.set_x(pdf.l_margin + 4)
        pdf.multi_cell(0, 4.6, "- " + it, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.2)


def table(pdf, widths, rows, bold_first=True):
    for i, row in enumerate(rows):
        pdf.set_font("Helvetica", "B" if (i == 0 and bold_first) else "", 8.5)
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.4, first_row_as_headings=False) as t:
            r = t.row()
            for c in row:
                r.cell(c)
    pdf.ln(2)


pdf = Doc(format="Letter")
pdf.set_margins(18, 16, 18)
pdf.set_auto_page_break(True, margin=24)
pdf.alias_nb_pages()
pdf.add_page()

pdf.set_font("Helvetica", "B", 14)
pdf.cell(0, 8, "STILLCOVE HEALTH", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "B", 12)
pdf.cell(0, 7, "MAGNETIC RESONANCE SPECTROSCOPY (MRS)", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 9)
pdf.cell(0, 5, "Policy Number: RADIOLOGY 041.6 T2", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "Effective Date: April 1, 2026", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)

h(pdf, "Table of Contents Page")
for line in ["INSTRUCTIONS FOR USE .................................... 1",
             "APPLICABLE LINES OF BUSINESS/PRODUCTS ........... 1",
             "COVERAGE RATIONALE ..................................... 1",
             "APPLICABLE CODES ........................................ 1",
             "CLINICAL EVIDENCE ....................................... 2",
             "POLICY HISTORY/REVISION INFORMATION ............. 2"]:
    pdf.cell(0, 4.4, line, new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
h(pdf, "Related Policies")
p(pdf, "Commercial: Magnetic Resonance Imaging (MRI) of the Brain. Community Plan: Magnetic Resonance Spectroscopy "
       "(Community Plan Policy CS-RAD-118). Medicare Advantage: Radiologic Procedures (Coverage Summary MA-RAD-02).")

h(pdf, "INSTRUCTIONS FOR USE")
p(pdf, "This Clinical Policy provides assistance in interpreting Stillcove Health standard benefit plans. When deciding "
       "coverage, the member specific benefit plan document must be referenced. In the event of a conflict, the member "
       "specific benefit plan document supersedes this Clinical Policy.")

h(pdf, "APPLICABLE LINES OF BUSINESS/PRODUCTS")
p(pdf, "This policy applies to the products marked Yes in the table below.")
table(pdf, (104, 70), [
    ("Product", "Applies"),
    ("Stillcove Commercial HMO, EPO and PPO plans, fully insured and self-funded", "Yes"),
    ("Stillcove Individual Exchange plans", "Yes"),
    ("Stillcove Medicare Advantage (Stillcove Medicare Select HMO)", "No; see Coverage Summary MA-RAD-02"),
    ("Stillcove Community Plan (Medicaid)", "No; see Policy CS-RAD-118"),
])

h(pdf, "COVERAGE RATIONALE")
p(pdf, "Proton magnetic resonance spectroscopy (MRS) of the brain is proven and medically necessary to distinguish "
       "recurrent or residual brain tumor from radiation necrosis when all of the following criteria are met:")
bullets(pdf, [
    "The member has a primary or metastatic brain tumor treated with radiation therapy; and",
    "A new or enlarging enhancing lesion on conventional contrast-enhanced MRI is indeterminate for tumor versus "
    "radiation necrosis; and",
    "The result will decide between biopsy, surgery or continued surveillance.",
])
p(pdf, "Magnetic resonance spectroscopy is unproven and therefore investigational for all other indications, including:")
bullets(pdf, [
    "Initial diagnosis or grading of brain tumors;",
    "Dementia, epilepsy, multiple sclerosis, traumatic brain injury and psychiatric disorders;",
    "Breast, prostate and musculoskeletal lesions;",
    "Discogenic back pain, including MRS of intervertebral discs with algorithmic analysis (0609T, 0610T, 0611T, 0612T).",
])
p(pdf, "Precertification is required for CPT code 76390 for all commercial products listed above. Call 1-800-555-0187, "
       "option 3, or submit the request online.")

h(pdf, "APPLICABLE CODES")
p(pdf, "The following list(s) of procedure codes is provided for reference purposes only and may not be all inclusive. "
       "Listing of a code in this policy does not imply that the service described by the code is a covered or "
       "non-covered health service. Coverage is decided by the Coverage Rationale above.")
table(pdf, (22, 152), [
    ("CPT Code", "Description"),
    ("76390", "Magnetic resonance spectroscopy"),
    ("0609T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain (cervical, thoracic, "
              "or lumbar); acquisition of single voxel data, per disc, on biomarkers, in at least 3 discs"),
    ("0610T", "...; transmission of biomarker data for software analysis"),
    ("0611T", "...; postprocessing for algorithmic analysis of biomarker data for determination of relative "
              "chemical differences between discs"),
    ("0612T", "...; interpretation and report"),
])
p(pdf, "CPT is a registered trademark of the American Medical Association.")
p(pdf, "An MRI of the brain performed at the same session (70551, 70552 or 70553) is reviewed under the Commercial "
       "policy Magnetic Resonance Imaging (MRI) of the Brain and is not addressed by this policy.")

h(pdf, "CLINICAL EVIDENCE")
p(pdf, "Studies of MRS for telling recurrent tumor from radiation necrosis report moderate accuracy when MRS is added to "
       "conventional MRI in selected patients. For the other indications listed above, the evidence consists of small "
       "diagnostic accuracy studies that do not show that MRS changes management or improves health outcomes.")

h(pdf, "POLICY HISTORY/REVISION INFORMATION")
table(pdf, (28, 146), [
    ("Date", "Summary of Changes"),
    ("04/01/2026", "Annual review; proven indication added (recurrent tumor vs radiation necrosis)"),
    ("04/01/2026", "Code disclaimer added; archived previous policy version RADIOLOGY 041.5 T2"),
    ("06/01/2024", "Applicable Lines of Business/Products: added Individual Exchange plans"),
    ("01/01/2021", "Applicable Codes: added CPT codes 0609T, 0610T, 0611T and 0612T as unproven"),
    ("09/01/2014", "New policy: MRS unproven for all indications"),
])

pdf.output(OUT)
print("wrote", OUT)
