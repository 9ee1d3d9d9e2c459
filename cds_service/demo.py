"""Synthetic but realistic calls and feedback, so the report can be tried at once.

Calls go through the real engine and card renderer; only their timestamps are spread over past weeks.
Mostly ordinary orders (no card), some panels and MRS orders, several payers, and clinician feedback whose
override rate falls as weeks pass, the way a well-kept alert's does.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import uuid
from typing import Any

from .config import Settings
from .hook_request import parse_hook_call
from .runtime import Runtime
from .store import FeedbackEntry, Store

CPT = "http://www.ama-assn.org/go/cpt"
DEMO_MA_PLAN = "Demo Medicare Advantage Plan"

ORDINARY = ["Vitamin B12", "Folate, serum", "Ferritin", "Comprehensive metabolic panel", "MRI brain without contrast",
            "MRSA screen, nares", "CT head without contrast", "Magnesium, serum", "25-hydroxyvitamin D"]
PANELS = ["SpectraCell Micronutrient Test", "ExaTest mineral analysis", "Cellular micronutrient assay (CMA)",
          "Vibrant Micronutrients", "Intracellular micronutrient panel"]
MRS = [("MR spectroscopy, brain", "76390"), ("MRS discogenic pain, acquisition", "0609T"),
       ("MRI brain with MR spectroscopy", "76390")]


def _coverage(rng: random.Random, kind: str) -> dict[str, Any] | None:
    payers = {"bcbsma": ("Blue Cross Blue Shield of Massachusetts", rng.choice(["511", "512", "111"])),
              "premera": ("Premera Blue Cross", rng.choice(["511", "512", "512", "112"])),
              "ma": (DEMO_MA_PLAN, "111"), "other": ("Acme Health Plan", "512")}
    if kind == "none":
        return None
    name, sopt = payers[kind]
    return {"resourceType": "Coverage", "id": f"cov-{uuid.uuid4().hex[:8]}", "status": "active",
            "type": {"coding": [{"system": "https://nahdo.org/sopt", "code": sopt}]},
            "payor": [{"display": name}]}


def _request(rng: random.Random, day: dt.date) -> dict[str, Any]:
    roll = rng.random()
    order: dict[str, Any] = {"resourceType": "ServiceRequest", "id": f"sr-{uuid.uuid4().hex[:8]}", "status": "draft",
                             "intent": "order", "subject": {"reference": "Patient/demo"},
                             "occurrenceDateTime": day.isoformat()}
    if roll < 0.55:
        order["code"] = {"text": rng.choice(ORDINARY)}
        payer = rng.choice(["bcbsma", "premera", "other", "none"])
    elif roll < 0.8:
        order["code"] = {"text": rng.choice(PANELS)}
        payer = rng.choices(["bcbsma", "premera", "other", "none"], [40, 35, 15, 10])[0]
    else:
        text, code = rng.choice(MRS)
        order["code"] = {"text": text, "coding": [{"system": CPT, "code": code}]}
        payer = rng.choices(["ma", "bcbsma", "none"], [50, 20, 30])[0]
    coverage = _coverage(rng, payer)
    return {"hook": rng.choice(["order-sign", "order-select"]), "hookInstance": str(uuid.uuid4()),
            "context": {"patientId": f"demo-{rng.randrange(200)}", "userId": f"Practitioner/demo-{rng.randrange(20)}",
                        "draftOrders": {"resourceType": "Bundle", "entry": [{"resource": order}]},
                        "selections": [f"ServiceRequest/{order['id']}"]},
            "prefetch": {"coverage": {"resourceType": "Bundle", "entry": [{"resource": coverage}] if coverage else []}}}


def fill(settings: Settings, store: Store, calls: int = 600, weeks: int = 8, seed: int = 7) -> tuple[int, int]:
    rng = random.Random(seed)
    payers = dict(settings.payers)
    payers.setdefault("ma-mrs-plan", {"names": [DEMO_MA_PLAN]})
    runtime = Runtime.build(dataclasses.replace(settings, payers=payers), with_store=False)
    now = dt.datetime.now(dt.timezone.utc)
    audits, feedback = [], []
    for i in range(calls):
        when = now - dt.timedelta(days=weeks * 7 * (1 - i / calls), minutes=rng.randrange(600))
        body = _request(rng, when.date())
        service_id = f"coverage-policy-{body['hook']}"
        call = parse_hook_call(body, body["hook"])
        evaluation = runtime.evaluate(call, today=when.date())
        audits.append(runtime.build_audit(service_id=service_id, hook=call.hook, status=200, outcome="ok",
                                          latency_ms=round(rng.uniform(1.5, 9.0), 2), call=call,
                                          evaluation=evaluation, created_at=when))
        progress = i / calls   # later weeks: fewer overrides
        for card in evaluation.response["cards"]:
            if rng.random() > 0.75:
                continue
            suggestions = {s["uuid"]: s for s in card.get("suggestions", [])}
            serum = [u for u, s in suggestions.items() if any(a["type"] == "create" for a in s["actions"])]
            remove = [u for u in suggestions if u not in serum]
            stamp = when + dt.timedelta(seconds=rng.randrange(5, 90))
            entry = FeedbackEntry(card=card["uuid"], outcome="overridden",
                                  outcome_timestamp=stamp, outcome_timestamp_text=stamp.isoformat(),
                                  received_at=stamp, synthetic=True)
            accept = rng.random() < (0.35 + 0.35 * progress) * (1.2 if card["indicator"] == "warning" else 0.6)
            if accept and suggestions:
                entry.outcome = "accepted"
                entry.accepted_suggestions = [rng.choice(serum) if serum and rng.random() < 0.6 else
                                              rng.choice(remove or serum)]
            elif card.get("overrideReasons") and rng.random() < 0.85:
                reason = rng.choice(card["overrideReasons"])
                entry.override_system, entry.override_code = reason["system"], reason["code"]
                entry.override_display = reason["display"]
            feedback.append((service_id, entry))
    for audit in audits:   # marked, so the report says so and `db purge --synthetic` removes them
        audit.synthetic = True
    store.write_calls(audits)
    for service_id, entry in feedback:
        store.record_feedback(service_id, [entry], keep_comments=False)
    return len(audits), len(feedback)
