"""Save a changed YAML file without losing what the author wrote by hand.

The editor changes data; the file on disk is text with comments, blank lines, flow or
block style and quoting the author chose. Rewriting the whole file from data would
lose all of that, so only the text of what changed is replaced, in place, found through
PyYAML's node marks (the same parser as the game reader, so no YAML 1.1 / 1.2
disagreement on ``no``, ``off`` or ``0451``):

- a changed scalar: its span gets the new value, quoted whenever plain text would not
  read back as the same string;
- a key added to a block mapping: one line after its last entry; a key removed: its
  lines;
- an item added, removed or moved in a block list: the list is rebuilt from the items'
  own text (comments and layout inside each item kept), new items written in flow style;
- anything else (a flow collection whose shape changed, a value of another type): the
  node's span gets the new value in flow style.

The result is read back with the game reader and compared with the data it should hold.
When the in-place edit does not read back equal, the file is written out whole (block
style, comments lost) and compared again; if even that differs, ``Refused`` is raised and
nothing is written: refuse rather than corrupt.
"""

from __future__ import annotations

import json
import math
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..content.yamlread import YamlError, read_text

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class Refused(Exception):
    """The new text would not read back as the data it should hold."""


class _Fallback(Exception):
    """This node cannot be edited in place: replace its parent's span instead."""


def render(text: str, old: Any, new: Any, name: str = "game.yaml") -> tuple[str, bool]:
    """The new text of a file whose data goes from ``old`` to ``new``.

    Returns (text, kept): ``kept`` is False when the file had to be rewritten whole."""
    if old == new and _same_types(old, new):
        return text, True
    try:
        edited = _edit(text, old, new)
    except (_Fallback, yaml.YAMLError, IndexError, KeyError):
        edited = None
    if edited is not None and _reads_back(edited, new, name):
        return edited, True
    whole = dump_whole(new)
    if _reads_back(whole, new, name):
        return whole, False
    raise Refused(name)


def dump_whole(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


def _reads_back(text: str, expected: Any, name: str) -> bool:
    try:
        data = read_text(text, name).data
    except YamlError:
        return False
    return data == expected and _same_types(data, expected)


def _same_types(a: Any, b: Any) -> bool:
    """Equality that tells True from 1 and 1 from 1.0 (``==`` does not)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same_types(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same_types(x, y) for x, y in zip(a, b))
    return a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b))


# --- in-place edits ---------------------------------------------------------------------

def _edit(text: str, old: Any, new: Any) -> str | None:
    if not text.strip():
        return None
    root = yaml.compose(text, Loader=_Loader)
    if root is None:
        return None
    edits: list[tuple[int, int, str]] = []
    _diff(text, root, old, new, edits)
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _diff(text: str, node: Node, old: Any, new: Any, edits: list[tuple[int, int, str]]) -> None:
    if _same_types(old, new):
        return
    try:
        if isinstance(old, dict) and isinstance(new, dict) and isinstance(node, MappingNode):
            _diff_mapping(text, node, old, new, edits)
            return
        if isinstance(old, list) and isinstance(new, list) and isinstance(node, SequenceNode):
            _diff_sequence(text, node, old, new, edits)
            return
    except _Fallback:
        pass
    _replace(text, node, new, edits)


def _key(node: Node) -> Any:
    if not isinstance(node, ScalarNode):
        raise _Fallback
    if node.style or node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return node.value
    return _CONSTRUCTOR.construct_object(node)


def _diff_mapping(text: str, node: MappingNode, old: dict, new: dict, edits: list) -> None:
    entries = {_key(k): (k, v) for k, v in node.value}
    if set(entries) != set(old):
        raise _Fallback
    if node.flow_style and old.keys() != new.keys():
        raise _Fallback
    for key in old.keys() & new.keys():
        _diff(text, entries[key][1], old[key], new[key], edits)
    removed = [k for k in old if k not in new]
    added = [k for k in new if k not in old]
    if not new:
        raise _Fallback
    for key in removed:
        key_node, value_node = entries[key]
        start = _line_start(text, key_node.start_mark.index)
        if text[start:key_node.start_mark.index].strip():
            raise _Fallback  # the first key of a list item (« - id: … »)
        edits.append((start, _line_end(text, value_node.end_mark.index), ""))
    if added:
        last_key, last_value = node.value[-1]
        column = node.value[0][0].start_mark.column
        at = _line_end(text, _content_end(last_value))
        prefix = "" if at == 0 or text[at - 1] == "\n" else "\n"
        lines = "".join(f"{' ' * column}{_flow(k)}: {_value_text(new[k], column)}\n" for k in added)
        edits.append((at, at, prefix + lines))


def _diff_sequence(text: str, node: SequenceNode, old: list, new: list, edits: list) -> None:
    if len(old) != len(node.value):
        raise _Fallback
    if len(old) == len(new) and not (node.flow_style is False and _is_permutation(old, new)):
        for item, a, b in zip(node.value, old, new):
            _diff(text, item, a, b, edits)
        return
    if node.flow_style or not old or not new:
        raise _Fallback
    # Each item's text runs from the start of its « - » line to the next item's line.
    starts = []
    for item in node.value:
        dash = text.rfind("-", 0, item.start_mark.index)
        begin = _line_start(text, dash)
        if dash < 0 or text[begin:dash].strip():
            raise _Fallback
        starts.append(begin)
    end = _line_end(text, node.value[-1].end_mark.index)
    chunks = [text[s:e] for s, e in zip(starts, starts[1:] + [end])]
    chunks = [c if c.endswith("\n") else c + "\n" for c in chunks]
    column = node.value[0].start_mark.column - 2
    used: set[int] = set()
    parts = []
    for value in new:
        match = next((i for i, o in enumerate(old) if i not in used and _same_types(o, value)), None)
        if match is None:
            parts.append(f"{' ' * column}- {_value_text(value, column + 2)}\n")
        else:
            used.add(match)
            parts.append(chunks[match])
    replacement = "".join(parts)
    if end < len(text) and text[end - 1:end] != "\n":
        replacement = replacement.rstrip("\n")
    edits.append((starts[0], end, replacement))


def _is_permutation(old: list, new: list) -> bool:
    """Items moved (two or more places differ, every item still there)."""
    moved = sum(not _same_types(a, b) for a, b in zip(old, new))
    left = list(old)
    for value in new:
        match = next((i for i, o in enumerate(left) if _same_types(o, value)), None)
        if match is None:
            return False
        left.pop(match)
    return moved >= 2


def _replace(text: str, node: Node, new: Any, edits: list) -> None:
    start, end = node.start_mark.index, node.end_mark.index
    column = _indent_of(text, start)
    if isinstance(node, ScalarNode) and node.style in ("|", ">") and isinstance(new, str) and "\n" in new:
        body = _literal(new, column + 2)
        edits.append((start, _line_end(text, end) if text[end - 1:end] != "\n" else end, body))
        return
    replacement = _value_text(new, column)
    if end > start and text[end - 1] == "\n":
        replacement += "\n"
    edits.append((start, end, replacement))


def _value_text(value: Any, column: int) -> str:
    if isinstance(value, str) and "\n" in value.rstrip("\n") and not value.startswith((" ", "\n")):
        return _literal(value, column + 2).rstrip("\n")
    return _flow(value)


def _literal(value: str, indent: int) -> str:
    chomp = "" if value.endswith("\n") and not value.endswith("\n\n") else ("-" if not value.endswith("\n") else "+")
    lines = value[:-1].split("\n") if value.endswith("\n") else value.split("\n")
    body = "".join((" " * indent + line if line else "") + "\n" for line in lines)
    return f"|{chomp}\n{body}"


def _flow(value: Any) -> str:
    """One line of YAML that reads back as ``value`` anywhere, flow context included."""
    if isinstance(value, str) and (any(c in value for c in "\n\r\t\"\\") or not value.isprintable()):
        return json.dumps(value, ensure_ascii=False)
    dumped = yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=math.inf,
                            sort_keys=False).strip()
    return dumped[1:-1]  # inside « [ … ] » every scalar was judged for a flow context


def _content_end(node: Node) -> int:
    """Where a value's own text ends. A block collection's end mark is where the next
    token starts (the next line's « - » or key, once the indentation goes back): the
    end of its last element is the end of its text."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1])
    return node.end_mark.index


def _indent_of(text: str, index: int) -> int:
    start = _line_start(text, index)
    line = text[start:index]
    return len(line) - len(line.lstrip(" -"))


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The index just after the line holding ``index`` (or ``index`` at a line's start)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1
