"""``sesame edit [GAME]``: registered by the command line, run here."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import _


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    edit = commands.add_parser("edit", help=_("ouvre l’éditeur de jeux dans le navigateur (sur cet ordinateur seulement)"))
    edit.add_argument("game", metavar=_("JEU"), nargs="?", help=_("dossier du jeu à modifier (facultatif)"))
    edit.add_argument("--no-browser", action="store_true", help=_("n’ouvre pas le navigateur : affiche l’adresse"))
    edit.add_argument("--port", type=int, default=0, help=_("port local (choisi par le système par défaut)"))


def command(args: argparse.Namespace) -> int:
    from ..cli import resolve_game
    from .server import run

    game: Path | None = None
    if args.game:
        game = resolve_game(args.game)
        if game is None:
            print(_("sesame: jeu « {game} » introuvable").format(game=args.game), file=sys.stderr)
            return 2
        game = game if game.is_dir() else game.parent
    return run(game, args.port, browser=not args.no_browser)
