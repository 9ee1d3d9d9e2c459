"""Which orders are which service, and why: every piece of an order's evidence weighed together.

A phrase alone is a guess: "MRS" is also a stroke scale, "magnetic resonance spectroscopy" is also the
method of a blood lipoprotein test, "SpectraCell" is also a lab that sells telomere tests. So a phrase
fires only when nothing else on the order contradicts it: no negation before it, the context it needs
present, no veto of the service (an expansion, another method, a laboratory word), and no code or
category that says the order is of another kind. What vetoed a phrase is kept, so that `explain` and
the audit can say why an order did not fire.

Compiled once from services.yaml and the organisation's settings. An ordinary order costs a few
dictionary lookups and one pass of one combined pattern over its words, whatever the number of rules;
context and vetoes are read only for the rare order a trigger matched.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping

from .model import Coding, Evidence, Match, Order, Product, Service, Veto

MEMO_ORDERS = 4096        # distinct orders remembered per worker
MEMO_KEY_CHARS = 2048     # an order's text and codings, in characters: a few MB held at most
LOCAL_CODE_RULE = "local-code"
LOCAL_SUPPRESS_RULE = "local-suppress"
PANEL_VOLUME_RULE = "panel-volume"


class RecognitionDataError(ValueError):
    """A setting about recognition that cannot be used; the message names the setting."""


Place = tuple  # a path into services.yaml, e.g. ("services", 0, "phrases", 2, "pattern")
Report = Callable[[Place, str], None]   # records one problem in services.yaml and lets compiling go on


def word_pattern(body: str) -> str:
    """Wrap a phrase so it only matches whole words, whatever characters it starts or ends with."""
    return rf"(?<!\w)(?:{body})(?!\w)"


def _scoped(body: str, case_sensitive: bool) -> str:
    return f"(?-i:{body})" if case_sensitive else body


def compile_words(body: str, case_sensitive: bool = False) -> re.Pattern[str]:
    return re.compile(word_pattern(_scoped(body, case_sensitive)), re.IGNORECASE)


def _checked(body: str, where: Place, report: Report, case_sensitive: bool = False) -> re.Pattern[str] | None:
    try:
        return compile_words(body, case_sensitive)
    except re.error as exc:
        report(where, f"{body!r} is not a valid regular expression ({exc})")
        return None


@dataclass(frozen=True)
class Requirement:
    pattern: re.Pattern[str]
    reason: str
    source: str


@dataclass(frozen=True)
class TriggerRule:
    id: str
    service_id: str
    product_id: str | None
    pattern: str
    reason: str
    source: str
    regex: re.Pattern[str]
    order: int                          # its place in services.yaml: the tie-breaker between overlaps
    requires: Requirement | None = None


_LITERAL_START = re.compile(r"[A-Za-z0-9]+")


def _has_top_level_alternation(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def anchor_of(pattern: str) -> str | None:
    """The literal letters a phrase must start with, lower-cased: the key under which it is indexed.

    A phrase is only tried on an order that has a word beginning with its anchor, so the cost of an
    order is a few dictionary lookups per word, whatever the number of phrases. A pattern that starts
    with a group or a class has no anchor and is tried on every order (keep those few).
    """
    m = _LITERAL_START.match(pattern)
    if m is None or _has_top_level_alternation(pattern):
        return None
    literal = m.group(0)
    rest = pattern[m.end():]
    if rest[:1] in ("?", "*", "{"):      # the last letter is optional: it cannot be part of the anchor
        literal = literal[:-1]
    return literal.lower() if len(literal) >= 2 else None


@dataclass(frozen=True)
class VetoRule:
    id: str
    service_id: str
    pattern: re.Pattern[str]
    scope: str                          # "order": anywhere in the order's words; "overlap": on the match
    applies_to: frozenset[str] | None   # trigger ids; None: every phrase of the service
    reason: str
    source: str


@dataclass(frozen=True)
class KindRule:
    id: str
    alias: str
    kind: str
    field: str                          # "code" (the order's codes) or "category"
    code: str | None
    low: int | None
    high: int | None
    any_code: bool
    unless: re.Pattern[str] | None
    reason: str
    source: str


@dataclass(frozen=True)
class Negation:
    markers: re.Pattern[str]            # groups "cue" and "reset"
    window: int
    reason: str
    source: str


@dataclass(frozen=True)
class PanelRule:
    service_id: str
    product_id: str
    codes: frozenset[str]
    threshold: int


@dataclass(frozen=True)
class Recognizer:
    services: Mapping[str, Service]
    products: Mapping[tuple[str, str], Product]
    system_alias: Mapping[str, str]
    code_index: Mapping[tuple[str, str], tuple[str, ...]]
    code_displays: Mapping[tuple[str, str], str]
    code_sources: Mapping[tuple[str, str], str]
    trigger_rules: tuple[TriggerRule, ...]
    anchors: Mapping[str, tuple[TriggerRule, ...]]       # lower-case leading letters -> phrases
    anchor_lengths: tuple[int, ...]                      # the distinct anchor lengths, for prefix lookups
    unanchored: tuple[TriggerRule, ...]                  # phrases tried on every order (none bundled)
    vetoes: Mapping[str, tuple[VetoRule, ...]]           # service id -> its vetoes
    kind_by_code: Mapping[tuple[str, str, str], KindRule]  # (field, alias, CODE) -> rule
    kind_ranges: tuple[KindRule, ...]
    kind_any: Mapping[tuple[str, str], KindRule]         # (field, alias) -> rule
    negation: Negation | None
    combined_study: Mapping[str, re.Pattern[str]]
    local_codes: Mapping[tuple[str, str], tuple[str, str | None]]
    local_suppress: Mapping[tuple[str, str], str]        # (system, code) -> service id, trigger id or "*"
    panel: PanelRule | None
    # What recognition concluded, by the only inputs it reads (see matches_of); a fresh memo for every
    # Recognizer, also one made by dataclasses.replace.
    memo: Any = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "memo", lru_cache(maxsize=MEMO_ORDERS)(self._matches_of_key))

    def _matches_of_key(self, key: tuple) -> tuple[Match, ...]:
        text, codings, billing_codings, categories = key
        return examine(Order("", None, codings, billing_codings, text, None, {}, categories), self).matches

    def matches_of(self, order: Order) -> tuple[Match, ...]:
        """examine(order).matches, weighed once per distinct order. Recognition reads an order's text,
        codings, billing codings and categories and nothing else (not its id, dates or resource), so
        those four values are the key, compared exactly; Match holds no order. A catalog orders the
        same few hundred things again and again; an order too large to be one of those is weighed
        every time, so the memo holds at most MEMO_ORDERS keys of MEMO_KEY_CHARS characters."""
        codings, billing_codings, categories = order.codings, order.billing_codings, order.categories
        size = len(order.text or "")
        for c in codings + billing_codings + categories:
            size += len(c.system or "") + len(c.code or "") + len(c.display or "")
        if size > MEMO_KEY_CHARS:
            return examine(order, self).matches
        return self.memo((order.text, codings, billing_codings, categories))

    @property
    def rule_count(self) -> int:
        return (len(self.trigger_rules) + sum(len(v) for v in self.vetoes.values()) + len(self.kind_by_code)
                + len(self.kind_ranges) + len(self.kind_any) + len(self.code_index))


@dataclass(frozen=True)
class Examination:
    """Everything recognition concluded about one order: what fired and what was vetoed."""

    order: Order
    matches: tuple[Match, ...]
    vetoed: tuple[Veto, ...]          # vetoes for services that did not fire at all
    kinds: tuple[tuple[str, str], ...]  # (kind, why) the order's codes and category say


# --- compiling -------------------------------------------------------------------------------------

def _requirement(spec: Mapping[str, Any] | None, where: Place, report: Report) -> Requirement | None:
    if not spec:
        return None
    pattern = _checked(spec["pattern"], where + ("requires", "pattern"), report)
    return Requirement(pattern, spec["reason"], spec["source"]) if pattern else None


def compile_recognizer(
    services_doc: Mapping[str, Any],
    services: Mapping[str, Service],
    products: Mapping[tuple[str, str], Product],
    system_alias: Mapping[str, str],
    *,
    panel: PanelRule | None,
    report: Report,
) -> Recognizer:
    """Compile the recognition rules of services.yaml (already schema-valid).

    Mistakes in the file go to `report` (all of them, so an editor fixes them in one pass). The
    organisation's own codes and suppressions are added by `with_local_settings`.
    """
    aliases = set(system_alias.values())
    code_index: dict[tuple[str, str], list[str]] = {}
    code_displays: dict[tuple[str, str], str] = {}
    code_sources: dict[tuple[str, str], str] = {}
    trigger_rules: list[TriggerRule] = []
    trigger_ids: dict[str, str] = {}
    vetoes: dict[str, list[VetoRule]] = {}
    combined: dict[str, re.Pattern[str]] = {}

    def add_trigger(sid: str, product_id: str | None, spec: Mapping[str, Any], where: Place) -> None:
        case = spec.get("case_sensitive", False)
        regex = _checked(spec["pattern"], where + ("pattern",), report, case)
        if regex is None:
            return   # reported with its place; it is never tried
        if spec["id"] in trigger_ids:
            report(where + ("id",), f"phrase id '{spec['id']}' is used twice")
            return
        trigger_ids[spec["id"]] = sid
        trigger_rules.append(TriggerRule(spec["id"], sid, product_id, spec["pattern"], spec["reason"],
                                         spec["source"], regex, len(trigger_rules),
                                         _requirement(spec.get("requires"), where, report)))

    for s_index, spec in enumerate(services_doc["services"]):
        where: Place = ("services", s_index)
        sid = spec["id"]
        for c_index, code in enumerate(spec["codes"]):
            if code["system"] not in aliases:
                report(where + ("codes", c_index, "system"), f"unknown code system alias '{code['system']}'")
                continue
            key = (code["system"], code["code"].upper())
            code_index.setdefault(key, []).append(sid)
            code_sources[key] = code["source"]
            if code.get("display"):
                code_displays[key] = code["display"]
        for p_index, phrase in enumerate(spec["phrases"]):
            add_trigger(sid, None, phrase, where + ("phrases", p_index))
        for pr_index, prod in enumerate(spec["products"]):
            if prod.get("enabled", True):
                for ph_index, phrase in enumerate(prod["phrases"]):
                    add_trigger(sid, prod["id"], phrase, where + ("products", pr_index, "phrases", ph_index))
        if spec.get("combined_study_phrases"):
            combined[sid] = re.compile(
                "|".join(word_pattern(p["pattern"]) for p in spec["combined_study_phrases"]), re.IGNORECASE)
        for v_index, veto in enumerate(spec.get("vetoes", [])):
            vwhere = where + ("vetoes", v_index)
            applies = veto.get("applies_to")
            wrong = [t for t in applies or () if trigger_ids.get(t) != sid]
            for a_index, tid in enumerate(applies or ()):
                if tid in wrong:
                    report(vwhere + ("applies_to", a_index), f"'{tid}' is not a phrase id of service '{sid}'")
            pattern = _checked(veto["pattern"], vwhere + ("pattern",), report, veto.get("case_sensitive", False))
            if pattern is None or wrong:
                continue
            vetoes.setdefault(sid, []).append(VetoRule(
                veto["id"], sid, pattern, veto["scope"], frozenset(applies) if applies else None,
                veto["reason"], veto["source"]))

    kind_by_code: dict[tuple[str, str, str], KindRule] = {}
    kind_ranges: list[KindRule] = []
    kind_any: dict[tuple[str, str], KindRule] = {}
    for k_index, spec in enumerate(services_doc.get("order_kinds", [])):
        where = ("order_kinds", k_index)
        if spec["system"] not in aliases:
            report(where + ("system",), f"unknown code system alias '{spec['system']}'")
            continue
        low = high = None
        if "range" in spec:
            low, high = (int(v) for v in spec["range"])   # the schema allows digits only
        unless = _checked(spec["unless"], where + ("unless",), report) if spec.get("unless") else None
        rule = KindRule(spec["id"], spec["system"], spec["kind"], spec.get("field", "code"), spec.get("code"),
                        low, high, bool(spec.get("any_code")), unless, spec["reason"], spec["source"])
        if rule.code is not None:
            kind_by_code[(rule.field, rule.alias, rule.code.upper())] = rule
        elif rule.low is not None:
            kind_ranges.append(rule)
        elif rule.any_code:
            kind_any[(rule.field, rule.alias)] = rule
        else:
            report(where, "needs 'code', 'range' or 'any_code'")

    negation = None
    if services_doc.get("negation"):
        spec = services_doc["negation"]
        try:
            markers = re.compile(
                rf"(?P<reset>{word_pattern(spec['resets'])}|{spec['separators']})|(?P<cue>{word_pattern(spec['cues'])})",
                re.IGNORECASE)
        except re.error as exc:
            report(("negation",), f"cues, resets and separators do not make a valid regular expression ({exc})")
        else:
            negation = Negation(markers, spec["window"], spec["reason"], spec["source"])

    anchors: dict[str, list[TriggerRule]] = {}
    unanchored: list[TriggerRule] = []
    for rule in trigger_rules:
        anchor = anchor_of(rule.pattern)
        if anchor is None:
            unanchored.append(rule)
        else:
            anchors.setdefault(anchor, []).append(rule)

    return Recognizer(
        services=services, products=products, system_alias=system_alias,
        code_index={k: tuple(v) for k, v in code_index.items()}, code_displays=code_displays, code_sources=code_sources,
        trigger_rules=tuple(trigger_rules), anchors={k: tuple(v) for k, v in anchors.items()},
        anchor_lengths=tuple(sorted({len(k) for k in anchors})), unanchored=tuple(unanchored),
        vetoes={k: tuple(v) for k, v in vetoes.items()}, kind_by_code=kind_by_code,
        kind_ranges=tuple(kind_ranges), kind_any=kind_any, negation=negation, combined_study=combined,
        local_codes={}, local_suppress={}, panel=panel)


def with_local_settings(rz: Recognizer, local: Mapping[tuple[str, str], tuple[str, str | None]],
                        local_suppress: Mapping[str, str] | None) -> Recognizer:
    """The recognizer with the organisation's catalog codes (CDS_LOCAL_CODES, already resolved) and
    suppressions (CDS_LOCAL_SUPPRESS); a suppression naming nothing known raises RecognitionDataError."""
    trigger_ids = {r.id for r in rz.trigger_rules}
    suppress: dict[tuple[str, str], str] = {}
    for key, target in (local_suppress or {}).items():
        system, sep, code = str(key).rpartition("|")
        if not sep or not system or not code:
            raise RecognitionDataError(f"CDS_LOCAL_SUPPRESS: key {key!r} must be '<system>|<code>'")
        if target != "*" and target not in rz.services and target not in trigger_ids:
            raise RecognitionDataError(
                f"CDS_LOCAL_SUPPRESS[{key!r}]: '{target}' is neither '*', a service id ({sorted(rz.services)}) "
                f"nor a phrase id of services.yaml")
        suppress[(system, code)] = target
    return replace(rz, local_codes=dict(local), local_suppress=suppress)


# --- examining one order ---------------------------------------------------------------------------

@dataclass
class _Text:
    where: str
    text: str
    codings: tuple[Coding, ...]   # the codings whose display this is (none for the order text)


def _texts(order: Order) -> list[_Text]:
    """The order text and each distinct code display, once: codings that repeat one display say the same
    thing, and weighing it once per coding let a hostile order multiply the work."""
    texts = [_Text("the order text", order.text, ())] if order.text else []
    by_display: dict[str, list[Coding]] = {}
    for c in order.codings:
        if c.display:
            by_display.setdefault(c.display, []).append(c)
    texts += [_Text("a code display", display, tuple(cs)) for display, cs in by_display.items()]
    return texts


def _numeric(code: str) -> int | None:
    return int(code) if code.isdigit() else None


def _kinds(order: Order, rz: Recognizer, texts: list[_Text]) -> dict[str, tuple[KindRule, str]]:
    """kind -> (the rule, the code) for every kind the order's codes and category name."""
    found: dict[str, tuple[KindRule, str]] = {}
    for field, codings in (("code", order.codings + order.billing_codings), ("category", order.categories)):
        for coding in codings:
            alias = rz.system_alias.get(coding.system or "")
            if alias is None or not coding.code:
                continue
            code = coding.code.strip().upper()
            rule = rz.kind_by_code.get((field, alias, code)) or rz.kind_any.get((field, alias))
            if rule is None and field == "code" and rz.kind_ranges:
                number = _numeric(code)
                if number is not None:
                    rule = next((r for r in rz.kind_ranges if r.alias == alias and r.field == field
                                 and r.low <= number <= r.high), None)
            if rule is None or rule.kind in found:
                continue
            if rule.unless is not None and any(rule.unless.search(t.text) for t in texts):
                continue
            found[rule.kind] = (rule, f"{alias.upper()} {code}")
    return found


_WORD = re.compile(r"\w+")


def _candidates(rz: Recognizer, text: str) -> list[TriggerRule]:
    """The phrases worth trying on a text: those whose anchor begins one of its words."""
    found: dict[int, TriggerRule] = {r.order: r for r in rz.unanchored}
    for word in _WORD.findall(text.lower()):
        for length in rz.anchor_lengths:
            if length > len(word):
                break
            for rule in rz.anchors.get(word[:length], ()):
                found[rule.order] = rule
    return [found[k] for k in sorted(found)]


# A phrase said more than this many times in one text says nothing new, and each occurrence is weighed
# against every text of the order: the cap keeps a hostile order (a trigger phrase repeated through a
# 2,048-character text, on every coding display) from costing seconds of CPU.
OCCURRENCES_WEIGHED = 3
# The same reasoning for a whole order: real orders give a handful of phrase matches (the corpus at most
# a few each); past this many an order has already said everything it can.
HITS_WEIGHED_PER_ORDER = 48


def _phrase_hits(rz: Recognizer, text: str) -> list[tuple[re.Match[str], TriggerRule]]:
    """Every phrase match in a text, longest first where two overlap for the same service, so that one
    stretch of words is one piece of evidence ("MR spectroscopy" is not also "spectroscopy")."""
    hits = [(m, rule) for rule in _candidates(rz, text)
            for m in islice(rule.regex.finditer(text), OCCURRENCES_WEIGHED)]
    hits.sort(key=lambda h: (h[0].start(), -(h[0].end() - h[0].start()), h[1].order))
    kept: list[tuple[re.Match[str], TriggerRule]] = []
    for m, rule in hits:
        if not any(k.service_id == rule.service_id and km.start() < m.end() and m.start() < km.end()
                   for km, k in kept):
            kept.append((m, rule))
    return kept


def _negated(rz: Recognizer, text: str, start: int) -> str | None:
    """The negating word before `start`, unless a "with", "and" or punctuation stands in between."""
    if rz.negation is None:
        return None
    window_start = max(0, start - rz.negation.window)
    last = None
    for m in rz.negation.markers.finditer(text, window_start, start):
        last = m
    if last is not None and last.lastgroup == "cue":
        return last.group(0)
    return None


def examine(order: Order, rz: Recognizer, *, with_kinds: bool = False) -> Examination:
    """Weigh every piece of an order's evidence; the services it is, with what fired and what vetoed.

    The order's kinds are read only when a phrase needs them, or when asked (`explain` shows them).
    """
    fired: dict[str, list[Evidence]] = {}
    vetoed: dict[str, list[Veto]] = {}
    products: dict[str, dict[str, Product]] = {}
    code_matched: set[tuple[str, int]] = set()   # (service, id of the coding) whose code fired

    def fire(service_id: str, ev: Evidence, product_id: str | None = None) -> None:
        if ev not in fired.setdefault(service_id, []):
            fired[service_id].append(ev)
        if product_id is not None:
            products.setdefault(service_id, {})[product_id] = rz.products[(service_id, product_id)]

    def veto(service_id: str, ev: Evidence, by: str, rule_id: str, reason: str, source: str) -> None:
        v = Veto(ev, by, rule_id, reason, source)
        if v not in vetoed.setdefault(service_id, []):
            vetoed[service_id].append(v)

    texts = _texts(order)
    panel_codes: set[str] = set()
    other_cpt: set[str] = set()
    suppressed: dict[str, str] = {}   # service id, trigger id or "*" -> the local code that suppresses it
    for coding in order.codings + order.billing_codings:
        if not coding.code:
            continue
        alias = rz.system_alias.get(coding.system or "")
        code = coding.code.strip().upper()
        if alias is not None:
            for service_id in rz.code_index.get((alias, code), ()):
                label = rz.code_displays.get((alias, code)) or rz.services[service_id].name
                fire(service_id, Evidence("code", code, "the order's codes", label,
                                          rule_id=f"{service_id}:{alias}:{code}", reason="a code that names the service",
                                          source=rz.code_sources[(alias, code)], system=alias.upper()))
                code_matched.add((service_id, id(coding)))
            if alias == "cpt":
                if rz.panel is not None and code in rz.panel.codes:
                    panel_codes.add(code)
                elif (alias, code) not in rz.code_index:
                    other_cpt.add(code)
        local = rz.local_codes.get((coding.system or "", coding.code))
        if local is not None:
            service_id, policy_id = local
            fire(service_id, Evidence("local-code", coding.code, "the order's codes",
                                      f"this organisation's catalog mapping to {policy_id or service_id}",
                                      rule_id=LOCAL_CODE_RULE, reason="CDS_LOCAL_CODES", source="CDS_LOCAL_CODES"))
        target = rz.local_suppress.get((coding.system or "", coding.code))
        if target is not None:
            suppressed.setdefault(target, coding.code)

    kinds: dict[str, tuple[KindRule, str]] | None = _kinds(order, rz, texts) if with_kinds else None
    weighed = 0
    for t in texts:
        if weighed >= HITS_WEIGHED_PER_ORDER:
            break
        for m, rule in _phrase_hits(rz, t.text):
            weighed += 1
            if weighed > HITS_WEIGHED_PER_ORDER:
                break
            sid = rule.service_id
            if t.codings and all((sid, id(c)) in code_matched for c in t.codings):
                continue   # the display of a code that already fired says the same thing again
            product = rz.products.get((sid, rule.product_id)) if rule.product_id else None
            ev = Evidence("phrase", m.group(0), t.where, product.name if product else rz.services[sid].name,
                          rule_id=rule.id, reason=rule.reason, source=rule.source)
            if kinds is None:
                kinds = _kinds(order, rz, texts)
            why = _why_not(rz, rule, ev, m, t, texts, kinds)
            if why is None:
                if rule.requires is not None:   # say what completed the phrase: "Vibrant … Micronutrients"
                    hit = next(h for x in texts for h in [rule.requires.pattern.search(x.text)] if h)
                    ev = replace(ev, matched=f"{ev.matched} … {hit.group(0)}")
                fire(sid, ev, rule.product_id)
            else:
                veto(sid, ev, *why)

    if rz.panel is not None and len(panel_codes) >= rz.panel.threshold:
        fire(rz.panel.service_id,
             Evidence("panel-volume", ", ".join(sorted(panel_codes)), "one order's codes",
                      f"{len(panel_codes)} distinct panel CPT codes on one order (threshold {rz.panel.threshold})",
                      rule_id=PANEL_VOLUME_RULE, reason="many panel CPT codes on one order",
                      source="seed 001 (Coding table)"),
             rz.panel.product_id)

    if suppressed:
        for service_id in list(fired):
            for ev in list(fired[service_id]):
                code = (suppressed.get("*") or suppressed.get(service_id) or suppressed.get(ev.rule_id))
                if code is not None and ev.kind != "local-code":
                    fired[service_id].remove(ev)
                    veto(service_id, ev, code, LOCAL_SUPPRESS_RULE,
                         "this organisation switched this trigger off for its catalog code (CDS_LOCAL_SUPPRESS)",
                         "CDS_LOCAL_SUPPRESS")

    matches = []
    for service_id, evs in fired.items():
        if not evs:
            continue
        service = rz.services[service_id]
        prods = tuple(products.get(service_id, {}).values())
        if not prods and (service_id, "generic") in rz.products:
            prods = (rz.products[(service_id, "generic")],)
        elif not prods and (service_id, service_id) in rz.products:
            prods = (rz.products[(service_id, service_id)],)
        combined = False
        if service_id in rz.combined_study:
            combined = bool(other_cpt) or any(rz.combined_study[service_id].search(t.text) for t in texts)
        matches.append(Match(service, prods, tuple(evs), combined, tuple(vetoed.get(service_id, ()))))
    unmatched = tuple(v for sid, vs in vetoed.items() if not fired.get(sid) for v in vs)
    kind_list = tuple((k, f"{code}: {rule.reason}") for k, (rule, code) in (kinds or {}).items())
    return Examination(order, tuple(matches), unmatched, kind_list)


def _why_not(rz: Recognizer, rule: TriggerRule, ev: Evidence, m: re.Match[str], t: _Text, texts: list[_Text],
             kinds: Mapping[str, tuple[KindRule, str]]) -> tuple[str, str, str, str] | None:
    """(what vetoed, rule id, reason, source) when the phrase does not make the order the service."""
    cue = _negated(rz, t.text, m.start())
    if cue is not None and rz.negation is not None:
        return cue, "negation", rz.negation.reason, rz.negation.source
    if rule.requires is not None and not any(rule.requires.pattern.search(x.text) for x in texts):
        return "no words it requires", f"{rule.id}:requires", rule.requires.reason, rule.requires.source
    for v in rz.vetoes.get(rule.service_id, ()):
        if v.applies_to is not None and rule.id not in v.applies_to:
            continue
        if v.scope == "overlap":
            hit = next((h for h in v.pattern.finditer(t.text) if h.start() < m.end() and m.start() < h.end()), None)
        else:
            hit = next((h for x in texts for h in [v.pattern.search(x.text)] if h is not None), None)
        if hit is not None:
            return hit.group(0), v.id, v.reason, v.source
    service = rz.services[rule.service_id]
    if kinds and service.kind not in kinds:
        other_rule, code = next(iter(kinds.values()))
        return code, other_rule.id, f"{other_rule.reason}, not {service.kind}", other_rule.source
    return None
