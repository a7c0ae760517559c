"""The game format's JSON Schema: load it, validate data, explain errors in plain words.

``schema.json`` is the single source of truth for the format. Two keywords of our
own ride along (a JSON Schema validator ignores them, so YAML editors still use the
file as it is):

- ``x-ref: KIND`` on an id field: the id must name an existing element of that kind
  (puzzle, document, item, room, object, exit, lockable, ending, skill, source, flag,
  counter); checked here so a dangling id is reported like any other error.
- ``x-expr: true`` on a condition: the text must parse, and the ids it names exist.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, cast

from jsonschema import Draft202012Validator, ValidationError, validators

from ..core import expr
from ..i18n import N_
from ..paths import schema_file
from .suggest import did_you_mean

SCHEMA_PATH = schema_file()
FORMAT_VERSION = 1


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


# Where each kind of id is declared: (top-level list, nested list or None).
ID_SOURCES: dict[str, tuple[tuple[str, ...], ...]] = {
    "puzzle": (("puzzles",),),
    "document": (("documents",),),
    "item": (("items",),),
    "room": (("rooms",),),
    "object": (("rooms", "objects"),),
    "exit": (("rooms", "exits"),),
    "lockable": (("rooms", "objects"), ("rooms", "exits")),
    "ending": (("endings",),),
    "skill": (("skills",),),
    "source": (("sources",),),
    "trigger": (("triggers",),),
    "round": (("challenge", "rounds"),),
}


def _ids_at(data: Any, path: tuple[str, ...]) -> list[str]:
    """Ids of the dicts found along ``path`` (a nested path goes through each list item)."""
    nodes = [data]
    for key in path:
        found = []
        for node in nodes:
            value = node.get(key) if isinstance(node, dict) else None
            if isinstance(value, list):
                found.extend(value)
            elif isinstance(value, dict):
                found.append(value)
        nodes = found
    return [n["id"] for n in nodes if isinstance(n, dict) and isinstance(n.get("id"), str)]


def collect_ids(data: Any) -> dict[str, list[str]]:
    """Every id declared in a game's data, by kind, in file order (duplicates kept)."""
    ids = {kind: [i for path in paths for i in _ids_at(data, path)]
           for kind, paths in ID_SOURCES.items()}
    state = data.get("state") if isinstance(data, dict) else None
    state = state if isinstance(state, dict) else {}
    flags = state.get("flags")
    counters = state.get("counters")
    ids["flag"] = [f for f in flags if isinstance(f, str)] if isinstance(flags, list) else []
    ids["counter"] = list(counters) if isinstance(counters, dict) else []
    return ids


def kind_name(kind: str) -> str:
    """The kind of an id with its indefinite article: « une énigme », « un document »."""
    from ..i18n import _

    return {
        "puzzle": _("une énigme"), "document": _("un document"),
        "item": _("un objet d’inventaire"), "room": _("une salle"), "object": _("un objet"),
        "exit": _("une sortie"), "lockable": _("un objet ou une sortie"), "ending": _("une fin"),
        "skill": _("une compétence"), "source": _("une source"), "flag": _("un drapeau"),
        "counter": _("un compteur"), "trigger": _("un déclencheur"), "round": _("une manche"),
    }.get(kind, kind)


@dataclass(frozen=True)
class SchemaProblem:
    """An error found by validation: where in the data, whether it is about a key, what."""

    path: tuple[Any, ...]
    message: str
    code: str
    on_key: bool = False
    offset: int = 0  # characters into a scalar (conditions), for the column


def _check_condition(text: str, ids: Mapping[str, set[str]]) -> tuple[str, int] | None:
    """Why a condition is wrong and where (offset), or None when it is fine."""
    from ..i18n import _

    try:
        tree = expr.parse(text)
    except expr.ExprError as error:
        return _("condition « {text} » illisible : {why}").format(text=text, why=error), error.pos
    for node in expr.walk(tree):
        if isinstance(node, expr.Call):
            kind = expr.FUNCTIONS.get(node.function)
            if kind is None:
                return (_("fonction « {name} » inconnue dans « {text} »").format(
                    name=node.function, text=text) + did_you_mean(node.function, expr.FUNCTIONS)
                    + _(" (possibles : {names})").format(names=", ".join(expr.FUNCTIONS))), node.pos
            if node.ident not in ids.get(kind, ()):
                return (_("« {ident} » n’est pas {kind} du jeu (dans « {text} »)").format(
                    ident=node.ident, kind=kind_name(kind), text=text)
                    + did_you_mean(node.ident, ids.get(kind, ()))), node.ident_pos
        elif isinstance(node, expr.Name):
            known = ids.get("flag", set()) | ids.get("counter", set()) | set(expr.BUILTINS)
            if node.name not in known:
                return (_("« {name} » n’est ni un drapeau ni un compteur déclaré dans « state » "
                          "(dans « {text} »)").format(name=node.name, text=text)
                        + did_you_mean(node.name, known)), node.pos
    return None


def validate(data: Any) -> list[SchemaProblem]:
    """Every schema error of a game's (merged) data, translated, in document order."""
    return Parts(data).whole()


class Parts:
    """The schema step of one game, in parts, for a caller that validates again after
    each small change (the editor): the game without the items of some lists, then each
    item alone. Validating every part gives the same problems as ``validate`` (same
    validator, keywords and wording), once put in order with ``in_order``. An item's
    problems depend on the item, its place and the game's ids (``ids_key``) only."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.ids = {kind: set(values) for kind, values in collect_ids(data).items()}
        self._cls = _validator_class(self.ids)

    @property
    def ids_key(self) -> str:
        """The game's ids, as a text that changes when any id does."""
        return json.dumps({k: sorted(v) for k, v in self.ids.items()}, sort_keys=True)

    def whole(self) -> list[SchemaProblem]:
        """Every problem of the game (``validate``)."""
        return in_order(self._explained(self._cls(schema()).iter_errors(self.data)))

    def without_items(self, keys: Iterable[str]) -> list[SchemaProblem]:
        """The problems of the game with the items of the lists ``keys`` left out."""
        full = schema()
        outer = dict(full)
        outer["properties"] = dict(full["properties"])
        for key in keys:
            if isinstance(outer["properties"].get(key), dict):
                outer["properties"][key] = {k: v for k, v in outer["properties"][key].items() if k != "items"}
        return self._explained(self._cls(outer).iter_errors(self.data))

    def item(self, key: str, index: int) -> list[SchemaProblem]:
        """The problems of the item ``data[key][index]`` alone (paths from the game's root)."""
        full = schema()
        item_schema = full["properties"].get(key, {}).get("items")
        if item_schema is None or not isinstance(self.data, dict):
            return []
        element = self.data[key][index]
        found: list[SchemaProblem] = []
        for error in self._cls(full).evolve(schema=item_schema).iter_errors(element):
            error.path.extendleft((index, key))
            error.relative_path = error.path
            found.extend(_explain(error, self.data, self.ids))
        return found

    def _explained(self, errors: Iterator[ValidationError]) -> list[SchemaProblem]:
        problems: list[SchemaProblem] = []
        for error in errors:
            problems.extend(_explain(error, self.data, self.ids))
        return problems


def in_order(problems: list[SchemaProblem]) -> list[SchemaProblem]:
    """Problems in document order, each said once (as ``validate`` returns them)."""
    return _dedupe(sorted(problems, key=lambda p: [str(x) for x in p.path]))


def _validator_class(ids: Mapping[str, set[str]]) -> Any:
    """Draft 2020-12 with our keywords (``x-ref``, ``x-expr``) checked against ``ids``."""

    def x_ref(validator: Any, kind: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
        if isinstance(instance, str) and instance not in ids.get(kind, ()):
            yield ValidationError("x-ref", validator="x-ref", validator_value=kind,
                                  instance=instance, schema=schema)

    def x_expr(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        if value and isinstance(instance, str):
            problem = _check_condition(instance, ids)
            if problem:
                error = ValidationError(problem[0], validator="x-expr", validator_value=value,
                                        instance=instance, schema=schema)
                error.sesame_offset = problem[1]  # type: ignore[attr-defined]
                yield error

    return validators.extend(Draft202012Validator, {"x-ref": x_ref, "x-expr": x_expr, "allOf": _all_of})


def _all_of(validator: Any, all_of: list[Any], instance: Any, schema: Any) -> Iterator[ValidationError]:
    """``allOf`` as the standard says, with the ``if`` of a simple discriminator (the
    puzzle type, the document kind) checked directly: validating a 10 000-question bank
    would otherwise evaluate twelve ``if`` schemas per question through the validator."""
    for index, subschema in enumerate(all_of):
        simple = _simple_if(subschema["if"]) if set(subschema) <= {"if", "then"} and "if" in subschema else None
        if simple is None:
            yield from validator.descend(instance, subschema, schema_path=index)
            continue
        key, values = simple
        found = instance.get(key, _MISSING) if isinstance(instance, dict) else _MISSING
        if found is not _MISSING and _hashable(found) and found in values and "then" in subschema:
            yield from validator.descend(instance, subschema["then"], schema_path=index)


def _dedupe(problems: list[SchemaProblem]) -> list[SchemaProblem]:
    seen = set()
    out = []
    for problem in problems:
        key = (problem.path, problem.message)
        if key not in seen:
            seen.add(key)
            out.append(problem)
    return out


_TYPE_NAMES = {
    "string": N_("un texte"), "integer": N_("un nombre entier"), "number": N_("un nombre"),
    "boolean": N_("true ou false"), "array": N_("une liste (lignes qui commencent par « - »)"),
    "object": N_("un bloc de champs (clé: valeur)"), "null": N_("rien"),
}


def _type_name(name: str) -> str:
    from ..i18n import _

    return _(_TYPE_NAMES.get(name, name))


def _actual_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _field(path: tuple[Any, ...]) -> str:
    """The field as the author wrote it: the last key, or «element n of key»."""
    from ..i18n import _

    if not path:
        return _("le fichier")
    last = path[-1]
    if isinstance(last, int):
        parent = next((p for p in reversed(path) if isinstance(p, str)), "")
        return _("élément n° {n} de « {key} »").format(n=last + 1, key=parent)
    return f"« {last} »"


_PATTERN_MESSAGES = {
    "^[a-z0-9][a-z0-9_-]{0,63}$": N_("identifiant « {value} » invalide : lettres minuscules sans accents, chiffres, "
                                     "« _ » ou « - », sans espace (64 caractères au plus)"),
    "^[a-z]{2,3}(_[A-Z]{2})?$": N_("langue « {value} » inconnue : écrivez un code comme fr, en ou oc"),
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": N_("date « {value} » invalide : écrivez AAAA-MM-JJ, par exemple 2026-03-15"),
    "^[0-9]+\\.[0-9]+(\\.[0-9]+)?$": N_("version « {value} » invalide : écrivez par exemple 1.0.0"),
    "^[0-9A-Z]{1,12}$": N_("code « {value} » invalide : chiffres ou lettres majuscules sans accents, 12 au plus"),
    "^https?://": N_("adresse « {value} » invalide : elle commence par http:// ou https://"),
}


def _explain(error: ValidationError, data: Any, ids: Mapping[str, set[str]]) -> list[SchemaProblem]:
    from ..i18n import _

    path = tuple(error.absolute_path)
    field = _field(path)
    kind = error.validator
    value: Any = error.instance
    # the schema is our own, so what jsonschema types as "a schema or a boolean or
    # unset" is always the mapping or value our schema.json wrote there
    rule: Any = error.schema
    want: Any = error.validator_value
    defs = schema()["$defs"]

    if kind in ("additionalProperties", "unevaluatedProperties"):
        allowed = list(rule.get("properties", {}))
        extra = [k for k in value if k not in allowed] if isinstance(value, dict) else []
        return [SchemaProblem(path + (key,), _("champ « {key} » inconnu ici").format(key=key)
                              + did_you_mean(key, allowed), "schema.unknown_field", on_key=True)
                for key in extra]
    if kind == "required":  # read from the schema and the data, not jsonschema's English
        present = value if isinstance(value, dict) else {}
        where = _context(path, data)
        return [SchemaProblem(path, where + _("il manque le champ obligatoire « {key} »").format(key=name),
                              "schema.required")
                for name in want if name not in present]
    if kind == "x-ref":
        return [SchemaProblem(path, _("« {value} » n’est pas {kind} du jeu").format(
            value=value, kind=kind_name(want))
            + did_you_mean(value, ids.get(want, ())), "schema.unknown_id")]
    if kind == "x-expr":
        return [SchemaProblem(path, error.message, "schema.condition",
                              offset=getattr(error, "sesame_offset", 0))]
    if kind == "type":
        expected = want
        expected = expected if isinstance(expected, list) else [expected]
        return [SchemaProblem(path, _("{field} doit être {expected}, pas {actual}").format(
            field=field, expected=_(" ou ").join(_type_name(t) for t in expected),
            actual=_type_name(_actual_type(value))), "schema.type")]
    if kind == "enum":
        options = [str(o) for o in want]
        return [SchemaProblem(path, _("valeur « {value} » impossible pour {field} ; valeurs possibles : {options}")
                              .format(value=value, field=field, options=", ".join(options))
                              + did_you_mean(str(value), options), "schema.enum")]
    if kind == "const":
        return [SchemaProblem(path, _("{field} doit valoir {value}").format(
            field=field, value=json.dumps(want)), "schema.const")]
    if kind == "pattern":
        template = _PATTERN_MESSAGES.get(want)
        if template is None and "x-asset" in rule:
            template = N_("chemin d’image « {value} » invalide : un fichier .png, .jpg ou .svg du "
                          "dossier du jeu, avec des « / » (par exemple images/bureau.svg)")
        if template is None:
            template = N_("« {value} » n’a pas la forme attendue pour {field}")
        return [SchemaProblem(path, _(template).format(value=value, field=field), "schema.pattern")]
    if kind == "propertyNames":
        return [SchemaProblem(path, _("nom « {value} » impossible dans {field}").format(
            value=_bad_name(error), field=field), "schema.pattern", on_key=False)]
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {"minimum": N_("au moins"), "exclusiveMinimum": N_("plus grand que"),
                 "maximum": N_("au plus"), "exclusiveMaximum": N_("plus petit que")}
        return [SchemaProblem(path, _("{field} vaut {value} mais doit être {bound} {limit}").format(
            field=field, value=value, bound=_(words[kind]), limit=want),
            "schema.range")]
    if kind in ("minItems", "maxItems"):
        template = (N_("{field} doit contenir au moins {n} élément(s)") if kind == "minItems"
                    else N_("{field} contient au plus {n} élément(s)"))
        return [SchemaProblem(path, _(template).format(field=field, n=want),
                              "schema.size")]
    if kind == "minLength":
        return [SchemaProblem(path, _("{field} ne peut pas être vide").format(field=field),
                              "schema.empty")]
    if kind in ("oneOf", "anyOf", "minProperties", "maxProperties"):
        if rule is defs["effect"] or rule.get("title") == defs["effect"]["title"]:
            return [SchemaProblem(path, _("un effet contient une seule action parmi give, take, set, "
                                          "clear, add (avec value), unlock, show, goto ou end"),
                                  "schema.effect")]
        if rule is defs["text"] or rule is defs["part"]:
            return [SchemaProblem(path, _("{field} doit être un texte, ou un texte par langue "
                                          "(par exemple « fr: … » à la ligne)").format(field=field),
                                  "schema.text")]
        if rule is defs["hint"]:
            return [SchemaProblem(path, _("un indice est un texte, ou un bloc avec « text » et "
                                          "« cost »"), "schema.hint")]
        deeper = [e for e in (error.context or []) if e.validator not in ("type",)]
        if deeper:
            best = max(deeper, key=lambda e: len(e.absolute_path))
            return _explain(best, data, ids)
    return [SchemaProblem(path, _("{field} : valeur refusée (règle « {rule} » du format)").format(
        field=field, rule=kind), "schema.other")]


def _bad_name(error: ValidationError) -> str:
    """The first key of the object that its ``propertyNames`` rule refuses."""
    names = error.instance if isinstance(error.instance, dict) else {}
    rule = Draft202012Validator(cast(Mapping[str, Any], error.validator_value))
    return next((str(name) for name in names if not rule.is_valid(name)), "?")


_CONTEXT_NOUNS = {
    "puzzles": N_("énigme"), "documents": N_("document"), "rooms": N_("salle"), "objects": N_("objet"),
    "exits": N_("sortie"), "items": N_("objet d’inventaire"), "endings": N_("fin"), "triggers": N_("déclencheur"),
    "rounds": N_("manche"), "sources": N_("source"), "skills": N_("compétence"), "options": N_("réponse"),
    "methods": N_("méthode"), "zones": N_("zone"), "pairs": N_("paire"), "messages": N_("message"),
}


def _context(path: tuple[Any, ...], data: Any) -> str:
    """``énigme « cadenas » : `` for the innermost element with an id on the path."""
    from ..i18n import _

    node = data
    found = ""
    for i, key in enumerate(path):
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(key, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            noun = _CONTEXT_NOUNS.get(str(path[i - 1]) if i else "", "")
            if noun:
                found = _("{noun} « {id} » : ").format(noun=_(noun), id=node["id"])
    return found


def _simple_if(condition: dict[str, Any]) -> tuple[str, frozenset[Any]] | None:
    """``{properties: {k: {const: v}}, required: [k]}`` (or ``enum``) as (k, values): the
    discriminators of puzzle types and document kinds, checked without a validator."""
    properties = condition.get("properties", {})
    if set(condition) != {"properties", "required"} or len(properties) != 1:
        return None
    (key, rule), = properties.items()
    if condition["required"] != [key]:
        return None
    if set(rule) == {"const"}:
        return key, frozenset([rule["const"]])
    if set(rule) == {"enum"}:
        return key, frozenset(rule["enum"])
    return None


def walk(data: Any) -> Iterator[tuple[tuple[Any, ...], Any, str]]:
    """(path, value, ``$ref``) for every value of the data whose schema is a reference to
    one of our definitions (``#/$defs/text``, ``#/$defs/asset``…), following properties,
    items, ``allOf``/``if``/``then`` and the branches of ``anyOf`` the value matches.

    This is how the linter finds every player-visible text and every image path: from
    the schema, the one description of the format, not from a list of field names.
    """
    root = schema()
    validator = Draft202012Validator(root)
    validators_by_id: dict[int, Any] = {}
    seen: set[tuple[tuple[Any, ...], str]] = set()

    def matches(value: Any, condition: dict[str, Any]) -> bool:
        simple = _simple_if(condition)
        if simple is not None:
            key, values = simple
            found = value.get(key, _MISSING) if isinstance(value, dict) else _MISSING
            return found is not _MISSING and _hashable(found) and found in values
        checker = validators_by_id.get(id(condition))
        if checker is None:
            checker = validators_by_id[id(condition)] = validator.evolve(schema=condition)
        return checker.is_valid(value)

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            target: Any = root
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def visit(value: Any, node: dict[str, Any], path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Any, str]]:
        ref = node.get("$ref")
        if ref and (path, ref) not in seen:
            seen.add((path, ref))
            yield path, value, ref
        target = resolve(node)
        applicable = [target]
        for part in target.get("allOf", ()):
            if "if" not in part:
                applicable.append(part)
            elif "then" in part and matches(value, part["if"]):
                applicable.append(part["then"])
        for branch in target.get("anyOf", ()):
            if matches(value, branch):
                applicable.append(branch)
                break
        for sub in applicable:
            if isinstance(value, dict):
                properties = sub.get("properties", {})
                extra = sub.get("additionalProperties")
                for key, item in value.items():
                    if key in properties:
                        yield from visit(item, properties[key], path + (key,))
                    elif isinstance(extra, dict):
                        yield from visit(item, extra, path + (key,))
            elif isinstance(value, list) and isinstance(sub.get("items"), dict):
                for index, item in enumerate(value):
                    yield from visit(item, sub["items"], path + (index,))

    yield from visit(data, root, ())


_MISSING = object()


def _hashable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None
