"""Performance figures: generated content, and measurements as medians over runs.

``sesame bench`` prints the figures of the brief as one JSON object (``null`` where a
figure cannot be measured yet); ``bench/load_scaling.py`` prints the detailed table of
load, validation and lint times against content size. Each cold figure is measured in
a new process with an empty user folder, so no cache and no warm import is counted.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HEADER = """format: 1
id: {id}
title: Banc d’essai {id}
summary: Contenu généré pour mesurer les performances de Sésame.
genre: {genre}
version: 1.0.0
audience: {{age_min: 11, age_max: 18}}
duration: {{min: 10, max: 20}}
licence: CC0-1.0
sources:
  - {{id: s, title: Contenu généré pour les mesures}}
"""


def write_bank(folder: Path, count: int) -> Path:
    """A quiz whose questions (four puzzle types in turn) live in an included file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "game.yaml").write_text(
        HEADER.format(id=f"banque_{count}", genre="quiz")
        + "include: [questions.yaml]\nquiz: {order: bank, draw: {count: 20}}\n", encoding="utf-8")
    lines = ["puzzles:"]
    for i in range(count):
        common = (f"  - id: q{i}\n    theme: theme{i % 7}\n    difficulty: {1 + i % 3}\n"
                  f"    explanation: Explication de la question {i}, assez longue pour ressembler à une vraie.\n"
                  f"    sources: [s]\n")
        kind = i % 4
        if kind == 0:
            lines.append(common + f"    type: single\n    prompt: Question {i} à choix unique ?\n"
                         "    options:\n      - {id: a, text: Première réponse, correct: true}\n"
                         "      - {id: b, text: Deuxième réponse}\n      - {id: c, text: Troisième réponse}")
        elif kind == 1:
            lines.append(common + f"    type: truefalse\n    prompt: \"Affirmation {i} : vrai ou infox ?\"\n"
                         "    answer: false")
        elif kind == 2:
            lines.append(common + f"    type: number\n    prompt: Combien vaut {i} ?\n    answer: {i}\n"
                         "    tolerance: 1")
        else:
            lines.append(common + f"    type: text\n    prompt: Quel mot pour {i} ?\n"
                         "    answers: [réponse, reponse]")
    (folder / "questions.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def write_escape(folder: Path, rooms: int) -> Path:
    """A chain of rooms, each with a document, a code lock on its exit and two objects."""
    folder.mkdir(parents=True, exist_ok=True)
    out = [HEADER.format(id=f"escape_{rooms}", genre="escape"), "start_room: r0", "documents:"]
    for i in range(rooms):
        out.append(f"  - {{id: d{i}, kind: poster, text: 'Le code de la salle {i} est {1000 + i}.'}}")
    out.append("puzzles:")
    for i in range(rooms):
        out.append(f"  - {{id: p{i}, type: code, prompt: Code de la salle {i} ?, code: '{1000 + i}', "
                   f"explanation: Il était sur l’affiche., sources: [s], hints: [Lis l’affiche.]}}")
    out.append("rooms:")
    for i in range(rooms):
        target = f"r{i + 1}" if i + 1 < rooms else "r0"
        out.append(f"  - id: r{i}\n    title: Salle {i}\n    objects:\n"
                   f"      - {{id: affiche{i}, label: Affiche, document: d{i}}}\n"
                   f"      - {{id: chaise{i}, label: Chaise}}\n"
                   f"    exits:\n      - {{id: porte{i}, to: {target}, label: Porte, lock: p{i}}}")
    out.append(f"triggers:\n  - {{id: fin, when: solved(p{rooms - 1}), effects: [{{end: sortie}}]}}")
    out.append("endings:\n  - {id: sortie, title: Sortie, text: Bravo.}")
    (folder / "game.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    return folder


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def _child(code: str, home: Path) -> dict[str, Any]:
    """Run ``code`` in a new Python process; it prints one JSON object."""
    env = {**os.environ, "SESAME_HOME": str(home), "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"benchmark child failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


_LOAD = """
import json, time
t0 = time.perf_counter()
from engine.content.loader import load_game
loaded = load_game({path!r})
t1 = time.perf_counter()
print(json.dumps({{"s": t1 - t0}}))
"""

_LINT = """
import json, time
from engine.content.loader import load_game
from engine.content.lint import lint
t0 = time.perf_counter()
loaded = load_game({path!r}, use_cache=False)
t1 = time.perf_counter()
findings, exploration = lint(loaded)
t2 = time.perf_counter()
print(json.dumps({{"load_s": t1 - t0, "lint_s": t2 - t1, "errors": sum(f.severity == "error" for f in findings),
                  "states": exploration.states if exploration else None}}))
"""

_LIST = """
import json, time
from engine.content.catalog import list_games
list_games()
t0 = time.perf_counter()
cards = list_games()
print(json.dumps({"s": time.perf_counter() - t0, "games": len(cards)}))
"""

_RSS = """
import json, resource
from engine.content.loader import load_game
from engine.replay import read_walkthrough, replay
from pathlib import Path
game = load_game({path!r}).game
result = replay(game, read_walkthrough(Path({path!r}) / "walkthrough.yaml"))
print(json.dumps({{"ok": result.ok, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def load_times(folder: Path, runs: int = 3) -> tuple[float, float]:
    """(first load, cached load) medians, each in a new process; import time excluded."""
    firsts, cached = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as home:
            firsts.append(_child(_LOAD.format(path=str(folder)), Path(home))["s"])
            cached.append(_child(_LOAD.format(path=str(folder)), Path(home))["s"])
    return statistics.median(firsts), statistics.median(cached)


def lint_times(folder: Path, runs: int = 3) -> dict[str, float]:
    results = []
    with tempfile.TemporaryDirectory() as home:
        for _ in range(runs):
            results.append(_child(_LINT.format(path=str(folder)), Path(home)))
    return {key: statistics.median(r[key] for r in results) for key in ("load_s", "lint_s")} | {
        "states": results[0]["states"]}


def games_list_time(runs: int = 5) -> float:
    with tempfile.TemporaryDirectory() as home:
        return statistics.median(_child(_LIST, Path(home))["s"] for _ in range(runs))


def replay_peak_rss(folder: Path) -> float | None:
    if not (folder / "walkthrough.yaml").is_file():
        return None
    with tempfile.TemporaryDirectory() as home:
        return round(_child(_RSS.format(path=str(folder)), Path(home))["rss_mb"], 1)


_REPORT = """
import json, resource, time
from pathlib import Path
from engine.results.summary import build
times = []
for _run in range({runs}):
    t0 = time.perf_counter()
    built = build([Path({folder!r})], Path({out!r}))
    times.append(time.perf_counter() - t0)
    assert built.summary is not None and built.summary.overview.results == {count}
    del built  # one summary in memory at a time
print(json.dumps({{"times": times, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def report_figures(counts: tuple[int, ...] = (35, 10_000)) -> dict[int, dict[str, float]]:
    """The class summary (read, compute, write CSV, HTML and JSON) of ``count`` generated
    result files (``engine.results.sample``): the median of several runs in one new
    process, imports excluded, and that process's peak memory."""
    from .results.sample import write_results

    figures_by_count = {}
    with tempfile.TemporaryDirectory() as work:
        bank = write_bank(Path(work) / "bank", 40)
        for count in counts:
            folder = write_results(Path(work) / f"results_{count}", count, bank)[0].parent
            child = _child(_REPORT.format(runs=5 if count < 1000 else 3, folder=str(folder),
                                          out=str(Path(work) / f"out_{count}"), count=count),
                           Path(work) / "home")
            figures_by_count[count] = {"s": statistics.median(child["times"]), "rss_mb": child["rss_mb"]}
    return figures_by_count


def figures() -> dict[str, Any]:
    """The figures of ``sesame bench`` (each described where it is measured: this module
    and engine/player/perf.py); ``null`` for what is not built yet."""
    from .paths import bundled_games

    with tempfile.TemporaryDirectory() as work:
        bank = write_bank(Path(work) / "bank", 10_000)
        first, cached = load_times(bank)
    bundled = sorted(p for p in bundled_games().iterdir() if (p / "walkthrough.yaml").is_file()) \
        if bundled_games().is_dir() else []
    rss = [replay_peak_rss(p) for p in bundled]
    report = report_figures()
    from .editor.bench import editor_validate_ms
    from .player.perf import figures as player_figures

    return {
        **player_figures(),
        "replay_peak_rss_mb": max((r for r in rss if r is not None), default=None),
        "games_list_s": round(games_list_time(), 4),
        "load_10k_first_s": round(first, 3),
        "load_10k_cached_s": round(cached, 3),
        "report_35_s": round(report[35]["s"], 3),
        "report_10k_s": round(report[10_000]["s"], 2),
        "report_10k_peak_rss_mb": round(report[10_000]["rss_mb"], 1),
        "editor_validate_ms": editor_validate_ms(),
    }


def main() -> int:
    print(json.dumps(figures(), ensure_ascii=False))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
