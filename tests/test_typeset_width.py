"""French text stays inside the width it is wrapped to: the narrow no-break spaces of
French typography (before « : ; ! ? » and inside « ») are measured as they are drawn,
even when the reading font lacks them and a wider space is drawn instead."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.player.typeset import Typesetter  # noqa: E402

TEXT = ("« Oui » : « non » ; « peut-être » ! « Voilà » ? Un stéréotype prête à tout un groupe "
        "un goût « naturel » : « les garçons ont la bosse des maths ». ") * 6


@pytest.fixture(scope="module", autouse=True)
def fonts():
    pygame.font.init()
    yield


@pytest.mark.parametrize("family", ["hyperlegible", "dyslexic"])
@pytest.mark.parametrize("width", [240, 500, 800, 1300])
@pytest.mark.parametrize("size", [18, 40])
def test_wrapped_french_text_never_overflows(family, width, size):
    surface = Typesetter(family).render(TEXT, size, (0, 0, 0), width)
    assert surface.get_width() <= width
