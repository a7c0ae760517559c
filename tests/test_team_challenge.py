"""A team challenge through the interface (issue 15): names asked, « Au tour de … »
between turns with the clock stopped, the poll answered by every team and compared,
time stopped during a round's presentation and the explanations, a podium with shared
places, and a rematch with the same teams."""

from __future__ import annotations

import pytest

from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.debrief import DebriefScene
from engine.player.scenes.handover import HandoverScene, turn_title
from engine.player.scenes.home import HomeScene
from engine.player.scenes.intro import IntroScene
from engine.player.scenes.panels import MessagePanel
from engine.player.scenes.play import PlayScene
from engine.player.scenes.podium import PodiumScene, podium_lines, verdict
from engine.replay import read_walkthrough

from .conftest import GAMES

GAME = GAMES / "metiers_industrie"


@pytest.fixture
def game_started(tmp_path, monkeypatch):
    monkeypatch.setenv("SESAME_HOME", str(tmp_path))
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(GAME)))
    pilot = Pilot(app)
    pilot.click("teams:2")
    pilot.click("field:team0")
    pilot.type("Les Lynx")
    app.seed = 0
    pilot.click("start")
    return app, pilot


def test_turns_hand_over_and_the_clock_waits(game_started) -> None:
    app, pilot = game_started
    assert isinstance(app.scene, HandoverScene) and app.scene.team == "Les Lynx"
    play = app.scenes[-2]
    assert isinstance(play, PlayScene) and play.session.state.teams == ("Les Lynx", "Équipe 2")
    pilot.wait(30)
    assert play.t == 0  # « Au tour de … »: no time counts
    pilot.click("ready")
    assert app.scene is play and isinstance(play.panel, MessagePanel)  # the round's presentation
    pilot.wait(20)
    assert play.t == 0
    pilot.click("close")
    pilot.wait(5)
    assert play.t == 5
    walkthrough = read_walkthrough(GAME / "walkthrough.yaml")
    seen_turns = []
    compared = False
    for _line, command in walkthrough.commands:
        if command is None:
            continue
        pilot.past_handover()
        scene = app.scene
        if isinstance(scene, PlayScene):
            seen_turns.append(scene.session.state.team)
            compared = compared or any(isinstance(p, MessagePanel) and "Les Lynx : " in p.text
                                       for p in scene.panels)
        pilot.perform(command)
        if isinstance(app.scene, PlayScene) and app.scene.session.state.current:
            state = app.scene.session.state
            if state.puzzle(state.current).status != "open":
                before = app.scene.t
                pilot.wait(40)  # reading the explanation: no time counts
                assert app.scene.t == before
    pilot.dismiss()
    assert compared, "the teams' answers to the poll were not shown side by side"
    assert isinstance(app.scene, (PodiumScene, DebriefScene))


def test_podium_and_rematch(game_started) -> None:
    app, pilot = game_started
    play = app.scenes[-2]
    app.pop()  # past « Au tour de … »
    play.session.state = play.session.state  # unchanged: the podium reads the score
    podium = PodiumScene(app, play.session)
    app.replace(podium)
    pilot.click("rematch")
    intro = app.scene
    assert isinstance(intro, IntroScene) and intro.teams == 2
    assert intro.fields["team0"].value == "Les Lynx"


def test_podium_words() -> None:
    assert verdict({"A": 3, "B": 5}) == "Bravo à l’équipe « B » !"
    assert verdict({"A": 5, "B": 5, "C": 1}).startswith("Égalité en tête")
    assert verdict({"A": 5, "B": 5}).startswith("Égalité parfaite")
    assert podium_lines({"A": 5, "B": 5, "C": 1}) == [
        "1er ex aequo : A, 5 points", "1er ex aequo : B, 5 points", "3e : C, 1 point"]
    assert turn_title("Équipe 2") == "Au tour de l’équipe 2"
    assert turn_title("*") == "Question pour toutes les équipes"


def test_the_podium_stands_the_teams_on_steps(game_started) -> None:
    """Two or three teams stand on a podium's steps in their colours, the first the
    highest; with no room for steps (200 % text), the places are said in words."""
    app, _pilot = game_started
    play = app.scenes[-2]
    app.pop()
    podium = PodiumScene(app, play.session)
    app.replace(podium)
    podium.by_team = {"Les Lynx": 80, "Équipe 2": 95}
    top, bottom = 200, app.size[1] - 120
    assert podium._steps(app.surface.copy(), top, bottom)
    first = app.surface.copy()
    first.fill((0, 0, 0))  # nothing but the steps
    podium._steps(first, top, bottom)
    # the first team's step (in the middle-left for two teams) reaches higher than the second's
    from engine.player.scenes.handover import team_colour

    teams = play.session.state.teams
    rows = {team: min(y for y in range(first.get_height())
                      if any(first.get_at((x, y))[:3] == team_colour(team, teams) for x in range(0, first.get_width(), 7)))
            for team in teams}
    assert rows["Équipe 2"] < rows["Les Lynx"]
    assert not podium._steps(app.surface.copy(), top, top + 100)  # no room: the list says them
