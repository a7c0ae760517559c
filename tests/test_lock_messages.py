"""Locks through the interface (issue 15): one message through the wrong attempts and
the cooldown, said inside the puzzle's panel (no separate dialog); what is drawn open
is open, what is drawn shut is shut."""

from __future__ import annotations

from pathlib import Path

import pygame

from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.intro import IntroScene
from engine.player.scenes.panels import MessagePanel, PuzzlePanel

from .conftest import HEADER

GAME = HEADER + """
genre: escape
start_room: hall
rooms:
  - id: hall
    title: Le hall
    objects:
      - id: coffre
        label: Le coffre
        lock: p_code
      - id: affiche
        label: L’affiche
    exits:
      - id: porte
        label: La porte du bureau
        to: bureau
        requires: solved(p_code)
        locked_text: La porte est fermée.
  - id: bureau
    title: Le bureau
puzzles:
  - id: p_code
    type: code
    prompt: Le code du coffre ?
    code: "1234"
    attempts: {cooldown_after: 3, cooldown_s: 20}
endings:
  - {id: fin, title: Fin, text: Fini., when: visited(bureau)}
"""


def test_the_cooldown_is_said_in_the_panel_and_exits_are_drawn_as_they_are(write_game, tmp_path, monkeypatch):
    monkeypatch.setenv("SESAME_HOME", str(tmp_path / "home"))
    folder = write_game({"game.yaml": GAME})
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(IntroScene(app, str(folder)))
    pilot = Pilot(app)
    pilot.click("start")
    pilot.dismiss()
    scene = app.scene
    door = scene.widget("exit:porte")
    assert door.icon == "lock"  # its condition does not hold: drawn shut
    pilot.click("object:coffre")
    panel = scene.panel
    assert isinstance(panel, PuzzlePanel)
    for _attempt in range(3):
        pilot.click("field:code" if scene.widget("field:code") else "entry")
        pilot.type("0000")
        pilot.click("submit")
    assert not any(isinstance(p, MessagePanel) for p in scene.panels)
    assert "attends 20 secondes" in panel._cooldown_note()
    pilot.wait(5)
    field = next(w for w in scene.widgets if w.id in ("entry", "field:code"))
    pilot.click(field.id)
    pilot.press(pygame.K_a, pygame.KMOD_CTRL)
    pilot.type("1111")
    assert not scene.widget("submit").enabled  # too early: « Valider » greyed, the wait said beside it
    assert panel.why_greyed() == "« Valider » revient dans 15 s."
    pilot.press(pygame.K_RETURN)  # Enter in the field: nothing sent, said in the same panel
    assert scene.panel is panel and not any(isinstance(p, MessagePanel) for p in scene.panels)
    assert scene.session.state.progress[panel.puzzle.id].wrong == 3
    assert "attends 15 secondes" in panel._cooldown_note()
    if shots := __import__("os").environ.get("SESAME_SHOTS"):
        app.screenshot(Path(shots) / "cooldown.png")
    pilot.wait(16)
    pilot.click(field.id)
    pilot.press(pygame.K_a, pygame.KMOD_CTRL)
    pilot.type("1234")
    pilot.click("submit")
    pilot.click("continue")
    pilot.dismiss()
    assert scene.widget("exit:porte").icon == "door"  # open now, and it lets through
    pilot.click("exit:porte")
    assert scene.session.ended or scene.session.state.room == "bureau"


def test_the_countdown_is_not_offered_mid_game(tmp_path, monkeypatch) -> None:
    """The settings opened from a game's pause leave out what changes its rules."""
    from engine.player.scenes.settings import SettingsScene

    from .conftest import GAMES

    monkeypatch.setenv("SESAME_HOME", str(tmp_path))
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(SettingsScene(app))
    pilot = Pilot(app)
    assert app.scene.widget("pref:time_factor:None") is not None  # from home: offered
    app.pop()
    app.push(IntroScene(app, str(GAMES / "escape_fake_news")))
    pilot.click("start")
    pilot.dismiss()
    pilot.press(pygame.K_ESCAPE)  # the pause
    pilot.click("settings")
    assert isinstance(app.scene, SettingsScene)
    assert app.scene.widget("pref:time_factor:None") is None
    assert app.scene.widget("pref:text_scale:2.0") is not None
