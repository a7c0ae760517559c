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

from .conftest import GAMES  # noqa: E402
from .test_player_screens import assert_fits  # noqa: E402 - one layout check for every screen
from .test_room_tags import played  # noqa: E402
from .test_room_tags import started as started_at  # noqa: E402

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
    return started_at(game, size, **prefs)


@pytest.mark.parametrize("name", ROOMS)
@pytest.mark.parametrize("config", CONFIGS)
def test_every_room_fits_on_its_picture_or_as_a_column(config, name):
    app, pilot = started(config, GAMES / name)
    seen = set()
    placed = set()
    for command in played(pilot, name):
        if isinstance(command, (cmd.Go, cmd.Answer, cmd.Use)):
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


def test_zones_fall_on_a_picture_of_any_shape(tmp_path):
    """A mediator's own picture need not be 16:10: the picture is drawn whole, its
    proportions kept, and the zones (in % of the picture, as the editor places them)
    fall on it, not on the 16:10 frame around it."""
    import shutil

    game = tmp_path / "stereotypes"
    shutil.copytree(GAME, game)
    hall = (game / "images" / "hall.svg").read_text(encoding="utf-8")
    square = hall.replace('viewBox="0 0 1600 1000" width="1600" height="1000"',
                          'viewBox="0 0 1600 1000" width="1000" height="1000" preserveAspectRatio="none"')
    assert square != hall
    (game / "images" / "hall.svg").write_text(square, encoding="utf-8")
    app, _pilot = started("1920_default", game)
    scene = app.scene
    picture = scene.picture_area
    assert abs(picture.width - picture.height) <= 1  # the square picture's own shape
    room = scene.game.rooms["hall"]
    obj = next(o for o in (scene.game.objects[i] for i in room.objects) if o.rect is not None and o.rect.w * picture.width / 100 >= 44
               and o.rect.h * picture.height / 100 >= 44)
    zone = next(w for w in scene.widgets if w.id == f"object:{obj.id}").rect
    assert abs(zone.x - (picture.x + obj.rect.x * picture.width / 100)) <= 1
    assert abs(zone.y - (picture.y + obj.rect.y * picture.height / 100)) <= 1
