"""French alphabetical order: the Unicode collation algorithm (pyuca), its table loaded
for the characters met (by blocks), not for all of Unicode.

pyuca's table (DUCET) has 30 000 entries; loaded whole, it took 10 MB of memory and a
quarter of a second, in a class summary that must stay under 120 MB for 10 000 pupils.
A class's names use a few hundred characters. The entries kept are those made only of
characters of the blocks met so far (Latin and the accents at first); when a text
brings a character of a new block, the table is loaded again with it. A key is the
same as with the whole table: every entry that can match inside a text is made of
that text's characters (contractions included), and the keys computed before stay
right, since their texts' characters were all loaded.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

_loaded: set[int] = set()  # the code points whose entries the collator holds
_collator: Any = None


def _entries(codes: set[int]) -> list[str]:
    """The lines of pyuca's table that a collator of ``codes`` needs: its settings, and
    each entry made only of those code points."""
    import pyuca  # type: ignore[import-untyped]

    table = Path(pyuca.__file__).parent / f"allkeys-{pyuca.Collator.UCA_VERSION}.txt"
    kept = []
    with open(table, encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("@"):
                kept.append(line)
                continue
            head, _sep, _rest = line.partition(";")
            points = head.split()
            if _sep and points and not line.startswith("#") and all(int(p, 16) in codes for p in points):
                kept.append(line)
    return kept


def collator_for(text: str) -> Any:
    """A pyuca collator holding the entries of every character of ``text`` (in the
    decomposed form pyuca reads) and of every text before it."""
    global _collator
    codes = {ord(c) for c in unicodedata.normalize("NFD", text)}
    if _collator is None or not codes <= _loaded:
        import pyuca

        # Whole blocks of 256 code points at a time (Latin and the combining accents
        # first): a class's names need one or two loads, not one per new letter.
        _loaded.update(range(0x400))
        for block in {code >> 8 for code in codes}:
            _loaded.update(range(block << 8, (block + 1) << 8))
        # pyuca reads its table from a file: a temporary one, opened by descriptor.
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            spool.writelines(_entries(_loaded))
            spool.flush()
            spool.seek(0)
            _collator = pyuca.Collator(os.dup(spool.fileno()))
    return _collator


@lru_cache(maxsize=4096)
def word_key(text: str) -> tuple[int, ...]:
    """The collation key of a text (pyuca's sort key)."""
    return tuple(collator_for(text).sort_key(text))
