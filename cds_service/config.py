"""Settings: each from the mapping given to create_app, else the CDS_ environment variable, else the default.

JSON-valued settings accept a JSON string, an already parsed object, or a path to a JSON or YAML file,
so the same value can come from a deployment manifest, a test, or a file kept beside the service.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .resources import bundled_dir


_ORIGIN = re.compile(r"^https?://[^/?#@\s]+$")   # an origin is a scheme, a host and maybe a port


class ConfigError(ValueError):
    """A setting that cannot be used; the message names the setting."""


# name -> (default, description); the README's configuration table is checked against this.
SETTINGS: dict[str, tuple[str, str]] = {
    "CDS_AUTH": ("`jwt` when `CDS_TRUSTED_ISSUERS` is set, else `off` (with a warning)", "Client authentication: `jwt` or `off`"),
    "CDS_TRUSTED_ISSUERS": ("none", "`cds-hooks-sandbox`, or JSON `{issuer: {\"jwks\" | \"jwks_file\" | \"jwks_url\": ..., \"jku_allowlist\": [...], \"fhir_servers\": [...], \"tenant\": ...}}`"),
    "CDS_PUBLIC_BASE_URL": ("the URL of the request", "Base URL clients call (e.g. `https://cds.example.org`); a token's `aud` must be this plus the endpoint path"),
    "CDS_JWT_MAX_LIFETIME": ("300", "Longest token lifetime accepted (exp - iat), seconds"),
    "CDS_JWT_CLOCK_SKEW": ("30", "Clock skew allowed on exp and iat, seconds"),
    "CDS_TRUSTED_PROXIES": ("0", "Number of reverse proxies whose X-Forwarded-Proto/Host are honoured"),
    "CDS_FHIR_ALLOWLIST": ("none", "Comma-separated FHIR server base URLs (https; http only for loopback) the service may read from, besides each trusted issuer's `fhir_servers`"),
    "CDS_MAX_ORDERS": ("1000", "Most draft orders accepted in one call (413 above)"),
    "CDS_POLICY_DIR": ("bundled `policy_data/`", "Directory of payers, services and policies"),
    "CDS_CARDS_DIR": ("bundled `cards/`", "Directory of card wording templates"),
    "CDS_PAYERS": ("none", "JSON: `{payer_id: {\"names\": [...], \"identifiers\": [{\"system\", \"value\"}]}}`, merged over policy_data's payers"),
    "CDS_LOCAL_CODES": ("none", "JSON: `{\"<system>|<code>\": \"<policy or service id>\"}`: the organisation's catalog codes for panels / MRS"),
    "CDS_LOCAL_SUPPRESS": ("none", "JSON: `{\"<system>|<code>\": \"<service id, phrase id or *>\"}`: the organisation's catalog codes on which a trigger must not fire"),
    "CDS_PANEL_MIN_CODES": ("8", "Distinct panel CPT codes on one order that make it a panel (at least 2)"),
    "CDS_DISABLED_POLICIES": ("none", "Comma-separated policy ids switched off"),
    "CDS_TIMEZONE": ("UTC", "Time zone for \"today\" when an order carries no date"),
    "CDS_FHIR_TIMEOUT": ("0.8", "Total seconds per hook call for reads from the client's FHIR server"),
    "CDS_FHIR_MAX_BYTES": ("2000000", "Largest FHIR response read, in bytes"),
    "CDS_MAX_BODY_BYTES": ("5000000", "Largest request body accepted (413 above)"),
    "CDS_CORS_ORIGINS": ("`https://sandbox.cds-hooks.org,loopback`", "Comma-separated origins (`https://host[:port]`) whose web pages may call from a browser; `loopback` for pages served from this machine on any port; `*` for any page"),
    "CDS_CORS_PRIVATE_NETWORK": ("off", "Answer Chrome's private-network preflight, so an https page such as the Sandbox may call a service on this machine (`on`/`off`)"),
    "CDS_CRD_VERSION": ("2.2", "Da Vinci CRD version whose codes we emit when the request asks for none: `2.0` or `2.2`"),
    "CDS_DATA_DIR": ("`$XDG_DATA_HOME/cds-service` (else `~/.local/share/cds-service`)", "Directory of the SQLite database and the generated hash secret"),
    "CDS_DATABASE_URL": ("SQLite file `cds-service.db` in `CDS_DATA_DIR`", "SQLAlchemy URL of the audit/feedback database, e.g. `postgresql+psycopg://user@host/db`"),
    "CDS_AUDIT": ("on", "Write an audit record of every hook call (`on`/`off`)"),
    "CDS_HASH_SECRET": ("generated once into `CDS_DATA_DIR`", "Key of the HMAC that hashes patient and user references; set it when several hosts share a database"),
    "CDS_SPOOL_MAX_BYTES": ("268435456", "Largest size of the local spool where audit records wait while the database is unavailable (bytes, all workers together)"),
    "CDS_RETENTION_DAYS": ("365", "Audit and feedback older than this are removed by `cds-service db purge`"),
    "CDS_KEEP_COMMENTS": ("off", "Keep the clinician's free-text feedback comment (it may hold PHI)"),
    "CDS_SHADOW_MODE": ("off", "Evaluate and audit every call but return no cards or actions"),
    "CDS_LOG_LEVEL": ("INFO", "Log level of the JSON-lines call log"),
}


# Read by the test suite, not by the service (README, Quick start).
TEST_SUITE_VARIABLES = ("CDS_SHARED_DIR",)


@dataclass(frozen=True)
class Settings:
    auth: str = "off"
    auth_explicit: bool = False
    trusted_issuers: Any = None
    public_base_url: str | None = None
    jwt_max_lifetime: int = 300
    jwt_clock_skew: int = 30
    trusted_proxies: int = 0
    fhir_allowlist: tuple[str, ...] = ()
    max_orders: int = 1000
    policy_dir: Path = field(default_factory=lambda: bundled_dir("policy_data"))
    cards_dir: Path = field(default_factory=lambda: bundled_dir("cards"))
    payers: Mapping[str, Any] = field(default_factory=dict)
    local_codes: Mapping[str, str] = field(default_factory=dict)
    local_suppress: Mapping[str, str] = field(default_factory=dict)
    panel_min_codes: int | None = None
    disabled_policies: frozenset[str] = frozenset()
    timezone: ZoneInfo = ZoneInfo("UTC")
    fhir_timeout: float = 0.8
    fhir_max_bytes: int = 2_000_000
    max_body_bytes: int = 5_000_000
    log_level: str = "INFO"
    cors_origins: tuple[str, ...] = ("https://sandbox.cds-hooks.org", "loopback")
    cors_private_network: bool = False
    crd_version: str = "2.2"
    data_dir: Path = field(default_factory=lambda: default_data_dir())
    database_url: str | None = None
    audit: bool = True
    hash_secret: str | None = field(default=None, repr=False)
    retention_days: int = 365
    spool_max_bytes: int = 256 * 1024 * 1024
    keep_comments: bool = False
    shadow_mode: bool = False

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'cds-service.db'}"

    def policy_settings(self) -> dict[str, Any]:
        return dict(payer_overrides=self.payers, local_codes=self.local_codes, local_suppress=self.local_suppress,
                    panel_min_codes=self.panel_min_codes, disabled_policies=self.disabled_policies)


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "cds-service"


def _bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "on", "true", "yes"):
        return True
    if text in ("0", "off", "false", "no"):
        return False
    raise ConfigError(f"{name}: {value!r} is not on/off")


def _raw(name: str, config: Mapping[str, Any]) -> Any:
    if name in config:
        return config[name]
    return os.environ.get(name)


def _json_value(name: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list)):
        return value
    if isinstance(value, Path):
        value = str(value)
    if not isinstance(value, str):
        raise ConfigError(f"{name}: expected JSON, an object, or a path to a JSON/YAML file")
    text = value.strip()
    if not text.startswith(("{", "[")):
        path = Path(text).expanduser()
        if not path.is_file():
            raise ConfigError(f"{name}: {text!r} is neither JSON nor an existing file")
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))  # YAML is a superset of JSON
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{name}: cannot read {path} ({exc})") from exc
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ConfigError(f"{name}: not valid JSON ({exc})") from exc


def _mapping(name: str, value: Any) -> dict[str, Any]:
    parsed = _json_value(name, value)
    if parsed is None:
        return {}
    if not isinstance(parsed, dict):
        raise ConfigError(f"{name}: expected a JSON object")
    return parsed


def _number(name: str, value: Any, kind: type, minimum: float) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ConfigError(f"{name}: {value!r} is not a {kind.__name__}") from None
    if number < minimum:
        raise ConfigError(f"{name}: must be at least {minimum}")
    return number


def _list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]


def unknown_environment() -> list[str]:
    """CDS_ variables in the environment that name no setting: most likely a typo (CDS_DATABASE_URI)."""
    return sorted(k for k in os.environ if k.startswith("CDS_") and k not in SETTINGS
                  and k not in TEST_SUITE_VARIABLES and not k.startswith("CDS_TEST_"))


def load_settings(config: Mapping[str, Any] | None = None) -> Settings:
    config = dict(config or {})
    unknown = [k for k in config if k.startswith("CDS_") and k not in SETTINGS]
    if unknown:
        raise ConfigError(f"unknown setting(s) {sorted(unknown)}; known: {sorted(SETTINGS)}")
    values: dict[str, Any] = {}

    issuers_raw = _raw("CDS_TRUSTED_ISSUERS", config)
    if isinstance(issuers_raw, str) and issuers_raw.strip() == "cds-hooks-sandbox":
        issuers = "cds-hooks-sandbox"
    else:
        issuers = _json_value("CDS_TRUSTED_ISSUERS", issuers_raw)
    from .auth import AuthConfigError, load_issuers
    try:
        load_issuers(issuers)   # fail at start, naming the setting, rather than at the first call
    except AuthConfigError as exc:
        raise ConfigError(str(exc)) from None
    values["trusted_issuers"] = issuers
    auth_raw = _raw("CDS_AUTH", config)
    auth = (str(auth_raw).strip().lower() if auth_raw not in (None, "") else ("jwt" if issuers else "off"))
    if auth not in ("off", "jwt"):
        raise ConfigError(f"CDS_AUTH: {auth!r} is not one of 'off', 'jwt'")
    if auth == "jwt" and not issuers:
        raise ConfigError("CDS_AUTH: 'jwt' needs at least one trusted issuer in CDS_TRUSTED_ISSUERS")
    values["auth"] = auth
    values["auth_explicit"] = auth_raw not in (None, "")
    raw = _raw("CDS_PUBLIC_BASE_URL", config)
    if raw:
        if not str(raw).startswith(("https://", "http://")):
            raise ConfigError("CDS_PUBLIC_BASE_URL: must be an http(s) URL")
        values["public_base_url"] = str(raw).rstrip("/")
    for name, key, minimum in (("CDS_JWT_MAX_LIFETIME", "jwt_max_lifetime", 1), ("CDS_JWT_CLOCK_SKEW", "jwt_clock_skew", 0),
                               ("CDS_TRUSTED_PROXIES", "trusted_proxies", 0), ("CDS_MAX_ORDERS", "max_orders", 1)):
        raw = _raw(name, config)
        if raw not in (None, ""):
            values[key] = _number(name, raw, int, minimum)
    from .outbound import UrlRefused, allowlist_entry
    try:
        values["fhir_allowlist"] = tuple(str(allowlist_entry(a, "CDS_FHIR_ALLOWLIST"))
                                         for a in _list(_raw("CDS_FHIR_ALLOWLIST", config)))
    except UrlRefused as exc:
        raise ConfigError(str(exc)) from None

    for name, key in (("CDS_POLICY_DIR", "policy_dir"), ("CDS_CARDS_DIR", "cards_dir")):
        raw = _raw(name, config)
        if raw:
            path = Path(str(raw)).expanduser()
            if not path.is_dir():
                raise ConfigError(f"{name}: {str(path)!r} is not a directory")
            values[key] = path

    values["payers"] = _mapping("CDS_PAYERS", _raw("CDS_PAYERS", config))
    local = _mapping("CDS_LOCAL_CODES", _raw("CDS_LOCAL_CODES", config))
    if not all(isinstance(v, str) for v in local.values()):
        raise ConfigError("CDS_LOCAL_CODES: every value must be a policy or service id (a string)")
    values["local_codes"] = local
    suppress = _mapping("CDS_LOCAL_SUPPRESS", _raw("CDS_LOCAL_SUPPRESS", config))
    if not all(isinstance(v, str) for v in suppress.values()):
        raise ConfigError("CDS_LOCAL_SUPPRESS: every value must be a service id, a phrase id or '*' (a string)")
    values["local_suppress"] = suppress

    raw = _raw("CDS_PANEL_MIN_CODES", config)
    if raw not in (None, ""):
        values["panel_min_codes"] = _number("CDS_PANEL_MIN_CODES", raw, int, 2)
    values["disabled_policies"] = frozenset(_list(_raw("CDS_DISABLED_POLICIES", config)))

    tz = _raw("CDS_TIMEZONE", config)
    if tz:
        try:
            values["timezone"] = ZoneInfo(str(tz))
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"CDS_TIMEZONE: {tz!r} is not an IANA time zone name") from None

    for name, key, kind, minimum in (("CDS_FHIR_TIMEOUT", "fhir_timeout", float, 0.01),
                                     ("CDS_FHIR_MAX_BYTES", "fhir_max_bytes", int, 1024),
                                     ("CDS_MAX_BODY_BYTES", "max_body_bytes", int, 1024)):
        raw = _raw(name, config)
        if raw not in (None, ""):
            values[key] = _number(name, raw, kind, minimum)

    origins = _list(_raw("CDS_CORS_ORIGINS", config))
    for origin in origins:
        if origin not in ("*", "loopback") and not _ORIGIN.match(origin):
            raise ConfigError(f"CDS_CORS_ORIGINS: {origin!r} is not an origin (scheme://host[:port], no path), "
                              "'loopback' or '*'")
    if origins:
        values["cors_origins"] = tuple(origins)

    raw = _raw("CDS_DATA_DIR", config)
    if raw:
        values["data_dir"] = Path(str(raw)).expanduser()
    raw = _raw("CDS_DATABASE_URL", config)
    if raw:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError
        try:
            make_url(str(raw))
        except ArgumentError:
            raise ConfigError("CDS_DATABASE_URL: not a database URL (e.g. sqlite:///path.db, "
                              "postgresql+psycopg://user@host/db)") from None
        values["database_url"] = str(raw)
    for name, key in (("CDS_AUDIT", "audit"), ("CDS_KEEP_COMMENTS", "keep_comments"),
                      ("CDS_SHADOW_MODE", "shadow_mode"), ("CDS_CORS_PRIVATE_NETWORK", "cors_private_network")):
        raw = _raw(name, config)
        if raw not in (None, ""):
            values[key] = _bool(name, raw)
    raw = _raw("CDS_HASH_SECRET", config)
    if raw:
        values["hash_secret"] = str(raw)
    raw = _raw("CDS_RETENTION_DAYS", config)
    if raw not in (None, ""):
        values["retention_days"] = _number("CDS_RETENTION_DAYS", raw, int, 1)
    raw = _raw("CDS_SPOOL_MAX_BYTES", config)
    if raw not in (None, ""):
        values["spool_max_bytes"] = _number("CDS_SPOOL_MAX_BYTES", raw, int, 65536)

    crd = _raw("CDS_CRD_VERSION", config)
    if crd not in (None, ""):
        if str(crd) not in ("2.0", "2.2"):
            raise ConfigError(f"CDS_CRD_VERSION: {crd!r} is not '2.0' or '2.2'")
        values["crd_version"] = str(crd)

    level = _raw("CDS_LOG_LEVEL", config)
    if level:
        if str(level).upper() not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ConfigError(f"CDS_LOG_LEVEL: {level!r} is not DEBUG, INFO, WARNING or ERROR")
        values["log_level"] = str(level).upper()
    return Settings(**values)
