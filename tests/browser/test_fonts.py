"""Burmese and S'gaw Karen render with real fonts, never boxes: with the phone's own
Noto Sans Myanmar (Debian's fonts-noto-core here) and nothing downloaded, or, on a phone
without a Myanmar font, with the app's own subset, which the worker then keeps offline."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserType, expect

from tests.browser.font_helpers import MYANMAR_FONT, fontconfig_without_myanmar, fonts_drawn, tofu
from tests.browser.helpers import Watcher, wait_for_worker
from tests.live_server import LiveServer

PAGES = ["/my/resources/know-your-rights/", "/ksw/resources/know-your-rights/", "/ksw/", "/my/resources/school/"]
FONT_PATH = "/static/fonts/"

FONTS_IN_WORKER_CACHE = """async () => {
  const name = (await caches.keys()).find((key) => key.startsWith("famplan-") && !["famplan-prefs", "famplan-handoff"].includes(key));
  if (!name) return [];
  const keys = await (await caches.open(name)).keys();
  return keys.map((request) => new URL(request.url).pathname).filter((path) => path.startsWith("/static/fonts/"));
}"""

# The worker keeps the fonts in the background after the page reports them: poll its cache
# (a bounded loop on a state, not a timed sleep that assumes a speed).
WAIT_FOR_FONTS_IN_CACHE = """async (expected) => {
  for (let i = 0; i < 400; i++) {
    const name = (await caches.keys()).find((key) => key.startsWith("famplan-") && !["famplan-prefs", "famplan-handoff"].includes(key));
    if (name) {
      const paths = (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname);
      if (expected.every((path) => paths.includes(path))) return paths.filter((path) => path.startsWith("/static/fonts/"));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the worker did not keep the fonts");
}"""


def test_debian_noto_myanmar_is_installed_for_these_tests() -> None:
    # The overflow and rendering checks mean something only with real Myanmar glyphs.
    found = subprocess.run(["fc-list", ":charset=1000 1062", "family"], capture_output=True, text=True, check=True).stdout
    assert MYANMAR_FONT in found, "install Debian's fonts-noto-core (scripts/test.sh does it as root)"


def test_a_phone_with_its_own_myanmar_font_draws_it_and_downloads_nothing(
    browser: Browser, device_descriptor: dict[str, Any], live_server: LiveServer
) -> None:
    context = browser.new_context(**device_descriptor)
    watcher = Watcher().attach(context)
    page = context.new_page()
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        found = fonts_drawn(context, page)
        assert found, f"{path} has no Myanmar-script text"
        assert tofu(found) == [], f"{path}: {tofu(found)[:3]}"
        assert all(not font["isCustomFont"] for _, fonts in found for font in fonts), f"{path} used a downloaded font"
    wait_for_worker(page)
    page.reload()
    fonts_drawn(context, page)
    assert [url for url in watcher.requests if FONT_PATH in url] == []
    assert page.evaluate(FONTS_IN_WORKER_CACHE) == []
    context.close()


def test_a_phone_without_a_myanmar_font_gets_the_apps_own_and_keeps_it_offline(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    device_descriptor: dict[str, Any],
    live_server: LiveServer,
    tmp_path: Path,
) -> None:
    env = {**os.environ, **fontconfig_without_myanmar(tmp_path)}
    browser = browser_type.launch(**browser_type_launch_args, env=env)
    context = browser.new_context(**device_descriptor)
    watcher = Watcher().attach(context)
    page = context.new_page()
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        found = fonts_drawn(context, page)
        assert tofu(found) == [], f"{path}: {tofu(found)[:3]}"
        drawn_by = {font["familyName"] for _, fonts in found for font in fonts if font["isCustomFont"]}
        assert drawn_by == {MYANMAR_FONT}, f"{path}: the app's own font was not used: {found[:2]}"
    fonts = sorted(url for name, url in live_server.site.assets.urls.items() if name.startswith("fonts/") and name.endswith(".woff2"))
    assert len(fonts) == 2 and {url for url in fonts} <= {url.removeprefix(live_server.url) for url in watcher.requests}
    # The first visit ran before the worker controlled the page: the page's report makes it keep them.
    wait_for_worker(page)
    assert sorted(page.evaluate(WAIT_FOR_FONTS_IN_CACHE, fonts)) == fonts
    assert page.evaluate("caches.open('famplan-prefs').then((prefs) => prefs.match('/__famplan/fonts-needed')).then(Boolean)")
    browser.close()
