"""The one URL rule behind the jku allowlist, jwks_url, CDS_FHIR_ALLOWLIST and fhir_servers."""
from __future__ import annotations

import pytest

from cds_service.outbound import UrlRefused, allowlist_entry, never_called, parse_url

import ipaddress


@pytest.mark.parametrize("candidate,allowed,inside", [
    ("https://ehr.example.org/jwks.json", "https://ehr.example.org", True),
    ("https://EHR.Example.ORG./jwks.json", "https://ehr.example.org", True),      # host case, trailing dot
    ("https://ehr.example.org:443/jwks.json", "https://ehr.example.org", True),   # the default port
    ("https://ehr.example.org:8443/jwks.json", "https://ehr.example.org", False),
    ("http://ehr.example.org/jwks.json", "https://ehr.example.org", False),
    ("https://ehr.example.org.attacker.example/jwks.json", "https://ehr.example.org", False),
    ("https://ehr.example.org/keys/a.json", "https://ehr.example.org/keys", True),
    ("https://ehr.example.org/keys", "https://ehr.example.org/keys/", True),
    ("https://ehr.example.org/keysets/a.json", "https://ehr.example.org/keys", False),
    ("https://ehr.example.org/KEYS/a.json", "https://ehr.example.org/keys", False),
    ("https://ehr.example.org/k%65ys/a.json", "https://ehr.example.org/keys", True),  # an unreserved escape
    ("https://ehr.example.org/keys/a.json?x=1", "https://ehr.example.org/keys", False),
])
def test_a_url_is_inside_an_allowed_one_only_as_a_server_reads_it(candidate, allowed, inside):
    assert parse_url(candidate).within(allowlist_entry(allowed, "X")) is inside


@pytest.mark.parametrize("text", [
    "https://ehr.example.org@attacker.example/jwks.json", "https://ehr.example.org:443@attacker.example/",
    "https://ehr.example.org/a/../b", "https://ehr.example.org/a/./b", "https://ehr.example.org/a/%2e%2E/b",
    "https://ehr.example.org/a%2Fb", "https://ehr.example.org/a%5cb", "https://ehr.example.org/a%252e",
    "https://ehr.example.org/a\\b", "https://ehr.example.org/a#b", "https://ehr.example.org/a b",
    "https://ehr.example.org/\u00e9", "https://ehr.example.org/a\r\nHost: x", "https://ehr.example.org/a//b",
    "https://2130706433/", "https://0x7f000001/", "https://127.1/", "https://[::1/", "https://ehr.example.org:99999/",
    "https://ehr.example.org:/", "https:ehr.example.org/", "file:///etc/passwd", "ftp://ehr.example.org/",
    "//ehr.example.org/", "https://", "https://ehr.example.org/a?%00", "", None, 7,
])
def test_ambiguous_urls_are_refused(text):
    with pytest.raises(UrlRefused):
        parse_url(text)


def test_what_is_sent_is_what_was_checked():
    url = parse_url("https://EHR.example.org:443/fhir/r4/Coverage?patient=p%201&status=active")
    assert (url.host_header, url.target) == ("ehr.example.org", "/fhir/r4/Coverage?patient=p%201&status=active")
    assert str(parse_url("http://[::1]:8080/x").host_header) == "[::1]:8080"


@pytest.mark.parametrize("address,never", [
    ("169.254.169.254", True), ("169.254.0.1", True), ("fe80::1", True), ("fd00:ec2::254", True),
    ("100.100.100.200", True), ("::ffff:169.254.169.254", True), ("64:ff9b::a9fe:a9fe", True), ("0.0.0.0", True),
    ("::", True), ("224.0.0.1", True), ("127.0.0.1", False), ("10.0.0.5", False), ("2001:db8::1", False),
])
def test_link_local_and_metadata_addresses_are_never_called(address, never):
    assert never_called(ipaddress.ip_address(address)) is never
