"""A player process killed mid-game: the home screen offers « Reprendre » and the
game comes back exactly as it was saved."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.play import PlayScene  # noqa: E402
from engine.session import save_path_for  # noqa: E402

from .conftest import GAMES, KILLED, ROOT  # noqa: E402

PLAYER = f"""
import os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.home import HomeScene
from engine.replay import read_walkthrough
from pathlib import Path
app = App((1366, 768), prefs=Preferences({{"sound": False}}))
app.push(HomeScene(app))
pilot = Pilot(app)
pilot.click("game:escape_fake_news")
pilot.click("start")
for _line, command in read_walkthrough(Path({str(GAMES / "escape_fake_news")!r}) / "walkthrough.yaml").commands:
    if command is not None:
        pilot.perform(command)
        print("step", flush=True)
        time.sleep(0.05)
"""


def test_killed_player_resumes_exactly(sesame_home):
    env = {**os.environ, "SESAME_HOME": str(sesame_home)}
    process = subprocess.Popen([sys.executable, "-c", PLAYER], stdout=subprocess.PIPE, env=env, text=True)
    steps = 0
    for line in process.stdout:  # let it play a dozen actions, then pull the plug
        steps += line.startswith("step")
        if steps == 12:
            break
    time.sleep(0.02)
    process.kill()  # SIGKILL, or TerminateProcess on Windows: no clean-up
    assert process.wait() == KILLED
    save = save_path_for("escape_fake_news")
    saved = json.loads(save.read_text(encoding="utf-8"))
    assert saved["state"]["progress"], "the game was saved while being played"

    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    pilot = Pilot(app)
    pilot.click("resume:escape_fake_news")
    pilot.click("start")
    assert isinstance(app.scene, PlayScene)
    assert app.scene.session.state.to_data() == saved["state"]
    assert app.scene.session.state.room == saved["state"]["room"]
