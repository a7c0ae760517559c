"""One game being played: the rules, the state, the log of events, and the save file.

The player drives a ``Session``; so do the tests. After every command the session is
saved atomically (``storage.write_atomic``), so a killed process or a closed lid loses
at most the command being applied. Saves are versioned plain JSON, never pickled
objects, and are checked against the game before being played again.

A save that cannot be written (a full disk, a read-only folder) never stops the game:
the session keeps everything in memory, says why in ``save_problem``, and writes again
at the next command. One process at a time plays a save (``claim``): a second window
on the same folder is told, and plays a new game saved apart (``free_save``).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from dataclasses import InitVar, asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .core import events as ev
from .core.commands import Command
from .core.model import Game
from .core.restore import log_problem, problem
from .core.rules import Options, Rules
from .core.scoring import Score, score
from .core.state import State, StateError
from .paths import user_home
from .storage import Held, Lock, clean_temporary, holder, is_set_aside, read_bounded, write_atomic

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 64 * 1024 * 1024  # a long game's save is a few hundred kilobytes
SLOTS = 9  # saves of one game played at once in several windows
_SAFE_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")  # the schema's pattern for a game id


class SaveError(Exception):
    """A save that cannot be resumed; the message says why, in words."""


@dataclass
class LogEntry:
    """An event as the log keeps it: when, what, and the command that caused it."""

    t: float
    event: dict[str, Any]


@dataclass
class Session:
    game: Game
    options: Options = field(default_factory=Options)
    player: str = ""  # the pseudonym, or the team's name; empty: nothing is recorded
    save_path: Path | None = None
    autosave: bool = True
    group: str = ""
    members: tuple[str, ...] = ()
    started_at: str = ""  # local ISO 8601 time, given by the app (the core reads no clock)
    lock: Lock | None = None  # this process's claim on ``save_path`` (see ``claim``)
    # A game read back from its save (``resume``): its state and log, instead of a start.
    restored: InitVar[tuple[State, list[LogEntry]] | None] = None

    def __post_init__(self, restored: tuple[State, list[LogEntry]] | None) -> None:
        self.save_problem: OSError | None = None
        # Saves are numbered: a write waits for the one before it (``_writing``) and is
        # skipped when a newer save was asked for meanwhile, so the file never goes back.
        self._writing = threading.Lock()
        self._asked = 0
        self._behind: threading.Thread | None = None  # the clock's save, written aside
        self.rules = Rules(self.game, self.options)
        if restored is not None:
            self.state, self.log = restored
            self.started: list[ev.Event] = []
            return
        self.state, events = self.rules.start()
        self.started = events  # shown by the player when the game opens
        self.log = []
        self._record(0.0, events)
        self.save()

    # --- playing ------------------------------------------------------------------

    def do(self, command: Command) -> list[ev.Event]:
        """Apply a command; record and save what happened; return the events."""
        self.state, events = self.rules.apply(self.state, command)
        self._record(self.state.t, events)
        self.save()
        return events

    def keep_time(self, t: float, every: float = 5.0) -> bool:
        """The game time ``t`` saved at most ``every`` seconds apart, between commands:
        after a crash or a dead battery the clock resumes within ``every`` seconds of
        where it was (not at the last answer). True when it was saved now."""
        if self.ended or t - self.state.t < every:
            return False
        self.state = self.state.evolve(t=t)
        self.save(aside=True)
        return True

    def _record(self, t: float, events: list[ev.Event]) -> None:
        self.log.extend(LogEntry(t, e.to_data()) for e in events)

    @property
    def ended(self) -> bool:
        return self.state.ending is not None

    def score(self) -> Score:
        return score(self.game, self.state)

    # --- saving -------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        return {
            "format": SAVE_FORMAT, "game": self.game.id, "version": self.game.version,
            "content_hash": self.game.content_hash, "player": self.player, "group": self.group,
            "members": list(self.members), "started_at": self.started_at,
            "options": {"seed": self.options.seed, "time_factor": self.options.time_factor,
                        "teams": list(self.options.teams)},
            "state": self.state.to_data(), "log": [asdict(entry) for entry in self.log],
        }

    def save(self, aside: bool = False) -> bool:
        """Write the save; on failure keep playing in memory, note why in
        ``save_problem`` and return False (the next command tries again).

        ``aside``: written by a thread of its own, so that the frame loop does not wait
        for the disk (the clock's save every few seconds: a flush to an eMMC can take
        tens of milliseconds); True then means asked, not written."""
        if not self.autosave or self.save_path is None:
            return True
        data = json.dumps(self.to_data(), ensure_ascii=False)  # what the game is now
        self._asked += 1
        if aside:
            self.flush()  # one at a time: a slow disk does not pile up threads
            self._behind = threading.Thread(target=self._write, args=(self._asked, data), name="save")
            self._behind.start()
            return True
        return self._write(self._asked, data)

    def _write(self, number: int, data: str) -> bool:
        with self._writing:
            if number != self._asked:  # a newer save was asked for: it is written instead
                return True
            assert self.save_path is not None
            try:
                write_atomic(self.save_path, data)
            except OSError as error:
                self.save_problem = error
                return False
            self.save_problem = None
            return True

    def flush(self) -> None:
        """Wait until the save written aside, if any, is on the disk."""
        if self._behind is not None:
            self._behind.join()
            self._behind = None

    def release(self) -> None:
        """Give up this process's claim on the save (leaving the game)."""
        self.flush()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    @classmethod
    def resume(cls, game: Game, path: Path) -> Session:
        """The session saved at ``path``; raises SaveError when it cannot be resumed."""
        from .i18n import _

        try:
            data = json.loads(read_bounded(path, MAX_SAVE_BYTES).decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            raise SaveError(_("la sauvegarde est illisible (fichier abîmé)")) from None
        if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
            raise SaveError(_("la sauvegarde vient d’une autre version de Sésame"))
        if data.get("game") != game.id:
            raise SaveError(_("la sauvegarde est celle d’un autre jeu"))
        # A game changed since (an update, an author's fix) keeps its saves while what
        # they hold still fits it: the same rooms, puzzles and objects.
        changed = data.get("content_hash") != game.content_hash
        modified = _("le jeu a été modifié depuis cette sauvegarde, qui ne lui correspond plus")
        try:
            options = data["options"]
            factor = options["time_factor"]
            if not (factor is None or (type(factor) in (int, float) and 0.1 <= factor <= 10)) \
                    or type(options["seed"]) is not int or type(options["teams"]) is not list:
                raise ValueError("options")
            who = [data.get("player", ""), data.get("group", ""), data.get("started_at", ""),
                   *data.get("members", [])]
            if not all(type(w) is str and len(w) <= 1000 for w in who):
                raise ValueError("who")
            if who[2]:
                datetime.fromisoformat(who[2])
            state = State.from_data(data["state"])
            log = [LogEntry(e["t"], e["event"]) for e in data["log"]]
            session = cls(game, Options(seed=options["seed"], time_factor=factor,
                                        teams=tuple(str(t) for t in options["teams"])),
                          player=who[0], group=who[1], started_at=who[2], members=tuple(who[3:]),
                          save_path=path, autosave=True, restored=(state, log))
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError, StateError):
            raise SaveError(modified if changed else _("la sauvegarde est incomplète ou abîmée")) from None
        why = problem(session.rules, session.state) or log_problem(
            session.rules, ((e.t, e.event) for e in session.log))
        if why:
            raise SaveError(modified if changed else _("la sauvegarde ne correspond pas à ce jeu ({why})").format(
                why=why))
        return session


def saves_folder() -> Path:
    """Where games in progress are saved (created when the first save is written, so
    that a read-only user folder is noticed when saving, not before playing)."""
    return user_home() / "saves"


def save_path_for(game_id: str, slot: int = 1) -> Path:
    """Where the game in progress is saved: one save per game, and one more per window
    playing the same game at the same time (``slot`` 2 and up). An id that is not a
    valid game id (the home screen reads manifests unchecked) never leaves the folder."""
    if not _SAFE_ID.fullmatch(game_id):
        game_id = "jeu-" + hashlib.sha256(game_id.encode("utf-8", "replace")).hexdigest()[:16]
    name = game_id if slot == 1 else f"{game_id}.{slot}"
    return saves_folder() / f"{name}.json"


def saves_of(game_id: str) -> list[Path]:
    """The saves of ``game_id`` on the disk, the main one first."""
    return [p for p in (save_path_for(game_id, n) for n in range(1, SLOTS + 1)) if p.is_file()]


def resumable_save(game_id: str) -> Path | None:
    """The first save of ``game_id`` that no other window is playing, if any."""
    return next((p for p in saves_of(game_id) if holder(p) is None), None)


def claim(path: Path) -> Lock | None:
    """This process's claim on the save at ``path``; raises ``Held`` when another
    window plays it. None when no claim can be written (a read-only folder: the game
    is played in memory, and nothing can be saved anyway)."""
    try:
        return Lock.acquire(path)
    except OSError:
        return None


def free_save(game_id: str) -> tuple[Path, Lock | None]:
    """A save slot of ``game_id`` no other window plays, claimed; the main one if free.
    Raises ``Held`` when every slot is in play."""
    last: Held | None = None
    for slot in range(1, SLOTS + 1):
        path = save_path_for(game_id, slot)
        try:
            return path, claim(path)
        except Held as held:
            last = held
    assert last is not None
    raise last


def discard_save(session: Session) -> None:
    """The game is over or abandoned: its save goes (there is nothing to resume)."""
    if session.save_path is not None:
        try:
            session.save_path.unlink(missing_ok=True)
        except OSError:
            pass


def tidy() -> list[Path]:
    """Remove the temporary files a killed Sésame left in the user's folders."""
    removed = []
    for name in ("saves", "results", "settings", "cache", "data"):
        removed += clean_temporary(user_home() / name)
    return removed


def set_aside_saves(folder: Path | None = None) -> list[Path]:
    """The saves kept aside because they could not be resumed."""
    try:
        return sorted(p for p in (folder or saves_folder()).glob("*.json") if is_set_aside(p))
    except OSError:
        return []
