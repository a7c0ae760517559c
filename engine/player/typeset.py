"""Fonts and text: loaded once, wrapped to a width, rendered once and cached.

Re-rendering text every frame costs more than the rest of a frame (as measured): every
text surface comes from ``Typesetter.render``, keyed by everything that changes it.

Game text is untrusted: ``render`` is the one place where text meets a font, so it is
cleaned there once (``displayable``: no control, zero-width or bidi characters), cut to
``MAX_CHARS``, and words wider than a line are broken, so no text can crash the
renderer (« Text has zero width ») or build a surface the size of a megabyte title.
"""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from functools import lru_cache

import pygame

from ..core.text import displayable, french
from ..paths import assets

FAMILIES = {
    "hyperlegible": ("atkinson-hyperlegible/AtkinsonHyperlegible-Regular.woff",
                     "atkinson-hyperlegible/AtkinsonHyperlegible-Bold.woff"),
    "dyslexic": ("opendyslexic/OpenDyslexic-Regular.woff", "opendyslexic/OpenDyslexic-Bold.woff"),
}
# Symbols the reading fonts lack (arrows, check marks…) are drawn with this one.
FALLBACK = "dejavu/DejaVuSans.ttf"
CACHE_BYTES = 24 * 2**20  # rendered text kept for reuse; the least recently used goes first
MAX_CHARS = 20_000  # longer texts are cut with « … » (a screen holds a few thousand characters)


# OpenDyslexic draws much larger than other fonts at the same size (a line 1.8 times its
# size, against 1.25 for Atkinson Hyperlegible; words 1.5 times as wide): scaled so that
# both have the same line height, layouts sized for the text size hold with either font
# (its x-height is then the smaller: 16 px against 20 at a 40 px size).
SCALE = {"dyslexic": 0.7}
# Families drawn without the font's kerning, letters brought closer evenly instead.
# OpenDyslexic 0.920 (the bundled release, the latest on npm) gives its lowercase letters
# the same side bearings (153 units) and then a kerning table of thousands of uneven pairs:
# +30 to +90 after « S » (« So » +60) where « oo » is -60 and « ef » -110, so « Sources »
# read « S ources » (11 px after the S at 200 % text, 5 to 7 between the others). SDL_ttf
# shapes with HarfBuzz, which applies that table, and pygame-ce has no switch for it:
# such faces are drawn cluster by cluster (``Unkerned``), each pair of letters closer by
# the table's mean inside French words (-73 units regular, -69 bold, measured on the
# bundled games), so words keep their width and layouts sized for them still hold.
UNKERNED = {"dyslexic": 0.07}  # family: em between two letters, taken off


@lru_cache(maxsize=64)
def font(family: str, size: int, bold: bool = False) -> pygame.font.Font | Unkerned:
    regular, heavy = FAMILIES.get(family, FAMILIES["hyperlegible"])
    size = max(1, round(size * SCALE.get(family, 1.0)))
    face = pygame.font.Font(str(assets() / "fonts" / (heavy if bold else regular)), size)
    return Unkerned(face, round(size * UNKERNED[family])) if family in UNKERNED else face


def clusters(text: str) -> list[str]:
    """``text`` cut into characters, each with the combining marks that follow it (so
    HarfBuzz still places a mark on its letter)."""
    out: list[str] = []
    for char in text:
        if out and unicodedata.combining(char):
            out[-1] += char
        else:
            out.append(char)
    return out


class Unkerned:
    """A ``pygame.font.Font`` that measures and draws text without its kerning: each
    cluster rendered alone (kept: a few hundred distinct ones per face and colour) and
    placed at the sum of the widths before it, less ``tracking`` pixels between two
    clusters that are not spaces."""

    GLYPHS = 4096  # rendered clusters kept per face; past that the store starts again

    def __init__(self, face: pygame.font.Font, tracking: int = 0) -> None:
        self.face = face
        self.tracking = tracking
        self._widths: dict[str, int] = {}
        self._glyphs: dict[tuple, pygame.Surface] = {}

    def __getattr__(self, name: str):
        return getattr(self.face, name)

    def _width(self, cluster: str) -> int:
        width = self._widths.get(cluster)
        if width is None:
            width = self._widths[cluster] = self.face.size(cluster)[0]
        return width

    def _places(self, parts: list[str]) -> tuple[list[int], int]:
        """Where each cluster starts, and the whole width."""
        places, x, before = [], 0, " "
        for cluster in parts:
            if self.tracking and not cluster.isspace() and not before.isspace():
                x -= self.tracking
            places.append(x)
            x += self._width(cluster)
            before = cluster
        return places, max(0, x)

    def size(self, text: str) -> tuple[int, int]:
        if any(map(unicodedata.combining, text)):
            return self._places(clusters(text))[1], self.face.get_height()
        # the same sum without a list of clusters: ``wrap`` measures every candidate line
        widths = self._widths
        for char in set(text).difference(widths):
            self._width(char)
        width = sum(map(widths.__getitem__, text))
        if self.tracking:
            width -= self.tracking * sum(len(word) - 1 for word in text.split())
        return max(0, width), self.face.get_height()

    def render(self, text: str, antialias: bool, color) -> pygame.Surface:
        parts = clusters(text)
        places, width = self._places(parts)
        out = pygame.Surface((max(1, width), self.face.get_height()), pygame.SRCALPHA)
        for cluster, x in zip(parts, places):
            if not self._width(cluster):
                continue
            key = (cluster, antialias, tuple(color))
            glyph = self._glyphs.get(key)
            if glyph is None:
                if len(self._glyphs) >= self.GLYPHS:
                    self._glyphs.clear()
                glyph = self._glyphs[key] = self.face.render(cluster, antialias, color)
            out.blit(glyph, (x, 0))
        return out


@lru_cache(maxsize=32)
def fallback_font(size: int, bold: bool = False) -> pygame.font.Font:
    face = pygame.font.Font(str(assets() / "fonts" / FALLBACK), size)
    face.set_bold(bold)
    return face


def wrap(text: str, face: pygame.font.Font | Unkerned, width: int | None) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (words break only at ordinary spaces,
    so the no-break spaces of French typography keep « : ! ? » with their word; a word
    wider than the line is cut where it must be)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if width is None or face.size(paragraph)[0] <= width:
            lines.append(paragraph)
            continue
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if face.size(candidate)[0] <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while len(current) > 1:
                cut = _fitting(current, face, width)
                if cut >= len(current):
                    break
                lines.append(current[:cut])
                current = current[cut:]
        lines.append(current)
    return lines


def _fitting(word: str, face: pygame.font.Font | Unkerned, width: int) -> int:
    """How many first characters of ``word`` fit in ``width`` (at least one). Galloping
    from a guess made on the first characters, then halving: a few measures of about a
    line each, so a megabyte word costs no more than its lines."""
    sample = word[:32]
    guess = max(1, width * len(sample) // max(1, face.size(sample)[0]))
    low, high = 0, min(len(word), guess)  # word[:low] fits (or is empty); word[high:] unknown
    while face.size(word[:high])[0] <= width:
        if high == len(word):
            return high
        low, high = high, min(len(word), high * 2)
    while low < high - 1:  # word[:high] does not fit
        middle = (low + high) // 2
        if face.size(word[:middle])[0] <= width:
            low = middle
        else:
            high = middle
    return max(1, low)


NO_BREAK_SPACES = ("\u202f", "\u00a0", "\u2009", " ")  # narrow first: French typography


@lru_cache(maxsize=8192)
def has_glyph(font_file: str, char: str) -> bool:
    """Whether the font file draws ``char`` (``pygame.font`` would silently draw an
    empty box; ``pygame.freetype`` says None for a missing glyph)."""
    path = str(assets() / "fonts" / font_file)
    try:
        return _freetype_face(path).get_metrics(char)[0] is not None
    except pygame.error:  # a face kept from before pygame.quit() (« broken table »): load it again
        _freetype_face.cache_clear()
        return _freetype_face(path).get_metrics(char)[0] is not None


@lru_cache(maxsize=8)
def _freetype_face(path: str):
    import pygame.freetype

    if not pygame.freetype.get_init():
        pygame.freetype.init()
    return pygame.freetype.Font(path, 16)


def drawable_spaces(text: str, family: str) -> str:
    """``text`` with each no-break space the reading font lacks replaced by the one it
    is drawn with (see ``runs``)."""
    regular = FAMILIES.get(family, FAMILIES["hyperlegible"])[0]
    for space in NO_BREAK_SPACES[:-1]:
        if space in text and not has_glyph(regular, space):
            text = text.replace(space, next(c for c in NO_BREAK_SPACES if c == " " or has_glyph(regular, c)))
    return text


def runs(line: str, family: str) -> list[tuple[str, bool]]:
    """``line`` cut into (text, drawn with the fallback font) runs. A no-break space the
    reading font lacks becomes one it has; what no bundled font can draw (emoji) is left
    out rather than shown as an empty box. Applied after wrapping, so words never break."""
    regular = FAMILIES.get(family, FAMILIES["hyperlegible"])[0]
    if line.isascii():
        return [(line, False)] if line else []
    out: list[tuple[list[str], bool]] = []
    for char in line:
        if char.isascii() or has_glyph(regular, char):
            fallback = False
        elif char in NO_BREAK_SPACES:
            char = next(c for c in NO_BREAK_SPACES if c == " " or has_glyph(regular, c))
            fallback = False
        elif has_glyph(FALLBACK, char):
            fallback = True
        else:
            continue
        if out and out[-1][1] == fallback:
            out[-1][0].append(char)
        else:
            out.append(([char], fallback))
    # an emoji left out leaves two spaces
    return [(re.sub(r" {2,}", " ", "".join(chars)), fb) for chars, fb in out]


class Typesetter:
    def __init__(self, family: str, locale: str = "fr") -> None:
        self.family = family
        self.locale = locale
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._bytes = 0

    def face(self, size: int, bold: bool = False) -> pygame.font.Font | Unkerned:
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
        clean = displayable(text)
        if len(clean) > MAX_CHARS:
            clean = clean[:MAX_CHARS] + "…"
        # Lines are measured with the spaces they will be drawn with: a narrow no-break
        # space the font lacks is drawn as a wider one (``runs``), so measuring the
        # missing glyph would let French lines overflow their width.
        lines = wrap(drawable_spaces(self.shown(clean), self.family), face, width)
        line_height = round(face.get_linesize() * spacing)
        rendered = [self._line(line, size, color, bold, face) for line in lines]
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

    def _line(self, line: str, size: int, color: tuple[int, int, int], bold: bool,
              face: pygame.font.Font | Unkerned) -> pygame.Surface:
        pieces = [_rendered(fallback_font(size, bold) if fb else face, text, color)
                  for text, fb in runs(line, self.family)]
        if len(pieces) == 1:
            return pieces[0]
        out = pygame.Surface((sum(p.get_width() for p in pieces), max([face.get_height()] + [
            p.get_height() for p in pieces])), pygame.SRCALPHA)
        x = 0
        for piece in pieces:
            out.blit(piece, (x, out.get_height() - piece.get_height()))
            x += piece.get_width()
        return out

    def height(self, text: str, size: int, width: int | None, bold: bool = False) -> int:
        return self.render(text, size, (0, 0, 0), width, bold).get_height()


def _rendered(face: pygame.font.Font | Unkerned, text: str, color: tuple[int, int, int]) -> pygame.Surface:
    """``face.render``, except that text drawing nothing (combining marks alone, glyphs
    of no width) gives an empty line instead of pygame's « Text has zero width »."""
    if not text or face.size(text)[0] == 0:
        return pygame.Surface((0, face.get_height()), pygame.SRCALPHA)
    return face.render(text, True, color)
