"""A policy set compiled for one test alone, beside the session's shared one."""
from __future__ import annotations

import pytest

from cds_service.policy_files import load_policy_set
from tests.conftest import settings_for


@pytest.fixture
def compiled_policy_set():
    """The bundled rules compiled in front of this test: a test that checks what services.yaml says
    through it also checks the compiler (the shared set is compiled once, before the first test)."""
    s = settings_for()
    return load_policy_set(s.policy_dir, **s.policy_settings())
