"""One form of address for pupils (issue 15): the player speaks to them with « tu »,
never « vous » nor an imperative in -ez, and says plurals through ngettext.

The strings are read from the source of the player (``engine/player/**``) with
Babel's own extractor, so the test does not wait for the catalogs to be regenerated.
The few strings that speak to an adult (the teacher's screen, the author of a broken
picture, the facilitator) are listed below with the reason they may say « vous »."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir

PLAYER = Path(__file__).resolve().parent.parent / "engine" / "player"
VOUS = re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE)
IMPERATIVE = re.compile(r"(?<![\w’'-])([A-Za-zÀ-ÿ]{2,}ez)\b")
NOT_VERBS = {"chez", "assez", "nez", "rez"}
# Modules whose every string is for an adult.
ADULT_MODULES = {
    "scenes/teacher.py",  # the teacher's class summary
    "scenes/folder.py",   # choosing a folder of results or of games (teacher, mediator)
    "pictures.py",        # a picture the game's author must fix
}
# Single strings for an adult in a pupil's module (start of the message).
ADULT_MESSAGES = ("Guide d’animation (avec les solutions)",)


def player_messages(plurals: bool = True) -> list[tuple[str, int, str]]:
    """(file, line, text) of each message of the player; ``plurals=False`` leaves out
    the forms of ngettext's messages."""
    found = []
    for filename, line, message, _comments, _context in extract_from_dir(
            PLAYER, method_map=[("**.py", "python")],
            keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
        if filename.replace("\\", "/") in ADULT_MODULES:
            continue
        if isinstance(message, tuple) and not plurals:
            continue
        for text in message if isinstance(message, tuple) else (message,):
            if text and not text.startswith(ADULT_MESSAGES):
                found.append((filename, line, text))
    return found


def test_the_player_says_tu_to_pupils() -> None:
    messages = player_messages()
    assert len(messages) > 100  # the extractor found the player's strings
    wrong = []
    for filename, line, text in messages:
        verbs = [w for w in IMPERATIVE.findall(text) if w.lower() not in NOT_VERBS]
        if VOUS.search(text) or verbs:
            wrong.append(f"{filename}:{line}: {text}")
    assert not wrong, "« vous » in the pupil's interface:\n" + "\n".join(wrong)


def test_the_checks_would_find_vous() -> None:
    assert VOUS.search("Ce que vous avez appris") and IMPERATIVE.findall("Cliquez sur un détail")
    assert {w for w in IMPERATIVE.findall("Clique chez toi, assez vite")} <= NOT_VERBS


def test_counts_go_through_ngettext() -> None:
    """A number glued to a plural noun in a plain message (« {n} élèves ») would say
    « 1 élèves »: such messages must be ngettext's."""
    plain = re.compile(r"\{(n|count|pupils|finished|total)\}\s+(?!pts\b)[a-zéè]+s\b")
    wrong = [f"{f}:{line}: {text}" for f, line, text in player_messages(plurals=False)
             if plain.search(text)]
    assert not wrong, "\n".join(wrong)
