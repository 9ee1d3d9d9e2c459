"""Every storage test runs on SQLite and on a real PostgreSQL, each in a fresh schema."""
from __future__ import annotations

import os
import uuid
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

POSTGRES = os.environ.get("CDS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def postgres_schema():
    """A schema of our own for this test run, dropped afterwards; PostgreSQL must be up (CI starts it)."""
    schema = f"cds_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES, connect_args={"connect_timeout": 5})
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError:
        # CI (and anyone who names a server) must have PostgreSQL: there this is a failure. A newcomer's
        # machine without one still runs every SQLite test, and is told what was left out.
        if os.environ.get("CI") or os.environ.get("CDS_TEST_POSTGRES_URL"):
            raise
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES}; start it or set CDS_TEST_POSTGRES_URL")
    yield schema
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'audit.db'}"
    schema = request.getfixturevalue("postgres_schema")
    # A schema per test inside the run's schema namespace keeps tests independent.
    per_test = f"{schema}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(POSTGRES)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{per_test}"'))
    admin.dispose()
    request.addfinalizer(lambda: _drop(per_test))
    sep = "&" if "?" in POSTGRES else "?"
    return f"{POSTGRES}{sep}options={quote(f'-csearch_path={per_test}')}"


def _drop(schema: str) -> None:
    admin = create_engine(POSTGRES)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()
