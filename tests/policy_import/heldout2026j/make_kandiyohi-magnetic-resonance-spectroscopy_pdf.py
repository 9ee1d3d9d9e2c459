#!/usr/bin/env python3
"""Build kandiyohi-magnetic-resonance-spectroscopy.pdf.

FICTIONAL EXAMPLE FOR DEVELOPMENT; NOT A REAL PAYER'S POLICY.
Layout modelled on the public medical policy pages of Blue Cross and Blue Shield of Minnesota
(label block "Medical Policy / Topic / Section / Effective Date / Issued Date / Last Revision Date /
Annual Review", the "This policy version was replaced ..." notice, "This policy does not apply to the
following:" and "Definitions:" sections, the "Product Application" wording). Invented: Kandiyohi Blue
Cross and Blue Shield, Kandiyohi Blue Plus, every plan name, policy number, date, phone number and all
wording. Real: CPT 76390, 0609T-0612T, 70551-70553, Nociscan (Aclarion, Inc.) and the Lin et al. 2012
reference. The coverage position and criteria are invented and are not clinical guidance.
The PDF itself carries no fictional marker (the answer key and this script say so).

usage: python3 make_kandiyohi-magnetic-resonance-spectroscopy_pdf.py   (needs fpdf2)
"""
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "kandiyohi-magnetic-resonance-spectroscopy.pdf")


class PolicyPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, "Kandiyohi Blue Cross and Blue Shield Medical Policy VI-17-006", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "Magnetic Resonance Spectroscopy", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "Independent licensees of the Blue Cross and Blue Shield Association. Printed copies are uncontrolled.", align="C")
        self.set_text_color(0, 0, 0)


def main():
    pdf = PolicyPDF(format="Letter")
    pdf.alias_nb_pages()
    pdf.set_margins(20, 16, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    W = pdf.w - pdf.l_margin - pdf.r_margin

    def h(text, size=11):
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(W, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)

    def p(text):
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(W, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    def bullet(text, indent=6):
        pdf.set_font("Helvetica", "", 10)
        x = pdf.l_margin
        pdf.set_x(x + indent)
        pdf.multi_cell(W - indent, 5, "- " + text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.5)

    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, "Kandiyohi Blue Cross and Blue Shield Medical Policy", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 10)
    for label, value in [
        ("Medical Policy:", "VI-17-006"),
        ("Topic:", "Magnetic Resonance Spectroscopy"),
        ("Section:", "Radiology"),
        ("Effective Date:", "April 1, 2024"),
        ("Issued Date:", "March 10, 2025"),
        ("Last Revision Date:", "February 2024"),
        ("Annual Review:", "March 2025"),
    ]:
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(40, 5.5, label)
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(0, 5.5, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    # replaced-version notice in a box
    pdf.set_fill_color(245, 240, 220)
    pdf.set_font("Helvetica", "", 9.5)
    pdf.multi_cell(W, 5, "This policy version was replaced January 5, 2026. To find the newest version, go to the Kandiyohi Blue "
                   "provider website, read and accept the Medical Policy Statement, then select \"Kandiyohi Blue Cross and Blue "
                   "Shield Medical Policies.\" Enter the policy number without the version number (last 3 digits).",
                   border=1, fill=True, padding=2, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    h("Product Application:")
    p("Medical policies apply generally to all Kandiyohi Blue Cross and Blue Shield and Kandiyohi Blue Plus fully insured "
      "commercial plans and products. Benefit plans vary in coverage, and some plans may not provide coverage for services "
      "discussed in the medical policies. Medicaid products may have additional policies and prior authorization requirements.")
    p("This policy also applies to Kandiyohi Blue Plus members enrolled in Medical Assistance (Medicaid) through the state's "
      "public programs.")

    h("This policy does not apply to the following:")
    bullet("Kandiyohi Blue Medicare Advantage and Medicare cost plans. These plans follow Medicare coverage rules.")
    bullet("Federal Employee Program (FEP) members. See the FEP medical policies.")

    h("Description:")
    p("Magnetic resonance spectroscopy (MRS) is performed on a clinical MRI scanner with added software. Instead of an "
      "anatomic image, MRS produces a spectrum of the chemical compounds in a small volume of tissue (a voxel), such as "
      "N-acetylaspartate, choline, creatine and lactate. MRS is usually performed with MRI of the brain at the same session.")
    p("MRS of the intervertebral discs (for example, Nociscan, Aclarion, Inc.) measures biochemical markers in several lumbar "
      "discs and uses software to suggest which discs are painful.")

    h("Definitions:")
    p("Investigative: A drug, device, diagnostic procedure, technology or medical treatment or procedure is investigative "
      "when reliable evidence does not permit conclusions about its safety, its effectiveness, or its effect on health "
      "outcomes compared with established alternatives.")

    h("Related Policies:")
    bullet("VI-03, Advanced Imaging (MRI, CT and PET) Prior Authorization Program")

    h("Medical Policy Criteria:")
    p("I. Magnetic resonance spectroscopy (MRS) is considered investigative for all indications, including but not limited "
      "to brain tumors, distinguishing recurrent tumor from radiation necrosis, epilepsy, dementia, inborn errors of "
      "metabolism, and prostate or breast lesions.")
    p("II. MRS of the intervertebral discs for the determination and localization of discogenic pain is considered "
      "investigative.")
    p("Services considered investigative are not covered.")

    h("Policy Guidelines:")
    p("When MRS is performed at the same session as MRI of the brain, only the MRS is investigative. The brain MRI (CPT "
      "70551, 70552 or 70553) is reviewed under the advanced imaging program and is not affected by this policy.")

    h("Prior Authorization:")
    p("Prior authorization is not required for MRS. Brain MRI performed at the same session may require prior authorization "
      "under the advanced imaging program; see the prior authorization lists.")

    h("Coding:")
    p("The following codes are considered investigative:")
    rows = [
        ("CPT", "Description", "Status"),
        ("76390", "Magnetic resonance spectroscopy", "Investigative"),
        ("0609T", "MRS, discogenic pain; acquisition of single voxel data", "Investigative"),
        ("0610T", "MRS, discogenic pain; transmission of biomarker data", "Investigative"),
        ("0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Investigative"),
        ("0612T", "MRS, discogenic pain; interpretation and report", "Investigative"),
    ]
    pdf.set_font("Helvetica", "", 9.5)
    with pdf.table(col_widths=(18, 110, 32), text_align="LEFT", line_height=5.5) as table:
        for i, r in enumerate(rows):
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(3)
    p("Inclusion of a code in this policy does not imply coverage or reimbursement. Codes for the brain MRI performed at "
      "the same session are listed under Policy Guidelines for reference only.")

    h("Member Liability and Appeals:")
    p("A participating provider may not bill a member for MRS denied as investigative unless the member signed a waiver "
      "before the service that names the service and its estimated cost.")
    p("Providers may request reconsideration of a denial through the provider portal. Members may appeal as described in "
      "their member contract or certificate of coverage.")

    h("Summary of Evidence:")
    p("The evidence is insufficient to show that MRS changes diagnostic decisions or improves health outcomes compared "
      "with conventional MRI alone.")

    h("References:")
    p("1. Lin A, Tran T, Bluml S, Merugumala S, Liao HJ, Ross BD. Guidelines for acquiring and reporting clinical "
      "neurospectroscopy. Semin Neurol. 2012;32(4):432-453.")

    h("Revision History:")
    hist = [
        ("Date", "Revision"),
        ("08/2009", "New policy. MRS investigative for all indications."),
        ("03/2021", "Criterion II added: MRS of the intervertebral discs (0609T-0612T) investigative."),
        ("02/2024", "Medical Assistance (Medicaid) members added to Product Application."),
        ("03/2025", "Annual review. No change to policy criteria."),
    ]
    pdf.set_font("Helvetica", "", 9.5)
    with pdf.table(col_widths=(22, 138), text_align="LEFT", line_height=5.5) as table:
        for r in hist:
            row = table.row()
            for c in r:
                row.cell(c)
    pdf.ln(3)
    p("Questions about this policy: Provider Service, 1-800-555-0128.")
    p("CPT codes, descriptions and materials are copyrighted by the American Medical Association.")
    pdf.output(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
