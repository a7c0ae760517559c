"""Translation of every string the program shows, through gettext catalogs.

Messages are written in French in the code (French is the default language of
Sésame); ``engine/locale/<lang>/LC_MESSAGES/sesame.po`` translates them, managed with
Babel (``pybabel extract/update/compile``, see ``build/i18n.sh``). A missing catalog
falls back to French, never to an error.
"""

from __future__ import annotations

import gettext

from .paths import catalogs

DOMAIN = "sesame"
LOCALE_DIR = catalogs()
LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Switch every later message to ``language`` (``fr`` or ``en``)."""
    global _translation, _language
    _language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    if _language == DEFAULT_LANGUAGE:
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(DOMAIN, LOCALE_DIR, [_language], fallback=True)


def language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message``, written in French, into the current language."""
    return _translation.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it yet (tables of messages
    translated later with ``_(message)``)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural of a message written in French, translated. French takes the
    singular for 0 and 1 (« 0 indice »); catalogs bring their own rule."""
    if _language == DEFAULT_LANGUAGE:
        return singular if abs(n) < 2 else plural
    return _translation.ngettext(singular, plural, n)
