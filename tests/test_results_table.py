"""The results' table of compact columns (issue 14: 10 000 files in little memory): what
goes in comes back out, a refused file leaves nothing behind, and results read one by
one are summarised as those read together."""

from __future__ import annotations

import json

import pytest

from engine.results.report import summarise
from engine.results.resultfile import read_results
from engine.results.table import Table
from engine.results.validate import ResultError, parse_result

from .results_helpers import quiz_result


def test_puzzles_come_back_as_they_were_written():
    data = quiz_result("1001", "Léa")
    result = parse_result(json.loads(json.dumps(data)))
    back = [{"id": p.id, "label": p.label, "status": p.status, "correct": p.correct, "points": p.points,
             "max_points": p.max_points, "wrong": p.wrong, "hints": p.hints, "time_s": p.time_s,
             "answer": p.answer, "wrong_answers": list(p.wrong_answers), "answer_texts": dict(p.answer_texts),
             "skills": list(p.skills), "theme": p.theme, "team": p.team, "type": p.type, "scored": p.scored,
             "timed_out": p.timed_out} for p in result.puzzles]
    assert back == [{k: p[k] for k in back[0]} for p in data["puzzles"]]
    assert result.answered == sum(p["status"] != "open" for p in data["puzzles"])


def test_a_refused_file_adds_no_row(tmp_path):
    table = Table()
    good = quiz_result("1001", "Léa")
    parse_result(good, table=table)
    rows = len(table)
    bad = json.loads(json.dumps(good))
    bad["score"] += 1  # the puzzles are fine; the total is not
    with pytest.raises(ResultError, match="somme des points"):
        parse_result(bad, table=table)
    bad = json.loads(json.dumps(good))
    bad["puzzles"][-1]["points"] = 10 ** 9  # the last puzzle is refused after the others were added
    with pytest.raises(ResultError, match=r"puzzles\[\d+\]\.points"):
        parse_result(bad, table=table)
    assert len(table) == rows


@pytest.mark.parametrize("change, message", [
    (lambda p: p.update(fraction=float("nan")), "fraction"),
    (lambda p: p.update(time_s=-1), "time_s"),
    (lambda p: p.update(skills=["a", 3]), "skills"),
    (lambda p: p.update(answer_texts={"a": 1}), "answer_texts"),
    (lambda p: p.update(status="won"), "status"),
    (lambda p: p.update(timed_out=None), "timed_out"),
    (lambda p: p.pop("label"), "label"),
])
def test_each_field_is_still_named_when_wrong(change, message):
    data = json.loads(json.dumps(quiz_result("1001", "Léa")))
    change(data["puzzles"][1])
    with pytest.raises(ResultError, match=rf"puzzles\[1\]\.{message}"):
        parse_result(data)


def test_results_read_apart_are_summarised_as_results_read_together(tmp_path):
    files = []
    for k, (pattern, name) in enumerate((("1001", "Léa"), ("1111", "Tom"), ("0000", "Zoé"), ("1100", "Inès"))):
        path = tmp_path / f"{k}.json"
        path.write_text(json.dumps(quiz_result(pattern, name)), encoding="utf-8")
        files.append(path)
    together = summarise(read_results(files).results)
    apart = summarise([parse_result(json.loads(p.read_text(encoding="utf-8"))) for p in files])
    assert together == apart
