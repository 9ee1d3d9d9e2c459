"""What an import finds: values, each with the sentence it came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .segments import Unit


@dataclass(frozen=True)
class Citation:
    """A sentence, list item, table row or label of the document, by its character offsets."""
    text: str
    start: int
    end: int
    page: int = 1

    @classmethod
    def of(cls, unit: Unit) -> "Citation":
        return cls(" ".join(unit.text.split()), unit.start, unit.end, unit.page)

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "page": self.page}


@dataclass(frozen=True)
class Finding:
    value: Any
    cite: Citation
    also: tuple[Citation, ...] = ()     # further sentences that state the same value
    note: str = ""


@dataclass(frozen=True)
class ServiceFinding:
    service: str                        # a services.yaml id, or new:<slug>
    name: str                           # the words the document uses for it
    determination: Finding | None       # None: named, nothing decided
    otherwise: Finding | None = None    # "investigational for all other indications"
    row: Citation | None = None         # the table row that names it, for services listed in a table
    criteria: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class CodeFinding:
    system: str
    code: str
    role: str
    cite: Citation
    also: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class LineFinding:
    line: str
    covered: bool
    cite: Citation
    also: tuple[Citation, ...] = ()     # further sentences that state the same line the same way


@dataclass
class ImportResult:
    document: str
    kind: str
    sha256: str
    payer: Finding | None = None
    title: Finding | None = None
    policy_number: Finding | None = None
    services: list[ServiceFinding] = field(default_factory=list)
    lines: list[LineFinding] = field(default_factory=list)
    dates: dict[str, Finding | None] = field(default_factory=dict)
    codes: list[CodeFinding] = field(default_factory=list)
    products: list[tuple[str, str, Citation]] = field(default_factory=list)
    statements: dict[str, Finding | None] = field(default_factory=dict)
    authority: Finding | None = None
    prior_authorization: Finding | None = None
    notes: list[str] = field(default_factory=list)   # what was looked for and not found, and why
