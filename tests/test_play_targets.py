"""What a pupil clicks stays where it was clicked, and takes the click (play-through
fixes): a widget cut by the panel's edge, the layout after a wrong answer, matching
rows, the keys of several-answer and matching questions, the debriefing's foot, a
text field's focus ring. Played headless through real events."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.core import commands as cmd  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

from .conftest import GAMES  # noqa: E402


def started(game="escape_fake_news", size=(1366, 768), mode="mouse", **prefs):
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **prefs}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app, mode)
    app.push(IntroScene(app, str(GAMES / game)))
    pilot.click("start")
    pilot.dismiss()
    return app, pilot


def until_puzzle(pilot, game, puzzle):
    """Play the walkthrough until the answer to ``puzzle``, its panel open."""
    for _line, command in read_walkthrough(GAMES / game / "walkthrough.yaml").commands:
        if command is None:
            continue
        if isinstance(command, cmd.Answer) and command.puzzle == puzzle:
            panel = pilot.puzzle_panel(puzzle)
            return command, panel
        pilot.perform(command)
        if isinstance(command, (cmd.Go, cmd.Answer)):
            pilot.dismiss()
    raise AssertionError("never reached")


def move(app, pos):
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))])


def click(app, pos):
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])


def key(app, key_code, unicode=""):
    app.step([pygame.event.Event(pygame.KEYDOWN, key=key_code, mod=0, unicode=unicode, scancode=0),
              pygame.event.Event(pygame.KEYUP, key=key_code, mod=0, unicode=unicode, scancode=0)])


# --- 1. a widget cut by the panel's edge takes a click on what shows of it -----------------

def test_an_answer_cut_by_the_panels_edge_takes_a_click_on_its_visible_part():
    app, pilot = started(text_scale=2.0)
    _command, panel = until_puzzle(pilot, "escape_fake_news", "p_biais_miroir")
    scene = app.scene
    view = scene.viewport
    option = scene.widget("tf:false")
    # the wheel brings the option's top into view, its bottom still under the edge
    panel.scroll_by(option.rect.top + option.rect.height // 2 - view.bottom)
    option = scene.widget(option.id)
    assert option.rect.top < view.bottom < option.rect.bottom, (option.rect, view)
    assert not scene.shown(option)
    visible = option.rect.clip(view)
    before = scene.scroll
    click(app, visible.center)
    assert panel.input.value() is False  # « Non, pas telle quelle » chosen at the first click
    assert scene.scroll == before  # nothing moved under the pointer
    # a part scrolled out of view takes nothing: the click goes to what is drawn there
    hidden = (option.rect.centerx, view.bottom + 2)
    assert option.rect.collidepoint(hidden)
    assert scene.at(hidden) is None or scene.at(hidden).id != option.id


# --- 2. after a wrong answer, correcting it moves nothing --------------------------------

def rects(app, prefix):
    return {w.id: tuple(w.rect) for w in app.scene.widgets if w.id.startswith(prefix)}


def test_correcting_a_wrong_answer_keeps_every_target_in_place_and_the_verdict_dimmed():
    app, pilot = started()
    _command, panel = until_puzzle(pilot, "escape_fake_news", "p_biais_miroir")
    pilot.click("tf:true")  # « Oui, on la publie »: wrong
    pilot.click("submit")
    assert panel.verdict is not None and not panel.verdict.correct
    before = rects(app, "tf:") | rects(app, "submit")
    verdict_at = panel.verdict_at
    click(app, app.scene.widget("tf:false").rect.center)  # the pupil corrects it
    assert panel.input.value() is False
    assert rects(app, "tf:") | rects(app, "submit") == before  # nothing jumped up
    assert panel.verdict is not None and panel.stale and panel.verdict_at == verdict_at
    assert panel.verdict_icon[1] == app.ui.palette.muted  # said again, dimmed: the answer before
    pilot.click("submit")
    assert panel.verdict.correct and not panel.stale


def test_a_new_choice_by_keyboard_after_a_wrong_answer_moves_nothing_either():
    app, pilot = started(mode="keyboard")
    _command, panel = until_puzzle(pilot, "escape_fake_news", "p_biais_miroir")
    key(app, pygame.K_1, "1")
    key(app, pygame.K_RETURN)
    assert panel.verdict is not None and not panel.verdict.correct
    before = rects(app, "tf:")
    key(app, pygame.K_2, "2")
    assert panel.input.value() is False and rects(app, "tf:") == before and panel.stale


# --- 3. a matching row keeps its height as it is paired ----------------------------------

@pytest.mark.parametrize("size, prefs", [((1366, 768), {}), ((1920, 1080), {}),
                                         ((1366, 768), {"text_scale": 2.0, "font": "dyslexic"})])
def test_pairing_the_guests_moves_no_number_under_the_pointer(size, prefs):
    app, pilot = started("stereotypes", size, **prefs)
    command, panel = until_puzzle(pilot, "stereotypes", "p_portraits")
    before = rects(app, "left:") | rects(app, "right:")
    for item, target in command.value.items():
        pilot.click(f"left:{item}")
        aim = app.scene.widget(f"right:{target}")
        if not app.scene.shown(aim):  # at 200 % the list is taller than the panel: the pupil scrolls to it
            app.scene.scroll_to(aim)
            aim = app.scene.widget(f"right:{target}")
        here = rects(app, "left:") | rects(app, "right:")
        # where the pupil aims next is where it was drawn (the list scrolled or not)
        click(app, aim.rect.clip(app.scene.viewport).center)
        after = rects(app, "left:") | rects(app, "right:")
        assert {k: v[2:] for k, v in after.items()} == {k: v[2:] for k, v in before.items()}  # sizes
        assert after == here, "a row grew as it was paired"
    assert panel.input.links == command.value


def test_categories_keep_their_rows_too():
    app, pilot = started("stereotypes")
    command, panel = until_puzzle(pilot, "stereotypes", "p_tri")
    before = rects(app, "left:") | rects(app, "right:")
    for item, target in list(command.value.items())[:3]:
        pilot.click(f"left:{item}")
        pilot.click(f"right:{target}")
        assert {k: v[2:] for k, v in (rects(app, "left:") | rects(app, "right:")).items()} == \
            {k: v[2:] for k, v in before.items()}


# --- 4. keys: digits tick, Enter validates; digits act on the element ↑ ↓ reached --------

def test_several_answers_a_digit_then_enter_validates_instead_of_ticking_again():
    app, pilot = started(mode="keyboard")
    command, panel = until_puzzle(pilot, "escape_fake_news", "p_expert")
    ids = panel.input.shown_ids
    wrong = next(i for i in ids if i not in command.value)
    for option in [wrong, *command.value, wrong]:  # the pupil ticks one too many, then unticks it
        n = ids.index(option) + 1
        key(app, pygame.K_0 + n, str(n))
    assert sorted(panel.input.chosen) == sorted(command.value)
    assert app.scene.focus.id == f"option:{wrong}"  # the ring on the option just unticked
    key(app, pygame.K_RETURN)
    assert panel.verdict is not None and panel.verdict.correct  # validated, not ticked again
    assert "Espace" in panel.input.keys_hint() and "Entrée pour valider" in panel.input.keys_hint()


def test_several_answers_space_ticks_the_option_focused():
    app, pilot = started(mode="keyboard")
    _command, panel = until_puzzle(pilot, "escape_fake_news", "p_expert")
    first = panel.input.shown_ids[0]
    pilot.focus(f"option:{first}")
    key(app, pygame.K_SPACE, " ")
    assert panel.input.chosen == [first]
    key(app, pygame.K_SPACE, " ")
    assert panel.input.chosen == [] and panel.verdict is None


def test_matching_digits_act_at_once_on_the_element_the_arrows_reached():
    app, pilot = started("stereotypes", mode="keyboard")
    command, panel = until_puzzle(pilot, "stereotypes", "p_portraits")
    numbers = {target: n + 1 for n, (target, _t) in enumerate(panel.input.right)}
    lefts = [item for item, _t in panel.input.left]
    pilot.focus(f"left:{lefts[0]}")
    key(app, pygame.K_DOWN)  # ↓ to the second element, no Space
    assert app.scene.focus.id == f"left:{lefts[1]}"
    n = numbers[command.value[lefts[1]]]
    key(app, pygame.K_0 + n, str(n))
    assert panel.input.links == {lefts[1]: command.value[lefts[1]]}  # the digit went to it
    assert "↑ ↓ jusqu’à un élément à gauche, puis" in panel.input.keys_hint()


# --- 5. the debriefing's foot: « Fais défiler… » beside the buttons, never cut under them --

@pytest.mark.parametrize("size, prefs", [((1366, 768), {}),
                                         ((1366, 768), {"text_scale": 2.0, "font": "dyslexic", "contrast": "high"})])
def test_the_debriefings_scroll_note_is_drawn_whole_beside_its_buttons(size, prefs):
    from engine.player.scenes.debrief import DebriefScene

    app, pilot = started(size=size, **prefs)
    for _line, command in read_walkthrough(GAMES / "escape_fake_news" / "walkthrough.yaml").commands:
        if command is not None:
            pilot.perform(command)
            if isinstance(command, cmd.Go) or isinstance(command, cmd.Answer) and command.puzzle != "p_une":
                pilot.dismiss()
    pilot.click("continue")
    pilot.press(pygame.K_RETURN)
    scene = app.scene
    assert isinstance(scene, DebriefScene)
    app.step([])
    assert scene.content.get_height() > scene.view.height  # there is more to read: the note is due
    note, at = getattr(scene, "more", None) or (pygame.Surface((0, 0)), (0, 0))
    box = note.get_rect(topleft=at)
    # below the text, around the buttons and the note: the background alone (no stray letters)
    foot = pygame.Rect(0, scene.view.bottom + 1, app.size[0], app.size[1] - scene.view.bottom - 1)
    background = app.surface.map_rgb(app.ui.palette.background)
    covered = [w.rect.inflate(app.ui.metrics.focus_width * 4 + 8, app.ui.metrics.focus_width * 4 + 8)
               for w in scene.widgets] + [box]
    pixels = pygame.PixelArray(app.surface)
    try:
        stray = [(x, y) for x in range(foot.left, foot.right, 2) for y in range(foot.top, foot.bottom)
                 if pixels[x, y] != background and not any(r.collidepoint(x, y) for r in covered)]
    finally:
        pixels.close()
    assert not stray, stray[:5]
    window = pygame.Rect((0, 0), app.size)
    assert box.width and window.contains(box) and not box.colliderect(scene.view)
    assert box.collidelist([w.rect.inflate(8, 8) for w in scene.widgets]) == -1
    assert note.get_height() <= app.ui.metrics.small * 3  # words, not a column of letters


# --- 6. one focus ring on a text field, on its own edge ----------------------------------

@pytest.mark.parametrize("prefs", [{"contrast": "high"}, {}])
def test_the_code_field_has_one_focus_ring_on_its_edge_clear_of_its_label(prefs):
    app, pilot = started(mode="keyboard", **prefs)
    _command, _panel = until_puzzle(pilot, "escape_fake_news", "p_code_labo")
    pilot.focus("entry")
    pilot.type("25")
    app.step([])
    field = app.scene.widget("entry")
    focus = app.surface.map_rgb(app.ui.palette.focus)
    around = field.rect.inflate(60, 60).clip(pygame.Rect((0, 0), app.size))
    pixels = pygame.PixelArray(app.surface)
    try:
        ring = [(x, y) for x in range(around.left, around.right) for y in range(around.top, around.bottom)
                if pixels[x, y] == focus and not field.rect.collidepoint(x, y)]
        edge = [(x, field.rect.top + 1) for x in range(field.rect.left + 20, field.rect.right - 20)
                if pixels[x, field.rect.top + 1] == focus]
    finally:
        pixels.close()
    assert not ring, f"a second ring around the field: {ring[:4]}"  # nothing over the label above
    assert len(edge) >= field.rect.width - 45  # its own edge is the ring, in the focus colour
