"""What an outside attack on the served service got through, pinned over real HTTP on loopback."""
from __future__ import annotations

import json
import time
import uuid

import jwt
import pytest
import requests

from cds_service.cli import main
from tests.conftest import SIGN
from tests.fixtures.builders import hook_request, ma_plan, mrs_order
from tests.fixtures.served import serve
from tests.fixtures.tokens import ISS, new_key, public_jwk


@pytest.fixture(scope="module")
def key():
    return new_key()


@pytest.fixture(scope="module")
def secured_service(tmp_path_factory, key):
    """`cds-service serve` with a trusted issuer and no CDS_PUBLIC_BASE_URL or CDS_TRUSTED_PROXIES."""
    issuers = json.dumps({ISS: {"jwks": {"keys": [public_jwk(key, "k1", "ES384")]}}})
    with serve(tmp_path_factory.mktemp("review") / "data", "--workers", "1", CDS_TRUSTED_ISSUERS=issuers) as base:
        yield base


def _token(key, aud, **header):
    now = int(time.time())
    claims = {"iss": ISS, "aud": aud, "iat": now, "exp": now + 240, "jti": str(uuid.uuid4())}
    return jwt.encode(claims, key, algorithm="ES384", headers={"typ": "JWT", **header})


def _post(base, bearer, **headers):
    return requests.post(f"{base}/cds-services/{SIGN}", json=hook_request(mrs_order(), coverages=[ma_plan()]),
                         headers={"Authorization": f"Bearer {bearer}", **headers}, timeout=10)


def test_a_token_that_names_no_kid_is_refused_though_the_issuer_holds_one_key(secured_service, key):
    aud = f"{secured_service}/cds-services/{SIGN}"
    assert _post(secured_service, _token(key, aud, kid="k1")).status_code == 200
    refused = _post(secured_service, _token(key, aud))
    assert refused.status_code == 401
    assert "kid" in refused.json()["issue"][0]["diagnostics"]


def test_forwarded_proto_from_a_loopback_peer_does_not_move_the_audience(secured_service, key):
    """gunicorn trusts X-Forwarded-Proto from loopback by default; only CDS_TRUSTED_PROXIES may."""
    host = secured_service.removeprefix("http://")
    https_aud = f"https://{host}/cds-services/{SIGN}"
    answer = _post(secured_service, _token(key, https_aud, kid="k1"), **{"X-Forwarded-Proto": "https"})
    assert answer.status_code == 401
    assert "audience" in answer.json()["issue"][0]["diagnostics"]


def test_serve_binds_a_bare_ipv6_loopback_address(tmp_path):
    with serve(tmp_path / "data", "--workers", "1", host="::1") as base:   # waits for /healthz on [::1]
        assert requests.get(f"{base}/cds-services", timeout=5).status_code == 200


def test_the_sandbox_preset_refusal_names_what_to_change(capsys, monkeypatch):
    monkeypatch.setenv("CDS_TRUSTED_ISSUERS", "cds-hooks-sandbox")
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    err = capsys.readouterr().err
    assert "public,." not in err and "the EHR's own issuer" in err


def test_without_a_public_base_url_a_foreign_host_header_cannot_borrow_another_services_audience(
        secured_service, key):
    """A token minted for another CDS service, replayed here with that service's Host header."""
    other = "other-cds.hospital.example"
    answer = _post(secured_service, _token(key, f"http://{other}/cds-services/{SIGN}", kid="k1"), Host=other)
    assert answer.status_code == 401
    assert "CDS_PUBLIC_BASE_URL" in answer.json()["issue"][0]["diagnostics"]
