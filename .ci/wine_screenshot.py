"""The windowed Sesame.exe under Wine and Xvfb: its home screen against the Linux reference.

    .venv/bin/python .ci/wine_screenshot.py FRAMEBUFFER SESAME_EXE OUT.png

Run by .ci/windows.sh with DISPLAY set to an Xvfb started with ``-fbdir`` (FRAMEBUFFER
is its ``Xvfb_screen0``, an XWD image of the screen kept current by the server). Starts
``wine Sesame.exe`` with its window at the top left corner of a screen larger than the
window, so the pointer (at the screen's centre) is off the window and hovers nothing;
waits until the window's picture is drawn and stays the same for a second; saves it;
stops the program; compares it with ``tests/screenshots/home_1366_default.png`` (the
reference the Linux tests draw off-screen) as the screenshot tests do, and exits 1 when
they differ.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # this process only saves PNG files
import numpy as np  # noqa: E402
import pygame  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "tests" / "screenshots" / "home_1366_default.png"
SIZE = (1366, 768)
LEVELS = 8        # a pixel differs when a channel moved by more than this (as the screenshot tests)
ALLOWED = 12      # pixels that may differ (as the screenshot tests)
TIMEOUT = 90


def read_xwd(path: Path) -> np.ndarray:
    """The screen as a (width, height, 3) array, from an XWD file of a 24/32-bit TrueColor
    screen (what Xvfb -fbdir writes)."""
    data = path.read_bytes()
    order = ">" if struct.unpack(">I", data[4:8])[0] == 7 else "<"  # file_version is 7
    header = struct.unpack(order + "25I", data[:100])
    header_size, width, height = header[0], header[4], header[5]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = header[7], header[11], header[12], header[19]
    if bits_per_pixel != 32:
        raise SystemExit(f"unexpected XWD: {bits_per_pixel} bits per pixel")
    start = header_size + 12 * ncolors
    pixels = np.frombuffer(data, np.uint8, bytes_per_line * height, start).reshape(height, bytes_per_line)
    pixels = pixels[:, : width * 4].reshape(height, width, 4)
    bgr = pixels[:, :, :3] if byte_order == 0 else pixels[:, :, 3:0:-1]  # LSBFirst: B, G, R, x
    return np.ascontiguousarray(bgr[:, :, ::-1].transpose(1, 0, 2))


def window_picture(framebuffer: Path, exe: Path) -> tuple[np.ndarray, float]:
    """Start Sesame.exe, wait for a stable picture of its window; returns it and the
    seconds from start to the first non-black picture."""
    env = {**os.environ, "SDL_VIDEO_WINDOW_POS": "0,0"}
    for name in ("SDL_VIDEODRIVER", "SDL_AUDIODRIVER"):
        env.pop(name, None)
    env["SDL_AUDIODRIVER"] = "dummy"  # no sound card here
    start = time.perf_counter()
    program = subprocess.Popen(["wine", str(exe)], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env)
    drawn = None
    previous = None
    try:
        while time.perf_counter() - start < TIMEOUT:
            time.sleep(0.5)
            if program.poll() is not None:
                raise SystemExit(f"Sesame.exe stopped (exit {program.returncode}):\n"
                                 + program.stdout.read().decode(errors="replace"))
            screen = read_xwd(framebuffer)[: SIZE[0], : SIZE[1]]
            if not screen.any():
                continue
            drawn = drawn or time.perf_counter() - start
            if previous is not None and np.array_equal(screen, previous):
                return screen, drawn
            previous = screen
        raise SystemExit(f"no stable picture of Sesame.exe's window after {TIMEOUT} s")
    finally:
        program.kill()
        program.wait()


def main(framebuffer: Path, exe: Path, out: Path) -> int:
    picture, drawn = window_picture(framebuffer, exe)
    surface = pygame.surfarray.make_surface(picture)
    pygame.image.save(surface, str(out))
    expected = pygame.surfarray.array3d(pygame.image.load(str(REFERENCE))).astype(np.int16)
    differs = np.abs(expected - picture.astype(np.int16)).max(axis=2) > LEVELS
    count = int(differs.sum())
    print(f"Sesame.exe under Wine and Xvfb: window drawn {drawn:.1f} s after start (wine included); "
          f"{count} pixels differ from {REFERENCE.name} by more than {LEVELS} levels "
          f"(allowed {ALLOWED}); screenshot {out}")
    if count > ALLOWED:
        diff = np.zeros_like(picture)
        diff[differs] = (255, 0, 64)
        pygame.image.save(pygame.surfarray.make_surface(diff), str(out.with_suffix(".diff.png")))
        columns, rows = np.nonzero(differs)
        print(f"differences within x {columns.min()}–{columns.max()}, y {rows.min()}–{rows.max()}; "
              f"see {out.with_suffix('.diff.png')}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
