"""CDS Hooks client authentication: the EHR's signed JWT on every call.

Everything cryptographic is PyJWT's; this module decides which key and which claims to trust:
asymmetric algorithms only, a key chosen by `kid` from the issuer's configured key set (or from its
`jku` when that URL is allowlisted), `iss` trusted, `aud` the exact URL called, short-lived tokens, and
each `jti` accepted once within its lifetime. A refusal says what was wrong, never echoing the token.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import jwt
import orjson
from jwt.algorithms import ECAlgorithm, RSAAlgorithm, RSAPSSAlgorithm

from .outbound import BoundedGet, OutboundError, Url, UrlRefused, allowlist_entry, parse_url

log = logging.getLogger("cds_service.auth")

ALLOWED_ALGORITHMS = ("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
SANDBOX_ISSUER = "https://sandbox.cds-hooks.org"
SANDBOX_JKU = "https://sandbox.cds-hooks.org/.well-known/jwks.json"
SANDBOX_PRESET = "cds-hooks-sandbox"
_PRESET_DIR = Path(__file__).resolve().parent / "presets"
JWKS_CACHE_SECONDS = 300       # a key set fetched is trusted this long
JWKS_RETRY_SECONDS = 60        # one fetch per URL per this interval, whether it found the kid or failed
JWKS_FETCHES_PER_ISSUER = 10   # fetches per issuer per JWKS_RETRY_SECONDS, over all its jku URLs
JWKS_FETCH_BUDGET = 0.8        # wall-clock seconds for one fetch, all of it (resolve, connect, read)
JWKS_MAX_BYTES = 256_000


class AuthError(Exception):
    """A refused token. `reason` is a short label for metrics; the message is for the caller."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message


class AuthConfigError(ValueError):
    pass


@dataclass
class Issuer:
    issuer: str
    keys: dict[str, Any] = field(default_factory=dict)          # kid -> JWK dict
    jwks_url: Url | None = None
    jku_allowlist: tuple[Url, ...] = ()
    fetch_jku: bool = True
    fhir_servers: tuple[Url, ...] = ()                           # FHIR bases its tokens may send us to
    tenant: str | None = None
    preset: str | None = None


def _jwks_keys(jwks: Any, where: str) -> dict[str, Any]:
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
        raise AuthConfigError(f"{where}: a JWKS is an object with a 'keys' array")
    keys = {}
    for i, key in enumerate(jwks["keys"]):
        if not isinstance(key, dict) or key.get("kty") not in ("EC", "RSA"):
            raise AuthConfigError(f"{where}.keys[{i}]: only EC and RSA public keys are accepted")
        if any(private in key for private in ("d", "p", "q", "dp", "dq", "qi", "oth")):
            raise AuthConfigError(f"{where}.keys[{i}]: holds private key material; configure public keys only")
        keys[key.get("kid") or f"#{i}"] = key
    return keys


def sandbox_preset() -> Issuer:
    """The CDS Hooks Sandbox: its published public keys, shipped with the project; its jku allowlisted
    but never fetched. Its private key is public too, so trusting it proves nothing: development only."""
    jwks = json.loads((_PRESET_DIR / "sandbox-jwks-public.json").read_text())
    return Issuer(SANDBOX_ISSUER, _jwks_keys(jwks, "sandbox preset"), jku_allowlist=(parse_url(SANDBOX_JKU),),
                  fetch_jku=False, preset=SANDBOX_PRESET)


def _urls(value: Any, where: str) -> tuple[Url, ...]:
    if not isinstance(value, list):
        raise AuthConfigError(f"{where}: a list of https:// URLs (plain http only for loopback, in development)")
    try:
        return tuple(allowlist_entry(entry, where) for entry in value)
    except UrlRefused as exc:
        raise AuthConfigError(str(exc)) from None


def load_issuers(raw: Any) -> dict[str, Issuer]:
    """CDS_TRUSTED_ISSUERS: the word `cds-hooks-sandbox`, or a mapping issuer -> settings."""
    if raw in (None, "", {}):
        return {}
    if raw == SANDBOX_PRESET:
        return {SANDBOX_ISSUER: sandbox_preset()}
    if not isinstance(raw, dict):
        raise AuthConfigError("CDS_TRUSTED_ISSUERS: expected 'cds-hooks-sandbox' or a JSON object "
                              "{issuer: {jwks | jwks_file | jwks_url, jku_allowlist, fhir_servers, tenant}}")
    issuers = {}
    for name, spec in raw.items():
        where = f"CDS_TRUSTED_ISSUERS[{name!r}]"
        if spec == SANDBOX_PRESET or (isinstance(spec, dict) and spec.get("preset") == SANDBOX_PRESET):
            issuers[SANDBOX_ISSUER] = sandbox_preset()
            continue
        if not isinstance(spec, dict):
            raise AuthConfigError(f"{where}: expected an object")
        sources = [k for k in ("jwks", "jwks_file", "jwks_url") if spec.get(k)]
        if len(sources) != 1:
            raise AuthConfigError(f"{where}: give exactly one of jwks, jwks_file, jwks_url")
        issuer = Issuer(name, tenant=spec.get("tenant"))
        issuer.jku_allowlist = _urls(spec.get("jku_allowlist", []), f"{where}.jku_allowlist")
        issuer.fhir_servers = _urls(spec.get("fhir_servers", []), f"{where}.fhir_servers")
        if spec.get("jwks"):
            issuer.keys = _jwks_keys(spec["jwks"], f"{where}.jwks")
        elif spec.get("jwks_file"):
            path = Path(spec["jwks_file"]).expanduser()
            try:
                issuer.keys = _jwks_keys(json.loads(path.read_text()), f"{where}.jwks_file")
            except (OSError, ValueError) as exc:
                raise AuthConfigError(f"{where}.jwks_file: cannot read {path} ({exc})") from exc
        else:
            (issuer.jwks_url,) = _urls([spec["jwks_url"]], f"{where}.jwks_url")
        issuers[name] = issuer
    return issuers


@dataclass
class _KeySet:
    keys: dict[str, Any] | None      # None: never fetched successfully
    fetched_at: float = 0.0
    tried_at: float = 0.0


class KeyFetcher:
    """Key sets fetched by URL before any signature is checked, so a flood of forged tokens must not
    become a flood of fetches: each URL is fetched at most once per JWKS_RETRY_SECONDS (a kid it did not
    hold and a failed fetch are remembered too), each issuer at most JWKS_FETCHES_PER_ISSUER times per
    interval, each fetch within a wall-clock budget and a size cap, never following a redirect."""

    def __init__(self, budget: float = JWKS_FETCH_BUDGET, get: BoundedGet | None = None):
        self.budget = budget
        self.get = get or BoundedGet()
        self._sets: dict[Url, _KeySet] = {}
        self._recent: dict[str, list[float]] = {}     # issuer -> times of its recent fetches
        self._lock = threading.Lock()
        self.fetches = 0

    def keys(self, url: Url, issuer: str, refresh: bool = False) -> dict[str, Any]:
        """The key set at `url`; `refresh` asks for a new copy (a kid was missing), granted at most once
        per interval. Raises AuthError when no copy was ever fetched."""
        now = time.monotonic()
        with self._lock:
            known = self._sets.get(url)
            fresh = known is not None and known.keys is not None and now - known.fetched_at < JWKS_CACHE_SECONDS
            if (fresh and not refresh) or (known is not None and now - known.tried_at < JWKS_RETRY_SECONDS) \
                    or not self._may_fetch(issuer, now):
                if known is not None and known.keys is not None:
                    return known.keys
                raise AuthError("jwks-unavailable", "The issuer's key set could not be fetched.")
            known = self._sets.setdefault(url, _KeySet(None))
            known.tried_at = now              # before fetching: concurrent callers wait for the interval
            self.fetches += 1
        try:
            body = self.get(url, time.monotonic() + self.budget, JWKS_MAX_BYTES,
                            {"Accept": "application/jwk-set+json, application/json"})
            keys = _jwks_keys(json.loads(body), "fetched key set")
        except (OutboundError, ValueError, AuthConfigError):
            log.warning("key set fetch failed")
            if known.keys is not None:
                return known.keys
            raise AuthError("jwks-unavailable", "The issuer's key set could not be fetched.") from None
        with self._lock:
            known.keys, known.fetched_at = keys, now
        return keys

    def _may_fetch(self, issuer: str, now: float) -> bool:
        recent = [t for t in self._recent.get(issuer, ()) if now - t < JWKS_RETRY_SECONDS]
        if len(recent) >= JWKS_FETCHES_PER_ISSUER:
            return False
        self._recent[issuer] = recent + [now]
        if len(self._sets) > 4 * JWKS_FETCHES_PER_ISSUER * max(1, len(self._recent)):
            for stale in [u for u, k in self._sets.items() if now - k.tried_at > JWKS_CACHE_SECONDS]:
                del self._sets[stale]
        return True


def _segment(part: str) -> Any:
    return orjson.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _peek(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Header and claims, unverified, read once: enough to choose the issuer and key. PyJWT then
    checks the token in full (encoding, signature, claims) before anything in it is trusted."""
    parts = token.split(".")
    if len(parts) != 3:
        raise AuthError("malformed", "The bearer token is not a well-formed JWT.")
    try:
        header, claims = _segment(parts[0]), _segment(parts[1])
    except (ValueError, binascii.Error, orjson.JSONDecodeError):
        raise AuthError("malformed", "The bearer token is not a well-formed JWT.") from None
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise AuthError("malformed", "The bearer token is not a well-formed JWT.")
    return header, claims


def _key_object(jwk: Mapping[str, Any], alg: str) -> Any:
    family = alg[:2]
    if jwk.get("kty") == "EC" and family == "ES":
        return ECAlgorithm.from_jwk(json.dumps(jwk))
    if jwk.get("kty") == "RSA" and family == "RS":
        return RSAAlgorithm.from_jwk(json.dumps(jwk))
    if jwk.get("kty") == "RSA" and family == "PS":
        return RSAPSSAlgorithm.from_jwk(json.dumps(jwk))
    raise AuthError("algorithm-mismatch", f"The token's algorithm {alg} does not fit the key it names.")


@dataclass
class Verifier:
    issuers: dict[str, Issuer]
    remember: Callable[[str, str, dt.datetime], bool]      # replay store: True when the jti is new
    max_lifetime: int = 300
    leeway: int = 30
    fetcher: KeyFetcher = field(default_factory=KeyFetcher)

    def verify(self, authorization: str | None, audience: str) -> dict[str, Any]:
        if not authorization:
            raise AuthError("missing", "A bearer token is required (Authorization: Bearer <JWT>).")
        scheme, _, token = authorization.strip().partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise AuthError("malformed", "The Authorization header must be 'Bearer <JWT>'.")
        header, unverified = _peek(token)
        alg = header.get("alg")
        if alg not in ALLOWED_ALGORITHMS:
            raise AuthError("algorithm", f"The token's algorithm {str(alg)[:16]!r} is not accepted; "
                                         f"use one of {', '.join(ALLOWED_ALGORITHMS)}.")
        iss = unverified.get("iss")
        issuer = self.issuers.get(iss) if isinstance(iss, str) else None
        if issuer is None:
            raise AuthError("issuer", "The token's issuer is not trusted by this service.")
        key = self._key(issuer, header, alg)
        try:
            claims = jwt.decode(
                token, key, algorithms=[alg], audience=audience, issuer=issuer.issuer,
                leeway=self.leeway, options={"require": ["iss", "aud", "exp", "iat", "jti"]})
        except jwt.ExpiredSignatureError:
            raise AuthError("expired", "The token has expired.") from None
        except jwt.ImmatureSignatureError:
            raise AuthError("not-yet-valid", "The token is issued in the future.") from None
        except jwt.InvalidAudienceError:
            raise AuthError("audience", f"The token's audience is not this endpoint ({audience}).") from None
        except jwt.MissingRequiredClaimError as exc:
            raise AuthError("claims", f"The token lacks the required claim '{exc.claim}'.") from None
        except jwt.InvalidSignatureError:
            raise AuthError("signature", "The token's signature does not verify.") from None
        except jwt.PyJWTError as exc:
            raise AuthError("invalid", f"The token is not valid ({exc.__class__.__name__}).") from None
        exp, iat = claims["exp"], claims["iat"]
        if not isinstance(exp, (int, float)) or not isinstance(iat, (int, float)) or exp - iat > self.max_lifetime:
            raise AuthError("lifetime", f"The token lives longer than {self.max_lifetime} seconds.")
        if issuer.tenant is not None and claims.get("tenant") != issuer.tenant:
            raise AuthError("tenant", "The token's tenant is not the one configured for its issuer.")
        jti = claims["jti"]
        if not isinstance(jti, str) or not jti:
            raise AuthError("claims", "The token's jti must be a non-empty string.")
        expires = dt.datetime.fromtimestamp(exp + self.leeway, dt.timezone.utc)
        if not self.remember(issuer.issuer, jti, expires):
            raise AuthError("replay", "The token has been used before (jti replayed).")
        return claims

    def _key_object(self, issuer: Issuer, source: str, jwk: Mapping[str, Any], alg: str) -> Any:
        """Building a key from its JWK costs more than using it: keep one per issuer, key source, kid,
        algorithm and key material, so two issuers or a rotated key sharing a kid never share an entry."""
        cache = self.__dict__.setdefault("_key_objects", {})
        key = (issuer.issuer, source, jwk.get("kid"), alg,
               tuple(str(jwk.get(m)) for m in ("kty", "crv", "x", "y", "n", "e")))
        found = cache.get(key)
        if found is None:
            found = _key_object(jwk, alg)
            if len(cache) < 1000:
                cache[key] = found
        return found

    def _key(self, issuer: Issuer, header: Mapping[str, Any], alg: str) -> Any:
        """The key the header names: from the issuer's configured keys, its key set URL, or an
        allowlisted jku (parsed and compared as a URL, see outbound.py)."""
        kid = header.get("kid")
        # CDS Hooks 2.0 (Trusting CDS Clients): the JWT header carries `kid`, the key that signed it.
        if not isinstance(kid, str) or not kid:
            raise AuthError("kid", "The token's header must name its key by kid (a string).")
        jku = header.get("jku")
        jku_url = None
        if jku is not None:
            try:
                jku_url = parse_url(jku)
            except UrlRefused:
                jku_url = None
            if jku_url is None or not jku_url.within_any(issuer.jku_allowlist):
                raise AuthError("jku", "The token's jku is not on the allowlist for its issuer.")
        lookups: list[tuple[Url | None, bool]] = [(None, False)]
        if issuer.jwks_url:
            lookups.append((issuer.jwks_url, False))
        if jku_url is not None and issuer.fetch_jku:
            lookups.append((jku_url, False))
        if issuer.jwks_url:
            lookups.append((issuer.jwks_url, True))     # the issuer may have rotated its keys
        for url, refresh in lookups:
            keys = issuer.keys if url is None else self.fetcher.keys(url, issuer.issuer, refresh)
            jwk = keys.get(kid)
            if jwk is not None:
                return self._key_object(issuer, "configured" if url is None else str(url), jwk, alg)
        raise AuthError("kid", "No trusted key matches the token's kid.")


class ReplayGuard:
    """Each jti is accepted once within its lifetime. The host store (a file every worker of this host
    shares) is checked always and fails closed; the shared database adds the other hosts when it
    answers. While it does not, a token used on one host is still refused by every worker of that host,
    and the database is tried again after DB_RETRY_SECONDS rather than on every call."""

    DB_RETRY_SECONDS = 10.0

    def __init__(self, host_store: Any, shared: Any | None = None):
        self.host_store = host_store
        self.shared = shared
        self._db_retry_at = 0.0

    def __call__(self, issuer: str, jti: str, expires_at: dt.datetime) -> bool:
        import sqlite3
        try:
            if not self.host_store.remember(issuer, jti, expires_at.timestamp()):
                return False
        except (sqlite3.Error, OSError):
            log.error("host replay store unusable; refusing tokens until it is")
            raise AuthError("replay-unavailable", "The token cannot be checked for replay right now; retry later.") from None
        if self.shared is None or time.monotonic() < self._db_retry_at:
            return True
        from sqlalchemy.exc import SQLAlchemyError
        try:
            return self.shared.remember_token(issuer, jti, expires_at)
        except SQLAlchemyError:
            self._db_retry_at = time.monotonic() + self.DB_RETRY_SECONDS
            log.error("shared replay store unreachable; this host's store alone holds until it returns")
            return True
