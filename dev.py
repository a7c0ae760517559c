#!/usr/bin/env python3
"""Set up and run Sésame from a fresh checkout, on Linux, macOS or Windows.

    python3 dev.py play     # create .venv if needed, install, open Sésame
    python3 dev.py test     # create .venv if needed, install, run the tests
    python3 dev.py sesame check games/escape_fake_news   # any sesame command

On Windows use ``py dev.py …``. Only Python 3.11+ is needed; everything else comes
from PyPI into ``.venv``. On Debian and Ubuntu, ``python3 -m venv`` needs the
``python3-venv`` package (``sudo apt install python3-venv``).
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


def _stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


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
        print("Installing Sésame and its dependencies into .venv …", flush=True)
        subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]"], check=True)
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
