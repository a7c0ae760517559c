"""The registry of puzzle types: each type says how to build, judge and solve itself.

Adding a puzzle type: one module here that calls ``register``, its import at the end of
this file, and its fields in ``schema.json``. The same types serve every genre.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


class AnswerError(ValueError):
    """An answer of the wrong shape for its puzzle (a list where a text is expected…)."""


@dataclass(frozen=True)
class Judgement:
    """How an answer fares: ``fraction`` of the points earned (estimation and partial
    credit give less than 1), ``detail`` the answer in a canonical form for statistics."""

    correct: bool
    fraction: float
    detail: str


@dataclass(frozen=True)
class PuzzleType:
    name: str
    fields: frozenset[str]  # the type-specific fields of the format it reads
    build: Callable[[Mapping[str, Any], str], Any]
    judge: Callable[[Any, Any], Judgement]
    solution: Callable[[Any], Any]
    problems: Callable[[Any], list[str]]  # what makes the puzzle unanswerable, in words
    describe: Callable[[Any, str], str]  # the solution, in words, for the facilitator's guide


REGISTRY: dict[str, PuzzleType] = {}


def register(puzzle_type: PuzzleType) -> PuzzleType:
    REGISTRY[puzzle_type.name] = puzzle_type
    return puzzle_type


def get(name: str) -> PuzzleType:
    return REGISTRY[name]


def expect(condition: bool, what: str) -> None:
    """Raise AnswerError unless ``condition``: ``what`` names the expected shape."""
    if not condition:
        raise AnswerError(what)


from . import arrange, choice, free, locks, pointing  # noqa: E402,F401  (registration)
