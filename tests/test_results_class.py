"""Issue 14: the class summary of a class like the one the issue was found with (35
pupils played through the rules: two « Léa » at the same time, two « Lucas », « Tom »
twice in a row, accents, a formula as a pseudonym, a poll, estimates, locks retried,
time running out), checked figure by figure and in each format."""

from __future__ import annotations

import json
import re
import zipfile

import pytest

from engine.results.report import CELL_PARTLY, CELL_POLL, CELL_TIMEOUT, sort_key
from engine.results.summary import build

from .results_class import make_class


@pytest.fixture(scope="module")
def challenge(tmp_path_factory):
    folder = tmp_path_factory.mktemp("metiers")
    make_class("metiers_industrie", folder / "files")
    built = build([folder / "files"], folder / "out")
    assert built.summary is not None
    return built.summary, folder / "out"


@pytest.fixture(scope="module")
def escape(tmp_path_factory):
    folder = tmp_path_factory.mktemp("escape")
    make_class("escape_fake_news", folder / "files")
    built = build([folder / "files"], folder / "out")
    assert built.summary is not None
    return built.summary


def test_thirty_five_pupils_homonyms_apart_and_a_second_attempt_grouped(challenge):
    s, _out = challenge
    assert (s.overview.results, s.overview.pupils) == (36, 35)
    leas = [p for p in s.pupils if p.name == "Léa"]
    assert [p.label for p in leas] == ["Léa (1)", "Léa (2)"] and all(p.homonym for p in leas)
    assert len({p.machine for p in leas}) == 2
    assert [p.label for p in s.pupils if p.name == "Lucas"] == ["Lucas (1)", "Lucas (2)"]
    tom = next(p for p in s.pupils if p.name == "Tom")
    assert tom.attempts == 2 and not tom.homonym and tom.started_at.endswith("10:05:00")
    assert s.overview.homonyms == 4


def test_french_order_and_class_codes(challenge):
    s, _out = challenge
    groups = [p.group for p in s.pupils]
    assert set(groups) == {"4e B", ""} and groups[-1] == ""  # « 4EB », « 4eb », « 4E-B »: one class
    names = [p.name for p in s.pupils if p.group]
    assert names.index("Éloïse") < names.index("Emma") < names.index("Gabriel")
    assert names.index("Léa") < names.index("Lucas") < names.index("Zoé")
    assert sorted(["Zoé", "Ève", "Éloïse", "Lucas", "Léa"], key=sort_key) == ["Éloïse", "Ève", "Léa", "Lucas", "Zoé"]


def test_the_poll_is_no_success_and_shows_its_answers(challenge):
    s, _out = challenge
    poll = next(q for q in s.questions if q.id == "qui_imaginez_vous")
    assert not poll.scored and poll.success_pct is None and poll.points_pct is None and poll.solved == 0
    assert {text for text, _n, _r in poll.distribution} <= {"Une femme", "Un homme", "Personne en particulier"}
    assert sum(n for _t, n, _r in poll.distribution) == poll.answered and poll.answered >= 33
    assert all(right is None for _t, _n, right in poll.distribution)
    stereotypes = next(g for g in s.skills if g.id == "stereotypes")
    # The poll is in no skill or theme figure: success never above points on a theme.
    assert stereotypes.questions == sum(q.scored and "stereotypes" in q.skills for q in s.questions) == 8
    for theme in s.themes:
        assert theme.label[0].isupper() and theme.label != theme.id or theme.id == "orientation"
    assert all(p.cells and dict(p.cells).get(poll.number) in (CELL_POLL, "open", None) for p in s.pupils)


def test_every_answered_question_has_a_distribution_in_words(challenge):
    s, _out = challenge
    for q in s.questions:
        assert q.distribution and sum(n for _t, n, right in q.distribution if right) == q.solved or not q.scored
    single = next(q for q in s.questions if q.id == "portrait_chloe")
    assert not any(re.fullmatch(r"[a-z_]+", text) for text, _n, _r in single.distribution)


def test_estimates_earn_part_of_the_points(challenge):
    s, _out = challenge
    estimate = next(q for q in s.questions if q.id == "ocde_diplomees")
    assert estimate.partly > 0 and estimate.points_pct > estimate.success_pct
    assert any(dict(p.cells).get(estimate.number) == CELL_PARTLY for p in s.pupils)


def test_endings_and_time_outs(challenge, escape):
    s, _out = challenge
    ends = dict(s.overview.ends)
    assert ends["stopped"] == 1 and ends["unfinished"] == 1 and sum(ends.values()) == 35
    bilal = next(p for p in s.pupils if p.name == "Bilal")
    assert bilal.timeouts > 0 and CELL_TIMEOUT in dict(bilal.cells).values()
    timed = [q for q in s.questions if q.timeouts]
    assert timed and all(q.timeouts <= q.answered - q.solved for q in timed)
    e = dict(escape.overview.ends)
    assert e["time_up"] == 1 and e["stopped"] == 1 and e["unfinished"] == 1 and e["won"] == 32
    assert next(p for p in escape.pupils if p.name == "Bilal").end == "time_up"


def test_escape_locks_show_first_try_success(escape):
    for q in escape.questions:
        assert q.success_pct == 100  # every lock is eventually opened
    firsts = [q.first_try_pct for q in escape.questions if q.mean_wrong]
    assert firsts and all(f < 100 for f in firsts)
    assert any(q.discrimination is not None and q.discrimination_on == "first_try" for q in escape.questions)


def test_who_needs_help_with_what(challenge):
    s, _out = challenge
    helped = [g for g in s.skills if g.needs_help]
    assert helped and all(g.description for g in helped)  # the game's words to re-teach it
    for g in helped:
        for label in g.needs_help:
            pupil = next(p for p in s.pupils if p.label == label)
            assert dict(pupil.skills)[g.id] < 50


def test_xlsx_one_sheet_per_view_and_formulas_stay_text(challenge):
    _s, out = challenge
    with zipfile.ZipFile(out / "synthese.xlsx") as book:
        workbook = book.read("xl/workbook.xml").decode()
        names = re.findall(r'<sheet name="([^"]+)"', workbook)
        assert names[:6] == ["Vue d’ensemble", "Élèves", "Questions", "Grille", "Compétences", "Réponses"]
        assert names[-1] == "Notes"
        sheets = "".join(book.read(n).decode() for n in book.namelist() if n.startswith("xl/worksheets/sheet"))
        strings = sheets + (book.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in book.namelist()
                            else "")
        assert '<t>=HYPERLINK("http://exemple.invalid";"clic")</t>' in strings
        assert "<f>" not in sheets  # not one formula
        assert "Léa (2)" in strings and "Même pseudonyme" in strings


def test_html_first_page_is_the_summary(challenge):
    s, out = challenge
    page = (out / "synthese.html").read_text(encoding="utf-8")
    first = page[page.index('<section id="resume"'):page.index('<section id="questions"')]
    assert "Questions à retravailler" in first and "Sondages : ce que la classe a répondu" in first
    assert "Une femme" in first and "Compétences à reprendre, et avec qui" in first
    assert '<table class="grid">' in page and "Léa (2)" in page and "même pseudonyme" in page


def test_json_adds_distribution_first_try_and_endings(challenge):
    s, out = challenge
    data = json.loads((out / "synthese.json").read_text(encoding="utf-8"))
    q = next(q for q in data["questions"] if q["id"] == "qui_imaginez_vous")
    assert q["success_pct"] is None and q["distribution"][0].keys() == {"answer", "pupils", "correct", "partly"}
    assert {"first_try_pct", "mean_wrong", "timeouts", "partly"} <= data["questions"][0].keys()
    assert {p["end"] for p in data["pupils"]} <= {"won", "lost", "time_up", "stopped", "unfinished"}
    assert data["pupils"][0]["cells"] and data["overview"]["homonyms"] == 4


def test_older_result_files_still_read(tmp_path):
    from engine.results.validate import parse_result
    from tests.results_helpers import quiz_result

    result = quiz_result("1100000000", "Léa")
    for key in ("machine", "end", "time_up"):
        del result[key]
    del result["game"]["themes"]
    for p in result["puzzles"]:
        del p["type"], p["scored"], p["timed_out"]
    parsed = parse_result(result)
    assert parsed.ending_kind == "won" and parsed.machine == "" and all(p.scored for p in parsed.puzzles)
    result["end"] = "unfinished"
    with pytest.raises(ValueError):
        parse_result(result)


def test_html_first_page_prints_on_one_a4_page(challenge, tmp_path):
    """Printed by headless Chromium: the summary section alone is one page."""
    import shutil
    import subprocess

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    pdfinfo = shutil.which("pdfinfo")
    if not chromium or not pdfinfo:
        pytest.skip("chromium or pdfinfo missing")
    _s, out = challenge
    page = (out / "synthese.html").read_text(encoding="utf-8")
    first = page[:page.index('<section id="questions"')] + "</body></html>"
    html = tmp_path / "first.html"
    html.write_text(first, encoding="utf-8")
    pdf = tmp_path / "first.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", f"--print-to-pdf={pdf}", str(html)],
                   capture_output=True, timeout=120, check=False)
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\n", info)


def test_several_folders_compare_classes_and_sessions(tmp_path):
    """Two classes, the second playing twice a week apart: one summary that compares the
    classes and shows the second's progress from one session to the next."""
    from engine.results.resultfile import write_result
    from tests.results_helpers import quiz_result

    for name, pattern in (("Ana", "1111100000"), ("Bob", "1100000000")):
        write_result(quiz_result(pattern, name, "2026-03-12T10:00:00", group="4A"), tmp_path / "4A")
    for day, pattern in (("2026-03-12", "1000000000"), ("2026-03-19", "1111111100")):
        for name in ("Cléo", "Dan"):
            write_result(quiz_result(pattern, name, f"{day}T14:00:00", group="4B",
                                     machine=f"pc{len(name)}"), tmp_path / f"4B_{day}")
    built = build([tmp_path / "4A", tmp_path / "4B_2026-03-12", tmp_path / "4B_2026-03-19"], tmp_path / "out",
                  attempt="last")
    s = built.summary
    assert s is not None and [(c.group, c.pupils) for c in s.classes] == [("4A", 2), ("4B", 2)]
    sessions = [(c.group, c.day, c.mean_score_pct) for c in s.sessions]
    assert [(g, d) for g, d, _m in sessions] == [("4A", "2026-03-12"), ("4B", "2026-03-12"), ("4B", "2026-03-19")]
    assert sessions[2][2] > sessions[1][2]  # the second session went better


# --- readable answers, decimal commas, shared questions (issue 14's last gaps) ------------

def test_arranged_answers_read_as_the_texts_the_pupils_saw(challenge, escape):
    s, _out = challenge
    q = {q.id: q for q in s.questions}
    # A matching, an order and a sorting: the texts linked, put in order or sorted, never ids.
    assert " ↔ " in q["metiers_quotidien"].wrong_answer and "=" not in q["metiers_quotidien"].wrong_answer
    assert " → " in q["vie_piece_avion"].wrong_answer and ">" not in q["vie_piece_avion"].wrong_answer
    for row in (q["metiers_quotidien"], q["vie_piece_avion"], q["diplomes_ordre"], q["portraits_parcours"]):
        assert not any(re.search(r"[a-z_]+[=>][a-z_]+", text) for text, _n, _r in row.distribution)
    # An escape game's arrows and the parts of a document pointed at, in words.
    by_type = {row.type: row for row in escape.questions}
    arrows = by_type["directions"].distribution
    assert arrows and all(set(text) <= set("↑↓←→ ") for text, _n, _r in arrows)
    spot = next(row for row in escape.questions if row.id == "p_une")
    assert any(text.startswith("« Cantine") for text, _n, _r in spot.distribution)


def test_estimates_have_a_french_decimal_comma(challenge):
    s, out = challenge
    estimate = next(q for q in s.questions if q.id == "ocde_diplomees")
    texts = [text for text, _n, _r in estimate.distribution]
    assert any("," in t for t in texts) and not any(re.fullmatch(r"[0-9]+\.[0-9]+", t) for t in texts)
    assert re.fullmatch(r"[0-9]+(,[0-9]+)?", estimate.wrong_answer)
    assert f";{estimate.wrong_answer};" in (out / "synthese.csv").read_text(encoding="utf-8-sig")


def test_estimates_keep_the_point_in_english(tmp_path):
    from engine.i18n import language, set_language
    from engine.results.formatting import decimal_words

    assert (decimal_words("16.8", "fr_FR"), decimal_words("16.8", "en_GB")) == ("16,8", "16.8")
    assert decimal_words("1881", "fr_FR") == "1881" and decimal_words("a.b", "fr_FR") == "a.b"
    before = language()
    set_language("en")
    try:
        make_class("metiers_industrie", tmp_path / "files", count=6)
        built = build([tmp_path / "files"], tmp_path / "out", formats=["json"])
    finally:
        set_language(before)
    assert built.summary is not None
    estimate = next(q for q in built.summary.questions if q.id == "ocde_diplomees")
    texts = [text for text, _n, _r in estimate.distribution]
    assert "8.4" in texts and not any("," in t for t in texts)


def test_a_question_for_every_team_says_so(challenge):
    s, out = challenge
    poll = next(q for q in s.questions if q.id == "qui_imaginez_vous")  # answered by both teams together
    assert poll.teams == "toutes les équipes"
    assert all(q.teams and "*" not in q.teams for q in s.questions)
    csv_text = (out / "synthese.csv").read_text(encoding="utf-8-sig")
    assert ";Équipes\n" in csv_text and ";toutes les équipes\n" in csv_text and ";*\n" not in csv_text
    assert "répondue par : toutes les équipes" in (out / "synthese.html").read_text(encoding="utf-8")
