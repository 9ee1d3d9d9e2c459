#!/usr/bin/env python3
# fictional example for development; not a real payer's policy
#
# Builds wendhaven-micronutrient-nutrient-panel-testing.pdf with fpdf2. Wendhaven Health, Wendhaven Health &
# Life Assurance Company, its products (Wendhaven Medicare Plus, HarborCare, Wendhaven Community Care,
# Crestview ElderCare), the "Wendhaven Link" newsletter, the committees and every date are invented. Real:
# the CPT codes, the laboratories and their tests (SpectraCell Laboratories, Cell Science Systems,
# IntraCellular Diagnostics, Vibrant America, Genova Diagnostics). The layout imitates a New England
# regional health plan's "Clinical Coverage Criteria" PDFs as listed on its public medical-policy index
# (overview, policy and criteria, when services are covered, exclusions; a "Revised policy, effective
# <date>" version beside the current one; product-by-product statements for commercial, Medicare Advantage,
# dual-eligible / SCO, Medicaid ACO and PACE; a policy history with origination date, committee approvals
# and "Connection date & details" naming the provider newsletter issue that announced the change).
#
# usage: a checking script of the author's (not kept) make_wendhaven-micronutrient-nutrient-panel-testing_pdf.py
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "wendhaven-micronutrient-nutrient-panel-testing.pdf")

PAYER = "Wendhaven Health"
TITLE = "Micronutrient and Nutrient Panel Testing"
BLUE = (0, 70, 127)


class PolicyPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 11)
        self.set_text_color(*BLUE)
        self.cell(90, 6, PAYER, new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "I", 9)
        self.set_text_color(90, 90, 90)
        self.cell(0, 6, "Clinical Coverage Criteria", align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*BLUE)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(120, 4, TITLE, new_x="RIGHT", new_y="TOP")
        self.cell(0, 4, f"{self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def heading(pdf, text):
    pdf.ln(2.5)
    pdf.set_font("Helvetica", "B", 12)
    pdf.set_text_color(*BLUE)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(0.5)


def subheading(pdf, text):
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")


def para(pdf, text, indent=0, size=9.5, style=""):
    pdf.set_font("Helvetica", style, size)
    if indent:
        pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def items(pdf, rows, indent=5, size=9.5):
    pdf.set_font("Helvetica", "", size)
    for label, text in rows:
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(7, 4.8, label, new_x="RIGHT", new_y="TOP")
        pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.5)
    pdf.ln(1)


def code_table(pdf, rows, widths=(22, 158), size=8.5):
    pdf.set_draw_color(160, 160, 160)
    pdf.set_font("Helvetica", "B", size)
    pdf.set_fill_color(220, 230, 242)
    pdf.cell(widths[0], 6, "Code", border=1, fill=True, new_x="RIGHT", new_y="TOP")
    pdf.cell(widths[1], 6, "Description", border=1, fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", size)
    for code, desc in rows:
        pdf.cell(widths[0], 5.5, code, border=1, new_x="RIGHT", new_y="TOP")
        pdf.cell(widths[1], 5.5, desc, border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def build():
    pdf = PolicyPDF(format="Letter")
    pdf.set_title(TITLE + " - Clinical Coverage Criteria")
    pdf.set_author(PAYER)
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 17)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.cell(0, 6, "Clinical Coverage Criteria", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)
    pdf.set_fill_color(255, 243, 205)
    pdf.set_font("Helvetica", "B", 9.5)
    pdf.cell(0, 7, " Revised policy, effective 07/01/2026. This revised policy replaces the policy effective 03/01/2023.",
             fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    heading(pdf, "Overview")
    para(pdf, "Micronutrients are the vitamins and minerals the body needs in small amounts. Deficiency of a single "
              "nutrient is usually confirmed with a serum, plasma or whole-blood test of that nutrient.")
    para(pdf, "Some laboratories offer intracellular micronutrient analysis, also called functional intracellular "
              "analysis or micronutrient testing. These panels culture the patient's lymphocytes in media that lack "
              "one nutrient at a time, or measure elements inside cheek cells, and report 'functional deficiencies' of "
              "30 or more vitamins, minerals, amino acids and antioxidants. Examples are the SpectraCell Micronutrient "
              "Test (SpectraCell Laboratories), which may be reported with SPECTROX and IMMUNIDEX scores; the "
              "cellular micronutrient assay (Cell Science Systems); ExaTest (IntraCellular Diagnostics); and Vibrant "
              "Micronutrients (Vibrant America).")
    para(pdf, "Other laboratories offer nutrient or nutritional panel testing on blood and urine, with supplement "
              "recommendations based on the results. Examples are NutrEval FMV and NutrEval Plasma (Genova "
              "Diagnostics).")
    para(pdf, "The Alcat test, also offered by Cell Science Systems, is a food sensitivity test. It is addressed in "
              "the Wendhaven Health Clinical Coverage Criteria Allergy Testing and not in this policy.")

    heading(pdf, "Policy")
    para(pdf, "This policy applies to the following Wendhaven Health products:")
    items(pdf, [
        ("", "[X] Commercial (Wendhaven Health HMO and Wendhaven Health & Life Assurance Company PPO)"),
        ("", "[X] Wendhaven Medicare Plus (Medicare Advantage HMO)"),
        ("", "[X] HarborCare (HMO D-SNP and Senior Care Options)"),
        ("", "[X] Wendhaven Community Care (Medicaid ACO)"),
        ("", "[ ] Crestview ElderCare (PACE)"),
    ], indent=2)
    para(pdf, "Self-insured group plans administered by Wendhaven Health may have different benefits; check the "
              "plan document.", size=8.5, style="I")

    subheading(pdf, "Intracellular micronutrient analysis")
    para(pdf, "Wendhaven Health considers intracellular micronutrient analysis experimental and investigational for "
              "all indications. This includes the SpectraCell Micronutrient Test, the cellular micronutrient assay, "
              "ExaTest and Vibrant Micronutrients, and any other test that reports intracellular or functional "
              "micronutrient status.")
    subheading(pdf, "Nutrient/nutritional panel testing")
    para(pdf, "Wendhaven Health considers nutrient or nutritional panel testing experimental and investigational for "
              "all indications, including fatigue, fibromyalgia, mood disorders and optimization of health in healthy "
              "individuals.")
    para(pdf, "Experimental and investigational services are not covered.")
    subheading(pdf, "Testing of an individual nutrient")
    para(pdf, "A serum, plasma or whole-blood test of an individual vitamin or mineral is medically necessary when ONE "
              "of the following applies:")
    items(pdf, [
        ("1.", "The member has signs or symptoms of deficiency or excess of that nutrient; or"),
        ("2.", "The member has a condition, or takes a medication, known to cause deficiency of that nutrient (for "
               "example, malabsorption, bariatric surgery or chronic kidney disease); or"),
        ("3.", "The test monitors treatment of a documented deficiency of that nutrient."),
    ])
    para(pdf, "Testing of individual nutrients to screen members without signs, symptoms or risk factors, or as part "
              "of a wellness panel, is not medically necessary.")
    para(pdf, "Vitamin D testing is addressed in the Wendhaven Health Clinical Coverage Criteria Vitamin D Testing.")

    subheading(pdf, "Wendhaven Medicare Plus and HarborCare (Medicare Advantage)")
    para(pdf, "Wendhaven Health found no National Coverage Determination (NCD) for intracellular micronutrient analysis "
              "or nutrient panel testing, and the Local Coverage Determinations (LCDs) and articles that apply in its "
              "service area do not address them. Because Medicare coverage criteria are not fully established, "
              "Wendhaven Health applies the criteria in this policy as internal coverage criteria for Medicare "
              "Advantage members. A summary of the evidence is provided below.")
    subheading(pdf, "Wendhaven Community Care (Medicaid ACO)")
    para(pdf, "This policy applies to Wendhaven Community Care members and to the Medicaid benefits of HarborCare "
              "members, unless the state Medicaid agency's guidelines for medical necessity determination say "
              "otherwise.")
    subheading(pdf, "Crestview ElderCare (PACE)")
    para(pdf, "Services for PACE participants are authorized by the participant's interdisciplinary team; this policy "
              "does not apply.")

    heading(pdf, "Prior authorization")
    para(pdf, "Prior authorization is not required for the laboratory tests addressed in this policy. Claims are "
              "reviewed against this policy when they are received, and Wendhaven Health may request the ordering "
              "provider's records.")

    heading(pdf, "Exclusions")
    items(pdf, [
        ("-", "Intracellular micronutrient analysis, for any indication."),
        ("-", "Nutrient or nutritional panel testing, for any indication."),
        ("-", "Testing of individual nutrients for screening, or as part of a wellness panel."),
    ])

    heading(pdf, "Summary of evidence")
    para(pdf, "Published studies of intracellular micronutrient analysis are small, do not compare the results with "
              "standard serum or whole-blood tests, and do not show that acting on the results improves health "
              "outcomes. Studies of nutrient panel testing report associations between single nutrients and single "
              "conditions but no direct evidence that panel-guided supplementation improves symptoms or function.")
    heading(pdf, "Analysis of evidence")
    para(pdf, "The evidence is insufficient to determine that intracellular micronutrient analysis or nutrient panel "
              "testing improves net health outcomes. No professional society recommends either test.")

    heading(pdf, "Coding")
    para(pdf, "The following codes are included below for informational purposes only; inclusion of a code does not "
              "constitute or imply coverage or reimbursement.", size=9)
    para(pdf, "Codes that are not covered when billed for intracellular micronutrient analysis or nutrient panel "
              "testing. These codes also describe ordinary single-analyte tests, which are covered when the criteria "
              "for testing of an individual nutrient are met:", size=9, style="B")
    code_table(pdf, [
        ("82136", "Amino acids, 2 to 5 amino acids, quantitative, each specimen"),
        ("82180", "Ascorbic acid (Vitamin C), blood"),
        ("82379", "Carnitine (total and free), quantitative, each specimen"),
        ("82525", "Copper"),
        ("82607", "Cyanocobalamin (Vitamin B-12)"),
        ("82725", "Fatty acids, nonesterified"),
        ("82746", "Folic acid; serum"),
        ("83735", "Magnesium"),
        ("84425", "Thiamine (Vitamin B-1)"),
        ("84446", "Tocopherol alpha (Vitamin E)"),
        ("84590", "Vitamin A"),
        ("84591", "Vitamin, not otherwise specified"),
        ("84630", "Zinc"),
        ("86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis"),
        ("88348", "Electron microscopy, diagnostic"),
        ("84999", "Unlisted chemistry procedure"),
    ])
    para(pdf, "Intracellular micronutrient panels are often billed as a series of these codes for one date of "
              "service. A claim with several of these codes for one date of service and no documented indication for "
              "each analyte will be reviewed as a panel.", size=9)
    para(pdf, "Codes not addressed by this policy (see Vitamin D Testing):", size=9, style="B")
    code_table(pdf, [
        ("82306", "Vitamin D; 25 hydroxy, includes fraction(s), if performed"),
        ("82652", "Vitamin D; 1, 25 dihydroxy, includes fraction(s), if performed"),
    ])

    heading(pdf, "Member information")
    para(pdf, "Providers may not bill Wendhaven Community Care or HarborCare members for services denied under this "
              "policy. Members may appeal a denial as described in their Evidence of Coverage or Member Handbook.")

    heading(pdf, "References")
    items(pdf, [
        ("1.", "Blue Cross Blue Shield Association Evidence Street. Intracellular micronutrient analysis. Evidence "
               "review 2.04.73."),
        ("2.", "Genova Diagnostics. NutrEval FMV sample report. Accessed 2025."),
        ("3.", "SpectraCell Laboratories. Micronutrient Test: test menu and sample report. Accessed 2025."),
    ], indent=0, size=9)

    heading(pdf, "Policy history")
    para(pdf, "Origination date: 09/01/2016", size=9)
    para(pdf, "Review/Approval(s): Technology Assessment Committee: 08/02/2016 (policy adopted as Intracellular "
              "Micronutrient Analysis); 06/26/2019 (annual review, no changes); 05/25/2022 (annual review, ExaTest "
              "added to examples; effective 03/01/2023). Utilization Management Committee: 02/24/2026 (title changed "
              "to Micronutrient and Nutrient Panel Testing; nutrient panel testing and criteria for testing of an "
              "individual nutrient added; vitamin D moved to Vitamin D Testing).", size=9)
    para(pdf, "Connection date & details: April 2026 - Revised policy announced in Wendhaven Link; effective "
              "07/01/2026.", size=9)
    para(pdf, "Effective date: 07/01/2026", size=9)
    para(pdf, "Next review date:", size=9)

    heading(pdf, "Instructions for use")
    para(pdf, "These Clinical Coverage Criteria are used by Wendhaven Health to make coverage determinations. They "
              "do not constitute medical advice. Coverage depends on the member's benefit document, which governs "
              "where it differs from these criteria, and on applicable state and federal requirements, including "
              "CMS requirements for Medicare Advantage plans. Wendhaven Health may revise these criteria at any "
              "time.", size=8.5)

    pdf.output(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    build()
