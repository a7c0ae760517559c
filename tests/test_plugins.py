"""Puzzle types and document kinds are plug-ins (issue 11): nothing outside their own
modules compares a type's or a kind's name. A grep over the source, so that a new
`if puzzle.type == "…"` fails here instead of growing a chain again."""

from __future__ import annotations

import re
from pathlib import Path

from engine.core import effects, puzzles
from engine.player import answers, documents

ROOT = Path(__file__).resolve().parent.parent / "engine"

# Where names are the point: the plug-ins themselves, and the GIFT converter, which maps
# Moodle's question kinds to ours one by one (a translation table, by nature). The
# editor reads each type's form hint and example from its plug-in (PuzzleType.form).
ALLOWED = ("core/puzzles/", "core/effects.py", "player/answers.py", "player/documents.py", "content/gift/")

SUBJECT = r"""(\.type|\.kind|\[["']type["']\]|\[["']kind["']\]|get\(["'](?:type|kind)["']\))"""


def _comparisons(names: set[str]) -> list[str]:
    alternatives = "|".join(sorted(names))
    literal = rf"""["'](?:{alternatives})["']"""
    compared = re.compile(rf"""{SUBJECT}\s*(?:==|!=|\bnot in\b|\bin\b)\s*[(\[{{]?[^#\n]*{literal}"""
                          rf"""|{literal}\s*(?:==|!=)\s*[\w.]*{SUBJECT}""")
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(ALLOWED):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if compared.search(line):
                found.append(f"engine/{relative}:{number}: {line.strip()}")
    return found


def test_no_puzzle_type_name_is_compared_outside_the_plugins():
    assert _comparisons(set(puzzles.REGISTRY)) == []


def test_no_document_kind_name_is_compared_outside_the_plugins():
    assert _comparisons(set(documents.KINDS)) == []


def test_no_effect_kind_name_is_compared_outside_its_registry():
    assert _comparisons(set(effects.KINDS)) == []


def test_the_search_finds_what_it_looks_for(tmp_path):
    line = 'if p.type in ("order", "match"):'
    pattern_hit = re.search(rf"""{SUBJECT}\s*(?:==|!=|\bnot in\b|\bin\b)\s*[(\[{{]?[^#\n]*["']order["']""", line)
    assert pattern_hit is not None


def test_every_puzzle_type_has_its_two_halves():
    """A type registered in the core has an answer input in the player, and back."""
    assert set(answers.REGISTRY) == set(puzzles.REGISTRY)


def test_every_icon_named_in_the_source_is_drawn_and_an_unknown_one_fails():
    import pygame
    import pytest

    from engine.player import gfx

    named = set()
    for path in ROOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"""\bicon=["'](\w+)["']""", text))
        named |= set(re.findall(r"""\bicon\([^,()]+, ["'](\w+)["']""", text))
    assert named and named <= set(gfx.ICONS), named - set(gfx.ICONS)
    surface = pygame.Surface((40, 40))
    for name in gfx.ICONS:
        gfx.icon(surface, name, (20, 20), 32, (0, 0, 0))
    with pytest.raises(KeyError):
        gfx.icon(surface, "no-such-icon", (20, 20), 32, (0, 0, 0))
