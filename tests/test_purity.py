"""The core and the content layer never import pygame: they run with pygame blocked."""

from __future__ import annotations

import subprocess
import sys

from .conftest import FIXTURES, ROOT

SCRIPT = f"""
import sys
sys.modules["pygame"] = None  # any 'import pygame' now raises ImportError
import pkgutil, importlib, engine.core, engine.content
for package in (engine.core, engine.content):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
import engine.replay, engine.cli
from engine.cli import main
assert main(["check", {str(FIXTURES / "mini_escape")!r}]) == 0
assert main(["replay", {str(FIXTURES / "mini_escape")!r}]) == 0
print("pure")
"""


def test_core_and_content_run_without_pygame(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT,
                            env={"SESAME_HOME": str(tmp_path), "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("pure")
