#!/usr/bin/env python3
"""Build dovecrest-cpb-magnetic-resonance-spectroscopy.pdf.

Fictional example for testing; not a real payer's policy. The marker lives here, in the
script, and not in the PDF. Layout modelled on a printed clinical policy bulletin as seen in
https://vdocuments.net/aetna-better-health-medicaid-health-plans-prior-authorization-2020-02-24-prior.html
(page header "<title> - Medical Clinical Policy Bulletins | <payer> Page N of M", Number,
Replaces, amendment pointer, Policy History block, code lists by status, Medicaid amendment).
"""
from fpdf import FPDF

TITLE = "Magnetic Resonance Spectroscopy (MRS)"
PAYER = "Dovecrest Health"


class CPB(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, f"{TITLE} - Medical Clinical Policy Bulletins | {PAYER}", new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, "Proprietary. Printed copies are uncontrolled. Form DH-0611 (rev. 2025)", align="C")


def h(pdf, text):
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def p(pdf, text):
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


pdf = CPB(format="Letter")
pdf.alias_nb_pages("{nb}")
pdf.set_auto_page_break(True, margin=20)
pdf.add_page()

pdf.set_font("Helvetica", "B", 14)
pdf.multi_cell(0, 7, TITLE, new_x="LMARGIN", new_y="NEXT")
p(pdf, "Number: 0412")
p(pdf, "(Replaces CPB 219)")
p(pdf, "Policy *Please see amendment for Dovecrest Community Care (Medicaid) at the end of this CPB.")
h(pdf, "Policy History")
p(pdf, "Last Review: 09/18/2025")
p(pdf, "Effective: 11/01/2025")
p(pdf, "Next Review: 09/10/2026")
p(pdf, "Review History: see end of CPB")

h(pdf, "Scope of Policy")
p(pdf, "This Clinical Policy Bulletin addresses magnetic resonance spectroscopy for Dovecrest Health "
       "commercial medical plans (fully insured and self-funded HMO, POS and PPO plans) and, through the "
       "amendment at the end of this CPB, for Dovecrest Community Care (Medicaid). It does not apply to "
       "Dovecrest Medicare Advantage plans, which follow Medicare coverage rules.")
p(pdf, "Note: Requires Precertification: Precertification of magnetic resonance spectroscopy is required of "
       "all Dovecrest participating providers and members in applicable plan designs. For precertification, "
       "call 1-855-763-9041.")

h(pdf, "I. Medical Necessity")
p(pdf, "Dovecrest considers single-voxel proton MRS of the brain (CPT 76390) medically necessary to "
       "distinguish recurrent high-grade glioma from radiation necrosis when all of the following criteria are met:")
p(pdf, "A. The member completed radiation therapy for a high-grade (WHO grade 3 or 4) glioma at least 3 months "
       "earlier; and\n"
       "B. A new or enlarging enhancing lesion is seen within the radiation field on contrast-enhanced MRI; and\n"
       "C. Contrast-enhanced MRI with perfusion imaging has been performed and is inconclusive; and\n"
       "D. The result will decide between re-resection or biopsy and continued surveillance.")

h(pdf, "II. Experimental and Investigational")
p(pdf, "Dovecrest considers MRS experimental and investigational for all other indications because its "
       "effectiveness for these indications has not been established, including but not limited to:")
p(pdf, "- initial diagnosis or grading of brain tumors;\n"
       "- dementia, multiple sclerosis, epilepsy, traumatic brain injury and psychiatric disorders;\n"
       "- breast, prostate and liver lesions;\n"
       "- discogenic low back pain (MR spectroscopy of the intervertebral discs).")

h(pdf, "III. Related Policies")
p(pdf, "MRI of the brain is addressed in CPB 0236 - Magnetic Resonance Imaging of the Head. This CPB does "
       "not change it.")

h(pdf, "CPT Codes / HCPCS Codes / ICD-10 Codes")
p(pdf, "CPT codes covered if selection criteria are met:")
p(pdf, "76390 Magnetic resonance spectroscopy")
p(pdf, "CPT codes not covered for indications listed in the CPB:")
p(pdf, "0609T MR spectroscopy, discogenic pain; acquisition of single voxel data, per disc\n"
       "0610T MR spectroscopy, discogenic pain; transmission of biomarker data for software analysis\n"
       "0611T MR spectroscopy, discogenic pain; postprocessing for algorithmic analysis of biomarker data\n"
       "0612T MR spectroscopy, discogenic pain; interpretation and report")
p(pdf, "Other CPT codes related to the CPB:")
p(pdf, "70551 - 70553 Magnetic resonance imaging, brain (including brain stem)")
p(pdf, "HCPCS codes not covered for indications listed in the CPB:")
p(pdf, "None")

h(pdf, "Background")
p(pdf, "Proton MRS is performed on a clinical MRI scanner with additional software. It measures the relative "
       "concentrations of metabolites such as choline, creatine, N-acetylaspartate and lactate in a small "
       "volume of tissue. A high choline signal favors viable tumor over treatment effect, but the published "
       "series are small and use different thresholds. For discogenic pain, MRS of the disc (0609T - 0612T) "
       "has been studied only in small cohorts without evidence that it improves treatment outcomes.")

h(pdf, "Amendment: Dovecrest Community Care (Medicaid)")
p(pdf, "For members of Dovecrest Community Care, Section I applies. In addition, Dovecrest Community Care "
       "considers MRS of the brain medically necessary for a member younger than 21 years when a neurometabolic "
       "disorder (for example a creatine deficiency syndrome or a mitochondrial disorder) is suspected and "
       "conventional MRI has not established the diagnosis. All other uses remain experimental and "
       "investigational under Section II.")
p(pdf, "A member who disagrees with a denial may file an appeal with Dovecrest Community Care and may ask for "
       "a state fair hearing after the appeal is decided.")

h(pdf, "Review History")
p(pdf, "05/12/1999 | New CPB. MRS experimental and investigational for all indications.\n"
       "03/02/2021 | Category III codes 0609T, 0610T, 0611T and 0612T added as not covered.\n"
       "09/18/2025 | Criteria added for recurrent high-grade glioma versus radiation necrosis; Medicaid "
       "amendment added. Effective 11/01/2025.")

pdf.output("dovecrest-cpb-magnetic-resonance-spectroscopy.pdf")
