"""The kinds of effect (what happens when an object is inspected, a room entered, a
trigger fires): each kind registered once with what it does to a turn of the rules and
whether it carries a text instead of a target. Its fields are in schema.json's
``effect``; content/build.py reads a kind's data through ``EffectKind.text``.

Adding a kind: its function here, ``register``, and its field in the schema.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import events as ev
from .model import Effect

if TYPE_CHECKING:
    from .rules import _Turn


@dataclass(frozen=True)
class EffectKind:
    name: str
    apply: Callable[[_Turn, Effect], None]
    text: bool = False  # carries a text to show (``show: …``), not the id of a target


KINDS: dict[str, EffectKind] = {}


def register(name: str, text: bool = False) -> Callable[[Callable[[_Turn, Effect], None]], Callable[[_Turn, Effect], None]]:
    def add(apply: Callable[[_Turn, Effect], None]) -> Callable[[_Turn, Effect], None]:
        KINDS[name] = EffectKind(name, apply, text)
        return apply
    return add


@register("give")
def _give(turn: _Turn, effect: Effect) -> None:
    if effect.target not in turn.inventory:
        turn.inventory.append(effect.target)
        turn.emit(ev.ItemGained(effect.target))


@register("take")
def _take(turn: _Turn, effect: Effect) -> None:
    if effect.target in turn.inventory:
        turn.inventory.remove(effect.target)
        turn.emit(ev.ItemLost(effect.target))


def _flag(value: bool) -> Callable[[_Turn, Effect], None]:
    def apply(turn: _Turn, effect: Effect) -> None:
        if (effect.target in turn.flags) != value:
            (turn.flags.add if value else turn.flags.discard)(effect.target)
            turn.emit(ev.FlagChanged(effect.target, value))
    return apply


register("set")(_flag(True))
register("clear")(_flag(False))


@register("add")
def _add(turn: _Turn, effect: Effect) -> None:
    turn.counters[effect.target] = turn.counters.get(effect.target, 0) + effect.value
    turn.emit(ev.CounterChanged(effect.target, turn.counters[effect.target]))


@register("unlock")
def _unlock(turn: _Turn, effect: Effect) -> None:
    if effect.target not in turn.sets["unlocked"]:
        turn.sets["unlocked"].add(effect.target)
        turn.emit(ev.Unlocked(effect.target))


@register("show", text=True)
def _show(turn: _Turn, effect: Effect) -> None:
    if effect.text is not None:
        turn.emit(ev.TextShown(effect.text))


@register("goto")
def _goto(turn: _Turn, effect: Effect) -> None:
    turn.enter(effect.target)


@register("end")
def _end(turn: _Turn, effect: Effect) -> None:
    turn.finish(effect.target)
