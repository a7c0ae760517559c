"""The home screen: the bundled games and the user's own, as cards; resume; settings."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...content.catalog import Card, list_games
from ...i18n import _
from ...session import resumable_save
from .. import gfx
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
        badge(surface, ui, (x, y), GENRE_ICONS.get(card.genre, "doc"), genre_name(card.genre), p.accent)
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
        if focused:
            self.draw_focus(surface, ui)


def tagline() -> str:
    return _("Des jeux pour enquêter, débattre et apprendre ensemble.")


class HomeScene(Scene):
    def layout(self) -> None:
        ui = self.app.ui
        m = ui.metrics
        width, height = self.app.size
        self.cards = [c for c in list_games()]
        self.header_height = header_height(self.app.ui, width, "Sésame", tagline())
        self.widgets = []
        gear = Button("settings", label=_("Réglages"), icon="gear", action=("settings",))
        gear.rect = pygame.Rect(0, 0, m.unit * 6 + m.body * 6, m.body + m.unit * 4)
        gear.rect.topright = (width - m.unit * 4, m.unit * 3)
        teacher = Button("teacher", label=_("Enseignants"), icon="team", action=("teacher",),
                         speech=_("Espace des enseignantes et enseignants : synthèse de classe"))
        teacher_w = self.app.ui.text.render(teacher.label, m.body, (0, 0, 0)).get_width() + m.body + m.unit * 7
        teacher.rect = pygame.Rect(0, 0, teacher_w, gear.rect.height)
        teacher.rect.topright = (gear.rect.left - m.unit * 3, gear.rect.top)
        bring = Button("import", label=_("Importer un jeu"), icon="doc", action=("import",),
                       speech=_("Importer un jeu reçu en fichier .sesame (clé USB, téléchargements, catalogue)"))
        bring_w = self.app.ui.text.render(bring.label, m.body, (0, 0, 0)).get_width() + m.body + m.unit * 7
        bring.rect = pygame.Rect(0, 0, bring_w, gear.rect.height)
        bring.rect.topright = (teacher.rect.left - m.unit * 3, gear.rect.top)
        self.widgets += [gear, teacher, bring]
        top = self.header_height + m.unit * 4
        resumable = [(c, save) for c in self.cards for save in [resumable_save(c.id)] if save]
        for card, save in resumable[:1]:
            resume = Button(f"resume:{card.id}", label=_("Reprendre « {title} »").format(
                title=card.text("title", ui.prefs["language"])), icon="play", style="primary",
                detail=_("La partie en cours a été sauvegardée."), action=("resume", card, save))
            resume.rect = pygame.Rect(m.unit * 4, top, width - m.unit * 8, m.body * 2 + m.unit * 5)
            self.widgets.append(resume)
            top = resume.rect.bottom + m.unit * 4
        columns = max(1, min(3, (width - m.unit * 8) // max(1, m.body * 16)))
        gap = m.unit * 4
        rows = max(1, -(-len(self.cards) // columns))
        card_width = (width - m.unit * 8 - gap * (columns - 1)) // columns
        card_height = min(m.body * 16, max(m.body * 11, (height - top - m.unit * 4 - gap * (rows - 1)) // rows))
        for index, card in enumerate(self.cards):
            column, row = index % columns, index // columns
            widget = GameCard(f"game:{card.id}", action=("open", card), card=card,
                              speech=card.text("title", ui.prefs["language"]))
            widget.rect = pygame.Rect(m.unit * 4 + column * (card_width + gap), top + row * (card_height + gap),
                                      card_width, card_height)
            self.widgets.append(widget)

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        surface.fill(ui.palette.background)
        header(surface, ui, "Sésame", tagline())
        if not self.cards:
            text = ui.text.render(_("Aucun jeu trouvé. Ajoutez un dossier de jeu dans votre dossier de jeux."),
                                  ui.metrics.body, ui.palette.text, surface.get_width() - ui.metrics.unit * 8)
            surface.blit(text, (ui.metrics.unit * 4, self.header_height + ui.metrics.unit * 6))
        self.draw_widgets(surface)

    def on_action(self, action, widget) -> None:
        from .intro import IntroScene
        from .settings import SettingsScene
        from .teacher import TeacherScene

        if action[0] == "settings":
            self.app.push(SettingsScene(self.app))
        elif action[0] == "teacher":
            self.app.push(TeacherScene(self.app))
        elif action[0] == "import":
            from .importing import start_import

            start_import(self.app)
        elif action[0] == "open" and not action[1].problem:
            self.app.push(IntroScene(self.app, action[1].path))
        elif action[0] == "resume":
            self.app.push(IntroScene(self.app, action[1].path, resume=True, save=action[2]))

    def on_escape(self) -> None:
        self.app.running = False
