#!/usr/bin/env python3
"""Write osprey-lane-coverage-policy-nonstandard-lab-panels.pdf (a FICTIONAL payer document for testing a policy importer).

fictional example for development; not a real payer's policy.
Self-contained: needs only fpdf2. Layout imitates a national carrier's "Medical Coverage Policy" (effective and next
review dates, a coverage policy number, related coverage resources with their own numbers, instructions for use, a
Coverage Policy section, a Coding Information section with covered / experimental-when-used-to-report / other groups,
and a Revision Details table), with a running header and a footer with the year and page numbers.
"""
import datetime as dt
from pathlib import Path
from fpdf import FPDF

OUT = Path(__file__).with_name("osprey-lane-coverage-policy-nonstandard-lab-panels.pdf")
HEADER = "Osprey Lane Health - Medical Coverage Policy 0712 - Nonstandard Laboratory Panels"
FOOTER = "Proprietary - (c) 2026 Osprey Lane Health, Inc.    Page {page} of {nb}"

BODY = [
    ("p", "Medical Coverage Policy"),
    ("p", "Effective Date: 02/15/2026"),
    ("p", "Next Review Date: 02/15/2027"),
    ("p", "Coverage Policy Number: 0712"),
    ("title", "Nonstandard Laboratory Panels"),
    ("p", "Related Coverage Resources: Vitamin D Testing (0719); Food Allergy Testing (0433)"),
    ("h", "Instructions for Use"),
    ("p", "The following Coverage Policy applies to health benefit plans administered by Osprey Lane Health companies. "
          "Coverage Policies are intended to provide guidance in interpreting standard benefit plans. The terms of a "
          "customer's benefit plan document may differ significantly from the standard benefit plans upon which this "
          "Coverage Policy is based; in the event of a conflict, the benefit plan document always supersedes this "
          "Coverage Policy."),
    ("h", "Overview"),
    ("p", "This Coverage Policy addresses nonstandard laboratory test panels, including intracellular "
          "micronutrient panels and food sensitivity panels, and the measurement of single micronutrients in serum "
          "or whole blood."),
    ("p", "This Coverage Policy applies to Osprey Lane Health commercial medical plans. Osprey Lane Medicare "
          "Advantage plans apply it where no National Coverage Determination, Local Coverage Determination or "
          "Medicare manual provision addresses the service. Osprey Lane Better Health (Medicaid) plans may follow "
          "different state rules; refer to the applicable state Medicaid policy."),
    ("h", "Coverage Policy"),
    ("h2", "I. Medically Necessary"),
    ("p", "Osprey Lane considers measurement of an individual micronutrient in serum, plasma or whole blood (for "
          "example 25-hydroxyvitamin D, vitamin B12 or folate) medically necessary when the member has signs or "
          "symptoms of a deficiency of that micronutrient, a condition that causes malabsorption, or a medication "
          "known to deplete it, and the result will be used to direct treatment."),
    ("h2", "II. Experimental, Investigational, or Unproven"),
    ("p", "Osprey Lane considers the following laboratory panels experimental, investigational, or unproven "
          "because of insufficient evidence that their results improve health outcomes:"),
    ("h2", "A. Intracellular micronutrient panels"),
    ("b", "SpectraCell Laboratories: Micronutrient Test (lymphocyte proliferation in micronutrient-depleted media), "
          "including the SPECTROX total antioxidant function and IMMUNIDEX immune response scores"),
    ("b", "Cell Science Systems: Cellular Micronutrient Assay (CMA)"),
    ("b", "IntraCellular Diagnostics: ExaTest (energy dispersive x-ray analysis of sublingual epithelial cells)"),
    ("b", "Vibrant America: Vibrant Micronutrients (intracellular and extracellular panel)"),
    ("h2", "B. Food sensitivity panels"),
    ("b", "Cell Science Systems: Alcat Test (leukocyte response to foods and additives). The Alcat Test is a food "
          "sensitivity assay, not a micronutrient panel; it is listed here for that reason only."),
    ("p", "These panels are experimental, investigational, or unproven for all indications, including fatigue, "
          "fibromyalgia, autism, mood disorders, chronic disease management and wellness screening. Experimental, "
          "investigational, or unproven services are not covered under Osprey Lane medical plans."),
    ("h2", "III. Limitations"),
    ("p", "A serum test covered under Section I is not denied because it is ordered together with a panel listed "
          "in Section II. Multiple single-analyte codes billed together to represent a panel listed in Section II "
          "are denied as experimental, investigational, or unproven."),
    ("h", "General Background"),
    ("p", "Micronutrients are vitamins and minerals needed in small amounts. Classic deficiency states are uncommon "
          "in the United States, and suspected deficiencies are confirmed with validated single-analyte tests with "
          "established reference ranges. Intracellular panels measure many analytes at once, report functional or "
          "intracellular status against laboratory-defined ranges, and are usually accompanied by supplement "
          "recommendations. Their proponents argue that intracellular levels reflect nutritional status over a "
          "longer period than serum levels."),
    ("p", "The relation between intracellular and extracellular levels of a micronutrient depends on cellular "
          "transport, binding proteins, inflammation and recent intake. No published study has validated the "
          "lymphocyte proliferation method, buccal cell x-ray analysis or combined intracellular and extracellular "
          "panels against clinical deficiency states, and no study has shown that acting on panel results improves "
          "symptoms or outcomes compared with standard evaluation."),
    ("p", "Food sensitivity panels that measure leukocyte volume changes after exposure to food extracts have not "
          "been shown to identify food allergy or intolerance reproducibly. Professional allergy societies recommend "
          "against their use."),
    ("p", "No professional society recommends intracellular micronutrient panels for screening or diagnosis. "
          "Guidelines on vitamin D, vitamin B12 and folate recommend single-analyte serum testing in people at risk "
          "of deficiency, and advise against population screening in people without risk factors."),
]

CODES = [
    ("p", "Several laboratories market their panels directly to consumers and to practitioners of integrative "
          "medicine. Reports commonly rank each analyte as deficient, borderline or adequate and pair each "
          "deficiency with a supplement protocol. The analytic validity of these methods has not been established "
          "through proficiency testing programs, and the reference ranges are set by each laboratory."),
    ("p", "Osprey Lane reviewed the published literature through October 2025, including systematic reviews of "
          "micronutrient status in fatigue, depression and fibromyalgia, and found no evidence that changes the "
          "conclusions of this Coverage Policy."),
    ("h", "Coding Information"),
    ("p", "Notes: 1. This list of codes may not be all-inclusive. 2. Codes are listed for reference; inclusion of a "
          "code does not imply coverage or reimbursement."),
    ("h2", "Considered Medically Necessary when criteria in the applicable policy statements listed above are met:"),
    ("table", [["Code", "Description"],
               ["82306", "Vitamin D; 25 hydroxy, includes fraction(s), if performed"],
               ["82607", "Cyanocobalamin (Vitamin B-12)"],
               ["82746", "Folic acid; serum"]]),
    ("h2", "Considered Experimental/Investigational/Unproven when used to report a panel listed in Section II:"),
    ("table", [["Code", "Description"],
               ["84999", "Unlisted chemistry procedure"],
               ["86353", "Lymphocyte transformation, mitogen (phytomitogen) or antigen induced blastogenesis"],
               ["88348", "Electron microscopy, diagnostic"]]),
    ("h2", "Other codes related to this Coverage Policy (not addressed here):"),
    ("table", [["Code", "Description"],
               ["82652", "Vitamin D; 1, 25 dihydroxy, includes fraction(s), if performed"]]),
    ("p", "Note: 82652 measures the active hormone and is not a test of vitamin D status; it is reviewed under the "
          "Vitamin D Testing Coverage Policy (0719)."),
    ("h", "Revision Details"),
    ("table3", [["Type of Revision", "Summary of Changes", "Date"],
               ["Focused review", "Added Vibrant Micronutrients and ExaTest to Section II", "03/09/2017"],
               ["Annual review", "No change to policy statements", "12/01/2022"],
               ["Annual review", "Added Section III; updated General Background", "02/15/2026"]]),
    ("p", "Members may request an appeal of a coverage denial as described in their plan documents."),
    ("p", "Editorial note (fictional example): this policy was written for software testing and is not clinical "
          "guidance."),
]


class CPB(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, HEADER, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 5, FOOTER.format(page=self.page_no(), nb="{nb}"))


def block(pdf, kind, val):
    if kind == "title":
        pdf.set_font("Helvetica", "B", 15); pdf.multi_cell(0, 8, val, new_x="LMARGIN", new_y="NEXT"); return
    if kind == "table3":
        pdf.set_font("Helvetica", size=9)
        with pdf.table(col_widths=(35, 110, 30), text_align="LEFT", borders_layout="HORIZONTAL_LINES",
                       first_row_as_headings=True) as t:
            for row in val:
                r = t.row()
                for c in row:
                    r.cell(c)
        pdf.ln(2); return
    if kind == "table":
        pdf.set_font("Helvetica", size=9)
        with pdf.table(col_widths=(25, 150), text_align="LEFT", borders_layout="HORIZONTAL_LINES",
                       first_row_as_headings=True) as t:
            for row in val:
                r = t.row()
                for c in row:
                    r.cell(c)
        pdf.ln(2); return
    if kind in ("h", "h2"):
        pdf.ln(1); pdf.set_font("Helvetica", "B", 11 if kind == "h" else 10)
        pdf.multi_cell(0, 6, val, new_x="LMARGIN", new_y="NEXT"); return
    pdf.set_font("Helvetica", size=10)
    if kind == "b":
        pdf.multi_cell(0, 5.8, "- " + val, new_x="LMARGIN", new_y="NEXT"); return
    pdf.multi_cell(0, 5.8, val, new_x="LMARGIN", new_y="NEXT")


def main():
    pdf = CPB(orientation="portrait", format="letter")
    pdf.alias_nb_pages("{nb}")
    pdf.set_creation_date(dt.datetime(2025, 11, 21, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    for k, v in BODY + CODES:
        block(pdf, k, v)
    pdf.output(str(OUT))


if __name__ == "__main__":
    main()
