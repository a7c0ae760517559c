"""Property-based tests: whatever YAML is thrown at the loader, it answers with its own
error type (ContentError) or a game, never another exception, and quickly."""

from __future__ import annotations

import os
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.content.diagnostics import ContentError
from engine.content.loader import load_game

from .conftest import FIXTURES

SOURCES = {name: (FIXTURES / name / "game.yaml").read_text(encoding="utf-8")
           for name in ("mini_escape", "mini_quiz", "mini_challenge")}
PUZZLES = (FIXTURES / "mini_escape" / "puzzles.yaml").read_text(encoding="utf-8")
FRAGMENTS = [": ", "- ", "\n", "  ", "{", "}", "[", "]", "&a ", "*a", "!!python/name:os.system",
             "'", '"', "#", "---\n", "\t", "~", "yes", "0x1F", "2024-01-01", "é", "\x00", "%",
             "? ", "|\n", ">\n", "<<: *a", "id", "type", "prompt", "format: 1\n", "-1", "1e999"]

settings.register_profile("sesame", deadline=2000,
                          max_examples=int(os.environ.get("SESAME_FUZZ_EXAMPLES", "120")),
                          suppress_health_check=[HealthCheck.function_scoped_fixture])
settings.load_profile("sesame")


def load_text(tmp_path, text: str, puzzles: str = PUZZLES) -> None:
    folder = tmp_path / "g"
    folder.mkdir(exist_ok=True)
    (folder / "game.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    (folder / "puzzles.yaml").write_text(puzzles, encoding="utf-8", errors="surrogatepass")
    try:
        load_game(folder, use_cache=False)
    except ContentError as error:
        assert error.diagnostics  # an error always says something
        for diagnostic in error.diagnostics:
            assert diagnostic.message and diagnostic.line >= 0


@given(st.text(max_size=400))
def test_random_text(tmp_path, text):
    load_text(tmp_path, text.replace("\udcff", ""))


@given(st.sampled_from(sorted(SOURCES)), st.data())
def test_mutated_games(tmp_path, name, data):
    source = SOURCES[name]
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    text = list(source)
    for _ in range(data.draw(st.integers(1, 6))):
        position = rng.randrange(len(text) + 1)
        action = rng.random()
        if action < 0.4:
            text.insert(position, rng.choice(FRAGMENTS))
        elif action < 0.7 and text:
            del text[min(position, len(text) - 1)]
        else:  # swap two lines
            lines = "".join(text).split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = list("\n".join(lines))
    load_text(tmp_path, "".join(text))


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                    | st.text(max_size=12),
                    lambda children: st.lists(children, max_size=4)
                    | st.dictionaries(st.sampled_from(["id", "type", "prompt", "rooms", "puzzles",
                                                       "genre", "format", "title", "x", "items",
                                                       "options", "answer", "exits", "objects"]),
                                      children, max_size=5), max_leaves=30))
def test_structured_garbage_under_a_valid_header(tmp_path, garbage):
    import json

    header = SOURCES["mini_quiz"].split("puzzles:")[0]
    load_text(tmp_path, header + "puzzles: " + json.dumps(garbage) + "\n")
