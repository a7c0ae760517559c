"""How each puzzle type is answered on screen: one input class per family, registered
by type name (the player's side of ``engine.core.puzzles``).

An input lays out its widgets in the space it is given, reacts to their actions (typed
values of ``actions``: ``Choose(option)``, ``MoveItem(item, step)``…) by changing the
answer being entered, and gives that answer back in the core's format (``value``), or
None while incomplete. It never gives the answer to the rules itself: « Valider » is
the panel's, which returns the core's command to its scene.
``steps(answer)`` lists the user actions that enter ``answer`` (click this widget, type
that text, click there) so tests drive the real interface, not the core.

The keyboard (issue 15): each input takes its own keys first (``on_key``: a digit picks
option N or sends the chosen item to category N, Alt+arrows move a line, arrows add an
arrow…), Enter on a complete answer asks for « Valider » (``enter_submits``), and what
those keys are is written under the input (``keys_hint``) and on its buttons (key caps):
``key_steps(answer)`` enters ``answer`` with those keys only, the way the hint teaches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pygame

from ..core import puzzles as ptypes
from ..core.model import Puzzle
from ..core.puzzles import pointing
from ..i18n import _, ngettext
from . import actions as act
from . import documents, gfx, pictures
from .widgets import Area, Button, TextInput, Widget

Step = tuple[str, Any]
# ("click", widget id) | ("type", text) | ("point", (widget id, fx, fy)); by keyboard also
# ("focus", widget id): reach it (Tab, arrows) without activating it | ("key", (key, mod))

ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)
DIGITS = {**{pygame.K_1 + n: n + 1 for n in range(9)}, **{pygame.K_KP1 + n: n + 1 for n in range(9)}}
# SDL gives K_1…K_9 for the number row whatever the layout (AZERTY too, without Maj).
ALT_OR_CTRL = pygame.KMOD_ALT | pygame.KMOD_CTRL
CODE_DIGITS = frozenset([pygame.K_0, pygame.K_KP0, *DIGITS])


def digit(event: pygame.event.Event) -> int | None:
    """1 to 9 for a digit key (number row or keypad) pressed alone, else None."""
    if event.mod & (ALT_OR_CTRL | pygame.KMOD_META):
        return None
    if event.key in DIGITS:
        return DIGITS[event.key]
    typed = getattr(event, "unicode", "")  # a layout whose digits are elsewhere
    return int(typed) if typed in tuple("123456789") else None


def digit_key(n: int) -> tuple[int, int]:
    return (pygame.K_1 + n - 1, 0)


def with_key(words: str, key: str) -> str:
    """What a screen reader says of a button with a key cap: its words, then its key."""
    return _("{words}, touche {key}").format(words=words, key=key) if key else words


def keys_range(count: int) -> str:
    """« 1 à 4 » (or « 1 » alone): the digits that choose among ``count`` things."""
    last = min(count, 9)
    if last <= 2:
        return "1" if last == 1 else _("1 ou 2")
    return _("{first} à {last}").format(first=1, last=last)


class Input:
    """The answer input of one puzzle type: its widgets, what they mean, and the layout
    hints the puzzle panel reads (the panel never asks which type it shows)."""

    shows_document = False  # draws the puzzle's document itself: no « Voir le document »
    shows_image = False  # the puzzle's picture is the input itself
    caption_above = False  # writes a line of instructions just above its area

    def area_height(self, room: int) -> int:
        """The height it asks for, given ``room`` left in the panel (0: its widgets')."""
        return 0

    def gap_below(self) -> int:
        """Extra room it needs under its widgets: what it draws there, then the line
        that says its keys."""
        hint = self.keys_hint()
        extra = self.extra_below()
        if not hint:
            return extra
        m = self.ui.metrics
        return extra + self.ui.text.height(hint, m.small, max(10, self.rect.width)) + m.unit

    def extra_below(self) -> int:
        """Room it draws in under its widgets (the arrows typed so far)."""
        return 0

    def __init__(self, scene, puzzle: Puzzle) -> None:
        self.scene = scene
        self.puzzle = puzzle
        self.spec = puzzle.spec
        self.rect = pygame.Rect(0, 0, 0, 0)

    @property
    def ui(self):
        """The current sizes, colours and fonts (they change with the window and settings)."""
        return self.scene.app.ui

    @property
    def locale(self) -> str:
        return self.scene.app.prefs["language"]

    def order(self, ids: list[str], side: str = "") -> list[str]:
        return self.scene.session.rules.presentation_order(self.scene.session.state, self.puzzle.id, ids, side)

    def layout(self, rect: pygame.Rect) -> list[Widget]:
        raise NotImplementedError

    def act(self, action: Any) -> bool:
        """Change the answer being entered; False when ``action`` is not this input's."""
        return False

    def wanted_focus(self, widgets: list[Widget]) -> str | None:
        """The widget that takes the keyboard focus when the puzzle opens or after a wrong
        answer (``widgets``: the input's, as laid out): where the answer is entered."""
        return next((w.id for w in widgets if w.focusable and w.enabled), None)

    def value(self) -> Any:
        raise NotImplementedError

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_keys_hint(surface)

    def drawn_bottom(self) -> int:
        """The bottom of what the input draws itself, beyond its widgets (a document)."""
        return self.rect.y

    def steps(self, answer: Any) -> list[Step]:
        raise NotImplementedError

    # --- the keyboard -------------------------------------------------------------------

    def keys_hint(self) -> str:
        """The keys this input understands, in words, written under it ("" when only Tab
        and Enter): the player learns them from the screen, the pilot uses nothing else."""
        return ""

    def draw_keys_hint(self, surface: pygame.Surface) -> None:
        hint = self.keys_hint()
        fields = getattr(self.scene.panel, "fields", None) or []
        if not hint or not fields:
            return
        m, p = self.ui.metrics, self.ui.palette
        top = max([w.rect.bottom for w in fields] + [self.drawn_bottom()]) + self.extra_below() + m.unit
        surface.blit(self.ui.text.render(hint, m.small, p.muted, max(10, self.rect.width)), (self.rect.x, top))

    def enter_submits(self, focus: Widget | None) -> bool:
        """Whether Enter on ``focus`` asks for « Valider »: the answer is complete and
        Enter would not change it (a chosen option, a line put in order)."""
        return False

    def on_key(self, event: pygame.event.Event, focus: Widget | None) -> bool | str:
        """A key pressed while the puzzle is open, before the scene moves the focus:
        True when it changed the answer, ``"submit"`` for « Valider », False when not
        this input's (Tab, the arrows between widgets…)."""
        if event.key in ENTER and self.enter_submits(focus):
            return "submit"
        return False

    def takes_arrows(self, focus: Widget | None) -> bool:
        """Whether the arrow keys act on the answer here (a path, the aiming cross)
        instead of moving the focus."""
        return False

    def key_steps(self, answer: Any) -> list[Step]:
        """How a keyboard player enters ``answer`` with the keys the hint and the key
        caps show (then Enter when ``enter_submits``): by default, a click on each."""
        return self.steps(answer)

    def focus_on(self, widget_id: str) -> None:
        """Move the keyboard focus to one of this input's widgets (the item a key moved
        follows it; the next item to place): kept by id through the layout after it."""
        widget = self.scene.widget(widget_id)
        if widget is not None:
            self.scene.focus = widget

    def button_height(self) -> int:
        return self.ui.metrics.body + self.ui.metrics.unit * 4


def steady_height(ui, button: Button, width: int, details: list[str] | tuple[str, ...] = ()) -> int:
    """The height ``button`` needs at ``width`` ticked or not, and with any of ``details``
    under its label: what the pupil's answer changes on it (a check mark, « avec la
    réponse 3 ») never makes it, nor its row, taller under the pointer."""
    kept = button.selected, button.detail
    heights = []
    for detail in (kept[1], *details):
        button.selected, button.detail = True, detail
        heights.append(button.needed_height(ui, width))
    button.selected, button.detail = kept
    return max(heights)


def steady_width(ui, button: Button) -> int:
    """The width that shows ``button``'s label on one line, ticked or not."""
    kept, button.selected = button.selected, True
    try:
        return button.needed_width(ui)
    finally:
        button.selected = kept


def grid(rect: pygame.Rect, count: int, columns: int, height: int, gap: int) -> list[pygame.Rect]:
    width = (rect.width - gap * (columns - 1)) // columns
    return [pygame.Rect(rect.x + (i % columns) * (width + gap), rect.y + (i // columns) * (height + gap),
                        width, height) for i in range(count)]


class ChoiceInput(Input):
    """single and poll (and, below, multiple): option buttons; a chosen option shows a
    check mark."""

    MANY = False  # several options may be chosen

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.chosen: list[str] = []

    def layout(self, rect):
        m = self.ui.metrics
        ids = self.order([o.id for o in self.spec.options])
        options = {o.id: o for o in self.spec.options}
        longest = max(len(options[i].text.get(self.locale)) for i in ids)
        columns = 2 if longest < 40 and len(ids) >= 4 else 1
        self.shown_ids = ids
        widgets = [Button(f"option:{option_id}", pygame.Rect(0, 0, 0, 0), act.Choose(option_id),
                          label=options[option_id].text.get(self.locale), style="choice",
                          selected=option_id in self.chosen, key=str(n + 1) if n < 9 else "",
                          speech=with_key(options[option_id].text.get(self.locale), str(n + 1) if n < 9 else ""))
                   for n, option_id in enumerate(ids)]
        width = (rect.width - m.unit * 2 * (columns - 1)) // columns
        height = max([self.button_height()] + [steady_height(self.ui, w, width) for w in widgets])
        for widget, box in zip(widgets, grid(rect, len(ids), columns, height, m.unit * 2)):
            widget.rect = box
        return widgets

    def draw(self, surface):
        if self.MANY:
            m, p = self.ui.metrics, self.ui.palette
            note = self.ui.text.render(_("Plusieurs réponses possibles : choisis toutes celles qui sont justes."),
                                       m.small, p.muted, self.rect.width)
            surface.blit(note, (self.rect.x, self.rect.y - note.get_height() - m.unit))
        self.draw_keys_hint(surface)

    def keys_hint(self):
        count = len(self.spec.options)
        if self.MANY:
            return _("Au clavier : {keys} ou Espace pour cocher ou décocher, Entrée pour valider.").format(
                keys=keys_range(count))
        return _("Au clavier : {keys} pour choisir, Entrée pour valider.").format(keys=keys_range(count))

    def enter_submits(self, focus):
        if focus is None or not focus.id.startswith("option:") or self.value() is None:
            return False
        # Several answers: digits and Space tick, Enter validates, on any option (Enter
        # ticked again the option a digit had just unticked). One answer: Enter on the
        # option chosen validates, on another one chooses it.
        return self.MANY or focus.id.removeprefix("option:") in self.chosen

    def on_key(self, event, focus):
        n = digit(event)
        ids = getattr(self, "shown_ids", [])
        if n is not None and n <= len(ids):
            self.act(act.Choose(ids[n - 1]))
            self.focus_on(f"option:{ids[n - 1]}")
            return True
        return super().on_key(event, focus)

    def key_steps(self, answer):
        chosen = [answer] if isinstance(answer, str) else list(answer)
        ids = self.order([o.id for o in self.spec.options])
        out: list[Step] = []
        for c in chosen:
            if ids.index(c) < 9:
                out.append(("key", digit_key(ids.index(c) + 1)))
            elif self.MANY:  # Enter would validate: Space ticks the option focused
                out += [("focus", f"option:{c}"), ("key", (pygame.K_SPACE, 0))]
            else:
                out.append(("click", f"option:{c}"))
        return out

    def act(self, action):
        if not isinstance(action, act.Choose):
            return False
        if not self.MANY:
            self.chosen = [action.option]
        elif action.option in self.chosen:
            self.chosen.remove(action.option)
        else:
            self.chosen.append(action.option)
        return True

    def wanted_focus(self, widgets):
        if self.chosen:
            return f"option:{self.chosen[0]}"
        return super().wanted_focus(widgets)

    def value(self):
        if not self.chosen:
            return None
        return sorted(self.chosen) if self.MANY else self.chosen[0]

    def steps(self, answer):
        chosen = [answer] if isinstance(answer, str) else list(answer)
        return [("click", f"option:{c}") for c in chosen]


class PickInput(Input):
    """An input where one thing is picked: the action ``Pick(value)`` chooses it."""

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.chosen: Any = None
        self.values: dict[str, Any] = {}  # what each widget picks, by id (set by layout)

    def act(self, action):
        if isinstance(action, act.Pick):
            self.chosen = action.value
            return True
        return False

    def value(self):
        return self.chosen

    def enter_submits(self, focus):
        return (focus is not None and self.chosen is not None and focus.id in self.values
                and self.values[focus.id] == self.chosen)


class TrueFalseInput(PickInput):

    def layout(self, rect):
        m = self.ui.metrics
        labels = {True: self.spec.label_true.get(self.locale) if self.spec.label_true else _("Vrai"),
                  False: self.spec.label_false.get(self.locale) if self.spec.label_false else _("Faux")}
        # No ✓ or ✗ on the choices: « Oui, c'est une preuve » may well be the wrong one.
        buttons = [Button(f"tf:{str(v).lower()}", pygame.Rect(0, 0, 0, 0), act.Pick(v), label=labels[v],
                          style="choice", selected=self.chosen is v, size=round(m.body * 1.15), key=str(n + 1),
                          speech=with_key(labels[v], str(n + 1)))
                   for n, v in enumerate((True, False))]
        # Each label on one line where the panel is wide enough (a ticked « Non, on vérifie
        # d’abord » took three lines in half the panel, cut by its edge)
        one_line = max(steady_width(self.ui, b) for b in buttons) * 2 + m.unit * 3
        area = pygame.Rect(rect.x, rect.y, min(rect.width, max(m.body * 24, rect.width // 2, one_line)), rect.height)
        width = (area.width - m.unit * 3) // 2
        height = max([self.button_height() + m.unit * 2] + [steady_height(self.ui, b, width) for b in buttons])
        for button, box in zip(buttons, grid(area, 2, 2, height, m.unit * 3)):
            button.rect = box
        self.values = {b.id: b.action.value for b in buttons}
        return buttons

    def keys_hint(self):
        return _("Au clavier : {keys} pour choisir, Entrée pour valider.").format(keys=keys_range(2))

    def on_key(self, event, focus):
        n = digit(event)
        if n in (1, 2):
            value = n == 1
            self.act(act.Pick(value))
            self.focus_on(f"tf:{str(value).lower()}")
            return True
        return super().on_key(event, focus)

    def steps(self, answer):
        return [("click", f"tf:{str(bool(answer)).lower()}")]

    def key_steps(self, answer):
        return [("key", digit_key(1 if answer else 2))]


class EntryInput(Input):
    """text, number and code: typed answers (a code field only takes its alphabet)."""

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.field = TextInput("entry")

    def configure(self, rect: pygame.Rect) -> int:
        """Set the field up for this type; returns its width."""
        self.field.placeholder = _("Ta réponse")
        return min(rect.width, self.ui.metrics.body * 28)

    def convert(self, text: str) -> Any:
        return text

    def layout(self, rect):
        width = self.configure(rect)
        self.field.rect = pygame.Rect(rect.x, rect.y, width, self.button_height())
        self.field.speech = self.field.placeholder
        return [self.field]

    def value(self):
        text = self.field.value.strip()
        if not text:
            return None
        return self.convert(text)

    def steps(self, answer):
        shown = f"{answer:g}".replace(".", ",") if isinstance(answer, (int, float)) else str(answer)
        return [("click", "entry"), ("type", shown)]

    def key_steps(self, answer):
        # The field has the focus when the puzzle opens; Enter in it validates.
        return [("focus", "entry")] + [s for s in self.steps(answer) if s[0] == "type"]


class CodeInput(EntryInput):
    """A code lock: only its alphabet, as many characters as the code.

    What is typed goes to the code whatever was clicked last (a key of the keypad, a
    wheel, « Valider »): a character of the code's alphabet or Backspace brings the
    focus back to the field first, so that Enter then validates what the field shows."""

    def on_key(self, event, focus):
        if focus is not self.field and self._writes(event):
            self.focus_on(self.field.id)  # the key itself then reaches the field (TEXTINPUT, Backspace)
            self.scene.touch(focus, self.field)
        return super().on_key(event, focus)

    def _writes(self, event: pygame.event.Event) -> bool:
        if event.mod & (ALT_OR_CTRL | pygame.KMOD_META):
            return False
        if event.key == pygame.K_BACKSPACE or event.key in CODE_DIGITS:
            return True
        typed = getattr(event, "unicode", "")
        return len(typed) == 1 and typed.upper() in (self.field.allowed or "")

    def pointed(self) -> None:
        """A button of the lock was pressed with the pointer (a key, a wheel): the
        keyboard types in the field again, as on a real digicode; from the keyboard
        (the focus ring shown), the focus stays on the button for the next press."""
        if not self.scene.focus_visible:
            self.focus_on(self.field.id)

    def configure(self, rect):
        code = self.spec.code
        self.field.allowed = "0123456789" if code.isdigit() else "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        self.field.max_length = len(code)
        self.field.placeholder = (
            ngettext("{n} caractère", "{n} caractères", len(code)) if not code.isdigit()
            else ngettext("{n} chiffre", "{n} chiffres", len(code))).format(n=len(code))
        return self.ui.metrics.body * 14


class NumberInput(EntryInput):
    """A number, with a decimal comma or point."""

    def configure(self, rect):
        self.field.allowed = "0123456789,.-"
        self.field.placeholder = _("Un nombre") + (f" ({self.spec.unit})" if self.spec.unit else "")
        return self.ui.metrics.body * 14

    def convert(self, text):
        try:
            return float(text.replace(",", ".")) if any(c in text for c in ",.") else int(text)
        except ValueError:
            return None


class DirectionsInput(Input):
    """A path of arrows: the pad's buttons, or the keyboard's arrows while the pad has
    the focus."""

    KEYS = {pygame.K_UP: "up", pygame.K_DOWN: "down", pygame.K_LEFT: "left", pygame.K_RIGHT: "right"}

    def extra_below(self) -> int:
        return self.ui.metrics.body * 2  # the arrows typed so far are drawn under the pad

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.sequence: list[str] = []

    def layout(self, rect):
        m = self.ui.metrics
        size = self.button_height() + m.unit * 2
        cx, top = rect.x + size * 2, rect.y + m.body * 2 + m.unit * 2
        places = {"up": (cx - size // 2, top), "left": (cx - size * 3 // 2 - m.unit, top + size + m.unit),
                  "down": (cx - size // 2, top + size + m.unit), "right": (cx + size // 2 + m.unit, top + size + m.unit)}
        names = {"up": _("haut"), "down": _("bas"), "left": _("gauche"), "right": _("droite")}
        widgets: list[Widget] = [Button(f"arrow:{d}", pygame.Rect(xy, (size, size)), act.AddArrow(d), label="",
                                        icon=d, speech=names[d]) for d, xy in places.items()]
        erase = Button("erase", pygame.Rect(cx + size * 2, top + size + m.unit, m.body * 7, size), act.Erase(),
                       label=_("Effacer"), icon="cross")
        return widgets + [erase]

    def act(self, action):
        match action:
            case act.AddArrow(direction):
                if len(self.sequence) < 16:
                    self.sequence.append(direction)
            case act.Erase():
                self.sequence = []
            case _:
                return False
        return True

    def keys_hint(self):
        return _("Au clavier : les flèches ajoutent une flèche, Retour arrière efface la dernière, "
                 "Entrée valide (Tab pour sortir du pavé).")

    def on_pad(self, focus) -> bool:
        return focus is not None and (focus.id.startswith("arrow:") or focus.id == "erase")

    def enter_submits(self, focus):
        return self.on_pad(focus) and bool(self.sequence)

    def takes_arrows(self, focus):
        return self.on_pad(focus)

    def on_key(self, event, focus):
        if self.on_pad(focus) and event.key in self.KEYS and not event.mod & ALT_OR_CTRL:
            self.act(act.AddArrow(self.KEYS[event.key]))
            return True
        if self.on_pad(focus) and event.key == pygame.K_BACKSPACE:
            self.sequence = self.sequence[:-1]
            return True
        return super().on_key(event, focus)

    def key_steps(self, answer):
        keys = {name: key for key, name in self.KEYS.items()}
        return [("focus", "arrow:up")] + [("key", (keys[a], 0)) for a in answer]

    def draw(self, surface):
        m, p = self.ui.metrics, self.ui.palette
        size = m.body + m.unit
        x = self.rect.x
        if not self.sequence:
            surface.blit(self.ui.text.render(_("(aucune flèche)"), m.body, p.muted), (x, self.rect.y))
        for arrow in self.sequence:  # drawn, not typed: fonts rarely have arrow glyphs
            box = pygame.Rect(x, self.rect.y, size, size)
            pygame.draw.rect(surface, p.border, box, 2, border_radius=m.unit // 2)
            gfx.icon(surface, arrow, box.center, m.body, p.text)
            x += size + m.unit
        words = ", ".join({"up": _("haut"), "down": _("bas"), "left": _("gauche"), "right": _("droite")}[a]
                          for a in self.sequence)
        if words:
            surface.blit(self.ui.text.render(words, m.small, p.muted, self.rect.width),
                         (self.rect.x, self.rect.y + size + m.unit // 2))
        self.draw_keys_hint(surface)

    def value(self):
        return list(self.sequence) or None

    def steps(self, answer):
        return [("click", f"arrow:{a}") for a in answer]


class OrderInput(Input):
    """A list put in order with ↑ and ↓ buttons on each line (mouse and touch); by
    keyboard, the line that has the focus moves with Alt+↑ and Alt+↓ (or Ctrl), or goes
    straight to the rank typed (« 1 » to the top)."""

    caption_above = True

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.current = self.order(list(self.spec.ids))
        self.touched = False

    def layout(self, rect):
        m = self.ui.metrics
        texts = dict(self.spec.items)
        square = self.button_height()
        widgets: list[Widget] = []
        y = rect.y
        for index, item in enumerate(self.current):
            # Not numbered: shown shuffled, a number would read as the answer's rank.
            label = Button("", label=texts[item].get(self.locale))
            row_w = rect.width - (square + m.unit) * 2
            height = max(square, label.needed_height(self.ui, row_w))
            row = pygame.Rect(rect.x, y, row_w, height)
            y += height + m.unit
            widgets.append(Button(f"item:{item}", row, None, label=texts[item].get(self.locale),
                                  speech=_("{t}, ligne {n} sur {total}").format(
                                      t=texts[item].get(self.locale), n=index + 1, total=len(self.current))))
            widgets.append(Button(f"up:{item}", pygame.Rect(row.right + m.unit, row.y, square, square),
                                  act.MoveItem(item, -1), label="", icon="up", enabled=index > 0,
                                  speech=_("monter « {t} »").format(t=texts[item].get(self.locale))))
            widgets.append(Button(f"down:{item}", pygame.Rect(row.right + square + m.unit * 2, row.y, square, square),
                                  act.MoveItem(item, 1), label="", icon="down", enabled=index < len(self.current) - 1,
                                  speech=_("descendre « {t} »").format(t=texts[item].get(self.locale))))
        return widgets

    def draw(self, surface):
        m, p = self.ui.metrics, self.ui.palette
        labels = [self.spec.label_first, self.spec.label_last]
        if labels[0] or labels[1]:
            note = " … ".join(x.get(self.locale) for x in labels if x)
            text = self.ui.text.render(_("Du haut vers le bas : {ends}").format(ends=note), m.small, p.muted)
            surface.blit(text, (self.rect.x, self.rect.y - text.get_height() - m.unit))
        self.draw_keys_hint(surface)

    def act(self, action):
        if not isinstance(action, act.MoveItem):
            return False
        index = self.current.index(action.item)
        other = index + action.step
        if 0 <= other < len(self.current):
            self.current[index], self.current[other] = self.current[other], self.current[index]
            self.touched = True
        return True

    def keys_hint(self):
        return _("Au clavier : ↑ ↓ pour aller à une ligne, Alt+↑ ou Alt+↓ pour la déplacer, ou tape son rang "
                 "({keys}) pour l’y mettre ; Entrée pour valider.").format(keys=keys_range(len(self.current)))

    def enter_submits(self, focus):
        return focus is not None and focus.id.startswith("item:")

    def on_key(self, event, focus):
        if focus is None or not focus.id.startswith("item:"):
            return super().on_key(event, focus)
        item = focus.id.removeprefix("item:")
        if event.key in (pygame.K_UP, pygame.K_DOWN) and event.mod & ALT_OR_CTRL:
            self.act(act.MoveItem(item, -1 if event.key == pygame.K_UP else 1))
            return True
        rank = digit(event)
        if rank is not None and rank <= len(self.current):
            self.current.remove(item)
            self.current.insert(rank - 1, item)  # the others move down (or up) one line
            self.touched = True
            return True
        return super().on_key(event, focus)

    def key_steps(self, answer):
        """Each line not in its place: go to it (↑ ↓), then type its rank or press Alt+↑
        or Alt+↓ until it is there, whichever is fewer keys; the lines taken from the top
        down or from the bottom up, whichever plan is shorter, as a player who looks
        at the list would choose."""
        plans = [self._plan(answer, list(range(len(answer)))), self._plan(answer, list(range(len(answer)))[::-1])]
        return min(plans, key=lambda plan: plan[0])[1]

    def _plan(self, answer, ranks: list[int]) -> tuple[int, list[Step]]:
        current, cost, at = list(self.current), 0, 0  # the focus starts on the first line
        out: list[Step] = []
        for index in ranks:
            item = answer[index]
            here = current.index(item)
            if here == index:
                continue
            cost += abs(here - at)
            moves = abs(here - index)
            out.append(("focus", f"item:{item}"))
            if index < 9 and moves > 1:
                out.append(("key", digit_key(index + 1)))
                cost += 1
            else:  # one line away, or no key for that rank: Alt+arrows
                key = pygame.K_UP if here > index else pygame.K_DOWN
                out += [("key", (key, pygame.KMOD_ALT))] * moves
                cost += moves
            current.remove(item)
            current.insert(index, item)
            at = index
        return cost, out

    def value(self):
        return list(self.current)

    def steps(self, answer):
        current, out = list(self.current), []
        for target_index, item in enumerate(answer):
            index = current.index(item)
            while index > target_index:
                out.append(("click", f"up:{item}"))
                current[index - 1], current[index] = current[index], current[index - 1]
                index -= 1
        return out


class PairInput(Input):
    """categories (and, below, match): pick an element on the left, then where it goes
    on the right."""

    caption_above = True
    ONE_TO_ONE = False  # a right side belongs to one left side only (a match)

    def sides(self) -> tuple[list, list]:
        return [(i, t) for i, t, _c in self.spec.items], list(self.spec.categories)

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.selected: str | None = None
        self.links: dict[str, str] = {}
        self.left, self.right = self.sides()
        self.left = [next(x for x in self.left if x[0] == i) for i in self.order([i for i, _t in self.left])]
        if self.ONE_TO_ONE:  # shuffled apart from the left column: no pattern to guess
            self.right = [next(x for x in self.right if x[0] == i) for i in self.order([i for i, _t in self.right], "right")]
        # The first element is picked from the start: its answer can be chosen at once
        # (a click on the right, or its number on the keyboard).
        self.selected = self.left[0][0] if self.left else None

    def layout(self, rect):
        m = self.ui.metrics
        match = self.ONE_TO_ONE
        half = (rect.width - m.unit * 4) // 2
        right_labels = dict(self.right)
        numbers = {target: n + 1 for n, (target, _t) in enumerate(self.right)}
        # Numbered on a key cap: the number is the key that sends the chosen element there.
        rights = []
        for target, text in self.right:
            n, words = numbers[target], text.get(self.locale)
            rights.append(Button(f"right:{target}", pygame.Rect(0, 0, half, 0), act.PickRight(target),
                                 label=words if n <= 9 else f"{n}. {words}", style="choice",
                                 speech=with_key(f"{n}. {words}", str(n) if n <= 9 else ""),
                                 key=str(n) if n <= 9 else ""))
        left_w = right_w = half
        if not match:
            # Sorting into a few categories: the elements, many, get two thirds of the
            # width (their rows wrap less), where the categories in the third left are
            # still seen together beside the list (``_keep_in_view``); a match keeps two
            # equal sides, row against row.
            narrow = rect.width - m.unit * 4 - (rect.width - m.unit * 4) * 2 // 3
            content = getattr(self.scene.panel, "content", None)
            room = content.height - m.unit * 6 if content is not None else 0
            column = sum(max(self.button_height(), steady_height(self.ui, b, narrow)) + m.unit for b in rights)
            if column <= room:
                left_w, right_w = rect.width - m.unit * 4 - narrow, narrow
        lefts = []
        for item, text in self.left:
            linked = self.links.get(item)
            # What it is paired with, in words (a bare « avec : 2 » was hard to read); the
            # number only, as the right-hand items are numbered: their text could be long.
            detail = (_("avec la réponse {n}").format(n=numbers[linked]) if match else
                      self._in_category(right_labels[linked].get(self.locale), left_w)) if linked else ""
            lefts.append(Button(f"left:{item}", pygame.Rect(0, 0, left_w, 0), act.PickLeft(item),
                                label=text.get(self.locale), style="choice", selected=item == self.selected,
                                detail=detail))
        base = self.button_height()
        # Each element keeps the room of the line that says where it goes, placed or not:
        # a row growing as it was placed moved the numbers under the pointer.
        said = [_("avec la réponse {n}").format(n=n) for n in numbers.values()] if match else [
            self._in_category(words.get(self.locale), left_w) for words in right_labels.values()]
        if match:  # rows aligned, each as tall as its taller side
            heights = [max(base, steady_height(self.ui, a, half, said), steady_height(self.ui, b, half))
                       for a, b in zip(lefts, rights)]
            columns = ((lefts, heights, left_w), (rights, heights, right_w))
        else:
            columns = ((lefts, [max(base, steady_height(self.ui, w, left_w, said)) for w in lefts], left_w),
                       (rights, [max(base, steady_height(self.ui, w, right_w)) for w in rights], right_w))
        for (buttons, heights, width), x in zip(columns, (rect.x, rect.x + left_w + m.unit * 4)):
            y = rect.y
            for button, height in zip(buttons, heights):
                button.rect = pygame.Rect(x, y, width, height)
                y += height + m.unit
        if not match:
            self._keep_in_view(lefts, rights)
        return lefts + rights

    def _in_category(self, category: str, width: int) -> str:
        """« dans : Stéréotype… »: where an element was sorted, on one line of a row
        ``width`` wide (the category's words cut with « … » where longer; whole on the
        right, numbered): each row reserves one small line for it, not two or three."""
        m = self.ui.metrics
        room = width - m.unit * 4 - round(m.body * 1.1) - m.unit - 2  # the row's text, its check mark beside
        words = category.split()
        said = _("dans : {category}").format(category=category)
        while len(words) > 1 and self.ui.text.render(said, m.small, (0, 0, 0)).get_width() > room:
            words.pop()
            said = _("dans : {category}").format(category=" ".join(words).rstrip(" :,;–-") + "…")
        return said

    def _keep_in_view(self, lefts: list[Button], rights: list[Button]) -> None:
        """The categories follow the list as it scrolls (200 % text: more elements than
        the panel shows), so that the element chosen and where it can go are seen
        together: the column slides down, never below the elements' end."""
        content = getattr(self.scene.panel, "content", None)
        if content is None or not rights or not lefts:
            return
        top = content.y + self.ui.metrics.unit * 3
        span = rights[-1].rect.bottom - rights[0].rect.top
        if span > content.bottom - self.ui.metrics.unit * 3 - top:
            return  # taller than the panel shows: they scroll with the rest, all reachable
        shift = min(top - rights[0].rect.top, lefts[-1].rect.bottom - span - rights[0].rect.top)
        if shift > 0:
            for button in rights:
                button.rect.move_ip(0, shift)

    def draw(self, surface):
        m, p = self.ui.metrics, self.ui.palette
        hint = _("Choisis un élément à gauche, puis sa réponse à droite.") if self.selected is None else \
            _("Maintenant, choisis à droite où va l’élément choisi.")
        text = self.ui.text.render(hint, m.small, p.muted, self.rect.width)
        surface.blit(text, (self.rect.x, self.rect.y - text.get_height() - m.unit))
        self.draw_keys_hint(surface)

    def keys_hint(self):
        return _("Au clavier : ↑ ↓ jusqu’à un élément à gauche, puis {keys} pour lui donner sa réponse ; "
                 "Entrée pour valider.").format(keys=keys_range(len(self.right)))

    def enter_submits(self, focus):
        return (focus is not None and focus.id.startswith(("left:", "right:")) and self.value() is not None
                and self.selected is None)

    def on_key(self, event, focus):
        n = digit(event)
        if n is not None and n <= len(self.right) and focus is not None and focus.id.startswith("left:"):
            self.selected = focus.id.removeprefix("left:")  # the element the ring is on, reached by ↑ ↓
        if n is not None and n <= len(self.right) and self.selected is not None:
            self.act(act.PickRight(self.right[n - 1][0]))
            # The focus follows the next element to place (the last placed, when all are).
            self.focus_on(f"left:{self.selected}" if self.selected is not None else focus.id if focus else "")
            return True
        return super().on_key(event, focus)

    def key_steps(self, answer):
        """The element picked, its number; the next is picked by itself, in order."""
        links, selected, out = dict(self.links), self.selected, []
        numbers = {target: n + 1 for n, (target, _t) in enumerate(self.right)}
        while selected is not None:
            if numbers[answer[selected]] > 9:
                return self.steps(answer)
            out.append(("key", digit_key(numbers[answer[selected]])))
            links[selected] = answer[selected]
            pending = [i for i, _t in self.left if i not in links]
            selected = pending[0] if pending else None
        return out

    def act(self, action):
        match action:
            case act.PickLeft(item):
                self.selected = item
            case act.PickRight(target) if self.selected is not None:
                if self.ONE_TO_ONE:
                    self.links = {k: v for k, v in self.links.items() if v != target}
                self.links[self.selected] = target
                pending = [i for i, _t in self.left if i not in self.links]
                self.selected = pending[0] if pending else None
                self._follow()
            case _:
                return False
        return True

    def _follow(self) -> None:
        """The next element to place comes to the top of the panel (when its content
        scrolls): the categories, which slide down with the list, are beside it."""
        panel = self.scene.panel
        widget = self.scene.widget(f"left:{self.selected}") if self.selected else None
        if self.ONE_TO_ONE or widget is None or not hasattr(panel, "content") or not panel.max_scroll():
            return
        panel.scroll_by(widget.rect.top - (panel.content.y + self.ui.metrics.unit * 3))

    def value(self):
        return dict(self.links) if len(self.links) == len(self.left) else None

    def steps(self, answer):
        out: list[Step] = []
        for item, target in answer.items():
            out += [("click", f"left:{item}"), ("click", f"right:{target}")]
        return out


class HotspotInput(Input):
    """Click (or tap) on the image; with the keyboard, move a cross with the arrows and
    validate where it stands. Zones are never outlined: finding them is the puzzle."""

    shows_image = True

    def area_height(self, room: int) -> int:
        return max(self.ui.metrics.body * 8, room)  # the picture takes what is left

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.point: tuple[float, float] | None = None
        self.area = Area("picture", action=act.AimAt(), speech=_("image : flèches pour viser, Entrée pour valider"))

    def layout(self, rect):
        folder = self.scene.session.game.folder
        width, height = pictures.answer_size(folder, self.spec.image, rect.width, rect.height,
                                             self.scene.app.surface.get_height())
        self.picture = pictures.picture(self.ui, folder, self.spec.image, width, height)
        self.area.rect = self.picture.get_rect(topleft=rect.topleft)
        return [self.area]

    def act(self, action):
        if isinstance(action, act.AimAt):
            # where the click or tap landed, carried by the action (the middle from the
            # keyboard): never the global mouse
            self.set_point(action.at or self.area.rect.center)
            return True
        return False

    def set_point(self, pos: tuple[int, int]) -> None:
        r = self.area.rect
        self.point = (min(100.0, max(0.0, (pos[0] - r.x) * 100 / r.width)),
                      min(100.0, max(0.0, (pos[1] - r.y) * 100 / r.height)))

    STEP, FINE = 5.0, 1.0  # how far an arrow moves the cross, in % of the picture (with Maj: finer)
    MOVES = {pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1)}

    def keys_hint(self):
        return _("Au clavier : Entrée fait paraître la croix, les flèches la déplacent (avec Maj, plus finement), "
                 "Entrée valide l’endroit visé.")

    def enter_submits(self, focus):
        return focus is self.area and self.point is not None

    def takes_arrows(self, focus):
        return focus is self.area

    def on_key(self, event, focus):
        if focus is not self.area:
            return super().on_key(event, focus)
        if event.key in self.MOVES:
            step = self.FINE if event.mod & pygame.KMOD_SHIFT else self.STEP
            dx, dy = self.MOVES[event.key]
            self.nudge(dx * step, dy * step)
            return True
        if event.key in ENTER and self.point is None:
            self.nudge(0, 0)  # the aiming cross appears in the middle
            return True
        return super().on_key(event, focus)

    def nudge(self, dx: float, dy: float) -> None:
        x, y = self.point or (50.0, 50.0)
        self.point = (min(100.0, max(0.0, x + dx)), min(100.0, max(0.0, y + dy)))

    def draw(self, surface):
        m, p = self.ui.metrics, self.ui.palette
        if self.picture:
            surface.blit(self.picture, self.area.rect)
        if self.point:
            r = self.area.rect
            x, y = r.x + self.point[0] * r.width / 100, r.y + self.point[1] * r.height / 100
            pygame.draw.circle(surface, p.focus, (x, y), m.unit * 3, m.focus_width)
            pygame.draw.line(surface, p.focus, (x - m.unit * 4, y), (x + m.unit * 4, y), 2)
            pygame.draw.line(surface, p.focus, (x, y - m.unit * 4), (x, y + m.unit * 4), 2)

    def value(self):
        return {"x": round(self.point[0], 2), "y": round(self.point[1], 2)} if self.point else None

    def steps(self, answer):
        if isinstance(answer, str):
            zone = next(z for z in self.spec.zones if z.id == answer)
            answer = {"x": zone.rect.x + zone.rect.w / 2, "y": zone.rect.y + zone.rect.h / 2}
        return [("point", ("picture", answer["x"] / 100, answer["y"] / 100))]


@dataclass
class Backdrop(Area):
    """The whole document under its parts: a click that hits none of them lands here,
    marked where it fell (the spot input draws the mark), never lost."""

    focusable: bool = False  # the keyboard goes from part to part

    def draw(self, surface: pygame.Surface, ui, focused: bool, hovered: bool) -> None:
        pass  # no outline: the whole page would light up under the pointer


class SpotInput(PickInput):
    """The puzzle's document, each part clickable: point at what gives it away. A
    click off every part is an answer too (« - », wrong), marked where it fell: every
    click on the document shows that it was taken, then « Valider » judges it."""

    shows_document = True
    caption_above = True
    MISSED = pointing.MISSED  # as the core records it

    def __init__(self, scene, puzzle) -> None:
        super().__init__(scene, puzzle)
        self.point: tuple[int, int] | None = None  # a miss: where it fell, from the document's corner

    def act(self, action):
        if isinstance(action, act.AimAt):
            if action.at is not None:
                self.point = (action.at[0] - self.origin[0], action.at[1] - self.origin[1])
                self.chosen = self.MISSED
            return self.point is not None
        if isinstance(action, act.Pick):
            self.point = None
        return super().act(action)

    def enter_submits(self, focus):
        return super().enter_submits(focus) or (isinstance(focus, Backdrop) and self.chosen == self.MISSED)

    def area_height(self, room: int) -> int:
        return 10_000  # the document, whole: the panel scrolls

    def layout(self, rect):
        game = self.scene.session.game
        document = game.documents[self.puzzle.document]
        self.surface, parts = documents.render(self.ui, document, game.folder, min(rect.width, self.ui.metrics.body * 34),
                                               self.locale)
        self.origin = rect.topleft
        self.clip = rect
        # The page first, under its parts (the last laid out is on top for the pointer):
        # its part in the panel's view, where a click can land.
        page = self.surface.get_rect(topleft=self.origin)
        view = getattr(self.scene.panel, "content", None)
        # Spoken in the words the class summary gives them (« l’axe vertical du graphique »).
        kind = ptypes.get(self.puzzle.type)
        self.widgets: list[Area] = [Backdrop("document", page.clip(view.inflate(-4, -4)) if view is not None else page,
                                             act.AimAt(), speech=pointing.answer_words(
                                                 kind, self.spec, document, self.MISSED) or "")]
        for part, box in parts.items():
            self.widgets.append(Area(f"part:{part}", box.move(self.origin), act.Pick(part),
                                     speech=pointing.answer_words(kind, self.spec, document, part) or part))
        self.values = {w.id: w.action.value for w in self.widgets if isinstance(w.action, act.Pick)}
        return self.widgets

    def draw(self, surface):
        m, p = self.ui.metrics, self.ui.palette
        note = self.ui.text.render(_("Clique sur la partie du document qui donne la réponse."), m.small, p.muted,
                                   self.clip.width)
        surface.blit(note, (self.clip.x, self.clip.y - note.get_height() - m.unit))
        clip = surface.get_clip()
        surface.set_clip(self.clip.clip(clip))  # never outside the panel's content
        surface.blit(self.surface, self.origin)
        for widget in self.widgets:
            if widget.action == act.Pick(self.chosen):
                pygame.draw.rect(surface, self.ui.palette.focus, widget.rect, self.ui.metrics.focus_width,
                                 border_radius=self.ui.metrics.radius)
        if self.chosen == self.MISSED and self.point is not None:  # a ring and a cross where it fell
            x, y = self.origin[0] + self.point[0], self.origin[1] + self.point[1]
            pygame.draw.circle(surface, p.shade, (x, y), m.unit * 3 + 2, 2)
            pygame.draw.circle(surface, p.focus, (x, y), m.unit * 3, m.focus_width)
            pygame.draw.line(surface, p.focus, (x - m.unit * 4, y), (x + m.unit * 4, y), 2)
            pygame.draw.line(surface, p.focus, (x, y - m.unit * 4), (x, y + m.unit * 4), 2)
        surface.set_clip(clip)
        self.draw_keys_hint(surface)

    def drawn_bottom(self) -> int:
        return self.origin[1] + self.surface.get_height()

    def wanted_focus(self, widgets):
        return None  # a ring on a part would look like a choice: the first Tab reaches it

    def keys_hint(self):
        return _("Au clavier : Tab puis les flèches pour aller d’une partie à l’autre, Entrée pour la choisir, "
                 "Entrée encore pour valider.")

    def steps(self, answer):
        return [("click", f"part:{answer}")]


class MultipleInput(ChoiceInput):
    MANY = True
    caption_above = True


class MatchInput(PairInput):
    """Left and right sides of pairs, each right side used once."""

    ONE_TO_ONE = True

    def sides(self):
        return [(i, left) for i, left, _r in self.spec.pairs], [(i, r) for i, _l, r in self.spec.pairs]


# The player's half of each puzzle type (the core's is engine/core/puzzles/): its input.
REGISTRY: dict[str, Callable[..., Input]] = {}


def register(type_name: str, input_class: Callable[..., Input]) -> None:
    """The answer input of a puzzle type: a class, or a function choosing one."""
    REGISTRY[type_name] = input_class


for _name, _input in (("single", ChoiceInput), ("poll", ChoiceInput), ("multiple", MultipleInput),
                      ("truefalse", TrueFalseInput), ("text", EntryInput), ("number", NumberInput),
                      ("code", CodeInput), ("directions", DirectionsInput), ("order", OrderInput),
                      ("match", MatchInput), ("categories", PairInput), ("hotspot", HotspotInput),
                      ("spot", SpotInput)):
    register(_name, _input)


def make(scene, puzzle: Puzzle) -> Input:
    return REGISTRY[puzzle.type](scene, puzzle)


from . import locks  # noqa: E402,F401  (code puzzles drawn as padlocks: player/locks.py)
