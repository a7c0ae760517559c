"""Saves that come back wrong: a game killed at its very end, a save naming what the
game does not have (edited, damaged, or of another build), a second window on the
same folder, temporary files left by a kill."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from engine.content.loader import load_game  # noqa: E402
from engine.core import commands as cmd  # noqa: E402
from engine.core.rules import Options  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.debrief import DebriefScene  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.player.scenes.play import PlayScene  # noqa: E402
from engine.results.resultfile import read_result, result_from_session  # noqa: E402
from engine.results.store import Store  # noqa: E402
from engine.session import SaveError, Session, save_path_for  # noqa: E402

from .conftest import FIXTURES, GAMES, ROOT  # noqa: E402

PLAYER = f"""
import os, sys, time
sys.path.insert(0, {str(ROOT)!r})
from pathlib import Path
from engine.player.app import App
from engine.player.pilot import Pilot
from engine.player.prefs import Preferences
from engine.player.scenes.home import HomeScene
from engine.player.scenes.intro import IntroScene
from engine.replay import read_walkthrough
folder = Path(sys.argv[1])
walkthrough = read_walkthrough(folder / "walkthrough.yaml")
app = App((1366, 768), prefs=Preferences({{"sound": False}}), seed=walkthrough.options.seed)
app.push(HomeScene(app))
pilot = Pilot(app)
app.push(IntroScene(app, str(folder)))
pilot.click("field:who")
pilot.type(sys.argv[2])
pilot.click("start")
steps = int(sys.argv[3])
for _line, command in [c for c in walkthrough.commands if c[1] is not None][:steps]:
    pilot.perform(command)
scene = app.scene
print("ended" if scene.session.ended else "playing", type(scene).__name__, flush=True)
time.sleep(60)
"""


def _player(folder: Path, who: str, steps: int = 10_000) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-c", PLAYER, str(folder), who, str(steps)],
                               stdout=subprocess.PIPE, text=True, env={**os.environ})
    return process, process.stdout.readline().strip()


def _home() -> tuple[App, Pilot]:
    """The home screen, with the fixture games installed in the user's games folder."""
    import shutil

    games = Path(os.environ["SESAME_HOME"]) / "games"
    for name in ("mini_escape", "mini_quiz"):
        if not (games / name).exists():
            shutil.copytree(FIXTURES / name, games / name)
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    return app, Pilot(app)


def test_killed_after_the_final_answer_resumes_at_the_ending_then_the_debrief(sesame_home):
    from engine.player.story import EndingPanel

    process, said = _player(GAMES / "escape_fake_news", "Loutre")
    try:
        # The final answer is given; its ending's message waits for « Continuer ».
        assert said == "ended PlayScene"
    finally:
        process.kill()
        process.wait()
    assert not list((sesame_home / "results").glob("*.json"))  # killed before the debrief
    app, pilot = _home()
    pilot.click("resume:escape_fake_news")
    pilot.click("start")
    # The ending's front page first, as at the end of play; then the debrief.
    assert isinstance(app.scene, PlayScene) and isinstance(app.scene.panel, EndingPanel)
    assert app.scene.panel.title == app.scene.game.endings["une_verifiee"].title.get("fr")
    assert not list((sesame_home / "results").glob("*.json"))
    pilot.press(pygame.K_RETURN)  # « Voir le débriefing »
    assert isinstance(app.scene, DebriefScene)
    assert app.scene.session.state.ending == "une_verifiee"
    [kept] = (sesame_home / "results").glob("*.json")  # the result file is written now
    assert read_result(kept).pseudonym == "Loutre" and read_result(kept).ended
    assert not save_path_for("escape_fake_news").exists()  # nothing left to resume
    with Store() as store:
        [stored] = store.export("Loutre")["sessions"]
    assert stored["ended"]


# --- a save that names what the game does not have --------------------------------------

def _saved(name: str, commands: list[cmd.Command], options: Options = Options(seed=3),
           path: Path | None = None) -> tuple:
    game = load_game(FIXTURES / name).game
    path = path or save_path_for(game.id)
    session = Session(game, options=options, save_path=path, player="Lynx",
                      started_at="2026-03-12T10:15:00+01:00")
    for command in commands:
        session.do(command)
    return game, path, json.loads(path.read_text(encoding="utf-8"))


ESCAPE_STEPS = [cmd.Inspect(5, "interrupteur"), cmd.Inspect(10, "tiroir"), cmd.Examine(15, "badge"),
                cmd.Inspect(20, "coffre"), cmd.Hint(25, "code_coffre")]


@pytest.mark.parametrize("where, value, words", [
    (("state", "room"), "nulle_part", "salle « nulle_part » inconnue"),
    (("state", "inventory"), ["licorne"], "objet « licorne » inconnu"),
    (("state", "progress", "enigme_fantome"), {"status": "solved"}, "énigme « enigme_fantome » inconnue"),
    (("state", "ending"), "fin_inventee", "fin « fin_inventee » inconnue"),
    (("state", "t"), 1e308, "durée impossible"),
    (("options", "time_factor"), "vite", "incomplète ou abîmée"),
    (("log",), [{"t": 1, "event": {"event": "AnswerJudged"}}], "journal de la partie abîmé"),
])
def test_a_save_naming_what_the_game_lacks_is_set_aside_with_the_reason(sesame_home, where, value, words, capsys):
    game, path, data = _saved("mini_escape", ESCAPE_STEPS)
    target = data
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    app, pilot = _home()
    pilot.click("resume:mini_escape")
    pilot.click("start")
    assert isinstance(app.scene, IntroScene)
    notice = app.scene.notice
    assert words in notice and "ton enseignante ou ton enseignant pourra la retrouver" in notice
    assert "/" not in notice and ".json" not in notice  # no path for a pupil: it goes to the log
    assert str(path.with_name("mini_escape.abime.json")) in capsys.readouterr().err
    pilot.click("back")
    assert "resume:mini_escape" not in pilot.ids()  # set aside: « Reprendre » is not offered again
    assert json.loads(path.with_name("mini_escape.abime.json").read_text(encoding="utf-8")) == data
    pilot.click("game:mini_escape")  # and a new game starts normally
    pilot.click("start")
    assert isinstance(app.scene, PlayScene)


_value = st.one_of(
    st.none(), st.booleans(), st.integers(-2, 10**12), st.integers(10**300, 10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["nulle_part", "coffre", "code_coffre", "badge", "porte", "victoire", "", "open", "solved",
                     "c1", "c2", "Bleus"]),
    st.lists(st.sampled_from(["coffre", "badge", "licorne", "q_post", "c1", "c2", "c3", "Bleus"]), max_size=3),
    st.dictionaries(st.sampled_from(["code_coffre", "q_post", "x", "c1", "c3"]),
                    st.fixed_dictionaries({"status": st.sampled_from(["open", "solved", "bof"]),
                                           "hints": st.integers(-1, 5)}), max_size=2))
_places = st.sampled_from([
    ("state", "room"), ("state", "inventory"), ("state", "inspected"), ("state", "unlocked"),
    ("state", "progress"), ("state", "queue"), ("state", "position"), ("state", "ending"), ("state", "t"),
    ("state", "seen"), ("state", "counters"), ("state", "flags"), ("state", "teams"), ("state", "turn"),
    ("state", "revealed"), ("state", "seed"), ("options", "seed"), ("options", "teams"),
    ("options", "time_factor"), ("player",), ("members",), ("started_at",), ("log",), ("state", "time_up")])


CHALLENGE_STEPS = [cmd.Answer(5, "c1", True), cmd.Next(6), cmd.Hint(8, "c2")]


@pytest.fixture(scope="module", params=["mini_escape", "mini_challenge"])
def some_save(request, tmp_path_factory) -> tuple:
    path = tmp_path_factory.mktemp("saves") / "save.json"
    if request.param == "mini_escape":
        return _saved("mini_escape", ESCAPE_STEPS, path=path)
    return _saved("mini_challenge", CHALLENGE_STEPS, Options(seed=2, teams=("Bleus", "Verts")), path=path)


@settings(max_examples=int(os.environ.get("SESAME_FUZZ_EXAMPLES", 200)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.tuples(_places, _value), min_size=1, max_size=3))
def test_any_edited_save_is_refused_in_words_or_plays_to_the_end(some_save, tmp_path, changes):
    game, _path, original = some_save
    data = copy.deepcopy(original)
    for where, value in changes:
        target = data
        for key in where[:-1]:
            target = target[key]
        target[where[-1]] = value
    path = tmp_path / "save.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        session = Session.resume(game, path)
    except SaveError as error:
        assert str(error)
        return
    session.autosave = False
    for _step in range(40):  # whatever was let through plays on without a lookup failing
        if session.ended:
            break
        actions = session.rules.actions(session.state)
        if not actions:
            break
        session.do(actions[0])
    session.rules.visible(session.state)
    session.score()
    if session.player:
        result_from_session(session, session.player, started_at=session.started_at or "2026-01-01T00:00:00")
        with Store(tmp_path / "db.sqlite3") as store:
            store.save(session, session.player, started_at=session.started_at)


# --- one game per save: a second window ---------------------------------------------------

def test_a_second_window_is_told_and_plays_a_new_game_apart(sesame_home):
    first, said = _player(FIXTURES / "mini_escape", "Léa", steps=3)
    try:
        assert said == "playing PlayScene"
        main = save_path_for("mini_escape")
        before = main.read_bytes()
        app, pilot = _home()
        assert "resume:mini_escape" not in pilot.ids()  # it is being played elsewhere
        pilot.click("game:mini_escape")
        pilot.click("field:who")
        pilot.type("Tom")
        pilot.click("start")
        intro = app.scene
        assert isinstance(intro, IntroScene)
        assert f"déjà ouverte dans une autre fenêtre de Sésame (processus {first.pid})" in intro.notice
        assert intro.widget("start").label == "Nouvelle partie"
        pilot.click("start")
        assert isinstance(app.scene, PlayScene)
        pilot.perform(cmd.Inspect(5, "interrupteur"))
        apart = save_path_for("mini_escape", 2)
        assert json.loads(apart.read_text(encoding="utf-8"))["player"] == "Tom"
        assert main.read_bytes() == before  # Léa's game untouched
        pilot.press(__import__("pygame").K_ESCAPE)
        pilot.click("leave")
    finally:
        first.kill()  # the first window is killed: its claim ends with it
        first.wait()
    app.home()
    app.scene.relayout()
    pilot.click("resume:mini_escape")
    pilot.click("start")
    assert isinstance(app.scene, PlayScene) and app.scene.session.player == "Léa"


# --- temporary files ---------------------------------------------------------------------

def test_temporary_files_left_by_a_kill_are_cleaned_at_start(sesame_home):
    saves = sesame_home / "saves"
    saves.mkdir(parents=True)
    stale = saves / ".mini_escape.json.x1y2.tmp"
    stale.write_text('{"player": "Léa", "state": {', encoding="utf-8")
    legacy = saves / "mini_escape.jsonab12.tmp"  # the names older versions used
    legacy.write_text('{"player": "Léa"', encoding="utf-8")
    for path in (stale, legacy):
        os.utime(path, (time.time() - 600, time.time() - 600))
    # A real start, in its own process (the first frame, then pygame quits).
    done = subprocess.run([sys.executable, "-m", "engine", "--first-frame-and-exit"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "SESAME_HOME": str(sesame_home)})
    assert "first-frame" in done.stdout, done.stderr
    assert list(saves.iterdir()) == []


def test_a_game_id_read_unchecked_never_leads_out_of_the_saves_folder(sesame_home):
    for forged in ("../../etc/passwd", "C:\\x", "a/b", "x" * 300, ""):
        path = save_path_for(forged, 2)
        assert path.parent == sesame_home / "saves" and path.name.startswith("jeu-")
    assert save_path_for("escape_fake_news").name == "escape_fake_news.json"
