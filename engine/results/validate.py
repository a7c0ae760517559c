"""Reading one result file's data without trusting it.

A result file passes through USB keys, school platforms and curious pupils. Every
field is checked for its type and for values that cannot happen (a score above the
maximum, points that do not add up, a time longer than the game): a file edited by
hand says so instead of skewing the class summary. Nothing is clamped or dropped
silently: a file is either taken as it is or refused with a message saying why.
"""

from __future__ import annotations

import math
import sys
import unicodedata
from datetime import datetime
from typing import Any

from ..core.state import STATUSES
from ..i18n import _
from .model import MAX_NAME, RESULT_FORMAT, RESULT_VERSION, PuzzleResult, Result

MAX_PUZZLES = 20_000
_SLACK_S = 1e-6  # rounding of times written as decimals


class ResultError(ValueError):
    """A result that cannot be used; the message says why, in words, for a teacher."""


def clean_name(raw: str) -> str:
    """A pseudonym, group or team name as stored: NFC, single spaces, no control characters."""
    text = unicodedata.normalize("NFC", str(raw))
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c == " ")
    return " ".join(text.split())


def _edited(what: str) -> ResultError:
    return ResultError(_("fichier modifié à la main ou abîmé : {what}").format(what=what))


class _Reader:
    """Typed access to a JSON object, naming the field in every complaint."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise _edited(_("« {field} » devrait être un objet").format(field=where or "/"))
        self.data = data
        self.where = where

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _wrong(self, key: str, kind: str) -> ResultError:
        return _edited(_("« {field} » devrait être {kind}").format(field=self._name(key), kind=kind))

    def get(self, key: str) -> Any:
        if key not in self.data:
            raise _edited(_("« {field} » manque").format(field=self._name(key)))
        return self.data[key]

    def text(self, key: str, *, limit: int | None = None, empty: bool = True) -> str:
        value = self.get(key)
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise self._wrong(key, _("un texte non vide") if not empty else _("un texte"))
        if limit is not None and (len(value) > limit or clean_name(value) != value):
            raise _edited(_("« {field} » n’est pas un nom possible (au plus {n} caractères, "
                            "sans caractère de contrôle)").format(field=self._name(key), n=limit))
        return sys.intern(value)

    def maybe_text(self, key: str) -> str | None:
        return None if self.get(key) is None else self.text(key)

    def integer(self, key: str, low: int = 0) -> int:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._wrong(key, _("un nombre entier"))
        if value < low:
            raise _edited(_("« {field} » vaut {value}, c’est impossible").format(
                field=self._name(key), value=value))
        return value

    def number(self, key: str, low: float = 0.0, high: float = math.inf) -> float:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise self._wrong(key, _("un nombre"))
        if not low <= value <= high:
            raise _edited(_("« {field} » vaut {value}, c’est impossible").format(
                field=self._name(key), value=value))
        return float(value)

    def maybe_number(self, key: str) -> float | None:
        return None if self.get(key) is None else self.number(key)

    def boolean(self, key: str) -> bool:
        value = self.get(key)
        if not isinstance(value, bool):
            raise self._wrong(key, _("vrai ou faux (true, false)"))
        return value

    def maybe_boolean(self, key: str) -> bool | None:
        return None if self.get(key) is None else self.boolean(key)

    def texts(self, key: str, *, limit: int | None = None) -> tuple[str, ...]:
        value = self.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._wrong(key, _("une liste de textes"))
        if limit is not None and any(len(v) > limit or clean_name(v) != v or not v for v in value):
            raise _edited(_("« {field} » n’est pas un nom possible (au plus {n} caractères, "
                            "sans caractère de contrôle)").format(field=self._name(key), n=limit))
        return tuple(sys.intern(v) for v in value)

    def labels(self, key: str) -> tuple[tuple[str, str], ...]:
        value = self.get(key)
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise self._wrong(key, _("une table de textes"))
        return tuple((sys.intern(k), v) for k, v in value.items())

    def child(self, key: str) -> "_Reader":
        return _Reader(self.get(key), self._name(key))


def check_header(data: Any) -> None:
    """Refuse what is not a result file, or one of a format this program cannot read."""
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        raise ResultError(_("ce n’est pas un fichier de résultat de Sésame"))
    version = data.get("version")
    if version != RESULT_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > RESULT_VERSION:
            raise ResultError(_("résultat au format {version}, plus récent que ce Sésame "
                                "(format {known}) : mettez Sésame à jour").format(
                                    version=version, known=RESULT_VERSION))
        raise ResultError(_("version de format inconnue ({version})").format(version=repr(version)))


def _puzzle(raw: Any, where: str) -> PuzzleResult:
    r = _Reader(raw, where)
    status = r.text("status")
    if status not in STATUSES:
        raise _edited(_("« {field} » vaut « {value} », c’est impossible").format(
            field=f"{where}.status", value=status))
    max_points = r.integer("max_points")
    points = r.integer("points")
    if points > max_points:
        raise _edited(_("{field} : {points} points pour une question qui en vaut {max}").format(
            field=where, points=points, max=max_points))
    correct = r.boolean("correct")
    if correct != (status == "solved"):
        raise _edited(_("{field} : « correct » ne s’accorde pas avec « status »").format(field=where))
    wrong = r.integer("wrong")
    if status == "open" and points:
        raise _edited(_("{field} : des points pour une question sans réponse").format(field=where))
    answer = r.maybe_text("answer")
    wrong_answers = r.texts("wrong_answers")
    if len(set(wrong_answers)) != len(wrong_answers) or len(wrong_answers) > wrong:
        raise _edited(_("{field} : les réponses fausses ne s’accordent pas avec leur nombre").format(
            field=where))
    return PuzzleResult(
        id=r.text("id", empty=False), label=r.text("label"), status=sys.intern(status),
        correct=correct, fraction=r.number("fraction", 0.0, 1.0), points=points,
        max_points=max_points, wrong=wrong, hints=r.integer("hints"),
        time_s=r.maybe_number("time_s"), answer=answer, wrong_answers=wrong_answers,
        answer_texts=r.labels("answer_texts"), skills=r.texts("skills"),
        theme=r.text("theme"), team=r.text("team"))


def parse_result(data: Any, path: str = "") -> Result:
    """The ``Result`` in ``data`` (a result file's JSON), or ResultError saying why not."""
    check_header(data)
    top = _Reader(data, "")
    game = top.child("game")
    who = top.child("who")
    started_at = top.text("started_at", empty=False)
    try:
        datetime.fromisoformat(started_at)
    except ValueError:
        raise _edited(_("« started_at » n’est pas une date ISO 8601 ({value})").format(
            value=started_at)) from None
    skill_labels = game.labels("skills")
    raw_puzzles = top.get("puzzles")
    if not isinstance(raw_puzzles, list) or len(raw_puzzles) > MAX_PUZZLES:
        raise _edited(_("« puzzles » devrait être une liste de questions"))
    puzzles = tuple(_puzzle(p, f"puzzles[{i}]") for i, p in enumerate(raw_puzzles))
    duration = top.number("duration_s")
    result = Result(
        game_id=game.text("id", empty=False), game_version=game.text("version"),
        content_hash=game.text("content_hash"), game_title=game.text("title"),
        skill_labels=skill_labels,
        pseudonym=who.text("pseudonym", limit=MAX_NAME, empty=False),
        group=who.text("group", limit=MAX_NAME), team=who.text("team", limit=MAX_NAME),
        members=who.texts("members", limit=MAX_NAME), started_at=started_at,
        duration_s=duration, ended=top.boolean("ended"), ending=top.maybe_text("ending"),
        success=top.maybe_boolean("success"), score=top.integer("score"),
        max_score=top.integer("max_score"), hints=top.integer("hints"), puzzles=puzzles,
        path=path)
    _check_totals(result)
    return result


def _check_totals(result: Result) -> None:
    """The figures of a result hold together; a hand-edited score rarely does."""
    if result.score > result.max_score:
        raise _edited(_("le score ({score}) dépasse le score maximal ({max})").format(
            score=result.score, max=result.max_score))
    ids = [p.id for p in result.puzzles]
    if len(set(ids)) != len(ids):
        raise _edited(_("une question y figure deux fois"))
    if sum(p.points for p in result.puzzles) != result.score:
        raise _edited(_("le score ({score}) n’est pas la somme des points des questions").format(
            score=result.score))
    if sum(p.max_points for p in result.puzzles) != result.max_score:
        raise _edited(_("le score maximal ({max}) n’est pas la somme des barèmes des questions").format(
            max=result.max_score))
    if sum(p.hints for p in result.puzzles) != result.hints:
        raise _edited(_("le nombre d’indices ({hints}) n’est pas celui des questions").format(
            hints=result.hints))
    if any(p.time_s is not None and p.time_s > result.duration_s + _SLACK_S for p in result.puzzles):
        raise _edited(_("une question a duré plus longtemps que la partie"))
    if not result.ended and (result.ending is not None or result.success is not None):
        raise _edited(_("une fin est indiquée pour une partie qui n’est pas finie"))
