"""The game as the rest of the program sees it: frozen, validated, complete.

Built by ``engine.content.build`` from data the schema has accepted; nothing here
re-checks the format. Collections keyed by id keep the authors' order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

DEFAULT_LOCALE = "fr"


@dataclass(frozen=True)
class Text:
    """A player-visible string in one or more languages."""

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, raw: Any, locale: str = DEFAULT_LOCALE) -> Text:
        if isinstance(raw, Text):
            return raw
        if isinstance(raw, dict):
            return cls(tuple(raw.items()))
        return cls(((locale, str(raw)),))

    def get(self, locale: str = DEFAULT_LOCALE) -> str:
        """The text in ``locale``, else in French, else in the first language given."""
        found = dict(self.values)
        return found.get(locale) or found.get(DEFAULT_LOCALE) or self.values[0][1]

    @property
    def locales(self) -> frozenset[str]:
        return frozenset(k for k, _v in self.values)

    def __str__(self) -> str:
        return self.get()


def maybe_text(raw: Any, locale: str = DEFAULT_LOCALE) -> Text | None:
    return None if raw is None else Text.of(raw, locale)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str = ""
    date: str = ""
    section: str = ""
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Effect:
    """One step of what happens: ``kind`` is give, take, set, clear, add, unlock, show,
    goto or end; ``target`` the id it acts on; ``value`` the amount for add."""

    kind: str
    target: str = ""
    value: int = 1
    text: Text | None = None


@dataclass(frozen=True)
class Hint:
    text: Text
    cost: int


@dataclass(frozen=True)
class Attempts:
    """How many wrong answers a puzzle tolerates: ``max`` None means no limit."""

    max: int | None = None
    cooldown_after: int | None = None
    cooldown_s: int = 30
    cost: int = 0


@dataclass(frozen=True)
class Puzzle:
    id: str
    type: str
    prompt: Text
    spec: Any  # the type-specific part, built by the puzzle type (engine.core.puzzles)
    title: Text | None = None
    document: str | None = None
    image: str | None = None
    theme: str = ""
    difficulty: int = 1
    skills: tuple[str, ...] = ()
    points: int = 10
    feedback_correct: Text | None = None
    feedback_wrong: Text | None = None
    feedback_close: Text | None = None  # an answer worth part of the points
    explanation: Text | None = None
    sources: tuple[str, ...] = ()
    hints: tuple[Hint, ...] = ()
    attempts: Attempts = Attempts()
    skippable: bool = False
    on_solve: tuple[Effect, ...] = ()
    on_fail: tuple[Effect, ...] = ()
    shuffle: bool = False

    def label(self, locale: str = DEFAULT_LOCALE) -> str:
        return (self.title or self.prompt).get(locale)


@dataclass(frozen=True)
class Item:
    id: str
    name: Text
    description: Text | None = None
    icon: str | None = None
    document: str | None = None


@dataclass(frozen=True)
class Document:
    """Something the player inspects. ``data`` holds the fields of its kind as written;
    ``parts`` the ids a "spot it" puzzle can point at."""

    id: str
    kind: str
    data: Mapping[str, Any]
    parts: tuple[str, ...]
    title: Text | None = None
    fictional: bool = True


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px <= self.x + self.w and self.y <= py <= self.y + self.h


@dataclass(frozen=True)
class Accept:
    item: str
    consume: bool = False
    text: Text | None = None
    effects: tuple[Effect, ...] = ()


@dataclass(frozen=True)
class RoomObject:
    id: str
    label: Text
    room: str
    rect: Rect | None = None
    description: Text | None = None
    icon: str | None = None
    visible: str | None = None
    requires: str | None = None
    locked_text: Text | None = None
    lock: str | None = None
    document: str | None = None
    puzzle: str | None = None
    take: str | None = None
    effects: tuple[Effect, ...] = ()
    accepts: tuple[Accept, ...] = ()


@dataclass(frozen=True)
class Exit:
    id: str
    to: str
    label: Text
    room: str
    rect: Rect | None = None
    visible: str | None = None
    requires: str | None = None
    locked_text: Text | None = None
    lock: str | None = None


@dataclass(frozen=True)
class Room:
    id: str
    title: Text
    description: Text | None = None
    background: str | None = None
    on_enter: tuple[Effect, ...] = ()
    objects: tuple[str, ...] = ()
    exits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Trigger:
    id: str
    when: str
    effects: tuple[Effect, ...]


@dataclass(frozen=True)
class Ending:
    id: str
    title: Text
    text: Text
    success: bool = True
    when: str | None = None


@dataclass(frozen=True)
class Method:
    id: str
    title: Text
    text: Text
    puzzles: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Round:
    id: str
    title: Text
    puzzles: tuple[str, ...]
    intro: Text | None = None
    time_limit_s: int | None = None


@dataclass(frozen=True)
class QuizPlan:
    """The questions of a quiz: ``pool`` is what a bank draws ``draw_count`` from (the
    questions matching the draw's themes and difficulties)."""

    order: str = "sequence"
    questions: tuple[str, ...] = ()
    draw_count: int | None = None
    pool: tuple[str, ...] = ()


@dataclass(frozen=True)
class Skill:
    id: str
    label: Text
    description: Text | None = None


def frozen_map(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


class LazyMap(Mapping[str, Any]):
    """A read-only mapping whose values are built on first access.

    A 10 000-question bank loads in a fraction of the time when only the twenty drawn
    questions are ever turned into objects.
    """

    def __init__(self, raw: Mapping[str, Any], build: Callable[[Any], Any]) -> None:
        self._raw = raw
        self._build = build
        self._built: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        try:
            return self._built[key]
        except KeyError:
            value = self._built[key] = self._build(self._raw[key])
            return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def __repr__(self) -> str:
        return f"LazyMap({len(self)} items)"


@dataclass(frozen=True)
class Game:
    """A whole game. ``folder`` is where its assets live; ``content_hash`` identifies
    this exact content (results and saves record it)."""

    id: str
    title: Text
    summary: Text
    genre: str
    version: str
    folder: Path
    content_hash: str
    age_min: int
    age_max: int
    duration_min: int
    duration_max: int
    players_min: int = 1
    players_max: int = 1
    players_mode: str = "solo"
    level: str = ""
    themes: tuple[str, ...] = ()
    locales: tuple[str, ...] = (DEFAULT_LOCALE,)
    licence: str = ""
    authors: tuple[Mapping[str, str], ...] = ()
    credits: Text | None = None
    review: tuple[Mapping[str, str], ...] = ()
    story_intro: Text | None = None
    story_goal: Text | None = None
    story_how_to_play: Text | None = None
    timer_minutes: float | None = None
    timer_ending: str | None = None
    hint_cost: int = 0
    flags: tuple[str, ...] = ()
    counters: Mapping[str, int] = field(default_factory=dict)
    skills: Mapping[str, Skill] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    items: Mapping[str, Item] = field(default_factory=dict)
    documents: Mapping[str, Document] = field(default_factory=dict)
    puzzles: Mapping[str, Puzzle] = field(default_factory=dict)
    rooms: Mapping[str, Room] = field(default_factory=dict)
    objects: Mapping[str, RoomObject] = field(default_factory=dict)
    exits: Mapping[str, Exit] = field(default_factory=dict)
    start_room: str | None = None
    triggers: tuple[Trigger, ...] = ()
    endings: Mapping[str, Ending] = field(default_factory=dict)
    debrief_intro: Text | None = None
    methods: tuple[Method, ...] = ()
    facilitator: Mapping[str, Any] = field(default_factory=dict)
    quiz: QuizPlan | None = None
    rounds: tuple[Round, ...] = ()
    teams_min: int = 1
    teams_max: int = 1

    @property
    def locale(self) -> str:
        return self.locales[0]

    def asset(self, relative: str) -> Path:
        return self.folder / relative
