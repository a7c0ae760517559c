"""A document drawn by the real renderer off-screen, for the editor's preview: the
editor never imports pygame, so it runs this in a process of its own
(``python -m engine.player.preview``, or ``Sesame _preview`` in the frozen build),
giving the document's data as JSON on standard input. The picture is the one the
player draws in a game at 1366×768 with the default preferences."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def document_png(folder: Path, raw: dict[str, Any], target: Path, locale: str = "fr") -> None:
    """Draw the document ``raw`` (its data as written in the game) of the game ``folder``
    and write it to ``target`` as PNG."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    from ..content.build import build_document
    from . import documents
    from .app import App
    from .prefs import Preferences

    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True, "language": locale}), seed=0)
    width = min(app.size[0] - app.ui.metrics.unit * 8, app.ui.metrics.body * 34)
    surface, _parts = documents.render(app.ui, build_document(raw, locale), Path(folder), width, locale)
    pygame.image.save(surface, str(target))
    pygame.quit()


def main(argv: list[str]) -> int:
    """``FOLDER TARGET [LOCALE]``, the document's data on standard input; exit 0 once
    written, 1 (and why on the error stream) when it cannot be drawn."""
    try:
        raw = json.loads(sys.stdin.buffer.read(5_000_000).decode("utf-8"))
        document_png(Path(argv[0]), raw, Path(argv[1]), argv[2] if len(argv) > 2 else "fr")
    except Exception as error:  # a draft may hold anything: say it, never a traceback
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
