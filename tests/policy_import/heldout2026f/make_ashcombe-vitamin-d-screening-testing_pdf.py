#!/usr/bin/env python3
# fictional example for development; not a real payer's policy
# Generates ashcombe-vitamin-d-screening-testing.pdf with fpdf2. Every payer, plan, product name,
# person and date in it is invented; the CPT/PLA codes, the assay and its laboratory are real.
# Layout modelled on a public Harvard Pilgrim Health Care medical policy (Vitamin D Screening and
# Testing): logo line, Subject/Background/Policy and Coverage Criteria sections, codes table,
# Summary of Changes table and an approval/effective-date block at the end.
import os
from datetime import datetime, timezone
from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ashcombe-vitamin-d-screening-testing.pdf")


class Policy(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 13)
        self.set_text_color(0, 70, 120)
        self.cell(120, 8, "Ashcombe Harbor HealthCare", new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "", 11)
        self.cell(0, 8, "Medical Policy", align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(0, 70, 120)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 6, "Vitamin D Screening and Testing", new_x="RIGHT", new_y="TOP")
        self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="R")


pdf = Policy(format="Letter")
pdf.set_title("Vitamin D Screening and Testing")
pdf.set_author("Ashcombe Harbor Health Care")
pdf.set_creation_date(datetime(2025, 12, 10, 9, 0, tzinfo=timezone.utc))  # fixed, for reproducible output
pdf.set_margins(20, 18, 20)
pdf.set_auto_page_break(True, margin=20)
pdf.add_page()
W = pdf.w - pdf.l_margin - pdf.r_margin


def heading(text):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(W, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def para(text, indent=0):
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(W - indent, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def bullet(text, level=1):
    indent = 6 * level
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(pdf.l_margin + indent)
    mark = "-" if level == 1 else "o"
    pdf.cell(5, 5, mark, new_x="RIGHT", new_y="TOP")
    pdf.multi_cell(W - indent - 5, 5, text, new_x="LMARGIN", new_y="NEXT")


pdf.set_font("Helvetica", "B", 16)
pdf.multi_cell(W, 9, "Vitamin D Screening and Testing", new_x="LMARGIN", new_y="NEXT")
pdf.ln(2)

heading("Subject: Vitamin D Screening and Testing")

heading("Background:")
para("Vitamin D is made in the skin and obtained from food and supplements. The liver converts it to "
     "25-hydroxyvitamin D [25(OH)D] and the kidney converts 25(OH)D to the active hormone, "
     "1,25-dihydroxyvitamin D (calcitriol). Serum 25(OH)D is the accepted measure of vitamin D status. "
     "Serum 1,25-dihydroxyvitamin D has a short half-life, is tightly regulated by parathyroid hormone, "
     "and is often normal or high in vitamin D deficiency; it is not a measure of vitamin D status.")

heading("Policy and Coverage Criteria:")
para("Ashcombe Harbor Health Care (AHHC) considers 25-hydroxyvitamin D testing (CPT 82306) reasonable "
     "and medically necessary for members who are symptomatic or at risk for vitamin D deficiency when "
     "documentation confirms ANY of the following:")
bullet("Members under age 18 with signs or symptoms of rickets or with a condition listed below, OR")
bullet('Symptomatic or "high risk" members aged 18 to 64 years. Members are considered "high risk" '
       "due to certain medical conditions, including:")
for c in [
    "Bariatric surgery (gastric bypass or sleeve gastrectomy)",
    "Celiac disease, Crohn's disease or other intestinal malabsorption",
    "Chronic kidney disease stage III or greater",
    "Cirrhosis or other chronic liver disease",
    "Cystic fibrosis",
    "Granuloma-forming disorders (e.g., sarcoidosis, tuberculosis)",
    "Hyperparathyroidism or hypoparathyroidism",
    "Hypercalcemia or hypocalcemia",
    "Long-term use of medications known to lower vitamin D levels (e.g., anticonvulsants, glucocorticoids)",
    "Osteomalacia, osteopenia or osteoporosis",
    "Lymphoma",
]:
    bullet(c, level=2)
bullet("Members aged 65 and older with osteoporosis, a nontraumatic fracture, or two or more falls in "
       "the past 12 months.")
pdf.ln(2)
para("Repeat testing: For a member with a documented deficiency, repeat 25-hydroxyvitamin D testing is "
     "covered no more often than once every 3 months until a therapeutic level is reached, and then no "
     "more often than once every 12 months.")
para("AHHC considers 1,25-dihydroxyvitamin D testing (CPT 82652) medically necessary only for members "
     "with hypercalcemia, a granuloma-forming disorder, chronic kidney disease stage III or greater, "
     "hypoparathyroidism, or a suspected inherited disorder of vitamin D metabolism (e.g., vitamin "
     "D-dependent rickets).")

heading("Exclusions:")
para("AHHC considers the following not medically necessary:")
bullet("Vitamin D screening or testing of asymptomatic members who do not meet the criteria above, "
       "including testing ordered as part of a routine annual physical examination")
bullet("1,25-dihydroxyvitamin D testing to assess vitamin D status or to screen for vitamin D deficiency")
bullet("Repeat 25-hydroxyvitamin D testing more often than stated above")
pdf.ln(2)
para("AHHC considers vitamin D testing on a microsample or dried blood spot, including the Sensieva "
     "Droplet 25OH Vitamin D2/D3 Microvolume LC/MS Assay (InSource Diagnostics; CPT 0038U), "
     "experimental/investigational.")
para("Vitamin D measured as part of an intracellular micronutrient panel (for example the SpectraCell "
     "Micronutrient Test) is addressed in the AHHC medical policy Nutritional Panel and Micronutrient "
     "Testing and is not addressed in this policy.")

heading("Product Applicability:")
para("This policy applies to AHHC commercial products, including HMO, POS and PPO plans and self-insured "
     "accounts.")
para("It does not apply to Ashcombe Harbor Meridian (HMO) Medicare Advantage members; for those members "
     "AHHC follows the CMS Local Coverage Determination for vitamin D assay testing that applies in the "
     "member's service area.")

heading("Codes:")
pdf.set_font("Helvetica", "", 10)
with pdf.table(col_widths=(25, W - 25), text_align="LEFT", line_height=6) as table:
    for row in [
        ("CPT Code", "Description"),
        ("82306", "Vitamin D; 25 hydroxy, includes fraction(s), if performed"),
        ("82652", "Vitamin D; 1, 25 dihydroxy, includes fraction(s), if performed"),
        ("0038U", "Vitamin D, 25 hydroxy D2 and D3, by LCMS/MS, serum microsample, quantitative"),
    ]:
        r = table.row()
        for cell in row:
            r.cell(cell)
pdf.ln(2)

heading("Supporting Information:")
para("The U.S. Preventive Services Task Force (2021) concluded that the current evidence is insufficient "
     "to assess the balance of benefits and harms of screening for vitamin D deficiency in asymptomatic "
     "adults.")
para("The Endocrine Society clinical practice guideline (2024) suggests against routine 25(OH)D testing "
     "in the general population, including adults aged 75 years and older.")

heading("Summary of Changes")
with pdf.table(col_widths=(22, W - 22), text_align="LEFT", line_height=6) as table:
    for row in [
        ("Date", "Changes"),
        ("12/25", "Annual review. Repeat-testing frequency clarified. Microsample testing (0038U) added as "
                  "experimental/investigational."),
        ("12/24", "Annual review; no changes."),
        ("03/23", "Criteria for 1,25-dihydroxyvitamin D testing added."),
        ("12/21", "High-risk age band changed from 18 to 65 years to 18 to 64 years."),
    ]:
        r = table.row()
        for cell in row:
            r.cell(cell)
pdf.ln(4)

pdf.set_font("Helvetica", "", 10)
for label, value in [
    ("Approved by Governance and Medical Policy Committee:", "12/4/25"),
    ("Policy Effective Date:", "3/1/26"),
    ("Next Review Date:", ""),
    ("Initiated:", "07/2014"),
]:
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(0, 6, f"**{label}** {value}".rstrip(), markdown=True, new_x="LMARGIN", new_y="NEXT")

pdf.ln(4)
pdf.set_font("Helvetica", "I", 8)
pdf.multi_cell(W, 4, "This medical policy is not a guarantee of coverage. Coverage depends on the member's "
               "benefit plan documents, which govern where they differ from this policy.",
               new_x="LMARGIN", new_y="NEXT")

pdf.output(OUT)
print("wrote", OUT)
