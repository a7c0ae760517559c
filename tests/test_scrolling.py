"""Long texts scroll as pupils expect: a wheel notch moves three lines, and « Suite plus
bas » is said while there is more below, not once the end is reached (play-through of the
two new games)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from engine.player.scenes.panels import MessagePanel  # noqa: E402

from .conftest import GAMES  # noqa: E402
from .test_player_e2e import start  # noqa: E402

MORE = "Suite plus bas : molette ou touche Page suivante"


def _texts_drawn(app, monkeypatch) -> list[str]:
    said: list[str] = []
    real = app.ui.text.render

    def render(text, *args, **kwargs):
        said.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(app.ui.text, "render", render)
    app.scene.invalidate()
    app.step([])
    monkeypatch.setattr(app.ui.text, "render", real)
    return said


def test_more_below_is_said_until_the_end_and_a_notch_scrolls_three_lines(monkeypatch):
    app, _pilot, _walkthrough = start(GAMES / "escape_fake_news", size=(1024, 600), text_scale=2.0)
    while app.step([], dt=5.0):
        pass
    scene = app.scene
    long_text = "\n\n".join(f"Paragraphe {n} : une phrase assez longue pour prendre de la place." for n in range(30))
    panel = MessagePanel(scene, "Un long message", long_text)
    scene.open(panel, front=True)
    scene.relayout()
    while app.step([], dt=5.0):
        pass
    assert panel.max_scroll() > 0
    assert MORE in _texts_drawn(app, monkeypatch)
    before = panel.scroll
    app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0)])
    assert panel.scroll - before == app.ui.metrics.wheel_step >= app.ui.metrics.body * 3
    for _ in range(200):
        if panel.scroll >= panel.max_scroll():
            break
        app.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0)])
    assert panel.scroll == panel.max_scroll()
    assert MORE not in _texts_drawn(app, monkeypatch)


def test_a_document_says_scroll_for_more_only_while_there_is_more(monkeypatch):
    from engine.player.scenes.panels import DocumentPanel

    hint = "Fais défiler pour lire la suite (molette, flèches)."
    app, pilot, _walkthrough = start(GAMES / "metiers_industrie", size=(1366, 768), text_scale=2.0)
    pilot.past_handover()  # a team challenge starts with « Au tour de … »
    while app.step([], dt=5.0):
        pass
    scene = app.scene
    panel = DocumentPanel(scene, "portrait_fictif_chloe")
    scene.open(panel, front=True)
    scene.relayout()
    while app.step([], dt=5.0):
        pass
    assert panel.scroll_limit > 0
    assert hint in _texts_drawn(app, monkeypatch)
    for _ in range(200):
        if panel.scroll >= panel.scroll_limit:
            break
        app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="", scancode=0)])
    assert panel.scroll == panel.scroll_limit
    assert hint not in _texts_drawn(app, monkeypatch)
