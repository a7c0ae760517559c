"""Drawing helpers and icons drawn by code (no image files, crisp at any size).

Icons always come with a word: colour and shape are never the only signal.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import pygame

Color = tuple[int, int, int]


def box(surface: pygame.Surface, rect: pygame.Rect, fill: Color, radius: int,
        border: Color | None = None, width: int = 2) -> None:
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    if border is not None:
        pygame.draw.rect(surface, border, rect, width, border_radius=radius)


def shadow(surface: pygame.Surface, rect: pygame.Rect, radius: int, alpha: int = 40) -> None:
    surface.blit(_shadow_layer(rect.width, rect.height, radius, alpha), (rect.x - 4, rect.y - 2))


@lru_cache(maxsize=16)
def _shadow_layer(width: int, height: int, radius: int, alpha: int) -> pygame.Surface:
    layer = pygame.Surface((width + 8, height + 8), pygame.SRCALPHA)
    pygame.draw.rect(layer, (0, 0, 0, alpha), layer.get_rect().inflate(-4, -4).move(2, 4),
                     border_radius=radius)
    return layer


@lru_cache(maxsize=8)
def veil(width: int, height: int, color: Color, alpha: int) -> pygame.Surface:
    """A translucent layer that dims what is under an open panel."""
    layer = pygame.Surface((width, height), pygame.SRCALPHA)
    layer.fill((*color, alpha))
    return layer


# Each icon: a small drawing at (x, y), ``s`` half its size, ``w`` its stroke width.
IconDrawer = Callable[[pygame.Surface, str, float, float, float, int, int, Color], None]

def _check(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    pygame.draw.lines(surface, color, False,
                      [(x - s * .7, y), (x - s * .2, y + s * .55), (x + s * .75, y - s * .6)], w + 1)


def _cross(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    pygame.draw.line(surface, color, (x - s * .6, y - s * .6), (x + s * .6, y + s * .6), w + 1)
    pygame.draw.line(surface, color, (x - s * .6, y + s * .6), (x + s * .6, y - s * .6), w + 1)


def _lock(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    body = pygame.Rect(0, 0, size * .75, size * .55)
    body.center = (x, y + s * .3)
    pygame.draw.rect(surface, color, body, border_radius=max(2, size // 10))
    arc = pygame.Rect(0, 0, size * .5, size * .6)
    arc.midbottom = (x + (s * .35 if name == "unlock" else 0), body.top + w)
    pygame.draw.arc(surface, color, arc, 0, math.pi, w)
    if name == "lock":
        pygame.draw.line(surface, color, (arc.left + w // 2, arc.centery), (arc.left + w // 2, body.top), w)
        pygame.draw.line(surface, color, (arc.right - w // 2 - 1, arc.centery), (arc.right - w // 2 - 1, body.top), w)


def _hint(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    pygame.draw.circle(surface, color, (x, y - s * .2), s * .55, w)
    pygame.draw.line(surface, color, (x - s * .25, y + s * .5), (x + s * .25, y + s * .5), w)
    pygame.draw.line(surface, color, (x - s * .2, y + s * .75), (x + s * .2, y + s * .75), w)


def _clock(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    pygame.draw.circle(surface, color, (x, y), s * .85, w)
    pygame.draw.line(surface, color, (x, y), (x, y - s * .5), w)
    pygame.draw.line(surface, color, (x, y), (x + s * .4, y), w)


def _pause(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    for dx in (-s * .35, s * .35):
        pygame.draw.rect(surface, color, pygame.Rect(x + dx - s * .15, y - s * .6, s * .3, s * 1.2))


def _play(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    pygame.draw.polygon(surface, color, [(x - s * .45, y - s * .6), (x - s * .45, y + s * .6), (x + s * .6, y)])


def _home(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    pygame.draw.polygon(surface, color, [(x - s * .8, y), (x, y - s * .75), (x + s * .8, y)], w)
    pygame.draw.rect(surface, color, pygame.Rect(x - s * .55, y, s * 1.1, s * .7), w)


def _gear(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    pygame.draw.circle(surface, color, (x, y), s * .5, w)
    for k in range(8):
        a = k * math.pi / 4
        pygame.draw.line(surface, color, (x + math.cos(a) * s * .5, y + math.sin(a) * s * .5),
                         (x + math.cos(a) * s * .85, y + math.sin(a) * s * .85), w + 1)


def _arrow(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    angle = {"up": -90, "down": 90, "left": 180, "right": 0, "back": 180}[name]
    a = math.radians(angle)
    tip = (x + math.cos(a) * s * .75, y + math.sin(a) * s * .75)
    tail = (x - math.cos(a) * s * .75, y - math.sin(a) * s * .75)
    pygame.draw.line(surface, color, tail, tip, w + 1)
    for turn in (2.5, -2.5):
        pygame.draw.line(surface, color, tip, (tip[0] + math.cos(a + turn) * s * .55,
                                               tip[1] + math.sin(a + turn) * s * .55), w + 1)


def _star(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    points = [(x + math.cos(math.radians(-90 + k * 36)) * s * (.85 if k % 2 == 0 else .38),
               y + math.sin(math.radians(-90 + k * 36)) * s * (.85 if k % 2 == 0 else .38)) for k in range(10)]
    pygame.draw.polygon(surface, color, points)


def _door(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    pygame.draw.rect(surface, color, pygame.Rect(x - s * .5, y - s * .8, s, s * 1.6), w)
    pygame.draw.circle(surface, color, (x + s * .25, y), max(2, w))


def _team(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    for dx in (-s * .4, s * .4):
        pygame.draw.circle(surface, color, (x + dx, y - s * .3), s * .28, w)
        pygame.draw.arc(surface, color, pygame.Rect(x + dx - s * .45, y + s * .05, s * .9, s * .9), 0, math.pi, w)


def _doc(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    page = pygame.Rect(x - s * .55, y - s * .75, s * 1.1, s * 1.5)
    pygame.draw.rect(surface, color, page, w)
    for k in range(3):
        pygame.draw.line(surface, color, (page.left + s * .2, page.top + s * (.4 + k * .35)),
                         (page.right - s * .2, page.top + s * (.4 + k * .35)), max(1, w - 1))


def _picture(surface: pygame.Surface, name: str, x: float, y: float, s: float, size: int, w: int, color: Color) -> None:
    """A framed landscape: where a picture would be."""
    frame = pygame.Rect(x - s * .85, y - s * .65, s * 1.7, s * 1.3)
    pygame.draw.rect(surface, color, frame, w)
    pygame.draw.circle(surface, color, (x + s * .4, y - s * .25), max(2, s * .15))
    pygame.draw.lines(surface, color, False, [(frame.left + w, frame.bottom - s * .2), (x - s * .25, y - s * .1),
                                              (x + s * .1, y + s * .25), (x + s * .35, y + s * .05),
                                              (frame.right - w, frame.bottom - s * .2)], w)


ICONS: dict[str, IconDrawer] = {
    "check": _check,
    "cross": _cross,
    "lock": _lock,
    "unlock": _lock,
    "hint": _hint,
    "clock": _clock,
    "pause": _pause,
    "play": _play,
    "home": _home,
    "gear": _gear,
    "up": _arrow,
    "down": _arrow,
    "left": _arrow,
    "right": _arrow,
    "back": _arrow,
    "star": _star,
    "door": _door,
    "team": _team,
    "doc": _doc,
    "picture": _picture,
}


def icon(surface: pygame.Surface, name: str, center: tuple[int, int], size: int, color: Color) -> None:
    """Draw the icon ``name`` (a key of ``ICONS``) centred at ``center``; an unknown name
    raises KeyError, so that a misspelt icon fails in the tests instead of drawing nothing."""
    x, y = center
    ICONS[name](surface, name, x, y, size / 2, size, max(2, round(size / 9)), color)
