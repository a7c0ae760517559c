"""Fonts and text: loaded once, wrapped to a width, rendered once and cached.

Re-rendering text every frame costs more than the rest of a frame (FACTS.md): every
text surface comes from ``Typesetter.render``, keyed by everything that changes it.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache

import pygame

from ..core.text import french
from ..paths import assets

FAMILIES = {
    "hyperlegible": ("atkinson-hyperlegible/AtkinsonHyperlegible-Regular.woff",
                     "atkinson-hyperlegible/AtkinsonHyperlegible-Bold.woff"),
    "dyslexic": ("opendyslexic/OpenDyslexic-Regular.woff", "opendyslexic/OpenDyslexic-Bold.woff"),
}
CACHE_BYTES = 24 * 2**20  # rendered text kept for reuse; the least recently used goes first


@lru_cache(maxsize=64)
def font(family: str, size: int, bold: bool = False) -> pygame.font.Font:
    regular, heavy = FAMILIES.get(family, FAMILIES["hyperlegible"])
    return pygame.font.Font(str(assets() / "fonts" / (heavy if bold else regular)), size)


def wrap(text: str, face: pygame.font.Font, width: int | None) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (words break only at ordinary spaces,
    so the no-break spaces of French typography keep « : ! ? » with their word)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if width is None or face.size(paragraph)[0] <= width:
            lines.append(paragraph)
            continue
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if face.size(candidate)[0] <= width or not current:
                current = candidate
            else:
                lines.append(current)
                current = word
        lines.append(current)
    return lines


NO_BREAK_SPACES = ("\u202f", "\u00a0", "\u2009", " ")  # narrow first: French typography


@lru_cache(maxsize=4096)
def has_glyph(family: str, char: str) -> bool:
    """Whether the family's regular face draws ``char`` (``pygame.font`` would silently
    draw an empty box; ``pygame.freetype`` says None for a missing glyph)."""
    import pygame.freetype

    if not pygame.freetype.get_init():
        pygame.freetype.init()
    regular, _bold = FAMILIES.get(family, FAMILIES["hyperlegible"])
    face = _freetype_face(str(assets() / "fonts" / regular))
    return face.get_metrics(char)[0] is not None


@lru_cache(maxsize=4)
def _freetype_face(path: str):
    import pygame.freetype

    return pygame.freetype.Font(path, 16)


def drawable(line: str, family: str) -> str:
    """``line`` as the font can draw it: a no-break space the font lacks becomes one it
    has; other missing characters (emoji, mostly) are left out instead of showing as
    empty boxes. Applied after wrapping, so words still never break there."""
    if line.isascii():
        return line
    out = []
    for char in line:
        if char.isascii() or has_glyph(family, char):
            out.append(char)
        elif char in NO_BREAK_SPACES:
            out.append(next(c for c in NO_BREAK_SPACES if c == " " or has_glyph(family, c)))
    return re.sub(r" {2,}", " ", "".join(out)).strip(" ")


class Typesetter:
    def __init__(self, family: str, locale: str = "fr") -> None:
        self.family = family
        self.locale = locale
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._bytes = 0

    def face(self, size: int, bold: bool = False) -> pygame.font.Font:
        return font(self.family, size, bold)

    def shown(self, text: str) -> str:
        return french(text) if self.locale.startswith("fr") else text

    def render(self, text: str, size: int, color: tuple[int, int, int], width: int | None = None,
               bold: bool = False, align: str = "left", spacing: float = 1.3) -> pygame.Surface:
        """``text`` wrapped to ``width``, as one transparent surface (cached)."""
        key = (text, size, color, width, bold, align, spacing, self.family, self.locale)
        surface = self._cache.get(key)
        if surface is not None:
            self._cache.move_to_end(key)
            return surface
        face = self.face(size, bold)
        lines = [drawable(line, self.family) for line in wrap(self.shown(text), face, width)]
        line_height = round(face.get_linesize() * spacing)
        rendered = [face.render(line, True, color) for line in lines]
        full = max((s.get_width() for s in rendered), default=0)
        box = width if width is not None and align != "left" else full
        surface = pygame.Surface((max(1, box), max(1, line_height * len(lines) - (line_height - face.get_height()))),
                                 pygame.SRCALPHA)
        for index, line in enumerate(rendered):
            x = {"left": 0, "center": (box - line.get_width()) // 2, "right": box - line.get_width()}[align]
            surface.blit(line, (x, index * line_height))
        self._cache[key] = surface
        self._bytes += surface.get_width() * surface.get_height() * 4
        while self._bytes > CACHE_BYTES and len(self._cache) > 1:
            _key, old = self._cache.popitem(last=False)
            self._bytes -= old.get_width() * old.get_height() * 4
        return surface

    def height(self, text: str, size: int, width: int | None, bold: bool = False) -> int:
        return self.render(text, size, (0, 0, 0), width, bold).get_height()
