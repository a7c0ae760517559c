#!/usr/bin/env python3
"""Figures of the standalone build: its size, and its start time next to the source's.

    .venv/bin/python bench/build_figures.py            # builds dist/Sesame first if missing
    .venv/bin/python bench/build_figures.py --build    # rebuild first
    .venv/bin/python bench/build_figures.py --dist DIR --runs 5 --json

Size: every file of the built folder (symbolic links count once, as the files they
point to), the zip that ``build/build.py`` makes, and the 10 largest parts (the
entries of ``_internal/`` and the executables). Start: from starting a new process to
its first frame of the home screen (``--first-frame-and-exit``, dummy video driver,
empty user folder each time), frozen ``sesame-cli`` and ``python -m engine`` from
the source, run in turn; one untimed run of each first so both read warm disk caches;
the median of ``--runs``. Aims (issue 6): under 90 MB unpacked, under 40 MB zipped,
frozen start at most 1.2 × the source start.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_builder():
    """``build/build.py``, loaded by its path (``build`` alone is a folder's name)."""
    spec = importlib.util.spec_from_file_location("sesame_build", ROOT / "build" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()

AIMS = {"unpacked_mb": 90.0, "zipped_mb": 40.0, "start_ratio": 1.2}


def sizes(folder: Path) -> tuple[int, dict[str, int]]:
    """Total bytes of the folder, and bytes per part."""
    parts: dict[str, int] = {}
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        relative = path.relative_to(folder).parts
        part = "/".join(relative[:2]) if relative[0] == "_internal" and len(relative) > 1 else relative[0]
        parts[part] = parts.get(part, 0) + path.stat().st_size
    return sum(parts.values()), parts


def zipped_size(folder: Path) -> int:
    archives = sorted(folder.parent.glob(f"{builder.NAME}-*.zip"), key=lambda p: p.stat().st_mtime)
    if archives and archives[-1].stat().st_mtime >= (folder / "_internal").stat().st_mtime:
        return archives[-1].stat().st_size
    with tempfile.TemporaryDirectory() as work:
        return builder.zip_folder(folder, Path(work) / "sesame.zip").stat().st_size


def first_frame(command: list[str]) -> float:
    """Seconds from starting ``command`` to its « first-frame » line."""
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "SESAME_HOME": home, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
               "PYTHONPATH": str(ROOT)}  # the source run imports this checkout's engine
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env, cwd=home)
        assert process.stdout is not None
        elapsed = None
        for line in process.stdout:
            if line.startswith("first-frame"):
                elapsed = time.perf_counter() - start
        if process.wait() != 0 or elapsed is None:
            raise RuntimeError(f"{command} did not reach its first frame")
        return elapsed


def start_times(executable: Path, runs: int) -> tuple[float, float]:
    frozen = [str(executable), "--first-frame-and-exit"]
    source = [sys.executable, "-m", "engine", "--first-frame-and-exit"]
    first_frame(frozen), first_frame(source)  # warm the disk caches of both
    times: dict[str, list[float]] = {"frozen": [], "source": []}
    for _ in range(runs):
        times["frozen"].append(first_frame(frozen))
        times["source"].append(first_frame(source))
    return statistics.median(times["frozen"]), statistics.median(times["source"])


def figures(folder: Path, runs: int) -> dict:
    total, parts = sizes(folder)
    executable = folder / ("sesame-cli.exe" if os.name == "nt" else "sesame-cli")
    frozen, source = start_times(executable, runs)
    return {
        "unpacked_mb": round(total / 1e6, 1),
        "zipped_mb": round(zipped_size(folder) / 1e6, 1),
        "files": sum(1 for p in folder.rglob("*") if p.is_file()),
        "largest_parts_mb": {name: round(size / 1e6, 2)
                             for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:10]},
        "first_frame_frozen_s": round(frozen, 3),
        "first_frame_source_s": round(source, 3),
        "start_ratio": round(frozen / source, 2),
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--build", action="store_true", help="build first (otherwise only when missing)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    folder = args.dist.resolve() / builder.NAME
    if args.build or not folder.is_dir():
        builder.main(["--dist", str(args.dist)])
    result = figures(folder, args.runs)
    if args.json:
        print(json.dumps(result))
        return 0
    verdict = {key: result[key] <= aim for key, aim in AIMS.items()}
    mark = {True: "ok", False: "ABOVE AIM"}
    print(f"build {folder} ({result['files']} files)")
    print(f"  unpacked   {result['unpacked_mb']:7.1f} MB   aim < {AIMS['unpacked_mb']:.0f} MB   "
          f"{mark[verdict['unpacked_mb']]}")
    print(f"  zipped     {result['zipped_mb']:7.1f} MB   aim < {AIMS['zipped_mb']:.0f} MB   "
          f"{mark[verdict['zipped_mb']]}")
    print("  largest parts:")
    for name, size in result["largest_parts_mb"].items():
        print(f"    {size:7.2f} MB  {name}")
    print(f"start to first frame (median of {args.runs}, dummy video driver)")
    print(f"  frozen     {result['first_frame_frozen_s']:.3f} s")
    print(f"  source     {result['first_frame_source_s']:.3f} s")
    print(f"  ratio      {result['start_ratio']:.2f}      aim ≤ {AIMS['start_ratio']}   "
          f"{mark[verdict['start_ratio']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
