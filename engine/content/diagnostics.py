"""What the loader and the linter say about a game: located, graded messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One message about a game file, printed as ``file:line:col: message``.

    ``line`` and ``col`` are 1-based; 0 means the message is about the whole file.
    ``code`` is a stable identifier (``schema.required``, ``lint.unreachable_room``)
    for tools and tests; the message itself is translated.
    """

    file: str
    line: int
    col: int
    message: str
    severity: Severity = Severity.ERROR
    code: str = field(default="", compare=False)

    def __str__(self) -> str:
        from ..core.text import for_terminal
        from ..i18n import _

        label = _("erreur") if self.severity is Severity.ERROR else _("avertissement")
        # Messages quote game files, which are untrusted: printed, an escape sequence or a
        # bidi override from them would act on the terminal instead of being seen.
        return for_terminal(f"{self.file}:{self.line}:{self.col}: {label}: {self.message}")

    def in_words(self) -> str:
        """The message for a person rather than a tool (a game's card on the home
        screen): « game.yaml, ligne 3 : … », or « game.yaml : … » about the whole file."""
        from ..i18n import _

        if self.line <= 0:
            return _("{file} : {message}").format(file=self.file, message=self.message)
        return _("{file}, ligne {line} : {message}").format(file=self.file, line=self.line, message=self.message)

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "col": self.col,
                "severity": self.severity.value, "code": self.code, "message": self.message}


class ContentError(Exception):
    """A game that cannot be played; carries every diagnostic found, errors first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.severity is not Severity.ERROR, d))
        super().__init__("\n".join(str(d) for d in self.diagnostics))
