"""What the game itself says about its questions and skills, for the class summary.

A result file carries what the report needs to count (labels, skills, points), not the
game's explanations: the summary takes them from the game when it is installed on the
teacher's computer (a bundled game or one of the user's games), and goes without them
otherwise.
"""

from __future__ import annotations

from pathlib import Path

from .report import GameTexts


def game_texts(game_id: str, folders: tuple[Path, ...] | None = None) -> GameTexts | None:
    """The explanations and skill descriptions of the game ``game_id``, or None when it
    is not installed or cannot be read (the summary is made without them)."""
    from ..content.loader import load_game
    from ..core.text import french
    from ..paths import bundled_games, user_home

    for folder in folders if folders is not None else (bundled_games(), user_home() / "games"):
        path = Path(folder) / game_id
        if not (path / "game.yaml").is_file():
            continue
        try:
            game = load_game(path).game
        except Exception:  # noqa: BLE001 — a broken game only costs the explanations
            return None
        if game.id != game_id:
            continue
        return GameTexts(
            explanations={p.id: french(" ".join(p.explanation.get().split()))
                          for p in game.puzzles.values() if p.explanation is not None},
            skill_descriptions={s.id: french(" ".join(s.description.get().split()))
                                for s in game.skills.values() if s.description is not None})
    return None
