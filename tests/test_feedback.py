"""Feedback (engine/player/feedback.py): a burst on a right answer and an opened door, a
fade between rooms, sounds for what happens; nothing moves with reduced motion, and
effects never take the input."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.core import commands as cmd  # noqa: E402
from engine.player import feedback, sound  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

from .conftest import GAMES  # noqa: E402

GAME = GAMES / "escape_fake_news"


def play(reduced: bool):
    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": reduced}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(GAME)))
    pilot.click("start")
    pilot.dismiss()
    return app, pilot


def run_until(app, pilot, kind):
    """Perform the walkthrough until an effect of ``kind`` starts; return it."""
    for _line, command in read_walkthrough(GAME / "walkthrough.yaml").commands:
        if command is None:
            continue
        app.effects.clear()
        pilot.perform(command)
        found = [e for e in app.effects if isinstance(e, kind)]
        if found:
            return found[0], command
        if isinstance(command, (cmd.Go, cmd.Answer)):
            pilot.dismiss()
    return None, None


@pytest.mark.parametrize("kind", [feedback.Confetti, feedback.Fade])
def test_effects_start_then_end_and_leave_the_screen_as_it_was(kind):
    app, pilot = play(reduced=False)
    effect, _command = run_until(app, pilot, kind)
    assert effect is not None
    ids = pilot.ids()
    assert app.step([], dt=0.05)  # it moves…
    assert pilot.ids() == ids  # …over the scene, which keeps its widgets and focus
    for _frame in range(40):
        app.step([], dt=0.05)
    assert not app.effects and not app.step([], dt=0.05)  # over, and nothing left moving


def test_a_right_answer_bursts_with_its_word():
    app, pilot = play(reduced=False)
    effect, command = run_until(app, pilot, feedback.Confetti)
    assert isinstance(command, cmd.Answer)
    assert effect.word in ("Bravo !", "C’est ouvert !")
    app.step([], dt=0.1)  # drawn
    colours = {tuple(app.surface.get_at((round(b.x), round(b.y))))[:3] for b in effect.bits
               if app.surface.get_rect().collidepoint(b.x, b.y)}
    assert colours & set(feedback.COLOURS)


def test_reduced_motion_starts_no_effect():
    app, pilot = play(reduced=True)
    for _line, command in read_walkthrough(GAME / "walkthrough.yaml").commands:
        if command is not None:
            pilot.perform(command)
            assert not app.effects
            if isinstance(command, (cmd.Go, cmd.Answer)):
                pilot.dismiss()


def test_sounds_cover_what_happens():
    for meaning in ("found", "solved", "wrong", "unlocked", "time_up"):
        samples = sound.synthesize(sound.TUNES[sound.MEANING[meaning]])
        assert samples.shape[1] == 2 and 0 < len(samples) < sound.RATE  # under a second
        assert abs(samples).max() < 0.35 * 32767  # mixed quietly


def test_sounds_are_off_unless_the_setting_is_on(monkeypatch):
    played = []
    monkeypatch.setattr(sound.Sounds, "play", lambda self, name, volume: played.append(name))
    app, pilot = play(reduced=True)
    run_until(app, pilot, feedback.Confetti)
    assert played == []
    app.prefs.set("sound", True)
    app, pilot = play(reduced=True)
    app.prefs.set("sound", True)
    for _line, command in read_walkthrough(GAME / "walkthrough.yaml").commands[:12]:
        if command is not None:
            pilot.perform(command)
            if isinstance(command, (cmd.Go, cmd.Answer)):
                pilot.dismiss()
    assert "right" in played


def test_story_messages_are_drawn_on_their_own_card():
    from engine.player.story import NIGHT, StoryPanel

    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True}), seed=1)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(GAMES / "stereotypes")))
    pilot.click("start")
    panel = app.scene.panel
    assert isinstance(panel, StoryPanel) and "Pic-Vert" in panel.text
    app.step([])
    inside = panel.rect.inflate(-40, -40)
    assert tuple(app.surface.get_at((inside.x + 4, inside.bottom - 4)))[:3] == NIGHT
    pilot.dismiss()  # read and closed as any message
    assert app.scene.panel is None
