"""Result files made the way the player makes them: by playing the fixture games."""

from __future__ import annotations

from functools import cache
from typing import Any

from engine.content.loader import load_game
from engine.core import commands as cmd
from engine.core.model import Game
from engine.core.rules import Options
from engine.results.resultfile import result_from_session
from engine.session import Session

from .conftest import FIXTURES

QUIZ = ("q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10")
RIGHT: dict[str, Any] = {
    "q1": "a", "q2": ["a", "b"], "q3": False, "q4": "Toulouse", "q5": 30, "q6": ["up", "up", "left"],
    "q7": ["a", "b", "c"], "q8": {"a": "a", "b": "b"}, "q9": {"i1": "x", "i2": "y"},
    "q10": {"x": 15, "y": 15}}
# Wrong answers that earn nothing (no partial credit), so the figures are easy to check.
WRONG: dict[str, Any] = {
    "q1": "b", "q2": ["c"], "q3": True, "q4": "Paris", "q5": 80, "q6": ["down"],
    "q7": ["b", "c", "a"], "q8": {"a": "b", "b": "a"}, "q9": {"i1": "y", "i2": "x"},
    "q10": {"x": 60, "y": 60}}


@cache
def game(name: str) -> Game:
    return load_game(FIXTURES / name).game


def play_quiz(pattern: str, seconds: float = 10.0, wrong: dict[str, Any] | None = None,
              stop_after: int | None = None) -> Session:
    """Play mini_quiz: ``pattern`` has one character per question, 1 right, 0 wrong.

    Each answer comes ``seconds`` after its question is shown, and « next » one second
    later, so every question takes exactly ``seconds``.
    """
    wrong = {**WRONG, **(wrong or {})}
    session = Session(game("mini_quiz"), autosave=False)
    t = 0.0
    for k, (puzzle, mark) in enumerate(zip(QUIZ, pattern)):
        if stop_after is not None and k >= stop_after:
            break
        t += seconds
        session.do(cmd.Answer(t, puzzle, RIGHT[puzzle] if mark == "1" else wrong[puzzle]))
        t += 1
        session.do(cmd.Next(t))
    return session


def quiz_result(pattern: str, pseudonym: str, started_at: str = "2026-03-12T10:15:00+01:00",
                **options: Any) -> dict[str, Any]:
    group = options.pop("group", "4B")
    machine = options.pop("machine", None)
    return result_from_session(play_quiz(pattern, **options), pseudonym, group,
                               started_at=started_at, machine=machine)


def play_escape(hints: int = 0, wrong_codes: tuple[str, ...] = ()) -> Session:
    """Play mini_escape to the end, asking for ``hints`` hints on the safe's code."""
    session = Session(game("mini_escape"), autosave=False)
    t = 0.0
    for command in (cmd.Inspect(5, "interrupteur"), cmd.Inspect(10, "tiroir"), cmd.Examine(15, "badge"),
                    cmd.Inspect(20, "coffre")):
        session.do(command)
    t = 20.0
    for _k in range(hints):
        t += 5
        session.do(cmd.Hint(t, "code_coffre"))
    for code in wrong_codes:
        t += 5
        session.do(cmd.Answer(t, "code_coffre", code))
    for command in (cmd.Answer(t + 10, "code_coffre", "1945"), cmd.Inspect(t + 12, "coffre"),
                    cmd.Inspect(t + 15, "ecran"), cmd.Answer(t + 25, "q_post", "date"),
                    cmd.Go(t + 30, "porte")):
        session.do(command)
    return session


def play_challenge(teams: tuple[str, ...] = ("Bleus", "Verts")) -> Session:
    session = Session(game("mini_challenge"), Options(teams=teams), autosave=False)
    for command in (cmd.Answer(5, "c1", True), cmd.Next(6), cmd.Answer(10, "c2", True), cmd.Next(11),
                    cmd.Answer(15, "c3", 10), cmd.Next(16)):
        session.do(command)
    return session
