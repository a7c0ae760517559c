"""The home screen's list of games (engine/content/catalog.py) stays quick and bounded
whatever sits in the games folder: huge or endless manifests, links, megabyte titles."""

from __future__ import annotations

import os
import shutil
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.content import assets, catalog
from engine.content.catalog import SUMMARY_MAX_CHARS, TITLE_MAX_CHARS, card_blocks, list_games, read_card
from engine.content.yamlread import MAX_FILE_BYTES

from .conftest import FIXTURES

MANIFEST = (FIXTURES / "mini_quiz" / "game.yaml").read_text(encoding="utf-8")
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and symbolic links as on POSIX")


def games_folder(tmp_path, count=0):
    root = tmp_path / "games"
    root.mkdir(exist_ok=True)
    for index in range(count):
        folder = root / f"g{index:03}"
        folder.mkdir()
        (folder / "game.yaml").write_text(MANIFEST.replace("id: mini_quiz", f"id: g{index}"), encoding="utf-8")
    return root


def listing(root):
    return {card.path.rsplit(os.sep, 1)[-1]: card for card in list_games([(root, False)])}


def test_a_manifest_over_the_limit_is_refused_without_being_read(tmp_path):
    root = games_folder(tmp_path)
    (root / "big").mkdir()
    with open(root / "big" / "game.yaml", "wb") as out:  # sparse: 50 MB announced, none written
        out.truncate(50_000_000)
    start = time.perf_counter()
    card = listing(root)["big"]
    assert time.perf_counter() - start < 1
    assert "trop lourd" in card.problem and "50 Mo" in card.problem
    assert card.problem.startswith("game.yaml : ") and ":0:0" not in card.problem  # words, not a tool's


def test_a_large_manifest_costs_a_scan_of_its_lines_not_a_parse(tmp_path):
    root = games_folder(tmp_path)
    (root / "big").mkdir()
    filler = "".join(f"  - {{id: q{i}, type: truefalse, prompt: Une question assez longue {i}, answer: true}}\n"
                     for i in range(70_000))
    text = MANIFEST.replace("puzzles:", "extra:\n" + filler + "puzzles:", 1)
    assert 5_000_000 < len(text.encode()) < MAX_FILE_BYTES
    (root / "big" / "game.yaml").write_text(text, encoding="utf-8")
    start = time.perf_counter()
    card = listing(root)["big"]
    assert time.perf_counter() - start < 1.5  # parsing all of it takes about 5 s
    assert card.problem == "" and card.id == "mini_quiz"


def test_titles_and_summaries_are_cut_before_any_layout(tmp_path):
    root = games_folder(tmp_path)
    (root / "long").mkdir()
    text = MANIFEST.replace("title:", "title: " + "T" * 1_000_000 + "\nold_title:", 1)
    text = text.replace("summary:", "summary: " + "mot " * 100_000 + "\nold_summary:", 1)
    (root / "long" / "game.yaml").write_text(text, encoding="utf-8")
    card = listing(root)["long"]
    assert len(card.text("title")) == TITLE_MAX_CHARS and card.text("title").endswith("…")
    assert len(card.text("summary")) <= SUMMARY_MAX_CHARS


@posix_only
def test_fifos_and_links_as_manifests_are_cards_that_say_why(tmp_path):
    root = games_folder(tmp_path)
    (root / "pipe").mkdir()
    os.mkfifo(root / "pipe" / "game.yaml")
    (root / "link").mkdir()
    (tmp_path / "elsewhere.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "link" / "game.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    cards = listing(root)
    assert "n’est pas un fichier ordinaire" in cards["pipe"].problem
    assert "hors du dossier du jeu" in cards["link"].problem


def test_known_cards_are_not_read_again(tmp_path, monkeypatch):
    root = games_folder(tmp_path, 3)
    listing(root)
    reads = []
    original = assets.read
    monkeypatch.setattr(assets, "read", lambda *a, **k: reads.append(a[1]) or original(*a, **k))
    listing(root)
    assert reads == []
    manifest = root / "g001" / "game.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("title:", "title: Nouveau\nold:", 1),
                        encoding="utf-8")
    os.utime(manifest, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert listing(root)["g001"].text("title") == "Nouveau"
    assert reads == ["game.yaml"]


def test_the_list_stays_under_a_tenth_of_a_second(tmp_path):
    root = games_folder(tmp_path, 150)
    shutil.copytree(FIXTURES / "mini_escape", root / "escape")
    listing(root)  # the first time reads every manifest
    times = []
    for _ in range(3):  # the best of three: other processes may share the machine
        start = time.perf_counter()
        assert len(listing(root)) == 151
        times.append(time.perf_counter() - start)
    if under_wine():  # measured, then said: the limit is Windows' and Linux's, not Wine's
        pytest.skip(f"a Wine gap: each os.stat is a round trip to wineserver (1 to 7 ms each on a shared machine, 0.03 ms on Linux), "
                    f"so the 152 of a listing took {min(times):.2f} s; the 0.1 s limit is for Linux and Windows")
    assert min(times) < 0.1


def under_wine() -> bool:
    """Wine's ntdll.dll has wine_get_version; Windows' has not."""
    if os.name != "nt":
        return False
    import ctypes

    return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")


def test_card_blocks_keep_line_numbers():
    text = "format: 1\npuzzles:\n- id: q\n  bad: [\ntitle: 'unclosed\n"
    kept = card_blocks(text)
    assert kept.count("\n") == text.count("\n")
    assert "puzzles" not in kept and "title: 'unclosed" in kept.split("\n")[4]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300), st.sampled_from(["title", "summary", "puzzles", "id", "- "]))
def test_any_manifest_gives_a_card(tmp_path, text, key):
    folder = tmp_path / "g"
    folder.mkdir(exist_ok=True)
    (folder / "game.yaml").write_text(f"{key}: {text}\n" + MANIFEST, encoding="utf-8", errors="replace")
    card = read_card(folder)
    assert card.problem or len(card.text("title")) <= TITLE_MAX_CHARS


def test_a_damaged_cache_is_ignored(tmp_path, sesame_home):
    root = games_folder(tmp_path, 2)
    listing(root)
    cache = sesame_home / "cache" / catalog.CACHE_FILE
    cache.write_bytes(b"\xff{not json")
    assert len(listing(root)) == 2
