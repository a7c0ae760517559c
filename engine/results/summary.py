"""``sesame report``: from result files to the three summary files, in one call.

The command line, the teacher screen and the benchmark all go through ``build``:
find the files, read them without trusting them, compute, write ``synthese.xlsx`` (the
teacher's main export), ``synthese.csv``, ``synthese.html`` and ``synthese.json``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..i18n import _, ngettext
from .csvout import write_csv
from .formatting import number, page_locale
from .gametexts import game_texts
from .htmlout import write_html
from .jsonout import write_json
from .report import HARD_PCT, Attempt, ClassSummary, GameTexts, summarise
from .resultfile import Reading, find_result_files, read_results
from .xlsxout import write_xlsx

OUTPUTS = ("synthese.xlsx", "synthese.csv", "synthese.html", "synthese.json")


@dataclass
class Built:
    """What ``build`` did: what it read, the summary (None without a usable result) and
    the files written."""

    reading: Reading
    summary: ClassSummary | None = None
    written: list[Path] = field(default_factory=list)


def build(paths: Iterable[Path], out: Path, attempt: Attempt = "first", game: str | None = None,
          texts: GameTexts | Literal[False] | None = None, formats: Sequence[str] | None = None) -> Built:
    """Read, summarise and write; raises ``OSError`` when ``out`` cannot be written
    (nothing half-written is left: each file is written atomically). ``texts``: the
    game's explanations (found among the installed games when None; False: without);
    ``formats``: which files (``xlsx``, ``csv``, ``html``, ``json``), all by default."""
    reading = read_results(find_result_files(paths), game)
    built = Built(reading)
    if not reading.results:
        return built
    # What was read stays as it is until the files are written: the collector's full
    # passes need not walk its ten thousand results again and again (a tenth of the time).
    gc.freeze()
    try:
        summary = summarise(reading.results, attempt, notes=[str(p) for p in reading.problems],
                            texts=game_texts(reading.game_id) if texts is None else texts or None)
        out.mkdir(parents=True, exist_ok=True)
        built.summary = summary
        writers = {"xlsx": write_xlsx, "csv": write_csv, "html": write_html, "json": write_json}
        built.written = [writers[name.rsplit(".", 1)[1]](summary, out / name) for name in OUTPUTS
                         if formats is None or name.rsplit(".", 1)[1] in formats]
    finally:
        gc.unfreeze()
    return built


def describe(built: Built, out: Path) -> str:
    """A few lines for the terminal: what was read, the headline figures, where it went."""
    reading, summary = built.reading, built.summary
    assert summary is not None
    o = summary.overview
    counts = ngettext("{n} fichier lu", "{n} fichiers lus", reading.files).format(n=reading.files)
    if reading.skipped:
        counts += ", " + ngettext("{n} ignoré", "{n} ignorés", reading.skipped).format(n=reading.skipped)
    if reading.merged:
        counts += ", " + ngettext("{n} doublon fusionné", "{n} doublons fusionnés",
                                  reading.merged).format(n=reading.merged)
    locale = page_locale()
    lines = [
        _("{game} : {pupils} élèves ou équipes ({counts})").format(
            game=summary.game_title, pupils=o.pupils, counts=counts),
        _("Score moyen {mean} %, médian {median} % ; complétion moyenne {completion} %").format(
            mean=number(o.mean_score_pct, 0, locale), median=number(o.median_score_pct, 0, locale),
            completion=number(o.mean_completion_pct, 0, locale)),
    ]
    hard = [q for q in summary.questions if q.hard]
    if hard:
        shown = ", ".join(str(q.number) for q in hard[:20]) + (" …" if len(hard) > 20 else "")
        lines.append(ngettext("{n} question peu réussie (moins de {pct} %) : n° {numbers}",
                              "{n} questions peu réussies (moins de {pct} %) : n° {numbers}",
                              len(hard)).format(n=len(hard), pct=int(HARD_PCT), numbers=shown))
    lines.append(_("Synthèse écrite dans {folder} : {files}").format(
        folder=out, files=", ".join(p.name for p in built.written)))
    return "\n".join(lines)
