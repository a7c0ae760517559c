"""Redraw what changed (issue 11): a pointer move that changes nothing draws nothing, and
a change of hover or focus repaints the widgets concerned alone — to the same pixels as
a whole new picture would give."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.player.scenes.panels import DocumentPanel  # noqa: E402

from .conftest import GAMES  # noqa: E402
from .test_player_e2e import start  # noqa: E402


def _move(app, pos) -> None:
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])


def _same_as_a_whole_picture(app) -> None:
    partial = app.surface.copy()
    app.scene.invalidate()
    app.step([])
    whole = app.surface
    differ = [(x, y) for x in range(0, whole.get_width(), 3) for y in range(0, whole.get_height(), 3)
              if partial.get_at((x, y)) != whole.get_at((x, y))]
    assert not differ, f"{len(differ)} pixels differ, first at {differ[:3]}"


def _screens(app, pilot):
    yield "room"
    scene = app.scene
    document = next(iter(scene.game.documents))
    scene.open(DocumentPanel(scene, document), front=True)
    scene.relayout()
    app.step([])
    yield "document"


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_hover_repaints_only_its_widgets_and_gives_the_same_picture(size):
    app, pilot, _walkthrough = start(GAMES / "escape_fake_news", size=size)
    for _screen in _screens(app, pilot):
        while app.step([], dt=5.0):  # the panel's fade-in, over
            pass
        _move(app, (2, app.size[1] - 2))  # nothing there
        frames = app.frames
        _move(app, (4, app.size[1] - 4))  # still nothing: no frame at all
        assert app.frames == frames
        for widget in [w for w in app.scene.widgets if app.scene.shown(w)][:12]:
            _move(app, widget.rect.center)
            assert app.scene.hover is widget or app.scene.at(widget.rect.center) is app.scene.hover
            _same_as_a_whole_picture(app)


def test_tab_repaints_the_focus_ring_alone_and_gives_the_same_picture():
    app, pilot, _walkthrough = start(GAMES / "escape_fake_news")
    pilot.press(pygame.K_TAB)  # the first key shows the ring: a whole picture
    for _ in range(6):
        pilot.press(pygame.K_TAB)
        _same_as_a_whole_picture(app)
        assert app.spoken == app.scene.focus.speech != ""  # what a voice would say
