"""Forms built from the one JSON Schema: a tree of fields the templates draw.

Each field says what the schema says (French title and description, required or not,
``x-widget``, ``x-ref`` → the ids that exist, ``x-asset``, enums, minimum…); the puzzle
type and the document kind choose which of their fields are shown, as the loader's
``if``/``then`` do. A value the simple widgets cannot hold (a text given per language, a
list of effects) gets a small YAML box, read back by the game reader: nothing is ever
dropped or clamped by the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..content.build import COMMON_PUZZLE_FIELDS
from ..content.schema import collect_ids, schema
from ..core import puzzles
from .changes import Pointer, get, to_text

TEXT_REF = "#/$defs/text"
_NUMERIC = ("integer", "number")  # JSON Schema's number types


@dataclass
class Field:
    pointer: Pointer
    title: str
    description: str
    kind: str  # text, textarea, number, integer, boolean, enum, ref, asset, object, list, yaml
    value: Any = None
    required: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)
    children: list[Field] = field(default_factory=list)
    items: list[Field] = field(default_factory=list)  # a list's elements
    prose: bool = False  # a text people read: spell-checked, in French
    new_item: Any = None  # what « Ajouter » adds to a list
    summary: str = ""  # an element's short name in its list
    more: list[Field] = field(default_factory=list)  # optional fields, folded away

    @property
    def ident(self) -> str:
        return "f" + to_text(self.pointer).replace("/", "-").replace("~", "_")

    @property
    def text_pointer(self) -> str:
        return to_text(self.pointer)

    @property
    def shown(self) -> str:
        """The value as the input shows it."""
        if self.value is None:
            return ""
        if self.kind == "yaml":
            from .yamlsave import dump_whole

            return dump_whole(self.value).strip() if not isinstance(self.value, str) else self.value
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        if isinstance(self.value, (int, float)) and not isinstance(self.value, bool):
            return str(self.value).replace(".", ",")
        return str(self.value)


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` (keeping the referring node's own title, description and hints)."""
    seen = 0
    while "$ref" in node and seen < 10:
        target = _lookup(node["$ref"])
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        merged.setdefault("x-ref-name", node["$ref"])
        node = merged
        seen += 1
    return node


def _lookup(ref: str) -> dict[str, Any]:
    found: Any = schema()
    for part in ref.lstrip("#/").split("/"):
        found = found[part]
    return found


def effective(node: dict[str, Any], value: Any) -> dict[str, Any]:
    """An object schema with the ``then`` parts whose ``if`` the value meets merged in."""
    node = resolve(node)
    if "allOf" not in node:
        return node
    properties = {k: dict(v) for k, v in node.get("properties", {}).items()}
    required = list(node.get("required", []))
    for part in node["allOf"]:
        condition = part.get("if", {})
        if _meets(condition, value if isinstance(value, dict) else {}):
            then = part.get("then", {})
            for key, extra in then.get("properties", {}).items():
                properties[key] = {**properties.get(key, {}), **extra}
            required += then.get("required", [])
    return {**node, "properties": properties, "required": required}


def _meets(condition: dict[str, Any], value: dict[str, Any]) -> bool:
    if any(k not in value for k in condition.get("required", [])):
        return False
    for key, test in condition.get("properties", {}).items():
        if key not in value:
            continue
        if "const" in test and value[key] != test["const"]:
            return False
        if "enum" in test and value[key] not in test["enum"]:
            return False
    return True


class Builder:
    """Builds the fields of one element of a game, given the whole game's data."""

    def __init__(self, data: dict[str, Any], images: list[str]) -> None:
        self.data = data
        self.ids = collect_ids(data)
        self.images = images

    def element(self, pointer: Pointer) -> Field:
        """The form of the element at ``pointer`` (``()`` is the game itself)."""
        node, required = self._schema_at(pointer)
        value = get(self.data, pointer)
        return self.build(pointer, node, value, required)

    def _schema_at(self, pointer: Pointer) -> tuple[dict[str, Any], bool]:
        node: dict[str, Any] = schema()
        value: Any = self.data
        for part in pointer:
            node = effective(node, value)
            if isinstance(part, int):
                node = resolve(node).get("items", {})
            else:
                node = node.get("properties", {}).get(part, {})
            value = value[part] if isinstance(value, (dict, list)) and _has(value, part) else None
        return node, False

    def build(self, pointer: Pointer, node: dict[str, Any], value: Any, required: bool = False) -> Field:
        from ..i18n import _

        node = resolve(node)
        title = node.get("title") or (str(pointer[-1]) if pointer else _("Le jeu"))
        made = Field(pointer, title, node.get("description", ""), "yaml", value, required)
        if "x-ref" in node:
            made.kind = "ref"
            known = self.ids.get(node["x-ref"], [])
            made.choices = [(i, i) for i in known]
            if isinstance(value, str) and value not in known:
                made.choices.append((value, value))
            return made
        if node.get("x-asset") == "image":
            made.kind = "asset"
            made.choices = [(i, i) for i in self.images]
            return made
        if "enum" in node:
            made.kind = "enum"
            made.choices = [(str(v), str(v)) for v in node["enum"]]
            return made
        kind = node.get("type")
        if node.get("x-ref-name") == TEXT_REF or (
                "anyOf" in node and any(resolve(a).get("type") == "string" or a.get("$ref") == TEXT_REF
                                        for a in node["anyOf"])):
            if value is None or isinstance(value, str):
                made.kind = "textarea" if node.get("x-widget") == "textarea" else "text"
                made.prose = True
            return made
        if kind == "string":
            made.kind = "textarea" if node.get("x-widget") == "textarea" else "text"
            return made
        if kind in ("integer", "number") and (value is None or isinstance(value, (int, float))) \
                and not isinstance(value, bool):
            made.kind = kind
            return made
        if kind == "boolean" and (value is None or isinstance(value, bool)):
            made.kind = "boolean"
            return made
        if kind == "object" or "properties" in node:
            if value is not None and not isinstance(value, dict):
                return made
            return self._object(made, node, value or {})
        if kind == "array" and (value is None or isinstance(value, list)):
            return self._list(made, node, value or [])
        return made

    def _object(self, made: Field, node: dict[str, Any], value: dict[str, Any]) -> Field:
        node = effective(node, value)
        properties = node.get("properties", {})
        if not properties:
            return made
        names = list(properties)
        if made.pointer[:1] == ("puzzles",) and len(made.pointer) == 2:
            kind = puzzles.REGISTRY.get(value.get("type", ""))
            allowed = COMMON_PUZZLE_FIELDS | (kind.fields if kind else frozenset())
            names = [n for n in names if n in allowed or n in value]
        if not made.pointer:  # the game: its lists have their own pages
            from ..content.loader import MERGEABLE

            names = [n for n in names if n not in MERGEABLE and n != "include"
                     and _for_genre(n, value.get("genre"))]
        made.kind = "object"
        required = set(node.get("required", []))
        kind = puzzles.REGISTRY.get(value.get("type", "")) if made.pointer[:1] == ("puzzles",) else None
        first = required | set(value) | (kind.fields if kind else set()) | _FIRST
        for name in names:
            child = self.build(made.pointer + (name,), properties[name], value.get(name), name in required)
            (made.children if name in first or len(names) <= 6 else made.more).append(child)
        unknown = [k for k in value if k not in properties]
        for name in unknown:  # the schema reports it; the author sees and can remove it
            made.children.append(Field(made.pointer + (name,), str(name), "", "yaml", value[name]))
        return made

    def _list(self, made: Field, node: dict[str, Any], value: list[Any]) -> Field:
        made.kind = "list"
        item_node = resolve(node.get("items", {}))
        for index, item in enumerate(value):
            child = self.build(made.pointer + (index,), item_node, item)
            child.summary = summary(item, index)
            if child.kind not in ("object", "list"):
                child.title = f"{made.title} {index + 1}"
            made.items.append(child)
        made.new_item = new_value(item_node, value)
        return made


# Shown unfolded even when empty: what every author should fill in.
_FIRST = frozenset({"prompt", "explanation", "sources", "hints", "title", "text", "label", "summary",
                    # what makes an escape game: a room's picture, what an object gives or
                    # shows, what locks it
                    "background", "objects", "exits", "take", "document", "lock", "requires"})


def _has(value: Any, part: Any) -> bool:
    if isinstance(value, dict):
        return part in value
    return isinstance(part, int) and 0 <= part < len(value)


def _for_genre(name: str, genre: Any) -> bool:
    only = {"rooms": "escape", "start_room": "escape", "quiz": "quiz", "challenge": "challenge"}
    return name not in only or only[name] == genre


def summary(item: Any, index: int) -> str:
    """An element's name in a list: its id and its title or text."""
    if isinstance(item, dict):
        words = [str(item[k]) for k in ("id",) if isinstance(item.get(k), str)]
        for key in ("title", "label", "text", "prompt", "name", "left"):
            shown = item.get(key)
            if isinstance(shown, dict):
                shown = next(iter(shown.values()), "")
            if isinstance(shown, str) and shown:
                words.append(f"« {shown[:60]}{'…' if len(shown) > 60 else ''} »")
                break
        return " ".join(words) or f"{index + 1}"
    if item is None:
        return "—"
    return str(item)[:80]


def new_value(item_node: dict[str, Any], existing: list[Any]) -> Any:
    """A starting value for a new element of a list: an id not taken yet when it has one."""
    item_node = resolve(item_node)
    kind = item_node.get("type")
    if "enum" in item_node:
        return item_node["enum"][0]
    if kind == "object" or "properties" in item_node:
        value: dict[str, Any] = {}
        for name in item_node.get("required", []):
            sub = resolve(item_node.get("properties", {}).get(name, {}))
            if name == "id":
                value["id"] = fresh_id(existing, "x")
            elif sub.get("type") in _NUMERIC:
                value[name] = 0
            elif "enum" in sub:
                value[name] = sub["enum"][0]
            else:
                value[name] = "…"
        return value
    if kind in ("integer", "number"):
        return 0
    if kind == "boolean":
        return False
    return "…"


def fresh_id(existing: list[Any], stem: str) -> str:
    taken = {e.get("id") for e in existing if isinstance(e, dict)}
    n = len(existing) + 1
    while f"{stem}{n}" in taken:
        n += 1
    return f"{stem}{n}"
