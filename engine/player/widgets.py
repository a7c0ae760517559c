"""Widgets: small objects a scene lays out, draws, focuses and activates.

Every widget has an ``id`` (tests click it by id), a ``rect``, a ``speech`` text (what
a screen reader or text-to-speech says) and an ``action`` given back to its scene when
it is activated by a click, a tap, Enter or Space: a typed value of ``actions``
(``OpenGame(card)``, ``Choose(option)``…) or the core's command it stands for
(``commands.Inspect(object=…)``). A widget reads no global (mouse, clock): what it
needs comes in its fields or, for where a picture was clicked, in its action.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pygame

from . import gfx, textedit

if TYPE_CHECKING:
    from .app import Ui


@dataclass
class Widget:
    id: str
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    action: Any = None
    speech: str = ""
    focusable: bool = True
    enabled: bool = True
    scrolls: bool = False  # lives in its scene's scrolling viewport

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool, hovered: bool) -> None:
        raise NotImplementedError

    def draw_focus(self, surface: pygame.Surface, ui: Ui) -> None:
        """A thick bright ring with a dark edge: seen on light and dark backgrounds alike."""
        width = ui.metrics.focus_width
        ring = self.rect.inflate(width * 3, width * 3)
        pygame.draw.rect(surface, ui.palette.shade, ring.inflate(4, 4), 2, border_radius=ui.metrics.radius + width + 2)
        pygame.draw.rect(surface, ui.palette.focus, ring, width, border_radius=ui.metrics.radius + width)


@dataclass
class Button(Widget):
    """A labelled button; ``style`` is primary, secondary, quiet, choice or danger;
    ``selected`` marks a chosen option (drawn with a check mark and a bold border,
    not only a colour)."""

    label: str = ""
    icon: str | None = None
    style: str = "secondary"
    selected: bool = False
    detail: str = ""
    size: int = 0  # text size; 0 for the body size
    key: str = ""  # the key that does the same, shown on a key cap before the label (« 1 »)
    centred: bool = False  # what it shows in its middle (a keypad's digit), not from its left

    def __post_init__(self) -> None:
        if not self.speech:
            self.speech = self.label

    def _marks_width(self, ui: Ui) -> int:
        """What the icon (or check mark) and the key cap take before the label."""
        m = ui.metrics
        size = self.size or m.body
        width = (round(size * 1.1) + m.unit) if (self.icon or self.selected) else 0
        if self.key:
            width += key_cap_size(ui, self.key)[0] + m.unit
        return width

    def needed_width(self, ui: Ui) -> int:
        """The width that shows the label on one line, with its icon and margins (the
        inverse of ``needed_height``: a button this wide needs one line)."""
        m = ui.metrics
        size = self.size or m.body
        text_w = ui.text.render(self.label, size, (0, 0, 0), bold=self.style == "primary").get_width()
        return text_w + m.unit * 4 + self._marks_width(ui) + 2

    def needed_height(self, ui: Ui, width: int) -> int:
        """The height this button needs at ``width`` to show its label and detail whole."""
        m = ui.metrics
        size = self.size or m.body
        text_w = width - m.unit * 4 - self._marks_width(ui)
        height = ui.text.height(self.label, size, max(10, text_w), bold=self.style == "primary")
        if self.detail:
            height += ui.text.height(self.detail, m.small, max(10, text_w)) + m.unit // 2
        return height + m.unit * 3

    def colors(self, ui: Ui, hovered: bool) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
        p = ui.palette
        if not self.enabled:
            return p.surface_alt, p.disabled_text or p.muted, p.disabled_edge or p.border
        if self.style == "primary":
            return p.accent, p.accent_text, p.accent
        if self.style == "danger":
            return p.danger, p.accent_text if ui.prefs["contrast"] != "high" else (0, 0, 0), p.danger
        if self.selected:
            return p.surface_alt, p.text, p.accent
        return (p.surface_alt if hovered else p.surface), p.text, (p.accent if hovered else p.border)

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool, hovered: bool) -> None:
        fill, ink, edge = self.colors(ui, hovered)
        m = ui.metrics
        gfx.box(surface, self.rect, fill, m.radius, edge, m.focus_width if self.selected else 2)
        size = self.size or m.body
        pad = m.unit * 2
        x = self.rect.x + pad
        mark = "check" if self.selected else self.icon
        if self.centred and not self.detail:
            x += self._centring(ui, size)
        if mark:
            icon_size = round(size * 1.1)
            gfx.icon(surface, mark, (x + icon_size // 2, self.rect.centery), icon_size, ink)
            x += icon_size + m.unit
        if self.key:
            x += draw_key_cap(surface, ui, self.key, (x, self.rect.centery), ink) + m.unit
        width = self.rect.right - pad - x
        text = ui.text.render(self.label, size, ink, max(10, width), bold=self.style == "primary")
        if self.detail:
            detail = ui.text.render(self.detail, m.small, ink, max(10, width))
            top = self.rect.centery - (text.get_height() + detail.get_height() + m.unit // 2) // 2
            surface.blit(text, (x, top))
            surface.blit(detail, (x, top + text.get_height() + m.unit // 2))
        else:
            surface.blit(text, (x, self.rect.centery - text.get_height() // 2))
        if focused:
            self.draw_focus(surface, ui)

    def _centring(self, ui: Ui, size: int) -> int:
        """How far right of the left margin its marks and label start so that what is
        drawn (the label's ink: a « 1 » is narrower than its advance) is in the middle."""
        m = ui.metrics
        pad = m.unit * 2
        room = self.rect.width - pad * 2
        marks = self._marks_width(ui)
        if not self.label:
            return max(0, (room - marks + m.unit) // 2)
        text = ui.text.render(self.label, size, (0, 0, 0), max(10, room - marks), bold=self.style == "primary")
        ink = text.get_bounding_rect()
        return max(0, (room - marks - ink.width) // 2 - ink.x)


def key_cap_size(ui: Ui, key: str) -> tuple[int, int]:
    """The size of a key cap showing ``key`` (in small text, at least square)."""
    m = ui.metrics
    text = ui.text.render(key, m.small, (0, 0, 0), bold=True)
    height = text.get_height() + m.unit
    return max(height, text.get_width() + m.unit * 2), height


def draw_key_cap(surface: pygame.Surface, ui: Ui, key: str, midleft: tuple[int, int], ink) -> int:
    """A key of the keyboard drawn as a small outlined cap with ``key`` on it (a shortcut
    shown where it acts); returns its width."""
    m = ui.metrics
    width, height = key_cap_size(ui, key)
    cap = pygame.Rect(0, 0, width, height)
    cap.midleft = midleft
    pygame.draw.rect(surface, ink, cap, 2, border_radius=max(2, m.radius // 2))
    pygame.draw.line(surface, ink, (cap.x + 3, cap.bottom - 3), (cap.right - 4, cap.bottom - 3), 1)
    text = ui.text.render(key, m.small, ink, bold=True)
    surface.blit(text, text.get_rect(center=(cap.centerx, cap.centery - 1)))
    return width


@dataclass
class TextInput(Widget):
    """A one-line text field; typing goes to it while it has the focus. The caret,
    the selection (Shift with the arrows, Home, End; Ctrl+A) and the clipboard
    (Ctrl+C, Ctrl+X, Ctrl+V) follow the rules of ``textedit``."""

    value: str = ""
    placeholder: str = ""
    max_length: int = 80
    allowed: str | None = None  # characters accepted (None: any)
    caret: int | None = None  # None: at the end (a value set from outside)
    anchor: int | None = None  # the selection's other end; None: at the caret

    def editing(self) -> textedit.Edit:
        caret = len(self.value) if self.caret is None else self.caret
        return textedit.Edit(self.value, caret, caret if self.anchor is None else self.anchor).clamped()

    def _keep(self, edit: textedit.Edit) -> None:
        self.value, self.caret, self.anchor = edit.text, edit.caret, edit.anchor

    def type(self, text: str) -> None:
        kept = ""
        for char in text:
            if self.allowed is not None and char.upper() not in self.allowed:
                continue
            kept += char.upper() if self.allowed and char.upper() in self.allowed else char
        self._keep(textedit.insert(self.editing(), kept, self.max_length))

    def backspace(self) -> None:
        self._keep(textedit.delete(self.editing()))

    def edit_key(self, event: pygame.event.Event) -> bool:
        """Apply an editing key (arrows, Home, End, Delete, Backspace, Ctrl+A/C/X/V);
        False when the key is not one (Tab, Enter, Escape go to the scene)."""
        name = _EDIT_KEYS.get(event.key)
        if name is None:
            return False
        ctrl = bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        edit = textedit.key(self.editing(), name, bool(event.mod & pygame.KMOD_SHIFT), ctrl,
                            copy=_clipboard_put, paste=_clipboard_get, max_length=self.max_length)
        if edit is None:
            return False
        if name == "v" and self.allowed is not None:  # pasted text obeys the field's letters
            before = self.editing()
            start, end = before.selection
            self._keep(textedit.delete(before) if start != end else before)
            self.type(edit.text[start:edit.caret])
        else:
            self._keep(edit)
        return True

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool, hovered: bool) -> None:
        p, m = ui.palette, ui.metrics
        # Focused, its own edge is the focus ring (bright, with a dark line outside): one
        # ring, on the field, not a second one around it over the label above (there
        # were two in high contrast, the outer one across « Ou tape le code : »).
        if focused:
            pygame.draw.rect(surface, p.shade, self.rect.inflate(4, 4), 2, border_radius=m.radius + 2)
        gfx.box(surface, self.rect, p.surface, m.radius, p.focus if focused else p.border, m.focus_width)
        shown = self.value or self.placeholder
        ink = p.text if self.value else p.muted
        text = ui.text.render(shown, m.body, ink)
        x = self.rect.x + m.unit * 2
        clip = surface.get_clip()
        surface.set_clip(self.rect.inflate(-m.unit * 2, 0))
        edit = self.editing()

        def at(index: int) -> int:  # the x of a position in the text, before scrolling
            return ui.text.render(self.value[:index], m.body, ink).get_width() if index else 0

        caret_at = at(edit.caret) if self.value else 0
        room = self.rect.width - m.unit * 5
        # Scrolled so that the caret shows: the text's end when the caret is there.
        offset = max(0, min(caret_at, text.get_width() if self.value else 0) - room)
        top, bottom = self.rect.y + m.unit * 1.5, self.rect.bottom - m.unit * 1.5
        if focused and edit.selected:
            start, end = edit.selection
            band = pygame.Rect(x - offset + at(start), top, at(end) - at(start), bottom - top)
            pygame.draw.rect(surface, p.focus, band)
        surface.blit(text, (x - offset, self.rect.centery - text.get_height() // 2))
        if focused and self.value:
            caret_x = x - offset + caret_at + 1
            pygame.draw.line(surface, p.text, (caret_x, top), (caret_x, bottom), 2)
        surface.set_clip(clip)


_EDIT_KEYS = {pygame.K_LEFT: "left", pygame.K_RIGHT: "right", pygame.K_HOME: "home", pygame.K_END: "end",
              pygame.K_BACKSPACE: "backspace", pygame.K_DELETE: "delete", pygame.K_a: "a", pygame.K_c: "c",
              pygame.K_x: "x", pygame.K_v: "v"}


def _clipboard_put(text: str) -> None:
    try:
        pygame.scrap.put_text(text)
    except pygame.error:  # no clipboard (a driver without one): the copy is lost
        pass


def _clipboard_get() -> str:
    try:
        return pygame.scrap.get_text()
    except pygame.error:
        return ""


@dataclass
class Area(Widget):
    """An invisible clickable region (a hotspot in a room, a part of a document);
    drawn by its scene, outlined here when focused so keyboard play shows where it is."""

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool, hovered: bool) -> None:
        if focused or hovered:
            pygame.draw.rect(surface, ui.palette.focus, self.rect.inflate(6, 6), ui.metrics.focus_width,
                             border_radius=ui.metrics.radius)


@dataclass
class Label(Widget):
    """Text that belongs to the layout (a caption before a row of buttons)."""

    text: str = ""
    focusable: bool = False
    small: bool = False

    def draw(self, surface: pygame.Surface, ui: Ui, focused: bool, hovered: bool) -> None:
        size = ui.metrics.small if self.small else ui.metrics.body
        rendered = ui.text.render(self.text, size, ui.palette.muted if self.small else ui.palette.text,
                                  self.rect.width or None)
        surface.blit(rendered, (self.rect.x, self.rect.centery - rendered.get_height() // 2))
