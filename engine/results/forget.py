"""``sesame forget``: erase everything this machine stores about a pupil.

The database (attempts, answers, events, places in teams) and the saved games in
progress played under that pseudonym. Result files already handed over (a USB key,
the school platform, the teacher's folder) are out of reach: the message says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _, ngettext
from ..paths import user_dir
from .store import Store, default_path
from .validate import clean_name


@dataclass(frozen=True)
class Forgotten:
    pseudonym: str
    records: int
    saves: int

    def describe(self) -> str:
        """What was erased, in words, for whoever typed the command."""
        if not self.records and not self.saves:
            return _("Aucune donnée enregistrée pour « {who} » sur cet ordinateur.").format(
                who=self.pseudonym)
        lines = [ngettext("« {who} » : {n} enregistrement effacé de la base de données.",
                          "« {who} » : {n} enregistrements effacés de la base de données.",
                          self.records).format(who=self.pseudonym, n=self.records)]
        if self.saves:
            lines.append(ngettext("{n} partie en cours effacée.", "{n} parties en cours effacées.",
                                  self.saves).format(n=self.saves))
        lines.append(_("Les fichiers de résultats déjà remis (clé USB, ENT, dossier de "
                       "l’enseignant) ne sont pas sur cet ordinateur : effacez-les à la main."))
        return "\n".join(lines)


def _erase_saves(pseudonym: str, folder: Path) -> int:
    erased = 0
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        if isinstance(data, dict) and data.get("player") == pseudonym:
            path.unlink(missing_ok=True)
            erased += 1
    return erased


def forget(pseudonym: str, database: Path | None = None) -> Forgotten:
    """Erase ``pseudonym`` from the database and the saves; a database that does not
    exist yet is not created for the occasion. Raises ``StoreError`` when the database
    cannot be opened (nothing is erased then)."""
    who = clean_name(pseudonym)
    path = database or default_path()
    records = 0
    if path.exists():
        with Store(path) as store:
            records = store.forget(who)
    return Forgotten(who, records, _erase_saves(who, user_dir("saves")))
