"""A walkthrough's « use: ITEM » step names its target with « on: », written unquoted as
in the documentation, although YAML 1.1 reads that key as the boolean true."""

from __future__ import annotations

from engine.core import commands as cmd
from engine.replay import read_walkthrough


def test_use_on_unquoted_names_the_target(tmp_path):
    path = tmp_path / "walkthrough.yaml"
    path.write_text("steps:\n  - use: cle\n    on: porte\n  - use: badge\n    \"on\": lecteur\n",
                    encoding="utf-8")
    uses = [c for _line, c in read_walkthrough(path).commands if isinstance(c, cmd.Use)]
    assert [(u.item, u.target) for u in uses] == [("cle", "porte"), ("badge", "lecteur")]
