"""Faces of fictional people (``face`` / ``faces`` in documents), drawn from the art
library; pictures named ``art:…`` checked by ``sesame check``; a game's own pictures
need a licence in ``asset_credits`` (game.yaml)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from engine.content.check import check_path  # noqa: E402
from engine.content.diagnostics import Severity  # noqa: E402

from .conftest import GAMES, HEADER  # noqa: E402

QUIZ = HEADER + "genre: quiz\n"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
THREAD = """
documents:
  - id: fil
    kind: thread
    participants: [Ana, Bilal]
    faces: {Ana: "art:fille_a", Bilal: "%s"}
    messages:
      - {id: m1, from: Ana, text: Salut}
      - {id: m2, from: Bilal, text: Coucou}
puzzles:
  - {id: q, type: truefalse, prompt: Vrai ?, answer: true, document: fil}
"""


def diagnostics(folder, code):
    return [d for d in check_path(folder).diagnostics if d.code == code]


def test_a_face_from_the_library_is_accepted(write_game):
    folder = write_game({"game.yaml": QUIZ + THREAD % "art:garcon_b"})
    report = check_path(folder)
    assert not report.errors, report.diagnostics


def test_an_unknown_art_name_is_an_error_with_a_suggestion(write_game):
    folder = write_game({"game.yaml": QUIZ + THREAD % "art:garcon_z"})
    found = diagnostics(folder, "lint.asset")
    assert found and found[0].severity is Severity.ERROR
    assert "bibliothèque" in found[0].message and "art:garcon_" in found[0].message


def test_a_malformed_art_name_is_refused_by_the_schema(write_game):
    folder = write_game({"game.yaml": QUIZ + THREAD % "art:../x"})
    assert check_path(folder).errors


def test_a_picture_without_licence_is_warned_about(write_game):
    body = QUIZ + THREAD % "images/bilal.svg"
    folder = write_game({"game.yaml": body, "images/bilal.svg": SVG})
    found = diagnostics(folder, "lint.asset_licence")
    assert len(found) == 1 and found[0].severity is Severity.WARNING
    folder = write_game({"game.yaml": body.replace(
        "genre: quiz\n", "genre: quiz\nasset_credits:\n  - {files: 'images/*.svg', author: Moi, licence: CC0-1.0}\n"),
        "images/bilal.svg": SVG}, name="credited")
    assert not diagnostics(folder, "lint.asset_licence")


def test_bundled_games_have_every_picture_credited():
    for game in ("escape_fake_news", "stereotypes", "alimentation", "metiers_industrie"):
        report = check_path(GAMES / game, solve=False)
        assert not report.warnings, (game, report.diagnostics)


def test_faces_are_drawn_in_a_thread_and_a_portrait():
    from engine.content.loader import load_game
    from engine.player import documents
    from engine.player.app import App
    from engine.player.prefs import Preferences

    app = App((1366, 768), prefs=Preferences({"sound": False}))
    game = load_game(GAMES / "metiers_industrie").game
    with_face, _parts = documents.render(app.ui, game.documents["portrait_fictif_chloe"], game.folder, 600, "fr")
    plain = dict(game.documents["portrait_fictif_chloe"].data)
    del plain["face"]
    from dataclasses import replace
    without, _parts = documents.render(app.ui, replace(game.documents["portrait_fictif_chloe"], data=plain),
                                       game.folder, 600, "fr")
    assert with_face.get_height() > without.get_height()  # the face takes room above the text
    # The face's colours are drawn: a skin or hair tone the plain poster does not have.
    colours = {tuple(with_face.get_at((x, y)))[:3] for x in range(0, 120, 3) for y in range(0, 120, 3)}
    assert len(colours) > 6
