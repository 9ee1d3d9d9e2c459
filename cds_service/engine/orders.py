"""From a client's draft order (FHIR JSON) to an Order.

Forgiving about everything the decision does not read: unknown fields, extensions, empty codings,
`intent: plan`, `reasonCode: []`. Strict only about the elements it reads, so that a wrong type there
is a clear 400 naming the element instead of a silent miss.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Mapping

from .model import Coding, Order

BILLING_OPTIONS_URL = "http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-billing-options"

# Statuses that mean the order will not be carried out: nothing to warn about.
INACTIVE_STATUSES = frozenset({"revoked", "completed", "entered-in-error"})

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


class InvalidInput(ValueError):
    """An element the decision reads has the wrong shape; `path` names it for the error response."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


MAX_STRING = 10_000   # no code, display or order text we read is longer in practice


def _optional_str(value: Any, path: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(path, f"expected a string, got {type(value).__name__}")
    if len(value) > MAX_STRING:
        raise InvalidInput(path, f"longer than {MAX_STRING} characters")
    return value or None


def _optional_dict(value: Any, path: str) -> Mapping[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise InvalidInput(path, f"expected an object, got {type(value).__name__}")
    return value


def _optional_list(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise InvalidInput(path, f"expected an array, got {type(value).__name__}")
    return value


def _plain(value: Any) -> bool:
    """None, or a string _optional_str accepts as it is: nothing to say, so no path to write."""
    return value is None or (type(value) is str and len(value) <= MAX_STRING)


def _plain_coding(value: Any) -> Coding | None:
    """The Coding of a well-formed coding object, without building the path of each element (the
    common case); None when read_coding must look closer and name what is wrong."""
    if type(value) is not dict:
        return None
    system, code, display = value.get("system"), value.get("code"), value.get("display")
    if _plain(system) and _plain(code) and _plain(display):
        return Coding(system=system or None, code=code or None, display=display or None)
    return None


def read_coding(value: Any, path: str) -> Coding:
    plain = _plain_coding(value)
    if plain is not None:
        return plain
    coding = _optional_dict(value, path) or {}
    return Coding(
        system=_optional_str(coding.get("system"), f"{path}.system"),
        code=_optional_str(coding.get("code"), f"{path}.code"),
        display=_optional_str(coding.get("display"), f"{path}.display"),
    )


def read_codeable_concept(value: Any, path: str) -> tuple[tuple[Coding, ...], str | None]:
    concept = _optional_dict(value, path) or {}
    codings = tuple(_plain_coding(c) or read_coding(c, f"{path}.coding[{i}]")
                    for i, c in enumerate(_optional_list(concept.get("coding"), f"{path}.coding")))
    return codings, _optional_str(concept.get("text"), f"{path}.text")


def _billing_codings(extensions: Any, path: str) -> tuple[Coding, ...]:
    """Codings inside CRD billing-options extensions, at any depth of sub-extension."""
    found: list[Coding] = []

    def walk(items: Any, here: str, inside: bool) -> None:
        for i, ext in enumerate(_optional_list(items, here)):
            ext = _optional_dict(ext, f"{here}[{i}]") or {}
            now_inside = inside or ext.get("url") == BILLING_OPTIONS_URL
            if now_inside and "valueCoding" in ext:
                found.append(read_coding(ext["valueCoding"], f"{here}[{i}].valueCoding"))
            if now_inside and "valueCodeableConcept" in ext:
                found.extend(read_codeable_concept(ext["valueCodeableConcept"],
                                                   f"{here}[{i}].valueCodeableConcept")[0])
            if "extension" in ext:
                walk(ext["extension"], f"{here}[{i}].extension", now_inside)

    walk(extensions, path, False)
    return tuple(found)


def parse_date(value: Any, path: str) -> dt.date | None:
    """The calendar date a FHIR date or dateTime names; partial dates (year, year-month) say too little."""
    text = _optional_str(value, path)
    if text is None:
        return None
    m = _DATE.match(text)
    if not m:
        if re.fullmatch(r"\d{4}(-\d{2})?", text):
            return None
        raise InvalidInput(path, f"{text!r} is not a FHIR date or dateTime")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise InvalidInput(path, f"{text!r} is not a valid calendar date") from None


def date_of_service(resource: Mapping[str, Any], path: str) -> dt.date | None:
    """occurrenceDateTime, else the start of occurrencePeriod, else authoredOn."""
    when = parse_date(resource.get("occurrenceDateTime"), f"{path}.occurrenceDateTime")
    if when is None:
        period = _optional_dict(resource.get("occurrencePeriod"), f"{path}.occurrencePeriod") or {}
        when = parse_date(period.get("start"), f"{path}.occurrencePeriod.start")
    if when is None:
        when = parse_date(resource.get("authoredOn"), f"{path}.authoredOn")
    return when


def is_actionable(resource: Mapping[str, Any], path: str) -> bool:
    """Whether the order will be carried out: not doNotPerform, not revoked/completed/in error."""
    do_not = resource.get("doNotPerform")
    if do_not is not None and not isinstance(do_not, bool):
        raise InvalidInput(f"{path}.doNotPerform", "expected a boolean")
    status = _optional_str(resource.get("status"), f"{path}.status")
    return not do_not and status not in INACTIVE_STATUSES


def read_order(resource: Mapping[str, Any], path: str) -> Order:
    code_path = f"{path}.code"
    codings, text = read_codeable_concept(resource.get("code"), code_path)
    code = resource.get("code") if isinstance(resource.get("code"), dict) else {}
    categories = tuple(c for i, concept in enumerate(_optional_list(resource.get("category"), f"{path}.category"))
                       for c in read_codeable_concept(concept, f"{path}.category[{i}]")[0])
    return Order(
        resource_type=str(resource.get("resourceType")),
        id=_optional_str(resource.get("id"), f"{path}.id"),
        codings=codings,
        billing_codings=_billing_codings(code.get("extension"), f"{code_path}.extension"),
        text=text,
        date_of_service=date_of_service(resource, path),
        resource=resource,
        categories=categories,
    )
