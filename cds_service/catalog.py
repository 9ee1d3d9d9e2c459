"""The CDS services we advertise: one per hook, because the Sandbox keys services by id.

Prefetch asks for the active Coverage only (minimum necessary): the decision uses no Patient.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COVERAGE_PREFETCH = {"coverage": "Coverage?patient={{context.patientId}}&status=active"}


@dataclass(frozen=True)
class ServiceDefinition:
    id: str
    hook: str
    title: str
    description: str

    def discovery(self, extension: dict[str, Any] | None = None) -> dict[str, Any]:
        body = {"hook": self.hook, "id": self.id, "title": self.title, "description": self.description,
                "prefetch": dict(COVERAGE_PREFETCH)}
        if extension:
            body["extension"] = extension
        return body


_DESCRIPTION = ("Flags intracellular micronutrient panels (SpectraCell, EXA Test, Cell Science Systems CMA, "
                "Vibrant) and magnetic resonance spectroscopy (CPT 76390, 0609T-0612T) that the patient's "
                "payer policy calls investigational or not covered, cites the policy, and offers removal "
                "or standard serum tests. Ordinary orders get no card.")

SERVICES: dict[str, ServiceDefinition] = {s.id: s for s in (
    ServiceDefinition("coverage-policy-order-sign", "order-sign",
                      "Coverage policy check at signing", _DESCRIPTION),
    ServiceDefinition("coverage-policy-order-select", "order-select",
                      "Coverage policy check at order selection", _DESCRIPTION),
)}
