"""Sésame as a Python package: a wheel installed in a new environment, used from a folder
far from the checkout, finds its fonts, catalogs, schema and bundled games.

The wheel is built with the lock's ``uv`` (hatchling, in an isolated build environment)
and installed into a new venv with exactly the locked versions of its dependencies
(taken from uv's cache when the checkout's .venv has them). Building writes nothing
into the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""
UV = Path(sys.executable).parent / ("uv" + EXE)


def _tracked_state() -> set[str]:
    """The files of the folders a build could litter (``build/lib``, ``*.egg-info``)."""
    files = {str(p.relative_to(ROOT)) for p in (ROOT / "build").rglob("*") if "__pycache__" not in p.parts}
    return files | {p.name for p in ROOT.glob("*.egg-info")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not UV.exists():
        pytest.skip("uv is not in this environment: `python3 dev.py test` installs it from uv.lock")
    work = tmp_path_factory.mktemp("package")
    before = _tracked_state()
    subprocess.run([str(UV), "build", "--wheel", "--out-dir", str(work / "dist"), "--quiet"],
                   cwd=ROOT, check=True, timeout=300)
    assert _tracked_state() == before, "building the wheel wrote into the repository"
    [wheel] = (work / "dist").glob("sesame-*.whl")
    requirements = work / "requirements.txt"
    requirements.write_text(subprocess.run(
        [str(UV), "export", "--frozen", "--no-hashes", "--no-dev", "--no-emit-project", "--quiet"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    venv = work / "venv"
    subprocess.run([str(UV), "venv", "--quiet", "--python", sys.executable, str(venv)], check=True, timeout=120)
    subprocess.run([str(UV), "pip", "install", "--quiet", "--python", str(venv / BIN / ("python" + EXE)),
                    "-r", str(requirements), str(wheel)], check=True, timeout=300)
    return venv



def test_wheel_contents(installed: Path):
    site = next(installed.glob("lib/python3*/site-packages"), None) or installed / "Lib" / "site-packages"
    engine = site / "engine"
    for needed in ("games/escape_fake_news/game.yaml", "games/metiers_industrie/walkthrough.yaml",
                   "content/schema.json", "locale/en/LC_MESSAGES/sesame.mo",
                   "assets/fonts/opendyslexic/OFL.txt", "assets/fonts/dejavu/LICENSE.txt"):
        assert (engine / needed).is_file(), needed


@pytest.fixture
def far(tmp_path: Path) -> dict[str, object]:
    """A folder far from the checkout, a user folder of its own, no path to the checkout."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(SESAME_HOME=str(tmp_path / "user"), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
               PYTHONIOENCODING="utf-8")
    return {"cwd": folder, "env": env}


def sesame(installed: Path, *args: str, far: dict[str, object]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(installed / BIN / ("sesame" + EXE)), *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=180, **far)  # type: ignore[arg-type]


def test_the_installed_command_works_from_any_folder(installed: Path, far):
    where = subprocess.run([str(installed / BIN / ("python" + EXE)), "-c",
                            "import engine, engine.paths as p; print(engine.__file__); print(p.bundled_games())"],
                           capture_output=True, text=True, check=True, **far)
    module, games = where.stdout.splitlines()
    assert Path(module).is_relative_to(installed) and Path(games).is_relative_to(installed), where.stdout
    checked = sesame(installed, "check", "escape_fake_news", far=far)
    assert checked.returncode == 0 and "0 erreur" in checked.stdout, checked.stdout + checked.stderr
    english = sesame(installed, "--lang", "en", "check", "escape_fake_news", far=far)
    assert english.returncode == 0 and "0 error" in english.stdout, english.stdout + english.stderr
    replayed = sesame(installed, "replay", "escape_fake_news", far=far)
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    started = sesame(installed, "--first-frame-and-exit", far=far)
    assert started.returncode == 0 and "first-frame" in started.stdout, started.stdout + started.stderr
