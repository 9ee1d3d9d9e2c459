"""The same card for the same request, served HealthChain's way (a peer, for the benchmark only).

HealthChain (PyPI `healthchain`) is a Python framework whose CDSHooksService answers CDS Hooks calls in
a FastAPI app (HealthChainAPI), served by uvicorn. It holds no payer-policy logic, so its hook handler
answers with the cards and system actions our service gives to this request (read from
BENCH_CANNED_FILE, as the canned baselines do), through its own request parsing and response models.
Run by `python -m benchmarks --healthchain-python PYTHON`, with an interpreter that has healthchain
installed (it needs other versions of libraries we use, so it lives in its own environment).

HealthChain's response models require `isRecommended` on a suggestion and `autoLaunchable` on a link,
both optional in CDS Hooks 2.0 (absent means false); without them it answers 200 with no cards and a
logged validation error. The cards below carry both as false: the same card, in the form it accepts.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from healthchain.gateway import CDSHooksService, HealthChainAPI
from healthchain.gateway.cds import CDSHooksConfig
from healthchain.models import CDSRequest, CDSResponse

_CANNED = json.loads(Path(os.environ["BENCH_CANNED_FILE"]).read_text().splitlines()[0])
for _card in _CANNED["cards"]:
    for _suggestion in _card.get("suggestions", []):
        _suggestion.setdefault("isRecommended", False)
    for _link in _card.get("links", []):
        _link.setdefault("autoLaunchable", False)

cds = CDSHooksService(config=CDSHooksConfig(base_path=""))


@cds.hook("order-sign", id="coverage-policy-order-sign")
def order_sign(request: CDSRequest) -> CDSResponse:
    return CDSResponse(cards=_CANNED["cards"], systemActions=_CANNED.get("systemActions"))


app = HealthChainAPI(title="HealthChain peer")
app.register_service(cds)
