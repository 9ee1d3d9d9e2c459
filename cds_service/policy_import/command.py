"""`cds-service policies import DOC [--format key|draft] [--out DIR] [--id ID]`."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def add_parser(psub: argparse._SubParsersAction) -> None:
    p = psub.add_parser("import", help="read a payer policy document (text, HTML or PDF) into a draft policy "
                                       "whose every value cites its sentence")
    p.add_argument("document", help="the policy document: .txt, .html or .pdf")
    p.add_argument("--format", choices=["draft", "key"], default="draft",
                   help="draft: write the draft policy, its provenance and proposed services, and print the "
                        "review checklist (default); key: print JSON in the answer-key structure")
    p.add_argument("--out", help="folder for the draft files (default: the policies folder of the policy data)")
    p.add_argument("--id", dest="policy_id", help="id of the draft policy (default: from payer and number)")
    p.set_defaults(func=run)


def _policy_dir() -> Path:
    if os.environ.get("CDS_POLICY_DIR"):
        return Path(os.environ["CDS_POLICY_DIR"])
    here = Path.cwd() / "policy_data"
    if (here / "services.yaml").is_file():
        return here
    from ..resources import bundled_dir
    return bundled_dir("policy_data")


def run(args: argparse.Namespace) -> int:
    from .drafts import checklist, write_drafts
    from .importer import import_document
    from .keyformat import to_key
    from .knowledge import load_knowledge
    from .reading import DocumentError
    from ..engine import PolicyDataError

    policy_dir = _policy_dir()
    try:
        know = load_knowledge(policy_dir)
        result = import_document(args.document, know)
    except (DocumentError, PolicyDataError) as exc:
        print(f"cds-service: {exc}", file=sys.stderr)
        return 2
    if args.format == "key":
        json.dump(to_key(result), sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    if args.out:
        out_dir = Path(args.out)
    elif (policy_dir / "policies").is_dir() and os.access(policy_dir / "policies", os.W_OK) and \
            "_bundled" not in policy_dir.parts:
        out_dir = policy_dir / "policies"
    else:
        print("cds-service: no writable policy folder here; give --out DIR", file=sys.stderr)
        return 2
    try:
        written = write_drafts(result, out_dir, know, args.policy_id)
    except OSError as exc:
        print(f"cds-service: cannot write the draft: {exc.strerror or exc}", file=sys.stderr)
        return 2
    sys.stdout.write(checklist(result))
    print()
    print("Written (the draft is refused by the loader until a reviewer sets status: reviewed):")
    for path in written.paths:
        print(f"  {path}")
    return 0
