"""Sharing games: ``sesame pack``, ``sesame import`` and ``sesame catalog``.

The package format and its checks live in ``engine.content.package`` (pure); this is
the command-line side, and the static catalogue: a folder any web host, school ENT,
shared drive or USB key can serve, with ``index.html`` (cards with a picture of each
game's first screen drawn by the real player, sorting and filtering with a little
script, no server, nothing fetched) and ``catalog.json`` (the same data, for tools).
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import sys
from pathlib import Path
from typing import Any

from .content.assets import printable_name
from .content.package import SUFFIX, Conflict, PackageError, install, pack, unpack
from .i18n import _
from .storage import reason as _reason

THUMBNAIL = (480, 270)


def _print_all(diagnostics: list[Any], stream: Any = sys.stderr) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=stream)


def pack_command(args: argparse.Namespace) -> int:
    from .cli import find_game

    folder = find_game(args.game)
    if folder is None:
        return 2
    folder = folder if folder.is_dir() else folder.parent
    try:
        target, report = pack(folder, Path(args.out))
    except PackageError as error:
        _print_all(error.diagnostics)
        print(_("sesame: jeu non empaqueté : corrigez d’abord ces erreurs (sesame check {game})").format(
            game=args.game), file=sys.stderr)
        return 1
    except OSError as error:
        print(_("sesame: impossible d’écrire le paquet dans « {path} » : {why}").format(
            path=args.out, why=_reason(error)), file=sys.stderr)
        return 1
    _print_all(report.warnings, sys.stdout)
    print(_("Paquet écrit : {path} ({size} ko)").format(path=target, size=max(1, target.stat().st_size // 1000)))
    return 0


def import_command(args: argparse.Namespace) -> int:
    from .paths import user_dir, user_home

    path = Path(args.package)
    try:
        unpacked = unpack(path, into=user_home())
    except PackageError as error:
        _print_all(error.diagnostics)
        print(_("sesame: paquet refusé, rien n’a été installé"), file=sys.stderr)
        return 1
    games = user_dir("games")  # made only for a package that passed every check
    try:
        try:
            done = install(unpacked, games, replace=args.replace)
        except Conflict as conflict:
            print(_("Le jeu « {id} » est déjà installé (version {old}) ; ce paquet a la version {new}.").format(
                id=conflict.game_id, old=conflict.installed_version, new=conflict.package_version))
            if not (args.replace or _confirm(_("Remplacer le jeu installé ? L’ancien sera gardé à part. [o/N] "))):
                print(_("Rien n’a été changé. Pour remplacer : sesame import {path} --replace").format(path=path))
                return 1
            done = install(unpacked, games, replace=True)
    finally:
        unpacked.discard()
    print(_("Jeu « {id} » installé dans {folder}").format(id=unpacked.game_id, folder=done.folder))
    if done.replaced is not None:
        print(_("L’ancienne version est gardée dans {folder}").format(folder=done.replaced))
    if done.bundled_version is not None:
        print(_("Sésame fournit aussi ce jeu (version {version}) : l’accueil montre désormais la version "
                "importée ; pour revenir à celle de Sésame, supprimez le dossier {folder}").format(
            version=done.bundled_version, folder=done.folder))
    return 0


def _confirm(question: str) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        return False
    try:
        return input(question).strip().lower() in ("o", "oui", "y", "yes")
    except EOFError:
        return False


# --- the catalogue --------------------------------------------------------------------------


def catalog_command(args: argparse.Namespace) -> int:
    source, out = Path(args.folder), Path(args.out)
    if not source.is_dir():
        print(_("sesame: dossier « {path} » introuvable").format(path=source), file=sys.stderr)
        return 2
    try:
        entries, refused = build_catalogue(source, out)
    except OSError as error:
        print(_("sesame: impossible d’écrire le catalogue dans « {path} » : {why}").format(
            path=out, why=_reason(error)), file=sys.stderr)
        return 1
    for name, diagnostics in refused:
        print(_("{file} : paquet refusé, absent du catalogue").format(file=name), file=sys.stderr)
        _print_all(diagnostics)
    print(_("Catalogue écrit : {path} ({n} jeux)").format(path=out / "index.html", n=len(entries)))
    return 0


def build_catalogue(source: Path, out: Path) -> tuple[list[dict[str, Any]], list[tuple[str, list[Any]]]]:
    """Check every package of ``source``, then write the static catalogue into ``out``:
    ``index.html``, ``catalog.json``, ``packages/`` (copies) and ``images/`` (first
    screens). Returns the entries and the refused packages with their reasons."""
    from .player.snapshot import first_screen  # the player draws; this module stays free of pygame

    entries: list[dict[str, Any]] = []
    refused: list[tuple[str, list[Any]]] = []
    (out / "packages").mkdir(parents=True, exist_ok=True)
    (out / "images").mkdir(exist_ok=True)
    for package in sorted(source.glob(f"*{SUFFIX}")):
        try:
            unpacked = unpack(package, solve=False)
        except PackageError as error:
            refused.append((package.name, error.diagnostics))
            continue
        try:
            manifest = unpacked.manifest
            stem = f"{manifest['id']}-{manifest.get('version', '')}"
            image = out / "images" / f"{stem}.png"
            first_screen(unpacked.folder, image, THUMBNAIL)
            if package.resolve() != (out / "packages" / package.name).resolve():
                shutil.copyfile(package, out / "packages" / package.name)
            entries.append(_entry(manifest, package.name, image.name, package.stat().st_size))
        finally:
            unpacked.discard()
    entries.sort(key=lambda e: e["title"].casefold())
    (out / "catalog.json").write_text(json.dumps({"catalog": 1, "games": entries}, ensure_ascii=False, indent=1),
                                      encoding="utf-8")
    (out / "index.html").write_text(page(entries), encoding="utf-8")
    return entries, refused


def _text(value: Any, lang: str = "fr") -> str:
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("fr") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def _entry(manifest: dict[str, Any], package: str, image: str, size: int) -> dict[str, Any]:
    audience: dict[str, Any] = manifest["audience"] if isinstance(manifest.get("audience"), dict) else {}
    duration: dict[str, Any] = manifest["duration"] if isinstance(manifest.get("duration"), dict) else {}
    authors = [a for a in manifest.get("authors") or [] if isinstance(a, dict)]
    number = lambda value: value if isinstance(value, int) and not isinstance(value, bool) else None  # noqa: E731
    return {
        "id": str(manifest["id"]), "version": str(manifest.get("version", "")),
        "title": printable_name(_text(manifest.get("title")), 200),
        "summary": printable_name(_text(manifest.get("summary")), 600),
        "genre": str(manifest.get("genre", "")),
        "age_min": number(audience.get("age_min")), "age_max": number(audience.get("age_max")),
        "duration_min": number(duration.get("min")), "duration_max": number(duration.get("max")),
        "themes": [printable_name(t, 60) for t in manifest.get("themes") or [] if isinstance(t, str)],
        "licence": printable_name(manifest.get("licence", ""), 60),
        "authors": [printable_name(", ".join(str(a[k]) for k in ("name", "organisation") if a.get(k)), 120)
                    for a in authors],
        "package": f"packages/{package}", "image": f"images/{image}", "bytes": size,
        "asset_credits": [
            {k: printable_name(str(c.get(k, "")), 200) for k in ("files", "author", "licence", "source") if c.get(k)}
            for c in manifest.get("asset_credits") or [] if isinstance(c, dict)],
    }


GENRES = {"escape": "Escape game", "quiz": "Quiz", "challenge": "Défi"}


def _image_credits(credits: list[dict[str, str]]) -> str:
    """The credits of a game's own pictures, from its ``asset_credits``."""
    if not credits:
        return ""
    esc = html.escape
    return '<p class="credits">Images&nbsp;: ' + "&nbsp;; ".join(
        esc(" — ".join(c[k] for k in ("files", "author", "licence", "source") if c.get(k))) for c in credits) + "</p>"


def _bundled_credits() -> str:
    from .credits import bundled, sentence

    return "".join(f"<li>{html.escape(sentence(c))}</li>" for c in bundled())


def page(entries: list[dict[str, Any]]) -> str:
    """``index.html``: every value escaped (a package is made by someone else)."""
    esc = html.escape
    themes = sorted({t for e in entries for t in e["themes"]}, key=str.casefold)
    cards = []
    for e in entries:
        ages = f"{e['age_min']}–{e['age_max']}\u00a0ans" if e["age_min"] is not None and e["age_max"] is not None else ""
        minutes = (f"{e['duration_min']}–{e['duration_max']}\u00a0min"
                   if e["duration_min"] is not None and e["duration_max"] is not None else "")
        facts = " · ".join(esc(x) for x in (GENRES.get(e["genre"], e["genre"]), ages, minutes) if x)
        cards.append(f"""<article class="card" data-title="{esc(e['title'].casefold())}" \
data-age-min="{e['age_min'] or 0}" data-age-max="{e['age_max'] or 99}" data-duration="{e['duration_max'] or 0}" \
data-themes="{esc('|'.join(e['themes']))}">
  <img src="{esc(e['image'])}" alt="Premier écran du jeu «&nbsp;{esc(e['title'])}&nbsp;»" width="480" height="270">
  <h2>{esc(e['title'])}</h2>
  <p class="facts">{facts}</p>
  <p>{esc(e['summary'])}</p>
  <p class="themes">{''.join(f'<span>{esc(t)}</span>' for t in e['themes'])}</p>
  <p class="credits">{esc(', '.join(e['authors']) or 'Autrices et auteurs non indiqués')} — licence \
{esc(e['licence'] or 'non indiquée')} — version {esc(e['version'])}</p>
  {_image_credits(e.get('asset_credits') or [])}
  <p><a class="download" href="{esc(e['package'])}" download>Télécharger ({max(1, e['bytes'] // 1000)}&nbsp;ko)</a></p>
</article>""")
    options = "".join(f'<option value="{esc(t)}">{esc(t)}</option>' for t in themes)
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Catalogue de jeux Sésame</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0; background: #eef1f5; color: #1b2430; }}
header {{ background: #1b5e8c; color: #fff; padding: 1rem 2rem; }}
header p {{ margin: .3rem 0 0; }}
form {{ display: flex; flex-wrap: wrap; gap: 1rem; padding: 1rem 2rem; align-items: end; }}
label {{ display: flex; flex-direction: column; font-weight: 600; gap: .3rem; }}
select, input {{ font: inherit; padding: .4rem; }}
main {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1.5rem; padding: 0 2rem 2rem; }}
.card {{ background: #fff; border-radius: 10px; padding: 1rem; box-shadow: 0 1px 3px #0003; }}
.card img {{ width: 100%; height: auto; border-radius: 6px; border: 1px solid #ccd; }}
.card h2 {{ font-size: 1.25rem; margin: .6rem 0 .2rem; }}
.facts {{ font-weight: 600; color: #1b5e8c; }}
.themes span {{ display: inline-block; background: #e4ecf5; border-radius: 1rem; padding: .1rem .6rem; margin: 0 .3rem .3rem 0; }}
.credits {{ font-size: .9rem; color: #444; }}
.download {{ display: inline-block; background: #1b5e8c; color: #fff; padding: .5rem 1rem; border-radius: 6px; text-decoration: none; font-weight: 600; }}
.download:focus, select:focus, input:focus {{ outline: 3px solid #f0a500; outline-offset: 2px; }}
#none {{ padding: 0 2rem; }}
footer {{ padding: 0 2rem 2rem; font-size: .9rem; color: #444; }}
footer h2 {{ font-size: 1.1rem; }}
</style>
</head>
<body>
<header><h1>Catalogue de jeux Sésame</h1>
<p>{len(entries)} {'jeu' if len(entries) == 1 else 'jeux'} à télécharger, gratuits. Un fichier .sesame s’ouvre avec Sésame&nbsp;: «&nbsp;Importer un jeu&nbsp;» sur l’accueil.</p></header>
<form id="filters" onsubmit="return false">
  <label>Âge des joueuses et joueurs <input id="age" type="number" min="6" max="99" placeholder="tous"></label>
  <label>Durée au plus (minutes) <input id="duration" type="number" min="1" max="600" placeholder="toutes"></label>
  <label>Thème <select id="theme"><option value="">tous</option>{options}</select></label>
  <label>Trier par <select id="sort"><option value="title">titre</option><option value="duration">durée</option><option value="age">âge</option></select></label>
</form>
<p id="none" hidden>Aucun jeu ne correspond à ces critères.</p>
<main id="games">
{chr(10).join(cards)}
</main>
<footer><h2>Crédits de Sésame</h2><p>Les premiers écrans sont dessinés par Sésame avec ses polices \
et sa bibliothèque d’images&nbsp;:</p><ul>{_bundled_credits()}</ul></footer>
<script>
(function () {{
  var main = document.getElementById("games");
  var cards = Array.prototype.slice.call(main.querySelectorAll(".card"));
  function value(id) {{ return document.getElementById(id).value; }}
  function apply() {{
    var age = parseInt(value("age"), 10), duration = parseInt(value("duration"), 10), theme = value("theme");
    var shown = 0;
    cards.forEach(function (card) {{
      var d = card.dataset, ok = true;
      if (!isNaN(age)) ok = ok && age >= +d.ageMin && age <= +d.ageMax;
      if (!isNaN(duration)) ok = ok && +d.duration <= duration;
      if (theme) ok = ok && d.themes.split("|").indexOf(theme) >= 0;
      card.hidden = !ok; if (ok) shown++;
    }});
    document.getElementById("none").hidden = shown > 0;
    var key = value("sort");
    cards.slice().sort(function (a, b) {{
      if (key === "duration") return (+a.dataset.duration) - (+b.dataset.duration);
      if (key === "age") return (+a.dataset.ageMin) - (+b.dataset.ageMin);
      return a.dataset.title.localeCompare(b.dataset.title, "fr");
    }}).forEach(function (card) {{ main.appendChild(card); }});
  }}
  document.getElementById("filters").addEventListener("input", apply);
  apply();
}})();
</script>
</body>
</html>
"""
