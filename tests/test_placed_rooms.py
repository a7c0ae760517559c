"""Rooms drawn on a picture, objects placed on it (games/stereotypes with its own
pictures, games/escape_fake_news with the art library's): every room of each game, at every screen size and text size, fits the window with no overlap and whole
labels; when the text is too large for the picture, the room becomes the column that
scrolls, without the picture behind it."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.core import commands as cmd  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

from .conftest import GAMES  # noqa: E402
from .test_player_screens import assert_fits  # noqa: E402 - one layout check for every screen

GAME = GAMES / "stereotypes"
ROOMS = {"stereotypes": {"hall", "cdi", "techno", "orientation", "gymnase"},
         "escape_fake_news": {"redaction", "labo_photo", "archives", "cuisine_centrale", "bureau_nadia"}}
CONFIGS = {
    "1366_default": ((1366, 768), {}),
    "1920_default": ((1920, 1080), {}),
    "1280_default": ((1280, 720), {}),
    "1366_text200": ((1366, 768), {"text_scale": 2.0}),
}


def started(config: str, game=GAME) -> tuple[App, Pilot]:
    """The game (stereotypes unless told), just started, in ``config``."""
    size, prefs = CONFIGS[config]
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **prefs}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(game)))
    pilot.click("start")
    pilot.dismiss()
    return app, pilot


@pytest.mark.parametrize("name", ROOMS)
@pytest.mark.parametrize("config", CONFIGS)
def test_every_room_fits_on_its_picture_or_as_a_column(config, name):
    app, pilot = started(config, GAMES / name)
    seen = set()
    placed = set()
    for _line, command in read_walkthrough(GAMES / name / "walkthrough.yaml").commands:
        if command is None:
            continue
        pilot.perform(command)
        if isinstance(command, (cmd.Go, cmd.Answer, cmd.Use)):
            pilot.dismiss()
            scene = app.scene
            room = getattr(scene, "session", None) and scene.session.state.room
            if room and getattr(scene, "panel", True) is None:
                assert_fits(app)
                seen.add(room)
                if scene.placed:
                    placed.add(room)
    assert seen == ROOMS[name]
    if config != "1366_text200":
        assert placed == ROOMS[name]  # every room drawn on its picture


def test_large_text_turns_a_crowded_picture_into_a_column():
    shown = {}
    for config in ("1366_default", "1366_text200"):
        app, _pilot = started(config)
        shown[config] = (app.scene.placed, app.scene.viewport is None)
    assert shown["1366_default"] == (True, True)  # on the picture, nothing to scroll
    assert shown["1366_text200"] == (False, False)  # a column that scrolls, no picture
