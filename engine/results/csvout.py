"""The class summary as a CSV that a French Excel and LibreOffice open right.

Semicolons between cells, UTF-8 with a byte-order mark (without it Excel garbles the
accents), decimal commas and no thousands separator (Babel's French narrow no-break
space makes Excel read a number as text), dates formatted by Babel for ``fr_FR``.
One file, one sheet: the sections (pupils, skills per pupil, questions, answers given,
the grid, skills, themes, who needs help, files set aside) follow each other, separated by an empty line.

Formula injection (CWE-1236): a cell a spreadsheet would run — one that starts with
``=``, ``+``, ``-``, ``@``, a tab or a line break — gets a leading apostrophe, so a
pseudonym such as ``=HYPERLINK(…)`` reaches the teacher as text. Only text cells
(pseudonyms, groups, labels, answers) are neutralised: the numbers we write ourselves,
negative discrimination indexes included, stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..i18n import _
from ..storage import write_atomic
from .formatting import CSV_LOCALE, minutes, number, when
from .report import CELLS, ClassSummary, attempt_label, cell_mark, end_label, grid_legend, grid_mark

_SLICE = 1000  # rows rendered at a time
_RISKY = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe(text: str) -> str:
    """A text cell that no spreadsheet will run as a formula."""
    text = str(text)
    return "'" + text if text.startswith(_RISKY) else text


def _num(value: float | None, digits: int = 1, fixed: bool = False) -> str:
    return number(value, digits, CSV_LOCALE, fixed=fixed)


def _yes(value: bool | None) -> str:
    return "" if value is None else (_("oui") if value else _("non"))


def rows(summary: ClassSummary) -> list[list[str]]:
    """Every row of the CSV, as the cells' texts (already neutralised and formatted)."""
    return [row for part in _sections(summary) for row in part]


def _sections(summary: ClassSummary) -> Iterator[list[list[str]]]:
    """The rows of the CSV, a section at a time (10 000 pupils' rows are never all in
    memory: each pupils' section is given in slices)."""
    out: list[list[str]] = []
    o = summary.overview
    versions = ", ".join(summary.game_versions)
    out.append([_("Synthèse de classe"), safe(summary.game_title), _("version {v}").format(v=versions)])
    out.append([_("Résultats lus"), str(o.results), _("Élèves ou équipes"), str(o.pupils),
                _("Parties du"), when(o.first_start), _("au"), when(o.last_start)])
    out.append([_("Score moyen (%)"), _num(o.mean_score_pct), _("Score médian (%)"),
                _num(o.median_score_pct), _("Complétion moyenne (%)"), _num(o.mean_completion_pct),
                _("Durée moyenne (min)"), _num(minutes(o.mean_duration_s))])
    out.append([_("Tentative retenue"), attempt_label(summary.attempt_rule)])
    out.append([_("Fins de partie")] + [f"{end_label(e)} : {n}" for e, n in o.ends])
    skill_labels = {s.id: s.label for s in summary.skills}

    out += [[], [_("Élèves et équipes")]]
    out.append([_("Élève ou équipe"), _("Groupe"), _("Même pseudonyme"), _("Membres"), _("Début"),
                _("Tentatives"), _("Fin de partie"), _("Questions traitées"), _("Questions"),
                _("Complétion (%)"), _("Score"), _("Score max"), _("Score (%)"), _("Réussies"),
                _("En partie"), _("Du premier coup"), _("Réponses fausses"), _("Perdues au temps"),
                _("Durée (min)"), _("Indices")])
    for p in summary.pupils:
        out.append([safe(p.label), safe(p.group), _yes(True) if p.homonym else "", safe(", ".join(p.members)),
                    when(p.started_at), str(p.attempts), end_label(p.end), str(p.answered), str(p.total),
                    _num(p.completion_pct), str(p.score), str(p.max_score), _num(p.score_pct),
                    str(p.solved), str(p.partly), str(p.first_try), str(p.wrong), str(p.timeouts),
                    _num(minutes(p.duration_s)), str(p.hints)])
        if len(out) >= _SLICE:
            yield out
            out = []

    if summary.skills:
        out += [[], [_("Part des points par compétence et par élève (% des questions traitées)")]]
        out.append([_("Élève ou équipe"), _("Groupe")]
                   + [safe(skill_labels.get(s, s)) for s, _v in summary.pupils[0].skills])
        for p in summary.pupils:
            out.append([safe(p.label), safe(p.group)] + [_num(v) for _s, v in p.skills])
            if len(out) >= _SLICE:
                yield out
                out = []

    teams = any(q.teams for q in summary.questions)  # a team game: who answered each question
    out += [[], [_("Questions")]]
    out.append([_("N°"), _("Identifiant"), _("Question"), _("Compétences"), _("Thème"), _("Barème"),
                _("Élèves"), _("Réponses"), _("Réussites"), _("Réussite (%)"), _("En partie"),
                _("Points (%)"), _("Du premier coup (%)"), _("Réponses fausses par élève"),
                _("Perdues au temps"), _("Temps moyen (s)"), _("Indices (% des élèves)"),
                _("Réponse fausse la plus choisie"), _("Élèves l’ayant choisie"),
                _("Discrimination (point-bisériale)"), _("Alerte")] + ([_("Équipes")] if teams else []))
    for q in summary.questions:
        alerts = [text for flag, text in ((not q.scored, _("sondage")), (q.hard, _("peu réussie")),
                                          (q.weak, _("distingue mal"))) if flag]
        out.append([str(q.number), safe(q.id), safe(q.label),
                    safe(", ".join(skill_labels.get(s, s) for s in q.skills)), safe(q.theme_label),
                    str(q.max_points) if q.scored else "", str(q.presented), str(q.answered),
                    str(q.solved) if q.scored else "", _num(q.success_pct), str(q.partly) if q.scored else "",
                    _num(q.points_pct), _num(q.first_try_pct), _num(q.mean_wrong, 2), str(q.timeouts),
                    _num(q.mean_time_s), _num(q.hint_pct), safe(q.wrong_answer or ""),
                    str(q.wrong_answer_count) if q.wrong_answer else "",
                    _num(q.discrimination, 2, fixed=True), ", ".join(alerts)] + ([safe(q.teams)] if teams else []))

    out += [[], [_("Réponses données (élèves par réponse)")], [_("N°"), _("Réponse"), _("Élèves"), _("Juste ?")]]
    for q in summary.questions:
        for text, count, right in q.distribution:
            verdict = _("sondage") if right is None else (
                _("en partie") if not right and text in q.partly_answers else _yes(right))
            out.append([str(q.number), safe(text), str(count), verdict])

    out += [[], [_("Grille élève × question")] + grid_legend(summary).split(" ; ")]
    out.append([_("Élève ou équipe"), _("Groupe")] + [str(q.number) for q in summary.questions])
    marks = {k: cell_mark(k) for k in CELLS}
    for p in summary.pupils:
        grid = [""] * len(summary.questions)
        again = set(p.retried)
        for n, kind in p.cells:
            grid[n - 1] = grid_mark(kind, True) if n in again else marks[kind]
        out.append([safe(p.label), safe(p.group)] + grid)
        if len(out) >= _SLICE:
            yield out
            out = []

    for title, groups, head in ((_("Compétences"), summary.skills, _("Compétence")),
                                (_("Thèmes"), summary.themes, _("Thème"))):
        if groups:
            out += [[], [title], [head, _("Questions"), _("Réponses"), _("Réussite (%)"),
                                  _("Points (%)"), _("Du premier coup (%)")]]
            out += [[safe(g.label), str(g.questions), str(g.answers), _num(g.success_pct),
                     _num(g.points_pct), _num(g.first_try_pct)] for g in groups]
    helped = [g for g in summary.skills if g.needs_help]
    if helped:
        out += [[], [_("Élèves à aider, par compétence (moins de la moitié des points ou, là où tout le monde "
                       "finit par réussir, moins de la moitié du premier coup)")]]
        out += [[safe(g.label), _("du premier coup") if g.help_on == "first_try" else _("des points"),
                 safe(", ".join(g.needs_help)), safe(g.description)] for g in helped]

    if summary.notes:
        out += [[], [_("Fichiers ignorés ou fusionnés")]] + [[safe(n)] for n in summary.notes]
    yield out


def render(table: Iterable[Sequence[str]]) -> str:
    """The CSV text, with its byte-order mark, one line per row ("\\n": the file is
    written in text mode, which gives the platform's line ends)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";", lineterminator="\n", quoting=csv.QUOTE_MINIMAL).writerows(table)
    return buffer.getvalue()


def write_csv(summary: ClassSummary, path: Path) -> Path:
    write_atomic(path, (render(part) if k == 0 else render(part)[1:] for k, part in enumerate(_sections(summary))))
    return path
