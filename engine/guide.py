"""The facilitator's guide: one self-contained HTML page, printable on A4, generated
from a game's data, so that a librarian with no scientific training can run a session.

It holds what the facilitator needs and the players must not see: the solution step
by step (the game's walkthrough, or the shortest solution found by the solver), the
answer of every puzzle with its explanation, hints and sources, then the debrief, the
questions for the debate and the sources. Nothing is fetched from the network.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from .content.diagnostics import ContentError
from .core import commands as cmd
from .core import puzzles as ptypes
from .core.model import Game, Puzzle, Source, Text
from .core.solver import explore
from .core.text import french
from .i18n import _
from .replay import check_walkthrough, game_walkthrough

STYLE = """
body { font-family: "Atkinson Hyperlegible", Verdana, sans-serif; font-size: 12pt; line-height: 1.45;
       color: #18202f; max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 22pt; margin-bottom: .2em; } h2 { font-size: 16pt; border-bottom: 2px solid #1a5c8a;
     margin-top: 1.6em; } h3 { font-size: 13pt; margin: 1.2em 0 .3em; }
.facts, .note { color: #4a5468; } .warning { border: 2px solid #c4601e; padding: .5em .8em; }
.answer { background: #eef1f5; border-left: 5px solid #1e7848; padding: .4em .8em; }
ol.steps li { margin: .2em 0; } .puzzle { page-break-inside: avoid; break-inside: avoid; }
.sources { font-size: 10.5pt; }
@page { size: A4; margin: 18mm 16mm; }
@media print { body { margin: 0; max-width: none; } h2 { break-before: page; } h2.first { break-before: auto; }
               a { color: inherit; text-decoration: none; } }
"""

TYPE_NAMES = {
    "single": "choix unique", "multiple": "choix multiple", "truefalse": "vrai ou faux",
    "text": "réponse libre", "number": "nombre", "code": "cadenas à code", "directions": "cadenas à flèches",
    "order": "remise en ordre", "match": "association par paires", "categories": "tri en catégories",
    "hotspot": "zone à trouver sur une image", "spot": "indice à repérer dans un document",
}


def _t(text: Text | str | None, locale: str) -> str:
    if text is None:
        return ""
    raw = text.get(locale) if isinstance(text, Text) else str(text)
    return escape(french(raw) if locale.startswith("fr") else raw)


def _paragraphs(text: Text | str | None, locale: str) -> str:
    return "".join(f"<p>{p}</p>" for p in _t(text, locale).split("\n") if p.strip())


def _source(source: Source) -> str:
    parts = [f"<strong>{escape(source.title)}</strong>"]
    parts += [escape(x) for x in (source.publisher, source.section, source.date) if x]
    line = ", ".join(parts)
    if source.url:
        line += f" — {escape(source.url)}"
    if source.note:
        line += f"<br><span class='note'>{escape(source.note)}</span>"
    return line


def _solution(game: Game) -> tuple[list[cmd.Command], str]:
    """The actions that solve the game: its walkthrough when it still plays to a winning
    ending against this version of the game (what ``sesame check`` verifies), else the
    solver's; with a note for the facilitator when a stale walkthrough was set aside."""
    try:
        walkthrough = game_walkthrough(game.folder)
    except ContentError:
        walkthrough = None
        stale = True
    else:
        stale = walkthrough is not None and bool(check_walkthrough(game))
    if walkthrough is not None and not stale:
        return [c for _line, c in walkthrough.commands if c is not None], ""
    note = _("Le parcours fourni avec le jeu (walkthrough.yaml) ne correspond plus au jeu : voici la "
             "solution trouvée par Sésame. « sesame check » dit ce qui est à corriger.") if stale else ""
    return list(explore(game).solution or []), note


def _solution_steps(game: Game, commands: list[cmd.Command], locale: str) -> list[str]:
    """The actions that solve the game, in words."""
    steps = []
    for command in commands:
        if isinstance(command, cmd.Inspect):
            steps.append(_("Examiner « {x} ».").format(x=_t(game.objects[command.object].label, locale)))
        elif isinstance(command, cmd.Go):
            exit_ = game.exits[command.exit]
            steps.append(_("Passer par « {x} » vers « {room} ».").format(
                x=_t(exit_.label, locale), room=_t(game.rooms[exit_.to].title, locale)))
        elif isinstance(command, cmd.Use):
            steps.append(_("Utiliser « {item} » sur « {x} ».").format(
                item=_t(game.items[command.item].name, locale), x=_t(game.objects[command.target].label, locale)))
        elif isinstance(command, cmd.Examine):
            steps.append(_("Lire « {item} » dans l’inventaire.").format(item=_t(game.items[command.item].name, locale)))
        elif isinstance(command, cmd.Answer):
            puzzle = game.puzzles[command.puzzle]
            steps.append(_("Répondre à « {p} » : {a}").format(
                p=escape(puzzle.label(locale)), a=_answer(puzzle, locale)))
    return steps


def _answer(puzzle: Puzzle, locale: str) -> str:
    return f"<strong>{escape(ptypes.get(puzzle.type).describe(puzzle.spec, locale))}</strong>"


def _puzzle(game: Game, puzzle: Puzzle, number: int, locale: str) -> str:
    out = [f"<div class='puzzle'><h3>{number}. {escape(puzzle.label(locale))}</h3>",
           f"<p class='facts'>{escape(TYPE_NAMES.get(puzzle.type, puzzle.type))}"
           + (f" · {puzzle.points} points" if puzzle.points else "") + "</p>",
           _paragraphs(puzzle.prompt, locale)]
    if puzzle.document and puzzle.document in game.documents:
        document = game.documents[puzzle.document]
        title = _t(document.title, locale) or escape(document.id)
        out.append("<p class='facts'>" + _("Document montré") + f" : {title}</p>")
    out.append("<div class='answer'>" + _("Réponse") + f" : {_answer(puzzle, locale)}"
               f"{_paragraphs(puzzle.explanation, locale)}</div>")
    if puzzle.hints:
        hints = "".join(f"<li>{_t(h.text, locale)}</li>" for h in puzzle.hints)
        out.append("<p>" + _("Indices, dans l’ordre") + f" :</p><ol>{hints}</ol>")
    sources = [game.sources[s] for s in puzzle.sources if s in game.sources]
    if sources:
        out.append("<p class='sources'>" + _("Sources") + " : " + " ; ".join(_source(s) for s in sources) + "</p>")
    out.append("</div>")
    return "".join(out)


def _order(game: Game, commands: list[cmd.Command]) -> list[Puzzle]:
    """Puzzles in the order they are met: rounds, the quiz list, or the solution."""
    if game.rounds:
        ids = [p for r in game.rounds for p in r.puzzles]
    elif game.quiz is not None:
        ids = list(game.quiz.questions)
    else:
        ids = [c.puzzle for c in commands if isinstance(c, cmd.Answer)]
    ids += [p for p in game.puzzles if p not in ids]
    return [game.puzzles[p] for p in dict.fromkeys(ids)]  # each once, where first met


def _debate(item: object, locale: str, game_locale: str) -> str:
    """One debate question: a text, or a question with the key points to expect."""
    if isinstance(item, dict) and "question" in item:
        out = _t(Text.of(item["question"], game_locale), locale)
        if item.get("expect"):
            out += ("<br><span class='note'>" + _("À faire émerger :") + " "
                    + _t(Text.of(item["expect"], game_locale), locale) + "</span>")
        return out
    return _t(Text.of(item, game_locale), locale)


def _facilitator_extras(game: Game, locale: str) -> list[str]:
    """The debate, the advice, the glossary, newer figures, real contacts and the review:
    all from the game's data (``facilitator`` and ``review``)."""
    facilitator, html = game.facilitator, []

    def text(raw: object) -> str:
        return _paragraphs(Text.of(raw, game.locale), locale)

    debate = facilitator.get("debate") or []
    if debate:
        questions = "".join(f"<li>{_debate(q, locale, game.locale)}</li>" for q in debate)
        html.append("<h3>" + _("Questions pour lancer le débat") + f"</h3><ol>{questions}</ol>")
    if facilitator.get("notes"):
        html.append("<h3>" + _("Conseils") + f"</h3>{text(facilitator['notes'])}")
    glossary = facilitator.get("glossary") or []
    if glossary:
        terms = "".join(f"<dt><strong>{_t(Text.of(g['term'], game.locale), locale)}</strong></dt>"
                        f"<dd>{_t(Text.of(g['definition'], game.locale), locale)}</dd>" for g in glossary)
        html.append("<h3>" + _("Petit glossaire") + f"</h3><dl>{terms}</dl>")
    if facilitator.get("newer_figures"):
        html.append("<h3>" + _("Où trouver des chiffres plus récents") + f"</h3>{text(facilitator['newer_figures'])}")
    contacts = facilitator.get("contacts") or []
    if contacts:
        items = "".join(f"<li><strong>{escape(c['name'])}</strong> — {_t(Text.of(c['what'], game.locale), locale)}</li>"
                        for c in contacts)
        html.append("<h3>" + _("Pour aller plus loin : des interlocuteurs réels") + f"</h3><ul>{items}</ul>")
    if game.review:
        reviews = "".join("<li>" + ", ".join(escape(str(r[k])) for k in ("reviewer", "role", "date", "scope") if r.get(k))
                          + "</li>" for r in game.review)
        html.append("<h3>" + _("Relecture du contenu") + f"</h3><ul>{reviews}</ul>")
    return html


def render(game: Game, locale: str = "fr") -> str:
    facilitator = game.facilitator
    html = [f"<!doctype html><html lang='{locale}'><head><meta charset='utf-8'>",
            "<title>" + _("Guide d’animation") + f" — {_t(game.title, locale)}</title><style>{STYLE}</style></head><body>",
            f"<h1>{_t(game.title, locale)}</h1>",
            "<p class='facts'>" + _("Guide d’animation") + f" · {escape(game.genre)} · "
            f"{game.duration_min}–{game.duration_max} min · {game.age_min}–{game.age_max} "
            f"" + _("ans") + " · " + _("version") + f" {escape(game.version)} · {escape(game.licence)}</p>",
            "<p class='warning'>" + _("Ce document contient toutes les solutions : gardez-le hors de la vue "
                                      "des joueuses et des joueurs.") + "</p>",
            _paragraphs(game.summary, locale),
            "<h2 class='first'>" + _("Avant la séance") + "</h2>"]
    if facilitator.get("preparation"):
        html.append(_paragraphs(Text.of(facilitator["preparation"], game.locale), locale))
    if game.timer_minutes:
        countdown = _("Compte à rebours : {n} minutes ; il peut être allongé (× 1,33 ou × 1,5) ou "
                      "désactivé dans les réglages.").format(n=round(game.timer_minutes))
        html.append(f"<p>{countdown}</p>")
    for label, text in ((_("L’histoire racontée aux joueuses et joueurs"), game.story_intro),
                        (_("Leur mission"), game.story_goal), (_("Comment on joue"), game.story_how_to_play)):
        if text is not None:
            html.append(f"<h3>{label}</h3>{_paragraphs(text, locale)}")
    commands, note = _solution(game) if game.genre == "escape" else ([], "")
    if game.genre == "escape":
        steps = "".join(f"<li>{s}</li>" for s in _solution_steps(game, commands, locale))
        html.append("<h2>" + _("La solution pas à pas") + "</h2>"
                    + (f"<p class='warning'>{escape(note)}</p>" if note else "") + f"<ol class='steps'>{steps}</ol>")
    if game.rounds:
        rounds = "".join(f"<li><strong>{_t(r.title, locale)}</strong>"
                         + (f" — {r.time_limit_s // 60} min {r.time_limit_s % 60:02d} s" if r.time_limit_s else "")
                         + "</li>" for r in game.rounds)
        html.append("<h2>" + _("Les manches") + f"</h2><ol>{rounds}</ol>")
    html.append("<h2>" + _("Les énigmes, leurs réponses et pourquoi") + "</h2>")
    html += [_puzzle(game, p, n, locale) for n, p in enumerate(_order(game, commands), 1)]
    html.append("<h2>" + _("Après la partie : le débriefing") + "</h2>")
    html.append(_paragraphs(game.debrief_intro, locale))
    for method in game.methods:
        html.append(f"<h3>{_t(method.title, locale)}</h3>{_paragraphs(method.text, locale)}")
    html += _facilitator_extras(game, locale)
    if game.sources:
        items = "".join(f"<li>{_source(s)}</li>" for s in game.sources.values())
        html.append("<h2>" + _("Sources") + f"</h2><ol class='sources'>{items}</ol>")
    if game.credits:
        html.append("<h3>" + _("Crédits") + f"</h3>{_paragraphs(game.credits, locale)}")
    html.append("</body></html>")
    return "\n".join(html)


def write(game: Game, folder: Path, locale: str = "fr") -> Path:
    from .storage import write_atomic

    path = folder / f"guide-{game.id}.html"
    write_atomic(path, render(game, locale))
    return path
