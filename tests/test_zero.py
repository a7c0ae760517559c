"""Figures are drawn with a zero that has no slash (issue 15: French pupils find a slashed
zero odd), and the zero still looks unlike the letter O.

Atkinson Hyperlegible slashes its zero; the bundled files are derived with an open
zero by build/fonts.py (engine/assets/fonts/README.md). Measured on the ink as the
default font draws it, regular and bold, at body and title sizes."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.player.prefs import REGISTRY  # noqa: E402
from engine.player.typeset import font  # noqa: E402

DEFAULT_FONT = next(p.default for p in REGISTRY if p.key == "font")
# body and title sizes on a 1366×768 window at 100 % and 200 % text (Metrics.body, .title)
SIZES = [20, 31, 40, 62]


@pytest.fixture(scope="module", autouse=True)
def fonts():
    pygame.font.init()
    yield


def ink(text: str, size: int, bold: bool) -> np.ndarray:
    """The glyphs' coverage (0–255), cropped to the ink."""
    surface = font(DEFAULT_FONT, size, bold).render(text, True, (255, 255, 255))
    alpha = pygame.surfarray.array_alpha(surface).T  # rows, columns
    rows, columns = np.nonzero(alpha > 64)
    return alpha[rows.min():rows.max() + 1, columns.min():columns.max() + 1]


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
@pytest.mark.parametrize("size", SIZES)
def test_the_zero_has_no_slash(size: int, bold: bool) -> None:
    """A slash crosses the middle of the zero: the middle of its ink box (a third of its
    height, a fifth of its width: the bold counter is narrow at 20 px) must be empty.
    The slashed zero fails this at every size."""
    zero = ink("0", size, bold)
    height, width = zero.shape
    middle = zero[height // 3:height - height // 3, 2 * width // 5:width - 2 * width // 5]
    assert middle.size and middle.max() <= 64, (
        f"ink in the middle of « 0 » ({size} px{' bold' if bold else ''}): a slashed zero?")
    # and it is a zero, not a blank: a ring around that empty middle
    assert zero[height // 2, :width // 4].max() > 128 and zero[height // 2, -(width // 4):].max() > 128


@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
@pytest.mark.parametrize("size", SIZES)
def test_the_zero_stays_narrower_than_the_letter_o(size: int, bold: bool) -> None:
    """Without its slash the zero is told from O by its shape: an oval, at most 0.9
    times as wide as the round O (0.84 in the font's outlines), for the same height."""
    zero, letter = ink("0", size, bold), ink("O", size, bold)
    assert abs(zero.shape[0] - letter.shape[0]) <= 1
    assert zero.shape[1] <= 0.9 * letter.shape[1], (zero.shape, letter.shape)
