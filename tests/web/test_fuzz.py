"""Fuzzing the published OpenAPI document with schemathesis: a bounded number of examples per operation,
derandomized so a run is repeatable. No generated request may produce a 5xx or break the contract."""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from cds_service import create_app

_data = Path(tempfile.mkdtemp(prefix="cds-fuzz-"))
atexit.register(shutil.rmtree, _data, True)
app = create_app({"CDS_DATA_DIR": str(_data),
                  "CDS_PAYERS": {"ma-mrs-plan": {"names": ["Cascade Medicare Advantage Plan"]}}})
app.extensions["cds_service"].store.upgrade()

schema = schemathesis.openapi.from_wsgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_generated_request_breaks_the_service(case):
    # The service tolerates what it does not use (unknown fields, nulls, extra context), by design:
    # a request outside the documented shape is not required to fail, only never to break anything.
    case.call_and_validate(excluded_checks=[negative_data_rejection])
