"""The services a policy decides and its determination for each (investigational, not covered, not
reimbursable, covered with criteria or limits), read from determination sentences, lists under a deciding
lead and status tables. The shape of a billing code and the code role a denial gives live here too, since a
service may be named by its codes; the code finder builds on both.
"""
from __future__ import annotations

import re

from ..knowledge import Knowledge
from ..model import Citation, Finding, ImportResult, ServiceFinding
from ..segments import Segmented, Unit
from .sections import _clean, _decisional, _history

I = re.IGNORECASE

# "are no longer Medi-Aid benefits", "is no longer a covered benefit": the program's benefit withdrawn (services and codes)
NO_LONGER_A_BENEFIT = r"\b(?:is|are)\s+no\s+longer\s+(?:an?\s+)?(?:covered\s+)?(?:[\w-]+\s+){0,2}?benefits?\b"

_DETERMINATIONS = [
    # "investigational and is therefore not reasonable and necessary": the reason comes first
    ("investigational", re.compile(r"\b(?:investigational|investigative|experimental|unproven)\b", I)),
    ("not-medically-necessary", re.compile(r"\bnot\s+(?:considered\s+)?medically\s+(?:necessary|appropriate)\b|"
                                           r"\b(?:does|do)\s+not\s+consider\b.{0,160}?\bmedically\s+necessary\b|"
                                           r"\bnot\s+reasonable\s+and\s+necessary\b|"
                                           r"\b(?:does|do)\s+not\s+meet\s+(?:the\s+)?(?:definition\s+of\s+|criteria\s+for\s+)?"
                                           r"medical\s+necessity\b", I)),
    ("not-reimbursable", re.compile(r"\bnot\s+(?:be\s+)?reimburs(?:able|ed)\b|\bdoes\s+not\s+reimburse\b|"
                                    # a claim-edit policy's "Reimbursement is not allowed for X"
                                    r"\breimbursement\s+(?:is|will)\s+not\s+(?:be\s+)?allowed\b|"
                                    r"\bwill\s+not\s+reimburse\b|\bnot\s+eligible\s+for\s+reimbursement\b", I)),
    ("not-covered", re.compile(r"\b(?:is|are)\s+not\s+(?:a\s+)?covered\b|\bnon-?covered\b|\bnot\s+a\s+covered\s+"
                               r"(?:service|benefit)\b|\bdoes\s+not\s+cover\b|\bexcluded\s+from\s+coverage\b|"
                               # a Medicaid manual's "X is not a benefit"; a bulletin's "No coverage will be provided for X"
                               r"\b(?:is|are)\s+not\s+a\s+benefit\b|\bno\s+coverage\s+(?:will\s+be|is)\s+provided\b|"
                               # a Medicaid regulation's noncovered-services rule: "The agency does not pay for X"
                               r"\b(?:does|do|will)\s+not\s+pay\s+for\b|"
                               # a bulletin's "X and Y are no longer Medi-Aid benefits": a benefit withdrawn
                               + NO_LONGER_A_BENEFIT, I)),
    ("site-of-service", re.compile(r"\bsite\s+of\s+(?:service|care)\b", I)),
]
# "established" is the coverage word of payers that sort services into established and experimental ("MRS of
# the brain is established when the inclusionary guidelines below are met")
# ... and "medically appropriate", a Blue plan's word for it ("proton MRS of the brain is medically appropriate for
# commercial members when ALL of the following criteria are met")
_COVERED_CRITERIA = re.compile(r"\b(?:is|are|may\s+be|continues?\s+to\s+be)\s+(?:now\s+)?(?:considered\s+)?(?:proven\s+and\s+)?(?:medically\s+(?:necessary|appropriate)|"
                               # "may be considered medically necessary and covered for ...", "... medically necessary,
                               # when the criteria in the policy are met, to distinguish ..."
                               r"covered|established)(?:\s+and\s+covered)?,?\s+(?:only\s+)?"
                               # "... may be considered medically necessary to distinguish X from Y when ...", "is now
                               # covered for chronic low back pain with ...": covered for some uses, so with criteria
                               r"(?:(?:for|to)\b[^.]*?\bwhen\b|when\b|if\b|for\s+(?!all\b|any\b|every\b)\w|"
                               # "... is covered only with an approved prior authorization and only when ...": reviewed
                               # against criteria before it is paid
                               r"with\s+(?:an?\s+)?(?:approved\s+)?(?:prior\s+authori[sz]ation|pre-?authori[sz]ation|"
                               r"prior\s+approval|PAR)\b)|"
                               r"\bmeets?\s+(?:the\s+)?(?:definition\s+of\s+|criteria\s+for\s+)?medical\s+necessity\s+"
                               r"(?:criteria\s+)?(?:when|if)\b|"
                               r"^(?:covered|medically\s+necessary)\s+(?:only\s+)?(?:when|if)\b|"
                               # a Medicaid manual's "X is a benefit (of <program>) when ...", a bulletin's "Coverage will
                               # be provided for X when medically necessary"
                               r"\b(?:is|are)\s+(?:a|an\s+allowable)\s+benefit\s+(?:of\s+[^,.;]{2,60}?\s+)?(?:only\s+)?(?:when|if)\b|"
                               r"(?<!\bno\s)\bcoverage\s+(?:will\s+be|is)\s+provided\s+for\b[^.]*?\b(?:when|if)\b|"
                               # "Reimbursement is allowed for measurement of a single micronutrient ... when ..."
                               r"\breimbursement\s+(?:is|will\s+be)\s+allowed\s+for\b[^.]*?\b(?:when|if)\b|"
                               # "members may be eligible under the Plan for X when the following criteria are met"
                               r"\bmay\s+be\s+eligible\s+(?:under\s+the\s+plan\s+)?for\s+(?P<eligible>[^,;:]{3,80}?)\s+"
                               r"(?:when|if)\b|"
                               # "Medicaid and KidsCare shall cover proton MRS of the brain (CPT 76390) when ALL of the
                               # following criteria are met:": the program's own verb, the service its object
                               r"(?<!\bnot\s)\b(?:shall|will)\s+cover\s+(?P<covers>[^,;:()]{3,100}?)\s*(?:\([^)]*\)\s*)?"
                               r"(?:only\s+)?(?:when|if)\b|"
                               # "X Health Plan covers proton MRS of the brain (CPT 76390), with prior authorization, for
                               # Members younger than 19 years of age who meet all of the criteria in Procedure A": the
                               # plan's own verb, for the members who meet its criteria
                               r"(?<!\bnot\s)\bcovers\s+(?P<covers_who>[^,;:.]{3,140}?)\s*,?\s*(?:with\s+(?:an?\s+)?(?:approved\s+)?"
                               r"(?:prior\s+authori[sz]ation|pre-?certification|pre-?authori[sz]ation),?\s*)?(?:only\s+)?"
                               r"(?:for\s+(?:members|enrollees|beneficiaries|patients|children|adults)\b[^.]*?\b(?:who|that)\s+"
                               r"meets?\b|when\b|if\b)|"
                               # a bulletin's "New policy. Establishes medical necessity criteria for genetic testing in ..."
                               # a Medicaid manual's "X and Y require an approved PAR": reviewed against criteria
                               r"(?<!\bnot\s)\brequires?\s+(?:an?\s+)?approved\s+(?:PAR|prior\s+authori[sz]ation)\b|"
                               # a manual's "Proton MRS of the brain may be approved with pre-certification for a member
                               # ... when ...": approved case by case against the criteria it states
                               r"\bmay\s+be\s+approved\s+(?:with|through|after|upon)\s+(?:an?\s+)?(?:pre-?certification|"
                               r"prior\s+authori[sz]ation|pre-?authori[sz]ation|PAR)\b[^.]*?\b(?:when|if|for)\b|"
                               r"\bestablish(?:es|ed)?\s+(?:medical\s+necessity\s+|coverage\s+)?criteria\s+for\s+"
                               r"(?P<established>[^,;:.]{3,80}?)(?=\s+(?:in|for|when|among|with)\b|[,;:.]|$)", I)
_CONSIDERS_COVERED = re.compile(r"(?<!\bnot\s)(?<!\bnever\s)\bconsiders?\b.{0,160}?\bmedically\s+necessary\b(?:[^.]*?\b(?:when|if|for)\b)", I)
# "X testing is limited to two tests per 12 months": a frequency limit on a covered test (services and codes)
FREQUENCY_LIMIT = (r"\b(?:is|are)\s+limited\s+to\s+(?:one|two|three|four|five|six|\d+)\s+(?:tests?|services?|units?|"
                   r"times?|studies|assays?|procedures?)\s+(?:per|every|in)\b")
# "X will allow one 25-hydroxyvitamin D test (CPT 82306) per member per rolling 12 months": a frequency allowed
ALLOWS_PER_MEMBER = (r"\bwill\s+allow\s+(?:one|two|three|four|\d+)\s+[^.;]{3,100}?\bper\s+(?:member|beneficiary|patient|"
                     r"enrollee)\s+per\b")
_COVERED_LIMITS = re.compile(r"\b(?:is|are)\s+(?:covered|reimbursable|payable)\b[^.]*\b(?:once|up\s+to|no\s+more\s+than|"
                             r"limited\s+to|per\s+(?:member|year|calendar))\b|" + FREQUENCY_LIMIT + "|" + ALLOWS_PER_MEMBER, I)
# "is not considered investigational", "no longer experimental", "does not consider X unproven": the
# sentence denies the determination it names, so it decides nothing.
_NEGATED = re.compile(r"\bnot\s+(?:be\s+)?(?:considered\s+|deemed\s+)?(?:to\s+be\s+)?(?:investigational|investigative|experimental|"
                      r"unproven)\b|\bno\s+longer\s+(?:considered\s+|deemed\s+)?(?:investigational|experimental|"
                      r"unproven)\b|\b(?:does|do)\s+not\s+consider\b(?:(?!\b(?:because|since|as|medically|necessary)\b)[^.;])"
                      r"{0,160}?\b(?:investigational|experimental|unproven)\b|"
                      # "MRS is removed from the Experimental and Investigational Services list": taken off the list,
                      # the service is no longer under that status
                      r"\b(?:removed|deleted|taken)\s+(?:off\s+|from\s+)(?:the\s+)?(?:plan's\s+)?[^.;]{0,30}?"
                      r"\b(?:investigational|experimental|unproven)\b[^.;]{0,40}?\blist\b", I)
# "unless otherwise stated" and "except as otherwise noted" are boilerplate, not another branch
# ... "MRS requested for any other indication does not meet these criteria and is denied"
_OTHERWISE = re.compile(r"\ball\s+other\s+(?:indications|uses|conditions|purposes|applications)\b|"
                        r"\bany\s+other\s+(?:indications?|uses?|conditions?|purposes?)\b|"
                        r"\ball\s+(?:indications|uses|conditions|purposes|applications)\s+not\s+(?:listed|described|"
                        r"included|specified|addressed|meeting)\b|"
                        r"(?<!unless\s)(?<!as\s)\botherwise\b(?!\s+(?:stated|specified|noted|indicated|provided))|"
                        r"\bother\s+than\s+(?:those|the)\b", I)
_SERVICE_NOUN = re.compile(r"\b(?:test|testing|tests|analysis|analyses|assay|assays|panel|panels|spectroscopy|"
                           r"imaging|scan|scans|therapy|screening|measurement|microscopy|procedure|surgery|"
                           r"device|stimulation|injection|MRS|MRI|MRA|examination|"
                           r"evaluation|monitoring|study|studies)\b", I)
_GENERIC_SUBJECT = re.compile(r"^(?:the\s+following|following|this|these|those|it|they|such|all|any|other|each|"
                              r"services?|investigational|experimental|requests?|claims?|members?|providers?|"
                              r"codes?|the\s+(?:laboratory\s+)?(?:tests?|services?|procedures?)\b|the\s+testing|"
                              r"the\s+plan|cms|medicare|coverage|this\s+policy)\b", I)
_VERB = re.compile(r"\s(?:is|are)\s+(?:considered\s+|deemed\s+|therefore\s+)?(?:not\s+)?", I)

DETERMINATION_TO_ENUM = {"investigational": "investigational", "not-covered": "not-covered",
                         "not-reimbursable": "not-reimbursable"}
_DENIAL_ROLE = {"investigational": "not-covered", "not-medically-necessary": "not-covered",
                "not-covered": "not-covered", "not-reimbursable": "not-reimbursable"}

# CPT Category III (T) and Proprietary Laboratory Analyses (U) codes are numbered 0001-0999. Five digits
# inside a hyphenated document number ("see 02-82000-31") are not a code; a range ("82000-82999") is two.
_CODE = re.compile(r"(?<![\w./$#])(?<![A-Za-z]-)(?:(?P<cat3>0\d{3}[TU])|(?P<cpt>\d{5})|(?P<hcpcs>[A-CEGHJ-MP-V]\d{4}))"
                   r"(?![\w/%]|\.\d|-[A-Za-z]|-\d{1,4}(?![\w]))")


# "a treatment or procedure is considered investigative or unproven if reliable evidence shows ...": what the
# term means for any service, not a decision about one
_GENERIC_NOUN = r"(?:treatment|procedure|service|device|drug|technology|test|supply|intervention|product|item)s?"
_DEFINES = re.compile(rf"(?:^|,\s*)(?:a|an|any)\s+{_GENERIC_NOUN}(?:,?\s+(?:or|and)\s+(?:a\s+|an\s+)?{_GENERIC_NOUN})*\s+"
                      r"(?:is|are)\s+(?:considered\s+|deemed\s+)?(?:to\s+be\s+)?(?:investigational|investigative|"
                      r"experimental|unproven)\b[^.]*?\b(?:if|when)\b", I)


# "From September 1, 2025 until this change, MRS was investigational for all members": a position the document
# reports as past, not the one it sets
_WAS_DECIDED = re.compile(r"\b(?:was|were|had\s+been)\s+(?:\w+\s+){0,2}?(?:investigational|investigative|experimental|"
                          r"unproven|not\s+covered|non-?covered|not\s+medically\s+necessary|covered)\b", I)
_PRESENT = re.compile(r"\b(?:is|are|remains?|will|continues?)\b", I)
# "MRS of the brain (CPT 76390) is approved for a member 17 years of age or younger when all of the following are
# documented": a prior authorization list's word for covered with criteria
_APPROVED_WHEN = re.compile(r"\b(?:is|are)\s+(?:only\s+)?approved\s+(?:for\s+[^.;]{1,80}?\s+)?(?:only\s+)?(?:when|if)\b|"
                            # "IHP approves MRS of the brain (CPT 76390) for a Medicaid member when all of the following"
                            r"(?<!\bnot\s)\bapproves\s+[^.;]{1,120}?\s+(?:only\s+)?(?:when|if)\b|"
                            # a bulletin's bullet "Covered: proton MRS of the brain (76390) to evaluate a suspected
                            # inborn error of metabolism ... when conventional brain MRI is nondiagnostic"
                            r"^(?:[-*\u2022]\s*)?covered:\s+(?!n/?a\b|none\b)[^.;]*?\b(?:when|if|to\s+evaluate|to\s+distinguish|"
                            r"to\s+diagnose|in\s+(?:a\s+)?members?)\b", I)


def determination_of(text: str) -> str | None:
    clean = _clean(text)
    if _NEGATED.search(clean) and not re.search(r"\bis\s+investigational\b", clean, I):
        return None
    if _WAS_DECIDED.search(clean) and not _PRESENT.search(clean):
        return None
    if _COVERED_LIMITS.search(clean):
        return "covered-with-limits"
    cm = _COVERED_CRITERIA.search(clean) or _CONSIDERS_COVERED.search(clean) or _APPROVED_WHEN.search(clean)
    # "X is covered when the member has ...; routine screening of members without such a condition is not medically
    # necessary": a denial in a clause after the covered one is the otherwise branch of the same rule
    semi = clean.find(";", cm.end()) if cm else -1
    ruled = clean[:semi] if semi > 0 and not _COVERED_DENIAL.search(clean[:cm.start()]) else clean  # type: ignore[union-attr]
    if cm and not _COVERED_DENIAL.search(ruled):
        return "covered-with-criteria"
    found = [name for name, pattern in _DETERMINATIONS if pattern.search(clean)]
    if found[:1] == ["not-medically-necessary"] and "not-covered" in found and _NONCOVERED_BECAUSE.search(clean):
        # "does not cover X ..., because the testing is not reasonable and necessary": Medicare's standard given as the
        # reason for the plan's noncoverage (an investigational status, by contrast, stays the determination)
        return "not-covered"
    return found[0] if found else None


_COVERED_DENIAL = re.compile(r"\bnot\s+(?:considered\s+)?(?:medically\s+necessary|covered)|\bexperimental|\binvestigational|"
                             r"\binvestigative|\bunproven|\bnot\s+meet|\b(?:does|do)\s+not\s+consider\b", I)
_NONCOVERED_BECAUSE = re.compile(r"\b(?:does|do|will)\s+not\s+cover\b[^.]*?\b(?:because|since|as)\b[^.]*?\bnot\s+"
                                 r"(?:reasonable\s+and\s+necessary|medically\s+necessary)\b", I)


_PREAMBLE = re.compile(r"^(?:(?:[IVX]{1,4}|\d{1,2}|[A-Za-z])[.)]\s+)?it\s+is\s+(?:the\s+)?policy\s+of\s+[^.;:]{2,120}?\s+"
                       r"that\s+", I)
# ... or in the plural: "Intracellular micronutrient testing is not covered. Glasscourt considers these panels
# investigational for all indications."
_ANAPHORA = re.compile(r"^(?:it|this|(?:this|that|the|such)\s+(?:service|test|testing|procedure|assay|analysis|panel|"
                       r"technology|technique)|(?:these|those|such)\s+(?:services|tests|procedures|assays|analyses|panels|"
                       r"technologies|techniques))\b", I)


def _payer_stem(name: str) -> str:
    """The payer as a sentence names it: "Fernbrook Health Inc." speaks as "Fernbrook Health"."""
    stem = re.sub(r",?\s+(?:Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.|LLC|L\.L\.C\.)$", "", name.strip(), flags=I)
    return re.sub(r"\s*\((?:HMO|PPO|POS|EPO)[^)]*\)$", "", stem).lower()


_GENERIC_NAME_WORDS = {"the", "blue", "health", "healthcare", "care", "medical", "plan", "plans", "medicare", "medicaid",
                      "cross", "shield", "community", "first", "united", "national", "state"}
# What comes before the speaker of a sentence and is not the speaker: "A. ", "Effective for dates of service on or
# after January 1, 2026, ", "Based on the evidence, "
_LEAD_IN = re.compile(r"^(?:(?:[IVX]{1,4}|\d{1,2}|[A-Za-z])[.)]\s+|[-*\u2022]\s*)?(?:(?:effective|beginning|starting)\b[^,]*?"
                      r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}),\s*|(?:based\s+on|according\s+to|"
                      r"however|therefore|currently|at\s+this\s+time)\b[^,]*,\s*)?", I)


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def plan_voices(payer: str | None, text: str) -> list[str]:
    """The names the plan speaks as (letters only): its name without "Inc."; its first word where that word is
    its own ("Saltmere" of "Saltmere Health"); and an abbreviation the document defines for it ("Ashcombe Harbor
    Health Care (AHHC)"), whatever the spacing of its name ("HealthCare", "Health Care")."""
    # the health plan the document names and gives a short name ("Harbor Health Plan of Sedgecombe (Harbor)",
    # "Wyndcross HealthCare LLC (WHC)") speaks too, whatever payer was read; two such plans give none
    plans = {m.group("org") for m in _DEFINED_PLAN.finditer(text) if not _AGENCY.search(m.group("org"))}
    defined = _voices_of(plans.pop(), text) if len(plans) == 1 else []
    # a state's Medicaid program the document names with its short form ("Kinderhollow State (KHS) Medicaid ... KHS
    # Medicaid does not cover ...") speaks by either name; two such programs give none
    programs = {(m.group("place"), m.group("abbr"), m.group("program")) for m in _DEFINED_PROGRAM.finditer(text)}
    if len(programs) == 1:
        place, abbr, program = programs.pop()
        defined += [_letters(f"{place} {program}"), _letters(f"{abbr} {program}")]
    return [v for v in dict.fromkeys((_voices_of(payer, text) if payer else []) + defined) if v]


_DEFINED_PROGRAM = re.compile(r"\b(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s+\((?P<abbr>[A-Z]{2,6})\)\s+"
                              r"(?P<program>Medicaid)\b")


def _voices_of(payer: str, text: str) -> list[str]:
    stem = _payer_stem(payer)
    voices = [_letters(stem)]
    first = stem.split()[0] if stem.split() else ""
    if len(stem.split()) >= 2 and len(first) >= 4 and first not in _GENERIC_NAME_WORDS:
        voices.append(_letters(first))
    for m in re.finditer(r"\(([A-Z][A-Za-z&]{1,7})\)", text):
        # "Wyndcross HealthCare LLC (WHC)": the name may keep its "LLC" before the abbreviation
        if _letters(_payer_stem(text[max(0, m.start() - 120):m.start()])).endswith(voices[0]):
            voices.append(_letters(m.group(1)))
    voices += [_letters(short) for short in referred_as(stem, text)]
    return voices


# 'Cobb Health Plan, Inc. and Cobb Insurance Company, Inc. are referred to collectively in this manual as "CHP"': a
# manual's own short name for the plan, given in words rather than in brackets
_REFERRED_AS = re.compile(r"\b(?:is|are)\s+(?:(?:hereinafter|collectively|jointly)\s+)*referred\s+to\s+"
                          r"(?:(?:collectively|jointly)\s+)?(?:(?:in\s+this\s+[\w ]{1,20}?|herein|below)\s+)?as\s+"
                          r"(?:the\s+)?[\"\u201c](?P<short>[A-Z][A-Za-z&]{1,11})[\"\u201d]")


def referred_as(name: str, text: str) -> list[str]:
    """The short names a sentence that opens with the plan's name says it is "referred to as"."""
    out = []
    for m in _REFERRED_AS.finditer(text):
        opening = re.split(r"(?<!\bInc)(?<!\bCo)(?<!\bCorp)[.;:]\s|\n\s*\n", text[max(0, m.start() - 200):m.start()])[-1]
        at = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)", opening, I) if name.split() else None
        # the name, then only more names of the plan's companies ("..., Inc. and X Insurance Company, Inc.")
        if at and not re.search(r"\b(?!(?:and|of|the)\b)[a-z]", opening[at.end():]):
            out.append(m.group("short"))
    return out


# "Harbor Health Plan of Sedgecombe (Harbor)", "Wyndcross HealthCare LLC (WHC)": a health plan's name, then the short
# name the document will call it by
# (at most eight words before the kind of plan: an unbounded run would let every capitalised word of a long page try
# every later word, time growing with the square of the page)
_DEFINED_PLAN = re.compile(r"(?P<org>\b[A-Z][A-Za-z]+(?:\s+(?:[A-Z][A-Za-z]+|of|and|&)){0,8}?\s+(?:Health\s*Care|Health\s+Plans?|"
                           r"Health|Healthcare|Blue\s+Cross[A-Za-z ]*?|Insurance(?:\s+Company)?)(?:\s+(?:of|for)\s+[A-Z][A-Za-z]+)*"
                           r"(?:,?\s+(?:Inc\.?|LLC|L\.L\.C\.|Company))?)\s+\((?=[A-Z])[A-Za-z&]{2,12}\)")
_AGENCY = re.compile(r"\b(?:Department|Centers?|Administration|Agency|Institutes?|Association|Society|College|Academy|"
                     r"Office|Services|Organization)\b")


_OUTSIDE_BODY = re.compile(r"\b(?:CMS|Medicare|Medicaid|FDA|Hayes|ECRI|NCCN|AMA|USPSTF|AHRQ|NIH|CDC|MCG|InterQual|"
                           r"Milliman|BlueCross\s+BlueShield\s+Association|BCBSA|NICE|Cochrane|Noridian|Palmetto|Novitas)\b")


def _plan_speaks(speaker: str, voices: list[str], considers: bool = False) -> bool:
    """Whether the words before a verb ("considers", "does not cover") are the plan speaking of itself, not another
    body ("CMS considers MRS not reasonable and necessary" states the national rule)."""
    named = re.sub(r"\s*\([^)]*\)", "", _LEAD_IN.sub("", speaker.strip())).strip()
    speaker = named.casefold()
    if speaker in ("we", "the plan", "the health plan", "the company", "our plan"):
        return True
    if considers and not voices and ":" in named and \
            re.fullmatch(r"(?:Criteria|Position|Policy|Determination)", named.split(":", 1)[0].strip()) is not None:
        named = named.split(":", 1)[1].strip()
    if considers and not voices and re.fullmatch(r"[A-Z][\w&'\u2019-]*(?:\s+[A-Z][\w&'\u2019-]*){0,3}", named) and \
            not _AGENCY.search(named) and not _OUTSIDE_BODY.search(named):
        # the payer withheld (no second place named it), "Gullwing considers X investigational": a body of one to four
        # capitalised words, no agency, no national or evidence body, that "considers" a service something (the
        # plan's own verb; "has determined", "does not cover" stay the payer's alone)
        return True
    agency = re.fullmatch(r"the\s+(?:(?P<name>[\w-]+)\s+)?(?:agency|department|division)", speaker)
    if agency and (agency.group("name") is None or not voices or _letters(agency.group("name")) in voices):
        return True     # a Medicaid program's regulation: "The (WyckHealth) agency does not pay for X"
    own = _OWN_POLICY.match(speaker)
    if own and _letters(own.group("who")) in voices:
        return True     # "Chesapine Medical Policy 2.01.210, Vitamin D Testing, considers ...": the plan's own policy
    words = speaker.split()
    # ... by its whole name, then perhaps "Inc." or "Plan" ("Larkspire's medical policy MG-219" is another document);
    # only the first words whose letters are no longer than the longest name can be it, so a long sentence costs
    # no more than a short one
    longest, heads, head = max(map(len, voices), default=0), [], ""
    for word in words:
        head += _letters(word)
        if len(head) > longest:
            break
        heads.append(head)
    for i in range(len(heads), 0, -1):
        if heads[i - 1] in voices:
            rest = words[i:]
            return len(rest) <= 2 and not any(re.match(r"polic|guideline|criteria|\W", w) for w in rest)
    # ... or by the first words of it ("Osprey Lane" of "Osprey Lane Health")
    return len(words) >= 2 and bool(voices) and voices[0].startswith(_letters(speaker))


def _subject(clean: str, voices: list[str] | None = None, upto: int | None = None) -> str:
    """The service a determination sentence is about: what comes before its verb. With `upto`, the
    determination starts there ("X meets the definition of medical necessity when ..."), so X ends there."""
    lead = _LEAD_IN.match(clean)
    if lead and lead.end():
        # "Effective for dates of service on or after January 1, 2026, X ...": the opening phrase is not X
        clean, upto = clean[lead.end():], (upto - lead.end() if upto is not None else None)
    provided = _PROVIDED_FOR.match(clean)
    if provided:
        # "No coverage will be provided for X as this is considered investigational": X is the object
        return re.sub(r"\s*\([^)]*\)", "", provided.group("s")).strip()
    m = _VERB.search(clean if upto is None else clean[:upto].rstrip() + " is ")
    subject = clean[:m.start()] if m else ""
    if ":" in subject:
        subject = subject.rsplit(":", 1)[1]
    # ("3.2 MRA is covered ...": a manual's paragraph number, "3.2", is no part of the subject)
    subject = re.sub(r"^\d+(?:\.\d+)+\s+|^(?:\d+|[IVX]{1,4}|[A-Za-z])[.)]\s+|^\d+[.)]\s*|^[-*\u2022]\s*", "",
                     subject.strip())
    # "For Medicare HMO and PPO members the testing ...": the members are not the service
    subject = re.sub(r"^(?:for|in|among)\s+[^,]*?\b(?:members|patients|enrollees|individuals)\b,?\s*", "", subject,
                     flags=I)
    subject = re.sub(r"\s*\([^)]*\)", "", subject)
    # "Unless otherwise stated, X is ...", "Based on the evidence, X is ...": the opening phrase is not X
    subject = re.sub(r"^(?:unless|except|based\s+on|according\s+to|however|therefore|in\s+addition|additionally|"
                     r"at\s+this\s+time|currently|as\s+of)\b[^,]*,\s*", "", subject, flags=I)
    # "A serum, plasma or whole-blood test of ...": a comma inside a series of single words ending in "or"/"and"
    # modifies one noun; any other comma ends the subject
    subject = re.sub(r",(?!\d)(?!\s+[\w-]+\s+(?:or|and)\s+[\w-]+\s+(?:test|tests|testing|assay|assays|panel|panels)\b).*$",
                     "", subject)
    # "Live blood cell analysis used to judge nutritional status": the service, not what it is used for
    cut = re.sub(r"\s+(?:used|performed|ordered|done|billed|when|that|which|for\s+(?:the\s+)?(?:purpose|evaluation|"
                 r"diagnosis|screening|assessment|treatment|management|detection))\b.*$", "", subject, flags=I)
    # ... but "Tests that measure a single vitamin or mineral": a bare noun is named by what it measures
    measures = re.match(r"\S+\s+(?:that|which)\s+(?:measures?|detects?|quantif(?:y|ies)|reports?)\s+[^,;]+$", subject, I)
    named_by_measure = bool(_SERVICE_NOUN.fullmatch(cut.strip()) and measures)
    subject = (subject if named_by_measure else cut).strip()
    if not subject or _CLAUSE.search(subject) and not named_by_measure:
        # "Cigna does not cover X because it": a clause, not a noun phrase; the object is the service
        # only the plan speaking of itself: "CMS does not cover MRS" states the national rule
        bare = re.sub(r"\s*\([^)]*\)", "", clean)      # "X (for example A, B or C) medically necessary"
        m = _OBJECT.search(bare)
        # the plan by its full name or the short one it speaks as ("Osprey Lane" of "Osprey Lane Health")
        if m and _plan_speaks(bare[:m.start()], voices or [],
                              considers=re.match(r"considers?\b", bare[m.start():], I) is not None):
            # "measurement of X in serum, plasma or whole blood": the service, without the rest of its list
            subject = re.sub(r",(?!\d).*$", "", m.group("s") or m.group("s2") or m.group("s3")).strip()
        else:
            subject = ""
    return subject


# "(No) coverage will be provided for X as this is considered investigational", "Coverage is provided for X when
# medically necessary": the service follows "for"
_PROVIDED_FOR = re.compile(r"^(?:(?:no\s+)?coverage\s+(?:will\s+be|is)\s+provided|reimbursement\s+(?:is|will)\s+(?:not\s+)?(?:be\s+)?"
                           r"allowed)\s+for\s+(?P<s>.{3,120}?)(?=\s+(?:as|when|if|"
                           r"because|since|unless|only|in\s+(?:patients|members|individuals))\b|[,.;:]|$)", I)


# "Chesapine Medical Policy 2.01.210, Vitamin D Testing, considers X ...": the plan's own numbered policy, as a bulletin
# reports it; what this document decides itself comes first
_OWN_POLICY = re.compile(r"^(?P<who>.+?)(?:'s)?\s+(?:medical\s+|clinical\s+)?polic(?:y|ies)\s+(?=[\w.-]*\d)[A-Z0-9][\w.-]*"
                         r"(?:\s*,\s*[^,]{3,60},?)?\s*(?:considers?\b.*)?$", I)
# "Under CMS National Coverage Determination (NCD) 220.2.1, ...", "Per the LCD, ...", "Under Medicare rules, ...":
# what follows is another body's rule
_UNDER_OTHER_RULE = re.compile(r"^(?:(?:[IVX]{1,4}|\d{1,2}|[A-Za-z])[.)]\s+)?(?:under|per|according\s+to|in\s+accordance\s+with)\s+"
                               r"(?:the\s+)?(?:CMS\b|Centers\s+for\s+Medicare|Medicare\b|(?:NCD|LCD|LCA)\b|National\s+Coverage|"
                               r"Local\s+Coverage|federal\b|state\s+(?:law|rules?|regulations?)\b)[^,]*,", I)


# Words that make a would-be subject a clause rather than the name of a service.
_CLAUSE = re.compile(r"\b(?:does|do|did|will|would|shall|should|must|may|can|cannot|because|since|when|if|which|"
                     r"that|who|whether|considers?|covers?|reimburses?|believes?|determined|concluded|found)\b", I)
# The verb of a sentence in which someone states a determination: "<speaker> considers X ...", "<speaker> does not
# cover X".
# ... and "<speaker> has found X not reasonable and necessary", a finding stated by whoever made it
_SPEAKS = re.compile(r"\b(?:considers?|(?:does|do|will)\s+not\s+(?:cover|reimburse|pay\s+for)|(?:has|have)\s+(?:found|determined)|"
                     r"finds)\b", I)
# "<payer> considers X experimental", "<payer> does not cover X because ...".
# The object may hold a number with a comma ("1,25-dihydroxyvitamin D testing") and an example clause set off by
# commas ("vitamin D testing on a microsample, including the Sensieva Droplet assay, experimental").
_OBJECT = re.compile(r"\bconsiders?\s+(?P<s>(?:[^,;:]|(?<=\d),(?=\d)){3,80}?(?:,\s+[\w\s-]{1,40}?\s+or\s+[\w\s-]{1,40}?)?)"
                     r"(?:,\s+(?:including|such\s+as|e\.g\.|for\s+example)\b[^;:]{1,160}?,)?\s+(?:to\s+be\s+)?"
                     r"(?:experimental|investigational|unproven|not\s+medically\s+necessary|"
                     r"(?:not\s+)?(?:reasonable\s+and\s+)?(?:medically\s+)?necessary)\b|"
                     r"\b(?:does|will)\s+not\s+(?:cover|reimburse)\s+(?P<s2>[^,;:]{3,80}?)(?=\s+(?:because|when|for|as|since|"
                     r"due|unless)\b|[.,;]|$)|"
                     # "<payer> will allow one 25-hydroxyvitamin D test (CPT 82306) per member per rolling 12 months"
                     r"\bwill\s+allow\s+(?:one|two|three|four|\d+)\s+(?P<s3>[^,;:()]{3,80}?)\s*(?:\([^)]*\)\s*)?"
                     r"per\s+(?:member|beneficiary|patient|enrollee)\s+per\b", I)


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


def _distinct_words(text: str) -> set[str]:
    """The words that tell one service from another: content words other than the kind of service ("panel",
    "testing")."""
    return {w for w in _content_words(text) if not _SERVICE_NOUN.fullmatch(w) and not _SERVICE_NOUN.fullmatch(w[:-1])}


def _service_name(know: Knowledge, sid: str) -> str:
    return next((s.name for s in know.services if s.id == sid), "")


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
        if sent and _line_scoped(unit, _clean(unit.text)):
            # "MEDICARE ADVANTAGE" / "MRS is addressed by NCD 220.2.1, ...": the service is sent elsewhere for
            # that line's members only; the plan's own determination still stands for its other lines
            sent = None
        if sent:
            # what the sentence sends elsewhere is its subject: "When MRS is performed in a clinical study,
            # routine costs are addressed under NCD 310.1" sends the routine costs, not MRS
            # ... and a product named only as its example ("Nutrient panel testing (e.g., NutrEval FMV) is not
            # addressed in this policy") is not what is sent
            clause = re.split(r",\s|;|:", _EXAMPLE_PARENS.sub(" ", _clean(unit.text)[:sent.start()]))[-1]
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

    voices = plan_voices(result.payer.value if result.payer else None, seg.text)

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
            speaker = clean[:determination_at]
            by_payer = _plan_speaks(speaker, voices)
            verb = _SPEAKS.search(speaker)
            who = re.split(r"[.;:]\s+", speaker[:verb.start()])[-1] if verb else ""   # in the verb's own sentence
            if verb and who.strip() and not _plan_speaks(who, voices):
                return None     # "CMS considers MRS not reasonable and necessary": another body's rule
            named = [sid for sid in know.services_named(clean) if sid not in deferred and (
                     0 <= know.first_mention(clean, sid) < determination_at
                     or (by_payer and know.first_mention(clean, sid) >= 0))]
            if len(_content_words(subject)) >= 2 and _SERVICE_NOUN.search(subject):
                # "Combined blood and urine nutrient panels (e.g., NutrEval FMV) are ...": the subject names its
                # own test; a known service's product given only as its example does not make it that service
                examples = " ".join(m.group(0) for m in _EXAMPLE_PARENS.finditer(clean[:determination_at]))
                outside = _EXAMPLE_PARENS.sub(" ", clean[:determination_at])
                # ... unless the subject shares a word of the service's own name ("Cellular micronutrient
                # testing (e.g., SpectraCell)" is still the intracellular micronutrient panel)
                own = _distinct_words(subject)
                named = [sid for sid in named if not (sid in know.services_named(examples)
                                                      and sid not in know.services_named(outside)
                                                      and not own & _distinct_words(_service_name(know, sid)))]
        if named:
            return named[0], subject
        codes = [c for c in re.findall(r"\b(\d{5}|\d{4}T)\b", subject) if know.service_for_code(c)]
        if codes:
            return know.service_for_code(codes[0]), subject  # type: ignore[return-value]
        # "25-hydroxyvitamin D (CPT 82306) is payable once ...", "Basivertebral nerve ablation (CPT 64628, 64629) is
        # ...": the code printed with the subject says it is a service, whatever its noun
        coded = bool(subject) and re.search(re.escape(subject) + r"\s*\((?:CPT|HCPCS)?\s*(?:codes?\s+)?" + _CODE.pattern,
                                            clean, I) is not None
        if not subject or _GENERIC_SUBJECT.match(subject) or not (_SERVICE_NOUN.search(subject) or coded):
            return None
        if re.match(r"(?:a|an)\s", subject, I) and not coded and \
                re.search(r"\b(?:is|are)\s+(?:generally|usually|typically|ordinarily|often)\b", clean, I):
            # "A repeat study of the same anatomic area is generally not medically necessary unless ...": a rule of
            # thumb about any study of a kind, not a determination about a service
            return None
        if len(_content_words(subject)) < 2 and not re.search(r"[A-Z]{2,}", subject) and not coded:
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
        # a series of single words ("serum, plasma or whole-blood") counts as the one word it modifies with
        if len(re.sub(r"[\w-]+,\s+[\w-]+,?\s+(?:or|and)\s+(?=[\w-]+)", "", subject).split()) > 10:
            return None
        if _SERVICE_NOUN.fullmatch(slug(subject)) and not re.fullmatch(r"[A-Z]{2,6}", subject):
            # "Testing for employment, school or court purposes": a purpose of testing, not a service ("MRA", an
            # acronym, names one)
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
        if unit.kind == "row" and _decisional(unit):
            # "Intracellular Micronutrient Testing | Effective ..., Glenmorrow does not cover intracellular micronutrient
            # analysis ...": a table whose cell is a sentence deciding a service, read as that sentence
            said = [c for c in unit.cells[1:] if len(c.split()) >= 6 and c.rstrip().endswith(".")]
            if len(said) != 1:
                continue
            titled, clean = None, _clean(said[0])
        elif unit.kind not in ("sentence", "item") or not _decisional(unit):
            continue
        else:
            titled = _item_title(unit)
            # "I. It is the policy of X that <service> is medically necessary ...": the preamble is not the subject
            clean = _PREAMBLE.sub("", _clean(titled[1] if titled else unit.text))
        if re.match(r"^(?:NOTE:\s*)?if\b", clean, I) or _DEFINES.search(clean):
            continue       # a conditional rule, or the definition of a term, about services in general
        det = determination_of(clean)
        if det is None:
            continue
        if clean.endswith(":") and re.match(r"^(?:the\s+)?following\b", _subject(clean, voices) or clean, I):
            # "The following services are considered investigational:" and a list, one service an item
            _services_from_list(seg, know, unit, det, found, order)
            continue
        if (re.match(r"^(?:the\s+)?following\b", _subject(clean) or "", I) or _BELOW.fullmatch(_subject(clean) or "")) \
                and _service_table_follows(seg, unit):
            # "... the following laboratory services are not a benefit." over "Service | Examples | Codes": the
            # table's rows are the services the sentence decides
            _services_from_table(seg, know, unit, det, "the table below", found, order)
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
            subject = _subject(clean, voices, det_at if covered_at else None)
            if covered_at and cm is not None and re.match(ALLOWS_PER_MEMBER, clean[cm.start():], I):
                subject = _subject(clean, voices)     # "<payer> will allow one X per member ...": X is the object
            if covered_at and cm is not None and cm.re is _COVERED_CRITERIA and (cm.group("eligible") or
                                                                                 cm.group("established")):
                subject = cm.group("eligible") or cm.group("established")
            elif covered_at and cm is not None and cm.re is _COVERED_CRITERIA and (cm.group("covers") or
                                                                                   cm.group("covers_who")):
                # a program that "shall cover X when": X only when it names a known service (a phrase such as
                # "laboratory testing of vitamin levels" is the scope of a rule, not a service to propose)
                covers = cm.group("covers") or cm.group("covers_who")
                subject = covers if know.services_named(covers) else ""
        hit = service_of(clean, subject, det_at)
        if hit is None and _ANAPHORA.match(subject or _clean(unit.text)):
            # "Members may not be eligible for X. This service is considered experimental": the service
            # the sentence before it names, in the same paragraph, when it names exactly one
            before = seg.units[unit.index - 1] if unit.index > 0 else None
            named = know.services_named(_clean(before.text)) if before is not None and before.block == unit.block \
                and before.kind == "sentence" else []
            hit = (named[0], subject) if len(named) == 1 else None
            if hit is None and not named and before is not None and before.block == unit.block and before.kind == "sentence":
                # "Hair mineral analysis is not covered. CHP considers it experimental ...": a service not yet known
                # that the sentence before decided is the one "it" stands for
                decided = [sid for sid in order if found[sid]["main"] is not None
                           and found[sid]["main"].cite.start == before.start]
                hit = (decided[0], found[decided[0]]["name"]) if len(decided) == 1 else None
        unmet = _UNMET.search(clean[:det_at])
        screened = _SCREENED.search(clean[:det_at])
        # "Testing for employment, school, court, or other legal purposes is not a benefit": a purpose of the testing
        # its section covers, denied
        purpose = hit is None and bool(subject) and _SERVICE_NOUN.fullmatch(slug(subject)) is not None and \
            re.match(r"\S+\s+for\s", subject, I) is not None
        if (hit is None or hit[0].startswith("new:")) and det in _DENIAL_ROLE and (unmet or screened or purpose):
            # "Testing that does not meet section C ... is not medically necessary": the denial of whatever
            # fails the criteria the document set for a service, so that service's otherwise branch; only
            # when one service so far is covered with criteria (in this section, where one is), else which one
            # it answers is a guess. Screening of those with no sign of the condition answers only the service
            # of its own section.
            covered = [sid for sid in order if found[sid]["main"] is not None
                       and found[sid]["main"].value in ("covered-with-criteria", "covered-with-limits")]
            here = [sid for sid in covered if found[sid].get("section") == unit.section]
            covered = here if here or not unmet else covered
            if len(covered) == 1 and found[covered[0]]["otherwise"] is None:
                found[covered[0]]["otherwise"] = Finding(det, Citation.of(unit))
            continue
        if det in _DENIAL_ROLE and _SPARED.search(clean):
            # "X is not medically necessary when billed to screen; it is not affected when billed for Y": a denial
            # of one use beside the statement that the others stand decides nothing about X
            result.notes.append(f"service: \"{clean[:100]}\" denies one use and spares the others; no determination taken")
            continue
        hits = [hit] if hit is not None else []
        if not titled and det not in ("covered-with-criteria", "covered-with-limits"):
            # "Hair analysis and live blood cell analysis are considered investigational": one service a part,
            # when every part is a service of its own
            parts = _conjoined(clean, subject if not _VERB.search(clean[:det_at]) else "")
            more = [service_of(clean, part, det_at, fallback=False) for part in parts] if parts else []
            if more and all(more) and len({m[0] for m in more}) == len(more):  # type: ignore[index]
                hits = more  # type: ignore[assignment]
        if det in ("covered-with-criteria", "covered-with-limits") and unit.kind == "item" and len(hits) == 1 and \
                hits[0][0].startswith("new:") and _criterion_of(found, order, unit, hits[0][1]):
            # "Coverage will be provided for testing serum vitamin D levels when medically necessary." over "1. Testing
            # of 25-hydroxyvitamin D may be considered medically necessary for ...": the items are its criteria
            continue
        if det in ("covered-with-criteria", "covered-with-limits") and unit.kind == "sentence" and len(hits) == 1 and \
                hits[0][0].startswith("new:") and hits[0][0] not in found and \
                not re.match(r"(?:[IVX]{1,4}|\d{1,2}|[A-Za-z])[.)]\s", unit.norm) and \
                _criterion_of(found, order, unit, hits[0][1], same_head=True):
            # "Measurement of 25-hydroxyvitamin D ... is covered when ..." then "Measurement of 1,25-dihydroxyvitamin D
            # ... is covered only for ..." in one section: the second names a form of the same test, whose coverage
            # it narrows; a criterion of that test, not a test beside it (a statement numbered on its own, "II. ...",
            # stands as a policy statement of its own)
            continue
        hits = [(_listed_as(found, sid, name, unit), name) for sid, name in hits]
        for sid, name in hits:
            # a headline with no verb ("...: Magnetic resonance spectroscopy (MRS) considered investigational") has no
            # subject apart: the words before its determination are the service's own
            own = sid in know.services_named(name if name.strip() else clean[:det_at])
            if own:
                _free(found, order, sid)
            fresh = sid not in found
            _record(found, order, sid, name, det, unit, clean,
                    det in _DENIAL_ROLE and len(hits) == 1 and _narrow_use(know, sid, clean[:det_at]))
            later = clean.find(";", cm.end()) if cm is not None and det == "covered-with-criteria" else -1
            if later > 0 and found[sid]["main"] is not None and found[sid]["main"].cite.start == unit.start and \
                    found[sid]["otherwise"] is None and determination_of(clean[later + 1:]) in _DENIAL_ROLE:
                # "...is covered when ...; routine screening of members without such a condition is not medically
                # necessary": the clause after the covered one is its otherwise branch
                found[sid]["otherwise"] = Finding(determination_of(clean[later + 1:]), Citation.of(unit))  # type: ignore[arg-type]
            if fresh and not own and not sid.startswith("new:") and title and not know.services_named(title):
                # the document's subject in the title's words, taken as the known service the text names most; a
                # sentence or list naming that service in its own words later shows the subject is another service
                found[sid]["by_title"] = "new:" + slug(title)
    _services_from_status_table(seg, know, found, order)
    for sid in list(order):
        e = found[sid]
        if e["main"] is None and e["otherwise"] is not None and sid.startswith("new:"):
            # "Functional MRI for all other indications ... is investigational" after "Functional MRI of the brain may
            # be considered medically necessary for ...": the otherwise branch of the service decided in its section
            words = set(slug(e["name"]).split("-"))
            wider = [s for s in order if s != sid and found[s]["main"] is not None and found[s]["otherwise"] is None
                     and found[s]["main"].value in ("covered-with-criteria", "covered-with-limits")
                     and found[s].get("section") == e.get("section") and words <= set(slug(found[s]["name"]).split("-"))]
            if len(wider) == 1:
                found[wider[0]]["otherwise"] = e["otherwise"]
                order.remove(sid)
    for sid in order:
        e = found[sid]
        if e["main"] is not None and e["main"].value == "covered-with-criteria" and \
                _ORDERED_ONLY.search(_clean(e["main"].cite.text)) and any(
                    u.section == e.get("section") and u.kind in ("sentence", "row") and _PER_MEMBER.search(u.norm)
                    for u in seg.units):
            # "Drug testing is a benefit when ordered by the treating practitioner for the member's care" over a table
            # of "24 dates of service per member per year": being ordered is no criterion of its own, the limits are
            # what the section sets
            e["main"] = Finding("covered-with-limits", e["main"].cite, also=e["main"].also)
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
        if main is not None and e.get("narrow") and (otherwise is not None or e["others"]):
            # "MRS for discogenic pain remains investigational" beside "MRS remains investigational for all other
            # indications": the denial of one use is not the service's determination, and the branch that the
            # "otherwise" answers (or the other determination) was not read as the service's own
            result.notes.append(f"service {sid}: only a narrower use is decided ({main.cite.text[:120]}), beside "
                                f"another determination; no determination taken")
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


# "for Medicare Advantage members", "to Medicaid enrollees": the plans a sentence is said of
_FOR_PLANS = re.compile(r"\b(?:for|to|among)\s+(?P<who>(?:(?!\b(?:for|to)\b)[^,.;:]){0,60}?)\b(?:members|enrollees|"
                        r"beneficiaries|recipients|plans?|products?|lines?\s+of\s+business)\b", I)
_NON_LINE = re.compile(r"\bnon-?\s*(?:Medicare|Medicaid|commercial)\b", I)


def _line_scoped(unit: Unit, clean: str) -> bool:
    """A determination said of one line of business only: "MRS is not covered for Medicare Advantage members",
    or any sentence under a short heading naming a line ("Medicare Members", "Medicare Advantage"). "For
    non-Medicare members" is the plan's own rule, not a line's."""
    return bool(_line_scope(unit, clean))


def _line_scope(unit: Unit, clean: str) -> set[str]:
    """The lines of business a determination is said of (see `_line_scoped`)."""
    from .lines import lines_named      # lines reads the masthead, which reads this module's service nouns
    for m in _FOR_PLANS.finditer(_NON_LINE.sub(" ", clean)):
        if lines_named(m.group("who")):
            return set(lines_named(m.group("who")))
    section = _NON_LINE.sub(" ", unit.section or "")
    return set(lines_named(section)) if len(section.split()) <= 4 else set()


_UNDER_WHICH = re.compile(r"\b(?:National\s+Coverage\s+Determination|NCD)\b(?:[^.;]|\.(?=\d)){0,80}?,\s+under\s+which\b", I)


def _record(found: dict, order: list, sid: str, name: str, det: str, unit: Unit, clean: str,
            narrow: bool = False) -> None:
    """One determination of one service: its main branch, its "otherwise" branch, or a further one noted. A
    denial of a narrower use of the service (`narrow`) gives way to one about the service itself, and one said of
    a single line of business (`scoped`) to one said of the service for the plan's members at large: where the
    document decides per line, the line-free rule is the policy's own."""
    entry = found.get(sid)
    if entry is None:
        entry = found[sid] = {"name": name, "main": None, "otherwise": None, "others": [], "row": None}
        order.append(sid)
    finding = Finding(det, Citation.of(unit))
    entry.setdefault("section", unit.section)
    if _OTHERWISE.search(clean) and det not in ("covered-with-criteria", "covered-with-limits"):
        if entry["otherwise"] is None:
            entry["otherwise"] = finding
        return
    # "Under CMS National Coverage Determination (NCD) 220.2.1, MRS is nationally non-covered": the national rule the
    # plan's Medicare line follows; the plan's own rule, where it states one, is the policy's
    scope = _line_scope(unit, clean)
    # ... and "Original Medicare pays first for those members and follows National Coverage Determination 220.2.1,
    # under which MRS is not covered": the national rule, said in the middle of the sentence
    other_rule = bool(_UNDER_OTHER_RULE.match(clean)) or bool(_UNDER_WHICH.search(clean))
    scoped = bool(scope) or other_rule or bool(
        re.match(r"^[^.;]*?\bpolic(?:y|ies)\s+(?=[\w.-]*\d)[A-Z0-9][\w.-]*[^.;]*?\bconsiders?\b", clean, I))
    # "Under NCD 220.2.1, MRS is not covered ... for Medicare Advantage members" then "MRS is considered medically
    # necessary for commercial members when ...": a government program's rule, and the plan's own for its commercial
    # members; the plan's own is the policy's determination
    government = other_rule or bool(scope) and "commercial" not in scope
    own_line = scope == {"commercial"} and not other_rule
    headline = unit.kind == "sentence" and not unit.norm.rstrip().endswith((".", "!", ":", ";", ")"))
    if entry["main"] is None:
        entry["main"], entry["narrow"], entry["scoped"], entry["section"] = finding, narrow, scoped, unit.section
        entry["headline"], entry["government"] = headline, government
    elif entry["main"].value == "not-covered" and det == "investigational" and not narrow and not scoped:
        # "does not cover the following: ... - X" and "considers X investigational": investigational says why X is not
        # covered, and is the determination
        entry["main"] = finding
    elif entry.get("headline") and not headline and entry["main"].value == det and not scoped and \
            unit.norm.rstrip().endswith("."):
        # "Policy update effective July 1, 2026: MRS considered experimental/investigational" announces the item;
        # the sentence of the item that states the same determination is the one to cite (the headline said it of
        # the service as a whole, so a narrower wording below changes nothing but the citation)
        entry["main"], entry["headline"], entry["section"] = finding, False, unit.section
    elif (entry.get("narrow") and not narrow) or (entry.get("scoped") and not scoped and not narrow):
        if entry["main"].value != det:
            entry["others"].append(entry["main"])
        entry["main"], entry["narrow"], entry["scoped"], entry["government"] = finding, False, False, False
    elif entry.get("government") and own_line and not narrow and not entry.get("narrow"):
        if entry["main"].value != det:
            entry["others"].append(entry["main"])
        entry["main"], entry["government"] = finding, False
    elif entry["main"].value != det:
        entry["others"].append(finding)


# "MRS for discogenic pain", "MRS of the intervertebral disc": the service in one use, not the service
_NARROWED = re.compile(r"^\s*(?:of|for|in|on)\s+(?!(?:all|any|every|each)\b)\w", I)


def _narrow_use(know: Knowledge, sid: str, before: str) -> bool:
    """The subject before the determination names a known service and then narrows it to one use."""
    before = re.sub(r"\s*\([^)]*\)", "", before)
    patterns = [s.pattern for s in know.services if s.id == sid and s.pattern is not None] + \
        [p.pattern for p in know.products if p.service == sid]
    ends = [m.end() for pat in patterns for m in [pat.search(before)] if m]
    return bool(ends) and bool(_NARROWED.match(before[min(ends):]))


# "Testing that does not meet section C", "Requests not meeting these criteria", "... in a member without a
# condition listed in I.A": whatever fails criteria the document states elsewhere
# "Testing to screen ... in clients who have no signs, symptoms, or risk factors", "members who have none of the listed
# conditions": those the criteria leave out
_SCREENED = re.compile(r"\bscreen(?:ing)?\b[^.;]{0,120}?\b(?:(?:who|that)\s+(?:have|has|show)\s+(?:no|none)\b|"
                       # "to screen members without signs, symptoms or risk factors"
                       r"without\s+(?:any\s+)?(?:signs?|symptoms?|risk\s+factors?|a\s+(?:sign|symptom)))", I)
_UNMET = re.compile(r"\b(?:that|which|who)\s+(?:does|do)\s+not\s+meet\b|\bnot\s+meeting\b|\bfail(?:s|ing)?\s+to\s+meet\b|"
                    r"\bwithout\s+(?:a|an|any|the)?\s*[^.;]{0,60}?\b(?:listed|described|specified|stated)\s+(?:in|above|"
                    r"below)\b", I)
# "...; it is not affected when billed for hypercalcemia", "...; it remains covered for ...": the same sentence spares
# the service's other uses
_SPARED = re.compile(r"[;,]\s*(?:but\s+)?(?:it|they|the\s+(?:test|testing|service|code))\s+(?:is|are|remains?)\s+(?:not\s+affected|"
                     r"(?:still\s+|otherwise\s+)?(?:covered|payable|reimbursable|reimbursed))\b", I)
_EXAMPLE_PARENS = re.compile(r"\(\s*(?:e\.g\.|for\s+example|such\s+as|including)[^)]*\)", I)
_EXAMPLES = re.compile(r",?\s+(?:including|includes|such\s+as|e\.g\.|for\s+example|especially|particularly|"
                       r"notably)\b", I)


def _conjoined(clean: str, subject: str = "") -> list[str]:
    """The parts of a subject that joins several services ("X, Y and Z are ..."), each short; or of the object the
    plan speaks of ("<plan> does not reimburse X or Y for any diagnosis")."""
    m = _VERB.search(clean)
    if not m:
        return _parts(subject) if subject else []
    return _parts(clean[:m.start()]) or (_parts(subject) if subject else [])


def _parts(raw: str) -> list[str]:
    raw = re.sub(r"\s*\([^)]*\)", "", raw)
    raw = raw.rsplit(":", 1)[-1].strip()
    raw = re.sub(r"^(?:\d+|[IVX]{1,4}|[A-Za-z])[.)]\s+|^[-*\u2022]\s*", "", raw)
    # "Micronutrient panels, including intracellular micronutrient panels, are ...": what follows "including"
    # or "such as" is an example of the one service, not a second one beside it
    raw = _EXAMPLES.split(raw, 1)[0]
    parts = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", raw) if p.strip()]
    # "Testing that does not meet section C, ...": a part that is a clause names no service of its own
    if len(parts) < 2 or any(len(p.split()) > 8 or not _SERVICE_NOUN.search(p) or _CLAUSE.search(p) for p in parts):
        return []
    return parts


def _criterion_of(found: dict, order: list, item: Unit, subject: str, same_head: bool = False) -> str | None:
    """The service covered with criteria by a sentence of the item's own section whose name shares a word with the
    item's subject ("vitamin" of "25-hydroxyvitamin D"): the item is one of its criteria, not a service beside it.
    With `same_head`, the two names must also start with the same word ("Measurement of ...")."""
    words = {w for w in _distinct_words(subject) if len(w) >= 5}
    head = subject.split()[0].casefold() if subject.split() else ""
    for sid in order:
        e = found[sid]
        if e["main"] is None or e["main"].value not in ("covered-with-criteria", "covered-with-limits") or \
                e.get("section") != item.section or e["main"].cite.start >= item.start:
            continue
        if same_head and (not sid.startswith("new:") or not e["name"].split() or
                          e["name"].split()[0].casefold() != head):
            continue
        theirs = {w for w in _distinct_words(e["name"]) if len(w) >= 5}
        if any(a in b or b in a for a in words for b in theirs):
            return sid
    return None


def _free(found: dict, order: list, sid: str) -> bool:
    """Give a known service back when the document's subject was taken for it only through the title's words
    ("Vitamin and Micronutrient Testing" for the intracellular micronutrient panel the text names most) and a
    sentence or list now names it in its own words: the subject is a broader service of its own."""
    entry = found.get(sid)
    if entry is None or not entry.get("by_title") or entry["by_title"] in found:
        return False
    new = entry.pop("by_title")
    found[new] = found.pop(sid)
    order[order.index(sid)] = new
    return True


def _services_from_list(seg, know, lead: Unit, det, found, order) -> None:
    items = [u for u in seg.units[lead.index + 1:] if u.kind == "item" and u.lead == lead.index]
    if not items:
        return
    top = min(u.depth for u in items)
    for item in items:
        if item.depth != top or determination_of(item.text):
            continue       # an example under an item, or an item that decides for itself
        name = _clean(item.value).rstrip(";.,")
        if _SCREENED.search(name) or _UNMET.search(name):
            # "- screening for vitamin D deficiency ... in members who have none of the conditions listed above": what
            # the criteria of a covered test leave out, so that test's otherwise branch (the one covered test whose
            # name shares a word with the item), never a service of its own
            words = {w for w in _distinct_words(name) if len(w) >= 5}
            covered = [sid for sid in order if found[sid]["main"] is not None
                       and found[sid]["main"].value in ("covered-with-criteria", "covered-with-limits")
                       and any(a in b or b in a for a in words
                               for b in {w for w in _distinct_words(found[sid]["name"]) if len(w) >= 5})]
            if len(covered) == 1 and found[covered[0]]["otherwise"] is None:
                found[covered[0]]["otherwise"] = Finding(det, Citation.of(item))
            continue
        named = know.services_named(name)
        outside = _EXAMPLE_PARENS.sub(" ", name)
        example = _EXAMPLES.search(outside)
        outside = outside[:example.start()] if example else outside   # "..., such as NutrEval FMV ...": examples too
        if named and not know.services_named(outside) and _SERVICE_NOUN.search(outside):
            # "Nutrient panels that measure ... (e.g., NutrEval FMV)": a known product given only as the example of
            # the item's own test does not make the item that product's service
            named = []
        sid = named[0] if named else "new:" + slug(re.sub(r"\s*\([^)]*\)", "", name))
        if sid in found and not (named and _free(found, order, sid)):
            continue
        found[sid] = {"name": name, "main": Finding(det, Citation.of(lead), also=(Citation.of(item),)),
                      "otherwise": None, "others": [], "row": Citation.of(item), "section": lead.section}
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


# a benefit whose one condition is that a practitioner orders it ("... when ordered by the treating practitioner for the
# member's clinical care")
_ORDERED_ONLY = re.compile(r"\b(?:is|are)\s+(?:a\s+)?(?:covered\s+)?(?:benefit|covered)\s+when\s+(?:it\s+is\s+|they\s+are\s+)?"
                           r"ordered\s+by\s+(?:the|a|an)\s+(?:treating\s+|ordering\s+|attending\s+)?(?:practitioner|physician|"
                           r"provider|clinician)(?:\s+for\s+the\s+(?:member|patient)'?s\s+(?:clinical\s+)?care)?\.?$", I)
# a frequency limit: "24 dates of service per member per state fiscal year", "one ... per member per date of service"
_PER_MEMBER = re.compile(r"\bper\s+(?:member|beneficiary|recipient|enrollee|patient)\s+per\b|" + FREQUENCY_LIMIT, I)


def _listed_as(found: dict, sid: str, name: str, unit: Unit) -> str:
    """The service a list item of the sentence's own section decided, when the sentence names a service not yet found
    by the noun that heads that item and no other ("multi-nutrient panels" for the item "panels that measure many
    vitamins, minerals ... at the same time"): the sentence restates the list, so it decides the item's service."""
    words = name.split()
    if not sid.startswith("new:") or sid in found or not words:
        return sid
    head = words[-1].casefold()
    listed = [other for other, e in found.items() if other.startswith("new:") and e.get("row") is not None
              and e.get("section") == unit.section and e["name"].split()
              and e["name"].split()[0].casefold() == head]
    return listed[0] if len(listed) == 1 else sid


# "the laboratory tests below", "the services listed below": the rows of the table under the sentence
# ... "Pecanridge considers the tests in the table experimental or investigational" over the table
_BELOW = re.compile(r"(?:the\s+)?(?:[\w-]+\s+){0,3}(?:tests|services|procedures)\s+(?:listed\s+|shown\s+)?(?:below|"
                    r"in\s+the\s+(?:following\s+)?table(?:\s+below)?)", I)


def _service_table_follows(seg, lead: Unit) -> bool:
    """A table whose first column names the services ("Service | Examples | ...") follows the sentence, with nothing
    between them but the rest of its paragraph."""
    for unit in seg.units[lead.index + 1:]:
        if unit.kind == "sentence" and unit.block == lead.block:
            continue
        cells = unit.cells if unit.kind == "row" else ()
        return bool(cells) and _SERVICE_COLUMN.match(cells[0].strip()) is not None
    return False


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
        # (each status cell read alone: "Any laboratory" then "Covered when a deficiency is clinically suspected")
        cell_det = next((d for c in row.cells[1:] if (d := determination_of(c)) is not None), None) \
            if len(row.cells) > 1 else None
        if cell_det and cell_det != det and cell_det not in ("investigational", "not-covered"):
            d = cell_det
        else:
            d = det
        found[sid] = {"name": first, "main": Finding(d, Citation.of(lead), also=(Citation.of(row),)),
                      "otherwise": None, "others": [], "row": Citation.of(row)}
        order.append(sid)
