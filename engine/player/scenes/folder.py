"""Choosing a folder without a system dialog and without typing: the places a pupil or
a teacher uses (a USB key, Documents, the desktop, Sésame's own folder), then their
sub-folders, browsed by clicks down to the one to choose; a path may still be typed.

Nothing here blocks the window: the places are looked for on a worker thread (a
disconnected network drive can take seconds to answer), and the work done with the
chosen folder may be a ``Job`` (reading a OneDrive « Documents » of thousands of
files), shown with its progress and an « Annuler » button."""

from __future__ import annotations

import os
import string
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from ... import storage
from ...i18n import _, ngettext
from ..actions import Action, Back
from ..jobs import Job
from ..scene import Scene
from ..widgets import Button, TextInput
from .common import header


def candidate_folders(progress: Any = None) -> list[tuple[str, Path]]:
    """Folders worth offering, those that exist: removable drives first. Slow on a
    machine with unreachable network drives: run it in a ``Job``."""
    from ...paths import user_dir

    home = Path.home()
    found: list[tuple[str, Path]] = []
    if sys.platform == "win32":
        for letter in string.ascii_uppercase[3:]:  # D: onwards: USB keys and other drives
            drive = Path(f"{letter}:/")
            if drive.exists():
                found.append((_("Lecteur {letter}:").format(letter=letter), drive))
    else:
        user = os.environ.get("USER", "")
        for base in (Path("/media") / user, Path("/run/media") / user, Path("/Volumes")):
            if base.is_dir():
                found += [(_("Clé ou disque « {name} »").format(name=p.name), p) for p in sorted(base.iterdir())
                          if p.is_dir()]
    for label, path in ((_("Téléchargements"), home / "Downloads"), (_("Téléchargements"), home / "Téléchargements"),
                        (_("Documents"), home / "Documents"), (_("Bureau"), home / "Desktop"),
                        (_("Bureau"), home / "Bureau")):
        if path.is_dir():
            found.append((label, path))
    found.append((_("Dossier des résultats de Sésame"), user_dir("results")))
    return found


MAX_SUBFOLDERS = 400  # listed in one folder; a deeper search is a typed path away


def subfolders(folder: Path, progress: Any = None) -> list[tuple[str, Path]]:
    """The folders inside ``folder`` (hidden ones left out), in French alphabetical
    order. Slow on a network drive: run it in a ``Job``."""
    from ...results.report import sort_key

    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if progress is not None:
                progress.step(entry.path)  # counted for the screen; stops here when cancelled
            if entry.name.startswith((".", "$")):
                continue
            try:
                if entry.is_dir():
                    found.append((entry.name, Path(entry.path)))
            except OSError:
                continue
            if len(found) >= MAX_SUBFOLDERS:
                break
    return sorted(found, key=lambda pair: sort_key(pair[0].casefold()))


# --- what the screen's buttons ask for ------------------------------------------------

@dataclass(frozen=True)
class OpenFolder(Action):
    """Show what is inside ``path``."""

    path: Path


@dataclass(frozen=True)
class ShowPlaces(Action):
    """Back to the list of places (USB keys, Documents…)."""


@dataclass(frozen=True)
class ChooseFolder(Action):
    """This is the folder: do the work with it."""

    path: Path


@dataclass(frozen=True)
class UseTypedPath(Action):
    pass


@dataclass(frozen=True)
class CancelWork(Action):
    pass


class Work:
    """What a folder's choice starts when it is slow: ``job`` runs on a worker thread,
    then ``then(result)``, on the main thread, returns the message to show."""

    def __init__(self, job: Job[Any], then: Callable[[Any], str], doing: str, failure: str = "") -> None:
        self.job, self.then, self.doing = job, then, doing
        self.failure = failure or _("Impossible de lire ce dossier : {why}")


PLACES_WAIT_S = 0.3  # how long the screen waits for the places before showing it without them
PROGRESS_EVERY_S = 0.25  # how often the progress is drawn again (each drawing holds the GIL)


class FolderScene(Scene):
    """Pick a folder; ``done(path)`` does the work and returns a message to show, or a
    ``Work`` whose progress is shown until it ends (or is cancelled)."""

    def __init__(self, app, title: str, done: Callable[[Path], str | Work]) -> None:
        super().__init__(app)
        self.title = title
        self.done = done
        self.message = ""
        self.work: Work | None = None
        self.path_field = TextInput("path", placeholder=_("Ou tapez le chemin d’un dossier"), max_length=400)
        self.places_job: Job[list[tuple[str, Path]]] = Job(candidate_folders)
        self.places_job.wait(PLACES_WAIT_S)
        self.places_shown = self.places_job.finished
        self.since_shown = 0.0
        self.current: Path | None = None  # the folder browsed, None: the places
        self.listing: Job[list[tuple[str, Path]]] | None = None
        self.listing_shown = True

    @property
    def busy(self) -> bool:
        """Something runs on a worker thread (tests wait for it: ``Pilot.settle``)."""
        return (self.work is not None or not self.places_job.finished
                or (self.listing is not None and not self.listing.finished))

    def browse(self, folder: Path | None) -> None:
        """Show the sub-folders of ``folder`` (the places when None)."""
        self.current, self.scroll, self.message = folder, 0, ""
        if self.listing is not None and not self.listing.finished:
            self.listing.cancel()  # left for another folder: it stops at its next entry
        if folder is None:
            self.listing = None
        else:
            self.listing = Job(lambda progress: subfolders(folder, progress))
            self.listing.wait(PLACES_WAIT_S)
            self.listing_shown = self.listing.finished
        self.relayout()

    def entries(self) -> list[tuple[str, str, Action]]:
        """The buttons of the list: (label, detail, action)."""
        if self.current is None:
            return [(label, str(path), OpenFolder(path)) for label, path in self.places()]
        out: list[tuple[str, str, Action]] = [(_("Autres emplacements (clés USB, Documents…)"), "", ShowPlaces())]
        parent = self.current.parent
        if parent != self.current:
            out.append((_("Dossier parent : {name}").format(name=parent.name or str(parent)), str(parent),
                        OpenFolder(parent)))
        job = self.listing
        if job is not None and job.finished:
            if job.error is not None:
                self.message = _("Impossible de lire ce dossier : {why}").format(
                    why=storage.reason(job.error) if isinstance(job.error, OSError) else job.error)
            out += [(f"{name}", "", OpenFolder(path)) for name, path in (job.result or [])]
        return out

    def places(self) -> list[tuple[str, Path]]:
        job = self.places_job
        return (job.result or []) if job.finished and job.error is None else []

    def update(self, dt: float) -> bool:
        changed = False
        if self.places_job.finished and not self.places_shown:
            self.places_shown = changed = True
        if self.listing is not None and not self.listing_shown:
            self.since_shown += dt
            if self.listing.finished:
                self.listing_shown = changed = True
                if self.listing.cancelled:  # back to the places, saying so
                    self.current, self.listing, self.message = None, None, _("Annulé.")
            elif self.since_shown >= PROGRESS_EVERY_S:  # the count of entries seen moves
                changed = True
        work = self.work
        if work is not None:
            self.since_shown += dt
            if work.job.finished:
                self.work = None
                job = work.job
                if job.cancelled:
                    self.message = _("Annulé.")
                elif job.error is not None:
                    error = job.error
                    why = storage.reason(error) if isinstance(error, OSError) else error
                    self.message = work.failure.format(why=why)
                else:
                    self.message = work.then(job.result)
                if self.app.scene is not self:  # ``then`` went back to the screen below
                    return False
                changed = True
            elif self.since_shown >= PROGRESS_EVERY_S:  # the count moves: a few times a second
                changed = True
        if changed:
            self.since_shown = 0.0
            self.relayout()
        return False  # the loop's idle pace is enough to follow the work

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        button_h = m.body + m.unit * 4
        y = m.unit * 4 + m.title + m.unit * 5
        self.widgets = []
        if not self.places_job.finished:
            self.message = self.message or _("Recherche des clés USB et des dossiers…")
        elif self.message == _("Recherche des clés USB et des dossiers…"):
            self.message = ""
        busy = self.work is not None
        if self.current is not None:
            here = self.current.name or str(self.current)
            choose = Button("choose-here", action=ChooseFolder(self.current),
                            label=_("Choisir ce dossier : {name}").format(name=here), detail=str(self.current),
                            icon="check", style="primary", enabled=not busy)
            choose_w = width - m.unit * 9
            choose.rect = pygame.Rect(m.unit * 4, y, choose_w, max(button_h, choose.needed_height(self.app.ui, choose_w)))
            self.widgets.append(choose)
            y = choose.rect.bottom + m.unit * 3
            listing = self.listing
            if listing is not None and not listing.finished:
                self.message = _("Lecture du dossier…") + "\n" + ngettext(
                    "{n} élément vu", "{n} éléments vus", listing.progress.count).format(n=listing.progress.count)
            elif self.message.startswith(_("Lecture du dossier…")):
                self.message = ""
        back = Button("back", action=Back(), label=_("Retour"), icon="back", style="primary")
        back.rect = pygame.Rect(0, 0, m.body * 8, button_h)
        back.rect.bottomright = (width - m.unit * 4, height - m.unit * 3)
        # The places scroll when they do not all fit (many drives, 200 % text) above the
        # typed path, kept in view with room under it for three lines of progress.
        lowest_path_y = back.rect.top - m.unit * 3 - m.body * 5 - m.unit - button_h
        list_width = width - m.unit * 9
        buttons = []
        for index, (label, detail, action) in enumerate(self.entries()):
            button = Button(f"folder:{index}", action=action, label=label, detail=detail,
                            icon="back" if isinstance(action, ShowPlaces) else "doc", style="choice",
                            enabled=not busy, scrolls=True)
            button.rect = pygame.Rect(m.unit * 4, y, list_width,
                                      max(button_h, button.needed_height(self.app.ui, list_width)))
            y = button.rect.bottom + m.unit * 2
            buttons.append(button)
        if y + m.unit <= lowest_path_y:
            self.viewport, self.scroll = None, 0
            path_y = y + m.unit
        elif buttons:
            top = buttons[0].rect.top
            self.viewport = pygame.Rect(m.unit * 4, top, list_width, lowest_path_y - m.unit * 3 - top)
            end = y - m.unit * 2  # of the list, not scrolled
            self.scroll = max(0, min(self.scroll, end - self.viewport.bottom))
            self.content_bottom = end - self.scroll
            for button in buttons:
                button.rect.y -= self.scroll
            path_y = lowest_path_y
        else:
            self.viewport, self.scroll = None, 0
            path_y = lowest_path_y
        self.widgets += buttons
        self.path_field.rect = pygame.Rect(m.unit * 4, path_y, width - m.unit * 8 - m.body * 9, button_h)
        use = Button("use-path", action=UseTypedPath(), label=_("Choisir"), icon="check", enabled=not busy)
        use.rect = pygame.Rect(self.path_field.rect.right + m.unit * 2, self.path_field.rect.y, m.body * 7, button_h)
        self.widgets += [self.path_field, use, back]
        self.message_y = self.path_field.rect.bottom + m.unit * 3
        self.message_bottom = back.rect.top - m.unit * 2
        if busy or (self.listing is not None and not self.listing.finished):
            cancel = Button("cancel", action=CancelWork(), label=_("Annuler"), icon="back")
            cancel.rect = pygame.Rect(0, 0, m.body * 8, button_h)
            cancel.rect.bottomright = (back.rect.left - m.unit * 3, back.rect.bottom)
            self.widgets.append(cancel)
            work = self.work
            progress = work.job.progress if work else None
            if work is not None and progress is not None:
                self.message = "\n".join((ngettext(
                    "{n} fichier ou dossier vu", "{n} fichiers ou dossiers vus", progress.count).format(
                        n=progress.count), work.doing,
                    "…" + progress.where[-60:] if len(progress.where) > 60 else progress.where))

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        surface.fill(ui.palette.background)
        header(surface, ui, self.title)
        if self.message:
            text = ui.text.render(self.message, ui.metrics.body, ui.palette.text, surface.get_width() - ui.metrics.unit * 8)
            clip = surface.get_clip()  # never over the buttons at the bottom (200 % text)
            surface.set_clip(pygame.Rect(0, self.message_y, surface.get_width(), self.message_bottom - self.message_y))
            surface.blit(text, (ui.metrics.unit * 4, self.message_y))
            surface.set_clip(clip)
        self.draw_widgets(surface)

    def on_action(self, action, widget) -> None:
        match action:
            case Back():
                self.leave()
            case CancelWork() if self.work is not None:
                self.work.job.cancel()
            case CancelWork() if self.listing is not None and not self.listing.finished:
                self.listing.cancel()  # the list goes back to the places when it stops
            case _ if self.work is not None:
                return  # one thing at a time
            case OpenFolder(path):
                self.browse(path)
            case ShowPlaces():
                self.browse(None)
            case ChooseFolder(path):
                self.start(path)
            case UseTypedPath() if self.path_field.value.strip():
                self.start(Path(self.path_field.value.strip()).expanduser())

    def start(self, folder: Path) -> None:
        outcome = self.done(folder)
        if isinstance(outcome, Work):
            self.work, self.message = outcome, outcome.doing
        else:
            self.message = outcome
        self.relayout()

    def leave(self) -> None:
        if self.work is not None:  # stops at its next step; its result is not used
            self.work.job.cancel()
            self.work = None
        self.app.pop()

    def on_submit_text(self, widget) -> None:
        self.on_action(UseTypedPath(), widget)

    def on_escape(self) -> None:
        self.leave()
