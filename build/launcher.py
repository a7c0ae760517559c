"""Entry point of the frozen program (PyInstaller cannot start a package's ``__main__``
that uses relative imports). Both executables of the build run this file:
``Sesame`` (windowed, double-clicked) and ``sesame-cli`` (console, for the commands)."""

import sys

from engine.cli import main

if __name__ == "__main__":
    sys.exit(main())
