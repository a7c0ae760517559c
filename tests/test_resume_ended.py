"""A save of a game that had ended (the window closed, or the battery died, on the
ending's front page): « Reprendre » tells the end again as at the end of play (the
front page, or the time-out's message), then the results; a quiz goes straight to its
debrief, a team challenge to its podium."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from engine.content.loader import load_game  # noqa: E402
from engine.core.rules import Options  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.debrief import DebriefScene  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.player.scenes.panels import MessagePanel  # noqa: E402
from engine.player.scenes.play import PlayScene  # noqa: E402
from engine.player.scenes.podium import PodiumScene  # noqa: E402
from engine.player.story import EndingPanel  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402
from engine.session import Session, save_path_for  # noqa: E402

from .conftest import FIXTURES  # noqa: E402


def _installed(name: str) -> Path:
    folder = Path(os.environ["SESAME_HOME"]) / "games" / name
    if not folder.exists():
        shutil.copytree(FIXTURES / name, folder)
    return folder


def _played_to_the_end(name: str, time_out: bool = False) -> PlayScene:
    """Play the fixture through the interface to its end, and stop on what the end
    shows (the window is closed there: the save stays, claimed by nobody)."""
    folder = _installed(name)
    walkthrough = read_walkthrough(folder / "walkthrough.yaml")
    app = App((1366, 768), prefs=Preferences({"sound": False}), seed=walkthrough.options.seed)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(folder)))
    pilot.click("field:who")
    pilot.type("Loutre")
    pilot.click("start")
    if time_out:
        pilot.wait(601)  # ten minutes and one second: the timer's ending
    else:
        for _line, command in [c for c in walkthrough.commands if c[1] is not None]:
            pilot.perform(command)
    scene = app.scene
    assert isinstance(scene, PlayScene) and scene.session.ended
    scene.session.release()
    return scene


def _resumed(name: str) -> tuple[App, Pilot]:
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    pilot = Pilot(app)
    pilot.click(f"resume:{name}")
    pilot.click("start")
    return app, pilot


def test_an_ended_escape_game_shows_its_front_page_then_the_debrief(sesame_home):
    played = _played_to_the_end("mini_escape")
    assert any(isinstance(p, EndingPanel) for p in played.panels)  # the window closed before it
    app, pilot = _resumed("mini_escape")
    scene = app.scene
    assert isinstance(scene, PlayScene) and isinstance(scene.panel, EndingPanel)
    assert scene.panel.title == "Victoire" and scene.panel.success
    assert [type(p) for p in scene.panels] == [EndingPanel]  # nothing else left open
    assert scene.widget("close") is not None and scene.widget("close").label == "Voir le débriefing"
    assert not list((sesame_home / "results").glob("*.json"))  # the result waits for the debrief
    pilot.press(pygame.K_RETURN)
    assert isinstance(app.scene, DebriefScene) and app.scene.session.state.ending == "victoire"
    assert len(list((sesame_home / "results").glob("*.json"))) == 1
    assert not save_path_for("mini_escape").exists()  # nothing left to resume
    pilot.click("home")
    assert isinstance(app.scene, HomeScene) and "resume:mini_escape" not in pilot.ids()


def test_an_escape_game_ended_by_its_timer_says_so_again(sesame_home):
    played = _played_to_the_end("mini_escape", time_out=True)
    assert played.session.state.time_up and isinstance(played.panel, MessagePanel)
    app, pilot = _resumed("mini_escape")
    scene = app.scene
    assert isinstance(scene, PlayScene) and isinstance(scene.panel, MessagePanel)
    assert not isinstance(scene.panel, EndingPanel)  # a time-out says itself, as in play
    assert scene.panel.title == "Le temps est écoulé"
    assert scene.t == played.session.state.t  # the clock does not run again
    pilot.click("close")
    assert isinstance(app.scene, DebriefScene) and app.scene.session.state.ending == "trop_tard"


def _ended_save(name: str, teams: tuple[str, ...] = ()) -> None:
    folder = _installed(name)
    game = load_game(folder).game
    walkthrough = read_walkthrough(folder / "walkthrough.yaml")
    session = Session(game, options=Options(seed=walkthrough.options.seed, teams=teams or walkthrough.options.teams),
                      save_path=save_path_for(game.id), player="Lynx")
    for _line, command in walkthrough.commands:
        if command is not None and not session.ended:
            session.do(command)
    assert session.ended
    session.release()


def test_an_ended_quiz_goes_to_its_debrief(sesame_home):
    _ended_save("mini_quiz")
    app, _pilot = _resumed("mini_quiz")
    assert isinstance(app.scene, DebriefScene)


def test_an_ended_team_challenge_goes_to_its_podium(sesame_home):
    _ended_save("mini_challenge", teams=("Bleus", "Verts"))
    app, pilot = _resumed("mini_challenge")
    assert isinstance(app.scene, PodiumScene)  # as at the end of play
    pilot.click("debrief")
    assert isinstance(app.scene, DebriefScene)
