"""One import: read, segment, find. No network, no model, the same output for the same bytes."""
from __future__ import annotations

from pathlib import Path

from . import extract
from .knowledge import Knowledge
from .model import ImportResult
from .reading import SourceText, read_source
from .segments import segment


def import_text(source: SourceText, know: Knowledge) -> ImportResult:
    seg = segment(source.text)
    result = ImportResult(source.path, source.kind, source.sha256)
    extract.find_payer(seg, result)
    extract.find_number(seg, result)
    extract.find_title(seg, result)
    extract.find_dates(seg, result)
    extract.find_lines(seg, result)
    extract.find_services(seg, know, result)
    extract.find_codes(seg, result, know)
    extract.find_products(seg, know, result)
    extract.find_statements(seg, result)
    extract.find_authority(seg, result)
    extract.find_prior_authorization(seg, result)
    return result


def import_document(path: str | Path, know: Knowledge) -> ImportResult:
    return import_text(read_source(path), know)
