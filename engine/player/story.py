"""Story messages (a room's arrival text, a twist set off by a trigger) drawn as a night
card with a picture from the art library, so that the story does not look like the
white dialogs of the interface. Same reading, keys and « Continuer » as a message
(it is one: ``StoryPanel`` is a ``MessagePanel``); in high contrast, the plain look.

``register(ON_EVENT)`` makes the play scene show ``TextShown`` this way.
"""

from __future__ import annotations

import pygame

from ..core import events as ev
from . import gfx, pictures
from .scenes.panels import MessagePanel

NIGHT = (30, 36, 64)  # the card: white text on it is 14:1
INK = (255, 255, 255)
GLOW = (252, 234, 43)  # OpenMoji yellow
PICTURE = "art:bulle"  # a speech balloon: someone tells what happens


class StoryPanel(MessagePanel):
    """A story message on a night card; ``icon`` only reserves the picture's room."""

    def __init__(self, scene, title: str, text: str, picture: str = PICTURE) -> None:
        super().__init__(scene, title, text, icon="doc")
        self.picture = picture

    def draw(self, surface: pygame.Surface) -> None:
        if self.scene.app.prefs["contrast"] == "high":
            super().draw(surface)
            return
        m = self.ui.metrics
        gfx.shadow(surface, self.rect, m.radius)
        gfx.box(surface, self.rect, NIGHT, m.radius * 2, GLOW, 3)
        x, y = self.rect.x + m.unit * 4, self.rect.y + m.unit * 4 - self.scroll
        width = self.rect.width - m.unit * 8
        clip = surface.get_clip()
        surface.set_clip(self.content.inflate(-4, -4))
        size = round(m.body * 1.5)
        sprite = pictures.picture(self.ui, ".", self.picture, size, size)
        surface.blit(sprite, sprite.get_rect(center=(x + m.body // 2 - m.unit // 2, y + m.body // 2)))
        x += m.body + m.unit * 2
        width -= m.body + m.unit * 2
        if self.title:
            title = self.ui.text.render(self.title, m.title, GLOW, width, bold=True)
            surface.blit(title, (x, y))
            y += title.get_height() + m.unit * 2
        surface.blit(self.ui.text.render(self.text, m.body, INK, width), (x, y))
        surface.set_clip(clip)
        if self.max_scroll():
            from ..i18n import _

            hint = self.ui.text.render(_("Suite plus bas : molette ou touche Page suivante"), m.small, INK,
                                       self.rect.width // 2)
            surface.blit(hint, (self.rect.x + m.unit * 4, self.rect.bottom - m.unit * 3 - hint.get_height()))


def text_shown(scene, event: ev.TextShown) -> None:
    scene.open(StoryPanel(scene, "", event.text.get(scene.locale)))


def register(handlers) -> None:
    handlers[ev.TextShown] = text_shown
