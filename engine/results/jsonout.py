"""The class summary as JSON for other tools (a school platform, a spreadsheet script).

Plain numbers with a decimal point, ``null`` where a figure is undefined (no answer to
average), ids next to labels; versioned like every file Sésame writes. The README's
« synthese.json » section describes every field; fields are only ever added.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..storage import write_atomic
from .report import ClassSummary

SUMMARY_FORMAT = "sesame-synthese"
SUMMARY_VERSION = 1


def to_data(summary: ClassSummary) -> dict[str, Any]:
    data = asdict(summary)
    numbers = {q.number: q.id for q in summary.questions}
    for pupil in data["pupils"]:
        pupil["skills"] = dict(pupil["skills"])
        pupil["cells"] = {numbers[n]: kind for n, kind in pupil["cells"]}
    for row, question in zip(data["questions"], summary.questions):
        row["hard"], row["weak"] = question.hard, question.weak
        row["distribution"] = [{"answer": text, "pupils": n, "correct": right}
                               for text, n, right in question.distribution]
    for row, group in zip(data["skills"], summary.skills):
        row["weak"] = group.weak
    return {"format": SUMMARY_FORMAT, "version": SUMMARY_VERSION, **data}


def write_json(summary: ClassSummary, path: Path) -> Path:
    write_atomic(path, json.dumps(to_data(summary), ensure_ascii=False, indent=1, allow_nan=False) + "\n")
    return path
