"""Teams taking turns in a challenge: who answers which question, and who wins.

The rules of fairness, in one place (pure: no clock, no screen):

- the scored questions go round the teams in order, so that each team answers as many;
  when they cannot be shared equally, the last ones (``len(scored) % teams``) are
  answered by **all the teams together** and their points go to every team;
- a question without points (a poll) is answered by every team in turn, so that their
  answers can be compared;
- the podium ranks the teams by points; equal points share a place (1, 1, 3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import puzzles as ptypes
from .model import Game

ALL_TEAMS = "*"  # the team of a question answered by every team together


def is_scored(game: Game, puzzle_id: str) -> bool:
    return ptypes.get(game.puzzles[puzzle_id].type).scored


def seat(game: Game, queue: tuple[str, ...], position: int, teams: int, answered: int = 0) -> int:
    """The index of the team that answers ``queue[position]``: 0 to ``teams - 1``, or
    ``teams`` itself for a question answered by all the teams together. ``answered``
    counts the teams that already answered a question without points."""
    if teams < 2 or position >= len(queue):
        return 0
    if not is_scored(game, queue[position]):
        return answered % teams
    scored = [i for i, puzzle_id in enumerate(queue) if is_scored(game, puzzle_id)]
    index = scored.index(position)
    shared_from = len(scored) // teams * teams
    return index % teams if index < shared_from else teams


def shares(game: Game, queue: tuple[str, ...], teams: int) -> tuple[int, int]:
    """(scored questions each team answers alone, scored questions for all together)."""
    scored = sum(1 for puzzle_id in queue if is_scored(game, puzzle_id))
    if teams < 2:
        return scored, 0
    return scored // teams, scored % teams


def podium(by_team: Mapping[str, int]) -> list[tuple[int, str, int]]:
    """(place, team, points), best first; equal points share a place and the next
    place skips as many (« 1, 1, 3 »); equal teams keep their playing order."""
    order = sorted(by_team.items(), key=lambda pair: -pair[1])
    out: list[tuple[int, str, int]] = []
    for index, (team, points) in enumerate(order):
        place = out[-1][0] if out and out[-1][2] == points else index + 1
        out.append((place, team, points))
    return out


def unique_names(names: Iterable[str], defaults: Iterable[str]) -> tuple[str, ...]:
    """The teams' names as typed (trimmed, at most 40 characters), a default where
    left empty, and a number added to a name given twice (scores are kept by name)."""
    out: list[str] = []
    for name, default in zip(names, defaults):
        name = " ".join(name.split())[:40] or default
        if name == ALL_TEAMS:
            name = default
        base, number = name, 2
        while name in out:
            name, number = f"{base} {number}", number + 1
        out.append(name)
    return tuple(out)
