"""French alphabetical order with pyuca's table loaded for the characters met: every
key is the key the whole table gives, whatever came before."""

from __future__ import annotations

import os
from functools import cache

from hypothesis import example, given, settings
from hypothesis import strategies as st

from engine.results import collation
from engine.results.report import sort_key


@cache
def _whole() -> object:
    import pyuca  # type: ignore[import-untyped]

    return pyuca.Collator()


_LETTERS = ("aeEéÉèêëiïîoôœŒuùûüyÿcçÇlL·ßæÆ'’- \u0301\u0300\u0308\u0327ǅĳ"  # French, Catalan, ligatures
            "иИй\u0306ёЁ"  # Cyrillic (й decomposes: a contraction in the table)
            "ภเกแ\u0e48"  # Thai (prevowel contractions)
            "一丁龥𠀀"  # CJK (implicit weights)
            "🙂\U000e0001\u200b\ufffe")


@settings(max_examples=int(os.environ.get("SESAME_FUZZ_EXAMPLES", 200)), deadline=None)
@example(["Ève", "Éloïse", "Zoé", "Lucas", "Léa", "lea", "L·l", "Йоко", "เก"])
@given(st.lists(st.text(st.sampled_from(_LETTERS), max_size=6) | st.text(max_size=4), max_size=8))
def test_keys_are_those_of_the_whole_table(texts):
    for text in texts:
        assert collation.word_key(text) == tuple(_whole().sort_key(text)), text


def test_french_order():
    names = ["Zoé", "Lucas", "Ève", "Léa", "Éloïse", "élodie", "Lea", "Élève 10", "Élève 2"]
    assert sorted(names, key=sort_key) == ["Élève 2", "Élève 10", "élodie", "Éloïse", "Ève", "Lea", "Léa",
                                           "Lucas", "Zoé"]


def test_the_table_holds_only_what_was_met(monkeypatch):
    monkeypatch.setattr(collation, "_loaded", set())
    monkeypatch.setattr(collation, "_collator", None)
    collation.word_key.cache_clear()
    collation.word_key("Léa Ève-Éloïse")
    held = collation.collator_for("Léa").table
    assert len(collation._loaded) <= 4 * 256  # Latin and the accents, of some 30 000 code points in the table
    assert held is collation.collator_for("Léa").table  # nothing new: not loaded again
