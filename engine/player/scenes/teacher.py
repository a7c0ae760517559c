"""The teacher's screen: pick the folder where the pupils' result files were
collected, see the class summary, export it (CSV for the spreadsheet, an HTML page to
print, JSON). The same computation as ``sesame report``."""

from __future__ import annotations

from pathlib import Path

import pygame

from ...i18n import _
from ...results.report import summarise
from ...results.resultfile import find_result_files, read_results
from ...results.summary import build, describe
from ..jobs import Job, Progress
from ..scene import Scene
from ..widgets import Button, Widget
from .common import header
from .folder import FolderScene, Work


class TeacherScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.source: Path | None = None
        self.lines: list[str] = []

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        button_h = m.body + m.unit * 4
        top = m.unit * 4 + m.title + m.unit * 5
        choose = Button("choose", label=_("Choisir le dossier des fichiers de résultats"), icon="doc",
                        style="primary", action=("choose",))
        choose_w = min(width - m.unit * 8, self.app.ui.text.render(choose.label, m.body, (0, 0, 0), bold=True).get_width()
                       + m.body + m.unit * 8)
        choose.rect = pygame.Rect(m.unit * 4, top, choose_w, max(button_h, choose.needed_height(self.app.ui, choose_w)))
        widgets: list[Widget] = [choose]
        if self.source is not None and self.summary is not None:
            export = Button("export", label=_("Exporter la synthèse"), icon="check", action=("export",))
            export_w = self.app.ui.text.render(export.label, m.body, (0, 0, 0)).get_width() + m.body + m.unit * 8
            if choose.rect.right + m.unit * 3 + export_w <= width - m.unit * 4:
                export.rect = pygame.Rect(choose.rect.right + m.unit * 3, top, export_w, button_h)
            else:  # large text: below
                export.rect = pygame.Rect(m.unit * 4, choose.rect.bottom + m.unit * 2, export_w, button_h)
            top = max(top, export.rect.bottom - button_h)
            widgets.append(export)
        back = Button("back", label=_("Retour"), icon="back", action=("back",))
        back.rect = pygame.Rect(0, 0, m.body * 8, button_h)
        back.rect.bottomright = (width - m.unit * 4, height - m.unit * 3)
        widgets.append(back)
        self.widgets = widgets
        below = max(w.rect.bottom for w in widgets if w is not back)
        self.viewport = pygame.Rect(m.unit * 4, below + m.unit * 4, width - m.unit * 9, back.rect.top - below - m.unit * 7)

    summary = None

    def read_from(self, folder: Path) -> Work:
        """Read the folder's result files on a worker thread (a « Documents » of thousands
        of files takes a while), then show the summary."""
        def work(progress: Progress):
            paths = find_result_files([folder], on_entry=progress.step)
            def counted(paths):
                for path in paths:
                    progress.step(path)
                    yield path

            return read_results(counted(paths))

        def then(reading) -> str:
            self.show(folder, reading)
            return ""

        return Work(Job(work), then, _("Lecture des fichiers de résultats…"))

    def show(self, folder: Path, reading) -> None:
        self.source = folder
        lines = [str(p) for p in reading.problems]
        if not reading.results:
            self.summary = None
            self.lines = [_("Aucun fichier de résultat utilisable dans {folder}.").format(folder=folder)] + lines
        else:
            self.summary = summarise(reading.results, "first", notes=lines)
            o = self.summary.overview
            self.lines = [
                _("{game} : {pupils} élèves ou équipes, {finished} ont fini").format(
                    game=self.summary.game_title, pupils=o.pupils, finished=o.finished),
                _("Score moyen : {mean} % ; score médian : {median} %").format(
                    mean=round(o.mean_score_pct or 0), median=round(o.median_score_pct or 0)),
                "",
                _("Réussite question par question :"),
            ] + [
                _("{n}. {label} — {pct} % de réussite{hard}").format(
                    n=q.number, label=q.label, pct="–" if q.success_pct is None else round(q.success_pct),
                    hard=_(" (peu réussie : à reprendre en classe)") if q.hard else "")
                for q in self.summary.questions
            ] + ([""] + lines if lines else [])
        self.app.pop()
        self.scroll = 0
        self.relayout()

    def export_to(self, folder: Path) -> Work:
        assert self.source is not None
        source = self.source

        def then(built) -> str:
            if built.summary is None:
                return _("Aucun fichier de résultat utilisable.")
            return describe(built, folder)

        return Work(Job(lambda progress: build([source], folder)), then,
                    _("Écriture de la synthèse…"),
                    failure=_("Impossible d’écrire dans ce dossier : {why}"))

    def compose(self, surface: pygame.Surface) -> None:
        viewport = self.viewport
        assert viewport is not None  # laid out before it is used
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        surface.fill(p.background)
        header(surface, ui, _("Synthèse de classe"))
        text = "\n".join(self.lines) if self.lines else _(
            "Rassemblez les fichiers de résultats des élèves dans un dossier (clé USB, ENT), puis "
            "choisissez ce dossier : Sésame calcule la synthèse de la classe, question par question.")
        rendered = ui.text.render(text, m.body, p.text, viewport.width - m.unit * 2)
        self.content_bottom = viewport.y + rendered.get_height() - self.scroll
        clip = surface.get_clip()
        surface.set_clip(viewport)
        surface.blit(rendered, (viewport.x, viewport.y - self.scroll))
        surface.set_clip(clip)
        self.draw_widgets(surface)

    def on_action(self, action, widget) -> None:
        if action[0] == "back":
            self.app.pop()
        elif action[0] == "choose":
            self.app.push(FolderScene(self.app, _("Où sont les fichiers de résultats ?"), self.read_from))
        elif action[0] == "export":
            self.app.push(FolderScene(self.app, _("Où écrire la synthèse ?"), self.export_to))

    def on_escape(self) -> None:
        self.app.pop()
