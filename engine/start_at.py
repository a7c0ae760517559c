"""Play a game from a given room or puzzle (``sesame play GAME --room ID`` or
``--puzzle ID``, the editor's « Essayer d’ici »): the core's rules search the shortest
way from the start to a state where the player is in that room, or may answer that
puzzle, and the game is saved there, as if played so far; the player then resumes
that save like any other (nothing in its screens knows about it). Pure: no pygame."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from .core.commands import Answer, Command
from .core.model import Game
from .core.rules import Options, Rules
from .core.solver import MAX_STATES, Abstraction
from .core.state import State


class Unreachable(Exception):
    """No way of playing reaches the room or the puzzle; the message says which."""


def _reached(rules: Rules, state: State, room: str | None, puzzle: str | None) -> bool:
    if room is not None:
        return state.room == room
    return any(isinstance(c, Answer) and c.puzzle == puzzle for c in rules.actions(state))


def path_to(game: Game, room: str | None = None, puzzle: str | None = None,
            max_states: int = MAX_STATES) -> list[Command]:
    """The fewest commands from the start to ``room`` (being in it) or ``puzzle`` (it
    may be answered now), found by the solver's search; raises Unreachable."""
    from .i18n import _

    rules = Rules(game, Options(seed=0, time_factor=None))
    start, _events = rules.start()
    abstraction = Abstraction(game)
    seen = {abstraction.key(start)}
    queue: deque[tuple[State, list[Command]]] = deque([(start, [])])
    while queue:
        state, path = queue.popleft()
        if _reached(rules, state, room, puzzle):
            return path
        if state.ending is not None:
            continue
        for command in rules.actions(state):
            after, _events = rules.apply(state, command)
            key = abstraction.key(after)
            if key in seen or len(seen) >= max_states:
                continue
            seen.add(key)
            queue.append((after, [*path, command]))
    what = _("la salle « {id} »").format(id=room) if room is not None else _("l’énigme « {id} »").format(id=puzzle)
    raise Unreachable(_("Aucune façon de jouer n’atteint {what}.").format(what=what))


def save_at(game: Game, room: str | None = None, puzzle: str | None = None) -> Path:
    """A save of ``game`` played up to ``room`` or ``puzzle``, in a slot no other window
    plays; the player resumes it. Raises Unreachable."""
    from .session import Session, free_save

    commands = path_to(game, room, puzzle)
    path, lock = free_save(game.id)
    session = Session(game, Options(seed=0, time_factor=None), save_path=path, lock=lock)
    try:
        for command in commands:
            session.do(command)
    finally:
        session.release()
    return path
