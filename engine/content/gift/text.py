"""GIFT texts: escapes, the four text formats reduced to plain text, and back.

Sésame shows plain text; a GIFT text may be ``[html]``, ``[markdown]``, ``[moodle]``
(the default: HTML allowed, a newline is a line break) or ``[plain]``. Each is reduced
to plain text with line breaks; what cannot be shown (images) is said, never dropped
silently. ``tidy`` gives the one spelling of a text that import and export share, so
that a text read, written and read again comes back the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

FORMATS = ("html", "moodle", "plain", "markdown")
ESCAPED = {"~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "n": "\n", "\\": "\\"}
BLANK = "_____"  # what Moodle puts where a missing word's answers were

# A tag or an entity: the sign that a [moodle] text holds HTML (and that a plain text
# must be marked [plain] on export, or Moodle would read it as HTML).
_HTML_LIKE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>|&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_FORMAT_AT_START = re.compile(r"\[(html|moodle|plain|markdown)\]")
_WEIGHT_AT_START = re.compile(r"%-?[0-9]+(\.[0-9]*)?%")


@dataclass
class Reduced:
    """A text as Sésame shows it, and what could not come along (images…)."""

    text: str
    lost: list[str] = field(default_factory=list)


def unescape(token: str) -> str:
    """The character an escape token (``\\~``, ``\\n``…) stands for."""
    return ESCAPED[token[1]]


def tidy(text: str) -> str:
    """One spelling for a text: spaces and tabs collapsed, lines trimmed, no empty line
    at either end nor two in a row. Idempotent. Non-breaking spaces stay (French
    typography puts one before « ? » and « : »)."""
    lines: list[str] = []
    for raw in text.split("\n"):
        line = re.sub(r"[ \t]+", " ", raw).strip(" \t")
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def reduce(text: str, form: str) -> Reduced:
    """``text`` (escapes already decoded) in format ``form`` as plain text."""
    if form == "plain":
        return Reduced(tidy(text))
    if form == "markdown":
        return _markdown(text)
    if form == "html":
        return _html(text, newlines_break=False)
    # moodle: HTML allowed, newlines are line breaks
    if _HTML_LIKE.search(text):
        return _html(text, newlines_break=True)
    return Reduced(tidy(text))


def looks_html(text: str) -> bool:
    return bool(_HTML_LIKE.search(text))


def escape(text: str) -> str:
    """``text`` written for a GIFT file: every special character escaped, newlines as
    ``\\n`` (a blank line would end the question)."""
    out = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        out = out.replace(char, "\\" + char)
    return out.replace("\n", "\\n")


def starts_like_format(text: str) -> bool:
    """Whether ``text`` begins like a format marker (``[html]``…), which Moodle would take
    for one: such a text is written after ``[plain]``."""
    return bool(_FORMAT_AT_START.match(text))


def starts_like_weight(text: str) -> bool:
    return bool(_WEIGHT_AT_START.match(text))


# --- HTML ------------------------------------------------------------------------------

_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "table", "blockquote", "pre", "hr", "dl", "dt", "dd", "section", "article"}
_HIDDEN = {"script", "style", "head", "title"}
_EDGE = "\x00"  # the edge of a block (paragraph, list item): one line break, however many meet


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lost: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "img":
            alt = (dict(attrs).get("alt") or "").strip()
            self.parts.append(f"[image : {alt}]" if alt else "[image]")
            self.lost.append("image")
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append(_EDGE)
            if tag == "li":
                self.parts.append("- ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append(_EDGE)

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _html(text: str, newlines_break: bool) -> Reduced:
    if newlines_break:
        text = text.replace("\n", "<br>")
    else:
        text = re.sub(r"\s*\n\s*", " ", text)
    parser = _Text()
    parser.feed(text)
    parser.close()
    text = re.sub("[ \t]*\x00[\x00 \t]*", "\n", "".join(parser.parts))
    return Reduced(tidy(text), sorted(set(parser.lost)))


# --- Markdown --------------------------------------------------------------------------

_MD_RULES = [
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t#]*$", re.M), r"\1"),  # headings
    (re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)[^)]*\)"), r"\1 (\2)"),  # links
    (re.compile(r"`([^`\n]*)`"), r"\1"),  # code
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"^[ \t]*[*+][ \t]+", re.M), "- "),  # list items
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),  # Markdown's own escapes
]
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)]*\)")


def _markdown(text: str) -> Reduced:
    lost = []
    if _MD_IMAGE.search(text):
        lost.append("image")
        text = _MD_IMAGE.sub(lambda m: f"[image : {m[1].strip()}]" if m[1].strip() else "[image]", text)
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    if _HTML_LIKE.search(text):
        html = _html(text, newlines_break=True)
        return Reduced(html.text, sorted(set(lost + html.lost)))
    return Reduced(tidy(text), lost)
