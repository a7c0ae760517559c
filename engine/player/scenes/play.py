"""Playing a game: the room (escape game) or the question (quiz, challenge), and the
panels that open over it (puzzle, document, message, item, pause).

The scene turns clicks into the core's commands, hands them to the session (which
applies and saves them), and turns the events that come back into panels, sounds and
words. It holds no rule of its own: what is allowed, right or unlocked comes from the
core.

One click, from the event to the screen: ``App.step`` → ``Scene.handle`` →
``Scene.press`` (the widget under the pointer) → ``Scene.activate`` → ``on_action``
(here: the panel on top's ``on_action``, or ``_room_action``), which returns the core's
command → ``apply`` stamps the game time → ``do``: ``Session.do`` (rules, save) →
``react``: one handler per event type (``ON_EVENT``) → ``relayout``: ``layout`` (geometry
only) then ``settle_focus`` (where the keyboard focus goes) → ``App`` draws the frame:
``Scene.draw`` composes the picture again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pygame

from ...core import commands as cmd
from ...core import events as ev
from ...core.scoring import Score
from ...i18n import _
from ...session import Session
from .. import actions as act
from .. import feedback, gfx, pictures
from ..answers import grid as answers_grid
from ..scene import Scene
from ..widgets import Button, Widget
from . import handover
from . import room as room_view
from .panels import DocumentPanel, ItemPanel, MessagePanel, Panel, PausePanel, PuzzlePanel


def clock_text(seconds: float) -> str:
    seconds = max(0, int(seconds + 0.999))
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class PlayScene(Scene):
    def __init__(self, app, session: Session) -> None:
        super().__init__(app)
        self.session = session
        self.game = session.game
        self.t = session.state.t
        self.panels: list[Panel] = []
        self.placed = False  # the room's objects are drawn on its picture
        self.using: str | None = None  # the inventory item being used
        self.toast = ""
        self.last_object: str | None = None  # the object just looked at: focused back in the room
        self._focus_for: Panel | None = None  # the panel on top when the focus was last placed
        self._refocus = False  # a verdict came: the focus moves on (to « Continuer »…)
        self.paused = False
        self.handover: str | None = None  # a team whose turn it is now: « Au tour de … » to show
        self._fresh: list[Panel] | None = None
        self.motion = 1.0  # 0 → 1 while a panel fades in (never with reduced motion)
        self.reveal = False  # « Montrer les objets »: every zone of the picture outlined and named
        self.as_list = False  # the player chose the text list over the picture
        self._open_from_state()
        self.tell()

    def exit(self) -> None:
        self.session.release()  # another window may play this save now

    # --- commands and events ----------------------------------------------------------

    def apply(self, command: cmd.Command) -> list[ev.Event]:
        """Carry out a command a widget or a panel gave, at the game's time now."""
        return self.do(replace(command, t=self.t))

    def do(self, command: cmd.Command) -> list[ev.Event]:
        events = self.session.do(command)
        self.app.record(self.session)
        self.react(events)
        if self.app.scene is self:
            self.tell()
        self.app.dirty = True
        return events

    def tell(self) -> None:
        """Say what the keeper has to say (a save that failed, or works again) once,
        over what this command opened."""
        keeper = getattr(self.app, "keeper", None)
        for notice in keeper.take() if keeper is not None else ():
            if notice.panel:
                self.open(MessagePanel(self, notice.title, notice.text), front=True)
            else:
                self.toast = notice.text
            self.relayout()

    def react(self, events: list[ev.Event]) -> None:
        """Turn the events a command gave into panels, sounds and words: each event type
        has its handler (``ON_EVENT``); then the panels opened are put in reading order."""
        self._fresh = []
        for event in events:
            for kind in type(event).__mro__:
                handler = ON_EVENT.get(kind)
                if handler is not None:
                    handler(self, event)
                    break
        self._place_fresh(events)
        if self.session.ended:
            # Nothing left to answer: a question's verdict was read before « Continuer »;
            # a room's puzzle stays only to show the verdict that ended the game.
            judged = {e.puzzle for e in events if isinstance(e, ev.AnswerJudged)}
            self.panels = [p for p in self.panels if not isinstance(p, PuzzlePanel)
                           or (p.closable and p.puzzle.id in judged)]
        if self.session.ended and not any(isinstance(p, (PuzzlePanel, MessagePanel)) for p in self.panels):
            self.finish()
        self.relayout()

    def _place_fresh(self, events: list[ev.Event]) -> None:
        """What one command opened is read in order: the first panel ends on top; and a
        puzzle's verdict is read before what its answer set off (a story message)."""
        fresh = list(reversed(self._fresh or []))
        top = self.panels[-1] if self.panels else None
        answered = isinstance(top, PuzzlePanel) and any(
            isinstance(e, ev.AnswerJudged) and e.puzzle == top.puzzle.id for e in events)
        if answered:
            self.panels[-1:-1] = fresh
        else:
            self.panels.extend(fresh)
        self._fresh = None

    # --- one handler per event type (registered in ON_EVENT, below the class) ----------

    def _room_entered(self, event: ev.RoomEntered) -> None:
        self.scroll = 0
        self.last_object = None

    def _document_opened(self, event: ev.DocumentOpened) -> None:
        self.open(DocumentPanel(self, event.document))

    def _puzzle_opened(self, event: ev.PuzzleOpened) -> None:
        self.open(PuzzlePanel(self, event.puzzle))

    def _question_shown(self, event: ev.QuestionShown) -> None:
        self.panels = [p for p in self.panels if not isinstance(p, PuzzlePanel)]
        self.open(PuzzlePanel(self, event.puzzle, closable=False))

    def _round_started(self, event: ev.RoundStarted) -> None:
        round_ = next(r for r in self.game.rounds if r.id == event.round)
        lines = [_("Manche {n} sur {total}").format(n=event.number, total=len(self.game.rounds))]
        if round_.intro:
            lines.append(round_.intro.get(self.locale))
        if event.time_limit_s:
            lines.append(_("Temps pour cette manche : {t}.").format(t=clock_text(event.time_limit_s)))
        self.open(MessagePanel(self, round_.title.get(self.locale), "\n\n".join(lines)))

    def _text_shown(self, event: ev.TextShown) -> None:
        self.open(MessagePanel(self, "", event.text.get(self.locale)))

    def _refused(self, event: ev.Refused) -> None:
        if event.reason == "cooldown" and any(isinstance(p, PuzzlePanel) and p.puzzle.id == event.target
                                              for p in self.panels):
            self.app.ui.play("wrong")  # the puzzle's panel says how long to wait (its layout)
        elif event.reason in ("locked", "cooldown", "not_usable", "no_more_hints"):
            said = event.describe(self.locale)
            said = said[:1].upper() + said[1:] + ("" if said[-1:] in ".!?…»" else ".")
            self.open(MessagePanel(self, "", said, icon="lock" if event.reason == "locked" else None))
            self.app.ui.play("wrong" if event.reason != "no_more_hints" else "hint")

    def _item_gained(self, event: ev.ItemGained) -> None:
        self.toast = _("Ajouté à l’inventaire : {item}").format(
            item=self.game.items[event.item].name.get(self.locale))

    def _answer_judged(self, event: ev.AnswerJudged) -> None:
        self.app.ui.play("right" if event.correct else "wrong")
        for panel in self.panels:
            if isinstance(panel, PuzzlePanel) and panel.puzzle.id == event.puzzle:
                panel.judged(event)
        self._refocus = True

    def _time_ran_out(self, event: ev.TimeRanOut) -> None:
        # What time running out does is the game's rule (the core ends it, with the
        # game's ending for that case, or lets it go on): say what happened.
        if self.session.ended:
            text = _("La partie est terminée : voyons ce que tu as trouvé.")
        else:
            text = _("Tu peux continuer à jouer : le temps dépassé est noté.")
        self.open(MessagePanel(self, _("Le temps est écoulé"), text))

    def finish(self) -> None:
        self.app.replace(results_scene(self.app, self.session))

    def _open_from_state(self) -> None:
        """Show what the game opens with, or after a resume what was on screen (a game
        that had ended: its end told again, ``_retell_end``)."""
        if self.session.started:
            started, self.session.started = self.session.started, []
            self.react(started)
            return
        state = self.session.state
        if self.session.ended:
            self._retell_end()
            return
        if self.game.genre != "escape" and state.current and not self.session.ended:
            self.panels.append(PuzzlePanel(self, state.current, closable=False))

    def _retell_end(self) -> None:
        """A game resumed after its end (killed, or left, before its results) tells its
        end again as at the end of play: the time-out's message, an escape game's front
        page (« La Une », story.py), then « Continuer » leads to the results. The events
        are the ones the core sent then, rebuilt from the state."""
        if not retells_end(self.session):
            return  # the intro opens the results straight away (``resumed_scene``)
        state, final = self.session.state, self.session.score()
        ending = self.game.endings.get(state.ending or "")
        events: list[ev.Event] = [ev.TimeRanOut()] if state.time_up else []
        events.append(ev.GameEnded(state.ending or "", ending.success if ending is not None else True,
                                   final.points, final.max_points))
        self.react(events)

    # --- panels -----------------------------------------------------------------------

    @property
    def locale(self) -> str:
        return self.app.prefs["language"]

    @property
    def panel(self) -> Panel | None:
        return self.panels[-1] if self.panels else None

    def open(self, panel: Panel, front: bool = False) -> None:
        """Show ``panel``: at once on top (``front``), or after what the current command
        opens before it."""
        if not self.app.prefs["reduced_motion"]:
            self.motion = 0.0
        if front or self._fresh is None:
            self.panels.append(panel)
        else:
            self._fresh.append(panel)

    def close(self, panel: Panel) -> None:
        if panel in self.panels:
            self.panels.remove(panel)
        if self.session.ended and not any(isinstance(p, (PuzzlePanel, MessagePanel)) for p in self.panels):
            self.finish()
            return
        self.relayout()

    # --- layout and drawing -----------------------------------------------------------

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        self.bar = pygame.Rect(0, 0, width, m.body * 2 + m.unit * 3)
        self.stage = pygame.Rect(m.unit * 3, self.bar.bottom + m.unit * 3, width - m.unit * 6,
                                 height - self.bar.bottom - m.unit * 6)
        bar = self._bar_widgets()
        self.viewport = None  # the room's column, or the puzzle panel's content, scrolls
        self.room_widgets = self._room_widgets() if self.game.genre == "escape" else []
        self.room_viewport = self.viewport
        if self.panel is not None:
            self.viewport = None  # a panel scrolls itself
            self.widgets = self.panel.layout() + bar
        else:
            self.widgets = bar + self.room_widgets

    def settle_focus(self) -> None:
        """The one place the keyboard focus moves by itself, after a layout: when a panel
        comes on top, to what it wants (an answer field, « Continuer », « Fermer »); after
        a verdict, to « Continuer » or back to the answer; when the room comes back, to
        the object just looked at. Otherwise it stays where the player put it."""
        top = self.panel
        if top is self._focus_for and not self._refocus and self.focus is not None:
            return
        self._focus_for, self._refocus = top, False
        if top is not None:
            wanted = top.wanted_focus()
        else:
            wanted = f"object:{self.last_object}" if self.last_object else None
        self.focus = self.widget(wanted)  # None: the first Tab decides

    def _bar_widgets(self) -> list[Widget]:
        m = self.app.ui.metrics
        pause = Button("pause", label=_("Pause"), icon="pause", action=act.Pause())
        # As wide as its word needs (the dyslexic font's wide letters cut it « Paus / e »).
        pause.rect = pygame.Rect(0, 0, max(m.body * 6, pause.needed_width(self.app.ui)), self.bar.height - m.unit * 2)
        pause.rect.midright = (self.bar.right - m.unit * 3, self.bar.centery)
        return [pause]

    def _room_widgets(self) -> list[Widget]:
        """The room's widgets: on its picture, its objects and doors as zones of it
        (room.py), or in a column that scrolls (no picture, the text too large for it,
        or the player's choice), then the buttons that switch between the two and the
        inventory beside."""
        state = self.session.state
        room = self.game.rooms[state.room] if state.room else None
        if room is None:
            return []
        self._frame_room()
        listed, exits = self.session.rules.visible(state)
        m = self.app.ui.metrics
        # The names are shown in tags on the picture: at 200 % text on a small window,
        # they would hide it; the text list is then the room.
        can_place = bool(room.background) and all(o.rect is not None for o in listed) and (
            m.body * 24 <= self.scene_area.width)
        tools = self._view_buttons(can_place)
        self.title_y: int | None = None  # the room's title where the head puts it, or scrolled with the column
        if can_place and not self.as_list:
            self._fit_title(room)
            widgets = self._scene_widgets(listed, exits)
        else:
            if tools:
                self._fit_title(room)
            widgets = self._place_room(room, listed, exits, title_scrolls=not tools) or []
        return widgets + tools + self._inventory_buttons()

    def _frame_room(self) -> None:
        """The room's frame, the area under its title, and the inventory beside it."""
        m = self.app.ui.metrics
        side = max(m.body * 12, self.stage.width // 4)
        self.room_rect = pygame.Rect(self.stage.x, self.stage.y, self.stage.width - side - m.unit * 3,
                                     self.stage.height)
        self.side = pygame.Rect(self.room_rect.right + m.unit * 3, self.stage.y, side, self.stage.height)
        scene_area = self.room_rect.inflate(-m.unit * 4, -m.unit * 4)
        head = max(m.title, m.body + m.unit * 4, room_view.MIN_TARGET) + m.unit * 2
        scene_area.y += head
        scene_area.height -= head
        self.scene_area = scene_area

    def _title_height(self, room) -> int:
        """The room's title wrapped to what it may use beside the view buttons."""
        ui = self.app.ui
        width = max(ui.metrics.body * 4, self.title_room)  # as _draw_room draws it
        return ui.text.height(room.title.get(self.locale), ui.metrics.title, width, bold=True)

    def _fit_title(self, room) -> None:
        """The room's title wraps onto as many lines as it needs: what is under it
        starts under its last line."""
        ui = self.app.ui
        more = self._title_height(room) - ui.text.height(room.title.get(self.locale), ui.metrics.title, None, bold=True)
        if more > 0:
            self.scene_area.height -= more
            self.scene_area.top += more

    def _view_buttons(self, can_place: bool) -> list[Widget]:
        """« Montrer les objets » (O) and « Liste » / « Image », right of the room's
        title."""
        ui = self.app.ui
        m = ui.metrics
        buttons: list[Button] = []
        if can_place and not self.as_list:
            buttons.append(Button("reveal", action=room_view.RevealObjects(), label=_("Montrer les objets"),
                                  icon="star", selected=self.reveal,
                                  speech=_("Montrer les objets (touche O)") + (" — " + _("activé") if self.reveal else "")))
        if can_place:
            buttons.append(Button("view", action=room_view.SwitchView(), icon="picture" if self.as_list else "doc",
                                  label=_("Image") if self.as_list else _("Liste")))
        x = self.room_rect.right - m.unit * 2
        height = max(room_view.MIN_TARGET, m.body + m.unit * 4)
        for button in reversed(buttons):
            width = button.needed_width(ui) + m.unit * 2
            button.rect = pygame.Rect(0, 0, width, max(height, button.needed_height(ui, width)))
            button.rect.topright = (x, self.room_rect.y + m.unit * 2)
            x = button.rect.left - m.unit * 2
        self.title_room = x - self.room_rect.x - m.unit * 2  # what the room's title may use
        return list(buttons)

    def _scene_widgets(self, listed, exits) -> list[Widget]:
        """The picture fills the room's frame (less a row for the exits that have no
        place on it); objects and doors are zones of it, in reading order."""
        ui, state = self.app.ui, self.session.state
        m = ui.metrics
        self.placed = True
        self.viewport = None
        area = pygame.Rect(self.scene_area)
        band = [e for e in exits if e.rect is None]
        exit_h = m.body + m.unit * 4 + m.small + m.unit
        rows = self._exit_rows(band, area.width, exit_h) if band else []
        band_h = sum(h for h, _row in rows) + m.unit * 2 * max(0, len(rows) - 1)
        if rows:
            area.height -= band_h + m.unit * 2
        folder = str(self.game.folder)
        background = self.game.rooms[state.room].background if state.room else None
        self.picture_area = room_view.picture_rect(
            area, pictures.natural_size(folder, background) if background else None)
        spots: list[room_view.Hotspot] = []
        for obj in listed:
            label = obj.label.get(self.locale)
            status, detail = room_view.object_state(self.session.rules, state, obj)
            spots.append(room_view.Hotspot(
                f"object:{obj.id}", room_view.zone(obj.rect, self.picture_area), cmd.Inspect(object=obj.id),
                speech=f"{label} — {detail}", label=label, detail=detail, state=status,
                sprite=obj.icon, folder=folder,
                revealed=self.reveal))
        for exit_ in exits:
            if exit_.rect is None:
                continue
            label = exit_.label.get(self.locale)
            locked = not self.session.rules.passable(state, exit_.id)
            used = exit_.to in state.visited
            unlocked = not locked and not used and (exit_.lock is not None or bool(exit_.requires))
            detail = _("vers : {room}").format(room=self.game.rooms[exit_.to].title.get(self.locale)) \
                if used else (_("verrouillée") if locked else (_("déverrouillée") if unlocked else _("une sortie")))
            spots.append(room_view.Hotspot(
                f"exit:{exit_.id}", room_view.zone(exit_.rect, self.picture_area), cmd.Go(exit=exit_.id),
                speech=f"{label} — {detail}", label=label, detail=detail, kind="exit",
                state="locked" if locked else ("open" if used else ("unlocked" if unlocked else "new")),
                revealed=self.reveal))
        room_view.separate(spots)
        widgets: list[Widget] = list(room_view.reading_order(spots))
        y = self.picture_area.bottom + m.unit * 2
        for row_h, row in rows:
            x = area.x  # rows were made to the area's width: from its left edge
            for button in row:
                button.rect.topleft = (x, y)
                x = button.rect.right + m.unit * 3
                widgets.append(button)
            y += row_h + m.unit * 2
        return widgets

    def _object_button(self, obj) -> Button:
        label = obj.label.get(self.locale)
        status, detail = room_view.object_state(self.session.rules, self.session.state, obj)  # as on the picture
        return Button(f"object:{obj.id}", action=cmd.Inspect(object=obj.id), label=label, detail=detail,
                      icon=room_view.LISTED[status], style="choice",
                      speech=f"{label} — {detail}", scrolls=True)

    def _place_room(self, room, listed, exits, placed: bool = False, title_scrolls: bool = False) -> list[Widget]:
        """The room as a column that scrolls (no picture, text too large for it, or the
        player's choice): description, then the objects, then the exits; first the
        room's title when no button stands beside it (``title_scrolls``: however many
        lines it takes, it leaves the column its height)."""
        ui = self.app.ui
        m = ui.metrics
        if title_scrolls:
            head = self.scene_area.top - (self.room_rect.y + m.unit * 2)
            self.scene_area = pygame.Rect(self.scene_area.x, self.scene_area.top - head, self.scene_area.width,
                                          self.scene_area.height + head)
        scene_area = self.scene_area
        button_h = m.body + m.unit * 4
        exit_h = button_h + m.small + m.unit
        self.placed = False
        self.viewport = scene_area.inflate(m.unit, 0)
        top = scene_area.y - self.scroll
        if title_scrolls:
            self.title_y = top
            top += max(head, self._title_height(room) + m.unit * 2)
        # A short description is read first; a long one (large text) goes after the
        # objects and exits, so that what can be done is always in view.
        description_h = ui.text.height(room.description.get(self.locale), m.body, scene_area.width) \
            if room.description else 0
        description_first = description_h <= scene_area.height // 3
        self.description_y = top
        if description_first and description_h:
            top += description_h + m.unit * 3
        columns = max(1, min(3, scene_area.width // (m.body * 13)))
        card_w = (scene_area.width - m.unit * 3 * (columns - 1)) // columns
        exit_rows = self._exit_rows(exits, scene_area.width, exit_h)
        buttons = [self._object_button(obj) for obj in listed]
        widgets: list[Widget] = list(buttons)
        card_h = max([button_h + m.small + m.unit] + [w.needed_height(ui, card_w) for w in buttons])
        rows = -(-len(buttons) // columns)
        for widget, slot in zip(buttons, answers_grid(pygame.Rect(scene_area.x, top, scene_area.width, 0),
                                                      len(buttons), columns, card_h, m.unit * 3)):
            widget.rect = slot
        flow = top + rows * (card_h + m.unit * 3)
        exit_y = max(flow, scene_area.bottom - exit_h - self.scroll)
        for row_h, row in exit_rows:
            x = scene_area.x
            for button in row:
                button.scrolls = True
                button.rect.topleft = (x, exit_y)
                x = button.rect.right + m.unit * 3
                widgets.append(button)
            exit_y += row_h + m.unit * 2
        self.content_bottom = max([w.rect.bottom for w in widgets if w.scrolls], default=scene_area.top)
        if description_h and not description_first:
            self.description_y = self.content_bottom + m.unit * 3
            self.content_bottom = self.description_y + description_h
        return widgets

    def _inventory_buttons(self) -> list[Widget]:
        ui = self.app.ui
        m = ui.metrics
        button_h = m.body + m.unit * 4
        widgets: list[Widget] = []
        y = self.side.y + m.body + m.unit * 3
        hint = self._using_hint()
        if hint is not None:  # under the heading, above the items: never under a button
            y += hint.get_height() + m.unit * 2
        for item_id in self.session.state.inventory:
            item = self.game.items[item_id]
            width = self.side.width - m.unit * 4
            # its picture beside its name, unless the text is so large that the name would
            # need many lines for it (200 %): the name alone then
            button = room_view.PictureButton(
                f"item:{item_id}", action=act.OpenItem(item_id), label=item.name.get(self.locale), style="choice",
                selected=self.using == item_id, picture=room_view.item_picture(self.game, item),
                folder=str(self.game.folder)) if width >= m.body * 14 else Button(
                f"item:{item_id}", action=act.OpenItem(item_id), label=item.name.get(self.locale), style="choice",
                selected=self.using == item_id)
            button.rect = pygame.Rect(self.side.x + m.unit * 2, y, width, max(button_h, button.needed_height(ui, width)))
            y = button.rect.bottom + m.unit * 2
            widgets.append(button)
        return widgets

    def _using_hint(self) -> pygame.Surface | None:
        """While an item is being used: what to do now, in the inventory's column."""
        if not self.using:
            return None
        ui = self.app.ui
        m = ui.metrics
        # The item is the one ticked below: its name is not said again (at 200 % text
        # it took five lines of the column).
        return ui.text.render(_("Choisis sur quoi l’utiliser. Échap pour annuler."),
                              m.small, ui.palette.warm, self.side.width - m.unit * 4, bold=True)

    def _exit_rows(self, exits, width: int, exit_h: int) -> list[tuple[int, list[Button]]]:
        """The exit buttons, sized, in rows that fit ``width``: (row height, buttons)."""
        ui, state = self.app.ui, self.session.state
        m = ui.metrics
        rows: list[tuple[int, list[Button]]] = []
        used = width + 1
        for exit_ in exits:
            label = exit_.label.get(self.locale)
            locked = not self.session.rules.passable(state, exit_.id)
            target = self.game.rooms[exit_.to].title.get(self.locale)
            detail = _("vers : {room}").format(room=target) if exit_.to in state.visited else (
                _("verrouillée") if locked else "")
            button = Button(f"exit:{exit_.id}", action=cmd.Go(exit=exit_.id), label=label,
                            icon="lock" if locked else "door", style="primary", detail=detail)
            text_w = max(ui.text.render(label, m.body, (0, 0, 0), bold=True).get_width(),
                         ui.text.render(detail, m.small, (0, 0, 0)).get_width())
            button_w = min(width, text_w + m.unit * 8 + m.body)
            button.rect = pygame.Rect(0, 0, button_w, max(exit_h, button.needed_height(ui, button_w)))
            if used + button_w > width:
                rows.append((0, []))
                used = 0
            row_h, row = rows[-1]
            row.append(button)
            rows[-1] = (max(row_h, button.rect.height), row)
            used += button_w + m.unit * 3
        return rows

    def _spread(self, widgets: list[Widget], area: pygame.Rect) -> bool:
        """Move overlapping object buttons apart (authors place them approximately);
        False when some still overlap or do not fit in ``area``."""
        m = self.app.ui.metrics
        for _round in range(8):
            moved = False
            for i, a in enumerate(widgets):
                for b in widgets[i + 1:]:
                    if a.rect.inflate(m.unit * 2, m.unit * 2).colliderect(b.rect):
                        b.rect.y = a.rect.bottom + m.unit * 2
                        b.rect.clamp_ip(area)
                        if b.rect.colliderect(a.rect):
                            b.rect.bottom = a.rect.top - m.unit * 2
                            b.rect.clamp_ip(area)
                        moved = True
            if not moved:
                break
        return all(area.contains(w.rect) for w in widgets) and not any(
            a.rect.colliderect(b.rect) for i, a in enumerate(widgets) for b in widgets[i + 1:])

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        surface.fill(p.background)
        self._draw_bar(surface)
        if self.game.genre == "escape" and self.session.state.room:
            self._draw_room(surface)
        if self.panel is not None:
            base = [w for w in self.widgets if w.id == "pause"]
            if self.game.genre == "escape":
                self._draw_room_widgets(surface)
            # The panel's backdrop dims the room, not the bar with the clock and the score.
            alpha = 20 + round(5 * self.motion) * 20  # stepped, so the layers can be cached
            surface.blit(gfx.veil(surface.get_width(), surface.get_height() - self.bar.height, p.shade, alpha),
                         (0, self.bar.bottom))
            self.panel.draw(surface)
            self.draw_widgets(surface, [w for w in self.widgets if w not in base])
            self.draw_widgets(surface, base)
        else:
            self.draw_widgets(surface)
            if self.placed and self.game.genre == "escape" and self.session.state.room:
                room_view.draw_tags(self, surface, self.picture_area)
        if self.toast and self.panel is None:
            # Next to the inventory in a room (what it is about), else at the foot.
            side = getattr(self, "side", None) if self.game.genre == "escape" else None
            width = side.width - m.unit * 4 if side is not None else self.stage.width // 2
            text = ui.text.render(self.toast, m.small, p.accent_text, width)
            box = text.get_rect().inflate(m.unit * 4, m.unit * 2)
            if side is not None:
                box.midbottom = (side.centerx, side.bottom - m.unit * 2)
            else:
                box.midbottom = (surface.get_width() // 2, surface.get_height() - m.unit * 3)
            gfx.box(surface, box, p.accent, m.radius)
            self.drawn_over(box)
            surface.blit(text, text.get_rect(center=box.center))

    def draw_live(self, surface: pygame.Surface) -> list[pygame.Rect]:
        """The top bar, the only part that changes with time alone (the clock): drawn
        once per change of what it shows, then blitted."""
        pause = self.widget("pause")
        state = self.session.state
        left = self.session.rules.time_left(state.evolve(t=self.t))
        key = (self.bar.size, None if left is None else int(left + 0.999), self.scored(),
               state.position, state.room, self._composed is not None and id(self._composed),
               pause is not None and (self.focus_visible and pause is self.focus, pause is self.hover))
        changed = getattr(self, "_bar_key", None) != key
        self._bar_key = key  # kept even when equal: the next frame compares by identity
        if changed:
            bar = pygame.Surface(self.bar.size)
            self._draw_bar(bar)
            if pause is not None:
                self.draw_widgets(bar, [pause])
            self._bar_surface = bar
        surface.blit(self._bar_surface, self.bar)
        live = [self.bar]
        if isinstance(self.panel, PuzzlePanel):
            live += self.panel.draw_live(surface, self._composed)  # a lock moving
        elif self.panel is None and self.placed and self.game.genre == "escape" and self.session.state.room:
            live += room_view.draw_pointed_tag(self, surface, self.picture_area)  # the zone pointed at names itself
            live += room_view.draw_miss(self, surface)  # « Rien de spécial ici. » after a click on nothing
        return live

    def scored(self) -> Score:
        """The session's score, counted again only when what it depends on (core.scoring:
        the puzzles' progress, the questions drawn, the teams) may have changed: a command
        that changed none of them, a clock tick or a pointer move keeps these objects."""
        state = self.session.state
        key = (state.progress, state.queue, state.teams)
        cached = getattr(self, "_scored", None)
        if cached is None or cached[0] != key:
            cached = (key, self.session.score())
        else:  # equal: the new objects are kept, so that the next frame compares by identity
            cached = (key, cached[1])
        self._scored = cached
        return cached[1]

    def _draw_room_widgets(self, surface: pygame.Surface) -> None:
        """The room under an open panel: drawn as it was laid out, not usable."""
        viewport, self.viewport = self.viewport, self.room_viewport  # clips the room's column
        self.draw_widgets(surface, self.room_widgets)
        self.viewport = viewport

    def _draw_bar(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        pygame.draw.rect(surface, p.accent, self.bar)
        state = self.session.state
        if self.game.genre == "escape" and state.room:
            title = self.game.rooms[state.room].title.get(self.locale)
        elif state.current:
            title = _("Question {n} sur {total}").format(n=state.position + 1, total=len(state.queue))
            if len(state.teams) > 1:
                title += " · " + handover.turn_title(state.team)
        else:
            title = self.game.title.get(self.locale)
        pause = self.widget("pause")
        x = (pause.rect.left if pause is not None else self.bar.right) - m.unit * 3

        def fitted(text: str, size: int, room: int, bold: bool = False) -> pygame.Surface:
            while ui.text.render(text, size, p.accent_text, bold=bold).get_width() > room and len(text) > 4:
                text = text[:-2].rstrip() + "…"  # drops the previous « … » and one more letter
            return ui.text.render(text, size, p.accent_text, bold=bold)

        # From the right: the clock, the score, then the title in what is left, so that
        # none is drawn over another (at 200 % text on a small window too).
        left = self.session.rules.time_left(state.evolve(t=self.t))
        if left is not None:
            label = clock_text(left) if left > 0 else _("temps écoulé")
            clock = ui.text.render(label, round(m.body * 1.2), p.accent_text, bold=True)
            x -= clock.get_width() + m.body + m.unit
            gfx.icon(surface, "clock", (x + m.body // 2, self.bar.centery), m.body, p.accent_text)
            surface.blit(clock, (x + m.body + m.unit, self.bar.centery - clock.get_height() // 2))
            x -= m.unit * 3
        several = len(state.teams) > 1  # every team's points: more of the bar than one score
        room = max(m.body * 4, (x - m.unit * 3) * (3 if several else 2) // 5)
        text = fitted(self.score_label(room), m.small, room)
        x -= text.get_width()
        surface.blit(text, (x, self.bar.centery - text.get_height() // 2))
        self.score_at = (x + text.get_width() // 2, self.bar.centery + text.get_height() // 2)  # a cost falls from here
        text = fitted(title, m.body, x - m.unit * 6, bold=True)
        surface.blit(text, (m.unit * 3, self.bar.centery - text.get_height() // 2))

    def score_label(self, room: int) -> str:
        """The top bar's score in ``room`` pixels: the points out of the maximum, or in
        a team game each team's points, long names shortened each (« Les Explora… :
        3 pts ») so that every team's points stay in the bar, not only the first's."""
        ui = self.app.ui
        score = self.scored()
        if len(self.session.state.teams) < 2:
            return _("Score : {points} / {max}").format(points=score.points, max=score.max_points)
        names = [handover.team_name(team) for team in score.by_team]
        cut = max(len(name) for name in names)
        while True:
            shown = [name if len(name) <= cut else name[:cut].rstrip() + "…" for name in names]
            label = " · ".join(_("{team} : {n} pts").format(team=name, n=points)
                               for name, points in zip(shown, score.by_team.values()))
            if cut <= 3 or ui.text.render(label, ui.metrics.small, ui.palette.accent_text).get_width() <= room:
                return label
            cut -= 2

    def _draw_room(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        assert self.session.state.room is not None  # drawn only in a room
        room = self.game.rooms[self.session.state.room]
        gfx.box(surface, self.room_rect, p.surface, m.radius, p.border, 2)
        if room.background and self.placed:
            area = self.picture_area
            picture = pictures.picture(ui, self.game.folder, room.background, area.width, area.height)
            surface.blit(picture, picture.get_rect(center=area.center))
        title_w = max(m.body * 4, getattr(self, "title_room", self.room_rect.width - m.unit * 4))
        title = ui.text.render(room.title.get(self.locale), m.title, p.text, title_w, bold=True)
        if getattr(self, "title_y", None) is not None and self.room_viewport is not None:  # scrolled with the column
            clip = surface.get_clip()
            surface.set_clip(self.room_viewport)
            surface.blit(title, (self.room_rect.x + m.unit * 2, self.title_y))
            surface.set_clip(clip)
        else:
            surface.blit(title, (self.room_rect.x + m.unit * 2, self.room_rect.y + m.unit * 2))
        if room.description and not self.placed and self.room_viewport is not None:
            text = ui.text.render(room.description.get(self.locale), m.body, p.muted, self.scene_area.width)
            clip = surface.get_clip()
            surface.set_clip(self.room_viewport)
            surface.blit(text, (self.scene_area.x, self.description_y))
            surface.set_clip(clip)
        gfx.box(surface, self.side, p.surface, m.radius, p.border, 2)
        heading = ui.text.render(_("Inventaire"), m.body, p.text, bold=True)
        surface.blit(heading, (self.side.x + m.unit * 2, self.side.y + m.unit * 2))
        if not self.session.state.inventory:
            empty = ui.text.render(_("Rien pour l’instant."), m.small, p.muted, self.side.width - m.unit * 4)
            surface.blit(empty, (self.side.x + m.unit * 2, self.side.y + m.body + m.unit * 4))
        hint = self._using_hint()
        if hint is not None:
            surface.blit(hint, (self.side.x + m.unit * 2, self.side.y + m.body + m.unit * 3))

    # --- input ------------------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.FINGERDOWN, pygame.KEYDOWN):
            self.toast = ""
            self.motion = 1.0  # any input ends an animation
            room_view.miss_input(self, event)
        if event.type == pygame.MOUSEWHEEL and self.panel is not None:
            self.panel.wheel(event.y)
            return
        from .facilitator import is_shortcut, open_panel

        if is_shortcut(event):
            open_panel(self)
            return
        super().handle(event)

    def on_click(self, pos: tuple[int, int]) -> bool:
        return room_view.missed(self, pos)  # a click on the picture that hit no zone

    def on_key(self, event: pygame.event.Event) -> bool:
        if self.panel is None and event.key == pygame.K_o and self.placed and not event.mod & pygame.KMOD_CTRL:
            self.toggle_objects()
            return True
        used = self.panel.on_key(event) if self.panel is not None else False
        if isinstance(used, cmd.Command):
            self.apply(used)
        return bool(used)

    # A panel over the room scrolls its own content.
    def scroll_by(self, amount: int) -> None:
        if self.panel is not None:
            self.panel.scroll_by(amount)
        else:
            super().scroll_by(amount)

    def max_scroll(self) -> int:
        return self.panel.max_scroll() if self.panel is not None else super().max_scroll()

    def draw_scrollbar(self, surface: pygame.Surface) -> None:
        if self.panel is None:  # a panel draws its own
            super().draw_scrollbar(surface)

    def on_text_changed(self, widget) -> None:
        if self.panel is not None:
            self.panel.changed()

    def on_submit_text(self, widget) -> None:
        if isinstance(self.panel, PuzzlePanel):
            answer = self.panel.submit()
            if answer is not None:
                self.apply(answer)

    def toggle_objects(self) -> None:
        """« Montrer les objets » (the button, or the O key): every zone named, or none."""
        self.reveal = not self.reveal
        self.app.speak(_("Objets montrés") if self.reveal else _("Objets cachés"))
        self.relayout()

    def on_action(self, action: Any, widget: Widget) -> None:
        """A widget was activated: the panel on top (or the room) says what it means, and
        gives back the core's command to carry out, if any."""
        if isinstance(action, act.Pause):
            if not isinstance(self.panel, PausePanel):
                self.open(PausePanel(self), front=True)
                self.relayout()
            return
        if isinstance(action, room_view.RevealObjects):
            self.toggle_objects()
            return
        if isinstance(action, room_view.SwitchView):
            self.as_list = not self.as_list
            self.scroll = 0
            self.relayout()
            return
        command = self.panel.on_action(action, widget) if self.panel is not None else self._room_action(action)
        if command is not None:
            self.apply(command)

    def _room_action(self, action: Any) -> cmd.Command | None:
        match action:
            case cmd.Inspect(object=target):
                self.last_object = target
                if self.using:  # the object the item chosen is used on
                    item, self.using = self.using, None
                    return cmd.Use(item=item, target=target)
                return action
            case cmd.Go():
                self.using = None
                return action
            case act.OpenItem(item):
                self.open(ItemPanel(self, item), front=True)
                self.relayout()
        return None

    def on_escape(self) -> None:
        if self.panel is not None:
            self.panel.on_escape()
        elif self.using:
            self.using = None
            self.relayout()
        else:
            self.open(PausePanel(self), front=True)
            self.relayout()

    def update(self, dt: float) -> bool:
        animating = room_view.miss_update(self, dt)
        if self.motion < 1.0:
            self.motion = min(1.0, self.motion + dt / 0.18) if dt else self.motion
            self.invalidate()
            animating = animating or self.motion < 1.0
        if isinstance(self.panel, PuzzlePanel) and self.panel.update(dt):
            animating = True  # a lock shaking or opening
        handover.show_handover(self)
        if self.paused or self.session.ended or isinstance(self.panel, PausePanel) or not handover.clock_runs(self):
            return animating
        before = int(self.t)
        self.t += dt
        if isinstance(self.panel, PuzzlePanel):
            self.panel.tick()  # a lock's wait counted down, « Valider » back at its end
        if int(self.t) != before:  # the countdown shown changes once a second
            self.session.keep_time(self.t)  # saved every few seconds: a crash loses little
            left = self.session.rules.time_left(self.session.state.evolve(t=self.t))
            if left is not None:
                self.app.dirty = True
                if left <= 0 and not self.session.state.time_up:  # the rules decide what follows
                    self.do(cmd.Tick(self.t))
        return animating


def retells_end(session: Session) -> bool:
    """Whether a game that has ended has a page to show before its results: the
    time-out's message, or an escape game's ending (its front page)."""
    state = session.state
    return session.ended and (state.time_up or (session.game.genre == "escape"
                                                and (state.ending or "") in session.game.endings))


def results_scene(app, session: Session) -> Scene:
    """Where an ended game goes on: a team challenge to its podium, others to the debrief."""
    from .debrief import DebriefScene
    from .podium import PodiumScene

    several = len(session.state.teams) > 1
    return PodiumScene(app, session) if several else DebriefScene(app, session)


def resumed_scene(app, session: Session) -> Scene:
    """The scene a resumed save opens on: the game where it was; a game that had ended
    tells its end again (``PlayScene._retell_end``) or, with nothing to tell, goes to
    its results, as at the end of play."""
    if session.ended and not retells_end(session):
        return results_scene(app, session)
    return PlayScene(app, session)


def _sound(name: str) -> Callable[[PlayScene, ev.Event], None]:
    return lambda scene, event: scene.app.ui.play(name)


# What the scene does with each event the core sends back (a subclass uses its parent's).
ON_EVENT: dict[type[ev.Event], Callable[[PlayScene, Any], None]] = {
    ev.RoomEntered: PlayScene._room_entered,
    ev.DocumentOpened: PlayScene._document_opened,
    ev.PuzzleOpened: PlayScene._puzzle_opened,
    ev.QuestionShown: PlayScene._question_shown,
    ev.RoundStarted: PlayScene._round_started,
    ev.TextShown: PlayScene._text_shown,
    ev.Refused: PlayScene._refused,
    ev.ItemGained: PlayScene._item_gained,
    ev.Unlocked: _sound("unlock"),
    ev.HintGiven: _sound("hint"),
    ev.AnswerJudged: PlayScene._answer_judged,
    ev.TimeRanOut: PlayScene._time_ran_out,
    ev.GameEnded: _sound("end"),
    ev.TurnPassed: handover.on_turn_passed,
    ev.PuzzleSolved: handover.on_puzzle_solved,
}
feedback.register(ON_EVENT)  # celebrations, fades between rooms, sounds (player/feedback.py)
