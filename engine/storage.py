"""The user's files, written and read so that a crash, a full disk, a forged file or a
second window never loses, tears or freezes anything.

Low level and pure (no pygame, nothing of the app): saves (``session``), results
(``results``), the content cache and the preferences all write through here.

- ``write_atomic``: the new content goes to a temporary file in the same folder,
  flushed to the disk, then renamed over the old file (and the folder flushed too), so
  a killed process or a pulled USB key leaves the old file or the new one, never half
  of one. A write that fails removes its temporary file and raises ``OSError``.
- ``read_bounded``: regular files only (a FIFO or ``/dev/zero`` is refused at once,
  never read), at most a given size.
- ``set_aside``: a file that cannot be used is renamed, never deleted.
- ``clean_temporary``: the temporary files a killed process left behind.
- ``Lock``: one process at a time on a save (a second window), released by the
  operating system when the process ends however it ends.
- ``reason``: why an ``OSError`` happened, in French words for a pupil.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from .i18n import _

TEMPORARY = ".tmp"  # the suffix of every temporary file written here
SET_ASIDE = "abime"  # « x.json » set aside becomes « x.abime.json »


class NotRegularFile(OSError):
    """A path that is not a regular file (a folder, a device, a FIFO, a socket)."""


class TooLarge(OSError):
    """A file larger than what its reader accepts."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, "file too large", str(path))
        self.size, self.limit = size, limit


# --- writing --------------------------------------------------------------------------

def write_atomic(path: Path, content: str | bytes | Iterable[str], durable: bool = True) -> None:
    """Replace ``path`` with ``content`` (text is written as UTF-8; an iterable of texts
    is written piece by piece, never whole in memory) so that a crash leaves either the
    old or the new file. Creates the folder if needed. Raises ``OSError`` (disk full,
    read-only…) with nothing left behind. ``durable=False`` skips flushing to the disk
    (a cache, rebuilt when lost or torn)."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY)
    try:
        with os.fdopen(fd, "wb") as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                for piece in data:
                    out.write(piece.encode("utf-8"))
            out.flush()
            if durable:
                os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Flush the folder itself, so that the rename survives a power cut (POSIX; Windows
    has no such call, and NTFS journals renames)."""
    if sys.platform == "win32":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network shares) refuse: the file itself is on the disk
    finally:
        os.close(fd)


def set_aside(path: Path, companions: tuple[str, ...] = ()) -> Path | None:
    """Keep a file that cannot be used under another name instead of deleting it:
    ``x.json`` becomes ``x.abime.json`` (``x.abime-2.json`` if that one exists).
    ``companions`` are suffixes of files that go with it (``-wal`` of a database).
    Returns the new name, or None when the file could not be renamed."""
    path = Path(path)
    stem, suffix = (path.name[: -len(path.suffix)], path.suffix) if path.suffix else (path.name, "")
    for n in range(1, 1000):
        mark = SET_ASIDE if n == 1 else f"{SET_ASIDE}-{n}"
        target = path.with_name(f"{stem}.{mark}{suffix}")
        if not target.exists():
            break
    else:
        return None
    try:
        os.replace(path, target)
    except OSError:
        return None
    for extra in companions:
        try:
            os.replace(f"{path}{extra}", f"{target}{extra}")
        except OSError:
            pass
    return target


def is_set_aside(path: Path) -> bool:
    """Whether ``path`` is a file ``set_aside`` made."""
    parts = Path(path).name.split(".")
    return any(p == SET_ASIDE or (p.startswith(SET_ASIDE + "-") and p[len(SET_ASIDE) + 1:].isdigit())
               for p in parts[1:])


def temporary_files(folder: Path) -> list[Path]:
    """The temporary files ``write_atomic`` (or an older Sésame) left in ``folder``."""
    try:
        return sorted(p for p in Path(folder).iterdir() if p.name.endswith(TEMPORARY) and p.is_file())
    except OSError:
        return []


def clean_temporary(folder: Path, older_than_s: float = 60.0, now: float | None = None) -> list[Path]:
    """Remove the temporary files a killed process left in ``folder``; those younger
    than ``older_than_s`` may be another window's write in progress and stay.
    Returns the files removed."""
    now = time.time() if now is None else now
    removed = []
    for path in temporary_files(folder):
        try:
            if now - path.stat().st_mtime >= older_than_s:
                path.unlink()
                removed.append(path)
        except OSError:
            pass
    return removed


# --- reading --------------------------------------------------------------------------

def read_bounded(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, refused when larger than ``limit``.

    The file is opened without blocking and checked on the open descriptor, so a FIFO,
    a device (``/dev/zero``) or a folder is refused at once (``NotRegularFile``), even
    when swapped in after a first look. At most ``limit + 1`` bytes are ever read: a
    file that grows while read is refused too (``TooLarge``)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if os.path.isdir(path):  # Windows refuses to open a folder with EACCES
            raise NotRegularFile(errno.EISDIR, "not a regular file", str(path)) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise TooLarge(Path(path), info.st_size, limit)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(Path(path), total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


# --- one process per save -------------------------------------------------------------

class Held(Exception):
    """The file is claimed by another process; ``pid`` is its number when known."""

    def __init__(self, pid: int | None) -> None:
        super().__init__(pid)
        self.pid = pid


_LOCK_OFFSET = 1 << 30  # Windows locks bytes: far from the PID written at the start
_held: dict[str, Lock] = {}


class Lock:
    """This process's claim on ``path``: a file ``path + '.lock'`` holding our PID, with
    an operating-system lock on it (``flock``, or ``msvcrt.locking`` on Windows) that
    ends with the process, killed or not: a lock is never left stale. Where the file
    system has no locks, the PID alone decides (a PID no longer running frees it).
    Claims are counted per process: claiming a path this process holds succeeds."""

    def __init__(self, path: Path, fd: int, os_lock: bool) -> None:
        self.path, self._fd, self._os_lock, self._count = path, fd, os_lock, 1

    @staticmethod
    def file(path: Path) -> Path:
        return Path(f"{path}.lock")

    @classmethod
    def acquire(cls, path: Path) -> Lock:
        """Claim ``path`` for this process, or raise ``Held`` (or ``OSError`` when the
        lock file cannot be written at all: a read-only folder)."""
        key = os.path.abspath(path)
        mine = _held.get(key)
        if mine is not None:
            mine._count += 1
            return mine
        lock_path = cls.file(Path(path))
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        try:
            os_lock = _try_lock(fd)
            if os_lock is False:
                raise Held(_read_pid(fd))
            if os_lock is None:  # no locks on this file system: the PID decides
                other = _read_pid(fd)
                if other is not None and other != os.getpid() and pid_alive(other):
                    raise Held(other)
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except BaseException:
            os.close(fd)
            raise
        lock = cls(Path(path), fd, bool(os_lock))
        _held[key] = lock
        return lock

    def release(self) -> None:
        """Give the claim up (once per ``acquire``). The lock file stays, empty:
        removing it would let two processes lock two different files of one name."""
        self._count -= 1
        if self._count > 0 or self._fd < 0:
            return
        _held.pop(os.path.abspath(self.path), None)
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        if self._os_lock:
            _unlock(self._fd)
        os.close(self._fd)
        self._fd = -1


def holder(path: Path) -> int | None:
    """The PID of another process that holds ``path`` (0 when it cannot be told), or
    None when it is free or ours. Looks without keeping anything."""
    if os.path.abspath(path) in _held:
        return None
    lock_path = Lock.file(Path(path))
    try:
        fd = os.open(lock_path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except OSError:
        return None  # no lock file: nobody ever claimed it
    try:
        os_lock = _try_lock(fd)
        if os_lock:
            _unlock(fd)
            return None
        pid = _read_pid(fd)
        if os_lock is None:
            return pid if pid is not None and pid != os.getpid() and pid_alive(pid) else None
        return pid or 0
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool | None:
    """True: locked; False: another process has it; None: locks unsupported here."""
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", -1)):
            return False
        return None  # ENOLCK, EOPNOTSUPP, ENOSYS: a file system without locks
    return True


def _unlock(fd: int) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_UN)
    except OSError:
        pass


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() and len(text) < 12 else None


def pid_alive(pid: int) -> bool:
    """Whether a process numbered ``pid`` runs (on Windows without signalling it:
    ``os.kill`` there terminates the process)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


# --- words ----------------------------------------------------------------------------

# Windows error numbers that say more than the errno Python maps them to.
_WINDOWS = {19: "readonly", 32: "busy", 33: "busy", 39: "full", 112: "full"}
_ERRNO = {errno.ENOSPC: "full", getattr(errno, "EDQUOT", -1): "full", errno.EFBIG: "large",
          errno.EROFS: "readonly", errno.EACCES: "denied", errno.EPERM: "denied",
          errno.ENOENT: "missing", errno.EIO: "io", errno.ENAMETOOLONG: "name",
          errno.EISDIR: "folder", errno.ENOTDIR: "missing"}


def kind(error: OSError) -> str:
    """What went wrong, as one word the callers branch on: ``full``, ``readonly``,
    ``denied``, ``missing``, ``io``, ``busy``, ``name``, ``folder``, ``notfile``,
    ``large`` or ``other``."""
    if isinstance(error, NotRegularFile):
        return "notfile"
    if isinstance(error, TooLarge):
        return "large"
    winerror = getattr(error, "winerror", None)
    if winerror in _WINDOWS:
        return _WINDOWS[winerror]
    return _ERRNO.get(error.errno or 0, "other")


def reason(error: OSError) -> str:
    """Why ``error`` happened, in a few French words (« le disque est plein »)."""
    what = kind(error)
    if what == "large" and isinstance(error, TooLarge):
        return _("fichier trop gros ({size} Mo ; au plus {limit} Mo)").format(
            size=round(error.size / 1_048_576, 1), limit=round(error.limit / 1_048_576, 1))
    words = {
        "full": _("le disque est plein"),
        "readonly": _("le disque ou le dossier est en lecture seule"),
        "denied": _("accès refusé (droits insuffisants ou fichier en lecture seule)"),
        "missing": _("fichier ou dossier introuvable"),
        "io": _("erreur de lecture ou d’écriture du disque (clé USB retirée ?)"),
        "busy": _("le fichier est ouvert par un autre programme"),
        "name": _("nom de fichier trop long"),
        "folder": _("c’est un dossier, pas un fichier"),
        "notfile": _("ce n’est pas un fichier ordinaire (périphérique, tube ou dossier)"),
        "large": _("fichier trop gros"),
    }
    return words.get(what) or str(error.strerror or error)
