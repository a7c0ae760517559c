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
                                    FIXTURES / "mini_escape"], ids=lambda p: p.name)
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
        assert shown(question if isinstance(question, str) else question["fr"]) in page
    for method in game.methods:
        assert shown(method.title.get()) in page
    assert "<script" not in page and "src=" not in page  # nothing loaded from anywhere
    if game.genre == "escape":
        assert "La solution pas à pas" in page


def test_guide_of_a_missing_game_is_a_usage_error(tmp_path):
    assert main(["guide", str(tmp_path / "nothing"), "--out", str(tmp_path)]) == 2
