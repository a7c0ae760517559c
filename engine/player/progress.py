"""What the home screen says of the games already played on this computer: finished
(and won), best score. Read from the local results database without changing it (a
read-only connection, no migration), once per change of the file; no name is shown.

``mark`` draws a ribbon on a game's card (scenes/home.py calls it).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pygame

from ..i18n import _
from . import gfx


@dataclass(frozen=True)
class Progress:
    """A game's record here: ``finished`` once any session ended; best score of those."""

    finished: bool = False
    success: bool = False
    best: int = 0
    out_of: int = 0


_cache: dict[tuple[str, tuple[int, ...]], dict[str, Progress]] = {}


def database() -> Path:
    from ..results.store import default_path

    return default_path()


def records(path: Path | None = None) -> dict[str, Progress]:
    """Every game's record, by id; empty when there is no database or it cannot be read."""
    path = path or database()
    try:
        info = os.stat(path)
    except OSError:
        return {}
    # The database writes through its write-ahead log first (WAL mode): a game just
    # finished changes ``…-wal``, not the file itself, until the next checkpoint.
    try:
        log = os.stat(f"{path}-wal")
        stamp: tuple[int, ...] = (info.st_mtime_ns, info.st_size, log.st_mtime_ns, log.st_size)
    except OSError:
        stamp = (info.st_mtime_ns, info.st_size)
    key = (str(path), stamp)
    if key not in _cache:
        _cache.clear()
        _cache[key] = _read(path)
    return _cache[key]


def _read(path: Path) -> dict[str, Progress]:
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.2)
    except (sqlite3.Error, OSError, ValueError, TypeError):  # the ribbon never stops the home screen
        return {}
    try:
        rows = db.execute(
            "SELECT game_id, MAX(success), MAX(score), MAX(max_score) FROM sessions "
            "WHERE ended = 1 GROUP BY game_id").fetchall()
    except sqlite3.Error:  # an older or damaged file: the home screen goes on without it
        return {}
    finally:
        db.close()
    found = {}
    for game, success, best, out_of in rows:
        try:  # a hand-edited database may hold text or an infinity where a score goes
            found[str(game)] = Progress(True, bool(success), int(best or 0), int(out_of or 0))
        except (ValueError, TypeError, OverflowError):
            continue
    return found


def words(progress: Progress) -> str:
    """« Terminé · meilleur score : 150 / 190 » (also what a screen reader says)."""
    if not progress.finished:
        return ""
    done = _("Réussi") if progress.success else _("Terminé")
    if progress.out_of:
        return _("{done} · meilleur score : {best} / {out_of}").format(
            done=done, best=progress.best, out_of=progress.out_of)
    return done


def short(progress: Progress, with_score: bool = True) -> str:
    """The ribbon's words: « Réussi · 150 / 190 », or « Réussi » where room is short."""
    done = _("Réussi") if progress.success else _("Terminé")
    if with_score and progress.out_of:
        return f"{done} · {progress.best}\u202f/\u202f{progress.out_of}"
    return done


def mark(surface: pygame.Surface, ui, rect: pygame.Rect, game_id: str) -> None:
    """A ribbon on the line of the card's genre badge, at its right, when the game was
    finished here: with the best score, or without it on a narrow card (200 % text)."""
    found = records().get(game_id)
    if found is None:
        return
    m, p = ui.metrics, ui.palette
    room = rect.width - m.unit * 6 - m.small * 9  # what the genre badge leaves
    for with_score in (True, False):
        text = ui.text.render(short(found, with_score), m.small, p.accent_text, bold=True)
        width = text.get_width() + m.small + m.unit * 5
        if width <= room:
            break
    else:
        return  # no room at all: the card stays as it was
    ribbon = pygame.Rect(0, 0, width, text.get_height() + m.unit)
    ribbon.topright = (rect.right - m.unit * 3, rect.y + m.unit * 3)
    colour = p.success if found.success else p.accent
    pygame.draw.rect(surface, colour, ribbon, border_radius=ribbon.height // 2)
    gfx.icon(surface, "check", (ribbon.x + m.unit * 2 + m.small // 2, ribbon.centery), m.small, p.accent_text)
    surface.blit(text, (ribbon.x + m.unit * 3 + m.small, ribbon.centery - text.get_height() // 2))
