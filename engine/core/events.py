"""What happened, told by the rules after each command (names in the past tense).

The player turns events into feedback, sound and animation; results record them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from .model import Text


@dataclass(frozen=True)
class Event:
    @property
    def name(self) -> str:
        return type(self).__name__

    def to_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {"event": self.name}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = dict(value.values) if isinstance(value, Text) else value
        return out


@dataclass(frozen=True)
class GameStarted(Event):
    genre: str
    seed: int


@dataclass(frozen=True)
class RoomEntered(Event):
    room: str


@dataclass(frozen=True)
class ObjectInspected(Event):
    object: str


@dataclass(frozen=True)
class ItemExamined(Event):
    item: str


@dataclass(frozen=True)
class DocumentOpened(Event):
    document: str


@dataclass(frozen=True)
class PuzzleOpened(Event):
    puzzle: str


@dataclass(frozen=True)
class QuestionShown(Event):
    puzzle: str
    number: int
    total: int


@dataclass(frozen=True)
class Refused(Event):
    """The command could not be carried out; ``reason`` is a stable code, ``text`` what
    the game says about it (a locked door's text), if anything."""

    reason: str
    target: str = ""
    text: Text | None = None
    wait_s: float = 0.0

    def describe(self, locale: str = "fr") -> str:
        """Why, in words, for a player or an author."""
        from ..i18n import _

        if self.text is not None:
            return self.text.get(locale)
        return {
            "locked": _("c’est fermé"),
            "not_here": _("ce n’est pas accessible ici"),
            "not_available": _("cette énigme n’est pas ouverte en ce moment"),
            "cooldown": _("trop d’essais : attends {s} s avant de réessayer").format(s=round(self.wait_s)),
            "bad_answer": _("cette réponse n’a pas la forme attendue pour cette énigme"),
            "no_more_hints": _("il n’y a plus d’indice pour cette énigme"),
            "not_skippable": _("cette énigme ne peut pas être passée"),
            "not_usable": _("cet objet ne sert à rien ici"),
            "ended": _("la partie est finie"),
        }.get(self.reason, self.reason)


@dataclass(frozen=True)
class ItemGained(Event):
    item: str


@dataclass(frozen=True)
class ItemLost(Event):
    item: str


@dataclass(frozen=True)
class FlagChanged(Event):
    flag: str
    value: bool


@dataclass(frozen=True)
class CounterChanged(Event):
    counter: str
    value: int


@dataclass(frozen=True)
class Unlocked(Event):
    target: str


@dataclass(frozen=True)
class TextShown(Event):
    text: Text


@dataclass(frozen=True)
class AnswerJudged(Event):
    puzzle: str
    correct: bool
    fraction: float
    answer: str
    attempt: int
    team: str
    t: float


@dataclass(frozen=True)
class CooldownStarted(Event):
    puzzle: str
    until: float


@dataclass(frozen=True)
class PuzzleSolved(Event):
    puzzle: str
    points: int


@dataclass(frozen=True)
class PuzzleFailed(Event):
    puzzle: str
    points: int
    timed_out: bool = False


@dataclass(frozen=True)
class PuzzleSkipped(Event):
    puzzle: str


@dataclass(frozen=True)
class HintGiven(Event):
    puzzle: str
    index: int
    text: Text
    cost: int


@dataclass(frozen=True)
class RoundStarted(Event):
    round: str
    number: int
    time_limit_s: float | None


@dataclass(frozen=True)
class TurnPassed(Event):
    """Another team answers now (a challenge of several teams): ``team`` is its name,
    or « * » for a question every team answers together."""

    team: str


@dataclass(frozen=True)
class RoundEnded(Event):
    round: str
    timed_out: bool


@dataclass(frozen=True)
class TimeRanOut(Event):
    pass


@dataclass(frozen=True)
class TimeAdded(Event):
    seconds: float


@dataclass(frozen=True)
class GameEnded(Event):
    ending: str
    success: bool
    score: int
    max_score: int
