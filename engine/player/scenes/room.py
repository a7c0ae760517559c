"""A room drawn as a scene: its picture, and on it the objects and doors as zones of
the picture (``Hotspot``), found by looking: a zone lights up under the pointer or the
keyboard focus and says its name in a tag; « Montrer les objets » (or the O key) shows
every zone and its name at once, for whoever is stuck or cannot point. Each zone shows
its state whatever happens: a check once looked at, a padlock while locked.

Zones are placed by the author in % of the picture (``x, y, w, h``), and are at least
44 px in both directions (touch). The keyboard reaches them in reading order (top to
bottom, left to right). An exit without a place on the picture is a button under it.

Drawing costs nothing while nothing changes: zones are drawn in the scene's composed
picture; hovering a zone composes it again once (its tag reaches beyond the zone).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from .. import gfx, pictures
from ..widgets import Button, Widget

MIN_TARGET = 44  # px: the smallest touch target (WCAG 2.5.5)
ASPECT = 1.6  # the art library's backgrounds are 1600 × 1000


@dataclass
class Hotspot(Widget):
    """An object or a door of the room, as a zone of its picture. ``state`` is
    ``new`` (not looked at yet), ``seen``, ``locked`` or ``open`` (a door that lets
    through); ``detail`` says it in words, ``sprite`` (an ``art:`` name) is drawn in
    the zone when the picture does not draw the object itself."""

    label: str = ""
    detail: str = ""
    state: str = "new"
    kind: str = "object"
    sprite: str | None = None
    folder: str = "."
    revealed: bool = False  # « Montrer les objets »: outlined even when not pointed at

    def draw(self, surface: pygame.Surface, ui, focused: bool, hovered: bool) -> None:
        m, p = ui.metrics, ui.palette
        if self.sprite:
            size = min(self.rect.width, self.rect.height)
            sprite = pictures.picture(ui, self.folder, self.sprite, size, size)
            surface.blit(sprite, sprite.get_rect(center=self.rect.center))
        lit = focused or hovered
        if lit:
            surface.blit(gfx.veil(self.rect.width, self.rect.height, (255, 255, 255), 70), self.rect)
        if lit or self.revealed:
            radius = m.radius * 2
            pygame.draw.rect(surface, p.shade, self.rect.inflate(6, 6), 2, border_radius=radius + 3)
            pygame.draw.rect(surface, p.focus if lit else (255, 255, 255), self.rect.inflate(2, 2),
                             m.focus_width if lit else 3, border_radius=radius)
        self.draw_badge(surface, ui)

    def draw_badge(self, surface: pygame.Surface, ui) -> None:
        """The zone's state, always shown, in its top right corner: a check (looked at),
        a padlock (locked), an arrow (a door already opened)."""
        mark = {"seen": "check", "locked": "lock", "open": "right"}.get(self.state)
        if mark is None:
            return
        m, p = ui.metrics, ui.palette
        radius = max(11, round(m.small * 0.75))
        colour = {"seen": p.success, "locked": p.warm, "open": p.accent}[self.state]
        ink = p.accent_text if ui.prefs["contrast"] != "high" else (0, 0, 0)
        centre = (self.rect.right - radius // 2, self.rect.top + radius // 2)
        pygame.draw.circle(surface, p.shade, centre, radius + 2)
        pygame.draw.circle(surface, colour, centre, radius)
        gfx.icon(surface, mark, centre, round(radius * 1.2), ink)

    def tag(self, ui, bounds: pygame.Rect, brief: bool = False) -> pygame.Surface:
        """The name tag: the name, and under it the state in words (``brief``: the name
        alone, when every zone is named at once and the badges say the states)."""
        m, p = ui.metrics, ui.palette
        width = max(m.body * 8, min(bounds.width // (3 if brief else 2), m.body * 20))
        name = ui.text.render(self.label, m.small if brief else m.body, p.text, width, bold=True)
        detail = ui.text.render(self.detail, m.small, p.muted, width) if self.detail and not brief else None
        inner_w = max(name.get_width(), detail.get_width() if detail else 0)
        inner_h = name.get_height() + (detail.get_height() + m.unit // 2 if detail else 0)
        pad = m.unit if brief else m.unit * 2
        tag = pygame.Surface((inner_w + pad * 2, inner_h + m.unit * (1 if brief else 2)), pygame.SRCALPHA)
        gfx.box(tag, tag.get_rect(), p.surface, m.radius, p.shade, 2)
        tag.blit(name, (pad, m.unit // (2 if brief else 1)))
        if detail:
            tag.blit(detail, (pad, m.unit + name.get_height() + m.unit // 2))
        return tag

    def places(self, size: tuple[int, int], bounds: pygame.Rect, gap: int) -> list[pygame.Rect]:
        """Where a tag of ``size`` may go, best first: under the zone, above it, inside
        it at its foot, over its middle; each kept inside ``bounds``."""
        out = []
        for anchor, point in (("midtop", (self.rect.centerx, self.rect.bottom + gap)),
                              ("midbottom", (self.rect.centerx, self.rect.top - gap)),
                              ("midleft", (self.rect.right + gap, self.rect.centery)),
                              ("midright", (self.rect.left - gap, self.rect.centery)),
                              ("midbottom", (self.rect.centerx, self.rect.bottom - gap)),
                              ("center", self.rect.center)):
            place = pygame.Rect((0, 0), size)
            setattr(place, anchor, point)
            out.append(place.clamp(bounds))
        return out


def picture_rect(area: pygame.Rect) -> pygame.Rect:
    """Where the room's picture is drawn in ``area``: as large as fits, its proportions
    kept (the bundled backgrounds are 16:10), centred."""
    width = min(area.width, round(area.height * ASPECT))
    height = min(area.height, round(width / ASPECT))
    rect = pygame.Rect(0, 0, width, height)
    rect.center = area.center
    return rect


def zone(place, picture: pygame.Rect) -> pygame.Rect:
    """The author's rectangle (in % of the picture) on screen, at least 44 px wide and
    high (grown around its centre) and inside the picture."""
    left, top = round(picture.x + place.x * picture.width / 100), round(picture.y + place.y * picture.height / 100)
    right = round(picture.x + (place.x + place.w) * picture.width / 100)
    bottom = round(picture.y + (place.y + place.h) * picture.height / 100)
    rect = pygame.Rect(left, top, right - left, bottom - top)  # edges rounded alone: zones side by side never overlap
    grow_w, grow_h = max(0, MIN_TARGET - rect.width), max(0, MIN_TARGET - rect.height)
    rect.inflate_ip(grow_w, grow_h)
    return rect.clamp(picture)


def separate(spots: list[Hotspot]) -> None:
    """Zones grown to 44 px may reach a neighbour: the larger of two zones that overlap
    gives up the strip they share (on the side where it is thinnest), so that a tap
    always means one thing."""
    for _round in range(3):
        for index, first in enumerate(spots):
            for second in spots[index + 1:]:
                if not first.rect.colliderect(second.rect):
                    continue
                big, small = (first, second) if first.rect.width * first.rect.height >= \
                    second.rect.width * second.rect.height else (second, first)
                cut = big.rect.clip(small.rect)
                rect = pygame.Rect(big.rect)
                if cut.width <= cut.height:  # side by side: cut left or right
                    if small.rect.centerx > rect.centerx:
                        rect.width = small.rect.left - rect.left
                    else:
                        rect.width, rect.left = rect.right - small.rect.right, small.rect.right
                elif small.rect.centery > rect.centery:  # one above the other
                    rect.height = small.rect.top - rect.top
                else:
                    rect.height, rect.top = rect.bottom - small.rect.bottom, small.rect.bottom
                if rect.width >= MIN_TARGET and rect.height >= MIN_TARGET:
                    big.rect = rect


def reading_order(spots: list[Hotspot]) -> list[Hotspot]:
    """Top to bottom, then left to right, in bands of a fifth of the picture's height:
    what the keyboard reaches first is what the eye meets first."""
    if not spots:
        return spots
    top = min(s.rect.top for s in spots)
    bottom = max(s.rect.bottom for s in spots)
    band = max(1, (bottom - top) // 5)
    return sorted(spots, key=lambda s: ((s.rect.centery - top) // band, s.rect.centerx))


def _place(spot: Hotspot, size: tuple[int, int], bounds: pygame.Rect, gap: int, tags: list[pygame.Rect],
           zones: list[pygame.Rect]) -> pygame.Rect:
    """The first place for a tag that covers no other tag, and as few zones (its own
    included) as can be."""
    return min(spot.places(size, bounds, gap), key=lambda o: (
        len(o.collidelistall(tags)) * 10 + len(o.collidelistall(zones))))  # its own zone counts too


def draw_tags(scene, surface: pygame.Surface, bounds: pygame.Rect) -> None:
    """« Montrer les objets »: every zone named briefly (the badges say the states), in
    the composed picture; each tag where it covers no other tag and the fewest zones."""
    ui = scene.app.ui
    spots = [w for w in scene.widgets if isinstance(w, Hotspot)]
    zones = [w.rect for w in spots]
    tags: list[pygame.Rect] = []
    for spot in spots:
        if not spot.revealed:
            continue
        tag = spot.tag(ui, bounds, brief=True)
        place = _place(spot, tag.get_size(), bounds, ui.metrics.unit, tags, zones)
        tags.append(place)
        surface.blit(tag, place)
        scene.drawn_over(place)


def draw_pointed_tag(scene, surface: pygame.Surface, bounds: pygame.Rect) -> list[pygame.Rect]:
    """The zone under the pointer (or the keyboard focus) names itself whole, name and
    state, in a tag drawn live over the composed picture: entering or leaving a zone
    repaints its outline and this tag alone, never the whole picture."""
    spot = scene.hover if isinstance(scene.hover, Hotspot) else (
        scene.focus if isinstance(scene.focus, Hotspot) and scene.focus_visible else None)
    if spot is None or spot not in scene.widgets:
        return []
    ui = scene.app.ui
    key = (spot.id, spot.label, spot.detail, ui.metrics.body, ui.prefs["contrast"], tuple(bounds))
    cached = getattr(scene, "_pointed_tag", None)
    if cached is None or cached[0] != key:
        tag = spot.tag(ui, bounds)
        zones = [w.rect for w in scene.widgets if isinstance(w, Hotspot)]
        cached = (key, tag, _place(spot, tag.get_size(), bounds, ui.metrics.unit, [], zones))
        scene._pointed_tag = cached
    _key, tag, place = cached
    surface.blit(tag, place)
    return [pygame.Rect(place)]


@dataclass
class PictureButton(Button):
    """A button with a picture of the art library (``art:NAME``) in place of an icon:
    an inventory item, an object in the text list."""

    picture: str = ""
    folder: str = "."

    def _sprite_size(self, ui) -> int:
        return round((self.size or ui.metrics.body) * 1.3)

    def needed_height(self, ui, width: int) -> int:
        m = ui.metrics
        text_w = max(10, width - m.unit * 5 - self._sprite_size(ui))
        height = ui.text.height(self.label, self.size or m.body, text_w, bold=self.style == "primary")
        if self.detail:
            height += ui.text.height(self.detail, m.small, text_w) + m.unit // 2
        return max(height, self._sprite_size(ui)) + m.unit * 3

    def draw(self, surface: pygame.Surface, ui, focused: bool, hovered: bool) -> None:
        m = ui.metrics
        fill, ink, edge = self.colors(ui, hovered)
        gfx.box(surface, self.rect, fill, m.radius, edge, m.focus_width if self.selected else 2)
        size = self._sprite_size(ui)
        x = self.rect.x + m.unit * 2
        sprite = pictures.picture(ui, self.folder, self.picture, size, size)
        surface.blit(sprite, sprite.get_rect(midleft=(x, self.rect.centery)))
        x += size + m.unit
        width = max(10, self.rect.right - m.unit * 2 - x)
        text = ui.text.render(self.label, self.size or m.body, ink, width, bold=self.style == "primary")
        if self.detail:
            detail = ui.text.render(self.detail, m.small, ink, width)
            top = self.rect.centery - (text.get_height() + detail.get_height() + m.unit // 2) // 2
            surface.blit(text, (x, top))
            surface.blit(detail, (x, top + text.get_height() + m.unit // 2))
        else:
            surface.blit(text, (x, self.rect.centery - text.get_height() // 2))
        if self.selected:
            gfx.icon(surface, "check", (self.rect.right - m.unit * 2 - m.small // 2, self.rect.top + m.unit + m.small // 2),
                     m.small, ink)
        if focused:
            self.draw_focus(surface, ui)


# An inventory item without a picture of its own shows one for what it holds.
KIND_PICTURES = {"post": "art:telephone_portable", "thread": "art:bulle", "article": "art:journal",
                 "chart": "art:graphique", "poster": "art:punaise", "photo": "art:appareil_photo",
                 "profile": "art:badge"}


def item_picture(game, item) -> str:
    """The art library's picture of an inventory item: its own ``icon``, else one for
    the kind of document it holds, else a parcel."""
    if item.icon:
        return item.icon
    document = game.documents.get(item.document) if item.document else None
    return KIND_PICTURES.get(document.kind if document else "", "art:colis")


class RevealObjects:
    """« Montrer les objets »: every zone of the picture outlined and named, or not."""


class SwitchView:
    """The room as its picture, or as the text list."""
