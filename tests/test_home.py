"""The home screen: every game reachable when they do not fit (200 % text), and the
mediator's editor opened from it."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402


@pytest.mark.parametrize("prefs", [{}, {"text_scale": 2.0, "font": "dyslexic"}])
def test_every_game_and_the_editor_are_reachable(prefs):
    app = App((1366, 705), prefs=Preferences({"sound": False, **prefs}))
    app.push(HomeScene(app))
    pilot = Pilot(app)
    ids = [w.id for w in app.scene.widgets if w.id.startswith("game:")]
    assert len(ids) >= 4
    for game in ids:
        pilot.click(game)  # scrolls to it first when it is below the fold
        assert isinstance(app.scene, IntroScene)
        pilot.press(__import__("pygame").K_ESCAPE)
        assert isinstance(app.scene, HomeScene)
    assert app.scene.widget("create") is not None


def test_the_editor_is_started_once_and_its_address_shown(monkeypatch):
    import engine.editor.browser as browser
    import engine.editor.server as server

    started, reopened = [], []

    class Fake:
        url = "http://127.0.0.1:4321/?jeton=x"

    monkeypatch.setattr(server, "start_in_background", lambda game=None: started.append(1) or Fake())
    monkeypatch.setattr(browser, "open_url", lambda url: reopened.append(url) or True)
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    pilot = Pilot(app)
    pilot.click("create")
    pilot.click("create")
    assert started == [1] and reopened == [Fake.url]
    assert "127.0.0.1:4321" in app.scene.widget("create").detail


def test_a_sesame_folder_that_cannot_be_created_still_shows_the_games(tmp_path, monkeypatch):
    """A read-only or unusable data folder never used before (here its parent is a file,
    which fails as root too): the home screen lists the bundled games all the same."""
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    monkeypatch.setenv("SESAME_HOME", str(blocker / "sesame"))
    from engine.content.catalog import list_games

    assert len([c for c in list_games() if c.bundled]) >= 4
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    Pilot(app)
    assert any(w.id.startswith("game:") for w in app.scene.widgets)


def test_the_teachers_space_is_out_of_the_pupils_way():
    """No button of the home screen opens the class's results: the teachers' space is in
    Réglages (not during a game) or behind Ctrl+Maj+A, the facilitator's gesture."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from engine.player.app import App
    from engine.player.pilot import Pilot
    from engine.player.prefs import Preferences
    from engine.player.scenes.home import HomeScene
    from engine.player.scenes.teacher import TeacherScene

    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    home = app.scene
    assert home.widget("teacher") is None
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=pygame.KMOD_CTRL | pygame.KMOD_SHIFT,
                                 unicode="A", scancode=0)])
    assert isinstance(app.scene, TeacherScene)
    app.pop()
    pilot = Pilot(app)
    pilot.click("settings")
    pilot.click("teacher")
    assert isinstance(app.scene, TeacherScene)


def test_the_first_frame_needs_no_numpy(tmp_path):
    """NumPy (0.1 s to import here, more on a loRdi) waits for what needs it (a sound, a
    class summary): the home screen's first frame does without it (first_frame_s)."""
    import os
    import subprocess
    import sys

    code = ("from engine.player.app import App\nfrom engine.player.scenes.home import HomeScene\n"
            "import sys\napp = App((1366, 768))\napp.push(HomeScene(app))\napp.step([])\n"
            "print('numpy' in sys.modules)")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "SESAME_HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_the_intro_shows_the_first_room_beside_the_story(monkeypatch):
    """A wide window shows the first room's picture beside the story (the intro is not
    text alone); at 200 % text the story takes the width and no picture is squeezed in."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from engine.player import pictures
    from engine.player.app import App
    from engine.player.prefs import Preferences
    from engine.player.scenes.intro import IntroScene

    from .conftest import GAMES

    asked: list[str] = []
    real = pictures.picture
    monkeypatch.setattr(pictures, "picture", lambda ui, folder, name, w, h: asked.append(name) or real(ui, folder, name, w, h))
    for scale, expected in ((1.0, ["images/hall.svg"]), (2.0, [])):
        asked.clear()
        app = App((1366, 768), prefs=Preferences({"sound": False, "text_scale": scale}))
        app.push(IntroScene(app, str(GAMES / "stereotypes")))
        app.step([])
        assert asked == expected, (scale, asked)
