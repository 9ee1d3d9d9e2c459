"""Where the bundled policy data and card templates are.

A wheel carries them inside the package (`_bundled/`); a checkout or an editable install has them at
the top of the repository, where informatics staff edit them. Both are looked for, in that order.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def bundled_dir(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / "_bundled" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the bundled '{name}' directory was not found next to the package or inside it; "
        f"set CDS_{'POLICY' if name == 'policy_data' else 'CARDS'}_DIR"
    )
