"""Every file a game names, found and read in one place: confined to the game's folder,
regular files only, with limits checked before anything is decoded.

A game folder is untrusted input (games are shared between libraries as files). The
player, ``sesame check``, the guide and the loader all go through ``resolve`` and
``read``, so the same rules hold everywhere:

- a name is relative, with « / » (no absolute path, no drive like ``C:``, no
  backslash, no control character, no Windows device name such as ``CON``), and each
  part at most 255 bytes;
- the real path (symbolic links followed) stays inside the real game folder;
- only a regular file is opened: a FIFO or a device is refused from its ``stat``,
  without opening it, and the open itself neither blocks nor accepts a late swap;
- the size is checked before reading, and at most ``limit`` bytes are ever read.

A name of the form ``art:NAME`` (``background: art:redaction``, ``icon: art:telephone``,
``face: art:fille_a``) is a picture of the bundled art library (engine/assets/art: room
backgrounds, object sprites, faces), under the same limits; ``art_names`` lists them.

``image_info`` reads a picture's size from its PNG or JPEG header, so a picture too
big to decode on a 4 GB laptop is refused before decoding. Pure: no pygame here; the
player decodes what this module let through (engine/player/pictures.py).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

IMAGE_MAX_BYTES = 20_000_000
SVG_MAX_BYTES = 1_000_000
# 4096 × 4096: a decoded picture takes 4 bytes a pixel (64 MB), and scaling it needs
# a second copy for a moment; a 4 GB laptop has room for that, not for 30 000².
IMAGE_MAX_PIXELS = 16_777_216
NAME_MAX_BYTES = 255
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")

ART_PREFIX = "art:"
ART_FOLDERS = ("decors", "objets", "visages")  # backgrounds, sprites, faces
_ART_NAME = re.compile(r"^[a-z0-9_]{1,64}$")
_DEVICE_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class Refused(Exception):
    """A file of the game that is not opened or not used; ``reason`` says why, in French.

    ``code`` is stable for tools and tests: ``missing``, ``path``, ``outside``,
    ``long_name``, ``not_file``, ``size``, ``pixels``, ``format``, ``unreadable``.
    """

    def __init__(self, file: str, code: str, reason: str) -> None:
        super().__init__(reason)
        self.file, self.code, self.reason = file, code, reason


def check_name(name: str) -> str:
    """Refuse a name that is not a relative « / » path of plain parts (the rules above),
    without looking at the disk: also used for the entries of a package. Returns the
    name as it can be shown in a message."""
    from ..i18n import _

    shown = printable_name(name)
    if not isinstance(name, str) or not name.strip():
        raise Refused(shown, "path", _("nom de fichier vide"))
    if _CONTROL.search(name) or "\\" in name or name.startswith("/") or ":" in name:
        raise Refused(shown, "path", _(
            "« {file} » n’est pas un chemin du dossier du jeu : écrivez un chemin relatif avec des « / », "
            "sans lettre de lecteur ni « \\ » (par exemple images/bureau.png)").format(file=shown))
    parts = name.split("/")
    for part in parts:
        if len(part.encode("utf-8", "surrogatepass")) > NAME_MAX_BYTES:
            raise Refused(shown, "long_name", _(
                "« {file} » : nom de fichier trop long ({n} caractères, au plus {max}) : raccourcissez-le")
                .format(file=shown, n=len(part), max=NAME_MAX_BYTES))
        if _DEVICE_NAMES.match(part.rstrip(" .")):
            raise Refused(shown, "path", _(
                "« {file} » porte un nom réservé par Windows : renommez le fichier").format(file=shown))
    return shown


def resolve(folder: Path, name: str) -> Path:
    """The real path of ``name`` inside the game ``folder``; raises Refused.

    Nothing is opened: only the path's parts are looked at, then resolved.
    """
    from ..i18n import _

    shown = check_name(name)
    try:
        root = Path(folder).resolve()
        target = (root / name).resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links, a name the system refuses
        raise Refused(shown, "unreadable", _("« {file} » est illisible").format(file=shown)) from None
    if root not in target.parents:
        raise Refused(shown, "outside", _(
            "« {file} » est hors du dossier du jeu (lien ou « .. ») : mettez le fichier dans le "
            "dossier du jeu").format(file=shown))
    return target


def is_art(name: object) -> bool:
    """True for a name of the bundled art library (``art:redaction``)."""
    return isinstance(name, str) and name.startswith(ART_PREFIX)


def art_root() -> Path:
    from ..paths import assets as assets_folder

    return assets_folder() / "art"


def art_names(kind: str | None = None) -> list[str]:
    """The names of the bundled art library, as a game writes them (``art:redaction``),
    of one ``kind`` (a folder of ART_FOLDERS) or of all."""
    root = art_root()
    found = []
    for sub in ART_FOLDERS if kind is None else (kind,):
        if (root / sub).is_dir():
            found += [ART_PREFIX + f.stem for f in (root / sub).iterdir() if f.suffix == ".svg"]
    return sorted(found)


def resolve_art(name: str) -> Path:
    """The file of the art library's picture ``name`` (``art:NAME``); raises Refused.
    Only a plain name is accepted (letters, digits, « _ »): it cannot leave the library."""
    from ..i18n import _

    shown = printable_name(name)
    stem = name[len(ART_PREFIX):]
    if _ART_NAME.match(stem):
        root = art_root()
        for sub in ART_FOLDERS:
            path = root / sub / f"{stem}.svg"
            if path.is_file():
                return path
    raise Refused(shown, "missing", _(
        "« {file} » n’est pas une image de la bibliothèque de Sésame (art:…)").format(file=shown))


def regular_file(folder: Path, name: str, limit: int) -> Path:
    """The real path of ``name``, once its ``stat`` says it is a regular file of at
    most ``limit`` bytes inside the game ``folder`` (or, for ``art:NAME``, inside the
    bundled art library); raises Refused. Nothing is opened."""
    from ..i18n import _

    target = resolve_art(name) if is_art(name) else resolve(folder, name)
    shown = printable_name(name)
    try:
        status = os.stat(target)
    except FileNotFoundError:
        raise Refused(shown, "missing", _("« {file} » introuvable dans le dossier du jeu").format(
            file=shown)) from None
    except (OSError, ValueError):
        raise Refused(shown, "unreadable", _("« {file} » est illisible").format(file=shown)) from None
    _regular(status, shown, limit)
    return target


def read(folder: Path, name: str, limit: int) -> bytes:
    """The bytes of the regular file ``name`` of the game ``folder``, at most ``limit``
    of them; raises Refused (missing, outside, not a regular file, too heavy…). The
    reading itself is storage.read_bounded's (no blocking open, checked again on the
    open file, never more than ``limit + 1`` bytes)."""
    from ..i18n import _
    from ..storage import NotRegularFile, TooLarge, read_bounded

    target = regular_file(folder, name, limit)
    shown = printable_name(name)
    try:
        return read_bounded(target, limit)
    except NotRegularFile:
        raise Refused(shown, "not_file", _(
            "« {file} » n’est pas un fichier ordinaire (tube, périphérique…) : il n’est pas ouvert")
            .format(file=shown)) from None
    except TooLarge as error:
        raise Refused(shown, "size", _too_heavy(shown, error.size, limit)) from None
    except OSError:
        raise Refused(shown, "unreadable", _("« {file} » est illisible").format(file=shown)) from None


def image_names(folder: Path, limit: int = 5000) -> list[str]:
    """The pictures of the game folder, as relative names (for « did you mean »):
    symbolic links to folders are not followed, and at most ``limit`` entries are seen."""
    found: list[str] = []
    seen = 0
    for root, folders, files in os.walk(folder):
        seen += len(folders) + len(files)
        found += [os.path.relpath(os.path.join(root, f), folder).replace(os.sep, "/")
                  for f in files if f.lower().endswith(IMAGE_SUFFIXES)]
        if seen > limit:
            break
    return sorted(found)


def _regular(status: os.stat_result, shown: str, limit: int) -> None:
    from ..i18n import _

    if stat.S_ISDIR(status.st_mode):
        raise Refused(shown, "not_file", _("« {file} » est un dossier, pas un fichier").format(file=shown))
    if not stat.S_ISREG(status.st_mode):
        raise Refused(shown, "not_file", _(
            "« {file} » n’est pas un fichier ordinaire (tube, périphérique…) : il n’est pas ouvert")
            .format(file=shown))
    if status.st_size > limit:
        raise Refused(shown, "size", _too_heavy(shown, status.st_size, limit))


def _too_heavy(shown: str, size: int, limit: int) -> str:
    from ..i18n import _

    shown_size, shown_limit = megabytes(size), megabytes(limit)
    if shown_size == shown_limit:  # just over: say it in bytes
        shown_size, shown_limit = (f"{n:,} o".replace(",", "\u202f") for n in (size, limit))
    return _("« {file} » est trop lourd ({size}, au plus {max})").format(
        file=shown, size=shown_size, max=shown_limit)


def megabytes(size: int) -> str:
    """A size as people read it: « 1,5 Mo », « 200 ko »."""
    if size >= 1_000_000:
        return f"{size / 1e6:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " Mo"
    return f"{max(1, round(size / 1000))} ko"


def printable_name(name: object, limit: int = 80) -> str:
    """A file name as it can be shown in a message: control characters made visible,
    very long names cut in the middle."""
    text = str(name)
    text = "".join(f"\\x{ord(c):02x}" if ord(c) < 32 or ord(c) == 127 else c for c in text)
    return text if len(text) <= limit else text[: limit // 2] + "…" + text[-(limit // 2):]


@dataclass(frozen=True)
class ImageInfo:
    """What the header of a picture says: its kind and, for PNG and JPEG, its size."""

    kind: str  # png, jpeg or svg
    width: int = 0
    height: int = 0


def image_limit(name: str) -> int:
    return SVG_MAX_BYTES if name.lower().endswith(".svg") or is_art(name) else IMAGE_MAX_BYTES


def image_info(name: str, data: bytes) -> ImageInfo:
    """The kind and size of the picture ``data`` named ``name``, from its header only;
    raises Refused when the content is not the picture its name announces, or when it
    would not fit the pixel budget once decoded."""
    from ..i18n import _

    shown = printable_name(name)
    suffix = ".svg" if is_art(name) else os.path.splitext(name)[1].lower()
    if suffix not in IMAGE_SUFFIXES:
        raise Refused(shown, "format", _("« {file} » n’est pas une image PNG, JPEG ou SVG").format(file=shown))
    if suffix == ".svg":
        if len(data) > SVG_MAX_BYTES:
            raise Refused(shown, "size", _too_heavy(shown, len(data), SVG_MAX_BYTES))
        if b"<svg" not in data:
            raise Refused(shown, "format", _("« {file} » n’est pas une image SVG valide").format(file=shown))
        return ImageInfo("svg")
    kind = "png" if suffix == ".png" else "jpeg"
    size = _png_size(data) if kind == "png" else _jpeg_size(data)
    if size is None:
        raise Refused(shown, "format", _("« {file} » n’est pas une image {kind} valide").format(
            file=shown, kind=kind.upper()))
    width, height = size
    if width * height > IMAGE_MAX_PIXELS:
        raise Refused(shown, "pixels", _(
            "« {file} » est trop grande ({w} × {h} pixels, au plus {max} millions de pixels) : "
            "réduisez-la, par exemple à 1920 pixels de large").format(
            file=shown, w=width, h=height, max=IMAGE_MAX_PIXELS // 1_000_000))
    return ImageInfo(kind, width, height)


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or not data.startswith(b"\x89PNG\r\n\x1a\n") or data[12:16] != b"IHDR":
        return None
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return (width, height) if width and height else None


# Start-of-frame markers (baseline, progressive, lossless…), not DHT, JPG nor DAC.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the first start-of-frame segment, walking the segments."""
    if not data.startswith(b"\xff\xd8"):
        return None
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            at += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image or start of scan before any frame
            return None
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if length < 2:
            return None
        if marker in _SOF:
            if at + 9 > len(data):
                return None
            height = int.from_bytes(data[at + 5:at + 7], "big")
            width = int.from_bytes(data[at + 7:at + 9], "big")
            return (width, height) if width and height else None
        at += 2 + length
    return None
