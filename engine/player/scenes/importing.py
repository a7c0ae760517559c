"""« Importer un jeu »: find ``.sesame`` packages on a USB key, in Downloads, in a
catalogue folder (a USB key or a network share holding ``catalog.json``), check one
and install it into the user's games folder — the same checks as ``sesame import``,
on a worker thread, with the choice to replace a game already installed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from ...content.assets import Refused, check_name, printable_name
from ...content.package import SUFFIX, Conflict, PackageError, Unpacked, install, read_manifest, unpack
from ...i18n import _
from ...paths import user_dir, user_home
from ...storage import reason as _reason
from .. import actions as act
from ..jobs import Job, Progress
from ..scene import Scene
from ..widgets import Button
from .common import header
from .folder import FolderScene, Work

MAX_LISTED = 200


@dataclass(frozen=True)
class Found:
    """A package offered for import: its file, and what its manifest says."""

    path: Path
    title: str
    version: str
    problem: str = ""


def find_packages(folder: Path, progress: Progress | None = None) -> list[Found]:
    """The packages in ``folder`` (not its sub-folders: a USB key can be big), and those
    of the catalogue in it when there is one (``catalog.json`` + ``packages/``)."""
    candidates: list[Path] = []
    if folder.is_file() and folder.suffix == SUFFIX:
        candidates.append(folder)
    elif folder.is_dir():
        candidates += sorted(p for p in folder.iterdir() if p.suffix == SUFFIX)[:MAX_LISTED]
        index = folder / "catalog.json"
        if index.is_file() and index.stat().st_size < 5_000_000:
            try:
                games = json.loads(index.read_text(encoding="utf-8")).get("games", [])
            except (OSError, ValueError, AttributeError):
                games = []
            for game in games[:MAX_LISTED] if isinstance(games, list) else []:
                name = game.get("package") if isinstance(game, dict) else None
                if isinstance(name, str) and name.endswith(SUFFIX) and ".." not in name and _plain(name):
                    candidates.append(folder / name)
    found = []
    for path in dict.fromkeys(candidates):
        if progress is not None:
            progress.step(path)
        try:
            manifest = read_manifest(path)
            title = manifest.get("title")
            title = title.get("fr", "") if isinstance(title, dict) else str(title or manifest["id"])
            found.append(Found(path, printable_name(title, 120), printable_name(manifest.get("version", "?"), 20)))
        except PackageError as error:
            found.append(Found(path, path.name, "", error.diagnostics[0].message))
    return found


def _plain(name: str) -> bool:
    """A catalogue's package name is a relative « / » path (no ``/etc/…``, no ``C:``):
    a catalogue never points to a file elsewhere on the computer."""
    try:
        check_name(name)
    except Refused:
        return False
    return True


def start_import(app: Any) -> None:
    """The home screen's « Importer un jeu »: pick where the packages are."""
    def look(folder: Path) -> Work:
        def then(found: list[Found]) -> str:
            if not found:
                return _("Aucun jeu à importer ici (fichier .sesame ou catalogue).")
            app.pop()
            app.push(ImportScene(app, found))
            return ""
        return Work(Job(lambda progress: find_packages(folder, progress)), then, _("Recherche de jeux…"))

    app.push(FolderScene(app, _("Où est le jeu à importer ?"), look))


class ImportScene(Scene):
    """The packages found; one is checked, then installed (or the person chooses to
    replace the installed version, kept aside, or to keep it)."""

    def __init__(self, app: Any, found: list[Found], start: Path | None = None) -> None:
        super().__init__(app)
        self.found = found
        self.message = ""
        self.job: Job[Unpacked] | None = None
        self.checked: Unpacked | None = None
        self.conflict: Conflict | None = None
        self.installed = False
        self.source: Path | None = None
        if start is not None:
            self.check(start)
        elif len(found) > 1:
            self.message = _("Choisis le jeu à importer : il est vérifié en entier avant d’être installé.")

    @property
    def busy(self) -> bool:
        return self.job is not None

    def exit(self) -> None:
        if self.checked is not None:  # a checked package not installed: nothing left behind
            self.checked.discard()
            self.checked = None

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        button_h = m.body + m.unit * 4
        self.top = m.unit * 4 + m.title + m.unit * 5
        # What happened (the question to answer) first, then the choices.
        self.message_y = self.top
        y = self.top
        if self.message:
            shown = self.app.ui.text.render(self.message, m.body, (0, 0, 0), width - m.unit * 8)
            y += shown.get_height() + m.unit * 4
        self.widgets = []
        back = Button("back", action=act.Back(), label=_("Retour à l’accueil") if self.installed else _("Retour"),
                      icon="back", style="primary" if self.installed else "normal")
        back_w = self.app.ui.text.render(back.label, m.body, (0, 0, 0), bold=True).get_width() + m.body + m.unit * 8
        back.rect = pygame.Rect(0, 0, max(m.body * 8, back_w), button_h)
        back.rect.bottomright = (width - m.unit * 4, height - m.unit * 3)
        if self.conflict is not None:
            for key, action, label, detail in (
                    ("replace", act.ReplaceGame(), _("Remplacer"), _("l’ancienne version est gardée à part")),
                    ("keep", act.KeepGame(), _("Garder le jeu installé"), "")):
                button = Button(key, action=action, label=label, detail=detail,
                                icon="check" if key == "replace" else "back", style="choice")
                button.rect = pygame.Rect(m.unit * 4, y, width - m.unit * 8,
                                          max(button_h, button.needed_height(self.app.ui, width - m.unit * 8)))
                y = button.rect.bottom + m.unit * 2
                self.widgets.append(button)
        elif not self.installed:
            for index, found in enumerate(self.found):
                detail = found.problem or _("version {version} · {file}").format(
                    version=found.version, file=found.path.name)
                button = Button(f"package:{index}", action=act.CheckPackage(found.path), label=found.title,
                                detail=detail, icon="doc", style="choice",
                                enabled=not found.problem and self.job is None)
                button.rect = pygame.Rect(m.unit * 4, y, width - m.unit * 8,
                                          max(button_h, button.needed_height(self.app.ui, width - m.unit * 8)))
                y = button.rect.bottom + m.unit * 2
                if button.rect.bottom > back.rect.top - m.unit * 12:
                    break  # the rest would not fit: the first ones are offered
                self.widgets.append(button)
        self.message_bottom = back.rect.top - m.unit * 2
        if self.conflict is None:  # otherwise « Garder le jeu installé » is the way back
            self.widgets.append(back)
        self.focus = self.focus or next((w for w in self.widgets if w.enabled), back)

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        surface.fill(ui.palette.background)
        header(surface, ui, _("Importer un jeu"))
        if self.message:
            text = ui.text.render(self.message, ui.metrics.body, ui.palette.text,
                                  surface.get_width() - ui.metrics.unit * 8)
            clip = surface.get_clip()
            surface.set_clip(pygame.Rect(0, self.message_y, surface.get_width(), self.message_bottom - self.message_y))
            surface.blit(text, (ui.metrics.unit * 4, self.message_y))
            surface.set_clip(clip)
        self.draw_widgets(surface)

    def check(self, path: Path) -> None:
        self.source = path
        self.message = _("Vérification de « {file} »… (le jeu est contrôlé en entier avant d’être installé)").format(
            file=printable_name(path.name))
        self.job = Job(lambda progress: unpack(path, into=user_home()))
        self.relayout()

    def update(self, dt: float) -> bool:
        job = self.job
        if job is None or not job.finished:
            return False
        self.job = None
        if isinstance(job.error, PackageError):
            self.message = _("Ce paquet est refusé, rien n’a été installé :") + "\n" + "\n".join(
                d.message for d in job.error.diagnostics[:4])
        elif job.error is not None:
            self.message = _("Ce paquet n’a pas pu être lu : {why}").format(
                why=_reason(job.error) if isinstance(job.error, OSError) else job.error)
        else:
            assert job.result is not None
            self.checked = job.result
            self.finish(replace=False)
        self.relayout()
        return False

    def finish(self, replace: bool) -> None:
        unpacked = self.checked
        assert unpacked is not None
        title = next((f.title for f in self.found if f.path == self.source), unpacked.game_id)
        try:
            done = install(unpacked, user_dir("games"), replace=replace)
        except Conflict as conflict:
            self.conflict = conflict
            self.message = _("« {id} » est déjà installé (version {old}). Ce paquet a la version {new}. "
                             "Le remplacer ?").format(id=title, old=conflict.installed_version,
                                                     new=conflict.package_version)
            return
        except OSError as error:
            self.message = _("Le jeu n’a pas pu être installé : {why}").format(why=_reason(error))
            unpacked.discard()
            self.checked = None
            return
        self.checked, self.conflict, self.installed = None, None, True
        self.message = _("« {title} » est installé : tu le trouveras sur l’accueil.").format(title=title)
        if done.replaced is not None:
            self.message += "\n" + _("L’ancienne version est gardée dans {folder}.").format(folder=done.replaced)
        if done.bundled_version is not None:
            self.message += "\n" + _("Sésame fournit aussi ce jeu (version {version}) : l’accueil montre "
                                     "désormais la version importée.").format(version=done.bundled_version)

    def on_action(self, action, widget) -> None:
        match action:
            case act.Back():
                self.app.pop()
            case act.CheckPackage(path) if self.job is None:
                self.check(path)
            case act.ReplaceGame() if self.checked is not None:
                self.finish(replace=True)
                self.relayout()
            case act.KeepGame():
                self.exit()
                self.conflict = None
                self.message = _("Rien n’a été changé : le jeu installé est gardé.")
                self.relayout()

    def on_escape(self) -> None:
        self.app.pop()
