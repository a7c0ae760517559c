"""A game's pictures in the player (engine/player/pictures.py): every pixel format the
files may hold is shown, and whatever is refused or broken becomes a drawn placeholder
naming the file, while the game goes on."""

from __future__ import annotations

import os
import shutil
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from engine.player import pictures  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.debrief import DebriefScene  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.player.scenes.play import PlayScene  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

from .conftest import FIXTURES  # noqa: E402
from .images import png  # noqa: E402

FORMATS = [(0, 1), (0, 8), (0, 16), (2, 8), (2, 16), (3, 1), (3, 2), (3, 8), (4, 8), (4, 16), (6, 8), (6, 16)]


@pytest.fixture(autouse=True)
def fresh_pictures():
    pictures.cache_clear()
    pictures._refused.clear()
    yield


def load(folder, name, size=(120, 80)) -> pictures.Picture:
    return pictures.load(str(folder), name, *size)


@pytest.mark.parametrize("with_display", [False, True], ids=["headless", "window"])
@pytest.mark.parametrize("color_type, depth", FORMATS, ids=[f"type{t}-{d}bit" for t, d in FORMATS])
def test_every_png_pixel_format_is_shown(tmp_path, color_type, depth, with_display):
    pygame.display.quit()
    pygame.display.init()
    if with_display:
        pygame.display.set_mode((200, 200))
    (tmp_path / "a.png").write_bytes(png(40, 20, color_type, depth, transparent=color_type in (0, 2, 3)))
    loaded = load(tmp_path, "a.png")
    assert loaded.problem == "" and loaded.surface.get_bitsize() == 32
    assert loaded.surface.get_size() == (120, 60)


def test_a_jpeg_and_an_svg_are_shown(tmp_path):
    pygame.display.init()
    source = pygame.Surface((64, 32))
    source.fill((200, 30, 30))
    pygame.image.save(source, str(tmp_path / "a.jpg"))
    (tmp_path / "b.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg' width='20' height='10'>"
                                    "<rect width='20' height='10' fill='red'/></svg>", encoding="utf-8")
    assert load(tmp_path, "a.jpg").surface.get_size() == (120, 60)
    assert load(tmp_path, "b.svg").surface.get_size() == (120, 60)


def refusal(tmp_path, name) -> str:
    loaded = load(tmp_path, name)
    assert loaded.surface is None
    return loaded.problem


def test_refused_files_say_why_and_name_the_file(tmp_path):
    pygame.display.init()
    (tmp_path / "huge.png").write_bytes(png(30_000, 30_000, pixels=False))
    (tmp_path / "broken.png").write_bytes(png(40, 40)[:60])
    (tmp_path / "fake.jpg").write_bytes(b"not a jpeg at all")
    assert "« huge.png » est trop grande (30000 × 30000 pixels" in refusal(tmp_path, "huge.png")
    assert "« broken.png » est abîmée" in refusal(tmp_path, "broken.png")
    assert "« fake.jpg » n’est pas une image JPEG valide" in refusal(tmp_path, "fake.jpg")
    assert "introuvable" in refusal(tmp_path, "absent.png")
    assert "hors du dossier du jeu" in refusal(tmp_path, "../x.png")


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symbolic links as on POSIX")
def test_a_fifo_and_a_link_outside_are_never_opened(tmp_path):
    game = tmp_path / "game"
    game.mkdir()
    os.mkfifo(game / "pipe.png")
    (tmp_path / "secret.png").write_bytes(png(4, 4))
    (game / "link.png").symlink_to(tmp_path / "secret.png")
    assert "n’est pas un fichier ordinaire" in refusal(game, "pipe.png")
    assert "hors du dossier du jeu" in refusal(game, "link.png")


def test_a_picture_too_long_to_draw_is_given_up(tmp_path, monkeypatch):
    pygame.display.init()
    monkeypatch.setattr(pictures, "DECODE_SECONDS", 0.01)
    strokes = "".join(f"<path d='M0 {k} L1000 {1000 - k} L0 1000' stroke='black' stroke-width='3' "
                      f"stroke-dasharray='0.05 0.05' fill='none'/>" for k in range(0, 1000, 250))
    (tmp_path / "slow.svg").write_text(f"<svg xmlns='http://www.w3.org/2000/svg' width='1000' height='1000'>"
                                       f"{strokes}</svg>", encoding="utf-8")
    slow = load(tmp_path, "slow.svg", (800, 600))  # about 0.7 s here
    assert slow.surface is None and "« slow.svg » est trop longue à dessiner" in slow.problem
    assert load(tmp_path, "slow.svg", (60, 60)).problem  # decided once for the file, at any size


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from(["png", "jpg", "svg"]), st.integers(0, 120))
def test_random_bytes_as_a_picture_never_crash(tmp_path, data, kind, cut):
    pygame.display.init()
    pictures.cache_clear()
    pictures._refused.clear()
    prefix = {"png": png(8, 8)[:cut], "jpg": b"\xff\xd8\xff\xe0"[:cut], "svg": b"<svg "[:cut]}[kind]
    (tmp_path / f"r.{kind}").write_bytes(prefix + data)
    loaded = load(tmp_path, f"r.{kind}")
    assert (loaded.surface is None) != (loaded.problem == "")


# --- through the interface -------------------------------------------------------------

def hostile_escape(tmp_path):
    """mini_escape with a room background of 30 000 × 30 000 pixels, a document image
    linked from outside the game and a palette PNG as a puzzle image."""
    game = tmp_path / "hostile"
    shutil.copytree(FIXTURES / "mini_escape", game)
    text = (game / "game.yaml").read_text(encoding="utf-8")
    text = text.replace("    title: Le hall\n", "    title: Le hall\n    background: images/huge.png\n")
    for index, name in enumerate(("interrupteur", "tiroir", "coffre", "ecran")):  # placed on the picture
        text = text.replace(f"{{id: {name}, ", f"{{id: {name}, x: {5 + index * 22}, y: 10, w: 18, h: 20, ")
    text = text.replace("    text: Une publication.\n", "    text: Une publication.\n    image: images/dehors.png\n")
    (game / "game.yaml").write_text(text, encoding="utf-8")
    (game / "images").mkdir()
    (game / "images" / "huge.png").write_bytes(png(30_000, 30_000, pixels=False))
    (tmp_path / "secret.png").write_bytes(png(8, 8))
    try:
        (game / "images" / "dehors.png").symlink_to(tmp_path / "secret.png")
        if not (game / "images" / "dehors.png").is_symlink():  # Wine 8: os.symlink says yes, makes nothing
            raise OSError("no symbolic link made")
    except OSError:  # no symbolic links here: a path outside does the same
        text = text.replace("images/dehors.png", "../secret.png")
        (game / "game.yaml").write_text(text, encoding="utf-8")
    return game


def test_refused_pictures_leave_placeholders_and_the_game_goes_on(tmp_path):
    game = hostile_escape(tmp_path)
    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True}))
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(game)))
    pilot = Pilot(app)
    pilot.click("start")
    assert isinstance(app.scene, PlayScene)
    app.dirty = True
    app.step([])
    pygame.image.save(app.surface, str(tmp_path / "room.png"))
    assert "30000 × 30000" in pictures._refused[(str(game), "images/huge.png")]  # drawn, so tried
    for _line, command in read_walkthrough(game / "walkthrough.yaml").commands:
        if command is not None:
            pilot.perform(command)
        if getattr(command, "object", None) == "ecran":  # the post with the image from outside
            app.dirty = True
            app.step([])
            pygame.image.save(app.surface, str(tmp_path / "document.png"))
            # the link, or the path outside where no link can be made (Windows, Wine 8)
            outside = "images/dehors.png" if (game / "images" / "dehors.png").is_symlink() else "../secret.png"
            assert "hors du dossier du jeu" in pictures._refused[(str(game), outside)]
    pilot.dismiss()
    assert isinstance(app.scene, DebriefScene)


def test_play_says_where_an_overlong_include_name_is(tmp_path):
    game = tmp_path / "long_include"
    shutil.copytree(FIXTURES / "mini_escape", game)
    text = (game / "game.yaml").read_text(encoding="utf-8")
    (game / "game.yaml").write_text(text.replace("include: [puzzles.yaml]", "include: [puzzles.yaml, "
                                                 + "x" * 300 + ".yaml]"), encoding="utf-8")
    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True}))
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(game)))
    app.step([])
    assert any("game.yaml:11:" in line and "nom de fichier trop long (305 caractères" in line
               for line in app.scene.problems), app.scene.problems
