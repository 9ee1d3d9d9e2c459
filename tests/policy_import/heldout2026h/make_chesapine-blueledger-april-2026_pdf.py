# fictional example for development; not a real payer's policy
#
# Builds chesapine-blueledger-april-2026.pdf with fpdf2: a provider newsletter issue whose policy-update
# article announces several medical policy changes (MRS and intracellular micronutrient analysis among them).
# Layout imitates a public CareFirst BlueCross BlueShield "BlueLink" provider newsletter issue (masthead with
# month / volume / issue, a "What's Happening?" contents list, the "Medical Policy Effective Dates, CPT Codes
# and Policy Updates" and "New Medical Technology Updates" articles, provider reminders, and the shared-business-
# name boilerplate). Every payer, plan, newsletter name, policy number and date here is invented. Real: CPT codes,
# SpectraCell Laboratories, IntraCellular Diagnostics (ExaTest), Vibrant America (Vibrant Micronutrients),
# Aclarion (Nociscan). Criteria are outlines of public policies, not clinical guidance.
#
# usage: python3 make_chesapine-blueledger-april-2026_pdf.py  (writes the PDF beside this script)
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "chesapine-blueledger-april-2026.pdf")
ISSUE = "April 2026 | Volume 28 | Issue 2"
NAVY = (0, 51, 102)


class Newsletter(FPDF):
    def header(self):
        if self.page_no() == 1:
            return
        self.set_font("Helvetica", "B", 9)
        self.set_text_color(*NAVY)
        self.cell(0, 5, "BlueLedger", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 8.5)
        self.cell(0, 4, ISSUE, new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*NAVY)
        self.line(self.l_margin, self.get_y() + 1, self.l_margin + self.epw, self.get_y() + 1)
        self.set_text_color(0, 0, 0)
        self.ln(5)

    def footer(self):
        self.set_y(-13)
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, f"{self.page_no()}", align="R")
        self.set_text_color(0, 0, 0)


pdf = Newsletter(format="letter")
pdf.set_margins(20, 16, 20)
pdf.set_auto_page_break(True, margin=20)


def h1(t):
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 13)
    pdf.set_text_color(*NAVY)
    pdf.multi_cell(0, 6.5, t, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1.5)


def h2(t):
    pdf.ln(1.5)
    pdf.set_font("Helvetica", "B", 10.5)
    pdf.multi_cell(0, 5.5, t, new_x="LMARGIN", new_y="NEXT")


def para(t, style="", size=10, indent=0):
    pdf.set_font("Helvetica", style, size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(pdf.epw - indent, 5, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.2)


def bullet(t, indent=4):
    pdf.set_font("Helvetica", "", 10)
    pdf.set_x(pdf.l_margin + indent)
    pdf.cell(5, 5, "\x95")
    pdf.multi_cell(pdf.epw - indent - 5, 5, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(0.6)


def item(title, status, effective, lines):
    pdf.ln(1)
    pdf.set_font("Helvetica", "B", 10.5)
    pdf.set_text_color(*NAVY)
    pdf.multi_cell(0, 5.5, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("Helvetica", "", 9.5)
    pdf.cell(0, 5, f"Status: {status}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 5, f"Effective: {effective}", new_x="LMARGIN", new_y="NEXT")
    for ln in lines:
        para(ln, indent=4)


# --- page 1: masthead and contents ------------------------------------------------------------------
pdf.add_page()
pdf.set_fill_color(*NAVY)
pdf.rect(0, 0, pdf.w, 38, style="F")
pdf.set_text_color(255, 255, 255)
pdf.set_xy(pdf.l_margin, 9)
pdf.set_font("Helvetica", "B", 30)
pdf.cell(0, 12, "BlueLedger", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 11)
pdf.cell(0, 6, ISSUE, new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "I", 9)
pdf.cell(0, 5, "Provider news from Chesapine BlueCross BlueShield", new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(0, 0, 0)
pdf.set_y(46)

pdf.set_font("Helvetica", "B", 15)
pdf.set_text_color(*NAVY)
pdf.cell(0, 8, "What's Happening?", new_x="LMARGIN", new_y="NEXT")
pdf.set_text_color(0, 0, 0)
for t in ["Medical Policy Effective Dates, Current Procedural Terminology (CPT\xae) Codes and Policy Updates for April",
          "New Medical Technology Updates for April",
          "Provider Reminders",
          "Vitamin D Testing: Screening Is Not Medically Necessary",
          "Remember to Request a Prior Authorization for Genetic Tests",
          "In Case You Missed It",
          "The Medical Policy Reference Manual Has Moved to the Provider Portal"]:
    bullet(t)
pdf.ln(4)

# --- article 1 ---------------------------------------------------------------------------------------
h1("Medical Policy Effective Dates, Current Procedural Terminology (CPT\xae) Codes and Policy Updates for April")
para("Chesapine regularly reviews its medical policies against the current medical literature and national "
     "guidance. The Medical Policy Committee approved the changes below on February 11, 2026. "
     "The policies below are effective April 20, 2026, unless otherwise noted. "
     "Complete policies are posted in the Medical Policy Reference Manual on the provider portal.")
h2("Who these updates apply to")
para("The policy updates in this article apply to Chesapine commercial members, including fully insured and "
     "self-insured (ASO) groups.")
para("They do not apply to Federal Employee Program (FEP) members, who follow the FEP Medical Policy Manual.")
para("They do not apply to Chesapine Medicare Advantage members, whose coverage follows the Medicare Medical "
     "Policy Guidelines, which are based on NCDs and LCDs when available.")
para("Where no NCD or LCD exists, Chesapine Medicare Advantage applies industry-standard criteria and Chesapine "
     "medical policies.")
para("Chesapine Community Health Plan (Medicaid) announces its policy changes separately.")

h2("Medical policy updates")
item("Magnetic Resonance Spectroscopy (MRS) - Policy 6.01.044", "Revised", "July 1, 2026", [
    "MRS of the brain may be considered medically necessary, when the criteria in the policy are met, to "
    "distinguish recurrent or residual brain tumor from radiation necrosis, or to evaluate a suspected inborn "
    "error of metabolism in a member younger than 18.",
    "MRS remains experimental/investigational for all other indications, including MRS for discogenic pain "
    "(CPT 0609T, 0610T, 0611T and 0612T).",
    "Beginning July 1, 2026, prior authorization is required for CPT 76390 through the radiology benefit manager.",
])
item("Intracellular Micronutrient Analysis - Policy 2.04.180", "Reviewed; no change to policy statement",
     "April 20, 2026", [
    "Intracellular micronutrient analysis (e.g., SpectraCell Laboratories Micronutrient Test; ExaTest, "
    "IntraCellular Diagnostics) remains experimental/investigational for all indications.",
    "Vibrant Micronutrients (Vibrant America) was added to the policy as an example.",
    "Claims for CPT 86353 or 84999 are denied when the records show they were billed for intracellular "
    "micronutrient analysis; both codes remain payable for other tests.",
])
item("Functional Magnetic Resonance Imaging (fMRI) of the Brain - Policy 6.01.052", "Title change only",
     "April 20, 2026", [
    "Title changed from Functional MRI. References updated. No change to policy statement.",
])
item("Salivary Hormone Testing - Policy 2.04.163", "New", "April 20, 2026", [
    "Measurement of estradiol, progesterone or testosterone in saliva to screen for, diagnose or monitor "
    "menopause, andropause or other hormone imbalance is considered experimental/investigational.",
    "Late-night salivary cortisol testing for suspected Cushing syndrome is not addressed by this policy.",
])

# --- article 2 ---------------------------------------------------------------------------------------
h1("New Medical Technology Updates for April")
para("Each quarter, the Medical Policy Committee reviews new medical technologies that providers and "
     "manufacturers bring to our attention. The technologies below were reviewed and are considered "
     "experimental/investigational. Services considered experimental/investigational are excluded from coverage "
     "under Chesapine commercial contracts.")
bullet("Nociscan (Aclarion, Inc.): MR spectroscopy postprocessing of lumbar discs for discogenic low back pain, "
       "reported with CPT 0609T-0612T. Addressed in Medical Policy 6.01.044.")
bullet("Vibrant Micronutrients (Vibrant America): intracellular and extracellular micronutrient panel. Addressed in "
       "Medical Policy 2.04.180.")
pdf.ln(2)

# --- article 3 ---------------------------------------------------------------------------------------
h1("Provider Reminders")
h2("Vitamin D Testing: Screening Is Not Medically Necessary")
para("Chesapine Medical Policy 2.01.210, Vitamin D Testing, considers 25-hydroxyvitamin D testing (CPT 82306) "
     "medically necessary for members with a condition listed in the policy, such as chronic kidney disease, "
     "malabsorption, osteoporosis or long-term anticonvulsant therapy. "
     "Testing to screen members who have none of the listed conditions is not medically necessary.")
para("1,25-dihydroxyvitamin D (CPT 82652) does not measure vitamin D status. "
     "Claims for CPT 82652 submitted with a diagnosis of vitamin D deficiency alone will be denied.")
h2("Remember to Request a Prior Authorization for Genetic Tests")
para("Most genetic tests for commercial members require prior authorization. Submit the request through the "
     "provider portal before the specimen is collected.")

# --- article 4 ---------------------------------------------------------------------------------------
h1("In Case You Missed It")
h2("The Medical Policy Reference Manual Has Moved to the Provider Portal")
para("Since March 2, 2026, medical policies, operating procedures and the Medicare Medical Policy Guidelines are "
     "available only on the provider portal. Bookmarks to the former medical policy pages no longer work.")

pdf.ln(4)
pdf.set_draw_color(150, 150, 150)
pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
pdf.ln(2)
para("Chesapine BlueCross BlueShield is the shared business name of Chesapine Health Services, Inc. and Tidewater "
     "Hospital Service Corporation, independent licensees of the Blue Cross and Blue Shield Association. The Blue "
     "Cross and Blue Shield names and symbols are registered marks of the Blue Cross and Blue Shield Association. "
     "CPT\xae is a registered trademark of the American Medical Association.", size=7.5)

pdf.output(OUT)
print("wrote", OUT)
