"""The keys each answer takes (issue 15), pressed as real key events headless: a digit
chooses option N or sends the chosen element to answer N, Alt+↑ and a typed rank move
a line, the keyboard's arrows add arrows to a path, Enter on a complete answer
validates, and each of these keys is written on screen (key caps, the line under the
answer). Then the count that was the goal: every bundled game finished by keyboard in
at most 1.5 times a mouse player's clicks."""

from __future__ import annotations

import os
import shutil

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.player.scenes.panels import PuzzlePanel  # noqa: E402
from engine.player.scenes.play import PlayScene  # noqa: E402
from engine.player.scenes.podium import ordinal, podium_places  # noqa: E402

from .conftest import FIXTURES  # noqa: E402

DIGIT = {n: pygame.K_1 + n - 1 for n in range(1, 10)}


def start(prefs: dict | None = None, size=(1366, 768)) -> tuple[App, Pilot]:
    app = App(size, prefs=Preferences({"sound": False, "reduced_motion": True, **(prefs or {})}))
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(FIXTURES / "mini_quiz")))
    app.seed = 3
    pilot = Pilot(app, mode="keyboard")
    pilot.press(pygame.K_RETURN)  # « Commencer » has the focus, and says « Entrée »
    assert isinstance(app.scene, PlayScene)
    return app, pilot


def panel(app: App) -> PuzzlePanel:
    assert isinstance(app.scene.panel, PuzzlePanel)
    return app.scene.panel


def focused(app: App) -> str | None:
    return app.scene.focus.id if app.scene.focus is not None else None


def next_question(app: App, pilot: Pilot) -> None:
    assert panel(app).resolved and focused(app) == "continue", "after the verdict, « Continuer »"
    pilot.press(pygame.K_RETURN)


def test_every_answer_by_its_keys_with_the_keys_written_on_screen():
    app, pilot = start()
    # q1, single: the options wear key caps 1 and 2; a digit chooses, Enter validates.
    p = panel(app)
    assert [w.key for w in p.fields] == ["1", "2"]
    assert "1 ou 2" in p.input.keys_hint() and "Entrée" in p.input.keys_hint()
    right = p.input.shown_ids.index("a") + 1
    pilot.press(DIGIT[right])
    assert p.input.chosen == ["a"] and focused(app) == "option:a"
    pilot.press(pygame.K_RETURN)
    assert p.verdict.correct
    next_question(app, pilot)
    # q2, multiple: digits tick and untick.
    p = panel(app)
    ids = p.input.shown_ids
    for option in ("a", "c", "c", "b"):
        pilot.press(DIGIT[ids.index(option) + 1])
    assert sorted(p.input.chosen) == ["a", "b"]
    pilot.press(pygame.K_RETURN)
    assert p.verdict.correct
    next_question(app, pilot)
    # q3, true or false: 2 is the second button (« Infox »).
    pilot.press(DIGIT[2])
    assert panel(app).input.chosen is False
    pilot.press(pygame.K_RETURN)
    assert panel(app).verdict.correct
    next_question(app, pilot)
    # q4, q5: typed, Enter in the field.
    pilot.type("Toulouse")
    pilot.press(pygame.K_RETURN)
    next_question(app, pilot)
    pilot.type("30")
    pilot.press(pygame.K_RETURN)
    next_question(app, pilot)
    # q6, directions: the pad has the focus; the keyboard's arrows add, Backspace takes off.
    p = panel(app)
    assert focused(app) == "arrow:up" and "Retour arrière" in p.input.keys_hint()
    for key in (pygame.K_UP, pygame.K_DOWN, pygame.K_BACKSPACE, pygame.K_UP, pygame.K_LEFT):
        pilot.press(key)
    assert p.input.sequence == ["up", "up", "left"]
    assert focused(app) == "arrow:up", "the arrows added arrows, they did not move the focus"
    pilot.press(pygame.K_RETURN)
    assert p.verdict.correct
    next_question(app, pilot)
    # q7, order: the first line has the focus; Alt+↓ moves it, a digit sends a line to its rank.
    p = panel(app)
    first = p.input.current[0]
    assert focused(app) == f"item:{first}"
    pilot.press(pygame.K_DOWN, pygame.KMOD_ALT)
    assert p.input.current[1] == first and focused(app) == f"item:{first}", "the focus follows the line"
    for rank, item in enumerate(["a", "b", "c"], start=1):
        pilot.focus(f"item:{item}")
        pilot.press(DIGIT[rank])
    assert p.input.current == ["a", "b", "c"]
    pilot.press(pygame.K_RETURN)
    assert p.verdict.correct
    next_question(app, pilot)
    # q8, match: the first element is chosen from the start; its answer's number sends it.
    for ask in ("match", "categories"):
        p = panel(app)
        source = p.input
        assert source.selected == source.left[0][0] and focused(app) == f"left:{source.selected}"
        assert [w.key for w in p.fields if w.id.startswith("right:")] == ["1", "2"]
        solution = ({"a": "a", "b": "b"} if ask == "match" else {"i1": "x", "i2": "y"})
        numbers = {target: n for n, (target, _text) in enumerate(source.right, start=1)}
        while source.selected is not None:
            chosen = source.selected
            pilot.press(DIGIT[numbers[solution[chosen]]])
            assert source.links[chosen] == solution[chosen]
        assert source.value() == solution
        pilot.press(pygame.K_RETURN)
        assert p.verdict.correct, ask
        next_question(app, pilot)
    # q10, hotspot: Enter shows the cross in the middle, arrows move it by 5 %, with Maj by 1 %.
    p = panel(app)
    pilot.focus("picture")
    pilot.press(pygame.K_RETURN)
    assert p.input.point == (50.0, 50.0)
    pilot.press(pygame.K_LEFT)
    pilot.press(pygame.K_UP, pygame.KMOD_SHIFT)
    assert p.input.point == (45.0, 49.0)
    for _ in range(6):
        pilot.press(pygame.K_LEFT)
        pilot.press(pygame.K_UP)
    assert p.input.point == (15.0, 19.0)
    pilot.press(pygame.K_RETURN)
    assert p.verdict.correct


def test_a_digit_beyond_the_answers_changes_nothing_and_enter_waits_for_a_complete_answer():
    app, pilot = start()
    p = panel(app)
    pilot.press(DIGIT[7])
    assert p.input.chosen == []
    pilot.focus("option:a")
    pilot.press(pygame.K_RETURN)  # not complete: Enter chooses the option under the focus
    assert p.input.chosen == ["a"] and p.verdict is None
    pilot.press(pygame.K_RETURN)  # complete, on the chosen option: validates
    assert p.verdict is not None


def test_the_line_of_keys_is_drawn_under_the_answer():
    app, _pilot = start()
    p = panel(app)
    app.step([])
    bottom = max(w.rect.bottom for w in p.fields)
    surface = app.screen if hasattr(app, "screen") else pygame.display.get_surface()
    band = surface.subsurface(pygame.Rect(p.input.rect.x, bottom + 2, p.input.rect.width // 2,
                                          app.ui.metrics.small + app.ui.metrics.unit))
    colours = {tuple(band.get_at((x, y)))[:3] for x in range(0, band.get_width(), 3)
               for y in range(band.get_height())}
    assert len(colours) > 2, "the hint's words are drawn under the options"


def test_categories_stay_in_view_beside_the_chosen_element_at_large_text(tmp_path):
    # Twelve elements to sort at 200 % text in a 1024 × 600 window: the list scrolls.
    folder = tmp_path / "mini_quiz"
    shutil.copytree(FIXTURES / "mini_quiz", folder)
    game = folder / "game.yaml"
    lines = game.read_text(encoding="utf-8").splitlines()
    items = ", ".join(f"{{id: i{n}, text: Élément numéro {n}, category: {'xy'[n % 2]}}}" for n in range(12))
    sort = next(line for line in lines if "id: q9" in line)
    sort = sort[:sort.index("items:")] + f"items: [{items}]}}"
    lines = [line for line in lines if "  - {id: q" not in line]
    lines.insert(lines.index("puzzles:") + 1, sort)
    game.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "walkthrough.yaml").unlink()
    app = App((1024, 600), prefs=Preferences({"sound": False, "reduced_motion": True, "text_scale": 2.0}))
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(folder)))
    pilot = Pilot(app, mode="keyboard")
    pilot.press(pygame.K_RETURN)
    p = panel(app)
    assert p.puzzle.type == "categories" and p.max_scroll() > 0, "the list is taller than the panel"
    scene = app.scene
    source = p.input
    numbers = {target: n for n, (target, _text) in enumerate(source.right, start=1)}
    placed = 0
    while source.selected is not None:  # each element in turn, the focus following it
        chosen = source.selected
        if placed:  # from the second on, scrolled to: the element and the categories in view
            assert scene.shown(scene.widget(f"left:{chosen}")), f"« {chosen} » is in view"
            assert focused(app) == f"left:{chosen}"
            for widget in scene.widgets:
                if widget.id.startswith("right:"):
                    assert scene.shown(widget), f"{widget.id} is in view beside « {chosen} »"
        pilot.press(DIGIT[numbers["xy"[int(chosen[1:]) % 2]]])
        placed += 1
    pilot.press(pygame.K_RETURN)
    assert p.verdict.correct


def test_the_podium_writes_ranks_as_french_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 11)] == ["1er", "2e", "3e", "11e"]
    assert podium_places({"A": 5, "B": 7, "C": 5}) == [
        (1, "1er : B, 7 points"), (2, "2e ex aequo : A, 5 points"), (2, "2e ex aequo : C, 5 points")]


@pytest.mark.parametrize("size", [(1366, 768), (1024, 600)])
def test_who_plays_is_above_the_fold_at_200_percent_text(size):
    app = App(size, prefs=Preferences({"sound": False, "text_scale": 2.0, "font": "dyslexic"}))
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(FIXTURES / "mini_escape")))
    scene = app.scene
    app.step([])
    field = scene.widget("field:who")
    assert field is not None and scene.shown(field), "the pseudonym field is seen without scrolling"


def test_enter_in_the_pseudonym_starts_as_the_key_cap_says():
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    app.push(IntroScene(app, str(FIXTURES / "mini_quiz")))
    pilot = Pilot(app, mode="keyboard")
    assert app.scene.widget("start").key == "Entrée"
    pilot.focus("field:who")
    pilot.type("Lou")
    pilot.press(pygame.K_RETURN)
    assert isinstance(app.scene, PlayScene) and app.scene.session.player == "Lou"


def test_every_bundled_game_by_keyboard_within_one_and_a_half_times_the_clicks():
    from bench.key_presses import GAMES, finish

    for game in sorted(p.name for p in GAMES.iterdir() if (p / "walkthrough.yaml").exists()):
        mouse, keyboard = finish(game, "mouse"), finish(game, "keyboard")
        clicks, keys = mouse.clicks + mouse.presses, keyboard.presses + keyboard.clicks
        assert keyboard.clicks == 0, "no click by keyboard"
        assert keys <= 1.5 * clicks, f"{game}: {keys} key presses for {clicks} clicks"


def test_a_digit_is_read_from_the_number_row_the_keypad_or_the_character_typed():
    from engine.player.answers import digit

    def key(code, mod=0, text=""):
        return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=text, scancode=0)

    assert digit(key(pygame.K_3)) == 3 and digit(key(pygame.K_KP7)) == 7
    assert digit(key(pygame.K_AMPERSAND, pygame.KMOD_SHIFT, "1")) == 1  # AZERTY, Maj+&
    assert digit(key(pygame.K_3, pygame.KMOD_CTRL)) is None and digit(key(pygame.K_a, 0, "a")) is None
