"""Facilitator mode: what a librarian running a session needs, behind a key
combination (Ctrl + Maj + A) so that pupils do not wander into it.

Pause or restart the clock, give more time, give the next hint, skip the puzzle a group
is stuck on, show a countdown readable from across the room, reveal the debrief, and
start again for the next group. Every change goes through the core's commands, so it
is saved and recorded like any other action.
"""

from __future__ import annotations

import pygame

from ...core import commands as cmd
from ...i18n import _
from .. import actions as act
from ..scene import Scene
from .panels import Panel, PuzzlePanel

KEY = pygame.K_a
ADDED_TIME_S = 300


def is_shortcut(event: pygame.event.Event) -> bool:
    return (event.type == pygame.KEYDOWN and event.key == KEY and bool(event.mod & pygame.KMOD_CTRL)
            and bool(event.mod & pygame.KMOD_SHIFT))


def clock_label(scene) -> str:
    from .play import clock_text

    left = scene.session.rules.time_left(scene.session.state.evolve(t=scene.t))
    if left is None:
        return _("pas de compte à rebours")
    return clock_text(left) if left > 0 else _("temps écoulé")


class FacilitatorPanel(Panel):
    def target(self) -> str | None:
        """The puzzle the group faces: the open panel's, the current question, or the
        last puzzle revealed and not solved."""
        scene = self.scene
        for panel in reversed(scene.panels):
            if isinstance(panel, PuzzlePanel) and not panel.resolved:
                return panel.puzzle.id
        state = scene.session.state
        if state.current and state.puzzle(state.current).status == "open":
            return state.current
        pending = [p for p in state.revealed if state.puzzle(p).status == "open"]
        return pending[-1] if pending else None

    def layout(self):
        m = self.ui.metrics
        self.rect = self.frame()
        target = self.target()
        clock = _("Reprendre le chrono") if self.scene.paused else _("Mettre le chrono en pause")
        buttons = [
            self.button("clock", clock, act.ToggleClock(), icon="play" if self.scene.paused else "pause"),
            self.button("add-time", _("Ajouter 5 minutes"), act.GiveTime(), icon="clock"),
            self.button("projector", _("Afficher le chrono en grand"), act.ShowProjector(), icon="clock"),
            self.button("give-hint", _("Donner l’indice suivant"), act.GiveHint(), icon="hint",
                        enabled=target is not None),
            self.button("skip-puzzle", _("Passer cette énigme"), act.SkipPuzzle(), enabled=target is not None),
            self.button("reveal", _("Terminer et montrer le débriefing"), act.EndGame(), icon="star"),
            self.button("reset", _("Nouvelle partie pour le groupe suivant"), act.ResetGame(), icon="back"),
        ]
        y = self.rect.y + m.title + m.huge + m.body * 2 + m.unit * 10
        y = self.row(buttons, y) + m.unit * 3
        close = self.button("close", _("Fermer"), act.Close(), icon="cross", style="primary")
        close.rect.bottomright = (self.rect.right - m.unit * 4, self.rect.bottom - m.unit * 3)
        return buttons + [close]

    def wanted_focus(self):
        return "clock"

    def draw(self, surface):
        super().draw(surface)
        ui, m, p = self.ui, self.ui.metrics, self.ui.palette
        x, y = self.rect.x + m.unit * 4, self.rect.y + m.unit * 3
        surface.blit(ui.text.render(_("Animation de la séance"), m.title, p.text, bold=True), (x, y))
        y += m.title + m.unit * 3
        clock = ui.text.render(clock_label(self.scene), m.huge, p.accent, bold=True)
        surface.blit(clock, (x, y))
        score = self.scene.session.score()
        target = self.target()
        lines = [_("Score : {points} / {max} · indices donnés : {hints}").format(
            points=score.points, max=score.max_points, hints=score.hints)]
        if target:
            lines.append(_("Énigme en cours : {p}").format(p=self.scene.game.puzzles[target].label(self.locale)))
        if self.scene.paused:
            lines.append(_("Le chrono est en pause."))
        detail = ui.text.render("\n".join(lines), m.body, p.text, self.rect.width - m.unit * 8 - clock.get_width())
        surface.blit(detail, (x + clock.get_width() + m.unit * 6, y))

    def on_action(self, action, widget):
        """The facilitator's gestures: the clock and the screens are the player's; the
        rest are the core's commands, returned for the scene to apply."""
        scene = self.scene
        target = self.target()
        match action:
            case act.ToggleClock():
                scene.paused = not scene.paused
                scene.relayout()
            case act.GiveTime():
                return cmd.AddTime(seconds=ADDED_TIME_S)
            case act.ShowProjector():
                scene.app.push(ProjectorScene(scene.app, scene))
            case act.GiveHint() if target:
                return cmd.Hint(puzzle=target)
            case act.SkipPuzzle() if target:
                return cmd.Skip(puzzle=target, forced=True)
            case act.EndGame():
                scene.close(self)
                scene.panels = []  # nothing stands before the debrief
                return cmd.Stop()
            case act.ResetGame():
                self.reset()
            case _:
                return super().on_action(action, widget)
        return None

    def reset(self) -> None:
        """A new game for the next group: this one's save goes, the game's intro comes."""
        from .intro import IntroScene

        scene = self.scene
        if scene.session.save_path is not None:
            try:
                scene.session.save_path.unlink(missing_ok=True)
            except OSError:
                pass
        scene.app.replace(IntroScene(scene.app, str(scene.game.folder)))


class ProjectorScene(Scene):
    """The countdown in huge figures, for a screen or a projector across the room.
    Any key or click goes back."""

    def __init__(self, app, play) -> None:
        super().__init__(app)
        self.play = play

    def layout(self) -> None:
        self.widgets = []

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        surface.fill(ui.palette.shade if ui.prefs["contrast"] != "high" else (0, 0, 0))

    def draw_live(self, surface: pygame.Surface) -> None:  # the whole screen, every time
        ui = self.app.ui
        width, height = surface.get_size()
        surface.fill(ui.palette.shade if ui.prefs["contrast"] != "high" else (0, 0, 0))
        title = self.play.game.title.get(self.play.locale)
        heading = ui.text.render(title, ui.metrics.title, (255, 255, 255), width - ui.metrics.unit * 8, align="center")
        surface.blit(heading, heading.get_rect(midtop=(width // 2, ui.metrics.unit * 6)))
        size = max(ui.metrics.huge, height // 3)
        clock = ui.text.render(clock_label(self.play), size, (255, 255, 255), bold=True)
        surface.blit(clock, clock.get_rect(center=(width // 2, height // 2)))
        hint = ui.text.render(_("Appuie sur une touche pour revenir."), ui.metrics.small, (200, 200, 200))
        surface.blit(hint, hint.get_rect(midbottom=(width // 2, height - ui.metrics.unit * 4)))

    def update(self, dt: float) -> bool:
        # The game's clock keeps running underneath (the app updates every scene);
        # redraw when the second shown changes.
        second = int(self.play.t)
        if second != getattr(self, "_second", None):
            self._second = second
            self.app.dirty = True
        return False

    def handle(self, event: pygame.event.Event) -> None:
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.FINGERDOWN):
            self.app.pop()


def open_panel(scene) -> None:
    if not any(isinstance(p, FacilitatorPanel) for p in scene.panels):
        scene.open(FacilitatorPanel(scene), front=True)
        scene.relayout()

