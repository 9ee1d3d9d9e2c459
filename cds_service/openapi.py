"""The OpenAPI 3 description of our endpoints, served at /openapi.json and fuzzed in the test suite."""
from __future__ import annotations

from typing import Any

from .catalog import SERVICES
from .feedback import MAX_ACCEPTED_SUGGESTIONS, MAX_FEEDBACK_ENTRIES

_CODING = {"type": "object", "properties": {"system": {"type": "string", "maxLength": 200},
                                            "code": {"type": "string", "maxLength": 64},
                                            "display": {"type": "string", "maxLength": 200}}}
_SERVICE_REQUEST = {
    "type": "object", "required": ["resourceType", "id"],
    "properties": {
        "resourceType": {"type": "string", "enum": ["ServiceRequest"]},
        "id": {"type": "string", "pattern": "^[A-Za-z0-9.-]{1,64}$"},
        "status": {"type": "string", "enum": ["draft", "active", "on-hold", "revoked", "completed",
                                              "entered-in-error", "unknown"]},
        "intent": {"type": "string", "maxLength": 32},
        "doNotPerform": {"type": "boolean"},
        "code": {"type": "object", "properties": {"coding": {"type": "array", "items": _CODING, "maxItems": 5},
                                                  "text": {"type": "string", "maxLength": 500}}},
    },
}
_OUTCOME = {"type": "object", "required": ["resourceType", "issue"],
            "properties": {"resourceType": {"enum": ["OperationOutcome"]},
                           "issue": {"type": "array", "minItems": 1, "items": {
                               "type": "object", "required": ["severity", "code", "diagnostics"],
                               "properties": {"severity": {"type": "string"}, "code": {"type": "string"},
                                              "diagnostics": {"type": "string"}}}}}}
_CARD = {"type": "object", "required": ["uuid", "summary", "indicator", "source"],
         "properties": {"uuid": {"type": "string"}, "summary": {"type": "string", "maxLength": 100},
                        "detail": {"type": "string"}, "indicator": {"enum": ["info", "warning", "critical"]},
                        "source": {"type": "object", "required": ["label"]},
                        "suggestions": {"type": "array", "minItems": 1},
                        "selectionBehavior": {"enum": ["at-most-one", "any"]},
                        "overrideReasons": {"type": "array", "minItems": 1},
                        "links": {"type": "array", "minItems": 1}}}
_CDS_RESPONSE = {"type": "object", "required": ["cards"],
                 "properties": {"cards": {"type": "array", "items": _CARD},
                                "systemActions": {"type": "array", "minItems": 1}}}


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/fhir+json": {"schema": _OUTCOME}}}


_ERRORS = {"400": _error("The request is malformed or names the wrong hook"),
           "401": _error("Client authentication failed"),
           "413": _error("The request is too large")}


def _hook_request(hook: str) -> dict[str, Any]:
    context: dict[str, Any] = {
        "type": "object", "required": ["draftOrders"],
        "properties": {
            "patientId": {"type": "string", "pattern": "^[A-Za-z0-9.-]{1,64}$"},
            "userId": {"type": "string", "maxLength": 100},
            "draftOrders": {"type": "object", "required": ["resourceType"], "properties": {
                "resourceType": {"enum": ["Bundle"]},
                "entry": {"type": "array", "maxItems": 10, "items": {
                    "type": "object", "properties": {"resource": _SERVICE_REQUEST}}}}},
        }}
    if hook == "order-select":
        context["required"] = ["draftOrders", "selections"]
        context["properties"]["selections"] = {"type": "array", "items": {"type": "string", "maxLength": 80}}
    return {"type": "object", "required": ["hook", "hookInstance", "context"],
            "properties": {"hook": {"enum": [hook]},
                           "hookInstance": {"type": "string", "minLength": 1, "maxLength": 64},
                           "context": context,
                           "prefetch": {"type": "object", "properties": {"coverage": {
                               "type": "object", "required": ["resourceType"],
                               "properties": {"resourceType": {"enum": ["Bundle"]}}}}}}}


_FEEDBACK = {"type": "object", "required": ["feedback"], "properties": {"feedback": {
    "type": "array", "minItems": 1, "maxItems": MAX_FEEDBACK_ENTRIES, "items": {
        "type": "object", "required": ["card", "outcome"],
        "properties": {"card": {"type": "string", "minLength": 1, "maxLength": 128},
                       "outcome": {"enum": ["accepted", "overridden"]},
                       "acceptedSuggestions": {"type": "array", "maxItems": MAX_ACCEPTED_SUGGESTIONS, "items": {
                           "type": "object", "required": ["id"], "properties": {"id": {"type": "string", "maxLength": 64}}}},
                       "overrideReason": {"type": "object", "properties": {
                           "reason": _CODING, "userComment": {"type": "string", "maxLength": 500}}},
                       "outcomeTimestamp": {"type": "string", "format": "date-time"}}}}}}


def openapi_document() -> dict[str, Any]:
    paths: dict[str, Any] = {
        "/cds-services": {"get": {"summary": "CDS Hooks discovery", "operationId": "discovery",
                                  "responses": {"200": {"description": "The services",
                                                        "content": {"application/json": {"schema": {
                                                            "type": "object", "required": ["services"]}}}},
                                                "401": _ERRORS["401"]}}},
        "/policies": {"get": {
            "summary": "The policies on file, optionally of one service", "operationId": "policyIndex",
            "parameters": [{"name": "service", "in": "query", "required": False,
                            "schema": {"type": "string", "maxLength": 64}}],
            "responses": {"200": {"description": "HTML list, or JSON with Accept: application/json",
                                  "content": {"text/html": {"schema": {"type": "string"}},
                                              "application/json": {"schema": {"type": "object"}}}},
                          "404": {"description": "Unknown service", "content": {
                              "application/fhir+json": {"schema": _OUTCOME}}}}}},
        "/policies/{policyId}": {"get": {
            "summary": "A policy page (HTML; JSON with a .json suffix or Accept: application/json)",
            "operationId": "policyPage",
            "parameters": [{"name": "policyId", "in": "path", "required": True,
                            "schema": {"type": "string", "maxLength": 64}}],
            "responses": {"200": {"description": "The policy page",
                                  "content": {"text/html": {"schema": {"type": "string"}},
                                              "application/json": {"schema": {"type": "object"}}}},
                          "404": {"description": "Unknown policy", "content": {
                              "application/fhir+json": {"schema": _OUTCOME}}}}}},
        "/healthz": {"get": {"summary": "Process is up", "operationId": "healthz",
                             "responses": {"200": {"description": "Up", "content": {"application/json": {
                                 "schema": {"type": "object"}}}}}}},
        "/readyz": {"get": {"summary": "Policies loaded and database reachable", "operationId": "readyz",
                            "responses": {s: {"description": d, "content": {"application/json": {
                                "schema": {"type": "object", "required": ["status"]}}}}
                                for s, d in (("200", "Ready"), ("503", "Not ready"))}}},
        "/metrics": {"get": {"summary": "Prometheus metrics", "operationId": "metrics",
                             "responses": {"200": {"description": "Metrics", "content": {"text/plain": {
                                 "schema": {"type": "string"}}}}}}},
    }
    for service in SERVICES.values():
        paths[f"/cds-services/{service.id}"] = {"post": {
            "summary": f"{service.title} ({service.hook})", "operationId": service.id,
            "requestBody": {"required": True, "content": {"application/json": {"schema": _hook_request(service.hook)}}},
            "responses": {"200": {"description": "Cards (and CRD system actions)",
                                  "content": {"application/json": {"schema": _CDS_RESPONSE}}}, **_ERRORS}}}
        paths[f"/cds-services/{service.id}/feedback"] = {"post": {
            "summary": f"Feedback on cards of {service.id}", "operationId": f"{service.id}-feedback",
            "requestBody": {"required": True, "content": {"application/json": {"schema": _FEEDBACK}}},
            "responses": {"200": {"description": "Stored", "content": {"application/json": {"schema": {"type": "object"}}}},
                          **_ERRORS, "503": _error("Feedback could not be stored right now")}}}
    return {"openapi": "3.0.3",
            "info": {"title": "cds_service", "version": "1",
                     "description": "CDS Hooks 2.0 service flagging investigational and non-covered orders"},
            "paths": paths}
