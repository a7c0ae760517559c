"""What a player (or a walkthrough, or the solver) asks the rules to do.

Every command carries ``t``: the game time in seconds since the start, pauses
excluded. The rules never read a clock. The player's widgets carry these commands
without their time (``Inspect(object="coffre")``); the play scene stamps the time on
them when it applies them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Command:
    t: float = 0.0

    @property
    def name(self) -> str:
        return _NAMES[type(self)]

    def to_data(self) -> dict[str, Any]:
        return {"do": self.name, **asdict(self)}


@dataclass(frozen=True)
class Inspect(Command):
    """Look at an object of the current room (opens its document, puzzle or lock)."""

    object: str = ""


@dataclass(frozen=True)
class Go(Command):
    """Take an exit of the current room."""

    exit: str = ""


@dataclass(frozen=True)
class Use(Command):
    """Use an inventory item on an object of the current room."""

    item: str = ""
    target: str = ""


@dataclass(frozen=True)
class Examine(Command):
    """Look at an inventory item (and read its document)."""

    item: str = ""


@dataclass(frozen=True)
class Answer(Command):
    """Give an answer to a puzzle, in its type's format (``value``)."""

    puzzle: str = ""
    value: Any = None


@dataclass(frozen=True)
class Hint(Command):
    """Take the next hint of a puzzle."""

    puzzle: str = ""


@dataclass(frozen=True)
class Skip(Command):
    """Give up a puzzle: allowed when the puzzle is skippable, or ``forced`` by a facilitator."""

    puzzle: str = ""
    forced: bool = False


@dataclass(frozen=True)
class Next(Command):
    """Go on to the next question or round (quiz, challenge)."""


@dataclass(frozen=True)
class AddTime(Command):
    """A facilitator gives the group more time (seconds, before any time factor)."""

    seconds: float = 300.0


@dataclass(frozen=True)
class Stop(Command):
    """A facilitator ends the game now (to reveal the debrief)."""


@dataclass(frozen=True)
class Tick(Command):
    """Time passes: lets countdowns and round limits take effect without input."""


_NAMES = {Inspect: "inspect", Go: "go", Use: "use", Examine: "examine", Answer: "answer",
          Hint: "hint", Skip: "skip", Next: "next", Tick: "tick", AddTime: "add_time", Stop: "stop"}
BY_NAME = {name: cls for cls, name in _NAMES.items()}


def from_data(data: dict[str, Any]) -> Command:
    """The inverse of ``Command.to_data``; raises KeyError or TypeError on bad data."""
    cls = BY_NAME[data["do"]]
    allowed = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k != "do" and k in allowed})
