"""Lint rules beyond the golden games: each rule fires on the mistake it is for."""

from __future__ import annotations

import pytest

from engine.content.check import check_path
from engine.content.diagnostics import Severity

from .conftest import FIXTURES, GAMES, HEADER
from .images import png

QUIZ = HEADER + "genre: quiz\n"


def codes(folder, severity=None):
    report = check_path(folder)
    return [d.code for d in report.diagnostics if severity is None or d.severity is severity]


@pytest.mark.parametrize("body, code, severity", [
    ("puzzles:\n  - {id: q, type: truefalse, prompt: '" + "x" * 450 + "', answer: true}\n",
     "lint.long_text", Severity.WARNING),
    ("locales: [fr, en]\npuzzles:\n  - {id: q, type: truefalse, prompt: {fr: Vrai ?}, answer: true}\n",
     "lint.translation", Severity.WARNING),
    ("locales: [fr, en]\npuzzles:\n  - {id: q, type: truefalse, prompt: {en: True?}, answer: true}\n",
     "lint.translation", Severity.ERROR),
    ("state: {flags: [jamais]}\npuzzles:\n  - {id: q, type: truefalse, prompt: Vrai ?, answer: true}\n",
     "lint.unused", Severity.WARNING),
    ("quiz: {questions: [q]}\npuzzles:\n  - {id: q, type: truefalse, prompt: A ?, answer: true}\n"
     "  - {id: r, type: truefalse, prompt: B ?, answer: true}\n", "lint.unused", Severity.WARNING),
    ("quiz: {order: bank, draw: {count: 3}}\npuzzles:\n  - {id: q, type: truefalse, prompt: A ?, answer: true}\n",
     "lint.quiz", Severity.ERROR),
    ("quiz: {questions: [q, q]}\npuzzles:\n  - {id: q, type: truefalse, prompt: A ?, answer: true}\n",
     "lint.duplicate_question", Severity.ERROR),
    ("puzzles:\n  - {id: q, type: single, prompt: A ?, options: [{id: a, text: A, correct: true},"
     " {id: b, text: B, correct: true}]}\n", "lint.answer", Severity.ERROR),
    ("puzzles:\n  - {id: q, type: number, prompt: A ?, answer: 50, min: 0, max: 10}\n",
     "lint.answer", Severity.ERROR),
    ("puzzles:\n  - {id: q, type: categories, prompt: A ?, categories: [{id: a, label: A}, {id: b, label: B}],"
     " items: [{id: i, text: I, category: c}, {id: j, text: J, category: a}]}\n", "lint.answer", Severity.ERROR),
    ("puzzles:\n  - {id: q, type: truefalse, prompt: \"Vrai ? \U0001F631\", answer: true}\n",
     "lint.undrawable", Severity.WARNING),
    ("audience: {age_min: 18, age_max: 11}\npuzzles:\n  - {id: q, type: truefalse, prompt: A ?, answer: true}\n",
     "lint.range", Severity.ERROR),
])
def test_rule_fires(write_game, body, code, severity):
    text = QUIZ + body
    if "audience:" in body:
        text = text.replace("audience: {age_min: 11, age_max: 18}\n", "")
    folder = write_game({"game.yaml": text})
    assert code in codes(folder, severity)


def test_escape_without_a_winning_ending(write_game):
    folder = write_game({"game.yaml": HEADER + """
genre: escape
start_room: a
rooms: [{id: a, title: A, on_enter: [{end: perdu}]}]
endings: [{id: perdu, title: Perdu, text: Perdu., success: false}]
"""})
    assert {"lint.ending", "lint.unsolvable"} <= set(codes(folder, Severity.ERROR))


def test_puzzle_offered_by_no_object_in_an_escape_game(write_game):
    folder = write_game({"game.yaml": HEADER + """
genre: escape
start_room: a
rooms: [{id: a, title: A, on_enter: [{end: fin}]}]
puzzles: [{id: orpheline, type: truefalse, prompt: A ?, answer: true}]
endings: [{id: fin, title: Fin, text: Fini.}]
"""})
    assert "lint.unused_puzzle" in codes(folder, Severity.ERROR)


def test_large_image_is_a_warning(write_game):
    folder = write_game({"game.yaml": QUIZ + """
puzzles:
  - {id: q, type: hotspot, prompt: Clique., image: big.png, zones: [{id: z, x: 0, y: 0, w: 10, h: 10, correct: true}]}
"""})
    (folder / "big.png").write_bytes(png(10, 10) + b"\0" * 2_500_000)
    assert "lint.asset_large" in codes(folder, Severity.WARNING)


def test_hotspot_zone_outside_the_image(write_game):
    folder = write_game({"game.yaml": QUIZ + """
puzzles:
  - {id: q, type: hotspot, prompt: Clique., image: i.svg, zones: [{id: z, x: 95, y: 0, w: 10, h: 10, correct: true}]}
""", "i.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    assert "lint.answer" in codes(folder, Severity.ERROR)


def test_fixture_games_are_clean_of_errors():
    for name in ("mini_escape", "mini_quiz", "mini_challenge"):
        assert check_path(FIXTURES / name).errors == []


def test_a_flag_read_by_a_condition_is_not_reported_unused():
    # mini_escape's drawer is « visible: lumiere »: the flag is read.
    assert "lint.unused" not in [d.code for d in check_path(FIXTURES / "mini_escape").warnings]


def bundled():
    return sorted(p.name for p in GAMES.iterdir() if (p / "game.yaml").exists()) if GAMES.exists() else []


@pytest.mark.parametrize("name", bundled())
def test_bundled_games_have_no_error_and_no_warning(name):
    report = check_path(GAMES / name)
    assert [str(d) for d in report.diagnostics] == []
    assert report.solution_length is not None
