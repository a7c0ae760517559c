"""A spot puzzle's parts are spoken in words, the words the class summary uses for
them (core.puzzles.pointing.part_words), never by their ids (« y_axis », « plot »):
the chart of the archives reached and chosen with real keys (Tab, arrows, Enter)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from engine.core import puzzles as ptypes  # noqa: E402
from engine.core.puzzles.pointing import MISSED, part_words  # noqa: E402

from .test_answer_pictures import at  # noqa: E402


def test_each_part_of_the_chart_is_spoken_in_words_when_reached_and_chosen():
    app, panel = at("escape_fake_news", "p_graph_axe")
    spoken: list[str] = []
    app.voice = spoken.append
    document = app.scene.session.game.documents["graphique_viral"]
    parts = [w.id.removeprefix("part:") for w in panel.input.widgets if w.id.startswith("part:")]
    assert {"y_axis", "plot", "title"} <= set(parts)
    heard: dict[str, str] = {}
    for _press in range(40):
        app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="\t", scancode=0)])
        focus = app.scene.focus
        if focus is None or not focus.id.startswith("part:") or focus.id in heard:
            continue
        app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)])
        part = focus.id.removeprefix("part:")
        assert panel.input.chosen == part  # chosen…
        heard[focus.id] = app.spoken  # …and the line the voice said last
        if len(heard) == len(parts):
            break
    assert len(heard) == len(parts), heard
    for part in parts:
        said = heard[f"part:{part}"]
        assert said == part_words(document, part), (part, said)
        assert said != part and "_" not in said
    assert heard["part:y_axis"] == "l’axe vertical du graphique"
    assert heard["part:plot"] == "les barres ou la courbe du graphique"
    assert spoken and not any(line in parts for line in spoken)


def test_a_miss_has_the_words_the_class_summary_gives_it():
    _app, panel = at("escape_fake_news", "p_graph_axe")
    backdrop = panel.input.widgets[0]
    assert backdrop.id == "document"
    assert backdrop.speech == ptypes.get("spot").answer_text(panel.input.spec, MISSED) == "ailleurs dans le document"


def test_the_teams_answers_to_a_spot_are_compared_in_words():
    from engine.content.loader import load_game
    from engine.player.scenes.handover import compared_answers

    from .conftest import GAMES

    game = load_game(GAMES / "escape_fake_news").game
    text = compared_answers(game, ("Bleus", "Verts"), "p_graph_axe", ("y_axis", MISSED))
    assert text == "Bleus : l’axe vertical du graphique\n\nVerts : ailleurs dans le document"
