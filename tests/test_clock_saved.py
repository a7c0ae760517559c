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
    scene.session.flush()  # the clock's save is written aside, off the frame loop
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
    session.flush()
    assert json.loads((tmp_path / "save.json").read_text(encoding="utf-8"))["state"]["t"] == 5.5


def test_the_clock_save_never_overwrites_a_newer_one(tmp_path, monkeypatch) -> None:
    """The clock's save is written by a thread; a command's save asked after it wins,
    whatever order the two reach the disk in."""
    import threading

    from engine import session as session_module
    from engine.content.loader import load_game

    game = load_game(GAMES / "escape_fake_news").game
    session = Session(game, save_path=tmp_path / "save.json")
    written: list[float] = []
    release = threading.Event()
    real = session_module.write_atomic

    def slow_write(path, data, durable=True):
        if threading.current_thread().name == "save":
            release.wait(5)  # the disk is slow for the clock's save
        written.append(json.loads(data)["state"]["t"])
        real(path, data, durable)

    monkeypatch.setattr(session_module, "write_atomic", slow_write)
    assert session.keep_time(6.0)  # asked, being written aside
    session.state = session.state.evolve(t=7.0)
    threading.Timer(0.3, release.set).start()
    assert session.save()  # a command's save, later and newer: waits for the other
    session.flush()
    # in order (or the older one dropped), never the older over the newer
    assert written in ([6.0, 7.0], [7.0])
    assert json.loads((tmp_path / "save.json").read_text(encoding="utf-8"))["state"]["t"] == 7.0
