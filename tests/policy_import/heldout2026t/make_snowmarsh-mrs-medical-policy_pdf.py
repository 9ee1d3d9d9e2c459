#!/usr/bin/env python3
"""Build snowmarsh-mrs-medical-policy.pdf.

FICTIONAL EXAMPLE FOR TESTING; NOT A REAL PAYER'S POLICY. Snowmarsh Health Plan, its products, policy
numbers, people and dates are invented. The CPT codes and CMS NCD 220.2.1 are real. Nothing inside the
PDF marks it fictional (the brief asks for the marker here, in the script, only).

Layout modelled on UCare's published medical/coverage policies as described by
https://home.ucare.org/en-us/providers/ucare-medical-policies-disclaimer/ and
https://www.ucare.org/providers/policies-resources/coverage-policies-disclaimer (product section,
two-year review cycle) and the product table of
https://www.ucare.org/providers/provider-news/provider-faq-ucare-product-changes .

usage: python make_snowmarsh-mrs-medical-policy_pdf.py
"""
import os

from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "snowmarsh-mrs-medical-policy.pdf")


class Policy(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 9)
        self.cell(0, 5, "Snowmarsh Health Plan | Medical Policy", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Magnetic Resonance Spectroscopy | Policy Number: MP-R-118", new_x="LMARGIN", new_y="NEXT")
        self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, "Medical policy template MPT-04 (rev. 2024). Printed copies are uncontrolled.",
                  new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}")


def h(pdf, text):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def para(pdf, text):
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def row(pdf, cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    for c, w in zip(cells, widths):
        pdf.cell(w, 6, c, border=1)
    pdf.ln(6)


pdf = Policy(format="Letter")
pdf.alias_nb_pages()
pdf.set_margins(18, 15, 18)
pdf.set_auto_page_break(True, 20)
pdf.add_page()

pdf.set_font("Helvetica", "B", 15)
pdf.cell(0, 9, "Magnetic Resonance Spectroscopy", new_x="LMARGIN", new_y="NEXT")
pdf.set_font("Helvetica", "", 10)
for line in [
    "Policy Number: MP-R-118",
    "Original Effective Date: 06/01/2019",
    "Revised Effective Date: 02/01/2026",
    "Medical Policy Committee Approval: 11/19/2025",
    "Next Review Due: 11/2027",
    "Prior Authorization: Not applicable (service is not covered)",
]:
    pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")

h(pdf, "Products")
para(pdf, "This policy applies to the Snowmarsh products marked Yes below.")
W = [92, 22, 60]
row(pdf, ["Product", "Applies", "Notes"], W, bold=True)
row(pdf, ["Snowmarsh Individual & Family Plans", "Yes", "Commercial"], W)
row(pdf, ["Snowmarsh Families and Children (PMAP)", "Yes", "Medical Assistance (Medicaid)"], W)
row(pdf, ["Snowmarsh Connect (Special Needs BasicCare)", "Yes", "Medical Assistance (Medicaid)"], W)
row(pdf, ["Snowmarsh Medicare Advantage (HMO-POS)", "Yes", "Follows NCD 220.2.1"], W)
row(pdf, ["Snowmarsh Medicare Supplement", "No", "Original Medicare decides coverage"], W)
pdf.ln(2)

h(pdf, "Policy")
para(pdf, "Individual & Family Plans and Medical Assistance products: Magnetic resonance spectroscopy (MRS) "
          "is considered experimental/investigational and is not covered for any indication, including "
          "brain tumors, dementia, epilepsy, multiple sclerosis, prostate cancer and discogenic back pain.")
para(pdf, "Medically necessary indications: None.")
para(pdf, "Medicare Advantage: For Snowmarsh Medicare Advantage members, Snowmarsh follows National Coverage "
          "Determination (NCD) 220.2.1, Magnetic Resonance Spectroscopy. Under the NCD, MRS is not covered "
          "for any indication. CMS first decided national noncoverage in 1994 and reaffirmed it in 2004.")
para(pdf, "Intracellular micronutrient testing (for example the SpectraCell Laboratories Micronutrient Test) "
          "is addressed in Medical Policy MP-L-044, Nutritional Laboratory Testing, and is not addressed in "
          "this policy.")

h(pdf, "Background")
para(pdf, "MRS is performed on an MRI scanner with added software. Instead of an image, it reports the "
          "relative amounts of chemicals such as N-acetylaspartate, choline, creatine and lactate in a small "
          "volume of tissue. A set of Category III codes describes MRS of the intervertebral discs for "
          "discogenic pain, in which biomarker data are sent to a vendor for algorithmic analysis.")

h(pdf, "Rationale")
para(pdf, "Published studies have not shown that MRS results change management or improve health outcomes "
          "compared with conventional MRI alone for any indication reviewed.")

h(pdf, "Coding")
para(pdf, "The codes below are listed for reference to the services this policy addresses. Listing a code "
          "does not guarantee payment.")
W2 = [22, 112, 40]
row(pdf, ["Code", "Description", "Status"], W2, bold=True)
row(pdf, ["76390", "Magnetic resonance spectroscopy", "Not covered"], W2)
row(pdf, ["0609T", "MRS, discogenic pain; acquisition of single voxel data", "Not covered"], W2)
row(pdf, ["0610T", "MRS, discogenic pain; transmission of biomarker data", "Not covered"], W2)
row(pdf, ["0611T", "MRS, discogenic pain; postprocessing of biomarker data", "Not covered"], W2)
row(pdf, ["0612T", "MRS, discogenic pain; interpretation and report", "Not covered"], W2)
pdf.ln(2)
para(pdf, "ICD-10 diagnosis codes: N/A. This policy applies regardless of diagnosis.")
para(pdf, "A brain MRI performed at the same session (for example CPT 70553) is a separate service and is "
          "reviewed under the Snowmarsh advanced imaging program.")

h(pdf, "Member Liability and Appeals")
para(pdf, "Network providers may not bill Medical Assistance members for MRS denied under this policy. "
          "Individual & Family Plan members may be billed only if they agreed in writing, before the "
          "service, to pay for a service that Snowmarsh does not cover.")
para(pdf, "A member or provider who disagrees with a denial may file an appeal as described in the member's "
          "Evidence of Coverage or Member Handbook.")

h(pdf, "Policy History")
W3 = [26, 148]
row(pdf, ["Date", "Action"], W3, bold=True)
row(pdf, ["06/01/2019", "New policy. MRS experimental/investigational."], W3)
row(pdf, ["11/18/2021", "Reviewed. No change in position."], W3)
row(pdf, ["11/16/2023", "Reviewed. Category III codes 0609T-0612T added."], W3)
row(pdf, ["11/19/2025", "Reviewed. Medicare Advantage and Medicare Supplement rows added."], W3)
pdf.ln(2)
para(pdf, "Medical policies are reviewed every two years and may be reviewed sooner if new evidence becomes "
          "available. The member's plan document governs if it differs from this policy.")

pdf.output(OUT)
print("wrote", OUT)
