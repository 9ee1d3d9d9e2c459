#!/usr/bin/env python3
# fictional example for development; not a real payer's policy
# Generates amberkey-micronutrient-vitamin-testing.pdf with fpdf2.
# Amberkey Health, Verrazan Corporation, every plan name, policy number, committee and date in it are
# invented. The CPT and ICD-10-CM codes, the laboratories and tests named, and the two references are real.
# Layout modelled on the clinical policies of a Medicaid managed-care plan that publishes its parent
# company's policy template under its own heading (Sunshine Health, Florida): a title block with
# "Reference Number" and a month/year "Date of Last Revision", links to Coding Implications and the
# Revision Log, "It is the policy of <plan> that ..." criteria, coding tables, a Reviews, Revisions, and
# Approvals table with month/year dates, and an Important Reminder with the parent company's copyright.
# The clinical criteria are invented in outline for software testing; they are not clinical guidance.
import os
from datetime import datetime, timezone

from fpdf import FPDF
from fpdf.fonts import FontFace

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "amberkey-micronutrient-vitamin-testing.pdf")
TITLE = "Micronutrient and Vitamin Testing"
TEAL = (0, 105, 110)


class Policy(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 15)
        self.set_text_color(*TEAL)
        self.cell(90, 8, "amberkey health", new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "B", 10)
        self.set_text_color(80, 80, 80)
        self.cell(0, 5, "CLINICAL POLICY", align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 4, TITLE, align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*TEAL)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C")


pdf = Policy(format="Letter")
pdf.set_title(f"Clinical Policy: {TITLE}")
pdf.set_author("Amberkey Health")
pdf.set_creation_date(datetime(2025, 4, 30, 12, 0, tzinfo=timezone.utc))  # fixed, for reproducible output
pdf.set_margins(19, 15, 19)
pdf.set_auto_page_break(True, margin=20)
pdf.add_page()
W = pdf.w - pdf.l_margin - pdf.r_margin


def heading(text):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.set_text_color(*TEAL)
    pdf.multi_cell(W, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 10)


def para(text, indent=0, style="", size=10):
    pdf.set_font("Helvetica", style, size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(W - indent, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def item(label, text, indent):
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(pdf.l_margin + indent)
    pdf.cell(7, 5, label, new_x="RIGHT", new_y="TOP")
    pdf.multi_cell(W - indent - 7, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.6)


def table(rows, widths, heading_row):
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.6,
                   headings_style=FontFace(emphasis="BOLD", fill_color=(214, 234, 235)),
                   repeat_headings=1) as t:
        r = t.row()
        for c in heading_row:
            r.cell(c)
        for row in rows:
            r = t.row()
            for c in row:
                r.cell(c)
    pdf.ln(2)


# ---- title block -------------------------------------------------------------------------------
pdf.set_font("Helvetica", "B", 14)
pdf.multi_cell(W, 7, f"Clinical Policy: {TITLE}", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 10)
pdf.cell(95, 5, "Reference Number: AK.CP.MP.611", new_x="RIGHT", new_y="TOP")
pdf.set_text_color(0, 70, 160)
pdf.cell(0, 5, "Coding Implications", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(0, 0, 0)
pdf.cell(95, 5, "Date of Last Revision: 03/25", new_x="RIGHT", new_y="TOP")
pdf.set_text_color(0, 70, 160)
pdf.cell(0, 5, "Revision Log", align="R", new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(0, 0, 0)
pdf.ln(3)
pdf.set_font("Helvetica", "B", 9)
pdf.set_fill_color(235, 235, 235)
pdf.multi_cell(W, 6, "See Important Reminder at the end of this policy for important regulatory and legal information.",
               border=1, align="C", fill=True, new_x="LMARGIN", new_y="NEXT")

# ---- description -------------------------------------------------------------------------------
heading("Description")
para("Vitamins and minerals are normally measured one at a time in serum, plasma or whole blood when a specific "
     "deficiency or excess is suspected. Serum 25-hydroxyvitamin D is the accepted measure of vitamin D status; "
     "1,25-dihydroxyvitamin D, the active hormone, is regulated by parathyroid hormone and is often normal or high "
     "in vitamin D deficiency. Some laboratories also market multi-analyte nutrient panels and intracellular or "
     "functional micronutrient tests, which culture a patient's lymphocytes in media with different amounts of each "
     "nutrient, or measure elements inside cheek (buccal) cells. This policy describes the medically necessary "
     "indications for vitamin D testing and addresses nutrient panel and micronutrient testing.")
para("Note: This policy applies to Amberkey Health Medicaid members, including members enrolled in the Managed "
     "Medical Assistance (MMA) program and in the Child Welfare, Serious Mental Illness and HIV/AIDS Specialty Plans, "
     "and to Florida Healthy Kids members. Amberkey Health Advantage (HMO D-SNP) members are reviewed under CMS "
     "coverage guidance and Medicare clinical policy AKA.MCR.CP.118, not this policy. Amberkey Marketplace members "
     "are reviewed under clinical policy AKM.CP.MP.611.", style="I")

# ---- criteria ----------------------------------------------------------------------------------
heading("Policy/Criteria")
para("I. It is the policy of Amberkey Health that testing of serum 25-hydroxyvitamin D (CPT 82306) is medically "
     "necessary for members with any of the following:")
for lab, txt in [
    ("A.", "Chronic kidney disease stage 3 or greater, or secondary hyperparathyroidism of renal origin;"),
    ("B.", "Malabsorption (e.g., celiac disease, inflammatory bowel disease, cystic fibrosis, prior bariatric surgery);"),
    ("C.", "Osteoporosis, osteomalacia, osteopenia, or a nontraumatic fracture;"),
    ("D.", "Hypocalcemia, hypercalcemia, hypoparathyroidism or hyperparathyroidism;"),
    ("E.", "Rickets, or signs or symptoms of rickets in a child;"),
    ("F.", "Long-term use of anticonvulsants, glucocorticoids or other medications known to lower vitamin D levels;"),
    ("G.", "A granuloma-forming disorder (e.g., sarcoidosis, tuberculosis);"),
    ("H.", "Documented vitamin D deficiency during replacement therapy, limited to one repeat test no sooner than "
           "12 weeks after replacement begins and no more than two tests per calendar year thereafter."),
]:
    item(lab, txt, 6)
pdf.ln(1.5)
para("II. It is the policy of Amberkey Health that testing of 1,25-dihydroxyvitamin D (CPT 82652) is medically "
     "necessary only for members with one of the following:")
for lab, txt in [
    ("A.", "Hypercalcemia with a suppressed parathyroid hormone level;"),
    ("B.", "Chronic kidney disease stage 4 or 5;"),
    ("C.", "A granuloma-forming disorder;"),
    ("D.", "A suspected inherited disorder of vitamin D metabolism (e.g., hereditary vitamin D-resistant rickets)."),
]:
    item(lab, txt, 6)
pdf.ln(1.5)
para("III. It is the policy of Amberkey Health that the following are not medically necessary, as there is "
     "insufficient evidence of clinical utility:")
item("A.", "Vitamin D testing (25-hydroxy or 1,25-dihydroxy) as routine screening of asymptomatic members or as "
           "part of a routine physical examination, including screening billed with ICD-10-CM code Z13.21;", 6)
item("B.", "1,25-dihydroxyvitamin D testing to assess vitamin D status or to screen for vitamin D deficiency;", 6)
item("C.", "Nutrient panel testing and micronutrient testing, including but not limited to:", 6)
item("1.", "Intracellular micronutrient analysis by lymphocyte culture (e.g., SpectraCell Laboratories Micronutrient "
           "Test) or by cellular assay (e.g., Cell Science Systems cellular micronutrient assay);", 13)
item("2.", "Measurement of micronutrients in buccal epithelial cells by energy dispersive x-ray analysis "
           "(e.g., IntraCellular Diagnostics ExaTest);", 13)
item("3.", "Multi-analyte nutritional panels (e.g., Genova Diagnostics NutrEval FMV; Vibrant America Vibrant "
           "Micronutrients).", 13)
pdf.ln(1.5)
para("Note: Serum testing of a single vitamin or mineral ordered to evaluate a specific suspected deficiency "
     "(for example, vitamin B12, CPT 82607, or folate, CPT 82746) is not addressed by this policy and is reviewed "
     "under the member's laboratory benefit.", style="I")

# ---- background --------------------------------------------------------------------------------
heading("Background")
para("Vitamin D is obtained from sunlight exposure, food and supplements. It is converted in the liver to "
     "25-hydroxyvitamin D, the major circulating form, and in the kidney to 1,25-dihydroxyvitamin D. Because "
     "1,25-dihydroxyvitamin D has a short half-life and is tightly regulated, its level does not reflect vitamin D "
     "stores. The U.S. Preventive Services Task Force concluded in 2021 that the current evidence is insufficient to "
     "assess the balance of benefits and harms of screening for vitamin D deficiency in asymptomatic adults.")
para("Intracellular and functional micronutrient tests report a large number of vitamins, minerals, amino acids and "
     "antioxidants from one specimen. The analytic methods have not been validated against standard serum "
     "measurements, and no published study has shown that acting on the results improves health outcomes.")

# ---- coding ------------------------------------------------------------------------------------
heading("Coding Implications")
para("This clinical policy refers to Current Procedural Terminology (CPT®), a registered trademark of the American "
     "Medical Association. The codes and descriptions below are included for information only, are not meant to be "
     "complete, and do not guarantee coverage. Providers should consult current coding guidance before submitting "
     "claims.", size=9)

para("Table 1: CPT Codes that Support Coverage Criteria", style="B", size=9)
table([
    ["82306", "Vitamin D; 25 hydroxy, includes fraction(s), if performed"],
    ["82652", "Vitamin D; 1, 25 dihydroxy, includes fraction(s), if performed"],
], (25, W - 25), ["CPT Codes", "Description"])

para("Table 2: CPT Codes Not Medically Necessary When Billed for Nutrient Panel or Micronutrient Testing",
     style="B", size=9)
table([
    ["84591", "Vitamin, not otherwise specified"],
    ["84999", "Unlisted chemistry procedure"],
    ["86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis"],
    ["88348", "Electron microscopy, diagnostic"],
], (25, W - 25), ["CPT Codes", "Description"])
para("These codes also describe standard laboratory services. They are denied under this policy only when the order "
     "or medical record shows that they were billed for a test listed in Section III.C.", size=9)

para("Table 3: ICD-10-CM Diagnosis Codes that Support Coverage Criteria", style="B", size=9)
table([
    ["E20.9", "Hypoparathyroidism, unspecified"],
    ["E55.0", "Rickets, active"],
    ["E55.9", "Vitamin D deficiency, unspecified"],
    ["E83.51", "Hypocalcemia"],
    ["E83.52", "Hypercalcemia"],
    ["M81.0", "Age-related osteoporosis without current pathological fracture"],
    ["N18.4", "Chronic kidney disease, stage 4 (severe)"],
    ["N18.5", "Chronic kidney disease, stage 5"],
    ["N25.81", "Secondary hyperparathyroidism of renal origin"],
], (30, W - 30), ["ICD-10-CM Code", "Description"])

# ---- revision log ------------------------------------------------------------------------------
heading("Reviews, Revisions, and Approvals")
table([
    ["Original approval date", "05/19", "05/19"],
    ["Annual review. References reviewed and updated.", "04/22", "04/22"],
    ["Annual review. Added Section III.C.2 (buccal cell micronutrient testing); added CPT 88348 to Table 2.",
     "03/23", "04/23"],
    ["Annual review. Criterion I.H revised to limit repeat testing. Background updated.", "03/24", "03/24"],
    ["Annual review. Added Note on Amberkey Health Advantage and Amberkey Marketplace members. Added N18.4 and "
     "N18.5 to Table 3. References reviewed and updated.", "03/25", "04/25"],
], (W - 60, 30, 30), ["Reviews, Revisions, and Approvals", "Revision Date", "Approval Date"])

# ---- references --------------------------------------------------------------------------------
heading("References")
item("1.", "US Preventive Services Task Force. Screening for vitamin D deficiency in adults: US Preventive Services "
           "Task Force recommendation statement. JAMA. 2021;325(14):1436-1442.", 0)
item("2.", "Holick MF, Binkley NC, Bischoff-Ferrari HA, et al. Evaluation, treatment, and prevention of vitamin D "
           "deficiency: an Endocrine Society clinical practice guideline. J Clin Endocrinol Metab. "
           "2011;96(7):1911-1930.", 0)

# ---- important reminder ------------------------------------------------------------------------
heading("Important Reminder")
para("This clinical policy was developed by experienced, licensed health care professionals on the basis of a review "
     "of the available clinical evidence. It is provided for informational purposes and does not constitute medical "
     "advice. \"Health Plan\" means a health plan that has adopted this clinical policy and that is operated or "
     "administered, in whole or in part, by Verrazan Management Company, LLC, or any of its affiliates.", size=9)
para("The member's benefit plan contract and applicable laws and regulations take precedence over this clinical "
     "policy. The Health Plan retains the right to change, amend or withdraw this clinical policy at any time.",
     size=9)
para("Note: For Medicaid members, when state Medicaid coverage provisions conflict with the coverage provisions in "
     "this clinical policy, the state Medicaid coverage provisions take precedence. Refer to the state Medicaid "
     "manual for any coverage provisions that apply to this clinical policy.", size=9)
para("Note: For Medicare members, all applicable National Coverage Determinations (NCDs), Local Coverage "
     "Determinations (LCDs) and Medicare Coverage Articles should be reviewed before the criteria in this clinical "
     "policy are applied.", size=9)
para("©2019 Verrazan Corporation. All rights reserved. All materials are exclusively owned by Verrazan Corporation "
     "and are protected by United States copyright law. No part of this publication may be reproduced without the "
     "prior written permission of Verrazan Corporation.", size=8)

pdf.output(OUT)
print("wrote", OUT)
