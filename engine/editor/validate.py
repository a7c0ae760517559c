"""The editor's verdict on a draft: the same validator and lint as ``sesame check``.

Nothing is decided in the browser. The draft's merged data goes through the loader's
schema step and the linter's rules exactly as ``check`` runs them; the only addition
is that every message keeps the data path it was made for (``Placed``), so the page
can show it next to its field. Speed comes from caching, never from skipping a rule:
the schema step and the state search are redone only when what they read changed (the
search reads the game's rules, not its texts, so a changed explanation reuses it).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import lint as lint_module
from ..content import migrate
from ..content.build import build_game
from ..content.diagnostics import ContentError, Diagnostic, Severity
from ..content.loader import Loaded, Origins
from ..core import solver
from .changes import Pointer, to_text
from .schemacache import SchemaCache


@dataclass(frozen=True)
class Placed:
    """A diagnostic and the data path it is about (``()`` when about the whole game)."""

    diagnostic: Diagnostic
    path: Pointer

    @property
    def pointer(self) -> str:
        return to_text(self.path)

    @property
    def error(self) -> bool:
        return self.diagnostic.severity is Severity.ERROR


@dataclass
class Verdict:
    placed: list[Placed] = field(default_factory=list)
    solution: list[Any] | None = None  # the solver's winning path (commands)
    solvable: bool | None = None  # None: not searched (the draft has errors first)
    states: int = 0

    @property
    def errors(self) -> list[Placed]:
        return [p for p in self.placed if p.error]

    @property
    def warnings(self) -> list[Placed]:
        return [p for p in self.placed if not p.error]


class _Origins(Origins):
    """The loader's Origins, which also remembers the data path of each message."""

    paths: dict[Diagnostic, Pointer]

    def diagnostic(self, path: tuple[Any, ...], message: str, code: str,
                   severity: Severity = Severity.ERROR, on_key: bool = False,
                   offset: int = 0) -> Diagnostic:
        made = super().diagnostic(path, message, code, severity, on_key, offset)
        self.paths.setdefault(made, tuple(path))
        return made


def _rules_key(data: Any) -> str:
    """What the state search depends on: everything but the texts people read, and
    where a room's objects and exits lie on its picture (a zone moved in the editor)."""
    def strip(node: Any, key: str = "") -> Any:
        if isinstance(node, dict):
            return {k: strip(v, k) for k, v in node.items() if k not in _TEXT_KEYS}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node
    rooms = data.get("rooms") if isinstance(data, dict) else None
    if isinstance(rooms, list):
        data = {**data, "rooms": [_unplaced(room) for room in rooms]}
    return json.dumps(strip(data), sort_keys=True, default=str)


def _unplaced(room: Any) -> Any:
    """A room without its objects' and exits' places (``x, y, w, h``)."""
    if not isinstance(room, dict):
        return room
    return {**room, **{kind: [{k: v for k, v in thing.items() if k not in _PLACE}
                              if isinstance(thing, dict) else thing for thing in room[kind]]
                       for kind in ("objects", "exits") if isinstance(room.get(kind), list)}}


_PLACE = frozenset({"x", "y", "w", "h"})


# Fields only ever shown to people: changing them cannot change what the rules allow.
_TEXT_KEYS = frozenset({"title", "summary", "prompt", "explanation", "feedback", "hints", "story",
                        "debrief", "facilitator", "sources", "credits", "authors", "review",
                        "description", "caption", "byline", "headline", "source_note", "label",
                        "intro", "outro"})


class Validator:
    """Validates one project's drafts, caching what did not change between two."""

    def __init__(self) -> None:
        self._last: tuple[int, Verdict] | None = None
        self._schema = SchemaCache()
        self._walk = _Walk()
        self._rule_cache: dict[str, tuple[str, list[tuple[Pointer | None, Diagnostic]], Any]] = {}

    def _schema_step(self, data: dict[str, Any], origins: Origins) -> list[Diagnostic]:
        """The loader's schema step (``loader._schema_diagnostics``), incremental."""
        from ..content.loader import _unused_puzzle_fields

        problems = self._schema.validate(data) + _unused_puzzle_fields(data)
        return [origins.diagnostic(p.path, p.message, p.code, on_key=p.on_key, offset=p.offset)
                for p in problems]

    def run(self, folder: Path, merged: dict[str, Any], texts: dict[str, str],
            elements: dict[tuple[str, int], tuple[str, int]], version: int = -1) -> Verdict:
        if self._last is not None and self._last[0] == version and version >= 0:
            return self._last[1]
        verdict = self._run(folder, merged, texts, elements)
        self._last = (version, verdict)
        return verdict

    def _run(self, folder: Path, merged: dict[str, Any], texts: dict[str, str],
             elements: dict[tuple[str, int], tuple[str, int]]) -> Verdict:
        origins = _Origins(folder, texts=dict(texts), elements=dict(elements))
        origins.paths = {}
        data = copy.deepcopy(merged)
        found = list(migrate.upgrade(data, origins))
        if not any(d.severity is Severity.ERROR for d in found):
            found.extend(self._schema_step(data, origins))
        verdict = Verdict()
        if not any(d.severity is Severity.ERROR for d in found):
            try:
                game = build_game(data, folder, "editor")
            except ContentError as error:
                found.extend(error.diagnostics)
            else:
                loaded = Loaded(game, data, origins, tuple(found))
                findings, exploration = self._lint(loaded, data)
                found.extend(findings)
                if exploration is not None:
                    verdict.states = exploration.states
                    verdict.solution = exploration.solution
                    verdict.solvable = exploration.solution is not None
        found.sort(key=lambda d: (d.severity is not Severity.ERROR, d.file, d.line, d.col, d.message))
        verdict.placed = [Placed(d, origins.paths.get(d, ())) for d in found]
        return verdict

    def _lint(self, loaded: Loaded, data: dict[str, Any]) -> tuple[list[Diagnostic], solver.Exploration | None]:
        """The linter's rules, run as ``lint.lint`` runs them, over a context whose schema
        walk is incremental; the two rules that play the game (the state search and the
        walkthrough's replay) are rerun only when the rules or the walkthrough changed."""
        origins = loaded.origins
        ctx = lint_module.Context(loaded, True)
        ctx.__dict__["fields"] = self._walk.fields(data)  # lint's cached_property, given
        key = _rules_key(data) + _walkthrough_text(loaded.game.folder)
        for rule in lint_module.RULES:
            costly = rule in (lint_module.solvable, lint_module.walkthrough)
            cached = self._rule_cache.get(rule.__name__)
            if costly and cached is not None and cached[0] == key:
                for path, made in cached[1]:
                    ctx.findings.append(made if path is None else origins.diagnostic(
                        path, made.message, made.code, made.severity))
                if rule is lint_module.solvable:
                    ctx.exploration = cached[2]
                continue
            before = len(ctx.findings)
            rule(ctx)
            if costly:
                paths = getattr(origins, "paths", {})
                self._rule_cache[rule.__name__] = (
                    key, [(paths.get(d), d) for d in ctx.findings[before:]], ctx.exploration)
        return ctx.findings, ctx.exploration


def _walkthrough_text(folder: Path) -> str:
    """The walkthrough's text (a key of the cached verdicts), read through the resolver:
    a FIFO, a link out of the folder or a huge file gives "" instead of blocking."""
    from ..content import assets
    from ..content.yamlread import MAX_FILE_BYTES
    from ..replay import WALKTHROUGH

    try:
        return assets.read(folder, WALKTHROUGH, MAX_FILE_BYTES).decode("utf-8", errors="replace")
    except (OSError, assets.Refused):
        return ""


class _Walk:
    """``schema.walk`` of a game, element by element, each kept while it is unchanged.
    The walk has no effect across elements, so walking ``{key: [element]}`` gives the
    element's part of the whole walk (at index 0)."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, int], tuple[str, list[tuple[tuple[Any, ...], Any, str]]]] = {}

    def fields(self, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], Any, str]]:
        from ..content.loader import MERGEABLE
        from ..content.schema import walk

        rest = {k: v for k, v in data.items() if not (k in MERGEABLE and isinstance(v, list))}
        found = list(walk(rest))
        for key in MERGEABLE:
            values = data.get(key)
            if not isinstance(values, list):
                continue
            for index, element in enumerate(values):
                text = json.dumps(element, sort_keys=True, default=repr)
                cached = self._items.get((key, index))
                if cached is None or cached[0] != text:
                    walked = [((key, index) + path[2:], value, ref) for path, value, ref in walk({key: [element]})
                              if len(path) >= 2]
                    cached = self._items[(key, index)] = (text, walked)
                found.extend(cached[1])
        return found
