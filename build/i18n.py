#!/usr/bin/env python3
"""Keep the translation catalogs in step with the code, with Babel.

    python3 build/i18n.py          # extract messages, update every .po, compile the .mo
    python3 build/i18n.py --check  # exit 1 if a catalog is out of date (used by the tests)

Messages are written in French in the code (``_("…")``); ``engine/locale/en`` holds
their English translation. A new language: ``pybabel init -i engine/locale/sesame.pot
-d engine/locale -D sesame -l oc``, translate, run this script.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "engine" / "locale"
DOMAIN = "sesame"
METHOD_MAP = [("engine/**.py", "python")]


def template() -> Catalog:
    catalog = Catalog(project="Sésame", locale="fr", domain=DOMAIN, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            str(ROOT), METHOD_MAP, keywords={"_": None, "N_": None, "ngettext": (1, 2)}, comment_tags=("TRANSLATORS:",)):
        # the same catalog from any system: « engine/cli.py », not « engine\cli.py » on Windows
        catalog.add(message, None, [(filename.replace(os.sep, "/"), lineno)], auto_comments=comments,
                    context=context)
    return catalog


def po_path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())


def updated(language: str, pot: Catalog) -> Catalog:
    path = po_path(language)
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=language, domain=DOMAIN)
    pot.creation_date = catalog.creation_date  # the date of a run is not a change
    catalog.update(pot, no_fuzzy_matching=True)
    return catalog


def serialise(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, sort_output=True, include_previous=False,
             ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def messages(catalog: Catalog) -> dict[object, object]:
    """What a catalog says, without its header (the generator's name and version, dates):
    each message with its translation, flags, files and comments. Two catalogs with the
    same messages are the same catalog, whichever Babel wrote them."""
    out: dict[object, object] = {}
    for message in catalog:
        if not message.id:
            continue
        key = (message.context, tuple(message.id) if isinstance(message.id, (list, tuple)) else message.id)
        string = tuple(message.string) if isinstance(message.string, (list, tuple)) else message.string
        files = sorted({filename for filename, _line in message.locations})  # no line numbers kept
        out[key] = (string, sorted(message.flags), files, message.auto_comments)
    return out


def up_to_date(language: str, catalog: Catalog) -> bool:
    """The .po and .mo on disk hold exactly the messages of ``catalog`` (the .mo compared
    with what compiling ``catalog`` gives, read back: Babel fills untranslated plurals)."""
    po, mo = po_path(language), po_path(language).with_suffix(".mo")
    if not mo.exists():
        return False
    with po.open("rb") as stream:
        on_disk = read_po(stream, locale=language, domain=DOMAIN)
    with mo.open("rb") as stream:
        compiled_on_disk = read_mo(stream)
    return (messages(on_disk) == messages(catalog)
            and messages(compiled_on_disk) == messages(read_mo(io.BytesIO(compiled(catalog)))))


def main(argv: list[str]) -> int:
    check = "--check" in argv
    pot = template()
    stale = []
    for language in languages():
        catalog = updated(language, pot)
        po_bytes, mo_bytes = serialise(catalog), compiled(catalog)
        mo = po_path(language).with_suffix(".mo")
        untranslated = [m.id for m in catalog if m.id and not (
            all(m.string) if isinstance(m.string, (tuple, list)) else m.string)]
        if check:
            if not up_to_date(language, catalog):
                stale.append(f"{language}: catalog out of date, run python3 build/i18n.py")
            if untranslated:
                stale.append(f"{language}: {len(untranslated)} message(s) without translation, "
                             f"first: {untranslated[0]!r}")
        else:
            po_path(language).write_bytes(po_bytes)
            mo.write_bytes(mo_bytes)
            print(f"{language}: {len(catalog)} messages, {len(untranslated)} untranslated")
    for line in stale:
        print(line)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
