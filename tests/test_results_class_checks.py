"""Issue 14 checked as a teacher would read it: an escape game says who needs help
(by first tries, since every lock ends up open), a matching's wrong answers read by
what differs, each class has its name in the grid, a session counts each pupil once,
the teacher's screen shows the escape game's first tries and scrolls, and the player
says the truth when the countdown ends."""

from __future__ import annotations

import os
import re
import zipfile

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.results.report import answer_change  # noqa: E402
from engine.results.summary import build  # noqa: E402

from .conftest import FIXTURES, GAMES  # noqa: E402
from .results_class import make_class  # noqa: E402


@pytest.fixture(scope="module")
def escape(tmp_path_factory):
    folder = tmp_path_factory.mktemp("escape")
    make_class("escape_fake_news", folder / "files")
    built = build([folder / "files"], folder / "out")
    assert built.summary is not None
    return built.summary, folder


def test_an_escape_game_says_who_needs_help_by_first_tries(escape):
    s, _folder = escape
    # Every lock ends up open: the points say nothing, first tries do.
    assert all(g.points_pct == 100 for g in s.skills)
    assert all(g.help_on == "first_try" and g.first_try_pct is not None and g.first_try_pct < 100
               for g in s.skills)
    assert any(g.needs_help for g in s.skills) and any(g.weak for g in s.skills)
    for g in s.skills:
        for p in s.pupils:
            first = dict(p.skills_first_try)[g.id]
            assert (p.label in g.needs_help) == (first is not None and first < 50)
    # Bilal's time ran out after six puzzles, one solved at the first try.
    bilal = next(p for p in s.pupils if p.name == "Bilal")
    assert bilal.end == "time_up" and bilal.first_try == 1 and bilal.answered == 6
    # ... the five others after wrong tries: « ↻ » in the grid, no longer « ✓ » like a first try.
    assert len(bilal.retried) == 5 and all(dict(bilal.cells)[n] == "ok" for n in bilal.retried)
    assert sum(len(p.retried) for p in s.pupils) + sum(p.first_try for p in s.pupils) == sum(
        p.solved for p in s.pupils)


def test_the_escape_game_page_and_spreadsheet_show_it(escape):
    s, folder = escape
    page = (folder / "out" / "synthese.html").read_text(encoding="utf-8")
    summary = page[:page.index('<section id="questions"')]
    assert "Les moins réussies du premier coup" in summary
    assert "Compétences à reprendre, et avec qui" in summary and "du premier coup)" in summary
    # A wrong matching: only its wrong pairs, not the first pairs it shares with the right one.
    assert "tout juste sauf" in page
    # The grid names each class, the pupils without one last.
    grid = page[page.index('<section id="grille"'):page.index('<section id="eleves"')]
    assert grid.index(">4e B</th>") < grid.index(">sans classe</th>") < grid.index(">Ève</th>")
    assert "↻ réussie après un essai faux ou plus" in grid and 'class="c ok again"' in grid
    with zipfile.ZipFile(folder / "out" / "synthese.xlsx") as book:  # inline strings (constant memory)
        strings = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert "Les moins réussies du premier coup (% du premier coup)" in strings
    assert "(% du premier coup)" in strings and "Du premier coup (%)" in strings


def test_a_wrong_arrangement_reads_by_what_is_wrong():
    right = "Chloé ↔ Une école d’ingénieurs ; Inès ↔ Un CAP ; Nadia ↔ Un BUT"
    assert answer_change("Chloé ↔ Une école d’ingénieurs ; Inès ↔ Un BUT ; Nadia ↔ Un CAP", [right]) == (
        "tout juste sauf : Inès ↔ Un BUT ; Nadia ↔ Un CAP")
    # Nothing right in common, or a single answer: as it is.
    assert answer_change("Chloé ↔ Un CAP ; Inès ↔ Un BUT", ["Chloé ↔ Un BUT ; Inès ↔ Un CAP"]) == (
        "Chloé ↔ Un CAP ; Inès ↔ Un BUT")
    assert answer_change("Vrai", ["Faux"]) == "Vrai"


def test_a_session_counts_each_pupil_once(tmp_path):
    """Tom played twice the same morning: one pupil of the class's session, as in the
    comparison of the classes."""
    make_class("alimentation", tmp_path / "files")
    s = build([tmp_path / "files"], tmp_path / "out").summary
    assert s is not None
    by_class = {c.group: c.pupils for c in s.classes}
    by_session = {c.group: c.pupils for c in s.sessions}
    assert by_class == by_session == {"4e B": 34, "": 1}
    # A quiz answered once per question: after those to rework, the next weakest by
    # success and points (first tries would say the same as success).
    page = (tmp_path / "out" / "synthese.html").read_text(encoding="utf-8")
    summary = page[:page.index('<section id="questions"')]
    assert "Les moins réussies ensuite" in summary and "Les moins réussies du premier coup" not in summary
    assert "↻" not in page  # nothing retried in a quiz: no such sign, nor its legend
    sessions = page[page.index('<section id="classes"'):]
    assert "12/03/2026" in sessions and "2026-03-12" not in sessions  # the day as a teacher writes it


def test_the_xlsx_header_rows_are_as_tall_as_their_words(escape):
    _s, folder = escape
    with zipfile.ZipFile(folder / "out" / "synthese.xlsx") as book:
        names = re.findall(r'<sheet [^>]*name="([^"]+)"', book.read("xl/workbook.xml").decode())
        pupils = book.read(f"xl/worksheets/sheet{names.index('Élèves') + 1}.xml").decode()
    header = re.search(r'<row r="1"[^>]* ht="([\d.]+)"', pupils)
    assert header and float(header.group(1)) >= 60  # « Identifier la source d’une information (% …) »


def _teacher_with(folder):
    from pathlib import Path

    from engine.player.app import App
    from engine.player.pilot import Pilot
    from engine.player.prefs import Preferences
    from engine.player.scenes.home import HomeScene
    from engine.player.scenes.teacher import TeacherScene
    from engine.results.gametexts import game_texts
    from engine.results.resultfile import find_result_files, read_results

    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    teacher = TeacherScene(app)
    app.push(teacher)
    app.push(HomeScene(app))  # what ``show`` closes: the folder picker
    reading = read_results(find_result_files([Path(folder)]))
    teacher.show(Path(folder), reading, game_texts(reading.game_id))
    pilot = Pilot(app)
    pilot.settle()
    return app, teacher


def test_the_teacher_screen_shows_first_tries_and_scrolls(escape):
    import pygame

    _s, folder = escape
    app, teacher = _teacher_with(folder / "files")
    lines = teacher.lines
    assert "Les moins réussies du premier coup :" in lines
    assert any(line.startswith("Vérifier une image (") and "du premier coup) : " in line for line in lines)
    # The text moves up when the view scrolls (it stayed in place, the scroll bar alone moving).
    app.draw_frame()
    view = teacher.viewport
    before = pygame.image.tobytes(app.surface.subsurface(view), "RGB")
    assert teacher.max_scroll() > 0
    teacher.scroll_by(200)
    app.draw_frame()
    assert teacher.scroll == 200
    assert pygame.image.tobytes(app.surface.subsurface(view), "RGB") != before
    # The grid names each class.
    teacher.on_action(__import__("engine.player.scenes.teacher", fromlist=["ShowView"]).ShowView("grid"), None)
    app.draw_frame()
    assert teacher.content_bottom > view.bottom


@pytest.mark.parametrize("folder, minutes", [(GAMES / "escape_fake_news", 45), (FIXTURES / "mini_escape", 10)])
def test_the_countdown_ending_the_game_says_it_is_over(folder, minutes):
    from engine.player.app import App
    from engine.player.pilot import Pilot
    from engine.player.prefs import Preferences
    from engine.player.scenes.home import HomeScene
    from engine.player.scenes.intro import IntroScene
    from engine.player.scenes.panels import MessagePanel

    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(folder)))
    pilot = Pilot(app)
    pilot.click("start")
    pilot.wait(minutes * 60 + 5)
    pilot.wait(0.1)
    scene = app.scene
    assert scene.session.ended and scene.session.state.time_up
    said = [(p.title, p.text) for p in scene.panels if isinstance(p, MessagePanel)]
    assert ("Le temps est écoulé", "La partie est terminée : voyons ce que tu as trouvé.") in said
    assert not any("continuer à jouer" in text for _t, text in said)


def test_an_estimate_close_to_the_value_is_partly_right_in_the_answers(tmp_path):
    """26,6 for 38 earned 7 points out of 10: « ≈ », not « ✗ », in the answers given."""
    make_class("metiers_industrie", tmp_path / "files")
    s = build([tmp_path / "files"], tmp_path / "out").summary
    assert s is not None
    q = next(q for q in s.questions if q.id == "ecoles_occitanie")
    assert "26,6" in q.partly_answers and "114" not in q.partly_answers and "38" not in q.partly_answers
    page = (tmp_path / "out" / "synthese.html").read_text(encoding="utf-8")
    answers = page[page.index('<section id="reponses"'):]
    assert "≈ 26,6" in answers and "✗ 114" in answers and "✓ 38" in answers
    import json

    data = json.loads((tmp_path / "out" / "synthese.json").read_text(encoding="utf-8"))
    row = next(r for r in data["questions"] if r["id"] == "ecoles_occitanie")
    assert {d["answer"]: d["partly"] for d in row["distribution"]}["26,6"] is True
