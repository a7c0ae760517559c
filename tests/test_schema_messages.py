"""Messages that do not depend on a library's version: schema errors are explained from
the schema and the data, never from the wording of jsonschema's English messages; GIFT
syntax errors from lark's tokens and expected terminals, in French, even without the
parser state lark keeps today. (libyaml's wording: tests/test_yamlread.py.)"""

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


def _gift_parse():
    import importlib

    return importlib.import_module("engine.content.gift.parse")  # the package's parse() hides it


def test_gift_syntax_errors_stay_french_and_located_without_larks_parser_state(monkeypatch):
    """The precise hints read lark's parser state (``value_stack``, not a documented
    API): a lark without it still gives French, located messages, never lark's own."""
    from lark.exceptions import UnexpectedInput

    gift = _gift_parse()
    texts = ["::T:: Question { =oui ~non\n\n::U:: Autre {=a}\n", "Q {#3,14}\n", "Q {T#a#b#c}\n",
             "::T Question {=a}\n"]
    before = [[(d.line, d.col) for d in gift.parse(text, "q.gift").errors] for text in texts]
    real = gift.parser()

    class Bare:
        def parse(self, text):
            try:
                return real.parse(text)
            except UnexpectedInput as error:
                error.state = None
                raise

    monkeypatch.setattr(gift, "parser", lambda: Bare())
    for text, places in zip(texts, before):
        errors = gift.parse(text, "q.gift").errors
        assert [(d.line, d.col) for d in errors] == places
        for diagnostic in errors:
            assert "inattendu" in diagnostic.message or "titre non fermé" in diagnostic.message
            assert "Unexpected" not in diagnostic.message and "Expected" not in diagnostic.message


def test_every_gift_terminal_lark_may_expect_has_a_french_name():
    """An expected terminal without a name of ours would show lark's (``__ANON_0``…)."""
    gift = _gift_parse()
    parser = gift.parser()
    ignored = set(parser.ignore_tokens)
    assert {t.name for t in parser.terminals} - ignored <= set(gift._names())
