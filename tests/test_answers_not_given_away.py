"""A pupil finds each answer by the puzzle's reasoning, not by reading it elsewhere.

A 14-year-old playing « Le forum des possibles » copied the CDI's code from the
explanation of the puzzle just before its lock, matched the guests to their jobs by the
grammar alone (« Ingénieure » for Sophie) and picked the only long option. These tests
read the bundled games' content as such a pupil would:

- a lock's code is printed in no text the pupil can read before opening it (the other
  puzzles' prompts, options, feedback, explanations and hints, the rooms, the objects,
  the story), neither whole (« 2368 », « OSER ») nor spelled out (« 2, 3, 6 et 8 »);
- in every game, the right option of a one-answer question is not the only long one, a
  pair to match shares no long word (nor its first six letters) with its own partner,
  and a thing to sort none with the name of its category.

Documents are not read for codes: a code written on a note the pupil has to find and
understand is a fair escape-game clue (« la date de création du compte, au format JJMM »).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.content.loader import load_game
from engine.core.text import fold

from .conftest import GAMES

BUNDLED = sorted(p for p in GAMES.iterdir() if (p / "game.yaml").is_file())
# Never text a pupil reads: names of things, conditions, file names.
NOT_SHOWN = {"id", "type", "document", "image", "background", "sources", "skills", "requires", "when", "visible",
             "code", "give", "take", "set", "lock", "puzzle", "to", "item", "face", "faces", "end", "category",
             "correct", "on", "x", "y", "w", "h"}


def texts(value: Any) -> Iterator[str]:
    """Every text a pupil may read in ``value`` (a YAML tree), in every language."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            if key not in NOT_SHOWN:
                yield from texts(child)
    elif isinstance(value, list):
        for child in value:
            yield from texts(child)


def before_the_lock(data: dict[str, Any], lock: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, text) for every text readable before ``lock`` is opened: the lock's own
    prompt and its answer to a wrong try, but neither its hints (asking for them is
    asking for the code) nor what it says once open."""
    for key in ("title", "summary", "story"):
        for text in texts(data.get(key)):
            yield key, text
    for key in ("rooms", "items", "triggers"):
        for element in data.get(key) or []:
            for text in texts(element):
                yield f"{key} {element.get('id')}", text
    cited: set[str] = set()
    for puzzle in data.get("puzzles") or []:
        if puzzle is lock:
            for text in texts([lock.get("title"), lock.get("prompt"), (lock.get("feedback") or {}).get("wrong")]):
                yield f"{lock['id']} (avant d’ouvrir)", text
            continue
        cited.update(puzzle.get("sources") or [])
        for text in texts(puzzle):
            yield f"puzzle {puzzle['id']}", text
    for source in data.get("sources") or []:
        if source.get("id") in cited:
            for text in texts(source):
                yield f"source {source['id']}", text


def spelled(code: str) -> re.Pattern[str]:
    """The code whole, or its signs one by one (« 2, 3, 6 et 8 », « O-S-E-R »,
    « 14/06/2019 »), as a word of its own."""
    between = r"(?:\s*[,;/.\-–]?\s*|\s+(?:et|puis|ou)\s+)"
    return re.compile(r"(?<![^\W_])" + between.join(re.escape(c) for c in code) + r"(?![^\W_])", re.IGNORECASE)


def locks(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in data.get("puzzles") or [] if p.get("type") == "code"]


def loaded(folder: Path) -> dict[str, Any]:
    return load_game(folder, use_cache=False).data


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_no_lock_code_is_printed_before_the_lock(folder):
    data = loaded(folder)
    found = []
    for lock in locks(data):
        codes = lock["code"] if isinstance(lock["code"], list) else [lock["code"]]
        for code in map(str, codes):
            pattern = spelled(code)
            found += [f"{lock['id']} ({code}) dans {where} : {text[:90]!r}"
                      for where, text in before_the_lock(data, lock) if pattern.search(text)]
    assert found == []


def test_the_check_finds_a_code_printed_or_spelled_out():
    """The CDI's code, as the hall's explanation printed it before it was fixed."""
    lock = {"id": "p_code_cdi", "type": "code", "code": "2368", "prompt": "Le cadenas du CDI."}
    tri = {"id": "p_tri", "type": "categories", "explanation": "Les phrases 2, 3, 6 et 8 sont des stéréotypes."}
    data = {"puzzles": [tri, lock], "rooms": [{"id": "hall", "description": "Le code du gymnase est OSER."}]}
    assert [where for where, text in before_the_lock(data, lock) if spelled("2368").search(text)] == ["puzzle p_tri"]
    assert spelled("OSER").search("Mot : O-S-E-R.") and spelled("14062019").search("le 14/06/2019")
    assert spelled("OSER").search("Il faut oser.")  # any case
    assert not spelled("OSER").search("Il faut poser.") and not spelled("2368").search("12368 repas")  # a word
    # the lock's own hints and its explanation come once the pupil asks or has opened it
    lock |= {"hints": ["Le code est 2368."], "explanation": "Le code est 2368."}
    assert not [t for _w, t in before_the_lock(data | {"puzzles": [lock]}, lock) if spelled("2368").search(t)]


def option_text(option: dict[str, Any]) -> str:
    text = option["text"]
    return text if isinstance(text, str) else text.get("fr", next(iter(text.values())))


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_the_right_option_is_not_the_only_long_one(folder):
    """A pupil who does not read picks the longest option: it must not be the right one
    by far (more than 1.3 times the longest wrong one)."""
    too_long = []
    for puzzle in loaded(folder)["puzzles"]:
        if puzzle["type"] not in ("single", "multiple"):
            continue
        right = [len(option_text(o)) for o in puzzle["options"] if o.get("correct")]
        wrong = [len(option_text(o)) for o in puzzle["options"] if not o.get("correct")]
        if wrong and min(right) > 1.3 * max(wrong):
            too_long.append((puzzle["id"], right, wrong))
    assert too_long == []


def stems(value: Any) -> set[str]:
    """The long words a pupil would match at a glance, by their first six letters:
    « ingénieure » and « école d’ingénieurs », « apprentie » and « apprentissage »."""
    return {w[:6] for w in re.findall(r"[^\W\d_]+", fold(" ".join(texts(value)))) if len(w) >= 5}


# A job's official name, that the pupil sorts by knowing it: « conseiller principal
# d’éducation » is a job of « Éducation ».
NAMED_SO = {("p_stands", "cpe")}


def given_by_a_word(data: dict[str, Any]) -> list[tuple[str, str, set[str]]]:
    """(puzzle, element, stems) for each pair to match whose two sides, and each thing to
    sort whose category's name, share a long word (or its beginning)."""
    shared = []
    for puzzle in data["puzzles"]:
        if puzzle["type"] == "match":
            for pair in puzzle["pairs"]:
                if common := stems(pair["left"]) & stems(pair["right"]):
                    shared.append((puzzle["id"], pair["id"], common))
        elif puzzle["type"] == "categories":
            labels = {c["id"]: c["label"] for c in puzzle["categories"]}
            for item in puzzle["items"]:
                if (puzzle["id"], item["id"]) in NAMED_SO:
                    continue
                if common := stems(item["text"]) & stems(labels[item["category"]]):
                    shared.append((puzzle["id"], item["id"], common))
    return shared


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_no_pair_to_match_shares_a_long_word_with_its_partner(folder):
    """« La photo » ↔ « … la photo a été publiée … », « Chercheuse en biotechnologies » in
    « Santé et biotechnologies » are matched without thinking."""
    assert given_by_a_word(loaded(folder)) == []


def test_the_check_finds_a_shared_word_or_its_beginning():
    """The quizzes' give-aways as they were: the same word, a word and its family, and a
    thing to sort named like its category."""
    def match(left, right):
        return {"puzzles": [{"id": "m", "type": "match", "pairs": [{"id": "x", "left": left, "right": right}]}]}
    assert given_by_a_word(match("Yanis, infirmier", "Un diplôme d’État d’infirmier"))
    assert given_by_a_word(match("Chloé, ingénieure", "Une école d’ingénieurs"))
    assert given_by_a_word(match("Inès, apprentie", "Un CAP en apprentissage"))
    assert not given_by_a_word(match("Inès, 17 ans", "Un CAP en apprentissage"))
    assert not given_by_a_word(match("AOP (appellation d’origine protégée)", "Toutes les étapes de production"))
    sort = {"puzzles": [{"id": "c", "type": "categories", "categories": [{"id": "s", "label": "Santé et biotechnologies"}],
                         "items": [{"id": "i", "text": "Chercheuse en biotechnologies", "category": "s"}]}]}
    assert given_by_a_word(sort) == [("c", "i", {"biotec"})]


def test_the_guests_jobs_are_not_matched_by_grammar():
    """Each job on the right is written for a woman and for a man (« Infirmière,
    infirmier »), as on the gymnasium's stands, so that only the guest's testimony tells it."""
    [portraits] = [p for p in loaded(GAMES / "stereotypes")["puzzles"] if p["id"] == "p_portraits"]
    for pair in portraits["pairs"]:
        she, he = re.split(r",| ou ", " ".join(texts(pair["right"])))[:2]
        assert fold(she).split()[0] != fold(he).split()[0], pair["right"]  # two forms, not one
