"""A result as the rest of the program trusts it: frozen, typed, checked.

Result files are plain JSON (``resultfile``); ``validate.parse_result`` turns one into a
``Result`` after checking every field, so the report never meets a string where it
expects a number. Slots, and puzzles kept as rows of a shared table (``table``), keep 10 000
results in a few tens of megabytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .table import Table

RESULT_FORMAT = "sesame-resultat"
RESULT_VERSION = 1
MAX_NAME = 64  # characters of a pseudonym, group code or team name (validate says 64)

# How an attempt ended (the file's ``end``): won (an ending that is a success), lost (an
# ending that is not), the countdown ran out, stopped by the facilitator, or not over.
END_WON, END_LOST, END_TIME_UP, END_STOPPED, END_UNFINISHED = "won", "lost", "time_up", "stopped", "unfinished"
ENDS = (END_WON, END_LOST, END_TIME_UP, END_STOPPED, END_UNFINISHED)


@dataclass(frozen=True, slots=True)
class PuzzleResult:
    """One puzzle of one attempt. ``answer`` is the last judged answer in the canonical
    form the puzzle type gives (``Judgement.detail``), ``wrong_answers`` the distinct
    wrong ones in the order given; ``answer_texts`` says them in words where the
    puzzle has words for them (the text of a choice)."""

    id: str
    label: str
    status: str
    correct: bool
    fraction: float
    points: int
    max_points: int
    wrong: int
    hints: int
    time_s: float | None
    answer: str | None
    wrong_answers: tuple[str, ...]
    answer_texts: tuple[tuple[str, str], ...]
    skills: tuple[str, ...]
    theme: str
    team: str
    # Added to the format later (files without them still read): the puzzle type, whether
    # it is scored (a poll is not: never a success or a failure), and whether the time
    # limit ended it (a challenge round that ran out) rather than a wrong answer.
    type: str = ""
    scored: bool = True
    timed_out: bool = False

    @property
    def answered(self) -> bool:
        """Resolved one way or another (solved, failed or skipped)."""
        return self.status != "open"

    def says(self, detail: str) -> str:
        """An answer in words when the result knows them, else as recorded."""
        return dict(self.answer_texts).get(detail, detail)


@dataclass(frozen=True, slots=True)
class Result:
    """One attempt of one pupil or team at one game. ``path`` is where it was read from."""

    game_id: str
    game_version: str
    content_hash: str
    game_title: str
    skill_labels: tuple[tuple[str, str], ...]
    pseudonym: str
    group: str
    team: str
    members: tuple[str, ...]
    started_at: str
    duration_s: float
    ended: bool
    ending: str | None
    success: bool | None
    score: int
    max_score: int
    hints: int
    # The attempt's puzzles are the rows ``start`` to ``stop`` of a shared table of
    # compact columns (``table``): ten thousand results in a few megabytes.
    table: Table
    start: int
    stop: int
    answered: int  # puzzles resolved one way or another (solved, failed or skipped)
    path: str = ""
    # Added to the format later (files without them still read): which computer the game
    # was played on (a short hash, never a name: it tells two « Léa » apart), how it
    # ended (``END_*``: None when the file says nothing), whether the countdown ran out,
    # and the words for the game's themes.
    machine: str = ""
    end: str | None = None
    time_up: bool = False
    theme_labels: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        """Two files with the same key are copies of the same attempt: same pupil (or
        team: each member may hand in the team's file), same computer, same game, same
        start."""
        group, who = self.who
        return (group, who, self.machine, self.game_id, self.started_at)

    @property
    def ending_kind(self) -> str:
        """``END_*``: as the file says, else worked out from older files' fields."""
        if self.end in ENDS:
            return self.end
        if not self.ended:
            return END_UNFINISHED
        if self.time_up:
            return END_TIME_UP
        return END_WON if self.success else END_LOST

    @property
    def who(self) -> tuple[str, str]:
        """The pupil or team the attempt counts for: a team by its name, else the pupil,
        within their group (two classes may each have a « Léa »)."""
        return (self.group, self.team or self.pseudonym)

    @property
    def puzzles(self) -> tuple[PuzzleResult, ...]:
        """The attempt's puzzles, in the order they were played (made on each call: the
        class summary reads the table's columns instead)."""
        return tuple(map(self.table.puzzle, range(self.start, self.stop)))

    @property
    def started(self) -> datetime:
        return datetime.fromisoformat(self.started_at)

    @property
    def started_order(self) -> float:
        """A number that orders start times, with or without a time zone."""
        return _order(self.started_at)

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0


@lru_cache(maxsize=16384)
def _order(started_at: str) -> float:
    """``Result.started_order``: asked several times per attempt when a class is sorted."""
    moment = datetime.fromisoformat(started_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
