"""GIFT questions → a Sésame quiz (plain data, as in ``game.yaml``) and its walkthrough.

The mapping, question by question (the README's table says the same for teachers):

- ``{=a ~b ~c}`` (one ``=``): ``single``; a ``~%50%`` partial answer counts wrong (said);
  two answers at 100 % cannot be one choice: skipped (said).
- ``{~%50%a ~%50%b ~%-100%c}`` (no ``=``): ``multiple`` with ``partial: true``: the
  answers of positive weight are the right ones; Sésame shares the points equally and
  takes a share back for each wrong answer ticked (said when the weights differ).
- ``{T}`` / ``{FALSE#if wrong#if right}``: ``truefalse`` with ``feedback``.
- ``{=a =b}``: ``text`` (every answer of positive weight accepted; ``=%0%*#…`` gives
  the feedback for a wrong answer).
- ``{=a -> 1 =b -> 2}``: ``match``.
- ``{#3.14:0.01}``, ``{#1..5}``, ``{#=1822:0 =%50%1822:2}``: ``number`` with its
  tolerance (a range becomes its middle ± half its width); partial answers are said.
- answers inside the text (missing word): the same types, ``_____`` in the prompt.
- ``::title::`` → ``title``; ``$CATEGORY:`` → ``theme``; ``####…`` → ``explanation``;
  per-answer feedback → the option's ``feedback``; ``// [id:…]`` → the puzzle's id.
- ``{}`` (essay) and a text without answers (description): skipped, with their line.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ...core import puzzles as ptypes
from ...core.text import fold
from ..diagnostics import Diagnostic, Severity
from .parse import Answer, Bank, GiftError, Number, Question

ENDING = "fin"
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


@dataclass
class Imported:
    game: dict[str, Any]
    walkthrough: dict[str, Any]
    notes: list[Diagnostic]  # warnings: questions skipped, what could not come along
    skipped: int = 0


def convert(bank: Bank, file: str, name: str) -> Imported:
    """The quiz made of ``bank``'s questions; ``name`` (the file's stem) gives its id and
    title. Raises GiftError when a question is wrong in a way Moodle would refuse too."""
    builder = _Builder(file)
    puzzles = []
    for question in bank.questions:
        puzzle = builder.puzzle(question)
        if puzzle is not None:
            puzzles.append(puzzle)
    if bank.errors or builder.errors:
        raise GiftError(bank.errors + builder.errors)
    if not puzzles:
        from ...i18n import _

        raise GiftError([Diagnostic(file, 1, 1, _("aucune question que Sésame sache poser dans ce fichier"),
                                    Severity.ERROR, "gift.empty"), *builder.notes])
    game = _game(name, file, puzzles)
    return Imported(game, walkthrough(game), sorted(bank.warnings + builder.notes), builder.skipped)


def walkthrough(game: dict[str, Any]) -> dict[str, Any]:
    """Answer every question right, in order: the solution each puzzle type gives."""
    steps: list[dict[str, Any]] = []
    for raw in game["puzzles"]:
        kind = ptypes.get(raw["type"])
        steps.append({"answer": raw["id"], "value": kind.solution(kind.build(raw, "fr"))})
        steps.append({"next": None})
    return {"steps": steps, "expect": {"ending": ENDING}}


def slug(text: str, limit: int = 40) -> str:
    """An id from a text: « Q1 : Les États » → « q1_les_etats »."""
    bare = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in bare if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")
    return re.sub(r"[^a-z0-9]+", "_", bare).strip("_")[:limit].strip("_")


def _game(name: str, file: str, puzzles: list[dict[str, Any]]) -> dict[str, Any]:
    ident = slug(name, 60) or "quiz"
    title = re.sub(r"[_-]+", " ", name).strip() or "Quiz"
    themes = list(dict.fromkeys(p["theme"] for p in puzzles if "theme" in p))
    count = len(puzzles)
    game: dict[str, Any] = {
        "format": 1,
        "id": ident,
        "title": title[:1].upper() + title[1:],
        "summary": f"Quiz importé de « {file} » : {count} question{'s' if count > 1 else ''}.",
        "genre": "quiz",
        "version": "1.0.0",
        "audience": {"age_min": 11, "age_max": 18},
        "duration": {"min": max(1, math.ceil(count / 2)), "max": min(600, max(1, count))},
        "licence": "à préciser",
    }
    if themes:
        game["themes"] = themes
    game["quiz"] = {"order": "sequence"}
    game["puzzles"] = puzzles
    game["endings"] = [{"id": ENDING, "title": "Quiz terminé",
                        "text": "Retrouvez vos réponses et les explications dans le bilan."}]
    return game


def _number(value: Decimal) -> int | float:
    """A YAML number: an integer when it is one, else the float the text says."""
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return float(value)


def _percent(weight: Decimal | None) -> str:
    return f"{weight.normalize():f}" if weight is not None else "100"


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[Diagnostic] = []
        self.notes: list[Diagnostic] = []
        self.taken: set[str] = set()
        self.count = 0
        self.skipped = 0

    # --- messages ----------------------------------------------------------------

    def error(self, where: Any, message: str, code: str = "gift.question") -> None:
        self.errors.append(Diagnostic(self.file, where.line, where.col, message, Severity.ERROR, code))

    def note(self, where: Any, message: str, code: str = "gift.lost") -> None:
        self.notes.append(Diagnostic(self.file, where.line, where.col, message, Severity.WARNING, code))

    def skip(self, q: Question, message: str) -> None:
        self.skipped += 1
        self.note(q.where, message, "gift.skipped")

    # --- one question --------------------------------------------------------------

    def puzzle(self, q: Question) -> dict[str, Any] | None:
        from ...i18n import _

        if q.kind == "description":
            self.skip(q, _("texte sans bloc de réponses (description) ignoré : Sésame n’a pas de page "
                           "d’information entre deux questions"))
            return None
        if q.kind == "essay":
            self.skip(q, _("question à réponse rédigée (essay, « {} ») ignorée : Sésame ne corrige pas "
                           "un texte libre"))
            return None
        errors_before = len(self.errors)
        fields = getattr(self, "_" + q.kind)(q)
        if fields is None or len(self.errors) > errors_before:
            return None
        if not q.text:
            self.error(q.where, _("question sans énoncé : écrivez la question avant le bloc de réponses"))
            return None
        for lost in sorted(set(q.lost)):
            if lost == "image":
                self.note(q.where, _("image non importée : seul son texte de remplacement reste ; "
                                     "ajoutez-la au jeu (champ « image »)"))
        self.count += 1
        puzzle: dict[str, Any] = {"id": self.ident(q), "type": fields.pop("type")}
        if q.title:
            puzzle["title"] = q.title
        if q.category:
            puzzle["theme"] = q.category
        puzzle["prompt"] = q.text
        puzzle.update(fields)
        if q.general:
            puzzle["explanation"] = q.general
        return puzzle

    def ident(self, q: Question) -> str:
        for candidate in (q.ident, slug(q.ident or ""), slug(q.title or "")):
            if candidate and _ID.match(candidate) and candidate not in self.taken:
                self.taken.add(candidate)
                return candidate
        base = slug(q.title or "") or f"q{self.count}"
        candidate, n = base, 2
        while candidate in self.taken or not _ID.match(candidate):
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate

    def _truefalse(self, q: Question) -> dict[str, Any]:
        fields: dict[str, Any] = {"type": "truefalse", "answer": bool(q.truth)}
        feedback = {k: v for k, v in (("correct", q.feedback_right), ("wrong", q.feedback_wrong)) if v}
        if feedback:
            fields["feedback"] = feedback
        return fields

    def _numeric(self, q: Question) -> dict[str, Any] | None:
        from ...i18n import _

        full: list[Number] = []
        for number in q.numbers:
            if not self.weight_ok(number.where, number.weight):
                return None
            if number.low is not None and number.high is not None and number.low > number.high:
                self.error(number.where, _("intervalle {low}..{high} à l’envers : la plus petite valeur "
                                           "d’abord").format(low=number.low, high=number.high))
                return None
            if number.tolerance < 0:
                self.error(number.where, _("tolérance négative ({tol}) : l’écart accepté est positif")
                           .format(tol=number.tolerance))
                return None
            (full if number.weight is None or number.weight == 100 else []).append(number)
        if not full:
            self.error(q.where, _("aucune réponse numérique à 100 % : écrivez par exemple {#3.14:0.01}"))
            return None
        chosen = full[0]
        for number in q.numbers:
            if number is chosen:
                continue
            value = _shown(number)
            if number in full:
                self.note(number.where, _("autre réponse juste {value} ignorée : Sésame attend une valeur, "
                                          "avec sa tolérance").format(value=value))
            else:
                self.note(number.where, _("réponse {value} à {w} % ignorée, et son retour : Sésame ne donne "
                                          "pas de points partiels pour un nombre").format(
                    value=value, w=_percent(number.weight)))
        fields: dict[str, Any] = {"type": "number", "answer": _number(chosen.value)}
        if chosen.tolerance:
            fields["tolerance"] = _number(chosen.tolerance)
        feedback = {k: v for k, v in (("correct", chosen.feedback), ("wrong", q.feedback_wrong)) if v}
        if feedback:
            fields["feedback"] = feedback
        return fields

    def weight_ok(self, where: Any, weight: Decimal | None) -> bool:
        from ...i18n import _

        if weight is not None and not -100 <= weight <= 100:
            self.error(where, _("poids {w} % hors de -100 % à 100 %").format(w=_percent(weight)))
            return False
        return True

    def _choices(self, q: Question) -> dict[str, Any] | None:
        if any(a.marker == "~" for a in q.answers):
            return self.choice(q)
        if any(a.right is not None for a in q.answers) and any(a.marker == "=" for a in q.answers):
            return self.match(q)
        return self.short(q)

    def choice(self, q: Question) -> dict[str, Any] | None:
        from ...i18n import _

        single = any(a.marker == "=" for a in q.answers)
        options: list[dict[str, Any]] = []
        fractions: list[Decimal] = []
        for index, answer in enumerate(q.answers):
            text = answer.whole
            if answer.marker == "=":
                fraction = Decimal(100)
                if answer.weight_raw:  # Moodle reads « =%50%x » as the text « %50%x » at 100 %
                    text = answer.literal_whole
                    self.note(answer.where, _("dans un choix, « = » vaut 100 % : « {w} » fait partie du texte de "
                                              "la réponse ; pour un poids, écrivez ~{w}").format(w=answer.weight_raw))
            else:
                if not self.weight_ok(answer.where, answer.weight):
                    return None
                fraction = answer.weight if answer.weight is not None else Decimal(0)
            if not text:
                self.error(answer.where, _("réponse vide : écrivez son texte après « {marker} »").format(
                    marker=answer.marker or "~"))
                return None
            option: dict[str, Any] = {"id": _option_id(index), "text": text}
            if (fraction == 100) if single else (fraction > 0):
                option["correct"] = True
            if answer.feedback:
                option["feedback"] = answer.feedback
            options.append(option)
            fractions.append(fraction)
        if len(options) < 2:
            self.error(q.where, _("un choix demande au moins deux réponses"))
            return None
        right = [f for f in fractions if (f == 100 if single else f > 0)]
        if not right:
            self.error(q.where, _("aucune bonne réponse : marquez-la par « = », ou par un poids positif "
                                  "(~%50%…) dans un choix multiple"))
            return None
        if single:
            if len(right) > 1:
                self.skip(q, _("choix unique à {n} réponses justes à 100 % ignoré : Sésame n’en accepte qu’une ; "
                               "gardez-en une, ou faites un choix multiple (~%50%…)").format(n=len(right)))
                return None
            for option, fraction in zip(options, fractions):
                if fraction not in (0, 100):
                    self.note(q.where, _("poids de « {text} » ({w} %) perdu : Sésame la compte fausse, sans "
                                         "points partiels ni pénalité").format(text=option["text"], w=_percent(fraction)))
            return {"type": "single", "options": options}
        share = Decimal(100) / len(right)
        if any(abs(f - share) > Decimal("0.01") if f > 0 else abs(f + share) > Decimal("0.01") for f in fractions):
            self.note(q.where, _("poids des réponses non gardés tels quels : Sésame partage les points entre les "
                                 "{n} bonnes réponses et retire une part par mauvaise réponse cochée").format(n=len(right)))
        return {"type": "multiple", "options": options, "partial": True}

    def match(self, q: Question) -> dict[str, Any] | None:
        from ...i18n import _

        pairs: list[dict[str, Any]] = []
        for answer in q.answers:
            if answer.right is None:
                self.error(answer.where, _("paire sans « -> » : écrivez =à gauche -> à droite"))
                return None
            if not answer.right:
                self.error(answer.where, _("paire sans réponse après « -> »"))
                return None
            left = answer.literal if answer.weight_raw else answer.text
            if not left:
                self.note(answer.where, _("réponse en trop « {text} » (sans rien à gauche) ignorée : Sésame "
                                          "n’ajoute pas de leurre à un appariement").format(text=answer.right))
                continue
            if answer.feedback:
                self.note(answer.where, _("retour de la paire « {text} » perdu : un appariement n’en a "
                                          "pas").format(text=answer.text))
            # Moodle reads no weight in a pair: « =%50%a -> b » pairs the text « %50%a ».
            pairs.append({"id": _option_id(len(pairs)), "left": left, "right": answer.right})
        if len(pairs) < 2:
            self.error(q.where, _("un appariement demande au moins deux paires"))
            return None
        rights = [p["right"] for p in pairs]
        for text in sorted({r for r in rights if rights.count(r) > 1}):
            self.note(q.where, _("plusieurs paires finissent par « {text} » : à l’écran, rien ne les distingue")
                      .format(text=text))
        return {"type": "match", "pairs": pairs}

    def short(self, q: Question) -> dict[str, Any] | None:
        from ...i18n import _

        accepted: list[Answer] = []
        wrong_feedback: str | None = None
        for answer in q.answers:
            if not self.weight_ok(answer.where, answer.weight):
                return None
            weight = answer.weight if answer.weight is not None else Decimal(100)
            text = answer.whole
            if text == "*":
                if weight > 0:
                    self.note(answer.where, _("réponse « * » (tout accepter) ignorée"))
                elif answer.feedback:
                    wrong_feedback = answer.feedback
                continue
            if weight <= 0:
                self.note(answer.where, _("réponse « {text} » à {w} % ignorée, et son retour : ce que Sésame "
                                          "n’accepte pas compte faux").format(text=text, w=_percent(weight)))
                continue
            if not text:
                self.error(answer.where, _("réponse vide : écrivez son texte après « = »"))
                return None
            if not fold(text):
                self.note(answer.where, _("réponse « {text} » ignorée : sans lettre ni chiffre, Sésame ne peut "
                                          "pas la comparer (il ignore la ponctuation)").format(text=text))
                continue
            if "*" in text:
                self.note(answer.where, _("joker « * » non géré dans « {text} » : la réponse est acceptée "
                                          "telle quelle, sans l’astérisque").format(text=text))
            if weight < 100:
                self.note(answer.where, _("réponse « {text} » à {w} % comptée juste : pas de points partiels "
                                          "pour une réponse à écrire").format(text=text, w=_percent(weight)))
            accepted.append(answer)
        if not accepted:
            self.error(q.where, _("aucune réponse acceptée : écrivez-la après « = », par exemple {=Paris}"))
            return None
        fields: dict[str, Any] = {"type": "text", "answers": list(dict.fromkeys(a.whole for a in accepted))}
        said = [a.feedback or "" for a in accepted]
        feedback: dict[str, str] = {}
        if any(said):
            kept = next(s for s in said if s)
            if len(set(said)) > 1:
                self.note(q.where, _("retours différents selon la réponse : seul « {text} » est gardé, pour toute "
                                     "bonne réponse").format(text=kept))
            feedback["correct"] = kept
        if wrong_feedback:
            feedback["wrong"] = wrong_feedback
        if feedback:
            fields["feedback"] = feedback
        return fields


def _option_id(index: int) -> str:
    return "abcdefghijklmnopqrstuvwxyz"[index] if index < 26 else f"o{index + 1}"


def _shown(number: Number) -> str:
    if number.low is not None:
        return f"{number.low}..{number.high}"
    return f"{number.value}:{number.tolerance}" if number.tolerance else f"{number.value}"
