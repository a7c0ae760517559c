"""Arranging elements: put in order (timeline), match pairs, sort into categories."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...i18n import N_
from ..model import Text
from . import EditorForm, Judgement, PuzzleType, expect, register


def _duplicates(ids: list[str], what: str) -> list[str]:
    from ...i18n import _

    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            return [_("deux {what} ont l’identifiant « {id} »").format(what=_(what), id=ident)]
        seen.add(ident)
    return []


@dataclass(frozen=True)
class Order:
    """Items written in the right order; partial credit counts items in place."""

    items: tuple[tuple[str, Text], ...]
    label_first: Text | None = None
    label_last: Text | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(i for i, _t in self.items)


def _build_order(raw: Mapping[str, Any], locale: str) -> Order:
    labels = raw.get("labels", {})
    return Order(tuple((i["id"], Text.of(i["text"], locale)) for i in raw["items"]),
                 Text.of(labels["first"], locale) if "first" in labels else None,
                 Text.of(labels["last"], locale) if "last" in labels else None)


def _judge_order(spec: Order, answer: Any) -> Judgement:
    expect(isinstance(answer, (list, tuple)) and sorted(answer) == sorted(spec.ids),
           "every item id once")
    in_place = sum(a == b for a, b in zip(answer, spec.ids))
    return Judgement(tuple(answer) == spec.ids, in_place / len(spec.ids), ">".join(answer))


def _order_text(spec: Order, detail: str) -> str | None:
    """A recorded order (item ids joined by « > ») as the items' texts."""
    texts = dict(spec.items)
    ids = detail.split(">")
    if not all(i in texts for i in ids):
        return None
    return " → ".join(texts[i].get() for i in ids)


def _pairs_of(detail: str) -> list[tuple[str, str]] | None:
    """« a=b,c=d » as [(a, b), (c, d)]; None when it is not that."""
    pairs = [tuple(part.split("=", 1)) for part in detail.split(",")]
    return pairs if all(len(p) == 2 for p in pairs) else None  # type: ignore[return-value]


register(PuzzleType(
    "order", frozenset({"items", "labels", "partial"}), _build_order, _judge_order,
    lambda spec: list(spec.ids), lambda spec: _duplicates(list(spec.ids), N_("éléments")),
    lambda spec, locale: " → ".join(t.get(locale) for _i, t in spec.items),
    shuffled=True, hide_solved_order=True, answer_text=_order_text, form=EditorForm(
        N_("Remettre dans l’ordre"), rank=6, hint=N_("Des éléments à classer (écrits dans le bon ordre)."), example={
            "prompt": "Range ces inventions de la plus ancienne à la plus récente.",
            "items": [{"id": "a", "text": "L’imprimerie"}, {"id": "b", "text": "La radio"},
                      {"id": "c", "text": "Internet"}]})))


@dataclass(frozen=True)
class Match:
    """Pairs written matched; an answer maps each left id to the id of a right side."""

    pairs: tuple[tuple[str, Text, Text], ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p[0] for p in self.pairs)


def _judge_match(spec: Match, answer: Any) -> Judgement:
    expect(isinstance(answer, dict) and sorted(answer) == sorted(spec.ids)
           and all(v in spec.ids for v in answer.values()), "left id -> right id for every pair")
    right = sum(answer[i] == i for i in spec.ids)
    detail = ",".join(f"{k}={answer[k]}" for k in sorted(answer))
    return Judgement(right == len(spec.ids), right / len(spec.ids), detail)


def _match_text(spec: Match, detail: str) -> str | None:
    """A recorded matching (« left id=right id », joined by commas) as the texts
    linked: « Journal ↔ Son ; Podcast ↔ Papier »."""
    pairs = _pairs_of(detail)
    lefts = {i: left for i, left, _right in spec.pairs}
    rights = {i: right for i, _left, right in spec.pairs}
    if pairs is None or not all(a in lefts and b in rights for a, b in pairs):
        return None
    return " ; ".join(f"{lefts[a].get()} ↔ {rights[b].get()}" for a, b in pairs)


register(PuzzleType(
    "match", frozenset({"pairs", "shuffle", "partial"}),
    lambda raw, locale: Match(tuple((p["id"], Text.of(p["left"], locale), Text.of(p["right"], locale))
                                    for p in raw["pairs"])),
    _judge_match, lambda spec: {i: i for i in spec.ids},
    lambda spec: _duplicates(list(spec.ids), N_("paires")),
    lambda spec, locale: " ; ".join(f"{left.get(locale)} ↔ {right.get(locale)}" for _i, left, right in spec.pairs),
    shuffled=True, answer_text=_match_text, form=EditorForm(
        N_("Relier par paires"), rank=7, hint=N_("Des paires à relier (écrites reliées)."), example={
        "prompt": "Relie chaque média à sa forme.",
        "pairs": [{"id": "a", "left": "Journal", "right": "Papier"},
                  {"id": "b", "left": "Podcast", "right": "Son"}]})))


@dataclass(frozen=True)
class Categories:
    categories: tuple[tuple[str, Text], ...]
    items: tuple[tuple[str, Text, str], ...]  # id, text, category id

    @property
    def expected(self) -> dict[str, str]:
        return {i: c for i, _t, c in self.items}


def _judge_categories(spec: Categories, answer: Any) -> Judgement:
    categories = {c for c, _t in spec.categories}
    expected = spec.expected
    expect(isinstance(answer, dict) and sorted(answer) == sorted(expected)
           and all(v in categories for v in answer.values()), "item id -> category id for every item")
    right = sum(answer[i] == c for i, c in expected.items())
    detail = ",".join(f"{k}={answer[k]}" for k in sorted(answer))
    return Judgement(right == len(expected), right / len(expected), detail)


def _problems_categories(spec: Categories) -> list[str]:
    from ...i18n import _

    known = {c for c, _t in spec.categories}
    for item, _text, category in spec.items:
        if category not in known:
            return [_("l’élément « {item} » va dans la catégorie « {category} », qui n’existe pas")
                    .format(item=item, category=category)]
    return (_duplicates([c for c, _t in spec.categories], N_("catégories"))
            or _duplicates([i for i, _t, _c in spec.items], N_("éléments")))


def _describe_categories(spec: Categories, locale: str) -> str:
    parts = []
    for category, label in spec.categories:
        members = [t.get(locale) for _i, t, c in spec.items if c == category]
        parts.append(f"{label.get(locale)} : {', '.join(members)}")
    return " ; ".join(parts)


def _categories_text(spec: Categories, detail: str) -> str | None:
    """A recorded sorting (« item id=category id », joined by commas) as each category
    and the items put in it, as the guide says the solution."""
    pairs = _pairs_of(detail)
    items = {i: t for i, t, _c in spec.items}
    labels = dict(spec.categories)
    if pairs is None or not all(i in items and c in labels for i, c in pairs):
        return None
    put = dict(pairs)
    parts = []
    for category, label in spec.categories:
        members = [t.get() for i, t, _c in spec.items if put.get(i) == category]
        if members:
            parts.append(f"{label.get()} : {', '.join(members)}")
    return " ; ".join(parts)


register(PuzzleType(
    "categories", frozenset({"categories", "items", "shuffle", "partial"}),
    lambda raw, locale: Categories(
        tuple((c["id"], Text.of(c["label"], locale)) for c in raw["categories"]),
        tuple((i["id"], Text.of(i["text"], locale), i["category"]) for i in raw["items"])),
    _judge_categories, lambda spec: spec.expected, _problems_categories, _describe_categories,
    shuffled=True, answer_text=_categories_text,
    form=EditorForm(N_("Trier"), rank=8, hint=N_("Des éléments à ranger dans des catégories."), example={
        "prompt": "Trie ces affirmations.",
        "categories": [{"id": "fait", "label": "Un fait"}, {"id": "opinion", "label": "Une opinion"}],
        "items": [{"id": "i1", "text": "L’eau bout à 100 °C au niveau de la mer.", "category": "fait"},
                  {"id": "i2", "text": "Ce film est le meilleur de l’année.", "category": "opinion"}]})))
