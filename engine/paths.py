"""Every path the program uses, resolved in one place.

Three situations for the program's own files, found the same way
(``importlib.resources`` on the ``engine`` package): a source checkout, an installed
wheel, and a frozen build (PyInstaller sets ``sys.frozen`` and unpacks read-only files
under ``sys._MEIPASS``). Then the user's own folders for data, cache and games:
``SESAME_HOME`` moves them all (tests, portable use on a USB key). Nothing is ever written under the program's own folder.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path


def program_root() -> Path:
    """Where the program's read-only files are: the repository, or the frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def package_root() -> Path:
    """The ``engine`` package's folder, found by ``importlib.resources``: its data files
    (schema, catalogs, fonts and, once packaged, the bundled games) sit next to its
    modules in a checkout, an installed wheel and the frozen bundle alike."""
    return Path(str(resources.files("engine")))


def resource(name: str) -> Path:
    """A folder of the program's data, by name: ``engine/<name>`` when packaged (a wheel,
    the frozen build), else ``<name>`` beside the ``engine`` folder (a checkout, where
    the bundled games stay at the top of the repository for authors to find)."""
    packaged = package_root() / name
    return packaged if packaged.is_dir() else program_root() / name


def catalogs() -> Path:
    """The gettext catalogs: ``<lang>/LC_MESSAGES/sesame.mo``."""
    return resource("locale")


def schema_file() -> Path:
    return package_root() / "content" / "schema.json"


def bundled_games() -> Path:
    return resource("games")


def assets() -> Path:
    """Fonts (with their licences) and other media of the program itself."""
    return resource("assets")


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
    """A sub-folder of the user's Sésame folder (``cache``, ``saves``, ``games``…),
    created when it can be. On a read-only or full disk it is returned all the same:
    reading finds nothing there, and whoever writes says why it cannot."""
    path = user_home() / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return path
