"""gunicorn settings for a plain WSGI deployment with several workers:

    gunicorn -w 4 -c python:cds_service.gunicorn_conf 'cds_service:create_app()'

Each worker is its own process with its own counters; prometheus_client's multiprocess mode adds them up
through a shared directory. This makes that directory at start (unless PROMETHEUS_MULTIPROC_DIR is set
already), tells prometheus_client when a worker has gone, and removes the directory at exit.
"""
from __future__ import annotations

import os
import shutil
import tempfile

from cds_service.serving import THREADS

_made_dir = None
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    _made_dir = tempfile.mkdtemp(prefix="cds-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _made_dir


# The worker `cds-service serve` runs: gthread with a deadline on reading each request, so clients that
# stall mid-request cannot hold every worker (see cds_service/serving.py). `-k` and `--threads` override.
worker_class = "cds_service.serving.ServiceWorker"
threads = THREADS


def child_exit(server, worker) -> None:  # noqa: ANN001 - gunicorn hook signature
    from cds_service.metrics import mark_worker_dead
    mark_worker_dead(worker.pid)


def on_exit(server) -> None:  # noqa: ANN001 - gunicorn hook signature
    if _made_dir:
        shutil.rmtree(_made_dir, ignore_errors=True)
