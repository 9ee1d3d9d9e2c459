"""Client authentication attacked the way an outsider would: forged key set URLs, key hosts that are
slow, large, redirecting or missing, replays while the database is down, the Sandbox preset exposed."""
from __future__ import annotations

import datetime as dt
import json
import logging
import time

import pytest

from cds_service.cli import main
from cds_service.config import ConfigError, load_settings
from tests.conftest import SIGN
from tests.fixtures.builders import hook_request, ma_plan, mrs_order
from tests.fixtures.counting_listener import CountingListener, http_answer
from tests.fixtures.tokens import ISS, new_key, public_jwk, signed

AUD = f"http://localhost/cds-services/{SIGN}"


def call(client, bearer):
    return client.post(f"/cds-services/{SIGN}", json=hook_request(mrs_order(), coverages=[ma_plan()]),
                       headers={"Authorization": f"Bearer {bearer}"})


def diagnostics(response) -> str:
    assert response.status_code == 401, response.get_data(as_text=True)
    return response.get_json()["issue"][0]["diagnostics"]


@pytest.fixture
def attacker():
    """The attacker's key, and a host that serves its public half at every path."""
    key = new_key()
    host = CountingListener(http_answer(json.dumps({"keys": [public_jwk(key, "attacker", "ES384")]}).encode()))
    yield key, host
    host.close()


def issuer_config(**spec) -> dict:
    return {"CDS_TRUSTED_ISSUERS": json.dumps({ISS: {"jwks": {"keys": []}, **spec}})}


def test_a_jku_on_the_allowlisted_path_is_fetched_and_trusted(make_app, attacker):
    """The control for the bypass cases below: an allowlisted jku really is fetched and used."""
    key, host = attacker
    client = make_app(**issuer_config(jku_allowlist=[f"{host.origin}/issuer-a"])).test_client()
    bearer = signed(key, AUD, kid="attacker", header={"jku": f"{host.origin}/issuer-a/jwks.json"})
    assert call(client, bearer).status_code == 200
    assert host.connections == 1


@pytest.mark.parametrize("path", [
    "/issuer-a-evil/jwks.json",              # a prefix ends at a '/'
    "/issuer-a/../evil/jwks.json",           # dot segments, which the HTTP library resolves
    "/issuer-a/%2e%2e/evil/jwks.json",       # dot segments a server decodes
    "/issuer-a/..%2fevil/jwks.json",         # an escaped '/'
    "/issuer-a/%2E%2E%2Fevil/jwks.json",
    "/issuer-a/%252e%252e/evil/jwks.json",   # escaped twice
    "/issuer-a\\..\\evil\\jwks.json",        # backslashes some servers read as '/'
    "/issuer-a/jwks.json#fragment",
    "/issuer-a/jwks.json?kid=attacker",
    "/issuer-a//evil/jwks.json",
])
def test_jku_tricks_on_the_path_are_refused_before_any_fetch(make_app, attacker, path):
    key, host = attacker
    client = make_app(**issuer_config(jku_allowlist=[f"{host.origin}/issuer-a"])).test_client()
    bearer = signed(key, AUD, kid="attacker", header={"jku": host.origin + path})
    assert "jku is not on the allowlist" in diagnostics(call(client, bearer))
    assert host.connections == 0


def test_user_information_in_a_jku_does_not_move_it_to_another_host(make_app, attacker):
    """`http://<allowed host>@<attacker host>/` starts with the allowlisted string but names the
    attacker's host: compared as parsed URLs, it is refused and the attacker's host never called."""
    key, host = attacker
    allowed = CountingListener(None)
    try:
        client = make_app(**issuer_config(jku_allowlist=[allowed.origin])).test_client()
        for jku in (f"{allowed.origin}@127.0.0.1:{host.port}/jwks.json",
                    f"http://u:p@127.0.0.1:{allowed.port}/jwks.json",
                    f"http://127.0.0.1:{host.port}/jwks.json",
                    f"https://127.0.0.1:{allowed.port}/jwks.json",
                    f"http://127.0.0.1:{allowed.port}:{host.port}/jwks.json"):
            bearer = signed(key, AUD, kid="attacker", header={"jku": jku})
            assert "jku is not on the allowlist" in diagnostics(call(client, bearer)), jku
        assert host.connections == 0 and allowed.connections == 0
    finally:
        allowed.close()


@pytest.mark.parametrize("entry,words", [
    ("http://ehr.example.org", "must be https"),
    ("http://127.0.0.1.attacker.example", "must be https"),
    ("https://user@ehr.example.org", "user information"),
    ("https://ehr.example.org/keys#x", "fragment"),
    ("https://ehr.example.org/keys?x=1", "query"),
    ("https://ehr.example.org/a/../b", "dot segments"),
    ("ehr.example.org", "absolute http(s) URL"),
])
def test_unsafe_jku_allowlist_and_jwks_url_entries_stop_the_start(entry, words):
    for spec in ({"jwks": {"keys": []}, "jku_allowlist": [entry]}, {"jwks_url": entry}):
        with pytest.raises(ConfigError, match="CDS_TRUSTED_ISSUERS") as info:
            load_settings({"CDS_TRUSTED_ISSUERS": json.dumps({ISS: spec})})
        assert words in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("kty,material", [("EC", {"crv": "P-256", "x": "AA", "y": "AA", "d": "AA"}),
                                          ("RSA", {"n": "AQAB", "e": "AQAB", "d": "AA", "p": "AA", "q": "AA"})])
def test_a_private_jwk_in_the_configuration_stops_the_start(kty, material):
    with pytest.raises(ConfigError) as info:
        load_settings({"CDS_TRUSTED_ISSUERS": json.dumps({ISS: {"jwks": {"keys": [{"kty": kty, **material}]}}})})
    message = str(info.value)
    assert message.startswith("CDS_TRUSTED_ISSUERS") and "private key material" in message and "\n" not in message


def test_a_flood_of_unknown_kids_at_a_failing_key_host_costs_one_fetch(make_app):
    host = CountingListener(http_answer(b"{}", status="404 Not Found"))
    try:
        client = make_app(**issuer_config(jku_allowlist=[host.origin])).test_client()
        key = new_key()
        for i in range(20):
            bearer = signed(key, AUD, kid=f"unknown-{i}", header={"jku": f"{host.origin}/jwks.json"})
            assert "could not be fetched" in diagnostics(call(client, bearer))
        assert host.connections == 1
    finally:
        host.close()


def test_a_flood_of_distinct_jku_urls_is_fetched_a_bounded_number_of_times(make_app, attacker):
    from cds_service.auth import JWKS_FETCHES_PER_ISSUER
    _, host = attacker
    client = make_app(**issuer_config(jku_allowlist=[host.origin])).test_client()
    key = new_key()
    for i in range(3 * JWKS_FETCHES_PER_ISSUER):
        call(client, signed(key, AUD, kid=f"unknown-{i}", header={"jku": f"{host.origin}/k{i}/jwks.json"}))
    assert host.connections == JWKS_FETCHES_PER_ISSUER


def key_host_verdict(make_app, host, key) -> str:
    """What the service says of a token whose allowlisted jku points at `host`."""
    try:
        client = make_app(**issuer_config(jku_allowlist=[host.origin])).test_client()
        return diagnostics(call(client, signed(key, AUD, kid="attacker", header={"jku": f"{host.origin}/jwks.json"})))
    finally:
        host.close()


def test_a_key_host_that_trickles_its_answer_does_not_hold_the_worker(make_app, attacker):
    key, _ = attacker
    body = json.dumps({"keys": [public_jwk(key, "attacker", "ES384")]}).encode()
    started = time.monotonic()
    assert "could not be fetched" in key_host_verdict(make_app, CountingListener(http_answer(body), trickle=0.5), key)
    assert time.monotonic() - started < 1.5     # the fetch budget is 0.8 s of wall clock


def test_a_key_set_larger_than_the_cap_is_not_used(make_app, attacker):
    key, _ = attacker
    body = json.dumps({"keys": [public_jwk(new_key(), "pad", "ES384")] * 1200 + [public_jwk(key, "attacker", "ES384")]})
    assert len(body) > 256_000
    host = CountingListener(http_answer(body.encode()))
    assert "could not be fetched" in key_host_verdict(make_app, host, key)
    assert host.connections == 1


def test_a_redirect_from_the_key_host_is_not_followed(make_app, attacker):
    key, elsewhere = attacker
    host = CountingListener(http_answer(b"", status="302 Found", extra=f"Location: {elsewhere.origin}/jwks.json\r\n"))
    assert "could not be fetched" in key_host_verdict(make_app, host, key)
    assert host.connections == 1 and elsewhere.connections == 0


def test_two_issuers_sharing_a_kid_never_share_a_key(make_app):
    key_a, key_b = new_key(), new_key()
    issuers = {"https://ehr-a.example.org": {"jwks": {"keys": [public_jwk(key_a, "shared", "ES384")]}},
               "https://ehr-b.example.org": {"jwks": {"keys": [public_jwk(key_b, "shared", "ES384")]}}}
    client = make_app(CDS_TRUSTED_ISSUERS=json.dumps(issuers)).test_client()
    assert call(client, signed(key_a, AUD, kid="shared", iss="https://ehr-a.example.org")).status_code == 200
    assert call(client, signed(key_b, AUD, kid="shared", iss="https://ehr-b.example.org")).status_code == 200
    # Issuer A's key, used in issuer B's name: must be checked against B's key, whatever was cached.
    forged = signed(key_a, AUD, kid="shared", iss="https://ehr-b.example.org")
    assert "signature does not verify" in diagnostics(call(client, forged))


def test_a_replay_is_refused_for_as_long_as_the_token_is_accepted(make_app):
    """A token past its exp but within the clock skew is still accepted once; the replay store must
    remember it at least that long, not only until exp."""
    key = new_key()
    client = make_app(**issuer_config(jwks={"keys": [public_jwk(key, "k1", "ES384")]}),
                      CDS_JWT_CLOCK_SKEW="60").test_client()
    bearer = signed(key, AUD, iat_offset=-100, lifetime=90)      # exp 10 s ago, within the 60 s skew
    assert call(client, bearer).status_code == 200
    assert "used before" in diagnostics(call(client, bearer))


def test_with_the_database_down_every_worker_of_a_host_refuses_a_replay(make_app, tmp_path, caplog):
    """Two app instances (as two gunicorn workers) share the host's data directory and nothing else;
    the shared database is unreachable."""
    key = new_key()
    config = {**issuer_config(jwks={"keys": [public_jwk(key, "k1", "ES384")]}),
              "CDS_DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:9/none", "CDS_DATA_DIR": str(tmp_path / "host")}
    first, second = make_app(**config).test_client(), make_app(**config).test_client()
    bearer = signed(key, AUD)
    with caplog.at_level(logging.ERROR, logger="cds_service.auth"):
        assert call(first, bearer).status_code == 200
        assert "used before" in diagnostics(call(second, bearer))
        assert "used before" in diagnostics(call(first, bearer))
    assert any("shared replay store unreachable" in r.getMessage() for r in caplog.records)
    # Later calls do not wait on the database again: the host store alone answers for a while.
    started = time.monotonic()
    for _ in range(5):
        assert call(first, signed(key, AUD)).status_code == 200
    assert time.monotonic() - started < 2.0


def test_the_host_replay_store_takes_over_only_expired_entries(tmp_path):
    from cds_service.store.host_replay import HostReplayStore
    store = HostReplayStore(tmp_path / "replay.db")
    later = time.time() + 300
    assert store.remember("https://iss", "a", later) is True
    assert store.remember("https://iss", "a", later) is False
    assert store.remember("https://other", "a", later) is True
    assert store.remember("https://iss", "b", time.time() - 1) is True
    assert store.remember("https://iss", "b", later) is True           # the first use had expired
    assert HostReplayStore(tmp_path / "replay.db").remember("https://iss", "a", later) is False


def test_the_sandbox_preset_logs_a_loud_warning(make_app, caplog):
    with caplog.at_level(logging.WARNING, logger="cds_service"):
        make_app(CDS_TRUSTED_ISSUERS="cds-hooks-sandbox")
    assert any("PRIVATE KEY IS PUBLIC" in r.getMessage() for r in caplog.records)


def test_serve_refuses_a_public_address_with_the_sandbox_preset(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CDS_TRUSTED_ISSUERS", "cds-hooks-sandbox")
    monkeypatch.setenv("CDS_DATA_DIR", str(tmp_path))
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "cds-hooks-sandbox preset" in capsys.readouterr().err


W = f"CDS_TRUSTED_ISSUERS[{ISS!r}]"


@pytest.mark.parametrize("spec,message", [
    ("not an object", f"{W}: expected an object"),
    ({}, f"{W}: give exactly one of jwks, jwks_file, jwks_url"),
    ({"jwks": {"keys": []}, "jwks_url": "https://ehr.example.org/jwks"}, f"{W}: give exactly one of jwks, jwks_file, jwks_url"),
    ({"jwks": ["not", "a", "key set"]}, f"{W}.jwks: a JWKS is an object with a 'keys' array"),
    ({"jwks": {"keys": {"kty": "EC"}}}, f"{W}.jwks: a JWKS is an object with a 'keys' array"),
    ({"jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}}, f"{W}.jwks.keys[0]: only EC and RSA public keys are accepted"),
    ({"jwks": {"keys": ["EC"]}}, f"{W}.jwks.keys[0]: only EC and RSA public keys are accepted"),
    ({"jwks": {"keys": []}, "jku_allowlist": "https://ehr.example.org/jwks"},
     f"{W}.jku_allowlist: a list of https:// URLs (plain http only for loopback, in development)"),
    ({"jwks": {"keys": []}, "fhir_servers": "https://ehr.example.org/fhir"},
     f"{W}.fhir_servers: a list of https:// URLs (plain http only for loopback, in development)"),
])
def test_an_issuer_configured_wrongly_stops_the_start_saying_what_to_fix(spec, message):
    from cds_service.auth import AuthConfigError, load_issuers
    with pytest.raises(AuthConfigError) as info:
        load_issuers({ISS: spec})
    assert str(info.value) == message


@pytest.mark.parametrize("member", ["d", "p", "q", "dp", "dq", "qi", "oth"])
def test_any_private_member_of_a_configured_jwk_stops_the_start(member):
    """RFC 7518 section 6.3.2: d, p, q, dp, dq, qi and oth are the private parts of an RSA key (d of an EC key)."""
    from cds_service.auth import AuthConfigError, load_issuers
    key = {"kty": "RSA", "n": "AQAB", "e": "AQAB", member: "AA"}
    with pytest.raises(AuthConfigError) as info:
        load_issuers({ISS: {"jwks": {"keys": [{"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"}, key]}}})
    assert str(info.value) == f"{W}.jwks.keys[1]: holds private key material; configure public keys only"


def test_an_unreadable_jwks_file_stops_the_start_naming_it(tmp_path):
    from cds_service.auth import AuthConfigError, load_issuers
    for content in (None, "{not json"):
        path = tmp_path / "jwks.json"
        if content is not None:
            path.write_text(content)
        with pytest.raises(AuthConfigError) as info:
            load_issuers({ISS: {"jwks_file": str(path)}})
        assert str(info.value).startswith(f"{W}.jwks_file: cannot read {path} (")


def test_the_sandbox_preset_may_stand_beside_other_issuers_by_name_or_as_a_setting():
    from cds_service.auth import SANDBOX_ISSUER, load_issuers
    for preset in ("cds-hooks-sandbox", {"preset": "cds-hooks-sandbox"}):
        issuers = load_issuers({"sandbox": preset, ISS: {"jwks": {"keys": []}}})
        assert set(issuers) == {SANDBOX_ISSUER, ISS}
        assert issuers[SANDBOX_ISSUER].fetch_jku is False and issuers[SANDBOX_ISSUER].keys


def test_configured_keys_without_a_kid_are_named_by_their_place_in_the_set():
    from cds_service.auth import load_issuers
    issuer = load_issuers({ISS: {"jwks": {"keys": [{"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"}]}}})[ISS]
    assert list(issuer.keys) == ["#0"]


# --- key sets fetched by URL, over time ----------------------------------------------------------

class Clock:
    """time.monotonic moved forward on demand, so intervals of minutes pass in a test; every reader of
    the clock (the fetcher, the socket deadlines) sees the same time."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real = time.monotonic
        monkeypatch.setattr(time, "monotonic", lambda: real() + self.offset)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture
def key_host():
    from tests.fixtures.json_server import JsonServer
    host = JsonServer({"keys": [public_jwk(new_key(), "k1", "ES384")]})
    yield host
    host.close()


def fetch(fetcher, host, url=None, refresh=False):
    from cds_service.outbound import parse_url
    return fetcher.keys(parse_url(url or host.url), ISS, refresh)


def test_a_fetched_key_set_is_used_for_five_minutes_then_fetched_again(monkeypatch, key_host):
    from cds_service.auth import JWKS_CACHE_SECONDS, KeyFetcher
    clock, fetcher = Clock(monkeypatch), KeyFetcher()
    assert set(fetch(fetcher, key_host)) == {"k1"} and key_host.hits == 1
    clock.advance(JWKS_CACHE_SECONDS - 1)
    fetch(fetcher, key_host)
    assert key_host.hits == 1
    clock.advance(2)
    fetch(fetcher, key_host)
    assert key_host.hits == 2 and JWKS_CACHE_SECONDS == 300


def test_a_fresh_copy_for_a_missing_kid_is_fetched_at_most_once_a_minute(monkeypatch, key_host):
    from cds_service.auth import JWKS_RETRY_SECONDS, KeyFetcher
    clock, fetcher = Clock(monkeypatch), KeyFetcher()
    fetch(fetcher, key_host)
    key_host.document = {"keys": [public_jwk(new_key(), "k2", "ES384")]}     # the issuer rotated its key
    clock.advance(JWKS_RETRY_SECONDS - 1)
    assert set(fetch(fetcher, key_host, refresh=True)) == {"k1"} and key_host.hits == 1
    clock.advance(2)
    assert set(fetch(fetcher, key_host, refresh=True)) == {"k2"} and key_host.hits == 2
    assert JWKS_RETRY_SECONDS == 60


def test_a_key_set_that_cannot_be_fetched_again_is_used_as_last_fetched(monkeypatch, key_host, caplog):
    from cds_service.auth import JWKS_CACHE_SECONDS, KeyFetcher
    clock, fetcher = Clock(monkeypatch), KeyFetcher()
    fetch(fetcher, key_host)
    assert key_host.accept == "application/jwk-set+json, application/json"     # the JWK Set media type, RFC 7517
    key_host.close()
    clock.advance(JWKS_CACHE_SECONDS + 1)
    with caplog.at_level(logging.WARNING, logger="cds_service.auth"):
        assert set(fetch(fetcher, key_host)) == {"k1"}
    assert [r.getMessage() for r in caplog.records] == ["key set fetch failed"]


def test_a_key_set_never_fetched_is_a_refusal_in_words(monkeypatch):
    from cds_service.auth import AuthError, KeyFetcher
    from tests.fixtures.served import free_port
    with pytest.raises(AuthError) as info:
        fetch(KeyFetcher(), None, url=f"http://127.0.0.1:{free_port()}/jwks.json")
    assert (info.value.reason, info.value.message) == ("jwks-unavailable", "The issuer's key set could not be fetched.")


def test_an_issuers_ten_fetches_a_minute_come_back_after_the_minute(monkeypatch, key_host):
    from cds_service.auth import AuthError, JWKS_FETCHES_PER_ISSUER, JWKS_RETRY_SECONDS, KeyFetcher
    clock, fetcher = Clock(monkeypatch), KeyFetcher()
    for i in range(JWKS_FETCHES_PER_ISSUER):
        fetch(fetcher, key_host, url=f"{key_host.origin}/set-{i}.json")
    with pytest.raises(AuthError) as info:
        fetch(fetcher, key_host, url=f"{key_host.origin}/one-more.json")
    assert (info.value.reason, info.value.message) == ("jwks-unavailable", "The issuer's key set could not be fetched.")
    assert key_host.hits == JWKS_FETCHES_PER_ISSUER == 10
    clock.advance(JWKS_RETRY_SECONDS + 1)
    assert set(fetch(fetcher, key_host, url=f"{key_host.origin}/one-more.json")) == {"k1"}
    assert key_host.hits == 11


def test_a_rotated_key_of_an_issuers_key_set_url_is_trusted_after_the_retry_interval(make_app, monkeypatch, key_host):
    """The token names a kid the cached set lacks: the issuer's jwks_url is asked again (once a minute)."""
    from cds_service.auth import JWKS_RETRY_SECONDS
    clock = Clock(monkeypatch)
    client = make_app(CDS_TRUSTED_ISSUERS=json.dumps({ISS: {"jwks_url": key_host.url}})).test_client()
    old = new_key()
    key_host.document = {"keys": [public_jwk(old, "k-old", "ES384")]}
    assert call(client, signed(old, AUD, kid="k-old")).status_code == 200
    rotated = new_key()
    key_host.document = {"keys": [public_jwk(rotated, "k-new", "ES384")]}
    clock.advance(JWKS_RETRY_SECONDS + 1)
    assert call(client, signed(rotated, AUD, kid="k-new")).status_code == 200
    assert key_host.hits == 2


def test_an_unreachable_shared_replay_store_is_tried_again_after_ten_seconds(make_app, tmp_path, caplog, monkeypatch):
    from cds_service.auth import ReplayGuard
    key = new_key()
    client = make_app(**issuer_config(jwks={"keys": [public_jwk(key, "k1", "ES384")]}),
                      CDS_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:9/none",
                      CDS_DATA_DIR=str(tmp_path / "host")).test_client()
    clock = Clock(monkeypatch)

    def tries() -> int:
        return sum(r.getMessage().startswith("shared replay store unreachable") for r in caplog.records)
    with caplog.at_level(logging.ERROR, logger="cds_service.auth"):
        assert call(client, signed(key, AUD)).status_code == 200 and tries() == 1
        clock.advance(ReplayGuard.DB_RETRY_SECONDS - 1)
        assert call(client, signed(key, AUD)).status_code == 200 and tries() == 1
        clock.advance(2)
        assert call(client, signed(key, AUD)).status_code == 200 and tries() == 2
    assert ReplayGuard.DB_RETRY_SECONDS == 10.0


def test_the_host_replay_store_fails_closed_in_words_and_says_why_in_the_log(make_app, tmp_path, caplog):
    key = new_key()
    app = make_app(**issuer_config(jwks={"keys": [public_jwk(key, "k1", "ES384")]}))
    guard = app.extensions["cds_service"].verifier.remember
    guard.host_store.close()
    guard.host_store.path = tmp_path / "not-a-directory" / "replay.db"
    (tmp_path / "not-a-directory").write_text("a file where the directory should be")
    with caplog.at_level(logging.ERROR, logger="cds_service.auth"):
        words = diagnostics(call(app.test_client(), signed(key, AUD)))
    assert words == "The token cannot be checked for replay right now; retry later."
    assert "host replay store unusable; refusing tokens until it is" in [r.getMessage() for r in caplog.records]


def test_trusted_issuers_that_are_neither_the_preset_nor_an_object_stop_the_start_saying_what_is_expected():
    from cds_service.auth import AuthConfigError, load_issuers
    assert load_issuers(None) == load_issuers("") == load_issuers({}) == {}
    with pytest.raises(AuthConfigError) as info:
        load_issuers(["https://ehr.example.org"])
    assert str(info.value) == ("CDS_TRUSTED_ISSUERS: expected 'cds-hooks-sandbox' or a JSON object "
                               "{issuer: {jwks | jwks_file | jwks_url, jku_allowlist, fhir_servers, tenant}}")
