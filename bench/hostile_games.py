#!/usr/bin/env python3
"""The worst game folders a library could be handed, through the real player.

    .venv/bin/python bench/hostile_games.py          # the table
    .venv/bin/python bench/hostile_games.py --keep   # and keep the games (for strace)

Each case is a copy of the small test escape game with one hostile file, put in a fresh
user folder's games folder. In a new process each time (dummy video driver), the home
screen is drawn, the game opened and started, its first room drawn and, where the
hostile file is in a document, that document opened. Printed per case: the longest
single step (what a pupil would see as a freeze), the whole run, the peak memory of
the process, and what the screen says about the file. The promise (issue 10): no step
over 10 s, no process over 1.5 GB, the game goes on.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESCAPE = ROOT / "tests" / "fixtures" / "mini_escape"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(path: Path, width: int, height: int) -> None:
    """A real, fully decodable PNG (black RGB), written row by row."""
    packer = zlib.compressobj(9)
    row = b"\0" * (1 + width * 3)
    with path.open("wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
        out.write(_chunk(b"IDAT", data) + _chunk(b"IEND", b""))


def noisy_png(path: Path, width: int, height: int) -> None:
    """An RGBA PNG of noise, light enough to be accepted (under 20 MB)."""
    coarse = bytes(x & 0xF0 for x in range(256))
    lines = []
    for _ in range(height):
        grey, row = os.urandom(width).translate(coarse), bytearray(width * 4)
        row[0::4], row[1::4], row[2::4], row[3::4] = grey, grey, b"\x80" * width, b"\xff" * width
        lines.append(b"\0" + bytes(row))
    rows = b"".join(lines)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
                     + _chunk(b"IDAT", zlib.compress(rows, 1)) + _chunk(b"IEND", b""))


def small_png(path: Path, colour_type: int, depth: int = 8, size: int = 64) -> None:
    """An ordinary PNG that is not 24/32-bit: palette (3) or greyscale (0, 4)."""
    channels = {0: 1, 3: 1, 4: 2}[colour_type]
    row = b"\0" + bytes((x * 4) % 256 for x in range(size * channels * depth // 8))
    chunks = _chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, depth, colour_type, 0, 0, 0))
    if colour_type == 3:
        chunks += _chunk(b"PLTE", bytes(v for i in range(256) for v in (i, 255 - i, 128)))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunks + _chunk(b"IDAT", zlib.compress(row * size))
                     + _chunk(b"IEND", b""))


def big_svg(path: Path, megabytes: float) -> None:
    shape = "<circle cx='500' cy='500' r='900' fill='#a0c0e0' opacity='0.5'/>\n"
    with path.open("w", encoding="utf-8") as out:
        out.write("<svg xmlns='http://www.w3.org/2000/svg' width='1000' height='1000'>\n")
        out.write(shape * int(megabytes * 1_000_000 // len(shape)))
        out.write("</svg>\n")


def slow_svg(path: Path) -> None:
    """1 KB that takes half a minute to draw (here, at a room's size): tiny dashes along long strokes."""
    strokes = "".join(f"<path d='M0 {k} L1000 {1000 - k} L0 1000 L1000 0' stroke='black' stroke-width='3' "
                      f"stroke-dasharray='0.02 0.02' fill='none'/>" for k in range(0, 1000, 100))
    path.write_text(f"<svg xmlns='http://www.w3.org/2000/svg' width='1000' height='1000'>{strokes}</svg>",
                    encoding="utf-8")


def place_objects(text: str) -> str:
    """Give the test escape game's objects a place on the room's picture."""
    for index, name in enumerate(("interrupteur", "tiroir", "coffre", "ecran")):
        text = text.replace(f"{{id: {name}, ", f"{{id: {name}, x: {5 + index * 22}, y: 10, w: 18, h: 20, ")
    return text


def game(games: Path, name: str, background: str = "", post_image: str = "", manifest_extra: str = "",
         title: str = "") -> Path:
    folder = games / name
    shutil.copytree(ESCAPE, folder)
    text = (folder / "game.yaml").read_text(encoding="utf-8")
    text = text.replace("id: mini_escape", f"id: {name}", 1)
    if title:
        text = text.replace("title: Mini escape (jeu de test)", f"title: {title}", 1)
    if background:  # drawn when the room's objects are placed on it
        text = text.replace("    title: Le hall\n", f"    title: Le hall\n    background: {background}\n")
        text = place_objects(text)
    if post_image:
        text = text.replace("    text: Une publication.\n", f"    text: Une publication.\n    image: {post_image}\n")
    (folder / "game.yaml").write_text(text + manifest_extra, encoding="utf-8")
    (folder / "images").mkdir()
    return folder


def build(games: Path, outside: Path) -> dict[str, dict[str, str]]:
    """Every case: its game folder's name and, when the game can be opened, the document to open."""
    cases: dict[str, dict[str, str]] = {}
    folder = game(games, "png_30000", background="images/huge.png")
    huge_png(folder / "images" / "huge.png", 30_000, 30_000)
    cases["PNG 30 000 × 30 000 as a room"] = {"game": "png_30000"}
    folder = game(games, "png_budget", background="images/full.png")
    noisy_png(folder / "images" / "full.png", 4096, 4096)
    cases["PNG 4096 × 4096 RGBA, 16 Mpx (largest accepted)"] = {"game": "png_budget"}
    folder = game(games, "svg_100mb", post_image="images/big.svg")
    big_svg(folder / "images" / "big.svg", 100)
    cases["SVG of 100 MB in a document"] = {"game": "svg_100mb", "document": "ecran"}
    folder = game(games, "svg_1mb", post_image="images/big.svg")
    big_svg(folder / "images" / "big.svg", 0.95)
    cases["SVG of 1 MB of large shapes (largest accepted)"] = {"game": "svg_1mb", "document": "ecran"}
    folder = game(games, "svg_slow", background="images/slow.svg")
    slow_svg(folder / "images" / "slow.svg")
    cases["SVG of 1 KB that takes 36 s to draw"] = {"game": "svg_slow"}
    if hasattr(os, "mkfifo"):
        folder = game(games, "fifo", background="images/pipe.png")
        os.mkfifo(folder / "images" / "pipe.png")
        cases["FIFO as a room's picture"] = {"game": "fifo"}
        folder = game(games, "link_out", post_image="images/secret.png")
        (folder / "images" / "secret.png").symlink_to(outside / "secret.png")
        cases["link to a picture outside the game"] = {"game": "link_out", "document": "ecran"}
    folder = game(games, "manifest_50mb")
    with (folder / "game.yaml").open("a", encoding="utf-8") as out:
        out.write("notes: '" + "x" * 50_000_000 + "'\n")
    cases["game.yaml of 50 MB"] = {"game": "manifest_50mb"}
    game(games, "title_1mb", title="T" * 1_000_000)
    cases["title of 1 MB without spaces"] = {"game": "title_1mb"}
    game(games, "text_bidi", title='"Jeu\\u200b \\u202e\\u2066piégé\\e[31m"')
    cases["zero-width, bidi and escape characters in the title"] = {"game": "text_bidi"}
    folder = game(games, "text_summary")
    text = (folder / "game.yaml").read_text(encoding="utf-8")
    text = text.replace("summary: Un petit escape game qui sert aux tests du moteur.", 'summary: "\\u200b"')
    text = text.replace("    text: Une publication.\n", '    text: "\\u202e\\u202e\\u200b"\n')
    (folder / "game.yaml").write_text(text, encoding="utf-8")
    cases["summary U+200B alone, a post's text U+202E"] = {"game": "text_summary", "document": "ecran"}
    for name, colour_type, depth in (("png_palette", 3, 8), ("png_grey", 0, 8), ("png_grey_alpha", 4, 8),
                                     ("png_grey_1bit", 0, 1)):
        folder = game(games, name, background=f"images/{name}.png")
        small_png(folder / "images" / f"{name}.png", colour_type, depth)
        cases[f"PNG {name[4:].replace('_', ' ')} ({depth}-bit) as a room"] = {"game": name}
    (outside / "x.png").write_bytes((folder / "images" / f"{name}.png").read_bytes())
    game(games, "dotdot", background="images/../../../../outside/x.png")
    cases["images/../../x.png as a room"] = {"game": "dotdot"}
    game(games, "absolute", background=str(outside / "x.png"))
    cases["absolute path as a room"] = {"game": "absolute"}
    game(games, "drive", background="C:/outside/x.png")
    cases["C:/ path as a room"] = {"game": "drive"}
    if hasattr(os, "symlink"):
        folder = game(games, "manifest_link")
        (folder / "game.yaml").rename(outside / "game.yaml")
        (folder / "game.yaml").symlink_to(outside / "game.yaml")
        cases["game.yaml a link to elsewhere"] = {"game": "manifest_link"}
        folder = game(games, "link_out_room", background="images/out.png")
        (folder / "images" / "out.png").symlink_to(outside / "x.png")
        cases["link to a picture outside, as a room"] = {"game": "link_out_room"}
    folder = game(games, "include_long")
    text = (folder / "game.yaml").read_text(encoding="utf-8")
    (folder / "game.yaml").write_text(text.replace("include: [puzzles.yaml]", f"include: [{'p' * 300}.yaml]"),
                                      encoding="utf-8")
    cases["include name of 300 characters"] = {"game": "include_long"}
    return cases


CHILD = r"""
import json, os, resource, sys, time
os.environ["SDL_VIDEODRIVER"] = "dummy"; os.environ["SDL_AUDIODRIVER"] = "dummy"
from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.home import HomeScene
from engine.player import pictures
name, document = sys.argv[1], sys.argv[2]
steps, said = {}, ""
def peak_mb():
    # Linux keeps ru_maxrss across exec (it would be the bench's own peak): VmHWM is this program's.
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
def timed(label, action):
    start = time.perf_counter(); action(); steps[label] = time.perf_counter() - start
start = time.perf_counter()
app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True}))
timed("home", lambda: (app.push(HomeScene(app)), app.step([])))
pilot = Pilot(app)
card = next((w.card for w in app.scene.widgets if getattr(w, "card", None) and w.card.path.endswith(name)), None)
if card is None:
    said = "(no card: the game is not listed)"
elif card.problem:
    said = card.problem
else:
    timed("intro", lambda: pilot.click(f"game:{card.id}"))
    if getattr(app.scene, "problems", None):  # the game is not opened: its problems are said
        said = " / ".join(app.scene.problems)
    else:
        timed("room", lambda: (pilot.click("start"), app.step([])))
        if document:
            timed("document", lambda: (pilot.click(f"object:{document}"), app.step([])))
        said = " / ".join(sorted(set(pictures._refused.values())))
print(json.dumps({"steps": steps, "total": time.perf_counter() - start, "said": said,
                  "scene": type(app.scene).__name__,
                  "rss_mb": peak_mb()}))
"""


def main() -> None:
    keep = "--keep" in sys.argv
    work = Path(tempfile.mkdtemp(prefix="sesame-hostile-"))
    try:
        home, outside = work / "home", work / "outside"
        (home / "games").mkdir(parents=True)
        outside.mkdir()
        (outside / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        cases = build(home / "games", outside)
        print(f"{'case':<52}{'longest step':>16}{'whole run':>11}{'peak memory':>13}  screen")
        for label, case in cases.items():
            env = {**os.environ, "SESAME_HOME": str(home), "PYTHONPATH": str(ROOT)}
            try:
                done = subprocess.run([sys.executable, "-c", CHILD, case["game"], case.get("document", "")],
                                      env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
                found = json.loads(done.stdout.strip().splitlines()[-1])
            except (subprocess.TimeoutExpired, IndexError, ValueError) as error:
                print(f"{label:<52} FAILED: {error} {getattr(done, 'stderr', '')[-300:]}")
                continue
            step, longest = max(found["steps"].items(), key=lambda kv: kv[1], default=("", 0.0))
            print(f"{label:<52}{step:>9}{longest:>6.2f}s{found['total']:>10.2f}s{found['rss_mb']:>10.0f} MB  "
                  f"{found['scene']}: {found['said'][:110]}")
        if keep:
            print(f"games kept in {home / 'games'}")
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
