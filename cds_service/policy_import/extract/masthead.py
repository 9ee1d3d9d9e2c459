"""The masthead of a policy: the payer that issues it, its title and its policy number, read from the
lines near the top, the page footers and their labels.
"""
from __future__ import annotations

import re

from ..model import Citation, Finding, ImportResult
from ..reading import PageOutline
from ..segments import Segmented, Unit
from .sections import _clean, _history
from .dates import _MONTH_YEAR, _furniture_labels, column_grid, parse_date
from .services import _SERVICE_NOUN, referred_as

I = re.IGNORECASE

_ORG = re.compile(r"\b(?:Community\s+(?:Health\s+)?Plan|Health\s+Plans|Blue\s*Cross|Blue\s*Shield|Health\s+Plan|Health\s+Insurance|Insurance\s+Company|"
                  r"Health\s+Partners|Health\s+Alliance|Healthcare|Health\s+Care|Health|HMO|Medicare\s+Advantage|"
                  r"Senior\s+Advantage|Community\s+Care|Inc\.?|Corporation|Company|Mutual|Assurance|Care)\b", I)
# The organisation itself within a banner line: capitalised words up to and including the organisation word.
_ORG_NAME = re.compile(
    r"^(?P<name>(?:[A-Z][\w&'.-]*\s+){0,5}?(?:Community\s+(?:Health\s+)?Plan|Health\s+Plans|Blue\s*Cross(?:\s+(?:and\s+|&\s*)?Blue\s*Shield)?(?:\s+of\s+[A-Z]\w+"
    r"(?:\s+[A-Z]\w+)?)?|Blue\s*Shield(?:\s+of\s+[A-Z]\w+)?|Health\s+(?:Plan|Alliance|Partners|Network|System|"
    r"Insurance\s+Company|Insurance|Benefits|Options|Solutions|Services|Cooperative)|Insurance\s+Company|Healthcare|Health\s+Care|Health|Medicare\s+Advantage|"
    r"Senior\s+Advantage|Community\s+Care|Mutual|Assurance)(?:\s+of\s+(?-i:[A-Z])\w+(?:\s+(?-i:[A-Z])\w+)?(?=\s*$|\s+\())?"
    r"(?:,?\s+Inc\.?|\s+Company|\s+Corporation|,?\s+L\.?L\.?C\.?(?!\w))?)(?!\s+of\b)",
    I)
_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|\u00b7|/)\s+")
_DOCTYPE = re.compile(r"\b(?:polic(?:y|ies)|manual|guideline|bulletin|reimbursement|coverage\s+determination|"
                      r"laboratory|radiology|medicine|clinical|table\s+of\s+contents|page)\b", I)
_LICENSEE = re.compile(r"^(?P<org>.+?)\s+is\s+an\s+independent\s+licensee\s+of\s+the\s+Blue\s+Cross", I)
# (the company's legal form printed with its name, "X Management, Inc.", is part of the name)
_COPYRIGHT = re.compile(r"(?:\u00a9|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<org>[A-Z][\w&.' -]{2,60}?(?:,?\s+Inc\.)?)\s*"
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


# a box of a checklist, ticked or not ("[X] ALLIANCE (Medicare Advantage HMO D-SNP)", "\u2612 Commercial")
_CHECKBOX = re.compile(r"^(?:\[[ xX\u2713\u2714]?\]|[\u2610\u2611\u2612\u25a0\u25a1])")
_NOTICE_LEAD = re.compile(r"^(?:important\s+)?(?:information|notice|note|message|news|update)s?\s+"
                          r"(?:concerning|regarding|about|on|for)\b", I)
# the CPT code set's copyright notice names its holder, not the payer ("CPT codes, descriptions ... are
# copyright 2025 American Medical Association. All rights reserved.")
_CPT_HOLDER = re.compile(r"\bAmerican\s+Medical\s+Association\b|\bAMA\b", I)


def find_payer(seg: Segmented, result: ImportResult, outline: PageOutline | None = None) -> None:
    stated = _find_payer(seg, result)
    if result.payer is None or stated:
        return
    name = result.payer.value
    # an organisation's name holds no label ("APPLIES TO: Managed Care (MC)") and is no government office (a menu
    # run into a department's name, "...Department of Health Services": the program, not its department, pays)
    if _furniture_form(name) or ":" in name or _GOVERNMENT_BODY.search(name):
        result.notes.append(f"payer: \"{name}\" has the form of page furniture (a label, a banner, a date or a "
                            f"menu), not of an organisation's name; no payer taken")
        result.payer = None
        return
    signals = _payer_signals(seg, name, outline)
    # "Quenby Healthcare" over "Quenby Health Plan" at the head of a manual whose footer and text name the second: of
    # two forms of one organisation's name at the top, the one more places name
    for start, end, line in _lines_near_top(seg)[:8]:
        other = _proper_name(_org_name(line)) if _ORG.search(line) and len(line.split()) <= 6 and \
            _ORG_NAME.match(line) else None
        if other and other != name and other.casefold() != name.casefold() and \
                _distinctive(other) & _distinctive(name) and line.strip() == other:
            other_signals = _payer_signals(seg, other, outline)
            said_other, said_name = (len(_name_pattern(n).findall(seg.text)) for n in (other, name))
            if len(other_signals) > len(signals) or \
                    len(other_signals) == len(signals) and said_other >= 2 * said_name >= 2:
                result.notes.append(f"payer: \"{other}\" is named in more places than \"{name}\" beside it")
                result.payer, name, signals = Finding(other, Citation(other, start, end)), other, other_signals
            break
    if len(signals) < 2:
        # one place names it (a logo's line, a copyright notice): on a layout never met, that place is as likely
        # to be the page's furniture as its masthead; the reviewer is told, and nothing is shown as found
        result.notes.append(f"payer: \"{name}\" is named only by {' and '.join(sorted(signals)) or 'one line'}; "
                            f"no second signal agrees, so no payer taken")
        result.payer = None


_PAYER_LABEL = re.compile(r"(?:payer|insurer|issuer|carrier|health\s+plan|plan\s+name|company|organi[sz]ation)(?:\s+name)?", I)


# a running header's kind of document, in capitals or not: "AUTHORIZATION GUIDELINES", "Medical Policy", "Provider
# Bulletin", "Clinical Review Criteria"
_HEAD_KIND = re.compile(r"(?:(?:prior\s+)?authori[sz]ation|medical|clinical|coverage|payment|reimbursement|provider|"
                        r"utilization\s+management)\s+(?:polic(?:y|ies)|guidelines?|bulletin|criteria|manual|"
                        r"review\s+criteria|requirements)", I)


def _find_payer(seg: Segmented, result: ImportResult) -> bool:
    """The payer by the first path that names one; True when that path is a statement of whose policy this is
    (a licence statement, "It is the policy of X", the publisher, the short name the deciding sentences speak by),
    which needs no other signal to agree."""
    for unit in seg.units[:40]:
        # "Payer: Tarn Valley Health Plan", "Health Plan: ...": a field that names the payer is the payer
        if unit.kind == "label" and _PAYER_LABEL.fullmatch(unit.label.strip(" :*")):
            value = " ".join(unit.value.split()).strip(" .;")
            if value and _ORG.search(value) and ":" not in value and len(value.split()) <= 8:
                result.payer = Finding(value, Citation.of(unit), note="the field that names the payer")
                return True
    name = None
    header_cite = None
    licensed = False     # the head's line is the licence statement itself
    for start, end, line in _lines_near_top(seg)[:12] + _page_footers(seg):
        m = _LICENSEE.match(line)
        if m:
            name, header_cite = m.group("org").strip(), Citation(line, start, end)
            licensed = True
            break
        parts = _SEPARATORS.split(line)
        line_head = parts[0].strip()
        if len(parts) == 2 and _HEAD_KIND.fullmatch(line_head):
            # "AUTHORIZATION GUIDELINES - Mistlecove Health" (a running header): the kind of document first, then
            # the organisation that issues it
            line_head = parts[1].strip()
        if _CHECKBOX.match(line_head):
            continue        # "[X] ALLIANCE (Medicare Advantage HMO D-SNP)": a ticked plan of a list, not the issuer
        if _NOTICE_LEAD.match(line_head):
            continue        # "IMPORTANT INFORMATION CONCERNING X PAYMENT GUIDELINES" heads a notice about X
        if _AGENCY.search(line_head):
            continue        # "X State Department of Health" publishes the program's pages; the program, not the
                            # department, is the payer
        if re.fullmatch(r"(?:[A-Z][\w'-]*\s+){1,3}Medicaid\s+Program", line_head, I):
            # "VERMILLARD MEDICAID PROGRAM" heading a state manual's pages: the program is the payer
            name, header_cite = line_head, Citation(line_head, start + line.find(line_head),
                                                   start + line.find(line_head) + len(line_head))
            break
        # "Private Property of <payer>, Inc.": the owner named on a printed page
        owner = re.match(r"^(?:private\s+)?property\s+of\s+(?P<org>.+)$", line_head, I)
        if owner:
            # "Private Property of X Health Plan. This guideline is Copyright ...": the owner ends with its sentence
            line_head = re.split(r"(?<!\bInc)(?<!\bCo)\.\s", owner.group("org").strip())[0]
        # "Ridgeway HealthCare Commercial Medical Policy": the organisation before the kind of document
        # ... or "Glasscourt Health Plans Provider Manual", a running header of a manual's pages
        kind = re.match(r"^(?P<org>.+?)\s+(?:(?:(?:Commercial|Medicare\s+Advantage|Medicaid|Individual|Group)\s+)*"
                        r"(?:(?:Medical|Clinical|Coverage|Reimbursement|Payment)\s+)+(?:Policy|Policies|Guidelines?|Bulletin|Criteria)"
                        r"(?:\s+(?:Manual|Bulletin)|\s*(?:/|&|\band\b)\s*Cod(?:es|ing))?|"  # "... Medical Policy/Codes"
                        r"Provider\s+(?:Manual|Handbook|Bulletin|Newsletter))$", line_head, I)
        if kind and not _DOCTYPE.search(kind.group("org")):
            line_head = kind.group("org").strip()
        # an organisation word only inside brackets ("SedgeCare (Medicaid)") names a product, not an issuer
        if (_ORG.search(re.sub(r"\([^)]*\)", "", line_head)) and not _DOCTYPE.search(line_head) and len(line_head.split()) <= 7
                and not re.search(r"(?<!\bInc)[.:;]$", line_head) and not parse_date(line_head)
                and not re.match(r"\d+(?:\.\d+)+\s", line_head)   # a numbered section ("55.02 ELIGIBILITY FOR CARE")
                and sum(w[0].isupper() for w in line_head.split()) >= 2):
            name = _proper_name(_org_name(line_head))
            if name is None:
                continue   # "Home Health Care Services", "Behavioral Health": a field of care, not an organisation
            at = line.find(name) if name in line else 0
            header_cite = Citation(name if name in line else line_head, start + at,
                                   start + at + len(name if name in line else line_head))
            break
    if name is None:
        issuer = _issuer_named(seg)
        if issuer is not None:
            result.payer = issuer
            return True
        licensee = _licensee_named(seg) or _speaker_defined(seg)
        if licensee is not None:
            result.payer = licensee
            return True
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
                # "RushwaterCare" on a line of its own at the head of the page, "(c) 2026 RushwaterCare, Inc." at its
                # foot: the name the page prints as its masthead, the legal form only the copyright's
                bare = re.sub(r",?\s+(?:Inc|Corp|Co|Ltd|L\.?L\.?C|P\.?C)\.?$", "", org)
                head = next(((a, b) for a, b, line in _lines_near_top(seg)[:12] if line == bare), None) \
                    if bare != org else None
                if head is not None:
                    result.payer = Finding(bare, Citation(bare, head[0], head[1]),
                                           note="the masthead's name; the copyright line adds its legal form")
                return False
        for unit in seg.units:
            # "The Dispatch is published monthly by Osterbay Health Mutual, a nonprofit mutual insurance company."
            m = re.search(r"\bis\s+published\s+(?:\w+\s+)?by\s+(?P<org>[A-Z][^,.;|]{2,60})", unit.norm) \
                if unit.kind in ("sentence", "row") else None
            if m and _ORG.search(m.group("org")) and _org_name(m.group("org")) == " ".join(m.group("org").split()):
                result.payer = Finding(_org_name(m.group("org")), Citation.of(unit), note="the publisher of the document")
                return True
        named = _copyright_named(seg) or _site_named(seg) or _program_named(seg) or _program_defined(seg)
        if named is not None:
            result.payer = named
            return named.note.startswith("the Medicaid program the text names")
        result.notes.append("payer: no organisation named at the top of the document or in a copyright line")
        return False
    # The body that says whose policy this is ("It is the policy of X", "X is an independent licensee ...", "X (XC)
    # ... XC considers") and names another organisation than the head's line: a ticked plan or a product at the top
    # ("[X] ALLIANCE (Medicare Advantage ...)") is as likely as the payer; which one it is the document does not
    # settle, so the field is left absent
    said = next((f for f in (_issuer_named(seg), _licensee_named(seg), _speaker_defined(seg)) if f is not None), None)
    if said is not None and not _distinctive(said.value) & _distinctive(name):
        result.notes.append(f"payer: the head names \"{name}\", the body speaks as \"{said.value}\"")
        return False
    # Cite the line that names the payer. A name set in capitals is cited where the body spells it
    # normally, preferably where it starts the sentence ("Lanternfield Community Health Plan does not ...").
    if header_cite is not None and not name.isupper():
        result.payer = Finding(" ".join(name.split()), header_cite)
        return licensed
    spelled = _spelled_in_body(seg, name)
    if spelled is not None:
        result.payer = spelled
        return licensed
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", I)
    # else a footer or banner line that spells it normally ("Kestrel Valley Health Plan | ... | Page 1 of 1")
    pos = 0
    for raw in seg.text.split("\n"):
        line = raw.replace("\f", " ").strip()
        m = pattern.match(line)
        if m and not m.group(0).isupper():
            at = pos + raw.find(line[:1])
            result.payer = Finding(" ".join(m.group(0).split()), Citation(" ".join(line.split()), at, at + len(line)))
            return licensed
        pos += len(raw) + 1
    result.payer = Finding(name, header_cite, note="spelled in capitals in the document")  # type: ignore[arg-type]
    return licensed


def _spelled_in_body(seg: Segmented, name: str) -> Finding | None:
    """The body's sentence that spells the name as written (not in capitals), preferably where it starts the
    sentence ("Lanternfield Community Health Plan does not ..."), else the first that names it."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", I)
    spelled_in: list[tuple[bool, Unit, str]] = []
    for unit in seg.units:
        if unit.kind in ("sentence", "item"):
            m = pattern.search(unit.text)
            if m and not m.group(0).isupper():
                spelled_in.append((m.start() > 0, unit, " ".join(m.group(0).split())))
    if not spelled_in:
        return None
    _, unit, spelled = min(spelled_in, key=lambda x: (x[0], x[1].start))
    return Finding(spelled, Citation.of(unit))


# The Blue plan's licence statement, wherever it stands: "X is an independent licensee of the Blue Cross and Blue
# Shield Association", or after the copyright "(c) 2026 X. An independent licensee of the Blue Cross ..."
_LICENSEE_ANYWHERE = re.compile(r"^(?:(?:\u00a9|\(c\)|copyright)\s*(?:\d{4}\s+)?)?(?P<org>[A-Z][^.;:|]{2,80}?)"
                                r"(?:,?\s+is|\.)\s+an\s+independent\s+licensee\s+of\s+the\s+Blue\s+Cross", I)


def _licensee_named(seg: Segmented) -> Finding | None:
    names: dict[str, Unit] = {}
    for unit in seg.units:
        if unit.kind not in ("sentence", "item", "row"):
            continue
        line = unit.norm
        after = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
        if after is not None and unit.kind == "sentence" and after.kind == "sentence" and after.block == unit.block:
            line += " " + after.norm     # "(c) 2026 X." and "An independent licensee of ..." are one statement
        m = _LICENSEE_ANYWHERE.match(line)
        if m and m.start("org") < len(unit.norm) and _ORG.search(m.group("org")):
            name = _proper_name(_org_name(m.group("org")))
            if name and sum(w[:1].isupper() for w in name.split()) >= 2:
                names.setdefault(name, unit)
    if len(names) != 1:
        return None          # none, or two licensees named: no one issuer
    [(name, unit)] = names.items()
    return _spelled_in_body(seg, name) or Finding(name, Citation.of(unit), note="the licensee the document names")


# "(c) 2025 Thornbury Health. Page 1 of 2", "Copyright 2026 Larkspur Health Plans, Inc." (a footer), "(c) 2026 X Health
# Plan. CPT codes ... are copyright ... American Medical Association": the owner named right after the copyright and
# its year, ending the sentence or the line
_COPYRIGHT_OWNER = re.compile(r"(?:\u00a9|\([cC]\)|\b[Cc]opyright)\s*(?:(?:19|20)\d{2}\s+)?(?P<org>[A-Z][\w&'-]*"
                              r"(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][\w&'-]*){0,6}(?:,?\s+Inc\.)?)(?=\.?\s*$|\.\s|\s+Page\s+\d)")


# a government body that publishes a program's manual ("(c) 2026 Kestrel Department of Health Services"): the
# program it runs, not the department, is what the keys call the payer, and the line does not name the program
_AGENCY = re.compile(r"\b(?:Department|Agency|Division|Office|Bureau|Commission)\b")


def _copyright_named(seg: Segmented) -> Finding | None:
    """The one organisation the copyright lines (body or page furniture) name as the owner: none, or two, give none."""
    names: dict[str, Citation] = {}
    lines = [(u.norm, Citation.of(u)) for u in seg.units if u.kind in ("sentence", "item", "row", "heading")]
    lines += [(" ".join(text.split()), Citation(" ".join(text.split()), a, b)) for a, b, text in seg.boilerplate]
    for text, cite in lines:
        for m in _COPYRIGHT_OWNER.finditer(text):
            org = " ".join(m.group("org").split())
            name = _whole_org(org) if not _AGENCY.search(org) else None
            if name:
                names.setdefault(name, cite)
    only = _the_one(names)
    return Finding(only[0], only[1], note="the owner the copyright line names") if only else None


def _whole_org(org: str) -> str | None:
    """The organisation's own name when `org` is the whole of an organisation's name (not the CPT code set's
    holder, not a field of care), with two capitalised words or more."""
    if not _ORG.search(org) or _CPT_HOLDER.search(org) or _org_name(org) != org:
        return None
    name = _proper_name(org)
    return name if name and sum(w[:1].isupper() for w in name.split()) >= 2 else None


def _the_one(names: dict[str, Citation]) -> tuple[str, Citation] | None:
    """The one organisation the sentences name; none, or two (the sentences do not agree on one), give none."""
    return next(iter(names.items())) if len(names) == 1 else None


# a state program's manual in the masthead: "February 2026 Texas Medicaid Provider Procedures Manual"
_PROGRAM_MANUAL = re.compile(rf"(?:{_MONTH_YEAR}\s+)?(?P<org>(?:[A-Z][a-z]+\s+){{1,2}}Medicaid)\s+(?:[A-Z][a-z]+\s+){{0,3}}"
                             r"(?:Manual|Handbook)")


def _program_named(seg: Segmented) -> Finding | None:
    """The Medicaid program whose manual the masthead names, cited where a sentence of the text names it again
    ("... is a benefit of Carrowmere Medicaid"): the program is the payer of a state's manual; a masthead the text
    never echoes gives none."""
    for _, _, line in _lines_near_top(seg)[:5]:
        m = _PROGRAM_MANUAL.fullmatch(line)
        if m:
            return _spelled_in_body(seg, m.group("org"))
    return None


# "Health Forward Alderpeak (Alderpeak's Medicaid program)": the name a state gives its Medicaid program
_PROGRAM_DEFINED = re.compile(r"(?P<org>(?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z])[\w'-]*){1,4})\s+\((?:[A-Z][\w'-]*['\u2019]s|the\s+state['\u2019]s|"
                              r"the)\s+Medicaid\s+program\)", I)


def _program_defined(seg: Segmented) -> Finding | None:
    """The one Medicaid program the text defines by name, cited where it pays ("... are a benefit of X", "X covers"): a
    manual a state department publishes is the program's. A program that no sentence shows paying gives none."""
    names = {m.group("org") for u in seg.units if u.kind in ("sentence", "item") for m in _PROGRAM_DEFINED.finditer(u.norm)}
    if len(names) != 1:
        return None
    [name] = names
    pays = re.compile(r"\bbenefits?\s+of\s+" + re.escape(name) + r"\b|(?<!\w)" + re.escape(name) + _DECIDES)
    for unit in seg.units:
        if unit.kind == "sentence" and pays.search(unit.norm):
            return Finding(name, Citation.of(unit), note="the Medicaid program the text names, where it pays")
    return None


def _site_named(seg: Segmented) -> Finding | None:
    """A page's first line set out as its <title> ("Nutritional Testing - Medical Clinical Policy Bulletins | Thornbury
    Health"): the piece after the last " | " is the site's name, the payer when it is an organisation's whole name."""
    top = _lines_near_top(seg)[:1]
    if not top or " | " not in top[0][2]:
        return None
    start, end, line = top[0]
    pieces = line.split(" | ")
    site = pieces[-1].strip()
    if len(pieces) < 2 or not _DOCTYPE.search(" ".join(pieces[:-1])) or not _ORG.search(site) or \
            _org_name(site) != site or _DOCTYPE.search(site):
        return None
    name = _proper_name(site)
    if not name or sum(w[:1].isupper() for w in name.split()) < 2:
        return None
    at = start + line.rfind(site)
    return Finding(name, Citation(site, at, at + len(site)), note="the site's name after the page's title")


# "Wyndcross HealthCare LLC (WHC) offers ...": an organisation and the short name the document then calls it by
_DEFINED_NAME = re.compile(r"(?<![\w&])(?P<org>[A-Z][\w&'.-]*(?:\s+(?:of\s+)?[A-Z][\w&'.-]*){0,6})\s+\((?P<short>[A-Z][A-Za-z]{1,15})\)")
_DECIDES = r"\s+(?:considers|covers|does\s+not\s+(?:cover|consider|reimburse)|will\s+(?:not\s+)?cover|reimburses)\b"


def _speaker_defined(seg: Segmented) -> Finding | None:
    """The organisation a sentence names with the short name that the deciding sentences speak by ("WHC considers
    MRS of the brain medically necessary when ..."): the plan whose policy this is, stated only in its prose."""
    names: dict[str, Citation] = {}
    for unit in seg.units:
        if unit.kind not in ("sentence", "item"):
            continue
        for m in _DEFINED_NAME.finditer(unit.norm):
            name = _whole_org(m.group("org"))
            speaks = re.compile(r"(?<!\w)" + re.escape(m.group("short")) + _DECIDES)
            if name and any(speaks.search(u.norm) for u in seg.units if u.kind in ("sentence", "item") and u is not unit):
                names.setdefault(name, Citation.of(unit))
    only = _the_one(names)
    return Finding(only[0], only[1], note="the organisation whose short name the deciding sentences speak by") \
        if only else None


# A sentence that names the organisation whose policy or coverage this is: "It is the policy of Acme Health that
# ...", "Coverage provided by Acme Health Plan or ...", "Coverage is insured or underwritten by Acme Health".
# It says more than a copyright line, which may name the parent company that wrote a template.
_ISSUER = re.compile(r"\b(?i:it\s+is\s+the\s+policy\s+of|coverage\s+(?:is\s+)?(?:provided|insured|underwritten)"
                     r"(?:\s+or\s+underwritten)?\s+by)\s+(?P<org>[A-Z][^,.;:()|]{2,80})")


def _issuer_named(seg: Segmented) -> Finding | None:
    names: dict[str, Unit] = {}
    for unit in seg.units:
        if unit.kind not in ("sentence", "item", "row"):
            continue
        for m in _ISSUER.finditer(unit.norm):
            org = m.group("org")
            if not _ORG.search(org):
                continue
            name = _proper_name(_org_name(org))
            if name and sum(w[:1].isupper() for w in name.split()) >= 2:
                names.setdefault(name, unit)
    if len(names) != 1:
        return None          # none, or two organisations: the sentences do not agree on one issuer
    [(name, unit)] = names.items()
    return Finding(name, Citation.of(unit), note="the organisation the policy says it is of")


# Words that name a kind of care, a plan type or a place in the page, never the organisation's own name
_GENERIC_ORG_WORDS = {
    "home", "behavioral", "behavioural", "mental", "health", "healthcare", "care", "services", "service", "medical",
    "community", "dental", "vision", "pharmacy", "laboratory", "radiology", "senior", "advantage", "plan", "plans",
    "insurance", "company", "network", "partners", "alliance", "mutual", "assurance", "inc", "inc.", "corporation",
    "public", "primary", "urgent", "skilled", "long-term", "acute", "hospice", "women's", "children's", "family",
    "medicare", "medicaid", "commercial", "individual", "group", "employer", "provider", "providers", "member",
    "members", "hmo", "ppo", "options", "solutions", "benefits", "system", "cooperative", "of", "and", "&", "the",
    "for", "our", "your", "my", "national", "state", "federal", "global", "general"}
_NAME_CONNECTORS = {"of", "and", "&", "the"}


def _proper_name(name: str) -> str | None:
    """The organisation's own name within a banner: "Welcome to Acme Health Plan" and "Published by Acme Health
    Plan" name Acme Health Plan (the words before the last lower-case word that is not a connector are the page's);
    a name made only of words for a kind of care ("Home Health Care", "Behavioral Health") names no organisation."""
    words = name.split()
    cut = max((i + 1 for i, w in enumerate(words) if w[:1].islower() and w.lower() not in _NAME_CONNECTORS), default=0)
    words = words[cut:]
    if not words or all(w.lower().strip(",.") in _GENERIC_ORG_WORDS for w in words):
        return None
    return " ".join(words)


def _distinctive(name: str) -> set[str]:
    """The words of a name that are its own ("Harbor", "Sedgecombe"), not words for a kind of organisation."""
    return {w.casefold().strip(",.") for w in name.split()} - _GENERIC_ORG_WORDS


def _plain_org(name: str) -> bool:
    return 1 <= len(name.split()) <= 6


_NUMBER_LABEL = re.compile(r"^(?:(?:plan|clinical|medical|reimbursement|payment|coverage)\s+)?policy"
                           r"(?:\s+(?:number|no\.?|#|id|identifier))?$|^policy\s*#$|^document\s*(?:number|id|no\.?|#)$|"
                           r"^(?:(?:medical|clinical|coverage|reimbursement|payment)\s+)?(?:guideline|summary|bulletin|"
                           r"determination)\s*(?:number|no\.?|#|id|identifier)$|^(?:list|criteria)\s+(?:number|no\.?|#|id)$", I)


def _identifier(value: str) -> bool:
    """One token of letters, digits, dots, hyphens and slashes, with a digit: a policy number's shape."""
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9.\-/]{0,30}", value) and re.search(r"\d", value))


# "Policy Number: MA-R-118", "Magnetic Resonance Spectroscopy Policy Number M.42": a line that ends with a value
# labelled as the policy's number
# ("Policy number: WV-RAD-0214" under each item of a news page: one number an item, none the page's)
_NUMBER_LINE = re.compile(r"(?:^|\s)Policy\s+(?:(?i:number)|No\.?|#)\s*:?\s*(?P<value>[A-Z0-9][A-Za-z0-9.\-/]{0,30}?)\.?[ \t]*$",
                          re.M)


def find_number(seg: Segmented, result: ImportResult) -> None:
    _find_number(seg, result)
    if result.policy_number is None:
        return
    own = re.sub(r"[\s\-]", "", result.policy_number.value).casefold()
    others = {m.group("value") for m in _NUMBER_LINE.finditer(seg.text)
              if re.search(r"\d", m.group("value")) and re.sub(r"[\s\-]", "", m.group("value")).casefold() != own}
    if others:
        # two numbers each labelled "Policy Number": which one is this document's the labels do not say
        result.notes.append(f"policy number: two values are labelled as the policy's number "
                            f"({result.policy_number.value}, {', '.join(sorted(others))})")
        result.policy_number = None


# "Administrative bulletin: 2025-09-004 Medical policies": a bulletin's masthead label gives its number, then its name
_BULLETIN_LABEL = re.compile(r"(?:[A-Za-z]+\s+){0,2}bulletin", I)
_NUMBERED_NAME = re.compile(r"(?P<number>[A-Z0-9][A-Za-z0-9.\-/]*\d[A-Za-z0-9.\-/]*)\s+(?P<name>[A-Z][A-Za-z&,' ]{2,80})")


def _bulletin_masthead(seg: Segmented) -> tuple[str, str, Unit] | None:
    for unit in seg.units[:20]:
        if unit.kind == "label" and _BULLETIN_LABEL.fullmatch(unit.label.strip(" :*")):
            m = _NUMBERED_NAME.fullmatch(unit.value.strip())
            if m and not parse_date(m.group("number")):
                return m.group("number"), m.group("name").strip(), unit
    return None


def _find_number(seg: Segmented, result: ImportResult) -> None:
    bulletin = _bulletin_masthead(seg)
    if bulletin is not None:
        result.policy_number = Finding(bulletin[0], Citation.of(bulletin[2]), note="the bulletin's number")
        return
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
    for label, value, unit in column_grid(seg):
        if _NUMBER_LABEL.match(label) and _identifier(value):
            result.policy_number = Finding(value, Citation.of(unit), note="from a label grid set out in columns")
            return
    for unit in seg.units[:20]:
        if unit.kind == "label" and re.fullmatch(r"(?:number|no\.?|#)", unit.label.strip(" :*"), I):
            value = unit.value.strip().rstrip(".")
            if _identifier(value):
                result.policy_number = Finding(value, Citation.of(unit))
                return
    for start, end, line in _lines_near_top(seg)[:10]:
        # ("Medical Policy MP-LAB-118": letter groups before the digits; "INFORMATIONAL LETTER NO. 2614-MC-FFS": a
        # letter's or bulletin's own number at its head)
        m = re.search(r"\b(?:Medical|Clinical|Payment|Reimbursement|Coverage)\s+Policy\s+(?:No\.?\s*|Number\s*|#\s*)?"
                      r"([A-Z]{1,6}(?:[-.][A-Z]{1,6}){0,2}[-.]?\d[\w.\-]*)\s*$", line) or \
            re.search(r"^(?:[A-Za-z]+\s+)?(?i:letter|bulletin|memorandum|transmittal)\s+(?i:No\.|Number|#)\s*"
                      r"(\d[\w.\-]*|[A-Z]{1,6}[-.]?\d[\w.\-]*)\s*$", line) or \
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
        if _NUMBER_LABEL.match(label) and _identifier(value):
            result.policy_number = Finding(value, cite, note="from the running header or footer")
            return
    result.notes.append("policy number: no \"Policy Number:\" label")


_CHANGES_SUBJECT = re.compile(r"\b(?:changes|revisions|updates|amendments)\s*$", I)
_ONLY_A_DATE = re.compile(r"^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4}|"
                          r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}(?:-\d{2})?)$", I)


# a bare section number before a heading: "9.4 Magnetic Resonance Spectroscopy", "12.3.1 Laboratory Services"
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,3}){1,2}\.?\s+(?=[A-Z][a-z])")
_TITLE_NUMBER = re.compile(r"^(?P<head>[A-Z]{1,4}\s?\d{1,3}(?:\.\d{1,3}){1,3})\s+(?=[A-Z][a-z])|"
                           # "MP412-Intracellular Micronutrient Testing": an index's entry, the number joined to the name
                           r"^(?P<joined>[A-Z]{1,4}\d{2,6})[-\u2013]\s?(?=[A-Z][a-z])|"
                           r"\s+(?P<tail>[A-Z]{2,5}\s?[-\u2013]\s?[A-Z]?\d{3,6})$|"
                           # "Intracellular Micronutrient Analysis - CAM 30412": the number after a dash
                           r"\s+[-\u2013\u2014]\s+(?P<dashed>[A-Z]{2,5}\s?\d{3,6})$")


# what is left of "Medical Policy Update Bulletin" without its first words: the kind of issue, no title of its own
_KIND_OF_ISSUE = re.compile(r"(?:(?:monthly|quarterly|annual|weekly|coding|policy|provider|upcoming|recent|latest|new)\s+)*(?:updates?|bulletins?|news|"
                            r"newsletter|changes|notices?|alerts?|digest|summary|manual)(?:\s+(?:bulletin|newsletter|"
                            r"summary|digest))?", I)
_TITLE_LABELS = ("title", "policy title", "policy name", "guideline name", "guideline title", "subject", "topic",
                 "document title", "policy subject", "re")     # a memo's or a letter's "RE:" line is its subject
# The controls and links of a web page or a print view, printed above the document itself
_INTERFACE = re.compile(
    r"^(?:(?:printer[- ]friendly|print(?:able)?|text[- ]only|accessible|mobile|full)\s+(?:version|view|page|format)|"
    r"print(?:\s+(?:this\s+)?(?:page|policy|document))?|(?:download|view|open|save)(?:\s+(?:as\s+)?(?:a\s+)?pdf|"
    r"\s+(?:this\s+)?(?:page|policy|document))?|e-?mail(?:\s+this\s+(?:page|policy))?|share(?:\s+this\s+(?:page|policy))?|"
    r"back(?:\s+to\s+(?:top|results|search(?:\s+results)?|list|index))?|(?:return|go)\s+to\s+[\w ]{1,30}|"
    r"skip\s+to\s+(?:main\s+)?content|(?:sign|log)\s*(?:in|on|out)|home|menu|search|close|"
    r"bookmark(?:\s+this\s+page)?|font\s+size|[a-z]\s*[-+]\s*[a-z]?|"
    r"powered\s+by\s+[\w .&-]{1,30}|"     # a search box's caption ("Powered by Google")
    # a site's link bars by their names ("Utility Navigation Links", "Main Menu", "Quick Links", "Site Map")
    r"(?:(?:utility|main|primary|secondary|global|site|top|header|footer|quick)\s+)?(?:navigation|nav)(?:\s+(?:links|menu|bar))?|"
    r"(?:utility|main|primary|global|site|quick|footer|header)\s+(?:links|menu)|site\s*map|breadcrumbs?)$", I)
# a government's or a department's name: the letterhead of the state or agency that issues the document ("Commonwealth of
# Wyckmoor", "Executive Office of Health and Human Services"), not the document's title
_GOVERNMENT = re.compile(r"^(?:the\s+)?(?:(?:commonwealth|state|government|province|territory|county|city|district)\s+of\s+"
                         r"|(?:[\w&]+\s+){0,3}(?:department|office|division|bureau|agency|ministry)\s+of\s+)[\w ,&'-]+$", I)
_CRUMB = re.compile(r"\s(?:>|\u00bb|\u203a)\s")     # a breadcrumb's step: "Medical Policies > Laboratory"
# a letterhead's postal address ("40 Granary Street", "PO Box 1200")
_ADDRESS = re.compile(r"^(?:\d+[\w-]*\s+(?:[\w.'-]+\s+){1,4}(?:street|st\.?|avenue|ave\.?|road|rd\.?|boulevard|blvd\.?|drive|"
                      r"dr\.?|lane|ln\.?|way|place|pl\.?|court|ct\.?|parkway|pkwy\.?|plaza|square|highway|hwy\.?)"
                      r"(?:,?\s+(?:suite|ste\.?|floor|fl\.?|room)\s+\w+)?|p\.?\s*o\.?\s+box\s+\d+)$", I)
# a part's number alone ("Chapter 5", "Section 1.1"): where in a manual the document stands, not its name
_PART_NUMBER = re.compile(r"^(?:chapter|section|part|subchapter|subpart|article|appendix|attachment|volume)\s+[\w.-]{1,10}$", I)


# a <title>'s pieces: "Magnetic Resonance Spectroscopy (MRS) | Clinical review criteria | Fennimore Health"
_PAGE_TITLE_SPLIT = re.compile(r"\s+\|\s+")
_PAGE_TITLE_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
# the document's number before its name in a <title> ("RAD.00057 Magnetic ...", "MP 6.01.31 Magnetic ...")
_LEADING_NUMBER = re.compile(r"^(?:[A-Z]{1,5}[ -]?)?\d[\w.\-]*\s+(?=[A-Z])")


_KIND_OF_DOCUMENT = re.compile(
    r"(?:[\w&]+\s+)*(?:medical|clinical|reimbursement|payment|coverage)\s+polic(?:y|ies)(?:\s+(?:manual|bulletin))?|"
    r"(?:[\w&]+\s+)*(?:coverage|clinical|medical)\s+guidelines?|(?:[\w&]+\s+)*coverage\s+summary|"
    r"(?:clinical\s+|medical\s+)?(?:review|coverage)\s+criteria", I)


def _link_bar(text: str) -> bool:
    """A site's menu saved as text: three or more short link names set apart by wide gaps on one line ("Members
    Providers    Employers    Brokers"), which names no document."""
    pieces = [p for p in re.split(r"\s{3,}|\t+", text.strip()) if p]
    return "\n" not in text.strip() and len(pieces) >= 3 and all(len(p.split()) <= 3 for p in pieces)


def _kinds_joined(low: str) -> bool:
    """The kind of document joined to the criteria set it applies ("Medical Policy and InterQual Criteria"): the
    heading says what sort of document follows, not which."""
    first, sep, rest = low.partition(" and ")
    return bool(sep) and bool(_KIND_OF_DOCUMENT.fullmatch(first)) and \
        bool(re.fullmatch(r"(?:\S+\s+){0,3}(?:criteria|guidelines|polic(?:y|ies)|procedures)", rest))


def _page_title_names(outline: PageOutline) -> dict[str, int]:
    """The names a page's <title> gives it: each piece between " | " but the last (the site's name, by
    convention), each of those cut at a dash, each with or without a leading number; with each name the place of
    its piece (0 first), since a <title> runs from the page's own name to the sections of the site it is filed in
    ("MR spectroscopy | Provider Manual | Acme Health")."""
    pieces = _PAGE_TITLE_SPLIT.split(outline.title)
    names: dict[str, int] = {}
    for rank, piece in enumerate(pieces[:-1] if len(pieces) > 1 else pieces):
        for part in [piece, *_PAGE_TITLE_DASH.split(piece)]:
            for name in (part.casefold(), _LEADING_NUMBER.sub("", part).casefold()):
                if re.search(r"[a-z]", name):
                    names.setdefault(name, rank)
    return names


def _heading_named_by_page(seg: Segmented, outline: PageOutline, payer: str | None) -> Unit | None:
    """The heading (h1 to h3) whose words are the name the page's <title> gives it: where a web page's h1 is
    the section of the site ("Clinical review") and the document's name stands in an h2 below, or the h1 is
    the name itself, the <title> says which heading names the page."""
    names = _page_title_names(outline)
    found: list[tuple[int, int, Unit]] = []
    for unit in seg.units[:60]:
        level = outline.heading_at(unit.start)
        if level is None or level > 3 or unit.kind not in ("heading", "sentence", "label"):
            continue
        text = unit.norm.casefold()
        if text not in names or (payer and text in payer) or _GENERIC_HEADINGS.match(text) or _section_heading(text):
            continue
        # the kind of document ("Payment Policy", "Coverage Policy Manual") names the page only as its main
        # heading and the whole of the <title>'s first piece
        if _KIND_OF_DOCUMENT.fullmatch(text) and not (
                level == 1 and text == _PAGE_TITLE_SPLIT.split(outline.title)[0].casefold()):
            continue
        found.append((names[text], unit.index, unit))
    # the heading that repeats the <title>'s first piece names the page; one repeating a later piece ("Provider
    # Manual" over the side menu or as the h1) names the collection the page is filed in
    return min(found, key=lambda f: f[:2])[2] if found else None


def _periodical_name(seg: Segmented) -> Finding | None:
    """A newsletter's name: the first line of the page, a few words, right above its issue line ("BlueLedger" over
    "April 2026 | Volume 28 | Issue 2"), however often the running header repeats it."""
    lines = [(start, end, line) for start, end, line in _lines_near_top(seg)[:2]]
    if len(lines) == 2 and re.fullmatch(_MONTH_YEAR + r"\s*[|,\u2022\u00b7]\s*(?:Vol(?:ume)?\.?|Issue|No\.)\s*\d+.*", lines[1][2]):
        start, end, name = lines[0]
        if 1 <= len(name.split()) <= 4 and re.fullmatch(r"[A-Z][\w&' -]*", name) and not _INTERFACE.match(name):
            return Finding(name, Citation(name, start, end), note="the newsletter's name above its issue line")
    return None


def find_title(seg: Segmented, result: ImportResult, outline: PageOutline | None = None) -> None:
    kind = _find_title(seg, result, outline)
    if result.title is not None and kind == "heading":
        _gate_title(seg, result, outline)
    # the words of the <title> beyond the site's name, the kind of document and any number ("Acme Health Plan -
    # Medical Policy RAD.00022" names no document, nor does "FVH-LAB-0207")
    naming = _title_words(re.sub(r"\S*\d\S*", " ", outline.title)) - _KIND_WORDS - \
        _title_words(result.payer.value if result.payer else "") if outline is not None and outline.title else set()
    if result.title is not None and naming and not _title_words(result.title.value) & _title_words(outline.title):
        # a page's <title> names the page: a heading that shares no word with it ("Clinical Matters" on a page titled
        # "April 2026 | LENS Provider Update | Elmsbridge Health") is a section of the page, or its furniture, not its
        # name; the field is left to the reviewer rather than guessed
        result.notes.append(f"title: \"{result.title.value}\" shares no word with the page's <title> "
                            f"(\"{outline.title}\"); no title taken")
        result.title = None


_KIND_WORDS = {"medical", "clinical", "policy", "policies", "manual", "provider", "providers", "coverage", "guideline",
               "guidelines", "reimbursement", "payment", "bulletin", "criteria", "health", "plan", "plans", "page", "home"}


def _title_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) > 2 and w not in ("the", "and", "for")}


def _find_title(seg: Segmented, result: ImportResult, outline: PageOutline | None = None) -> str:
    """The title by the first path that finds one, and the kind of evidence that path is: "stated" (a label, a
    bulletin's or a periodical's masthead, a heading the page's <title> repeats), or "heading" (a line at the top
    only), which the gate wants another signal for."""
    for label, value, unit in column_grid(seg):
        if label.lower() in _TITLE_LABELS and not re.search(r"\d", value) and len(value.split()) >= 2:
            result.title = Finding(value, Citation.of(unit), note="from a label grid set out in columns")
            return "stated"
    bulletin = _bulletin_masthead(seg)
    if bulletin is not None:
        result.title = Finding(bulletin[1], Citation.of(bulletin[2]), note="the bulletin's name")
        return "stated"
    periodical = _periodical_name(seg)
    if periodical is not None:
        result.title = periodical
        return "stated"
    for unit in seg.by_kind("label"):
        label = unit.label.strip(" :*").lower()
        if label in _TITLE_LABELS and unit.value:
            if _CHANGES_SUBJECT.search(unit.value):
                continue    # a transmittal letter's "SUBJECT: MEDICAID SERVICES MANUAL CHANGES" names no policy
            result.title = Finding(unit.value.strip(), Citation.of(unit))
            return "stated"
        # "Clinical Policy: Experimental and Investigational Laboratory Services" (a name, not a number)
        if re.fullmatch(r"(?:clinical|medical|coverage|reimbursement|payment)\s+policy(?:\s+bulletin)?", label) and \
                len(unit.value.split()) >= 2 and not re.search(r"\d", unit.value):
            result.title = Finding(unit.value.strip(), Citation.of(unit))
            return "stated"
    for unit in seg.units[:40]:
        # "Subject:" on a line of its own, the title on the next ("Vitamin and Micronutrient Laboratory Testing")
        after = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
        if unit.kind == "heading" and after is not None and after.kind == "heading" and \
                re.fullmatch(r"(?:policy\s+|guideline\s+|document\s+)?(?:title|subject|topic|name)\s*:", unit.norm, I) \
                and not after.norm.endswith(":") and not _GENERIC_HEADINGS.match(after.norm) and \
                not _section_heading(after.norm.lower()):
            result.title = Finding(after.norm, Citation.of(after))
            return "stated"
    numbered = _heading_with_own_number(seg, result)
    if numbered is not None:
        result.title = numbered
        return "stated"
    payer = result.payer.value.lower() if result.payer else None
    named = _heading_named_by_page(seg, outline, payer) if outline is not None and outline.title else None
    if named is not None:
        _take_title(seg, named, _clean(named.text).strip(" *#"), result)
        return "stated"
    # on a page with a main heading (h1), a line that is no heading of the page (a logo's words, a link) names
    # no document
    # no document; nor does any line above the main heading ("« Return to Updates")
    headed = outline is not None and outline.has_main_heading
    facts = False           # the labels of the policy's facts have begun
    trail = [[" ".join(c.lower().split()) for c in _CRUMB.split(u.norm)] for u in seg.units[:15] if _CRUMB.search(u.norm)]
    for unit in seg.units[:15]:
        # the page's main heading is read as a heading however its words are set out ("LENS | Provider Update"
        # reads like a label, "X Update - May 2026 Volume 42 - Number 7" like a sentence)
        main = outline is not None and outline.heading_at(unit.start) == 1 and not facts
        if headed:
            level = outline.heading_at(unit.start)  # type: ignore[union-attr]
            if level == 1:
                headed = False
            elif level is None:
                continue
        if unit.kind == "label" and not main and not re.search(r"\|", unit.text) and \
                not re.fullmatch(r"(?:[\w&]+\s+)*(?:medical|clinical|reimbursement)\s+policy(?:\s+manual|\s+bulletin)?",
                                 unit.label.strip().lower()):
            facts = True    # headings after them are sections, unless one names a service right below them
            continue
        if unit.kind in ("label", "row") and not main:
            continue
        if facts and not (unit.kind == "heading" and _SERVICE_NOUN.search(unit.norm)
                          and not _section_heading(unit.norm.lower())):
            break
        if unit.kind != "heading" and not main:
            if unit.kind == "sentence" and (len(unit.norm) > 90 or _CRUMB.search(unit.norm)):
                continue    # a long line, or the breadcrumb ("Manuals > Radiology > Chapter 5"), above the title
            break
        text = _clean(unit.text).strip(" *#")
        if main and unit.kind == "label" and ":" in unit.text:
            text = _clean(unit.value).strip(" *#")   # "Chapter II, Section 55: Laboratory Services": where, then the name
        low = text.lower()
        if payer and (low == payer or low in payer or _LICENSEE.match(text)):
            continue
        if _KIND_OF_DOCUMENT.fullmatch(low) or _kinds_joined(low):
            continue       # the kind of document, not its title
        if _CRUMB.search(text) or \
                re.fullmatch(r"(?!related\b)(?:[\w&]+\s+){0,3}(?:policies|guidelines|bulletins)", low):
            continue       # a breadcrumb ("Medical Policies > Laboratory"), the collection the document is filed in
        if _INTERFACE.match(low) or _link_bar(unit.text):
            continue       # a web page's controls ("Printer Friendly Version", "Download PDF"), not its title
        if _GOVERNMENT.match(text) or _PART_NUMBER.match(text) or _ADDRESS.match(text):
            continue       # the issuing government's letterhead, or the number of the chapter the document stands in
        if any(low in crumbs[:-1] for crumbs in trail):
            continue       # a breadcrumb's earlier step ("Manuals > Radiology > Chapter 5"): the collection, not the document
        if _GENERIC_HEADINGS.match(low) or _section_heading(low):
            break
        if text.endswith((":", "?")):
            break          # a line leading a list ("... applies to the following organizations:") or a newsletter's
                           # section ("What's Happening?"): the document's name is not below it
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
        # "Medical Policy: X", "Medical Policy - X": the kind of document before the title; not "Medical Policy
        # and Coding Updates", where the words run on into the headline with a lower-case connective
        value = re.sub(r"^(?:medical|clinical|reimbursement)\s+policy\s*[:\-\u2013]?\s*(?-i:(?=[^a-z\s&]))", "", text, flags=I)
        if _KIND_OF_ISSUE.fullmatch(value):
            value = text   # "Medical Policy Update Bulletin": the whole line names the bulletin, "Update Bulletin" nothing
        if len(value.split()) < 2 and not re.search(r"[a-z]", value):
            continue
        _take_title(seg, unit, value, result)
        return "heading"
    result.notes.append("title: no title line at the top of the document")
    return ""


def _heading_with_own_number(seg: Segmented, result: ImportResult) -> Finding | None:
    """"M2117: Micronutrient Testing" over "Policy Number: M2117": a line that prints the number the document's own
    label gives, then a name, names this policy, whatever heading (an index's, a site's) stands above it."""
    number = result.policy_number
    if number is None or number.note or not re.search(r"\d", number.value):
        return None     # only a number its label states ("printed with the title" would argue in a circle)
    pattern = re.compile(r"^" + re.escape(number.value) + r"\s*[:\-\u2013\u2014]\s*(?P<name>[A-Z][^:|]{2,100}?)\s*$")
    for unit in seg.units:
        if unit.start >= number.cite.start:
            break
        m = pattern.match(unit.norm)
        if m and unit.kind in ("heading", "label", "row") and len(m.group("name").split()) >= 2 and \
                not _section_heading(m.group("name").lower()):
            at = unit.text.find(m.group("name"))
            cite = Citation(m.group("name"), unit.start + at, unit.start + at + len(m.group("name")), unit.page) \
                if at >= 0 else Citation.of(unit)
            return Finding(m.group("name"), cite, note="the heading that prints the policy's own number")
    return None


# a periodical's issue printed after its name: "- May 2026 Volume 42 - Number 7", "| Vol. 12, Issue 3"
# (a number alone, "Policy Number 12", is no issue: a volume, an issue or the month must be there)
_ISSUE_TAIL = re.compile(rf"\s*(?:[-\u2013\u2014|,:]\s*)?(?:(?:{_MONTH_YEAR}\s*(?:[-\u2013\u2014|,:]\s*)?)?"
                         rf"(?:Vol(?:ume)?\.?|Issue)|{_MONTH_YEAR}\s*(?:[-\u2013\u2014|,:]\s*)?(?:Number|No\.))\s*\d+"
                         r"(?:\s*(?:[-\u2013\u2014|,:]\s*)?(?:Number|No\.?|Issue)\s*\d+)?\s*$", I)


# "<title> - Effective Jan. 5, 2026", "<title> | Effective 01/05/2026": the date a title is in force from, after it
# ... and "<title> (Effective January 1, 2026)", a guide's cover, also where the line breaks after "(Effective"
_EFFECTIVE_TAIL = re.compile(r"\s+[-\u2013\u2014|]\s+effective\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
                             r"[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\s*$|"
                             r"\s*\(\s*effective\b[^()]*\)?\s*$", I)


def _take_title(seg: Segmented, unit: Unit, value: str, result: ImportResult) -> None:
    issue = _ISSUE_TAIL.search(value)
    if issue and len(value[:issue.start()].split()) >= 2:
        # the issue's month, volume and number date and count the issue; the periodical's name is the title
        value = value[:issue.start()].strip()
    dated = _EFFECTIVE_TAIL.search(value)
    if dated and len(value[:dated.start()].split()) >= 2:
        # "Laboratory, Imaging and Investigational Services - Effective Jan. 5, 2026": a manual's chapter heading with
        # the date the chapter takes effect; the date is no part of the name (the dates rules read it)
        value = value[:dated.start()].strip()
    section = _SECTION_NUMBER.match(value)
    if section and len(value[section.end():].split()) >= 2:
        # "9.4 Magnetic Resonance Spectroscopy and ...": a manual section's number, printed before its heading, is
        # where the section sits in the manual, neither part of its name nor the policy's number
        value = value[section.end():].strip()
    numbered = _TITLE_NUMBER.search(value)
    if numbered:
        # "MP 6.01.31 Magnetic Resonance Spectroscopy", "Intracellular Micronutrient Analysis AHS - G2214":
        # the policy's number printed with its title is not part of the title
        value = (value[:numbered.start()] + value[numbered.end():]).strip()
        if result.policy_number is None:
            number = re.sub(r"\s*([-\u2013])\s*", "-", numbered.group("head") or numbered.group("joined")
                            or numbered.group("tail") or numbered.group("dashed"))
            result.policy_number = Finding(number, Citation.of(unit), note="printed with the title")
            result.notes[:] = [n for n in result.notes if not n.startswith("policy number:")]
    result.title = Finding(value, Citation.of(unit))


# -- Confidence gate for payer and title -------------------------------------------------------------------------
# A payer or a title shown to a reviewer as found must have strong evidence: a labelled field or a statement that
# names it ("Policy Title:", "It is the policy of X"), or two independent places in the document that agree. A value
# only one line names is as likely the page's furniture (a banner, a label, a menu, a cover's date) as its masthead,
# on a layout never met; it is left absent, with the reason in the checklist.

# a line that links elsewhere ("... »", "Next ›") or speaks of the site itself ("An official website of ...")
_LINK_GLYPH = re.compile(r"(?:\u00bb|\u203a|\u2192|>>)\s*$|^\s*(?:\u00ab|\u2039|\u2190|<<)")
_SITE_WORDS = re.compile(r"\b(?:web\s*site|web\s*page|portal|this\s+(?:page|site))\b", I)
_DATING_WORDS = re.compile(r"\b(?:effective|revised|reviewed|review|updated|last|posted|published|issued|issue|date[ds]?|"
                           r"as|of|on|since|from|until|through|approved|edition|version|rev)\b\.?", I)
_ANY_DATE = re.compile(rf"{_MONTH_YEAR}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{{1,2}},?\s+\d{{4}}|"
                       r"\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b|\b\d{1,2}/\d{4}\b|\b\d{4}-\d{2}(?:-\d{2})?\b|\b(?:19|20)\d{2}\b", I)
# the pieces of a menu or a breadcrumb: "Home / Plan / Commission / List", "Accessibility | Privacy | Site map"
_MENU_SPLIT = re.compile(r"\s+(?:\||/|>|\u00bb|\u203a|\u00b7|\u2022)\s+")


def _furniture_form(text: str) -> bool:
    """A line whose form is page furniture's, whatever its words: a label with no value ("APPLIES TO:"), a link or a
    banner about the site, a date with only dating words ("Effective January 1, 2026", "Revised 03/2026"), a menu or
    a breadcrumb of three steps or more, a site's link bar."""
    t = " ".join(text.split())
    if not t or t.endswith(":") or _LINK_GLYPH.search(t) or _SITE_WORDS.search(t) or _link_bar(text):
        return True
    if _ANY_DATE.search(t) and not re.search(r"[A-Za-z]{2,}", _DATING_WORDS.sub(" ", _ANY_DATE.sub(" ", t))):
        return True
    pieces = _MENU_SPLIT.split(t)
    return len(pieces) >= 3 and all(len(p.split()) <= 4 for p in pieces)


_GOVERNMENT_BODY = re.compile(r"(?:Department|Agency|Division|Office|Bureau|Ministry)\s+of\b")
# the head of a longer organisation's name: "Calverly Health" is not named by "Calverly Health Authority" or
# "Calverly Health Plan", which are other names
_LONGER_NAME = re.compile(r"\s+(?:Authority|Commission|Board|Council|Department|Agency|Division|Office|Bureau|Foundation|"
                          r"Plans?|Health|Healthcare|Insurance|Company|Corporation|System|Network|Partners|Alliance|Mutual|"
                          r"Cooperative|Options|Solutions|Benefits|Administrators|Association|Institute|Center|Centre|"
                          r"Hospital|Trust|Fund|Group|Services|Care)\b")
_COPYRIGHT_MARK = re.compile(r"\u00a9|\([cC]\)|\b[Cc]opyright\b")


# the words of a name that say what kind of body it is, the Blue plans' marks among them
_BRAND_WORDS = {"program", "llc", "inc", "corp", "blue", "cross", "shield", "bluecross", "blueshield"}


def _short_forms(name: str) -> list[str]:
    """The plan's own words without the words for its kind, shortest last ("Cottonwood Blue" and "Cottonwood" of
    "Cottonwood Blue Health Plan", "Vermillard" of "VERMILLARD MEDICAID PROGRAM"): the forms the text speaks of it by."""
    words = name.rstrip(".").replace(",", "").split()
    forms = []
    while words and (words[-1].lower() in _GENERIC_ORG_WORDS or words[-1].lower() in _BRAND_WORDS):
        words.pop()
        short = " ".join(words)
        if words and short != name and any(len(w) >= 4 and w.lower() not in _GENERIC_ORG_WORDS | _BRAND_WORDS
                                           for w in words):
            forms.append(short)
    return forms


# what follows the plan's short name where the text speaks of it as the plan: its lines and members ("X commercial
# members", "X Medicare Advantage HMO"), its own policies or benefits, or the plan acting ("X reimburses", "X will not")
_PLAN_CONTEXT = re.compile(r"(?:['\u2019]s\b|\s+(?:commercial|medicare|medicaid|members?|enrollees|hmo|ppo|epo|individual|"
                           r"employer|standard|benefits?|provider|(?:medical|clinical|payment)\s+polic(?:y|ies)|considers|covers|does|"
                           r"will|reimburses|pays|requires|follows|may|reserves|reviews|is\s+(?:the|an?))\b)", I)


# what leads to the plan's name where the text speaks of it as the plan: "applies to X", "members of X", "administered
# by X", "contact X"
_PLAN_LEAD = re.compile(r"(?:\b(?:members?|enrollees|subscribers|plans?|products?|coverage|benefits?)\s+(?:of|from|with|under|"
                        r"through)|\b(?:applies\s+to|administered\s+by|offered\s+by|insured\s+by|underwritten\s+by|issued\s+by|"
                        r"contact|call|enrolled\s+(?:in|with)|refers\s+to|means))\s+(?:the\s+)?$", I)


# the longest lead before a plan's name ("subscribers through the ") is well within this many characters
_LEAD_REACH = 60


def _marked_before(text: str, at: list[int]) -> bool:
    """A copyright mark before one of the name's mentions: the first mark, found once, not once per mention (a
    sentence naming the plan many times would cost its square)."""
    mark = _COPYRIGHT_MARK.search(text)
    return mark is not None and any(mark.end() <= i for i in at)


def _name_pattern(name: str) -> re.Pattern[str]:
    """An organisation's name as the text may print it: any case, any run of spaces between its words, not part of a
    longer word or joined by "&" to another."""
    return re.compile(r"(?<![\w&])" + r"\s+".join(map(re.escape, name.split())) + r"(?![\w&])", I)


def _payer_signals(seg: Segmented, name: str, outline: PageOutline | None) -> set[str]:
    """The independent places that name the payer, each by its kind: the masthead (a short line at the top, a
    running header or footer), the page's <title>, a copyright line, and a sentence of the text (the plan deciding
    "X considers ...", its members or lines "X Medicare Advantage members", a contact line "call X Provider
    Services"; by its short form too, "Cottonwood Blue commercial members"). A mention that runs on into a longer
    organisation's name ("X Authority", "X Health Plan") names another body."""
    words = name.split()
    pattern = _name_pattern(name)
    # and the short name the text gives it ("Harbor Health Plan of Tarn (Harbor)")
    shorts = _short_forms(name) + [m.group(1) for m in re.finditer(
        r"(?<![\w&])" + r"\s+".join(map(re.escape, words)) + r"\s+\((?:the\s+)?[\"\u201c]?([A-Z][\w&-]{1,20})[\"\u201d]?\)", seg.text, I)]
    # ... or in words ('X Health Plan, Inc. and X Insurance Company, Inc. are referred to collectively ... as "XHP"')
    shorts += referred_as(name, seg.text)
    short_patterns = [_name_pattern(f) for f in shorts]

    def mentions(text: str) -> list[int]:
        return [m.start() for m in pattern.finditer(text) if not _LONGER_NAME.match(text, m.end())]

    def spoken_of(text: str) -> bool:
        return any(_PLAN_CONTEXT.match(text, m.end()) for p in short_patterns for m in p.finditer(text))

    kinds: set[str] = set()
    top = _lines_near_top(seg)[:12] + _page_footers(seg) + [(a, b, " ".join(t.split())) for a, b, t in seg.boilerplate]
    for start, end, line in top:
        at = mentions(line)
        if not at:
            continue
        if _marked_before(line, at):
            kinds.add("a copyright line")
        unit = seg.unit_at(start)
        # a short line of its own, not a line of a sentence the text wraps ("X does not reimburse ..." over two lines)
        if len(line.split()) <= 15 and not _COPYRIGHT_MARK.search(line[:at[0]]) and \
                (unit is None or unit.kind == "heading" or len(unit.norm) <= len(line) + 5 or
                 2 * len(words) >= len(line.split())):
            kinds.add("the masthead")
    if outline is not None and outline.title and (mentions(outline.title) or _PAGE_TITLE_SPLIT.split(
            outline.title)[-1].strip().casefold() in {f.casefold() for f in shorts}):
        # (the site's name closing the <title> by the plan's short form: "Medical policy updates | Calderwood Shield")
        kinds.add("the page's <title>")
    for unit in seg.units:
        if unit.kind not in ("sentence", "item", "row", "label"):
            continue
        at = mentions(unit.norm)
        if _marked_before(unit.norm, at):
            kinds.add("a copyright line")
        elif not _COPYRIGHT_MARK.search(unit.norm) and (
                any(_PLAN_CONTEXT.match(unit.norm, i + len(m.group(0))) or _PLAN_LEAD.search(unit.norm, max(0, i - _LEAD_REACH), i)
                    for m in pattern.finditer(unit.norm) for i in [m.start()] if i in at) or spoken_of(unit.norm)):
            kinds.add("a sentence of the text")
    return kinds


# a sentence that decides a service or states the policy's subject: "X is considered investigational", "does not
# cover", "is a benefit", "this policy addresses X"
_DECIDING = re.compile(r"\b(?:medically\s+necessary|investigational|investigative|experimental|unproven|not\s+covered|"
                       r"(?:is|are)\s+covered|covers?\b|does\s+not\s+cover|will\s+not\s+(?:cover|pay|reimburse)|"
                       r"reimburs\w*|(?:is|are)\s+(?:a\s+|not\s+a\s+)?benefits?|non-?covered|prior\s+(?:authori[sz]ation|approval)|"
                       r"(?:are|is)\s+(?:excluded|denied|payable|not\s+payable|limited\s+to)|(?:does|do|will)\s+not\s+pay\b|"
                       r"\bpays\s+for\b|"
                       r"(?:this|the)\s+(?:policy|guideline|document|article|bulletin|manual|section|list)\s+"
                       r"(?:addresses|describes|applies|explains|outlines|covers|sets|gives|provides)|addressed\s+(?:in|by)\s+this)", I)


def _subject_words(text: str) -> set[str]:
    """The words of a title that name its subject: not the kind of document, not a section word, not a number."""
    return {w for w in _title_words(text) if not w.isdigit()} - _KIND_WORDS - _SECTION_WORDS - _LIST_WORDS - \
        _PROGRAM_WORDS - _CHANGE_WORDS


# words for the payer's programs and people, which any sentence of a policy may hold
_PROGRAM_WORDS = {"medicaid", "medicare", "advantage", "program", "programs", "members", "providers", "services", "service",
                  "state", "community", "commercial"}


# what an issue or a transmittal says it carries, not a subject: "Medicaid Services Manual Changes"
_CHANGE_WORDS = {"changes", "change", "updates", "update", "revisions", "revised", "news", "notice", "notices", "upcoming"}


# the kinds of document a title may name besides a policy: "List of Investigational Procedures" is the list's subject
_LIST_WORDS = {"list", "lists", "handbook", "notes", "index"}


def _title_signals(seg: Segmented, title: Finding, outline: PageOutline | None) -> set[str]:
    """What agrees with a title read from a heading at the top: the page's <title> naming most of its subject's
    words, or a sentence of the text that decides or states the subject it names (a heading that names the services
    the document decides names the document)."""
    subject = _subject_words(title.value)
    named_service = bool(_SERVICE_NOUN.search(title.value))
    # "Magnetic Resonance Spectroscopy (MRS)": the short form the text may use for the subject
    short = {m.casefold() for m in re.findall(r"\(([A-Z][A-Za-z0-9]{1,8})\)", title.value)}
    initials = "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", title.value) if w.casefold() in subject).casefold()
    if len(initials) >= 2:
        short.add(initials)
    kinds: set[str] = set()
    if outline is not None and outline.title:
        # most of its subject's words, or one of the <title>'s pieces the heading opens with ("The Dispatch - March
        # 2026 - Billing chart" over "Billing chart: Osterbay highlights ...")
        low = title.value.casefold()
        first = {w for w in _title_words(_PAGE_TITLE_SPLIT.split(outline.title)[0]) if not w.isdigit()}
        own = {w for w in _title_words(title.value) if not w.isdigit()}
        if subject and len(subject & _title_words(outline.title)) >= (len(subject) + 1) // 2 or \
                len(first & own) >= 2 and (first <= own or own <= first) or any(
                len(p.split()) >= 2 and low.startswith(p.casefold()) for p in _PAGE_TITLE_DASH.split(outline.title)):
            kinds.add("the page's <title>")
    # in a sentence, a one-word subject agrees only when the title names a service ("MR Spectroscopy"), a longer one
    # by two of its words or more
    if not subject or len(subject) == 1 and not named_service:
        return kinds
    need = max(min(2, len(subject)), (len(subject) + 1) // 2)
    phrase = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, title.value.split())) + r"(?!\w)", I) \
        if len(title.value.split()) >= 2 else None
    for unit in seg.units:
        if unit.kind not in ("sentence", "item", "row") or unit.start == title.cite.start:
            continue
        if phrase is not None and named_service and phrase.search(unit.norm) and len(unit.norm) > len(title.value) + 10:
            kinds.add("a sentence naming it")     # "Medicare coverage guidance is not available for <title>."
            break
        if not _DECIDING.search(unit.norm):
            continue
        words = _title_words(unit.norm)
        if len(subject & words) >= need or short & {w.casefold() for w in re.findall(r"[A-Za-z0-9]+", unit.norm)}:
            kinds.add("a deciding sentence")
            break
    return kinds


def _gate_title(seg: Segmented, result: ImportResult, outline: PageOutline | None) -> None:
    title = result.title
    assert title is not None
    if _furniture_form(title.value):
        result.notes.append(f"title: \"{title.value}\" has the form of page furniture (a banner, a link, a date or a "
                            f"menu); no title taken")
        result.title = None
        return
    if not _title_signals(seg, title, outline):
        # a heading alone: on a layout never met, the first heading may be the page's banner, a section or a running
        # header as well as the document's name; the reviewer is told, and nothing is shown as found
        result.notes.append(f"title: \"{title.value}\" is a heading at the top that nothing else agrees with (not the "
                            f"page's <title>, no sentence deciding what it names); no title taken")
        result.title = None
