"""Scores: the one place where points are counted (player, results and reports use it).

A puzzle earns ``points × fraction`` (fraction < 1 for estimates and partial answers),
minus the cost of the hints taken and of wrong tries, never below zero: asking for
help costs at most what the puzzle was worth. No speed bonus.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import puzzles as ptypes
from .model import Game, Puzzle
from .state import Progress, State


def hint_cost(puzzle: Puzzle, hints_used: int) -> int:
    return sum(h.cost for h in puzzle.hints[:hints_used])


def puzzle_points(puzzle: Puzzle, progress: Progress) -> int:
    earned = round(puzzle.points * progress.fraction) if progress.resolved else 0
    costs = hint_cost(puzzle, progress.hints) + progress.wrong * puzzle.attempts.cost
    return max(0, earned - costs)


def in_play(game: Game, state: State) -> Iterable[str]:
    """The puzzles that count towards the maximum: the drawn questions of a quiz or a
    challenge, every puzzle of an escape game."""
    return state.queue if state.queue else game.puzzles.keys()


@dataclass(frozen=True)
class Score:
    points: int
    max_points: int
    hints: int
    solved: int
    total: int
    by_team: dict[str, int]

    @property
    def percent(self) -> float:
        return 100.0 * self.points / self.max_points if self.max_points else 0.0


def score(game: Game, state: State) -> Score:
    points = max_points = hints = solved = total = 0
    by_team: dict[str, int] = {team: 0 for team in state.teams}
    for puzzle_id in in_play(game, state):
        puzzle = game.puzzles[puzzle_id]
        progress = state.puzzle(puzzle_id)
        earned = puzzle_points(puzzle, progress)
        points += earned
        max_points += puzzle.points
        hints += progress.hints
        if ptypes.get(puzzle.type).scored:  # a poll has no right answer: neither solved nor failed
            solved += progress.status == "solved"
            total += 1
        if progress.team == "*":  # a question for every team together (core.teams)
            for team in by_team:
                by_team[team] += earned
        elif progress.team:
            by_team[progress.team] = by_team.get(progress.team, 0) + earned
    return Score(points, max_points, hints, solved, total, by_team)
