"""The local database: survives kills, migrates old files, erases and exports a pupil."""

from __future__ import annotations

import json
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.results.forget import forget
from engine.results.store import SCHEMA_VERSION, Store, StoreError, default_path
from engine.core import commands as cmd
from engine.session import Session

from .conftest import KILLED, ROOT
from .results_helpers import game, play_challenge, play_escape, play_quiz
from .results_writer import entry

START = "2026-03-12T10:15:00+01:00"


def _check(path: Path, committed: int) -> int:
    """The database after a kill: intact, whole transactions only, every commit kept."""
    with Store(path) as store:
        assert store.check() == "ok"
        assert store.schema_version() == SCHEMA_VERSION
        db = store._db
        rows = db.execute("SELECT seq, t, data FROM events ORDER BY seq").fetchall()
        assert [seq for seq, _t, _d in rows] == list(range(len(rows)))  # no gap, no double
        assert len(rows) % 2 == 0  # never half a transaction
        assert len(rows) >= committed  # what was committed survived the kill
        for seq, t, data in rows[-4:]:
            assert (t, json.loads(data)) == (entry(seq).t, entry(seq).event)
        attempts = db.execute("SELECT COUNT(*), MIN(time_s), MAX(time_s) FROM attempts").fetchone()
        assert attempts[0] == len(rows) // 2
        if attempts[0]:
            assert attempts[1:] == (0.5, 0.5)
        return len(rows)


def test_a_killed_writer_never_corrupts_the_database(tmp_path):
    path = tmp_path / "sesame.sqlite3"
    rng = random.Random(5)
    stored = 0
    for kill in range(14):
        writer = subprocess.Popen([sys.executable, "-m", "tests.results_writer", str(path)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if kill % 4 == 0:
            time.sleep(rng.uniform(0.0, 0.15))  # anywhere: starting, migrating, writing
        else:
            assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
            time.sleep(rng.uniform(0.0, 0.06))
        writer.kill()  # SIGKILL, or TerminateProcess on Windows: no clean-up
        out, _err = writer.communicate()
        assert writer.returncode == KILLED
        committed = max((int(line) for line in out.split() if line.isdigit()), default=0)
        now = _check(path, committed) if path.exists() else 0
        assert now >= stored  # writing resumed where it stopped
        stored = now
    assert stored > 20
    with Store(path) as store:  # and the next writer carries on
        session = store.start(pseudonym="Léa", game_id="g", game_version="1", content_hash="h",
                              started_at="2026-03-12T10:15:00")
        assert store.record(session, [entry(k) for k in range(stored + 2)]) == 2
        assert store.counts()["events"] == stored + 2


def test_database_runs_in_wal_mode_with_full_sync(tmp_path):
    with Store(tmp_path / "db.sqlite3") as store:
        assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_the_database_lives_in_the_user_data_folder(sesame_home):
    assert default_path() == sesame_home / "data" / "sesame.sqlite3"


# --- migrations --------------------------------------------------------------------------

VERSION_1 = """
CREATE TABLE players (id INTEGER PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE);
CREATE TABLE sessions (id INTEGER PRIMARY KEY,
    player_id INTEGER NOT NULL REFERENCES players(id) ON DELETE CASCADE,
    game_id TEXT NOT NULL, game_version TEXT NOT NULL, content_hash TEXT NOT NULL,
    started_at TEXT NOT NULL, duration_s REAL NOT NULL DEFAULT 0, ended INTEGER NOT NULL DEFAULT 0,
    ending TEXT, success INTEGER, score INTEGER NOT NULL DEFAULT 0, max_score INTEGER NOT NULL DEFAULT 0,
    UNIQUE (player_id, game_id, started_at));
CREATE TABLE events (session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, t REAL NOT NULL, name TEXT NOT NULL, puzzle TEXT, data TEXT NOT NULL,
    PRIMARY KEY (session_id, seq));
CREATE TABLE attempts (session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL, puzzle_id TEXT NOT NULL, attempt INTEGER NOT NULL, answer TEXT NOT NULL,
    correct INTEGER NOT NULL, fraction REAL NOT NULL, t REAL NOT NULL, PRIMARY KEY (session_id, seq));
INSERT INTO players VALUES (1, 'Léa');
INSERT INTO sessions (id, player_id, game_id, game_version, content_hash, started_at, duration_s, ended,
    ending, success, score, max_score)
    VALUES (1, 1, 'mini_escape', '1.0.0', 'abc', '2026-03-01T09:00:00', 40, 1, 'victoire', 1, 15, 20);
INSERT INTO events VALUES (1, 0, 0, 'GameStarted', NULL, '{"event": "GameStarted", "genre": "escape", "seed": 0}');
INSERT INTO events VALUES (1, 1, 4, 'PuzzleOpened', 'code_coffre', '{"event": "PuzzleOpened", "puzzle": "code_coffre"}');
INSERT INTO events VALUES (1, 2, 9, 'HintGiven', 'code_coffre', '{"event": "HintGiven", "puzzle": "code_coffre"}');
INSERT INTO events VALUES (1, 3, 12, 'AnswerJudged', 'code_coffre', '{"event": "AnswerJudged", "puzzle": "code_coffre"}');
INSERT INTO events VALUES (1, 4, 15, 'HintGiven', 'code_coffre', '{"event": "HintGiven", "puzzle": "code_coffre"}');
INSERT INTO events VALUES (1, 5, 20, 'AnswerJudged', 'code_coffre', '{"event": "AnswerJudged", "puzzle": "code_coffre"}');
INSERT INTO attempts VALUES (1, 3, 'code_coffre', 1, '1234', 0, 0.0, 12);
INSERT INTO attempts VALUES (1, 5, 'code_coffre', 2, '1945', 1, 1.0, 20);
PRAGMA user_version = 1;
"""


def test_a_version_1_database_is_migrated_on_opening(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(VERSION_1)
    old.close()
    with Store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION == 2
        assert store.check() == "ok"
        [session] = store.export("Léa")["sessions"]
        assert (session["group_code"], session["team"], session["members"]) == ("", "", [])
        # The new columns are filled in for the answers already there, from their events.
        assert [(a["answer"], a["hints"], a["time_s"]) for a in session["answers"]] == [
            ("1234", 1, 8.0), ("1945", 2, 16.0)]
        assert session["score"] == 15 and session["success"] is True
        # And the migrated database takes new attempts with teams.
        store.save(play_challenge(), "Léa", started_at=START, team="Bleus", members=["Léa", "Tom"])
        assert store.counts()["sessions"] == 2 and store.counts()["members"] == 2
    with Store(path) as again:  # opening twice migrates once
        assert again.schema_version() == 2 and again.counts()["sessions"] == 2


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite3"
    newer = sqlite3.connect(path)
    newer.execute("CREATE TABLE future (x)")
    newer.execute("PRAGMA user_version = 99")
    newer.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="version plus récente de Sésame"):
        Store(path)
    assert path.read_bytes() == before


def test_a_damaged_database_is_refused_untouched(tmp_path):
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="illisible"):
        Store(path)
    assert path.read_bytes() == b"this is not a database" * 100


# --- recording ---------------------------------------------------------------------------

def test_saving_after_every_command_stores_each_event_once(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    session = Session(game("mini_escape"), autosave=False)
    for command in (cmd.Inspect(5, "interrupteur"), cmd.Inspect(20, "coffre"), cmd.Hint(25, "code_coffre"),
                    cmd.Answer(30, "code_coffre", "1234"), cmd.Answer(41, "code_coffre", "1945")):
        session.do(command)
        store.save(session, "Léa", started_at=START)
    store.save(session, "Léa", started_at=START)  # nothing new: nothing written twice
    assert store.counts()["events"] == len(session.log)
    [saved] = store.export("Léa")["sessions"]
    assert [(a["answer"], a["correct"], a["hints"], a["time_s"]) for a in saved["answers"]] == [
        ("1234", False, 1, 10.0), ("1945", True, 1, 21.0)]
    assert [e["event"] for e in saved["events"]] == [e.event["event"] for e in session.log]
    assert saved["ended"] is False and saved["score"] == session.score().points
    store.close()


# --- a pupil's rights: export everything, erase everything -------------------------------

@pytest.fixture
def class_db(tmp_path) -> Path:
    path = tmp_path / "class.sqlite3"
    with Store(path) as store:
        store.save(play_quiz("1111100000"), "Zoé", started_at=START, group="4B")
        store.save(play_quiz("1010101010"), "Zoé", started_at="2026-03-13T10:15:00+01:00", group="4B")
        store.save(play_escape(hints=1), "Tom", started_at=START, team="Bleus", members=["Tom", "Zoé"])
        store.save(play_quiz("0000011111"), "Inès", started_at=START)
    return path


def test_export_gives_everything_about_a_pupil(class_db):
    with Store(class_db) as store:
        data = store.export(" Zoe\u0301 ")  # however the name is typed
    assert [s["started_at"][:10] for s in data["sessions"]] == ["2026-03-12", "2026-03-13"]
    assert data["sessions"][0]["score"] == 50 and len(data["sessions"][0]["answers"]) == 10
    assert [s["team"] for s in data["member_of"]] == ["Bleus"]
    assert data["member_of"][0]["recorded_by"] == "Tom"
    assert json.loads(json.dumps(data)) == data  # plain data
    assert store_empty_export(class_db, "Personne") == {"pseudonym": "Personne", "sessions": [], "member_of": []}


def store_empty_export(path: Path, pseudonym: str) -> dict:
    with Store(path) as store:
        return store.export(pseudonym)


def test_forget_erases_a_pupil_and_only_them(class_db):
    with Store(class_db) as store:
        before = store.counts()
        zoe_events = sum(len(s["events"]) for s in store.export("Zoé")["sessions"])
        erased = store.forget("Zoé")
        after = store.counts()
        # 1 player, 2 sessions, their events and 20 answers, and 1 place in Tom's team.
        assert erased == 1 + 2 + zoe_events + 20 + 1
        assert sum(before.values()) - sum(after.values()) == erased
        assert store.export("Zoé") == {"pseudonym": "Zoé", "sessions": [], "member_of": []}
        tom = store.export("Tom")["sessions"]
        assert len(tom) == 1 and tom[0]["members"] == ["Tom"]  # the team's game stays, without her
        assert store.forget("Zoe\u0301") == 0  # the same name, decomposed: already gone
        assert store.check() == "ok"
    # Nothing of her is left on the disk: erased pages are zeroed, the log folded in.
    for file in class_db.parent.glob("class.sqlite3*"):
        assert "Zoé".encode() not in file.read_bytes(), file


def test_forget_command_erases_the_database_and_saves(sesame_home, capsys):
    from engine.cli import main

    with Store() as store:
        store.save(play_quiz("11"), "Léa", started_at=START)
    saves = sesame_home / "saves"
    saves.mkdir(parents=True, exist_ok=True)
    (saves / "mini_quiz.json").write_text(json.dumps({"format": 1, "player": "Léa"}), encoding="utf-8")
    (saves / "mini_escape.json").write_text(json.dumps({"format": 1, "player": "Tom"}), encoding="utf-8")
    assert main(["forget", "Léa"]) == 0
    out = capsys.readouterr().out
    assert "« Léa » : " in out and "enregistrements effacés de la base de données." in out
    assert f"{saves / 'mini_quiz.json'} — partie en cours" in out
    assert "ne sont pas sur cet ordinateur : efface-les là où ils sont" in out
    assert [p.name for p in saves.iterdir()] == ["mini_escape.json"]
    assert main(["forget", "Léa"]) == 0
    assert "Aucune donnée enregistrée pour « Léa »" in capsys.readouterr().out
    assert main(["forget", " "]) == 2


def test_forget_does_not_create_a_database(sesame_home):
    assert forget("Léa").records == 0
    assert not default_path().exists()


def test_export_and_forget_from_the_command_line(capsys):
    import json as _json

    from engine.cli import main
    from engine.content.loader import load_game
    from engine.core import commands as cmd
    from engine.results.store import Store
    from engine.session import Session

    from .conftest import FIXTURES

    game = load_game(FIXTURES / "mini_escape").game
    session = Session(game, autosave=False, player="Renard")
    session.do(cmd.Inspect(3, "interrupteur"))
    with Store() as store:
        store.save(session, "Renard", started_at="2026-11-22T10:00:00+01:00")
    assert main(["export", "Renard"]) == 0
    exported = _json.loads(capsys.readouterr().out)
    assert exported["pseudonym"] == "Renard" and len(exported["sessions"]) == 1
    assert main(["forget", "Renard"]) == 0
    capsys.readouterr()
    assert main(["export", "Renard"]) == 0
    assert _json.loads(capsys.readouterr().out)["sessions"] == []
