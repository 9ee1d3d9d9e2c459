"""Where the EHR's bearer token may go: real loopback listeners count every connection that reaches
them, and keep every byte, so "never called" and "never sent" are observed, not assumed."""
from __future__ import annotations

import json
import logging
import threading
import time

import pytest
import requests
from werkzeug.serving import make_server

from cds_service.outbound import REASONS
from tests.conftest import SIGN, HookClient
from tests.fixtures.builders import coverage, hook_request, mrs_order
from tests.fixtures.counting_listener import CountingListener, http_answer
from tests.fixtures.tokens import ISS, new_key, public_jwk, signed

TOKEN = "secret-access-token-7c1e"
AUD = f"http://localhost/cds-services/{SIGN}"
MA_PLAN = "Cascade Medicare Advantage Plan"


def body_for(fhir_server: str, token: str = TOKEN) -> dict:
    return hook_request(mrs_order(), fhirServer=fhir_server,
                        fhirAuthorization={"access_token": token, "token_type": "Bearer", "subject": "cds"})


def summary(response) -> str:
    assert response.status_code == 200, response.get_data(as_text=True)
    [card] = response.get_json()["cards"]
    return card["summary"]


@pytest.fixture
def key():
    return new_key()


@pytest.fixture
def secured(make_app, key):
    """Authentication on; the issuer names its own FHIR servers."""
    def build(fhir_servers=(), **overrides):
        issuers = {ISS: {"jwks": {"keys": [public_jwk(key, "k1", "ES384")]}, "fhir_servers": list(fhir_servers)}}
        app = make_app(CDS_TRUSTED_ISSUERS=json.dumps(issuers), **overrides)
        client = app.test_client()

        def post(body, iss=ISS, aud=AUD):
            return client.post(f"/cds-services/{SIGN}", json=body,
                               headers={"Authorization": f"Bearer {signed(key, aud, iss=iss)}"})
        post.app = app
        return post
    return build


@pytest.fixture
def listener():
    server = CountingListener(http_answer(b'{"resourceType": "Bundle", "entry": []}'))
    yield server
    server.close()


def failures_logged(caplog) -> list[str]:
    return [reason for r in caplog.records if r.getMessage() == "fhir read failed" for reason in r.fhir_failures]


def test_with_authentication_on_an_unlisted_fhir_server_is_never_called(secured, fhir, listener, caplog):
    fhir.add(coverage(id="c1", payer_display=MA_PLAN, sopt="111"))
    post = secured(fhir_servers=[fhir.base_url])
    assert "could not be determined" not in summary(post(body_for(fhir.base_url)))      # the listed server is read
    assert fhir.requests and fhir.requests[0]["authorization"] == f"Bearer {TOKEN}"
    with caplog.at_level(logging.WARNING, logger="cds_service.fhir"):
        for server in (listener.origin, f"{listener.origin}/fhir", f"http://localhost:{listener.port}",
                       f"http://[::ffff:127.0.0.1]:{listener.port}", f"http://127.0.0.2:{listener.port}"):
            assert "could not be determined" in summary(post(body_for(server)))
    assert listener.connections == 0 and not listener.sent_anything_containing(TOKEN)
    assert set(failures_logged(caplog)) == {"not-allowed"}


def test_an_issuers_fhir_servers_serve_only_that_issuers_tokens(make_app, key, fhir):
    fhir.add(coverage(id="c1", payer_display=MA_PLAN, sopt="111"))
    other = new_key()
    issuers = {ISS: {"jwks": {"keys": [public_jwk(key, "k1", "ES384")]}, "fhir_servers": [fhir.base_url]},
               "https://other-ehr.example.org": {"jwks": {"keys": [public_jwk(other, "k1", "ES384")]}}}
    client = make_app(CDS_TRUSTED_ISSUERS=json.dumps(issuers)).test_client()
    bearer = signed(other, AUD, iss="https://other-ehr.example.org")
    response = client.post(f"/cds-services/{SIGN}", json=body_for(fhir.base_url), headers={"Authorization": f"Bearer {bearer}"})
    assert "could not be determined" in summary(response) and fhir.requests == []


def test_the_allowlist_serves_every_issuer(secured, fhir):
    fhir.add(coverage(id="c1", payer_display=MA_PLAN, sopt="111"))
    post = secured(CDS_FHIR_ALLOWLIST=f"{fhir.base_url}/")
    assert "could not be determined" not in summary(post(body_for(fhir.base_url)))


def test_the_service_never_calls_itself(make_app, key):
    app = make_app(CDS_TRUSTED_ISSUERS=json.dumps({ISS: {"jwks": {"keys": [public_jwk(key, "k1", "ES384")]}}}))
    seen: list[str] = []
    inner = app.wsgi_app

    def counting(environ, start_response):
        seen.append(environ["PATH_INFO"])
        return inner(environ, start_response)
    app.wsgi_app = counting
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        for fhir_server in (base, f"{base}/cds-services", f"http://localhost:{server.server_port}"):
            response = requests.post(f"{base}/cds-services/{SIGN}", json=body_for(fhir_server), timeout=5,
                                     headers={"Authorization": "Bearer " + signed(key, f"{base}/cds-services/{SIGN}")})
            assert response.status_code == 200 and "could not be determined" in response.json()["cards"][0]["summary"]
    finally:
        server.shutdown()
    assert seen == [f"/cds-services/{SIGN}"] * 3


def test_with_authentication_off_only_loopback_servers_are_called(hooks, fhir, caplog):
    fhir.add(coverage(id="c1", payer_display=MA_PLAN, sopt="111"))
    assert "could not be determined" not in hooks.cards(body_for(fhir.base_url))[0]["summary"]
    with caplog.at_level(logging.WARNING, logger="cds_service.fhir"):
        started = time.monotonic()
        for server in ("http://10.255.255.1:9/fhir", "https://fhir.example.org/r4", "http://192.0.2.1/fhir"):
            assert "could not be determined" in hooks.cards(body_for(server))[0]["summary"]
        assert time.monotonic() - started < 0.5      # refused before any connection or lookup
    assert failures_logged(caplog) == ["not-allowed"] * 3


@pytest.mark.parametrize("server", [
    "https://169.254.169.254/latest/meta-data", "https://[fd00:ec2::254]/latest", "https://100.100.100.200/latest",
    "https://[::ffff:169.254.169.254]/latest", "https://[fe80::1]/fhir", "https://[64:ff9b::a9fe:a9fe]/latest",
])
def test_link_local_and_metadata_addresses_are_never_called_even_when_allowlisted(make_app, server, caplog):
    hooks = HookClient(make_app(CDS_FHIR_ALLOWLIST=server).test_client())
    with caplog.at_level(logging.WARNING, logger="cds_service.fhir"):
        assert "could not be determined" in hooks.cards(body_for(server))[0]["summary"]
    assert failures_logged(caplog) == ["address-refused"]


@pytest.mark.parametrize("trick", [
    "{origin}/fhir/../admin", "{origin}/fhir/%2e%2e/admin", "{origin}/fhir%2f..%2fadmin", "{origin}@127.0.0.1:{other}/fhir",
    "http://user:pw@127.0.0.1:{port}/fhir", "{origin}/fhir#x", "{origin}/fhir?_format=json", "{origin}/fhirx",
    "{origin}/fhir\\..\\admin", "http://2130706433:{port}/fhir", "http://0x7f.1:{port}/fhir",
])
def test_fhir_server_url_tricks_are_refused(make_app, listener, trick):
    other = CountingListener(http_answer(b"{}"))
    try:
        hooks = HookClient(make_app(CDS_FHIR_ALLOWLIST=f"{listener.origin}/fhir").test_client())
        server = trick.format(origin=listener.origin, other=other.port, port=listener.port)
        assert "could not be determined" in hooks.cards(body_for(server))[0]["summary"]
        assert listener.connections == 0 and other.connections == 0
    finally:
        other.close()


@pytest.mark.parametrize("reference", ["Organization/..", "Organization/%2e%2e", "Organization/a%2fb",
                                       "Organization/x?y=1", "Organization/" + "a" * 65])
def test_payer_references_that_are_path_tricks_are_not_read(hooks, fhir, reference):
    fhir.add(coverage(id="c1", payor_reference=reference, sopt="111"))
    hooks.cards(body_for(fhir.base_url))
    assert [r["path"] for r in fhir.requests] == ["/Coverage"]


def test_a_token_with_characters_a_header_cannot_carry_is_never_sent_or_echoed(hooks, fhir, caplog):
    from prometheus_client import REGISTRY
    token = "tok\u20acen-\u00e9\u4e2d"
    with caplog.at_level(logging.DEBUG, logger="cds_service"):
        assert "could not be determined" in hooks.cards(body_for(fhir.base_url, token=token))[0]["summary"]
    assert fhir.requests == []
    assert failures_logged(caplog) == ["token-refused"]
    assert not any("\u20ac" in str(r.__dict__) or "codec" in str(r.__dict__) for r in caplog.records)
    labels = {s.labels["reason"] for m in REGISTRY.collect() if m.name == "cds_fhir_fetch_failures"
              for s in m.samples}
    assert labels <= REASONS


@pytest.mark.parametrize("mode,status,reason", [("status", 500, "http-5xx"), ("status", 401, "http-401"),
                                                ("status", 418, "http-4xx"), ("garbage", 200, "not-json"),
                                                ("not-fhir", 200, "not-fhir"), ("redirect", 302, "http-other")])
def test_failure_reasons_are_fixed_words_never_the_servers_answer(hooks, fhir, caplog, mode, status, reason):
    fhir.mode, fhir.status = mode, status
    with caplog.at_level(logging.WARNING, logger="cds_service.fhir"):
        hooks.cards(body_for(fhir.base_url))
    assert failures_logged(caplog) == [reason]


def test_a_server_that_is_down_is_unreachable(hooks, caplog):
    with caplog.at_level(logging.WARNING, logger="cds_service.fhir"):
        hooks.cards(body_for("http://127.0.0.1:9/fhir"))
    assert failures_logged(caplog) == ["unreachable"]


def test_a_fhir_server_that_trickles_never_exceeds_the_budget_nor_starves_later_calls(make_app, fhir):
    """One byte every 0.5 s, headers included: each call still ends within its 0.8 s budget, and after a
    burst of such calls the same worker reads coverage normally."""
    fhir.add(coverage(id="c1", payer_display=MA_PLAN, sopt="111"))
    answer = http_answer(b'{"resourceType": "Bundle", "entry": []}' + b" " * 200)
    trickler = CountingListener(answer, trickle=0.5)
    try:
        app = make_app()
        durations: list[float] = []

        def trickled_call() -> None:
            started = time.monotonic()
            response = app.test_client().post(f"/cds-services/{SIGN}", json=body_for(trickler.origin))
            durations.append(time.monotonic() - started)
            assert "could not be determined" in summary(response)
        threads = [threading.Thread(target=trickled_call) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        assert len(durations) == 12 and max(durations) < 1.6, durations
        assert trickler.connections == 12
        started = time.monotonic()
        assert "could not be determined" not in summary(app.test_client().post(f"/cds-services/{SIGN}",
                                                                                json=body_for(fhir.base_url)))
        assert time.monotonic() - started < 1.0
    finally:
        trickler.close()


def test_localhost_is_resolved_and_connected_on_an_address_that_was_checked(hooks, fhir):
    fhir.add(coverage(id="c1", payer_display=MA_PLAN, sopt="111"))
    port = fhir.base_url.rsplit(":", 1)[1]
    assert "could not be determined" not in hooks.cards(body_for(f"http://localhost:{port}"))[0]["summary"]
    assert len(fhir.requests) == 1


@pytest.mark.parametrize("trickle", [0.0, 0.5])
def test_a_tls_handshake_that_stalls_or_trickles_ends_within_the_budget(make_app, trickle, caplog):
    """A server that never answers the TLS handshake, or answers a byte every half second."""
    host = CountingListener(b"\x16\x03\x03" + b"\x00" * 64 if trickle else None, trickle=trickle)
    try:
        hooks = HookClient(make_app(CDS_FHIR_ALLOWLIST=f"https://127.0.0.1:{host.port}").test_client())
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="cds_service.fhir"):
            hooks.cards(body_for(f"https://127.0.0.1:{host.port}/fhir"))
        assert time.monotonic() - started < 1.5
        assert failures_logged(caplog) == ["timeout"] and host.connections == 1
    finally:
        host.close()
