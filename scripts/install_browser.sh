#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (no browser comes from PyPI, and Playwright's own
# browser download does not work offline). Used by `make browser` and by .ci/run.
set -euo pipefail
if [ -x /usr/bin/chromium ] || [ -n "${BOOK_CHROMIUM:-}" ]; then
  echo "chromium: $(${BOOK_CHROMIUM:-/usr/bin/chromium} --version 2>/dev/null || echo present)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium is missing. Install it with: sudo apt-get install chromium (Debian/Ubuntu)," >&2
  echo "or point BOOK_CHROMIUM at a Chromium or Chrome binary." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core > /dev/null
echo "chromium: $(/usr/bin/chromium --version)"
