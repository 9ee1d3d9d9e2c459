#!/usr/bin/env python3
# Fictional example for development; not a real payer's policy.
# Builds sweetgum-provider-manual-mr-spectroscopy.pdf: an excerpt of a commercial health plan's provider manual,
# its layout modelled on the Alliant Health Plans (Georgia) provider manual (cover, table of contents, "-N-" page
# numbers, Introduction / Disclaimer / Key Term, Coverage Guidelines, Claim Edits, Member Liability,
# Non-Medically Necessary Services, appeals). Sweetgum Health Plans, its plan names, phone numbers, dates and the
# clinical criteria are invented (not clinical guidance). Real: CPT codes 76390, 0609T-0612T, 70551-70553.
# Run with: /work/venvs/author-O/bin/python make_sweetgum-provider-manual-mr-spectroscopy_pdf.py
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sweetgum-provider-manual-mr-spectroscopy.pdf")


class Manual(FPDF):
    def header(self):
        if self.page_no() > 1:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 5, "Sweetgum Health Plans | 2026 Provider Manual", new_x="LMARGIN", new_y="NEXT", align="R")
            self.ln(2)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"-{self.page_no()}-", align="C", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "Revised 03/2026", align="R")


pdf = Manual(format="Letter")
pdf.set_auto_page_break(True, margin=20)
pdf.set_margins(20, 15, 20)


def h1(t):
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def h2(t):
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, t, new_x="LMARGIN", new_y="NEXT")


def para(t):
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def table(rows, widths):
    for i, r in enumerate(rows):
        pdf.set_font("Helvetica", "B" if i == 0 else "", 9)
        for txt, w in zip(r, widths):
            pdf.cell(w, 6, txt, border=1)
        pdf.ln(6)
    pdf.ln(3)


# cover
pdf.add_page()
pdf.ln(50)
pdf.set_font("Helvetica", "B", 26)
pdf.cell(0, 14, "2026 Provider Manual", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 16)
pdf.cell(0, 10, "Sweetgum Health Plans", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.ln(8)
pdf.set_font("Helvetica", "", 11)
pdf.cell(0, 7, "Effective January 1, 2026", align="C", new_x="LMARGIN", new_y="NEXT")
pdf.cell(0, 7, "Excerpt: Coverage Guidelines and Member Liability", align="C", new_x="LMARGIN", new_y="NEXT")

# table of contents
pdf.add_page()
h1("Table of Contents")
pdf.set_font("Helvetica", "", 10)
for name, pg in [("Introduction", 3), ("Provider Manual", 3), ("Disclaimer", 3), ("Key Term", 3),
                 ("Coverage Guidelines", 4), ("Experimental and Investigational Services", 4),
                 ("Magnetic Resonance Spectroscopy", 4), ("Claim Edits", 5), ("Member Liability", 5),
                 ("Non-Medically Necessary Services", 5), ("Medical Plan and Policy Denials", 5),
                 ("Manual Revision History", 6)]:
    pdf.cell(150, 6, name + " " + "." * (60 - len(name)))
    pdf.cell(0, 6, str(pg), align="R", new_x="LMARGIN", new_y="NEXT")

# introduction
pdf.add_page()
h1("Introduction")
para("For over 20 years, Sweetgum Health Plans has been a leading provider of health care insurance in Georgia. "
     "Our not-for-profit company was founded by health care providers to focus on the overall health and "
     "well-being of the members we serve. Sweetgum Health Plans is a licensed Provider Sponsored Health Care "
     "Corporation (PSHCC). Sweetgum offers health plans for businesses and individuals.")
h2("Provider Manual")
para("This manual was developed as a guide to assist providers with daily operations when caring for members of "
     "Sweetgum group plans, Sweetgum individual plans offered on and off the Health Insurance Marketplace, and "
     "self-funded employer plans administered by Sweetgum.")
para("Members of Sweetgum Senior Advantage (HMO), our Medicare Advantage plan, are served under the separate "
     "Sweetgum Senior Advantage Provider Manual; the coverage guidelines in this manual do not apply to them.")
h2("Disclaimer")
para("This manual is not a contract and does not guarantee coverage or payment. Benefits are determined by the "
     "member's Certificate of Coverage or Summary Plan Description in effect on the date of service. In the event "
     "of a conflict between this manual and the member's Certificate of Coverage, the Certificate of Coverage "
     "governs.")
h2("Key Term")
para("Throughout this manual, \"Sweetgum\" or \"the Plan\" means Sweetgum Health Plans, Inc.")

# coverage guidelines
pdf.add_page()
h1("Coverage Guidelines")
h2("Experimental and Investigational Services")
para("Sweetgum does not cover services that are experimental or investigational as defined in the member's "
     "Certificate of Coverage. A service is investigational when the published, peer-reviewed evidence does not "
     "show that it improves health outcomes as much as established alternatives.")
h2("Magnetic Resonance Spectroscopy")
para("Effective for dates of service on or after April 1, 2026, the following applies to magnetic resonance "
     "spectroscopy (MRS).")
para("Proton MRS of the brain may be approved with pre-certification for a member under 18 years of age with a "
     "suspected inborn error of metabolism (for example, a mitochondrial disorder or creatine deficiency) when a "
     "standard brain MRI has not established the diagnosis.")
para("MRS for all other indications, including brain tumors, multiple sclerosis, dementia, and discogenic or low "
     "back pain, is considered investigational and is not covered.")
para("Medical Policy Committee approval: 02/24/2026")
table([("Code", "Description", "Status"),
       ("76390", "Magnetic resonance spectroscopy", "Pre-certification required"),
       ("0609T", "MRS, discogenic pain; acquisition of data", "Investigational; not covered"),
       ("0610T", "MRS, discogenic pain; transmission of data", "Investigational; not covered"),
       ("0611T", "MRS, discogenic pain; postprocessing", "Investigational; not covered"),
       ("0612T", "MRS, discogenic pain; interpretation and report", "Investigational; not covered")],
      (20, 85, 65))
para("Brain MRI codes 70551, 70552 and 70553 are listed for reference only. A brain MRI performed at the same "
     "session is reviewed under the Plan's advanced imaging pre-certification program and is not denied because "
     "MRS was performed.")
para("To request pre-certification, submit the request on the provider portal or call Sweetgum Medical Management "
     "at (555) 010-0162.")

# claims
pdf.add_page()
h1("Claim Edits")
para("Sweetgum uses claim editing software to apply national correct coding edits, medically unlikely edits and "
     "Plan payment policies. Claims for codes that are not covered under this manual will deny at the line level.")
h2("Member Liability")
para("Members are responsible only for their deductible, copayment and coinsurance for covered services.")
h2("Non-Medically Necessary Services")
para("A provider may not bill a member for a service denied as not medically necessary or investigational unless "
     "the member signed a written waiver before the service was rendered that names the specific service and its "
     "estimated cost.")
h2("Medical Plan and Policy Denials")
para("A provider who disagrees with a denial may submit a First-Level Appeal in writing within 180 days of the "
     "date of the denial notice, with the medical records that support the request.")

# history
pdf.add_page()
h1("Manual Revision History")
table([("Date", "Section", "Description"),
       ("10/2025", "All sections", "Annual review of manual"),
       ("02/2026", "Magnetic Resonance Spectroscopy", "New section added"),
       ("03/2026", "Claim Edits", "Wording clarified")],
      (25, 65, 80))
pdf.set_font("Helvetica", "", 8)
pdf.multi_cell(0, 4, "CPT codes, descriptions and other data only are copyright 2025 American Medical Association. "
               "All rights reserved. (c) 2026 Sweetgum Health Plans, Inc.", new_x="LMARGIN", new_y="NEXT")

pdf.output(OUT)
print(OUT)
