#!/usr/bin/env python3
"""Set up and run Sésame from a fresh checkout, on Linux, macOS or Windows.

    python3 dev.py play     # create .venv if needed, install, open Sésame
    python3 dev.py test     # create .venv if needed, install, run the tests
    python3 dev.py sesame check games/escape_fake_news   # any sesame command

On Windows use ``py dev.py …``. Only Python 3.11+ is needed; everything else comes
from PyPI into ``.venv``, at the versions locked in ``uv.lock`` (every platform, with
hashes): ``uv`` is installed into ``.venv`` first, at the version the lock names, then
``uv sync --frozen`` installs exactly the lock. ``SESAME_REQUIRE_BUILD=1`` (CI) adds the
``build`` group (PyInstaller), which only the build test needs, and the ``lint`` group
(ruff, mypy) that ``.ci/lint.sh`` runs. On Debian and Ubuntu,
``python3 -m venv`` needs the ``python3-venv`` package (``sudo apt install python3-venv``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".installed"
LOCK = ROOT / "uv.lock"


def groups() -> list[str]:
    """The dependency groups to install: the defaults (uv itself, the tests), plus the
    build tools when the build test must run and the linter and type checker that CI
    runs (.ci/lint.sh); ``SESAME_LINT=1`` adds the latter alone, for a developer."""
    if os.environ.get("SESAME_REQUIRE_BUILD") == "1":
        return ["build", "lint"]
    return ["lint"] if os.environ.get("SESAME_LINT") == "1" else []


def _stamp() -> str:
    """What the installed .venv was made from: the lock, the project, the groups."""
    digest = hashlib.sha256()
    for name in ("uv.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    digest.update(" ".join(groups()).encode())
    return digest.hexdigest()


def locked_version(package: str) -> str:
    """The version of ``package`` that uv.lock names."""
    import tomllib  # here, so that Python 3.10 reaches the version message of ensure_venv

    for entry in tomllib.loads(LOCK.read_text(encoding="utf-8"))["package"]:
        if entry["name"] == package:
            return entry["version"]
    raise SystemExit(f"uv.lock names no {package}: regenerate it (README, For contributors).")


def sync() -> None:
    """Install exactly what uv.lock says into .venv."""
    uv = BIN / ("uv.exe" if os.name == "nt" else "uv")
    version = locked_version("uv")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    f"uv=={version}"], check=True)
    environment = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(VENV), "UV_PYTHON_DOWNLOADS": "never"}
    command = [str(uv), "sync", "--frozen", "--quiet", "--python", str(PYTHON)]
    for group in groups():
        command += ["--group", group]
    subprocess.run(command, cwd=ROOT, env=environment, check=True)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"Sésame needs Python 3.11 or newer (this is {sys.version.split()[0]}).")
    if not PYTHON.exists():
        print("Creating .venv …", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except (OSError, subprocess.CalledProcessError) as error:
            sys.exit(f"Could not create .venv ({error}). On Debian/Ubuntu: sudo apt install python3-venv")
    if not STAMP.exists() or STAMP.read_text() != _stamp():
        print("Installing Sésame and its locked dependencies into .venv …", flush=True)
        STAMP.unlink(missing_ok=True)
        sync()
        STAMP.write_text(_stamp())


def main(argv: list[str]) -> int:
    task = argv[0] if argv else "help"
    if task not in ("play", "test", "sesame"):
        print(__doc__)
        return 0 if task == "help" else 2
    ensure_venv()
    if task == "test":
        return subprocess.call([str(PYTHON), "-m", "pytest", *argv[1:]], cwd=ROOT)
    args = argv[1:] if task == "sesame" else ["play", *argv[1:]] if argv[1:] else []
    return subprocess.call([str(PYTHON), "-m", "engine", *args], cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
