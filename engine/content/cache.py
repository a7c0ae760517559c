"""A compiled cache of validated games, as script engines keep compiled scripts.

Parsing YAML is the slow part of loading (about 1 s per MB). Once a game has been
read and validated, its plain data is stored as JSON (``json.loads`` reads 1 MB in
about 10 ms) under the user's cache folder, keyed by a hash of every file it was
read from, Sésame's version and the format version. Any change to any file misses
the cache. JSON, not pickle: a cache file is data, never code.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..paths import user_dir
from ..storage import write_atomic
from .diagnostics import Diagnostic, Severity


def _entry(manifest: Path) -> Path:
    key = hashlib.sha256(str(manifest.resolve()).encode()).hexdigest()[:32]
    return user_dir("cache") / f"{key}.json"


Elements = dict[tuple[str, int], tuple[str, int]]


def lookup(manifest: Path) -> tuple[dict[str, Any], tuple[Diagnostic, ...], str, Elements] | None:
    """The cached data, warnings and content hash of this game, if still current."""
    from .loader import hash_files

    try:
        entry = json.loads(_entry(manifest).read_text(encoding="utf-8"))
        content_hash = hash_files(manifest.parent, entry["files"])
        if content_hash != entry["hash"]:
            return None
        warnings = tuple(Diagnostic(w["file"], w["line"], w["col"], w["message"],
                                    Severity(w["severity"]), w["code"]) for w in entry["warnings"])
        elements = {(k, i): (f, j) for k, i, f, j in entry["origins"]}
        return entry["data"], warnings, content_hash, elements
    except (OSError, ValueError, KeyError, TypeError):
        return None  # no cache, or a damaged one: read the game again


def store(manifest: Path, files: list[str], content_hash: str, data: dict[str, Any],
          warnings: tuple[Diagnostic, ...], elements: Elements) -> None:
    """Write the cache entry atomically; a cache that cannot be written is not an error."""
    entry = {"files": files, "hash": content_hash, "data": data,
             "warnings": [w.as_dict() for w in warnings],
             "origins": [[k, i, f, j] for (k, i), (f, j) in elements.items()]}
    try:
        write_atomic(_entry(manifest), json.dumps(entry, ensure_ascii=False, separators=(",", ":")), durable=False)
    except OSError:
        pass
