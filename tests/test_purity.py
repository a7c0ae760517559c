"""Everything but the player runs with pygame blocked: the core, the content layer,
results and the class summary, the guide, the command line's headless commands."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import FIXTURES, ROOT

SCRIPT = f"""
import sys
sys.modules["pygame"] = None  # any 'import pygame' now raises ImportError
import pkgutil, importlib, engine.core, engine.content, engine.results
for package in (engine.core, engine.content, engine.results):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
import engine.replay, engine.cli, engine.guide, engine.session, engine.sharing
from engine.cli import main
assert main(["check", {str(FIXTURES / "mini_escape")!r}]) == 0
assert main(["replay", {str(FIXTURES / "mini_escape")!r}]) == 0
assert main(["forget", "Personne"]) == 0
assert main(["pack", {str(FIXTURES / "mini_escape")!r}, "--out", sys.argv[1]]) == 0  # sharing needs no screen
print("pure")
"""


def test_everything_but_the_player_runs_without_pygame(tmp_path):
    # A bare environment, but for what Windows itself needs (SYSTEMROOT: without it, no
    # random numbers) and UTF-8 output (else the French messages come in the ANSI code page)
    env = {"SESAME_HOME": str(tmp_path), "PATH": "", "PYTHONUTF8": "1",
           **{name: os.environ[name] for name in ("SYSTEMROOT",) if name in os.environ}}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "paquets")], capture_output=True, text=True, encoding="utf-8",
                            cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("pure")
