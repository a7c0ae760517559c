"""Text rules shared by the whole program: forgiving comparison and French typography."""

from __future__ import annotations

import re
import unicodedata

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


_BEFORE_HIGH = re.compile(r"[ \u00a0\u202f]*([;!?]+)")
_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]*:(?=\s|$)")
_QUOTES_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_QUOTES_CLOSE = re.compile(r"[ \u00a0\u202f]*»")
_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f]*%")


def french(text: str) -> str:
    """French typography for display: no-break spaces before ; : ! ? %, and inside « ».

    Leaves URLs, times (14:30) and already-correct text alone; applying it twice gives
    the same result.
    """
    if not text:
        return text
    out = []
    for token in re.split(r"(\S*://\S*)", text):  # keep URLs as they are
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
