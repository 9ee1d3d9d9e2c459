#!/usr/bin/env python3
# fictional example for development; not a real payer's policy
# Generates larkspire-health-nutrient-testing-payment-policy.pdf with fpdf2.
# Layout modelled on a public EmblemHealth payment policy (POLICY NUMBER / EFFECTIVE DATE per line of
# business / APPROVED BY grid, reimbursement-guideline disclaimer, revision history). Larkspire Health, its
# plans, people, policy numbers and dates are invented. Codes, laboratories and tests named are real.
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "larkspire-health-nutrient-testing-payment-policy.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, "Larkspire Health  |  Payment Policy", new_x="LMARGIN", new_y="NEXT", align="R")
        self.ln(2)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"RP20240031  |  Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


pdf = Doc(format="Letter")
pdf.set_auto_page_break(auto=True, margin=20)
pdf.set_margins(18, 14, 18)
pdf.alias_nb_pages()
pdf.add_page()


def h(text, size=11):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9.5)


def para(text, gap=1.5):
    pdf.set_font("Helvetica", "", 9.5)
    pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


# Title block
pdf.set_font("Helvetica", "B", 15)
pdf.multi_cell(0, 8, "Payment Policy: Micronutrient and Nutrient Panel Testing", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "B", 11)
pdf.multi_cell(0, 6, "(Commercial, Medicare & Medicaid)", new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)

# Label grid, as in the model: three columns, the effective date split by line of business
pdf.set_font("Helvetica", "B", 8.5)
with pdf.table(col_widths=(45, 70, 65), text_align="LEFT", line_height=5, first_row_as_headings=True) as t:
    r = t.row()
    r.cell("POLICY NUMBER")
    r.cell("EFFECTIVE DATE:")
    r.cell("APPROVED BY")
    r = t.row()
    r.cell("RP20240031")
    r.cell("Commercial/Medicare: 1/01/2025\nMedicaid: 4/01/2025")
    r.cell("RPC (Reimbursement Policy Committee)")
pdf.ln(3)

pdf.set_font("Helvetica", "I", 8)
pdf.multi_cell(0, 3.8,
    "Reimbursement Guideline Disclaimer: Larkspire Health has policies that reflect billing or claims payment "
    "processes unique to our health plans. Current billing and claims payment policies apply to all our products, "
    "unless otherwise noted. Larkspire Health will inform you of new policies or changes in policies through updates "
    "to the Provider Manual and/or provider news. The information in this policy is intended to serve only as a "
    "general reference resource for the services described and is not intended to address every aspect of a "
    "reimbursement situation. Other factors affecting reimbursement, including legislative mandates, provider "
    "contracts, the member's benefit coverage documents and other reimbursement, medical or drug policies, may "
    "supplement, modify or, in some cases, supersede this policy. This policy may not be implemented exactly the "
    "same way on the different claims processing systems used by Larkspire Health.",
    new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)

h("Definitions")
para("Intracellular micronutrient testing: laboratory testing that reports the level or function of vitamins, "
     "minerals, amino acids or antioxidants inside cells. Examples are the Micronutrient Test from SpectraCell "
     "Laboratories and the cellular micronutrient assay from Cell Science Systems, which culture the member's "
     "lymphocytes, and the ExaTest from IntraCellular Diagnostics, which analyzes cells scraped from under the tongue.")
para("Nutrient panel testing: a panel of many blood and/or urine markers of nutritional status sold as one test, "
     "for example NutrEval FMV from Genova Diagnostics or Vibrant Micronutrients from Vibrant America.")
para("Single-analyte nutrient test: a test of one vitamin or mineral in serum, plasma or whole blood, such as "
     "vitamin B-12 or 25-hydroxy vitamin D.")

h("Policy Description")
para("This policy explains how Larkspire Health reimburses laboratory claims for micronutrient and nutrient testing. "
     "It applies to Larkspire Health Commercial, Medicare Advantage and Medicaid Managed Care products, including the "
     "Health and Recovery Plan (HARP).")
para("This policy does not apply to Larkspire Medicare Supplement (Medigap) plans; for those members Original "
     "Medicare determines payment.")
para("Larkspire's medical policy Intracellular Micronutrient Analysis (MG-219) considers these tests experimental "
     "and investigational. This payment policy applies to claims whether or not a medical necessity review was done.")

h("Reimbursement Guidelines")
para("A. Larkspire Health does not reimburse intracellular micronutrient testing or nutrient panel testing for any "
     "diagnosis, whatever codes are used to bill it.")
para("B. These tests have no code of their own. Claims for them usually carry the unlisted chemistry code, the "
     "lymphocyte transformation code, the electron microscopy code, or a string of single-analyte codes from the "
     "same laboratory on one date of service. A claim line with one of the codes below is denied under this policy "
     "only when the claim, the requisition or the laboratory's test name shows that it was performed as part of a "
     "test described in Guideline A. The same codes billed for other tests are reimbursed under the usual "
     "laboratory rules.")

pdf.set_font("Helvetica", "", 8.5)
with pdf.table(col_widths=(16, 92, 72), text_align="LEFT", line_height=4.6, first_row_as_headings=True) as t:
    for row in (
        ("Code", "Description", "Status under this policy"),
        ("84999", "Unlisted chemistry procedure", "Denied when part of a Guideline A test"),
        ("86353", "Lymphocyte transformation (mitogen or antigen induced)", "Denied when part of a Guideline A test"),
        ("88348", "Electron microscopy, diagnostic", "Denied when part of a Guideline A test"),
        ("82607", "Cyanocobalamin (vitamin B-12)", "Denied when part of a Guideline A test"),
        ("82306", "Vitamin D; 25 hydroxy", "Denied when part of a Guideline A test"),
        ("84591", "Vitamin, not otherwise specified", "Denied when part of a Guideline A test"),
        ("84630", "Zinc", "Denied when part of a Guideline A test"),
    ):
        r = t.row()
        for c in row:
            r.cell(c)
pdf.ln(3)

para("C. Venipuncture. When every laboratory service on the claim is denied under Guideline A, the venipuncture "
     "(36415) billed with it is not reimbursable either. Otherwise 36415 is reimbursed under the "
     "Laboratory/Venipuncture payment policy (RP20220107).")
para("D. Diagnosis codes. A diagnosis such as Z13.21 (encounter for screening for nutritional disorder) or E63.9 "
     "(nutritional deficiency, unspecified) does not make a test in Guideline A reimbursable.")
para("E. Medicare Advantage. Where CMS has issued a national coverage determination or an applicable local coverage "
     "determination for a test, it takes precedence over this policy. Larkspire Health has found none for the tests "
     "in Guideline A.")
para("F. Medicaid Managed Care and HARP. The state Medicaid laboratory fee schedule also applies. The tests in "
     "Guideline A are not listed on it.")

h("Member Billing")
para("Participating providers may not bill members for laboratory services denied under this policy. A Commercial "
     "member may be billed only if, before the specimen was collected, the member signed a written agreement that "
     "names the test and its cost. Medicaid Managed Care and HARP members may not be billed in any case.")

h("Claim Reconsideration")
para("Providers who disagree with a denial under this policy may request a claim reconsideration within 180 days of "
     "the remittance date.")

h("Revision History")
pdf.set_font("Helvetica", "", 8.5)
with pdf.table(col_widths=(30, 150), text_align="LEFT", line_height=4.6, first_row_as_headings=True) as t:
    for row in (
        ("DATE", "REVISION"),
        ("09/18/2024", "New policy approved by RPC. Commercial/Medicare effective 1/01/2025."),
        ("12/11/2024", "Medicaid and HARP added, effective 4/01/2025; Guideline C added. Approved by RPC."),
    ):
        r = t.row()
        for c in row:
            r.cell(c)

pdf.output(OUT)
print("wrote", OUT)
