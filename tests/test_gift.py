"""Moodle GIFT import and export (issue 17): a corpus of GIFT files covering the format's
documentation, located French errors, the command line, and a property-based round trip
(import → export → import gives the same game)."""

from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from engine.cli import main
from engine.content.check import check_path
from engine.content.gift import GiftError, dump_yaml, export, import_file, import_text, read_gift, write_game
from engine.content.gift.text import escape, reduce, tidy
from engine.content.loader import load_game
from engine.content.yamlread import read_text
from engine.i18n import set_language
from engine.replay import read_walkthrough, replay

from .conftest import FIXTURES

CORPUS = FIXTURES / "gift"
EXAMPLES = int(os.environ.get("SESAME_FUZZ_EXAMPLES", "60"))


def imported(name: str):
    return import_file(CORPUS / f"{name}.gift")


def by_id(game: dict) -> dict[str, dict]:
    return {p["id"]: p for p in game["puzzles"]}


def strip(puzzle: dict) -> dict:
    return {k: v for k, v in puzzle.items() if k not in ("id", "prompt", "title", "theme")}


def written(tmp_path: Path, result, name: str = "quiz") -> Path:
    folder = tmp_path / name
    write_game(result, folder, f"{name}.gift")
    return folder


def plays(folder: Path) -> None:
    """The folder checks without error and its walkthrough reaches a winning ending."""
    report = check_path(folder)
    assert not report.errors, [str(d) for d in report.errors]
    game = load_game(folder, use_cache=False).game
    result = replay(game, read_walkthrough(folder / "walkthrough.yaml"))
    assert result.ok, result.problem
    assert result.score == result.max_score


# --- the corpus -----------------------------------------------------------------------------

def test_every_example_of_moodles_documentation(tmp_path):
    result = imported("moodle_doc")
    puzzles = by_id(result.game)
    assert len(puzzles) == 36
    # true/false, titles become ids and titles
    assert puzzles["q1"] == {"id": "q1", "type": "truefalse", "title": "Q1", "prompt": "1+1=2", "answer": True}
    # single choice with per-answer feedback
    assert strip(puzzles["q2"]) == {"type": "single", "options": [
        {"id": "a", "text": "yellow", "correct": True, "feedback": "right; good!"},
        {"id": "b", "text": "red", "feedback": "wrong, it's yellow"},
        {"id": "c", "text": "blue", "feedback": "wrong, it's yellow"}]}
    # fill-in-the-blank: a short answer in the text
    assert puzzles["q3"]["prompt"] == "Two plus _____ equals four."
    assert strip(puzzles["q3"]) == {"type": "text", "answers": ["two", "2"]}
    assert strip(puzzles["q4"]) == {"type": "match", "pairs": [
        {"id": "a", "left": "cat", "right": "cat food"}, {"id": "b", "left": "dog", "right": "dog food"}]}
    # tolerance, and a range as its middle ± half its width
    assert strip(puzzles["q5"]) == strip(puzzles["q6"]) == {"type": "number", "answer": 3, "tolerance": 2}
    assert strip(puzzles["q19"]) == {"type": "number", "answer": 3.1415, "tolerance": 0.0005}
    assert strip(puzzles["q18"]) == {"type": "number", "answer": 3.14159, "tolerance": 0.0005}
    # several numeric answers: the one at 100 %, its feedback; the 50 % one is said
    assert strip(puzzles["q7"]) == {"type": "number", "answer": 1822,
                                    "feedback": {"correct": "Correct! Full credit."}}
    # missing word, answers on their own lines
    assert puzzles["q10"]["prompt"] == ("The American holiday of Thanksgiving is celebrated on the _____ "
                                        "Thursday of November.")
    assert [o.get("correct", False) for o in puzzles["q10"]["options"]] == [False, False, True]
    assert puzzles["q12"]["answer"] is False and puzzles["q13"]["answer"] is True
    # general feedback is the explanation
    assert puzzles["q16"]["explanation"] == "It's good to know the capitals"
    assert [p["right"] for p in puzzles["q16"]["pairs"]] == ["Ottawa", "Rome", "Tokyo", "New Delhi"]
    # true/false feedback: « #if wrong#if right »
    assert puzzles["q24"]["feedback"] == {"wrong": "Yes, it is in Manhattan.",
                                          "correct": "Sorry, it is in New York City, in Manhattan."}
    # short answers share their feedback
    assert strip(puzzles["q22"]) == {"type": "text", "answers": ["no one", "nobody"],
                                     "feedback": {"correct": "excellent answer!"}}
    # weights: a multiple choice, the positive ones right, partial credit
    assert strip(puzzles["q28"]) == {"type": "multiple", "partial": True, "options": [
        {"id": "a", "text": "No one"}, {"id": "b", "text": "Grant", "correct": True},
        {"id": "c", "text": "Grant's wife", "correct": True}, {"id": "d", "text": "Grant's father"}]}
    # escaped equals signs in answers
    assert [o["text"] for o in puzzles["q29"]["options"]] == ["= 2 + 2", "= 2 + 3", "= 2 + 4"]
    assert puzzles["jesus_hometown"]["prompt"] == "Jesus Christ was from _____."
    assert puzzles["jesus_hometown_short"]["answers"] == ["Nazareth", "Nazereth", "Bethlehem"]
    # categories are themes, without Moodle's $course$/top/
    assert puzzles["capital"]["theme"] == "tom/dick/harry"
    assert puzzles["capital"]["explanation"] == "Paris has been the capital since 987."
    assert puzzles["q35"]["theme"] == "Géographie"
    assert result.game["themes"] == ["tom/dick/harry", "Géographie"]
    # [markdown] and [html], answers in the question's format
    assert puzzles["q35"]["prompt"] == "Can you use markdown in a Moodle (https://moodle.org) question?"
    assert puzzles["q36"]["prompt"] == "Which is bold?"
    assert [o["text"] for o in puzzles["q36"]["options"]] == ["this", "that"]
    # skipped: the essay and the description, with their lines
    skipped = [(d.line, d.code) for d in result.notes if d.code == "gift.skipped"]
    assert skipped == [(31, "gift.skipped"), (141, "gift.skipped")]
    assert result.skipped == 2
    # what was lost is said where it was written
    lost = {(d.line, d.message) for d in result.notes}
    assert (27, "réponse 1822:2 à 50 % ignorée, et son retour : Sésame ne donne pas de points partiels "
                "pour un nombre") in {(line, m) for line, m in lost}
    assert any(line == 120 and "Bethlehem" in m and "25 %" in m for line, m in lost)
    assert any(line == 129 and "Nazereth" in m and "75 %" in m for line, m in lost)
    plays(written(tmp_path, result))


def test_every_escape(tmp_path):
    puzzles = imported("escapes").game["puzzles"]
    first = puzzles[0]
    assert first["title"] == "Title with : a colon, {braces} and a \\ backslash"
    assert first["prompt"] == ("Text with ~ tilde, = equals, # hash, { braces }, a colon: here,\n"
                               "a new line and C:\\Temp (a lone backslash stays).")
    assert first["options"] == [
        {"id": "a", "text": "right = correct # ~ {}", "correct": True, "feedback": "feedback with : and # and\nnewline"},
        {"id": "b", "text": "wrong : answer", "feedback": "no = way"}]
    assert first["explanation"] == "general # feedback { }"
    short = puzzles[1]
    assert short["title"] == "Short: escapes" and short["prompt"] == "Type the symbol for equals (=)."
    assert short["answers"] == ["equals sign"]  # « = » alone cannot be compared: dropped, and said
    assert [(p["left"], p["right"]) for p in puzzles[2]["pairs"]] == [
        ("tilde ~", "~"), ("hash #", "#"), ("arrow", "a \\-> b -> c")]  # the first « -> » splits
    assert puzzles[3]["prompt"] == "Where is Moodle? Not a comment: http://moodle.org"
    assert puzzles[4]["explanation"] == "forty: two"
    assert puzzles[5]["prompt"] == "The set {1, 2} has _____ elements." and puzzles[5]["answer"] == 2
    assert puzzles[6]["id"] == "my-question"  # « // [id:my-question] »: Moodle's idnumber
    plays(written(tmp_path, imported("escapes")))


def test_text_formats(tmp_path):
    result = imported("formats")
    puzzles = result.game["puzzles"]
    assert puzzles[0]["prompt"] == "A newline\nstays a line break, tags go, & entities are read."
    assert puzzles[1]["prompt"] == "x < 3 and y > 2 stay as written."
    assert puzzles[2]["prompt"] == ("First paragraph with a newline that is a space.\n"
                                    "Second\u00a0paragraph: [image : a map] <tag>\n- one\n- two")
    assert puzzles[2]["options"] == [{"id": "a", "text": "yes", "correct": True, "feedback": "well done"},
                                     {"id": "b", "text": "<em>no</em>"}]
    assert puzzles[3]["prompt"] == ("A heading\nSome emphasis, strong, code, a link (https://example.org) "
                                    "and [image : an image].")
    assert puzzles[4]["prompt"] == "<b>not bold</b> &amp; not an entity"
    assert [d.line for d in result.notes if "image" in d.message] == [7, 13]
    plays(written(tmp_path, result))


@pytest.mark.parametrize("name", ["syntax", "answers"])
def test_errors_are_located_and_explained_in_french(name):
    with pytest.raises(GiftError) as caught:
        import_file(CORPUS / "errors" / f"{name}.gift")
    expected = (CORPUS / "errors" / f"{name}.expected").read_text(encoding="utf-8")
    assert "".join(f"{d}\n" for d in caught.value.diagnostics) == expected


def test_errors_in_english():
    set_language("en")
    with pytest.raises(GiftError) as caught:
        import_text("::Q:: Question {=a ~b\n\nNext {T}\n", "q.gift", "q")
    assert str(caught.value.diagnostics[0]).startswith("q.gift:1:22: error: answer block opened on line 1")


def test_syntax_errors_stop_after_twenty():
    with pytest.raises(GiftError) as caught:
        import_text("\n\n".join(f"Q{i} {{=a ~b" for i in range(30)), "x.gift", "x")
    diagnostics = caught.value.diagnostics
    assert len(diagnostics) == 21 and diagnostics[-1].message.startswith("20 erreurs de syntaxe : la lecture s’arrête")


def test_a_file_in_windows_1252_is_read_and_said(tmp_path):
    path = tmp_path / "vieux.gift"
    path.write_bytes("Quelle est la capitale de la France ?\n{=Paris ~Lyon ####C’est Paris.}\n".encode("cp1252"))
    text, notes = read_gift(path)
    assert "C’est Paris" in text
    assert [(n.line, n.code) for n in notes] == [(2, "gift.encoding")]


def test_crlf_and_bom():
    result = import_text("\ufeff::T:: Vrai ?\r\n{T}\r\n\r\n::U:: Faux ?{F}", "w.gift", "w")
    assert [p["answer"] for p in result.game["puzzles"]] == [True, False]


def test_a_file_with_nothing_to_ask():
    with pytest.raises(GiftError) as caught:
        import_text("// nothing\n\nHow are you? {}\n", "e.gift", "e")
    assert [d.code for d in caught.value.diagnostics] == ["gift.empty", "gift.skipped"]


# --- the command line ------------------------------------------------------------------------

def test_import_check_replay_export_reimport(tmp_path, capsys):
    folder = tmp_path / "quiz"
    assert main(["import-gift", str(CORPUS / "moodle_doc.gift"), "--out", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "36 questions importées" in out and "2 ignorées" in out
    assert "moodle_doc.gift:31:1: avertissement: question à réponse rédigée" in out
    # the whole bank lacks sources: one warning, not 36
    assert out.count("sans source") == 0 and out.count("aucune des 36 énigmes ne cite de source") == 1
    assert "0 erreur(s)" in out
    assert main(["replay", str(folder)]) == 0
    # a second import into the same folder needs --force
    assert main(["import-gift", str(CORPUS / "moodle_doc.gift"), "--out", str(folder)]) == 2
    assert main(["import-gift", str(CORPUS / "moodle_doc.gift"), "--out", str(folder), "--force"]) == 0
    gift = tmp_path / "back.gift"
    assert main(["export-gift", str(folder), "--out", str(gift)]) == 0
    assert "36 questions écrites" in capsys.readouterr().out
    again = import_file(gift).game
    first = load_game(folder, use_cache=False).data
    assert again["puzzles"] == first["puzzles"]


def test_import_of_a_broken_file_writes_nothing(tmp_path, capsys):
    folder = tmp_path / "quiz"
    assert main(["import-gift", str(CORPUS / "errors" / "syntax.gift"), "--out", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "syntax.gift:3:43: erreur: bloc de réponses ouvert ligne 3" in err
    assert not folder.exists()
    assert main(["import-gift", str(tmp_path / "absent.gift")]) == 2


def test_export_lists_what_gift_cannot_hold(tmp_path, capsys):
    gift = tmp_path / "mini.gift"
    assert main(["export-gift", str(FIXTURES / "mini_quiz"), "--out", str(gift)]) == 0
    out = capsys.readouterr().out
    for kind, ident in (("directions", "q6"), ("order", "q7"), ("categories", "q9"), ("hotspot", "q10")):
        assert f"« {ident} » non exportée : type « {kind} »" in out
    assert "« q3 » : sans équivalent en GIFT, non écrit : libellés des boutons" in out
    assert "« q5 » : sans équivalent en GIFT, non écrit : unité, points selon la proximité" in out
    assert "6 questions écrites" in out and "4 non exportées" in out
    back = by_id(import_file(gift).game)
    source = {p["id"]: p for p in load_game(FIXTURES / "mini_quiz", use_cache=False).data["puzzles"]}
    assert back["q1"]["options"] == source["q1"]["options"]
    assert back["q2"]["options"] == source["q2"]["options"] and back["q2"]["partial"] is True
    assert back["q3"]["answer"] is False and back["q4"]["answers"] == ["Toulouse"]
    assert (back["q5"]["answer"], back["q5"]["tolerance"]) == (30, 2)
    assert back["q8"]["pairs"] == source["q8"]["pairs"]


def test_export_of_the_bundled_games(tmp_path):
    """Every bundled game exports; what is written imports again and checks clean."""
    for game in ("escape_fake_news", "metiers_industrie"):
        data = load_game(FIXTURES.parent.parent / "games" / game, use_cache=False).data
        result = export(data)
        assert result.written and len(result.written) + len(result.left_out) == len(data["puzzles"])
        back = import_text(result.text, f"{game}.gift", game)
        assert [p["id"] for p in back.game["puzzles"]] == result.written
        plays(written(tmp_path, back, game))


def test_sources_go_into_the_general_feedback():
    data = {"id": "g", "sources": [{"id": "s", "title": "Un rapport", "publisher": "Insee", "date": "2024"}],
            "puzzles": [{"id": "q", "type": "truefalse", "prompt": "Vrai ?", "answer": True,
                         "explanation": "Parce que.", "sources": ["s"]}]}
    back = import_text(export(data).text, "g.gift", "g").game["puzzles"][0]
    assert back["explanation"] == "Parce que.\nSource : Un rapport (Insee, 2024)"


# --- the lint's grouped warning ----------------------------------------------------------------

def test_a_bank_without_sources_gets_one_warning(write_game):
    puzzles = "".join(f"  - {{id: q{i}, type: truefalse, prompt: Vrai ?, answer: true, explanation: Oui.}}\n"
                      for i in range(5))
    head = ("format: 1\nid: g\ntitle: G\nsummary: S.\ngenre: quiz\nversion: 1.0.0\n"
            "audience: {age_min: 11, age_max: 18}\nduration: {min: 5, max: 10}\nlicence: CC-BY-4.0\n")
    report = check_path(write_game({"game.yaml": head + "puzzles:\n" + puzzles}, "bank"), solve=False)
    messages = [d.message for d in report.warnings if d.code == "lint.no_source"]
    assert messages == ["aucune des 5 énigmes ne cite de source : déclarez-les sous « sources » et citez-les "
                        "dans chaque énigme"]
    cited = puzzles.replace("answer: true,", "answer: true, sources: [s],", 1)
    sourced = head + "sources: [{id: s, title: T}]\npuzzles:\n" + cited
    report = check_path(write_game({"game.yaml": sourced}, "some"), solve=False)
    assert len([d for d in report.warnings if d.code == "lint.no_source"]) == 4  # the forgotten ones, each


# --- texts -------------------------------------------------------------------------------------

def test_tidy_is_idempotent_and_keeps_french_spaces():
    text = "  Quelle\u00a0?  \n\n\n  deux   espaces \n"
    assert tidy(text) == "Quelle\u00a0?\n\ndeux espaces"
    assert tidy(tidy(text)) == tidy(text)


def test_html_reduction_drops_scripts_and_says_images():
    reduced = reduce('<p>a</p><script>x()</script><img src="i.png">b', "html")
    assert (reduced.text, reduced.lost) == ("a\n[image]b", ["image"])


# --- property-based: round trip and escapes ---------------------------------------------------------

settings.register_profile("gift", deadline=None, max_examples=EXAMPLES,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

WORD = st.text(alphabet="abcdeXYZéàœ0123456789", min_size=1, max_size=6)
SPECIAL = st.sampled_from(list("~=#{}:\\-><%*_/[]&") + ["\n", " -> ", "//", "\\n", "  ", "[html]", "%50%"])
TEXT = st.lists(st.one_of(WORD, WORD, SPECIAL), min_size=1, max_size=8).map(" ".join).filter(
    lambda t: any(c.isalnum() for c in t) and not t.lstrip().startswith("//"))  # a « // » line is a comment
FORMAT = st.sampled_from(["", "[moodle]", "[plain]", "[html]", "[markdown]"])
SPACE = st.sampled_from([" ", "\n", "\n    ", "\n// a comment inside\n", "\t"])


@st.composite
def numbers(draw):
    scale = Decimal(10) ** -draw(st.integers(0, 3))
    value = Decimal(draw(st.integers(-10**6, 10**6))) * scale
    width = Decimal(draw(st.integers(0, 10**4))) * scale
    form = draw(st.sampled_from(["exact", "tolerance", "range"]))
    if form == "exact":
        return f"{value}"
    if form == "tolerance":
        return f"{value}:{width}"
    return f"{value}..{value + width}"


def feedback(draw) -> str:
    return "#" + escape(draw(TEXT)) if draw(st.booleans()) else ""


@st.composite
def questions(draw):
    kind = draw(st.sampled_from(["single", "multiple", "truefalse", "short", "numeric", "match", "essay",
                                 "description"]))
    sp = lambda: draw(SPACE)  # noqa: E731
    if kind == "single":
        count = draw(st.integers(2, 5))
        right = draw(st.integers(0, count - 1))
        answers = [("=" if i == right else "~") + escape(draw(TEXT)) + feedback(draw) for i in range(count)]
    elif kind == "multiple":
        count = draw(st.integers(2, 6))
        right = draw(st.integers(1, count))
        answers = [f"~%{draw(st.sampled_from(['50', '33.33333', '100', '25']))}%" if i < right
                   else f"~%{draw(st.sampled_from(['-100', '-50', '0']))}%" for i in range(count)]
        answers = [a + escape(draw(TEXT)) + feedback(draw) for a in answers]
        draw(st.randoms()).shuffle(answers)
    elif kind == "truefalse":
        answers = [draw(st.sampled_from(["T", "TRUE", "F", "FALSE"])) + feedback(draw) + feedback(draw)]
    elif kind == "short":
        answers = ["=" + escape(draw(TEXT)) + feedback(draw) for _ in range(draw(st.integers(1, 4)))]
    elif kind == "numeric":
        answers = ["#" + "".join(sp() + "=" + draw(numbers()) + feedback(draw)
                                 for _ in range(draw(st.integers(1, 3))))]
    elif kind == "match":
        answers = [f"={escape(draw(TEXT))}{sp()}->{sp()}{escape(draw(TEXT))}" for _ in range(draw(st.integers(2, 5)))]
    else:
        answers = []
    general = sp() + "####" + escape(draw(TEXT)) if kind != "description" and draw(st.booleans()) else ""
    block = "{" + sp() + sp().join(answers) + general + sp() + "}"
    head = ""
    if draw(st.booleans()):
        head += f"// [id:{draw(st.sampled_from(['a', 'b1', 'Q-9', 'x y']))}]\n"
    if draw(st.booleans()):
        head += "::" + escape(draw(TEXT)) + "::" + sp()
    head += draw(FORMAT)
    before, after = escape(draw(TEXT)), escape(draw(TEXT)) if draw(st.booleans()) else ""
    question = head + before if kind == "description" else head + before + sp() + block + (" " + after if after else "")
    return re.sub(r"\n([ \t]*\n)+", "\n", question)  # spaces drawn side by side made no blank line


@st.composite
def banks(draw):
    parts = []
    for question in draw(st.lists(questions(), min_size=1, max_size=8)):
        if draw(st.integers(0, 4)) == 0:
            parts.append(f"$CATEGORY: $course$/top/{draw(WORD)}")
        parts.append(question)
    return "\n\n".join(parts) + "\n"


@settings(settings.get_profile("gift"))
@given(banks())
def test_round_trip(tmp_path, text):
    """import → export → import gives the same game, and every import plays."""
    try:
        first = import_text(text, "bank.gift", "bank")
    except GiftError as error:
        # Only what Moodle refuses too: every message located, and never a syntax error
        # (the generator writes valid GIFT).
        assert all(d.line >= 1 and d.code != "gift.syntax" for d in error.diagnostics), error
        assume(False)
    exported = export(first.game)
    assume(not exported.left_out)  # « -> » brought into a short answer by an HTML entity
    second = import_text(exported.text, "bank.gift", "bank")
    assert second.game == first.game
    assert second.walkthrough == first.walkthrough
    assert not [n for n in second.notes if n.code == "gift.skipped"]
    folder = tmp_path / "round"
    write_game(first, folder, "bank.gift")
    assert read_text((folder / "game.yaml").read_text(encoding="utf-8"), "game.yaml").data == first.game
    plays(folder)


@settings(settings.get_profile("gift"))
@given(st.text(min_size=1, max_size=60).filter(lambda t: any(c.isalnum() for c in t)),
       st.sampled_from(["", "[plain]"]))
def test_any_text_survives_escaping(text, marker):
    """Whatever characters a text holds, escaped it reads back as written (tidied)."""
    text = text.replace("\r", "").replace("\x00", "")
    assume(not text.lstrip().startswith(("[html]", "[moodle]", "[plain]", "[markdown]", "//", "::")))
    assume(marker or reduce(text, "moodle").text == tidy(text))  # no HTML read in the default format
    assume(tidy(text))
    gift = f"{marker}{escape(text)} {{T}}\n"
    try:
        puzzle = import_text(gift, "t.gift", "t").game["puzzles"][0]
    except GiftError as error:
        assert all(d.code != "gift.syntax" for d in error.diagnostics), error
        return
    assert puzzle["prompt"] == tidy(text)


def test_yaml_written_reads_back_the_same():
    data = {"a": "no", "b": "0451", "c": "2024-01-01", "d": "ligne 1\nligne 2", "e": "yes: no", "f": "# x",
            "g": "- x", "h": " espace", "i": "~", "j": "é\u00a0?"}
    assert read_text(dump_yaml(data), "x.yaml").data == data
