"""What a policy says around its decision: the laboratory products it names, its statements (coverage,
the patient's liability, recourse, the evidence), the National Coverage Determination it follows, and
whether prior authorization is required.
"""
from __future__ import annotations

import re

from ..knowledge import Knowledge
from ..model import Citation, Finding, ImportResult
from ..segments import Segmented
from .sections import _EVIDENCE_SECTION, _REFERENCES, _clean, _decisional, _history, said_before
from .lines import _HEDGE

I = re.IGNORECASE


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


# a sentence whose subject is Medicare itself, saying what it covers: "Medicare does not cover MRS ...", "Medicare
# covers ... only under NCD ..."
_MEDICARES_OWN = re.compile(r"^(?:original\s+|traditional\s+)?Medicare\s+(?:(?:does|do|will)\s+not\s+cover|covers|"
                            r"(?:does\s+not|will\s+not)\s+pay\s+for|non-?covers)\b", re.I)


def find_authority(seg: Segmented, result: ImportResult) -> None:
    """The NCD the plan follows: named in a sentence of the policy itself (never a reference list, the
    history or a background note) that follows, applies or states it; else the first one named there."""
    candidates = []
    medicare_line = any(f.covered and f.line in ("medicare", "medicare-advantage") for f in result.lines)
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
                     # "Providers may also wish to review Medicare NCD 220.2.1 ...": a reading suggested, no rule adopted
                     r"\bmay\s+(?:also\s+)?(?:wish|want|choose)\s+to\s+(?:review|consult|read|see)\b|"
                     # "... members: see the Medicare Advantage guideline MA-14, which follows NCD 220.2.1": the
                     # NCD is the other guideline's rule, not this policy's
                     r"\b(?:see|refer\s+to|addressed\s+(?:in|by)|reviewed\s+under|governed\s+by)\b[^.;]*\bwhich\s+"
                     r"(?:follows|applies|adopts)\b|"
                     # "... reviewed under policy\nMA-R.6.11.40, which follows CMS NCD 220.2.1": a sentence cut at
                     # the line that begins with the other policy's number still names that policy's rule
                     r"^[A-Z]{1,5}-?[A-Z0-9]*(?:[.-][A-Z0-9]+)+,\s+which\s+(?:follows|applies|adopts)\b",
                     clean, I):
            continue
        if _MEDICARES_OWN.search(clean) and not medicare_line:
            # "Medicare does not cover MRS for any indication (CMS NCD 220.2.1)" in a policy that covers no Medicare
            # line: what Medicare decides as the primary payer, not the rule this policy applies
            continue
        candidates.append((not _FOLLOWS.search(clean), m, unit))
    if candidates:
        _, m, unit = min(candidates, key=lambda c: (c[0], c[2].start))
        result.authority = Finding(f"NCD {m.group(1)}", Citation.of(unit))


_PRIOR_AUTH = r"\b(?:prior\s+authorization|precertification|pre-?authorization)\b"
_PRIOR_AUTH_NAMED = re.compile(_PRIOR_AUTH, re.IGNORECASE)
# what a sentence naming prior authorization then says of it ("Prior authorization ... is not required")
_NOT_REQUIRED = re.compile(r"\bis\s+not\s+(?:required|applicable|needed)\b", re.IGNORECASE)
_REQUIRED = re.compile(r"\bis\s+required\b", re.IGNORECASE)
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
        if said_before(_PRIOR_AUTH_NAMED, _NOT_REQUIRED, clean):
            result.prior_authorization = Finding("not required", Citation.of(unit))
            return
        if said_before(_PRIOR_AUTH_NAMED, _REQUIRED, clean):
            result.prior_authorization = Finding("required", Citation.of(unit))
            return
