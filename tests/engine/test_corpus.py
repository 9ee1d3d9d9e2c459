"""Real order names from public catalogs and compendia (tests/engine/corpus/*.tsv): no false alarm, no miss.

Each line carries its source. The figures are printed so that a run shows them (pytest -s or -rA).
"""
from __future__ import annotations

import csv
from pathlib import Path

from cds_service.engine import read_order, recognise
from tests.fixtures.builders import CPT, service_request

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = {"fire-mrs": ["mrs"], "fire-panel": ["intracellular-micronutrient-panel"], "silent": []}


def corpus_lines():
    for path in sorted(CORPUS.glob("*.tsv")):
        rows = (line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
        for n, (expect, name, codes, source) in enumerate(csv.reader(rows, delimiter="\t"), 1):
            yield path.name, expect, name, codes, source


def test_every_corpus_line_names_its_source_and_expectation():
    lines = list(corpus_lines())
    assert lines
    for file, expect, name, _, source in lines:
        assert expect in EXPECTED and name.strip() and source.strip(), (file, name)


def test_corpus_has_no_false_alarm_and_full_recall(compiled_policy_set, capsys):
    false_alarms, misses, silent, firing = [], [], 0, 0
    for file, expect, name, codes, source in corpus_lines():
        pairs = [(CPT, c.split("|", 1)[1]) for c in codes.split(",") if c.strip()]
        got = [m.service.id for m in recognise(read_order(service_request(name, codes=pairs), "o"), compiled_policy_set)]
        if expect == "silent":
            silent += 1
            if got:
                false_alarms.append((name, got, source))
        else:
            firing += 1
            if got != EXPECTED[expect]:
                misses.append((name, got, source))
    with capsys.disabled():
        print(f"\ncorpus: false alarms {len(false_alarms)} of {silent}; recall {firing - len(misses)} of {firing}")
    assert false_alarms == [] and misses == []
    assert silent >= 400 and firing >= 80, "the corpus only grows: every reported false alarm or miss becomes a line"
