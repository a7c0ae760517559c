"""Moodle GIFT: import a question bank as a Sésame quiz, export a quiz's questions.

- ``grammar.py``: the GIFT grammar (lark);
- ``parse.py``: text → questions as GIFT says them, with located French errors;
- ``text.py``: escapes, formats ([html], [markdown]…) reduced to plain text;
- ``convert.py``: questions → quiz data and walkthrough (the type mapping);
- ``export.py``: quiz data → GIFT text.

This module reads and writes the files. No pygame: the content layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ...storage import TooLarge, read_bounded
from ...storage import reason as _reason
from ..diagnostics import Diagnostic, Severity
from .convert import Imported, convert
from .export import Exported, export
from .parse import GiftError, parse

MAX_BYTES = 8 * 1024 * 1024

__all__ = ["GiftError", "Imported", "Exported", "read_gift", "import_text", "write_game", "export",
           "dump_yaml", "export_game"]


def read_gift(path: Path) -> tuple[str, list[Diagnostic]]:
    """The text of a GIFT file. Moodle wants UTF-8; a file saved by an old Windows
    editor (Windows-1252) is read all the same, and said."""
    from ...i18n import _

    name = path.name
    try:
        data = read_bounded(path, MAX_BYTES)  # a FIFO or /dev/zero is refused, never read
    except TooLarge:
        raise GiftError([Diagnostic(name, 0, 0, _("fichier trop gros (plus de {mb} Mo) pour une banque de "
                                                  "questions").format(mb=MAX_BYTES // 1_000_000),
                                    Severity.ERROR, "gift.file")]) from None
    except OSError as error:
        raise GiftError([Diagnostic(name, 0, 0, _("fichier illisible : {why}").format(
            why=_reason(error)), Severity.ERROR, "gift.file")]) from None
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        note = Diagnostic(name, line, col, _("fichier non enregistré en UTF-8 : lu en Windows-1252 ; "
                                             "vérifiez les accents, et enregistrez-le en UTF-8 pour Moodle"),
                          Severity.WARNING, "gift.encoding")
        return data.decode("cp1252", errors="replace"), [note]


def import_text(text: str, file: str, name: str) -> Imported:
    """A quiz from GIFT text; raises GiftError with every located problem."""
    imported = convert(parse(text, file), file, name)
    return imported


def import_file(path: Path) -> Imported:
    text, notes = read_gift(path)
    imported = import_text(text, path.name, path.stem)
    imported.notes[:0] = notes
    return imported


@dataclass
class Written:
    folder: Path
    files: list[Path]


def write_game(imported: Imported, folder: Path, source: str) -> Written:
    """``game.yaml`` and ``walkthrough.yaml`` of an imported quiz, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    header = (f"# Quiz importé de {source} par « sesame import-gift ».\n"
              "# À compléter : le public (audience), la durée, la licence, les sources des questions.\n")
    game = folder / "game.yaml"
    game.write_text(header + dump_yaml(imported.game), encoding="utf-8")
    walk = folder / "walkthrough.yaml"
    walk.write_text("# Toutes les bonnes réponses, dans l’ordre : « sesame replay » le rejoue.\n"
                    + dump_yaml(imported.walkthrough), encoding="utf-8")
    return Written(folder, [game, walk])


class _Dumper(yaml.SafeDumper):
    """Texts on several lines as YAML blocks (``|``), easier for a teacher to edit."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _text)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)


def export_game(data: dict[str, Any], out: Path) -> Exported:
    exported = export(data)
    out.parent.mkdir(parents=True, exist_ok=True)  # like ``pack --out``: the folder is made
    out.write_text(exported.text, encoding="utf-8")
    return exported
