"""Prove a game can be finished: a breadth-first search over the states of the rules.

The search plays the real rules (``Rules.actions`` then ``Rules.apply``), answering
every puzzle correctly and never asking for hints, so what it proves is what a player
can do. Time is switched off. It reports the shortest way to a winning ending and
everything it ever reached (rooms, items, locks…), which the linter turns into
"can never be reached" messages.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from . import events as ev
from .commands import Command, Go
from .expr import Call, parse, walk
from .model import Exit, Game, RoomObject
from .rules import Options, Rules
from .state import State

MAX_STATES = 200_000


@dataclass
class Exploration:
    states: int = 0
    complete: bool = True
    endings: dict[str, int] = field(default_factory=dict)  # ending id -> fewest actions
    solution: list[Command] | None = None  # the shortest path to a winning ending
    rooms: set[str] = field(default_factory=set)
    items: set[str] = field(default_factory=set)
    opened: set[str] = field(default_factory=set)
    revealed: set[str] = field(default_factory=set)
    solved: set[str] = field(default_factory=set)
    fired: set[str] = field(default_factory=set)
    inspected: set[str] = field(default_factory=set)


class Abstraction:
    """What of a state can change what happens next, so the search can merge the rest.

    Inspecting an object without effects, seeing a document no condition asks about,
    or entering a room a second time changes nothing the rules can observe; keeping
    them in the key would multiply the states by every order of harmless clicks.
    """

    def __init__(self, game: Game) -> None:
        lockables: list[RoomObject | Exit] = [*game.objects.values(), *game.exits.values()]
        conditions = [c for x in lockables for c in (x.visible, x.requires) if c]
        conditions += [t.when for t in game.triggers] + [e.when for e in game.endings.values() if e.when]
        calls = [n for text in conditions for n in walk(parse(text)) if isinstance(n, Call)]
        self.documents = frozenset(c.ident for c in calls if c.function == "seen")
        self.rooms = frozenset(c.ident for c in calls if c.function == "visited") | frozenset(
            r.id for r in game.rooms.values() if r.on_enter)
        self.objects = frozenset(o.id for o in game.objects.values() if o.effects)

    def key(self, state: State) -> tuple:
        return (state.room, state.flags, tuple(sorted(state.counters.items())),
                frozenset(state.inventory), state.unlocked, state.inspected & self.objects,
                state.taken, state.seen & self.documents, state.visited & self.rooms, state.fired,
                frozenset(state.revealed),
                tuple(sorted((k, p.status) for k, p in state.progress.items())),
                state.position, state.ending)


def explore(game: Game, max_states: int = MAX_STATES) -> Exploration:
    rules = Rules(game, Options(seed=0, time_factor=None))
    start, _events = rules.start()
    found = Exploration()
    abstraction = Abstraction(game)
    parents: dict[tuple, tuple[tuple | None, Command | None]] = {abstraction.key(start): (None, None)}
    queue = deque([(start, 0)])
    _record(found, start)
    while queue:
        state, depth = queue.popleft()
        for command in rules.actions(state):
            after, events = rules.apply(state, command)
            key = abstraction.key(after)
            if key in parents:
                continue
            if len(parents) >= max_states:
                found.complete = False
                queue.clear()
                break
            parents[key] = (abstraction.key(state), command)
            _record(found, after)
            for event in events:
                if isinstance(event, ev.Unlocked):
                    found.opened.add(event.target)
                elif isinstance(event, ev.ObjectInspected):
                    found.opened.add(event.object)
                elif isinstance(event, ev.RoomEntered) and isinstance(command, Go):
                    found.opened.add(command.exit)
            if after.ending is not None:
                if after.ending not in found.endings:
                    found.endings[after.ending] = depth + 1
                ending = game.endings.get(after.ending)
                if found.solution is None and (ending is None or ending.success):
                    found.solution = _path(parents, key)
                continue
            queue.append((after, depth + 1))
    found.states = len(parents)
    lockables: list[RoomObject | Exit] = [*game.objects.values(), *game.exits.values()]
    for lockable in lockables:
        if lockable.lock and lockable.lock in found.solved:
            found.opened.add(lockable.id)
    return found


def _record(found: Exploration, state: State) -> None:
    if state.room:
        found.rooms.add(state.room)
    found.items.update(state.inventory)
    found.opened.update(state.unlocked)
    found.revealed.update(state.revealed)
    found.solved.update(k for k, p in state.progress.items() if p.status == "solved")
    found.fired.update(state.fired)
    found.inspected.update(state.inspected)


def _path(parents: dict, key: tuple) -> list[Command]:
    path: list[Command] = []
    while True:
        parent, command = parents[key]
        if command is None:
            return path[::-1]
        path.append(command)
        key = parent
