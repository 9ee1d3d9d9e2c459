#!/usr/bin/env python3
# fictional example for development; not a real payer's policy.
# Vermillard, its Medicaid program, department, managed care plans, forms, section dates and the
# prior authorization criteria below are all invented (the criteria are not clinical guidance).
# Real: CPT 76390, 0609T-0612T, 70551-70553 and CMS NCD 220.2.1.
# Layout modelled on a Louisiana Medicaid Provider Services Manual section (Chapter 5, Professional
# Services): the boxed header grid with ISSUED / REPLACED dates, CHAPTER / SECTION lines and PAGE(S)
# count, "Page n of N  Section 5.1" footer, beneficiary wording and a revision log.
# Usage: python3 make_vermillard-medicaid-magnetic-resonance-spectroscopy_pdf.py  (writes the PDF beside it)
import os
from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "vermillard-medicaid-magnetic-resonance-spectroscopy.pdf")
FONT_DIR = "/usr/share/fonts/truetype/liberation"

ISSUED = "03/16/26"
REPLACED = "11/04/22"


class ManualPDF(FPDF):
    total_pages_label = "4"

    def header(self):
        self.set_font("LS", "B", 10)
        x0, y0 = 15, 10
        w_left, w_right = 125, 55
        self.set_xy(x0, y0)
        # row 1: program name | issued / replaced
        self.cell(w_left, 12, "VERMILLARD MEDICAID PROGRAM", border=1)
        self.set_xy(x0 + w_left, y0)
        self.cell(w_right, 6, f"ISSUED: {ISSUED}", border="LTR")
        self.set_xy(x0 + w_left, y0 + 6)
        self.cell(w_right, 6, f"REPLACED: {REPLACED}", border="LBR")
        # row 2: chapter
        self.set_xy(x0, y0 + 12)
        self.cell(w_left + w_right, 7, "CHAPTER 5:  PROFESSIONAL SERVICES", border=1)
        # row 3: section | pages
        self.set_xy(x0, y0 + 19)
        self.cell(w_left, 7, "SECTION 5.1:  COVERED SERVICES", border=1)
        self.cell(w_right, 7, f"PAGE(S) {self.total_pages_label}", border=1)
        self.set_xy(x0, y0 + 32)

    def footer(self):
        self.set_y(-18)
        self.set_font("LS", "", 9)
        self.cell(90, 5, f"Page {self.page_no()} of {self.total_pages_label}", align="L")
        self.cell(90, 5, "Section 5.1", align="R")


def build():
    pdf = ManualPDF(format="Letter")
    pdf.add_font("LS", "", os.path.join(FONT_DIR, "LiberationSerif-Regular.ttf"))
    pdf.add_font("LS", "B", os.path.join(FONT_DIR, "LiberationSerif-Bold.ttf"))
    pdf.add_font("LS", "I", os.path.join(FONT_DIR, "LiberationSerif-Italic.ttf"))
    pdf.add_font("LS", "BI", os.path.join(FONT_DIR, "LiberationSerif-BoldItalic.ttf"))
    pdf.set_margins(15, 44, 15)
    pdf.set_auto_page_break(True, margin=24)
    pdf.add_page()

    W = 180

    def heading(text, size=12, under=False):
        pdf.ln(2)
        pdf.set_font("LS", "BU" if under else "B", size)
        pdf.multi_cell(W, 6, text, align="L")
        pdf.ln(1)

    def para(text, style="", indent=0):
        pdf.set_font("LS", style, 11)
        if indent:
            pdf.set_x(15 + indent)
        pdf.multi_cell(W - indent, 5.6, text, align="L")
        pdf.ln(2.2)

    def numbered(items, indent=8):
        pdf.set_font("LS", "", 11)
        for n, t in items:
            pdf.set_x(15 + indent)
            pdf.cell(8, 5.6, n)
            pdf.multi_cell(W - indent - 8, 5.6, t, align="L")
            pdf.ln(1.2)
        pdf.ln(1.5)

    heading("Magnetic Resonance Spectroscopy", 13, under=True)
    para("Magnetic resonance spectroscopy (MRS) is a non-invasive diagnostic test performed on a magnetic "
         "resonance imaging (MRI) scanner with additional software. Instead of an image, MRS produces a "
         "spectrum that shows the concentration of certain chemical compounds (metabolites), such as "
         "N-acetylaspartate, choline, creatine and lactate, within a selected volume of tissue. Proton MRS of "
         "the brain is reported with Current Procedural Terminology (CPT) code 76390. MRS of the "
         "intervertebral discs for the evaluation of discogenic pain is reported with Category III codes "
         "0609T, 0610T, 0611T and 0612T.")

    heading("Beneficiaries Under 21 Years of Age")
    para("MRS of the brain (CPT 76390) is covered for beneficiaries under the age of 21 when it is medically "
         "necessary and prior authorized. The Prior Authorization Unit (PAU) will approve a request when the "
         "documentation submitted shows all of the following:")
    numbered([
        ("1.", "A conventional MRI of the brain, with and without contrast, has been performed within the 30 "
               "days before the request and shows a lesion whose nature (for example, tumor, abscess or "
               "demyelination) cannot be determined from the MRI alone;"),
        ("2.", "The request is made by, or in consultation with, a pediatric neurologist, a neurosurgeon or a "
               "pediatric oncologist; and"),
        ("3.", "The result of the MRS is expected to change the beneficiary's management, such as avoiding a "
               "biopsy or selecting the site of a biopsy."),
    ])
    para("A request that does not meet these criteria may still be approved when the PAU determines, after "
         "individual review under the Early and Periodic Screening, Diagnosis and Treatment (EPSDT) program, "
         "that MRS is medically necessary to correct or ameliorate the beneficiary's condition.")

    heading("Beneficiaries 21 Years of Age and Older")
    para("MRS is not a covered service for beneficiaries 21 years of age and older. Claims for CPT 76390 with "
         "a date of service on or after the beneficiary's 21st birthday will be denied.")

    heading("Magnetic Resonance Spectroscopy for Discogenic Pain")
    para("MRS of the cervical, thoracic or lumbar discs for the evaluation of discogenic pain is not covered "
         "for any beneficiary, regardless of age. The following codes are not payable on the Vermillard "
         "Medicaid Professional Services Fee Schedule:")
    # small code table
    pdf.set_font("LS", "B", 10.5)
    pdf.set_x(23)
    pdf.cell(22, 6.5, "CPT Code", border=1)
    pdf.cell(142, 6.5, "Description", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("LS", "", 10.5)
    rows = [
        ("0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc, in at least 3 discs"),
        ("0610T", "MRS, discogenic pain; transmission of biomarker data for software analysis"),
        ("0611T", "MRS, discogenic pain; postprocessing for algorithmic analysis of biomarker data"),
        ("0612T", "MRS, discogenic pain; interpretation and report"),
    ]
    for c, d in rows:
        pdf.set_x(23)
        pdf.cell(22, 6.5, c, border=1)
        pdf.cell(142, 6.5, d, border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    heading("Conventional Magnetic Resonance Imaging")
    para("An MRI of the brain performed on the same date of service as MRS is reimbursed separately under its "
         "own code (CPT 70551, 70552 or 70553) and remains subject to the radiology prior authorization "
         "requirements in this chapter. This section does not change those requirements.")

    heading("Prior Authorization")
    para("Requests for prior authorization of CPT 76390 for fee-for-service beneficiaries must be submitted to "
         "the PAU on Form PA-14 (Outpatient Diagnostic Services) and must include:")
    numbered([
        ("1.", "The report of the conventional brain MRI;"),
        ("2.", "The note of the consulting specialist; and"),
        ("3.", "A statement of how the MRS result will change the beneficiary's management."),
    ])
    para("The PAU will issue a decision within 14 calendar days of receiving a complete request. An approval "
         "is valid for 60 days from the date it is issued.")

    heading("Healthy Vermillard Managed Care Organizations")
    para("Beneficiaries enrolled in a Healthy Vermillard managed care organization (MCO) receive MRS through "
         "their MCO. Each MCO must cover MRS in an amount, duration and scope that is no less than described "
         "in this section, and may use its own prior authorization process and forms. Providers must submit "
         "prior authorization requests for MCO enrollees to the enrollee's MCO, not to the PAU.")

    heading("Beneficiaries with Medicare")
    para("Medicare is the primary payer for beneficiaries who have both Medicare and Medicaid. Medicare does "
         "not cover MRS for any indication under National Coverage Determination (NCD) 220.2.1, which the "
         "Centers for Medicare and Medicaid Services (CMS) last reaffirmed in 2004. Coverage of MRS under "
         "Medicare, including Medicare Advantage plans and dual special needs plans (D-SNPs), is determined "
         "by Medicare and is not addressed by this manual. Vermillard Medicaid will not reimburse MRS as a "
         "crossover claim.")

    heading("Reimbursement")
    para("Reimbursement for MRS is the lesser of the billed charge or the maximum amount on the Vermillard "
         "Medicaid Professional Services Fee Schedule. When the technical and professional components are "
         "billed by different providers, modifier TC and modifier 26 must be appended.")

    if pdf.get_y() > 200:   # keep the liability paragraphs on one page, as the manual's editors would
        pdf.add_page()
    heading("Beneficiary Liability and Appeals")
    para("A provider may bill a beneficiary for a non-covered service only if the provider informed the "
         "beneficiary, before the service was furnished, that Medicaid would not pay for it, and the "
         "beneficiary agreed in writing to pay. A beneficiary may not be billed for MRS that was denied "
         "because the provider did not obtain prior authorization.")
    para("When a request for prior authorization is denied, the beneficiary will receive a notice that "
         "explains the reason for the denial and the right to request a State Fair Hearing. The provider "
         "may request reconsideration by submitting additional documentation to the PAU within 30 days of "
         "the date of the denial.")

    heading("Revision Log")
    pdf.set_font("LS", "B", 10.5)
    pdf.cell(52, 6.5, "Section", border=1)
    pdf.cell(28, 6.5, "Date of Change", border=1)
    pdf.cell(100, 6.5, "Description of Change", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("LS", "", 10)
    log = [
        ("5.1 MR Spectroscopy", "02/01/14", "Section added. MRS not covered."),
        ("5.1 MR Spectroscopy", "11/04/22", "Added codes 0609T-0612T as not covered."),
        ("5.1 MR Spectroscopy", "03/16/26", "Coverage with prior authorization under age 21."),
        ("5.1 MR Spectroscopy", "03/16/26", "Added MCO and Medicare language."),
    ]
    for s, d, t in log:
        pdf.cell(52, 6.5, s, border=1)
        pdf.cell(28, 6.5, d, border=1)
        pdf.cell(100, 6.5, t, border=1, new_x="LMARGIN", new_y="NEXT")

    return pdf


if __name__ == "__main__":
    # first pass to count pages, second to print the count in the header ("PAGE(S) n")
    p = build()
    n = p.pages_count
    ManualPDF.total_pages_label = str(n)
    p = build()
    p.output(OUT)
    print(OUT, n, "pages")
