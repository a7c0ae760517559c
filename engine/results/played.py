"""What the results layer reads of a game played. The app-level session
(``engine.session.Session``) is one; the results never import it (the layers point
down: the app writes results, results know nothing of saves, locks or windows)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from ..core.model import Game
from ..core.scoring import Score
from ..core.state import State


class LoggedEvent(Protocol):
    """An entry of a session's log: when, and the event as data."""

    t: float
    event: dict[str, Any]


class Played(Protocol):
    """A game played: its game, where it stands, what happened, its score."""

    @property
    def game(self) -> Game: ...

    @property
    def state(self) -> State: ...

    @property
    def log(self) -> Sequence[LoggedEvent]: ...

    def score(self) -> Score: ...
