"""The disk says no, through the real interface: a full disk, a read-only folder or
database, a damaged database page. The game goes on, the pupil is told once why,
saving resumes by itself, and nothing is lost.

Failures are simulated portably (they run as root, where ``chmod`` changes nothing,
and on Windows): at the level of the system call for files (``fsync`` refusing with
``ENOSPC``, as a full disk does; ``mkstemp`` refusing with ``EROFS``), and in SQLite
itself for the database (``PRAGMA max_page_count`` makes it really full, a ``mode=ro``
connection really read-only, bytes written over a page really damage it). Where the
tests run as root on Linux, they also run once for real: a tiny tmpfs filled up, and
a read-only bind mount.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pytest  # noqa: E402

from engine import storage  # noqa: E402
from engine.player.app import App  # noqa: E402
from engine.player.pilot import Pilot  # noqa: E402
from engine.player.prefs import Preferences  # noqa: E402
from engine.player.scenes.debrief import DebriefScene  # noqa: E402
from engine.player.scenes.home import HomeScene  # noqa: E402
from engine.player.scenes.intro import IntroScene  # noqa: E402
from engine.player.scenes.panels import MessagePanel  # noqa: E402
from engine.player.scenes.play import PlayScene  # noqa: E402
from engine.replay import read_walkthrough  # noqa: E402
from engine.results import store as store_module  # noqa: E402
from engine.results.store import Store  # noqa: E402
from engine.session import save_path_for  # noqa: E402

from .conftest import FIXTURES  # noqa: E402

ESCAPE = FIXTURES / "mini_escape"


def begin(who: str = "Lynx", folder: Path = ESCAPE) -> tuple[App, Pilot, list]:
    app = App((1366, 768), prefs=Preferences({"sound": False, "reduced_motion": True}), seed=0)
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.push(IntroScene(app, str(folder)))
    if who:
        pilot.click("field:who")
        pilot.type(who)
    pilot.click("start")
    commands = [c for _l, c in read_walkthrough(folder / "walkthrough.yaml").commands if c is not None]
    return app, pilot, commands


class Watch:
    """Counts the messages about saving the pupil is shown, one action after another."""

    def __init__(self, app: App) -> None:
        self.app, self.seen = app, []

    def step(self, pilot: Pilot, command) -> None:
        pilot.perform(command)
        self.collect()

    def collect(self) -> None:
        scene = self.app.scene
        if isinstance(scene, PlayScene):
            for panel in scene.panels:
                if isinstance(panel, MessagePanel) and panel not in self.seen and (
                        "sauvegard" in panel.title or "résultats" in panel.title.lower()
                        or "Base des résultats" in panel.title):
                    self.seen.append(panel)


# --- simulated failures ------------------------------------------------------------------

@contextmanager
def disk_full(monkeypatch):
    """The disk of the user's Sésame folder is full (a USB key elsewhere is not):
    files there are refused when flushed (``ENOSPC``), and SQLite finds no page left
    to grow into. Lifted when the block ends."""
    home = Path(os.environ["SESAME_HOME"]).resolve()
    real_mkstemp, real_fsync, real_connect = storage.tempfile.mkstemp, storage.os.fsync, sqlite3.connect
    on_full_disk: set[int] = set()

    def mkstemp(*args, dir=None, **kwargs):
        fd, name = real_mkstemp(*args, dir=dir, **kwargs)
        if Path(name).resolve().is_relative_to(home):
            on_full_disk.add(fd)
        return fd, name

    def fsync(fd):
        if fd in on_full_disk:
            on_full_disk.discard(fd)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    def full_connect(*args, **kwargs):
        db = real_connect(*args, **kwargs)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {max(1, pages)}")
        return db

    with monkeypatch.context() as patch:
        patch.setattr(storage.tempfile, "mkstemp", mkstemp)
        patch.setattr(storage.os, "fsync", fsync)
        patch.setattr(store_module.sqlite3, "connect", full_connect)
        yield


@contextmanager
def read_only_database(monkeypatch):
    real_connect = sqlite3.connect

    def read_only(path, *args, **kwargs):
        return real_connect(f"file:{path}?mode=ro", *args, uri=True, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(store_module.sqlite3, "connect", read_only)
        yield


def test_full_disk_while_playing_is_said_once_and_saving_resumes(sesame_home, monkeypatch):
    app, pilot, commands = begin()
    watch = Watch(app)
    first, rest = commands[:2], commands[2:]
    for command in first:
        watch.step(pilot, command)
    assert watch.seen == []
    app.keeper.close()  # the disk fills up between two actions (the next write opens again)
    with disk_full(monkeypatch):
        for command in rest[:3]:
            watch.step(pilot, command)
        during = app.scene.session.state
    [told] = watch.seen  # said once, not at every action
    assert told.title == "La partie ne peut pas être sauvegardée"
    assert "le disque est plein" in told.text and "continuer à jouer" in told.text
    assert "libérer de la place" in told.text
    assert during.t > 0 and len(during.inspected) >= 2  # the game went on in memory
    watch.step(pilot, rest[3])  # space again: the next action saves everything
    assert app.scene.toast.startswith("La sauvegarde fonctionne de nouveau")
    session = app.scene.session
    saved = save_path_for("mini_escape").read_text(encoding="utf-8")
    assert '"t": %s' % session.state.t in saved.replace(", ", ",\u0020")
    with Store() as store:
        [stored] = store.export("Lynx")["sessions"]
    assert len(stored["events"]) == len(session.log)  # the database caught up
    assert len(watch.seen) == 1


def test_a_full_disk_at_the_end_offers_a_usb_key_and_keeps_the_save(sesame_home, monkeypatch, tmp_path):
    app, pilot, commands = begin("Hérisson")
    watch = Watch(app)
    for command in commands[:3]:
        watch.step(pilot, command)
    app.keeper.close()
    with disk_full(monkeypatch):
        for command in commands[3:]:
            watch.step(pilot, command)
        pilot.dismiss()
        assert isinstance(app.scene, DebriefScene)
        debrief = app.scene
        [told] = watch.seen
        assert "le disque est plein" in told.text
        assert debrief.unwritten and "n’a pas pu être enregistré sur cet ordinateur : le disque est plein" in debrief.kept
        assert app.scene.focus.id == "save-result"  # the USB key is offered first
        # The save stays, so that nothing is lost if the debrief is left without a key.
        assert save_path_for("mini_escape").exists()
        pilot.click("save-result")
        pilot.click("path")
        pilot.type(str(tmp_path / "cle"))
        pilot.click("use-path")
        pilot.settle()
    [handed] = (tmp_path / "cle").glob("*.json")
    assert "Hérisson" in handed.read_text(encoding="utf-8")
    assert not save_path_for("mini_escape").exists()  # handed over: nothing left to resume


def test_a_full_disk_from_the_start_is_said_at_once(sesame_home, monkeypatch):
    with disk_full(monkeypatch):
        app, pilot, commands = begin("Hérisson")
        assert isinstance(app.scene, PlayScene)
        watch = Watch(app)
        watch.collect()
        [told] = watch.seen
        assert "le disque est plein" in told.text
        for command in commands[:4]:
            watch.step(pilot, command)
        assert len(watch.seen) == 1


def test_a_read_only_folder_is_said_and_the_game_goes_on(sesame_home, monkeypatch):
    def refused(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(storage.tempfile, "mkstemp", refused)
    app, pilot, commands = begin()
    watch = Watch(app)
    watch.collect()
    for command in commands[:4]:
        watch.step(pilot, command)
    [told] = watch.seen
    assert "lecture seule" in told.text and str(sesame_home) in told.text


def test_a_read_only_database_is_said_once(sesame_home, monkeypatch):
    with Store() as store:  # a database exists, but this process may only read it
        store.start(pseudonym="Autre", game_id="x", game_version="1", content_hash="h", started_at="2026-01-01")
    with read_only_database(monkeypatch):
        app, pilot, commands = begin()
        watch = Watch(app)
        watch.collect()
        for command in commands[:5]:
            watch.step(pilot, command)
    [told] = watch.seen
    assert told.title == "Les résultats ne peuvent pas être enregistrés"
    assert "lecture seule" in told.text
    assert save_path_for("mini_escape").exists()  # the save itself goes on


def _damage(path: Path, table: str) -> bytes:
    """Write garbage over the root page of ``table``: any write to it then fails with
    « database disk image is malformed »."""
    db = sqlite3.connect(path)
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    size = db.execute("PRAGMA page_size").fetchone()[0]
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    with open(path, "r+b") as out:
        out.seek((root - 1) * size + 8)
        out.write(bytes(range(256)) * (size // 256 - 1))
    return path.read_bytes()


def test_a_damaged_database_is_set_aside_once_and_a_new_one_started(sesame_home):
    from .results_helpers import play_quiz

    database = store_module.default_path()
    with Store(database) as store:
        for k in range(5):
            store.save(play_quiz("1100110011"), f"Élève {k}", started_at=f"2026-03-1{k}T10:00:00")
    damaged = _damage(database, "events")
    app, pilot, commands = begin()
    watch = Watch(app)
    watch.collect()
    for command in commands:
        watch.step(pilot, command)
    [told] = watch.seen
    assert told.title == "Base des résultats remplacée"
    assert "sesame.abime.sqlite3" in told.text and "rien de ce que tu as fait n’est perdu" in told.text
    kept = database.with_name("sesame.abime.sqlite3")
    assert kept.read_bytes() == damaged  # kept as it was, for whoever may repair it
    pilot.dismiss()
    with Store() as store:  # the new database has the whole game, from its first event
        assert store.check() == "ok"
        [stored] = store.export("Lynx")["sessions"]
        assert len(stored["events"]) == len(app.scene.session.log) and stored["ended"]


# --- for real: a full tmpfs, a read-only bind mount (root on Linux only) ---------------------

def _can_mount() -> bool:
    return sys.platform.startswith("linux") and shutil.which("mount") is not None and os.geteuid() == 0


@contextmanager
def mounted(*args: str, target: Path):
    target.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", *args, str(target)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


@pytest.mark.skipif(not _can_mount(), reason="needs root on Linux to mount a tmpfs")
def test_for_real_a_tmpfs_filled_up_while_playing(tmp_path, monkeypatch):
    home = tmp_path / "small"
    with mounted("-t", "tmpfs", "-o", "size=512k", "tmpfs", target=home):
        monkeypatch.setenv("SESAME_HOME", str(home))
        app, pilot, commands = begin()
        watch = Watch(app)
        watch.step(pilot, commands[0])
        filler = home / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:  # fill the disk to the last byte
            while True:
                os.write(fd, b"\0" * 512)
        except OSError as error:
            assert error.errno == errno.ENOSPC
        finally:
            os.close(fd)
        for command in commands[1:5]:
            watch.step(pilot, command)
        [told] = watch.seen
        assert "le disque est plein" in told.text
        assert not list((home / "saves").glob("*.tmp")) and not list((home / "saves").glob(".*.tmp"))
        filler.unlink()
        for command in commands[5:]:
            watch.step(pilot, command)
        pilot.dismiss()
        assert isinstance(app.scene, DebriefScene) and not app.scene.unwritten
        assert len(watch.seen) == 1
        with Store() as store:
            assert store.check() == "ok"
            [stored] = store.export("Lynx")["sessions"]
            assert stored["ended"] and len(stored["events"]) == len(app.scene.session.log)
        app.keeper.close()


@pytest.mark.skipif(not _can_mount(), reason="needs root on Linux for a read-only bind mount")
def test_for_real_a_read_only_sesame_folder(tmp_path, monkeypatch):
    home = tmp_path / "home-ro"
    for folder in ("saves", "results", "games", "cache", "settings"):  # Sésame ran here before
        (home / folder).mkdir(parents=True)
    with Store(home / "data" / "sesame.sqlite3") as store:
        store.start(pseudonym="Autre", game_id="x", game_version="1", content_hash="h", started_at="2026-01-01")
    monkeypatch.setenv("SESAME_HOME", str(home))
    with mounted("--bind", str(home), target=home):
        done = subprocess.run(["mount", "-o", "remount,bind,ro", str(home)], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"cannot remount read-only: {done.stderr.strip()}")
        app, pilot, commands = begin()
        watch = Watch(app)
        watch.collect()
        for command in commands:
            watch.step(pilot, command)
        pilot.dismiss()
        [told] = watch.seen
        assert "lecture seule" in told.text
        assert isinstance(app.scene, DebriefScene) and app.scene.unwritten
        assert "lecture seule" in app.scene.kept
        app.keeper.close()


def test_a_file_that_is_not_a_database_is_set_aside_at_once(sesame_home):
    database = store_module.default_path()
    database.parent.mkdir(parents=True)
    database.write_bytes(b"pas une base de donnees" * 200)
    app, pilot, commands = begin()
    watch = Watch(app)
    watch.collect()
    pilot.dismiss()
    for command in commands[:3]:
        watch.step(pilot, command)
    [told] = watch.seen
    assert told.title == "Base des résultats remplacée"
    assert database.with_name("sesame.abime.sqlite3").read_bytes() == b"pas une base de donnees" * 200
    app.keeper.close()
    with Store() as store:
        assert store.export("Lynx")["sessions"]
