#!/usr/bin/env python3
"""Build tanglewick-provider-manual-section-9-4.pdf.

Fictional example for testing; not a real payer's policy. The payer, plan names, manual,
section numbers, phone numbers and dates are invented. The layout is modelled on a real
Texas Medicaid/CHIP plan's provider manual (Driscoll Health Plan Provider Manual, May 2014,
as found at https://abcdocz.com/doc/73431/d-s-l-h): a page header, a footer with the manual's
revision, "Page N of M" and a form number on every page, numbered sections, phone lists.
Nothing in the PDF itself says it is fictional (NOTES.md in this folder and this script do).

usage: python make_tanglewick-provider-manual-section-9-4_pdf.py
"""
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tanglewick-provider-manual-section-9-4.pdf")
FIRST_PAGE = 87
TOTAL = 212


class Manual(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 10)
        self.cell(0, 5, "Tanglewick Health Plan", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Provider Manual - STAR, STAR Kids and CHIP", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        page = FIRST_PAGE + self.page_no() - 1
        self.cell(60, 5, "TWHP Provider Manual Rev 11/2025")
        self.cell(60, 5, f"Page {page} of {TOTAL}", align="C")
        self.cell(0, 5, "Form # TWHP25", align="R")


def h(pdf, text, size=11):
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def p(pdf, text):
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def table(pdf, widths, rows):
    for i, row in enumerate(rows):
        pdf.set_font("Helvetica", "B" if i == 0 else "", 9)
        for w, c in zip(widths, row):
            pdf.cell(w, 6, c, border=1)
        pdf.ln(6)
    pdf.ln(3)


pdf = Manual(format="Letter")
pdf.set_auto_page_break(True, margin=20)
pdf.set_margins(18, 15, 18)

# page 87
pdf.add_page()
h(pdf, "SECTION IX - NON-COVERED AND INVESTIGATIONAL SERVICES", 12)
h(pdf, "9.4 Laboratory and Imaging Services Not Covered or Not Reimbursed")
p(pdf, "Section effective date: January 1, 2026\n"
       "Last annual review: November 12, 2025\n"
       "Next annual review: November 2026\n"
       "Supersedes: N/A")
h(pdf, "9.4.1 Scope", 10)
p(pdf, "This section applies to Tanglewick Health Plan members enrolled in STAR and STAR Kids (Texas Medicaid) "
       "and in CHIP. It does not apply to members of Tanglewick Dual Advantage (HMO D-SNP); their Medicare "
       "benefits are described in the Tanglewick Dual Advantage Provider Manual, which follows CMS National "
       "Coverage Determination (NCD) 220.2.1 for magnetic resonance spectroscopy. CMS last reaffirmed that "
       "NCD in 2004.")
h(pdf, "9.4.2 Magnetic Resonance Spectroscopy", 10)
p(pdf, "Tanglewick Health Plan considers magnetic resonance spectroscopy (MRS) investigational for all "
       "indications. MRS is not a covered service for STAR, STAR Kids or CHIP members, whether it is billed "
       "alone or on the same claim as an MRI of the brain. This includes MRS of the intervertebral discs for "
       "discogenic pain (0609T-0612T).")
p(pdf, "The brain MRI itself (70551, 70552 or 70553) is reviewed under Section 7.2, Advanced Imaging, and is "
       "not affected by this section.")
p(pdf, "Table 9-4A. MRS codes")
table(pdf, [18, 112, 50], [
    ["Code", "Description", "Status"],
    ["76390", "Magnetic resonance spectroscopy", "Not covered (investigational)"],
    ["0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc", "Not covered (investigational)"],
    ["0610T", "MRS, discogenic pain; transmission of biomarker data", "Not covered (investigational)"],
    ["0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Not covered (investigational)"],
    ["0612T", "MRS, discogenic pain; interpretation and report", "Not covered (investigational)"],
])

# page 88
pdf.add_page()
h(pdf, "9.4.3 Intracellular Micronutrient Panels", 10)
p(pdf, "Some laboratories sell panels that estimate vitamin, mineral and antioxidant status inside white "
       "blood cells or cheek cells rather than in serum. Examples are the Micronutrient Test from SpectraCell "
       "Laboratories, the Vibrant Micronutrients panel from Vibrant America, and the ExaTest from IntraCellular "
       "Diagnostics, which analyzes sublingual epithelial cells by energy dispersive x-ray analysis.")
p(pdf, "Tanglewick Health Plan does not reimburse intracellular micronutrient panels. Claims for these panels "
       "are denied. Providers may not bill STAR, STAR Kids or CHIP members for a panel denied under this section.")
p(pdf, "These panels have no CPT code of their own. Claims usually carry 84999, 86353 or, for the ExaTest, "
       "88348. Each of these codes is denied when it is billed for an intracellular micronutrient panel and "
       "remains payable for its ordinary uses, such as 86353 for beryllium sensitivity or 88348 for a renal biopsy.")
p(pdf, "Table 9-4B. Codes billed for intracellular micronutrient panels")
table(pdf, [18, 80, 82], [
    ["Code", "Description", "Status under this section"],
    ["84999", "Unlisted chemistry procedure", "Not reimbursed when billed for a panel"],
    ["86353", "Lymphocyte transformation", "Not reimbursed when billed for a panel"],
    ["88348", "Electron microscopy, diagnostic", "Not reimbursed when billed for the ExaTest"],
])
p(pdf, "Medically necessary serum tests of a single nutrient, such as 25-hydroxy vitamin D (82306) or vitamin "
       "B-12 (82607), are not affected by this section.")
h(pdf, "9.4.4 Texas Health Steps - Comprehensive Care Program", 10)
p(pdf, "For a STAR or STAR Kids member younger than 21, a provider may submit a Comprehensive Care Program (CCP) "
       "prior authorization request for a service in this section. The request is reviewed individually for "
       "medical necessity; submitting it does not guarantee approval.")
h(pdf, "9.4.5 Evidence", 10)
p(pdf, "The plan's review found no published study showing that MRS or an intracellular micronutrient panel "
       "changes treatment or improves health outcomes for the members this section covers.")

# page 89
pdf.add_page()
h(pdf, "9.4.6 Appeals", 10)
p(pdf, "A provider may ask for a peer-to-peer discussion before a denial is final by calling Utilization "
       "Management at 1-877-555-0163. A member may appeal a denial with Tanglewick Health Plan; STAR and STAR "
       "Kids members may then ask for a State Fair Hearing, and CHIP members may ask for an External Review.")
h(pdf, "9.4.7 Section revision log", 10)
table(pdf, [22, 158], [
    ["Date", "Change"],
    ["05/2014", "Section created; MRS listed as not covered."],
    ["03/2021", "Category III codes 0609T-0612T added to Table 9-4A."],
    ["11/2025", "Annual review; intracellular micronutrient panels added (not reimbursed). Effective 01/01/2026."],
])
p(pdf, "Utilization Management: 1-877-555-0163 | Fax 1-866-555-0171 | TTY 711")

pdf.output(OUT)
print("wrote", OUT)
