"""Golden messages: what ``sesame check`` says about each broken game in tests/broken.

Each folder holds a game with deliberate mistakes and ``expected.txt``, the exact
diagnostics. After a reviewed change of wording, regenerate them with
``SESAME_UPDATE_GOLDEN=1 python3 dev.py test tests/test_golden_errors.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.content.check import check_path

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "game.yaml").exists())


def render(folder: Path) -> str:
    report = check_path(folder)
    return "\n".join([*(str(d) for d in report.diagnostics), report.summary()]) + "\n"


@pytest.mark.parametrize("case", CASES)
def test_broken_game_messages(case: str) -> None:
    folder = BROKEN / case
    expected_file = folder / "expected.txt"
    actual = render(folder).replace(str(folder), case)
    if os.environ.get("SESAME_UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_error_is_located_in_a_file_of_the_game() -> None:
    for case in CASES:
        report = check_path(BROKEN / case)
        assert report.errors, case
        for diagnostic in report.diagnostics:
            assert diagnostic.line >= 1 and diagnostic.col >= 1, (case, str(diagnostic))
            assert (BROKEN / case / diagnostic.file).is_file(), (case, diagnostic.file)
