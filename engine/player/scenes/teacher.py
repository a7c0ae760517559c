"""The teacher's screen: browse to the folder where the pupils' result files were
collected, see the class summary (the one-page summary, the pupils, the pupil ×
question grid, the questions), choose which attempt counts, and export it: the
spreadsheet (.xlsx, the main export), the CSV for a French Excel, the page to print
(.html). The same computation as ``sesame report``; reading runs in the background
with its progress shown (``FolderScene``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from ...core.text import french
from ...i18n import _, ngettext
from ...results.gametexts import game_texts
from ...results.report import (
    CELL_OK,
    CELL_OPEN,
    CELL_PARTLY,
    CELL_POLL,
    CELL_TIMEOUT,
    CELL_WRONG,
    CELLS,
    HARD_PCT,
    ClassSummary,
    GameTexts,
    answer_change,
    cell_mark,
    end_label,
    grid_legend,
    grid_mark,
    next_to_rework,
    right_answers,
    summarise,
)
from ...results.resultfile import Reading, find_result_files, read_results
from ...results.summary import build, describe
from ..actions import Action, Back
from ..jobs import Job, Progress
from ..scene import Scene
from ..widgets import Button, Widget
from .common import header
from .folder import FolderScene, Work

VIEWS = ("summary", "pupils", "grid", "questions")
RULES = ("first", "best", "last")


@dataclass(frozen=True)
class ChooseResults(Action):
    """Browse to the folder of result files."""


@dataclass(frozen=True)
class ExportAs(Action):
    """Write the summary in one format (``xlsx``, ``csv`` or ``html``) into a folder."""

    format: str


@dataclass(frozen=True)
class ShowView(Action):
    view: str


@dataclass(frozen=True)
class CountAttempt(Action):
    """Which of a pupil's attempts counts: ``first``, ``best`` or ``last``."""

    rule: str


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value)}\u202f%"


def _clip(text: str, limit: int = 240) -> str:
    """A long explanation cut at a word, so the summary stays short to read."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


class TeacherScene(Scene):
    def __init__(self, app) -> None:
        super().__init__(app)
        self.source: Path | None = None
        self.lines: list[str] = []
        self.reading: Reading | None = None
        self.texts: GameTexts | None = None
        self.summary: ClassSummary | None = None
        self.view = "summary"
        self.rule = "first"
        self.content_top = 0  # where the text starts, before scrolling

    # --- layout ---------------------------------------------------------------------

    def _button(self, ident: str, label: str, action: Action, x: int, y: int, **style: Any) -> Button:
        m = self.app.ui.metrics
        button = Button(ident, label=label, action=action, **style)
        width = self.app.ui.text.render(label, m.body, (0, 0, 0), bold=style.get("style") == "primary").get_width()
        button.rect = pygame.Rect(x, y, width + m.body + m.unit * 8, m.body + m.unit * 4)
        return button

    def _row(self, buttons: list[Button], y: int) -> int:
        """Place ``buttons`` left to right from ``y``, wrapping; returns the bottom."""
        m = self.app.ui.metrics
        width = self.app.size[0]
        x, bottom = m.unit * 4, y
        for button in buttons:
            if x > m.unit * 4 and x + button.rect.width > width - m.unit * 4:
                x, y = m.unit * 4, bottom + m.unit * 2
            button.rect.topleft = (x, y)
            button.rect.width = min(button.rect.width, width - m.unit * 8)
            x = button.rect.right + m.unit * 2
            bottom = max(bottom, button.rect.bottom)
        return bottom

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        top = m.unit * 4 + m.title + m.unit * 5
        choose = self._button("choose", _("Choisir le dossier des fichiers de résultats"), ChooseResults(), 0, 0,
                              icon="doc", style="primary" if self.summary is None else "secondary")
        first_row = [choose]
        if self.summary is not None:
            first_row += [
                self._button("export", _("Exporter le tableur (.xlsx)"), ExportAs("xlsx"), 0, 0, icon="check",
                             style="primary"),
                self._button("export-csv", _("CSV"), ExportAs("csv"), 0, 0),
                self._button("export-html", _("Page à imprimer (.html)"), ExportAs("html"), 0, 0)]
        below = self._row(first_row, top)
        widgets: list[Widget] = list(first_row)
        if self.summary is not None:
            names = {"summary": _("Résumé"), "pupils": _("Élèves"), "grid": _("Grille"),
                     "questions": _("Questions")}
            rules = {"first": _("1re tentative"), "best": _("la meilleure"), "last": _("la dernière")}
            second = [self._button(f"view:{v}", names[v], ShowView(v), 0, 0, style="choice", selected=v == self.view)
                      for v in VIEWS]
            second += [self._button(f"rule:{r}", rules[r], CountAttempt(r), 0, 0, style="choice",
                                    selected=r == self.rule) for r in RULES]
            below = self._row(second, below + m.unit * 3)
            widgets += second
        back = Button("back", label=_("Retour"), icon="back", action=Back())
        back.rect = pygame.Rect(0, 0, m.body * 8, m.body + m.unit * 4)
        back.rect.bottomright = (width - m.unit * 4, height - m.unit * 3)
        self.content_top = below + m.unit * 4
        self.viewport = pygame.Rect(m.unit * 4, self.content_top, width - m.unit * 9,
                                    back.rect.top - below - m.unit * 7)
        if self.viewport.height < height // 3:
            # Large text: the buttons would leave no room to read. They scroll with the
            # summary, in one viewport under the title.
            self.viewport = pygame.Rect(m.unit * 4, top - m.unit, width - m.unit * 9,
                                        back.rect.top - top - m.unit * 2)
            for widget in widgets:
                widget.scrolls = True
                widget.rect.y -= self.scroll
        # The text is drawn at content_top - scroll: it moves up in the viewport as it scrolls.
        widgets.append(back)
        self.widgets = widgets

    # --- reading --------------------------------------------------------------------

    def read_from(self, folder: Path) -> Work:
        """Read the folder's result files on a worker thread (a « Documents » of thousands
        of files takes a while), then show the summary."""
        def work(progress: Progress) -> tuple[Reading, GameTexts | None]:
            paths = find_result_files([folder], on_entry=progress.step)

            def counted(paths):
                for path in paths:
                    progress.step(path)
                    yield path

            reading = read_results(counted(paths))
            return reading, game_texts(reading.game_id) if reading.results else None

        def then(outcome: tuple[Reading, GameTexts | None]) -> str:
            self.show(folder, *outcome)
            return ""

        return Work(Job(work), then, _("Lecture des fichiers de résultats…"))

    def show(self, folder: Path, reading: Reading, texts: GameTexts | None = None) -> None:
        self.source, self.reading, self.texts = folder, reading, texts
        self.summarise()
        self.app.pop()
        self.scroll = 0
        self.relayout()

    def summarise(self) -> None:
        reading = self.reading
        assert reading is not None
        notes = [str(p) for p in reading.problems]
        if not reading.results:
            self.summary = None
            self.lines = [_("Aucun fichier de résultat utilisable dans {folder}.").format(folder=self.source)] + notes
            return
        self.summary = summarise(reading.results, self.rule, notes=notes, texts=self.texts)  # type: ignore[arg-type]
        self.lines = self.view_lines()

    # --- the views as text ----------------------------------------------------------

    def view_lines(self) -> list[str]:
        s = self.summary
        assert s is not None
        if self.view == "pupils":
            return self.pupil_lines(s)
        if self.view == "questions":
            return self.question_lines(s)
        if self.view == "grid":
            return [_("Élève × question : ") + grid_legend(s)]
        return self.summary_lines(s)

    def summary_lines(self, s: ClassSummary) -> list[str]:
        o = s.overview
        lines = [
            _("{game} : {pupils} élèves ou équipes").format(game=s.game_title, pupils=o.pupils),
            _("Score moyen : {mean} ; juste du premier coup : {first} ; complétion : {done}").format(
                mean=_pct(o.mean_score_pct), first=_pct(o.first_try_pct), done=_pct(o.mean_completion_pct)),
            _("Fins de partie — {ends}").format(ends=" ; ".join(f"{end_label(e)}\u00a0:\u00a0{n}" for e, n in o.ends)),
        ]
        if o.homonyms:
            lines.append(ngettext("⚠ {n} élève partage son pseudonyme avec un autre (« même pseudonyme »).",
                                  "⚠ {n} élèves partagent leur pseudonyme avec un autre (« même pseudonyme »).",
                                  o.homonyms).format(n=o.homonyms))
        if o.timeouts:
            lines.append(ngettext("{n} question perdue faute de temps (comptée à part des erreurs).",
                                  "{n} questions perdues faute de temps (comptées à part des erreurs).",
                                  o.timeouts).format(n=o.timeouts))
        hard = sorted((q for q in s.questions if q.hard), key=lambda q: (q.success_pct or 0, q.number))
        lines += ["", _("Questions à retravailler (moins de {pct} % de réussite) :").format(pct=int(HARD_PCT))]
        for q in hard:
            wrong = (" — " + _("réponse fausse la plus choisie : « {answer} » ({n})").format(
                answer=french(answer_change(q.wrong_answer, right_answers(q))), n=q.wrong_answer_count)
                if q.wrong_answer else "")
            lines.append(_("{n}. {label} — {pct} de réussite, {points} des points (peu réussie)").format(
                n=q.number, label=french(q.label), pct=_pct(q.success_pct), points=_pct(q.points_pct)) + wrong)
            if q.explanation:
                lines.append("→ " + _clip(q.explanation))
        if not hard:
            lines.append(_("aucune"))
        by_first_try, following = next_to_rework(s.questions)
        if following and len(hard) < 3:
            # Locks retried until they open (an escape game): first tries tell.
            lines += ["", _("Les moins réussies du premier coup :") if by_first_try
                      else _("Les moins réussies ensuite :")]
            for q in following[:5]:
                if by_first_try:
                    lines.append(_("{n}. {label} — {pct} du premier coup, {wrong} réponses fausses par élève").format(
                        n=q.number, label=french(q.label), pct=_pct(q.first_try_pct),
                        wrong=f"{q.mean_wrong or 0:.1f}".replace(".", ",")))
                else:
                    lines.append(_("{n}. {label} — {pct} de réussite, {points} des points").format(
                        n=q.number, label=french(q.label), pct=_pct(q.success_pct), points=_pct(q.points_pct)))
                if q.explanation:
                    lines.append("→ " + _clip(q.explanation))
        helped = sorted((g for g in s.skills if g.needs_help), key=lambda g: (g.shown_pct or 0, g.label))
        if helped:
            lines += ["", _("Compétences à reprendre, et avec qui :")]
            for g in helped:
                figure = (_("{pct} du premier coup") if g.help_on == "first_try" else _("{pct} des points")).format(
                    pct=_pct(g.shown_pct))
                lines.append(f"{g.label} ({figure}) : {', '.join(g.needs_help)}")
                if g.description:
                    lines.append("→ " + _clip(g.description))
        polls = [q for q in s.questions if not q.scored]
        if polls:
            lines += ["", _("Sondages :")]
            lines += [f"{french(q.label)} — " + ", ".join(f"{french(t)} : {n}" for t, n, _r in q.distribution)
                      for q in polls]
        return lines + ([""] + list(s.notes) if s.notes else [])

    def pupil_lines(self, s: ClassSummary) -> list[str]:
        lines = []
        for p in s.pupils:
            who = p.label + (" ⚠ " + _("même pseudonyme") if p.homonym else "")
            group = f" — {p.group}" if p.group else ""
            tries = (" — " + ngettext("{n} tentative", "{n} tentatives", p.attempts).format(n=p.attempts)
                     if p.attempts > 1 else "")
            timeouts = f", {p.timeouts} ◔" if p.timeouts else ""
            lines.append(_("{who}{group} — {score} — {end} — {ok} ✓ ({first} du premier coup), {partly} ≈, "
                           "{wrong} ✗{timeouts}{tries}").format(
                who=who, group=group, score=_pct(p.score_pct), end=end_label(p.end), ok=p.solved,
                first=p.first_try, partly=p.partly, wrong=sum(1 for _n, k in p.cells if k == CELL_WRONG),
                timeouts=timeouts, tries=tries))
        return lines

    def question_lines(self, s: ClassSummary) -> list[str]:
        lines = []
        for q in s.questions:
            if not q.scored:
                answers = ", ".join(f"{t} : {n}" for t, n, _r in q.distribution)
                lines.append(_("{n}. {label} — sondage : {answers}").format(n=q.number, label=french(q.label),
                                                                            answers=answers))
                continue
            lines.append(_("{n}. {label} — {pct} de réussite, {first} du premier coup{partly}{hard}").format(
                n=q.number, label=french(q.label), pct=_pct(q.success_pct), first=_pct(q.first_try_pct),
                partly=(", " + ngettext("{k} en partie ({points} des points)", "{k} en partie ({points} des points)",
                                        q.partly).format(k=q.partly, points=_pct(q.points_pct)))
                if q.partly else "",
                hard=" " + _("(peu réussie : à reprendre en classe)") if q.hard else ""))
        return lines

    # --- export ---------------------------------------------------------------------

    def export_to(self, folder: Path, fmt: str = "xlsx") -> Work:
        assert self.source is not None
        source, rule, texts = self.source, self.rule, self.texts

        def then(built) -> str:
            if built.summary is None:
                return _("Aucun fichier de résultat utilisable.")
            return describe(built, folder)

        return Work(Job(lambda progress: build([source], folder, rule,  # type: ignore[arg-type]
                                               texts=texts or False, formats=(fmt,))), then,
                    _("Écriture de la synthèse…"), failure=_("Impossible d’écrire dans ce dossier : {why}"))

    # --- drawing --------------------------------------------------------------------

    def compose(self, surface: pygame.Surface) -> None:
        viewport = self.viewport
        assert viewport is not None  # laid out before it is used
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        surface.fill(p.background)
        header(surface, ui, _("Synthèse de classe"))
        text = "\n".join(self.lines) if self.lines else _(
            "Rassemblez les fichiers de résultats des élèves dans un dossier (clé USB, ENT), puis "
            "choisissez ce dossier : Sésame calcule la synthèse de la classe, question par question, "
            "élève par élève, et dit qui aider sur quoi.")
        rendered = ui.text.render(text, m.body, p.text, viewport.width - m.unit * 2)
        clip = surface.get_clip()
        surface.set_clip(viewport)
        top = self.content_top - self.scroll
        surface.blit(rendered, (viewport.x, top))
        bottom = top + rendered.get_height()
        if self.view == "grid" and self.summary is not None:
            bottom = self.draw_grid(surface, bottom + m.unit * 2)
        self.content_bottom = bottom
        surface.set_clip(clip)
        self.draw_widgets(surface)

    def draw_grid(self, surface: pygame.Surface, top: int) -> int:
        """The pupil × question grid: a sign per cell (colour is never the only signal)."""
        s = self.summary
        assert s is not None and self.viewport is not None
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        size = m.small
        names = [ui.text.render(pupil.label, size, p.text) for pupil in s.pupils]
        name_w = min(max((n.get_width() for n in names), default=0) + m.unit * 2, self.viewport.width // 3)
        cell = size + m.unit * 2
        colours = {CELL_OK: p.success, CELL_PARTLY: p.warm, CELL_WRONG: p.danger, CELL_TIMEOUT: p.accent,
                   CELL_OPEN: p.surface_alt, CELL_POLL: p.surface}
        marks = {k: ui.text.render(cell_mark(k), size, p.text, bold=True) for k in CELLS}
        again_mark = ui.text.render(grid_mark(CELL_OK, True), size, p.text, bold=True)
        x0 = self.viewport.x
        for col, q in enumerate(s.questions):
            number = ui.text.render(str(q.number), size, p.muted)
            surface.blit(number, (x0 + name_w + col * cell + (cell - number.get_width()) // 2, top))
        y = top + cell
        classes = len({pupil.group for pupil in s.pupils}) > 1
        group: str | None = None
        for pupil, name in zip(s.pupils, names):
            if classes and pupil.group != group:  # each class under its name (« sans classe » last)
                group = pupil.group
                if y + cell >= self.viewport.y and y <= self.viewport.bottom:
                    heading = ui.text.render(group or _("sans classe"), size, p.text, bold=True)
                    surface.blit(heading, (x0, y + (cell - heading.get_height()) // 2))
                y += cell
            if y + cell >= self.viewport.y and y <= self.viewport.bottom:  # only what shows
                surface.blit(name, (x0, y + (cell - name.get_height()) // 2))
                cells, again = dict(pupil.cells), set(pupil.retried)
                for col, q in enumerate(s.questions):
                    kind = cells.get(q.number)
                    rect = pygame.Rect(x0 + name_w + col * cell, y, cell - 2, cell - 2)
                    if kind is None:
                        continue
                    colour = colours[kind]
                    retried = kind == CELL_OK and q.number in again
                    # Solved after wrong answers: a paler green and its own sign.
                    pygame.draw.rect(surface, tuple(c // (5 if retried else 3) + (200 if retried else 170)
                                                    for c in colour[:3]), rect)
                    mark = again_mark if retried else marks[kind]
                    surface.blit(mark, mark.get_rect(center=rect.center))
            y += cell
        return y

    # --- input ----------------------------------------------------------------------

    def on_action(self, action, widget) -> None:
        match action:
            case Back():
                self.app.pop()
            case ChooseResults():
                self.app.push(FolderScene(self.app, _("Où sont les fichiers de résultats ?"), self.read_from))
            case ExportAs(fmt):
                self.app.push(FolderScene(self.app, _("Où écrire la synthèse ?"),
                                          lambda folder: self.export_to(folder, fmt)))
            case ShowView(view):
                self.view, self.scroll = view, 0
                if self.summary is not None:
                    self.lines = self.view_lines()
                self.relayout()
            case CountAttempt(rule):
                self.rule = rule
                if self.reading is not None:
                    self.summarise()
                self.relayout()

    def on_escape(self) -> None:
        self.app.pop()
