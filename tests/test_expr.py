"""The condition language: grammar, French keywords, errors with positions, no eval."""

from __future__ import annotations

import pytest

from engine.core.expr import ExprError, evaluate, parse


class Facts:
    def __init__(self, **values):
        self.values = values
        self.asked = []

    def ask(self, function, ident):
        self.asked.append((function, ident))
        return (function, ident) in {("solved", "p1"), ("has", "cle")}

    def value(self, name):
        return self.values.get(name, False)


@pytest.mark.parametrize("text, expected", [
    ("solved(p1)", True),
    ("solved(p2)", False),
    ("solved(p1) and has(cle)", True),
    ("solved(p1) et non has(cle)", False),
    ("solved(p2) or has(cle)", True),
    ("not (solved(p2) ou lumiere)", False),
    ("indices >= 2", True),
    ("indices + 1 == 4", True),
    ("indices - 5 < -1", True),
    ("score_pct >= 80.5", False),
    ("vrai", True),
    ("faux or false", False),
])
def test_evaluation(text, expected):
    assert evaluate(text, Facts(indices=3, lumiere=True, score_pct=80)) is expected


@pytest.mark.parametrize("text, position", [
    ("solved(p1) and and has(x)", 15),
    ("solved(p1", 9),
    ("has()", 4),
    ("a == ", 5),
    ("__import__('os')", 11),
    ("a ; b", 2),
    ("solved(p1) has(x)", 11),
])
def test_errors_carry_the_position(text, position):
    with pytest.raises(ExprError) as caught:
        parse(text)
    assert caught.value.pos == position


def test_and_short_circuits():
    facts = Facts()
    evaluate("solved(p2) and has(cle)", facts)
    assert facts.asked == [("solved", "p2")]
