"""The requirements of the Windows build under Wine: uv.lock's, for Windows.

    python wine_requirements.py LOCKED.txt OVERRIDES.txt > requirements.txt

LOCKED.txt is ``uv export --no-hashes`` of uv.lock: every package pinned, some with an
environment marker. ``pip download --platform win_amd64`` evaluates markers for the
machine it runs on (Linux), so they are evaluated here for CPython 3.11 on 64-bit
Windows, and the lines that do not apply are dropped. OVERRIDES.txt replaces the
lock's pin of a package, for a gap of Wine only (each line says which): the Windows
build in the GitHub workflow and on a real Windows keeps the lock's versions.
"""

from __future__ import annotations

import sys
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

WINDOWS = {
    "implementation_name": "cpython", "implementation_version": "3.11.9", "os_name": "nt",
    "platform_machine": "AMD64", "platform_python_implementation": "CPython", "platform_release": "10",
    "platform_system": "Windows", "platform_version": "10.0.19045", "python_full_version": "3.11.9",
    "python_version": "3.11", "sys_platform": "win32",
}


def requirements(path: Path) -> list[Requirement]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            found.append(Requirement(line))
    return found


def main(locked: Path, overrides: Path) -> int:
    replaced = {canonicalize_name(r.name): r for r in requirements(overrides)}
    names = set()
    for requirement in requirements(locked):
        if requirement.marker is not None and not requirement.marker.evaluate(WINDOWS):
            continue
        name = canonicalize_name(requirement.name)
        names.add(name)
        if name in replaced:
            print(f"{replaced[name]}    # Wine override of the lock's {requirement.specifier}")
        else:
            requirement.marker = None
            print(requirement)
    unknown = set(replaced) - names
    if unknown:  # an override of nothing: the lock changed, the override is stale
        print(f"overrides for packages the lock does not have: {sorted(unknown)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    assert Marker("sys_platform == 'win32'").evaluate(WINDOWS)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
