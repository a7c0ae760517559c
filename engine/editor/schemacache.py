"""The schema step of ``sesame check``, made incremental for the editor.

``engine.content.schema.validate`` walks the whole game on every call (≈ 170 ms for
escape_fake_news here): too slow to answer each keystroke. Through the schema's public
``Parts``, the game's big lists (puzzles, documents, rooms…) are validated element by
element, and an element's problems are kept until the element, its place or the game's
ids change; the rest of the game is validated with those items left out. Same
validator, keywords and wording as ``validate``: a test compares both on edited games.
"""

from __future__ import annotations

import json
from typing import Any

from ..content import schema as schema_module
from ..content.loader import MERGEABLE
from ..content.schema import SchemaProblem


class SchemaCache:
    def __init__(self) -> None:
        self._items: dict[tuple[str, int], tuple[str, list[SchemaProblem]]] = {}
        self._ids_key = ""
        self._outer: tuple[str, list[SchemaProblem]] = ("", [])

    def validate(self, data: Any) -> list[SchemaProblem]:
        if not isinstance(data, dict):
            return schema_module.validate(data)
        parts = schema_module.Parts(data)
        if parts.ids_key != self._ids_key:
            self._items.clear()
            self._ids_key = parts.ids_key
        # The game without its lists' items depends on the rest of the game, the lists'
        # lengths and the ids only: kept while they do not change (a text of a puzzle).
        outer_key = json.dumps([{k: (len(v) if k in MERGEABLE and isinstance(v, list) else v)
                                 for k, v in data.items()}, parts.ids_key], sort_keys=True, default=repr)
        if self._outer[0] != outer_key:
            self._outer = (outer_key, parts.without_items(MERGEABLE))
        problems = list(self._outer[1])
        seen: set[tuple[str, int]] = set()
        for key in MERGEABLE:
            values = data.get(key)
            if not isinstance(values, list):
                continue
            for index, element in enumerate(values):
                seen.add((key, index))
                text = json.dumps(element, sort_keys=True, default=repr)
                cached = self._items.get((key, index))
                if cached is None or cached[0] != text:
                    cached = self._items[(key, index)] = (text, parts.item(key, index))
                problems.extend(cached[1])
        for stale in set(self._items) - seen:
            del self._items[stale]
        return schema_module.in_order(problems)
