#!/usr/bin/env bash
# Set up everything and run the whole test suite, browser tests included.
# Extra arguments go to pytest, e.g. -k offline.
source "$(dirname "$0")/_env.sh"
install_project "[test]"

# Playwright cannot download its own browser on these machines; use Debian's.
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "Using Chromium at $CHROMIUM_PATH"
elif [ -x /usr/lib/chromium/chromium ]; then
  export CHROMIUM_PATH=/usr/lib/chromium/chromium
elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  export CHROMIUM_PATH=/usr/lib/chromium/chromium
else
  echo "No Chromium found: asking Playwright to download one (needs the internet) ..."
  "$ROOT/.venv/bin/playwright" install chromium
fi

# The nginx tests serve `famplan build` with Debian's nginx on loopback.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's nginx ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
  else
    echo "nginx is missing: the nginx tests will fail (as root, this script installs it; else: sudo apt-get install nginx)"
  fi
fi

# Browser profiles live in the temporary folder; a nearly full disk changes how
# Chromium treats stored data, so say how much room there is.
echo "Free space for browser profiles: $(df -h "${TMPDIR:-/tmp}" | awk 'NR==2 {print $4}')"

exec "$VENV_PY" -m pytest "$@"
