#!/usr/bin/env bash
# Bring what the web chat's browser tests need, only when it is missing:
#   Debian's chromium (the tests drive /usr/bin/chromium; no browser download), an emoji font, and
#   axe-core from npm (package-lock.json pins it) in node_modules/.
# Without root or apt it prints why and exits 0: the browser tests then skip with that reason
# (under CI=true they fail instead).
set -uo pipefail
cd "$(dirname "$0")/.."

# The emoji font only makes the screenshot show the replies' emoji (the page works without it).
wanted=()
[ -x /usr/bin/chromium ] || wanted+=(chromium)
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || wanted+=(fonts-noto-color-emoji)
if [ ${#wanted[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${wanted[*]} from Debian for the web chat tests..."
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null; }; then
      echo "ensure_browser: apt-get could not install ${wanted[*]}; without chromium the browser tests are skipped." >&2
    fi
  elif [ ! -x /usr/bin/chromium ]; then
    echo "ensure_browser: /usr/bin/chromium is missing and apt-get needs root here;" \
         "run 'sudo apt-get install --no-install-recommends chromium' or the browser tests will be skipped." >&2
  fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --silent --no-audit --no-fund || echo "ensure_browser: npm ci failed; the accessibility test will be skipped." >&2
  else
    echo "ensure_browser: npm is missing; the accessibility test will be skipped." >&2
  fi
fi
exit 0
