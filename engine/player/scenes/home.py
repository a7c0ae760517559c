"""The home screen: the bundled games and the user's own, as cards; resume; settings."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...content.catalog import Card, list_games
from ...i18n import _
from ...session import resumable_save
from .. import actions as act
from .. import gfx, progress
from ..scene import Scene
from ..widgets import Button, Widget
from .common import GENRE_ICONS, badge, facts_line, genre_name, header, header_height


@dataclass
class GameCard(Widget):
    card: Card | None = None

    def draw(self, surface: pygame.Surface, ui, focused: bool, hovered: bool) -> None:
        card, m, p = self.card, ui.metrics, ui.palette
        assert card is not None
        locale = ui.prefs["language"]
        gfx.shadow(surface, self.rect, m.radius)
        gfx.box(surface, self.rect, p.surface, m.radius, p.accent if hovered else p.border, 2)
        x, y = self.rect.x + m.unit * 3, self.rect.y + m.unit * 3
        width = self.rect.width - m.unit * 6
        outer = surface.get_clip()  # what does not fit stays inside the card (200 % text)
        surface.set_clip(self.rect.inflate(-4, -4).clip(outer))
        badge(surface, ui, (x, y), GENRE_ICONS.get(card.genre, "doc"), genre_name(card.genre), p.accent)
        progress.mark(surface, ui, self.rect, card.id)  # finished here, best score (player/progress.py)
        y += m.small + m.unit * 3
        title = ui.text.render(card.text("title", locale), m.body + m.body // 4, p.text, width, bold=True)
        surface.blit(title, (x, y))
        y += title.get_height() + m.unit
        if card.problem:
            surface.blit(ui.text.render(_("Ce jeu ne peut pas être lu : ") + card.problem, m.small,
                                        p.danger, width), (x, y))
        else:
            facts = facts_line((card.duration_min, card.duration_max), (card.age_min, card.age_max),
                               (card.players_min, card.players_max))
            line = ui.text.render(facts, m.small, p.muted, width)
            surface.blit(line, (x, y))
            y += line.get_height() + m.unit
            # Whole lines only: a summary longer than the card ends with « … ».
            room = self.rect.bottom - y - m.unit * 2
            words = card.text("summary", locale).split(" ")
            summary = ui.text.render(" ".join(words), m.small, p.text, width)
            while summary.get_height() > room and len(words) > 1:
                words = words[: max(1, len(words) * 9 // 10)]
                summary = ui.text.render(" ".join(words).rstrip(" ,;:.") + "…", m.small, p.text, width)
            surface.blit(summary, (x, y))
        surface.set_clip(outer)
        if focused:
            self.draw_focus(surface, ui)


def tagline() -> str:
    return _("Des jeux pour enquêter, débattre et apprendre ensemble.")


class HomeScene(Scene):
    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        self.cards = [c for c in list_games()]
        self.widgets = []
        top = self._tools(width) + m.unit * 4
        # Below the header, one column that scrolls when the games do not fit (four
        # games at 200 % text): resume, the cards, then « Créer ou modifier un jeu ».
        self.viewport = pygame.Rect(m.unit * 4, top, width - m.unit * 9, height - top - m.unit * 2)
        self._games(self._resume(top - self.scroll))

    def _tools(self, width: int) -> int:
        """The tools' buttons beside the title in the band, or with large text in a row
        under it (the tagline then gives its room to the games); returns their bottom."""
        ui = self.app.ui
        m = ui.metrics
        gear = Button("settings", label=_("Réglages"), icon="gear", action=act.OpenSettings())
        bring = Button("import", label=_("Importer un jeu"), icon="doc", action=act.ImportGame(),
                       speech=_("Importer un jeu reçu en fichier .sesame (clé USB, téléchargements, catalogue)"))
        tools = [bring, gear]  # the teachers' space: in Réglages, or Ctrl+Maj+A
        button_h = m.body + m.unit * 4
        for button in tools:
            button.rect = pygame.Rect(0, 0, ui.text.render(button.label, m.body, (0, 0, 0)).get_width()
                                      + m.body + m.unit * 8, button_h)
        gap = m.unit * 3
        row_w = sum(b.rect.width for b in tools) + gap * (len(tools) - 1)
        title_w = ui.text.render("Sésame", m.title, (0, 0, 0), bold=True).get_width()
        beside = m.unit * 4 + title_w + m.unit * 6 + row_w + m.unit * 4 <= width
        # With large text the tagline (no information, only a welcome) gives its room to the games.
        self.subtitle = tagline() if beside else ""
        self.header_height = header_height(self.app.ui, width, "Sésame", self.subtitle)
        if beside:  # beside the title, in the band
            x = width - m.unit * 4
            for button in reversed(tools):
                button.rect.topright = (x, m.unit * 3)
                x = button.rect.left - gap
            below = self.header_height
        else:  # large text: a row under the band, wrapping when it must
            x, y = m.unit * 4, self.header_height + m.unit * 3
            for button in tools:
                button.rect.width = min(button.rect.width, width - m.unit * 8)
                if x + button.rect.width > width - m.unit * 4 and x > m.unit * 4:
                    x, y = m.unit * 4, y + button_h + m.unit * 2
                button.rect.topleft = (x, y)
                x = button.rect.right + gap
            below = y + button_h
        self.widgets += tools
        return below

    def _resume(self, top: int) -> int:
        """« Reprendre » the game saved, first in the column; returns what follows's top."""
        ui = self.app.ui
        m = ui.metrics
        assert self.viewport is not None  # set by layout, first
        resumable = [(c, save) for c in self.cards for save in [resumable_save(c.id)] if save]
        for card, save in resumable[:1]:
            resume = Button(f"resume:{card.id}", label=_("Reprendre « {title} »").format(
                title=card.text("title", ui.prefs["language"])), icon="play", style="primary",
                detail=_("La partie en cours a été sauvegardée."), action=act.ResumeGame(card, save), scrolls=True)
            # As tall as its label and detail need (a long title wraps at 200 % text).
            height = max(m.body * 2 + m.unit * 5, resume.needed_height(ui, self.viewport.width))
            resume.rect = pygame.Rect(m.unit * 4, top, self.viewport.width, height)
            self.widgets.append(resume)
            top = resume.rect.bottom + m.unit * 4
        return top

    def _games(self, top: int) -> None:
        """The games' cards in columns, then « Créer ou modifier un jeu »."""
        ui = self.app.ui
        m = ui.metrics
        assert self.viewport is not None  # set by layout, first
        editor = getattr(self.app, "editor", None)
        create = Button("create", label=_("Créer ou modifier un jeu"), icon="doc", action=act.OpenEditor(),
                        detail=_("L’éditeur est ouvert dans le navigateur : {url}").format(url=editor.url)
                        if editor is not None else _("Dans le navigateur, sans écrire de code"),
                        speech=_("Ouvrir l’éditeur de jeux dans le navigateur"), scrolls=True)
        text_w = max(ui.text.render(create.label, m.body, (0, 0, 0), bold=True).get_width(),
                     ui.text.render(create.detail, m.small, (0, 0, 0)).get_width())
        create_w = min(self.viewport.width, text_w + m.body + m.unit * 10)
        create_h = max(m.body * 2 + m.unit * 5, create.needed_height(ui, create_w))
        columns = max(1, min(3, self.viewport.width // max(1, m.body * 16)))
        gap = m.unit * 4
        rows = max(1, -(-len(self.cards) // columns))
        card_width = (self.viewport.width - gap * (columns - 1)) // columns
        room = self.viewport.bottom - top - create_h - gap * rows
        # never taller than the view: a card only partly in view could not be used
        card_height = min(m.body * 16, max(m.body * 11, room // rows), self.viewport.height)
        for index, card in enumerate(self.cards):
            column, row = index % columns, index // columns
            widget = GameCard(f"game:{card.id}", action=act.OpenGame(card), card=card,
                              speech=card.text("title", ui.prefs["language"]), scrolls=True)
            widget.rect = pygame.Rect(m.unit * 4 + column * (card_width + gap), top + row * (card_height + gap),
                                      card_width, card_height)
            self.widgets.append(widget)
        y = top + rows * (card_height + gap) if self.cards else top + m.body * 3
        create.rect = pygame.Rect(m.unit * 4, y, create_w, create_h)
        self.widgets.append(create)
        self.content_bottom = create.rect.bottom

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        surface.fill(ui.palette.background)
        header(surface, ui, "Sésame", self.subtitle)
        if not self.cards:
            text = ui.text.render(_("Aucun jeu trouvé. Ajoute un dossier de jeu dans ton dossier de jeux."),
                                  ui.metrics.body, ui.palette.text, surface.get_width() - ui.metrics.unit * 8)
            surface.blit(text, (ui.metrics.unit * 4, self.header_height + ui.metrics.unit * 6))
        self.draw_widgets(surface)

    def handle(self, event: pygame.event.Event) -> None:
        # A .sesame file dropped on the open window: its import, as when given to the program.
        if event.type == pygame.DROPFILE and str(event.file).lower().endswith(".sesame"):
            from pathlib import Path

            from .importing import ImportScene, find_packages

            package = Path(event.file)
            self.app.push(ImportScene(self.app, find_packages(package), start=package))
            return
        super().handle(event)

    def on_action(self, action, widget) -> None:
        from .intro import IntroScene
        from .settings import SettingsScene
        from .teacher import TeacherScene

        match action:
            case act.OpenSettings():
                self.app.push(SettingsScene(self.app))
            case act.OpenTeacher():
                self.app.push(TeacherScene(self.app))
            case act.OpenEditor():
                self.open_editor()
            case act.ImportGame():
                from .importing import start_import

                start_import(self.app)
            case act.OpenGame(card) if not card.problem:
                self.app.push(IntroScene(self.app, card.path))
            case act.ResumeGame(card, save):
                self.app.push(IntroScene(self.app, card.path, resume=True, save=save))

    def open_editor(self) -> None:
        """The mediator's editor, served from this program on the loopback address and
        opened in the system browser (started once; asked again, the page reopens)."""
        editor = getattr(self.app, "editor", None)
        if editor is None:
            from ...editor.server import start_in_background

            self.app.editor = start_in_background()
        else:
            from ...editor.browser import open_url

            open_url(editor.url)
        self.relayout()

    def on_key(self, event: pygame.event.Event) -> bool:
        """Ctrl+Maj+A, the facilitator's gesture in a game, opens the teachers' space here
        (also in Réglages): no button on the pupils' home screen leads to the class's results."""
        from .facilitator import is_shortcut

        if is_shortcut(event):
            self.on_action(act.OpenTeacher(), self)
            return True
        return False

    def on_escape(self) -> None:
        self.app.running = False
