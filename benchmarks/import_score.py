"""Scores `policies import` against hand-written answer keys.

    python -m benchmarks.import_score                 # every keyed document, round by round
    python -m benchmarks.import_score DIR [DIR ...]    # every <name>.expected.yaml in these folders
    options: --strict (only the primary quote of a field counts), --json, --write docs/import-scores.md

The rule is the one in shared/reference/policy-examples/README.md: a field counts only when its value
matches the key AND the import cites, for that field, a sentence that contains the key's quote or is
contained in it (whitespace collapsed, a table row's cells side by side). Single values: payer, title,
policy number, each date, each service's determination, each line of business (covered or excluded). Codes: code and role. A value
produced where the key says null is a false positive. A key's `must_not` items in their checkable form
are checked too, and a document that breaks one is reported as failed. A field may cite more than one sentence (a code
row and the coding note that gives its role); --strict counts only the first.

A key's `document:` is a file beside it, or `shared:<path>` inside the shared folder (../shared beside
the checkout, or CDS_SHARED_DIR). A text document whose line 1 starts with "#" is a provenance header
and is left out, as the README says.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    if os.environ.get("CDS_SHARED_DIR"):
        return Path(os.environ["CDS_SHARED_DIR"])
    # beside the checkout; a git worktree kept one level further down finds it one level up
    return next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
                ROOT.parent / "shared")


SHARED = _shared()

# The documents with answer keys, in the order they were measured. Each later round was written, with its
# keys, before the importer ever ran on it, measured once (figures in docs/policy-import.md), and only then
# used to improve the rules; so every round here is now "developed on" except any round not yet tuned on.
ROUNDS = {
    "developed on": [
        "shared:reference/policy-examples/tallgrass-bcbs-leukocyte-micronutrient.expected.yaml",
        "shared:reference/policy-examples/quillmoor-proton-mr-spectroscopy.expected.yaml",
        "shared:reference/policy-examples/lanternfield-medicaid-investigational-lab-tests.expected.yaml",
        "tests/policy_import/seed_keys/bcbsma-073.expected.yaml",
        "tests/policy_import/seed_keys/premera-intracellular-micronutrient.expected.yaml",
    ],
    "held out, round 1 (tuned on after its first run)": [
        "shared:reference/policy-examples/brindlewood-ma-mrs-ncd.expected.yaml",
        "tests/policy_import/seed_keys/ma-mrs.expected.yaml",
        "tests/policy_import/heldout/fenwick-valley-cellular-nutrient-assays.expected.yaml",
        "tests/policy_import/heldout/orrin-bay-mr-spectroscopy.expected.yaml",
        "tests/policy_import/heldout/kestrel-point-micronutrient-reimbursement.expected.yaml",
    ],
    "held out, round 2 (tuned on after its first run)": [
        "tests/policy_import/fresh/hollowmere-ma-mrs.expected.yaml",
        "tests/policy_import/fresh/marrowgate-advanced-mr-techniques.expected.yaml",
        "tests/policy_import/fresh/thistledown-micronutrient-reimbursement.expected.yaml",
    ],
    "held out, round 3 (tuned on after its first run)": [
        "tests/policy_import/final/ferncliff-mr-spectroscopy.expected.yaml",
        "tests/policy_import/final/pell-river-nutrient-testing.expected.yaml",
        "tests/policy_import/final/rowanbrook-investigational-lab-services.expected.yaml",
    ],
    "held out, round 4 (tuned on after its first run)": [
        "tests/policy_import/round4/harrier-mrs-bulletin.expected.yaml",
        "tests/policy_import/round4/larkspur-intracellular-micronutrient.expected.yaml",
        "tests/policy_import/round4/quarry-hill-medicaid-lab.expected.yaml",
    ],
    "held out, round 5 (tuned on after its first run)": [
        "tests/policy_import/round5/tamarack-coverage-guideline.expected.yaml",
        "tests/policy_import/round5/sable-creek-investigational-services.expected.yaml",
        "tests/policy_import/round5/wrenfield-ma-mrs.expected.yaml",
    ],
    "held out, round 6 (tuned on after its first run)": [
        "tests/policy_import/round6/osprey-lab-reimbursement.expected.yaml",
        "tests/policy_import/round6/kittiwake-mrs.expected.yaml",
        "tests/policy_import/round6/heron-micronutrient.expected.yaml",
    ],
    "development batch by a second author (tuned on after its first run)": [
        "tests/policy_import/dev2026/kestrelvalley-ma-coverage-summary-brain-mr.expected.yaml",
        "tests/policy_import/dev2026/orchardridge-commercial-intracellular-micronutrient.expected.yaml",
        "tests/policy_import/dev2026/saltmeadow-mcg-nutrient-panel-testing.expected.yaml",
        "tests/policy_import/dev2026/wrenfield-rad-mr-spectroscopy.expected.yaml",
    ],
    "held-out batch by a second author (tuned on after its first run)": [
        "tests/policy_import/heldout2026/bramblecrest-medicaid-experimental-lab-tests.expected.yaml",
        "tests/policy_import/heldout2026/cinderford-mrs-reimbursement-policy.expected.yaml",
        "tests/policy_import/heldout2026/cottonwoodblue-nutritional-panel-testing.expected.yaml",
        "tests/policy_import/heldout2026/heronpoint-ma-mrs-policy-bulletin.expected.yaml",
        "tests/policy_import/heldout2026/juniperprairie-investigative-list.expected.yaml",
        "tests/policy_import/heldout2026/larkspur-oxbow-mrs-clinical-policy.expected.yaml",
        "tests/policy_import/heldout2026/tamarack-micronutrient-testing.expected.yaml",
        "tests/policy_import/heldout2026/thornbury-cpb-micronutrient-testing.expected.yaml",
    ],
    "held out 2026b (tuned on after its first run)": [
        "tests/policy_import/heldout2026b/brackenfold-nutrient-micronutrient-panels.expected.yaml",
        "tests/policy_import/heldout2026b/fernhollow-investigational-services-list.expected.yaml",
        "tests/policy_import/heldout2026b/marrowfield-mrs-medical-policy.expected.yaml",
        "tests/policy_import/heldout2026b/osprey-lane-coverage-policy-nonstandard-lab-panels.expected.yaml",
        "tests/policy_import/heldout2026b/ridgeline-mrs-medical-policy.expected.yaml",
        "tests/policy_import/heldout2026b/vesperline-experimental-investigational-services.expected.yaml",
    ],
    "held out 2026c (developed on after its first run)": [
        "tests/policy_import/heldout2026c/coquina-coast-mcg-intracellular-micronutrient-analysis.expected.yaml",
        "tests/policy_import/heldout2026c/dunmore-medicaid-laboratory-services.expected.yaml",
        "tests/policy_import/heldout2026c/harrowgate-ma-mrs-coverage-policy.expected.yaml",
        "tests/policy_import/heldout2026c/larchmere-noncovered-investigational-services.expected.yaml",
        "tests/policy_import/heldout2026c/osterbay-billing-chart-policy-changes.expected.yaml",
        "tests/policy_import/heldout2026c/penhallow-micronutrient-laboratory-testing.expected.yaml",
        "tests/policy_import/heldout2026c/tamarack-medicaid-mrs-policy.expected.yaml",
        "tests/policy_import/heldout2026c/wrenfield-payment-guideline-micronutrient-panels.expected.yaml",
    ],
    "held out 2026d (developed on after its first run)": [
        "tests/policy_import/heldout2026d/camas-prairie-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026d/cardinal-ridge-intracellular-micronutrient-analysis.expected.yaml",
        "tests/policy_import/heldout2026d/harlow-bay-ma-mrs-policy.expected.yaml",
        "tests/policy_import/heldout2026d/kestrelcare-laboratory-services-section-55.expected.yaml",
        "tests/policy_import/heldout2026d/lassen-peak-investigational-procedures-list.expected.yaml",
        "tests/policy_import/heldout2026d/northmarch-investigational-services-list.expected.yaml",
    ],
    "held out 2026e (developed on after its first run)": [
        "tests/policy_import/heldout2026e/cedar-sound-policy-updates-march-2026.expected.yaml",
        "tests/policy_import/heldout2026e/cypress-delta-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026e/larkspur-unlisted-lab-codes-panels.expected.yaml",
        "tests/policy_import/heldout2026e/sable-hollow-mrs.expected.yaml",
        "tests/policy_import/heldout2026e/saltmarsh-medicaid-experimental-investigational-services.expected.yaml",
        "tests/policy_import/heldout2026e/thornapple-micronutrient-testing.expected.yaml",
    ],
    "held out 2026f (developed on after its first run)": [
        "tests/policy_import/heldout2026f/ashcombe-vitamin-d-screening-testing.expected.yaml",
        "tests/policy_import/heldout2026f/fennimore-health-mrs-criteria.expected.yaml",
        "tests/policy_import/heldout2026f/larkspire-health-nutrient-testing-payment-policy.expected.yaml",
        "tests/policy_import/heldout2026f/ostwick-medical-policy-updates-2026-02.expected.yaml",
        "tests/policy_import/heldout2026f/saltmere-mr-spectroscopy-cg.expected.yaml",
        "tests/policy_import/heldout2026f/wexcombe-blue-medical-policy-bulletin.expected.yaml",
    ],
    "held out 2026g (developed on after its first run)": [
        "tests/policy_import/heldout2026g/amberkey-micronutrient-vitamin-testing.expected.yaml",
        "tests/policy_import/heldout2026g/calderwood-shield-medical-policy-updates.expected.yaml",
        "tests/policy_import/heldout2026g/glenmorrow-medicare-payment-policy.expected.yaml",
        "tests/policy_import/heldout2026g/mirabay-mr-spectroscopy-medical-policy.expected.yaml",
        "tests/policy_import/heldout2026g/prairiemoor-ma-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026g/sorrelbay-intracellular-micronutrient-cam.expected.yaml",
    ],
    "held out 2026h (developed on after its first run)": [
        "tests/policy_import/heldout2026h/carrowmere-medicaid-vitamin-micronutrient-testing.expected.yaml",
        "tests/policy_import/heldout2026h/chesapine-blueledger-april-2026.expected.yaml",
        "tests/policy_import/heldout2026h/kettlewick-blue-medical-policy-updates-2026-03.expected.yaml",
        "tests/policy_import/heldout2026h/millbrake-nutrient-panel-testing.expected.yaml",
        "tests/policy_import/heldout2026h/sedgecombe-harbor-mrs-clinical-policy.expected.yaml",
        "tests/policy_import/heldout2026h/wyndcross-magnetic-resonance-spectroscopy.expected.yaml",
    ],
    "held out 2026i (developed on after its first run)": [
        "tests/policy_import/heldout2026i/alderpeak-laboratory-services-billing-manual.expected.yaml",
        "tests/policy_import/heldout2026i/elmsbridge-lens-provider-update-2026-04.expected.yaml",
        "tests/policy_import/heldout2026i/kinderhollow-medicaid-update-vitamin-micronutrient-testing.expected.yaml",
        "tests/policy_import/heldout2026i/stonebury-mr-spectroscopy-medical-policy.expected.yaml",
        "tests/policy_import/heldout2026i/vermillard-medicaid-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026i/wendhaven-micronutrient-nutrient-panel-testing.expected.yaml",
    ],
    "held out 2026j (developed on after its first run)": [
        "tests/policy_import/heldout2026j/kandiyohi-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026j/palisade-policy-manual-diagnostic-radiology.expected.yaml",
        "tests/policy_import/heldout2026j/tarnbrook-medicaid-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026j/tellico-intracellular-micronutrient-analysis.expected.yaml",
        "tests/policy_import/heldout2026j/ventaro-medi-aid-update-mrs-micronutrient-bulletin.expected.yaml",
        "tests/policy_import/heldout2026j/wyckmoor-wyckhealth-lab-transmittal-micronutrient-testing.expected.yaml",
    ],
    "held out 2026k (developed on after its first run)": [
        "tests/policy_import/heldout2026k/birchwick-provider-manual-mr-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026k/gantry-appropriate-use-mr-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026k/greyledge-provider-newsletter-2026-04.expected.yaml",
        "tests/policy_import/heldout2026k/merriwell-nutritional-micronutrient-testing.expected.yaml",
        "tests/policy_import/heldout2026k/mossgrove-providerlink-newsletter-june-2026.expected.yaml",
        "tests/policy_import/heldout2026k/tolliver-billing-coding-vitamin-micronutrient-assays.expected.yaml",
    ],
    "held out 2026l (developed on after its first run)": [
        "tests/policy_import/heldout2026l/bittercreek-laboratory-imaging-services.expected.yaml",
        "tests/policy_import/heldout2026l/calverly-health-plan-guideline-notes-micronutrient-testing.expected.yaml",
        "tests/policy_import/heldout2026l/lindenmoor-experimental-investigational-lab-imaging.expected.yaml",
        "tests/policy_import/heldout2026l/quinnbrook-medicaid-il-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026l/sweetgum-provider-manual-mr-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026l/wickerlane-healthpath-handbook-noncovered-lab-radiology.expected.yaml",
    ],
    "held out 2026m (developed on after its first run)": [
        "tests/policy_import/heldout2026m/coralmar-salud-intracellular-micronutrient-testing.expected.yaml",
        "tests/policy_import/heldout2026m/gorsebrook-health-mrs-medical-policy.expected.yaml",
        "tests/policy_import/heldout2026m/hazelmont-medicaid-bulletin-micronutrient-mrs.expected.yaml",
        "tests/policy_import/heldout2026m/redwillow-health-plan-mr-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026m/tulecreek-community-health-micronutrient-mrs.expected.yaml",
        "tests/policy_import/heldout2026m/wolfberry-health-provider-update-2025-11.expected.yaml",
    ],
    "held out 2026n (developed on after its first run)": [
        "tests/policy_import/heldout2026n/drumlin-bcbs-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026n/drumlin-health-plan-intracellular-micronutrient-testing.expected.yaml",
        "tests/policy_import/heldout2026n/drumlin-valley-provider-manual-chapter-g.expected.yaml",
        "tests/policy_import/heldout2026n/sagebluff-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026n/tidewell-cfs-diagnostic-testing.expected.yaml",
        "tests/policy_import/heldout2026n/wintergrove-intracellular-micronutrient-testing.expected.yaml",
    ],
    "held out 2026o (developed on after its first run)": [
        "tests/policy_import/heldout2026o/ashgrove-intracellular-micronutrient-testing.expected.yaml",
        "tests/policy_import/heldout2026o/brackwater-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026o/cobblemead-intracellular-micronutrient-elemental-analysis.expected.yaml",
        "tests/policy_import/heldout2026o/sunmesa-advantage-pa-guidelines.expected.yaml",
        "tests/policy_import/heldout2026o/tillhaven-lab-micronutrient-testing.expected.yaml",
        "tests/policy_import/heldout2026o/wintonvale-provider-news-updates.expected.yaml",
    ],
    "held out 2026p (developed on after its first run)": [
        "tests/policy_import/heldout2026p/beckmoor-health-plan-mrs.expected.yaml",
        "tests/policy_import/heldout2026p/fallowmere-mutual-intracellular-micronutrient.expected.yaml",
        "tests/policy_import/heldout2026p/kilnbrook-provider-manual-section6.expected.yaml",
        "tests/policy_import/heldout2026p/nettlecombe-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026p/rushwater-micronutrient-nutrient-panel-testing.expected.yaml",
        "tests/policy_import/heldout2026p/yarrowby-mac-article-micronutrient-mrs.expected.yaml",
    ],
    "held out 2026q (developed on after its first run)": [
        "tests/policy_import/heldout2026q/dellwood-advantage-mrs-medical-management.expected.yaml",
        "tests/policy_import/heldout2026q/ivorybrook-intracellular-micronutrient-guideline.expected.yaml",
        "tests/policy_import/heldout2026q/juneberry-clinical-review-criteria-2026-03.expected.yaml",
        "tests/policy_import/heldout2026q/oxbend-provider-news-february-2026.expected.yaml",
        "tests/policy_import/heldout2026q/pennyrock-provider-update-micronutrient-panels.expected.yaml",
        "tests/policy_import/heldout2026q/shoalwater-provider-manual-mrs-micronutrient.expected.yaml",
    ],
    "held out 2026r (developed on after its first run)": [
        "tests/policy_import/heldout2026r/copperlake-blue-intracellular-micronutrient-panel.expected.yaml",
        "tests/policy_import/heldout2026r/marblehook-medical-policy-updates-2026-02.expected.yaml",
        "tests/policy_import/heldout2026r/mesquital-prior-authorization-list-imaging-lab.expected.yaml",
        "tests/policy_import/heldout2026r/mistlecove-authorization-guidelines-mrs.expected.yaml",
        "tests/policy_import/heldout2026r/pecanridge-prior-authorization-lab-not-a-benefit.expected.yaml",
        "tests/policy_import/heldout2026r/stillcove-health-mrs-clinical-policy.expected.yaml",
    ],
    "held out 2026s (developed on after its first run)": [
        "tests/policy_import/heldout2026s/caddoway-medical-resources-notices.expected.yaml",
        "tests/policy_import/heldout2026s/ferrowick-noncovered-lab-imaging.expected.yaml",
        "tests/policy_import/heldout2026s/glasscourt-medicaid-benefit-summary.expected.yaml",
        "tests/policy_import/heldout2026s/ochrefield-childrens-prior-authorization.expected.yaml",
        "tests/policy_import/heldout2026s/tamsworth-care-mr-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026s/tanglewick-provider-manual-section-9-4.expected.yaml",
    ],
    "held out 2026t (developed on after its first run)": [
        "tests/policy_import/heldout2026t/caprock-clinical-policies-2026-03.expected.yaml",
        "tests/policy_import/heldout2026t/gullwing-internal-coverage-criteria.expected.yaml",
        "tests/policy_import/heldout2026t/ironpine-pa-grid-lab-imaging.expected.yaml",
        "tests/policy_import/heldout2026t/quenby-provider-manual-section9.expected.yaml",
        "tests/policy_import/heldout2026t/severnhook-provider-notices-nutrient-panels.expected.yaml",
        "tests/policy_import/heldout2026t/snowmarsh-mrs-medical-policy.expected.yaml",
    ],
    "held out 2026u (developed on after its first run)": [
        "tests/policy_import/heldout2026u/dovecrest-cpb-magnetic-resonance-spectroscopy.expected.yaml",
        "tests/policy_import/heldout2026u/everkind-ma-technology-assessment-mrs-micronutrient.expected.yaml",
        "tests/policy_import/heldout2026u/gableton-medicaid-nutrient-panel-testing.expected.yaml",
        "tests/policy_import/heldout2026u/hollyreach-ma-2026-medical-services-authorization-grid.expected.yaml",
        "tests/policy_import/heldout2026u/marlstone-clinical-policy-updates-q4-2025.expected.yaml",
        "tests/policy_import/heldout2026u/palmcrest-medicaid-micronutrient-mrs-provider-notice.expected.yaml",
    ],
}
ALL_KEYS = [ref for refs in ROUNDS.values() for ref in refs]


def norm(s: str) -> str:
    return " ".join(str(s).split())


def resolve(ref: str) -> Path:
    return SHARED / ref[len("shared:"):] if ref.startswith("shared:") else ROOT / ref


def document_path(key_path: Path, key: dict[str, Any]) -> Path:
    doc = key.get("document") or key_path.name.replace(".expected.yaml", ".txt")
    if doc.startswith("shared:"):
        return SHARED / doc[len("shared:"):]
    return key_path.parent / doc


def load_source(path: Path):
    from cds_service.policy_import.reading import SourceText, read_source
    source = read_source(path)
    if source.kind == "text":
        first, _, rest = source.text.partition("\n")
        if first.startswith("#"):
            return SourceText(source.path, source.kind, rest, source.sha256)
    return source


@dataclass
class Tally:
    produced: int = 0
    expected: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.produced += other.produced
        self.expected += other.expected
        self.correct += other.correct

    @property
    def precision(self) -> float | None:
        return self.correct / self.produced if self.produced else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.expected if self.expected else None


@dataclass
class MustNot:
    broken: list[str]
    checked: int
    total: int

    def cell(self) -> str:
        return f"FAILED {len(self.broken)}/{self.checked}" if self.broken else f"ok {self.checked}/{self.total}"


def quote_norm(s: str) -> str:
    """A quote with a table's cells side by side, as the page shows them: the importer cites an HTML row so,
    and one older key quotes it with the reader's " | " between the cells."""
    return norm(re.sub(r"(?:\s\|)+\s", " ", f" {s} "))


def quote_ok(out: dict[str, Any] | None, key_quote: str | None, strict: bool) -> bool:
    if not out or not key_quote:
        return False
    cites = [out.get("quote")] + ([] if strict else list(out.get("also_quoted") or []))
    k = quote_norm(key_quote)
    return any(c and (k in quote_norm(c) or quote_norm(c) in k) for c in cites)


def _value(field_name: str, v: Any) -> str | None:
    if v is None:
        return None
    s = norm(str(v)).casefold()
    if field_name == "policy_number":
        s = re.sub(r"[\s\-\u2010-\u2015]", "", s)
    return s.replace("\u2013", "-").replace("\u2014", "-")


def _single(t: Tally, name: str, key_field: dict[str, Any] | None, out_field: dict[str, Any] | None,
            strict: bool, value_name: str = "") -> None:
    key_value = _value(value_name or name, (key_field or {}).get("value"))
    out_value = _value(value_name or name, (out_field or {}).get("value"))
    if out_value is not None:
        t.produced += 1
    if key_value is not None:
        t.expected += 1
    if out_value is None and key_value is None:
        return
    if out_value == key_value and quote_ok(out_field, (key_field or {}).get("quote"), strict):
        t.correct += 1
        return
    if out_value is not None or key_value is not None:
        why = "wrong value" if out_value != key_value else "quote does not match"
        t.misses.append(f"{name}: {why}: got {out_value!r} ({((out_field or {}).get('quote') or '')[:70]!r}), "
                        f"key {key_value!r}")


def _service_match(key_s: dict[str, Any], out_s: dict[str, Any]) -> bool:
    if not key_s["service"].startswith("new:"):
        return out_s["service"] == key_s["service"]
    if not out_s["service"].startswith("new:"):
        return False
    if out_s["service"] == key_s["service"]:
        return True
    # a slug is a name someone chose; the sentence that decides the service identifies it
    if key_s.get("quote") and out_s.get("quote") and (norm(key_s["quote"]) in norm(out_s["quote"])
                                                      or norm(out_s["quote"]) in norm(key_s["quote"])) \
            and not key_s.get("row_quote"):
        return True
    names = [norm(x) for x in (out_s.get("row_quote"), out_s.get("name")) if x]
    keys = [norm(x) for x in (key_s.get("row_quote"),) if x]
    if not keys:
        keys = [norm(key_s["service"][4:].replace("-", " "))]
    return any(k.casefold() in n.casefold() or n.casefold() in k.casefold() for k in keys for n in names)


def score(key: dict[str, Any], out: dict[str, Any], strict: bool = False) -> dict[str, Tally]:
    single, codes = Tally(), Tally()
    for name in ("payer", "title", "policy_number"):
        if name in key:
            _single(single, name, key[name], out.get(name), strict)
    for name, key_field in (key.get("dates") or {}).items():
        if isinstance(key_field, str):      # a key's prose about its dates ("note: ..."), not a date
            continue
        _single(single, f"dates.{name}", key_field, (out.get("dates") or {}).get(name), strict, "date")
    out_services = list(out.get("services") or [])
    for key_s in key.get("services") or []:
        match = next((o for o in out_services if _service_match(key_s, o)), None)
        if match is not None:
            out_services.remove(match)
        key_field = {"value": key_s.get("determination"), "quote": key_s.get("quote")}
        out_field = {"value": match.get("determination"), "quote": match.get("quote"),
                     "also_quoted": [match.get("row_quote")] if match.get("row_quote") else []} if match else None
        _single(single, f"service {key_s['service']}", key_field, out_field, strict)
    for extra in out_services:
        if extra.get("determination"):
            single.produced += 1
            single.misses.append(f"service {extra['service']}: not in the key ({extra.get('quote', '')[:70]!r})")
    lob_key = key.get("lines_of_business") or {}
    lob_out = out.get("lines_of_business") or {}
    for status in ("covered", "excluded"):
        key_items = list(lob_key.get(status) or [])
        out_items = list(lob_out.get(status) or [])
        single.expected += len(key_items)
        single.produced += len(out_items)
        for o in out_items:
            k = next((k for k in key_items if k["line"] == o["line"]), None)
            if k is not None and quote_ok(o, k.get("quote"), strict):
                single.correct += 1
            else:
                single.misses.append(f"line {status} {o['line']}: " + ("quote does not match" if k else "not in key"))
        for k in key_items:
            if not any(o["line"] == k["line"] for o in out_items):
                single.misses.append(f"line {status} {k['line']}: not found")
    key_codes = list(key.get("codes") or [])
    out_codes = list(out.get("codes") or [])
    codes.expected = len(key_codes)
    codes.produced = len(out_codes)
    for o in out_codes:
        k = next((k for k in key_codes if str(k["code"]) == o["code"]), None)
        if k is not None and k["role"] == o["role"] and quote_ok(o, k.get("quote"), strict):
            codes.correct += 1
        elif k is None:
            codes.misses.append(f"code {o['code']} ({o['role']}): not in the key")
        else:
            why = f"role {o['role']}, key {k['role']}" if k["role"] != o["role"] else "quote does not match"
            codes.misses.append(f"code {o['code']}: {why}")
    for k in key_codes:
        if not any(o["code"] == str(k["code"]) for o in out_codes):
            codes.misses.append(f"code {k['code']} ({k['role']}): not found")
    return {"single": single, "codes": codes}


# -- must_not: the mistakes a key forbids -----------------------------------------------------------------
# An item is prose (a string: read by a person, not checked) or a mapping with the prose as `text` and a
# `check` (one condition set) or `checks` (a list; the item is broken when any of them holds). A condition
# set holds when one element of the import satisfies every condition in it:
#   field: payer | title | policy_number | authority | prior_authorization   with value / quote_contains
#                               (no condition: any value produced)
#   date: <name> | any                                                       with value (a prefix: "2004") / quote_contains
#   code: <code> | any          with role / role_in / role_not (no role condition: the code produced at all)
#   line: <line id>             with status: covered | excluded
#   service: <id> | any         with determination / determination_in / otherwise (null: none) / quote_contains
#   statement: <name> | any     with quote_contains (no condition: any sentence chosen)
#   quote_contains: <text>      alone: any cited sentence of the import contains it
# Documented in docs/policy-import.md.

def must_not_items(key: dict[str, Any]) -> list[dict[str, Any]]:
    items = []
    for item in key.get("must_not") or []:
        if isinstance(item, dict) and ("check" in item or "checks" in item):
            checks = item.get("checks") or [item["check"]]
            items.append({"text": str(item.get("text", "")), "checks": checks})
        elif isinstance(item, dict):     # prose whose colon YAML read as a mapping
            items.append({"text": "; ".join(f"{k}: {v}" for k, v in item.items()), "checks": []})
        else:
            items.append({"text": str(item), "checks": []})
    return items


_CHECK_KEYS = {"field", "date", "code", "line", "service", "statement", "value", "quote_contains", "role", "role_in",
               "role_not", "status", "determination", "determination_in", "otherwise"}


def _contains(quote: Any, needle: str) -> bool:
    return bool(quote) and norm(needle).casefold() in norm(str(quote)).casefold()


def _cites(entry: dict[str, Any]) -> list[str]:
    return [q for q in [entry.get("quote"), entry.get("otherwise_quote"), entry.get("row_quote"),
                        *(entry.get("also_quoted") or [])] if q]


def check_holds(check: dict[str, Any], out: dict[str, Any]) -> bool:
    """Whether the import makes the mistake one condition set describes."""
    unknown = set(check) - _CHECK_KEYS
    if unknown:
        raise ValueError(f"must_not check with unknown condition(s): {sorted(unknown)}")
    needle = check.get("quote_contains")
    if "field" in check:
        f = out.get(check["field"]) or {}
        if f.get("value") is None:
            return False
        if "value" in check and _value(check["field"], f["value"]) != _value(check["field"], check["value"]):
            return False
        return needle is None or any(_contains(q, needle) for q in _cites(f))
    if "date" in check:
        dates = out.get("dates") or {}
        names = list(dates) if check["date"] == "any" else [check["date"]]
        for name in names:
            d = dates.get(name) or {}
            if d.get("value") is None:
                continue
            if "value" in check and not str(d["value"]).startswith(str(check["value"])):
                continue
            if needle is not None and not any(_contains(q, needle) for q in _cites(d)):
                continue
            return True
        return False
    if "code" in check:
        for c in out.get("codes") or []:
            if check["code"] != "any" and c["code"] != str(check["code"]):
                continue
            if "role" in check and c["role"] != check["role"]:
                continue
            if "role_in" in check and c["role"] not in check["role_in"]:
                continue
            if "role_not" in check and c["role"] == check["role_not"]:
                continue
            if needle is not None and not any(_contains(q, needle) for q in _cites(c)):
                continue
            return True
        return False
    if "line" in check:
        lob = out.get("lines_of_business") or {}
        statuses = [check["status"]] if "status" in check else ["covered", "excluded"]
        return any(l["line"] == check["line"] and (needle is None or _contains(l.get("quote"), needle))
                   for st in statuses for l in lob.get(st) or [])
    if "service" in check:
        for s in out.get("services") or []:
            if check["service"] != "any" and s["service"] != check["service"]:
                continue
            if "determination" in check and s.get("determination") != check["determination"]:
                continue
            if "determination_in" in check and s.get("determination") not in check["determination_in"]:
                continue
            if "otherwise" in check and s.get("otherwise") != check["otherwise"]:
                continue
            if needle is not None and not any(_contains(q, needle) for q in _cites(s)):
                continue
            return True
        return False
    if "statement" in check:
        statements = out.get("statements") or {}
        names = list(statements) if check["statement"] == "any" else [check["statement"]]
        return any(statements.get(n) and (needle is None or _contains(statements[n], needle)) for n in names)
    if needle is not None:
        quotes: list[str] = []
        for name in ("payer", "title", "policy_number", "authority", "prior_authorization"):
            quotes += _cites(out.get(name) or {})
        for d in (out.get("dates") or {}).values():
            quotes += _cites(d or {})
        for group in ("codes", "services"):
            for e in out.get(group) or []:
                quotes += _cites(e)
        for st in ("covered", "excluded"):
            for l in (out.get("lines_of_business") or {}).get(st) or []:
                quotes += _cites(l)
        return any(_contains(q, needle) for q in quotes)
    raise ValueError(f"must_not check names nothing to look at: {check}")


def must_not_broken(key: dict[str, Any], out: dict[str, Any]) -> tuple[list[str], int, int]:
    """(the broken items' prose, how many items are checkable, how many there are)."""
    items = must_not_items(key)
    broken = [i["text"] for i in items if any(check_holds(c, out) for c in i["checks"])]
    return broken, sum(1 for i in items if i["checks"]), len(items)


def run_key(key_path: Path, know, strict: bool) -> tuple[str, dict[str, Tally]]:
    from cds_service.policy_import.importer import import_text
    from cds_service.policy_import.keyformat import to_key
    key = yaml.safe_load(key_path.read_text(encoding="utf-8"))
    key = json.loads(json.dumps(key, default=str))      # YAML dates as ISO strings
    out = to_key(import_text(load_source(document_path(key_path, key)), know))
    tallies = score(key, out, strict)
    broken, checked, total = must_not_broken(key, out)
    tallies["must_not"] = MustNot(broken, checked, total)
    return key_path.name.replace(".expected.yaml", ""), tallies


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}%"


def _row(name: str, s: Tally, c: Tally, must: str) -> str:
    return (f"{name[:44]:44s} {_pct(s.precision):>8s} {_pct(s.recall):>8s} {_pct(c.precision):>8s} "
            f"{_pct(c.recall):>8s}  {must:11s} ({s.correct}/{s.produced}/{s.expected}; "
            f"{c.correct}/{c.produced}/{c.expected})")


def _figures(total: dict[str, Tally], failed: int, documents: int) -> dict[str, Any]:
    out: dict[str, Any] = {k: {"correct": v.correct, "produced": v.produced, "expected": v.expected,
                               "precision": v.precision, "recall": v.recall} for k, v in total.items()}
    out["documents"] = documents
    out["failed_must_not"] = failed
    return out


def report(groups: dict[str, list[Path]], strict: bool, verbose: bool) -> tuple[str, dict[str, Any]]:
    """Per document: single-value and code precision and recall, and its must_not items (a document
    that breaks one has failed, whatever its scores); per group and, for several groups, pooled."""
    from cds_service.policy_import.knowledge import load_knowledge
    know = load_knowledge(ROOT / "policy_data")
    lines = []
    figures: dict[str, Any] = {}
    header = f"{'document':44s} {'single P':>8s} {'single R':>8s} {'codes P':>8s} {'codes R':>8s}  {'must_not':11s}"
    pooled = {"single": Tally(), "codes": Tally()}
    pooled_failed = pooled_docs = 0
    for group, keys in groups.items():
        lines += [f"## {group}", "", "```", header]
        total = {"single": Tally(), "codes": Tally()}
        failed = 0
        for key_path in keys:
            name, t = run_key(key_path, know, strict)
            for k in total:
                total[k].add(t[k])
                pooled[k].add(t[k])
            must: MustNot = t["must_not"]  # type: ignore[assignment]
            failed += bool(must.broken)
            lines.append(_row(name, t["single"], t["codes"], must.cell()))
            for text in must.broken:
                lines.append(f"    ! must_not broken: {text}")
            if verbose:
                for miss in t["single"].misses + t["codes"].misses:
                    lines.append(f"    - {miss}")
            figures[name] = {k: {"correct": v.correct, "produced": v.produced, "expected": v.expected}
                             for k, v in t.items() if isinstance(v, Tally)}
            figures[name]["must_not"] = {"broken": must.broken, "checked": must.checked, "items": must.total}
        lines.append(_row("ALL", total["single"], total["codes"], f"failed {failed}/{len(keys)}"))
        lines += ["```", ""]
        figures[f"total:{group}"] = _figures(total, failed, len(keys))
        pooled_failed += failed
        pooled_docs += len(keys)
    if len(groups) > 1:
        lines += ["## pooled", "", "```", header,
                  _row("ALL", pooled["single"], pooled["codes"], f"failed {pooled_failed}/{pooled_docs}"), "```", ""]
        figures["total:pooled"] = _figures(pooled, pooled_failed, pooled_docs)
    return "\n".join(lines), figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.import_score", description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", help="folders of <name>.expected.yaml keys (default: the two sets)")
    parser.add_argument("--strict", action="store_true", help="only the first cited sentence of a field counts")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quiet", action="store_true", help="no per-field misses")
    parser.add_argument("--write", help="write the report (markdown) to this file")
    args = parser.parse_args(argv)
    if args.dirs:
        groups = {d: sorted(Path(d).glob("*.expected.yaml")) for d in args.dirs}
    else:
        groups = {name: [resolve(r) for r in refs] for name, refs in ROUNDS.items()}
    missing = [str(p) for keys in groups.values() for p in keys if not p.is_file()]
    if missing or not any(groups.values()):
        print(f"no answer keys found: {', '.join(missing) or args.dirs}", file=sys.stderr)
        return 2
    text, figures = report(groups, args.strict, not args.quiet)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(text)
    if args.write:
        Path(args.write).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
