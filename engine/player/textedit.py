"""Editing a one-line text field: caret, selection, words, clipboard.

Pure (no pygame): the field keeps its text, a caret and an anchor (the other end of
the selection, equal to the caret when nothing is selected); the widget maps its keys
to the names used here and gives the clipboard as two functions, so that every rule
is tested without a screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

MOVES = ("left", "right", "home", "end")


@dataclass(frozen=True)
class Edit:
    """A field's text with its caret and the selection's other end (``anchor``)."""

    text: str = ""
    caret: int = 0
    anchor: int = 0

    @classmethod
    def at_end(cls, text: str) -> Edit:
        return cls(text, len(text), len(text))

    def clamped(self) -> Edit:
        """The same, with caret and anchor inside the text (the text may have been set
        from outside: a scene clearing the field)."""
        size = len(self.text)
        caret, anchor = min(max(0, self.caret), size), min(max(0, self.anchor), size)
        return self if (caret, anchor) == (self.caret, self.anchor) else replace(self, caret=caret, anchor=anchor)

    @property
    def selection(self) -> tuple[int, int]:
        return min(self.caret, self.anchor), max(self.caret, self.anchor)

    @property
    def selected(self) -> str:
        start, end = self.selection
        return self.text[start:end]


def insert(edit: Edit, typed: str, max_length: int | None = None) -> Edit:
    """``typed`` in place of the selection, cut to what ``max_length`` leaves room for."""
    start, end = edit.selection
    room = len(typed) if max_length is None else max(0, max_length - (len(edit.text) - (end - start)))
    typed = typed[:room]
    text = edit.text[:start] + typed + edit.text[end:]
    return Edit(text, start + len(typed), start + len(typed))


def _word_left(text: str, index: int) -> int:
    while index > 0 and text[index - 1].isspace():
        index -= 1
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return index


def _word_right(text: str, index: int) -> int:
    while index < len(text) and text[index].isspace():
        index += 1
    while index < len(text) and not text[index].isspace():
        index += 1
    return index


def move(edit: Edit, where: str, select: bool = False, word: bool = False) -> Edit:
    """The caret moved ``where`` (one of ``MOVES``), by a word with ``word``; with
    ``select`` the selection grows or shrinks, else it is dropped (and an arrow first
    goes to that side of the selection, as in every text field)."""
    start, end = edit.selection
    if where == "home":
        caret = 0
    elif where == "end":
        caret = len(edit.text)
    elif where == "left":
        if start != end and not select:
            return Edit(edit.text, start, start)
        caret = _word_left(edit.text, edit.caret) if word else max(0, edit.caret - 1)
    elif where == "right":
        if start != end and not select:
            return Edit(edit.text, end, end)
        caret = _word_right(edit.text, edit.caret) if word else min(len(edit.text), edit.caret + 1)
    else:
        raise ValueError(where)
    return Edit(edit.text, caret, edit.anchor if select else caret)


def delete(edit: Edit, forward: bool = False, word: bool = False) -> Edit:
    """Backspace (or Delete with ``forward``): the selection, else the letter (or the
    word with ``word``) before (after) the caret."""
    start, end = edit.selection
    if start == end:
        if forward:
            end = _word_right(edit.text, start) if word else min(len(edit.text), start + 1)
        else:
            start = _word_left(edit.text, end) if word else max(0, end - 1)
    return Edit(edit.text[:start] + edit.text[end:], start, start)


def select_all(edit: Edit) -> Edit:
    return Edit(edit.text, len(edit.text), 0)


def key(edit: Edit, name: str, shift: bool = False, ctrl: bool = False,
        copy: Callable[[str], None] | None = None, paste: Callable[[], str] | None = None,
        max_length: int | None = None) -> Edit | None:
    """The field after the key ``name`` (``left``, ``right``, ``home``, ``end``,
    ``backspace``, ``delete``, or a letter with ``ctrl``: ``a`` selects all, ``c``
    copies, ``x`` cuts, ``v`` pastes); None when the key is not an editing key (the
    scene then uses it: Tab, Enter, Escape). ``copy`` and ``paste`` reach the
    clipboard."""
    edit = edit.clamped()
    if name in MOVES:
        return move(edit, name, select=shift, word=ctrl)
    if name == "backspace":
        return delete(edit, word=ctrl)
    if name == "delete":
        return delete(edit, forward=True, word=ctrl)
    if not ctrl:
        return None
    if name == "a":
        return select_all(edit)
    if name in ("c", "x"):
        if edit.selected and copy is not None:
            copy(edit.selected)
        return delete(edit) if name == "x" and edit.selected else edit
    if name == "v":
        pasted = paste() if paste is not None else ""
        # One line: line breaks and tabs of a pasted text become spaces.
        pasted = " ".join(pasted.split()) if any(c in pasted for c in "\r\n\t") else pasted
        return insert(edit, pasted, max_length)
    return None
