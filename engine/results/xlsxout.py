"""The class summary as a real spreadsheet (``synthese.xlsx``): the teacher's main export.

One sheet per view, in the order a teacher reads them: overview (key figures, endings,
what to re-teach), pupils, questions, the pupil × question grid, skills (who needs help
with which), answers (every question's distribution, polls included), classes and
sessions when there are several, notes (files set aside). Header rows are frozen and
filterable, columns have set widths (a long note never widens column A), numbers are
numbers (percentages with one decimal, which Excel shows with the teacher's own decimal
sign).

Every text from a result file is written with ``write_string``: a pseudonym such as
``=HYPERLINK(…)`` is a text cell, never a formula (CWE-1236), with no apostrophe to
strip. XlsxWriter writes the file in a temporary place first; it is moved over the old
one only when complete.
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]

from ..core.text import french
from ..i18n import _
from .formatting import CSV_LOCALE, minutes, when
from .report import (
    CELL_OK,
    CELLS,
    HARD_PCT,
    ClassSummary,
    answer_change,
    attempt_label,
    cell_mark,
    day_label,
    end_label,
    grid_legend,
    grid_mark,
    next_to_rework,
    right_answers,
)

SHEET_MAX = 31  # characters of a sheet's name in Excel
# Beyond, the pupils' and grid sheets stop, saying so (a school's worth; the CSV and
# synthese.json have every pupil): a spreadsheet of 10 000 rows of 40 cells is written
# in several seconds and read by nobody.
GRID_MAX_PUPILS = 2000


class _Sheet:
    """A worksheet written row by row, with the workbook's formats."""

    def __init__(self, book: Any, name: str, formats: dict[str, Any], widths: Sequence[float]) -> None:
        self.ws = book.add_worksheet(name[:SHEET_MAX])
        self.f = formats
        self.row = 0
        self.widths = tuple(widths)
        for col, width in enumerate(widths):
            self.ws.set_column(col, col, width)
        # Printed on A4 landscape, as wide as the page, header rows repeated.
        self.ws.set_paper(9)
        self.ws.set_landscape()
        self.ws.fit_to_pages(1, 0)
        self.ws.set_margins(0.4, 0.4, 0.5, 0.5)

    def title(self, text: str) -> None:
        self.ws.write_string(self.row, 0, text, self.f["title"])
        self.row += 2

    def head(self, cells: Sequence[str], freeze: bool = True, filters: int = 0) -> None:
        lines = 2
        for col, text in enumerate(cells):
            self.ws.write_string(self.row, col, text, self.f["head"])
            if col < len(self.widths):  # bold words, wrapped in the column: as tall as they need
                lines = max(lines, min(6, -(-len(text) * 12 // 10 // max(int(self.widths[col]), 1))))
        self.ws.set_row(self.row, 15 * lines + 2)
        if freeze:
            self.ws.freeze_panes(self.row + 1, 1)
            self.ws.repeat_rows(self.row)
        if filters:
            self.ws.autofilter(self.row, 0, self.row + filters, len(cells) - 1)
        self.row += 1

    def put(self, cells: Sequence[Any], fmt: str = "") -> None:
        """Texts as text, numbers as numbers (None: an empty cell, never 0). The row is
        made as tall as its longest wrapped text (spreadsheets do not measure it)."""
        lines = 1
        for col, value in enumerate(cells):
            text = value[0] if isinstance(value, tuple) else value
            if isinstance(text, str) and col < len(self.widths):
                lines = max(lines, min(12, -(-len(text) * 11 // 10 // max(int(self.widths[col]), 1))))
        if lines > 1:
            self.ws.set_row(self.row, 15 * lines)
        for col, value in enumerate(cells):
            if value is None:
                continue
            if isinstance(value, tuple):  # (value, format)
                value, cell_fmt = value
                if value is None:
                    continue
            else:
                cell_fmt = fmt or None
                if value == "" and cell_fmt in (None, "text"):  # as good as no cell, and quicker
                    continue
            if isinstance(value, bool):
                self.ws.write_string(self.row, col, _("oui") if value else _("non"), self.f.get(cell_fmt or ""))
            elif isinstance(value, (int, float)):
                self.ws.write_number(self.row, col, value, self.f.get(cell_fmt or "num"))
            else:
                self.ws.write_string(self.row, col, str(value), self.f.get(cell_fmt or "text"))
        self.row += 1

    def gap(self, rows: int = 1) -> None:
        self.row += rows


def _formats(book: Any) -> dict[str, Any]:
    base = {"font_name": "Calibri", "font_size": 11, "valign": "top"}
    return {
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "head": book.add_format({**base, "bold": True, "bg_color": "#E8EDF2", "text_wrap": True,
                                 "border": 1}),
        "text": book.add_format({**base, "text_wrap": True}),
        "bold": book.add_format({**base, "bold": True, "text_wrap": True}),
        "num": book.add_format({**base, "num_format": "0"}),
        "pct": book.add_format({**base, "num_format": "0.0"}),
        "dec": book.add_format({**base, "num_format": "0.00"}),
        "hard": book.add_format({**base, "text_wrap": True, "bg_color": "#FBE3D6", "bold": True}),
        "small": book.add_format({**base, "font_size": 10, "font_color": "#444444", "text_wrap": True}),
        # one line that runs over the empty cells beside it (a legend above a table)
        "note": book.add_format({**base, "font_size": 10, "font_color": "#444444"}),
        "ok": book.add_format({**base, "align": "center", "bg_color": "#DCEFD9"}),
        "again": book.add_format({**base, "align": "center", "bg_color": "#EEF6D5"}),  # solved after wrong tries
        "partly": book.add_format({**base, "align": "center", "bg_color": "#FFF2C2"}),
        "wrong": book.add_format({**base, "align": "center", "bg_color": "#F6D0C4"}),
        "open": book.add_format({**base, "align": "center", "font_color": "#777777"}),
        "timeout": book.add_format({**base, "align": "center", "bg_color": "#E2DDF0"}),
        "poll": book.add_format({**base, "align": "center", "font_color": "#2F5F8F"}),
    }


def _pct(value: float | None) -> tuple[float | None, str]:
    return (None if value is None else round(value, 1), "pct")


def _overview(book: Any, f: dict[str, Any], s: ClassSummary) -> None:
    sheet = _Sheet(book, _("Vue d’ensemble"), f, (44, 18, 60))
    o = s.overview
    sheet.title(_("Synthèse de classe : {game}").format(game=s.game_title))
    rows: list[tuple[str, Any]] = [
        (_("Version du jeu"), ", ".join(s.game_versions)),
        (_("Résultats lus"), o.results),
        (_("Élèves ou équipes"), o.pupils),
        (_("Dont même pseudonyme (à distinguer)"), o.homonyms),
        (_("Parties du"), when(o.first_start)),
        (_("au"), when(o.last_start)),
        (_("Tentative retenue"), attempt_label(s.attempt_rule)),
        (_("Score moyen (%)"), _pct(o.mean_score_pct)),
        (_("Score médian (%)"), _pct(o.median_score_pct)),
        (_("Réussite du premier coup (%)"), _pct(o.first_try_pct)),
        (_("Complétion moyenne (%)"), _pct(o.mean_completion_pct)),
        (_("Durée moyenne (min)"), _pct(minutes(o.mean_duration_s))),
        (_("Indices demandés"), o.hints),
        (_("Questions perdues au temps"), o.timeouts),
        (_("Sondages (sans bonne réponse)"), o.polls),
    ]
    for label, value in rows:
        sheet.put([(label, "bold"), value])
    sheet.gap()
    sheet.put([(_("Fin de partie"), "bold"), (_("Élèves"), "bold")])
    for end, count in o.ends:
        sheet.put([end_label(end), count])
    hard = [q for q in s.questions if q.hard]
    if hard:
        sheet.gap()
        sheet.put([(_("À retravailler (moins de {pct} % de réussite)").format(pct=int(HARD_PCT)), "hard")])
        for q in hard:
            sheet.put([(f"{q.number}. {french(q.label)}", "text"), _pct(q.success_pct),
                       (q.explanation, "small")])
    by_first_try, following = next_to_rework(s.questions)
    if following and len(hard) < 3:  # locks retried until they open: first tries tell
        sheet.gap()
        sheet.put([(_("Les moins réussies du premier coup (% du premier coup)") if by_first_try
                    else _("Les moins réussies ensuite (% de réussite)"), "hard")])
        for q in following[:5]:
            sheet.put([(f"{q.number}. {french(q.label)}", "text"),
                       _pct(q.first_try_pct if by_first_try else q.success_pct), (q.explanation, "small")])
    helped = [g for g in s.skills if g.needs_help]
    if helped:
        sheet.gap()
        sheet.put([(_("Compétences à reprendre, et avec qui (% des points, ou du premier coup)"), "hard")])
        for g in sorted(helped, key=lambda g: (g.shown_pct or 0, g.label)):
            sheet.put([(g.label, "text"), _pct(g.shown_pct), (", ".join(g.needs_help), "small")])
    polls = [q for q in s.questions if not q.scored and q.distribution]
    if polls:
        sheet.gap()
        sheet.put([(_("Sondages : ce que la classe a répondu"), "bold")])
        for q in polls:
            sheet.put([(french(q.label), "text"), None,
                       (", ".join(f"{french(t)} : {n}" for t, n, _r in q.distribution), "text")])


def _pupils(book: Any, f: dict[str, Any], s: ClassSummary) -> None:
    skill_labels = [g.label for g in s.skills]
    head = [_("Élève ou équipe"), _("Classe"), _("Même pseudonyme"), _("Membres"), _("Début"),
            _("Tentatives"), _("Fin de partie"), _("Questions traitées"), _("Questions"),
            _("Complétion (%)"), _("Score"), _("Score max"), _("Score (%)"), _("Réussies"),
            _("En partie"), _("Du premier coup"), _("Réponses fausses"), _("Perdues au temps"),
            _("Durée (min)"), _("Indices"),
            *[(_("{skill} (% du premier coup)") if g.help_on == "first_try" else _("{skill} (% des points)")).format(
                skill=g.label) for g in s.skills]]
    firsts = [g.help_on == "first_try" for g in s.skills]
    sheet = _Sheet(book, _("Élèves"), f, (26, 10, 11, 18, 16) + (11,) * 15 + (16,) * len(skill_labels))
    sheet.head(head, filters=min(len(s.pupils), GRID_MAX_PUPILS))
    for p in s.pupils[:GRID_MAX_PUPILS]:
        sheet.put([p.label, p.group, _("oui") if p.homonym else "", ", ".join(p.members),
                   when(p.started_at), p.attempts, end_label(p.end), p.answered, p.total,
                   _pct(p.completion_pct), p.score, p.max_score, _pct(p.score_pct), p.solved,
                   p.partly, p.first_try, p.wrong, p.timeouts, _pct(minutes(p.duration_s)), p.hints,
                   *[_pct(f[1] if first else v) for (_k, v), f, first
                     in zip(p.skills, p.skills_first_try or p.skills, firsts)]])
    if len(s.pupils) > GRID_MAX_PUPILS:
        sheet.put([(_("… et {n} autres élèves : voir synthese.csv ou synthese.json").format(
            n=len(s.pupils) - GRID_MAX_PUPILS), "small")])


def _questions(book: Any, f: dict[str, Any], s: ClassSummary) -> None:
    head = [_("N°"), _("Question"), _("Compétences"), _("Thème"), _("Barème"), _("Élèves"),
            _("Réponses"), _("Réussies"), _("Réussite (%)"), _("En partie"), _("Points (%)"),
            _("Du premier coup (%)"), _("Réponses fausses par élève"), _("Perdues au temps"),
            _("Pas atteinte"), _("Temps moyen (s)"), _("Indices (% des élèves)"),
            _("Réponse fausse la plus choisie"), _("Élèves l’ayant choisie"), _("Discrimination"),
            _("Alerte"), _("Explication du jeu")]
    teams = any(q.teams for q in s.questions)  # a team game: who answered each question
    sheet = _Sheet(book, _("Questions"), f, (5, 40, 22, 16) + (10,) * 13 + (30, 10, 11, 16, 60)
                   + ((20,) if teams else ()))
    if teams:
        head.append(_("Équipes"))
    sheet.head(head, filters=len(s.questions))
    labels = {g.id: g.label for g in s.skills}
    for q in s.questions:
        alerts = ", ".join(t for flag, t in ((not q.scored, _("sondage")), (q.hard, _("peu réussie")),
                                            (q.weak, _("distingue mal"))) if flag)
        sheet.put([q.number, (french(q.label), "hard" if q.hard else "text"),
                   ", ".join(labels.get(k, k) for k in q.skills), q.theme_label,
                   q.max_points if q.scored else None, q.presented, q.answered,
                   q.solved if q.scored else None, _pct(q.success_pct), q.partly if q.scored else None,
                   _pct(q.points_pct), _pct(q.first_try_pct),
                   (None if q.mean_wrong is None else round(q.mean_wrong, 2), "dec"), q.timeouts,
                   q.not_reached, _pct(q.mean_time_s), _pct(q.hint_pct),
                   french(answer_change(q.wrong_answer, right_answers(q))) if q.wrong_answer else "",
                   q.wrong_answer_count or None,
                   (None if q.discrimination is None else round(q.discrimination, 2), "dec"), alerts,
                   (q.explanation, "small"), *((q.teams,) if teams else ())])


def _grid(book: Any, f: dict[str, Any], s: ClassSummary) -> None:
    sheet = _Sheet(book, _("Grille"), f, (26, 10) + (5,) * len(s.questions))
    sheet.ws.write_string(0, 0, _("Élève × question : ") + grid_legend(s), f["note"])
    sheet.row = 2
    sheet.head([_("Élève ou équipe"), _("Classe"), *[str(q.number) for q in s.questions]],
               filters=min(len(s.pupils), GRID_MAX_PUPILS))
    for col, q in enumerate(s.questions, 2):
        sheet.ws.write_comment(sheet.row - 1, col, french(q.label)[:1000])
    ws, marks = sheet.ws, {k: (cell_mark(k), f[k]) for k in CELLS}
    column = {q.number: col for col, q in enumerate(s.questions, 2)}
    for p in s.pupils[:GRID_MAX_PUPILS]:
        sheet.put([p.label, p.group])  # the row's height follows its texts; the signs are one character
        row = sheet.row - 1
        again = set(p.retried)
        for number, kind in p.cells:  # the row is written out when the next one starts
            mark, cell_format = marks[kind]
            if number in again:
                mark, cell_format = grid_mark(kind, True), f["again"]
            ws.write_string(row, column[number], mark, cell_format)
    sheet.gap()
    if len(s.pupils) > GRID_MAX_PUPILS:
        sheet.put([(_("… et {n} autres élèves : la grille complète est dans synthese.json").format(
            n=len(s.pupils) - GRID_MAX_PUPILS), "small")])
    ok = Counter(number for p in s.pupils for number, kind in p.cells if kind == CELL_OK)
    solved = [ok[q.number] if q.scored else None for q in s.questions]
    sheet.put([(_("Réussies ✓"), "bold"), "", *solved])


def _skills(book: Any, f: dict[str, Any], s: ClassSummary) -> None:
    if not (s.skills or s.themes):
        return
    sheet = _Sheet(book, _("Compétences"), f, (34, 10, 10, 12, 12, 12, 16, 40, 60))
    sheet.head([_("Compétence"), _("Questions"), _("Réponses"), _("Réussite (%)"), _("Points (%)"),
                _("Du premier coup (%)"), _("À aider sous la moitié"),
                _("Élèves à aider"), _("Ce que dit le jeu")])
    for g in s.skills:
        sheet.put([(g.label, "hard" if g.weak else "text"), g.questions, g.answers, _pct(g.success_pct),
                   _pct(g.points_pct), _pct(g.first_try_pct),
                   _("du premier coup") if g.help_on == "first_try" else _("des points"),
                   (", ".join(g.needs_help), "text"), (g.description, "small")])
    if s.themes:
        sheet.gap()
        sheet.put([(_("Thème"), "head"), (_("Questions"), "head"), (_("Réponses"), "head"),
                   (_("Réussite (%)"), "head"), (_("Points (%)"), "head")])
        for g in s.themes:
            sheet.put([g.label, g.questions, g.answers, _pct(g.success_pct), _pct(g.points_pct)])


def _answers(book: Any, f: dict[str, Any], s: ClassSummary) -> None:
    sheet = _Sheet(book, _("Réponses"), f, (5, 40, 60, 10, 14))
    sheet.head([_("N°"), _("Question"), _("Réponse donnée"), _("Élèves"), _("Juste ?")])
    for q in s.questions:
        for k, (text, count, right) in enumerate(q.distribution):
            verdict = _("sondage") if right is None else (_("oui") if right else (
                _("en partie") if text in q.partly_answers else _("non")))
            sheet.put([q.number if k == 0 else None, french(q.label) if k == 0 else "", text, count,
                       verdict])


def _cohorts(book: Any, f: dict[str, Any], s: ClassSummary) -> None:
    if not (s.classes or s.sessions):
        return
    sheet = _Sheet(book, _("Classes et séances"), f, (16, 14, 10, 10, 14, 16, 18))
    head = [_("Classe"), _("Séance"), _("Élèves"), _("Ont fini"), _("Score moyen (%)"),
            _("Complétion moyenne (%)"), _("Du premier coup (%)")]
    for rows in (s.classes, s.sessions):
        if not rows:
            continue
        sheet.head(head, freeze=False)
        for c in rows:
            day = day_label(c.day, CSV_LOCALE) if c.day else ""
            sheet.put([c.group or _("sans classe"), day, c.pupils, c.finished, _pct(c.mean_score_pct),
                       _pct(c.mean_completion_pct), _pct(c.mean_first_try_pct)])
        sheet.gap()


def _notes(book: Any, f: dict[str, Any], s: ClassSummary) -> None:
    sheet = _Sheet(book, _("Notes"), f, (120,))
    sheet.head([_("Fichiers ignorés ou fusionnés, et remarques")], freeze=False)
    for note in s.notes or (_("aucun fichier ignoré"),):
        sheet.put([note], "small")


def _forget_half_written(*errors: BaseException) -> None:
    """Let the zip file xlsxwriter left open on a full disk be collected now, without
    the « Exception ignored » traceback its flush would print on the terminal."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    try:
        for error in errors:
            error.__traceback__ = None
        gc.collect()
    finally:
        sys.unraisablehook = hook


def write_xlsx(summary: ClassSummary, path: Path) -> Path:
    """Write the workbook atomically (a temporary file in the same folder, then moved)."""
    fd, tmp = tempfile.mkstemp(prefix=".synthese-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        # Rows go to disk as they are written (constant memory): 10 000 pupils' grid
        # never sits in memory.
        book = xlsxwriter.Workbook(tmp, {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False, "constant_memory": True})
        book.set_properties({"title": _("Synthèse de classe : {game}").format(game=summary.game_title),
                             "creator": "Sésame"})
        formats = _formats(book)
        for part in (_overview, _pupils, _questions, _grid, _skills, _answers, _cohorts, _notes):
            part(book, formats, summary)
        try:
            book.close()
        except xlsxwriter.exceptions.FileCreateError as error:  # a full disk: said as any OSError
            cause = error.args[0] if error.args and isinstance(error.args[0], OSError) else OSError(str(error))
            _forget_half_written(error, cause)
            raise cause from None
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
