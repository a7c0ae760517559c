"""Rooms as scenes, locks that move, stakes, short explanations, the ending's front page
(issue 16), played headless through real events: the mouse, the keyboard, a finger."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.core import commands as cmd  # noqa: E402
from engine.player import feedback  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.locks import ArrowLockInput, KeypadInput, PadlockInput  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.debrief import DebriefScene  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.player.scenes.room import MIN_TARGET, Hotspot  # noqa: E402
from engine.player.story import EndingPanel  # noqa: E402

from .conftest import GAMES  # noqa: E402
from .test_room_state import until  # noqa: E402

GAME = GAMES / "escape_fake_news"


def started(size=(1366, 768), mode="mouse", **prefs):
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **prefs}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app, mode)
    app.push(IntroScene(app, str(GAME)))
    pilot.click("start")
    pilot.dismiss()
    return app, pilot


def spots(app) -> list[Hotspot]:
    return [w for w in app.scene.widgets if isinstance(w, Hotspot)]


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080), (1280, 720)])
def test_objects_and_doors_are_zones_of_the_picture(size):
    app, _pilot = started(size)
    scene = app.scene
    assert scene.placed
    found = {w.id for w in spots(app)}
    assert {"object:fiche_profil", "object:tableau_liege", "object:telephone_hugo", "exit:porte_labo"} <= found
    for spot in spots(app):
        assert scene.picture_area.contains(spot.rect)
        assert spot.rect.width >= MIN_TARGET and spot.rect.height >= MIN_TARGET
    door = scene.widget("exit:porte_labo")
    assert door.state == "locked" and door.rect.centerx > scene.picture_area.centerx  # on the drawn door, right


def test_a_name_shows_on_hover_only_and_the_picture_stays_clear():
    app, pilot = started()
    app.step([])
    picture = app.scene._composed
    phone = app.scene.widget("object:telephone_hugo")
    below = pygame.Rect(phone.rect.x, phone.rect.bottom + 4, phone.rect.width, 30)
    before = app.surface.subsurface(below).copy()
    pilot.app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=phone.rect.center, rel=(0, 0), buttons=(0, 0, 0))])
    assert app.scene.hover is phone
    hovered = app.surface.subsurface(below).copy()
    assert pygame.image.tobytes(before, "RGB") != pygame.image.tobytes(hovered, "RGB")  # the tag appeared
    assert app.scene._composed is picture  # the zone repainted, its tag drawn live: no new picture
    empty = (app.scene.picture_area.x + 5, app.scene.picture_area.bottom - 5)
    pilot.app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=empty, rel=(0, 0), buttons=(0, 0, 0))])
    assert pygame.image.tobytes(app.surface.subsurface(below), "RGB") == pygame.image.tobytes(before, "RGB")
    assert app.step([], dt=0.5) is False  # idle: nothing moves, nothing is drawn


def test_show_the_objects_by_key_and_by_button():
    app, pilot = started()
    assert not any(s.revealed for s in spots(app))
    pilot.press(pygame.K_o)
    assert all(s.revealed for s in spots(app)) and app.scene.widget("reveal").selected
    pilot.click("reveal")
    assert not any(s.revealed for s in spots(app))


def test_the_keyboard_reaches_the_zones_in_reading_order_and_opens_one():
    app, pilot = started(mode="keyboard")
    order = [w.id for w in app.scene.focusables() if isinstance(w, Hotspot)]
    tops = [app.scene.widget(i).rect.centery for i in order]
    assert order[0] == "object:tableau_liege" and tops[0] == min(tops)  # the board, high on the wall, first
    pilot.click("object:telephone_hugo")  # Tab to it, then Enter
    assert app.scene.panel is not None


def test_a_finger_opens_an_object_and_the_list_stays_for_who_prefers_it():
    app, pilot = started(mode="touch")
    pilot.click("object:tableau_liege")
    assert app.scene.panel is not None
    while app.scene.panel is not None:
        pilot.click("close")
    pilot.click("view")
    assert not app.scene.placed and app.scene.widget("object:tableau_liege") is not None
    pilot.click("view")
    assert app.scene.placed


def test_large_text_keeps_the_text_list():
    app, _pilot = started(text_scale=2.0)
    assert not app.scene.placed and not spots(app)


def at(puzzle, **prefs):
    app, pilot = started(**prefs)
    command = until(pilot, lambda c: isinstance(c, cmd.Answer) and c.puzzle == puzzle)
    return app, pilot, pilot.puzzle_panel(puzzle), command


def test_a_wrong_code_shakes_the_padlock_then_typing_replaces_it():
    app, pilot, panel, command = at("p_code_labo", reduced_motion=False)
    assert isinstance(panel.input, PadlockInput) and panel.input.beside
    wheels_top = panel.input.body.top
    assert panel.input.body.bottom < panel.content.bottom  # in view, beside the text
    pilot.type("1111")
    pilot.click("submit")
    lock = app.scene.panel.input
    assert lock.wrong and lock.shake_t is not None
    app.step([], dt=0.0)
    picture = app.scene._composed
    shifts = set()
    for _ in range(6):
        assert app.step([], dt=0.03)  # it moves…
        shifts.add(lock.dx())
    assert len(shifts) > 1
    assert app.scene._composed is picture  # drawn live over the picture, not composed again each frame
    app.step([], dt=0.5)
    assert app.step([], dt=0.05) is False  # …and stops
    assert lock.body.top == wheels_top
    pilot.type(command.value)  # the wrong code was selected: typing replaces it
    assert lock.field.value == command.value and not lock.wrong
    pilot.click("submit")
    assert lock.opened and lock.lift() < 1.0
    app.step([], dt=0.6)
    assert lock.lift() == 1.0


def test_reduced_motion_shows_the_states_without_movement():
    app, pilot, panel, command = at("p_code_labo")
    pilot.type("1111")
    pilot.click("submit")
    assert panel.input.wrong and panel.input.shake_t is None
    assert app.step([], dt=0.05) is False


def test_the_keypad_opens_the_archives_door():
    app, pilot, panel, command = at("p_code_archives")
    assert isinstance(panel.input, KeypadInput)
    for char in command.value:
        pilot.click(f"key:{char}")
    assert panel.input.field.value == command.value
    pilot.click("submit")
    assert app.scene.session.state.progress["p_code_archives"].status == "solved"
    assert panel.input.opened


def test_the_arrow_lock_by_mouse_and_by_keyboard():
    app, pilot, panel, command = at("p_graph_periode")
    assert isinstance(panel.input, ArrowLockInput)
    pilot.click("arrow:up")
    pilot.click("submit")
    assert panel.input.wrong
    pilot.click("erase")
    assert not panel.input.wrong and panel.input.sequence == []
    pilot.focus("arrow:up")  # on the pad, the arrow keys enter arrows and Enter submits (answers.py)
    keys = {"up": pygame.K_UP, "down": pygame.K_DOWN, "left": pygame.K_LEFT, "right": pygame.K_RIGHT}
    for arrow in command.value:
        pilot.press(keys[arrow])
    assert panel.input.sequence == list(command.value)
    pilot.press(pygame.K_RETURN)
    assert app.scene.session.state.progress["p_graph_periode"].status == "solved"
    assert panel.input.opened


def test_the_stakes_are_said_and_a_cost_is_shown_where_the_rules_give_one():
    app, pilot, panel, _command = at("p_code_labo", reduced_motion=False)
    assert "10 points à gagner" in panel._stakes() and "20 s d’attente" in panel._stakes()
    pilot.type("1111")
    pilot.click("submit")
    assert not any(isinstance(e, feedback.Cost) for e in app.effects)  # this game's errors cost no points
    object.__setattr__(panel.puzzle.attempts, "cost", 2)  # a game where they do
    try:
        app.effects.clear()
        pilot.type("2222")
        pilot.click("submit")
        assert any(isinstance(e, feedback.Cost) and e.word == "−2 pts" for e in app.effects)
        assert "une erreur : −2 pts" in panel._stakes()
    finally:
        object.__setattr__(panel.puzzle.attempts, "cost", 0)


def test_the_explanation_is_short_first_then_whole():
    app, pilot, panel, command = at("p_profil")
    pilot.perform(command)
    assert panel.resolved and panel._folded()
    footer = [w.id for w in app.scene.widgets if w.rect.top >= panel.footer_top]
    assert "more" in footer  # always in view, beside « Continuer »
    pilot.click("more")
    assert panel.more and not app.scene.widget("more")
    assert app.scene.focus is app.scene.widget("continue")


def test_the_badge_leaves_the_verdict_uncovered():
    app, pilot, panel, command = at("p_profil", reduced_motion=False)
    pilot.perform(command)
    burst = next(e for e in app.effects if isinstance(e, feedback.Confetti))
    assert burst.origin[1] > panel.footer_top  # from the footer, under the verdict's words


def test_the_ending_is_a_front_page_before_the_debrief():
    app, pilot = started()
    until(pilot, lambda c: False if not isinstance(c, cmd.Answer) or c.puzzle != "p_une" else (
        pilot.perform(c) or True))
    pilot.click("continue")
    page = app.scene.panel
    assert isinstance(page, EndingPanel) and page.success
    assert page.masthead and page.picture == "art:bureau"
    pilot.press(pygame.K_RETURN)
    assert isinstance(app.scene, DebriefScene)


def test_rooms_crossfade_from_the_room_left_not_from_blank():
    app, pilot = started(reduced_motion=False)
    command = until(pilot, lambda c: isinstance(c, cmd.Go) and app.scene.session.rules.passable(
        app.scene.session.state, c.exit))  # a door that opens at once
    while app.step([], dt=1.0):
        pass
    before = app.surface.copy()
    app.effects.clear()
    pilot.click(f"exit:{command.exit}")
    fades = [e for e in app.effects if isinstance(e, feedback.Fade)]
    assert fades and fades[0].before is not None
    assert pygame.image.tobytes(fades[0].before, "RGB") == pygame.image.tobytes(before, "RGB")


def test_an_object_icon_is_drawn_in_its_zone():
    """On a background that does not draw it (a generic decor), an object's
    ``icon: art:…`` is drawn in its zone by the play scene."""
    app, _pilot = started()
    zone = pygame.Rect(100, 100, 80, 80)
    blank = pygame.Surface((300, 300))
    blank.fill((255, 255, 255))
    drawn = blank.copy()
    Hotspot("object:x", zone, None, label="Un téléphone", sprite="art:telephone").draw(drawn, app.ui, False, False)
    assert pygame.image.tobytes(drawn.subsurface(zone), "RGB") != pygame.image.tobytes(blank.subsurface(zone), "RGB")
    Hotspot("object:y", zone, None, label="Rien").draw(blank, app.ui, False, False)
    assert pygame.image.tobytes(blank.subsurface(zone), "RGB") == bytes([255]) * (80 * 80 * 3)
