"""A game's pictures on screen: read through the content layer's resolver, decoded
with a deadline, converted to what the renderer needs, scaled to fit.

Whatever sits in the game's folder, the game goes on: a picture that is refused
(outside the folder, not a regular file, too heavy, too many pixels, not what its
name says) or that cannot be decoded in time is replaced by a drawn placeholder with
a French message naming the file. The rules themselves (paths, limits, headers) live
in ``engine/content/assets.py``, shared with ``sesame check``.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pygame

from ..content import assets
from ..i18n import _
from . import gfx

# Decoding runs in a thread (pygame lets go of the interpreter meanwhile), so a picture
# that takes longer than this is given up on instead of freezing the screen. An SVG of
# a few kilobytes can take a minute to draw (tiny dashes over long strokes).
DECODE_SECONDS = 3.0
# Decodings given up on keep running until they end; past this many, no new one starts.
MAX_ABANDONED = 2

_abandoned: list[threading.Thread] = []
_refused: dict[tuple[str, str], str] = {}  # (folder, name) -> why, decided once per file


@dataclass(frozen=True)
class Picture:
    """A decoded picture scaled to fit, or why there is none (a French sentence)."""

    surface: pygame.Surface | None
    problem: str = ""


def picture(ui, folder: Path | str, name: str, width: int, height: int) -> pygame.Surface:
    """The picture ``name`` of the game in ``folder``, fitted in ``width`` × ``height``;
    a placeholder of that size saying what is wrong when it cannot be shown."""
    loaded = load(str(folder), name, max(1, width), max(1, height))
    if loaded.surface is not None:
        return loaded.surface
    return placeholder(ui, (max(1, width), max(1, height)), loaded.problem)


# A picture that is part of a puzzle (a hotspot's image, a robot's track) is shown as
# large as the panel's width allows, up to its natural size × ANSWER_ZOOM, and never
# lower than ANSWER_FLOOR of the window's height (larger text makes the panel scroll,
# never the picture shrink: its own printed words stay readable).
ANSWER_ZOOM = 1.5
ANSWER_FLOOR = 0.55


def answer_size(folder: Path | str, name: str, width: int, room: int, window_height: int) -> tuple[int, int]:
    """The size of the picture ``name`` in a puzzle: ``width`` wide at most, ``room``
    high (what the panel has left) but at least ANSWER_FLOOR of ``window_height``, at
    most ANSWER_ZOOM × its natural size, its aspect kept."""
    height = max(room, round(window_height * ANSWER_FLOOR))
    natural = natural_size(str(folder), name)
    if natural is None:  # refused or unreadable: the placeholder takes the box
        return max(1, width), max(1, min(height, window_height // 3))
    nw, nh = natural
    scale = min(width / nw, height / nh, ANSWER_ZOOM)
    return max(1, round(nw * scale)), max(1, round(nh * scale))


@lru_cache(maxsize=64)
def natural_size(folder: str, name: str) -> tuple[int, int] | None:
    """The picture's own size in pixels (an SVG's width and height, or its viewBox),
    read from its header; None when it is refused or says none."""
    try:
        data = assets.read(Path(folder), name, assets.image_limit(name))
        info = assets.image_info(name, data)
    except assets.Refused:
        return None
    if info.width and info.height:
        return info.width, info.height
    head = data[:4096]
    tag = re.search(rb"<svg\b[^>]*>", head, re.S)
    if tag is None:
        return None
    attrs = dict((k.decode(), v.decode()) for k, v in re.findall(rb'\s([\w:-]+)\s*=\s*"([^"]*)"', tag.group(0)))
    try:
        w, h = float(re.sub(r"(px)?$", "", attrs.get("width", ""))), float(re.sub(r"(px)?$", "", attrs.get("height", "")))
    except ValueError:
        parts = attrs.get("viewBox", "").replace(",", " ").split()
        try:
            w, h = float(parts[2]), float(parts[3])
        except (IndexError, ValueError):
            return None
    return (round(w), round(h)) if w >= 1 and h >= 1 else None


# Small pictures (faces, sprites: at most this many pixels) have their own, larger
# cache, so that a conversation's faces do not push a room's background out.
SMALL_PIXELS = 256 * 256


def load(folder: str, name: str, width: int, height: int) -> Picture:
    """Read, check, decode and scale; cached by file and size."""
    if width * height <= SMALL_PIXELS:
        return _load_small(folder, name, width, height)
    return _load_large(folder, name, width, height)


@lru_cache(maxsize=8)  # scaled pictures, at most a screen each
def _load_large(folder: str, name: str, width: int, height: int) -> Picture:
    return _load(folder, name, width, height)


@lru_cache(maxsize=64)  # at most 64 × 256 KB
def _load_small(folder: str, name: str, width: int, height: int) -> Picture:
    return _load(folder, name, width, height)


def cache_clear() -> None:
    """Forget every decoded picture (tests; a game's files changed on disk)."""
    _load_large.cache_clear()
    _load_small.cache_clear()
    natural_size.cache_clear()


def _load(folder: str, name: str, width: int, height: int) -> Picture:
    known = _refused.get((folder, name))
    if known is not None:
        return Picture(None, known)
    try:
        data = assets.read(Path(folder), name, assets.image_limit(name))
        info = assets.image_info(name, data)
    except assets.Refused as refused:
        return _refuse(folder, name, refused.reason)
    surface, problem = _decode(data, info, (width, height), assets.printable_name(name))
    if surface is None:
        return _refuse(folder, name, problem)
    surface = _for_screen(surface)
    if info.kind != "svg":  # an SVG is drawn at the size asked for, so it stays sharp
        scale = min(width / surface.get_width(), height / surface.get_height())
        size = (max(1, round(surface.get_width() * scale)), max(1, round(surface.get_height() * scale)))
        surface = pygame.transform.smoothscale(surface, size)
    return Picture(surface)


def _refuse(folder: str, name: str, why: str) -> Picture:
    _refused[(folder, name)] = why
    return Picture(None, why)


def _decode(data: bytes, info: assets.ImageInfo, size: tuple[int, int],
            shown: str) -> tuple[pygame.Surface | None, str]:
    """Decode in a worker thread, waiting at most DECODE_SECONDS for it."""
    _abandoned[:] = [t for t in _abandoned if t.is_alive()]
    if len(_abandoned) >= MAX_ABANDONED:
        return None, _("« {file} » attend : d’autres images trop longues à dessiner occupent Sésame").format(
            file=shown)
    result: dict[str, pygame.Surface] = {}

    def work() -> None:
        try:
            if info.kind == "svg":
                result["surface"] = pygame.image.load_sized_svg(io.BytesIO(data), size)
            else:
                result["surface"] = pygame.image.load(io.BytesIO(data), f"picture.{info.kind}")
        except (pygame.error, ValueError, OSError, MemoryError):
            pass

    worker = threading.Thread(target=work, name="sesame-picture", daemon=True)
    worker.start()
    worker.join(DECODE_SECONDS)
    if worker.is_alive():
        _abandoned.append(worker)
        return None, _("« {file} » est trop longue à dessiner (plus de {n} secondes) : simplifiez "
                       "l’image ou enregistrez-la en PNG").format(file=shown, n=round(DECODE_SECONDS))
    if "surface" not in result:
        return None, _("« {file} » est abîmée ou d’un format que Sésame ne lit pas : "
                       "enregistrez-la de nouveau en PNG ou JPEG").format(file=shown)
    return result["surface"], ""


def _for_screen(surface: pygame.Surface) -> pygame.Surface:
    """32 bits with alpha, whatever the file held (palette, greyscale, 16 bits, a
    transparent colour): ``smoothscale`` accepts nothing else, and blitting is fastest."""
    if pygame.display.get_surface() is not None:
        return surface.convert_alpha()
    out = pygame.Surface(surface.get_size(), pygame.SRCALPHA, 32)
    out.blit(surface, (0, 0))
    return out


def placeholder(ui, size: tuple[int, int], problem: str) -> pygame.Surface:
    """A drawn stand-in: a framed picture icon, « Image non affichée » and the reason."""
    m, p = ui.metrics, ui.palette
    width, height = size
    out = pygame.Surface(size, pygame.SRCALPHA)
    gfx.box(out, out.get_rect(), p.surface_alt, m.radius, p.danger, 2)
    inner = width - m.unit * 4
    if inner < m.small or height < m.small:
        return out
    icon = min(m.body * 2, height // 3)
    title = ui.text.render(_("Image non affichée"), m.small, p.danger, inner, bold=True, align="center")
    reason = ui.text.render(problem, m.small, p.text, inner - m.unit * 2, align="center")
    total = icon + m.unit + title.get_height() + m.unit + reason.get_height()
    y = max(m.unit, (height - total) // 2)
    if icon >= m.small:
        gfx.icon(out, "picture", (width // 2, y + icon // 2), icon, p.danger)
        y += icon + m.unit
    clip = out.get_clip()
    out.set_clip(out.get_rect().inflate(-4, -4))
    out.blit(title, title.get_rect(centerx=width // 2, top=y))
    out.blit(reason, reason.get_rect(centerx=width // 2, top=y + title.get_height() + m.unit))
    out.set_clip(clip)
    return out
