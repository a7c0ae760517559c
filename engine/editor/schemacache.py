"""The schema step of ``sesame check``, made incremental for the editor.

``engine.content.schema.validate`` walks the whole game on every call (≈ 170 ms for
escape_fake_news here): too slow to answer each keystroke. The game's big lists
(puzzles, documents, rooms…) are validated element by element against their item
schema, and an element's problems are kept until the element, its place or the game's
ids change; the rest of the game is validated against the schema with those items
left out. The messages are made by the same validator class, keywords and wording
(``schema._explain``), so the result is the same list as ``validate`` gives: a test
compares both on edited games.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

from ..content import schema as schema_module
from ..content.loader import MERGEABLE
from ..content.schema import SchemaProblem, collect_ids


class SchemaCache:
    def __init__(self) -> None:
        self._items: dict[tuple[str, int], tuple[str, list[SchemaProblem]]] = {}
        self._ids_key = ""

    def validate(self, data: Any) -> list[SchemaProblem]:
        if not isinstance(data, dict):
            return schema_module.validate(data)
        ids = {kind: set(values) for kind, values in collect_ids(data).items()}
        ids_key = json.dumps({k: sorted(v) for k, v in ids.items()}, sort_keys=True)
        if ids_key != self._ids_key:
            self._items.clear()
            self._ids_key = ids_key
        cls = _validator_class(ids)
        full = schema_module.schema()
        problems: list[SchemaProblem] = []
        # The game without its lists' items.
        outer = copy.copy(full)
        outer["properties"] = dict(full["properties"])
        for key in MERGEABLE:
            if isinstance(outer["properties"].get(key), dict):
                outer["properties"][key] = {k: v for k, v in outer["properties"][key].items() if k != "items"}
        for error in cls(outer).iter_errors(data):
            problems.extend(schema_module._explain(error, data, ids))
        # Each item, from the cache when it did not change.
        root = cls(full)
        seen: set[tuple[str, int]] = set()
        for key in MERGEABLE:
            values = data.get(key)
            item_schema = full["properties"].get(key, {}).get("items")
            if not isinstance(values, list) or item_schema is None:
                continue
            for index, element in enumerate(values):
                seen.add((key, index))
                text = json.dumps(element, sort_keys=True, default=repr)
                cached = self._items.get((key, index))
                if cached is not None and cached[0] == text:
                    problems.extend(cached[1])
                    continue
                found: list[SchemaProblem] = []
                for error in root.evolve(schema=item_schema).iter_errors(element):
                    error.path.extendleft((index, key))
                    error.relative_path = error.path
                    found.extend(schema_module._explain(error, data, ids))
                self._items[(key, index)] = (text, found)
                problems.extend(found)
        for stale in set(self._items) - seen:
            del self._items[stale]
        problems.sort(key=lambda p: [str(x) for x in p.path])
        return schema_module._dedupe(problems)


def _validator_class(ids: dict[str, set[str]]) -> Any:
    """The validator ``schema.validate`` builds, with the same keywords of our own."""

    def x_ref(validator: Any, kind: str, instance: Any, schema: Any):
        if isinstance(instance, str) and instance not in ids.get(kind, ()):
            yield ValidationError("x-ref", validator="x-ref", validator_value=kind,
                                  instance=instance, schema=schema)

    def x_expr(validator: Any, value: Any, instance: Any, schema: Any):
        if value and isinstance(instance, str):
            problem = schema_module._check_condition(instance, ids)
            if problem:
                error = ValidationError(problem[0], validator="x-expr", validator_value=value,
                                        instance=instance, schema=schema)
                error.sesame_offset = problem[1]  # type: ignore[attr-defined]
                yield error

    return validators.extend(Draft202012Validator, {"x-ref": x_ref, "x-expr": x_expr,
                                                    "allOf": schema_module._all_of})
