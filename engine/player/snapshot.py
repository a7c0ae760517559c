"""Pictures of a game drawn by the real player off-screen, for pages outside the
player (the catalogue's cards). The only way other layers get a game's picture: they
call this, never a scene or pygame themselves."""

from __future__ import annotations

import os
from pathlib import Path


def first_screen(folder: Path, target: Path, thumbnail: tuple[int, int] = (480, 270)) -> None:
    """The game's first screen (its introduction) at 1366×768, scaled to ``thumbnail``
    and written to ``target`` as PNG."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from .app import App
    from .prefs import Preferences
    from .scenes.intro import IntroScene

    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True}), seed=0)
    app.push(IntroScene(app, str(folder)))
    app.step([])
    pygame.image.save(pygame.transform.smoothscale(app.surface, thumbnail), str(target))
