"""Override analytics: what we showed, what clinicians did, per policy, payer, order type and card.

Definitions (also printed on the report):
- a card may get several feedback entries (the CDS Hooks Sandbox posts "accepted" for a suggestion and
  then "overridden" when the card is dismissed): it counts as accepted if any entry accepted a
  suggestion, else as overridden if any entry overrode it, else as "no feedback"; the suggestions
  accepted are those of every accepted entry, and every override reason given for the card is listed
  (once per card), also for a card that counts as accepted;
- override rate = overridden / (accepted + overridden), i.e. among cards with feedback;
- serum-substitution rate = cards whose serum replacement was accepted / cards that offered one;
- shadow-mode cards were never shown: they count as "would have fired" only;
- warnings (the patient's own policy applies) and info cards (evidence only, a policy not yet in
  effect, a plan the policy excludes) are counted apart: an info card asks nothing of the clinician,
  so mixing its overrides into a warning's rate would hide how the alert itself is received.

Every export names the period it covers and when it was made, and shows payers, policies and services
by their names (the policy data in force gives them; an id no longer on file is shown as it is).
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from sqlalchemy import select

from .store import Store, as_utc
from .store.models import CardRecord, FeedbackRecord

DIMENSIONS = ("policy", "payer", "order type", "card", "trigger")
INDICATORS = ("warning", "info")
TEXT_WIDTH = 100
EVIDENCE_ONLY = "(evidence only: no policy for the plan)"
NO_PAYER = "(unknown or no coverage)"

# How each situation reads in a report (the rows of the decision table in the README).
SITUATION_NAMES = {
    "policy-applies": "the patient's policy applies",
    "policy-not-yet-effective": "policy not yet in effect",
    "line-excluded": "policy excludes the plan's line of business",
    "line-unknown": "plan type could not be read",
    "no-policy-for-plan": "no policy on file for the plan",
    "payer-unknown": "payer not recognised",
    "no-coverage": "no coverage in the request",
}


@dataclass
class Tally:
    shown: int = 0
    would_have_fired: int = 0
    accepted: int = 0
    accepted_serum: int = 0
    accepted_remove: int = 0
    overridden: int = 0
    no_feedback: int = 0
    offered_serum: int = 0
    reasons: Counter = field(default_factory=Counter)
    answered_by: Counter = field(default_factory=Counter)      # indicator -> cards with feedback
    overridden_by: Counter = field(default_factory=Counter)    # indicator -> of those, overridden

    def add(self, card: CardRecord, entries: list[FeedbackRecord]) -> None:
        if card.shadow:
            self.would_have_fired += 1
            return
        self.shown += 1
        offered = "serum" in (card.suggestions or {}).values()
        self.offered_serum += offered
        accepted = [e for e in entries if e.outcome == "accepted"]
        overridden = [e for e in entries if e.outcome != "accepted"]
        if accepted:
            self.accepted += 1
            # Resolved now, from the card as stored: feedback may have been written before its card was.
            kinds = {(card.suggestions or {}).get(s) for e in accepted for s in e.accepted_suggestions or []}
            for e in accepted:
                kinds |= set((e.accepted_kind or "").split(","))
            self.accepted_serum += "serum" in kinds
            self.accepted_remove += "remove" in kinds
        elif overridden:
            self.overridden += 1
        else:
            self.no_feedback += 1
        for reason in {e.override_display or e.override_code or "(no reason given)" for e in overridden}:
            self.reasons[reason] += 1
        if entries:
            self.answered_by[card.indicator] += 1
            self.overridden_by[card.indicator] += not accepted

    @property
    def override_rate(self) -> tuple[int, int]:
        return self.overridden, self.accepted + self.overridden

    @property
    def serum_rate(self) -> tuple[int, int]:
        return self.accepted_serum, self.offered_serum

    def override_rate_of(self, indicator: str) -> tuple[int, int]:
        return self.overridden_by[indicator], self.answered_by[indicator]


@dataclass(frozen=True)
class Week:
    """One ISO week of the trend; `partial` when the report's period covers only part of it, so a
    short first or last week is not read as a fall in use."""

    label: str
    start: dt.datetime
    covered_from: dt.datetime
    covered_to: dt.datetime
    tally: Tally

    @property
    def partial(self) -> bool:
        return self.covered_from > self.start or self.covered_to < self.start + dt.timedelta(days=7)

    @property
    def coverage_note(self) -> str:
        if not self.partial:
            return ""
        days = (self.covered_to - self.covered_from).total_seconds() / 86400
        return f"partial: {days:.1f} of 7 days, from {self.covered_from:%a %d %b}"


@dataclass
class ReportData:
    since: dt.date | None
    generated_at: dt.datetime
    total: Tally
    by: dict[str, dict[str, Tally]]
    weekly: dict[str, Tally]
    unknown_card_feedback: int
    by_indicator: dict[str, Tally] = field(default_factory=dict)
    warnings_by_policy: dict[str, Tally] = field(default_factory=dict)
    period_start: dt.datetime | None = None
    weeks: list[Week] = field(default_factory=list)
    names: dict[str, dict[str, str]] = field(default_factory=dict)
    synthetic_cards: int = 0     # from `cds-service demo-data`: never real clinical traffic

    @property
    def synthetic_notice(self) -> str:
        if not self.synthetic_cards:
            return ""
        return (f"SYNTHETIC DATA PRESENT: {self.synthetic_cards} of these cards were written by "
                "`cds-service demo-data`, not by real calls; remove them with `cds-service db purge --synthetic`.")

    def name(self, dimension: str, key: str) -> str:
        return self.names.get(dimension, {}).get(key, key)

    @property
    def period(self) -> str:
        end = f"{self.generated_at:%Y-%m-%d %H:%M} UTC"
        if self.period_start is None:
            return f"no cards up to {end}"
        return f"{self.period_start:%Y-%m-%d %H:%M} UTC to {end}"

    @property
    def stamp(self) -> str:
        return f"Period {self.period}; generated {self.generated_at:%Y-%m-%d %H:%M} UTC."


def _unnamed_payer(payer: Any, line_displays: Any) -> str:
    """A payer whose source document does not name it (seed 002), until an organisation does."""
    kind = line_displays.get(payer.line_of_business) if payer.line_of_business else None
    return f"{kind + ' plan' if kind else payer.id} (not named in its policy)"


def names_from(policy_set: Any) -> dict[str, dict[str, str]]:
    """Names for the ids the audit stores, from the policy data in force."""
    if policy_set is None:
        return {}
    return {
        "policy": {rule.id: rule.short_reference for rule in policy_set.policies.values()},
        "payer": {payer.id: payer.display or _unnamed_payer(payer, policy_set.line_displays)
                  for payer in policy_set.payers.values()},
        "order type": {service.id: service.name for service in policy_set.services.values()},
        "trigger": _trigger_names(policy_set),
    }


def _trigger_names(policy_set: Any) -> dict[str, str]:
    """A code trigger by its code; a words trigger by its id in services.yaml (where an analyst edits
    it); each with the service it recognises."""
    from .engine.recognition import LOCAL_CODE_RULE, PANEL_VOLUME_RULE

    rz = policy_set.recognizer

    def service(service_id: str) -> str:
        found = policy_set.services.get(service_id)
        return found.short_name if found else service_id
    names = {LOCAL_CODE_RULE: "this organisation's catalog codes (CDS_LOCAL_CODES)",
             PANEL_VOLUME_RULE: "many panel CPT codes on one order"}
    for rule in rz.trigger_rules:
        names[rule.id] = f"{rule.id} (words, {service(rule.service_id)})"
    for (alias, code), service_ids in rz.code_index.items():
        for service_id in service_ids:
            names[f"{service_id}:{alias}:{code}"] = f"{alias.upper()} {code} ({service(service_id)})"
    return names


def _keys(dimension: str, card: CardRecord) -> list[str]:
    """A card counts once under each recognition rule that fired for it (which triggers fire most)."""
    if dimension == "trigger":
        return list(card.triggers or []) or ["(not recorded)"]
    return [_key(dimension, card)]


def _key(dimension: str, card: CardRecord) -> str:
    if dimension == "policy":
        return card.policy_id or EVIDENCE_ONLY
    if dimension == "payer":
        return card.payer_id or NO_PAYER
    if dimension == "order type":
        return card.order_type
    return f"{card.situation} ({card.indicator})"


def _card_names(keys: Iterable[str]) -> dict[str, str]:
    names = {}
    for key in keys:
        situation, _, rest = key.partition(" (")
        names[key] = f"{rest.rstrip(')')}: {SITUATION_NAMES.get(situation, situation)}"
    return names


def _week_start(when: dt.datetime) -> dt.datetime:
    day = when.date() - dt.timedelta(days=when.weekday())
    return dt.datetime.combine(day, dt.time(), dt.timezone.utc)


def _week_label(start: dt.datetime) -> str:
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


def _weeks(first: dt.datetime, period_start: dt.datetime, end: dt.datetime,
           tallies: Mapping[dt.datetime, Tally]) -> list[Week]:
    """Every week from the first to the last of the period, empty ones included, so the time axis is
    even and a week without cards shows as a gap, not as two weeks drawn side by side."""
    weeks = []
    start = _week_start(first)
    while start < end:
        stop = start + dt.timedelta(days=7)
        weeks.append(Week(_week_label(start), start, max(start, period_start), min(stop, end),
                          tallies.get(start, Tally())))
        start = stop
    return weeks


def build_report(store: Store, since: dt.date | None = None, now: dt.datetime | None = None,
                 policy_set: Any = None) -> ReportData:
    now = now or dt.datetime.now(dt.timezone.utc)
    start = dt.datetime.combine(since, dt.time(), dt.timezone.utc) if since else None
    with store.session() as session:
        query = select(CardRecord)
        if start is not None:
            query = query.where(CardRecord.created_at >= start)
        cards = list(session.scalars(query))
        uuids = {c.uuid for c in cards}
        feedback_query = select(FeedbackRecord)
        if start is not None:
            feedback_query = feedback_query.where(FeedbackRecord.received_at >= start)
        feedback = list(session.scalars(feedback_query))
    per_card: dict[str, list[FeedbackRecord]] = defaultdict(list)
    unknown = 0
    for entry in feedback:
        if entry.card_uuid not in uuids:
            unknown += 1
            continue
        per_card[entry.card_uuid].append(entry)
    total = Tally()
    by: dict[str, dict[str, Tally]] = {d: defaultdict(Tally) for d in DIMENSIONS}
    by_indicator: dict[str, Tally] = {i: Tally() for i in INDICATORS}
    warnings_by_policy: dict[str, Tally] = defaultdict(Tally)
    weekly: dict[dt.datetime, Tally] = defaultdict(Tally)
    cards.sort(key=lambda c: as_utc(c.created_at))
    for card in cards:
        entries = per_card.get(card.uuid, [])
        total.add(card, entries)
        by_indicator.setdefault(card.indicator, Tally()).add(card, entries)
        if card.indicator == "warning":
            warnings_by_policy[_key("policy", card)].add(card, entries)
        for dimension in DIMENSIONS:
            for key in _keys(dimension, card):
                by[dimension][key].add(card, entries)
        weekly[_week_start(as_utc(card.created_at))].add(card, entries)
    period_start = start or (as_utc(cards[0].created_at) if cards else None)
    weeks = _weeks(min(period_start, as_utc(cards[0].created_at)) if cards else now, period_start, now, weekly) \
        if period_start is not None else []
    names = names_from(policy_set)
    names["card"] = _card_names(by["card"])
    return ReportData(since, now, total, {d: dict(sorted(v.items(), key=_order(d))) for d, v in by.items()},
                      {w.label: w.tally for w in weeks}, unknown, by_indicator, dict(sorted(warnings_by_policy.items())),
                      period_start, weeks, names, synthetic_cards=sum(1 for c in cards if c.synthetic))


def _order(dimension: str):
    """Triggers most fired first, so a trigger that misfires is seen at the top; other tables by name."""
    if dimension == "trigger":
        return lambda item: (-(item[1].shown + item[1].would_have_fired), item[0])
    return lambda item: item[0]


def _rate(pair: tuple[int, int]) -> str:
    num, den = pair
    return f"{num}/{den} ({100 * num / den:.0f}%)" if den else f"{num}/0 (n/a)"


def _reasons(t: Tally) -> str:
    return "; ".join(f"{r}: {n}" for r, n in t.reasons.most_common())


COUNT_COLUMNS = ["shown", "would have fired", "accepted", "serum accepted", "removed", "overridden", "no feedback"]
COLUMNS = COUNT_COLUMNS + ["override rate", "serum-substitution rate", "override reasons"]


def _counts(t: Tally) -> list[str]:
    return [str(t.shown), str(t.would_have_fired), str(t.accepted), str(t.accepted_serum), str(t.accepted_remove),
            str(t.overridden), str(t.no_feedback)]


def _cells(t: Tally) -> list[str]:
    return _counts(t) + [_rate(t.override_rate), _rate(t.serum_rate), _reasons(t) or "-"]


DEFINITIONS = ("A card counts as accepted if any feedback accepted a suggestion, else as overridden if any "
               "overrode it; every override reason given for a card is listed. Override rate = overridden / cards with feedback, "
               "for warnings and info cards apart. Serum-substitution rate = serum replacements accepted / "
               "cards that offered one. 'Would have fired' counts shadow-mode cards, never shown.")


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, TEXT_WIDTH, initial_indent=indent, subsequent_indent=indent + "  ") or [indent]


def _text_table(header: list[str], rows: list[list[str]], left: frozenset[int] = frozenset({0})) -> list[str]:
    """A table whose first column wraps so that no line passes TEXT_WIDTH. Headers may hold two
    lines ("would\nhave fired"); the columns in `left` align left, figures right."""
    heads = [h.split("\n") for h in header]
    depth = max(len(h) for h in heads)
    heads = [[""] * (depth - len(h)) + h for h in heads]
    widths = [max([len(x) for x in h] + [len(r[i]) for r in rows]) for i, h in enumerate(heads)]
    first = max(12, min(widths[0], TEXT_WIDTH - sum(widths[1:]) - 2 * (len(widths) - 1)))
    widths[0] = first

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i in left else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    out = [line([h[i] for h in heads]) for i in range(depth)]
    out.append("  ".join("-" * w for w in widths))
    for row in rows:
        parts = textwrap.wrap(row[0], first) or [""]
        out.append(line([parts[0]] + row[1:]))
        out.extend(part for part in parts[1:])
    return out


def _headline(label: str, t: Tally) -> str:
    return (f"{label}: {t.shown} shown, {t.accepted} accepted, {t.overridden} overridden, {t.no_feedback} "
            f"without feedback; override rate {_rate(t.override_rate)}; serum-substitution rate "
            f"{_rate(t.serum_rate)}.")


HEADLINES = {"warning": "Warnings (the patient's policy applies)",
             "info": "Info cards (evidence, policy not in effect or not for this plan)"}


def render_text(data: ReportData) -> str:
    out = [f"Card outcomes{' since ' + data.since.isoformat() if data.since else ''}", *_wrap(data.stamp),
           *_wrap(DEFINITIONS), ""]
    if data.synthetic_notice:
        out[1:1] = _wrap(data.synthetic_notice)
    for indicator in INDICATORS:
        out += _wrap(_headline(HEADLINES[indicator], data.by_indicator.get(indicator, Tally())))
    if data.total.would_have_fired:
        out += _wrap(f"Shadow mode: {data.total.would_have_fired} cards would have fired (never shown).")
    if data.unknown_card_feedback:
        out += _wrap(f"Feedback naming cards not in this period's audit: {data.unknown_card_feedback}.")
    count_header = ["shown", "would\nhave fired", "accepted", "serum\naccepted", "removed", "overridden", "no\nfeedback"]
    for dimension in DIMENSIONS:
        items = [(data.name(dimension, k), v) for k, v in data.by[dimension].items()]
        out += ["", f"By {dimension}"]
        out += _text_table([dimension] + count_header, [[name] + _counts(t) for name, t in items])
        out += [""]
        out += _text_table([dimension, "override\nrate", "serum-substitution\nrate"],
                           [[name, _rate(t.override_rate), _rate(t.serum_rate)] for name, t in items])
        reasons = [(name, t) for name, t in items if t.reasons]
        if reasons:
            out += ["", "Override reasons"]
            for name, t in reasons:
                out += _wrap(f"{name}: {_reasons(t)}", "  ")
    out += ["", "Weekly trend (override rates; a partial week covers only part of its seven days)"]
    out += _text_table(
        ["week", "shown", "warnings\noverridden", "info cards\noverridden", "serum\nsubstituted", "period"],
        [[w.label, str(w.tally.shown), _rate(w.tally.override_rate_of("warning")), _rate(w.tally.override_rate_of("info")),
          _rate(w.tally.serum_rate), w.coverage_note or "whole week"] for w in data.weeks], left=frozenset({0, 5}))
    return "\n".join(out) + "\n"


def render_csv(data: ReportData) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    period_start = data.period_start.isoformat() if data.period_start else ""
    stamp = [period_start, data.generated_at.isoformat(), data.generated_at.isoformat()]
    writer.writerow(["dimension", "key", "name", "shown", "would_have_fired", "accepted", "accepted_serum",
                     "accepted_remove", "overridden", "no_feedback", "offered_serum", "override_rate",
                     "serum_substitution_rate", "override_reasons", "partial_period",
                     "period_start", "period_end", "generated_at"])

    def row(dimension: str, key: str, name: str, t: Tally, partial: str = "") -> list[Any]:
        o, s = t.override_rate, t.serum_rate
        return [dimension, key, name, t.shown, t.would_have_fired, t.accepted, t.accepted_serum, t.accepted_remove,
                t.overridden, t.no_feedback, t.offered_serum, f"{o[0] / o[1]:.4f}" if o[1] else "",
                f"{s[0] / s[1]:.4f}" if s[1] else "", _reasons(t), partial] + stamp
    if data.synthetic_cards:
        writer.writerow(["notice", "synthetic", data.synthetic_notice] + [""] * 12 + stamp)
    writer.writerow(row("all", "all", "all cards", data.total))
    for indicator in INDICATORS:
        writer.writerow(row("indicator", indicator, HEADLINES[indicator], data.by_indicator.get(indicator, Tally())))
    for dimension in DIMENSIONS:
        for key, tally in data.by[dimension].items():
            writer.writerow(row(dimension, key, data.name(dimension, key), tally))
    for week in data.weeks:
        writer.writerow(row("week", week.label, week.coverage_note or "whole week", week.tally,
                            "yes" if week.partial else "no"))
    return buffer.getvalue()


def _svg_text(x: float, y: float, text: str, size: int = 11, anchor: str = "start", **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
            f'{html.escape(text)}</text>')


def _bar_chart(title: str, items: list[tuple[str, tuple[int, int]]], colour: str = "#c0392b") -> str:
    """Horizontal bars of a rate per key on a 0-100% axis with ticks, drawn as SVG so the page needs
    nothing from outside."""
    bar_h, label_w, width, top = 26, 300, 760, 34
    plot_w = width - label_w - 130
    height = top + bar_h * max(1, len(items)) + 28
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(title)}">', _svg_text(0, 18, title, 15, font_weight="bold")]
    axis_y = top + bar_h * max(1, len(items)) + 4
    for tick in range(0, 101, 25):
        x = label_w + plot_w * tick / 100
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{axis_y}" stroke="#ddd"/>')
        parts.append(_svg_text(x, axis_y + 14, f"{tick}%", 10, "middle"))
    for i, (label, (num, den)) in enumerate(items):
        y = top + i * bar_h
        share = num / den if den else 0
        parts.append(_svg_text(0, y + 17, label if len(label) <= 44 else label[:43] + "…", 12))
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{plot_w * share:.1f}" height="18" fill="{colour}"/>')
        parts.append(_svg_text(label_w + plot_w * share + 6, y + 17, _rate((num, den)), 12))
    return "".join(parts) + "</svg>"


TREND_SERIES = (("warning override rate", "#c0392b", lambda t: t.override_rate_of("warning")),
                ("info override rate", "#2471a3", lambda t: t.override_rate_of("info")),
                ("serum-substitution rate", "#1e8449", lambda t: t.serum_rate))


def _trend_chart(weeks: list[Week]) -> str:
    """Weekly rates on a 0-100% axis with a tick every 20%. A rate is drawn only for weeks with cards
    to rate (an empty week is a gap, not a zero); partial weeks are shaded and their points hollow."""
    width, height, left, right, top, bottom = 760, 320, 56, 16, 36, 92
    plot_w, plot_h = width - left - right, height - top - bottom
    slot = plot_w / max(1, len(weeks))

    def x(i: int) -> float:
        return left + slot * (i + 0.5)

    def y(share: float) -> float:
        return top + plot_h * (1 - share)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="Weekly trend of rates">', _svg_text(0, 18, "Weekly trend (rates)", 15, font_weight="bold")]
    for i, week in enumerate(weeks):
        if week.partial:
            parts.append(f'<rect x="{left + slot * i:.1f}" y="{top}" width="{slot:.1f}" height="{plot_h}" '
                         f'fill="#f0f0f0"><title>{html.escape(week.label + ", " + week.coverage_note)}</title></rect>')
            parts.append(_svg_text(x(i), top - 4, "partial week", 10, "middle", fill="#666"))
    for tick in range(0, 101, 20):
        parts.append(f'<line x1="{left}" y1="{y(tick / 100):.1f}" x2="{left + plot_w}" y2="{y(tick / 100):.1f}" '
                     f'stroke="{"#999" if tick == 0 else "#e3e3e3"}"/>')
        parts.append(_svg_text(left - 6, y(tick / 100) + 4, f"{tick}%", 11, "end"))
    every = max(1, -(-len(weeks) // 12))   # at most twelve week labels, evenly spaced
    for i, week in enumerate(weeks):
        parts.append(f'<line x1="{x(i):.1f}" y1="{top + plot_h}" x2="{x(i):.1f}" y2="{top + plot_h + 4}" stroke="#999"/>')
        if i % every == 0:
            parts.append(_svg_text(x(i), top + plot_h + 16, week.label, 10, "middle"))
            answered = sum(week.tally.answered_by.values())
            parts.append(_svg_text(x(i), top + plot_h + 29, f"n={answered}", 9, "middle", fill="#666"))
    for n, (name, colour, rate) in enumerate(TREND_SERIES):
        segment: list[str] = []
        segments = []
        for i, week in enumerate(weeks):
            num, den = rate(week.tally)
            if not den:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{x(i):.1f},{y(num / den):.1f}")
            fill = "#fff" if week.partial else colour
            parts.append(f'<circle cx="{x(i):.1f}" cy="{y(num / den):.1f}" r="4" fill="{fill}" stroke="{colour}" '
                         f'stroke-width="2"><title>{html.escape(f"{week.label} {name}: {_rate((num, den))}")}'
                         f'</title></circle>')
        segments.append(segment)
        for points in (s for s in segments if len(s) > 1):
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(points)}"/>')
        parts.append(_svg_text(left + n * 200, height - 26, f"● {name}", 12, fill=colour))
    parts.append(_svg_text(left, height - 8, "n = cards with feedback that week; shaded: a week only partly "
                           "inside the report's period (hollow points).", 10, fill="#666"))
    return "".join(parts) + "</svg>"


def render_html(data: ReportData) -> str:
    def table(dimension: str) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in [dimension] + COLUMNS)
        def row(k: str, v: Tally) -> str:
            cells = [data.name(dimension, k)] + _cells(v)
            return "<tr>" + "".join(f'<td class="{"n" if 0 < i < len(cells) - 1 else "t"}">{html.escape(c)}</td>'
                                    for i, c in enumerate(cells)) + "</tr>"
        body = "".join(row(k, v) for k, v in data.by[dimension].items())
        return f"<h2>By {html.escape(dimension)}</h2><table><tr>{head}</tr>{body}</table>"

    def headline(indicator: str) -> str:
        t = data.by_indicator.get(indicator, Tally())
        return (f'<p class="summary"><b>{html.escape(HEADLINES[indicator])}</b>: <b>{t.shown}</b> shown, '
                f'<b>{t.accepted}</b> accepted, <b>{t.overridden}</b> overridden, <b>{t.no_feedback}</b> without '
                f'feedback. Override rate <b>{html.escape(_rate(t.override_rate))}</b>; serum-substitution rate '
                f'<b>{html.escape(_rate(t.serum_rate))}</b>.</p>')
    rates = [(data.name("policy", k), v.override_rate) for k, v in data.warnings_by_policy.items()]
    serum = [(data.name("policy", k), v.serum_rate) for k, v in data.by["policy"].items() if v.offered_serum]
    period = f" since {data.since.isoformat()}" if data.since else ""
    shadow = (f'<p class="summary"><b>{data.total.would_have_fired}</b> cards would have fired in shadow mode '
              f'(never shown).</p>' if data.total.would_have_fired else "")
    unknown = (f'<p class="note">Feedback naming cards not in this period\'s audit: {data.unknown_card_feedback}.</p>'
               if data.unknown_card_feedback else "")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CDS card outcomes{period}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1200px; }}
table {{ border-collapse: collapse; margin-bottom: 1.5rem; font-size: 0.9rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }} td.n {{ text-align: right; white-space: nowrap; }} .summary {{ font-size: 1.05rem; }} .note {{ color: #555; font-size: 0.85rem; }}
</style></head><body>
<h1>CDS card outcomes{period}</h1>
{f'<p class="summary" role="alert"><b>{html.escape(data.synthetic_notice)}</b></p>' if data.synthetic_notice else ""}
<p class="note" id="stamp">{html.escape(data.stamp)}</p>
<p class="note">{html.escape(DEFINITIONS)}</p>
{headline("warning")}
{headline("info")}
{shadow}{unknown}
{_bar_chart("Override rate of warnings by policy", rates) if rates else ""}
{_bar_chart("Serum-substitution rate by policy", serum, "#1e8449") if serum else ""}
{_trend_chart(data.weeks) if data.weeks else ""}
{"".join(table(d) for d in DIMENSIONS)}
</body></html>
"""


def render(data: ReportData, fmt: str) -> str:
    return {"text": render_text, "csv": render_csv, "html": render_html}[fmt](data)
