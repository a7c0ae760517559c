"""Text fields (issue 15): caret, Home/End, selection with Shift, Ctrl+A, copy, cut,
paste; the rules pure (engine.player.textedit), then through a real field."""

from __future__ import annotations

import pygame
import pytest

from engine.player import textedit as te
from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.intro import IntroScene

from .conftest import GAMES


def test_typing_in_the_middle_and_moving_by_letters_and_words() -> None:
    edit = te.Edit.at_end("biais confirmation")
    edit = te.key(edit, "left", ctrl=True)  # before « confirmation »
    assert edit.caret == 6
    edit = te.insert(edit, "de ")
    assert edit.text == "biais de confirmation" and edit.caret == 9
    edit = te.key(edit, "home")
    assert edit.caret == 0
    edit = te.key(edit, "right")
    assert edit.caret == 1
    edit = te.key(edit, "end")
    assert edit.caret == len(edit.text)


def test_selection_with_shift_replaced_by_what_is_typed() -> None:
    edit = te.Edit.at_end("infox")
    edit = te.key(edit, "left", shift=True)
    edit = te.key(edit, "left", shift=True)
    assert edit.selected == "ox"
    edit = te.insert(edit, "tox")
    assert edit.text == "inftox" and edit.selected == ""
    edit = te.key(edit, "home", shift=True)
    assert edit.selected == "inftox"
    # An arrow without Shift drops the selection at its side.
    assert te.key(edit, "left").caret == 0 and te.key(edit, "right").caret == 6
    assert te.key(edit, "right").selected == ""


def test_backspace_delete_and_words() -> None:
    edit = te.Edit.at_end("fake news")
    assert te.key(edit, "backspace").text == "fake new"
    assert te.key(edit, "backspace", ctrl=True).text == "fake "
    start = te.key(edit, "home")
    assert te.key(start, "delete").text == "ake news"
    assert te.key(start, "delete", ctrl=True).text == " news"
    assert te.key(te.Edit("", 0, 0), "backspace").text == ""


def test_select_all_copy_cut_paste() -> None:
    board: list[str] = []
    edit = te.key(te.Edit.at_end("infox"), "a", ctrl=True)
    assert edit.selected == "infox"
    te.key(edit, "c", ctrl=True, copy=board.append)
    assert board == ["infox"]
    cut = te.key(edit, "x", ctrl=True, copy=board.append)
    assert cut.text == "" and board == ["infox", "infox"]
    pasted = te.key(cut, "v", ctrl=True, paste=lambda: "fake\nnews ")
    assert pasted.text == "fake news"  # one line
    assert te.key(pasted, "v", ctrl=True, paste=lambda: "x" * 50, max_length=12).text == "fake newsxxx"
    assert te.key(pasted, "v") is None  # a letter without Ctrl is typing, not editing
    assert te.key(pasted, "tab") is None


def test_outside_changes_are_clamped() -> None:
    assert te.Edit("ab", 7, -3).clamped() == te.Edit("ab", 2, 0)


@pytest.fixture
def field_scene(tmp_path, monkeypatch):
    monkeypatch.setenv("SESAME_HOME", str(tmp_path))
    app = App((1366, 768), prefs=Preferences())
    app.push(IntroScene(app, str(GAMES / "escape_fake_news")))
    pilot = Pilot(app)
    pilot.focus("field:who")
    return app, pilot


def test_a_field_edits_with_the_keyboard(field_scene) -> None:
    app, pilot = field_scene
    board: list[str] = []
    pygame_scrap = pygame.scrap
    field = app.scene.focus
    pilot.type("Equipe bleue")
    pilot.press(pygame.K_LEFT, pygame.KMOD_CTRL)
    pilot.press(pygame.K_LEFT)
    pilot.type(" 2")
    assert field.value == "Equipe 2 bleue"
    pilot.press(pygame.K_HOME)
    pilot.press(pygame.K_DELETE)
    pilot.type("É")
    assert field.value == "Équipe 2 bleue"
    pilot.press(pygame.K_END, pygame.KMOD_SHIFT)  # from after « É » to the end
    assert field.editing().selected == "quipe 2 bleue"
    old_put, old_get = pygame_scrap.put_text, pygame_scrap.get_text
    try:
        pygame_scrap.put_text, pygame_scrap.get_text = board.append, lambda: "cole"  # type: ignore[assignment]
        pilot.press(pygame.K_a, pygame.KMOD_CTRL)
        pilot.press(pygame.K_x, pygame.KMOD_CTRL)
        assert field.value == "" and board == ["Équipe 2 bleue"]
        pilot.press(pygame.K_v, pygame.KMOD_CTRL)
        pilot.press(pygame.K_v, pygame.KMOD_CTRL)
    finally:
        pygame_scrap.put_text, pygame_scrap.get_text = old_put, old_get
    assert field.value == "colecole"
    pilot.press(pygame.K_BACKSPACE)
    assert field.value == "colecol"
    app.scene.draw(app.surface)  # caret and selection drawn without error
