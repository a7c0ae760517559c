"""The editor in a real browser (Debian's chromium through Playwright), as a mediator
uses it: a quiz from the template, questions of six types added from the picker, an
error shown next to its field and fixed, a picture uploaded and a zone drawn on it,
the browser closed mid-edit and the work found again, then the folder passes ``sesame
check`` with no error and no warning, and replays the walkthrough the editor wrote.

``SESAME_EDITOR_SHOTS=DIR`` keeps a screenshot of each screen (1366×768 and
1920×1080) to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.content.yamlread import read_text
from engine.editor.actions import create
from tests.editor_browser import browser, editor_server
from tests.images import png

ROOT = Path(__file__).resolve().parent.parent
SHOTS = os.environ.get("SESAME_EDITOR_SHOTS")


def shot(page, name: str) -> None:
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 768), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=str(Path(SHOTS) / f"{name}_{width}.png"))
    page.set_viewport_size({"width": 1366, "height": 768})


def set_field(page, selector: str, value: str) -> None:
    """Type into a field and leave it: the change is sent and saved."""
    with page.expect_response(lambda r: r.url.endswith("/change")):
        page.fill(selector, value)
        page.locator(selector).blur()


def set_structural(page, selector: str, value: str) -> None:
    """A field whose change redraws the page (an id): typed, left, the page reloads."""
    with page.expect_navigation():
        page.fill(selector, value)
        page.locator(selector).blur()


def choose(page, selector: str, value: str) -> None:
    with page.expect_response(lambda r: r.url.endswith("/change")):
        page.select_option(selector, value)


def add_to(page, pointer: str) -> None:
    with page.expect_navigation():
        page.click(f'[data-add="{pointer}"]')


def add_puzzle(page, key: str, kind: str) -> int:
    page.goto(f"{page.url.split('/game/')[0]}/game/{key}?at=/puzzles")
    page.click("[data-picker]")
    with page.expect_navigation():
        page.click(f"[data-type={kind}]")
    return int(page.url.rsplit("%2F", 1)[-1].rsplit("/", 1)[-1])


def document_it(page, index: int) -> None:
    """An explanation and a source: what the lint asks of every question."""
    set_field(page, f"#f-puzzles-{index}-explanation", "Parce que c’est ainsi : voir la source.")
    with page.expect_navigation():
        page.click(f'[data-add="/puzzles/{index}/sources"]')


@pytest.mark.slow
def test_a_quiz_made_in_the_browser(tmp_path: Path) -> None:
    from engine.content.check import check_path
    from engine.paths import user_dir

    with editor_server() as editor, browser(tmp_path) as context:
        page = context.new_page()
        failures: list[str] = []
        page.on("pageerror", lambda error: failures.append(str(error)))
        page.goto(editor.url)
        shot(page, "home")
        page.fill("#new-title", "Quiz des sciences")
        with page.expect_navigation():
            page.click("form.new button[type=submit]")
        key = page.url.rsplit("/", 1)[-1]
        assert key == "quiz_des_sciences"
        shot(page, "game")
        page.goto(page.url + "?at=/puzzles")
        shot(page, "puzzles")
        page.click("[data-picker]")
        shot(page, "picker")
        page.keyboard.press("Escape")

        added = {}
        for kind in ("single", "truefalse", "number", "order", "categories", "hotspot"):
            added[kind] = index = add_puzzle(page, key, kind)
            document_it(page, index)
        number = added["number"]
        page.goto(f"{page.url.split('?')[0]}?at=/puzzles/{number}")
        # a wrong value: the same validator as « check » says so, next to the field
        set_field(page, f"#f-puzzles-{number}-answer", "mille")
        error = page.locator(f"#f-puzzles-{number}-answer-err")
        error.get_by_text("nombre").wait_for()
        assert page.locator(f"#f-puzzles-{number}-answer").get_attribute("aria-invalid") == "true"
        assert "nombre" in page.locator("#checklist").inner_text()
        shot(page, "error")
        set_field(page, f"#f-puzzles-{number}-answer", "1881")
        set_field(page, f"#f-puzzles-{number}-tolerance", "2")
        assert error.inner_text() == ""

        # a picture chosen from the disk, then a zone drawn on it with the mouse
        hotspot = added["hotspot"]
        page.goto(f"{page.url.split('?')[0]}?at=/puzzles/{hotspot}")
        with page.expect_navigation():
            page.set_input_files(f"#f-puzzles-{hotspot}-image-file", files=[
                {"name": "../classe.png", "mimeType": "image/png", "buffer": png(200, 100)}])
        assert page.locator(f"#f-puzzles-{hotspot}-image").input_value() == "images/classe.png"
        box = page.locator(".canvas img").bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5)
        with page.expect_navigation():
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.9, steps=4)
            page.mouse.up()
        assert page.locator(".canvas .zone").count() == 2
        shot(page, "hotspot")
        # the picture's credit line was started by the upload: who made it, which licence
        page.goto(f"{page.url.split('?')[0]}")
        set_field(page, "#f-asset_credits-0-author", "Classe de 4e B")
        set_field(page, "#f-asset_credits-0-licence", "CC-BY-4.0")

        # mid-edit: typing, then the browser closes (no button pressed)
        page.goto(f"{page.url.split('?')[0]}")
        with page.expect_response(lambda r: r.url.endswith("/change")):
            page.fill("#f-title", "Quiz des sciences et des médias")
        assert failures == []
        folder = user_dir("games") / key
    # a new editor and a new browser find the work
    with editor_server() as editor, browser(tmp_path / "again") as context:
        page = context.new_page()
        page.goto(editor.url)
        with page.expect_navigation():
            page.click(f'a[href="/game/{key}"]')
        assert page.locator("#f-title").input_value() == "Quiz des sciences et des médias"
        page.click("[data-action=walkthrough]")
        page.locator("#message").get_by_text("Parcours gagnant écrit").wait_for()
        shot(page, "done")
    report = check_path(folder)
    assert [str(d) for d in report.diagnostics] == []
    replayed = subprocess.run([sys.executable, "-m", "engine", "replay", str(folder)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert not list(folder.parent.parent.glob("classe.png"))  # « ../ » never left the game


@pytest.mark.slow
def test_an_escape_game_made_in_the_browser(tmp_path: Path) -> None:
    """From the escape template: an inventory item, a room, an object in the first room
    that gives the item, a door of the corridor that only the item opens (the lock), an
    ending reached in the new room; the checklist says the game can be finished, the
    folder passes check with nothing to say and replays the walkthrough written."""
    from engine.content.check import check_path
    from engine.paths import user_dir

    with editor_server() as editor, browser(tmp_path) as context:
        page = context.new_page()
        failures: list[str] = []
        page.on("pageerror", lambda error: failures.append(str(error)))
        page.goto(editor.url)
        page.fill("#new-title", "Évasion au musée")
        page.check("input[name=genre][value=escape]")
        with page.expect_navigation():
            page.click("form.new button[type=submit]")
        key = page.url.rsplit("/", 1)[-1]
        base = page.url

        def at(pointer: str) -> None:
            page.goto(f"{base}?at={pointer}")

        at("/items")
        add_to(page, "/items")
        at("/items/1")
        set_structural(page, "#f-items-1-id", "badge")
        set_field(page, "#f-items-1-name", "Un badge d’accès")

        at("/rooms")
        add_to(page, "/rooms")
        at("/rooms/2")
        set_structural(page, "#f-rooms-2-id", "bureau")
        set_field(page, "#f-rooms-2-title", "Le bureau de la conservatrice")

        at("/rooms/0")  # an object of the first room gives the badge
        add_to(page, "/rooms/0/objects")
        set_structural(page, "#f-rooms-0-objects-2-id", "tiroir")
        set_field(page, "#f-rooms-0-objects-2-label", "Le tiroir du bureau d’accueil")
        choose(page, "#f-rooms-0-objects-2-take", "badge")
        # the room's picture from Sésame's library, and the drawer placed on it with the mouse
        set_field(page, "#f-rooms-0-background", "art:archives")
        page.reload()
        page.select_option("#place-object", "/rooms/0/objects/2")
        box = page.locator(".canvas[data-place] img").bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] * 0.5)
        with page.expect_response(lambda r: r.url.endswith("/change")):  # saved; the page stays
            page.mouse.down()
            page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + box["height"] * 0.75, steps=4)
            page.mouse.up()
        placed = page.locator('.zone.object[data-for="/rooms/0/objects/2"]')
        assert [round(float(placed.get_attribute(f"data-{k}"))) for k in "xywh"] == [20, 50, 20, 25]
        shot(page, "escape_place")
        at("/documents/0")  # the poster, as the player draws it
        preview = page.locator("img[data-preview]")
        preview.wait_for()
        for _ in range(600):  # drawn by another process (wait_for_function's eval breaks the page's CSP)
            if page.evaluate("document.querySelector('img[data-preview]').naturalWidth") > 100:
                break
            page.wait_for_timeout(100)
        else:
            raise AssertionError("the document's preview never came")

        at("/rooms/1")  # the lock: a door of the corridor that only the badge opens
        assert page.locator("[data-action=try][data-room=couloir]").count() == 1  # « Essayer d’ici »
        add_to(page, "/rooms/1/exits")
        set_structural(page, "#f-rooms-1-exits-0-id", "porte_bureau")
        choose(page, "#f-rooms-1-exits-0-to", "bureau")
        set_field(page, "#f-rooms-1-exits-0-label", "La porte du bureau")
        set_field(page, "#f-rooms-1-exits-0-requires", "has(badge)")
        page.click("#f-rooms-1-exits-0 > details.more > summary")  # « Plus de réglages »
        set_field(page, "#f-rooms-1-exits-0-locked_text", "Il faut un badge.")
        shot(page, "escape_room")

        at("/endings")  # an ending, reached by entering the office
        add_to(page, "/endings")
        at("/endings/1")
        set_structural(page, "#f-endings-1-id", "bureau_ouvert")
        set_field(page, "#f-endings-1-title", "Vous avez trouvé le bureau !")
        set_field(page, "#f-endings-1-text", "Le badge ouvrait la bonne porte.")
        at("/triggers/0")
        set_field(page, "#f-triggers-0-when", "visited(bureau)")
        choose(page, "#f-triggers-0-effects-0-end", "bureau_ouvert")
        at("/endings")  # the template's ending is not reached any more: removed
        with page.expect_navigation():  # a list changed: the page is drawn again
            page.click('[data-remove="/endings"][data-index="0"]')

        page.goto(base)
        page.locator("#checklist").get_by_text("Le jeu peut être fini").wait_for()
        page.click("[data-action=walkthrough]")
        page.locator("#message").get_by_text("Parcours gagnant écrit").wait_for()
        shot(page, "escape_done")
        assert failures == []
        folder = user_dir("games") / key
    report = check_path(folder)
    assert [str(d) for d in report.diagnostics] == []
    walkthrough = (folder / "walkthrough.yaml").read_text(encoding="utf-8")
    assert "tiroir" in walkthrough and "porte_bureau" in walkthrough
    replayed = subprocess.run([sys.executable, "-m", "engine", "replay", str(folder)], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert "bureau_ouvert" in replayed.stdout


def tab_to(page, selector: str, limit: int = 250) -> None:
    """Press Tab until the focus is on ``selector`` (as a keyboard user goes through a page)."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is not reached with Tab")


@pytest.mark.slow
def test_a_question_made_with_the_keyboard_alone(tmp_path: Path) -> None:
    """No mouse: Tab, Enter, the arrow keys and typing create a quiz, add a question from
    the picker and fill it; every change is saved as with the mouse."""
    from engine.paths import user_dir

    with editor_server() as editor, browser(tmp_path) as context:
        page = context.new_page()
        page.goto(editor.url)
        tab_to(page, "#new-title")
        page.keyboard.type("Quiz au clavier")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        key = page.url.rsplit("/", 1)[-1]
        tab_to(page, 'nav a[href$="at=/puzzles"]')
        with page.expect_navigation():
            page.keyboard.press("Enter")
        tab_to(page, "[data-picker]")
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('picker').open")
        tab_to(page, "#picker [data-type]")
        for _ in range(20):  # the arrow keys go from type to type
            if page.evaluate("document.activeElement.dataset.type") == "single":
                break
            page.keyboard.press("ArrowRight")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        index = int(page.url.rsplit("%2F", 1)[-1])
        prompt = f"#f-puzzles-{index}-prompt"
        tab_to(page, prompt)
        page.keyboard.press("Control+A")
        page.keyboard.type("Quel astre est au centre du système solaire ?")
        with page.expect_response(lambda r: r.url.endswith("/change")):
            page.keyboard.press("Tab")
        tab_to(page, f"#f-puzzles-{index}-explanation")
        page.keyboard.type("Le Soleil : les planètes tournent autour de lui.")
        with page.expect_response(lambda r: r.url.endswith("/change")):
            page.keyboard.press("Tab")
        tab_to(page, f"#f-puzzles-{index}-options-1-correct")
        with page.expect_response(lambda r: r.url.endswith("/change")):
            page.keyboard.press("ArrowDown")  # « Oui »: the second option is right too
        shot(page, "keyboard")
        folder = user_dir("games") / key
    data = read_text((folder / "game.yaml").read_text(encoding="utf-8"), "game.yaml").data["puzzles"][index]
    assert data["type"] == "single"
    assert data["prompt"] == "Quel astre est au centre du système solaire\u202f?"  # typography added
    assert data["explanation"] == "Le Soleil\u00a0: les planètes tournent autour de lui."
    assert data["options"][1]["correct"] is True


OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const bad = [];
  if (root.scrollWidth > width + 1) { bad.push("page " + root.scrollWidth + " > " + width); }
  for (const el of document.querySelectorAll("a[href], button, input, select, textarea, summary")) {
    if (el.closest("dialog:not([open]), .skip, .visually-hidden")) { continue; }
    if (el.closest("details:not([open])") && el.tagName !== "SUMMARY") { continue; }
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) { continue; }
    if (box.left < -1 || box.right > width + 1) {
      bad.push((el.id || el.outerHTML.slice(0, 90)) + " " + box.left + "–" + box.right);
    }
  }
  return bad;
}"""


@pytest.mark.slow
def test_every_screen_fits_at_200_percent_zoom(tmp_path: Path) -> None:
    """A 1366×768 screen at 200 % zoom: 683 CSS pixels wide. No screen of the editor
    scrolls sideways and every control lies within the width (reachable by scrolling
    down or by Tab)."""
    folder_quiz = create("quiz", "Zoom")
    folder_escape = create("escape", "Zoom salle")
    images = folder_escape / "images"
    images.mkdir()
    (images / "salle.png").write_bytes(png(320, 180))
    from engine.editor.changes import SetField
    from engine.editor.project import Project

    Project(folder_escape).change(SetField(("rooms", 0, "background"), "images/salle.png"))
    for name, number in zip("xywh", (86, 5, 12, 20)):  # a zone at the right edge: its name tag stays inside
        Project(folder_escape).change(SetField(("rooms", 0, "objects", 1, name), number))
    with editor_server() as editor, browser(tmp_path, viewport=(683, 384), scale=2) as context:
        page = context.new_page()
        page.goto(editor.url)
        quiz, escape = editor.register(folder_quiz), editor.register(folder_escape)
        screens = {"home": "/", "game": f"/game/{quiz}", "puzzles": f"/game/{quiz}?at=/puzzles",
                   "puzzle": f"/game/{quiz}?at=/puzzles/0", "room": f"/game/{escape}?at=/rooms/0",
                   "document": f"/game/{escape}?at=/documents/0"}
        origin = page.url.split("/", 3)[:3]
        for name, path in screens.items():
            page.goto("/".join(origin) + path)
            page.wait_for_load_state("networkidle")
            assert page.evaluate(OVERFLOW) == [], name
            if name == "room":  # a 16:9 picture: drawn whole with its proportions, nothing to warn of
                assert "320 × 180" not in page.locator("#place-notes").inner_text()
            if name == "puzzles":
                page.click("[data-picker]")
                assert page.evaluate(OVERFLOW) == [], "picker"
                page.keyboard.press("Escape")
            if SHOTS:
                Path(SHOTS).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(SHOTS) / f"zoom200_{name}.png"), full_page=True)


def _room_with_a_picture() -> Path:
    """The escape template, its first room given a picture of Sésame's library: two
    objects and one exit, none of them placed yet."""
    from engine.editor.changes import SetField
    from engine.editor.project import Project

    folder = create("escape", "Zones")
    Project(folder).change(SetField(("rooms", 0, "background"), "art:archives"))
    return folder


def _saved_place(folder: Path, kind: str, index: int) -> list[float | None]:
    text = (folder / "game.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Un escape game de départ")  # the file's own comment kept
    thing = read_text(text, "game.yaml").data["rooms"][0][kind][index]
    return [thing.get(k) for k in "xywh"]


def _saved(page) -> None:
    """The status says « Enregistré » (the answer to the last change was read); waited
    for from here: the page's CSP forbids the eval a wait_for_function may use."""
    page.locator("#status", has_text="Enregistré ✔").wait_for()


@pytest.mark.slow
def test_a_zone_drawn_moved_and_resized_with_the_mouse(tmp_path: Path) -> None:
    """Real pointer events in chromium: a zone drawn on the room's picture for the
    chest, then moved by its body and resized by its corner; each gesture saved in the
    YAML (percent of the picture, the file's comments kept), the form's numbers in step,
    and a number typed moves the zone."""
    folder = _room_with_a_picture()
    with editor_server() as editor, browser(tmp_path) as context:
        page = context.new_page()
        failures: list[str] = []
        page.on("pageerror", lambda error: failures.append(str(error)))
        page.goto(editor.url)
        key = editor.register(folder)
        page.goto("/".join(page.url.split("/", 3)[:3]) + f"/game/{key}?at=/rooms/0")
        assert page.locator(".canvas[data-place] .zone:not([hidden])").count() == 0
        notes = page.locator("#place-notes").inner_text()
        assert "Sans zone" in notes and "Le coffre" in notes and "La porte" in notes
        page.select_option("#place-object", "/rooms/0/objects/1")
        image = page.locator(".canvas[data-place] img")
        image.scroll_into_view_if_needed()
        box = image.bounding_box()

        def at(x: float, y: float) -> tuple[float, float]:
            return box["x"] + box["width"] * x / 100, box["y"] + box["height"] * y / 100

        def gesture(start: tuple[float, float], end: tuple[float, float]) -> None:
            page.mouse.move(*start)
            with page.expect_response(lambda r: r.url.endswith("/change")):
                page.mouse.down()
                page.mouse.move(*end, steps=6)
                page.mouse.up()
            _saved(page)

        gesture(at(20, 50), at(40, 75))  # drawn
        assert _saved_place(folder, "objects", 1) == pytest.approx([20, 50, 20, 25], abs=0.2)
        assert page.input_value("#f-rooms-0-objects-1-w") in ("20", "19,9", "20,1")
        gesture(at(30, 60), at(45, 50))  # moved by its body: 15 right, 10 up
        assert _saved_place(folder, "objects", 1) == pytest.approx([35, 40, 20, 25], abs=0.3)
        corner = page.locator('[data-for="/rooms/0/objects/1"] .grip').bounding_box()
        gesture((corner["x"] + corner["width"] / 2, corner["y"] + corner["height"] / 2),
                (corner["x"] + corner["width"] / 2 - box["width"] * 0.1, corner["y"] + corner["height"] / 2))
        assert _saved_place(folder, "objects", 1) == pytest.approx([35, 40, 10, 25], abs=0.3)
        assert page.input_value("#f-rooms-0-objects-1-x") in ("35", "34,9", "35,1")
        # the exit, drawn too: its zone is as wide as 5 % of the picture, under 44 px in the player
        page.select_option("#place-object", "/rooms/0/exits/0")
        gesture(at(90, 20), at(94, 80))
        x, y, w, h = _saved_place(folder, "exits", 0)
        assert (x, w) == pytest.approx((90, 4), abs=0.3)
        warning = page.locator("#place-notes li.warning").inner_text()
        assert "la sortie « La porte »" in warning and "44 px" in warning
        # a number typed moves the zone, and is saved as every field is
        more = page.locator("#f-rooms-0-objects-1 > details.more")
        if more.count() and not more.evaluate("d => d.open"):  # « Plus de réglages »
            more.locator("> summary").click()
        set_field(page, "#f-rooms-0-objects-1-x", "50")
        left = page.evaluate("document.querySelector('[data-for=\"/rooms/0/objects/1\"]').style.left")
        assert left == "50%"
        assert _saved_place(folder, "objects", 1)[0] == 50
        shot(page, "zones_mouse")
        assert failures == []
    from engine.content.check import check_path

    assert [d for d in check_path(folder).diagnostics if d.severity == "error"] == []


@pytest.mark.slow
def test_a_zone_placed_and_moved_with_the_keyboard_alone(tmp_path: Path) -> None:
    """No mouse: the object chosen in the list, « Mettre sa zone au milieu de l’image »,
    then Tab reaches the zone, the arrows move it and Shift + the arrows resize it; what
    it became is said in words (a live region), a zone too small to touch is warned of."""
    folder = _room_with_a_picture()
    with editor_server() as editor, browser(tmp_path) as context:
        page = context.new_page()
        page.goto(editor.url)
        key = editor.register(folder)
        page.goto("/".join(page.url.split("/", 3)[:3]) + f"/game/{key}?at=/rooms/0")
        tab_to(page, "#place-object")
        page.keyboard.press("ArrowDown")  # the chest (the poster is chosen first)
        assert page.input_value("#place-object") == "/rooms/0/objects/1"
        tab_to(page, "#place-center")
        with page.expect_response(lambda r: r.url.endswith("/change")):
            page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.dataset.for") == "/rooms/0/objects/1"
        _saved(page)
        assert _saved_place(folder, "objects", 1) == [45, 42, 10, 16]
        with page.expect_response(lambda r: r.url.endswith("/change")):  # saved once the keys rest
            for _ in range(3):
                page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowUp")
            for _ in range(2):
                page.keyboard.press("Shift+ArrowDown")
            said = page.locator("#place-said").inner_text()
        assert said.startswith("Zone de l’objet « Le coffre » : à 48 % du bord gauche et 41 % du haut")
        assert "10 % de large et 18 % de haut" in said
        _saved(page)
        assert _saved_place(folder, "objects", 1) == [48, 41, 10, 18]
        assert page.input_value("#f-rooms-0-objects-1-y") == "41"
        for _ in range(6):  # narrower than a finger
            page.keyboard.press("Shift+ArrowLeft")
        assert "44 px" in page.locator("#place-said").text_content()
        assert "l’objet « Le coffre »" in page.locator("#place-notes li.warning").inner_text()
        with page.expect_response(lambda r: r.url.endswith("/change")):  # leaving a zone saves it
            page.keyboard.press("Shift+Tab")
        _saved(page)
        assert _saved_place(folder, "objects", 1) == [48, 41, 4, 18]
        label = page.get_attribute('[data-for="/rooms/0/objects/1"]', "aria-label")
        assert "4 % de large" in label and "44 px" in label
        # Ctrl+Z right after a key: the move is saved first, then taken back; the focus comes back
        tab_to(page, '[data-for="/rooms/0/objects/1"]')
        page.keyboard.press("ArrowDown")
        with page.expect_navigation():
            page.keyboard.press("Control+z")
        page.wait_for_load_state()
        assert _saved_place(folder, "objects", 1) == [48, 41, 4, 18]
        assert page.evaluate("document.activeElement.dataset.for") == "/rooms/0/objects/1"
        assert float(page.locator('[data-for="/rooms/0/objects/1"]').get_attribute("data-y")) == 41
        shot(page, "zones_keyboard")


@pytest.mark.slow
def test_a_hotspots_zones_are_moved_and_added_with_the_keyboard_and_the_mouse(tmp_path: Path) -> None:
    """A « cliquer sur une image » question's zones, as a room's: Tab reaches a zone, the
    arrows move it, Shift + the arrows resize it, its body dragged moves it; « Ajouter
    une zone au milieu de l’image » adds one without a mouse; every change in the YAML."""
    from engine.editor.changes import AddItem
    from engine.editor.project import Project

    folder = create("quiz", "Zones cliquables")
    (folder / "images").mkdir()
    (folder / "images" / "classe.png").write_bytes(png(320, 200))
    project = Project(folder)
    project.change(AddItem(("puzzles",), {
        "id": "ou", "type": "hotspot", "prompt": "Où est le tableau ?", "image": "images/classe.png",
        "zones": [{"id": "tableau", "x": 10, "y": 10, "w": 30, "h": 20, "correct": True}]}))
    index = len(project.merged["puzzles"]) - 1

    def zones() -> list[dict]:
        text = (folder / "game.yaml").read_text(encoding="utf-8")
        return read_text(text, "game.yaml").data["puzzles"][index]["zones"]

    with editor_server() as editor, browser(tmp_path) as context:
        page = context.new_page()
        failures: list[str] = []
        page.on("pageerror", lambda error: failures.append(str(error)))
        page.goto(editor.url)
        key = editor.register(folder)
        page.goto("/".join(page.url.split("/", 3)[:3]) + f"/game/{key}?at=/puzzles/{index}")
        first = f'[data-for="/puzzles/{index}/zones/0"]'
        tab_to(page, first)
        with page.expect_response(lambda r: r.url.endswith("/change")):
            page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowRight")
            page.keyboard.press("Shift+ArrowDown")
        _saved(page)
        assert [zones()[0][k] for k in "xywh"] == [12, 10, 30, 21]
        assert page.locator("#place-said").inner_text().startswith("Zone « tableau » (bonne réponse) : à 12 %")
        box = page.locator(".canvas[data-place] img").bounding_box()
        zone = page.locator(first).bounding_box()
        page.mouse.move(zone["x"] + zone["width"] / 2, zone["y"] + zone["height"] / 2)
        with page.expect_response(lambda r: r.url.endswith("/change")):
            page.mouse.down()
            page.mouse.move(zone["x"] + zone["width"] / 2 + box["width"] * 0.2, zone["y"] + zone["height"] / 2,
                            steps=5)
            page.mouse.up()
        _saved(page)
        assert zones()[0]["x"] == pytest.approx(32, abs=0.3)
        tab_to(page, "#place-center")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert zones()[1] == {"id": "z1", "correct": True, "x": 45, "y": 42, "w": 10, "h": 16}
        assert page.locator(".canvas[data-place] .zone:not([hidden])").count() == 2
        assert page.evaluate("document.activeElement.dataset.for") == f"/puzzles/{index}/zones/1"  # the new one
        with page.expect_response(lambda r: r.url.endswith("/change")):
            page.keyboard.press("ArrowLeft")
        _saved(page)
        assert zones()[1]["x"] == 44
        shot(page, "hotspot_zones")
        assert failures == []
