"""A change to a game is a value: the same objects drive undo, autosave and the tests.

Pointers are tuples of keys and indexes into the game's merged data (``("puzzles", 2,
"prompt")``), written as JSON pointers (``/puzzles/2/prompt``) in the page. Applying a
change returns the change that undoes it.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

Pointer = tuple[Any, ...]


@dataclass(frozen=True)
class SetField:
    """Set the value at ``pointer`` (None removes the field); missing parents are made."""

    pointer: Pointer
    value: Any


@dataclass(frozen=True)
class AddItem:
    """Insert ``value`` into the list at ``pointer``, at ``index`` (None: at the end)."""

    pointer: Pointer
    value: Any
    index: int | None = None


@dataclass(frozen=True)
class RemoveItem:
    pointer: Pointer
    index: int


@dataclass(frozen=True)
class MoveItem:
    pointer: Pointer
    source: int
    target: int


Change = SetField | AddItem | RemoveItem | MoveItem


class ChangeError(ValueError):
    """A change that does not fit the data (a list that is not one, an index past the end)."""


def to_pointer(text: str) -> Pointer:
    """``/puzzles/2/prompt`` → ``("puzzles", 2, "prompt")`` (RFC 6901 escapes)."""
    if text in ("", "/"):
        return ()
    if not text.startswith("/"):
        raise ChangeError(text)
    parts: list[Any] = []
    for raw in text[1:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return tuple(parts)


def to_text(pointer: Pointer) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in pointer)


def get(data: Any, pointer: Pointer, default: Any = None) -> Any:
    node = data
    for part in pointer:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return default
    return node


def _parent(data: Any, pointer: Pointer, make: bool) -> Any:
    node = data
    for i, part in enumerate(pointer[:-1]):
        if isinstance(node, dict):
            if part not in node or node[part] is None:
                if not make:
                    raise ChangeError(to_text(pointer))
                node[part] = [] if isinstance(pointer[i + 1], int) else {}
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            raise ChangeError(to_text(pointer))
    return node


def _first_missing(data: Any, pointer: Pointer) -> Pointer | None:
    """The shortest parent of ``pointer`` that does not exist yet (None: all exist)."""
    node = data
    for i, part in enumerate(pointer[:-1]):
        if isinstance(node, dict) and node.get(part) is not None:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return pointer[:i + 1] if isinstance(node, dict) else None
    return None


def _list_at(data: Any, pointer: Pointer, make: bool = False) -> list[Any]:
    found = get(data, pointer)
    if found is None and make and pointer:
        parent = _parent(data, pointer, True)
        if isinstance(parent, dict):
            parent[pointer[-1]] = found = []
    if not isinstance(found, list):
        raise ChangeError(to_text(pointer))
    return found


def apply(data: Any, change: Change) -> Change:
    """Apply ``change`` to ``data`` in place; return the change that undoes it."""
    if isinstance(change, SetField):
        if not change.pointer:
            raise ChangeError("/")
        made = _first_missing(data, change.pointer)
        parent = _parent(data, change.pointer, change.value is not None)
        if made is not None and change.value is not None:  # undoing removes what was made
            parent[change.pointer[-1]] = copy.deepcopy(change.value)
            return SetField(made, None)
        key = change.pointer[-1]
        if isinstance(parent, dict):
            before = copy.deepcopy(parent.get(key))
            if change.value is None:
                parent.pop(key, None)
            else:
                parent[key] = copy.deepcopy(change.value)
            return SetField(change.pointer, before)
        if isinstance(parent, list) and isinstance(key, int) and 0 <= key < len(parent):
            before = parent[key]
            if change.value is None:
                raise ChangeError(to_text(change.pointer))
            parent[key] = copy.deepcopy(change.value)
            return SetField(change.pointer, before)
        raise ChangeError(to_text(change.pointer))
    if isinstance(change, AddItem):
        items = _list_at(data, change.pointer, make=True)
        index = len(items) if change.index is None else change.index
        if not 0 <= index <= len(items):
            raise ChangeError(to_text(change.pointer))
        items.insert(index, copy.deepcopy(change.value))
        return RemoveItem(change.pointer, index)
    if isinstance(change, RemoveItem):
        items = _list_at(data, change.pointer)
        if not 0 <= change.index < len(items):
            raise ChangeError(to_text(change.pointer))
        return AddItem(change.pointer, items.pop(change.index), change.index)
    if isinstance(change, MoveItem):
        items = _list_at(data, change.pointer)
        if not (0 <= change.source < len(items) and 0 <= change.target < len(items)):
            raise ChangeError(to_text(change.pointer))
        items.insert(change.target, items.pop(change.source))
        return MoveItem(change.pointer, change.target, change.source)
    raise ChangeError(repr(change))


def from_json(payload: dict[str, Any]) -> Change:
    """The change a page sent (``{"op": "set", "pointer": "/title", "value": …}``)."""
    op = payload.get("op")
    pointer = to_pointer(str(payload.get("pointer", "")))
    try:
        if op == "set":
            return SetField(pointer, payload.get("value"))
        if op == "add":
            index = payload.get("index")
            return AddItem(pointer, payload.get("value"), None if index is None else int(index))
        if op == "remove":
            return RemoveItem(pointer, int(payload["index"]))
        if op == "move":
            return MoveItem(pointer, int(payload["source"]), int(payload["target"]))
    except (KeyError, TypeError, ValueError):
        pass
    raise ChangeError(str(op))
