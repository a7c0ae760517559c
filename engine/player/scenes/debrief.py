"""The end: the ending reached, the score broken down puzzle by puzzle, what was
learned method by method, and the credits. Long content scrolls."""

from __future__ import annotations

import pygame

from ...core import puzzles as ptypes
from ...core.scoring import puzzle_points
from ...i18n import _, ngettext
from ...session import Session, discard_save
from .. import actions as act
from .. import gfx
from ..scene import Scene
from ..widgets import Button
from .common import header, header_height


class DebriefScene(Scene):
    def __init__(self, app, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.game = session.game
        self.scroll = 0
        self.result: dict | None = None
        self.kept = ""
        self.unwritten = False  # the result file could not be written on this computer
        self._keep_result()

    def exit(self) -> None:
        self.session.release()

    def _keep_result(self) -> None:
        """The attempt becomes a result file kept in the user's results folder (nothing is
        lost), and the game's save is removed: there is nothing left to resume. When the
        file cannot be written (a full disk), the save stays, so that « Reprendre »
        comes back here, and a USB key or another folder is offered."""
        from ...paths import user_home
        from ...results.resultfile import result_from_session, write_result
        from ...storage import reason

        session = self.session
        if session.player:
            try:
                self.result = result_from_session(session, session.player, group=session.group,
                                                  team=session.player if session.members else "",
                                                  members=session.members, started_at=session.started_at)
            except ValueError as error:
                self.kept = _("Le résultat n’a pas pu être enregistré : {why}").format(why=error)
            else:
                try:
                    write_result(self.result, user_home() / "results")
                    self.kept = _("Résultat enregistré sur cet ordinateur.")
                except OSError as error:
                    self.unwritten = True
                    self.kept = _("Le résultat n’a pas pu être enregistré sur cet ordinateur : {why}. "
                                  "Enregistre-le sur une clé USB ou dans un autre dossier avec le "
                                  "bouton ci-dessous.").format(why=reason(error)) + " " + (
                        _("En attendant, la partie reste sauvegardée : « Reprendre » sur l’accueil "
                          "ramène ici.") if session.save_problem is None else
                        _("La partie n’a pas pu être sauvegardée non plus : ne quitte pas cet écran "
                          "avant d’avoir enregistré le résultat."))
        if not self.unwritten:
            discard_save(session)

    def _save_to(self, folder) -> str:
        from ...results.resultfile import write_result
        from ...storage import reason

        assert self.result is not None  # the button is offered only with a result
        try:
            path = write_result(self.result, folder)
        except OSError as error:
            return _("Impossible d’écrire dans ce dossier : {why}. Choisis un autre dossier ou une "
                     "autre clé.").format(why=reason(error))
        if self.unwritten:  # handed over: nothing is left to resume
            self.unwritten = False
            discard_save(self.session)
        return _("Résultat enregistré : {path}. Remets ce fichier à ton enseignante ou ton enseignant.").format(
            path=path)

    @property
    def locale(self) -> str:
        return self.app.prefs["language"]

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        self.header_height = header_height(self.app.ui, width, _("Débriefing"), self.game.title.get(self.locale))
        button_h = m.body + m.unit * 4
        self.view = pygame.Rect(m.unit * 4, self.header_height + m.unit * 3, width - m.unit * 8,
                                height - self.header_height - button_h - m.unit * 9)
        self.content = self._render(self.view.width)
        home = Button("home", label=_("Retour à l’accueil"), icon="home", style="primary", action=act.GoHome())
        label_w = self.app.ui.text.render(home.label, m.body, (0, 0, 0), bold=True).get_width()
        home.rect = pygame.Rect(0, 0, label_w + m.body + m.unit * 8, button_h)
        home.rect.bottomright = (width - m.unit * 4, height - m.unit * 3)
        self.widgets = [home]
        if self.result is not None:
            label = _("Enregistrer le résultat sur une clé ou dans un dossier")
            save = Button("save-result", label=label, icon="doc", action=act.SaveResult(),
                          style="primary" if self.unwritten else "secondary")
            label_w = self.app.ui.text.render(label, m.body, (0, 0, 0), bold=self.unwritten).get_width()
            save.rect = pygame.Rect(m.unit * 4, home.rect.y, min(label_w + m.body + m.unit * 8,
                                                                  home.rect.left - m.unit * 8), button_h)
            save.rect.height = max(button_h, save.needed_height(self.app.ui, save.rect.width))
            save.rect.bottom = home.rect.bottom
            self.widgets.insert(0, save)
        self._place_more(width)
        self.scroll = min(self.scroll, max(0, self.content.get_height() - self.view.height))
        self.focus = self.widgets[0] if self.unwritten else home

    def _place_more(self, width: int) -> None:
        """Where « Fais défiler… » goes when the content is taller than its view: in the
        widest gap of the foot beside the buttons where it fits, else on a line of its own
        above them (the view shorter by that line). It was wrapped into a negative width
        left of the save button, drawn letter by letter under it (« F », « s »)."""
        ui, m = self.app.ui, self.app.ui.metrics
        self.more: tuple[pygame.Surface, tuple[int, int]] | None = None
        if self.content.get_height() <= self.view.height:
            return
        words = _("Fais défiler pour lire la suite (molette, flèches).")
        line = ui.text.render(words, m.small, ui.palette.muted)
        foot = sorted((w.rect for w in self.widgets), key=lambda r: r.x)
        edges = [m.unit * 4] + [x for r in foot for x in (r.left - m.unit * 2, r.right + m.unit * 2)] + \
            [width - m.unit * 4]
        gaps = [(edges[i], edges[i + 1]) for i in range(0, len(edges) - 1, 2) if edges[i + 1] > edges[i]]
        top, bottom = min(r.top for r in foot), max(r.bottom for r in foot)
        for left, right in sorted(gaps, key=lambda g: g[0] - g[1]):  # the widest first
            rendered = line if right - left >= line.get_width() else (
                ui.text.render(words, m.small, ui.palette.muted, right - left) if right - left >= m.body * 8 else None)
            if rendered is not None and rendered.get_height() <= bottom - top:
                self.more = (rendered, (left, (top + bottom - rendered.get_height()) // 2))
                return
        rendered = ui.text.render(words, m.small, ui.palette.muted, self.view.width)
        self.view.height -= rendered.get_height() + m.unit
        self.more = (rendered, (self.view.x, self.view.bottom + m.unit))

    def _render(self, width: int) -> pygame.Surface:
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        parts: list[tuple[pygame.Surface, int]] = []
        ending = self.game.endings.get(self.session.state.ending or "")
        if ending:
            parts.append((ui.text.render(ending.title.get(self.locale), m.title, p.text, width, bold=True), m.unit * 2))
            parts.append((ui.text.render(ending.text.get(self.locale), m.body, p.text, width), m.unit * 4))
        score = self.session.score()
        if self.kept:  # a result that could not be written is said as loudly as the score
            parts.append((ui.text.render(self.kept, m.body if self.unwritten else m.small,
                                         p.danger if self.unwritten else p.muted, width,
                                         bold=self.unwritten), m.unit * 2))
        line = " · ".join((
            _("Score : {points} sur {max}").format(points=score.points, max=score.max_points),
            (ngettext("{n} énigme résolue sur {total}", "{n} énigmes résolues sur {total}", score.solved)
             if self.game.genre == "escape" else
             ngettext("{n} bonne réponse sur {total}", "{n} bonnes réponses sur {total}", score.solved)).format(
                n=score.solved, total=score.total),
            ngettext("{n} indice", "{n} indices", score.hints).format(n=score.hints)))
        parts.append((ui.text.render(line, m.body, p.accent, width, bold=True), m.unit * 2))
        if len(score.by_team) > 1:
            teams = " · ".join(ngettext("{team} : {n} point", "{team} : {n} points", points).format(team=team, n=points)
                               for team, points in score.by_team.items())
            parts.append((ui.text.render(teams, m.body, p.text, width), m.unit * 2))
        state = self.session.state
        row_h = m.body + m.unit * 2
        played = [pid for pid in (state.queue or self.game.puzzles.keys())]
        table = pygame.Surface((width, row_h * len(played) + m.unit), pygame.SRCALPHA)
        for index, pid in enumerate(played):
            puzzle, progress = self.game.puzzles[pid], state.puzzle(pid)
            y = index * row_h
            ok = progress.status == "solved"
            word = {"solved": _("réussie"), "failed": _("manquée"), "skipped": _("passée"),
                    "open": _("pas tentée")}[progress.status]
            gfx.icon(table, "check" if ok else "cross", (m.body // 2, y + row_h // 2), m.body,
                     p.success if ok else p.muted)
            label = ui.text.render(puzzle.label(self.locale), m.small, p.text, width * 6 // 10)
            table.blit(label, (m.body + m.unit * 2, y + (row_h - label.get_height()) // 2))
            detail = f"{word} · {puzzle_points(puzzle, progress)}/{puzzle.points}"
            if not ptypes.get(puzzle.type).scored:  # a poll: answered or not, nothing to count
                detail = _("sondage : répondu") if ok else word
            if progress.hints:
                detail += " · " + ngettext("{n} indice", "{n} indices", progress.hints).format(n=progress.hints)
            text = ui.text.render(detail, m.small, p.muted)
            table.blit(text, (width - text.get_width(), y + (row_h - text.get_height()) // 2))
        parts.append((table, m.unit * 4))
        if self.game.methods:
            parts.append((ui.text.render(_("Ce que tu as appris"), m.title, p.text, width, bold=True), m.unit * 2))
            if self.game.debrief_intro:
                parts.append((ui.text.render(self.game.debrief_intro.get(self.locale), m.body, p.text, width), m.unit * 2))
            for method in self.game.methods:
                parts.append((ui.text.render(method.title.get(self.locale), m.body, p.accent, width, bold=True), m.unit))
                parts.append((ui.text.render(method.text.get(self.locale), m.body, p.text, width), m.unit * 3))
        if self.game.credits:
            parts.append((ui.text.render(self.game.credits.get(self.locale), m.small, p.muted, width), 0))
        total = sum(s.get_height() + gap for s, gap in parts)
        out = pygame.Surface((width, max(1, total)), pygame.SRCALPHA)
        y = 0
        for surface, gap in parts:
            out.blit(surface, (0, y))
            y += surface.get_height() + gap
        return out

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        surface.fill(ui.palette.background)
        header(surface, ui, _("Débriefing"), self.game.title.get(self.locale))
        clip = surface.get_clip()
        surface.set_clip(self.view)
        surface.blit(self.content, (self.view.x, self.view.y - self.scroll))
        surface.set_clip(clip)
        if self.more is not None:  # beside the buttons at the foot, never under them
            surface.blit(*self.more)
        self.draw_widgets(surface)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-event.y * self.app.ui.metrics.wheel_step)
            return
        super().handle(event)

    def scroll_by(self, amount: int) -> None:
        self.scroll = min(max(0, self.content.get_height() - self.view.height), max(0, self.scroll + amount))
        self.app.dirty = True

    def on_key(self, event: pygame.event.Event) -> bool:
        step = {pygame.K_DOWN: 3, pygame.K_UP: -3, pygame.K_PAGEDOWN: 12, pygame.K_PAGEUP: -12}.get(event.key)
        if step is None:
            return False
        self.scroll_by(step * self.app.ui.metrics.body)
        return True

    def on_action(self, action, widget) -> None:
        from .folder import FolderScene

        match action:
            case act.GoHome():
                self.app.home()
            case act.SaveResult():
                self.app.push(FolderScene(self.app, _("Où enregistrer le résultat ?"), self._save_to))

    def on_escape(self) -> None:
        self.app.home()
