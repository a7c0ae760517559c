"""Load a game folder: YAML files → merged plain data → schema → model.

Every problem comes back as a located ``Diagnostic`` (``file:line:col``), all of them
at once. Data from included files is merged into the manifest's lists; ``Origins``
remembers which file and which position each merged element came from, so an error
in ``puzzles[12]`` is reported in the file and at the line where that puzzle is
written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..core import puzzles
from ..core.model import Game
from . import assets, cache, migrate
from .build import COMMON_PUZZLE_FIELDS, build_game
from .diagnostics import ContentError, Diagnostic, Severity
from .suggest import did_you_mean
from .yamlread import MAX_FILE_BYTES, YamlError, locate, read_file, read_text

MANIFEST = "game.yaml"
# Top-level lists an included file may add to.
MERGEABLE = ("sources", "skills", "items", "documents", "puzzles", "rooms", "triggers", "endings")


@dataclass
class Origins:
    """Maps a path in the merged data back to a file and a path inside that file."""

    folder: Path
    manifest: str = MANIFEST
    texts: dict[str, str] = field(default_factory=dict)  # file name -> YAML text
    elements: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)

    def where(self, path: tuple[Any, ...], on_key: bool = False, offset: int = 0) -> tuple[str, int, int]:
        file, inner = self.manifest, path
        if len(path) >= 2 and (path[0], path[1]) in self.elements:
            file, index = self.elements[(path[0], path[1])]
            inner = (path[0], index) + tuple(path[2:])
        text = self.texts.get(file)
        if text is None:  # loaded from the cache: read the file only now
            try:
                text = self.texts[file] = assets.read(self.folder, file, MAX_FILE_BYTES).decode("utf-8-sig")
            except (assets.Refused, UnicodeDecodeError):
                return file, 0, 0
        line, col = locate(text, inner, key=on_key)
        return file, line, col + offset

    def diagnostic(self, path: tuple[Any, ...], message: str, code: str,
                   severity: Severity = Severity.ERROR, on_key: bool = False,
                   offset: int = 0) -> Diagnostic:
        file, line, col = self.where(path, on_key, offset)
        return Diagnostic(file, line, col, message, severity, code)


@dataclass(frozen=True)
class Loaded:
    """A game that loaded: its model, its merged data, where each part came from, and
    warnings. The linter works on all of them."""

    game: Game
    data: dict[str, Any]
    origins: Origins
    warnings: tuple[Diagnostic, ...]


def find_manifest(path: Path) -> Path:
    return path / MANIFEST if path.is_dir() else path


def hash_files(folder: Path, names: list[str]) -> str:
    digest = hashlib.sha256(f"sesame {__version__} format {migrate.CURRENT}".encode())
    for name in names:
        digest.update(name.encode() + b"\0")
        try:
            digest.update(assets.read(folder, name, MAX_FILE_BYTES))
        except assets.Refused:
            digest.update(b"<missing>")
    return digest.hexdigest()


def load_game(path: Path | str, use_cache: bool = True) -> Loaded:
    """Load and validate the game at ``path`` (a folder or its game.yaml).

    Raises ContentError with every diagnostic when the game cannot be played.
    """
    from ..i18n import _

    manifest = find_manifest(Path(path))
    folder = manifest.parent
    if not manifest.is_file():
        raise ContentError([Diagnostic(str(manifest), 0, 0, _(
            "pas de fichier game.yaml ici : un jeu est un dossier qui contient game.yaml"),
            code="load.no_manifest")])
    try:
        assets.resolve(folder, manifest.name)
    except assets.Refused as refused:  # a link to a file elsewhere: its content is not this game's
        raise ContentError([Diagnostic(manifest.name, 0, 0, refused.reason, code="load.manifest_outside")]) \
            from None
    if use_cache:
        hit = cache.lookup(manifest)
        if hit is not None:
            data, warnings, content_hash, elements = hit
            origins = Origins(folder, elements=elements)
            return Loaded(build_game(data, folder, content_hash), data, origins, warnings)

    origins = Origins(folder)
    data, diagnostics, files = _read_all(folder, origins)
    if not data or any(d.code.startswith("format.") for d in diagnostics):
        raise ContentError(diagnostics)
    # Problems with included files do not stop validation: report everything at once.
    diagnostics.extend(_schema_diagnostics(data, origins))
    if any(d.severity is Severity.ERROR for d in diagnostics):
        raise ContentError(diagnostics)
    content_hash = hash_files(folder, files)
    game = build_game(data, folder, content_hash)
    warnings = tuple(diagnostics)
    if use_cache:
        cache.store(manifest, files, content_hash, data, warnings, origins.elements)
    return Loaded(game, data, origins, warnings)


def _read_all(folder: Path, origins: Origins) -> tuple[dict[str, Any], list[Diagnostic], list[str]]:
    """Read the manifest and its includes, merge them, and migrate the result."""
    from ..i18n import _

    diagnostics: list[Diagnostic] = []
    data = _read_one(folder, MANIFEST, origins, diagnostics)
    if data is None:
        if not diagnostics:
            diagnostics.append(Diagnostic(MANIFEST, 1, 1, _(
                "game.yaml est vide : il commence par « format: 1 », puis « id: », « title: »…"),
                code="load.empty"))
        return {}, diagnostics, [MANIFEST]
    if not isinstance(data, dict):
        diagnostics.append(Diagnostic(MANIFEST, 1, 1, _(
            "game.yaml doit être un bloc de champs (id: …, title: …), pas {what}").format(
            what=_("une liste") if isinstance(data, list) else _("un texte seul")),
            code="load.not_mapping"))
        return {}, diagnostics, [MANIFEST]
    diagnostics.extend(migrate.upgrade(data, origins))
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return data, diagnostics, [MANIFEST]
    for key in MERGEABLE:
        for index in range(len(data.get(key) or []) if isinstance(data.get(key), list) else 0):
            origins.elements[(key, index)] = (MANIFEST, index)
    files = [MANIFEST]
    includes = data.get("include", [])
    for position, name in enumerate(includes if isinstance(includes, list) else []):
        if not isinstance(name, str):
            continue  # the schema reports it
        try:  # where it is and what it is; its size is a YAML matter, said by _read_one
            assets.regular_file(folder, name, limit=2**62)
        except assets.Refused as refused:
            diagnostics.append(origins.diagnostic(("include", position), _include_problem(
                refused, name, folder, files), f"load.include_{refused.code}"))
            continue
        files.append(name)
        part = _read_one(folder, name, origins, diagnostics)
        if part is None:
            continue  # empty, or unreadable (already reported)
        if not isinstance(part, dict):
            diagnostics.append(Diagnostic(name, 1, 1, _(
                "un fichier inclus est un bloc de listes (puzzles: …, documents: …)"),
                code="load.not_mapping"))
            continue
        for key, value in part.items():
            if key not in MERGEABLE:
                diagnostics.append(Diagnostic(name, *locate(origins.texts[name], (key,), key=True), _(
                    "« {key} » ne peut pas être dans un fichier inclus (possibles : {keys})").format(
                    key=key, keys=", ".join(MERGEABLE)) + did_you_mean(key, MERGEABLE),
                    code="load.include_key"))
                continue
            if not isinstance(value, list):
                diagnostics.append(Diagnostic(name, *locate(origins.texts[name], (key,)), _(
                    "« {key} » doit être une liste (lignes qui commencent par « - »)").format(key=key),
                    code="schema.type"))
                continue
            merged = data.setdefault(key, [])
            if not isinstance(merged, list):
                continue  # the schema reports the manifest's mistake
            for index, element in enumerate(value):
                origins.elements[(key, len(merged))] = (name, index)
                merged.append(element)
    return data, diagnostics, files


def _include_problem(refused: assets.Refused, name: str, folder: Path, files: list[str]) -> str:
    from ..i18n import _

    if refused.code == "missing":
        present = [p.name for p in folder.glob("*.y*ml") if p.name not in (MANIFEST, *files)]
        return _("fichier inclus « {name} » introuvable dans le dossier du jeu").format(
            name=assets.printable_name(name)) + did_you_mean(name, present)
    if refused.code == "outside":
        return _("« {name} » sort du dossier du jeu : incluez un fichier du dossier").format(
            name=assets.printable_name(name))
    return refused.reason


def _read_one(folder: Path, name: str, origins: Origins, diagnostics: list[Diagnostic]) -> Any:
    """Read one file of the game through the resolver (inside the folder, a regular
    file, bounded), keeping its text for locating messages."""
    try:
        text = assets.read(folder, name, MAX_FILE_BYTES).decode("utf-8-sig")
        result = read_text(text, name)
    except YamlError as error:
        diagnostics.append(error.diagnostic)
        return None
    except (assets.Refused, UnicodeDecodeError) as error:
        diagnostics.append(_reading_problem(folder, name, error))
        return None
    origins.texts[name] = text
    diagnostics.extend(result.diagnostics)
    return result.data


def _reading_problem(folder: Path, name: str, error: Exception) -> Diagnostic:
    """Why a game file cannot be read. Size and encoding are YAML matters with their
    own located messages (yamlread.read_file), given once the file is known regular."""
    if not isinstance(error, assets.Refused) or error.code == "size":
        try:
            read_file(assets.resolve(folder, name), name)
        except (YamlError, assets.Refused) as again:
            if isinstance(again, YamlError):
                return again.diagnostic
    reason = error.reason if isinstance(error, assets.Refused) else str(error)
    code = f"load.{error.code}" if isinstance(error, assets.Refused) else "yaml.encoding"
    return Diagnostic(name, 0, 0, reason, code=code)


def _schema_diagnostics(data: dict[str, Any], origins: Origins) -> list[Diagnostic]:
    from .schema import validate  # jsonschema is only imported when a game is not cached

    problems = validate(data)
    problems.extend(_unused_puzzle_fields(data))
    return [origins.diagnostic(p.path, p.message, p.code, on_key=p.on_key, offset=p.offset)
            for p in problems]


def _unused_puzzle_fields(data: dict[str, Any]) -> list[Any]:
    """A field another puzzle type uses is accepted by the schema; say it is ignored here."""
    from ..i18n import _
    from .schema import SchemaProblem, schema

    known = frozenset(schema()["$defs"]["puzzle"]["properties"])
    problems = []
    found = data.get("puzzles")
    for index, raw in enumerate(found if isinstance(found, list) else []):
        if not isinstance(raw, dict) or not isinstance(raw.get("type"), str) \
                or raw["type"] not in puzzles.REGISTRY:
            continue
        allowed = COMMON_PUZZLE_FIELDS | puzzles.get(raw["type"]).fields
        for key in raw:
            if key not in allowed and key in known:  # unknown keys: the schema says
                problems.append(SchemaProblem(("puzzles", index, key), _(
                    "le champ « {key} » ne sert pas dans une énigme de type {type} : "
                    "retirez-le ou changez de type").format(key=key, type=raw["type"])
                    + did_you_mean(key, sorted(allowed)), "schema.unused_field", on_key=True))
    return problems
