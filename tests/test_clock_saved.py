"""The game clock is saved with its seconds between answers (issue 15): after a crash
the countdown resumes within a few seconds of where it was, not at the last answer."""

from __future__ import annotations

import json

from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.intro import IntroScene
from engine.session import Session, save_path_for

from .conftest import GAMES


def test_the_clock_is_saved_between_answers(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SESAME_HOME", str(tmp_path))
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(IntroScene(app, str(GAMES / "escape_fake_news")))
    pilot = Pilot(app)
    pilot.click("start")
    pilot.dismiss()
    scene = app.scene
    for _ in range(37):
        pilot.wait(1.0)
    assert round(scene.t) == 37
    saved = json.loads(save_path_for("escape_fake_news").read_text(encoding="utf-8"))
    assert 35 <= saved["state"]["t"] <= 37  # what a killed process leaves behind
    resumed = Session.resume(scene.game, save_path_for("escape_fake_news"))
    left = resumed.rules.time_left(resumed.state)
    assert left is not None and left <= 45 * 60 - 35


def test_keep_time_saves_at_most_every_few_seconds(tmp_path, monkeypatch) -> None:
    from engine.content.loader import load_game

    game = load_game(GAMES / "escape_fake_news").game
    session = Session(game, save_path=tmp_path / "save.json")
    assert not session.keep_time(3.0)
    assert session.keep_time(5.5) and session.state.t == 5.5
    assert not session.keep_time(7.0)
    assert json.loads((tmp_path / "save.json").read_text(encoding="utf-8"))["state"]["t"] == 5.5
