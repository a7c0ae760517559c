"""Pictures in puzzles (pictures.answer_size): as large as the panel allows, never
smaller with larger text; the padlock never over « Ou tape le code : »."""

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

LARGE = {"text_scale": 2.0, "font": "dyslexic", "contrast": "high"}


def at(game: str, puzzle: str, size=(1366, 768), **prefs):
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **prefs}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(GAMES / game)))
    pilot.click("start")
    pilot.dismiss()
    for _line, command in read_walkthrough(GAMES / game / "walkthrough.yaml").commands:
        if command is None:
            continue
        if isinstance(command, cmd.Answer) and command.puzzle == puzzle:
            return app, pilot.puzzle_panel(puzzle)
        pilot.perform(command)
        if isinstance(command, (cmd.Go, cmd.Answer)):
            pilot.dismiss()
    raise AssertionError(f"{puzzle} never opened")


def hotspot_size(**prefs) -> tuple[int, int]:
    _app, panel = at("alimentation", "q_etiquette_premier", **prefs)
    return panel.input.area.rect.size


def track_size(**prefs) -> tuple[int, int]:
    _app, panel = at("stereotypes", "p_robot", **prefs)
    shown = [s.get_size() for s, _pos in panel.blocks if abs(s.get_width() / max(1, s.get_height()) - 1.6) < 0.02]
    assert len(shown) == 1, shown
    return shown[0]


def test_a_hotspot_picture_is_large_and_never_shrinks_with_the_text():
    normal, large = hotspot_size(), hotspot_size(**LARGE)
    assert normal[0] >= 580 and normal[1] >= 410  # 900 × 640 label: was 518 × 368
    assert large[0] >= normal[0] and large[1] >= normal[1]  # was 450 × 320 at 200 %
    assert abs(normal[0] / normal[1] - 900 / 640) < 0.01


def test_the_robot_track_is_large_enough_to_count_its_cells():
    normal, large = track_size(), track_size(**LARGE)
    assert normal[0] >= 420  # 800 × 500 track, beside the lock: was 256 × 160
    assert large[0] >= normal[0] and large[1] >= normal[1]


@pytest.mark.parametrize("prefs", [{"text_scale": 2.0}, LARGE])
def test_the_padlock_stays_above_its_typing_line(prefs):
    app, panel = at("stereotypes", "p_code_cdi", **prefs)
    lock, m = panel.input, app.ui.metrics
    label = app.ui.text.render("Ou tape le code :", m.small, (0, 0, 0))
    if lock.field.rect.x > lock.body.x:  # compact (200 % text): on the field's line, before it
        line = label.get_rect(midleft=(lock.body.x, lock.field.rect.centery))
        assert line.right < lock.field.rect.x
    else:
        line = pygame.Rect(lock.field.rect.x, lock.field.rect.y - label.get_height() - m.unit // 2,
                           label.get_width(), label.get_height())
    assert lock.wheels and not lock.region().colliderect(line)


def test_scrolling_a_puzzle_never_resizes_its_picture_or_moves_its_answer_out_of_reach():
    """The room a picture takes is measured unscrolled: scrolling to the bottom shows the
    last answer widget (the robot's arrow pad at 200 % text), it does not grow the picture."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from engine.replay import read_walkthrough

    from .conftest import GAMES
    from .test_placed_rooms import started

    app, pilot = started("1366_text200", GAMES / "stereotypes")
    for _line, command in read_walkthrough(GAMES / "stereotypes" / "walkthrough.yaml").commands:
        if command is None:
            continue
        if getattr(command, "puzzle", None) == "p_robot":
            break
        pilot.perform(command)
    scene = app.scene
    before = scene.panel.content_height
    scene.scroll_by(100_000)
    assert scene.panel.content_height == before
    assert all(scene.shown(w) for w in scene.widgets if w.id.startswith("arrow:"))


LAPTOP = (1366, 697)  # a 1366×768 screen less a title bar (31 px) and a taskbar (40 px)


@pytest.mark.parametrize("prefs", [{}, {"text_scale": 2.0}, LARGE])
@pytest.mark.parametrize("puzzle", ["p_code_labo", "p_code_stop"])
def test_the_padlock_and_its_field_are_in_view_beside_the_prompt(prefs, puzzle):
    """On a laptop's window the padlock's wheels and its field are in view with the
    prompt's beginning, unscrolled: at 200 % text the lock is compact (smaller wheels,
    « Ou tape le code : » on the field's line); at 100 % it is as it was."""
    app, panel = at("escape_fake_news", puzzle, size=LAPTOP, **prefs)
    scene, lock = app.scene, panel.input
    assert panel.scroll == 0 and lock.wheels
    assert lock.compact == (prefs != {})
    view = scene.viewport
    for widget in panel.fields:
        assert scene.shown(widget), widget.id
    assert view.contains(lock.region().clip(view)) and lock.region().top >= view.top - 2
    assert view.contains(lock.field.rect)
    assert panel.blocks[0][1][1] >= view.top  # the prompt's beginning, in view
    buttons = [w for w in panel.fields if w.id.startswith("wheel:")]
    assert min(min(w.rect.size) for w in buttons) >= 44  # a finger's target


def test_a_compact_padlock_is_used_by_real_clicks_and_typing():
    app, panel = at("escape_fake_news", "p_code_labo", size=LAPTOP, text_scale=2.0)
    pilot = Pilot(app)
    for index, digit in enumerate("2504"):
        for _ in range(int(digit)):
            pilot.click(f"wheel:{index}:up")
    assert panel.input.field.value == "2504"
    pilot.click("submit")
    assert panel.resolved and panel.input.opened


@pytest.mark.parametrize("prefs", [{"text_scale": 2.0}, LARGE])
def test_at_200_percent_the_arrow_pad_is_beside_the_robot_track(prefs):
    """Too narrow for the lock beside the text, the prompt goes across, then the track
    and the arrow lock side by side (the pad was under the track, 1 227 px of content):
    the track whole in the panel's view, the pad level with it, used by real clicks."""
    app, panel = at("stereotypes", "p_robot", size=LAPTOP, **prefs)
    lock = panel.input
    assert lock.narrow
    [(track, where)] = [(s, pos) for s, pos in panel.blocks if abs(s.get_width() / max(1, s.get_height()) - 1.6) < 0.02]
    picture = track.get_rect(topleft=where)
    assert picture.width >= 600 and picture.height <= panel.content.height - app.ui.metrics.unit * 6
    arrows = [w for w in panel.fields if w.id.startswith("arrow:") or w.id == "erase"]
    assert len(arrows) == 5
    for widget in arrows:  # at the track's right, beginning level with it
        assert widget.rect.left > picture.right
    assert lock.body.top < picture.bottom and lock.body.right <= panel.content.right
    pilot = Pilot(app)
    for direction in ["right", "right", "up", "up", "right", "right", "up", "right"]:
        pilot.click(f"arrow:{direction}")  # scrolls to it first, as a finger would
    assert lock.sequence[-1] == "right" and len(lock.sequence) == 8
    pilot.click("submit")
    assert panel.resolved


def test_at_100_percent_the_robot_track_layout_is_unchanged():
    _app, panel = at("stereotypes", "p_robot", size=LAPTOP)
    assert not panel.input.narrow  # beside the text: the pad whole in view at the top


@pytest.mark.parametrize("prefs", [{}, {"text_scale": 2.0}, LARGE])
def test_the_digicode_is_level_with_the_prompt_and_usable(prefs):
    """The archives' digicode (eight digits) has no shackle to leave room for: its
    display, where the code is typed, level with the prompt's heading and in view; its
    keys, below the fold at 200 % text, reached by scrolling to them."""
    app, panel = at("escape_fake_news", "p_code_archives", size=LAPTOP, **prefs)
    lock = panel.input
    assert panel.scroll == 0 and app.scene.shown(lock.field)
    assert lock.body.top == panel.blocks[0][1][1]  # level with the heading
    pilot = Pilot(app)
    for digit in "14062019":
        pilot.click(f"key:{digit}")
    assert lock.field.value == "14062019"
    pilot.click("submit")
    assert panel.resolved
