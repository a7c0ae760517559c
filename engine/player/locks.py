"""Code puzzles drawn as padlocks: one wheel per character (digits, or letters and
digits), each turned by its ▲ and ▼ buttons, with the code field below for those who
prefer typing (a keyboard, a screen reader). Both enter the same answer: turning a
wheel writes the field, typing turns the wheels.

Registered for the ``code`` type in place of the plain field (answers.register); a
code too long for wheels at this size (200 % text on a small window) keeps the plain
field. Every wheel button says its wheel and what it shows (« Molette 2 sur 4 : 5 »).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..i18n import _
from . import actions as act
from . import gfx
from .answers import CodeInput, register
from .widgets import Button, Widget

METAL = (214, 168, 58)  # the padlock's brass (OpenMoji's yellow, darkened)
METAL_DARK = (150, 110, 30)
WINDOW = (255, 255, 255)
INK = (24, 32, 48)
MAX_WHEELS = 8


@dataclass(frozen=True)
class TurnWheel(act.Action):
    """Turn wheel ``index`` by ``step`` (+1 up, −1 down)."""

    index: int
    step: int


class PadlockInput(CodeInput):
    """A code padlock: wheels above the code field."""

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
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

    def layout(self, rect):
        super().layout(rect)  # the field, configured for the code's alphabet and length
        m = self.ui.metrics
        button_h = self.button_height()
        wheel_w = max(button_h, m.body * 2 + m.unit * 2)
        gap = m.unit * 2
        count = self.size()
        body_w = count * wheel_w + (count - 1) * gap + m.unit * 8
        self.wheels = []
        if count > MAX_WHEELS or body_w > rect.width:
            return [self.field]  # no room for wheels: the plain field
        shackle = m.body * 2
        self.body = pygame.Rect(rect.x, rect.y + shackle, body_w, button_h * 2 + m.body * 2 + m.unit * 6)
        widgets: list[Widget] = []
        shown = self.shown()
        for index in range(count):
            x = self.body.x + m.unit * 4 + index * (wheel_w + gap)
            up = pygame.Rect(x, self.body.y + m.unit * 2, wheel_w, button_h)
            window = pygame.Rect(x, up.bottom + m.unit, wheel_w, m.body * 2)
            down = pygame.Rect(x, window.bottom + m.unit, wheel_w, button_h)
            self.wheels.append(window)
            said = _("Molette {n} sur {total} : {char}").format(n=index + 1, total=count, char=shown[index])
            widgets.append(Button(f"wheel:{index}:up", up, TurnWheel(index, 1), label="", icon="up",
                                  speech=said + " — " + _("monter")))
            widgets.append(Button(f"wheel:{index}:down", down, TurnWheel(index, -1), label="", icon="down",
                                  speech=said + " — " + _("descendre")))
        self.field.rect.topleft = (rect.x, self.body.bottom + m.unit * 3)
        self.field.speech = _("Ou tape le code : {placeholder}").format(placeholder=self.field.placeholder)
        return widgets + [self.field]

    def act(self, action):
        if not isinstance(action, TurnWheel):
            return super().act(action)
        chars = list(self.shown())
        alphabet = self.alphabet
        at = alphabet.find(chars[action.index])
        chars[action.index] = alphabet[(max(at, 0) + action.step) % len(alphabet)]
        self.field.value, self.field.caret, self.field.anchor = "".join(chars), None, None
        return True

    def wanted_focus(self, widgets):
        return "entry"  # typed digits are never lost; the wheels are a Tab away

    def drawn_bottom(self) -> int:
        return self.body.bottom if self.wheels else self.rect.y

    def draw(self, surface):
        if not self.wheels:
            return
        m, p = self.ui.metrics, self.ui.palette
        high = self.scene.app.prefs["contrast"] == "high"
        metal, dark, window, ink = (p.surface, p.text, p.surface, p.text) if high else (METAL, METAL_DARK, WINDOW, INK)
        # The shackle, then the body, then each wheel's window with its character.
        shackle = pygame.Rect(0, 0, self.body.width * 2 // 3, m.body * 4)
        shackle.midbottom = (self.body.centerx, self.body.y + m.body * 2)
        pygame.draw.rect(surface, dark, shackle, max(4, m.unit * 2), border_radius=shackle.width // 2)
        gfx.box(surface, self.body, metal, m.radius * 2, dark, 3)
        shown = self.shown()
        for index, window_rect in enumerate(self.wheels):
            gfx.box(surface, window_rect, window, m.unit, dark, 2)
            char = self.ui.text.render(shown[index], round(m.body * 1.5), ink, bold=True)
            surface.blit(char, char.get_rect(center=window_rect.center))
        label = self.ui.text.render(_("Ou tape le code :"), m.small, p.muted)
        surface.blit(label, (self.field.rect.x, self.field.rect.y - label.get_height() - m.unit // 2))


register("code", PadlockInput)
