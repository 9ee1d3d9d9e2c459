#!/usr/bin/env python3
"""Write harrowgate-ma-mrs-coverage-policy.pdf (a FICTIONAL payer document for testing a policy importer).

fictional example for development; not a real payer's policy.
Self-contained: needs only fpdf2. Layout imitates a national carrier's "Medicare Advantage" coverage policy form:
a label grid (effective date, "Last Reviewed: NA", policy number, line of business, prior authorization "N/A"),
a disclaimer pointing to the CMS website, a table of the NCD/LCD that apply, Description, Coverage Determination,
a coding table that runs over a page break (its heading row repeated), related policies with their own numbers
and dates, a change summary, a running header with "Page: X of Y" and a footer with a copyright year.
Everything is invented except CPT codes and CMS NCDs 220.2.1, 220.2 and 310.1.
"""
from pathlib import Path
from fpdf import FPDF

OUT = Path(__file__).with_name("harrowgate-ma-mrs-coverage-policy.pdf")
TITLE = "Magnetic Resonance Spectroscopy (MRS) - Medicare Advantage"
FOOTER = "Harrowgate Health Medicare Advantage Coverage Policies (c) 2026 Harrowgate Health. All rights reserved."


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(130, 5, TITLE)
        self.cell(0, 5, f"Page: {self.page_no()} of {{nb}}", align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-13)
        self.set_font("Helvetica", size=7)
        self.cell(0, 5, FOOTER, align="C")


def h(pdf, text):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", 11)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def p(pdf, text, size=9.5):
    pdf.set_font("Helvetica", size=size)
    pdf.multi_cell(0, 4.8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def table(pdf, rows, widths, size=8.5, head=True):
    pdf.set_font("Helvetica", size=size)
    with pdf.table(col_widths=widths, text_align="LEFT", first_row_as_headings=head,
                   line_height=4.6) as t:
        for row in rows:
            r = t.row()
            for c in row:
                r.cell(c)
    pdf.ln(2)


def build():
    pdf = Doc(format="Letter")
    pdf.set_margins(18, 14, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()

    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, "Harrowgate Health", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    table(pdf, [
        ["Effective Date: 04/01/2026", "Last Reviewed: NA"],
        ["Policy Number: HGMA-RAD-0219", "Line of Business: Medicare Advantage"],
        ["Policy Type: Coverage Policy", "Prior Authorization: N/A"],
    ], (90, 90), size=9, head=False)

    h(pdf, "Disclaimer")
    p(pdf, "Harrowgate Health Medicare Advantage coverage policies explain how Harrowgate applies Medicare "
           "coverage rules. They are not a guarantee of payment; the member's Evidence of Coverage (EOC) "
           "describes the benefits. Please refer to the CMS website for the most current applicable CMS Online "
           "Manual System (IOMs), National Coverage Determination (NCD), Local Coverage Determination (LCD), "
           "Local Coverage Article (LCA) and Transmittals.")

    h(pdf, "Applicability")
    p(pdf, "This policy applies to Harrowgate Medicare Advantage HMO, PPO and PFFS plans and to the Medicare "
           "benefits of Harrowgate Dual Advantage (HMO D-SNP) members. It does not apply to Harrowgate commercial "
           "members (see Harrowgate Commercial Medical Coverage Policy RAD-122, Magnetic Resonance Spectroscopy) "
           "or to Harrowgate Medicaid members, who follow state Medicaid coverage rules. This policy may also be "
           "used as a reference for Harrowgate Medicare-Medicaid Plan members where the three-way contract is "
           "silent.")

    h(pdf, "Medicare Guidance")
    table(pdf, [
        ["Type", "Title", "ID Number", "Jurisdiction / Contractor", "Applicable States"],
        ["NCD", "Magnetic Resonance Spectroscopy", "220.2.1", "National", "All"],
        ["NCD", "Magnetic Resonance Imaging", "220.2", "National", "All"],
        ["LCD", "None", "N/A", "N/A", "N/A"],
    ], (14, 62, 22, 44, 38))

    h(pdf, "Description")
    p(pdf, "Magnetic resonance spectroscopy (MRS) is an application of magnetic resonance imaging (MRI) that "
           "measures the chemical composition of tissue instead of producing an anatomic image. Proton MRS of "
           "the brain has been proposed for characterizing brain tumors, epilepsy, dementia and inherited "
           "metabolic disorders. MRS of the intervertebral disc (Category III codes 0609T, 0610T, 0611T and "
           "0612T) has been proposed to identify painful discs in discogenic low back pain.")

    h(pdf, "Coverage Determination")
    p(pdf, "Harrowgate follows the CMS requirements that only allow coverage and payment for services that are "
           "reasonable and necessary for the diagnosis or treatment of illness or injury and that fall within a "
           "Medicare benefit category.")
    p(pdf, "Harrowgate Medicare Advantage follows NCD 220.2.1: magnetic resonance spectroscopy is not covered "
           "for any indication, including MRS of the brain and MRS of the intervertebral disc.")
    p(pdf, "Under the NCD, CMS considered MRS an investigational procedure on March 22, 1994 and issued a "
           "national noncoverage determination for all indications. After reconsidering the evidence for "
           "indeterminate brain lesions and brain biopsy guidance, CMS reaffirmed national noncoverage for all "
           "indications of MRS (the NCD was last reviewed September 2004). Nationally covered indications: not "
           "applicable.")
    p(pdf, "Brain MRI performed at the same session is covered under NCD 220.2 when reasonable and necessary; "
           "this policy does not change it. When MRS is performed during a CMS-approved clinical study, routine "
           "costs are addressed under NCD 310.1 (Routine Costs in Clinical Trials); the MRS itself remains "
           "non-covered.")
    p(pdf, "Providers are encouraged to inform members in advance when they may be financially responsible for "
           "a non-covered service. A network provider who furnishes MRS without first obtaining a pre-service "
           "organization determination may not bill the member for it.")
    p(pdf, "Members, their appointed representative, or a treating provider may request a pre-service "
           "organization determination from Harrowgate before the service is rendered.")

    h(pdf, "Billing Guidance")
    p(pdf, "1. Claims for 76390 or 0609T-0612T are denied as not covered under NCD 220.2.1. The denial applies to "
           "the professional and the technical component and to every place of service.")
    p(pdf, "2. MRS billed with an unlisted radiology code instead of 76390 is reviewed against the same NCD.")
    p(pdf, "3. The separately reported brain MRI is processed under NCD 220.2 and the member's benefits; a denial "
           "of the MRS component does not by itself deny the MRI.")
    p(pdf, "4. For Original Medicare claims, an Advance Beneficiary Notice (ABN) may apply; the ABN is not used for "
           "Harrowgate Medicare Advantage members.")

    h(pdf, "Background")
    p(pdf, "Studies of proton MRS in brain tumors, epilepsy and dementia are mostly small diagnostic accuracy "
           "studies. They do not show that adding MRS to conventional MRI changes management in a way that "
           "improves outcomes for Medicare beneficiaries. Studies of disc MRS compare the spectra with provocative "
           "discography rather than with the results of treatment. CMS has not opened a national coverage "
           "analysis to reconsider NCD 220.2.1 since its last review, and no Medicare Administrative Contractor has "
           "issued an LCD for MRS.")
    p(pdf, "Harrowgate reviews this policy when CMS issues a new or revised NCD, LCD or LCA for MRS, and at least "
           "once a year.")

    h(pdf, "Definitions")
    p(pdf, "Reasonable and necessary: a service that meets the standard of section 1862(a)(1)(A) of the Social "
           "Security Act as interpreted in NCDs, LCDs and CMS manuals.")
    p(pdf, "Organization determination: a decision by Harrowgate about whether it will provide or pay for an item "
           "or service, made before the service (pre-service) or after it (payment).")
    p(pdf, "National Coverage Determination (NCD): a decision by CMS that applies nationally to Original Medicare "
           "and that Medicare Advantage organizations must follow.")

    h(pdf, "Coding Information")
    p(pdf, "Any codes listed on this policy are for informational purposes only. Do not rely on the accuracy and "
           "inclusion of specific codes. Inclusion of a code does not guarantee coverage and/or reimbursement "
           "for a service or procedure.", size=8.5)
    table(pdf, [
        ["CPT Code(s)", "Description", "Comments"],
        ["76390", "Magnetic resonance spectroscopy", "Not covered (NCD 220.2.1)"],
        ["0609T", "Magnetic resonance spectroscopy, determination and localization of discogenic pain "
                  "(cervical, thoracic, or lumbar); acquisition of single voxel data, per disc, on biomarkers "
                  "(ie, lactic acid, carbohydrate, alanine, laal, propionic acid, proteoglycan, and collagen) in "
                  "at least 3 discs", "Not covered (NCD 220.2.1)"],
        ["0610T", "...; transmission of biomarker data for software analysis", "Not covered (NCD 220.2.1)"],
        ["0611T", "...; postprocessing for algorithmic analysis of biomarker data for determination of relative "
                  "chemical differences between discs", "Not covered (NCD 220.2.1)"],
        ["0612T", "...; interpretation and report", "Not covered (NCD 220.2.1)"],
        ["70551", "Magnetic resonance (eg, proton) imaging, brain (including brain stem); without contrast "
                  "material", "Not addressed by this policy (NCD 220.2)"],
        ["70552", "...; with contrast material(s)", "Not addressed by this policy (NCD 220.2)"],
        ["70553", "...; without contrast material, followed by contrast material(s) and further sequences",
         "Not addressed by this policy (NCD 220.2)"],
    ], (24, 106, 50))
    p(pdf, "ICD-10 Codes: Not applicable.", size=9)

    h(pdf, "Related Policies")
    table(pdf, [
        ["Policy Name", "Policy Number", "Effective Date"],
        ["Magnetic Resonance Imaging (MRI) - Medicare Advantage", "HGMA-RAD-0107", "07/01/2025"],
        ["Clinical Trials - Medicare Advantage", "HGMA-ADM-0031", "01/01/2026"],
        ["Magnetic Resonance Spectroscopy (commercial)", "RAD-122", "10/15/2025"],
    ], (96, 44, 40))

    h(pdf, "Change Summary")
    table(pdf, [
        ["Date", "Change"],
        ["04/01/2026", "New Policy."],
    ], (30, 150))
    p(pdf, "Approved by the Harrowgate Medicare Coverage Policy Committee: 02/19/2026", size=9)

    h(pdf, "References")
    p(pdf, "Centers for Medicare & Medicaid Services. National Coverage Determination (NCD) 220.2.1, Magnetic "
           "Resonance Spectroscopy. Medicare National Coverage Determinations Manual, Pub. 100-03, Chapter 1, "
           "Part 4.", size=8.5)
    p(pdf, "Editorial note (fictional example): this policy was written for software testing; Harrowgate Health "
           "and its policies do not exist.", size=8)
    pdf.output(str(OUT))


if __name__ == "__main__":
    build()
    print(OUT)
