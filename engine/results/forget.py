"""``sesame forget`` and ``sesame export``: everything this computer keeps about a pupil.

Everything under the user's Sésame folder that names the pupil is found in one place
(``find``): the local database (attempts, answers, events, places in teams) and every
file: games in progress played under that pseudonym, result files left on this
computer, team files (results and games in progress) listing them as a member,
temporary files, and copies set aside (a save that could not be resumed, a damaged
database). ``export`` shows that set, ``forget`` erases it and says what it did: whole
files erased, the pupil's name taken out of team files (the team's result stays),
the name overwritten in a damaged database that cannot be opened any more.
Pseudonyms match whatever the spacing, case or Unicode form (``name_key``).

Result files already handed over (a USB key, the school platform, the teacher's
folder) are out of reach: the message says so.
"""

from __future__ import annotations

import json
import os
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import _, ngettext
from ..paths import user_home
from ..storage import TEMPORARY, is_set_aside, read_bounded, write_atomic
from ..storage import reason as _reason
from .model import RESULT_FORMAT
from .store import DATABASE, Store, StoreError
from .validate import clean_name, name_key

SKIPPED = frozenset({"games", "cache"})  # authored games and their compiled copies: no pupil data
MAX_READ = 64 * 1024 * 1024
FRESH_S = 5.0  # a temporary file younger than this may be another window's write in progress

# What a file is to the pupil, and what happens to it.
ERASE, REMOVE_MEMBER, SCRUB = "erase", "remove_member", "scrub"


@dataclass(frozen=True)
class Finding:
    path: Path
    what: str  # save, result, team_save, team_result, temporary, set_aside, unreadable, database
    action: str  # ERASE, REMOVE_MEMBER or SCRUB

    def describe(self) -> str:
        words = {
            "save": _("partie en cours"), "result": _("fichier de résultat"),
            "team_save": _("partie en cours d’une équipe (le nom est retiré des membres)"),
            "team_result": _("résultat d’une équipe (le nom est retiré des membres, le résultat reste)"),
            "temporary": _("fichier temporaire"), "set_aside": _("copie mise de côté"),
            "unreadable": _("fichier abîmé qui contient le pseudonyme"),
            "database": _("base de données abîmée (le pseudonyme y est effacé octet par octet)"),
        }
        return f"{self.path} — {words.get(self.what, self.what)}"

    def as_dict(self) -> dict[str, str]:
        return {"path": str(self.path), "what": self.what, "action": self.action}


@dataclass
class Forgotten:
    pseudonym: str
    records: int = 0
    done: list[Finding] = field(default_factory=list)
    failed: list[tuple[Finding, str]] = field(default_factory=list)
    busy: bool = False  # a Sésame window kept part of the database's log in use

    @property
    def saves(self) -> int:
        return sum(f.what == "save" for f in self.done)

    def describe(self) -> str:
        """What was erased, in words, for whoever typed the command."""
        lines = []
        if not self.records and not self.done and not self.failed:
            lines.append(_("Aucune donnée enregistrée pour « {who} » sur cet ordinateur.").format(
                who=self.pseudonym))
        else:
            lines.append(ngettext("« {who} » : {n} enregistrement effacé de la base de données.",
                                  "« {who} » : {n} enregistrements effacés de la base de données.",
                                  self.records).format(who=self.pseudonym, n=self.records))
            if self.done:
                lines.append(ngettext("{n} fichier traité :", "{n} fichiers traités :",
                                      len(self.done)).format(n=len(self.done)))
                lines += [f"  {f.describe()}" for f in self.done]
            for finding, why in self.failed:
                lines.append(_("Impossible de traiter {file} : {why}").format(file=finding.path, why=why))
        if self.busy:
            lines.append(_("Sésame est ouvert dans une autre fenêtre : ferme-le, puis lance de nouveau "
                           "« sesame forget » pour effacer aussi les dernières traces de la base."))
        lines.append(_("Les fichiers de résultats déjà remis ailleurs (clé USB, ENT, dossier de "
                       "l’enseignant) ne sont pas sur cet ordinateur : efface-les là où ils sont."))
        return "\n".join(lines)


# --- finding ----------------------------------------------------------------------------

def _files(home: Path) -> Iterator[Path]:
    """Every file of the user's Sésame folder that may hold pupil data."""
    if not home.is_dir():
        return
    for folder, dirs, files in os.walk(home):
        if Path(folder) == home:
            dirs[:] = [d for d in dirs if d not in SKIPPED]
        dirs.sort()
        for name in sorted(files):
            yield Path(folder) / name


def _mentions(raw: bytes, key: str) -> bool:
    """Whether ``raw`` (any file, possibly cut short) holds the pseudonym, however it
    was typed (``name_key`` of the whole text: case, spacing, Unicode form)."""
    return key in name_key(raw.decode("utf-8", "replace"))


def _matches(value: Any, key: str) -> bool:
    return isinstance(value, str) and name_key(value) == key


def _classify(path: Path, key: str, now: float) -> Finding | None:
    name = path.name
    if name.endswith(TEMPORARY):
        try:
            raw = read_bounded(path, MAX_READ)
            old = now - path.stat().st_mtime >= FRESH_S
        except OSError:
            return None
        return Finding(path, "temporary", ERASE) if old or _mentions(raw, key) else None
    if not name.endswith(".json"):
        return None
    try:
        raw = read_bounded(path, MAX_READ)
    except OSError:
        return None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
        if not _mentions(raw, key):
            return None
    aside = is_set_aside(path)
    if isinstance(data, dict) and data.get("format") == RESULT_FORMAT and isinstance(data.get("who"), dict):
        who = data["who"]
        if _matches(who.get("pseudonym"), key) or _matches(who.get("team"), key):
            return Finding(path, "set_aside" if aside else "result", ERASE)
        if isinstance(who.get("members"), list) and any(_matches(m, key) for m in who["members"]):
            return Finding(path, "team_result", REMOVE_MEMBER)
    elif isinstance(data, dict) and "player" in data:  # a game in progress
        if _matches(data.get("player"), key):
            return Finding(path, "set_aside" if aside else "save", ERASE)
        if isinstance(data.get("members"), list) and any(_matches(m, key) for m in data["members"]):
            return Finding(path, "team_save", REMOVE_MEMBER)
    elif data is None:
        return Finding(path, "set_aside" if aside else "unreadable", ERASE)
    return None


def find(pseudonym: str, home: Path | None = None, now: float | None = None) -> list[Finding]:
    """The files of the user's Sésame folder that name ``pseudonym`` (the database
    apart), and leftover temporary files, with what ``forget`` does to each."""
    key = name_key(pseudonym)
    now = time.time() if now is None else now
    found = []
    for path in _files(home or user_home()):
        finding = _classify(path, key, now)
        if finding is not None:
            found.append(finding)
    return found


def databases(home: Path | None = None) -> list[Path]:
    """The local database and the damaged copies set aside next to it."""
    folder = (home or user_home()) / "data"
    try:
        return sorted(p for p in folder.glob("*.sqlite3") if p.is_file())
    except OSError:
        return []


# --- showing ----------------------------------------------------------------------------

def export(pseudonym: str, home: Path | None = None) -> dict[str, Any]:
    """Everything stored about ``pseudonym``: the database's records (as
    ``Store.export``) and the files ``forget`` would erase or change."""
    home = home or user_home()
    main = home / "data" / DATABASE
    out: dict[str, Any] = {"pseudonym": clean_name(pseudonym), "sessions": [], "member_of": []}
    if main.is_file():
        try:
            with Store(main) as store:
                out.update(store.export(pseudonym))
        except StoreError as error:
            out["database_error"] = str(error)
    out["files"] = [f.as_dict() for f in find(pseudonym, home)]
    pattern = _pattern(pseudonym)
    out["damaged_databases"] = [str(p) for p in databases(home) if p != main and _holds(p, pattern)]
    return out


# --- erasing ----------------------------------------------------------------------------

def _pattern(pseudonym: str) -> re.Pattern[bytes]:
    """The pseudonym as bytes inside any file, however it was typed: each letter in any
    case, composed or not (NFC, NFD), words separated by any run of spaces."""
    parts = []
    for char in clean_name(pseudonym):
        if char == " ":
            parts.append(b" +")
            continue
        forms = {unicodedata.normalize(f, v).encode() for v in {char, char.lower(), char.upper(), char.casefold()}
                 for f in ("NFC", "NFD")}
        parts.append(b"(?:" + b"|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + b")")
    return re.compile(b"".join(parts))


def _holds(path: Path, pattern: re.Pattern[bytes]) -> bool:
    for file in (path, Path(f"{path}-wal")):
        try:
            raw = file.read_bytes()
        except OSError:
            continue
        if pattern.search(raw):
            return True
    return False


def _scrub(path: Path, pattern: re.Pattern[bytes]) -> bool:
    """Overwrite every occurrence of the pseudonym in a database that cannot be opened
    (damaged, set aside) with zeros, in place; True when something was overwritten."""
    changed = False
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-journal")):
        try:
            raw = file.read_bytes()
        except OSError:
            continue
        scrubbed = pattern.sub(lambda m: bytes(len(m.group(0))), raw)
        if scrubbed != raw:
            write_atomic(file, scrubbed)
            changed = True
    return changed


def _remove_member(path: Path, key: str) -> None:
    data = json.loads(read_bounded(path, MAX_READ).decode("utf-8-sig"))
    who = data["who"] if data.get("format") == RESULT_FORMAT else data
    who["members"] = [m for m in who["members"] if not _matches(m, key)]
    indent = 1 if data.get("format") == RESULT_FORMAT else None
    write_atomic(path, json.dumps(data, ensure_ascii=False, indent=indent) + ("\n" if indent else ""))


def forget(pseudonym: str, database: Path | None = None, home: Path | None = None) -> Forgotten:
    """Erase ``pseudonym`` from the database and from every file of the user's Sésame
    folder; a database that does not exist yet is not created for the occasion.
    Raises ``StoreError`` when the database cannot be opened for a reason other than
    damage (nothing is erased then: a read-only disk, a newer Sésame)."""
    home = home or user_home()
    who = clean_name(pseudonym)
    key = name_key(pseudonym)
    out = Forgotten(who)
    main = database or home / "data" / DATABASE
    pattern = _pattern(pseudonym)
    for path in dict.fromkeys([main, *databases(home)]):
        if not path.is_file():
            continue
        try:
            with Store(path) as store:
                out.records += store.forget(who)
                out.busy = out.busy or not store.fold_log()
        except StoreError as error:
            if error.kind != "damaged":
                if path == main:
                    raise
                out.failed.append((Finding(path, "database", SCRUB), str(error)))
                continue
            if _holds(path, pattern):
                finding = Finding(path, "database", SCRUB)
                try:
                    _scrub(path, pattern)
                    out.done.append(finding)
                except OSError as failure:
                    out.failed.append((finding, _reason(failure)))
    for finding in find(pseudonym, home):
        try:
            if finding.action == REMOVE_MEMBER:
                _remove_member(finding.path, key)
            else:
                finding.path.unlink()
        except (OSError, ValueError, KeyError, TypeError) as error:
            why = _reason(error) if isinstance(error, OSError) else str(error)
            out.failed.append((finding, why))
            continue
        out.done.append(finding)
    return out
