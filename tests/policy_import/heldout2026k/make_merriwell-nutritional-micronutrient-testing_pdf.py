#!/usr/bin/env python3
# FICTIONAL EXAMPLE FOR DEVELOPMENT; NOT A REAL PAYER'S POLICY.
# Builds merriwell-nutritional-micronutrient-testing.pdf (fpdf2). Merriwell Health Plan, Merriwell HealthNet Plan,
# their products (other than the state program names MassHealth, ConnectorCare, Senior Care Options and
# New Hampshire Medicaid), the policy numbers MCP 3.418 / MCP 3.207, the committee, phone numbers (555-01xx) and every
# date are invented. Real: the CPT codes, the laboratories and tests named (SpectraCell Laboratories, Cell Science
# Systems, IntraCellular Diagnostics, Vibrant America), InterQual as the name of a commercial criteria set, the
# BCBSA evidence review number 2.04.73, the cited regulations and the two cited publications. The layout follows
# the header block of WellSense Health Plan / BMC HealthNet Plan medical policies ("Medical Policy and InterQual
# Criteria", policy number, version number, version effective date, product applicability checkboxes, the Senior
# Care Options NCD/LCD note). The clinical criteria are invented and are not clinical guidance.
# Usage: /work/venvs/author-L/bin/python make_merriwell-nutritional-micronutrient-testing_pdf.py
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "merriwell-nutritional-micronutrient-testing.pdf")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_B = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
TITLE = "Nutritional and Micronutrient Laboratory Testing"


class Doc(FPDF):
    def header(self):
        self.set_font("dv", "", 8)
        self.set_text_color(60, 60, 60)
        self.cell(0, 4, "merriwellhealthnet.org | 888-555-0119        merriwellnh.org | 877-555-0146", align="R",
                  new_x="LMARGIN", new_y="NEXT")
        self.ln(3)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-14)
        self.set_font("dv", "", 8)
        self.cell(0, 4, f"MCP 3.418 {TITLE}", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")


pdf = Doc(format="Letter")
pdf.add_font("dv", "", FONT)
pdf.add_font("dv", "B", FONT_B)
pdf.set_margins(18, 14, 18)
pdf.set_auto_page_break(True, margin=20)
pdf.alias_nb_pages()
pdf.add_page()
W = pdf.w - pdf.l_margin - pdf.r_margin


def h1(t):
    pdf.set_font("dv", "B", 15)
    pdf.multi_cell(W, 7, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def h2(t):
    pdf.ln(2)
    pdf.set_font("dv", "B", 11)
    pdf.set_fill_color(225, 232, 240)
    pdf.cell(W, 6, t, fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def h3(t):
    pdf.set_font("dv", "B", 9.5)
    pdf.multi_cell(W, 5, t, new_x="LMARGIN", new_y="NEXT")


def p(t, indent=0, size=9):
    pdf.set_font("dv", "", size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(W - indent, 4.6, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.2)


def row(cells, widths, bold=False, size=8.5):
    """One table row; cells are short enough to stay on one line."""
    pdf.set_font("dv", "B" if bold else "", size)
    for c, w in zip(cells, widths):
        pdf.cell(w, 5.2, c, border=1)
    pdf.ln(5.2)


def hist(date, text):
    pdf.set_font("dv", "", 8.5)
    y = pdf.get_y()
    pdf.set_x(pdf.l_margin)
    pdf.cell(22, 4.6, date)
    pdf.set_xy(pdf.l_margin + 22, y)
    pdf.multi_cell(W - 22, 4.6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.8)


# ---------------- page 1 ----------------
pdf.set_font("dv", "B", 10)
pdf.cell(0, 5, "Medical Policy and InterQual® Criteria", new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
h1(TITLE)
pdf.set_font("dv", "", 9)
pdf.cell(55, 5, "Policy Number: MCP 3.418")
pdf.cell(40, 5, "Version Number: 12")
pdf.cell(0, 5, "Version Effective Date: 04/01/26", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)

pdf.set_font("dv", "B", 9)
pdf.cell(0, 5, "Product Applicability     All Plan+ Products", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("dv", "", 9)
pdf.cell(0, 5, "Merriwell Health Plan", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "    [X] New Hampshire Medicaid", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "Merriwell HealthNet Plan", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "    [X] MassHealth ACO", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "    [X] Qualified Health Plans/ConnectorCare/Employer Select", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 5, "    [X] Senior Care Options ◊", new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
p("Notes: + Disclaimer and audit information is located at the end of this document.", size=8)
p("◊ For Senior Care Options members, this policy is used only when no Centers for Medicare & Medicaid Services "
  "(CMS) national coverage determination (NCD) or local coverage determination (LCD) sets criteria for the "
  "service on the date of the request. Review the member's Senior Care Options benefit documents to determine "
  "coverage.", size=8)

h2("Policy Summary")
p("The Plan considers intracellular micronutrient testing experimental and investigational for all indications. "
  "Experimental and investigational services are not covered.")
p("The Plan considers testing of an individual vitamin or mineral in serum, plasma or whole blood medically "
  "necessary when the Plan's medical policy criteria in Section II are met. When this policy does not include "
  "criteria for a nutrient test, the Plan applies InterQual® criteria.")
p("Prior authorization is not required for the laboratory tests in this policy.")

h2("Description of Item or Service")
p("Micronutrients are the vitamins and trace minerals the body needs in small amounts. Deficiency of a single "
  "micronutrient is usually confirmed with a serum, plasma or whole-blood test of that nutrient.")
p("Intracellular micronutrient testing is also marketed as functional intracellular analysis or leukocyte "
  "nutrient analysis. These tests report levels or functional activity of vitamins, minerals, antioxidants and "
  "other nutrients inside white blood cells or epithelial cells rather than in serum.")
p("Examples include the SpectraCell Micronutrient Test (SpectraCell Laboratories), the cellular micronutrient assay "
  "(CMA) from Cell Science Systems, the ExaTest from IntraCellular Diagnostics, and Vibrant Micronutrients from "
  "Vibrant America.")
p("The ExaTest uses energy dispersive x-ray analysis of sublingual epithelial cells scraped from under the tongue.")

# ---------------- policy detail ----------------
h2("Policy Detail")
h3("Applicable Coverage Criteria")
h3("I. Intracellular micronutrient testing")
p("The Plan considers intracellular micronutrient testing experimental and investigational for all indications, "
  "including fatigue, fibromyalgia, autism spectrum disorder, cardiovascular risk assessment and general wellness "
  "screening.", indent=4)
p("A claim for an intracellular micronutrient panel is denied in full; the Plan does not pay the individual "
  "analytes of the panel separately.", indent=4)
h3("II. Individual nutrient testing")
p("Editorial note (fictional example): the criteria in this section were invented for software testing and are not "
  "clinical guidance.", indent=4, size=8)
p("Testing of an individual vitamin or mineral (for example vitamin B-12, folate, zinc or magnesium) is medically "
  "necessary when ALL of the following are met:", indent=4)
p("A. The member has signs or symptoms of deficiency or excess of that nutrient, or a condition or medication known "
  "to cause its deficiency (for example malabsorption, bariatric surgery or long-term metformin use); and", indent=8)
p("B. The result will be used to start, change or stop treatment; and", indent=8)
p("C. The test is ordered for that nutrient alone or with other nutrients that each have their own indication.",
  indent=8)
p("Testing of individual nutrients to screen members who have no signs, symptoms or risk factors is not medically "
  "necessary.", indent=4)

h3("Limitations and Exclusions")
p("Food sensitivity testing with the Alcat test (also offered by Cell Science Systems) is not a micronutrient test; "
  "it is addressed in the Plan's Allergy Testing policy (MCP 3.207).", indent=4)
p("Vitamin D testing is not addressed by this policy; the Plan applies InterQual® criteria to 25-hydroxyvitamin D "
  "and 1,25-dihydroxyvitamin D tests.", indent=4)

# ---------------- coding ----------------
h2("Applicable Coding")
p("Table 1. CPT codes that may be billed for intracellular micronutrient testing (not covered when billed for this "
  "testing)", size=8.5)
wd = [22, W - 22]
row(["CPT code", "Description"], wd, bold=True)
row(["86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis"], wd)
row(["84591", "Vitamin, not otherwise specified"], wd)
row(["88348", "Electron microscopy, diagnostic"], wd)
row(["84999", "Unlisted chemistry procedure"], wd)
pdf.ln(1)
p("Each code in Table 1 also describes ordinary tests (for example 86353 for beryllium sensitivity and 88348 for a "
  "kidney biopsy). The Plan denies these codes only when the records or the performing laboratory show that they "
  "were billed for intracellular micronutrient testing.", size=8.5)
p("Table 2. CPT codes for individual nutrient tests (covered when the criteria in Section II are met)", size=8.5)
row(["CPT code", "Description"], wd, bold=True)
row(["82607", "Cyanocobalamin (Vitamin B-12)"], wd)
row(["82746", "Folic acid; serum"], wd)
row(["84630", "Zinc"], wd)
row(["83735", "Magnesium"], wd)
pdf.ln(1)
p("Table 3. Codes listed for reference only (vitamin D testing; see Limitations and Exclusions)", size=8.5)
row(["CPT code", "Description"], wd, bold=True)
row(["82306", "Vitamin D; 25 hydroxy, includes fraction(s), if performed"], wd)
row(["82652", "Vitamin D; 1, 25 dihydroxy, includes fraction(s), if performed"], wd)
pdf.ln(1)

h2("Member Liability and Appeals")
p("Providers may not bill New Hampshire Medicaid, MassHealth ACO or Senior Care Options members for services denied "
  "under this policy.")
p("Members may appeal a denial as described in their Member Handbook or Evidence of Coverage.")

h2("Summary of Clinical Evidence")
p("Published studies of intracellular micronutrient tests are small, have not been validated against established "
  "serum measurements, and do not show that treatment guided by the results improves health outcomes.")
p("No national professional society recommends intracellular micronutrient testing for diagnosis or screening.")

h2("References")
p("1. Blue Cross and Blue Shield Association. Intracellular Micronutrient Analysis. Evidence review 2.04.73.",
  size=8.5)
p("2. Holick MF, Binkley NC, Bischoff-Ferrari HA, et al. Evaluation, treatment, and prevention of vitamin D "
  "deficiency: an Endocrine Society clinical practice guideline. J Clin Endocrinol Metab. 2011;96(7):1911-1930.",
  size=8.5)
p("3. Institute of Medicine. Dietary Reference Intakes for Calcium and Vitamin D. Washington, DC: The National "
  "Academies Press; 2011.", size=8.5)

h2("Policy History")
pdf.set_font("dv", "B", 8.5)
pdf.cell(22, 5, "Action Date")
pdf.cell(0, 5, "Action", new_x="LMARGIN", new_y="NEXT")
hist("09/21/17", "New policy, Intracellular Micronutrient Testing, approved by the Medical Policy Review Committee "
     "(MPRC). Effective 01/01/18.")
hist("10/15/20", "Annual review; references updated; no change to criteria. Version 9.")
hist("03/18/24", "Title changed to Nutritional and Micronutrient Laboratory Testing; individual nutrient criteria "
     "added. Version 11, effective 07/01/24.")
hist("11/18/25", "Annual review. ExaTest and Vibrant Micronutrients added to examples; 88348 added to Table 1. "
     "Approved by MPRC. Version 12, effective 04/01/26.")
pdf.ln(1)
p("Original Approval Date: 09/21/17", size=8.5)
p("Last Review Date: 11/18/25", size=8.5)
p("Provider Notification: 01/05/26", size=8.5)
p("Next Review Date: 11/2026", size=8.5)

h2("Reference to Applicable Laws and Regulations")
p("130 CMR 450.204: Medical Necessity (MassHealth).", size=8.5)
p("42 CFR 422.101(b): Requirements relating to basic benefits (Medicare Advantage organizations must comply with "
  "CMS national coverage determinations).", size=8.5)

h2("Disclaimer Information")
p("Medical policies and InterQual® criteria are the Plan's guidelines for determining the medical necessity of "
  "certain services or supplies for purposes of determining coverage. They do not constitute medical advice, and "
  "they do not guarantee coverage or payment.", size=8)
p("Coverage depends on the member's eligibility and benefits on the date of service. Where this policy and a "
  "member's benefit documents differ, the benefit documents govern.", size=8)
p("+ Plan refers to Merriwell Health Plan, Inc. and its affiliates and subsidiaries offering health coverage plans "
  "to enrolled members, including Merriwell HealthNet Plan.", size=8)
p("InterQual® is a registered trademark of its owner. CPT® is a registered trademark of the American Medical "
  "Association.", size=8)

pdf.output(OUT)
print(OUT)
