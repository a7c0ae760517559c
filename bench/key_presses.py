"""Key presses to finish each bundled game by keyboard alone, against clicks by mouse
(issue 15), through the real interface and the pilot: the shortest of Tab, Maj+Tab and
the arrows to a widget then Enter, and the keys each answer shows on screen (digits,
Alt+arrows, Enter to validate…). Typed answers are counted apart (the same in both).

    .venv/bin/python bench/key_presses.py escape_fake_news metiers_industrie
    .venv/bin/python bench/key_presses.py --detail stereotypes   # where the presses go
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SESAME_HOME", tempfile.mkdtemp(prefix="sesame-keys-"))

from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.debrief import DebriefScene  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

GAMES = Path(__file__).resolve().parent.parent / "games"


class CountingPilot(Pilot):
    """The pilot, counting what a person does: keys, clicks, letters typed."""

    def __init__(self, app: App, mode: str) -> None:
        self.presses = self.clicks = self.typed = 0
        self.step = "start"  # what the presses and clicks are counted for (``--detail``)
        self.by_step: Counter[str] = Counter()
        self.steps: Counter[str] = Counter()
        super().__init__(app, mode)

    def press(self, key: int, mod: int = 0, unicode: str = "") -> None:
        self.presses += 1
        self.by_step[self.step] += 1
        super().press(key, mod, unicode)

    def click_at(self, pos: tuple[int, int]) -> None:
        self.clicks += 1
        self.by_step[self.step] += 1
        super().click_at(pos)

    def perform(self, command) -> None:
        """Counted by what it is: an answer by its puzzle's type, a room's action by
        its command (opening a puzzle, going through a door…)."""
        from engine.core.commands import Answer

        step = type(command).__name__
        if isinstance(command, Answer):
            game = next(s.game for s in reversed(self.app.scenes) if hasattr(s, "game"))  # under a hand-over too
            step += ":" + game.puzzles[command.puzzle].type
        self.step = step
        self.steps[step] += 1
        super().perform(command)
        self.step = "between"  # hand-overs, messages, dismissing

    def type(self, text: str) -> None:
        self.typed += len(text)
        super().type(text)


def finish(game: str, mode: str) -> CountingPilot:
    """Home → the game → its walkthrough → the debrief, by ``mode``."""
    walkthrough = read_walkthrough(GAMES / game / "walkthrough.yaml")
    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True}),
              seed=walkthrough.options.seed)
    app.push(HomeScene(app))
    pilot = CountingPilot(app, mode)
    pilot.click(f"game:{game}")
    if walkthrough.options.teams:
        pilot.click(f"teams:{len(walkthrough.options.teams)}")
    pilot.click("start")
    for _line, command in walkthrough.commands:
        if command is not None:
            pilot.perform(command)
    pilot.dismiss()
    assert isinstance(app.scene, DebriefScene), type(app.scene).__name__
    return pilot


def main(games: list[str], detail: bool = False) -> None:
    for game in games or sorted(p.name for p in GAMES.iterdir() if (p / "walkthrough.yaml").exists()):
        mouse, keyboard = finish(game, "mouse"), finish(game, "keyboard")
        by_mouse = mouse.clicks + mouse.presses
        by_keys = keyboard.presses + keyboard.clicks
        print(f"{game}: mouse {by_mouse} clicks, keyboard {by_keys} key presses "
              f"({by_keys / by_mouse:.2f}×); {mouse.typed} letters typed in both", flush=True)
        if detail:  # where the presses go, the costliest first
            for step in sorted(set(keyboard.by_step) | set(mouse.by_step), key=lambda s: -keyboard.by_step[s]):
                print(f"    {step:28} ×{keyboard.steps[step]:<3} keys {keyboard.by_step[step]:4}"
                      f"  clicks {mouse.by_step[step]:4}")


if __name__ == "__main__":
    args = sys.argv[1:]
    main([a for a in args if a != "--detail"], detail="--detail" in args)
