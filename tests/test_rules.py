"""The rules engine, genre by genre: commands in, state and events out."""

from __future__ import annotations

import json

import pytest

from engine.content.loader import load_game
from engine.core import commands as cmd
from engine.core import events as ev
from engine.core import puzzles as ptypes
from engine.core.rules import Options, Rules
from engine.core.scoring import score
from engine.core.state import State, StateError

from .conftest import FIXTURES, GAMES, HEADER


def names(events):
    return [e.name for e in events]


@pytest.fixture(scope="module")
def escape():
    return load_game(FIXTURES / "mini_escape", use_cache=False).game


def play(rules, state, *commands):
    events = []
    for command in commands:
        state, new = rules.apply(state, command)
        events.extend(new)
    return state, events


def test_escape_start_enters_the_first_room(escape):
    state, events = Rules(escape).start()
    assert state.room == "hall" and "hall" in state.visited
    assert names(events) == ["GameStarted", "RoomEntered"]


def test_hidden_object_appears_when_its_condition_holds(escape):
    rules = Rules(escape)
    state, _ = rules.start()
    state, events = rules.apply(state, cmd.Inspect(1, "tiroir"))
    assert names(events) == ["Refused"] and events[0].reason == "not_here"
    state, events = play(rules, state, cmd.Inspect(2, "interrupteur"), cmd.Inspect(3, "tiroir"))
    assert "lumiere" in state.flags
    assert state.inventory == ("badge",) and "tiroir" in state.taken
    assert "ItemGained" in names(events)


def test_locked_exit_says_why_and_lock_opens_with_its_code(escape):
    rules = Rules(escape)
    state, _ = rules.start()
    state, events = rules.apply(state, cmd.Go(1, "porte"))
    assert events[0] == ev.Refused("locked", "porte", escape.exits["porte"].locked_text)
    state, events = rules.apply(state, cmd.Inspect(2, "coffre"))
    assert names(events) == ["PuzzleOpened"]
    state, events = rules.apply(state, cmd.Answer(3, "code_coffre", "1945"))
    assert names(events) == ["AnswerJudged", "PuzzleSolved", "Unlocked"]
    state, events = rules.apply(state, cmd.Inspect(4, "coffre"))
    assert "cle" in state.inventory
    state, events = rules.apply(state, cmd.Go(5, "porte"))
    assert state.room == "bureau" and state.counters["indices"] == 1


def test_cooldown_stops_brute_force(escape):
    rules = Rules(escape)
    state, _ = rules.start()
    state, _ = rules.apply(state, cmd.Inspect(0, "coffre"))
    state, events = play(rules, state, *(cmd.Answer(t, "code_coffre", "0000") for t in (1, 2, 3)))
    assert names(events)[-1] == "CooldownStarted" and events[-1].until == 33
    state, events = rules.apply(state, cmd.Answer(10, "code_coffre", "1945"))
    assert events == [ev.Refused("cooldown", "code_coffre", wait_s=23)]
    state, events = rules.apply(state, cmd.Answer(40, "code_coffre", "1945"))
    assert "PuzzleSolved" in names(events)


def test_hints_come_one_by_one_and_cost_points(escape):
    rules = Rules(escape)
    state, _ = rules.start()
    state, _ = rules.apply(state, cmd.Hint(0, "code_coffre"))
    assert state.puzzle("code_coffre").hints == 0  # not opened yet: refused
    state, _ = rules.apply(state, cmd.Inspect(1, "coffre"))
    state, events = play(rules, state, cmd.Hint(2, "code_coffre"), cmd.Hint(3, "code_coffre"),
                         cmd.Hint(4, "code_coffre"))
    assert [e.name for e in events] == ["HintGiven", "HintGiven", "Refused"]
    assert [e.cost for e in events[:2]] == [0, 5]
    state, _ = rules.apply(state, cmd.Answer(5, "code_coffre", "1945"))
    assert score(escape, state).points == 5 and score(escape, state).hints == 2


def test_countdown_reaches_its_ending_and_time_factor_stretches_it(escape):
    rules = Rules(escape)
    state, _ = rules.start()
    state, events = rules.apply(state, cmd.Tick(599))
    assert state.ending is None
    state, events = rules.apply(state, cmd.Tick(600))
    assert names(events) == ["TimeRanOut", "GameEnded"] and state.ending == "trop_tard"
    assert rules.apply(state, cmd.Inspect(601, "coffre"))[1] == [ev.Refused("ended")]
    slow = Rules(escape, Options(time_factor=1.5))
    state, _ = slow.start()
    assert slow.apply(state, cmd.Tick(899))[0].ending is None
    assert Rules(escape, Options(time_factor=None)).time_left(state) is None


def test_trigger_ends_the_escape_game(escape):
    rules = Rules(escape)
    state, _ = rules.start()
    state, events = play(rules, state, cmd.Inspect(1, "coffre"), cmd.Answer(2, "code_coffre", "1945"),
                         cmd.Inspect(3, "coffre"), cmd.Inspect(4, "ecran"),
                         cmd.Answer(5, "q_post", "date"), cmd.Go(6, "porte"))
    assert state.ending == "victoire"
    ended = events[-1]
    assert isinstance(ended, ev.GameEnded) and ended.success and ended.score == 20
    assert any(isinstance(e, ev.TextShown) and e.text.get() == "Bravo !" for e in events)


def test_state_round_trips_through_json_exactly(escape):
    rules = Rules(escape)
    state, _ = rules.start()
    state, _ = play(rules, state, cmd.Inspect(1, "interrupteur"), cmd.Inspect(2, "tiroir"),
                    cmd.Inspect(3, "coffre"), cmd.Answer(4, "code_coffre", "0"), cmd.Hint(5, "code_coffre"))
    restored = State.from_data(json.loads(json.dumps(state.to_data())))
    assert restored == state
    # and plays on identically
    assert rules.apply(restored, cmd.Answer(6, "code_coffre", "1945")) == \
        rules.apply(state, cmd.Answer(6, "code_coffre", "1945"))


@pytest.mark.parametrize("damage", [
    lambda d: d.update(version=99), lambda d: d.pop("version"), lambda d: d.update(progress=[1]),
    lambda d: d.update(progress={"x": {"status": "won"}}), lambda d: d.update(seed="abc"),
    lambda d: d.update(counters={"a": "many"}), lambda d: d.update(flags=7),
])
def test_damaged_saves_are_refused_with_state_error(escape, damage):
    state, _ = Rules(escape).start()
    data = state.to_data()
    damage(data)
    with pytest.raises(StateError):
        State.from_data(data)


def test_quiz_sequence_feedback_then_next(write_game):
    folder = write_game({"game.yaml": HEADER + """
genre: quiz
puzzles:
  - {id: a, type: truefalse, prompt: A ?, answer: true}
  - {id: b, type: truefalse, prompt: B ?, answer: true, attempts: {max: 2}}
endings:
  - {id: top, title: Top, text: Top., when: score_pct == 100}
  - {id: bof, title: Bof, text: Bof.}
"""})
    game = load_game(folder, use_cache=False).game
    rules = Rules(game)
    state, events = rules.start()
    assert names(events) == ["GameStarted", "QuestionShown"] and state.current == "a"
    state, events = rules.apply(state, cmd.Next(1))
    assert events[0].reason == "not_available"  # answer first
    state, events = rules.apply(state, cmd.Answer(2, "a", False))
    assert names(events) == ["AnswerJudged", "PuzzleFailed"]  # one try by default in a quiz
    state, events = play(rules, state, cmd.Next(3), cmd.Answer(4, "b", False), cmd.Answer(5, "b", True))
    assert names(events) == ["QuestionShown", "AnswerJudged", "AnswerJudged", "PuzzleSolved"]
    state, events = rules.apply(state, cmd.Next(6))
    assert state.ending == "bof" and events[-1].score == 10 and events[-1].max_score == 20


def test_quiz_bank_draws_reproducibly_by_seed_and_filters(write_game):
    questions = "\n".join(
        f"  - {{id: q{i}, type: truefalse, prompt: Q{i} ?, answer: true, theme: {'a' if i % 2 else 'b'}, "
        f"difficulty: {1 + i % 3}}}" for i in range(40))
    folder = write_game({"game.yaml": HEADER + f"""
genre: quiz
quiz: {{order: bank, draw: {{count: 5, themes: [a], difficulty: [1, 2]}}}}
puzzles:
{questions}
"""})
    game = load_game(folder, use_cache=False).game
    first = Rules(game, Options(seed=7)).start()[0].queue
    assert first == Rules(game, Options(seed=7)).start()[0].queue
    assert first != Rules(game, Options(seed=8)).start()[0].queue
    assert len(first) == 5 and len(set(first)) == 5
    for q in first:
        assert game.puzzles[q].theme == "a" and game.puzzles[q].difficulty in (1, 2)
    assert score(game, Rules(game, Options(seed=7)).start()[0]).max_points == 50


def test_challenge_teams_take_turns_and_rounds_time_out():
    game = load_game(FIXTURES / "mini_challenge", use_cache=False).game
    rules = Rules(game, Options(teams=("Bleus", "Verts")))
    state, events = rules.start()
    assert names(events) == ["GameStarted", "RoundStarted", "TurnPassed", "QuestionShown"]
    assert state.team == "Bleus" and events[2].team == "Bleus"
    state, events = play(rules, state, cmd.Answer(5, "c1", True), cmd.Next(6))
    assert state.team == "Verts"
    state, events = rules.apply(state, cmd.Answer(61, "c2", False))  # round 1 lasts 60 s
    assert names(events) == ["PuzzleFailed", "RoundEnded", "RoundStarted", "TurnPassed", "QuestionShown"]
    assert events[0].timed_out and events[1].timed_out and state.current == "c3"
    # Three scored questions for two teams: one each, the third for both together.
    assert state.team == "*" and events[3].team == "*"
    state, events = play(rules, state, cmd.Answer(70, "c3", 10), cmd.Next(71))
    assert state.ending == "fini"
    # Verts lost their question to the clock; the shared one counts for both.
    assert score(game, state).by_team == {"Bleus": 20, "Verts": 10}


def test_every_team_answers_as_many_scored_questions_and_the_poll():
    from engine.core.teams import podium, seat, shares, unique_names

    game = load_game(GAMES / "metiers_industrie", use_cache=False).game
    for count in (2, 3, 4, 5, 6):
        rules = Rules(game, Options(teams=tuple(f"T{i}" for i in range(count))))
        state, events = rules.start()
        alone, together = shares(game, state.queue, count)
        seats: dict[str, int] = {}
        polls: dict[str, list[str]] = {}
        while state.ending is None:
            current = state.current
            assert current is not None
            kind = ptypes.get(game.puzzles[current].type)
            team = state.team
            state, events = rules.apply(state, cmd.Answer(state.t, current, rules.solutions[current]))
            if not kind.scored:
                polls.setdefault(current, []).append(team)
                if state.puzzle(current).status == "open":
                    assert names(events) == ["AnswerJudged", "TurnPassed"]
                    continue
            else:
                seats[team] = seats.get(team, 0) + 1
            state, events = rules.apply(state, cmd.Next(state.t))
        assert all(seats[f"T{i}"] == alone for i in range(count)), (count, seats)
        assert seats.get("*", 0) == together
        for answered in polls.values():
            assert answered == [f"T{i}" for i in range(count)]  # every team, in order
        assert len(set(score(game, state).by_team.values())) == 1  # all right: a tie
        assert seat(game, state.queue, len(state.queue), count) == 0
    assert podium({"A": 5, "B": 8, "C": 5, "D": 1}) == [(1, "B", 8), (2, "A", 5), (2, "C", 5), (4, "D", 1)]
    assert unique_names(["  Les  Lynx ", "", "Les Lynx", "*"], ["É1", "É2", "É3", "É4"]) == \
        ("Les Lynx", "É2", "Les Lynx 2", "É4")


def test_time_counts_only_while_a_question_waits():
    game = load_game(FIXTURES / "mini_challenge", use_cache=False).game
    rules = Rules(game)
    state, _ = rules.start()
    assert rules.clock_runs(state)
    state, _ = rules.apply(state, cmd.Answer(5, "c1", True))
    assert not rules.clock_runs(state)  # its explanation is read on paused time


def test_tiers_temps_extends_the_round():
    game = load_game(FIXTURES / "mini_challenge", use_cache=False).game
    rules = Rules(game, Options(time_factor=1.5))
    state, events = rules.start()
    assert events[1].time_limit_s == 90
    state, events = play(rules, state, cmd.Answer(5, "c1", True), cmd.Next(6), cmd.Answer(80, "c2", False))
    assert "PuzzleSolved" in names(events)


def test_skip_only_when_allowed_or_forced():
    game = load_game(FIXTURES / "mini_challenge", use_cache=False).game
    rules = Rules(game)
    state, _ = rules.start()
    state, events = rules.apply(state, cmd.Skip(1, "c1"))
    assert events[0].reason == "not_skippable"
    state, events = rules.apply(state, cmd.Skip(2, "c1", forced=True))
    assert names(events) == ["PuzzleSkipped"] and state.puzzle("c1").status == "skipped"


def test_use_item_on_object(write_game):
    folder = write_game({"game.yaml": HEADER + """
genre: escape
start_room: a
state: {flags: [ouvert]}
items: [{id: cle, name: Clé}]
rooms:
  - id: a
    title: A
    objects:
      - {id: tapis, label: Tapis, take: cle}
      - id: porte
        label: Porte
        accepts: [{item: cle, consume: true, text: Ça tourne., effects: [{set: ouvert}, {end: fin}]}]
endings: [{id: fin, title: Fin, text: Fini.}]
"""})
    game = load_game(folder, use_cache=False).game
    rules = Rules(game)
    state, _ = rules.start()
    state, events = rules.apply(state, cmd.Use(1, "cle", "porte"))
    assert events[0].reason == "not_here"  # not in the inventory yet
    state, events = play(rules, state, cmd.Inspect(2, "tapis"), cmd.Use(3, "cle", "porte"))
    assert names(events)[-4:] == ["TextShown", "ItemLost", "FlagChanged", "GameEnded"]
    assert state.inventory == () and "ouvert" in state.flags and state.ending == "fin"


def test_effects_unlock_goto_clear_and_conditions_on_them(write_game):
    folder = write_game({"game.yaml": HEADER + """
genre: escape
start_room: a
state: {flags: [lampe], counters: {visites: 0}}
documents: [{id: note, kind: poster, text: Une note.}]
rooms:
  - id: a
    title: A
    objects:
      - {id: levier, label: Levier, effects: [{set: lampe}, {unlock: trappe}, {show: Clac.}]}
      - {id: note_murale, label: Note, document: note, effects: [{clear: lampe}]}
      - {id: bouton, label: Bouton, requires: "seen(note) and not lampe", effects: [{goto: b}]}
    exits:
      - {id: trappe, to: b, label: Trappe, lock: code}
  - id: b
    title: B
    on_enter: [{add: visites, value: 2}]
puzzles: [{id: code, type: code, prompt: Code ?, code: "1"}]
triggers:
  - {id: fin, when: "opened(trappe) and visites >= 2 and visited(b)", effects: [{end: fin}]}
endings: [{id: fin, title: Fin, text: Fini.}]
"""})
    game = load_game(folder, use_cache=False).game
    rules = Rules(game)
    state, _ = rules.start()
    state, events = rules.apply(state, cmd.Inspect(1, "bouton"))
    assert events[0].reason == "locked"  # the note is not read yet
    state, events = rules.apply(state, cmd.Inspect(2, "levier"))
    assert names(events) == ["ObjectInspected", "FlagChanged", "Unlocked", "TextShown"]
    assert rules.is_open(state, "trappe") and "lampe" in state.flags
    state, events = play(rules, state, cmd.Inspect(3, "note_murale"), cmd.Inspect(4, "bouton"))
    assert "lampe" not in state.flags and "note" in state.seen
    assert state.ending == "fin" and state.counters["visites"] == 2
    assert [e.name for e in events][-3:] == ["RoomEntered", "CounterChanged", "GameEnded"]
