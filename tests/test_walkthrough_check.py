"""``sesame check`` plays the game's walkthrough against the game, so ``sesame guide``
never meets a stale one; and the guide survives one anyway."""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from engine.cli import main
from engine.content.check import check_path

from .conftest import FIXTURES, GAMES


@pytest.fixture
def game(tmp_path):
    folder = tmp_path / "mini_escape"
    shutil.copytree(FIXTURES / "mini_escape", folder)
    return folder


def walkthrough_errors(folder) -> list:
    return [d for d in check_path(folder, solve=False).errors if d.file == "walkthrough.yaml"]


@pytest.mark.parametrize("folder", [FIXTURES / "mini_escape", FIXTURES / "mini_quiz", FIXTURES / "mini_challenge"]
                         + sorted(p for p in GAMES.iterdir() if (p / "walkthrough.yaml").exists()),
                         ids=lambda p: p.name)
def test_shipped_walkthroughs_pass(folder):
    assert walkthrough_errors(folder) == []


def test_a_renamed_object_is_located_in_the_walkthrough(game):
    text = (game / "game.yaml").read_text(encoding="utf-8").replace("id: coffre,", "id: coffre2,")
    (game / "game.yaml").write_text(text, encoding="utf-8")
    [first, second] = walkthrough_errors(game)
    assert (first.line, first.code) == (5, "walkthrough.unknown_id")
    assert "« coffre » n’existe pas dans le jeu" in first.message and "« coffre2 »" in first.message
    assert second.line == 8


def test_a_walkthrough_that_does_not_win_is_an_error(game):
    text = (game / "walkthrough.yaml").read_text(encoding="utf-8")
    (game / "walkthrough.yaml").write_text(text.replace("  - go: porte\n", ""), encoding="utf-8")
    [problem] = walkthrough_errors(game)
    assert problem.code in ("walkthrough.no_win", "walkthrough.ending")


@pytest.mark.parametrize("text", ["steps: [{inspect: coffre}]\nseed: abc\n", "steps: 3\n", "steps: [{go: [1]}]\n",
                                  "expect: 5\nsteps: []\n", "step_s: x\nsteps: [{next: }]\n", "- a\n- b\n",
                                  "steps: [{answer: code_coffre}]\n", "\x00"])
def test_a_malformed_walkthrough_is_reported_not_raised(game, text):
    (game / "walkthrough.yaml").write_text(text, encoding="utf-8")
    assert walkthrough_errors(game)


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symbolic links as on POSIX")
def test_a_walkthrough_linked_from_outside_or_a_fifo_is_refused(game, tmp_path):
    (tmp_path / "elsewhere.yaml").write_text("steps: []\n", encoding="utf-8")
    (game / "walkthrough.yaml").unlink()
    (game / "walkthrough.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    assert "hors du dossier du jeu" in walkthrough_errors(game)[0].message
    (game / "walkthrough.yaml").unlink()
    os.mkfifo(game / "walkthrough.yaml")
    assert "n’est pas un fichier ordinaire" in walkthrough_errors(game)[0].message


def test_the_guide_of_a_game_whose_walkthrough_is_stale(game, tmp_path, capsys):
    text = (game / "game.yaml").read_text(encoding="utf-8").replace("id: coffre,", "id: coffre2,")
    (game / "game.yaml").write_text(text, encoding="utf-8")
    assert main(["guide", str(game), "--out", str(tmp_path)]) == 0
    page = (tmp_path / "guide-mini_escape.html").read_text(encoding="utf-8")
    assert "ne correspond plus au jeu" in page
    assert "Examiner « Coffre »" in page  # the solver's solution, with the object’s new id


def test_the_guide_of_a_game_with_a_broken_walkthrough(game, tmp_path):
    (game / "walkthrough.yaml").write_text("steps: [{inspect: [", encoding="utf-8")
    assert main(["guide", str(game), "--out", str(tmp_path)]) == 0
    assert "ne correspond plus au jeu" in (tmp_path / "guide-mini_escape.html").read_text(encoding="utf-8")


def test_the_guide_into_a_folder_that_cannot_be_written_is_a_message(game, tmp_path, capsys):
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    assert main(["guide", str(game), "--out", str(tmp_path / "fichier" / "guides")]) == 1
    err = capsys.readouterr().err
    assert "sesame: impossible d’écrire le guide dans" in err and "Choisissez un autre dossier" in err
    assert "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_the_editor_never_opens_a_walkthrough_that_is_a_fifo_or_a_link_out(game, tmp_path):
    from engine.editor.validate import _walkthrough_text

    (game / "walkthrough.yaml").unlink()
    os.mkfifo(game / "walkthrough.yaml")  # a plain read would wait for a writer for ever
    assert _walkthrough_text(game) == ""
    (game / "walkthrough.yaml").unlink()
    (tmp_path / "secret.yaml").write_text("steps: [secret]", encoding="utf-8")
    (game / "walkthrough.yaml").symlink_to(tmp_path / "secret.yaml")
    assert _walkthrough_text(game) == ""
