"""Where token ids are kept: with the default SQLite database, the host store alone (every process that
writes that file shares it); with a database URL of its own, the host store and the database."""
from __future__ import annotations

from sqlalchemy import func, select

from cds_service.store.models import ReplayRecord
from tests.fixtures.tokens import new_key, public_jwk, signed
from tests.web.test_auth_attacks import AUD, call, diagnostics, issuer_config


def _ids_in_database(app) -> int:
    with app.extensions["cds_service"].store.session() as session:
        return session.scalar(select(func.count()).select_from(ReplayRecord))


def test_with_the_default_database_the_workers_of_a_host_refuse_a_replay_without_writing_it(make_app, tmp_path):
    key = new_key()
    config = {**issuer_config(jwks={"keys": [public_jwk(key, "k1", "ES384")]}), "CDS_DATA_DIR": str(tmp_path / "host")}
    first, second = make_app(**config), make_app(**config)
    bearer = signed(key, AUD)
    assert call(first.test_client(), bearer).status_code == 200
    assert "used before" in diagnostics(call(second.test_client(), bearer))
    assert "used before" in diagnostics(call(first.test_client(), bearer))
    assert _ids_in_database(first) == 0


def test_with_a_database_url_token_ids_reach_the_database_too(make_app, tmp_path):
    key = new_key()
    config = {**issuer_config(jwks={"keys": [public_jwk(key, "k1", "ES384")]}),
              "CDS_DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}"}
    first, second = make_app(**config), make_app(**config)   # two hosts: data directories of their own
    bearer = signed(key, AUD)
    assert call(first.test_client(), bearer).status_code == 200
    assert "used before" in diagnostics(call(second.test_client(), bearer))
    assert _ids_in_database(first) == 1
