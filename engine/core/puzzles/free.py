"""Answers typed by the player: free text compared forgivingly, numbers with tolerance."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...i18n import N_
from ..text import close_enough, fold
from . import EditorForm, Judgement, PuzzleType, expect, register


@dataclass(frozen=True)
class FreeText:
    answers: tuple[str, ...]

    @property
    def folded(self) -> frozenset[str]:
        return frozenset(fold(a) for a in self.answers)


def _judge_text(spec: FreeText, answer: Any) -> Judgement:
    """Right when the answer is one of ``answers`` up to case, accents, punctuation,
    spacing and a few typos (``close_enough``); ``detail`` is then the folded accepted
    answer it stands for, so that statistics count « Toulose » as « toulouse »."""
    expect(isinstance(answer, str), "text")
    given = fold(answer)
    if given in spec.folded:
        return Judgement(True, 1.0, given)
    for accepted in spec.answers:
        if close_enough(answer, accepted):
            return Judgement(True, 1.0, fold(accepted))
    return Judgement(False, 0.0, given)


def _problems_text(spec: FreeText) -> list[str]:
    from ...i18n import _

    if any(not fold(a) for a in spec.answers):
        return [_("une réponse acceptée ne contient ni lettre ni chiffre")]
    return []


register(PuzzleType(
    "text", frozenset({"answers"}),
    lambda raw, locale: FreeText(tuple(raw["answers"])),
    _judge_text, lambda spec: spec.answers[0], _problems_text,
    lambda spec, locale: " / ".join(spec.answers),
    form=EditorForm(N_("Réponse libre"), rank=4, hint=N_("Un mot ou une phrase à écrire."), example={
        "prompt": "Quel mot désigne une fausse information ?", "answers": ["infox", "fake news"]})))


@dataclass(frozen=True)
class Number:
    """``tolerance`` around ``answer`` counts as right; with ``closeness`` scoring an
    estimate earns points falling linearly to zero at ``max_error``."""

    answer: float
    tolerance: float = 0.0
    unit: str = ""
    closeness: bool = False
    max_error: float | None = None
    min: float | None = None
    max: float | None = None


def _build_number(raw: Mapping[str, Any], locale: str) -> Number:
    return Number(raw["answer"], raw.get("tolerance", 0.0), raw.get("unit", ""),
                  raw.get("scoring") == "closeness", raw.get("max_error"),
                  raw.get("min"), raw.get("max"))


def _judge_number(spec: Number, answer: Any) -> Judgement:
    expect(isinstance(answer, (int, float)) and not isinstance(answer, bool), "number")
    error = abs(answer - spec.answer)
    correct = error <= spec.tolerance + 1e-9
    fraction = 1.0 if correct else 0.0
    if spec.closeness and not correct and spec.max_error:
        span = spec.max_error - spec.tolerance
        fraction = max(0.0, 1.0 - (error - spec.tolerance) / span) if span > 0 else 0.0
    return Judgement(correct, round(fraction, 4), f"{answer:g}")


def _problems_number(spec: Number) -> list[str]:
    from ...i18n import _

    problems = []
    if spec.min is not None and spec.answer < spec.min or spec.max is not None and spec.answer > spec.max:
        problems.append(_("la bonne réponse {answer} est hors des bornes min et max").format(
            answer=spec.answer))
    if spec.closeness and spec.max_error is None:
        problems.append(_("la notation « closeness » demande « max_error »"))
    if spec.max_error is not None and spec.max_error <= spec.tolerance:
        problems.append(_("« max_error » doit être plus grand que « tolerance »"))
    return problems


def _describe_number(spec: Number, locale: str) -> str:
    text = f"{spec.answer:g}" + (f" {spec.unit}" if spec.unit else "")
    if spec.tolerance:
        text += f" (± {spec.tolerance:g})"
    return text


register(PuzzleType(
    "number", frozenset({"answer", "tolerance", "unit", "scoring", "max_error", "min", "max"}),
    _build_number, _judge_number, lambda spec: spec.answer, _problems_number, _describe_number,
    form=EditorForm(N_("Nombre"), rank=5, hint=N_("Un nombre, avec une tolérance si l’on veut."), example={
        "prompt": "En quelle année a été votée la loi sur la liberté de la presse ?", "answer": 1881,
        "tolerance": 0})))
