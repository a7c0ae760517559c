"""The list of games for the home screen, read from manifests only.

A card needs the manifest's metadata, never the puzzles: included files are not read,
and each card is cached under the user's cache folder keyed by the manifest's bytes,
so listing many games costs one small file read per game.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable

from ..core.model import Text
from ..paths import bundled_games, user_dir
from .diagnostics import Diagnostic
from .loader import MANIFEST
from .yamlread import YamlError, read_text


@dataclass(frozen=True)
class Card:
    """What the home screen shows of a game; ``problem`` is set when it cannot be read."""

    id: str
    path: str
    title: dict[str, str]
    summary: dict[str, str]
    genre: str
    duration_min: int
    duration_max: int
    age_min: int
    age_max: int
    players_min: int
    players_max: int
    themes: tuple[str, ...]
    bundled: bool
    problem: str = ""

    def text(self, field: str, locale: str = "fr") -> str:
        return Text(tuple(getattr(self, field).items())).get(locale)


def _card(data: Any, folder: Path, bundled: bool) -> Card:
    def text(raw: Any) -> dict[str, str]:
        if isinstance(raw, dict):
            return {str(k): str(v) for k, v in raw.items()}
        return {"fr": str(raw) if raw is not None else folder.name}

    data = data if isinstance(data, dict) else {}
    block = lambda key: data.get(key) if isinstance(data.get(key), dict) else {}  # noqa: E731
    duration, audience, players = block("duration"), block("audience"), block("players")
    number = lambda value, default: value if isinstance(value, int) else default  # noqa: E731
    return Card(
        id=str(data.get("id") or folder.name), path=str(folder), title=text(data.get("title")),
        summary=text(data.get("summary") or ""), genre=str(data.get("genre") or ""),
        duration_min=number(duration.get("min"), 0), duration_max=number(duration.get("max"), 0),
        age_min=number(audience.get("age_min"), 0), age_max=number(audience.get("age_max"), 0),
        players_min=number(players.get("min"), 1), players_max=number(players.get("max"), 1),
        themes=tuple(str(t) for t in data.get("themes") or () if isinstance(t, (str, int))),
        bundled=bundled)


def read_card(folder: Path, bundled: bool = False) -> Card:
    """The card of the game in ``folder``, from the card cache when the manifest is unchanged."""
    manifest = folder / MANIFEST
    raw = manifest.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    cached = user_dir("cache") / f"card-{hashlib.sha256(str(manifest.resolve()).encode()).hexdigest()[:32]}.json"
    try:
        entry = json.loads(cached.read_text(encoding="utf-8"))
        if entry["hash"] == digest:
            card = entry["card"]
            card["themes"] = tuple(card["themes"])
            return Card(**card)
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        card = _card(read_text(raw.decode("utf-8-sig"), MANIFEST).data, folder, bundled)
    except (YamlError, UnicodeDecodeError) as error:
        problem = str(error.diagnostic) if isinstance(error, YamlError) else str(
            Diagnostic(MANIFEST, 0, 0, "UTF-8"))
        card = _card({}, folder, bundled)
        card = Card(**{**asdict(card), "problem": problem})
    try:
        cached.write_text(json.dumps({"hash": digest, "card": asdict(card)}, ensure_ascii=False),
                          encoding="utf-8")
    except OSError:
        pass
    return card


def list_games(folders: Iterable[tuple[Path, bool]] | None = None) -> list[Card]:
    """Cards of every game in the bundled folder and the user's games folder, by title."""
    if folders is None:
        folders = [(bundled_games(), True), (user_dir("games"), False)]
    cards = []
    for root, bundled in folders:
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            if (folder / MANIFEST).is_file():
                try:
                    cards.append(read_card(folder, bundled))
                except OSError:
                    continue  # vanished or unreadable folder: not a game to list
    return sorted(cards, key=lambda c: (not c.bundled, c.text("title").casefold()))
