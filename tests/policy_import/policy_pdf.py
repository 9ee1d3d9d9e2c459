"""Writing the fictional PDF policies used as held-out documents (run by hand, never by the tests).

fpdf2 from PyPI (`pip install fpdf2`, LGPL) lays out pages as payers print them: an optional running
header and footer on every page, headings, paragraphs and borderless tables whose cells wrap. It is not
a dependency of the service: the PDFs are committed, and each make_*.py says how its file was made.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

Block = tuple  # ("h", text) | ("p", text) | ("table", column widths in mm, rows)


def write_policy_pdf(path: Path, pages: Sequence[Sequence[Block]], created: dt.date,
                     header: str | None = None, footer: str | None = None) -> None:
    from fpdf import FPDF

    total = len(pages)

    class PolicyPDF(FPDF):
        def header(self):
            if header:
                self.set_font("Helvetica", size=8)
                self.cell(0, 5, header.format(page=self.page_no(), pages=total), new_x="LMARGIN", new_y="NEXT")
                self.ln(2)

        def footer(self):
            if footer:
                self.set_y(-12)
                self.set_font("Helvetica", size=8)
                self.cell(0, 5, footer.format(page=self.page_no(), pages=total))

    pdf = PolicyPDF(format="letter")
    pdf.set_creation_date(dt.datetime(created.year, created.month, created.day, tzinfo=dt.timezone.utc))
    pdf.set_auto_page_break(True, margin=15)
    for blocks in pages:
        pdf.add_page()
        for block in blocks:
            if block[0] == "table":
                pdf.set_font("Helvetica", size=10)
                with pdf.table(col_widths=block[1], text_align="LEFT", borders_layout="NONE",
                               first_row_as_headings=False) as table:
                    for row in block[2]:
                        cells = table.row()
                        for cell in row:
                            cells.cell(cell)
                continue
            kind, text = block
            pdf.set_font("Helvetica", "B" if kind == "h" else "", 11 if kind == "h" else 10)
            if kind == "h":
                pdf.ln(1)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
