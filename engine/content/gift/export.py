"""A Sésame game's questions → a GIFT file for Moodle, and what could not go.

Written so that importing the file gives the same questions back (``convert.py`` reads
what this writes): every special character escaped, newlines as ``\\n``, ``[plain]``
where a text would otherwise be read as HTML or as a format marker, explicit weights
where a text starts like one, a missing word's ``_____`` put back as the answer block.
Types GIFT cannot hold (poll, code, directions, order, categories, hotspot, spot) are
listed, not written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .text import BLANK, escape, looks_html, starts_like_format, starts_like_weight, tidy

EXPORTABLE = ("single", "multiple", "truefalse", "text", "number", "match")
_ONE_BLANK = re.compile(r"(?<!_)_____(?!_)")
_CATEGORY = "$course$/top/"
# Moodle's grades for an answer (question_bank::fraction_options_full), in percent.
MOODLE_WEIGHTS = {Decimal(w) for w in ("100", "90", "83.33333", "80", "75", "70", "66.66667", "60", "50",
                                         "40", "33.33333", "30", "25", "20", "16.66667", "14.28571", "12.5",
                                         "11.11111", "10", "5", "0")}


@dataclass
class Exported:
    text: str
    written: list[str] = field(default_factory=list)  # puzzle ids, in order
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (puzzle id, why)
    lost: list[tuple[str, str]] = field(default_factory=list)  # (puzzle id, what)


def export(data: dict[str, Any], locale: str | None = None) -> Exported:
    """The GIFT text of ``data`` (a game's merged plain data, as loaded)."""
    from ...i18n import _

    locales = data.get("locales") or ["fr"]
    locale = locale or locales[0]
    writer = _Writer(locale, {s.get("id"): s for s in data.get("sources") or [] if isinstance(s, dict)})
    title = writer.pick(data.get("title")) or data.get("id", "")
    out = [f"// {_('Exporté de Sésame')} : {_one_line(title)} ({data.get('id', '')} {data.get('version', '')})",
           f"// {_('Questions à réimporter dans Moodle : Banque de questions, Importer, format GIFT')}", ""]
    theme: str | None = None
    result = Exported("")
    translated = False
    for raw in _ordered(data):
        ident = str(raw.get("id", ""))
        why = writer.refusal(raw)
        if why:
            result.left_out.append((ident, why))
            continue
        if raw.get("theme") != theme and raw.get("theme"):
            theme = raw["theme"]
            out += [f"$CATEGORY: {_CATEGORY}{_one_line(theme)}", ""]
        out.append(writer.question(raw))
        out.append("")
        result.written.append(ident)
        result.lost += [(ident, what) for what in writer.lost]
        translated = translated or writer.translated
    if translated and len(locales) > 1:
        result.lost.append(("", _("traductions : seule la langue « {lang} » est exportée").format(lang=locale)))
    result.text = "\n".join(out).rstrip("\n") + "\n"
    return result


def _ordered(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The puzzles in the order they are played: a quiz's list, a challenge's rounds,
    then any other puzzle in file order."""
    puzzles = [p for p in data.get("puzzles") or [] if isinstance(p, dict)]
    by_id = {p.get("id"): p for p in puzzles}
    order: list[str] = list((data.get("quiz") or {}).get("questions") or [])
    for round_ in (data.get("challenge") or {}).get("rounds") or []:
        order += list(round_.get("puzzles") or [])
    seen = set()
    out = []
    for ident in order + [p.get("id") for p in puzzles]:
        if ident in by_id and ident not in seen:
            seen.add(ident)
            out.append(by_id[ident])
    return out


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _number(value: Any) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def _weight(percent: Decimal) -> str:
    text = f"{percent.quantize(Decimal('0.00001')).normalize():f}"
    return "0" if text in ("-0", "0") else text


class _Writer:
    def __init__(self, locale: str, sources: dict[Any, dict[str, Any]]) -> None:
        self.locale = locale
        self.sources = sources
        self.lost: list[str] = []
        self.translated = False

    def pick(self, value: Any) -> str:
        """A text in the export's language (the first one written when it lacks)."""
        if isinstance(value, dict):
            self.translated = self.translated or len(value) > 1
            value = value.get(self.locale) or next(iter(value.values()), "")
        return tidy(str(value)) if value is not None else ""

    def refusal(self, raw: dict[str, Any]) -> str:
        """Why this puzzle cannot go into GIFT, or ""."""
        from ...i18n import _

        kind = raw.get("type")
        if kind not in EXPORTABLE:
            return _("type « {type} » : GIFT n’a pas de question de ce genre").format(type=kind)
        if kind == "match" and any("->" in self.pick(p.get("left")) for p in raw.get("pairs") or []):
            return _("un élément de gauche contient « -> », que GIFT lit comme la séparation de la paire")
        if kind == "text" and any("->" in self.pick(a) for a in raw.get("answers") or []):
            return _("une réponse contient « -> » : Moodle en ferait un appariement")
        if kind == "number" and not all(math.isfinite(float(raw.get(k, 0) or 0)) for k in ("answer", "tolerance")):
            return _("nombre infini")
        return ""

    # --- one question --------------------------------------------------------------

    def question(self, raw: dict[str, Any]) -> str:
        from ...i18n import _

        self.lost = []
        kind = raw["type"]
        title = self.pick(raw.get("title")) if raw.get("title") else ""
        prompt = self.pick(raw.get("prompt"))
        texts = [prompt, *self.texts(raw)]
        form = "[plain]" if any(looks_html(t) for t in texts) or prompt.startswith("//") \
            or starts_like_format(prompt) else ""
        block = getattr(self, "_" + kind)(raw)
        general = self.general(raw)
        lines = [f"// [id:{raw['id']}]"]
        head = (f"::{escape(title)}::" if title else "") + form
        blanks = list(_ONE_BLANK.finditer(prompt))
        inner = "\n".join(f"\t{line}" for line in block + ([f"####{general}"] if general else []))
        answers = "{\n" + inner + "\n}"
        if len(blanks) == 1 and prompt[blanks[0].end():].strip():  # a missing word, not at the end
            cut = blanks[0]
            lines.append(head + escape(prompt[:cut.start()]) + answers + escape(prompt[cut.end():]))
        else:
            lines.append(head + escape(prompt) + " " + answers)
        for key, what in (("hints", _("indices")), ("image", _("image")), ("document", _("document")),
                          ("skills", _("compétences")), ("points", _("points")), ("difficulty", _("difficulté")),
                          ("attempts", _("essais limités")), ("on_solve", _("effets")), ("on_fail", _("effets"))):
            if raw.get(key) and what not in self.lost:
                self.lost.append(what)
        # Sources are not lost: general() copies them into the general feedback.
        return "\n".join(lines)

    def texts(self, raw: dict[str, Any]) -> list[str]:
        """Every text of the question but the prompt (to decide on [plain])."""
        found = [self.pick(raw.get("explanation"))] if raw.get("explanation") else []
        for option in raw.get("options") or []:
            found += [self.pick(option.get("text")), self.pick(option.get("feedback"))]
        for pair in raw.get("pairs") or []:
            found += [self.pick(pair.get("left")), self.pick(pair.get("right"))]
        found += [self.pick(a) for a in raw.get("answers") or []]
        found += [self.pick(v) for v in (raw.get("feedback") or {}).values()]
        return found

    def text(self, value: Any) -> str:
        """An answer's or a feedback's text, escaped, marked [plain] if it starts like a format."""
        text = self.pick(value)
        return ("[plain]" if starts_like_format(text) else "") + escape(text)

    def feedback(self, value: Any) -> str:
        return "#" + self.text(value) if value else ""

    def general(self, raw: dict[str, Any]) -> str:
        from ...i18n import _

        parts = [self.pick(raw["explanation"])] if raw.get("explanation") else []
        for ident in raw.get("sources") or []:
            source = self.sources.get(ident)
            if source:
                details = ", ".join(str(source[k]) for k in ("publisher", "date", "section", "url") if source.get(k))
                parts.append(_("Source : {title}").format(title=source.get("title", ident))
                             + (f" ({details})" if details else ""))
        return self.text("\n".join(parts)) if parts else ""

    def lose_feedback(self, raw: dict[str, Any], keys: tuple[str, ...]) -> None:
        from ...i18n import _

        if any(k in (raw.get("feedback") or {}) for k in keys):
            self.lost.append(_("retour après une bonne ou une mauvaise réponse"))

    def _single(self, raw: dict[str, Any]) -> list[str]:
        self.lose_feedback(raw, ("correct", "wrong", "close"))
        lines = []
        for option in raw["options"]:
            text = self.pick(option["text"])
            marker = "=" if option.get("correct") else ("~%0%" if starts_like_weight(text) else "~")
            lines.append(marker + self.text(option["text"]) + self.feedback(option.get("feedback")))
        return lines

    def _multiple(self, raw: dict[str, Any]) -> list[str]:
        from ...i18n import _

        self.lose_feedback(raw, ("correct", "wrong", "close"))
        right = [o for o in raw["options"] if o.get("correct")]
        share = Decimal(100) / max(1, len(right))
        if not raw.get("partial"):
            self.lost.append(_("tout ou rien (Moodle donne des points partiels à un choix multiple)"))
        if _weight(share) not in {_weight(w) for w in MOODLE_WEIGHTS}:
            self.lost.append(_("poids de {w} % : Moodle n’accepte que ses poids (au plus 10 bonnes réponses)")
                             .format(w=_weight(share)))
        lines = []
        for option in raw["options"]:
            weight = share if option.get("correct") else -share
            lines.append(f"~%{_weight(weight)}%" + self.text(option["text"]) + self.feedback(option.get("feedback")))
        return lines

    def _truefalse(self, raw: dict[str, Any]) -> list[str]:
        from ...i18n import _

        self.lose_feedback(raw, ("close",))
        if raw.get("labels"):
            self.lost.append(_("libellés des boutons"))
        feedback = raw.get("feedback") or {}
        line = "TRUE" if raw["answer"] else "FALSE"
        wrong, right = feedback.get("wrong"), feedback.get("correct")
        if wrong or right:
            line += "#" + (self.text(wrong) if wrong else "")
        if right:
            line += "#" + self.text(right)
        return [line]

    def _text(self, raw: dict[str, Any]) -> list[str]:
        self.lose_feedback(raw, ("close",))
        feedback = raw.get("feedback") or {}
        lines = []
        for answer in raw["answers"]:
            text = self.pick(answer)
            marker = "=%100%" if starts_like_weight(text) else "="
            lines.append(marker + self.text(answer) + self.feedback(feedback.get("correct")))
        if feedback.get("wrong"):
            lines.append("=%0%*" + self.feedback(feedback["wrong"]))
        return lines

    def _number(self, raw: dict[str, Any]) -> list[str]:
        from ...i18n import _

        self.lose_feedback(raw, ("close",))
        for key, what in (("unit", _("unité")), ("min", _("bornes de saisie")), ("max", _("bornes de saisie"))):
            if raw.get(key) is not None and raw.get(key) != "" and what not in self.lost:
                self.lost.append(what)
        if raw.get("scoring") == "closeness":
            self.lost.append(_("points selon la proximité (estimation)"))
        feedback = raw.get("feedback") or {}
        value = _number(raw["answer"])
        if raw.get("tolerance"):
            value += ":" + _number(raw["tolerance"])
        lines = ["#=" + value + self.feedback(feedback.get("correct"))]
        if feedback.get("wrong"):
            lines.append("~" + self.feedback(feedback["wrong"]))
        return lines

    def _match(self, raw: dict[str, Any]) -> list[str]:
        self.lose_feedback(raw, ("correct", "wrong", "close"))
        return [f"={self.text(p['left'])} -> {self.text(p['right'])}" for p in raw["pairs"]]


__all__ = ["BLANK", "EXPORTABLE", "Exported", "export"]
