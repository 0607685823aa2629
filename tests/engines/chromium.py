"""Chromium (Debian's), through Playwright, on a profile folder of its own, so
the flows written for every engine run here too. The Playwright suite in
tests/browser stays the place for what only Chromium can show."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Playwright

from tests.browser.browser_process import storage_unlocked
from tests.engines.driver import REPORTER, Download, EngineBrowser, StoragePaths
from tests.engines.other_hosts import OtherHostsProxy
from tests.engines.processes import descendants, kill_tree, wait_gone

DEVICE = "Pixel 7"


class ChromiumBrowser(EngineBrowser):
    engine = "chromium"

    def __init__(self, profile: Path, downloads: Path, other_hosts: OtherHostsProxy, playwright: Playwright, launch_args: dict[str, Any]) -> None:
        super().__init__(profile, downloads, other_hosts)
        downloads.mkdir(parents=True, exist_ok=True)
        options = {**playwright.devices[DEVICE], **launch_args}
        options.pop("default_browser_type", None)
        self._context = playwright.chromium.launch_persistent_context(profile, accept_downloads=True, **options)
        # Not the proxy: Chromium's own calls to Google (sign-in, autofill, updates)
        # would reach it whatever the flags. Playwright sees every request of the
        # pages and their workers, and only those.
        self._requests: list[str] = []
        self._context.on("request", lambda request: self._requests.append(request.url))
        self._context.expose_binding("__famplanReport", lambda _source, text: self.reports.add(text))
        self._context.add_init_script(f"({REPORTER})((text) => window.__famplanReport(text));")
        self._page = self._context.pages[0] if self._context.pages else self._context.new_page()

    def _browser_pid(self) -> int:
        target = os.readlink(self.profile / "SingletonLock")  # "hostname-PID", written by Chromium itself
        return int(target.rpartition("-")[2])

    def other_host_requests(self, own_origin: str) -> list[str]:
        own = urlsplit(own_origin).netloc
        return [url for url in self._requests if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != own]

    def goto(self, url: str) -> None:
        self._page.goto(url)

    def reload(self) -> None:
        self._page.reload()

    def back(self) -> None:
        self._page.go_back()

    def evaluate(self, function: str, *args: Any) -> Any:
        return json.loads(self._page.evaluate(f"async (args) => JSON.stringify((await ({function})(...args)) ?? null)", list(args)))

    def fill(self, selector: str, text: str) -> None:
        self._page.locator(selector).fill(text)

    def click(self, selector: str) -> None:
        self._page.locator(selector).click()

    def set_files(self, selector: str, paths: list[Path]) -> None:
        self._page.locator(selector).set_input_files([str(path) for path in paths])

    def download(self, selector: str) -> Download:
        with self._page.expect_download() as started:
            self.click(selector)
        path = self.downloads / started.value.suggested_filename
        started.value.save_as(path)
        self.downloaded.append(path)
        return Download(path.name, path.read_bytes())

    def _quit(self) -> None:
        pids = descendants(self._browser_pid())
        self._context.close()
        wait_gone(pids)

    def _kill(self) -> None:
        # Chromium's storage LevelDBs are free only once their LOCK files are (tests/browser/browser_process.py).
        kill_tree(self._browser_pid(), released=lambda: storage_unlocked(self.profile))
        try:
            self._context.close()
        except Exception:  # the browser is gone: Playwright may say so
            pass

    def storage(self, origin: str) -> StoragePaths:
        parts = urlsplit(origin)
        name = f"{parts.scheme}_{parts.hostname}_{parts.port}"
        default = self.profile / "Default"
        indexeddb = [path for path in (default / "IndexedDB").glob(f"{name}.indexeddb.*")]
        # Chromium keeps the Origin Private File System of all origins in one tree
        # whose folders are numbered, not named; a profile in these tests holds one origin.
        opfs = [path for path in [default / "File System"] if path.exists()]
        return StoragePaths(indexeddb=indexeddb, opfs=opfs)
