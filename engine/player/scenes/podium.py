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
        for place, line in podium_places(self.by_team):
            first = place == 1
            rendered = ui.text.render(line, m.title if first else m.body, p.text, column, bold=first)
            surface.blit(rendered, (m.unit * 4, y))
            y += rendered.get_height() + m.unit * 2
        self.draw_widgets(surface)

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
