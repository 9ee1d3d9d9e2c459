"""On demand, never in the test run: fuzz a live `cds-service serve` on loopback with at least 10,000
requests and write the figures to docs/fuzz.md.

Two sources: schemathesis, generating positive and negative (schema-violating) data for every operation
in the service's own /openapi.json; and the hostile-JSON generator of the test suite
(tests/fixtures/hostile.py: unpaired surrogates, deep nesting, numbers past every edge, dates that
parse but cannot be held, wrong types in every element the parser reads, duplicate keys, non-standard
number tokens). Every answer must be free of 5xx and stack traces; a refusal must be an
OperationOutcome. The exit status is 1 if any answer was not.

    python -m benchmarks.fuzz                 # 6,000 schemathesis + 6,000 hostile requests
    python -m benchmarks.fuzz --schema 600 --hostile 600 --no-write   # a quick look
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import platform
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests
import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.conftest import BASE_CONFIG
from tests.fixtures.hostile import answer_problem, hostile_requests
from tests.fixtures.served import serve

ROOT = Path(__file__).resolve().parents[1]
KEPT_FAILURES = 20


@dataclass
class Tally:
    counts: collections.Counter = field(default_factory=collections.Counter)          # source -> requests
    statuses: dict[str, collections.Counter] = field(default_factory=lambda: collections.defaultdict(collections.Counter))
    failures: list[str] = field(default_factory=list)
    failure_count: int = 0

    def record(self, source: str, what: str, status: int, content_type: str, text: str) -> None:
        self.counts[source] += 1
        self.statuses[source][status] += 1
        problem = answer_problem(status, content_type, text)
        if problem:
            self.failure_count += 1
            if len(self.failures) < KEPT_FAILURES:
                self.failures.append(f"{source}: {problem}: {what[:400]}")


def run_schemathesis(base: str, budget: int, run_seed: int, tally: Tally) -> None:
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    plans = [(op, mode) for op in operations for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
             if op.method.upper() == "POST" or mode is GenerationMode.POSITIVE]
    posts = [p for p in plans if p[0].method.upper() == "POST"]
    per_post = max(1, (budget - 10 * (len(plans) - len(posts))) // len(posts))
    for op, mode in plans:
        source = f"schemathesis {mode.value}"

        @seed(run_seed)
        @settings(max_examples=per_post if op.method.upper() == "POST" else 10, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(op.as_strategy(generation_mode=mode))
        def send(case) -> None:  # noqa: ANN001 - a schemathesis Case
            response = case.call(base_url=base, timeout=15)
            content_type = response.headers.get("Content-Type") or response.headers.get("content-type") or ""
            if isinstance(content_type, list):      # schemathesis keeps every value of a header
                content_type = content_type[0]
            tally.record(source, f"{case.method} {case.formatted_path} {str(case.body)[:300]}", response.status_code,
                         content_type, response.text)

        try:
            send()
        except Unsatisfiable:
            pass                 # no negative data exists for this operation


def run_hostile(base: str, count: int, run_seed: int, tally: Tally) -> None:
    with requests.Session() as session:
        for path, raw in hostile_requests(run_seed, count):
            response = session.post(base + path, data=raw, headers={"Content-Type": "application/json"}, timeout=15)
            tally.record("hostile JSON", f"POST {path} {raw[:300]!r}", response.status_code,
                         response.headers.get("Content-Type", ""), response.text)


def report(tally: Tally, args: argparse.Namespace, seconds: float) -> str:
    import gunicorn
    total = sum(tally.counts.values())
    codes = sorted({code for counter in tally.statuses.values() for code in counter})
    lines = ["# Fuzzing", "",
             f"Written by `python -m benchmarks.fuzz` on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC "
             f"(seed {args.seed}): {total:,} requests in {seconds:.0f} s against `cds-service serve` "
             f"(gunicorn {gunicorn.__version__}, its default worker class, 2 workers, authentication off, SQLite) "
             f"on loopback, Python {platform.python_version()}.", "",
             "Sources: schemathesis generating positive and negative (schema-violating) data for every "
             "operation of the service's `/openapi.json`; and the hostile-JSON generator of the test suite "
             "(`tests/fixtures/hostile.py`): real request shapes with elements the service reads replaced by "
             "unpaired surrogates, deep nesting, numbers past every edge, unstorable dates, every JSON type, "
             "duplicate keys and non-standard number tokens.", "",
             "Every answer must have no 5xx status and no stack trace; a 4xx must be a FHIR OperationOutcome "
             "served as `application/fhir+json`; a 2xx must be a JSON object.", "",
             "| source | requests | " + " | ".join(str(c) for c in codes) + " |",
             "| --- | ---: | " + " | ".join("---:" for _ in codes) + " |"]
    for source in sorted(tally.counts):
        lines.append(f"| {source} | {tally.counts[source]:,} | "
                     + " | ".join(f"{tally.statuses[source].get(c, 0):,}" for c in codes) + " |")
    lines.append(f"| all | {total:,} | "
                 + " | ".join(f"{sum(t.get(c, 0) for t in tally.statuses.values()):,}" for c in codes) + " |")
    lines += ["", f"Answers breaking the rules above: **{tally.failure_count}**."]
    if tally.failures:
        lines += ["", "First of them:", ""] + [f"- `{f}`" for f in tally.failures]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--schema", type=int, default=6000, help="schemathesis requests (about)")
    parser.add_argument("--hostile", type=int, default=6000, help="hostile-JSON requests")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--no-write", action="store_true", help="print the figures instead of writing docs/fuzz.md")
    args = parser.parse_args(argv)
    tally = Tally()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cds-fuzz-") as work:
        with serve(Path(work) / "data", "--workers", "2", CDS_PAYERS=json.dumps(BASE_CONFIG["CDS_PAYERS"]),
                   CDS_LOG_LEVEL="ERROR") as base:
            run_hostile(base, args.hostile, args.seed, tally)
            run_schemathesis(base, args.schema, args.seed, tally)
    text = report(tally, args, time.monotonic() - started)
    if args.no_write:
        print(text)
    else:
        (ROOT / "docs" / "fuzz.md").write_text(text, encoding="utf-8")
        print(text)
        print("written to docs/fuzz.md", file=sys.stderr)
    return 1 if tally.failure_count else 0


if __name__ == "__main__":
    sys.exit(main())
