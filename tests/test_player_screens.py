"""The key screens at 1366×768 and 1920×1080, default, high contrast and 200 % text:
no widget overlaps another or leaves the window, every label fits its button, and the
picture matches the stored reference within a tolerance.

On a mismatch the test writes ``NAME.new.png`` and ``NAME.diff.png`` next to the
reference. After a reviewed change of look, regenerate the references with
``SESAME_UPDATE_SCREENSHOTS=1 python3 dev.py test tests/test_player_screens.py``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.core import commands as cmd  # noqa: E402
from engine.paths import assets  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.player.scenes.panels import DocumentPanel  # noqa: E402
from engine.player.scenes.settings import SettingsScene  # noqa: E402
from engine.player.widgets import Area, Button  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

from .conftest import FIXTURES, GAMES  # noqa: E402

REFERENCES = Path(__file__).parent / "screenshots"
CONFIGS = {
    "1366_default": ((1366, 768), {}),
    "1920_default": ((1920, 1080), {}),
    "1366_contrast": ((1366, 768), {"contrast": "high"}),
    "1366_text200": ((1366, 768), {"text_scale": 2.0}),
}
# Rendering is deterministic on one system (same fonts, same SDL): a pixel "differs" when
# a channel moves by more than CHANNEL_TOLERANCE, and at most MAX_DIFFERING pixels may.
# Tight enough that a changed letter or a colour shifted by 16 fails (tested below).
CHANNEL_TOLERANCE = 8
MAX_DIFFERING = 12


def open_game(app: App, pilot: Pilot, folder: Path) -> None:
    app.push(IntroScene(app, str(folder)))
    pilot.click("start")
    pilot.dismiss()


def quiz_question(number: int) -> Callable[[App, Pilot], None]:
    def go(app: App, pilot: Pilot) -> None:
        open_game(app, pilot, FIXTURES / "mini_quiz")
        commands = [c for _l, c in read_walkthrough(FIXTURES / "mini_quiz" / "walkthrough.yaml").commands if c]
        for command in commands[: (number - 1) * 2]:
            pilot.perform(command)
    return go


def escape_room(app: App, pilot: Pilot) -> None:
    open_game(app, pilot, GAMES / "escape_fake_news")


def escape_spot(app: App, pilot: Pilot) -> None:
    escape_room(app, pilot)
    pilot.perform(cmd.Inspect(0, "fiche_profil"))
    pilot.puzzle_panel("p_profil")


def document(doc_id: str) -> Callable[[App, Pilot], None]:
    def go(app: App, pilot: Pilot) -> None:
        escape_room(app, pilot)
        scene = app.scene
        scene.open(DocumentPanel(scene, doc_id), front=True)
        scene.relayout()
        app.step([])
    return go


def answered(app: App, pilot: Pilot) -> None:
    quiz_question(5)(app, pilot)
    pilot.perform(cmd.Answer(0, "q5", 41))


def debrief(app: App, pilot: Pilot) -> None:
    open_game(app, pilot, FIXTURES / "mini_quiz")
    for _line, command in read_walkthrough(FIXTURES / "mini_quiz" / "walkthrough.yaml").commands:
        if command is not None:
            pilot.perform(command)


SCREENS: dict[str, Callable[[App, Pilot], None]] = {
    "home": lambda app, pilot: None,
    "settings": lambda app, pilot: app.push(SettingsScene(app)),
    "intro": lambda app, pilot: app.push(IntroScene(app, str(GAMES / "escape_fake_news"))),
    "room": escape_room,
    "single": quiz_question(1),
    "multiple": quiz_question(2),
    "truefalse": quiz_question(3),
    "text": quiz_question(4),
    "number": quiz_question(5),
    "verdict": answered,
    "directions": quiz_question(6),
    "order": quiz_question(7),
    "match": quiz_question(8),
    "categories": quiz_question(9),
    "hotspot": quiz_question(10),
    "spot": escape_spot,
    "post": document("post_alerte"),
    "chart": document("graphique_viral"),
    "photo": document("photo_virale"),
    "thread": document("thread_redaction"),
    "article": document("article_satire"),
    "debrief": debrief,
    "teacher": lambda app, pilot: (pilot.click("settings"), pilot.click("teacher")),
    "folder": lambda app, pilot: (pilot.click("settings"), pilot.click("teacher"), pilot.click("choose")),
}
REFERENCED = ("home", "room", "single", "match", "verdict", "spot", "chart", "debrief", "settings")


def shown(config: str, screen: str) -> App:
    size, prefs = CONFIGS[config]
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **prefs}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    SCREENS[screen](app, pilot)
    app.dirty = True
    app.step([])
    return app


def visible_widgets(app: App) -> list:
    return [w for w in app.scene.visible_widgets() if w.rect.width and w.rect.height]


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("screen", SCREENS)
def test_layout_fits(config: str, screen: str) -> None:
    assert_fits(shown(config, screen))


def assert_fits(app: App) -> None:
    window = pygame.Rect((0, 0), app.size)
    widgets = visible_widgets(app)
    for widget in widgets:
        assert window.contains(widget.rect), f"{widget.id} leaves the window: {widget.rect}"
        if isinstance(widget, Button) and widget.label:
            assert widget.needed_height(app.ui, widget.rect.width) <= widget.rect.height + 2, \
                f"the label of {widget.id} does not fit: « {widget.label} »"
    solid = [w for w in widgets if not isinstance(w, Area)]
    for index, first in enumerate(solid):
        for second in solid[index + 1:]:
            assert not first.rect.colliderect(second.rect), f"{first.id} overlaps {second.id}"


@pytest.mark.parametrize("config", CONFIGS)
def test_folder_picker_with_many_drives(config: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PC with many drives (Windows offers each of D: to Z: that exists; Wine has
    several): the places scroll, the typed path and the buttons stay in view, apart."""
    from engine.player.scenes import folder

    places = [(f"Lecteur {letter}:", Path(f"{letter}:/")) for letter in "DEFGHIJKLMZ"]
    places.append(("Documents", Path.home() / "Documents"))
    monkeypatch.setattr(folder, "candidate_folders", lambda progress=None: places)
    app = shown(config, "folder")
    scene = app.scene
    assert_fits(app)
    visible = {widget.id for widget in visible_widgets(app)}
    assert {"path", "use-path", "back", "folder:0"} <= visible
    last = scene.widget(f"folder:{len(places) - 1}")
    scene.scroll_to(last)  # as the keyboard focus does
    assert scene.shown(scene.widget(last.id))
    assert_fits(app)


def compare(surface: pygame.Surface, name: str, folder: Path = REFERENCES) -> None:
    reference = folder / f"{name}.png"
    if os.environ.get("SESAME_UPDATE_SCREENSHOTS") or not reference.exists():
        folder.mkdir(exist_ok=True)
        pygame.image.save(surface, str(reference))
        if not os.environ.get("SESAME_UPDATE_SCREENSHOTS"):
            pytest.fail(f"no reference for {name}: written, look at it and commit it")
        return
    expected = pygame.surfarray.array3d(pygame.image.load(str(reference))).astype(np.int16)
    actual = pygame.surfarray.array3d(surface).astype(np.int16)
    if expected.shape != actual.shape:
        pygame.image.save(surface, str(folder / f"{name}.new.png"))
        pytest.fail(f"{name}: size {actual.shape[:2]} instead of {expected.shape[:2]}")
    differs = (np.abs(expected - actual).max(axis=2) > CHANNEL_TOLERANCE)
    count = int(differs.sum())
    if count > MAX_DIFFERING:
        pygame.image.save(surface, str(folder / f"{name}.new.png"))
        diff = np.zeros_like(actual)
        diff[differs] = (255, 0, 64)
        pygame.image.save(pygame.surfarray.make_surface(diff.astype(np.uint8)), str(folder / f"{name}.diff.png"))
        pytest.fail(f"{name}: {count} pixels differ (at most {MAX_DIFFERING})")


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("screen", REFERENCED)
def test_looks_like_the_reference(config: str, screen: str) -> None:
    app = shown(config, screen)
    compare(app.surface, f"{screen}_{config}")


def test_the_comparison_notices_a_changed_letter_and_a_shifted_colour(tmp_path: Path) -> None:
    """The snapshot test must be able to fail: one letter of a label, or one widget's
    colour moved by 16, is a different picture."""
    app = shown("1366_default", "home")
    button = next(w for w in visible_widgets(app) if isinstance(w, Button) and w.label)
    font = pygame.font.Font(str(assets() / "fonts" / "dejavu" / "DejaVuSans.ttf"), 18)

    def with_word(word: str) -> pygame.Surface:
        surface = app.surface.copy()
        surface.fill((255, 255, 255), pygame.Rect(40, 40, 240, 40))
        surface.blit(font.render(word, True, (20, 20, 20)), (44, 44))
        return surface

    pygame.image.save(with_word("Commencer"), str(tmp_path / "word.png"))
    with pytest.raises(pytest.fail.Exception):
        compare(with_word("Commencez"), "word", tmp_path)
    compare(with_word("Commencer"), "word", tmp_path)  # the same picture passes
    shifted = with_word("Commencer")
    pixels = pygame.surfarray.pixels3d(shifted)
    area = button.rect
    pixels[area.left:area.right, area.top:area.bottom] = np.clip(
        pixels[area.left:area.right, area.top:area.bottom].astype(np.int16) + 16, 0, 255).astype(np.uint8)
    del pixels
    with pytest.raises(pytest.fail.Exception):
        compare(shifted, "word", tmp_path)


@pytest.mark.parametrize("size", [(1280, 720), (3840, 2160)])
@pytest.mark.parametrize("screen", ["home", "room", "categories", "chart", "debrief"])
def test_resized_window_keeps_the_layout(size, screen) -> None:
    """A real resize event (the window dragged, or a 4K screen): everything is laid
    out again for the new size and still fits."""
    app = shown("1366_default", screen)
    app.step([pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)])
    assert app.size == size
    window = pygame.Rect((0, 0), size)
    widgets = visible_widgets(app)
    assert widgets
    for widget in widgets:
        assert window.contains(widget.rect), f"{widget.id} leaves the window at {size}"
        if isinstance(widget, Button) and widget.label:
            assert widget.needed_height(app.ui, widget.rect.width) <= widget.rect.height + 2
    solid = [w for w in widgets if not isinstance(w, Area)]
    for index, first in enumerate(solid):
        for second in solid[index + 1:]:
            assert not first.rect.colliderect(second.rect), f"{first.id} overlaps {second.id}"
