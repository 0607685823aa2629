#!/usr/bin/env bash
# Set up everything and run the whole test suite, browser tests included, on
# Chromium, WebKit and Firefox. Extra arguments go to pytest, e.g. -k offline.
source "$(dirname "$0")/_env.sh"
install_project "[test]"

# Debian packages the tests need, each with how to tell it is already there.
# Playwright cannot download its own browser on these machines: Debian's Chromium
# (CHROMIUM_PATH overrides it). Burmese and Karen pages are checked with real
# glyphs (Noto Sans Myanmar). The nginx tests serve `famplan build` on loopback.
MISSING=()
need() {
  local package="$1"; shift
  "$@" >/dev/null 2>&1 || MISSING+=("$package")
}
[ -n "${CHROMIUM_PATH:-}" ] || need chromium test -x /usr/lib/chromium/chromium
need fonts-noto-core sh -c "fc-list 'Noto Sans Myanmar' | grep -q ."
need nginx sh -c "command -v nginx || test -x /usr/sbin/nginx"
if [ ${#MISSING[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${MISSING[*]} ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${MISSING[@]}" >/dev/null
  elif [[ " ${MISSING[*]} " == *" chromium "* ]]; then
    echo "No Chromium found: asking Playwright to download one (needs the internet) ..."
    "$ROOT/.venv/bin/playwright" install chromium
  fi
  for package in "${MISSING[@]}"; do
    [ "$package" = chromium ] || dpkg -s "$package" >/dev/null 2>&1 || echo "Missing Debian package $package: its tests will fail (as root, this script installs it)."
  done
fi
# WebKit and Firefox for tests/engines (docs/engines.md), without the packages
# they only recommend: WebKitWebDriver; WebKitGTK for Debian's python3, through
# PyGObject; a virtual display (WebKitGTK has no headless mode); Firefox ESR,
# driven over its own WebDriver BiDi.
LEAN=()
need_lean() {
  local package="$1"; shift
  "$@" >/dev/null 2>&1 || LEAN+=("$package")
}
need_lean webkit2gtk-driver sh -c "command -v WebKitWebDriver"
need_lean python3-gi /usr/bin/python3 -c "import gi"
need_lean gir1.2-webkit2-4.1 /usr/bin/python3 -c "import gi; gi.require_version('WebKit2', '4.1')"
need_lean xvfb sh -c "command -v Xvfb"
need_lean xauth sh -c "command -v xauth"
need_lean firefox-esr sh -c "command -v firefox-esr || command -v firefox || test -n \"\${FIREFOX_PATH:-}\""
if [ ${#LEAN[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${LEAN[*]} ..."
    [ ${#MISSING[@]} -gt 0 ] || DEBIAN_FRONTEND=noninteractive apt-get update -qq  # else done just above
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${LEAN[@]}" >/dev/null
  else
    # That engine's tests will fail and say why: never a silent skip.
    echo "Missing Debian packages (as root, this script installs them): ${LEAN[*]}" >&2
  fi
fi
if [ -z "${CHROMIUM_PATH:-}" ] && [ -x /usr/lib/chromium/chromium ]; then
  export CHROMIUM_PATH=/usr/lib/chromium/chromium
fi

# Browser profiles live in the temporary folder; a nearly full disk changes how
# Chromium treats stored data, so say how much room there is.
echo "Free space for browser profiles: $(df -h "${TMPDIR:-/tmp}" | awk 'NR==2 {print $4}')"

exec "$VENV_PY" -m pytest "$@"
