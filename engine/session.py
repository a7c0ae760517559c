"""One game being played: the rules, the state, the log of events, and the save file.

The player drives a ``Session``; so do the tests. After every command the session is
saved atomically (written to a temporary file, flushed to disk, then renamed over the
old save), so a killed process or a closed lid loses at most the command being
applied. Saves are versioned plain JSON, never pickled objects.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .core import events as ev
from .core.commands import Command
from .core.model import Game
from .core.rules import Options, Rules
from .core.scoring import Score, score
from .core.state import State, StateError
from .paths import user_dir

SAVE_FORMAT = 1


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

    def __post_init__(self) -> None:
        self.rules = Rules(self.game, self.options)
        self.state, events = self.rules.start()
        self.started = events  # shown by the player when the game opens
        self.log: list[LogEntry] = []
        self._record(0.0, events)
        self.save()

    # --- playing ------------------------------------------------------------------

    def do(self, command: Command) -> list[ev.Event]:
        """Apply a command; record and save what happened; return the events."""
        self.state, events = self.rules.apply(self.state, command)
        self._record(self.state.t, events)
        self.save()
        return events

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

    def save(self) -> None:
        if self.autosave and self.save_path is not None:
            write_atomic(self.save_path, json.dumps(self.to_data(), ensure_ascii=False))

    @classmethod
    def resume(cls, game: Game, path: Path) -> "Session":
        """The session saved at ``path``; raises SaveError when it cannot be resumed."""
        from .i18n import _

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            raise SaveError(_("la sauvegarde est illisible (fichier abîmé)")) from None
        if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
            raise SaveError(_("la sauvegarde vient d’une autre version de Sésame"))
        if data.get("game") != game.id:
            raise SaveError(_("la sauvegarde est celle d’un autre jeu"))
        if data.get("content_hash") != game.content_hash:
            raise SaveError(_("le jeu a été modifié depuis cette sauvegarde"))
        try:
            options = data["options"]
            session = cls.__new__(cls)
            session.game = game
            session.options = Options(seed=int(options["seed"]), time_factor=options["time_factor"],
                                      teams=tuple(str(t) for t in options["teams"]))
            session.player = str(data.get("player", ""))
            session.group = str(data.get("group", ""))
            session.members = tuple(str(m) for m in data.get("members", ()))
            session.started_at = str(data.get("started_at", ""))
            session.save_path = path
            session.autosave = True
            session.rules = Rules(game, session.options)
            session.state = State.from_data(data["state"])
            session.log = [LogEntry(float(e["t"]), dict(e["event"])) for e in data["log"]]
            session.started = []
        except (KeyError, TypeError, ValueError, StateError):
            raise SaveError(_("la sauvegarde est incomplète ou abîmée")) from None
        return session


def save_path_for(game_id: str) -> Path:
    """Where the game in progress is saved (one save per game)."""
    return user_dir("saves") / f"{game_id}.json"


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def set_aside(path: Path) -> Path | None:
    """Keep a save that cannot be resumed under another name instead of deleting it."""
    target = path.with_suffix(".abime.json")
    try:
        os.replace(path, target)
        return target
    except OSError:
        return None
