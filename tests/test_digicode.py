"""The archives' digicode played as the second play-through did (h9 §3.2), with real
events: what is typed goes to the code whatever was clicked last, Enter validates
what the display shows, and « Valider » is greyed, says why and takes nothing while
the lock makes the player wait."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.player.locks import KeypadInput  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402

from .test_answer_pictures import LAPTOP, LARGE, at  # noqa: E402

PUZZLE = "p_code_archives"


def typed(app, text: str) -> None:
    """Keys as SDL sends them: KEYDOWN, then TEXTINPUT with the character, then KEYUP."""
    for char in text:
        key = pygame.K_0 + int(char) if char.isdigit() else pygame.K_a
        app.step([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=char, scancode=0),
                  pygame.event.Event(pygame.TEXTINPUT, text=char),
                  pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=char, scancode=0)])


def opened(**prefs):
    app, panel = at("escape_fake_news", PUZZLE, size=LAPTOP, **prefs)
    assert isinstance(panel.input, KeypadInput)
    return app, Pilot(app), panel


def progress(app):
    return app.scene.session.state.progress[PUZZLE]


def test_typing_after_a_click_on_a_key_goes_to_the_code():
    app, pilot, panel = opened()
    pilot.click("key:2")
    typed(app, "3")
    assert panel.input.field.value == "23"
    pilot.press(pygame.K_BACKSPACE)
    assert panel.input.field.value == "2"
    pilot.press(pygame.K_RETURN)  # Enter validates what the display shows, not the key clicked
    assert progress(app).wrong == 1 and panel.input.field.value == "2"


def test_after_valider_typing_and_enter_use_the_code_shown():
    app, pilot, panel = opened()
    typed(app, "11111111")
    pilot.click("submit")
    assert progress(app).wrong == 1
    typed(app, "14062019")  # the wrong code was selected: typing replaces it
    assert panel.input.field.value == "14062019"
    pilot.press(pygame.K_RETURN)
    assert progress(app).status == "solved"


def test_valider_is_greyed_and_takes_nothing_during_the_wait():
    app, pilot, panel = opened()
    spoken = []
    app.voice = spoken.append
    for _try in range(3):
        typed(app, "11111111")
        pilot.click("submit")
    assert progress(app).cooldown_until > app.scene.t
    submit = app.scene.widget("submit")
    assert submit is not None and not submit.enabled  # greyed, for the mouse…
    assert submit not in app.scene.focusables()  # …and the keyboard
    assert any("attends" in line for line in spoken)  # a voice says the wait
    typed(app, "2")
    assert panel.input.field.value == "2" and app.scene.focus is app.scene.widget("entry")
    pilot.click_at(submit.rect.center)  # a click on the greyed button: nothing
    pilot.press(pygame.K_RETURN)  # Enter in the field: nothing either, said again
    assert progress(app).wrong == 3 and spoken[-1].startswith("Trop d’essais")
    why = panel.why_greyed()
    assert "secondes" in why or " s" in why
    before = why
    pilot.wait(5)
    assert panel.why_greyed() != before  # the seconds left count down on screen
    pilot.wait(16)
    submit = app.scene.widget("submit")
    assert submit.enabled and panel.why_greyed() == ""
    assert spoken[-1] == "Tu peux réessayer."
    pilot.press(pygame.K_BACKSPACE)  # the « 2 » typed while waiting
    typed(app, "14062019")
    pilot.press(pygame.K_RETURN)
    assert progress(app).status == "solved"


@pytest.mark.parametrize("prefs", [{"text_scale": 2.0}, LARGE])
def test_at_200_percent_the_keypad_fits_without_scrolling(prefs):
    app, _pilot, panel = opened(**prefs)
    lock = panel.input
    assert lock.compact
    keys = [w for w in app.scene.widgets if w.id.startswith("key:")]
    assert panel.scroll == 0 and all(app.scene.shown(w) for w in keys)  # the text beside may scroll
    assert min(w.rect.height for w in keys) >= 44  # still a finger's target
    for digit in "14062019":
        Pilot(app).click(f"key:{digit}")
    assert lock.field.value == "14062019"


def test_at_100_percent_the_keypad_is_full_size():
    _app, _pilot, panel = opened()
    assert not panel.input.compact


def test_at_200_percent_the_greyed_button_says_its_seconds_itself():
    """No room beside the buttons for « « Valider » revient dans N s. », and the
    verdict's words scrolled away under the prompt: the button says the wait."""
    app, pilot, panel = opened(**LARGE)
    for _try in range(3):
        typed(app, "11111111")
        pilot.press(pygame.K_RETURN)
    submit = app.scene.widget("submit")
    assert not submit.enabled and submit.label == "Valider (20 s)"
    pilot.wait(20)
    assert app.scene.widget("submit").label == "Valider"
