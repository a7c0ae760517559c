"""Before playing: the story, the goal, how to play; teams for a challenge; start or resume.

A game that cannot be loaded shows its problems here, in words, and the program goes on.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pygame

from ...content.diagnostics import ContentError
from ...content.loader import load_game
from ...core.model import Game
from ...core.rules import Options
from ...core.teams import unique_names
from ...i18n import _, ngettext
from ...session import SaveError, Session, claim, free_save, save_path_for
from ...storage import Held, reason, set_aside
from .. import actions as act
from ..scene import Scene
from ..widgets import Button, Label, TextInput
from .common import facts_line, genre_name, header, header_height


def credits_line(game) -> str:
    """Who made the game and under which licence: they travel with a shared game."""
    authors = ", ".join(" ".join(filter(None, (a.get("name"), f"({a['organisation']})" if a.get("organisation")
                                                else ""))) for a in game.authors)
    licence = game.licence or _("non indiquée")
    if authors:
        return _("Créé par {authors} · licence {licence}").format(authors=authors, licence=licence)
    return _("Licence {licence}").format(licence=licence)


class IntroScene(Scene):
    def __init__(self, app, path: str, resume: bool = False, save: Path | None = None) -> None:
        super().__init__(app)
        self.path = path
        self.resume = resume
        self.save = save  # the save to resume (home knows which one no other window plays)
        self.elsewhere = False  # the game is open in another window: offer a new one
        self.problems: list[str] = []
        self.notice = ""
        self.teams = 2
        self.facilitator = False  # Ctrl + Maj + A shows the facilitator's guide
        self.scroll = 0
        self.fields: dict[str, TextInput] = {}
        try:
            self.game: Game | None = load_game(path).game
        except ContentError as error:
            self.game = None
            self.problems = [str(d) for d in error.diagnostics[:8]]

    def layout(self) -> None:
        m = self.app.ui.metrics
        width, height = self.app.size
        self.widgets = []
        bottom = height - m.unit * 4
        button_h = m.body + m.unit * 4
        back = Button("back", label=_("Retour"), icon="back", action=act.Back())
        back.rect = pygame.Rect(m.unit * 4, bottom - button_h, m.body * 7, button_h)
        self.widgets.append(back)
        if self.game is None:
            return
        # Enter starts (the focus is there from the first frame): said on a key cap.
        if self.elsewhere:
            start = Button("start", label=_("Nouvelle partie"), icon="play", style="primary", action=act.StartGame("apart"),
                           key=_("Entrée"))
        else:
            start = Button("start", label=_("Reprendre la partie") if self.resume else _("Commencer"),
                           icon="play", style="primary", action=act.StartGame("start"), key=_("Entrée"))
        row = [start]
        if self.resume:
            row.insert(0, Button("restart", label=_("Recommencer au début"), action=act.StartGame("restart")))
        guide = None
        if self.facilitator:  # it writes every solution: behind the facilitator's keys
            guide = Button("guide", label=_("Guide d’animation"), icon="doc", action=act.WriteGuide(),
                           speech=_("Guide d’animation avec les solutions, à imprimer"))
            row.insert(0, guide)
        # Each button as wide as its label on one line (« Reprendre la partie » did not fit
        # a fixed width and spilled out of its button); where the row has not room for
        # that, they share it and the labels wrap, the buttons as tall as they need.
        ui = self.app.ui
        gap = m.unit * 3
        room = width - back.rect.right - m.unit * 4 - gap * len(row)
        widths = [max(m.body * 7, button.needed_width(ui)) for button in row]
        if sum(widths) > room:
            widths = [max(m.body * 4, room // len(row))] * len(row)
        button_h = max([button_h] + [button.needed_height(ui, w) for button, w in zip(row, widths)])
        x = width - m.unit * 4
        for button, button_w in reversed(list(zip(row, widths))):
            button.rect = pygame.Rect(0, 0, button_w, button_h)
            button.rect.bottomright = (x, bottom)
            x = button.rect.left - gap
        if guide is not None:  # on the left, beside « Retour »
            guide.rect.topleft = (back.rect.right + gap, bottom - button_h)
        back.rect = pygame.Rect(back.rect.x, bottom - button_h, back.rect.width, button_h)
        # the focus order as before: Retour, the start, the guide, Recommencer
        self.widgets += [start] + ([guide] if guide else []) + [b for b in row if b.id == "restart"]
        # Above the buttons, one column that scrolls: the story, who plays, the teams.
        title = self.game.title.get(self.app.prefs["language"])
        top = header_height(self.app.ui, width, title, self._subtitle())
        self.viewport = pygame.Rect(m.unit * 4, top + m.unit * 3, width - m.unit * 9,
                                    bottom - button_h - top - m.unit * 6)
        self.story = self._story(min(self.viewport.width - m.unit * 3, m.body * 46))
        # Who plays (and the teams), under the story when all of it fits in the window;
        # above it when not (200 % text on a laptop): the fields are never below the fold.
        top = y = self.viewport.y - self.scroll
        forms = len(self.widgets)
        if not self.resume:
            y = self._who_widgets(y)
        if self.game.genre == "challenge" and not self.resume:
            y = self._team_widgets(y + m.unit * 2)
        gap = m.unit * 2
        if y == top:  # nothing to fill in
            self.story_y, y = top, top + self.story.get_height()
        elif self.story.get_height() + gap + (y - top) <= self.viewport.height:
            for widget in self.widgets[forms:]:
                widget.rect.move_ip(0, self.story.get_height() + gap)
            self.story_y, y = top, y + self.story.get_height() + gap
        else:
            self.story_y, y = y + gap * 2, y + gap * 2 + self.story.get_height()
        self.content_bottom = y
        self.focus = self.focus or self.widget("start")

    def _subtitle(self) -> str:
        game = self.game
        assert game is not None  # only offered once the game has loaded
        return f"{genre_name(game.genre)} · " + facts_line(
            (game.duration_min, game.duration_max), (game.age_min, game.age_max), (game.players_min, game.players_max))

    def _team_widgets(self, y: int) -> int:
        game = self.game
        assert game is not None  # only offered once the game has loaded
        viewport = self.viewport
        assert viewport is not None  # set by layout, which runs first
        m = self.app.ui.metrics
        button_h = m.body + m.unit * 4
        low, high = game.teams_min, game.teams_max
        self.teams = min(max(self.teams, low), high)
        label = Label("teams-label", text=_("Équipes qui jouent à tour de rôle :"), scrolls=True)
        label_w = min(viewport.width, self.app.ui.text.render(label.text, m.body, (0, 0, 0)).get_width() + m.unit)
        label.rect = pygame.Rect(viewport.x, y, label_w, button_h)
        self.widgets.append(label)
        x = label.rect.right + m.unit * 2
        for count in range(low, high + 1):
            choice = Button(f"teams:{count}", label=str(count), style="choice", selected=count == self.teams,
                            action=act.ChooseTeams(count),
                            speech=ngettext("{n} équipe", "{n} équipes", count).format(n=count), scrolls=True)
            w = m.body * 3 + m.unit * 4
            if x + w > viewport.right:  # wrap: every choice stays reachable
                x, y = viewport.x, y + button_h + m.unit * 2
            choice.rect = pygame.Rect(x, y, w, button_h)
            x = choice.rect.right + m.unit * 2
            self.widgets.append(choice)
        return self._team_names(y + button_h + m.unit * 2) if self.teams > 1 else y + button_h

    def _team_names(self, y: int) -> int:
        """A name for each team (« Équipe 2 » when left empty), said at each turn and on
        the podium."""
        viewport = self.viewport
        assert viewport is not None  # set by layout, which runs first
        m = self.app.ui.metrics
        button_h = m.body + m.unit * 4
        width = min(viewport.width, m.body * 14)
        x, row_bottom = viewport.x, y
        for index in range(self.teams):
            default = _("Équipe {n}").format(n=index + 1)
            label = _("Nom de l’équipe {n}").format(n=index + 1)
            if x + width > viewport.right and x > viewport.x:
                x, y = viewport.x, row_bottom + m.unit * 2
            caption = Label(f"label:team{index}", text=label, scrolls=True, small=True)
            caption.rect = pygame.Rect(x, y, width, m.small + m.unit)
            field = self.fields.setdefault(f"team{index}", TextInput(f"field:team{index}", max_length=40))
            field.placeholder, field.speech, field.scrolls = default, label, True
            field.rect = pygame.Rect(x, caption.rect.bottom + m.unit // 2, width, button_h)
            self.widgets += [caption, field]
            row_bottom = max(row_bottom, field.rect.bottom)
            x += width + m.unit * 4
        return row_bottom

    def prefill_teams(self, teams: tuple[str, ...]) -> None:
        """A rematch: the same number of teams with the same names."""
        self.teams = max(1, len(teams))
        for index, name in enumerate(teams):
            self.fields[f"team{index}"] = TextInput(f"field:team{index}", value=name, max_length=40)

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        surface.fill(p.background)
        width = surface.get_width() - m.unit * 8
        if self.game is None:
            top = header(surface, ui, _("Ce jeu ne peut pas être ouvert"))
            y = top + m.unit * 4
            intro = ui.text.render(_("Voici ce qui ne va pas ; la personne qui a créé le jeu peut le "
                                     "corriger avec « sesame check » :"), m.body, p.text, width)
            surface.blit(intro, (m.unit * 4, y))
            y += intro.get_height() + m.unit * 2
            for line in self.problems:
                text = ui.text.render(line, m.small, p.danger, width)
                surface.blit(text, (m.unit * 4, y))
                y += text.get_height() + m.unit
            self.draw_widgets(surface)
            return
        header(surface, ui, self.game.title.get(ui.prefs["language"]), self._subtitle())
        viewport = self.viewport
        assert viewport is not None  # laid out with the game
        clip = surface.get_clip()
        surface.set_clip(viewport)
        surface.blit(self.story, (viewport.x, self.story_y))
        self._cover(surface, viewport)
        surface.set_clip(clip)
        self.draw_widgets(surface)

    def _cover(self, surface: pygame.Surface, viewport: pygame.Rect) -> None:
        """The first room's picture beside the story, where the window leaves room for it
        (a wide window at 100 % text): the place the pupil is about to enter, so that the
        intro is not text alone. Nothing where it would cover a field or a button."""
        from .. import pictures

        game = self.game
        if game is None:
            return
        room = game.rooms.get(game.start_room or "")
        if room is None or not room.background:
            return
        m = self.app.ui.metrics
        left = viewport.x + self.story.get_width() + m.unit * 4
        width = viewport.right - m.unit * 3 - left
        if width < m.body * 10:
            return
        area = pygame.Rect(left, self.story_y, width, round(width / 1.6))
        area = area.clip(viewport)
        if area.height < m.body * 6 or any(area.colliderect(w.rect) for w in self.widgets):
            return
        picture = pictures.picture(self.app.ui, game.folder, room.background, area.width, area.height)
        shown = surface.blit(picture, picture.get_rect(midtop=area.midtop))
        pygame.draw.rect(surface, self.app.ui.palette.border, shown, 2)

    def open_guide(self) -> str:
        """Write the facilitator's guide next to the user's data and open it in the web
        browser (a local file: nothing is fetched); say where it is either way."""
        game = self.game
        assert game is not None  # only offered once the game has loaded
        import webbrowser

        from ...guide import write
        from ...paths import user_dir

        try:
            path = write(game, user_dir("guides"), self.app.prefs["language"])
        except OSError as error:
            return _("Le guide n’a pas pu être écrit : {why}").format(why=reason(error))
        if os.environ.get("SDL_VIDEODRIVER") != "dummy":  # not from tests
            try:
                webbrowser.open(path.as_uri())
            except webbrowser.Error:
                pass
        return _("Guide d’animation (avec les solutions) : {path}. Ouvrez-le dans un navigateur pour "
                 "l’imprimer.").format(path=path)

    def _who_widgets(self, y: int) -> int:
        """Who plays: a pseudonym or a team's name (never a surname), an optional class
        code, optional team members. Left empty, the game is played without results.
        Each field has a label above it that stays when something is typed."""
        viewport = self.viewport
        assert viewport is not None  # laid out before it is used
        ui = self.app.ui
        m = ui.metrics
        button_h = m.body + m.unit * 4
        fields = (("who", _("Pseudonyme ou nom d’équipe"), 40, m.body * 16),
                  ("group", _("Code de classe (facultatif)"), 24, m.body * 12),
                  ("members", _("Membres de l’équipe, séparés par des virgules (facultatif)"), 200, m.body * 30))
        x = viewport.x
        row_bottom = y
        for key, label, length, width in fields:
            width = min(viewport.width, max(width, ui.text.render(label, m.small, (0, 0, 0)).get_width()))
            if x + width > viewport.right and x > viewport.x:
                x, y = viewport.x, row_bottom + m.unit * 2
            caption = Label(f"label:{key}", text=label, scrolls=True, small=True)
            caption.rect = pygame.Rect(x, y, width, m.small + m.unit)
            field = self.fields.setdefault(key, TextInput(f"field:{key}", max_length=length))
            field.speech, field.scrolls = label, True
            field.rect = pygame.Rect(x, caption.rect.bottom + m.unit // 2, width, button_h)
            self.widgets += [caption, field]
            row_bottom = max(row_bottom, field.rect.bottom)
            x += width + m.unit * 4
        return row_bottom

    def _story(self, column: int) -> pygame.Surface:
        game = self.game
        assert game is not None  # only offered once the game has loaded
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        locale = ui.prefs["language"]
        parts = []
        for label, text in ((_("L’histoire"), game.story_intro), (_("Ta mission"), game.story_goal),
                            (_("Comment jouer"), game.story_how_to_play)):
            if text is None:
                continue
            parts.append((ui.text.render(label, m.body, p.accent, bold=True), m.unit))
            parts.append((ui.text.render(text.get(locale), m.body, p.text, column), m.unit * 3))
        notes = []
        if game.timer_minutes and ui.prefs["time_factor"] is not None:
            minutes = round(game.timer_minutes * ui.prefs["time_factor"])
            notes.append(ngettext("Compte à rebours : {n} minute (modifiable dans les réglages).",
                                  "Compte à rebours : {n} minutes (modifiable dans les réglages).",
                                  minutes).format(n=minutes))
        notes.append(credits_line(game))
        for note in notes:
            parts.append((ui.text.render(note, m.small, p.muted, column), m.unit))
        if self.notice:  # the answer to what was just pressed: first, where it is seen
            parts.insert(0, (ui.text.render(self.notice, m.body, p.accent, column, bold=True), m.unit * 3))
        out = pygame.Surface((column, max(1, sum(s.get_height() + g for s, g in parts))), pygame.SRCALPHA)
        y = 0
        for rendered, gap in parts:
            out.blit(rendered, (0, y))
            y += rendered.get_height() + gap
        return out

    def on_action(self, action, widget) -> None:
        match action:
            case act.Back():
                self.app.pop()
            case act.WriteGuide() if self.game is not None:
                self.notice = self.open_guide()
                self.relayout()
            case act.ChooseTeams(count):
                self.teams = count
                self.relayout()
            case act.StartGame(how) if self.game is not None:
                self.start(how)

    def start(self, how: str) -> None:
        """Start (``start``, ``restart``) or resume the game, in a save no other window
        plays; ``apart``: a new game saved apart from the one open elsewhere. A save
        that cannot be resumed is set aside with the reason; a finished one tells its
        end again, then its debrief (killed before « Continuer »: the result is written then)."""
        from .play import resumed_scene

        game = self.game
        assert game is not None  # only offered once the game has loaded
        try:
            if how == "apart":
                path, lock = free_save(game.id)
            else:
                path = self.save or save_path_for(game.id)
                lock = claim(path)
        except Held as held:
            self.elsewhere = True
            self.resume = False
            where = _(" (processus {pid})").format(pid=held.pid) if held.pid else ""
            self.notice = _("Cette partie est déjà ouverte dans une autre fenêtre de Sésame{where}. "
                            "Pour la reprendre ici, ferme d’abord l’autre fenêtre. Sinon, « Nouvelle "
                            "partie » en commence une autre dans cette fenêtre, sauvegardée à part.").format(
                                where=where)
            self.relayout()
            return
        session = None
        if self.resume and how == "start":
            try:
                session = Session.resume(game, path)
            except SaveError as error:
                if lock is not None:
                    lock.release()
                kept = set_aside(path)
                # In a pupil's words, no path; where the old save went is for the teacher (the log).
                if sys.stderr is not None:  # None in a windowed build
                    print(f"Sésame: the save {path} could not be resumed ({error}); "
                          + (f"kept as {kept}" if kept else "it could not be set aside"), file=sys.stderr)
                self.notice = _("Impossible de reprendre ta partie : {why}.").format(why=error) + " " + (
                    _("Elle n’est pas effacée : ton enseignante ou ton enseignant pourra la retrouver.") if kept else
                    _("Elle n’a pas pu être mise de côté.")) + " " + _(
                    "« Commencer » lance une nouvelle partie.")
                self.resume = False
                self.save = None
                self.relayout()
                return
        if session is None:
            defaults = [_("Équipe {n}").format(n=i + 1) for i in range(self.teams)]
            typed = [self.fields[f"team{i}"].value if f"team{i}" in self.fields else "" for i in range(self.teams)]
            teams = unique_names(typed, defaults) if game.genre == "challenge" else ()
            now = self.app.now()  # the time is given by the app, never read here
            seed = self.app.seed if self.app.seed is not None else int(now.timestamp() * 1000) % 2**31
            options = Options(seed=seed, time_factor=self.app.prefs["time_factor"], teams=teams)
            who = self.fields["who"].value.strip() if "who" in self.fields else ""
            members = tuple(p.strip() for p in self.fields["members"].value.split(",") if p.strip()) \
                if "members" in self.fields else ()
            session = Session(game, options=options, save_path=path, player=who,
                              group=self.fields["group"].value.strip() if "group" in self.fields else "",
                              members=members, started_at=now.isoformat(timespec="seconds"),
                              lock=lock)
        else:
            session.lock = lock
        self.app.record(session)  # a kill may have come between the save and the database
        self.app.replace(resumed_scene(self.app, session))

    def on_escape(self) -> None:
        self.app.pop()

    def on_submit_text(self, widget) -> None:
        """Enter in a field starts the game, as the start button's key cap says (a form
        is sent with Enter)."""
        start = self.widget("start")
        if start is not None and start.enabled:
            self.activate(start)

    def on_key(self, event) -> bool:
        """The facilitator's keys (Ctrl + Maj + A, as during the game) show or hide the
        guide with the solutions: pupils do not come across it."""
        from .facilitator import is_shortcut

        if not is_shortcut(event):
            return False
        self.facilitator = not self.facilitator
        self.relayout()
        return True
