"""The registry of puzzle types: each type says how to build, judge and solve itself,
how it is scored and shown, and what its recorded answers say in words.

Adding a puzzle type: one module here that calls ``register``, its import at the end of
this file, and its fields in ``schema.json``; the player registers its answer input
beside the others (``engine/player/answers.py``). The same types serve every genre.
Nothing outside these plug-ins compares a type's name (tests/test_plugins.py).
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
class EditorForm:
    """What the editor's puzzle-type picker shows of a type: its name and what the player
    does (both marked for translation with ``N_``), and an example that becomes the new
    puzzle (its fields without the id and the type), a real one the author then changes."""

    name: str
    rank: int  # the picker's order: the most used types first
    hint: str
    example: Mapping[str, Any]


@dataclass(frozen=True)
class PuzzleType:
    name: str
    fields: frozenset[str]  # the type-specific fields of the format it reads
    build: Callable[[Mapping[str, Any], str], Any]
    judge: Callable[[Any, Any], Judgement]
    solution: Callable[[Any], Any]
    problems: Callable[[Any], list[str]]  # what makes the puzzle unanswerable, in words
    describe: Callable[[Any, str], str]  # the solution, in words, for the facilitator's guide
    # Scoring and verdict: an unscored type (a poll) earns no points by default and its
    # answer is acknowledged, never called right or wrong.
    scored: bool = True
    # Always shown shuffled, whatever ``shuffle:`` says: the order is what is asked.
    shuffled: bool = False
    # A shuffle that happens to give the answer is turned once more (a timeline).
    hide_solved_order: bool = False
    # A recorded answer (``Judgement.detail``) in the words the pupil saw, for the result
    # file, the class summary and the guide; None when the detail already reads well.
    answer_text: Callable[[Any, str], str | None] = lambda spec, detail: None
    # The parts of the puzzle's document that its answers name (a spot), for the lint.
    document_parts: Callable[[Any], tuple[str, ...]] | None = None
    # The editor's form hint and example for this type (None: not offered by the picker).
    form: EditorForm | None = None

    @property
    def partial_credit(self) -> bool:
        """Whether ``partial: true`` may give part of the points for a partly right answer."""
        return "partial" in self.fields


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
