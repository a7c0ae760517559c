"""Result files: one attempt as a small versioned JSON file the pupil hands over.

A pupil's machine writes the file at the end of a game (or on demand) into a folder
they choose (a USB key, the folder they upload to the school platform); the teacher
collects thirty-five of them and runs ``sesame report``. Only what the pupil handed
over is in it: a pseudonym, an optional group code, a team name and its members'
pseudonyms. The start time is passed in: the core never reads a clock.

Reading never trusts a file (see ``validate``): each unusable file gets a message and
is skipped, copies of the same attempt are merged, results of another game than the
one summarised (named by the teacher, or the most frequent, which is then said) are
set aside, and the rest goes on. Only regular files of at most 4 MB are read.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import platform
import re
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import events as ev
from ..core import puzzles as ptypes
from ..core.figures import time_taken
from ..core.model import Game, Puzzle
from ..core.puzzles.pointing import answer_words
from ..core.scoring import in_play, puzzle_points
from ..i18n import _, ngettext
from ..storage import read_bounded, reason, write_atomic
from .formatting import when
from .model import (
    END_LOST,
    END_STOPPED,
    END_TIME_UP,
    END_UNFINISHED,
    END_WON,
    MAX_NAME,
    RESULT_FORMAT,
    RESULT_VERSION,
    Result,
)
from .table import Table
from .validate import ResultError, clean_name, parse_result

if TYPE_CHECKING:
    from .played import Played

MAX_FILE_BYTES = 4 * 1024 * 1024  # a real result is a few kilobytes
SUMMARY_FILES = frozenset({"synthese.json"})  # what ``sesame report`` writes next to them


# --- building -------------------------------------------------------------------------

def _names(raw: str, what: str, required: bool = False) -> str:
    name = clean_name(raw)
    if required and not name:
        raise ValueError(_("il faut un pseudonyme"))
    if len(name) > MAX_NAME:
        raise ValueError(_("{what} trop long (au plus {n} caractères)").format(what=what, n=MAX_NAME))
    return name


def _answer_texts(puzzle: Puzzle, details: Iterable[str], game: Game | None = None) -> dict[str, str]:
    """What recorded answers say in words, where the puzzle has words for them.

    Choices are recorded by option id (``b``, ``a+c``), true-or-false as ``true`` or
    ``false``, orders, pairs and sortings by ids, arrows by their names; the teacher
    reads the texts the pupil saw (the puzzle type's ``answer_text``). A part of the
    puzzle's document (a spot) is said by what the document shows there.
    """
    kind = ptypes.get(puzzle.type)
    document = game.documents.get(puzzle.document) if game is not None and puzzle.document else None
    out: dict[str, str] = {}
    for detail in details:
        text = answer_words(kind, puzzle.spec, document, detail)
        if text is not None:
            out[detail] = text
    return out


def machine_id() -> str:
    """This computer, as ten hexadecimal digits that say nothing about it: a hash of its
    network card's number and its name. Two « Léa » on two laptops at the same time are
    two pupils; the class summary tells them apart by it."""
    seed = f"sesame-machine\n{uuid.getnode()}\n{platform.node()}"
    return hashlib.sha256(seed.encode()).hexdigest()[:10]


def theme_label(theme: str, game: Game) -> str:
    """A theme in words: the skill of the same id's label, else the id made readable
    (the game format gives themes no label of their own)."""
    skill = game.skills.get(theme)
    if skill is not None:
        return skill.label.get()
    words = re.sub(r"[-_]+", " ", theme).strip()
    return words[:1].upper() + words[1:]


def _end(game: Game, state: Any, success: bool | None, time_up: bool) -> str:
    """How the attempt ended (``model.END_*``). A game ended with no ending of its own
    before the last question (a quiz or challenge) or in an escape game was stopped by
    the facilitator (``Stop``); the countdown's ending is « time up »."""
    if state.ending is None:
        return END_UNFINISHED
    if game.timer_ending and state.ending == game.timer_ending:
        return END_TIME_UP
    if state.ending == "" and (state.position < len(state.queue) if state.queue else True):
        return END_STOPPED
    if time_up and not success:
        return END_TIME_UP
    return END_WON if success else END_LOST


def result_from_session(session: Played, pseudonym: str, group: str = "", team: str = "",
                        members: Sequence[str] = (), *, started_at: str,
                        machine: str | None = None) -> dict[str, Any]:
    """The result of the attempt played in ``session``, as plain JSON-ready data.

    ``started_at`` is the local start time in ISO 8601 (``2026-03-12T10:15:00+01:00``),
    given by the caller. Points come from ``engine.core.scoring.puzzle_points``, the one
    place points are counted. Raises ValueError for a missing pseudonym or a bad date.
    """
    datetime.fromisoformat(started_at)  # raises ValueError on a date that is not ISO 8601
    game: Game = session.game
    state = session.state
    judged: dict[str, list[tuple[str, bool]]] = {}
    success: bool | None = None
    timed_out: set[str] = set()
    time_up = bool(state.time_up)
    for entry in session.log:
        data = entry.event
        if data.get("event") == ev.AnswerJudged.__name__:
            judged.setdefault(data["puzzle"], []).append((str(data["answer"]), bool(data["correct"])))
        elif data.get("event") == ev.GameEnded.__name__:
            success = bool(data["success"])
        elif data.get("event") == ev.PuzzleFailed.__name__ and data.get("timed_out"):
            timed_out.add(data["puzzle"])
        elif data.get("event") == ev.TimeRanOut.__name__:
            time_up = True
        elif data.get("event") == ev.TimeAdded.__name__:
            time_up = False
    puzzles = []
    for puzzle_id in in_play(game, state):
        puzzle = game.puzzles[puzzle_id]
        progress = state.puzzle(puzzle_id)
        answers = judged.get(puzzle_id, [])
        wrong_answers = list(dict.fromkeys(a for a, correct in answers if not correct))
        time_s = time_taken(progress.shown_t, progress.answered_t)
        last = answers[-1][0] if answers else None
        puzzles.append({
            "id": puzzle.id, "label": " ".join(puzzle.label().split()),
            "status": progress.status, "correct": progress.status == "solved",
            "fraction": float(progress.fraction), "points": puzzle_points(puzzle, progress),
            "max_points": puzzle.points, "wrong": progress.wrong, "hints": progress.hints,
            "time_s": time_s, "answer": last, "wrong_answers": wrong_answers,
            "answer_texts": _answer_texts(puzzle, dict.fromkeys(a for a, _c in answers), game),
            "skills": list(puzzle.skills), "theme": puzzle.theme, "team": progress.team,
            "type": puzzle.type, "scored": ptypes.get(puzzle.type).scored,
            "timed_out": puzzle_id in timed_out and progress.status == "failed",
        })
    team_name = _names(team, _("nom d’équipe"))
    return {
        "format": RESULT_FORMAT,
        "version": RESULT_VERSION,
        "game": {"id": game.id, "version": game.version, "content_hash": game.content_hash,
                 "title": game.title.get(),
                 "skills": {skill_id: skill.label.get() for skill_id, skill in game.skills.items()},
                 "themes": {t: theme_label(t, game) for t in dict.fromkeys(
                     game.puzzles[p].theme for p in in_play(game, state)) if t}},
        "who": {"pseudonym": _names(pseudonym, _("pseudonyme"), required=True),
                "group": _names(group, _("code de groupe")), "team": team_name,
                "members": [m for m in dict.fromkeys(_names(m, _("pseudonyme")) for m in members) if m]},
        "machine": machine_id() if machine is None else machine,
        "started_at": started_at,
        "duration_s": float(state.t),
        "ended": state.ending is not None,
        "ending": state.ending,
        "success": success if state.ending is not None else None,
        "end": _end(game, state, success, time_up),
        "time_up": time_up,
        "score": sum(p["points"] for p in puzzles),
        "max_score": sum(p["max_points"] for p in puzzles),
        "hints": sum(p["hints"] for p in puzzles),
        "puzzles": puzzles,
    }


# --- writing --------------------------------------------------------------------------

def _slug(text: str, limit: int = 24) -> str:
    bare = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return re.sub(r"[^A-Za-z0-9]+", "-", bare).strip("-").lower()[:limit].strip("-")


def file_name(result: dict[str, Any]) -> str:
    """A file name that is safe everywhere (ASCII, no reserved name, no path) and unique
    per attempt: game, pseudonym and start time, plus a short hash of the exact
    pseudonym and start so that « Léa » and « Lea » never overwrite each other."""
    who = result["who"]["pseudonym"]
    started = result["started_at"]
    stamp = re.sub(r"[^0-9]", "", started)[:14]
    digest = hashlib.sha256(f"{who}\n{started}\n{result['game']['id']}".encode()).hexdigest()[:8]
    parts = [_slug(result["game"]["id"]) or "jeu", _slug(who) or "eleve", stamp, digest]
    return "_".join(p for p in parts if p) + ".json"


def write_result(result: dict[str, Any], folder: Path) -> Path:
    """Write ``result`` into ``folder`` atomically (a pulled USB key leaves the old file
    or the new one, never half of one); returns the file written."""
    parse_result(result)  # never hand over a file the report would refuse
    path = Path(folder) / file_name(result)
    write_atomic(path, json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    return path


# --- reading --------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """What happened to a file that was not taken as it is."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass
class Reading:
    """The usable results of one game, and a message for every file set aside or merged."""

    results: list[Result] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    merged: int = 0  # copies of an attempt already counted
    game_id: str = ""  # the game summarised
    # Every game found, with its title and number of attempts, the most frequent first.
    games: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Files set aside: unusable, or of another game."""
        return self.files - len(self.results) - self.merged


def find_result_files(paths: Iterable[Path], on_entry: Callable[[Path], None] | None = None) -> list[Path]:
    """The files named, and the ``.json`` files found in the folders named (with their
    sub-folders: platforms often hand back one folder per pupil), in a stable order.
    A summary written by ``sesame report`` in the same folder is not a result.
    ``on_entry`` is called with every file and folder seen (the player shows progress
    and may stop the scan by raising from it); links to folders are not followed."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            found.append(path)
            continue
        inside: list[str] = []
        pending = [str(path)]
        while pending:
            folder = pending.pop()
            if on_entry is not None:
                on_entry(Path(folder))
            try:
                entries = list(os.scandir(folder))
            except OSError:  # a folder that went away or cannot be listed, as os.walk skips it
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                    continue
                if on_entry is not None:
                    on_entry(Path(entry.path))
                name = entry.name
                if name.endswith(".json") and name not in SUMMARY_FILES and entry.is_file():
                    inside.append(entry.path)
        # Sorted as paths are (part by part), as strings for speed: 10 000 files.
        found.extend(map(Path, sorted(inside, key=_path_order)))
    return list(dict.fromkeys(found))


def _path_order(path: str) -> list[str]:
    return os.path.normcase(path).split(os.sep)


def read_result(path: Path, table: Table | None = None, quick: bool = True) -> Result:
    """One result file, or ResultError saying why it cannot be used. Only a regular
    file of at most ``MAX_FILE_BYTES`` is read: a FIFO or a device is refused at once.
    Its puzzles go to ``table``: the quick way first (``quickread``, unless ``quick`` is
    False), else the careful way (``parse_result``), which says what is wrong."""
    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except OSError as error:
        raise ResultError(_("fichier illisible ({error})").format(error=reason(error))) from None
    table = Table() if table is None else table
    if quick:
        from .quickread import quick_result  # here: the player writes results without msgspec

        result = quick_result(raw, str(path), table)
        if result is not None:
            return result
    if not raw.strip():
        raise ResultError(_("fichier vide"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ResultError(_("ce n’est pas un fichier texte : abîmé, ou pas un résultat de Sésame")) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise _unreadable(text, error) from None
    except ResultError:
        raise
    except ValueError:  # an integer of thousands of digits, beyond what Python converts
        raise ResultError(_("fichier modifié à la main ou abîmé : {what}").format(
            what=_("un nombre démesuré"))) from None
    except RecursionError:
        raise ResultError(_("ce n’est pas un fichier de résultat de Sésame")) from None
    return parse_result(data, str(path), table)


def _unreadable(text: str, error: json.JSONDecodeError) -> ResultError:
    """Why JSON could not be read, in the words that help: another kind of file, a copy
    cut short (a USB key pulled out), or a file damaged in the middle."""
    if error.pos <= len(text) - len(text.lstrip()):
        return ResultError(_("ce n’est pas un fichier de résultat de Sésame"))
    if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
        return ResultError(_("fichier tronqué : il s’arrête avant la fin (copie interrompue ?)"))
    return ResultError(_("contenu abîmé (JSON illisible ligne {line}, colonne {column})").format(
        line=error.lineno, column=error.colno))


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while thousands of results pile up: they hold
    no cycles, and each collection would walk them all again (a third of the time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _refuse_constant(name: str) -> Any:
    """JSON has no NaN nor Infinity; Python's reader accepts them unless told not to."""
    raise ResultError(_("fichier modifié à la main ou abîmé : {what}").format(
        what=_("« {value} » n’est pas un nombre possible").format(value=name)))


def _more_complete(a: Result, b: Result) -> Result:
    """Of two copies of one attempt, the one that went furthest (a file written on
    demand mid-game, then again at the end)."""
    return max((a, b), key=lambda r: (r.ended, r.answered, r.duration_s))


QUICK_CHUNK = 200  # files read the quick way together (a few megabytes)


def _quickly(paths: Iterable[Path], table: Table) -> Iterator[tuple[Path, Result | None]]:
    """Each path, with its result when read the quick way (``quickread``, a chunk of
    files at a time); None for a file to read the careful way."""
    from .quickread import quick_results

    pending = iter(paths)
    while chunk := [p if isinstance(p, Path) else Path(p) for p in islice(pending, QUICK_CHUNK)]:
        files: list[tuple[bytes, str]] = []
        for name in map(str, chunk):
            try:
                files.append((read_bounded(name, MAX_FILE_BYTES), name))
            except OSError:  # said by the careful way
                files.append((b"", name))
        yield from zip(chunk, quick_results(files, table))


def read_results(paths: Iterable[Path], game: str | None = None) -> Reading:
    """Every usable result among ``paths``; never raises for a bad file.

    Unusable files are skipped with a message; copies of one attempt (same pseudonym
    or team, game and start) are merged into the most complete one, said once per attempt.
    One game is summarised: ``game`` when the teacher names it, else the one with the
    most attempts; when several games are found, which one was taken and the others
    are said first (a few forged files of another game never decide silently), and
    each file of another game is set aside with a message.
    """
    reading = Reading()
    table = Table()  # the puzzles of every result read, as compact columns
    by_key: dict[tuple[str, str, str, str, str], Result] = {}
    copies: dict[tuple[str, str, str, str, str], list[str]] = {}
    with _no_gc():
        for path, quick in _quickly(paths, table):
            reading.files += 1
            try:
                result = quick or read_result(path, table, quick=False)
            except ResultError as error:
                reading.problems.append(Problem(str(path), _("{reason} ; fichier ignoré").format(
                    reason=error)))
                continue
            key = result.key
            if key in by_key:
                by_key[key] = _more_complete(by_key[key], result)
                copies[key].append(str(path))
            else:
                by_key[key] = result
                copies[key] = [str(path)]
    for key, files in copies.items():
        if len(files) > 1:
            reading.merged += len(files) - 1
            reading.problems.append(Problem(files[0], _(
                "« {who} » : {n} fichiers pour la même partie (commencée le {start}), "
                "comptée une seule fois").format(who=key[1], n=len(files), start=when(key[4]))))
    counts = Counter(r.game_id for r in by_key.values())
    titles: dict[str, str] = {}
    for r in by_key.values():
        titles.setdefault(r.game_id, r.game_title or r.game_id)
    reading.games = [(g, titles[g], n) for g, n in sorted(counts.items(), key=lambda kv: -kv[1])]
    if game is not None:
        main_game = game
        if game not in counts:
            found = ", ".join(_("« {id} » ({n})").format(id=g, n=n) for g, _t, n in reading.games)
            reading.problems.insert(0, Problem("", _(
                "aucun résultat du jeu « {game} » parmi ces fichiers ; jeux trouvés : {found}").format(
                    game=game, found=found or _("aucun"))))
            return reading
    elif counts:
        main_game = reading.games[0][0]
    else:
        return reading
    reading.game_id = main_game
    title = titles[main_game]
    others = [(g, t, n) for g, t, n in reading.games if g != main_game]
    if others:
        listed = "; ".join(ngettext("« {title} » (identifiant {id}) : {n} résultat",
                                    "« {title} » (identifiant {id}) : {n} résultats", n).format(
                                        title=t, id=g, n=n) for g, t, n in others)
        why = _("choisi par l’enseignant") if game is not None else _("celui qui a le plus de résultats")
        reading.problems.insert(0, Problem("", _(
            "Plusieurs jeux parmi ces fichiers. Synthèse du jeu « {title} » (identifiant {id}, "
            "{n} résultats, {why}). Autres jeux, laissés de côté : {others}. Pour un autre jeu : "
            "sesame report … --game IDENTIFIANT").format(
                title=title, id=main_game, n=counts[main_game], why=why, others=listed)))
    for result in by_key.values():
        if result.game_id == main_game:
            reading.results.append(result)
        else:
            reading.problems.append(Problem(result.path, _(
                "résultat du jeu « {other} », alors que la synthèse est celle du jeu "
                "« {game} » ; fichier ignoré (faites une synthèse par jeu)").format(
                    other=result.game_title or result.game_id, game=title)))
    hashes = Counter(r.content_hash for r in reading.results)
    if len(hashes) > 1:
        common = hashes.most_common(1)[0][0]
        other = sum(n for h, n in hashes.items() if h != common)
        reading.problems.append(Problem("", ngettext(
            "{n} résultat vient d’une autre version du jeu : ses questions sont comparées "
            "aux autres par leur identifiant",
            "{n} résultats viennent d’une autre version du jeu : leurs questions sont "
            "comparées aux autres par leur identifiant", other).format(n=other)))
    return reading
