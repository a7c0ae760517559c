"""Walkthroughs: the list of actions that solves a game, replayed through the rules.

A walkthrough (``walkthrough.yaml`` in the game's folder) is plain YAML::

    seed: 1                 # optional: the draw of a question bank
    teams: [Bleus, Verts]   # optional: a challenge's teams
    step_s: 20              # optional: seconds each step takes (default 20)
    steps:
      - inspect: coffre
      - answer: code_coffre
        value: "1945"
      - use: cle
        on: porte
      - go: porte
      - hint: code_coffre
      - wait: 60            # let time pass
      - next:
    expect: {ending: victoire}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content import assets
from .content.diagnostics import ContentError, Diagnostic
from .content.suggest import did_you_mean
from .content.yamlread import MAX_FILE_BYTES, YamlError, locate, read_file
from .core import commands as cmd
from .core import events as ev
from .core.model import Game
from .core.rules import Options, Rules
from .core.scoring import score
from .core.state import State

WALKTHROUGH = "walkthrough.yaml"
_VERBS = ("inspect", "go", "use", "examine", "answer", "hint", "skip", "next", "wait")


@dataclass(frozen=True)
class Walkthrough:
    commands: tuple[tuple[tuple[int, int], cmd.Command | None], ...]  # None: only waits
    options: Options
    expect_ending: str | None
    file: str


@dataclass
class ReplayResult:
    ending: str | None
    success: bool
    score: int
    max_score: int
    steps: int
    state: State
    events: list[ev.Event] = field(default_factory=list)
    problem: Diagnostic | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None and self.ending is not None and self.success


def read_walkthrough(path: Path, name: str | None = None) -> Walkthrough:
    """Parse a walkthrough file; raises ContentError with every located problem.
    ``name`` is the file's name in messages (``path``'s by default)."""
    from .i18n import _

    name = name or path.name
    try:
        data = read_file(path, name).data
    except YamlError as error:
        raise ContentError([error.diagnostic]) from None
    text = path.read_text(encoding="utf-8-sig")
    problems: list[Diagnostic] = []

    def problem(where: tuple[Any, ...], message: str) -> None:
        problems.append(Diagnostic(name, *locate(text, where), message, code="walkthrough"))

    if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
        raise ContentError([Diagnostic(name, 1, 1, _(
            "un parcours contient « steps: » suivi de la liste des actions"), code="walkthrough")])
    for key, kinds in (("step_s", (int, float)), ("time_factor", (int, float)), ("seed", (int,)),
                       ("teams", (list,)), ("expect", (dict,))):
        if key in data and (not isinstance(data[key], kinds) or isinstance(data[key], bool)):
            problem((key,), _("« {key} » n’a pas la forme attendue (voir engine/replay.py)").format(key=key))
    if problems:
        raise ContentError(problems)
    step_s = data.get("step_s", 20)
    t = 0.0
    out: list[tuple[tuple[int, int], cmd.Command | None]] = []
    for index, step in enumerate(data["steps"]):
        where = ("steps", index)
        line = locate(text, where)
        verbs = [k for k in step if k in _VERBS] if isinstance(step, dict) else []
        if len(verbs) != 1:
            problem(where, _("chaque étape a une seule action parmi : {verbs}").format(
                verbs=", ".join(_VERBS)))
            continue
        verb = verbs[0]
        arg = step[verb]
        if verb == "wait":
            if not isinstance(arg, (int, float)) or arg < 0:
                problem(where + (verb,), _("« wait » attend un nombre de secondes"))
                continue
            t += arg
            out.append((line, None))
            continue
        t += step_s
        if verb != "next" and not isinstance(arg, str):
            problem(where + (verb,), _("« {verb} » attend un identifiant").format(verb=verb))
            continue
        if verb == "inspect":
            command: cmd.Command = cmd.Inspect(t, arg)
        elif verb == "go":
            command = cmd.Go(t, arg)
        elif verb == "examine":
            command = cmd.Examine(t, arg)
        elif verb == "use":
            # YAML 1.1 reads an unquoted « on: » key as true (« True » here): accept both.
            command = cmd.Use(t, arg, str(step.get("on", step.get("True", ""))))
        elif verb == "answer":
            if "value" not in step:
                problem(where, _("« answer » demande aussi « value: » (la réponse donnée)"))
                continue
            command = cmd.Answer(t, arg, step["value"])
        elif verb == "hint":
            command = cmd.Hint(t, arg)
        elif verb == "skip":
            command = cmd.Skip(t, arg, bool(step.get("forced", False)))
        else:
            command = cmd.Next(t)
        out.append((line, command))
    if problems:
        raise ContentError(problems)
    expect = data.get("expect") or {}
    teams = tuple(str(team) for team in data.get("teams") or ())
    options = Options(seed=int(data.get("seed", 0)), teams=teams,
                      time_factor=data.get("time_factor", 1.0))
    return Walkthrough(tuple(out), options, expect.get("ending"), name)


def replay(game: Game, walkthrough: Walkthrough) -> ReplayResult:
    """Play the walkthrough through the rules; stop at the first refused action."""
    from .i18n import _

    rules = Rules(game, walkthrough.options)
    state, log = rules.start()
    steps = 0
    problem = None
    for (line, col), command in walkthrough.commands:
        steps += 1
        if command is None:
            continue
        state, events = rules.apply(state, command)
        log.extend(events)
        refused = next((e for e in events if isinstance(e, ev.Refused)), None)
        if refused is not None:
            problem = Diagnostic(walkthrough.file, line, col, _(
                "étape {n} : l’action « {action} » est refusée : {reason}").format(
                n=steps, action=command.name, reason=refused.describe(game.locale)),
                code="walkthrough.refused")
            break
        if state.ending is not None:
            break
    ending = game.endings.get(state.ending or "")
    final = score(game, state)
    if problem is None and walkthrough.expect_ending and state.ending != walkthrough.expect_ending:
        problem = Diagnostic(walkthrough.file, 0, 0, _(
            "le parcours devait finir sur « {expected} » mais finit sur « {found} »").format(
            expected=walkthrough.expect_ending, found=state.ending or _("aucune fin")),
            code="walkthrough.ending")
    return ReplayResult(state.ending, ending.success if ending else state.ending is not None,
                        final.points, final.max_points, steps, state, log, problem)


def game_walkthrough(folder: Path) -> Walkthrough | None:
    """The ``walkthrough.yaml`` of the game in ``folder``, read through the resolver
    (inside the folder, a regular file, bounded); None when the game has none. Raises
    ContentError when it is refused or cannot be read."""
    try:
        path = assets.regular_file(folder, WALKTHROUGH, MAX_FILE_BYTES)
    except assets.Refused as refused:
        if refused.code == "missing":
            return None
        raise ContentError([Diagnostic(WALKTHROUGH, 0, 0, refused.reason,
                                       code=f"walkthrough.{refused.code}")]) from None
    return read_walkthrough(path, WALKTHROUGH)


def references(command: cmd.Command | None) -> list[tuple[str, str]]:
    """The (kind, id) pairs a command names: what must exist in the game for it."""
    if isinstance(command, cmd.Inspect):
        return [("object", command.object)]
    if isinstance(command, cmd.Go):
        return [("exit", command.exit)]
    if isinstance(command, cmd.Use):
        return [("item", command.item), ("object", command.target)]
    if isinstance(command, cmd.Examine):
        return [("item", command.item)]
    if isinstance(command, (cmd.Answer, cmd.Hint, cmd.Skip)):
        return [("puzzle", command.puzzle)]
    return []


def check_walkthrough(game: Game) -> list[Diagnostic]:
    """What is wrong with the game's walkthrough, for ``sesame check``: it cannot be
    read, it names what the game no longer has (a renamed object), or it does not reach
    a winning ending. Empty when it is right, or when the game has none. ``sesame
    guide`` trusts a walkthrough only when this is empty."""
    from .content.schema import kind_name
    from .i18n import _

    try:
        walkthrough = game_walkthrough(game.folder)
    except ContentError as error:
        return list(error.diagnostics)
    if walkthrough is None:
        return []
    known = {"object": game.objects, "exit": game.exits, "item": game.items, "puzzle": game.puzzles}
    problems = []
    for number, ((line, col), command) in enumerate(walkthrough.commands, 1):
        for kind, ident in references(command):
            if ident not in known[kind]:
                problems.append(Diagnostic(walkthrough.file, line, col, _(
                    "étape {n} : « {id} » n’existe pas dans le jeu (il faut {kind}) : renommé ou retiré ? "
                    "Corrigez le parcours")
                    .format(n=number, kind=kind_name(kind), id=ident) + did_you_mean(ident, list(known[kind])),
                    code="walkthrough.unknown_id"))
    if problems:
        return problems
    result = replay(game, walkthrough)
    if result.problem is not None:
        return [result.problem]
    if not result.ok:
        return [Diagnostic(walkthrough.file, 0, 0, _(
            "le parcours n’atteint pas une fin gagnante (il finit sur « {ending} ») : complétez-le, "
            "« sesame guide » en tire la solution").format(ending=result.ending or _("aucune fin")),
            code="walkthrough.no_win")]
    return []
