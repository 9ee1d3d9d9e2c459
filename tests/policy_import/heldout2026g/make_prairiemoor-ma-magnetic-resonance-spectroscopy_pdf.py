#!/usr/bin/env python3
# fictional example for development; not a real payer's policy
#
# Generates prairiemoor-ma-magnetic-resonance-spectroscopy.pdf beside this script (fpdf2).
# Prairiemoor Blue Cross and Blue Shield, its plans, policy numbers, dates and people are invented.
# Real: CPT 76390, 0609T-0612T, 70551-70553 and CMS NCD 220.2.1 (MRS, national noncoverage).
# Layout modelled on a Blue Cross and Blue Shield of Nebraska Medicare Advantage policy page
# (title line with "Policy Number M.nn", a second "Policy Number:" label, "Last Updated:", the
# "source of ... medical policy information only" paragraph, "Effective mm/dd/yyyy Version n",
# "Codes Applied to Policy") and on that plan's Medical Policy Update items ("Preauthorization
# Required:", numbered policy statements). Text is paraphrased, not copied.
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "prairiemoor-ma-magnetic-resonance-spectroscopy.pdf")

PAYER = "Prairiemoor Blue Cross and Blue Shield"


class PolicyPDF(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, PAYER + " - Medicare Advantage Medical Policy", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 5, "Magnetic Resonance Spectroscopy (M.42)", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(150, 150, 150)
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-18)
        self.set_font("Helvetica", "", 7)
        self.set_text_color(90, 90, 90)
        self.cell(0, 4, PAYER + " is an independent licensee of the Blue Cross and Blue Shield Association.",
                  new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def para(pdf, text, size=10, style="", h=5, after=2):
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, h, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(after)


def heading(pdf, text, size=12):
    pdf.ln(1)
    pdf.set_font("Helvetica", "B", size)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")


def numbered(pdf, items, size=10):
    pdf.set_font("Helvetica", "", size)
    for i, text in enumerate(items, 1):
        pdf.set_x(pdf.l_margin)
        pdf.cell(7, 5, f"{i}.")
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)


def code_table(pdf, rows):
    pdf.set_font("Helvetica", "B", 9)
    pdf.set_fill_color(225, 231, 238)
    pdf.cell(22, 6, "CPT", border=1, fill=True)
    pdf.cell(0, 6, "Description", border=1, fill=True, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    for code, desc in rows:
        pdf.cell(22, 6, code, border=1)
        pdf.cell(0, 6, desc, border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)


def build():
    pdf = PolicyPDF(format="Letter")
    pdf.set_margins(18, 14, 18)
    pdf.set_auto_page_break(True, margin=22)
    pdf.alias_nb_pages()
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, "Magnetic Resonance Spectroscopy Policy Number M.42", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)
    para(pdf, "Medicare Advantage", size=11, style="B", after=0)
    para(pdf, "Policy Number: MA-R-118", after=0)
    para(pdf, "Last Updated: Oct. 14, 2025", after=3)
    para(pdf, "Medical policies are provided as a source of Prairiemoor Blue Cross and Blue Shield Medicare "
              "Advantage medical policy information only and are not used to determine benefits or "
              "reimbursement. Refer to the member's Evidence of Coverage for benefit information. This policy "
              "may be revised and is subject to change.", size=9, h=4.5, after=3)

    para(pdf, "Policy Number M.42", style="B", after=0)
    para(pdf, "Magnetic Resonance Spectroscopy (Not Covered)", style="B", after=0)
    para(pdf, "Effective 01/01/2026 Version 3", after=3)

    heading(pdf, "Codes Applied to Policy", size=11)
    code_table(pdf, [
        ("76390", "Magnetic resonance spectroscopy"),
        ("0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc, in at least 3 discs"),
        ("0610T", "MRS, discogenic pain; transmission of biomarker data for software analysis"),
        ("0611T", "MRS, discogenic pain; postprocessing for algorithmic analysis of biomarker data"),
        ("0612T", "MRS, discogenic pain; interpretation and report"),
    ])

    para(pdf, "Preauthorization Required: No", style="B", after=2)

    heading(pdf, "Policy Statement")
    numbered(pdf, [
        "Prairiemoor Blue Cross and Blue Shield Medicare Advantage plans follow CMS National Coverage "
        "Determination (NCD) 220.2.1, Magnetic Resonance Spectroscopy.",
        "Magnetic resonance spectroscopy, including MRS of the intervertebral discs for discogenic pain, "
        "is not covered for any indication.",
        "Do not submit a preauthorization request for a service listed in Codes Applied to Policy. "
        "A member or the member's provider may instead request a pre-service organization determination.",
        "Magnetic resonance imaging of the brain performed at the same session (CPT 70551, 70552 or 70553) "
        "is not addressed by this policy. Medicare coverage rules for MRI apply.",
    ])

    heading(pdf, "Applicability")
    para(pdf, "This policy applies to members enrolled in Prairiemoor Blue Medicare Advantage HMO and PPO plans.")
    para(pdf, "For commercial and Federal Employee Program (FEP) members, refer to Medical Policy IV.57 Magnetic "
              "Resonance Spectroscopy. Coverage for those members may differ.")

    heading(pdf, "Description")
    para(pdf, "Magnetic resonance spectroscopy (MRS) is performed on an MRI scanner with additional software. "
              "Instead of an anatomic image it displays a spectrum of chemical compounds, such as "
              "N-acetylaspartate, choline, creatine and lactate, in a selected volume of tissue. MRS has been "
              "proposed for characterizing brain tumors, telling recurrent tumor from radiation necrosis, "
              "evaluating dementia, epilepsy and inherited metabolic disorders, and, using Category III codes, "
              "identifying painful lumbar discs.")

    heading(pdf, "Medicare References")
    para(pdf, "National Coverage Determination (NCD): 220.2.1 Magnetic Resonance Spectroscopy. CMS issued "
              "national noncoverage for all indications in 1994 and reaffirmed it in 2004.", after=1)
    para(pdf, "Local Coverage Determination (LCD): None identified.", after=1)
    para(pdf, "Where an NCD applies, Prairiemoor does not apply internal criteria or commercial medical policy.")

    heading(pdf, "Member Liability")
    para(pdf, "A network provider may not hold a member financially responsible for a non-covered service unless "
              "the member received a written pre-service organization determination denying the service before "
              "it was furnished.")
    para(pdf, "The Advance Beneficiary Notice of Noncoverage (ABN) is an Original Medicare form and is not used "
              "for Medicare Advantage members.")

    heading(pdf, "Version History")
    para(pdf, "Version 3 - Reviewed 09/23/2025 - Effective 01/01/2026 - Annual review; commercial policy "
              "reference updated to IV.57; no change in coverage.", size=9, h=4.5, after=1)
    para(pdf, "Version 2 - Reviewed 09/26/2023 - Effective 01/01/2024 - Category III codes 0609T-0612T added "
              "to Codes Applied to Policy.", size=9, h=4.5, after=1)
    para(pdf, "Version 1 - Reviewed 10/20/2021 - Effective 01/01/2022 - New Medicare Advantage policy "
              "adopting NCD 220.2.1.", size=9, h=4.5, after=1)

    pdf.output(OUT)
    return OUT


if __name__ == "__main__":
    print(build())
