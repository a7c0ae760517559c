"""The contract of a screen: ``enter``, ``layout``, ``handle``, ``update``, ``draw``.

A scene owns its widgets and the keyboard focus. Input is turned into widget
activations here, the same way for a mouse click, a finger tap, Enter or Space, so
every screen can be played with any of them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pygame

from .actions import AimAt
from .widgets import Area, TextInput, Widget

if TYPE_CHECKING:
    from .app import App


class Scene:
    def __init__(self, app: App) -> None:
        self.app = app
        self.widgets: list[Widget] = []
        self.focus: Widget | None = None
        self.hover: Widget | None = None
        self.focus_visible = False  # shown after the first key press: mouse users see none
        # A region whose content can be taller than the window (200 % text): widgets
        # marked ``scrolls`` are laid out ``scroll`` pixels up and shown only inside it.
        self.viewport: pygame.Rect | None = None
        self.scroll = 0
        self.content_bottom = 0  # where the scrolling content ends, in window coordinates
        self._composed: pygame.Surface | None = None
        # What lay under each widget when the picture was composed (its hover, focus ring
        # and shadow included), in drawing order: a change of hover or focus repaints
        # those widgets alone, over what was under them (``touch``).
        self._under: dict[int, tuple[int, Widget, pygame.Rect, pygame.Rect | None, pygame.Surface]] = {}
        self._capturing: pygame.Surface | None = None
        self._touched: list[Widget] = []
        self._overlays: list[pygame.Rect] = []  # drawn over the widgets (a scrollbar, a toast)
        self._focus_moved: tuple[Widget | None, Widget | None] | None = None
        # The surface that shows the composed picture now, with only the live layer drawn
        # over it (in ``_live``): the next frame then redraws those areas alone.
        self._on_screen: pygame.Surface | None = None
        self._live: list[pygame.Rect] = []

    # --- lifecycle ------------------------------------------------------------------

    def enter(self) -> None:
        self.layout()
        self.settle_focus()

    def exit(self) -> None:
        pass

    def layout(self) -> None:
        """Build the widgets for the current window size and preferences."""

    def relayout(self) -> None:
        """Lay out again, keeping the focus on the widget with the same id (or where
        ``settle_focus`` sends it)."""
        focused = self.focus.id if self.focus else None
        self.layout()
        self.focus = self.widget(focused) if focused else None
        self.settle_focus()
        self.invalidate()

    def settle_focus(self) -> None:
        """Decide where the keyboard focus goes after a layout (a layout computes
        geometry only); the screens where it moves by itself say so here."""

    def invalidate(self) -> None:
        """Something visible changed: compose the picture again at the next frame."""
        self._composed = None
        self._touched = []
        self.app.dirty = True

    def touch(self, *widgets: Widget | None) -> None:
        """Only how these widgets look changed (hover, focus): at the next frame they are
        drawn again over what was under them, and nothing else is."""
        self._touched += [w for w in widgets if w is not None and w not in self._touched]
        if self._touched:
            self.app.repaint = True

    def drawn_over(self, rect: pygame.Rect) -> None:
        """``compose`` drew ``rect`` after the widgets: a widget under it is never
        repainted alone (the whole picture is composed again instead)."""
        if self._capturing is not None:
            self._overlays.append(pygame.Rect(rect))

    def _margin(self) -> int:
        """How far a widget's drawing reaches beyond its rectangle (focus ring, shadow)."""
        return self.app.ui.metrics.focus_width * 3 + 12

    def update(self, dt: float) -> bool:
        """Advance animations by ``dt`` seconds; True while something moves."""
        return False

    def draw(self, surface: pygame.Surface) -> list[pygame.Rect] | None:
        """The frame: the composed picture (built again only after a change), then the
        parts that live on their own (a clock). Returns the areas of ``surface`` that
        changed, or None when all of it may have: the window shows those alone again.

        When ``surface`` already shows the composed picture, a frame redraws only what
        changed on it: the widgets whose hover or focus changed, and the live layer."""
        composed = self._composed
        shown = self._on_screen is surface
        changed: list[pygame.Rect] | None
        if composed is None or composed.get_size() != surface.get_size():
            self._under = {}
            self._overlays = []
            self._capturing = surface
            try:
                self.compose(surface)
            finally:
                self._capturing = None
            self._composed = surface.copy()
            self._touched = []
            changed = None
        elif self._touched:
            changed = self._repaint(composed) + self._live
            for area in changed if shown else [surface.get_rect()]:
                surface.blit(composed, area, area)
        elif shown:
            changed = list(self._live)  # the live layer of the last frame, taken away
            for area in changed:
                surface.blit(composed, area, area)
        else:
            surface.blit(composed, (0, 0))
            changed = None
        live = self.draw_live(surface)
        self._live = [pygame.Rect(r) for r in live] if live is not None else []
        self._on_screen = surface if live is not None else None
        if changed is None or live is None or not shown:
            return None
        return changed + self._live

    def forget_screen(self) -> None:
        """Something else drew over the window (an effect, another scene, the system):
        the next frame shows the whole composed picture again."""
        self._on_screen = None

    def _repaint(self, composed: pygame.Surface) -> list[pygame.Rect]:
        """Draw the touched widgets again on the composed picture; returns the areas that
        changed. A widget drawn later over one of them is drawn again too, and each is
        drawn over what lay under the first of them, so the result is what a whole
        compose would give."""
        touched, self._touched = self._touched, []
        pending = [self._under.get(id(w)) for w in touched]
        if any(entry is None or entry[1] is not w for entry, w in zip(pending, touched)) or any(
                entry is not None and entry[2].collidelist(self._overlays) >= 0 for entry in pending):
            # not drawn by draw_widgets, or under something drawn after: the whole picture
            self._under, self._overlays, self._capturing = {}, [], composed
            try:
                self.compose(composed)
            finally:
                self._capturing = None
            return [composed.get_rect()]
        group = {entry[0]: entry for entry in pending if entry is not None}
        grew = True
        while grew:  # the widgets drawn after one of the group and over it join it
            grew = False
            for entry in self._under.values():
                order = entry[0]
                if order not in group and any(order > o and entry[2].colliderect(e[2]) for o, e in group.items()):
                    group[order] = entry
                    grew = True
        ordered = [group[order] for order in sorted(group)]
        for _order, _widget, area, _clip, under in reversed(ordered):
            composed.blit(under, area)
        ui = self.app.ui
        for _order, widget, _area, clip, _under in ordered:
            composed.set_clip(clip)
            widget.draw(composed, ui, self.focus_visible and widget is self.focus, widget is self.hover)
            composed.set_clip(None)
        return [entry[2] for entry in ordered]

    def compose(self, surface: pygame.Surface) -> None:
        """Draw the whole screen (what changes only on input)."""
        surface.fill(self.app.ui.palette.background)
        self.draw_widgets(surface)

    def draw_live(self, surface: pygame.Surface) -> list[pygame.Rect] | None:
        """Draw what changes with time alone, over the composed picture; returns the areas
        drawn (None: anywhere, so the next frame starts from the whole picture)."""
        return []

    def draw_widgets(self, surface: pygame.Surface, widgets: list[Widget] | None = None) -> None:
        clip = surface.get_clip()
        capturing = surface is self._capturing
        for widget in widgets if widgets is not None else self.widgets:
            if not self.shown(widget):
                # Partly scrolled out: drawn cut at the viewport's edge, so that a list
                # shows where it goes on; its visible part is hovered and clicked (``reaches``).
                if widget.scrolls and self.viewport is not None and widget.rect.colliderect(self.viewport):
                    surface.set_clip(self.viewport.clip(clip))
                    widget.draw(surface, self.app.ui, self.focus_visible and widget is self.focus,
                                widget is self.hover)  # its visible part takes a click
                    surface.set_clip(clip)
                continue
            if widget.scrolls and self.viewport is not None:
                surface.set_clip(self.viewport.inflate(self.app.ui.metrics.unit * 2, self.app.ui.metrics.unit * 2))
            if capturing:
                area = widget.rect.inflate(self._margin() * 2, self._margin() * 2).clip(surface.get_clip())
                self._under[id(widget)] = (len(self._under), widget, area, surface.get_clip(),
                                           surface.subsurface(area).copy())
            widget.draw(surface, self.app.ui, self.focus_visible and widget is self.focus,
                        widget is self.hover)
            surface.set_clip(clip)
        if self.viewport is not None and self.max_scroll() > 0:
            self.draw_scrollbar(surface)

    # --- scrolling --------------------------------------------------------------------

    def shown(self, widget: Widget) -> bool:
        """Whether ``widget`` can be seen and used: whole inside the viewport, or for a
        zone of a picture or document (taller than the screen at 200 %) enough of it."""
        if not widget.scrolls or self.viewport is None or self.viewport.contains(widget.rect):
            return True
        if isinstance(widget, Area):
            visible = widget.rect.clip(self.viewport)
            unit = self.app.ui.metrics.unit
            return visible.height >= unit * 4 and visible.width >= unit * 4
        return False

    def visible_widgets(self) -> list[Widget]:
        return [w for w in self.widgets if self.shown(w)]

    def max_scroll(self) -> int:
        if self.viewport is None:
            return 0
        return max(0, self.content_bottom + self.scroll - self.viewport.bottom)

    def scroll_by(self, amount: int) -> None:
        target = min(self.max_scroll(), max(0, self.scroll + amount))
        if target != self.scroll:
            self.scroll = target
            self.relayout()

    def scroll_to(self, widget: Widget) -> None:
        """Scroll just enough for ``widget`` to be seen (keyboard focus follows)."""
        if self.viewport is None or not widget.scrolls or self.shown(widget):
            return
        if widget.rect.top < self.viewport.top:
            self.scroll_by(widget.rect.top - self.viewport.top)
        else:
            self.scroll_by(widget.rect.bottom - self.viewport.bottom)

    def draw_scrollbar(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        view = self.viewport
        assert view is not None
        total = view.height + self.max_scroll()
        bar = pygame.Rect(view.right + ui.metrics.unit // 2, view.y, max(4, ui.metrics.unit // 2), view.height)
        pygame.draw.rect(surface, ui.palette.surface_alt, bar)
        thumb = bar.copy()
        thumb.height = max(ui.metrics.unit * 3, bar.height * view.height // total)
        thumb.y = bar.y + (bar.height - thumb.height) * self.scroll // max(1, self.max_scroll())
        pygame.draw.rect(surface, ui.palette.muted, thumb)
        if surface is self._capturing:
            self.drawn_over(bar)

    # --- input ------------------------------------------------------------------------

    def widget(self, widget_id: str | None) -> Widget | None:
        return next((w for w in self.widgets if w.id == widget_id), None)

    def focusables(self) -> list[Widget]:
        return [w for w in self.widgets if w.focusable and w.enabled]

    def at(self, pos: tuple[int, int]) -> Widget | None:
        for widget in reversed(self.widgets):  # the last drawn is on top
            if widget.enabled and self.reaches(widget, pos):
                return widget
        return None

    def reaches(self, widget: Widget, pos: tuple[int, int]) -> bool:
        """Whether a pointer at ``pos`` is on ``widget``: anywhere on it when it is shown,
        on its visible part when the viewport's edge cuts it (what is drawn takes a
        click), never on a part scrolled out of view."""
        if not widget.rect.collidepoint(pos):
            return False
        if self.shown(widget):
            return True
        return widget.scrolls and self.viewport is not None and self.viewport.collidepoint(pos)

    def activate(self, widget: Widget, pos: tuple[int, int] | None = None) -> None:
        """``widget`` was clicked or tapped at ``pos``, or pressed with Enter (no ``pos``)."""
        self.focus = widget
        action = widget.action
        if isinstance(action, AimAt) and pos is not None:
            action = replace(action, at=pos)  # where in the picture: from the event itself
        if action is not None:  # a text field only takes the focus
            self.on_action(action, widget)

    def on_action(self, action: Any, widget: Widget) -> None:
        """A widget was activated; scenes decide what it means."""

    def on_escape(self) -> None:
        """Escape was pressed: close what is open, or go back."""

    def on_click(self, pos: tuple[int, int]) -> bool:
        """A click that hit no widget; True when the scene used it (a hotspot image)."""
        return False

    def on_key(self, event: pygame.event.Event) -> bool:
        """A key the scene handles itself; True when used."""
        return False

    def handle(self, event: pygame.event.Event) -> None:
        kind = event.type
        if kind == pygame.MOUSEWHEEL and self.viewport is not None:
            self.scroll_by(-event.y * self.app.ui.metrics.wheel_step)
        elif kind == pygame.MOUSEMOTION:
            hovered = self.at(event.pos)
            if hovered is not self.hover:
                self.touch(self.hover, hovered)
                self.hover = hovered
            return  # what a pointer move changes is the hover alone: nothing else to draw
        elif kind == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.focus_visible = False
            self.press(event.pos)
        elif kind == pygame.FINGERDOWN:
            width, height = self.app.size
            self.press((round(event.x * width), round(event.y * height)))
        elif kind == pygame.KEYDOWN:
            was_visible, self.focus_visible = self.focus_visible, True
            self._focus_moved = None
            self.key(event)
            moved, self._focus_moved = self._focus_moved, None
            if moved is not None and was_visible and self._composed is not None:
                self.touch(*moved)  # Tab or an arrow moved the focus ring, and nothing else
                return
        elif kind == pygame.TEXTINPUT and isinstance(self.focus, TextInput):
            self.focus.type(event.text)
            self.on_text_changed(self.focus)
        else:
            return
        self.app.dirty = True

    def on_text_changed(self, widget: TextInput) -> None:
        pass

    def press(self, pos: tuple[int, int]) -> None:
        widget = self.at(pos)
        if widget is not None:
            self.activate(widget, pos)
        else:
            self.on_click(pos)

    def key(self, event: pygame.event.Event) -> None:
        if self.on_key(event) or self._edit_text(event):
            return
        key = event.key
        if key == pygame.K_TAB or key in (pygame.K_DOWN, pygame.K_RIGHT, pygame.K_UP, pygame.K_LEFT):
            self._key_moves_focus(event)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if isinstance(self.focus, TextInput):
                if key != pygame.K_SPACE:  # the space itself arrives as TEXTINPUT
                    self.on_submit_text(self.focus)
            elif self.focus is not None and self.focus.enabled:
                self.activate(self.focus)
        elif key == pygame.K_BACKSPACE and isinstance(self.focus, TextInput):
            self.focus.backspace()
            self.on_text_changed(self.focus)
        elif key == pygame.K_ESCAPE:
            self.on_escape()
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and self.viewport is not None:
            step = self.viewport.height * 3 // 4
            self.scroll_by(step if key == pygame.K_PAGEDOWN else -step)

    def _edit_text(self, event: pygame.event.Event) -> bool:
        """A key that edits the focused text field (caret, selection, clipboard:
        textedit); True when used."""
        if not isinstance(self.focus, TextInput):
            return False
        text_before = self.focus.value
        if not self.focus.edit_key(event):
            return False
        if self.focus.value != text_before:
            self.on_text_changed(self.focus)
        return True

    def _key_moves_focus(self, event: pygame.event.Event) -> None:
        """Tab (Shift+Tab) or an arrow: the next widget, or the nearest that way."""
        if isinstance(self.focus, TextInput) and event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            return
        before = self.focus
        self.move_focus(self.focusables(), event.key, bool(event.mod & pygame.KMOD_SHIFT))
        self._focus_moved = (before, self.focus)
        if self.focus is not None and self.focus is not before:
            self.app.speak(self.focus.speech)  # what the keyboard reached, for a voice

    def on_submit_text(self, widget: TextInput) -> None:
        pass

    def move_focus(self, focusables: list[Widget], key: int, backwards: bool) -> None:
        self._move_focus(focusables, key, backwards)
        if self.focus is not None:
            focused = self.focus.id
            self.scroll_to(self.focus)
            self.focus = self.widget(focused) or self.focus

    def _move_focus(self, focusables: list[Widget], key: int, backwards: bool) -> None:
        if not focusables:
            return
        if self.focus not in focusables:
            self.focus = focusables[-1 if backwards or key in (pygame.K_UP, pygame.K_LEFT) else 0]
            return
        if key == pygame.K_TAB:
            step = -1 if backwards else 1
            self.focus = focusables[(focusables.index(self.focus) + step) % len(focusables)]
            return
        # Arrows: the nearest widget in that direction (spatial navigation).
        here = pygame.Vector2(self.focus.rect.center)
        direction = {pygame.K_DOWN: (0, 1), pygame.K_UP: (0, -1), pygame.K_RIGHT: (1, 0),
                     pygame.K_LEFT: (-1, 0)}[key]
        best, best_cost = None, float("inf")
        for widget in focusables:
            if widget is self.focus:
                continue
            delta = pygame.Vector2(widget.rect.center) - here
            along = delta.x * direction[0] + delta.y * direction[1]
            if along <= 0:
                continue
            across = abs(delta.x * direction[1]) + abs(delta.y * direction[0])
            cost = along + 2 * across
            if cost < best_cost:
                best, best_cost = widget, cost
        if best is not None:
            self.focus = best
