"""The settings screen, generated from the preference registry (``prefs.REGISTRY``)."""

from __future__ import annotations

import pygame

from ...i18n import _
from .. import actions as act
from ..prefs import offered
from ..scene import Scene
from ..widgets import Button
from .about import AboutScene, OpenAbout
from .common import header


class SettingsScene(Scene):
    @property
    def during_game(self) -> bool:
        """Opened from a game's pause: what changes the rules is not offered."""
        return any(type(scene).__name__ == "PlayScene" for scene in self.app.scenes)

    def layout(self) -> None:
        ui = self.app.ui
        m = ui.metrics
        width, height = self.app.size
        self.top = m.unit * 4 + m.title + m.unit * 4
        self.widgets = []
        row_h = m.body + m.unit * 4
        label_w = m.body * 11
        self.viewport = pygame.Rect(m.unit * 2, self.top - m.unit, width - m.unit * 6,
                                    height - self.top - row_h - m.unit * 6)
        y = self.top - self.scroll
        for pref in offered(self.during_game):
            x = m.unit * 4 + label_w
            for value, label in pref.choices:
                text_w = ui.text.render(_(label), m.body, (0, 0, 0)).get_width()
                chosen = ui.prefs[pref.key] == value
                button = Button(f"pref:{pref.key}:{value}", label=_(label), style="choice", selected=chosen,
                                action=act.SetPreference(pref.key, value), scrolls=True,
                                speech=f"{_(pref.label)} : {_(label)}")
                button.rect = pygame.Rect(x, y, text_w + m.unit * 6 + (m.body + m.unit if chosen else 0), row_h)
                if button.rect.right > width - m.unit * 4:  # wrap onto the next line
                    y += row_h + m.unit
                    x = m.unit * 4 + label_w
                    button.rect.topleft = (x, y)
                x = button.rect.right + m.unit * 2
                self.widgets.append(button)
            y += row_h + m.unit * 2
        self.content_bottom = y
        done = Button("done", label=_("Terminé"), icon="check", style="primary", action=act.Done())
        done.rect = pygame.Rect(0, 0, m.body * 8, row_h)
        done.rect.bottomright = (width - m.unit * 4, height - m.unit * 4)
        self.widgets.append(done)
        about = Button("about", label=_("À propos"), icon="doc", action=OpenAbout())  # credits (scenes/about.py)
        about.rect = pygame.Rect(0, 0, m.body * 8, row_h)
        about.rect.bottomright = (done.rect.x - m.unit * 3, done.rect.bottom)
        self.widgets.append(about)
        if not self.during_game:  # the teachers' space, out of the pupils' way (also Ctrl+Maj+A at home)
            teacher = Button("teacher", label=_("Espace enseignants"), icon="team", action=act.OpenTeacher(),
                             speech=_("Espace des enseignantes et enseignants : synthèse de classe (Ctrl+Maj+A)"))
            teacher_w = ui.text.render(teacher.label, m.body, (0, 0, 0)).get_width() + m.body + m.unit * 8
            teacher.rect = pygame.Rect(0, 0, teacher_w, row_h)
            teacher.rect.bottomright = (about.rect.x - m.unit * 3, done.rect.bottom)
            self.widgets.append(teacher)

    def compose(self, surface: pygame.Surface) -> None:
        ui = self.app.ui
        m, p = ui.metrics, ui.palette
        surface.fill(p.background)
        header(surface, ui, _("Réglages"))
        clip = surface.get_clip()
        surface.set_clip(self.viewport)
        for pref in offered(self.during_game):
            first = next(w for w in self.widgets if w.id.startswith(f"pref:{pref.key}:"))
            label = ui.text.render(_(pref.label), m.body, p.text, m.body * 10, bold=True)
            surface.blit(label, (m.unit * 4, first.rect.centery - label.get_height() // 2))
        surface.set_clip(clip)
        self.draw_widgets(surface)

    def on_action(self, action, widget) -> None:
        match action:
            case act.SetPreference(key, value):
                self.app.prefs.set(key, value)
                self.app.preferences_changed()
                self.focus = self.widget(widget.id)
            case act.Done():
                self.app.pop()
            case OpenAbout():
                self.app.push(AboutScene(self.app))
            case act.OpenTeacher():
                from .teacher import TeacherScene

                self.app.push(TeacherScene(self.app))

    def on_escape(self) -> None:
        self.app.pop()
