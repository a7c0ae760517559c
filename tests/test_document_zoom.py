"""« Plus grand » enlarges a document's pictures with its page (issue 15: it widened the
frame and the lines, the picture kept its height)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from engine.player import documents  # noqa: E402
from engine.player.scenes.panels import DocumentPanel  # noqa: E402

from .conftest import GAMES  # noqa: E402
from .test_player_e2e import start  # noqa: E402


def test_zooming_in_makes_the_picture_taller(monkeypatch):
    app, pilot, _walkthrough = start(GAMES / "escape_fake_news", size=(1920, 1080))
    scene = app.scene
    with_image = [d for d, doc in scene.game.documents.items() if "image" in doc.data]
    assert with_image
    document = scene.game.documents[with_image[0]]
    small, parts_small = documents.render(app.ui, document, scene.game.folder, 700, "fr")
    large, parts_large = documents.render(app.ui, document, scene.game.folder, 875, "fr", zoom=1.25)
    assert parts_large["image"].height >= parts_small["image"].height * 1.2

    zooms: list[float] = []
    real = documents.render

    def render(*args, **kwargs):
        zooms.append(args[5] if len(args) > 5 else kwargs.get("zoom", 1.0))
        return real(*args, **kwargs)

    monkeypatch.setattr(documents, "render", render)
    panel = DocumentPanel(scene, with_image[0])
    scene.open(panel, front=True)
    scene.relayout()
    pilot.click("zoom-in")
    assert panel.zoom > 1.0 and zooms[-1] == panel.zoom  # the panel draws its pictures at its zoom
