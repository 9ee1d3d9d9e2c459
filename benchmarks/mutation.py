"""Mutation testing on demand: `python -m benchmarks.mutation [--modules engine,parser] [--budget 900]`.

How many bugs would the tests catch? mutmut (3.x) changes one thing at a time in a module (a `<`
into `<=`, a `continue` into `break`, a string into another) and runs the tests that cover that
module against each change; a change no test notices "survives". Each module is measured on its own
copy of the checkout under `mutants/<module>/` (gitignored), with only the tests named for it, one
worker process under `nice`, and a time budget: the machines are small and shared. The scores and
every surviving mutant (file, line, diff, and the reason it may stay, from
`benchmarks/mutation_notes.yaml`) go to docs/mutation.md; docs/mutation.json keeps the figures, and
with them the "before" column that `--record-before` sets.

Never part of the test run: a full pass takes most of an hour.
"""
from __future__ import annotations

import argparse
import ast
import datetime as dt
import fnmatch
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "mutants"
DOCS = ROOT / "docs"
NOTES = Path(__file__).resolve().parent / "mutation_notes.yaml"

# What a copy of the checkout needs for the tests to run: the package, its data (found beside the
# package, as in a checkout), the tests and what they import or read.
COPIED = ("cds_service", "tests", "policy_data", "cards", "benchmarks", "examples", "README.md", "pyproject.toml")


@dataclass(frozen=True)
class Target:
    """A module under test: the files mutated, the functions kept (all when empty) or left out, and
    the tests that cover it (paths or globs, relative to the checkout)."""
    name: str
    files: tuple[str, ...]
    tests: tuple[str, ...]
    functions: dict[str, tuple[str, ...]] = field(default_factory=dict)          # file -> kept
    without_functions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # file -> left out
    description: str = ""
    # tests that run the command in a subprocess from a directory of their own: there the mutated copy
    # cannot find its mutmut configuration, and the original never sees the mutant
    deselect: tuple[str, ...] = ()


TARGETS: tuple[Target, ...] = (
    Target("engine", ("cds_service/engine/decide.py", "cds_service/engine/orders.py",
                      "cds_service/engine/coverage.py", "cds_service/engine/model.py"),
           # tests/cards read the model's wording (labels, evidence statements, line-specific card text)
           ("tests/engine", "tests/cards", "tests/web/test_hook_calls.py", "tests/web/test_discovery_and_errors.py",
            "tests/web/test_request_parsing.py"),
           description="decisions, order and coverage reading (recognition is measured on its own)"),
    Target("recognition", ("cds_service/engine/recognition.py",),
           # test_policies_validate: the compile errors services.yaml can hold; tests/cards: evidence wording
           ("tests/engine", "tests/cards", "tests/web/test_hook_calls.py", "tests/web/test_request_parsing.py",
            "tests/cli/test_policies_validate.py"),
           description="which orders are an in-scope service, with evidence",
           deselect=("tests/cli/test_policies_validate.py::test_validate_in_a_checkout_checks_that_checkouts_policy_data",)),
    Target("parser", ("cds_service/hook_request.py", "cds_service/json_body.py"),
           ("tests/engine/test_properties.py", "tests/web/test_discovery_and_errors.py",
            "tests/web/test_hook_calls.py", "tests/web/test_fhir_fetch.py", "tests/web/test_robustness.py",
            "tests/web/test_crd.py", "tests/web/test_request_*.py", "tests/web/test_hostile_input.py"),
           description="the request body read as JSON, then into a HookCall, and their 4xx refusals"),
    Target("auth", ("cds_service/auth.py",),
           ("tests/web/test_security*.py", "tests/web/test_auth*.py", "tests/web/test_replay_store.py"),
           description="JWT client authentication, key fetching, the replay guard"),
    Target("audit-writer", ("cds_service/store/writer.py", "cds_service/store/spool.py"),
           ("tests/store/test_audit*.py", "tests/store/test_durability.py", "tests/store/test_outage_and_workers.py"),
           description="the background audit writer and its on-disk spool"),
    # importer.py only calls the finders in turn and model.py holds dataclasses; command.py is the CLI's
    # wording around them
    Target("importer", ("cds_service/policy_import/extract/sections.py", "cds_service/policy_import/extract/dates.py",
                        "cds_service/policy_import/extract/masthead.py", "cds_service/policy_import/extract/lines.py",
                        "cds_service/policy_import/extract/services.py", "cds_service/policy_import/extract/codes.py",
                        "cds_service/policy_import/extract/statements.py", "cds_service/policy_import/segments.py",
                        "cds_service/policy_import/reading.py", "cds_service/policy_import/keyformat.py",
                        "cds_service/policy_import/knowledge.py", "cds_service/policy_import/drafts.py"),
           ("tests/policy_import",),
           description="policy documents read, cut into citable pieces, and their values found and drafted"),
)

# mutmut's exit codes by what they mean for the score (mutmut.stats.status_by_exit_code).
KILLED = {1, 3, 24, -24, 36, 152, 255, 37}
SURVIVED = {0}
NO_TESTS = {5, 33}
NOT_CHECKED = {None, 2, 34}


@dataclass
class Survivor:
    key: str
    file: str
    function: str
    line: int | None
    diff: str
    status: str
    note: dict[str, str] | None = None


@dataclass
class Result:
    target: str
    killed: int = 0
    survived: int = 0
    no_tests: int = 0
    not_checked: int = 0
    other: int = 0
    by_file: dict[str, dict[str, int]] = field(default_factory=dict)
    survivors: list[Survivor] = field(default_factory=list)
    seconds: float = 0.0
    stopped_by_budget: bool = False
    sampled_from: int | None = None

    @property
    def checked(self) -> int:
        return self.killed + self.survived + self.no_tests + self.other

    @property
    def score(self) -> float | None:
        return round(100.0 * self.killed / self.checked, 1) if self.checked else None


# ------------------------------------------------------------------------------------------ staging
def _tests_present(root: Path, patterns: Iterable[str]) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            rel = str(path.relative_to(root))
            if rel not in found:
                found.append(rel)
    return found


def _mutmut_section(target: Target, files: list[str], tests: list[str]) -> str:
    def toml_list(items: Iterable[str]) -> str:
        return "[" + ", ".join(json.dumps(i) for i in items) + "]"
    return ("\n[tool.mutmut]\n"
            'source_paths = ["cds_service"]\n'
            f"only_mutate = {toml_list(files)}\n"
            # the data the service loads lives beside the package, as in a checkout
            'also_copy = ["policy_data", "cards", "benchmarks", "examples", "README.md"]\n'
            f"pytest_add_cli_args = {toml_list(['-p', 'no:cacheprovider', *(f'--deselect={t}' for t in target.deselect)])}\n"
            f"pytest_add_cli_args_test_selection = {toml_list(tests)}\n")


def stage(target: Target, source: Path) -> tuple[Path, list[str], list[str]]:
    """A fresh copy of the checkout for one module, with a mutmut section naming its files and tests."""
    here = WORK / target.name
    if here.exists():
        shutil.rmtree(here)
    here.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis", ".pytest_cache")
    for name in COPIED:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, here / name, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, here / name)
    files = [f for f in target.files if (here / f).is_file()]
    tests = _tests_present(here, target.tests)
    pyproject = (here / "pyproject.toml").read_text()
    pyproject = re.sub(r"(?ms)^\[tool\.mutmut\].*?(?=^\[|\Z)", "", pyproject)
    (here / "pyproject.toml").write_text(pyproject + _mutmut_section(target, files, tests))
    return here, files, tests


def _module_of(path: str) -> str:
    return path[:-3].replace("/", ".")


def _functions_in(path: Path) -> list[str]:
    """Top-level functions and methods, as mutmut names them in mutant keys."""
    names = []
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.append(f"x_{node.name}")
        elif isinstance(node, ast.ClassDef):
            names += [f"x\u01c1{node.name}\u01c1{n.name}" for n in node.body
                      if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return names


def name_patterns(target: Target, here: Path, files: list[str]) -> list[str]:
    """mutmut mutant-name globs for what a target keeps (empty: every mutant of its files)."""
    if not target.functions and not target.without_functions:
        return []
    patterns = []
    for f in files:
        if f in target.functions:
            patterns += [f"{_module_of(f)}.x_{fn}__mutmut_*" for fn in target.functions[f]]
        elif f in target.without_functions:
            left_out = {f"x_{fn}" for fn in target.without_functions[f]}
            patterns += [f"{_module_of(f)}.{fn}__mutmut_*" for fn in _functions_in(here / f) if fn not in left_out]
        else:
            patterns.append(f"{_module_of(f)}.*")
    return patterns


def kept(target: Target, file: str, key: str) -> bool:
    function = function_of(key)
    if file in target.functions and function not in target.functions[file]:
        return False
    return function not in target.without_functions.get(file, ())


def function_of(key: str) -> str:
    """'pkg.mod.x_name__mutmut_3' -> 'name'; 'pkg.mod.xǁClassǁmethod__mutmut_3' -> 'Class.method'."""
    tail = key.rsplit(".", 1)[-1].rsplit("__mutmut_", 1)[0]
    if tail.startswith("xǁ"):
        return tail[2:].replace("ǁ", ".")
    return tail[2:] if tail.startswith("x_") else tail


# -------------------------------------------------------------------------------------------- running
def run_mutmut(here: Path, patterns: list[str], budget: float, env: dict[str, str],
               log_name: str = "mutmut.log") -> tuple[float, bool]:
    """mutmut with one worker under nice; at the end of the budget it is interrupted (results so far
    are kept: mutmut saves each verdict as it comes)."""
    mutmut = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or "mutmut"
    cmd = ["nice", "-n", "10", mutmut, "run", "--max-children", "1", *patterns]
    start = time.monotonic()
    log = (here / log_name).open("w")
    proc = subprocess.Popen(cmd, cwd=here, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    stopped = False
    try:
        proc.wait(timeout=max(budget, 1.0))
    except subprocess.TimeoutExpired:
        stopped = True
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    finally:
        log.close()
    return time.monotonic() - start, stopped


def sample(keys: list[str], size: int) -> list[str]:
    """Evenly spaced over the file order, so every function is represented in proportion."""
    if size >= len(keys):
        return keys
    step = len(keys) / size
    return [keys[int(i * step)] for i in range(size)]


def read_verdicts(here: Path, files: list[str]) -> dict[str, tuple[str, int | None]]:
    """mutant key -> (file, exit code) from mutmut's per-file .meta records."""
    found: dict[str, tuple[str, int | None]] = {}
    for f in files:
        meta = here / "mutants" / (f + ".meta")
        if meta.is_file():
            for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
                found[key] = (f, code)
    return found


_DIFF_SCRIPT = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
out = {}
for key, path in json.load(sys.stdin):
    try:
        out[key] = get_diff_for_mutant(key, path=path)
    except Exception as exc:  # a diff we cannot show is reported, not fatal
        out[key] = f"(no diff: {exc})"
print(json.dumps(out))
"""


def diffs(here: Path, wanted: list[tuple[str, str]], env: dict[str, str]) -> dict[str, str]:
    if not wanted:
        return {}
    proc = subprocess.run([sys.executable, "-c", _DIFF_SCRIPT], cwd=here, env=env, input=json.dumps(wanted),
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def absolute_line(source: str, function: str, diff: str) -> int | None:
    """The line of the original file a diff changes: the function found with ast, then its first
    removed line within it."""
    removed = next((l[1:].strip() for l in diff.splitlines() if l.startswith("-") and not l.startswith("---")), None)
    tree = ast.parse(source)
    node: Any = None
    parts = function.split(".")
    scope: list[ast.stmt] = tree.body
    for part in parts:
        node = next((n for n in scope if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                     and n.name == part), None)
        if node is None:
            return None
        scope = node.body
    lines = source.splitlines()
    if removed is None:
        return node.lineno
    for number in range(node.lineno, (node.end_lineno or node.lineno) + 1):
        if lines[number - 1].strip() == removed:
            return number
    return node.lineno


def load_notes() -> list[dict[str, str]]:
    if not NOTES.is_file():
        return []
    return yaml.safe_load(NOTES.read_text()) or []


def note_for(notes: list[dict[str, str]], survivor: Survivor) -> dict[str, str] | None:
    """The written reason a survivor may stay: matched by file, function and the mutated line, so it
    outlives mutmut's renumbering."""
    added = [l[1:].strip() for l in survivor.diff.splitlines() if l.startswith("+") and not l.startswith("+++")]
    removed = [l[1:].strip() for l in survivor.diff.splitlines() if l.startswith("-") and not l.startswith("---")]
    for note in notes:
        if note.get("file") != survivor.file or note.get("function") != survivor.function:
            continue
        if "mutant" in note and note["mutant"].strip() not in added:
            continue
        if "original" in note and note["original"].strip() not in removed:
            continue
        return note
    return None


def measure(target: Target, source: Path, budget: float, env: dict[str, str], size: int | None = None) -> Result:
    here, files, tests = stage(target, source)
    result = Result(target.name)
    if not files or not tests:
        print(f"{target.name}: nothing to measure (files {files}, tests {tests})", flush=True)
        return result
    print(f"{target.name}: mutating {', '.join(files)} against {len(tests)} test path(s), "
          f"budget {budget:.0f} s" + (f", sample of {size}" if size else ""), flush=True)
    patterns = name_patterns(target, here, files)
    spent = 0.0
    if size:
        # A first pass that matches no mutant: mutmut generates every mutant and records which tests
        # reach which function, then stops; the second pass reuses that record for the sample.
        spent, _ = run_mutmut(here, ["no-such-mutant"], budget, env, "mutmut-generate.log")
        names = sorted(k for k, (f, _) in read_verdicts(here, files).items() if kept(target, f, k))
        patterns = sample(names, size)
        result.sampled_from = len(names)
    result.seconds, result.stopped_by_budget = run_mutmut(here, patterns, budget - spent, env)
    result.seconds += spent
    if size:
        chosen = set(patterns)
    verdicts = {k: v for k, v in read_verdicts(here, files).items() if kept(target, v[0], k)}
    if size:
        verdicts = {k: v for k, v in verdicts.items() if k in chosen}
    if not any(code not in NOT_CHECKED for _, code in verdicts.values()):
        tail = (here / "mutmut.log").read_text(errors="replace")[-2000:]
        print(f"{target.name}: mutmut produced no verdicts; end of its log:\n{tail}", flush=True)
    alive: list[tuple[str, str]] = []
    for key, (f, code) in verdicts.items():
        counts = result.by_file.setdefault(f, {"killed": 0, "survived": 0, "not_checked": 0})
        if code in KILLED:
            result.killed += 1
            counts["killed"] += 1
        elif code in SURVIVED or code in NO_TESTS:
            if code in SURVIVED:
                result.survived += 1
            else:
                result.no_tests += 1
            counts["survived"] += 1
            alive.append((key, f))
        elif code in NOT_CHECKED:
            result.not_checked += 1
            counts["not_checked"] += 1
        else:
            result.other += 1    # suspicious or crashed: checked, not killed
            counts["survived"] += 1
            alive.append((key, f))
    notes = load_notes()
    shown = diffs(here, alive, env)
    for key, f in sorted(alive):
        function = function_of(key)
        diff = shown.get(key, "")
        code = verdicts[key][1]
        s = Survivor(key, f, function, absolute_line((here / f).read_text(), function, diff), diff,
                     "survived" if code in SURVIVED else "no tests" if code in NO_TESTS else f"exit {code}")
        s.note = note_for(notes, s)
        result.survivors.append(s)
    print(f"{target.name}: score {result.score}% ({result.killed} killed, {result.survived + result.no_tests + result.other} "
          f"alive, {result.not_checked} not checked) in {result.seconds:.0f} s", flush=True)
    return result


# ------------------------------------------------------------------------------------------- writing
def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def summary(result: Result, commit: str) -> dict[str, Any]:
    return {"score": result.score, "killed": result.killed, "survived": result.survived,
            "no_tests": result.no_tests, "other": result.other, "not_checked": result.not_checked,
            "by_file": result.by_file, "seconds": round(result.seconds),
            "stopped_by_budget": result.stopped_by_budget, "sampled_from": result.sampled_from, "commit": commit,
            "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def _pct(entry: dict[str, Any] | None) -> str:
    if not entry or entry.get("score") is None:
        return "–"
    how = ""
    if entry.get("sampled_from"):
        checked = entry["killed"] + entry["survived"] + entry.get("no_tests", 0) + entry.get("other", 0)
        how = f" (sample of {checked} of {entry['sampled_from']})"
    elif entry.get("not_checked"):
        how = " (partial)"
    return f"{entry['score']}%{how}"


UNABLE_TO_FAIL = [
    # (where, what could not fail, what replaced it); commit 19a7577 and 11fd758
    ("tests/web/test_discovery_and_errors.py (the deep-nesting case)", '`assert "" in diagnostics`',
     "the exact diagnostics of every refused body"),
    ("tests/engine/test_properties.py", "`assert 400 <= exc.status < 500` where only 400 and 413 exist",
     "status 400, an issue code from the known set and a message that is a sentence"),
    ("tests/web/test_hook_calls.py", 'a test named "decides today for undated orders" that sent no undated order',
     "an order without occurrence or authoredOn, whose card names today's date in each of two time zones"),
    ("tests/cards/test_cards.py", "`pytest.raises(Exception)`", "`pytest.raises(jinja2.UndefinedError)`"),
    ("tests/web/test_security.py", "a refused call whose response was never checked",
     "the 401 and its words checked"),
    ("tests/cli/test_cli.py", "a broken-pipe case whose output fitted in the pipe's buffer, so the write never failed",
     "output far larger than a pipe buffers, and exactly 10 bytes read"),
]


def write_docs(data: dict[str, Any], results: dict[str, Result], command: str) -> None:
    afters = data.get("after", {})
    commands = list(dict.fromkeys(afters[t.name].get("command") for t in TARGETS
                                  if t.name in afters and afters[t.name].get("command")))
    lines = [
        "# Mutation testing",
        "",
        "How many bugs would the tests catch? [mutmut](https://pypi.org/project/mutmut/) changes one thing",
        "at a time in a module and runs the tests that cover that module against each change (a *mutant*);",
        "a mutant no test notices *survives*. Score = killed / mutants checked. Produced on demand, never",
        "in the test run, by:",
        "",
        "```sh",
        ".venv/bin/pip install '.[test,mutation]'",
        *(commands or [command]),
        "```",
        "",
        "Each module is measured on its own copy of the checkout under `mutants/<module>/` (gitignored): the",
        "package, `policy_data/`, `cards/` and the tests, with a `[tool.mutmut]` section naming the files",
        "mutated and the tests run (`benchmarks/mutation.py` lists both). mutmut runs one worker under",
        "`nice -n 10`, and each module has a time budget (`--budget`); a module stopped by it shows",
        "\"partial\" and counts the mutants it did not reach as not checked. A full pass of every module takes",
        "hours on a small machine, so `--sample N` measures N mutants evenly spaced over each module (every",
        "function in proportion); the table says \"sample of N of M\". `--recheck` runs a module's recorded",
        "survivors again after tests were added (the rest of the run stands: tests were only added, so a",
        "mutant killed then is killed still), `--resume` finishes a sample a budget cut short.",
        "`--record-before` stores a run as the \"before\" column;",
        "`--docs-only` matches the recorded survivors to `benchmarks/mutation_notes.yaml` again.",
        "",
        "| module | what it is | before | after | killed | alive | not checked | measured |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for target in TARGETS:
        before, after = data.get("before", {}).get(target.name), afters.get(target.name)
        if not before and not after:
            continue
        a = after or {}
        measured = f"{a.get('commit', '–')}, {a.get('date', '')}"
        for r in a.get("resumed", []):
            measured += f"; {r['mutants']} sampled mutants the budget left were measured after, in the same copy ({r['date']})"
        for r in a.get("rechecks", []):
            measured += f"; survivors run again on {r['commit']}, {r['date']}: {r['now_killed']} of {r['survivors_run']} killed"
        lines.append(f"| {target.name} | {target.description} | {_pct(before)} | {_pct(after)} | "
                     f"{a.get('killed', '–')} | {a.get('survived', 0) + a.get('no_tests', 0) + a.get('other', 0) if a else '–'} | "
                     f"{a.get('not_checked', '–')} | {measured} |")
    lines += ["", "Files and tests of each module (`TARGETS` in `benchmarks/mutation.py`):", ""]
    for target in TARGETS:
        lines.append(f"- {target.name}: {', '.join(f'`{f}`' for f in target.files)}; tests "
                     f"{', '.join(f'`{t}`' for t in target.tests)}")
    lines += ["", "Per file (after):", "", "| file | killed | alive | not checked | score | before |",
              "| --- | --- | --- | --- | --- | --- |"]
    for target in TARGETS:
        after = afters.get(target.name) or {}
        before = data.get("before", {}).get(target.name) or {}
        for f, c in sorted(after.get("by_file", {}).items()):
            checked = c["killed"] + c["survived"]
            score = f"{100.0 * c['killed'] / checked:.1f}%" if checked else "–"
            b = before.get("by_file", {}).get(f)
            bscore = f"{100.0 * b['killed'] / (b['killed'] + b['survived']):.1f}%" if b and b["killed"] + b["survived"] else "–"
            lines.append(f"| {f} ({target.name}) | {c['killed']} | {c['survived']} | {c['not_checked']} | {score} | {bscore} |")
    lines += ["", "The \"before\" column was measured on commit bc4f4f9, when the code was laid out differently:",
              "recognition was two functions of `engine/decide.py` (`recognise`, `_texts`), now",
              "`engine/recognition.py` (phrases, vetoes, kinds, negation, local settings); the parser was",
              "`hook_request.py` alone, before `json_body.py` took over reading the body; the audit writer was",
              "`store/writer.py` alone (94 mutants), before the spool (`store/spool.py`) and dead letters. The",
              "after column measures the modules as they are now, so a module's before and after count",
              "different mutants. The importer's before column is its first measurement (commit 7ee6347),",
              "before `tests/policy_import/test_short_documents.py`; its after column is the same sample with",
              "the survivors run again against the tests added since. Its sample, 60 of 7325 mutants, is the",
              "thinnest here: 91.7% of 60 puts the whole within about 7 points either way (95%, binomial)."]
    lines += ["", "Limits of these figures: a sample of 40 to 130 mutants puts a score within several points of the",
              "module's whole; `--resume` measures, in the same copy, sampled mutants a budget left unchecked.",
              "mutmut runs against each mutant only the tests it saw calling the mutated function, so a",
              "function that runs once for many tests (the policy set compiled once per test session, an",
              "order's recognition remembered by `Recognizer.matches_of`, the audit writer's thread loop) is",
              "tried against fewer tests than check it; survivors a named test kills when run by hand are",
              "marked so below. The engine, recognition and parser were first measured with larger samples on",
              "the code before the recognition memo and the fast JSON path landed (engine 95.6% of 160,",
              "recognition 84.7% of 150, parser 95.0% of 60); the table holds the measurements of the code as",
              "it is now."]
    lines += ["", "## Tests that could not fail", "",
              "Found while reading the survivors; each was made able to fail:", ""]
    lines += [f"- {where}: {what}; now {replaced}." for where, what, replaced in UNABLE_TO_FAIL]
    lines += ["", "## Surviving mutants", "",
              "Each survivor with the line it changes and its diff. A survivor is either *equivalent* (no input",
              "can tell it from the original) or *accepted* (a difference no test should pin, and why), from",
              "`benchmarks/mutation_notes.yaml`; one marked *unexplained* is a gap in the tests. *Killed by hand*",
              "marks a mutant a named test fails against when run by hand, but that mutmut did not pick for it.", ""]
    survivors = data.get("survivors", {})
    for target in TARGETS:
        listed = survivors.get(target.name)
        if listed is None:
            continue
        counts = {v: sum(1 for s in listed if s.get("verdict") == v) for v in ("equivalent", "accepted", "killed by hand")}
        unexplained = sum(1 for s in listed if not s.get("verdict"))
        lines += [f"### {target.name}", "",
                  f"{len(listed)} alive: {counts['equivalent']} equivalent, {counts['accepted']} accepted, "
                  f"{counts['killed by hand']} killed by hand, {unexplained} unexplained.", ""]
        for s in listed:
            verdict = f"**{s['verdict']}**: {s['why']}" if s.get("verdict") else "**unexplained**"
            lines += [f"- `{s['file']}:{s['line']}` in `{s['function']}` ({s['status']}) — {verdict}", "",
                      "  ```diff", *("  " + l for l in s["diff"].splitlines()[2:]), "  ```", ""]
    (DOCS / "mutation.md").write_text("\n".join(lines).rstrip() + "\n")


def recheck(target: Target, data: dict[str, Any], budget: float, env: dict[str, str], commit: str) -> None:
    """Run the recorded survivors of a module again, against the tests as they are now, and count those
    now killed. The rest of the recorded run stands: tests were only added since, so a mutant killed
    then is killed still."""
    entry = data["after"][target.name]
    listed = data.get("survivors", {}).get(target.name, [])
    keys = [s["key"] for s in listed if s.get("key")]
    if not keys:
        return
    here, files, _ = stage(target, ROOT)
    print(f"{target.name}: running {len(keys)} recorded survivor(s) again", flush=True)
    seconds, _ = run_mutmut(here, keys, budget, env, "mutmut-recheck.log")
    _reread(data)   # another module's run may have written meanwhile
    entry, listed = data["after"][target.name], data["survivors"][target.name]
    verdicts = read_verdicts(here, files)
    still: list[dict[str, Any]] = []
    killed = 0
    for s in listed:
        code = verdicts.get(s.get("key", ""), (None, None))[1]
        if code in KILLED:
            killed += 1
            bucket = "survived" if s["status"] == "survived" else "no_tests" if s["status"] == "no tests" else "other"
            entry[bucket] -= 1
            entry["killed"] += 1
            entry["by_file"][s["file"]]["survived"] -= 1
            entry["by_file"][s["file"]]["killed"] += 1
        else:
            still.append(s)
    checked = entry["killed"] + entry["survived"] + entry.get("no_tests", 0) + entry.get("other", 0)
    entry["score"] = round(100.0 * entry["killed"] / checked, 1) if checked else None
    entry.setdefault("rechecks", []).append({
        "commit": commit, "survivors_run": len(keys), "now_killed": killed, "seconds": round(seconds),
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")})
    data["survivors"][target.name] = still
    print(f"{target.name}: {killed} of {len(keys)} survivor(s) now killed; score {entry['score']}%", flush=True)


def _reread(data: dict[str, Any]) -> None:
    data.clear()
    data.update(json.loads((DOCS / "mutation.json").read_text()))


def resume(target: Target, data: dict[str, Any], budget: float, env: dict[str, str]) -> None:
    """Measure the mutants of a sampled run that its budget left unchecked, in the same copy (the same
    code and tests), and add them to the recorded run."""
    entry = data["after"][target.name]
    here = WORK / target.name
    files = [f for f in target.files if (here / f).is_file()]
    verdicts = read_verdicts(here, files)
    names = sorted(k for k, (f, _) in verdicts.items() if kept(target, f, k))
    size = entry["killed"] + entry["survived"] + entry.get("no_tests", 0) + entry.get("other", 0) + entry["not_checked"]
    chosen = sample(names, size) if entry.get("sampled_from") == len(names) else []
    done = sum(1 for k in chosen if verdicts[k][1] not in NOT_CHECKED)
    if chosen and done != size - entry["not_checked"]:
        print(f"{target.name}: mutants/{target.name} is not the copy of the recorded run (staged again since?)", flush=True)
        return
    todo = [k for k in chosen if verdicts[k][1] in NOT_CHECKED]
    if not todo:
        print(f"{target.name}: nothing left to resume", flush=True)
        return
    print(f"{target.name}: measuring the {len(todo)} sampled mutant(s) left unchecked", flush=True)
    seconds, stopped = run_mutmut(here, todo, budget, env, "mutmut-resume.log")
    _reread(data)   # another module's run may have written meanwhile
    entry = data["after"][target.name]
    verdicts = read_verdicts(here, files)
    alive: list[tuple[str, str]] = []
    for key in todo:
        f, code = verdicts[key]
        counts = entry["by_file"].setdefault(f, {"killed": 0, "survived": 0, "not_checked": 0})
        if code in NOT_CHECKED:
            continue
        entry["not_checked"] -= 1
        counts["not_checked"] -= 1
        if code in KILLED:
            entry["killed"] += 1
            counts["killed"] += 1
            continue
        bucket = "survived" if code in SURVIVED else "no_tests" if code in NO_TESTS else "other"
        entry[bucket] = entry.get(bucket, 0) + 1
        counts["survived"] += 1
        alive.append((key, f))
    shown = diffs(here, alive, env)
    for key, f in alive:
        function = function_of(key)
        code = verdicts[key][1]
        data["survivors"][target.name].append({
            "key": key, "file": f, "line": absolute_line((here / f).read_text(), function, shown.get(key, "")),
            "function": function, "diff": shown.get(key, ""),
            "status": "survived" if code in SURVIVED else "no tests" if code in NO_TESTS else f"exit {code}"})
    checked = entry["killed"] + entry["survived"] + entry.get("no_tests", 0) + entry.get("other", 0)
    entry["score"] = round(100.0 * entry["killed"] / checked, 1) if checked else None
    entry["seconds"] = entry.get("seconds", 0) + round(seconds)
    entry["stopped_by_budget"] = stopped
    entry.setdefault("resumed", []).append({"mutants": len(todo), "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")})
    print(f"{target.name}: score {entry['score']}% ({entry['not_checked']} still not checked)", flush=True)


def explain_recorded(data: dict[str, Any]) -> None:
    """The recorded survivors matched to the notes as they stand now."""
    notes = load_notes()
    for listed in data.get("survivors", {}).values():
        for s in listed:
            survivor = Survivor("", s["file"], s["function"], s["line"], s["diff"], s["status"])
            note = note_for(notes, survivor) or {}
            s["verdict"], s["why"] = note.get("verdict"), note.get("why")


def main(argv: list[str] | None = None) -> int:
    names = [t.name for t in TARGETS]
    parser = argparse.ArgumentParser(prog="python -m benchmarks.mutation", description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", default=",".join(names), help=f"comma-separated, from {names}")
    parser.add_argument("--budget", type=float, default=1200.0, help="seconds per module (default 1200)")
    parser.add_argument("--sample", type=int, default=None, help="measure N evenly spaced mutants per module")
    parser.add_argument("--record-before", action="store_true", help="store this run as the 'before' column")
    parser.add_argument("--label", default=None, help="the commit to name in the table (default: HEAD)")
    parser.add_argument("--recheck", action="store_true",
                        help="run only the recorded survivors of the chosen modules again, after new tests")
    parser.add_argument("--resume", action="store_true",
                        help="measure, in the same copy, the sampled mutants a module's budget left unchecked")
    parser.add_argument("--docs-only", action="store_true",
                        help="run nothing: match the recorded survivors to mutation_notes.yaml again and rewrite the docs")
    args = parser.parse_args(argv)
    data_path = DOCS / "mutation.json"
    if args.docs_only:
        data = json.loads(data_path.read_text())
        explain_recorded(data)
        data_path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        write_docs(data, {}, "python -m benchmarks.mutation")
        return 0
    chosen = [n.strip() for n in args.modules.split(",") if n.strip()]
    unknown = [n for n in chosen if n not in names]
    if unknown:
        parser.error(f"unknown module(s) {unknown}; choose from {names}")
    if shutil.which("mutmut", path=str(Path(sys.executable).parent)) is None and shutil.which("mutmut") is None:
        print("mutmut is not installed: pip install '.[mutation]'", file=sys.stderr)
        return 2
    env = dict(os.environ)
    # The tests read the shared reference files from ../shared beside the checkout; the copies live
    # deeper, so name the place.
    env.setdefault("CDS_SHARED_DIR", str(ROOT.parent / "shared"))
    env.pop("MUTANT_UNDER_TEST", None)
    commit = args.label or _git("rev-parse", "--short", "HEAD")
    if not args.label and _git("status", "--porcelain", "--untracked-files=no", "--", "cds_service", "tests"):
        commit += "+changes"
    command = " ".join(["python -m benchmarks.mutation", *(sys.argv[1:] if argv is None else argv)])
    if args.resume:
        for target in TARGETS:
            if target.name in chosen:
                data = json.loads(data_path.read_text())
                resume(target, data, args.budget, env)
                explain_recorded(data)
                data_path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
                write_docs(data, {}, "python -m benchmarks.mutation")
        return 0
    if args.recheck:
        for target in TARGETS:
            if target.name in chosen:
                data = json.loads(data_path.read_text())
                recheck(target, data, args.budget, env, commit)
                explain_recorded(data)
                data_path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
                write_docs(data, {}, "python -m benchmarks.mutation")
        return 0
    results: dict[str, Result] = {}
    for target in TARGETS:
        if target.name not in chosen:
            continue
        result = measure(target, ROOT, args.budget, env, args.sample)
        results[target.name] = result
        entry = dict(summary(result, commit), command=command)
        # read afresh: a run of another module may have finished meanwhile
        data = json.loads(data_path.read_text()) if data_path.is_file() else {}
        data.setdefault("after", {})[target.name] = entry
        if args.record_before:
            data.setdefault("before", {})[target.name] = entry
        data.setdefault("survivors", {})[target.name] = [
            {"key": s.key, "file": s.file, "line": s.line, "function": s.function, "status": s.status, "diff": s.diff,
             "verdict": (s.note or {}).get("verdict"), "why": (s.note or {}).get("why")}
            for s in result.survivors]
        data_path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        write_docs(data, results, "python -m benchmarks.mutation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
