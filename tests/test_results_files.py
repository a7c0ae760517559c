"""Result files: built from real sessions, written atomically, read without trust."""

from __future__ import annotations

import copy
import json
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.results.model import RESULT_FORMAT, RESULT_VERSION
from engine.results.resultfile import (file_name, find_result_files, read_result, read_results,
                                       result_from_session, write_result)
from engine.results.validate import ResultError, parse_result

from .results_helpers import play_challenge, play_escape, play_quiz, quiz_result

START = "2026-03-12T10:15:00+01:00"


@pytest.fixture(scope="module")
def valid() -> dict[str, Any]:
    return quiz_result("1101100110", "Léa")


def test_result_of_a_session_holds_what_the_teacher_needs(valid):
    r = valid
    assert (r["format"], r["version"]) == (RESULT_FORMAT, RESULT_VERSION)
    assert r["game"]["id"] == "mini_quiz" and r["game"]["version"] == "1.0.0"
    assert r["game"]["skills"] == {"sources": "Vérifier une source"}
    assert r["who"] == {"pseudonym": "Léa", "group": "4B", "team": "", "members": []}
    assert r["started_at"] == START and r["duration_s"] == 110.0
    assert (r["ended"], r["ending"], r["success"]) == (True, "bravo", True)
    assert (r["score"], r["max_score"], r["hints"]) == (60, 100, 0)
    q1, q3 = r["puzzles"][0], r["puzzles"][2]
    assert q1 == {"id": "q1", "label": "Choisis.", "status": "solved", "correct": True, "fraction": 1.0,
                  "points": 10, "max_points": 10, "wrong": 0, "hints": 0, "time_s": 10.0,
                  "answer": "a", "wrong_answers": [], "answer_texts": {"a": "A"},
                  "skills": ["sources"], "theme": "", "team": "", "type": "single", "scored": True,
                  "timed_out": False}
    assert (r["end"], r["time_up"]) == ("won", False) and len(r["machine"]) == 10
    # A wrong answer is recorded as given, and in the words the pupil saw.
    assert (q3["status"], q3["answer"], q3["wrong_answers"]) == ("failed", "true", ["true"])
    assert q3["answer_texts"] == {"true": "Vrai"}
    # Plain JSON: nothing but what json can write, no pseudonym anywhere but in "who".
    assert json.loads(json.dumps(r)) == r


def test_points_hints_and_time_come_from_the_core():
    session = play_escape(hints=2, wrong_codes=("1234", "1234"))
    r = result_from_session(session, "Tom", started_at=START)
    safe = r["puzzles"][0]
    assert safe["hints"] == 2 and safe["wrong"] == 2 and safe["points"] == 5  # hint 2 costs 5
    assert safe["wrong_answers"] == ["1234"]  # each wrong answer once
    assert safe["time_s"] == 50 - 20  # shown at 20; hints at 25, 30; wrong at 35, 40; solved at 50
    assert r["score"] == session.score().points and r["max_score"] == session.score().max_points


def test_team_results_name_the_team_and_its_members():
    r = result_from_session(play_challenge(), " Léa ", group="4B", team="Les  Bleus",
                            members=["Léa", "Tom", "Léa", ""], started_at=START)
    assert r["who"] == {"pseudonym": "Léa", "group": "4B", "team": "Les Bleus", "members": ["Léa", "Tom"]}
    # Three scored questions for two teams: one each, the third for both (« * », core.teams).
    assert [p["team"] for p in r["puzzles"]] == ["Bleus", "Verts", "*"]
    assert parse_result(r).who == ("4B", "Les Bleus")


@pytest.mark.parametrize("kwargs", [{"pseudonym": "  "}, {"pseudonym": "x" * 65},
                                    {"started_at": "12/03/2026"}])
def test_building_refuses_a_missing_pseudonym_or_a_bad_date(kwargs):
    arguments = {"pseudonym": "Léa", "started_at": START, **kwargs}
    with pytest.raises(ValueError):
        result_from_session(play_quiz("1"), arguments.pop("pseudonym"), **arguments)


def test_written_files_read_back_the_same(valid, tmp_path):
    path = write_result(valid, tmp_path / "usb")
    assert path.parent == tmp_path / "usb" and not list(path.parent.glob("*.tmp"))
    assert json.loads(path.read_text(encoding="utf-8")) == valid
    result = read_result(path)
    assert result.pseudonym == "Léa" and result.score == 60 and len(result.puzzles) == 10
    assert result.puzzles[2].says("true") == "Vrai"


@pytest.mark.parametrize("pseudonym", ["Léa", "Lea", "../../etc/passwd", "CON", "  ", "=1+1", "李雷"])
def test_file_names_are_safe_and_distinct(valid, pseudonym):
    data = copy.deepcopy(valid)
    data["who"]["pseudonym"] = pseudonym
    name = file_name(data)
    assert name.endswith(".json") and name.isascii() and "/" not in name and "\\" not in name
    assert name.startswith("mini-quiz_") and ".." not in name
    other = copy.deepcopy(data)
    other["who"]["pseudonym"] = pseudonym + "!"
    assert file_name(other) != name


# --- every malformed file ----------------------------------------------------------------

def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is _DELETE:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return change


_DELETE = object()

EDITS = [
    ("score above the maximum", _set("score", 150), "dépasse le score maximal"),
    ("score not a number", _set("score", "60"), "« score » devrait être un nombre entier"),
    ("score true", _set("score", True), "« score » devrait être un nombre entier"),
    ("negative hints", _set("hints", -1), "« hints » devrait être un nombre entier entre 0 et"),
    ("huge score", _set("score", 10 ** 300), "« score » devrait être un nombre entier entre 0 et"),
    ("huge points", _set("puzzles.0.max_points", 10 ** 30), "« puzzles[0].max_points » devrait être"),
    ("negative wrong count", _set("puzzles.0.wrong", -2), "« puzzles[0].wrong » devrait être"),
    ("score not the sum", _set("score", 70), "n’est pas la somme des points"),
    ("points above the scale", _set("puzzles.0.points", 20), "20 points pour une question qui en vaut 10"),
    ("fraction above 1", _set("puzzles.0.fraction", 1.5), "« puzzles[0].fraction » devrait être un nombre entre 0 et 1"),
    ("unknown status", _set("puzzles.0.status", "won"), "« puzzles[0].status » devrait être"),
    ("correct against status", _set("puzzles.0.correct", False), "« correct » ne s’accorde pas"),
    ("missing field", _set("puzzles.1.status", _DELETE), "« puzzles[1].status » manque"),
    ("missing who", _set("who", _DELETE), "« who » manque"),
    ("puzzles not a list", _set("puzzles", {"q1": 1}), "« puzzles » devrait être une liste"),
    ("puzzle not an object", _set("puzzles.0", "q1"), "« puzzles[0] » devrait être un objet"),
    ("duplicated question", lambda d: d["puzzles"].__setitem__(1, copy.deepcopy(d["puzzles"][0])),
     "figure deux fois"),
    ("question longer than the game", _set("puzzles.0.time_s", 5000), "plus longtemps que la partie"),
    ("negative duration", _set("duration_s", -3), "« duration_s » devrait être une durée en secondes"),
    ("endless duration", _set("duration_s", 1.7e308), "« duration_s » devrait être une durée en secondes"),
    ("endless question", _set("puzzles.0.time_s", 1e300), "« puzzles[0].time_s » devrait être une durée"),
    ("start in year 1", _set("started_at", "0001-01-01T00:00:00+14:00"), "« started_at » devrait être une date"),
    ("ending of an unfinished game", _set("ended", False), "pas finie"),
    ("start not a date", _set("started_at", "mardi"), "« started_at » devrait être une date ISO 8601"),
    ("pseudonym with control characters", _set("who.pseudonym", "Lé\u0000a"), "« who.pseudonym »"),
    ("pseudonym too long", _set("who.pseudonym", "L" * 65), "« who.pseudonym »"),
    ("members not names", _set("who.members", [3]), "« who.members » devrait être une liste de pseudonymes"),
    ("empty game id", _set("game.id", " "), "« game.id » devrait être un texte non vide"),
    ("wrong answers more than tries", _set("puzzles.2.wrong", 0), "réponses fausses ne s’accordent pas"),
    ("points for an open question", lambda d: d["puzzles"][0].update(status="open", correct=False),
     "des points pour une question sans réponse"),
]


@pytest.mark.parametrize("name, edit, message", EDITS, ids=[e[0] for e in EDITS])
def test_hand_edited_files_are_refused_with_a_reason(valid, tmp_path, name, edit, message):
    data = copy.deepcopy(valid)
    edit(data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    good = write_result(quiz_result("1111111111", "Tom"), tmp_path)
    reading = read_results([bad, good])
    assert [r.pseudonym for r in reading.results] == ["Tom"]  # the rest goes on
    [problem] = reading.problems
    assert problem.path == str(bad)
    assert "modifié à la main ou abîmé" in problem.message and message in problem.message
    assert problem.message.endswith("fichier ignoré")
    assert reading.skipped == 1


def _text(valid: dict[str, Any]) -> str:
    return json.dumps(valid, ensure_ascii=False, indent=1)


BROKEN: list[tuple[str, Callable[[dict[str, Any]], bytes], str]] = [
    ("truncated", lambda v: _text(v)[: len(_text(v)) // 2].encode(), "fichier tronqué"),
    ("damaged", lambda v: _text(v).replace('"score"', '"score" "x"').encode(), "contenu abîmé (JSON illisible ligne"),
    ("not json", lambda v: b"{not json", "contenu abîmé (JSON illisible ligne 1, colonne 2)"),
    ("a CSV", lambda v: "\ufeffNom;Score\nLéa;10\n".encode(), "pas un fichier de résultat de Sésame"),
    ("empty", lambda v: b"", "fichier vide"),
    ("not text", lambda v: b"\xff\xd8\xff\xe0\x00\x10JFIF", "pas un fichier texte"),
    ("not a result", lambda v: b'{"format": 1, "id": "mini_quiz"}', "pas un fichier de résultat de Sésame"),
    ("a list", lambda v: b"[1, 2, 3]", "pas un fichier de résultat de Sésame"),
    ("newer version", lambda v: json.dumps({**v, "version": 7}).encode(), "mettez Sésame à jour"),
    ("unknown version", lambda v: json.dumps({**v, "version": "1"}).encode(), "version de format inconnue ('1')"),
    ("NaN", lambda v: _text(v).replace('"duration_s": 110.0', '"duration_s": NaN').encode(), "« NaN » n’est pas un nombre possible"),
    ("too big", lambda v: b" " * (5 * 1024 * 1024) + _text(v).encode(), "trop gros"),
    ("deeply nested", lambda v: b"[" * 100_000 + b"]" * 100_000, "pas un fichier de résultat de Sésame"),
    ("BOM", lambda v: "\ufeff".encode() + _text(v).encode(), ""),  # Notepad's BOM is fine
]


@pytest.mark.parametrize("name, content, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_damaged_files_are_skipped_with_a_clear_message(valid, tmp_path, name, content, message):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content(valid))
    reading = read_results([bad])
    if not message:
        assert len(reading.results) == 1 and not reading.problems
        return
    assert reading.results == []
    [problem] = reading.problems
    assert message in problem.message, problem.message
    assert str(problem).startswith(f"{bad}: ")


def test_unreadable_path_is_a_message_not_a_crash(tmp_path):
    reading = read_results([tmp_path / "absent.json", tmp_path])
    assert len(reading.problems) == 2 and all("illisible" in p.message for p in reading.problems)


def test_copies_of_one_attempt_are_merged_and_said_once(tmp_path):
    middle = quiz_result("11111", "Léa", stop_after=5)  # written on demand mid-game
    final = quiz_result("1111111111", "Léa")
    for folder, data in (("cle", middle), ("ent", final), ("mail", final)):
        write_result(data, tmp_path / folder)
    write_result(quiz_result("0000000000", "Tom"), tmp_path / "ent")
    reading = read_results(find_result_files([tmp_path]))
    assert sorted(r.pseudonym for r in reading.results) == ["Léa", "Tom"]
    lea = next(r for r in reading.results if r.pseudonym == "Léa")
    assert lea.ended and lea.score == 100  # the most complete copy
    [problem] = reading.problems
    assert problem.message == ("« Léa » : 3 fichiers pour la même partie (commencée le "
                               "12/03/2026 10:15), comptée une seule fois")
    assert reading.files == 4 and reading.merged == 2 and reading.skipped == 0


def test_a_second_attempt_is_not_a_copy(tmp_path):
    write_result(quiz_result("0000000000", "Léa"), tmp_path)
    write_result(quiz_result("1111111111", "Léa", started_at="2026-03-13T10:15:00+01:00"), tmp_path)
    reading = read_results(find_result_files([tmp_path]))
    assert len(reading.results) == 2 and not reading.problems


def test_results_of_another_game_are_set_aside(tmp_path):
    for name in ("Léa", "Tom", "Zoé"):
        write_result(quiz_result("1", name), tmp_path)
    stray = write_result(result_from_session(play_escape(), "Inès", started_at=START), tmp_path)
    reading = read_results(find_result_files([tmp_path]))
    assert len(reading.results) == 3 and {r.game_id for r in reading.results} == {"mini_quiz"}
    assert reading.game_id == "mini_quiz"
    choice, problem = reading.problems
    # Which game was summarised, and why, comes first; the others are listed.
    assert choice.path == "" and "Synthèse du jeu « Mini quiz (jeu de test) » (identifiant mini_quiz, " \
        "3 résultats, celui qui a le plus de résultats)" in choice.message
    assert "« Mini escape (jeu de test) » (identifiant mini_escape) : 1 résultat" in choice.message
    assert problem.path == str(stray)
    assert "« Mini escape (jeu de test) »" in problem.message and "« Mini quiz (jeu de test) »" in problem.message


def test_another_version_of_the_game_is_kept_and_said(tmp_path):
    write_result(quiz_result("1", "Léa"), tmp_path)
    older = quiz_result("1", "Tom")
    older["game"]["content_hash"] = "0" * 64
    write_result(older, tmp_path)
    reading = read_results(find_result_files([tmp_path]))
    assert len(reading.results) == 2
    assert [p.message for p in reading.problems] == [
        "1 résultat vient d’une autre version du jeu : ses questions sont comparées aux autres "
        "par leur identifiant"]


def test_folders_are_searched_and_summaries_left_out(tmp_path):
    write_result(quiz_result("1", "Léa"), tmp_path / "classe" / "lea")
    (tmp_path / "classe" / "synthese.json").write_text("{}", encoding="utf-8")
    (tmp_path / "classe" / "notes.txt").write_text("x", encoding="utf-8")
    found = find_result_files([tmp_path / "classe"])
    assert [p.parent.name for p in found] == ["lea"]


# --- whatever a file holds, reading says yes or says why --------------------------------

_json = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False)
                     | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                     max_leaves=8)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.lists(st.sampled_from(["game", "who", "puzzles", "0", "1", "score", "status", "points",
                                       "time_s", "members", "skills", "answer_texts", "id"]),
                      min_size=1, max_size=3),
       value=_json)
def test_any_change_is_accepted_or_refused_in_words(valid, where, value):
    data = copy.deepcopy(valid)
    target: Any = data
    for key in where[:-1]:
        if isinstance(target, list) and key.isdigit() and int(key) < len(target):
            target = target[int(key)]
        elif isinstance(target, dict) and key in target:
            target = target[key]
    if isinstance(target, dict):
        target[where[-1]] = value
    try:
        result = parse_result(json.loads(json.dumps(data)))
    except ResultError as error:
        assert str(error)
    else:
        assert result.score <= result.max_score


def test_a_team_file_handed_in_by_each_member_counts_once(tmp_path):
    session = play_challenge()
    for member in ("Léa", "Tom"):
        write_result(result_from_session(session, member, team="Bleus", members=["Léa", "Tom"],
                                         started_at=START), tmp_path)
    reading = read_results(find_result_files([tmp_path]))
    assert len(reading.results) == 1
    assert [p.message for p in reading.problems] == [
        "« Bleus » : 2 fichiers pour la même partie (commencée le 12/03/2026 10:15), comptée une seule fois"]
