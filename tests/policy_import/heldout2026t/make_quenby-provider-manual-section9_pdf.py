#!/usr/bin/env python3
"""Build quenby-provider-manual-section9.pdf.

Fictional example for testing; not a real payer's policy. Quenby Health Plan, its plans, section
numbers, criteria IDs, phone numbers and dates are invented. Real: CPT 76390 and 0609T-0612T, 84999,
82607, 84630, CMS NCD 220.2.1 (1994 noncoverage, reaffirmed 2004), 42 CFR 422.101(b), and the
laboratories and tests named. Layout modelled on Alignment Health Plan's "Provider Operations Manual:
Non-Delegated Participating Providers" (revised 2-1-2019), as found at
https://documents.pub/document/alignment-healthcare-alignment-health-plan-2019-2-1-advantage-plans-offered.html

usage: python make_quenby-provider-manual-section9_pdf.py
"""
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "quenby-provider-manual-section9.pdf")
RUNNING = "Provider Operations Manual: Non-Delegated Participating Providers"


class Manual(FPDF):
    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("Helvetica", "I", 9)
        self.cell(0, 5, RUNNING, new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"Quenby Health Plan | Revised 3-1-2026 | Page {self.page_no() + 56}", align="C")


def h(pdf, text, size=12):
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def p(pdf, text):
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def row(pdf, cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    x0 = pdf.get_x()
    y0 = pdf.get_y()
    heights = []
    for text, w in zip(cells, widths):
        lines = pdf.multi_cell(w, 5, text, dry_run=True, output="LINES")
        heights.append(5 * len(lines))
    hmax = max(heights)
    x = x0
    for text, w in zip(cells, widths):
        pdf.set_xy(x, y0)
        pdf.multi_cell(w, 5, text, border=0)
        x += w
    pdf.set_xy(x0, y0 + hmax + 1)


def build():
    pdf = Manual(format="Letter")
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 16, 20)

    # cover (page 57 of the manual)
    pdf.add_page()
    pdf.ln(20)
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 10, "Provider Operations Manual", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, "Non-Delegated Participating Providers", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 7, "Quenby Healthcare", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, "Quenby Health Plan", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 7, "Revised 3-1-2026", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    h(pdf, "Excerpt: Table of Contents", 11)
    pdf.set_font("Helvetica", "", 10)
    for line in [
        "Section 7: Claims .................................................................... 32",
        "Section 8: Utilization Management ..................................................... 44",
        "Section 9: Coverage of Selected Laboratory and Imaging Services ....................... 58",
        "Section 10: Appeals and Grievances .................................................... 61",
    ]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")

    # section 9
    pdf.add_page()
    h(pdf, "Section 9: Coverage of Selected Laboratory and Imaging Services", 13)
    p(pdf, "Section 9 applies to dates of service on and after April 1, 2026. It was approved by the "
           "Quenby Utilization Management Committee on 1-14-2026.")
    h(pdf, "9.1 Plans Covered by This Section", 11)
    p(pdf, "Quenby Health Plan is an HMO, HMO POS, HMO C-SNP, HMO D-SNP and PPO plan with a Medicare "
           "contract. This section applies to all Quenby Medicare Advantage plans.")
    p(pdf, "For HMO D-SNP members this section addresses Medicare benefits only. Medicaid benefits of "
           "D-SNP members are administered by the state Medicaid program and are not addressed here.")
    p(pdf, "Quenby Medicare Supplement (Medigap) policies are not Medicare Advantage plans. Original "
           "Medicare processes those members' claims first, and this section does not apply to them.")
    h(pdf, "9.2 How Quenby Decides Coverage", 11)
    p(pdf, "Quenby covers the services Original Medicare covers and follows Medicare statutes, regulations, "
           "National Coverage Determinations (NCDs) and the Local Coverage Determinations (LCDs) of the "
           "Medicare Administrative Contractor for the member's area (42 CFR 422.101(b)). Where those "
           "sources do not fully establish coverage criteria, Quenby applies its publicly posted internal "
           "coverage criteria.")
    h(pdf, "9.3 Magnetic Resonance Spectroscopy", 11)
    p(pdf, "Magnetic resonance spectroscopy (MRS) is governed by NCD 220.2.1, Magnetic Resonance "
           "Spectroscopy. CMS issued national noncoverage for all indications in 1994 and reaffirmed it "
           "in 2004.")
    p(pdf, "Quenby follows NCD 220.2.1: MRS is not covered for any indication for Quenby members.")
    p(pdf, "Internal coverage criteria: not applicable, because an NCD governs this service.")
    w = [22, 98, 50]
    row(pdf, ["Code", "Description", "Status"], w, bold=True)
    row(pdf, ["76390", "Magnetic resonance spectroscopy", "Not covered (NCD 220.2.1)"], w)
    row(pdf, ["0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc", "Not covered (NCD 220.2.1)"], w)
    row(pdf, ["0610T", "MRS, discogenic pain; transmission of biomarker data", "Not covered (NCD 220.2.1)"], w)
    row(pdf, ["0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Not covered (NCD 220.2.1)"], w)
    row(pdf, ["0612T", "MRS, discogenic pain; interpretation and report", "Not covered (NCD 220.2.1)"], w)
    pdf.ln(2)

    h(pdf, "9.4 Intracellular Micronutrient Testing", 11)
    p(pdf, "No NCD addresses intracellular micronutrient testing, and the LCDs that apply in Quenby's "
           "service areas do not establish coverage criteria for it. Under Quenby internal coverage "
           "criteria ICC-LAB-12, intracellular micronutrient testing is investigational and is not "
           "covered for Quenby Medicare Advantage members.")
    p(pdf, "This includes the Micronutrient Test from SpectraCell Laboratories, the ExaTest from "
           "IntraCellular Diagnostics and the cellular micronutrient assay (CMA) from Cell Science Systems.")
    p(pdf, "No CPT code describes these panels. Claims that bill 84999 (unlisted chemistry procedure), or a "
           "series of single-nutrient codes such as 82607 (vitamin B-12) and 84630 (zinc), for an "
           "intracellular panel are denied. The same codes billed for a single serum test ordered for a "
           "suspected deficiency are reviewed under ordinary Medicare rules.")

    h(pdf, "9.5 Prior Authorization and Organization Determinations", 11)
    p(pdf, "Prior authorization: not required for the services in this section. They are not covered "
           "whether or not a request is submitted.")
    p(pdf, "A member or a treating provider may request a pre-service organization determination by "
           "calling Utilization Management at 1-866-412-0958. A contracted provider may not bill a member "
           "for a service denied under this section unless the member received Quenby's written "
           "pre-service denial before the service was furnished.")
    p(pdf, "A member who disagrees with a denial may ask Quenby to reconsider it (appeal) within 65 days "
           "of the date of the notice; see Section 10.")

    h(pdf, "9.6 Section History", 11)
    w2 = [30, 140]
    row(pdf, ["Revised", "Change"], w2, bold=True)
    row(pdf, ["3-1-2026", "Section 9.4 added: intracellular micronutrient testing (ICC-LAB-12). Effective for dates of service on and after 4-1-2026."], w2)
    row(pdf, ["1-1-2025", "Section 9.3: Category III codes 0609T, 0610T, 0611T and 0612T added."], w2)
    row(pdf, ["2-1-2019", "Section 9 created (magnetic resonance spectroscopy, NCD 220.2.1)."], w2)

    pdf.output(OUT)
    print(OUT)


if __name__ == "__main__":
    build()
