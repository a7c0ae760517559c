"""Game text cannot crash the renderer nor act on a terminal: zero-width, bidi and
control characters are handled once where text is typeset (engine/player/typeset.py)
and where messages are printed (Diagnostic, for ``sesame check``)."""

from __future__ import annotations

import os
import shutil
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from engine.cli import main  # noqa: E402
from engine.core.text import displayable, for_terminal, french  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.play import PlayScene  # noqa: E402
from engine.player.typeset import MAX_CHARS, Typesetter  # noqa: E402

from .conftest import FIXTURES  # noqa: E402

HOSTILE = ["\u200b", "\u202e", "\u200b\u200b", "a\u202eb", "\u0301", "\u0301\u0301\u0301", "\x00", "\x1b[31m",
           "\ufeff", "\u2028", "\u00ad", "\U000e0001", "\ue000", "\U0010ffff", "\u0378", "\t", "\r\n", ""]


@pytest.fixture(scope="module")
def typesetter():
    pygame.init()
    return Typesetter("hyperlegible")


@pytest.mark.parametrize("text", HOSTILE, ids=[f"U+{ord(t[0]):04X}" if t else "empty" for t in HOSTILE])
@pytest.mark.parametrize("width", [None, 1, 300])
def test_hostile_characters_are_typeset(typesetter, text, width):
    surface = typesetter.render(f"Titre {text} fin", 24, (0, 0, 0), width)
    assert surface.get_height() > 0
    alone = typesetter.render(text, 24, (0, 0, 0), width)
    assert alone.get_width() >= 1


@settings(max_examples=int(os.environ.get("SESAME_FUZZ_EXAMPLES", "300")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80), st.sampled_from([None, 1, 40, 250, 900]), st.sampled_from([12, 24]),
       st.booleans(), st.sampled_from(["hyperlegible", "dyslexic"]), st.sampled_from(["fr", "en"]))
def test_any_unicode_text_is_typeset(text, width, size, bold, family, locale):
    pygame.init()
    surface = Typesetter(family, locale).render(text, size, (0, 0, 0), width, bold=bold, align="center")
    assert surface.get_width() >= 1 and surface.get_height() >= 1


def test_a_megabyte_word_is_cut_and_broken_quickly(typesetter):
    start = time.perf_counter()
    surface = typesetter.render("x" * 1_000_000, 24, (0, 0, 0), 600)
    assert time.perf_counter() - start < 5
    assert surface.get_width() <= 600 + 24  # broken into lines, not one line a megapixel wide
    unwrapped = typesetter.render("y" * 1_000_000, 24, (0, 0, 0))
    assert unwrapped.get_width() < (MAX_CHARS + 10) * 24


def test_french_typography_is_linear_on_long_texts():
    for text in (" " * 200_000, "x" * 200_000, " " * 100_000 + "»", "a :" * 50_000):
        start = time.perf_counter()
        french(text)
        assert time.perf_counter() - start < 1, repr(text[:10])


def test_displayable_and_terminal_forms():
    assert displayable("a\u200bb\u202ec\x1b[0m\td\u2028e") == "abc[0m d\ne"
    assert displayable("« Bonjour\u202f! »\n") == "« Bonjour\u202f! »\n"
    assert for_terminal("a\x1b[31mb\u202ec\u009b") == "a\\x1b[31mb<U+202E>c\\x9b"
    assert for_terminal("Été\u00a0: ok\n") == "Été\u00a0: ok\n"


def test_check_never_prints_raw_escape_sequences(write_game, capsys):
    folder = write_game({"game.yaml": (FIXTURES / "mini_quiz" / "game.yaml").read_text(encoding="utf-8")
                         .replace("genre: quiz", 'genre: "\\e[2J\\e[31mquiz\\u202e"', 1)})
    assert main(["check", "--no-solve", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\x1b[2J" in out and "<U+202E>" in out


# --- through the interface -------------------------------------------------------------

def hostile_game(home):
    """mini_escape in the user's games folder, with a zero-width space in its summary and
    title, a bidi override in a room's description and control characters in an item."""
    folder = home / "games" / "hostile_text"
    shutil.copytree(FIXTURES / "mini_escape", folder)
    text = (folder / "game.yaml").read_text(encoding="utf-8")
    text = text.replace("summary: Un petit escape game qui sert aux tests du moteur.",
                        'summary: "Un\\u200b petit\\u200b\\u200b jeu \\u202egauche\\u202c \\e[31mrouge"')
    text = text.replace("title: Mini escape (jeu de test)", 'title: "Texte\\u200b piégé \\u202e\\u2066"')
    text = text.replace("    title: Le hall\n", '    title: Le hall\n    description: "\\u202eÀ l’envers\\u200b\\0 ?"\n')
    text = text.replace("name: Une clé", 'name: "Une\\u200b clé \\u0301\\u0301"')
    (folder / "game.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_home_screen_and_play_survive_hostile_text(sesame_home, tmp_path):
    hostile_game(sesame_home)
    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True}))
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.dirty = True
    app.step([])
    pygame.image.save(app.surface, str(tmp_path / "home.png"))
    pilot.click("game:mini_escape")
    pilot.click("start")
    assert isinstance(app.scene, PlayScene)
    app.dirty = True
    app.step([])
    pygame.image.save(app.surface, str(tmp_path / "room.png"))


def test_a_megabyte_title_makes_a_band_of_a_few_lines_quickly(sesame_home):
    from engine.player.scenes.common import header, header_height

    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True}))
    title = "T" * 1_000_000
    started = time.perf_counter()
    height = header_height(app.ui, 1366, title, "Escape game")
    header(app.surface, app.ui, title, "Escape game")
    assert time.perf_counter() - started < 2  # was seconds per call: 20 000 characters typeset
    assert height < 768 // 2  # the screen's buttons stay below it
