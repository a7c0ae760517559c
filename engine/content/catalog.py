"""The list of games for the home screen, read from manifests only.

A card needs the manifest's metadata, never the puzzles: included files are not read,
and of the manifest only the top-level blocks a card shows are parsed. Everything in
the games folder is untrusted: the manifest is read through the resolver (a regular
file inside its folder, at most ``MAX_FILE_BYTES``), titles and summaries are cut
before any layout, and the cards are cached in one file keyed by each manifest's
path, modification time and size, so listing the games reads no manifest at all
once they are known.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..core.model import Text
from ..i18n import _
from ..paths import bundled_games, user_dir
from . import assets
from .diagnostics import Diagnostic
from .loader import MANIFEST
from .yamlread import MAX_FILE_BYTES, YamlError, read_text

TITLE_MAX_CHARS = 160
SUMMARY_MAX_CHARS = 600
CACHE_FILE = "cards.json"
CACHE_VERSION = 2
# The top-level keys a card shows; the other blocks of the manifest are not parsed.
CARD_KEYS = frozenset({"format", "id", "title", "summary", "genre", "duration", "audience", "players",
                       "themes"})
_TOP_KEY = re.compile(r"""(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#:\-?{}\[\]&*!|>'"%@`,][^:\n]*?))\s*:(?:\s|$)""")


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
    def text(raw: Any, limit: int) -> dict[str, str]:
        if isinstance(raw, dict):
            return {str(k)[:16]: _cut(str(v), limit) for k, v in list(raw.items())[:16]}
        return {"fr": _cut(str(raw), limit) if raw is not None else folder.name}

    data = data if isinstance(data, dict) else {}
    block = lambda key: data.get(key) if isinstance(data.get(key), dict) else {}  # noqa: E731
    duration, audience, players = block("duration"), block("audience"), block("players")
    number = lambda value, default: value if isinstance(value, int) else default  # noqa: E731
    themes = data.get("themes") if isinstance(data.get("themes"), list) else []
    return Card(
        id=_cut(str(data.get("id") or folder.name), 200), path=str(folder),
        title=text(data.get("title"), TITLE_MAX_CHARS), summary=text(data.get("summary") or "", SUMMARY_MAX_CHARS),
        genre=_cut(str(data.get("genre") or ""), 40),
        duration_min=number(duration.get("min"), 0), duration_max=number(duration.get("max"), 0),
        age_min=number(audience.get("age_min"), 0), age_max=number(audience.get("age_max"), 0),
        players_min=number(players.get("min"), 1), players_max=number(players.get("max"), 1),
        themes=tuple(_cut(str(t), 60) for t in themes[:20] if isinstance(t, (str, int))),
        bundled=bundled)


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending with « … » when cut: a card shows a few lines."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def card_blocks(text: str) -> str:
    """The manifest with only the top-level blocks a card shows; every other line is
    left empty, so line numbers stay those of the file. A megabyte of puzzles in the
    manifest costs a scan of its lines, not a parse."""
    lines = text.split("\n")
    keep = True  # what comes before the first key (a « --- », comments) stays
    for index, line in enumerate(lines):
        if line[:1] not in ("", " ", "\t", "#", "-"):
            found = _TOP_KEY.match(line)
            if found is not None:
                keep = next(g for g in found.groups() if g is not None).strip() in CARD_KEYS
            elif not line.startswith(("---", "...", "%")):
                keep = True  # not a block key: a flow document, say; leave it to the parser
        if not keep:
            lines[index] = ""
    return "\n".join(lines)


def read_card(folder: Path, bundled: bool = False) -> Card:
    """The card of the game in ``folder`` (no cache: see ``list_games``)."""
    try:
        raw = assets.read(folder, MANIFEST, MAX_FILE_BYTES)
        card = _card(read_text(card_blocks(raw.decode("utf-8-sig")), MANIFEST).data, folder, bundled)
    except (YamlError, UnicodeDecodeError, assets.Refused) as error:
        if isinstance(error, YamlError):
            problem = error.diagnostic.in_words()
        elif isinstance(error, assets.Refused):
            problem = Diagnostic(MANIFEST, 0, 0, error.reason).in_words()
        else:
            problem = Diagnostic(MANIFEST, 0, 0, _("le texte n’est pas en UTF-8 (à enregistrer en UTF-8 "
                                                   "depuis un éditeur de texte)")).in_words()
        card = Card(**{**asdict(_card({}, folder, bundled)), "problem": problem})
    return card


def _stamp(manifest: str) -> list[int] | None:
    """What tells a manifest changed without reading it: modification time and size."""
    try:
        status = os.stat(manifest)
    except (OSError, ValueError):
        return None
    return [status.st_mtime_ns, status.st_size]


def _load_cache(path: Path) -> dict[str, Any]:
    from ..storage import read_bounded

    try:
        entry = json.loads(read_bounded(path, 64 * MAX_FILE_BYTES).decode("utf-8"))
        if isinstance(entry, dict) and entry.get("version") == CACHE_VERSION and isinstance(entry.get("cards"), dict):
            return entry["cards"]
    except (OSError, ValueError):
        pass
    return {}


def _cached_card(entry: Any, stamp: list[int], bundled: bool) -> Card | None:
    try:
        if entry["stamp"] != stamp:
            return None
        fields = dict(entry["card"])
        fields["themes"] = tuple(fields["themes"])
        card = Card(**fields)
        return card if card.bundled == bundled else None
    except (KeyError, TypeError, ValueError):
        return None


def list_games(folders: Iterable[tuple[Path, bool]] | None = None) -> list[Card]:
    """Cards of every game in the bundled folder and the user's games folder, by title.

    A game is a folder holding a ``game.yaml``; a card is read again only when its
    manifest's modification time or size changed."""
    if folders is None:
        folders = [(bundled_games(), True), (user_dir("games"), False)]
    cache_path = user_dir("cache") / CACHE_FILE
    cached = _load_cache(cache_path)
    fresh: dict[str, Any] = {}
    cards = []
    for root, bundled in folders:
        try:
            entries = sorted(os.scandir(root), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            stamp = _stamp(os.path.join(entry.path, MANIFEST))
            if stamp is None:
                continue  # not a game: no manifest (or a vanished folder)
            known = cached.get(entry.path)
            card = _cached_card(known, stamp, bundled)
            if card is None:
                card = read_card(Path(entry.path), bundled)
                known = {"stamp": stamp, "card": asdict(card)}
            fresh[entry.path] = known
            cards.append(card)
    if fresh != cached:
        _store_cache(cache_path, fresh)
    # A game imported with the id of a bundled one (a newer version, say) takes its place:
    # one card per game, since saves and results are kept by id.
    mine = {c.id for c in cards if not c.bundled and not c.problem}
    cards = [c for c in cards if not (c.bundled and c.id in mine)]
    return sorted(cards, key=lambda c: (not c.bundled, c.text("title").casefold()))


def _store_cache(path: Path, cards: dict[str, Any]) -> None:
    """Written whole and atomically; a cache that cannot be written is not an error."""
    from ..storage import write_atomic

    try:
        write_atomic(path, json.dumps({"version": CACHE_VERSION, "cards": cards}, ensure_ascii=False),
                     durable=False)
    except OSError:
        pass
