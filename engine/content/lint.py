"""Checks beyond the schema: ids, assets, answers, translations, and solvability.

Each rule is a function ``(context) -> None`` registered in ``RULES`` that adds located
findings. Errors make ``sesame check`` fail; warnings point at what a careful author
would fix (a question without explanation, a text too long for a screen).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..core import puzzles as ptypes
from ..core.expr import Name, parse, walk
from ..core.solver import Exploration, explore
from .assets import Refused, art_names, image_info, image_limit, image_names, is_art, read
from .diagnostics import Diagnostic, Severity
from .loader import Loaded
from .schema import ID_SOURCES, kind_name
from .schema import walk as walk_schema
from .suggest import did_you_mean

ASSET_WARN_BYTES = 2_000_000
PROMPT_MAX_CHARS = 400
LONG_TEXT_MAX_CHARS = 1200


@dataclass
class Context:
    loaded: Loaded
    solve: bool
    findings: list[Diagnostic] = field(default_factory=list)
    exploration: Exploration | None = None

    @property
    def data(self) -> dict[str, Any]:
        return self.loaded.data

    @property
    def game(self):
        return self.loaded.game

    def add(self, path: tuple[Any, ...], message: str, code: str,
            severity: Severity = Severity.ERROR, on_key: bool = False) -> None:
        self.findings.append(self.loaded.origins.diagnostic(path, message, code, severity, on_key))

    @cached_property
    def fields(self) -> list[tuple[tuple[Any, ...], Any, str]]:
        """Every value whose schema is one of ours (texts, images…), found once per lint."""
        return list(walk_schema(self.data))

    def warn(self, path: tuple[Any, ...], message: str, code: str) -> None:
        self.add(path, message, code, Severity.WARNING)



def elements(data: Any, kind: str) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
    """(path, element) for every element of ``kind`` (see schema.ID_SOURCES)."""
    for keys in ID_SOURCES[kind]:
        yield from _walk_lists(data, keys, ())


def _walk_lists(node: Any, keys: tuple[str, ...], prefix: tuple[Any, ...]):
    if not keys or not isinstance(node, dict):
        return
    value = node.get(keys[0])
    if isinstance(value, dict) and len(keys) > 1:  # challenge -> rounds
        yield from _walk_lists(value, keys[1:], prefix + (keys[0],))
        return
    if not isinstance(value, list):
        return
    for index, element in enumerate(value):
        if not isinstance(element, dict):
            continue
        here = prefix + (keys[0], index)
        if len(keys) == 1:
            yield here, element
        else:
            yield from _walk_lists(element, keys[1:], here)


def _texts(ctx: Context) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every player-visible text (a string or a {locale: string} map), as the schema says."""
    for path, value, ref in ctx.fields:
        if ref == "#/$defs/text":
            yield path, value


RULES: list[Callable[[Context], None]] = []


def rule(function: Callable[[Context], None]) -> Callable[[Context], None]:
    RULES.append(function)
    return function


@rule
def duplicate_ids(ctx: Context) -> None:
    from ..i18n import _

    for kind in ("puzzle", "document", "item", "room", "lockable", "ending", "skill", "source",
                 "trigger", "round"):
        seen: dict[str, tuple[Any, ...]] = {}
        for path, element in elements(ctx.data, kind):
            ident = element.get("id")
            if not isinstance(ident, str):
                continue  # the schema step says what is wrong with it
            if ident in seen:
                first = ctx.loaded.origins.where(seen[ident])
                ctx.add(path + ("id",), _("identifiant « {id} » déjà pris par {kind} ({file} ligne "
                                          "{line}) : chaque identifiant est unique")
                        .format(id=ident, kind=kind_name(kind), file=first[0], line=first[1]),
                        "lint.duplicate_id")
            else:
                seen[ident] = path


@rule
def ranges(ctx: Context) -> None:
    from ..i18n import _

    for key, low, high in (("audience", "age_min", "age_max"), ("duration", "min", "max"),
                           ("players", "min", "max")):
        block = ctx.data.get(key) or {}
        if block.get(low, 0) > block.get(high, 10**9):
            ctx.add((key, low), _("« {low} » est plus grand que « {high} »").format(low=low, high=high),
                    "lint.range")
    teams = (ctx.data.get("challenge") or {}).get("teams") or {}
    if teams.get("min", 1) > teams.get("max", 12):
        ctx.add(("challenge", "teams", "min"), _("« min » est plus grand que « max »"), "lint.range")


@rule
def assets(ctx: Context) -> None:
    """Every picture through the same resolver and limits as the player (assets.py)."""
    from ..i18n import _

    folder: Path = ctx.game.folder
    checked: dict[str, tuple[str, str] | None] = {}
    for path, value in _asset_fields(ctx):
        if value not in checked:
            checked[value] = _asset_problem(folder, value)
        problem = checked[value]
        if problem is None:
            continue
        code, reason = problem
        if code == "big":
            ctx.warn(path, _("l’image « {file} » pèse plus de {mb} Mo : réduisez-la pour que le jeu "
                             "reste léger").format(file=value, mb=ASSET_WARN_BYTES // 1_000_000),
                     "lint.asset_large")
        elif code == "missing" and is_art(value):
            ctx.add(path, reason + did_you_mean(value, art_names()), "lint.asset")
        elif code == "missing":
            ctx.add(path, _("image « {file} » introuvable dans le dossier du jeu").format(file=value)
                    + did_you_mean(value, image_names(folder)), "lint.asset")
        else:
            ctx.add(path, reason, "lint.asset")


@rule
def asset_licences(ctx: Context) -> None:
    """Every picture of the game's folder has its author and licence in
    ``asset_credits`` (game.yaml): a game is shared between structures, so its pictures
    must be reusable. The art library (``art:…``) carries its own credits."""
    from fnmatch import fnmatchcase

    from ..i18n import _

    patterns = [c.get("files", "") for c in ctx.data.get("asset_credits") or () if isinstance(c, dict)]
    warned: set[str] = set()
    for path, value in _asset_fields(ctx):
        if is_art(value) or value in warned or any(fnmatchcase(value, p) for p in patterns):
            continue
        if (_asset_problem(ctx.game.folder, value) or ("big", ""))[0] != "big":
            continue  # a picture that is missing or refused has its error already
        warned.add(value)
        ctx.warn(path, _("l’image « {file} » n’a pas de licence enregistrée : ajoutez dans game.yaml, "
                         "sous asset_credits, qui l’a faite et sous quelle licence (par exemple "
                         "files: {file}, author: …, licence: CC-BY-4.0)").format(file=value),
                 "lint.asset_licence")


def _asset_fields(ctx: Context) -> Iterator[tuple[tuple[Any, ...], str]]:
    for path, value, ref in ctx.fields:
        if ref == "#/$defs/asset" and isinstance(value, str):
            yield path, value


def _asset_problem(folder: Path, name: str) -> tuple[str, str] | None:
    """(code, reason) when the player would refuse the picture, ("big", "") when it is
    merely heavy, None when it is fine."""
    try:
        data = read(folder, name, image_limit(name))
        image_info(name, data)
    except Refused as refused:
        return refused.code, refused.reason
    return ("big", "") if len(data) > ASSET_WARN_BYTES else None


@rule
def answers(ctx: Context) -> None:
    from ..i18n import _

    for path, raw in elements(ctx.data, "puzzle"):
        puzzle = ctx.game.puzzles.get(raw["id"])
        if puzzle is None:
            continue
        for problem in ptypes.get(puzzle.type).problems(puzzle.spec):
            ctx.add(path, _("énigme « {id} » : {problem}").format(id=puzzle.id, problem=problem),
                    "lint.answer")
        named = ptypes.get(puzzle.type).document_parts
        if named is not None and puzzle.document in ctx.game.documents:
            parts = ctx.game.documents[puzzle.document].parts
            for index, part in enumerate(named(puzzle.spec)):
                if part not in parts:
                    ctx.add(path + ("parts", index), _(
                        "le document « {doc} » n’a pas de partie « {part} » (parties : {parts})").format(
                        doc=puzzle.document, part=part, parts=", ".join(parts)) + did_you_mean(part, parts),
                        "lint.spot_part")


@rule
def explanations(ctx: Context) -> None:
    from ..i18n import _

    puzzles = list(elements(ctx.data, "puzzle"))
    # When no puzzle of the game has one (a question bank imported from Moodle), one
    # warning for the game says it better than one per question.
    unexplained = [(path, raw) for path, raw in puzzles if "explanation" not in raw]
    if len(unexplained) > 1 and len(unexplained) == len(puzzles):
        ctx.add(("puzzles",), _("aucune des {n} énigmes n’a d’explication : ajoutez à chacune "
                                "« explanation », pourquoi la réponse est juste").format(n=len(puzzles)),
                "lint.no_explanation", Severity.WARNING, on_key=True)
        unexplained = []
    for path, raw in unexplained:
        ctx.warn(path, _("énigme « {id} » sans explication : dites pourquoi la réponse est juste")
                 .format(id=raw["id"]), "lint.no_explanation")
    unsourced = [(path, raw) for path, raw in puzzles if not raw.get("sources")]
    if len(unsourced) > 1 and len(unsourced) == len(puzzles):
        ctx.add(("puzzles",), _("aucune des {n} énigmes ne cite de source : déclarez-les sous « sources » "
                                "et citez-les dans chaque énigme").format(n=len(puzzles)), "lint.no_source",
                Severity.WARNING, on_key=True)
        unsourced = []
    for path, raw in unsourced:
        ctx.warn(path, _("énigme « {id} » sans source : citez d’où vient ce qu’elle affirme")
                 .format(id=raw["id"]), "lint.no_source")
    for path, raw in puzzles:
        if ctx.game.genre == "escape" and not raw.get("hints"):
            ctx.warn(path, _("énigme « {id} » sans indice : une équipe bloquée n’aura pas d’aide")
                     .format(id=raw["id"]), "lint.no_hint")


@rule
def text_lengths(ctx: Context) -> None:
    from ..i18n import _

    for path, value in _texts(ctx):
        texts = value.values() if isinstance(value, dict) else [value]
        longest = max((len(t) for t in texts), default=0)
        limit = PROMPT_MAX_CHARS if path[-1:] in (("prompt",), ("text",)) and path[:1] == ("puzzles",) \
            else LONG_TEXT_MAX_CHARS
        if longest > limit:
            ctx.warn(path, _("texte de {n} caractères, sans doute trop long pour un écran "
                             "(au plus {max}) : coupez-le ou répartissez-le").format(n=longest, max=limit),
                     "lint.long_text")


# Characters the bundled fonts cannot draw: emoji and pictographs (the fallback font
# has arrows and common symbols). Pure ranges: the content layer reads no font file.
_UNDRAWABLE = re.compile("[\U0001F000-\U0001FAFF\uFE0F]")


@rule
def undrawable(ctx: Context) -> None:
    from ..i18n import _

    for path, value in _texts(ctx):
        texts = value.values() if isinstance(value, dict) else [value]
        found = sorted({c for t in texts for c in _UNDRAWABLE.findall(t)})
        if found:
            ctx.warn(path, _("caractère(s) que Sésame ne peut pas afficher : {chars} ; remplacez-les par "
                             "des mots").format(chars=" ".join(found)), "lint.undrawable")


@rule
def translations(ctx: Context) -> None:
    from ..i18n import _

    locales = ctx.game.locales
    default = locales[0]
    for path, value in _texts(ctx):
        if not isinstance(value, dict):
            if len(locales) > 1:
                ctx.warn(path, _("texte sans traduction : ce jeu annonce les langues {langs}").format(
                    langs=", ".join(locales)), "lint.translation")
            continue
        if default not in value:
            ctx.add(path, _("texte sans version « {lang} », la langue principale du jeu").format(
                lang=default), "lint.translation")
        missing = [lang for lang in locales if lang not in value]
        if missing and default in value:
            ctx.warn(path, _("traduction manquante : {langs}").format(langs=", ".join(missing)),
                     "lint.translation")


@rule
def usage(ctx: Context) -> None:
    """Declared things nobody uses: probably a typo or a forgotten piece."""
    from ..i18n import _

    game = ctx.game
    conditions = _conditions(ctx.data)
    names = {n.name for text in conditions for n in walk(parse(text)) if isinstance(n, Name)}
    for index, flag in enumerate(game.flags):
        if flag not in names:
            ctx.warn(("state", "flags", index), _("le drapeau « {flag} » n’est lu par aucune condition")
                     .format(flag=flag), "lint.unused")
    if game.genre == "escape":
        used_docs = {o.document for o in game.objects.values()} | {i.document for i in game.items.values()} \
            | {p.document for p in game.puzzles.values()}
        for path, raw in elements(ctx.data, "document"):
            if raw["id"] not in used_docs:
                ctx.warn(path, _("le document « {id} » n’est montré nulle part").format(id=raw["id"]),
                         "lint.unused")
        reachable = {o.puzzle for o in game.objects.values()} | {x.lock for x in
                                                                (*game.objects.values(), *game.exits.values())}
        for path, raw in elements(ctx.data, "puzzle"):
            if raw["id"] not in reachable:
                ctx.add(path, _("l’énigme « {id} » n’est proposée par aucun objet ni cadenas : "
                                "ajoutez « puzzle: {id} » à un objet").format(id=raw["id"]),
                        "lint.unused_puzzle")
    else:
        in_play = set(game.quiz.questions) if game.quiz else {p for r in game.rounds for p in r.puzzles}
        for path, raw in elements(ctx.data, "puzzle"):
            if raw["id"] not in in_play:
                ctx.warn(path, _("l’énigme « {id} » n’est dans aucune liste de questions").format(
                    id=raw["id"]), "lint.unused")


def _conditions(node: Any) -> list[str]:
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("visible", "requires", "when") and isinstance(value, str):
                found.append(value)
            else:
                found.extend(_conditions(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_conditions(value))
    return found


@rule
def plans(ctx: Context) -> None:
    from ..i18n import _

    game = ctx.game
    if game.quiz and game.quiz.order == "bank":
        if game.quiz.draw_count is None:
            ctx.add(("quiz",), _("un quiz « bank » demande « draw: {count: …} »"), "lint.quiz")
        else:
            pool = game.quiz.pool
            if len(pool) < game.quiz.draw_count:
                ctx.add(("quiz", "draw", "count"), _(
                    "le tirage demande {count} questions mais seules {n} répondent aux critères")
                    .format(count=game.quiz.draw_count, n=len(pool)), "lint.quiz")
    seen: set[str] = set()
    lists: list[tuple[tuple[str | int, ...], Any]] = [(("quiz", "questions"), game.quiz.questions)] if game.quiz else []
    lists += [(("challenge", "rounds", i, "puzzles"), r.puzzles) for i, r in enumerate(game.rounds)]
    for path, ids in lists:
        for index, ident in enumerate(ids):
            if ident in seen:
                ctx.add(path + (index,), _("la question « {id} » est posée deux fois").format(id=ident),
                        "lint.duplicate_question")
            seen.add(ident)
    if game.genre == "escape" and not any(e.success for e in game.endings.values()):
        ctx.add(("endings",), _("aucune fin n’est une réussite (success: true)"), "lint.ending")


@rule
def solvable(ctx: Context) -> None:
    """Search the game's states: prove an ending is reachable, and find what never is."""
    from ..i18n import _

    if not ctx.solve:
        return
    found = explore(ctx.game)
    ctx.exploration = found
    if found.solution is None:
        if found.complete:
            ctx.add((), _("aucune fin gagnante ne peut être atteinte : le jeu ne peut pas être "
                          "fini (vérifiez les conditions et les cadenas)"), "lint.unsolvable")
        else:
            ctx.warn((), _("exploration arrêtée après {n} états sans trouver de fin : le jeu est "
                           "peut-être trop ouvert pour être vérifié").format(n=found.states),
                     "lint.incomplete")
        if not found.complete:
            return
    if not found.complete or ctx.game.genre != "escape":
        return
    for path, raw in elements(ctx.data, "room"):
        if raw["id"] not in found.rooms:
            ctx.add(path, _("on ne peut jamais entrer dans la salle « {id} »").format(id=raw["id"]),
                    "lint.unreachable_room")
    for path, raw in elements(ctx.data, "item"):
        if raw["id"] not in found.items:
            ctx.add(path, _("l’objet « {id} » ne peut jamais être obtenu").format(id=raw["id"]),
                    "lint.unobtainable_item")
    for path, raw in elements(ctx.data, "lockable"):
        gated = raw.get("lock") or raw.get("requires")
        if gated and raw["id"] not in found.opened and _room_of(ctx, path) in found.rooms:
            ctx.add(path, _("« {id} » ne s’ouvre jamais : sa condition ou son cadenas ne peut pas "
                            "être rempli").format(id=raw["id"]), "lint.never_opens")
    for path, raw in elements(ctx.data, "puzzle"):
        if raw["id"] not in found.solved and raw["id"] in found.revealed:
            ctx.add(path, _("l’énigme « {id} » ne peut jamais être résolue").format(id=raw["id"]),
                    "lint.unsolvable_puzzle")


@rule
def walkthrough(ctx: Context) -> None:
    """The game's walkthrough still plays against it, so the guide never meets a stale one."""
    from ..replay import check_walkthrough

    ctx.findings.extend(check_walkthrough(ctx.game))


def _room_of(ctx: Context, path: tuple[Any, ...]) -> str:
    rooms = ctx.data.get("rooms") or []
    return rooms[path[1]].get("id", "") if len(path) > 1 and path[1] < len(rooms) else ""


def lint(loaded: Loaded, solve: bool = True) -> tuple[list[Diagnostic], Exploration | None]:
    ctx = Context(loaded, solve)
    for check in RULES:
        check(ctx)
    return ctx.findings, ctx.exploration
