"""The policy page: everything a card leaves out, for the clinician who clicks through and the reviewer.

A card says what the rule means for this patient in a few lines; the page holds the policy's statements,
the lines of business it binds, the national rule a plan's policy sits beside, its dates and review
status, the short sentences cards use, and where every one of them comes from. One document per policy,
served as plain HTML (words in cards/pages/) or as JSON.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import jinja2

from .cards import CardTemplateError, policy_name
from .engine import PolicyRule, PolicySet

STATEMENT_HEADINGS = (
    ("policy", "What the policy says"),
    ("coverage", "Coverage"),
    ("patient", "What it means for the patient"),
    ("evidence", "Evidence"),
    ("recourse", "If the service is still wanted"),
    ("note", "Note"),
)
CARD_SENTENCES = ("finding", "patient", "recourse", "alternatives", "beside")


def _month(value: str | None) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    return f"{parts[1]}/{parts[0]}" if len(parts) >= 2 else value


class PolicyPages:
    """Builds the page of each policy on file; HTML through an autoescaping template."""

    def __init__(self, cards_dir: Path, policy_set: PolicySet):
        self.policy_set = policy_set
        from .resources import bundled_dir
        # An organisation's own cards directory may predate the pages: the bundled ones fill in.
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(Path(cards_dir) / "pages")),
                                      jinja2.FileSystemLoader(str(bundled_dir("cards") / "pages"))])
        env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined, autoescape=True)
        try:
            self._policy_t = env.get_template("policy.html.j2")
            self._index_t = env.get_template("index.html.j2")
        except jinja2.TemplateError as exc:
            raise CardTemplateError(f"{cards_dir}/pages: template error: {exc}") from exc

    def _national_beside(self, rule: PolicyRule) -> list[PolicyRule]:
        """National rules binding some line of business this payer policy covers."""
        found: dict[str, PolicyRule] = {}
        for line in sorted(rule.lines_of_business):
            for national in self.policy_set.national.get((rule.service_id, line), ()):
                found.setdefault(national.id, national)
        return list(found.values())

    def document(self, policy_id: str, today: dt.date) -> dict[str, Any] | None:
        """The page's content as data (the JSON form); None for an unknown or switched-off policy."""
        rule = self.policy_set.policies.get(policy_id)
        if rule is None or rule.id in self.policy_set.disabled_policies:
            return None
        lines = self.policy_set.line_displays
        service = self.policy_set.services[rule.service_id]
        card = {k: rule.card[k] for k in CARD_SENTENCES if rule.card.get(k)}
        return {
            "id": rule.id,
            "title": rule.title,
            "name": policy_name(rule, mark_national=False),
            "reference": rule.reference,
            "scope": "national" if rule.national else "payer",
            "issuer" if rule.national else "payer": {
                "id": rule.payer.id, "name": rule.payer.display},
            "service": {"id": service.id, "name": service.name},
            "determination": rule.determination,
            "determination_text": rule.determination_text,
            "applies_to": rule.lines_of_business_text,
            "lines_of_business": [{"id": line, "name": lines.get(line, line)} for line in sorted(rule.lines_of_business)],
            "excluded_lines": [{"id": e.line, "name": lines.get(e.line, e.line), "quote": e.quote}
                               for e in rule.excluded_lines],
            "effective_from": rule.effective_from.isoformat(),
            "last_reviewed": _month(rule.last_reviewed),
            "next_review": _month(rule.next_review),
            "review_overdue": rule.review_overdue(today),
            "statements": [{"key": key, "heading": heading, "text": rule.statements[key]}
                           for key, heading in STATEMENT_HEADINGS if rule.statements.get(key)],
            "card_sentences": card,
            "by_line": [{"line": line, "name": lines.get(line, line),
                         "sentences": [texts[k] for k in CARD_SENTENCES if k != "beside" and texts.get(k)]}
                        for line, texts in rule.by_line.items()],
            "national_rules": [{"id": n.id, "name": policy_name(n, mark_national=False), "title": n.title,
                                "applies_to": n.lines_of_business_text}
                               for n in ([] if rule.national else self._national_beside(rule))],
            "source": rule.source,
            "policy_url": rule.policy_url,
            "links": [{"label": link.label, "url": link.url} for link in rule.links],
        }

    def index(self, service_id: str | None = None) -> dict[str, Any]:
        rules = [r for r in self.policy_set.policies.values() if r.id not in self.policy_set.disabled_policies
                 and (service_id is None or r.service_id == service_id)]
        service = self.policy_set.services.get(service_id) if service_id else None
        return {"service": {"id": service.id, "name": service.name} if service else None,
                "policies": [{"id": r.id, "name": policy_name(r, mark_national=False), "title": r.title,
                              "scope": "national" if r.national else "payer",
                              "service": self.policy_set.services[r.service_id].name,
                              "determination_text": r.determination_text, "applies_to": r.lines_of_business_text}
                             for r in sorted(rules, key=lambda r: (not r.national, r.service_id, r.id))]}

    def html(self, document: dict[str, Any], base_path: str = "/policies") -> str:
        return self._policy_t.render(doc=document, base_path=base_path)

    def index_html(self, index: dict[str, Any], base_path: str = "/policies") -> str:
        return self._index_t.render(index=index, base_path=base_path)
