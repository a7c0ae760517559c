"""Games as one file: ``.sesame`` packages, the unit mediators share between structures.

A package is a zip holding ``sesame.json`` (the manifest: what the game is, who made
it, under which licence, which format and engine it needs, and the SHA-256 of every
file) and the game's folder under its id (``mon_quiz/game.yaml``…), so unzipping it
by hand also gives a playable folder.

A package comes from elsewhere: nothing in it is trusted. ``unpack`` refuses, before
anything is written outside a temporary folder: entries escaping the folder (``..``,
absolute or drive paths, backslashes), links and special files, more entries or more
bytes than the limits, a compression ratio that betrays a bomb, names that differ
only by case (one file on Windows), files missing from or not matching the manifest.
Sizes are counted while reading, never taken from the zip's own headers. Then the
game itself is checked like any folder (``sesame check``); only then is it moved
into the games folder, the previous version of the same game kept aside.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import struct
import tempfile
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypeGuard

from .. import __version__
from ..storage import reason as _reason
from . import migrate
from .assets import Refused, check_name, printable_name, regular_file
from .check import CheckReport, check_path
from .diagnostics import Diagnostic, Severity
from .loader import MANIFEST

SUFFIX = ".sesame"
MANIFEST_NAME = "sesame.json"
PACKAGE_FORMAT = 1
# The first engine version that reads each game format (a package says what it needs).
ENGINE_FOR_FORMAT = {1: "0.1.0"}

MAX_PACKAGE_BYTES = 200_000_000
MAX_ENTRIES = 2_000
MAX_TOTAL_BYTES = 300_000_000
MAX_ENTRY_BYTES = 64_000_000
MAX_MANIFEST_BYTES = 1_000_000
MAX_DIRECTORY_BYTES = MAX_ENTRIES * 1_024  # the zip's list of entries: names of a few hundred bytes
MAX_RATIO = 200  # text compresses 5 to 20 times; a bomb, thousands of times
RATIO_FROM_BYTES = 1_000_000  # small entries cannot hurt, whatever their ratio
_CHUNK = 1 << 20


class PackageError(Exception):
    """A package that cannot be used; ``diagnostics`` say why, in French."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass
class Unpacked:
    """A package unpacked into a temporary folder and checked; ``folder`` is the game."""

    manifest: dict[str, Any]
    folder: Path
    report: CheckReport
    temporary: Path

    @property
    def game_id(self) -> str:
        return str(self.manifest["id"])

    def discard(self) -> None:
        shutil.rmtree(self.temporary, ignore_errors=True)


@dataclass
class Installed:
    """Where the game went, and where the version it replaced was kept."""

    folder: Path
    replaced: Path | None = None
    # The version of the game of the same id bundled with Sésame, which the imported
    # one now stands in for (on the home screen and for ``sesame play ID``); None if none.
    bundled_version: str | None = None


@dataclass
class Conflict(Exception):
    """The same game is already installed: both versions, for the person to decide."""

    game_id: str
    installed_version: str
    package_version: str
    folder: Path = field(default_factory=Path)


def _problem(file: str, message: str, code: str, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(file, 0, 0, message, severity=severity, code=f"package.{code}")


# --- writing ----------------------------------------------------------------------------


def manifest_of(loaded_data: dict[str, Any], files: dict[str, str]) -> dict[str, Any]:
    """The package manifest of a game, from its merged data and its files' hashes."""
    keep = ("id", "version", "title", "summary", "audience", "duration", "genre", "themes", "licence",
            "authors", "languages", "asset_credits")
    manifest: dict[str, Any] = {"sesame_package": PACKAGE_FORMAT, "format": migrate.CURRENT}
    manifest.update({key: loaded_data[key] for key in keep if key in loaded_data})
    manifest["engine"] = {"needs": ENGINE_FOR_FORMAT[migrate.CURRENT], "made_with": __version__}
    manifest["files"] = files
    return manifest


def game_files(folder: Path) -> list[str]:
    """The files of a game folder that go into its package, relative, with « / »: every
    regular file but hidden ones (``.git``, editor backups) and caches."""
    names = []
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f != "__pycache__")
        for name in sorted(files):
            if name.startswith(".") or name.endswith((".tmp", ".bak", "~")):
                continue
            names.append((Path(root) / name).relative_to(folder).as_posix())
    return names


def pack(folder: Path, out: Path, solve: bool = True) -> tuple[Path, CheckReport]:
    """Write ``<id>-<version>.sesame`` into ``out`` after a full check of the game in
    ``folder``. Raises PackageError (with the check's errors) for an invalid game."""
    from ..i18n import _

    report = check_path(folder, solve=solve)
    if report.errors:
        raise PackageError(report.errors)
    from .loader import load_game

    data = load_game(folder, use_cache=False).data
    if not data.get("licence"):
        report.diagnostics.append(_problem(MANIFEST, _(
            "pas de licence : sans elle, personne ne sait s’il peut réutiliser ce jeu "
            "(par exemple « licence: CC-BY-SA-4.0 »)"), "no_licence", Severity.WARNING))
    if not data.get("authors"):
        report.diagnostics.append(_problem(MANIFEST, _(
            "pas d’autrices ni d’auteurs (« authors ») : le catalogue et l’accueil du jeu ne "
            "pourront pas les créditer"), "no_authors", Severity.WARNING))
    game_id = str(data["id"])
    names = game_files(folder)
    for name in names:
        path = folder / name
        if path.is_symlink() or not path.is_file():
            raise PackageError([_problem(name, _(
                "« {file} » n’est pas un fichier ordinaire (lien, tube…) : remplacez-le par le fichier "
                "lui-même").format(file=printable_name(name)), "not_file")])
    hashes = {f"{game_id}/{name}": _sha256_file(folder / name) for name in names}
    manifest = manifest_of(data, hashes)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{game_id}-{data['version']}{SUFFIX}"
    partial = target.with_name(target.name + ".tmp")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            _add(archive, MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
            for name in names:
                _add(archive, f"{game_id}/{name}", (folder / name).read_bytes())
        os.replace(partial, target)
    except BaseException:  # a full disk: no half-written package left in the folder
        partial.unlink(missing_ok=True)
        raise
    return target, report


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    """One file, with a fixed date and plain permissions: the same game gives the same
    package bytes, whoever packs it."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- reading ----------------------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a package, checked for shape (for lists and catalogues: the files
    themselves are checked by ``unpack``). Raises PackageError."""
    with _open(path) as archive:
        return _manifest(archive, path.name)


def unpack(path: Path, into: Path | None = None, solve: bool = True) -> Unpacked:
    """Unpack the package at ``path`` into a new temporary folder (inside ``into`` when
    given: the games folder's parent, so that installing is a rename) and check it.
    Raises PackageError saying what is wrong, having removed everything it wrote."""
    shown = path.name
    from ..i18n import _

    if into is not None:
        into.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(into)
    temporary = Path(tempfile.mkdtemp(prefix="sesame-import-", dir=into))
    try:
        with _open(path) as archive:
            try:
                manifest = _manifest(archive, shown)
                _extract(archive, manifest, temporary, shown)
            except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, ValueError):
                raise PackageError([_problem(shown, _(
                    "paquet abîmé (une entrée ne se décompresse pas) : téléchargez-le de nouveau"),
                    "damaged")]) from None
        folder = temporary / str(manifest["id"])
        report = check_path(folder, solve=solve)
        if report.errors:
            raise PackageError(report.errors)
        if report.game_id != manifest["id"]:
            raise PackageError([_problem(shown, _(
                "le jeu du paquet s’appelle « {game} », pas « {id} » comme le dit son manifeste").format(
                game=printable_name(report.game_id), id=printable_name(manifest["id"])), "id_mismatch")])
        return Unpacked(manifest, folder, report, temporary)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


LEFTOVER_AGE_S = 3600


def _remove_leftovers(folder: Path, now: float | None = None) -> None:
    """Temporary folders of imports a killed Sésame left behind (older than an hour:
    another window may be importing right now)."""
    now = time.time() if now is None else now
    for leftover in folder.glob("sesame-import-*"):
        try:
            if leftover.is_dir() and not leftover.is_symlink() and now - leftover.stat().st_mtime > LEFTOVER_AGE_S:
                shutil.rmtree(leftover, ignore_errors=True)
        except OSError:
            continue


def check_package(path: Path, solve: bool = True) -> CheckReport:
    """``sesame check FILE.sesame``: the package and its game, checked without installing
    anything (unpacked into a temporary folder, removed afterwards)."""
    try:
        unpacked = unpack(path, solve=solve)
    except PackageError as error:
        return CheckReport(path, list(error.diagnostics))
    try:
        report = unpacked.report
        report.path, report.within = path, f"{path}:{unpacked.game_id}/"
        return report
    finally:
        unpacked.discard()


def install(unpacked: Unpacked, games: Path, replace: bool = False, now: float | None = None) -> Installed:
    """Move a checked package's game into ``games``. The same game already there raises
    Conflict unless ``replace``; then the old folder is kept aside, not deleted."""
    target = games / unpacked.game_id
    replaced = None
    if target.exists():
        installed_version = _installed_version(target)
        if not replace:
            raise Conflict(unpacked.game_id, installed_version, str(unpacked.manifest.get("version", "?")), target)
        aside = games.parent / "games-replaced"
        aside.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
        replaced = aside / f"{unpacked.game_id}-{installed_version}-{stamp}"
        os.replace(target, replaced)
    games.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(unpacked.folder, target)
    except OSError:  # another file system: copy, then remove the temporary copy
        shutil.copytree(unpacked.folder, target)
    unpacked.discard()
    return Installed(target, replaced, _bundled_version(unpacked.game_id))


def _bundled_version(game_id: str) -> str | None:
    from ..paths import bundled_games

    folder = bundled_games() / game_id
    return _installed_version(folder) if (folder / MANIFEST).is_file() else None


def _installed_version(folder: Path) -> str:
    """The version the installed game's manifest declares (read with the usual limits)."""
    from .yamlread import MAX_FILE_BYTES, YamlError, read_file

    try:  # the installed folder is read as any game: a FIFO or a link elsewhere is not opened
        data = read_file(regular_file(folder, MANIFEST, MAX_FILE_BYTES), MANIFEST).data
    except (YamlError, Refused):
        return "?"
    version = data.get("version") if isinstance(data, dict) else None
    return printable_name(version, 20) if isinstance(version, (str, int, float)) else "?"


def _end_record(path: Path) -> tuple[int, int]:
    """The number of entries and the size of the central directory that the zip's end
    record declares (0, 0 when it cannot be read: ``zipfile`` then says the file is not
    a zip). The directory is read by its size, not by the count: both are bounded."""
    read = getattr(zipfile, "_EndRecData", None)
    if read is None:
        return 0, 0
    try:
        with open(path, "rb") as stream:
            record = read(stream)
    except (OSError, ValueError, struct.error, zipfile.BadZipFile):
        return 0, 0
    if not record:
        return 0, 0
    return int(record[zipfile._ECD_ENTRIES_TOTAL]), int(record[zipfile._ECD_SIZE])  # type: ignore[attr-defined]


class _open:
    """The package as a zip, refused at once when it is not a regular file, too big, or
    not a zip at all."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> zipfile.ZipFile:
        from ..i18n import _

        shown = self.path.name
        try:
            status = os.stat(self.path)
        except OSError as error:
            raise PackageError([_problem(shown, _("paquet illisible : {why}").format(
                why=_reason(error)), "unreadable")]) from None
        if not stat.S_ISREG(status.st_mode):
            raise PackageError([_problem(shown, _(
                "ce n’est pas un fichier ordinaire (dossier, tube ou périphérique)"), "not_file")])
        if status.st_size > MAX_PACKAGE_BYTES:
            raise PackageError([_problem(shown, _(
                "paquet trop lourd ({size} Mo, au plus {max} Mo)").format(
                size=status.st_size // 1_000_000, max=MAX_PACKAGE_BYTES // 1_000_000), "too_big")])
        entries, directory_bytes = _end_record(self.path)
        if entries > MAX_ENTRIES or directory_bytes > MAX_DIRECTORY_BYTES:
            # said before the zip's directory is read: a million entries take a minute and
            # 600 MB of memory to list
            raise PackageError([_problem(shown, _(
                "trop de fichiers dans le paquet ({n}, au plus {max})").format(
                n=entries if entries > MAX_ENTRIES else "?", max=MAX_ENTRIES), "entries")])
        try:
            self.archive = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            raise PackageError([_problem(shown, _(
                "ce n’est pas un paquet Sésame lisible (un fichier .sesame est un zip) : il est "
                "peut-être incomplet, téléchargez-le de nouveau"), "not_zip")]) from None
        return self.archive

    def __exit__(self, *exc: object) -> None:
        self.archive.close()


def _manifest(archive: zipfile.ZipFile, shown: str) -> dict[str, Any]:
    from ..i18n import _

    def refuse(message: str, code: str) -> PackageError:
        return PackageError([_problem(f"{shown}:{MANIFEST_NAME}", message, code)])

    try:
        info = archive.getinfo(MANIFEST_NAME)
    except KeyError:
        raise refuse(_("pas de manifeste « sesame.json » : ce n’est pas un paquet Sésame"), "no_manifest") from None
    raw = _read_entry(archive, info, MAX_MANIFEST_BYTES, shown)
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise refuse(_("manifeste illisible (JSON abîmé)"), "bad_manifest") from None
    if not isinstance(manifest, dict):
        raise refuse(_("manifeste illisible (JSON abîmé)"), "bad_manifest")
    package_format, game_format = manifest.get("sesame_package"), manifest.get("format")
    needs = manifest.get("engine", {}).get("needs", "?") if isinstance(manifest.get("engine"), dict) else "?"
    if not _positive_int(package_format) or not _positive_int(game_format):
        raise refuse(_("manifeste incomplet : « sesame_package » et « format » sont des nombres entiers"),
                     "bad_manifest")
    if package_format > PACKAGE_FORMAT or game_format > migrate.CURRENT:
        raise refuse(_(
            "ce jeu a été fait pour une version plus récente de Sésame : il lui faut la version "
            "{needs} au moins, celle-ci est la {ours}. Mets Sésame à jour pour l’importer.").format(
            needs=printable_name(needs), ours=__version__), "too_new")
    game_id = manifest.get("id")
    try:
        if not isinstance(game_id, str) or not game_id:
            raise Refused("", "path", "")
        check_name(game_id)
        if "/" in game_id or game_id in (".", ".."):
            raise Refused(game_id, "path", "")
    except Refused:
        raise refuse(_("identifiant de jeu « {id} » impossible").format(id=printable_name(game_id)),
                     "bad_manifest") from None
    files = manifest.get("files")
    if not isinstance(files, dict) or not files or not all(
            isinstance(k, str) and isinstance(v, str) and len(v) == 64 for k, v in files.items()):
        raise refuse(_("manifeste incomplet : la liste des fichiers et de leurs empreintes manque"),
                     "bad_manifest")
    return manifest


def _positive_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _entries(archive: zipfile.ZipFile, manifest: dict[str, Any], shown: str) -> Iterator[zipfile.ZipInfo]:
    """The entries of the game, each checked for its name and kind, with the limits on
    their number and their declared sizes (the real sizes are counted when read)."""
    from ..i18n import _

    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise PackageError([_problem(shown, _(
            "trop de fichiers dans le paquet ({n}, au plus {max})").format(n=len(infos), max=MAX_ENTRIES),
            "entries")])
    declared = sum(info.file_size for info in infos)
    if declared > MAX_TOTAL_BYTES:  # said before anything is written (real sizes are counted too)
        raise PackageError([_problem(shown, _(
            "paquet trop gros une fois décompressé ({size} Mo, au plus {max} Mo)").format(
            size=declared // 1_000_000, max=MAX_TOTAL_BYTES // 1_000_000), "too_big")])
    prefix = f"{manifest['id']}/"
    seen: dict[str, str] = {}
    for info in infos:
        name = info.filename
        entry = printable_name(name)
        if name == MANIFEST_NAME:
            continue

        def refuse(message: str, code: str, entry: str = entry) -> PackageError:
            return PackageError([_problem(f"{shown}:{entry}", message, code)])

        mode = info.external_attr >> 16
        if info.is_dir():
            continue
        if stat.S_ISLNK(mode) or (mode and stat.S_IFMT(mode) not in (0, stat.S_IFREG)):
            raise refuse(_("lien ou fichier spécial : un paquet ne contient que des fichiers ordinaires"),
                         "not_file")
        try:
            check_name(name)
        except Refused as refused:
            raise refuse(refused.reason, "path") from None
        if not name.startswith(prefix):
            raise refuse(_("fichier hors du dossier du jeu « {id} »").format(id=manifest["id"]), "outside")
        if any(part in ("", ".", "..") for part in PurePosixPath(name).parts) or "//" in name:
            raise refuse(_("chemin qui sort du dossier du jeu (« .. » ou « / » en trop)"), "outside")
        folded = name.casefold()
        if folded in seen:
            raise refuse(_(
                "même nom que « {other} » à la casse près : sous Windows ce serait un seul fichier").format(
                other=printable_name(seen[folded])), "case")
        seen[folded] = name
        if info.file_size > MAX_ENTRY_BYTES:
            raise refuse(_("fichier trop lourd ({size} Mo, au plus {max} Mo)").format(
                size=info.file_size // 1_000_000, max=MAX_ENTRY_BYTES // 1_000_000), "too_big")
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise refuse(_(
                "taux de compression anormal ({ratio} fois) : ce paquet ressemble à une « bombe » "
                "de décompression").format(ratio=info.file_size // max(info.compress_size, 1)), "bomb")
        yield info


def _extract(archive: zipfile.ZipFile, manifest: dict[str, Any], into: Path, shown: str) -> None:
    from ..i18n import _

    expected: dict[str, str] = dict(manifest["files"])
    total = 0
    for info in list(_entries(archive, manifest, shown)):
        entry = printable_name(info.filename)
        digest = expected.pop(info.filename, None)
        if digest is None:
            raise PackageError([_problem(f"{shown}:{entry}", _(
                "fichier absent du manifeste : le paquet a été modifié après sa création"), "checksum")])
        target = into.joinpath(*PurePosixPath(info.filename).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256()
        written = 0
        with archive.open(info) as source, open(target, "xb") as sink:
            for chunk in iter(lambda: source.read(_CHUNK), b""):
                written += len(chunk)
                total += len(chunk)
                if written > min(info.file_size, MAX_ENTRY_BYTES) or total > MAX_TOTAL_BYTES:
                    raise PackageError([_problem(f"{shown}:{entry}", _(
                        "plus de données que déclaré, ou que la limite du paquet ({max} Mo) : paquet "
                        "refusé").format(max=MAX_TOTAL_BYTES // 1_000_000), "too_big")])
                hasher.update(chunk)
                sink.write(chunk)
        if hasher.hexdigest() != digest:
            raise PackageError([_problem(f"{shown}:{entry}", _(
                "l’empreinte SHA-256 ne correspond pas au manifeste : fichier abîmé ou modifié"), "checksum")])
    if expected:
        missing = printable_name(sorted(expected)[0])
        raise PackageError([_problem(f"{shown}:{missing}", _(
            "fichier du manifeste absent du paquet ({n} en tout) : paquet incomplet").format(n=len(expected)),
            "checksum")])


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, shown: str) -> bytes:
    from ..i18n import _

    with archive.open(info) as source:
        data = source.read(limit + 1)
    if len(data) > limit:
        raise PackageError([_problem(f"{shown}:{printable_name(info.filename)}", _(
            "fichier trop lourd pour ce qu’il doit contenir"), "too_big")])
    return data
