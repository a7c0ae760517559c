#!/usr/bin/env bash
# The editor's browser tests drive Debian's chromium (tests/test_editor_browser.py):
# install it when missing. Playwright's own browser download is not used.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    echo "[ci] chromium: $(chromium --version 2>/dev/null || echo present)"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
chromium --version
