"""Settings: mapping over environment over default; JSON values as text, objects or files; clear errors."""
from __future__ import annotations

import json

import pytest

from cds_service.config import SETTINGS, ConfigError, load_settings


def test_defaults():
    s = load_settings()
    assert (s.auth, s.panel_min_codes, s.timezone.key, s.disabled_policies) == ("off", None, "UTC", frozenset())
    assert (s.max_orders, s.jwt_max_lifetime, s.trusted_proxies, s.audit, s.shadow_mode) == (1000, 300, 0, True, False)
    assert (s.policy_dir / "payers.yaml").is_file() and (s.cards_dir / "cards.yaml").is_file()


def test_auth_defaults_to_jwt_when_issuers_are_configured():
    assert load_settings({"CDS_TRUSTED_ISSUERS": "cds-hooks-sandbox"}).auth == "jwt"
    assert load_settings({"CDS_TRUSTED_ISSUERS": "cds-hooks-sandbox", "CDS_AUTH": "off"}).auth == "off"


def test_mapping_wins_over_environment(monkeypatch):
    monkeypatch.setenv("CDS_PANEL_MIN_CODES", "5")
    assert load_settings().panel_min_codes == 5
    assert load_settings({"CDS_PANEL_MIN_CODES": 9}).panel_min_codes == 9


@pytest.mark.parametrize("form", ["json", "object", "json-file", "yaml-file"])
def test_json_settings_accept_text_objects_and_files(tmp_path, form):
    value = {"ma-mrs-plan": {"names": ["Example Plan"]}}
    if form == "json":
        raw = json.dumps(value)
    elif form == "object":
        raw = value
    elif form == "json-file":
        raw = tmp_path / "payers.json"
        raw.write_text(json.dumps(value))
        raw = str(raw)
    else:
        raw = tmp_path / "payers.yaml"
        raw.write_text("ma-mrs-plan:\n  names: [Example Plan]\n")
        raw = str(raw)
    assert load_settings({"CDS_PAYERS": raw}).payers == value


@pytest.mark.parametrize("name,value,words", [
    ("CDS_PANEL_MIN_CODES", "1", "at least 2"),
    ("CDS_PANEL_MIN_CODES", "many", "not a int"),
    ("CDS_TIMEZONE", "Mars/Olympus", "IANA"),
    ("CDS_PAYERS", "{not json", "not valid JSON"),
    ("CDS_PAYERS", "/no/such/file.json", "neither JSON nor an existing file"),
    ("CDS_PAYERS", "[1]", "JSON object"),
    ("CDS_LOCAL_CODES", {"a|b": 3}, "policy or service id"),
    ("CDS_AUTH", "maybe", "'off', 'jwt'"),
    ("CDS_AUTH", "jwt", "needs at least one trusted issuer"),
    ("CDS_TRUSTED_ISSUERS", "[1]", "expected 'cds-hooks-sandbox' or a JSON object"),
    ("CDS_TRUSTED_ISSUERS", '{"https://ehr": {}}', "exactly one of jwks"),
    ("CDS_TRUSTED_ISSUERS", '{"https://ehr": {"jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}}}', "only EC and RSA"),
    ("CDS_PUBLIC_BASE_URL", "cds.example.org", "http(s) URL"),
    ("CDS_FHIR_ALLOWLIST", "fhir.example.org", "not an absolute http(s) URL"),
    ("CDS_MAX_ORDERS", "0", "at least 1"),
    ("CDS_DATABASE_URL", "not a url", "not a database URL"),
    ("CDS_SHADOW_MODE", "perhaps", "on/off"),
    ("CDS_POLICY_DIR", "/no/such/dir", "not a directory"),
    ("CDS_FHIR_TIMEOUT", "0", "at least"),
    ("CDS_NO_SUCH_SETTING", "1", "unknown setting"),
])
def test_bad_settings_name_themselves(name, value, words):
    with pytest.raises(ConfigError, match=name) as info:
        load_settings({name: value})
    assert words in str(info.value)


def test_readme_documents_every_setting():
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for name in SETTINGS:
        assert f"`{name}`" in readme, name
