"""The in-process ratio as instructions: one heavy hook call against one canned Flask call, counted by
valgrind's callgrind, which repeats to a fraction of a percent where wall-clock time on a shared machine
does not.

`python -m benchmarks.instructions` runs this module again under `valgrind --tool=callgrind
--instr-atstart=no`: start-up and warm-up run uninstrumented; the child then switches instrumentation on
for N hook calls (each with order and patient ids never seen before, as a real EHR sends), dumps the
counts, and does the same for N canned Flask calls. Counts are instructions executed in user space by
the interpreter and every library it calls, per call.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

CALLS = 200


def _control(*args: str) -> None:
    subprocess.run(["callgrind_control", *args, str(os.getpid())], check=True, capture_output=True)


def child(work: Path, calls: int) -> None:
    from . import inprocess, workload
    from cds_service.runtime import tune_gc
    raw = json.dumps(workload.heavy_request()).encode()
    ours = inprocess.our_app(work / "data", audit=False, log_file=work / "calls.log")
    flask = inprocess.canned_flask_app(work, inprocess.call(ours, raw))
    bodies = [workload.with_new_ids(raw, n) for n in range(2 * calls + 50)]
    tune_gc()
    for body in bodies[:50]:       # warm: what a worker holds after its first calls
        inprocess.call(ours, body)
        inprocess.call(flask, body)
    _control("-i", "on")
    for body in bodies[50:50 + calls]:
        inprocess.call(ours, body)
    _control("-d", "hook")
    for body in bodies[50 + calls:]:
        inprocess.call(flask, body)
    _control("-d", "canned")
    _control("-i", "off")


def _totals(out_dir: Path) -> dict[str, int]:
    found = {}
    for path in out_dir.glob("callgrind.out*"):
        text = path.read_text(errors="replace")
        trigger = re.search(r"^desc: Trigger: Client Request: (\w+)|^desc: Trigger: .*?(hook|canned)", text, re.M)
        total = re.search(r"^(?:summary|totals):\s*(\d+)", text, re.M)
        label = next((g for g in (trigger.groups() if trigger else ()) if g), None)
        if label in ("hook", "canned") and total:
            found[label] = int(total[1])
    return found


def measure(calls: int = CALLS) -> dict[str, Any]:
    """Instructions per heavy hook call and per canned Flask call; None when valgrind is missing."""
    if not shutil.which("valgrind") or not shutil.which("callgrind_control"):
        return {"missing": "valgrind (callgrind) is not installed"}
    work = Path(tempfile.mkdtemp(prefix="cds-callgrind-"))
    try:
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={work}/callgrind.out",
               sys.executable, "-m", "benchmarks.instructions", "--child", str(work), str(calls)]
        done = subprocess.run(cmd, cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
                              timeout=1800)
        totals = _totals(work)
        if set(totals) != {"hook", "canned"}:
            return {"missing": f"callgrind gave no counts ({done.stderr[-300:]!r})"}
        hook, canned = totals["hook"] / calls, totals["canned"] / calls
        return {"calls": calls, "hook_instructions": hook, "canned_instructions": canned, "ratio": hook / canned}
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        result = measure(int(sys.argv[1]) if len(sys.argv) > 1 else CALLS)
        print(json.dumps(result, indent=1))
