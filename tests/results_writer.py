"""A writer that never stops: the crash-safety test kills it at random points.

Run as ``python -m tests.results_writer DATABASE``. It plays an endless game of
questions shown and answered, stores them with ``Store.record`` after each question
(two events, one transaction) and prints how many events are committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from engine.results.store import Store
from engine.session import LogEntry


def entry(k: int) -> LogEntry:
    """Event k of the endless game: question k // 2 shown, then answered 0.5 s later."""
    if k % 2 == 0:
        return LogEntry(k // 2, {"event": "QuestionShown", "puzzle": f"q{k // 2}", "number": k // 2 + 1,
                                 "total": 0})
    return LogEntry(k // 2 + 0.5, {"event": "AnswerJudged", "puzzle": f"q{k // 2}", "correct": k % 4 == 1,
                                   "fraction": 1.0 if k % 4 == 1 else 0.0, "answer": f"réponse {k}",
                                   "attempt": 1, "team": "", "t": k // 2 + 0.5})


def main(path: Path) -> None:
    store = Store(path)
    session = store.start(pseudonym="Léa", game_id="g", game_version="1", content_hash="h",
                          started_at="2026-03-12T10:15:00", group="4B", members=["Léa", "Tom"])
    # As after a restart: the resumed session holds its whole log, and handing all of it
    # again writes nothing twice.
    log = [entry(k) for k in range(store.counts()["events"])]
    assert store.record(session, log) == 0
    print("ready", flush=True)
    while True:
        log += [entry(len(log)), entry(len(log) + 1)]
        store.record(session, log)
        print(len(log), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
