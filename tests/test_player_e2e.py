"""End to end through the real interface (dummy video driver): each game's walkthrough
is played by clicking, tapping and typing, from the home screen to the debrief."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.debrief import DebriefScene  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402

from .conftest import FIXTURES, GAMES  # noqa: E402

CASES = [FIXTURES / "mini_escape", FIXTURES / "mini_quiz", FIXTURES / "mini_challenge"] + sorted(
    p for p in GAMES.iterdir() if (p / "walkthrough.yaml").exists())


def play_through(pilot, walkthrough) -> None:
    """Every action of the walkthrough, through the interface, then what is left to close."""
    for _line, command in walkthrough.commands:
        if command is not None:
            pilot.perform(command)
    pilot.dismiss()


def start(folder, size=(1366, 768), **prefs):
    app = App(size, prefs=Preferences({"sound": False, **prefs}))
    app.push(HomeScene(app))
    walkthrough = read_walkthrough(folder / "walkthrough.yaml")
    app.push(IntroScene(app, str(folder)))
    pilot = Pilot(app)
    if walkthrough.options.teams:
        pilot.click(f"teams:{len(walkthrough.options.teams)}")
    app.seed = walkthrough.options.seed
    pilot.click("start")
    return app, pilot, walkthrough


def open_teacher():
    """The home screen, then the teachers' space (reached through Réglages)."""
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    pilot = Pilot(app)
    pilot.click("settings")  # the teachers' space is in Réglages
    pilot.click("teacher")
    return app, pilot


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
def test_walkthrough_through_the_interface(folder):
    app, pilot, walkthrough = start(folder)
    play_through(pilot, walkthrough)
    assert isinstance(app.scene, DebriefScene), type(app.scene).__name__
    assert app.scene.session.state.ending == walkthrough.expect_ending


def test_a_whole_game_with_the_keyboard_only():
    folder = GAMES / "escape_fake_news"
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    pilot = Pilot(app, mode="keyboard")
    pilot.click("game:escape_fake_news")
    pilot.click("start")
    walkthrough = read_walkthrough(folder / "walkthrough.yaml")
    play_through(pilot, walkthrough)
    assert isinstance(app.scene, DebriefScene)
    assert app.scene.session.state.ending == walkthrough.expect_ending


def test_a_quiz_by_touch():
    app, pilot, walkthrough = start(FIXTURES / "mini_quiz")
    pilot.mode = "touch"
    for _line, command in walkthrough.commands:
        if command is not None:
            pilot.perform(command)
    assert isinstance(app.scene, DebriefScene)


def test_panels_fade_in_unless_motion_is_reduced():
    for reduced, animates in ((False, True), (True, False)):
        app, pilot, _walkthrough = start(FIXTURES / "mini_escape", reduced_motion=reduced)
        pilot.click("object:coffre")  # opens the lock's panel
        assert app.step([], dt=0.05) is animates
        app.step([], dt=0.5)
        assert app.step([], dt=0.05) is False  # short: done within 0.2 s


def test_who_plays_is_recorded_and_the_result_written(sesame_home):
    from engine.results.resultfile import read_result
    from engine.results.store import Store

    app = App((1366, 768), prefs=Preferences({"sound": False}), seed=0)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(FIXTURES / "mini_escape")))
    pilot.click("field:who")
    pilot.type("Lynx")
    pilot.click("field:group")
    pilot.type("2nde B")
    pilot.click("start")
    walkthrough = read_walkthrough(FIXTURES / "mini_escape" / "walkthrough.yaml")
    play_through(pilot, walkthrough)
    assert isinstance(app.scene, DebriefScene)
    with Store() as store:
        exported = store.export("Lynx")
    assert exported["sessions"][0]["score"] == 20
    [kept] = (sesame_home / "results").glob("*.json")  # a copy always stays on the computer
    result = read_result(kept)
    assert (result.pseudonym, result.group, result.score) == ("Lynx", "2nde B", 20)


def test_facilitator_mode_behind_a_key_combination():
    import pygame

    from engine.player.scenes.facilitator import FacilitatorPanel, ProjectorScene

    app, pilot, _walkthrough = start(GAMES / "escape_fake_news")
    scene = app.scene
    assert scene.widget("add-time") is None  # not for pupils
    pilot.press(pygame.K_a, mod=pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    assert isinstance(scene.panel, FacilitatorPanel)
    left = scene.session.rules.time_left(scene.session.state)
    pilot.click("add-time")
    assert scene.session.rules.time_left(scene.session.state) == left + 300
    pilot.click("clock")  # pause: the clock stops
    pilot.wait(30)
    assert scene.t == 0
    pilot.click("clock")
    pilot.click("projector")
    assert isinstance(app.scene, ProjectorScene)
    pilot.press(pygame.K_SPACE)
    assert app.scene is scene
    pilot.click("close")
    pilot.click("object:fiche_profil")  # opens the first puzzle
    pilot.press(pygame.K_a, mod=pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    pilot.click("give-hint")
    assert scene.session.state.puzzle("p_profil").hints == 1
    pilot.click("skip-puzzle")
    assert scene.session.state.puzzle("p_profil").status == "skipped"
    pilot.click("reveal")
    assert isinstance(app.scene, DebriefScene)


def test_facilitator_resets_for_the_next_group():
    import pygame

    app, pilot, _walkthrough = start(GAMES / "metiers_industrie")
    pilot.past_handover()  # « Au tour de l’équipe 1 »
    pilot.press(pygame.K_a, mod=pygame.KMOD_CTRL | pygame.KMOD_SHIFT)
    pilot.click("reset")
    assert isinstance(app.scene, IntroScene)


def test_teacher_screen_reads_a_folder_and_exports_the_summary(tmp_path):
    from engine.content.loader import load_game
    from engine.core import commands as cmd
    from engine.player.scenes.teacher import TeacherScene
    from engine.results.resultfile import result_from_session, write_result
    from engine.session import Session

    game = load_game(FIXTURES / "mini_quiz").game
    collected = tmp_path / "cle_usb"
    for index, name in enumerate(["Ana", "Basile", "Chloé"]):
        session = Session(game, autosave=False)
        for _line, command in read_walkthrough(FIXTURES / "mini_quiz" / "walkthrough.yaml").commands:
            if command is not None:
                if isinstance(command, cmd.Answer) and command.puzzle == "q4" and index:
                    command = cmd.Answer(command.t, "q4", "Paris")
                session.do(command)
        write_result(result_from_session(session, name, started_at=f"2026-11-2{index}T09:00:00+01:00"), collected)
    app, pilot = open_teacher()
    assert isinstance(app.scene, TeacherScene)
    teacher = app.scene
    pilot.click("choose")
    pilot.click("path")
    pilot.type(str(collected))
    pilot.press(pygame_key("RETURN"))
    pilot.settle()
    assert app.scene is teacher and teacher.summary is not None
    assert teacher.summary.overview.pupils == 3
    assert any("peu réussie" in line for line in teacher.lines)  # q4: 1 in 3
    pilot.click("export")
    pilot.click("path")
    pilot.type(str(tmp_path / "synthese"))
    pilot.press(pygame_key("RETURN"))
    pilot.settle()
    assert {p.name for p in (tmp_path / "synthese").iterdir()} == {"synthese.xlsx"}  # the main export
    pilot.click("back")
    pilot.click("export-html")
    pilot.click("path")
    pilot.type(str(tmp_path / "synthese"))
    pilot.press(pygame_key("RETURN"))
    pilot.settle()
    assert {p.name for p in (tmp_path / "synthese").iterdir()} == {"synthese.xlsx", "synthese.html"}
    pilot.click("back")
    # The views and the attempt rule: the same summary, seen otherwise.
    pilot.click("view:grid")
    pilot.click("view:pupils")
    assert any(line.startswith("Chloé") for line in teacher.lines)
    pilot.click("rule:best")
    assert teacher.summary.attempt_rule == "best"


def test_folders_are_browsed_without_typing(tmp_path):
    """A place, then its sub-folders, down to the folder to choose: no path typed."""
    from engine.player.scenes.folder import FolderScene

    (tmp_path / "classe" / "4B").mkdir(parents=True)
    (tmp_path / "classe" / "Écrits").mkdir()
    chosen = []
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    picker = FolderScene(app, "Où ?", lambda folder: chosen.append(folder) or "ok")
    app.push(picker)
    pilot = Pilot(app)
    pilot.settle()
    picker.browse(tmp_path)
    pilot.settle()
    labels = {w.id: getattr(w, "label", "") for w in picker.widgets}
    assert labels["folder:2"] == "classe"
    pilot.click("folder:2")
    pilot.settle()
    assert [getattr(w, "label", "") for w in picker.widgets if w.id.startswith("folder:")][2:] == ["4B", "Écrits"]
    pilot.click("folder:2")
    pilot.settle()
    pilot.click("choose-here")
    assert chosen == [tmp_path / "classe" / "4B"]


def pygame_key(name: str) -> int:
    import pygame

    return getattr(pygame, f"K_{name}")


def test_facilitators_guide_from_the_intro_and_result_on_demand(sesame_home, tmp_path):
    import pygame

    app = App((1366, 768), prefs=Preferences({"sound": False}), seed=0)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    pilot.click("game:escape_fake_news")
    assert app.scene.widget("guide") is None  # every solution: not offered to pupils
    pilot.press(pygame.K_a, mod=pygame.KMOD_CTRL | pygame.KMOD_SHIFT)  # the facilitator's keys
    pilot.click("guide")
    [guide] = (sesame_home / "guides").glob("guide-escape_fake_news.html")
    assert "La solution pas à pas" in guide.read_text(encoding="utf-8")
    pilot.click("field:who")
    pilot.type("Castor")
    pilot.click("start")
    pilot.press(pygame.K_ESCAPE)  # pause menu
    pilot.click("save-result")
    pilot.click("path")
    pilot.type(str(tmp_path / "cle"))
    pilot.press(pygame.K_RETURN)
    [result] = (tmp_path / "cle").glob("*.json")
    assert "Castor" in result.read_text(encoding="utf-8")


@pytest.mark.parametrize("folder", [GAMES / "escape_fake_news", GAMES / "metiers_industrie"], ids=lambda p: p.name)
def test_games_can_be_finished_at_200_percent_text(folder):
    """Large text moves much of each screen below the fold: everything must stay reachable."""
    app, pilot, walkthrough = start(folder, text_scale=2.0, reduced_motion=True)
    play_through(pilot, walkthrough)
    assert isinstance(app.scene, DebriefScene)
    assert app.scene.session.state.ending == walkthrough.expect_ending


def test_reading_a_huge_folder_keeps_the_window_answering_and_can_be_cancelled(tmp_path, monkeypatch):
    """A « Documents » that never ends (OneDrive, a slow network drive): the scan runs
    off the frame loop, shows how far it got, and « Annuler » stops it."""
    import time

    import engine.player.scenes.teacher as teacher_module
    from engine.player.scenes.folder import FolderScene

    def endless(paths, on_entry=None):
        for number in range(10**9):
            on_entry(tmp_path / f"fichier_{number}.docx")
            time.sleep(0.0005)

    monkeypatch.setattr(teacher_module, "find_result_files", endless)
    app, pilot = open_teacher()
    pilot.click("choose")
    pilot.click("path")
    pilot.type(str(tmp_path))
    pilot.press(pygame_key("RETURN"))
    picker = app.scene
    assert isinstance(picker, FolderScene) and picker.busy
    started = time.monotonic()
    while picker.work.job.progress.count < 50:
        app.step([], dt=0.01)  # the frame loop goes on meanwhile,
        time.sleep(0.005)  # and waits for the next frame as App.run's clock does (a loop
        # that never waits starves the worker of the GIL: ~1 file a second)
        assert time.monotonic() - started < 60  # generous: CI machines are shared
    app.step([], dt=0.3)  # the progress is drawn again a few times a second
    assert "fichiers ou dossiers vus" in picker.message
    assert not picker.widget("use-path").enabled
    pilot.click("cancel")
    pilot.settle()
    assert app.scene is picker and picker.message == "Annulé."


def test_a_folder_of_thousands_of_files_is_read_in_the_background(tmp_path):

    for number in range(40):
        folder = tmp_path / "Documents" / f"dossier_{number}"
        folder.mkdir(parents=True)
        for index in range(100):
            (folder / f"note_{index}.txt").write_text("x")
    app, pilot = open_teacher()
    teacher = app.scene
    pilot.click("choose")
    pilot.click("path")
    pilot.type(str(tmp_path / "Documents"))
    pilot.press(pygame_key("RETURN"))
    pilot.settle()
    assert app.scene is teacher and teacher.summary is None
    assert teacher.lines[0].startswith("Aucun fichier de résultat utilisable")
