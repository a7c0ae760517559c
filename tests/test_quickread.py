"""The quick way through a result file (msgspec) takes what the careful way takes, gives
the same result, and takes nothing the careful way refuses: it only ever declines, and
then the careful checks say why."""

from __future__ import annotations

import copy
import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from engine.results import validate
from engine.results.quickread import quick_result
from engine.results.resultfile import read_result, read_results, result_from_session, write_result
from engine.results.table import Table
from engine.results.validate import ResultError, clean_name, parse_result

from .results_helpers import play_challenge, play_escape, quiz_result


def _careful(raw: bytes) -> Any:
    """The result the careful way gives, or the ResultError it raises."""
    try:
        return parse_result(json.loads(raw.decode("utf-8-sig")), "f.json", Table())
    except (ResultError, ValueError, RecursionError) as error:
        return error


def _same(a: Any, b: Any) -> bool:
    """Two results equal field by field and puzzle by puzzle (the tables differ)."""
    fields = [f.name for f in dataclasses.fields(a) if f.name not in ("table", "start", "stop")]
    rows_a = [a.table.puzzle(r) for r in range(a.start, a.stop)]
    rows_b = [b.table.puzzle(r) for r in range(b.start, b.stop)]
    return all(getattr(a, name) == getattr(b, name) for name in fields) and rows_a == rows_b


def _files() -> list[dict[str, Any]]:
    return [quiz_result("1101100110", "Léa"), quiz_result("0000000000", "Ève Martin", group="Seconde 2"),
            result_from_session(play_escape(hints=2, wrong_codes=("1234", "0000")), "Zoé", "4B",
                                started_at="2026-03-12T10:20:00+01:00"),
            result_from_session(play_challenge(), "Bleus", "3A", started_at="2026-03-12T11:00:00")]


@pytest.fixture(scope="module")
def files() -> list[dict[str, Any]]:
    return _files()


def test_the_player_s_files_take_the_quick_way_and_read_the_same(files):
    for data in files:
        raw = json.dumps(data, ensure_ascii=False, indent=1).encode()
        table = Table()
        quick = quick_result(raw, "f.json", table)
        assert quick is not None, data["who"]
        careful = _careful(raw)
        assert not isinstance(careful, Exception)
        assert _same(quick, careful)
        assert len(table) == len(data["puzzles"]) > 0


def test_read_result_takes_the_quick_way(files, tmp_path, monkeypatch):
    path = write_result(files[0], tmp_path)
    # The careful way is not called for an ordinary file.
    monkeypatch.setattr(validate, "parse_result", lambda *a, **k: pytest.fail("careful way taken"))
    assert read_result(path).pseudonym == "Léa"


# Places in a file and what may be put there: types, ranges, names, dates, lists.
_PLACES = ["format", "version", "started_at", "duration_s", "ended", "ending", "success", "score", "max_score",
           "hints", "machine", "end", "time_up", "game", "game.id", "game.skills", "game.themes", "who",
           "who.pseudonym", "who.group", "who.team", "who.members", "puzzles", "puzzles.0", "puzzles.0.id",
           "puzzles.0.status", "puzzles.0.correct", "puzzles.0.fraction", "puzzles.0.points",
           "puzzles.0.max_points", "puzzles.1.wrong", "puzzles.1.wrong_answers", "puzzles.2.hints",
           "puzzles.3.time_s", "puzzles.3.answer", "puzzles.4.answer_texts", "puzzles.4.skills",
           "puzzles.5.theme", "puzzles.5.team", "puzzles.6.type", "puzzles.6.scored", "puzzles.7.timed_out"]
_DELETE = "@delete@"  # the field taken out
# Each alone at each place, for each kind of file (the property test below mixes them).
_SAMPLES = [-1, 0, 1, 2, 10**6 + 1, 2 * 10**10 + 1, 10**30, 0.0, 0.5, 1.5, -0.0, 1e-320, 1e300, True, False, None,
            "", " ", "Léa", "Le\u0301a", "L\u00e9a  M", " L", "\u200bx", "a\tb", "x" * 65, "2026-13-40",
            "0001-01-01T00:00:00", "open", "failed", "won", "unfinished", "pc-1", "\u0001", [], ["a", "a"],
            [" L"], [1], {}, {"a": 2}, _DELETE]
_VALUES = st.one_of(
    st.integers(-10**6, 10**12), st.integers(1, 60).map(lambda n: 10 ** n),
    st.floats(allow_nan=False, allow_infinity=False), st.sampled_from([0.0, 1.0, -0.0, 1e-320, 1.5]),
    st.booleans(), st.none(),
    st.sampled_from(["", " ", "Léa", "Le\u0301a", "L\u00e9a  M", " L", "\u200bx", "a\tb", "x" * 65,
                     "2026-03-12T10:15:00+01:00", "2026-13-40", "0001-01-01T00:00:00", "solved", "open",
                     "failed", "won", "unfinished", "abc123", "pc-1", "sesame-resultat", "\u0001"]),
    st.lists(st.sampled_from(["a", "a", "b", 1, None, " L"]), max_size=3),
    st.dictionaries(st.sampled_from(["a", "b"]), st.sampled_from(["x", 2, None]), max_size=2))


def _edit(data: dict[str, Any], where: str, value: Any) -> None:
    *parents, last = where.split(".")
    target: Any = data
    for key in parents:
        if isinstance(target, list) and key.isdigit() and int(key) < len(target):
            target = target[int(key)]
        elif isinstance(target, dict) and not key.isdigit():
            target = target.get(key)
        else:
            return
    key: Any = int(last) if last.isdigit() else last
    if not isinstance(target, (dict, list)) or (
            isinstance(target, list) and not (isinstance(key, int) and key < len(target))):
        return
    if value is _DELETE:
        if isinstance(target, dict):
            target.pop(key, None)
        else:
            del target[key]
    else:
        target[key] = value


@settings(max_examples=int(os.environ.get("SESAME_FUZZ_EXAMPLES", 300)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.integers(0, 3),
       edits=st.lists(st.tuples(st.sampled_from(_PLACES), st.one_of(_VALUES, st.just(_DELETE))), max_size=3),
       bom=st.booleans(), duplicate=st.booleans())
def test_the_quick_way_takes_nothing_the_careful_way_refuses(files, which, edits, bom, duplicate):
    data = copy.deepcopy(files[which])
    for where, value in edits:
        _edit(data, where, value)
    _compare(data, bom, duplicate)

def _compare(data: dict[str, Any], bom: bool = False, duplicate: bool = False) -> None:
    text = json.dumps(data, ensure_ascii=False)
    if duplicate and text.startswith("{"):  # a key twice: JSON readers keep the last
        text = '{"score": 0, ' + text[1:]
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")
    table = Table()
    quick = quick_result(raw, "f.json", table)
    careful = _careful(raw)
    if quick is None:
        assert len(table) == 0  # declined: nothing left behind
    else:
        assert not isinstance(careful, Exception), careful
        assert _same(quick, careful)


@pytest.mark.parametrize("where", _PLACES)
def test_one_odd_value_anywhere(files, where):
    for data in files:
        for value in _SAMPLES:
            edited = copy.deepcopy(data)
            _edit(edited, where, value)
            try:
                _compare(edited)
            except AssertionError as error:
                raise AssertionError(f"{where} = {value!r} in {data['who']['pseudonym']}: {error}") from None


@settings(max_examples=int(os.environ.get("SESAME_FUZZ_EXAMPLES", 300)), deadline=None)
@given(text=st.text(st.sampled_from("aéE\u0301 \u00a0\t\u200b\u2028\u0001\u0085Zﬁ\ufeff"), max_size=8) | st.text(max_size=8))
@example("Léa  Martin")
@example(" Léa")
@example("Léa ")
@example("Le\u0301a")
@example("L\u00e9a\u00a0M")
@example("x\u200b")
@example("")
def test_a_name_is_taken_exactly_when_clean_name_leaves_it_as_it_is(text):
    assert validate._name(text) == (clean_name(text) == text)


def _class_folder(files: list[dict[str, Any]], folder: Path) -> list[Path]:
    """Good files and files each refused or declined for a different reason, mixed."""
    written = []

    def put(name: str, data: Any = None, text: bytes | None = None) -> None:
        path = folder / f"{len(written):02d}_{name}.json"
        path.write_bytes(text if text is not None else json.dumps(data, ensure_ascii=False).encode())
        written.append(path)

    for k in range(3):
        for which, data in enumerate(files[:2]):  # one game: the quizzes
            data = copy.deepcopy(data)
            data["who"]["pseudonym"] = f"{data['who']['pseudonym']} {k}"
            put(f"bon{k}_{which}", data)
        bad = copy.deepcopy(files[(k + 1) % 2])  # unlike the file after it
        bad["who"]["pseudonym"] = f"Faux {k}"
        if k == 0:
            bad["score"] += 1  # the figures do not add up
        elif k == 1:
            bad["puzzles"][0]["points"] = bad["puzzles"][0]["max_points"] + 1  # a row off
        else:
            bad["puzzles"][1]["status"] = "perdu"
        put(f"faux{k}", bad)
    put("bom", text=b"\xef\xbb\xbf" + json.dumps(files[0]).replace("L\\u00e9a", "Bom").encode())
    put("tronque", text=json.dumps(files[1]).encode()[:300])
    put("vide", text=b"")
    return written


def test_reading_a_class_in_chunks_gives_what_the_careful_way_gives(files, tmp_path, monkeypatch):
    from engine.results import quickread, resultfile

    paths = _class_folder(files, tmp_path)
    monkeypatch.setattr(resultfile, "QUICK_CHUNK", 4)  # chunks that mix good and bad files
    quick = read_results(paths)
    monkeypatch.setattr(quickread, "quick_results", lambda given, table: [None] * len(given))
    careful = read_results(paths)
    assert [p.message for p in quick.problems] == [p.message for p in careful.problems]
    assert len(quick.problems) == 5
    assert [r.pseudonym for r in quick.results] == [r.pseudonym for r in careful.results]
    assert len(quick.results) == 7
    assert all(_same(a, b) for a, b in zip(quick.results, careful.results))
