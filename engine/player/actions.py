"""What a widget asks its screen to do when it is activated (a click, a tap, Enter or
Space): small frozen values with imperative names, dispatched by type (``match``).

Where the player's action *is* a rule of the game, the widget carries the core's
command itself (``commands.Inspect(object=…)``, ``commands.Go(exit=…)``…), without its
time: the play scene stamps the game time on it and hands it to the session. The
actions below are the player's own: opening a screen, a panel, choosing an option
before « Valider ».
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Action:
    """Something a widget asks for; scenes, panels and answer inputs decide what it means."""


# --- moving between screens -----------------------------------------------------------


@dataclass(frozen=True)
class Back(Action):
    """Leave this screen for the one under it."""


@dataclass(frozen=True)
class GoHome(Action):
    """Back to the home screen."""


@dataclass(frozen=True)
class OpenSettings(Action):
    pass


@dataclass(frozen=True)
class OpenTeacher(Action):
    """The teachers' screen (class summary)."""


@dataclass(frozen=True)
class OpenEditor(Action):
    """The mediators' editor, in the browser."""


@dataclass(frozen=True)
class ImportGame(Action):
    """Look for ``.sesame`` packages to install."""


@dataclass(frozen=True)
class OpenGame(Action):
    """The game's presentation (home → intro); ``card`` is its catalogue card."""

    card: Any


@dataclass(frozen=True)
class ResumeGame(Action):
    card: Any
    save: Path


@dataclass(frozen=True)
class StartGame(Action):
    """``how``: ``start`` (or resume), ``restart`` from the beginning, or ``apart``: a new
    game saved apart from the one open in another window."""

    how: str = "start"


@dataclass(frozen=True)
class ChooseTeams(Action):
    count: int


@dataclass(frozen=True)
class WriteGuide(Action):
    """Write the facilitator's guide (every solution) next to the game."""


@dataclass(frozen=True)
class SaveResult(Action):
    """Write the pupil's result file in a folder they choose."""


@dataclass(frozen=True)
class SetPreference(Action):
    key: str
    value: Any


@dataclass(frozen=True)
class Done(Action):
    pass


@dataclass(frozen=True)
class CheckPackage(Action):
    path: Path


@dataclass(frozen=True)
class ReplaceGame(Action):
    """Install the checked package over the game of the same id (the old one kept apart)."""


@dataclass(frozen=True)
class KeepGame(Action):
    """Keep the installed game; forget the checked package."""


# --- playing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pause(Action):
    pass


@dataclass(frozen=True)
class Close(Action):
    """Close the panel on top (« Fermer », « Continuer » after a message, « Reprendre »)."""


@dataclass(frozen=True)
class OpenItem(Action):
    """Show an inventory item (read it, use it)."""

    item: str


@dataclass(frozen=True)
class UseItem(Action):
    """Choose what to use ``item`` on: the next object inspected is its target."""

    item: str


@dataclass(frozen=True)
class Zoom(Action):
    factor: float


@dataclass(frozen=True)
class ShowDocument(Action):
    """Open the document of the puzzle on screen."""


@dataclass(frozen=True)
class Submit(Action):
    """« Valider »: the answer entered so far, given to the rules."""


@dataclass(frozen=True)
class Continue(Action):
    """After a verdict: back to the room, or the next question."""


# --- the facilitator's panel ------------------------------------------------------------


@dataclass(frozen=True)
class ToggleClock(Action):
    pass


@dataclass(frozen=True)
class GiveTime(Action):
    pass


@dataclass(frozen=True)
class ShowProjector(Action):
    pass


@dataclass(frozen=True)
class GiveHint(Action):
    """The facilitator gives the next hint of the puzzle the group faces."""


@dataclass(frozen=True)
class SkipPuzzle(Action):
    """The facilitator skips the puzzle the group faces."""


@dataclass(frozen=True)
class EndGame(Action):
    """End now and show the debrief."""


@dataclass(frozen=True)
class ResetGame(Action):
    """A new game for the next group."""


# --- entering an answer (answer inputs) -------------------------------------------------


@dataclass(frozen=True)
class Choose(Action):
    """Choose (or, where several may be chosen, un-choose) an option."""

    option: str


@dataclass(frozen=True)
class Pick(Action):
    """Pick the one answer this widget stands for (true or false, a part of a document)."""

    value: Any


@dataclass(frozen=True)
class AddArrow(Action):
    direction: str


@dataclass(frozen=True)
class Erase(Action):
    pass


@dataclass(frozen=True)
class MoveItem(Action):
    """Move an item of a list one place up (``step`` −1) or down (+1)."""

    item: str
    step: int


@dataclass(frozen=True)
class PickLeft(Action):
    """Select an element on the left, to say where it goes on the right."""

    item: str


@dataclass(frozen=True)
class PickRight(Action):
    """Where the selected element goes."""

    target: str


@dataclass(frozen=True)
class AimAt(Action):
    """Point at a place of a picture. ``at`` is where the click or tap that activated it
    landed, filled in by the scene from the event; None from the keyboard (the middle)."""

    at: tuple[int, int] | None = None
