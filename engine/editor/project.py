"""One game open in the editor: its files, their merged data, and every change saved.

The files on disk are the truth. Each file's text and data are kept; the merged data
(the manifest's lists extended by the included files', as the loader does) is what the
forms show. A change to the merged data is routed to the file that holds the element it
touches, applied there, and that file alone is saved at once (``yamlsave``: in place,
comments kept), after its previous text is kept as a backup. A draft may be invalid: it
is saved all the same, and the checklist says what is missing.
"""

from __future__ import annotations

import copy
import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import storage
from ..content import assets
from ..content.loader import MANIFEST, MERGEABLE
from ..content.yamlread import MAX_FILE_BYTES, YamlError, read_text
from . import yamlsave
from .changes import AddItem, Change, ChangeError, MoveItem, RemoveItem, SetField, apply

BACKUPS = ".editeur"  # hidden: never packed (package.game_files skips hidden folders)
HISTORY = 200


@dataclass
class GameFile:
    name: str
    text: str
    data: Any
    stamp: tuple[int, int]  # (mtime_ns, size) when last read or written by us
    problem: str = ""  # why the file cannot be edited in forms (a YAML mistake)


@dataclass(frozen=True)
class Step:
    """One entry of the history: the change that goes that way, and the text of the file
    it touched before and after, so that undoing gives back the very text it replaced."""

    change: Change
    name: str
    before: str
    after: str
    linked: bool = False  # undone (or redone) together with the step below it


@dataclass
class Saved:
    """What one change did: the files written, and whether their layout was kept."""

    files: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)


class Project:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).resolve()
        self.files: dict[str, GameFile] = {}
        self.merged: dict[str, Any] = {}
        self.elements: dict[tuple[str, int], tuple[str, int]] = {}
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self.version = 0  # bumped on every change or reload: the validation cache's key
        self.notice = ""  # said once to the page (a reload from disk…)
        self._lock: storage.Lock | None = None
        self.other_editor: int | None = None
        self.load()

    # --- reading ----------------------------------------------------------------------

    def load(self) -> None:
        self.files = {}
        manifest = self._read(MANIFEST)
        self.files[MANIFEST] = manifest
        includes = manifest.data.get("include", []) if isinstance(manifest.data, dict) else []
        for name in includes if isinstance(includes, list) else []:
            if isinstance(name, str) and name not in self.files:
                try:
                    assets.regular_file(self.folder, name, MAX_FILE_BYTES)
                except assets.Refused:
                    continue  # the checklist says it is missing or refused
                self.files[name] = self._read(name)
        self._merge()
        self.version += 1

    def _read(self, name: str) -> GameFile:
        path = assets.resolve(self.folder, name)
        raw = assets.read(self.folder, name, MAX_FILE_BYTES)
        status = path.stat()
        text = raw.decode("utf-8-sig", errors="replace")
        try:
            data = read_text(text, name).data
            problem = ""
        except YamlError as error:
            data, problem = None, str(error.diagnostic)
        if data is None and not problem:
            data = {}
        return GameFile(name, text, data, (status.st_mtime_ns, status.st_size), problem)

    def _merge(self) -> None:
        manifest = self.files[MANIFEST].data
        merged: dict[str, Any] = copy.deepcopy(manifest) if isinstance(manifest, dict) else {}
        elements: dict[tuple[str, int], tuple[str, int]] = {}
        for key in MERGEABLE:
            if isinstance(merged.get(key), list):
                for index in range(len(merged[key])):
                    elements[(key, index)] = (MANIFEST, index)
        for name, part in self.files.items():
            if name == MANIFEST or not isinstance(part.data, dict):
                continue
            for key, value in part.data.items():
                if key not in MERGEABLE or not isinstance(value, list):
                    continue
                target = merged.setdefault(key, [])
                if not isinstance(target, list):
                    continue
                for index, element in enumerate(value):
                    elements[(key, len(target))] = (name, index)
                    target.append(copy.deepcopy(element))
        self.merged, self.elements = merged, elements

    @property
    def game_id(self) -> str:
        ident = self.merged.get("id")
        return ident if isinstance(ident, str) else self.folder.name

    @property
    def problems(self) -> list[str]:
        return [f.problem for f in self.files.values() if f.problem]

    def texts(self) -> dict[str, str]:
        return {name: f.text for name, f in self.files.items()}

    # --- outside changes and other editors ----------------------------------------------

    def changed_outside(self) -> bool:
        """Reload when a file was changed by something else (a text editor, a copy);
        True when it was. Called before every change and by the page's polling."""
        for name, known in self.files.items():
            try:
                status = assets.resolve(self.folder, name).stat()
            except (OSError, assets.Refused):
                status = None
            if status is None or (status.st_mtime_ns, status.st_size) != known.stamp:
                try:
                    now = assets.read(self.folder, name, MAX_FILE_BYTES).decode("utf-8-sig", errors="replace")
                except (OSError, assets.Refused):
                    now = None
                if now != known.text:
                    self.load()
                    self.undo_stack.clear()
                    self.redo_stack.clear()
                    from ..i18n import _

                    self.notice = _("Le jeu a été modifié en dehors de l’éditeur : il est rechargé.")
                    return True
                if status is not None:
                    known.stamp = (status.st_mtime_ns, status.st_size)
        return False

    def claim(self) -> None:
        """Say when another editor (another process) has this game open."""
        try:
            self._lock = storage.Lock.acquire(_lock_name(self.folder))
            self.other_editor = None
        except storage.Held as held:
            self.other_editor = held.pid or 0
        except OSError:
            self.other_editor = None

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    # --- changing -----------------------------------------------------------------------

    def change(self, change: Change, record: bool = True, linked: bool = False) -> Saved:
        """Apply one change to the game and save the file it touches. Raises
        ChangeError when it does not fit, ``yamlsave.Refused`` or OSError when it cannot
        be saved (nothing is changed then). ``linked``: one « Annuler » undoes this
        change and the one before it (an object placed: its four numbers)."""
        self.changed_outside()
        saved, step = self._apply(change)
        if record:
            self.undo_stack.append(replace(step, linked=linked and bool(self.undo_stack)))
            del self.undo_stack[:-HISTORY]
            self.redo_stack.clear()
        return saved

    def _apply(self, change: Change, text: str | None = None) -> tuple[Saved, Step]:
        name, inner = self._route(change)
        game_file = self.files[name]
        if game_file.problem:
            raise ChangeError(game_file.problem)
        merged = copy.deepcopy(self.merged)
        inverse = apply(merged, change)
        before = game_file.text
        data = copy.deepcopy(game_file.data)
        apply(data, inner)
        saved = self._save(game_file, data, text)
        self._merge()
        self.version += 1
        return saved, Step(inverse, name, before, game_file.text)

    def undo(self) -> Saved | None:
        return self._swap(self.undo_stack, self.redo_stack)

    def redo(self) -> Saved | None:
        return self._swap(self.redo_stack, self.undo_stack)

    def _swap(self, source: list[Step], target: list[Step]) -> Saved | None:
        self.changed_outside()
        saved = None
        first = True
        while source:  # a step, and those linked to it
            step = source.pop()
            # the file as this step left it: give back the exact text it replaced
            exact = step.before if self.files.get(step.name) and self.files[step.name].text == step.after else None
            try:
                saved, back = self._apply(step.change, exact)
            except Exception:
                source.append(step)
                raise
            target.append(replace(back, linked=not first))
            first = False
            if not step.linked:
                break
        return saved

    def _route(self, change: Change) -> tuple[str, Change]:
        """The file a change of the merged data belongs to, and the change in its terms."""
        pointer = change.pointer
        if not pointer or pointer[0] not in MERGEABLE or not isinstance(self.merged.get(pointer[0]), list):
            return MANIFEST, change
        key = pointer[0]
        size = len(self.merged[key])
        if len(pointer) >= 2:
            if not isinstance(pointer[1], int) or (key, pointer[1]) not in self.elements:
                raise ChangeError(str(pointer))
            name, index = self.elements[(key, pointer[1])]
            return name, replace(change, pointer=(key, index, *pointer[2:]))
        if isinstance(change, AddItem):
            at = size if change.index is None else change.index
            if size == 0:
                return MANIFEST, change
            if at >= size:
                return self.elements[(key, size - 1)][0], replace(change, index=None)
            name, index = self.elements[(key, at)]
            return name, replace(change, index=index)
        if isinstance(change, RemoveItem):
            if (key, change.index) not in self.elements:
                raise ChangeError(str(pointer))
            name, index = self.elements[(key, change.index)]
            return name, replace(change, index=index)
        if isinstance(change, MoveItem):
            a = self.elements.get((key, change.source))
            b = self.elements.get((key, change.target))
            if a is None or b is None or a[0] != b[0]:
                from ..i18n import _

                raise ChangeError(_("ces deux éléments sont dans deux fichiers différents"))
            return a[0], replace(change, source=a[1], target=b[1])
        if isinstance(change, SetField) and all(f == MANIFEST for f, _i in
                                                 (self.elements[(key, i)] for i in range(size))):
            return MANIFEST, change
        raise ChangeError(str(pointer))

    def _save(self, game_file: GameFile, data: Any, exact: str | None = None) -> Saved:
        kept = True
        if exact is not None and read_text(exact, game_file.name).data == data:
            text = exact
        else:
            text, kept = yamlsave.render(game_file.text, game_file.data, data, game_file.name)
        path = assets.resolve(self.folder, game_file.name)
        backup = self.folder / BACKUPS / "precedent" / game_file.name
        if game_file.text:
            storage.write_atomic(backup, game_file.text, durable=False)
        storage.write_atomic(path, text)
        status = path.stat()
        game_file.text, game_file.data = text, data
        game_file.stamp = (status.st_mtime_ns, status.st_size)
        return Saved([game_file.name], [] if kept else [game_file.name])

    def write_file(self, name: str, text: str) -> None:
        """Write a whole file of the game (the generated walkthrough)."""
        path = assets.resolve(self.folder, name) if (self.folder / name).exists() else self.folder / name
        storage.write_atomic(path, text)


def _lock_name(folder: Path) -> Path:
    from ..paths import user_dir

    digest = hashlib.sha256(os.fsencode(folder)).hexdigest()[:20]
    return user_dir("editor") / f"game-{digest}"


def now() -> float:
    return time.time()
