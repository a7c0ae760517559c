#!/usr/bin/env bash
# The linter and the type checker on engine/, as configured in pyproject.toml (the
# editor package is left out of mypy for now: see [tool.mypy]). Run after dev.py has
# set up .venv with the lint group (SESAME_REQUIRE_BUILD=1, as CI sets, or SESAME_LINT=1).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check engine
.venv/bin/mypy engine
