"""Every path the program uses, resolved in one place.

Three situations: a source checkout, a frozen build (PyInstaller sets ``sys.frozen``
and unpacks read-only files under ``sys._MEIPASS``), and the user's own folders for
data, cache and games. ``SESAME_HOME`` moves all user folders (tests, portable use on
a USB key). Nothing is ever written under the program's own folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def program_root() -> Path:
    """Where the read-only files are: the repository, or the frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def package_root() -> Path:
    """The ``engine`` package's folder, whose data files (the schema, the compiled
    catalogs) sit next to its modules: in a checkout, an installed package, and the
    frozen bundle (where the build puts them under ``engine/`` too)."""
    if getattr(sys, "frozen", False) and getattr(sys, "_MEIPASS", None):
        return program_root() / "engine"
    return Path(__file__).resolve().parent


def catalogs() -> Path:
    """The gettext catalogs: ``<lang>/LC_MESSAGES/sesame.mo``."""
    return package_root() / "locale"


def schema_file() -> Path:
    return package_root() / "content" / "schema.json"


def bundled_games() -> Path:
    return program_root() / "games"


def assets() -> Path:
    return program_root() / "assets"


def user_home() -> Path:
    """The user's Sésame folder (data, cache, games), created on first use."""
    override = os.environ.get("SESAME_HOME")
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / "Sesame"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "Sesame"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "sesame"
    return base


def user_dir(name: str) -> Path:
    """A sub-folder of the user's Sésame folder (``cache``, ``saves``, ``games``…)."""
    path = user_home() / name
    path.mkdir(parents=True, exist_ok=True)
    return path
