"""Shared test fixtures: an isolated user folder, and games written on the fly."""

from __future__ import annotations

import os
import signal
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GAMES = ROOT / "games"
# Popen.returncode of a process ended by Popen.kill(): SIGKILL on Linux and macOS,
# TerminateProcess (exit code 1) on Windows. Neither lets the process clean anything up.
KILLED = 1 if os.name == "nt" else -signal.SIGKILL


@pytest.fixture(autouse=True)
def sesame_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user folder (cache, saves), and French messages."""
    from engine.i18n import set_language

    home = tmp_path / "home"
    monkeypatch.setenv("SESAME_HOME", str(home))
    set_language("fr")
    return home


@pytest.fixture
def write_game(tmp_path: Path):
    """Write a game folder from {file name: YAML text}; returns its path."""

    def write(files: dict[str, str], name: str = "game") -> Path:
        folder = tmp_path / name
        folder.mkdir(parents=True, exist_ok=True)
        for file, text in files.items():
            path = folder / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return folder

    return write


HEADER = """\
format: 1
id: test
title: Test
summary: Un jeu de test.
version: 1.0.0
audience: {age_min: 11, age_max: 18}
duration: {min: 5, max: 10}
licence: CC-BY-SA-4.0
"""
