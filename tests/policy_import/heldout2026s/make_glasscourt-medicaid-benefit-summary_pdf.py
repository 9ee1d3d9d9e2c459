#!/usr/bin/env python3
"""Build glasscourt-medicaid-benefit-summary.pdf with fpdf2.

Fictional example for testing; not a real payer's policy. The PDF itself carries no marker: every
name, date and number in it is invented except the CPT codes, the laboratories and their tests.
Layout modelled on a chapter of a Pennsylvania Medicaid plan's provider manual (chapter cover with
Purpose/Topics, module contents, a footer with manual name, version month and page "4-n").
"""
import os

from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "glasscourt-medicaid-benefit-summary.pdf")
FOOTER = "Glasscourt Health Plans Provider Manual  GC Benefits - March 2026"


class Manual(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Glasscourt Health Plans Provider Manual", new_x="LMARGIN", new_y="NEXT", align="R")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Glasscourt Medicaid Benefit Summary", new_x="LMARGIN", new_y="NEXT", align="R")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"{FOOTER}    Page 4-{self.page_no()}", align="C")


def h(pdf, text, size=12):
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def p(pdf, text):
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def bullet(pdf, text):
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(pdf.l_margin + 4)
    pdf.multi_cell(0, 5, "- " + text, new_x="LMARGIN", new_y="NEXT")


def row(pdf, cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    # one line per row: keep cells short so pdfplumber reads each row on one line
    for c, w in zip(cells, widths):
        pdf.cell(w, 6, c, border=1)
    pdf.ln(6)


pdf = Manual(format="Letter")
pdf.set_auto_page_break(auto=True, margin=20)
pdf.set_margins(18, 15, 18)

# ---- page 4-1: chapter cover
pdf.add_page()
h(pdf, "4  Glasscourt Medicaid Benefit Summary", 16)
p(pdf, "Purpose: This chapter gives an overview of the benefits available to Glasscourt Medicaid members "
       "and lists services that are not covered.")
p(pdf, "Published: March 2026    Effective: April 1, 2026")
p(pdf, "This chapter replaces the Benefit Summary chapter dated February 2024.")
h(pdf, "Who this chapter applies to", 11)
p(pdf, "This chapter applies to members enrolled in Glasscourt Medicaid through the state's Medical Assistance "
       "managed care program.")
p(pdf, "Glasscourt KidsFirst (CHIP) members: see Chapter 6, KidsFirst Benefit Summary.")
p(pdf, "Glasscourt Medicare Prime (HMO SNP) members: see Chapter 5, Medicare Benefit Summary. This chapter does "
       "not apply to Medicare benefits.")
h(pdf, "Module Contents", 11)
for line in ["Overview .................................................. 4-2",
             "Laboratory ............................................. 4-2",
             "Radiology and Imaging ............................. 4-3",
             "Allergy Testing and Treatment ................... 4-3",
             "Non-Covered Services ................................ 4-3",
             "Benefit Limit Exceptions ............................. 4-4"]:
    p(pdf, line)

# ---- page 4-2
pdf.add_page()
h(pdf, "Overview")
p(pdf, "Glasscourt Medicaid covers the services described in this chapter when they are medically necessary and "
       "provided by a participating provider. Questions about a benefit may be directed to Provider Services at "
       "1-888-555-0163.")
h(pdf, "Laboratory")
p(pdf, "Laboratory services must be sent to a participating laboratory. Routine tests ordered by the PCP do not "
       "need prior authorization.")
p(pdf, "Intracellular micronutrient testing is not covered. Glasscourt considers these panels investigational "
       "for all indications. Examples are the SpectraCell Laboratories Micronutrient Test and the Cellular "
       "Micronutrient Assay (CMA) from Cell Science Systems.")
p(pdf, "The Alcat test from Cell Science Systems is a food sensitivity test, not a micronutrient panel. It is "
       "addressed under Allergy Testing and Treatment, page 4-3.")
h(pdf, "Laboratory billing notes", 11)
widths = [22, 70, 88]
row(pdf, ["Code", "Description", "Status in this chapter"], widths, bold=True)
row(pdf, ["86353", "Lymphocyte transformation", "Denied when billed for micronutrient testing"], widths)
row(pdf, ["84999", "Unlisted chemistry procedure", "Denied when billed for micronutrient testing"], widths)
row(pdf, ["82306", "Vitamin D, 25 hydroxy", "Covered when deficiency is suspected"], widths)
pdf.ln(2)
p(pdf, "86353 and 84999 are also billed for ordinary tests; those claims are not affected by this chapter.")

# ---- page 4-3
pdf.add_page()
h(pdf, "Radiology and Imaging")
p(pdf, "Advanced imaging (CT, MRI, PET) requires prior authorization through Glasscourt's radiology benefit "
       "manager. Call 1-888-555-0188 or use the provider portal.")
h(pdf, "Allergy Testing and Treatment")
p(pdf, "The Alcat test is not decided in this chapter; requests are reviewed individually by the Medical "
       "Director.")
h(pdf, "Non-Covered Services")
p(pdf, "The following services are not covered for Glasscourt Medicaid members:")
bullet(pdf, "Services that are experimental or investigational")
bullet(pdf, "Magnetic resonance spectroscopy (MRS), CPT 76390, for any indication")
bullet(pdf, "MRS for discogenic pain, CPT 0609T, 0610T, 0611T and 0612T")
bullet(pdf, "Intracellular micronutrient testing (see Laboratory, page 4-2)")
bullet(pdf, "Cosmetic services (see Chapter 7 for the reconstructive surgery exception)")
pdf.ln(2)
p(pdf, "Providers may not bill Glasscourt Medicaid members for a non-covered service unless the member agreed in "
       "writing, before the service, to pay for it.")

# ---- page 4-4
pdf.add_page()
h(pdf, "Benefit Limit Exceptions")
p(pdf, "For members under 21 years of age, a provider may ask that a non-covered service be reviewed under the "
       "EPSDT benefit. Each request is reviewed individually for medical necessity.")
p(pdf, "A member may appeal a denial by calling Member Relations at 1-888-555-0170 within 60 days of the date on "
       "the denial notice. After the plan's decision, the member may ask for a state fair hearing.")
p(pdf, "Form GC-4417, Benefit Limit Exception Request, is available on the provider portal.")

pdf.output(OUT)
print("wrote", OUT)
