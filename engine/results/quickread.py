"""The quick way through an ordinary result file.

A class summary of ten thousand files spent most of its time in ``json.loads`` and in
our checks of each field's type. msgspec decodes a file straight into the typed records
below and checks types and ranges as it goes, in C; what types cannot say (a date, a
name without control characters, how the figures agree) is then checked by the same
tests as ``validate`` uses. A file this path does not take, for any reason, is read
again the careful way (``validate.parse_result``), which says in French what is wrong:
this module never decides that a file is bad, and it takes nothing the careful way
would refuse (tests/test_quickread.py compares both on every hostile file we know).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from typing import Annotated, Any, cast

import msgspec
from msgspec.structs import astuple

from .model import RESULT_FORMAT, RESULT_VERSION, Result
from .table import Table
from .validate import (
    DATE,
    END,
    ID,
    MACHINE,
    MAX_COUNT,
    MAX_PUZZLES,
    MAX_SECONDS,
    MAX_TOTAL,
    NAME,
    NAMES,
    PSEUDONYM,
    PUZZLE,
    PUZZLE_LATER,
    ResultError,
    add_rows,
    figures,
    make_result,
    rows_agree,
)

Count = Annotated[int, msgspec.Meta(ge=0, le=MAX_COUNT)]
Total = Annotated[int, msgspec.Meta(ge=0, le=MAX_TOTAL)]
Seconds = Annotated[float, msgspec.Meta(ge=0, le=MAX_SECONDS)]
Fraction = Annotated[float, msgspec.Meta(ge=0, le=1)]


class _Puzzle(msgspec.Struct):
    """``validate.PUZZLE``'s fields in its order, then ``PUZZLE_LATER``'s."""

    id: str
    label: str
    status: str
    correct: bool
    fraction: Fraction
    points: Count
    max_points: Count
    wrong: Count
    hints: Count
    time_s: Seconds | None
    answer: str | None
    # Kept as written (checked JSON) and decoded once per distinct text (``_nested``):
    # ten thousand pupils' files repeat the same few.
    wrong_answers: msgspec.Raw
    answer_texts: msgspec.Raw
    skills: msgspec.Raw
    theme: str
    team: str
    type: str = ""
    scored: bool | None = None
    timed_out: bool = False


class _Game(msgspec.Struct):
    id: str
    version: str
    content_hash: str
    title: str
    skills: dict[str, str]
    themes: dict[str, str] = {}


class _Who(msgspec.Struct):
    pseudonym: str
    group: str
    team: str
    members: list[str]


class _File(msgspec.Struct):
    format: str
    version: int
    game: _Game
    who: _Who
    started_at: str
    duration_s: Seconds
    ended: bool
    ending: str | None
    success: bool | None
    score: Total
    max_score: Total
    hints: Total
    puzzles: Annotated[list[_Puzzle], msgspec.Meta(max_length=MAX_PUZZLES)]
    machine: str = ""
    end: str | None = None
    time_up: bool = False


_decode = msgspec.json.Decoder(_File).decode
_TEXTS = msgspec.json.Decoder(list[str]).decode
_LABELS = msgspec.json.Decoder(dict[str, str]).decode
# Each nested value's text, decoded: a list of texts, or a table of texts as its pairs.
_KNOWN: tuple[dict[bytes, tuple[Any, ...]], dict[bytes, tuple[Any, ...]]] = ({}, {})
MAX_KNOWN = 100_000
_FIELDS = tuple(name for name, _kind in PUZZLE) + tuple(name for name, _kind, _default in PUZZLE_LATER)
assert _Puzzle.__struct_fields__ == _FIELDS  # astuple gives them in this order
_PLAIN = len(PUZZLE)
_NESTED = tuple(_FIELDS.index(name) for name in ("wrong_answers", "answer_texts", "skills"))
_ANSWER_TEXTS = _FIELDS.index("answer_texts")


def _decoded(raw: bytes) -> _File | None:
    """The file's records when msgspec takes them and the fields types cannot check hold."""
    try:
        data = _decode(raw)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    game, who = data.game, data.who
    if not (data.format == RESULT_FORMAT and data.version == RESULT_VERSION and ID.test(game.id)
            and DATE.test(data.started_at) and PSEUDONYM.test(who.pseudonym) and NAME.test(who.group)
            and NAME.test(who.team) and NAMES.test(who.members) and MACHINE.test(data.machine)
            and END.test(data.end)):
        return None
    return data


def _nested(raws: list[msgspec.Raw], labels: bool) -> list[tuple[Any, ...]] | None:
    """The values of a column of nested JSON texts as tuples (a table of texts as its
    pairs), the same tuple for the same text; None when one is not of its type."""
    keys = list(map(bytes, raws))
    known = _KNOWN[labels]
    values = list(map(known.get, keys))
    if None in values:
        if len(known) > MAX_KNOWN:
            known.clear()
        for k, key in enumerate(keys):
            if values[k] is None:
                try:
                    value = tuple(_LABELS(key).items()) if labels else tuple(_TEXTS(key))
                except (msgspec.DecodeError, msgspec.ValidationError):
                    return None
                values[k] = known[key] = value
    return cast(list[tuple[Any, ...]], values)


def quick_results(files: Sequence[tuple[bytes, str]], table: Table) -> list[Result | None]:
    """The ``Result`` in each file's bytes (with its path), or None for a file this path
    does not take; the puzzles of those taken are added to ``table``, in order. Several
    files at once: the checks of their puzzles run over all their rows together."""
    results: list[Result | None] = [None] * len(files)
    taken = [(index, data) for index, data in enumerate(_decoded(raw) for raw, _path in files)
             if data is not None]
    rows = list(chain.from_iterable(data.puzzles for _index, data in taken))
    # The records' fields as columns (a transposition in C).
    columns = list(map(list, zip(*map(astuple, rows)))) if rows else [[] for _ in _FIELDS]
    nested = [_nested(columns[k], k == _ANSWER_TEXTS) for k in _NESTED]
    if None not in nested:
        for k, values in zip(_NESTED, nested):
            columns[k] = cast(list[Any], values)
    # The numbers' ranges were checked by msgspec as it decoded them.
    if None in nested or not rows_agree(columns[:_PLAIN], ranges_checked=True):
        # A row is off somewhere: file by file, so that only its file is declined.
        return [quick_results([file], table)[0] for file in files] if len(files) > 1 else results
    ids, statuses, points, maxes, hints, times = (columns[k] for k in (0, 2, 5, 6, 8, 9))
    start = position = len(table)
    kept: list[tuple[int, int]] = []  # the rows of the files taken
    first = 0
    for index, data in taken:
        last = first + len(data.puzzles)
        game, who = data.game, data.who
        try:
            results[index] = make_result(
                (data.started_at, data.duration_s, data.ended, data.ending, data.success, data.score,
                 data.max_score, data.hints), (game.id, game.version, game.content_hash, game.title, game.skills),
                (who.pseudonym, who.group, who.team, who.members), (data.machine, data.end, data.time_up),
                game.themes, files[index][1], table, position, position + last - first,
                last - first - statuses[first:last].count("open"),
                figures(ids[first:last], points[first:last], maxes[first:last], hints[first:last],
                        times[first:last]))
        except ResultError:  # the figures do not hold together: the careful way will say why
            pass
        else:
            kept.append((first, last))
            position += last - first
        first = last
    if position - start < len(rows):
        columns = [list(chain.from_iterable(column[a:b] for a, b in kept)) for column in columns]
    types, scored, timed_out = columns[_PLAIN:]
    add_rows(columns[:_PLAIN], types, scored, timed_out, table)
    return results


def quick_result(raw: bytes, path: str, table: Table) -> Result | None:
    """The ``Result`` in a result file's bytes, its puzzles added to ``table``; None (the
    table as it was) when the file is not an ordinary, well-formed one."""
    return quick_results([(raw, path)], table)[0]
