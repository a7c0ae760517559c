"""A room's picture shows what changed (issue 16, play-through: « the door I opened still
has its padlock », « my click just didn't work »): a locked door wears a closed padlock,
an open one once unlocked, an arrow once used; a click on the picture that hits nothing
says so quietly near the pointer, for a moment, once however fast the clicks come."""

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
from engine.player.scenes import room as room_view  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

from .conftest import GAMES  # noqa: E402
from .test_room_tags import started as started_at  # noqa: E402

GAME = GAMES / "escape_fake_news"


def started(game=GAME, **prefs):
    return started_at(game, (1366, 768), **prefs)


def until(pilot, stop, steps=None):
    """Play the walkthrough (or what is left of ``steps``) until ``stop(command)``."""
    for command in steps if steps is not None else walkthrough():
        if stop(command):
            return command
        pilot.perform(command)
        if isinstance(command, (cmd.Go, cmd.Answer)):
            pilot.dismiss()
    raise AssertionError("never reached")


def walkthrough():
    return iter([c for _line, c in read_walkthrough(GAME / "walkthrough.yaml").commands if c is not None])


def spot(app, spot_id) -> room_view.Hotspot:
    return next(w for w in app.scene.widgets if w.id == spot_id)


def badge_colours(app, hotspot) -> set[tuple[int, int, int]]:
    """The colours drawn on screen in the zone's badge (nothing: no badge)."""
    app.step([])
    rect = hotspot.badge_rect(app.ui)
    if rect is None:
        return set()
    return {tuple(app.surface.get_at((x, y)))[:3] for x in range(rect.left, rect.right, 2)
            for y in range(rect.top, rect.bottom, 2) if app.surface.get_rect().collidepoint(x, y)}


def test_a_door_shows_locked_then_open_then_used():
    app, pilot = started()
    steps = walkthrough()
    until(pilot, lambda c: isinstance(c, cmd.Go) and c.exit == "porte_labo", steps)
    door = spot(app, "exit:porte_labo")
    palette = app.ui.palette
    assert door.state == "locked" and tuple(palette.warm)[:3] in badge_colours(app, door)
    pilot.click("exit:porte_labo")  # the lock opens: its code typed, « Valider »
    answer = until(pilot, lambda c: isinstance(c, cmd.Answer) and c.puzzle == "p_code_labo", steps)
    pilot.perform(answer)
    pilot.dismiss()
    door = spot(app, "exit:porte_labo")
    # Unlocked, not gone through yet: the padlock shows open (green), no longer the locked one.
    assert door.state == "unlocked" and "déverrouillée" in door.speech
    colours = badge_colours(app, door)
    assert tuple(palette.success)[:3] in colours and tuple(palette.warm)[:3] not in colours
    pilot.click("exit:porte_labo")
    pilot.dismiss()
    assert app.scene.session.state.room == "labo_photo"
    back = spot(app, "exit:retour_redaction")
    assert back.state == "open" and tuple(palette.accent)[:3] in badge_colours(app, back)


def empty_points(app) -> list[tuple[int, int]]:
    """Points of the picture under no zone (nor near one)."""
    scene = app.scene
    rects = [w.rect.inflate(40, 40) for w in scene.widgets]
    area = scene.picture_area
    return [(x, y) for y in range(area.top + 30, area.bottom - 30, 25) for x in range(area.left + 30, area.right - 30, 25)
            if not any(r.collidepoint(x, y) for r in rects)]


def click(app, pos):
    app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
              pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
              pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)])


def note_rect(app):
    shown = [r for r in app.scene._live if r.height < 80 and r.width < 400]
    return shown[0] if shown else None


def test_a_click_on_nothing_says_so_quietly_once():
    app, _pilot = started()
    scene = app.scene
    points = empty_points(app)
    assert len(points) > 10
    score, effects = scene.scored(), list(app.effects)
    app.spoken = ""
    first = points[len(points) // 2]
    click(app, first)
    assert scene.panel is None and app.spoken == "Rien de spécial ici."
    rect = note_rect(app)
    assert rect is not None and scene.picture_area.contains(rect)
    assert abs(rect.left - first[0]) < 60 or abs(rect.right - first[0]) < 60  # beside the pointer
    assert scene.scored() == score and app.effects == effects  # no score, no celebration, no sound
    # Rapid clicks elsewhere: the one line stays where it is, and is not said again.
    app.spoken = ""
    for pos in points[:5]:
        click(app, pos)
        app.step([], dt=0.2)
    assert app.spoken == "" and note_rect(app) == rect
    # Reduced motion: a static line, no frames asked for, gone after a moment.
    assert app.step([], dt=0.5) is False
    app.step([], dt=2.0)
    app.step([])
    assert note_rect(app) is None
    # A key takes it away at once.
    app.step([], dt=5.0)
    click(app, first)
    assert note_rect(app) is not None
    app.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LSHIFT, mod=0, unicode="", scancode=0)])
    assert note_rect(app) is None


def test_with_motion_the_line_fades_out():
    app, _pilot = started(reduced_motion=False)
    app.step([], dt=1.0)
    click(app, empty_points(app)[0])
    assert note_rect(app) is not None
    assert app.step([], dt=0.5) is False  # still: no frames spent
    assert app.step([], dt=1.3) is True  # fading out
    app.step([], dt=0.5)
    app.step([])
    assert note_rect(app) is None


def test_a_click_on_a_zone_is_not_a_miss():
    app, _pilot = started()
    app.spoken = ""
    phone = spot(app, "object:telephone_hugo")
    click(app, phone.rect.center)
    assert app.spoken != "Rien de spécial ici." and app.scene.panel is not None


def test_a_click_on_a_name_tag_opens_its_object():
    app, _pilot = started()
    scene = app.scene
    scene.toggle_objects()
    app.step([])
    outside = [t for t in scene.tag_places
               if not any(w.rect.collidepoint(t.rect.center) for w in scene.widgets) and t.spot.kind == "object"]
    assert outside, "every tag lies in its zone here"
    app.spoken = ""
    click(app, outside[0].rect.center)
    assert app.spoken != "Rien de spécial ici." and scene.panel is not None


def test_a_zone_pointed_at_before_the_room_was_laid_out_again_names_itself_without_crashing():
    """A pupil pressed Enter to close a message with the pointer still on a door: the
    room was laid out again, and the pointed zone was the old one (equal to the new, not
    the same object): the tag's layout looked its badge up by identity and the game
    closed on a KeyError (second play-through, stereotypes' hall)."""
    import copy

    from engine.player.scenes.room import Hotspot

    app, _pilot = started(GAMES / "stereotypes", reduced_motion=False)
    scene = app.scene
    door = next(w for w in scene.widgets if isinstance(w, Hotspot) and w.id == "exit:porte_gymnase")
    stale = copy.copy(door)  # what the scene still pointed at after laying the room out again
    scene.hover = stale
    scene.invalidate()
    app.step([])  # drew the pointed tag: KeyError before
    assert scene._pointed_tag[0][0] == door.id


@pytest.mark.parametrize("size", [(1366, 697), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("game", ["stereotypes", "escape_fake_news"])
def test_every_unlocked_door_wears_its_open_badge(game, size):
    """The pictures draw the doors closed and cannot open them (play-through h9, shot
    186): the badge says it. Along the walkthrough, every door that was locked (a lock or
    a condition) and lets the player through now wears an open padlock (not used yet)
    or an arrow (used), drawn on screen whole, every tag shown, none over it."""
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(GAMES / game)))
    pilot.click("start")
    pilot.dismiss()
    wrong, met = [], set()
    for command in [c for _line, c in read_walkthrough(GAMES / game / "walkthrough.yaml").commands if c]:
        pilot.perform(command)
        if isinstance(command, (cmd.Go, cmd.Answer, cmd.Use)):
            pilot.dismiss()
        scene = app.scene
        if getattr(scene, "panel", True) is not None or not scene.placed or not scene.session.state.room:
            continue
        if not scene.reveal:
            scene.toggle_objects()
        for door in [w for w in scene.widgets if isinstance(w, room_view.Hotspot) and w.kind == "exit"]:
            exit_ = scene.game.exits[door.id.removeprefix("exit:")]
            if not (exit_.lock or exit_.requires) or not scene.session.rules.passable(scene.session.state, exit_.id):
                continue
            met.add(exit_.id)
            colours = badge_colours(app, door)
            want = app.ui.palette.success if door.state == "unlocked" else app.ui.palette.accent
            rect = door.badge_rect(app.ui)
            if door.state not in ("unlocked", "open") or tuple(want)[:3] not in colours:
                wrong.append(f"{exit_.id}: {door.state}, badge colours {sorted(colours)[:4]}…")
            elif any(t.rect.colliderect(rect) for t in scene.tag_places) or not app.surface.get_rect().contains(rect):
                wrong.append(f"{exit_.id}: its badge is covered or cut")
    assert met == {e.id for e in pilot.scene.game.exits.values() if e.lock or e.requires} and not wrong, wrong
