"""Generated result files, for the benchmark (``sesame bench``) and load tests.

The results come from real sessions: a generated question bank (forty questions, each
pupil draws twenty) is played through the rules with answers right or wrong at random
(seeded), so the files are what the player writes. A few dozen sessions are played
and their results copied under other pseudonyms and start times: playing ten
thousand games would measure the rules, not the report.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..core import commands as cmd
from ..session import Session
from .resultfile import file_name, result_from_session

_START = datetime(2026, 3, 12, 8, 0)


def _wrong(solution: Any) -> Any:
    """An answer of the right shape that is not the solution."""
    if isinstance(solution, bool):
        return not solution
    if isinstance(solution, (int, float)):
        return solution + 50
    if isinstance(solution, str):
        return "b" if len(solution) == 1 else "mauvaise réponse"
    return solution


def played_results(game_folder: Path, sessions: int, seed: int = 0) -> list[dict[str, Any]]:
    """Results of ``sessions`` games of the quiz in ``game_folder``, played at random."""
    from ..content.loader import load_game
    from ..core.rules import Options

    game = load_game(game_folder, use_cache=False).game
    rng = random.Random(seed)
    out = []
    for k in range(sessions):
        session = Session(game, Options(seed=k), autosave=False)
        skill = rng.random()
        t = 0.0
        while not session.ended and session.state.current is not None:
            puzzle = session.state.current
            solution = session.rules.solutions[puzzle]
            t += rng.uniform(5, 40)
            session.do(cmd.Answer(t, puzzle, solution if rng.random() < skill else _wrong(solution)))
            if session.state.puzzle(puzzle).status == "open":  # wrong but may try again
                t += rng.uniform(3, 10)
                session.do(cmd.Answer(t, puzzle, solution))
            t += 1
            session.do(cmd.Next(t))
        out.append(result_from_session(session, f"Modèle {k}", started_at=_START.isoformat()))
    return out


def write_results(folder: Path, count: int, game_folder: Path, seed: int = 0,
                  templates: int = 50) -> list[Path]:
    """``count`` result files in ``folder``, one per pupil (« Élève 1 »…), in groups of 35."""
    folder.mkdir(parents=True, exist_ok=True)
    models = played_results(game_folder, min(templates, count), seed)
    paths = []
    for k in range(count):
        result = dict(models[k % len(models)])
        result["who"] = {"pseudonym": f"Élève {k + 1}", "group": f"Classe {k // 35 + 1}",
                         "team": "", "members": []}
        result["started_at"] = (_START + timedelta(minutes=k % 600)).isoformat()
        path = folder / file_name(result)
        # Plain writes: the files are only generated for measuring, not kept.
        path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths
