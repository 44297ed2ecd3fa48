#!/usr/bin/env bash
# Headless Chromium for the PDF export and the browser tests, from Debian's own package (no browser download by npm).
# Idempotent: prints the path of a chromium binary that is already there, or installs Debian's `chromium` (as root,
# without prompts) and prints its path. Set AISPM_CHROMIUM to use a binary of your own.
set -euo pipefail

say() { echo "install-chromium: $*" >&2; }
die() { say "$*"; exit 1; }

find_chromium() {
  local candidate
  if [ -n "${AISPM_CHROMIUM:-}" ]; then
    [ -x "$AISPM_CHROMIUM" ] || die "AISPM_CHROMIUM=$AISPM_CHROMIUM is not an executable file"
    echo "$AISPM_CHROMIUM"
    return 0
  fi
  for candidate in chromium chromium-browser; do
    if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return 0; fi
  done
  # Debian's wrapper script lives in /usr/bin; the real binary beside it in /usr/lib/chromium
  if [ -x /usr/lib/chromium/chromium ]; then echo /usr/lib/chromium/chromium; return 0; fi
  return 1
}

if path="$(find_chromium)"; then
  say "chromium already installed: $path"
  echo "$path"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "chromium is not installed and installing it needs root: sudo apt-get install -y chromium"
command -v apt-get >/dev/null 2>&1 || die "chromium is not installed and this is not a Debian/Ubuntu system (no apt-get); install Chromium and set AISPM_CHROMIUM"

# one installer at a time: test files call this script from parallel processes
exec 9>"${TMPDIR:-/tmp}/aispm-install-chromium.lock"
flock 9
if path="$(find_chromium)"; then
  say "chromium was installed meanwhile: $path"
  echo "$path"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
say "running: apt-get update"
apt-get update >&2
say "running: apt-get install -y chromium"
apt-get install -y chromium >&2
path="$(find_chromium)" || die "chromium not found after installing the package"
say "installed: $path ($("$path" --version 2>/dev/null || echo 'version unknown'))"
echo "$path"
