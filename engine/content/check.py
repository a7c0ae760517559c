"""``sesame check``: load, validate and lint one game, and say it all at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import ContentError, Diagnostic, Severity
from .lint import lint
from .loader import load_game


@dataclass
class CheckReport:
    path: Path
    diagnostics: list[Diagnostic] = field(default_factory=list)
    game_id: str = ""
    solution_length: int | None = None
    states: int | None = None
    within: str = ""  # where the files named by the diagnostics are, when not ``path`` (a package)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def prefix(self) -> str:
        """Diagnostics name files relative to the game folder; print them from here."""
        if self.within:
            return self.within
        folder = self.path if self.path.is_dir() else self.path.parent
        return f"{folder}/" if str(folder) not in ("", ".") else ""

    def summary(self) -> str:
        from ..i18n import _

        name = self.game_id or str(self.path)
        parts = [_("{name} : {e} erreur(s), {w} avertissement(s)").format(
            name=name, e=len(self.errors), w=len(self.warnings))]
        if self.solution_length is not None:
            parts.append(_("solution la plus courte : {n} actions ({states} états explorés)").format(
                n=self.solution_length, states=self.states))
        return _(" ; ").join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "game": self.game_id, "valid": not self.errors,
                "solution_length": self.solution_length, "states": self.states,
                "diagnostics": [d.as_dict() for d in self.diagnostics]}


def check_path(path: Path, solve: bool = True) -> CheckReport:
    report = CheckReport(path)
    try:
        loaded = load_game(path, use_cache=False)
    except ContentError as error:
        report.diagnostics = error.diagnostics
        return report
    report.game_id = loaded.game.id
    findings, exploration = lint(loaded, solve)
    report.diagnostics = sorted([*loaded.warnings, *findings],
                                key=lambda d: (d.severity is not Severity.ERROR, d))
    if exploration is not None:
        report.states = exploration.states
        if exploration.solution is not None:
            report.solution_length = len(exploration.solution)
    return report
