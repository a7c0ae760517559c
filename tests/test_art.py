"""The bundled art library (engine/assets/art): every picture drawn by pygame-ce, names
unique across folders, named by games as ``art:NAME`` through the one resolver, with its
licence and credit recorded."""

from __future__ import annotations

import json
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from engine.content import assets  # noqa: E402

ROOT = assets.art_root()


def test_names_are_unique_and_plain():
    names = assets.art_names()
    assert len(names) == len(set(names)) > 100
    for kind in assets.ART_FOLDERS:
        assert assets.art_names(kind), kind
    assert "art:redaction" in assets.art_names("decors")
    assert "art:fille_a" in assets.art_names("visages")


@pytest.mark.parametrize("name", assets.art_names())
def test_every_picture_is_drawn_by_pygame(name):
    data = assets.read(ROOT, name, assets.image_limit(name))
    assert assets.image_info(name, data).kind == "svg"
    surface = pygame.image.load_sized_svg(assets.resolve_art(name), (96, 60))
    assert surface.get_width() <= 96 and surface.get_height() <= 60
    assert surface.get_bounding_rect().width > 0  # something is drawn


@pytest.mark.parametrize("name", ["art:../../fonts/x", "art:Redaction", "art:", "art:nope", "art:a/b"])
def test_a_name_cannot_leave_the_library(name, tmp_path):
    with pytest.raises(assets.Refused) as refused:
        assets.read(tmp_path, name, 1000)
    assert refused.value.code == "missing"


def test_every_set_has_its_licence_file_and_credit():
    credits = json.loads((ROOT / "credits.json").read_text("utf-8"))
    for entry in credits["art"] + credits["fonts"]:
        assert (ROOT / entry["licence_file"]).is_file(), entry
        assert entry["licence"] and entry["author"]
    sources = json.loads((ROOT / "sources.json").read_text("utf-8"))
    drawn = {n[4:] for n in assets.art_names("objets") + assets.art_names("visages")}
    assert drawn == set(sources)


def test_the_library_stays_small():
    size = sum(f.stat().st_size for f in ROOT.rglob("*") if f.is_file())
    assert size < 2_000_000
