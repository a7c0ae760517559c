"""Open the system browser on the editor, from a checkout, a wheel or the frozen build.

A PyInstaller build on Linux points ``LD_LIBRARY_PATH`` at its own libraries; a browser
started with it loads them instead of the system's and may crash (PyInstaller #3668).
PyInstaller keeps the original value in ``LD_LIBRARY_PATH_ORIG``: the browser, and the
player started by « Essayer », get the environment they would have outside the bundle.
"""

from __future__ import annotations

import os
import sys
import webbrowser


def clean_environment(for_browser: bool = True) -> dict[str, str]:
    env = dict(os.environ)
    if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
        for name in ("LD_LIBRARY_PATH",):
            original = env.pop(f"{name}_ORIG", None)
            if original is not None:
                env[name] = original
            else:
                env.pop(name, None)
    return env


def open_url(url: str) -> bool:
    """Open ``url`` in the user's browser; False when none could be started."""
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(clean_environment())
        return webbrowser.open(url, new=2)
    except Exception:  # no browser at all: the URL is printed instead
        return False
    finally:
        os.environ.clear()
        os.environ.update(saved)
