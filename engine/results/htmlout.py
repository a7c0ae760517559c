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
from .report import HARD_PCT, WEAK_DISCRIMINATION, ClassSummary, GroupRow, QuestionRow, attempt_label

CHART_MAX_BARS = 40  # beyond, the chart shows the questions least often solved

CSS = """
:root { --ink: #1b1b1b; --muted: #555; --line: #c9c9c9; --bar: #2f6f9f; --hard: #b3411b;
        --bg-alt: #f3f5f7; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 70rem; padding: 1.5rem; color: var(--ink);
       font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p.meta, p.note, .small { color: var(--muted); font-size: .9rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .6rem;
         margin: 1rem 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
.card b { display: block; font-size: 1.5rem; }
.alert { border-left: 5px solid var(--hard); background: #fbefe9; padding: .6rem 1rem; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; vertical-align: top;
         overflow-wrap: anywhere; }
th { background: var(--bg-alt); text-align: left; overflow-wrap: normal; hyphens: auto; }
td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.hard td { background: #fbefe9; }
.flag { color: var(--hard); font-weight: bold; }
figure { margin: 1rem 0; }
figcaption { font-size: .9rem; color: var(--muted); }
svg { max-width: 100%; height: auto; }
svg text { font: 12px system-ui, "Segoe UI", Arial, sans-serif; fill: var(--ink); }
ul.notes li { margin: .2rem 0; }
@page { size: A4 portrait; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section { break-before: page; }
  section:first-of-type { break-before: auto; }
  h2, h3, caption { break-after: avoid; }
  table { font-size: 8.5pt; }
  thead { display: table-header-group; }
  tr, figure, .card, .alert, table.short { break-inside: avoid; }
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

def _table(caption: str, head: Sequence[str], body: Sequence[str], short: bool = False) -> str:
    """A table whose header repeats on each printed page; ``body`` rows are ready HTML."""
    ths = "".join(f"<th scope=\"col\">{_e(h)}</th>" for h in head)
    cls = ' class="short"' if short else ""
    return (f"<table{cls}><caption>{_e(caption)}</caption><thead><tr>{ths}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>")


def _cells(values: Sequence[str], numeric: Sequence[bool], row_class: str = "") -> str:
    tds = "".join(f'<td class="n">{v}</td>' if n else f"<td>{v}</td>" for v, n in zip(values, numeric))
    cls = f' class="{row_class}"' if row_class else ""
    return f"<tr{cls}>{tds}</tr>"


def _question_alerts(q: QuestionRow) -> str:
    parts = []
    if q.hard:
        parts.append('<span class="flag">⚠ ' + _e(_("peu réussie")) + "</span>")
    if q.weak:
        parts.append(_e(_("distingue mal")))
    return "<br>".join(parts)


def _questions(summary: ClassSummary) -> str:
    skills = {s.id: s.label for s in summary.skills}
    numeric = (True, False, True, True, True, True, False, True, False)
    body = []
    for q in summary.questions:
        tags = ", ".join(skills.get(s, s) for s in q.skills)
        if q.theme:
            tags = f"{tags} · {q.theme}" if tags else q.theme
        label = f"{_e(french(q.label))}<br><span class=\"small\">{_e(q.id)}" + (
            f" · {_e(tags)}" if tags else "") + "</span>"
        wrong = DASH if q.wrong_answer is None else (
            f"{_e(q.wrong_answer)} <span class=\"small\">({q.wrong_answer_count})</span>")
        body.append(_cells([
            str(q.number), label, f"{q.solved}/{q.answered}<br>{_pct(q.success_pct)}",
            _pct(q.points_pct), _duration(q.mean_time_s), _pct(q.hint_pct), wrong,
            _num(q.discrimination, 2, fixed=True), _question_alerts(q)], numeric, "hard" if q.hard else ""))
    head = [_("N°"), _("Question"), _("Réussite"), _("Points"), _("Temps moyen"), _("Indices"),
            _("Réponse fausse la plus choisie (élèves)"), _("Discrimination"), _("Alerte")]
    return _table(_("Réussite question par question"), head, body)


def _question_chart(questions: Sequence[QuestionRow]) -> str:
    shown = list(questions)
    caption = _("Part des réponses justes, question par question. Hachuré et marqué ⚠ : "
                "moins de {pct} % de réussite.").format(pct=int(HARD_PCT))
    if len(shown) > CHART_MAX_BARS:
        shown = sorted(shown, key=lambda q: (q.success_pct if q.success_pct is not None else 101.0,
                                             q.number))[:CHART_MAX_BARS]
        caption += " " + _("Les {n} questions les moins réussies sur {total}.").format(
            n=CHART_MAX_BARS, total=len(questions))
    bars = [(f"{q.number}. {french(q.label)}", q.success_pct, q.hard) for q in shown]
    chart = bar_chart(bars, _("Réussite par question"), "chart-questions")
    return f"<figure>{chart}<figcaption>{_e(caption)}</figcaption></figure>"


def _groups(title: str, groups: Sequence[GroupRow], head: str, ident: str) -> str:
    if not groups:
        return ""
    numeric = (False, True, True, True, True)
    body = [_cells([_e(g.label), str(g.questions), str(g.answers), _pct(g.success_pct),
                    _pct(g.points_pct)], numeric) for g in groups]
    chart = bar_chart([(g.label, g.success_pct, g.success_pct is not None and g.success_pct < HARD_PCT)
                       for g in groups], title, ident)
    return (f"<h3>{_e(title)}</h3><figure>{chart}</figure>"
            + _table(title, [head, _("Questions"), _("Réponses"), _("Réussite"), _("Points")],
                     body, short=len(groups) <= 15))


def _pupils(summary: ClassSummary) -> str:
    numeric = (False, False, True, True, True, True, True, True)
    body = []
    for p in summary.pupils:
        who = _e(p.name) + (f"<br><span class=\"small\">{_e(', '.join(p.members))}</span>"
                            if p.members else "")
        status = _("oui") if p.ended else _("non")
        if p.attempts > 1:
            tries = ngettext("{n} tentative", "{n} tentatives", p.attempts).format(n=p.attempts)
            status += f'<br><span class="small">{_e(tries)}</span>'
        body.append(_cells([
            who, _e(p.group) or DASH, f"{p.answered}/{p.total}<br>{_pct(p.completion_pct)}",
            f"{p.score}/{p.max_score}", _pct(p.score_pct), _duration(p.duration_s), str(p.hints),
            status], numeric))
    head = [_("Élève ou équipe"), _("Groupe"), _("Questions traitées"), _("Score"), _("Score (%)"),
            _("Durée"), _("Indices"), _("Partie finie")]
    out = _table(_("Élèves et équipes"), head, body)
    if summary.skills:
        labels = [s.label for s in summary.skills]
        numeric_s = (False,) + (True,) * len(labels)
        rows = [_cells([_e(p.name)] + [_pct(v) for _s, v in p.skills], numeric_s)
                for p in summary.pupils]
        out += _table(_("Réussite par compétence (questions traitées)"),
                      [_("Élève ou équipe"), *labels], rows)
    return out


def _meta(summary: ClassSummary) -> str:
    o = summary.overview
    loc = page_locale()
    return " · ".join((
        _("Version {versions}").format(versions=", ".join(summary.game_versions)),
        ngettext("{n} résultat lu", "{n} résultats lus", o.results).format(n=o.results),
        _("parties du {first} au {last}").format(first=when(o.first_start, loc),
                                                 last=when(o.last_start, loc)),
        _("tentative retenue : {attempt}").format(attempt=attempt_label(summary.attempt_rule))))


def _overview(summary: ClassSummary) -> str:
    o = summary.overview
    cards = [(_("élèves ou équipes"), str(o.pupils)), (_("ont fini"), f"{o.finished}/{o.pupils}"),
             (_("score moyen"), _pct(o.mean_score_pct)), (_("score médian"), _pct(o.median_score_pct)),
             (_("complétion moyenne"), _pct(o.mean_completion_pct)),
             (_("durée moyenne"), _duration(o.mean_duration_s)), (_("indices demandés"), str(o.hints))]
    out = ['<div class="cards">']
    out += [f'<div class="card"><b>{v}</b>{_e(k)}</div>' for k, v in cards]
    out.append("</div>")
    hard = [q for q in summary.questions if q.hard]
    if hard:
        heading = _("À retravailler en classe")
        why = _("moins de {pct} % de réussite").format(pct=int(HARD_PCT))
        items = "".join(f"<li>{q.number}. {_e(french(q.label))} — {_pct(q.success_pct)}</li>" for q in hard[:15])
        more = "<li>…</li>" if len(hard) > 15 else ""
        out.append(f'<div class="alert"><strong>⚠ {_e(heading)}</strong> ({_e(why)})'
                   f"<ul>{items}{more}</ul></div>")
    chart = histogram(o.histogram, _("Répartition des scores"), "chart-scores")
    caption = _("Nombre d’élèves ou d’équipes par tranche de score.")
    out.append(f"<figure>{chart}<figcaption>{_e(caption)}</figcaption></figure>")
    return "".join(out)


def _method() -> str:
    return _("Indice de discrimination : corrélation point-bisériale entre la réussite à la question "
             "et le pourcentage de points de l’élève sur les autres questions. De −1 à 1 : au-dessus "
             "de 0,3 la question distingue bien les élèves qui maîtrisent le reste ; sous {weak} elle "
             "les distingue mal ; négatif, les élèves qui réussissent ailleurs y échouent plus que "
             "les autres (énoncé ambigu ou corrigé erroné ?). Peu fiable sous une vingtaine "
             "d’élèves. Taux de réussite, temps et discrimination portent sur les questions traitées ; "
             "le score, sur toutes.").format(weak=number(WEAK_DISCRIMINATION, 1, page_locale()))


def _section(ident: str, title: str, body: str) -> str:
    return f'<section id="{ident}"><h2>{_e(title)}</h2>{body}</section>'


def render(summary: ClassSummary) -> str:
    """The whole page."""
    title = _("Synthèse de classe : {game}").format(game=summary.game_title)
    parts = [
        "<!DOCTYPE html>", f'<html lang="{_e(language())}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f'<header><h1>{_e(title)}</h1><p class="meta">{_e(_meta(summary))}</p></header>',
        _section("vue", _("Vue d’ensemble"), _overview(summary)),
        _section("questions", _("Questions"), _question_chart(summary.questions) + _questions(summary)
                 + f'<p class="note">{_e(_method())}</p>'),
    ]
    skills = _groups(_("Compétences"), summary.skills, _("Compétence"), "chart-skills")
    themes = _groups(_("Thèmes"), summary.themes, _("Thème"), "chart-themes")
    if skills or themes:
        parts.append(_section("competences", _("Compétences et thèmes"), skills + themes))
    parts.append(_section("eleves", _("Élèves et équipes"), _pupils(summary)))
    if summary.notes:
        items = "".join(f"<li>{_e(n)}</li>" for n in summary.notes)
        parts.append(_section("fichiers", _("Fichiers ignorés ou fusionnés"), f'<ul class="notes">{items}</ul>'))
    parts.append("</body></html>")
    return "\n".join(parts)


def write_html(summary: ClassSummary, path: Path) -> Path:
    write_atomic(path, render(summary))
    return path
