#!/usr/bin/env python3
"""Write coquina-coast-mcg-intracellular-micronutrient-analysis.pdf (a FICTIONAL payer document for testing a policy importer).

fictional example for development; not a real payer's policy.
Self-contained: needs only fpdf2. Layout imitates a regional plan's printed "Medical Coverage Guideline" (MCG): a
date-printed running header, a bare guideline number, two-digit-year date labels, an all-capitals disclaimer, a section
navigation line, POSITION STATEMENT / BILLING/CODING / PROGRAM EXCEPTIONS / COMMITTEE APPROVAL / GUIDELINE UPDATE
INFORMATION sections, a code table that runs over a page break, and a footer with a copyright year and page numbers.
"""
import datetime as dt
from pathlib import Path
from fpdf import FPDF

OUT = Path(__file__).with_name("coquina-coast-mcg-intracellular-micronutrient-analysis.pdf")
HEADER = "Date Printed: January 6, 2026: 09:14 AM          Coquina Coast Health Plan - Medical Coverage Guideline"
FOOTER = "Copyright 2026 Coquina Coast Health Plan. All Rights Reserved.                    Page {page} of {nb}"

CODES = [
    ["Code", "Description"],
    ["82180", "Ascorbic acid (vitamin C), blood"],
    ["82379", "Carnitine (total and free), quantitative, each specimen"],
    ["82495", "Chromium"],
    ["82525", "Copper"],
    ["82607", "Cyanocobalamin (vitamin B-12)"],
    ["82746", "Folic acid; serum"],
    ["83735", "Magnesium"],
    ["84207", "Pyridoxal phosphate (vitamin B-6)"],
    ["84425", "Thiamine (vitamin B-1)"],
    ["84446", "Tocopherol alpha (vitamin E)"],
    ["84590", "Vitamin A"],
    ["84630", "Zinc"],
    ["84999", "Unlisted chemistry procedure"],
    ["86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis"],
    ["82306", "Vitamin D; 25 hydroxy - deleted from this guideline 01/01/26 (see 02-82000-31)"],
]

HISTORY = [
    ["Date", "Action"],
    ["09/15/11", "New Medical Coverage Guideline."],
    ["05/15/14", "Revision: program exceptions section updated."],
    ["04/15/19", "Scheduled review; Vibrant Micronutrients added to position statement."],
    ["01/15/23", "Scheduled review; position statement maintained."],
    ["01/01/26", "Revision: hair analysis position added; 82306 deleted from coding section; Medicaid program "
                 "exception added (effective for dates of service on or after 01/01/26)."],
]

BLOCKS = [
    ("small", "Private Property of Coquina Coast Health Plan. This medical coverage guideline is Copyright 2026, Coquina "
              "Coast Health Plan. All Rights Reserved. The medical codes referenced in this document may be proprietary "
              "and owned by others. Current Procedural Terminology (CPT) is copyright American Medical Association. The "
              "use of specific product names is illustrative only and is not a recommendation of one product over "
              "another."),
    ("num", "05-82710-19"),
    ("p", "Original Effective Date: 09/15/11"),
    ("p", "Reviewed: 10/23/25"),
    ("p", "Revised: 01/01/26"),
    ("subj", "Subject: Intracellular Micronutrient Analysis"),
    ("small", "THIS MEDICAL COVERAGE GUIDELINE IS NOT AN AUTHORIZATION, CERTIFICATION, EXPLANATION OF BENEFITS, OR A "
              "GUARANTEE OF PAYMENT, NOR DOES IT SUBSTITUTE FOR OR CONSTITUTE MEDICAL ADVICE. BENEFITS ARE DETERMINED BY "
              "THE GROUP CONTRACT, MEMBER BENEFIT BOOKLET, AND/OR INDIVIDUAL SUBSCRIBER CERTIFICATE IN EFFECT AT THE TIME "
              "SERVICES WERE RENDERED. THIS MEDICAL COVERAGE GUIDELINE APPLIES TO ALL LINES OF BUSINESS UNLESS OTHERWISE "
              "NOTED IN THE PROGRAM EXCEPTIONS SECTION."),
    ("nav", "Description | Position Statement | Billing/Coding | Reimbursement | Program Exceptions | Definitions | "
            "Related Guidelines | Other | References | Updates"),
    ("h", "DESCRIPTION"),
    ("p", "Micronutrients are vitamins, minerals and trace elements required in small amounts. Deficiency of an "
          "individual micronutrient is usually confirmed by measuring that nutrient in serum, plasma or whole blood. "
          "Several laboratories instead offer panels that claim to measure micronutrient status inside cells."),
    ("p", "SpectraCell Laboratories offers a Micronutrient Test that grows the patient's lymphocytes in media depleted "
          "of single nutrients and reports functional deficiencies, together with SPECTROX (total antioxidant "
          "function) and IMMUNIDEX (an immune response score). Cell Science Systems offers a cellular micronutrient "
          "assay (CMA). IntraCellular Diagnostics offers the ExaTest, an energy dispersive x-ray analysis of "
          "sublingual epithelial cells for intracellular minerals. Vibrant America offers Vibrant Micronutrients, "
          "which reports intracellular and serum levels."),
    ("p", "Hair analysis measures minerals and trace elements in a sample of scalp hair and has been promoted for the "
          "assessment of nutritional status."),
    ("h", "POSITION STATEMENT"),
    ("p", "Intracellular micronutrient analysis (e.g., the SpectraCell Micronutrient Test, the Cell Science Systems "
          "cellular micronutrient assay [CMA], the ExaTest, Vibrant Micronutrients) is considered experimental or "
          "investigational for all indications. The evidence is insufficient to determine that the technology "
          "results in an improvement in net health outcomes."),
    ("p", "Hair analysis for the evaluation of nutritional or mineral status is considered experimental or "
          "investigational."),
    ("p", "Note: Measurement of an individual vitamin or mineral in serum, plasma or whole blood is not addressed in "
          "this guideline; see 02-82000-31 Vitamin D Testing and the member's laboratory benefit."),
    ("h", "BILLING/CODING/PHYSICIAN DOCUMENTATION INFORMATION"),
    ("p", "This policy may apply to the following codes. Inclusion of a code in this section does not guarantee "
          "reimbursement."),
    ("p", "There is no specific CPT code for intracellular micronutrient analysis or for hair analysis. Laboratories "
          "may report the unlisted code or the single-analyte codes listed below. When billed to report intracellular "
          "micronutrient analysis or hair analysis, these codes are considered experimental or investigational; when "
          "billed for an individual serum test they are processed under the member's laboratory benefit."),
    ("p", "Applicable codes:"),
    ("codes", CODES),
    ("p", "ICD-10 Diagnosis Codes That Support Medical Necessity: Not applicable."),
    ("p", "Precertification: N/A"),
    ("h", "REIMBURSEMENT INFORMATION"),
    ("p", "Refer to section entitled POSITION STATEMENT."),
    ("h", "PROGRAM EXCEPTIONS"),
    ("p", "Commercial group and individual products: No exception; this guideline applies as written."),
    ("p", "Federal Employee Program (FEP): Follow FEP guidelines."),
    ("p", "State Account Organization (SAO): Follow SAO guidelines."),
    ("p", "Medicare Advantage products: No National Coverage Determination (NCD) or Local Coverage Determination (LCD) "
          "was found for intracellular micronutrient analysis or hair analysis at the time of the last guideline "
          "review; this guideline applies."),
    ("p", "Coquina Coast Kids (Medicaid and CHIP) members: This guideline does not apply; refer to the Medicaid "
          "coverage and limitations handbook."),
    ("h", "DEFINITIONS"),
    ("p", "Experimental or investigational: a service whose effect on health outcomes has not been established by "
          "reliable evidence, as defined in the member's benefit booklet."),
    ("h", "RELATED GUIDELINES"),
    ("p", "Experimental or Investigational Services, 09-A0000-01 (reviewed 06/12/25)"),
    ("p", "Vitamin D Testing, 02-82000-31 (revised 01/01/26)"),
    ("h", "OTHER"),
    ("p", "None."),
    ("h", "REFERENCES"),
    ("p", "1. Coquina Coast Health Plan Technology Assessment Committee. Functional intracellular nutrient testing. "
          "Internal review; 2019."),
    ("p", "2. Coquina Coast Health Plan Technology Assessment Committee. Hair mineral analysis. Internal review; 2025."),
    ("h", "COMMITTEE APPROVAL"),
    ("p", "This Medical Coverage Guideline (MCG) was approved by the Coquina Coast Medical Policy and Coverage Committee "
          "on 10/23/25."),
    ("h", "GUIDELINE UPDATE INFORMATION"),
    ("hist", HISTORY),
]


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 4, HEADER, new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "05-82710-19  Intracellular Micronutrient Analysis", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, FOOTER.format(page=self.page_no(), nb="{nb}"))


def table(pdf, rows, widths):
    pdf.set_font("Helvetica", size=9)
    with pdf.table(col_widths=widths, text_align="LEFT", first_row_as_headings=True, line_height=5) as t:
        for row in rows:
            r = t.row()
            for c in row:
                r.cell(c)
    pdf.ln(2)


def block(pdf, kind, val):
    if kind == "codes":
        table(pdf, val, (25, 145)); return
    if kind == "hist":
        table(pdf, val, (25, 145)); return
    if kind == "small":
        pdf.set_font("Helvetica", size=7.5); pdf.multi_cell(0, 3.6, val, new_x="LMARGIN", new_y="NEXT"); pdf.ln(1); return
    if kind == "num":
        pdf.set_font("Helvetica", "B", 11); pdf.multi_cell(0, 6, val, new_x="LMARGIN", new_y="NEXT"); return
    if kind == "subj":
        pdf.set_font("Helvetica", "B", 13); pdf.multi_cell(0, 7, val, new_x="LMARGIN", new_y="NEXT"); return
    if kind == "nav":
        pdf.set_font("Helvetica", "U", 8.5); pdf.multi_cell(0, 4.5, val, new_x="LMARGIN", new_y="NEXT"); pdf.ln(1); return
    if kind == "h":
        pdf.ln(1); pdf.set_font("Helvetica", "B", 10.5); pdf.multi_cell(0, 6, val, new_x="LMARGIN", new_y="NEXT"); return
    pdf.set_font("Helvetica", size=9.5)
    pdf.multi_cell(0, 4.8, val, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.8)


def main():
    pdf = Doc(orientation="portrait", format="letter")
    pdf.alias_nb_pages("{nb}")
    pdf.set_creation_date(dt.datetime(2026, 1, 6, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for k, v in BLOCKS:
        block(pdf, k, v)
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
