#!/usr/bin/env python3
"""Build juneberry-clinical-review-criteria-2026-03.pdf.

Fictional example for evaluation; not a real payer's policy. Layout modelled on a health plan's
"Clinical Review Criteria" provider posting (see NOTES.md). Needs fpdf2.
"""
import os
from datetime import datetime, timezone
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "juneberry-clinical-review-criteria-2026-03.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Juneberry Health  |  Clinical Review Criteria  |  March 2026", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, "Provider Resources > Medical Policies", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, f"Juneberry Health Provider News  |  Bulletin B2603  |  Page {self.page_no()} of {{nb}}",
                  new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "Questions: Provider Services 1-800-555-0163, option 4", new_x="LMARGIN", new_y="NEXT")


pdf = Doc(format="Letter")
pdf.set_title("Clinical Review Criteria - March 2026")
pdf.set_author("Juneberry Health (fictional)")
pdf.set_subject("fictional example for evaluation; not a real payer's policy")
pdf.set_keywords("fictional example for evaluation; not a real payer's policy")
pdf.set_creator("make_juneberry-clinical-review-criteria-2026-03_pdf.py")
pdf.set_creation_date(datetime(2026, 2, 27, tzinfo=timezone.utc))
pdf.set_auto_page_break(True, margin=22)
pdf.add_page()
W = pdf.epw


def h1(t):
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(W, 8, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def h2(t):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(W, 6, t, new_x="LMARGIN", new_y="NEXT")


def para(t):
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(W, 5, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def bullet(t):
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(pdf.l_margin + 4)
    pdf.multi_cell(W - 4, 5, "- " + t, new_x="LMARGIN", new_y="NEXT")


def row(cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    # compute height from the tallest cell
    lines = [len(pdf.multi_cell(w, 4.5, c, dry_run=True, output="LINES")) for c, w in zip(cells, widths)]
    h = 4.5 * max(lines) + 2
    if pdf.get_y() + h > pdf.page_break_trigger:
        pdf.add_page()
    y = pdf.get_y()
    x = pdf.l_margin
    for c, w in zip(cells, widths):
        pdf.rect(x, y, w, h)
        pdf.set_xy(x + 1, y + 1)
        pdf.multi_cell(w - 2, 4.5, c)
        x += w
    pdf.set_xy(pdf.l_margin, y + h)


h1("Clinical Review Criteria")
para("Posted on February 27, 2026")
para("Juneberry Health reviews its clinical policies on a regular schedule and updates them when the evidence "
     "or regulatory guidance changes. Current policies are on the Provider Resources page under Medical Policies.")

h2("Who this update applies to")
wl = [92, W - 92]
row(["Line of business", "This update"], wl, bold=True)
row(["Commercial (fully funded and self-funded)", "Applies"], wl)
row(["Juneberry Medicare Advantage", "Applies; see the NCD note under MRS"], wl)
row(["Juneberry Community Partnership (Medicaid ACO)", "Does not apply; follows state Medicaid criteria"], wl)
pdf.ln(2)

h2("Magnetic Resonance Spectroscopy (MRS)")
bullet("Effective 4/1/2026")
bullet("New policy; MRS is removed from the Experimental and Investigational Services list as a blanket entry.")
bullet("Commercial: MRS of the brain (CPT 76390) is covered when all of the following are met: the member is "
       "under 21; a mitochondrial disorder or a disorder of creatine metabolism is suspected; and the result "
       "will change management. All other uses of MRS are experimental/investigational.")
bullet("Prior authorization is required for CPT 76390 for commercial members.")
bullet("Medicare Advantage: added NCD link. Juneberry Medicare Advantage follows NCD 220.2.1; MRS is not covered "
       "for any indication.")
bullet("CPT 0609T, 0610T, 0611T and 0612T added to the experimental/investigational list")
para("Editorial note: the coverage criteria above were invented for this example and are not clinical guidance.")

h2("Intracellular Micronutrient Testing")
bullet("Retired effective 3/1/2026 - see Experimental and Investigational Services")
bullet("The tests remain experimental/investigational and are now on the list: SpectraCell Micronutrient Test, "
       "Cell Science Systems cellular micronutrient assay (CMA) and Vibrant Micronutrients (Vibrant America).")
bullet("CPT 84999 and 86353 are denied only when billed for one of these tests; both codes are also used for "
       "ordinary tests.")

h2("Hydrogen Breath Testing")
bullet("Effective 2/1/2026")
bullet("No significant changes; references updated")

h2("Experimental and Investigational Services")
bullet("Update effective 3/1/2026")
bullet("Additions to the list are shown in the table below.")
pdf.ln(2)
cw = [20, 95, W - 115]
hdr = ["CPT code", "Description", "Status"]
row(hdr, cw, bold=True)
rows = [
    ["0609T", "MRS, discogenic pain; single voxel data acquisition", "Experimental/investigational"],
    ["0610T", "MRS, discogenic pain; transmission of biomarker data", "Experimental/investigational"],
    ["0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Experimental/investigational"],
]
for r in rows:
    row(r, cw)
# the table continues on the next page, as in the printed bulletin
pdf.add_page()
para("Additions to the Experimental and Investigational Services list (continued)")
row(hdr, cw, bold=True)
rows2 = [
    ["0612T", "MRS, discogenic pain; interpretation and report", "Experimental/investigational"],
    ["84999", "Unlisted chemistry procedure", "Only when billed for a micronutrient test"],
    ["86353", "Lymphocyte transformation, mitogen or antigen induced", "Only when billed for a micronutrient test"],
]
for r in rows2:
    row(r, cw)
pdf.ln(3)

h2("Member liability and appeals")
para("Experimental and investigational services are not covered. Providers may not bill members for services "
     "denied as experimental or investigational. Providers may request a peer-to-peer review or file an appeal "
     "as described in the denial letter.")

pdf.set_font("Helvetica", "", 8)
pdf.ln(2)
pdf.multi_cell(W, 4, "CPT codes, descriptions and other data only are copyright 2025 American Medical Association. "
               "All rights reserved.")
pdf.multi_cell(W, 4, "Clinical policies are a guide to coverage and do not guarantee payment. The member's benefit "
               "documents in effect on the date of service govern.")

pdf.output(OUT)
print(OUT)
