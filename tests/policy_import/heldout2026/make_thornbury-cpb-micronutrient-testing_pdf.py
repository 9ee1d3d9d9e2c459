#!/usr/bin/env python3
"""Write thornbury-cpb-micronutrient-testing.pdf (a FICTIONAL payer policy for testing a policy importer).

fictional example for development; not a real payer's policy.
Self-contained: needs only fpdf2 (pip install fpdf2). Run: python3 make_thornbury-cpb-micronutrient-testing_pdf.py
Layout imitates a national insurer's "Clinical Policy Bulletin" printed to PDF: a policy-history box whose
"Effective" date is defined as the date of the ORIGINAL version, numbered policy sections (medically necessary,
limits, experimental/investigational/unproven), and a coding section split into "covered if selection criteria
are met", "not covered for indications listed in the CPB" and "other codes related to the CPB", with running
header and "Page n of N" footer.
"""
import datetime as dt
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).with_name("thornbury-cpb-micronutrient-testing.pdf")
HEADER = "Nutritional and Micronutrient Testing - Medical Clinical Policy Bulletins | Thornbury Health"
FOOTER = "Proprietary. (c) 2025 Thornbury Health. Page {page} of {nb}"

BLOCKS = [
    ("title", "Nutritional and Micronutrient Testing"),
    ("p", "Clinical Policy Bulletin Number: 0987"),
    ("table", (45, 60), [
        ["Policy History", ""],
        ["Last Review", "06/12/2025"],
        ["Effective:", "03/01/2013"],
        ["Next Review:", "04/09/2026"],
        ["Review History", ""],
        ["Definitions", ""],
    ]),
    ("p", "Definitions: Last Review - the date of the latest version of the CPB. Effective - the date of the original "
          "version of the policy. Next Review - the anticipated date of the next review of the policy."),
    ("p", "Additional Information: Clinical Policy Bulletin Notes"),
    ("h", "Scope of Policy"),
    ("p", "This Clinical Policy Bulletin addresses nutritional and micronutrient testing. This CPB applies to "
          "Thornbury commercial medical plans. This CPB also applies to Thornbury Better Health (Medicaid) plans "
          "unless state Medicaid requirements differ. This CPB does not apply to Thornbury Medicare Advantage plans; "
          "see the Thornbury Medicare coverage policies."),
    ("p", "Editorial note (fictional example): the criteria and limits below were invented for software testing and "
          "are not clinical guidance."),
    ("h", "I. Medical Necessity"),
    ("p", "Thornbury considers measurement of serum 25-hydroxyvitamin D medically necessary for members with any of "
          "the following: (a) malabsorption, including celiac disease or prior bariatric surgery; (b) chronic kidney "
          "disease stage 3 or higher; (c) osteoporosis or a fragility fracture; or (d) monitoring of vitamin D "
          "treatment of a documented deficiency."),
    ("h", "II. Policy Limitations"),
    ("p", "Thornbury considers serum vitamin B-12 and serum folate testing medically necessary without further "
          "criteria, limited to one test of each per 12 months. More frequent testing is covered only to monitor "
          "treatment of a documented deficiency."),
    ("h", "III. Experimental, Investigational, or Unproven"),
    ("p", "Thornbury considers the following experimental, investigational, or unproven because the effectiveness of "
          "these approaches has not been established:"),
    ("p", "A. Intracellular micronutrient testing (e.g., SpectraCell Micronutrient Test, ExaTest from IntraCellular "
          "Diagnostics, Vibrant Micronutrients from Vibrant America);"),
    ("p", "B. Nutritional panel testing (e.g., NutrEval FMV from Genova Diagnostics);"),
    ("p", "C. Measurement of 1,25-dihydroxyvitamin D to assess vitamin D status;"),
    ("p", "D. Vitamin D screening of asymptomatic adults without the conditions in section I."),
    ("h", "CPT Codes / HCPCS Codes / ICD-10 Codes"),
    ("p", "Code Number | Code Description"),
    ("p", "Information in the [brackets] below has been added for clarification purposes. Codes requiring a 7th "
          "character are represented by \"+\"."),
    ("h", "CPT codes covered if selection criteria are met:"),
    ("table", (25, 160), [
        ["82306", "Vitamin D; 25 hydroxy, includes fraction(s), if performed"],
    ]),
    ("h", "CPT codes covered subject to the limits in section II:"),
    ("table", (25, 160), [
        ["82607", "Cyanocobalamin (Vitamin B-12)"],
        ["82746", "Folic acid; serum"],
    ]),
    ("h", "CPT codes not covered for indications listed in the CPB:"),
    ("table", (25, 160), [
        ["82652", "Vitamin D; 1, 25 dihydroxy, includes fraction(s), if performed [when used to assess vitamin D "
                  "status]"],
        ["84999", "Unlisted chemistry procedure [when billed for intracellular micronutrient or nutritional panel "
                  "testing]"],
        ["86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis [when billed "
                  "for intracellular micronutrient testing]"],
    ]),
    ("h", "Other CPT codes related to the CPB:"),
    ("table", (25, 160), [
        ["82310", "Calcium; total"],
        ["84630", "Zinc"],
    ]),
    ("h", "ICD-10 codes covered if selection criteria are met:"),
    ("table", (25, 160), [
        ["E55.9", "Vitamin D deficiency, unspecified"],
        ["K90.0", "Celiac disease"],
    ]),
    ("h", "ICD-10 codes not covered for indications listed in the CPB:"),
    ("table", (25, 160), [
        ["R53.83", "Other fatigue [intracellular micronutrient or nutritional panel testing]"],
    ]),
    ("h", "Background"),
    ("p", "Intracellular micronutrient tests measure lymphocyte growth in nutrient-depleted media (SpectraCell) or "
          "elements in sublingual epithelial cells (ExaTest). No study has shown that management based on these "
          "tests improves outcomes compared with standard serum testing. Vitamin D status is assessed by "
          "25-hydroxyvitamin D; 1,25-dihydroxyvitamin D does not reflect body stores."),
    ("h", "Appeals"),
    ("p", "Members and providers may appeal an adverse determination under this CPB as described in the member's plan "
          "documents."),
]


class CPB(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, FOOTER.format(page=self.page_no(), nb="{nb}"))


def main():
    pdf = CPB(format="letter")
    pdf.alias_nb_pages("{nb}")
    pdf.set_creation_date(dt.datetime(2025, 6, 12, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for block in BLOCKS:
        kind = block[0]
        if kind == "table":
            pdf.set_font("Helvetica", size=9)
            with pdf.table(col_widths=block[1], text_align="LEFT", borders_layout="NONE",
                           first_row_as_headings=False, width=sum(block[1])) as table:
                for row in block[2]:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(1)
        elif kind == "title":
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 7, block[1], new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "B" if kind == "h" else "", 10 if kind == "h" else 10)
            if kind == "h":
                pdf.ln(1)
            pdf.multi_cell(0, 5, block[1], new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
