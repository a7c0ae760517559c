"""Translations: catalogs are complete and compiled; French typography is right."""

from __future__ import annotations

import subprocess
import sys

import pytest

from engine.core.text import NBSP, NNBSP, french

from .conftest import ROOT


def test_catalogs_are_up_to_date_and_complete():
    result = subprocess.run([sys.executable, "build/i18n.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_catalog_check_compares_messages_not_the_generators_header(tmp_path, monkeypatch):
    """Babel 2.19 writes « Generated-By: Babel 2.19.0 »: a header is not a change; a
    translation is."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("sesame_i18n", ROOT / "build" / "i18n.py")
    i18n = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(i18n)
    po = i18n.po_path("en")
    copy = tmp_path / "sesame.po"
    monkeypatch.setattr(i18n, "po_path", lambda language: copy)
    text = po.read_text(encoding="utf-8")
    assert "Generated-By: Babel" in text
    copy.write_text(text.replace("Generated-By: Babel", "Generated-By: Babel 99.0 (a future one)"), encoding="utf-8")
    with po.open("rb") as stream:
        catalog = i18n.read_po(stream, locale="en", domain=i18n.DOMAIN)
    (tmp_path / "sesame.mo").write_bytes(i18n.compiled(catalog))
    assert i18n.up_to_date("en", catalog)
    copy.write_text(text.replace('msgstr "Sésame: escape games', 'msgstr "Sesame: escape games', 1), encoding="utf-8")
    assert not i18n.up_to_date("en", catalog)


@pytest.mark.parametrize("raw, shown", [
    ("Vrai ou infox ?", f"Vrai ou infox{NNBSP}?"),
    ("Attention: il est 14:30 !", f"Attention{NBSP}: il est 14:30{NNBSP}!"),
    ("« Bonjour »", f"«{NNBSP}Bonjour{NNBSP}»"),
    ("Quoi ?!", f"Quoi{NNBSP}?!"),
    ("Réussite : 40 % ou 40%", f"Réussite{NBSP}: 40{NNBSP}% ou 40{NNBSP}%"),
    ("Voir https://exemple.fr/a?b=1 ; merci", f"Voir https://exemple.fr/a?b=1{NNBSP}; merci"),
])
def test_french_typography(raw, shown):
    assert french(raw) == shown
    assert french(shown) == shown  # idempotent


def test_plural_forms_in_french_and_english():
    from engine.i18n import ngettext, set_language

    for n, expected in ((0, "0 indice"), (1, "1 indice"), (2, "2 indices")):
        assert ngettext("{n} indice", "{n} indices", n).format(n=n) == expected
    set_language("en")
    try:
        assert [ngettext("{n} indice", "{n} indices", n).format(n=n) for n in (0, 1, 2)] == \
            ["0 hints", "1 hint", "2 hints"]
    finally:
        set_language("fr")
