#!/usr/bin/env python3
"""Make the bundled Atkinson Hyperlegible with a zero that has no slash.

    npm pack @fontsource/atkinson-hyperlegible@5.3.0 && tar xzf fontsource-atkinson-hyperlegible-5.3.0.tgz
    python build/fonts.py package/          # needs fontTools (not in Sésame's venv: a throwaway one)

Atkinson Hyperlegible draws its zero slashed, and French pupils find a slashed zero
odd (issue 15). The font has no other zero (its ``zero.tf`` is slashed too, no
``zero`` feature, no stylistic set; the same holds for Atkinson Hyperlegible Next),
and pygame cannot pick OpenType features anyway. So the slash is taken out of the
outline: the slashed zero is a ring (the outer contour) whose counter the slash cuts
in two, the upper right piece keeping the counter's right and top extremes, the lower
left piece its left and bottom ones. The counter is made whole again from the
designer's own curves: the top-right quarter is mirrored about the glyph's vertical
axis into the top-left one, the bottom-left quarter into the bottom-right one; every
on-curve point is an original one. Nothing is drawn by hand. ``zero.tf`` is a
component of ``zero`` and follows it; every other glyph, the metrics (the zero keeps its advance
and bounding box), kerning, features and names are kept; the version string and the
description say what changed, as the SIL OFL asks (the licence names no Reserved
Font Name, so the family keeps its name). The fontsource files carry no hinting.

Reads only the unpacked npm package given on the command line (nothing is
downloaded) and writes engine/assets/fonts/atkinson-hyperlegible/*.woff; the output
is byte for byte the same from one run to the next.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from fontTools.ttLib import TTFont
from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphCoordinates

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "engine" / "assets" / "fonts" / "atkinson-hyperlegible"

# npm @fontsource/atkinson-hyperlegible 5.3.0, latin subset: file in the package → bundled name, sha256
SOURCES = {
    "files/atkinson-hyperlegible-latin-400-normal.woff": (
        "AtkinsonHyperlegible-Regular.woff",
        "07058291b6793d7f8d2c2e001d34c5479a46fc8a01a9170414a8129a89d6d520"),
    "files/atkinson-hyperlegible-latin-700-normal.woff": (
        "AtkinsonHyperlegible-Bold.woff",
        "577513bf8ebccb89f1852481d87eecbf2e10f703fbdad5ff341dd6d12d4972bd"),
}
NOTE = ("Modified by the Sésame project (2026): the digit zero without its slash, "
        "its counter made whole from the original curves mirrored; every other glyph unchanged.")


def _contours(glyph: Glyph, glyf) -> list[list[tuple[int, int, bool]]]:
    coords, ends, flags = glyph.getCoordinates(glyf)
    out, start = [], 0
    for end in ends:
        out.append([(int(x), int(y), bool(flags[i] & 1))
                    for i, (x, y) in enumerate(coords[start:end + 1], start=start)])
        start = end + 1
    return out


def _rotate_to(contour: list, point: tuple[int, int]) -> list:
    index = next(i for i, (x, y, on) in enumerate(contour) if on and (x, y) == point)
    return contour[index:] + contour[:index]


def _between(contour: list, a: tuple[int, int], b: tuple[int, int]) -> list:
    """The off-curve points from on-curve point a to on-curve point b, following the contour."""
    rotated = _rotate_to(contour, a)
    offs = []
    for x, y, on in rotated[1:]:
        if on:
            assert (x, y) == b, f"expected the on-curve point {b} after {a}, found {(x, y)}"
            return offs
        offs.append((x, y))
    raise AssertionError(f"no on-curve point {b} after {a}")


def unslash(glyph: Glyph, glyf) -> Glyph:
    """The zero ``glyph`` (outer ring + two counters cut by a slash from top left to
    bottom right) with one whole counter in place of the two."""
    outer, first, second = _contours(glyph, glyf)
    inner = [p for p in first + second if p[2]]
    right = max(inner, key=lambda p: p[0])[:2]
    left = min(inner, key=lambda p: p[0])[:2]
    top = max(inner, key=lambda p: p[1])[:2]
    bottom = min(inner, key=lambda p: p[1])[:2]
    upper, lower = (first, second) if any(p[:2] == top for p in first) else (second, first)
    assert {right, top} <= {p[:2] for p in upper} and {left, bottom} <= {p[:2] for p in lower}, \
        "not a zero slashed from top left to bottom right"
    axis = top[0] + bottom[0]  # twice the vertical axis's x
    assert abs(axis - (left[0] + right[0])) <= 1, "the counter is not symmetric"
    top_right = _between(upper, right, top)        # counter-clockwise: right → top
    bottom_left = _between(lower, left, bottom)    # left → bottom
    mirror = lambda pts: [(axis - x, y) for x, y in reversed(pts)]  # noqa: E731
    counter = ([(*bottom, True)] + [(x, y, False) for x, y in mirror(bottom_left)]
               + [(*right, True)] + [(x, y, False) for x, y in top_right]
               + [(*top, True)] + [(x, y, False) for x, y in mirror(top_right)]
               + [(*left, True)] + [(x, y, False) for x, y in bottom_left])
    new = Glyph()
    new.numberOfContours = 2
    new.coordinates = GlyphCoordinates([(x, y) for x, y, _ in outer + counter])
    new.flags = bytearray(1 if on else 0 for _, _, on in outer + counter)
    new.endPtsOfContours = [len(outer) - 1, len(outer) + len(counter) - 1]
    new.program = glyph.program if hasattr(glyph, "program") else None
    if new.program is None:
        from fontTools.ttLib.tables import ttProgram
        new.program = ttProgram.Program()
        new.program.fromBytecode(b"")
    new.recalcBounds(glyf)
    return new


def derive(source: Path, target: Path) -> None:
    font = TTFont(source, recalcTimestamp=False, recalcBBoxes=False)  # head as it was
    glyf = font["glyf"]
    assert [c.glyphName for c in glyf["zero.tf"].components] == ["zero"]  # follows the zero
    before = glyf["zero"]
    bounds = (before.xMin, before.yMin, before.xMax, before.yMax)
    glyf["zero"] = after = unslash(before, glyf)
    assert (after.xMin, after.yMin, after.xMax, after.yMax) == bounds
    assert font.getBestCmap()[0x30] == "zero"
    names = font["name"]
    for record in list(names.names):
        if record.nameID == 5:
            names.setName(record.toUnicode() + "; Sésame: zero without slash",
                          5, record.platformID, record.platEncID, record.langID)
    names.setName(NOTE, 10, 3, 1, 0x409)
    font.save(target, reorderTables=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked npm package (its package/ folder)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for relative, (bundled, digest) in SOURCES.items():
        source = args.package / relative
        actual = hashlib.sha256(source.read_bytes()).hexdigest()
        if actual != digest:
            print(f"{source}: sha256 {actual}, expected {digest} (another version of the package?)",
                  file=sys.stderr)
            return 1
        derive(source, args.out / bundled)
        print(f"{args.out / bundled}: sha256 {hashlib.sha256((args.out / bundled).read_bytes()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
