"""Documents previewed as the player draws them: the editor never imports pygame, so
the real renderer (``engine.player.preview``) runs in a process of its own, given the
document's data; its PNG is kept under the user's folder by a key made of that data,
the pictures it names and the language, so an unchanged document is drawn once."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..content import assets
from ..paths import user_dir
from .changes import Pointer, get

KEEP = 200  # previews kept on disk; the oldest go first
TIMEOUT_S = 30


class NoPreview(Exception):
    """The document cannot be drawn yet; the message says why."""


def document_at(data: dict[str, Any], pointer: Pointer) -> tuple[int, dict[str, Any]] | None:
    """The document an element page shows: the document itself, or the one a puzzle,
    an object or an item names in its ``document`` field. (index in ``documents``, data)."""
    element = get(data, pointer[:2]) if len(pointer) >= 2 else None
    if not isinstance(element, dict):
        return None
    documents = data.get("documents")
    if not isinstance(documents, list):
        return None
    if pointer[0] == "documents" and isinstance(pointer[1], int):
        return pointer[1], element
    named = element.get("document")
    for index, document in enumerate(documents):
        if isinstance(document, dict) and isinstance(named, str) and document.get("id") == named:
            return index, document
    return None


def key(folder: Path, raw: dict[str, Any], locale: str) -> str:
    """What the picture depends on: the data, the pictures it names (size and date)."""
    digest = hashlib.sha256(json.dumps([raw, locale], sort_keys=True, default=repr).encode("utf-8"))
    for value in _strings(raw):
        if value.lower().endswith(assets.IMAGE_SUFFIXES):
            try:
                status = assets.regular_file(folder, value, assets.image_limit(value)).stat()
            except (assets.Refused, OSError):
                continue
            digest.update(f"{value}:{status.st_size}:{status.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def command(folder: Path, target: Path, locale: str) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, "_preview", str(folder), str(target), locale]
    return [sys.executable, "-m", "engine.player.preview", str(folder), str(target), locale]


def png(folder: Path, raw: dict[str, Any], locale: str = "fr") -> bytes:
    """The document drawn by the player, as PNG bytes; raises NoPreview."""
    from ..i18n import _

    store = user_dir("editor") / "previews"
    store.mkdir(parents=True, exist_ok=True)
    target = store / f"{key(folder, raw, locale)}.png"
    if not target.is_file():
        partial = target.with_suffix(f".{os.getpid()}.part.png")
        env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
        try:
            done = subprocess.run(command(folder, partial, locale), input=json.dumps(raw).encode("utf-8"),
                                  capture_output=True, timeout=TIMEOUT_S, env=env, cwd=str(folder))
        except (OSError, subprocess.TimeoutExpired) as error:
            raise NoPreview(_("l’aperçu n’a pas pu être dessiné ({why})").format(why=error)) from None
        if done.returncode != 0 or not partial.is_file():
            partial.unlink(missing_ok=True)
            why = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
            raise NoPreview(_("l’aperçu n’a pas pu être dessiné ({why})").format(why=why[0]))
        os.replace(partial, target)
        _tidy(store)
    return target.read_bytes()


def _tidy(store: Path) -> None:
    try:
        kept = sorted(store.glob("*.png"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in kept[KEEP:]:
        old.unlink(missing_ok=True)
