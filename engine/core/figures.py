"""Figures derived from a game played, defined once: the result file, the results
database, the class summary and the facilitator's views all read them from here.

- **time taken** on a puzzle: from when it was first shown (opened in a room, or asked
  in a quiz) to the answer, never negative; unknown (None) when either is missing;
- **hints before an answer**: the hints given for that puzzle before that answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import events as ev

SHOWN = frozenset({ev.PuzzleOpened.__name__, ev.QuestionShown.__name__})
HINT = ev.HintGiven.__name__


def time_taken(shown_t: float | None, answered_t: float | None) -> float | None:
    if shown_t is None or answered_t is None:
        return None
    return max(0.0, float(answered_t) - float(shown_t))


def hints_before(events: Iterable[Mapping[str, Any]], puzzle: str) -> int:
    """The hints for ``puzzle`` among ``events`` (the log up to the answer, as data)."""
    return sum(1 for e in events if e.get("event") == HINT and e.get("puzzle") == puzzle)


def first_shown(log: Iterable[tuple[float, Mapping[str, Any]]], puzzle: str) -> float | None:
    """When ``puzzle`` was first shown among the (time, event data) entries of ``log``."""
    return next((t for t, e in log if e.get("event") in SHOWN and e.get("puzzle") == puzzle), None)
