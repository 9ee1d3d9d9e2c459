"""What the product already knows, read from policy_data/: services with their identifying phrases and
codes, products with their labs, and payers with their names. The importer maps a document's words onto
these only through the same phrases the service uses to recognise orders, so a new test is never merged
into a known service because the two share a word."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..policy_files import read_document


@dataclass(frozen=True)
class KnownProduct:
    service: str
    id: str
    name: str
    lab: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class KnownService:
    id: str
    name: str
    kind: str
    pattern: re.Pattern[str] | None
    codes: frozenset[str]


@dataclass(frozen=True)
class NationalRule:
    """A national rule on file (`scope: national`, e.g. a Medicare NCD), which the engine cites beside a
    plan's own policy for the lines it binds."""
    id: str
    label: str
    service: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Knowledge:
    services: tuple[KnownService, ...]
    products: tuple[KnownProduct, ...]
    payers: tuple[tuple[str, str, re.Pattern[str]], ...]    # id, display, names
    national: tuple[NationalRule, ...] = ()
    # CPT codes of the standard single-analyte serum tests (serum_alternatives.yaml, each entry source-backed
    # and verified): ordinary tests a panel policy may name as the panel's billing codes, never its subject
    single_analyte_codes: frozenset[str] = frozenset()

    def national_rule(self, label: str) -> NationalRule | None:
        """The national rule on file that a document names ("NCD 220.2.1")."""
        want = " ".join(label.split()).casefold()
        return next((r for r in self.national if " ".join(r.label.split()).casefold() == want), None)

    def services_named(self, text: str) -> list[str]:
        """Known services a piece of text names by phrase or product (in order of first mention)."""
        hits: list[tuple[int, str]] = []
        for s in self.services:
            if s.pattern is not None:
                m = s.pattern.search(text)
                if m:
                    hits.append((m.start(), s.id))
        for p in self.products:
            m = p.pattern.search(text)
            if m:
                hits.append((m.start(), p.service))
        seen: list[str] = []
        for _, sid in sorted(hits):
            if sid not in seen:
                seen.append(sid)
        return seen

    def first_mention(self, text: str, service_id: str) -> int:
        best = -1
        for s in self.services:
            if s.id == service_id and s.pattern is not None:
                m = s.pattern.search(text)
                if m:
                    best = m.start()
        for p in self.products:
            if p.service == service_id:
                m = p.pattern.search(text)
                if m and (best < 0 or m.start() < best):
                    best = m.start()
        return best

    def service_for_code(self, code: str) -> str | None:
        for s in self.services:
            if code in s.codes:
                return s.id
        return None

    def payer_for(self, name: str) -> str | None:
        """The payer whose name the document's payer is, whole: "Brindlewood Medicare Advantage" names a
        plan, not Medicare."""
        name = " ".join(name.split())
        for pid, display, pattern in self.payers:
            if (display and display.lower() == name.lower()) or (pattern and pattern.fullmatch(name)):
                return pid
        return None


def _union(bodies: list[str]) -> re.Pattern[str] | None:
    if not bodies:
        return None
    return re.compile("|".join(rf"(?<!\w)(?:{b})(?!\w)" for b in bodies), re.IGNORECASE)


def load_knowledge(policy_dir: Path) -> Knowledge:
    services_doc: dict[str, Any] = read_document(Path(policy_dir) / "services.yaml")
    payers_path = Path(policy_dir) / "payers.yaml"
    payers_doc: dict[str, Any] = read_document(payers_path) if payers_path.is_file() else {"payers": []}
    services = []
    products = []
    for spec in services_doc.get("services", []):
        services.append(KnownService(
            spec["id"], spec["name"], spec.get("kind", ""),
            _union([p["pattern"] for p in spec.get("phrases", [])]),
            frozenset(c["code"] for c in spec.get("codes", []))))
        for prod in spec.get("products", []):
            if prod.get("enabled", True) is False:
                # a product the catalogue keeps out of the service's scope (Genova's NutrEval, blood and urine, not
                # intracellular): a document naming it names another service, which the importer proposes as new
                continue
            pattern = _union([p["pattern"] for p in prod.get("phrases", [])])
            if pattern is not None:
                products.append(KnownProduct(spec["id"], prod["id"], prod["name"], prod.get("lab", ""), pattern))
    payers = []
    for p in payers_doc.get("payers", []):
        bodies = [re.escape(n) for n in p.get("names", [])] + list(p.get("name_patterns", []))
        if p.get("display"):    # a payer its source does not name (seed 002) has no display
            bodies.append(re.escape(p["display"]))
        payers.append((p["id"], p.get("display"), _union(bodies)))
    national = []
    for path in sorted((Path(policy_dir) / "policies").glob("*.yaml")) if (Path(policy_dir) / "policies").is_dir() else []:
        if path.name.endswith((".provenance.yaml", ".proposal.yaml")):
            continue
        doc = read_document(path)
        if isinstance(doc, dict) and doc.get("scope") == "national" and doc.get("label"):
            national.append(NationalRule(doc["id"], doc["label"], doc.get("service", ""),
                                         tuple(doc.get("lines_of_business") or ())))
    alternatives_path = Path(policy_dir) / "serum_alternatives.yaml"
    alternatives: dict[str, Any] = read_document(alternatives_path) if alternatives_path.is_file() else {}
    single = frozenset(str(a["cpt"]) for a in (alternatives.get("alternatives") or {}).values()
                       if a.get("verified") and a.get("cpt"))
    return Knowledge(tuple(services), tuple(products), tuple(payers), tuple(national), single)
