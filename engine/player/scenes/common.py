"""Pieces several screens share: the header band, genre names, game facts in words."""

from __future__ import annotations

import pygame

from ...i18n import _
from .. import gfx

GENRE_ICONS = {"escape": "door", "quiz": "doc", "challenge": "team"}


def genre_name(genre: str) -> str:
    return {"escape": _("Escape game"), "quiz": _("Quiz"), "challenge": _("Défi")}.get(genre, genre)


def facts_line(duration: tuple[int, int], ages: tuple[int, int], players: tuple[int, int]) -> str:
    minutes = f"{duration[0]}–{duration[1]} min" if duration[0] != duration[1] else f"{duration[0]} min"
    people = (_("seul ou à plusieurs") if players[0] == 1 and players[1] > 1
              else _("en solo") if players[1] <= 1 else _("{a} à {b} personnes").format(a=players[0], b=players[1]))
    years = _("{a}–{b} ans").format(a=ages[0], b=ages[1])
    return f"{minutes} · {years} · {people}"


HEADER_MAX_CHARS = 300  # a band of a few lines: a game's megabyte title is cut, not typeset whole


def _band(text: str) -> str:
    return text if len(text) <= HEADER_MAX_CHARS else text[:HEADER_MAX_CHARS] + "…"


def header_height(ui, width: int, title: str, subtitle: str = "") -> int:
    """The height of the top band for this title and subtitle, measured."""
    m = ui.metrics
    title, subtitle = _band(title), _band(subtitle)
    height = m.unit * 4 + ui.text.height(title, m.title, width - m.unit * 8, bold=True)
    if subtitle:
        height += m.unit // 2 + ui.text.height(subtitle, m.body, width - m.unit * 8 - header_reserve(ui))
    return height


def header_reserve(ui) -> int:
    """Room kept on the right of the band for the buttons some screens put there."""
    return ui.metrics.body * 12


def header(surface: pygame.Surface, ui, title: str, subtitle: str = "") -> int:
    """Draw the top band; return its height."""
    m, p = ui.metrics, ui.palette
    width = surface.get_width()
    height = header_height(ui, width, title, subtitle)
    title, subtitle = _band(title), _band(subtitle)
    pygame.draw.rect(surface, p.accent, pygame.Rect(0, 0, width, height))
    text = ui.text.render(title, m.title, p.accent_text, width - m.unit * 8, bold=True)
    surface.blit(text, (m.unit * 4, m.unit * 2))
    if subtitle:
        sub = ui.text.render(subtitle, m.body, p.accent_text, width - m.unit * 8 - header_reserve(ui))
        surface.blit(sub, (m.unit * 4, m.unit * 2 + text.get_height() + m.unit // 2))
    return height


def badge(surface: pygame.Surface, ui, pos: tuple[int, int], icon: str, label: str,
          color: tuple[int, int, int]) -> pygame.Rect:
    m = ui.metrics
    text = ui.text.render(label, m.small, color, bold=True)
    rect = pygame.Rect(pos, (text.get_width() + m.small + m.unit * 3, text.get_height() + m.unit))
    pygame.draw.rect(surface, color, rect, 2, border_radius=rect.height // 2)
    gfx.icon(surface, icon, (rect.x + m.unit + m.small // 2, rect.centery), m.small, color)
    surface.blit(text, (rect.x + m.unit * 2 + m.small, rect.y + m.unit // 2))
    return rect
