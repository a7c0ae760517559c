"""The ``sesame`` command line (its commands are listed in the README, "Command line").

Exit codes: 0 success, 1 the content or the replay failed, 2 wrong usage.
Messages are in French unless ``--lang en``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .i18n import _, set_language

Command = Callable[[argparse.Namespace], int]


def _lazy(module: str, name: str) -> Command:
    """The command ``name`` of ``module``, imported when it runs: ``sesame check`` never
    loads the player, the editor or NumPy."""
    def run(args: argparse.Namespace) -> int:
        return int(getattr(importlib.import_module(module, __package__), name)(args))
    return run


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sesame", description=_("Sésame : escape games, quiz et défis pour les jeunes."))
    parser.add_argument("--version", action="version", version=f"Sésame {__version__}")
    parser.add_argument("--lang", choices=("fr", "en"), default=None,
                        help=_("langue des messages (fr par défaut)"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMANDE"))

    parser.set_defaults(func=_play)  # no command: the home screen
    play = commands.add_parser("play", help=_("joue un jeu (un dossier ou l’identifiant d’un jeu fourni)"))
    play.add_argument("game", metavar=_("JEU"))
    start = play.add_mutually_exclusive_group()
    start.add_argument("--room", metavar="ID",
                       help=_("commence dans cette salle (atteinte par le chemin le plus court)"))
    start.add_argument("--puzzle", metavar="ID",
                       help=_("commence devant cette énigme (atteinte par le chemin le plus court)"))
    for sub in (parser, play):
        sub.add_argument("--fullscreen", action="store_true", help=_("plein écran (F11 pour basculer)"))
        sub.add_argument("--size", default="1366x768", help=_("taille de la fenêtre, par exemple 1920x1080"))
        # Hidden: draw the first frame, print « first-frame » and quit (smoke tests of the
        # standalone build, start-time figures in bench/build_figures.py).
        sub.add_argument("--first-frame-and-exit", action="store_true", help=argparse.SUPPRESS)

    check = commands.add_parser("check", help=_("vérifie des jeux (format, cohérence, solvabilité)"))
    check.add_argument("paths", nargs="+", metavar=_("CHEMIN"), help=_("dossier de jeu ou game.yaml"))
    check.add_argument("--json", action="store_true", help=_("résultat en JSON pour les outils"))
    check.add_argument("--no-solve", action="store_true",
                       help=_("ne cherche pas de solution (plus rapide)"))
    check.set_defaults(func=_check)

    replay = commands.add_parser("replay", help=_("rejoue un parcours sans écran et donne la fin atteinte"))
    replay.add_argument("game", metavar=_("JEU"), help=_("dossier de jeu ou identifiant d’un jeu fourni"))
    replay.add_argument("walkthrough", metavar=_("PARCOURS"), nargs="?",
                        help=_("fichier du parcours (walkthrough.yaml du jeu par défaut)"))
    replay.add_argument("--json", action="store_true", help=_("résultat en JSON"))
    replay.set_defaults(func=_replay)

    guide = commands.add_parser("guide", help=_("écrit le guide d’animation imprimable d’un jeu (avec les solutions)"))
    guide.add_argument("game", metavar=_("JEU"), help=_("dossier de jeu ou identifiant d’un jeu fourni"))
    guide.add_argument("--out", default=".", metavar=_("DOSSIER"), help=_("dossier où écrire le guide"))
    guide.set_defaults(func=_guide)

    commands.add_parser("schema", help=_("affiche le schéma JSON du format de jeu")).set_defaults(func=_schema)
    commands.add_parser("bench", help=_("mesure les performances et les affiche en JSON")).set_defaults(func=_bench)

    report = commands.add_parser("report", help=_("construit la synthèse de classe à partir de fichiers de résultats"))
    report.add_argument("results", nargs="+", metavar=_("RÉSULTATS"),
                        help=_("fichiers de résultats, ou dossiers qui en contiennent"))
    report.add_argument("--out", required=True, metavar=_("DOSSIER"),
                        help=_("dossier où écrire synthese.csv, synthese.html et synthese.json"))
    report.add_argument("--attempt", choices=("first", "last", "best"), default="first",
                        help=_("tentative retenue pour un élève qui a joué plusieurs fois "
                               "(first : la première, par défaut ; last : la dernière ; best : la meilleure)"))
    report.add_argument("--game", metavar=_("IDENTIFIANT"),
                        help=_("identifiant du jeu à synthétiser quand les fichiers viennent de "
                               "plusieurs jeux (par défaut : celui qui a le plus de résultats)"))
    report.set_defaults(func=_report)
    pack = commands.add_parser("pack", help=_("écrit un jeu en un seul fichier .sesame à partager "
                                              "(après une vérification complète)"))
    pack.add_argument("game", metavar=_("JEU"), help=_("dossier de jeu ou identifiant d’un jeu"))
    pack.add_argument("--out", default=".", metavar=_("DOSSIER"), help=_("dossier où écrire le paquet"))
    pack.set_defaults(func=_lazy(".sharing", "pack_command"))
    install = commands.add_parser("import", help=_("vérifie un paquet .sesame et installe son jeu "
                                                   "dans le dossier de jeux de l’utilisateur"))
    install.add_argument("package", metavar=_("PAQUET"), help=_("fichier .sesame"))
    install.add_argument("--replace", action="store_true",
                         help=_("remplace le jeu de même identifiant déjà installé (l’ancien est gardé à part)"))
    install.set_defaults(func=_lazy(".sharing", "import_command"))
    catalog = commands.add_parser("catalog", help=_("construit un catalogue statique (index.html et "
                                                    "catalog.json) des paquets d’un dossier"))
    catalog.add_argument("folder", metavar=_("DOSSIER"), help=_("dossier qui contient des fichiers .sesame"))
    catalog.add_argument("--out", required=True, metavar=_("DOSSIER"), help=_("dossier où écrire le catalogue"))
    catalog.set_defaults(func=_lazy(".sharing", "catalog_command"))
    forget = commands.add_parser("forget", help=_("efface tout ce qui est enregistré sur un élève"))
    forget.add_argument("pseudonym", metavar=_("PSEUDONYME"))
    forget.set_defaults(func=_forget)
    export = commands.add_parser("export", help=_("affiche en JSON tout ce qui est enregistré sur un élève "
                                                  "(ses données, pas un jeu : pour partager un jeu, sesame pack)"))
    export.add_argument("pseudonym", metavar=_("PSEUDONYME"))
    export.set_defaults(func=_export)
    # Commands whose module adds its own parser; what runs each is set here until those
    # modules set it themselves (set_defaults(func=…) beside their add_parser).
    from .gift_commands import add_parsers as add_gift_parsers

    add_gift_parsers(commands)
    from .editor.command import add_parser as add_edit_parser

    add_edit_parser(commands)
    for name, module, function in (("import-gift", ".gift_commands", "import_command"),
                                   ("export-gift", ".gift_commands", "export_command"),
                                   ("edit", ".editor.command", "command")):
        sub = commands.choices[name]
        if sub.get_default("func") is None:
            sub.set_defaults(func=_lazy(module, function))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_preview"]:  # hidden: the editor's document preview, drawn by the player
        from .player.preview import main as preview

        return preview(argv[1:])
    # The language must be known before the parser's help texts are translated.
    if "--lang" in argv[:-1]:
        set_language(argv[argv.index("--lang") + 1])
    opened = [a for a in argv if not a.startswith("-")]
    if len(opened) == 1 and opened[0].lower().endswith(".sesame") and Path(opened[0]).is_file():
        # ``Sesame FILE.sesame``: a package given as argument or dropped on the program
        argv = [a for a in argv if a != opened[0]]
        args = _parser().parse_args(argv)
        if args.lang:
            set_language(args.lang)
        return _play(args, package=Path(opened[0]))
    args = _parser().parse_args(argv)
    if args.lang:
        set_language(args.lang)
    command: Command = args.func  # each command registered its own (set_defaults)
    return command(args)


def _schema(args: argparse.Namespace) -> int:
    from .content.schema import schema_text

    sys.stdout.write(schema_text())
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import main as bench_main

    return bench_main()


def _play(args: argparse.Namespace, package: Path | None = None) -> int:
    game = None
    if args.command == "play":
        game = find_game(args.game)
        if game is None:
            return 2
    try:
        width, height = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        print(_("sesame: taille « {size} » illisible (par exemple 1920x1080)").format(size=args.size),
              file=sys.stderr)
        return 2
    at = None
    if game is not None and (getattr(args, "room", None) or getattr(args, "puzzle", None)):
        at = _save_at(game, args.room, args.puzzle)
        if at is None:
            return 1
    from .player.main import run

    return run(game, (width, height), args.fullscreen, first_frame_and_exit=args.first_frame_and_exit,
               package=package, resume=at)


def _save_at(game: Path, room: str | None, puzzle: str | None) -> Path | None:
    """``play --room``/``--puzzle``: the game saved as played up to there (engine.start_at)."""
    from .content.diagnostics import ContentError
    from .content.loader import load_game
    from .start_at import Unreachable, save_at

    try:
        return save_at(load_game(game).game, room, puzzle)
    except ContentError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
    except Unreachable as error:
        print(f"sesame: {error}", file=sys.stderr)
    return None


def _guide(args: argparse.Namespace) -> int:
    from .content.diagnostics import ContentError
    from .content.loader import load_game
    from .guide import write

    path = find_game(args.game)
    if path is None:
        return 2
    try:
        game = load_game(path).game
    except ContentError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        written = write(game, out, args.lang or "fr")
    except OSError as error:
        from .storage import reason

        print(_("sesame: impossible d’écrire le guide dans « {path} » : {why}. Choisissez un autre "
                "dossier avec --out.").format(path=out, why=reason(error)), file=sys.stderr)
        return 1
    print(_("Guide d’animation écrit : {path}").format(path=written))
    return 0


def find_game(name: str) -> Path | None:
    """``resolve_game``, saying on the error stream when there is no such game."""
    path = resolve_game(name)
    if path is None:
        print(_("sesame: jeu « {game} » introuvable").format(game=name), file=sys.stderr)
    return path


def resolve_game(name: str) -> Path | None:
    """A game given as a folder, a game.yaml, or the id of a user or bundled game (the
    user's copy first: an imported game takes the place of a bundled one of the same id,
    as on the home screen)."""
    from .paths import bundled_games, user_home

    path = Path(name)
    if path.exists():
        return path
    for folder in (user_home() / "games", bundled_games()):
        if (folder / name / "game.yaml").is_file():
            return folder / name
    return None


def _check(args: argparse.Namespace) -> int:
    from .content.check import check_path

    reports = []
    usage_error = False
    for raw in args.paths:
        path = resolve_game(raw)
        if path is None:
            print(_("sesame: « {path} » n’existe pas").format(path=raw), file=sys.stderr)
            usage_error = True
            continue
        if path.suffix == ".sesame" and path.is_file():
            from .content.package import check_package

            reports.append(check_package(path, solve=not args.no_solve))
        else:
            reports.append(check_path(path, solve=not args.no_solve))
    if usage_error:
        return 2
    failed = any(r.errors for r in reports)
    if args.json:
        json.dump([r.as_dict() for r in reports], sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for report in reports:
            for diagnostic in report.diagnostics:
                print(f"{report.prefix}{diagnostic}")
            print(report.summary())
    return 1 if failed else 0


def _replay(args: argparse.Namespace) -> int:
    from .content.diagnostics import ContentError
    from .content.loader import load_game
    from .core.text import for_terminal
    from .replay import WALKTHROUGH, read_walkthrough, replay

    path = find_game(args.game)
    if path is None:
        return 2
    folder = path if path.is_dir() else path.parent
    walkthrough_path = Path(args.walkthrough) if args.walkthrough else folder / WALKTHROUGH
    if not walkthrough_path.is_file():
        print(_("sesame: parcours « {path} » introuvable").format(path=walkthrough_path),
              file=sys.stderr)
        return 2
    try:
        game = load_game(path).game
        walkthrough = read_walkthrough(walkthrough_path)
    except ContentError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    result = replay(game, walkthrough)
    if args.json:
        json.dump({"ending": result.ending, "success": result.success, "score": result.score,
                   "max_score": result.max_score, "steps": result.steps, "ok": result.ok,
                   "problem": result.problem.as_dict() if result.problem else None},
                  sys.stdout, ensure_ascii=False)
        print()
    else:
        if result.problem:
            print(result.problem)
        ending = game.endings.get(result.ending or "")
        title = ending.title.get() if ending else (result.ending or _("aucune"))
        print(for_terminal(_("Fin atteinte : {title} ({id}) — score {score}/{max} — {steps} étapes").format(
            title=title, id=result.ending or "-", score=result.score, max=result.max_score,
            steps=result.steps)))
    return 0 if result.ok else 1


def _report(args: argparse.Namespace) -> int:
    from .results.summary import build, describe

    missing = [raw for raw in args.results if not Path(raw).exists()]
    for raw in missing:
        print(_("sesame: « {path} » n’existe pas").format(path=raw), file=sys.stderr)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(_("sesame: « {path} » n’est pas un dossier").format(path=out), file=sys.stderr)
        return 2
    if missing:
        return 2
    from .storage import reason

    try:
        built = build([Path(raw) for raw in args.results], out, args.attempt, args.game)
    except OSError as error:
        print(_("sesame: impossible d’écrire la synthèse dans « {path} » : {why}. Choisissez un autre "
                "dossier avec --out.").format(path=out, why=reason(error)), file=sys.stderr)
        return 1
    for problem in built.reading.problems:
        print(problem, file=sys.stderr)
    if built.summary is None:
        print(_("sesame: aucun résultat utilisable parmi {n} fichier(s)").format(n=built.reading.files),
              file=sys.stderr)
        return 1
    print(describe(built, out))
    return 0


def _forget(args: argparse.Namespace) -> int:
    from .results.forget import forget
    from .results.store import StoreError

    if not args.pseudonym.strip():
        print(_("sesame: il faut un pseudonyme"), file=sys.stderr)
        return 2
    try:
        forgotten = forget(args.pseudonym)
    except StoreError as error:
        print(f"sesame: {error}", file=sys.stderr)
        return 1
    print(forgotten.describe())
    return 0


def _export(args: argparse.Namespace) -> int:
    """A pupil's right to see what is kept about them: everything, as JSON, and the
    files ``forget`` would erase or change."""
    from .results.forget import export

    if not args.pseudonym.strip():
        print(_("sesame: il faut un pseudonyme"), file=sys.stderr)
        return 2
    json.dump(export(args.pseudonym), sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
