#!/usr/bin/env python3
"""Build fallowmere-mutual-intracellular-micronutrient.pdf with fpdf2.

fictional example for evaluation; not a real payer's policy.
Layout modelled on Medical Mutual of Ohio's laboratory management policy listing and Corporate Medical Policies
disclaimer pages; everything stated in the document is invented.
"""
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fallowmere-mutual-intracellular-micronutrient.pdf")
NOTICE = "fictional example for evaluation; not a real payer's policy"


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 4, "Fallowmere Mutual   ", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 8)
        self.cell(130, 4, "Laboratory Management Policy: Intracellular Micronutrient Analysis - G2418   ")
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(10, self.get_y() + 1, 200, self.get_y() + 1)
        self.ln(4)

    def footer(self):
        self.set_y(-18)
        self.set_font("Helvetica", "", 7)
        self.multi_cell(0, 3.5,
                        "Form 30418 (Rev. 06/2025)   Fallowmere Mutual Corporate Medical Policies are guidelines for "
                        "benefit determinations and are not medical advice.\n"
                        "CPT only copyright 2024 American Medical Association. All rights reserved.",
                        new_x="LMARGIN", new_y="NEXT")


pdf = Doc(format="Letter")
pdf.set_title("Intracellular Micronutrient Analysis - G2418 (" + NOTICE + ")")
pdf.set_author("Fallowmere Mutual (fictional)")
pdf.set_subject(NOTICE)
pdf.set_keywords(NOTICE)
pdf.set_auto_page_break(True, margin=22)
pdf.add_page()


def h(text, size=11):
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def p(text):
    pdf.set_font("Helvetica", "", 9.5)
    pdf.multi_cell(0, 4.6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def row(cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 8.5)
    for text, w in zip(cells, widths):
        pdf.cell(w, 5, text + "   ", border=1)
    pdf.ln(5)


h("Intracellular Micronutrient Analysis", 14)
pdf.set_font("Helvetica", "", 9.5)
for label, value in [
    ("Policy Number:", "G2418"),
    ("Effective Date:", "07/01/2025"),
    ("Original Effective Date:", "07/01/2024"),
    ("Last Review Date:", "04/22/2025"),
    ("Next Review Date:", "04/2026"),
    ("Approved by Corporate Medical Policy Committee:", "05/06/2025"),
]:
    pdf.cell(80, 5, label + " ")
    pdf.cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)

h("Applies To")
W = [120, 40]
row(["Line of business", "Applies"], W, bold=True)
row(["Commercial fully insured (HMO, PPO, EPO)", "Yes"], W)
row(["Self-funded (ASO) employer groups", "Yes"], W)
row(["Individual and Marketplace plans", "Yes"], W)
row(["Medicare Advantage (Fallowmere Medicare PPO and HMO)", "Yes"], W)
row(["Medicare Supplement", "No"], W)
pdf.ln(2)
p("Self-funded employer groups may have benefit terms that differ from this policy; the member's benefit book "
  "governs.")

h("Description")
p("Some laboratories sell panels that measure vitamins, minerals, antioxidants and other nutrients inside white "
  "blood cells or cheek cells rather than in serum. Examples include the SpectraCell Laboratories Micronutrient "
  "Test, the Cell Science Systems cellular micronutrient assay (CMA), the IntraCellular Diagnostics ExaTest and "
  "Vibrant America's Vibrant Micronutrients. Other names used for this testing are functional intracellular "
  "analysis and leukocyte nutrient analysis. No specific CPT, HCPCS or PLA code describes these panels.")

h("Policy Statement")
p("Editorial note (fictional example): the criteria in this policy were invented for software testing and are "
  "not clinical guidance.")
pdf.set_font("Helvetica", "B", 9.5)
pdf.cell(0, 5, "When covered:", new_x="LMARGIN", new_y="NEXT")
p("N/A")
pdf.set_font("Helvetica", "B", 9.5)
pdf.cell(0, 5, "When not covered:", new_x="LMARGIN", new_y="NEXT")
p("Intracellular micronutrient analysis is considered investigational for all indications, including fatigue, "
  "autism, fibromyalgia, cardiovascular risk assessment and wellness screening. Investigational services are not "
  "covered.")

h("Related Testing Addressed by This Policy")
p("Measurement of a single micronutrient in serum, plasma or whole blood is medically necessary when a deficiency "
  "of that nutrient is suspected because of symptoms, physical findings, diet, malabsorption or medication use, "
  "and the result will guide treatment.")
p("Measurement of 1,25-dihydroxyvitamin D to assess vitamin D status is not medically necessary; the "
  "25-hydroxyvitamin D test is the appropriate test for that purpose.")

h("Medicare Advantage")
p("No National Coverage Determination or Local Coverage Determination addresses intracellular micronutrient "
  "analysis. Fallowmere Medicare PPO and HMO members are subject to this policy, and the testing is not covered "
  "for them.")
p("This policy does not apply to Medicare Supplement members; Original Medicare decides their claims.")

h("Coding")
p("The codes below are often billed for intracellular micronutrient analysis. Each also describes an ordinary "
  "test, and each is denied as investigational only when it is billed for intracellular micronutrient analysis.")
W = [22, 98, 70]
row(["Code", "Description", "Status under this policy"], W, bold=True)
row(["84999", "Unlisted chemistry procedure", "Investigational when billed for"], W)
row(["", "", "intracellular analysis"], W)
row(["86353", "Lymphocyte transformation, mitogen or antigen induced", "Investigational when billed for"], W)
row(["", "", "intracellular analysis"], W)
row(["88348", "Electron microscopy, diagnostic", "Investigational when billed for"], W)
row(["", "", "intracellular analysis"], W)
row(["84591", "Vitamin, not otherwise specified", "Investigational when billed for"], W)
pdf.add_page()
p("Coding (continued)")
row(["Code", "Description", "Status under this policy"], W, bold=True)
row(["", "", "intracellular analysis"], W)
row(["84207", "Pyridoxal phosphate (vitamin B-6)", "Investigational when billed for"], W)
row(["", "", "intracellular analysis"], W)
row(["84425", "Thiamine (vitamin B-1)", "Investigational when billed for"], W)
row(["", "", "intracellular analysis"], W)
pdf.ln(3)
p("The following codes are covered for single-nutrient testing when the criteria under Related Testing are met:")
row(["82607", "Cyanocobalamin (vitamin B-12)", "Covered when criteria met"], W)
row(["83735", "Magnesium", "Covered when criteria met"], W)
row(["84630", "Zinc", "Covered when criteria met"], W)
row(["82306", "Vitamin D; 25 hydroxy", "Covered when criteria met"], W)
pdf.ln(3)
p("The following code is not medically necessary when billed to assess vitamin D status; it is not affected by "
  "this policy when billed for other indications:")
row(["82652", "Vitamin D; 1, 25 dihydroxy", "Not medically necessary for vitamin D status"], W)
pdf.ln(3)

h("Member Responsibility and Appeals")
p("A network provider may not bill a member for intracellular micronutrient analysis denied under this policy "
  "unless the member agreed in writing, before the test, to pay for it.")
p("A member who disagrees with a benefit determination may appeal it as described in the member's benefit book "
  "or by calling Customer Care at 1-800-555-0118.")

h("Sources")
p("Fallowmere Mutual technology assessment, February 2025. The assessment found no published evidence that "
  "intracellular micronutrient results change treatment or improve health outcomes compared with standard serum "
  "testing.")

h("Policy History")
W = [30, 160]
row(["Date", "Action"], W, bold=True)
row(["07/01/2024", "New policy."], W)
row(["04/22/2025", "Annual review; Vibrant Micronutrients and the 1,25-dihydroxyvitamin D statement added."], W)
row(["", "Effective 07/01/2025."], W)
pdf.ln(3)
h("Disclaimer", 9)
p("Fallowmere Mutual Corporate Medical Policies help administer plan benefits. Benefit plans vary, and some plans "
  "may not cover services discussed here. Coverage decisions are subject to all terms of the member's benefit "
  "plan and to applicable state and federal law. Policies do not constitute medical advice; the treating provider "
  "is solely responsible for medical care.")

pdf.output(OUT)
print("wrote", OUT)
