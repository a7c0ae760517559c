"""Sorting rows (a categories puzzle: the stereotypes' brochure, 8 sentences into 2
categories) keep a steady height, placed or not, judged or not, but reserve no more
than the line that says where each went: the 8 rows took 3 screens at 1366×768 in
the second play-through (h9 §2 2b), each padded to ~130 px for a two-line « dans : … »."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from .test_answer_pictures import LAPTOP, LARGE, at  # noqa: E402
from .test_play_targets import click  # noqa: E402

PUZZLE = "p_tri"


def rows(app):
    return {w.id: w.rect.size for w in app.scene.widgets if w.id.startswith(("left:", "right:"))}


def span(app) -> int:
    lefts = [w.rect for w in app.scene.widgets if w.id.startswith("left:")]
    return max(r.bottom for r in lefts) - min(r.top for r in lefts)


@pytest.mark.parametrize("size", [LAPTOP, (1366, 768)])
def test_the_eight_rows_take_at_most_a_screen_and_a_half(size):
    app, panel = at("stereotypes", PUZZLE, size=size)
    assert span(app) <= panel.content.height * 1.5, (span(app), panel.content.height)


@pytest.mark.parametrize("size, prefs", [(LAPTOP, {}), ((1366, 768), {}), (LAPTOP, LARGE)])
def test_no_row_grows_as_it_is_placed_nor_when_judged(size, prefs):
    app, panel = at("stereotypes", PUZZLE, size=size, **prefs)
    before = rows(app)
    source = panel.input
    answer = {item: (source.right[0][0] if n % 2 else source.right[1][0]) for n, (item, _t) in enumerate(source.left)}
    for item, target in answer.items():  # with the mouse, as a pupil: the element, then its category
        for widget_id in (f"left:{item}", f"right:{target}"):
            widget = app.scene.widget(widget_id)
            if not app.scene.shown(widget):
                app.scene.scroll_to(widget)
                widget = app.scene.widget(widget_id)
            click(app, widget.rect.clip(app.scene.viewport).center)
        assert rows(app) == before, "a row changed its height as it was placed"
    assert source.links == answer
    panel.scroll_by(10_000)
    click(app, app.scene.widget("submit").rect.center)
    assert panel.verdict is not None and not panel.verdict.correct
    assert rows(app) == before, "a row changed its height with the verdict"
    detail = app.scene.widget(f"left:{source.left[0][0]}").detail
    assert detail.startswith("dans : ")  # where it went, still said in words
