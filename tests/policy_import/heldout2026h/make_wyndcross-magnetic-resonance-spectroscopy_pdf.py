# fictional example for development; not a real payer's policy
#
# Builds wyndcross-magnetic-resonance-spectroscopy.pdf with fpdf2.
# Layout imitates the header grid and numbered sections (I. ACTION ... XI. APPROVALS) of a public
# Johns Hopkins HealthCare LLC medical policy PDF; every payer, plan, policy number, person and date
# here is invented. Real: CPT/ICD-10 codes, CMS NCD 220.2.1, Nociscan (Aclarion, Inc.), the cited article.
# The clinical criteria follow public MRS policies in outline and are not clinical guidance.
#
# usage: python3 make_wyndcross-magnetic-resonance-spectroscopy_pdf.py  (writes the PDF beside this script)
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "wyndcross-magnetic-resonance-spectroscopy.pdf")


class PolicyPDF(FPDF):
    def header(self):
        x0 = self.l_margin
        w1, w2, w3 = 26, 82, self.epw - 26 - 82
        h = 5.2
        y = 10
        self.set_draw_color(90, 90, 90)
        self.rect(x0, y, self.epw, 5 * h)
        self.line(x0 + w1 + w2, y, x0 + w1 + w2, y + 5 * h)
        rows = [
            ("Version 4.0", "Wyndcross HealthCare LLC", "**Policy Number** CMS07.31"),
            ("", "Medical Policy", "**Effective Date** 03/02/2026"),
            ("Subject", "", "**Review Date** 12/16/2025"),
            (None, None, "**Revision Date** 12/16/2025"),
            ("", "", f"**Page** {self.page_no()} of {{nb}}"),
        ]
        for i, (a, b, c) in enumerate(rows):
            yy = y + i * h
            self.set_xy(x0, yy)
            if a is None:
                # row 4: the subject line spans the first two columns
                self.set_font("Helvetica", "B", 10.5)
                self.cell(w1 + w2, h, "Magnetic Resonance Spectroscopy (MRS)")
            else:
                self.set_font("Helvetica", "B" if a == "Subject" else "", 9)
                self.cell(w1, h, a)
                self.set_font("Helvetica", "B", 10 if i == 0 else 9)
                self.cell(w2, h, b)
            self.set_font("Helvetica", "", 9)
            self.set_x(x0 + w1 + w2 + 2)
            self.cell(w3 - 2, h, c, markdown=True)
        self.set_y(y + 5 * h + 4)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(80, 80, 80)
        self.cell(0, 4, "\xa9 Copyright 2026 by Wyndcross Health System Corporation and/or Wyndcross University", align="C")
        self.set_text_color(0, 0, 0)


pdf = PolicyPDF(format="letter")
pdf.set_margins(18, 16, 18)
pdf.set_auto_page_break(True, margin=20)
pdf.alias_nb_pages()


def heading(t):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10.5)
    pdf.cell(0, 6, t, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def para(t, indent=0, h=5, style=""):
    pdf.set_font("Helvetica", style, 10)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, h, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def bullet(t, indent=6, mark="\x95"):
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(pdf.l_margin + indent)
    pdf.cell(5, 5, mark)
    pdf.multi_cell(pdf.epw - indent - 5, 5, t, new_x="LMARGIN", new_y="NEXT")


def checkbox(checked, text):
    x, y = pdf.get_x(), pdf.get_y()
    pdf.rect(x + 1, y + 1, 3.2, 3.2)
    if checked:
        pdf.set_font("Helvetica", "B", 8)
        pdf.set_xy(x + 1.1, y + 0.6)
        pdf.cell(3, 4, "X")
    pdf.set_font("Helvetica", "", 10)
    pdf.set_xy(x + 7, y)
    pdf.cell(0, 5.2, text, new_x="LMARGIN", new_y="NEXT")


def code_table(head, rows, widths=(30, None)):
    pdf.set_font("Helvetica", "", 9)
    w0 = widths[0]
    w1 = pdf.epw - w0
    from fpdf.fonts import FontFace
    with pdf.table(col_widths=(w0, w1), text_align="LEFT", line_height=4.6, v_align="TOP",
                   headings_style=FontFace(emphasis="BOLD"), first_row_as_headings=True) as t:
        r = t.row()
        r.cell(head[0])
        r.cell(head[1])
        for a, b in rows:
            r = t.row()
            r.cell(a)
            r.cell(b)
    pdf.ln(2)


pdf.add_page()

# --- page 1 -----------------------------------------------------------------------------------------
pdf.set_font("Helvetica", "", 10)
para("This document applies to the following Participating Organizations:")
pdf.set_font("Helvetica", "B", 10)
pdf.cell(0, 5, "EHP        Harbor Partners        Wyndcross Senior Choice", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)
para("Keywords: 1H-MRS, Discogenic pain, Magnetic resonance spectroscopy, MR spectroscopy, Nociscan, Proton spectroscopy")

pdf.set_font("Helvetica", "B", 10)
pdf.cell(0, 6, "Table of Contents", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 9.5)
toc = [("I. ACTION", "1"), ("II. POLICY DISCLAIMER", "1"), ("III. POLICY", "1"), ("IV. POLICY CRITERIA", "1"),
       ("V. DEFINITIONS", "2"), ("VI. BACKGROUND", "2"), ("VII. CODING DISCLAIMER", "2"),
       ("VIII. CODING INFORMATION", "2"), ("IX. REFERENCES", "3"), ("X. REFERENCE STATEMENT", "3"),
       ("XI. APPROVALS", "3")]
for a, b in toc:
    pdf.set_x(pdf.l_margin + 6)
    pdf.cell(110, 4.8, a)
    pdf.cell(20, 4.8, b, new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)

heading("I. ACTION")
for checked, text in [(False, "New Policy"),
                      (True, "Revising Policy Number CMS07.31 & CMS01.12"),
                      (False, "Superseding Policy Number"),
                      (False, "Archiving Policy Number"),
                      (False, "Retiring Policy Number")]:
    pdf.set_x(pdf.l_margin + 4)
    checkbox(checked, text)
pdf.ln(1)

heading("II. POLICY DISCLAIMER")
para("Wyndcross HealthCare LLC (WHC) offers health care products and services through Employer Health "
     "Programs (EHP), its self-funded employer group plans; Harbor Partners, its Medicaid managed care "
     "organization; and Wyndcross Senior Choice, its Medicare Advantage plan. Each line of business has its own "
     "contract and guidelines, and these should be consulted first, for benefit and payment purposes, to learn "
     "which benefits are available.")
para("Specific contract benefits, guidelines or policies take precedence over the information in this policy.")

heading("III. POLICY")
para("For Wyndcross Senior Choice refer to: Medicare Coverage Database")
bullet("National Coverage Determination (NCD) 220.2.1 Magnetic Resonance Spectroscopy")
pdf.ln(2)
para("For EHP and Harbor Partners refer to: Policy Criteria, section IV, below.")
para("Preauthorization: Magnetic resonance spectroscopy (CPT 76390) requires preauthorization for EHP and "
     "Harbor Partners members.")

# --- criteria -----------------------------------------------------------------------------------------
heading("IV. POLICY CRITERIA")
para("A. WHC considers magnetic resonance spectroscopy (MRS) of the brain medically necessary when it is "
     "performed together with a conventional MRI of the brain and ONE of the following applies:")
for t in ["1. To distinguish recurrent or residual primary or metastatic brain tumor from radiation necrosis or "
          "other treatment effect after surgery or radiation therapy; or",
          "2. To characterize an intracranial mass that is indeterminate on conventional MRI, when the result "
          "will decide whether a biopsy is needed; or",
          "3. To evaluate a suspected inborn error of metabolism or leukodystrophy in a member younger than "
          "19 years of age."]:
    para(t, indent=8)
para("B. WHC considers MRS experimental/investigational for all other indications, including but not "
     "limited to:")
for t in ["1. Dementia, epilepsy, multiple sclerosis, stroke, traumatic brain injury and psychiatric disorders;",
          "2. Evaluation of lesions of the prostate, breast, liver or musculoskeletal system;",
          "3. Discogenic low back pain, including software analysis of intervertebral disc spectra "
          "(e.g., Nociscan)."]:
    para(t, indent=8)
para("Experimental/investigational services are not covered.")
para("C. A conventional MRI of the brain performed at the same session is reviewed separately under the "
     "applicable imaging criteria.")

heading("V. DEFINITIONS")
para("Magnetic resonance spectroscopy (MRS): A noninvasive technique, performed on an MRI scanner with "
     "additional software, that measures the concentration of chemical compounds (metabolites) in a selected "
     "volume of tissue.")
para("Voxel: The volume of tissue from which a spectrum is obtained.")

heading("VI. BACKGROUND")
para("Proton MRS (1H-MRS) displays the signal from metabolites such as N-acetylaspartate, choline, creatine, "
     "lactate and myo-inositol as a spectrum of peaks rather than as an image. In the brain, abnormal ratios "
     "of these peaks can help separate viable tumor from treatment effect, and an absent or reduced peak can "
     "point to some inherited metabolic disorders in children.")
para("The Centers for Medicare & Medicaid Services (CMS) issued a national non-coverage determination for MRS "
     "in 1994 and, after a reconsideration, reaffirmed non-coverage for all indications in 2004 (NCD 220.2.1).")
para("Nociscan (Aclarion, Inc.) is a software service that applies MRS postprocessing to lumbar discs to help "
     "distinguish painful from nonpainful discs. The service is reported with Category III codes 0609T-0612T. "
     "Studies of MRS for discogenic pain are small and have not shown that using the results improves surgical "
     "outcomes.")

heading("VII. CODING DISCLAIMER")
para("Note: The CPT and ICD-10 codes below are listed for informational purposes only and may not be "
     "all-inclusive. Listing a code in this policy does not imply that the service it describes is covered. "
     "Eligibility, benefits and code-specific billing rules should be verified before the service is provided.")

heading("VIII. CODING INFORMATION")
para("CPT\xae CODES ARE FOR INFORMATIONAL PURPOSES ONLY", style="B")
para("Covered for EHP and Harbor Partners when the criteria in section IV.A are met:")
code_table(("CPT\xae Codes", "Description"), [("76390", "Magnetic resonance spectroscopy")])
para("Experimental/investigational; not covered:")
code_table(("CPT\xae Codes", "Description"), [
    ("0609T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain (cervical, "
              "thoracic, or lumbar); acquisition of single voxel data, per disc, in at least 3 discs"),
    ("0610T", "MRS, discogenic pain; transmission of biomarker data for software analysis"),
    ("0611T", "MRS, discogenic pain; postprocessing for algorithmic analysis of biomarker data"),
    ("0612T", "MRS, discogenic pain; interpretation and report"),
])
para("Listed for reference only; not addressed by this policy:")
code_table(("CPT\xae Codes", "Description"), [
    ("70551", "Magnetic resonance (eg, proton) imaging, brain (including brain stem); without contrast material"),
    ("70552", "Magnetic resonance (eg, proton) imaging, brain (including brain stem); with contrast material(s)"),
    ("70553", "Magnetic resonance (eg, proton) imaging, brain (including brain stem); without contrast "
              "material, followed by contrast material(s) and further sequences"),
])
para("ICD-10 codes covered if selection criteria are met (EHP and Harbor Partners):")
code_table(("ICD-10 Codes", "Description"), [
    ("C71.9", "Malignant neoplasm of brain, unspecified"),
    ("C79.31", "Secondary malignant neoplasm of brain"),
])
para("The list of diagnosis codes is not all-inclusive.")

heading("IX. REFERENCES")
para("1. Centers for Medicare & Medicaid Services. National Coverage Determination (NCD) for Magnetic Resonance "
     "Spectroscopy (220.2.1). Medicare National Coverage Determinations Manual, Pub. 100-03.")
para("2. Lin A, Tran T, Bluml S, et al. Guidelines for acquiring and reporting clinical neurospectroscopy. "
     "Semin Neurol. 2012;32(4):432-453.")
para("3. Aclarion, Inc. Nociscan product information. Accessed October 2025.")

heading("X. REFERENCE STATEMENT")
para("The WHC Medical Policy Team analyzed the scientific and clinical references cited above when it developed "
     "and implemented this medical policy. Medical policies are reviewed at least once a year and are updated "
     "when new evidence becomes available.")

heading("XI. APPROVALS")
para("Historical Effective Dates: 07/01/2014, 11/01/2019, 05/03/2021, 03/02/2026")
para("Historical Review Dates: 05/20/2014, 09/17/2019, 02/16/2021, 12/17/2024, 12/16/2025")
para("Historical Revision Dates: 05/20/2014, 09/17/2019, 02/16/2021, 12/16/2025")
para("Revision 12/16/2025: MRS criteria previously housed in CMS01.12, Radiology Procedures, moved into this "
     "policy; discogenic pain codes 0609T-0612T listed as experimental/investigational.")
para("Approved by the WHC Medical Policy Committee on 12/16/2025.")

pdf.output(OUT)
print("wrote", OUT)
