"""The game-file resolver (engine/content/assets.py): every name a game gives is
confined to its folder, only regular files are opened, and limits hold before anything
is decoded. The same rules for the player, ``sesame check`` and the loader."""

from __future__ import annotations

import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.content import assets
from engine.content.check import check_path

from .conftest import FIXTURES, HEADER
from .images import jpeg_header, png

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symbolic links as on POSIX")


def refused(folder, name, limit=assets.IMAGE_MAX_BYTES) -> str:
    with pytest.raises(assets.Refused) as caught:
        assets.read(folder, name, limit)
    return caught.value.code


@pytest.mark.parametrize("name", ["../x.png", "images/../../x.png", "/etc/passwd", "C:/Windows/x.png",
                                  "c:x.png", "\\\\server\\share\\x.png", "images\\x.png", "a\x00.png",
                                  "a\x1b[31m.png", "CON.png", "images/nul", "", " "])
def test_names_outside_or_not_portable_are_refused_without_opening(tmp_path, name):
    (tmp_path / "x.png").write_bytes(png(2, 2))
    game = tmp_path / "game"
    (game / "images").mkdir(parents=True)
    assert refused(game, name) in ("outside", "path")


def test_a_name_part_over_255_bytes_is_refused_with_its_length(tmp_path):
    with pytest.raises(assets.Refused) as caught:
        assets.read(tmp_path, "a" * 300 + ".png", 100)
    assert caught.value.code == "long_name" and "304 caractères" in caught.value.reason


def test_a_path_inside_the_folder_is_read(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "a.png").write_bytes(png(3, 2))
    assert assets.read(tmp_path, "images/a.png", 1000) == png(3, 2)
    assert assets.read(tmp_path, "images/../images/a.png", 1000) == png(3, 2)  # stays inside


@posix_only
def test_symbolic_links_may_not_leave_the_folder(tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(png(2, 2))
    game = tmp_path / "game"
    game.mkdir()
    (game / "a.png").symlink_to(outside)
    (game / "inner.png").write_bytes(png(2, 2))
    (game / "b.png").symlink_to(game / "inner.png")
    (game / "dir").symlink_to(tmp_path)
    (game / "loop.png").symlink_to(game / "loop.png")
    assert refused(game, "a.png") == "outside"
    assert refused(game, "dir/secret.png") == "outside"
    assert refused(game, "loop.png") in ("unreadable", "outside")
    assert assets.read(game, "b.png", 1000) == png(2, 2)  # a link inside the folder is fine


@posix_only
def test_a_fifo_is_refused_without_being_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    assert refused(tmp_path, "pipe.png") == "not_file"  # returns at once: no writer needed


def test_a_folder_a_missing_file_and_a_heavy_file(tmp_path):
    (tmp_path / "d.png").mkdir()
    (tmp_path / "big.png").write_bytes(b"\0" * 2000)
    assert refused(tmp_path, "d.png") == "not_file"
    assert refused(tmp_path, "absent.png") == "missing"
    assert refused(tmp_path, "big.png", limit=1000) == "size"


def test_picture_sizes_come_from_the_header():
    assert assets.image_info("a.png", png(30, 20, pixels=False)) == assets.ImageInfo("png", 30, 20)
    assert assets.image_info("a.jpg", jpeg_header(640, 480)) == assets.ImageInfo("jpeg", 640, 480)
    assert assets.image_info("a.svg", b"<svg/>").kind == "svg"


@pytest.mark.parametrize("data, name", [(png(30_000, 30_000, pixels=False), "a.png"),
                                        (jpeg_header(65_000, 65_000), "a.jpeg"),
                                        (png(16_777_217, 1, pixels=False), "long.png")])
def test_too_many_pixels_is_refused_before_decoding(data, name):
    with pytest.raises(assets.Refused) as caught:
        assets.image_info(name, data)
    assert caught.value.code == "pixels" and "millions de pixels" in caught.value.reason


@pytest.mark.parametrize("data, name", [(b"GIF89a", "a.png"), (png(2, 2), "a.jpg"), (b"\xff\xd8\xff\xd9", "a.jpg"),
                                        (b"<html/>", "a.svg"), (b"", "a.png"), (png(2, 2), "a.gif")])
def test_content_that_is_not_what_the_name_says_is_refused(data, name):
    with pytest.raises(assets.Refused) as caught:
        assets.image_info(name, data)
    assert caught.value.code == "format"


def test_an_svg_over_its_size_limit_is_refused():
    with pytest.raises(assets.Refused) as caught:
        assets.image_info("a.svg", b"<svg>" + b" " * assets.SVG_MAX_BYTES)
    assert caught.value.code == "size"


@settings(max_examples=300)
@given(st.binary(max_size=200), st.sampled_from(["a.png", "a.jpg", "a.svg"]))
def test_any_bytes_give_a_size_or_a_refusal(data, name):
    for head in (b"", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", b"\xff\xd8"):
        try:
            info = assets.image_info(name, head + data)
        except assets.Refused as refusal:
            assert refusal.reason
        else:
            assert info.kind == "svg" or 0 < info.width * info.height <= assets.IMAGE_MAX_PIXELS


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_name_resolves_inside_the_folder_or_is_refused(tmp_path, name):
    try:
        target = assets.resolve(tmp_path, name)
    except assets.Refused as refusal:
        assert refusal.reason and refusal.file is not None
    else:
        assert tmp_path.resolve() in target.parents


# --- the same rules in sesame check -------------------------------------------------

QUIZ = HEADER + "genre: quiz\nquiz: {questions: [q]}\n"


def hotspot(image: str) -> str:
    return QUIZ + f"""puzzles:
  - {{id: q, type: hotspot, prompt: Clique., image: "{image}", explanation: x,
      zones: [{{id: z, x: 0, y: 0, w: 10, h: 10, correct: true}}]}}
"""


def messages(folder) -> list[str]:
    return [d.message for d in check_path(folder, solve=False).errors]


@pytest.mark.parametrize("image", ["C:/jeux/a.png", "images\\\\a.png", "c:a.png"])
def test_the_schema_refuses_drive_letters_and_backslashes_on_every_system(write_game, image):
    found = check_path(write_game({"game.yaml": hotspot(image)}), solve=False).errors
    assert any(d.code == "schema.pattern" for d in found), found


def test_check_refuses_a_picture_too_big_to_decode(write_game):
    folder = write_game({"game.yaml": hotspot("huge.png")})
    (folder / "huge.png").write_bytes(png(30_000, 30_000, pixels=False))
    assert any("30000 × 30000 pixels" in m for m in messages(folder))


@posix_only
def test_check_refuses_a_fifo_and_a_link_outside(write_game, tmp_path):
    folder = write_game({"game.yaml": hotspot("pipe.png")})
    os.mkfifo(folder / "pipe.png")
    assert any("n’est pas un fichier ordinaire" in m for m in messages(folder))
    (tmp_path / "secret.png").write_bytes(png(2, 2))
    other = write_game({"game.yaml": hotspot("a.png")}, name="other")
    (other / "a.png").symlink_to(tmp_path / "secret.png")
    assert any("hors du dossier du jeu" in m for m in messages(other))


@posix_only
def test_a_manifest_that_links_elsewhere_is_refused(write_game, tmp_path):
    real = write_game({"game.yaml": hotspot("a.png")}, name="real")
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "game.yaml").symlink_to(real / "game.yaml")
    report = check_path(folder, solve=False)
    assert [d.code for d in report.errors] == ["load.manifest_outside"]
    assert "hors du dossier du jeu" in report.errors[0].message


@posix_only
def test_includes_through_links_fifos_and_long_names_are_located(write_game, tmp_path):
    (tmp_path / "elsewhere.yaml").write_text("puzzles: []\n", encoding="utf-8")
    long = "b" * 300 + ".yaml"
    folder = write_game({"game.yaml": hotspot("a.svg").replace(
        "quiz: {", f"include: [lien.yaml, tube.yaml, {long}]\nquiz: {{"), "a.svg": "<svg/>"})
    (folder / "lien.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    os.mkfifo(folder / "tube.yaml")
    found = {d.code: d for d in check_path(folder, solve=False).errors}
    assert {"load.include_outside", "load.include_not_file", "load.include_long_name"} <= set(found)
    assert found["load.include_long_name"].line == 10 and "305 caractères" in found["load.include_long_name"].message


# --- packages: the installed game and the output folder -----------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_an_installed_manifest_that_is_a_fifo_is_not_opened_by_an_import(tmp_path):
    from engine.content.package import Conflict, install, pack, unpack

    package, _report = pack(FIXTURES / "mini_escape", tmp_path / "paquets")
    games = tmp_path / "games"
    (games / "mini_escape").mkdir(parents=True)
    os.mkfifo(games / "mini_escape" / "game.yaml")  # would block a plain read for ever
    with pytest.raises(Conflict) as conflict:
        install(unpack(package, into=tmp_path, solve=False), games)
    assert conflict.value.installed_version == "?"


def test_a_package_that_cannot_be_written_leaves_no_partial_file(tmp_path, monkeypatch):
    import errno
    import zipfile

    from engine.content.package import pack

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full)
    with pytest.raises(OSError):
        pack(FIXTURES / "mini_escape", tmp_path / "paquets")
    assert list((tmp_path / "paquets").iterdir()) == []
