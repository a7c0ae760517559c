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
CACHE_SIZE = 800


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


def drawable(text: str, face: pygame.font.Font) -> str:
    """``text`` without the characters the font cannot draw (emoji, mostly), which would
    show as empty boxes; the spaces they leave are folded."""
    if text.isascii():
        return text
    metrics = face.metrics(text)
    if all(m is not None for m in metrics):
        return text
    kept = "".join(c for c, m in zip(text, metrics) if m is not None or c == "\n")
    return re.sub(r"[ ]{2,}", " ", kept).strip(" ")


class Typesetter:
    def __init__(self, family: str, locale: str = "fr") -> None:
        self.family = family
        self.locale = locale
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()

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
        lines = wrap(drawable(self.shown(text), face), face, width)
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
        if len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        return surface

    def height(self, text: str, size: int, width: int | None, bold: bool = False) -> int:
        return self.render(text, size, (0, 0, 0), width, bold).get_height()
