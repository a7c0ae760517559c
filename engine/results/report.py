"""The class summary: per pupil (or team), per question, per skill and per theme, the
pupil × question grid, who needs help with which skill, and the classes and sessions.

Computed with NumPy over one flat table of (pupil, question) pairs, so a question
bank where each pupil draws twenty questions out of thousands costs memory in
proportion to the answers given, never pupils × questions.

Definitions (the page, the spreadsheet and the README say the same):

- *who*: an attempt is one result file (copies of it are merged by ``resultfile``).
  Attempts with the same pseudonym in the same class are one pupil when they follow
  each other on the same computer; when they overlap in time, or come from two
  computers, they are two pupils, each flagged « même pseudonyme ». Of one pupil's
  attempts, one counts (the teacher's rule: first, best or last);
- *scored*: a poll (a puzzle type that is not scored) is never a success nor a
  failure: it is left out of every success, points and score figure and shown with
  the distribution of its answers instead;
- a question is *answered* when it was solved, failed or skipped; success rates,
  mean times and the discrimination index are over answered questions, so a question
  a pupil never reached does not pass for one they did not understand (completion
  says how far each pupil went);
- *partly right*: an answer that earned part of the points (an estimate close to the
  value, a partly right sorting); the points percentage counts it, the success rate
  does not, and the grid shows it apart;
- *first-try success*: solved with no wrong answer before; *mean wrong answers*:
  over the pupils who worked on the question. In an escape game every lock is
  eventually opened: these are the figures that tell;
- *time out*: a question lost because the round's time ran out, counted apart from
  wrong answers;
- the *score* and its percentage are the game's own (``engine.core.scoring``), over
  every scored question in play;
- the *hint rate* is the share of the pupils who worked on the question (answered it,
  or tried, or asked for help) who took at least one hint;
- the *distribution* counts, for each answer given, the pupils who gave it (each pupil
  once per answer, wrong tries included), in the words the pupil saw;
- the *discrimination index* is the point-biserial correlation between success on
  the question (1 or 0) and the pupil's percentage of points on the other scored
  questions they answered, computed on what varies: success when some pupils fail,
  else first-try success (an escape game's locks). From −1 to 1: above 0.3 the
  question separates well the pupils who master the rest from the others; under 0.2
  it separates them poorly; negative, the pupils who do well elsewhere fail it more
  often than the others, which usually means an ambiguous wording or a wrong key.
  Undefined (None) when nothing varies, or with fewer than three answers; unreliable
  with fewer than about twenty pupils;
- a pupil *needs help* with a skill when they answered at least one scored question
  of it and earned less than half of its points; for a skill whose every question was
  eventually solved by every pupil who answered it (an escape game's locks, retried
  until they open), when they solved less than half of its questions at the first try.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import itemgetter
from typing import Any, Literal

import numpy as np

from ..core.teams import ALL_TEAMS
from ..i18n import _
from .collation import word_key
from .formatting import decimal_words, page_locale
from .model import END_UNFINISHED, ENDS, PuzzleResult, Result
from .table import OPEN, SOLVED, Table

DISCRIMINATION_METHOD = "point-biserial"
HARD_PCT = 40.0  # a success rate under this flags a question nobody understood
WEAK_DISCRIMINATION = 0.2
MIN_ANSWERS_FOR_INDEX = 3
NEEDS_HELP_PCT = 50.0  # under this share of a skill's points, a pupil needs help with it
Attempt = Literal["first", "last", "best"]

# A cell of the pupil × question grid.
CELL_OK, CELL_PARTLY, CELL_WRONG, CELL_OPEN, CELL_TIMEOUT, CELL_POLL = (
    "ok", "partly", "wrong", "open", "timeout", "poll")
CELLS = (CELL_OK, CELL_PARTLY, CELL_WRONG, CELL_OPEN, CELL_TIMEOUT, CELL_POLL)


@dataclass(frozen=True)
class ItemInfo:
    """A question as the results describe it (the first result that has it)."""

    label: str
    skills: tuple[str, ...]
    theme: str
    max_points: int
    type: str
    scored: bool


@dataclass(frozen=True, slots=True)
class PupilRow:
    """One pupil, or one team (``team`` set, ``members`` its pupils). ``label`` tells
    two pupils with the same pseudonym apart (« Léa (2) »); ``cells`` is the pupil's
    row of the grid: (question number, ``CELL_*``) for the questions they were given."""

    name: str
    group: str
    team: str
    members: tuple[str, ...]
    started_at: str
    attempts: int
    ended: bool
    success: bool | None
    answered: int
    total: int
    completion_pct: float
    score: int
    max_score: int
    score_pct: float
    duration_s: float
    hints: int
    skills: tuple[tuple[str, float | None], ...]  # skill id, % of its points on answered questions
    label: str = ""
    homonym: bool = False
    machine: str = ""
    end: str = END_UNFINISHED
    time_up: bool = False
    solved: int = 0
    partly: int = 0
    first_try: int = 0
    wrong: int = 0
    timeouts: int = 0
    cells: tuple[tuple[int, str], ...] = ()
    attempt_starts: tuple[str, ...] = ()
    # skill id, % of its answered scored questions solved at the first try
    skills_first_try: tuple[tuple[str, float | None], ...] = ()
    retried: tuple[int, ...] = ()  # numbers of the questions solved after one wrong answer or more


@dataclass(frozen=True, slots=True)
class QuestionRow:
    number: int
    id: str
    label: str
    skills: tuple[str, ...]
    theme: str
    max_points: int
    presented: int
    answered: int
    solved: int
    success_pct: float | None
    points_pct: float | None
    mean_time_s: float | None
    hint_pct: float | None
    wrong_answer: str | None
    wrong_answer_count: int
    discrimination: float | None
    type: str = ""
    scored: bool = True
    theme_label: str = ""
    partly: int = 0
    first_try: int = 0
    first_try_pct: float | None = None
    mean_wrong: float | None = None
    mean_hints: float | None = None
    timeouts: int = 0
    not_reached: int = 0
    distribution: tuple[tuple[str, int, bool | None], ...] = ()  # answer text, pupils, right?
    discrimination_on: str = ""  # "success", "first_try" or "" (nothing varies)
    explanation: str = ""
    teams: str = ""  # in a team game, who answered it (« toutes les équipes » for a shared question)
    partly_answers: tuple[str, ...] = ()  # the answers (texts) that earned part of the points

    @property
    def hard(self) -> bool:
        """Few pupils got it (counting partial credit): the question nobody understood."""
        if not self.scored or self.success_pct is None:
            return False
        return self.success_pct < HARD_PCT and (self.points_pct is None or self.points_pct < HARD_PCT)

    @property
    def weak(self) -> bool:
        """It hardly separates the pupils who master the rest from the others."""
        return self.discrimination is not None and self.discrimination < WEAK_DISCRIMINATION


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A skill or a theme, over every answered scored question that has it."""

    id: str
    label: str
    questions: int
    answers: int
    success_pct: float | None
    points_pct: float | None
    description: str = ""
    needs_help: tuple[str, ...] = ()  # the labels of the pupils who need help with it
    first_try_pct: float | None = None  # share of its answered questions solved at the first try
    help_on: str = "points"  # what ``needs_help`` is about: "points", or "first_try" (locks retried)

    @property
    def shown_pct(self) -> float | None:
        """The figure that tells about this skill: its share of the points, or, where
        everybody ends up solving its questions, its first-try success."""
        return self.first_try_pct if self.help_on == "first_try" else self.points_pct

    @property
    def weak(self) -> bool:
        return self.shown_pct is not None and self.shown_pct < NEEDS_HELP_PCT


@dataclass(frozen=True, slots=True)
class CohortRow:
    """A class, or one session of a class (``day`` set): how its pupils did."""

    group: str
    day: str
    pupils: int
    finished: int
    mean_score_pct: float | None
    mean_completion_pct: float | None
    mean_first_try_pct: float | None


@dataclass(frozen=True)
class Overview:
    results: int
    pupils: int
    finished: int
    mean_score_pct: float | None
    median_score_pct: float | None
    mean_completion_pct: float | None
    mean_duration_s: float | None
    hints: int
    first_start: str
    last_start: str
    histogram: tuple[int, ...]  # pupils per tenth of the score: 0–10 %, …, 90–100 %
    ends: tuple[tuple[str, int], ...] = ()  # END_* and how many pupils ended so
    homonyms: int = 0  # pupils flagged « même pseudonyme »
    polls: int = 0
    first_try_pct: float | None = None  # over every answered scored question
    timeouts: int = 0


@dataclass(frozen=True)
class ClassSummary:
    game_id: str
    game_title: str
    game_versions: tuple[str, ...]
    attempt_rule: Attempt
    overview: Overview
    pupils: tuple[PupilRow, ...]
    questions: tuple[QuestionRow, ...]
    skills: tuple[GroupRow, ...]
    themes: tuple[GroupRow, ...]
    notes: tuple[str, ...] = ()
    discrimination_method: str = DISCRIMINATION_METHOD
    classes: tuple[CohortRow, ...] = ()
    sessions: tuple[CohortRow, ...] = ()


@dataclass(frozen=True)
class GameTexts:
    """What the game itself says, when it is installed: the explanation of each
    question and the description of each skill (what to re-teach)."""

    explanations: Mapping[str, str]
    skill_descriptions: Mapping[str, str]


# --- names, classes and order ----------------------------------------------------------

@lru_cache(maxsize=4096)
def sort_key(text: str) -> tuple[Any, ...]:
    """French alphabetical order (the Unicode collation algorithm: Ève before Lucas,
    Léa before Lucas, case after letters), numbers in their value (Élève 2 before
    Élève 10). Pupils are listed by name, never ranked by score."""
    return tuple((0, int(part), ()) if k % 2 else (1, 0, word_key(part))
                 for k, part in enumerate(re.split(r"(\d+)", text)) if part)


@lru_cache(maxsize=4096)
def class_key(group: str) -> str:
    """A class code as the teacher means it: « 4e B », « 4E-B » and « 4eb » are one."""
    bare = unicodedata.normalize("NFKD", group)
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", bare).upper()


def _name_key(name: str) -> str:
    return unicodedata.normalize("NFC", " ".join(name.split()).casefold())


# --- choosing one attempt per pupil -------------------------------------------------

def attempt_label(rule: Attempt) -> str:
    """Which attempt counts, in words."""
    return {"first": _("la première de chaque élève"), "last": _("la dernière de chaque élève"),
            "best": _("la meilleure de chaque élève")}[rule]


@dataclass(frozen=True)
class Chosen:
    """One pupil: the attempt that counts, all of theirs (in start order), their class
    as shown, and whether another pupil has the same pseudonym."""

    result: Result
    attempts: tuple[Result, ...]
    group: str
    homonym: bool
    rank: int  # 1, 2… among the pupils with the same pseudonym, in start order


def _follows(last: Result, nxt: Result) -> bool:
    """``nxt`` can be the same pupil's next attempt: it starts after ``last`` ended, on
    the same computer (when both files say which)."""
    same_machine = not last.machine or not nxt.machine or last.machine == nxt.machine
    return same_machine and last.started_order + last.duration_s <= nxt.started_order + 1.0


def choose_attempts(results: Iterable[Result], rule: Attempt = "first") -> list[Chosen]:
    """One attempt per pupil or team, in French alphabetical order of class then name.

    ``first`` (the default) shows what pupils knew before they saw the corrections,
    which is what a diagnosis needs; ``last`` and ``best`` are there for a teacher who
    let pupils try again.
    """
    by_name: dict[tuple[str, str], list[Result]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        key = class_key(result.group)
        spellings[key][result.group] += 1
        by_name[(key, _name_key(result.team or result.pseudonym))].append(result)
    shown = {key: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for key, c in spellings.items()}
    chosen: list[Chosen] = []
    for (key, _name), attempts in by_name.items():
        attempts.sort(key=lambda r: (r.started_order, r.machine))
        tracks: list[list[Result]] = []
        for result in attempts:
            track = next((t for t in tracks if _follows(t[-1], result)), None)
            if track is None:
                tracks.append([result])
            else:
                track.append(result)
        for rank, track in enumerate(tracks, 1):
            chosen.append(Chosen(_pick(track, rule), tuple(track), shown[key], len(tracks) > 1, rank))
    chosen.sort(key=lambda c: (not c.group, sort_key(c.group), sort_key(c.result.who[1]),
                               c.result.started_order))
    return chosen


def _pick(track: Sequence[Result], rule: Attempt) -> Result:
    """The attempt that counts among one pupil's (in start order)."""
    if rule == "last":
        return track[-1]
    if rule == "best":
        return max(track, key=lambda r: (_scored_pct(r), r.answered, -r.started_order))
    return track[0]


def _scored_pct(result: Result) -> float:
    """The attempt's percentage of the points of its scored questions."""
    table = result.table
    items = table.items
    points = top = 0
    for v, earned in zip(table.columns["item"][result.start:result.stop],
                         table.columns["points"][result.start:result.stop]):
        item = items[v]
        if item.scored:
            points += earned
            top += item.max_points
    return 100.0 * points / top if top else 0.0


def _attempt_figures(results: Sequence[Result], chunk: int = 2000) -> dict[int, tuple[float, float | None, float]]:
    """Per attempt (by ``id``): its score percentage, first-try success over its
    answered scored questions (None without any) and completion, for the sessions.
    Computed ``chunk`` attempts at a time (the peak memory of 10 000 pupils' summary)."""
    out: dict[int, tuple[float, float | None, float]] = {}
    if not results:
        return out
    table = results[0].table
    max_points, is_scored = _item_columns(table)
    for begin in range(0, len(results), chunk):
        part = results[begin:begin + chunk]
        rows, owner = _rows_of(part)
        n = len(part)
        variant = table.column("item")[rows]
        scored = is_scored[variant]
        status = table.column("status")[rows]
        counted = scored & (status != OPEN)
        points = np.bincount(owner, table.column("points")[rows] * scored, n).tolist()
        top = np.bincount(owner, max_points[variant] * scored, n).tolist()
        n_counted = np.bincount(owner, counted, n).tolist()
        first = np.bincount(owner, counted & (status == SOLVED) & (table.column("wrong")[rows] == 0), n).tolist()
        for e, r in enumerate(part):
            total = r.stop - r.start
            out[id(r)] = (100.0 * int(points[e]) / int(top[e]) if top[e] else 0.0,
                          100.0 * int(first[e]) / int(n_counted[e]) if n_counted[e] else None,
                          100.0 * r.answered / total if total else 0.0)
    return out


def _pct(part: np.ndarray, whole: np.ndarray) -> list[float | None]:
    """100 × part / whole, None where whole is 0."""
    out = np.full(part.shape, np.nan)
    np.divide(100.0 * part, whole, out=out, where=whole > 0)
    return _opt(out)


def _ratio(part: np.ndarray, whole: np.ndarray) -> list[float | None]:
    out = np.full(part.shape, np.nan)
    np.divide(part, whole, out=out, where=whole > 0)
    return _opt(out)


def _opt(values: np.ndarray) -> list[float | None]:
    return [None if np.isnan(v) else float(v) for v in values]


def point_biserial(item: np.ndarray, x: np.ndarray, y: np.ndarray, items: int) -> list[float | None]:
    """Per item, the Pearson correlation of ``x`` (0/1 success) and ``y`` (rest score)
    over the pairs of that item — the point-biserial correlation, since x is 0 or 1.
    Centred sums keep it exact enough in float64 for any class size."""
    n = np.bincount(item, minlength=items).astype(float)
    safe = np.maximum(n, 1.0)
    dx = x - (np.bincount(item, x, items) / safe)[item]
    dy = y - (np.bincount(item, y, items) / safe)[item]
    sxy = np.bincount(item, dx * dy, items)
    sxx = np.bincount(item, dx * dx, items)
    syy = np.bincount(item, dy * dy, items)
    ok = (n >= MIN_ANSWERS_FOR_INDEX) & (sxx > 1e-12) & (syy > 1e-12)
    r = np.full(items, np.nan)
    np.divide(sxy, np.sqrt(sxx * syy), out=r, where=ok)
    return _opt(np.clip(r, -1.0, 1.0))


def cell(p: PuzzleResult) -> str:
    """The grid's cell for one question of one pupil."""
    if p.timed_out:
        return CELL_TIMEOUT
    if p.status == "open":
        return CELL_OPEN
    if not p.scored:
        return CELL_POLL
    if p.correct and p.fraction >= 1.0 - 1e-9:
        return CELL_OK
    if p.fraction > 0 or p.points > 0:
        return CELL_PARTLY
    return CELL_WRONG


_COLUMNS = ("answered", "solved", "points", "max", "time", "hinted", "tried", "scored", "first_try",
            "wrong", "hints", "partly", "timed_out")
_CELL_CODE = {kind: k for k, kind in enumerate(CELLS)}


@dataclass
class _Pairs:
    """Every (pupil, question) pair of the chosen attempts, as NumPy columns: ``pupil``
    and ``item`` index them, ``cols`` holds one float per pair for each figure, ``cell``
    the grid's cell (an index in ``CELLS``)."""

    pupil: np.ndarray
    item: np.ndarray
    cols: dict[str, np.ndarray]
    ids: list[str]
    info: list[ItemInfo]
    skill_labels: dict[str, str]
    theme_labels: dict[str, str]
    wrong_counts: dict[int, Counter[str]]
    given: dict[int, Counter[str]]  # answers given (each pupil once per answer)
    right: dict[int, set[str]]  # the answers that solved it
    texts: dict[int, dict[str, str]]
    cell: np.ndarray
    variant: np.ndarray  # each pair's ``table.Item`` (its question in one version of the game)
    table: Table
    teams: dict[int, list[str]]  # per question, the teams that answered it (``core.teams``)
    partial: dict[int, set[str]] = field(default_factory=dict)  # final answers that earned part of the points

    def per_item(self, weights: np.ndarray) -> np.ndarray:
        return np.bincount(self.item, weights, len(self.ids))

    @property
    def answered(self) -> np.ndarray:
        return self.cols["answered"] > 0

    @property
    def counted(self) -> np.ndarray:
        """Answered and scored: the pairs success and points figures are about."""
        return (self.cols["answered"] > 0) & (self.cols["scored"] > 0)


def _rows_of(results: Sequence[Result]) -> tuple[np.ndarray, np.ndarray]:
    """The table rows of ``results`` (one after the other) and, for each, its result's index."""
    starts = np.fromiter((r.start for r in results), dtype=np.intp, count=len(results))
    lengths = np.fromiter((r.stop - r.start for r in results), dtype=np.intp, count=len(results))
    owner = np.repeat(np.arange(len(results), dtype=np.intp), lengths)
    offsets = np.cumsum(lengths) - lengths
    rows = np.arange(int(lengths.sum()), dtype=np.intp) - offsets[owner] + starts[owner]
    return rows, owner


def _cells(table: Table, rows: np.ndarray, scored: np.ndarray) -> np.ndarray:
    """The grid's cell of each row (``cell`` for a whole column at once; the later
    assignments take precedence, as the earlier tests do in ``cell``)."""
    status = table.column("status")[rows]
    fraction = table.column("fraction")[rows]
    code = np.full(len(rows), _CELL_CODE[CELL_WRONG], dtype=np.int8)
    code[(fraction > 0) | (table.column("points")[rows] > 0)] = _CELL_CODE[CELL_PARTLY]
    code[(status == SOLVED) & (fraction >= 1.0 - 1e-9)] = _CELL_CODE[CELL_OK]
    code[~scored] = _CELL_CODE[CELL_POLL]
    code[status == OPEN] = _CELL_CODE[CELL_OPEN]
    code[table.column("timed_out")[rows] > 0] = _CELL_CODE[CELL_TIMEOUT]
    return code


def _kinds_of(columns: Sequence[np.ndarray]) -> tuple[list[tuple[int, ...]], np.ndarray, np.ndarray] | None:
    """The distinct rows of these columns of non-negative integers (as tuples), with the
    index of each one's first row and its number of rows. Packed into one integer per
    row when they fit in 63 bits (a tenth of the memory of sorting rows of six)."""
    if not len(columns[0]):
        return None
    widths = [max(int(c.max()), 1).bit_length() for c in columns]
    if sum(widths) > 63:
        unique, first, counts = np.unique(np.stack(columns, axis=1).astype(np.int64), axis=0,
                                          return_index=True, return_counts=True)
        return [tuple(u) for u in unique.tolist()], first, counts
    key = np.zeros(len(columns[0]), dtype=np.int64)
    for column, width in zip(columns, widths):
        key <<= width
        key |= column
    packed, first, counts = np.unique(key, return_index=True, return_counts=True)
    unpacked = []
    for value in packed.tolist():
        fields = []
        for width in reversed(widths):
            fields.append(value & ((1 << width) - 1))
            value >>= width
        unpacked.append(tuple(reversed(fields)))
    return unpacked, first, counts


def _item_columns(table: Table) -> tuple[np.ndarray, np.ndarray]:
    """Per ``table.Item``: its points and whether it is scored."""
    return (np.fromiter((it.max_points for it in table.items), dtype=np.int32, count=len(table.items)),
            np.fromiter((it.scored for it in table.items), dtype=bool, count=len(table.items)))


def _pairs(chosen: Sequence[Chosen]) -> _Pairs:
    skill_labels: dict[str, str] = {}
    theme_labels: dict[str, str] = {}
    for c in chosen:
        for skill_id, label in c.result.skill_labels:
            skill_labels.setdefault(skill_id, label)
        for theme_id, label in c.result.theme_labels:
            theme_labels.setdefault(theme_id, label)
    table = chosen[0].result.table
    rows, owner = _rows_of([c.result for c in chosen])
    # Indexes as 32-bit integers (half the memory; NumPy widens them where it needs).
    pupil = owner.astype(np.int32)
    del owner
    variant = table.column("item")[rows]
    # Questions in the order the game gives them: by their first pair; a question's
    # words (``ItemInfo``) are those of its first pair.
    seen, first = np.unique(variant, return_index=True)
    item_index: dict[str, int] = {}
    info: list[ItemInfo] = []
    to_item = np.zeros(len(table.items), dtype=np.intp)
    for v in seen[np.argsort(first, kind="stable")].tolist():
        it = table.items[v]
        i = item_index.get(it.id)
        if i is None:
            i = item_index[it.id] = len(info)
            info.append(ItemInfo(it.label, it.skills, it.theme, it.max_points, it.type, it.scored))
            for skill_id in it.skills:
                skill_labels.setdefault(skill_id, skill_id)
        to_item[v] = i
    item = to_item[variant].astype(np.int32)
    max_points, is_scored = _item_columns(table)
    status = table.column("status")[rows]
    answered = status != OPEN
    solved = status == SOLVED
    scored = is_scored[variant]
    wrong = table.column("wrong")[rows]
    hints = table.column("hints")[rows]
    cells = _cells(table, rows, scored)
    # Flags as booleans, counts as integers (a tenth of the memory of floats): the sums
    # taken of them (``np.bincount``) are in floats, exact for such counts.
    cols = {
        "answered": answered, "solved": solved, "points": table.column("points")[rows],
        "max": max_points[variant], "time": np.where(answered, table.column("time")[rows], np.nan),
        "hinted": hints > 0, "tried": answered | (hints > 0) | (wrong > 0), "scored": scored,
        "first_try": solved & (wrong == 0), "wrong": wrong, "hints": hints,
        "partly": answered & scored & (cells == _CELL_CODE[CELL_PARTLY]),
        "timed_out": table.column("timed_out")[rows] > 0}
    wrong_counts: dict[int, Counter[str]] = defaultdict(Counter)
    given: dict[int, Counter[str]] = defaultdict(Counter)
    right: dict[int, set[str]] = defaultdict(set)
    partial: dict[int, set[str]] = defaultdict(set)
    texts: dict[int, dict[str, str]] = defaultdict(dict)
    # The answers, counted per distinct (question, wrong answers, answer, answered,
    # solved, partly right, answer texts): a few hundred kinds of pairs, taken in the
    # order of their first pair, so the first pair that gave an answer still gives its words.
    locale = page_locale()
    kinds = _kinds_of((item, table.column("wrongs")[rows], table.column("answer")[rows] + 1, answered, solved,
                       cols["partly"], table.column("texts")[rows]))
    if kinds is not None:
        unique, first, counts = kinds
        order = np.argsort(first, kind="stable")
        for (i, w, a, was_answered, was_solved, was_partly, t), n in zip([unique[k] for k in order.tolist()],
                                                                         counts[order].tolist()):
            wrong_answers = table.tuples[w]
            for detail in wrong_answers:
                wrong_counts[i][detail] += n
            answers = dict.fromkeys(wrong_answers)
            if a > 0 and was_answered:
                answer = table.strings[a - 1]
                answers[answer] = None
                if was_solved:
                    right[i].add(answer)
                elif was_partly:  # an estimate close to the value: part of the points
                    partial[i].add(answer)
            says = dict(table.tuples[t])
            for detail in answers:
                given[i][detail] += n
                if detail not in texts[i]:
                    texts[i][detail] = says[detail] if detail in says else decimal_words(detail, locale)
    teams: dict[int, list[str]] = defaultdict(list)
    team_kinds = _kinds_of((item, table.column("team")[rows]))
    if team_kinds is not None:
        for i, team in team_kinds[0]:
            if table.strings[team]:
                teams[i].append(table.strings[team])
    return _Pairs(pupil, item, cols, list(item_index), info, skill_labels, theme_labels, wrong_counts, given,
                  right, texts, cells, variant, table, teams, partial)


def teams_words(teams: Iterable[str]) -> str:
    """The teams that answered a question, in words: a question every team answered
    together (``core.teams.ALL_TEAMS``) is « toutes les équipes »."""
    names = sorted(set(teams), key=sort_key)
    if ALL_TEAMS in names:
        return _("toutes les équipes")
    return ", ".join(names)


def _discrimination(pairs: _Pairs, pupils: int) -> tuple[list[float | None], list[str]]:
    """Success (or, where everybody ends up succeeding, first-try success) on each
    scored question against the pupil's percentage on the other scored questions
    they answered (see the module's docstring); and which of the two it is about."""
    counted, c = pairs.counted, pairs.cols
    n_items = len(pairs.ids)
    pupil_points = np.bincount(pairs.pupil, c["points"] * counted, pupils)
    pupil_max = np.bincount(pairs.pupil, c["max"] * counted, pupils)
    rest_max = pupil_max[pairs.pupil] - c["max"]
    use = counted & (rest_max > 0)
    rest = np.divide(pupil_points[pairs.pupil] - c["points"], rest_max, out=np.zeros_like(rest_max),
                     where=use)
    del rest_max  # pairs-long arrays are let go as soon as done with (10 000 pupils' peak memory)
    n = np.bincount(pairs.item[use], minlength=n_items)
    solved = np.bincount(pairs.item[use], c["solved"][use], n_items)
    varies = (solved > 0) & (solved < n)
    x = np.where(varies[pairs.item], c["solved"], c["first_try"])
    # Where everybody ends up succeeding (locks retried until they open), points hardly
    # vary either: first-try success on this question against first-try success on
    # the others.
    pupil_first = np.bincount(pairs.pupil, c["first_try"] * counted, pupils)
    pupil_n = np.bincount(pairs.pupil, counted.astype(float), pupils)
    rest_n = pupil_n[pairs.pupil] - 1
    rest_first = np.divide(pupil_first[pairs.pupil] - c["first_try"], rest_n,
                           out=np.zeros_like(rest_n), where=rest_n > 0)
    rest = np.where(varies[pairs.item], rest, rest_first)
    del rest_first
    use &= varies[pairs.item] | (rest_n > 0)
    del rest_n
    on = ["success" if v else "first_try" for v in varies]
    values = point_biserial(pairs.item[use], x[use], rest[use], n_items)
    return values, [o if v is not None else "" for o, v in zip(on, values)]


def _question_rows(pairs: _Pairs, pupils: int, texts: GameTexts | None) -> tuple[QuestionRow, ...]:
    n_items, c = len(pairs.ids), pairs.cols
    presented = np.bincount(pairs.item, minlength=n_items)
    n_answered = pairs.per_item(c["answered"])
    n_solved = pairs.per_item(c["solved"])
    success = _pct(n_solved, n_answered)
    first_try = pairs.per_item(c["first_try"])
    first_try_pct = _pct(first_try, n_answered)
    points_pct = _pct(pairs.per_item(c["points"] * pairs.answered), pairs.per_item(c["max"] * pairs.answered))
    timed = ~np.isnan(c["time"])
    time_n = pairs.per_item(timed.astype(float))
    mean_time = _opt(np.divide(pairs.per_item(np.where(timed, c["time"], 0.0)), time_n,
                               out=np.full(n_items, np.nan), where=time_n > 0))
    tried = pairs.per_item(c["tried"])
    hint_pct = _pct(pairs.per_item(c["hinted"] * (c["tried"] > 0)), tried)
    mean_wrong = _ratio(pairs.per_item(c["wrong"]), tried)
    mean_hints = _ratio(pairs.per_item(c["hints"]), tried)
    partly = pairs.per_item(c["partly"])
    timeouts = pairs.per_item(c["timed_out"])
    discrimination, on = _discrimination(pairs, pupils)
    explanations = texts.explanations if texts else {}
    rows = []
    for i, (item_id, info) in enumerate(zip(pairs.ids, pairs.info)):
        scored = info.scored
        ranked = sorted(pairs.wrong_counts[i].items(), key=lambda kv: (-kv[1], kv[0]))
        top, top_count = ranked[0] if ranked else (None, 0)
        words = pairs.texts[i]
        distribution = tuple(
            (words.get(d, d), n, (d in pairs.right[i]) if scored else None)
            for d, n in sorted(pairs.given[i].items(), key=lambda kv: (-kv[1], sort_key(words.get(kv[0], kv[0])))))
        rows.append(QuestionRow(
            number=i + 1, id=item_id, label=info.label, skills=info.skills, theme=info.theme,
            theme_label=pairs.theme_labels.get(info.theme, theme_words(info.theme, pairs.skill_labels)),
            max_points=info.max_points, presented=int(presented[i]), answered=int(n_answered[i]),
            # a poll has no success rate, points nor discrimination to speak of
            solved=int(n_solved[i]) if scored else 0, success_pct=success[i] if scored else None,
            points_pct=points_pct[i] if scored and info.max_points else None,
            mean_time_s=mean_time[i], hint_pct=hint_pct[i],
            wrong_answer=words[top] if top is not None and scored else None,
            wrong_answer_count=top_count if scored else 0,
            discrimination=discrimination[i] if scored else None, type=info.type, scored=scored,
            partly=int(partly[i]), first_try=int(first_try[i]) if scored else 0,
            first_try_pct=first_try_pct[i] if scored else None,
            mean_wrong=mean_wrong[i] if scored else None, mean_hints=mean_hints[i],
            timeouts=int(timeouts[i]), not_reached=int(presented[i] - n_answered[i]),
            distribution=distribution, discrimination_on=on[i] if scored else "",
            explanation=explanations.get(item_id, ""), teams=teams_words(pairs.teams.get(i, ())),
            partly_answers=tuple(sorted(words.get(d, d) for d in pairs.partial.get(i, ()) if scored))))
    return tuple(rows)


NEXT_PCT = 60.0  # under this, a question not « peu réussie » is still named after those on a summary


def next_to_rework(questions: Sequence[QuestionRow]) -> tuple[bool, list[QuestionRow]]:
    """The weakest questions after those to rework (``hard``), weakest first, for a
    summary that names few: by first-try success where some question was solved after
    wrong answers (an escape game's locks, retried until they open: success says
    little), else by success. Returns whether it is by first tries, and the questions
    under ``NEXT_PCT``."""
    by_first_try = any(q.scored and q.first_try < q.solved for q in questions)

    def figure(q: QuestionRow) -> float | None:
        return q.first_try_pct if by_first_try else q.success_pct

    rows = [q for q in questions if q.scored and not q.hard and (f := figure(q)) is not None and f < NEXT_PCT]
    return by_first_try, sorted(rows, key=lambda q: (figure(q) or 0.0, q.number))


PARTS = " ; "  # how a matching's pairs or a sorting's groups are joined in an answer's words


def answer_change(text: str, rights: Iterable[str]) -> str:
    """A wrong arrangement (a matching's pairs, a sorting's groups) said by what the
    pupil got wrong: « tout juste sauf : » and the parts that are not in the right
    answer. Two wrong matchings that differ by one pair then no longer read alike
    when clipped. Any other answer, or one with nothing right, as it is."""
    parts = text.split(PARTS)
    if len(parts) < 2:
        return text
    for right in rights:
        right_parts = set(right.split(PARTS))
        if len(right_parts) < 2:
            continue
        wrong = [part for part in parts if part not in right_parts]
        if wrong and len(wrong) < len(parts):
            return _("tout juste sauf : {wrong}").format(wrong=PARTS.join(wrong))
    return text


def right_answers(q: QuestionRow) -> list[str]:
    """The texts of the answers that solved ``q``."""
    return [text for text, _n, right in q.distribution if right]


def theme_words(theme: str, skill_labels: Mapping[str, str]) -> str:
    """A theme in words for an older file that has no label for it: the skill of the
    same id's label, else the id made readable."""
    if not theme:
        return ""
    if theme in skill_labels and skill_labels[theme] != theme:
        return skill_labels[theme]
    words = re.sub(r"[-_]+", " ", theme).strip()
    return words[:1].upper() + words[1:]


def summarise(results: Sequence[Result], attempt: Attempt = "first",
              notes: Sequence[str] = (), texts: GameTexts | None = None) -> ClassSummary:
    """The class summary of ``results`` (one game; ``resultfile.read_results`` sees to it).
    ``texts``, when the game is installed, adds its explanations to what to re-teach."""
    if not results:
        raise ValueError("no results")
    results = _on_one_table(results)
    chosen = choose_attempts(results, attempt)
    pairs = _pairs(chosen)
    skill_ids = sorted(pairs.skill_labels, key=lambda s: sort_key(pairs.skill_labels[s]))
    questions = _question_rows(pairs, len(chosen), texts)
    pupils = _pupil_rows(chosen, skill_ids, pairs)
    themes = sorted({info.theme for info in pairs.info if info.theme},
                    key=lambda t: sort_key(theme_words(t, pairs.skill_labels)))
    theme_labels = {t: pairs.theme_labels.get(t, theme_words(t, pairs.skill_labels)) for t in themes}
    descriptions = texts.skill_descriptions if texts else {}
    skills = _groups(skill_ids, pairs.skill_labels, lambda info: info.skills, pairs)
    skills = tuple(_with_help(g, pupils, descriptions.get(g.id, "")) for g in skills)
    return ClassSummary(
        game_id=chosen[0].result.game_id, game_title=chosen[0].result.game_title,
        game_versions=tuple(sorted({r.game_version for r in results})), attempt_rule=attempt,
        overview=_overview(results, pupils, questions, pairs), pupils=pupils, questions=questions,
        skills=skills,
        themes=_groups(themes, theme_labels, lambda info: (info.theme,) if info.theme else (), pairs),
        notes=tuple(notes), classes=_cohorts(pupils, by_day=False),
        sessions=_cohorts(pupils, by_day=True, chosen=chosen, rule=attempt))


def _on_one_table(results: Sequence[Result]) -> Sequence[Result]:
    """The results with their puzzles in one table (``read_results`` reads them so;
    results parsed one by one each have their own)."""
    table = results[0].table
    if all(r.table is table for r in results):
        return results
    table = Table()
    moved = []
    for r in results:
        start, stop = table.take(r.table, r.start, r.stop)
        moved.append(replace(r, table=table, start=start, stop=stop))
    return moved


def _with_help(group: GroupRow, pupils: Sequence[PupilRow], description: str) -> GroupRow:
    """Who needs help with the skill ``group``: under half of its points or, where every
    pupil ends up solving its questions (locks retried), under half of them solved at
    the first try."""
    retried = (group.success_pct is not None and group.success_pct >= 100.0 - 1e-9
               and group.first_try_pct is not None and group.first_try_pct < 100.0 - 1e-9)
    needing = tuple(p.label for p in pupils
                    if (pct := dict(p.skills_first_try if retried else p.skills).get(group.id)) is not None
                    and pct < NEEDS_HELP_PCT)
    return replace(group, description=description, needs_help=needing,
                   help_on="first_try" if retried else "points")


def _groups(ids: Sequence[str], labels: dict[str, str], keys: Callable[[ItemInfo], Iterable[str]],
            pairs: _Pairs) -> tuple[GroupRow, ...]:
    """Per skill or theme: every answered scored (pupil, question) pair whose question has it."""
    if not ids:
        return ()
    index = {g: k for k, g in enumerate(ids)}
    # member[k, i]: question i has group k (groups × questions: small, unlike pupils × questions).
    member = np.zeros((len(ids), len(pairs.info)))
    for i, info in enumerate(pairs.info):
        if not info.scored:
            continue
        for g in keys(info):
            if g in index:
                member[index[g], i] = 1.0
    counted, c = pairs.counted, pairs.cols
    totals = {k: member @ pairs.per_item(w) for k, w in (
        ("answers", counted.astype(float)), ("solved", c["solved"] * counted),
        ("points", c["points"] * counted), ("max", c["max"] * counted),
        ("first_try", c["first_try"] * counted))}
    success = _pct(totals["solved"], totals["answers"])
    points = _pct(totals["points"], totals["max"])
    first_try = _pct(totals["first_try"], totals["answers"])
    return tuple(GroupRow(id=g, label=labels.get(g, g), questions=int(member[k].sum()),
                          answers=int(totals["answers"][k]), success_pct=success[k],
                          points_pct=points[k], first_try_pct=first_try[k]) for k, g in enumerate(ids))


def _pupil_rows(chosen: list[Chosen], skill_ids: list[str], pairs: _Pairs) -> tuple[PupilRow, ...]:
    n, c = len(chosen), pairs.cols
    counted = pairs.counted

    def per_pupil(weights: np.ndarray) -> list[int]:
        return [int(v) for v in np.bincount(pairs.pupil, weights, n).tolist()]

    scored = c["scored"] > 0
    score, top, wrong = (per_pupil(c[k] * scored) for k in ("points", "max", "wrong"))
    solved = per_pupil(c["solved"] * counted)
    partly = per_pupil((pairs.cell == _CELL_CODE[CELL_PARTLY]) * counted)
    first = per_pupil(c["first_try"] * counted)
    timeouts = per_pupil(c["timed_out"])
    # Points and maximum per pupil and skill, over the answered scored questions.
    has_skill = np.zeros((len(pairs.table.items), len(skill_ids)), dtype=bool)
    skill_index = {s: k for k, s in enumerate(skill_ids)}
    for v, it in enumerate(pairs.table.items):
        for skill_id in it.skills:
            if skill_id in skill_index:
                has_skill[v, skill_index[skill_id]] = True
    per_skill = [(per_pupil(c["points"] * counted * has_skill[pairs.variant, k]),
                  per_pupil(c["max"] * counted * has_skill[pairs.variant, k]),
                  per_pupil(c["first_try"] * counted * has_skill[pairs.variant, k]),
                  per_pupil(counted * has_skill[pairs.variant, k])) for k in range(len(skill_ids))]
    # Each pupil's row of the grid: one copy of each (question number, cell) pair (10 000 pupils).
    kinds = len(CELLS)
    shared = [(number, kind) for number in range(1, len(pairs.ids) + 1) for kind in CELLS]
    cell_of = (pairs.item * kinds + pairs.cell).tolist()
    bounds = np.searchsorted(pairs.pupil, np.arange(n + 1)).tolist()
    # Solved after wrong answers (a lock retried): the grid tells it from a first try.
    again = np.flatnonzero((pairs.cell == _CELL_CODE[CELL_OK]) & (c["wrong"] > 0))
    again_numbers = (pairs.item[again] + 1).tolist()
    again_bounds = np.searchsorted(pairs.pupil[again], np.arange(n + 1)).tolist()
    del again
    rows = []
    for e, ch in enumerate(chosen):
        result = ch.result
        cells = tuple(map(shared.__getitem__, cell_of[bounds[e]:bounds[e + 1]]))
        total = result.stop - result.start
        answered = result.answered
        name = result.team or result.pseudonym
        skills, firsts = [], []
        for k, skill_id in enumerate(skill_ids):
            points, most, first_k, answered_k = (figures[e] for figures in per_skill[k])
            skills.append((skill_id, 100.0 * points / most if most else None))
            firsts.append((skill_id, 100.0 * first_k / answered_k if answered_k else None))
        rows.append(PupilRow(
            name=name, group=ch.group, team=result.team,
            members=result.members, started_at=result.started_at, attempts=len(ch.attempts),
            ended=result.ended, success=result.success, answered=answered, total=total,
            completion_pct=100.0 * answered / total if total else 0.0, score=score[e],
            max_score=top[e], score_pct=100.0 * score[e] / top[e] if top[e] else 0.0,
            duration_s=result.duration_s, hints=result.hints, skills=tuple(skills),
            label=f"{name} ({ch.rank})" if ch.homonym else name, homonym=ch.homonym,
            machine=result.machine, end=result.ending_kind, time_up=result.time_up, solved=solved[e],
            partly=partly[e], first_try=first[e], wrong=wrong[e], timeouts=timeouts[e], cells=cells,
            attempt_starts=tuple(r.started_at for r in ch.attempts), skills_first_try=tuple(firsts),
            retried=tuple(again_numbers[again_bounds[e]:again_bounds[e + 1]])))
    return tuple(rows)


def _mean(values: Sequence[float]) -> float | None:
    return float(np.mean(values)) if values else None


def _cohorts(pupils: Sequence[PupilRow], by_day: bool, chosen: Sequence[Chosen] = (),
             rule: Attempt = "first") -> tuple[CohortRow, ...]:
    """Per class, or per class and day (a session): each pupil who played that day once,
    with the attempt of that day the teacher's rule picks, so that a class that played
    the same game twice shows its progress whatever attempt counts overall; worth
    showing only when there is more than one."""
    rows = []
    if not by_day:
        classes: dict[str, list[PupilRow]] = defaultdict(list)
        for p in pupils:
            classes[p.group].append(p)
        for group, members in classes.items():
            firsts = [100.0 * p.first_try / n for p in members if (n := p.solved + p.partly + _failed(p))]
            rows.append(CohortRow(group, "", len(members), sum(p.ended for p in members),
                                  _mean([p.score_pct for p in members]),
                                  _mean([p.completion_pct for p in members]), _mean(firsts)))
    else:
        sessions: dict[tuple[str, str], list[Result]] = defaultdict(list)
        for c in chosen:
            days: dict[str, list[Result]] = defaultdict(list)
            for attempt in c.attempts:
                days[attempt.started_at[:10]].append(attempt)
            for day, those in days.items():
                sessions[(c.group, day)].append(_pick(those, rule))
        figures = _attempt_figures([r for attempts in sessions.values() for r in attempts])
        for (group, day), attempts in sessions.items():
            scores, firsts, completions = [], [], []
            for r in attempts:
                score_pct, first_pct, completion = figures[id(r)]
                scores.append(score_pct)
                completions.append(completion)
                if first_pct is not None:
                    firsts.append(first_pct)
            rows.append(CohortRow(group, day, len(attempts), sum(r.ended for r in attempts),
                                  _mean(scores), _mean(completions), _mean(firsts)))
    if len(rows) < 2:
        return ()
    rows.sort(key=lambda r: (not r.group, sort_key(r.group), r.day))
    return tuple(rows)


_FAILED = frozenset({CELL_WRONG, CELL_TIMEOUT})


def _failed(p: PupilRow) -> int:
    return sum(map(_FAILED.__contains__, map(itemgetter(1), p.cells)))


def _overview(results: Sequence[Result], pupils: tuple[PupilRow, ...], questions: Sequence[QuestionRow],
              pairs: _Pairs) -> Overview:
    scores = np.array([p.score_pct for p in pupils], dtype=float)
    completion = np.array([p.completion_pct for p in pupils], dtype=float)
    durations = np.array([p.duration_s for p in pupils], dtype=float)
    buckets = np.minimum((scores // 10).astype(int), 9)
    order = min(results, key=lambda r: r.started_order), max(results, key=lambda r: r.started_order)
    ends = Counter(p.end for p in pupils)
    counted = pairs.counted
    n_counted = int(counted.sum())
    return Overview(
        results=len(results), pupils=len(pupils), finished=sum(p.ended for p in pupils),
        mean_score_pct=float(scores.mean()), median_score_pct=float(np.median(scores)),
        mean_completion_pct=float(completion.mean()), mean_duration_s=float(durations.mean()),
        hints=sum(p.hints for p in pupils), first_start=order[0].started_at,
        last_start=order[1].started_at,
        histogram=tuple(int(c) for c in np.bincount(buckets, minlength=10)),
        ends=tuple((e, ends[e]) for e in ENDS if ends[e]), homonyms=sum(p.homonym for p in pupils),
        polls=sum(not q.scored for q in questions),
        first_try_pct=100.0 * float(pairs.cols["first_try"][counted].sum()) / n_counted if n_counted else None,
        timeouts=sum(p.timeouts for p in pupils))


def day_label(day: str, locale: str) -> str:
    """A session's day (« 2026-03-19 ») as the teacher writes it (« 19/03/2026 »)."""
    from datetime import date

    from babel.dates import format_date

    try:
        return format_date(date.fromisoformat(day), "short", locale=locale)
    except ValueError:
        return day


def end_label(end: str) -> str:
    """How a pupil's game ended, in words."""
    return {"won": _("gagnée"), "lost": _("finie sans gagner"), "time_up": _("temps écoulé"),
            "stopped": _("arrêtée"), "unfinished": _("pas finie")}.get(end, end)


def cell_mark(kind: str) -> str:
    """A grid cell as a sign that reads in black and white (colour is never the only
    signal); ``cell_label`` says it in words."""
    return {CELL_OK: "✓", CELL_PARTLY: "≈", CELL_WRONG: "✗", CELL_OPEN: "·", CELL_TIMEOUT: "◔",
            CELL_POLL: "○"}.get(kind, "")


RETRIED_MARK = "↻"  # in the grid, a question solved after wrong answers (a lock retried)


def grid_mark(kind: str, retried: bool = False) -> str:
    """A grid cell's sign: ``cell_mark``, or ``RETRIED_MARK`` for a question solved
    after one wrong answer or more (an escape game's grid is not all ✓)."""
    return RETRIED_MARK if retried and kind == CELL_OK else cell_mark(kind)


def grid_legend(summary: ClassSummary) -> str:
    """The grid's signs in words; the retried one only where some pupil has it."""
    signs = [f"{cell_mark(k)} {cell_label(k)}" for k in CELLS]
    if any(p.retried for p in summary.pupils):
        signs.insert(1, f"{RETRIED_MARK} " + _("réussie après un essai faux ou plus"))
    return " ; ".join(signs)


def cell_label(kind: str) -> str:
    return {CELL_OK: _("réussie"), CELL_PARTLY: _("en partie"), CELL_WRONG: _("ratée"),
            CELL_OPEN: _("pas atteinte"), CELL_TIMEOUT: _("temps écoulé"),
            CELL_POLL: _("sondage : réponse donnée")}.get(kind, "")
