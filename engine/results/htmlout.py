"""The class summary as one self-contained HTML page: read on screen, printed on A4.

Everything is in the file: inline CSS, bar charts drawn as inline SVG, no script, no
font, image or link to fetch, so it opens offline from a USB key and can be sent by
mail. Printing: A4 pages, each part on a new page, table headers repeated on every
page and no row cut in two. Colour is never the only signal: a question to rework is
also hatched, marked « ⚠ » and named in words. Every text from a result file is
escaped: a pseudonym is only ever text. The game's own texts (question labels) get
French typography, as in the player.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from ..core.text import french
from ..i18n import _, language, ngettext
from ..storage import write_atomic
from .formatting import DASH, number, page_locale, when
from .report import (
    HARD_PCT,
    WEAK_DISCRIMINATION,
    ClassSummary,
    GroupRow,
    QuestionRow,
    answer_change,
    attempt_label,
    cell_label,
    day_label,
    end_label,
    grid_legend,
    grid_mark,
    next_to_rework,
    right_answers,
)

CHART_MAX_BARS = 40  # beyond, the chart shows the questions least often solved
GRID_MAX_PUPILS = 400  # beyond, the page's grid stops (the spreadsheet and synthese.json have more)

CSS = """
:root { --ink: #1b1b1b; --muted: #555; --line: #c9c9c9; --bar: #2f6f9f; --hard: #b3411b;
        --bg-alt: #f3f5f7; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--ink);
       font: 16px/1.45 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.1rem 0 .4rem; }
p.meta, p.note, .small { color: var(--muted); font-size: .88rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem;
         margin: .8rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .7rem; }
.card b { display: block; font-size: 1.45rem; }
.summary ul.rework { margin: .2rem 0 .6rem; padding-left: 1.2rem; }
.summary ul.rework li { margin: .25rem 0; }
.expl { color: #333; font-size: .9em; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: var(--bg-alt); text-align: left; overflow-wrap: normal; hyphens: manual; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.questions td { overflow-wrap: break-word; }
table.questions td:nth-child(2) { min-width: 14em; }
table.questions td:nth-child(9) { min-width: 12em; }
table.questions td:last-child { min-width: 6.5em; overflow-wrap: normal; }
table.grid tr.group th { background: none; border: 0; padding-top: .6rem; font-weight: bold; }
tr.hard td { background: #fbefe9; }
.flag { color: var(--hard); font-weight: bold; }
table.grid { width: auto; font-size: .85rem; }
table.grid th[scope=row] { white-space: nowrap; font-weight: normal; }
table.grid td.c { text-align: center; padding: .15rem .3rem; min-width: 1.6em; }
td.ok { background: #dcefd9; } td.ok.again { background: #eef6d5; }
td.partly { background: #fff2c2; } td.wrong { background: #f6d0c4; }
td.timeout { background: #e2ddf0; } td.open { color: #777; } td.poll { color: #2f5f8f; }
div.dist { break-inside: avoid; }
ul.dist { list-style: none; padding: 0; margin: 0 0 .8rem; }
ul.dist li { position: relative; padding: .1rem .4rem; margin: .1rem 0; max-width: 48rem; overflow-wrap: anywhere; }
ul.dist .bar { position: absolute; left: 0; top: 0; bottom: 0; background: #dbe7f1; z-index: -1; }
figure { margin: 1rem 0; }
figcaption { font-size: .88rem; color: var(--muted); }
svg { max-width: 100%; height: auto; }
svg text { font: 12px system-ui, "Segoe UI", Arial, sans-serif; fill: var(--ink); }
ul.notes li { margin: .2rem 0; }
@page { size: A4 portrait; margin: 12mm 11mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.35; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  h1 { font-size: 15pt; } h2 { font-size: 13pt; margin-top: 0; } h3 { font-size: 10.5pt; margin: .5rem 0 .2rem; }
  h2, h3, caption { break-after: avoid; }
  p.meta, p.note, .small, figcaption, ul.notes { font-size: 8pt; }
  .summary { font-size: 9pt; }
  .summary .card b { font-size: 14pt; }
  table { font-size: 8pt; }
  table.grid { font-size: 7.5pt; }
  thead { display: table-header-group; }
  tr, figure, .card, .alert, table.short, li { break-inside: avoid; }
  figure svg { max-height: 120mm; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _num(value: float | None, digits: int = 1, fixed: bool = False) -> str:
    return DASH if value is None else number(value, digits, page_locale(), grouping=True, fixed=fixed)


def _pct(value: float | None) -> str:
    if value is None:
        return DASH
    space = "\u202f" if language() == "fr" else ""
    return f"{_num(value)}{space}%"


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return DASH
    whole = int(round(seconds))
    if whole < 60:
        return _("{s} s").format(s=whole)
    return _("{m} min {s} s").format(m=whole // 60, s=f"{whole % 60:02d}")


# --- charts ---------------------------------------------------------------------------

def bar_chart(bars: Sequence[tuple[str, float | None, bool]], title: str, ident: str) -> str:
    """Horizontal bars from 0 to 100 %: (label, value, flagged). A flagged bar is hatched
    and marked « ⚠ », so the chart reads in black and white too."""
    label_w, bar_w, row_h = 230, 360, 22
    height = row_h * len(bars) + 28
    width = label_w + bar_w + 70
    out = [f'<svg role="img" aria-labelledby="{ident}-t" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{ident}-t">{_e(title)}</title>',
           f'<defs><pattern id="{ident}-h" width="6" height="6" patternUnits="userSpaceOnUse" '
           f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#b3411b"/>'
           f'<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2.5"/></pattern></defs>']
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        out.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 20}" stroke="#ddd"/>'
                   f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle">{tick}</text>')
    for row, (label, value, flagged) in enumerate(bars):
        y = row * row_h
        short = label if len(label) <= 34 else label[:33] + "…"
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end">{_e(short)}</text>')
        if value is not None:
            fill = f"url(#{ident}-h)" if flagged else "#2f6f9f"
            out.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w * value / 100:.1f}" '
                       f'height="{row_h - 8}" fill="{fill}"/>')
        mark = " ⚠" if flagged else ""
        out.append(f'<text x="{label_w + bar_w * (value or 0) / 100 + 4:.1f}" y="{y + 15}">'
                   f'{_e(_pct(value))}{mark}</text>')
    out.append("</svg>")
    return "".join(out)


def histogram(counts: Sequence[int], title: str, ident: str) -> str:
    """Pupils per tenth of the score, as columns with their count written on top."""
    col_w, plot_h, top = 52, 150, 18
    width, height = col_w * len(counts) + 20, plot_h + top + 34
    peak = max(max(counts), 1)
    out = [f'<svg role="img" aria-labelledby="{ident}-t" viewBox="0 0 {width} {height}" '
           f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{ident}-t">{_e(title)}</title>',
           f'<line x1="10" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" stroke="#888"/>']
    for k, count in enumerate(counts):
        h = plot_h * count / peak
        x = 10 + k * col_w
        out.append(f'<rect x="{x + 6}" y="{top + plot_h - h:.1f}" width="{col_w - 12}" '
                   f'height="{h:.1f}" fill="#2f6f9f"/>'
                   f'<text x="{x + col_w / 2}" y="{top + plot_h - h - 4:.1f}" '
                   f'text-anchor="middle">{count}</text>'
                   f'<text x="{x + col_w / 2}" y="{top + plot_h + 16}" text-anchor="middle">'
                   f'{k * 10}–{k * 10 + 10}</text>')
    axis = _("score (%)")
    out.append(f'<text x="{width / 2}" y="{height - 2}" text-anchor="middle">{_e(axis)}</text></svg>')
    return "".join(out)


# --- the page -------------------------------------------------------------------------

def _table(caption: str, head: Sequence[str], body: Sequence[str], short: bool = False,
           cls: str = "") -> str:
    """A table whose header repeats on each printed page; ``body`` rows are ready HTML."""
    ths = "".join(f"<th scope=\"col\">{_e(h)}</th>" for h in head)
    classes = " ".join(c for c in ("short" if short else "", cls) if c)
    attr = f' class="{classes}"' if classes else ""
    return (f"<table{attr}><caption>{_e(caption)}</caption><thead><tr>{ths}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _cells(values: Sequence[str], numeric: Sequence[bool], row_class: str = "") -> str:
    tds = "".join(f'<td class="n">{v}</td>' if n else f"<td>{v}</td>" for v, n in zip(values, numeric))
    cls = f' class="{row_class}"' if row_class else ""
    return f"<tr{cls}>{tds}</tr>"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def _question_alerts(q: QuestionRow) -> str:
    parts = []
    if not q.scored:
        parts.append(_e(_("sondage")))
    if q.hard:
        parts.append('<span class="flag">⚠ ' + _e(_("peu réussie")) + "</span>")
    if q.weak:
        parts.append(_e(_("distingue mal")))
    return "<br>".join(parts)


def _success(q: QuestionRow) -> str:
    """Success in words and figures: solved out of answered, partly right apart."""
    if not q.scored:
        return _e(_("sondage"))
    out = f"{q.solved}/{q.answered}<br>{_pct(q.success_pct)}"
    if q.partly:
        out += '<br><span class="small">' + _e(ngettext("+ {n} en partie", "+ {n} en partie", q.partly).format(
            n=q.partly)) + "</span>"
    return out


def _questions(summary: ClassSummary) -> str:
    skills = {s.id: s.label for s in summary.skills}
    numeric = (True, False, True, True, True, True, True, True, False, True, False)
    body = []
    for q in summary.questions:
        tags = ", ".join(skills.get(s, s) for s in q.skills)
        if q.theme_label and q.theme_label not in (skills.get(s, s) for s in q.skills):
            tags = f"{tags} · {q.theme_label}" if tags else q.theme_label
        if q.teams:  # a team game
            said = _("répondue par : {teams}").format(teams=q.teams)
            tags = f"{tags} · {said}" if tags else said
        label = f"{_e(french(q.label))}" + (f"<br><span class=\"small\">{_e(tags)}</span>" if tags else "")
        wrong = DASH if q.wrong_answer is None else (
            f"{_e(_clip(french(answer_change(q.wrong_answer, right_answers(q))), 90))} "
            f"<span class=\"small\">({q.wrong_answer_count})</span>")
        errors = DASH if q.mean_wrong is None else _num(q.mean_wrong, 1)
        if q.timeouts:
            errors += '<br><span class="small">' + _e(ngettext(
                "{n} perdue au temps", "{n} perdues au temps", q.timeouts).format(n=q.timeouts)) + "</span>"
        body.append(_cells([
            str(q.number), label, _success(q), _pct(q.points_pct), _pct(q.first_try_pct), errors,
            _duration(q.mean_time_s), _pct(q.hint_pct), wrong, _num(q.discrimination, 2, fixed=True),
            _question_alerts(q)], numeric, "hard" if q.hard else ""))
    head = [_("N°"), _("Question"), _("Réussite"), _("Points"), _("Du premier coup"),
            _("Erreurs par élève"), _("Temps moyen"), _("Indices"), _("Réponse fausse la plus choisie (élèves)"),
            _("Discri­mination"), _("Alerte")]
    return _table(_("Réussite question par question"), head, body, cls="questions")


def _question_chart(questions: Sequence[QuestionRow]) -> str:
    shown = [q for q in questions if q.scored]
    caption = _("Part des réponses justes, question par question (sondages à part). Hachuré et marqué ⚠ : "
                "moins de {pct} % de réussite.").format(pct=int(HARD_PCT))
    if len(shown) > CHART_MAX_BARS:
        total = len(shown)
        shown = sorted(shown, key=lambda q: (q.success_pct if q.success_pct is not None else 101.0,
                                             q.number))[:CHART_MAX_BARS]
        caption += " " + _("Les {n} questions les moins réussies sur {total}.").format(
            n=CHART_MAX_BARS, total=total)
    if not shown:
        return ""
    if all(q.success_pct == 100 for q in shown) and any(q.first_try_pct != 100 for q in shown):
        # Everybody ends up succeeding (locks retried): first tries are what varies.
        bars = [(f"{q.number}. {french(q.label)}", q.first_try_pct,
                 q.first_try_pct is not None and q.first_try_pct < HARD_PCT) for q in shown]
        caption = _("Tous les élèves ont fini par réussir chaque question : part des réponses justes du "
                    "premier coup. Hachuré et marqué ⚠ : moins de {pct} %.").format(pct=int(HARD_PCT))
        chart = bar_chart(bars, _("Réussite du premier coup par question"), "chart-questions")
        return f"<figure>{chart}<figcaption>{_e(caption)}</figcaption></figure>"
    bars = [(f"{q.number}. {french(q.label)}", q.success_pct, q.hard) for q in shown]
    chart = bar_chart(bars, _("Réussite par question"), "chart-questions")
    return f"<figure>{chart}<figcaption>{_e(caption)}</figcaption></figure>"


def _distributions(summary: ClassSummary) -> str:
    """Every question's answers, in the words the pupils saw: polls first."""
    out = []
    for q in sorted(summary.questions, key=lambda q: (q.scored, q.number)):
        if not q.distribution:
            continue
        total = max(q.answered, 1)
        items = []
        rights = right_answers(q)
        for text, count, right in q.distribution[:8]:
            mark = "" if right is None else ("✓ " if right else ("≈ " if text in q.partly_answers else "✗ "))
            width = 100.0 * count / total
            said = text if right is not False else answer_change(text, rights)
            items.append(f'<li><span class="bar" style="width:{min(width, 100):.0f}%"></span>'
                         f'<span class="lab">{_e(mark)}{_e(_clip(french(said), 140))}</span> '
                         f'<b>{count}</b></li>')
        more = len(q.distribution) - 8
        if more > 0:
            items.append("<li class=\"small\">" + _e(ngettext("… et {n} autre réponse", "… et {n} autres réponses",
                                                              more).format(n=more)) + "</li>")
        kind = f' <span class="small">({_e(_("sondage"))})</span>' if not q.scored else ""
        out.append(f'<div class="dist"><h3>{q.number}. {_e(french(q.label))}{kind}</h3>'
                   f'<ul class="dist">{"".join(items)}</ul></div>')
    note = _("Nombre d’élèves ayant donné chaque réponse (un élève compte une fois par réponse, "
             "essais faux compris). ✓ : la bonne réponse ; ≈ : en partie juste (une estimation proche, qui "
             "rapporte une part des points) ; ✗ : une réponse fausse (pour une association ou un classement, "
             "« tout juste sauf » et les seules parties fausses).")
    return f'<p class="note">{_e(note)}</p>' + "".join(out)


def _grid(summary: ClassSummary) -> str:
    legend = grid_legend(summary)
    head = "".join(f'<th scope="col" title="{_e(french(q.label))}">{q.number}</th>' for q in summary.questions)
    rows = []
    classes = len({p.group for p in summary.pupils}) > 1
    group = None
    for p in summary.pupils[:GRID_MAX_PUPILS]:
        if classes and p.group != group:  # a class's pupils under its name (« sans classe » last)
            group = p.group
            rows.append(f'<tr class="group"><th scope="rowgroup" colspan="{len(summary.questions) + 1}">'
                        f'{_e(group or _("sans classe"))}</th></tr>')
        cells, again = dict(p.cells), set(p.retried)
        tds = "".join(
            f'<td class="c {k}{" again" if q.number in again else ""}" title="{_e(cell_label(k))}">'
            f'{grid_mark(k, q.number in again)}</td>' if (k := cells.get(q.number))
            else '<td class="c"></td>' for q in summary.questions)
        rows.append(f"<tr><th scope=\"row\">{_e(p.label)}</th>{tds}</tr>")
    caption = _("Élève × question")
    if len(summary.pupils) > GRID_MAX_PUPILS:
        legend += " " + _("Les {n} premiers élèves sur {total} : la grille complète est dans le tableur.").format(
            n=GRID_MAX_PUPILS, total=len(summary.pupils))
    return (f'<p class="note">{_e(legend)}</p><table class="grid"><caption>{_e(caption)}</caption>'
            f'<thead><tr><th scope="col">{_e(_("Élève ou équipe"))}</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _groups(title: str, groups: Sequence[GroupRow], head: str, ident: str, help_column: bool = False) -> str:
    if not groups:
        return ""
    numeric = (False, True, True, True, True, True) + ((False,) if help_column else ())
    body = []
    for g in groups:
        cells = [_e(g.label), str(g.questions), str(g.answers), _pct(g.success_pct), _pct(g.points_pct),
                 _pct(g.first_try_pct)]
        if help_column:
            who = ", ".join(g.needs_help)
            if g.help_on == "first_try" and g.needs_help:
                who += " " + _("(moins de la moitié du premier coup)")
            cells.append(f"{_e(who) or DASH}" + (f'<br><span class="small">{_e(_clip(g.description, 260))}</span>'
                                                  if g.description and g.needs_help else ""))
        body.append(_cells(cells, numeric, "hard" if help_column and g.weak else ""))
    retried = all(g.help_on == "first_try" for g in groups)
    if retried:  # everybody ends up with the points (locks retried): first tries tell
        chart = bar_chart([(g.label, g.first_try_pct, g.weak) for g in groups], title, ident)
        caption = _("Tout le monde finit par réussir : part des réponses justes du premier coup.")
    else:
        chart = bar_chart([(g.label, g.points_pct, g.weak) for g in groups], title, ident)
        caption = _("Part des points obtenus.")
    columns = [head, _("Questions"), _("Réponses"), _("Réussite"), _("Points"), _("Du premier coup")]
    if help_column:
        columns.append(_("Élèves à aider (moins de la moitié des points) et ce que dit le jeu") if not any(
            g.help_on == "first_try" for g in groups) else _("Élèves à aider et ce que dit le jeu"))
    return (f"<h3>{_e(title)}</h3><figure>{chart}<figcaption>{_e(caption)}"
            f"</figcaption></figure>" + _table(title, columns, body, short=len(groups) <= 15))


def _pupils(summary: ClassSummary) -> str:
    numeric = (False, False, True, True, True, True, True, True, False)
    body = []
    for p in summary.pupils:
        who = _e(p.label)
        if p.homonym:
            who += ' <span class="flag">⚠ ' + _e(_("même pseudonyme")) + "</span>"
            who += '<br><span class="small">' + _e(_("commencée le {start}").format(start=when(p.started_at,
                                                                                              page_locale()))) + "</span>"
        if p.members:
            who += f"<br><span class=\"small\">{_e(', '.join(p.members))}</span>"
        status = _e(end_label(p.end))
        if p.attempts > 1:
            tries = ngettext("{n} tentative", "{n} tentatives", p.attempts).format(n=p.attempts)
            status += f'<br><span class="small">{_e(tries)}</span>'
        body.append(_cells([
            who, _e(p.group) or DASH, f"{p.answered}/{p.total}<br>{_pct(p.completion_pct)}",
            f"{p.score}/{p.max_score}<br>{_pct(p.score_pct)}", f"{p.solved} + {p.partly}",
            str(p.first_try), str(p.wrong) + (f"<br><span class=\"small\">◔ {p.timeouts}</span>" if p.timeouts else ""),
            _duration(p.duration_s) + f"<br><span class=\"small\">{p.hints} {_e(_('indices'))}</span>", status],
            numeric))
    head = [_("Élève ou équipe"), _("Classe"), _("Questions traitées"), _("Score"),
            _("Réussies + en partie"), _("Du premier coup"), _("Réponses fausses"), _("Durée"),
            _("Fin de partie")]
    out = _table(_("Élèves et équipes"), head, body)
    if summary.skills:
        # Per skill, its share of the points, or of first tries where everybody ends up
        # with the points (an escape game's locks).
        labels = [s.label + (" " + _("(du premier coup)") if s.help_on == "first_try" else "")
                  for s in summary.skills]
        firsts = [s.help_on == "first_try" for s in summary.skills]
        numeric_s = (False,) + (True,) * len(labels)
        rows = [_cells([_e(p.label)] + [_pct(f[1] if first else v) for (_s, v), f, first
                                        in zip(p.skills, p.skills_first_try or p.skills, firsts)], numeric_s)
                for p in summary.pupils]
        caption = (_("Par compétence : part des points, ou des questions réussies du premier coup là où tout "
                     "le monde finit par réussir (questions traitées)") if any(firsts)
                   else _("Part des points par compétence (questions traitées)"))
        out += _table(caption, [_("Élève ou équipe"), *labels], rows)
    return out


def _cohorts(summary: ClassSummary) -> str:
    out = []
    numeric = (False, False, True, True, True, True, True)
    head = [_("Classe"), _("Séance"), _("Élèves"), _("Ont fini"), _("Score moyen"), _("Complétion"),
            _("Du premier coup")]
    for caption, rows in ((_("Comparaison des classes"), summary.classes),
                          (_("Progression d’une séance à l’autre"), summary.sessions)):
        if rows:
            body = [_cells([_e(c.group) or _e(_("sans classe")), _e(day_label(c.day, page_locale())) if c.day else DASH,
                            str(c.pupils),
                            str(c.finished), _pct(c.mean_score_pct), _pct(c.mean_completion_pct),
                            _pct(c.mean_first_try_pct)], numeric) for c in rows]
            out.append(_table(caption, head, body, short=True))
    return "".join(out)


def _meta(summary: ClassSummary) -> str:
    o = summary.overview
    loc = page_locale()
    return " · ".join((
        _("Version {versions}").format(versions=", ".join(summary.game_versions)),
        ngettext("{n} résultat lu", "{n} résultats lus", o.results).format(n=o.results),
        _("parties du {first} au {last}").format(first=when(o.first_start, loc),
                                                 last=when(o.last_start, loc)),
        _("tentative retenue : {attempt}").format(attempt=attempt_label(summary.attempt_rule))))


def summary_page(summary: ClassSummary) -> str:
    """The first page: what a teacher needs on one printed A4 sheet (key figures,
    questions to rework with the game's explanation, weak skills and who needs help,
    poll results); everything else follows it."""
    o = summary.overview
    ends = " ; ".join(f"{end_label(e)}\u00a0:\u00a0{n}" for e, n in o.ends)
    cards = [(str(o.pupils), _("élèves ou équipes")),
             (_pct(o.mean_score_pct), _("score moyen")),
             (_pct(o.first_try_pct), _("réponses justes du premier coup")),
             (_pct(o.mean_completion_pct), _("complétion moyenne")),
             (_duration(o.mean_duration_s), _("durée moyenne"))]
    out = ['<div class="cards">']
    out += [f'<div class="card"><b>{v}</b>{_e(k)}</div>' for v, k in cards]
    out.append("</div>")
    facts = [_("Fins de partie — {ends}.").format(ends=ends)]
    if o.homonyms:
        facts.append(ngettext("{n} élève partage son pseudonyme avec un autre : repérés « même pseudonyme ».",
                              "{n} élèves partagent leur pseudonyme avec un autre : repérés « même pseudonyme ».",
                              o.homonyms).format(n=o.homonyms))
    if o.timeouts:
        facts.append(ngettext("{n} question perdue faute de temps (comptée à part des erreurs).",
                              "{n} questions perdues faute de temps (comptées à part des erreurs).",
                              o.timeouts).format(n=o.timeouts))
    out.append(f'<p class="facts">{_e(" ".join(facts))}</p>')
    hard = sorted((q for q in summary.questions if q.hard), key=lambda q: (q.success_pct or 0, q.number))
    out.append(f"<h3>{_e(_('Questions à retravailler'))}</h3>")
    if hard:
        items = []
        for q in hard[:5]:
            figures = _("{pct} de réussite, {points} des points").format(pct=_pct(q.success_pct),
                                                                         points=_pct(q.points_pct))
            wrong = (" — " + _("réponse fausse la plus choisie : « {answer} » ({n})").format(
                answer=_clip(french(answer_change(q.wrong_answer, right_answers(q))), 70),
                n=q.wrong_answer_count)) if q.wrong_answer else ""
            why = f'<br><span class="expl">{_e(_clip(q.explanation, 230))}</span>' if q.explanation else ""
            items.append(f"<li><b>{q.number}. {_e(_clip(french(q.label), 110))}</b> "
                         f"({_e(figures)}){_e(wrong)}{why}</li>")
        if len(hard) > 5:
            items.append("<li>" + _e(ngettext("… et {n} autre : voir « Questions ».",
                                              "… et {n} autres : voir « Questions ».", len(hard) - 5).format(
                n=len(hard) - 5)) + "</li>")
        out.append(f'<ul class="rework">{"".join(items)}</ul>')
    else:
        out.append(f'<p>{_e(_("Aucune question sous {pct} % de réussite.").format(pct=int(HARD_PCT)))}</p>')
    by_first_try, following = next_to_rework(summary.questions)
    if following and len(hard) < 3:
        # Locks retried until they open (an escape game): success says little, first tries tell.
        title = _("Les moins réussies du premier coup") if by_first_try else _("Les moins réussies ensuite")
        out.append(f"<h3>{_e(title)}</h3><ul class=\"rework\">")
        for q in following[:5 - min(len(hard), 2)]:
            figures = (_("{pct} du premier coup, {wrong} réponses fausses par élève").format(
                pct=_pct(q.first_try_pct), wrong=_num(q.mean_wrong, 1)) if by_first_try else
                _("{pct} de réussite, {points} des points").format(pct=_pct(q.success_pct),
                                                                   points=_pct(q.points_pct)))
            why = f'<br><span class="expl">{_e(_clip(q.explanation, 200))}</span>' if q.explanation else ""
            out.append(f"<li><b>{q.number}. {_e(_clip(french(q.label), 110))}</b> ({_e(figures)}){why}</li>")
        out.append("</ul>")
    weak = sorted((g for g in summary.skills if g.needs_help), key=lambda g: (g.shown_pct or 0, g.label))
    if weak:
        out.append(f"<h3>{_e(_('Compétences à reprendre, et avec qui'))}</h3><ul class=\"rework\">")
        for g in weak[:4]:
            names = ", ".join(g.needs_help)
            out.append(f"<li><b>{_e(g.label)}</b> ({_e(_skill_figure(g))}) : {_e(_clip(names, 240))}"
                       + (f'<br><span class="expl">{_e(_clip(g.description, 160))}</span>' if g.description else "")
                       + "</li>")
        out.append("</ul>")
    polls = [q for q in summary.questions if not q.scored and q.distribution]
    if polls:
        out.append(f"<h3>{_e(_('Sondages : ce que la classe a répondu'))}</h3><ul class=\"rework\">")
        for q in polls[:3]:
            answers = ", ".join(f"{french(text)} : {count}" for text, count, _r in q.distribution[:5])
            out.append(f"<li><b>{_e(_clip(french(q.label), 90))}</b> — {_e(answers)}</li>")
        out.append("</ul>")
    return "".join(out)


def _skill_figure(g: GroupRow) -> str:
    """A skill's telling figure in words: its share of the points, or of first tries
    where everybody ends up solving its questions."""
    if g.help_on == "first_try":
        return _("{pct} du premier coup").format(pct=_pct(g.first_try_pct))
    return _("{pct} des points").format(pct=_pct(g.points_pct))


def _method() -> str:
    return _("Discrimination : corrélation point-bisériale entre la réussite à la question "
             "(ou, quand tout le monde finit par réussir, la réussite du premier coup) et la réussite "
             "de l’élève aux autres questions. De −1 à 1 : au-dessus de 0,3 la question distingue bien "
             "les élèves qui maîtrisent le reste ; sous {weak} elle les distingue mal ; négatif, les élèves "
             "qui réussissent ailleurs y échouent plus que les autres (énoncé ambigu ou corrigé erroné ?). "
             "Peu fiable sous une vingtaine d’élèves. Réussite, temps et discrimination portent sur les "
             "questions traitées ; le score, sur toutes ; les sondages ne comptent dans aucun des deux. "
             "Une réponse « en partie » juste (une estimation proche) rapporte une part des points sans "
             "compter comme réussie.").format(weak=number(WEAK_DISCRIMINATION, 1, page_locale()))


def _section(ident: str, title: str, body: str) -> str:
    return f'<section id="{ident}"><h2>{_e(title)}</h2>{body}</section>'


def render(summary: ClassSummary) -> str:
    """The whole page."""
    return "\n".join(_parts(summary))


def _parts(summary: ClassSummary) -> list[str]:
    """The page's parts, to be joined by line ends."""
    title = _("Synthèse de classe : {game}").format(game=summary.game_title)
    o = summary.overview
    parts = [
        "<!DOCTYPE html>", f'<html lang="{_e(language())}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f'<section id="resume" class="summary"><header><h1>{_e(title)}</h1>'
        f'<p class="meta">{_e(_meta(summary))}</p></header>{summary_page(summary)}</section>',
        _section("questions", _("Questions"), _question_chart(summary.questions) + _questions(summary)
                 + f'<p class="note">{_e(_method())}</p>'),
    ]
    skills = _groups(_("Compétences"), summary.skills, _("Compétence"), "chart-skills", help_column=True)
    themes = _groups(_("Thèmes"), summary.themes, _("Thème"), "chart-themes")
    if skills or themes:
        parts.append(_section("competences", _("Compétences et thèmes : qui aider, sur quoi"), skills + themes))
    parts.append(_section("grille", _("Grille élèves × questions"), _grid(summary)))
    chart = histogram(o.histogram, _("Répartition des scores"), "chart-scores")
    caption = _("Nombre d’élèves ou d’équipes par tranche de score.")
    parts.append(_section("eleves", _("Élèves et équipes"),
                          f"<figure>{chart}<figcaption>{_e(caption)}</figcaption></figure>" + _pupils(summary)))
    parts.append(_section("reponses", _("Réponses données"), _distributions(summary)))
    cohorts = _cohorts(summary)
    if cohorts:
        parts.append(_section("classes", _("Classes et séances"), cohorts))
    if summary.notes:
        items = "".join(f"<li>{_e(n)}</li>" for n in summary.notes)
        parts.append(_section("fichiers", _("Fichiers ignorés ou fusionnés"), f'<ul class="notes">{items}</ul>'))
    parts.append("</body></html>")
    return parts


def write_html(summary: ClassSummary, path: Path) -> Path:
    # Written part by part: 10 000 pupils' page is never whole in memory, as text or bytes.
    parts = _parts(summary)
    write_atomic(path, (part if k == 0 else "\n" + part for k, part in enumerate(parts)))
    return path
