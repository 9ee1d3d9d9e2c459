"""Reading policy_data/ from disk: YAML or JSON files, each validated against its schema.

Every mistake is reported at once, each with its file, line and field, so an informatics editor fixes
a file in one pass; a file that fails stops the service at start, so a typo never turns into a silent
non-firing rule in production.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import jsonschema
import yaml

from .engine import PolicyDataError, PolicySet, Problem, build_policy_set
from .engine.policies import PAYERS_FILE, SERVICES_FILE

_SCHEMA_DIR = "schema"
POLICY_SUFFIXES = (".yaml", ".yml", ".json")
# Written beside a policy by `policies import`: its provenance and proposed services, never policies.
_BESIDE_POLICIES = (".provenance.yaml", ".proposal.yaml")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps dates as the strings the schemas check.

    PyYAML would build `2026-02-30` into a date and fail the whole file with no field named; kept as
    text it reaches the schema, whose `date` format names the field and line.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# The schemas' own formats: a review month (2025-02) or a full date, each checked as a real date.
FORMAT_CHECKER = jsonschema.FormatChecker()


@FORMAT_CHECKER.checks("date-or-month", raises=ValueError)
def _date_or_month(value: object) -> bool:
    if not isinstance(value, str):
        return True   # the type keyword speaks about non-strings
    if re.fullmatch(r"\d{4}-\d{2}", value):
        dt.date.fromisoformat(value + "-01")
        return True
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None and bool(dt.date.fromisoformat(value))


@dataclass
class ParsedFile:
    """One policy data file: its document and the line where each field stands."""

    path: Path
    doc: Any
    lines: Mapping[tuple[str, ...], int] = field(default_factory=dict)

    def line_of(self, path: tuple[Any, ...]) -> int | None:
        """The line of a field, else of the nearest enclosing field that exists (a missing one)."""
        key = tuple(str(p) for p in path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), None)

    def problem(self, path: tuple[Any, ...], message: str) -> Problem:
        return Problem(str(self.path), tuple(path), message, self.line_of(path))


def _node_lines(node: yaml.Node) -> dict[tuple[str, ...], int]:
    """Line (1-based) of every field: a mapping entry's key line, a list item's first line."""
    lines: dict[tuple[str, ...], int] = {}

    def walk(n: yaml.Node, path: tuple[str, ...]) -> None:
        lines.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                child = path + (str(key.value),)
                lines[child] = key.start_mark.line + 1
                walk(value, child)
        elif isinstance(n, yaml.SequenceNode):
            for index, item in enumerate(n.value):
                walk(item, path + (str(index),))
    walk(node, ())
    return lines


def _compose(text: str) -> tuple[Any, dict[tuple[str, ...], int]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        return loader.construct_document(node), _node_lines(node)
    finally:
        loader.dispose()


def parse_file(path: Path) -> ParsedFile:
    """Read a YAML or JSON file with the line of each field; unreadable or malformed files raise
    PolicyDataError naming the line where parsing stopped."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyDataError([Problem(str(path), (), f"cannot be read ({exc})")]) from exc
    if path.suffix == ".json":
        try:
            doc = json.loads(text)
        except ValueError as exc:
            raise PolicyDataError([Problem(str(path), (), f"is not valid JSON ({exc.args[0]})",
                                           getattr(exc, "lineno", None))]) from exc
        try:   # JSON is (nearly always) YAML too: its marks give the lines
            lines = _compose(text)[1]
        except yaml.YAMLError:
            lines = {}
        return ParsedFile(path, doc, lines)
    try:
        doc, lines = _compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PolicyDataError([Problem(str(path), (), f"is not valid YAML ({getattr(exc, 'problem', None) or exc})",
                                       mark.line + 1 if mark else None)]) from exc
    return ParsedFile(path, doc, lines)


def read_document(path: Path) -> Any:
    return parse_file(path).doc


def schema_problems(parsed: ParsedFile, schema: Mapping[str, Any]) -> list[Problem]:
    """Every schema error of a file, in document order, each with its field and line."""
    validator = jsonschema.Draft202012Validator(schema, format_checker=FORMAT_CHECKER)
    problems = []
    for error in validator.iter_errors(parsed.doc):
        path = tuple(error.absolute_path)
        if error.validator == "required" and isinstance(error.instance, dict):
            # Name the missing field itself, placed at its parent's line.
            missing = next((r for r in error.validator_value if r not in error.instance
                            and repr(r) in error.message), None)
            if missing is not None:
                problems.append(Problem(str(parsed.path), path + (missing,), "is required but missing",
                                        parsed.line_of(path)))
                continue
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = set(error.schema.get("properties", {}))
            for extra in (k for k in error.instance if k not in known):
                problems.append(parsed.problem(path + (extra,), "is not a field this file may have"))
            continue
        problems.append(parsed.problem(path, error.message))
    return sorted(problems, key=lambda p: (p.line or 0, p.field_name))


def _find(directory: Path, stem: str) -> Path:
    for suffix in POLICY_SUFFIXES:
        candidate = directory / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    raise PolicyDataError([Problem(str(directory), (), f"no {stem}.yaml (or .yml/.json) found")])


def _schema(policy_dir: Path, name: str) -> Mapping[str, Any]:
    path = policy_dir / _SCHEMA_DIR / f"{name}.schema.json"
    if not path.is_file():  # an organisation's own policy dir may omit the schemas: use the bundled ones
        from .resources import bundled_dir
        path = bundled_dir("policy_data") / _SCHEMA_DIR / f"{name}.schema.json"
    return parse_file(path).doc


@dataclass
class PolicyData:
    """The files of one policy directory, parsed, with the problems found so far."""

    directory: Path
    services: ParsedFile | None
    payers: ParsedFile | None
    serum: ParsedFile | None
    policies: list[ParsedFile]
    problems: list[Problem]

    def policy_documents(self) -> list[tuple[str, Any]]:
        return [(str(p.path.relative_to(self.directory)), p.doc) for p in self.policies]


def policy_file_paths(policy_dir: Path) -> list[Path]:
    return sorted(p for p in (Path(policy_dir) / "policies").glob("*")
                  if p.suffix in POLICY_SUFFIXES and not p.name.endswith(_BESIDE_POLICIES))


def read_policy_data(policy_dir: Path) -> PolicyData:
    """Parse and schema-check every file, collecting all problems; policies that fail their schema are
    left out of `policies` so the cross-file checks can still run on the others."""
    policy_dir = Path(policy_dir)
    if not policy_dir.is_dir():
        raise PolicyDataError(f"{policy_dir}: policy directory does not exist")
    problems: list[Problem] = []

    def checked(path: Path, schema_name: str) -> ParsedFile | None:
        try:
            parsed = parse_file(path)
        except PolicyDataError as exc:
            problems.extend(exc.problems)
            return None
        if schema_name == "policy" and isinstance(parsed.doc, dict) and parsed.doc.get("status") == "draft":
            # an imported policy waits for a reviewer to check it against its provenance
            problems.append(parsed.problem(("status",), f"is a draft; check it against {path.stem}.provenance.yaml, "
                                                        "then set status: reviewed"))
            return None
        found = schema_problems(parsed, _schema(policy_dir, schema_name))
        problems.extend(found)
        return None if found else parsed

    def named(stem: str) -> ParsedFile | None:
        try:
            return checked(_find(policy_dir, stem), stem)
        except PolicyDataError as exc:
            problems.extend(exc.problems)
            return None

    services, payers, serum = named("services"), named("payers"), named("serum_alternatives")
    policies = [p for p in (checked(path, "policy") for path in policy_file_paths(policy_dir)) if p is not None]
    return PolicyData(policy_dir, services, payers, serum, policies, problems)


def load_policy_set(policy_dir: Path, **settings: Any) -> PolicySet:
    """Load, validate and compile every policy file under `policy_dir`; raise with every problem."""
    data = read_policy_data(policy_dir)
    problems = list(data.problems)
    if data.services is not None and data.payers is not None and data.serum is not None:
        try:
            policy_set = build_policy_set(data.services.doc, data.payers.doc, data.policy_documents(),
                                          data.serum.doc, **settings)
        except PolicyDataError as exc:
            if not exc.problems:     # a setting: one line, naming it
                raise
            by_name = {SERVICES_FILE: data.services, PAYERS_FILE: data.payers,
                       **{str(p.path.relative_to(data.directory)): p for p in data.policies}}
            for problem in exc.problems:
                parsed = by_name.get(problem.file)
                problems.append(parsed.problem(problem.field, problem.message) if parsed else problem)
        else:
            if not problems:
                return policy_set
    raise PolicyDataError(sorted(problems, key=lambda p: (p.file, p.line or 0)))
