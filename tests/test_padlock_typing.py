"""The 4-wheel padlock after its wheels were turned: the code field shows what the
wheels show (« 0300 », zeros the pupil never typed), selected, so that typed digits
write a new code from the first wheel (as after a wrong code) instead of being refused
by a full field; Backspace clears it. Real clicks and real key events."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from engine.player.locks import PadlockInput  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402

from .test_answer_pictures import at  # noqa: E402
from .test_digicode import typed  # noqa: E402

PUZZLE = "p_code_labo"  # code 2504


def opened(**prefs):
    app, panel = at("escape_fake_news", PUZZLE, **prefs)
    assert isinstance(panel.input, PadlockInput)
    return app, Pilot(app), panel


def test_typing_after_the_wheels_writes_a_new_code_from_the_first_wheel():
    app, pilot, panel = opened()
    lock = panel.input
    for _turn in range(3):
        pilot.click("wheel:1:up")
    assert lock.field.value == "0300" and lock.shown() == "0300"
    assert app.scene.focus is lock.field and lock.field.editing().selection == (0, 4)  # shown selected
    typed(app, "25")
    assert lock.field.value == "25" and lock.shown() == "2500"
    typed(app, "04")
    assert lock.field.value == "2504"
    pilot.press(pygame.K_RETURN)
    assert app.scene.session.state.progress[PUZZLE].status == "solved"


def test_from_the_keyboard_a_wheel_then_digits_then_backspace():
    app, pilot, panel = opened(text_scale=2.0)
    lock = panel.input
    typed(app, "12")
    assert lock.field.value == "12"
    while app.scene.focus is None or app.scene.focus.id != "wheel:3:up":
        pilot.press(pygame.K_TAB)
    pilot.press(pygame.K_RETURN)  # the wheel, from the keyboard: the focus stays on it
    assert lock.field.value == "1201" and app.scene.focus.id == "wheel:3:up"
    pilot.press(pygame.K_BACKSPACE)  # goes to the field: the wheels' code, selected, cleared
    assert lock.field.value == "" and app.scene.focus is lock.field
    typed(app, "2504")
    assert lock.field.value == "2504" and lock.shown() == "2504"
    pilot.press(pygame.K_RETURN)
    assert app.scene.session.state.progress[PUZZLE].status == "solved"
