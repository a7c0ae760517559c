"""Helpers for the editor's tests: a server in a thread, and Debian's chromium driven by
Playwright (its own browser download is not reachable: the system's is used)."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@contextmanager
def editor_server(game: Path | None = None) -> Iterator[object]:
    from engine.editor.server import Editor

    editor = Editor(game, 0)
    thread = threading.Thread(target=editor.serve, daemon=True)
    thread.start()
    try:
        yield editor
    finally:
        editor.shutdown()
        thread.join(5)


@contextmanager
def browser(tmp_path: Path, viewport: tuple[int, int] = (1366, 768), scale: float = 1) -> Iterator[object]:
    """A headless chromium with an empty profile; skipped where there is none (CI
    installs it: .ci/browser.sh). ``scale`` 2 with half the viewport is the page as a
    browser zoomed to 200 % shows it on that screen."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    profile = tmp_path / "chromium-profile"
    profile.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=executable, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": viewport[0], "height": viewport[1]}, device_scale_factor=scale, locale="fr-FR")
        context.set_default_timeout(60_000)  # a loaded CI machine: pages that check a game, a preview drawn
        try:
            yield context
        finally:
            context.close()
