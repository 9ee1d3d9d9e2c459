#!/usr/bin/env python3
# Fictional example for development; not a real payer's policy.
# Layout modelled on a state Medicaid "Informational Letter" (Iowa Medicaid's numbered letters with
# MC / FFS / D program modifiers, issue date and effective date; see https://dhs.iowa.gov/node/2784).
# Invented: the state, program (Quinnbrook Medicaid), department, MCO names, letter numbers, people,
# phone numbers, dates and the clinical criteria (not clinical guidance).
# Real: CPT 76390, 0609T-0612T, 70551-70553, CMS NCD 220.2.1 (MRS, national noncoverage, reaffirmed 2004).
from fpdf import FPDF

OUT = "quinnbrook-medicaid-il-magnetic-resonance-spectroscopy.pdf"


class Letter(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Quinnbrook Department of Health and Human Services", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Quinnbrook Medicaid | Provider Services", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"IL 2614-MC-FFS | Page {self.page_no()} of {{nb}}", align="C")


pdf = Letter(format="Letter")
pdf.alias_nb_pages()
pdf.set_auto_page_break(True, margin=20)
pdf.set_margins(20, 15, 20)
pdf.add_page()


def para(text, style="", size=10, gap=2):
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def label(lab, val):
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(32, 5, lab)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, val, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


para("INFORMATIONAL LETTER NO. 2614-MC-FFS", "B", 12, 3)
label("DATE:", "February 12, 2026")
label("TO:", "Quinnbrook Medicaid Physicians, Advanced Registered Nurse Practitioners, Independent Diagnostic Testing Facilities, Hospitals and Critical Access Hospitals")
label("APPLIES TO:", "Managed Care (MC), Fee-for-Service (FFS)")
label("FROM:", "Quinnbrook Department of Health and Human Services (HHS), Quinnbrook Medicaid")
label("RE:", "Coverage of Magnetic Resonance Spectroscopy (MRS)")
label("EFFECTIVE:", "April 1, 2026")
pdf.ln(2)

para("Quinnbrook Medicaid is clarifying coverage of magnetic resonance spectroscopy (MRS) for members enrolled in Fee-for-Service (FFS) and in the Quinn Health Link managed care program. The managed care organizations (MCOs), Tallowell Health Plan of Quinnbrook and Brightlane Community Care, must apply the coverage criteria in this letter. This letter does not apply to the Dental Wellness Plan.")

para("Coverage Criteria", "B", 11, 1)
para("Effective for dates of service on or after April 1, 2026, proton MRS of the brain (CPT 76390) is covered only with an approved prior authorization and only when all of the following are met:", gap=1)
para("1. The member has an intracranial mass lesion seen on a contrast-enhanced brain MRI performed within the previous 30 days; and\n"
     "2. The treating neuro-oncologist or neurosurgeon documents that the MRS result will decide between biopsy, re-resection and continued surveillance (for example, recurrent tumor versus radiation necrosis); and\n"
     "3. MRS is performed in the same session as the brain MRI.")
para("MRS for any other indication, including dementia, epilepsy, multiple sclerosis, psychiatric disorders and traumatic brain injury, is considered investigational and is not covered.")
para("Magnetic resonance spectroscopy for discogenic pain (CPT 0609T, 0610T, 0611T and 0612T) is not a covered benefit of Quinnbrook Medicaid. Claims with these codes will deny for FFS and MC members.")
para("The brain MRI performed in the same session (CPT 70551, 70552 or 70553) remains subject to the Advanced Imaging Prior Authorization Program described in Informational Letter 2231-MC-FFS; this letter does not change that program.")

para("Prior Authorization", "B", 11, 1)
para("Prior authorization is required for CPT 76390 for all FFS and MC members. FFS requests are submitted to the Quinnbrook Medicaid Medical Services Unit; MC requests are submitted to the member's MCO. Requests must include the MRI report and the treating provider's documentation of how the result will be used.")

para("Members Under Age 21", "B", 11, 1)
para("For members under age 21, a request that does not meet the criteria above will be reviewed individually under the Early and Periodic Screening, Diagnostic and Treatment (EPSDT) benefit.")

para("Members with Medicare", "B", 11, 1)
para("Medicare is the primary payer for members who are also entitled to Medicare. Original Medicare does not cover MRS under National Coverage Determination (NCD) 220.2.1, which CMS reaffirmed in 2004. Quinnbrook Medicaid does not pay crossover claims for services that Medicare has denied as not covered.")

para("Member Billing and Appeals", "B", 11, 1)
para("Providers may not bill a Quinnbrook Medicaid member for MRS services denied under this letter. A member may appeal a denial to the member's MCO or, for FFS members, request a State Fair Hearing through HHS.")

para("Background", "B", 11, 1)
para("HHS reviewed published studies and national payer policies in 2025 and found that, apart from the limited brain tumor setting above, the evidence does not show that MRS results change management or improve health outcomes.")

para("Related Informational Letters", "B", 11, 1)
rows = [
    ("Letter #", "Description", "Issue Date", "Effective Date"),
    ("2231-MC-FFS", "Advanced Imaging Prior Authorization Program", "09/14/2021", "11/01/2021"),
    ("2398-MC-FFS", "Category III CPT Code Coverage Update", "06/20/2023", "07/01/2023"),
    ("2614-MC-FFS", "Coverage of Magnetic Resonance Spectroscopy (MRS)", "02/12/2026", "04/01/2026"),
]
widths = (28, 88, 27, 27)
for i, r in enumerate(rows):
    pdf.set_font("Helvetica", "B" if i == 0 else "", 9)
    for w, c in zip(widths, r):
        pdf.cell(w, 6, c, border=1)
    pdf.ln(6)
pdf.ln(3)

para("If you have questions, please contact Quinnbrook Medicaid Provider Services at 1-800-555-0147, Monday through Friday, 7:30 a.m. to 4:30 p.m.")
para("CPT codes, descriptions and other data only are copyright 2025 American Medical Association. All Rights Reserved.", size=8)

pdf.output(OUT)
print("wrote", OUT)
