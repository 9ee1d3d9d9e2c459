"""The result in the answer-key structure of shared/reference/policy-examples/README.md: each field a
`value` and a `quote` (the cited sentence), plus its offsets so a reviewer can find it."""
from __future__ import annotations

from typing import Any

from .extract import DATE_FIELDS, DETERMINATION_TO_ENUM
from .model import Citation, Finding, ImportResult, LineFinding


def _cite(c: Citation) -> dict[str, Any]:
    return {"quote": c.text, "start": c.start, "end": c.end}


def _field(f: Finding | None) -> dict[str, Any]:
    if f is None:
        return {"value": None}
    out = {"value": f.value, **_cite(f.cite)}
    if f.also:
        out["also_quoted"] = [c.text for c in f.also]
    if f.note:
        out["note"] = f.note
    return out


def _line(l: LineFinding) -> dict[str, Any]:
    return {"line": l.line, **_cite(l.cite), **({"also_quoted": [c.text for c in l.also]} if l.also else {})}


def to_key(result: ImportResult) -> dict[str, Any]:
    services = []
    for s in result.services:
        entry: dict[str, Any] = {
            "service": s.service,
            "name": s.name,
            "determination": s.determination.value if s.determination else None,
            "product_enum": DETERMINATION_TO_ENUM.get(s.determination.value) if s.determination else None,
        }
        if s.determination:
            entry.update(_cite(s.determination.cite))
        if s.otherwise:
            entry["otherwise"] = s.otherwise.value
            entry["otherwise_quote"] = s.otherwise.cite.text
        if s.row:
            entry["row_quote"] = s.row.text
        services.append(entry)
    return {
        "document": result.document,
        "text": "full",
        "kind": f"imported from {result.kind}",
        "sha256": result.sha256,
        "payer": _field(result.payer),
        "title": _field(result.title),
        "policy_number": _field(result.policy_number),
        "services": services,
        "lines_of_business": {
            "covered": [_line(l) for l in result.lines if l.covered],
            "excluded": [_line(l) for l in result.lines if not l.covered],
            **({"unstated": True} if not result.lines else {}),
        },
        "dates": {name: _field(result.dates.get(name)) for name in DATE_FIELDS},
        "codes": [{"system": c.system, "code": c.code, "role": c.role, **_cite(c.cite),
                   **({"also_quoted": [a.text for a in c.also]} if c.also else {})} for c in result.codes],
        "products": [{"name": n, "lab": lab, **_cite(c)} for n, lab, c in result.products],
        "statements": {k: (v.cite.text if v else None) for k, v in result.statements.items()},
        "authority": _field(result.authority),
        "prior_authorization": _field(result.prior_authorization),
        "not_found": list(result.notes),
    }
