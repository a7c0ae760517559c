"""The rules: apply a command to a state, return the new state and what happened.

One engine for the three genres. An escape game moves between rooms, inspects objects,
opens locks and documents, collects items; a quiz and a challenge walk a queue of
questions (a challenge in timed rounds, teams taking turns). Puzzles, hints, attempts,
effects, triggers, countdown and endings work the same way everywhere.

Pure: no clock (time comes in each command), no randomness but ``random.Random(seed)``,
no I/O. The solver, the player, replays and tests all drive this same class.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from . import effects as effect_kinds
from . import events as ev
from . import puzzles as ptypes
from .commands import AddTime, Answer, Command, Examine, Go, Hint, Inspect, Next, Skip, Stop, Tick, Use
from .expr import asked_items, evaluate
from .model import Effect, Exit, Game, RoomObject
from .scoring import puzzle_points, score
from .state import Progress, State
from .teams import seat


@dataclass(frozen=True)
class Options:
    """How this run is played: ``time_factor`` stretches every time limit (1.33 or 1.5
    for "tiers-temps"), None switches countdowns and round limits off."""

    seed: int = 0
    time_factor: float | None = 1.0
    teams: tuple[str, ...] = ()


class _Turn:
    """The working copy of a state while one command is applied."""

    def __init__(self, rules: Rules, state: State, t: float) -> None:
        self.rules = rules
        self.game = rules.game
        self.s = state
        self.t = t
        self.events: list[ev.Event] = []
        self.flags = set(state.flags)
        self.counters = dict(state.counters)
        self.inventory = list(state.inventory)
        self.sets = {name: set(getattr(state, name)) for name in
                     ("unlocked", "inspected", "taken", "seen", "visited", "fired")}
        self.revealed = list(state.revealed)
        self.progress = dict(state.progress)
        self.room = state.room
        self.position = state.position
        self.round_started = state.round_started
        self.turn = state.turn
        self.time_up = state.time_up
        self.bonus_s = state.bonus_s
        self.ending = state.ending

    # --- facts for conditions -------------------------------------------------------

    def ask(self, function: str, ident: str) -> bool:
        if function == "solved":
            return self.status(ident) == "solved"
        if function == "done":
            return self.status(ident) != "open"
        if function == "has":
            return ident in self.inventory
        if function == "seen":
            return ident in self.sets["seen"]
        if function == "visited":
            return ident in self.sets["visited"]
        if function == "opened":
            return self.is_open(ident)
        return False

    def value(self, name: str) -> int | float | bool:
        if name in self.counters:
            return self.counters[name]
        if name in ("score", "score_pct", "hints"):
            current = score(self.game, self.freeze())
            return {"score": current.points, "score_pct": current.percent,
                    "hints": current.hints}[name]
        return name in self.flags

    def holds(self, condition: str | None) -> bool:
        return condition is None or evaluate(condition, self)

    def status(self, puzzle_id: str) -> str:
        return self.progress.get(puzzle_id, _OPEN).status

    def is_open(self, lockable: str) -> bool:
        """A lockable (object or exit) is open when unlocked by an effect or its lock is solved."""
        target: RoomObject | Exit | None = self.game.objects.get(lockable) or self.game.exits.get(lockable)
        if lockable in self.sets["unlocked"]:
            return True
        return target is not None and (target.lock is None or self.status(target.lock) == "solved")

    # --- effects ----------------------------------------------------------------------

    def emit(self, event: ev.Event) -> None:
        self.events.append(event)

    def apply_effects(self, effects: tuple[Effect, ...]) -> None:
        for effect in effects:
            if self.ending is not None:
                return
            kind = effect_kinds.KINDS.get(effect.kind)
            if kind is not None:  # the schema admits only registered kinds
                kind.apply(self, effect)

    def enter(self, room_id: str) -> None:
        self.room = room_id
        self.emit(ev.RoomEntered(room_id))
        if room_id not in self.sets["visited"]:
            self.sets["visited"].add(room_id)
            self.apply_effects(self.game.rooms[room_id].on_enter)

    def finish(self, ending_id: str) -> None:
        if self.ending is not None:
            return
        self.ending = ending_id
        ending = self.game.endings.get(ending_id)
        final = score(self.game, self.freeze())
        self.emit(ev.GameEnded(ending_id, ending.success if ending else True,
                               final.points, final.max_points))

    def run_triggers(self) -> None:
        # Each trigger fires once, so this settles in at most len(triggers) passes.
        for _pass in range(len(self.game.triggers) + 1):
            fired = False
            for trigger in self.game.triggers:
                if self.ending is not None:
                    return
                if trigger.id not in self.sets["fired"] and self.holds(trigger.when):
                    self.sets["fired"].add(trigger.id)
                    self.apply_effects(trigger.effects)
                    fired = True
            if not fired:
                return

    def reveal(self, puzzle_id: str) -> None:
        if puzzle_id not in self.revealed:
            self.revealed.append(puzzle_id)
            self.progress[puzzle_id] = replace(self.progress.get(puzzle_id, _OPEN), shown_t=self.t)
        self.emit(ev.PuzzleOpened(puzzle_id))

    def freeze(self) -> State:
        s = self.s
        return State(
            seed=s.seed, t=max(s.t, self.t), room=self.room, flags=frozenset(self.flags),
            counters=dict(self.counters), inventory=tuple(self.inventory),
            **{name: frozenset(values) for name, values in self.sets.items()},
            revealed=tuple(self.revealed), progress=dict(self.progress), queue=s.queue,
            position=self.position, round_started=self.round_started, teams=s.teams,
            turn=self.turn, time_up=self.time_up, bonus_s=self.bonus_s, ending=self.ending)


_OPEN = Progress()


class Rules:
    """Plays one game. Create it once per game and options; it holds no state itself."""

    def __init__(self, game: Game, options: Options = Options()) -> None:
        self.game = game
        self.options = options
        self._handlers: dict[type, Callable[[_Turn, Any], None]] = {
            Inspect: self._inspect, Go: self._go, Use: self._use, Examine: self._examine,
            Answer: self._answer, Hint: self._hint, Skip: self._skip, Next: self._next,
            Tick: lambda turn, command: None, AddTime: self._add_time, Stop: self._stop,
        }
        # A correct answer to each puzzle that has one (the solver plays them).
        self.solutions = {pid: ptypes.get(p.type).solution(p.spec) for pid, p in game.puzzles.items()
                          if not ptypes.get(p.type).problems(p.spec)}

    # --- starting -----------------------------------------------------------------------

    def start(self) -> tuple[State, list[ev.Event]]:
        game, options = self.game, self.options
        teams = options.teams or (("",) if game.genre == "challenge" else ())
        state = State(seed=options.seed, counters=dict(game.counters),
                      queue=self._queue(), teams=tuple(teams))
        turn = _Turn(self, state, 0.0)
        turn.emit(ev.GameStarted(game.genre, options.seed))
        if game.genre == "escape" and game.start_room:
            turn.enter(game.start_room)
        elif turn.s.queue:
            self._show_question(turn)
        turn.run_triggers()
        return turn.freeze(), turn.events

    def _queue(self) -> tuple[str, ...]:
        game = self.game
        if game.genre == "challenge":
            return tuple(p for r in game.rounds for p in r.puzzles)
        if game.genre != "quiz" or game.quiz is None:
            return ()
        plan = game.quiz
        rng = random.Random(self.options.seed)
        questions = list(plan.questions)
        if plan.order == "bank":
            pool = list(plan.pool)
            return tuple(rng.sample(pool, min(plan.draw_count or len(pool), len(pool))))
        if plan.order == "shuffle":
            rng.shuffle(questions)
        return tuple(questions)

    def presentation_order(self, state: State, puzzle_id: str, ids: list[str], side: str = "") -> list[str]:
        """The order to show a puzzle's options or items in: shuffled with the run's seed
        when the puzzle asks for it, so a restored game shows the same order. ``side``
        shuffles a second list of the same puzzle independently (a match's right column)."""
        puzzle = self.game.puzzles[puzzle_id]
        kind = ptypes.get(puzzle.type)
        if not puzzle.shuffle and not kind.shuffled:
            return list(ids)
        shuffled = list(ids)
        random.Random(f"{state.seed}:{puzzle_id}:{side}").shuffle(shuffled)
        if kind.hide_solved_order and shuffled == list(ids) and len(ids) > 1:
            shuffled = shuffled[1:] + shuffled[:1]  # never show a timeline already solved
        return shuffled

    # --- applying commands ------------------------------------------------------------

    def apply(self, state: State, command: Command) -> tuple[State, list[ev.Event]]:
        turn = _Turn(self, state, max(command.t, state.t))
        if state.ending is not None:
            turn.emit(ev.Refused("ended"))
            return state, turn.events
        # A command that arrives after its round ran out is not carried out: the clock
        # has already moved the game on. A facilitator's command always is.
        if isinstance(command, (AddTime, Stop)):
            self._handlers[type(command)](turn, command)
        elif not self._clock(turn) and turn.ending is None:
            self._handlers[type(command)](turn, command)
            turn.run_triggers()
        return turn.freeze(), turn.events

    def clock_runs(self, state: State) -> bool:
        """Whether time counts now: in a quiz or a challenge only while the question
        on screen waits for its answer (never during its explanation); in an escape
        game always."""
        if self.game.genre == "escape":
            return True
        current = state.current
        return current is not None and state.puzzle(current).status == "open"

    def time_left(self, state: State) -> float | None:
        """Seconds left on the countdown (escape) or in the round (challenge), or None."""
        factor = self.options.time_factor
        if factor is None:
            return None
        if self.game.genre == "challenge":
            current = self._round_of(state.position)
            if current is None or current.time_limit_s is None:
                return None
            return state.round_started + current.time_limit_s * factor + state.bonus_s - state.t
        if self.game.timer_minutes is None:
            return None
        return self.game.timer_minutes * 60 * factor + state.bonus_s - state.t

    def _clock(self, turn: _Turn) -> bool:
        """Let time limits take effect; True when a round ended because of them."""
        left = self.time_left(turn.freeze())
        if left is None or left > 0:
            return False
        if self.game.genre == "challenge":
            self._end_round(turn, timed_out=True)
            return True
        if not turn.time_up:
            turn.time_up = True
            turn.emit(ev.TimeRanOut())
            if self.game.timer_ending:
                turn.finish(self.game.timer_ending)
        return False

    # --- escape game ------------------------------------------------------------------

    def _here(self, turn: _Turn, target: RoomObject | Exit | None) -> bool:
        return (target is not None and target.room == turn.room and turn.holds(target.visible)
                and target.id not in turn.sets["taken"])

    def _gate(self, turn: _Turn, target: RoomObject | Exit) -> bool:
        """Whether ``target`` lets the player through; says why not, or opens its lock."""
        if not turn.holds(target.requires):
            turn.emit(ev.Refused("locked", target.id, target.locked_text))
            return False
        if not turn.is_open(target.id):
            assert target.lock is not None
            if turn.status(target.lock) != "open":  # the lock was lost: say it stays shut
                turn.emit(ev.Refused("locked", target.id, target.locked_text))
                return False
            turn.reveal(target.lock)
            return False
        return True

    def _inspect(self, turn: _Turn, command: Inspect) -> None:
        obj = self.game.objects.get(command.object)
        if not self._here(turn, obj):
            turn.emit(ev.Refused("not_here", command.object))
            return
        assert obj is not None
        if not self._gate(turn, obj):
            return
        turn.emit(ev.ObjectInspected(obj.id))
        first = obj.id not in turn.sets["inspected"]
        turn.sets["inspected"].add(obj.id)
        if obj.document:
            turn.sets["seen"].add(obj.document)
            turn.emit(ev.DocumentOpened(obj.document))
        if obj.puzzle and turn.status(obj.puzzle) == "open":
            turn.reveal(obj.puzzle)
        if first:
            turn.apply_effects(obj.effects)
        if obj.take and obj.take not in turn.inventory:
            turn.sets["taken"].add(obj.id)
            turn.apply_effects((Effect("give", obj.take),))

    def _go(self, turn: _Turn, command: Go) -> None:
        exit_ = self.game.exits.get(command.exit)
        if not self._here(turn, exit_):
            turn.emit(ev.Refused("not_here", command.exit))
            return
        assert exit_ is not None
        if self._gate(turn, exit_):
            turn.enter(exit_.to)

    def _use(self, turn: _Turn, command: Use) -> None:
        obj = self.game.objects.get(command.target)
        if command.item not in turn.inventory or not self._here(turn, obj):
            turn.emit(ev.Refused("not_here", command.target))
            return
        assert obj is not None
        accept = next((a for a in obj.accepts if a.item == command.item), None)
        if accept is None and command.item in asked_items(obj.requires):
            # The object asks for this item (« requires: has(…) », its locked text said
            # so): using the item on it does what a click does, not « ne sert à rien ».
            self._inspect(turn, Inspect(command.t, obj.id))
            return
        if accept is None:
            turn.emit(ev.Refused("not_usable", command.target))
            return
        if accept.text:
            turn.emit(ev.TextShown(accept.text))
        if accept.consume:
            turn.apply_effects((Effect("take", command.item),))
        turn.apply_effects(accept.effects)

    def _examine(self, turn: _Turn, command: Examine) -> None:
        item = self.game.items.get(command.item)
        if item is None or command.item not in turn.inventory:
            turn.emit(ev.Refused("not_here", command.item))
            return
        turn.emit(ev.ItemExamined(item.id))
        if item.document:
            turn.sets["seen"].add(item.document)
            turn.emit(ev.DocumentOpened(item.document))

    # --- puzzles (every genre) --------------------------------------------------------

    def _answerable(self, turn: _Turn, puzzle_id: str) -> bool:
        if puzzle_id not in self.game.puzzles:
            turn.emit(ev.Refused("not_available", puzzle_id))
            return False
        if self.game.genre == "escape":
            ok = puzzle_id in turn.revealed
        else:
            ok = turn.s.current == puzzle_id
        if not ok or turn.status(puzzle_id) != "open":
            turn.emit(ev.Refused("not_available", puzzle_id))
            return False
        return True

    def _answer(self, turn: _Turn, command: Answer) -> None:
        if not self._answerable(turn, command.puzzle):
            return
        puzzle = self.game.puzzles[command.puzzle]
        progress = turn.progress.get(puzzle.id, _OPEN)
        if progress.cooldown_until > turn.t:
            turn.emit(ev.Refused("cooldown", puzzle.id, wait_s=progress.cooldown_until - turn.t))
            return
        try:
            judgement = ptypes.get(puzzle.type).judge(puzzle.spec, command.value)
        except ptypes.AnswerError:
            turn.emit(ev.Refused("bad_answer", puzzle.id))
            return
        attempt = progress.wrong + 1
        team = turn.s.team
        turn.emit(ev.AnswerJudged(puzzle.id, judgement.correct, judgement.fraction,
                                  judgement.detail, attempt, team, turn.t))
        teams = turn.s.teams
        if self.game.genre == "challenge" and len(teams) > 1 and not ptypes.get(puzzle.type).scored:
            # Every team answers a question without points (a poll), in turn.
            progress = replace(progress, answers=progress.answers + (judgement.detail,))
            if len(progress.answers) < len(teams):
                turn.progress[puzzle.id] = progress
                turn.turn = len(progress.answers)
                turn.emit(ev.TurnPassed(teams[turn.turn]))
                return
            team = "*"
        if judgement.correct:
            progress = replace(progress, status="solved", fraction=judgement.fraction,
                               team=team, answered_t=turn.t, streak=0)
            turn.progress[puzzle.id] = progress
            turn.emit(ev.PuzzleSolved(puzzle.id, puzzle_points(puzzle, progress)))
            for lockable in self._locked_by(puzzle.id):
                turn.emit(ev.Unlocked(lockable))
            turn.apply_effects(puzzle.on_solve)
            return
        policy = puzzle.attempts
        progress = replace(progress, wrong=progress.wrong + 1, streak=progress.streak + 1,
                           fraction=judgement.fraction, team=team, answered_t=turn.t)
        if policy.max is not None and progress.wrong >= policy.max:
            progress = replace(progress, status="failed")
            turn.progress[puzzle.id] = progress
            turn.emit(ev.PuzzleFailed(puzzle.id, puzzle_points(puzzle, progress)))
            turn.apply_effects(puzzle.on_fail)
            return
        if policy.cooldown_after and progress.streak >= policy.cooldown_after:
            progress = replace(progress, streak=0, cooldown_until=turn.t + policy.cooldown_s)
            turn.emit(ev.CooldownStarted(puzzle.id, progress.cooldown_until))
        turn.progress[puzzle.id] = progress

    def _locked_by(self, puzzle_id: str) -> list[str]:
        lockables: list[RoomObject | Exit] = [*self.game.objects.values(), *self.game.exits.values()]
        return [x.id for x in lockables if x.lock == puzzle_id]

    def _hint(self, turn: _Turn, command: Hint) -> None:
        if not self._answerable(turn, command.puzzle):
            return
        puzzle = self.game.puzzles[command.puzzle]
        progress = turn.progress.get(puzzle.id, _OPEN)
        if progress.hints >= len(puzzle.hints):
            turn.emit(ev.Refused("no_more_hints", puzzle.id))
            return
        hint = puzzle.hints[progress.hints]
        turn.progress[puzzle.id] = replace(progress, hints=progress.hints + 1)
        turn.emit(ev.HintGiven(puzzle.id, progress.hints, hint.text, hint.cost))

    def _skip(self, turn: _Turn, command: Skip) -> None:
        if not self._answerable(turn, command.puzzle):
            return
        puzzle = self.game.puzzles[command.puzzle]
        if not (puzzle.skippable or command.forced):
            turn.emit(ev.Refused("not_skippable", puzzle.id))
            return
        turn.progress[puzzle.id] = replace(turn.progress.get(puzzle.id, _OPEN), status="skipped",
                                           fraction=0.0, answered_t=turn.t)
        turn.emit(ev.PuzzleSkipped(puzzle.id))
        turn.apply_effects(puzzle.on_fail)

    # --- facilitator ----------------------------------------------------------------

    def _add_time(self, turn: _Turn, command: AddTime) -> None:
        turn.bonus_s += command.seconds
        turn.time_up = False
        turn.emit(ev.TimeAdded(command.seconds))

    def _stop(self, turn: _Turn, command: Stop) -> None:
        turn.finish("")

    # --- quiz and challenge -----------------------------------------------------------

    def _round_of(self, position: int):
        count = 0
        for round_ in self.game.rounds:
            count += len(round_.puzzles)
            if position < count:
                return round_
        return None

    def _show_question(self, turn: _Turn) -> None:
        queue = turn.s.queue
        if turn.position >= len(queue):
            self._conclude(turn)
            return
        if self.game.genre == "challenge":
            round_ = self._round_of(turn.position)
            first = sum(len(r.puzzles) for r in self.game.rounds[: self.game.rounds.index(round_)])
            if turn.position == first:
                turn.round_started = turn.t
                turn.bonus_s = 0.0
                factor = self.options.time_factor
                limit = round_.time_limit_s * factor if factor and round_.time_limit_s else None
                turn.emit(ev.RoundStarted(round_.id, self.game.rounds.index(round_) + 1, limit))
        puzzle_id = queue[turn.position]
        turn.progress[puzzle_id] = replace(turn.progress.get(puzzle_id, _OPEN), shown_t=turn.t)
        teams = turn.s.teams
        if self.game.genre == "challenge" and len(teams) > 1:
            # Who answers; said when it is another team than at the command's start.
            turn.turn = seat(self.game, queue, turn.position, len(teams), len(turn.progress[puzzle_id].answers))
            if turn.turn != turn.s.turn or turn.position == 0:
                turn.emit(ev.TurnPassed(turn.freeze().team))
        turn.emit(ev.QuestionShown(puzzle_id, turn.position + 1, len(queue)))

    def _next(self, turn: _Turn, command: Next) -> None:
        current = turn.s.current
        if current is None or turn.status(current) == "open":
            turn.emit(ev.Refused("not_available", current or ""))
            return
        self._advance(turn)

    def _advance(self, turn: _Turn) -> None:
        before = self._round_of(turn.position)
        turn.position += 1
        turn.turn += 1
        after = self._round_of(turn.position)
        if before is not None and after is not before:
            turn.emit(ev.RoundEnded(before.id, False))
        self._show_question(turn)

    def _end_round(self, turn: _Turn, timed_out: bool) -> None:
        """Time is up in a challenge round: its open questions are lost, the next begins."""
        round_ = self._round_of(turn.position)
        if round_ is None:
            return
        start = sum(len(r.puzzles) for r in self.game.rounds[: self.game.rounds.index(round_)])
        for puzzle_id in turn.s.queue[turn.position: start + len(round_.puzzles)]:
            if turn.status(puzzle_id) == "open":
                turn.progress[puzzle_id] = replace(turn.progress.get(puzzle_id, _OPEN),
                                                   status="failed", answered_t=turn.t)
                turn.emit(ev.PuzzleFailed(puzzle_id, 0, timed_out=True))
        turn.position = start + len(round_.puzzles)
        turn.turn += 1
        turn.emit(ev.RoundEnded(round_.id, timed_out))
        self._show_question(turn)

    def _conclude(self, turn: _Turn) -> None:
        """The last question is behind: the first ending whose condition holds."""
        for ending in self.game.endings.values():
            if turn.holds(ending.when):
                turn.finish(ending.id)
                return
        turn.finish("")

    # --- what can be done now (player menus, solver) ----------------------------------

    def visible(self, state: State) -> tuple[list[RoomObject], list[Exit]]:
        """The objects and exits of the current room that the player can see now."""
        room = self.game.rooms.get(state.room or "")
        if room is None:
            return [], []
        turn = _Turn(self, state, state.t)
        objects = [self.game.objects[o] for o in room.objects if self._here(turn, self.game.objects[o])]
        exits = [self.game.exits[e] for e in room.exits if self._here(turn, self.game.exits[e])]
        return objects, exits

    def is_open(self, state: State, lockable: str) -> bool:
        """Whether an object or exit with a lock has been opened."""
        return _Turn(self, state, state.t).is_open(lockable)

    def passable(self, state: State, lockable: str) -> bool:
        """Whether an object or exit lets the player through now: its condition
        (``requires``) holds and its lock, if any, is open. What the screen draws as
        open is exactly what ``Go`` and ``Inspect`` let through."""
        turn = _Turn(self, state, state.t)
        target: RoomObject | Exit | None = self.game.objects.get(lockable) or self.game.exits.get(lockable)
        return target is not None and turn.holds(target.requires) and turn.is_open(lockable)

    def actions(self, state: State) -> list[Command]:
        """The commands that make sense now, with correct answers for open puzzles.

        The solver explores these; a player's screen shows the same objects and exits.
        """
        if state.ending is not None:
            return []
        out: list[Command] = []
        if self.game.genre != "escape":
            current = state.current
            if current is None:
                return []
            if state.puzzle(current).status != "open":
                return [Next(state.t)]
            if current in self.solutions:
                return [Answer(state.t, current, self.solutions[current])]
            return []
        objects, exits = self.visible(state)
        for obj in objects:
            out.append(Inspect(state.t, obj.id))
            for accept in obj.accepts:
                if accept.item in state.inventory:
                    out.append(Use(state.t, accept.item, obj.id))
        out.extend(Go(state.t, exit_.id) for exit_ in exits)
        for puzzle_id in state.revealed:
            if state.puzzle(puzzle_id).status == "open" and puzzle_id in self.solutions:
                out.append(Answer(state.t, puzzle_id, self.solutions[puzzle_id]))
        for item_id in state.inventory:
            item = self.game.items.get(item_id)
            if item and item.document and item.document not in state.seen:
                out.append(Examine(state.t, item_id))
        return out
