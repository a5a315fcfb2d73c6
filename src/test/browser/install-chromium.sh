#!/usr/bin/env bash
# Installs Debian's headless browser and its WebDriver for ConsoleBrowserIntegrationTest:
# packages chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver).
# Does nothing when both are there. Needs root (or sudo without a password) and apt; says so
# and exits non-zero when it cannot install them.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get here; install chromium and chromedriver by hand" >&2
  exit 1
fi
run=()
if [[ "$(id -u)" != 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run=(sudo -n)
  else
    echo "install-chromium: needs root to run apt-get install chromium chromium-driver" >&2
    exit 1
  fi
fi
echo "install-chromium: apt-get install chromium chromium-driver ..." >&2
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -q >&2
"${run[@]}" apt-get install -y -q --no-install-recommends chromium chromium-driver >&2
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  echo "install-chromium: apt-get finished but /usr/bin/chromium or /usr/bin/chromedriver is missing" >&2
  exit 1
fi
