"""The command line contract: exit codes, JSON output, languages, the schema."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from engine.cli import main

from .conftest import FIXTURES, ROOT

BROKEN = ROOT / "tests" / "broken"


def test_check_valid_game_exits_0(capsys):
    assert main(["check", str(FIXTURES / "mini_escape")]) == 0
    assert "0 erreur(s)" in capsys.readouterr().out


def test_check_invalid_game_exits_1_and_prints_file_line_col(capsys):
    assert main(["check", str(FIXTURES / "mini_quiz"), str(BROKEN / "misspelt_keys")]) == 1
    out = capsys.readouterr().out
    assert f"{BROKEN / 'misspelt_keys'}/game.yaml:8:1: erreur: champ « tilte » inconnu ici" in out


def test_check_usage_errors_exit_2(capsys):
    assert main(["check", "/nowhere/at/all"]) == 2
    with pytest.raises(SystemExit) as caught:
        main(["check"])
    assert caught.value.code == 2


def test_check_json_for_tools(capsys):
    assert main(["check", "--json", str(BROKEN / "unknown_values")]) == 1
    [report] = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    first = report["diagnostics"][0]
    assert (first["file"], first["line"], first["col"], first["code"]) == ("game.yaml", 9, 8, "schema.enum")


def test_check_in_english(capsys):
    assert main(["--lang", "en", "check", str(BROKEN / "misspelt_keys")]) == 1
    out = capsys.readouterr().out
    assert "error: unknown field « tilte » here; did you mean « title »?" in out


@pytest.mark.parametrize("game", ["mini_escape", "mini_quiz", "mini_challenge"])
def test_replay_reaches_the_ending(game, capsys):
    assert main(["replay", str(FIXTURES / game)]) == 0
    assert "Fin atteinte" in capsys.readouterr().out


def test_replay_reports_a_refused_step(tmp_path, capsys):
    walkthrough = tmp_path / "w.yaml"
    walkthrough.write_text("steps:\n  - inspect: interrupteur\n  - go: porte\n", encoding="utf-8")
    assert main(["replay", str(FIXTURES / "mini_escape"), str(walkthrough)]) == 1
    assert "w.yaml:3:5: erreur: étape 2 : l’action « go » est refusée : C’est fermé à clé." \
        in capsys.readouterr().out


def test_replay_json(capsys):
    assert main(["replay", "--json", str(FIXTURES / "mini_escape")]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result == {"ending": "victoire", "success": True, "score": 20, "max_score": 20,
                      "steps": 9, "ok": True, "problem": None}


def test_schema_is_printed_as_json_draft_2020_12():
    out = subprocess.run([sys.executable, "-m", "engine", "schema"], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"]


def test_every_schema_property_has_french_title_and_description():
    from engine.content.schema import schema

    missing = []

    def visit(node, path):
        if isinstance(node, dict):
            for name, prop in (node.get("properties") or {}).items():
                if isinstance(prop, dict) and not ({"title", "description"} <= set(prop) or "$ref" in prop
                                                   and set(prop) == {"$ref"}):
                    missing.append(path + "/" + name)
            for key, value in node.items():
                visit(value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                visit(value, f"{path}/{index}")

    visit(schema(), "")
    # if/then branches only select or narrow fields documented in the main properties
    assert [m for m in missing if "/then/" not in m and "/if/" not in m] == []


def test_schema_has_no_stray_keys():
    """A description with a comma in a YAML flow mapping once split into stray null keys."""
    from engine.content.schema import schema

    def nulls(node, path=""):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from ([f"{path}/{key}"] if value is None else nulls(value, f"{path}/{key}"))
        elif isinstance(node, list):
            for value in node:
                yield from nulls(value, path)

    assert list(nulls(schema())) == []
