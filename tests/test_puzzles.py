"""Every puzzle type: judging, partial credit, solutions, malformed answers."""

from __future__ import annotations

import pytest

from engine.content.loader import load_game
from engine.core import puzzles as ptypes

from .conftest import FIXTURES


@pytest.fixture(scope="module")
def quiz():
    return load_game(FIXTURES / "mini_quiz", use_cache=False).game


def judge(game, puzzle_id, answer):
    puzzle = game.puzzles[puzzle_id]
    return ptypes.get(puzzle.type).judge(puzzle.spec, answer)


def test_every_type_is_registered_and_in_the_schema():
    from engine.content.schema import schema

    assert set(ptypes.REGISTRY) == set(schema()["$defs"]["puzzle"]["properties"]["type"]["enum"])


@pytest.mark.parametrize("puzzle_id", [f"q{i}" for i in range(1, 11)])
def test_the_solution_of_each_type_is_judged_correct(quiz, puzzle_id):
    puzzle = quiz.puzzles[puzzle_id]
    kind = ptypes.get(puzzle.type)
    assert kind.problems(puzzle.spec) == []
    result = kind.judge(puzzle.spec, kind.solution(puzzle.spec))
    assert result.correct and result.fraction == 1.0
    assert kind.describe(puzzle.spec, "fr")


@pytest.mark.parametrize("puzzle_id, answer, correct, fraction, detail", [
    ("q1", "b", False, 0.0, "b"),
    ("q2", ["a"], False, 0.5, "a"),             # partial credit: one of two
    ("q2", ["a", "c"], False, 0.0, "a+c"),      # a wrong pick cancels a right one
    ("q3", True, False, 0.0, "true"),
    ("q4", "TOULOUSE !", True, 1.0, "toulouse"),  # case, punctuation, spaces forgiven
    ("q4", "Tolouse", True, 1.0, "toulouse"),  # one typo in 8 letters forgiven
    ("q4", "Tolouze", False, 0.0, "tolouze"),   # two are too many
    ("q5", 32, True, 1.0, "32"),                # within tolerance 2
    ("q5", 41, False, 0.5, "41"),               # closeness: (41-30-2)/(20-2) off
    ("q5", 60, False, 0.0, "60"),
    ("q6", ["up", "left", "up"], False, 0.0, "up left up"),
    ("q7", ["a", "c", "b"], False, 1 / 3, "a>c>b"),
    ("q8", {"a": "b", "b": "a"}, False, 0.0, "a=b,b=a"),
    ("q9", {"i1": "x", "i2": "x"}, False, 0.5, "i1=x,i2=x"),
    ("q10", {"x": 55, "y": 55}, False, 0.0, "z2"),
    ("q10", {"x": 90, "y": 90}, False, 0.0, "-"),
    ("q10", "z1", True, 1.0, "z1"),            # keyboard play names the zone
])
def test_judging(quiz, puzzle_id, answer, correct, fraction, detail):
    result = judge(quiz, puzzle_id, answer)
    assert (result.correct, result.detail) == (correct, detail)
    assert result.fraction == pytest.approx(fraction, abs=1e-3)


@pytest.mark.parametrize("puzzle_id, answer", [
    ("q1", "z"), ("q1", ["a"]), ("q2", "a"), ("q3", "false"), ("q4", 3), ("q5", "30"),
    ("q5", True), ("q6", ["north"]), ("q7", ["a", "b"]), ("q8", {"a": "a"}),
    ("q9", {"i1": "zz", "i2": "y"}), ("q10", {"x": "1"}), ("q10", "nowhere"),
])
def test_malformed_answers_raise_answer_error(quiz, puzzle_id, answer):
    with pytest.raises(ptypes.AnswerError):
        judge(quiz, puzzle_id, answer)


@pytest.mark.parametrize("given, expected, right", [
    ("biais de confirmaton", "Biais de confirmation", True),   # one letter missing
    ("BIAIS DE CONFRIMATION", "biais de confirmation", True),  # two letters swapped
    ("biaisdeconfirmation", "biais de confirmation", True),    # spacing ignored
    ("biais de  confirmation", "biais de confirmation", True),
    ("Île de France", "ile-de-france", True),                 # accents, hyphens
    ("baises de confirmaton", "biais de confirmation", False), # three typos in 19
    ("bais", "biais", False),                                 # five letters: exact
    ("ado", "adn", False),                                    # three letters: exact
    ("adn", "ADN", True),
    ("intox", "infox", False),
    ("cyberharcelemnt", "cyberharcèlement", True),
    ("loi de 1882", "loi de 1881", False),                    # figures are exact
    ("", "x", False),
])
def test_free_text_forgives_typos_in_proportion(given, expected, right):
    from engine.core.text import close_enough

    assert close_enough(given, expected) is right


def test_typos_allowed_grow_with_length():
    from engine.core.text import typos_allowed

    assert [typos_allowed(n) for n in (1, 3, 5, 6, 11, 12, 19, 20, 60)] == [0, 0, 0, 1, 1, 2, 2, 3, 3]


def test_code_lock_is_case_insensitive_and_exact(write_game):
    from .conftest import HEADER

    folder = write_game({"game.yaml": HEADER + """
genre: quiz
puzzles:
  - {id: c, type: code, prompt: Code ?, code: AB12}
"""})
    game = load_game(folder, use_cache=False).game
    assert judge(game, "c", " ab12 ").correct
    assert not judge(game, "c", "AB13").correct


def test_a_poll_has_no_wrong_answer_and_no_points(write_game):
    from engine.core import commands as cmd
    from engine.core.rules import Rules
    from engine.core.scoring import score

    from .conftest import HEADER

    folder = write_game({"game.yaml": HEADER + """
genre: quiz
puzzles:
  - id: avis
    type: poll
    prompt: Qui imaginez-vous dans ce métier ?
    options: [{id: f, text: Une femme}, {id: h, text: Un homme}, {id: x, text: Les deux}]
    explanation: Il n’y a pas de bonne réponse.
  - {id: q, type: truefalse, prompt: Vrai ?, answer: true}
"""})
    game = load_game(folder, use_cache=False).game
    poll = game.puzzles["avis"]
    assert poll.points == 0
    for option in ("f", "h", "x"):
        assert judge(game, "avis", option).correct
    with pytest.raises(ptypes.AnswerError):
        judge(game, "avis", "z")
    rules = Rules(game)
    state, _ = rules.start()
    state, _ = rules.apply(state, cmd.Answer(1, "avis", "h"))
    assert score(game, state).max_points == 10 and score(game, state).points == 0


def test_a_poll_with_a_correct_option_is_an_error(write_game):
    from engine.content.check import check_path

    from .conftest import HEADER

    folder = write_game({"game.yaml": HEADER + """
genre: quiz
puzzles:
  - {id: avis, type: poll, prompt: Avis ?, options: [{id: a, text: A, correct: true}, {id: b, text: B}]}
"""})
    assert "lint.answer" in [d.code for d in check_path(folder).errors]
