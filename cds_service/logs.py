"""JSON-lines logging of calls: ids, hook instance, counts and outcome; never names, notes or tokens.

An error line says why without saying what was sent: the exception's type, the first line of its cause
(for a database error, the driver's own message, never the statement's parameters) and the place in our
code where it happened.
"""
from __future__ import annotations

import json
import logging
import time
import traceback
from pathlib import Path

# Only these record attributes are written: a field must be added here on purpose to reach the log.
ALLOWED_FIELDS = ("hookInstance", "service", "hook", "orders", "in_scope", "cards", "outcome", "status",
                  "latency_ms", "coverage_source", "system_actions", "feedback_entries", "feedback_new", "fhir_failures", "policies", "situations",
                  "error", "cause", "where", "setting")

_PACKAGE = Path(__file__).resolve().parent
_CAUSE_LIMIT = 200


def describe_error(exc: BaseException) -> dict[str, str]:
    """Type, short cause and code location of an exception, free of request values.

    SQLAlchemy's own message appends the SQL and its parameters (which may hold a hook instance or a
    hash); only the driver's first line is kept. Any message is cut to one line of 200 characters."""
    origin = getattr(exc, "orig", None) or exc
    name = type(exc).__name__
    if origin is not exc:
        name = f"{name} ({type(origin).__module__.split('.')[0]}.{type(origin).__name__})"
    text = str(origin).strip().splitlines()
    cause = text[0][:_CAUSE_LIMIT] if text else ""
    where = ""
    frames = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else []
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(_PACKAGE)]
    frame = (ours or frames)[-1] if (ours or frames) else None
    if frame is not None:
        path = Path(frame.filename).resolve()
        shown = path.relative_to(_PACKAGE.parent) if path.is_relative_to(_PACKAGE.parent) else path.name
        where = f"{shown}:{frame.lineno} in {frame.name}"
    return {"error": name, "cause": cause, "where": where}


# json.dumps(line, default=str) builds this encoder anew for every line.
_ENCODER = json.JSONEncoder(default=str)


class JsonLinesFormatter(logging.Formatter):
    _second: tuple[int, str] = (-1, "")   # the last second written, and how: one line after another shares it

    def _time(self, created: float) -> str:
        second = int(created)
        last = self._second
        if last[0] != second:
            last = (second, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + "Z")
            self._second = last
        return last[1]

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": self._time(record.created),
                "level": record.levelname, "logger": record.name, "event": record.getMessage()}
        for name in ALLOWED_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info and record.exc_info[1] is not None:
            for key, value in describe_error(record.exc_info[1]).items():
                line.setdefault(key, value)
        return _ENCODER.encode(line)


def configure(level: str) -> None:
    logger = logging.getLogger("cds_service")
    logger.setLevel(level)
    if not any(getattr(h, "_cds_service", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(JsonLinesFormatter())
        handler._cds_service = True   # type: ignore[attr-defined]
        logger.addHandler(handler)
