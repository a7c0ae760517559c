"""The panels that open over the play scene: a puzzle, a document, a message, an
inventory item, the pause menu. Each lays out its own widgets inside the stage and
scrolls when its content is taller than the screen (200 % text on a small laptop).

A panel never gives the rules a command itself: ``on_action`` returns the core's
command (without its time) and the scene applies it through the session; the events
that come back reach the panel through the scene's handler of each event type
(``PuzzlePanel.judged``). A layout computes geometry only: where the keyboard focus
goes is the scene's decision, which asks the panel on top for ``wanted_focus``."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import pygame

from ...core import commands as cmd
from ...core import events as ev
from ...core import puzzles as ptypes
from ...core.scoring import puzzle_points
from ...i18n import _, ngettext
from .. import actions as act
from .. import answers, documents, gfx, pictures
from ..locks import LockMotion
from ..widgets import Button, Widget

if TYPE_CHECKING:
    from .play import PlayScene


class MoreAbout(act.Action):
    """« En savoir plus »: the whole explanation and its sources."""


def first_sentence(text: str) -> str:
    """The explanation's first sentence (up to the first « . », « ! » or « ? » followed
    by a capital or a quote), or the whole text when it has one."""
    match = re.search(r"[.!?…](?:\s»)?\s+(?=[A-ZÀ-ÖØ-Þ«“])", text)
    if match is None or match.end() > len(text) * 0.8:
        return text
    return text[:match.end()].rstrip()


class Panel:
    closable = True

    def __init__(self, scene: PlayScene) -> None:
        self.scene = scene
        self.scroll = 0
        self.content_height = 0
        self.rect = pygame.Rect(0, 0, 0, 0)

    @property
    def ui(self):
        """The current sizes, colours and fonts (they change with the window and settings)."""
        return self.scene.app.ui

    @property
    def locale(self) -> str:
        return self.scene.locale

    def frame(self) -> pygame.Rect:
        m = self.ui.metrics
        stage = self.scene.stage
        width = min(stage.width, max(m.body * 38, stage.width * 3 // 4))
        rect = pygame.Rect(0, 0, width, stage.height)
        rect.center = stage.center
        return rect

    def layout(self) -> list[Widget]:
        return []

    def draw(self, surface: pygame.Surface) -> None:
        m, p = self.ui.metrics, self.ui.palette
        gfx.shadow(surface, self.rect, m.radius)
        gfx.box(surface, self.rect, p.surface, m.radius, p.border, 2)

    def on_action(self, action: Any, widget: Widget) -> cmd.Command | None:
        """What ``action`` means here: a change of the panel (None), or the core's
        command for the scene to apply."""
        if isinstance(action, act.Close):
            self.scene.close(self)
        return None

    def on_key(self, event: pygame.event.Event) -> bool | cmd.Command:
        """A key the panel handles: True when used, or the command it stands for."""
        if event.key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.scroll_by(self.rect.height // 2 * (1 if event.key == pygame.K_PAGEDOWN else -1))
            return True
        return False

    def wanted_focus(self) -> str | None:
        """The widget that takes the keyboard focus when this panel comes on top."""
        return "close"

    def on_escape(self) -> None:
        if self.closable:
            self.scene.close(self)

    def wheel(self, amount: int) -> None:
        self.scroll_by(-amount * self.ui.metrics.wheel_step)

    def max_scroll(self) -> int:
        """How far the content can scroll: its height less what the panel shows."""
        shown = self.content.height if hasattr(self, "content") else self.rect.height
        return max(0, self.content_height - shown)

    def scroll_by(self, amount: int) -> None:
        self.scroll = min(self.max_scroll(), max(0, self.scroll + amount))
        self.scene.relayout()

    def changed(self) -> None:
        """Typed text changed: lay out again (the Validate button may become enabled)."""
        self.scene.relayout()

    def button(self, widget_id: str, label: str, action: Any, icon: str | None = None,
               style: str = "secondary", enabled: bool = True) -> Button:
        m = self.ui.metrics
        width = self.ui.text.render(label, m.body, (0, 0, 0), bold=style == "primary").get_width() \
            + m.unit * 7 + (m.body if icon else 0)
        return Button(widget_id, pygame.Rect(0, 0, width, m.body + m.unit * 4), action, label=label,
                      icon=icon, style=style, enabled=enabled)

    def row(self, buttons: list[Button], y: int, right: bool = False) -> int:
        """Place buttons side by side from the left (or the right), wrapping; return the bottom."""
        m = self.ui.metrics
        inner = self.rect.inflate(-m.unit * 6, 0)
        x = inner.right if right else inner.x
        bottom = y
        for button in (reversed(buttons) if right else buttons):
            if right:
                if x - button.rect.width < inner.x:
                    x, y = inner.right, bottom + m.unit * 2
                button.rect.topright = (x, y)
                x = button.rect.left - m.unit * 2
            else:
                if x + button.rect.width > inner.right:
                    x, y = inner.x, bottom + m.unit * 2
                button.rect.topleft = (x, y)
                x = button.rect.right + m.unit * 2
            bottom = max(bottom, button.rect.bottom)
        return bottom


class MessagePanel(Panel):
    """A text to read (a story message, a round's presentation), then « Continuer ».
    The text scrolls when it is taller than the screen; the button stays in view."""

    def __init__(self, scene, title: str, text: str, icon: str | None = None) -> None:
        super().__init__(scene)
        self.title, self.text, self.icon = title, text, icon

    def layout(self):
        m = self.ui.metrics
        inner_w = min(self.scene.stage.width - m.unit * 8, m.body * 32)
        text_w = inner_w - ((m.body + m.unit * 2) if self.icon else 0)
        title_h = self.ui.text.height(self.title, m.title, text_w, bold=True) + m.unit * 2 if self.title else 0
        body_h = self.ui.text.height(self.text, m.body, text_w)
        footer_h = m.body + m.unit * 10
        height = min(self.scene.stage.height, title_h + body_h + footer_h + m.unit * 4)
        self.rect = pygame.Rect(0, 0, inner_w + m.unit * 8, height)
        self.rect.center = self.scene.stage.center
        self.content = pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self.rect.height - footer_h)
        self.content_height = title_h + body_h + m.unit * 4
        self.scroll = min(self.scroll, self.max_scroll())
        ok = self.button("close", _("Continuer"), act.Close(), icon="play", style="primary")
        ok.rect.bottomright = (self.rect.right - m.unit * 4, self.rect.bottom - m.unit * 3)
        return [ok]

    def draw(self, surface):
        super().draw(surface)
        m, p = self.ui.metrics, self.ui.palette
        x, y = self.rect.x + m.unit * 4, self.rect.y + m.unit * 4 - self.scroll
        width = self.rect.width - m.unit * 8
        clip = surface.get_clip()
        surface.set_clip(self.content.inflate(-4, -4))
        if self.icon:
            gfx.icon(surface, self.icon, (x + m.body // 2, y + m.body // 2), m.body, p.warm)
            x += m.body + m.unit * 2
            width -= m.body + m.unit * 2
        if self.title:
            title = self.ui.text.render(self.title, m.title, p.text, width, bold=True)
            surface.blit(title, (x, y))
            y += title.get_height() + m.unit * 2
        surface.blit(self.ui.text.render(self.text, m.body, p.text, width), (x, y))
        surface.set_clip(clip)
        if self.scroll < self.max_scroll():  # said while there is more below, not at the end
            hint = self.ui.text.render(_("Suite plus bas : molette ou touche Page suivante"), m.small, p.muted,
                                       self.rect.width // 2)
            surface.blit(hint, (self.rect.x + m.unit * 4, self.rect.bottom - m.unit * 3 - hint.get_height()))

    def on_key(self, event):
        if event.key in (pygame.K_DOWN, pygame.K_UP):
            self.scroll_by(self.ui.metrics.body * 2 * (1 if event.key == pygame.K_DOWN else -1))
            return True
        return super().on_key(event)


class DocumentPanel(Panel):
    """A document at a readable size; + and − zoom, arrows or the wheel scroll."""

    def max_scroll(self) -> int:
        return getattr(self, "scroll_limit", 0)

    def __init__(self, scene, document_id: str) -> None:
        super().__init__(scene)
        self.document = scene.game.documents[document_id]
        self.zoom = 1.0

    def layout(self):
        m = self.ui.metrics
        self.rect = self.frame()
        base = min(self.rect.width - m.unit * 8, m.body * 34)
        # Zoom up to the panel's width: wider, a document would be cut at both sides.
        self.max_zoom = max(1.0, (self.rect.width - m.unit * 10) / base)
        self.zoom = min(self.zoom, self.max_zoom)
        width = round(base * self.zoom)
        self.surface, _parts = documents.render(self.ui, self.document, self.scene.game.folder, width, self.locale,
                                                self.zoom)
        buttons_h = m.body + m.unit * 4
        title = self.document.title.get(self.locale) if self.document.title else "Document"
        title_h = min(self.ui.text.height(title, m.title, self.rect.width - m.unit * 8, bold=True), m.title * 3)
        self.view = pygame.Rect(self.rect.x + m.unit * 4, self.rect.y + title_h + m.unit * 5,
                                self.rect.width - m.unit * 8,
                                self.rect.height - title_h - buttons_h - m.small - m.unit * 12)
        self.content_height = self.surface.get_height()
        self.scroll_limit = max(0, self.content_height - self.view.height)
        self.scroll = min(self.scroll, self.scroll_limit)
        close = self.button("close", _("Fermer"), act.Close(), icon="cross", style="primary")
        smaller = self.button("zoom-out", _("Plus petit"), act.Zoom(1 / 1.25), enabled=self.zoom > 0.7)
        larger = self.button("zoom-in", _("Plus grand"), act.Zoom(1.25), enabled=self.zoom < self.max_zoom - 0.01)
        y = self.rect.bottom - close.rect.height - m.unit * 3
        self.row([smaller, larger], y)
        self.row([close], y, right=True)
        return [smaller, larger, close]

    def draw(self, surface):
        super().draw(surface)
        m, p = self.ui.metrics, self.ui.palette
        title = documents.caption(self.document.kind)
        if self.document.title:  # what it is, not only which kind
            title = self.document.title.get(self.locale)
        heading = self.ui.text.render(title, m.title, p.text, self.rect.width - m.unit * 8, bold=True)
        clip = surface.get_clip()
        surface.set_clip(pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self.view.y - self.rect.y - m.unit))
        surface.blit(heading, (self.rect.x + m.unit * 4, self.rect.y + m.unit * 3))
        surface.set_clip(clip)
        clip = surface.get_clip()
        surface.set_clip(self.view)
        x = self.view.x + max(0, (self.view.width - self.surface.get_width()) // 2) - (
            max(0, self.surface.get_width() - self.view.width) // 2)
        surface.blit(self.surface, (x, self.view.y - self.scroll))
        surface.set_clip(clip)
        if self.scroll_limit:
            bar = pygame.Rect(self.view.right + m.unit, self.view.y, m.unit // 2 + 2, self.view.height)
            pygame.draw.rect(surface, p.surface_alt, bar)
            thumb = bar.copy()
            thumb.height = max(m.unit * 3, bar.height * self.view.height // self.content_height)
            thumb.y = bar.y + (bar.height - thumb.height) * self.scroll // self.scroll_limit
            pygame.draw.rect(surface, p.muted, thumb)
            if self.scroll < self.scroll_limit:  # said while there is more below, not at the end
                more = self.ui.text.render(_("Fais défiler pour lire la suite (molette, flèches)."), m.small,
                                           p.muted)
                surface.blit(more, (self.view.x, self.view.bottom + m.unit * 2))

    def on_action(self, action, widget):
        if isinstance(action, act.Zoom):
            self.zoom = min(2.0, max(0.64, self.zoom * action.factor))
            self.scene.relayout()
            return None
        return super().on_action(action, widget)

    def on_key(self, event):
        m = self.ui.metrics
        step = {pygame.K_DOWN: m.body * 3, pygame.K_UP: -m.body * 3, pygame.K_PAGEDOWN: self.view.height * 3 // 4,
                pygame.K_PAGEUP: -self.view.height * 3 // 4}.get(event.key)
        if step is not None:
            self.scroll = min(self.scroll_limit, max(0, self.scroll + step))
            self.scene.app.dirty = True
            return True
        if event.unicode in ("+", "="):
            self.zoom = min(2.0, self.zoom * 1.25)
        elif event.unicode == "-":
            self.zoom = max(0.64, self.zoom / 1.25)
        else:
            return False
        self.scene.relayout()
        return True

    def wheel(self, amount: int) -> None:
        self.scroll = min(self.scroll_limit, max(0, self.scroll - amount * self.ui.metrics.wheel_step))
        self.scene.app.dirty = True


class ItemPanel(Panel):
    def __init__(self, scene, item_id: str) -> None:
        super().__init__(scene)
        self.item = scene.game.items[item_id]

    def layout(self):
        m = self.ui.metrics
        self.rect = self.frame()
        self.rect.height = min(self.rect.height, m.body * 10 + m.unit * 12)
        self.rect.center = self.scene.stage.center
        buttons = []
        if self.item.document:
            buttons.append(self.button("read", _("Lire"), cmd.Examine(item=self.item.id), icon="doc"))
        buttons.append(self.button("use", _("Utiliser sur…"), act.UseItem(self.item.id), icon="play"))
        close = self.button("close", _("Fermer"), act.Close(), icon="cross", style="primary")
        y = self.rect.bottom - close.rect.height - m.unit * 3
        self.row(buttons, y)
        self.row([close], y, right=True)
        return buttons + [close]

    def wanted_focus(self):
        return "read" if self.item.document else "use"

    def draw(self, surface):
        super().draw(surface)
        m, p = self.ui.metrics, self.ui.palette
        x, y = self.rect.x + m.unit * 4, self.rect.y + m.unit * 3
        width = self.rect.width - m.unit * 8
        title = self.ui.text.render(self.item.name.get(self.locale), m.title, p.text, width, bold=True)
        surface.blit(title, (x, y))
        if self.item.description:
            surface.blit(self.ui.text.render(self.item.description.get(self.locale), m.body, p.text, width),
                         (x, y + title.get_height() + m.unit * 2))

    def on_action(self, action, widget):
        match action:
            case cmd.Examine():
                self.scene.close(self)
                return action
            case act.UseItem(item):
                self.scene.using = item
                self.scene.close(self)
                return None
        return super().on_action(action, widget)


class PausePanel(Panel):
    """The game and its clock stop; the facilitator or the group decides what next."""

    def layout(self):
        m = self.ui.metrics
        self.rect = self.frame()
        self.rect.height = min(self.rect.height, m.body * 9 + m.unit * 14)
        self.rect.center = self.scene.stage.center
        resume = self.button("resume", _("Reprendre"), act.Close(), icon="play", style="primary")
        settings = self.button("settings", _("Réglages"), act.OpenSettings(), icon="gear")
        leave = self.button("leave", _("Quitter vers l’accueil"), act.GoHome(), icon="home")
        buttons = [resume, settings, leave]
        if self.scene.session.player:
            buttons.insert(2, self.button("save-result", _("Enregistrer mon résultat"), act.SaveResult(), icon="doc"))
        bottom = self.row(buttons, self.rect.y + m.title + m.body * 3 + m.unit * 8)
        self.rect.height = max(self.rect.height, bottom - self.rect.y + m.unit * 4)
        return buttons

    def wanted_focus(self):
        return "resume"

    def draw(self, surface):
        super().draw(surface)
        m, p = self.ui.metrics, self.ui.palette
        width = self.rect.width - m.unit * 8
        title = self.ui.text.render(_("Pause"), m.title, p.text, bold=True)
        surface.blit(title, (self.rect.x + m.unit * 4, self.rect.y + m.unit * 3))
        saved = self.scene.session.save_problem is None
        note = self.ui.text.render(_("Le compte à rebours est arrêté. La partie est sauvegardée : "
                                     "tu pourras la reprendre depuis l’accueil.") if saved else
                                   _("Le compte à rebours est arrêté. Attention : la partie ne peut pas "
                                     "être sauvegardée en ce moment ; si Sésame est fermé, elle sera "
                                     "perdue."), m.body, p.text if saved else p.danger, width)
        surface.blit(note, (self.rect.x + m.unit * 4, self.rect.y + m.unit * 5 + title.get_height()))

    def on_action(self, action, widget):
        from .settings import SettingsScene

        match action:
            case act.OpenSettings():
                self.scene.app.push(SettingsScene(self.scene.app))
            case act.SaveResult():
                from .folder import FolderScene

                self.scene.app.push(FolderScene(self.scene.app, _("Où enregistrer le résultat ?"), self.save_result))
            case act.GoHome():
                self.scene.app.home()
            case _:
                return super().on_action(action, widget)
        return None

    def save_result(self, folder) -> str:
        """The attempt so far as a result file (on demand, before the end)."""
        from ...results.resultfile import result_from_session, write_result

        session = self.scene.session
        try:
            result = result_from_session(session, session.player, group=session.group,
                                         team=session.player if session.members else "",
                                         members=session.members, started_at=session.started_at)
            path = write_result(result, folder)
        except (OSError, ValueError) as error:
            return _("Le résultat n’a pas pu être enregistré : {why}").format(why=error)
        return _("Résultat enregistré : {path}. Remets ce fichier à ton enseignante ou ton enseignant.").format(
            path=path)


class PuzzlePanel(Panel):
    """A puzzle: its prompt, the hints taken, the answer input, then the verdict with
    the explanation and its sources."""

    def __init__(self, scene, puzzle_id: str, closable: bool = True) -> None:
        super().__init__(scene)
        self.puzzle = scene.game.puzzles[puzzle_id]
        self.closable = closable
        self.input = answers.make(scene, self.puzzle)
        self.verdict: ev.AnswerJudged | None = None
        # A wrong answer's verdict stays, dimmed, while the next answer is entered (until
        # « Valider »): what it says still helps, and nothing moves under the pointer.
        self.stale = False
        self.fields: list[Widget] = []  # the answer input's widgets, as laid out
        self.more = False  # « En savoir plus »: the whole explanation and its sources
        self._wait_shown = 0  # the seconds of a wait as last laid out

    @property
    def progress(self):
        return self.scene.session.state.puzzle(self.puzzle.id)

    @property
    def resolved(self) -> bool:
        return self.progress.status != "open"

    def layout(self):
        ui, m = self.ui, self.ui.metrics
        p = self.puzzle
        self.rect = self.frame()
        self._wait_shown = self._wait()  # counted down by ``tick``
        # The actions sit in a footer that content never scrolls under.
        actions = self._actions()
        bottom = self.row(actions, 0)
        if self._wait() and not self._why_fits(actions):
            # no room beside the buttons to say the wait (200 % text): the greyed button says
            # its seconds itself, always in view, where the verdict's words may be scrolled away
            submit = actions[0]
            submit.label = _("Valider ({n} s)").format(n=self._wait())
            submit.rect.width = self.button(submit.id, submit.label, None, icon="check", style="primary").rect.width
            bottom = self.row(actions, 0)
        footer_h = bottom + m.unit * 6
        for button in actions:
            button.rect.y += self.rect.bottom - footer_h + m.unit * 3
        self.content = pygame.Rect(self.rect.x, self.rect.y, self.rect.width, self.rect.height - footer_h)
        self.footer_top = self.content.bottom
        inner = self.content.inflate(-m.unit * 8, -m.unit * 6)
        y = inner.y - self.scroll
        self.blocks: list[tuple[pygame.Surface, tuple[int, int]]] = []

        def block(surface: pygame.Surface, gap: int = m.unit * 2) -> None:
            nonlocal y
            self.blocks.append((surface, (inner.x, y)))
            y += surface.get_height() + gap

        # A lock beside the text when the panel is wide enough: its wheels stay in view
        # whatever the prompt, the hints and the verdict above them take.
        lock = self.input if isinstance(self.input, LockMotion) and self.input.beside else None
        if lock is not None:  # compact where the lock at full size is taller than the panel
            lock.fit(inner.height)
            lock.narrow = False
        lock_w = lock.width_wanted() if lock is not None else 0
        beside = bool(lock_w) and inner.width >= lock_w + m.body * 16 + m.unit * 6
        # Or, with a picture to look at while entering the path (the robot's track), the
        # text across the panel, then the picture and the lock side by side.
        row = lock is not None and self._picture_row(lock, inner, lock_w, beside)
        if lock is not None and row:
            lock.narrow = True
            lock_w, beside = lock.width_wanted(), False
        opened = getattr(self.input, "opened", False)
        lock_area = None
        if beside and lock is not None:
            lock_area = pygame.Rect(inner.right - lock_w, y + lock.headroom(), lock_w, 0)  # the shackle rises
            inner = pygame.Rect(inner.x, inner.y, inner.width - lock_w - m.unit * 6, inner.height)
        heading = p.title.get(self.locale) if p.title and self.scene.game.genre == "escape" else ""
        if heading:
            block(ui.text.render(heading, m.small, ui.palette.accent, inner.width, bold=True), m.unit)
        block(ui.text.render(p.prompt.get(self.locale), round(m.body * 1.1), ui.palette.text, inner.width),
              m.unit * 3)
        stakes = self._stakes()
        if stakes and not self.resolved:  # what is at stake, before the first try
            block(ui.text.render(stakes, m.small, ui.palette.muted, inner.width), m.unit * 3)
        for index in range(self.progress.hints):
            hint = p.hints[index]
            block(ui.text.render(_("Indice {n} : {text}").format(n=index + 1, text=hint.text.get(self.locale)),
                                 m.body, ui.palette.warm, inner.width))
        if self.verdict is not None and not self.resolved:
            self._verdict_blocks(inner, block)  # a wrong answer: said before trying again
        elif not self.resolved and self._cooldown_note():
            block(ui.text.render(self._cooldown_note(), m.body, ui.palette.danger, inner.width))
        widgets: list[Widget] = []
        if p.document and not self.input.shows_document:
            doc = self.button("document", _("Voir le document"), act.ShowDocument(), icon="doc")
            doc.rect.topleft = (inner.x, y)
            widgets.append(doc)
            y = doc.rect.bottom + m.unit * 3
        if p.image and not self.input.shows_image:
            picture_w = inner.width
            # the room left as laid out unscrolled: scrolling must not resize the picture
            room = self.content.bottom - (y + self.scroll) - m.unit * 4
            if row and lock is not None:  # the lock at the picture's right, level with it; the
                # picture as tall as the lock, but whole in the panel's view (counted at a glance)
                picture_w = inner.width - lock_w - m.unit * 6
                lock_area = pygame.Rect(inner.right - lock_w, y + lock.headroom(), lock_w, 0)
                room = max(room, min(lock.headroom() + (lock.height_wanted() or 0), inner.height - m.unit * 2))
            size = pictures.answer_size(self.scene.game.folder, p.image, picture_w, room,
                                        self.scene.app.surface.get_height())
            if lock_area is not None and row:  # next to the picture (narrower when its height caps it)
                lock_area.x = inner.x + size[0] + m.unit * 6
            block(pictures.picture(ui, self.scene.game.folder, p.image, *size))
        lock_bottom = y
        self.fields = []
        if not self.resolved or opened:  # an opened lock stays in view, open
            top_gap = m.body + m.unit * 2 if self.input.caption_above else 0
            if lock_area is not None:
                area = pygame.Rect(lock_area.x, lock_area.y, lock_area.width, 0)
            else:
                height = self.input.area_height(self.content.bottom - (y + self.scroll) - top_gap - m.unit * 4)
                area = pygame.Rect(inner.x, y + top_gap, inner.width, height)
            self.input.rect = area
            fields = self.input.layout(area)
            self.fields = fields
            widgets += fields
            bottom = max([w.rect.bottom for w in fields] + [self.input.drawn_bottom()]) \
                + self.input.gap_below()
            if lock_area is not None:
                lock_bottom = bottom
            else:
                y = bottom + m.unit * 3
        if self.verdict is not None and self.resolved:
            self._verdict_blocks(inner, block)
        # Whatever the answer laid out, to its lowest widget, can be scrolled to (an arrow
        # pad under a tall picture at 200 % text was out of reach).
        y = max([y, lock_bottom + m.unit * 3] + [w.rect.bottom + m.unit * 3 for w in widgets])
        self.content_height = y + self.scroll - inner.y + m.unit * 3
        # The content scrolls in the scene's viewport: every answer widget stays in the
        # focus order, and focusing one off screen scrolls to it (keyboard play at 200 %).
        for widget in widgets:
            widget.scrolls = True
        self.scene.viewport = self.content.inflate(-4, -4)
        return widgets + actions

    def _text_height(self, width: int) -> int:
        """The height of what is written above the answer (heading, prompt, stakes, hints,
        the document's button) at ``width``, as ``layout`` lays it out."""
        ui, m, p = self.ui, self.ui.metrics, self.puzzle
        height = 0
        if p.title and self.scene.game.genre == "escape":
            height += ui.text.height(p.title.get(self.locale), m.small, width, bold=True) + m.unit
        height += ui.text.height(p.prompt.get(self.locale), round(m.body * 1.1), width) + m.unit * 3
        stakes = self._stakes()
        if stakes and not self.resolved:
            height += ui.text.height(stakes, m.small, width) + m.unit * 3
        for index in range(self.progress.hints):
            height += ui.text.height(p.hints[index].text.get(self.locale), m.body, width) + m.unit * 2
        if p.document and not self.input.shows_document:
            height += m.body + m.unit * 7
        return height

    def _picture_row(self, lock: LockMotion, inner: pygame.Rect, lock_w: int, beside: bool) -> bool:
        """Whether a lock with a picture (the robot's track and its arrow lock) goes
        beside the picture, under the text across the panel, rather than beside the
        text (the picture then has the text column's width: 433 px for the track):
        where the lock cannot be beside the text, or where the picture is larger this
        way, the lock still whole in view and the content hardly taller. Decided once
        for a window and a text size, so that a hint or a wrong answer does not move
        the lock."""
        p, m = self.puzzle, self.ui.metrics
        key = (inner.size, m.body, self.scene.app.prefs["font"])
        decided = getattr(self, "_row_for", None)
        if decided is not None and decided[0] == key:
            return decided[1]
        row = False
        if p.image and not self.input.shows_image and lock.has_narrow:
            folder, window_h = self.scene.game.folder, self.scene.app.surface.get_height()
            lock.narrow = True
            pad_w, pad_h = lock.width_wanted(), lock.headroom() + (lock.height_wanted() or 0)
            lock.narrow = False
            picture_w = inner.width - pad_w - m.unit * 6
            if picture_w >= m.body * 12:
                text_h = self._text_height(inner.width)
                across = pictures.answer_size(folder, p.image, picture_w, inner.height - text_h - m.unit, window_h)
                row_h = text_h + max(across[1] + m.unit * 2, pad_h)
                if not beside:
                    row = True
                else:
                    column_w = inner.width - lock_w - m.unit * 6
                    column_h = self._text_height(column_w)
                    side = pictures.answer_size(folder, p.image, column_w, inner.height - column_h - m.unit, window_h)
                    side_h = max(column_h + side[1] + m.unit * 2, lock.headroom() + (lock.height_wanted() or 0))
                    # larger, the lock still whole in view, and hardly more to scroll
                    row = (across[0] > side[0] and text_h + pad_h <= inner.height
                           and row_h <= max(side_h, inner.height) * 11 // 10)
        self._row_for = (key, row)
        return row

    def _actions(self) -> list[Button]:
        p = self.puzzle
        if self.resolved:
            buttons = [self.button("continue", _("Continuer"), act.Continue(), icon="play", style="primary")]
            if self._folded():
                buttons.append(self.button("more", _("En savoir plus"), MoreAbout(), icon="down"))
            return buttons
        # Greyed while the answer is incomplete, and while the lock makes the player wait
        # (after too many wrong tries: for the mouse and the keyboard alike, ``submit``).
        actions = [self.button("submit", _("Valider"), act.Submit(), icon="check", style="primary",
                               enabled=self.input.value() is not None and not self._wait())]
        remaining = len(p.hints) - self.progress.hints
        if remaining:
            cost = p.hints[self.progress.hints].cost
            label = ngettext("Indice ({n} restant)", "Indice ({n} restants)", remaining).format(n=remaining) + (
                " · " + _("−{c} pts").format(c=cost) if cost else "")
            actions.append(self.button("hint", label, cmd.Hint(puzzle=p.id), icon="hint"))
        if p.skippable:
            actions.append(self.button("skip", _("Passer"), cmd.Skip(puzzle=p.id)))
        if self.closable:
            actions.append(self.button("close", _("Fermer"), act.Close(), icon="cross"))
        return actions

    def _verdict_blocks(self, inner: pygame.Rect, block) -> None:
        """The verdict's words; once resolved, the points and the explanation, short
        first (« En savoir plus » in the footer for the rest and the sources)."""
        ui, m, p = self.ui, self.ui.metrics, self.puzzle
        verdict = self.verdict
        assert verdict is not None
        if not ptypes.get(p.type).scored:  # an opinion (a poll): acknowledged, never judged
            title, color, icon = _("Réponse notée, merci !"), ui.palette.accent, "team"
            detail = p.feedback_correct
        elif verdict.correct:
            title, color, icon = _("Bonne réponse !"), ui.palette.success, "check"
            detail = p.feedback_correct
        elif verdict.fraction > 0:
            title, color, icon = _("Presque !"), ui.palette.warm, "star"
            detail = p.feedback_close or p.feedback_wrong
        else:
            title, color, icon = _("Ce n’est pas ça."), ui.palette.danger, "cross"
            detail = p.feedback_wrong
        ink = ui.palette.text
        if self.stale and not self.resolved:  # about the answer before: dimmed, same place
            color = ink = ui.palette.muted
        self.verdict_icon = (icon, color)
        block(ui.text.render(title, m.title, color, inner.width - m.title - m.unit * 2, bold=True), m.unit)
        self.verdict_at = self.blocks[-1][1]
        words = self.blocks[-1][0]
        self.verdict_end = self.verdict_at[0] + words.get_width()  # the mark follows the words
        self.verdict_mid = self.verdict_at[1] + words.get_height() // 2
        if detail:
            block(ui.text.render(detail.get(self.locale), m.body, ink, inner.width))
        if self.resolved:
            points = puzzle_points(p, self.progress)
            if p.points:  # nothing to count for a poll
                lost = p.points - points if verdict.correct else 0
                line = ngettext("{n} point sur {max}", "{n} points sur {max}", points).format(n=points, max=p.points)
                if lost > 0:  # what the hints and the wrong answers cost, said
                    line += " " + _("(indices et erreurs : −{n})").format(n=lost)
                block(ui.text.render(line, m.small, ui.palette.muted, inner.width))
            # Short first: the explanation's first sentence; the rest and the sources
            # behind « En savoir plus ».
            full, short, sources = self._explanation()
            folded = self._folded()
            if full:
                block(ui.text.render(_("Pourquoi ?"), m.body, ui.palette.text, bold=True), m.unit)
                block(ui.text.render(short if folded else full, m.body, ui.palette.text, inner.width))
            if folded:
                return None  # « En savoir plus » waits in the footer, always in view
            if sources:
                lines = [_("Sources :")] + [
                    "– " + ", ".join(x for x in (s.title, s.publisher, s.section, s.date) if x) for s in sources]
                block(ui.text.render("\n".join(lines), m.small, ui.palette.muted, inner.width))
        else:
            tries = p.attempts.max
            left = (tries - self.progress.wrong) if tries else None
            note = _("Tu peux réessayer.") if left is None else ngettext(
                "Encore {n} essai.", "Encore {n} essais.", left).format(n=left)
            if p.attempts.cost:
                note = _("−{c} pts pour cette erreur.").format(c=p.attempts.cost) + " " + note
            waiting = self._cooldown_note()  # the same words through the attempts and the wait
            block(ui.text.render(waiting or note, m.body if waiting else m.small,
                                 ui.palette.danger if waiting else ui.palette.muted, inner.width))

    def _explanation(self) -> tuple[str, str, list]:
        """The whole explanation, its first sentence, and its sources."""
        p = self.puzzle
        full = p.explanation.get(self.locale) if p.explanation else ""
        sources = [self.scene.game.sources[s] for s in p.sources if s in self.scene.game.sources]
        return full, first_sentence(full), sources

    def _folded(self) -> bool:
        """Whether the explanation is shown short, with « En savoir plus » for the rest."""
        if self.more or not self.resolved or self.verdict is None:
            return False
        full, short, sources = self._explanation()
        return short != full or bool(sources)

    def _stakes(self) -> str:
        """What the puzzle is worth and what a hint or a wrong answer costs, where the
        rules give a cost (« 10 points à gagner · un indice : −2 pts »)."""
        p = self.puzzle
        if not p.points or not ptypes.get(p.type).scored:
            return ""
        parts = [ngettext("{n} point à gagner", "{n} points à gagner", p.points).format(n=p.points)]
        if self.progress.hints < len(p.hints) and p.hints[self.progress.hints].cost:
            parts.append(_("un indice : −{c} pts").format(c=p.hints[self.progress.hints].cost))
        if p.attempts.cost:
            parts.append(_("une erreur : −{c} pts").format(c=p.attempts.cost))
        if p.attempts.cooldown_after:
            parts.append(ngettext("après {n} erreur d’affilée, {s} s d’attente",
                                  "après {n} erreurs d’affilée, {s} s d’attente",
                                  p.attempts.cooldown_after).format(n=p.attempts.cooldown_after, s=p.attempts.cooldown_s))
        if p.attempts.max:
            parts.append(ngettext("{n} essai en tout", "{n} essais en tout", p.attempts.max).format(n=p.attempts.max))
        return " · ".join(parts)

    def _wait(self) -> int:
        """The whole seconds left before the answer may be tried again (0: none)."""
        if self.resolved:
            return 0
        return max(0, math.ceil(self.progress.cooldown_until - self.scene.t))

    def tick(self) -> None:
        """The game's clock moved: the seconds of a wait are counted down on screen, and
        « Valider » comes back when it ends (said to a voice too)."""
        wait = self._wait()
        if wait != self._wait_shown:
            if not wait:
                self.scene.app.speak(_("Tu peux réessayer."))
            self.scene.relayout()

    def _why_fits(self, actions: list[Button]) -> bool:
        """Whether the words of ``why_greyed`` fit the footer beside the buttons (as
        ``draw`` writes them)."""
        m = self.ui.metrics
        why = self.ui.text.render(self.why_greyed(), m.small, (0, 0, 0))
        right = max((b.rect.right for b in actions), default=0)
        return self.rect.right - why.get_width() - m.unit * 4 > right + m.unit * 2

    def why_greyed(self) -> str:
        """Why « Valider » is greyed, written beside it ("" while it is not)."""
        if self.resolved:
            return ""
        wait = self._wait()
        if wait:
            return _("« Valider » revient dans {n} s.").format(n=wait)
        if self.input.value() is None:
            return _("Réponds d’abord : « Valider » s’active ensuite.")
        return ""

    def _cooldown_note(self) -> str:
        """After too many wrong answers in a row: how long before trying again (said in
        the panel, counted down by ``tick``)."""
        wait = self._wait()
        if wait <= 0:
            return ""
        return ngettext("Trop d’essais d’affilée : attends {n} seconde avant de réessayer.",
                        "Trop d’essais d’affilée : attends {n} secondes avant de réessayer.", wait).format(n=wait)

    def draw(self, surface):
        super().draw(surface)
        m, ui = self.ui.metrics, self.ui
        clip = surface.get_clip()
        surface.set_clip(self.content.inflate(-4, -4))
        for rendered, pos in self.blocks:
            surface.blit(rendered, pos)
        if self.verdict is not None and hasattr(self, "verdict_at"):
            icon, color = self.verdict_icon
            # Right after the verdict's words, not in the corner where a ✕ reads as « close ».
            x = min(self.verdict_end + m.unit * 2 + m.title // 2, self.rect.right - m.unit * 4 - m.title // 2)
            gfx.icon(surface, icon, (x, self.verdict_mid), m.title, color)
        if not self.resolved or getattr(self.input, "opened", False):
            self.input.draw(surface)
        surface.set_clip(clip)
        pygame.draw.line(surface, ui.palette.border, (self.rect.x + 2, self.footer_top),
                         (self.rect.right - 3, self.footer_top), 2)
        submit, said_why, greyed = self.scene.widget("submit"), False, self.why_greyed()
        if submit is not None and not submit.enabled and greyed:  # a greyed « Valider » says why
            why = ui.text.render(greyed, m.small, ui.palette.danger if self._wait() else ui.palette.muted)
            right = max((w.rect.right for w in self.scene.widgets if w.rect.top >= self.footer_top), default=0)
            x = self.rect.right - why.get_width() - m.unit * 4
            if x > right + m.unit * 2:
                surface.blit(why, (x, self.footer_top + (self.rect.bottom - self.footer_top - why.get_height()) // 2))
                said_why = True
        if self.content_height > self.content.height:
            more = ui.text.render(_("Suite plus bas : molette ou touche Page suivante"), m.small, ui.palette.muted)
            right = max((w.rect.right for w in self.scene.widgets if w.rect.top >= self.footer_top), default=0)
            x = self.rect.right - more.get_width() - m.unit * 4
            if x > right + m.unit * 2 and not said_why and self.scroll < self.max_scroll():
                # in words beside the actions when there is room, while there is more below
                surface.blit(more, (x, self.footer_top + (self.rect.bottom - self.footer_top - more.get_height()) // 2))
            # and always a scrollbar on the content's edge
            bar = pygame.Rect(self.rect.right - m.unit * 2, self.content.y + m.unit * 2, max(4, m.unit // 2),
                              self.content.height - m.unit * 4)
            pygame.draw.rect(surface, ui.palette.surface_alt, bar)
            thumb = bar.copy()
            thumb.height = max(m.unit * 3, bar.height * self.content.height // max(1, self.content_height))
            thumb.y = bar.y + (bar.height - thumb.height) * self.scroll // max(1, self.max_scroll())
            pygame.draw.rect(surface, ui.palette.muted, thumb)

    def submit(self) -> cmd.Answer | None:
        """« Valider »: the answer entered, as the core's command (None while incomplete,
        or while the lock makes the player wait: then the wait is said again, for a
        keyboard's Enter, as the greyed button says it to the eye)."""
        value = self.input.value()
        if value is None or self.resolved:
            return None
        if self._wait():
            self.scene.app.ui.play("wrong")
            self.scene.app.speak(self._cooldown_note())
            return None
        return cmd.Answer(puzzle=self.puzzle.id, value=value)

    def judged(self, event: ev.AnswerJudged) -> None:
        """The rules judged this puzzle's answer: show the verdict from the top; a lock
        shakes or opens (locks.py)."""
        self.verdict = event
        self.stale = False
        self.scroll = 0
        self.more = False
        if not event.correct and self._wait():  # the wait begins: said to a voice too
            self.scene.app.speak(self._cooldown_note())
        if hasattr(self.input, "judged"):
            self.input.judged(event)

    def changed(self) -> None:
        if hasattr(self.input, "edited"):
            self.input.edited()  # a lock marked wrong is no longer: its code changed
        super().changed()

    def update(self, dt: float) -> bool:
        """A lock's movement (a shake, an opening), drawn live over the composed
        picture (``draw_live``); True while it runs."""
        moving = getattr(self.input, "update", None)
        return bool(moving is not None and moving(dt))

    def draw_live(self, surface: pygame.Surface, composed: pygame.Surface | None) -> list[pygame.Rect]:
        draw = getattr(self.input, "draw_live", None)
        if draw is None or (self.resolved and not getattr(self.input, "opened", False)):
            return []
        clip = surface.get_clip()
        surface.set_clip(self.content.inflate(-4, -4))
        try:
            return [r.clip(self.content) for r in draw(surface, composed, self.ui.palette.surface)]
        finally:
            surface.set_clip(clip)

    def wanted_focus(self):
        """After the verdict « Continuer »; before, where the answer is entered."""
        if self.resolved:
            return "continue"
        return self.input.wanted_focus(self.fields)

    def on_action(self, action, widget):
        if self.input.act(action):
            if not self.resolved:
                self.stale = self.verdict is not None  # a new answer: the old verdict dims
            self.scene.relayout()
            return None
        match action:
            case act.Submit():
                return self.submit()
            case MoreAbout():
                self.more = True
                self.scene.relayout()
                self.scene.focus = self.scene.widget("continue")
            case cmd.Hint() | cmd.Skip():
                return action
            case act.ShowDocument():
                self.scene.open(DocumentPanel(self.scene, self.puzzle.document), front=True)
                self.scene.relayout()
            case act.Continue():
                if not self.closable:  # a question: the rules move on to the next one
                    return cmd.Next()
                self.scene.close(self)  # a puzzle of a room: back to the room
            case _:
                return super().on_action(action, widget)
        return None

    def on_key(self, event):
        # The answer's own keys first (answers.py: digits, arrows, Enter on a complete answer).
        used = False if self.resolved else self.input.on_key(event, self.scene.focus)
        if used == "submit":
            return self.submit() or True
        if used:
            self.stale = self.verdict is not None  # a new answer: the old verdict dims, in place
            self.scene.relayout()
            return True
        return super().on_key(event)
