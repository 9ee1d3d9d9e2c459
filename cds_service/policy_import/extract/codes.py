"""The billing codes a policy lists (CPT, Category III, PLA, HCPCS) and the role each plays: denied,
covered with criteria or limits, not separately reimbursable, or listed for reference only; read from code
tables and lists with the lead, note or determination that governs them.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ..knowledge import Knowledge
from ..model import Citation, CodeFinding, ImportResult
from ..segments import _CODE_START, Segmented, Unit, _sentence_spans
from .sections import _REFERENCES, _clean, _decisional, _history, said_before
from .services import ALLOWS_PER_MEMBER, NO_LONGER_A_BENEFIT, _CODE, _DENIAL_ROLE, _OTHERWISE, FREQUENCY_LIMIT, determination_of

I = re.IGNORECASE

_ICD = re.compile(r"(?<![\w./-])([A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?)(?![\w-])")
_CODE_CONTEXT = re.compile(r"\bCPT\b|\bHCPCS\b|\bcodes?\b|\bbilled\b|\bbilling\b|\bclaims?\b", I)
# a document's number: "see AHS - G2110 Vitamin D Testing"
_NUMBER_PREFIX = re.compile(r"(?<![A-Za-z])(?!CPT|HCPCS)[A-Z]{2,5}\s?[-\u2013]\s*$")
# another policy's identifier named after its title or a pointer: "Vitamin D Testing - CAM 30406", "see policy MP 20419"
_POLICY_ID_BEFORE = re.compile(r"(?:\s[-\u2013]|\b(?:policy|see|refer\s+to))\s+(?-i:(?!CPT\b|HCPCS\b|PLA\b)[A-Z]{2,5})\s$", re.I)
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
        r"\b(?:not\s+covered|denied|not\s+medically\s+necessary|investigational|experimental|unproven)\b[^|]*?"
        r"\b(?:only\s+)?(?:when|if)\b[^|]*?"
        r"\b(?:(?:billed|submitted)\s+(?:for|as|to\s+report)|used\s+to\s+report|reported\s+(?:for|as))\s+"
        r"(?![^|.;]*\b(?:members?|patients?|enrollees?|plans?)\b)|"
        r"\bnot\s+covered\s+(?:if|when)\s+(?:related|relating)\s+to\b|"
        # "Denied when part of a Guideline A test", "may deny them as part of a non-covered panel": the code is denied
        # as a component of the test in question, billed alone it is another test
        r"\b(?:not\s+covered|non-?covered|denied|deny|not\s+medically\s+necessary|investigational|experimental|unproven)\b"
        r"[^|.;]*?\b(?:(?:when|if)\s+(?:(?:billed|performed|reported|ordered|done)\s+)?(?:as\s+)?|as\s+)(?:a\s+)?part\s+of\b|"
        r"\bdenied\s+only\s+when\b|\bonly\s+when\b[^|]*\bbilled\s+for\b|"
        # "... are denied under this policy only when the records show the service was an intracellular panel"
        r"\b(?:are|is|be)\s+denied\b[^|.;]{0,40}?\bonly\s+(?:when|if)\b|"
        # "Claims for 84999 will be denied when the test billed is a service listed in Non-Covered Services"
        r"\b(?:not\s+covered|denied)\s+when\s+the\s+(?:test|service|procedure)\s+(?:billed|reported|submitted)\s+is\b|"
        # "Laboratories may not bill these panels by reporting the component codes ... or unlisted code 84999": the codes
        # are refused as the way to bill those tests, not for what else they report
        r"\bmay\s+not\s+(?:bill|report|submit)\b[^|]{0,200}?\bby\s+reporting\b|"
        # "Denied when billed with a screening diagnosis only", "not medically necessary when billed to screen for
        # X": the diagnosis or purpose billed is the condition
        r"\b(?:not\s+covered|denied|not\s+medically\s+necessary|investigational|experimental|unproven)\b[^|]*?"
        r"\b(?:when|if)\s+(?:billed|reported|submitted)\s+(?:with\s+(?:an?\s+|the\s+)?[^|.;]{0,40}?\bdiagnos[ie]s\b|"
        r"to\s+(?:screen|monitor|test|evaluate|assess|diagnose)\b)|"
        # a status cell "Not medically necessary to assess vitamin D status": the denial is for that purpose only
        r"\b(?:not\s+covered|denied|not\s+medically\s+necessary|investigational|experimental|unproven)\s+"
        r"(?:when\s+(?:used|ordered|performed)\s+)?to\s+(?:screen|monitor|assess|evaluate|diagnose|determine)\b|"
        # "Benefit exclusion when billed for micronutrient testing": a benefit excluded for that test only
        r"\bbenefit\s+exclusion\s+(?:only\s+)?(?:when|if)\s+(?:billed|used\s+to\s+report|reported|submitted)\s+(?:for|as)\b|"
        # "Claims for CPT 82652 submitted with a diagnosis of vitamin D deficiency alone will be denied"
        r"\b(?:billed|submitted|reported)\s+with\s+(?:an?\s+|the\s+)?[^|.;]{0,40}?\bdiagnos[ie]s\b[^|.;]*?"
        r"\b(?:(?:is|are|will\s+be)\s+(?:not\s+covered|denied|not\s+medically\s+necessary)|deny|denies)\b|"
        # "payable when they report single-analyte tests, but not when they're billed to report a panel"
        r"\bbut\s+not\s+when\s+(?:they(?:'re|\u2019re|\s+are)\s+|it(?:'s|\u2019s|\s+is)\s+)?(?:billed|used|reported)\s+"
        r"(?:to\s+report|for|as)\b|\balso\s+(?:used|describes?)\s+(?:for\s+)?"
        r"ordinary\b|\bordinary\s+tests?\b[^|]*\bnot\s+affect|"
        r"\bwhen\s+(?:(?:billed|used\s+to\s+report|reported)\s+(?:for|as)|billed\s+to\s+report)\s+(?![^|.;]*\b(?:members?|patients?|enrollees?|plans?)\b)"
        r"[^|]*?\b(?:not\s+covered|denied|investigational|experimental|unproven)\b", I)),
    # ("not covered, for all other indications, including but not limited to:" states no limit: "not limited to" is
    # "including", and what is not covered has no limit)
    ("covered-with-limits", re.compile(r"(?<!\bnot\s)(?<!\bnon-)\b(?:covered|reimbursable|reimbursed|allowed|payable)\b[^|.]*\b(?:once|up\s+to|"
                                       r"(?:subject\s+to|with)\s+(?:the\s+)?(?:following\s+)?(?:frequency\s+)?limit(?:s|ations)?\b|"
                                       r"no\s+more\s+than|(?<!\bnot\s)limited\s+to|per\s+(?:member|year|\d+))\b|" + ALLOWS_PER_MEMBER + "|"
                                       # a limit cell: "24 dates of service per member per state fiscal year"
                                       r"^(?!.*\b(?:not|non-?covered|denied|deny)\b)(?:[^|]*\|\s*)*(?:up\s+to\s+)?"
                                       r"(?:\d+|one|two|three|four|six|twelve)\s+(?:dates?\s+of\s+service|tests?|units?|"
                                       r"services?|times?)\s+per\s+(?:member|beneficiary|recipient|patient|enrollee)\s+per\b|"
                                       + FREQUENCY_LIMIT, I)),
    # "Eligible for Coverage:" over a code table: covered when the policy's criteria are met
    ("covered-with-criteria", re.compile(r"^(?!.*\bnot\b).*\beligible\s+for\s+coverage\b|"
                                         # a prior authorization list's "MRS of the brain (CPT 76390) is approved for a
                                         # member 17 years of age or younger when all of the following are documented"
                                         r"^(?!.*\bnot\b).*\b(?:is|are)\s+(?:only\s+)?approved\s+(?:for\s+[^|.;]{1,80}?\s+)?"
                                         r"(?:only\s+)?(?:when|if)\b|"
                                         # "Covered for EHP and Harbor Partners when the criteria ... are met:"
                                         r"^(?!.*\bnot\s+covered\b)(?!.*\bnon-covered\b).*\bcovered\s+"
                                         r"(?:alternative\s+|for\s+[^|.;:]{1,60}?\s+)?(?:when|if)\b|"
                                         # a code list's lead "Covered with prior approval (Subsection 3.2.1):": reviewed
                                         # against the policy's criteria before it is paid
                                         r"^(?!.*\bnot\b)\W*covered\s+with\s+(?:prior\s+(?:approval|authori[sz]ation)|"
                                         r"pre-?authori[sz]ation|pre-?certification)\b|"
                                         # a status cell after the row's description: "Magnetic resonance spectroscopy
                                         # Covered with prior authorization when Procedure A is met; otherwise
                                         # investigational" (the denial is the branch for everything else)
                                         r"^(?!.*\bnot\s+covered\b)(?!.*\bnon-covered\b).*\bcovered\s+with\s+(?:prior\s+"
                                         r"(?:approval|authori[sz]ation)|pre-?authori[sz]ation|pre-?certification)\s+"
                                         r"(?:only\s+)?(?:when|if)\b|"
                                         # "Medicaid shall cover proton MRS of the brain (CPT 76390) when ALL of the
                                         # following criteria are met:": the plan's own verb, with its condition
                                         r"^(?!.*\bnot\b).*\b(?:shall|will|does|do)\s+cover\b[^|.;]*?\b(?:when|if)\b|"
                                         # a reimbursement policy's status cell "Reimbursable when the When Covered
                                         # criteria are met": paid when its criteria hold (not "payable only when
                                         # reported with a brain MRI (70551 ...)", which names other codes)
                                         r"^(?!.*\b(?:not|non)\b).*\b(?:reimbursable|payable)\s+(?:only\s+)?(?:when|if)\s+"
                                         r"[^|.;()]*\bcriteria\b[^|.;()]*\b(?:are|is)\s+met\b|"
                                         # "the agency continues to pay for 82607 (vitamin B-12) when the request
                                         # identifies ...": paid when its condition holds
                                         r"^(?!.*\bnot\b).*\b(?:continues?\s+to\s+)?pays?\s+for\b[^|.]*?\b(?:when|if)\b|"
                                         # "X (CPT code 82652) is covered only for the evaluation of ..."
                                         r"^(?!.*\bnot\s+covered\b)(?!.*\bnon-covered\b).*\b(?:is|are)\s+covered\s+only\s+"
                                         r"(?:for|when|if|in|with\s+(?:an?\s+)?(?:approved\s+)?(?:prior\s+authori[sz]ation|"
                                         r"pre-?authori[sz]ation|prior\s+approval|PAR)\b)|"
                                         # "25-hydroxyvitamin D testing (CPT 82306) is covered for members with chronic
                                         # kidney disease, ...": covered for the members the sentence names
                                         r"^(?!.*\bnot\s+covered\b)(?!.*\bnon-covered\b).*\b(?:is|are)\s+covered\s+for\s+"
                                         r"(?:members|patients|individuals|enrollees|beneficiaries|adults|children)\s+"
                                         r"(?:with|who)\b|"
                                         # "Prior authorization is required for CPT 76390", "76390 requires
                                         # precertification": reviewed against the policy's criteria, so covered
                                         # when they are met (a row taken off a list and sent elsewhere is not)
                                         r"^(?!.*\b(?:not|no\s+longer|under\s+the)\b).*(?:\b(?:prior\s+authori[sz]ation|"
                                         r"pre-?authori[sz]ation|pre-?certification)\s+(?:is\s+)?required\b|"
                                         r"\brequires?\s+(?:an?\s+)?(?:approved\s+)?(?:prior\s+authori[sz]ation|pre-?authori[sz]ation|"
                                         r"pre-?certification)\b)|"
                                         # a manual's wording: "Procedure code 82306 is a benefit when submitted
                                         # with one of the following diagnosis codes"
                                         r"^(?!.*\bnot\s+a\s+benefit\b).*\b(?:is|are)\s+a\s+(?:covered\s+)?benefit\s+"
                                         r"(?:only\s+)?(?:when|if)\b|"
                                         r"\b(?:is|are)\s+medically\s+necessary\b(?!.*\bnot\b)|"
                                         r"^(?!.*\bnot\b).*\bmedically\s+(?:necessary|appropriate)\s+(?:when|if)\b|"
                                         # "AHHC considers 25-hydroxyvitamin D testing (CPT 82306) reasonable and
                                         # medically necessary for members who ...", "... medically necessary only for"
                                         r"^(?!.*\bnot\b).*\bconsider(?:s|ed)?\b.*\bmedically\s+necessary\s+(?:only\s+)?"
                                         r"(?:for|in)\s+(?:members|patients|individuals|enrollees|adults|children)\b", I)),
    ("reference", re.compile(r"\bfor\s+reference\b|"
                             # a status cell "Reference only; see the Folate Testing policy"
                             r"^(?:[^|]*\|\s*)*reference\s+only\b|(?<=\s)reference\s+only\s*(?:;|$)|"
                             # a description that says so in brackets: "82607 Vitamin B-12 (reference only)"
                             r"\(\s*(?:listed\s+)?(?:for\s+)?reference\s+only\s*\)|\bdoes\s+not\s+(?:change|address|affect)\s+(?:it|this|them)\b|"
                             # "... remains subject to the Advanced Imaging Prior Authorization Program described in
                             # Letter 2231; this letter does not change that program": another rule's codes
                             r"\bdoes\s+not\s+(?:change|affect)\s+that\s+(?:program|policy|guideline|requirement|process)\b|"
                             r"\bnot\s+affected\s+by\s+this\s+(?:policy|update|change|bulletin|section|topic|chapter|article|letter|"
                             r"grid|notice|page|manual)\b|"
                             # "... and is not affected by the magnetic resonance spectroscopy determination below"
                             r"\bnot\s+affected\s+by\s+the\s+(?:[\w-]+\s+){0,4}(?:determination|denial|decision)\b|\bseparate\s+service\b|\bits\s+own\s+code\b|"
                             r"\bremoved\s+from\b|\bthis\s+policy\s+does\s+not\s+address\b|"
                             # "MRS of the brain (76390) moved from the investigational table to the list of services
                             # that always require authorization": taken off the denial list
                             r"\bmoved\s+(?:from|off|out\s+of)\s+the\s+(?:[\w-]+\s+){0,3}(?:table|list)\b|"
                             # a row taken off a denial list: "No longer investigational; now requires prior
                             # authorization under the X guideline"
                             r"\bno\s+longer\s+(?:considered\s+)?(?:investigati(?:onal|ve)|experimental|unproven|"
                             r"non-?covered|not\s+covered|denied)\b|"
                             r"\bnot\s+addressed\s+(?:here|by\s+this|in\s+this)\b|"
                             # "is reviewed under the Advanced Imaging policy; it is not denied under this policy"
                             r"\b(?:is|are)\s+not\s+denied\b|"
                             # codes named as examples of what the document leaves alone: "This change does not
                             # affect single-nutrient tests ... such as vitamin B12 (82607)", "... (82747), are outside
                             # the scope of this chapter", "... (82607), are not part of this update", "(CPT 82306),
                             # which is reviewed under Coverage Policy 2011009"
                             r"\b(?:does|do|will)\s+not\s+affect\b|"
                             r"\b(?:is|are)\s+(?:outside|beyond)\s+the\s+scope\s+of\s+this\b|"
                             r"\b(?:is|are)\s+not\s+(?:a\s+)?(?:part|subject)\s+of\s+this\s+(?:update|policy|change|"
                             r"bulletin|article|notice|chapter|section|guideline|topic|letter)\b|"
                             r"\breviewed\s+(?:[\w'\u2019]+\s+){0,6}?under\s+(?:its|their)\s+own\b|"
                             # (a policy it names: "reviewed under the applicable policy" sends nothing anywhere)
                             r"\b(?:is|are)\s+reviewed\s+under\s+(?:the\s+)?(?-i:(?:[A-Z][\w-]*\s+){1,4})"
                             r"(?:(?:medical|coverage|clinical|payment)\s+)?(?:policy|guideline)\b|"
                             # "Listing of a code ... does not imply that the service is covered or non-covered"
                             r"\bdoes\s+not\s+(?:imply|guarantee|constitute)\b", I)),
    ("not-reimbursable", re.compile(r"\bnot\s+(?:separately\s+)?reimburs(?:able|ed)\b", I)),
    ("not-covered", re.compile(r"\binvestigational\b|\bE/I\b|\bnot\s+covered\b|\bnon-?covered\b|\bexperimental\b|\bunproven\b|"
                               # a status cell "Not a benefit"; "are no longer Medi-Aid benefits"
                               r"\bnot\s+a\s+(?:covered\s+)?benefit\b|" + NO_LONGER_A_BENEFIT + "|"
                               r"\bnot\s+medically\s+necessary\b|\bdenied\b", I)),
]
_ROLE_RANK = {name: i for i, (name, _) in enumerate(_ROLES)}
_ROLE_RANK["reference-default"] = len(_ROLES)
# a code covered when criteria are met and also limited in frequency ("82306 is covered when the member has ...",
# "82306 is limited to two tests per member in a 12-month period"): the criteria decide whether it is covered at all,
# the limit only caps it, so the criteria give its role
_ROLE_RANK["covered-with-criteria"], _ROLE_RANK["covered-with-limits"] = \
    _ROLE_RANK["covered-with-limits"], _ROLE_RANK["covered-with-criteria"]
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
                           # "ICD-10-CM Diagnosis Codes that Support Coverage Criteria": the diagnoses a service's
                           # criteria accept, listed; the service is what the policy decides
                           r"\b(?:diagnos(?:is|es|tic)|ICD-?10(?:-CM)?)\s+codes?\s+(?:that\s+)?support(?:s|ing)?\b|"
                           r"\bcodes?\s+not\s+(?:counted|included|subject)\s+(?:toward|towards|in|to)\b", I)

# a lead whose rule is about a procedure billed with the diagnoses listed under it
_DIAGNOSES_OF_A_RULE = re.compile(r"\b(?:billed|submitted|reported|filed|accompanied)\s+(?:with|by)\s+(?:(?:one|any)\s+of\s+)?"
                                  r"the\s+(?:(?:following|listed)\b[^.:]*?\bdiagnos|diagnos[ie]s\s+codes?\s+(?:below|listed))", I)

# "[when specified as X]", "[when used to assess X]", "[X testing]": a bracketed clarification narrows the row's
# code to one use, so a denial over the list reaches it only in that use
_CONDITION = re.compile(r"\b(?:when|if)\s+(?:specified|billed|used|reported)\s+(?:as|for|to)\b|\[[^\]]*[a-z]{3}[^\]]*\]?\s*$|"
                        r"^[^\[]*[a-z]{3}[^\[]*\]\s*$", I)
# a code cell's own condition: "84999; 86353 when billed for this testing"
_BILLED_FOR = re.compile(r"\b(?:only\s+)?(?:when|if)\s+(?:billed|used|reported|submitted)\s+(?:for|as|to\s+report)\b", I)
_UNLISTED = re.compile(r"\bunlisted\b|\bnot\s+otherwise\s+(?:specified|classified)\b|\bNOS\b|\bNOC\b", I)


def role_of(text: str) -> str | None:
    clean = _clean(text)
    for name, pattern in _ROLES:
        if pattern.search(clean):
            return name
    return None


_COVERED_ROLES = {"covered-with-criteria", "covered-with-limits"}
_CONDITIONAL_OF = {"not-covered": "not-covered-in-context", "not-reimbursable": "not-reimbursable-conditional"}
_DENIED_ROLES = {"not-covered", "not-covered-in-context", "not-reimbursable", "not-reimbursable-conditional"}


def _role_conflict(roles: set[str]) -> bool:
    """A code both covered and denied, with nothing saying which branch is which, has no role we can state."""
    return bool(roles & _COVERED_ROLES) and bool(roles & _DENIED_ROLES)


_PLAN_NAME = r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}"
_PLANS_IN_BRACKETS = re.compile(rf"\(\s*{_PLAN_NAME}(?:\s*,\s*(?:and\s+)?{_PLAN_NAME})*\s*\)")


_NEEDS_AUTHORIZATION = re.compile(r"(?<!\bno\s)\b(?:needs?|requires?)\s+(?:prior\s+)?(?:authori[sz]ation|approval)\b|"
                                  r"(?<!\bno\s)\b(?:prior\s+)?authori[sz]ation\s+required\b", I)


def _ambiguous_status(text: str) -> bool:
    """A status cell that reads as covered and as denied ("Covered; not covered for screening") and does
    not say which is the exception ("covered when ...; otherwise investigational" is a criteria branch)."""
    # "Investigational (Medi-Cal, Covered); not covered under NCD 220.2.1 (Medicare Bridge)": the names in brackets
    # after each status are the plans it is for (one of them may be called "Covered"), not a status
    clean = _PLANS_IN_BRACKETS.sub("", _clean(text))
    if _OTHERWISE.search(clean):
        return False
    roles = {name for name, pattern in _ROLES if pattern.search(clean)}
    if "|" in clean and _NEEDS_AUTHORIZATION.search(clean) and "reference" not in roles:
        # "MRI brain (70551, 70552, 70553) | Needs Prior Authorization | NOT COVERED | Needs Prior Authorization": a
        # row whose plan columns differ, some asking for authorization (a service covered on review), one denying
        # ("No longer investigational; now requires prior authorization under ..." is a row taken off the list)
        roles.add("covered-with-criteria")
    if any(not re.search(r"\b(?:not|non|no|never|nor|without|separately)\b[\s\w-]{0,20}$", clean[:m.start()], I)
           for m in _POSITIVE.finditer(clean)):
        roles.add("covered-with-criteria")
    return _role_conflict(roles)


# "covered", "reimbursable", "medically necessary" said positively (not "not covered", "non-covered")
_POSITIVE = re.compile(r"\b(?:covered|reimbursable|medically\s+necessary)\b", I)


_RANGE = re.compile(r"(?<![\w./-])(0\d{3}[TU]|\d{5})\s*(?:-|\u2013|\u2014|through|thru|to)\s*(0\d{3}[TU]|\d{5})(?![\w-])")


_EXAMPLES_OF_CODES = re.compile(r"(?:for\s+example,\s+)?examples?\s+of\s+(?:the\s+|such\s+)?(?:[\w-]+\s+){0,2}codes?\b", I)


def _wide_range_ends(text: str, codes: list[tuple[str, str]]) -> bool:
    """Every code named is an end of a range too wide to list code by code ("70010 - 72292")."""
    ends = set()
    for m in _RANGE.finditer(text):
        a, b = m.group(1), m.group(2)
        if a[-1].isdigit() and b[-1].isdigit() and int(b) - int(a) > 25:
            ends |= {a, b}
    return bool(codes) and all(code in ends for _, code in codes)


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


_VITAMIN_BEFORE = re.compile(r"\bvitamins?\s*-?\s*$", I)


def _codes_in(unit: Unit, context: str = "") -> list[tuple[str, str]]:
    text = unit.text
    for a, b in unit.furniture:
        # a row that runs on across a page break runs across the page's footer and header too: a form number
        # there ("Form 30418 (Rev. 06/2025)") is page furniture, never one of the row's codes (a line that opens
        # with a code, "0609T Investigational", is a row the repeat of its shape made look like furniture)
        if not _CODE_START.match(text[a:b]):
            text = text[:a] + " " * (b - a) + text[b:]
    if unit.kind == "row" and "\f" in text and _CODE.search(text[:text.index("\f")]):
        # a row whose wrapped description runs across the page break may take in a line of another row
        # printed beside it on the next page: its codes are the ones before the break
        text = text[:text.index("\f")]
    tail = _row_tail(unit)
    if tail:
        text = text[:len(text) - len(tail)]     # the sentence printed on after the row is read on its own
    if unit.kind == "row" and len(unit.cells) > 1 and _CODE.search(unit.cells[0]) and not _code_grid(unit):
        # a code table row's code is in its code cell; codes in its other cells are other rows' codes
        text = text[:text.find(unit.cells[0]) + len(unit.cells[0])]
    elif unit.kind in ("sentence", "item") or unit.kind == "row" and len(unit.cells) <= 1 and len(text.split()) >= 8:
        cut = _CODE_CONDITION.search(text)
        if cut and _CODE.search(text[:cut.start()]):
            text = text[:cut.start()]
    out = _expand_ranges(text)
    for m in _CODE.finditer(text):
        if _NOT_A_CODE_BEFORE.search(text[max(0, m.start() - 8):m.start()]) or \
                _POLICY_ID_BEFORE.search(text[max(0, m.start() - 20):m.start()]):
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
        # a vitamin's own name ("Vitamin B12 deficiency anemia") is no diagnosis code, though it has the shape of one
        out.extend(("icd10", m.group(1)) for m in _ICD.finditer(text) if not _VITAMIN_BEFORE.search(text[:m.start()]))
        # a diagnosis code printed without its decimal point ("E559 Vitamin D deficiency, unspecified") at the head
        # of a row or list item of an ICD-10 list; never a HCPCS shape (E0559)
        head = _UNDOTTED_ICD.match(re.sub(r"^(?:[-*\u2022]\s*)?(?:ICD-?10(?:-CM)?\s+)?", "", text.lstrip(), flags=I))
        heads = [head] if unit.kind in ("row", "item", "label") else []
        if unit.kind == "row" and _code_grid(unit):
            heads = [_UNDOTTED_ICD.fullmatch(c.strip()) for c in unit.cells if c.strip()]
        for head in heads:
            if head and not _CODE.fullmatch(head.group(1)) and ("icd10", head.group(1)) not in out:
                out.append(("icd10", head.group(1)))
    elif re.search(r"\bdiagnos[ei]s\b", text, I):
        # "a diagnosis of vitamin D deficiency under treatment (for example, E55.9)": a dotted code is one
        out.extend(("icd10", c) for c in _DOTTED_ICD.findall(text))
    return out


def _row_tail(unit: Unit) -> str:
    """The text a PDF table's last row runs on into: the paragraph printed under the table, begun with a capital
    after the row's own cell ("0612T ... Experimental/investigational" + "MRI of the brain performed at the same
    session (CPT 70551 ...) is billed separately ... This policy does not address it.")."""
    if unit.kind != "row" or len(unit.cells) != 1:
        return ""
    cell = unit.cells[0].rstrip()
    at = unit.text.find(cell)
    tail = unit.text[at + len(cell):] if at >= 0 and cell else ""
    # ... or a paragraph whose first sentence ends on the row's line and whose next runs on below it ("0612T ...
    # Investigative" + "Inclusion of a code in this policy does not imply coverage. Codes for the brain MRI")
    return tail if re.match(r"\s+[A-Z]", tail) and len(tail.split()) >= 6 and \
        re.search(r"[.!?]\s*$|[a-z)][.!?]\s+[A-Z]", tail) else ""


def _code_grid(unit: Unit) -> bool:
    """A row of a code grid, one code to a cell and no description ("82607 | 82746 | 84207" / "E559 | N184 |"):
    a manual's way of printing a list of codes across the page; every cell is one of the list's codes."""
    cells = [c.strip() for c in unit.cells if c.strip()]
    return len(cells) > 1 and all(_CODE.fullmatch(c) or _UNDOTTED_ICD.fullmatch(c) or _ICD.fullmatch(c) for c in cells)


_DOTTED_ICD = re.compile(r"(?<![\w./-])([A-TV-Z]\d{2}\.[0-9A-Z]{1,4})(?![\w-])")
_UNDOTTED_ICD = re.compile(r"([A-TV-Z]\d{2}[0-9A-Z]{1,4})(?![\w.-])")


_COLUMN_WORDS = {"code", "codes", "cpt", "hcpcs", "icd", "10", "cm", "icd-10", "description", "descriptor", "status",
                 "diagnosis", "diagnoses", "modifier", "comment", "comments", "notes", "type", "procedure", "name",
                 "date", "action", "service", "test", "role", "coverage"}


def _column_header(unit: Unit) -> bool:
    """A table's column header line ("CPT Description", "Code | Description | Status")."""
    # "CPT Code(s) Description": a column named for one code or several is still a column header
    words = re.findall(r"[a-z0-9]+", re.sub(r"\(s\)", "s", unit.norm.lower()))
    return unit.kind in ("heading", "label", "row") and 1 <= len(words) <= 6 and all(w in _COLUMN_WORDS for w in words)


def _captioned_header(unit: Unit) -> bool:
    """A sentence that speaks of codes and whose last line is a column header ("CPT codes for individual nutrient
    tests (covered when ...)" over "CPT code Description"): a table's caption read together with its header."""
    lines = unit.text.rstrip().split("\n")
    return len(lines) > 1 and bool(re.search(r"\bcodes?\b", " ".join(lines[:-1]), I)) and \
        _column_header(dataclasses.replace(unit, kind="heading", text=lines[-1]))


def _status_caption(seg: Segmented, unit: Unit, leads_rows: bool) -> bool:
    """A heading or label that states a status ("Not covered when billed for intracellular micronutrient
    testing", "Covered when Policy item 3 is met") printed straight over a code table's column header line: the
    caption of that table, which gives its rows their role even though it does not say "codes"."""
    if unit.kind not in ("heading", "label") and not (unit.kind == "sentence" and _status_lead(unit)) or \
            not leads_rows or unit.index + 1 >= len(seg.units):
        return False
    header = seg.units[unit.index + 1]
    return _column_header(header) and role_of(unit.text) not in (None, "reference")


def _table_above_paragraph(seg: Segmented, unit: Unit) -> int | None:
    """The code table printed straight above the paragraph this sentence belongs to, if any, and if the sentences
    before it in the paragraph name no codes but that table's ("Laboratories bill it with 86353 or 84999. These
    codes ..." speaks of the codes it has just named)."""
    first = unit
    while first.index > 0 and seg.units[first.index - 1].kind == "sentence" and \
            seg.units[first.index - 1].block == unit.block:
        first = seg.units[first.index - 1]
    above = seg.units[first.index - 1] if first.index > 0 else None
    if above is None or above.kind != "row" or not _codes_in(above):
        return None
    listed = {c for u in seg.units if u.kind == "row" and u.table == above.table for c in _codes_in(u)}
    named = {c for u in seg.units[first.index:unit.index] for c in _codes_in(u)}
    return above.table if named <= listed else None


# a count of the codes over a list ("Group 2 Codes: (3 Codes)"): how long the list is, not a list of its own
_CODE_COUNT = re.compile(r"(?:group\s+\d+\s+)?(?:CPT\s+|HCPCS\s+|ICD-10(?:-CM)?\s+)?codes?\s*:?\s*\(\s*\d+\s+codes?\s*\)", I)


def _past_column_headers(seg: Segmented) -> Callable[[Unit], Unit | None]:
    """For a unit, the unit after it, past headings, column headers and the wrapped description of a PDF code
    row printed above its code (a fragment that does not end a sentence): the table a lead line introduces.
    Where each run of headings and column headers ends is found once for the document, so asking for every unit
    of a page of nothing but headings does not cost the square of its length."""
    units = seg.units
    beyond = [len(units)] * (len(units) + 1)      # the first unit at or after i that is not passed over
    for i in range(len(units) - 1, -1, -1):
        u = units[i]
        passed = u.kind == "heading" or _column_header(u) or _CODE_COUNT.fullmatch(u.norm)
        beyond[i] = beyond[i + 1] if passed else i

    def after(unit: Unit) -> Unit | None:
        fragments, i = 0, beyond[unit.index + 1]
        while i < len(units):
            u = units[i]
            if u.kind == "sentence" and not u.norm.endswith((".", ":", "?", "!")) and fragments < 2:
                fragments += 1
                i = beyond[i + 1]
                continue
            return u
        return None
    return after


# "... include the following list", "... are listed in the following table": a verb of the sentence, then the list
_LIST_VERB = re.compile(r"\b(?:include|includes|are)\b", I)
_FOLLOWING_LIST = re.compile(r"\bthe\s+following\s+(?:list|table)\b", I)


def find_codes(seg: Segmented, result: ImportResult, know: Knowledge | None = None) -> None:
    mentions: dict[tuple[str, str], list[tuple[str, Unit, int]]] = {}
    split_rows: dict[tuple[str, str], Unit] = {}     # a code's row whose status gives no one role
    order: list[tuple[str, str]] = []
    context_sentences: dict[int, list[Unit]] = {}     # table -> sentences that speak of "the codes below"
    next_past_column_header = _past_column_headers(seg)
    for unit in seg.units:
        if unit.kind == "sentence" and (
                re.search(r"\b(?:codes?\s+below|these\s+codes|they\s+are|each\s+code)\b", unit.norm, I)
                or re.search(r"\bcodes?\b", unit.norm, I) and re.search(r"\b(?:following|below|listed|this\s+list)\b",
                                                                          unit.norm, I)
                # "Services ... considered investigational include, but are not limited to, the following list."
                or said_before(_LIST_VERB, _FOLLOWING_LIST, unit.norm)
                # "The services in the table below are experimental or investigational."
                or re.search(r"\b(?:in|on)\s+the\s+table\s+below\b", unit.norm, I) and role_of(unit.text) is not None
                # "Single-nutrient assays ... are covered with the following limits." over a table of per-code limits
                or re.search(r"\bcovered\s+(?:with|subject\s+to)\s+the\s+following\s+(?:frequency\s+)?limit", unit.norm, I)):
            # the table that follows, with nothing but its caption or header line in between, or nothing
            # but the rest of the sentence's paragraph ("The following list(s) of codes is provided for
            # reference purposes only ... Listing of a code in this policy does not imply ...")
            if _entry_row_above(seg, unit) is not None:
                continue     # "these codes" in a chart's entry are the codes that head it, not those below
            above = _table_above_paragraph(seg, unit)
            if above is not None and _status_lead(unit):
                # "Not covered for the diagnosis or management of CFS: these codes are denied when billed for CFS
                # testing" over "CPT CODES" and its rows: a group's caption, opening with its status, leads the table
                # below it; "these codes" are those, not the table's above
                nxt = next_past_column_header(unit)
                if nxt is not None and nxt.kind == "row":
                    above = None
            if above is not None and re.search(r"\b(?:these\s+codes|each\s+code)\b", unit.norm, I):
                # "Each code in Table 1 also describes ... The Plan denies these codes only when ...", printed
                # straight under a table: a note about the codes above it, whatever table follows
                context_sentences.setdefault(above, []).append(unit)
                continue
            after = unit
            while after.index + 1 < len(seg.units) and seg.units[after.index + 1].kind == "sentence" and \
                    seg.units[after.index + 1].block == unit.block:
                after = seg.units[after.index + 1]
            nxt = next_past_column_header(after)
            if nxt is not None and nxt.kind == "row":
                context_sentences.setdefault(nxt.table, []).append(unit)
        elif unit.kind == "sentence" and _captioned_header(unit):
            # "CPT codes for individual nutrient tests (covered when the criteria are met)" / "CPT code Description":
            # a table's caption printed over its column header leads the rows below it
            nxt = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
            if nxt is not None and nxt.kind == "row":
                context_sentences.setdefault(nxt.table, []).append(unit)
        # "When five or more of the codes in Table 1 are billed ...": the table captioned "Table 1"
        named = re.search(r"\bcodes\s+(?:listed\s+|shown\s+)?in\s+(Table\s+\d+)\b", unit.norm, I) \
            if unit.kind == "sentence" else None
        if named:
            for caption in seg.units:
                if caption.kind == "heading" and re.match(re.escape(named.group(1)) + r"\b", caption.norm, I):
                    rows = next_past_column_header(caption)
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
    table_notes = _notes_under_tables(seg)
    for table, notes in table_notes.items():
        for note in notes:
            if note not in context_sentences.get(table, []):
                context_sentences.setdefault(table, []).append(note)
    # the sentences of a note or lead that, among them, deny the table's codes only in context
    conditional_notes = {u.index for said in context_sentences.values()
                         if any(role_of(x.text) in _CONDITIONAL_OF.values() for x in said) for u in said}
    conditional_notes |= {u.index for notes in table_notes.values() for note in notes for u in seg.units
                          if u.kind == "sentence" and u.block == note.block}
    header_role: str | None = None      # the latest "CPT codes not covered ...:" line above the rows
    header_unit: Unit | None = None
    used_sources: set[int] = set()
    for unit in seg.units:
        codes_here = _codes_in(unit, header_unit.text if header_unit is not None else "") \
            if unit.kind != "heading" else []
        nxt = next_past_column_header(unit)
        leads_rows = nxt is not None and nxt.kind == "row" and bool(_codes_in(nxt))
        if not codes_here and _column_header(unit):
            pass            # "CPT Description", "Code | Description": the table goes on under its lead line
        elif not codes_here and unit.kind in ("heading", "label", "row", "sentence") and (
                re.search(r"\bcodes?\b", unit.norm, I) and (unit.kind != "sentence" or unit.norm.endswith(":"))
                or unit.norm.endswith(":") and leads_rows or _status_caption(seg, unit, leads_rows)):
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
        tail = _row_tail(unit)
        tail_role = role_of(tail) if tail else None
        for key in _codes_in(dataclasses.replace(unit, kind="sentence", text=tail, cells=())) if tail_role else []:
            # the codes of the paragraph a row runs on into take that paragraph's role, cited by the row
            if key not in mentions:
                mentions[key], _ = [], order.append(key)
            mentions[key].append(("reference" if key[0] == "icd10" else tail_role, unit, len(mentions[key])))
        codes = codes_here
        before = seg.units[unit.index - 1] if unit.index > 0 else None
        if codes and before is not None and _NUMBER_PREFIX.search(before.text[-8:]) and \
                re.match(r"\s*" + re.escape(codes[0][1]) + r"\b", unit.text):
            codes = codes[1:]     # "... see AHS -" / "G2110 Vitamin D Testing": a document's number wrapped
        if not codes:
            continue
        lead_text = seg.units[unit.lead].text if unit.kind == "item" and unit.lead >= 0 else ""
        if unit.kind in ("sentence", "item") and not _CODE_CONTEXT.search(unit.text + " " + lead_text) and \
                not any(c[1][-1] in "TU" or c[0] == "icd10" for c in codes) and \
                not re.search(r"\(\s*(?:(?:for\s+example|e\.g\.|such\s+as),?\s+)?(?:CPT\s+)?\d{5}", unit.text, I) and \
                not re.search(r"(?<![\w$.,/-])\d{5}\s+\((?-i:[a-z])[\w-]+[\w ,;-]{2,}\)", unit.text, I):
            # (a code named with its descriptor in brackets, "82607 (cyanocobalamin, vitamin B-12)", is a code)
            continue
        text = unit.text
        if unit.kind == "row":
            own_text = " ".join(unit.text[:len(unit.text) - len(tail)].split())
            text = " | ".join(unit.cells[1:]) if len(unit.cells) > 1 else re.sub(r"^\S+\s*", "", own_text)
        removed = unit.kind == "row" and bool(_REMOVED_ROW.search(_clean(text)))
        only_for = _covered_only_but(text)
        if _ambiguous_status(text) and not removed and not only_for and not _denied_but_other_uses(text):
            result.notes.append(f"codes: the status of \"{unit.norm[:100]}\" is ambiguous; no role given")
            if unit.kind == "row":
                for key in codes:
                    split_rows.setdefault(key, unit)
            continue
        # a row taken off the list ("Removed 07/2025; now reviewed under the X policy (covered when ...)") is listed
        # for reference: what the other policy decides is not this one's determination
        role = "reference" if removed else "covered-with-criteria" if only_for else role_of(text)
        own, rest = _sentence_holding(text, codes)
        if own is not None and not removed and role_of(own) is not None:
            # a cell or list item of several sentences: the codes take the role of the sentence that names them
            # ("... (CPT 0038U), experimental/investigational. Vitamin D measured as part of a panel is not
            # addressed in this policy."), not of a neighbour that speaks of another service
            role = role_of(own)
        source: Unit | None = None           # the line that gave the role, when it is not this one
        sent = _ADDRESSED_ELSEWHERE.search(_clean(text)) if role is None and unit.kind in ("sentence", "item") else None
        if sent and all(re.search(re.escape(c), _clean(text)[:sent.start()]) for _, c in codes):
            # "Unlisted molecular pathology (81479) is addressed in RPL-LAB-019": the codes the sentence names
            # before it sends them on are another policy's, listed here for reference
            role = "reference"
        if unit.kind == "row" and role in _CONDITIONAL_OF:
            # "Table 1: Component codes not reimbursable when billed as part of a panel" over "82607 | Not
            # reimbursable in a panel": the row's status is the lead's conditional denial said short
            leads = [(header_role, header_unit)] + [(role_of(u.text), u) for u in context_sentences.get(unit.table, [])
                                                    if not _names_other_codes(u, codes) and _note_speaks_of(seg, u, codes)]
            lead = next(((r, u) for r, u in leads if r in _CONDITIONAL_OF.values()), None)
            if lead is not None:
                role, source = _CONDITIONAL_OF[role], lead[1]
        if role is None and unit.kind == "item" and unit.lead >= 0:
            role, source = role_of(seg.units[unit.lead].text), seg.units[unit.lead]
        if role is None and unit.kind == "row" and header_role is not None:
            role, source = header_role, header_unit
        if role is None and unit.kind == "row":
            # a note that denies the codes only in context outweighs its own example of another use ("Codes in this
            # table are also used for tests that are a benefit. For example, 86353 is a benefit when billed for ...
            # These codes are denied only when ...")
            said = [u for u in context_sentences.get(unit.table, []) if not _names_other_codes(u, codes)]
            for sentence in sorted(said, key=lambda u: role_of(u.text) not in _CONDITIONAL_OF.values()):
                if _GENERAL_CODES_ONLY.search(_clean(sentence.text)):
                    continue     # it narrows the general codes of the list, the list's lead gives the role
                role, source = role_of(sentence.text), sentence
                before = seg.units[sentence.index - 1] if sentence.index > 0 else None
                if role is None and re.search(r"\bnot\s+payable\b", sentence.norm, I) and before is not None and \
                        before.kind == "sentence" and before.block == sentence.block and \
                        role_of(before.text) in ("not-covered", "not-reimbursable"):
                    # "MRS of the discs ... is not covered for any beneficiary. The following codes are not payable on
                    # the Fee Schedule:": the list's lead restates, in payment words, the denial said just before it
                    role, source = role_of(before.text), before
                if role:
                    break
        if unit.kind == "row" and role in _CONDITIONAL_OF and source is header_unit:
            # "Codes Used for Tests That Are Not Covered" over "The following procedure codes will be denied when they
            # are billed for a test that is not covered": the caption names the list, its lead line says when
            lead = next((u for u in context_sentences.get(unit.table, [])
                         if role_of(u.text) == _CONDITIONAL_OF[role]), None)
            if lead is not None:
                role, source = _CONDITIONAL_OF[role], lead
        if unit.kind == "sentence" and role in _COVERED_ROLES and unit.index in conditional_notes:
            continue     # the example of another use of codes that the note around it denies only in context
        if unit.kind == "row" and source is not None and role not in (None, "reference") and \
                all(system == "icd10" for system, _ in codes) and _DIAGNOSES_OF_A_RULE.search(_clean(source.text)):
            # "Procedure code 82306 is a benefit when submitted with one of the following diagnosis codes:": the
            # lead decides the procedure; the diagnoses it is billed with are its condition, listed
            role = "reference"
        if role is None and _wide_range_ends(unit.norm, codes):
            # "70010 - 72292, 73000 - 76499" under "CPT PROCEDURE CODES": ranges of hundreds of codes name the
            # section's scope; their ends are listed, no sentence decides them
            role = "reference"
        if role is None and unit.kind == "row" and _BARE_CODES.fullmatch(unit.norm):
            role, source = _entry_role(seg, unit)
        above = seg.units[unit.index - 1] if unit.index > 0 else None
        if role is None and unit.kind == "sentence" and _EXAMPLES_OF_CODES.match(unit.norm) and above is not None and \
                above.kind == "sentence" and above.block == unit.block and role_of(above.text) in _CONDITIONAL_OF.values():
            # "Examples of component codes reported for these panels are 82180, 82525 ...": the examples of the rule
            # said just before take its role
            role, source = role_of(above.text), above
        continued = _continuation(seg, unit) if role is None else None
        if continued is not None:
            # "... discogenic pain (CPT 0609T," over "0610T, 0611T, 0612T) is considered investigational ...": a
            # sentence a PDF broke across lines, the rest read as a row or a label; its codes take the whole's role
            role, source = role_of(unit.text + " " + continued.text), continued
        if role is None and unit.kind == "row" and _ends_a_sentence(seg, unit):
            # "... including MRS for discogenic pain (CPT" / "0609T, 0610T, 0611T and 0612T).": a PDF line of codes
            # that ends the sentence broken above it is that sentence's, and takes its role
            above = seg.units[unit.index - 1]
            role, source = role_of(above.text + " " + unit.text), above
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
        if any(system == "icd10" for system, _ in codes) and _DESCRIPTIVE_SECTION.match(unit.section or ""):
            # "billed together with nonspecific diagnoses such as fatigue (R53.83)" in the description: an example
            # of how claims look, no code the policy lists
            codes = [c for c in codes if c[0] != "icd10"]
            if not codes:
                continue
        if role is None and all(system == "icd10" and _prose_mention(unit, code) for system, code in codes):
            role = "reference"      # a sentence that names diagnoses and decides nothing (see below)
        if role is None:
            continue
        if unit.kind == "row" and role in _CONDITIONAL_OF and table_notes.get(unit.table) and \
                _note_speaks_of(seg, table_notes[unit.table][0], codes):
            # the note under the table narrows the denial its lead line gives (of the codes it names, where it names
            # some: "84999 is an unlisted chemistry code ... IHP denies these codes under Table 2 only when ..." leaves
            # the table's Category III row denied outright)
            role, source = _CONDITIONAL_OF[role], table_notes[unit.table][0]
        narrowed = False
        if role in ("not-covered", "not-reimbursable") and unit.kind == "row" and any(
                _codes_in(dataclasses.replace(unit, kind="row", text=c, cells=())) and _BILLED_FOR.search(c)
                for c in unit.cells):
            # "Intracellular micronutrient testing | 84999; 86353 when billed for this testing | Not covered": the
            # cell of the codes billed for a test says they are denied only when billed for it
            role = "not-covered-in-context" if role == "not-covered" else "not-reimbursable-conditional"
            narrowed = True
        elif role in ("not-covered", "not-reimbursable") and (len(codes) == 1 and (
                _UNLISTED.search(unit.text) or source is not None and _CONDITION.search(text))
                or unit.kind == "row" and len(unit.cells) > 1 and _UNLISTED.search(unit.cells[0])
                or unit.kind == "row" and source is not None and _general_codes(know, text)
                or unit.kind == "row" and source is not None and _analyte_rows(seg, result, know, unit, codes, text)):
            # also every code of a code cell that says its codes are unlisted ("20999, 22899 (unlisted procedure
            # codes)"), and the codes a row lists for a service that has no code of its own: they report other
            # services too
            # an unlisted or "not otherwise specified" code reports many services: the document can deny it
            # only when it is billed for this one; so too a row that adds "[when specified as X]" to the
            # denial its list's lead line gives
            role = "not-covered-in-context" if role == "not-covered" else "not-reimbursable-conditional"
            narrowed = True
        elif role in ("not-covered", "not-reimbursable") and (
                unit.kind == "sentence" and _other_uses_unaffected(seg, unit)
                or own is not None and (_OTHER_USES.search(_clean(rest)) or role_of(rest) in _CONDITIONAL_OF.values())):
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
            if system == "icd10" and _prose_mention(unit, code):
                # "including screening billed with ICD-10-CM code Z13.21", "A diagnosis such as Z13.21 ... does not
                # make a test reimbursable": a diagnosis a sentence names is the condition of the rule about a
                # service, not the service decided
                mentions[key].append(("reference", unit, len(mentions[key])))
                continue
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
    payment_terms = _speaks_of_payment(seg)
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
        printed = next((m[1] for m in ms if m[1].kind == "row" and not _continues_above(seg, m[1])), None)
        if (best[1].kind != "row" or _continues_above(seg, best[1])) and printed is not None:
            # "0491T and 0492T were removed from this list": the sentence gives the role, the grid row that still
            # prints the code is where a reader meets it
            same.append(printed)
        if best[1].kind != "row" and printed is None and key in split_rows:
            # "76390 | ... | Covered when the criteria above are met | Not covered (NCD 220.2.1)": a row whose columns
            # give one role a line, the sentence the role is taken from beside it; the row is where a reader meets
            # the code
            same.append(split_rows[key])
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
        if role in _CONDITIONAL_OF and know is not None and key[1] in know.single_analyte_codes and \
                not _said_of_the_code(best[1], key[1], role):
            # a standard single-analyte serum test (vitamin B12, 25-OH vitamin D) is an ordinary test: a panel
            # policy that lists its code denies it only as part of the panel, unless a sentence denies that
            # code itself ("CPT 82607 is not covered")
            role = _CONDITIONAL_OF[role]
        if role == "not-covered-in-context" and payment_terms:
            # "Denied when part of a Guideline A test" in a policy whose every decision is about payment ("does not
            # reimburse"): the conditional denial is one of payment
            role = "not-reimbursable-conditional"
        codes.append(CodeFinding(key[0], key[1], role,
                                 Citation.of(best[1]), tuple(Citation.of(u) for u in same)))
    if not order:     # codes found with no role stated are noted above, each with its row
        result.notes.append("codes: no CPT, HCPCS or ICD-10 code in a code table or coding sentence")
    result.codes = codes


# a note that speaks of the codes of the table above it: "The codes listed above ...", "These codes ...", "They ..."
_CODES_ABOVE = re.compile(r"\b(?:codes?\s+(?:listed\s+|shown\s+)?(?:above|in\s+(?:this|the)\s+table(?:\s+above)?)|above\s+codes?|"
                          r"(?:these|the\s+listed)\s+codes?)\b", I)


def _status_lead(unit: Unit) -> bool:
    """A line that opens with a status and a colon ("Not covered for the diagnosis of CFS: these codes are ...",
    "Covered initial evaluation: covered when ..."): the caption of the code group under it."""
    m = re.match(r"(?P<head>(?:Not\s+covered|Non-?covered|Covered|Denied|Investigational|Experimental)\b[^:.;]{0,80}):\s",
                 unit.norm)
    return m is not None and role_of(unit.text) is not None


def _names_other_codes(sentence: Unit, codes: list[tuple[str, str]]) -> bool:
    """A lead or note that names its own codes ("Codes 86353 and 84999 also describe ordinary tests; they are
    investigational under this section only when billed for a panel") speaks of those codes only: the table's
    other rows keep their own status. A lead that names a procedure over rows of diagnoses ("Procedure code 82306
    is a benefit when submitted with one of the following diagnosis codes:") still leads them."""
    systems = {system for system, _ in codes}
    named = {c for c in (_codes_in(dataclasses.replace(sentence, kind="sentence")) if sentence.kind == "sentence" else [])
             if c[0] in systems}
    return bool(named) and not named & set(codes)


def _notes_under_tables(seg: Segmented) -> dict[int, list[Unit]]:
    """The sentences printed straight under a code table that narrow its codes' denial to one use ("These
    codes also describe standard laboratory services. They are denied under this policy only when ... billed
    for a test listed in Section III.C."): notes about the codes above, read like a lead line."""
    out: dict[int, list[Unit]] = {}
    coded_tables = {u.table for u in seg.units if u.kind == "row" and _codes_in(u)}
    for unit in seg.units:
        # the table's last row, which need not hold a code itself ("Research tests | Any laboratory | Any")
        if unit.kind != "row" or unit.table not in coded_tables:
            continue
        nxt = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
        if nxt is None or nxt.kind == "row" and nxt.table == unit.table:
            continue        # not the table's last row
        about_codes = False
        for u in seg.units[unit.index + 1:unit.index + 6]:
            if u.kind == "sentence" and about_codes and re.match(r"for\s+example\b", u.norm, I):
                continue    # "For example, 86353 is a benefit when billed for ...": the note's example, the note goes on
            if u.kind != "sentence" or _codes_in(u):
                break
            about_codes = about_codes or bool(_CODES_ABOVE.search(u.norm))
            if (about_codes and (_CODES_ABOVE.search(u.norm) or re.match(r"(?:they|these|each)\b", u.norm, I))
                    and role_of(u.text) in _CONDITIONAL_OF.values() and not _status_lead(u)):
                out.setdefault(unit.table, []).append(u)
    return out


_DESCRIPTIVE_SECTION = re.compile(r"(?:[ivx]+\.|\d+\.|[a-z]\.)?\s*(?:description|background|rationale|evidence|"
                                  r"scientific|definitions?|overview|summary\s+of\s+evidence|clinical\s+background)\b", I)


_PAYMENT_DENIAL = re.compile(r"\b(?:does|do|will)\s+not\s+(?:separately\s+)?(?:reimburse|pay)\b|"
                             r"\bnot\s+(?:separately\s+)?(?:reimbursable|reimbursed|payable)\b|\bnon-?reimbursable\b", I)
_COVERAGE_DENIAL = re.compile(r"\b(?:does|do|will)\s+not\s+cover\b|\bnot\s+covered\b|\bnon-?covered\b|\binvestigational\b|"
                              r"\bexperimental\b|\bunproven\b|\bnot\s+(?:reasonable\s+and\s+)?medically\s+necessary\b|"
                              r"\bnot\s+reasonable\s+and\s+necessary\b", I)


def _speaks_of_payment(seg: Segmented) -> bool:
    """Every denial the policy's deciding sections state is one of payment ("does not reimburse", "is not
    reimbursable"), none of coverage: a payment policy, whose conditional denials are of payment too."""
    deciding = [_clean(u.text) for u in seg.units if u.kind in ("sentence", "item", "row", "label") and _decisional(u)
                and not _REFERENCES.search(u.section or "")]
    return any(_PAYMENT_DENIAL.search(t) for t in deciding) and not any(_COVERAGE_DENIAL.search(t) for t in deciding)


def _prose_mention(unit: Unit, code: str) -> bool:
    """The code is named inside a sentence (a sentence, a list item or a table cell of prose), not as the
    head of a code list's row or item."""
    if unit.kind == "sentence":
        return True
    if unit.kind == "row" and len(unit.cells) > 1:
        cell = next((c for c in unit.cells if code in c), "")
        return not re.match(r"\s*(?:ICD-?10(?:-CM)?\s+)?" + re.escape(code) + r"\b", cell, I)
    return unit.kind in ("item", "row") and not re.match(
        r"(?:[-*\u2022]\s*)?(?:\(?\w{1,3}[.)]\s+)?(?:ICD-?10(?:-CM)?\s+)?" + re.escape(code) + r"\b", unit.norm, I)


def _said_of_the_code(unit: Unit, code: str, role: str) -> bool:
    """A sentence whose subject is the code itself ("CPT 82607 is not covered", "Under this policy 82607
    (vitamin B12) is considered investigational") and whose own words give the role; not a table row's status."""
    prose = unit.kind in ("sentence", "item") or unit.kind == "row" and len(unit.cells) <= 1 and unit.norm.endswith(".")
    return prose and role_of(unit.text) == role and bool(re.search(
        r"(?<![\w.])" + re.escape(code) + r"(?:\s*\([^)]*\))?\s+(?:is|are|will\s+be)\s+(?:not\b|non-?covered\b|denied\b|"
        r"(?:considered\s+|deemed\s+)?(?:investigational|experimental|unproven)\b)", unit.norm, I))


_ADDRESSED_ELSEWHERE = re.compile(r"\b(?:is|are)\s+addressed\s+(?:in|by|under)\s+(?!this\b|the\s+(?:above|following)\b)|"
                                  # "... is reported separately and is reviewed under PG0225 Advanced Outpatient Imaging"
                                  r"\b(?:is|are)\s+reviewed\s+under\s+(?:(?:medical\s+)?polic(?:y|ies)\s+)?(?-i:[A-Z]{1,6})[-.]?\d", I)
_CONTINUED = re.compile(r"\(\s*continued\s*\)|\bcontinued\s*$", I)
_REMOVED_ROW = re.compile(r"\bremoved\s+(?:from\b|(?:effective\s+|on\s+|in\s+)?\d)|\bdeleted\s+(?:from\b|(?:effective\s+)?\d)|"
                         r"\bnow\s+(?:reviewed|addressed|decided)\s+(?:under|in|by)\b", I)
# "an unlisted or general laboratory code is denied only when it is billed for the listed service"
_GENERAL_CODES_ONLY = re.compile(r"\b(?:unlisted|general|non-?specific|miscellaneous)\b[^.;]*?\bcodes?\b[^.;]*?"
                                 r"\b(?:denied|not\s+covered|investigational|experimental)\s+only\s+(?:when|if)\b", I)


_BARE_CODES = re.compile(r"(?:(?:\d{5}|\d{4}[TU]|[A-CEGHJ-MP-V]\d{4})\*?(?:\s*(?:,|-|\u2013|and|or)\s*|\s+|$))+")


def _continuation(seg: Segmented, unit: Unit) -> Unit | None:
    """The line that ends a sentence a PDF broke after this one, when the reader took it for a row or a label: this
    sentence stops mid-phrase, the next line ends with a full stop and either closes the bracket this one opened
    ("(CPT 0609T," / "0610T, 0611T, 0612T) is considered ...") or, a label, begins with no code ("... reviewed under
    the Gantry" / "Appropriate Use Criteria: Imaging of the Brain ... is not addressed by this guideline.")."""
    nxt = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
    if unit.kind != "sentence" or unit.norm.endswith((".", ":", "?", "!", ";")) or nxt is None or \
            nxt.kind not in ("row", "label") or not nxt.norm.endswith("."):
        return None
    closes = unit.text.count("(") > unit.text.count(")") and nxt.text.count(")") > nxt.text.count("(")
    return nxt if closes or nxt.kind == "label" and not _CODE.match(nxt.norm) else None


def _continues_above(seg: Segmented, unit: Unit) -> bool:
    """This row is the end of the sentence above it (see _continuation), not a row of a code table."""
    return unit.index > 0 and _continuation(seg, seg.units[unit.index - 1]) is unit


def _ends_a_sentence(seg: Segmented, row: Unit) -> bool:
    """A line of codes alone that closes a sentence ("0609T and 0612T).") printed under a sentence that stops
    mid-phrase ("... for discogenic pain (CPT"): one sentence broken across two lines."""
    above = seg.units[row.index - 1] if row.index > 0 else None
    return above is not None and above.kind == "sentence" and not above.norm.endswith((".", ":", "?", "!", ";")) and \
        row.norm.endswith(".") and bool(_BARE_CODES.fullmatch(row.norm.rstrip(" .);")))


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


def _analyte_rows(seg: Segmented, result: ImportResult, know: Knowledge | None, row: Unit,
                  codes: list[tuple[str, str]], description: str) -> bool:
    """Rows of a code table headed by codes of the CPT Chemistry subsection (82009-84999: one analyte each, vitamin
    B12, zinc, an unlisted chemistry test), denied only by the list's lead, in a policy that denies a service made of
    several analytes: each code reports an ordinary single test too, so the lead denies it only as part of that
    service. A row that names a service the document decides (a services list: "Galectin-3 testing | 82777") is
    that service's own code."""
    if not codes or not all(system == "cpt" and code.isdigit() and 82009 <= int(code) <= 84999 for system, code in codes):
        return False
    if not re.match(r"\s*(?:\d{5}\b[\s,|-]*)+", row.text) or len(_clean(description).split()) > 12:
        return False      # the code heads its row and the rest is its descriptor, not a service's entry
    named = set(know.services_named(_clean(description))) if know is not None else set()
    decided = {s.service for s in result.services if s.determination is not None}
    return not named & decided and any(_PANEL.search(_clean(u.text)) for u in seg.units
                                       if u.kind in ("heading", "sentence", "item", "label") and _decisional(u))


# a service of several analytes: "nutrient panel", "micronutrient testing", "intracellular ... analysis"
_PANEL = re.compile(r"\b(?:panels?|micronutrient|multi-?(?:analyte|nutrient|vitamin)|intracellular|"
                    r"nutritional\s+(?:assessment|profile))\b", I)


def _general_codes(know: Knowledge | None, description: str) -> bool:
    """A row describing only known services that have no code of their own ("There is no specific CPT code for
    this service"): the codes it lists are general ones that report other services too."""
    named = know.services_named(_clean(description)) if know is not None else []
    return bool(named) and all(not s.codes for s in know.services if s.id in named)  # type: ignore[union-attr]


_OTHER_USES = re.compile(r"(?:\bfor\s+(?:any\s+)?(?:other|another)\s+(?:services?|purposes?|uses?|tests?|testing|reasons?|indications?)|"
                         # "Other services billed with 84999 are reviewed under the unlisted procedure instructions"
                         r"\bother\s+(?:services?|tests?|procedures?|uses?)\s+(?:billed|reported|submitted)\s+(?:with|under|as)\b|"
                         # "The same codes billed alone to evaluate a suspected deficiency are reviewed under the usual rules"
                         r"\b(?:same|these|both|such)\s+codes?\s+(?:are\s+|is\s+)?(?:billed|reported|submitted)\s+"
                         # ... "The same codes billed for a single serum test ordered for a suspected deficiency are
                         # reviewed under ordinary Medicare rules"
                         r"(?:alone|separately|individually|on\s+their\s+own|by\s+themselves|for\s+an?\s+(?:single|"
                         r"separate|ordinary|standard|routine)\b))\b"
                         r"[^.;]*\b(?:processed\s+normally|paid|payable|reimbursed|covered|allowed|not\s+affected|"
                         # "... is not addressed by this article": what the document does not decide, it does not deny
                         r"reviewed\s+under|not\s+addressed)\b", I)


def _sentence_holding(text: str, codes: list[tuple[str, str]]) -> tuple[str | None, str]:
    """Of a text of several sentences, the first that names the codes and gives a role, and the sentences after
    it; (None, "") when the text is one sentence or no sentence naming the codes gives a role."""
    spans = _sentence_spans(text, 0)
    if len(spans) < 2 or not codes:
        return None, ""
    for a, b in spans:
        if role_of(text[a:b]) is not None and any(
                re.search(r"(?<![\w.])" + re.escape(c) + r"(?!\w)", text[a:b]) for _, c in codes):
            return text[a:b], text[b:]
    return None, ""


def _covered_only_but(text: str) -> bool:
    """"X (CPT 82652) is covered only for members with ...; it is not covered to assess vitamin D status": covered
    for the uses it names, the clause after it one of the uses "only" already leaves out, so covered with criteria."""
    clean = _clean(text)
    head, sep, tail = clean.partition(";")
    return bool(sep) and re.search(r"\b(?:is|are)\s+covered\s+only\s+(?:for|when|if|in)\b", head, I) is not None and \
        not re.search(r"\bnot\b|\bnon-?covered\b", head, I) and \
        re.fullmatch(r"\s*(?:but\s+)?(?:it|they|this\s+test)\s+(?:is|are)\s+not\s+covered\s+(?:to|for)\s+[^;]+", tail, I) is not None


def _denied_but_other_uses(text: str) -> bool:
    """"A claim that bills 86353 or 84999 for such a panel will be denied; both codes remain payable for other testing":
    denied when billed for the one service, paid for the rest, so denied in context, not a status in doubt."""
    clean = _clean(text)
    head, sep, tail = clean.partition(";")
    return bool(sep) and role_of(head) == "not-covered" and _OTHER_USES.search(tail) is not None


def _note_speaks_of(seg: Segmented, note: Unit, codes: list[tuple[str, str]]) -> bool:
    """A note under a table speaks of the codes its paragraph names, or, naming none, of all the table's codes."""
    named = {c for u in seg.units[max(0, note.index - 3):note.index + 4] if u.block == note.block for c in _codes_in(u)}
    return not named or bool(named & set(codes))


def _other_uses_unaffected(seg: Segmented, unit: Unit) -> bool:
    """The sentence, or the next one of its paragraph naming the same codes, says the codes billed for other
    services are processed as usual."""
    if _OTHER_USES.search(_clean(unit.text)):
        return True
    after = seg.units[unit.index + 1] if unit.index + 1 < len(seg.units) else None
    return after is not None and after.kind == "sentence" and after.block == unit.block and \
        bool(_OTHER_USES.search(_clean(after.text))) and (bool(set(_codes_in(after)) & set(_codes_in(unit))) or (
            not _codes_in(after) and re.match(r"(?:the\s+)?(?:same|these|both|such)\s+codes?\b", after.norm, I) is not None))


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
