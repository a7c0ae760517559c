"""The top bar's « Pause » button shows its word on one line whatever the font: the
dyslexic font's wide letters cut it « Paus / e » in a button sized for the default font
(helper D's screenshots of the food quiz, 1366×697, 100 % text)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from .test_room_tags import started  # noqa: E402


@pytest.mark.parametrize("game", ["alimentation", "escape_fake_news"])
@pytest.mark.parametrize("prefs", [{"font": "dyslexic"}, {"font": "dyslexic", "text_scale": 2.0, "contrast": "high"},
                                   {}])
def test_pause_says_its_word_on_one_line(game, prefs):
    app, _pilot = started(game, (1366, 697), **prefs)
    pause = app.scene.widget("pause")
    assert pause is not None
    one_line = pause.needed_height(app.ui, pause.needed_width(app.ui))
    assert pause.needed_height(app.ui, pause.rect.width) == one_line, (pause.rect, pause.needed_width(app.ui))
    assert app.scene.bar.contains(pause.rect)
