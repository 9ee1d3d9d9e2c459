"""Client authentication (CDS Hooks JWT): every forged-token class we know of is refused with a 401."""
from __future__ import annotations

import base64
import json
import logging
import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from cds_service.auth import SANDBOX_ISSUER, SANDBOX_JKU
from cds_service.cli import main
from cds_service.outbound import parse_url
from tests.conftest import SELECT, SIGN
from tests.fixtures import schema
from tests.fixtures.builders import hook_request, ma_plan, mrs_order
from tests.fixtures.json_server import JsonServer
from tests.fixtures.tokens import public_jwk

ISS = "https://ehr.example.org"
BASE = "http://localhost"          # what Flask's test client calls


@pytest.fixture(scope="module")
def keys():
    return {"ES384": ec.generate_private_key(ec.SECP384R1()), "ES256": ec.generate_private_key(ec.SECP256R1()),
            "RS256": rsa.generate_private_key(public_exponent=65537, key_size=2048),
            "other": ec.generate_private_key(ec.SECP384R1())}


@pytest.fixture(scope="module")
def jwks(keys):
    return {"keys": [public_jwk(keys["ES384"], "k-es384", "ES384"), public_jwk(keys["ES256"], "k-es256", "ES256"),
                     public_jwk(keys["RS256"], "k-rs", "RS256")]}


def token(keys, *, key="ES384", alg="ES384", kid="k-es384", aud=f"{BASE}/cds-services/{SIGN}", iss=ISS,
          lifetime=240, iat_offset=0, jti=None, drop=(), extra=None, header=None):
    now = int(time.time()) + iat_offset
    claims = {"iss": iss, "aud": aud, "iat": now, "exp": now + lifetime, "jti": jti or str(uuid.uuid4())}
    claims.update(extra or {})
    for name in drop:
        claims.pop(name, None)
    headers = {"kid": kid, "typ": "JWT", **(header or {})}
    return jwt.encode(claims, keys[key], algorithm=alg, headers=headers)


@pytest.fixture
def secured(make_app, jwks):
    def build(**overrides):
        config = {"CDS_TRUSTED_ISSUERS": json.dumps({ISS: {"jwks": jwks, "jku_allowlist": ["http://127.0.0.1"]}})}
        config.update(overrides)
        return make_app(**config).test_client()
    return build


def call(client, bearer, body=None, service=SIGN, **headers):
    if bearer is not None:
        headers["Authorization"] = f"Bearer {bearer}"
    return client.post(f"/cds-services/{service}", json=body or hook_request(mrs_order(), coverages=[ma_plan()]),
                       headers=headers)


def refused(response, words):
    assert response.status_code == 401, response.get_data(as_text=True)
    body = response.get_json()
    assert body["resourceType"] == "OperationOutcome" and body["issue"][0]["code"] == "security"
    assert words in body["issue"][0]["diagnostics"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    return body


@pytest.mark.parametrize("key,alg,kid", [("ES384", "ES384", "k-es384"), ("ES256", "ES256", "k-es256"),
                                         ("RS256", "RS256", "k-rs"), ("RS256", "PS256", "k-rs")])
def test_a_valid_token_is_accepted(secured, keys, key, alg, kid):
    response = call(secured(), token(keys, key=key, alg=alg, kid=kid))
    assert response.status_code == 200
    schema.validate_response(response.get_json())


def test_aud_may_be_an_array_holding_the_endpoint(secured, keys):
    assert call(secured(), token(keys, aud=["https://other", f"{BASE}/cds-services/{SIGN}"])).status_code == 200


def test_discovery_and_feedback_need_a_token_too(secured, keys):
    client = secured()
    refused(client.get("/cds-services"), "bearer token is required")
    assert client.get("/cds-services", headers={"Authorization": "Bearer " + token(
        keys, aud=f"{BASE}/cds-services")}).status_code == 200
    refused(client.post(f"/cds-services/{SIGN}/feedback", json={"feedback": []}), "bearer token is required")


def test_operator_endpoints_and_cors_preflight_stay_open(secured):
    client = secured()
    for path in ("/healthz", "/readyz", "/openapi.json", "/metrics"):
        assert client.get(path).status_code == 200, path
    pre = client.options(f"/cds-services/{SIGN}", headers={"Origin": "https://sandbox.cds-hooks.org",
                                                          "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 200 and "Access-Control-Allow-Origin" in pre.headers


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims() -> dict:
    now = int(time.time())
    return {"iss": ISS, "aud": f"{BASE}/cds-services/{SIGN}", "iat": now, "exp": now + 60, "jti": str(uuid.uuid4())}


def _none_token():
    head = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{head}.{_b64(json.dumps(_claims()).encode())}."


def _hmac_confusion_token(public_pem: bytes) -> str:
    """HS256 keyed with the issuer's public key: the classic algorithm-confusion forgery."""
    import hashlib
    import hmac
    signing_input = (_b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "k-es384"}).encode()) + "." +
                     _b64(json.dumps(_claims()).encode()))
    signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def test_forged_tokens_are_refused(secured, keys, jwks):
    client = secured()
    es_public_pem = keys["ES384"].public_key().public_bytes(serialization.Encoding.PEM,
                                                            serialization.PublicFormat.SubjectPublicKeyInfo)
    cases = {
        "missing": (None, "bearer token is required"),
        "not bearer": ("", "must be 'Bearer <JWT>'"),
        "garbage": ("abc.def", "not a well-formed JWT"),
        "alg none": (_none_token(), "algorithm 'none' is not accepted"),
        "HMAC with the public key as secret": (_hmac_confusion_token(es_public_pem), "HS256"),
        "signed by another key": (token(keys, key="other"), "signature does not verify"),
        "unknown kid": (token(keys, kid="nobody"), "No trusted key matches"),
        "untrusted issuer": (token(keys, iss="https://evil.example"), "issuer is not trusted"),
        "audience of another endpoint": (token(keys, aud=f"{BASE}/cds-services/{SELECT}"), "audience"),
        "audience of another host": (token(keys, aud=f"https://elsewhere/cds-services/{SIGN}"), "audience"),
        "expired": (token(keys, iat_offset=-600, lifetime=120), "expired"),
        "issued in the future": (token(keys, iat_offset=600), "issued in the future"),
        "too long-lived": (token(keys, lifetime=3600), "longer than 300 seconds"),
        "no jti": (token(keys, drop=("jti",)), "'jti'"),
        "no exp": (token(keys, drop=("exp",)), "'exp'"),
        "no iat": (token(keys, drop=("iat",)), "'iat'"),
        "key of the wrong family": (token(keys, key="RS256", alg="RS256", kid="k-es384"), "does not fit the key"),
        "jku not allowlisted": (token(keys, header={"jku": "https://evil.example/jwks.json"}), "jku is not on the allowlist"),
    }
    for name, (bearer, words) in cases.items():
        headers = {} if bearer is None else {"Authorization": f"Bearer {bearer}" if name != "not bearer" else "Basic dXNlcg=="}
        response = client.post(f"/cds-services/{SIGN}", json=hook_request(mrs_order()), headers=headers)
        body = refused(response, words)
        if bearer:
            assert bearer not in json.dumps(body), name   # the token is never echoed


def test_a_replayed_token_is_refused_even_by_another_instance(make_app, jwks, keys, tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    config = {"CDS_TRUSTED_ISSUERS": json.dumps({ISS: {"jwks": jwks}}), "CDS_DATABASE_URL": url}
    first, second = make_app(**config), make_app(**config)
    first.extensions["cds_service"].store.upgrade()
    bearer = token(keys)
    assert call(first.test_client(), bearer).status_code == 200
    refused(call(first.test_client(), bearer), "The token has been used before (jti replayed).")
    refused(call(second.test_client(), bearer), "The token has been used before (jti replayed).")


def test_replay_falls_back_to_the_process_cache_when_the_database_is_down(make_app, jwks, keys, caplog):
    client = make_app(CDS_TRUSTED_ISSUERS=json.dumps({ISS: {"jwks": jwks}}),
                      CDS_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:9/none").test_client()
    bearer = token(keys)
    with caplog.at_level(logging.ERROR, logger="cds_service.auth"):
        assert call(client, bearer).status_code == 200
        refused(call(client, bearer), "used before")
    assert any("replay store unreachable" in r.getMessage() for r in caplog.records)


def test_tenant_is_checked_when_configured(make_app, jwks, keys):
    client = make_app(CDS_TRUSTED_ISSUERS=json.dumps({ISS: {"jwks": jwks, "tenant": "hospital-a"}})).test_client()
    refused(call(client, token(keys, extra={"tenant": "hospital-b"})), "tenant")
    assert call(client, token(keys, extra={"tenant": "hospital-a"})).status_code == 200


def test_allowlisted_jku_is_fetched_once_and_cached(make_app, keys):
    fresh = ec.generate_private_key(ec.SECP384R1())
    host = JsonServer({"keys": [public_jwk(fresh, "rotated", "ES384")]})
    try:
        client = make_app(CDS_TRUSTED_ISSUERS=json.dumps(
            {ISS: {"jwks": {"keys": []}, "jku_allowlist": [host.origin]}})).test_client()
        for _ in range(3):
            bearer = token({"ES384": fresh}, kid="rotated", header={"jku": host.url})
            assert call(client, bearer).status_code == 200
        assert host.hits == 1
    finally:
        host.close()


def test_issuer_key_set_by_url_is_fetched_with_a_timeout_and_cached(make_app, keys, jwks):
    host = JsonServer(jwks)
    try:
        client = make_app(CDS_TRUSTED_ISSUERS=json.dumps({ISS: {"jwks_url": host.url}})).test_client()
        assert call(client, token(keys)).status_code == 200
        assert call(client, token(keys)).status_code == 200
        assert host.hits == 1
    finally:
        host.close()


def test_jwks_file_is_read(make_app, keys, jwks, tmp_path):
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(jwks))
    client = make_app(CDS_TRUSTED_ISSUERS=json.dumps({ISS: {"jwks_file": str(path)}})).test_client()
    assert call(client, token(keys)).status_code == 200


def test_public_base_url_decides_the_audience(make_app, jwks, keys):
    client = make_app(CDS_TRUSTED_ISSUERS=json.dumps({ISS: {"jwks": jwks}}),
                      CDS_PUBLIC_BASE_URL="https://cds.example.org").test_client()
    assert call(client, token(keys, aud=f"https://cds.example.org/cds-services/{SIGN}")).status_code == 200
    refused(call(client, token(keys)), "audience")


def test_forwarded_headers_count_only_behind_trusted_proxies(make_app, jwks, keys):
    issuers = json.dumps({ISS: {"jwks": jwks}})
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "cds.example.org"}
    aud = f"https://cds.example.org/cds-services/{SIGN}"
    behind = make_app(CDS_TRUSTED_ISSUERS=issuers, CDS_TRUSTED_PROXIES="1").test_client()
    assert call(behind, token(keys, aud=aud), **forwarded).status_code == 200
    direct = make_app(CDS_TRUSTED_ISSUERS=issuers).test_client()
    refused(call(direct, token(keys, aud=aud), **forwarded), "audience")


def test_sandbox_preset_trusts_its_published_key_and_never_fetches_its_jku(make_app, keys):
    runtime = make_app(CDS_TRUSTED_ISSUERS="cds-hooks-sandbox").extensions["cds_service"]
    issuer = runtime.verifier.issuers[SANDBOX_ISSUER]
    sandbox_kid = schema.sandbox_request("sandbox-jwks-public")["keys"][0]["kid"]
    assert set(issuer.keys) == {sandbox_kid} and issuer.jku_allowlist == (parse_url(SANDBOX_JKU),) and not issuer.fetch_jku
    client = make_app(CDS_TRUSTED_ISSUERS="cds-hooks-sandbox").test_client()
    forged = token(keys, iss=SANDBOX_ISSUER, kid=sandbox_kid, header={"jku": SANDBOX_JKU})
    refused(call(client, forged), "signature does not verify")   # checked against the Sandbox's public key
    assert runtime.verifier.fetcher.fetches == 0


def test_auth_refusals_are_counted_in_metrics(secured, keys):
    client = secured()
    refused(call(client, token(keys, iss="https://evil.example")), "issuer is not trusted")
    text = client.get("/metrics").get_data(as_text=True)
    assert 'cds_auth_refusals_total{reason="issuer"}' in text


def test_serve_refuses_a_public_address_with_authentication_off(capsys):
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "refusing to listen on 0.0.0.0" in capsys.readouterr().err


def _segments(header: object, claims: object) -> str:
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}.c2ln"


ACCEPTED = "ES256, ES384, ES512, RS256, RS384, RS512, PS256, PS384, PS512"
REFUSALS = {
    # case: (how the token is made, the words the caller reads, the reason metrics count it under)
    "no token": (lambda keys: None, "A bearer token is required (Authorization: Bearer <JWT>).", "missing"),
    "Basic scheme": (lambda keys: "Basic dXNlcg==", "The Authorization header must be 'Bearer <JWT>'.", "malformed"),
    "bearer without token": (lambda keys: "Bearer  ", "The Authorization header must be 'Bearer <JWT>'.", "malformed"),
    "two segments": (lambda keys: "Bearer abc.def", "The bearer token is not a well-formed JWT.", "malformed"),
    "not base64": (lambda keys: "Bearer a*b.c*d.e", "The bearer token is not a well-formed JWT.", "malformed"),
    "header not an object": (lambda keys: "Bearer " + _segments([1], _claims()),
                             "The bearer token is not a well-formed JWT.", "malformed"),
    "claims not an object": (lambda keys: "Bearer " + _segments({"alg": "ES384", "kid": "k-es384"}, "x"),
                             "The bearer token is not a well-formed JWT.", "malformed"),
    "alg none": (lambda keys: "Bearer " + _none_token(),
                 f"The token's algorithm 'none' is not accepted; use one of {ACCEPTED}.", "algorithm"),
    "no kid": (lambda keys: "Bearer " + _segments({"alg": "ES384", "typ": "JWT"}, _claims()),
               "The token's header must name its key by kid (a string).", "kid"),
    "unknown kid": (lambda keys: "Bearer " + token(keys, kid="nobody"), "No trusted key matches the token's kid.", "kid"),
    "untrusted issuer": (lambda keys: "Bearer " + token(keys, iss="https://evil.example"),
                         "The token's issuer is not trusted by this service.", "issuer"),
    "issuer not a string": (lambda keys: "Bearer " + _segments({"alg": "ES384", "kid": "k-es384"}, {**_claims(), "iss": [ISS]}),
                            "The token's issuer is not trusted by this service.", "issuer"),
    "signed by another key": (lambda keys: "Bearer " + token(keys, key="other"),
                              "The token's signature does not verify.", "signature"),
    "key of the wrong family": (lambda keys: "Bearer " + token(keys, key="RS256", alg="RS256", kid="k-es384"),
                                "The token's algorithm RS256 does not fit the key it names.", "algorithm-mismatch"),
    "audience of another endpoint": (lambda keys: "Bearer " + token(keys, aud=f"{BASE}/cds-services/{SELECT}"),
                                     f"The token's audience is not this endpoint ({BASE}/cds-services/{SIGN}).",
                                     "audience"),
    "expired": (lambda keys: "Bearer " + token(keys, iat_offset=-600, lifetime=120), "The token has expired.", "expired"),
    "issued in the future": (lambda keys: "Bearer " + token(keys, iat_offset=600),
                             "The token is issued in the future.", "not-yet-valid"),
    "too long-lived": (lambda keys: "Bearer " + token(keys, lifetime=301),
                       "The token lives longer than 300 seconds.", "lifetime"),
    "no jti": (lambda keys: "Bearer " + token(keys, drop=("jti",)), "The token lacks the required claim 'jti'.", "claims"),
    "empty jti": (lambda keys: "Bearer " + token(keys, jti="", extra={"jti": ""}),
                  "The token's jti must be a non-empty string.", "claims"),
    "iat not a number": (lambda keys: "Bearer " + token(keys, extra={"iat": "yesterday"}),
                         "The token is not valid (InvalidIssuedAtError).", "invalid"),
    "jku not allowlisted": (lambda keys: "Bearer " + token(keys, header={"jku": "https://evil.example/jwks.json"}),
                            "The token's jku is not on the allowlist for its issuer.", "jku"),
    "jku not a URL": (lambda keys: "Bearer " + token(keys, header={"jku": "not a url"}),
                      "The token's jku is not on the allowlist for its issuer.", "jku"),
}


def _refusals_counted(client, reason: str) -> float:
    prefix = f'cds_auth_refusals_total{{reason="{reason}"}} '
    line = next((l for l in client.get("/metrics").get_data(as_text=True).splitlines() if l.startswith(prefix)), None)
    return float(line[len(prefix):]) if line else 0.0


@pytest.mark.parametrize("case", REFUSALS)
def test_each_refusal_says_what_was_wrong_and_is_counted_under_its_reason(secured, keys, case):
    make, words, reason = REFUSALS[case]
    client = secured()
    before = _refusals_counted(client, reason)
    authorization = make(keys)
    headers = {} if authorization is None else {"Authorization": authorization}
    response = client.post(f"/cds-services/{SIGN}", json=hook_request(mrs_order()), headers=headers)
    assert refused(response, words)["issue"][0]["diagnostics"] == words
    assert _refusals_counted(client, reason) == before + 1


def test_a_token_living_exactly_the_longest_lifetime_is_accepted(secured, keys):
    assert call(secured(), token(keys, lifetime=300)).status_code == 200
