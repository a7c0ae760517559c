"""The local database of attempts: SQLite from the standard library, on the user's disk.

Tables: ``players`` (a pseudonym, nothing else), ``sessions`` (one attempt at one game),
``members`` (the pupils of a team attempt), ``events`` (everything the rules said, in
order) and ``attempts`` (each answer given: correct or not, time taken, hints used
before it). Nothing leaves the machine.

Crash safety: the database runs in WAL mode with ``synchronous=FULL``, and every write
is one ``BEGIN IMMEDIATE … COMMIT`` transaction, so a killed process or a pulled power
cable leaves the database as it was before or after a command, never in between
(tests kill a writer at random points and check ``PRAGMA integrity_check``). Events are
numbered within their session and stored once: after a crash the app hands the whole
log again and only what is missing is written.

The schema is versioned with ``PRAGMA user_version``; ``MIGRATIONS[n]`` takes a
database from version n to n + 1, inside the same transaction that records the new
version, so an interrupted migration is rolled back whole. A database from a newer
Sésame is refused rather than damaged.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.figures import first_shown, hints_before, time_taken
from ..i18n import _
from ..paths import user_home
from ..storage import kind as os_kind
from ..storage import reason, set_aside
from .validate import clean_name, name_key

if TYPE_CHECKING:
    from .played import LoggedEvent, Played

DATABASE = "sesame.sqlite3"

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 0 → 1: players, sessions, events, attempts.
    (
        """CREATE TABLE players (
            id INTEGER PRIMARY KEY,
            pseudonym TEXT NOT NULL UNIQUE)""",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            player_id INTEGER NOT NULL REFERENCES players(id) ON DELETE CASCADE,
            game_id TEXT NOT NULL,
            game_version TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            started_at TEXT NOT NULL,
            duration_s REAL NOT NULL DEFAULT 0,
            ended INTEGER NOT NULL DEFAULT 0,
            ending TEXT,
            success INTEGER,
            score INTEGER NOT NULL DEFAULT 0,
            max_score INTEGER NOT NULL DEFAULT 0,
            UNIQUE (player_id, game_id, started_at))""",
        """CREATE TABLE events (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            t REAL NOT NULL,
            name TEXT NOT NULL,
            puzzle TEXT,
            data TEXT NOT NULL,
            PRIMARY KEY (session_id, seq))""",
        """CREATE TABLE attempts (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            puzzle_id TEXT NOT NULL,
            attempt INTEGER NOT NULL,
            answer TEXT NOT NULL,
            correct INTEGER NOT NULL,
            fraction REAL NOT NULL,
            t REAL NOT NULL,
            PRIMARY KEY (session_id, seq))""",
    ),
    # 1 → 2: groups and teams; each answer's hints and time taken (filled in for the
    # answers already stored, from their events).
    (
        "ALTER TABLE sessions ADD COLUMN group_code TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE sessions ADD COLUMN team TEXT NOT NULL DEFAULT ''",
        """CREATE TABLE members (
            session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            player_id INTEGER NOT NULL REFERENCES players(id) ON DELETE CASCADE,
            PRIMARY KEY (session_id, player_id))""",
        "CREATE INDEX members_player ON members(player_id)",
        "CREATE INDEX sessions_player ON sessions(player_id)",
        "ALTER TABLE attempts ADD COLUMN hints INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE attempts ADD COLUMN time_s REAL",
        """UPDATE attempts SET
            hints = (SELECT COUNT(*) FROM events e WHERE e.session_id = attempts.session_id
                     AND e.seq < attempts.seq AND e.name = 'HintGiven'
                     AND e.puzzle = attempts.puzzle_id),
            time_s = attempts.t - (SELECT e.t FROM events e
                     WHERE e.session_id = attempts.session_id AND e.seq < attempts.seq
                     AND e.name IN ('QuestionShown', 'PuzzleOpened')
                     AND e.puzzle = attempts.puzzle_id ORDER BY e.seq LIMIT 1)""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

# hints and time_s are engine.core.figures' (the migration above filled in the answers
# stored before them with the same definitions, in SQL)
_ATTEMPT = """INSERT OR IGNORE INTO attempts
    (session_id, seq, puzzle_id, attempt, answer, correct, fraction, t, hints, time_s)
    VALUES (:session, :seq, :puzzle, :attempt, :answer, :correct, :fraction, :t, :hints, :time_s)"""


class StoreError(Exception):
    """A database that cannot be used; the message says why, in words. ``kind`` is what
    the caller branches on: ``full`` and ``readonly`` (try again later), ``damaged``
    (set the file aside, start a new one), ``busy``, ``newer`` or ``other``."""

    def __init__(self, message: str, kind: str = "other", why: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.why = why or message  # the reason alone, without the file's path


# SQLite's primary result codes (the low byte of the extended ones).
_KINDS = {3: "readonly", 5: "busy", 6: "busy", 8: "readonly", 10: "io", 11: "damaged",
          13: "full", 14: "cantopen", 26: "damaged"}


def _kind(error: sqlite3.Error) -> str:
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        text = str(error).lower()
        return "damaged" if "malformed" in text or "not a database" in text else "other"
    return _KINDS.get(code & 0xFF, "other")


def _why(kind: str, error: object) -> str:
    return {"full": _("le disque est plein"),
            "readonly": _("la base de données ou son dossier est en lecture seule"),
            "busy": _("la base de données est occupée par une autre fenêtre de Sésame"),
            "io": _("erreur de lecture ou d’écriture du disque"),
            "damaged": _("le fichier est abîmé"),
            "cantopen": _("le fichier ne peut pas être ouvert (dossier en lecture seule ?)"),
            }.get(kind) or str(error)


def set_aside_database(path: Path) -> Path | None:
    """Keep a damaged database under another name (with its write-ahead log), so that
    a new one can be started and nothing is lost; returns its new name."""
    kept = set_aside(path, companions=("-wal", "-journal"))
    if kept is not None:
        try:
            os.unlink(f"{path}-shm")  # an index of the log, rebuilt from it
        except OSError:
            pass
    return kept


def default_path() -> Path:
    return user_home() / "data" / DATABASE


class Store:
    """The database at ``path`` (the user's data folder by default), migrated on opening."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(_("impossible d’ouvrir la base de données « {path} » ({error})").format(
                path=self.path, error=reason(error)), os_kind(error), reason(error)) from None
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, timeout=10.0)
        except sqlite3.Error as error:
            kind = _kind(error)
            raise StoreError(_("impossible d’ouvrir la base de données « {path} » ({error})").format(
                path=self.path, error=_why(kind, error)), kind, _why(kind, error)) from None
        try:
            self._refuse_newer(int(self._db.execute("PRAGMA user_version").fetchone()[0]))
            # Only now: switching to WAL rewrites the file's header.
            self._db.execute("PRAGMA journal_mode=WAL").fetchone()
            # FULL: a transaction is on the disk when COMMIT returns (power loss included).
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            # Erased rows are overwritten with zeros, not left in free pages.
            self._db.execute("PRAGMA secure_delete=ON")
            self._migrate()
        except sqlite3.Error as error:
            self._db.close()
            kind = _kind(error)
            if kind == "damaged":
                raise StoreError(_("la base de données « {path} » est illisible ({error}) ; elle n’a "
                                   "pas été modifiée").format(path=self.path, error=error), kind,
                                 _why(kind, error)) from None
            raise StoreError(_("impossible d’ouvrir la base de données « {path} » ({error})").format(
                path=self.path, error=_why(kind, error)), kind, _why(kind, error)) from None
        except StoreError:
            self._db.close()
            raise

    # --- life cycle -------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything inside is on the disk, or none of it. SQLite's
        errors come out as ``StoreError`` saying why (a full disk, a damaged page)."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                if self._db.in_transaction:  # SQLite may already have rolled back (disk full)
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            kind = _kind(error)
            try:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            raise StoreError(_("la base de données « {path} » n’a pas pu être modifiée : {why}").format(
                path=self.path, why=_why(kind, error)), kind, _why(kind, error)) from None

    def schema_version(self) -> int:
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._write() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            self._refuse_newer(version)
            for target in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[target]:
                    db.execute(statement)
            if version != SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION:d}")

    def _refuse_newer(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(_("la base de données « {path} » vient d’une version plus récente "
                               "de Sésame (schéma {version}) : mettez Sésame à jour").format(
                                   path=self.path, version=version), "newer")

    def check(self) -> str:
        """``ok``, or what SQLite found wrong in the file."""
        return "; ".join(row[0] for row in self._db.execute("PRAGMA integrity_check"))

    # --- writing ----------------------------------------------------------------------

    def _player(self, db: sqlite3.Connection, pseudonym: str) -> int:
        pseudonym = clean_name(pseudonym)  # « Léa » typed or pasted is one pupil
        db.execute("INSERT OR IGNORE INTO players (pseudonym) VALUES (?)", (pseudonym,))
        return int(db.execute("SELECT id FROM players WHERE pseudonym = ?", (pseudonym,)).fetchone()[0])

    def start(self, *, pseudonym: str, game_id: str, game_version: str, content_hash: str,
              started_at: str, group: str = "", team: str = "",
              members: Sequence[str] = ()) -> int:
        """The id of the attempt of ``pseudonym`` at ``game_id`` begun at ``started_at``;
        created the first time, found again when a resumed game asks once more."""
        with self._write() as db:
            return self._start(db, pseudonym, game_id, game_version, content_hash, started_at,
                               group, team, members)

    def _start(self, db: sqlite3.Connection, pseudonym: str, game_id: str, game_version: str,
               content_hash: str, started_at: str, group: str, team: str,
               members: Sequence[str]) -> int:
        player = self._player(db, pseudonym)
        db.execute("""INSERT OR IGNORE INTO sessions (player_id, game_id, game_version, content_hash,
                      started_at, group_code, team) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                   (player, game_id, game_version, content_hash, started_at, group, team))
        session = int(db.execute("SELECT id FROM sessions WHERE player_id = ? AND game_id = ? "
                                 "AND started_at = ?", (player, game_id, started_at)).fetchone()[0])
        for member in members:
            db.execute("INSERT OR IGNORE INTO members (session_id, player_id) VALUES (?, ?)",
                       (session, self._player(db, member)))
        return session

    def record(self, session_id: int, log: Sequence[LoggedEvent]) -> int:
        """Store the entries of ``log`` not stored yet (the log of a session, from its
        start: entry n is event n); returns how many were new."""
        with self._write() as db:
            return self._record(db, session_id, log)

    def _record(self, db: sqlite3.Connection, session_id: int, log: Sequence[LoggedEvent]) -> int:
        first = int(db.execute("SELECT COALESCE(MAX(seq) + 1, 0) FROM events WHERE session_id = ?",
                               (session_id,)).fetchone()[0])
        for seq in range(first, len(log)):
            entry = log[seq]
            data = entry.event
            name = str(data.get("event", ""))
            puzzle = data.get("puzzle") if isinstance(data.get("puzzle"), str) else None
            db.execute("INSERT OR IGNORE INTO events (session_id, seq, t, name, puzzle, data) "
                       "VALUES (?, ?, ?, ?, ?, ?)",
                       (session_id, seq, float(entry.t), name, puzzle,
                        json.dumps(data, ensure_ascii=False)))
            if name == "AnswerJudged" and puzzle is not None:
                before = [(float(e.t), e.event) for e in log[:seq]]
                db.execute(_ATTEMPT, {"session": session_id, "seq": seq, "puzzle": puzzle,
                                      "hints": hints_before((e for _t, e in before), puzzle),
                                      "time_s": time_taken(first_shown(before, puzzle), entry.t),
                                      "attempt": int(data.get("attempt", 1)),
                                      "answer": str(data.get("answer", "")),
                                      "correct": int(bool(data.get("correct"))),
                                      "fraction": float(data.get("fraction", 0.0)),
                                      "t": float(entry.t)})
        return max(0, len(log) - first)

    def save(self, session: Played, pseudonym: str, *, started_at: str, group: str = "",
             team: str = "", members: Sequence[str] = ()) -> int:
        """Everything about ``session`` not stored yet, and
        its current score, in one transaction; the player calls it after each command.
        Returns the attempt's id."""
        game, state = session.game, session.state
        current = session.score()
        success = None
        if state.ending is not None:
            ending = game.endings.get(state.ending)
            success = ending.success if ending is not None else True
        with self._write() as db:
            session_id = self._start(db, pseudonym, game.id, game.version, game.content_hash,
                                     started_at, group, team, members)
            self._record(db, session_id, session.log)
            db.execute("""UPDATE sessions SET duration_s = ?, ended = ?, ending = ?, success = ?,
                          score = ?, max_score = ? WHERE id = ?""",
                       (float(state.t), int(state.ending is not None), state.ending,
                        None if success is None else int(success), current.points,
                        current.max_points, session_id))
        return session_id

    # --- a pupil's rights: see everything, erase everything ---------------------------

    def _players(self, pseudonym: str) -> list[tuple[int, str]]:
        """The players stored under ``pseudonym`` however it was typed: spacing, case and
        accents composed or not (« Léa », « LÉA », « lea\u0301 » are one pupil to erase)."""
        wanted = name_key(pseudonym)
        return [(int(pid), name) for pid, name in self._db.execute(
            "SELECT id, pseudonym FROM players ORDER BY id") if name_key(name) == wanted]

    def forget(self, pseudonym: str) -> int:
        """Erase everything stored about ``pseudonym``: the player, their attempts with
        every event and answer, and their place in other pupils' team attempts.
        Returns the number of records erased (0 when the pseudonym is unknown)."""
        with self._write() as db:
            count = 0
            for player, _name in self._players(pseudonym):
                own = "(SELECT id FROM sessions WHERE player_id = :p)"
                count += 1 + sum(int(db.execute(query, {"p": player}).fetchone()[0]) for query in (
                    "SELECT COUNT(*) FROM sessions WHERE player_id = :p",
                    f"SELECT COUNT(*) FROM events WHERE session_id IN {own}",
                    f"SELECT COUNT(*) FROM attempts WHERE session_id IN {own}",
                    f"SELECT COUNT(*) FROM members WHERE session_id IN {own} OR player_id = :p",
                ))
                db.execute("DELETE FROM players WHERE id = ?", (player,))  # cascades to the rest
        if count:
            self.fold_log()
        return count

    def fold_log(self) -> bool:
        """Fold the write-ahead log into the database and empty it: old copies of erased
        pages must not linger there. False when another connection (a Sésame window
        playing) kept part of it in use."""
        try:
            busy = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.Error:
            return False
        return not busy

    def export(self, pseudonym: str) -> dict[str, Any]:
        """Everything stored about ``pseudonym``, as plain data (JSON-ready): their
        attempts and the team attempts they were a member of, each with its answers
        and events. An unknown pseudonym gives empty lists. The pseudonym is matched as
        ``forget`` matches it: what is shown here is what ``forget`` erases."""
        out: dict[str, Any] = {"pseudonym": clean_name(pseudonym), "sessions": [], "member_of": []}
        players = self._players(pseudonym)
        if not players:
            return out
        if len(players) > 1:
            out["stored_as"] = [name for _pid, name in players]
        ids = [pid for pid, _name in players]
        marks = ", ".join("?" * len(ids))
        own = self._db.execute(f"SELECT id FROM sessions WHERE player_id IN ({marks}) "
                               "ORDER BY started_at, id", ids).fetchall()
        member = self._db.execute(f"""SELECT DISTINCT s.id, s.started_at FROM sessions s
                                      JOIN members m ON m.session_id = s.id
                                      WHERE m.player_id IN ({marks}) AND s.player_id NOT IN ({marks})
                                      ORDER BY s.started_at, s.id""", ids + ids).fetchall()
        out["sessions"] = [self._session_data(int(r[0])) for r in own]
        out["member_of"] = [self._session_data(int(r[0])) for r in member]
        return out

    def _session_data(self, session_id: int) -> dict[str, Any]:
        db = self._db
        columns = ("game_id", "game_version", "content_hash", "started_at", "duration_s", "ended",
                   "ending", "success", "score", "max_score", "group_code", "team")
        row = db.execute(f"SELECT {', '.join(columns)} FROM sessions WHERE id = ?", (session_id,)).fetchone()
        data: dict[str, Any] = dict(zip(columns, row))
        data["ended"] = bool(data["ended"])
        data["success"] = None if data["success"] is None else bool(data["success"])
        data["recorded_by"] = db.execute(
            "SELECT p.pseudonym FROM players p JOIN sessions s ON s.player_id = p.id WHERE s.id = ?",
            (session_id,)).fetchone()[0]
        data["members"] = [r[0] for r in db.execute(
            "SELECT p.pseudonym FROM members m JOIN players p ON p.id = m.player_id "
            "WHERE m.session_id = ? ORDER BY p.pseudonym", (session_id,))]
        answer_columns = ("puzzle_id", "attempt", "answer", "correct", "fraction", "t", "hints", "time_s")
        data["answers"] = [
            {**dict(zip(answer_columns, r)), "correct": bool(r[3])} for r in db.execute(
                f"SELECT {', '.join(answer_columns)} FROM attempts WHERE session_id = ? ORDER BY seq",
                (session_id,))]
        data["events"] = [{"t": t, **json.loads(text)} for t, text in db.execute(
            "SELECT t, data FROM events WHERE session_id = ? ORDER BY seq", (session_id,))]
        return data

    # --- counts (tests, the teacher screen) -------------------------------------------

    def counts(self) -> dict[str, int]:
        return {table: int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
                for table in ("players", "sessions", "members", "events", "attempts")}
