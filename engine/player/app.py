"""The window, the loop and the scene stack.

The loop redraws only when something changed (``dirty``) and, when nothing moves,
sleeps between polls at a low rate, so a static screen costs almost no CPU on a
laptop running on battery. ``step`` runs one iteration with given events: tests and
the pilot drive the real program through it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..i18n import set_language
from .prefs import Preferences
from .theme import Metrics, Palette, palette

IDLE_FPS = 10     # when nothing moves: wake up 10 times a second to read input
BUSY_FPS = 60     # while an animation runs
MIN_SIZE = (1024, 600)  # the smallest window every screen is laid out for (tested)
# What a window's frame and the desktop's panels (title bar, taskbar, dock) take from the
# display, at most: SDL tells the display's size, not its work area, so a window that
# asks for less than the display minus these fits; on a smaller screen it opens
# maximised and the window manager fits it to the work area.
FRAME_ALLOWANCE = (16, 96)


def configure_sdl() -> None:
    """SDL hints, set before the video subsystem starts (SDL reads them from the
    environment under the same names):

    - ``SDL_WINDOWS_DPI_AWARENESS=permonitorv2``: the process declares itself DPI
      aware, so Windows does not blur the window by scaling it; we get physical
      pixels and scale our layout ourselves.
    - ``SDL_FRAMEBUFFER_ACCELERATION=0`` on Linux: the window surface is blitted in
      software instead of through OpenGL, which is slow on software GL (0.25 ms per
      flip instead of 10 ms, measured when this was chosen).
    """
    os.environ.setdefault("SDL_WINDOWS_DPI_AWARENESS", "permonitorv2")
    if sys.platform.startswith("linux"):
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


configure_sdl()
import pygame  # noqa: E402  (after the hints)

from . import feedback  # noqa: E402
from .sound import Sounds  # noqa: E402
from .typeset import Typesetter  # noqa: E402


def display_window() -> pygame.Window:
    """The window ``pygame.display`` opened, to set what ``display`` cannot (its
    minimum size, maximised). pygame-ce 2.5 marks this bridge as deprecated in favour of
    drawing through ``Window`` itself; the player keeps ``display`` meanwhile."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return pygame.Window.from_display_module()


def set_window_icon() -> None:
    """The window's icon (a door ajar with a keyhole, ``assets/icon.svg``) instead of
    pygame's snake; silently pygame's when the picture cannot be read."""
    from ..paths import assets

    try:
        pygame.display.set_icon(pygame.image.load_sized_svg(str(assets() / "icon.svg"), (64, 64)))
    except (pygame.error, FileNotFoundError, AttributeError):
        pass


@dataclass
class Ui:
    """What every scene draws with: preferences, colours, sizes, text, sounds."""

    prefs: Preferences
    palette: Palette
    metrics: Metrics
    text: Typesetter
    sounds: Sounds

    def play(self, name: str) -> None:
        if self.prefs["sound"]:
            self.sounds.play(name, self.prefs["volume"])


class App:
    def __init__(self, size: tuple[int, int] = (1366, 768), fullscreen: bool = False,
                 prefs: Preferences | None = None, seed: int | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        # The wall clock, read here only: scenes are given the time (a test passes its own).
        self.now: Callable[[], datetime] = clock or (lambda: datetime.now().astimezone())
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption("Sésame")
        set_window_icon()
        self.prefs = prefs or Preferences.load()
        self.seed = seed  # fixed by tests; otherwise each game draws its own
        self.windowed_size = size
        self.fullscreen = fullscreen
        self.surface = self._set_mode(size)
        self.sounds = Sounds()
        self.ui = self._make_ui()
        self.scenes: list = []
        self.effects: list = []  # confetti, fades: drawn over the top scene (feedback.py)
        self.dirty = True  # something changed: the scene composes its picture again
        self.repaint = False  # only some widgets' hover or focus changed (Scene.touch)
        # What a screen reader or text-to-speech would say now (the focused widget's
        # ``speech``), and who says it: none is bundled; a platform's voice plugs in here.
        self.spoken = ""
        # The mediator's editor (engine.editor.server), once the home screen started it:
        # typed loosely, so that the player never imports the editor.
        self.editor: Any = None
        self.voice: Callable[[str], None] | None = None
        self.running = True
        self._painter: Any = None  # the scene that drew the last frame
        self.clock = pygame.time.Clock()
        self.frames = 0
        pygame.key.set_repeat(400, 50)

    def _set_mode(self, size: tuple[int, int]) -> pygame.Surface:
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        size = (max(MIN_SIZE[0], size[0]), max(MIN_SIZE[1], size[1]))
        surface = pygame.display.set_mode(size, pygame.RESIZABLE)
        try:  # the window manager keeps the window at least this big
            display_window().minimum_size = MIN_SIZE
        except (pygame.error, AttributeError):  # no window (a driver without one)
            pass
        return surface

    def fit_to_screen(self) -> None:
        """Make the window fit the screen it opens on: the size asked for when the
        display has room for it and its frame, else maximised (the window manager then
        gives it the work area: the display without title bar and taskbar)."""
        if self.fullscreen:
            return
        sizes = pygame.display.get_desktop_sizes()
        if not sizes:
            return
        desktop = sizes[0]
        width, height = self.windowed_size
        if (desktop[0] - FRAME_ALLOWANCE[0] < MIN_SIZE[0]
                or desktop[1] - FRAME_ALLOWANCE[1] < MIN_SIZE[1]):
            # No room for the smallest window and its frame (a 1024×600 netbook): full
            # screen, where nothing hides the bottom row (F11 gives a window back).
            self.fullscreen = True
            self.surface = self._set_mode(self.windowed_size)
            self.ui = self._make_ui()
            for scene in self.scenes:
                scene.relayout()
            return
        if (width + FRAME_ALLOWANCE[0] <= desktop[0]
                and height + FRAME_ALLOWANCE[1] <= desktop[1]):
            return
        # Smaller than the display minus its frame first, so that « Restaurer » gives a
        # window that fits too; then maximised.
        self.windowed_size = (max(MIN_SIZE[0], min(width, desktop[0] - FRAME_ALLOWANCE[0])),
                              max(MIN_SIZE[1], min(height, desktop[1] - FRAME_ALLOWANCE[1])))
        self.resize(self.windowed_size)
        try:
            display_window().maximize()
        except (pygame.error, AttributeError):
            pass

    def _make_ui(self) -> Ui:
        set_language(self.prefs["language"])
        width, height = self.surface.get_size()
        return Ui(self.prefs, palette(self.prefs["contrast"]),
                  Metrics(width, height, self.prefs["text_scale"]),
                  Typesetter(self.prefs["font"], self.prefs["language"]), self.sounds)

    def record(self, session) -> None:
        """Store the session's new events in the local database; what to tell about a
        write that failed waits in ``keeper`` (the game goes on either way)."""
        if getattr(self, "keeper", None) is None:
            from .keeper import Keeper

            self.keeper = Keeper()
        self.keeper.record(session)

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    @property
    def scene(self):
        return self.scenes[-1]

    # --- scenes -------------------------------------------------------------------

    def push(self, scene, keyboard: bool | None = None) -> None:
        """Show ``scene`` over the others. A keyboard user keeps the focus ring on the new
        screen (``keyboard``: whether the last screen was used by keyboard)."""
        if self.scenes:
            self.scene._composed = None  # hidden: free its picture
            keyboard = self.scene.focus_visible if keyboard is None else keyboard
        self.scenes.append(scene)
        scene.focus_visible = bool(keyboard)
        scene.enter()
        self.dirty = True

    def pop(self) -> None:
        left = self.scenes.pop()
        left.exit()
        self.dirty = True
        if self.scenes:
            self.scene.focus_visible = left.focus_visible  # back by keyboard: the ring shows
            self.scene.relayout()
        self.dirty = True

    def replace(self, scene) -> None:
        keyboard = self.scene.focus_visible if self.scenes else False
        if self.scenes:
            self.scenes.pop().exit()
        self.push(scene, keyboard)

    def home(self) -> None:
        """Back to the first scene (the home screen)."""
        while len(self.scenes) > 1:
            self.scenes.pop().exit()
        self.scene.relayout()

    def preferences_changed(self) -> None:
        self.prefs.save()
        self.ui = self._make_ui()
        for scene in self.scenes:
            scene.relayout()

    # --- loop ---------------------------------------------------------------------

    def resize(self, size: tuple[int, int]) -> None:
        self.windowed_size = size
        self.surface = self._set_mode(size)
        self.ui = self._make_ui()
        for scene in self.scenes:
            scene.relayout()

    def toggle_fullscreen(self) -> None:
        self.fullscreen = not self.fullscreen
        self.surface = self._set_mode(self.windowed_size)
        self.ui = self._make_ui()
        for scene in self.scenes:
            scene.relayout()

    def speak(self, text: str) -> None:
        """Say ``text`` (the widget the keyboard reached) through ``voice``, if any."""
        self.spoken = text
        if self.voice is not None and text:
            self.voice(text)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
        elif event.type == pygame.VIDEORESIZE and not self.fullscreen:
            self.resize((event.w, event.h))
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
        elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            self.dirty = True
            self._painter = None  # the system may have drawn over the window: show all of it
        elif self.scenes:
            dirty, self.dirty = self.dirty, False
            self.scene.handle(event)
            if self.dirty:  # the event changed what is seen
                self.scene.invalidate()
            self.dirty = self.dirty or dirty

    def step(self, events: list[pygame.event.Event] | None = None, dt: float = 0.0) -> bool:
        """One iteration: handle events, advance time, draw if needed; True while animating."""
        for event in pygame.event.get() if events is None else events:
            self.handle(event)
            if not self.running:
                return False
        animating = False
        for scene in list(self.scenes):
            animating = scene.update(dt) or animating
        animating = feedback.update(self, dt) or animating
        if self.dirty or animating or self.repaint:
            self.draw_frame()
            self.dirty = self.repaint = False
        return animating

    def draw_frame(self) -> None:
        """Draw the top scene and the effects over it, and show on the window the areas
        that changed (all of it after a new picture, an effect, or another scene)."""
        scene = self.scene
        if scene is not self._painter:
            scene.forget_screen()
        changed = scene.draw(self.surface)
        self._painter = scene
        if self.effects:
            feedback.draw(self, self.surface)
            scene.forget_screen()  # drawn over: the next frame starts from the picture
            changed = None
        if changed is None:
            pygame.display.flip()
        elif changed:
            pygame.display.update(changed)
        self.frames += 1

    def run(self) -> None:
        dt = 0.0
        while self.running:
            animating = self.step(dt=dt)
            dt = self.clock.tick(BUSY_FPS if animating else IDLE_FPS) / 1000.0
        pygame.quit()

    def screenshot(self, path: Path) -> None:
        self.scene.draw(self.surface)
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.surface, str(path))
