"""The contract of a screen: ``enter``, ``layout``, ``handle``, ``update``, ``draw``.

A scene owns its widgets and the keyboard focus. Input is turned into widget
activations here, the same way for a mouse click, a finger tap, Enter or Space, so
every screen can be played with any of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

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

    # --- lifecycle ------------------------------------------------------------------

    def enter(self) -> None:
        self.layout()

    def exit(self) -> None:
        pass

    def layout(self) -> None:
        """Build the widgets for the current window size and preferences."""

    def relayout(self) -> None:
        """Lay out again, keeping the focus on the widget with the same id."""
        focused = self.focus.id if self.focus else None
        self.layout()
        self.focus = self.widget(focused) if focused else None
        self.invalidate()

    def invalidate(self) -> None:
        """Something visible changed: compose the picture again at the next frame."""
        self._composed = None
        self.app.dirty = True

    def update(self, dt: float) -> bool:
        """Advance animations by ``dt`` seconds; True while something moves."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """The frame: the composed picture (built again only after a change), then the
        parts that live on their own (a clock)."""
        composed = self._composed
        if composed is None or composed.get_size() != surface.get_size():
            self.compose(surface)
            self._composed = surface.copy()
        else:
            surface.blit(composed, (0, 0))
        self.draw_live(surface)

    def compose(self, surface: pygame.Surface) -> None:
        """Draw the whole screen (what changes only on input)."""
        surface.fill(self.app.ui.palette.background)
        self.draw_widgets(surface)

    def draw_live(self, surface: pygame.Surface) -> None:
        """Draw what changes with time alone, over the composed picture."""

    def draw_widgets(self, surface: pygame.Surface, widgets: list[Widget] | None = None) -> None:
        clip = surface.get_clip()
        for widget in widgets if widgets is not None else self.widgets:
            if not self.shown(widget):
                continue
            if widget.scrolls and self.viewport is not None:
                surface.set_clip(self.viewport.inflate(self.app.ui.metrics.unit * 2, self.app.ui.metrics.unit * 2))
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

    # --- input ------------------------------------------------------------------------

    def widget(self, widget_id: str | None) -> Widget | None:
        return next((w for w in self.widgets if w.id == widget_id), None)

    def focusables(self) -> list[Widget]:
        return [w for w in self.widgets if w.focusable and w.enabled]

    def at(self, pos: tuple[int, int]) -> Widget | None:
        for widget in reversed(self.widgets):  # the last drawn is on top
            if widget.enabled and self.shown(widget) and widget.rect.collidepoint(pos):
                return widget
        return None

    def activate(self, widget: Widget) -> None:
        self.focus = widget
        if widget.action is not None:  # a text field only takes the focus
            self.on_action(widget.action, widget)

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
            self.scroll_by(-event.y * self.app.ui.metrics.body * 2)
        elif kind == pygame.MOUSEMOTION:
            hovered = self.at(event.pos)
            if hovered is not self.hover:
                self.hover = hovered
                self.app.dirty = True
        elif kind == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.focus_visible = False
            self.press(event.pos)
        elif kind == pygame.FINGERDOWN:
            width, height = self.app.size
            self.press((round(event.x * width), round(event.y * height)))
        elif kind == pygame.KEYDOWN:
            self.focus_visible = True
            self.key(event)
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
            self.activate(widget)
        else:
            self.on_click(pos)

    def key(self, event: pygame.event.Event) -> None:
        if self.on_key(event):
            return
        key = event.key
        focusables = self.focusables()
        if key == pygame.K_TAB or key in (pygame.K_DOWN, pygame.K_RIGHT, pygame.K_UP, pygame.K_LEFT):
            if isinstance(self.focus, TextInput) and key in (pygame.K_LEFT, pygame.K_RIGHT):
                return
            self.move_focus(focusables, key, bool(event.mod & pygame.KMOD_SHIFT))
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if isinstance(self.focus, TextInput):
                if key == pygame.K_SPACE:
                    return  # the space itself arrives as TEXTINPUT
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
