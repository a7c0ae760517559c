"""The window fits the screen it opens on (issue 15): the size asked for where the
display has room for it and its frame, else shrunk and maximised; never below
MIN_SIZE; with Sésame's own icon."""

from __future__ import annotations

import pygame
import pytest

from engine.player import app as app_module
from engine.player.app import MIN_SIZE, App
from engine.player.prefs import Preferences


def make(size: tuple[int, int], desktop: tuple[int, int], monkeypatch: pytest.MonkeyPatch,
         tmp_path) -> tuple[App, list[str]]:
    monkeypatch.setattr(pygame.display, "get_desktop_sizes", lambda: [desktop])
    maximised: list[str] = []

    class FakeWindow:
        minimum_size = (0, 0)

        @classmethod
        def from_display_module(cls) -> FakeWindow:
            return cls()

        def maximize(self) -> None:
            maximised.append("yes")

    monkeypatch.setattr(pygame, "Window", FakeWindow)
    app = App(size, prefs=Preferences())
    app.fit_to_screen()
    return app, maximised


def test_a_big_screen_keeps_the_size_asked(monkeypatch, tmp_path) -> None:
    app, maximised = make((1366, 768), (1920, 1080), monkeypatch, tmp_path)
    assert app.size == (1366, 768) and not maximised


def test_a_laptop_screen_opens_maximised_within_its_frame(monkeypatch, tmp_path) -> None:
    """1366×768 asked on a 1366×768 laptop: a title bar and a taskbar would hide the
    bottom row, so the window shrinks under the display and the window manager
    maximises it into the work area."""
    app, maximised = make((1366, 768), (1366, 768), monkeypatch, tmp_path)
    assert maximised
    width, height = app.size
    assert width <= 1366 - app_module.FRAME_ALLOWANCE[0] and height <= 768 - app_module.FRAME_ALLOWANCE[1]


def test_never_below_the_minimum(monkeypatch, tmp_path) -> None:
    app, maximised = make((1366, 768), (1280, 720), monkeypatch, tmp_path)
    assert app.size[0] >= MIN_SIZE[0] and app.size[1] >= MIN_SIZE[1] and maximised
    app.resize((640, 480))
    assert app.size == MIN_SIZE


def test_a_screen_smaller_than_the_window_and_its_frame_opens_full_screen(monkeypatch, tmp_path) -> None:
    """1024×600 (a netbook): the smallest window and a title bar do not fit, so full
    screen, where the bottom row cannot be hidden."""
    app, maximised = make((1366, 768), (1024, 600), monkeypatch, tmp_path)
    assert app.fullscreen and not maximised


def test_the_icon_is_drawn() -> None:
    from engine.paths import assets

    pygame.display.init()
    icon = pygame.image.load_sized_svg(str(assets() / "icon.svg"), (64, 64))
    assert icon.get_size() == (64, 64)
    colours = {tuple(icon.get_at((x, y))) for x in range(0, 64, 4) for y in range(0, 64, 4)}
    assert len(colours) > 2  # a picture, not an empty square
