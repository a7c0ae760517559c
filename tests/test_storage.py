"""The low-level file handling every writer goes through: atomic writes that fail
cleanly, bounded reads of regular files only, files set aside, temporary files
cleaned, one process per save."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine import storage
from engine.storage import (Held, Lock, NotRegularFile, TooLarge, clean_temporary, holder, read_bounded,
                            reason, set_aside, write_atomic)

from .conftest import ROOT


def test_write_atomic_replaces_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "sub" / "save.json"
    write_atomic(target, "premier")
    write_atomic(target, "second é")
    assert target.read_text(encoding="utf-8") == "second é"
    assert [p.name for p in target.parent.iterdir()] == ["save.json"]


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "le disque est plein"),
                                         (errno.EROFS, "lecture seule"), (errno.EIO, "clé USB retirée")])
def test_a_failed_write_keeps_the_old_file_and_says_why(tmp_path, monkeypatch, code, words):
    target = tmp_path / "save.json"
    write_atomic(target, "ancien")

    def full(fd):  # the disk refuses when the data is flushed, as a full disk does
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage.os, "fsync", full)
    with pytest.raises(OSError) as raised:
        write_atomic(target, "nouveau")
    assert words in reason(raised.value)
    assert target.read_text(encoding="utf-8") == "ancien"
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]  # no temporary file left


def test_reasons_from_windows_error_numbers():
    full = OSError(errno.ENOSPC, "x")
    full.winerror = 112  # type: ignore[attr-defined]
    protected = OSError(errno.EACCES, "x")
    protected.winerror = 19  # type: ignore[attr-defined]  # ERROR_WRITE_PROTECT
    assert storage.kind(full) == "full" and storage.kind(protected) == "readonly"
    assert storage.kind(OSError(errno.EACCES, "x")) == "denied"
    assert reason(OSError(12345, "étrange")) == "étrange"


def special_files(tmp_path: Path) -> list[Path]:
    """A FIFO nobody writes into (reading it would wait forever) and an endless device."""
    if sys.platform == "win32":
        return [Path("NUL")]
    fifo = tmp_path / "tube.json"
    os.mkfifo(fifo)
    return [fifo, Path("/dev/zero")]


def test_read_bounded_refuses_devices_fifos_folders_and_big_files_at_once(tmp_path):
    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 2000)
    start = time.perf_counter()
    for path in (*special_files(tmp_path), tmp_path):
        with pytest.raises(NotRegularFile) as raised:
            read_bounded(path, 1000)
        assert "pas un fichier ordinaire" in reason(raised.value) or "dossier" in reason(raised.value)
    with pytest.raises(TooLarge) as raised:
        read_bounded(big, 1000)
    assert "trop gros" in reason(raised.value)
    assert time.perf_counter() - start < 1.0
    assert read_bounded(big, 2000) == b"x" * 2000


def test_set_aside_keeps_every_copy(tmp_path):
    for n in range(3):
        save = tmp_path / "jeu.json"
        save.write_text(str(n), encoding="utf-8")
        kept = set_aside(save)
        assert kept is not None and not save.exists()
        assert storage.is_set_aside(kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jeu.abime-2.json", "jeu.abime-3.json", "jeu.abime.json"]
    assert not storage.is_set_aside(tmp_path / "jeu.2.json")
    assert set_aside(tmp_path / "absent.json") is None


def test_old_temporary_files_are_cleaned_young_ones_stay(tmp_path):
    old, young = tmp_path / ".jeu.json.abc.tmp", tmp_path / ".jeu.json.def.tmp"
    for path in (old, young):
        path.write_text('{"player": "Léa"', encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert clean_temporary(tmp_path) == [old]
    assert young.exists() and not old.exists()


# --- one process per save ---------------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from engine.storage import Lock
Lock.acquire(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


def _hold_in_another_process(path: Path) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                               text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_save_is_held_by_one_process_and_freed_when_it_is_killed(tmp_path):
    save = tmp_path / "jeu.json"
    other = _hold_in_another_process(save)
    try:
        assert holder(save) == other.pid
        with pytest.raises(Held) as held:
            Lock.acquire(save)
        assert held.value.pid == other.pid
    finally:
        other.kill()  # no clean-up: the lock file stays, with its PID
        other.wait()
    assert Lock.file(save).read_text().strip() == str(other.pid)
    assert holder(save) is None
    lock = Lock.acquire(save)
    assert Lock.file(save).read_text().strip() == str(os.getpid())
    again = Lock.acquire(save)  # the same process may claim it twice (a new game after a reset)
    assert again is lock and holder(save) is None
    again.release()
    lock.release()
    assert Lock.file(save).read_text() == ""


def test_without_os_locks_the_pid_decides(tmp_path, monkeypatch):
    monkeypatch.setattr(storage, "_try_lock", lambda fd: None)  # a file system without locks
    save = tmp_path / "jeu.json"
    Lock.file(save).write_text("999999999\n")  # a process that no longer runs
    lock = Lock.acquire(save)
    lock.release()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        Lock.file(save).write_text(f"{sleeper.pid}\n")
        with pytest.raises(Held):
            Lock.acquire(save)
        assert holder(save) == sleeper.pid
    finally:
        sleeper.kill()
        sleeper.wait()


def test_results_and_storage_never_import_the_app_level_session(tmp_path):
    """The results layer writes through ``engine.storage``; the app-level session (saves,
    claims) sits above it and is never pulled in by reading or writing results. (``sample``
    is the benchmarks' generator: it plays real sessions to make its files.)"""
    script = ("import sys, pkgutil, importlib, engine.results, engine.storage\n"
              "for info in pkgutil.walk_packages(engine.results.__path__, 'engine.results.'):\n"
              "    if info.name != 'engine.results.sample':\n"
              "        importlib.import_module(info.name)\n"
              "assert 'engine.session' not in sys.modules, 'engine.session imported'\n"
              "assert 'pygame' not in sys.modules\n"
              "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "SESAME_HOME": str(tmp_path)})
    assert done.stdout.strip() == "ok", done.stderr


# --- other readers of outside files (GIFT banks, catalogues, the results database) -----

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_gift_bank_that_is_a_fifo_or_a_device_is_refused_at_once(tmp_path):
    from engine.content.gift import GiftError, read_gift

    os.mkfifo(tmp_path / "banque.gift")
    for path in (tmp_path / "banque.gift", Path("/dev/zero")):
        if not path.exists():
            continue
        started = time.monotonic()
        with pytest.raises(GiftError) as refused:
            read_gift(path)
        assert time.monotonic() - started < 2
        assert "fichier ordinaire" in refused.value.diagnostics[0].message


def test_a_catalogue_never_points_outside_its_folder(tmp_path):
    from engine.player.scenes.importing import find_packages

    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (elsewhere / "jeu.sesame").write_bytes(b"PK")
    key = tmp_path / "cle"
    key.mkdir()
    names = [str(elsewhere / "jeu.sesame"), "C:/ailleurs/jeu.sesame", "..\\ailleurs\\jeu.sesame"]
    (key / "catalog.json").write_text(json.dumps({"games": [{"package": n} for n in names]}), encoding="utf-8")
    assert find_packages(key) == []
    (key / "catalog.json").write_text(json.dumps({"games": {"package": "x.sesame"}}), encoding="utf-8")
    assert find_packages(key) == []


def test_the_home_ribbons_survive_a_hand_edited_database(tmp_path):
    import sqlite3

    from engine.player import progress

    path = tmp_path / "resultats.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE sessions (game_id, success, score, max_score, ended)")
    db.executemany("INSERT INTO sessions VALUES (?, ?, ?, ?, 1)",
                   [("a", 1, "beaucoup", 10), ("b", 0, float("inf"), 10), ("c", 1, 5, 10)])
    db.commit()
    db.close()
    assert progress.records(path) == {"c": progress.Progress(True, True, 5, 10)}
