"""JSON-lines logging of calls: ids, hook instance, counts and outcome; never names, notes or tokens."""
from __future__ import annotations

import json
import logging
import time

# Only these record attributes are written: a field must be added here on purpose to reach the log.
ALLOWED_FIELDS = ("hookInstance", "service", "hook", "orders", "in_scope", "cards", "outcome", "status",
                  "latency_ms", "coverage_source", "system_actions", "feedback_entries", "feedback_new", "fhir_failures", "policies", "situations")


class JsonLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {"time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + "Z",
                "level": record.levelname, "logger": record.name, "event": record.getMessage()}
        for name in ALLOWED_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        return json.dumps(line, default=str)


def configure(level: str) -> None:
    logger = logging.getLogger("cds_service")
    logger.setLevel(level)
    if not any(getattr(h, "_cds_service", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(JsonLinesFormatter())
        handler._cds_service = True   # type: ignore[attr-defined]
        logger.addHandler(handler)
