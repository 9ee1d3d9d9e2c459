"""Reading a CDS Hooks 2.0 feedback request: lenient where clients differ, strict where we store."""
from __future__ import annotations

import datetime as dt
from typing import Any

from .hook_request import RequestError
from .store import FeedbackEntry

OUTCOMES = ("accepted", "overridden")

# A clinician's action on a card is one entry, and our cards offer at most a few suggestions; these
# caps leave ample room for a client that batches, and bound what one post can make us store.
MAX_FEEDBACK_ENTRIES = 100
MAX_ACCEPTED_SUGGESTIONS = 10
MAX_FEEDBACK_BYTES = 256 * 1024


def _timestamp(value: Any, path: str) -> tuple[dt.datetime | None, str | None]:
    if value is None:
        return None, None
    if not isinstance(value, str):
        raise RequestError(400, f"'{path}' must be an ISO 8601 date-time string.")
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RequestError(400, f"'{path}' is not an ISO 8601 date-time: {value[:40]!r}.") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.timezone.utc)
    try:
        # 0001-01-01T00:00:00+14:00 parses, but is before year 1 in UTC: Python cannot hold it.
        return parsed.astimezone(dt.timezone.utc), value
    except OverflowError:
        raise RequestError(400, f"'{path}' is outside the range of dates this service stores: {value[:40]!r}.") from None


def parse_feedback(body: Any) -> list[FeedbackEntry]:
    if not isinstance(body, dict):
        raise RequestError(400, "The feedback body must be a JSON object with a 'feedback' array.")
    items = body.get("feedback")
    if not isinstance(items, list) or not items:
        raise RequestError(400, "'feedback' must be a non-empty array.", code="required")
    if len(items) > MAX_FEEDBACK_ENTRIES:
        raise RequestError(413, f"'feedback' has {len(items)} entries; at most {MAX_FEEDBACK_ENTRIES} are accepted "
                                "per request.", code="too-costly")
    entries = []
    for i, item in enumerate(items):
        path = f"feedback[{i}]"
        if not isinstance(item, dict):
            raise RequestError(400, f"'{path}' must be an object.")
        card = item.get("card")
        if not isinstance(card, str) or not card or len(card) > 128:
            raise RequestError(400, f"'{path}.card' must be the uuid of a card (a non-empty string).")
        outcome = item.get("outcome")
        if outcome not in OUTCOMES:
            raise RequestError(400, f"'{path}.outcome' must be 'accepted' or 'overridden'.")
        accepted = item.get("acceptedSuggestions", [])
        if accepted is None:
            accepted = []
        if not isinstance(accepted, list) or not all(isinstance(a, dict) and isinstance(a.get("id"), str)
                                                      for a in accepted):
            raise RequestError(400, f"'{path}.acceptedSuggestions' must be an array of {{\"id\": \"...\"}}.")
        if len(accepted) > MAX_ACCEPTED_SUGGESTIONS:
            raise RequestError(413, f"'{path}.acceptedSuggestions' has {len(accepted)} entries; at most "
                                    f"{MAX_ACCEPTED_SUGGESTIONS} are accepted.", code="too-costly")
        entry = FeedbackEntry(card=card, outcome=outcome, accepted_suggestions=[a["id"][:128] for a in accepted])
        reason = item.get("overrideReason")
        if reason is not None:
            if not isinstance(reason, dict):
                raise RequestError(400, f"'{path}.overrideReason' must be an object.")
            coding = reason.get("reason")
            if coding is not None:
                if not isinstance(coding, dict):
                    raise RequestError(400, f"'{path}.overrideReason.reason' must be a Coding.")
                # Lenient: the Sandbox sends a Coding without display.
                for key in ("system", "code", "display"):
                    value = coding.get(key)
                    if value is not None and not isinstance(value, str):
                        raise RequestError(400, f"'{path}.overrideReason.reason.{key}' must be a string.")
                entry.override_system = (coding.get("system") or None) and coding["system"][:255]
                entry.override_code = (coding.get("code") or None) and coding["code"][:128]
                entry.override_display = (coding.get("display") or None) and coding["display"][:255]
            comment = reason.get("userComment")
            if comment is not None and not isinstance(comment, str):
                raise RequestError(400, f"'{path}.overrideReason.userComment' must be a string.")
            entry.user_comment = comment[:10_000] if comment else None
        entry.outcome_timestamp, entry.outcome_timestamp_text = _timestamp(
            item.get("outcomeTimestamp"), f"{path}.outcomeTimestamp")
        entries.append(entry)
    return entries
