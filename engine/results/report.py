"""The class summary: per pupil (or team), per question, per skill and per theme.

Computed with NumPy over one flat table of (pupil, question) pairs, so a question
bank where each pupil draws twenty questions out of thousands costs memory in
proportion to the answers given, never pupils × questions.

Definitions (the page and the CSV say the same):

- a question is *answered* when it was solved, failed or skipped; success rates,
  mean times and the discrimination index are over answered questions, so a question
  a pupil never reached does not pass for one they did not understand (completion
  says how far each pupil went);
- the *score* and its percentage are the game's own (``engine.core.scoring``), over
  every question in play;
- the *hint rate* is the share of the pupils who worked on the question (answered it,
  or tried, or asked for help) who took at least one hint;
- the *most chosen wrong answer* counts each pupil once per wrong answer they gave;
- the *discrimination index* is the point-biserial correlation between success on
  the question (solved: 1, else 0) and the pupil's percentage of points on the other
  questions they answered. From −1 to 1: above 0.3 the question separates well the
  pupils who master the rest from the others; under 0.2 it separates them poorly;
  negative, the pupils who do well elsewhere fail it more often than the others,
  which usually means an ambiguous wording or a wrong key. Undefined (None) when
  everybody or nobody succeeded, or with fewer than three answers; unreliable with
  fewer than about twenty pupils.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ..i18n import _
from .model import Result

DISCRIMINATION_METHOD = "point-biserial"
HARD_PCT = 40.0  # a success rate under this flags a question nobody understood
WEAK_DISCRIMINATION = 0.2
MIN_ANSWERS_FOR_INDEX = 3
Attempt = Literal["first", "last", "best"]
ItemInfo = tuple[str, tuple[str, ...], str, int]  # a question's label, skills, theme, max points


@dataclass(frozen=True)
class PupilRow:
    """One pupil, or one team (``team`` set, ``members`` its pupils)."""

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
    skills: tuple[tuple[str, float | None], ...]  # skill id, success % on its answered questions


@dataclass(frozen=True)
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

    @property
    def hard(self) -> bool:
        """Few pupils got it: the question nobody understood."""
        return self.success_pct is not None and self.success_pct < HARD_PCT

    @property
    def weak(self) -> bool:
        """It hardly separates the pupils who master the rest from the others."""
        return self.discrimination is not None and self.discrimination < WEAK_DISCRIMINATION


@dataclass(frozen=True)
class GroupRow:
    """A skill or a theme, over every answered question that has it."""

    id: str
    label: str
    questions: int
    answers: int
    success_pct: float | None
    points_pct: float | None


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


# --- choosing one attempt per pupil -------------------------------------------------

def attempt_label(rule: Attempt) -> str:
    """Which attempt counts, in words."""
    return {"first": _("la première de chaque élève"), "last": _("la dernière de chaque élève"),
            "best": _("la meilleure de chaque élève")}[rule]


def choose_attempts(results: Iterable[Result], rule: Attempt = "first") -> list[tuple[Result, int]]:
    """One attempt per pupil or team, with how many they made.

    ``first`` (the default) shows what pupils knew before they saw the corrections,
    which is what a diagnosis needs; ``last`` and ``best`` are there for a teacher who
    let pupils try again.
    """
    by_who: dict[tuple[str, str], list[Result]] = defaultdict(list)
    for result in results:
        by_who[result.who].append(result)
    chosen = []
    for attempts in by_who.values():
        if rule == "last":
            pick = max(attempts, key=lambda r: r.started_order)
        elif rule == "best":
            pick = max(attempts, key=lambda r: (r.percent, r.answered, -r.started_order))
        else:
            pick = min(attempts, key=lambda r: r.started_order)
        chosen.append((pick, len(attempts)))
    chosen.sort(key=lambda pair: (_natural(pair[0].group), _natural(pair[0].who[1]), pair[0].who[1]))
    return chosen


def _natural(name: str) -> list[str | int]:
    """Sorts « Élève 2 » before « Élève 10 », and ignores case. Pupils are listed by
    name, never ranked by score."""
    return [int(part) if k % 2 else part.casefold() for k, part in enumerate(re.split(r"(\d+)", name))]


# --- the statistics -------------------------------------------------------------------

def _pct(part: np.ndarray, whole: np.ndarray) -> list[float | None]:
    """100 × part / whole, None where whole is 0."""
    out = np.full(part.shape, np.nan)
    np.divide(100.0 * part, whole, out=out, where=whole > 0)
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


@dataclass
class _Pairs:
    """Every (pupil, question) pair of the chosen attempts, as NumPy columns: ``pupil``
    and ``item`` index them, ``cols`` holds one float per pair for each figure."""

    pupil: np.ndarray
    item: np.ndarray
    cols: dict[str, np.ndarray]
    ids: list[str]
    info: list[ItemInfo]
    skill_labels: dict[str, str]
    wrong_counts: dict[int, Counter[str]]
    wrong_texts: dict[int, dict[str, str]]

    def per_item(self, weights: np.ndarray) -> np.ndarray:
        return np.bincount(self.item, weights, len(self.ids))

    @property
    def answered(self) -> np.ndarray:
        return self.cols["answered"] > 0


def _pairs(chosen: Sequence[tuple[Result, int]]) -> _Pairs:
    item_index: dict[str, int] = {}
    info: list[ItemInfo] = []
    skill_labels: dict[str, str] = {}
    for result, _count in chosen:
        for skill_id, label in result.skill_labels:
            skill_labels.setdefault(skill_id, label)
    pupils: list[int] = []
    items: list[int] = []
    cols: dict[str, list[float]] = {k: [] for k in
                                    ("answered", "solved", "points", "max", "time", "hinted", "tried")}
    wrong_counts: dict[int, Counter[str]] = defaultdict(Counter)
    wrong_texts: dict[int, dict[str, str]] = defaultdict(dict)
    for e, (result, _count) in enumerate(chosen):
        for p in result.puzzles:
            i = item_index.get(p.id)
            if i is None:  # questions in the order the game gives them
                i = item_index[p.id] = len(info)
                info.append((p.label, p.skills, p.theme, p.max_points))
                for skill_id in p.skills:
                    skill_labels.setdefault(skill_id, skill_id)
            pupils.append(e)
            items.append(i)
            cols["answered"].append(p.answered)
            cols["solved"].append(p.correct)
            cols["points"].append(p.points)
            cols["max"].append(p.max_points)
            cols["time"].append(np.nan if p.time_s is None or not p.answered else p.time_s)
            cols["hinted"].append(p.hints > 0)
            cols["tried"].append(p.answered or p.hints > 0 or p.wrong > 0)
            for detail in p.wrong_answers:
                wrong_counts[i][detail] += 1
                wrong_texts[i].setdefault(detail, p.says(detail))
    return _Pairs(np.asarray(pupils, dtype=np.intp), np.asarray(items, dtype=np.intp),
                  {k: np.asarray(v, dtype=float) for k, v in cols.items()}, list(item_index), info,
                  skill_labels, wrong_counts, wrong_texts)


def _discrimination(pairs: _Pairs, pupils: int) -> list[float | None]:
    """Success on each question against the pupil's percentage on the other questions
    they answered (see the module's docstring)."""
    answered, c = pairs.answered, pairs.cols
    pupil_points = np.bincount(pairs.pupil, c["points"] * answered, pupils)
    pupil_max = np.bincount(pairs.pupil, c["max"] * answered, pupils)
    rest_max = pupil_max[pairs.pupil] - c["max"]
    use = answered & (rest_max > 0)
    rest = np.divide(pupil_points[pairs.pupil] - c["points"], rest_max, out=np.zeros_like(rest_max),
                     where=use)
    return point_biserial(pairs.item[use], c["solved"][use], rest[use], len(pairs.ids))


def _question_rows(pairs: _Pairs, pupils: int) -> tuple[QuestionRow, ...]:
    n_items, c, answered = len(pairs.ids), pairs.cols, pairs.answered
    presented = np.bincount(pairs.item, minlength=n_items)
    n_answered = pairs.per_item(c["answered"])
    n_solved = pairs.per_item(c["solved"])
    success = _pct(n_solved, n_answered)
    points_pct = _pct(pairs.per_item(c["points"] * answered), pairs.per_item(c["max"] * answered))
    timed = ~np.isnan(c["time"])
    time_n = pairs.per_item(timed.astype(float))
    mean_time = _opt(np.divide(pairs.per_item(np.where(timed, c["time"], 0.0)), time_n,
                               out=np.full(n_items, np.nan), where=time_n > 0))
    hint_pct = _pct(pairs.per_item(c["hinted"] * (c["tried"] > 0)), pairs.per_item(c["tried"]))
    discrimination = _discrimination(pairs, pupils)
    rows = []
    for i, (item_id, (label, skills, theme, max_points)) in enumerate(zip(pairs.ids, pairs.info)):
        ranked = sorted(pairs.wrong_counts[i].items(), key=lambda kv: (-kv[1], kv[0]))
        top, top_count = ranked[0] if ranked else (None, 0)
        rows.append(QuestionRow(
            number=i + 1, id=item_id, label=label, skills=skills, theme=theme,
            max_points=max_points, presented=int(presented[i]), answered=int(n_answered[i]),
            # a question worth no points (a poll) has no success rate to speak of
            solved=int(n_solved[i]), success_pct=success[i] if max_points else None,
            points_pct=points_pct[i] if max_points else None, mean_time_s=mean_time[i], hint_pct=hint_pct[i],
            wrong_answer=pairs.wrong_texts[i][top] if top is not None else None,
            wrong_answer_count=top_count, discrimination=discrimination[i] if max_points else None))
    return tuple(rows)


def summarise(results: Sequence[Result], attempt: Attempt = "first",
              notes: Sequence[str] = ()) -> ClassSummary:
    """The class summary of ``results`` (one game; ``resultfile.read_results`` sees to it)."""
    if not results:
        raise ValueError("no results")
    chosen = choose_attempts(results, attempt)
    pairs = _pairs(chosen)
    skill_ids = list(pairs.skill_labels)
    pupils = _pupil_rows(chosen, skill_ids)
    themes = sorted({theme for _label, _skills, theme, _max in pairs.info if theme})
    return ClassSummary(
        game_id=chosen[0][0].game_id, game_title=chosen[0][0].game_title,
        game_versions=tuple(sorted({r.game_version for r in results})), attempt_rule=attempt,
        overview=_overview(results, pupils), pupils=pupils,
        questions=_question_rows(pairs, len(chosen)),
        skills=_groups(skill_ids, pairs.skill_labels, lambda info: info[1], pairs),
        themes=_groups(themes, {}, lambda info: (info[2],) if info[2] else (), pairs),
        notes=tuple(notes))


def _groups(ids: Sequence[str], labels: dict[str, str], keys: Callable[[ItemInfo], Iterable[str]],
            pairs: _Pairs) -> tuple[GroupRow, ...]:
    """Per skill or theme: every answered (pupil, question) pair whose question has it."""
    if not ids:
        return ()
    index = {g: k for k, g in enumerate(ids)}
    # member[k, i]: question i has group k (groups × questions: small, unlike pupils × questions).
    member = np.zeros((len(ids), len(pairs.info)))
    for i, info in enumerate(pairs.info):
        for g in keys(info):
            if g in index:
                member[index[g], i] = 1.0
    answered, c = pairs.answered, pairs.cols
    totals = {k: member @ pairs.per_item(w) for k, w in (
        ("answers", answered.astype(float)), ("solved", c["solved"]),
        ("points", c["points"] * answered), ("max", c["max"] * answered))}
    success = _pct(totals["solved"], totals["answers"])
    points = _pct(totals["points"], totals["max"])
    return tuple(GroupRow(id=g, label=labels.get(g, g), questions=int(member[k].sum()),
                          answers=int(totals["answers"][k]), success_pct=success[k],
                          points_pct=points[k]) for k, g in enumerate(ids))


def _pupil_rows(chosen: list[tuple[Result, int]], skill_ids: list[str]) -> tuple[PupilRow, ...]:
    rows = []
    for result, count in chosen:
        per_skill: dict[str, list[int]] = {s: [0, 0] for s in skill_ids}
        for p in result.puzzles:
            if p.answered:
                for skill_id in p.skills:
                    tally = per_skill.setdefault(skill_id, [0, 0])
                    tally[0] += p.correct
                    tally[1] += 1
        total = len(result.puzzles)
        answered = result.answered
        rows.append(PupilRow(
            name=result.team or result.pseudonym, group=result.group, team=result.team,
            members=result.members, started_at=result.started_at, attempts=count,
            ended=result.ended, success=result.success, answered=answered, total=total,
            completion_pct=100.0 * answered / total if total else 0.0, score=result.score,
            max_score=result.max_score, score_pct=result.percent, duration_s=result.duration_s,
            hints=result.hints,
            skills=tuple((s, 100.0 * per_skill[s][0] / per_skill[s][1] if per_skill[s][1] else None)
                         for s in skill_ids)))
    return tuple(rows)


def _overview(results: Sequence[Result], pupils: tuple[PupilRow, ...]) -> Overview:
    scores = np.array([p.score_pct for p in pupils], dtype=float)
    completion = np.array([p.completion_pct for p in pupils], dtype=float)
    durations = np.array([p.duration_s for p in pupils], dtype=float)
    buckets = np.minimum((scores // 10).astype(int), 9)
    starts = sorted(results, key=lambda r: r.started_order)
    return Overview(
        results=len(results), pupils=len(pupils), finished=sum(p.ended for p in pupils),
        mean_score_pct=float(scores.mean()), median_score_pct=float(np.median(scores)),
        mean_completion_pct=float(completion.mean()), mean_duration_s=float(durations.mean()),
        hints=sum(p.hints for p in pupils), first_start=starts[0].started_at,
        last_start=starts[-1].started_at,
        histogram=tuple(int(c) for c in np.bincount(buckets, minlength=10)))
