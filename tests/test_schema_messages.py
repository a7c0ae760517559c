"""Schema errors are explained from the schema and the data, never from the wording of
jsonschema's English messages, which may change with any of its versions."""

from __future__ import annotations

import copy

import pytest

from engine.content import schema




def _minimal() -> dict:
    return {"format": 1, "id": "q", "title": "Q", "summary": "S", "genre": "quiz", "version": "1.0.0",
            "audience": {"age_min": 11, "age_max": 18}, "duration": {"min": 5, "max": 10},
            "licence": "CC-BY-4.0",
            "puzzles": [{"id": "a", "type": "truefalse", "prompt": "P ?", "answer": True}]}


@pytest.fixture
def reworded(monkeypatch):
    """Every jsonschema error carries a message no version ever wrote."""
    original = schema._explain

    def explain(error, data, ids):
        error.message = "Nachricht einer künftigen Version"
        for cause in error.context or []:
            cause.message = error.message
        return original(error, data, ids)

    monkeypatch.setattr(schema, "_explain", explain)


@pytest.mark.parametrize("change, expected", [
    (lambda g: [g.pop("title"), g.pop("summary")],
     ["il manque le champ obligatoire « summary »", "il manque le champ obligatoire « title »"]),
    (lambda g: g["puzzles"][0].pop("prompt"), ["énigme « a » : il manque le champ obligatoire « prompt »"]),
    (lambda g: g.update(titel="x"), ["champ « titel » inconnu ici ; vouliez-vous dire « title » ?"]),
    (lambda g: g["audience"].update(age_min="onze"), ["« age_min » doit être un nombre entier, pas un texte"]),
])
def test_messages_do_not_depend_on_jsonschemas_wording(reworded, change, expected):
    game = copy.deepcopy(_minimal())
    assert schema.validate(game) == []
    change(game)
    messages = [problem.message for problem in schema.validate(game)]
    assert sorted(messages) == sorted(expected)
    assert not any("Nachricht" in message for message in messages)


def test_a_rule_without_its_own_explanation_is_named_not_quoted(reworded, monkeypatch):
    from jsonschema import ValidationError

    error = ValidationError("Nachricht", validator="multipleOf", validator_value=2, instance=3, schema={},
                            path=["x"])
    (problem,) = schema._explain(error, {}, {})
    assert problem.message == "« x » : valeur refusée (règle « multipleOf » du format)"
