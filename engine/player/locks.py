"""Locks that look like locks: a code padlock with one wheel per character (digits, or
letters and digits), a keypad for long digit codes (a door's digicode), and an arrow
lock for sequences of directions. Each is drawn, shakes when the code is wrong (the
wheels' windows turn red until the code changes, and the typed code is selected so
that typing replaces it), and opens when it is right (the shackle lifts, the keypad's
light turns green); with reduced motion, the same states without movement.

The code field stays under the wheels and the keypad for those who prefer typing (a
keyboard, a screen reader): turning a wheel or pressing a key writes the field, typing
turns the wheels (after a wheel, the field's code is selected: typing starts a new one
from the first wheel). Every button says what it does and what the lock shows (« Molette 2
sur 4 : 5 », « Touche 7 »).

A lock is laid out beside the puzzle's text when the panel is wide enough (``beside``:
the panel reads ``width_wanted``), so that the wheels are never pushed below the fold.
Animations run only while they move (``update`` says so); the lock asks its scene to
lay out again on each of their frames, and nothing after.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pygame

from ..i18n import _
from . import actions as act
from . import gfx
from .answers import CodeInput, DirectionsInput, register
from .widgets import Button, Widget

METAL = (214, 168, 58)  # the padlock's brass (OpenMoji's yellow, darkened)
METAL_DARK = (150, 110, 30)
STEEL = (96, 112, 128)  # the keypad's and the arrow lock's case
STEEL_DARK = (52, 62, 76)
WINDOW = (255, 255, 255)
INK = (24, 32, 48)
WRONG = (200, 40, 30)
RIGHT = (40, 170, 90)
MAX_WHEELS = 8
KEYPAD_FROM = 6  # digit codes this long or longer are typed on a keypad
SHAKE_S = 0.45
OPEN_S = 0.5


@dataclass(frozen=True)
class TurnWheel(act.Action):
    """Turn wheel ``index`` by ``step`` (+1 up, −1 down)."""

    index: int
    step: int


@dataclass(frozen=True)
class PressKey(act.Action):
    """A keypad's key: a digit, or ``back`` (erase the last one)."""

    key: str


class LockMotion:
    """What every lock shares: its state (``wrong`` until the code changes, ``opened``)
    and the two movements, a shake and an opening, each for a moment."""

    beside = True  # laid out beside the puzzle's text when there is room
    # Smaller buttons, windows and shackle (set by the panel, ``fit``) where the lock at
    # its full size would not fit the panel's height (200 % text on a laptop's window).
    compact = False
    # A form as narrow as its buttons, for beside a picture (the panel's picture row):
    # offered by the arrow lock (``has_narrow``), chosen by the panel (``narrow``).
    has_narrow = False
    narrow = False

    def width_wanted(self) -> int:
        """The width the lock asks for beside the puzzle's text."""
        raise NotImplementedError
    # Given by the answer input this is mixed into (answers.Input) and by its layout.
    scene: Any
    ui: Any
    body: pygame.Rect
    _snap: pygame.Surface | None = None

    def init_motion(self) -> None:
        self.wrong = False
        self.opened = False
        self.shake_t: float | None = None  # seconds since the shake began, while it runs
        self.open_t: float | None = None  # seconds since the opening began, while it runs

    @property
    def still(self) -> bool:
        return bool(self.scene.app.prefs["reduced_motion"])

    def judged(self, event) -> None:
        """The rules judged the code: shake and mark it wrong, or open."""
        if event.correct:
            self.opened, self.wrong = True, False
            self.open_t = None if self.still else 0.0
        else:
            self.wrong = True
            self.shake_t = None if self.still else 0.0
            self.select_all()

    def select_all(self) -> None:
        """After a wrong code, typing replaces it (a full field took no more digits)."""

    def edited(self) -> None:
        self.wrong = False

    def update(self, dt: float) -> bool:
        """Advance the movements; True while one runs. They are drawn over the composed
        picture (``draw_live``): a frame of a shake or an opening blits a few rectangles;
        the picture is composed once more when the movement ends."""
        moving = False
        if self.shake_t is not None:
            self.shake_t += dt
            if self.shake_t >= SHAKE_S:
                self.shake_t, self._snap = None, None
                self.scene.invalidate()
            moving = True
        if self.open_t is not None:
            self.open_t += dt
            if self.open_t >= OPEN_S:
                self.open_t = None
                self.scene.invalidate()
            moving = True
        return moving

    def shackle_out(self) -> int:
        """How far the shut shackle stands above the body."""
        m = self.ui.metrics
        return round(m.body * 1.2) if self.compact else m.body * 2

    def shackle_rise(self) -> int:
        """How far the shackle rises when the lock opens."""
        m = self.ui.metrics
        return round(m.body * 0.8) if self.compact else round(m.body * 1.4)

    def headroom(self) -> int:
        """The room the panel leaves above the lock's area, for the shackle to rise."""
        m = self.ui.metrics
        return self.shackle_rise() + m.unit if self.compact else m.body * 2

    def height_wanted(self) -> int | None:
        """The lock's height from the top of its area (its shackle, its body, what it
        writes below), or None when it takes what it is given."""
        return None

    def fit(self, room: int) -> None:
        """Be compact when the lock at its full size, and the room above it, would be
        taller than ``room`` (the panel's height, unscrolled) and the compact one would
        fit better; the full size otherwise (the same at 100 % text)."""
        self.compact = False
        full = self.height_wanted()
        if full is not None and full + self.headroom() > room:
            self.compact = True

    def region(self) -> pygame.Rect:
        """What the lock draws, its shackle and its buttons included."""
        m = self.ui.metrics
        above = self.shackle_out() + self.shackle_rise() + m.unit
        return self.body.inflate(m.unit * 2, 0).union(
            pygame.Rect(self.body.x, self.body.y - above, self.body.width, above))

    def draw_live(self, surface: pygame.Surface, composed: pygame.Surface | None, background) -> list[pygame.Rect]:
        """A frame of the movement, over the composed picture: the lock as composed,
        pushed sideways (a shake), or the shackle at its height now (an opening)."""
        if composed is None or not self.body.width:
            return []
        region = self.region().clip(composed.get_rect())
        if self.shake_t is not None:
            if self._snap is None:
                self._snap = composed.subsurface(region).copy()
            reach = region.inflate(self.ui.metrics.unit * 6, 0).clip(composed.get_rect())
            surface.fill(background, region)
            surface.blit(self._snap, region.move(self.dx(), 0))
            return [reach]
        if self.open_t is not None and hasattr(self, "shackle_colour"):
            self.draw_shackle(surface, self.body, self.shackle_colour())
            return [region]
        return []

    def dx(self) -> int:
        """How far the lock is pushed sideways now (a damped shake)."""
        if self.shake_t is None:
            return 0
        left = 1.0 - self.shake_t / SHAKE_S
        return round(math.sin(self.shake_t * 42) * self.ui.metrics.unit * 2 * left)

    def lift(self) -> float:
        """How far the shackle has risen: 0 shut, 1 open."""
        if not self.opened:
            return 0.0
        if self.open_t is None:
            return 1.0
        t = self.open_t / OPEN_S
        return 1 - (1 - t) ** 3  # fast, then it settles

    def colours(self, case=(METAL, METAL_DARK)):
        p = self.ui.palette
        if self.scene.app.prefs["contrast"] == "high":
            return p.surface, p.text, p.surface, p.text, p.danger, p.success
        return case[0], case[1], WINDOW, INK, WRONG, RIGHT

    def draw_shackle(self, surface: pygame.Surface, body: pygame.Rect, colour, composing: bool = False) -> None:
        """The padlock's shackle over ``body``, risen by ``lift``: its right leg leaves
        the body when open. While it rises, it is drawn live, not in the picture."""
        if composing and self.open_t is not None:
            return
        m = self.ui.metrics
        rise = round(self.lift() * self.shackle_rise())
        out = self.shackle_out()
        shackle = pygame.Rect(0, 0, min(body.width * 2 // 3, m.body * 9), out * 2)
        shackle.midbottom = (body.centerx, body.y + out - rise)
        thick = max(4, m.unit * 2)
        pygame.draw.rect(surface, colour, shackle, thick, border_radius=shackle.width // 2)
        if rise:  # the left leg still in the body: drawn down to it
            leg = pygame.Rect(shackle.x, shackle.centery, thick, body.y - shackle.centery + thick)
            pygame.draw.rect(surface, colour, leg)


class PadlockInput(LockMotion, CodeInput):
    """A code padlock: wheels above the code field."""

    def shackle_colour(self):
        return self.colours()[1]

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.init_motion()
        self.wheels: list[pygame.Rect] = []  # the window of each wheel, drawn by ``draw``
        self.body = pygame.Rect(0, 0, 0, 0)  # the padlock's body, around the wheels

    @property
    def alphabet(self) -> str:
        return self.field.allowed or "0123456789"

    def size(self) -> int:
        return len(self.spec.code)

    def shown(self) -> str:
        """What the wheels show: the field's characters, « 0 » (or « A ») where none."""
        blank = self.alphabet[0]
        return (self.field.value + blank * self.size())[: self.size()]

    def _button_h(self) -> int:
        """A wheel's arrow button: a control's height, or compact at least 44 px (a
        finger's target)."""
        m = self.ui.metrics
        return max(44, m.body + m.unit * 2) if self.compact else self.button_height()

    def _wheel_w(self) -> int:
        m = self.ui.metrics
        if self.compact:
            return max(44, round(m.body * 1.8))
        return max(self.button_height(), m.body * 2 + m.unit * 2)

    def _gap(self) -> int:
        m = self.ui.metrics
        return m.unit if self.compact else m.unit * 2

    def _window_h(self) -> int:
        m = self.ui.metrics
        return round(m.body * 1.5) if self.compact else m.body * 2

    def _body_w(self) -> int:
        count = self.size()
        return count * self._wheel_w() + (count - 1) * self._gap() + self.ui.metrics.unit * 8

    def _body_h(self) -> int:
        m = self.ui.metrics
        return self._button_h() * 2 + self._window_h() + m.unit * (4 if self.compact else 6)

    def _label_h(self, width: int) -> int:
        return self.ui.text.height(_("Ou tape le code :"), self.ui.metrics.small, max(10, width))

    def _label_w(self) -> int:
        return self.ui.text.render(_("Ou tape le code :"), self.ui.metrics.small, (0, 0, 0)).get_width()

    def _field_w(self) -> int:
        """The code field's width: as wide as its placeholder or its code needs."""
        m = self.ui.metrics
        self.configure(self.rect)  # the placeholder, before the first layout too
        shown = max(self.field.placeholder, "M" * self.size(), key=len)
        return self.ui.text.render(shown, m.body, (0, 0, 0)).get_width() + m.unit * 6

    def _field_beside(self, width: int) -> bool:
        """Compact: « Ou tape le code : » and the field on one line when they fit."""
        return self.compact and self._label_w() + self.ui.metrics.unit * 2 + self._field_w() <= width

    def width_wanted(self) -> int:
        m = self.ui.metrics
        if self.compact:  # as wide as the body, or « Ou tape le code : » and the field's line
            line = self._label_w() + m.unit * 2 + self._field_w()
            return max(self._body_w(), line if line <= m.body * 14 else max(self._label_w(), self._field_w()))
        return max(self._body_w(), m.body * 14)

    def height_wanted(self) -> int:
        m = self.ui.metrics
        width = self.width_wanted()
        below = self.button_height() if self._field_beside(width) else \
            self._label_h(width) + m.unit // 2 + self.button_height()
        return self.shackle_out() + self._body_h() + m.unit * 2 + below

    def select_all(self) -> None:
        self.field.anchor, self.field.caret = 0, len(self.field.value)

    def layout(self, rect):
        super().layout(rect)  # the field, configured for the code's alphabet and length
        m = self.ui.metrics
        button_h = self._button_h()
        wheel_w = self._wheel_w()
        gap = self._gap()
        count = self.size()
        body_w = self._body_w()
        self.wheels = []
        if count > MAX_WHEELS or body_w > rect.width:
            return [self.field]  # no room for wheels: the plain field
        pad = m.unit * (1 if self.compact else 2)  # between the body's edge and the buttons
        self.body = pygame.Rect(rect.x, rect.y + self.shackle_out(), body_w, self._body_h())
        widgets: list[Widget] = []
        shown = self.shown()
        for index in range(count):
            x = self.body.x + m.unit * 4 + index * (wheel_w + gap)
            up = pygame.Rect(x, self.body.y + pad, wheel_w, button_h)
            window = pygame.Rect(x, up.bottom + m.unit, wheel_w, self._window_h())
            down = pygame.Rect(x, window.bottom + m.unit, wheel_w, button_h)
            self.wheels.append(window)
            said = _("Molette {n} sur {total} : {char}").format(n=index + 1, total=count, char=shown[index])
            if self.opened:
                continue  # an open lock is only shown
            widgets.append(Button(f"wheel:{index}:up", up, TurnWheel(index, 1), label="", icon="up",
                                  speech=said + " — " + _("monter")))
            widgets.append(Button(f"wheel:{index}:down", down, TurnWheel(index, -1), label="", icon="down",
                                  speech=said + " — " + _("descendre")))
        # « Ou tape le code : » between the body and the field, as high as the font draws
        # it; compact, on the field's line when both fit the lock's width.
        if self._field_beside(rect.width):
            self.field.rect.width = self._field_w()
            self.field.rect.topleft = (rect.x + self._label_w() + m.unit * 2, self.body.bottom + m.unit * 2)
        else:
            label_h = self._label_h(rect.width)
            if self.compact:
                self.field.rect.width = min(self.field.rect.width, max(rect.width, self._field_w()))
            self.field.rect.topleft = (rect.x, self.body.bottom + m.unit * 2 + label_h + m.unit // 2)
        self.field.speech = _("Ou tape le code : {placeholder}").format(placeholder=self.field.placeholder)
        return widgets + ([] if self.opened else [self.field])

    def act(self, action):
        if not isinstance(action, TurnWheel):
            return super().act(action)
        chars = list(self.shown())
        alphabet = self.alphabet
        at = alphabet.find(chars[action.index])
        chars[action.index] = alphabet[(max(at, 0) + action.step) % len(alphabet)]
        # The field shows what the wheels show (« 0300 »: zeros never typed), selected
        # as after a wrong code: typing then writes a new code from the first wheel
        # (a full field took no more), Backspace clears it.
        self.field.value = "".join(chars)
        self.select_all()
        self.wrong = False
        self.pointed()
        return True

    def wanted_focus(self, widgets):
        return "entry"  # typed digits are never lost; the wheels are a Tab away

    def drawn_bottom(self) -> int:
        return self.body.bottom if self.wheels else self.rect.y

    def draw(self, surface):
        if not self.wheels:
            return
        m, p = self.ui.metrics, self.ui.palette
        metal, dark, window, ink, wrong, right = self.colours()
        # The shackle, then the body, then each wheel's window with its character.
        self.draw_shackle(surface, self.body, dark, composing=True)
        gfx.box(surface, self.body, metal, m.radius * 2, right if self.opened else dark, 3)
        shown = self.shown()
        if self.opened:  # the wheels' arrows, no longer buttons: drawn in the metal
            for window_rect in self.wheels:
                for name, y in (("up", window_rect.top - m.unit - self._button_h() // 2),
                                ("down", window_rect.bottom + m.unit + self._button_h() // 2)):
                    gfx.icon(surface, name, (window_rect.centerx, y), m.body, dark)
        for index, window_rect in enumerate(self.wheels):
            edge = wrong if self.wrong else (right if self.opened else dark)
            gfx.box(surface, window_rect, window, m.unit, edge, 4 if self.wrong or self.opened else 2)
            char = self.ui.text.render(shown[index], round(m.body * (1.25 if self.compact else 1.5)),
                                       wrong if self.wrong else ink, bold=True)
            surface.blit(char, char.get_rect(center=window_rect.center))
        if not self.opened:
            label = self.ui.text.render(_("Ou tape le code :"), m.small, p.muted)
            if self.field.rect.x > self.body.x:  # on the field's line
                surface.blit(label, label.get_rect(midleft=(self.body.x, self.field.rect.centery)))
            else:
                surface.blit(label, (self.field.rect.x, self.field.rect.y - label.get_height() - m.unit // 2))


class KeypadInput(LockMotion, CodeInput):
    """A digicode: a display (the code field itself), ten digit keys and « ← », a light
    that turns green when the door opens."""

    KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0")
    # Compact (200 % text on a laptop's window): four keys a row, three rows, « ← » last,
    # so that the last row is in view unscrolled and each digit keeps its size.
    KEYS_COMPACT = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "back")

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.init_motion()
        self.body = pygame.Rect(0, 0, 0, 0)
        self.light = (0, 0)

    def headroom(self) -> int:
        return 0  # no shackle: level with the puzzle's text

    def _columns(self) -> int:
        return 4 if self.compact else 3

    def _rows(self) -> int:
        return -(-len(self.KEYS) // self._columns())

    def _digit_size(self) -> int:
        m = self.ui.metrics
        return m.body if self.compact else round(m.body * 1.2)

    def _key(self) -> int:
        m = self.ui.metrics
        if self.compact:  # as tall as its digit needs, a finger's target at least
            return max(44, Button("", label="0", size=self._digit_size()).needed_height(self.ui, m.body * 4))
        return max(self.button_height(), m.body * 2 + m.unit)

    def _gap(self) -> int:
        return self.ui.metrics.unit * (1 if self.compact else 2)

    def _display_h(self) -> int:
        """The display (the code field): a control's height, or compact as tall as its
        digits need."""
        if not self.compact:
            return self.button_height()
        m = self.ui.metrics
        return max(44, self.ui.text.render("0123456789", m.body, (0, 0, 0)).get_height() + m.unit * 2)

    def _body_h(self) -> int:
        m = self.ui.metrics
        key, gap, rows = self._key(), self._gap(), self._rows()
        return m.unit * 4 + self._display_h() + gap + rows * key + (rows - 1) * gap + m.unit * 3

    def height_wanted(self) -> int:
        """The case's height: the panel makes the keypad compact where it would not fit
        the panel unscrolled (``fit``: 200 % text on a laptop's window)."""
        return self._body_h()

    def width_wanted(self) -> int:
        m = self.ui.metrics
        columns, gap = self._columns(), self._gap()
        return max(self._key() * columns + gap * (columns - 1) + m.unit * 8, m.body * (len(self.spec.code) + 4))

    def select_all(self) -> None:
        self.field.anchor, self.field.caret = 0, len(self.field.value)

    def layout(self, rect):
        super().layout(rect)
        m = self.ui.metrics
        key = self._key()
        gap = self._gap()
        width = min(rect.width, self.width_wanted())
        display_h = self._display_h()
        self.body = pygame.Rect(rect.x, rect.y, width, self._body_h())
        self.field.rect = pygame.Rect(self.body.x + m.unit * 3, self.body.y + m.unit * 3,
                                      self.body.width - m.unit * 6 - m.body * 2, display_h)
        self.field.speech = _("Code de la porte : {placeholder}").format(placeholder=self.field.placeholder)
        self.light = (self.field.rect.right + m.body, self.field.rect.centery)
        if self.opened:
            return []
        widgets: list[Widget] = [self.field]
        columns = self._columns()
        left = self.body.centerx - (key * columns + gap * (columns - 1)) // 2
        top = self.field.rect.bottom + gap + m.unit
        for index, name in enumerate(self.KEYS_COMPACT if self.compact else self.KEYS):
            column, row = index % columns, index // columns
            place = pygame.Rect(left + column * (key + gap), top + row * (key + gap), key, key)
            if name == "back":
                widgets.append(Button("key:back", place, PressKey("back"), label="", icon="back", centred=True,
                                      speech=_("Effacer le dernier chiffre")))
            else:
                widgets.append(Button(f"key:{name}", place, PressKey(name), label=name, size=self._digit_size(),
                                      centred=True, speech=_("Touche {key}").format(key=name)))
        return widgets

    def act(self, action):
        if not isinstance(action, PressKey):
            return super().act(action)
        value = self.field.value
        if self.field.anchor is not None and self.field.anchor != self.field.caret:
            value = ""  # the wrong code, selected: a key starts a new one
        if action.key == "back":
            value = value[:-1]
        elif len(value) < len(self.spec.code):
            value += action.key
        self.field.value, self.field.caret, self.field.anchor = value, None, None
        self.wrong = False
        self.pointed()
        return True

    def wanted_focus(self, widgets):
        return "entry"

    def drawn_bottom(self) -> int:
        return self.body.bottom

    def draw(self, surface):
        m = self.ui.metrics
        case, edge, _window, _ink, wrong, right = self.colours((STEEL, STEEL_DARK))
        gfx.box(surface, self.body, case, m.radius * 2, edge, 3)
        light = right if self.opened else (wrong if self.wrong else edge)
        pygame.draw.circle(surface, self.ui.palette.shade, self.light, m.body // 2 + 3)
        pygame.draw.circle(surface, light, self.light, m.body // 2)
        if self.opened:
            words = self.ui.text.render(_("Ouvert"), m.title, right, bold=True)
            surface.blit(words, words.get_rect(center=(self.body.centerx, self.field.rect.bottom + (
                self.body.bottom - self.field.rect.bottom) // 2)))
            gfx.box(surface, self.field.rect, self.ui.palette.surface, m.unit, right, 3)
            code = self.ui.text.render(self.field.value, m.body, self.ui.palette.text, bold=True)
            surface.blit(code, code.get_rect(midleft=(self.field.rect.x + m.unit * 2, self.field.rect.centery)))
        elif self.wrong:
            pygame.draw.rect(surface, wrong, self.field.rect.inflate(6, 6), 3, border_radius=m.unit)


class ArrowLockInput(LockMotion, DirectionsInput):
    """An arrow lock: a padlock's body with the four arrows on it, the arrows entered so
    far in a row of windows, « Effacer » beside."""

    def shackle_colour(self):
        return self.colours((STEEL, STEEL_DARK))[1]

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.init_motion()
        self.body = pygame.Rect(0, 0, 0, 0)
        self.slots = pygame.Rect(0, 0, 0, 0)

    # Beside a picture (the panel's picture row): « Effacer » under the arrows, so that
    # the lock is as narrow as its three columns of arrows and the picture gets the rest.
    has_narrow = True

    def gap_below(self) -> int:
        return 0

    def width_wanted(self) -> int:
        m = self.ui.metrics
        size = self.button_height() + m.unit * 2
        if self.narrow:
            return size * 3 + m.unit * 10
        return size * 3 + m.unit * 10 + m.body * 8

    def height_wanted(self) -> int:
        """From the top of its area: the shackle, the arrows entered, the pad."""
        m = self.ui.metrics
        size = self.button_height() + m.unit * 2
        pad = size * 2 + m.unit * 4 + ((self.button_height() + m.unit * 2) if self.narrow else 0)
        return self.shackle_out() + m.unit * 3 + m.body + m.unit + m.unit * 3 + m.small + pad

    def layout(self, rect):
        m = self.ui.metrics
        size = self.button_height() + m.unit * 2
        slot = m.body + m.unit
        shackle = self.shackle_out()
        width = min(rect.width, self.width_wanted())
        self.slots = pygame.Rect(rect.x + m.unit * 4, rect.y + shackle + m.unit * 3, width - m.unit * 8, slot)
        pad_top = self.slots.bottom + m.unit * 3 + m.small
        erase_row = (self.button_height() + m.unit * 2) if self.narrow else 0
        self.body = pygame.Rect(rect.x, rect.y + shackle, width,
                                pad_top - rect.y - shackle + size * 2 + m.unit * 4 + erase_row)
        if self.opened:
            return []
        cx = self.body.x + m.unit * 4 + size * 3 // 2 + m.unit
        row2 = pad_top + size + m.unit
        places = {"up": (cx - size // 2, pad_top), "left": (cx - size * 3 // 2 - m.unit, row2),
                  "down": (cx - size // 2, row2), "right": (cx + size // 2 + m.unit, row2)}
        names = {"up": _("haut"), "down": _("bas"), "left": _("gauche"), "right": _("droite")}
        widgets: list[Widget] = [Button(f"arrow:{d}", pygame.Rect(xy, (size, size)), act.AddArrow(d), label="",
                                        icon=d, speech=_("Flèche {direction}").format(direction=names[d]))
                                 for d, xy in places.items()]
        erase = Button("erase", pygame.Rect(0, 0, m.body * 7, size), act.Erase(), label=_("Effacer"), icon="cross")
        if self.narrow:  # under the arrows, as wide as their three columns
            erase.rect = pygame.Rect(self.body.x + m.unit * 4, row2 + size + m.unit * 2,
                                     self.body.width - m.unit * 8, self.button_height())
            return widgets + [erase]
        erase.rect.topright = (self.body.right - m.unit * 4, pad_top)
        erase.rect.width = min(erase.rect.width, self.body.right - m.unit * 4 - (cx + size * 3 // 2 + m.unit * 3))
        erase.rect.right = self.body.right - m.unit * 4
        return widgets + [erase]

    def act(self, action):
        used = super().act(action)
        if used:
            self.wrong = False
        return used

    def drawn_bottom(self) -> int:
        return self.body.bottom

    def draw(self, surface):
        m, p = self.ui.metrics, self.ui.palette
        case, edge, window, ink, wrong, right = self.colours((STEEL, STEEL_DARK))
        self.draw_shackle(surface, self.body, edge, composing=True)
        gfx.box(surface, self.body, case, m.radius * 2, right if self.opened else edge, 3)
        gfx.box(surface, self.slots, window, m.unit, wrong if self.wrong else (right if self.opened else edge),
                4 if self.wrong or self.opened else 2)
        size = self.slots.height - m.unit
        step = size + m.unit // 2
        # The last arrows entered stay in view: a long path moves left in the windows.
        x = min(self.slots.x + m.unit, self.slots.right - m.unit - len(self.sequence) * step)
        clip = surface.get_clip()
        surface.set_clip(self.slots.clip(clip) if clip else self.slots)
        if not self.sequence:
            none = self.ui.text.render(_("(aucune flèche)"), m.small, p.muted if case == p.surface else (110, 120, 130))
            surface.blit(none, none.get_rect(midleft=(x + m.unit, self.slots.centery)))
        for arrow in self.sequence:  # drawn, not typed: fonts rarely have arrow glyphs
            gfx.icon(surface, arrow, (x + size // 2, self.slots.centery), m.body, wrong if self.wrong else ink)
            x += step
        surface.set_clip(clip)
        names = [{"up": _("haut"), "down": _("bas"), "left": _("gauche"), "right": _("droite")}[a]
                 for a in self.sequence]
        # In words on one line above the pad: the last ones when all do not fit.
        colour, room = window if case != p.surface else p.text, self.body.width - m.unit * 8
        shown = ", ".join(names)
        while names and self.ui.text.render(shown, m.small, colour).get_width() > room and len(names) > 1:
            names = names[1:]
            shown = "… " + ", ".join(names)
        if names:
            said = self.ui.text.render(shown, m.small, colour)
            surface.blit(said, (self.slots.x, self.slots.bottom + m.unit // 2), said.get_rect(width=room))


def make_code(scene, puzzle):
    """A long digit code is typed on a keypad; a shorter one, or letters, on wheels."""
    code = puzzle.spec.code
    if code.isdigit() and len(code) >= KEYPAD_FROM:
        return KeypadInput(scene, puzzle)
    return PadlockInput(scene, puzzle)


register("code", make_code)
register("directions", ArrowLockInput)
