"""Keyed hashes of patient and user references: linkable within one deployment, never reversible."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

_SECRET_FILE = "hash-secret"


def load_or_create_secret(configured: str | None, data_dir: Path) -> bytes:
    """The configured secret, else one generated once and kept in the data directory.

    O_EXCL makes the first worker to start the one that writes it; the others read the same file.
    """
    if configured:
        return configured.encode()
    path = data_dir / _SECRET_FILE
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as exists:
        for _ in range(50):
            value = path.read_text().strip()
            if value:
                return value.encode()
            time.sleep(0.02)
        raise RuntimeError(f"{path} exists but is empty") from exists
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode()


def keyed_hash(secret: bytes, value: str | None) -> str | None:
    if not value:
        return None
    return hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()
