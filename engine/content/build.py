"""Turn data the schema has accepted into the frozen model of ``engine.core.model``."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core import effects, puzzles
from ..core.model import (
    Accept,
    Attempts,
    Document,
    Effect,
    Ending,
    Exit,
    Game,
    Hint,
    Item,
    LazyMap,
    Method,
    Puzzle,
    QuizPlan,
    Rect,
    Room,
    RoomObject,
    Round,
    Skill,
    Source,
    Text,
    Trigger,
    frozen_map,
    maybe_text,
)

# Fields every puzzle may have, whatever its type.
COMMON_PUZZLE_FIELDS = frozenset({
    "id", "type", "title", "prompt", "document", "image", "theme", "difficulty", "skills",
    "points", "feedback", "explanation", "sources", "hints", "attempts", "skippable",
    "on_solve", "on_fail", "shuffle",
})
# Fields of a document that a "spot it" puzzle can point at, when present.
DOCUMENT_PARTS = ("platform", "author", "handle", "verified", "date", "text", "image", "counts",
                  "outlet", "headline", "byline", "section", "url", "caption", "source_note")
CHART_PARTS = ("x_axis", "y_axis", "legend", "title", "plot")  # plot: the bars or the line
# Default attempts: a quiz or challenge question is answered once; an escape lock is
# retried at will (its cooldown, if any, stops brute force).
DEFAULT_MAX_ATTEMPTS = {"escape": None, "quiz": 1, "challenge": 1}


def build_document(raw: Mapping[str, Any], locale: str) -> Document:
    """One document as the game holds it (also for the editor's preview of a draft)."""
    return Document(raw["id"], raw["kind"], frozen_map(raw), document_parts(raw),
                    maybe_text(raw.get("title"), locale), raw.get("fictional", True))


def document_parts(raw: Mapping[str, Any]) -> tuple[str, ...]:
    parts = [name for name in DOCUMENT_PARTS if name in raw]
    if "chart" in raw:
        parts.extend(CHART_PARTS)
    for key in ("body", "messages", "metadata"):
        for entry in raw.get(key, ()):
            if isinstance(entry, dict) and "id" in entry:
                parts.append(entry["id"])
    return tuple(parts)


def _effects(raw: list[Mapping[str, Any]] | None, locale: str) -> tuple[Effect, ...]:
    out = []
    for entry in raw or ():
        kind = next(k for k in entry if k != "value")
        if effects.KINDS[kind].text:
            out.append(Effect(kind, text=Text.of(entry[kind], locale)))
        else:
            out.append(Effect(kind, entry[kind], int(entry.get("value", 1))))
    return tuple(out)


def _rect(raw: Mapping[str, Any]) -> Rect | None:
    if all(k in raw for k in ("x", "y", "w", "h")):
        return Rect(raw["x"], raw["y"], raw["w"], raw["h"])
    return None


def _puzzle(raw: Mapping[str, Any], genre: str, points: int, hint_cost: int, locale: str) -> Puzzle:
    kind = puzzles.get(raw["type"])
    feedback = raw.get("feedback", {})
    attempts = raw.get("attempts", {})
    hints = []
    for hint in raw.get("hints", ()):
        if isinstance(hint, dict) and "text" in hint and set(hint) <= {"text", "cost"}:
            hints.append(Hint(Text.of(hint["text"], locale), hint.get("cost", hint_cost)))
        else:
            hints.append(Hint(Text.of(hint, locale), hint_cost))
    return Puzzle(
        id=raw["id"], type=raw["type"], prompt=Text.of(raw["prompt"], locale),
        spec=kind.build(raw, locale), title=maybe_text(raw.get("title"), locale),
        document=raw.get("document"), image=raw.get("image"), theme=raw.get("theme", ""),
        difficulty=raw.get("difficulty", 1), skills=tuple(raw.get("skills", ())),
        points=raw.get("points", points if puzzles.get(raw["type"]).scored else 0),
        feedback_correct=maybe_text(feedback.get("correct"), locale),
        feedback_wrong=maybe_text(feedback.get("wrong"), locale),
        feedback_close=maybe_text(feedback.get("close"), locale),
        explanation=maybe_text(raw.get("explanation"), locale),
        sources=tuple(raw.get("sources", ())), hints=tuple(hints),
        attempts=Attempts(attempts.get("max", DEFAULT_MAX_ATTEMPTS[genre]),
                          attempts.get("cooldown_after"), attempts.get("cooldown_s", 30),
                          attempts.get("cost", 0)),
        skippable=bool(raw.get("skippable", False)),
        on_solve=_effects(raw.get("on_solve"), locale), on_fail=_effects(raw.get("on_fail"), locale),
        shuffle=bool(raw.get("shuffle", False)))


def build_game(data: Mapping[str, Any], folder: Path, content_hash: str) -> Game:
    """The model of a valid game. ``data`` must have passed schema validation."""
    locale = (data.get("locales") or ["fr"])[0]
    genre = data["genre"]
    scoring = data.get("scoring", {})
    points, hint_cost = scoring.get("points", 10), scoring.get("hint_cost", 0)
    text = lambda raw: maybe_text(raw, locale)  # noqa: E731

    rooms, objects, exits = {}, {}, {}
    for room in data.get("rooms", ()):
        for obj in room.get("objects", ()):
            objects[obj["id"]] = RoomObject(
                id=obj["id"], label=Text.of(obj["label"], locale), room=room["id"], rect=_rect(obj),
                description=text(obj.get("description")), icon=obj.get("icon"),
                visible=obj.get("visible"), requires=obj.get("requires"),
                locked_text=text(obj.get("locked_text")), lock=obj.get("lock"),
                document=obj.get("document"), puzzle=obj.get("puzzle"), take=obj.get("take"),
                effects=_effects(obj.get("effects"), locale),
                accepts=tuple(Accept(a["item"], bool(a.get("consume")), text(a.get("text")),
                                     _effects(a.get("effects"), locale))
                              for a in obj.get("accepts", ())))
        for ex in room.get("exits", ()):
            exits[ex["id"]] = Exit(
                id=ex["id"], to=ex["to"], label=Text.of(ex["label"], locale), room=room["id"],
                rect=_rect(ex), visible=ex.get("visible"), requires=ex.get("requires"),
                locked_text=text(ex.get("locked_text")), lock=ex.get("lock"))
        rooms[room["id"]] = Room(
            id=room["id"], title=Text.of(room["title"], locale),
            description=text(room.get("description")), background=room.get("background"),
            on_enter=_effects(room.get("on_enter"), locale),
            objects=tuple(o["id"] for o in room.get("objects", ())),
            exits=tuple(e["id"] for e in room.get("exits", ())))

    quiz = None
    if "quiz" in data or genre == "quiz":
        raw_quiz = data.get("quiz", {})
        draw = raw_quiz.get("draw", {})
        questions = tuple(raw_quiz.get("questions") or [p["id"] for p in data.get("puzzles", ())])
        raw_puzzles = {p["id"]: p for p in data.get("puzzles", ())}
        themes, levels = draw.get("themes"), draw.get("difficulty")
        pool = tuple(q for q in questions if q in raw_puzzles
                     and (not themes or raw_puzzles[q].get("theme") in themes)
                     and (not levels or raw_puzzles[q].get("difficulty", 1) in levels))
        quiz = QuizPlan(order=raw_quiz.get("order", "sequence"), questions=questions,
                        draw_count=draw.get("count"), pool=pool)
    challenge = data.get("challenge", {})
    teams = challenge.get("teams", {})
    audience, duration, players = data["audience"], data["duration"], data.get("players", {})
    story, timer, debrief = data.get("story", {}), data.get("timer"), data.get("debrief", {})
    state = data.get("state", {})

    return Game(
        id=data["id"], title=Text.of(data["title"], locale), summary=Text.of(data["summary"], locale),
        genre=genre, version=data["version"], folder=folder, content_hash=content_hash,
        age_min=audience["age_min"], age_max=audience["age_max"], level=audience.get("level", ""),
        duration_min=duration["min"], duration_max=duration["max"],
        players_min=players.get("min", 1), players_max=players.get("max", 1),
        players_mode=players.get("mode", "solo"), themes=tuple(data.get("themes", ())),
        locales=tuple(data.get("locales") or ["fr"]), licence=data["licence"],
        authors=tuple(frozen_map(a) for a in data.get("authors", ())),
        credits=text(data.get("credits")),
        review=tuple(frozen_map(r) for r in data.get("review", ())),
        story_intro=text(story.get("intro")), story_goal=text(story.get("goal")),
        story_how_to_play=text(story.get("how_to_play")),
        timer_minutes=timer["minutes"] if timer else None,
        timer_ending=timer.get("ending") if timer else None, hint_cost=hint_cost,
        flags=tuple(state.get("flags", ())), counters=frozen_map(state.get("counters", {})),
        skills=frozen_map({s["id"]: Skill(s["id"], Text.of(s["label"], locale),
                                          text(s.get("description"))) for s in data.get("skills", ())}),
        sources=frozen_map({s["id"]: Source(**s) for s in data.get("sources", ())}),
        items=frozen_map({i["id"]: Item(i["id"], Text.of(i["name"], locale), text(i.get("description")),
                                        i.get("icon"), i.get("document")) for i in data.get("items", ())}),
        documents=frozen_map({d["id"]: build_document(d, locale) for d in data.get("documents", ())}),
        puzzles=LazyMap({p["id"]: p for p in data.get("puzzles", ())},
                        lambda raw: _puzzle(raw, genre, points, hint_cost, locale)),
        rooms=frozen_map(rooms), objects=frozen_map(objects), exits=frozen_map(exits),
        start_room=data.get("start_room"),
        triggers=tuple(Trigger(t["id"], t["when"], _effects(t["effects"], locale))
                       for t in data.get("triggers", ())),
        endings=frozen_map({e["id"]: Ending(e["id"], Text.of(e["title"], locale),
                                            Text.of(e["text"], locale), e.get("success", True),
                                            e.get("when")) for e in data.get("endings", ())}),
        debrief_intro=text(debrief.get("intro")),
        methods=tuple(Method(m["id"], Text.of(m["title"], locale), Text.of(m["text"], locale),
                             tuple(m.get("puzzles", ())), tuple(m.get("sources", ())))
                      for m in debrief.get("methods", ())),
        facilitator=frozen_map(data.get("facilitator", {})), quiz=quiz,
        rounds=tuple(Round(r["id"], Text.of(r["title"], locale), tuple(r["puzzles"]),
                           text(r.get("intro")), r.get("time_limit_s"))
                     for r in challenge.get("rounds", ())),
        teams_min=teams.get("min", 1), teams_max=teams.get("max", 6 if challenge else 1))
