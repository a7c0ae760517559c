"""Code puzzles drawn as padlocks (engine/player/locks.py): wheels turned by buttons,
the field for typing, one answer between them, said in words."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.core import commands as cmd  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.locks import PadlockInput  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

from .conftest import GAMES  # noqa: E402

GAME = GAMES / "escape_fake_news"


def at_lock(puzzle: str, size=(1366, 768), **prefs):
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **prefs}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(GAME)))
    pilot.click("start")
    pilot.dismiss()
    for _line, command in read_walkthrough(GAME / "walkthrough.yaml").commands:
        if command is None:
            continue
        if isinstance(command, cmd.Answer) and command.puzzle == puzzle:
            return app, pilot, pilot.puzzle_panel(puzzle), command
        pilot.perform(command)
        if isinstance(command, (cmd.Go, cmd.Answer)):
            pilot.dismiss()
    raise AssertionError(f"{puzzle} never opened")


@pytest.mark.parametrize("size, prefs", [((1366, 768), {}), ((1920, 1080), {}), ((1280, 720), {"text_scale": 2.0})])
def test_the_wheels_open_the_lock(size, prefs):
    app, pilot, panel, command = at_lock("p_code_labo", size, **prefs)
    assert isinstance(panel.input, PadlockInput)
    for index, char in enumerate(str(command.value)):
        for _turn in range(int(char)):
            pilot.click(f"wheel:{index}:up")
    assert panel.input.field.value == command.value
    assert pilot.find("wheel:0:up").speech.startswith("Molette 1 sur 4 : 2")
    pilot.click("submit")
    assert app.scene.session.state.progress["p_code_labo"].status == "solved"


def test_wheels_wrap_and_follow_what_is_typed():
    _app, pilot, panel, _command = at_lock("p_code_labo")
    pilot.click("wheel:3:down")  # 0 → 9
    assert panel.input.field.value == "0009"
    panel.input.field.value = "25"
    panel.changed()  # typing lays the panel out again: the wheels show it
    assert panel.input.shown() == "2500"
    assert pilot.find("wheel:1:up").speech.startswith("Molette 2 sur 4 : 5")


def test_typing_still_answers():
    app, pilot, panel, command = at_lock("p_code_archives")
    pilot.perform(command)  # the walkthrough types the code in the field
    assert app.scene.session.state.progress["p_code_archives"].status == "solved"


def test_a_letter_code_turns_through_the_alphabet():
    app, _pilot, panel, _command = at_lock("p_code_labo")
    lock = panel.input
    lock.field.allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    lock.field.value = ""
    from engine.player.locks import TurnWheel

    lock.act(TurnWheel(0, 1))
    lock.act(TurnWheel(1, -1))
    assert lock.field.value == "B9AA"
