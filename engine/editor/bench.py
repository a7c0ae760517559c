"""``editor_validate_ms`` of ``sesame bench``: the server's time from a field change to
its errors, checklist and solvability verdict, on a copy of escape_fake_news.

The changes alternate between a text (an explanation: the state search and the
walkthrough's replay are reused, ≈ 90 ms here) and a rule (a puzzle's points: both are
redone, ≈ 500 ms here); with more texts than rules in the runs, the median is a text
change's, as most of an author's changes are."""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path


def editor_validate_ms(runs: int = 15) -> float | None:
    from ..paths import bundled_games
    from .server import Editor

    source = bundled_games() / "escape_fake_news"
    if not (source / "game.yaml").is_file():
        return None
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "escape_fake_news"
        shutil.copytree(source, folder)
        editor = Editor(folder, 0)
        try:
            key = editor.start_key or ""
            opened = editor.game(key)
            assert opened is not None
            editor.state(key, opened, "")  # the page's first load: everything computed once
            times = []
            for run in range(runs):
                # alternately a text (the search is reused) and a rule (it is redone)
                change = ({"op": "set", "pointer": "/puzzles/0/explanation",
                           "value": f"Explication numéro {run}.", "kind": "text"} if run % 2 == 0 else
                          {"op": "set", "pointer": "/puzzles/1/points", "value": str(10 + run), "kind": "integer"})
                start = time.perf_counter()
                answer = editor.apply(key, opened, change)
                times.append(time.perf_counter() - start)
                assert answer["ok"] and "checklist" in answer
            return round(statistics.median(times) * 1000, 1)
        finally:
            for game in editor.open.values():
                game.project.release()
            editor.httpd.server_close()
