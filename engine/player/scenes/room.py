"""A room drawn as a scene: its picture, and on it the objects and doors as zones of
the picture (``Hotspot``), found by looking: a zone lights up under the pointer or the
keyboard focus and says its name in a tag; « Montrer les objets » (or the O key) shows
every zone and its name at once, for whoever is stuck or cannot point: each name in
its own zone, else beside it, never over another zone while a place is free (else tied
to its zone by a leader line). Each zone shows its state whatever happens: a check
once looked at, a closed padlock while locked, an open one once unlocked, an arrow on
a door once used. The pictures draw no padlock of their own (it could not open).

A click on the picture that finds nothing there says so quietly, near the pointer,
for a moment (``MissNote``): the pupil knows the click was heard.

Zones are placed by the author in % of the picture (``x, y, w, h``), and are at least
44 px in both directions (touch). The keyboard reaches them in reading order (top to
bottom, left to right). An exit without a place on the picture is a button under it.

Drawing costs nothing while nothing changes: zones are drawn in the scene's composed
picture; hovering a zone composes it again once (its tag reaches beyond the zone).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pygame

from ...i18n import _
from .. import gfx, pictures, typeset
from ..widgets import Button, Widget

MIN_TARGET = 44  # px: the smallest touch target (WCAG 2.5.5)
ASPECT = 1.6  # the art library's backgrounds are 1600 × 1000


@dataclass
class Hotspot(Widget):
    """An object or a door of the room, as a zone of its picture. ``state`` is
    ``new`` (not looked at yet), ``seen``, ``locked``, ``unlocked`` (was locked, is
    open, not used yet) or ``open`` (a door already gone through); ``detail`` says
    it in words, ``sprite`` (an ``art:`` name) is drawn in the zone when the picture
    does not draw the object itself."""

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
        a closed padlock (locked), an open one (unlocked), an arrow (a door already used)."""
        mark = BADGES.get(self.state)
        if mark is None:
            return
        p = ui.palette
        radius = _badge_radius(ui)
        colour = {"seen": p.success, "locked": p.warm, "unlocked": p.success, "open": p.accent}[self.state]
        ink = p.accent_text if ui.prefs["contrast"] != "high" else (0, 0, 0)
        centre = (self.rect.right - radius // 2, self.rect.top + radius // 2)
        pygame.draw.circle(surface, p.shade, centre, radius + 2)
        pygame.draw.circle(surface, colour, centre, radius)
        if mark in ("lock", "unlock"):
            draw_padlock(surface, centre, radius, ink, mark == "unlock")
        else:
            gfx.icon(surface, mark, centre, round(radius * 1.2), ink)

    def tag(self, ui, bounds: pygame.Rect, brief: bool = False, width: int | None = None) -> pygame.Surface:
        """The name tag: the name, and under it the state in words (``brief``: the name
        alone, when every zone is named at once and the badges say the states); its
        lines no wider than ``width`` when given (a tag folded to fit in its zone)."""
        m, p = ui.metrics, ui.palette
        pad = m.unit if brief else m.unit * 2
        if width is None:
            width = max(m.body * 8, min(bounds.width // (3 if brief else 2), m.body * 20))
        else:
            width = max(m.small * 2, width - pad * 2)
        name = ui.text.render(self.label, m.small if brief else m.body, p.text, width, bold=True)
        detail = ui.text.render(self.detail, m.small, p.muted, width) if self.detail and not brief else None
        inner_w = max(name.get_width(), detail.get_width() if detail else 0)
        inner_h = name.get_height() + (detail.get_height() + m.unit // 2 if detail else 0)
        tag = pygame.Surface((inner_w + pad * 2, inner_h + m.unit * (1 if brief else 2)), pygame.SRCALPHA)
        gfx.box(tag, tag.get_rect(), p.surface, m.radius, p.shade, 2)
        tag.blit(name, (pad, m.unit // (2 if brief else 1)))
        if detail:
            tag.blit(detail, (pad, m.unit + name.get_height() + m.unit // 2))
        return tag

    def badge_rect(self, ui, reserved: bool = False) -> pygame.Rect | None:
        """Where ``draw_badge`` draws the state's badge (None: no badge). ``reserved``:
        where it is or would be, whatever the state (the name tags keep clear of it, so
        that a badge that comes or changes after a solve moves no tag)."""
        if self.state not in BADGES and not reserved:
            return None
        radius = _badge_radius(ui)
        centre = (self.rect.right - radius // 2, self.rect.top + radius // 2)
        return pygame.Rect(0, 0, radius * 2 + 4, radius * 2 + 4).move(centre[0] - radius - 2, centre[1] - radius - 2)


BADGES = {"seen": "check", "locked": "lock", "unlocked": "unlock", "open": "right"}  # state: its badge's mark
LISTED = {"new": "star", "seen": "check", "locked": "lock", "unlocked": "unlock"}  # an object's mark in the list


def object_state(rules, state, obj) -> tuple[str, str]:
    """An object's state (``new``, ``seen``, ``locked``, ``unlocked``: see ``Hotspot``)
    and its words, the same on the picture (the zone's badge, its tag, its voice) and
    in the list view (« déverrouillé, à examiner » in both, not « à examiner » in one)."""
    locked = not rules.passable(state, obj.id)  # drawn shut exactly when it is
    seen = obj.id in state.inspected
    unlocked = not locked and not seen and (obj.lock is not None or bool(obj.requires))
    key = "locked" if locked else ("seen" if seen else ("unlocked" if unlocked else "new"))
    return key, {"locked": _("verrouillé"), "seen": _("déjà examiné"), "unlocked": _("déverrouillé, à examiner"),
                 "new": _("à examiner")}[key]


def _badge_radius(ui) -> int:
    return max(11, round(ui.metrics.small * 0.75))


def draw_padlock(surface: pygame.Surface, centre: tuple[int, int], radius: int, ink, opened: bool) -> None:
    """A padlock that reads at a badge's size (about 24 px): a thick shackle, closed
    into the body, or lifted and swung aside, its left leg free (open)."""
    x, y = centre
    width = max(2, round(radius / 4.5))
    body = pygame.Rect(0, 0, round(radius * 1.05), round(radius * 0.78))
    body.midtop = (x, y - round(radius * 0.12))
    shackle = pygame.Rect(0, 0, round(radius * 0.72), round(radius * 0.9))
    lift = round(radius * 0.2) if opened else 0
    shackle.midtop = (x + (round(radius * 0.32) if opened else 0), y - round(radius * 0.72) - lift)
    mid = shackle.top + shackle.height // 2
    pygame.draw.arc(surface, ink, shackle, 0, math.pi, width)
    right = shackle.right - (width + 1) // 2
    left = shackle.left + width // 2
    pygame.draw.line(surface, ink, (right, mid), (right, body.top), width)
    pygame.draw.line(surface, ink, (left, mid), (left, body.top if not opened else mid + round(radius * 0.15)), width)
    pygame.draw.rect(surface, ink, body, border_radius=max(2, radius // 6))


def picture_rect(area: pygame.Rect, natural: tuple[int, int] | None = None) -> pygame.Rect:
    """Where the room's picture is drawn in ``area``: as large as fits, its proportions
    kept (``natural``: its own size; the bundled backgrounds are 16:10), centred. The
    zones are placed in % of this rectangle: of the picture itself, whatever its shape."""
    aspect = natural[0] / natural[1] if natural else ASPECT
    width = min(area.width, round(area.height * aspect))
    height = min(area.height, round(width / aspect))
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


# Where a tag may go, by preference: whatever the order, a tag never covers another
# tag nor another zone while some place covers neither.
INSIDE, BESIDE, OVER, NEAR, HIDES = "inside", "beside", "over", "near", "hides"


@dataclass
class TagPlace:
    """A name tag laid out on the picture: ``rect`` where it is drawn, ``how`` it sits
    (``inside`` its zone, ``beside`` it, ``over`` it, ``near`` it but as near another
    zone, or ``hides`` it when nothing else could be), and ``leader``, a line from the tag to its zone, when the tag is not
    plainly its zone's (placed away from it, or as close to another zone)."""

    spot: Hotspot
    surface: pygame.Surface
    rect: pygame.Rect
    how: str
    leader: tuple[tuple[int, int], tuple[int, int]] | None = None


def _gap_between(a: pygame.Rect, b: pygame.Rect) -> float:
    """How far apart two rectangles are (0 when they touch or overlap)."""
    dx = max(0, a.left - b.right, b.left - a.right)
    dy = max(0, a.top - b.bottom, b.top - a.bottom)
    return (dx * dx + dy * dy) ** 0.5


def _around(zone: pygame.Rect, size: tuple[int, int], bounds: pygame.Rect, gap: int) -> list[pygame.Rect]:
    """Places for a tag of ``size``: in the zone (at its foot, its top, its middle),
    then beside it (under, above, right, left; centred or aligned with an edge),
    each kept inside ``bounds``."""
    width, height = size
    inside = [("midbottom", (zone.centerx, zone.bottom - gap)), ("midtop", (zone.centerx, zone.top + gap)),
              ("center", zone.center)]
    beside = []
    for y_anchor, y in (("top", zone.bottom + gap), ("bottom", zone.top - gap)):
        beside += [(f"mid{y_anchor}", (zone.centerx, y)), (f"{y_anchor}left", (zone.left, y)),
                   (f"{y_anchor}right", (zone.right, y))]
    for x_anchor, x in (("left", zone.right + gap), ("right", zone.left - gap)):
        beside += [(f"mid{x_anchor}", (x, zone.centery)), (f"top{x_anchor}", (x, zone.top)),
                   (f"bottom{x_anchor}", (x, zone.bottom))]
    out = []
    for anchor, point in inside + beside:
        place = pygame.Rect((0, 0), (width, height))
        setattr(place, anchor, point)
        out.append(place.clamp(bounds))
    return out


def _how(place: pygame.Rect, zone: pygame.Rect, others: list[pygame.Rect], gap: int) -> str:
    """How a tag at ``place`` sits with its own ``zone``: ``inside`` it (covering at
    most a third of it: the object stays in view), ``over`` it (half of it at most),
    ``hides`` it (more), ``beside`` it, or ``near``: beside it, but hardly farther
    (``gap``) from another zone than from its own."""
    if zone.contains(place) and place.width * place.height * 3 <= zone.width * zone.height:
        return INSIDE
    if place.colliderect(zone):
        covered = place.clip(zone)
        return HIDES if covered.width * covered.height * 2 > zone.width * zone.height else OVER
    own = _gap_between(place, zone)
    return NEAR if any(_gap_between(place, other) <= own + gap for other in others) else BESIDE


def _leader(place: pygame.Rect, zone: pygame.Rect) -> tuple[tuple[int, int], tuple[int, int]]:
    """A short line from the tag's edge to its zone's: between their nearest points."""
    to_zone = (min(max(place.centerx, zone.left + 4), zone.right - 4),
               min(max(place.centery, zone.top + 4), zone.bottom - 4))
    from_tag = (min(max(to_zone[0], place.left), place.right - 1), min(max(to_zone[1], place.top), place.bottom - 1))
    return from_tag, to_zone


def _aside(place: pygame.Rect, zone: pygame.Rect) -> bool:
    """A tag wider than its zone, on its left or right: it lies under or over something
    else of the picture, whose name it seems to be (play-through h9: « Le lecteur de
    badge », left of the small reader, read as the 3D printer's). Such a tag is tied to
    its zone by a leader; a tag above or under its zone reads as its caption."""
    return place.width > zone.width and (place.right <= zone.left or place.left >= zone.right)


def _free_place(spot: Hotspot, size: tuple[int, int], bounds: pygame.Rect, step: int,
                blocked: list[pygame.Rect], others: list[pygame.Rect]) -> tuple[float, pygame.Rect] | None:
    """The place nearest to the zone, on a grid over ``bounds``, that covers nothing in
    ``blocked`` (other zones, tags, the zone itself), its leader crossing as few other
    zones as can be, and how far it is; None when there is none."""
    best: tuple[float, pygame.Rect] | None = None
    width, height = size
    for y in range(bounds.top, bounds.bottom - height + 1, step):
        for x in range(bounds.left, bounds.right - width + 1, step):
            place = pygame.Rect(x, y, width, height)
            if place.collidelist(blocked) >= 0:
                continue
            start, end = _leader(place, spot.rect)
            crossed = sum(1 for other in others if other.clipline(start, end))
            cost = _gap_between(place, spot.rect) + crossed * step * 20
            if best is None or cost < best[0]:
                best = (cost, place)
    return best


def _fold(ui, label: str, limit: int, max_lines: int) -> int | None:
    """The narrowest width, at most ``limit``, at which a brief tag's name takes no more
    lines than at ``limit`` (lines of even length), with no word cut and no more than
    ``max_lines``; None when it cannot be."""
    face = ui.text.face(ui.metrics.small, bold=True)
    text = ui.text.shown(label)
    narrow = max(face.size(word)[0] for word in text.split(" "))
    if narrow > limit:
        return None
    lines = len(typeset.wrap(text, face, limit))
    if lines > max_lines:
        return None
    wide = limit
    while narrow < wide:
        middle = (narrow + wide) // 2
        if len(typeset.wrap(text, face, middle)) <= lines:
            wide = middle
        else:
            narrow = middle + 1
    return wide + 2  # the typesetter may draw a space a little wider than measured


def _tag_variants(ui, spot: Hotspot, bounds: pygame.Rect, brief: bool) -> list[pygame.Surface]:
    """A zone's tag as it comes (a brief one with its lines evened), then folded to fit
    in the zone, then narrower (brief tags only: up to three lines, no word cut)."""
    m = ui.metrics
    natural = spot.tag(ui, bounds, brief=brief)
    if not brief or " " not in spot.label.strip():
        return [natural]
    pad = m.unit
    even = _fold(ui, spot.label, natural.get_width() - pad * 2, 99)  # its lines of even length
    if even is not None and even + pad * 2 < natural.get_width():
        natural = spot.tag(ui, bounds, brief=True, width=even + pad * 2)
    out = [natural]
    for limit in (spot.rect.width - m.unit * 2 - pad * 2, m.body * 7, m.body * 10):
        if natural.get_width() - pad * 2 > limit:
            width = _fold(ui, spot.label, limit, 3)
            if width is not None:
                tag = spot.tag(ui, bounds, brief=True, width=width + pad * 2)
                if all(tag.get_size() != t.get_size() for t in out):
                    out.append(tag)
    return out


def _nearest_free(spot: Hotspot, variants: list[pygame.Surface], bounds: pygame.Rect, gap: int,
                  blocked: list[pygame.Rect], others: list[pygame.Rect]) -> tuple[pygame.Rect, pygame.Surface] | None:
    """The place nearest to the zone where one of its tags covers nothing (the first,
    widest variant a little preferred), or None."""
    free = None
    for variant, tag in enumerate(variants):
        found = _free_place(spot, tag.get_size(), bounds, max(gap * 2, 12), blocked + [spot.rect], others)
        if found is not None and (free is None or found[0] + variant * gap < free[0]):
            free = (found[0] + variant * gap, found[1], tag)
    return (free[1], free[2]) if free is not None else None


def layout_tags(ui, spots: list[Hotspot], bounds: pygame.Rect, named: list[Hotspot] | None = None,
                brief: bool = True, inside_first: bool = True) -> list[TagPlace]:
    """The name tags of ``named`` (by default the revealed ``spots``) laid out on the
    picture ``bounds`` among the zones of ``spots``. No tag covers another tag, nor
    another zone or its badge, while some place covers neither. Best first: in its own
    zone (``inside_first``; the name folded onto up to three lines to fit), beside it,
    on the side away from the other zones (the name folded to a narrower tag if need
    be), over it; failing those, where it covers nothing, as near as can be, with a
    leader line to its zone. A tag beside its zone but as near another zone gets a
    leader line too."""
    gap = ui.metrics.unit
    shown = [s for s in spots if s.revealed] if named is None else named
    # Every zone's badge corner kept clear, a badge drawn there or not yet: the places
    # depend on the zones alone, never on their states (a solve moves no other tag).
    badges = {id(s): s.badge_rect(ui, reserved=True) for s in (*spots, *shown)}
    ranks = {INSIDE: 0, BESIDE: 1, OVER: 2, NEAR: 3, HIDES: 4}
    if not inside_first:
        ranks.update({BESIDE: 0, INSIDE: 1})
    variants = {id(s): _tag_variants(ui, s, bounds, brief) for s in shown}

    def fits_inside(spot: Hotspot) -> bool:
        return any(t.get_width() <= spot.rect.width - gap * 2 and t.get_height() * 3 <= spot.rect.height
                   for t in variants[id(spot)])

    # Those that fit in their zone first: they take no place another tag could want.
    order = sorted(shown, key=lambda s: 0 if inside_first and fits_inside(s) else 1)
    placed: list[TagPlace] = []
    for spot in order:
        others = [s.rect for s in spots if s is not spot]
        obstacles = others + [b for s in spots if s is not spot and (b := badges[id(s)]) is not None]
        own_badge = badges[id(spot)]
        tags = [t.rect for t in placed]
        best: tuple | None = None
        for variant, surface in enumerate(variants[id(spot)]):
            for index, place in enumerate(_around(spot.rect, surface.get_size(), bounds, gap)):
                how = _how(place, spot.rect, others, gap)
                clear = min((_gap_between(place, o) for o in others), default=gap * 4) if how in (BESIDE, NEAR) else 0
                cost = (len(place.collidelistall(tags)), len(place.collidelistall(obstacles)), ranks[how],
                        1 if own_badge is not None and place.colliderect(own_badge) else 0, min(variant, 1),
                        -min(clear, gap * 4), index)
                if best is None or cost < best[0]:
                    best = (cost, surface, place, how)
        assert best is not None
        cost, surface, place, how = best
        covers = bool(cost[0] or cost[1])
        if covers or how == HIDES:  # no free place by it: the nearest free one, with a leader
            free = _nearest_free(spot, variants[id(spot)], bounds, gap, tags + obstacles, others)
            if free is not None:
                (place, surface), how, covers = free, NEAR, False
        leader = _leader(place, spot.rect) if covers or how == NEAR or _aside(place, spot.rect) else None
        placed.append(TagPlace(spot, surface, place, how, leader))
    return placed


def draw_leader(surface: pygame.Surface, ui, leader: tuple[tuple[int, int], tuple[int, int]]) -> pygame.Rect:
    """The line from a tag to its zone, light on a dark edge (seen on any picture),
    ending on the zone in a dot; returns what it covers."""
    start, end = leader
    shade = ui.palette.shade
    pygame.draw.line(surface, shade, start, end, 5)
    pygame.draw.line(surface, (255, 255, 255), start, end, 2)
    pygame.draw.circle(surface, shade, end, 6)
    pygame.draw.circle(surface, (255, 255, 255), end, 4)
    return pygame.Rect(min(start[0], end[0]), min(start[1], end[1]),
                       abs(start[0] - end[0]), abs(start[1] - end[1])).inflate(14, 14)


def draw_tags(scene, surface: pygame.Surface, bounds: pygame.Rect) -> None:
    """« Montrer les objets »: every zone named briefly (the badges say the states), in
    the composed picture, where ``layout_tags`` puts the tags (kept in ``tag_places``)."""
    ui = scene.app.ui
    spots = [w for w in scene.widgets if isinstance(w, Hotspot)]
    # Laid out again only when what it depends on changed (a few ms: not at every compose).
    key = (tuple((s.id, s.label, s.state, s.revealed, tuple(s.rect)) for s in spots), tuple(bounds), ui.metrics,
           ui.prefs["contrast"], ui.prefs["font"])
    cached = getattr(scene, "_tag_layout", None)
    if cached is None or cached[0] != key:
        cached = (key, layout_tags(ui, spots, bounds))
        scene._tag_layout = cached
    by_id = {s.id: s for s in spots}
    scene.tag_places = [replace(place, spot=by_id[place.spot.id]) for place in cached[1]]  # today's widgets
    for tag in scene.tag_places:
        if tag.leader:
            scene.drawn_over(draw_leader(surface, ui, tag.leader))
    for tag in scene.tag_places:
        surface.blit(tag.surface, tag.rect)
        scene.drawn_over(tag.rect)


def draw_pointed_tag(scene, surface: pygame.Surface, bounds: pygame.Rect) -> list[pygame.Rect]:
    """The zone under the pointer (or the keyboard focus) names itself whole, name and
    state, in a tag drawn live over the composed picture, beside the zone rather than
    on it (the pointer is there): entering or leaving a zone repaints its outline and
    this tag alone, never the whole picture."""
    pointed = scene.hover if isinstance(scene.hover, Hotspot) else (
        scene.focus if isinstance(scene.focus, Hotspot) and scene.focus_visible else None)
    spots = [w for w in scene.widgets if isinstance(w, Hotspot)]
    # The zone itself, or the one rebuilt in its place since it was pointed at (a panel
    # closed, the room laid out again): never a zone the room no longer has.
    spot = next((s for s in spots if s is pointed), None) or next((s for s in spots if s == pointed), None)
    if spot is None:
        return []
    ui = scene.app.ui
    key = (spot.id, spot.label, spot.detail, tuple(tuple(s.rect) + (s.state,) for s in spots), ui.metrics,
           ui.prefs["contrast"], ui.prefs["font"], tuple(bounds))
    cached = getattr(scene, "_pointed_tag", None)
    if cached is None or cached[0] != key:
        cached = (key, layout_tags(ui, spots, bounds, named=[spot], brief=False, inside_first=False)[0])
        scene._pointed_tag = cached
    _key, place = cached
    drawn = []
    if place.leader:
        drawn.append(draw_leader(surface, ui, place.leader))
    surface.blit(place.surface, place.rect)
    return drawn + [pygame.Rect(place.rect)]


MISS_SHOWN = 2.0  # s: how long « Rien de spécial ici. » stays after a click on nothing
MISS_FADE = 0.3  # s: its fading out at the end (none with reduced motion)
MISS_RAPID = 1.0  # s: a click on nothing this soon after the last one keeps the line as it is
MISS_SAY_AGAIN = 6.0  # s: said to a screen reader at most once in this time


@dataclass
class MissNote:
    """« Rien de spécial ici. » near the pointer after a click on the picture that hit
    no zone: no sound, no score, gone after ``MISS_SHOWN`` or at the next input. Rapid
    clicks keep the one line where it is (no spam); a screen reader hears it once."""

    pos: tuple[int, int] | None = None  # where the line is shown (None: not shown)
    age: float = 0.0  # since it appeared
    since: float = 1e9  # since the last click on nothing
    said: float = 1e9  # since it was last said
    kept: tuple[int, int] | None = None  # the line an input just took away (a rapid click puts it back)


def _miss(scene) -> MissNote:
    note = getattr(scene, "_miss_note", None)
    if note is None:
        note = scene._miss_note = MissNote()
    return note


def miss_input(scene, event: pygame.event.Event) -> None:
    """Any click, tap or key takes the line away (the scene draws the frame after)."""
    if event.type in (pygame.MOUSEBUTTONDOWN, pygame.FINGERDOWN, pygame.KEYDOWN):
        note = _miss(scene)
        note.kept, note.pos = note.pos, None


def missed(scene, pos: tuple[int, int]) -> bool:
    """A click or tap at ``pos`` found no widget: on the room's picture, a tag of
    « Montrer les objets » opens its object; elsewhere on the picture, the quiet line.
    True when the click was the picture's."""
    area = getattr(scene, "picture_area", None)
    if (scene.panel is not None or not scene.placed or area is None or not area.collidepoint(pos)
            or not scene.session.state.room):
        return False
    for place in getattr(scene, "tag_places", []) if scene.reveal else []:
        if place.rect.collidepoint(pos) and place.spot in scene.widgets:
            scene.activate(place.spot, place.spot.rect.center)
            return True
    note = _miss(scene)
    rapid = note.since < MISS_RAPID and note.kept is not None
    note.since = 0.0
    note.pos, note.age = (note.kept, 0.0) if rapid else (pos, 0.0)
    if not rapid and note.said >= MISS_SAY_AGAIN:
        note.said = 0.0
        scene.app.speak(miss_text())
    scene.app.repaint = True
    return True


def miss_text() -> str:
    return _("Rien de spécial ici.")


def miss_update(scene, dt: float) -> bool:
    """Time passes for the line; True while it fades out (frames needed)."""
    note = _miss(scene)
    note.since += dt
    note.said += dt
    if note.pos is None:
        return False
    note.age += dt
    if note.age >= MISS_SHOWN:
        note.pos = None
        scene.app.repaint = True  # the next frame takes the line away
        return False
    return not scene.app.prefs["reduced_motion"] and note.age >= MISS_SHOWN - MISS_FADE


def draw_miss(scene, surface: pygame.Surface) -> list[pygame.Rect]:
    """The line, live over the composed picture, beside the pointer and inside the
    picture; fading out at its end unless motion is reduced."""
    note = _miss(scene)
    area = getattr(scene, "picture_area", None)
    if note.pos is None or area is None or scene.panel is not None:
        return []
    ui = scene.app.ui
    m, p = ui.metrics, ui.palette
    cached = getattr(scene, "_miss_surface", None)
    key = (miss_text(), m.small, ui.prefs["contrast"], ui.prefs["font"])
    if cached is None or cached[0] != key:
        text = ui.text.render(miss_text(), m.small, p.text, m.body * 16)
        box = pygame.Surface((text.get_width() + m.unit * 3, text.get_height() + m.unit * 2), pygame.SRCALPHA)
        gfx.box(box, box.get_rect(), p.surface, m.radius, p.shade, 2)
        box.blit(text, (m.unit * 3 // 2, m.unit))
        cached = scene._miss_surface = (key, box)
    box = cached[1]
    rect = box.get_rect(bottomleft=(note.pos[0] + m.unit * 2, note.pos[1] - m.unit))
    if rect.right > area.right:  # near the right edge: on the pointer's left
        rect.bottomright = (note.pos[0] - m.unit * 2, note.pos[1] - m.unit)
    rect.clamp_ip(area)
    left = MISS_SHOWN - note.age
    if not ui.prefs["reduced_motion"] and left < MISS_FADE:
        box = box.copy()
        box.set_alpha(round(255 * max(0.0, left) / MISS_FADE))
    surface.blit(box, rect)
    return [rect]


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
