#!/usr/bin/env python3
"""Build redwillow-health-plan-mr-spectroscopy.pdf (fpdf2).

Fictional example for evaluation; not a real payer's policy. Redwillow Health Plan, its manual, policy
numbers, people, phone numbers, dates and clinical criteria are invented (the criteria are not clinical
guidance). The layout imitates a section of a public Medi-Cal plan's provider policy and procedure manual
(chapter/section heading on every page, APPLIES TO / POLICY / PROCEDURES, approval block, running footer).
"""
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "redwillow-health-plan-mr-spectroscopy.pdf")
TOTAL = 3


class Manual(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 11)
        self.cell(0, 6, "12. UTILIZATION MANAGEMENT", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "B", 10)
        self.cell(0, 6, "F. Magnetic Resonance Spectroscopy", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-18)
        self.set_font("Helvetica", "", 8)
        self.cell(120, 4, "Redwillow Provider Policy and Procedure Manual 01/26")
        self.cell(0, 4, "MC_12F", align="R", new_x="LMARGIN", new_y="NEXT")
        self.cell(120, 4, "Medi-Cal")
        self.cell(0, 4, f"Page {self.page_no()} of {TOTAL}", align="R")


def para(pdf, text, indent=0, size=10, style="", gap=2):
    pdf.set_font("Helvetica", style, size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def heading(pdf, text):
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


W = (18, 92, 0)  # code, description, status (rest of line)


def row(pdf, code, desc, status, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    pdf.cell(W[0], 5, code)
    pdf.cell(W[1], 5, desc)
    pdf.cell(W[2], 5, status, new_x="LMARGIN", new_y="NEXT")


pdf = Manual(format="Letter")
pdf.set_margins(20, 15, 20)
pdf.set_auto_page_break(True, margin=22)
pdf.set_title("12F. Magnetic Resonance Spectroscopy")
pdf.set_author("Redwillow Health Plan (fictional)")
pdf.set_subject("fictional example for evaluation; not a real payer's policy")
pdf.set_keywords("fictional example for evaluation; not a real payer's policy")
pdf.set_creator("make_redwillow-health-plan-mr-spectroscopy_pdf.py (fpdf2)")

pdf.add_page()
heading(pdf, "APPLIES TO:")
para(pdf, "A. This policy applies to all Redwillow Health Plan Medi-Cal Members.", indent=5)
para(pdf, "B. This policy does not apply to Redwillow Confluence (HMO D-SNP) Members. Medicare coverage for "
          "Confluence Members is described in Policy MA_12F of the Redwillow Confluence Provider Manual.", indent=5)

heading(pdf, "POLICY:")
para(pdf, "A. Redwillow Health Plan covers proton magnetic resonance spectroscopy (MRS) of the brain (CPT 76390), "
          "with prior authorization, for Members younger than 19 years of age who meet all of the criteria in "
          "Procedure A below.", indent=5)
para(pdf, "B. MRS is investigational for all other indications, including brain tumors, dementia, multiple "
          "sclerosis, psychiatric disorders, prostate lesions and discogenic back pain (CPT 0609T, 0610T, 0611T "
          "and 0612T). Redwillow does not cover investigational services.", indent=5)
para(pdf, "C. Whole-body MRI offered as a screening test to Members who have no symptoms is investigational and is "
          "not covered. There is no specific code for this service.", indent=5)
para(pdf, "D. For Members under 21 years of age, a request that does not meet Procedure A is reviewed "
          "individually under the Early and Periodic Screening, Diagnostic and Treatment (EPSDT) standard of "
          "medical necessity.", indent=5)
para(pdf, "E. Laboratory tests sometimes ordered with MRS, such as intracellular micronutrient panels, are "
          "addressed in Policy MC_12K, Investigational Laboratory Tests.", indent=5)

heading(pdf, "PROCEDURES:")
para(pdf, "Editorial note: the criteria below were written for a software test and are not clinical guidance.",
     indent=5, size=8, style="I")
para(pdf, "A. Criteria for MRS of the brain. All of the following must be met:", indent=5, gap=1)
for item in [
    "1. The Member is younger than 19 years of age;",
    "2. A disorder of creatine synthesis or transport, or a mitochondrial disorder, is suspected on clinical "
    "grounds;",
    "3. Conventional brain MRI is performed before or at the same session; and",
    "4. The study is ordered by, or after consultation with, a pediatric neurologist or medical geneticist.",
]:
    para(pdf, item, indent=12, gap=1)
pdf.ln(1)
para(pdf, "B. Prior authorization. Submit requests through the Redwillow Provider Portal or fax the Treatment "
          "Authorization Request to Redwillow Utilization Management at (909) 555-0163. Routine requests are "
          "decided within 5 working days of receipt of the information needed to decide.", indent=5)
para(pdf, "C. Coding. The codes below are subject to this policy.", indent=5, gap=1)
row(pdf, "CPT", "Description", "Medi-Cal status", bold=True)
row(pdf, "76390", "Magnetic resonance spectroscopy", "Covered with prior authorization when")
row(pdf, "", "", "Procedure A is met; otherwise investigational")
row(pdf, "0609T", "MRS, discogenic pain; acquisition of single voxel data", "Investigational")
row(pdf, "0610T", "MRS, discogenic pain; transmission of biomarker data", "Investigational")

pdf.add_page()
para(pdf, "C. Coding (continued)", indent=5, gap=1)
row(pdf, "CPT", "Description", "Medi-Cal status", bold=True)
row(pdf, "0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Investigational")
row(pdf, "0612T", "MRS, discogenic pain; interpretation and report", "Investigational")
pdf.ln(3)
para(pdf, "A conventional brain MRI billed with MRS is not addressed by this policy. It is reviewed under Policy "
          "MC_12D, Advanced Imaging; this policy does not change how it is reviewed.", indent=5)
para(pdf, "D. Member billing. Providers may not bill Medi-Cal Members for MRS or other services denied under "
          "this policy.", indent=5)
para(pdf, "E. Appeals. A Member, or a Provider acting for the Member with written consent, may appeal a denial "
          "within 60 days of the Notice of Action. After the appeal, the Member may ask for a State Hearing.",
     indent=5)
para(pdf, "F. Evidence. Redwillow's review found that MRS results change management only in selected children "
          "with suspected inborn errors of metabolism; for other indications the evidence does not show "
          "improved health outcomes.", indent=5)

pdf.add_page()
heading(pdf, "REFERENCES:")
for ref in [
    "1. Redwillow Health Plan Medi-Cal contract with the State Department of Health Care Services, Exhibit A.",
    "2. Redwillow Medical Policy Committee evidence review, magnetic resonance spectroscopy, October 2025.",
    "3. Redwillow Provider Policy and Procedure Manual, Policy MC_12D, Advanced Imaging.",
]:
    para(pdf, ref, indent=5, gap=1)
pdf.ln(6)
pdf.set_font("Helvetica", "B", 10)
pdf.cell(0, 6, "REDWILLOW HEALTH PLAN", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 9)
for left, right in [
    ("Chief Approval: Signature on file", "Original Effective Date: March 1, 2018"),
    ("Chief Title: Chief Medical Officer", "Revision Date: November 12, 2025"),
    ("", "Revised Effective Date: January 1, 2026"),
]:
    pdf.cell(85, 5, left)
    pdf.cell(0, 5, right, new_x="LMARGIN", new_y="NEXT")

pdf.output(OUT)
print("wrote", OUT)
