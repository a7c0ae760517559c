"""The puzzle-type picker: each type with its name, what it asks, and an example that
becomes the new question (a real one, that the author then changes). All three come
from the type's plug-in (``PuzzleType.form``, in ``engine/core/puzzles/``): a new type
shows in the picker by registering itself, nothing here names a type."""

from __future__ import annotations

import copy
from typing import Any

from ..core import puzzles
from ..i18n import _


def offered() -> dict[str, puzzles.EditorForm]:
    """The types the picker offers, the most used first (each plug-in's ``rank``)."""
    found = {name: kind.form for name, kind in puzzles.REGISTRY.items() if kind.form is not None}
    return dict(sorted(found.items(), key=lambda pair: (pair[1].rank, pair[0])))


def choices() -> list[tuple[str, str, str, str]]:
    """(type, name, what it asks, the example's prompt) for the picker."""
    return [(name, _(form.name), _(form.hint), str(form.example.get("prompt", "")))
            for name, form in offered().items()]


def new_puzzle(kind: str, existing: list[Any], stem: str = "q") -> dict[str, Any]:
    """A new puzzle of ``kind`` from its plug-in's example, with an id not taken yet."""
    from .forms import fresh_id

    example = copy.deepcopy(dict(offered()[kind].example))
    return {"id": fresh_id(existing, stem), "type": kind, **example}
