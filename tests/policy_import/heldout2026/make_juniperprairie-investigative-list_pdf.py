#!/usr/bin/env python3
"""Write juniperprairie-investigative-list.pdf (a FICTIONAL payer document for testing a policy importer).

fictional example for development; not a real payer's policy.
Self-contained: needs only fpdf2 (pip install fpdf2). Run: python3 make_juniperprairie-investigative-list_pdf.py
Layout imitates a plan's landscape "investigative list": a five-column table (date added, last review, codes,
description, comments) whose cells wrap onto several lines and whose rows run across a page break, with a
running header and a footer carrying a form number and page numbers.
"""
import datetime as dt
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).with_name("juniperprairie-investigative-list.pdf")
HEADER = "Juniper Prairie Health - Medical/Surgical Services Investigative List - Effective: January 1, 2026"
FOOTER = "Form JP-4410 (Rev. 10/2025)    Page {page} of {nb}"

INTRO = [
    ("title", "Medical/Surgical Services Investigative List"),
    ("p", "Effective: January 1, 2026"),
    ("p", "Posted: 12/01/2025"),
    ("p", "List reviewed by the Juniper Prairie Medical Policy Committee: 11/20/2025"),
    ("p", "This information is updated regularly. It is not an all-inclusive list of health care services considered "
          "investigative and therefore not eligible for coverage. Always consult the enrollee's Certificate of "
          "Coverage (COC) or Summary Plan Description (SPD). To the extent there is any inconsistency between this "
          "list and the terms of an enrollee's benefit plan, the benefit plan documents control. In many instances, "
          "the CPT and HCPCS codes are listed for reference only. The description of the health care service is the "
          "most definitive."),
    ("p", "This list applies to Juniper Prairie Health commercial plans and to Juniper Prairie Medicare Advantage "
          "plans. For Medicare Advantage members, a CMS National Coverage Determination or Local Coverage "
          "Determination takes precedence over this list where one exists."),
    ("p", "This list does not apply to Juniper Prairie Community Care (Medicaid) members."),
    ("p", "Services on this list are investigative and are not covered, except as stated in the Comments column."),
]

ROWS = [
    ["DATE ADDED TO LIST", "LAST REVIEW DATE", "CPT/ HCPCS", "DESCRIPTION", "COMMENTS/DEFINITION"],
    ["12/2020", "11/2025", "0600T 0601T", "Ablation, irreversible electroporation; 1 or more tumors per organ, including "
     "imaging guidance, when performed, percutaneous or open", ""],
    ["06/2020", "11/2025", "+78434", "Absolute quantification of myocardial blood flow (AQMBF), positron emission "
     "tomography (PET), rest and pharmacologic stress", "Add-on code; the primary PET study is not affected"],
    ["03/2019", "11/2025", "0255U", "Cap-Score test of sperm capacitation (Androvia LifeSciences)",
     "Proprietary Laboratory Analyses (PLA) code; reported only for this test"],
    ["09/2016", "11/2025", "20560 20561", "Dry needling of muscle trigger points (needle insertion(s) without "
     "injection(s))", ""],
    ["05/2017", "11/2025", "82777", "Galectin-3", "Investigative for heart failure and all other indications"],
    ["02/2013", "11/2025", "84999 86353", "Intracellular micronutrient analysis (for example the SpectraCell "
     "Laboratories Micronutrient Test or the Cell Science Systems cellular micronutrient assay)",
     "Codes are also used for established tests; investigative only when billed for intracellular micronutrient "
     "analysis"],
    ["07/2007", "11/2025", "76390 0609T 0610T 0611T 0612T", "Magnetic resonance spectroscopy (MRS)",
     "Can allow 76390 for evaluation of a suspected inborn error of metabolism in a member under 18 years of age, "
     "with prior authorization. 0609T, 0610T, 0611T and 0612T (discogenic pain): investigative, no exceptions."],
]

REMOVED = [
    ("h", "Removed from the list"),
    ("table", (30, 30, 35, 90, 75), [
        ["DATE REMOVED", "LAST REVIEW DATE", "CPT/ HCPCS", "DESCRIPTION", "COMMENTS"],
        ["06/2025", "06/2025", "0491T 0492T", "Ablative laser treatment, non-contact, full field and fractional "
         "ablation, open wound", "No longer investigative; reviewed under the Wound Care medical policy"],
    ]),
    ("p", "Editorial note (fictional example): the exception in the MRS row was invented for software testing and is "
          "not clinical guidance."),
    ("p", "Questions about this list may be directed to Juniper Prairie Provider Services. Enrollees may appeal a "
          "denial as described in their benefit plan documents."),
]


class ListPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, FOOTER.format(page=self.page_no(), nb="{nb}"))


def para(pdf, kind, text):
    if kind == "title":
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        return
    pdf.set_font("Helvetica", "B" if kind == "h" else "", 11 if kind == "h" else 10)
    if kind == "h":
        pdf.ln(1)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")


def table(pdf, widths, rows):
    pdf.set_font("Helvetica", size=9)
    with pdf.table(col_widths=widths, text_align="LEFT", borders_layout="NONE",
                   first_row_as_headings=False) as t:
        for row in rows:
            cells = t.row()
            for cell in row:
                cells.cell(cell)
    pdf.ln(2)


def main():
    pdf = ListPDF(orientation="landscape", format="letter")
    pdf.alias_nb_pages("{nb}")
    pdf.set_creation_date(dt.datetime(2025, 12, 1, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for kind, text in INTRO:
        para(pdf, kind, text)
    pdf.ln(2)
    table(pdf, (30, 30, 35, 90, 75), ROWS)
    for block in REMOVED:
        if block[0] == "table":
            table(pdf, block[1], block[2])
        else:
            para(pdf, block[0], block[1])
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
