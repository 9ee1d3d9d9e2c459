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
import requests
from jwt.algorithms import ECAlgorithm, RSAAlgorithm, RSAPSSAlgorithm

log = logging.getLogger("cds_service.auth")

ALLOWED_ALGORITHMS = ("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512")
SANDBOX_ISSUER = "https://sandbox.cds-hooks.org"
SANDBOX_JKU = "https://sandbox.cds-hooks.org/.well-known/jwks.json"
SANDBOX_PRESET = "cds-hooks-sandbox"
_PRESET_DIR = Path(__file__).resolve().parent / "presets"
JWKS_CACHE_SECONDS = 300
JWKS_FETCH_TIMEOUT = 2.0
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
    jwks_url: str | None = None
    jku_allowlist: tuple[str, ...] = ()
    fetch_jku: bool = True
    tenant: str | None = None
    preset: str | None = None


def _jwks_keys(jwks: Any, where: str) -> dict[str, Any]:
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
        raise AuthConfigError(f"{where}: a JWKS is an object with a 'keys' array")
    keys = {}
    for i, key in enumerate(jwks["keys"]):
        if not isinstance(key, dict) or key.get("kty") not in ("EC", "RSA"):
            raise AuthConfigError(f"{where}.keys[{i}]: only EC and RSA public keys are accepted")
        if any(private in key for private in ("d", "p", "q")):
            raise AuthConfigError(f"{where}.keys[{i}]: holds private key material; configure public keys only")
        keys[key.get("kid") or f"#{i}"] = key
    return keys


def sandbox_preset() -> Issuer:
    """The CDS Hooks Sandbox: its published public keys, shipped with the project; its jku allowlisted
    but never fetched. Its private key is public too, so trusting it proves nothing: development only."""
    jwks = json.loads((_PRESET_DIR / "sandbox-jwks-public.json").read_text())
    return Issuer(SANDBOX_ISSUER, _jwks_keys(jwks, "sandbox preset"), jku_allowlist=(SANDBOX_JKU,),
                  fetch_jku=False, preset=SANDBOX_PRESET)


def load_issuers(raw: Any) -> dict[str, Issuer]:
    """CDS_TRUSTED_ISSUERS: the word `cds-hooks-sandbox`, or a mapping issuer -> settings."""
    if raw in (None, "", {}):
        return {}
    if raw == SANDBOX_PRESET:
        return {SANDBOX_ISSUER: sandbox_preset()}
    if not isinstance(raw, dict):
        raise AuthConfigError("CDS_TRUSTED_ISSUERS: expected 'cds-hooks-sandbox' or a JSON object "
                              "{issuer: {jwks | jwks_file | jwks_url, jku_allowlist, tenant}}")
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
        allow = spec.get("jku_allowlist", [])
        if not isinstance(allow, list) or not all(
                isinstance(a, str) and a.startswith(("https://", "http://127.0.0.1")) for a in allow):
            raise AuthConfigError(f"{where}.jku_allowlist: a list of https:// URL prefixes "
                                  "(http only for http://127.0.0.1, in development)")
        issuer.jku_allowlist = tuple(allow)
        if spec.get("jwks"):
            issuer.keys = _jwks_keys(spec["jwks"], f"{where}.jwks")
        elif spec.get("jwks_file"):
            path = Path(spec["jwks_file"]).expanduser()
            try:
                issuer.keys = _jwks_keys(json.loads(path.read_text()), f"{where}.jwks_file")
            except (OSError, ValueError) as exc:
                raise AuthConfigError(f"{where}.jwks_file: cannot read {path} ({exc})") from exc
        else:
            issuer.jwks_url = str(spec["jwks_url"])
        issuers[name] = issuer
    return issuers


class KeyFetcher:
    """JWKS documents fetched by URL with a timeout, cached, and refetched at most once a minute."""

    def __init__(self, timeout: float = JWKS_FETCH_TIMEOUT):
        self.timeout = timeout
        self.session = requests.Session()
        self.session.trust_env = False
        self._cache: dict[str, tuple[float, dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.fetches = 0

    def keys(self, url: str, force: bool = False) -> dict[str, Any]:
        now = time.monotonic()
        with self._lock:
            cached = self._cache.get(url)
        if cached and (now - cached[0] < JWKS_CACHE_SECONDS) and not (force and now - cached[0] > 60):
            return cached[1]
        try:
            with self.session.get(url, timeout=self.timeout, allow_redirects=False, stream=True) as response:
                if response.status_code != 200:
                    raise AuthError("jwks-unavailable", "The issuer's key set could not be fetched.")
                body = response.raw.read(JWKS_MAX_BYTES + 1, decode_content=True)
            if len(body) > JWKS_MAX_BYTES:
                raise AuthError("jwks-unavailable", "The issuer's key set is too large.")
            keys = _jwks_keys(json.loads(body), url)
        except (requests.RequestException, ValueError, AuthConfigError):
            if cached:
                return cached[1]
            raise AuthError("jwks-unavailable", "The issuer's key set could not be fetched.") from None
        with self._lock:
            self._cache[url] = (now, keys)
            self.fetches += 1
        return keys


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
        jwk = self._key(issuer, header)
        try:
            claims = jwt.decode(
                token, self._key_object(jwk, alg), algorithms=[alg], audience=audience, issuer=issuer.issuer,
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

    def _key_object(self, jwk: Mapping[str, Any], alg: str) -> Any:
        """Building a key from its JWK costs more than using it: keep one per key and algorithm."""
        cache = self.__dict__.setdefault("_key_objects", {})
        key = (alg, jwk.get("kid"), jwk.get("x"), jwk.get("y"), jwk.get("n"), jwk.get("e"))
        found = cache.get(key)
        if found is None:
            found = _key_object(jwk, alg)
            if len(cache) < 1000:
                cache[key] = found
        return found

    def _key(self, issuer: Issuer, header: Mapping[str, Any]) -> Mapping[str, Any]:
        kid = header.get("kid")
        if kid is not None and not isinstance(kid, str):
            raise AuthError("kid", "The token's kid must be a string.")
        jku = header.get("jku")
        if jku is not None and (not isinstance(jku, str) or not any(jku.startswith(p) for p in issuer.jku_allowlist)):
            raise AuthError("jku", "The token's jku is not on the allowlist for its issuer.")
        keys = dict(issuer.keys)
        if issuer.jwks_url:
            keys.update(self.fetcher.keys(issuer.jwks_url))
        if kid not in keys and jku and issuer.fetch_jku:
            keys.update(self.fetcher.keys(jku))
        if kid not in keys and issuer.jwks_url:
            keys.update(self.fetcher.keys(issuer.jwks_url, force=True))   # the issuer may have rotated keys
        if isinstance(kid, str) and kid in keys:
            return keys[kid]
        if kid is None and len(keys) == 1:
            return next(iter(keys.values()))
        raise AuthError("kid", "No trusted key matches the token's kid.")


class ReplayGuard:
    """The replay store: the database when it answers, else a per-process cache (and an error logged)."""

    def __init__(self, store: Any | None):
        self.store = store
        self._local: dict[tuple[str, str], dt.datetime] = {}
        self._lock = threading.Lock()

    def __call__(self, issuer: str, jti: str, expires_at: dt.datetime) -> bool:
        if self.store is not None:
            from sqlalchemy.exc import SQLAlchemyError
            try:
                return self.store.remember_token(issuer, jti, expires_at)
            except SQLAlchemyError:
                log.error("replay store unreachable; using this process's cache")
        now = dt.datetime.now(dt.timezone.utc)
        with self._lock:
            for key in [k for k, v in self._local.items() if v < now]:
                del self._local[key]
            if (issuer, jti) in self._local:
                return False
            self._local[(issuer, jti)] = expires_at
        return True
