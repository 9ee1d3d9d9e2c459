#!/usr/bin/env python3
# FICTIONAL EXAMPLE FOR DEVELOPMENT; NOT A REAL PAYER'S POLICY.
#
# Builds tarnbrook-medicaid-magnetic-resonance-spectroscopy.pdf, a fictional state Medicaid "clinical coverage
# policy" laid out like the North Carolina Medicaid clinical coverage policies (running header with the program,
# the policy title, "Clinical Coverage Policy No:" and "Amended Date:", numbered sections 1.0-8.0, EPSDT
# subsections, a program for children beside Medicaid, Attachment A: Claims-Related Information).
# Invented: Tarnbrook, its Medicaid and KidsCare programs, the policy number 1K-12 and 1K-7, every date,
# every name, the web address and the coverage criteria (not clinical guidance).
# Real: CPT 76390, 0609T-0612T, 70551-70553; CMS NCD 220.2.1 (national noncoverage of MRS); 42 U.S.C. 1396d(r).
# The PDF itself carries no fictional marker (the answer key and AUTHOR_NOTES say so).
#
# usage: /work/venvs/author-K/bin/python make_tarnbrook-medicaid-magnetic-resonance-spectroscopy_pdf.py
import os
from fpdf import FPDF

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "tarnbrook-medicaid-magnetic-resonance-spectroscopy.pdf")

TITLE = "Magnetic Resonance Spectroscopy"
AMENDED = "Amended Date: October 1, 2026"


class Policy(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 9)
        self.cell(95, 4.5, "Tarnbrook Medicaid", new_x="RIGHT", new_y="TOP")
        self.cell(0, 4.5, TITLE, align="R", new_x="LMARGIN", new_y="NEXT")
        self.cell(95, 4.5, "Medicaid and KidsCare", new_x="RIGHT", new_y="TOP")
        self.cell(0, 4.5, "Clinical Coverage Policy No: 1K-12", align="R", new_x="LMARGIN", new_y="NEXT")
        self.cell(95, 4.5, "", new_x="RIGHT", new_y="TOP")
        self.cell(0, 4.5, AMENDED, align="R", new_x="LMARGIN", new_y="NEXT")
        self.line(self.l_margin, self.get_y() + 1, self.w - self.r_margin, self.get_y() + 1)
        self.ln(5)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(95, 4, "26J4", new_x="RIGHT", new_y="TOP")
        self.cell(0, 4, f"{self.page_no()}", align="R")


pdf = Policy(format="Letter")
pdf.set_margins(20, 15, 20)
pdf.set_auto_page_break(True, margin=20)
W = 0  # full width


def h1(t):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(W, 5.5, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def h2(t):
    pdf.set_font("Helvetica", "B", 10)
    pdf.multi_cell(W, 5, t, new_x="LMARGIN", new_y="NEXT")


def p(t, indent=0, style=""):
    pdf.set_font("Helvetica", style, 10)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(W, 5, t, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def row(cells, widths, bold=False):
    pdf.set_font("Helvetica", "B" if bold else "", 9)
    h = 5
    # compute lines needed per cell
    lines = [len(pdf.multi_cell(w, h, c, dry_run=True, output="LINES")) for c, w in zip(cells, widths)]
    height = h * max(lines)
    if pdf.get_y() + height > pdf.h - 22:
        pdf.add_page()
    x0, y0 = pdf.get_x(), pdf.get_y()
    x = x0
    for c, w in zip(cells, widths):
        pdf.set_xy(x, y0)
        pdf.multi_cell(w, h, c, border=0)
        pdf.rect(x, y0, w, height)
        x += w
    pdf.set_xy(x0, y0 + height)


# ---------------- page 1: cover, TOC ----------------
pdf.add_page()
pdf.set_font("Helvetica", "B", 10)
pdf.multi_cell(W, 5, "To all beneficiaries enrolled in a Prepaid Health Plan (PHP):", new_x="LMARGIN", new_y="NEXT")
p("For questions about benefits and services available on or after implementation, please contact your PHP.")
h1("Table of Contents")
toc = [
    ("Related Clinical Coverage Policies", "1"),
    ("1.0 Description of the Procedure, Product, or Service", "1"),
    ("2.0 Eligibility Requirements", "1"),
    ("3.0 When the Procedure, Product, or Service Is Covered", "2"),
    ("4.0 When the Procedure, Product, or Service Is Not Covered", "3"),
    ("5.0 Requirements for and Limitations on Coverage", "3"),
    ("6.0 Provider(s) Eligible to Bill for the Procedure, Product, or Service", "4"),
    ("7.0 Additional Requirements", "4"),
    ("8.0 Policy Implementation and History", "4"),
    ("Attachment A: Claims-Related Information", "5"),
]
pdf.set_font("Helvetica", "", 10)
for name, pg in toc:
    pdf.cell(150, 5, name + " " + "." * max(3, 70 - len(name)), new_x="RIGHT", new_y="TOP")
    pdf.cell(0, 5, pg, align="R", new_x="LMARGIN", new_y="NEXT")
pdf.ln(3)

h1("Related Clinical Coverage Policies")
p("Refer to https://medicaid.tarnbrook.example/providers/clinical-coverage-policies for the related coverage "
  "policies listed below:")
p("1K-7, Prior Approval for Imaging Services", indent=8)

h1("1.0 Description of the Procedure, Product, or Service")
p("Magnetic resonance spectroscopy (MRS) is a noninvasive technique performed on a magnetic resonance imaging "
  "(MRI) scanner. Instead of producing an image, MRS measures the concentration of chemical compounds, such as "
  "N-acetylaspartate, choline, creatine and lactate, in a selected volume of tissue. MRS of the brain is usually "
  "performed during the same session as a conventional MRI of the brain. A separate technique applies MRS to the "
  "intervertebral discs of the spine to identify discs that may be a source of back pain.")
h2("1.1 Definitions")
p("None Apply.")

h1("2.0 Eligibility Requirements")
h2("2.1 Provisions")
h2("2.1.1 General")
p("(The term \"General\" found throughout this policy applies to all Medicaid and KidsCare policies)")
p("a. An eligible beneficiary shall be enrolled in either:", indent=4)
p("1. the Tarnbrook Medicaid Program (Medicaid is Tarnbrook Medicaid program, unless context clearly indicates "
  "otherwise); or", indent=10)
p("2. the Tarnbrook KidsCare Program (KidsCare is the Tarnbrook Children's Health Insurance Program, unless "
  "context clearly indicates otherwise) on the date of service and shall meet the criteria in Section 3.0 of "
  "this policy.", indent=10)
p("b. Provider(s) shall verify each Medicaid or KidsCare beneficiary's eligibility each time a service is "
  "rendered.", indent=4)
p("c. This policy applies to beneficiaries served through Medicaid Direct (fee-for-service) and to beneficiaries "
  "enrolled in a Prepaid Health Plan (PHP). A PHP shall not apply coverage criteria for MRS that are more "
  "restrictive than the criteria in this policy.", indent=4)
h2("2.1.2 Specific")
p("Medicaid: None Apply.", indent=4)
p("KidsCare: None Apply.", indent=4)
h2("2.2 Special Provisions")
h2("2.2.1 EPSDT Exception to Policy Limitations for a Medicaid Beneficiary under 21 Years of Age")
p("a. 42 U.S.C. 1396d(r) [1905(r) of the Social Security Act]: Early and Periodic Screening, Diagnostic, and "
  "Treatment (EPSDT) is a federal Medicaid requirement that the state Medicaid agency cover services, products, "
  "or procedures for a Medicaid beneficiary under 21 years of age if the service is medically necessary health "
  "care to correct or ameliorate a defect, physical or mental illness, or a condition identified through a "
  "screening examination. This means EPSDT covers most of the medical or remedial care a child needs, even if "
  "the criteria in Sections 3.0 and 4.0 of this policy are not met.", indent=4)
p("b. EPSDT and Prior Approval Requirements: If the service, product, or procedure requires prior approval, the "
  "fact that the beneficiary is under 21 years of age does NOT eliminate the requirement for prior approval.",
  indent=4)
h2("2.2.2 EPSDT does not apply to KidsCare beneficiaries")
h2("2.2.3 KidsCare Special Provision for a KidsCare Beneficiary age 6 through 18 years of age")
p("Tarnbrook Medicaid shall deny the claim for coverage for a KidsCare beneficiary who does not meet the criteria "
  "within Section 3.0 of this policy. Only services included under the KidsCare State Plan and the Tarnbrook "
  "Medicaid clinical coverage policies are covered for a KidsCare beneficiary.")

h1("3.0 When the Procedure, Product, or Service Is Covered")
p("Note: Refer to Subsection 2.2.1 regarding EPSDT Exception to Policy Limitations for a Medicaid Beneficiary "
  "under 21 Years of Age.", style="I")
h2("3.1 General Criteria Covered")
p("Medicaid and KidsCare shall cover procedures, products, and services related to this policy when they are "
  "medically necessary, and:")
p("a. the procedure, product, or service is individualized, specific, and consistent with symptoms or confirmed "
  "diagnosis of the illness or injury under treatment, and not in excess of the beneficiary's needs;", indent=4)
p("b. the procedure, product, or service can be safely furnished, and no equally effective and more "
  "conservative or less costly treatment is available statewide; and", indent=4)
p("c. the procedure, product, or service is furnished in a manner not primarily intended for the convenience of "
  "the beneficiary, the beneficiary's caretaker, or the provider.", indent=4)
h2("3.2 Specific Criteria Covered")
h2("3.2.1 Specific criteria covered by both Medicaid and KidsCare")
p("Medicaid and KidsCare shall cover single-voxel or multi-voxel proton MRS of the brain (CPT 76390) when ALL of "
  "the following criteria are met:")
p("a. an MRI of the brain with and without contrast, performed within the previous 60 calendar days, shows an "
  "intracranial mass lesion whose nature (tumor, abscess, demyelination or radiation necrosis) cannot be "
  "determined from the MRI alone;", indent=4)
p("b. the MRS result is expected to decide whether a biopsy or surgery is needed, or to select the site of a "
  "stereotactic biopsy; and", indent=4)
p("c. the MRS is ordered by, or in consultation with, a neurosurgeon, neurologist, neuro-oncologist or radiation "
  "oncologist.", indent=4)
h2("3.2.2 Medicaid Additional Criteria Covered")
p("None Apply.")
h2("3.2.3 KidsCare Additional Criteria Covered")
p("None Apply.")

h1("4.0 When the Procedure, Product, or Service Is Not Covered")
p("Note: Refer to Subsection 2.2.1 regarding EPSDT Exception to Policy Limitations for a Medicaid Beneficiary "
  "under 21 Years of Age.", style="I")
h2("4.1 General Criteria Not Covered")
p("Medicaid and KidsCare shall not cover procedures, products, and services related to this policy when:")
p("a. the beneficiary does not meet the eligibility requirements listed in Section 2.0;", indent=4)
p("b. the beneficiary does not meet the criteria listed in Section 3.0;", indent=4)
p("c. the procedure, product, or service duplicates another provider's procedure, product, or service; or",
  indent=4)
p("d. the procedure, product, or service is experimental, investigational, or part of a clinical trial.", indent=4)
h2("4.2 Specific Criteria Not Covered")
h2("4.2.1 Specific Criteria Not Covered by both Medicaid and KidsCare")
p("Medicaid and KidsCare shall not cover:")
p("a. MRS of the brain for any indication not listed in Subsection 3.2.1, including dementia, epilepsy, multiple "
  "sclerosis, psychiatric disorders, traumatic brain injury and the monitoring of a lesion already diagnosed by "
  "biopsy;", indent=4)
p("b. MRS of the cervical, thoracic or lumbar intervertebral discs for the evaluation of discogenic pain (CPT "
  "0609T, 0610T, 0611T and 0612T), which is investigational; or", indent=4)
p("c. MRS performed without a conventional MRI of the brain in the same session or within the previous 60 "
  "calendar days.", indent=4)
h2("4.2.2 Medicaid Additional Criteria Not Covered")
p("None Apply.")
h2("4.2.3 KidsCare Additional Criteria Not Covered")
p("a. None Apply.", indent=4)
p("b. KidsCare beneficiaries are not eligible for the EPSDT exception described in Subsection 2.2.1.", indent=4)

h1("5.0 Requirements for and Limitations on Coverage")
p("Note: Refer to Subsection 2.2.1 regarding EPSDT Exception to Policy Limitations for a Medicaid Beneficiary "
  "under 21 Years of Age.", style="I")
h2("5.1 Prior Approval")
p("Medicaid and KidsCare shall require prior approval for MRS of the brain (CPT 76390). The provider shall obtain "
  "prior approval before rendering MRS through the imaging prior approval vendor described in Clinical Coverage "
  "Policy 1K-7, Prior Approval for Imaging Services, or through the beneficiary's PHP.")
h2("5.2 Prior Approval Requirements")
h2("5.2.1 General")
p("The provider(s) shall submit to the Department of Health Benefits or its designee the following:")
p("a. the prior approval request; and", indent=4)
p("b. all health records and any other records that support the beneficiary has met the specific criteria in "
  "Subsection 3.2 of this policy.", indent=4)
h2("5.2.2 Specific")
p("The request shall include the report of the qualifying MRI of the brain and a statement from the ordering "
  "specialist describing how the MRS result will change management.")
h2("5.3 Limitations")
p("Medicaid and KidsCare shall cover one MRS session per beneficiary per date of service, and no more than two "
  "MRS sessions per beneficiary in a 12-month period.")

h1("6.0 Provider(s) Eligible to Bill for the Procedure, Product, or Service")
p("To be eligible to bill for the procedure, product, or service related to this policy, the provider(s) shall:")
p("a. meet Medicaid or KidsCare qualifications for participation;", indent=4)
p("b. have a current and signed Department of Health and Human Services (DHHS) Provider Administrative "
  "Participation Agreement; and", indent=4)
p("c. bill only for procedures, products, and services within the scope of their clinical practice, as defined "
  "by the appropriate licensing entity.", indent=4)
h2("6.1 Provider Qualifications and Occupational Licensing Entity Regulations")
p("MRS shall be performed on an MRI unit accredited in MRI by the American College of Radiology or another "
  "nationally recognized accrediting organization, and interpreted by a physician who is board certified or "
  "board eligible in radiology or neuroradiology.")
h2("6.2 Provider Certifications")
p("None Apply.")

h1("7.0 Additional Requirements")
p("Note: Federal and State Requirements: Provider(s) shall comply with all applicable federal and state laws, "
  "regulations, and policies.", style="I")
h2("7.1 Compliance")
p("Provider(s) shall comply with the following in effect at the time the service is rendered:")
p("a. All Tarnbrook Medicaid or KidsCare's clinical (medical) coverage policies, guidelines, policies, provider "
  "manuals, implementation updates, and bulletins published by the Centers for Medicare and Medicaid Services "
  "(CMS), DHHS, DHHS division(s) or fiscal contractor(s); and", indent=4)
p("b. All Department of Health and Human Services' record retention requirements.", indent=4)
h2("7.2 Beneficiaries with Medicare")
p("Medicare does not cover MRS for any indication (CMS National Coverage Determination 220.2.1). For a Medicaid "
  "beneficiary who is also entitled to Medicare, Medicare is the primary payer and this policy does not change "
  "the Medicare determination; Medicaid will consider a claim for CPT 76390 only when it meets Section 3.0 and "
  "the Medicare denial is attached.")

h1("8.0 Policy Implementation and History")
p("Original Effective Date: January 1, 2013")
p("History:")
widths = [28, 52, 96]
row(["Date", "Section or Subsection Amended", "Change"], widths, bold=True)
row(["01/01/2013", "All Sections and Attachment(s)", "Initial promulgation of new policy. MRS not covered."],
    widths)
row(["03/15/2019", "All Sections and Attachment(s)",
     "Updated policy template language. No change to scope or coverage."], widths)
row(["10/01/2026", "Subsections 3.2.1, 4.2.1, 5.1 and 5.3; Attachment A",
     "Coverage of brain MRS with prior approval added for characterization of an intracranial lesion. "
     "CPT 0609T through 0612T added as not covered."], widths)
row(["10/01/2026", "Subsection 7.2", "Beneficiaries with Medicare subsection added."], widths)
pdf.ln(4)

h1("Attachment A: Claims-Related Information")
p("Provider(s) shall comply with the Tarnbrook Provider Claims and Billing Assistance Guide, Medicaid bulletins, "
  "fee schedules, Tarnbrook Medicaid's clinical coverage policies and any other relevant documents for specific "
  "coverage and reimbursement for Medicaid and KidsCare:")
h2("A. Claim Type")
p("Professional (CMS-1500/837P transaction)")
p("Institutional (UB-04/837I transaction) for outpatient hospital services")
h2("B. International Classification of Diseases and Related Health Problems, Tenth Revisions, Clinical "
   "Modification (ICD-10-CM) and Procedural Coding System (PCS)")
p("Provider(s) shall report the ICD-10-CM and Procedural Coding System (PCS) to the highest level of specificity "
  "that supports medical necessity. Provider(s) shall use the current ICD-10 edition and any subsequent editions "
  "in effect at the time of service.")
h2("C. Code(s)")
p("Provider(s) shall report the most specific billing code that accurately and completely describes the "
  "procedure, product or service provided. Provider(s) shall use the Current Procedural Terminology (CPT), "
  "Health Care Procedure Coding System (HCPCS), and UB-04 Data Elements Specifications Manual (for a complete "
  "listing of valid revenue codes) and any subsequent editions in effect at the time of service.")
p("Covered with prior approval (Subsections 3.2.1 and 5.1):")
cw = [30, 146]
row(["CPT Code(s)", "Description"], cw, bold=True)
row(["76390", "Magnetic resonance spectroscopy"], cw)
pdf.ln(3)
p("Not covered (Subsection 4.2.1):")
row(["CPT Code(s)", "Description"], cw, bold=True)
row(["0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc, in at least 3 discs"], cw)
row(["0610T", "MRS, discogenic pain; transmission of biomarker data for software analysis"], cw)
row(["0611T", "MRS, discogenic pain; postprocessing for algorithmic analysis of biomarker data"], cw)
row(["0612T", "MRS, discogenic pain; interpretation and report"], cw)
pdf.ln(3)
p("An MRI of the brain performed in the same session as MRS is billed separately with CPT 70551, 70552 or 70553 "
  "and is subject to the prior approval requirements of Clinical Coverage Policy 1K-7.")
p("Unlisted Procedure or Service: Provider(s) shall not report MRS with an unlisted radiology code.")
h2("D. Modifiers")
p("Provider(s) shall follow applicable modifier guidelines. The professional component is billed with modifier "
  "26 and the technical component with modifier TC.")
h2("E. Billing Units")
p("Provider(s) shall report one unit of CPT 76390 per session.")
h2("F. Place of Service")
p("Inpatient hospital, outpatient hospital, office, independent diagnostic testing facility.")
h2("G. Co-payments")
p("For Medicaid refer to the Tarnbrook Medicaid State Plan. For KidsCare refer to the KidsCare cost-sharing "
  "schedule.")
h2("H. Reimbursement")
p("Provider(s) shall bill their usual and customary charges. For a schedule of rates, refer to: "
  "https://medicaid.tarnbrook.example/fee-schedules")
pdf.ln(2)
pdf.set_font("Helvetica", "", 8)
pdf.multi_cell(W, 4, "CPT codes, descriptors, and other data only are copyright 2025 American Medical "
               "Association. All rights reserved. Applicable FARS/DFARS apply.", new_x="LMARGIN", new_y="NEXT")

pdf.output(OUT)
print("wrote", OUT, pdf.page_no(), "pages")
