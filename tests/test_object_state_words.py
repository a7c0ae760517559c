"""An object says its state in the same words on the room's picture (its zone's tag,
badge and voice) and in the list view (« Liste »): an object unlocked and not looked
at yet is « déverrouillé, à examiner » with an open padlock in both (the list said
« à examiner » with a star). One function gives them: room.object_state."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.player.scenes import room as room_view  # noqa: E402
from engine.player.widgets import Button  # noqa: E402

from .test_room_tags import played, started  # noqa: E402


def shown(scene) -> dict[str, tuple[str, str]]:
    """Each object of the room as the screen shows it: its words, and its state
    (the picture) or its mark (the list)."""
    out = {}
    for widget in scene.widgets:
        if not widget.id.startswith("object:"):
            continue
        if isinstance(widget, room_view.Hotspot):
            out[widget.id] = (widget.detail, room_view.LISTED[widget.state])
            assert widget.speech.endswith(" — " + widget.detail)
        elif isinstance(widget, Button):
            out[widget.id] = (widget.detail, widget.icon)
            assert widget.speech.endswith(" — " + widget.detail)
    return out


@pytest.mark.parametrize("game", ["escape_fake_news", "stereotypes"])
def test_the_list_and_the_picture_say_each_objects_state_alike(game):
    app, pilot = started(game, (1366, 768))
    met, compared = set(), 0
    for command in played(pilot, game):
        scene = app.scene
        if getattr(scene, "panel", True) is not None or not scene.placed or not scene.session.state.room:
            continue
        picture = shown(scene)
        pilot.click("view")  # « Liste »
        assert scene.as_list
        listed = shown(scene)
        pilot.click("view")  # « Image »
        assert not scene.as_list
        assert listed == picture, (command, listed, picture)
        for object_id in picture:
            key, words = room_view.object_state(scene.session.rules, scene.session.state,
                                                scene.game.objects[object_id.removeprefix("object:")])
            assert picture[object_id] == (words, room_view.LISTED[key])
            met.add(key)
        compared += 1
    assert compared and "unlocked" in met and "new" in met and "seen" in met, (compared, met)
