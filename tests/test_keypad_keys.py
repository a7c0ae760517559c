"""The digicode's keys show their digit (and the back key its arrow) in their middle,
the compact keypad of 200 % text as the full one: Button's ``centred``."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.player.widgets import Button  # noqa: E402

from .test_answer_pictures import LARGE  # noqa: E402
from .test_digicode import opened  # noqa: E402


def ink_box(surface: pygame.Surface, rect: pygame.Rect, fill) -> pygame.Rect:
    """Where anything but the key's fill is drawn inside its border."""
    inner = rect.inflate(-12, -12)
    xs, ys = [], []
    for x in range(inner.left, inner.right):
        for y in range(inner.top, inner.bottom):
            if tuple(surface.get_at((x, y)))[:3] != tuple(fill)[:3]:
                xs.append(x)
                ys.append(y)
    assert xs, rect
    return pygame.Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)


@pytest.mark.parametrize("prefs", [LARGE, {"text_scale": 2.0}, {}], ids=["large", "text200", "default"])
def test_each_keys_digit_is_in_its_middle(prefs):
    app, _pilot, panel = opened(**prefs)
    lock = panel.input
    if prefs:
        assert lock.compact  # 200 % text on a laptop: the compact keypad
    pygame.mouse.set_pos((1, 1))
    app.step([])
    app.scene.focus = None
    app.scene.relayout()
    app.step([])
    keys = [w for w in app.scene.widgets if isinstance(w, Button) and w.id.startswith("key:")]
    assert len(keys) == 11
    off = []
    for key in keys:
        fill, _ink, _edge = key.colors(app.ui, False)
        box = ink_box(app.surface, key.rect, fill)
        dx, dy = box.centerx - key.rect.centerx, box.centery - key.rect.centery
        if abs(dx) > 3 or abs(dy) > 4:
            off.append(f"{key.id}: {dx:+d}, {dy:+d} px from the middle")
    assert not off, off
