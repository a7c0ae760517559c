"""Where the keyboard focus goes by itself (issue 15): answer fields take it when a
puzzle opens, « Continuer » after a verdict, the answer again after a wrong one, the
object just inspected when a panel is closed with Escape. Played with real key events
through the pilot; and what the end of the countdown says, per the game's rules."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.debrief import DebriefScene  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.player.scenes.panels import MessagePanel, PuzzlePanel  # noqa: E402
from engine.player.scenes.play import PlayScene  # noqa: E402

from .conftest import FIXTURES, GAMES  # noqa: E402


def start(folder) -> tuple[App, Pilot]:
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(folder)))
    app.seed = 1
    pilot = Pilot(app, mode="keyboard")
    pilot.click("start")
    assert isinstance(app.scene, PlayScene)
    return app, pilot


def focused(app: App) -> str | None:
    return app.scene.focus.id if app.scene.focus is not None else None


def test_the_focus_follows_the_play_of_a_lock_by_keyboard():
    app, pilot = start(FIXTURES / "mini_escape")
    scene = app.scene
    pilot.click("object:coffre")  # Tab to it, Enter
    assert isinstance(scene.panel, PuzzlePanel) and scene.panel.puzzle.id == "code_coffre"
    assert focused(app) == "entry", "the code field takes the focus: typed digits are not lost"
    pilot.type("1234")
    pilot.press(pygame.K_RETURN)
    assert scene.panel.verdict is not None and not scene.panel.resolved
    assert focused(app) == "entry", "after a wrong code, back to the field"
    pilot.press(pygame.K_ESCAPE)
    assert scene.panel is None
    assert focused(app) == "object:coffre", "the panel closed: back on the object just inspected"
    pilot.press(pygame.K_RETURN)  # Enter opens it again, without a Tab
    assert isinstance(scene.panel, PuzzlePanel)
    assert focused(app) == "entry"
    pilot.press(pygame.K_a, mod=pygame.KMOD_CTRL)  # the wrong code, selected, is typed over
    pilot.type("1945")
    assert scene.panel.input.field.value == "1945"
    pilot.press(pygame.K_RETURN)
    assert scene.panel.resolved
    assert focused(app) == "continue", "after the verdict, « Continuer »"
    pilot.press(pygame.K_RETURN)
    assert scene.panel is None or not isinstance(scene.panel, PuzzlePanel)
    pilot.dismiss()
    assert focused(app) == "object:coffre"


def test_each_question_of_a_quiz_can_be_answered_without_reaching_for_its_field():
    app, pilot = start(FIXTURES / "mini_quiz")
    scene = app.scene
    for _question in range(3):  # a single choice, a multiple choice, true or false
        assert isinstance(scene.panel, PuzzlePanel)
        first = focused(app)
        assert first is not None and first.startswith(("option:", "tf:")), first
        pilot.press(pygame.K_RETURN)  # chooses the focused option
        pilot.focus("submit")
        pilot.press(pygame.K_RETURN)
        assert scene.panel.resolved and focused(app) == "continue"
        pilot.press(pygame.K_RETURN)  # the next question
    assert scene.panel.puzzle.id == "q4" and focused(app) == "entry"
    pilot.type("Toulouse")  # straight away: the field has the focus
    pilot.press(pygame.K_RETURN)
    assert scene.panel.resolved and scene.panel.verdict.correct
    assert focused(app) == "continue"
    pilot.press(pygame.K_RETURN)
    assert scene.panel.puzzle.id == "q5" and focused(app) == "entry"


def test_the_end_of_the_countdown_says_what_the_rules_decided(tmp_path):
    # The game's rules end it at time-out (an ending for that case): said so, and the
    # lock left open goes (nothing can be answered any more): the debrief comes next.
    app, pilot = start(FIXTURES / "mini_escape")
    pilot.click("object:coffre")
    pilot.wait(10 * 60 + 1)
    message = app.scene.panel
    assert isinstance(message, MessagePanel) and app.scene.panels == [message]
    assert "terminée" in message.text and "continuer à jouer" not in message.text
    pilot.press(pygame.K_RETURN)
    assert isinstance(app.scene, DebriefScene)
    # A countdown without an ending: the game goes on, and says so.
    folder = tmp_path / "mini_escape"
    shutil.copytree(FIXTURES / "mini_escape", folder)
    game = folder / "game.yaml"
    game.write_text(game.read_text(encoding="utf-8").replace("timer: {minutes: 10, ending: trop_tard}",
                                                             "timer: {minutes: 10}"), encoding="utf-8")
    app, pilot = start(folder)
    pilot.wait(10 * 60 + 1)
    message = app.scene.panel
    assert isinstance(message, MessagePanel) and "continuer à jouer" in message.text
    pilot.press(pygame.K_RETURN)
    assert isinstance(app.scene, PlayScene) and app.scene.panel is None


def test_a_keyboard_user_keeps_the_focus_ring_on_the_next_screen():
    """After Enter on a screen, the next one shows where the focus is without another key
    press; after a click, it shows none (mouse users see no ring)."""
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    home = app.scene
    home.handle(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="\t"))
    assert home.focus_visible
    app.push(IntroScene(app, str(GAMES / "escape_fake_news")))
    assert app.scene.focus_visible
    app.pop()
    assert app.scene is home and home.focus_visible
    home.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(1, 1)))
    app.push(IntroScene(app, str(GAMES / "escape_fake_news")))
    assert not app.scene.focus_visible
