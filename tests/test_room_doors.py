"""Every exit of the bundled escape games' rooms sits on a door drawn by the room's
picture, and every decor of the art library draws at least one door (a game may put
its exits on any of them).

The doors are recorded here in the pictures' own pixels (1600 × 1000): the decors'
from engine/assets/art/decors/generer_decors.py.txt (the frame of each ``door(...)``),
stereotypes' from its images/*.svg. Moving a door in a picture means moving it here
and the exits placed on it in rooms.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.content import assets

from .conftest import GAMES

W, H = 1600, 1000
DECORS = Path(assets.__file__).resolve().parent.parent / "assets" / "art" / "decors"

# Each door as (x, y, w, h) in the picture's pixels, frame included.
DOORS: dict[str, list[tuple[int, int, int, int]]] = {
    "art:redaction": [(1288, 228, 254, 482)],
    "art:labo_photo": [(68, 238, 244, 472), (1348, 238, 224, 472)],
    "art:archives": [(38, 238, 224, 472), (1358, 238, 224, 472)],
    "art:cuisine": [(38, 238, 224, 472), (1358, 238, 224, 472)],
    "art:bureau": [(1338, 238, 224, 472)],
    "art:classe": [(1368, 238, 214, 472)],
    "art:atelier": [(998, 238, 224, 472)],
    "art:bibliotheque": [(1098, 238, 214, 472)],
    "art:couloir": [(690, 360, 220, 280)],
    "art:exterieur": [(262, 532, 96, 148), (1130, 520, 160, 160)],
    "images/hall.svg": [(500, 250, 190, 445), (930, 250, 190, 445), (1380, 230, 200, 465)],
    "images/cdi.svg": [(40, 250, 190, 445)],
    "images/techno.svg": [(560, 250, 190, 445), (1360, 230, 200, 465)],
    "images/orientation.svg": [(1380, 250, 190, 445)],
    "images/gymnase.svg": [(1400, 250, 190, 445)],
}
SLACK = 1.0  # % of the picture: a zone may overrun its door by this much


def rooms(game: str) -> list[dict]:
    return yaml.safe_load((GAMES / game / "rooms.yaml").read_text(encoding="utf-8"))["rooms"]


def as_percent(door: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    x, y, w, h = door
    return 100 * x / W, 100 * y / H, 100 * w / W, 100 * h / H


def inside(zone: dict, door: tuple[int, int, int, int]) -> bool:
    dx, dy, dw, dh = as_percent(door)
    return (zone["x"] >= dx - SLACK and zone["y"] >= dy - SLACK
            and zone["x"] + zone["w"] <= dx + dw + SLACK and zone["y"] + zone["h"] <= dy + dh + SLACK)


def covers(zone: dict, door: tuple[int, int, int, int]) -> bool:
    """The zone takes most of the door (one can click the door anywhere)."""
    dx, dy, dw, dh = as_percent(door)
    return zone["w"] * zone["h"] >= 0.7 * dw * dh


@pytest.mark.parametrize("game", ["escape_fake_news", "stereotypes"])
def test_every_exit_sits_on_a_drawn_door(game):
    """Each room has a picture; each exit is placed on it, on one door of the picture,
    and no two exits of a room share a door."""
    for room in rooms(game):
        background = room.get("background")
        assert background, f"{game}/{room['id']}: no picture"
        doors = DOORS[background]
        taken: dict[int, str] = {}
        for exit_ in room.get("exits", []):
            where = f"{game}/{room['id']}/{exit_['id']}"
            assert all(k in exit_ for k in "xywh"), f"{where}: not placed on the picture"
            found = [i for i, door in enumerate(doors) if inside(exit_, door) and covers(exit_, door)]
            assert found, f"{where}: {[exit_[k] for k in 'xywh']} is on none of the doors {doors}"
            assert found[0] not in taken, f"{where}: shares its door with {taken[found[0]]}"
            taken[found[0]] = exit_["id"]


@pytest.mark.parametrize("game", ["escape_fake_news", "stereotypes"])
def test_no_object_zone_lies_on_a_door(game):
    """A door is an exit: an object's zone never covers half of one."""
    for room in rooms(game):
        for obj in room.get("objects", []):
            if "x" not in obj:
                continue
            for door in DOORS[room["background"]]:
                dx, dy, dw, dh = as_percent(door)
                ox = max(0.0, min(obj["x"] + obj["w"], dx + dw) - max(obj["x"], dx))
                oy = max(0.0, min(obj["y"] + obj["h"], dy + dh) - max(obj["y"], dy))
                assert ox * oy < 0.5 * dw * dh, f"{game}/{room['id']}/{obj['id']} covers a door"


def test_every_decor_draws_a_door():
    """Any game may use any decor: each one has a door recorded here (and the list is
    the art library's whole list of decors)."""
    names = {f"art:{p.stem}" for p in DECORS.glob("*.svg")}
    assert names == {name for name in DOORS if name.startswith("art:")}


def test_the_decors_are_what_their_generator_draws():
    """The generator and the pictures stay in step: each recorded door's frame is a
    rectangle of the decor's SVG (the generator's ``door()`` draws it first)."""
    for name, doors in DOORS.items():
        if not name.startswith("art:") or name in ("art:couloir", "art:exterieur"):
            continue
        svg = (DECORS / f"{name[4:]}.svg").read_text(encoding="utf-8")
        for x, y, w, h in doors:
            assert f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6"' in svg, (name, (x, y, w, h))


# Small objects a pupil must find on a drawn picture, recorded like the doors in the
# picture's pixels (x, y, w, h) with the colour of their body: the zone that names them
# must lie on them (play-through h9: « Le lecteur de badge » seemed to name something else).
DRAWN_OBJECTS: dict[tuple[str, str], tuple[tuple[int, int, int, int], str]] = {
    ("stereotypes", "t_lecteur"): ((1290, 410, 50, 80), "#55606c"),  # images/techno.svg
}


@pytest.mark.parametrize("game, object_id", DRAWN_OBJECTS, ids=lambda v: str(v))
def test_a_small_object_zone_sits_on_its_drawn_object(game, object_id):
    """The zone covers the object as drawn: checked on the picture's pixels (the object's
    body colour, found around the zone, fills the recorded rectangle) and on the zone's
    numbers (the recorded rectangle, ± 1 % of the picture)."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    (x, y, w, h), colour = DRAWN_OBJECTS[(game, object_id)]
    room, obj = next((r, o) for r in rooms(game) for o in r.get("objects", []) if o["id"] == object_id)
    picture = pygame.image.load(str(GAMES / game / room["background"]))
    assert picture.get_size() == (W, H)
    around = pygame.Rect(x, y, w, h).inflate(W // 25, H // 25).clip(picture.get_rect())
    ink = pygame.Color(colour)
    found = [(px, py) for px in range(around.left, around.right) for py in range(around.top, around.bottom)
             if picture.get_at((px, py))[:3] == ink[:3]]
    xs, ys = [p[0] for p in found], [p[1] for p in found]
    drawn = pygame.Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)
    assert abs(drawn.x - x) <= 2 and abs(drawn.y - y) <= 2 and abs(drawn.w - w) <= 4 and abs(drawn.h - h) <= 4, drawn
    assert inside(obj, (x, y, w, h)) and covers(obj, (x, y, w, h)), (obj, as_percent((x, y, w, h)))
