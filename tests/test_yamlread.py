"""The YAML reader: plain data, limits that stop hostile files, positions."""

from __future__ import annotations

import time

import pytest

from engine.content.yamlread import MAX_DEPTH, YamlError, locate, read_file, read_text


def message(text: str) -> str:
    with pytest.raises(YamlError) as caught:
        read_text(text, "f.yaml")
    return str(caught.value.diagnostic)


def test_plain_data_and_dates_stay_text():
    data = read_text("a: 1\nb: [x, yes, 2024-01-02, '3', 1.5, ~]\n", "f.yaml").data
    assert data == {"a": 1, "b": ["x", True, "2024-01-02", "3", 1.5, None]}


def test_billion_laughs_is_refused_at_the_first_alias_quickly():
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    start = time.perf_counter()
    text = message(bomb)
    assert time.perf_counter() - start < 1.0
    assert text.startswith("f.yaml:2:")
    assert "ancres et alias" in text


def test_deep_nesting_is_refused_without_crashing():
    # The C composer segfaults at this depth; the reader must stop it first.
    text = message("a: " + "[" * 100_000 + "]" * 100_000)
    assert f"plus de {MAX_DEPTH} niveaux" in text


def test_python_tags_are_refused():
    assert "étiquette YAML" in message("a: !!python/object/apply:os.system [ls]\n")


def test_several_documents_are_refused():
    assert message("a: 1\n---\nb: 2\n").startswith("f.yaml:2:1:")


def test_duplicate_key_is_reported_with_its_line():
    result = read_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [str(d) for d in result.diagnostics] == [
        "f.yaml:3:1: erreur: la clé « a » apparaît deux fois ici : seule la dernière serait lue ; "
        "gardez-en une seule"]


@pytest.mark.parametrize("text, expected", [
    ("a: b: c\n", "f.yaml:1:5: erreur: erreur de syntaxe YAML : deux-points « : » inattendu"),
    ("a:\n\tb: 1\n", "f.yaml:2:1: erreur: erreur de syntaxe YAML : une tabulation sert d’indentation"),
    ("a: [1, 2\n", "f.yaml:2:1: erreur: erreur de syntaxe YAML : une liste entre crochets [ ] n’est pas refermée"),
    # one case for each wording of libyaml's that gets its own hint: a new libyaml that
    # words one differently fails here (authors would get the generic French hint)
    ("a: b\nc\nd: e\n", "f.yaml:3:1: erreur: erreur de syntaxe YAML : il manque « : » après une clé"),
    ("a:\n  b: 1\n c: 2\n", "f.yaml:3:2: erreur: erreur de syntaxe YAML : l’indentation ne correspond pas au bloc"),
    ("- a\n- b\nc: d\n", "f.yaml:3:1: erreur: erreur de syntaxe YAML : l’indentation ne correspond pas à la liste"),
    ("a: {b: 1\n", "f.yaml:2:1: erreur: erreur de syntaxe YAML : un bloc entre accolades { } n’est pas refermé"),
    ('a: "abc\n', "f.yaml:1:4: erreur: erreur de syntaxe YAML : des guillemets ouverts ne sont pas refermés"),
    ("a: @x\n", "f.yaml:1:4: erreur: erreur de syntaxe YAML : le caractère « @ » ne peut pas commencer"),
])
def test_syntax_errors_say_where_and_what(text, expected):
    assert message(text).startswith(expected)


def test_huge_and_non_utf8_files(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:
        out.truncate(9 * 1024 * 1024)
    with pytest.raises(YamlError, match="trop lourd"):
        read_file(big, "big.yaml")
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("titre: Électricité\n".encode("latin-1"))
    with pytest.raises(YamlError) as caught:
        read_file(latin, "latin.yaml")
    assert str(caught.value.diagnostic).startswith("latin.yaml:1:8: erreur: ce fichier n’est pas en UTF-8")


def test_locate_values_keys_and_missing_fields():
    text = "a:\n  - x\n  - {id: q, prompt: hi}\nb: 2\n"
    assert locate(text, ("a", 1, "prompt")) == (3, 21)
    assert locate(text, ("a", 1, "prompt"), key=True) == (3, 13)
    assert locate(text, ("a", 1, "missing")) == (3, 5)
    assert locate(text, ("b",)) == (4, 4)


def test_nesting_refused_by_libyaml_itself_gets_our_message(monkeypatch):
    """Whatever libyaml says when it refuses deep nesting (0.2.6 does, in English, at
    1 000 levels), the author reads our message, located at the bracket too deep."""
    import yaml

    from engine.content import yamlread

    def refuse(text, Loader):  # noqa: N803 - yaml's own keyword
        raise yaml.MarkedYAMLError(problem="exceeded maximum nesting depth (some future wording)",
                                   problem_mark=yaml.Mark("f.yaml", 0, 0, 1002, None, None))
        yield  # pragma: no cover

    monkeypatch.setattr(yamlread.yaml, "parse", refuse)
    text = message("a: " + "[" * 2000 + "]" * 2000)
    assert text.startswith(f"f.yaml:1:{3 + MAX_DEPTH + 1}:")  # the 41st bracket
    assert f"plus de {MAX_DEPTH} niveaux" in text


def test_brackets_in_quotes_and_apostrophes_do_not_count_as_nesting():
    import yaml

    from engine.content.yamlread import _too_deep_before
    line = "t: [l'école, '" + "[" * 100 + "', \"" + "{" * 100 + "\"] # " + "[" * 100
    assert _too_deep_before(line, yaml.Mark("f", 0, 0, len(line) - 1, None, None)) is None
    line = "t: l'école " + "[" * (MAX_DEPTH + 1)
    assert _too_deep_before(line, yaml.Mark("f", 0, 0, len(line) - 1, None, None)) == (1, len(line))


def test_an_unknown_libyaml_wording_still_gets_a_french_message(monkeypatch):
    import yaml

    from engine.content import yamlread

    def fail(text, Loader):  # noqa: N803
        raise yaml.MarkedYAMLError(problem="some wording no version had before",
                                   problem_mark=yaml.Mark("f.yaml", 0, 0, 3, None, None))
        yield  # pragma: no cover

    monkeypatch.setattr(yamlread.yaml, "parse", fail)
    text = message("a: b\n")
    assert text.startswith("f.yaml:1:4: erreur: erreur de syntaxe YAML : vérifiez la ponctuation")
    assert "wording" not in text


@pytest.mark.parametrize("text, place, code", [
    ('a: "x\x01y"\n', "f.yaml:1:6:", "U+0001"),
    ("a: ok\nb: « éé\x07 »\n", "f.yaml:2:8:", "U+0007"),  # counted in characters, not libyaml's bytes
    ("a: \ufffe\n", "f.yaml:1:4:", "U+FFFE"),
])
def test_a_character_yaml_refuses_is_named_and_located_in_french(text, place, code):
    """libyaml refuses control characters in English, unlocated (« unacceptable character
    #x0001: control characters are not allowed … position 5 »): the author reads ours."""
    shown = message(text)
    assert shown.startswith(place), shown
    assert f"caractère {code} interdit en YAML" in shown
    assert "unacceptable" not in shown and "position" not in shown


def test_a_reader_error_of_another_libyaml_version_is_still_french(monkeypatch):
    import yaml

    from engine.content import yamlread

    def fail(text, Loader):  # noqa: N803
        raise yaml.reader.ReaderError("f.yaml", 3, "?", "utf-9", "some reason no version gave before")
        yield  # pragma: no cover

    monkeypatch.setattr(yamlread.yaml, "parse", fail)
    shown = message("a: b\n")
    assert shown.startswith("f.yaml:0:0: erreur: YAML illisible :"), shown
    assert "reason" not in shown
