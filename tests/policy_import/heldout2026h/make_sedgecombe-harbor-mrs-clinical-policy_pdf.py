#!/usr/bin/env python3
# fictional example for development; not a real payer's policy
#
# Builds sedgecombe-harbor-mrs-clinical-policy.pdf with fpdf2. Harbor Health Plan of Sedgecombe, its
# products (SedgeCare, ALLIANCE), its policy numbers and every date are invented. Real: the CPT codes and
# CMS NCD 220.2.1. The layout imitates a regional Medicaid/dual-eligible health plan's Clinical Medical
# Policy (label grid with an "Annual Review Month", checked lines of business, a "Medicare Distinction"
# paragraph, a coding table, a "Summary of Changes" table, a running footer with a copyright line).
#
# usage: python make_sedgecombe-harbor-mrs-clinical-policy_pdf.py
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "sedgecombe-harbor-mrs-clinical-policy.pdf")

PAYER = "Harbor Health Plan of Sedgecombe"
TITLE = "Magnetic Resonance Spectroscopy (MRS)"


class PolicyPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.set_text_color(20, 60, 110)
        self.cell(95, 5, PAYER, new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Clinical Medical Policy", align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(20, 60, 110)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(70, 4, PAYER + " \u00a9 2025", new_x="RIGHT", new_y="TOP")
        self.cell(70, 4, "Proprietary & Confidential - Not for Distribution", align="C", new_x="RIGHT", new_y="TOP")
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def heading(pdf, text):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.set_text_color(20, 60, 110)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)


def subheading(pdf, text):
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")


def para(pdf, text, indent=0):
    pdf.set_font("Helvetica", "", 10)
    if indent:
        pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def numbered(pdf, items, indent=6):
    pdf.set_font("Helvetica", "", 10)
    for label, text in items:
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(7, 5, label, new_x="RIGHT", new_y="TOP")
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.8)
    pdf.ln(1)


def grid(pdf, rows, w1=58):
    pdf.set_draw_color(150, 150, 150)
    for label, value in rows:
        pdf.set_font("Helvetica", "B", 9.5)
        pdf.cell(w1, 7, label, border=1, new_x="RIGHT", new_y="TOP")
        pdf.set_font("Helvetica", "", 9.5)
        pdf.cell(0, 7, value, border=1, new_x="LMARGIN", new_y="NEXT")


def table(pdf, header, rows, widths, size=8.5):
    pdf.set_draw_color(150, 150, 150)
    pdf.set_font("Helvetica", "B", size)
    pdf.set_fill_color(225, 232, 242)
    for h, w in zip(header, widths):
        pdf.cell(w, 6, h, border=1, fill=True, new_x="RIGHT", new_y="TOP")
    pdf.ln(6)
    pdf.set_font("Helvetica", "", size)
    for row in rows:
        for cell, w in zip(row, widths):
            pdf.cell(w, 6, cell, border=1, new_x="RIGHT", new_y="TOP")
        pdf.ln(6)
    pdf.ln(2)


def history(pdf, rows, w1=22):
    pdf.set_draw_color(150, 150, 150)
    pdf.set_font("Helvetica", "B", 9)
    pdf.set_fill_color(225, 232, 242)
    pdf.cell(w1, 6, "Date", border=1, fill=True, new_x="RIGHT", new_y="TOP")
    pdf.cell(0, 6, "Summary of Change", border=1, fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    for date, text in rows:
        y = pdf.get_y()
        pdf.set_x(pdf.l_margin + w1)
        pdf.multi_cell(0, 5, text, border=1, new_x="LMARGIN", new_y="NEXT")
        h = pdf.get_y() - y
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(w1, h, date, border=1, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(y + h)
    pdf.ln(2)


def build():
    pdf = PolicyPDF(format="Letter")
    pdf.set_title("Clinical Medical Policy - " + TITLE)
    pdf.set_author(PAYER)
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 16)
    pdf.set_text_color(20, 60, 110)
    pdf.cell(0, 8, "Clinical Medical Policy", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 7, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(3)

    grid(pdf, [
        ("Policy Number:", "041"),
        ("Effective Date:", "01/01/2026"),
        ("Original Effective Date:", "03/01/2019"),
        ("Annual Review Month:", "October"),
        ("Last Review Date:", "10/14/2025"),
        ("Last Revision Date:", "10/14/2025"),
        ("Prior Authorization Required:", "Yes (CPT 76390)"),
    ])
    pdf.set_font("Helvetica", "B", 9.5)
    pdf.cell(58, 7, "Applicable Lines of Business:", border=1, new_x="RIGHT", new_y="TOP")
    pdf.set_font("Helvetica", "", 9.5)
    pdf.cell(0, 7, "[X] SedgeCare (Medicaid)", border="TR", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(58, 7, "", border="LR", new_x="RIGHT", new_y="TOP")
    pdf.cell(0, 7, "[X] ALLIANCE (Medicare Advantage HMO D-SNP)", border="R", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(58, 7, "", border="LRB", new_x="RIGHT", new_y="TOP")
    pdf.cell(0, 7, "[X] Commercial (Exchange and Employer Group)", border="RB", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    heading(pdf, "Description")
    para(pdf, "Magnetic resonance spectroscopy (MRS) is a noninvasive technique that is performed on a clinical "
              "MRI scanner with additional software. Instead of an anatomic image, MRS produces a spectrum that shows "
              "the relative concentrations of chemical compounds, such as N-acetylaspartate, choline, creatine and "
              "lactate, in a selected volume of tissue (a voxel). MRS of the brain is usually performed at the same "
              "session as a conventional brain MRI.")

    heading(pdf, "Medicare Distinction")
    para(pdf, "Harbor Health Plan of Sedgecombe (Harbor) uses guidance from the Centers for Medicare & Medicaid "
              "Services (CMS) to make coverage determinations for ALLIANCE members, including applicable National "
              "Coverage Determinations (NCDs), Local Coverage Determinations (LCDs), Local Coverage Articles (LCAs) "
              "and other CMS published guidance. When CMS guidance is absent or incomplete, or when the member does "
              "not meet the available Medicare coverage guidance, Harbor applies Sedgecombe Medicaid coverage guidance "
              "or its own Clinical Medical Policies as secondary coverage through the member's Medicaid benefit.")

    heading(pdf, "Coverage Determination")
    subheading(pdf, "I. SedgeCare (Medicaid) and Commercial members")
    para(pdf, "Harbor considers proton MRS of the brain (CPT 76390) medically necessary when conventional MRI of "
              "the brain has been performed and is nondiagnostic or indeterminate, and ONE of the following applies:")
    numbered(pdf, [
        ("1.", "MRS is requested to distinguish recurrent or residual brain tumor from radiation necrosis or other "
               "treatment-related change after treatment of a primary or secondary brain neoplasm; or"),
        ("2.", "MRS is requested to characterize a brain lesion that is suspected to be a neoplasm when conventional "
               "MRI cannot characterize it; or"),
        ("3.", "The member is younger than 19 years of age and has a suspected inborn error of metabolism, such as a "
               "leukoencephalopathy, a mitochondrial disorder or a disorder of creatine synthesis or transport."),
    ])

    subheading(pdf, "II. ALLIANCE (Medicare Advantage HMO D-SNP) members")
    para(pdf, "Medicare does not cover MRS. Under CMS National Coverage Determination (NCD) 220.2.1, Magnetic "
              "Resonance Spectroscopy, MRS is nationally non-covered for all indications; CMS last reaffirmed the "
              "non-coverage in 2004.")
    para(pdf, "No LCD or LCA addressing MRS applies in Harbor's service area.")
    para(pdf, "Because the available Medicare coverage guidance is not met, Harbor reviews a request for an ALLIANCE "
              "member against the criteria in section I as secondary coverage through the member's Medicaid benefit. "
              "When the section I criteria are met, MRS is covered under the member's Medicaid benefit.")

    subheading(pdf, "III. All lines of business")
    para(pdf, "MRS is considered experimental/investigational for all other indications, including but not limited "
              "to: dementia and Alzheimer disease; epilepsy and seizure localization in adults; multiple sclerosis; "
              "psychiatric disorders; stroke; prostate and breast lesions; and MRS of the intervertebral discs for "
              "discogenic low back pain (CPT 0609T-0612T).")
    para(pdf, "Experimental/investigational services are not covered.")

    heading(pdf, "Prior Authorization")
    para(pdf, "Prior authorization is required for CPT 76390 for all lines of business. Requests for outpatient, "
              "elective MR procedures, including MRS, are reviewed by Harbor's radiology benefit manager. Requests must "
              "include the brain MRI report and the clinical notes that describe the indication.")

    heading(pdf, "Applicable Codes")
    para(pdf, "The following codes are provided for reference purposes only and may not be all-inclusive. The "
              "listing of a code does not imply that the service is covered.")
    table(pdf, ["CPT Code", "Description", "Status"], [
        ("76390", "Magnetic resonance spectroscopy", "See section I; prior authorization required"),
        ("0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc", "Experimental/investigational"),
        ("0610T", "MRS, discogenic pain; transmission of biomarker data", "Experimental/investigational"),
        ("0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Experimental/investigational"),
        ("0612T", "MRS, discogenic pain; interpretation and report", "Experimental/investigational"),
    ], widths=[20, 92, 68])
    para(pdf, "MRI of the brain performed at the same session (CPT 70551, 70552 or 70553) is billed separately and is "
              "reviewed under the radiology benefit manager's imaging guidelines. This policy does not address it.")

    heading(pdf, "Member and Provider Information")
    para(pdf, "Providers may not bill SedgeCare or ALLIANCE members for services that Harbor denies as not medically "
              "necessary or experimental/investigational. A Commercial member may be responsible for the cost of a "
              "non-covered service as described in the member's Certificate of Coverage.")
    para(pdf, "Members and providers may appeal an adverse determination as described in the Member Handbook, "
              "Evidence of Coverage or Certificate of Coverage. SedgeCare members may also request a State Fair "
              "Hearing after the plan's appeal decision.")

    heading(pdf, "Rationale")
    para(pdf, "Studies of MRS in brain tumors and in suspected inborn errors of metabolism report that the spectrum "
              "can add diagnostic information when conventional MRI is indeterminate. For other indications the "
              "published evidence consists mainly of small case series and does not show that MRS results change "
              "management or improve health outcomes.")

    heading(pdf, "References")
    numbered(pdf, [
        ("1.", "Centers for Medicare & Medicaid Services. National Coverage Determination (NCD) 220.2.1, Magnetic "
               "Resonance Spectroscopy."),
        ("2.", "Harbor Health Plan of Sedgecombe. Clinical Medical Policy 003, Evidence Based Services."),
        ("3.", "Sedgecombe Executive Office of Health Services. Medicaid Provider Reference Manual: Radiology "
               "Services (revised 07/2024)."),
    ], indent=0)

    heading(pdf, "Summary of Changes")
    history(pdf, [
        ("10/14/2025", "Annual review. Section I: criterion 3 (suspected inborn error of metabolism, members younger "
                       "than 19) added. Section II: ALLIANCE secondary coverage through the Medicaid benefit added. "
                       "Effective 01/01/2026."),
        ("10/09/2024", "Annual review. No change to coverage position."),
        ("10/11/2023", "Annual review. CPT 0609T, 0610T, 0611T and 0612T added as experimental/investigational."),
        ("03/01/2019", "New policy."),
    ])

    heading(pdf, "Disclaimer")
    para(pdf, "This Clinical Medical Policy is intended to provide guidance in administering Harbor benefits and is "
              "not a guarantee of coverage or payment. Coverage is subject to the member's eligibility and benefit "
              "document on the date of service. Where federal or Sedgecombe law or the member's benefit document "
              "conflicts with this policy, the law or benefit document governs. Clinical Medical Policies are reviewed "
              "annually during the Annual Review Month and may be revised at any time.")

    pdf.output(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    build()
