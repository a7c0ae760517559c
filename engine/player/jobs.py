"""Slow work off the frame loop: scanning a big folder (a OneDrive « Documents » of
thousands of files, a slow USB key, a disconnected network drive) must not freeze the
window.

A ``Job`` runs one function on a worker thread. The function reports what it is doing
through its ``Progress``; ``Progress.step`` raises ``Cancelled`` once the person has
pressed « Annuler », so the work stops at its next step. The scene polls ``finished``
from its ``update`` and takes ``result`` (or ``error``) on the main thread: the worker
never touches pygame or the scene.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class Cancelled(Exception):
    """The person cancelled: the work stops where it is."""


class Progress:
    """What the worker has done so far; read by the main thread for display."""

    def __init__(self) -> None:
        self.count = 0
        self.where = ""
        self._cancel = threading.Event()

    def step(self, where: Path | str | None = None) -> None:
        """One more thing done (a file or folder seen); stop here if cancelled."""
        self.count += 1
        if where is not None:
            self.where = str(where)
        if self._cancel.is_set():
            raise Cancelled

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Job(Generic[T]):
    def __init__(self, work: Callable[[Progress], T]) -> None:
        self.progress = Progress()
        self.result: T | None = None
        self.error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True, name="sesame-job")
        self._thread.start()

    def _run(self, work: Callable[[Progress], T]) -> None:
        try:
            self.result = work(self.progress)
        except BaseException as error:  # handed to the main thread, which says what happened
            self.error = error
        finally:
            self._done.set()

    @property
    def finished(self) -> bool:
        return self._done.is_set()

    @property
    def cancelled(self) -> bool:
        return isinstance(self.error, Cancelled)

    def cancel(self) -> None:
        self.progress._cancel.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until finished (tests, and quitting); True if it finished."""
        return self._done.wait(timeout)
