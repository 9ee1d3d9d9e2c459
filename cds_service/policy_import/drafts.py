"""What an import leaves for a reviewer: a draft policy file the loader refuses until it is marked
reviewed, the provenance of every value beside it, proposed new services in a file of their own (never
an edit of services.yaml), and a checklist to read on the terminal."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .extract import DATE_FIELDS, DETERMINATION_TO_ENUM, slug
from .knowledge import Knowledge
from .model import Citation, Finding, ImportResult, ServiceFinding

DRAFT_HEADER = """\
# DRAFT written by `cds-service policies import` from
#   {document}
#   (sha256 {sha256})
# The loader refuses this file while `status: draft`. Check every value against
#   {provenance}
# settle the points below, then set `status: reviewed`.
{todo}
"""


@dataclass(frozen=True)
class Written:
    policy_id: str
    paths: tuple[Path, ...]


def policy_id_for(result: ImportResult, explicit: str | None = None) -> str:
    if explicit:
        return slug_id(explicit)
    parts = []
    if result.payer:
        parts.append("-".join(slug(result.payer.value).split("-")[:3]))
    if result.policy_number:
        parts.append(slug_id(result.policy_number.value))
    elif result.title:
        parts.append("-".join(slug(result.title.value).split("-")[:4]))
    return slug_id("-".join(parts) or "imported-policy")


def slug_id(text: str) -> str:
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")[:64] or "imported-policy"


def _provenance_field(f: Finding | None) -> dict[str, Any] | None:
    if f is None:
        return None
    out: dict[str, Any] = {"value": f.value, "sentence": f.cite.text, "start": f.cite.start, "end": f.cite.end,
                           "page": f.cite.page}
    if f.also:
        out["also"] = [{"sentence": c.text, "start": c.start, "end": c.end} for c in f.also]
    if f.note:
        out["note"] = f.note
    return out


def _cite(c: Citation) -> dict[str, Any]:
    return {"sentence": c.text, "start": c.start, "end": c.end, "page": c.page}


def provenance(result: ImportResult, service: ServiceFinding | None) -> dict[str, Any]:
    return {
        "document": result.document,
        "sha256": result.sha256,
        "read_as": result.kind,
        "offsets": "character offsets into the document's text as read (PDF pages joined by a form feed)",
        "payer": _provenance_field(result.payer),
        "title": _provenance_field(result.title),
        "policy_number": _provenance_field(result.policy_number),
        "service": None if service is None else {
            "id": service.service, "name": service.name,
            "determination": _provenance_field(service.determination),
            "otherwise": _provenance_field(service.otherwise),
            "row": _cite(service.row) if service.row else None},
        "other_services": [{"id": s.service, "determination": _provenance_field(s.determination)}
                           for s in result.services if s is not service],
        "lines_of_business": [{"line": l.line, "status": "covered" if l.covered else "excluded", **_cite(l.cite)}
                              for l in result.lines],
        "dates": {k: _provenance_field(v) for k, v in result.dates.items()},
        "codes": [{"system": c.system, "code": c.code, "role": c.role, **_cite(c.cite),
                   **({"also": [_cite(a) for a in c.also]} if c.also else {})} for c in result.codes],
        "products": [{"name": n, "lab": lab, **_cite(c)} for n, lab, c in result.products],
        "statements": {k: _provenance_field(v) for k, v in result.statements.items()},
        "authority": _provenance_field(result.authority),
        "prior_authorization": _provenance_field(result.prior_authorization),
        "not_found": list(result.notes),
    }


def draft_policy(result: ImportResult, service: ServiceFinding | None, policy_id: str, know: Knowledge
                 ) -> tuple[dict[str, Any], list[str]]:
    """The draft in policy.schema.json's terms, and what a reviewer must still settle."""
    todo: list[str] = []
    doc: dict[str, Any] = {"status": "draft", "id": policy_id}
    payer_name = result.payer.value if result.payer else None
    payer_id = know.payer_for(payer_name) if payer_name else None
    if payer_id:
        doc["payer"] = payer_id
    else:
        doc["payer"] = f"new:{slug(payer_name)}" if payer_name else "unknown"
        todo.append(f"payer: add {payer_name!r} to payers.yaml (or name the plan)" if payer_name
                    else "payer: the document names no payer; choose one in payers.yaml")
    if service is not None:
        doc["service"] = service.service
        if service.service.startswith("new:"):
            todo.append(f"service: {service.service} is not in services.yaml; see the services proposal")
    else:
        todo.append("service: the document decides no service")
    title = result.title.value if result.title else None
    number = result.policy_number.value if result.policy_number else None
    doc["title"] = title or "(no title found)"
    payer_display = payer_name or "the payer"
    doc["reference"] = " ".join(x for x in (payer_display, "policy", number, f'"{title}"' if title else None) if x)
    doc["short_reference"] = " ".join(x for x in (payer_display, "policy", number) if x)
    doc["source"] = f"{Path(result.document).name}: sha256 {result.sha256[:16]}"
    if not title:
        todo.append("title: not found")
    det = service.determination if service else None
    if det is not None:
        enum = DETERMINATION_TO_ENUM.get(det.value)
        if enum:
            doc["determination"] = enum
        else:
            todo.append(f"determination: '{det.value}' cannot be stored by the policy schema "
                        f"(investigational, not-covered, not-reimbursable); decide how the card should read")
        text = det.value.replace("-", " ")
        if service and service.otherwise:
            text += f"; otherwise {service.otherwise.value.replace('-', ' ')}"
        doc["determination_text"] = text
    else:
        todo.append("determination: not found")
    covered = [l.line for l in result.lines if l.covered]
    excluded = [l for l in result.lines if not l.covered]
    if covered:
        doc["lines_of_business"] = covered
    else:
        todo.append("lines_of_business: no covered line is stated")
    if excluded:
        doc["excluded_lines"] = [{"line": l.line, "quote": l.cite.text} for l in excluded]
    todo.append("when_line_unknown: apply or evidence (a policy question, not in the document)")
    for name in DATE_FIELDS:
        f = result.dates.get(name)
        if f is None:
            if name == "effective_from":
                todo.append("effective_from: not found (the schema requires it)")
            continue
        if name == "origination":
            continue            # the schema has no field for it; it stays in the provenance
        if name in ("effective_from", "approved") and len(f.value) != 10:
            todo.append(f"{name}: the document gives only {f.value}; the schema needs a day")
            continue
        if name == "published":
            if "effective_from" not in doc:
                todo.append(f"effective_from: the document gives a publication date ({f.value}) and no "
                            f"effective date")
            continue
        doc[name] = f.value
    statements = {}
    for name in ("policy", "coverage", "patient", "recourse", "evidence"):
        f = result.statements.get(name)
        if f is not None:
            statements[name] = f.cite.text
        elif name != "evidence":
            todo.append(f"statements.{name}: no sentence found; write one a card may say, with its source")
    doc["statements"] = statements
    _national_fields(result, service, doc, todo, know)
    todo.append("override_reasons: choose from the card templates' reasons")
    todo.append("examples: add example orders with the expected outcome (`cds-service policies test` runs them)")
    doc["links"] = []
    return doc, todo


_NCD_IN = re.compile(r"\b(?:NCD|National\s+Coverage\s+Determination)\s*(?:#\s*)?(\d{2,3}(?:\.\d+){1,3})\b", re.I)


def _national_fields(result: ImportResult, service: ServiceFinding | None, doc: dict[str, Any], todo: list[str],
                     know: Knowledge) -> None:
    """A plan document that names the NCD it follows: the draft stays the plan's own policy (`scope:
    payer`); the national rule is its own file, which the engine cites beside this one for the lines it
    binds (a Medicare NCD binds every Medicare Advantage plan, 42 CFR 422.101(b), medicare.md). The
    Medicare Advantage card sentence is the document's own sentence naming the NCD."""
    cite = None
    if service is not None and service.determination is not None and _NCD_IN.search(service.determination.cite.text):
        cite = service.determination.cite     # the NCD named where this service is decided
        label = f"NCD {_NCD_IN.search(cite.text).group(1)}"  # type: ignore[union-attr]
    elif result.authority is not None:
        cite, label = result.authority.cite, result.authority.value
    if cite is None:
        return
    doc["scope"] = "payer"
    if "medicare-advantage" in doc.get("lines_of_business", []):
        line: dict[str, Any] = {"finding": cite.text}
        recourse = result.statements.get("recourse")
        if recourse is not None and re.search(r"organi[sz]ation\s+determination", recourse.cite.text, re.I):
            line["recourse"] = recourse.cite.text
        doc["by_line"] = {"medicare-advantage": line}
    rule = know.national_rule(label)
    if rule is not None and (service is None or rule.service == service.service):
        todo.append(f"national rule: the document follows {label} (\"{cite.text[:80]}\"); {rule.id} is on file and "
                    f"is cited beside this policy for {', '.join(rule.lines)}")
    else:
        todo.append(f"national rule: the document follows {label} (\"{cite.text[:80]}\"), which is not on file for "
                    f"this service; add it as a `scope: national` policy (policies/cms-ncd-220-2-1.yaml shows the "
                    f"form) with its source")


def services_proposal(result: ImportResult, document: str) -> dict[str, Any] | None:
    new = [s for s in result.services if s.service.startswith("new:")]
    if not new:
        return None
    proposals = []
    for s in new:
        sid = s.service[4:]
        where = s.row or (s.determination.cite if s.determination else None)
        words = [w for w in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", re.sub(r"\([^)]*\)", "", s.name))][:6]
        while len(words) > 1 and words[-1].lower() in ("or", "and", "of", "for", "the", "in", "with", "to"):
            words.pop()
        codes = []
        if s.row is not None:
            for c in result.codes:
                if s.row.start <= c.cite.start < s.row.end or any(s.row.start <= a.start < s.row.end for a in c.also):
                    codes.append({"system": c.system, "code": c.code, "verified": False,
                                  "source": f"{document}: row {s.row.text[:80]!r}"})
        proposals.append({
            "id": sid,
            "name": s.name,
            "short_name": s.name.lower(),
            "kind": "laboratory or imaging (reviewer decides)",
            "codes": codes,
            # services.yaml asks every phrase for an id and a one-line reason (recognition explains itself)
            "phrases": [{"id": f"{sid}-name", "pattern": r"\s+".join(re.escape(w) for w in words),
                         "source": f"{document}: {where.text[:100]!r}" if where else document,
                         "reason": "the service's name as the policy document gives it (draft: the reviewer checks it)"}],
            "products": [{"id": "generic", "name": s.name, "phrases": []}],
        })
    return {"proposed_services": proposals}


def write_drafts(result: ImportResult, out_dir: Path, know: Knowledge, policy_id: str | None = None) -> Written:
    out_dir.mkdir(parents=True, exist_ok=True)
    base = policy_id_for(result, policy_id)
    decided: list[ServiceFinding | None] = [s for s in result.services if s.determination is not None]
    decided = decided or list(result.services[:1]) or [None]
    paths: list[Path] = []
    for service in decided:
        pid = base if len(decided) == 1 or service is None else f"{base}-{slug_id(service.service.replace('new:', ''))}"
        doc, todo = draft_policy(result, service, pid, know)
        prov_name = f"{pid}.provenance.yaml"
        header = DRAFT_HEADER.format(document=result.document, sha256=result.sha256, provenance=prov_name,
                                     todo="\n".join(f"# TO DO: {t}" for t in todo))
        policy_path = out_dir / f"{pid}.yaml"
        policy_path.write_text(header + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=110),
                               encoding="utf-8")
        prov_path = out_dir / prov_name
        prov_path.write_text(yaml.safe_dump(provenance(result, service), sort_keys=False, allow_unicode=True,
                                            width=110), encoding="utf-8")
        paths += [policy_path, prov_path]
    proposal = services_proposal(result, Path(result.document).name)
    if proposal:
        path = out_dir / f"{base}.services.proposal.yaml"
        path.write_text("# Proposed additions to services.yaml, from one policy document. Nothing here is loaded:\n"
                        "# a reviewer checks each phrase and code, then copies what holds into services.yaml.\n"
                        + yaml.safe_dump(proposal, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8")
        paths.append(path)
    return Written(base, tuple(paths))


def checklist(result: ImportResult, width: int = 100) -> str:
    """Each field, its value and the sentence it came from; then what was not found."""
    out: list[str] = []

    def row(name: str, f: Finding | None) -> None:
        if f is None:
            out.append(f"  [ ] {name}: NOT FOUND")
            return
        out.append(f"  [ ] {name}: {f.value}")
        out.append(f"        \u00ab{_short(f.cite.text, width - 10)}\u00bb [{f.cite.start}-{f.cite.end}]")

    out.append(f"Review checklist for {result.document}")
    row("payer", result.payer)
    row("title", result.title)
    row("policy number", result.policy_number)
    for s in result.services:
        row(f"service {s.service} ({s.name})", s.determination)
        if s.otherwise:
            row("  otherwise", s.otherwise)
    if not result.services:
        out.append("  [ ] services: NOT FOUND")
    for l in result.lines:
        row(f"line of business {'covered' if l.covered else 'EXCLUDED'}", Finding(l.line, l.cite))
    if not result.lines:
        out.append("  [ ] lines of business: NOT FOUND")
    for name in DATE_FIELDS:
        row(f"date {name}", result.dates.get(name))
    for c in result.codes:
        row(f"code {c.system} {c.code}", Finding(c.role, c.cite))
    for name, lab, c in result.products:
        row("product", Finding(f"{name} ({lab})", c))
    for name, f in result.statements.items():
        row(f"statement {name}", f)
    row("national rule (NCD)", result.authority)
    row("prior authorization", result.prior_authorization)
    if result.notes:
        out.append("Not found or left for the reviewer:")
        out.extend(f"  - {n}" for n in result.notes)
    return "\n".join(out) + "\n"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3] + "..."
