"""The player's preferences: one registry, remembered between runs.

The settings screen is generated from ``REGISTRY``: adding a preference means adding
one entry here (key, label, choices) and reading it where it matters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..i18n import N_
from ..paths import user_dir
from ..storage import write_atomic


@dataclass(frozen=True)
class Preference:
    key: str
    label: str  # French, translated when shown
    choices: tuple[tuple[Any, str], ...]  # (value, label)
    default: Any
    # Offered on the settings screen opened from a game's pause too; False for what
    # changes the rules (the countdown): the facilitator sets it before the game.
    during_game: bool = True


REGISTRY: tuple[Preference, ...] = (
    Preference("text_scale", N_("Taille du texte"),
               ((1.0, "100 %"), (1.25, "125 %"), (1.5, "150 %"), (2.0, "200 %")), 1.0),
    Preference("font", N_("Police"),
               (("hyperlegible", N_("Très lisible")), ("dyslexic", N_("Adaptée à la dyslexie"))),
               "hyperlegible"),
    Preference("contrast", N_("Contraste"),
               (("standard", N_("Standard")), ("high", N_("Élevé"))), "standard"),
    Preference("reduced_motion", N_("Animations"),
               ((False, N_("Oui")), (True, N_("Réduites"))), False),
    Preference("time_factor", N_("Compte à rebours"),
               ((1.0, N_("Normal")), (1.33, N_("Temps × 1,33")), (1.5, N_("Temps × 1,5")),
                (None, N_("Sans compte à rebours"))), 1.0, during_game=False),
    Preference("sound", N_("Sons"), ((True, N_("Oui")), (False, N_("Non"))), True),
    Preference("volume", N_("Volume"),
               ((0.25, "25 %"), (0.5, "50 %"), (0.75, "75 %"), (1.0, "100 %")), 0.5),
    Preference("language", N_("Langue"), (("fr", "Français"), ("en", "English")), "fr"),
)
BY_KEY = {p.key: p for p in REGISTRY}


def offered(during_game: bool) -> tuple[Preference, ...]:
    """The preferences the settings screen shows: during a game, not those that change
    its rules (a pupil cannot switch the countdown off mid-game)."""
    return tuple(p for p in REGISTRY if p.during_game or not during_game)


class Preferences:
    """Current values, read from and written to ``prefs.json`` in the user folder.

    A damaged or hand-edited file never stops the program: unknown keys and values
    outside the choices fall back to the defaults.
    """

    def __init__(self, values: dict[str, Any] | None = None) -> None:
        self.values = {p.key: p.default for p in REGISTRY}
        for key, value in (values or {}).items():
            if key in BY_KEY and any(value == v for v, _l in BY_KEY[key].choices):
                self.values[key] = value

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def set(self, key: str, value: Any) -> None:
        self.values[key] = value

    def label(self, key: str) -> str:
        from ..i18n import _

        return next(_(label) for value, label in BY_KEY[key].choices if value == self.values[key])

    @classmethod
    def load(cls) -> Preferences:
        try:
            data = json.loads((user_dir("settings") / "prefs.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        return cls(data if isinstance(data, dict) else {})

    def save(self) -> None:
        try:
            write_atomic(user_dir("settings") / "prefs.json", json.dumps(self.values))
        except OSError:
            pass  # a read-only profile: preferences last for this run only
