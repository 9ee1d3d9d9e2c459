"""The importer's time on pages shaped to make it slow: `python -m benchmarks.import_cost [--write FILE]`.

A payer's document is text nobody here wrote, and one rule whose work grows with the square of the page (a
pattern that lets every capitalised word try every later word, a count back over all the headings so far)
turns a long table of contents into minutes. Each shape is imported at two sizes, N and 4N lines or words,
best of three, and compared as a ratio in the same run, since these machines are noisy: work that grows with
the page gives about 4, work that grows with its square about 16. Real pages are the control: a keyed
document repeated 4 and 16 times.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Callable

from cds_service.policy_import import load_knowledge
from cds_service.policy_import.importer import import_text
from cds_service.policy_import.reading import SourceText, read_source

ROOT = Path(__file__).resolve().parent.parent

# Each shape repeats one piece of a real page far more often than a page would; the comment says which rule
# it presses on.
SHAPES: dict[str, Callable[[int], str]] = {
    # a plan's name defined with its short form ("Acme Health Plan (AHP)") looked for across the whole text
    "a heading on every line (a long table of contents)": lambda n: "Acme Health Plan\n" * n,
    "capitalised words with no break": lambda n: "Acme " * n + "\n",
    "a program's name over and over": lambda n: "Acme Medicaid " * n + "Program\n",
    # the words before a verb tried as the plan's name
    "one very long subject before a verb": lambda n: "X " * n + "is covered only for Y\n",
    "one sentence that never stops": lambda n: "testing of the panel " * n + "\n",
    "a run of codes": lambda n: "82607, " * n + "\n",
    "a code table": lambda n: "76390 | MRS | Investigational\n" * n,
    "cells with no row": lambda n: "Acme | " * n + "\n",
    "a month over and over": lambda n: "March 2026 " * n + "\n",
    "nested parentheses": lambda n: "(" * n + "Medicaid program" + ")" * n + "\n",
    "spaces": lambda n: "A" + " " * (n * 5) + "B\n",
    # the payer gate's look for a copyright mark and a lead ("members of") before each mention of the plan's name
    "the plan's name over and over in one sentence":
        lambda n: "Acme Health Plan\nMagnetic Resonance Spectroscopy\n\n" + "Acme Health Plan members and " * n + "are covered.\n",
    # a list's lead looked for ("... are ... the following list") in a sentence of verbs with no list after them
    "a verb over and over, no list after it": lambda n: "are referred to as " * n + "CHP.\n",
    # prior authorization named over and over in a sentence that never says whether it is required
    "prior authorization over and over, no requirement after it":
        lambda n: "MRS may be approved with prior authorization for " * n + "all.\n",
    # boxes ticked and left empty, each its own line of business
    "check boxes": lambda n: "Applicable Plans\n" + "[X] Commercial: Acme PPO\n[ ] Medicare Supplement: N/A\n" * n,
    # a legend's entries, each walked back to the heading over them
    "a legend of programs": lambda n: "Programs\n" + "STAR = Texas Medicaid managed care\n" * n,
    # a PDF code table whose cells ran together, each line under the code column's header a row
    "a PDF code table with its cells run together":
        lambda n: "Service (CPT) Plan A Plan B Notes\n" + "MR spectroscopy (76390) Not covered Not covered NCD\n" * n,
}
REAL = ["tests/policy_import/heldout2026h/kettlewick-blue-medical-policy-updates-2026-03.txt",
        "tests/policy_import/heldout2026i/alderpeak-laboratory-services-billing-manual.html"]


def _seconds(text: str, know) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        import_text(SourceText("page.txt", "text", text, "0" * 64), know)
        best = min(best, time.perf_counter() - start)
    return best


def measure(n: int) -> list[tuple[str, float, float]]:
    know = load_knowledge(ROOT / "policy_data")
    rows = [(name, _seconds(shape(n), know), _seconds(shape(4 * n), know)) for name, shape in SHAPES.items()]
    for ref in REAL:
        text = read_source(ROOT / ref).text
        rows.append((f"real page x4 / x16: {Path(ref).name}", _seconds(text * 4, know), _seconds(text * 16, know)))
    return rows


def report(n: int, rows: list[tuple[str, float, float]]) -> str:
    lines = [f"| shape | N = {n} | 4N | ratio |", "| --- | --- | --- | --- |"]
    lines += [f"| {name} | {a * 1000:.0f} ms | {b * 1000:.0f} ms | {b / a:.1f} |" for name, a, b in rows]
    worst = max(b / a for _, a, b in rows)
    lines.append("")
    lines.append(f"Largest ratio {worst:.1f} (about 4 is linear, about 16 quadratic).")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3200, help="the smaller size (lines or words)")
    parser.add_argument("--write", type=Path, help="also write the table (markdown) to this file")
    args = parser.parse_args(argv)
    text = report(args.n, measure(args.n))
    print(text)
    if args.write:
        args.write.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
