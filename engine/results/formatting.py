"""Numbers, dates and durations as the teacher reads them, formatted by Babel.

The CSV always uses French conventions (it is made for a French Excel: decimal comma,
no thousands separator, which Excel would read as text); the HTML page follows the
language of the interface. An undefined figure (no answer to average) is ``None``
and shows as an empty cell in the CSV and a dash on the page, never as 0.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache

from babel.dates import format_datetime
from babel.numbers import format_decimal

from ..i18n import language

CSV_LOCALE = "fr_FR"
_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
DASH = "—"


def page_locale() -> str:
    """The Babel locale of the interface's language."""
    return _LOCALES.get(language(), CSV_LOCALE)


def number(value: float | None, digits: int = 1, locale: str = CSV_LOCALE, *,
           grouping: bool = False, fixed: bool = False) -> str:
    """``value`` rounded to ``digits`` decimals; trailing zeros are left out unless
    ``fixed`` (a column of indexes reads better as 0,40 · 0,00 · −0,15)."""
    if value is None:
        return ""
    # Rounded first (and -0 made 0): a class has few distinct percentages, so the cache
    # spares Babel most of the ten thousand calls of a large summary.
    return _decimal(round(value, digits) + 0.0, digits, locale, grouping, fixed)


@lru_cache(maxsize=8192)
def _decimal(value: float, digits: int, locale: str, grouping: bool, fixed: bool) -> str:
    decimals = ("0" if fixed else "#") * digits
    pattern = ("#,##0" if grouping else "0") + ("." + decimals if digits else "")
    return format_decimal(value, format=pattern, locale=locale, group_separator=grouping)


_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


def decimal_words(text: str, locale: str) -> str:
    """A recorded answer that is a number with a decimal point (an estimate, « 16.8 »)
    with the decimal sign of ``locale`` (« 16,8 » in French, « 16.8 » in English); any
    other answer as it is (a code such as « 1881 » keeps its digits, no separator)."""
    if not _DECIMAL.fullmatch(text):
        return text
    return number(float(text), len(text.partition(".")[2]), locale)


@lru_cache(maxsize=8192)
def when(iso: str, locale: str = CSV_LOCALE) -> str:
    """A start time as recorded on the pupil's machine (its wall clock, not converted).
    Cached: Babel takes a tenth of a millisecond, and a school's pupils often start in
    the same minute."""
    try:
        moment = datetime.fromisoformat(iso).replace(tzinfo=UTC)
    except ValueError:
        return iso
    # Formatted "in UTC" on both sides: Babel converts nothing, whatever the teacher's
    # machine's time zone, so the pupil's wall-clock time is shown as it was.
    return format_datetime(moment, "short", tzinfo=UTC, locale=locale)


def minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60.0
