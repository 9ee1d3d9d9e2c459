"""One import: read, segment, find. No network, no model, the same output for the same bytes."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from . import extract
from .knowledge import Knowledge
from .model import Citation, ImportResult
from .reading import SourceText, read_source
from .segments import segment


def import_text(source: SourceText, know: Knowledge) -> ImportResult:
    seg = segment(source.text)
    result = ImportResult(source.path, source.kind, source.sha256)
    extract.find_payer(seg, result, source.outline)
    extract.find_number(seg, result)
    extract.find_title(seg, result, source.outline)
    extract.find_dates(seg, result)
    extract.find_lines(seg, result)
    extract.find_services(seg, know, result)
    extract.effective_of_main_item(seg, result)
    extract.find_codes(seg, result, know)
    extract.find_products(seg, know, result)
    extract.find_statements(seg, result)
    extract.find_authority(seg, result)
    extract.find_prior_authorization(seg, result)
    if source.cell_breaks:
        result = _shown(result, source)
    return result


def _shown(obj: Any, source: SourceText) -> Any:
    """Every cited sentence as the page shows it (an HTML row's cells side by side, not set apart by the
    reader's "|"), so a reviewer can find it on the page; its offsets stay those of the text as read."""
    if isinstance(obj, Citation):
        if source.breaks_within(obj.start, obj.end):
            return dataclasses.replace(obj, text=source.as_shown(obj.start, obj.end))
        return obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return dataclasses.replace(obj, **{f.name: _shown(getattr(obj, f.name), source)
                                           for f in dataclasses.fields(obj) if f.init})
    if isinstance(obj, (list, tuple)):
        return type(obj)(_shown(x, source) for x in obj)
    if isinstance(obj, dict):
        return {k: _shown(v, source) for k, v in obj.items()}
    return obj


def import_document(path: str | Path, know: Knowledge) -> ImportResult:
    return import_text(read_source(path), know)
