#!/usr/bin/env python3
"""Build yarrowby-mac-article-micronutrient-mrs.pdf.

Fictional example for evaluation; not a real payer's policy. Yarrowby Government Health Services, LLC is an
invented Medicare Administrative Contractor; article and contract numbers are invented. Layout modelled on a
Noridian local coverage article as printed from the Medicare Coverage Database.
"""
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "yarrowby-mac-article-micronutrient-mrs.pdf")
TITLE = "Billing and Coding: Intracellular Micronutrient Analysis and Magnetic Resonance Spectroscopy"
W = 180  # usable width


class Article(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 8)
        self.cell(W, 4, "Yarrowby Government Health Services, LLC - Local Coverage Article A99017", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 8)
        self.cell(W, 4, f"Created on 02/03/2026. Page {self.page_no()} of {{nb}}", align="C")


pdf = Article(format="Letter")
pdf.set_margins(18, 14, 18)
pdf.set_auto_page_break(False)
pdf.alias_nb_pages()
pdf.set_title(TITLE + " (A99017)")
pdf.set_author("Yarrowby Government Health Services, LLC (fictional)")
pdf.set_subject("fictional example for evaluation; not a real payer's policy")
pdf.set_keywords("fictional example for evaluation; not a real payer's policy")
pdf.set_creator("make_yarrowby_pdf.py")


def h(text, size=12):
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(W, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def p(text, size=9.5):
    pdf.set_font("Helvetica", "", size)
    pdf.multi_cell(W, 4.6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def row(cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    for c, w in zip(cells, widths):
        pdf.cell(w, 5, c)
    pdf.ln(5)


# ---------------- page 1
pdf.add_page()
h("Local Coverage Article:", 11)
h(TITLE + " (A99017)", 14)
p("Links in PDF documents are not guaranteed to work. To follow a web link, please use the MCD Website.")
h("Contractor Information", 11)
cw = (72, 22, 32, 18, 36)
row(("Contractor Name", "Contract Type", "Contract Number", "Jurisdiction", "State(s)"), cw, bold=True)
row(("Yarrowby Government Health Services, LLC", "A and B MAC", "07711 - MAC A", "J - T", "Montana"), cw)
row(("Yarrowby Government Health Services, LLC", "A and B MAC", "07712 - MAC B", "J - T", "Montana"), cw)
row(("Yarrowby Government Health Services, LLC", "A and B MAC", "07721 - MAC A", "J - T", "Wyoming"), cw)
row(("Yarrowby Government Health Services, LLC", "A and B MAC", "07722 - MAC B", "J - T", "Wyoming"), cw)
pdf.ln(2)
h("Article Information", 11)
h("General Information", 10)
p("Article ID: A99017")
p("Article Title: " + TITLE)
p("Article Type: Billing and Coding")
p("Original Effective Date: 10/01/2024")
p("Revision Effective Date: 01/01/2026")
p("Revision Ending Date: N/A")
p("Retirement Date: N/A")
p("AMA CPT / ADA CDT / AHA NUBC Copyright Statement: CPT codes, descriptions and other data only are copyright "
  "2025 American Medical Association. All Rights Reserved. Applicable FARS/HHSARS apply. Fee schedules, relative "
  "value units, conversion factors and/or related components are not assigned by the AMA, are not part of CPT, and "
  "the AMA is not recommending their use.")
h("CMS National Coverage Policy", 10)
p("Title XVIII of the Social Security Act, Section 1862(a)(1)(A), excludes expenses for items and services that are "
  "not reasonable and necessary for the diagnosis or treatment of illness or injury.")
p("CMS National Coverage Determinations Manual, Pub. 100-03, Chapter 1, Part 4, Section 220.2.1, Magnetic "
  "Resonance Spectroscopy.")
h("Article Guidance", 11)
h("Article Text", 10)
p("This article applies to claims submitted to Yarrowby Government Health Services, LLC under Medicare Part A and "
  "Part B.")

# ---------------- page 2
pdf.add_page()
h("Intracellular micronutrient analysis", 10)
p("Intracellular micronutrient analysis, also called functional intracellular analysis, measures vitamins, "
  "minerals, amino acids and antioxidants inside white blood cells or cheek cells. Examples are the SpectraCell "
  "Micronutrient Test and the IntraCellular Diagnostics ExaTest.")
p("Yarrowby has determined that intracellular micronutrient analysis is not reasonable and necessary under "
  "Section 1862(a)(1)(A) for any indication. Claims for this analysis will be denied.")
p("The analysis has no specific CPT code and is usually billed with the unlisted chemistry code 84999, or with "
  "86353. Code 84999 or 86353 is denied under this article only when it is billed for intracellular micronutrient "
  "analysis; other services billed with these codes are not affected.")
p("Individual nutrient assays billed on the same date of service, such as 82607, 82306 or 84630, are reviewed on "
  "their own medical necessity and are not denied under this article.")
h("Magnetic resonance spectroscopy", 10)
p("Under NCD 220.2.1, magnetic resonance spectroscopy (MRS) is nationally non-covered for all indications. CMS "
  "reaffirmed this national noncoverage in 2004. Claims for 76390 and for the Category III MRS codes will be denied.")
p("Nationally covered indications: N/A.")
p("Because these services are expected to be denied as not reasonable and necessary, providers should give the "
  "beneficiary an Advance Beneficiary Notice of Noncoverage (ABN, form CMS-R-131) before the service. Append "
  "modifier GA when a valid ABN is on file and modifier GZ when it is not.")
h("Coding Information", 11)
h("Bill Type Codes:", 10)
p("Contractors may specify Bill Types to help providers identify those Bill Types typically used to report this "
  "service. Absence of a Bill Type does not guarantee that the article does not apply to that Bill Type.")
p("012x, 013x, 014x, 085x")
h("Revenue Codes:", 10)
p("0300 Laboratory - General")
p("0301 Laboratory - Chemistry")
p("0610 Magnetic Resonance Technology (MRT) - General")
h("CPT/HCPCS Codes", 11)
h("Group 1 Paragraph:", 10)
p("The following codes are non-covered when billed for intracellular micronutrient analysis.")
h("Group 1 Codes: (2 Codes)", 10)
gw = (30, 150)
row(("Code", "Description"), gw, bold=True)
row(("84999", "Unlisted chemistry procedure"), gw)
row(("86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis"), gw)
pdf.ln(2)
h("Group 2 Paragraph:", 10)
p("The following codes are nationally non-covered under NCD 220.2.1.")
h("Group 2 Codes: (5 Codes)", 10)
row(("Code", "Description"), gw, bold=True)
row(("76390", "Magnetic resonance spectroscopy"), gw)
row(("0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc, at least 3 discs"), gw)

# ---------------- page 3 (Group 2 table continues)
pdf.add_page()
h("Group 2 Codes: (continued)", 10)
row(("Code", "Description"), gw, bold=True)
row(("0610T", "MRS, discogenic pain; transmission of biomarker data for software analysis"), gw)
row(("0611T", "MRS, discogenic pain; postprocessing for algorithmic analysis of biomarker data"), gw)
row(("0612T", "MRS, discogenic pain; interpretation and report"), gw)
pdf.ln(2)
h("ICD-10-CM Codes that Support Medical Necessity", 10)
p("Group 1 Paragraph: N/A")
p("Group 2 Paragraph: N/A")
h("ICD-10-CM Codes that DO NOT Support Medical Necessity", 10)
p("N/A")
h("Additional ICD-10 Information", 10)
p("N/A")
h("General Information", 11)
h("Associated Information", 10)
p("Documentation Requirements: The medical record must identify the laboratory that performed the test and the "
  "test name when 84999 is billed.")
h("Sources of Information", 10)
p("N/A")
h("Revision History Information", 11)
rw = (36, 30, 114)
row(("Revision History Date", "Number", "Revision History Explanation"), rw, bold=True)
row(("01/01/2026", "R2", "Group 2 added: MRS codes, nationally non-covered under NCD 220.2.1."), rw)
row(("10/01/2024", "R1", "Original article: intracellular micronutrient analysis."), rw)
pdf.ln(2)
h("Associated Documents", 11)
p("Related Local Coverage Documents: LCDs L99104 - Non-Covered Services")
p("Related National Coverage Documents: NCDs 220.2.1 - Magnetic Resonance Spectroscopy")
p("Public Versions: Updated On 12/12/2025, Effective Dates 01/01/2026 - N/A; Updated On 09/05/2024, Effective "
  "Dates 10/01/2024 - 12/31/2025")
h("Keywords", 10)
p("N/A")

pdf.output(OUT)
print("wrote", OUT)
