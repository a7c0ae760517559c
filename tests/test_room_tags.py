"""« Montrer les objets » (issue 16): every name tag is its own zone's. On every room of
both bundled escape games, at 1366×768 and 1920×1080, with every tag shown: no tag
covers another object or door (or else it is tied to its zone by a leader line), no
two tags overlap, every tag stays on the picture. Checked on the layout the scene
drew (``tag_places``), not on pixels."""

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

ROOMS = {"stereotypes": {"hall", "cdi", "techno", "orientation", "gymnase"},
         "escape_fake_news": {"redaction", "labo_photo", "archives", "cuisine_centrale", "bureau_nadia"}}
SIZES = [(1366, 768), (1920, 1080)]


def started(game: str, size, **prefs) -> tuple[App, Pilot]:
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **prefs}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(GAMES / game)))
    pilot.click("start")
    pilot.dismiss()
    return app, pilot


def played(pilot: Pilot, game: str):
    """The game's walkthrough played through the interface, a command at a time (the
    messages it brings dismissed); yields each command once done."""
    for _line, command in read_walkthrough(GAMES / game / "walkthrough.yaml").commands:
        if command is None:
            continue
        pilot.perform(command)
        if isinstance(command, (cmd.Go, cmd.Answer, cmd.Use)):
            pilot.dismiss()
        yield command


def in_room(app) -> str | None:
    scene = app.scene
    room = getattr(scene, "session", None) and scene.session.state.room
    return room if room and getattr(scene, "panel", True) is None else None


def shown_tags(app) -> list[room_view.TagPlace]:
    """Every tag of the room on screen, « Montrer les objets » on, as drawn."""
    scene = app.scene
    if not scene.reveal:
        scene.toggle_objects()
    app.step([])
    return scene.tag_places


def check(app) -> list[str]:
    """What is wrong with the tags shown now, in words (nothing: all is well)."""
    scene = app.scene
    tags = shown_tags(app)
    spots = [w for w in scene.widgets if isinstance(w, room_view.Hotspot)]
    where = f"{scene.session.state.room} at {app.surface.get_size()}"
    wrong = []
    assert {t.spot.id for t in tags} == {s.id for s in spots}  # every zone named
    for index, tag in enumerate(tags):
        if not scene.picture_area.contains(tag.rect):
            wrong.append(f"{where}: {tag.spot.id}'s tag leaves the picture")
        for spot in spots:
            if spot.id != tag.spot.id and tag.rect.colliderect(spot.rect) and tag.leader is None:
                wrong.append(f"{where}: {tag.spot.id}'s tag covers {spot.id}")
        for other in tags[index + 1:]:
            if tag.rect.colliderect(other.rect):
                wrong.append(f"{where}: the tags of {tag.spot.id} and {other.spot.id} overlap")
        zone = tag.spot.rect
        if tag.rect.width > zone.width and (tag.rect.right <= zone.left or tag.rect.left >= zone.right) \
                and tag.leader is None:  # « Le lecteur de badge » beside the reader, under the printer (h9)
            wrong.append(f"{where}: {tag.spot.id}'s tag, wider than its zone, on its side with no leader")
        if tag.leader is not None:  # the line ends on its own zone, and starts on the tag
            start, end = tag.leader
            if not tag.spot.rect.collidepoint(end) or not tag.rect.collidepoint(start):
                wrong.append(f"{where}: {tag.spot.id}'s leader line does not join tag and zone")
    return wrong


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("game", ROOMS)
def test_no_tag_covers_another_zone_in_any_room(game, size):
    """Played through (so that every object and door shows as the walkthrough finds
    it), the tags checked in each state of each room met."""
    app, pilot = started(game, size)
    checked: set = set()
    wrong: list[str] = []
    for _command in played(pilot, game):
        room = in_room(app)
        if room is None or not app.scene.placed:
            continue
        spots = tuple(sorted((w.id, w.state) for w in app.scene.widgets if isinstance(w, room_view.Hotspot)))
        if (room, spots) in checked:
            continue
        checked.add((room, spots))
        wrong += check(app)
    assert {room for room, _spots in checked} == ROOMS[game]
    assert not wrong, "\n".join(wrong)


def test_a_tag_goes_in_its_own_zone_rather_than_over_a_neighbour():
    """The hall of stereotypes at 1920×1080: the urn stands between the CDI's door and
    the techno room's; its tag used to cover the CDI's door. Each door now holds its
    own name, and the urn's is not on a door."""
    app, _pilot = started("stereotypes", (1920, 1080))
    tags = {t.spot.id: t for t in shown_tags(app)}
    scene = app.scene
    urn = next(i for i in tags if "urne" in i)
    for spot_id, tag in tags.items():
        if spot_id.startswith("exit:"):
            assert tag.how == room_view.INSIDE and scene.widget(spot_id).rect.contains(tag.rect)
    doors = [scene.widget(i).rect for i in tags if i.startswith("exit:")]
    assert tags[urn].rect.collidelist(doors) < 0


def test_with_no_free_place_beside_it_a_tag_gets_a_leader_line():
    """Zones packed so tight that no place near one is free: its tag goes where it
    covers nothing, tied to its zone by a line."""
    app, _pilot = started("stereotypes", (1366, 768))
    ui = app.ui
    bounds = pygame.Rect(0, 0, 900, 600)
    spots = [room_view.Hotspot(f"object:{i}", pygame.Rect(300 + (i % 3) * 50, 200 + (i // 3) * 50, 50, 50), None,
                               label=f"Un objet au nom long numéro {i}", revealed=True) for i in range(9)]
    tags = room_view.layout_tags(ui, spots, bounds)
    middle = next(t for t in tags if t.spot.id == "object:4")
    zones = [s.rect for s in spots if s.id != "object:4"]
    assert middle.leader is not None and middle.rect.collidelist(zones) < 0
    assert not any(a.rect.colliderect(b.rect) for i, a in enumerate(tags) for b in tags[i + 1:])


def test_the_pointed_tag_stays_beside_its_zone():
    """Pointed at, a zone names itself beside it (the pointer is on it), on no other."""
    app, pilot = started("escape_fake_news", (1366, 768))
    scene = app.scene
    spots = [w for w in scene.widgets if isinstance(w, room_view.Hotspot)]
    for spot in spots:
        app.step([pygame.event.Event(pygame.MOUSEMOTION, pos=spot.rect.center, rel=(0, 0), buttons=(0, 0, 0))])
        assert scene.hover is spot
        place = scene._pointed_tag[1]
        assert place.leader is not None or place.rect.collidelist([s.rect for s in spots if s is not spot]) < 0



def title_hidden(app) -> str | None:
    """What hides part of the room's title now, if anything (None: drawn whole). The
    title stays in the room's head, or scrolls at the top of the text list."""
    scene, ui = app.scene, app.ui
    m = ui.metrics
    room = scene.session.state.room
    text = scene.game.rooms[room].title.get(scene.locale)
    width = max(m.body * 4, scene.title_room)  # as _draw_room draws it
    title = ui.text.render(text, m.title, ui.palette.text, width, bold=True)
    scrolls = getattr(scene, "title_y", None) is not None
    top = scene.title_y if scrolls else scene.room_rect.y + m.unit * 2
    drawn = pygame.Rect(scene.room_rect.x + m.unit * 2, top, *title.get_size())
    if drawn.right > scene.room_rect.right:
        return f"{room}: the title leaves the room's frame"
    covering = [w.id for w in scene.widgets if w.rect.colliderect(drawn)]
    if covering:
        return f"{room}: {covering} drawn over the title"
    if not scrolls and drawn.bottom > scene.scene_area.top:
        return f"{room}: the room is laid out over the title's last {drawn.bottom - scene.scene_area.top} px"
    if scrolls and drawn.top + scene.scroll < scene.viewport.top:  # at the top of the list
        return f"{room}: the title starts above the list's view"
    return None


def test_a_long_room_title_is_drawn_whole_at_200_percent_text():
    """1366×768, 200 % text (rooms as their text list): each room's title, in both
    games, wraps onto as many lines as it needs, and nothing is laid out over any of
    them (« Les archives et le service données » takes two lines)."""
    wrong = []
    for game in ROOMS:
        app, pilot = started(game, (1366, 768), text_scale=2.0)
        seen = set()
        for _command in played(pilot, game):
            room = in_room(app)
            if room is None or room in seen:
                continue
            seen.add(room)
            assert not app.scene.placed  # 200 % text on 1366×768: the text list
            wrong.append(title_hidden(app))
        assert seen == ROOMS[game]
    assert not any(wrong), "\n".join(w for w in wrong if w)


@pytest.mark.parametrize("size", [(1366, 697), *SIZES], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("game", ROOMS)
def test_a_solve_moves_no_tag(game, size):
    """Play-through h9 (shots 88 → 105): in the kitchen, the board got its check mark
    and its tag jumped to the other side. Played through with every tag shown: each time
    a room is seen again with the same zones, only states changed (a badge came or
    changed), every tag is where it was, the changed zone's as the others'."""
    app, pilot = started(game, size)
    before: dict = {}  # (room, zones) -> {zone id: (state, tag rect)}
    moved: list[str] = []
    changed = 0
    for _command in played(pilot, game):
        room = in_room(app)
        if room is None or not app.scene.placed:
            continue
        tags = {t.spot.id: (t.spot.state, tuple(t.rect)) for t in shown_tags(app)}
        zones = (room, tuple(sorted((w.id, tuple(w.rect)) for w in app.scene.widgets
                                    if isinstance(w, room_view.Hotspot))))
        if zones in before:
            for spot_id, (state, rect) in tags.items():
                old_state, old_rect = before[zones][spot_id]
                changed += state != old_state
                if rect != old_rect:
                    moved.append(f"{room} at {size}: {spot_id}'s tag moved from {old_rect} to {rect}"
                                 f" ({old_state} → {state})")
        before[zones] = tags
    assert changed, "no zone changed state in a room seen again with the same zones"
    assert not moved, "\n".join(moved)
