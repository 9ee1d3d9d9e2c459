"""The PolicySet: policy data compiled once into indexes.

Built at start (and on reload) from already-parsed documents, immutable afterwards. Every lookup an
order needs is a dictionary access or one pass of one precompiled pattern, so the cost per order does
not grow with the number of policies on file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .model import ExcludedLine, Link, PolicyRule, Payer, Product, SerumTest, Service
from .recognition import (PanelRule, RecognitionDataError, Recognizer, compile_recognizer, with_local_settings,
                          word_pattern)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the policy data: the file, the field (a path into the document) and what.

    The engine reads no files, so it cannot know line numbers; the loader that parsed the file adds
    them, so an editor is sent to the line to fix.
    """

    file: str
    field: tuple[str | int, ...]
    message: str
    line: int | None = None

    @property
    def field_name(self) -> str:
        out = ""
        for part in self.field:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out or "(top level)"

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        return f"{place}: field {self.field_name}: {self.message}"


SERVICES_FILE = "services.yaml"
PAYERS_FILE = "payers.yaml"


class PolicyDataError(ValueError):
    """Policy data that cannot be used. Either one message (a setting, a file that cannot be read) or
    every Problem found, each naming its file and field."""

    def __init__(self, message: "str | Iterable[Problem]"):
        if isinstance(message, str):
            self.problems: tuple[Problem, ...] = ()
            super().__init__(message)
        else:
            self.problems = tuple(message)
            super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class LineRule:
    id: str
    display: str
    code_prefixes: tuple[tuple[frozenset[str], str], ...]
    names: re.Pattern[str] | None


@dataclass(frozen=True)
class PolicySet:
    services: Mapping[str, Service]
    products: Mapping[tuple[str, str], Product]
    system_alias: Mapping[str, str]                      # any accepted system URI -> alias
    system_emit: Mapping[str, str]                       # alias -> URI we write
    recognizer: Recognizer                               # codes, phrases, vetoes, kinds, local codes
    policies: Mapping[str, PolicyRule]
    by_service_payer: Mapping[tuple[str, str], tuple[PolicyRule, ...]]
    by_service: Mapping[str, tuple[PolicyRule, ...]]
    national: Mapping[tuple[str, str], tuple[PolicyRule, ...]]   # (service, line) -> national rules
    payers: Mapping[str, Payer]
    payer_identifiers: Mapping[tuple[str, str], str]
    payer_names: tuple[tuple[re.Pattern[str], str], ...]
    lines: tuple[LineRule, ...]
    line_displays: Mapping[str, str]
    disabled_policies: frozenset[str]
    version: str = field(default="")


def _compile(body: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(word_pattern(body), re.IGNORECASE)
    except re.error as exc:
        raise PolicyDataError(f"{where}: pattern {body!r} is not a valid regular expression ({exc})") from exc


def _month(value: Any) -> str | None:
    return None if value is None else str(value)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise PolicyDataError(f"{value!r} is not a date (YYYY-MM-DD)") from exc


def build_policy_set(
    services_doc: Mapping[str, Any],
    payers_doc: Mapping[str, Any],
    policy_docs: Iterable[tuple[str, Mapping[str, Any]]],
    serum_doc: Mapping[str, Any],
    *,
    payer_overrides: Mapping[str, Any] | None = None,
    local_codes: Mapping[str, str] | None = None,
    local_suppress: Mapping[str, str] | None = None,
    panel_min_codes: int | None = None,
    disabled_policies: Iterable[str] = (),
) -> PolicySet:
    """Compile schema-valid documents and the organisation's settings into a PolicySet.

    Checks what a schema cannot: references between files, unverified codes offered as suggestions,
    unknown ids in settings. Each error names the file and field.
    """
    policy_docs = list(policy_docs)
    disabled = frozenset(p.strip() for p in disabled_policies if p and p.strip())
    # Mistakes in the files are all collected and reported together, so an editor fixes them in one
    # pass; a bad setting stops at once.
    problems: list[Problem] = []

    # --- code systems
    system_alias: dict[str, str] = {}
    system_emit: dict[str, str] = {}
    for alias, spec in services_doc["code_systems"].items():
        system_emit[alias] = spec["emit"]
        for uri in spec["accept"]:
            system_alias[uri] = alias

    # --- serum alternatives
    serum: dict[str, SerumTest | None] = {}
    for key, alt in serum_doc["alternatives"].items():
        loinc = alt["loinc"]
        if alt["verified"] and loinc.get("display"):
            serum[key] = SerumTest(key, alt["short"], alt["test"], alt["cpt"], loinc["code"], loinc["display"])
        else:
            serum[key] = None  # known but unverified: never offered

    # --- services, products, panel codes (codes, phrases, vetoes, kinds: recognition.compile_recognizer)
    services: dict[str, Service] = {}
    products: dict[tuple[str, str], Product] = {}
    panel: PanelRule | None = None

    for s_index, spec in enumerate(services_doc["services"]):
        where: tuple[str | int, ...] = ("services", s_index)
        sid = spec["id"]
        if sid in services:
            problems.append(Problem(SERVICES_FILE, where + ("id",), f"service '{sid}' is defined twice"))
        services[sid] = Service(sid, spec["name"], spec["short_name"], spec["kind"])
        for pr_index, prod in enumerate(spec["products"]):
            pwhere = where + ("products", pr_index)
            alternatives = []
            for a_index, key in enumerate(prod.get("serum_alternatives", [])):
                if key not in serum:
                    problems.append(Problem(SERVICES_FILE, pwhere + ("serum_alternatives", a_index),
                                            f"'{key}' is not in serum_alternatives.yaml"))
                elif serum[key] is None:
                    problems.append(Problem(SERVICES_FILE, pwhere + ("serum_alternatives", a_index),
                                            f"'{key}' is not verified and cannot be offered as a suggestion"))
                else:
                    alternatives.append(serum[key])
            products[(sid, prod["id"])] = Product(prod["id"], prod["name"], prod.get("lab"), tuple(alternatives))
        if "panel_codes" in spec:
            pc = spec["panel_codes"]
            if (sid, pc["product"]) not in products:
                problems.append(Problem(SERVICES_FILE, where + ("panel_codes", "product"),
                                        f"unknown product '{pc['product']}'"))
                continue
            threshold = pc["threshold"] if panel_min_codes is None else panel_min_codes
            if threshold < 2:
                raise PolicyDataError("CDS_PANEL_MIN_CODES: must be at least 2 (one panel code alone is an ordinary test)")
            panel = PanelRule(sid, pc["product"], frozenset(c.upper() for c in pc["codes"]), threshold)

    # --- payers
    payer_specs: dict[str, dict[str, Any]] = {}
    for p_index, spec in enumerate(payers_doc["payers"]):
        if spec["id"] in payer_specs:
            problems.append(Problem(PAYERS_FILE, ("payers", p_index, "id"), f"payer '{spec['id']}' is defined twice"))
        payer_specs[spec["id"]] = {
            "display": spec.get("display"), "short_name": spec.get("short_name") or spec.get("display"),
            "line_of_business": spec.get("line_of_business"),
            "identifiers": [(i["system"], i["value"]) for i in spec.get("identifiers", [])],
            "names": list(spec.get("names", [])), "name_patterns": list(spec.get("name_patterns", [])),
        }
    for pid, extra in (payer_overrides or {}).items():
        where = f"CDS_PAYERS['{pid}']"
        if not isinstance(extra, Mapping):
            raise PolicyDataError(f"{where}: must be an object with 'names' and/or 'identifiers'")
        target = payer_specs.setdefault(pid, {
            "display": None, "short_name": None, "line_of_business": None,
            "identifiers": [], "names": [], "name_patterns": []})
        if isinstance(extra.get("display"), str) and extra["display"]:
            target["display"] = target["short_name"] = extra["display"]
        if isinstance(extra.get("short_name"), str) and extra["short_name"]:
            target["short_name"] = extra["short_name"]
        names = extra.get("names", [])
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise PolicyDataError(f"{where}.names: must be a list of non-empty strings")
        target["names"].extend(names)
        idents = extra.get("identifiers", [])
        if not isinstance(idents, list):
            raise PolicyDataError(f"{where}.identifiers: must be a list of {{system, value}} objects")
        for i_index, ident in enumerate(idents):
            if not (isinstance(ident, Mapping) and isinstance(ident.get("system"), str)
                    and isinstance(ident.get("value"), str) and ident["system"] and ident["value"]):
                raise PolicyDataError(f"{where}.identifiers[{i_index}]: needs string 'system' and 'value'")
            target["identifiers"].append((ident["system"], ident["value"]))

    payers: dict[str, Payer] = {}
    payer_identifiers: dict[tuple[str, str], str] = {}
    payer_names: list[tuple[re.Pattern[str], str]] = []
    for pid, spec in payer_specs.items():
        payers[pid] = Payer(pid, spec["display"], spec["short_name"], spec["line_of_business"])
        for system, value in spec["identifiers"]:
            other = payer_identifiers.setdefault((system, value.strip()), pid)
            if other != pid:
                raise PolicyDataError(f"payers: identifier {system}|{value} names both '{other}' and '{pid}'")
        bodies = [re.escape(n.strip()).replace(r"\ ", r"\s+") for n in spec["names"]] + spec["name_patterns"]
        if bodies:
            payer_names.append((_compile("|".join(f"(?:{b})" for b in bodies), f"payers: '{pid}' names"), pid))

    lines: list[LineRule] = []
    for l_index, spec in enumerate(payers_doc["lines_of_business"]):
        prefixes = tuple((frozenset(p["systems"]), p["prefix"]) for p in spec.get("code_prefixes", []))
        names = spec.get("name_patterns", [])
        lines.append(LineRule(
            spec["id"], spec["display"], prefixes,
            _compile("|".join(f"(?:{n})" for n in names), f"payers.yaml: lines_of_business[{l_index}]") if names else None))
    line_ids = {line.id for line in lines}
    for p_index, spec in enumerate(payers_doc["payers"]):
        if spec.get("line_of_business") is not None and spec["line_of_business"] not in line_ids:
            problems.append(Problem(PAYERS_FILE, ("payers", p_index, "line_of_business"),
                                    f"'{spec['line_of_business']}' is not in lines_of_business"))

    # --- policies
    policies: dict[str, PolicyRule] = {}
    for filename, doc in policy_docs:
        found = len(problems)
        if doc["id"] in policies:
            problems.append(Problem(filename, ("id",), f"'{doc['id']}' is used by another policy file"))
        if doc["payer"] not in payers:
            problems.append(Problem(filename, ("payer",), f"'{doc['payer']}' is not in payers.yaml"))
        if doc["service"] not in services:
            problems.append(Problem(filename, ("service",), f"'{doc['service']}' is not in services.yaml"))
        places = [(("lines_of_business", i), line) for i, line in enumerate(doc["lines_of_business"])]
        places += [(("excluded_lines", i, "line"), e["line"]) for i, e in enumerate(doc.get("excluded_lines", []))]
        places += [(("by_line", line), line) for line in doc.get("by_line", {})]
        for field_path, line in places:
            if line not in line_ids:
                problems.append(Problem(filename, field_path, f"line of business '{line}' is not in payers.yaml"))
        try:
            effective_from = _date(doc["effective_from"])
        except PolicyDataError as exc:
            problems.append(Problem(filename, ("effective_from",), str(exc)))
        if len(problems) > found:
            continue
        policies[doc["id"]] = PolicyRule(
            id=doc["id"], payer=payers[doc["payer"]], service_id=doc["service"], title=doc["title"],
            reference=doc["reference"], short_reference=doc["short_reference"], source=doc["source"],
            determination=doc["determination"], determination_text=doc["determination_text"],
            lines_of_business=frozenset(doc["lines_of_business"]),
            lines_of_business_text=doc.get("lines_of_business_text", ", ".join(doc["lines_of_business"])),
            when_line_unknown=doc["when_line_unknown"],
            excluded_lines=tuple(ExcludedLine(e["line"], e["quote"]) for e in doc.get("excluded_lines", [])),
            effective_from=effective_from,
            last_reviewed=_month(doc.get("last_reviewed")), next_review=_month(doc.get("next_review")),
            statements=dict(doc["statements"]), override_reasons=tuple(doc["override_reasons"]),
            links=tuple(Link(l["label"], l["url"]) for l in doc.get("links", [])),
            policy_url=doc.get("policy_url"), national=doc.get("scope") == "national",
            label=doc.get("label") or doc["title"], card=dict(doc.get("card", {})),
            by_line={line: {k: v for k, v in texts.items() if isinstance(v, str)}
                     for line, texts in doc.get("by_line", {}).items()},
            line_override_reasons={line: tuple(texts["override_reasons"])
                                   for line, texts in doc.get("by_line", {}).items() if "override_reasons" in texts},
        )
    recognizer = compile_recognizer(
        services_doc, services, products, system_alias, panel=panel,
        report=lambda place, message: problems.append(Problem(SERVICES_FILE, place, message)))
    if problems:
        raise PolicyDataError(problems)
    unknown_disabled = disabled - policies.keys()
    if unknown_disabled:
        raise PolicyDataError(f"CDS_DISABLED_POLICIES: unknown policy id(s) {sorted(unknown_disabled)}; "
                              f"known: {sorted(policies)}")

    by_service_payer: dict[tuple[str, str], list[PolicyRule]] = {}
    by_service: dict[str, list[PolicyRule]] = {}
    national: dict[tuple[str, str], list[PolicyRule]] = {}
    for rule in policies.values():
        if rule.id in disabled:
            continue
        if rule.national:   # binds a line of business whoever the payer: indexed by line, not by payer
            for line in rule.lines_of_business:
                national.setdefault((rule.service_id, line), []).append(rule)
        else:
            by_service_payer.setdefault((rule.service_id, rule.payer.id), []).append(rule)
        by_service.setdefault(rule.service_id, []).append(rule)

    # --- the organisation's local catalog codes
    local: dict[tuple[str, str], tuple[str, str | None]] = {}
    for key, target in (local_codes or {}).items():
        system, sep, code = str(key).rpartition("|")
        if not sep or not system or not code:
            raise PolicyDataError(f"CDS_LOCAL_CODES: key {key!r} must be '<system>|<code>'")
        if target in policies:
            local[(system, code)] = (policies[target].service_id, target)
        elif target in services:
            local[(system, code)] = (target, None)
        else:
            raise PolicyDataError(f"CDS_LOCAL_CODES[{key!r}]: '{target}' is neither a policy id "
                                  f"({sorted(policies)}) nor a service id ({sorted(services)})")

    try:
        recognizer = with_local_settings(recognizer, local, local_suppress)
    except RecognitionDataError as exc:
        raise PolicyDataError(str(exc)) from exc

    version = hashlib.sha256(json.dumps(
        [services_doc, payers_doc, sorted(policy_docs, key=lambda d: d[0]), serum_doc,
         payer_overrides or {}, local_codes or {}, local_suppress or {}, panel_min_codes, sorted(disabled)],
        sort_keys=True, default=str).encode()).hexdigest()[:16]

    return PolicySet(
        services=services, products=products, system_alias=system_alias, system_emit=system_emit,
        recognizer=recognizer, policies=policies,
        by_service_payer={k: tuple(v) for k, v in by_service_payer.items()},
        by_service={k: tuple(v) for k, v in by_service.items()},
        national={k: tuple(v) for k, v in national.items()},
        payers=payers, payer_identifiers=payer_identifiers, payer_names=tuple(payer_names),
        lines=tuple(lines), line_displays={line.id: line.display for line in lines},
        disabled_policies=disabled, version=version,
    )
