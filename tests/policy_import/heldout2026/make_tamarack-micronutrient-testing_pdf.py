#!/usr/bin/env python3
"""Write tamarack-micronutrient-testing.pdf (a FICTIONAL payer policy for testing a policy importer).

fictional example for development; not a real payer's policy.
Self-contained: needs only fpdf2 (pip install fpdf2). Run: python3 make_tamarack-micronutrient-testing_pdf.py
Layout imitates a regional plan's "medical necessity criteria" PDF: a running footer "Page n/N" on every page,
a long code table that runs across a page break, a review-dates list and a history table.
"""
import datetime as dt
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).with_name("tamarack-micronutrient-testing.pdf")
HEADER = "Tamarack Health Plans  Medical Necessity Criteria"
FOOTER = "Tamarack Health Plans  Micronutrient Testing  Page {page}/{pages}"

CODES = [
    ("82128", "Amino acids; multiple, qualitative, each specimen"),
    ("82136", "Amino acids, 2 to 5 amino acids, quantitative, each specimen"),
    ("82180", "Ascorbic acid (vitamin C), blood"),
    ("82306", "Vitamin D; 25 hydroxy, includes fraction(s), if performed"),
    ("82310", "Calcium; total"),
    ("82379", "Carnitine (total and free), quantitative, each specimen"),
    ("82495", "Chromium"),
    ("82525", "Copper"),
    ("82607", "Cyanocobalamin (vitamin B-12)"),
    ("82725", "Fatty acids, nonesterified"),
    ("82746", "Folic acid; serum"),
    ("83735", "Magnesium"),
    ("83785", "Manganese"),
    ("84207", "Pyridoxal phosphate (vitamin B-6)"),
    ("84252", "Riboflavin (vitamin B-2)"),
    ("84255", "Selenium"),
    ("84425", "Thiamine (vitamin B-1)"),
    ("84446", "Tocopherol alpha (vitamin E)"),
    ("84590", "Vitamin A"),
    ("84591", "Vitamin, not otherwise specified"),
    ("84597", "Vitamin K"),
    ("84630", "Zinc"),
    ("86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis"),
]

BLOCKS = [
    ("title", "Micronutrient Testing"),
    ("p", "Criteria ID: MNC-0214"),
    ("table", (62, 62, 62), [["Date of Origin: 06/2012", "Last Review Date: 05/27/2025", "Effective Date: 07/01/2025"]]),
    ("p", "Dates Reviewed: 05/2013, 04/2014, 05/2015, 05/2016, 05/2017, 05/2018, 05/2019, 05/2020, 05/2021, 05/2022, "
          "05/2023, 05/2024, 05/2025"),
    ("p", "Developed By: Medical Necessity Criteria Committee"),
    ("p", "Applies to: Tamarack commercial group and individual plans, including plans sold on the state health "
          "insurance exchange."),
    ("p", "Does not apply to: Tamarack Medicare Advantage plans (see Medicare Advantage criteria MA-LAB-031) or "
          "Tamarack Community Health (Medicaid)."),
    ("h", "I. Description"),
    ("p", "The micronutrient test assesses how multiple micronutrients are functioning within white blood cells. "
          "Lymphocytes are grown in media with and without individual vitamins, minerals, amino acids and "
          "antioxidants, and their growth after mitogenic stimulation is measured. The best-known example is the "
          "SpectraCell Laboratories Micronutrient Test."),
    ("p", "NOTE: Micronutrient testing is also known as functional intracellular analysis, intracellular "
          "micronutrient analysis or leukocyte analysis."),
    ("h", "II. Criteria"),
    ("p", "A. Currently, there is insufficient evidence in published scientific, peer-reviewed medical literature "
          "of the effectiveness of micronutrient testing. Tamarack Health Plans considers micronutrient testing "
          "experimental and investigational."),
    ("p", "B. Measurement of a single vitamin or mineral in serum or whole blood to evaluate a suspected deficiency is "
          "not addressed by these criteria."),
    ("h", "III. Information Submitted with the Prior Authorization Request"),
    ("p", "1. None"),
    ("h", "IV. CPT or HCPC codes NOT covered if related to micronutrient testing"),
    ("p", "Note: Typically, this test is billed under a multitude of CPT codes for lab tests that are normal, "
          "non-experimental covered lab tests. Micronutrient testing is identified by the volume of lab tests for "
          "vitamins, minerals, amino acids, antioxidants and metabolites billed together for vague diagnoses such as "
          "fatigue. A single code billed for another reason is not affected by these criteria."),
    ("table", (25, 150), [["Codes", "Description"]] + [list(c) for c in CODES]),
    ("p", "Removed from this list: 82652 Vitamin D; 1, 25 dihydroxy, includes fraction(s), if performed. Removed "
          "05/2024; now reviewed under the Vitamin D Testing criteria."),
    ("h", "V. Diagnosis codes (for information only)"),
    ("table", (25, 150), [["E61.7", "Deficiency of multiple nutrient elements"], ["R53.83", "Other fatigue"]]),
    ("h", "VI. Annual Review History"),
    ("table", (30, 145), [
        ["Review Date", "Revisions"],
        ["06/2012", "New criteria"],
        ["05/2020", "Annual review; no changes"],
        ["05/2024", "82652 removed from section IV"],
        ["05/27/2025", "Annual review; section II.B added; effective 07/01/2025"],
    ]),
    ("h", "VII. References"),
    ("p", "1. Tamarack Health Plans Technology Assessment Unit. Lymphocyte culture micronutrient assays. April 2025."),
    ("p", "2. SpectraCell Laboratories. Micronutrient Test: test menu and sample report. Accessed March 2025."),
]


class PolicyPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, FOOTER.format(page=self.page_no(), pages="{nb}"))


def main():
    pdf = PolicyPDF(format="letter")
    pdf.alias_nb_pages("{nb}")
    pdf.set_creation_date(dt.datetime(2025, 6, 2, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    for block in BLOCKS:
        kind = block[0]
        if kind == "table":
            pdf.set_font("Helvetica", size=9)
            with pdf.table(col_widths=block[1], text_align="LEFT", borders_layout="NONE",
                           first_row_as_headings=False) as table:
                for row in block[2]:
                    cells = table.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(2)
            continue
        text = block[1]
        if kind == "title":
            pdf.set_font("Helvetica", "B", 14)
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
            continue
        pdf.set_font("Helvetica", "B" if kind == "h" else "", 11 if kind == "h" else 10)
        if kind == "h":
            pdf.ln(1)
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
