"""Results, the database and the class summary run without pygame, like the core."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

SCRIPT = """
import sys
sys.modules["pygame"] = None  # any 'import pygame' now raises ImportError
import importlib, pkgutil, engine.results
for info in pkgutil.walk_packages(engine.results.__path__, "engine.results."):
    importlib.import_module(info.name)
from engine.cli import main
assert main(["forget", "Personne"]) == 0
print("pure")
"""


def test_results_run_without_pygame(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT,
                            env={"SESAME_HOME": str(tmp_path), "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("pure")
