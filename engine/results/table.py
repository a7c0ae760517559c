"""The puzzles of many results as one table of compact columns.

Ten thousand result files hold two hundred thousand puzzle rows. As objects they took
about fifty megabytes; here a row is a few numbers (about 60 bytes): what does not
vary between pupils (a question's id, label, points, skills, theme, type) is one
``Item`` shared by every row of that question, and each answer, list of wrong answers
and table of answer texts is stored once and referred to by number. A ``Result``
points at its rows (``start``, ``stop``); ``Result.puzzles`` gives them back as
``PuzzleResult`` objects for whoever wants one attempt's questions, and the class
summary reads the columns directly with NumPy.
"""

from __future__ import annotations

from array import array
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import numpy as np

from ..core.state import STATUSES
from .model import PuzzleResult

# A status is kept as its index in ``STATUSES``.
OPEN, SOLVED = STATUSES.index("open"), STATUSES.index("solved")
STATUS_CODE = {s: k for k, s in enumerate(STATUSES)}


class Item(NamedTuple):
    """What every row of one question shares (for one version of the game)."""

    id: str
    label: str
    max_points: int
    skills: tuple[str, ...]
    theme: str
    type: str
    scored: bool


# Columns: name, array typecode. ``time`` is NaN for no time; ``answer`` is -1 for none.
# Points, wrong answers and hints are at most a million (``validate.MAX_COUNT``).
_COLUMNS = (("item", "i"), ("status", "b"), ("fraction", "d"), ("points", "i"), ("wrong", "i"),
            ("hints", "i"), ("time", "d"), ("answer", "i"), ("wrongs", "i"), ("texts", "i"),
            ("team", "i"), ("timed_out", "b"))
COLUMN_NAMES = tuple(name for name, _code in _COLUMNS)
NAN = float("nan")


class Table:
    """Rows appended one attempt at a time (``add``); ``truncate`` takes back the rows of
    an attempt refused after some of its rows were added."""

    def __init__(self) -> None:
        self.columns: dict[str, array[Any]] = {name: array(code) for name, code in _COLUMNS}
        self.items: list[Item] = []
        self.item_index: dict[tuple[Any, ...], int] = {}  # by Item, or the plain tuple of its fields
        self.strings: list[str] = []  # answers and team names
        self.string_index: dict[str | None, int] = {None: -1}  # -1: no answer
        self.tuples: list[tuple[Any, ...]] = [()]  # wrong answers, answer texts; 0 is ()
        self.tuple_index: dict[tuple[Any, ...], int] = {(): 0}
        # The appends of each column, bound once: a row is a dozen of them.
        self._append = tuple(self.columns[name].append for name in COLUMN_NAMES)

    def __len__(self) -> int:
        return len(self.columns["item"])

    def item(self, item: Item) -> int:
        code = self.item_index.get(item)
        if code is None:
            code = self.item_index[item] = len(self.items)
            self.items.append(item)
        return code

    def string(self, text: str | None) -> int:
        code = self.string_index.get(text)
        if code is None:
            assert text is not None  # None is in the index from the start
            code = self.string_index[text] = len(self.strings)
            self.strings.append(text)
        return code

    def sequence(self, value: tuple[Any, ...]) -> int:
        code = self.tuple_index.get(value)
        if code is None:
            code = self.tuple_index[value] = len(self.tuples)
            self.tuples.append(value)
        return code

    def add(self, item: int, status: int, fraction: float, points: int, wrong: int, hints: int,
            time: float, answer: int, wrongs: int, texts: int, team: int, timed_out: bool) -> None:
        (a_item, a_status, a_fraction, a_points, a_wrong, a_hints, a_time, a_answer, a_wrongs, a_texts,
         a_team, a_timed_out) = self._append
        a_item(item)
        a_status(status)
        a_fraction(fraction)
        a_points(points)
        a_wrong(wrong)
        a_hints(hints)
        a_time(time)
        a_answer(answer)
        a_wrongs(wrongs)
        a_texts(texts)
        a_team(team)
        a_timed_out(timed_out)

    def extend(self, *columns: list[Any]) -> None:
        """Add rows given as columns (in ``COLUMN_NAMES``' order), converted by NumPy
        (an array's own ``extend`` converts value by value: a third slower)."""
        import numpy as np

        for (name, code), values in zip(_COLUMNS, columns):
            self.columns[name].frombytes(np.array(values, dtype=code).tobytes())

    def truncate(self, length: int) -> None:
        for column in self.columns.values():
            del column[length:]

    def take(self, other: Table, start: int, stop: int) -> tuple[int, int]:
        """Add the rows ``start`` to ``stop`` of another table; where they now are."""
        first = len(self)
        c = other.columns
        for row in range(start, stop):
            answer = c["answer"][row]
            self.add(self.item(other.items[c["item"][row]]), c["status"][row], c["fraction"][row],
                     c["points"][row], c["wrong"][row], c["hints"][row], c["time"][row],
                     -1 if answer < 0 else self.string(other.strings[answer]),
                     self.sequence(other.tuples[c["wrongs"][row]]), self.sequence(other.tuples[c["texts"][row]]),
                     self.string(other.strings[c["team"][row]]), c["timed_out"][row])
        return first, len(self)

    def column(self, name: str) -> np.ndarray:
        """A column as a NumPy array (a view while nothing is appended: copy to keep)."""
        import numpy as np  # here: the player reads the results database at start, without NumPy

        return np.frombuffer(self.columns[name], dtype=self.columns[name].typecode)

    def puzzle(self, row: int) -> PuzzleResult:
        """One row as the ``PuzzleResult`` it was read from."""
        c = self.columns
        item = self.items[c["item"][row]]
        status = STATUSES[c["status"][row]]
        time = c["time"][row]
        answer = c["answer"][row]
        return PuzzleResult(
            item.id, item.label, status, status == "solved", c["fraction"][row], c["points"][row],
            item.max_points, c["wrong"][row], c["hints"][row], None if time != time else time,
            None if answer < 0 else self.strings[answer], self.tuples[c["wrongs"][row]],
            self.tuples[c["texts"][row]], item.skills, item.theme, self.strings[c["team"][row]],
            item.type, item.scored, bool(c["timed_out"][row]))
