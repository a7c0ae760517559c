"""The facilitator's guide carries every answer, explanation, hint and source of the
game, the solution step by step, the debrief and the debate questions."""

from __future__ import annotations

from html import escape

import pytest

from engine.cli import main
from engine.content.loader import load_game
from engine.core import puzzles as ptypes
from engine.core.text import french

from .conftest import FIXTURES, GAMES


def shown(text: str) -> str:
    return escape(french(text))


@pytest.mark.parametrize("folder", [GAMES / "escape_fake_news", GAMES / "metiers_industrie",
                                    GAMES / "alimentation", FIXTURES / "mini_escape"], ids=lambda p: p.name)
def test_guide_holds_every_answer_and_source(folder, tmp_path, capsys):
    assert main(["guide", str(folder), "--out", str(tmp_path)]) == 0
    game = load_game(folder).game
    page = (tmp_path / f"guide-{game.id}.html").read_text(encoding="utf-8")
    for puzzle in game.puzzles.values():
        assert escape(ptypes.get(puzzle.type).describe(puzzle.spec, "fr")) in page, puzzle.id
        if puzzle.explanation:
            assert shown(puzzle.explanation.get().split("\n")[0]) in page, puzzle.id
        for hint in puzzle.hints:
            assert shown(hint.text.get()) in page
    for source in game.sources.values():
        assert escape(source.title) in page
    for question in game.facilitator.get("debate") or []:
        if isinstance(question, dict) and "question" in question:
            assert shown(question["question"]) in page
            if question.get("expect"):
                assert shown(question["expect"]) in page
        else:
            assert shown(question if isinstance(question, str) else question["fr"]) in page
    for entry in game.facilitator.get("glossary") or []:
        assert shown(entry["term"]) in page and shown(entry["definition"]) in page
    for contact in game.facilitator.get("contacts") or []:
        assert escape(contact["name"]) in page and shown(contact["what"]) in page
    if game.facilitator.get("newer_figures"):
        assert shown(game.facilitator["newer_figures"].split("\n")[0]) in page
    for method in game.methods:
        assert shown(method.title.get()) in page
    assert "<script" not in page and "src=" not in page  # nothing loaded from anywhere
    if game.genre == "escape":
        assert "La solution pas à pas" in page


def test_guide_of_a_missing_game_is_a_usage_error(tmp_path):
    assert main(["guide", str(tmp_path / "nothing"), "--out", str(tmp_path)]) == 2


FACILITATOR = """\
genre: quiz
puzzles:
  - {id: q, type: truefalse, prompt: Vrai ?, answer: true, explanation: Parce que., sources: [s]}
sources:
  - {id: s, title: Une source}
endings:
  - {id: fin, title: Fin, text: Fini.}
review:
  - {reviewer: Équipe du jeu, role: relecture interne, date: "2026-12-01", scope: chaque affirmation}
facilitator:
  debate:
    - Une question seule ?
    - question: Une question avec des attentes ?
      expect: Le groupe devrait dire que la dose compte.
  glossary:
    - {term: Axe tronqué, definition: Un axe qui ne commence pas à zéro.}
  newer_figures: Voir la publication annuelle du ministère.
  contacts:
    - {name: CLEMI, what: Éducation aux médias et à l’information.}
"""


def test_facilitator_fields_are_valid_and_in_the_guide(write_game, tmp_path):
    from engine.content.check import check_path

    from .conftest import HEADER

    folder = write_game({"game.yaml": HEADER + FACILITATOR})
    report = check_path(folder)
    assert [str(d) for d in report.errors] == []
    assert main(["guide", str(folder), "--out", str(tmp_path)]) == 0
    page = (tmp_path / "guide-test.html").read_text(encoding="utf-8")
    for text in ("Une question seule ?", "Une question avec des attentes ?", "Le groupe devrait dire que la dose compte.",
                 "Axe tronqué", "Un axe qui ne commence pas à zéro.", "Voir la publication annuelle du ministère.",
                 "Éducation aux médias et à l’information.", "Équipe du jeu", "relecture interne"):
        assert shown(text) in page, text
    assert escape("CLEMI") in page


def test_a_misspelled_facilitator_field_is_refused(write_game):
    from engine.content.check import check_path

    from .conftest import HEADER

    folder = write_game({"game.yaml": HEADER + FACILITATOR.replace("definition:", "defintion:")})
    assert check_path(folder).errors
