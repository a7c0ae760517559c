"""Choosing a folder without a system dialog: the places a pupil or a teacher uses
(a USB key, Documents, the desktop, Sésame's own folder), or a path typed in."""

from __future__ import annotations

import os
import string
import sys
from pathlib import Path
from typing import Callable

import pygame

from ...i18n import _
from ..scene import Scene
from ..widgets import Button, TextInput
from .common import header


def candidate_folders() -> list[tuple[str, Path]]:
    """Folders worth offering, those that exist: removable drives first."""
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
    for label, path in ((_("Documents"), home / "Documents"), (_("Bureau"), home / "Desktop"),
                        (_("Bureau"), home / "Bureau")):
        if path.is_dir():
            found.append((label, path))
    found.append((_("Dossier des résultats de Sésame"), user_dir("results")))
    return found


class FolderScene(Scene):
    """Pick a folder; ``done(path)`` does the work and returns a message to show."""

    def __init__(self, app, title: str, done: Callable[[Path], str]) -> None:
        super().__init__(app)
        self.title = title
        self.done = done
        self.message = ""
        self.path_field = TextInput("path", placeholder=_("Ou tapez le chemin d’un dossier"), max_length=400)

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        button_h = m.body + m.unit * 4
        y = m.unit * 4 + m.title + m.unit * 5
        self.widgets = []
        for index, (label, path) in enumerate(candidate_folders()):
            button = Button(f"folder:{index}", action=("pick", path), label=label, detail=str(path),
                            icon="doc", style="choice")
            button.rect = pygame.Rect(m.unit * 4, y, width - m.unit * 8,
                                      max(button_h, button.needed_height(self.app.ui, width - m.unit * 8)))
            y = button.rect.bottom + m.unit * 2
            self.widgets.append(button)
        self.path_field.rect = pygame.Rect(m.unit * 4, y + m.unit, width - m.unit * 8 - m.body * 9, button_h)
        use = Button("use-path", action=("typed",), label=_("Choisir"), icon="check")
        use.rect = pygame.Rect(self.path_field.rect.right + m.unit * 2, self.path_field.rect.y, m.body * 7, button_h)
        back = Button("back", action=("back",), label=_("Retour"), icon="back", style="primary")
        back.rect = pygame.Rect(0, 0, m.body * 8, button_h)
        back.rect.bottomright = (width - m.unit * 4, height - m.unit * 3)
        self.widgets += [self.path_field, use, back]
        self.message_y = self.path_field.rect.bottom + m.unit * 3

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        surface.fill(ui.palette.background)
        header(surface, ui, self.title)
        if self.message:
            text = ui.text.render(self.message, ui.metrics.body, ui.palette.text, surface.get_width() - ui.metrics.unit * 8)
            surface.blit(text, (ui.metrics.unit * 4, self.message_y))
        self.draw_widgets(surface)

    def on_action(self, action, widget) -> None:
        if action[0] == "back":
            self.app.pop()
        elif action[0] == "pick":
            self.message = self.done(action[1])
            self.relayout()
        elif action[0] == "typed" and self.path_field.value.strip():
            self.message = self.done(Path(self.path_field.value.strip()).expanduser())
            self.relayout()

    def on_submit_text(self, widget) -> None:
        self.on_action(("typed",), widget)

    def on_escape(self) -> None:
        self.app.pop()
