#!/usr/bin/env python3
"""Build wintergrove-intracellular-micronutrient-testing.pdf.

Fictional example for evaluation; not a real payer's policy. Everything about the payer
(Wintergrove), its plans, numbers, people, phone numbers, dates and criteria is invented;
the criteria are not clinical guidance. Requires fpdf2.
"""
import os
from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "wintergrove-intracellular-micronutrient-testing.pdf")
TITLE = "Intracellular Micronutrient and Nutritional Panel Testing"


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Wintergrove Health Plan | Wintergrove Health Assurance | Wintergrove Health Plan Partners",
                  new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, f"Medical Policy MP-LAB-231 | {TITLE}", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, "Medical policies are guidance for administering plan benefits; they are not medical advice or a guarantee of coverage.",
                  new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, f"WGHP 00871 (10/2025)    Page {self.page_no()} of {{nb}}", align="R")


def para(pdf, text, size=10, style="", h=5):
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, h, text, align="L", new_x="LMARGIN", new_y="NEXT")


def heading(pdf, text):
    pdf.ln(2)
    para(pdf, text, size=11, style="B", h=6)


def line(pdf, text, size=10, style=""):
    pdf.set_font("Helvetica", style, size)
    pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")


CODE_HEAD = ("Code", "Description", "Status under this policy")
W = (16, 78, 96)


def code_head(pdf, cont=False):
    pdf.set_font("Helvetica", "B", 9)
    if cont:
        line(pdf, "Coding (continued)", size=10, style="B")
        pdf.set_font("Helvetica", "B", 9)
    for w, t in zip(W, CODE_HEAD):
        pdf.cell(w, 6, t, border=1)
    pdf.ln(6)


def code_rows(pdf, rows):
    for code, desc, status in rows:
        if pdf.get_y() > pdf.h - 28:
            pdf.add_page()
            code_head(pdf, cont=True)
        pdf.set_font("Helvetica", "", 8.5)
        pdf.cell(W[0], 6, " " + code + " ", border=1)
        pdf.cell(W[1], 6, " " + desc + " ", border=1)
        pdf.cell(W[2], 6, " " + status + " ", border=1)
        pdf.ln(6)


def build():
    pdf = Doc(format="letter")
    pdf.set_title(TITLE + " (fictional example for evaluation; not a real payer's policy)")
    pdf.set_author("Fictional example for evaluation; not a real payer's policy")
    pdf.set_subject("fictional example for evaluation; not a real payer's policy")
    pdf.set_creator("make_wintergrove_pdf.py (fpdf2)")
    pdf.set_auto_page_break(auto=True, margin=22)
    pdf.set_margins(18, 15, 18)
    pdf.add_page()

    para(pdf, "MEDICAL POLICY", size=12, style="B")
    para(pdf, TITLE, size=14, style="B", h=7)
    pdf.ln(1)
    for t in ("Policy Number: MP-LAB-231",
              "Original Date: April 2024",
              "Effective Date: January 1, 2026",
              "Approved by Medical Policy Committee: October 14, 2025",
              "Last Reviewed: October 14, 2025",
              "Next Review: October 2026",
              "Published: November 1, 2025",
              "Policy Contact:"):
        line(pdf, t)

    heading(pdf, "Applies to")
    for t in ("[X] Commercial: Wintergrove Health Plan and Wintergrove Health Plan Partners group and individual plans",
              "[X] Medicaid: Wintergrove Community Plan (Medicaid managed care)",
              "[ ] Medicare Advantage: Wintergrove Health Assurance",
              "[ ] Medicare Supplement: N/A - Original Medicare determines coverage for these members"):
        line(pdf, t, size=9.5)
    pdf.ln(1)
    para(pdf, "This policy does not apply to Wintergrove Health Assurance (Medicare Advantage) members; their "
              "coverage follows CMS national and local coverage determinations and, where none exists, the "
              "Wintergrove Health Assurance Investigational Services policy.")
    para(pdf, "Self-insured employer groups administered by Wintergrove may also adopt this policy; check the "
              "group's plan document.")

    heading(pdf, "Description")
    para(pdf, "Intracellular micronutrient tests estimate a person's vitamin, mineral and antioxidant status from "
              "inside cells rather than from serum. Lymphocyte culture assays grow the patient's white blood cells "
              "in media with graded amounts of each nutrient; other tests measure elements in scraped cheek cells "
              "by energy dispersive x-ray analysis. Examples include the Micronutrient Test from SpectraCell "
              "Laboratories, the Cellular Micronutrient Assay (CMA) from Cell Science Systems, the ExaTest from "
              "IntraCellular Diagnostics, and Vibrant Micronutrients from Vibrant America. Comprehensive "
              "nutritional panels, such as NutrEval FMV from Genova Diagnostics, combine blood and urine markers "
              "of nutrient status into one report.")

    para(pdf, "Standard tests of nutrient status measure the nutrient, or a marker of it, in serum, plasma, whole "
              "blood or red cells, and reference ranges for them are established. No CPT or HCPCS code describes an "
              "intracellular micronutrient panel as a whole; laboratories report the panel with a series of "
              "ordinary chemistry codes, an unlisted chemistry code, or a lymphocyte transformation code. The "
              "results are often reported as functional deficiencies with a recommendation to take supplements, "
              "sometimes sold by the ordering practice.")

    heading(pdf, "Criteria")
    para(pdf, "1. Intracellular micronutrient testing", style="B")
    para(pdf, "Intracellular micronutrient testing is considered investigational and is not covered for any "
              "indication, including fatigue, autism, fibromyalgia, cardiovascular risk and general wellness.")
    para(pdf, "Medically necessary indications: none.")
    para(pdf, "2. Comprehensive nutritional panels", style="B")
    para(pdf, "Comprehensive nutritional panels that combine blood and urine markers of nutrient status are "
              "considered investigational.")
    para(pdf, "3. Individual micronutrient tests in serum, plasma or whole blood", style="B")
    para(pdf, "Measurement of an individual micronutrient in serum, plasma or whole blood is considered "
              "medically necessary when both of the following are met:")
    para(pdf, "a. A deficiency or excess of that nutrient is suspected from symptoms, examination findings, diet, "
              "malabsorption, surgery or medication; and")
    para(pdf, "b. The result will be used to start, adjust or stop treatment.")
    para(pdf, "Vitamin D status is assessed with 25-hydroxyvitamin D. Measurement of 1,25-dihydroxyvitamin D is "
              "not medically necessary when it is billed to assess vitamin D status.")

    heading(pdf, "Coverage")
    para(pdf, "Investigational services are not covered under Wintergrove commercial and Medicaid plans.")
    para(pdf, "Covered indications for tests in sections 1 and 2: N/A")

    heading(pdf, "Member information")
    para(pdf, "Wintergrove Community Plan (Medicaid) members may not be billed for a test denied under this policy.")
    para(pdf, "A member or provider may appeal a denial under this policy by following the instructions in the "
              "denial letter. For questions about criteria, call 555-0117.")

    heading(pdf, "Evidence review")
    para(pdf, "Studies of intracellular micronutrient tests are small, lack comparison with standard serum "
              "measurements, and do not show that acting on the results improves health outcomes.")

    heading(pdf, "Definitions")
    para(pdf, "Investigational: a service whose effect on health outcomes has not been shown in published, "
              "peer-reviewed studies, that is not accepted as standard medical practice, or that is still being "
              "studied in clinical trials to determine its safety or effectiveness.")
    para(pdf, "Functional intracellular analysis: a marketing term for lymphocyte culture assays of nutrient status.")

    heading(pdf, "Documentation")
    para(pdf, "Requests and claims for individual micronutrient tests should be supported by clinical notes that "
              "describe the suspected deficiency or excess and how the result will change treatment. Wintergrove "
              "may request records before or after payment. A request for a test in section 1 or 2 does not need "
              "prior authorization; it is denied as investigational.")
    para(pdf, "Prior authorization required: No")

    heading(pdf, "Coding")
    para(pdf, "Laboratories bill intracellular micronutrient panels with many ordinary test codes. The codes marked "
              "below are denied when billed as part of an intracellular micronutrient panel; each also describes "
              "ordinary tests that this policy does not restrict. Several of these codes billed together for one "
              "date of service by a laboratory that performs such panels are reviewed as a panel.")
    pdf.ln(1)
    code_head(pdf)
    code_rows(pdf, [
        ("86353", "Lymphocyte transformation, mitogen or antigen induced", "Not covered when billed as part of a panel"),
        ("84999", "Unlisted chemistry procedure", "Not covered when billed as part of a panel"),
        ("84591", "Vitamin, not otherwise specified", "Not covered when billed as part of a panel"),
        ("88348", "Electron microscopy, diagnostic", "Not covered when billed as part of a panel"),
        ("82128", "Amino acids; multiple, qualitative, each specimen", "Not covered when billed as part of a panel"),
        ("82607", "Cyanocobalamin (vitamin B-12)", "Covered when section 3 criteria are met"),
        ("82746", "Folic acid; serum", "Covered when section 3 criteria are met"),
        ("82306", "Vitamin D; 25 hydroxy", "Covered when section 3 criteria are met"),
        ("83735", "Magnesium", "Covered when section 3 criteria are met"),
        ("84630", "Zinc", "Covered when section 3 criteria are met"),
        ("82652", "Vitamin D; 1, 25-dihydroxy", "Not medically necessary to assess vitamin D status"),
        ("82747", "Folic acid; RBC", "Reference only; see the Folate Testing policy"),
    ])
    pdf.ln(2)
    para(pdf, "CPT codes, descriptions and other data only are copyright 2024 American Medical Association. "
              "All rights reserved.", size=8)

    heading(pdf, "Revision history")
    for t in ("04/2024 - New policy. Intracellular micronutrient testing investigational.",
              "10/08/2024 - Annual review. Vibrant Micronutrients added to examples; no change in position.",
              "10/14/2025 - Annual review. Comprehensive nutritional panels added as investigational; criteria for "
              "individual micronutrient tests added. Effective 01/01/2026."):
        para(pdf, t, size=9.5)

    heading(pdf, "Policy administration")
    para(pdf, "Medical policies are reviewed each year against published peer-reviewed evidence and clinical "
              "practice guidelines. Providers receive 60 days' notice of restrictive changes. If a member's "
              "coverage agreement differs from this policy, the coverage agreement controls.", size=9.5)
    pdf.output(OUT)


if __name__ == "__main__":
    build()
