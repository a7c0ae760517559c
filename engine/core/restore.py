"""Checking a saved game against the game it claims to be of, before playing it.

A save is outside input: a file in the user's folder that a crash may have cut, a disk
may have damaged, or a curious pupil may have edited. ``State.from_data`` checks its
shape; here every name it holds is looked up in the game (a room, a puzzle, an item
the game no longer has), every number is checked for its range, and the question
queue is derived again from the seed. A save that passes can be played without any
lookup failing; one that does not is refused with the reason, in words.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from ..i18n import N_, _
from .rules import Rules
from .state import STATUSES, State

MAX_SECONDS = 1e9  # about thirty years of play: anything above is not a real save
ROOM = N_("salle « {id} » inconnue")


def _number(value: Any, low: float = 0.0, high: float = MAX_SECONDS) -> bool:
    if type(value) is int:  # compared as an integer: a 400-digit one does not fit a float
        return low <= value <= high
    return type(value) is float and math.isfinite(value) and low <= value <= high


def _count(value: Any) -> bool:
    return type(value) is int and 0 <= value <= 1_000_000_000


def _unknown(template: str, ident: str) -> str:
    return _(template).format(id=str(ident)[:60])


def _first_missing(ids: Iterable[str], known: Mapping[str, Any] | Iterable[str]) -> str | None:
    known = known if isinstance(known, Mapping) else set(known)
    return next((i for i in ids if i not in known), None)


def problem(rules: Rules, state: State) -> str | None:
    """Why ``state`` cannot be played with ``rules`` (its game and options), or None."""
    game, options = rules.game, rules.options
    if state.seed != options.seed:
        return _("le tirage de la partie ne correspond pas à ses options")
    for name in ("t", "round_started", "bonus_s"):
        if not _number(getattr(state, name)):
            return _("durée impossible ({name})").format(name=name)
    for name in ("room", "ending"):
        if getattr(state, name) is not None and type(getattr(state, name)) is not str:
            return _("valeur impossible ({name})").format(name=name)
    if state.room is not None and state.room not in game.rooms:
        return _unknown(ROOM, state.room)
    checks = (
        (N_("drapeau « {id} » inconnu"), state.flags, game.flags),
        (N_("compteur « {id} » inconnu"), state.counters, game.counters),
        (N_("objet « {id} » inconnu"), state.inventory, game.items),
        (N_("élément « {id} » inconnu"), state.unlocked, {**game.objects, **game.exits}),
        (N_("élément « {id} » inconnu"), state.inspected, game.objects),
        (N_("élément « {id} » inconnu"), state.taken, game.objects),
        (N_("document « {id} » inconnu"), state.seen, game.documents),
        (ROOM, state.visited, game.rooms),
        (N_("déclencheur « {id} » inconnu"), state.fired, [t.id for t in game.triggers]),
        (N_("énigme « {id} » inconnue"), state.revealed, game.puzzles),
        (N_("énigme « {id} » inconnue"), state.progress, game.puzzles),
    )
    for what, ids, known in checks:
        missing = _first_missing(ids, known)
        if missing is not None:
            return _unknown(what, missing)
    if any(type(v) is not int or abs(v) > 1_000_000_000 for v in state.counters.values()):
        return _("compteur hors limites")
    if state.queue != rules._queue():
        return _("la liste des questions ne correspond pas au jeu")
    expected_teams = options.teams or (("",) if game.genre == "challenge" else ())
    if state.teams != tuple(expected_teams):
        return _("les équipes ne correspondent pas aux options de la partie")
    if not (_count(state.position) and state.position <= len(state.queue)) or not _count(state.turn):
        return _("position impossible dans la liste des questions")
    if type(state.time_up) is not bool:
        return _("valeur impossible ({name})").format(name="time_up")
    if state.ending is not None and state.ending != "" and state.ending not in game.endings:
        return _unknown(N_("fin « {id} » inconnue"), state.ending)
    for puzzle_id, progress in state.progress.items():
        puzzle = game.puzzles[puzzle_id]
        if (progress.status not in STATUSES or not all(_count(getattr(progress, n)) for n in ("wrong", "streak"))
                or not (_count(progress.hints) and progress.hints <= len(puzzle.hints))
                or not _number(progress.fraction, 0.0, 1.0) or not _number(progress.cooldown_until)
                or type(progress.team) is not str
                or len(progress.answers) > max(1, len(state.teams))
                or not all(v is None or _number(v) for v in (progress.shown_t, progress.answered_t))):
            return _("progression impossible pour l’énigme « {id} »").format(id=puzzle_id)
    return None


def log_problem(rules: Rules, log: Iterable[tuple[Any, Any]]) -> str | None:
    """Why a saved log of ``(t, event data)`` cannot be used (the result file and the
    database read its answers and its end), or None."""
    puzzles = rules.game.puzzles
    for t, data in log:
        if not _number(t) or type(data) is not dict or type(data.get("event")) is not str:
            return _("journal de la partie abîmé")
        name = data["event"]
        if name == "AnswerJudged" and not (
                data.get("puzzle") in puzzles and type(data.get("answer")) is str
                and type(data.get("correct")) is bool and _count(data.get("attempt"))
                and _number(data.get("fraction"), 0.0, 1.0)):
            return _("journal de la partie abîmé (une réponse)")
        if name == "GameEnded" and type(data.get("success")) is not bool:
            return _("journal de la partie abîmé (la fin)")
    return None
