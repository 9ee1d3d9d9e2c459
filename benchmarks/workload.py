"""What the benchmarks send: realistic order mixes, synthetic policy sets, and signed tokens."""
from __future__ import annotations

import json
import random
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import jwt
import yaml
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from cds_service.resources import bundled_dir

CPT = "http://www.ama-assn.org/go/cpt"
MA_PLAN = "Bench Medicare Advantage Plan"
ISSUER = "https://ehr.bench.example"

ORDINARY = ["Vitamin B12", "Folate, serum", "Ferritin", "Comprehensive metabolic panel", "CBC with differential",
            "MRI brain without contrast", "MRSA screen, nares", "CT head without contrast", "Lipid panel",
            "Hemoglobin A1c", "TSH", "Magnesium, serum"]
PANELS = ["SpectraCell Micronutrient Test", "ExaTest mineral analysis", "Cellular micronutrient assay (CMA)",
          "Vibrant Micronutrients"]


def order(rng: random.Random, kind: str, index: int) -> dict[str, Any]:
    resource: dict[str, Any] = {"resourceType": "ServiceRequest", "id": f"sr-{index}", "status": "draft",
                                "intent": "order", "subject": {"reference": "Patient/bench"}}
    if kind == "ordinary":
        resource["code"] = {"text": rng.choice(ORDINARY), "coding": [{"system": CPT, "code": "82607"}]}
    elif kind == "panel":
        resource["code"] = {"text": rng.choice(PANELS)}
    else:
        resource["code"] = {"text": "MR spectroscopy, brain", "coding": [{"system": CPT, "code": "76390"}]}
    return resource


COVERAGES = [
    {"resourceType": "Coverage", "id": "cov-ma", "status": "active",
     "type": {"coding": [{"system": "https://nahdo.org/sopt", "code": "111"}]}, "payor": [{"display": MA_PLAN}]},
    {"resourceType": "Coverage", "id": "cov-bc", "status": "active",
     "type": {"coding": [{"system": "https://nahdo.org/sopt", "code": "512"}]},
     "payor": [{"display": "Blue Cross Blue Shield of Massachusetts"}]},
]


def hook_body(orders: list[dict[str, Any]], prefetch: bool, fhir_server: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"hook": "order-sign", "hookInstance": str(uuid.uuid4()),
                            "context": {"userId": "Practitioner/bench", "patientId": "bench",
                                        "draftOrders": {"resourceType": "Bundle",
                                                        "entry": [{"resource": o} for o in orders]}}}
    if prefetch:
        body["prefetch"] = {"coverage": {"resourceType": "Bundle", "type": "searchset",
                                         "entry": [{"resource": c} for c in COVERAGES]}}
    if fhir_server:
        body["fhirServer"] = fhir_server
        body["fhirAuthorization"] = {"access_token": "bench-token", "token_type": "Bearer", "expires_in": 300,
                                     "scope": "patient/Coverage.read", "subject": "cds"}
    return body


def realistic_mix(count: int = 40, seed: int = 11, prefetch: bool = True,
                  fhir_server: str | None = None) -> list[dict[str, Any]]:
    """Mostly ordinary orders (no card); about one call in six holds a panel, one in ten an MRS order."""
    rng = random.Random(seed)
    bodies = []
    for i in range(count):
        n = rng.choice([1, 1, 2, 3, 5])
        kinds = ["ordinary"] * n
        roll = rng.random()
        if roll < 0.17:
            kinds[0] = "panel"
        elif roll < 0.27:
            kinds[0] = "mrs"
        bodies.append(hook_body([order(rng, k, j) for j, k in enumerate(kinds)], prefetch, fhir_server))
    return bodies


def orders_body(n: int, seed: int = 5) -> dict[str, Any]:
    """n draft orders in the same proportions as the mix (one in five in scope), with prefetch."""
    rng = random.Random(seed)
    kinds = ["panel" if i % 10 == 3 else "mrs" if i % 10 == 7 else "ordinary" for i in range(n)]
    return hook_body([order(rng, k, i) for i, k in enumerate(kinds)], prefetch=True)


def synthetic_policy_dir(target: Path, total_policies: int) -> Path:
    """The bundled policy data plus synthetic payers, each with one policy, up to `total_policies`."""
    shutil.copytree(bundled_dir("policy_data"), target)
    extra = max(0, total_policies - 3)
    payers = yaml.safe_load((target / "payers.yaml").read_text())
    for i in range(extra):
        payers["payers"].append({"id": f"synthetic-{i}", "display": f"Synthetic Health Plan {i}",
                                 "short_name": f"Synthetic {i}",
                                 "identifiers": [{"system": "urn:example:payer", "value": f"S{i}"}],
                                 "names": [f"Synthetic Health Plan {i}"]})
    (target / "payers.yaml").write_text(yaml.safe_dump(payers))
    template = yaml.safe_load((target / "policies" / "bcbsma-073.yaml").read_text())
    for i in range(extra):
        doc = dict(template, id=f"synthetic-{i}", payer=f"synthetic-{i}",
                   service="intracellular-micronutrient-panel" if i % 2 else "mrs",
                   short_reference=f"Synthetic policy {i}", links=[])
        (target / "policies" / f"synthetic-{i}.yaml").write_text(yaml.safe_dump(doc))
    return target


def synthetic_rules_dir(target: Path, factor: int) -> Path:
    """The bundled policy data with `factor` times as many recognition phrases and vetoes: each service
    gets synthetic phrases (with a context they require) and synthetic vetoes that no bench order
    contains, so the decisions are the same and only the size of the rule set changes."""
    shutil.copytree(bundled_dir("policy_data"), target)
    doc = yaml.safe_load((target / "services.yaml").read_text())
    for s_index, service in enumerate(doc["services"]):
        phrases = len(service["phrases"]) + sum(len(p["phrases"]) for p in service["products"])
        vetoes = len(service.get("vetoes", []))
        for i in range((factor - 1) * max(phrases, 1)):
            service["phrases"].append({
                "id": f"bench-{s_index}-{i}", "pattern": f"zq{s_index}x{i}\\s+assay", "source": "benchmark",
                "reason": "benchmark", "requires": {"pattern": f"zr{s_index}x{i}", "reason": "benchmark",
                                                    "source": "benchmark"}})
        for i in range((factor - 1) * max(vetoes, 1)):
            service.setdefault("vetoes", []).append({
                "id": f"bench-veto-{s_index}-{i}", "pattern": f"zv{s_index}x{i}", "scope": "order",
                "source": "benchmark", "reason": "benchmark"})
    (target / "services.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    return target


class TokenMint:
    """An issuer key pair for the benchmark, its JWKS file, and fresh single-use tokens."""

    def __init__(self, directory: Path):
        self.key = ec.generate_private_key(ec.SECP256R1())
        jwk = json.loads(ECAlgorithm.to_jwk(self.key.public_key()))
        self.jwks_file = directory / "bench-jwks.json"
        self.jwks_file.write_text(json.dumps({"keys": [dict(jwk, kid="bench", alg="ES256", use="sig")]}))

    def issuers_setting(self) -> str:
        return json.dumps({ISSUER: {"jwks_file": str(self.jwks_file)}})

    def write_tokens(self, path: Path, audience: str, count: int) -> Path:
        now = int(time.time())
        with path.open("w") as handle:
            for _ in range(count):
                claims = {"iss": ISSUER, "aud": audience, "iat": now, "exp": now + 280, "jti": uuid.uuid4().hex}
                handle.write(jwt.encode(claims, self.key, algorithm="ES256", headers={"kid": "bench"}) + "\n")
        return path


HEAVY_KINDS = ("ordinary", "panel", "ordinary", "mrs", "ordinary")


def heavy_request() -> dict[str, Any]:
    """The heavy call: 5 draft orders (3 ordinary, a panel, an MRS order), two coverages (a Medicare
    Advantage plan and BCBS MA), so two cards and CRD coverage-information system actions."""
    rng = random.Random(1)
    return hook_body([order(rng, kind, i) for i, kind in enumerate(HEAVY_KINDS)], prefetch=True)


def with_new_ids(raw: bytes, n: int) -> bytes:
    """The same call as a new one from the EHR: its orders carry ids never seen before, as every real
    draft order does (so nothing keyed on them can be reused)."""
    return raw.replace(b'"sr-', b'"sr-%d-' % n).replace(b'"Patient/bench"', b'"Patient/bench-%d"' % n)
