"""The contract of a screen: ``enter``, ``layout``, ``handle``, ``update``, ``draw``.

A scene owns its widgets and the keyboard focus. Input is turned into widget
activations here, the same way for a mouse click, a finger tap, Enter or Space, so
every screen can be played with any of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from .widgets import TextInput, Widget

if TYPE_CHECKING:
    from .app import App


class Scene:
    def __init__(self, app: "App") -> None:
        self.app = app
        self.widgets: list[Widget] = []
        self.focus: Widget | None = None
        self.hover: Widget | None = None
        self.focus_visible = False  # shown after the first key press: mouse users see none

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
        self.app.dirty = True

    def update(self, dt: float) -> bool:
        """Advance animations by ``dt`` seconds; True while something moves."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.app.ui.palette.background)
        self.draw_widgets(surface)

    def draw_widgets(self, surface: pygame.Surface, widgets: list[Widget] | None = None) -> None:
        for widget in widgets if widgets is not None else self.widgets:
            widget.draw(surface, self.app.ui, self.focus_visible and widget is self.focus,
                        widget is self.hover)

    # --- input ------------------------------------------------------------------------

    def widget(self, widget_id: str | None) -> Widget | None:
        return next((w for w in self.widgets if w.id == widget_id), None)

    def focusables(self) -> list[Widget]:
        return [w for w in self.widgets if w.focusable and w.enabled]

    def at(self, pos: tuple[int, int]) -> Widget | None:
        for widget in reversed(self.widgets):  # the last drawn is on top
            if widget.enabled and widget.rect.collidepoint(pos):
                return widget
        return None

    def activate(self, widget: Widget) -> None:
        self.focus = widget
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
        if kind == pygame.MOUSEMOTION:
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

    def on_submit_text(self, widget: TextInput) -> None:
        pass

    def move_focus(self, focusables: list[Widget], key: int, backwards: bool) -> None:
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
