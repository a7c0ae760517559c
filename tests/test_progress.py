"""The home screen marks the games finished on this computer, with their best score
(engine/player/progress.py), read from the results database without changing it."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path  # noqa: E402

from engine.player import progress  # noqa: E402
from engine.results.store import Store, default_path  # noqa: E402


def played(rows: list[tuple[str, int, int, int, int]]) -> Path:
    """A results database holding sessions (game, ended, success, score, out of)."""
    path = default_path()
    with Store(path) as store:
        db = store._db
        db.execute("INSERT INTO players (pseudonym) VALUES ('Lou')")
        for index, (game, ended, success, score, out_of) in enumerate(rows):
            db.execute("INSERT INTO sessions (player_id, game_id, game_version, content_hash, started_at, "
                       "ended, success, score, max_score) VALUES (1, ?, '1', 'h', ?, ?, ?, ?, ?)",
                       (game, f"2026-01-0{index + 1}", ended, success, score, out_of))
    return path


def test_records_keep_the_best_finished_session():
    path = played([("escape_fake_news", 1, 0, 90, 190), ("escape_fake_news", 1, 1, 150, 190),
                   ("stereotypes", 0, None, 40, 160)])
    before = path.read_bytes()
    found = progress.records(path)
    assert found == {"escape_fake_news": progress.Progress(True, True, 150, 190)}  # an unfinished game: nothing
    assert progress.words(found["escape_fake_news"]) == "Réussi · meilleur score : 150 / 190"
    assert path.read_bytes() == before  # read only


def test_no_database_no_marks(tmp_path):
    assert progress.records(tmp_path / "absent.sqlite") == {}
    (tmp_path / "bad.sqlite").write_bytes(b"not a database at all" * 100)
    assert progress.records(tmp_path / "bad.sqlite") == {}


def test_the_home_card_shows_the_ribbon():
    from engine.player.app import App
    from engine.player.pilot import Pilot
    from engine.player.prefs import Preferences
    from engine.player.scenes.home import HomeScene

    played([("alimentation", 1, 1, 100, 120)])
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    pilot = Pilot(app)
    app.step([])
    card = pilot.find("game:alimentation").rect
    colours = {tuple(app.surface.get_at((x, card.y + app.ui.metrics.unit * 4)))[:3]
               for x in range(card.centerx, card.right - 4)}
    assert app.ui.palette.success in colours
    other = pilot.find("game:stereotypes").rect
    colours = {tuple(app.surface.get_at((x, other.y + app.ui.metrics.unit * 4)))[:3]
               for x in range(other.centerx, other.right - 4)}
    assert app.ui.palette.success not in colours


def test_a_game_finished_while_the_player_runs_is_marked_at_once():
    """The player keeps the database open: a finished game goes to the write-ahead log
    (``…-wal``), and the main file's time does not change until a checkpoint."""
    path = default_path()
    with Store(path) as store:
        db = store._db
        db.execute("INSERT INTO players (pseudonym) VALUES ('Lou')")
        finish = ("INSERT INTO sessions (player_id, game_id, game_version, content_hash, started_at, ended, "
                  "success, score, max_score) VALUES (1, ?, '1', 'h', ?, 1, 1, 100, 120)")
        db.execute(finish, ("alimentation", "2026-01-01"))
        db.commit()
        assert set(progress.records(path)) == {"alimentation"}
        stamp = os.stat(path).st_mtime_ns
        db.execute(finish, ("stereotypes", "2026-01-02"))
        db.commit()
        assert os.stat(path).st_mtime_ns == stamp  # only the log changed
        assert set(progress.records(path)) == {"alimentation", "stereotypes"}
