"""Pointing at something: a zone of an image, or the clue inside a document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...i18n import N_
from ..model import Document, Rect, Text, maybe_text
from . import EditorForm, Judgement, PuzzleType, expect, register


@dataclass(frozen=True)
class Zone:
    id: str
    rect: Rect
    correct: bool
    label: Text | None


@dataclass(frozen=True)
class Hotspot:
    """An answer is a point ``{x, y}`` in percent of the image, or a zone id (keyboard
    and screen-reader play go from zone to zone)."""

    image: str
    zones: tuple[Zone, ...]

    def zone_at(self, x: float, y: float) -> Zone | None:
        # Smallest zone first, so a detail inside a larger area can be picked.
        for zone in sorted(self.zones, key=lambda z: z.rect.w * z.rect.h):
            if zone.rect.contains(x, y):
                return zone
        return None


def _build_hotspot(raw: Mapping[str, Any], locale: str) -> Hotspot:
    return Hotspot(raw["image"], tuple(
        Zone(z["id"], Rect(z["x"], z["y"], z["w"], z["h"]), bool(z.get("correct")),
             maybe_text(z.get("label"), locale)) for z in raw["zones"]))


def _judge_hotspot(spec: Hotspot, answer: Any) -> Judgement:
    if isinstance(answer, str):
        zone = next((z for z in spec.zones if z.id == answer), None)
        expect(zone is not None, "zone id or {x, y}")
    else:
        expect(isinstance(answer, dict) and all(isinstance(answer.get(k), (int, float))
                                                for k in ("x", "y")), "zone id or {x, y}")
        zone = spec.zone_at(answer["x"], answer["y"])
    correct = bool(zone and zone.correct)
    return Judgement(correct, 1.0 if correct else 0.0, zone.id if zone else "-")


def _problems_hotspot(spec: Hotspot) -> list[str]:
    from ...i18n import _

    problems = []
    if not any(z.correct for z in spec.zones):
        problems.append(_("aucune zone n’est marquée « correct: true »"))
    for zone in spec.zones:
        if zone.rect.x + zone.rect.w > 100.001 or zone.rect.y + zone.rect.h > 100.001:
            problems.append(_("la zone « {id} » dépasse de l’image (x + w ou y + h au-delà de 100)")
                            .format(id=zone.id))
    return problems


def _solution_hotspot(spec: Hotspot) -> dict[str, float]:
    zone = next(z for z in spec.zones if z.correct)
    return {"x": zone.rect.x + zone.rect.w / 2, "y": zone.rect.y + zone.rect.h / 2}


def _describe_hotspot(spec: Hotspot, locale: str) -> str:
    return " ; ".join((z.label.get(locale) if z.label else z.id) for z in spec.zones if z.correct)


def _zone_text(spec: Hotspot, detail: str) -> str | None:
    """A recorded zone as its label, when it has one."""
    zone = next((z for z in spec.zones if z.id == detail), None)
    return zone.label.get() if zone is not None and zone.label is not None else None


register(PuzzleType("hotspot", frozenset({"image", "zones"}), _build_hotspot, _judge_hotspot,
                    _solution_hotspot, _problems_hotspot, _describe_hotspot, answer_text=_zone_text,
                    form=EditorForm(
                        N_("Cliquer sur une image"), rank=9,
                        hint=N_("Une ou plusieurs zones justes sur une image."), example={
                            "prompt": "Clique sur l’indice dans l’image.", "image": "images/image.png",
                            "zones": [{"id": "z1", "x": 10, "y": 10, "w": 20, "h": 20, "correct": True}]})))


@dataclass(frozen=True)
class Spot:
    """Pick the part of the puzzle's document that gives it away (the date, the
    truncated axis, a paragraph…); any of ``parts`` is right."""

    parts: tuple[str, ...]


def _judge_spot(spec: Spot, answer: Any) -> Judgement:
    expect(isinstance(answer, str), "document part id")
    correct = answer in spec.parts
    return Judgement(correct, 1.0 if correct else 0.0, answer)


def _said(value: Any) -> str:
    return " ".join(Text.of(value).get().split())


def part_words(document: Document, part: str) -> str | None:
    """A part of a document in the words it shows: a line of its body, a message, an
    entry of its metadata, a field (its value), or an element of a chart."""
    from ...i18n import _

    data = document.data
    for key in ("body", "messages", "metadata"):
        for entry in data.get(key, ()) or ():
            if isinstance(entry, Mapping) and entry.get("id") == part:
                if "label" in entry and "value" in entry:
                    return f"{_said(entry['label'])} : {_said(entry['value'])}"
                said = _said(entry.get("text", ""))
                author = entry.get("from")
                return f"{_said(author)} : {said}" if author and said else said or None
    named = {"x_axis": _("l’axe horizontal du graphique"), "y_axis": _("l’axe vertical du graphique"),
             "legend": _("la légende du graphique"),
             "plot": _("les barres ou la courbe du graphique"), "image": _("l’image"),
             "counts": _("les chiffres (vues, partages)"), "verified": _("le badge « vérifié »")}
    if part == "title" and "chart" in data:
        return _("le titre du graphique")
    if part in named:
        return named[part]
    value = data.get(part)
    if isinstance(value, (str, Mapping)):
        return _said(value) or None
    return None


def answer_words(kind: PuzzleType, spec: Any, document: Document | None, detail: str) -> str | None:
    """A recorded answer (``Judgement.detail``) in words, the one way the result file,
    the class summary, the teams' comparison and the player's voice say it: the puzzle
    type's ``answer_text``, else the part of the puzzle's document it names (a spot)."""
    text = kind.answer_text(spec, detail)
    if text is None and document is not None and kind.document_parts is not None:
        text = part_words(document, detail)
    return text


MISSED = "-"  # a click off every part of the document, recorded as a hotspot's miss is


def _spot_text(spec: Spot, detail: str) -> str | None:
    """A click off every part in words; a part is said by what its document shows there
    (``part_words``: the class summary and the player's voice look it up)."""
    from ...i18n import _

    return _("ailleurs dans le document") if detail == MISSED else None


register(PuzzleType("spot", frozenset({"parts"}), lambda raw, locale: Spot(tuple(raw["parts"])),
                    _judge_spot, lambda spec: spec.parts[0], lambda spec: [],
                    lambda spec, locale: ", ".join(spec.parts), document_parts=lambda spec: spec.parts,
                    answer_text=_spot_text,
                    form=EditorForm(N_("Repérer l’indice"), rank=10,
                                    hint=N_("La partie d’un document qui cloche."), example={
                        "prompt": "Qu’est-ce qui cloche dans ce document ?", "document": "", "parts": ["date"]})))
