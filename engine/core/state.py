"""The state of one game in progress: plain values, serialisable, restorable exactly.

``State`` is never changed in place: the rules return a new one. ``to_data`` gives
versioned plain data (JSON) for saves and results; ``from_data`` reads it back and
refuses anything it does not understand with ``StateError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

SAVE_VERSION = 1
STATUSES = ("open", "solved", "failed", "skipped")


class StateError(ValueError):
    """Saved state that cannot be restored (another version, damaged, another game)."""


@dataclass(frozen=True)
class Progress:
    """One puzzle's history: ``fraction`` of its points earned by the judged answer."""

    status: str = "open"
    wrong: int = 0
    streak: int = 0
    hints: int = 0
    cooldown_until: float = 0.0
    fraction: float = 0.0
    team: str = ""
    shown_t: float | None = None
    answered_t: float | None = None
    # A question without points in a challenge of several teams: each team's answer
    # (``Judgement.detail``), in the teams' order, so that they can be compared.
    answers: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.status != "open"


@dataclass(frozen=True)
class State:
    seed: int
    t: float = 0.0
    room: str | None = None
    flags: frozenset[str] = frozenset()
    counters: Mapping[str, int] = field(default_factory=dict)
    inventory: tuple[str, ...] = ()
    unlocked: frozenset[str] = frozenset()
    inspected: frozenset[str] = frozenset()
    taken: frozenset[str] = frozenset()
    seen: frozenset[str] = frozenset()
    visited: frozenset[str] = frozenset()
    fired: frozenset[str] = frozenset()
    revealed: tuple[str, ...] = ()
    progress: Mapping[str, Progress] = field(default_factory=dict)
    queue: tuple[str, ...] = ()
    position: int = 0
    round_started: float = 0.0
    teams: tuple[str, ...] = ()
    turn: int = 0
    time_up: bool = False
    bonus_s: float = 0.0  # time added by a facilitator
    ending: str | None = None

    def puzzle(self, puzzle_id: str) -> Progress:
        return self.progress.get(puzzle_id, _OPEN)

    @property
    def current(self) -> str | None:
        """The question on screen in a quiz or a challenge."""
        return self.queue[self.position] if self.position < len(self.queue) else None

    @property
    def team(self) -> str:
        """Who answers now: a team's name; ``teams.ALL_TEAMS`` (« * ») when ``turn``
        is the number of teams (a question for every team together)."""
        if not self.teams:
            return ""
        if len(self.teams) > 1 and self.turn == len(self.teams):
            return "*"
        return self.teams[self.turn % len(self.teams)]

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"version": SAVE_VERSION}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, frozenset):
                value = sorted(value)
            elif isinstance(value, tuple):
                value = list(value)
            elif f.name == "progress":
                value = {k: {pf.name: _plain(getattr(p, pf.name)) for pf in fields(Progress)}
                         for k, p in value.items()}
            elif f.name == "counters":
                value = dict(value)
            out[f.name] = value
        return out

    @classmethod
    def from_data(cls, data: Any) -> State:
        if not isinstance(data, dict) or data.get("version") != SAVE_VERSION:
            raise StateError("version")
        try:
            values: dict[str, Any] = {}
            for f in fields(cls):
                if f.name not in data:
                    continue
                value = data[f.name]
                if f.name == "progress":
                    value = {str(k): replace(Progress(**p), answers=tuple(str(a) for a in p.get("answers", ())))
                             for k, p in value.items()}
                    if any(p.status not in STATUSES for p in value.values()):
                        raise StateError("status")
                elif f.name == "counters":
                    value = {str(k): int(v) for k, v in value.items()}
                elif f.type.startswith("frozenset"):
                    value = frozenset(str(v) for v in value)
                elif f.type.startswith("tuple"):
                    value = tuple(str(v) for v in value)
                elif f.type == "float":
                    value = float(value)
                values[f.name] = value
            state = cls(**values)
        except StateError:
            raise
        except (TypeError, ValueError, AttributeError, OverflowError) as error:
            raise StateError(str(error)) from None
        if not isinstance(state.seed, int) or not isinstance(state.position, int):
            raise StateError("types")
        return state

    def evolve(self, **changes: Any) -> State:
        return replace(self, **changes)


_OPEN = Progress()


def _plain(value: Any) -> Any:
    """A value as JSON gives it back (a tuple as a list), so that a state read from its
    save compares equal to what was saved."""
    return list(value) if isinstance(value, tuple) else value
