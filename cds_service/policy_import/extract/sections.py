"""What a section of a policy is for: one that decides coverage, one that records the policy's history,
one that lists its references or argues its evidence. Every finder asks this before it trusts a sentence,
and reads a unit's text in the clean form made here.
"""
from __future__ import annotations

import re

from ..segments import Unit

I = re.IGNORECASE

# Sections that describe, argue or record history; nothing in them decides coverage.
_NOT_DECISIONAL = re.compile(
    r"description|background|summary|rationale|evidence|histor|revision|log\b|references|sources|scientific|"
    r"validity|utility|guidelines|fda|food and drug|terminology|related|appendix|disclaimer|definition|"
    r"important reminder|cross reference|documentation|coding|codes|proprietary|table of contents|"
    r"member protections|appeals|prior authorization", I)
# ... or the column header of a revision log that a PDF set out as a line ("Section Date of Change Description of Change")
# ("Commission actions for D31": the meetings of the body that made and revised the guideline)
_HISTORY = re.compile(r"histor|revision|\blog\b|changes|change\s+summary|summary\s+of\s+changes|"
                      r"\b(?:commission|committee|board|council)\s+actions\b|"
                      r"\bdate\s+of\s+change\b.*\bdescription\s+of\s+change\b", I)
_REFERENCES = re.compile(r"\breferences\b|\bsources\b|bibliograph|citations", I)
_EVIDENCE_SECTION = re.compile(r"rationale|evidence|guideline|conclusion", I)


# ... and a reimbursement policy's "Reimbursement Guidelines"
# a headline: a subject, then what happened to it ("... guideline updated after annual evidence review")
_HEADLINE = re.compile(r"^(?:[\w&/'-]+\s+){1,6}(?:updated|revised|changed|retired|added|removed|expanded|clarified|"
                       r"approved|adopted|replaced|moves?|moving|begins?|ends?)\s+(?:after|to|for|on|in|with|by|from)\s+"
                       r"(?:[\w&/'-]+\s*){1,8}$", I)
_DECISIONAL = re.compile(r"coverage|polic(?:y|ies)|position|statement|criteria|indications|determination|"
                         r"reimbursement\s+guidelines?", I)


def _decisional(unit: Unit) -> bool:
    section = unit.section or ""
    if _history(unit):
        return False
    if _update_table(section):
        return True       # a bulletin's table of policies and what each decides (a "Description" column among them)
    if _DECISIONAL.search(section) and not re.search(r"histor|related|cross|reference|description|background",
                                                     section, I):
        return True       # "Coverage Rationale" is where a policy decides
    # a newsletter's headline over its item ("Advanced Imaging clinical guideline updated after annual evidence
    # review") tells the news, it names no part of a policy: its words do not make the item background
    return not _NOT_DECISIONAL.search(section) or _HEADLINE.search(section) is not None


def _history(unit: Unit) -> bool:
    section = unit.section or ""
    # "Policy Title | Policy Type | Status | Effective Date | Determination | Summary of Changes": a bulletin's table of
    # policies and what each decides, though one column sums up the changes, is not a policy's history
    return not _update_table(section) and bool(_HISTORY.search(section))


def _update_table(section: str) -> bool:
    """The section is a table's header row whose columns list policies and what each decides."""
    return " | " in section and _UPDATE_COLUMNS.search(section) is not None


_UPDATE_COLUMNS = re.compile(r"(?:^|\|\s)(?:determination|coverage\s+(?:position|determination|status))\s(?:\||$)|"
                             r"(?:^|\|\s)policy\s+(?:title|name)\s\||"
                             # "Policy/ Guideline | Description | Applicable Line of Business | Revision Summary"
                             r"(?:^|\|\s)policy\s*/\s*guideline\s\||\|\s(?:applicable\s+)?lines?\s+of\s+business\s\|", I)


# A page that prints its determination in bold loses the space after it when flattened: "may be considered
# medically necessaryand coveredfor the ...", "is considered investigationaland not covered"
_GLUED = re.compile(r"\b(necessary|covered|investigational|investigative|experimental|unproven|reimbursable)"
                    r"(and|or|for|when|if|unless|as|only)\b")


def said_before(first: re.Pattern[str], then: re.Pattern[str], text: str) -> bool:
    """`first`, then later in the same sentence (no full stop between) `then`, as the pattern `first[^.]*then` would
    find it. Looked for per sentence, `first` before the last `then`: in one pattern every `first` of a sentence
    scans the rest of it, and a sentence holding it many times costs the square of its length. `then` is a phrase
    whose matches cannot overlap ("is required", "the following list")."""
    for piece in text.split("."):
        last = None
        for last in then.finditer(piece):
            pass
        if last is not None and first.search(piece, 0, last.start()):
            return True
    return False


def _clean(text: str) -> str:
    """Markdown links and emphasis out, whitespace collapsed: `[INVESTIGATIONAL](#)` reads as a word, and so does
    a bold determination run into the next word."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("\\(", "(").replace("\\)", ")")
    return " ".join(_GLUED.sub(r"\1 \2", text).split())
