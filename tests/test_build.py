"""The standalone build: it builds, and the frozen program works from a read-only copy.

Builds with ``build/build.py`` into a temporary folder (about 20 s here), unpacks the
zip that would be shipped, makes it read-only, then runs the frozen ``sesame-cli``:
``check``, ``replay`` of a bundled game, ``report``, a headless start of the player to
its first frame, in French and in English, and checks that nothing was written inside
the program's folder and that the user's data went to the user's folder.

``SESAME_FROZEN_ZIP=path/to/Sesame-….zip`` tests an existing zip instead of building
one (the Windows workflow tests the zip it uploads). Where the build's system tools are
missing (a fresh Debian without binutils or libpython3.X), the tests are skipped with
the command that installs them; ``SESAME_REQUIRE_BUILD=1`` makes that a failure.
"""

from __future__ import annotations

import importlib.util
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

def _load_builder():
    """``build/build.py``, loaded by its path (``build`` alone is a folder's name)."""
    spec = importlib.util.spec_from_file_location("sesame_build", ROOT / "build" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()

pytestmark = pytest.mark.slow

EXE = ".exe" if os.name == "nt" else ""
TIMEOUT = 180


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


def _set_writable(folder: Path, writable: bool) -> None:
    """``chmod -R a-w`` (or back to writable). Windows only honours it on files."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        os.chmod(path, mode | stat.S_IWUSR if writable else mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory):
    """The unpacked, read-only build; writable again afterwards so it can be removed."""
    archive = os.environ.get("SESAME_FROZEN_ZIP")
    missing = [] if archive else builder.missing_prerequisites()
    if missing:  # a fresh Debian without binutils/libpython3.X: say so (README, "Building")
        message = "cannot build the standalone version here; missing: " + "; ".join(missing)
        if os.environ.get("SESAME_REQUIRE_BUILD"):
            pytest.fail(message)
        pytest.skip(message)
    work = tmp_path_factory.mktemp("build")
    if archive:
        zipped = Path(archive)
    else:
        subprocess.run([sys.executable, str(ROOT / "build" / "build.py"), "--dist", str(work / "dist")],
                       check=True, timeout=600)
        [zipped] = (work / "dist").glob(f"{builder.NAME}-*.zip")
    folder = builder.unzip_folder(zipped, work / "unpacked")
    _set_writable(folder, False)
    before = _snapshot(folder)
    yield folder
    try:
        assert _snapshot(folder) == before, "the frozen program wrote inside its own folder"
    finally:
        _set_writable(folder, True)


def run(frozen: Path, *args: str, cwd: Path, env: dict[str, str], program: str = "sesame-cli"):
    return subprocess.run([str(frozen / (program + EXE)), *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=TIMEOUT)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environment = {**os.environ, "SESAME_HOME": str(tmp_path / "user"), "SDL_VIDEODRIVER": "dummy",
                   "SDL_AUDIODRIVER": "dummy", "PYTHONIOENCODING": "utf-8"}
    environment.pop("PYTHONPATH", None)
    return environment


def test_the_bundle_holds_only_what_the_program_uses(frozen):
    internal = frozen / "_internal"
    for needed in ("engine/games/escape_fake_news/game.yaml", "engine/games/metiers_industrie/walkthrough.yaml",
                   "engine/content/schema.json", "engine/locale/en/LC_MESSAGES/sesame.mo",
                   "engine/assets/fonts/opendyslexic/OFL.txt", "engine/assets/fonts/atkinson-hyperlegible/OFL.txt",
                   "babel/global.dat", "babel/locale-data/fr_FR.dat", "babel/locale-data/en_GB.dat"):
        assert (internal / needed).is_file(), needed
    locales = sorted(p.stem for p in (internal / "babel" / "locale-data").iterdir())
    assert len(locales) < 12, locales
    assert not list(internal.glob("**/tests")) and not (internal / "engine" / "locale" / "en"
                                                       / "LC_MESSAGES" / "sesame.po").exists()
    assert (frozen / ("Sesame" + EXE)).is_file()


def test_frozen_check_of_a_game(frozen, env):
    done = run(frozen, "check", "games/escape_fake_news", cwd=ROOT, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 erreur(s)" in done.stdout
    english = run(frozen, "--lang", "en", "check", "games/escape_fake_news", cwd=ROOT, env=env)
    assert english.returncode == 0 and "0 error(s)" in english.stdout, english.stdout + english.stderr


def test_frozen_replay_of_a_bundled_game(frozen, env, tmp_path):
    done = run(frozen, "replay", "escape_fake_news", cwd=tmp_path, env=env)  # found in the bundle
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Fin atteinte" in done.stdout


def test_frozen_gift_import_and_export(frozen, env, tmp_path):
    """lark and its grammar are in the bundle: a Moodle bank imports, checks, replays, exports."""
    source = ROOT / "tests" / "fixtures" / "gift" / "moodle_doc.gift"
    done = run(frozen, "import-gift", str(source), "--out", "quiz", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "36 questions importées" in done.stdout and "0 erreur(s)" in done.stdout
    done = run(frozen, "replay", "quiz", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run(frozen, "--lang", "en", "export-gift", "quiz", "--out", "back.gift", cwd=tmp_path, env=env)
    assert done.returncode == 0 and "36 questions written" in done.stdout, done.stdout + done.stderr


def test_frozen_class_summary(frozen, env, tmp_path):
    from engine.bench import write_bank
    from engine.results.sample import write_results

    results = tmp_path / "results"
    write_results(results, 35, write_bank(tmp_path / "bank", 40))
    for lang in ("fr", "en"):
        out = tmp_path / f"summary_{lang}"
        done = run(frozen, "--lang", lang, "report", str(results), "--out", str(out), cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert {p.name for p in out.iterdir()} >= {"synthese.csv", "synthese.html", "synthese.json"}


def test_frozen_player_reaches_its_first_frame(frozen, env, tmp_path):
    """Both executables; the user's data goes to the default user folder (no SESAME_HOME)."""
    del env["SESAME_HOME"]
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "xdg"),
               APPDATA=str(tmp_path / "appdata"))
    done = run(frozen, "--first-frame-and-exit", cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "first-frame 1" in done.stdout
    user = tmp_path / ("appdata/Sesame" if os.name == "nt" else "xdg/sesame")
    assert (user / "cache").is_dir(), sorted(str(p) for p in tmp_path.rglob("*"))
    # The windowed executable a pupil double-clicks (no console on Windows: exit code only).
    done = run(frozen, "play", "metiers_industrie", "--first-frame-and-exit", cwd=tmp_path, env=env,
               program="Sesame")
    assert done.returncode == 0, done.stdout + done.stderr
