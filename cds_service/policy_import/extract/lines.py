"""The lines of business a policy applies to or leaves out (Medicare Advantage, Medicare, Medicaid,
commercial), read from applicability labels, ticked boxes and sentences that say where the policy applies;
a hedge ("may also apply") or a sentence that sends the reader to another document decides nothing.
"""
from __future__ import annotations

import re

from ..model import Citation, ImportResult, LineFinding
from ..segments import Segmented, Unit
from .sections import _clean, _history
from .masthead import _lines_near_top

I = re.IGNORECASE

_MA = re.compile(r"Medicare\s+Advantage|Medicare\s+(?:HMO|PPO|POS)\b|Medicare\s+Part\s+C\b|\bD-SNP\b|"
                 r"Medicare\s+\w+\s+Blue", I)
_MEDICARE = re.compile(r"\bOriginal\s+Medicare\b|\bMedicare\s+fee[- ]for[- ]service\b|\bMedicare\b(?!\s+(?:Advantage|"
                       r"HMO|PPO|POS|Part\s+C|Supplement|benefits?|coverage|Link|Medical|Administrative|"
                       r"Services|contractors?))", I)
_ORIGINAL_MEDICARE = re.compile(r"\bOriginal\s+Medicare\b|\bMedicare\s+fee[- ]for[- ]service\b|\bMedicare\s+Part\s+[AB]\b|"
                                r"\btraditional\s+Medicare\b|\bMedicare\s+FFS\b", I)
AMBIGUOUS_MEDICARE = "medicare?"
# "a Medicare-Medicaid plan" (a dual plan) names a Medicare product, not the Medicaid line
# ... and the states' own names for their Medicaid programs ("Medi-Cal", "MassHealth", "TennCare")
_MEDICAID = re.compile(r"(?<!Medicare-)\bMedicaid\b|\bCHIP\b|Children's\s+Health\s+Insurance\s+Program|"
                       r"\bMedi-Cal\b|\bMassHealth\b|\bTennCare\b|\bSoonerCare\b|\bKanCare\b|\bMaineCare\b|"
                       r"\bBadgerCare\b|\bAHCCCS\b|\bNJ\s+FamilyCare\b|"
                       # Pennsylvania's and some other states' name for Medicaid, in capitals as a program's name
                       r"\b(?-i:Medical\s+Assistance)\b", I)
# ... an exchange plan said in full ("individual and family plans sold on the state health benefit exchange")
_COMMERCIAL = re.compile(r"\bcommercial\b(?!\s+(?:(?:medical|clinical|payment)\s+)?(?:polic(?:y|ies)|guidelines?)\b)|\b(?:group|individual)(?:\s+and\s+family)?\s+plans\b|\bIndemnity\b|"
                         r"\bMarketplace\b|\b(?:Individual|Health\s+Insurance|Health\s+Benefits?)\s+Exchange\b", I)
_COMMERCIAL_PRODUCTS = re.compile(r"\b(?:HMO|PPO|POS|EPO)\b")
_HEDGE = re.compile(r"\bmay\s+(?:also\s+)?(?:apply|use|adopt|follow|be\s+(?:applied|used|adopted))|\bmight\b|\bcould\b|"
                    r"\bat\s+(?:its|the\s+plan's)\s+discretion\b|\bas\s+a\s+guide\b|\b(?:where|if|as|when)\s+applicable\b|"
                    r"\bto\s+the\s+extent\b", I)
# A sentence that sends a line elsewhere ("Medicare Advantage members: refer to the NCD", "state rules take
# precedence for Medicaid") says neither that this policy applies to it nor that it is excluded.
_DEFERS = re.compile(r"\brefer\s+to\b|\bsee\s+(?:the|policy|section)\b|\bsee\s+(?:[a-z]+\s+){1,2}(?:policy|guideline)\b|\bgoverned\s+by\b|\btakes?\s+precedence\b|"
                     r"\b(?:a\s+)?separate\s+polic|\binstead\b|\bsupersedes?\b|\bin\s+place\s+of\b|\bconsult\b", I)
_APPLIES = re.compile(r"\b(?:applies|apply|applicable)\s+to\b", I)
# ... "This assessment does not decide services that a member's state Medicaid program covers"
_NOT_APPLIES = re.compile(r"\b(?:does|do)\s+not\s+apply\s+to\b|\bnot\s+applicable\s+to\b|\bexcludes?\b|\bexcluded\b|"
                          r"\b(?:does|do)\s+not\s+decide\b", I)
# The document speaking of itself: "this policy", "the Position Statement above", "This Coverage Summary".
# ... or a manual's chapter ("This chapter applies to ..."), a bulletin's chart ("The changes in this chart apply to")
# ... or a bulletin's items ("These medical policies apply to ...", "these updates do not apply to them")
# ... or a list, a change, an article, a notice ("This list applies to ...", "This change applies to members of ...",
# "This CPB applies to ...")
_THIS_DOCUMENT = (r"(?:\b(?:this|the)\s+(?:\w+\s+){0,2}(?:policy|summary|guideline|document|bulletin|position\s+statement|"
                  r"policy\s+position)\b|\bthis\s+(?:chapter|chart|page|section|list|change|update|article|manual|notice|"
                  r"letter|topic|assessment|grid|(?-i:CPB|LCD|LCA))\b|\bthese\s+(?:\w+\s+){0,2}(?:policies|updates|changes|guidelines)\b)")
# "Chesapine Community Health Plan (Medicaid) announces its policy changes separately": the plan keeps its own
_OWN_CHANGES = re.compile(r"\b(?:announces|publishes|issues|communicates|posts|maintains|has)\s+(?:its|their)\s+(?:own\s+)?"
                          r"(?:\w+\s+){0,2}(?:changes|updates|polic(?:y|ies)|guidelines)\s+separately\b", I)
# "see the state Medicaid Radiology Services Manual", "refer to commercial medical policy RAD-118": the plans
# named before it are another document's to decide
_SENT_ELSEWHERE = r"(?:see|refer\s+to)\s+(?:[a-z]+\s+){0,9}?(?:polic(?:y|ies)|guidelines?|manuals?)\b"
# a Medicaid program's managed care plans held to what the document sets
_MCO_SAME = re.compile(r"\b(?:MCOs?|managed\s+care\s+(?:organizations?|plans?|entities))\b[^.;]*?\b(?:must|shall|"
                       r"(?:is|are)\s+required\s+to)\s+cover\b[^.;]*?\bno\s+less\s+than\b|"
                       r"\b(?:MCO|managed[- ]care)(?:-enrolled)?\s+(?:members|enrollees)\s+(?:are|is)\s+entitled\s+to\s+"
                       r"the\s+same\b", I)
# "<plans> ... is not addressed by this manual"
# ... or that its members are not subject to it, or that its plans do not use it ("X Medigap plans pay after Original
# Medicare and do not use this policy", "Members of X (Medicaid) are not subject to this policy")
_NOT_ADDRESSED_HERE = re.compile(r"^(?P<plans>.+?)\b(?:is\s+not\s+addressed\s+(?:by|in)|(?:is|are)\s+not\s+subject\s+to|"
                                 r"(?:does|do)\s+not\s+use)\s+(?:this\s+(?:manual|policy|chapter|"
                                 r"section|document|guideline)|these\s+(?:policies|guidelines|changes))\b", I)
# a Medicare supplement plan left out of a policy: the key conventions record it as the Medicare line excluded
_MEDIGAP = re.compile(r"\bMedigap\b|\bMedicare\s+Supplement\b", I)
# "For <plans> members, <payer> follows CMS National Coverage Determinations (NCDs), ...": CMS's rules at large, no
# one NCD named
_FOLLOWS_CMS = re.compile(r"^for\s+(?P<plans>[^,;:]*?\b(?:members|enrollees)),\s*[^;]*?\bfollows?\s+(?:the\s+)?(?:CMS\s+)?"
                          r"(?:National\s+Coverage\s+Determinations|NCDs\b|LCDs\b)(?![^;]*\d)", I)
# "for both <program> fee-for-service (FFS) and Medicaid Managed Care (MMC) Plans"
_FOR_BOTH = re.compile(r"\bfor\s+both\s+(?P<plans>[^,;]{3,120}?\bfee-for-service\b[^,;]{0,60}?\band\s+[^,;]{0,60}?"
                       r"\bmanaged\s+care\b[^,;]{0,40})", I)
# a section that sets out whom the policy is for ("Applies to", "Line of business", "Applicability")
# ... or "Applicable Plans" heading its check boxes
_APPLICABILITY_SECTION = re.compile(r"\bappl(?:ies|y)\s+to\b|applicability|\blines?\s+of\s+business|"
                                    r"\bapplicable\s+(?:plans|products|lines|programs)\b", I)
_LOB_LABEL = re.compile(r"^(?:(?:applicable\s+)?lines?\s+of\s+business|(?:this\s+(?:\w+\s+)?policy\s+)?applies\s+to|applicable\s+to|products?|plan\s+types?|"
                        r"member\s+types?|covered\s+lines)$", I)
_LOB_EXCLUDED_LABEL = re.compile(r"^(?:does\s+not\s+apply\s+to|excluded(?:\s+lines(?:\s+of\s+business)?)?|"
                                 r"not\s+applicable\s+to|exclusions?|excludes)$", I)
_UNTICKED_OUT = re.compile(r"\b(?:plans?|products?|lines(?:\s+of\s+business)?|programs?)\s+(?:without|with\s+no)\s+"
                           r"(?:a\s+)?(?:checked|ticked|marked)\s+box(?:es)?\s+(?:are|is)\s+not\s+(?:subject\s+to|covered\s+by)\s+"
                           r"(?:this|the)\s+(?:policy|guideline|document)\b|"
                           r"\b(?:this|the)\s+(?:policy|guideline)\s+(?:does|do)\s+not\s+apply\s+to\s+(?:plans?|products?)\s+"
                           r"(?:without|with\s+no)\s+(?:a\s+)?(?:checked|ticked|marked)\s+box", I)
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
_BOX = f"\\s*(?:[{_CHECKED}{_UNCHECKED}]|\\[[xX ]\\])"


def _plans_lines(plans: str, doc_line: str | None) -> list[str]:
    """The lines a plan's words name when a table, a box or a sentence answers for it: a Medicare supplement
    (Medigap) as the Medicare line, as the key conventions record it, and no line for a bare "Medicare" that could
    be either Medicare or its Advantage plans."""
    named = ["medicare"] if _MEDIGAP.search(plans) else lines_named(plans, doc_line)
    return [l for l in named if l != AMBIGUOUS_MEDICARE]


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


# "will defer to its existing commercial medical policy": the kind of another document, not of this one
_OTHER_DOCUMENT = re.compile(r"\b(?:its|their|existing|separate|other|another)\s+$", I)
# ... or a table's column header "Product Applies" over rows answered yes or no
_APPLICABILITY = re.compile(r"\bappl(?:ies|y)\s+to\b|applicability|\bapplicable\s+(?:plans|products|lines)\b|"
                            r"\b(?:products?|plans?|lines?(?:\s+of\s+business)?)\s+appl(?:ies|y|icable)\b", I)


# a plan's answer in an applicability table: "Yes", "No - see Payment Guideline MA-PG-031", or the same in two
# languages ("Sí / Yes")
_ANSWER = re.compile(r"(?:[^\W\d_]{1,4}\s*/\s*)?(?:(?P<yes>yes)|no)\b", I)


def _ticked_applicability(unit: Unit, value: str) -> bool:
    """"Applies to:" over "COMMERCIAL Products | ☒ X Commercial products ☒ ...": a grid of ticked products."""
    return bool(_APPLICABILITY.search(unit.section) and re.search(f"[{_CHECKED}]|\\[[xX]\\]", value))


# "For <plans> refer to: <where>"
_FOR_REFER = re.compile(r"\b[Ff]or\s+(?P<plans>[A-Z][^:;.]{1,80}?)\s+refer\s+to\s*:?\s*(?P<where>[^;]*)")
# ... where is this policy's own criteria
_OWN_SECTION = re.compile(r"^(?:the\s+)?(?:policy\s+criteria|criteria|section\s+[IVX\d]+)\b[^;]*\b(?:below|above)\b|"
                          r"^(?:this\s+policy|the\s+criteria\s+(?:below|above))\b", I)
# "Employer Health Programs (EHP), its self-funded employer group plans; Harbor Partners, its Medicaid managed care
# organization; and Wyndcross Senior Choice, its Medicare Advantage plan": the plans' own names and their lines
_ALIAS = re.compile(r"(?:^|[;:]\s*|,\s+|\bthrough\s+|\band\s+)(?P<name>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,4})"
                    r"(?:\s*\((?P<abbr>[A-Z]{2,8})\))?,\s+(?:its|our)\s+(?P<what>[^;.]{3,80}?)(?=[;.]|,?\s+and\s+[A-Z]|$)")


def plan_aliases(seg: Segmented) -> dict[str, str]:
    """The names a document gives its plans, each with the one line of business it says the plan is."""
    out: dict[str, str] = {}
    for unit in seg.units:
        if unit.kind != "sentence":
            continue
        for m in _ALIAS.finditer(_clean(unit.text)):
            named = [l for l in lines_named(m.group("what")) if l != AMBIGUOUS_MEDICARE]
            if len(named) == 1 and not lines_named(m.group("name")):
                for name in (m.group("name"), m.group("abbr")):
                    if name:
                        out[name] = named[0]
    return out


def _box_words(unit: Unit) -> Citation:
    """A ticked box's line is cited by its words ("- \u2612 Commercial fully insured plans" as "Commercial fully
    insured plans"): the list marker and the box are the page's glyphs, not what it says."""
    m = re.match(f"[-*\u2022\\s]*[{_CHECKED}{_UNCHECKED}]\\s*(?=\\S)", unit.text) if unit.kind == "item" else None
    if m is None:
        return Citation.of(unit)
    return Citation(" ".join(unit.text[m.end():].split()), unit.start + m.end(), unit.end, unit.page)


_LEGEND_HEADING = re.compile(r"(?:(?:health\s+|member\s+|benefit\s+)?(?:programs?|plans?|products?)|plan\s+types?|"
                             r"lines?\s+of\s+business)\s*:?", I)


def _legend_entry(seg: Segmented, unit: Unit) -> bool:
    """A "TERM = what it stands for" entry of a legend headed by the programs or plans the document is for."""
    i = unit.index
    # (a legend is a few entries long: the walk back is bounded, so a page of thousands of them costs no square)
    while i >= 0 and unit.index - i <= 30 and seg.units[i].kind == "label" and \
            re.match(r"[^=:]{1,70}?\s=\s", seg.units[i].text):
        i -= 1
    return i >= 0 and i != unit.index and seg.units[i].kind == "heading" and \
        _LEGEND_HEADING.fullmatch(seg.units[i].norm) is not None


def find_lines(seg: Segmented, result: ImportResult) -> None:
    found: list[LineFinding] = []
    doc_line = document_line(seg)
    payer = result.payer.value if result.payer else None

    all_lines: Unit | None = None
    some_lines: list[Unit] = []      # the sentences that say this applies to some lines, by name

    def add(lines: list[str], covered: bool, unit: Unit) -> None:
        if AMBIGUOUS_MEDICARE in lines:
            lines = [l for l in lines if l != AMBIGUOUS_MEDICARE]
            result.notes.append(f"lines of business: \"Medicare\" in \"{unit.norm[:100]}\" does not say Medicare "
                                f"Advantage or Original Medicare; no line given")
        cite = _box_words(unit)
        for line in lines:
            same = next((i for i, f in enumerate(found) if f.line == line), None)
            if same is None:
                found.append(LineFinding(line, covered, cite))
            elif found[same].covered == covered and found[same].cite.start != cite.start and len(found[same].also) < 3:
                # "Applies to: Commercial, Medicare Advantage." and later "This Policy applies to X Medicare Advantage
                # HMO members.": both sentences say it, and a reviewer may look for either
                found[same] = LineFinding(line, covered, found[same].cite, found[same].also + (cite,))

    grid = False       # the units after an applicability label with check boxes go on with its boxes
    aliases = plan_aliases(seg)
    # "Plans without a checked box are not subject to this policy.": the empty boxes of the section say so
    unticked_out = {u.section for u in seg.units if u.kind == "sentence" and _UNTICKED_OUT.search(_clean(u.text))}
    for unit in seg.units:
        clean = _clean(unit.text)
        sent = _FOR_REFER.search(clean) if unit.kind in ("sentence", "item", "label") else None
        if sent and not _history(unit):
            # "For EHP and Harbor Partners refer to: Policy Criteria, section IV, below." (this policy's own criteria)
            # and "For Wyndcross Senior Choice refer to: Medicare Coverage Database" (another document decides)
            named = lines_named(sent.group("plans"), doc_line) + [aliases[a] for a in aliases
                                                                  if re.search(rf"\b{re.escape(a)}\b", sent.group("plans"))]
            where = sent.group("where")
            if _OWN_SECTION.search(where):
                add(list(dict.fromkeys(named)), True, unit)
                continue
            if re.search(r"\b(?:polic(?:y|ies)|guidelines?|manuals?|database|handbook)\b", where, I):
                add(list(dict.fromkeys(named)), False, unit)
                continue
        if grid and re.match(_BOX, clean):
            # "Applicable Lines of Business: [X] SedgeCare (Medicaid)" over "[X] ALLIANCE (Medicare Advantage HMO
            # D-SNP)" and "[X] Commercial (...)", each on a line of its own: the same grid of ticked products
            add(lines_named(clean, doc_line), True, unit)
            continue
        grid = False
        if (_history(unit) and unit.kind == "row") or unit.kind == "heading":
            continue
        said = re.match(r"(?P<label>[A-Za-z][\w ]{2,40}?):\s+(?P<value>\S.*)$", clean)
        if unit.kind == "sentence" and said and _LOB_LABEL.match(said.group("label").strip()):
            # "Lines of business: Commercial; Medicare Advantage (no Medicare guidance exists, so ...)": a label the
            # layout left in a sentence
            add(lines_named(said.group("value"), doc_line), True, unit)
            continue
        if unit.kind == "label" and re.fullmatch(r"notes?|product\s+application", unit.label.strip(" :*"), I):
            # "Note: This policy applies to X Medicaid members, ...": the value is a sentence like any other
            clean = _clean(unit.value)
        elif unit.kind == "sentence" and said and re.fullmatch(r"product\s+application|notes?", said.group("label"), I):
            clean = said.group("value")       # "Product application: Applies to commercial and IFB members."
        elif unit.kind == "label" and _legend_entry(seg, unit) and lines_named(unit.value, doc_line) and \
                not _HEDGE.search(clean) and not _NOT_APPLIES.search(clean) and not _DEFERS.search(clean):
            # "Programs" over "STAR = Texas Medicaid managed care" and "X ADVANTAGE = X Advantage (HMO D-SNP), a
            # Medicare Advantage dual special needs plan": the legend of the programs the list's columns are for
            add(lines_named(unit.value, doc_line), True, unit)
            continue
        elif unit.kind == "label":
            label = unit.label.strip(" :*")
            if _APPLICABILITY.search(unit.section) and re.fullmatch(r"n/a|not\s+applicable", unit.value.strip(" ."), I) \
                    and _MEDIGAP.search(label) and len(label.split()) <= 8:
                # "Medicare Supplement | N/A" in an applicability table: a supplement to Original Medicare the policy
                # does not apply to, the Medicare line excluded as for an empty box said "N/A" (a line the product
                # itself names answered "N/A", "Medicaid | N/A", stays unsaid: the table may only mean it has no such plan)
                add(["medicare"], False, unit)
                continue
            if _NONE.match(unit.value.strip()):
                continue
            if _LOB_LABEL.match(label):
                add(lines_named(unit.value), True, unit)
                grid = bool(re.match(_BOX, _clean(unit.value)))
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
            elif re.match(_SENT_ELSEWHERE, _clean(unit.value), I) and len(label.split()) <= 8:
                # "X Community Care (Medicaid) and CHIP: see the state Medicaid Radiology Services Manual"
                add(lines_named(label, doc_line), False, unit)
            elif _APPLIES_AT_END.search(_clean(unit.value)) and not _HEDGE.search(unit.value):
                add(lines_named(label, doc_line), True, unit)
            elif _ticked_applicability(unit, unit.value):
                add(lines_named(unit.value, doc_line), True, unit)
            # "Applicable Plans" over "Commercial - Fully Insured ........ Yes", "X Senior Select (Medicare
            # Advantage) ....... No - see Payment Guideline MA-PG-031": a plan answered yes or no
            elif _APPLICABILITY.search(unit.section) and _ANSWER.match(unit.value.strip()):
                add(lines_named(label, doc_line), _ANSWER.match(unit.value.strip()).group("yes") is not None, unit)
            # "Lindenmoor Medicare Advantage ...... See Medicare Advantage section below": the plan answered by a
            # section of this same document, which decides it
            elif _APPLICABILITY.search(unit.section) and re.fullmatch(
                    r"see\s+(?:the\s+)?[\w -]{0,40}?\bsection\s+(?:below|above)\.?", unit.value.strip(), I):
                add(lines_named(label, doc_line), True, unit)
            continue
        cell = re.match(r"(?P<label>[A-Za-z][\w ]{2,40}?):\s+(?P<value>\S.*)$", unit.cells[0]) if unit.kind == "row" and \
            unit.cells else None
        if cell and _LOB_LABEL.match(cell.group("label").strip()) and not _HEDGE.search(cell.group("value")):
            # "Applies to: Commercial - HMO, POS, PPO, Medicare Advantage. | Self-funded plans: see note below"
            add(lines_named(cell.group("value"), doc_line), True, unit)
            continue
        if unit.kind == "row" and len(unit.cells) == 2 and _APPLICABILITY.search(unit.section) and \
                _ANSWER.match(unit.cells[1]) and not _history(unit):
            # "Comercial - Grupos e Individual / Commercial - Group and Individual | Sí / Yes": a plan too long to be
            # read as a label, answered yes or no all the same
            add(lines_named(unit.cells[0], doc_line), _ANSWER.match(unit.cells[1]).group("yes") is not None, unit)
            continue
        # ("X Medicare Advantage (X Medicare Select HMO) No; see Coverage Summary MA-RAD-02": the answer, then where to go)
        answer = re.match(r"(?P<plans>.+?)\s+(?:(?P<yes>Yes)|No)(?:[;,]\s+(?:see|refer\s+to|follows?|use)\b.*)?$",
                          unit.cells[0]) \
            if unit.kind == "row" and len(unit.cells) == 1 else None
        if answer is None and unit.kind == "row" and len(unit.cells) == 1 and \
                re.search(r"\b(?:applies|applicable)\s+(?:notes?|comments?)$", unit.section, I):
            # "X Families and Children (PMAP) Yes Medical Assistance (Medicaid)": the answer, then the notes column,
            # which may say what kind of plan the product is
            answer = re.match(r"(?P<plans>.+?)\s+(?-i:(?P<yes>Yes)|No)\s+(?P<notes>\S.*)$", unit.cells[0])
        if answer and _APPLICABILITY.search(unit.section) and not _history(unit):
            # "Commercial fully insured (HMO, PPO, EPO) Yes", "Medicare Supplement No": a PDF applicability table
            # whose answer column the reader sets beside the plan with one space
            named = _plans_lines(answer.group("plans"), doc_line)
            if not named and answer.groupdict().get("notes") and answer.group("yes"):
                named = lines_named(answer.group("notes"), doc_line)
            add(named, answer.group("yes") is not None, unit)
            continue
        if unit.kind == "row" and len(unit.cells) > 1 and _ticked_applicability(unit, " ".join(unit.cells[1:])):
            add(lines_named(" ".join(unit.cells[1:]), doc_line), True, unit)
            continue
        if unit.kind not in ("sentence", "item", "label"):
            continue
        if unit.kind == "sentence" and _MCO_SAME.search(clean) and _MEDICAID.search(seg.text):
            # "Each MCO must cover MRS in an amount ... no less than described in this section", "MCO-enrolled members
            # are entitled to the same ... benefits": the program's managed care plans give what this document sets
            # (a hedge in another clause, "and may use its own prior authorization process", changes nothing)
            add(["medicaid"], True, unit)
            continue
        m = _NOT_ADDRESSED_HERE.search(clean) if unit.kind == "sentence" else None
        if m:
            # "Coverage of MRS under Medicare, including Medicare Advantage plans ..., is determined by Medicare and is
            # not addressed by this manual"
            if re.search(r"\bMedicare,?\s+including\s+Medicare\s+Advantage\b", m.group("plans"), I):
                add(["medicare", "medicare-advantage"], False, unit)   # Medicare itself, and its Advantage plans with it
            else:
                add(_plans_lines(m.group("plans"), doc_line), False, unit)
            continue
        m = _FOLLOWS_CMS.match(clean) if unit.kind == "sentence" else None
        if m and lines_named(m.group("plans"), doc_line):
            # "For Medicare Advantage members, X follows CMS National Coverage Determinations (NCDs), LCDs and LCAs; see
            # the Medicare Coverage Database": sent to CMS's rules at large, no position stated here (a plan that
            # follows one NCD the document names states its position, and is covered)
            add(lines_named(m.group("plans"), doc_line), False, unit)
            continue
        m = _FOR_BOTH.search(clean) if unit.kind == "sentence" else None
        if m and not _HEDGE.search(clean):
            # "Effective ..., for both X Medicaid fee-for-service (FFS) and Medicaid Managed Care (MMC) Plans [...], X
            # Medicaid will cover ...": the members the sentence's rule is for
            add(lines_named(m.group("plans"), doc_line), True, unit)
        if _HEDGE.search(clean):
            continue
        m = _OWN_CHANGES.search(clean)
        if m:
            add(lines_named(clean[:m.start()], doc_line), False, unit)
            continue
        if re.match(r"applies\s+to\b", clean, I):
            clean = "This policy " + clean      # "Applies to commercial and IFB members." says it of the document
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
        if (unit.kind == "item" and _APPLICABILITY_SECTION.search(section) and
                re.match(f"[-*\u2022\\s]*(?:[{_UNCHECKED}]|\\[ \\])", clean)):
            # "[ ] Medicare Supplement: N/A - Original Medicare determines ...", "\u2610 X Family (Medical Assistance):
            # not applicable; see the X Family Provider Manual": a box left empty and said not to apply leaves its plans
            # out; a box left empty and nothing more says nothing
            box = re.match(f"[-*\u2022\\s]*(?:[{_UNCHECKED}]|\\[ \\])\\s*(?P<plans>[^:]+):\\s*(?:n/?a|not\\s+applicable|"
                           r"(?:this\s+policy\s+)?does\s+not\s+apply)\b", clean, I)
            if box is None and section in unticked_out:
                # "☐ X Medicare Supplement" in a list a sentence closes with "Plans without a checked box are not
                # subject to this policy": the empty box is said to leave its plans out
                box = re.match(f"[-*\u2022\\s]*(?:[{_UNCHECKED}]|\\[ \\])\\s*(?P<plans>.+)$", clean)
            if box:
                add(_plans_lines(box.group("plans"), doc_line), False, unit)
            continue
        if (_APPLICABILITY_SECTION.search(section)
                and not re.search(r"\bnot\b", section, I) and not _APPLIES.search(clean)):
            # ("Some members also have Medicaid.": who the members are, not whom the document is for)
            if not _NOT_APPLIES.search(clean) and not _DEFERS.search(clean) and \
                    not re.search(r"\b(?:not|no|except|excluding|other\s+than)\b", clean, I) and \
                    not re.search(r"\b(?:have|has)\s+(?:both\s+)?(?:Medicare|Medicaid)\b", clean, I):
                add(lines_named(clean), True, unit)
                continue
        m = _NOT_APPLIES.search(clean)
        if m and re.search(r"\bcriteria|\bindications\b|\brequirements\b|\bsection\b|"
                           r"\b(?:prior\s+|pre-?)(?:authori[sz]ation|approval|certification|notification)\b|"
                           r"\bprecertification\b|\breferrals?\b", clean[:m.start()], I) and \
                not re.search(_THIS_DOCUMENT, clean[:m.start()], I):
            # "The Medical Necessity Criteria above do not apply to MA members": the line is decided apart
            # ... and "Prior authorization does not apply to Medicare Advantage members": a requirement, not the policy
            continue
        if m and re.search(r"\bapply\b|\bapplicable\b", m.group(0), I) and \
                re.match(r"\s*(?:them|these|those)\b", clean[m.end():], I):
            # "For the Medicaid benefits of X members, see the state rules; this policy does not apply to them."
            add(lines_named(clean[:m.start()], doc_line), False, unit)
            continue
        if m and re.search(r"\bapply\b|\bapplicable\b|\bdecide\b", m.group(0), I):
            # the clause after a semicolon speaks of something else ("...; those claims follow Medicare rules,
            # and Dunmore Medicaid pays only its secondary share")
            plans = re.split(r";|\.\s", clean[m.end():])[0]
            # (or names them: "... does not apply to members enrolled through state public programs; for X Care Assist
            # (Medicaid) members, the state program's fee schedule applies")
            these = re.match(r"[^;]*;\s*for\s+(?:(?:these|those)\s+)?(?!(?:these|those)\s)(?P<who>[^,;]{3,60}?)\s+"
                             r"(?:members|enrollees)\b",
                             clean[m.end():], I)
            first = re.match(r"(?:[-*\u2022]\s*)?appl(?:ies|y)\s+to\b(?P<plans>[^.;]*)[.;]\s", clean[:m.start()], I)
            if first:
                # "Applies to commercial and IFB members. Does not apply to ...": the item's two closing lines
                add(lines_named(first.group("plans"), doc_line), True, unit)
            if these and not [l for l in lines_named(plans, doc_line) if l != AMBIGUOUS_MEDICARE]:
                # "does not apply to members of X Medicare Choice plans; for these Medicare Advantage members, see ...":
                # the clause after it names the line of the members it left out
                plans = these.group("who")
            # "does not apply to Medicare Supplement members": a supplement to Original Medicare, the Medicare line
            add(["medicare"] if _MEDIGAP.search(plans) and not lines_named(plans, doc_line) else lines_named(plans),
                False, unit)
            continue
        # "X commercial and individual plans: see commercial medical policy RAD-118": the plans before the colon
        # are sent to another document, which decides for them
        # ... and "X Community Care (Medicaid) and CHIP: see the state Medicaid Radiology Services Manual"
        m = re.match(r"(?P<plans>[^:;]+?):\s*" + _SENT_ELSEWHERE, clean, I)
        if m and (re.search(r"\b(?:plans?|members|products?|programs?)$", m.group("plans"), I)
                  or len(m.group("plans").split()) <= 8) and lines_named(m.group("plans"), doc_line):
            add(lines_named(m.group("plans"), doc_line), False, unit)
            continue
        # "For commercial and FEP members, refer to Medical Policy IV.57", "X Marketplace members are reviewed under
        # clinical policy AKM.CP.611", "X (HMO D-SNP) members are reviewed under CMS guidance and ..., not this policy",
        # "X (Medicare Advantage) members: CMS coverage guidance applies; see the ... Administrative Manual": plans
        # another document decides for
        m = (re.match(r"for\s+(?P<plans>[^,;:]*?\b(?:members|enrollees)(?:\s+of\s+[^,;:]+?)?),\s*" + _SENT_ELSEWHERE, clean, I)
             or re.match(r"(?P<plans>[^,;:]+?\b(?:members|enrollees))\s+are\s+(?:reviewed|decided|managed|covered)\s+"
                         r"(?:under|by|according\s+to)\s+(?!this\b)(?:[^;]*?\bnot\s+" + _THIS_DOCUMENT + r"|(?:[a-z]+\s+){0,4}"
                         r"(?:polic(?:y|ies)|guidelines?|manual)\b)", clean, I)
             or re.match(r"(?P<plans>[^:;]+?):[^;]*;\s*" + _SENT_ELSEWHERE, clean, I))
        if m and lines_named(m.group("plans"), doc_line) and not _HEDGE.search(clean):
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
        # Bulletin and are not included in this chart.", "X Dual Advantage (HMO D-SNP) members are not subject to this
        # policy; ..."
        m = re.search(r"\b(?:are|is)\s+not\s+(?:included\s+(?:in|on)|subject\s+to)\s+" + _THIS_DOCUMENT, clean, I)
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
        before = seg.units[unit.index - 1] if unit.index > 0 else None
        # "This policy explains how ... It applies to X Commercial ... products": "it" is the document just named
        it_document = bool(m) and re.fullmatch(r"it\s+", clean[:m.start()], I) is not None and before is not None \
            and before.block == unit.block and re.search(_THIS_DOCUMENT, before.norm, I) is not None
        # "- Applies to commercial and Individual and Family Business (IFB) members.": a bulletin item's closing line,
        # its subject the item
        item_line = bool(m) and unit.kind in ("item", "sentence") and \
            re.match(r"(?:[-*\u2022]\s*)?appl(?:ies|y)\s+to\b", clean, I) is not None and m.start() <= 2
        if m and (re.search(_THIS_DOCUMENT, clean[:m.start()], I) or it_document or item_line):
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
            if named:
                some_lines.append(unit)
            if cut:
                add(lines_named(tail[cut.end():]), False, unit)
    if all_lines is not None and not re.search(r"\bunless\b|\bexcept\b", all_lines.norm, I) and \
            any(u.section != all_lines.section for u in some_lines):
        # a bulletin whose items each close with the lines they apply to ("Applies to all lines of business" under
        # one item, "Applies to the Commercial and Medicaid lines of business" under another): the all-lines sentence
        # is its own item's, and says nothing of the lines of the other items
        result.notes.append(f"lines of business: \"{all_lines.norm[:80]}\" and \"{some_lines[0].norm[:80]}\" close "
                            "different sections; the all-lines sentence adds no line")
        all_lines = None
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
            if m and unit.kind in ("heading", "label", "sentence") and not _HEDGE.search(clean) and \
                    not _OTHER_DOCUMENT.search(clean[:m.start()]):
                add(lines_named(m.group(1)), True, unit)
                break
        else:
            for start, end, line in _lines_near_top(seg)[:6]:
                m = re.search(r"\b(Commercial|Medicare\s+Advantage|Medicaid(?:\s+Managed\s+Care)?)\s+(?:\|\s*)?"
                              r"(?:Medical|Clinical)\s+Polic(?:y|ies)\b", line, I)
                if m and not _OTHER_DOCUMENT.search(line[:m.start()]):
                    for l in lines_named(m.group(1)):
                        found.append(LineFinding(l, True, Citation(line, start, end)))
                    break
    if not found:
        result.notes.append("lines of business: no sentence or label says whom the policy applies to")
    result.lines = found
