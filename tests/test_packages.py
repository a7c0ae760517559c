"""``.sesame`` packages: a round trip through pack, check and import, and hostile
packages refused before anything is written outside a temporary folder."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from engine.content import package as pkg
from engine.content.package import Conflict, PackageError, check_package, install, pack, unpack

from .conftest import GAMES, ROOT


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target, report = pack(GAMES / "metiers_industrie", tmp_path_factory.mktemp("packed"))
    assert not report.errors and not report.warnings
    return target


def sesame(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SESAME_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "engine", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=120, stdin=subprocess.DEVNULL)


def test_round_trip_on_an_empty_user_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path / "home"
    done = sesame("pack", "metiers_industrie", "--out", str(tmp_path), home=home)
    assert done.returncode == 0, done.stderr
    [package] = tmp_path.glob("metiers_industrie-*.sesame")
    assert package.name == "metiers_industrie-1.0.0.sesame"
    checked = sesame("check", str(package), home=home)
    assert checked.returncode == 0 and "0 erreur" in checked.stdout, checked.stdout + checked.stderr
    assert not (home / "games").exists() or not any((home / "games").iterdir())  # check installs nothing
    imported = sesame("import", str(package), home=home)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert "Sésame fournit aussi ce jeu (version 1.0.0)" in imported.stdout
    installed = home / "games" / "metiers_industrie"
    assert (installed / "game.yaml").read_bytes() == (GAMES / "metiers_industrie" / "game.yaml").read_bytes()
    # by its id, the imported game stands in for the bundled one of the same id
    assert sesame("check", "metiers_industrie", home=home).returncode == 0
    assert sesame("replay", "metiers_industrie", home=home).returncode == 0
    from engine.cli import resolve_game
    from engine.content.catalog import list_games

    monkeypatch.setenv("SESAME_HOME", str(home))
    assert resolve_game("metiers_industrie") == installed
    # one card for the game on the home screen, the imported one
    assert [c.path for c in list_games() if c.id == "metiers_industrie"] == [str(installed)]
    assert {c.id for c in list_games() if c.bundled} == {"alimentation", "escape_fake_news", "stereotypes"}


def test_the_same_game_again_is_replaced_only_on_request_and_the_old_one_kept(tmp_path: Path, packed: Path):
    games = tmp_path / "games"
    install(unpack(packed, into=tmp_path), games)
    (games / "metiers_industrie" / "note.txt").write_text("version modifiée à la main")
    again = unpack(packed, into=tmp_path)
    with pytest.raises(Conflict) as conflict:
        install(again, games)
    assert (conflict.value.installed_version, conflict.value.package_version) == ("1.0.0", "1.0.0")
    assert (games / "metiers_industrie" / "note.txt").exists()  # untouched
    done = install(again, games, replace=True)
    assert done.replaced is not None and (done.replaced / "note.txt").exists()
    assert not (games / "metiers_industrie" / "note.txt").exists()
    assert not list(tmp_path.glob("sesame-import-*"))


def test_the_same_game_packs_to_the_same_bytes(tmp_path: Path, packed: Path):
    again, _report = pack(GAMES / "metiers_industrie", tmp_path)
    assert again.read_bytes() == packed.read_bytes()


def test_an_invalid_game_is_not_packed(tmp_path: Path):
    with pytest.raises(PackageError) as refused:
        pack(ROOT / "tests" / "broken" / "missing_fields", tmp_path)
    assert refused.value.diagnostics and not list(tmp_path.glob("*.sesame"))


# --- hostile packages -------------------------------------------------------------------


def forge(source: Path, target: Path, add: list[tuple[str, bytes, int]] = (), drop: tuple[str, ...] = (),
          manifest: dict | None = None, hashed: bool = True) -> Path:
    """A copy of ``source`` with entries added (name, bytes, unix mode), dropped, or a
    manifest changed; added files are listed in the manifest with their true hash
    unless ``hashed`` is False."""
    import hashlib

    with zipfile.ZipFile(source) as original:
        data = json.loads(original.read("sesame.json"))
        entries = [(i, original.read(i)) for i in original.infolist() if i.filename != "sesame.json"]
    for name, content, _mode in add:
        if hashed:
            data["files"][name] = hashlib.sha256(content).hexdigest()
    data.update(manifest or {})
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("sesame.json", json.dumps(data))
        for info, content in entries:
            if info.filename not in drop:
                out.writestr(info, content)
        for name, content, mode in add:
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, content)
    return target


REGULAR = stat.S_IFREG | 0o644
HOSTILE = {
    "dotdot": dict(add=[("metiers_industrie/../../evil.txt", b"x", REGULAR)]),
    "absolute": dict(add=[("/tmp/evil.txt", b"x", REGULAR)]),
    "drive": dict(add=[("C:/Windows/evil.txt", b"x", REGULAR)]),
    "backslash": dict(add=[("metiers_industrie\\..\\evil.txt", b"x", REGULAR)]),
    "outside_the_game": dict(add=[("other/evil.txt", b"x", REGULAR)]),
    "symlink": dict(add=[("metiers_industrie/lien", b"/etc/passwd", stat.S_IFLNK | 0o777)]),
    "fifo": dict(add=[("metiers_industrie/tube", b"", stat.S_IFIFO | 0o644)]),
    "case": dict(add=[("metiers_industrie/GAME.yaml", b"x", REGULAR)]),
    "bomb": dict(add=[("metiers_industrie/zeros.bin", bytes(20_000_000), REGULAR)]),
    "checksum": dict(add=[("metiers_industrie/extra.txt", b"x", REGULAR)], hashed=False),
    "tampered": dict(manifest={"files": None}),
    "missing_file": dict(drop=("metiers_industrie/puzzles.yaml",)),
    "newer_engine": dict(manifest={"format": 99, "engine": {"needs": "9.0.0"}}),
    "device_name": dict(add=[("metiers_industrie/images/CON.png", b"x", REGULAR)]),
}
CODES = {"dotdot": "outside", "absolute": "path", "drive": "path", "backslash": "path",
         "outside_the_game": "outside", "symlink": "not_file", "fifo": "not_file", "case": "case",
         "bomb": "bomb", "checksum": "checksum", "tampered": "bad_manifest", "missing_file": "checksum",
         "newer_engine": "too_new", "device_name": "path"}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_packages_are_refused_before_anything_is_written(case: str, tmp_path: Path, packed: Path):
    options = dict(HOSTILE[case])
    if case == "tampered":
        with zipfile.ZipFile(packed) as original:
            files = json.loads(original.read("sesame.json"))["files"]
        files["metiers_industrie/game.yaml"] = "0" * 64
        options["manifest"] = {"files": files}
    forged = forge(packed, tmp_path / f"{case}.sesame", **options)
    workspace = tmp_path / "home"
    workspace.mkdir()
    with pytest.raises(PackageError) as refused:
        unpack(forged, into=workspace)
    [diagnostic] = refused.value.diagnostics
    expected = {CODES[case] if case != "tampered" else "checksum"}
    if case == "backslash":  # Python's zipfile on Windows reads « \\ » as « / »: then « .. » refuses it
        expected.add("outside")
    assert diagnostic.code in {f"package.{code}" for code in expected}, (diagnostic.code, diagnostic.message)
    assert diagnostic.file.startswith(f"{case}.sesame")
    assert list(workspace.iterdir()) == []  # the temporary folder is gone too
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil.txt").exists()
    report = check_package(forged)
    assert report.errors and str(report.errors[0]).count("erreur") == 1


def test_not_a_package(tmp_path: Path):
    (tmp_path / "texte.sesame").write_text("bonjour")
    (tmp_path / "dossier.sesame").mkdir()
    for path, code in ((tmp_path / "texte.sesame", "not_zip"), (tmp_path / "dossier.sesame", "not_file")):
        with pytest.raises(PackageError) as refused:
            unpack(path, into=tmp_path)
        assert refused.value.diagnostics[0].code == f"package.{code}"
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "tube.sesame")
        with pytest.raises(PackageError) as refused:
            unpack(tmp_path / "tube.sesame", into=tmp_path)
        assert refused.value.diagnostics[0].code == "package.not_file"


def test_too_many_entries(tmp_path: Path, packed: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pkg, "MAX_ENTRIES", 5)
    with pytest.raises(PackageError) as refused:
        unpack(packed, into=tmp_path)
    assert refused.value.diagnostics[0].code == "package.entries"


def test_too_many_entries_refused_before_the_zip_is_listed(tmp_path: Path, packed: Path,
                                                          monkeypatch: pytest.MonkeyPatch):
    """Listing a million entries costs a minute and 600 MB: the count in the zip's end
    record is read first, and so is the size of its directory (which a liar cannot hide)."""
    many = tmp_path / "many.sesame"
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("sesame.json", "{}")
        for index in range(pkg.MAX_ENTRIES + 1):
            archive.writestr(f"metiers_industrie/f{index}.txt", b"")
    (tmp_path / "home").mkdir()

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the zip's directory was read")

    monkeypatch.setattr(pkg.zipfile, "ZipFile", never)
    for limits in ({}, {"MAX_ENTRIES": 10**9, "MAX_DIRECTORY_BYTES": 10_000}):  # the count, the size
        for name, value in limits.items():
            monkeypatch.setattr(pkg, name, value)
        with pytest.raises(PackageError) as refused:
            unpack(many, into=tmp_path / "home")
        assert refused.value.diagnostics[0].code == "package.entries"
    assert list((tmp_path / "home").iterdir()) == []


def test_more_bytes_than_the_limit_refused_before_anything_is_written(tmp_path: Path, packed: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pkg, "MAX_TOTAL_BYTES", 20_000)
    with zipfile.ZipFile(packed) as archive, pytest.raises(PackageError):
        # the entries are all checked, as a list, before the first is written
        list(pkg._entries(archive, json.loads(archive.read("sesame.json")), packed.name))
    with pytest.raises(PackageError) as refused:
        unpack(packed, into=tmp_path)
    assert refused.value.diagnostics[0].code == "package.too_big"
    assert "une fois décompressé" in refused.value.diagnostics[0].message
    assert list(tmp_path.iterdir()) == []


def test_an_entry_bigger_than_its_header_says_is_refused(tmp_path: Path, packed: Path):
    """A header that lies about an entry's size: never more than the declared size is
    read (then the CRC fails), and the bytes are counted while they are written."""
    import struct

    liar = tmp_path / "liar.sesame"
    liar.write_bytes(packed.read_bytes())
    with zipfile.ZipFile(liar) as archive:
        info = archive.getinfo("metiers_industrie/game.yaml")
        directory = archive.start_dir
    raw = bytearray(liar.read_bytes())
    struct.pack_into("<I", raw, info.header_offset + 22, 100)  # the local header's size
    record = raw.index(b"PK\x01\x02", directory)
    while raw[record + 46:record + 46 + len(info.filename)] != info.filename.encode():
        record = raw.index(b"PK\x01\x02", record + 4)
    struct.pack_into("<I", raw, record + 24, 100)  # the directory's size
    liar.write_bytes(bytes(raw))
    (tmp_path / "home").mkdir()
    with pytest.raises(PackageError) as refused:
        unpack(liar, into=tmp_path / "home")
    assert refused.value.diagnostics[0].code in ("package.damaged", "package.too_big", "package.checksum")
    assert list((tmp_path / "home").iterdir()) == []


def test_a_newer_package_says_which_version_it_needs(tmp_path: Path, packed: Path):
    forged = forge(packed, tmp_path / "new.sesame", manifest={"format": 99, "engine": {"needs": "9.0.0"}})
    report = check_package(forged)
    assert "version 9.0.0 au moins" in report.errors[0].message


def test_every_game_format_says_which_engine_reads_it():
    from engine.content.migrate import CURRENT

    assert set(pkg.ENGINE_FOR_FORMAT) == set(range(1, CURRENT + 1))


def test_import_from_the_home_screen_by_keyboard_and_mouse(tmp_path: Path, packed: Path, sesame_home: Path):
    """« Importer un jeu »: a folder (a USB key) holding a package; the game is checked,
    installed, then listed on the home screen; a second import asks before replacing."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from engine.player.app import App
    from engine.player.pilot import Pilot
    from engine.player.prefs import Preferences
    from engine.player.scenes.home import HomeScene
    from engine.player.scenes.importing import ImportScene

    key = tmp_path / "cle_usb"
    key.mkdir()
    (key / packed.name).write_bytes(packed.read_bytes())
    (key / "abime.sesame").write_bytes(b"pas un zip")
    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    pilot = Pilot(app)

    def bring() -> ImportScene:
        pilot.click("import")
        pilot.click("path")
        pilot.type(str(key))
        pilot.press(pygame.K_RETURN)
        pilot.settle()
        assert isinstance(app.scene, ImportScene), getattr(app.scene, "message", "")
        return app.scene

    scene = bring()
    assert [f.title for f in scene.found] == ["abime.sesame", "Les métiers de l’industrie : à toi de jouer !"] \
        or len(scene.found) == 2
    damaged = next(i for i, f in enumerate(scene.found) if f.problem)
    assert not scene.widget(f"package:{damaged}").enabled
    good = next(i for i, f in enumerate(scene.found) if not f.problem)
    pilot.click(f"package:{good}")
    pilot.settle()
    assert scene.installed, scene.message
    assert (sesame_home / "games" / "metiers_industrie" / "game.yaml").is_file()
    pilot.click("back")
    assert any(w.id == "game:metiers_industrie" for w in app.scene.widgets)
    scene = bring()
    pilot.click(f"package:{good}")
    pilot.settle()
    assert scene.conflict is not None and "déjà installé" in scene.message
    pilot.click("keep")
    assert "Rien n’a été changé" in scene.message and not list(sesame_home.glob("sesame-import-*"))
    pilot.click(f"package:{good}")
    pilot.settle()
    pilot.click("replace")
    assert scene.installed and list((sesame_home / "games-replaced").iterdir())


def test_a_package_given_to_the_program_opens_its_import(packed: Path, sesame_home: Path):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from engine.player.app import App
    from engine.player.pilot import Pilot
    from engine.player.prefs import Preferences
    from engine.player.scenes.home import HomeScene
    from engine.player.scenes.importing import ImportScene, find_packages

    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    app.push(ImportScene(app, find_packages(packed), start=packed))
    Pilot(app).settle()
    assert app.scene.installed and (sesame_home / "games" / "metiers_industrie").is_dir()


def test_the_catalogue_lists_the_packages_and_escapes_what_they_say(tmp_path: Path, packed: Path):
    from engine.sharing import build_catalogue

    source = tmp_path / "partage"
    source.mkdir()
    (source / packed.name).write_bytes(packed.read_bytes())
    hostile = tmp_path / "hostile"
    shutil_copy = __import__("shutil").copytree
    shutil_copy(GAMES / "metiers_industrie", hostile)
    manifest = hostile / "game.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("id: metiers_industrie", "id: piege", 1).replace(
        "\ntitle:", "\ntitle: \"<script>alert('x')</script> Métiers\"\nold_title:", 1), encoding="utf-8")
    if "old_title:" in manifest.read_text(encoding="utf-8"):  # the title was a block: drop the old one
        lines = manifest.read_text(encoding="utf-8").splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("old_title:"))
        end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "\t")))
        manifest.write_text("\n".join(lines[:start] + lines[end:]) + "\n", encoding="utf-8")
    pack(hostile, source)
    (source / "abime.sesame").write_bytes(b"pas un zip")
    out = tmp_path / "site"
    entries, refused = build_catalogue(source, out)
    assert sorted(e["id"] for e in entries) == ["metiers_industrie", "piege"]
    assert [name for name, _diagnostics in refused] == ["abime.sesame"]
    listed = json.loads((out / "catalog.json").read_text(encoding="utf-8"))["games"]
    assert {g["id"] for g in listed} == {"metiers_industrie", "piege"}
    for game in listed:
        assert (out / game["package"]).is_file() and (out / game["image"]).stat().st_size > 10_000
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Télécharger" in page and "licence CC-BY" in page


def test_sesame_with_a_package_as_argument_opens_the_player_on_its_import(tmp_path: Path, packed: Path):
    env = {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    os.environ.update(env)
    done = sesame(str(packed), "--first-frame-and-exit", home=tmp_path / "home")
    assert done.returncode == 0 and "first-frame" in done.stdout, done.stdout + done.stderr


def test_the_catalogue_of_the_bundled_games_in_a_real_browser(tmp_path: Path):
    """The four bundled games packed, their catalogue opened from the disk (file://, no
    server) in Chromium: every card and picture shown, filters and sorting work with the
    page's own script, nothing blocked by its content policy, no sideways scrolling on a
    phone (390 px)."""
    from engine.sharing import build_catalogue
    from tests.editor_browser import browser

    source = tmp_path / "partage"
    for game in ("alimentation", "escape_fake_news", "metiers_industrie", "stereotypes"):
        pack(GAMES / game, source, solve=False)
    entries, refused = build_catalogue(source, tmp_path / "site")
    assert not refused and len(entries) == 4
    url = (tmp_path / "site" / "index.html").as_uri()
    for width in (1366, 390):
        with browser(tmp_path, viewport=(width, 900)) as context:
            browse_the_catalogue(context.new_page(), url, width)


VISIBLE = "cards => cards.filter(c => !c.hidden).map(c => c.querySelector('h2').textContent.replace(/\\s+/g, ' '))"


def browse_the_catalogue(page, url: str, width: int) -> None:
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(url)

    def visible() -> list[str]:
        return page.eval_on_selector_all(".card", VISIBLE)

    assert len(visible()) == 4
    assert page.eval_on_selector_all(".card img", "imgs => imgs.every(i => i.complete && i.naturalWidth > 0)")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.fill("#duration", "20")  # at most 20 minutes: the 15–20 min quiz alone
    assert visible() == ["Dans mon assiette, la science"]
    page.fill("#duration", "")
    page.fill("#age", "17")  # the games up to 16 years are hidden
    assert sorted(visible()) == ["Infox : l’escape game", "Les métiers de l’industrie : qui fait quoi ?"]
    page.fill("#age", "")
    page.select_option("#theme", "esprit critique")
    assert sorted(visible()) == ["Dans mon assiette, la science", "Infox : l’escape game"]
    page.select_option("#theme", "")
    page.select_option("#sort", "duration")
    assert visible()[0] == "Dans mon assiette, la science" and visible()[-1] == "Infox : l’escape game"
    page.fill("#age", "8")
    assert visible() == [] and page.is_visible("#none")
    assert problems == []


def test_a_package_dropped_on_the_open_window_opens_its_import(packed: Path, sesame_home: Path):
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from engine.player.app import App
    from engine.player.pilot import Pilot
    from engine.player.prefs import Preferences
    from engine.player.scenes.home import HomeScene
    from engine.player.scenes.importing import ImportScene

    app = App((1366, 768), prefs=Preferences({"sound": False}))
    app.push(HomeScene(app))
    app.handle(pygame.event.Event(pygame.DROPFILE, file=str(packed)))
    Pilot(app).settle()
    assert isinstance(app.scene, ImportScene) and app.scene.installed, app.scene.message
    assert (sesame_home / "games" / "metiers_industrie").is_dir()
