"""Result files a teacher collects are outside input: forged figures, devices and FIFOs
named on the command line, files of another game outnumbering the class's, a folder
where the summary cannot be written. One bad file is refused with its reason; the
summary of the others is always made, and says which game it is about."""

from __future__ import annotations

import copy
import errno
import json
import math
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from engine import storage  # noqa: E402
from engine.cli import main  # noqa: E402
from engine.results.resultfile import read_results, result_from_session, write_result  # noqa: E402
from engine.results.summary import build  # noqa: E402

from .results_helpers import play_escape, quiz_result  # noqa: E402
from .test_player_e2e import open_teacher  # noqa: E402

START = "2026-03-12T10:15:00+01:00"


@pytest.fixture(scope="module")
def valid() -> dict[str, Any]:
    return quiz_result("1101100110", "Léa")


def _class(folder: Path, count: int = 5) -> list[Path]:
    return [write_result(quiz_result("1100110011"[: 10 - k] + "1" * k, f"Élève {k}"), folder)
            for k in range(count)]


def test_a_5001_digit_integer_costs_its_file_not_the_summary(valid, tmp_path):
    _class(tmp_path / "classe")
    forged = tmp_path / "classe" / "forged.json"
    text = json.dumps(valid, ensure_ascii=False).replace('"score": 60', '"score": ' + "9" * 5001)
    assert "9" * 5001 in text
    forged.write_text(text, encoding="utf-8")
    built = build([tmp_path / "classe"], tmp_path / "out")
    assert built.summary is not None and built.summary.overview.pupils == 5
    [problem] = [p for p in built.reading.problems if p.path == str(forged)]
    assert "nombre démesuré" in problem.message


# --- whatever numbers a forged file holds, the summary is made ---------------------------

NUMBERS = ["score", "max_score", "hints", "duration_s", "puzzles.0.points", "puzzles.0.max_points",
           "puzzles.1.wrong", "puzzles.2.hints", "puzzles.3.time_s", "puzzles.0.fraction"]
_token = st.one_of(
    st.integers(-10**6, 10**7).map(str),
    st.integers(1, 6000).map(lambda n: "9" * n),  # up to thousands of digits
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["1.7e308", "-1.7e308", "1e-320", "NaN", "Infinity", "-Infinity", "1e400", "-0"]))


def _forge(valid: dict[str, Any], edits: list[tuple[str, str]]) -> str:
    data = copy.deepcopy(valid)
    for k, (where, _token_text) in enumerate(edits):
        *parents, last = where.split(".")
        target: Any = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = f"@@{k}@@"
    text = json.dumps(data, ensure_ascii=False)
    for k, (_where, token) in enumerate(edits):
        text = text.replace(f'"@@{k}@@"', token)
    return text


@settings(max_examples=int(os.environ.get("SESAME_FUZZ_EXAMPLES", 120)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forged=st.lists(st.lists(st.tuples(st.sampled_from(NUMBERS), _token), min_size=1, max_size=4),
                       min_size=1, max_size=6))
def test_forged_numbers_never_cost_the_class_its_summary(valid, tmp_path_factory, forged):
    folder = tmp_path_factory.mktemp("classe")
    _class(folder, 3)
    names = []
    for k, edits in enumerate(forged):
        copy_of = copy.deepcopy(valid)
        copy_of["who"]["pseudonym"] = f"Faux {k}"
        names.append(folder / f"faux{k}.json")
        names[-1].write_text(_forge(copy_of, edits), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    built = build([folder], out)
    summary = built.summary
    assert summary is not None
    taken = {r.pseudonym for r in built.reading.results}
    assert {"Élève 0", "Élève 1", "Élève 2"} <= taken
    refused = {p.path for p in built.reading.problems}
    for k, path in enumerate(names):  # each forged file: taken as it is, or refused with a reason
        assert (f"Faux {k}" in taken) != (str(path) in refused)
    for row in summary.pupils:  # every figure shown is a sane, finite number
        for value in (row.score, row.max_score, row.duration_s, row.score_pct, row.hints):
            assert math.isfinite(value) and 0 <= value <= 1e12
    json.loads((out / "synthese.json").read_text(encoding="utf-8"))  # no NaN, no Infinity


# --- what is read, and how long it takes -------------------------------------------------

def test_devices_and_fifos_named_on_the_command_line_are_refused_at_once(tmp_path, capsys):
    from .test_storage import special_files

    _class(tmp_path / "classe")
    special = special_files(tmp_path)
    start = time.perf_counter()
    code = main(["report", *map(str, special), str(tmp_path / "classe"), "--out", str(tmp_path / "out")])
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err
    assert code == 0 and elapsed < 5
    for path in special:
        assert f"{path}: fichier illisible (ce n’est pas un fichier ordinaire" in err


def test_a_big_file_is_refused_without_being_read(tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as out:
        out.truncate(200 * 1024 * 1024)  # 200 MB, sparse: refused from its size alone
    reading = read_results([big])
    [problem] = reading.problems
    assert "trop gros" in problem.message


# --- which game is summarised ---------------------------------------------------------------

def _forged_majority(folder: Path) -> None:
    """Five real results of the quiz, six forged ones of another game."""
    _class(folder, 5)
    escape = play_escape()
    for k in range(6):
        write_result(result_from_session(escape, f"Intrus {k}", started_at=START), folder)


def test_the_summarised_game_is_said_and_the_others_listed(tmp_path, capsys):
    _forged_majority(tmp_path / "classe")
    assert main(["report", str(tmp_path / "classe"), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    first = err.splitlines()[0]
    assert first.startswith("Plusieurs jeux parmi ces fichiers. Synthèse du jeu « Mini escape (jeu de test) » "
                            "(identifiant mini_escape, 6 résultats, celui qui a le plus de résultats)")
    assert "« Mini quiz (jeu de test) » (identifiant mini_quiz) : 5 résultats" in first
    assert "--game IDENTIFIANT" in first
    notes = json.loads((tmp_path / "out" / "synthese.json").read_text(encoding="utf-8"))["notes"]
    assert notes[0] == first  # said in the summary itself, not only in the terminal
    assert "Plusieurs jeux" in (tmp_path / "out" / "synthese.html").read_text(encoding="utf-8")


def test_the_teacher_names_the_game(tmp_path, capsys):
    _forged_majority(tmp_path / "classe")
    assert main(["report", str(tmp_path / "classe"), "--out", str(tmp_path / "out"), "--game", "mini_quiz"]) == 0
    out, err = capsys.readouterr()
    assert "Mini quiz (jeu de test) : 5 élèves ou équipes" in out
    assert "(identifiant mini_quiz, 5 résultats, choisi par l’enseignant)" in err
    summary = json.loads((tmp_path / "out" / "synthese.json").read_text(encoding="utf-8"))
    assert summary["game_id"] == "mini_quiz" and summary["overview"]["pupils"] == 5
    assert main(["report", str(tmp_path / "classe"), "--out", str(tmp_path / "o2"), "--game", "autre"]) == 1
    assert "aucun résultat du jeu « autre » parmi ces fichiers ; jeux trouvés : « mini_escape » (6), " \
           "« mini_quiz » (5)" in capsys.readouterr().err


# --- where the summary goes --------------------------------------------------------------

def test_an_output_folder_below_a_file_is_a_message(tmp_path, capsys):
    _class(tmp_path / "classe")
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    code = main(["report", str(tmp_path / "classe"), "--out", str(tmp_path / "fichier" / "synthese")])
    err = capsys.readouterr().err
    assert code == 1 and "sesame: impossible d’écrire la synthèse dans" in err and "Traceback" not in err


def test_a_read_only_output_folder_is_a_message(tmp_path, capsys, monkeypatch):
    _class(tmp_path / "classe")

    def refused(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(storage.tempfile, "mkstemp", refused)
    assert main(["report", str(tmp_path / "classe"), "--out", str(tmp_path / "out")]) == 1
    assert "le disque ou le dossier est en lecture seule. Choisissez un autre dossier avec --out." \
        in capsys.readouterr().err


@pytest.mark.skipif(not (sys.platform.startswith("linux") and shutil.which("mount") and os.geteuid() == 0),
                    reason="needs root on Linux for a read-only bind mount")
def test_for_real_a_read_only_output_folder(tmp_path):
    _class(tmp_path / "classe")
    out = tmp_path / "out"
    out.mkdir()
    if subprocess.run(["mount", "--bind", str(out), str(out)], capture_output=True).returncode:
        pytest.skip("cannot bind mount here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(out)], check=True, capture_output=True)
        done = subprocess.run([sys.executable, "-m", "engine", "report", str(tmp_path / "classe"), "--out", str(out)],
                              capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    finally:
        subprocess.run(["umount", "-l", str(out)], capture_output=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "lecture seule" in done.stderr


def test_a_full_disk_under_the_workbook_is_a_message_and_leaves_nothing(tmp_path, capsys, monkeypatch):
    """xlsxwriter wraps the disk's error in its own FileCreateError (not an OSError)."""
    import xlsxwriter

    _class(tmp_path / "classe")

    def full(self):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(xlsxwriter.workbook.Workbook, "_store_workbook", full)
    assert main(["report", str(tmp_path / "classe"), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "le disque est plein. Choisissez un autre dossier avec --out." in err and "Traceback" not in err
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".xlsx")]


@pytest.mark.skipif(not (sys.platform.startswith("linux") and shutil.which("mount") and os.geteuid() == 0),
                    reason="needs root on Linux to mount a tmpfs")
def test_for_real_a_full_output_disk(tmp_path):
    _class(tmp_path / "classe")
    out = tmp_path / "full"
    out.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20k", "tmpfs", str(out)], capture_output=True).returncode:
        pytest.skip("cannot mount here")
    try:
        (out / "filler").write_bytes(b"\0" * 16_384)
        done = subprocess.run([sys.executable, "-m", "engine", "report", str(tmp_path / "classe"),
                               "--out", str(out / "synthese")],
                              capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
        left = sorted(p.name for p in (out / "synthese").iterdir()) if (out / "synthese").is_dir() else []
    finally:
        subprocess.run(["umount", "-l", str(out)], capture_output=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "Exception" not in done.stderr
    assert "le disque est plein" in done.stderr
    assert not [name for name in left if name.startswith(".")]


# --- the teacher screen, with the same files -----------------------------------------------

def test_the_teacher_screen_survives_forged_files(tmp_path, valid):
    from engine.player.scenes.teacher import TeacherScene

    folder = tmp_path / "classe"
    _forged_majority(folder)
    (folder / "big.json").write_text(json.dumps(valid).replace('"duration_s": ', '"duration_s": 1.7e308, "x": '),
                                     encoding="utf-8")
    (folder / "digits.json").write_text(json.dumps(valid).replace('"hints": ', '"hints": ' + "7" * 5001 + ', "y": '),
                                        encoding="utf-8")
    app, pilot = open_teacher()
    teacher = app.scene
    pilot.click("choose")
    pilot.click("path")
    pilot.type(str(folder))
    pilot.click("use-path")
    pilot.settle()
    assert app.scene is teacher and isinstance(teacher, TeacherScene) and teacher.summary is not None
    text = "\n".join(teacher.lines)
    assert "Plusieurs jeux parmi ces fichiers" in text and "nombre démesuré" in text
    app.step([])
