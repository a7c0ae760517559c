"""The player's actions are typed values, dispatched by type: no tuple compared by
string, no panel that hands a command to the rules itself, no widget that reads the
mouse or a clock."""

from __future__ import annotations

import re
from dataclasses import MISSING, FrozenInstanceError, fields, is_dataclass

import pytest

from engine.core import commands as cmd
from engine.player import actions

from .conftest import ROOT

PLAYER = ROOT / "engine" / "player"


def sources():
    return sorted(PLAYER.rglob("*.py"))


def test_no_action_is_a_tuple_compared_by_string():
    found = [f"{path.relative_to(ROOT)}:{n}" for path in sources()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"action\[\d\]|action=\(\"", line)]
    assert not found, found


def test_only_the_play_scene_hands_commands_to_the_session():
    found = [str(path.relative_to(ROOT)) for path in sources()
             if "scene.do(" in path.read_text(encoding="utf-8")]
    assert not found, f"a panel or an input gives the rules a command itself: {found}"


def test_no_widget_or_scene_reads_the_mouse_or_a_clock():
    allowed = {"app.py", "perf.py", "pilot.py", "jobs.py"}  # the loop, the bench, the tests' driver
    pattern = re.compile(r"pygame\.mouse|time\.(time|monotonic|perf_counter)\(|datetime\.now|get_ticks")
    found = [f"{path.relative_to(ROOT)}:{n}" for path in sources() if path.name not in allowed
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not found, found


@pytest.mark.parametrize("kind", [k for k in vars(actions).values()
                                  if isinstance(k, type) and issubclass(k, actions.Action)])
def test_actions_are_frozen_values(kind):
    assert is_dataclass(kind)
    required = [None for f in fields(kind) if f.default is MISSING]
    action = kind(*required)
    with pytest.raises(FrozenInstanceError):
        action.x = 1
    assert action == kind(*required)  # compared by value: laid out again, the same action


def test_a_widget_carries_the_core_command_without_its_time():
    # The play scene stamps the game time on it when it applies it (PlayScene.apply).
    assert cmd.Inspect(object="coffre") == cmd.Inspect(object="coffre") and cmd.Inspect(object="coffre").t == 0.0
