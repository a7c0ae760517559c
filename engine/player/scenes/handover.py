"""Between two teams' turns in a challenge: « Au tour de l'équipe 2 », on a screen of
its own, while the clock waits (the play scene counts no time while another screen is
on top of it). Also the words for a team's turn and the teams' answers to a poll."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pygame

from ...core import puzzles as ptypes
from ...core.puzzles.pointing import answer_words
from ...core.teams import ALL_TEAMS
from ...i18n import _
from .. import actions as act
from ..scene import Scene
from ..widgets import Button

_DEFAULT = re.compile(r"^(?:Équipe|Team) (\d+)$")


@dataclass(frozen=True)
class Ready(act.Action):
    """The team now playing is in front of the screen: back to the question."""


def turn_title(team: str) -> str:
    """« Au tour de l'équipe 2 », « Au tour de l'équipe « Les Lynx » », or the
    question for all the teams together."""
    if team == ALL_TEAMS:
        return _("Question pour toutes les équipes")
    number = _DEFAULT.match(team)
    if number:
        return _("Au tour de l’équipe {n}").format(n=number.group(1))
    return _("Au tour de l’équipe « {team} »").format(team=team)


# The teams' colours (OpenMoji's palette, as the confetti): dark ink on each is 4.5:1 or more.
TEAM_COLOURS = ((97, 178, 228), (252, 234, 43), (177, 204, 51), (246, 170, 65), (234, 90, 71), (178, 126, 220))
INK = (24, 32, 48)


def team_colour(team: str, teams: tuple[str, ...]) -> tuple[int, int, int] | None:
    """A team's colour: its place among the teams; None for every team together."""
    if team == ALL_TEAMS or team not in teams:
        return None
    return TEAM_COLOURS[teams.index(team) % len(TEAM_COLOURS)]


def team_name(team: str) -> str:
    """A team's name in a sentence or a list (the shared questions' « * » in words)."""
    return _("toutes les équipes") if team == ALL_TEAMS else team


def compared_answers(game, teams: tuple[str, ...], puzzle_id: str, answers: tuple[str, ...]) -> str:
    """Each team's answer, in the words of the puzzle (an option's text; the pairs of
    a matching, the steps of an order: core.puzzles' ``answer_text``), one paragraph
    a team so that a long answer that wraps is not read as the next team's; an answer
    of several parts (« A ↔ B ; C ↔ D ») has one line a part."""
    puzzle = game.puzzles[puzzle_id]
    kind = ptypes.get(puzzle.type)
    document = game.documents.get(puzzle.document) if puzzle.document else None
    paragraphs = []
    for team, detail in zip(teams, answers):
        answer = answer_words(kind, puzzle.spec, document, detail) or detail
        parts = [part.strip() for part in answer.split(" ; ") if part.strip()]
        if len(parts) > 1:
            paragraphs.append(_("{team} :").format(team=team) + "\n" + "\n".join("– " + part for part in parts))
        else:
            paragraphs.append(_("{team} : {answer}").format(team=team, answer=answer))
    return "\n\n".join(paragraphs)


class HandoverScene(Scene):
    """« Au tour de … »: one big title, what happens, one button; Enter, Space or a
    click goes back to the game (the question waits under this screen)."""

    def __init__(self, app, team: str, round_title: str = "", teams: tuple[str, ...] = (),
                 scores: dict[str, int] | None = None) -> None:
        super().__init__(app)
        self.team = team
        self.round_title = round_title
        self.teams = teams  # every team, in order: each has its colour
        self.scores = scores or {}  # the points so far, said under the title

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        ready = Button("ready", label=_("C’est parti"), icon="play", style="primary", action=Ready(),
                       key=_("Entrée"))  # the focus is there: Enter goes on, said on a key cap
        ready.rect = pygame.Rect(0, 0, ready.needed_width(self.app.ui) + m.unit * 4, m.body + m.unit * 4)
        ready.rect.midbottom = (width // 2, height - m.unit * 8)
        self.widgets = [ready]
        self.focus = ready

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        surface.fill(p.background)
        width = surface.get_width()
        column = min(width - m.unit * 8, m.body * 40)
        plain = ui.prefs["contrast"] == "high"
        colour = team_colour(self.team, self.teams)
        title_ink = p.accent if plain or colour is None else INK
        parts = []
        if self.round_title:
            parts.append(ui.text.render(self.round_title, m.body, INK if title_ink is INK else p.text, column))
        size = round(m.title * 1.4)
        title = ui.text.render(turn_title(self.team), size, title_ink, column, bold=True)
        if title.get_height() > size * 3:  # a long team name at large text: a smaller title, two lines
            title = ui.text.render(turn_title(self.team), m.title, title_ink, column, bold=True)
        parts.append(title)
        text = (_("Tout le monde répond ensemble : les points comptent pour chaque équipe.")
                if self.team == ALL_TEAMS else
                _("Le chrono est arrêté. Quand ton équipe est devant l’écran, appuie sur « C’est parti »."))
        parts.append(ui.text.render(text, m.body, INK if title_ink is INK else p.text, column))
        gap = m.unit * 3
        total = sum(part.get_height() for part in parts) + gap * (len(parts) - 1)
        top = self.widgets[0].rect.top
        band = surface.get_height() * 2 // 5
        if title_ink is INK:
            # The team's colour fills the top of the screen (who plays now is seen from
            # afar) and holds the title whole: taller for a long name at large text, the
            # sentence then under it.
            heading_h = sum(part.get_height() for part in parts[:-1]) + gap * (len(parts) - 2)
            inside = total < band
            if not inside:
                band = max(band, min(top - parts[-1].get_height() - gap * 2, heading_h + gap * 2))
            pygame.draw.rect(surface, colour or p.accent, pygame.Rect(0, 0, width, band))
            y = max(m.unit * 2, (band - (total if inside else heading_h)) // 2)
        else:
            y = max(m.unit * 4, (top - total) // 2)
        for index, rendered in enumerate(parts):
            if title_ink is INK and index == len(parts) - 1:
                y = max(y, band + gap) if y + rendered.get_height() > band else y
            surface.blit(rendered, ((width - rendered.get_width()) // 2, y))
            y += rendered.get_height() + gap
        self._draw_scores(surface, max(y, band + m.unit * 4) if title_ink is INK else y, column)
        self.draw_widgets(surface)

    def _draw_scores(self, surface: pygame.Surface, y: int, column: int) -> None:
        """The points so far, one team a line, each with its colour (and its name: the
        colour is never the only sign); the team whose turn it is in bold."""
        if len(self.teams) < 2:
            return
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        bottom = self.widgets[0].rect.top - m.unit * 2
        lines_h = len(self.teams) * (ui.text.height("Ag", m.body, column) + m.unit)
        if y + ui.text.height(_("Les points jusqu’ici"), m.small, column) + m.unit + lines_h > bottom:
            # No room for a line a team (long names, large text): all the points in one
            # paragraph, or nothing rather than a heading alone.
            said = _("Les points jusqu’ici : ") + " · ".join(
                _("{team} : {n} pts").format(team=team_name(team), n=self.scores.get(team, 0)) for team in self.teams)
            words = ui.text.render(said, m.small, p.text, column, align="center")
            if y + words.get_height() <= bottom:
                surface.blit(words, ((surface.get_width() - words.get_width()) // 2, y))
            return
        heading = ui.text.render(_("Les points jusqu’ici"), m.small, p.muted, column, align="center")
        surface.blit(heading, ((surface.get_width() - heading.get_width()) // 2, y))
        y += heading.get_height() + m.unit
        for team in self.teams:
            line = ui.text.render(_("{team} : {n} pts").format(team=team_name(team), n=self.scores.get(team, 0)),
                                  m.body, p.text, column, bold=team == self.team)
            if y + line.get_height() > bottom:
                break
            chip = m.body // 2
            x = (surface.get_width() - line.get_width() - chip * 2 - m.unit * 2) // 2
            colour = team_colour(team, self.teams)
            if colour is not None and ui.prefs["contrast"] != "high":
                pygame.draw.circle(surface, colour, (x + chip, y + line.get_height() // 2), chip)
                pygame.draw.circle(surface, p.shade, (x + chip, y + line.get_height() // 2), chip, 2)
            surface.blit(line, (x + chip * 2 + m.unit * 2, y))
            y += line.get_height() + m.unit

    def on_action(self, action, widget) -> None:
        if isinstance(action, Ready):
            self.app.pop()

    def on_escape(self) -> None:
        self.app.pop()


# --- hooks of the play scene ------------------------------------------------------------


def on_turn_passed(scene, event) -> None:
    """Another team answers: a fresh input when the same question waits for it (a
    poll), and « Au tour de … » over the game as soon as the play scene is on top."""
    from .panels import PuzzlePanel

    current = scene.session.state.current
    if current is not None and scene.session.state.puzzle(current).status == "open":
        for index, panel in enumerate(scene.panels):
            if isinstance(panel, PuzzlePanel) and panel.puzzle.id == current:
                scene.panels[index] = PuzzlePanel(scene, current, closable=False)
    scene.handover = event.team


def on_puzzle_solved(scene, event) -> None:
    """A poll every team answered: their answers side by side, read after its
    explanation (« Compare les réponses… ») and before the next question."""
    from .panels import MessagePanel

    state = scene.session.state
    answers = state.puzzle(event.puzzle).answers
    if len(state.teams) > 1 and answers:
        scene.open(MessagePanel(scene, _("Les réponses des équipes"),
                                compared_answers(scene.game, state.teams, event.puzzle, answers)))


def show_handover(scene) -> None:
    """Put « Au tour de … » on top when a turn passed and the play scene is shown."""
    if scene.handover is not None and scene.app.scene is scene and not scene.session.ended:
        team, scene.handover = scene.handover, None
        state = scene.session.state
        scene.app.push(HandoverScene(scene.app, team, teams=tuple(state.teams),
                                     scores=dict(scene.session.score().by_team)))


def clock_runs(scene) -> bool:
    """Whether the play scene's time counts now: in a quiz or a challenge, not while a
    message is read (a round's presentation), an explanation after the answer, nor
    while another screen is on top (« Au tour de … », the facilitator's)."""
    from .panels import MessagePanel

    if scene.game.genre == "escape":
        return True
    return (scene.session.rules.clock_runs(scene.session.state) and scene.app.scene is scene
            and not isinstance(scene.panel, MessagePanel) and scene.handover is None)
