"""Override analytics: what we showed, what clinicians did, per policy, payer, order type and card.

Definitions (also printed on the report):
- a card's outcome is its latest feedback entry; a card with none counts as "no feedback";
- override rate = overridden / (accepted + overridden), i.e. among cards with feedback;
- serum-substitution rate = cards whose serum replacement was accepted / cards that offered one;
- shadow-mode cards were never shown: they count as "would have fired" only.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from sqlalchemy import select

from .store import Store, as_utc
from .store.models import CardRecord, FeedbackRecord

DIMENSIONS = ("policy", "payer", "order type", "card")


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

    def add(self, card: CardRecord, outcome: FeedbackRecord | None) -> None:
        if card.shadow:
            self.would_have_fired += 1
            return
        self.shown += 1
        offered = "serum" in (card.suggestions or {}).values()
        self.offered_serum += offered
        if outcome is None:
            self.no_feedback += 1
        elif outcome.outcome == "accepted":
            self.accepted += 1
            # Resolved now, from the card as stored: feedback may have been written before its card was.
            kinds = {(card.suggestions or {}).get(s) for s in outcome.accepted_suggestions or []}
            kinds |= set((outcome.accepted_kind or "").split(","))
            self.accepted_serum += "serum" in kinds
            self.accepted_remove += "remove" in kinds
        else:
            self.overridden += 1
            self.reasons[outcome.override_display or outcome.override_code or "(no reason given)"] += 1

    @property
    def override_rate(self) -> tuple[int, int]:
        return self.overridden, self.accepted + self.overridden

    @property
    def serum_rate(self) -> tuple[int, int]:
        return self.accepted_serum, self.offered_serum


@dataclass
class ReportData:
    since: dt.date | None
    generated_at: dt.datetime
    total: Tally
    by: dict[str, dict[str, Tally]]
    weekly: dict[str, Tally]
    unknown_card_feedback: int


def _key(dimension: str, card: CardRecord) -> str:
    if dimension == "policy":
        return card.policy_id or "(evidence only: no policy for the plan)"
    if dimension == "payer":
        return card.payer_id or "(unknown or no coverage)"
    if dimension == "order type":
        return card.order_type
    return f"{card.situation} ({card.indicator})"


def _week(when: dt.datetime) -> str:
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def build_report(store: Store, since: dt.date | None = None, now: dt.datetime | None = None) -> ReportData:
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
    latest: dict[str, FeedbackRecord] = {}
    unknown = 0
    for entry in feedback:
        if entry.card_uuid not in uuids:
            unknown += 1
            continue
        when = as_utc(entry.outcome_timestamp or entry.received_at)
        current = latest.get(entry.card_uuid)
        if current is None or when >= as_utc(current.outcome_timestamp or current.received_at):
            latest[entry.card_uuid] = entry
    total = Tally()
    by: dict[str, dict[str, Tally]] = {d: defaultdict(Tally) for d in DIMENSIONS}
    weekly: dict[str, Tally] = defaultdict(Tally)
    for card in sorted(cards, key=lambda c: as_utc(c.created_at)):
        outcome = latest.get(card.uuid)
        total.add(card, outcome)
        for dimension in DIMENSIONS:
            by[dimension][_key(dimension, card)].add(card, outcome)
        weekly[_week(as_utc(card.created_at))].add(card, outcome)
    return ReportData(since, now or dt.datetime.now(dt.timezone.utc), total,
                      {d: dict(sorted(v.items())) for d, v in by.items()}, dict(sorted(weekly.items())), unknown)


def _rate(pair: tuple[int, int]) -> str:
    num, den = pair
    return f"{num}/{den} ({100 * num / den:.0f}%)" if den else f"{num}/0 (n/a)"


COLUMNS = ["shown", "would have fired", "accepted", "serum accepted", "removed", "overridden", "no feedback",
           "override rate", "serum-substitution rate", "override reasons"]


def _cells(t: Tally) -> list[str]:
    reasons = "; ".join(f"{r}: {n}" for r, n in t.reasons.most_common())
    return [str(t.shown), str(t.would_have_fired), str(t.accepted), str(t.accepted_serum), str(t.accepted_remove),
            str(t.overridden), str(t.no_feedback), _rate(t.override_rate), _rate(t.serum_rate), reasons or "-"]


def _table(header: list[str], rows: Iterable[list[str]]) -> str:
    rows = [header] + list(rows)
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


DEFINITIONS = ("A card's outcome is its latest feedback. Override rate = overridden / cards with feedback. "
               "Serum-substitution rate = serum replacements accepted / cards that offered one. "
               "'Would have fired' counts shadow-mode cards, never shown.")


def render_text(data: ReportData) -> str:
    out = [f"Card outcomes{' since ' + data.since.isoformat() if data.since else ''} "
           f"(generated {data.generated_at:%Y-%m-%d %H:%M} UTC)", DEFINITIONS, ""]
    t = data.total
    out.append(f"All cards: {t.shown} shown, {t.would_have_fired} would have fired, {t.accepted} accepted, "
               f"{t.overridden} overridden, {t.no_feedback} without feedback; override rate {_rate(t.override_rate)}; "
               f"serum-substitution rate {_rate(t.serum_rate)}.")
    if data.unknown_card_feedback:
        out.append(f"Feedback naming cards not in this period's audit: {data.unknown_card_feedback}.")
    for dimension in DIMENSIONS:
        out += ["", f"By {dimension}", _table([dimension] + COLUMNS, ([k] + _cells(v) for k, v in data.by[dimension].items()))]
    out += ["", "Weekly trend", _table(["week", "shown", "accepted", "overridden", "no feedback", "override rate"],
                                       ([w, str(v.shown), str(v.accepted), str(v.overridden), str(v.no_feedback),
                                         _rate(v.override_rate)] for w, v in data.weekly.items()))]
    return "\n".join(out) + "\n"


def render_csv(data: ReportData) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["dimension", "key", "shown", "would_have_fired", "accepted", "accepted_serum", "accepted_remove",
                     "overridden", "no_feedback", "offered_serum", "override_rate", "serum_substitution_rate",
                     "override_reasons"])

    def row(dimension: str, key: str, t: Tally) -> list[Any]:
        o, s = t.override_rate, t.serum_rate
        return [dimension, key, t.shown, t.would_have_fired, t.accepted, t.accepted_serum, t.accepted_remove,
                t.overridden, t.no_feedback, t.offered_serum, f"{o[0] / o[1]:.4f}" if o[1] else "",
                f"{s[0] / s[1]:.4f}" if s[1] else "", "; ".join(f"{r}: {n}" for r, n in t.reasons.most_common())]
    writer.writerow(row("all", "all", data.total))
    for dimension in DIMENSIONS:
        for key, tally in data.by[dimension].items():
            writer.writerow(row(dimension, key, tally))
    for week, tally in data.weekly.items():
        writer.writerow(row("week", week, tally))
    return buffer.getvalue()


def _bar_chart(title: str, items: list[tuple[str, tuple[int, int]]]) -> str:
    """Horizontal bars of a rate per key, drawn as SVG so the page needs nothing from outside."""
    bar_h, label_w, width = 26, 330, 760
    height = 40 + bar_h * max(1, len(items))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="{html.escape(title)}"><text x="0" y="18" font-size="15" font-weight="bold">'
             f'{html.escape(title)}</text>']
    for i, (label, (num, den)) in enumerate(items):
        y = 30 + i * bar_h
        share = num / den if den else 0
        parts.append(f'<text x="0" y="{y + 17}" font-size="12">{html.escape(label[:48])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 4}" width="{(width - label_w - 120) * share:.1f}" height="18" '
                     f'fill="#c0392b"/>')
        parts.append(f'<text x="{label_w + (width - label_w - 120) * share + 6:.1f}" y="{y + 17}" font-size="12">'
                     f'{html.escape(_rate((num, den)))}</text>')
    return "".join(parts) + "</svg>"


def _trend_chart(weekly: dict[str, Tally]) -> str:
    width, height, left, bottom = 760, 260, 50, 40
    weeks = list(weekly)
    series = {"shown": ("#2c3e50", [t.shown for t in weekly.values()]),
              "accepted": ("#27ae60", [t.accepted for t in weekly.values()]),
              "overridden": ("#c0392b", [t.overridden for t in weekly.values()])}
    top = max([1] + [v for _, values in series.values() for v in values])
    plot_w, plot_h = width - left - 60, height - bottom - 40

    def x(i: int) -> float:
        return left + (plot_w * i / max(1, len(weeks) - 1))

    def y(v: int) -> float:
        return 30 + plot_h - plot_h * v / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
             f'aria-label="Weekly trend"><text x="0" y="18" font-size="15" font-weight="bold">Weekly trend</text>',
             f'<line x1="{left}" y1="{30 + plot_h}" x2="{left + plot_w}" y2="{30 + plot_h}" stroke="#999"/>',
             f'<text x="4" y="{y(top) + 4:.1f}" font-size="11">{top}</text>',
             f'<text x="4" y="{30 + plot_h:.1f}" font-size="11">0</text>']
    for i, week in enumerate(weeks):
        parts.append(f'<text x="{x(i) - 22:.1f}" y="{height - 18}" font-size="10">{week}</text>')
    for n, (name, (colour, values)) in enumerate(series.items()):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>')
        parts.append(f'<text x="{left + 10 + n * 110}" y="{height - 2}" font-size="12" fill="{colour}">■ {name}</text>')
    return "".join(parts) + "</svg>"


def render_html(data: ReportData) -> str:
    def table(dimension: str) -> str:
        head = "".join(f"<th>{html.escape(c)}</th>" for c in [dimension] + COLUMNS)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in [k] + _cells(v)) + "</tr>"
                       for k, v in data.by[dimension].items())
        return f"<h2>By {html.escape(dimension)}</h2><table><tr>{head}</tr>{body}</table>"
    t = data.total
    rates = [(k, v.override_rate) for k, v in data.by["policy"].items()]
    serum = [(k, v.serum_rate) for k, v in data.by["policy"].items() if v.offered_serum]
    period = f" since {data.since.isoformat()}" if data.since else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>CDS card outcomes{period}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1200px; }}
table {{ border-collapse: collapse; margin-bottom: 1.5rem; font-size: 0.9rem; }}
th, td {{ border: 1px solid #ccc; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }} .summary {{ font-size: 1.05rem; }} .note {{ color: #555; font-size: 0.85rem; }}
</style></head><body>
<h1>CDS card outcomes{period}</h1>
<p class="note">Generated {data.generated_at:%Y-%m-%d %H:%M} UTC. {html.escape(DEFINITIONS)}</p>
<p class="summary"><b>{t.shown}</b> cards shown, <b>{t.would_have_fired}</b> would have fired (shadow mode),
<b>{t.accepted}</b> accepted, <b>{t.overridden}</b> overridden, <b>{t.no_feedback}</b> without feedback.
Override rate <b>{html.escape(_rate(t.override_rate))}</b>; serum-substitution rate
<b>{html.escape(_rate(t.serum_rate))}</b>.</p>
{_bar_chart("Override rate by policy", rates)}
{_bar_chart("Serum-substitution rate by policy", serum) if serum else ""}
{_trend_chart(data.weekly) if data.weekly else ""}
{"".join(table(d) for d in DIMENSIONS)}
</body></html>
"""


def render(data: ReportData, fmt: str) -> str:
    return {"text": render_text, "csv": render_csv, "html": render_html}[fmt](data)
