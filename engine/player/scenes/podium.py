"""The end of a team challenge: the podium (equal points share a place), then the
debrief, or a rematch with the same teams."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...core.teams import podium
from ...i18n import _, ngettext
from .. import actions as act
from ..scene import Scene
from ..widgets import Button
from .common import header


@dataclass(frozen=True)
class ShowDebrief(act.Action):
    """On to what was learnt (the debrief)."""


@dataclass(frozen=True)
class Rematch(act.Action):
    """The same game again, with the same teams."""


def ordinal(place: int) -> str:
    """A place written as an ordinal: « 1er », « 2e », « 3e »… (French abbreviates the
    first alone with « er »; a catalogue may translate each form, « 1st », « 2nd »)."""
    if place == 1:
        return _("{n}er").format(n=place)
    return _("{n}e").format(n=place)


def podium_places(by_team: dict[str, int]) -> list[tuple[int, str]]:
    """Each team's place and its line, « 1er : Les Lynx, 80 points », places shared by
    equal scores (« 1er ex aequo »), best first."""
    ranked = podium(by_team)
    places = [place for place, _team, _points in ranked]
    lines = []
    for place, team, points in ranked:
        rank = ordinal(place)
        if places.count(place) > 1:
            rank = _("{rank} ex aequo").format(rank=rank)
        lines.append((place, _("{rank} : {team}, {points}").format(
            rank=rank, team=team, points=ngettext("{n} point", "{n} points", points).format(n=points))))
    return lines


def podium_lines(by_team: dict[str, int]) -> list[str]:
    return [line for _place, line in podium_places(by_team)]


def verdict(by_team: dict[str, int]) -> str:
    ranked = podium(by_team)
    winners = [team for place, team, _points in ranked if place == 1]
    if len(winners) == len(ranked):
        return _("Égalité parfaite : toutes les équipes ont autant de points !")
    if len(winners) > 1:
        return _("Égalité en tête : {teams} !").format(teams=", ".join(winners))
    return _("Bravo à l’équipe « {team} » !").format(team=winners[0])


class PodiumScene(Scene):
    def __init__(self, app, session) -> None:
        from .debrief import DebriefScene

        super().__init__(app)
        self.session = session
        self.by_team = dict(session.score().by_team)
        # Made now: the debrief keeps the result file and clears the save at once, so
        # that a rematch loses nothing.
        self.debrief = DebriefScene(app, session)

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        button_h = m.body + m.unit * 4
        bottom = height - m.unit * 4
        # Enter sees the debrief (the focus is there): said on the button, on a key cap.
        debrief = Button("debrief", label=_("Voir le bilan"), icon="check", style="primary", action=ShowDebrief(),
                         key=_("Entrée"))
        rematch = Button("rematch", label=_("Revanche"), icon="play", action=Rematch())
        for button, right in ((debrief, width - m.unit * 4), (rematch, None)):
            button.rect = pygame.Rect(0, 0, button.needed_width(self.app.ui) + m.unit * 4, button_h)
            button.rect.bottomright = (right if right is not None else debrief.rect.left - m.unit * 4, bottom)
        self.widgets = [rematch, debrief]
        self.focus = self.focus or debrief

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        surface.fill(p.background)
        top = header(surface, ui, _("Le podium"), self.session.game.title.get(ui.prefs["language"]))
        width = surface.get_width()
        column = min(width - m.unit * 8, m.body * 40)
        y = top + m.unit * 4
        said = ui.text.render(verdict(self.by_team), round(m.title * 1.2), p.accent, column, bold=True)
        surface.blit(said, (m.unit * 4, y))
        y += said.get_height() + m.unit * 4
        below = min((w.rect.top for w in self.widgets), default=surface.get_height()) - m.unit * 4
        if not self._steps(surface, y, below):  # no room for steps, or four teams or more: in words
            for place, line in podium_places(self.by_team):
                first = place == 1
                rendered = ui.text.render(line, m.title if first else m.body, p.text, column, bold=first)
                surface.blit(rendered, (m.unit * 4, y))
                y += rendered.get_height() + m.unit * 2
        self.draw_widgets(surface)

    def _steps(self, surface: pygame.Surface, top: int, bottom: int) -> bool:
        """The first three places drawn as a podium's steps (second, first, third, in the
        teams' colours, equal points at equal heights), when there is room for them:
        False when they are not drawn (no room at large text, or more than three teams)."""
        from .handover import INK, team_colour

        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        ranked = podium(self.by_team)
        name_h = m.title + m.body + m.unit * 3  # a team's name and points above its step
        tallest = bottom - top - name_h
        if not 2 <= len(ranked) <= 3 or tallest < m.huge * 3:
            return False
        order = [1, 0, 2] if len(ranked) == 3 else [0, 1]  # the first in the middle, as on a podium
        step_w = min((surface.get_width() - m.unit * 12) // 3, m.body * 14)
        left = (surface.get_width() - step_w * len(order)) // 2
        teams = tuple(self.session.state.teams)
        for slot, index in enumerate(order):
            place, team, points = ranked[index]
            height = round(tallest * {1: 1.0, 2: 0.7}.get(place, 0.5))
            rect = pygame.Rect(left + slot * step_w, bottom - height, step_w - m.unit * 2, height)
            colour = team_colour(team, teams) or p.surface_alt
            pygame.draw.rect(surface, colour, rect, border_top_left_radius=m.radius,
                             border_top_right_radius=m.radius)
            pygame.draw.rect(surface, p.border, rect, 2, border_top_left_radius=m.radius,
                             border_top_right_radius=m.radius)
            rank = ui.text.render(ordinal(place), m.huge, INK, rect.width, bold=True)
            surface.blit(rank, rank.get_rect(midtop=(rect.centerx, rect.y + m.unit * 2)))
            name = ui.text.render(team, m.title if place == 1 else m.body, p.text, rect.width, bold=place == 1)
            score = ui.text.render(ngettext("{n} point", "{n} points", points).format(n=points), m.body, p.muted)
            surface.blit(score, score.get_rect(midbottom=(rect.centerx, rect.y - m.unit)))
            surface.blit(name, name.get_rect(midbottom=(rect.centerx, rect.y - m.unit - score.get_height())))
        return True

    def on_action(self, action, widget) -> None:
        from .intro import IntroScene

        match action:
            case ShowDebrief():
                self.app.replace(self.debrief)
            case Rematch():
                self.session.release()
                intro = IntroScene(self.app, str(self.session.game.folder))
                intro.prefill_teams(self.session.state.teams)
                self.app.replace(intro)

    def on_escape(self) -> None:
        self.on_action(ShowDebrief(), None)
