#!/usr/bin/env python3
"""Make hazelmont-medicaid-bulletin-micronutrient-mrs.pdf.

# fictional example for evaluation; not a real payer's policy
The State of Hazelmont, its department, its Medicaid program, the bulletin number, people, phone numbers and
clinical criteria are invented. Layout modelled on the public shape of a state Medicaid policy bulletin
(header block: Bulletin Number / Distribution / Issued / Subject / Effective / Programs Affected; a code table
"Code / Code Description / Comment"; a signed "Approved" block). Criteria are not clinical guidance.
"""
import os
from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hazelmont-medicaid-bulletin-micronutrient-mrs.pdf")


class Bulletin(FPDF):
    def header(self):
        self.set_font("Helvetica", "B", 10)
        self.cell(0, 5, "Hazelmont Department of Health and Human Services", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        self.cell(0, 5, "Medical Services Administration      Bulletin HMA 25-41", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"HMA 25-41      Page {self.page_no()} of {{nb}}", align="C")


def para(pdf, text, style="", size=10, h=5):
    pdf.set_font("Helvetica", style, size)
    pdf.multi_cell(0, h, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def row(pdf, code, desc, comment, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    pdf.cell(18, 6, code + " ", border=1)
    pdf.cell(72, 6, " " + desc + " ", border=1)
    pdf.cell(0, 6, " " + comment, border=1, new_x="LMARGIN", new_y="NEXT")


pdf = Bulletin(format="Letter")
pdf.set_title("Bulletin HMA 25-41")
pdf.set_author("Hazelmont DHHS (fictional)")
pdf.set_subject("fictional example for evaluation; not a real payer's policy")
pdf.set_keywords("fictional example for evaluation; not a real payer's policy")
pdf.alias_nb_pages()
pdf.set_auto_page_break(True, margin=20)
pdf.add_page()

pdf.set_font("Helvetica", "B", 16)
pdf.cell(0, 9, "Bulletin", new_x="LMARGIN", new_y="NEXT")
pdf.ln(1)
for label, value in [
    ("Bulletin Number:", "HMA 25-41"),
    ("Distribution:", "Practitioners, Independent Laboratories, Outpatient Hospitals, Medicaid Health Plans"),
    ("Issued:", "November 14, 2025"),
    ("Subject:", "Intracellular Micronutrient Testing; Magnetic Resonance Spectroscopy"),
    ("Effective:", "January 1, 2026 (unless otherwise indicated)"),
    ("Programs Affected:", "Hazelmont Medicaid, Healthy Hazelmont Plan, Children's Special Health Care Services"),
]:
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(38, 6, label)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 6, value, new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)

para(pdf, "Purpose", "B", 11)
para(pdf, "This bulletin tells providers how Hazelmont Medicaid will handle claims for intracellular micronutrient "
     "testing and for magnetic resonance spectroscopy (MRS). It follows Proposed Policy Project 2531-LAB, which was "
     "distributed for public comment on August 4, 2025. The policy applies to fee-for-service claims and to the "
     "Medicaid Health Plans (MHPs) that serve Hazelmont Medicaid beneficiaries.")

para(pdf, "I. Intracellular Micronutrient Testing", "B", 11)
para(pdf, "Intracellular micronutrient testing measures vitamins, minerals, antioxidants or other nutrients inside "
     "white blood cells or epithelial cells rather than in serum or whole blood. Tests sold under this description "
     "include the SpectraCell Laboratories Micronutrient Test, the IntraCellular Diagnostics ExaTest and the Cell "
     "Science Systems cellular micronutrient assay (CMA).")
para(pdf, "Hazelmont Medicaid does not cover intracellular micronutrient testing for any diagnosis or indication. "
     "Medically necessary indications: none.")
para(pdf, "Food sensitivity panels (for example the Alcat test from Cell Science Systems) are not micronutrient tests; "
     "they remain under bulletin HMA 24-17 and are not changed by this bulletin.")
para(pdf, "A single serum or whole blood test of one nutrient (for example vitamin B-12, 82607, or 25-hydroxy "
     "vitamin D, 82306) remains a covered laboratory service when the beneficiary's documented condition supports it. "
     "This bulletin does not change the coverage of those single tests.")
para(pdf, "For beneficiaries under age 21, a provider may ask for individual consideration of any service under the "
     "Early and Periodic Screening, Diagnostic and Treatment (EPSDT) benefit by submitting a prior authorization "
     "request with form HZ-5623. Such a request is reviewed case by case; this paragraph is not a coverage rule for "
     "intracellular micronutrient testing.")

para(pdf, "II. Magnetic Resonance Spectroscopy", "B", 11)
para(pdf, "Editorial note (fictional example): the MRS criteria below were invented for software testing and are not "
     "clinical guidance.", "I", 9)
para(pdf, "Effective for dates of service on and after March 1, 2026, proton MRS of the brain (76390) is covered with "
     "prior authorization for a beneficiary under age 21 when an inborn error of metabolism is suspected and the "
     "result will direct further testing or treatment.")
para(pdf, "MRS is not covered for any other indication. MRS of the intervertebral discs for discogenic pain "
     "(0609T, 0610T, 0611T, 0612T) is not covered for any beneficiary.")
para(pdf, "For beneficiaries who also have Medicare, Medicare is primary. Providers may also wish to review Medicare "
     "National Coverage Determination (NCD) 220.2.1, Magnetic Resonance Spectroscopy, which was last reaffirmed in "
     "2004.")

para(pdf, "III. Beneficiary Liability", "B", 11)
para(pdf, "Providers may not bill a beneficiary for a service that Hazelmont Medicaid denies under this bulletin unless "
     "the beneficiary agreed in writing, before the service, to pay for it as a noncovered service. A beneficiary may "
     "request a fair hearing after an adverse action by the Department or an MHP.")

para(pdf, "Basis for the Policy", "B", 11)
para(pdf, "The Department reviewed the published evidence on intracellular micronutrient testing and found no study "
     "showing that the results change treatment or improve health outcomes compared with standard serum testing. "
     "Laboratories that sell these tests describe them as research or wellness tools. The MRS coverage in Section II "
     "reflects advice from the Department's Pediatric Imaging Advisory Panel, meeting of September 9, 2025.")
para(pdf, "Prior Authorization Documentation for MRS", "B", 11)
para(pdf, "A prior authorization request for 76390 must include:\n"
     "1. the clinical notes describing the suspected inborn error of metabolism (for example developmental delay or "
     "regression, seizures, or hypotonia without another explanation);\n"
     "2. the report of the conventional brain MRI, or the plan to perform it at the same session;\n"
     "3. the plan for further biochemical or genetic testing or treatment that the result will direct; and\n"
     "4. the name of the ordering pediatric neurologist, geneticist or metabolic specialist.")
para(pdf, "Requests are reviewed within the time frames in the Practitioner chapter of the Hazelmont Medicaid Provider "
     "Manual. An approval is valid for one study within 90 days of the approval date.")
para(pdf, "Medicaid Health Plans", "B", 11)
para(pdf, "MHPs must apply the coverage described in this bulletin at least as generously as fee-for-service Medicaid. "
     "An MHP may use its own prior authorization process for 76390 but may not add criteria that are more "
     "restrictive than those in Section II. MHPs must not pay intracellular micronutrient testing as a covered "
     "benefit and must not count it toward any supplemental or value-added benefit.")
para(pdf, "Fee-for-service claims for services addressed in this bulletin are processed through the Department's "
     "claims system. Claims from MHP network providers are submitted to the MHP. Providers with questions about a "
     "particular MHP's process should contact that MHP.")
para(pdf, "Public Comment", "B", 11)
para(pdf, "The Department received eleven comments on Proposed Policy Project 2531-LAB. Two laboratories asked the "
     "Department to cover intracellular micronutrient testing for beneficiaries with malabsorption. The Department "
     "did not make that change: serum and whole blood tests of the specific nutrient remain covered for those "
     "beneficiaries, and the evidence did not show that intracellular results add to them. Three pediatric "
     "commenters asked that MRS be covered for suspected inborn errors of metabolism; Section II was added in "
     "response. One commenter asked whether the bulletin changes coverage of brain MRI. It does not.")
para(pdf, "Related bulletins: HMA 24-17 (Food Sensitivity and Allergy Testing); HMA 23-08 (Laboratory Services "
     "Updates). A consultation summary is available on request.")
para(pdf, "IV. Coding", "B", 11)
para(pdf, "The codes below are listed to help providers bill correctly. The Comment column states how each code is "
     "handled under this bulletin.")

row(pdf, "Code", "Code Description", "Comment", bold=True)
row(pdf, "84999", "Unlisted chemistry procedure", "Not payable when billed for intracellular micronutrient testing")
row(pdf, "86353", "Lymphocyte transformation, mitogen or antigen", "Not payable when billed for intracellular micronutrient testing")
row(pdf, "88348", "Electron microscopy, diagnostic", "Not payable when billed for buccal cell micronutrient analysis")
row(pdf, "82607", "Vitamin B-12 (cyanocobalamin)", "No change; single test remains covered")
row(pdf, "82306", "Vitamin D, 25-hydroxy", "No change; single test remains covered")
row(pdf, "76390", "Magnetic resonance spectroscopy", "Prior authorization required; criteria in Section II")
row(pdf, "0609T", "MRS, discogenic pain; acquisition of data", "Noncovered")
row(pdf, "0610T", "MRS, discogenic pain; transmission of data", "Noncovered")
row(pdf, "0611T", "MRS, discogenic pain; postprocessing", "Noncovered")
row(pdf, "0612T", "MRS, discogenic pain; interpretation and report", "Noncovered")
pdf.ln(3)
para(pdf, "CPT codes and descriptions only are copyright 2025 American Medical Association. All rights reserved.", "", 8)

para(pdf, "Manual Maintenance", "B", 11)
para(pdf, "Retain this bulletin until the information is incorporated into the Laboratory and Medical Imaging chapters "
     "of the Hazelmont Medicaid Provider Manual.")

para(pdf, "Questions", "B", 11)
para(pdf, "Any questions regarding this bulletin should be directed to Provider Inquiry, Hazelmont Department of Health "
     "and Human Services, P.O. Box 30012, Hazelmont City, or by phone at 1-800-555-0142. Providers should contact "
     "the Program Review Division at 1-800-555-0147 for prior authorization.")

para(pdf, "Approved", "B", 11)
para(pdf, "Renata Okonjo-Vail, Director\nMedical Services Administration")

pdf.output(OUT)
print("wrote", OUT)
