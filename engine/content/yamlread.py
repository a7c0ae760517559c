"""Read YAML game files safely and fast, straight from the parser's events.

Why not ``yaml.safe_load``: it builds an alias bomb ("billion laughs") instantly as
shared references and lets everything after it explode; the C composer crashes the
interpreter on very deep nesting; and composing then constructing costs about four
times the parse itself. Here one pass over libyaml's events builds plain data while
enforcing the limits, and positions are only looked up again (``locate``) for the
few paths an error message needs.

Dates stay text as written (``date: 2024-03-12`` is the string the author typed):
game data shows dates, it never computes with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import events as ev
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from .diagnostics import Diagnostic

try:  # libyaml is ~5x faster; the pure-Python parser is the fallback.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 2_000_000

_resolver = Resolver()
_constructor = SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_CONVERT = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
}
_KNOWN_TAGS = {_STR, "tag:yaml.org,2002:timestamp", *_CONVERT}
_IMPLICIT_FIRST = frozenset(Resolver.yaml_implicit_resolvers)


class YamlError(Exception):
    """A file that cannot be read as game data; carries its diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True)
class ReadResult:
    """The data of one file, and the non-fatal problems met while reading it."""

    data: Any
    diagnostics: tuple[Diagnostic, ...]


def _scalar(event: ev.ScalarEvent) -> Any:
    value = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if not event.implicit[0]:  # quoted: always a string
            return value
        if not value or value[0] not in _IMPLICIT_FIRST:
            return value
        tag = _resolver.resolve(ScalarNode, value, (True, False))
    elif tag not in _KNOWN_TAGS:
        raise _Refused(event.start_mark, "tag", tag)
    convert = _CONVERT.get(tag)
    if convert is None:
        return value
    return convert(ScalarNode(tag, value))


class _Refused(Exception):
    def __init__(self, mark: Any, what: str, detail: str = "") -> None:
        super().__init__(what)
        self.mark, self.what, self.detail = mark, what, detail


def _message(what: str, detail: str) -> str:
    from ..i18n import _

    return {
        "alias": _("les ancres et alias YAML (& et *) ne sont pas acceptés dans un jeu : "
                   "recopiez le contenu à chaque endroit"),
        "tag": _("l’étiquette YAML « {tag} » n’est pas acceptée : retirez-la").format(tag=detail),
        "depth": _("imbrication trop profonde (plus de {n} niveaux) : "
                   "vérifiez les crochets et l’indentation").format(n=MAX_DEPTH),
        "nodes": _("fichier trop grand (plus de {n} éléments) : "
                   "découpez-le avec « include »").format(n=MAX_NODES),
        "multi": _("un fichier de jeu contient un seul document YAML : retirez les lignes « --- » en trop"),
        "key": _("une clé doit être un texte simple"),
    }[what]


def read_text(text: str, file: str) -> ReadResult:
    """Build plain data (dicts, lists, scalars) from YAML text, enforcing the limits."""

    notes: list[Diagnostic] = []
    stack: list[tuple[Any, Any]] = []  # (container, pending key or _NO_KEY)
    root: Any = None
    documents = 0
    count = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            count += 1
            if count > MAX_NODES:
                raise _Refused(event.start_mark, "nodes")
            kind = type(event)
            if isinstance(event, ev.ScalarEvent):
                value: Any = _scalar(event)
                is_container = False
            elif isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                    raise _Refused(event.start_mark, "tag", event.tag)
                if len(stack) >= MAX_DEPTH:
                    raise _Refused(event.start_mark, "depth")
                value = {} if kind is ev.MappingStartEvent else []
                is_container = True
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                value, _pending = stack.pop()
                is_container = False
                if not stack:
                    root = value
                    continue
                _attach(stack, value, event, notes, file)
                continue
            elif kind is ev.AliasEvent:
                raise _Refused(event.start_mark, "alias")
            elif kind is ev.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Refused(event.start_mark, "multi")
                continue
            else:
                continue
            if is_container:  # attached to its parent when it closes
                stack.append((value, (_NO_KEY, event.start_mark)))
                continue
            if not stack:
                root = value
                continue
            _attach(stack, value, event, notes, file)
    except _Refused as refused:
        mark = refused.mark
        raise YamlError(Diagnostic(file, mark.line + 1, mark.column + 1,
                                   _message(refused.what, refused.detail),
                                   code=f"yaml.{refused.what}")) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        deep = _too_deep_before(text, mark) if mark else None
        if deep is not None:  # libyaml's own nesting limit, whatever its version says
            raise YamlError(Diagnostic(file, deep[0], deep[1], _message("depth", ""),
                                       code="yaml.depth")) from None
        if "quoted scalar" in (error.context or "") and error.context_mark:
            mark = error.context_mark  # where the unclosed quote opens
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise YamlError(Diagnostic(file, line, col, _syntax_message(error, text),
                                   code="yaml.syntax")) from None
    except yaml.YAMLError:  # the reader's errors (characters YAML refuses) carry no mark
        raise YamlError(_refused_character(text, file)) from None
    return ReadResult(root, tuple(notes))


# The characters a YAML 1.1 document may not hold (PyYAML's Reader.NON_PRINTABLE), written
# out here: the author's message is ours, located by us, whatever libyaml says in English
# and wherever it counts from (bytes for libyaml, characters for the pure-Python reader).
_REFUSED_CHARACTER = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _refused_character(text: str, file: str) -> Diagnostic:
    from ..i18n import _

    found = _REFUSED_CHARACTER.search(text)
    if found is None:  # a reader error of another libyaml version: still said in French
        return Diagnostic(file, 0, 0, _("YAML illisible : enregistrez le fichier en texte brut UTF-8"),
                          code="yaml.syntax")
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Diagnostic(file, line, column, _(
        "caractère U+{code:04X} interdit en YAML (un caractère de contrôle, souvent venu d’un "
        "copier-coller) : retirez-le").format(code=ord(found.group())), code="yaml.character")


def _too_deep_before(text: str, mark: Any) -> tuple[int, int] | None:
    """Where flow brackets (``[`` ``{``) first nest deeper than ``MAX_DEPTH``, counting
    from the start of ``text`` up to ``mark``; None if they do not.

    libyaml may refuse deep nesting itself, before our event loop gets there (0.2.6 does
    at 1 000 levels, with its own English message): whatever it said, an author gets our
    message. Brackets inside quotes and comments are skipped; block nesting is counted
    by the event loop, so flow brackets are all that can reach libyaml's limit first.
    """
    depth = 0
    quote = ""
    for number, line in enumerate(text.splitlines()[: mark.line + 1]):
        end = mark.column + 1 if number == mark.line else len(line)
        column = 0
        while column < min(end, len(line)):
            char = line[column]
            if quote:
                if char == "\\" and quote == '"':
                    column += 1
                elif char == quote:
                    quote = ""
            elif char in "\"'" and (column == 0 or line[column - 1] in " \t[{,:"):
                quote = char  # a quoted scalar starts a token; « l'école » is plain text
            elif char == "#" and (column == 0 or line[column - 1] in " \t"):
                break
            elif char in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number + 1, column + 1
            elif char in "]}":
                depth = max(depth - 1, 0)
            column += 1
    return None


class _NoKey:
    __slots__ = ()


_NO_KEY = _NoKey()


def _attach(stack: list[tuple[Any, Any]], value: Any, event: Any,
            notes: list[Diagnostic], file: str) -> None:
    """Put a finished value into the container on top of the stack."""
    from ..i18n import _

    container, (pending, mark) = stack[-1]
    if isinstance(container, list):
        container.append(value)
        return
    if pending is _NO_KEY:
        if not isinstance(value, (str, int, float, bool)) or value is None:
            raise _Refused(event.start_mark, "key")
        stack[-1] = (container, (str(value) if not isinstance(value, str) else value,
                                 event.start_mark))
        return
    if pending in container:
        notes.append(Diagnostic(
            file, mark.line + 1, mark.column + 1,
            _("la clé « {key} » apparaît deux fois ici : seule la dernière serait lue ; "
              "gardez-en une seule").format(key=pending), code="yaml.duplicate_key"))
    container[pending] = value
    stack[-1] = (container, (_NO_KEY, mark))


def _syntax_message(error: yaml.MarkedYAMLError, text: str) -> str:
    """Say in plain words what libyaml found, with a hint for the usual causes."""
    from ..i18n import _

    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    mark = error.problem_mark
    char = ""
    if mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and mark.column < len(lines[mark.line]):
            char = lines[mark.line][mark.column]
    if char == "\t" or "'\\t'" in problem:
        hint = _("une tabulation sert d’indentation : YAML n’accepte que des espaces")
    elif problem.startswith("mapping values are not allowed"):
        hint = _("deux-points « : » inattendu : mettez le texte entre guillemets "
                 "ou vérifiez l’indentation de la ligne")
    elif problem.startswith("could not find expected ':'"):
        hint = _("il manque « : » après une clé, ou l’indentation de la ligne est décalée")
    elif problem.startswith("did not find expected key"):
        hint = _("l’indentation ne correspond pas au bloc au-dessus : alignez la ligne "
                 "sur les autres clés du même bloc")
    elif problem.startswith("did not find expected '-' indicator"):
        hint = _("l’indentation ne correspond pas à la liste : alignez les « - » de la liste")
    elif problem.startswith("did not find expected ',' or ']'"):
        hint = _("une liste entre crochets [ ] n’est pas refermée")
    elif problem.startswith("did not find expected ',' or '}'"):
        hint = _("un bloc entre accolades { } n’est pas refermé")
    elif "quoted scalar" in context:
        hint = _("des guillemets ouverts ne sont pas refermés")
    elif problem.startswith("found undefined alias") or "alias" in problem:
        hint = _("les ancres et alias YAML (& et *) ne sont pas acceptés dans un jeu")
    elif problem.startswith("found character that cannot start any token"):
        hint = _("le caractère « {char} » ne peut pas commencer une valeur : mettez le texte "
                 "entre guillemets").format(char=char or "?")
    else:  # a wording of libyaml's we do not know (another version): still French
        hint = _("vérifiez la ponctuation et l’indentation de cette ligne et de la précédente")
    return _("erreur de syntaxe YAML : {hint}").format(hint=hint)


def read_file(path: Any, file: str) -> ReadResult:
    """Read a YAML file from disk with the size limit; ``file`` is the name shown to authors."""
    from ..i18n import _

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlError(Diagnostic(file, 0, 0, _(
                "fichier trop lourd ({size} Mo, au plus {limit} Mo) : découpez-le avec « include »"
            ).format(size=round(size / 1e6, 1), limit=MAX_FILE_BYTES // 1_000_000), code="yaml.size"))
        raw = path.read_bytes()
    except OSError as error:
        raise YamlError(Diagnostic(file, 0, 0, _("fichier illisible : {error}").format(
            error=error.strerror or error))) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlError(Diagnostic(file, line, col, _(
            "ce fichier n’est pas en UTF-8 : enregistrez-le en UTF-8 depuis votre éditeur"),
            code="yaml.encoding")) from None
    return read_text(text, file)


def locate(text: str, path: tuple[Any, ...], key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the value at ``path``, or of its key when ``key``.

    When the path goes deeper than the file (a missing field), the deepest existing
    container is returned, which is where the author has to add it.
    """
    best = (1, 1)
    for found, mark, is_key in _walk_marks(text):
        if found == path and (is_key == key or not key):
            if is_key == key:
                return (mark.line + 1, mark.column + 1)
            best = (mark.line + 1, mark.column + 1)
        elif len(found) < len(path) and path[: len(found)] == found and not is_key:
            best = (mark.line + 1, mark.column + 1)
    return best


def _walk_marks(text: str) -> Iterator[tuple[tuple[Any, ...], Any, bool]]:
    """Yield (path, mark, is_key) for every key and value in the file, in order."""
    # Each frame: [kind, path, next index or pending key or None]
    stack: list[list[Any]] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind in (ev.MappingEndEvent, ev.SequenceEndEvent):
                stack.pop()
                if stack:
                    _advance(stack[-1])
                continue
            if kind not in (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent):
                continue
            if not stack:
                here: tuple[Any, ...] = ()
            else:
                top = stack[-1]
                if top[0] == "map" and top[2] is None:
                    if isinstance(event, ev.ScalarEvent):
                        top[2] = event.value
                        yield top[1] + (event.value,), event.start_mark, True
                    continue
                here = top[1] + (top[2],)
            yield here, event.start_mark, False
            if kind is ev.ScalarEvent:
                if stack:
                    _advance(stack[-1])
            else:
                stack.append(["map" if kind is ev.MappingStartEvent else "seq", here,
                              None if kind is ev.MappingStartEvent else 0])
    except yaml.YAMLError:
        return


def _advance(frame: list[Any]) -> None:
    if frame[0] == "map":
        frame[2] = None
    else:
        frame[2] += 1
