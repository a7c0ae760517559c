"""A class of 35 pupils (and a few more files), played through the rules as the player
plays them, for the class summary's tests and for looking at the report by hand.

Run ``python -m tests.results_class GAME OUT`` to write the files of one bundled game.

The cast is the one issue 14 was found with: two « Léa » playing at the same time on
two computers, two « Lucas », « Tom » playing twice in a row on the same computer,
accents (Ève, Éloïse, Zoé), a pseudonym that a spreadsheet would run as a formula,
class codes spelled three ways and a few left blank, a pupil whose time runs out, one
stopped by the facilitator and one who handed in an unfinished game. Each pupil
answers right or wrong at random (seeded, with their own level), sometimes after a
wrong try, sometimes after a hint.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from engine.content.loader import load_game
from engine.core import commands as cmd
from engine.core import puzzles as ptypes
from engine.core.model import Game
from engine.paths import bundled_games
from engine.replay import game_walkthrough
from engine.results.resultfile import file_name, result_from_session
from engine.session import Session

START = datetime(2026, 3, 12, 10, 0)


@dataclass(frozen=True)
class Pupil:
    name: str
    group: str
    start_min: int  # minutes after 10:00
    machine: str
    level: float  # chance of a right answer
    late: bool = False  # lets the time run out
    stop: bool = False  # stopped by the facilitator half-way
    unfinished: bool = False  # hands in the file half-way


def cast() -> list[Pupil]:
    names = ["Adam", "Alice", "Bilal", "Camille", "Chloé", "Éloïse", "Emma", "Ève", "Gabriel",
             "Hugo", "Inès", "Jade", "Jules", "Léa", "Léa", "Louise", "Lucas", "Lucas", "Maël",
             "Manon", "Mathis", "Nathan", "Noah", "Nour", "Paul", "Raphaël", "Rose", "Sacha",
             "Sofia", "Théo", "Tom", "Yanis", "Zoé", '=HYPERLINK("http://exemple.invalid";"clic")',
             "Lina"]
    groups = ["4e B", "4EB", "4eb", ""]
    rng = random.Random(14)
    pupils = []
    for k, name in enumerate(names):
        pupils.append(Pupil(name, groups[0] if k % 7 else groups[k % 4], 5 + (k % 3), f"m{k:02d}",
                            rng.uniform(0.35, 0.95)))
    pupils[13] = replace(pupils[13], group="4e B", start_min=5)  # the two Léa overlap
    pupils[14] = replace(pupils[14], group="4E-B", start_min=7)
    pupils[16] = replace(pupils[16], group="4e B", start_min=5)
    pupils[17] = replace(pupils[17], group="4e B", start_min=6)
    pupils[2] = replace(pupils[2], late=True)
    pupils[3] = replace(pupils[3], stop=True)
    pupils[4] = replace(pupils[4], unfinished=True)
    # Tom plays again once his first game is over, on the same computer.
    pupils.append(replace(pupils[30], start_min=100, level=0.95))
    return pupils


def _wrong(game: Game, puzzle_id: str, right: Any, rng: random.Random) -> Any | None:
    """An answer that is not right, of the right shape (None when none is found)."""
    puzzle = game.puzzles[puzzle_id]
    judge = ptypes.get(puzzle.type).judge
    candidates: list[Any] = []
    if isinstance(right, bool):
        candidates = [not right]
    elif isinstance(right, (int, float)):
        candidates = [right * rng.choice((1.15, 1.4, 0.7, 3.0)), right + 50]
    elif isinstance(right, str):
        options = getattr(puzzle.spec, "options", ())
        candidates = [o.id for o in options if o.id != right] or ["réponse au hasard", "0000"]
        rng.shuffle(candidates)
    elif isinstance(right, list):
        candidates = [list(reversed(right)), right[1:] + right[:1]]
    elif isinstance(right, dict):
        keys = list(right)
        if len(keys) > 1 and all(isinstance(v, str) for v in right.values()):
            swapped = dict(right)
            swapped[keys[0]], swapped[keys[1]] = right[keys[1]], right[keys[0]]
            candidates = [swapped]
        elif all(isinstance(v, (int, float)) for v in right.values()):
            candidates = [{k: v + 40 for k, v in right.items()}]
    for candidate in candidates:
        try:
            if not judge(puzzle.spec, candidate).correct:
                return candidate
        except (ValueError, TypeError, KeyError):
            continue
    return None


def play(game: Game, folder: Path, pupil: Pupil, seed: int) -> dict[str, Any]:
    """One pupil's game, through the walkthrough's actions, with their mistakes."""
    walkthrough = game_walkthrough(folder)
    assert walkthrough is not None
    rng = random.Random(seed)
    session = Session(game, walkthrough.options, autosave=False)
    shift = 0.0  # extra seconds: thinking, wrong tries, hints
    steps = [c for _line, c in walkthrough.commands if c is not None]
    for index, command in enumerate(steps):
        if session.ended:
            break
        if (pupil.stop or pupil.unfinished) and index > len(steps) // 2:
            if pupil.stop:
                session.do(cmd.Stop(command.t + shift))
            break
        if pupil.late and index == len(steps) // 3:
            shift += (game.timer_minutes or 8) * 60  # daydreaming: the clock runs out
        if isinstance(command, cmd.Answer):
            puzzle = game.puzzles[command.puzzle]
            if puzzle.hints and rng.random() < 0.2:
                shift += 15
                session.do(cmd.Hint(command.t + shift, command.puzzle))
            if not ptypes.get(puzzle.type).scored:  # a poll: an opinion, spread out
                options = [o.id for o in getattr(puzzle.spec, "options", ())]
                session.do(cmd.Answer(command.t + shift, command.puzzle,
                                      rng.choice(options) if options else command.value))
                continue
            right = rng.random() < pupil.level
            if not right or rng.random() < 0.25:
                wrong = _wrong(game, command.puzzle, command.value, rng)
                if wrong is not None:
                    shift += rng.uniform(5, 30)
                    session.do(cmd.Answer(command.t + shift, command.puzzle, wrong))
                    if session.state.puzzle(command.puzzle).status != "open":
                        continue  # lost: the walkthrough's « next » comes
            shift += rng.uniform(0, 20)
            session.do(replace(command, t=command.t + shift))
        else:
            session.do(replace(command, t=command.t + shift))
    started = (START + timedelta(minutes=pupil.start_min)).isoformat()
    return result_from_session(session, pupil.name, group=pupil.group, started_at=started,
                               machine=pupil.machine)


def make_class(game_id: str, out: Path, count: int | None = None) -> list[Path]:
    """The class's result files for the bundled game ``game_id``, written into ``out``
    (the first ``count`` pupils of the cast, all by default)."""
    folder = bundled_games() / game_id
    game = load_game(folder).game
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for k, pupil in enumerate(cast()[:count]):
        result = play(game, folder, pupil, seed=k)
        path = out / file_name(result)
        path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    print(len(make_class(sys.argv[1], Path(sys.argv[2]))))
