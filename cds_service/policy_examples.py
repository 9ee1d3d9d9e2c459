"""`cds-service policies test`: the example orders each policy file carries, run through the service.

An example is an order, a coverage and a date of service with the outcome the reviewer expects: no
card, or a card with this indicator citing this policy (or none, for an evidence-only card). A
policy is enabled only when its examples pass, and a policy without any is reported, so CI notices a
policy that nobody has tried.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .config import Settings
from .policy_files import ParsedFile, read_policy_data
from .runtime import Runtime
from .synthetic_calls import CallSpec, authoring_runtime, coverage_spec, evaluate, order_spec


@dataclass(frozen=True)
class Outcome:
    """What one card said, as far as an example checks it."""

    indicator: str
    policy: str | None
    situation: str

    def __str__(self) -> str:
        cited = f"citing {self.policy}" if self.policy else "citing no policy (evidence only)"
        return f"{self.indicator} card {cited} ({self.situation})"


@dataclass(frozen=True)
class ExampleResult:
    policy_id: str
    file: str
    line: int | None
    name: str
    passed: bool
    expected: str
    got: str


@dataclass
class TestRun:
    results: list[ExampleResult]
    without_examples: list[tuple[str, str]]     # (policy id, file)

    @property
    def failed(self) -> list[ExampleResult]:
        return [r for r in self.results if not r.passed]

    @property
    def ok(self) -> bool:
        return not self.failed and not self.without_examples


def _expected(expect: dict[str, Any]) -> Outcome | None:
    if not expect["fires"]:
        return None
    return Outcome(expect["indicator"], expect["policy"], expect.get("situation", ""))


def _describe(expected: Outcome | None) -> str:
    if expected is None:
        return "no card"
    text = str(expected)
    return text.replace(" ()", "") if not expected.situation else text


def _matches(expected: Outcome | None, got: list[Outcome]) -> bool:
    if expected is None:
        return not got
    if len(got) != 1:
        return False
    card = got[0]
    return (card.indicator, card.policy) == (expected.indicator, expected.policy) and (
        not expected.situation or card.situation == expected.situation)


def run_example(parsed: ParsedFile, index: int, example: dict[str, Any], runtime: Runtime) -> ExampleResult:
    policy_id = parsed.doc["id"]
    where = ("examples", index)
    expected = _expected(example["expect"])
    problems = []
    coverage = example.get("coverage")
    if coverage and coverage.get("payer") and coverage["payer"] not in runtime.policy_set.payers:
        problems.append(f"payer '{coverage['payer']}' is not in payers.yaml")
    for system, _ in order_spec(example["order"]).codes:
        if system not in runtime.policy_set.system_emit:
            problems.append(f"code system '{system}' is not in services.yaml code_systems")
    if expected and expected.policy and expected.policy not in runtime.policy_set.policies:
        problems.append(f"expected policy '{expected.policy}' is not on file")
    if problems:
        return ExampleResult(policy_id, str(parsed.path), parsed.line_of(where), example["name"], False,
                             _describe(expected), "; ".join(problems))
    spec = CallSpec(order_spec(example["order"]), coverage_spec(coverage),
                    dt.date.fromisoformat(str(example["date"])), example.get("hook", "order-sign"))
    _, evaluation = evaluate(spec, runtime)
    got = [Outcome(c.indicator, c.policy_id, c.situation) for c in evaluation.cards]
    return ExampleResult(policy_id, str(parsed.path), parsed.line_of(where), example["name"],
                         _matches(expected, got), _describe(expected),
                         "; ".join(str(g) for g in got) or "no card")


def run_examples(settings: Settings, policy_id: str | None = None) -> TestRun:
    """Every example of every policy file (or of one), through the service's own request path."""
    data = read_policy_data(settings.policy_dir)
    runtime = authoring_runtime(settings)
    results: list[ExampleResult] = []
    missing: list[tuple[str, str]] = []
    for parsed in data.policies:
        if policy_id and parsed.doc["id"] != policy_id:
            continue
        examples = parsed.doc.get("examples", [])
        if not examples:
            missing.append((parsed.doc["id"], str(parsed.path)))
        results += [run_example(parsed, i, example, runtime) for i, example in enumerate(examples)]
    return TestRun(results, missing)


def render_run(run: TestRun) -> str:
    lines = []
    for r in run.results:
        place = f"{r.file}:{r.line}" if r.line else r.file
        if r.passed:
            lines.append(f"ok    {r.policy_id}: {r.name}: {r.got}")
        else:
            lines.append(f"FAIL  {r.policy_id}: {r.name} ({place})")
            lines.append(f"        expected {r.expected}")
            lines.append(f"        got      {r.got}")
    for policy_id, file in run.without_examples:
        lines.append(f"NONE  {policy_id}: no examples ({file}); add orders it should and should not fire on")
    passed = len(run.results) - len(run.failed)
    lines.append(f"{len(run.results)} examples: {passed} passed, {len(run.failed)} failed; "
                 f"{len(run.without_examples)} policies without examples")
    return "\n".join(lines) + "\n"
