"""Keeping a game's progress when the disk says no: the game goes on, the pupil is told once.

After each command the play scene hands the session here: its new events go to the
local database, and the outcome of both writes (the save file, written by the session
itself, and the database) is watched. A problem is said once, when it starts, in
words a pupil understands (the disk is full, the folder is read-only) with what to do;
not again while it lasts; and a short note says when saving works again. Nothing is
lost meanwhile: the session keeps everything in memory and both writes are tried
again at every command (the database stores whatever it missed, from the whole log).

A damaged database is set aside (renamed, kept for whoever may repair it) and a new
one is started at once, which receives the whole game; that is said once too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _
from ..paths import user_home
from ..results.store import Store, StoreError, default_path, set_aside_database
from ..session import Session
from ..storage import kind, reason


@dataclass(frozen=True)
class Notice:
    """Something to tell: a message to read (``panel``) or a passing note."""

    title: str
    text: str
    panel: bool = True


class Keeper:
    def __init__(self) -> None:
        self._store: Store | None = None
        self._said: frozenset[str] = frozenset()  # the problems already told, while they last
        self._pending: list[Notice] = []

    def take(self) -> list[Notice]:
        """What is left to tell, once."""
        out, self._pending = self._pending, []
        return out

    def record(self, session: Session) -> None:
        """Store ``session``'s new events in the database; note what to tell about the
        save and the database."""
        problems: dict[str, str] = {}
        if session.save_problem is not None:
            problems[f"save:{kind(session.save_problem)}"] = reason(session.save_problem)
        if session.player:
            failure = self._store_session(session)
            if failure is not None:
                problems[f"database:{failure.kind}"] = failure.why
        current = frozenset(problems)
        if current - self._said:
            self._pending.append(self._problem_notice(session, problems))
        elif not current and self._said:
            self._pending.append(Notice("", _("La sauvegarde fonctionne de nouveau : la partie est "
                                              "enregistrée."), panel=False))
        self._said = current if current else frozenset()

    # --- the database -------------------------------------------------------------

    def _store_session(self, session: Session) -> StoreError | None:
        try:
            self._save(session)
        except StoreError as error:
            self.close()
            if error.kind != "damaged":
                return error
            kept = set_aside_database(default_path())
            if kept is None:
                return error
            self._pending.append(Notice(_("Base des résultats remplacée"), _(
                "La base où cet ordinateur garde les résultats était abîmée. Elle est gardée à "
                "part, sous le nom « {file} », et une nouvelle base est commencée. Ta partie "
                "continue normalement : rien de ce que tu as fait n’est perdu.").format(file=kept.name)))
            try:
                self._save(session)  # the new database receives the whole game
            except StoreError as again:
                self.close()
                return again
        return None

    def _save(self, session: Session) -> None:
        if self._store is None:
            self._store = Store()
        try:
            self._store.save(session, session.player, started_at=session.started_at, group=session.group,
                             team=session.player if session.members else "", members=session.members)
        except (OSError, ValueError) as error:
            # a damaged log the save check let through, or a disk error outside SQLite
            why = reason(error) if isinstance(error, OSError) else str(error)
            raise StoreError(why, kind(error) if isinstance(error, OSError) else "other") from None

    def close(self) -> None:
        if self._store is not None:
            try:
                self._store.close()
            except Exception:  # noqa: BLE001 - closing a broken connection must not stop the game
                pass
            self._store = None

    # --- words ----------------------------------------------------------------------

    def _problem_notice(self, session: Session, problems: dict[str, str]) -> Notice:
        save = next((k for k in problems if k.startswith("save:")), None)
        what = save or next(iter(problems))
        why = problems[what]
        which = what.split(":", 1)[1]
        folder = user_home()
        if which == "full":
            advice = _("Pour que la sauvegarde reprenne, il faut libérer de la place sur le disque : "
                       "préviens l’adulte qui anime.")
        elif which in ("readonly", "denied", "cantopen"):
            advice = _("Le dossier de Sésame ({folder}) n’accepte pas l’écriture : préviens "
                       "l’adulte qui anime.").format(folder=folder)
        else:
            advice = _("Si cela dure, préviens l’adulte qui anime.")
        if save:
            title = _("La partie ne peut pas être sauvegardée")
            text = _("Sésame ne peut pas écrire la sauvegarde de la partie : {why}.").format(why=why)
            keep = _("Tu peux continuer à jouer : la partie est gardée en mémoire tant que cette "
                     "fenêtre reste ouverte, et la sauvegarde reprendra d’elle-même dès que possible.")
        else:
            title = _("Les résultats ne peuvent pas être enregistrés")
            text = _("Sésame ne peut pas enregistrer les résultats dans la base de cet ordinateur : "
                     "{why}.").format(why=why)
            keep = _("Tu peux continuer à jouer : la partie reste sauvegardée, et les résultats "
                     "seront enregistrés dès que possible.")
        return Notice(title, "\n\n".join((text, keep, advice)))
