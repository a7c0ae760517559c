#!/usr/bin/env python3
"""Build the standalone Sésame (one folder) with PyInstaller, then zip it.

    .venv/bin/python build/build.py              # → dist/Sesame/ and dist/Sesame-<version>-<system>.zip
    .venv/bin/python build/build.py --dist DIR   # build somewhere else (the tests do)
    .venv/bin/python build/build.py --no-zip

On Windows: ``.venv\\Scripts\\python build\\build.py``. PyInstaller does not
cross-compile: a Windows build is made on Windows, a Linux build on Linux.
``build/`` holds only our sources: PyInstaller's dist folder is ``dist/`` (or
``--dist``) and its work folder a temporary folder, removed afterwards (``--work``
keeps one, for faster rebuilds).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build" / "sesame.spec"
NAME = "Sesame"


def system_name() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{system}-{machine}"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from engine import __version__

    return __version__


def missing_prerequisites() -> list[str]:
    """What the build needs and this machine lacks, each with how to get it. On a fresh
    Debian or Ubuntu, PyInstaller needs ``objdump`` (binutils) and, with the system's
    Python, its shared library (``libpython3.X``), which ``python3`` does not pull in."""
    if importlib.util.find_spec("PyInstaller") is None:
        return ["PyInstaller: `SESAME_REQUIRE_BUILD=1 python3 dev.py test` installs it (the lock's build group)"]
    if not sys.platform.startswith("linux"):
        return []
    tools = [f"{tool}: sudo apt install {package}" for tool, package in (("objdump", "binutils"), ("ldd", "libc-bin"))
             if shutil.which(tool) is None]
    if tools:
        return tools
    try:
        from PyInstaller.depend.bindepend import get_python_library_path

        get_python_library_path()
    except SystemExit:  # PyInstaller's PythonLibraryNotFoundError
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        return [f"the shared library of Python {version}: sudo apt install libpython3-dev "
                f"(for the system's python3; or the package libpython{version})"]
    return []


def pyinstaller(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the built folder ``dist/Sesame``."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / NAME


def strip_symbols(folder: Path) -> int:
    """Linux: remove the debugging symbols of the shared libraries (``libpython`` built
    from source carries 17 MB of them). PyInstaller's own ``strip`` option strips every
    library, which breaks the ones a wheel's build (auditwheel) patched: NumPy's
    OpenBLAS no longer loads ("ELF load command address/offset not page-aligned"). So
    the libraries vendored in ``*.libs`` folders and the modules that point to them
    (``$ORIGIN/../…`` in their search path) are left as they are, and so are the two
    executables (their archive is appended after the ELF part). Returns bytes saved."""
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or strip is None:
        return 0
    saved = 0
    for path in sorted((folder / "_internal").rglob("*.so*")):
        if path.is_symlink() or not path.is_file() or any(part.endswith(".libs") for part in path.parts):
            continue
        data = path.read_bytes()
        if not data.startswith(b"\x7fELF") or b"$ORIGIN/.." in data:
            continue
        before = len(data)
        if subprocess.run([strip, "--strip-unneeded", str(path)], capture_output=True).returncode == 0:
            saved += before - path.stat().st_size
    return saved


def zip_folder(folder: Path, target: Path) -> Path:
    """Zip ``folder`` as ``target`` with the folder itself at the top; symbolic links
    (Linux builds) stay links instead of copies."""
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder.parent).as_posix()
            if path.is_symlink():
                info = zipfile.ZipInfo(name)
                info.create_system = 3  # Unix, so the mode below is read
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path))
            elif path.is_file():
                archive.write(path, name)
    return target


def unzip_folder(archive: Path, target: Path) -> Path:
    """Extract a zip made by ``zip_folder`` into ``target``, with its symbolic links and
    executable bits (Python's ``zipfile`` restores neither); returns the folder."""
    with zipfile.ZipFile(archive) as zipped:
        for info in zipped.infolist():
            destination = target / info.filename
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.symlink(zipped.read(info).decode(), destination)
            else:
                zipped.extract(info, target)
                if mode & 0o111:
                    os.chmod(destination, mode & 0o777)
    return target / NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and zip the standalone Sésame.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=None,
                        help="PyInstaller's work folder, kept for faster rebuilds (default: a temporary one)")
    parser.add_argument("--no-zip", action="store_true", help="do not zip the built folder")
    args = parser.parse_args(argv)

    missing = missing_prerequisites()
    if missing:
        print("Cannot build here; missing:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 2
    dist = args.dist.resolve()
    start = time.perf_counter()
    if args.work is not None:
        folder = pyinstaller(dist, args.work.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="sesame-pyinstaller-") as work:
            folder = pyinstaller(dist, Path(work))
    saved = strip_symbols(folder)
    print(f"built {folder} in {time.perf_counter() - start:.0f} s"
          + (f" ({saved / 1e6:.1f} MB of debugging symbols stripped)" if saved else ""))
    if not args.no_zip:
        archive = zip_folder(folder, dist / f"{NAME}-{version()}-{system_name()}.zip")
        print(f"zipped {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
