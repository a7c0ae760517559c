"""The credits of what Sésame bundles (fonts, the art library): read from
``engine/assets/art/credits.json``, the one list the « À propos » screen and the static
catalogue show. Pure: no pygame."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from . import paths


@dataclass(frozen=True)
class Credit:
    """One bundled set: what it is, who made it, its licence and where its text is."""

    kind: str  # "art" or "fonts"
    title: str
    author: str
    licence: str
    url: str = ""
    note: str = ""
    licence_file: str = ""  # relative to engine/assets/art


@lru_cache(maxsize=1)
def bundled() -> tuple[Credit, ...]:
    """Every bundled set with its credit, fonts first; empty when the list is missing."""
    try:
        data = json.loads((paths.assets() / "art" / "credits.json").read_text("utf-8"))
    except (OSError, ValueError):
        return ()
    found = []
    for kind in ("fonts", "art"):
        for entry in data.get(kind) or ():
            found.append(Credit(kind, str(entry.get("title", "")), str(entry.get("author", "")),
                                str(entry.get("licence", "")), str(entry.get("url", "")),
                                str(entry.get("note", "")), str(entry.get("licence_file", ""))))
    return tuple(found)


def sentence(credit: Credit) -> str:
    """« OpenMoji 17 — OpenMoji (…) — licence CC-BY-SA-4.0 — https://openmoji.org/ »"""
    return " — ".join(x for x in (credit.title, credit.author, f"licence {credit.licence}", credit.url) if x)
