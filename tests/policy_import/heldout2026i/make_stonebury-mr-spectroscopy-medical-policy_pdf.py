#!/usr/bin/env python3
# fictional example for development; not a real payer's policy
#
# Builds stonebury-mr-spectroscopy-medical-policy.pdf with fpdf2. Stonebury Health Care, its products
# (Keystone, Prime, HMO, PPO, Individual Marketplace), Stonebury Insurance Company, the policy numbers
# PG0418 and PG0225, the Technology Review Workgroup and every date are invented. Real: CPT 76390,
# 0609T-0612T and 70551-70553, ICD-10-CM C71.9 and C79.31, CMS NCD 220.2.1, Nociscan (Aclarion) and the
# Lin et al. 2012 reference. The layout imitates the conventions of a regional Ohio health plan's
# medical policies as shown on its public "Medical Policies" page: "PG0nnn <title>" policy ids, a
# product row (Medicaid / Medicare Advantage / HMO / PPO / Individual Marketplace), revision notes written
# "MM/DD/YY: <change> ... per <committee>", the "Revision PENDING, Effective" status and the
# "express our determination of whether a health service ... is proven to be effective" disclaimer
# (paraphrased, not copied).
#
# usage: a checking script of the author's (not kept) make_stonebury-mr-spectroscopy-medical-policy_pdf.py
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "stonebury-mr-spectroscopy-medical-policy.pdf")

PAYER = "Stonebury Health Care"
TITLE = "Magnetic Resonance Spectroscopy (MRS)"
NUMBER = "PG0418"
GREEN = (0, 96, 88)


class PolicyPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 10)
        self.set_text_color(*GREEN)
        self.cell(100, 5, PAYER, new_x="RIGHT", new_y="TOP")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Medical Policy", align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*GREEN)
        self.set_line_width(0.6)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.set_line_width(0.2)
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(90, 90, 90)
        self.cell(120, 4, f"{NUMBER} {TITLE}", new_x="RIGHT", new_y="TOP")
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def heading(pdf, text):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 10.5)
    pdf.set_fill_color(*GREEN)
    pdf.set_text_color(255, 255, 255)
    pdf.cell(0, 6, " " + text, fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def subheading(pdf, text):
    pdf.set_font("Helvetica", "B", 10)
    pdf.set_text_color(*GREEN)
    pdf.cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def para(pdf, text, indent=0, size=9.5, style=""):
    pdf.set_font("Helvetica", style, size)
    if indent:
        pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def items(pdf, rows, indent=5, size=9.5):
    pdf.set_font("Helvetica", "", size)
    for label, text in rows:
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(7, 4.8, label, new_x="RIGHT", new_y="TOP")
        pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.6)
    pdf.ln(1)


def code_block(pdf, caption, rows, widths=(22, 158)):
    pdf.set_draw_color(160, 160, 160)
    pdf.set_font("Helvetica", "B", 8.5)
    pdf.set_fill_color(222, 236, 233)
    pdf.cell(sum(widths), 6, caption, border=1, fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8.5)
    for code, desc in rows:
        pdf.cell(widths[0], 6, code, border=1, new_x="RIGHT", new_y="TOP")
        pdf.cell(widths[1], 6, desc, border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def build():
    pdf = PolicyPDF(format="Letter")
    pdf.set_title(f"{NUMBER} {TITLE}")
    pdf.set_author(PAYER)
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 11)
    pdf.set_text_color(*GREEN)
    pdf.cell(0, 6, "MEDICAL POLICY", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 15)
    pdf.cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)

    # label grid: two label/value cells per row
    pdf.set_draw_color(160, 160, 160)
    grid = [
        ("Policy Number: " + NUMBER, "Effective Date: 03/01/2026"),
        ("Original Effective Date: 04/01/2009", "Last Review: 12/10/2025"),
        ("Status: Revision PENDING", "Next Review:"),
    ]
    pdf.set_font("Helvetica", "", 9.5)
    for left, right in grid:
        pdf.cell(90, 7, left, border=1, new_x="RIGHT", new_y="TOP")
        pdf.cell(0, 7, right, border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    # product row
    cols = ["KEYSTONE", "PRIME", "HMO", "PPO", "INDIVIDUAL MARKETPLACE"]
    widths = [30, 30, 30, 30, 60]
    pdf.set_font("Helvetica", "B", 8.5)
    pdf.set_fill_color(222, 236, 233)
    for c, w in zip(cols, widths):
        pdf.cell(w, 6, c, border=1, fill=True, align="C", new_x="RIGHT", new_y="TOP")
    pdf.ln(6)
    pdf.set_font("Helvetica", "B", 9)
    for w in widths:
        pdf.cell(w, 6, "X", border=1, align="C", new_x="RIGHT", new_y="TOP")
    pdf.ln(8)
    para(pdf, "KEYSTONE: Stonebury Keystone, the plan's Medicaid managed care product. PRIME: Stonebury Prime HMO "
              "and PPO (Medicare Advantage). HMO, PPO and INDIVIDUAL MARKETPLACE: commercial products of Stonebury "
              "Insurance Company.", size=8.5)

    heading(pdf, "SCOPE")
    para(pdf, "This policy addresses proton magnetic resonance spectroscopy (MRS) of the brain and MRS of the "
              "intervertebral discs. Magnetic resonance imaging (MRI) and magnetic resonance angiography of the head "
              "are addressed in PG0225 Advanced Outpatient Imaging.")

    heading(pdf, "DESCRIPTION")
    para(pdf, "MRS is performed on a clinical MRI scanner with additional software. Instead of an anatomic image, it "
              "produces a spectrum of the metabolites in a selected volume of tissue (a voxel), such as "
              "N-acetylaspartate, choline, creatine, lactate and lipids. In the brain, MRS is performed as an adjunct "
              "to conventional MRI. After radiation therapy for a brain tumor, an elevated choline peak is reported to "
              "favor recurrent tumor, while a lipid and lactate peak with low choline is reported to favor radiation "
              "necrosis.")
    para(pdf, "MRS of the intervertebral discs (for example, Nociscan, Aclarion, Inc.) measures biochemical markers "
              "such as lactate, alanine and proteoglycan in the disc nucleus and is proposed to help identify the "
              "painful disc in chronic low back pain.")
    para(pdf, "The Centers for Medicare & Medicaid Services (CMS) considered MRS investigational and issued a "
              "national non-coverage determination for all indications; CMS reaffirmed the national non-coverage in "
              "2004.")

    heading(pdf, "POLICY")
    subheading(pdf, "HMO, PPO, Individual Marketplace and Keystone")
    para(pdf, "Stonebury Health Care considers MRS of the brain (CPT 76390) medically necessary as an adjunct to MRI "
              "when the criteria under COVERAGE CRITERIA are met. Prior authorization is required.")
    para(pdf, "MRS of the brain for any other indication is considered experimental/investigational and is not "
              "covered.")
    para(pdf, "MRS of the intervertebral discs for discogenic pain (CPT 0609T, 0610T, 0611T and 0612T) is considered "
              "experimental/investigational for all indications.")
    subheading(pdf, "Prime (Medicare Advantage)")
    para(pdf, "Stonebury Prime follows CMS National Coverage Determination (NCD) 220.2.1, Magnetic Resonance "
              "Spectroscopy. Under the NCD, MRS is non-covered nationally for all indications. The coverage criteria "
              "below do not apply to Prime members, and prior authorization requests for MRS for Prime members will be "
              "denied as non-covered.")
    para(pdf, "A Prime member, or a provider on the member's behalf, may request a pre-service organization "
              "determination before the service is provided.")

    heading(pdf, "COVERAGE CRITERIA")
    para(pdf, "HMO, PPO, Individual Marketplace and Keystone members only.", style="I")
    para(pdf, "MRS of the brain (CPT 76390) is considered medically necessary when ALL of the following are met:")
    items(pdf, [
        ("1.", "The member has a known primary or metastatic brain tumor that has been treated with radiation "
               "therapy; and"),
        ("2.", "A contrast-enhanced MRI of the brain performed within the previous 30 days shows a new or enlarging "
               "enhancing lesion that cannot be characterized as recurrent tumor or radiation necrosis; and"),
        ("3.", "The MRS result will be used to decide between biopsy or resection, a change in therapy, or continued "
               "observation."),
    ])

    heading(pdf, "LIMITATIONS/EXCLUSIONS")
    para(pdf, "MRS is considered experimental/investigational, and is not covered, for all other indications, "
              "including but not limited to:")
    items(pdf, [
        ("-", "characterization of an untreated brain lesion or grading of a suspected glioma;"),
        ("-", "suspected inborn errors of metabolism, including mitochondrial disorders and leukodystrophies;"),
        ("-", "dementia, including Alzheimer disease, and other neurodegenerative disorders;"),
        ("-", "epilepsy, multiple sclerosis, stroke, traumatic brain injury and psychiatric disorders;"),
        ("-", "prostate, breast and other non-brain lesions; and"),
        ("-", "discogenic low back pain (CPT 0609T-0612T)."),
    ])
    para(pdf, "A repeat MRS of the brain within 90 days of a prior MRS is not medically necessary unless the MRI shows "
              "a new lesion.")
    para(pdf, "Services performed without a required prior authorization will be denied with no member liability.")

    heading(pdf, "CODING/BILLING INFORMATION")
    para(pdf, "Note: The codes below are listed for reference. Listing a code does not guarantee coverage or payment.",
         size=8.5, style="I")
    code_block(pdf, "CPT CODES COVERED WHEN CRITERIA ARE MET (NOT COVERED FOR PRIME)", [
        ("76390", "Magnetic resonance spectroscopy - prior authorization required"),
    ])
    code_block(pdf, "CPT CODES CONSIDERED EXPERIMENTAL/INVESTIGATIONAL (ALL PRODUCTS)", [
        ("0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc, at least 3 discs"),
        ("0610T", "MRS, discogenic pain; transmission of biomarker data for software analysis"),
        ("0611T", "MRS, discogenic pain; postprocessing for algorithmic analysis of biomarker data"),
        ("0612T", "MRS, discogenic pain; interpretation and report"),
    ])
    code_block(pdf, "ICD-10 CODES THAT SUPPORT MEDICAL NECESSITY FOR 76390 WHEN THE CRITERIA ARE MET", [
        ("C71.9", "Malignant neoplasm of brain, unspecified"),
        ("C79.31", "Secondary malignant neoplasm of brain"),
    ])
    para(pdf, "MRI of the brain performed at the same session (70551, 70552, 70553) is reported separately and is "
              "reviewed under PG0225 Advanced Outpatient Imaging. This policy does not change it.")

    heading(pdf, "REVISION HISTORY EXPLANATION")
    para(pdf, "ORIGINAL EFFECTIVE DATE: 04/01/09", style="B")
    for line in [
        "04/01/09: New policy. MRS considered experimental/investigational for all indications.",
        "06/12/14: Policy reviewed; no changes.",
        "01/20/21: Added CPT codes 0609T, 0610T, 0611T and 0612T as experimental/investigational per AMA CPT "
        "update.",
        "11/17/23: Policy reviewed and updated to reflect most current clinical evidence per the Technology Review "
        "Workgroup (TRW). No change in coverage.",
        "12/10/25: Added coverage criteria for MRS after radiation therapy for a brain tumor (HMO, PPO, Individual "
        "Marketplace, Keystone); added ICD-10 codes C71.9 and C79.31. Prime section revised to cite NCD 220.2.1. "
        "Revision PENDING, effective 03/01/26.",
    ]:
        para(pdf, line, size=9)

    heading(pdf, "REFERENCES")
    items(pdf, [
        ("1.", "Centers for Medicare & Medicaid Services. National Coverage Determination (NCD) for Magnetic "
               "Resonance Spectroscopy (220.2.1). Medicare Coverage Database."),
        ("2.", "Lin A, Tran T, Bluml S, et al. Guidelines for acquiring and reporting clinical neurospectroscopy. "
               "Semin Neurol. 2012;32(4):432-453."),
    ], indent=0, size=9)

    pdf.ln(2)
    para(pdf, "Medical policies state Stonebury Health Care's determination of whether a health service (for example, "
              "a test, drug, device or procedure) has been shown by published clinical evidence to be effective, and "
              "they are used to decide whether a service is medically necessary. Services found to be experimental, "
              "investigational, unproven or not medically necessary are generally not covered. Medical policies do "
              "not certify benefits; coverage is subject to the terms, conditions, exclusions and limitations of the "
              "member's benefit plan and to applicable state and federal law. The Technology Review Workgroup (TRW) "
              "reviews medical policies regularly, and policies may change without prior notice.", size=8)

    pdf.output(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    build()
