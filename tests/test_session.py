"""Sessions: saved after every command, resumed exactly, even after a kill."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from engine.content.loader import load_game
from engine.core import commands as cmd
from engine.replay import read_walkthrough
from engine.session import SaveError, Session, save_path_for
from engine.storage import set_aside, temporary_files

from .conftest import FIXTURES, KILLED, ROOT


@pytest.fixture
def game():
    return load_game(FIXTURES / "mini_escape").game


def test_every_command_is_saved_and_resumes_exactly(game, tmp_path):
    path = tmp_path / "save.json"
    session = Session(game, save_path=path)
    for command in (cmd.Inspect(5, "interrupteur"), cmd.Inspect(9, "coffre"), cmd.Hint(12, "code_coffre")):
        session.do(command)
        resumed = Session.resume(game, path)
        assert resumed.state == session.state
        assert [e.event for e in resumed.log] == [e.event for e in session.log]
    assert resumed.do(cmd.Answer(20, "code_coffre", "1945")) == session.do(cmd.Answer(20, "code_coffre", "1945"))


@pytest.mark.parametrize("content, reason", [
    ("{not json", "illisible"),
    ('{"format": 99}', "autre version"),
    ('{"format": 1, "game": "autre"}', "autre jeu"),
    ('{"format": 1, "game": "mini_escape", "content_hash": "x"}', "modifié"),
])
def test_unusable_saves_say_why(game, tmp_path, content, reason):
    path = tmp_path / "save.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SaveError, match=reason):
        Session.resume(game, path)
    kept = set_aside(path)
    assert kept is not None and kept.read_text(encoding="utf-8") == content  # nothing lost


def test_a_save_survives_an_update_of_its_game_while_it_still_fits(game, tmp_path):
    """A pupil's game in progress is not lost because the game was updated (new pictures,
    moved zones, a reworded text): it resumes while its rooms, puzzles and objects exist."""
    import dataclasses

    path = tmp_path / "save.json"
    session = Session(game, save_path=path)
    for command in (cmd.Inspect(5, "interrupteur"), cmd.Inspect(9, "coffre"), cmd.Hint(12, "code_coffre")):
        session.do(command)
    updated = dataclasses.replace(game, content_hash="une autre version")
    resumed = Session.resume(updated, path)
    assert resumed.state == session.state
    # A save that no longer fits (its room is gone) says the game changed.
    data = json.loads(path.read_text(encoding="utf-8"))
    data["state"]["room"] = "salle_disparue"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="modifié depuis cette sauvegarde"):
        Session.resume(updated, path)
    with pytest.raises(SaveError, match="ne correspond pas"):
        Session.resume(game, path)


def test_truncated_save_is_refused(game, tmp_path):
    path = tmp_path / "save.json"
    Session(game, save_path=path).do(cmd.Inspect(1, "interrupteur"))
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["state"]["progress"]
    data["state"]["seed"] = "x"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError):
        Session.resume(game, path)


PLAYER = """
import os, sys, time
from pathlib import Path
from engine.content.loader import load_game
from engine.replay import read_walkthrough
from engine.session import Session
game = load_game(sys.argv[1]).game
walkthrough = read_walkthrough(Path(sys.argv[1]) / "walkthrough.yaml")
save, pause_at = Path(sys.argv[2]), int(sys.argv[3])
replace, saves = os.replace, 0

def replace_or_wait(source, target, *args, **kwargs):
    # storage.write_atomic's last step: the new save is written in full beside the old
    # one and about to take its place. The pause_at-th time, say so and wait to be killed.
    global saves
    if Path(target) == save:
        saves += 1
        if saves == pause_at:
            print("mid-write", flush=True)
            time.sleep(120)
    return replace(source, target, *args, **kwargs)

os.replace = replace_or_wait
session = Session(game, options=walkthrough.options, save_path=save)
print(len(session.log), flush=True)
for _line, command in walkthrough.commands:
    if command is not None:
        session.do(command)
        print(len(session.log), flush=True)
"""


def test_killed_at_random_points_the_save_is_always_whole_and_resumable(tmp_path):
    """Killed in the middle of writing a save (a handshake: the player says when it is
    there), at a random save of the game each time: the previous save is intact, the
    game resumes from it and finishes like an uninterrupted one."""
    folder = FIXTURES / "mini_quiz"
    game = load_game(folder).game
    commands = [c for _l, c in read_walkthrough(folder / "walkthrough.yaml").commands if c is not None]
    rng = random.Random(4)
    for attempt in range(8):
        path = tmp_path / f"save{attempt}.json"
        pause_at = 1 if attempt == 0 else rng.randint(2, len(commands) + 1)  # save 1: the game's start
        process = subprocess.Popen([sys.executable, "-c", PLAYER, str(folder), str(path), str(pause_at)],
                                   cwd=ROOT, stdout=subprocess.PIPE, text=True)
        saved = None  # the length of the log in the last save that took its place
        for line in process.stdout:
            if line.strip() == "mid-write":
                break
            saved = int(line)
        else:
            pytest.fail(f"the player never reached its save number {pause_at}: {process.wait()}")
        process.kill()  # SIGKILL, or TerminateProcess on Windows: no clean-up
        assert process.wait() == KILLED
        process.stdout.close()
        # the kill landed mid-write: the new save is still the temporary file beside
        assert [p.name.startswith(f".{path.name}.") for p in temporary_files(tmp_path)] == [True], attempt
        for left in temporary_files(tmp_path):
            left.unlink()
        if saved is None:
            assert not path.exists()  # killed before the first save: nothing to resume
            continue
        session = Session.resume(game, path)  # never a torn file
        assert len(session.log) == saved, (attempt, pause_at)  # the previous save, whole
        assert not session.ended
        # the resumed game finishes like an uninterrupted one
        for command in commands:
            if session.ended:
                break
            if isinstance(command, cmd.Answer) and session.state.puzzle(command.puzzle).status != "open":
                continue
            if isinstance(command, cmd.Next) and session.state.puzzle(session.state.current).status == "open":
                continue
            session.do(command)
        assert session.state.ending == "bravo", (attempt, pause_at)


def test_save_path_is_in_the_user_folder(game, sesame_home):
    assert save_path_for(game.id) == sesame_home / "saves" / "mini_escape.json"
