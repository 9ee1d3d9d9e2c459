"""Cutting a document's text into the pieces a value can cite: sentences, list items, table rows,
labels ("Effective Date: 03/01/2025") and headings, each with its character offsets.

Layout is read from plain text alone, because HTML and PDF arrive here already flattened: a form feed
separates PDF pages, and lines that repeat at the top or bottom of several pages (the payer's running
header, "Page 2 of 3") are marked as boilerplate, never cited and never allowed to split a table.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

# ... an ICD-10 code with its decimal point, or printed without it as some payers do ("E559", "N184")
_CODE_START = re.compile(r"^(?:(?:CPT|HCPCS|ICD-10(?:-CM)?)\s+)?(?:\d{5}|\d{4}[TUtu]|[A-CEGHJ-MP-V]\d{4}|"
                         r"[A-TV-Z]\d{2}\.[0-9A-Z]{1,4}|[A-TV-Z]\d{3}[0-9A-Z]{0,3})\b")
# Labels a policy's facts use, recognised even several to a line and without a colon
# ("Policy Number WMA-RAD-17 Effective Date 01/01/2025", "Policy ID: X  Effective: Y  Reviewed: Z").
_KNOWN_LABEL = re.compile(
    r"(?<![\w/])(?:(?:Plan |Clinical |Medical |Coverage |Reimbursement )?Policy (?:Number|No\.?|ID|#)|Guideline (?:Number|Name)|"
    r"Reference Number|Original Effective Date|Effective Date|Effective|Last Review(?:ed)?(?: Date)?|"
    r"Next (?:Annual )?Review(?: Date)?|Review Date|Revision Date|Last Revised|Revised|Reviewed|Approval Date|"
    r"Date Approved|Approved|Publication Date|Published|Origination Date|Date of Origin)(?=\s*:|\s+(?:\d|[A-Z][A-Z0-9.\-]*\d))")
# Labels that hold a fact even when their value is missing ("Next Review Date:" with nothing after it).
# "date" as a word or the end of one ("Effective Date", "DateRevised", "Last Updated"), not inside "UPDATES"
_FACT_LABEL = re.compile(r"\bdate|date\b|\bupdated?\b|\breview(?:ed)?\b|number|\bno\b|#|\bid\b|effective|approved|published|revised|posted|"
                         r"issued|origination|created|version|prior\s+auth|precert", re.IGNORECASE)
# A history entry that starts with its status ("Reviewed 08/08/2024 - MPTAC review.").
_STATUS_DATE = re.compile(r"^(?:New|Revised|Reviewed|Created|Updated|Adopted|Archived|Retired|Replaced)\s+"
                          r"\d{1,2}/(?:\d{1,2}/)?\d{2,4}\b")
# A value standing alone on its line: a date or an identifier ("01/01/2025", "May 1, 2025", "MP-2291").
_BARE_VALUE = re.compile(r"\d{1,2}/(?:\d{1,2}/)?\d{2,4}|\d{4}-\d{2}(?:-\d{2})?|[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},?\s+)?\d{4}|"
                         r"(?=[A-Z0-9.\-/]*\d)[A-Z0-9][A-Z0-9.\-/]{1,30}")
# a date anywhere in a line: "November 2015", "11/2015", "12/17/2015", "2015-11"
_DATED = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d{2}\b|"
                    r"\b\d{1,2}/(?:\d{1,2}/)?\d{2,4}\b|\b(?:19|20)\d{2}-\d{2}\b")
_DATE_START = re.compile(r"^\d{1,2}/(?:\d{1,2}/)?\d{2,4}\b")
# ... and a check box opening its line ("[X] Commercial: ...", "[ ] Medicare Supplement: N/A", "\u2612 ..."): a form's
# list of choices, one to a line, which a PDF gives with no bullet
_ITEM = re.compile(r"^(?:[-*\u2022\u25aa\u25cf\u2013]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+|"
                   r"(?:\[[xX ]\]|[\u2610\u2611\u2612])\s+(?=[A-Z]))")
_PAGE = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+|-\s*\d+\s*-)$", re.I)
# "Label: value", "Label | value", and the dot leaders of a printed form ("Effective Date ......... 10/15/2025")
# ... and a legend's entry, "STAR = Texas Medicaid managed care": a term and what it stands for
_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z0-9/()&,.'\u2019# -]{1,70}?)\s*(?P<sep>:|\s\||\s?\.{4,}|\s?(?:\.\s){3,}|\s=(?=\s))\s*"
                    r"(?P<value>.*)$")
_NONE_VALUES = re.compile(r"^(?:n/?a|none|not applicable|-+|\u2014|\u2013|tbd)\.?$", re.I)
_CONNECTORS = {"of", "and", "or", "the", "by", "for", "to", "in", "on", "a", "an", "with", "under", "per"}
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|eg|ie|vs|No|Nos|Dr|Inc|Co|Corp|St|al|Ch|Pub|Vol|Fig|approx|etc|Jan|Feb|Mar|Apr|Jun|"
    r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|Ref|Sec|U\.S|U\. S|Mr|Ms|Mrs|Jr|Sr)|(?<!/)\b[A-Z])\.$")  # "N/A." ends a sentence; an initial does not


@dataclass
class Unit:
    """One citable piece of the document."""
    kind: str                 # heading, label, row, item, sentence
    start: int
    end: int
    text: str
    section: str = ""         # the nearest heading above, lower case
    label: str = ""           # for labels: the label and its value
    value: str = ""
    cells: tuple[str, ...] = ()
    table: int = -1           # rows of one table share a number
    block: int = -1           # sentences of one paragraph share a number
    lead: int = -1            # items: index of the sentence that introduces the list
    depth: int = 0            # items: nesting (leading spaces of the line / 2)
    page: int = 1
    index: int = -1
    furniture: tuple[tuple[int, int], ...] = ()   # page furniture a row or paragraph runs across (offsets in text)

    @property
    def norm(self) -> str:
        return " ".join(self.text.split())


@dataclass
class _Line:
    start: int
    end: int
    raw: str
    text: str
    page: int
    kind: str = "text"
    boiler: bool = False
    value_line: "_Line | None" = None    # a label's value printed on the line below it


@dataclass
class Segmented:
    text: str
    units: list[Unit] = field(default_factory=list)
    boilerplate: list[tuple[int, int, str]] = field(default_factory=list)

    def by_kind(self, *kinds: str) -> list[Unit]:
        return [u for u in self.units if u.kind in kinds]

    def unit_at(self, offset: int) -> Unit | None:
        """The unit whose text holds the character at `offset` (a citation's start), if any."""
        return next((u for u in self.units if u.start <= offset < u.end), None)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    page = 1
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        if "\f" in raw:
            page += raw.count("\f")
        stripped = raw.replace("\f", " ").strip()
        lead = len(raw) - len(raw.lstrip(" \t\f"))
        out.append(_Line(start + lead, start + lead + len(stripped), raw, stripped, page))
    return out


def _mark_boilerplate(lines: list[_Line]) -> None:
    """Lines repeated near the top or bottom of two or more pages, and bare page numbers."""
    pages: dict[int, list[_Line]] = {}
    for line in lines:
        if line.text:
            pages.setdefault(line.page, []).append(line)
        if line.text and _PAGE.match(line.text):
            line.boiler = True
    if len(pages) < 2:
        return

    def shape(s: str) -> str:
        return re.sub(r"\d+", "#", " ".join(s.lower().split()))

    seen: Counter[str] = Counter()
    edges: dict[int, list[_Line]] = {}
    for number, page_lines in pages.items():
        edge = page_lines[:6] + page_lines[-3:]
        edges[number] = edge
        for s in {shape(l.text) for l in edge}:
            seen[s] += 1
    repeated = {s for s, n in seen.items() if n >= 2}
    for edge in edges.values():
        marked: set[str] = set()
        for line in edge:
            s = shape(line.text)
            if s in repeated and s not in marked:  # a title repeated under the header is not the header
                line.boiler = True
                marked.add(s)


def _is_title_like(label: str) -> bool:
    words = [w for w in re.split(r"\s+", label.strip()) if w]
    if not words or len(words) > 8:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w[0] in "(&/" or w.lower() in _CONNECTORS for w in words)


def looks_like_date(value: str) -> bool:
    return bool(re.match(r"^(?:\d{1,2}/(?:\d{1,2}/)?\d{2,4}|\d{4}-\d{2}(?:-\d{2})?|[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?\d{4})\b",
                         value.strip()))


_DATE_VALUE = r"\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}/\d{4}|\d{4}-\d{2}(?:-\d{2})?"


# "Número de Política / Policy Number: CS-LAB-2207": the label in one language, then in another, then its value
_TWO_LANGUAGES = re.compile(r"^(?P<first>[^\W\d_][^:|/]{1,80}?)\s+/\s+(?P<label>[A-Z][A-Za-z ]{1,70}?)\s*:\s*(?P<value>.*)$")


def split_label(text: str) -> tuple[str, str] | None:
    """`Label: value` (or a two-cell row `Label | value`) when it reads as a label, not a sentence;
    also "Last Review 03/12/2025", a title-case label followed by a bare date. A label printed in two languages
    ("Fecha de Efectividad / Effective Date: 02/01/2026") is read by its last version."""
    two = _TWO_LANGUAGES.match(text)
    if two and not re.fullmatch(r"status|date", two.group("first").strip(), re.IGNORECASE) and \
            not re.fullmatch(r"status|date", two.group("label").strip(), re.IGNORECASE) and \
            not set(two.group("first").lower().split()) & set(two.group("label").lower().split()):
        pair = split_label(text[two.start("label"):])
        if pair:
            return pair
    m = _LABEL.match(text)
    if not m:
        bare = re.match(rf"^(?P<label>[A-Z][A-Za-z ]{{2,40}}?)\s+(?P<value>{_DATE_VALUE})$", text.strip())
        if bare and _is_title_like(bare.group("label")):
            return bare.group("label"), bare.group("value")
        return None
    label, value = m.group("label").strip(), m.group("value").strip()
    if m.group("sep").lstrip().startswith(".") and re.fullmatch(r"\d{1,3}", value):
        return None         # a table of contents entry and its page number
    if "|" in value or re.search(r"[a-z]\.\s+[A-Z]", label):
        return None         # "Not covered. Medicare does not cover MRS for any indication: ..." is prose
    if len(label.split()) > 10:
        return None
    if not value and not _is_title_like(label):
        return None         # "The following services are considered investigational:" leads a list
    short_value = (not value or _NONE_VALUES.match(value) or looks_like_date(value)
                   or (len(value) <= 40 and not value.endswith(".")))
    if _is_title_like(label) and (short_value or len(value) <= 120):
        return label, value
    if short_value:
        return label, value
    return None


def _gap_labels(text: str) -> list[tuple[str, str, int, int]]:
    out = []
    for m in re.finditer(r"\S(?:.*?\S)?(?=\s{3,}|$)", text):
        piece = m.group(0)
        pair = split_label(piece) if ":" in piece else None
        if not pair or not pair[1] or len(pair[1]) > 40:
            return []
        out.append((pair[0], pair[1], m.start(), m.end()))
    return out if len(out) >= 2 else []


def _label_pairs(text: str, cells: tuple[str, ...]) -> list[tuple[str, str, int, int]]:
    """(label, value, start, end) for a row of label cells each followed by its value cell."""
    if len(cells) < 4 or len(cells) % 2 or " | " not in text or \
            not all(c.endswith(":") and len(c) <= 60 for c in cells[::2]):
        return []
    out, pos = [], 0
    for label, value in zip(cells[::2], cells[1::2]):
        a = text.find(label, pos)
        b = text.find(value, a + len(label)) + len(value)
        if a < 0 or b < len(value):
            return []
        out.append((label[:-1].strip(), value, a, b))
        pos = b
    return out


def _label_cells(text: str, cells: tuple[str, ...]) -> list[tuple[str, str, int, int]]:
    """(label, value, start, end) for a row whose every cell holds a label and its value ("Document #: RAD.00057 |
    Publish Date: 04/09/2025"), one of them a policy's fact: a grid of the policy's facts, each cell a label."""
    if len(cells) < 2 or " | " not in text:
        return []
    out, pos = [], 0
    for cell in cells:
        pair = split_label(cell) if ":" in cell else None
        a = text.find(cell, pos)
        if not pair or not pair[1] or a < 0:
            return []
        out.append((pair[0], pair[1], a, a + len(cell)))
        pos = a + len(cell)
    return out if any(_FACT_LABEL.search(label) for label, *_ in out) else []


def known_labels(text: str) -> list[tuple[str, str, int, int]]:
    """(label, value, start, end) for a line made of two or more known labels and their values, or of
    two or more "Label: value" pieces set apart by wide gaps (a PDF's two-column header)."""
    found = list(_KNOWN_LABEL.finditer(text))
    head = re.match(r"[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*){0,3}(?=:\s+\S)", text)
    if found and found[0].start() > 0 and head and all(text[m.end():m.end() + 1] == ":" for m in found) and \
            not _KNOWN_LABEL.match(text):
        # "Chief Approval: Signature on file Original Effective Date: March 1, 2018": a form's label of its own first,
        # then known labels after its value on the same line (a PDF's signature block)
        found = [head] + found
    if len(found) < 2 or found[0].start() != 0:
        return _gap_labels(text)
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        value = text[m.end():end].strip().lstrip(":").strip()
        if not value or len(value) > 40 or re.search(r"\.\s", value):
            return []
        piece = text[m.start():end].rstrip()
        out.append((m.group(0), value, m.start(), m.start() + len(piece)))
    return out


_NUMBERED_SECTION = re.compile(r"^[IVX]{1,4}\.\s+[A-Z]")


def _fact_item(text: str) -> bool:
    """A bullet (not a numbered step) made only of a policy fact's label and its value: the label names a date, a
    number or prior authorisation, and the value is empty, "N/A", a date or an identifier."""
    marker = _ITEM.match(text)
    if not marker or not re.match(r"[-*\u2022\u25aa\u25cf\u2013]", text):
        return False
    pair = split_label(text[marker.end():])
    if not pair or not _is_title_like(pair[0]) or len(pair[0].split()) > 5 or \
            not (_FACT_LABEL.search(pair[0]) or re.search(r"\bapproval\b", pair[0], re.IGNORECASE)):
        return False
    value = pair[1]
    return (not value or bool(_NONE_VALUES.match(value)) or looks_like_date(value)
            or bool(re.fullmatch(r"(?=[A-Z0-9._\-/]*\d)[A-Z0-9][A-Z0-9._\-/]{1,30}", value)))


_SECTION_NAME = re.compile(r"(?:Policy|Policy\s+Statement|Coverage(?:\s+Rationale)?|Background|Description|Rationale|"
                           r"Coding|Codes|References|Scope|Criteria|Summary|Applicability|Definitions)", re.IGNORECASE)
_CODE_COLUMN_HEADER = re.compile(r"\((?:CPT|HCPCS)(?:/HCPCS)?\)|\b(?:CPT|HCPCS)\s+codes?\b|^codes?\b", re.IGNORECASE)
_CODE_IN_ROW = re.compile(r"(?<![\w./-])(?:\d{5}|0\d{3}[TU]|[A-CEGHJ-MP-V]\d{4})(?![\w./-])")


def _rows_under(content: list[_Line], is_header: Callable[[str], bool], is_row: Callable[[str, str], bool]) -> None:
    """Mark as rows the lines after a header line (`is_header` of its text) that read as its rows (`is_row` of their
    text and the header's), up to the first line that does not."""
    header: _Line | None = None
    for line in content:
        if line.kind == "heading" and is_header(line.text):
            header = line
        elif header is not None and line.kind in ("text", "heading") and is_row(line.text, header.text):
            line.kind = "row"
        else:
            header = None


def _classify(line: _Line, prev: _Line | None, prev2: _Line | None = None) -> str:
    t = line.text
    if not t:
        return "blank"
    if line.boiler:
        return "boiler"
    if _ITEM.match(t) and not _DATE_START.match(t):
        return "item"
    if re.fullmatch(r"(?:CPT|HCPCS|ICD-10(?:-CM)?|PLA)(?:\s+(?:(?:and|/)\s+HCPCS\s+)?CODES)?", t):
        return "heading"    # "CPT CODES" over a code list: its column's header, whatever the line above it ends with
    if " | " in t or t.endswith(" |") or "\t" in line.raw.strip(" \f"):
        return "row"
    if (_DATE_START.match(t) or _STATUS_DATE.match(t)) and len(t.split()) > 1:
        return "row"        # a history entry: "06/15/14 Scheduled review", "New 11/08/2007 - MPTAC review."
    if _CODE_START.match(t) and not re.match(r"^\S+\s+(?:is|are|was|were|has|have|may|can|and|or)\b", t) and (
            len(t.split()) > 1 or prev is None or prev.kind == "row" or re.fullmatch(r"0\d{3}[TU]|[A-CEGHJ-MP-V]\d{4}", t)
            # a CPT code alone between the wrapped halves of its description, in a table whose rows came just
            # before: "Lymphocyte transformation ... [when billed for" / "86353" / "intracellular ...]"
            or re.fullmatch(r"\d{5}", t) and prev.kind == "text" and not prev.text.endswith((".", ":", ";", "?", "!"))
            and prev2 is not None and prev2.kind == "row"
            # a chart's entry under a heading naming procedures or codes ("UPDATES TO PAYABLE PROCEDURES" / "76390")
            or re.fullmatch(r"\d{5}", t) and prev.kind == "heading"
            and re.search(r"\b(?:procedures?|codes?)\b", prev.text, re.IGNORECASE)):
        return "row"        # a Category III, PLA or HCPCS code alone on its line: a PDF row whose description wrapped
    if known_labels(t):
        return "labels"
    if split_label(t):
        return "label"
    words = t.split()
    prev_ends = prev is None or prev.kind in ("blank", "heading", "label", "labels", "row", "boiler") or \
        prev.text.rstrip().endswith((".", ":", ";", "?", "!"))
    if _NUMBERED_SECTION.match(t) and len(words) <= 16 and not t.endswith((".", ",", ";")):
        return "heading"    # "IV. CPT or HCPC codes NOT covered if related to micronutrient testing": a numbered section
    if (len(words) <= 10 and len(t) <= 90 and not t.endswith((".", ",", ";")) and prev_ends
            and not (t.endswith(":") and len(words) >= 5 and re.search(r"\b(?:is|are)\b", t))
            and (t[0].isupper() or t[0].isdigit() or t[0] in "[*")):
        return "heading"
    return "text"


def _wrap_width(lines: list[_Line]) -> int:
    """The width at which the document's paragraphs wrap: the length most of its longer lines reach."""
    lengths = sorted(len(l.text) for l in lines if l.kind == "text" and l.text)
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= 10 else 0


def _item_ended(last: str, nxt: str, width: int) -> bool:
    """A list item whose line ends a sentence well short of the wrap width has ended: the capitalised line
    after it starts a paragraph of its own, though nothing but the line break sets it apart (a PDF)."""
    return bool(width) and last.endswith((".", "!", "?")) and len(last) < 0.75 * width and nxt[:1].isupper()


def _last_of_a_list(units: list[Unit], last: str, nxt: str) -> bool:
    """"- Breast, prostate and musculoskeletal lesions;" then "- Discogenic back pain ... (0609T, 0612T)." and
    "Precertification is required for ...": in a list whose items close with a semicolon, the item that closes
    with a stop is its last, and the capitalised line after it starts a paragraph, however long the item's line."""
    return last.endswith(".") and nxt[:1].isupper() and bool(units) and units[-1].kind == "item" and \
        re.search(r";(?:\s+(?:and|or))?$", units[-1].text.rstrip()) is not None


def _box_ended(last: str, first: str, nxt: str, width: int) -> bool:
    """A check box's line ("[ ] Medicare Supplement: N/A - Original Medicare determines coverage for these members")
    names one choice of a form and ends with no stop: when it stops well short of the wrap width, the capitalised line
    after it ("This policy does not apply to ...") is a paragraph of its own, not the choice's words wrapping on."""
    return bool(width) and re.match(r"(?:\[[xX ]\]|[\u2610\u2611\u2612])\s", first) is not None and \
        len(last) < 0.85 * width and nxt[:1].isupper()


def _sentence_spans(text: str, offset: int) -> list[tuple[int, int]]:
    """Sentence boundaries in a paragraph: a full stop (or ? !) then space then a capital, a digit or a
    bracket, unless the word before the stop is an abbreviation."""
    spans = []
    start = 0
    for m in re.finditer(r"[.!?](?:[\"\u201d\u2019)\]]|\d+(?:,\d+)*|[\u00b9\u00b2\u00b3\u2070-\u2079]+)?"
                         r"(?=\s+[\"\u201c(\[A-Z0-9])", text):
        end = m.end()
        head = text[start:m.start() + 1]
        if _ABBREVIATIONS.search(head.rstrip()[-12:]):
            continue
        if re.fullmatch(r"\s*[IVX]{1,4}\.", head):
            continue        # "II. It is the policy ...": an outline number opening the paragraph, not a sentence
        if re.search(r"\d\.$", head) and re.match(r"\s*\d", text[end:]):
            continue
        if re.search(r"\d\.$", head) and m.group(0)[1:].isdigit():
            continue        # "NCD 220.2.1 Magnetic ...": a dotted number, not a stop and a footnote
        spans.append((start, end))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(offset + a, offset + b) for a, b in spans if text[a:b].strip()]


def segment(text: str) -> Segmented:
    lines = _lines(text)
    _mark_boilerplate(lines)
    prev: _Line | None = None
    prev2: _Line | None = None
    for line in lines:
        line.kind = _classify(line, prev, prev2)
        if line.kind == "item" and _fact_item(line.text):
            # "- Policy Number: TCH-LAB-118" / "- Last Reviewed: 12/09/2025": a page that sets its facts out as a
            # bulleted list; each bullet is a label, cited without its marker
            cut = _ITEM.match(line.text).end()  # type: ignore[union-attr]
            line.start, line.text, line.kind = line.start + cut, line.text[cut:], "label"
        if line.kind not in ("blank", "boiler"):
            prev2, prev = prev, line
            if line.kind == "labels":
                line.kind, prev.kind = "labels", "labels"
        elif line.kind == "blank":
            prev = line if prev is None or prev.kind != "blank" else prev
    content = [l for l in lines if l.kind not in ("blank", "boiler")]
    for line, nxt in zip(content, content[1:]):
        if line.kind == "heading" and _NUMBERED_SECTION.match(line.text) and nxt.kind in ("text", "heading") and \
                nxt.text[:1].islower():
            # "I. Magnetic resonance spectroscopy (MRS) is considered investigative for all indications, including but
            # not" / "limited to brain tumors, ...": a numbered statement that runs on into the next line is a
            # paragraph, not a section's heading
            line.kind = nxt.kind = "text"
    # PDF tables whose cells the extraction ran together with single spaces, each known by its header line: a line
    # under it that looks like one of its rows is a row of its own
    # "Type of Revision Summary of Changes Date" over "Annual review No change 12/01/2022": the last column the date
    _rows_under(content, lambda h: re.search(r"\bdate$", h, re.IGNORECASE) is not None and len(h.split()) >= 2,
                lambda t, h: re.search(rf"\s(?:{_DATE_VALUE})$", t) is not None)
    # "Line of business Applies" over "Commercial fully insured (HMO, PPO, EPO) Yes" and "Medicare Supplement No": the
    # last column answers yes or no ("X Medicare Advantage (X Medicare Select HMO) No; see Coverage Summary MA-RAD-02"),
    # or a notes column follows the answer ("Product Applies Notes" over "X Medicare Supplement No Original Medicare
    # decides coverage")
    _rows_under(content,
                lambda h: re.search(r"\b(?:applies|applicable|yes\s*/\s*no)(?:\s+(?:notes?|comments?))?$", h,
                                    re.IGNORECASE) is not None and len(h.split()) >= 2,
                lambda t, h: re.search(r"\S\s+(?:Yes|No)(?:[;,]\s+(?:see|refer\s+to|follows?|use)\b[^.]{0,80}\.?)?$", t,
                                       re.I) is not None
                or re.search(r"\b(?:applies|applicable)\s+(?:notes?|comments?)$", h, re.I) is not None
                and re.search(r"\S\s+(?-i:Yes|No)\s+\S(?:[^.]|\.(?=\d)){0,80}$", t) is not None)
    # "Service (CPT) Plan A Plan B Notes" over "MR spectroscopy (76390) Not covered: investigational Not covered: NCD
    # 220.2.1 No authorization issued": a line under a header naming a code column that names a code and ends no
    # sentence
    _rows_under(content, lambda h: _CODE_COLUMN_HEADER.search(h) is not None and len(h.split()) >= 3,
                lambda t, h: _CODE_IN_ROW.search(t[:80]) is not None and not t.rstrip().endswith((".", ":", ";", "?", "!"))
                and not t[:1].islower())
    for line, nxt in zip(content, content[1:]):
        # "... No; see Policy CS-RAD-118" read as a row above, then "COVERAGE RATIONALE": a line in capitals after a
        # table's last row is the next section's heading (it was read on as text while that row looked unfinished)
        # ... and so is a section's usual name ("Policy", "Background") on a line of its own
        if line.kind == "row" and nxt.kind == "text" and (nxt.text.isupper() and len(nxt.text.split()) <= 8 or
                                                          _SECTION_NAME.fullmatch(nxt.text.strip())) and \
                not nxt.text.endswith((".", ",", ";", ":")) and not _CODE_IN_ROW.search(nxt.text):
            nxt.kind = "heading"
    for line, nxt in zip(content, content[1:]):
        # "X (state contracted): this guideline does not apply; refer to" / "the state ... handbook.": a
        # sentence that wraps, not a label
        if line.kind == "label" and nxt.kind == "text" and nxt.text[:1].islower() and len(line.text) >= 50 \
                and not line.text.rstrip().endswith((".", ";")):
            line.kind = "text"
    for line, nxt in zip(content, content[1:] + [None]):  # type: ignore[operator]
        bare = line.text.rstrip(":").strip()
        if line.kind in ("label", "heading") and nxt is not None and _FACT_LABEL.search(bare) and \
                len(bare.split()) <= 5 and (line.kind == "heading" or not split_label(line.text)[1]) and \
                _BARE_VALUE.fullmatch(nxt.text) and nxt.kind not in ("label", "labels", "item"):
            # "Effective Date" / "01/01/2025" on two lines (a PDF label grid, an HTML page of divs)
            line.kind, line.value_line, nxt.kind = "label", nxt, "value"
            continue
        if line.kind == "label":
            label, value = split_label(line.text)  # type: ignore[misc]
            if not value and (label.isupper() or _is_title_like(label)) and not _FACT_LABEL.search(label):
                line.kind = "heading"     # "POSITION STATEMENT:", "Program Exceptions:" open a section
    width = _wrap_width(lines)
    result = Segmented(text)
    result.boilerplate = [(l.start, l.end, l.text) for l in lines if l.kind == "boiler"]
    units = result.units
    section = ""
    table = block = 0
    last_kind = ""
    table_header = ""
    caption: tuple[str, str] | None = None     # a table's lead line ending in ":", and the section it was in
    i = 0
    n = len(lines)

    def next_content(j: int) -> int:
        while j < n and lines[j].kind in ("blank", "boiler"):
            j += 1
        return j

    counted, run_of_headings = 0, 0

    def trailing_headings() -> int:
        """How many units at the end of `units` are headings, each unit looked at once: counting back from the
        end on every heading would make a page of nothing but headings cost the square of its length."""
        nonlocal counted, run_of_headings
        for u in units[counted:]:
            run_of_headings = run_of_headings + 1 if u.kind == "heading" else 0
        counted = len(units)
        return run_of_headings

    while i < n:
        line = lines[i]
        kind = line.kind
        if kind in ("blank", "boiler"):
            i += 1
            continue
        if kind == "heading" and last_kind == "gap" and units and units[-1].kind == "row" and \
                line.page > units[-1].page and " ".join(line.text.split()) == table_header:
            # a table's header line printed again at the top of the next page: the same table goes on
            units.append(Unit("heading", line.start, line.end, text[line.start:line.end], section, page=line.page))
            last_kind = "row"
            i += 1
            continue
        if kind not in ("heading", "row") and caption is not None and last_kind in ("row", "gap"):
            # "Billing history for CPT code 76390:" over its table: the line names the table, not a part of the
            # document; past the table the text is back in the section it was in
            section, caption = caption[1], None
        if kind == "heading":
            units.append(Unit("heading", line.start, line.end, text[line.start:line.end], section, page=line.page))
            own = " ".join(line.text.lower().strip(" :*#").split())
            following = next_content(i + 1)
            caption = (own, section) if line.text.rstrip().endswith(":") and following < n and \
                lines[following].kind == "row" and section else None
            # a heading straight under another ("History" then "Date Comments") stays inside it
            header_row = following < n and lines[following].kind == "row"
            run = trailing_headings()
            if run >= 3 and re.match(r"(?:table\s+of\s+)?contents", units[-run].norm, re.IGNORECASE):
                section = "table of contents"      # the entries of a table of contents are not sections
            elif re.search(r"histor|revision|\blog\b", section) and _DATED.search(line.text):
                pass    # "Medical Policy Panel, November 2015" under "Policy History": an entry of the history, no section
            else:
                section = f"{section} / {own}" if last_kind == "heading" and section and header_row else own
            last_kind = "heading"
            i += 1
            continue
        if kind == "labels":
            for label, value, a, b in known_labels(line.text):
                units.append(Unit("label", line.start + a, line.start + b, text[line.start + a:line.start + b], section,
                                  label=label, value=value, page=line.page))
            last_kind = "label"
            i += 1
            continue
        if kind == "label" and line.value_line is not None:
            end = line.value_line.end
            units.append(Unit("label", line.start, end, text[line.start:end], section,
                              label=line.text.rstrip(":").strip(), value=line.value_line.text, page=line.page))
            last_kind = "label"
            i = lines.index(line.value_line, i) + 1
            continue
        if kind == "label":
            label, value = split_label(line.text)  # type: ignore[misc]
            if len(value) > 40 and len(label.split()) <= 3 and _is_title_like(label):
                section = label.lower()     # "Disclaimer: ...", "Scope: ..." open a section of their own
            units.append(Unit("label", line.start, line.end, text[line.start:line.end], section, label=label,
                              value=value, page=line.page))
            last_kind = "label"
            i += 1
            continue
        if kind == "row":
            if last_kind != "row":
                table += 1
                table_header = units[-1].norm if units and units[-1].kind == "heading" else ""
            cells = tuple(c.strip() for c in re.split(r"\s*\|\s*|\t+|\s{2,}", line.text.strip()) if c.strip())
            if len(cells) >= 2 and not re.search(r"\d", line.text) and \
                    re.search(r"\b(?:revisions?|reviews?|history|changes|approvals?)\b", line.text, re.IGNORECASE):
                # the header row of a revision log ("Reviews, Revisions, and Approvals | Revision Date | ..."):
                # a table of its own, and a history section, even with no heading above it
                table += last_kind == "row"
                section = " ".join(line.text.lower().split())
            two = split_label(line.text) if len(cells) == 2 and not _CODE_START.match(line.text) \
                and not _DATE_START.match(line.text) else None
            if two is None and 1 <= len(cells) <= 2 and cells[0].endswith(":") and " | " in line.text + " " \
                    and len(cells[0]) <= 60:
                two = (cells[0][:-1].strip(), cells[1] if len(cells) == 2 else "")   # a label cell and its value
            pairs = (_label_pairs(line.text, cells) or _label_cells(line.text, cells)) if two is None else []
            if two and " | " in line.text:
                units.append(Unit("label", line.start, line.end, text[line.start:line.end], section,
                                  label=two[0], value=two[1], page=line.page))
            elif pairs:
                # "Effective Date: | 09/25/2025 | Revision Date: | 09/25/2025": a label grid, one label a pair
                for label, value, a, b in pairs:
                    units.append(Unit("label", line.start + a, line.start + b, text[line.start + a:line.start + b],
                                      section, label=label, value=value, page=line.page))
            else:
                end = line.end
                # a cell that wraps onto the next line ("...; prior" / "authorization required.")
                while i + 1 < n and lines[i + 1].kind == "text" and lines[i + 1].text[:1].islower():
                    i += 1
                    end = lines[i].end
                    lines[i].kind = "row-tail"
                # a PDF row that stops mid-sentence carries on after blank lines
                while (len(lines[i].text) >= 60 and " | " not in line.text and re.search(r"[a-z,]$", lines[i].text)
                       and next_content(i + 1) < n and lines[next_content(i + 1)].kind in ("text", "heading")
                       and not re.match(r"^[A-Z][\w /()-]{0,30}:\s", lines[next_content(i + 1)].text)   # "Note: ..."
                       # the line leading the next code list ("ICD-10 codes covered if ... are met:")
                       and not lines[next_content(i + 1)].text.endswith(":")
                       # the next table's caption ("Table 2 - Codes not counted toward the threshold")
                       and not re.match(r"^Table\s+\d+\b", lines[next_content(i + 1)].text, re.IGNORECASE)
                       and not re.match(r"^(?:CPT|HCPCS|ICD)", lines[next_content(i + 1)].text)
                       # the next code group's lead, opening with its status ("Not covered for the diagnosis or
                       # management of CFS: these codes are denied when ...")
                       and not re.match(r"^(?:Not\s+covered|Non-?covered|Covered|Denied|Investigational|Experimental|"
                                        r"Not\s+medically\s+necessary|Medically\s+necessary)\b", lines[next_content(i + 1)].text)):
                    i = next_content(i + 1)
                    end = lines[i].end
                    lines[i].kind = "row-tail"
                units.append(Unit("row", line.start, end, text[line.start:end], section, cells=cells,
                                  table=table, page=line.page))
            last_kind = "row"
            j = next_content(i + 1)
            # a table survives blank lines and page breaks as long as rows follow
            i = j if j < n and lines[j].kind == "row" else i + 1
            if i == j:
                continue
            last_kind = "row" if next_content(i) < n and lines[next_content(i)].kind == "row" else "gap"
            continue
        # a paragraph or a list item: gather its lines
        start_line = i
        j = i + 1
        while j < n:
            nxt = lines[j]
            if nxt.kind == "text" and kind == "item" and _item_ended(lines[j - 1].text, nxt.text, width):
                break
            if nxt.kind == "text" and kind == "item" and _last_of_a_list(units, lines[j - 1].text, nxt.text):
                break
            if nxt.kind == "text" and kind == "item" and _box_ended(lines[j - 1].text, lines[start_line].text, nxt.text,
                                                                   width):
                break
            if nxt.kind == "text":
                j += 1
                continue
            if nxt.kind in ("blank", "boiler"):
                k = next_content(j)
                tail = lines[j - 1].text
                # a PDF line that stops mid-sentence carries on after page furniture and blank lines
                if (k < n and lines[k].kind in ("text", "heading") and len(tail) >= 60
                        and not tail.endswith((".", ":", ";", "?", "!")) and lines[k].text[:1].islower()):
                    j = k + 1
                    lines[k].kind = "text"
                    continue
                if (k < n and lines[k].kind == "text" and len(tail) >= 60
                        and not tail.endswith((".", ":", ";", "?", "!")) and re.search(r"\w,?$", tail)
                        # a list item ends without a stop ("- X Medicare Bridge (HMO D-SNP), as described below"); the
                        # capitalised paragraph after the blank line is no part of it
                        and not (kind == "item" and lines[k].text[:1].isupper())):
                    j = k + 1
                    continue
            break
        end_line = j - 1
        while lines[end_line].kind in ("blank", "boiler"):
            end_line -= 1
        p_start, p_end = lines[start_line].start, lines[end_line].end
        chunk = text[p_start:p_end]
        block += 1
        if kind == "item":
            marker = _ITEM.match(chunk)
            lead = -1
            for back in range(len(units) - 1, -1, -1):
                u = units[back]
                if u.kind == "item":
                    lead = u.lead
                    break
                if u.kind == "sentence" and u.norm.endswith(":"):
                    lead = back
                break
            raw = lines[start_line].raw
            depth = (len(raw) - len(raw.lstrip(" "))) // 2
            units.append(Unit("item", p_start, p_end, chunk, section, block=block, lead=lead, page=lines[start_line].page,
                              value=chunk[marker.end():] if marker else chunk, depth=depth))
            last_kind = "item"
        else:
            for a, b in _sentence_spans(chunk, p_start):
                units.append(Unit("sentence", a, b, text[a:b], section, block=block, page=lines[start_line].page))
            last_kind = "sentence"
        i = j
    furniture = [(a, b) for a, b, _ in result.boilerplate]
    starts = [a for a, _ in furniture]
    for index, unit in enumerate(units):
        unit.index = index
        k = bisect_left(starts, unit.start)
        inside = []
        while k < len(furniture) and furniture[k][1] <= unit.end:
            inside.append((furniture[k][0] - unit.start, furniture[k][1] - unit.start))
            k += 1
        unit.furniture = tuple(inside)
    return result
