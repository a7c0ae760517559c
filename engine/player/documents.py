"""Documents drawn from data: a social post, an article, a chart, a photo with its
metadata, a message thread, a poster. No hand-made image is needed.

``render`` returns the document as one surface plus the rectangle of each of its
parts (``date``, ``y_axis``, a paragraph's id…), which "spot it" puzzles make
clickable. A chart honours its axis settings exactly: a truncated axis is drawn
truncated, because that is what players must learn to see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from ..core.model import Document, Text
from ..i18n import N_, _
from . import gfx, pictures

Parts = dict[str, pygame.Rect]


def text_of(raw: Any, locale: str) -> str:
    if raw is None:
        return ""
    return Text.of(raw).get(locale)


class Canvas:
    """Lays out a document top to bottom on a tall surface, then crops it."""

    def __init__(self, ui, width: int) -> None:
        self.ui = ui
        self.width = width
        self.surface = pygame.Surface((width, 1500), pygame.SRCALPHA)
        self.y = 0
        self.parts: Parts = {}
        self.drawn: set[str] = set()  # the document's fields already drawn
        self.pad = ui.metrics.unit * 3
        self.folder = Path(".")  # the game's folder, for the pictures a document names
        self.zoom = 1.0  # « Plus grand » / « Plus petit »: pictures grow with the page

    def room(self, height: int) -> None:
        """Make sure ``height`` more pixels fit below ``y`` (the canvas grows as needed)."""
        needed = self.y + height + self.pad * 2
        if needed > self.surface.get_height():
            bigger = pygame.Surface((self.width, max(needed, self.surface.get_height() * 2)), pygame.SRCALPHA)
            bigger.blit(self.surface, (0, 0))
            self.surface = bigger

    def text(self, text: str, size: int, color, part: str | None = None, bold: bool = False,
             indent: int = 0, gap: int | None = None) -> pygame.Rect:
        surface = self.ui.text.render(text, size, color, self.width - self.pad * 2 - indent, bold=bold)
        self.room(surface.get_height() + self.ui.metrics.unit)
        rect = self.surface.blit(surface, (self.pad + indent, self.y))
        if part:
            self.parts[part] = rect.inflate(self.ui.metrics.unit, self.ui.metrics.unit // 2)
        self.y = rect.bottom + (self.ui.metrics.unit if gap is None else gap)
        return rect

    def space(self, amount: int) -> None:
        self.y += amount

    def finish(self, background, border) -> pygame.Surface:
        height = self.y + self.pad
        out = pygame.Surface((self.width, height), pygame.SRCALPHA)
        gfx.box(out, out.get_rect(), background, self.ui.metrics.radius, border, 2)
        out.blit(self.surface, (0, 0), pygame.Rect(0, 0, self.width, height))
        return out


def render(ui, document: Document, folder: Path, width: int, locale: str,
           zoom: float = 1.0) -> tuple[pygame.Surface, Parts]:
    """The document drawn ``width`` pixels wide; ``zoom``: how much the reader enlarged
    it (its pictures grow as much as its width, not only its text's lines)."""
    canvas = Canvas(ui, width)
    canvas.folder = folder
    canvas.zoom = zoom
    canvas.space(canvas.pad)
    KINDS[document.kind].draw(canvas, document.data, folder, locale)
    _rest(canvas, document.data, folder, locale)
    if document.fictional:
        canvas.space(ui.metrics.unit)
        canvas.text(_("Document fictif, créé pour le jeu."), ui.metrics.small, ui.palette.muted)
    return canvas.finish(ui.palette.surface, ui.palette.border), canvas.parts


def _post(c: Canvas, d: Any, folder: Path, locale: str) -> None:
    m, p = c.ui.metrics, c.ui.palette
    c.drawn.update({"platform", "author", "handle", "verified", "date", "text", "image", "counts"})
    if "platform" in d:
        c.text(d["platform"], m.small, p.muted, "platform", bold=True)
    avatar = m.body * 2
    top = c.y
    if d.get("face"):
        _face(c, folder, d["face"], (c.pad + avatar // 2, top + avatar // 2), avatar)
    else:
        pygame.draw.circle(c.surface, p.accent, (c.pad + avatar // 2, top + avatar // 2), avatar // 2)
        initial = c.ui.text.render(text_of(d.get("author"), locale)[:1].upper(), m.body, p.accent_text, bold=True)
        c.surface.blit(initial, initial.get_rect(center=(c.pad + avatar // 2, top + avatar // 2)))
    indent = avatar + m.unit * 2
    name = c.text(text_of(d.get("author"), locale), m.body, p.text, "author", bold=True, indent=indent, gap=0)
    if d.get("verified"):
        gfx.icon(c.surface, "check", (name.right + m.body // 2 + m.unit, name.centery), m.body, p.accent)
    handle = " · ".join(x for x in (d.get("handle", ""), text_of(d.get("date"), locale)) if x)
    if handle:
        rect = c.text(handle, m.small, p.muted, None, indent=indent)
        handle_w = c.ui.text.render(d.get("handle", ""), m.small, p.muted).get_width()
        if d.get("handle"):
            c.parts["handle"] = pygame.Rect(rect.x, rect.y, handle_w, rect.height).inflate(m.unit, m.unit // 2)
        if d.get("date"):
            c.parts["date"] = pygame.Rect(rect.x + handle_w, rect.y, rect.width - handle_w, rect.height).inflate(
                m.unit, m.unit // 2) if d.get("handle") else rect.inflate(m.unit, m.unit // 2)
    c.y = max(c.y, top + avatar + m.unit)
    c.text(text_of(d.get("text"), locale), m.body, p.text, "text")
    if d.get("image"):
        _picture(c, folder, d["image"], "image", m.body * 9)
    counts = d.get("counts") or {}
    if counts:
        words = [(counts.get("likes"), _("j’aime")), (counts.get("shares"), _("partages")),
                 (counts.get("comments"), _("commentaires"))]
        line = "   ".join(f"{n:,}".replace(",", "\u202f") + f" {w}" for n, w in words if n is not None)
        c.text(line, m.small, p.muted, "counts")


def _article(c: Canvas, d: Any, folder: Path, locale: str) -> None:
    m, p = c.ui.metrics, c.ui.palette
    c.drawn.update({"url", "outlet", "section", "headline", "byline", "date", "image", "body", "caption",
                    "source_note"})
    if d.get("url"):
        bar = pygame.Rect(c.pad, c.y, c.width - c.pad * 2, m.small + m.unit * 2)
        pygame.draw.rect(c.surface, p.surface_alt, bar, border_radius=bar.height // 2)
        url = c.ui.text.render(d["url"], m.small, p.muted)
        c.surface.blit(url, (bar.x + m.unit * 2, bar.centery - url.get_height() // 2))
        c.parts["url"] = bar
        c.y = bar.bottom + m.unit * 2
    c.text(d.get("outlet", ""), m.title, p.text, "outlet", bold=True, gap=m.unit // 2)
    pygame.draw.line(c.surface, p.text, (c.pad, c.y), (c.width - c.pad, c.y), 2)
    c.space(m.unit)
    if d.get("section"):
        c.text(text_of(d["section"], locale).upper(), m.small, p.warm, "section", bold=True)
    c.text(text_of(d.get("headline"), locale), round(m.body * 1.3), p.text, "headline", bold=True)
    byline = " · ".join(x for x in (text_of(d.get("byline"), locale), text_of(d.get("date"), locale)) if x)
    if byline:
        rect = c.text(byline, m.small, p.muted)
        if d.get("date"):
            c.parts["date"] = rect.inflate(m.unit, m.unit // 2)
        if d.get("byline"):
            c.parts["byline"] = rect.inflate(m.unit, m.unit // 2)
    if d.get("image"):
        _picture(c, folder, d["image"], "image", m.body * 8)
    _body(c, d, locale)
    _notes(c, d, locale)


def _notes(c: Canvas, d: Any, locale: str) -> None:
    """The caption and the source as the document states them, small, at its foot."""
    m, p = c.ui.metrics, c.ui.palette
    for name in ("caption", "source_note"):
        if d.get(name):
            c.text(text_of(d[name], locale), m.small, p.muted, name)


def _chart(c: Canvas, d: Any, folder: Path, locale: str) -> None:
    m, p = c.ui.metrics, c.ui.palette
    c.drawn.update({"title", "chart", "caption", "source_note"})
    chart = d["chart"]
    if d.get("title"):
        c.text(text_of(d["title"], locale), m.body, p.text, "title", bold=True)
    series = chart["series"]
    values = [v for s in series for v in s["values"]]
    low = chart.get("y_min", min(0, min(values)))
    high = chart.get("y_max", max(values) * 1.1 if max(values) > 0 else 1)
    if high <= low:
        high = low + 1
    axis_w = m.body * 4
    c.room(m.body * 16)
    area = pygame.Rect(c.pad + axis_w, c.y + m.unit, c.width - c.pad * 2 - axis_w, m.body * 10)
    if chart.get("y_label"):
        label = c.ui.text.render(text_of(chart["y_label"], locale), m.small, p.muted)
        c.surface.blit(label, (c.pad, c.y))
        area.y += label.get_height() + m.unit
    colors = [p.accent, p.warm, p.success, p.danger]
    ticks = 5
    for k in range(ticks + 1):
        value = low + (high - low) * k / ticks
        y = area.bottom - area.height * k / ticks
        pygame.draw.line(c.surface, p.border, (area.left, y), (area.right, y), 1)
        tick = c.ui.text.render(f"{value:g}".replace(".", ","), m.small, p.text)
        c.surface.blit(tick, (area.left - tick.get_width() - m.unit, y - tick.get_height() // 2))
    pygame.draw.line(c.surface, p.text, area.bottomleft, area.topleft, 3)
    pygame.draw.line(c.surface, p.text, area.bottomleft, area.bottomright, 3)
    labels = chart["x"]
    count = len(labels)
    step = area.width / max(1, count)
    clip = c.surface.get_clip()
    c.surface.set_clip(area.inflate(0, 2))
    for index, serie in enumerate(series):
        color = colors[index % len(colors)]
        points = []
        for k, value in enumerate(serie["values"][:count]):
            y = area.bottom - (value - low) / (high - low) * area.height
            if chart["type"] == "bar":
                bar_w = step * 0.7 / len(series)
                x = area.left + step * k + step * 0.15 + bar_w * index
                pygame.draw.rect(c.surface, color, pygame.Rect(x, min(y, area.bottom), bar_w, max(0, area.bottom - y)))
            else:
                points.append((area.left + step * (k + 0.5), y))
        if len(points) > 1:
            pygame.draw.lines(c.surface, color, False, points, max(3, m.unit // 2))
        for point in points:
            pygame.draw.circle(c.surface, color, point, max(4, m.unit // 2 + 2))
    c.surface.set_clip(clip)
    every = max(1, round(count / max(1, area.width // (m.small * 4))))
    for k, label in enumerate(labels):
        if k % every:
            continue
        text = c.ui.text.render(str(label), m.small, p.text)
        c.surface.blit(text, (area.left + step * (k + 0.5) - text.get_width() / 2, area.bottom + m.unit))
    # The bars (or the line) are a part too, under the axes: the natural place to click.
    c.parts["plot"] = area.copy()
    c.parts["y_axis"] = pygame.Rect(c.pad, area.top - m.unit, axis_w + m.unit, area.height + m.unit * 2)
    c.parts["x_axis"] = pygame.Rect(area.left, area.bottom, area.width, m.small + m.unit * 2)
    c.y = area.bottom + m.small + m.unit * 3
    if chart.get("x_label"):
        c.text(text_of(chart["x_label"], locale), m.small, p.muted)
    if len(series) > 1 or text_of(series[0].get("name"), locale):
        top = c.y
        x = c.pad
        for index, serie in enumerate(series):
            color = colors[index % len(colors)]
            pygame.draw.rect(c.surface, color, pygame.Rect(x, c.y + m.unit // 2, m.small, m.small))
            name = c.ui.text.render(text_of(serie["name"], locale), m.small, p.text)
            c.surface.blit(name, (x + m.small + m.unit, c.y))
            x += m.small + m.unit * 4 + name.get_width()
        c.y += m.small + m.unit * 2
        c.parts["legend"] = pygame.Rect(c.pad, top, x - c.pad, c.y - top)
    _notes(c, d, locale)


def _picture(c: Canvas, folder: Path, name: str, part: str, height: int) -> None:
    m = c.ui.metrics
    height = round(height * c.zoom)
    c.room(height + m.unit * 3)
    box = pygame.Rect(c.pad, c.y, c.width - c.pad * 2, height)
    picture = pictures.picture(c.ui, folder, name, box.width, box.height)
    box = picture.get_rect(midtop=box.midtop)
    c.surface.blit(picture, box)
    c.parts[part] = box
    c.y = box.bottom + m.unit * 2


def _metadata(c: Canvas, d: Any, locale: str) -> None:
    m, p = c.ui.metrics, c.ui.palette
    fields = d.get("metadata") or []
    if fields:
        c.text(_("Informations de la photo"), m.body, p.text, None, bold=True)
        for index, field in enumerate(fields):
            line = f"{text_of(field['label'], locale)} : {text_of(field['value'], locale)}"
            c.text(line, m.small, p.text, field.get("id") or f"metadata{index}", gap=m.unit // 2)


def _body(c: Canvas, d: Any, locale: str) -> None:
    m, p = c.ui.metrics, c.ui.palette
    for index, paragraph in enumerate(d.get("body") or []):
        if isinstance(paragraph, dict) and "id" in paragraph:
            c.text(text_of(paragraph["text"], locale), m.body, p.text, paragraph["id"])
        else:
            c.text(text_of(paragraph, locale), m.body, p.text, f"body{index}")


def _rest(c: Canvas, d: Any, folder: Path, locale: str) -> None:
    """Every field of the document its kind's layout did not draw, in a plain layout:
    whatever an author writes is shown, and every part a puzzle names can be clicked."""
    m, p = c.ui.metrics, c.ui.palette
    styles = {"platform": (m.small, p.muted, True), "author": (m.body, p.text, True),
              "handle": (m.small, p.muted, False), "date": (m.small, p.muted, False),
              "outlet": (m.body, p.text, True), "headline": (m.body, p.text, True),
              "byline": (m.small, p.muted, False), "section": (m.small, p.warm, True),
              "url": (m.small, p.muted, False), "text": (m.body, p.text, False),
              "caption": (m.small, p.muted, False), "source_note": (m.small, p.muted, False),
              "title": (m.body, p.text, True)}
    for name, (size, color, bold) in styles.items():
        title_drawn = "chart" in d or KINDS[d["kind"]].title_in_body
        if name in d and name not in c.drawn and not (name == "title" and not title_drawn):
            c.text(text_of(d[name], locale), size, color, name, bold=bold)
    if d.get("verified") and "verified" not in c.drawn:
        c.text(_("Compte certifié"), m.small, p.accent, "verified", bold=True)
    if "image" in d and "image" not in c.drawn:
        _picture(c, folder, d["image"], "image", m.body * 8)
    if "counts" in d and "counts" not in c.drawn:
        counts = d["counts"]
        c.text("   ".join(f"{n} {w}" for n, w in ((counts.get("likes"), _("j’aime")), (counts.get("shares"), _("partages")),
                                                    (counts.get("comments"), _("commentaires"))) if n is not None),
               m.small, p.muted, "counts")
    if "body" in d and "body" not in c.drawn:
        _body(c, d, locale)
    if "metadata" in d and "metadata" not in c.drawn:
        _metadata(c, d, locale)
    if "messages" in d and "messages" not in c.drawn:
        _messages(c, d, locale)


def _photo(c: Canvas, d: Any, folder: Path, locale: str) -> None:
    m, p = c.ui.metrics, c.ui.palette
    c.drawn.update({"image", "caption", "metadata"})
    _picture(c, folder, d["image"], "image", m.body * 10)
    if d.get("caption"):
        c.text(text_of(d["caption"], locale), m.small, p.muted, "caption")
    _metadata(c, d, locale)


def _thread(c: Canvas, d: Any, folder: Path, locale: str) -> None:
    m, p = c.ui.metrics, c.ui.palette
    c.drawn.update({"participants", "messages"})
    if d.get("participants"):
        c.text(", ".join(d["participants"]), m.small, p.muted, "participants", bold=True)
    _messages(c, d, locale)


def _messages(c: Canvas, d: Any, locale: str) -> None:
    m, p = c.ui.metrics, c.ui.palette
    first = (d.get("participants") or [None])[0]
    for message in d.get("messages") or []:
        mine = message["from"] == first
        width = round((c.width - c.pad * 2) * 0.78)
        body = c.ui.text.render(text_of(message["text"], locale), m.body, p.text, width - m.unit * 4)
        meta = " · ".join(x for x in (message["from"], message.get("time", "")) if x)
        if message.get("forwarded"):
            meta += " · " + _("transféré")
        header = c.ui.text.render(meta, m.small, p.muted)
        c.room(body.get_height() + header.get_height() + m.unit * 6)
        bubble = pygame.Rect(0, c.y, max(body.get_width(), header.get_width()) + m.unit * 4,
                             body.get_height() + header.get_height() + m.unit * 3)
        face = (d.get("faces") or {}).get(message["from"])
        avatar = m.body * 2 if face else 0
        bubble.x = c.width - c.pad - bubble.width - (avatar + m.unit if mine and avatar else 0) if mine \
            else c.pad + (avatar + m.unit if avatar else 0)
        if face:
            x = bubble.right + m.unit + avatar // 2 if mine else c.pad + avatar // 2
            _face(c, c.folder, face, (x, bubble.y + avatar // 2), avatar)
        gfx.box(c.surface, bubble, p.surface_alt, m.radius * 2, p.border, 1)
        c.surface.blit(header, (bubble.x + m.unit * 2, bubble.y + m.unit))
        c.surface.blit(body, (bubble.x + m.unit * 2, bubble.y + m.unit * 2 + header.get_height()))
        c.parts[message["id"]] = bubble
        c.y = bubble.bottom + m.unit * 2


def _face(c: Canvas, folder: Path, name: str, center: tuple[int, int], size: int) -> None:
    """A person's drawn face (``art:fille_a`` or a picture of the game) in a round frame."""
    p = c.ui.palette
    c.room(center[1] + size // 2 - c.y)
    pygame.draw.circle(c.surface, p.surface_alt, center, size // 2)
    picture = pictures.picture(c.ui, folder, name, size - 4, size - 4)
    c.surface.blit(picture, picture.get_rect(center=center))
    pygame.draw.circle(c.surface, p.border, center, size // 2, 2)


def _poster(c: Canvas, d: Any, folder: Path, locale: str) -> None:
    m, p = c.ui.metrics, c.ui.palette
    c.drawn.update({"title", "image", "text", "caption", "source_note"})
    if d.get("face"):
        # A portrait: the (fictional) person's drawn face, then the title beside it.
        size = m.body * 5
        top = c.y
        _face(c, folder, d["face"], (c.pad + size // 2, top + size // 2), size)
        if d.get("title"):
            c.y = top + max(0, (size - c.ui.text.height(text_of(d["title"], locale), m.title,
                                                         c.width - c.pad * 2 - size - m.unit * 3)) // 2)
            c.text(text_of(d["title"], locale), m.title, p.text, "title", bold=True, indent=size + m.unit * 3)
        c.y = max(c.y, top + size + m.unit * 2)
    elif d.get("title"):
        c.text(text_of(d["title"], locale), m.title, p.text, "title", bold=True)
    if d.get("image"):
        _picture(c, folder, d["image"], "image", m.body * 8)
    c.text(text_of(d.get("text"), locale), round(m.body * 1.15), p.text, "text")
    _notes(c, d, locale)


@dataclass(frozen=True)
class DocumentKind:
    """The player's half of a document kind (its fields are in schema.json): how it is
    drawn, and what the panel calls it when the document has no title of its own."""

    name: str
    draw: Callable[[Canvas, Any, Path, str], None]  # (canvas, the document as data, folder, locale)
    caption: str  # marked with N_, translated when shown
    title_in_body: bool = False  # its title is part of what is drawn (a poster's headline)


KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> None:
    KINDS[kind.name] = kind


for _kind in (DocumentKind("post", _post, N_("Publication")), DocumentKind("article", _article, N_("Article")),
              DocumentKind("chart", _chart, N_("Graphique")), DocumentKind("photo", _photo, N_("Photo")),
              DocumentKind("thread", _thread, N_("Conversation")),
              DocumentKind("poster", _poster, N_("Affiche"), title_in_body=True)):
    register(_kind)


def caption(kind: str) -> str:
    """What a document of ``kind`` is called, in the current language."""
    known = KINDS.get(kind)
    return _(known.caption) if known is not None else _("Document")
