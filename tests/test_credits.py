"""The credits of what Sésame bundles (engine/credits.py) and of a game's own pictures,
in the static catalogue (engine/sharing.py) and the « À propos » screen."""

from __future__ import annotations

import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from engine import credits  # noqa: E402
from engine.content.package import pack  # noqa: E402

from .conftest import GAMES  # noqa: E402


def test_bundled_credits_name_fonts_and_art_with_their_licences():
    found = credits.bundled()
    titles = {c.title for c in found}
    assert {"OpenMoji 17", "Atkinson Hyperlegible", "OpenDyslexic", "DejaVu Sans"} <= titles
    assert all(c.licence and c.author for c in found)
    assert "CC-BY-SA-4.0" in credits.sentence(next(c for c in found if c.title == "OpenMoji 17"))


def test_the_catalogue_shows_bundled_and_game_credits(tmp_path):
    from engine.sharing import build_catalogue

    source = tmp_path / "partage"
    source.mkdir()
    pack(GAMES / "stereotypes", source)
    entries, refused = build_catalogue(source, tmp_path / "site")
    assert not refused
    listed = json.loads((tmp_path / "site" / "catalog.json").read_text("utf-8"))["games"]
    assert listed[0]["asset_credits"] == [{"files": "images/*.svg", "author": "Équipe Sésame",
                                           "licence": "CC-BY-SA-4.0"}]
    page = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert "Crédits de Sésame" in page and "OpenMoji 17" in page and "OFL-1.1" in page
    assert "Images&nbsp;: images/*.svg — Équipe Sésame — CC-BY-SA-4.0" in page


def test_about_is_reached_from_settings_and_lists_the_credits():
    from engine.player.app import App
    from engine.player.pilot import Pilot
    from engine.player.prefs import Preferences
    from engine.player.scenes.about import AboutScene
    from engine.player.scenes.home import HomeScene

    for size, prefs in (((1366, 768), {}), ((1280, 720), {"text_scale": 2.0})):
        app = App(size, prefs=Preferences({"sound": False, **prefs}))
        app.push(HomeScene(app))
        pilot = Pilot(app)
        pilot.click("settings")
        pilot.click("about")
        assert isinstance(app.scene, AboutScene)
        said = " ".join(text for text, _bold in app.scene.paragraphs())
        assert "OpenMoji 17" in said and "Atkinson Hyperlegible" in said
        if prefs:
            assert app.scene.max_scroll() > 0  # large text scrolls, nothing is cut
        pilot.click("done")
        assert not isinstance(app.scene, AboutScene)
