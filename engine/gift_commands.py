"""``sesame import-gift`` and ``sesame export-gift``: Moodle question banks (GIFT) in and
out. The work is in ``engine/content/gift``; this module reads the arguments, prints
the located messages and says what was done."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from .i18n import _, ngettext


def add_parsers(commands: argparse._SubParsersAction) -> None:
    importer = commands.add_parser("import-gift", help=_("fait un quiz d’une banque de questions Moodle "
                                                         "(fichier GIFT)"))
    importer.add_argument("file", metavar=_("FICHIER.gift"))
    importer.add_argument("--out", metavar=_("DOSSIER"),
                          help=_("dossier du quiz à écrire (par défaut : nommé d’après le fichier)"))
    importer.add_argument("--force", action="store_true",
                          help=_("remplace game.yaml et walkthrough.yaml s’ils existent déjà"))
    exporter = commands.add_parser("export-gift", help=_("écrit les questions d’un jeu en GIFT pour Moodle"))
    exporter.add_argument("game", metavar=_("JEU"), help=_("dossier de jeu ou identifiant d’un jeu"))
    exporter.add_argument("--out", required=True, metavar=_("FICHIER.gift"), help=_("fichier GIFT à écrire"))


def _prefix(path: Path) -> str:
    folder = path.parent
    return f"{folder}/" if str(folder) not in ("", ".") else ""


def import_command(args: argparse.Namespace) -> int:
    from .content.check import check_path
    from .content.gift import GiftError, import_file, write_game
    from .content.gift.convert import slug
    from .storage import reason

    source = Path(args.file)
    if not source.is_file():
        print(_("sesame: « {path} » n’existe pas").format(path=source), file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path(slug(source.stem, 60) or "quiz")
    if out.exists() and not out.is_dir():
        print(_("sesame: « {path} » n’est pas un dossier").format(path=out), file=sys.stderr)
        return 2
    if (out / "game.yaml").exists() and not args.force:
        print(_("sesame: « {path} » contient déjà un jeu : choisissez un autre dossier avec --out, ou "
                "remplacez-le avec --force").format(path=out), file=sys.stderr)
        return 2
    prefix = _prefix(source)
    try:
        imported = import_file(source)
    except GiftError as error:
        for diagnostic in error.diagnostics:
            print(f"{prefix}{diagnostic}", file=sys.stderr)
        print(_("{file} : rien n’a été écrit").format(file=source.name), file=sys.stderr)
        return 1
    for note in imported.notes:
        print(f"{prefix}{note}")
    try:
        write_game(imported, out, source.name)
    except OSError as error:
        print(_("sesame: impossible d’écrire le quiz dans « {path} » : {why}").format(
            path=out, why=reason(error)), file=sys.stderr)
        return 1
    count = len(imported.game["puzzles"])
    print(ngettext("{n} question importée dans {folder}", "{n} questions importées dans {folder}", count)
          .format(n=count, folder=out)
          + (ngettext(" ; {k} ignorée (voir plus haut)", " ; {k} ignorées (voir plus haut)", imported.skipped)
             .format(k=imported.skipped) if imported.skipped else ""))
    report = check_path(out)
    for diagnostic in report.diagnostics:
        print(f"{report.prefix}{diagnostic}")
    print(report.summary())
    return 1 if report.errors else 0


def export_command(args: argparse.Namespace) -> int:
    from .cli import find_game
    from .content.diagnostics import ContentError
    from .content.gift import export_game
    from .content.loader import load_game
    from .storage import reason

    path = find_game(args.game)
    if path is None:
        return 2
    try:
        loaded = load_game(path)
    except ContentError as error:
        for diagnostic in error.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    out = Path(args.out)
    try:
        exported = export_game(loaded.data, out)
    except OSError as error:
        print(_("sesame: impossible d’écrire « {path} » : {why}").format(path=out, why=reason(error)),
              file=sys.stderr)
        return 1
    for ident, why in exported.left_out:
        print(_("« {id} » non exportée : {why}").format(id=ident, why=why))
    lost: dict[str, list[str]] = defaultdict(list)
    for ident, what in exported.lost:
        if what not in lost[ident]:
            lost[ident].append(what)
    for ident, whats in lost.items():
        if ident:
            print(_("« {id} » : sans équivalent en GIFT, non écrit : {what}").format(id=ident, what=", ".join(whats)))
        else:
            print(", ".join(whats))
    written = len(exported.written)
    print(ngettext("{n} question écrite dans {file}", "{n} questions écrites dans {file}", written)
          .format(n=written, file=out)
          + (ngettext(" ; {k} non exportée", " ; {k} non exportées", len(exported.left_out))
             .format(k=len(exported.left_out)) if exported.left_out else ""))
    return 0 if written else 1
