"""The policy's own dates (effective, last reviewed, next review, approved, published, origination), read
from their labels and from the page furniture; a date the document gives for something else (an FDA
clearance, an NCD, a reference) is not one of them.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from ..model import Citation, Finding, ImportResult
from ..segments import Segmented, Unit
from .sections import _clean, _history

I = re.IGNORECASE

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DATE_PATTERNS = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "ymd"),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b"), "mdy"),
    # "Last Reviewed: 12-09-2025": month, day and a four-digit year set apart by hyphens (never inside a longer
    # hyphenated identifier such as "02-82000-31")
    (re.compile(r"(?<![\w-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\w-])"), "mdy"),
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
_DATE_ANY = re.compile(r"\b\d{1,2}/(?:\d{1,2}/)?\d{2,4}\b|(?<![\w-])\d{1,2}-\d{1,2}-\d{4}(?![\w-])|\b\d{4}-\d{2}\b|\b[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2},?\s+)?\d{4}\b")


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
                               r"policy\s+created|created|date\s+created|date\s+of\s+creation|(?:date\s+|policy\s+)?initiated|"
                               r"initial\s+(?:date|effective\s+date|approval\s+date|policy\s+date))$", I)),
    ("next_review", re.compile(r"^next\s+(?:scheduled\s+|annual\s+|biennial\s+|triennial\s+)?review(?:\s+date)?(?:\s+due(?:\s+by)?)?$|^scheduled\s+review"
                               r"(?:\s+date)?$|"
                               r"^(?:review|reviewed)\s+due$|^date\s+of\s+next\s+review$", I)),
    ("last_reviewed", re.compile(r"^(?:(?:last|latest)\s+(?:annual\s+)?review(?:ed)?(?:\s+date)?|reviewed|date\s+reviewed|"
                                 r"review\s+date|last\s+reviewed\s+date|revision\s+date|last\s+revised|"
                                 r"revised|date\s+(?:last\s+)?revised|date\s+of\s+(?:last\s+)?review|date\s+of\s+last\s+revision|"
                                 r"last\s+revision(?:\s+date)?)$", I)),
    # ("Medical Policy Committee approval: 02/24/2026": the committee's approval, named by the committee)
    ("approved", re.compile(r"^(?:approved(?:\s+by(?:\s+[\w ]+)?)?|date\s+approved|(?:committee\s+|mpc\s+)?approval\s+date|"
                            r"(?:last|latest)\s+approv(?:al|ed)(?:\s+date)?|"
                            r"(?:[\w ]{0,40}\s)?committee\s+approval(?:\s+date)?|"
                            r"approved\s+date|date\s+of\s+approval)$", I)),
    # ("Posted to Upcoming Medical Policies": the page a new version is published on before it takes effect; "Date
    # Posted: 01/05/2026" in a page's label block, the day the page put this version up)
    # ... and a bulletin's "Notification Date: February 18, 2026", the day it was put out ahead of the changes
    ("published", re.compile(r"^(?:published|publication\s+date|notification\s+date|date\s+of\s+notification|date\s+published|posted(?:\s+(?:to|on)\s+(?:the\s+)?"
                             r"[A-Za-z ]{3,40})?|publish\s+date|(?:date|day)\s+posted|posted\s+date|"
                             r"date\s+of\s+publication|issue(?:\s+date)?|issued\s+date|date\s+issued|"
                             r"(?:date\s+)?published\s+to\s+(?:the\s+)?web(?:site)?)$", I)),
    ("effective_from", re.compile(r"^(?:(?:policy\s+|revision\s+|revised\s+|version\s+|section\s+)?effective(?:\s+(?:policy\s+)?date)?|date\s+effective|effective\s+for\s+dates\s+of\s+"
                                  r"service\s+on\s+or\s+after|current\s+effective\s+date|version\s+effective\s+date|"
                                  r"effective\s+date\s+of\s+(?:the\s+|this\s+)?(?:current\s+)?(?:version|revision)|"
                                  r"effective\s+date\s+of\s+(?:the\s+)?current\s+policy|"
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
# "Status/Date", "Date/Status": a label whose value gives the status and the date together
_STATUS_DATE = re.compile(r"\s*(?:status\s*/\s*date|date\s*/\s*status)$", I)
# a date as a sentence writes it: "April 1, 2026", "Jan. 5, 2026", "04/01/2026"
_PROSE_DATE = r"[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}"
_REVIEWED_AND_APPROVED = re.compile(r"(?:last\s+)?review(?:ed)?\s+(?:and|&)\s+approv(?:ed|al)(?:\s+(?:by|date)(?:\s+[\w ]{1,60})?)?", I)
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
        label = unit.label.strip(" :*")
        if re.fullmatch(r"(?:historical|previous|prior|past)\s+effective\s+dates", label, I) and \
                dates["origination"] is None and not _OTHER_DOCUMENT.search(unit.section or ""):
            # "Historical Effective Dates: 07/01/2014, 11/01/2019, 03/02/2026": the first version took effect first
            parsed_all = [p for d in _DATE_ANY.findall(unit.value) if (p := parse_date(d))]
            if len(parsed_all) == len(_DATE_ANY.findall(unit.value)) >= 2:
                dates["origination"] = Finding(min(p[0] for p in parsed_all), Citation.of(unit),
                                               note="the earliest of the historical effective dates")
            continue
        if (_history(unit) and unit.index > header_end and history_kinds[_date_field(unit.label)] != 1) or \
                _OTHER_DOCUMENT.search(unit.section or ""):
            continue
        # "Last Review Status/Date: Reviewed with literature search/10:2025": the status, then the date
        status = _STATUS_DATE.search(label)
        if status:
            label = (label[:status.start()] + " date").strip()
        if len(_DATE_ANY.findall(unit.value)) > 1:
            continue       # "Revised: 03/2016, 07/2017, 01/2021": a log of several dates is no one date of the policy
        if _REVIEWED_AND_APPROVED.fullmatch(label):
            # "Reviewed and approved by the Utilization Management Committee: 11/18/2025": one date, two facts; a
            # review label says more of the last review than a "Revised:" beside it
            parsed = parse_date(unit.value.strip()) or _month_year(unit.value.strip())
            if parsed and parsed[1] == 0:
                for field in ("last_reviewed", "approved"):
                    if dates[field] is None or field == "last_reviewed" and revised_only:
                        dates[field] = Finding(parsed[0], Citation.of(unit))
                revised_only = False
            continue
        for field, pattern in _DATE_LABELS:
            if not pattern.match(label):
                continue
            if label.casefold() in original:
                field = "origination"     # the document says what its label means, whatever the word
            revision = bool(re.search(r"revis", label, I))
            if dates[field] is not None and not (field == "last_reviewed" and not revision and revised_only):
                break
            if field == "last_reviewed" and revision and unit.index > header_end and not _history(unit):
                # "Revised: May 2026" at the foot of a page, after its text: when the page was last edited, which
                # records no review of the policy (among the facts at the top, or in a history, it may stand for one)
                result.notes.append(f"last_reviewed: \"{unit.norm[:60]}\" after the text dates an edit of the page, "
                                    "not a review")
                break
            value = unit.value.strip()
            if field == "effective_from":
                # "Effective: for claims with dates of service on or after 02/01/2026": the date the label's words lead to
                value = re.sub(r"^for\s+(?:claims\s+(?:with\s+)?)?dates\s+of\s+service\s+on\s+(?:or|and)\s+after\s+", "",
                               value, flags=I)
            if field == "approved" and re.search(r"\bcommittee\b[^,]*,\s*\S+$", value, I):
                value = value.rsplit(",", 1)[1].strip()    # "Approved by: Reimbursement Policy Committee, 02/11/2026"
            parsed = (parse_date(value) or _month_year(value)) if value else None
            if parsed and status:
                parsed = (parsed[0], 0)     # the label says its value holds a status before the date
            if parsed and parsed[1] == 0:
                # a review label ("Review Date") says more of the last review than a revision label
                # ("Revision Date"), whichever comes first
                dates[field] = Finding(parsed[0], Citation.of(unit))
                if field == "last_reviewed":
                    revised_only = revision
            elif field not in empty:
                empty[field] = unit
            break
    for label, value, unit in column_grid(seg):
        field = _date_field(label)
        parsed = parse_date(value) or _month_year(value)
        if field and dates[field] is None and parsed and parsed[1] == 0:
            dates[field] = Finding(parsed[0], Citation.of(unit), note="from a label grid set out in columns")
    if dates["published"] is None and "published" not in empty:
        _posted_in_header(seg, header_end, dates)
    if dates["published"] is None and "published" not in empty:
        _letter_date(seg, dates)
    if dates["published"] is None and "published" not in empty:
        _issue_in_masthead(seg, dates, result)
    _change_after_issue(seg, dates)
    if (dates["last_reviewed"] is None or revised_only) and _annual_review_done(seg, dates):
        revised_only = False
    if revised_only and dates["last_reviewed"] is not None:
        _revision_label_against_reviews(seg, dates, result)
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
    for unit in seg.by_kind("sentence"):
        # "5.1 MR Spectroscopy 02/01/14 Section added.": a log's entry whose columns a PDF set out as one line, dated by
        # the one date in it
        found_dates = re.findall(r"(?<![\d/])\d{1,2}/\d{1,2}/\d{2,4}(?![\d/])", unit.norm)
        # (a sentence that says when something was done, "... approved by the Committee on 02/26/2026.", is prose
        # beside the log, not one of its entries)
        if _history(unit) and unit.index > header_end and len(found_dates) == 1 and \
                len(_DATE_ANY.findall(unit.norm)) == 1 and not any(u is unit for _, u in dated) and \
                not re.search(r"\b(?:on|dated)\s+" + re.escape(found_dates[0]), unit.norm, I):
            parsed = parse_date(found_dates[0])
            if parsed and parsed[1] == 0:
                dated.append((parsed[0], unit))
    for unit in seg.by_kind("label"):
        # "Medical Policy Group, March 2016 (1): New policy; ...": a history entry dated in its label
        if _history(unit) and unit.index > header_end and _date_field(unit.label) is None and parse_date(unit.label):
            dated.append((parse_date(unit.label)[0], unit))  # type: ignore[index]
    created = [(d, u) for d, u in dated
               if re.search(r"\bnew policy\b|\bpolicy (?:created|adopted|established|developed)\b|\bcreated\b|\badopted\b|"
                            # a manual's revision log: "5.1 MR Spectroscopy | 02/01/14 | Section added."
                            r"\b(?:section|chapter|policy)\s+added\b|"
                            # a regulation's history: "LAB-22 04/01/03 401.411 promulgated"
                            r"\bpromulgated\b|"
                            r"^(?:New|Created)\s+\d|\binitial\s+(?:document|policy)\s+development\b", u.norm, I)]
    created = [(_effective_column_date(seg, u) or d, u) for d, u in created]
    # a manual's "New section added" row after older entries ("10/2025 All sections Annual review of manual" above
    # "02/2026 Magnetic Resonance Spectroscopy New section added"): a section added to a document that already
    # existed, not the document's origination
    created = [(d, u) for d, u in created
               if not re.search(r"\b(?:section|chapter)\s+added\b", u.norm, I) or not any(o < d for o, _ in dated)]
    if dates["origination"] is None and created:
        d, u = min(created, key=lambda x: x[0])
        dates["origination"] = Finding(d, Citation.of(u), note="from the policy history table")
    if dates["last_reviewed"] is None and dated:
        _last_review_from_history(seg, dated, empty, dates, result)
    # "approved October 14, 2025, effective for dates of service on or after February 6, 2026" in prose
    for unit in seg.units:
        if unit.kind not in ("sentence", "row", "item"):
            continue
        clean = _clean(unit.text)
        if _OTHER_DOCUMENT.search(unit.section or "") or _NOT_THE_POLICY.search(clean):
            continue
        for field, rx in (("approved", r"\b[Aa]pproved\s+(?:by\s+(?:the\s+)?[A-Z][\w&,' ]{2,90}?\s+)?(?:on\s+)?"),
                          # "The Medical Policy Committee approved the changes below on February 11, 2026."
                          ("approved", _COMMITTEE + r"\s+approved\s+(?:the|these)\s+(?:\w+\s+){0,3}?(?:changes|policies|"
                                       r"updates|revisions)(?:\s+(?:below|above|in\s+this\s+\w+))?\s+on\s+"),
                          # "X's Clinical Guideline Committee approved an update to our Advanced Imaging clinical
                          # guideline (CG-RAD-07) on February 24, 2026."
                          ("approved", _COMMITTEE + r"\s+approved\s+(?:an?|the)\s+(?:update|change|revision)\s+to\s+"
                                       r"(?:our|its|the|this)\s+[^.;]{3,100}?\s+on\s+"),
                          # "The X Medical Policy Committee reviewed the following medical policies at its <date> meeting"
                          ("last_reviewed", _COMMITTEE + r"\s+reviewed\s+(?:the|these)\s+(?:following\s+)?(?:\w+\s+){0,2}?"
                                            r"(?:policies|policy|guidelines)(?:\s+below|\s+above)?\s+(?:on|at\s+its)\s+"),
                          # "The Plan's Technology Assessment Committee reviewed MRS on February 18, 2026."
                          ("last_reviewed", _COMMITTEE + r"\s+reviewed\s+[^.;]{2,60}?\s+on\s+"),

                          ("effective_from", r"\b(?i:effective)\s+for\s+dates\s+of\s+service\s+on\s+(?:or|and)\s+after\s+"),
                          # "Section 9 applies to dates of service on and after April 1, 2026."
                          ("effective_from", r"\b(?i:applies|apply)\s+to\s+(?:claims\s+(?:with\s+)?)?dates\s+of\s+service\s+"
                                             r"on\s+(?:or|and)\s+after\s+"),
                          # a bulletin's or transmittal's own changes: "These changes are effective: April 1, 2026.",
                          # "The medical policy changes in this chart are effective April 1, 2026"
                          ("effective_from", r"\b(?i:these|the)\s+(?:\w+\s+){0,3}changes\s+(?:in\s+this\s+(?:\w+\s+)?)?"
                                             r"(?:are|will\s+be|become)\s+effective:?\s+(?:on\s+)?")):
            if dates[field] is not None:
                continue
            m = re.search(rx + rf"({_PROSE_DATE}|\d{{1,2}}-\d{{1,2}}-\d{{4}}(?![\w-]))", clean)
            if m:
                parsed = parse_date(m.group(1))
                if parsed:
                    dates[field] = Finding(parsed[0], Citation.of(unit), note="stated in a sentence, not a label")
    if dates["effective_from"] is None and "effective_from" not in empty:
        dates["effective_from"] = _changes_take_effect(seg)
    if dates["effective_from"] is None and "effective_from" not in empty and result.title is not None:
        dates["effective_from"] = _effective_with_title(seg, result.title.cite)
    if dates["published"] is None and "published" not in empty:
        dates["published"] = _page_date_line(seg)
    # a date printed only in the running header or footer ("Effective Date: 01/01/2025 | Page 1 of 3") is
    # still the document's own; its first occurrence is cited
    latest_change = _latest_change(seg, dated)
    for label, value, cite in _furniture_labels(seg):
        for field, pattern in _DATE_LABELS:
            if pattern.match(label) and dates[field] is None and field not in empty:
                if field == "last_reviewed" and re.search(r"revis", label, I) and latest_change is not None and \
                        (parse_date(value) or _month_year(value) or ("", 1))[0] == latest_change:
                    # a running footer's "Revised 03/2026" beside a history whose 03/2026 entry records a change
                    # ("Claim Edits Wording clarified"): the footer dates that edit, not a review
                    result.notes.append(f"last_reviewed: \"{cite.text[:60]}\" in the running footer dates the history's "
                                        "latest change, not a review")
                    break
                parsed = parse_date(value) or _month_year(value)
                if parsed and parsed[1] == 0:
                    dates[field] = Finding(parsed[0], cite, note="from the running header or footer")
                    # the header's label answers what a history table could not
                    result.notes[:] = [n for n in result.notes if not n.startswith(f"{field}:")]
                break
    _effective_dates_disagree(seg, dates, result)
    for field, unit in empty.items():
        if dates[field] is None:
            result.notes.append(f"{field}: the label \"{unit.norm}\" has no date")
    result.dates = dates


# "On March 1, 2026, new medical policy updates go into effect.": a news item's own changes, dated in prose
_TAKE_EFFECT = re.compile(rf"^On\s+(?P<date>{_PROSE_DATE}),\s+(?:the\s+)?"
                          r"(?:[\w-]+\s+){0,3}(?:updates|changes|revisions|policies)\s+(?:below\s+)?(?:go|take|will\s+go|will\s+take)\s+"
                          r"(?:into\s+)?effect\b", I)


def _changes_take_effect(seg: Segmented) -> Finding | None:
    found = {}
    for unit in seg.units:
        m = _TAKE_EFFECT.match(_clean(unit.text)) if unit.kind == "sentence" else None
        parsed = parse_date(m.group("date")) if m else None
        if parsed:
            found.setdefault(parsed[0], unit)
    if len(found) != 1:
        return None     # none, or changes taking effect on two days: which is the document's is not said
    [(value, unit)] = found.items()
    return Finding(value, Citation.of(unit), note="the day the changes take effect, stated in a sentence")


# "2026 X Prior Authorization Guidelines (Effective January 1, 2026)": the date a guide's title says it is in force from
_TITLE_EFFECTIVE = re.compile(rf"\(\s*effective\s+(?:on\s+)?(?P<date>{_PROSE_DATE})\s*\)", I)


def _effective_with_title(seg: Segmented, title: Citation) -> Finding | None:
    """The effective date the title's own bracket gives, also where the heading breaks inside the bracket."""
    units = [u for u in seg.units if u.start == title.start]
    if not units:
        return None
    first = units[0]
    after = seg.units[first.index + 1] if first.index + 1 < len(seg.units) else None
    for unit_end, text in ((first.end, first.norm),
                           (after.end if after is not None else first.end,
                            first.norm + " " + after.norm if after is not None else first.norm)):
        m = _TITLE_EFFECTIVE.search(text)
        parsed = parse_date(m.group("date")) if m else None
        if parsed:
            return Finding(parsed[0], Citation(text, first.start, unit_end, first.page),
                           note="the effective date printed with the title")
    return None


# a page's own date line: "Last Updated on March 12, 2026", "Posted on April 1, 2026", "June 2026 Edition | Posted
# 06/02/2026"
_DATE_LINE = re.compile(r"^(?:[^|]{1,40}\|\s*)?(?:last\s+updated|updated|posted|published)\s+(?:on\s+)?"
                        r"(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4})\.?$", I)


def _page_date_line(seg: Segmented) -> Finding | None:
    """The line at the top of a web page or newsletter issue that says when it was posted or last updated: the
    day the page as read was published (a committee's review or an effective date is said in words of its own)."""
    for unit in seg.units[:40]:
        for line in unit.text.split("\n"):
            m = _DATE_LINE.match(" ".join(line.split()).lstrip("-* "))
            if m and re.search(r"\b(?:previous|past|earlier|older|archived?)\b", line[:m.start("date")], I):
                continue    # "Previous issues | Published 02/02/2026": another issue's date
            parsed = parse_date(m.group("date")) if m else None
            if parsed and parsed[1] == 0:
                return Finding(parsed[0], Citation.of(unit), note="the page's own posted or updated line")
    return None


# the committee of the plan that reviews its policies, as a sentence's subject
_COMMITTEE = r"\b(?:The\s+)?(?:[A-Z][\w&'-]*\s+){0,6}Committee"
def _effective_dates_disagree(seg: Segmented, dates: dict[str, Finding | None], result: ImportResult) -> None:
    """A bulletin's labels give a default effective date ("Effective date: October 1, 2025 (unless otherwise
    indicated)") and its items their own ("Effective: July 1, 2026"); which one is the document's date the labels
    alone do not say (the keys of such bulletins take the default or the item's, by what the item decides), so where
    two labels of the policy's effective date give two dates the field is left absent. A default stated in a
    sentence ("The changes in this chart are effective April 1, 2026, unless another date is shown") is the
    document's date and stands beside an item's own sentence."""
    found = dates["effective_from"]
    if found is None:
        return
    labelled = {parsed[0] for u in seg.by_kind("label") if _date_field(u.label) == "effective_from"
                and not _history(u) and not _OTHER_DOCUMENT.search(u.section or "")
                and (parsed := parse_date(u.value)) and parsed[1] == 0}
    if len(labelled) > 1:
        result.notes.append(f"effective_from: two labels of the effective date give {', '.join(sorted(labelled))}")
        dates["effective_from"] = None


# a history entry that records a review ("Annual review", "Reviewed, no changes"), not only a change
_REVIEW_ENTRY = re.compile(r"(?<!peer-)(?<!peer )\breview(?:ed)?\b", I)
# a date-shaped token that no date pattern reads ("31/12/2025", "2025.12.09"): the entry's date is unknown
_UNREAD_DATE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")


def _last_review_from_history(seg: Segmented, dated: list[tuple[str, Unit]], empty: dict[str, Unit],
                              dates: dict[str, Finding | None], result: ImportResult) -> None:
    """The latest entry of the policy history is the last review only when it says it is one. A history's
    latest entry may be a change ("Medicare Advantage section added"), the day a version took effect ("Date
    Effective | 02/01/2026") or a row whose date could not be read; and where the document prints a review
    label this reading could not read, the label, not the table, holds the answer. Each of these leaves the
    field absent rather than guess."""
    if "last_reviewed" in empty and re.search(r"\d", empty["last_reviewed"].value):
        return          # "Last Reviewed: <a date not read>": the label says it, the history may not ("Revised:" alone may)
    history_rows = [u for u in seg.by_kind("row") if _history(u)]
    if any(_UNREAD_DATE.match(u.norm) and not parse_date(u.norm.split()[0]) and not _month_year(u.norm.split()[0])
           for u in history_rows):
        result.notes.append("last_reviewed: a policy history entry has a date that could not be read")
        return
    # "Date Effective | 02/01/2026", "Date Archived | ...": an entry whose own label names another kind of date
    # and "01/01/2026 Effective date of the annual review changes": an entry that is the day a version took effect
    entries = [(d, u) for d, u in dated
               if _date_field(u.cells[0] if u.cells else u.label or "") in (None, "last_reviewed")
               and not re.match(r"(?:[\d/.\-]+\s*\|?\s*)?effective\b", u.norm, I)]
    if not entries:
        return
    d, u = max(entries, key=lambda x: x[0])
    if _effective_column(seg, u) or re.search(r"\bnew policy\b|\bpolicy (?:created|adopted|established)\b", u.norm, I):
        return
    if not _REVIEW_ENTRY.search(u.norm):
        result.notes.append(f"last_reviewed: the latest policy history entry records a change, not a review "
                            f"(\"{u.norm[:80]}\")")
        return
    dates["last_reviewed"] = Finding(d, Citation.of(u), note="the latest entry of the policy history")


def _letter_date(seg: Segmented, dates: dict[str, Finding | None]) -> None:
    """A letter's or memorandum's head ("DATE: February 12, 2026" among "TO:", "FROM:" and "RE:" or "SUBJECT:"):
    the day the letter was issued to its readers, its publication. A "Date:" label elsewhere says no such thing."""
    head = [u for u in seg.units[:15] if u.kind == "label"]
    names = {re.sub(r"\s+", " ", u.label.strip(" :*").lower()) for u in head}
    if not ({"to", "from"} <= names and names & {"re", "subject"}):
        return
    for unit in head:
        if unit.label.strip(" :*").lower() == "date":
            parsed = parse_date(unit.value.strip())
            if parsed and parsed[1] == 0:
                dates["published"] = Finding(parsed[0], Citation.of(unit), note="the letter's date")
            return


def _posted_in_header(seg: Segmented, header_end: int, dates: dict[str, Finding | None]) -> None:
    """A web page's dateline "Posted Mar. 3, 2026" (or "Published 03/03/2026"), a cell or a line of its own
    in the head of the page, before its text begins: the day the page was published. Further down, a
    "published" date is another issue's or another document's."""
    for unit in seg.units[:header_end]:
        pieces = [unit.value] if unit.kind == "label" else list(unit.cells) or [unit.norm]
        for piece in pieces:
            m = re.fullmatch(r"(?:posted|published)(?:\s+on)?\s*:?\s+(?P<date>.+?)\.?", piece.strip(), I)
            parsed = parse_date(m.group("date")) if m else None
            if parsed and parsed[1] == 0 and _DATE_ANY.fullmatch(m.group("date").replace(".", "")):
                dates["published"] = Finding(parsed[0], Citation.of(unit), note="the page's dateline")
                return


_MONTH_YEAR = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d{2}"
# an issue's masthead: the month alone ("March 2026"), with its volume or issue ("April 2026 | Volume 28 | Issue 2"),
# or before the name of the periodical or manual it dates ("February 2026 Acme Medicaid Provider Procedures Manual")
# (a bulletin's masthead cells: "General Medicine | August 2026 | Bulletin 641", the series, the month, the number)
_ISSUE_LINE = re.compile(rf"(?:[A-Z][\w&' -]{{2,40}}?\s*\|\s*(?={_MONTH_YEAR}\s*\|\s*Bulletin\s+\d))?"
                         rf"(?P<month>{_MONTH_YEAR})(?:\s*[|,\u2022\u00b7]\s*(?:Vol(?:ume)?\.?|Issue|No\.|Bulletin)\s*\d+.*|"
                         r"\s+(?:[A-Z][\w&'-]*\s+){1,8}(?:Manual|Newsletter|Bulletin|Updates?|News))?|"
                         # ... or after the name of the periodical it dates, with the issue's volume or number ("Acme
                         # Medicaid Update - May 2026 Volume 42 - Number 7"; a month alone there may be what the
                         # updates are of)
                         r"(?:[A-Z][\w&'-]*\s+){1,8}(?:Newsletter|Bulletin|Updates?|News)\s*[-\u2013\u2014|,:]?\s*"
                         rf"(?P<after>{_MONTH_YEAR})\s*[-\u2013\u2014|,:]?\s*(?:Vol(?:ume)?\.?|Issue|Number|No\.)\s*\d+.*")


# "Revision:  C-41, August 14, 2025", "Change: 17, 03/02/2023": the change that gave the text its present form, by its
# number and date
_NUMBERED_CHANGE = re.compile(r"^(?:[A-Z]{1,3}\s?-?\s?)?\d{1,4}[A-Z]?\s*[,;:-]\s*(?P<date>.+)$")


def _change_after_issue(seg: Segmented, dates: dict[str, Finding | None]) -> None:
    """A manual section's facts that give its "Issue Date" and then a later numbered change ("Revision: C-41,
    August 14, 2025"): the section was first issued on the issue date and published in its present form by the
    change, so the issue date is its origination and the change's date its publication."""
    issued = dates["published"]
    if issued is None or dates["origination"] is not None or \
            not re.match(r"issued?(?:\s+date)?\s*:", issued.cite.text.strip(), I):
        return
    at = next((u.index for u in seg.by_kind("label") if u.start == issued.cite.start), None)
    for unit in seg.by_kind("label"):
        # among the same facts as the issue date, a few lines from it
        if at is None or abs(unit.index - at) > 4 or not re.fullmatch(r"revision|change", unit.label.strip(" :*"), I):
            continue
        m = _NUMBERED_CHANGE.match(unit.value.strip())
        parsed = parse_date(m.group("date").strip()) if m else None
        if parsed and parsed[1] == 0 and parsed[0] > issued.value:
            dates["origination"] = Finding(issued.value, issued.cite, note="the first issue, revised since")
            dates["published"] = Finding(parsed[0], Citation.of(unit), note="the change that gave the text its present form")
            return


def _issue_in_masthead(seg: Segmented, dates: dict[str, Finding | None], result: ImportResult) -> None:
    """The month of an issue printed in the masthead of a newsletter, a monthly update page or a manual's
    edition, among the first lines of the page (its running header included): the month it was published. Two
    different months there (an archive's links) give none."""
    found: dict[str, Citation] = {}
    pos, seen = 0, 0
    for raw in seg.text.split("\n"):
        line = raw.replace("\f", " ").strip()
        if line:
            seen += 1
            m = _ISSUE_LINE.fullmatch(line)
            if m:
                at = pos + raw.find(line[:1])
                found.setdefault(parse_date(m.group("month") or m.group("after"))[0],  # type: ignore[index]
                                 Citation(line, at, at + len(line)))
            if seen >= 12:
                break
        pos += len(raw) + 1
    if len(found) == 1:
        [(month, cite)] = found.items()
        dates["published"] = Finding(month, cite, note="the issue's month in the masthead")
    elif found:
        result.notes.append(f"published: the masthead names several months ({', '.join(sorted(found))})")


def _annual_review_done(seg: Segmented, dates: dict[str, Finding | None]) -> bool:
    """"Annual Review: March 2025" among the facts of a policy issued or in effect on or after that month: the
    review has taken place, so it dates the last review (a later month would be the review to come, and stays
    unread)."""
    issued = [d.value for d in (dates["published"], dates["effective_from"], dates["approved"]) if d is not None]
    for unit in seg.by_kind("label"):
        if _history(unit) or not re.fullmatch(r"annual\s+review(?:\s+date)?", unit.label.strip(" :*"), I):
            continue
        parsed = parse_date(unit.value.strip()) or _month_year(unit.value.strip())
        if parsed and issued and parsed[0] <= max(issued)[:len(parsed[0])]:
            dates["last_reviewed"] = Finding(parsed[0], Citation.of(unit), note="an annual review dated before the issue")
            return True
    return False


def _revision_label_against_reviews(seg: Segmented, dates: dict[str, Finding | None], result: ImportResult) -> None:
    """"Revised: January 2026" beside a log whose entry "Nov 2025 Annual review ..." records the review: the
    label dates the latest change, the log the latest review, and the two disagree. A revision label stands for
    the last review only when no entry of the history records a review on another date."""
    label_date = dates["last_reviewed"].value  # type: ignore[union-attr]
    for unit in seg.units:
        if not _history(unit) or unit.kind not in ("row", "sentence", "item"):
            continue
        parsed = parse_date(unit.norm)
        if not parsed or parsed[1] != 0 or not _REVIEW_ENTRY.search(unit.norm):
            continue
        shorter = min(len(label_date), len(parsed[0]))
        if parsed[0][:shorter] != label_date[:shorter]:
            result.notes.append(f"last_reviewed: the revision label gives {label_date}, the history records a review "
                                f"on {parsed[0]} (\"{unit.norm[:80]}\")")
            dates["last_reviewed"] = None
            return


def _date_field(label: str) -> str | None:
    return next((f for f, pattern in _DATE_LABELS if pattern.match(label.strip(" :*"))), None)


_HEADER_DATE_COLUMNS = re.compile(r"\b(?:(?P<effective>effective)|review(?:ed)?|revis(?:ed|ion)|approv(?:ed|al)|action|"
                                  r"publish(?:ed)?|posted)\s+date\b", I)


def _effective_column_date(seg: Segmented, row: Unit) -> str | None:
    """A history row with two dates ("Created 09/15/2021 03/13/2022 Original effective date.") under a header that
    names an effective-date column among two date columns ("Status Review Date Effective Date Summary"): the date
    in the effective-date column, the day the policy first applied, not the day it was reviewed."""
    found = re.findall(r"(?<![\d/])\d{1,2}/\d{1,2}/\d{2,4}(?![\d/])", row.norm)
    if len(found) != 2:
        return None
    header = next((u for u in reversed(seg.units[max(0, row.index - 12):row.index])
                   if u.kind in ("heading", "label", "sentence") and len(_HEADER_DATE_COLUMNS.findall(u.norm)) == 2), None)
    if header is None:
        return None
    columns = [m.group("effective") is not None for m in _HEADER_DATE_COLUMNS.finditer(header.norm)]
    if columns.count(True) != 1:
        return None
    parsed = parse_date(found[columns.index(True)])
    return parsed[0] if parsed and parsed[1] == 0 else None


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


# the facts a label grid may head a column with: the policy's name, number, kind and dates
_FACT_HEADER = re.compile(r"^(?:(?:policy|document|guideline|bulletin)\s+(?:name|title|number|no\.?|#|id|type)|"
                          r"title|subject|policy|category|section|line\s+of\s+business|product)$", I)


def column_grid(seg: Segmented) -> list[tuple[str, str, Unit]]:
    """A label grid set out in columns: a header row whose every cell is the label of a policy fact ("Policy
    Name | Policy Number | Date Effective") over one row of values ("Experimental and Investigational Services
    | MM-1187 | 02/01/2026"). Each label with its value and the row of values that states it; a table whose
    header holds anything else ("Code | Change | Effective") is no grid of the policy's facts."""
    out = []
    for unit in seg.units[:40]:
        after = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
        if unit.kind != "row" or after is None or after.kind != "row" or after.table != unit.table or \
                len(unit.cells) < 2 or len(after.cells) != len(unit.cells):
            continue
        heads = [c.strip(" :*") for c in unit.cells]
        if not all(h and (_FACT_HEADER.match(h) or _date_field(h)) for h in heads) or not any(map(_date_field, heads)) \
                and not any(re.search(r"number|no\.?$|#|id$", h, I) for h in heads):
            continue
        if _history(unit) or any(_FACT_HEADER.match(c.strip(" :*")) or _date_field(c) for c in after.cells if c.strip()):
            continue       # a history table, or a second row of labels
        out.extend((h, v.strip(), after) for h, v in zip(heads, after.cells) if v.strip())
    return out


def _latest_change(seg: Segmented, dated: list[tuple[str, Unit]]) -> str | None:
    """The date of the history's latest entry when that entry records a change, not a review."""
    if not dated:
        return None
    d, u = max(dated, key=lambda x: x[0])
    return None if _REVIEW_ENTRY.search(u.norm) else d


def _furniture_labels(seg: Segmented) -> list[tuple[str, str, Citation]]:
    """`Label: value` pieces of the page furniture (lines repeated on every page), each shape once."""
    from ..segments import _KNOWN_LABEL, split_label
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
        # a running header's grid read row by row, each cell a label and its value without a colon ("Version 4.0
        # Acme HealthCare LLC Policy Number CMS07.31" / "Medical Policy Effective Date 03/02/2026"): a known label
        # followed by one date or identifier, ending the line or followed by the next known label
        found = list(_KNOWN_LABEL.finditer(line))
        for i, m in enumerate(found):
            end = found[i + 1].start() if i + 1 < len(found) else len(line)
            value = line[m.end():end].strip()
            if m.group(0).lower() in seen or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-/]{0,30}", value) or \
                    not re.search(r"\d", value) or ":" in line[m.end():end]:
                continue
            seen.add(m.group(0).lower())
            at = start + m.start()
            piece = line[m.start():m.end()] + " " + value
            out.append((m.group(0), value, Citation(piece, at, at + len(line[m.start():end].rstrip()))))
    return out


# "Each change takes effect on the effective date above unless the row gives its own date", "(unless otherwise noted)"
_DEFAULT_DATE = re.compile(r"\bunless\s+(?:the|an?|its)\s+(?:row|item|entry|change|update)\s+(?:gives|states|shows|lists|has)\s+"
                           r"(?:its|a)\s+own\s+(?:effective\s+)?date\b|\bunless\s+otherwise\s+(?:noted|indicated|stated|specified)\b", I)
_OWN_EFFECTIVE = re.compile(rf"\bEffective\s+({_PROSE_DATE})", I)


def effective_of_main_item(seg: Segmented, result: ImportResult) -> None:
    """Convention 3 of docs/answer-key-conventions.md: a bulletin's default effective date gives way to the date the
    item deciding its main service prints ("Effective 01/01/2026." in the micronutrient row), where the bulletin says
    its default holds unless an item gives its own. The main service is the first one denied outright."""
    current = result.dates.get("effective_from")
    if current is None or not any(_DEFAULT_DATE.search(u.norm) for u in seg.units if u.kind in ("sentence", "label")):
        return
    denied = next((s for s in result.services if s.determination is not None and
                   s.determination.value in ("investigational", "not-covered", "not-medically-necessary",
                                             "not-reimbursable")), None)
    if denied is None:
        return
    cite = denied.determination.cite
    unit = seg.unit_at(cite.start)
    m = _OWN_EFFECTIVE.search(unit.text) if unit is not None else None
    parsed = parse_date(m.group(1)) if m else None
    if parsed and parsed[1] == 0 and parsed[0] != current.value:
        result.notes.append(f"effective_from: the item deciding {denied.service} gives its own date ({parsed[0]}) "
                            f"over the default {current.value}")
        result.dates["effective_from"] = Finding(parsed[0], Citation.of(unit), note="the main item's own date")
