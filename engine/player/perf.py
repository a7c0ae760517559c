"""The player's performance figures for ``sesame bench``, each measured in a new
process with the dummy video driver and an empty user folder:

- ``first_frame_s``: from starting the process to the first frame of the home screen;
- ``frame_p50_ms`` / ``frame_p99_ms``: a frame of the busiest screens of the bundled
  games (documents, rooms, sorting and matching puzzles) at 1920×1080 while they are
  shown: what changed on the composed picture (the live clock) drawn and shown, as
  ``App.draw_frame`` does; the median over three processes of each one's p50 and p99
  (a shared machine's pauses fall on a few frames of one run, not of all);
- ``compose_p50_ms`` / ``compose_p99_ms``: the first frame after an input, when the
  whole picture is drawn again;
- ``animation_p50_ms``: a frame while an effect runs over the picture (a room's
  crossfade, a burst of confetti), which the frames above leave out (they wait for it
  to end, as a pupil sees it end);
- ``pointer_move_ms``: handling a pointer move and drawing what it changed (a hover
  repaints its widgets alone; a move over nothing draws nothing), the median over moves
  across the busiest screen of the bundled games (the one with the most widgets: a
  room, or a document over it) at 1920×1080;
- ``idle_cpu_pct``: CPU used by the real loop on a static screen for 10 s, in % of
  one core;
- ``room_frame_p99_ms`` / ``idle_room_cpu_pct``: the same two on the busiest illustrated
  room of the bundled games (the most objects and exits on a picture, ``busiest_room``)
  at 1920×1080, entered from a save as ``play --room`` does: a frame as each second of
  the countdown draws it, and the real loop left idle there for 10 s;
- ``peak_rss_mb``: peak memory while playing each bundled game through its
  walkthrough in the interface.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

_FIRST_FRAME = """
from engine.player.app import App
from engine.player.scenes.home import HomeScene
app = App((1366, 768))
app.push(HomeScene(app))
app.step([])
print("frame", flush=True)
"""

_FRAMES = """
import json, time
from pathlib import Path
from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.home import HomeScene
from engine.player.scenes.intro import IntroScene
from engine.player.scenes.panels import DocumentPanel
from engine.paths import bundled_games
from engine.replay import read_walkthrough
import pygame
times, composes, animations = [], [], []
def timed(app):
    start = time.perf_counter()
    if hasattr(app.scene, "_bar_key"):
        app.scene._bar_key = None  # its top bar drawn again, as each second of a countdown
    app.draw_frame()
    return (time.perf_counter() - start) * 1000
def measure(app, count=60):
    app.scene.invalidate()
    composes.append(timed(app))
    for _index in range(3 if app.effects else 0):  # a fade or a burst over the picture
        animations.append(timed(app))
    while app.step([], dt=0.25):  # the movements end (a few frames, a second of play)
        pass
    for _index in range(count - 1):
        times.append(timed(app))
for folder in sorted(p for p in bundled_games().iterdir() if (p / "walkthrough.yaml").is_file()):
    seed = read_walkthrough(folder / "walkthrough.yaml").options.seed
    app = App((1920, 1080), prefs=Preferences({{"sound": False}}), seed=seed)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(folder)))
    pilot.click("start")
    pilot.past_handover()  # a team challenge starts with « Au tour de … »
    measure(app)
    scene = app.scene
    for doc_id in scene.game.documents:
        scene.open(DocumentPanel(scene, doc_id), front=True)
        scene.relayout()
        measure(app, 20)
        scene.close(scene.panel)
    for _line, command in read_walkthrough(folder / "walkthrough.yaml").commands:
        if command is not None and not app.scene.__class__.__name__ == "DebriefScene":
            pilot.perform(command)
            measure(app, 5)
times.sort()
composes.sort()
animations.sort()
print(json.dumps({{"p50": times[len(times) // 2], "p99": times[int(len(times) * 0.99)], "n": len(times),
                  "compose_p50": composes[len(composes) // 2], "compose_p99": composes[int(len(composes) * 0.99)],
                  "animation_p50": animations[len(animations) // 2] if animations else None}}))
"""

_POINTER = """
import json, time
from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.home import HomeScene
from engine.player.scenes.intro import IntroScene
from engine.player.scenes.panels import DocumentPanel
from engine.paths import bundled_games
import pygame
def settle(app):
    app.step([])
    while app.step([], dt=5.0):
        pass
busiest = None
for folder in sorted(p for p in bundled_games().iterdir() if (p / "walkthrough.yaml").is_file()):
    app = App((1920, 1080), prefs=Preferences({{"sound": False}}), seed=0)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(folder)))
    pilot.click("start")
    pilot.past_handover()
    settle(app)
    scene = app.scene
    if busiest is None or len(scene.widgets) > len(busiest.scene.widgets):
        busiest = app
    for doc_id in list(scene.game.documents)[:3]:
        other = App((1920, 1080), prefs=Preferences({{"sound": False}}), seed=0)
        other.push(HomeScene(other))
        Pilot(other)
        other.push(IntroScene(other, str(folder)))
        Pilot(other).click("start")
        Pilot(other).past_handover()
        other.scene.open(DocumentPanel(other.scene, doc_id), front=True)
        other.scene.relayout()
        settle(other)
        if len(other.scene.widgets) > len(busiest.scene.widgets):
            busiest = other
app = busiest
times = []
width, height = app.size
for row in range(24):  # a zigzag over the whole screen, as a hand moves
    for column in range(40):
        x = (column if row % 2 == 0 else 39 - column) * width // 40 + width // 80
        y = row * height // 24 + height // 48
        event = pygame.event.Event(pygame.MOUSEMOTION, pos=(x, y), rel=(0, 0), buttons=(0, 0, 0))
        start = time.perf_counter()
        app.step([event])
        times.append((time.perf_counter() - start) * 1000)
times.sort()
print(json.dumps({{"p50": times[len(times) // 2], "widgets": len(app.scene.widgets)}}))
"""

# The real loop left alone for {seconds} s; ``cpu``: what it used (after ``app`` is shown).
_IDLE_LOOP = """
before = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
def stop():
    time.sleep({seconds})
    pygame.event.post(pygame.event.Event(pygame.QUIT))
threading.Thread(target=stop, daemon=True).start()
app.run()
after = resource.getrusage(resource.RUSAGE_SELF)
elapsed = time.perf_counter() - start
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
"""

_IDLE = """
import json, resource, threading, time
from engine.player.app import App
from engine.player.scenes.home import HomeScene
import pygame
app = App((1366, 768))
app.push(HomeScene(app))
app.step([])
""" + _IDLE_LOOP + """
print(json.dumps({{"pct": 100 * cpu / elapsed, "frames": app.frames}}))
"""

_ROOM = """
import json, resource, threading, time
from engine.content.loader import load_game
from engine.paths import bundled_games
from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.intro import IntroScene
from engine.start_at import save_at
import pygame
# The busiest illustrated room of the bundled games: the most objects and exits on a picture.
rooms = []
for folder in sorted(p for p in bundled_games().iterdir() if (p / "game.yaml").is_file()):
    game = load_game(folder).game
    for room in game.rooms.values():
        if room.background:
            rooms.append((len(room.objects) + len(room.exits), folder, game, room.id))
count, folder, game, room = max(rooms, key=lambda r: r[0])
app = App((1920, 1080), prefs=Preferences({{"sound": False}}), seed=0)
app.push(IntroScene(app, str(folder), resume=True, save=save_at(game, room)))
Pilot(app).click("start")
app.step([])
while app.step([], dt=0.25):  # the fade into the room ends
    pass
times = []
for _index in range(300):  # a frame as each second of the countdown draws it
    start = time.perf_counter()
    app.scene._bar_key = None
    app.draw_frame()
    times.append((time.perf_counter() - start) * 1000)
times.sort()
""" + _IDLE_LOOP + """
print(json.dumps({{"room": f"{{game.id}}/{{room}}", "zones": count, "p99": times[int(len(times) * 0.99)],
                  "pct": 100 * cpu / elapsed, "scene": app.scene.__class__.__name__}}))
"""

_RSS = """
import json, resource
from pathlib import Path
from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.home import HomeScene
from engine.player.scenes.intro import IntroScene
from engine.replay import read_walkthrough
folder = Path({folder!r})
seed = read_walkthrough(folder / "walkthrough.yaml").options.seed
app = App((1920, 1080), prefs=Preferences({{"sound": False}}), seed=seed)
app.push(HomeScene(app))
pilot = Pilot(app)
app.push(IntroScene(app, str(folder)))
pilot.click("start")
for _line, command in read_walkthrough(folder / "walkthrough.yaml").commands:
    if command is not None:
        pilot.perform(command)
print(json.dumps({{"rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def _env(home: str) -> dict[str, str]:
    return {**os.environ, "SESAME_HOME": home, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}


def _json_child(code: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as home:
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(home))
    if result.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def first_frame(runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            start = time.perf_counter()
            process = subprocess.Popen([sys.executable, "-c", _FIRST_FRAME], stdout=subprocess.PIPE, text=True,
                                       env=_env(home))
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith("frame"):
                    times.append(time.perf_counter() - start)
                    break
            process.wait()
    return statistics.median(times)


def figures(idle_seconds: float = 10.0) -> dict[str, Any]:
    from ..paths import bundled_games

    runs = [_json_child(_FRAMES.format()) for _ in range(3)]
    values = {key: [run[key] for run in runs if run[key] is not None] for key in runs[0]}
    frames: dict[str, Any] = {key: statistics.median(found) if found else None for key, found in values.items()}
    pointer = _json_child(_POINTER.format())
    idle = _json_child(_IDLE.format(seconds=idle_seconds))
    room = _json_child(_ROOM.format(seconds=idle_seconds))
    games = sorted(p for p in bundled_games().iterdir() if (p / "walkthrough.yaml").is_file())
    rss = [_json_child(_RSS.format(folder=str(p)))["rss_mb"] for p in games]
    return {
        "first_frame_s": round(first_frame(), 3),
        "frame_p50_ms": round(frames["p50"], 2),
        "frame_p99_ms": round(frames["p99"], 2),
        "compose_p50_ms": round(frames["compose_p50"], 2),
        "compose_p99_ms": round(frames["compose_p99"], 2),
        "animation_p50_ms": round(frames["animation_p50"], 2) if frames["animation_p50"] is not None else None,
        "pointer_move_ms": round(pointer["p50"], 3),
        "idle_cpu_pct": round(idle["pct"], 2),
        "room_frame_p99_ms": round(room["p99"], 2),
        "idle_room_cpu_pct": round(room["pct"], 2),
        "busiest_room": room["room"],
        "peak_rss_mb": round(max(rss), 1) if rss else None,
    }
