"""« Utiliser sur… » agrees with what the game says (play-through h9, shots 65 and 83).

The archives' reading table said « il te faut l’interview d’origine : elle est rangée
dans l’armoire des archives » (its ``requires: has(dossier_2022)`` and locked text); a
pupil who then used the dossier on the table was told « Cet objet ne sert à rien ici ».
A place whose ``requires`` asks for an item (``has(item)``) is where the game sends that
item: using the item there now does what a click does. Checked on every bundled escape
game, along its walkthrough, and through the interface with real events."""

from __future__ import annotations

import os
import re

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.content.loader import load_game  # noqa: E402
from engine.core import commands as cmd  # noqa: E402
from engine.core.expr import asked_items  # noqa: E402
from engine.core.model import Game, Text  # noqa: E402
from engine.core.rules import Rules  # noqa: E402
from engine.player.scenes.panels import PuzzlePanel  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

from .conftest import GAMES  # noqa: E402
from .test_room_tags import played, started  # noqa: E402

ESCAPES = sorted(p for p in GAMES.iterdir() if (p / "walkthrough.yaml").exists()
                 and load_game(p).game.genre == "escape")


def asked(game: Game) -> set[tuple[str, str]]:
    """(item, place) for every object and door whose ``requires`` asks for the item."""
    places = [*game.objects.values(), *game.exits.values()]
    return {(item, place.id) for place in places for item in asked_items(place.requires)}


def usable(game: Game) -> set[tuple[str, str]]:
    """(item, object) for every object that accepts the item (« accepts: »)."""
    return {(a.item, obj.id) for obj in game.objects.values() for a in obj.accepts}


@pytest.mark.parametrize("folder", ESCAPES, ids=lambda p: p.name)
def test_an_item_a_place_asks_for_can_be_used_there(folder):
    """Along the walkthrough, whenever an item is held in the room of an object that asks
    for it, « Utiliser sur » that object does what a click on it does (the same events):
    never « ne sert à rien ici ». Every such pair is met on the way. Doors are the
    interface's (using an item on a door takes it: the next test)."""
    game = load_game(folder).game
    walkthrough = read_walkthrough(folder / "walkthrough.yaml")
    rules = Rules(game, walkthrough.options)
    state, _events = rules.start()
    wanted = {(item, place) for item, place in asked(game) if place in game.objects}
    met: set[tuple[str, str]] = set()
    wrong = []
    for _where, command in walkthrough.commands:
        objects, _exits = rules.visible(state)
        for item, place in wanted:
            if item in state.inventory and any(o.id == place for o in objects) and (item, place) not in usable(game):
                _state, used = rules.apply(state, cmd.Use(state.t, item, place))
                _state, clicked = rules.apply(state, cmd.Inspect(state.t, place))
                met.add((item, place))
                if used != clicked:
                    wrong.append(f"{item} on {place}: {used} instead of {clicked}")
        if command is not None:
            state, _events = rules.apply(state, command)
    assert not wrong, "\n".join(wrong)
    assert met == {pair for pair in wanted if pair not in usable(game)}


def _texts(game: Game):
    """(text, the item or place it belongs to) for each text of the rooms that the
    player reads, the puzzles' prompts and hints too."""
    def effect_texts(effects, owner):
        return [(e.text, owner) for e in effects if e.text is not None]
    out: list[tuple[Text | None, str]] = []
    for item in game.items.values():
        out += [(item.name, f"item:{item.id}"), (item.description, f"item:{item.id}")]
    for obj in game.objects.values():
        out += [(obj.description, obj.id), (obj.locked_text, obj.id)] + effect_texts(obj.effects, obj.id)
        for accept in obj.accepts:
            out += [(accept.text, obj.id)] + effect_texts(accept.effects, obj.id)
    for exit_ in game.exits.values():
        out.append((exit_.locked_text, exit_.id))
    for room in game.rooms.values():
        out += [(room.description, room.id)] + effect_texts(room.on_enter, room.id)
    for trigger in game.triggers:
        out += effect_texts(trigger.effects, trigger.id)
    for puzzle in game.puzzles.values():
        out += [(puzzle.prompt, puzzle.id)] + [(hint.text, puzzle.id) for hint in puzzle.hints]
        out += effect_texts(puzzle.on_solve, puzzle.id)
    return [(t.get(game.locale), owner) for t, owner in out if t is not None]


def _name(label: str) -> str:
    """A place's label as a sentence names it: without its article, nor what a comma or
    a bracket adds (« La table lumineuse (la photo des ambulances) » → « table lumineuse »)."""
    label = re.split(r"[,(]", label)[0].strip().lower().replace("’", "'")
    return re.sub(r"^(le |la |les |l')", "", label)


@pytest.mark.parametrize("folder", ESCAPES, ids=lambda p: p.name)
def test_a_text_that_says_to_use_an_item_names_a_place_that_takes_it(folder):
    """A text that tells the player to « Utiliser » an item names where (a place's
    label) or belongs to that place; there, the item is accepted or asked for. An item's
    own description that says so must name a place that takes that very item."""
    game = load_game(folder).game
    takes = usable(game) | asked(game)
    places = {**{o.id: o.label for o in game.objects.values()}, **{e.id: e.label for e in game.exits.values()}}
    names = {pid: _name(label.get(game.locale)) for pid, label in places.items()}
    wrong = []
    for text, owner in _texts(game):
        if not re.search(r"\butilis", text, re.IGNORECASE):
            continue
        said = text.lower().replace("’", "'")
        named = {pid for pid, name in names.items() if name and name in said}
        if owner in places:
            named.add(owner)
        if owner.startswith("item:"):
            item = owner.removeprefix("item:")
            right = {pid for pid in named if (item, pid) in takes}
        else:
            right = {pid for pid in named if any(pid == place for _item, place in takes)}
        if not right:
            wrong.append(f"{owner}: « {text} » names {sorted(named) or 'no place'}, which take no item")
    assert not wrong, "\n".join(wrong)


def test_the_dossier_used_on_the_reading_table_opens_the_comparison():
    """The pupil's steps, with real clicks: the dossier in the inventaire, « Utiliser
    sur… », the reading table. The quote's puzzle opens, no « ne sert à rien »."""
    app, pilot = started("escape_fake_news", (1366, 768))
    scene = app.scene
    for _command in played(pilot, "escape_fake_news"):
        if "dossier_2022" in scene.session.state.inventory:
            break
    pilot.dismiss()
    assert scene.session.state.room == "archives"
    pilot.click("item:dossier_2022")
    pilot.click("use")
    pilot.click("object:table_lecture")
    assert isinstance(scene.panel, PuzzlePanel) and scene.panel.puzzle.id == "p_citation", scene.panels


def test_an_item_used_on_a_door_that_asks_for_it_goes_through():
    """Stereotypes' hall: the key of the techno room, « Utiliser sur… », its door: the
    room changes (a door asked for the key; using it there is taking the door)."""
    app, pilot = started("stereotypes", (1366, 768))
    scene = app.scene
    for _command in played(pilot, "stereotypes"):
        if "cle_techno" in scene.session.state.inventory and scene.session.state.room == "hall":
            break
    pilot.dismiss()
    pilot.click("item:cle_techno")
    pilot.click("use")
    pilot.click("exit:porte_techno")
    assert scene.session.state.room == "techno"


@pytest.mark.parametrize("size, prefs", [((1366, 697), {"text_scale": 2.0, "font": "dyslexic", "contrast": "high"}),
                                         ((1366, 768), {})])
def test_what_to_do_with_the_item_is_said_above_the_inventory_not_under_it(size, prefs):
    """« Choisis sur quoi utiliser : … » was drawn at the foot of the inventory's column,
    under its buttons once they reached it (200 % text: two items fill the column); it
    now stands under the heading, short (the item is the one ticked), the items below."""
    app, pilot = started("escape_fake_news", size, **prefs)
    scene = app.scene
    for _command in played(pilot, "escape_fake_news"):
        if "dossier_2022" in scene.session.state.inventory:
            break
    pilot.dismiss()
    pilot.click("item:dossier_2022")
    pilot.click("use")
    assert scene.using == "dossier_2022"
    app.step([])
    hint = scene._using_hint()
    assert hint is not None
    m = app.ui.metrics
    area = hint.get_rect(topleft=(scene.side.x + m.unit * 2, scene.side.y + m.body + m.unit * 3))
    items = [w.rect for w in scene.widgets if w.id.startswith("item:")]
    assert len(items) >= 2 and not any(area.colliderect(r) for r in items), (area, items)
    assert all(area.bottom < r.top for r in items)
    assert max(r.bottom for r in items) <= scene.side.bottom  # the item ticked stays in view
