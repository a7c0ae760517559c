"""Every stage of both bundled games on a small screen (issue 15): 1024×600 (the
minimum window) and 1366×748 (a laptop's 1366×768 under a 20 px title bar), each with
200 % text, the dyslexia font and high contrast together. At each step of the
walkthrough, played through the interface, no widget leaves the window or overlaps
another, and each button's label, drawn by the real font at the width it is given,
fits inside the button."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pytest

from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.home import HomeScene
from engine.player.scenes.intro import IntroScene
from engine.player.widgets import Button
from engine.replay import read_walkthrough

from .conftest import GAMES
from .test_player_screens import assert_fits, visible_widgets

HARD = {"text_scale": 2.0, "font": "dyslexic", "contrast": "high", "sound": False, "reduced_motion": True}
SIZES = {"1024x600": (1024, 600), "1366x748": (1366, 748)}


def assert_labels_drawn_inside(app: App) -> None:
    """The label as the button draws it (Typesetter.render at the button's text width)
    is no wider and no taller than the button leaves for it."""
    ui = app.ui
    m = ui.metrics
    for widget in visible_widgets(app):
        if not isinstance(widget, Button) or not widget.label:
            continue
        size = widget.size or m.body
        icon_w = (round(size * 1.1) + m.unit) if (widget.icon or widget.selected) else 0
        text_w = widget.rect.width - m.unit * 4 - icon_w
        drawn = ui.text.render(widget.label, size, (0, 0, 0), max(10, text_w), bold=widget.style == "primary")
        height = drawn.get_height()
        if widget.detail:
            height += ui.text.render(widget.detail, m.small, (0, 0, 0), max(10, text_w)).get_height() + m.unit // 2
        assert drawn.get_width() <= max(10, text_w) + 1, f"« {widget.label} » is wider than {widget.id}"
        assert height <= widget.rect.height, f"« {widget.label} » is taller than {widget.id}"


CHECKED: list[str] = []


def check(app: App, where: str) -> None:
    app.dirty = True
    app.step([])
    CHECKED.append(where)
    shots = os.environ.get("SESAME_SHOTS")  # a folder: every stage saved, to look at
    if shots:
        app.screenshot(Path(shots) / f"{len(CHECKED):03d}-{type(app.scene).__name__}.png")
    try:
        assert_fits(app)
        assert_labels_drawn_inside(app)
    except AssertionError as error:
        raise AssertionError(f"{where} ({type(app.scene).__name__}): {error}") from None


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("game", ["escape_fake_news", "metiers_industrie"])
def test_every_stage_fits_a_small_screen_with_large_text(game: str, size: str, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SESAME_HOME", str(tmp_path))
    folder = GAMES / game
    walkthrough = read_walkthrough(folder / "walkthrough.yaml")
    app = App(SIZES[size], prefs=Preferences(HARD), seed=walkthrough.options.seed)
    app.push(HomeScene(app))
    check(app, "home")
    app.push(IntroScene(app, str(folder)))
    pilot = Pilot(app)
    check(app, "intro")
    if walkthrough.options.teams:
        pilot.click(f"teams:{len(walkthrough.options.teams)}")
        check(app, "intro with teams")
    pilot.click("start")
    check(app, "start")
    for line, command in walkthrough.commands:
        if command is None:
            continue
        pilot.past_handover()
        check(app, f"before line {line}")
        pilot.perform(command)
        check(app, f"after line {line}")
    pilot.dismiss()
    check(app, "the end")
    assert len(CHECKED) > 40  # every step was looked at
    assert pygame.display.get_surface().get_size() == SIZES[size]


@pytest.mark.parametrize("size", SIZES)
def test_home_with_a_game_to_resume_fits(size: str, tmp_path, monkeypatch) -> None:
    """« Reprendre « … » » with the longest bundled title, on the small screens."""
    monkeypatch.setenv("SESAME_HOME", str(tmp_path))
    app = App(SIZES[size], prefs=Preferences(HARD), seed=0)
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(GAMES / "metiers_industrie")))
    pilot = Pilot(app)
    pilot.click("start")
    pilot.past_handover()
    app.scene.session.release()
    app.home()
    app.scene.relayout()
    assert app.scene.widget("resume:metiers_industrie") is not None
    check(app, "home with a game to resume")
