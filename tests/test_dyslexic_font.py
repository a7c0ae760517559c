"""The dyslexia font (OpenDyslexic) drawn evenly, measured on the ink as drawn by
``Typesetter.render`` at the sizes of body text and titles, at 100 % and 200 % text.

Its kerning table opens a hole after a capital S (« S ources », « S core ») while it
tightens lowercase pairs; the player draws it without that table (typeset.Unkerned). And
the acute of a precomposed « é » in the bold « Débriefing » stays over the e."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import statistics  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.player.typeset import SCALE, Typesetter, font  # noqa: E402

# body and title sizes on a 1366×768 window at 100 % and 200 % text (Metrics.body, .title)
SIZES = [20, 31, 40, 62]


@pytest.fixture(scope="module", autouse=True)
def fonts():
    pygame.font.init()
    yield


def ink_columns(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array_alpha(surface).max(axis=1) > 64


def letters(surface: pygame.Surface) -> list[tuple[int, int]]:
    """First and last ink column of each run of inked columns, left to right."""
    columns = list(ink_columns(surface)) + [False]
    runs, start = [], None
    for x, inked in enumerate(columns):
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            runs.append((start, x - 1))
            start = None
    return runs


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("word", ["Sources", "Score", "Sucre"])
def test_no_hole_after_a_capital_s(word, size, bold):
    drawn = Typesetter("dyslexic").render(word, size, (0, 0, 0), bold=bold)
    runs = letters(drawn)
    assert len(runs) == len(word)  # one run of ink per letter: none touch
    gaps = [b[0] - a[1] - 1 for a, b in zip(runs, runs[1:])]
    after_s, others = gaps[0], statistics.median(gaps[1:])
    em = round(size * SCALE["dyslexic"])
    # kerned (as HarfBuzz applies the font's table) the S stood 0.14 to 0.2 em further
    # from the next letter than the letters after it stood from each other
    assert after_s - others <= max(1, 0.1 * em), (gaps, em)


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("size", SIZES)
def test_the_acute_accent_stays_over_its_e(size, bold):
    typesetter = Typesetter("dyslexic")
    accented = typesetter.render("Débriefing", size, (0, 0, 0), bold=bold)
    plain = typesetter.render("Debriefing", size, (0, 0, 0), bold=bold)
    assert accented.get_size() == plain.get_size()  # é is as wide as e: letters in place
    accent = (pygame.surfarray.array_alpha(accented) > 64) & ~(pygame.surfarray.array_alpha(plain) > 64)
    accent_x = np.flatnonzero(accent.any(axis=1))
    assert accent_x.size, "no accent drawn"
    d_right = letters(typesetter.render("D", size, (0, 0, 0), bold=bold))[-1][1]
    e_left, e_right = letters(plain)[1]
    assert e_left > d_right
    assert accent_x.min() > d_right + 1, "the accent reaches over the D"
    assert e_left <= accent_x.min() and accent_x.max() <= e_right, "the accent leaves the e"
    centre = (accent_x.min() + accent_x.max()) / 2
    assert e_left + (e_right - e_left) / 4 <= centre <= e_right - (e_right - e_left) / 4


@pytest.mark.parametrize("bold", [False, True])
def test_measured_as_drawn_and_marks_kept(bold):
    face = font("dyslexic", 40, bold)
    for text in ["Sources : « Si c’est »", "Débriefing", "a", "S", " "]:
        assert face.size(text)[0] == face.render(text, True, (0, 0, 0)).get_width()
    # a combining acute is drawn with its letter (HarfBuzz places it), not dropped
    combined = pygame.surfarray.array_alpha(face.render("e\u0301", True, (0, 0, 0))) > 64
    bare = pygame.surfarray.array_alpha(face.render("e", True, (0, 0, 0))) > 64
    assert combined.sum() > bare.sum() and face.size("e\u0301") == face.size("e")
