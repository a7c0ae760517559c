"""The compiled cache: a second load skips YAML, any change to any file misses it, and a
damaged cache is ignored."""

from __future__ import annotations

import shutil

import pytest

from engine.content import cache, loader
from engine.content.loader import load_game

from .conftest import FIXTURES


@pytest.fixture
def game(tmp_path):
    folder = tmp_path / "mini_escape"
    shutil.copytree(FIXTURES / "mini_escape", folder)
    return folder


def count_reads(monkeypatch):
    calls = []
    original = loader.read_text

    def counting(text, name):
        calls.append(name)
        return original(text, name)

    monkeypatch.setattr(loader, "read_text", counting)
    return calls


def test_second_load_comes_from_the_cache(game, monkeypatch):
    first = load_game(game).game
    calls = count_reads(monkeypatch)
    second = load_game(game).game
    assert calls == []
    assert second == first


def test_a_change_in_an_included_file_misses_the_cache(game, monkeypatch):
    load_game(game)
    puzzles = game / "puzzles.yaml"
    puzzles.write_text(puzzles.read_text(encoding="utf-8").replace("1945", "1946"), encoding="utf-8")
    calls = count_reads(monkeypatch)
    reloaded = load_game(game).game
    assert calls == ["game.yaml", "puzzles.yaml"]
    assert reloaded.puzzles["code_coffre"].spec.code == "1946"


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"files": 3}', b'{"files": [], "hash": 1}'])
def test_a_damaged_cache_is_ignored(game, damage):
    expected = load_game(game).game
    entry = cache._entry(game / "game.yaml")
    entry.write_bytes(damage)
    assert load_game(game).game == expected


def test_errors_in_the_cached_game_are_still_located(game):
    from engine.content.lint import lint

    load_game(game)
    loaded = load_game(game)  # from the cache
    assert loaded.origins.where(("puzzles", 1, "parts")) == ("puzzles.yaml", 14, 12)
    findings, _ = lint(loaded)
    assert all(f.line > 0 for f in findings)
