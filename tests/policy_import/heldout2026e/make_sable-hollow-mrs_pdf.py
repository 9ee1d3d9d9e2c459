#!/usr/bin/env python3
"""fictional example for development; not a real payer's policy

Builds sable-hollow-mrs.pdf (2 pages) with fpdf2. Every payer, plan, policy number, person and
date is invented; the CPT codes and CMS NCD 220.2.1 are real.
usage: python3 make_sable-hollow-mrs_pdf.py
"""
import os

from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sable-hollow-mrs.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 7)
        self.cell(0, 4, "Sable Hollow Health - Medical Policy R.6.01.40    Magnetic Resonance Spectroscopy",
                  new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", "", 7)
        self.cell(0, 4, f"R.6.01.40 (c) 2026 Sable Hollow Health    Page {self.page_no()} of 2", align="C")


def h(pdf, text):
    pdf.ln(1)
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)


def p(pdf, text):
    pdf.set_font("Helvetica", "", 8)
    pdf.multi_cell(0, 3.8, text, new_x="LMARGIN", new_y="NEXT")


def row(pdf, code, desc, com, ma):
    pdf.set_font("Helvetica", "", 8)
    y = pdf.get_y()
    pdf.set_xy(16, y)
    pdf.cell(16, 4, code)
    pdf.set_xy(32, y)
    pdf.multi_cell(82, 4, desc, new_x="LMARGIN", new_y="NEXT")
    y2 = pdf.get_y()
    pdf.set_xy(116, y)
    pdf.multi_cell(42, 4, com, new_x="LMARGIN", new_y="NEXT")
    y3 = pdf.get_y()
    pdf.set_xy(160, y)
    pdf.multi_cell(40, 4, ma, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(y2, y3, pdf.get_y()))


def table_head(pdf, cont=False):
    pdf.set_font("Helvetica", "B", 8)
    y = pdf.get_y()
    pdf.set_xy(16, y)
    pdf.cell(16, 4, "CPT")
    pdf.set_xy(32, y)
    pdf.cell(82, 4, "Description" + (" (continued)" if cont else ""))
    pdf.set_xy(116, y)
    pdf.cell(42, 4, "Commercial")
    pdf.set_xy(160, y)
    pdf.cell(40, 4, "Medicare Advantage", new_x="LMARGIN", new_y="NEXT")


def main():
    pdf = Doc(format="letter")
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_margins(16, 10, 16)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 7, "Magnetic Resonance Spectroscopy", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)
    grid = [("Policy Number:", "R.6.01.40"), ("Category:", "Radiology"),
            ("Effective Date:", "February 1, 2026"), ("Original Effective Date:", "05/15/2008"),
            ("Last Reviewed:", "12-09-2025"), ("Next Review:", "December 2026"),
            ("Approved By:", ""), ("Replaces:", "R.6.01.40 dated 07/01/2024")]
    for i in range(0, len(grid), 2):
        for lab, val in grid[i:i + 2]:
            pdf.cell(32, 4, lab)
            pdf.cell(55, 4, val)
        pdf.ln(4)

    h(pdf, "Lines of Business")
    p(pdf, "Commercial: Yes - fully insured HMO, PPO and EPO plans, and self-funded (ASO) groups unless the "
           "group's plan document says otherwise.")
    p(pdf, "Medicare Advantage: Yes - Sable Hollow Senior Advantage (HMO) and Senior Advantage Flex (PPO), "
           "subject to the Medicare Advantage section below.")
    p(pdf, "Medicaid: Sable Hollow Family Care (Medicaid) may use this policy where the state Medicaid "
           "program is silent.")
    p(pdf, "Federal Employee Program (FEP): not applicable; see the FEP Medical Policy Manual, 6.01.24.")

    h(pdf, "Policy - Commercial")
    p(pdf, "Magnetic resonance spectroscopy (MRS) is considered investigational for all indications, including "
           "brain tumors, radiation necrosis, epilepsy, dementia, stroke and inborn errors of metabolism.")
    p(pdf, "MRS of the intervertebral disc for the evaluation of discogenic back or neck pain is considered "
           "investigational.")
    p(pdf, "Services that are investigational are excluded under Sable Hollow commercial certificates of "
           "coverage. A participating provider may not bill the member for a service denied as investigational "
           "unless the member agreed in writing, before the service, to pay for it.")

    h(pdf, "Policy - Medicare Advantage")
    p(pdf, "For Sable Hollow Medicare Advantage members, coverage follows CMS National Coverage Determination "
           "(NCD) 220.2.1, Magnetic Resonance Spectroscopy. Under the NCD, MRS is not covered for any "
           "indication, including disc MRS.")
    p(pdf, "NCD 220.2.1 history: national noncoverage issued 03/22/1994; reaffirmed for all indications after "
           "reconsideration in September 2004 (effective 09/28/2004). Local Coverage Determinations (LCDs): none.")
    p(pdf, "Members or their providers may request a pre-service organization determination before the service "
           "is furnished. Providers should tell members in advance when they may be financially responsible.")

    h(pdf, "Prior Authorization")
    p(pdf, "Not required. Claims are reviewed against this policy.")

    h(pdf, "Coding")
    p(pdf, "The following codes are listed for informational purposes only; listing a code does not mean the "
           "service is covered.")
    table_head(pdf)
    row(pdf, "76390", "Magnetic resonance spectroscopy", "Investigational", "Not covered (NCD 220.2.1)")
    row(pdf, "0609T", "Magnetic resonance spectroscopy, discogenic pain (cervical, thoracic or lumbar); "
                      "acquisition of single voxel data, per disc, in at least 3 discs", "Investigational", "Not covered (NCD 220.2.1)")
    row(pdf, "0610T", "...; transmission of biomarker data for software analysis", "Investigational",
        "Not covered (NCD 220.2.1)")
    # push the rest of the table onto page 2
    pdf.add_page()
    table_head(pdf, cont=True)
    row(pdf, "0611T", "...; postprocessing for algorithmic analysis of biomarker data for determination of "
                      "relative chemical differences between discs", "Investigational", "Not covered (NCD 220.2.1)")
    row(pdf, "0612T", "...; interpretation and report", "Investigational", "Not covered (NCD 220.2.1)")
    row(pdf, "70553", "Magnetic resonance (eg, proton) imaging, brain (including brain stem); without "
                      "contrast material, followed by contrast material(s) and further sequences",
        "Row removed 12-09-2025", "Row removed 12-09-2025")
    p(pdf, "The MRI examination performed with MRS (70551, 70552 or 70553) is not addressed by this policy; it "
           "is reviewed under R.6.01.11, Advanced Imaging of the Brain (effective 03/01/2025).")

    h(pdf, "Description")
    p(pdf, "MRS is a noninvasive technique, performed on an MRI scanner with additional software, that measures "
           "the concentration of chemical compounds such as N-acetylaspartate, choline, creatine and lactate "
           "within a selected volume of tissue (a voxel). It is also called proton MR spectroscopy (1H-MRS) or "
           "nuclear magnetic resonance (NMR) spectroscopy.")

    h(pdf, "Rationale")
    p(pdf, "Studies of MRS in brain tumors and other intracranial lesions are mostly small case series with "
           "heterogeneous populations. The evidence is insufficient to show that adding MRS to MRI changes "
           "management or improves health outcomes. No peer-reviewed study has validated disc MRS against a "
           "reference standard for discogenic pain.")

    h(pdf, "Policy History")
    for d, t in [("05/15/2008", "New policy."),
                 ("11/20/2019", "Annual review. No change to policy statement."),
                 ("01/01/2022", "Disc MRS codes 0609T-0612T added as investigational."),
                 ("07/01/2024", "Medicare Advantage section added."),
                 ("12-09-2025", "Annual review. 70553 row removed; MRI sent to R.6.01.11. Effective 02/01/2026.")]:
        pdf.cell(24, 4, d)
        pdf.multi_cell(0, 4, t, new_x="LMARGIN", new_y="NEXT")

    h(pdf, "Disclaimer")
    p(pdf, "Medical policies are not an authorization, certification, explanation of benefits or contract. "
           "Benefits are determined by the member's plan documents in effect on the date of service. CPT "
           "codes and descriptions are copyright 2025 American Medical Association.")
    pdf.output(OUT)


if __name__ == "__main__":
    main()
