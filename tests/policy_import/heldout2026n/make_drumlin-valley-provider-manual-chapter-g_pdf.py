#!/usr/bin/env python3
"""Build drumlin-valley-provider-manual-chapter-g.pdf.

Fictional example for evaluation; not a real payer's policy. Drumlin Valley Health Plan, its products, people,
phone numbers, form numbers and dates are invented; the clinical positions are invented for software testing and
are not clinical guidance. Layout modelled on the public UPMC Health Plan provider manual pages (chapter tables of
contents, "Key Points" / "Closer Look" / "Alert" call-outs, a running copyright/"updated" footer).
"""
import os
from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "drumlin-valley-provider-manual-chapter-g.pdf")


class Manual(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Drumlin Valley Health Plan Provider Manual", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Chapter G: Laboratory, Imaging and Investigational Services", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, "Drumlin Valley Health Plan  |  \u00a9 2025, updated 12-04-25. All rights reserved.  |  "
                  f"Page {self.page_no()} of {{nb}}", align="C")


pdf = Manual(format="Letter")
pdf.set_title("Drumlin Valley Health Plan Provider Manual - Chapter G")
pdf.set_author("Drumlin Valley Health Plan (fictional)")
pdf.set_subject("fictional example for evaluation; not a real payer's policy")
pdf.set_keywords("fictional example for evaluation; not a real payer's policy")
pdf.set_creator("make_drumlin-valley-provider-manual-chapter-g_pdf.py")
pdf.set_auto_page_break(auto=True, margin=20)
pdf.set_margins(20, 15, 20)


def h1(t):
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 7, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def h2(t):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, t, new_x="LMARGIN", new_y="NEXT")


def para(t, size=10):
    pdf.set_font("Helvetica", "", size)
    pdf.multi_cell(0, 5, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def line(t, bold=False, size=10):
    pdf.set_font("Helvetica", "B" if bold else "", size)
    pdf.cell(0, 5, t, new_x="LMARGIN", new_y="NEXT")


def box(title, lines):
    pdf.ln(1)
    pdf.set_fill_color(235, 230, 245)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, title, fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for l in lines:
        pdf.multi_cell(0, 5, l, fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def coderow(code, desc, status, cont=None):
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(18, 5, code)
    pdf.cell(92, 5, desc)
    pdf.cell(0, 5, status, new_x="LMARGIN", new_y="NEXT")
    if cont:  # a row whose description and status wrap onto a second line
        pdf.cell(18, 5, "")
        pdf.cell(92, 5, cont[0])
        pdf.cell(0, 5, cont[1], new_x="LMARGIN", new_y="NEXT")


def codehead():
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(18, 5, "Code")
    pdf.cell(92, 5, "Description")
    pdf.cell(0, 5, "Status under Chapter G", new_x="LMARGIN", new_y="NEXT")


pdf.add_page()
h1("Drumlin Valley Health Plan (Commercial) - Chapter G")
line("Laboratory, Imaging and Investigational Services - Effective Jan. 5, 2026", bold=True)
pdf.ln(2)
for t in ["G.1 Chapter G Table of Contents", "G.2 At a Glance", "G.3 Magnetic Resonance Spectroscopy",
          "G.5 Intracellular Micronutrient Testing", "G.6 Services That May Be Covered With Certain Restrictions",
          "G.7 Coding Table", "G.9 Member Complaints and Grievances",
          "Previous version of Chapter G (effective Jan. 1, 2025)"]:
    line(t)

h2("G.2 At a Glance")
para("This chapter applies to members enrolled in Drumlin Valley Health Plan commercial products: HMO, POS, PPO and "
     "EPO employer group plans and Drumlin Valley Individual plans.")
para("It does not apply to Drumlin Valley for Life (Medicare Advantage) members, whose coverage is described in "
     "Chapter D, or to Drumlin Valley for You (Medical Assistance) members, whose coverage is described in Chapter E.")
box("Key Points", [
    "- MRS is experimental/investigational for commercial members.",
    "- Intracellular micronutrient testing is a benefit exclusion.",
    "- Chapter G was approved by the Quality Improvement Committee on Nov. 13, 2025.",
])
box("Closer Look", [
    "Questions about this chapter? Call Utilization Management at 1-555-0161, Monday through Friday, "
    "8 a.m. to 4:30 p.m.",
])

h2("G.3 Magnetic Resonance Spectroscopy")
para("Magnetic resonance spectroscopy (MRS) uses a standard MRI scanner and added software to measure chemicals such "
     "as N-acetylaspartate, choline and lactate in a small volume of tissue.")
para("Drumlin Valley Health Plan considers MRS experimental/investigational for all indications, including brain "
     "tumors, epilepsy, dementia, metabolic disorders and discogenic back pain. Experimental/investigational services "
     "are not covered.")
line("Covered indications: N/A")
pdf.ln(1)
box("Alert - Drumlin Valley for Life", [
    "MRS requests for Drumlin Valley for Life (Medicare Advantage) members are reviewed under Chapter D, which "
    "applies National Coverage Determination (NCD) 220.2.1. This chapter does not decide them.",
])

pdf.add_page()
h2("G.5 Intracellular Micronutrient Testing")
para("Intracellular micronutrient testing (for example the SpectraCell Laboratories Micronutrient Test, the Cell "
     "Science Systems cellular micronutrient assay and Vibrant America's Vibrant Micronutrients) is excluded from "
     "coverage under all Drumlin Valley Health Plan commercial benefit plans (see C.26 Benefit Exclusions). Claims "
     "for this testing are denied as a benefit exclusion regardless of medical necessity.")
line("Medical necessity review: N/A (benefit exclusion)")
pdf.ln(1)

h2("G.6 Services That May Be Covered With Certain Restrictions")
para("Single-nutrient tests, for example vitamin B-12 (82607) and red blood cell folate (82747), are outside the "
     "scope of this chapter and may be covered under the member's laboratory benefit.")

h2("G.7 Coding Table")
para("Codes are listed for claims review. Listing a code does not guarantee payment.", size=9)
codehead()
coderow("76390", "Magnetic resonance spectroscopy", "Experimental/investigational; not covered")
coderow("0609T", "MRS, discogenic pain; acquisition of single voxel data,", "Experimental/investigational;",
        cont=("per disc, at least 3 discs", "not covered"))
coderow("0610T", "MRS, discogenic pain; transmission of biomarker data", "Experimental/investigational; not covered")
# push the rest of the table onto the next page so it runs under the repeated header
pdf.set_y(pdf.h - 30)
pdf.add_page()
h2("G.7 Coding Table (continued)")
codehead()
coderow("0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Experimental/investigational; not covered")
coderow("0612T", "MRS, discogenic pain; interpretation and report", "Experimental/investigational; not covered")
coderow("86353", "Lymphocyte transformation", "Benefit exclusion when billed for micronutrient testing")
coderow("84999", "Unlisted chemistry procedure", "Benefit exclusion when billed for micronutrient testing")
pdf.ln(2)
para("86353 and 84999 also describe ordinary laboratory tests; only claims for intracellular micronutrient testing "
     "are denied under this chapter.")

h2("G.9 Member Complaints and Grievances")
para("A member, or a provider with the member's written consent, may file a complaint or grievance about a denial "
     "under this chapter. Use the Provider Appeal Form (form DV-20931) and the instructions in Chapter B.")
para("Members may be responsible for the cost of services that are not covered only if they agreed in writing, "
     "before the service, to pay for them.")

pdf.output(OUT)
print(OUT)
