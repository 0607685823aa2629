"""The app's core flows as a person goes through them, written once for every engine."""

from __future__ import annotations

import json

from tests.browser.helpers import WAIT_FOR_WORKER
from tests.browser.vault_helpers import NOTES, PASSPHRASE
from tests.engines.driver import EngineBrowser

EDITOR = "#plan-editor > *"

# True once the worker's cache holds every path given (it caches a language in the background).
CACHED = """async (paths) => {
  const name = (await caches.keys()).find((key) => key.startsWith("famplan-") && key !== "famplan-prefs");
  if (!name) return false;
  const cached = new Set((await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname));
  return paths.every((path) => cached.has(path));
}"""


# What each page shows once its code has started; a page left before that would
# report the module loads it cancels (WebKit does) as errors of its own.
STARTED = {
    "plan": "#vault-setup, #vault-unlock",
    "open": "#open-app[data-ready=true]",
    "settings": "#storage-persistent, #storage-not-persistent",
}


def open_page(browser: EngineBrowser, url: str) -> None:
    """Opens a page of the app and waits until its code has started."""
    browser.goto(url)
    browser.wait_visible("h1")
    kind = url.rstrip("/").rsplit("/", 1)[-1]
    if kind in STARTED:
        browser.wait_visible(STARTED[kind])


def ui_string(browser: EngineBrowser, key: str) -> str:
    """The page's own translation of a UI string."""
    return json.loads(browser.text("#ui-strings") or "{}")[key]


def install_worker(browser: EngineBrowser, url: str, paths: list[str]) -> None:
    """Opens `url`, waits until the worker controls the page and holds `paths` for offline use."""
    browser.goto(url)
    assert browser.evaluate(WAIT_FOR_WORKER) == "activated"
    browser.wait_for(CACHED, paths, what="the worker to cache the language's pages")


def create_vault(browser: EngineBrowser, base_url: str, passphrase: str = PASSPHRASE, lang: str = "en") -> None:
    open_page(browser, f"{base_url}/{lang}/plan/")
    browser.wait_visible("#vault-setup")
    browser.fill("#setup-passphrase", passphrase)
    browser.click("#vault-setup button[type=submit]")
    browser.wait_visible(EDITOR)


def unlock(browser: EngineBrowser, passphrase: str = PASSPHRASE, until: str = EDITOR) -> None:
    """Unlocks the vault and waits for what the page shows then (the plan editor on the plan page)."""
    browser.wait_visible("#vault-unlock")
    browser.fill("#unlock-passphrase", passphrase)
    browser.click("#vault-unlock button[type=submit]")
    browser.wait_visible(until)


def try_unlock(browser: EngineBrowser, passphrase: str) -> str:
    """Submits a passphrase expected to be refused; returns the refusal shown."""
    browser.wait_visible("#vault-unlock")
    browser.fill("#unlock-passphrase", passphrase)
    browser.click("#vault-unlock button[type=submit]")
    return browser.wait_not_empty("#unlock-error")


def lock(browser: EngineBrowser) -> None:
    browser.click("#lock-button")
    browser.wait_visible("#unlock-passphrase")
    assert browser.evaluate("() => document.getElementById('plan-editor').children.length") == 0


def open_notes(browser: EngineBrowser) -> None:
    """Opens the notes step of the plan editor."""
    if not browser.is_visible(NOTES):
        browser.evaluate("() => { location.hash = '#step=notes'; }")
    browser.wait_visible(NOTES)


def type_notes(browser: EngineBrowser, text: str) -> None:
    """Types into the plan's notes and waits until the page says they are saved."""
    open_notes(browser)
    browser.fill(NOTES, text)
    # Leaving the field saves at once; "Saved" shows only when that save has completed.
    browser.evaluate("() => document.dispatchEvent(new CustomEvent('famplan:flush'))")
    browser.wait_text("#save-status", ui_string(browser, "saved"))


def notes(browser: EngineBrowser) -> str:
    open_notes(browser)
    return browser.value(NOTES)


def export_whole_plan(browser: EngineBrowser) -> tuple[str, bytes]:
    """On the unlocked plan page: makes the locked file of the whole plan and saves it. Returns (passphrase, bytes)."""
    browser.evaluate("() => { location.hash = '#share'; }")  # the editor's "Share and print" screen
    browser.wait_visible("#share-panel")
    words = browser.wait_not_empty("#export-words")
    browser.click("#export-form button[type=submit]")
    browser.wait_visible("#export-deliver")
    assert browser.text("#export-status") == ui_string(browser, "exportReady")
    # None of these engines can hand a file to a share sheet (iOS Safari and
    # Android Chrome can): the app offers saving the file instead.
    assert not browser.is_visible("#export-share")
    download = browser.download("#export-download")
    assert download.name.endswith(".famplan"), download.name
    browser.wait_text("#export-status", ui_string(browser, "exportSaved"))
    return words, download.data


def open_received_file(browser: EngineBrowser, data: bytes, passphrase: str) -> None:
    """On the open page: chooses a received file, types its passphrase, and waits for the preview."""
    browser.wait_visible(STARTED["open"])
    browser.choose_file("#import-file", "plan.famplan", data)
    browser.wait_visible("#import-unlock")
    browser.fill("#import-passphrase", passphrase)
    browser.click("#import-form button[type=submit]")
    browser.wait_visible("#import-preview")
