"""What a worker builds once at start and shares across requests: settings, policies, templates, HTTP
pool, the store and its audit writer."""
from __future__ import annotations

import datetime as dt
import gc
import logging
import os
from dataclasses import dataclass, field
from typing import Any

from . import crd, metrics
from .cards import CardRenderer
from .config import ConfigError, Settings
from .engine import Decision, PolicySet, decide_matches, in_scope, read_coverages
from .engine.model import Coverage
from .fhir_access import CoverageData, FhirDestinations, FhirReader, gather_coverage
from .hook_request import HookCall
from .outbound import parse_url
from .policy_files import load_policy_set
from .logs import describe_error
from .policy_pages import PolicyPages
from .store import AuditWriter, CallAudit, CardAudit, Store
from .store.hashing import keyed_hash, load_or_create_secret
from .store.host_replay import HostReplayStore
from .store.spool import DeadLetters, Spool

log = logging.getLogger("cds_service.store")


def check_data_dir(settings: Settings) -> None:
    """The data directory holds the hash secret, the spool and (by default) the database: a directory we
    cannot write would lose records later, so it stops the start now, naming the setting."""
    path = settings.data_dir
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / f".write-check-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise ConfigError(f"CDS_DATA_DIR: {path} is not a writable directory ({exc.strerror})") from None


def open_store(settings: Settings) -> Store:
    """The store with its schema current. An unreachable database does not stop the start (records wait in
    the spool); a missing driver or a schema from a newer release does, with one line saying what to do."""
    from .store.database import SchemaError
    url = settings.effective_database_url
    try:
        store = Store(url)
    except ModuleNotFoundError as exc:
        raise ConfigError(f"CDS_DATABASE_URL: the database driver is not installed ({exc.name}); for PostgreSQL "
                          "install the extra: pip install 'cds-service[postgres]'") from None
    try:
        store.upgrade()
    except SchemaError as exc:
        raise ConfigError(f"CDS_DATABASE_URL: {exc}") from None
    except Exception as exc:   # noqa: BLE001 - unreachable or refusing: serve anyway, spool, retry later
        log.error("database unavailable at start; audit records wait in the local spool until it is back",
                  extra=describe_error(exc))
    return store


def tune_gc() -> None:
    """For a serving worker, once loaded: what exists after start (policies, templates, modules) is
    moved out of the collector's reach, and young collections run less often. A hook call allocates
    many short-lived objects; with the defaults, full collections rescanning everything made the cost
    per order grow with the size of the request (measured in benchmarks/)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 50)


@dataclass
class Evaluation:
    """The outcome of one hook call, for the response, the audit and the call log."""

    response: dict[str, Any]
    decisions: list[Decision] = field(default_factory=list)
    coverage: CoverageData = field(default_factory=CoverageData)
    coverages: list[Coverage] = field(default_factory=list)
    cards: list[CardAudit] = field(default_factory=list)


def _suggestion_kind(suggestion: dict[str, Any]) -> str:
    return "serum" if any(a.get("type") == "create" for a in suggestion.get("actions", [])) else "remove"


@dataclass
class Runtime:
    settings: Settings
    policy_set: PolicySet
    renderer: CardRenderer
    reader: FhirReader
    store: Store | None = None
    writer: AuditWriter | None = None
    hash_secret: bytes = b""
    verifier: Any = None
    cpt_aliases: tuple[str, ...] = ()      # every URI accepted for CPT, for CRD billing codes
    pages: PolicyPages | None = None

    @classmethod
    def build(cls, settings: Settings, with_store: bool = True) -> "Runtime":
        from .auth import ReplayGuard, Verifier, load_issuers
        policy_set = load_policy_set(settings.policy_dir, **settings.policy_settings())
        metrics.CARDS.allow("policy", policy_set.policies)
        issuers = load_issuers(settings.trusted_issuers) if settings.auth == "jwt" else {}
        allowlist = tuple(parse_url(u) for u in settings.fhir_allowlist)
        destinations = FhirDestinations(allowlist, {i.issuer: i.fhir_servers for i in issuers.values()},
                                        loopback_when_unlisted=settings.auth == "off" and not allowlist)
        runtime = cls(settings, policy_set, CardRenderer(settings.cards_dir, policy_set, settings.public_base_url),
                      FhirReader(settings.fhir_timeout, settings.fhir_max_bytes, destinations),
                      cpt_aliases=tuple(u for u, a in policy_set.system_alias.items() if a == "cpt"),
                      pages=PolicyPages(settings.cards_dir, policy_set))
        if with_store:
            check_data_dir(settings)
            runtime.store = open_store(settings)
            runtime.writer = AuditWriter(runtime.store, Spool(settings.data_dir / "spool", settings.spool_max_bytes),
                                         DeadLetters(settings.data_dir / "dead-letter"))
            runtime.writer.start()
            runtime.hash_secret = load_or_create_secret(settings.hash_secret, settings.data_dir)
        if settings.auth == "jwt":
            # The default database is a SQLite file in the data directory, beside the host store: every
            # process that writes it shares the host store already, so a second write of each token id
            # there would only wait for that file's write lock, which the audit writer holds in turns.
            shared = runtime.store if settings.database_url else None
            replay = ReplayGuard(HostReplayStore(settings.data_dir / "jwt-replay.db"), shared)
            runtime.verifier = Verifier(issuers, replay, max_lifetime=settings.jwt_max_lifetime,
                                        leeway=settings.jwt_clock_skew)
        return runtime

    @property
    def sandbox_preset(self) -> bool:
        """The CDS Hooks Sandbox's issuer is trusted: its private key is public, so anyone can sign."""
        return self.verifier is not None and any(i.preset for i in self.verifier.issuers.values())

    def today(self) -> dt.date:
        return dt.datetime.now(self.settings.timezone).date()

    def evaluate(self, call: HookCall, today: dt.date | None = None, base_url: str | None = None,
                 issuer: str | None = None) -> Evaluation:
        """Coverage (prefetch or a bounded read), the engine, then cards. No I/O when nothing is in scope.
        `base_url` is where clients reach this service, for the cards' links to policy pages;
        CDS_PUBLIC_BASE_URL wins over it. `issuer` is the verified token's issuer, whose own FHIR servers
        may be read."""
        today = today or self.today()
        recognised = in_scope(call.orders, self.policy_set)
        if not recognised:
            return Evaluation({"cards": []})
        data = gather_coverage(call.prefetch_coverage, call.fhir_server, call.access_token,
                               call.patient_id, self.reader, issuer)
        coverages = read_coverages(data.coverages, data.organizations, self.policy_set)
        decisions = decide_matches(recognised, coverages, self.policy_set, today)
        base_url = self.settings.public_base_url or base_url
        profile = crd.profile_for(call.extension, self.settings.crd_version)
        configuration = crd.configuration_for(call.extension)
        actions: list = []
        if configuration.coverage_info:
            asserting = crd.asserting_decisions(decisions)
            actions = crd.system_actions(asserting, profile, today, self.policy_set.system_emit["cpt"],
                                         self.cpt_aliases)
        rendered = [(card, group) for card, group in
                    self.renderer.render_groups(decisions, profile.card_type_system, base_url)
                    if configuration.allows(card["source"]["topic"]["code"])][:configuration.max_cards]
        response: dict[str, Any] = {"cards": [card for card, _ in rendered]}
        if actions:
            response["systemActions"] = actions
        audits = []
        for card, group in rendered:
            d = group.first
            audits.append(CardAudit(
                uuid=card["uuid"], order_type=d.match.service.id, policy_id=d.policy.id if d.policy else None,
                payer_id=d.payer.id if d.payer else None, situation=d.situation.value, indicator=card["indicator"],
                order_codes=sorted({f"{c.system}|{c.code}" for o in group.orders
                                    for c in o.codings + o.billing_codings if c.code}),
                suggestions={s["uuid"]: _suggestion_kind(s) for s in card.get("suggestions", [])},
                triggers=sorted({t for dec in group.decisions for t in dec.match.trigger_ids})))
        return Evaluation(response, decisions, data, coverages, audits)

    # --- audit ------------------------------------------------------------------------------------
    def audit_call(self, **kwargs: Any) -> None:
        """Hand the call's audit record to the background writer; never blocks, never raises."""
        if not self.settings.audit or self.writer is None:
            return
        self.writer.submit(self.build_audit(**kwargs))

    def build_audit(self, *, service_id: str, hook: str, status: int, outcome: str, latency_ms: float,
                    call: HookCall | None = None, hook_instance: str | None = None,
                    evaluation: Evaluation | None = None, shadow: bool = False,
                    created_at: dt.datetime | None = None) -> CallAudit:
        evaluation = evaluation or Evaluation({"cards": []})
        return CallAudit(
            created_at=created_at or dt.datetime.now(dt.timezone.utc),
            hook_instance=(call.hook_instance if call else hook_instance),
            service_id=service_id, hook=hook, outcome=outcome, status=status,
            policy_version=self.policy_set.version, latency_ms=latency_ms,
            payers=[c.payer_id for c in evaluation.coverages],
            lines_of_business=[c.line_of_business for c in evaluation.coverages],
            policies=sorted({d.policy.id for d in evaluation.decisions if d.policy}),
            situations=sorted({d.situation.value for d in evaluation.decisions}),
            orders=len(call.orders) if call else 0,
            system_actions=len(evaluation.response.get("systemActions", [])),
            disabled_policies=sorted(self.policy_set.disabled_policies), shadow=shadow,
            patient_hash=keyed_hash(self.hash_secret, call.patient_id) if call else None,
            user_hash=keyed_hash(self.hash_secret, call.user_id) if call else None,
            cards=evaluation.cards)
