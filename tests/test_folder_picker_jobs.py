"""The folder picker never waits for the disk in the frame loop (issue 9, item 6): the
places (a disconnected network drive answers after seconds) and a folder's sub-folders
(a OneDrive « Documents » of thousands of entries) are read on a worker thread, the
window keeps drawing and answering meanwhile, and the person can go elsewhere.
Reading a chosen folder's files, with its progress and « Annuler », is
tests/test_player_e2e.py's."""

from __future__ import annotations

import os
import threading
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.scenes import folder as folder_module  # noqa: E402
from engine.player.scenes.folder import FolderScene  # noqa: E402

from .test_player_e2e import open_teacher  # noqa: E402

FRAME_LIMIT_S = 0.25  # a frame while the disk hangs: a few ms here; generous for shared CI machines


@pytest.fixture
def hanging():
    """A disk that does not answer until the test lets it (at most 60 s)."""
    answer = threading.Event()
    yield answer
    answer.set()  # never leave a worker waiting


def open_picker() -> tuple[App, Pilot]:
    app, pilot = open_teacher()
    pilot.click("choose")
    return app, pilot


def frames_go_on(app: App, count: int = 20) -> None:
    for _ in range(count):
        started = time.perf_counter()
        app.step([], dt=0.02)
        assert time.perf_counter() - started < FRAME_LIMIT_S


def test_places_that_hang_leave_the_window_drawing_and_a_path_can_be_typed(monkeypatch, tmp_path, hanging):
    def slow_places(progress=None):
        hanging.wait(60)
        return [("Documents", tmp_path)]

    monkeypatch.setattr(folder_module, "candidate_folders", slow_places)
    started = time.perf_counter()
    app, pilot = open_picker()
    picker = app.scene
    assert isinstance(picker, FolderScene)
    assert time.perf_counter() - started < 5  # the screen waited PLACES_WAIT_S, not for the disk
    assert picker.busy and picker.message == "Recherche des clés USB et des dossiers…"
    frames_go_on(app)
    pilot.click("path")  # the window answers: a path can be typed meanwhile
    pilot.type("abc")
    assert picker.path_field.value == "abc"
    hanging.set()
    pilot.settle()
    assert not picker.busy and picker.message == ""
    assert [w.label for w in picker.widgets if w.id.startswith("folder:")] == ["Documents"]


def test_a_folder_slow_to_list_leaves_the_window_drawing_and_can_be_left(monkeypatch, tmp_path, hanging):
    (tmp_path / "Classe").mkdir()
    monkeypatch.setattr(folder_module, "candidate_folders", lambda progress=None: [("Documents", tmp_path)])
    real = folder_module.subfolders

    def slow_subfolders(folder, progress=None):
        if folder == tmp_path:
            hanging.wait(60)
        return real(folder, progress)

    monkeypatch.setattr(folder_module, "subfolders", slow_subfolders)
    app, pilot = open_picker()
    picker = app.scene
    pilot.click("folder:0")  # Documents: its listing hangs
    assert picker.current == tmp_path and picker.busy
    assert picker.message.startswith("Lecture du dossier…")
    frames_go_on(app)
    # not stuck there: back to the places, whose buttons still answer
    labels = {w.label: w.id for w in picker.widgets if w.id.startswith("folder:")}
    pilot.click(labels["Autres emplacements (clés USB, Documents…)"])
    assert picker.current is None and not picker.busy and picker.message == ""
    hanging.set()  # the abandoned listing ends on its own; nothing of it is shown
    pilot.click("folder:0")
    pilot.settle()
    assert "Classe" in [w.label for w in picker.widgets if w.id.startswith("folder:")]


def test_a_long_listing_counts_what_it_has_seen_and_can_be_cancelled(monkeypatch, tmp_path):
    """A folder of many thousands of entries (a synced « Documents »): the count of
    entries seen moves on screen, and « Annuler » stops the reading and goes back."""
    monkeypatch.setattr(folder_module, "candidate_folders", lambda progress=None: [("Documents", tmp_path)])
    stopped = threading.Event()

    def endless(folder, progress=None):
        try:
            while True:  # stops only through progress.step raising Cancelled
                progress.step(folder)
                time.sleep(0.001)
        finally:
            stopped.set()

    monkeypatch.setattr(folder_module, "subfolders", endless)
    app, pilot = open_picker()
    picker = app.scene
    pilot.click("folder:0")
    deadline = time.perf_counter() + 10
    while "éléments vus" not in picker.message and time.perf_counter() < deadline:
        app.step([], dt=0.3)
        time.sleep(0.05)
    assert "éléments vus" in picker.message, picker.message
    pilot.click("cancel")
    assert stopped.wait(10)
    for _ in range(3):
        app.step([], dt=0.3)
    assert picker.current is None and picker.message == "Annulé." and not picker.busy
