"""« Clique sur la partie du document… » (a spot): every click on the document
registers, with real mouse events. The second play-through clicked the chart's big
bar, the natural wrong answer, and nothing happened (h9 §3.3): the bars were no part
of the chart, and a click off every part hit no widget at all."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.content.loader import load_game  # noqa: E402
from engine.core import puzzles as ptypes  # noqa: E402
from engine.core.puzzles.pointing import answer_words  # noqa: E402
from engine.player.answers import SpotInput  # noqa: E402

from .conftest import GAMES  # noqa: E402
from .test_answer_pictures import LAPTOP, LARGE, at  # noqa: E402

PUZZLE = "p_graph_axe"


def click(app, pos) -> None:
    """Scroll ``pos`` into the panel's view, as a person would with the wheel, then
    click it with the mouse (real events)."""
    view = app.scene.viewport
    if not view.collidepoint(pos):
        shift = pos[1] - view.centery
        before = app.scene.panel.scroll
        app.scene.scroll_by(shift)
        pos = (pos[0], pos[1] - (app.scene.panel.scroll - before))
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])


def big_bar(app):
    """A point on the second (taller) bar, from the chart's horizontal axis: in the
    right half of the plot, just above the axis."""
    axis = app.scene.widget("part:x_axis").rect
    return axis.x + axis.width * 3 // 4, axis.y - 12


@pytest.mark.parametrize("prefs", [{}, LARGE])
def test_a_click_on_the_big_bar_is_marked_then_judged(prefs):
    app, panel = at("escape_fake_news", PUZZLE, size=LAPTOP, **prefs)
    assert isinstance(panel.input, SpotInput)
    click(app, big_bar(app))
    assert panel.input.value() is not None  # something is chosen, and shown chosen
    assert app.scene.widget("submit").enabled
    assert panel.input.value() == "plot"  # the bars, a part of the chart like its axes
    app.scene.panel.scroll_by(10_000)
    submit = app.scene.widget("submit")
    click(app, submit.rect.center)
    progress = app.scene.session.state.progress[PUZZLE]
    assert progress.wrong == 1 and panel.verdict is not None and not panel.verdict.correct


def test_a_click_off_every_part_is_marked_where_it_fell():
    app, panel = at("escape_fake_news", PUZZLE, size=LAPTOP)
    source = panel.input
    parts = [w.rect for w in app.scene.widgets if w.id.startswith("part:")]
    page = pygame.Rect(source.origin, source.surface.get_size())
    spot = next((x, y) for y in range(page.y + 4, page.bottom - 4, 6) for x in range(page.x + 4, page.right - 4, 6)
                if app.scene.viewport.collidepoint(x, y) and not any(r.collidepoint(x, y) for r in parts))
    click(app, spot)
    assert source.value() == "-" and source.point is not None  # as a hotspot's miss is recorded
    assert app.scene.widget("document") not in app.scene.focusables()  # the keyboard goes part to part
    app.dirty = True
    app.step([])
    mark = pygame.Rect(0, 0, 30, 30)
    mark.center = spot
    assert app.surface.get_at(spot) == app.ui.palette.focus or any(
        app.surface.get_at((x, y)) == app.ui.palette.focus for x in range(mark.left, mark.right)
        for y in range(mark.top, mark.bottom))  # the place is marked
    app.scene.panel.scroll_by(10_000)
    click(app, app.scene.widget("submit").rect.center)
    assert app.scene.session.state.progress[PUZZLE].wrong == 1


def test_the_axis_is_still_the_answer():
    app, panel = at("escape_fake_news", PUZZLE, size=LAPTOP)
    axis = app.scene.widget("part:y_axis").rect
    click(app, (axis.x + 6, axis.centery))
    assert panel.input.value() == "y_axis"
    app.scene.panel.scroll_by(10_000)
    click(app, app.scene.widget("submit").rect.center)
    assert app.scene.session.state.progress[PUZZLE].status == "solved"


def test_the_class_summary_has_words_for_the_bars_and_a_miss():
    """The bars and a miss in words, the one way the result file, the class summary
    and the player's voice say them (``pointing.answer_words``)."""
    game = load_game(GAMES / "escape_fake_news").game
    puzzle = game.puzzles[PUZZLE]
    kind, document = ptypes.get("spot"), game.documents[puzzle.document]
    said = {part: answer_words(kind, puzzle.spec, document, part) for part in ("plot", "-", "y_axis")}
    assert said == {"plot": "les barres ou la courbe du graphique", "-": "ailleurs dans le document",
                    "y_axis": "l’axe vertical du graphique"}
