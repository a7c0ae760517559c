#!/usr/bin/env python3
"""How loading, validating and linting scale with the size of a game.

    python3 dev.py sesame bench            # the figures of the brief, as JSON
    .venv/bin/python bench/load_scaling.py # this table

Generates question banks of 100, 1 000 and 10 000 questions and escape games of 10 and
30 rooms, then prints, as medians of 3 runs each in a new process: the first load
(YAML + schema + model + writing the cache), the cached load, and the lint (with the
solver's state search). The last column is the cost per 1 000 questions: flat means
linear growth.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from engine.bench import load_times, lint_times, write_bank, write_escape  # noqa: E402


def main() -> None:
    print(f"{'content':<22}{'size':>9}{'first load':>12}{'cached':>9}{'lint':>9}{'states':>8}{'ms/1000 q':>11}")
    with tempfile.TemporaryDirectory() as work:
        for count in (100, 1_000, 10_000):
            folder = write_bank(Path(work) / f"bank{count}", count)
            size = sum(f.stat().st_size for f in folder.iterdir())
            first, cached = load_times(folder)
            lint = lint_times(folder, runs=1 if count == 10_000 else 3)
            print(f"{f'bank of {count} questions':<22}{size / 1e6:>7.2f}MB{first:>11.3f}s{cached:>8.3f}s"
                  f"{lint['lint_s']:>8.3f}s{lint['states'] or 0:>8}{1000 * first / count * 1000:>9.1f}ms")
        for rooms in (10, 30):
            folder = write_escape(Path(work) / f"escape{rooms}", rooms)
            size = sum(f.stat().st_size for f in folder.iterdir())
            first, cached = load_times(folder)
            lint = lint_times(folder)
            print(f"{f'escape, {rooms} rooms':<22}{size / 1e6:>7.2f}MB{first:>11.3f}s{cached:>8.3f}s"
                  f"{lint['lint_s']:>8.3f}s{lint['states'] or 0:>8}{'':>11}")


if __name__ == "__main__":
    main()
