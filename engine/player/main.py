"""Start the player: the home screen, or one game directly."""

from __future__ import annotations

from pathlib import Path

from .app import App


def run(game: Path | None = None, size: tuple[int, int] = (1366, 768), fullscreen: bool = False,
        first_frame_and_exit: bool = False, package: Path | None = None, resume: Path | None = None) -> int:
    """The player; ``game`` opens one game (``resume``: from that save of it, as ``play
    --room``/``--puzzle`` make), ``package`` (a ``.sesame`` file given on the command
    line or dropped on the program) opens its import."""
    from ..session import tidy
    from .scenes.home import HomeScene
    from .scenes.intro import IntroScene

    tidy()  # temporary files a killed Sésame left behind
    app = App(size, fullscreen)
    app.fit_to_screen()
    app.push(HomeScene(app))
    if game is not None:
        app.push(IntroScene(app, str(game), resume=resume is not None, save=resume))
    if package is not None:
        from .scenes.importing import ImportScene, find_packages

        app.push(ImportScene(app, find_packages(package), start=package))
    if first_frame_and_exit:  # smoke test of a build, start-time figure
        app.step([])
        print("first-frame", app.frames, flush=True)
        app.running = False
        import pygame

        pygame.quit()
        return 0 if app.frames == 1 else 1
    app.run()
    return 0
