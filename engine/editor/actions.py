"""What the editor does besides changing fields: start points, the walkthrough, pictures,
trying, the facilitator's guide, sharing and importing. Each goes through the engine's
public entry points (``engine.content``, ``engine.core``, ``engine.guide``, the ``sesame
play`` command), never through the player's scenes."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .. import storage
from ..content import assets
from ..content.loader import MANIFEST
from ..content.package import Installed
from ..core import commands as cmd
from ..paths import bundled_games, user_dir
from ..replay import WALKTHROUGH
from .yamlsave import dump_whole

STARTERS = Path(__file__).resolve().parent / "starters"
GENRES = ("quiz", "escape", "challenge")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


class ActionError(Exception):
    """Something the author asked for that cannot be done; the message says why."""


# --- start points --------------------------------------------------------------------

def games_folder() -> Path:
    return user_dir("games")


def my_games() -> list[tuple[str, str, Path]]:
    """(id, title, folder) of the games in the user's games folder."""
    found = []
    try:
        folders = sorted(p for p in games_folder().iterdir() if (p / MANIFEST).is_file())
    except OSError:
        return []
    for folder in folders[:500]:
        found.append((folder.name, _title_of(folder), folder))
    return found


def bundled() -> list[tuple[str, str, Path]]:
    root = bundled_games()
    try:
        folders = sorted(p for p in root.iterdir() if (p / MANIFEST).is_file())
    except OSError:
        return []
    return [(f.name, _title_of(f), f) for f in folders]


def _title_of(folder: Path) -> str:
    try:
        data = yaml.safe_load(assets.read(folder, MANIFEST, 1_000_000).decode("utf-8-sig"))
    except Exception:  # an unreadable game still shows, by its folder's name
        return folder.name
    title = data.get("title") if isinstance(data, dict) else None
    if isinstance(title, dict):
        title = next(iter(title.values()), None)
    return str(title) if title else folder.name


def slug(text: str) -> str:
    import unicodedata

    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    flat = re.sub(r"[^a-z0-9]+", "_", flat).strip("_")[:40]
    return flat or "mon_jeu"


def _free_folder(stem: str) -> Path:
    """A new folder of the games folder, whose name is an id no game has yet: neither
    a game of the user's nor a bundled one (which a user's game of that id would hide)."""
    base = games_folder()
    candidate, n = base / stem, 2
    while candidate.exists() or (bundled_games() / candidate.name).exists():
        candidate, n = base / f"{stem}_{n}", n + 1
    return candidate


def create(genre: str, title: str) -> Path:
    """A new game from the genre's starter: a small real game that passes ``check``."""
    if genre not in GENRES:
        raise ActionError(genre)
    folder = _free_folder(slug(title) if title.strip() else f"mon_{genre}")
    shutil.copytree(STARTERS / genre, folder)
    _rename(folder, folder.name, title.strip() or None)
    return folder


def adapt(source: Path) -> Path:
    """« Adapter »: a copy of a game (a bundled one) under a new id, to change freely."""
    source = Path(source)
    if not (source / MANIFEST).is_file():
        raise ActionError(str(source))
    folder = _free_folder(f"{source.name}_adapte")
    shutil.copytree(source, folder, symlinks=True, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    for path in folder.rglob("*"):  # a link in a shared game never becomes part of the copy
        if path.is_symlink():
            path.unlink()
    _rename(folder, folder.name, None)
    return folder


def _rename(folder: Path, ident: str, title: str | None) -> None:
    from .changes import SetField
    from .project import Project

    project = Project(folder)
    project.change(SetField(("id",), ident), record=False)
    if title:
        project.change(SetField(("title",), title), record=False)


# --- the walkthrough -------------------------------------------------------------------

def walkthrough_text(solution: list[cmd.Command], genre: str) -> str:
    """The solver's winning path as a ``walkthrough.yaml`` (format: engine/replay.py)."""
    steps: list[dict[str, Any]] = []
    for command in solution:
        if isinstance(command, cmd.Inspect):
            steps.append({"inspect": command.object})
        elif isinstance(command, cmd.Go):
            steps.append({"go": command.exit})
        elif isinstance(command, cmd.Use):
            steps.append({"use": command.item, "on": command.target})
        elif isinstance(command, cmd.Examine):
            steps.append({"examine": command.item})
        elif isinstance(command, cmd.Answer):
            steps.append({"answer": command.puzzle, "value": _plain(command.value)})
        elif isinstance(command, cmd.Hint):
            steps.append({"hint": command.puzzle})
        elif isinstance(command, cmd.Skip):
            steps.append({"skip": command.puzzle})
        elif isinstance(command, cmd.Next):
            steps.append({"next": None})
    head = ("# Parcours gagnant écrit par l’éditeur à partir de la recherche de solution.\n"
            "# Format : voir « Parcours (walkthrough) » dans le README.\n")
    return head + dump_whole({"step_s": 1, "steps": steps})


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def write_walkthrough(folder: Path, solution: list[cmd.Command], genre: str) -> Path:
    path = Path(folder) / WALKTHROUGH
    if path.is_symlink():
        raise ActionError(WALKTHROUGH)
    storage.write_atomic(path, walkthrough_text(solution, genre))
    return path


# --- pictures ----------------------------------------------------------------------------

def add_image(folder: Path, filename: str, data: bytes) -> str:
    """Copy a chosen or dropped picture into the game's ``images/``; its name is made
    safe (no folder, no « .. », only letters, digits, « _ », « - »), it never replaces
    a file, and it is checked with the player's asset rules. Returns its game path."""
    from ..i18n import _

    base = os.path.basename(filename.replace("\\", "/"))
    stem, suffix = os.path.splitext(base)
    if suffix.lower() not in IMAGE_SUFFIXES:
        raise ActionError(_("une image est un fichier PNG, JPEG ou SVG"))
    stem = slug(stem) or "image"
    try:
        info = assets.image_info(f"images/{stem}{suffix.lower()}", data)
    except assets.Refused as refused:
        raise ActionError(refused.reason) from None
    del info
    images = Path(folder) / "images"
    if images.is_symlink() or (images.exists() and not images.is_dir()):
        raise ActionError(_("« images » n’est pas un dossier du jeu"))
    images.mkdir(exist_ok=True)
    name, n = f"images/{stem}{suffix.lower()}", 2
    while os.path.lexists(Path(folder) / name):
        name, n = f"images/{stem}_{n}{suffix.lower()}", n + 1
    target = Path(folder) / name
    if target.resolve().parent != images.resolve() or not str(target.resolve()).startswith(
            str(Path(folder).resolve()) + os.sep):
        raise ActionError(_("« {name} » sort du dossier du jeu").format(name=name))
    storage.write_atomic(target, data)
    assets.regular_file(Path(folder), name, assets.image_limit(name))
    return name


# --- trying, the guide, sharing, importing ---------------------------------------------------

def play_command(folder: Path, room: str | None = None, puzzle: str | None = None) -> list[str]:
    """The command that opens the real player on a game folder, from its start or from
    a room or a puzzle (``sesame play --room/--puzzle``)."""
    start = ["--room", room] if room else ["--puzzle", puzzle] if puzzle else []
    if getattr(sys, "frozen", False):
        return [sys.executable, "play", str(folder), *start]
    return [sys.executable, "-m", "engine", "play", str(folder), *start]


def check_start(folder: Path, room: str | None, puzzle: str | None) -> None:
    """Raise ActionError unless the draft loads and the room or puzzle can be reached
    (the search ``play --room/--puzzle`` makes), so that the author reads why here."""
    from ..content.diagnostics import ContentError
    from ..content.loader import load_game
    from ..start_at import Unreachable, path_to

    try:
        game = load_game(folder, use_cache=False).game
        if room or puzzle:
            path_to(game, room or None, puzzle or None)
    except ContentError as error:
        raise ActionError(str(error.diagnostics[0])) from None
    except Unreachable as error:
        raise ActionError(str(error)) from None


def try_game(folder: Path, room: str | None = None, puzzle: str | None = None) -> subprocess.Popen[bytes]:
    from .browser import clean_environment

    check_start(folder, room, puzzle)
    return subprocess.Popen(play_command(folder, room, puzzle), env=clean_environment(for_browser=False),
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=str(folder))


def guide(folder: Path) -> Path:
    from .. import guide as guide_module
    from ..content.diagnostics import ContentError
    from ..content.loader import load_game

    try:
        loaded = load_game(folder, use_cache=False)
    except ContentError as error:
        raise ActionError(str(error.diagnostics[0])) from None
    return guide_module.write(loaded.game, Path(folder) / ".editeur" / "guide")


def share(folder: Path, out: Path) -> Path:
    from ..content.package import PackageError, pack

    try:
        path, report = pack(folder, out)
    except PackageError as error:
        raise ActionError(str(error.diagnostics[0]) if error.diagnostics else str(error)) from None
    if report.errors:
        raise ActionError(str(report.errors[0]))
    return path


class Clash(Exception):
    """A package whose game id is already in the games folder: both versions, for the
    author to decide (« Remplacer » or not); the package waits in ``pending``."""

    def __init__(self, pending: Path, folder: Path, mine: dict[str, str], incoming: dict[str, str]) -> None:
        super().__init__(mine.get("id", ""))
        self.pending, self.folder, self.mine, self.incoming = pending, folder, mine, incoming


def _pending_folder() -> Path:
    folder = user_dir("editor") / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def import_package(data: bytes, filename: str, notes: list[str] | None = None) -> Path:
    """« Importer »: a ``.sesame`` package, or a Moodle question bank (``.gift``),
    which becomes a new quiz in the user's games folder (what did not come along is
    added to ``notes``). A package whose game is already there raises Clash and is
    kept, for ``replace_with`` or ``drop_pending``."""
    if filename.lower().endswith(".gift"):
        return import_gift(data, filename, notes)
    import secrets

    incoming = _pending_folder() / f"{slug(Path(filename).stem)}-{secrets.token_hex(6)}.sesame"
    storage.write_atomic(incoming, data)
    keep = False
    try:
        return _install(incoming, replace=False).folder
    except Clash:
        keep = True
        raise
    finally:
        if not keep:
            incoming.unlink(missing_ok=True)


def replace_with(pending: str) -> tuple[Path, Path | None]:
    """« Remplacer »: install the package kept by a Clash over the game of the same id,
    which is set aside (never deleted); (the game's folder, where the old one went)."""
    path = _pending(pending)
    try:
        installed = _install(path, replace=True)
        return installed.folder, installed.replaced
    finally:
        path.unlink(missing_ok=True)


def drop_pending(pending: str) -> None:
    _pending(pending).unlink(missing_ok=True)


def _pending(name: str) -> Path:
    from ..i18n import _

    if not re.fullmatch(r"[a-z0-9_]+-[0-9a-f]{12}\.sesame", name or ""):
        raise ActionError(_("Ce paquet n’est plus là : importez-le à nouveau."))
    path = _pending_folder() / name
    if not path.is_file():
        raise ActionError(_("Ce paquet n’est plus là : importez-le à nouveau."))
    return path


def _install(incoming: Path, replace: bool) -> Installed:
    from ..content.package import Conflict, PackageError, install, unpack

    try:
        unpacked = unpack(incoming)
        try:
            installed = install(unpacked, games_folder(), replace=replace)
        except Conflict as conflict:
            raise Clash(incoming, conflict.folder, _version_facts(conflict.folder, conflict.installed_version),
                        _version_facts(unpacked.folder, conflict.package_version, dated=False)) from None
        finally:
            unpacked.discard()
    except PackageError as error:
        raise ActionError(str(error.diagnostics[0]) if error.diagnostics else str(error)) from None
    return installed


def _version_facts(folder: Path, version: str, dated: bool = True) -> dict[str, str]:
    """What the author compares two versions of a game by: title, version, summary,
    how many questions and rooms, when it was last changed (``dated``: a package just
    unpacked has no such date)."""
    import datetime

    facts = {"id": folder.name, "title": _title_of(folder), "version": version, "summary": "",
             "puzzles": "?", "rooms": "?", "changed": ""}
    try:
        data = yaml.safe_load(assets.read(folder, MANIFEST, 5_000_000).decode("utf-8-sig"))
        stamp = (folder / MANIFEST).stat().st_mtime
    except Exception:  # an unreadable game still shows, by its folder's name
        return facts
    if isinstance(data, dict):
        facts["id"] = str(data.get("id", folder.name))
        summary = data.get("summary")
        facts["summary"] = str(next(iter(summary.values()), "") if isinstance(summary, dict) else summary or "")
        for key in ("puzzles", "rooms"):
            facts[key] = str(len(data[key])) if isinstance(data.get(key), list) else "0"
    if dated:
        facts["changed"] = datetime.datetime.fromtimestamp(stamp).strftime("%d/%m/%Y %H:%M")
    return facts


def import_gift(data: bytes, filename: str, notes: list[str] | None = None) -> Path:
    """A Moodle GIFT bank turned into a quiz, as ``sesame import-gift`` does, in a new
    folder of the games folder (never over an existing game); the questions skipped and
    what was lost, each at its line, are added to ``notes``, as the command prints them."""
    from ..content.gift import GiftError, import_file, write_game

    work = user_dir("editor") / "imports"
    work.mkdir(parents=True, exist_ok=True)
    stem = slug(Path(filename).stem) or "quiz"
    incoming = work / f"{stem}.gift"
    storage.write_atomic(incoming, data)
    try:
        imported = import_file(incoming)
    except GiftError as error:
        raise ActionError("; ".join(str(d) for d in error.diagnostics[:3])) from None
    finally:
        incoming.unlink(missing_ok=True)
    folder = _free_folder(stem)
    imported.game["id"] = folder.name  # two imports of one bank are two games, saved apart
    write_game(imported, folder, Path(filename).name)
    if notes is not None:
        shown = Path(filename).name
        notes += [str(dataclasses.replace(note, file=shown)) for note in imported.notes]
    return folder
