"""Reading policy_data/ from disk: YAML or JSON files, each validated against its schema.

A file that fails stops the service at start with the file and the field named, so a typo made by an
informatics editor never turns into a silent non-firing rule in production.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Mapping

import jsonschema
import yaml

from .engine import PolicyDataError, PolicySet, build_policy_set

_SCHEMA_DIR = "schema"


def read_document(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyDataError(f"{path}: cannot be read ({exc})") from exc
    try:
        if path.suffix == ".json":
            return json.loads(text)
        return _plain(yaml.safe_load(text))
    except (ValueError, yaml.YAMLError) as exc:
        raise PolicyDataError(f"{path}: is not valid {'JSON' if path.suffix == '.json' else 'YAML'} ({exc})") from exc


def _plain(value: Any) -> Any:
    """YAML turns 2026-02-06 into a date; the schemas and JSON files speak of dates as strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _find(directory: Path, stem: str) -> Path:
    for suffix in (".yaml", ".yml", ".json"):
        candidate = directory / f"{stem}{suffix}"
        if candidate.is_file():
            return candidate
    raise PolicyDataError(f"{directory}: no {stem}.yaml (or .yml/.json) found")


def _validated(path: Path, schema: Mapping[str, Any]) -> Any:
    doc = read_document(path)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        field = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise PolicyDataError(f"{path}: field {field}: {first.message}{more}")
    return doc


def _schema(policy_dir: Path, name: str) -> Mapping[str, Any]:
    path = policy_dir / _SCHEMA_DIR / f"{name}.schema.json"
    if not path.is_file():  # an organisation's own policy dir may omit the schemas: use the bundled ones
        from .resources import bundled_dir
        path = bundled_dir("policy_data") / _SCHEMA_DIR / f"{name}.schema.json"
    return read_document(path)


def load_policy_set(policy_dir: Path, **settings: Any) -> PolicySet:
    """Load, validate and compile every policy file under `policy_dir`."""
    policy_dir = Path(policy_dir)
    if not policy_dir.is_dir():
        raise PolicyDataError(f"{policy_dir}: policy directory does not exist")
    services = _validated(_find(policy_dir, "services"), _schema(policy_dir, "services"))
    payers = _validated(_find(policy_dir, "payers"), _schema(policy_dir, "payers"))
    serum = _validated(_find(policy_dir, "serum_alternatives"), _schema(policy_dir, "serum_alternatives"))
    policy_schema = _schema(policy_dir, "policy")
    files = sorted(p for p in (policy_dir / "policies").glob("*") if p.suffix in (".yaml", ".yml", ".json"))
    docs = [(str(p.relative_to(policy_dir)), _validated(p, policy_schema)) for p in files]
    try:
        return build_policy_set(services, payers, docs, serum, **settings)
    except PolicyDataError as exc:
        raise PolicyDataError(f"{policy_dir}: {exc}") from exc
