"""Read a GIFT file into questions: lark parses it with ``grammar.GRAMMAR``, this module
turns the tree into plain records and every syntax error into a located French message.

The records keep what GIFT says (markers, weights, feedback, numbers as written); the
choice of a Sésame puzzle type is ``convert.py``'s. Texts are decoded (escapes) and
reduced to plain text here, since the format (``[html]``…) is a matter of syntax.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..diagnostics import Diagnostic, Severity
from .grammar import GRAMMAR
from .text import BLANK, reduce, tidy, unescape

MAX_ERRORS = 20  # each costs one more parse of the file
_ID_COMMENT = re.compile(r"\[id:((?:\\.|[^\]\\])*)\]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CATEGORY_PREFIX = re.compile(r"^\$[A-Za-z0-9_]+\$/?")


@dataclass
class Where:
    line: int
    col: int


@dataclass
class Answer:
    """One answer of a choice, a short answer or a matching pair, as written."""

    where: Where
    marker: str | None  # "=", "~", or None for a first answer written without one
    weight: Decimal | None  # the %…% written, in percent
    text: str
    right: str | None = None  # after "->" (a matching pair)
    feedback: str | None = None
    whole: str = ""  # the text with its « -> » and what follows, for a choice
    weight_raw: str = ""  # the weight as written
    literal: str = ""  # with a weight: the weight read as text (« =%50%x » in a pair)
    literal_whole: str = ""  # the same with « -> » and what follows (« =%50%x » in a choice)


@dataclass
class Number:
    where: Where
    weight: Decimal | None
    value: Decimal
    tolerance: Decimal
    low: Decimal | None = None  # written as a range low..high
    high: Decimal | None = None
    feedback: str | None = None


@dataclass
class Question:
    where: Where
    kind: str  # description, essay, truefalse, numeric, choices
    text: str
    title: str | None = None
    ident: str | None = None  # from a "// [id:…]" comment
    category: str | None = None
    missing_word: bool = False
    general: str | None = None
    truth: bool | None = None
    feedback_wrong: str | None = None
    feedback_right: str | None = None
    answers: list[Answer] = field(default_factory=list)
    numbers: list[Number] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # what the text reduction could not keep


@dataclass
class Bank:
    questions: list[Question]
    warnings: list[Diagnostic]
    errors: list[Diagnostic] = field(default_factory=list)  # the syntax errors


class GiftError(Exception):
    """A GIFT file that cannot be read; carries every located problem."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


@lru_cache(maxsize=1)
def parser() -> Lark:
    # Positions come from the tokens (propagate_positions would double the parse time).
    return Lark(GRAMMAR, parser="lalr", lexer="contextual", maybe_placeholders=False)


def parse(text: str, file: str) -> Bank:
    """Every question and category of a GIFT text, in order, and the syntax errors
    (a question with one is left out; the others are read)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    errors: list[Diagnostic] = []
    work = text
    tree: Tree | None = None
    comments: list[Token] = []
    while True:
        comments = []
        try:
            tree = _parse(work, comments)
        except UnexpectedInput as error:
            errors.append(_syntax_error(error, work, file))
            if len(errors) >= MAX_ERRORS:
                from ...i18n import _

                errors.append(Diagnostic(file, errors[-1].line, errors[-1].col + 1, _(
                    "{n} erreurs de syntaxe : la lecture s’arrête ici ; corrigez-les puis relancez").format(
                    n=MAX_ERRORS), Severity.ERROR, "gift.syntax"))
                break
            # Blank the question that failed (newlines kept, so positions stay) and read
            # on: every broken question is reported at once.
            start, end = _block_around(work, _error_pos(error, work))
            work = work[:start] + re.sub(r"[^\n]", " ", work[start:end]) + work[end:]
            continue
        break
    # The questions that did parse are read all the same, so that the converter can
    # report their problems too: the author sees every error at once.
    reader = _Reader(work, file, comments)
    return Bank(reader.questions(tree) if tree is not None else [], reader.warnings, errors)


def _parse(text: str, comments: list[Token]) -> Tree:
    """The tree of ``text``; ``comments`` receives its comment lines, which the grammar
    ignores (a « // [id:…] » comment names a question: Moodle's idnumber)."""
    tree = parser().parse(text)
    for match in re.finditer(r"(?m)^[ \t]*//[^\n]*", text):
        comments.append(Token("COMMENT", match.group(0), start_pos=match.start(), column=1))
    return tree


def _error_pos(error: UnexpectedInput, text: str) -> int:
    if isinstance(error, UnexpectedToken) and error.token.type == "$END":
        return len(text)
    pos = getattr(error, "pos_in_stream", None)
    if pos is None and isinstance(error, UnexpectedToken):
        pos = error.token.start_pos
    return len(text) if pos is None else pos


def _block_around(text: str, pos: int) -> tuple[int, int]:
    """The question (between blank lines) holding ``pos``; an error found at a blank
    line belongs to the question before it."""
    before = [m.end() for m in _BLANK_LINE.finditer(text, 0, max(pos, 0)) if m.end() <= pos]
    start = before[-1] if before else 0
    if text[start:pos].strip() == "" and before:  # the blank line itself: the previous block
        previous = [m.end() for m in _BLANK_LINE.finditer(text, 0, max(start - 1, 0))]
        start = previous[-1] if previous else 0
    after = _BLANK_LINE.search(text, max(pos, start + 1))
    end = after.start() if after else len(text)
    if end <= pos:
        end = min(len(text), pos + 1)
    return start, max(end, start + 1)


# --- syntax errors, in French ------------------------------------------------------------

def _names() -> dict[str, str]:
    from ...i18n import _

    return {
        "RBRACE": "« } »", "LBRACE": "« { »", "TILDE": "« ~ »", "EQ": "« = »", "HASH": "« # »",
        "GENERAL": "« #### »", "ARROW": "« -> »", "COLON": "« : »", "RANGE": "« .. »",
        "TITLE_MARK": "« :: »", "WEIGHT": _("un poids (%50%)"), "NUMBER": _("un nombre"),
        "ATEXT": _("un texte"), "QTEXT": _("un texte"), "TTEXT": _("un texte"),
        "TFWORD": "T, TRUE, F, FALSE", "FORMAT": "[html]", "_BLANK": _("une ligne vide"),
        "$END": _("la fin du fichier"), "CATEGORY": "$CATEGORY:", "ESC": _("un caractère échappé"),
        "BACKSLASH": "« \\ »",
    }


def _syntax_error(error: UnexpectedInput, text: str, file: str) -> Diagnostic:
    from ...i18n import _

    line, col = getattr(error, "line", 0) or 0, getattr(error, "column", 0) or 0
    if isinstance(error, UnexpectedToken):
        token = error.token
        if token.type == "$END":
            line, col = text.count("\n") + 1, len(text) - text.rfind("\n")
        message = _token_message(error, token, text)
    elif isinstance(error, UnexpectedCharacters):
        message = _character_message(error, text)
    elif isinstance(error, UnexpectedEOF):  # pragma: no cover - LALR reports $END tokens
        line, col = text.count("\n") + 1, 1
        message = _("fin du fichier inattendue")
    else:  # pragma: no cover
        message = str(error)
    return Diagnostic(file, max(line, 1), max(col, 1), message, Severity.ERROR, "gift.syntax")


def _opened_block(error: UnexpectedToken) -> Token | None:
    """The « { » of the answer block the parser is inside, if it is inside one."""
    stack = getattr(error.state, "value_stack", None) or []
    for value in reversed(stack):
        if isinstance(value, Token) and value.type == "LBRACE":
            return value
        if isinstance(value, Tree) and value.data == "answers":
            return None
    return None


def _in_numeric(error: UnexpectedInput) -> bool:
    stack = getattr(getattr(error, "state", None), "value_stack", None) or []
    for value in reversed(stack):
        if isinstance(value, Token) and value.type == "LBRACE":
            return False
        if isinstance(value, Token) and value.type in ("NUMBER", "COLON", "RANGE"):
            return True
        if isinstance(value, Tree) and value.data in ("num_first", "num_answer", "exact", "tolerance", "range"):
            return True
        if isinstance(value, Token) and value.type == "HASH":
            # "{#": a numeric block begins with « # » right after « { »
            index = stack.index(value)
            return index > 0 and isinstance(stack[index - 1], Token) and stack[index - 1].type == "LBRACE"
    return False


def _token_message(error: UnexpectedToken, token: Token, text: str) -> str:
    from ...i18n import _

    kind = token.type
    expected = set(error.expected)
    opened = _opened_block(error)
    stack = getattr(error.state, "value_stack", None) or []
    last = stack[-1] if stack else None
    if isinstance(last, Tree) and last.data == "category" or isinstance(last, Token) and last.type == "CATEGORY":
        return _("« $CATEGORY: » se suit d’une ligne vide : la question suivante commence après")
    if kind in ("_BLANK", "$END") and opened is not None:
        return _("bloc de réponses ouvert ligne {line} et jamais fermé : ajoutez « }} » après les "
                 "réponses (une ligne vide sépare deux questions)").format(line=opened.line)
    if token.value.startswith("}") and opened is None:
        return _("« } » sans « { » : pour écrire une accolade dans le texte, échappez-la (\\})")
    if token.value.startswith("{") and opened is None:
        return _("une question n’a qu’un bloc de réponses { … } : pour écrire une accolade dans le "
                 "texte, échappez-la (\\{), et séparez deux questions par une ligne vide")
    if token.value.startswith("{"):
        return _("« { » dans un bloc de réponses : échappez-la (\\{) ou fermez d’abord le bloc par « } »")
    if "TITLE_MARK" in expected and kind in ("_BLANK", "$END", "LBRACE"):
        return _("titre non fermé : écrivez-le entre deux « :: » (::Titre::)")
    if kind == "HASH" and isinstance(last, Tree) and last.data == "feedback" and _tf_feedbacks(stack) >= 2:
        return _("vrai ou faux : au plus deux retours, « #si c’est faux#si c’est juste »")
    if kind in ("TILDE", "EQ", "HASH", "ARROW") and _after_general(stack):
        return _("le retour général (####) vient en dernier, juste avant « } »")
    if _in_numeric(error):
        hint = _(" (un point décimal, pas une virgule)") if token.value.startswith(",") else ""
        return _("réponse numérique illisible : « {found} » inattendu{hint} ; écrivez 3.14, 3.14:0.01 "
                 "(avec une tolérance) ou 3..4 (un intervalle)").format(found=token.value.strip(), hint=hint)
    names = _names()
    wanted = sorted({names.get(e, e) for e in expected})
    return _("« {found} » inattendu ici ; attendu : {expected}").format(
        found=token.value.strip() or names.get(kind, kind), expected=", ".join(wanted))


def _tf_feedbacks(stack: list[object]) -> int:
    count = 0
    for value in reversed(stack):
        if isinstance(value, Tree) and value.data == "feedback":
            count += 1
        elif isinstance(value, Token) and value.type == "TFWORD":
            return count
        else:
            return 0
    return 0


def _after_general(stack: list[object]) -> bool:
    """Whether the parser has read « #### » in the current answer block."""
    for value in reversed(stack):
        if isinstance(value, Token) and value.type == "LBRACE":
            return False
        if isinstance(value, Token) and value.type == "GENERAL" or isinstance(value, Tree) and value.data == "general":
            return True
    return False


def _character_message(error: UnexpectedCharacters, text: str) -> str:
    from ...i18n import _

    char = error.char
    allowed = set(error.allowed or ())
    if char == "}" and "RBRACE" not in allowed:
        return _("« } » sans « { » : pour écrire une accolade dans le texte, échappez-la (\\})")
    if allowed & {"NUMBER", "COLON", "RANGE"} or _in_numeric(error):
        hint = _(" (un point décimal, pas une virgule)") if char == "," else ""
        return _("réponse numérique illisible : « {char} » inattendu{hint} ; écrivez 3.14, 3.14:0.01 "
                 "(avec une tolérance) ou 3..4 (un intervalle)").format(char=char, hint=hint)
    return _("caractère « {char} » inattendu ici").format(char=char)


# --- the tree, read ----------------------------------------------------------------------

class _Reader:
    def __init__(self, text: str, file: str, comments: list[Token]) -> None:
        self.text = text
        self.file = file
        self.comments = comments
        self.starts = [c.start_pos or 0 for c in comments]  # in order: found by a regex scan
        self.warnings: list[Diagnostic] = []

    def questions(self, tree: Tree) -> list[Question]:
        out: list[Question] = []
        category: str | None = None
        previous_end = 0
        for unit in tree.children:
            node = unit.children[0]
            first, last = _first_token(node), _last_token(node)
            if node.data == "category":
                category = _category(node.children[0].value)
            else:
                question = self.question(node, first)
                question.category = category
                question.ident = self.ident(previous_end, first.start_pos or 0, last.end_pos or 0)
                out.append(question)
            previous_end = last.end_pos or 0
        return out

    def ident(self, previous_end: int, start: int, end: int) -> str | None:
        """The « [id:…] » of a comment in the question's own block (Moodle's idnumber):
        inside it, or on the lines just above it with no blank line between."""
        starts = self.starts
        for index in range(bisect.bisect_left(starts, previous_end), bisect.bisect_right(starts, end)):
            comment = self.comments[index]
            at = starts[index]
            if at < start and _BLANK_LINE.search(self.text, at, start):
                continue
            found = _ID_COMMENT.search(comment.value)
            if found:
                return re.sub(r"\\(.)", r"\1", found.group(1)).strip() or None
        return None

    def question(self, node: Tree, first: Token) -> Question:
        where = Where(first.line, first.column)
        parts = {c.data if isinstance(c, Tree) else c.type: c for c in node.children}
        title = self.title(parts.get("title"))
        fmt_token = parts.get("FORMAT")
        form = fmt_token.value[1:-1] if fmt_token is not None else "moodle"
        if node.data == "description":
            texts = [c for c in node.children if isinstance(c, Tree) and c.data == "qtext"]
            reduced = reduce(self.pieces(texts[0].children) if texts else "", form)
            return Question(where, "description", reduced.text, title, lost=reduced.lost)
        answers = parts["answers"]
        index = node.children.index(answers)
        before = next((c for c in node.children[:index] if isinstance(c, Tree) and c.data == "qtext"), None)
        after = next((c for c in node.children[index + 1:] if isinstance(c, Tree) and c.data == "qtext"), None)
        lost: list[str] = []
        text_before = self.reduced(before, form, lost)
        if after is not None:
            # The blank takes the spacing around the answer block, in the source or
            # escaped at the edge of the text (« a\\n{…} b »).
            lbrace, rbrace = answers.children[0], answers.children[-1]
            raw_before = self.pieces(before.children) if before is not None else ""
            raw_after = self.pieces(after.children)
            gap_before = raw_before[len(raw_before.rstrip(" \t\n")):] + (
                self.gap_at(before, lbrace) if before is not None else "")
            gap_after = self.gap(rbrace.end_pos, _first_token(after).start_pos) + raw_after[
                :len(raw_after) - len(raw_after.lstrip(" \t\n"))]
            text = tidy(text_before + _space(gap_before, form) + BLANK + _space(gap_after, form)
                        + self.reduced(after, form, lost))
        else:
            text = text_before
        question = Question(where, "", text, title, missing_word=after is not None, lost=lost)
        self.body(answers.children[1], question, form)
        return question

    def gap_at(self, before: Tree, lbrace: Token) -> str:
        return self.gap(_last_token(before).end_pos, lbrace.start_pos)

    def title(self, node: Tree | None) -> str | None:
        if node is None:
            return None
        texts = [c for c in node.children if isinstance(c, Tree)]
        return tidy(self.pieces(texts[0].children)) or None if texts else None

    def reduced(self, node: Tree | None, form: str, lost: list[str]) -> str:
        if node is None:
            return ""
        result = reduce(self.pieces(node.children), form)
        lost.extend(result.lost)
        return result.text

    def pieces(self, tokens: Iterable[Token]) -> str:
        """The text of consecutive tokens: escapes decoded, the source's spacing between
        tokens kept (a newline where the source has one, comments left out)."""
        out: list[str] = []
        previous: Token | None = None
        for token in tokens:
            if previous is not None:
                out.append(self.gap(previous.end_pos, token.start_pos))
            out.append(unescape(token.value) if token.type == "ESC" else token.value)
            previous = token
        return "".join(out)

    def gap(self, start: int, end: int) -> str:
        between = self.text[start:end]
        if "\n" in between:
            return "\n"
        return between

    def atext(self, node: Tree | None, form: str, lost: list[str]) -> str:
        """The reduced text of an answer or a feedback; a [format] of its own wins."""
        if node is None:
            return ""
        tokens = [t for t in node.children if isinstance(t, Token)]
        if tokens and tokens[0].type == "FORMAT":
            form = tokens[0].value[1:-1]
            tokens = tokens[1:]
        result = reduce(self.pieces(tokens), form)
        lost.extend(result.lost)
        return result.text

    def feedback(self, node: Tree | None, form: str, lost: list[str]) -> str | None:
        if node is None:
            return None
        texts = [c for c in node.children if isinstance(c, Tree)]
        return self.atext(texts[0], form, lost) if texts else ""

    def body(self, body: Tree, q: Question, form: str) -> None:
        children = [c for c in body.children]
        general = next((c for c in children if isinstance(c, Tree) and c.data == "general"), None)
        if general is not None:
            texts = [c for c in general.children if isinstance(c, Tree)]
            q.general = self.atext(texts[0], form, q.lost) if texts else ""
        q.kind = str(body.data)
        if q.kind == "essay":
            return
        if body.data == "truefalse":
            q.truth = children[0].value in ("T", "TRUE")
            feedbacks = [c for c in children if isinstance(c, Tree) and c.data == "feedback"]
            if feedbacks:
                q.feedback_wrong = self.feedback(feedbacks[0], form, q.lost)
            if len(feedbacks) > 1:
                q.feedback_right = self.feedback(feedbacks[1], form, q.lost)
            return
        if body.data == "numeric":
            for child in children:
                if not isinstance(child, Tree):
                    continue
                if child.data in ("num_first", "num_answer"):
                    q.numbers.append(self.number(child, form, q.lost))
                elif child.data == "num_wrong":
                    feedback = next((c for c in child.children if isinstance(c, Tree) and c.data == "feedback"), None)
                    q.feedback_wrong = self.feedback(feedback, form, q.lost)
            return
        q.kind = "choices"
        for child in children:
            if isinstance(child, Tree) and child.data in ("bare", "answer"):
                q.answers.append(self.answer(child, form, q.lost))

    def number(self, node: Tree, form: str, lost: list[str]) -> Number:
        weight = None
        spec = feedback = None
        for child in node.children:
            if isinstance(child, Token) and child.type == "WEIGHT":
                weight = _weight(child.value)
            elif isinstance(child, Tree) and child.data in ("exact", "tolerance", "range"):
                spec = child
            elif isinstance(child, Tree) and child.data == "feedback":
                feedback = self.feedback(child, form, lost)
        assert spec is not None
        values = [_decimal(t.value) for t in spec.children if t.type == "NUMBER"]
        first = spec.children[0]
        where = Where(first.line, first.column)
        if spec.data == "exact":
            return Number(where, weight, values[0], Decimal(0), feedback=feedback)
        if spec.data == "tolerance":
            return Number(where, weight, values[0], values[1], feedback=feedback)
        low, high = values
        middle = (low + high) / 2
        return Number(where, weight, middle, high - middle, low, high, feedback)

    def answer(self, node: Tree, form: str, lost: list[str]) -> Answer:
        marker = weight = weight_token = None
        text_node = arrow = feedback = None
        for child in node.children:
            if isinstance(child, Token) and child.type in ("TILDE", "EQ"):
                marker = child.value
            elif isinstance(child, Token) and child.type == "WEIGHT":
                weight, weight_token = _weight(child.value), child
            elif isinstance(child, Tree) and child.data == "atext":
                text_node = child
            elif isinstance(child, Tree) and child.data == "arrow":
                arrow = child
            elif isinstance(child, Tree) and child.data == "feedback":
                feedback = self.feedback(child, form, lost)
        first = node.children[0]
        first_token = first if isinstance(first, Token) else _first_token(first)
        where = Where(first_token.line, first_token.column)
        text = self.atext(text_node, form, lost)
        right = None
        whole = text
        if arrow is not None:
            rest = [t for c in arrow.children if isinstance(c, Tree) for t in c.children]  # rtext
            right = self.atext(Tree("atext", rest), form, []) if rest else ""
            # The whole text, arrows included: where « -> » is only text (a choice).
            tokens = [t for t in text_node.children] if text_node is not None else []
            whole = self.atext(Tree("atext", tokens + [t for t in arrow.children if isinstance(t, Token)]
                                    + rest), form, [])
        literal = literal_whole = ""
        if weight_token is not None:
            # Where Moodle reads no weight (after « = » in a choice, in a pair), « %50% »
            # and a [format] after it are text.
            left = [weight_token] + (list(text_node.children) if text_node is not None else [])
            literal = reduce(self.pieces(left), form).text
            arrow_tokens = list(arrow.scan_values(lambda v: isinstance(v, Token))) if arrow is not None else []
            literal_whole = reduce(self.pieces(left + arrow_tokens), form).text
        return Answer(where, marker, weight, text, right, feedback, whole,
                      weight_token.value if weight_token is not None else "", literal, literal_whole)


def _space(gap: str, form: str) -> str:
    """Spacing around a missing word's blank: a line break, a space, or nothing."""
    if not gap:
        return ""
    return "\n" if "\n" in gap and form != "html" else " "


def _first_token(tree: Tree) -> Token:
    for token in tree.scan_values(lambda v: isinstance(v, Token)):
        return token
    raise ValueError("empty tree")  # pragma: no cover


def _last_token(tree: Tree) -> Token:
    tokens = list(tree.scan_values(lambda v: isinstance(v, Token)))
    return tokens[-1]


def _weight(raw: str) -> Decimal:
    return Decimal(raw.strip("%"))


def _decimal(raw: str) -> Decimal:
    try:
        return Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the grammar only lets numbers through
        return Decimal(0)


def _category(raw: str) -> str | None:
    """« $CATEGORY: $course$/top/Histoire/XIXe » → « Histoire/XIXe »."""
    path = raw.split(":", 1)[1].strip()
    path = _CATEGORY_PREFIX.sub("", path)
    if path == "top" or path.startswith("top/"):
        path = path[4:]
    return path.strip() or None

