"""The small condition language of game files, parsed and evaluated without ``eval``.

Grammar (keywords in English or French)::

    expr  := and (("or" | "ou") and)*
    and   := not (("and" | "et") not)*
    not   := ("not" | "non") not | cmp
    cmp   := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
    sum   := unary (("+" | "-") unary)*
    unary := "-" unary | atom
    atom  := NUMBER | "true" | "vrai" | "false" | "faux"
           | NAME "(" NAME ")" | NAME | "(" expr ")"

``NAME(ID)`` asks the state about a game element: ``solved(p)``, ``done(p)`` (solved
or lost), ``has(item)``, ``seen(document)``, ``visited(room)``, ``opened(lock)``. A
bare ``NAME`` is a flag, a counter, or one of ``score``, ``score_pct``, ``hints``.
Conditions are compiled once into closures (the solver evaluates them millions of
times) and checked against the game's ids by the loader.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

FUNCTIONS = {  # function name -> the kind of id it takes
    "solved": "puzzle",
    "done": "puzzle",
    "has": "item",
    "seen": "document",
    "visited": "room",
    "opened": "lockable",
}
BUILTINS = ("score", "score_pct", "hints")
_KEYWORDS = {"and": "and", "et": "and", "or": "or", "ou": "or", "not": "not", "non": "not",
             "true": "true", "vrai": "true", "false": "false", "faux": "false"}
_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_-]*)"
                    r"|(?P<op>==|!=|<=|>=|[<>()+\-])|(?P<bad>\S))")
_COMPARE = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
            ">": operator.gt, ">=": operator.ge}


class ExprError(ValueError):
    """A condition that cannot be parsed; ``pos`` is the 0-based offset in the text."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.pos = pos


class Facts(Protocol):
    """What a condition can ask of a game state."""

    def ask(self, function: str, ident: str) -> bool: ...
    def value(self, name: str) -> int | float | bool: ...


@dataclass(frozen=True)
class Num:
    value: float
    pos: int


@dataclass(frozen=True)
class Name:
    name: str
    pos: int


@dataclass(frozen=True)
class Call:
    function: str
    ident: str
    pos: int
    ident_pos: int


@dataclass(frozen=True)
class Op:
    op: str
    args: tuple[Node, ...]
    pos: int


Node = Num | Name | Call | Op


def _tokens(text: str) -> list[tuple[str, str, int]]:
    from ..i18n import _

    out = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            break
        kind = match.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        value = match.group(kind)
        start = match.start(kind)
        if kind == "bad":
            raise ExprError(_("caractère « {char} » inattendu").format(char=value), start)
        if kind == "name" and value.lower() in _KEYWORDS:
            kind, value = "kw", _KEYWORDS[value.lower()]
        out.append((kind, value, start))
        pos = match.end()
    out.append(("end", "", len(text)))
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.i = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def expect(self, kind: str, value: str) -> tuple[str, str, int]:
        from ..i18n import _

        token = self.take()
        if token[0] != kind or token[1] != value:
            found = token[1] or _("la fin")
            raise ExprError(_("« {expected} » attendu avant « {found} »").format(
                expected=value, found=found), token[2])
        return token

    def parse(self) -> Node:
        from ..i18n import _

        node = self.or_()
        kind, value, pos = self.peek()
        if kind != "end":
            raise ExprError(_("« {found} » inattendu : il manque sans doute « and » ou « or »"
                              ).format(found=value), pos)
        return node

    def _chain(self, keyword: str, lower: Callable[[], Node]) -> Node:
        node = lower()
        while self.peek()[:2] == ("kw", keyword):
            pos = self.take()[2]
            node = Op(keyword, (node, lower()), pos)
        return node

    def or_(self) -> Node:
        return self._chain("or", self.and_)

    def and_(self) -> Node:
        return self._chain("and", self.not_)

    def not_(self) -> Node:
        if self.peek()[:2] == ("kw", "not"):
            pos = self.take()[2]
            return Op("not", (self.not_(),), pos)
        return self.cmp()

    def cmp(self) -> Node:
        node = self.sum()
        kind, value, pos = self.peek()
        if kind == "op" and value in _COMPARE:
            self.take()
            node = Op(value, (node, self.sum()), pos)
        return node

    def sum(self) -> Node:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            _kind, value, pos = self.take()
            node = Op(value, (node, self.unary()), pos)
        return node

    def unary(self) -> Node:
        if self.peek()[:2] == ("op", "-"):
            pos = self.take()[2]
            return Op("neg", (self.unary(),), pos)
        return self.atom()

    def atom(self) -> Node:
        from ..i18n import _

        kind, value, pos = self.take()
        if kind == "num":
            return Num(float(value) if "." in value else int(value), pos)
        if kind == "kw" and value in ("true", "false"):
            return Num(value == "true", pos)
        if kind == "op" and value == "(":
            node = self.or_()
            self.expect("op", ")")
            return node
        if kind == "name":
            if self.peek()[:2] == ("op", "("):
                self.take()
                ident_kind, ident, ident_pos = self.take()
                if ident_kind not in ("name", "num"):
                    raise ExprError(_("identifiant attendu entre les parenthèses de « {name} »")
                                    .format(name=value), ident_pos)
                self.expect("op", ")")
                return Call(value, ident, pos, ident_pos)
            return Name(value, pos)
        if kind == "end":
            raise ExprError(_("la condition s’arrête trop tôt"), pos)
        raise ExprError(_("« {found} » inattendu").format(found=value), pos)


@lru_cache(maxsize=4096)
def parse(text: str) -> Node:
    """Parse a condition; raises ExprError with the position of the problem."""
    return _Parser(text).parse()


def walk(node: Node):
    """Every node of a tree, parents first."""
    yield node
    if isinstance(node, Op):
        for arg in node.args:
            yield from walk(arg)


@lru_cache(maxsize=1024)
def asked_items(text: str | None) -> frozenset[str]:
    """The items a condition asks for with ``has(item)``: a place whose ``requires``
    names an item is where that item is meant to be used."""
    if not text:
        return frozenset()
    return frozenset(node.ident for node in walk(parse(text))
                     if isinstance(node, Call) and node.function == "has")


Compiled = Callable[[Facts], Any]


def _compile(node: Node) -> Compiled:
    if isinstance(node, Num):
        value = node.value
        return lambda facts: value
    if isinstance(node, Name):
        name = node.name
        return lambda facts: facts.value(name)
    if isinstance(node, Call):
        function, ident = node.function, node.ident
        return lambda facts: facts.ask(function, ident)
    args = [_compile(arg) for arg in node.args]
    if node.op == "and":
        left, right = args
        return lambda facts: bool(left(facts)) and bool(right(facts))
    if node.op == "or":
        left, right = args
        return lambda facts: bool(left(facts)) or bool(right(facts))
    if node.op == "not":
        (inner,) = args
        return lambda facts: not inner(facts)
    if node.op == "neg":
        (inner,) = args
        return lambda facts: -inner(facts)
    left, right = args
    if node.op == "+":
        return lambda facts: left(facts) + right(facts)
    if node.op == "-":
        return lambda facts: left(facts) - right(facts)
    compare = _COMPARE[node.op]
    return lambda facts: compare(left(facts), right(facts))


@lru_cache(maxsize=4096)
def compile_condition(text: str) -> Compiled:
    """A function of the facts that tells whether ``text`` holds."""
    return _compile(parse(text))


def evaluate(text: str, facts: Facts) -> bool:
    return bool(compile_condition(text)(facts))
