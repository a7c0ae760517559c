"""The editor's local web server: small, synchronous, for its own user only.

Safety, since a page on the same machine or a shared game could try to use it:

- it listens on 127.0.0.1 only (no firewall prompt, nothing reachable from the network),
  on a port the system picks unless ``--port`` fixes it;
- the URL it opens holds a one-time token, exchanged for a cookie (``HttpOnly``,
  ``SameSite=Strict``); without that cookie every request is refused;
- the ``Host`` header must name the loopback address and our port (DNS rebinding);
- every write (``POST``) must come with an ``Origin`` that is ours;
- every page is a template with autoescaping (a game written by someone else is
  untrusted text) and a Content-Security-Policy that allows our own scripts only;
- files of a game are served through the engine's resolver (inside the game folder,
  regular files, bounded), SVG in a sandbox.

One lock serialises the requests: each reads the game, applies one change, validates,
saves, and returns what the page redraws.
"""

from __future__ import annotations

import copy
import hmac
import json
import mimetypes
import secrets
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..content import assets
from ..content.yamlread import YamlError, read_text
from ..i18n import _
from . import actions, examples, forms, preview
from .changes import AddItem, ChangeError, MoveItem, RemoveItem, SetField, from_json, get, to_pointer, to_text
from .project import Project
from .validate import Validator, Verdict
from .words import SECTIONS_BY_GENRE, Words, section_title
from .yamlsave import Refused

HERE = Path(__file__).resolve().parent
COOKIE = "sesame_editeur"
MAX_BODY = 20 * 1024 * 1024
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


@dataclass
class Open:
    """A game open in the editor: its project, its validator, the pages looking at it."""

    project: Project
    validator: Validator = field(default_factory=Validator)
    pages: dict[str, float] = field(default_factory=dict)  # page id -> last seen

    def verdict(self) -> Verdict:
        p = self.project
        return self.validator.run(p.folder, p.merged, p.texts(), p.elements, p.version)


class Editor:
    def __init__(self, start_game: Path | None = None, port: int = 0) -> None:
        self.token = secrets.token_urlsafe(24)
        self.session = secrets.token_urlsafe(32)
        self.lock = threading.RLock()
        self.folders: dict[str, Path] = {}
        self.open: dict[str, Open] = {}
        self.clashes: dict[str, Path] = {}  # a package kept for « Remplacer » -> the game it would replace
        self.start_key = self.register(start_game) if start_game else None
        self.env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                               autoescape=select_autoescape(default=True, default_for_string=True))
        self.env.globals.update(t=Words(), to_text=to_text, section_title=section_title)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.httpd.editor = self  # type: ignore[attr-defined]  # what Handler.editor reads
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]

    # --- the games it knows -----------------------------------------------------------

    def register(self, folder: Path) -> str:
        folder = Path(folder).resolve()
        for key, known in self.folders.items():
            if known == folder:
                return key
        key, n = actions.slug(folder.name), 2
        while key in self.folders:
            key, n = f"{actions.slug(folder.name)}_{n}", n + 1
        self.folders[key] = folder
        return key

    def game(self, key: str) -> Open | None:
        if key not in self.folders:
            mine = actions.games_folder() / key
            if key == actions.slug(key) and (mine / "game.yaml").is_file():
                self.folders[key] = mine.resolve()
            else:
                return None
        if key not in self.open:
            project = Project(self.folders[key])
            project.claim()
            self.open[key] = Open(project)
        return self.open[key]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/start?token={self.token}"

    def serve(self) -> None:
        try:
            self.httpd.serve_forever(poll_interval=0.5)
        finally:
            for opened in self.open.values():
                opened.project.release()
            self.httpd.server_close()

    def shutdown(self) -> None:
        self.httpd.shutdown()

    def render(self, name: str, **values: Any) -> str:
        return self.env.get_template(name).render(**values)

    # --- pages -------------------------------------------------------------------------

    def home_page(self, message: str = "") -> str:
        return self.render("home.html", games=actions.my_games(), bundled=actions.bundled(),
                           genres=actions.GENRES, message=message, folder=str(actions.games_folder()))

    def game_page(self, key: str, opened: Open, at: str) -> str:
        project = opened.project
        pointer = to_pointer(at) if at else ()
        if get(project.merged, pointer) is None and pointer:
            pointer = pointer[:1] if get(project.merged, pointer[:1]) is not None else ()
        genre = project.merged.get("genre")
        sections = [(k, len(project.merged.get(k) or []) if isinstance(project.merged.get(k), list) else 0)
                    for k in SECTIONS_BY_GENRE.get(genre if isinstance(genre, str) else "", SECTIONS_BY_GENRE["quiz"])]
        builder = forms.Builder(project.merged, _images(project.folder))
        form = builder.element(pointer)
        verdict = opened.verdict()
        notice, project.notice = project.notice, ""
        return self.render(
            "game.html", key=key, project=project, form=form, pointer=to_text(pointer),
            section=pointer[0] if pointer else "", sections=sections, checklist=self.checklist(key, opened, verdict),
            errors=json.dumps(_errors_by_pointer(verdict)), notice=notice, types=examples.choices(),
            other=project.other_editor is not None, problems=project.problems,
            element=len(pointer) == 2 and isinstance(pointer[1], int), version=project.version,
            hotspot=_hotspot(project, pointer), start_here=_start_here(project, pointer),
            placing=_placing(project, pointer), preview=_preview_of(project, pointer, verdict),
            heading=f"{section_title(str(pointer[0]))} {pointer[1] + 1} — "
                    f"{forms.summary(get(project.merged, pointer), pointer[1])}"
            if len(pointer) == 2 and isinstance(pointer[1], int) else "")

    def checklist(self, key: str, opened: Open, verdict: Verdict) -> str:
        def where(path: tuple[Any, ...]) -> str:
            return _where(opened.project.merged, path)

        def link(path: tuple[Any, ...]) -> str:
            element = path[:2] if path and path[0] in SECTIONS_BY_GENRE["escape"] else ()
            return f"/game/{key}?at={urllib.parse.quote(to_text(element))}#f{to_text(path).replace('/', '-')}"

        return self.render("checklist.html", verdict=verdict, where=where, link=link)

    def state(self, key: str, opened: Open, page: str) -> dict[str, Any]:
        now = time.monotonic()
        if page:
            opened.pages[page] = now
        for other in [p for p, seen in opened.pages.items() if now - seen > 12]:
            del opened.pages[other]
        reloaded = opened.project.changed_outside()
        verdict = opened.verdict()
        return {"version": opened.project.version, "reloaded": reloaded,
                "others": len(opened.pages) > 1 or opened.project.other_editor is not None,
                "errors": _errors_by_pointer(verdict), "checklist": self.checklist(key, opened, verdict),
                "can_undo": bool(opened.project.undo_stack), "can_redo": bool(opened.project.redo_stack)}

    # --- writes --------------------------------------------------------------------------

    def apply(self, key: str, opened: Open, payload: dict[str, Any]) -> dict[str, Any]:
        project = opened.project
        op = payload.get("op")
        typeset: str | None = None  # a text saved with the no-break spaces it was given
        try:
            if op == "undo":
                project.undo()
            elif op == "redo":
                project.redo()
            elif op == "add_puzzle":
                kind = str(payload.get("type"))
                if kind not in examples.offered():
                    raise ChangeError(kind)
                existing = project.merged.get("puzzles") or []
                project.change(AddItem(("puzzles",), examples.new_puzzle(kind, existing)))
                return {**self.state(key, opened, ""), "ok": True, "reload": True,
                        "goto": f"/puzzles/{len(project.merged['puzzles']) - 1}"}
            elif op == "place":  # a zone drawn, moved or resized on the room's picture: one undo step
                pointer, box = _place_box(project, payload)
                thing = get(project.merged, pointer)
                if any(thing.get(k) != v or isinstance(thing.get(k), bool) for k, v in box.items()):
                    # the object or exit with its four numbers: one file write, one step to undo
                    project.change(SetField(pointer, {**thing, **box}))
            elif op == "add_new":
                pointer = to_pointer(str(payload.get("pointer", "")))
                node, _required = forms.Builder(project.merged, [])._schema_at(pointer + (0,))
                existing = get(project.merged, pointer) or []
                value = forms.new_value(node, existing)
                ref = forms.resolve(node).get("x-ref")
                if isinstance(ref, str):  # a reference: the first id of that kind not listed yet
                    known = [i for i in forms.collect_ids(project.merged).get(ref, []) if i not in existing]
                    value = known[0] if known else value
                project.change(AddItem(pointer, value))
            else:
                change = from_json(payload)
                if isinstance(change, SetField):
                    field_kind = str(payload.get("kind", ""))  # the input's kind (text, number…)
                    value, problem = _convert(field_kind, change.value)
                    if problem:
                        return {"ok": False, "field_error": problem, "pointer": to_text(change.pointer)}
                    if isinstance(value, str) and field_kind == "text":
                        value = _typeset(project.merged, change.pointer, value)
                        typeset = value if value != change.value else None
                    change = SetField(change.pointer, value)
                project.change(change)
        except ChangeError as error:
            return {"ok": False, "message": _("Ce changement ne s’applique pas : {why}").format(why=error)}
        except Refused:
            return {"ok": False, "message": _("Rien n’a été écrit : le fichier n’aurait pas pu être relu "
                                              "à l’identique. Vos données sont intactes.")}
        except OSError as error:
            from ..storage import reason

            return {"ok": False, "message": _("Impossible d’enregistrer : {why}").format(why=reason(error))}
        structural = op in ("add", "remove", "move", "undo", "redo", "add_new") or (
            op == "set" and str(payload.get("pointer", "")).rsplit("/", 1)[-1] in ("type", "kind", "genre", "id"))
        answer = {**self.state(key, opened, ""), "ok": True, "reload": structural}
        if typeset is not None:
            answer["typeset"] = {"pointer": str(payload.get("pointer", "")), "value": typeset}
        return answer


def _typeset(data: dict[str, Any], pointer: tuple[Any, ...], value: str) -> str:
    """A text people read, in a French game, with the no-break spaces the player gives
    it (before « : ; ! ? », inside « »): the one rule, ``core.text.french``. Ids, file
    names, conditions and answers to type are left as typed."""
    from ..core.text import french

    if not _locale(data).startswith("fr") or not pointer:
        return value
    made = forms.Builder(data, []).element(pointer)
    return french(value) if made.prose else value


def _locale(data: dict[str, Any]) -> str:
    """The game's first language (``locales``), French when it says none."""
    locales = data.get("locales")
    return locales[0] if isinstance(locales, list) and locales and isinstance(locales[0], str) else "fr"


def _convert(kind: str, raw: Any) -> tuple[Any, str]:
    """The value a form field sent, as data; (None, "") removes the field. A number that
    does not read as one is kept as typed: the checklist then says what is wrong."""
    if raw is None or (isinstance(raw, str) and raw.strip() == "" and kind != "yaml"):
        return None, ""
    if kind in ("integer", "number") and isinstance(raw, str):
        text = raw.strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return raw, ""
        return (int(number) if number.is_integer() and (kind == "integer" or "." not in text) else number), ""
    if kind == "boolean":
        return {"true": True, "false": False}.get(str(raw)), ""
    if kind == "yaml":
        if not str(raw).strip():
            return None, ""
        try:
            return read_text(str(raw), "champ").data, ""
        except YamlError as error:
            return None, _("YAML illisible : {why}").format(why=error.diagnostic.message)
    if isinstance(raw, (str, bool, int, float, list, dict)):
        return raw, ""
    return None, ""


def _errors_by_pointer(verdict: Verdict) -> dict[str, list[dict[str, str]]]:
    found: dict[str, list[dict[str, str]]] = {}
    for placed in verdict.placed:
        found.setdefault(placed.pointer, []).append(
            {"message": placed.diagnostic.message, "severity": placed.diagnostic.severity.value})
    return found


def _where(data: dict[str, Any], path: tuple[Any, ...]) -> str:
    """« Questions et énigmes › q3 › Consigne »: where a message is, in words."""
    if not path:
        return _("Le jeu")
    words = [section_title(str(path[0])) if isinstance(path[0], str) else str(path[0])]
    if len(path) >= 2 and isinstance(path[1], int):
        element = get(data, path[:2])
        words.append(forms.summary(element, path[1]).split(" ", 1)[0])
        rest = path[2:]
    else:
        rest = path[1:]
    node, _r = forms.Builder(data, [])._schema_at(path)
    if rest:
        words.append(str(forms.resolve(node).get("title") or rest[-1]))
    return " › ".join(words)


def _images(folder: Path) -> list[str]:
    """The pictures an image field offers: the game's own, then Sésame's library."""
    try:
        own = assets.image_names(folder)
    except (OSError, assets.Refused):
        own = []
    try:
        return own + assets.art_names()
    except OSError:
        return own


def _start_here(project: Project, pointer: tuple[Any, ...]) -> dict[str, str] | None:
    """« Essayer d’ici »: the room or puzzle being edited, as ``play --room/--puzzle`` takes it."""
    element = get(project.merged, pointer)
    if len(pointer) != 2 or not isinstance(element, dict) or not isinstance(element.get("id"), str):
        return None
    option = {"rooms": "room", "puzzles": "puzzle"}.get(str(pointer[0]))
    return {option: element["id"]} if option else None


# The room's picture as the player draws it on a loRdi's 1366 × 768 screen, in px
# (``PlayScene.picture_area``; tests/test_editor.py measures it in the player), for a
# 16:10 background; a picture of another shape is fitted in it (editor.js): a zone
# smaller than 44 px there gets a warning in words, as the player grows it to 44 px
# around its centre (``scenes.room.zone``), over what lies beside it.
PLAYER_SCREEN = (1366, 768)
PLAYER_PICTURE = (890, 556)
MIN_TARGET = 44  # px, the player's smallest touch target


def _placing(project: Project, pointer: tuple[Any, ...]) -> dict[str, Any] | None:
    """What the placing tool draws on: a room's picture, its objects' and exits' zones
    (in percent of the picture, as the player reads ``x, y, w, h``), and the size the
    player gives that picture, for the warning on zones too small to touch."""
    room = get(project.merged, pointer)
    if len(pointer) != 2 or pointer[0] != "rooms" or not isinstance(room, dict):
        return None
    if not isinstance(room.get("background"), str) or not room["background"]:
        return None
    things = []
    for kind in ("objects", "exits"):
        for index, thing in enumerate(room.get(kind) or []):
            if not isinstance(thing, dict):
                continue
            box = _box(thing)
            label = thing.get("label")
            if isinstance(label, dict):  # a text given per language: the first one
                label = next((v for v in label.values() if isinstance(v, str)), "")
            name = label if isinstance(label, str) and label else str(thing.get("id", index + 1))
            things.append({"id": str(thing.get("id", index + 1)), "kind": kind[:-1], "label": name,
                           "pointer": to_text(pointer + (kind, index)), "placed": bool(box), **box})
    chosen = next((t["pointer"] for t in things if not t["placed"]), things[0]["pointer"] if things else "")
    return {"image": room["background"], "objects": things, "chosen": chosen,
            "screen": PLAYER_SCREEN, "picture": PLAYER_PICTURE, "min": MIN_TARGET}


def _box(thing: dict[str, Any]) -> dict[str, float]:
    """A zone's ``x, y, w, h`` when all four are numbers (else empty: not placed yet)."""
    box = {k: float(v) for k in ("x", "y", "w", "h")
           if isinstance(v := thing.get(k), (int, float)) and not isinstance(v, bool)}
    return box if len(box) == 4 else {}


def _place_box(project: Project, payload: dict[str, Any]) -> tuple[tuple[Any, ...], dict[str, float]]:
    """The object or exit of a room (or a zone of a puzzle's picture), and the zone
    drawn for it (percent of the picture, to a tenth, inside the picture); ChangeError
    when either does not fit."""
    pointer = to_pointer(str(payload.get("pointer", "")))
    where = (pointer[0], pointer[2]) if len(pointer) == 4 else ()
    if where not in (("rooms", "objects"), ("rooms", "exits"), ("puzzles", "zones")) \
            or not isinstance(get(project.merged, pointer), dict):
        raise ChangeError(to_text(pointer))
    box: dict[str, float] = {}
    for name in ("x", "y", "w", "h"):
        number = payload.get(name)
        if not isinstance(number, (int, float)) or isinstance(number, bool) or not 0 <= number <= 100:
            raise ChangeError(f"{name}: {number!r}")
        rounded = round(float(number), 1)
        box[name] = int(rounded) if rounded.is_integer() else rounded  # « 20 » in the YAML, not « 20.0 »
    if box["w"] <= 0 or box["h"] <= 0 or box["x"] + box["w"] > 100.05 or box["y"] + box["h"] > 100.05:
        raise ChangeError(", ".join(f"{k}: {v:g}" for k, v in box.items()))
    return pointer, box


def _preview_of(project: Project, pointer: tuple[Any, ...], verdict: Verdict) -> dict[str, Any] | None:
    """The document an element page previews (itself, or the one it names), and whether
    it can be drawn yet: not while the schema reports an error in it."""
    found = preview.document_at(project.merged, pointer)
    if found is None:
        return None
    index, document = found
    blocked = any(p.error and p.path[:2] == ("documents", index) for p in verdict.placed)
    return {"index": index, "id": str(document.get("id", "")), "ready": not blocked}


def _hotspot(project: Project, pointer: tuple[Any, ...]) -> dict[str, Any] | None:
    """What the picture tool draws on: the image and zones of a puzzle whose type reads
    both (its plug-in's fields say so, no type is named here)."""
    from ..core import puzzles

    element = get(project.merged, pointer)
    if len(pointer) != 2 or pointer[0] != "puzzles" or not isinstance(element, dict):
        return None
    kind = puzzles.REGISTRY.get(str(element.get("type")))
    if kind is None or not {"image", "zones"} <= kind.fields:
        return None
    zones = []
    for index, zone in enumerate(element.get("zones") or []):
        if not isinstance(zone, dict):
            continue
        box = _box(zone)
        zones.append({"id": str(zone.get("id", index + 1)), "correct": zone.get("correct") is True,
                      "pointer": to_text(pointer + ("zones", index)), "placed": bool(box), **box})
    return {"image": element.get("image") if isinstance(element.get("image"), str) else "",
            "zones": zones, "pointer": to_text(pointer + ("zones",))}


class Request:
    """One request, once it passed the gate: the path's parts, its query, its body."""

    def __init__(self, handler: Handler, parts: list[str], query: dict[str, list[str]], body: bytes = b"") -> None:
        self.handler, self.parts, self.query, self.body = handler, parts, query, body

    def arg(self, name: str) -> str:
        return (self.query.get(name) or [""])[0]

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in urllib.parse.parse_qs(self.body.decode("utf-8", "replace")).items()}

    def json(self) -> dict[str, Any]:
        try:
            value = json.loads(self.body or b"{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @property
    def filename(self) -> str:
        return urllib.parse.unquote(self.handler.headers.get("X-Filename", ""))


class Handler(BaseHTTPRequestHandler):
    """Checks every request (Host, cookie, Origin on writes), then hands it to its route
    (``GETS``, ``POSTS``, ``GAME_GETS``, ``GAME_POSTS`` below), under the editor's lock."""

    server_version = "Sesame-editeur"
    sys_version = ""

    @property
    def editor(self) -> Editor:
        editor: Editor = self.server.editor  # type: ignore[attr-defined]
        return editor

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        return  # the windowed build has no stdout; nothing to log for the user

    # --- the checks every request passes ------------------------------------------

    def _host_ok(self) -> bool:
        host = self.headers.get("Host", "")
        return host in (f"127.0.0.1:{self.editor.port}", f"localhost:{self.editor.port}")

    def _origin_ok(self) -> bool:
        origin = self.headers.get("Origin", "")
        return origin in (f"http://127.0.0.1:{self.editor.port}", f"http://localhost:{self.editor.port}")

    def _cookie_ok(self) -> bool:
        for part in self.headers.get("Cookie", "").split(";"):
            name, _sep, value = part.strip().partition("=")
            if name == COOKIE and hmac.compare_digest(value.encode(), self.editor.session.encode()):
                return True
        return False

    def _gate(self, write: bool) -> bool:
        if not self._host_ok():
            self.refuse(HTTPStatus.FORBIDDEN, "Host refusé")
            return False
        if write and not self._origin_ok():
            self.refuse(HTTPStatus.FORBIDDEN, "Origin refusée")
            return False
        if not self._cookie_ok():
            self.refuse(HTTPStatus.FORBIDDEN, _("Ouvrez l’éditeur depuis Sésame ou la commande « sesame edit »."))
            return False
        return True

    # --- answers ------------------------------------------------------------------------

    def refuse(self, status: HTTPStatus, message: str) -> None:
        body = message.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send(self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK,
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", (headers or {}).pop("Content-Security-Policy", CSP))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "same-origin")  # « no-referrer » makes Chrome send « Origin: null »
        self.send_header("Cache-Control", (headers or {}).pop("Cache-Control", "no-store"))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def html(self, text: str) -> None:
        self.send(text.encode("utf-8"), "text/html; charset=utf-8")

    def json(self, value: Any) -> None:
        self.send(json.dumps(value, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def redirect(self, location: str, cookie: bool = False) -> None:
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", location)
        if cookie:
            self.send_header("Set-Cookie", f"{COOKIE}={self.editor.session}; HttpOnly; SameSite=Strict; Path=/")
        self.send_header("Content-Length", "0")
        self.end_headers()

    # --- dispatch -------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/start":
            self._start(query)
        elif self._gate(write=False):
            self._route(Request(self, [p for p in url.path.split("/") if p], query), GETS, GAME_GETS)

    def do_POST(self) -> None:  # noqa: N802
        if not self._gate(write=True):
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0 or length > MAX_BODY:
            self.refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _("Fichier trop lourd"))
            return
        body = self.rfile.read(length)
        parts = [p for p in urllib.parse.urlsplit(self.path).path.split("/") if p]
        self._route(Request(self, parts, {}, body), POSTS, GAME_POSTS)

    def _route(self, request: Request, routes: dict[str, Route], game_routes: dict[str, GameRoute]) -> None:
        parts = request.parts
        try:
            if len(parts) <= 1 and (parts[0] if parts else "") in routes:
                routes[parts[0] if parts else ""](request)
            elif parts[:1] == ["static"] and len(parts) == 2 and parts[1] in _STATIC:
                data = (HERE / "static" / parts[1]).read_bytes()
                self.send(data, _STATIC[parts[1]], headers={"Cache-Control": "no-cache"})
            elif len(parts) in (2, 3) and parts[0] == "game" and (parts + [""])[2] in game_routes:
                with self.editor.lock:
                    opened = self.editor.game(parts[1])
                if opened is None:
                    self.refuse(HTTPStatus.NOT_FOUND, _("Jeu introuvable"))
                    return
                game_routes[(parts + [""])[2]](request, parts[1], opened)
            else:
                self.refuse(HTTPStatus.NOT_FOUND, _("Page introuvable"))
        except actions.ActionError as error:
            self.json({"ok": False, "message": str(error)})
        except Exception as error:  # a page that fails says so, the server goes on
            self.refuse(HTTPStatus.INTERNAL_SERVER_ERROR, f"{type(error).__name__}: {error}")

    def _start(self, query: dict[str, list[str]]) -> None:
        """The one-time token of the URL the editor opened, exchanged for the cookie."""
        if not self._host_ok():
            self.refuse(HTTPStatus.FORBIDDEN, "Host refusé")
            return
        editor = self.editor
        token = (query.get("token") or [""])[0]
        with editor.lock:
            good = bool(editor.token) and hmac.compare_digest(token.encode(), editor.token.encode())
            if good:
                editor.token = ""  # one time only
        if not good:
            self.refuse(HTTPStatus.FORBIDDEN, _("Lien périmé : relancez l’éditeur depuis Sésame."))
            return
        self.redirect(f"/game/{editor.start_key}" if editor.start_key else "/", cookie=True)


Route = Callable[[Request], None]
GameRoute = Callable[[Request, str, Open], None]


# --- routes: the pages, and the start points --------------------------------------------

def _home(r: Request) -> None:
    with r.handler.editor.lock:
        r.handler.html(r.handler.editor.home_page(r.arg("message")))


def _new(r: Request) -> None:
    form = r.form()
    with r.handler.editor.lock:
        folder = actions.create(form.get("genre", ""), form.get("title", ""))
        r.handler.redirect(f"/game/{r.handler.editor.register(folder)}")


def _adapt(r: Request) -> None:
    source = next((f for i, _t, f in actions.bundled() if i == r.form().get("game")), None)
    if source is None:
        r.handler.refuse(HTTPStatus.NOT_FOUND, _("Jeu introuvable"))
        return
    with r.handler.editor.lock:
        r.handler.redirect(f"/game/{r.handler.editor.register(actions.adapt(source))}")


def _import(r: Request) -> None:
    """« Importer »; a game already there: both versions shown, nothing replaced yet."""
    editor = r.handler.editor
    with editor.lock:
        notes: list[str] = []
        try:
            folder = actions.import_package(r.body, r.filename, notes)
        except actions.Clash as clash:
            editor.clashes[clash.pending.name] = clash.folder
            r.handler.json({"ok": False, "clash": editor.render(
                "clash.html", mine=clash.mine, incoming=clash.incoming, pending=clash.pending.name)})
            return
        answer = {"ok": True, "goto": f"/game/{editor.register(folder)}"}
        if notes:  # a GIFT bank: what was skipped or lost is said before the quiz opens
            answer.update(notes=notes, message=_("Quiz créé. Ce qui n’a pas suivi :"), open=_("Ouvrir le quiz"))
        r.handler.json(answer)


def _import_answer(r: Request) -> None:
    """The author's answer to a clash: « Remplacer » (the old version set aside) or not."""
    editor = r.handler.editor
    asked = r.json()
    pending = str(asked.get("pending", ""))
    with editor.lock:
        if asked.get("replace") is not True:
            actions.drop_pending(pending)
            r.handler.json({"ok": True, "message": _("Rien n’a été remplacé.")})
            return
        mine = editor.clashes.pop(pending, None)
        for key, opened in list(editor.open.items()):  # the version being replaced is closed first
            if mine is not None and opened.project.folder == mine.resolve():
                opened.project.release()
                del editor.open[key]
        folder, aside = actions.replace_with(pending)
        key = editor.register(folder)
        message = _("Jeu remplacé. L’ancienne version est gardée dans {path}.").format(path=aside)
        now_open = editor.game(key)
        if now_open is not None:
            now_open.project.notice = message
        r.handler.json({"ok": True, "goto": f"/game/{key}", "message": message})


GETS: dict[str, Route] = {"": _home}
POSTS: dict[str, Route] = {"new": _new, "adapt": _adapt, "import": _import, "import-answer": _import_answer}


# --- routes of one game -------------------------------------------------------------------

def _game_page(r: Request, key: str, opened: Open) -> None:
    with r.handler.editor.lock:
        r.handler.html(r.handler.editor.game_page(key, opened, r.arg("at")))


def _state(r: Request, key: str, opened: Open) -> None:
    with r.handler.editor.lock:
        r.handler.json(r.handler.editor.state(key, opened, r.arg("page")))


def _file(r: Request, key: str, opened: Open) -> None:
    name = r.arg("name")
    # a picture of the game, or of Sésame's own library (art:NAME, an SVG)
    kind = "image/svg+xml" if assets.is_art(name) else mimetypes.guess_type(name)[0] or "application/octet-stream"
    if not kind.startswith("image/"):
        r.handler.refuse(HTTPStatus.NOT_FOUND, assets.printable_name(name))
        return
    try:  # the player's reader: inside the game, a regular file, never past its limit
        data = assets.read(opened.project.folder, name, assets.image_limit(name))
    except assets.Refused as refused:
        r.handler.refuse(HTTPStatus.NOT_FOUND, refused.reason)
        return
    r.handler.send(data, kind, headers={
        "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'"})


def _preview(r: Request, key: str, opened: Open) -> None:
    """A document as the player draws it (PNG); drawn outside the lock (a process of
    its own, about a second), from the data read under it."""
    with r.handler.editor.lock:
        documents = opened.project.merged.get("documents")
        index = int(r.arg("doc")) if r.arg("doc").isdigit() else -1
        raw = copy.deepcopy(documents[index]) if isinstance(documents, list) and 0 <= index < len(documents) \
            else None
        locale = _locale(opened.project.merged)
        folder = opened.project.folder
    if not isinstance(raw, dict):
        r.handler.refuse(HTTPStatus.NOT_FOUND, _("Document introuvable"))
        return
    try:
        data = preview.png(folder, raw, locale)
    except preview.NoPreview as why:
        r.handler.refuse(HTTPStatus.NOT_FOUND, str(why))
        return
    r.handler.send(data, "image/png")


def _guide(r: Request, key: str, opened: Open) -> None:
    with r.handler.editor.lock:
        try:
            path = actions.guide(opened.project.folder)
        except actions.ActionError as error:
            r.handler.refuse(HTTPStatus.CONFLICT, str(error))
            return
        r.handler.html(path.read_text(encoding="utf-8"))


def _change(r: Request, key: str, opened: Open) -> None:
    try:
        payload = json.loads(r.body or b"{}")
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        r.handler.refuse(HTTPStatus.BAD_REQUEST, "JSON")
        return
    with r.handler.editor.lock:
        r.handler.json(r.handler.editor.apply(key, opened, payload))


def _image(r: Request, key: str, opened: Open) -> None:
    """A picture copied into the game; its credit line started (who made it and under
    which licence: the author fills them in, the checklist asks until then)."""
    from fnmatch import fnmatchcase

    with r.handler.editor.lock:
        name = actions.add_image(opened.project.folder, r.filename, r.body)
        credits = opened.project.merged.get("asset_credits")
        patterns = [str(c["files"]) for c in credits or () if isinstance(c, dict) and isinstance(c.get("files"), str)]
        if not any(fnmatchcase(name, p) for p in patterns):
            if isinstance(credits, list):
                opened.project.change(AddItem(("asset_credits",), {"files": name}))
            elif credits is None:
                opened.project.change(SetField(("asset_credits",), [{"files": name}]))
    r.handler.json({"ok": True, "name": name, "message": _("Image ajoutée : {name}. Dites qui l’a faite et sous "
                                                           "quelle licence dans « Le jeu › Crédits des images ».")
                    .format(name=name)})


def _walkthrough(r: Request, key: str, opened: Open) -> None:
    editor = r.handler.editor
    with editor.lock:
        verdict = opened.verdict()
        if not verdict.solution:
            raise actions.ActionError(_("Le jeu ne peut pas encore être fini : corrigez d’abord "
                                        "ce que la liste indique."))
        actions.write_walkthrough(opened.project.folder, verdict.solution, str(opened.project.merged.get("genre")))
        opened.project.version += 1
        r.handler.json({**editor.state(key, opened, ""), "ok": True,
                        "message": _("Parcours gagnant écrit ({n} actions).").format(n=len(verdict.solution))})


def _try(r: Request, key: str, opened: Open) -> None:
    asked = r.json()
    room, puzzle = (str(asked[k]) if isinstance(asked.get(k), str) else None for k in ("room", "puzzle"))
    actions.try_game(opened.project.folder, room, puzzle)
    r.handler.json({"ok": True, "message": _("Le jeu s’ouvre dans une fenêtre de Sésame.")})


def _share(r: Request, key: str, opened: Open) -> None:
    with r.handler.editor.lock:
        path = actions.share(opened.project.folder, actions.games_folder().parent / "partages")
    r.handler.json({"ok": True, "message": _("Paquet prêt à partager : {path}").format(path=path)})


GAME_GETS: dict[str, GameRoute] = {"": _game_page, "state": _state, "file": _file, "preview": _preview,
                                   "guide": _guide}
GAME_POSTS: dict[str, GameRoute] = {"change": _change, "image": _image, "walkthrough": _walkthrough,
                                    "try": _try, "share": _share}


_STATIC = {"editor.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}


def run(game: Path | None, port: int = 0, browser: bool = True) -> int:
    """``sesame edit``: serve until interrupted."""
    from .browser import open_url

    editor = Editor(game, port)
    opened = browser and open_url(editor.url)
    if not opened and sys.stdout is not None:
        print(_("Éditeur ouvert à l’adresse : {url}").format(url=editor.url), flush=True)
    elif sys.stdout is not None:
        print(_("L’éditeur s’ouvre dans le navigateur ({url}). Ctrl+C pour l’arrêter.").format(url=editor.url),
              flush=True)
    try:
        editor.serve()
    except KeyboardInterrupt:
        pass
    return 0


def start_in_background(game: Path | None = None) -> Editor:
    """For the home screen's « Créer ou modifier un jeu »: serve from a thread."""
    from .browser import open_url

    editor = Editor(game, 0)
    threading.Thread(target=editor.serve, name="sesame-editor", daemon=True).start()
    open_url(editor.url)
    return editor


__all__ = ["Editor", "run", "start_in_background", "MoveItem", "RemoveItem"]
