#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/web/) when it is missing.
# The tests drive /usr/bin/chromium through Playwright's Python package; `playwright install`
# (which downloads its own browsers) is never used. Without Chromium the browser tests skip.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: no apt-get here; install Chromium as /usr/bin/chromium to run tests/web" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "install-browser: not root and no sudo; tests/web will skip" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -qq update >/dev/null || true
if ! $SUDO apt-get -y -qq install --no-install-recommends chromium >/dev/null; then
  echo "install-browser: apt-get could not install chromium; tests/web will skip" >&2
  exit 0
fi
/usr/bin/chromium --version 2>/dev/null | grep -v "unexpected operator" || true
