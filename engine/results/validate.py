"""Reading one result file's data without trusting it.

A result file passes through USB keys, school platforms and curious pupils. Every
field is checked for its type and range, then the figures are checked against each
other (a score above the maximum, points that do not add up, a question longer than
the game): a file edited by hand says so instead of skewing the class summary.
Nothing is clamped or dropped silently: a file is taken as it is or refused with a
message saying why.

The fields are described once, as tables of (name, kind) below; a kind is a test and
the words that say what it expects; an ordinary puzzle is checked in one pass of direct
tests (``_plain_puzzle``), the tables saying which field is wrong when one is.
"""

from __future__ import annotations

import functools
import math
import operator
import sys
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from itertools import chain
from typing import Any, NamedTuple, cast

from ..core.state import STATUSES
from ..i18n import N_, _
from .model import ENDS, MAX_NAME, RESULT_FORMAT, RESULT_VERSION, Result
from .table import NAN, OPEN, STATUS_CODE, Item, Table

MAX_PUZZLES = 20_000
# Sane ranges: a forged or damaged figure outside them makes the file refused (with the
# field named), never an overflow in the class summary. Far above any real game.
MAX_COUNT = 1_000_000  # points, wrong answers or hints of one question
MAX_TOTAL = MAX_PUZZLES * MAX_COUNT  # the same, over a whole attempt
MAX_SECONDS = 10_000_000  # about four months of play
_SLACK_S = 1e-6  # rounding of times written as decimals
_MISSING = object()


class ResultError(ValueError):
    """A result that cannot be used; the message says why, in words, for a teacher."""


def clean_name(raw: str) -> str:
    """A pseudonym, group or team name as stored: NFC, single spaces, no control characters."""
    text = unicodedata.normalize("NFC", str(raw))
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c == " ")
    return " ".join(text.split())


def name_key(raw: str) -> str:
    """What two spellings of one pseudonym have in common: ``clean_name`` (Unicode form,
    spacing), then case folded. ``forget`` and ``export`` match on it."""
    return unicodedata.normalize("NFC", clean_name(raw).casefold())


def _edited(what: str) -> ResultError:
    return ResultError(_("fichier modifié à la main ou abîmé : {what}").format(what=what))


# --- kinds of field -------------------------------------------------------------------

class Kind(NamedTuple):
    test: Callable[[Any], bool]
    what: str  # what the field should be, in French (translated when said)


def _number(v: Any, high: float = math.inf) -> bool:
    if type(v) is int:  # compared as an integer: a 300-digit one does not fit a float
        return 0 <= v <= high
    return type(v) is float and math.isfinite(v) and 0 <= v <= high


def _int(v: Any, high: int) -> bool:
    return type(v) is int and 0 <= v <= high


def _name(v: Any) -> bool:
    if type(v) is not str or len(v) > MAX_NAME:
        return False
    # Most names: no character ``clean_name`` removes (control, format or separator
    # characters other than the space: what ``isprintable`` refuses), single spaces
    # inside, already in NFC; then ``clean_name`` would leave them as they are.
    if v.isprintable() and "  " not in v and v[:1] != " " and v[-1:] != " " and unicodedata.is_normalized("NFC", v):
        return True
    return clean_name(v) == v


def _iso(v: Any) -> bool:
    """An ISO 8601 date between 1970 and 9000, whose instant can be computed (the
    summary orders attempts by it)."""
    try:
        moment = datetime.fromisoformat(v)
        if not 1970 <= moment.year <= 9000:
            return False
        (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()
    except (TypeError, ValueError, OverflowError, OSError):
        return False
    return True


TEXT = Kind(lambda v: type(v) is str, N_("un texte"))
ID = Kind(lambda v: type(v) is str and v.strip() != "", N_("un texte non vide"))
NAME = Kind(_name, N_("un nom (au plus 64 caractères, sans caractère de contrôle)"))
PSEUDONYM = Kind(lambda v: _name(v) and v != "", N_("un pseudonyme (1 à 64 caractères, sans caractère de contrôle)"))
NAMES = Kind(lambda v: type(v) is list and all(_name(m) and m for m in v), N_("une liste de pseudonymes"))
COUNT = Kind(lambda v: _int(v, MAX_COUNT), N_("un nombre entier entre 0 et 1 000 000"))
TOTAL = Kind(lambda v: _int(v, MAX_TOTAL), N_("un nombre entier entre 0 et 20 000 000 000"))
SECONDS = Kind(lambda v: _number(v, MAX_SECONDS), N_("une durée en secondes entre 0 et 10 000 000"))
FRACTION = Kind(lambda v: _number(v, 1), N_("un nombre entre 0 et 1"))
MAYBE_SECONDS = Kind(lambda v: v is None or _number(v, MAX_SECONDS),
                     N_("une durée en secondes entre 0 et 10 000 000, ou null"))
MAYBE_TEXT = Kind(lambda v: v is None or type(v) is str, N_("un texte ou null"))
BOOL = Kind(lambda v: type(v) is bool, N_("vrai ou faux (true, false)"))
MAYBE_BOOL = Kind(lambda v: v is None or type(v) is bool, N_("vrai, faux ou null"))
STATUS = Kind(lambda v: v in STATUSES, N_("open, solved, failed ou skipped"))
TEXTS = Kind(lambda v: type(v) is list and all(type(t) is str for t in v), N_("une liste de textes"))
LABELS = Kind(lambda v: type(v) is dict and all(type(t) is str for t in v.values()),
              N_("une table de textes"))
OBJECT = Kind(lambda v: type(v) is dict, N_("un objet"))
DATE = Kind(lambda v: type(v) is str and len(v) <= 64 and _iso(v),
            N_("une date ISO 8601 (2026-03-12T10:15:00+01:00)"))
PUZZLES = Kind(lambda v: type(v) is list and len(v) <= MAX_PUZZLES, N_("une liste de questions"))

TOP = (("game", OBJECT), ("who", OBJECT), ("started_at", DATE), ("duration_s", SECONDS),
       ("ended", BOOL), ("ending", MAYBE_TEXT), ("success", MAYBE_BOOL), ("score", TOTAL),
       ("max_score", TOTAL), ("hints", TOTAL), ("puzzles", PUZZLES))
GAME = (("id", ID), ("version", TEXT), ("content_hash", TEXT), ("title", TEXT), ("skills", LABELS))
WHO = (("pseudonym", PSEUDONYM), ("group", NAME), ("team", NAME), ("members", NAMES))
PUZZLE = (("id", ID), ("label", TEXT), ("status", STATUS), ("correct", BOOL), ("fraction", FRACTION),
          ("points", COUNT), ("max_points", COUNT), ("wrong", COUNT), ("hints", COUNT),
          ("time_s", MAYBE_SECONDS), ("answer", MAYBE_TEXT), ("wrong_answers", TEXTS),
          ("answer_texts", LABELS), ("skills", TEXTS), ("theme", TEXT), ("team", TEXT))

MACHINE = Kind(lambda v: type(v) is str and len(v) <= 64 and v.isascii() and v.isalnum() or v == "",
               N_("un identifiant d’ordinateur (lettres et chiffres)"))
END = Kind(lambda v: v is None or v in ENDS, N_("won, lost, time_up, stopped, unfinished ou null"))
# Fields added to the format later: a file written before them is read with these values.
Later = tuple[tuple[str, Kind, Any], ...]
TOP_LATER: Later = (("machine", MACHINE, ""), ("end", END, None), ("time_up", BOOL, False))
GAME_LATER: Later = (("themes", LABELS, {}),)
PUZZLE_LATER: Later = (("type", TEXT, ""), ("scored", MAYBE_BOOL, None), ("timed_out", BOOL, False))


def _later(data: dict[str, Any], table: tuple[tuple[str, Kind, Any], ...], where: str) -> list[Any]:
    """The values of fields added to the format later: their default when absent,
    refused like any other field when present and wrong."""
    values = []
    for key, kind, default in table:
        if key not in data:
            values.append(default)
            continue
        value = data[key]
        if not kind.test(value):
            field = f"{where}.{key}" if where else key
            raise _edited(_("« {field} » devrait être {kind}").format(field=field, kind=_(kind.what)))
        values.append(value)
    return values


def _fields(data: Any, table: tuple[tuple[str, Kind], ...], where: str) -> list[Any]:
    """The values of ``table``'s fields in ``data``, each checked against its kind."""
    if type(data) is not dict:
        raise _edited(_("« {field} » devrait être {kind}").format(field=where or "/", kind=_(OBJECT.what)))
    values = []
    for key, kind in table:
        value = data.get(key, _MISSING)
        if not kind.test(value):
            field = f"{where}.{key}" if where else key
            if value is _MISSING:
                raise _edited(_("« {field} » manque").format(field=field))
            raise _edited(_("« {field} » devrait être {kind}").format(field=field, kind=_(kind.what)))
        values.append(value)
    return values


def check_header(data: Any) -> None:
    """Refuse what is not a result file, or one of a format this program cannot read."""
    if not isinstance(data, dict) or data.get("format") != RESULT_FORMAT:
        raise ResultError(_("ce n’est pas un fichier de résultat de Sésame"))
    version = data.get("version")
    if version != RESULT_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > RESULT_VERSION:
            raise ResultError(_("résultat au format {version}, plus récent que ce Sésame "
                                "(format {known}) : mettez Sésame à jour").format(
                                    version=version, known=RESULT_VERSION))
        raise ResultError(_("version de format inconnue ({version})").format(version=repr(version)))


_intern = sys.intern


_PUZZLE_KEYS = tuple(key for key, _kind in PUZZLE)
_get_puzzle = operator.itemgetter(*_PUZZLE_KEYS)
_NONE = type(None)
# The types of an ordinary puzzle's fields, in ``PUZZLE``'s order: one set lookup
# checks them all (200 000 puzzles in a 10 000-file summary).
_SHAPES = frozenset(
    (str, str, str, bool, fraction, int, int, int, int, time, answer, list, dict, list, str, str)
    for fraction in (float, int) for time in (_NONE, float, int) for answer in (_NONE, str))


def _plain_puzzle(raw: Any) -> tuple[Any, ...] | None:
    """The fields of an ordinary puzzle, checked in one pass (types by their shape, then
    ranges), or None when anything looks off; then ``_fields`` checks again, field by
    field, and says which."""
    if type(raw) is not dict:
        return None
    try:
        values = _get_puzzle(raw)
    except KeyError:
        return None
    if tuple(map(type, values)) not in _SHAPES:
        return None
    (pid, _label, status, _correct, fraction, points, max_points, wrong, hints, time_s, _answer,
     wrong_answers, answer_texts, skills, _theme, _team) = values
    # Comparisons refuse NaN and infinities too (every comparison with NaN is false).
    ok = (status in STATUSES and 0 <= fraction <= 1 and 0 <= points <= MAX_COUNT
          and 0 <= max_points <= MAX_COUNT and 0 <= wrong <= MAX_COUNT and 0 <= hints <= MAX_COUNT
          and (time_s is None or 0 <= time_s <= MAX_SECONDS) and pid.strip() != ""
          and (not wrong_answers or all(type(a) is str for a in wrong_answers))
          and (not answer_texts or all(type(v) is str for v in answer_texts.values()))
          and (not skills or all(type(k) is str for k in skills)))
    return values if ok else None


def _puzzle(raw: Any, index: int, table: Table) -> tuple[str, int, int, int, float | None]:
    """Check one puzzle and add it to ``table``; its id, points, maximum, hints and time
    (for the checks of the whole result)."""
    values = _plain_puzzle(raw)
    where = ""
    if values is None:
        where = f"puzzles[{index}]"
        values = tuple(_fields(raw, PUZZLE, where))
    (pid, label, status, correct, fraction, points, max_points, wrong, hints, time_s, answer,
     wrong_answers, answer_texts, skills, theme, team) = values
    if points > max_points or correct != (status == "solved") or (status == "open" and points) or (
            wrong_answers and (len(set(wrong_answers)) != len(wrong_answers) or len(wrong_answers) > wrong)):
        _refuse_puzzle(values, where or f"puzzles[{index}]")
    ptype, scored, timed_out = raw.get("type", ""), raw.get("scored"), raw.get("timed_out", False)
    if type(ptype) is not str or not (scored is None or type(scored) is bool) or type(timed_out) is not bool:
        ptype, scored, timed_out = _later(raw, PUZZLE_LATER, where or f"puzzles[{index}]")
    if scored is None:  # an older file: a question worth no points is taken for a poll
        scored = max_points > 0
    # What every pupil's row of this question shares is kept once (``table.Item``).
    item = table.item(Item(pid, label, max_points, tuple(skills), theme, ptype, scored))
    table.add(item, STATUS_CODE[status], fraction, points, wrong, hints, NAN if time_s is None else time_s,
              -1 if answer is None else table.string(answer),
              table.sequence(tuple(wrong_answers)) if wrong_answers else 0,
              table.sequence(tuple(answer_texts.items())) if answer_texts else 0, table.string(team), timed_out)
    return pid, points, max_points, hints, time_s


Checked = tuple[bool, list[int], float]  # a question twice; points, maximum, hints; the longest time


def _puzzles_one_by_one(raw_puzzles: list[Any], table: Table) -> Checked:
    totals = [0, 0, 0]
    ids: set[str] = set()
    longest = 0.0
    for index, raw in enumerate(raw_puzzles):
        pid, points, top, hints, time_s = _puzzle(raw, index, table)
        ids.add(pid)
        totals[0] += points
        totals[1] += top
        totals[2] += hints
        if time_s is not None and time_s > longest:
            longest = time_s
    return len(ids) != len(raw_puzzles), totals, longest


_GETTERS = tuple(operator.itemgetter(key) for key in _PUZZLE_KEYS)
_LATER_GETTERS = (operator.methodcaller("get", "type", ""), operator.methodcaller("get", "scored"),
                  operator.methodcaller("get", "timed_out", False))
_STR, _BOOL, _INT = frozenset({str}), frozenset({bool}), frozenset({int})
_NUM, _MAYBE_NUM = frozenset({int, float}), frozenset({int, float, _NONE})
_MAYBE_STR, _MAYBE_BOOL = frozenset({str, _NONE}), frozenset({bool, _NONE})
_LIST, _DICT = frozenset({list}), frozenset({dict})
# The types each field may have, in ``PUZZLE``'s order.
_COLUMN_TYPES = (_STR, _STR, _STR, _BOOL, _NUM, _INT, _INT, _INT, _INT, _MAYBE_NUM, _MAYBE_STR, _LIST, _DICT,
                 _LIST, _STR, _STR)
_STATUS_SET = frozenset(STATUSES)
_not_none = functools.partial(operator.is_not, None)


def _in_range(values: list[Any], high: float) -> bool:
    """Numbers between 0 and ``high``, none NaN (a sum with a NaN is NaN)."""
    return not values or (min(values) >= 0 and max(values) <= high and math.isfinite(sum(values)))


def _plain_puzzles(raw_puzzles: list[Any], table: Table) -> Checked | None:
    """Check a whole result's puzzles a field at a time (a column of twenty values per
    test, in C loops: 200 000 puzzles in a 10 000-file summary) and add them to
    ``table``; None, adding nothing, when anything is off (the puzzle-by-puzzle checks
    then say what)."""
    if not raw_puzzles:
        return False, [0, 0, 0], 0.0
    if set(map(type, raw_puzzles)) != _DICT:
        return None
    try:
        columns = [list(map(get, raw_puzzles)) for get in _GETTERS]
    except KeyError:
        return None
    for column, allowed in zip(columns, _COLUMN_TYPES):
        if not set(map(type, column)) <= allowed:
            return None
    types, scored, timed_out = (list(map(get, raw_puzzles)) for get in _LATER_GETTERS)
    if not (set(map(type, types)) <= _STR and set(map(type, scored)) <= _MAYBE_BOOL
            and set(map(type, timed_out)) <= _BOOL):
        return None
    inside = chain(chain.from_iterable(columns[11]), chain.from_iterable(columns[13]),
                   chain.from_iterable(map(dict.values, columns[12])))
    if not set(map(type, inside)) <= _STR:  # the texts inside the lists and tables
        return None
    return add_columns(columns, types, scored, timed_out, table)


def add_columns(columns: list[list[Any]], types: list[str], scored: list[bool | None], timed_out: list[bool],
                table: Table) -> Checked | None:
    """Check a result's puzzles given as columns of values of the right types (``PUZZLE``'s
    fields in its order, then the later ones), and add them to ``table``; None, adding
    nothing, when a value is out of range or the fields disagree."""
    for k in (11, 13):  # wrong answers, skills
        columns[k] = list(map(tuple, columns[k]))
    columns[12] = [tuple(t.items()) if t else () for t in columns[12]]  # answer texts
    if not rows_agree(columns):
        return None
    add_rows(columns, types, scored, timed_out, table)
    (ids, _labels, _statuses, _corrects, _fractions, points, maxes, _wrongs, hints, times, *_rest) = columns
    return figures(ids, points, maxes, hints, times)


def rows_agree(columns: list[list[Any]], ranges_checked: bool = False) -> bool:
    """Whether puzzle rows given as columns (of one result or of several) are each within
    range and agree with themselves (``_refuse_puzzle``); the wrong answers as tuples.
    ``ranges_checked``: the numbers are known to be within ``PUZZLE``'s ranges already."""
    (ids, _labels, statuses, corrects, fractions, points, maxes, wrongs, hints, times, _answers,
     wrong_lists, *_rest) = columns
    if not (set(statuses) <= _STATUS_SET and all(map(str.strip, ids))):
        return False
    if not ranges_checked and not (
            _in_range(fractions, 1) and _in_range(points, MAX_COUNT) and _in_range(maxes, MAX_COUNT)
            and _in_range(wrongs, MAX_COUNT) and _in_range(hints, MAX_COUNT)
            and _in_range(list(filter(_not_none, times)), MAX_SECONDS)):
        return False
    if not all(map(operator.le, points, maxes)) or list(map("solved".__eq__, statuses)) != corrects:
        return False
    if "open" in statuses and any(p for p, s in zip(points, statuses) if s == "open"):
        return False
    # Each distinct list of wrong answers checked once for repeats (tuples: the same few).
    return not any(wrong_lists) or not (
        any(len(set(listed)) != len(listed) for listed in set(wrong_lists))
        or any(map(operator.gt, map(len, wrong_lists), wrongs)))


def figures(ids: list[str], points: list[int], maxes: list[int], hints: list[int],
            times: list[float | None]) -> Checked:
    """What the checks of a whole result need from its puzzles: a question twice; the
    points, maximum and hints added up; the longest time."""
    timed = cast(list[float], list(filter(_not_none, times)))
    return len(set(ids)) != len(ids), [sum(points), sum(maxes), sum(hints)], max(timed, default=0.0)


def add_rows(columns: list[list[Any]], types: list[str], scored: list[bool | None], timed_out: list[bool],
             table: Table) -> None:
    """Add puzzle rows given as columns (checked by ``rows_agree``) to ``table``, coding
    what repeats from pupil to pupil (``table.Table``). Wrong answers and skills are
    tuples, answer texts tuples of their pairs."""
    (ids, labels, statuses, _corrects, fractions, points, maxes, wrongs, hints, times, answers,
     wrong_lists, answer_texts, skills, themes, teams) = columns
    if None in scored:  # an older file: a question worth no points is taken for a poll
        scored = [top > 0 if s is None else s for s, top in zip(scored, maxes)]
    keys = list(zip(ids, labels, maxes, skills, themes, types, scored))
    items = list(map(table.item_index.get, keys))
    if None in items:
        items = [table.item(Item(*key)) if code is None else code for code, key in zip(items, keys)]
    answer_codes = list(map(table.string_index.get, answers))
    if None in answer_codes:
        answer_codes = [-1 if a is None else table.string(a) for a in answers]
    team_codes = list(map(table.string_index.get, teams))
    if None in team_codes:
        team_codes = list(map(table.string, teams))
    table.extend(items, list(map(STATUS_CODE.__getitem__, statuses)), fractions, points, wrongs, hints,
                 [NAN if t is None else t for t in times] if None in times else times, answer_codes,
                 _sequences(table, wrong_lists), _sequences(table, answer_texts), team_codes, timed_out)


def _sequences(table: Table, values: list[tuple[Any, ...]]) -> list[int]:
    """The codes of ``values`` in ``table`` (most are there already: one lookup each)."""
    codes = list(map(table.tuple_index.get, values))
    return list(map(table.sequence, values)) if None in codes else cast(list[int], codes)


def _refuse_puzzle(values: tuple[Any, ...], where: str) -> None:
    (_pid, _label, status, correct, _fraction, points, max_points, wrong, _hints, _time_s, _answer,
     wrong_answers, *_rest) = values
    if points > max_points:
        raise _edited(_("{field} : {points} points pour une question qui en vaut {max}").format(
            field=where, points=points, max=max_points))
    if correct != (status == "solved"):
        raise _edited(_("{field} : « correct » ne s’accorde pas avec « status »").format(field=where))
    if status == "open" and points:
        raise _edited(_("{field} : des points pour une question sans réponse").format(field=where))
    raise _edited(_("{field} : les réponses fausses ne s’accordent pas avec leur nombre").format(
        field=where))


_SHARED: dict[tuple[Any, ...], tuple[Any, ...]] = {}
MAX_SHARED = 200_000


def _labels(table: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """A game's table of labels as one shared tuple of interned pairs."""
    if not table:
        return ()
    found = _SHARED.get(pairs := tuple(table.items()))
    return found if found is not None else _shared(tuple((_intern(k), _intern(v)) for k, v in pairs))


def _shared(value: tuple[Any, ...]) -> tuple[Any, ...]:
    """One copy of each tuple of labels, as ``sys.intern`` for strings: ten thousand
    results of one game repeat the same few."""
    if not value:
        return ()
    found = _SHARED.get(value)
    if found is None:
        if len(_SHARED) >= MAX_SHARED:
            _SHARED.clear()
        found = _SHARED[value] = value
    return found


def parse_result(data: Any, path: str = "", table: Table | None = None) -> Result:
    """The ``Result`` in ``data`` (a result file's JSON), or ResultError saying why not.
    Its puzzles are added to ``table`` (a new one when None); a refused result leaves
    the table as it was."""
    check_header(data)
    top = _fields(data, TOP, "")
    game = _fields(top[0], GAME, "game")
    who = _fields(top[1], WHO, "who")
    later = _later(data, TOP_LATER, "")
    (themes,) = _later(top[0], GAME_LATER, "game")
    raw_puzzles = top[-1]

    def add_puzzles(into: Table) -> Checked:
        checked = _plain_puzzles(raw_puzzles, into)
        # When something is off: puzzle by puzzle, to say which and why.
        return _puzzles_one_by_one(raw_puzzles, into) if checked is None else checked

    return assemble(top[2:10], game, who, later, themes, add_puzzles, path, table)


def assemble(head: Sequence[Any], game: Sequence[Any], who: Sequence[Any], later: Sequence[Any],
             themes: dict[str, str], add_puzzles: Callable[[Table], Checked], path: str,
             table: Table | None) -> Result:
    """A ``Result`` from fields already checked one by one (``make_result``), its puzzles
    added by ``add_puzzles``. A refused result leaves the table as it was."""
    table = Table() if table is None else table
    start = len(table)
    try:
        checked = add_puzzles(table)
        stop = len(table)
        answered = stop - start - table.columns["status"][start:stop].count(OPEN)
        return make_result(head, game, who, later, themes, path, table, start, stop, answered, checked)
    except BaseException:
        table.truncate(start)
        raise


def make_result(head: Sequence[Any], game: Sequence[Any], who: Sequence[Any], later: Sequence[Any],
                themes: dict[str, str], path: str, table: Table, start: int, stop: int, answered: int,
                checked: Checked) -> Result:
    """A ``Result`` from fields already checked one by one (``head``: ``TOP``'s fields from
    ``started_at`` to ``hints``; ``game``, ``who``, ``later``: ``GAME``, ``WHO`` and
    ``TOP_LATER``'s), whose puzzles are the rows ``start`` to ``stop`` of ``table`` (or
    will be), after the checks of the whole result (``figures``: ``checked``)."""
    started_at, duration, ended, ending, success, score, max_score, hints = head
    game_id, version, content_hash, title, skills = game
    pseudonym, group, team, members = who
    machine, end, time_up = later
    result = Result(
        game_id=_intern(game_id), game_version=_intern(version), content_hash=_intern(content_hash),
        game_title=_intern(title), skill_labels=_labels(skills), pseudonym=pseudonym, group=_intern(group),
        team=team, members=tuple(members), started_at=started_at, duration_s=float(duration), ended=ended,
        ending=ending, success=success, score=score, max_score=max_score, hints=hints, table=table,
        start=start, stop=stop, answered=answered, path=path, machine=_intern(machine), end=end,
        time_up=time_up, theme_labels=_labels(themes))
    _check_totals(result, *checked)
    return result


def _check_totals(result: Result, twice: bool, totals: list[int], longest: float) -> None:
    """The figures of a result hold together; a hand-edited score rarely does."""
    points, top, hints = totals
    if result.score > result.max_score:
        raise _edited(_("le score ({score}) dépasse le score maximal ({max})").format(
            score=result.score, max=result.max_score))
    if twice:
        raise _edited(_("une question y figure deux fois"))
    if points != result.score:
        raise _edited(_("le score ({score}) n’est pas la somme des points des questions").format(
            score=result.score))
    if top != result.max_score:
        raise _edited(_("le score maximal ({max}) n’est pas la somme des barèmes des questions").format(
            max=result.max_score))
    if hints != result.hints:
        raise _edited(_("le nombre d’indices ({hints}) n’est pas celui des questions").format(
            hints=result.hints))
    if longest > result.duration_s + _SLACK_S:
        raise _edited(_("une question a duré plus longtemps que la partie"))
    if not result.ended and (result.ending is not None or result.success is not None):
        raise _edited(_("une fin est indiquée pour une partie qui n’est pas finie"))
    if result.end is not None and (result.end == "unfinished") == result.ended:
        raise _edited(_("« end » ne s’accorde pas avec « ended »"))
