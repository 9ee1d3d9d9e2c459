#!/usr/bin/env python3
"""Build gableton-medicaid-nutrient-panel-testing.pdf.

Fictional example for testing; not a real payer's policy. Gableton Health, its plans, its document
number, people and dates are invented. The layout is modelled on Wellpoint / Amerigroup Medicaid
medical policies (Subject / Document # / Publish Date / Status / Last Review Date header, Position
Statement, Coding section, Index and History table). Codes and laboratory/product names are real.
The fictional marker is deliberately not printed in the PDF.

usage: python make_gableton-medicaid-nutrient-panel-testing_pdf.py
"""
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "gableton-medicaid-nutrient-panel-testing.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Gableton Health Medicaid Medical Policy", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Subject: Nutrient Panel Testing", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, "Document #: GH-LAB.0112", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-18)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "GH-MCD-PM-0419-26  Publish Date: 02/04/2026", new_x="LMARGIN", new_y="NEXT")


def h(pdf, text):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def p(pdf, text):
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def row(pdf, cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    for c, w in zip(cells, widths):
        pdf.cell(w, 5, c)
    pdf.ln(5)


def main():
    pdf = Doc(format="Letter")
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_margins(18, 14, 18)
    pdf.alias_nb_pages()
    pdf.add_page()

    w = (42, 50, 42, 40)
    row(pdf, ["Subject:", "Nutrient Panel Testing", "", ""], w, bold=True)
    row(pdf, ["Document #:", "GH-LAB.0112", "Publish Date:", "02/04/2026"], w)
    row(pdf, ["Status:", "Revised", "Last Review Date:", "01/15/2026"], w)
    pdf.ln(2)
    p(pdf, "Implementation: This document does not contain an implementation date. The date on which a "
           "Gableton Health plan begins to use a new or revised document is set by that plan and announced "
           "to providers in a separate notice.")

    h(pdf, "Description/Scope")
    p(pdf, "This document addresses nutrient panel testing: laboratory panels that measure many vitamins, "
           "minerals, antioxidants, amino acids or fatty acids at once, in blood cells, plasma, urine or other "
           "specimens, in order to find so-called functional or subclinical deficiencies. It includes intracellular "
           "micronutrient panels, in which a patient's lymphocytes are grown in media with different amounts of "
           "each nutrient, and panels based on energy dispersive x-ray analysis of cheek (buccal) cells.")
    p(pdf, "Note: Testing for a single nutrient ordered to evaluate a specific clinical problem is addressed in "
           "GH-CG-LAB.0031 Vitamin D Testing and in the plan's general laboratory guidelines; it is not addressed "
           "by this document.")

    h(pdf, "Applicability")
    p(pdf, "This document applies to members enrolled in Gableton Health through the state Medicaid managed care "
           "program, including members of the Children's Health Insurance Program (CHIP) served by Gableton Health.")
    p(pdf, "It does not apply to members of Gableton Health Medicare Advantage plans, who are reviewed under "
           "Medicare coverage guidance.")
    p(pdf, "In all cases, state Medicaid contracts and regulatory guidance supersede this document.")

    h(pdf, "Position Statement")
    pdf.set_font("Helvetica", "B", 10)
    p(pdf, "Medically Necessary:")
    p(pdf, "N/A. This document has no medically necessary statement.")
    pdf.set_font("Helvetica", "B", 10)
    p(pdf, "Investigational and Not Medically Necessary:")
    p(pdf, "Nutrient panel testing, including intracellular micronutrient panels, is considered investigational "
           "and not medically necessary for all indications, including but not limited to chronic fatigue, "
           "fibromyalgia, autism spectrum disorder, cardiovascular risk assessment and general wellness screening.")

    h(pdf, "Coding")
    p(pdf, "The following codes for treatments and procedures applicable to this document are included below for "
           "informational purposes. Inclusion or exclusion of a procedure, diagnosis or device code does not "
           "constitute or imply member coverage or provider reimbursement policy.")
    p(pdf, "When services are Investigational and Not Medically Necessary:")
    cw = (22, 152)
    row(pdf, ["CPT", ""], cw, bold=True)
    row(pdf, ["84999", "Unlisted chemistry procedure [when specified as nutrient panel testing]"], cw)
    row(pdf, ["86353", "Lymphocyte transformation, mitogen or antigen induced blastogenesis [when specified as"], cw)
    row(pdf, ["", "intracellular micronutrient testing]"], cw)
    pdf.ln(1)
    row(pdf, ["ICD-10", ""], cw, bold=True)
    row(pdf, ["", "All diagnoses"], cw)
    pdf.ln(2)
    p(pdf, "When services are billed as a group of single-analyte codes:")
    p(pdf, "Laboratories may also bill a nutrient panel as a set of single-analyte codes, for example 84591 "
           "(vitamin, not otherwise specified), 84630 (zinc), 83735 (magnesium) and 82607 (vitamin B-12). Each of "
           "these codes is payable when a single test is ordered for a specific clinical reason. They are denied "
           "under this document only when several are billed together from one specimen as a nutrient panel.")

    h(pdf, "Discussion/General Information")
    p(pdf, "Commercial examples of the testing addressed here include the SpectraCell Laboratories Micronutrient "
           "Test, the cellular micronutrient assay (CMA) from Cell Science Systems, ExaTest from IntraCellular "
           "Diagnostics, Vibrant Micronutrients from Vibrant America and NutrEval FMV from Genova Diagnostics.")
    p(pdf, "The published evidence on these panels consists of small case series and vendor reports. No study has "
           "shown that panel results change management or improve health outcomes compared with targeted testing "
           "of a single nutrient when a deficiency is suspected on clinical grounds.")

    h(pdf, "Definitions")
    p(pdf, "Functional deficiency: A term used by some laboratories for a nutrient level that is within the normal "
           "range but is reported by the laboratory as insufficient for cell function.")

    h(pdf, "References")
    p(pdf, "Government Agency, Medical Society, and Other Authoritative Publications: none identified that "
           "recommend nutrient panel testing.")

    h(pdf, "Index")
    p(pdf, "Cellular Micronutrient Assay (CMA); ExaTest; Micronutrient Test; NutrEval FMV; SpectraCell; "
           "Vibrant Micronutrients")

    h(pdf, "History")
    hw = (24, 26, 124)
    row(pdf, ["Status", "Date", "Action"], hw, bold=True)
    row(pdf, ["Revised", "01/15/2026", "Medical Policy & Technology Assessment Committee (MPTAC) review."], hw)
    row(pdf, ["", "", "Added Vibrant Micronutrients to Discussion; added 86353 to Coding section."], hw)
    row(pdf, ["Reviewed", "01/16/2025", "MPTAC review. References updated."], hw)
    row(pdf, ["New", "02/08/2024", "MPTAC review. Initial document development."], hw)

    pdf.output(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
