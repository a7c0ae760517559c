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


def test_a_clock_tick_shows_the_bar_alone_and_the_same_picture(monkeypatch):
    """A frame where only time passed redraws and shows the top bar alone (the live
    layer), not the whole picture; what the window holds is still a whole picture."""
    app, pilot, _walkthrough = start(GAMES / "metiers_industrie", size=(1920, 1080))
    pilot.past_handover()
    pilot.click("close")  # the round's introduction (the clock waits for it)
    while app.step([], dt=5.0):  # fades, over
        pass
    scene = app.scene
    assert scene.session.rules.time_left(scene.session.state.evolve(t=scene.t)) is not None  # a countdown
    shown: list = []
    monkeypatch.setattr(pygame.display, "update", lambda rects=None: shown.append(list(rects)))
    monkeypatch.setattr(pygame.display, "flip", lambda: shown.append("all"))
    app.step([], dt=0.1)  # within the same second: nothing to draw
    app.step([], dt=1.0)  # the countdown shows one second less
    assert shown == [[scene.bar, scene.bar]], shown
    _same_as_a_whole_picture(app)


def test_after_an_effect_the_window_gets_the_whole_picture_again(monkeypatch):
    """Confetti draw over the picture: the frame after they end shows all of it, so no
    piece of them stays on the screen."""
    from engine.player import feedback

    app, _pilot, _walkthrough = start(GAMES / "escape_fake_news", size=(1366, 768))
    while app.step([], dt=5.0):
        pass
    feedback.start(app, feedback.Confetti((300, 300), "Bravo !", app.ui.metrics.unit))
    app.step([], dt=0.05)
    shown: list = []
    monkeypatch.setattr(pygame.display, "update", lambda rects=None: shown.append(list(rects)))
    monkeypatch.setattr(pygame.display, "flip", lambda: shown.append("all"))
    while app.step([], dt=0.5):
        pass
    assert shown and shown[-1] == "all"
    _same_as_a_whole_picture(app)


def test_a_whole_fade_is_blitted_as_opaque():
    """A crossfade's first frame blits the room left at full opacity: with a surface alpha
    of 255, SDL blends by its slow path (48 ms at 1920×1080, against 1.2 ms opaque)."""
    from engine.player import feedback

    app, _pilot, _walkthrough = start(GAMES / "escape_fake_news", size=(1366, 768))
    fade = feedback.Fade(app.surface.copy())
    fade.draw(app.surface, app.ui)
    assert fade.before is not None and fade.before.get_alpha() is None
    fade.update(fade.duration / 2)
    fade.draw(app.surface, app.ui)
    assert fade.before.get_alpha() is not None and 0 < fade.before.get_alpha() < 255


def test_the_score_is_counted_when_it_can_have_changed_not_each_frame(monkeypatch):
    """The top bar's score is counted again after an answer (a new progress), not on
    each frame a clock tick or a pointer move draws."""
    from engine.core.scoring import Score
    from engine.session import Session

    app, pilot, walkthrough = start(GAMES / "metiers_industrie", size=(1366, 768))
    pilot.past_handover()
    pilot.click("close")  # the round's introduction
    while app.step([], dt=5.0):
        pass
    counted: list[Score] = []
    real = Session.score

    def counting(session):
        counted.append(real(session))
        return counted[-1]

    monkeypatch.setattr(Session, "score", counting)
    for _ in range(5):
        app.step([], dt=1.0)  # the countdown: five new bars
        app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=(400, 400), rel=(1, 0), buttons=(0, 0, 0))])
    assert counted == []
    scene = app.scene
    before = scene.session.state.progress
    command = next(c for _line, c in walkthrough.commands if c is not None)
    pilot.perform(command)  # an answer: the score may change
    assert scene.session.state.progress is not before
    assert len(counted) >= 1
    seen = len(counted)
    for _ in range(3):
        app.step([], dt=1.0)
    assert len(counted) == seen
