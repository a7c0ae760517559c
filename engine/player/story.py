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
        if self.scroll < self.max_scroll():  # more below
            from ..i18n import _

            hint = self.ui.text.render(_("Suite plus bas : molette ou touche Page suivante"), m.small, INK,
                                       self.rect.width // 2)
            surface.blit(hint, (self.rect.x + m.unit * 4, self.rect.bottom - m.unit * 3 - hint.get_height()))


PAPER = (250, 246, 236)  # the front page's newsprint
NEWS_INK = (28, 28, 34)
RULE = (120, 110, 96)


class EndingPanel(MessagePanel):
    """The end of an escape game told as a scene: the story's last front page (« La
    Une »), before the debrief. Its masthead is the game's title, its headline the
    ending's title, its photo the room where the game ended (with the room's name as
    caption), its article the ending's text. It slides in (not with reduced motion);
    « Voir le débriefing » (Enter) goes on. Nothing on it is invented: every word
    comes from the game."""

    def __init__(self, scene, ending) -> None:
        super().__init__(scene, ending.title.get(scene.locale), ending.text.get(scene.locale))
        self.success = ending.success
        state = scene.session.state
        room = scene.game.rooms.get(state.room or "") if state.room else None
        self.picture = room.background if room is not None and room.background else None
        self.caption = room.title.get(scene.locale) if room is not None else ""
        self.masthead = scene.game.title.get(scene.locale)

    def _colours(self):
        p = self.ui.palette
        if self.scene.app.prefs["contrast"] == "high":
            return p.surface, p.text, p.border
        return PAPER, NEWS_INK, RULE

    def layout(self):
        from ..i18n import _
        from . import actions as act

        m = self.ui.metrics
        stage = self.scene.stage
        self.rect = pygame.Rect(stage.x, stage.y, stage.width, stage.height)
        inner_w = self.rect.width - m.unit * 8
        footer_h = m.body + m.unit * 10
        self.content = pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self.rect.height - footer_h)
        # Picture beside the article when the page is wide enough, above it otherwise.
        self.side = inner_w >= m.body * 40 and self.picture is not None
        self.content_height = self._measure(inner_w)
        self.scroll = min(self.scroll, self.max_scroll())
        ok = self.button("close", _("Voir le débriefing"), act.Close(), icon="play", style="primary")
        ok.rect.bottomright = (self.rect.right - m.unit * 4, self.rect.bottom - m.unit * 3)
        return [ok]

    def _kicker(self) -> str:
        from ..i18n import _

        return _("La fin de l’histoire") if self.success else _("Dernière édition")

    def _measure(self, width: int) -> int:
        """The page's height as ``draw`` lays it out, at ``width`` inside its margins."""
        m, text = self.ui.metrics, self.ui.text
        y = m.unit * 3 + text.height(self._kicker(), m.small, width) + m.unit * 3
        y += text.height(self.masthead.upper(), m.title, width, bold=True) + m.unit * 5
        y += text.height(self.title, round(m.title * 1.5), width, bold=True) + m.unit * 3
        if self.picture is None:
            return y + text.height(self.text, m.body, width) + m.unit * 4
        photo_w = width * 2 // 5 if self.side else min(width, m.body * 30)
        photo_h = photo_w * 10 // 16 + text.height(self.caption, m.small, photo_w) + m.unit
        if self.side:
            return y + max(photo_h, text.height(self.text, m.body, width - photo_w - m.unit * 4)) + m.unit * 4
        return y + photo_h + m.unit * 3 + text.height(self.text, m.body, width) + m.unit * 4

    def draw(self, surface: pygame.Surface) -> None:
        m = self.ui.metrics
        paper, ink, rule = self._colours()
        drop = round((1.0 - getattr(self.scene, "motion", 1.0)) * m.unit * 12)  # slides down into place
        page = self.rect.move(0, -drop)
        gfx.shadow(surface, page, m.radius)
        gfx.box(surface, page, paper, m.radius, rule, 2)
        clip = surface.get_clip()
        surface.set_clip(self.content.move(0, -drop).inflate(-4, -4))
        x, y = page.x + m.unit * 4, page.y + m.unit * 3 - self.scroll
        width = page.width - m.unit * 8
        # the masthead between two rules, the headline, then the photo and the article
        kicker = self.ui.text.render(self._kicker(), m.small, rule, width, align="center")
        surface.blit(kicker, (x, y))
        y += kicker.get_height() + m.unit
        pygame.draw.line(surface, ink, (x, y), (x + width, y), 3)
        y += m.unit * 2
        mast = self.ui.text.render(self.masthead.upper(), m.title, ink, width, bold=True, align="center")
        surface.blit(mast, (x, y))
        y += mast.get_height() + m.unit * 2
        pygame.draw.line(surface, ink, (x, y), (x + width, y), 1)
        pygame.draw.line(surface, ink, (x, y + 4), (x + width, y + 4), 1)
        y += m.unit * 3
        headline = self.ui.text.render(self.title, round(m.title * 1.5), ink, width, bold=True)
        surface.blit(headline, (x, y))
        y += headline.get_height() + m.unit * 3
        text_x, text_w = x, width
        if self.picture is not None:
            photo_w = width * 2 // 5 if self.side else min(width, m.body * 30)
            photo_h = photo_w * 10 // 16
            photo = pictures.picture(self.ui, self.scene.game.folder, self.picture, photo_w, photo_h)
            frame = photo.get_rect(topleft=(x, y))
            surface.blit(photo, frame)
            pygame.draw.rect(surface, ink, frame, 1)
            caption = self.ui.text.render(self.caption, m.small, rule, photo_w)
            surface.blit(caption, (x, frame.bottom + m.unit))
            if self.side:
                text_x, text_w = x + photo_w + m.unit * 4, width - photo_w - m.unit * 4
                pygame.draw.line(surface, rule, (text_x - m.unit * 2, y), (text_x - m.unit * 2, y + max(
                    photo_h, self.ui.text.height(self.text, m.body, text_w))), 1)
            else:
                y = frame.bottom + caption.get_height() + m.unit * 3
        surface.blit(self.ui.text.render(self.text, m.body, ink, text_w), (text_x, y))
        surface.set_clip(clip)
        if self.scroll < self.max_scroll():  # more below
            from ..i18n import _

            hint = self.ui.text.render(_("Suite plus bas : molette ou touche Page suivante"), m.small, rule,
                                       self.rect.width // 2)
            surface.blit(hint, (self.rect.x + m.unit * 4, self.rect.bottom - m.unit * 3 - hint.get_height()))


def text_shown(scene, event: ev.TextShown) -> None:
    scene.open(StoryPanel(scene, "", event.text.get(scene.locale)))


def game_ended(scene, event: ev.GameEnded) -> None:
    """An escape game's ending, told on its front page before the debrief (a time-out
    says itself in its own message; quizzes and challenges go to their results)."""
    ending = scene.game.endings.get(event.ending or "") if hasattr(event, "ending") else None
    if ending is None or scene.game.genre != "escape" or scene.session.state.time_up:
        return
    scene.open(EndingPanel(scene, ending))


def register(handlers) -> None:
    handlers[ev.TextShown] = text_shown
    own = handlers.get(ev.GameEnded)

    def ended(scene, event, own=own) -> None:
        if own is not None:
            own(scene, event)
        game_ended(scene, event)

    handlers[ev.GameEnded] = ended
