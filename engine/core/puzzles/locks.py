"""Locks: a code of digits or letters, a sequence of arrows.

Brute force is stopped by the puzzle's attempts policy (cooldown, maximum), which the
rules apply to every type alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...i18n import N_
from . import EditorForm, Judgement, PuzzleType, expect, register

ARROWS = ("up", "down", "left", "right")


@dataclass(frozen=True)
class Code:
    code: str

    @property
    def alphabet(self) -> str:
        return "digits" if self.code.isdigit() else "letters" if self.code.isalpha() else "mixed"


def _judge_code(spec: Code, answer: Any) -> Judgement:
    expect(isinstance(answer, str), "code text")
    given = answer.strip().upper()
    return Judgement(given == spec.code, 1.0 if given == spec.code else 0.0, given)


register(PuzzleType(
    "code", frozenset({"code"}), lambda raw, locale: Code(raw["code"]), _judge_code,
    lambda spec: spec.code, lambda spec: [], lambda spec, locale: spec.code,
    form=EditorForm(N_("Cadenas à code"), rank=11, hint=N_("Un code de chiffres ou de lettres."), example={
        "prompt": "Quel est le code du cadenas ?", "code": "1881"})))


@dataclass(frozen=True)
class Directions:
    sequence: tuple[str, ...]


def _judge_directions(spec: Directions, answer: Any) -> Judgement:
    expect(isinstance(answer, (list, tuple)) and all(a in ARROWS for a in answer),
           "list of up/down/left/right")
    correct = tuple(answer) == spec.sequence
    return Judgement(correct, 1.0 if correct else 0.0, " ".join(answer))


_ARROW_SIGNS = {"up": "↑", "down": "↓", "left": "←", "right": "→"}


def _describe_directions(spec: Directions, locale: str) -> str:
    return " ".join(_ARROW_SIGNS[a] for a in spec.sequence)


def _arrows_text(spec: Directions, detail: str) -> str | None:
    """A recorded sequence (« up right ») as the arrows the pupil pressed (« ↑ → »)."""
    moves = detail.split()
    return " ".join(_ARROW_SIGNS[a] for a in moves) if moves and all(a in _ARROW_SIGNS for a in moves) else None


register(PuzzleType(
    "directions", frozenset({"sequence"}),
    lambda raw, locale: Directions(tuple(raw["sequence"])), _judge_directions,
    lambda spec: list(spec.sequence), lambda spec: [], _describe_directions, answer_text=_arrows_text,
    form=EditorForm(N_("Cadenas à flèches"), rank=12, hint=N_("Une suite de flèches."), example={
        "prompt": "Entre la suite de flèches.", "sequence": ["up", "right", "down"]})))
