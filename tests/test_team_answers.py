"""The teams' answers compared after a poll every team answered: a paragraph a team, so
that a long answer that wraps is not read as the next team's, a part a line for an
answer of several parts (a matching's pairs); the panel wraps and scrolls at 200 % text
on a laptop's window. Every team's points stay in the top bar with long names."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.content.loader import load_game  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.handover import compared_answers  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.player.scenes.panels import MessagePanel  # noqa: E402
from engine.player.scenes.play import PlayScene  # noqa: E402

from .conftest import GAMES  # noqa: E402

LONG_A = ("Une femme ingénieure aéronautique qui travaille de nuit dans un hangar de maintenance "
          "près de Toulouse-Blagnac, avec son équipe")
LONG_B = ("Un homme, technicien de maintenance, qui a appris le métier en apprentissage dans un "
          "lycée professionnel de la région")
GAME = f"""format: 1
id: defi_long
title: Défi aux longues réponses
summary: Un défi pour regarder les réponses longues des équipes.
genre: challenge
version: 1.0.0
audience: {{age_min: 11, age_max: 18}}
duration: {{min: 5, max: 10}}
licence: CC-BY-SA-4.0
challenge:
  teams: {{min: 1, max: 4}}
  rounds:
    - {{id: r1, title: Manche 1, puzzles: [sondage]}}
puzzles:
  - id: sondage
    type: poll
    prompt: Quand tu penses à quelqu’un qui répare les avions, qui imagines-tu en premier ?
    options:
      - {{id: a, text: "{LONG_A}"}}
      - {{id: b, text: "{LONG_B}"}}
      - {{id: c, text: Personne en particulier}}
    feedback:
      correct: Merci pour ta réponse.
endings:
  - {{id: fini, title: Fini, text: Bravo à toutes les équipes.}}
"""
TEAMS = ("Les Exploratrices et Explorateurs du CDI", "Équipe Rouge-Gorge du club de techno")
LARGE = {"text_scale": 2.0, "font": "dyslexic", "contrast": "high"}


def _compared(folder, size, prefs):
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **prefs}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(folder)))
    pilot.click("teams:2")
    for index, name in enumerate(TEAMS):
        pilot.click(f"field:team{index}")
        pilot.type(name)
    pilot.click("start")
    pilot.past_handover()
    pilot.click("close")  # the round's presentation
    for option in ("option:a", "option:b"):  # each team in turn, « Au tour de … » between
        pilot.past_handover()
        pilot.click(option)
        pilot.click("submit")
    for _ in range(3):  # the poll's acknowledgement, then the teams' answers
        panel = app.scene.panel
        if isinstance(panel, MessagePanel) and panel.title == "Les réponses des équipes":
            break
        pilot.click("continue")
    scene = app.scene
    assert isinstance(scene, PlayScene) and scene.panel.title == "Les réponses des équipes"
    return app, pilot, scene.panel


@pytest.mark.parametrize("size, prefs", [((1366, 768), {}), ((1366, 697), {"text_scale": 2.0}), ((1366, 697), LARGE)])
def test_long_answers_are_a_paragraph_a_team_wrapped_and_reachable(write_game, size, prefs):
    folder = write_game({"game.yaml": GAME})
    app, pilot, panel = _compared(folder, size, prefs)
    assert panel.text == f"{TEAMS[0]} : {LONG_A}\n\n{TEAMS[1]} : {LONG_B}"
    ui, m = app.ui, app.ui.metrics
    width = panel.content.width - m.unit * 8
    assert ui.text.render(panel.text, m.body, (0, 0, 0), width).get_width() <= width  # wrapped
    assert panel.rect.right <= size[0] and panel.rect.bottom <= size[1]
    scene = app.scene
    # Scrolled to its end, the last words are in view: nothing is cut off.
    panel.scroll_by(100_000)
    assert panel.scroll == panel.max_scroll()
    assert panel.content_height - panel.scroll <= panel.content.height
    # Every team's points in the top bar, long names shortened each.
    room = max(m.body * 4, (scene.bar.width // 2))
    label = scene.score_label(room)
    assert label.count(" : 0 pts") == 2 and ui.text.render(label, m.small, (0, 0, 0)).get_width() <= room
    pilot.click("close")
    assert not isinstance(app.scene, PlayScene) or app.scene.panel is not panel


def test_an_answer_of_several_parts_has_a_line_a_part():
    game = load_game(GAMES / "escape_fake_news").game
    pairs = ",".join(f"{i}={i}" for i, _left, _right in game.puzzles["p_outils"].spec.pairs)
    text = compared_answers(game, ("Bleus", "Verts"), "p_outils", (pairs, "n'importe quoi"))
    first, second = text.split("\n\n")
    lines = first.split("\n")
    assert lines[0] == "Bleus :" and len(lines) == 1 + len(game.puzzles["p_outils"].spec.pairs)
    assert all(line.startswith("– ") and " ↔ " in line for line in lines[1:])
    assert second == "Verts : n'importe quoi"  # not read as pairs: said as recorded


@pytest.mark.parametrize("size, prefs", [((1366, 768), {}), ((1366, 697), {"text_scale": 2.0}), ((1366, 697), LARGE)])
def test_the_handover_screen_says_every_teams_points_with_long_names(write_game, size, prefs):
    """« Au tour de l’équipe « … » » with a long name at 200 % text: the title whole in
    its band, and every team's points said (in one paragraph where a line a team has no
    room), never the heading « Les points jusqu’ici » alone."""
    from engine.player.scenes.handover import HandoverScene

    folder = write_game({"game.yaml": GAME})
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **prefs}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(folder)))
    pilot.click("teams:2")
    for index, name in enumerate(TEAMS):
        pilot.click(f"field:team{index}")
        pilot.type(name)
    pilot.click("start")
    pilot.past_handover()
    pilot.click("close")
    pilot.click("option:a")
    pilot.click("submit")  # the poll goes to the next team: « Au tour de … »
    assert isinstance(app.scene, HandoverScene) and app.scene.team == TEAMS[1]
    said: list[str] = []
    real = app.ui.text.render

    def spy(text, *args, **kwargs):
        said.append(text)
        return real(text, *args, **kwargs)

    app.ui.text.render = spy  # type: ignore[method-assign]
    app.scene.invalidate()
    app.step([])
    points = [s for s in said if "0 pts" in s]
    assert sum(s.count("0 pts") for s in points) == 2, said
    pilot.click("ready")
    assert isinstance(app.scene, PlayScene)
