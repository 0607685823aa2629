#!/usr/bin/env bash
# Set up everything and run the whole test suite, browser tests included, on
# Chromium, WebKit and Firefox. Extra arguments go to pytest, e.g. -k offline.
source "$(dirname "$0")/_env.sh"
install_project "[test]"

# Debian packages the suite needs beyond Python:
# - WebKit: WebKitWebDriver, WebKitGTK for Debian's python3 (PyGObject), and a
#   virtual display (WebKitGTK has no headless mode);
# - Firefox ESR, driven over its own WebDriver BiDi;
# - fonts that phones have (Noto: Arabic, Myanmar and many more), so pages are
#   drawn as on a phone and not with empty boxes.
ENGINE_PACKAGES=(webkit2gtk-driver gir1.2-webkit2-4.1 python3-gi xvfb xauth firefox-esr fonts-noto-core)
missing=()
if command -v dpkg-query >/dev/null; then
  for package in "${ENGINE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
fi

# Playwright cannot download its own browser on these machines; use Debian's.
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "Using Chromium at $CHROMIUM_PATH"
elif [ -x /usr/lib/chromium/chromium ]; then
  export CHROMIUM_PATH=/usr/lib/chromium/chromium
elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  missing+=(chromium)
  export CHROMIUM_PATH=/usr/lib/chromium/chromium
else
  echo "No Chromium found: asking Playwright to download one (needs the internet) ..."
  "$ROOT/.venv/bin/playwright" install chromium
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${missing[*]} ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    # The engine tests will fail and say which engine could not start: never a silent skip.
    echo "Missing Debian packages (install them as root): ${missing[*]}" >&2
  fi
fi

# Browser profiles live in the temporary folder; a nearly full disk changes how
# Chromium treats stored data, so say how much room there is.
echo "Free space for browser profiles: $(df -h "${TMPDIR:-/tmp}" | awk 'NR==2 {print $4}')"

exec "$VENV_PY" -m pytest "$@"
