"""Text rules shared by the whole program: forgiving comparison, French typography, and
what game text may put on a screen or a terminal."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz.distance import OSA

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, before ; ! ? and inside « »

_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: how free answers compare.

    « L’Île-de-France » and "l ile de france" fold to the same text.
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("œ", "oe").replace("æ", "ae")
    return _SPACES.sub(" ", _PUNCT.sub(" ", bare)).strip()


def typos_allowed(length: int) -> int:
    """How many typos (a letter missing, extra, wrong, or two swapped) an answer of
    ``length`` letters forgives: none up to 5 letters (« infox » is not « intox »), one
    up to 11, two up to 19, three beyond."""
    return 0 if length <= 5 else 1 if length <= 11 else 2 if length <= 19 else 3


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def close_enough(given: str, expected: str) -> bool:
    """Whether a typed ``given`` stands for ``expected``: both folded (case, accents,
    punctuation), spaces ignored, then typos forgiven in proportion to the expected
    answer's length (``typos_allowed``); figures must be exactly the same (a year or a
    quantity with one digit wrong is another answer). « biais de confirmaton » stands
    for « Biais de confirmation »."""
    given, expected = fold(given).replace(" ", ""), fold(expected).replace(" ", "")
    if not given or _digits(given) != _digits(expected):
        return False
    allowed = typos_allowed(len(expected))
    return OSA.distance(given, expected, score_cutoff=allowed) <= allowed


# Each pattern starts only where a run of spaces starts (the look-behinds): otherwise a
# long run of spaces would be scanned again from each of its positions (quadratic time).
_BEFORE_HIGH = re.compile(r"(?<![ \u00a0\u202f])[ \u00a0\u202f]*([;!?]+)")
_BEFORE_COLON = re.compile(r"(?<![ \u00a0\u202f])[ \u00a0\u202f]*:(?=\s|$)")
_QUOTES_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_QUOTES_CLOSE = re.compile(r"(?<![ \u00a0\u202f])[ \u00a0\u202f]*»")
_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f]*%")
_URL = re.compile(r"((?<!\S)\S*://\S*)")  # a whole word holding ://, found from its first letter


def french(text: str) -> str:
    """French typography for display: no-break spaces before ; : ! ? %, and inside « ».

    Leaves URLs, times (14:30) and already-correct text alone; applying it twice gives
    the same result.
    """
    if not text:
        return text
    out = []
    for token in _URL.split(text):  # keep URLs as they are
        if "://" in token:
            out.append(token)
            continue
        token = _BEFORE_HIGH.sub(lambda m: NNBSP + m.group(1), token)
        token = _BEFORE_COLON.sub(NBSP + ":", token)
        token = _QUOTES_OPEN.sub("«" + NNBSP, token)
        token = _QUOTES_CLOSE.sub(NNBSP + "»", token)
        token = _PERCENT.sub(NNBSP + "%", token)
        out.append(token)
    result = "".join(out)
    # No space may open a line: the string's own start stays as written.
    return re.sub(r"^[\u00a0\u202f]+", "", result)


def displayable(text: str) -> str:
    """``text`` as it can be drawn: line and paragraph separators become line breaks, a
    tab a space; control and format characters (zero-width spaces, bidi overrides such
    as U+202E, soft hyphens), surrogates, private-use and unassigned code points are
    left out. Game text is untrusted: what cannot be drawn must not reach the font."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char == "\n":
            out.append(char)
        elif char == "\t":
            out.append(" ")
        elif char in "\u2028\u2029\x85\x0b\x0c":
            out.append("\n")
        elif unicodedata.category(char)[0] == "Z":  # no-break and other spaces
            out.append(char)
    return "".join(out)


def for_terminal(text: str) -> str:
    """``text`` safe to print on a terminal: escape sequences, other control characters
    and bidi or zero-width characters are shown as ``\\x1b`` or ``<U+202E>`` instead of
    acting on the terminal (a game file could otherwise recolour or reorder the output)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char == "\n" or unicodedata.category(char) == "Zs":
            out.append(char)
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"<U+{ord(char):04X}>")
    return "".join(out)
