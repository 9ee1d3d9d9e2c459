#!/usr/bin/env python3
"""fictional example for development; not a real payer's policy

Builds cardinal-ridge-intracellular-micronutrient-analysis.pdf (2 pages) with fpdf2.
Every payer, plan, policy number, person and date is invented; the CPT codes are real.
usage: python3 make_cardinal-ridge-intracellular-micronutrient-analysis_pdf.py
"""
import os

from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "cardinal-ridge-intracellular-micronutrient-analysis.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 7)
        self.cell(0, 4, "Cardinal Ridge Health Plan - Corporate Medical Policy", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "Intracellular Micronutrient Analysis AHS - G2214", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 7)
        self.cell(0, 4, f"Page {self.page_no()} of 2    (c) 2026 Cardinal Ridge Health Plan    "
                        "Printed 02/09/2026 - uncontrolled when printed", align="C")


def h(pdf, text):
    pdf.ln(1)
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)


def p(pdf, text):
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(0, 3.8, text, new_x="LMARGIN", new_y="NEXT")


def row(pdf, code, desc, w=(18, 0)):
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(w[0], 4, code)
    pdf.multi_cell(w[1], 4, desc, new_x="LMARGIN", new_y="NEXT")


def main():
    pdf = Doc(format="letter")
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_margins(16, 10, 16)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 7, "Intracellular Micronutrient Analysis AHS - G2214", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)
    for lab, val in [("Commercial Medical Policy", ""), ("Origination:", "03/01/2019"),
                     ("Last Review:", "11/2025"), ("Next Review:", ""),
                     ("Effective Date:", "January 15, 2026"), ("Prior Review Required:", "No")]:
        pdf.cell(40, 4, lab)
        pdf.cell(0, 4, val, new_x="LMARGIN", new_y="NEXT")

    h(pdf, "Description of Procedure or Service")
    p(pdf, "Micronutrients are vitamins, minerals and trace elements needed in small amounts. Some commercial "
           "laboratories offer panels that estimate the intracellular status of many micronutrients at once, for "
           "example by culturing a patient's lymphocytes in nutrient-depleted media (SpectraCell Laboratories, "
           "Micronutrient Test with SPECTROX and IMMUNIDEX) or by energy dispersive x-ray analysis of buccal cells "
           "(IntraCellular Diagnostics, ExaTest). The testing is also marketed as functional intracellular analysis "
           "(FIA).")
    p(pdf, "***Note: This Medical Policy is complex and technical. For questions concerning the technical language "
           "and/or specific clinical indications for its use, please consult your physician.")

    h(pdf, "Policy")
    p(pdf, "Intracellular micronutrient analysis is considered investigational. Cardinal Ridge does not provide "
           "coverage for investigational services or procedures.")

    h(pdf, "Benefits Application")
    p(pdf, "This medical policy relates only to the services or supplies described herein. Please refer to the "
           "Member's Benefit Booklet for availability of benefits. Member's benefits may vary according to benefit "
           "design; therefore member benefit language should be reviewed before applying the terms of this medical "
           "policy.")
    p(pdf, "This policy applies to Cardinal Ridge commercial products, including self-funded (ASO) groups, and to "
           "Cardinal Ridge Medicare Advantage (Ridgeline Senior HMO and PPO) members because no National Coverage "
           "Determination or Local Coverage Determination addresses this testing.")
    p(pdf, "It does not apply to Cardinal Ridge Community Care (Medicaid) members; see the state Medicaid Clinical "
           "Coverage Policy 1S-3, Laboratory Services. Federal Employee Program members: refer to the FEP Medical "
           "Policy Manual, policy 2.04.73.")

    h(pdf, "When Intracellular Micronutrient Analysis is covered")
    p(pdf, "N/A")

    h(pdf, "When Intracellular Micronutrient Analysis is not covered")
    p(pdf, "Intracellular micronutrient panel testing (e.g., SpectraCell Micronutrient Test, ExaTest) is considered "
           "investigational for all applications.")
    p(pdf, "Combined nutritional profiles of blood and urine marketed for wellness screening (e.g., Genova Diagnostics "
           "NutrEval FMV) are considered investigational.")

    h(pdf, "Policy Guidelines")
    p(pdf, "Measurement of a single vitamin or mineral in serum or plasma when a specific deficiency is suspected is "
           "not addressed in this policy; see AHS - G2110 Vitamin D Testing (effective 07/01/2024) and AHS - G2098 "
           "Vitamin B12 and Methylmalonic Acid Testing.")

    h(pdf, "Billing/Coding/Physician Documentation Information")
    p(pdf, "This policy may apply to the following codes. Inclusion of a code in this section does not guarantee "
           "that it will be reimbursed. The codes below are investigational only when billed to report "
           "intracellular micronutrient analysis or a combined nutritional profile; when billed for an "
           "individual test they are processed under the member's laboratory benefit.")
    pdf.set_font("Helvetica", "B", 8)
    row(pdf, "CPT", "Description")
    codes = [
        ("82180", "Ascorbic acid (vitamin C), blood"),
        ("82379", "Carnitine (total and free), quantitative, each specimen"),
        ("82525", "Copper"),
        ("82607", "Cyanocobalamin (vitamin B-12)"),
        ("82746", "Folic acid; serum"),
        ("83735", "Magnesium"),
        ("84207", "Pyridoxal phosphate (vitamin B-6)"),
        ("84425", "Thiamine (vitamin B-1)"),
    ]
    for c, d in codes:
        row(pdf, c, d)

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 8)
    row(pdf, "CPT", "Description (continued)")
    codes2 = [
        ("84446", "Tocopherol alpha (vitamin E)"),
        ("84590", "Vitamin A"),
        ("84630", "Zinc"),
        ("86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis"),
        ("84999", "Unlisted chemistry procedure"),
        ("82306", "Vitamin D; 25 hydroxy - removed from this policy 01/15/2026"),
    ]
    for c, d in codes2:
        row(pdf, c, d)
    p(pdf, "There is no specific CPT or PLA code for intracellular micronutrient analysis. ICD-10 codes: not "
           "applicable.")
    p(pdf, "Cardinal Ridge may request medical records for determination of medical necessity. When medical "
           "records are requested, letters of support and/or explanation are often useful, but are not "
           "sufficient documentation unless all specific information needed to make a medical necessity "
           "determination is included.")

    h(pdf, "Scientific Background and Reference Sources")
    p(pdf, "Published studies of intracellular panels are small and uncontrolled. The evidence is insufficient to "
           "show that intracellular micronutrient testing improves health outcomes compared with standard serum "
           "testing of individual nutrients.")
    p(pdf, "Senior Medical Director review 11/2025.")

    h(pdf, "Policy Implementation/Update Information")
    hist = [
        ("3/1/19", "New policy developed. Intracellular micronutrient analysis is investigational. Medical Director "
                   "review 2/2019."),
        ("12/10/21", "Reviewed by the Laboratory Benefit Committee; no change to policy statement."),
        ("11/14/24", "Annual review. Notification given 11/14/24 for effective date 1/15/25. Added ExaTest."),
        ("1/15/26", "Annual review completed 11/2025. Added NutrEval statement. 82306 removed from coding table. "
                    "Policy approved by the Cardinal Ridge Medical Policy Advisory Group on November 18, 2025."),
    ]
    for d, t in hist:
        row(pdf, d, t, w=(18, 0))
    p(pdf, "Medical policy is not an authorization, certification, explanation of benefits or a contract. Eligibility "
           "and benefits are determined on a case-by-case basis according to the terms of the member's plan in "
           "effect as of the date services are rendered.")
    assert pdf.page_no() == 2, pdf.page_no()
    pdf.output(OUT)


if __name__ == "__main__":
    main()
