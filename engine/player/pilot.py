"""Drive the real player with synthetic input, as a person would: click a widget by
its id, type text, press keys, let time pass. Tests and screenshots use it; so does
the benchmark of frame times."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from ..core import commands as cmd
from ..i18n import _ as translate
from .answers import HotspotInput
from .app import App
from .scenes.panels import DocumentPanel, ItemPanel, MessagePanel, PausePanel, PuzzlePanel
from .scenes.play import PlayScene
from .widgets import TextInput

ARROWS = (pygame.K_DOWN, pygame.K_UP, pygame.K_RIGHT, pygame.K_LEFT)


class PilotError(AssertionError):
    """The interface did not offer what the pilot was asked to use."""


class Pilot:
    """``mode`` is how a click is made: ``mouse``, ``touch`` (finger taps) or
    ``keyboard`` (Tab, Maj+Tab or the arrows to the widget, whichever is shortest, then
    Enter; the keys an answer's hint and key caps show; arrows to aim in an image)."""

    def __init__(self, app: App, mode: str = "mouse") -> None:
        self.app = app
        self.mode = mode
        app.step([])

    @property
    def scene(self):
        return self.app.scene

    def ids(self) -> list[str]:
        return [w.id for w in self.scene.widgets]

    def find(self, widget_id: str):
        widget = self.scene.widget(widget_id)
        if widget is not None and not self.scene.shown(widget):
            # Below the fold: scroll to it, as a person would with the wheel.
            self.scene.scroll_to(widget)
            widget = self.scene.widget(widget_id)
        if widget is None or not widget.enabled:
            raise PilotError(f"no enabled widget {widget_id!r} on {type(self.scene).__name__}; "
                             f"there are: {self.ids()}")
        return widget

    def click(self, widget_id: str) -> None:
        widget = self.find(widget_id)
        if self.mode == "touch":
            self.tap(widget_id)
        elif self.mode == "keyboard":
            if getattr(widget, "key", "") == translate("Entrée") and self.scene.focus is widget:
                self.press(pygame.K_RETURN)  # the button says Enter does it: no need to see a ring
                return
            self.focus(widget_id)
            self.press(pygame.K_RETURN)
        else:
            viewport = self.scene.viewport
            visible = widget.rect.clip(viewport) if viewport is not None and widget.scrolls else widget.rect
            self.click_at(visible.center)

    def focus(self, widget_id: str) -> None:
        """Move the focus ring to ``widget_id`` the shortest way, as a keyboard user who
        sees the screen does: Tab, Maj+Tab, or an arrow towards it (where the arrows move
        the focus). Planned again after each key (a scroll moves the widgets)."""
        for _ in range(len(self.scene.widgets) * 2 + 4):
            focus = self.scene.focus
            if focus is not None and focus.id == widget_id and self.scene.focus_visible:
                return
            path = self._shortest_keys(widget_id)
            if not path:
                break
            self.press(*path[0])
        raise PilotError(f"the keyboard never reaches {widget_id!r} on {type(self.scene).__name__}")

    def _arrows_move_focus(self) -> bool:
        """Whether the arrows move the focus here (elsewhere they scroll a text, move a
        line or the aiming cross, add an arrow to a path…)."""
        scene = self.scene
        if isinstance(scene.focus, TextInput):
            return False
        if isinstance(scene, PlayScene):
            panel = scene.panel
            if panel is None:
                return True
            if isinstance(panel, PuzzlePanel):
                return panel.resolved or not panel.input.takes_arrows(scene.focus)
            return False
        from .scenes.home import HomeScene
        from .scenes.intro import IntroScene

        return isinstance(scene, (HomeScene, IntroScene))  # screens whose arrows move the focus

    def _shortest_keys(self, widget_id: str) -> list[tuple[int, int]]:
        """The fewest keys from the focus now to ``widget_id`` (a breadth-first search
        over where each key would send the focus, by the scene's own rule). A ring not
        shown yet is shown by the first key, which also moves it."""
        scene = self.scene
        focusables = scene.focusables()
        keys = [(pygame.K_TAB, 0), (pygame.K_TAB, pygame.KMOD_SHIFT)]
        if self._arrows_move_focus():
            keys += [(key, 0) for key in ARROWS]
        saved = scene.focus
        paths: dict[int, list[tuple[int, int]]] = {}
        frontier: list[tuple[Any, list[tuple[int, int]]]] = [(saved, [])]
        try:
            while frontier:
                following = []
                for here, path in frontier:
                    for key, mod in keys:
                        scene.focus = here
                        scene._move_focus(focusables, key, bool(mod))
                        there = scene.focus
                        if there is None or id(there) in paths:
                            continue
                        paths[id(there)] = path + [(key, mod)]
                        if there.id == widget_id:
                            return paths[id(there)]
                        following.append((there, paths[id(there)]))
                frontier = following
        finally:
            scene.focus = saved
        return []

    def click_at(self, pos: tuple[int, int]) -> None:
        self.app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                       pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                       pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])

    def tap(self, widget_id: str) -> None:
        """A finger tap (touch screens), in normalised coordinates as SDL sends them."""
        x, y = self.find(widget_id).rect.center
        width, height = self.app.size
        self.app.step([pygame.event.Event(pygame.FINGERDOWN, x=x / width, y=y / height, touch_id=0, finger_id=0,
                                          dx=0, dy=0, pressure=1.0),
                       pygame.event.Event(pygame.FINGERUP, x=x / width, y=y / height, touch_id=0, finger_id=0,
                                          dx=0, dy=0, pressure=0.0)])

    def press(self, key: int, mod: int = 0, unicode: str = "") -> None:
        self.app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0),
                       pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0)])

    def type(self, text: str) -> None:
        self.app.step([pygame.event.Event(pygame.TEXTINPUT, text=char) for char in text])

    def wait(self, seconds: float) -> None:
        self.app.step([], dt=seconds)

    def settle(self, timeout: float = 30.0) -> None:
        """Let the screen's work on a worker thread finish (reading a folder), as a
        person waits for the progress to end."""
        import time

        deadline = time.monotonic() + timeout
        while getattr(self.scene, "busy", False):
            if time.monotonic() > deadline:
                raise PilotError(f"{type(self.scene).__name__} still busy after {timeout} s")
            time.sleep(0.005)
            self.app.step([], dt=0.005)
        self.app.step([])

    # --- playing a walkthrough through the interface ----------------------------------

    def past_handover(self) -> None:
        """« Au tour de … » between teams, and the podium of a team challenge: go on,
        as the team in front of the screen does."""
        from .scenes.handover import HandoverScene
        from .scenes.podium import PodiumScene

        for _ in range(4):
            if isinstance(self.scene, HandoverScene):
                self.click("ready")
            elif isinstance(self.scene, PodiumScene):
                self.click("debrief")
            else:
                return

    def dismiss(self) -> None:
        """Close what stands between the player and the room or the question."""
        for _ in range(20):
            self.past_handover()
            scene = self.scene
            if not isinstance(scene, PlayScene) or scene.panel is None:
                return
            panel = scene.panel
            if isinstance(panel, (MessagePanel, DocumentPanel, ItemPanel, PausePanel)):
                self.click("close" if not isinstance(panel, PausePanel) else "resume")
            elif isinstance(panel, PuzzlePanel) and panel.resolved and scene.game.genre == "escape":
                self.click("continue")
            else:
                return

    def puzzle_panel(self, puzzle_id: str) -> PuzzlePanel:
        scene = self.scene
        for _ in range(20):
            panel = scene.panel
            if isinstance(panel, PuzzlePanel) and panel.puzzle.id == puzzle_id:
                return panel
            if isinstance(panel, (MessagePanel, DocumentPanel)):
                self.click("close")
                continue
            break
        raise PilotError(f"the puzzle {puzzle_id!r} is not open (panels: {scene.panels})")

    def perform(self, command: cmd.Command) -> None:
        """Do what a player does in the interface to carry out ``command``."""
        self.past_handover()
        scene = self.scene
        if not isinstance(scene, PlayScene):
            raise PilotError(f"not playing: on {type(scene).__name__}")
        if command.t > scene.t:
            self.wait(command.t - scene.t)
        if isinstance(command, (cmd.Inspect, cmd.Go, cmd.Examine, cmd.Use)):
            self.dismiss()
        for widget_id in _CLICKS.get(type(command), lambda pilot, c: [])(self, command):
            self.click(widget_id)
        if isinstance(command, cmd.Answer):
            self.answer(command)

    def answer(self, command: cmd.Answer) -> None:
        """Enter the answer the way its puzzle type asks (clicks, typing, a point in a
        picture; by keyboard the keys its hint shows), then « Valider » (by keyboard,
        Enter where the answer is complete)."""
        panel = self.puzzle_panel(command.puzzle)
        keyboard = self.mode == "keyboard"
        steps = panel.input.key_steps(command.value) if keyboard else panel.input.steps(command.value)
        for kind, arg in steps:
            if kind == "click":
                self.click(arg)
            elif kind == "focus":
                self.focus(arg)
            elif kind == "key":
                self.press(*arg)
            elif kind == "type":
                self.type(arg)
            elif kind == "point":
                widget_id, fx, fy = arg
                if keyboard:
                    self.aim(panel, widget_id, fx * 100, fy * 100)
                else:
                    self.point(widget_id, fx, fy)
        focus = self.scene.focus
        if keyboard and self.scene.focus_visible and (
                isinstance(focus, TextInput) or panel.input.enter_submits(focus)):
            self.press(pygame.K_RETURN)  # Enter in the field, or on the complete answer
        else:
            self.click("submit")

    def point(self, widget_id: str, fx: float, fy: float) -> None:
        """Click at (``fx``, ``fy``) of a widget, in fractions of its size; scrolled into
        view first when that place is out of it, as a person would with the wheel."""
        for _ in range(2):
            rect = self.find(widget_id).rect
            pos = (round(rect.x + fx * rect.width), round(rect.y + fy * rect.height))
            view = self.scene.viewport
            if view is None or view.collidepoint(pos):
                break
            self.scene.scroll_by(pos[1] - view.centery)
        self.click_at(pos)

    def on_puzzle(self, puzzle_id: str, widget_id: str) -> list[str]:
        """``widget_id``, once the panel of ``puzzle_id`` is on top."""
        self.puzzle_panel(puzzle_id)
        return [widget_id]

    def aim(self, panel: PuzzlePanel, widget_id: str, x: float, y: float) -> None:
        """Keyboard play of an image: Enter shows the aiming cross, arrows move it (by
        big steps, then with Maj by small ones), as the hint under the image says; it
        stops within 2 % of the place aimed at."""
        source = panel.input
        assert isinstance(source, HotspotInput)
        self.focus(widget_id)
        self.press(pygame.K_RETURN)
        for _ in range(200):
            assert source.point is not None
            px, py = source.point
            dx, dy = x - px, y - py
            if abs(dx) <= 2 and abs(dy) <= 2:
                return
            along_x = abs(dx) > 2
            gap = abs(dx) if along_x else abs(dy)
            key = (pygame.K_RIGHT if dx > 0 else pygame.K_LEFT) if along_x else (pygame.K_DOWN if dy > 0 else pygame.K_UP)
            self.press(key, 0 if gap >= source.STEP - 2 else pygame.KMOD_SHIFT)
        raise PilotError("the aiming cross does not reach its target")

    def screenshot(self, path: Path) -> None:
        self.app.screenshot(path)


# The widgets clicked, in order, to carry out each command (an answer is entered by
# ``Pilot.answer``; a tick is only time passing).
_CLICKS: dict[type[cmd.Command], Callable[[Pilot, Any], list[str]]] = {
    cmd.Inspect: lambda pilot, c: [f"object:{c.object}"],
    cmd.Go: lambda pilot, c: [f"exit:{c.exit}"],
    cmd.Examine: lambda pilot, c: [f"item:{c.item}", "read"],
    cmd.Use: lambda pilot, c: [f"item:{c.item}", "use", f"object:{c.target}"],
    cmd.Hint: lambda pilot, c: pilot.on_puzzle(c.puzzle, "hint"),
    cmd.Skip: lambda pilot, c: pilot.on_puzzle(c.puzzle, "skip"),
    cmd.Next: lambda pilot, c: ["continue"],
}
