#!/usr/bin/env python3
"""Write vesperline-experimental-investigational-services.pdf (a FICTIONAL payer document for testing a policy importer).

fictional example for development; not a real payer's policy.
Self-contained: needs only fpdf2. Layout imitates a regional plan's "Experimental/Investigational Services" medical
policy: section / effective / revised / last-reviewed labels, the reasons for an E/I denial, a bare grid of procedure
codes seven to a row that runs over a page break, code-specific notes, a not-reimbursable section, "Diagnosis Codes:
Not applicable", a running header and a footer with the year and page numbers.
"""
import datetime as dt
from pathlib import Path
from fpdf import FPDF

OUT = Path(__file__).with_name("vesperline-experimental-investigational-services.pdf")
HEADER = "Vesperline Health Plan   |   Medical Policy X-1001   |   Experimental/Investigational Services"
FOOTER = "Vesperline Health Plan 2026 - Provider Medical Policy Manual    Page {page} of {nb}"

GRID = ["19105", "20560", "20561", "20983", "22526", "22527", "22586",
        "31647", "31648", "31649", "31651", "32994", "33440", "43206",
        "46948", "53855", "53860", "58674", "62280", "0100T", "0255U",
        "0609T", "0610T", "0611T", "0612T", "76390", "0491T", "0492T"]

BEFORE = [
    ("title", "Experimental/Investigational Services"),
    ("p", "Section: Miscellaneous"),
    ("p", "Policy Number: X-1001"),
    ("p", "Effective Date: January 01, 2026"),
    ("p", "Revised Date: January 01, 2026"),
    ("p", "Last Reviewed: November 13, 2025"),
    ("h", "Description"),
    ("p", "Experimental/investigational services are defined as a treatment, procedure, facility, equipment, drug, "
          "device, service or supply (an \"intervention\") that has not been shown to be medically effective for the "
          "condition being treated. This policy lists services that Vesperline Health Plan considers "
          "experimental/investigational and, therefore, non-covered services."),
    ("h", "Policy Application"),
    ("p", "This policy applies to Vesperline commercial members and to Vesperline Medicaid Expansion members. It does "
          "not apply to Vesperline Medicare Advantage members, whose coverage follows CMS National and Local Coverage "
          "Determinations. All claims are processed according to the policy in effect on the date of service."),
    ("h", "Policy Guidelines"),
    ("p", "Coverage is subject to the specific terms of the member's benefit plan."),
    ("p", "Charges submitted for the services listed in this policy are denied as experimental/investigational. "
          "The determination for denial is based on ANY of the following reasons:"),
    ("b", "The intervention does not have Food and Drug Administration (FDA) approval to be marketed for the specific "
          "relevant indication(s); or"),
    ("b", "Available scientific evidence does not permit conclusions concerning the effect of the intervention on "
          "health outcomes; or"),
    ("b", "The intervention is not proven to be as safe or as effective as established alternatives; or"),
    ("b", "The intervention does not improve health outcomes; or"),
    ("b", "The intervention is not proven to be applicable outside the research setting."),
    ("p", "Experimental/investigational services are not covered. Participating providers may bill the member for a "
          "service denied as experimental/investigational only when the member agreed in writing, before the "
          "service, to pay for it."),
    ("p", "A code that is not on this list may still be denied as experimental/investigational when the service it "
          "represents meets the definition above. Services without a specific code, billed with an unlisted code, "
          "are reviewed individually."),
    ("p", "Vesperline reviews this list quarterly. A service removed from the list is reviewed under its own medical "
          "policy, if one exists, or under the member's general benefits."),
    ("p", "Where a separate Vesperline medical policy addresses one of the listed services, that policy describes the "
          "evidence; this list controls the claim decision for the listed codes."),
    ("p", "Prior authorization: N/A. Services on this list are not eligible for prior authorization or "
          "predetermination; a request for one of them is returned with a reference to this policy."),
    ("p", "Routine costs of a qualifying clinical trial are covered as required by law; the investigational item or "
          "service itself is not covered under this policy."),
    ("h", "Procedure Codes"),
    ("p", "The following procedure codes are considered experimental/investigational and, therefore, non-covered. "
          "Scientific evidence of safety and efficacy has not been proven."),
]

AFTER = [
    ("p", "Note: 76390 (magnetic resonance spectroscopy) and 0609T, 0610T, 0611T and 0612T (magnetic resonance "
          "spectroscopy of the disc for discogenic pain) are experimental/investigational for all indications."),
    ("p", "Note: 0491T and 0492T (ablative laser treatment of open wounds) were removed from this list effective "
          "01/01/2026 and are reviewed under the Wound Care medical policy; they remain in the grid above until the "
          "next quarterly update and are not denied under this policy on or after that date."),
    ("h", "Services Not Reimbursable"),
    ("p", "Intracellular micronutrient analysis (for example the SpectraCell Laboratories Micronutrient Test or the "
          "ExaTest from IntraCellular Diagnostics) is not reimbursable. Claims for it billed with 84999 (unlisted "
          "chemistry procedure) or 86353 (lymphocyte transformation) are denied as not reimbursable, and the "
          "participating provider may not bill the member. Claims for 84999 or 86353 for other services are "
          "processed normally."),
    ("h", "Diagnosis Codes"),
    ("p", "Not applicable"),
    ("h", "Policy History"),
    ("table", [["Date", "Action"],
               ["01/01/2018", "Policy created"],
               ["01/01/2024", "Added 0609T, 0610T, 0611T, 0612T"],
               ["11/13/2025", "Annual review; Services Not Reimbursable section added"],
               ["01/01/2026", "0491T and 0492T removed"]]),
    ("p", "Questions: Vesperline Provider Services. Members may appeal a denial as described in the member handbook."),
    ("p", "Editorial note (fictional example): this list was written for software testing and is not clinical "
          "guidance."),
]


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, FOOTER.format(page=self.page_no(), nb="{nb}"))


def block(pdf, kind, val):
    if kind == "title":
        pdf.set_font("Helvetica", "B", 15); pdf.multi_cell(0, 8, val, new_x="LMARGIN", new_y="NEXT"); return
    if kind == "table":
        pdf.set_font("Helvetica", size=9)
        with pdf.table(col_widths=(30, 140), text_align="LEFT", first_row_as_headings=True) as t:
            for row in val:
                r = t.row()
                for c in row:
                    r.cell(c)
        pdf.ln(2); return
    if kind == "h":
        pdf.ln(1); pdf.set_font("Helvetica", "B", 11); pdf.multi_cell(0, 6, val, new_x="LMARGIN", new_y="NEXT"); return
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5.4, ("- " if kind == "b" else "") + val, new_x="LMARGIN", new_y="NEXT")


def main():
    pdf = Doc(orientation="portrait", format="letter")
    pdf.alias_nb_pages("{nb}")
    pdf.set_creation_date(dt.datetime(2025, 12, 15, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for k, v in BEFORE:
        block(pdf, k, v)
    pdf.set_font("Helvetica", size=10)
    with pdf.table(text_align="CENTER", first_row_as_headings=False, line_height=7) as t:
        for i in range(0, len(GRID), 7):
            r = t.row()
            for c in GRID[i:i + 7]:
                r.cell(c)
    pdf.ln(2)
    for k, v in AFTER:
        block(pdf, k, v)
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
