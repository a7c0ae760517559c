"""“Did you mean…?” for misspelt keys, values and ids."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate nearest to ``word``, or None when none is near enough."""
    pool = {_fold(c): c for c in candidates}
    found = difflib.get_close_matches(_fold(str(word)), list(pool), n=1, cutoff=0.6)
    return pool[found[0]] if found else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` ; vouliez-vous dire « x » ?`` or an empty string."""
    from ..i18n import _

    match = closest(word, candidates)
    return _(" ; vouliez-vous dire « {word} » ?").format(word=match) if match else ""
