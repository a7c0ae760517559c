"""Choosing among given answers: single choice, multiple choice, true or false, and
the poll (an opinion, no right answer, no points)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...i18n import N_
from ..model import Text, maybe_text
from . import EditorForm, Judgement, PuzzleType, expect, register


@dataclass(frozen=True)
class Option:
    id: str
    text: Text
    correct: bool
    feedback: Text | None


@dataclass(frozen=True)
class Choice:
    options: tuple[Option, ...]
    partial: bool = False

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


def _build(raw: Mapping[str, Any], locale: str) -> Choice:
    return Choice(tuple(Option(o["id"], Text.of(o["text"], locale), bool(o.get("correct")),
                               maybe_text(o.get("feedback"), locale)) for o in raw["options"]),
                  bool(raw.get("partial")))


def _ids(spec: Choice) -> set[str]:
    return {o.id for o in spec.options}


def _judge_single(spec: Choice, answer: Any) -> Judgement:
    expect(isinstance(answer, str) and answer in _ids(spec), "option id")
    correct = answer in spec.correct_ids
    return Judgement(correct, 1.0 if correct else 0.0, answer)


def _judge_multiple(spec: Choice, answer: Any) -> Judgement:
    expect(isinstance(answer, (list, tuple)) and all(a in _ids(spec) for a in answer),
           "list of option ids")
    chosen = frozenset(answer)
    correct = chosen == spec.correct_ids
    fraction = 1.0 if correct else 0.0
    if spec.partial and not correct:
        right = len(chosen & spec.correct_ids) - len(chosen - spec.correct_ids)
        fraction = max(0.0, right / len(spec.correct_ids))
    return Judgement(correct, fraction, "+".join(sorted(chosen)))


def _problems_single(spec: Choice) -> list[str]:
    from ...i18n import _

    count = len(spec.correct_ids)
    if count == 0:
        return [_("aucune réponse n’est marquée « correct: true »")]
    if count > 1:
        return [_("{n} réponses sont marquées justes alors qu’une seule est attendue : "
                  "utilisez le type multiple").format(n=count)]
    return _duplicate_ids(spec)


def _problems_multiple(spec: Choice) -> list[str]:
    from ...i18n import _

    if not spec.correct_ids:
        return [_("aucune réponse n’est marquée « correct: true »")]
    return _duplicate_ids(spec)


def _duplicate_ids(spec: Choice) -> list[str]:
    from ...i18n import _

    seen: set[str] = set()
    for option in spec.options:
        if option.id in seen:
            return [_("deux réponses ont l’identifiant « {id} »").format(id=option.id)]
        seen.add(option.id)
    return []


def _describe(spec: Choice, locale: str) -> str:
    return " ; ".join(o.text.get(locale) for o in spec.options if o.correct)


def _judge_poll(spec: Choice, answer: Any) -> Judgement:
    expect(isinstance(answer, str) and answer in _ids(spec), "option id")
    return Judgement(True, 1.0, answer)  # an opinion: no answer is wrong


def _problems_poll(spec: Choice) -> list[str]:
    from ...i18n import _

    if spec.correct_ids:
        return [_("un sondage n’a pas de bonne réponse : retirez « correct: true »")]
    return _duplicate_ids(spec)


def _describe_poll(spec: Choice, locale: str) -> str:
    from ...i18n import _

    return _("sondage, pas de bonne réponse : {options}").format(
        options=" / ".join(o.text.get(locale) for o in spec.options))


_FIELDS = frozenset({"options", "partial", "shuffle"})
def _chosen_text(spec: Choice, detail: str) -> str | None:
    """A recorded choice (option ids joined by « + ») as the texts of the options."""
    options = [spec.option(part) for part in detail.split("+") if part]
    if options and all(options):
        return " + ".join(o.text.get() for o in options if o is not None)
    return None


register(PuzzleType("single", _FIELDS - {"partial"}, _build, _judge_single,
                    lambda spec: sorted(spec.correct_ids)[0], _problems_single, _describe,
                    answer_text=_chosen_text, form=EditorForm(
                        N_("Choix unique"), rank=1, hint=N_("Une seule bonne réponse parmi plusieurs."), example={
                            "prompt": "Quelle est la capitale de l’Occitanie ?",
                            "options": [{"id": "a", "text": "Toulouse", "correct": True},
                                        {"id": "b", "text": "Montpellier"}, {"id": "c", "text": "Nîmes"}]})))
register(PuzzleType("multiple", _FIELDS, _build, _judge_multiple,
                    lambda spec: sorted(spec.correct_ids), _problems_multiple, _describe,
                    answer_text=_chosen_text, form=EditorForm(
                        N_("Choix multiple"), rank=2, hint=N_("Plusieurs bonnes réponses à cocher."), example={
                            "prompt": "Lesquels sont des réseaux sociaux ?",
                            "options": [{"id": "a", "text": "Instagram", "correct": True},
                                        {"id": "b", "text": "TikTok", "correct": True},
                                        {"id": "c", "text": "Un dictionnaire"}]})))
# A poll: « who do you picture in this job? ». Unscored; the class compares its answers.
register(PuzzleType("poll", _FIELDS - {"partial"}, _build, _judge_poll,
                    lambda spec: spec.options[0].id, _problems_poll, _describe_poll,
                    scored=False, answer_text=_chosen_text, form=EditorForm(
                        N_("Sondage"), rank=13, hint=N_("Une opinion, sans bonne réponse ni points."), example={
                            "prompt": "Qu’en penses-tu ?",
                            "options": [{"id": "a", "text": "D’accord"}, {"id": "b", "text": "Pas d’accord"}]})))


@dataclass(frozen=True)
class TrueFalse:
    answer: bool
    label_true: Text | None
    label_false: Text | None


def _build_tf(raw: Mapping[str, Any], locale: str) -> TrueFalse:
    labels = raw.get("labels", {})
    return TrueFalse(bool(raw["answer"]), maybe_text(labels.get("true"), locale),
                     maybe_text(labels.get("false"), locale))


def _judge_tf(spec: TrueFalse, answer: Any) -> Judgement:
    expect(isinstance(answer, bool), "true or false")
    correct = answer == spec.answer
    return Judgement(correct, 1.0 if correct else 0.0, "true" if answer else "false")


def _describe_tf(spec: TrueFalse, locale: str) -> str:
    from ...i18n import _

    label = spec.label_true if spec.answer else spec.label_false
    return label.get(locale) if label else (_("vrai") if spec.answer else _("faux"))


def _said_text(spec: TrueFalse, detail: str) -> str | None:
    """A recorded « true » or « false » as the label the pupil saw."""
    from ...i18n import _

    if detail not in ("true", "false"):
        return None
    label = spec.label_true if detail == "true" else spec.label_false
    return label.get() if label else (_("vrai") if detail == "true" else _("faux"))


register(PuzzleType("truefalse", frozenset({"answer", "labels"}), _build_tf, _judge_tf,
                    lambda spec: spec.answer, lambda spec: [], _describe_tf, answer_text=_said_text,
                    form=EditorForm(N_("Vrai ou infox"), rank=3, hint=N_("Une affirmation à juger."), example={
                        "prompt": "Une photo peut être sortie de son contexte.", "answer": True})))
