"""From Coverage resources to Coverages with a payer and a line of business.

The payer is looked for in the order the issue of trust suggests: identifiers (NAIC codes and any an
organisation configured) before names, because names are ambiguous ("Blue Cross" is thirty companies).
Organizations come from wherever the caller found them (contained, prefetch bundle, a FHIR read);
this module only reads what it is given.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from .model import Coverage
from .orders import InvalidInput, read_codeable_concept
from .policies import PolicySet

# A Coverage in any of these states says nothing about today's plan.
_UNUSABLE_STATUSES = frozenset({"cancelled", "draft", "entered-in-error"})


def payor_references(resource: Mapping[str, Any]) -> list[str]:
    """The Organization references of Coverage.payor that are not contained (to be looked up elsewhere)."""
    refs = []
    payors = resource.get("payor")
    for payor in payors if isinstance(payors, list) else []:
        ref = payor.get("reference") if isinstance(payor, dict) else None
        if isinstance(ref, str) and ref and not ref.startswith("#") and "Organization/" in ref:
            refs.append(ref)
    return refs


def organization_key(reference: str) -> str:
    """'http://x/fhir/Organization/7/_history/2' and 'Organization/7' both become 'Organization/7'."""
    tail = reference.split("Organization/", 1)[1]
    return "Organization/" + tail.split("/", 1)[0]


def _identifiers(value: Any) -> Iterable[tuple[str, str]]:
    items = value if isinstance(value, list) else [value] if isinstance(value, dict) else []
    for ident in items:
        if isinstance(ident, dict) and isinstance(ident.get("system"), str) and isinstance(ident.get("value"), str):
            yield ident["system"], ident["value"].strip()


def _names(org: Mapping[str, Any]) -> list[str]:
    names = [org.get("name")]
    aliases = org.get("alias")
    if isinstance(aliases, list):
        names.extend(aliases)
    return [n for n in names if isinstance(n, str) and n.strip()]


def resolve_payer(resource: Mapping[str, Any], organizations: Mapping[str, Mapping[str, Any]],
                  policy_set: PolicySet) -> tuple[str | None, str | None]:
    """(payer id, name as given) for a Coverage; identifiers of every source first, then names."""
    contained_list = resource.get("contained")
    contained = {f"#{c.get('id')}": c for c in (contained_list if isinstance(contained_list, list) else [])
                 if isinstance(c, dict) and c.get("resourceType") == "Organization" and c.get("id")}
    identifiers: list[tuple[str, str]] = []
    names: list[str] = []
    payors = resource.get("payor")
    for payor in payors if isinstance(payors, list) else []:
        if not isinstance(payor, dict):
            continue
        ref = payor.get("reference")
        org: Mapping[str, Any] | None = None
        if isinstance(ref, str) and ref.startswith("#"):
            org = contained.get(ref)
        elif isinstance(ref, str) and "Organization/" in ref:
            org = organizations.get(organization_key(ref))
        if org is not None:
            identifiers.extend(_identifiers(org.get("identifier")))
            names.extend(_names(org))
        identifiers.extend(_identifiers(payor.get("identifier")))
        if isinstance(payor.get("display"), str) and payor["display"].strip():
            names.append(payor["display"])
    for key in identifiers:
        if key in policy_set.payer_identifiers:
            return policy_set.payer_identifiers[key], names[0] if names else None
    for name in names:
        for pattern, payer_id in policy_set.payer_names:
            if pattern.search(name):
                return payer_id, name
    return None, names[0] if names else None


def line_of_business(resource: Mapping[str, Any], policy_set: PolicySet, path: str) -> str | None:
    """Codes first (SOPT prefixes), then words in type text, displays and plan/group class names."""
    try:
        codings, text = read_codeable_concept(resource.get("type"), f"{path}.type")
    except InvalidInput:
        codings, text = (), None   # a malformed type reads as "line unknown", never as an error
    for line in policy_set.lines:
        for coding in codings:
            if coding.code and any(coding.system in systems and coding.code.startswith(prefix)
                                   for systems, prefix in line.code_prefixes):
                return line.id
    words = [text] + [c.display for c in codings]
    classes = resource.get("class")
    for cls in classes if isinstance(classes, list) else []:
        if isinstance(cls, dict):
            words.extend(v for v in (cls.get("value"), cls.get("name")) if isinstance(v, str))
    words = [w for w in words if w]
    for line in policy_set.lines:
        if line.names and any(line.names.search(w) for w in words):
            return line.id
    return None


def read_coverages(resources: Iterable[Mapping[str, Any]], organizations: Mapping[str, Mapping[str, Any]],
                   policy_set: PolicySet) -> list[Coverage]:
    """Usable Coverages, primary first (Coverage.order, else the order the client gave them in)."""
    found: list[tuple[int, int, Coverage]] = []
    for index, resource in enumerate(resources):
        if not isinstance(resource, dict) or resource.get("resourceType") != "Coverage":
            continue
        path = f"Coverage[{index}]"
        status = resource.get("status")
        if isinstance(status, str) and status in _UNUSABLE_STATUSES:
            continue
        order = resource.get("order")
        if not isinstance(order, int) or isinstance(order, bool):
            order = None   # a malformed rank says nothing; keep the client's order
        payer_id, payer_name = resolve_payer(resource, organizations, policy_set)
        line = line_of_business(resource, policy_set, path)
        if line is None and payer_id is not None:
            # A payer that sells one line (CMS: Original Medicare) says what the coverage does not.
            line = policy_set.payers[payer_id].line_of_business
        coverage = Coverage(
            id=resource.get("id") if isinstance(resource.get("id"), str) else None,
            payer_id=payer_id, payer_name=payer_name, line_of_business=line, order=order)
        found.append((order if order is not None else 10**9, index, coverage))
    return [c for _, _, c in sorted(found, key=lambda t: (t[0], t[1]))]
