"""Finding the values of a policy in its segmented text. Each finder returns a value with the unit it
came from, or nothing: a value the document does not state is left for the reviewer, never guessed.

The rules are deliberately narrow (labels, applicability sentences, determination phrases, code tables)
because a reviewer forgives a gap but not a confident mistake.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from .knowledge import Knowledge
from .model import Citation, CodeFinding, Finding, ImportResult, LineFinding, ServiceFinding
from .segments import Segmented, Unit, looks_like_date

I = re.IGNORECASE

# -- sections ---------------------------------------------------------------------------------------
# Sections that describe, argue or record history; nothing in them decides coverage.
_NOT_DECISIONAL = re.compile(
    r"description|background|summary|rationale|evidence|histor|revision|log\b|references|sources|scientific|"
    r"validity|utility|guidelines|fda|food and drug|terminology|related|appendix|disclaimer|definition|"
    r"important reminder|cross reference|documentation|coding|codes|proprietary|table of contents|"
    r"member protections|appeals|prior authorization", I)
_HISTORY = re.compile(r"histor|revision|\blog\b|changes|change\s+summary|summary\s+of\s+changes", I)
_REFERENCES = re.compile(r"\breferences\b|\bsources\b|bibliograph|citations", I)
_EVIDENCE_SECTION = re.compile(r"rationale|evidence|guideline|conclusion", I)


# ... and a reimbursement policy's "Reimbursement Guidelines"
_DECISIONAL = re.compile(r"coverage|polic(?:y|ies)|position|statement|criteria|indications|determination|"
                         r"reimbursement\s+guidelines?", I)


def _decisional(unit: Unit) -> bool:
    section = unit.section or ""
    if _history(unit):
        return False
    if _DECISIONAL.search(section) and not re.search(r"histor|related|cross|reference|description|background",
                                                     section, I):
        return True       # "Coverage Rationale" is where a policy decides
    return not _NOT_DECISIONAL.search(section)


def _history(unit: Unit) -> bool:
    return bool(_HISTORY.search(unit.section or ""))


def _clean(text: str) -> str:
    """Markdown links and emphasis out, whitespace collapsed: `[INVESTIGATIONAL](#)` reads as a word."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("\\(", "(").replace("\\)", ")")
    return " ".join(text.split())


# -- dates ------------------------------------------------------------------------------------------
_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b"), "mdy"),
    (re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})\b"), "Mdy"),
    (re.compile(r"\b(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})\b"), "dMy"),
    (re.compile(r"\b(\d{4})-(\d{2})\b(?!-)"), "ym"),
    (re.compile(r"\b(\d{1,2})/(\d{4})\b"), "my"),
    (re.compile(r"(?<![\d:])(\d{1,2}):((?:19|20)\d{2})\b(?!:)"), "my"),     # "Issue 10:2025" (month:year)
    (re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{4})\b"), "My"),
]


def _month_year(value: str) -> tuple[str, int] | None:
    """"07/25" standing alone as a date label's value or a history cell: July 2025 (no day without a year)."""
    m = re.fullmatch(r"(\d{1,2})/(\d{2})", value.strip())
    if m and 1 <= int(m.group(1)) <= 12:
        return f"20{m.group(2)}-{int(m.group(1)):02d}", 0
    return None


# any date a value may hold, to count them
_DATE_ANY = re.compile(r"\b\d{1,2}/(?:\d{1,2}/)?\d{2,4}\b|\b\d{4}-\d{2}\b|\b[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},?\s+)?\d{4}\b")


def parse_date(text: str) -> tuple[str, int] | None:
    """The first date in `text` as ISO (a month alone stays YYYY-MM) and where it starts."""
    found: list[tuple[int, str]] = []
    for pattern, shape in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(shape, m.groups())
            if iso:
                found.append((m.start(), iso))
                break
    if not found:
        return None
    found.sort(key=lambda f: (f[0], -len(f[1])))
    start, iso = found[0]
    return iso, start


def _iso(shape: str, g: tuple[str, ...]) -> str | None:
    try:
        if shape == "ymd":
            return dt.date(int(g[0]), int(g[1]), int(g[2])).isoformat()
        if shape == "mdy":
            year = int(g[2]) + (2000 if len(g[2]) == 2 else 0)
            return dt.date(year, int(g[0]), int(g[1])).isoformat()
        if shape == "Mdy":
            month = _MONTHS.get(g[0].lower())
            return dt.date(int(g[2]), month, int(g[1])).isoformat() if month else None
        if shape == "dMy":
            month = _MONTHS.get(g[1].lower())
            return dt.date(int(g[2]), month, int(g[0])).isoformat() if month else None
        if shape == "ym":
            return f"{int(g[0]):04d}-{int(g[1]):02d}" if 1 <= int(g[1]) <= 12 and 1900 < int(g[0]) < 2200 else None
        if shape == "my":
            return f"{int(g[1]):04d}-{int(g[0]):02d}" if 1 <= int(g[0]) <= 12 else None
        if shape == "My":
            month = _MONTHS.get(g[0].lower())
            return f"{int(g[1]):04d}-{month:02d}" if month else None
    except ValueError:
        return None
    return None


_DATE_LABELS = [
    ("origination", re.compile(r"^(?:original(?:ly)?\s+(?:effective\s+date|effective|approval|approval date|"
                               r"date|published|publication date|policy date|issue date)|origination(?:\s+date)?|date\s+of\s+origin|"
                               r"policy\s+created|created|date\s+created|date\s+of\s+creation|(?:date\s+|policy\s+)?initiated)$", I)),
    ("next_review", re.compile(r"^next\s+(?:scheduled\s+|annual\s+)?review(?:\s+date)?(?:\s+due)?$|^scheduled\s+review"
                               r"(?:\s+date)?$|"
                               r"^(?:review|reviewed)\s+due$|^date\s+of\s+next\s+review$", I)),
    ("last_reviewed", re.compile(r"^(?:(?:last|latest)\s+(?:annual\s+)?review(?:ed)?(?:\s+date)?|reviewed|date\s+reviewed|"
                                 r"review\s+date|last\s+reviewed\s+date|revision\s+date|last\s+revised|"
                                 r"revised|date\s+(?:last\s+)?revised|date\s+of\s+(?:last\s+)?review|date\s+of\s+last\s+revision|"
                                 r"last\s+revision(?:\s+date)?)$", I)),
    ("approved", re.compile(r"^(?:approved(?:\s+by(?:\s+[\w ]+)?)?|date\s+approved|(?:committee\s+|mpc\s+)?approval\s+date|"
                            r"approved\s+date|date\s+of\s+approval)$", I)),
    ("published", re.compile(r"^(?:published|publication\s+date|date\s+published|posted|publish\s+date|"
                             r"date\s+of\s+publication|issue(?:\s+date)?|date\s+issued|"
                             r"(?:date\s+)?published\s+to\s+(?:the\s+)?web(?:site)?)$", I)),
    ("effective_from", re.compile(r"^(?:(?:policy\s+|revision\s+|version\s+)?effective(?:\s+date)?|date\s+effective|effective\s+for\s+dates\s+of\s+"
                                  r"service\s+on\s+or\s+after|current\s+effective\s+date|version\s+effective\s+date|"
                                  r"effective\s+date\s+of\s+(?:the\s+)?current\s+(?:version|revision|policy)|"
                                  r"(?:these|the)\s+changes\s+are\s+effective)$",
                                  I)),
]
# Sections about other documents: a date there belongs to a reference, a national or local coverage
# determination or a regulator, not to this policy.
_OTHER_DOCUMENT = re.compile(r"\breferences?\b|\bsources\b|bibliograph|citations|\bNCD\b|\bLCD\b|national\s+coverage|"
                             r"local\s+coverage|\bFDA\b|food\s+and\s+drug|regulatory|\bCMS\b", I)
# A sentence whose approval or effective date is a regulator's or a product's ("FDA approved on ...").
_NOT_THE_POLICY = re.compile(r"\bFDA\b|Food\s+and\s+Drug|\bcleared\b|\bCLIA\b|\bNCD\b|\bLCD\b|national\s+coverage|"
                             r"\bCMS\b|\bdevice\b", I)
DATE_FIELDS = ("effective_from", "last_reviewed", "next_review", "approved", "published", "origination")


def find_dates(seg: Segmented, result: ImportResult) -> None:
    dates: dict[str, Finding | None] = {f: None for f in DATE_FIELDS}
    empty: dict[str, Unit] = {}
    # the header block: labels before the first sentence or list item are the policy's own facts, even
    # under a heading such as "Policy History" ("Last Review: 03/14/2025 / Effective: 08/10/1998")
    revised_only = False
    header_end = next((u.index for u in seg.units if u.kind in ("sentence", "item") and len(u.norm.split()) >= 6),
                      len(seg.units))
    original = _labels_defined_as_original(seg)
    # A history section's labels are its entries ("Revised: 05/2019", "Revised: 03/2021"), except a kind of date it
    # gives once: "Original effective date: ...", "Effective date: ...", "Next review: ..." under "Document history"
    # are the policy's own facts
    history_kinds = Counter(_date_field(u.label) for u in seg.by_kind("label") if _history(u) and u.index > header_end)
    for unit in seg.by_kind("label"):
        if (_history(unit) and unit.index > header_end and history_kinds[_date_field(unit.label)] != 1) or \
                _OTHER_DOCUMENT.search(unit.section or ""):
            continue
        label = unit.label.strip(" :*")
        if len(_DATE_ANY.findall(unit.value)) > 1:
            continue       # "Revised: 03/2016, 07/2017, 01/2021": a log of several dates is no one date of the policy
        for field, pattern in _DATE_LABELS:
            if not pattern.match(label):
                continue
            if label.casefold() in original:
                field = "origination"     # the document says what its label means, whatever the word
            revision = bool(re.search(r"revis", label, I))
            if dates[field] is not None and not (field == "last_reviewed" and not revision and revised_only):
                break
            value = unit.value.strip()
            if field == "approved" and re.search(r"\bcommittee\b[^,]*,\s*\S+$", value, I):
                value = value.rsplit(",", 1)[1].strip()    # "Approved by: Reimbursement Policy Committee, 02/11/2026"
            parsed = (parse_date(value) or _month_year(value)) if value else None
            if parsed and parsed[1] == 0:
                # a review label ("Review Date") says more of the last review than a revision label
                # ("Revision Date"), whichever comes first
                dates[field] = Finding(parsed[0], Citation.of(unit))
                if field == "last_reviewed":
                    revised_only = revision
            elif field not in empty:
                empty[field] = unit
            break
    # A policy history table: its first "new policy" row is the origination; its latest row, when it
    # is not that one, the last review. Labels win over the table.
    rows = [u for u in seg.by_kind("row") if _history(u) or re.match(r"^\d{1,2}/", u.norm)]
    dated: list[tuple[str, Unit]] = []
    for unit in rows:
        if not _history(unit):
            continue
        first = unit.cells[0] if unit.cells else unit.norm
        status = re.match(r"^(?:New|Revised|Reviewed|Created|Updated|Adopted)\s+(?=\d)", first)
        first = first[status.end():] if status else first
        parsed = parse_date(first)
        if parsed and parsed[1] == 0 and re.fullmatch(r"[\d/\-]+", first.split()[0]):
            dated.append((parsed[0], unit))
        elif len(unit.cells) == 1 and re.search(r"\s\d{1,2}/\d{1,2}/\d{4}$", first):
            # "Annual review Added Section III 02/15/2026": a row under a header whose last column is the date
            dated.append((parse_date(first.rsplit(" ", 1)[1])[0], unit))  # type: ignore[index]
        elif len(unit.cells) >= 2 and not parse_date(first) and (_month_year(unit.cells[1]) or (
                parse_date(unit.cells[1]) or ("", 1))[1] == 0 and re.fullmatch(r"[\d/\-]+", unit.cells[1])):
            # "Policy developed | 07/21 | 08/21": the entry first, then its date (revision, then approval)
            dated.append(((_month_year(unit.cells[1]) or parse_date(unit.cells[1]))[0], unit))  # type: ignore[index]
    for unit in seg.by_kind("label"):
        # "Medical Policy Group, March 2016 (1): New policy; ...": a history entry dated in its label
        if _history(unit) and unit.index > header_end and _date_field(unit.label) is None and parse_date(unit.label):
            dated.append((parse_date(unit.label)[0], unit))  # type: ignore[index]
    created = [(d, u) for d, u in dated
               if re.search(r"\bnew policy\b|\bpolicy (?:created|adopted|established|developed)\b|\bcreated\b|\badopted\b|"
                            r"^(?:New|Created)\s+\d|\binitial\s+(?:document|policy)\s+development\b", u.norm, I)]
    if dates["origination"] is None and created:
        d, u = min(created, key=lambda x: x[0])
        dates["origination"] = Finding(d, Citation.of(u), note="from the policy history table")
    if dates["last_reviewed"] is None and dated:
        d, u = max(dated, key=lambda x: x[0])
    if dates["last_reviewed"] is None and dated and not _effective_column(seg, u):
        if not re.search(r"\bnew policy\b|\bpolicy (?:created|adopted|established)\b", u.norm, I):
            dates["last_reviewed"] = Finding(d, Citation.of(u), note="the latest entry of the policy history")
    # "approved October 14, 2025, effective for dates of service on or after February 6, 2026" in prose
    for unit in seg.units:
        if unit.kind not in ("sentence", "row"):
            continue
        clean = _clean(unit.text)
        if _OTHER_DOCUMENT.search(unit.section or "") or _NOT_THE_POLICY.search(clean):
            continue
        for field, rx in (("approved", r"\bapproved\s+(?:by\s+(?:the\s+)?[A-Z][\w&,' ]{2,90}?\s+)?(?:on\s+)?"),
                          ("effective_from", r"\beffective\s+for\s+dates\s+of\s+service\s+on\s+or\s+after\s+"),
                          # a bulletin's or transmittal's own changes: "These changes are effective: April 1, 2026.",
                          # "The medical policy changes in this chart are effective April 1, 2026"
                          ("effective_from", r"\b(?i:these|the)\s+(?:\w+\s+){0,3}changes\s+(?:in\s+this\s+(?:\w+\s+)?)?"
                                             r"(?:are|will\s+be|become)\s+effective:?\s+(?:on\s+)?")):
            if dates[field] is not None:
                continue
            m = re.search(rx + r"([A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})", clean)
            if m:
                parsed = parse_date(m.group(1))
                if parsed:
                    dates[field] = Finding(parsed[0], Citation.of(unit), note="stated in a sentence, not a label")
    # a date printed only in the running header or footer ("Effective Date: 01/01/2025 | Page 1 of 3") is
    # still the document's own; its first occurrence is cited
    for label, value, cite in _furniture_labels(seg):
        for field, pattern in _DATE_LABELS:
            if pattern.match(label) and dates[field] is None and field not in empty:
                parsed = parse_date(value) or _month_year(value)
                if parsed and parsed[1] == 0:
                    dates[field] = Finding(parsed[0], cite, note="from the running header or footer")
                break
    for field, unit in empty.items():
        if dates[field] is None:
            result.notes.append(f"{field}: the label \"{unit.norm}\" has no date")
    result.dates = dates


def _date_field(label: str) -> str | None:
    return next((f for f, pattern in _DATE_LABELS if pattern.match(label.strip(" :*"))), None)


# "Effective - the date of the original version of the policy": a document that defines a date label
# as its first version's date makes that label the origination, whatever the label's usual meaning.
_DEFINED_AS_ORIGINAL = re.compile(r"(\b[A-Za-z][A-Za-z ]{0,30}?)\s*(?:[-\u2013\u2014:=]|\bmeans\b|\bis\b)\s*the\s+date\s+"
                                  r"(?:of\s+)?the\s+(?:original|first|initial)\s+(?:version|issue|policy|publication)\b", I)


def _labels_defined_as_original(seg: Segmented) -> set[str]:
    return {m.group(1).strip().casefold() for u in seg.units for m in _DEFINED_AS_ORIGINAL.finditer(_clean(u.text))}


def _effective_column(seg: Segmented, row: Unit) -> bool:
    """A history table whose date column is headed "Effective" ("Version | Effective | Change") dates each
    version's start, not its review: its latest row says when that version took effect, which may be long
    after (or before) the review that made it."""
    header = next((u for u in seg.units if u.kind == "row" and u.table == row.table and u.cells
                   and not re.search(r"\d", u.text)), None)
    if header is None:
        return False
    at = next((i for i, c in enumerate(row.cells) if parse_date(c) or _month_year(c)), -1)
    return 0 <= at < len(header.cells) and bool(re.match(r"effective\b", header.cells[at], I))


def _furniture_labels(seg: Segmented) -> list[tuple[str, str, Citation]]:
    """`Label: value` pieces of the page furniture (lines repeated on every page), each shape once."""
    from .segments import split_label
    out, seen = [], set()
    for start, _, line in seg.boilerplate:
        for m in re.finditer(r"[^|]+", line):
            piece = m.group(0).strip()
            pair = split_label(piece) if ":" in piece else None
            if not pair or not pair[1] or pair[0].lower() in seen:
                continue
            seen.add(pair[0].lower())
            at = start + m.start() + m.group(0).find(piece)
            out.append((pair[0].strip(" :*"), pair[1].strip(), Citation(" ".join(piece.split()), at, at + len(piece))))
    return out


# -- payer, title, number ----------------------------------------------------------------------------
_ORG = re.compile(r"\b(?:Community\s+(?:Health\s+)?Plan|Health\s+Plans|Blue\s*Cross|Blue\s*Shield|Health\s+Plan|Health\s+Insurance|Insurance\s+Company|"
                  r"Health\s+Partners|Health\s+Alliance|Healthcare|Health\s+Care|Health|HMO|Medicare\s+Advantage|"
                  r"Senior\s+Advantage|Community\s+Care|Inc\.?|Corporation|Company|Mutual|Assurance|Care)\b", I)
# The organisation itself within a banner line: capitalised words up to and including the organisation word.
_ORG_NAME = re.compile(
    r"^(?P<name>(?:[A-Z][\w&'.-]*\s+){0,5}?(?:Community\s+(?:Health\s+)?Plan|Health\s+Plans|Blue\s*Cross(?:\s+(?:and\s+|&\s*)?Blue\s*Shield)?(?:\s+of\s+[A-Z]\w+"
    r"(?:\s+[A-Z]\w+)?)?|Blue\s*Shield(?:\s+of\s+[A-Z]\w+)?|Health\s+(?:Plan|Alliance|Partners|Network|System|"
    r"Insurance\s+Company|Insurance|Benefits|Options|Solutions|Services|Cooperative)|Insurance\s+Company|Healthcare|Health\s+Care|Health|Medicare\s+Advantage|"
    r"Senior\s+Advantage|Community\s+Care|Mutual|Assurance)(?:,?\s+Inc\.?|\s+Company|\s+Corporation)?)(?!\s+of\b)",
    I)
_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|\u00b7|/)\s+")
_DOCTYPE = re.compile(r"\b(?:polic(?:y|ies)|manual|guideline|bulletin|reimbursement|coverage\s+determination|"
                      r"laboratory|radiology|medicine|clinical|table\s+of\s+contents|page)\b", I)
_LICENSEE = re.compile(r"^(?P<org>.+?)\s+is\s+an\s+independent\s+licensee\s+of\s+the\s+Blue\s+Cross", I)
_COPYRIGHT = re.compile(r"(?:\u00a9|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<org>[A-Z][\w&.' -]{2,60}?)\s*"
                        r"(?:,?\s*(?:Inc\.?)?\s*)?All\s+Rights\s+Reserved", I)
_GENERIC_HEADINGS = re.compile(
    r"^(?:policy(?: description| statement)?|description|summary|background|scope|purpose|overview|"
    r"indications|coverage|coding|table of contents|important reminder|applies to|applicability|"
    r"introduction|medical policy|clinical policy|reimbursement policy)$", I)


_SECTION_WORDS = {"policy", "policies", "statement", "description", "summary", "background", "scope", "purpose",
                  "overview", "indications", "coverage", "coding", "codes", "applies", "applicability", "who",
                  "what", "this", "to", "the", "of", "and", "for", "a", "instructions", "criteria", "position",
                  "definitions", "rationale", "references", "history", "information", "details", "contents",
                  "table", "general", "related", "guidelines", "guideline", "revision", "review", "dates",
                  "effective", "medical", "necessity", "determination", "benefit", "member", "members", "plan",
                  "products", "lines", "business", "notes", "note", "disclaimer", "reimbursement", "documentation"}


def _section_heading(low: str) -> bool:
    """A heading made only of section words ("Who this policy applies to", "Coverage Criteria") names a
    part of the document, not its subject."""
    words = re.findall(r"[a-z]+", low)
    return bool(words) and all(w in _SECTION_WORDS for w in words)


def _lines_near_top(seg: Segmented, limit: int = 1200) -> list[tuple[int, int, str]]:
    """Lines of the first part of the document, page furniture included (the payer often lives there)."""
    out = []
    pos = 0
    for raw in seg.text[:limit].split("\n"):
        stripped = raw.replace("\f", " ").strip()
        if stripped:
            lead = raw.find(stripped[:1]) if stripped else 0
            out.append((pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw) + 1
    return out


def _org_name(text: str) -> str:
    """The organisation a banner or a sentence's phrase names: capitalised words up to its organisation words."""
    m = _ORG_NAME.match(text)
    name = " ".join((m.group("name") if m else text).split())
    # "Osprey Mutual" + "Health", "Osterbay Health" + "Mutual": an organisation word may follow another
    while True:
        more = re.match(r"\s+(?:Health|Plans?|Insurance|Company|Partners|Alliance|Network|Group|Benefits|Options|"
                        r"Solutions|Cooperative|Mutual|Inc\.?)\b", " ".join(text.split())[len(name):], I)
        if not more:
            break
        name += more.group(0)
    # "HOLLOWMERE SENIOR ADVANTAGE (HMO)": the plan type in brackets is not part of the name
    return re.sub(r"\s*\((?:HMO|PPO|POS|EPO|HMO-POS|D-SNP|PFFS)[^)]*\)$", "", name)


def _page_footers(seg: Segmented) -> list[tuple[int, int, str]]:
    """Lines that end with a page number ("X Insurance Company - Payment Guideline PG-031 - Page 1 of 1"): a
    footer names the payer where the top of the page does not."""
    out = []
    for m in re.finditer(r"^[ \t\f]*(?P<line>[^\n]*?\bPage\s+\d+\s+of\s+\d+)[ \t]*$", seg.text, re.M):
        out.append((m.start("line"), m.end("line"), m.group("line")))
    return out


def _unit_containing(seg: Segmented, start: int) -> Unit | None:
    for u in seg.units:
        if u.start <= start < u.end:
            return u
    return None


_NOTICE_LEAD = re.compile(r"^(?:important\s+)?(?:information|notice|note|message|news|update)s?\s+"
                          r"(?:concerning|regarding|about|on|for)\b", I)
# the CPT code set's copyright notice names its holder, not the payer ("CPT codes, descriptions ... are
# copyright 2025 American Medical Association. All rights reserved.")
_CPT_HOLDER = re.compile(r"\bAmerican\s+Medical\s+Association\b|\bAMA\b", I)


def find_payer(seg: Segmented, result: ImportResult) -> None:
    name = None
    header_cite = None
    for start, end, line in _lines_near_top(seg)[:12] + _page_footers(seg):
        m = _LICENSEE.match(line)
        if m:
            name, header_cite = m.group("org").strip(), Citation(line, start, end)
            break
        line_head = _SEPARATORS.split(line)[0].strip()
        if _NOTICE_LEAD.match(line_head):
            continue        # "IMPORTANT INFORMATION CONCERNING X PAYMENT GUIDELINES" heads a notice about X
        # "Private Property of <payer>, Inc.": the owner named on a printed page
        owner = re.match(r"^(?:private\s+)?property\s+of\s+(?P<org>.+)$", line_head, I)
        if owner:
            # "Private Property of X Health Plan. This guideline is Copyright ...": the owner ends with its sentence
            line_head = re.split(r"(?<!\bInc)(?<!\bCo)\.\s", owner.group("org").strip())[0]
        # "Ridgeway HealthCare Commercial Medical Policy": the organisation before the kind of document
        kind = re.match(r"^(?P<org>.+?)\s+(?:(?:Commercial|Medicare\s+Advantage|Medicaid|Individual|Group)\s+)*"
                        r"(?:Medical|Clinical|Coverage|Reimbursement|Payment)\s+(?:Policy|Policies|Guideline|Bulletin)"
                        r"(?:\s+(?:Manual|Bulletin)|\s*(?:/|&|\band\b)\s*Cod(?:es|ing))?$", line_head, I)  # "... Medical Policy/Codes"
        if kind and not _DOCTYPE.search(kind.group("org")):
            line_head = kind.group("org").strip()
        if (_ORG.search(line_head) and not _DOCTYPE.search(line_head) and len(line_head.split()) <= 7
                and not re.search(r"(?<!\bInc)[.:;]$", line_head) and not parse_date(line_head)
                and not re.match(r"\d+(?:\.\d+)+\s", line_head)   # a numbered section ("55.02 ELIGIBILITY FOR CARE")
                and sum(w[0].isupper() for w in line_head.split()) >= 2):
            name = _org_name(line_head)
            at = line.find(name) if name in line else 0
            header_cite = Citation(name if name in line else line_head, start + at,
                                   start + at + len(name if name in line else line_head))
            break
    if name is None:
        for unit in seg.units:
            line = unit.norm
            after = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
            if after is not None and unit.kind == "sentence" and after.kind == "sentence" and after.block == unit.block:
                line += " " + after.norm     # "(c) 2025 X Health." and "All rights reserved." are one line
            m = _COPYRIGHT.search(line)
            if m and (m.start("org") >= len(unit.norm) or _CPT_HOLDER.search(m.group("org"))):
                continue
            if m and _plain_org(m.group("org")):
                org = m.group("org").strip()
                # "(c) 2019 Orbury Health Plan. All rights reserved.": the sentence's stop is not the name's,
                # an abbreviation's is ("Orbury Health, Inc.")
                if org.endswith(".") and not re.search(r"\b(?:Inc|Co|Corp|Ltd|L\.?L\.?C|P\.?C)\.$", org):
                    org = org[:-1].rstrip()
                result.payer = Finding(org, Citation.of(unit), note="from the copyright line")
                return
        for unit in seg.units:
            # "The Dispatch is published monthly by Osterbay Health Mutual, a nonprofit mutual insurance company."
            m = re.search(r"\bis\s+published\s+(?:\w+\s+)?by\s+(?P<org>[A-Z][^,.;|]{2,60})", unit.norm) \
                if unit.kind in ("sentence", "row") else None
            if m and _ORG.search(m.group("org")) and _org_name(m.group("org")) == " ".join(m.group("org").split()):
                result.payer = Finding(_org_name(m.group("org")), Citation.of(unit), note="the publisher of the document")
                return
        result.notes.append("payer: no organisation named at the top of the document or in a copyright line")
        return
    # Cite the line that names the payer. A name set in capitals is cited where the body spells it
    # normally, preferably where it starts the sentence ("Lanternfield Community Health Plan does not ...").
    if header_cite is not None and not name.isupper():
        result.payer = Finding(" ".join(name.split()), header_cite)
        return
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", I)
    spelled_in: list[tuple[bool, Unit, str]] = []
    for unit in seg.units:
        if unit.kind in ("sentence", "item"):
            m = pattern.search(unit.text)
            if m and not m.group(0).isupper():
                spelled_in.append((m.start() > 0, unit, " ".join(m.group(0).split())))
    if spelled_in:
        _, unit, spelled = min(spelled_in, key=lambda x: (x[0], x[1].start))
        result.payer = Finding(spelled, Citation.of(unit))
        return
    # else a footer or banner line that spells it normally ("Kestrel Valley Health Plan | ... | Page 1 of 1")
    pos = 0
    for raw in seg.text.split("\n"):
        line = raw.replace("\f", " ").strip()
        m = pattern.match(line)
        if m and not m.group(0).isupper():
            at = pos + raw.find(line[:1])
            result.payer = Finding(" ".join(m.group(0).split()), Citation(" ".join(line.split()), at, at + len(line)))
            return
        pos += len(raw) + 1
    result.payer = Finding(name, header_cite, note="spelled in capitals in the document")  # type: ignore[arg-type]


def _plain_org(name: str) -> bool:
    return 1 <= len(name.split()) <= 6


_NUMBER_LABEL = re.compile(r"^(?:(?:plan|clinical|medical|reimbursement|payment|coverage)\s+)?policy"
                           r"(?:\s+(?:number|no\.?|#|id|identifier))?$|^policy\s*#$|^document\s*(?:number|id|no\.?|#)$|"
                           r"^(?:(?:medical|clinical|coverage|reimbursement|payment)\s+)?(?:guideline|summary|bulletin|"
                           r"determination)\s*(?:number|no\.?|#|id|identifier)$", I)


def find_number(seg: Segmented, result: ImportResult) -> None:
    for unit in seg.by_kind("label"):
        if _history(unit):
            continue
        # "PAYMENT GUIDELINE          Guideline No: PG-031": the label is the piece after the wide gap
        label = re.split(r"\s{3,}", unit.label.strip(" :*"))[-1]
        if _NUMBER_LABEL.match(label):
            # "Policy Number: HGMA-RAD-0219 Line of Business: Medicare Advantage": the value ends at the next label
            value = re.split(r"\s+(?=[A-Z][A-Za-z ]{2,30}:)", unit.value.strip())[0].rstrip(".")
            if value and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-/ ]{0,30}", value) and re.search(r"\d", value):
                result.policy_number = Finding(value, Citation.of(unit))
                return
    for unit in seg.units[:20]:
        if unit.kind == "label" and re.fullmatch(r"(?:number|no\.?|#)", unit.label.strip(" :*"), I):
            value = unit.value.strip().rstrip(".")
            if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-/]{0,30}", value) and re.search(r"\d", value):
                result.policy_number = Finding(value, Citation.of(unit))
                return
    for start, end, line in _lines_near_top(seg)[:10]:
        m = re.search(r"\b(?:Medical|Clinical|Payment|Reimbursement|Coverage)\s+Policy\s+(?:No\.?\s*|Number\s*|#\s*)?"
                      r"([A-Z]{1,6}[-.]?\d[\w.\-]*)\s*$", line) or \
            re.search(r"(?:^|,\s+|\s{2,})Policy\s+(?:No\.|Number|#)\s*(\d{1,6}(?:[.-]\d+)*)\s*$", line)   # "Laboratory, Policy No. 77"
        if m:
            result.policy_number = Finding(m.group(1), Citation(" ".join(line.split()), start, end),
                                           note="from the document's heading")
            return
    for unit in seg.by_kind("label"):
        if re.fullmatch(r"reference\s+(?:number|no\.?|#)", unit.label.strip(" :*"), I):
            value = unit.value.strip().rstrip(".")
            if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-/]{1,30}", value) and re.search(r"\d", value) and \
                    re.search(r"[A-Za-z]", value):
                result.policy_number = Finding(value, Citation.of(unit), note="from the document's reference number")
                return
    # A guideline number printed on a line of its own near the top ("05-84999-17"): three hyphenated
    # groups, or letters and digits, with three digits or more ("COVID-19" and "ICD-10" are not numbers);
    # never dotted digits alone ("2.04.73" is a reference number)
    for unit in seg.units[:20]:
        value = unit.norm
        if unit.kind == "heading" and re.fullmatch(r"[A-Z0-9]{1,8}(?:[-.][A-Z0-9]{1,8}){1,4}", value) and \
                (value.count("-") >= 2 or re.search(r"[A-Z]", value)) and len(re.findall(r"\d", value)) >= 3 \
                and not parse_date(value):
            result.policy_number = Finding(value, Citation.of(unit), note="an identifier on a line of its own")
            return
    for label, value, cite in _furniture_labels(seg):
        if _NUMBER_LABEL.match(label) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-/]{0,30}", value) and \
                re.search(r"\d", value):
            result.policy_number = Finding(value, cite, note="from the running header or footer")
            return
    result.notes.append("policy number: no \"Policy Number:\" label")


_CHANGES_SUBJECT = re.compile(r"\b(?:changes|revisions|updates|amendments)\s*$", I)
_ONLY_A_DATE = re.compile(r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4}|"
                          r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}(?:-\d{2})?)$", I)


_TITLE_NUMBER = re.compile(r"^(?P<head>[A-Z]{1,4}\s?\d{1,3}(?:\.\d{1,3}){1,3})\s+(?=[A-Z][a-z])|"
                           r"\s+(?P<tail>[A-Z]{2,5}\s?[-\u2013]\s?[A-Z]?\d{3,6})$")


def find_title(seg: Segmented, result: ImportResult) -> None:
    for unit in seg.by_kind("label"):
        label = unit.label.strip(" :*").lower()
        if label in ("title", "policy title", "policy name", "guideline name", "guideline title", "subject", "topic",
                     "document title", "policy subject") and unit.value:
            if _CHANGES_SUBJECT.search(unit.value):
                continue    # a transmittal letter's "SUBJECT: MEDICAID SERVICES MANUAL CHANGES" names no policy
            result.title = Finding(unit.value.strip(), Citation.of(unit))
            return
        # "Clinical Policy: Experimental and Investigational Laboratory Services" (a name, not a number)
        if re.fullmatch(r"(?:clinical|medical|coverage|reimbursement|payment)\s+policy(?:\s+bulletin)?", label) and \
                len(unit.value.split()) >= 2 and not re.search(r"\d", unit.value):
            result.title = Finding(unit.value.strip(), Citation.of(unit))
            return
    for unit in seg.units[:40]:
        # "Subject:" on a line of its own, the title on the next ("Vitamin and Micronutrient Laboratory Testing")
        after = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
        if unit.kind == "heading" and after is not None and after.kind == "heading" and \
                re.fullmatch(r"(?:policy\s+|guideline\s+|document\s+)?(?:title|subject|topic|name)\s*:", unit.norm, I) \
                and not after.norm.endswith(":") and not _GENERIC_HEADINGS.match(after.norm) and \
                not _section_heading(after.norm.lower()):
            result.title = Finding(after.norm, Citation.of(after))
            return
    payer = result.payer.value.lower() if result.payer else None
    facts = False           # the labels of the policy's facts have begun
    for unit in seg.units[:15]:
        if unit.kind == "label" and not re.search(r"\|", unit.text) and \
                not re.fullmatch(r"(?:[\w&]+\s+)*(?:medical|clinical|reimbursement)\s+policy(?:\s+manual|\s+bulletin)?",
                                 unit.label.strip().lower()):
            facts = True    # headings after them are sections, unless one names a service right below them
            continue
        if unit.kind in ("label", "row"):
            continue
        if facts and not (unit.kind == "heading" and _SERVICE_NOUN.search(unit.norm)
                          and not _section_heading(unit.norm.lower())):
            break
        if unit.kind != "heading":
            if unit.kind == "sentence" and len(unit.norm) > 90:
                continue
            break
        text = _clean(unit.text).strip(" *#")
        low = text.lower()
        if payer and (low == payer or low in payer or _LICENSEE.match(text)):
            continue
        if re.fullmatch(r"(?:[\w&]+\s+)*(?:medical|clinical|reimbursement|payment|coverage)\s+polic(?:y|ies)"
                        r"(?:\s+(?:manual|bulletin))?|(?:[\w&]+\s+)*(?:coverage|clinical|medical)\s+guidelines?|"
                        r"(?:[\w&]+\s+)*coverage\s+summary|(?:clinical\s+|medical\s+)?(?:review|coverage)\s+criteria", low):
            continue       # the kind of document, not its title
        if re.search(r"\s(?:>|\u00bb|\u203a)\s", text) or \
                re.fullmatch(r"(?!related\b)(?:[\w&]+\s+){0,3}(?:policies|guidelines|bulletins)", low):
            continue       # a breadcrumb ("Medical Policies > Laboratory"), the collection the document is filed in
        if _GENERIC_HEADINGS.match(low) or _section_heading(low):
            break
        if text.isupper() and len(text.split()) <= 2:
            continue       # a state name or a banner
        if _ONLY_A_DATE.match(text):
            continue       # a newsletter's issue ("March 2026"), not its headline
        if re.search(r"\bpolicy\s+(?:no\.|number|#)|\bmanual\b", low):
            continue       # "Medical Policy Manual  Laboratory, Policy No. 77": where the policy is filed
        if re.fullmatch(r"(?:[\w&]+\s+)*(?:medical|clinical|reimbursement|payment)\s+polic(?:y|ies)(?:\s+manual)?", low):
            continue
        if _ORG.search(text) and not re.search(r"\b(?:test|testing|spectroscopy|analysis|assay|therapy)\b", low):
            continue
        value = re.sub(r"^(?:medical|clinical|reimbursement)\s+policy\s*[:\-\u2013]?\s*", "", text, flags=I)
        if len(value.split()) < 2 and not re.search(r"[a-z]", value):
            continue
        numbered = _TITLE_NUMBER.search(value)
        if numbered:
            # "MP 6.01.31 Magnetic Resonance Spectroscopy", "Intracellular Micronutrient Analysis AHS - G2214":
            # the policy's number printed with its title is not part of the title
            value = (value[:numbered.start()] + value[numbered.end():]).strip()
            if result.policy_number is None:
                number = re.sub(r"\s*([-\u2013])\s*", "-", numbered.group("head") or numbered.group("tail"))
                result.policy_number = Finding(number, Citation.of(unit), note="printed with the title")
                result.notes[:] = [n for n in result.notes if not n.startswith("policy number:")]
        result.title = Finding(value, Citation.of(unit))
        return
    result.notes.append("title: no title line at the top of the document")


# -- lines of business ----------------------------------------------------------------------------------
_MA = re.compile(r"Medicare\s+Advantage|Medicare\s+(?:HMO|PPO|POS)\b|Medicare\s+Part\s+C\b|\bD-SNP\b|"
                 r"Medicare\s+\w+\s+Blue", I)
_MEDICARE = re.compile(r"\bOriginal\s+Medicare\b|\bMedicare\s+fee[- ]for[- ]service\b|\bMedicare\b(?!\s+(?:Advantage|"
                       r"HMO|PPO|POS|Part\s+C|Supplement|benefits?|coverage|Link|Medical|Administrative|"
                       r"Services|contractors?))", I)
_ORIGINAL_MEDICARE = re.compile(r"\bOriginal\s+Medicare\b|\bMedicare\s+fee[- ]for[- ]service\b|\bMedicare\s+Part\s+[AB]\b|"
                                r"\btraditional\s+Medicare\b|\bMedicare\s+FFS\b", I)
AMBIGUOUS_MEDICARE = "medicare?"
# "a Medicare-Medicaid plan" (a dual plan) names a Medicare product, not the Medicaid line
_MEDICAID = re.compile(r"(?<!Medicare-)\bMedicaid\b|\bCHIP\b|Children's\s+Health\s+Insurance\s+Program", I)
_COMMERCIAL = re.compile(r"\bcommercial\b|\b(?:group|individual)\s+plans\b|\bIndemnity\b|\bMarketplace\b|"
                         r"\b(?:Individual|Health\s+Insurance)\s+Exchange\b", I)
_COMMERCIAL_PRODUCTS = re.compile(r"\b(?:HMO|PPO|POS|EPO)\b")
_HEDGE = re.compile(r"\bmay\s+(?:also\s+)?(?:apply|use|adopt|follow|be\s+(?:applied|used|adopted))|\bmight\b|\bcould\b|"
                    r"\bat\s+(?:its|the\s+plan's)\s+discretion\b|\bas\s+a\s+guide\b|\b(?:where|if|as|when)\s+applicable\b|"
                    r"\bto\s+the\s+extent\b", I)
# A sentence that sends a line elsewhere ("Medicare Advantage members: refer to the NCD", "state rules take
# precedence for Medicaid") says neither that this policy applies to it nor that it is excluded.
_DEFERS = re.compile(r"\brefer\s+to\b|\bsee\s+(?:the|policy|section)\b|\bsee\s+(?:[a-z]+\s+){1,2}(?:policy|guideline)\b|\bgoverned\s+by\b|\btakes?\s+precedence\b|"
                     r"\b(?:a\s+)?separate\s+polic|\binstead\b|\bsupersedes?\b|\bin\s+place\s+of\b|\bconsult\b", I)
_APPLIES = re.compile(r"\b(?:applies|apply|applicable)\s+to\b", I)
_NOT_APPLIES = re.compile(r"\b(?:does|do)\s+not\s+apply\s+to\b|\bnot\s+applicable\s+to\b|\bexcludes?\b|\bexcluded\b", I)
# The document speaking of itself: "this policy", "the Position Statement above", "This Coverage Summary".
# ... or a manual's chapter ("This chapter applies to ..."), a bulletin's chart ("The changes in this chart apply to")
_THIS_DOCUMENT = (r"(?:\b(?:this|the)\s+(?:\w+\s+){0,2}(?:policy|summary|guideline|document|bulletin|position\s+statement|"
                  r"policy\s+position)\b|\bthis\s+(?:chapter|chart)\b)")
_LOB_LABEL = re.compile(r"^(?:lines?\s+of\s+business|(?:this\s+(?:\w+\s+)?policy\s+)?applies\s+to|applicable\s+to|products?|plan\s+types?|"
                        r"member\s+types?|covered\s+lines)$", I)
_LOB_EXCLUDED_LABEL = re.compile(r"^(?:does\s+not\s+apply\s+to|excluded(?:\s+lines(?:\s+of\s+business)?)?|"
                                 r"not\s+applicable\s+to|exclusions?|excludes)$", I)
_NONE = re.compile(r"^(?:n/?a|none|not applicable|-+)\.?$", I)


_DOC_KIND = re.compile(r"\b(Commercial|Medicare\s+Advantage|Medicaid(?:\s+Managed\s+Care)?)\s+(?:\|\s*)?"
                       r"(?:Medical|Clinical|Coverage|Reimbursement|Payment)\s+Polic(?:y|ies)\b", I)


def document_line(seg: Segmented) -> str | None:
    """The line of business the document says it is written for, in its first lines."""
    for _, _, line in _lines_near_top(seg)[:8]:
        m = _DOC_KIND.search(_clean(line))
        if m:
            named = lines_named(m.group(1))
            return named[0] if len(named) == 1 else None
    return None


_CHECKED = "\u2611\u2612\u25a0\u2714\u2713"       # ☑ ☒ ■ ✔ ✓
_UNCHECKED = "\u2610\u25a1"                       # ☐ □


def lines_named(text: str, doc_line: str | None = None) -> list[str]:
    """Line-of-business ids a phrase names. A bare "Medicare" counts only when no Medicare Advantage
    product is named beside it; HMO/PPO/POS count as commercial only when no Medicare or Medicaid is.
    In a row of check boxes ("☒ Commercial ☐ Medicare") only the ticked names count."""
    text = _clean(text)
    if re.search(f"[{_CHECKED}{_UNCHECKED}]|\\[[xX ]\\]", text):
        ticked = re.findall(f"(?:[{_CHECKED}]|\\[[xX]\\])\\s*([^{_CHECKED}{_UNCHECKED}\\[]+)", text)
        out: list[str] = []
        for part in ticked:
            for line in lines_named(part, doc_line):
                if line not in out:
                    out.append(line)
        return out
    out: list[str] = []
    has_ma = bool(_MA.search(text))
    if _COMMERCIAL.search(text):
        out.append("commercial")
    elif (_COMMERCIAL_PRODUCTS.search(text) and not re.search(r"Medicare|Medicaid|D-SNP", text, I)
          and doc_line in (None, "commercial")):
        out.append("commercial")   # an HMO of a Medicare Advantage document is a Medicare Advantage HMO
    if has_ma:
        out.append("medicare-advantage")
    elif _MEDICARE.search(text) and not re.search(r"CMS|Centers\s+for\s+Medicare", text):
        # Original Medicare said as such; a plan's bare "Medicare" product may be its Medicare Advantage
        # plan or a supplement, so it names no line (find_lines notes it for the reviewer)
        out.append("medicare" if _ORIGINAL_MEDICARE.search(text) or doc_line == "medicare" else AMBIGUOUS_MEDICARE)
    if _MEDICAID.search(text):
        out.append("medicaid")
    return out


# "Medicare Advantage products: No NCD ... was found; this guideline applies.", "Commercial products: No
# exception; this guideline applies as written.": the plans named before the colon are covered
_APPLIES_AT_END = re.compile(r"(?:^|[;.:]\s*)" + _THIS_DOCUMENT + r"\s+applies(?:\s+as\s+written)?\.?$", I)


_APPLICABILITY = re.compile(r"\bappl(?:ies|y)\s+to\b|applicability|\bapplicable\s+(?:plans|products|lines)\b", I)


def _ticked_applicability(unit: Unit, value: str) -> bool:
    """"Applies to:" over "COMMERCIAL Products | ☒ X Commercial products ☒ ...": a grid of ticked products."""
    return bool(_APPLICABILITY.search(unit.section) and re.search(f"[{_CHECKED}]|\\[[xX]\\]", value))


def find_lines(seg: Segmented, result: ImportResult) -> None:
    found: list[LineFinding] = []
    doc_line = document_line(seg)
    payer = result.payer.value if result.payer else None

    all_lines: Unit | None = None

    def add(lines: list[str], covered: bool, unit: Unit) -> None:
        if AMBIGUOUS_MEDICARE in lines:
            lines = [l for l in lines if l != AMBIGUOUS_MEDICARE]
            result.notes.append(f"lines of business: \"Medicare\" in \"{unit.norm[:100]}\" does not say Medicare "
                                f"Advantage or Original Medicare; no line given")
        for line in lines:
            if not any(f.line == line for f in found):
                found.append(LineFinding(line, covered, Citation.of(unit)))

    for unit in seg.units:
        if (_history(unit) and unit.kind == "row") or unit.kind == "heading":
            continue
        clean = _clean(unit.text)
        if unit.kind == "label":
            label = unit.label.strip(" :*")
            if _NONE.match(unit.value.strip()):
                continue
            if _LOB_LABEL.match(label):
                add(lines_named(unit.value), True, unit)
                continue
            if _LOB_EXCLUDED_LABEL.match(label):
                add(lines_named(unit.value), False, unit)
                continue
            # BCBS style: "Commercial Members: Managed Care (HMO and POS), PPO ... Medicare PPO Blue Members"
            if re.search(r"\bmembers$", label, I) and lines_named(label) and re.search(r"\bmembers$", clean, I):
                add(lines_named(clean), True, unit)
            # "X Care (Medicaid and CHIP): this policy does not apply; see the state manual": the lines come first
            elif re.match(_THIS_DOCUMENT + r"\s+(?:does|do)\s+not\s+apply\b(?!\s+to\b)", _clean(unit.value), I):
                add(lines_named(label, doc_line), False, unit)
            elif _APPLIES_AT_END.search(_clean(unit.value)) and not _HEDGE.search(unit.value):
                add(lines_named(label, doc_line), True, unit)
            elif _ticked_applicability(unit, unit.value):
                add(lines_named(unit.value, doc_line), True, unit)
            # "Applicable Plans" over "Commercial - Fully Insured ........ Yes", "X Senior Select (Medicare
            # Advantage) ....... No - see Payment Guideline MA-PG-031": a plan answered yes or no
            elif _APPLICABILITY.search(unit.section) and re.match(r"(?:yes|no)\b", unit.value.strip(), I):
                add(lines_named(label, doc_line), unit.value.strip()[:1].lower() == "y", unit)
            continue
        if unit.kind == "row" and len(unit.cells) > 1 and _ticked_applicability(unit, " ".join(unit.cells[1:])):
            add(lines_named(" ".join(unit.cells[1:]), doc_line), True, unit)
            continue
        if unit.kind not in ("sentence", "item"):
            continue
        if _HEDGE.search(clean):
            continue
        section = unit.section
        if unit.kind == "item" and unit.lead >= 0:
            lead = seg.units[unit.lead]
            if _APPLIES.search(lead.norm) and not _NOT_APPLIES.search(lead.norm) and not _HEDGE.search(lead.norm) \
                    and not _DEFERS.search(clean) and not _NOT_APPLIES.search(clean):
                add(lines_named(clean), True, unit)
            continue
        if re.fullmatch(r"does not apply to|exclusions?|excluded", section, I):
            if not _DEFERS.search(clean):
                add(lines_named(clean), False, unit)
            continue
        if (re.search(r"\bappl(?:ies|y)\s+to\b|applicability|lines\s+of\s+business", section, I)
                and not re.search(r"\bnot\b", section, I) and not _APPLIES.search(clean)):
            if not _NOT_APPLIES.search(clean) and not _DEFERS.search(clean) and \
                    not re.search(r"\b(?:not|no|except|excluding|other\s+than)\b", clean, I):
                add(lines_named(clean), True, unit)
                continue
        m = _NOT_APPLIES.search(clean)
        if m and re.search(r"\bapply\b|\bapplicable\b", m.group(0), I) and \
                re.match(r"\s*(?:them|these|those)\b", clean[m.end():], I):
            # "For the Medicaid benefits of X members, see the state rules; this policy does not apply to them."
            add(lines_named(clean[:m.start()], doc_line), False, unit)
            continue
        if m and re.search(r"\bapply\b|\bapplicable\b", m.group(0), I):
            # the clause after a semicolon speaks of something else ("...; those claims follow Medicare rules,
            # and Dunmore Medicaid pays only its secondary share")
            add(lines_named(re.split(r";|\.\s", clean[m.end():])[0]), False, unit)
            continue
        # "X commercial and individual plans: see commercial medical policy RAD-118": the plans before the colon
        # are sent to another document, which decides for them
        m = re.match(r"(?P<plans>[^:;]+?\b(?:plans?|members|products?|programs?)):\s*(?:see|refer\s+to)\s+(?:[a-z]+\s+){0,3}"
                     r"(?:policy|guideline|manual)\b", clean, I)
        if m and lines_named(m.group("plans"), doc_line):
            add(lines_named(m.group("plans"), doc_line), False, unit)
            continue
        # "<plan names> (state contracted): this guideline does not apply; refer to ...": the lines come first
        m = re.search(_THIS_DOCUMENT + r"\s+(?:does|do)\s+not\s+apply\b(?!\s+to\b)", clean, I)
        if m and ":" in clean[:m.start()]:
            add(lines_named(clean[:m.start()].rsplit(":", 1)[0], doc_line), False, unit)
            continue
        # "For members enrolled in X Community Care (Medicaid) and X KidsCare plans, X Health applies the above
        # medical policy."
        m = re.match(r"for\s+(?:members|enrollees|recipients)\s+(?:enrolled\s+)?in\s+(?P<plans>.+?),\s+[^,]*?\bappl(?:ies|y)\s+"
                     r"(?:the\s+above|this)\s+(?:\w+\s+){0,2}(?:policy|guideline)\b", clean, I)
        if m and not _DEFERS.search(clean):
            add(lines_named(m.group("plans"), doc_line), True, unit)
            continue
        # "Changes for X Medicare Plus (Medicare Advantage) members are published in the Medicare Advantage Coverage
        # Bulletin and are not included in this chart."
        m = re.search(r"\b(?:are|is)\s+not\s+included\s+in\s+" + _THIS_DOCUMENT, clean, I)
        if m:
            add(lines_named(clean[:m.start()], doc_line), False, unit)
            continue
        m = _APPLIES_AT_END.search(clean)
        if m and ":" in clean[:m.start() + 1]:
            add(lines_named(clean.split(":", 1)[0], doc_line), True, unit)
            continue
        # "X Medicare Advantage plans apply it where no NCD addresses the service": the plans named apply this policy
        m = re.match(r"(?P<plans>.+?\b(?:plans?|members|products?))\s+(?:also\s+)?apply\s+(?:it|this\s+(?:\w+\s+){0,2}"
                     r"(?:policy|guideline|document))\b", clean, I)
        if m and not _DEFERS.search(clean):
            add(lines_named(m.group("plans"), doc_line), True, unit)
            continue
        m = _APPLIES.search(clean)
        if m and re.search(_THIS_DOCUMENT, clean[:m.start()], I):
            tail = clean[m.end():]
            # the clause after a semicolon or a deferral speaks of something else
            stop = re.search(r";|\.\s|" + _DEFERS.pattern, tail, I)
            tail = tail[:stop.start()] if stop else tail
            cut = re.search(r"\b(?:but\s+not|except|excluding|other\s+than)\b", tail, I)
            if re.match(r"\s*all\s+(?:of\s+(?:the|our)\s+)?lines\s+of\s+business\b", tail, I):
                all_lines = all_lines or unit     # every line the exceptions leave
                if cut:
                    add(lines_named(tail[cut.end():]), False, unit)   # "... except Medicare Advantage"
                continue
            named = lines_named(tail[:cut.start()] if cut else tail, doc_line)
            if not named and doc_line and payer and re.search(re.escape(payer), tail, I):
                named = [doc_line]   # "applies to <the plan> members" in a document written for that line
            add(named, True, unit)
            if cut:
                add(lines_named(tail[cut.end():]), False, unit)
    if all_lines is not None:
        # "applies to all lines of business unless otherwise noted": each plan line no other sentence places,
        # among those the document shows the plan has (commercial unless the document is written for another
        # line; Medicare Advantage or Medicaid only where it names them)
        has = {"commercial": doc_line in (None, "commercial"), "medicare-advantage": bool(_MA.search(seg.text)),
               "medicaid": bool(_MEDICAID.search(seg.text))}
        add([l for l in has if has[l] and not any(f.line == l for f in found)], True, all_lines)
    if not any(f.covered for f in found):
        # The kind of policy stated where nothing says whom it applies to: "Medicare Advantage Medical
        # Policy", "Medicaid Managed Care | Clinical Policy".
        for unit in seg.units[:60]:
            clean = _clean(unit.text)
            m = re.search(r"\b(Commercial|Medicare\s+Advantage|Medicaid(?:\s+Managed\s+Care)?)\s+(?:\|\s*)?"
                          r"(?:Medical|Clinical)\s+Polic(?:y|ies)\b", clean, I)
            if m and unit.kind in ("heading", "label", "sentence") and not _HEDGE.search(clean):
                add(lines_named(m.group(1)), True, unit)
                break
        else:
            for start, end, line in _lines_near_top(seg)[:6]:
                m = re.search(r"\b(Commercial|Medicare\s+Advantage|Medicaid(?:\s+Managed\s+Care)?)\s+(?:\|\s*)?"
                              r"(?:Medical|Clinical)\s+Polic(?:y|ies)\b", line, I)
                if m:
                    for l in lines_named(m.group(1)):
                        found.append(LineFinding(l, True, Citation(line, start, end)))
                    break
    if not found:
        result.notes.append("lines of business: no sentence or label says whom the policy applies to")
    result.lines = found


# -- determinations and services -------------------------------------------------------------------
_DETERMINATIONS = [
    # "investigational and is therefore not reasonable and necessary": the reason comes first
    ("investigational", re.compile(r"\b(?:investigational|experimental|unproven)\b", I)),
    ("not-medically-necessary", re.compile(r"\bnot\s+(?:considered\s+)?medically\s+necessary\b|"
                                           r"\b(?:does|do)\s+not\s+consider\b.{0,160}?\bmedically\s+necessary\b|"
                                           r"\bnot\s+reasonable\s+and\s+necessary\b|"
                                           r"\b(?:does|do)\s+not\s+meet\s+(?:the\s+)?(?:definition\s+of\s+|criteria\s+for\s+)?"
                                           r"medical\s+necessity\b", I)),
    ("not-reimbursable", re.compile(r"\bnot\s+(?:be\s+)?reimburs(?:able|ed)\b|\bdoes\s+not\s+reimburse\b|"
                                    r"\bwill\s+not\s+reimburse\b|\bnot\s+eligible\s+for\s+reimbursement\b", I)),
    ("not-covered", re.compile(r"\b(?:is|are)\s+not\s+(?:a\s+)?covered\b|\bnon-?covered\b|\bnot\s+a\s+covered\s+"
                               r"(?:service|benefit)\b|\bdoes\s+not\s+cover\b|\bexcluded\s+from\s+coverage\b", I)),
    ("site-of-service", re.compile(r"\bsite\s+of\s+(?:service|care)\b", I)),
]
# "established" is the coverage word of payers that sort services into established and experimental ("MRS of
# the brain is established when the inclusionary guidelines below are met")
_COVERED_CRITERIA = re.compile(r"\b(?:is|are|may\s+be)\s+(?:considered\s+)?(?:proven\s+and\s+)?(?:medically\s+necessary|"
                               r"covered|established)\s+"
                               r"(?:for\b[^.]*?\bwhen\b|when\b|if\b|for\s+(?:members|patients|individuals)\b)|"
                               r"\bmeets?\s+(?:the\s+)?(?:definition\s+of\s+|criteria\s+for\s+)?medical\s+necessity\s+"
                               r"(?:criteria\s+)?(?:when|if)\b|"
                               r"^(?:covered|medically\s+necessary)\s+(?:only\s+)?(?:when|if)\b|"
                               # "members may be eligible under the Plan for X when the following criteria are met"
                               r"\bmay\s+be\s+eligible\s+(?:under\s+the\s+plan\s+)?for\s+(?P<eligible>[^,;:]{3,80}?)\s+"
                               r"(?:when|if)\b", I)
_CONSIDERS_COVERED = re.compile(r"(?<!\bnot\s)(?<!\bnever\s)\bconsiders?\b.{0,160}?\bmedically\s+necessary\b(?:[^.]*?\b(?:when|if|for)\b)", I)
_COVERED_LIMITS = re.compile(r"\b(?:is|are)\s+(?:covered|reimbursable)\b[^.]*\b(?:once|up\s+to|no\s+more\s+than|"
                             r"limited\s+to|per\s+(?:member|year|calendar))\b", I)
# "is not considered investigational", "no longer experimental", "does not consider X unproven": the
# sentence denies the determination it names, so it decides nothing.
_NEGATED = re.compile(r"\bnot\s+(?:be\s+)?(?:considered\s+|deemed\s+)?(?:to\s+be\s+)?(?:investigational|experimental|"
                      r"unproven)\b|\bno\s+longer\s+(?:considered\s+|deemed\s+)?(?:investigational|experimental|"
                      r"unproven)\b|\b(?:does|do)\s+not\s+consider\b(?:(?!\b(?:because|since|as|medically|necessary)\b)[^.;])"
                      r"{0,160}?\b(?:investigational|experimental|unproven)\b", I)
# "unless otherwise stated" and "except as otherwise noted" are boilerplate, not another branch
_OTHERWISE = re.compile(r"\ball\s+other\s+(?:indications|uses|conditions|purposes|applications)\b|"
                        r"\ball\s+(?:indications|uses|conditions|purposes|applications)\s+not\s+(?:listed|described|"
                        r"included|specified|addressed|meeting)\b|"
                        r"(?<!unless\s)(?<!as\s)\botherwise\b(?!\s+(?:stated|specified|noted|indicated|provided))|"
                        r"\bother\s+than\s+(?:those|the)\b", I)
_SERVICE_NOUN = re.compile(r"\b(?:test|testing|tests|analysis|analyses|assay|assays|panel|panels|spectroscopy|"
                           r"imaging|scan|scans|therapy|screening|measurement|microscopy|procedure|surgery|"
                           r"device|stimulation|injection|MRS|MRI|examination|evaluation|monitoring)\b", I)
_GENERIC_SUBJECT = re.compile(r"^(?:the\s+following|following|this|these|those|it|they|such|all|any|other|each|"
                              r"services?|investigational|experimental|requests?|claims?|members?|providers?|"
                              r"codes?|the\s+(?:laboratory\s+)?(?:tests?|services?|procedures?)\b|the\s+testing|"
                              r"the\s+plan|cms|medicare|coverage|this\s+policy)\b", I)
_VERB = re.compile(r"\s(?:is|are)\s+(?:considered\s+|deemed\s+|therefore\s+)?(?:not\s+)?", I)

DETERMINATION_TO_ENUM = {"investigational": "investigational", "not-covered": "not-covered",
                         "not-reimbursable": "not-reimbursable"}


# "a treatment or procedure is considered investigative or unproven if reliable evidence shows ...": what the
# term means for any service, not a decision about one
_GENERIC_NOUN = r"(?:treatment|procedure|service|device|drug|technology|test|supply|intervention|product|item)s?"
_DEFINES = re.compile(rf"(?:^|,\s*)(?:a|an|any)\s+{_GENERIC_NOUN}(?:,?\s+(?:or|and)\s+(?:a\s+|an\s+)?{_GENERIC_NOUN})*\s+"
                      r"(?:is|are)\s+(?:considered\s+|deemed\s+)?(?:to\s+be\s+)?(?:investigational|investigative|"
                      r"experimental|unproven)\b[^.]*?\b(?:if|when)\b", I)


def determination_of(text: str) -> str | None:
    clean = _clean(text)
    if _NEGATED.search(clean) and not re.search(r"\bis\s+investigational\b", clean, I):
        return None
    if _COVERED_LIMITS.search(clean):
        return "covered-with-limits"
    if (_COVERED_CRITERIA.search(clean) or _CONSIDERS_COVERED.search(clean)) and not re.search(
            r"\bnot\s+(?:considered\s+)?(?:medically\s+necessary|covered)|\bexperimental|\binvestigational|\bunproven|"
            r"\bnot\s+meet|"
            r"\b(?:does|do)\s+not\s+consider\b", clean, I):
        return "covered-with-criteria"
    for name, pattern in _DETERMINATIONS:
        if pattern.search(clean):
            return name
    return None


_ANAPHORA = re.compile(r"^(?:it|this|(?:this|that|the|such)\s+(?:service|test|testing|procedure|assay|analysis|panel|"
                       r"technology|technique))\b", I)


def _payer_stem(name: str) -> str:
    """The payer as a sentence names it: "Fernbrook Health Inc." speaks as "Fernbrook Health"."""
    stem = re.sub(r",?\s+(?:Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|LLC|L\.L\.C\.)$", "", name.strip(), flags=I)
    return re.sub(r"\s*\((?:HMO|PPO|POS|EPO)[^)]*\)$", "", stem).lower()


def _subject(clean: str, payer: str | None = None, upto: int | None = None) -> str:
    """The service a determination sentence is about: what comes before its verb. With `upto`, the
    determination starts there ("X meets the definition of medical necessity when ..."), so X ends there."""
    m = _VERB.search(clean if upto is None else clean[:upto].rstrip() + " is ")
    subject = clean[:m.start()] if m else ""
    if ":" in subject:
        subject = subject.rsplit(":", 1)[1]
    subject = re.sub(r"^(?:\d+|[IVX]{1,4}|[A-Za-z])[.)]\s+|^\d+[.)]\s*|^[-*\u2022]\s*", "", subject.strip())
    # "For Medicare HMO and PPO members the testing ...": the members are not the service
    subject = re.sub(r"^(?:for|in|among)\s+[^,]*?\b(?:members|patients|enrollees|individuals)\b,?\s*", "", subject,
                     flags=I)
    subject = re.sub(r"\s*\([^)]*\)", "", subject)
    # "Unless otherwise stated, X is ...", "Based on the evidence, X is ...": the opening phrase is not X
    subject = re.sub(r"^(?:unless|except|based\s+on|according\s+to|however|therefore|in\s+addition|additionally|"
                     r"at\s+this\s+time|currently|as\s+of)\b[^,]*,\s*", "", subject, flags=I)
    subject = re.sub(r",.*$", "", subject)
    # "Live blood cell analysis used to judge nutritional status": the service, not what it is used for
    subject = re.sub(r"\s+(?:used|performed|ordered|done|billed|when|that|which|for\s+(?:the\s+)?(?:purpose|evaluation|"
                     r"diagnosis|screening|assessment|treatment|management|detection))\b.*$", "", subject, flags=I)
    subject = subject.strip()
    if not subject or _CLAUSE.search(subject):
        # "Cigna does not cover X because it": a clause, not a noun phrase; the object is the service
        # only the plan speaking of itself: "CMS does not cover MRS" states the national rule
        bare = re.sub(r"\s*\([^)]*\)", "", clean)      # "X (for example A, B or C) medically necessary"
        m = _OBJECT.search(bare)
        speaker = bare[:m.start()].strip().casefold() if m else ""
        # the plan by its full name or the short one it speaks as ("Osprey Lane" of "Osprey Lane Health")
        if m and (speaker in ("we", "the plan", "the health plan", "the company")
                  or (payer and (speaker.startswith(_payer_stem(payer))
                                 or len(speaker.split()) >= 2 and _payer_stem(payer).startswith(speaker + " ")))):
            # "measurement of X in serum, plasma or whole blood": the service, without the rest of its list
            subject = re.sub(r",.*$", "", m.group("s") or m.group("s2")).strip()
        else:
            subject = ""
    return subject


# Words that make a would-be subject a clause rather than the name of a service.
_CLAUSE = re.compile(r"\b(?:does|do|did|will|would|shall|should|must|may|can|cannot|because|since|when|if|which|"
                     r"that|who|whether|considers?|covers?|reimburses?|believes?|determined|concluded|found)\b", I)
# "<payer> considers X experimental", "<payer> does not cover X because ...".
_OBJECT = re.compile(r"\bconsiders?\s+(?P<s>[^,;:]{3,80}?(?:,\s+[\w\s-]{1,40}?\s+or\s+[\w\s-]{1,40}?)?)\s+(?:to\s+be\s+)?(?:experimental|investigational|unproven|"
                     r"not\s+medically\s+necessary|medically\s+necessary)\b|"
                     r"\b(?:does|will)\s+not\s+(?:cover|reimburse)\s+(?P<s2>[^,;:]{3,80}?)(?=\s+(?:because|when|for|as|since|"
                     r"due|unless)\b|[.,;]|$)", I)


_VERBLESS_DECISION = re.compile(r"^(?:is\s+|are\s+)?(?:considered\s+)?(?:not\s+)?(?:covered|medically\s+necessary|"
                                r"investigational|experimental|unproven|reimbursable|non-?covered)\b", I)


def _item_title(unit: Unit) -> tuple[str, str] | None:
    """(title, body) for a list item whose first line names a service and whose body decides it without
    naming it again: "1. Magnetic Resonance Imaging (MRI) of the brain" / "Covered when ...".""" 
    if unit.kind != "item" or "\n" not in unit.text.strip():
        return None
    first, body = unit.text.strip().split("\n", 1)
    title = re.sub(r"^(?:[-*\u2022]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+", "", first.strip())
    body = " ".join(body.split())
    if (not body or _VERB.search(" " + title + " ") or len(title.split()) > 10 or title.endswith((".", ":", ";", ","))
            or not _VERBLESS_DECISION.match(body)):
        return None
    return title, body


def slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text.lower())
    cut = []
    for w in words:
        if w in ("for", "of", "in", "with", "to", "by", "on", "the", "a", "an", "and", "or") and cut:
            if w in ("for", "with", "to", "by", "on"):
                break
        cut.append(w)
    out = "-".join(w for w in cut if w not in ("the", "a", "an"))[:48].strip("-")
    return out or "service"


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3}


# "X is addressed in Coverage Policy 2012017 and is not addressed here", "for X, see the ... policy": the
# service is another document's to decide, whatever this one's other sentences seem to say of it
_DEFERRED = re.compile(r"\b(?:is|are)\s+addressed\s+(?:in|by|under)\s+(?!this\b)|\bnot\s+addressed\s+(?:here|in\s+this)\b|"
                       r"\b(?:is|are)\s+(?:decided|covered|reviewed)\s+(?:in|by|under)\s+(?:a\s+)?(?:separate|another)\s+"
                       r"(?:coverage\s+|medical\s+)?(?:policy|guideline)\b", I)


def find_services(seg: Segmented, know: Knowledge, result: ImportResult) -> None:
    title = result.title.value if result.title else ""
    # The known service the document is about: named by the title, else named repeatedly in its text.
    counts: dict[str, int] = {}
    deferred: set[str] = set()
    deferred_new: list[set[str]] = []     # the words of each service not yet known that is sent elsewhere
    for unit in seg.units:
        named_here = know.services_named(_clean(unit.text))
        sent = _DEFERRED.search(_clean(unit.text))
        if sent:
            # what the sentence sends elsewhere is its subject: "When MRS is performed in a clinical study,
            # routine costs are addressed under NCD 310.1" sends the routine costs, not MRS
            clause = re.split(r",\s|;|:", _clean(unit.text)[:sent.start()])[-1]
            deferred.update(know.services_named(clause))
            subject = _subject(_clean(unit.text))
            if _content_words(subject) and not know.services_named(subject) and not _GENERIC_SUBJECT.match(subject):
                deferred_new.append(_content_words(subject))
            continue
        for sid in named_here:
            counts[sid] = counts.get(sid, 0) + 1
    for sid in deferred:
        counts.pop(sid, None)
    title_services = [sid for sid in know.services_named(title) if sid not in deferred] if title else []
    doc_service = title_services[0] if title_services else None
    if doc_service is None and counts:
        best = max(counts.items(), key=lambda kv: kv[1])
        if best[1] >= 2 and sum(1 for v in counts.values() if v >= 2) == 1:
            doc_service = best[0]
    title_words = _content_words(title)
    # a title names several services only when each of its parts is a service on its own
    title_parts = [p for p in re.split(r"\s+(?:and|&)\s+|\s*[,;/]\s*", title) if _content_words(p)]
    if len(title_parts) < 2 or not all(_SERVICE_NOUN.search(p) for p in title_parts):
        title_parts = [title]

    payer = _payer_stem(result.payer.value) if result.payer else None

    def service_of(clean: str, subject: str, determination_at: int, fallback: bool = True) -> tuple[str, str] | None:
        named = know.services_named(subject)
        if named and named[0] in deferred and re.fullmatch(
                r"\W*(?:(?:including|such\s+as|e\.g\.|for\s+example|and|or)\W*)*",
                subject[:max(0, know.first_mention(subject, named[0]))], I):
            return None     # the subject is the service another policy decides
        named = [sid for sid in named if sid not in deferred]
        if not named and fallback:
            # "<the payer> does not reimburse <service>": the plan speaking of itself; never another body
            # ("CMS does not cover MRS" describes the national rule, not the plan's determination)
            speaker = clean[:determination_at].strip().lower()
            by_payer = bool(payer) and (speaker.startswith(payer) or speaker in ("we", "the plan", "the health plan"))
            named = [sid for sid in know.services_named(clean) if sid not in deferred and (
                     0 <= know.first_mention(clean, sid) < determination_at
                     or (by_payer and know.first_mention(clean, sid) >= 0))]
        if named:
            return named[0], subject
        codes = [c for c in re.findall(r"\b(\d{5}|\d{4}T)\b", subject) if know.service_for_code(c)]
        if codes:
            return know.service_for_code(codes[0]), subject  # type: ignore[return-value]
        if not subject or _GENERIC_SUBJECT.match(subject) or not _SERVICE_NOUN.search(subject):
            return None
        if len(_content_words(subject)) < 2 and not re.search(r"[A-Z]{2,}", subject):
            return None     # "Testing performed for screening purposes": a kind of use, not a service
        subject_words = _content_words(subject)
        # the document's own subject, in the title's words; a phrase that merely shares some of them
        # ("live blood cell analysis" under "Cellular Nutrient Assays and Live Blood Analysis") is another service.
        # A title naming two services ("Brain MRI and MR Spectroscopy") is matched part by part, and a part
        # that names no known service is not the known service another part names.
        for part in title_parts:
            words = _content_words(part)
            if not words or len(subject_words & words) < 0.8 * len(subject_words | words):
                continue
            named_part = know.services_named(part)
            if named_part:
                return named_part[0], subject
            if doc_service and not any(doc_service in know.services_named(p) for p in title_parts):
                return doc_service, subject
            return "new:" + slug(part if len(title_parts) > 1 else title), subject
        if title_words and len(subject_words & title_words) >= 0.8 * len(subject_words | title_words):
            if doc_service and len(title_parts) == 1:
                return doc_service, subject
            return "new:" + slug(subject if len(title_parts) > 1 else title), subject
        if len(subject.split()) > 10:
            return None
        return "new:" + slug(subject), subject

    found: dict[str, dict] = {}
    order: list[str] = []
    for unit in seg.units:
        if unit.kind == "sentence" and not _decisional(unit) and not _history(unit):
            coded = _service_of_codes(know, _clean(unit.text))
            if coded is not None and coded[0] not in deferred:
                _record(found, order, *coded, determination_of(_clean(unit.text)), unit, _clean(unit.text))  # type: ignore[arg-type]
            continue
        if unit.kind not in ("sentence", "item") or not _decisional(unit):
            continue
        titled = _item_title(unit)
        clean = _clean(titled[1] if titled else unit.text)
        if re.match(r"^(?:NOTE:\s*)?if\b", clean, I) or _DEFINES.search(clean):
            continue       # a conditional rule, or the definition of a term, about services in general
        det = determination_of(clean)
        if det is None:
            continue
        if clean.endswith(":") and re.match(r"^(?:the\s+)?following\b", _subject(clean) or clean, I):
            # "The following services are considered investigational:" and a list, one service an item
            _services_from_list(seg, know, unit, det, found, order)
            continue
        table_ref = re.search(r"\b(?:tests?|services?|procedures?)\s+(?:listed\s+)?in\s+(Table\s+\d+|the\s+table\s+"
                              r"below|the\s+following\s+table)\b", clean, I)
        if table_ref:
            _services_from_table(seg, know, unit, det, table_ref.group(1), found, order)
            continue
        m = None
        for _, pattern in _DETERMINATIONS:
            m = pattern.search(clean) or m
        det_at = m.start() if m else len(clean)
        cm = _COVERED_CRITERIA.search(clean) or _CONSIDERS_COVERED.search(clean) or _COVERED_LIMITS.search(clean)
        if det in ("covered-with-criteria", "covered-with-limits") and cm:
            det_at = cm.start()
        if titled:
            subject = titled[0]
        else:
            # "X is medically necessary when" / "X meets the definition of medical necessity when": X ends where
            # the determination starts; "<payer> considers X medically necessary": X is the object
            covered_at = cm is not None and det in ("covered-with-criteria", "covered-with-limits") and \
                not _CONSIDERS_COVERED.search(clean)
            subject = _subject(clean, payer, det_at if covered_at else None)
            if covered_at and cm is not None and cm.re is _COVERED_CRITERIA and cm.group("eligible"):
                subject = cm.group("eligible")
        hit = service_of(clean, subject, det_at)
        if hit is None and _ANAPHORA.match(subject or _clean(unit.text)):
            # "Members may not be eligible for X. This service is considered experimental": the service
            # the sentence before it names, in the same paragraph, when it names exactly one
            before = seg.units[unit.index - 1] if unit.index > 0 else None
            named = know.services_named(_clean(before.text)) if before is not None and before.block == unit.block \
                and before.kind == "sentence" else []
            hit = (named[0], subject) if len(named) == 1 else None
        hits = [hit] if hit is not None else []
        if not titled and det not in ("covered-with-criteria", "covered-with-limits"):
            # "Hair analysis and live blood cell analysis are considered investigational": one service a part,
            # when every part is a service of its own
            parts = _conjoined(clean)
            more = [service_of(clean, part, det_at, fallback=False) for part in parts] if parts else []
            if more and all(more) and len({m[0] for m in more}) == len(more):  # type: ignore[index]
                hits = more  # type: ignore[assignment]
        for sid, name in hits:
            _record(found, order, sid, name, det, unit, clean)
    _services_from_status_table(seg, know, found, order)
    services = []
    for sid in order:
        e = found[sid]
        main, otherwise = e["main"], e["otherwise"]
        if sid in deferred or sid.startswith("new:") and any(
                len(words & _content_words(e["name"])) >= 0.8 * len(words | _content_words(e["name"]))
                for words in deferred_new):
            # a service not yet known is sent elsewhere in its own words, as a known one is in its phrases
            result.notes.append(f"service {sid}: the document sends it to another policy; no determination taken")
            continue
        if main is None:
            # "investigational for all other indications" with no branch read: what the service is
            # otherwise is known, what it is for the stated indications is not, so nothing is claimed
            if otherwise is not None:
                result.notes.append(f"service {sid}: only an \"otherwise\" determination was found "
                                    f"({otherwise.cite.text[:120]}); its main branch is ambiguous")
            continue
        services.append(ServiceFinding(sid, e["name"], main, otherwise, e["row"]))
        for other in e["others"]:
            result.notes.append(f"service {sid}: the document also says \"{other.value}\" "
                                f"({other.cite.text[:120]}); the first determination was kept")
    if not services:
        result.notes.append("services: no sentence decides a service (is investigational / not covered / ...)")
        if title_services and result.title:
            # named by the title, decided nowhere: the reviewer still sees which service it is about
            services.append(ServiceFinding(title_services[0], title, None))
    result.services = services


def _service_of_codes(know: Knowledge, clean: str) -> tuple[str, str] | None:
    """The service a coding note decides through its codes: "76390 (magnetic resonance spectroscopy) and 0609T
    (magnetic resonance spectroscopy of the disc) are experimental/investigational for all indications". Its
    subject is nothing but codes, each description names the one known service, and no condition follows."""
    det = determination_of(clean)
    m = _VERB.search(clean)
    if det not in _DENIAL_ROLE or m is None or re.search(r"\b(?:when|if|unless|only)\b", clean[m.end():], I):
        return None
    subject = re.sub(r"^(?:note|codes?)\s*:\s*", "", clean[:m.start()], flags=I)
    described = re.findall(r"\(([^)]*)\)", subject)
    rest = _CODE.sub(" ", re.sub(r"\([^)]*\)", " ", subject))
    if not described or re.sub(r"\b(?:and|or|the|these|CPT|HCPCS|codes?)\b|[,;]", " ", rest, flags=I).strip():
        return None
    named = {sid for d in described for sid in know.services_named(d)}
    return (named.pop(), described[0]) if len(named) == 1 and all(know.services_named(d) for d in described) else None


def _record(found: dict, order: list, sid: str, name: str, det: str, unit: Unit, clean: str) -> None:
    """One determination of one service: its main branch, its "otherwise" branch, or a further one noted."""
    entry = found.get(sid)
    if entry is None:
        entry = found[sid] = {"name": name, "main": None, "otherwise": None, "others": [], "row": None}
        order.append(sid)
    finding = Finding(det, Citation.of(unit))
    if _OTHERWISE.search(clean) and det not in ("covered-with-criteria", "covered-with-limits"):
        if entry["otherwise"] is None:
            entry["otherwise"] = finding
        return
    if entry["main"] is None:
        entry["main"] = finding
    elif entry["main"].value != det:
        entry["others"].append(finding)


def _conjoined(clean: str) -> list[str]:
    """The parts of a subject that joins several services ("X, Y and Z are ..."), each short."""
    m = _VERB.search(clean)
    if not m:
        return []
    raw = re.sub(r"\s*\([^)]*\)", "", clean[:m.start()])
    raw = raw.rsplit(":", 1)[-1].strip()
    raw = re.sub(r"^(?:\d+|[IVX]{1,4}|[A-Za-z])[.)]\s+|^[-*\u2022]\s*", "", raw)
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", raw) if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 8 or not _SERVICE_NOUN.search(p) for p in parts):
        return []
    return parts


def _services_from_list(seg, know, lead: Unit, det, found, order) -> None:
    items = [u for u in seg.units[lead.index + 1:] if u.kind == "item" and u.lead == lead.index]
    if not items:
        return
    top = min(u.depth for u in items)
    for item in items:
        if item.depth != top or determination_of(item.text):
            continue       # an example under an item, or an item that decides for itself
        name = _clean(item.value).rstrip(";.,")
        named = know.services_named(name)
        sid = named[0] if named else "new:" + slug(re.sub(r"\s*\([^)]*\)", "", name))
        if sid in found:
            continue
        found[sid] = {"name": name, "main": Finding(det, Citation.of(lead), also=(Citation.of(item),)),
                      "otherwise": None, "others": [], "row": Citation.of(item)}
        order.append(sid)


_STATUS_COLUMN = re.compile(r"^(?:coverage\s+)?(?:status|determination|position|decision)$|^coverage$", I)
_SERVICE_COLUMN = re.compile(r"^(?:service|test|procedure|technology|item)s?(?:\s+name)?$", I)


def _services_from_status_table(seg, know, found, order) -> None:
    """A coverage table ("Service | Coverage Status | Notes"): each row under its header decides the service
    its first cell names with the determination its status cell states, citing the row."""
    for header in seg.units:
        cells = header.cells if header.kind == "row" else tuple(c.strip() for c in header.text.split("|"))
        if header.kind not in ("row", "label") or len(cells) < 2 or not _decisional(header) or \
                not _SERVICE_COLUMN.match(cells[0]) or not any(_STATUS_COLUMN.match(c) for c in cells[1:]):
            continue
        status_at = next(i for i, c in enumerate(cells) if i and _STATUS_COLUMN.match(c))
        for row in seg.units[header.index + 1:]:
            if row.kind != "row":
                break
            if len(row.cells) <= status_at:
                continue
            status = row.cells[status_at]
            det = "covered-with-criteria" if re.fullmatch(r"covered\s+(?:with|when)\s+criteria(?:\s+are\s+met)?|"
                                                          r"medically\s+necessary\s+with\s+criteria", status, I) \
                else determination_of("is " + status if re.match(r"not\b|non-?covered|investigational|experimental",
                                                                 status, I) else status)
            name = re.sub(r"\s*\([^)]*\)", "", row.cells[0]).strip()
            if det is None or not _SERVICE_NOUN.search(name) and not know.services_named(row.cells[0]):
                continue
            named = know.services_named(row.cells[0])
            sid = named[0] if named else "new:" + slug(name)
            if sid in found:
                continue
            found[sid] = {"name": row.cells[0], "main": Finding(det, Citation.of(row)), "otherwise": None,
                          "others": [], "row": Citation.of(row)}
            order.append(sid)


def _services_from_table(seg, know, lead: Unit, det, table_name, found, order) -> None:
    caption = None
    if not re.match(r"table\s+\d", table_name, I):
        caption = lead       # "the table below": the first table after the sentence
    for unit in seg.units:
        if caption is not None:
            break
        if unit.start > lead.start and unit.kind in ("heading", "label", "sentence") and \
                unit.norm.lower().startswith(table_name.lower()):
            caption = unit
            break
    if caption is None:
        return
    rows = [u for u in seg.by_kind("row") if u.start > caption.start]
    if not rows:
        return
    table = rows[0].table
    for row in rows:
        if row.table != table:
            break
        first = row.cells[0] if row.cells else row.norm
        if re.match(r"^(?:test|service|procedure|name)s?$", first, I):
            continue
        named = know.services_named(first)
        sid = named[0] if named else "new:" + slug(re.sub(r"\s*\([^)]*\)", "", first))
        if sid in found:
            continue
        cell_det = determination_of(" ".join(row.cells[1:])) if len(row.cells) > 1 else None
        if cell_det and cell_det != det and cell_det not in ("investigational", "not-covered"):
            d = cell_det
        else:
            d = det
        found[sid] = {"name": first, "main": Finding(d, Citation.of(lead), also=(Citation.of(row),)),
                      "otherwise": None, "others": [], "row": Citation.of(row)}
        order.append(sid)


# -- codes ---------------------------------------------------------------------------------------------
# CPT Category III (T) and Proprietary Laboratory Analyses (U) codes are numbered 0001-0999. Five digits
# inside a hyphenated document number ("see 02-82000-31") are not a code; a range ("82000-82999") is two.
_CODE = re.compile(r"(?<![\w./$#])(?<![A-Za-z]-)(?:(?P<cat3>0\d{3}[TU])|(?P<cpt>\d{5})|(?P<hcpcs>[A-CEGHJ-MP-V]\d{4}))"
                   r"(?![\w/%]|\.\d|-[A-Za-z]|-\d{1,4}(?![\w]))")
_ICD = re.compile(r"(?<![\w./-])([A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?)(?![\w-])")
_CODE_CONTEXT = re.compile(r"\bCPT\b|\bHCPCS\b|\bcodes?\b|\bbilled\b|\bbilling\b|\bclaims?\b", I)
# a document's number: "see AHS - G2110 Vitamin D Testing"
_NUMBER_PREFIX = re.compile(r"(?<![A-Za-z])(?!CPT|HCPCS)[A-Z]{2,5}\s?[-\u2013]\s*$")
_NOT_A_CODE_BEFORE = re.compile(r"(?:PMID|Box|No\.|Suite|ZIP|phone|fax|Pub\.|TA|NAIC|\$)\s*$|(?-i:" + _NUMBER_PREFIX.pattern + ")", I)
_ROLES = [
    ("not-reimbursable-conditional", re.compile(r"\bnot\s+(?:separately\s+)?reimburs(?:able|ed)\s+(?:when|if|unless)\b|"
                                                r"\b(?:when|if)\b[^|]*\bbilled\b[^|]*\bnot\s+(?:separately\s+)?reimburs|"
                                                # bundling: "not separately reimbursable with 70552", "... on
                                                # the same date of service are not separately reimbursable"
                                                r"\bnot\s+separately\s+reimburs\w*\s+(?:when\s+\w+\s+)?(?:together\s+)?with\b|"
                                                r"\bsame\s+(?:date|day|session)\b[^|]*\bnot\s+separately\s+reimburs|"
                                                r"\bnot\s+separately\s+reimburs[^|]*\bsame\s+(?:date|day|session)\b", I)),
    ("not-covered-in-context", re.compile(
        r"\b(?:not\s+covered|denied|investigational|experimental|unproven)\b[^|]*?\b(?:only\s+)?(?:when|if)\b[^|]*?"
        r"\b(?:billed\s+(?:for|as|to\s+report)|used\s+to\s+report|reported\s+(?:for|as))\s+"
        r"(?![^|.;]*\b(?:members?|patients?|enrollees?|plans?)\b)|"
        r"\bnot\s+covered\s+(?:if|when)\s+(?:related|relating)\s+to\b|"
        r"\bdenied\s+only\s+when\b|\bonly\s+when\b[^|]*\bbilled\s+for\b|"
        # "payable when they report single-analyte tests, but not when they're billed to report a panel"
        r"\bbut\s+not\s+when\s+(?:they(?:'re|\u2019re|\s+are)\s+|it(?:'s|\u2019s|\s+is)\s+)?(?:billed|used|reported)\s+"
        r"(?:to\s+report|for|as)\b|\balso\s+(?:used|describes?)\s+(?:for\s+)?"
        r"ordinary\b|\bordinary\s+tests?\b[^|]*\bnot\s+affect|"
        r"\bwhen\s+(?:(?:billed|used\s+to\s+report|reported)\s+(?:for|as)|billed\s+to\s+report)\s+(?![^|.;]*\b(?:members?|patients?|enrollees?|plans?)\b)"
        r"[^|]*?\b(?:not\s+covered|denied|investigational|experimental|unproven)\b", I)),
    ("covered-with-limits", re.compile(r"\b(?:covered|reimbursable|reimbursed|allowed)\b[^|.]*\b(?:once|up\s+to|"
                                       r"(?:subject\s+to|with)\s+(?:the\s+)?(?:following\s+)?(?:frequency\s+)?limit(?:s|ations)?\b|"
                                       r"no\s+more\s+than|limited\s+to|per\s+(?:member|year|\d+))\b", I)),
    # "Eligible for Coverage:" over a code table: covered when the policy's criteria are met
    ("covered-with-criteria", re.compile(r"^(?!.*\bnot\b).*\beligible\s+for\s+coverage\b|"
                                         r"^(?!.*\bnot\s+covered\b).*\bcovered\s+(?:alternative\s+)?(?:when|if)\b|"
                                         r"\b(?:is|are)\s+medically\s+necessary\b(?!.*\bnot\b)|"
                                         r"^(?!.*\bnot\b).*\bmedically\s+necessary\s+(?:when|if)\b", I)),
    ("reference", re.compile(r"\bfor\s+reference\b|\bdoes\s+not\s+(?:change|address|affect)\s+(?:it|this|them)\b|"
                             r"\bnot\s+affected\s+by\s+this\s+policy\b|\bseparate\s+service\b|\bits\s+own\s+code\b|"
                             r"\bremoved\s+from\b|\bthis\s+policy\s+does\s+not\s+address\b|"
                             # a row taken off a denial list: "No longer investigational; now requires prior
                             # authorization under the X guideline"
                             r"\bno\s+longer\s+(?:considered\s+)?(?:investigati(?:onal|ve)|experimental|unproven|"
                             r"non-?covered|not\s+covered|denied)\b|"
                             r"\bnot\s+addressed\s+(?:here|by\s+this|in\s+this)\b|"
                             # "is reviewed under the Advanced Imaging policy; it is not denied under this policy"
                             r"\b(?:is|are)\s+not\s+denied\b|"
                             # "Listing of a code ... does not imply that the service is covered or non-covered"
                             r"\bdoes\s+not\s+(?:imply|guarantee|constitute)\b", I)),
    ("not-reimbursable", re.compile(r"\bnot\s+(?:separately\s+)?reimburs(?:able|ed)\b", I)),
    ("not-covered", re.compile(r"\binvestigational\b|\bE/I\b|\bnot\s+covered\b|\bnon-?covered\b|\bexperimental\b|"
                               r"\bnot\s+medically\s+necessary\b|\bdenied\b", I)),
]
_ROLE_RANK = {name: i for i, (name, _) in enumerate(_ROLES)}
_ROLE_RANK["reference-default"] = len(_ROLES)
_ROLE_RANK["reference-boilerplate"] = len(_ROLES) - 0.5

# The payer's stock disclaimer over a code list ("listed for reference purposes only", "listing of a code
# does not imply that the service is covered or non-covered"): boilerplate, not a decision about the codes.
# The policy's own determination still decides the service those codes describe.
_BOILERPLATE = re.compile(r"\bfor\s+reference\s+(?:purposes\s+)?only\b|\bdoes\s+not\s+(?:imply|guarantee|constitute)\b", I)
# ... nor is a lead that sends its codes to another policy ("Other codes (see Policy 104; listed for reference only):")
_NOT_BOILERPLATE = re.compile(r"\bremoved\s+from\b|\bnot\s+addressed\b|\bdoes\s+not\s+address\b|"
                              r"\bseparate\s+service\b|\bits\s+own\s+code\b|\bnot\s+affected\b|"
                              r"\bsee\s+(?:(?:medical|coverage|payment)\s+)?(?:policy|guideline)\s+[\w.-]*\d", I)
# a lead line that names its codes as related to, or other than, the ones the policy decides ("Other CPT codes
# related to the CPB:"): positive evidence that they are listed for reference
# or as outside the rule the policy sets ("Table 2 - Codes not counted toward the panel threshold")
_RELATED_LEAD = re.compile(r"\brelated\b|\bfor\s+(?:reference|information)\b|"
                           r"\bcodes?\s+not\s+(?:counted|included|subject)\s+(?:toward|towards|in|to)\b", I)
_DENIAL_ROLE = {"investigational": "not-covered", "not-medically-necessary": "not-covered",
                "not-covered": "not-covered", "not-reimbursable": "not-reimbursable"}


# "[when specified as X]", "[when used to assess X]", "[X testing]": a bracketed clarification narrows the row's
# code to one use, so a denial over the list reaches it only in that use
_CONDITION = re.compile(r"\b(?:when|if)\s+(?:specified|billed|used|reported)\s+(?:as|for|to)\b|\[[^\]]*[a-z]{3}[^\]]*\]?\s*$|"
                        r"^[^\[]*[a-z]{3}[^\[]*\]\s*$", I)
_UNLISTED = re.compile(r"\bunlisted\b|\bnot\s+otherwise\s+(?:specified|classified)\b|\bNOS\b|\bNOC\b", I)


def role_of(text: str) -> str | None:
    clean = _clean(text)
    for name, pattern in _ROLES:
        if pattern.search(clean):
            return name
    return None


_COVERED_ROLES = {"covered-with-criteria", "covered-with-limits"}
_DENIED_ROLES = {"not-covered", "not-covered-in-context", "not-reimbursable", "not-reimbursable-conditional"}


def _role_conflict(roles: set[str]) -> bool:
    """A code both covered and denied, with nothing saying which branch is which, has no role we can state."""
    return bool(roles & _COVERED_ROLES) and bool(roles & _DENIED_ROLES)


def _ambiguous_status(text: str) -> bool:
    """A status cell that reads as covered and as denied ("Covered; not covered for screening") and does
    not say which is the exception ("covered when ...; otherwise investigational" is a criteria branch)."""
    clean = _clean(text)
    if _OTHERWISE.search(clean):
        return False
    roles = {name for name, pattern in _ROLES if pattern.search(clean)}
    if any(not re.search(r"\b(?:not|non|no|never|nor|without|separately)\b[\s\w-]{0,20}$", clean[:m.start()], I)
           for m in _POSITIVE.finditer(clean)):
        roles.add("covered-with-criteria")
    return _role_conflict(roles)


# "covered", "reimbursable", "medically necessary" said positively (not "not covered", "non-covered")
_POSITIVE = re.compile(r"\b(?:covered|reimbursable|medically\s+necessary)\b", I)


_RANGE = re.compile(r"(?<![\w./-])(0\d{3}[TU]|\d{5})\s*(?:-|\u2013|\u2014|through|to)\s*(0\d{3}[TU]|\d{5})(?![\w-])")


def _expand_ranges(text: str) -> list[tuple[str, str]]:
    """"0609T-0612T" and "70551-70553": every code of a short range of one kind."""
    out = []
    for m in _RANGE.finditer(text):
        a, b = m.group(1), m.group(2)
        if a[-1].isdigit() != b[-1].isdigit() or (not a[-1].isdigit() and a[-1] != b[-1]):
            continue
        lo, hi = int(a[:4] if not a[-1].isdigit() else a), int(b[:4] if not b[-1].isdigit() else b)
        if not 0 < hi - lo <= 25:
            continue
        suffix = "" if a[-1].isdigit() else a[-1]
        width = 5 if a[-1].isdigit() else 4
        out.extend(("cpt", f"{n:0{width}d}{suffix}") for n in range(lo, hi + 1))
    return out


# Codes a sentence names as the condition or the alternative ("... when billed with 70552 or 70553",
# "report combination code 70553 instead"), not as its subject
_CODE_CONDITION = re.compile(r"\bwith\b|\binstead\b|\bin\s+place\s+of\b|\brather\s+than\b|;\s*report\b", I)


def _codes_in(unit: Unit, context: str = "") -> list[tuple[str, str]]:
    text = unit.text
    if unit.kind == "row" and "\f" in text and _CODE.search(text[:text.index("\f")]):
        # a row whose wrapped description runs across the page break may take in a line of another row
        # printed beside it on the next page: its codes are the ones before the break
        text = text[:text.index("\f")]
    if unit.kind == "row" and len(unit.cells) > 1 and _CODE.search(unit.cells[0]):
        # a code table row's code is in its code cell; codes in its other cells are other rows' codes
        text = text[:text.find(unit.cells[0]) + len(unit.cells[0])]
    elif unit.kind in ("sentence", "item") or unit.kind == "row" and len(unit.cells) <= 1 and len(text.split()) >= 8:
        cut = _CODE_CONDITION.search(text)
        if cut and _CODE.search(text[:cut.start()]):
            text = text[:cut.start()]
    out = _expand_ranges(text)
    for m in _CODE.finditer(text):
        if _NOT_A_CODE_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
            continue
        if m.group("cpt"):
            value = int(m.group("cpt"))
            if not 100 <= value <= 99607:
                continue
            code = ("cpt", m.group("cpt"))
        elif m.group("cat3"):
            code = ("cpt", m.group("cat3"))
        else:
            code = ("hcpcs", m.group("hcpcs"))
        if code not in out:
            out.append(code)
    if re.search(r"\bICD-?10\b|\bdiagnosis\s+codes?\b", unit.section + " " + unit.text + " " + context, I):
        out.extend(("icd10", c) for c in _ICD.findall(text))
    return out


_COLUMN_WORDS = {"code", "codes", "cpt", "hcpcs", "icd", "10", "cm", "icd-10", "description", "descriptor", "status",
                 "diagnosis", "diagnoses", "modifier", "comment", "comments", "notes", "type", "procedure", "name",
                 "date", "action", "service", "test", "role", "coverage"}


def _column_header(unit: Unit) -> bool:
    """A table's column header line ("CPT Description", "Code | Description | Status")."""
    words = re.findall(r"[a-z0-9]+", unit.norm.lower())
    return unit.kind in ("heading", "label", "row") and 1 <= len(words) <= 6 and all(w in _COLUMN_WORDS for w in words)


def _next_past_column_header(seg: Segmented, unit: Unit) -> Unit | None:
    """The unit after this one, past headings, column headers and the wrapped description of a PDF code
    row printed above its code (a fragment that does not end a sentence): the table a lead line introduces."""
    fragments = 0
    for u in seg.units[unit.index + 1:]:
        if u.kind == "heading" or _column_header(u):
            continue
        if u.kind == "sentence" and not u.norm.endswith((".", ":", "?", "!")) and fragments < 2:
            fragments += 1
            continue
        return u
    return None


def find_codes(seg: Segmented, result: ImportResult, know: Knowledge | None = None) -> None:
    mentions: dict[tuple[str, str], list[tuple[str, Unit, int]]] = {}
    order: list[tuple[str, str]] = []
    context_sentences: dict[int, list[Unit]] = {}     # table -> sentences that speak of "the codes below"
    for unit in seg.units:
        if unit.kind == "sentence" and (
                re.search(r"\b(?:codes?\s+below|these\s+codes|they\s+are|each\s+code)\b", unit.norm, I)
                or re.search(r"\bcodes?\b", unit.norm, I) and re.search(r"\b(?:following|below|listed|this\s+list)\b",
                                                                          unit.norm, I)
                # "Services ... considered investigational include, but are not limited to, the following list."
                or re.search(r"\b(?:include|includes|are)\b[^.]*\bthe\s+following\s+(?:list|table)\b", unit.norm, I)
                # "Single-nutrient assays ... are covered with the following limits." over a table of per-code limits
                or re.search(r"\bcovered\s+(?:with|subject\s+to)\s+the\s+following\s+(?:frequency\s+)?limit", unit.norm, I)):
            # the table that follows, with nothing but its caption or header line in between, or nothing
            # but the rest of the sentence's paragraph ("The following list(s) of codes is provided for
            # reference purposes only ... Listing of a code in this policy does not imply ...")
            if _entry_row_above(seg, unit) is not None:
                continue     # "these codes" in a chart's entry are the codes that head it, not those below
            after = unit
            while after.index + 1 < len(seg.units) and seg.units[after.index + 1].kind == "sentence" and \
                    seg.units[after.index + 1].block == unit.block:
                after = seg.units[after.index + 1]
            nxt = _next_past_column_header(seg, after)
            if nxt is not None and nxt.kind == "row":
                context_sentences.setdefault(nxt.table, []).append(unit)
        # "When five or more of the codes in Table 1 are billed ...": the table captioned "Table 1"
        named = re.search(r"\bcodes\s+(?:listed\s+|shown\s+)?in\s+(Table\s+\d+)\b", unit.norm, I) \
            if unit.kind == "sentence" else None
        if named:
            for caption in seg.units:
                if caption.kind == "heading" and re.match(re.escape(named.group(1)) + r"\b", caption.norm, I):
                    rows = _next_past_column_header(seg, caption)
                    if rows is not None and rows.kind == "row" and unit not in context_sentences.get(rows.table, []):
                        context_sentences.setdefault(rows.table, []).append(unit)
                    break
    # a PDF code table whose rows wrap their descriptions onto lines of their own reads as several tables;
    # rows separated only by such fragments (no sentence end) are the same table's, under the same lead
    last_row: Unit | None = None
    for unit in seg.units:
        if unit.kind == "row":
            between = seg.units[last_row.index + 1:unit.index] if last_row is not None else []
            # ... and so are the rows under a repeated header "CPT Description (continued)" past a page break
            continued = bool(between) and all(u.kind == "heading" and (_column_header(u) or _CONTINUED.search(u.norm))
                                              for u in between) and any(_CONTINUED.search(u.norm) for u in between)
            if last_row is not None and unit.table != last_row.table and unit.table not in context_sentences \
                    and last_row.table in context_sentences and (continued or unit.section == last_row.section and all(
                        u.kind == "sentence" and not u.norm.endswith((".", ":", "?", "!")) for u in between)):
                context_sentences[unit.table] = context_sentences[last_row.table]
            last_row = unit
    header_role: str | None = None      # the latest "CPT codes not covered ...:" line above the rows
    header_unit: Unit | None = None
    used_sources: set[int] = set()
    for unit in seg.units:
        codes_here = _codes_in(unit, header_unit.text if header_unit is not None else "") \
            if unit.kind != "heading" else []
        nxt = _next_past_column_header(seg, unit)
        leads_rows = nxt is not None and nxt.kind == "row" and bool(_codes_in(nxt))
        if not codes_here and _column_header(unit):
            pass            # "CPT Description", "Code | Description": the table goes on under its lead line
        elif not codes_here and unit.kind in ("heading", "label", "row", "sentence") and (
                re.search(r"\bcodes?\b", unit.norm, I) and (unit.kind != "sentence" or unit.norm.endswith(":"))
                or unit.norm.endswith(":") and leads_rows):
            # the line that leads a code list: "CPT codes, all not covered:", "Individual nutrient tests:
            # covered when the criteria ... are met:" straight above the code rows
            above = seg.units[unit.index - 1] if unit.index > 0 else None
            if role_of(unit.text) is None and unit.norm.endswith(":") and above is not None and \
                    above.kind in ("heading", "label", "sentence") and above.norm.endswith(":") and \
                    not _codes_in(above) and role_of(above.text) not in (None, "reference"):
                # "When services are Investigational and Not Medically Necessary:" over "For the procedure code
                # listed above when criteria are not met, and for the following procedure codes for all
                # indications:": two lead lines of one list, the first giving its status
                header_role, header_unit = role_of(above.text), above
                continue
            if role_of(unit.text) is None and header_role is not None and unit.norm.endswith(":"):
                # "Other CPT codes related to the CPB:" after "CPT codes not covered ...:": a new list with
                # no status of its own, never the one above it continued
                header_role, header_unit = "reference" if _RELATED_LEAD.search(unit.norm) else "reference-default", unit
                continue
            header_role, header_unit = role_of(unit.text) or (
                "reference" if _RELATED_LEAD.search(unit.norm) else None), unit
            if header_role is not None:
                continue
        elif not codes_here and (unit.kind == "heading" or unit.kind == "sentence" and not leads_rows) and not (
                unit.kind == "sentence" and header_unit is not None and header_unit.kind == "heading"
                and unit.section == " ".join(header_unit.text.lower().strip(" :*#").split())) and not (
                unit.kind == "heading" and leads_rows and re.match(r"table\s+\d+\b", unit.norm, I)):
            # a note under the heading that leads a code list ("Note: this test is billed under ...") does
            # not end the list it introduces, nor does the table's caption ("Table 1. Single-analyte tests")
            header_role = None  # a sentence between wrapped rows of one PDF table does not end it
        if unit.kind in ("heading",) or _history(unit) or _REFERENCES.search(unit.section or ""):
            continue
        if unit.kind == "label" and not _CODE_CONTEXT.search(unit.label):
            continue
        codes = codes_here
        before = seg.units[unit.index - 1] if unit.index > 0 else None
        if codes and before is not None and _NUMBER_PREFIX.search(before.text[-8:]) and \
                re.match(r"\s*" + re.escape(codes[0][1]) + r"\b", unit.text):
            codes = codes[1:]     # "... see AHS -" / "G2110 Vitamin D Testing": a document's number wrapped
        if not codes:
            continue
        lead_text = seg.units[unit.lead].text if unit.kind == "item" and unit.lead >= 0 else ""
        if unit.kind in ("sentence", "item") and not _CODE_CONTEXT.search(unit.text + " " + lead_text) and \
                not any(c[1][-1] in "TU" for c in codes) and not re.search(r"\(\s*(?:CPT\s+)?\d{5}", unit.text):
            continue
        text = unit.text
        if unit.kind == "row":
            text = " | ".join(unit.cells[1:]) if len(unit.cells) > 1 else re.sub(r"^\S+\s*", "", unit.norm)
        removed = unit.kind == "row" and bool(_REMOVED_ROW.search(_clean(text)))
        if _ambiguous_status(text) and not removed:
            result.notes.append(f"codes: the status of \"{unit.norm[:100]}\" is ambiguous; no role given")
            continue
        # a row taken off the list ("Removed 07/2025; now reviewed under the X policy (covered when ...)") is listed
        # for reference: what the other policy decides is not this one's determination
        role = "reference" if removed else role_of(text)
        source: Unit | None = None           # the line that gave the role, when it is not this one
        if role is None and unit.kind == "item" and unit.lead >= 0:
            role, source = role_of(seg.units[unit.lead].text), seg.units[unit.lead]
        if role is None and unit.kind == "row" and header_role is not None:
            role, source = header_role, header_unit
        if role is None and unit.kind == "row":
            for sentence in context_sentences.get(unit.table, []):
                if _GENERAL_CODES_ONLY.search(_clean(sentence.text)):
                    continue     # it narrows the general codes of the list, the list's lead gives the role
                role, source = role_of(sentence.text), sentence
                if role:
                    break
        if role is None and unit.kind == "row" and _BARE_CODES.fullmatch(unit.norm):
            role, source = _entry_role(seg, unit)
        if role is None and (unit.kind == "row" or re.match(r"^(?:applicable\s+|related\s+|other\s+)?(?:CPT|HCPCS|"
                                                             r"procedure|billing)?\s*codes?\b[^:]{0,30}:|^(?:CPT|HCPCS)\s*:",
                                                             unit.norm, I)):
            role = "reference-default"     # listed, not decided
            wrapped = seg.units[unit.index - 1] if unit.kind == "row" and unit.index > 0 else None
            if wrapped is not None and wrapped.kind == "sentence" and not _codes_in(wrapped) and \
                    not wrapped.norm.endswith((".", ":", "?", "!")) and role_of(wrapped.text) == "reference" and \
                    not _BOILERPLATE.search(_clean(wrapped.text)):
                # a PDF row whose comment wraps onto the line printed above its code ("... brain; without Not
                # addressed by this policy (NCD" over "70551"): that line is the row's own evidence
                role, source = "reference", wrapped
        if role is None:
            continue
        narrowed = False
        if role in ("not-covered", "not-reimbursable") and (len(codes) == 1 and (
                _UNLISTED.search(unit.text) or source is not None and _CONDITION.search(text))
                or unit.kind == "row" and len(unit.cells) > 1 and _UNLISTED.search(unit.cells[0])
                or unit.kind == "row" and source is not None and _general_codes(know, text)):
            # also every code of a code cell that says its codes are unlisted ("20999, 22899 (unlisted procedure
            # codes)"), and the codes a row lists for a service that has no code of its own: they report other
            # services too
            # an unlisted or "not otherwise specified" code reports many services: the document can deny it
            # only when it is billed for this one; so too a row that adds "[when specified as X]" to the
            # denial its list's lead line gives
            role = "not-covered-in-context" if role == "not-covered" else "not-reimbursable-conditional"
            narrowed = True
        elif role in ("not-covered", "not-reimbursable") and unit.kind == "sentence" and _other_uses_unaffected(seg, unit):
            # "Claims for it billed with 84999 or 86353 are denied. Claims for 84999 or 86353 for other services are
            # processed normally.": the codes are denied only when billed for the service
            role = "not-covered-in-context" if role == "not-covered" else "not-reimbursable-conditional"
        if role == "reference" and source is not None and _BOILERPLATE.search(_clean(source.text)) and \
                not _NOT_BOILERPLATE.search(_clean(source.text)):
            role = "reference-boilerplate"
        if source is not None:
            used_sources.add(source.index)
            # "when billed for MR spectroscopy" over "76390 Magnetic resonance spectroscopy": the code is the
            # service's own, so the condition always holds and the code is simply denied
            if role == "not-covered-in-context" and know is not None and unit.kind == "row":
                named = set(know.services_named(_clean(text)))
                if named and named & set(know.services_named(_clean(source.text))):
                    role = "not-covered"
        for system, code in codes:
            key = (system, code)
            if key not in mentions:
                mentions[key] = []
                order.append(key)
            mentions[key].append((role, unit, len(mentions[key])))
            if source is not None and (role_of(source.text) == (
                    "reference" if role == "reference-boilerplate" else role) or role == "reference-default"
                                       or narrowed or role == "reference" and _RELATED_LEAD.search(source.norm)):
                mentions[key].append((role, source, len(mentions[key])))
            # "... (for example CPT 70553) is a separate service. This policy does not address it; ..."
            if role == "reference" and unit.kind == "sentence":
                nxt = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
                if nxt is not None and nxt.kind == "sentence" and re.match(r"this\s+policy\s+does\s+not", nxt.norm, I):
                    mentions[key].append((role, nxt, len(mentions[key])))
    # A sentence that gives codes a role ("the codes below are not reimbursable when ...") but could not be
    # tied to a table: a table without a status of its own may be the one it speaks of, so "reference"
    # for that table would be a guess.
    loose = [u for u in seg.units
             if u.kind in ("sentence", "item", "label", "heading") and u.index not in used_sources
             and not _history(u) and not _REFERENCES.search(u.section or "")
             and re.search(r"\bcodes?\b", u.norm, I) and not _codes_in(u)
             and role_of(u.text) not in (None, "reference")]
    codes = []
    for key in order:
        ms = mentions[key]
        explicit = {m[0] for m in ms if m[0] not in ("reference", "reference-default", "reference-boilerplate")}
        if _role_conflict(explicit):
            result.notes.append(f"code {key[1]}: the document gives it both a covered and a denied role; "
                                f"no role given")
            continue
        if explicit == set() and {m[0] for m in ms} == {"reference-default"} and loose:
            result.notes.append(f"code {key[1]}: listed without a status, and \"{loose[0].norm[:100]}\" may "
                                f"give it a role; no role given")
            continue
        best = min(ms, key=lambda m: (_ROLE_RANK[m[0]], m[2]))
        role = best[0]
        if role == "reference-boilerplate":
            role = _boilerplate_role(seg, result, know, best[1]) if key[0] != "icd10" else "reference"
            if role is None:
                result.notes.append(f"code {key[1]}: listed under a stock disclaimer, and the service it "
                                    f"describes has no single denial in this document; no role given")
                continue
        same = [m[1] for m in ms if m[0] == best[0] and m[1] is not best[1]]
        for table_sentence in context_sentences.get(best[1].table, []) if best[1].kind == "row" else []:
            if role_of(table_sentence.text) == role or role in _DENIAL_ROLE.values() and \
                    best[0] == "reference-boilerplate" and _BOILERPLATE.search(_clean(table_sentence.text)):
                same.append(table_sentence)
        printed = next((m[1] for m in ms if m[1].kind == "row"), None)
        if best[1].kind != "row" and printed is not None:
            # "0491T and 0492T were removed from this list": the sentence gives the role, the grid row that still
            # prints the code is where a reader meets it
            same.append(printed)
        same = list({u.index: u for u in same}.values())      # each sentence once
        if role == "reference-default" and best[1].kind == "row" and key[0] != "icd10":
            # a status-less row whose description names the one service the document denies outright
            # ("76390 | Magnetic resonance spectroscopy" under a policy that finds MRS investigational for
            # every indication) is that service's own code and takes its denial
            own = _boilerplate_role(seg, result, know, best[1])
            role = own if own in _DENIAL_ROLE.values() else role
        if role == "reference-default":
            # "A value the document does not state is absent, never guessed": a code printed in a list with
            # nothing saying it is listed for reference, removed or sent elsewhere has no role we can state
            result.notes.append(f"code {key[1]}: code found, role not stated \u00ab{best[1].norm[:100]}\u00bb")
            continue
        codes.append(CodeFinding(key[0], key[1], role,
                                 Citation.of(best[1]), tuple(Citation.of(u) for u in same)))
    if not order:     # codes found with no role stated are noted above, each with its row
        result.notes.append("codes: no CPT, HCPCS or ICD-10 code in a code table or coding sentence")
    result.codes = codes


_CONTINUED = re.compile(r"\(\s*continued\s*\)|\bcontinued\s*$", I)
_REMOVED_ROW = re.compile(r"\bremoved\s+(?:from\b|(?:effective\s+|on\s+|in\s+)?\d)|\bdeleted\s+(?:from\b|(?:effective\s+)?\d)|"
                         r"\bnow\s+(?:reviewed|addressed|decided)\s+(?:under|in|by)\b", I)
# "an unlisted or general laboratory code is denied only when it is billed for the listed service"
_GENERAL_CODES_ONLY = re.compile(r"\b(?:unlisted|general|non-?specific|miscellaneous)\b[^.;]*?\bcodes?\b[^.;]*?"
                                 r"\b(?:denied|not\s+covered|investigational|experimental)\s+only\s+(?:when|if)\b", I)


_BARE_CODES = re.compile(r"(?:(?:\d{5}|\d{4}[TU]|[A-CEGHJ-MP-V]\d{4})\*?(?:\s*(?:,|-|\u2013|and|or)\s*|\s+|$))+")


def _entry_row_above(seg: Segmented, unit: Unit) -> Unit | None:
    """The line of codes alone that heads the chart entry this sentence is in, past its headings and sentences."""
    for u in reversed(seg.units[max(0, unit.index - 15):unit.index]):
        if u.kind == "row" and _BARE_CODES.fullmatch(u.norm):
            return u
        if u.kind not in ("sentence", "heading", "item") or _codes_in(u):
            return None
    return None


def _entry_role(seg: Segmented, row: Unit) -> tuple[str | None, Unit | None]:
    """A line of codes alone that heads a chart's entry ("81240, 81241" / "Basic Benefit and Medical Policy" /
    "Genetic testing ... is established for members with ..."): the entry's sentences, up to the next line of
    codes, decide them; a sentence about "these codes" first, else the first that decides a service."""
    decided: tuple[str | None, Unit | None] = (None, None)
    for u in seg.units[row.index + 1:row.index + 16]:
        if u.kind == "row" or _codes_in(u):
            break
        if u.kind not in ("sentence", "item"):
            continue
        clean = _clean(u.text)
        if re.search(r"\b(?:these|the\s+above|each\s+of\s+the)\s+codes\b", clean, I) and role_of(clean):
            return role_of(clean), u
        det = determination_of(clean)
        if decided[0] is None and det is not None:
            role = det if det in _COVERED_ROLES else _DENIAL_ROLE.get(det)
            decided = (role, u) if role else decided
    return decided


def _general_codes(know: Knowledge | None, description: str) -> bool:
    """A row describing only known services that have no code of their own ("There is no specific CPT code for
    this service"): the codes it lists are general ones that report other services too."""
    named = know.services_named(_clean(description)) if know is not None else []
    return bool(named) and all(not s.codes for s in know.services if s.id in named)  # type: ignore[union-attr]


_OTHER_USES = re.compile(r"\bfor\s+(?:any\s+)?(?:other|another)\s+(?:services?|purposes?|uses?|tests?|reasons?|indications?)\b"
                         r"[^.;]*\b(?:processed\s+normally|paid|payable|reimbursed|covered|allowed|not\s+affected|"
                         r"reviewed\s+under)\b", I)


def _other_uses_unaffected(seg: Segmented, unit: Unit) -> bool:
    """The sentence, or the next one of its paragraph naming the same codes, says the codes billed for other
    services are processed as usual."""
    if _OTHER_USES.search(_clean(unit.text)):
        return True
    after = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
    return after is not None and after.kind == "sentence" and after.block == unit.block and \
        bool(_OTHER_USES.search(_clean(after.text))) and bool(set(_codes_in(after)) & set(_codes_in(unit)))


def _boilerplate_role(seg: Segmented, result: ImportResult, know: Knowledge | None, row: Unit) -> str | None:
    """The role of a code listed under a stock disclaimer. A code whose own description names a service
    the document denies outright (no covered branch, no "otherwise") is that service's own code and takes
    its denial; a description that names no known service (a lymphocyte culture, an unlisted code, a
    diagnosis) stays listed for reference; a named service with no single denial gets no role."""
    if know is None or row.kind != "row":
        return "reference"
    description = row.text
    before = seg.units[row.index - 1] if row.index > 0 else None
    if before is not None and before.kind == "sentence" and not _codes_in(before) and \
            not before.norm.endswith((".", ":")):
        description = before.text + " " + description     # a PDF row's description wrapped above its code
    named = set(know.services_named(_clean(description)))
    if not named:
        # a code of no known service: listed for reference beside the one service the document decides;
        # in a list of several services (or none decided) it may be any row's own code
        return "reference" if sum(s.determination is not None for s in result.services) == 1 else None
    hits = [s for s in result.services if s.service in named and s.determination is not None]
    if len(hits) == 1 and hits[0].otherwise is None:
        return _DENIAL_ROLE.get(hits[0].determination.value)
    return None


# -- products, statements, authority, prior authorization ---------------------------------------------------
def find_products(seg: Segmented, know: Knowledge, result: ImportResult) -> None:
    seen = set()
    for unit in seg.units:
        if unit.kind == "heading" or _history(unit) or re.search(r"references", unit.section, I):
            continue
        clean = _clean(unit.text)
        for product in know.products:
            if product.id in seen:
                continue
            if product.pattern.search(clean):
                seen.add(product.id)
                result.products.append((product.name, product.lab, Citation.of(unit)))


_STATEMENT_RULES = {
    "coverage": [re.compile(r"\bservices?\b[^.]*\b(?:are|is)\s+not\s+covered\b|\bdoes\s+not\s+cover\s+"
                            r"(?:investigational|experimental)", I),
                 re.compile(r"\b(?:is|are)\s+not\s+(?:a\s+)?covered\b|\bdoes\s+not\s+cover\b|\b(?:is|are)\s+"
                            r"non-?covered\b|\bnot\s+a\s+covered\s+service\b|\bnot\s+reimbursable\s+(?:due\s+to|"
                            r"because)\b", I)],
    "patient": [re.compile(r"\bfinancially\s+responsible\b|\bresponsible\s+for\s+the\s+(?:full\s+)?cost\b|"
                           r"\bfinancial\s+liability\b", I),
                re.compile(r"\b(?:may|must|can)\s+not\s+bill\b|\bcannot\s+bill\b|\bhold\s+\w+\s+harmless\b", I)],
    "recourse": [re.compile(r"\b(?:may|can|has\s+the\s+right\s+to)\b[^.]*\b(?:appeal|organization\s+determination|"
                            r"reconsider|fair\s+hearing|clinical\s+exception|dispute)\b", I)],
    "evidence": [re.compile(r"\bevidence\s+is\s+insufficient\b|\binsufficient\s+evidence\b|\bno\s+(?:published\s+)?"
                            r"evidence\b|\b(?:do|does|have|has)\s+not\s+(?:been\s+)?show(?:n)?\b", I),
                 re.compile(r"\b(?:no|insufficient|lack|limited|small)\b[^.]*\b(?:studies|trials|evidence|data)\b|"
                            r"\b(?:studies|trials)\b[^.]*\b(?:were\s+not|no|lack|small)\b", I)],
}


def find_statements(seg: Segmented, result: ImportResult) -> None:
    main = result.services[0].determination if result.services else None
    statements: dict[str, Finding | None] = {"policy": main if main else None}
    used = {main.cite.start} if main else set()
    for name, tiers in _STATEMENT_RULES.items():
        statements[name] = None
        for pattern in tiers:
            for unit in seg.units:
                if unit.kind not in ("sentence", "item", "row") or unit.start in used or _history(unit) or \
                        _REFERENCES.search(unit.section or ""):
                    continue
                if name == "evidence" and not _EVIDENCE_SECTION.search(unit.section):
                    continue
                if name != "evidence" and re.search(r"description|background|summary|scientific|validity",
                                                    unit.section, I):
                    continue
                clean = _clean(unit.text)
                if unit.kind == "row":
                    clean = unit.cells[-1] if unit.cells else clean
                if pattern.search(clean) and not _HEDGE.search(clean if name != "recourse" else ""):
                    cite = Citation.of(unit)
                    if unit.kind == "row":
                        cell = unit.cells[-1]
                        at = unit.text.find(cell)
                        cite = Citation(cell, unit.start + at, unit.start + at + len(cell), unit.page)
                    statements[name] = Finding(clean if unit.kind != "row" else cell, cite)
                    used.add(unit.start)
                    break
            if statements[name] is not None:
                break
        if statements[name] is None:
            result.notes.append(f"statement {name}: no sentence found")
    result.statements = statements


_NCD = re.compile(r"\b(?:NCD\)?|National\s+Coverage\s+Determination(?:\s+\(NCD\))?)\s*(?:#\s*)?(\d{2,3}(?:\.\d+){1,3})\b", I)


# A sentence that makes an NCD the rule the plan follows, rather than one it mentions.
_FOLLOWS = re.compile(r"\bfollows?\b|\bgovern|\bin\s+accordance\s+with\b|\bper\s+(?:the\s+)?(?:CMS\s+)?(?:NCD|National)|"
                      r"\bnoncoverage\b|\bnon-coverage\b|\bdoes\s+not\s+cover\b|\bnot\s+covered\b|\bunder\s+(?:the\s+)?"
                      r"(?:CMS\s+)?(?:NCD|National)|\bconditions\s+of\b|\bmust\s+comply\b", I)


def find_authority(seg: Segmented, result: ImportResult) -> None:
    """The NCD the plan follows: named in a sentence of the policy itself (never a reference list, the
    history or a background note) that follows, applies or states it; else the first one named there."""
    candidates = []
    for unit in seg.units:
        if unit.kind == "heading" or _history(unit) or _REFERENCES.search(unit.section or "") or \
                (unit.kind in ("sentence", "item") and not _decisional(unit)):
            continue        # a background section's "CMS reaffirmed its noncoverage (NCD 220.2.1)" is history
        clean = _clean(unit.text)
        m = _NCD.search(clean)
        if not m:
            continue
        if re.search(r"\bno\s+(?:national\s+coverage\s+determination|NCD)\b|\bN/A\b|\bnone\b|not\s+available|"
                     r"\bbackground\b|\bfor\s+information\s+only\b|\bcited\s+for\b|"
                     # "... members: see the Medicare Advantage guideline MA-14, which follows NCD 220.2.1": the
                     # NCD is the other guideline's rule, not this policy's
                     r"\b(?:see|refer\s+to|addressed\s+(?:in|by))\b[^.;]*\bwhich\s+(?:follows|applies|adopts)\b",
                     clean, I):
            continue
        candidates.append((not _FOLLOWS.search(clean), m, unit))
    if candidates:
        _, m, unit = min(candidates, key=lambda c: (c[0], c[2].start))
        result.authority = Finding(f"NCD {m.group(1)}", Citation.of(unit))


_PRIOR_AUTH = r"\b(?:prior\s+authorization|precertification|pre-?authorization)\b"
# "required for any ... service not listed on this policy": a requirement for the services the policy does not
# list is not one for the services it decides
_FOR_OTHER_SERVICES = re.compile(r"\bnot\s+(?:listed|named|included|addressed)\b|\bnot\s+on\s+this\s+list\b|"
                                 r"\bother\s+than\s+(?:those|the\s+services)\b", I)


def find_prior_authorization(seg: Segmented, result: ImportResult) -> None:
    for unit in seg.units:
        clean = _clean(unit.text)
        label = unit.label if unit.kind == "label" else ""
        value = unit.value.strip().rstrip(".").lower() if unit.kind == "label" else ""
        if unit.kind == "sentence":
            # "Prior Authorization: Not applicable." cut from the sentence after it is a label all the same
            m = re.fullmatch(_PRIOR_AUTH + r"\s*:\s*(?P<value>[^.:]{1,20})\.?", clean, I)
            label, value = (clean, m.group("value").strip().lower()) if m else ("", "")
        if label and re.search(r"prior\s+auth|precertification|pre-?authorization", label, I):
            if value in ("no", "not required", "none", "n/a", "not applicable"):
                result.prior_authorization = Finding("not required", Citation.of(unit))
                return
            if value in ("yes", "required"):
                result.prior_authorization = Finding("required", Citation.of(unit))
                return
        if unit.kind not in ("sentence", "item") or _FOR_OTHER_SERVICES.search(clean):
            continue
        if re.search(_PRIOR_AUTH + r"[^.]*\bis\s+not\s+(?:required|applicable|needed)\b", clean, I):
            result.prior_authorization = Finding("not required", Citation.of(unit))
            return
        if re.search(_PRIOR_AUTH + r"[^.]*\bis\s+required\b", clean, I):
            result.prior_authorization = Finding("required", Citation.of(unit))
            return
