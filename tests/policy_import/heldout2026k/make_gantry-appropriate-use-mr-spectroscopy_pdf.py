#!/usr/bin/env python3
"""Build gantry-appropriate-use-mr-spectroscopy.pdf.

FICTIONAL example for development; not a real payer's or vendor's guideline. Gantry Clinical Benefits
Management, Inc., its Doc IDs (GCB07-0526.1, GCB06-0526.1), all dates and the clinical criteria are invented;
the criteria are not clinical guidance. The layout imitates the public "Clinical Appropriateness Guidelines /
Advanced Imaging / Appropriate Use Criteria" documents of a radiology benefit manager (status / effective date /
Doc ID / last review date block, "Approval and implementation dates for specific health plans may vary", a
History table with Status, Review Date and Effective Date columns). Real: CPT 76390, 0609T-0612T, 70551-70553,
ICD-10-CM C71.9 and C79.31, and the three cited publications.

usage: /work/venvs/author-M/bin/python make_gantry-appropriate-use-mr-spectroscopy_pdf.py
"""
import os

from fpdf import FPDF

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "gantry-appropriate-use-mr-spectroscopy.pdf")


class Doc(FPDF):
    def header(self):
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, "Gantry Clinical Benefits Management | Appropriate Use Criteria: Magnetic Resonance Spectroscopy",
                  new_x="LMARGIN", new_y="NEXT")
        self.cell(0, 4, "Doc ID: GCB07-0526.1", new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def footer(self):
        self.set_y(-14)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", new_x="LMARGIN", new_y="NEXT", align="C")
        self.cell(0, 4, "Proprietary. (c) 2026 Gantry Clinical Benefits Management, Inc. All rights reserved.",
                  align="C")


def h(pdf, text, size=12):
    pdf.ln(2)
    pdf.set_font("Helvetica", "B", size)
    pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def p(pdf, text, indent=0):
    pdf.set_font("Helvetica", "", 10)
    if indent:
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(pdf.w - pdf.l_margin - pdf.r_margin - indent, 5, text, new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def table(pdf, rows, widths, bold_first=True):
    pdf.set_font("Helvetica", "", 9)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5,
                   first_row_as_headings=bold_first) as t:
        for r in rows:
            row = t.row()
            for c in r:
                row.cell(c)
    pdf.ln(2)


def build():
    pdf = Doc(format="Letter")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(18, 14, 18)
    pdf.add_page()

    pdf.set_font("Helvetica", "", 10)
    p(pdf, "Status: Revised     Effective Date: 05/17/2026")
    p(pdf, "Doc ID: GCB07-0526.1     Last Review Date: 11/12/2025")
    p(pdf, "Approval and implementation dates for specific health plans may vary. Please consult the applicable "
           "health plan for more details.")
    h(pdf, "Clinical Appropriateness Guidelines", 14)
    h(pdf, "Advanced Imaging", 12)
    h(pdf, "Appropriate Use Criteria: Magnetic Resonance Spectroscopy", 14)
    p(pdf, "Proprietary")
    p(pdf, "(c) 2026 Gantry Clinical Benefits Management, Inc. All rights reserved.")

    h(pdf, "Table of Contents", 11)
    for line in ["Description and Application of the Guidelines", "General Clinical Guideline",
                 "Magnetic Resonance Spectroscopy", "    General Information/Overview", "    Clinical Indications",
                 "Codes", "References", "History"]:
        p(pdf, line)

    h(pdf, "Description and Application of the Guidelines")
    p(pdf, "The Gantry Clinical Appropriateness Guidelines (the \"Guidelines\") are written to help providers choose "
           "the most appropriate diagnostic study for a specific clinical condition. The Guidelines set out objective "
           "and evidence-based criteria for medical necessity determinations where possible. Gantry reviews all of its "
           "Guidelines at least once a year.")
    p(pdf, "Gantry Clinical Benefits Management, Inc. reviews advanced imaging requests on behalf of its health plan "
           "clients. Each health plan client decides whether these Guidelines are used for its commercial, Medicaid or "
           "Medicare Advantage members, and from what date. For Medicare Advantage members, applicable National "
           "Coverage Determinations (NCDs) and Local Coverage Determinations (LCDs) take precedence over these "
           "Guidelines.")
    p(pdf, "The Guidelines are not a substitute for the experience and judgment of a physician or other health care "
           "professional. Coverage for any service is subject to the terms of the member's benefit plan, and a "
           "service that meets these Guidelines may still be excluded by that plan.")

    h(pdf, "General Clinical Guideline")
    h(pdf, "Clinical Appropriateness Framework", 11)
    p(pdf, "Critical to any determination of appropriateness is the question whether the result of the requested "
           "study is likely to change the management of the patient. Imaging that duplicates information already "
           "available, or that will not alter treatment, is not medically necessary.")
    h(pdf, "Repeat Diagnostic Intervention", 11)
    p(pdf, "A repeat study of the same anatomic area is generally not medically necessary unless there is a new or "
           "changing clinical finding, or the prior study was technically limited.")

    h(pdf, "Magnetic Resonance Spectroscopy", 13)
    h(pdf, "General Information/Overview", 11)
    p(pdf, "Proton magnetic resonance spectroscopy (MRS) is performed on a clinical MRI scanner with additional "
           "software. It displays the relative concentrations of metabolites such as N-acetylaspartate, choline, "
           "creatine, lactate and lipid in a selected volume of tissue (a voxel). MRS is performed together with a "
           "conventional MRI examination and is reported separately.")

    h(pdf, "Clinical Indications", 11)
    p(pdf, "Brain MRS (CPT 76390) is medically necessary as an adjunct to contrast-enhanced brain MRI in either of the "
           "following scenarios:")
    p(pdf, "A. Known primary or metastatic brain tumor after radiation therapy, when a contrast-enhanced brain MRI "
           "performed within the previous 30 days shows a new or enlarging enhancing lesion that cannot be "
           "characterized as recurrent tumor or treatment-related change (radiation necrosis or pseudoprogression), "
           "and the MRS result will determine whether biopsy, resection or a change in therapy is needed; OR",
      indent=6)
    p(pdf, "B. Child younger than 18 years with developmental delay or regression, seizures or hypotonia, when a "
           "disorder of creatine synthesis or transport or a mitochondrial disorder is suspected and a conventional "
           "brain MRI has been performed or is performed at the same session.", indent=6)
    p(pdf, "Brain MRS is not medically necessary for all other indications, including but not limited to dementia, "
           "epilepsy in adults, multiple sclerosis, psychiatric disorders, grading of a known glioma, and the initial "
           "characterization of a newly discovered intracranial mass.")
    p(pdf, "MRS of the prostate, breast or liver is not medically necessary.")
    p(pdf, "Magnetic resonance spectroscopy of the intervertebral discs for the evaluation of discogenic pain (CPT "
           "0609T, 0610T, 0611T, 0612T) is considered investigational and not medically necessary.")

    h(pdf, "Codes")
    p(pdf, "The following code list is not meant to be all-inclusive. Authorization requirements will vary by health "
           "plan. Please consult the applicable health plan for guidance on specific procedure codes.")
    p(pdf, "Specific CPT codes for services should be used when available. Nonspecific or not otherwise classified "
           "codes may be subject to additional documentation requirements and review.")
    h(pdf, "CPT/HCPCS", 11)
    table(pdf, [
        ["Code", "Description"],
        ["76390", "Magnetic resonance spectroscopy"],
        ["0609T", "MRS, discogenic pain; acquisition of single voxel data, per disc, in at least 3 discs"],
        ["0610T", "MRS, discogenic pain; transmission of biomarker data for software analysis"],
        ["0611T", "MRS, discogenic pain; postprocessing for algorithmic analysis of biomarker data"],
        ["0612T", "MRS, discogenic pain; interpretation and report"],
    ], (22, 150))
    p(pdf, "A brain MRI performed at the same session (CPT 70551, 70552 or 70553) is reviewed under the Gantry "
           "Appropriate Use Criteria: Imaging of the Brain (Doc ID GCB06-0526.1) and is not addressed by this "
           "guideline.")
    h(pdf, "ICD-10 Codes", 11)
    p(pdf, "The following ICD-10-CM codes are listed for reference only. A diagnosis code alone does not establish "
           "that a study is medically necessary.")
    table(pdf, [
        ["ICD-10-CM", "Description"],
        ["C71.9", "Malignant neoplasm of brain, unspecified"],
        ["C79.31", "Secondary malignant neoplasm of brain"],
    ], (28, 144))

    h(pdf, "References")
    for ref in [
        "1. Lin A, Tran T, Bluml S, Merugumala S, Liao HJ, Ross BD. Guidelines for acquiring and reporting clinical "
        "neurospectroscopy. Semin Neurol. 2012; 32(4):432-453.",
        "2. Oz G, Alger JR, Barker PB, et al. Clinical proton MR spectroscopy in central nervous system disorders. "
        "Radiology. 2014; 270(3):658-679.",
        "3. Wilson M, Andronesi O, Barker PB, et al. Methodological consensus on clinical proton MRS of the brain: "
        "review and recommendations. Magn Reson Med. 2019; 82(2):527-550.",
    ]:
        p(pdf, ref)

    h(pdf, "History")
    table(pdf, [
        ["Status", "Review Date", "Effective Date", "Summary of Changes"],
        ["Revised", "11/12/2025", "05/17/2026", "Added pediatric indication (suspected creatine or mitochondrial "
         "disorder). Disc MRS (0609T-0612T) stated as investigational and not medically necessary."],
        ["Reviewed", "11/14/2024", "03/16/2025", "Annual review. References updated. No change to criteria."],
        ["Revised", "09/20/2023", "03/10/2024", "Clarified that the brain MRI must be within the previous 30 days."],
        ["Created", "09/15/2021", "03/13/2022", "Original effective date."],
    ], (20, 24, 26, 102))

    pdf.output(OUT)
    print("wrote", OUT)


if __name__ == "__main__":
    build()
