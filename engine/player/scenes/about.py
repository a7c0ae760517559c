"""« À propos » : what Sésame is, and the credits of what it bundles (fonts, the art
library), read from engine/credits.py, the same list as the static catalogue's.
Reached from the settings screen."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...credits import bundled
from ...i18n import _
from .. import actions as act
from .. import pictures
from ..scene import Scene
from ..widgets import Button
from .common import header, header_height

# A few faces of the library, shown as a greeting (girls and boys, origins, a wheelchair user).
FACES = ("art:fille_a", "art:garcon_b", "art:femme_fauteuil", "art:garcon_a", "art:femme_foulard",
         "art:fille_b", "art:homme_b", "art:personne_canne_blanche")


@dataclass(frozen=True)
class OpenAbout(act.Action):
    """The « À propos » screen (credits of the bundled fonts and pictures)."""


class AboutScene(Scene):
    def title(self) -> str:
        return _("À propos de Sésame")

    def paragraphs(self) -> list[tuple[str, bool]]:
        """(text, bold) in reading order: also what a screen reader would say."""
        out = [(_("Sésame joue des escape games, des quiz et des défis décrits par des fichiers. "
                  "Tout reste sur cet ordinateur : rien n’est envoyé sur Internet."), False),
               (_("Sésame embarque des polices et des images faites par d’autres, sous licence libre. "
                  "Merci à elles et à eux !"), False)]
        titles = {"fonts": _("Polices"), "art": _("Images")}
        kind = ""
        for credit in bundled():
            if credit.kind != kind:
                kind = credit.kind
                out.append((titles.get(kind, kind), True))
            line = " — ".join(x for x in (credit.title, credit.author,
                                           _("licence {licence}").format(licence=credit.licence), credit.url) if x)
            out.append((line, False))
            if credit.note:
                out.append((credit.note, False))
        out.append((_("Le texte de chaque licence est dans le dossier engine/assets de Sésame."), False))
        return out

    def layout(self) -> None:
        ui = self.app.ui
        m = ui.metrics
        width, height = self.app.size
        row_h = m.body + m.unit * 4
        self.top = header_height(ui, width, self.title()) + m.unit * 4
        self.viewport = pygame.Rect(m.unit * 2, self.top - m.unit, width - m.unit * 6,
                                    height - self.top - row_h - m.unit * 6)
        text_w = min(width - m.unit * 10, m.body * 48)
        self.text_w = text_w
        self.face = min(m.body * 4, max(m.body * 2, (text_w - m.unit * 14) // len(FACES)))
        y = self.top + self.face + m.unit * 3
        for text, bold in self.paragraphs():
            size = m.body if not bold else round(m.body * 1.15)
            y += ui.text.height(text, size, text_w, bold=bold) + (m.unit * 2 if not bold else m.unit)
        self.content_bottom = y - self.scroll
        back = Button("done", label=_("Retour"), icon="back", style="primary", action=act.Done())
        back.rect = pygame.Rect(0, 0, m.body * 8, row_h)
        back.rect.bottomright = (width - m.unit * 4, height - m.unit * 4)
        self.widgets = [back]

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        surface.fill(p.background)
        header(surface, ui, self.title())
        clip = surface.get_clip()
        surface.set_clip(self.viewport)
        x = m.unit * 4
        y = self.top - self.scroll
        for i, name in enumerate(FACES):
            center = (x + self.face // 2 + i * (self.face + m.unit * 2), y + self.face // 2)
            pygame.draw.circle(surface, p.surface, center, self.face // 2)
            face = pictures.picture(ui, ".", name, self.face - 6, self.face - 6)
            surface.blit(face, face.get_rect(center=center))
            pygame.draw.circle(surface, p.border, center, self.face // 2, 2)
        y += self.face + m.unit * 3
        for text, bold in self.paragraphs():
            size = m.body if not bold else round(m.body * 1.15)
            rendered = ui.text.render(text, size, p.text, self.text_w, bold=bold)
            surface.blit(rendered, (x, y))
            y += rendered.get_height() + (m.unit * 2 if not bold else m.unit)
        surface.set_clip(clip)
        self.draw_widgets(surface)

    def on_action(self, action, widget) -> None:
        if isinstance(action, act.Done):
            self.app.pop()

    def on_escape(self) -> None:
        self.app.pop()
