"""What every engine's browser offers a test: the few things only an engine can
do (navigate, run a script, type, tap, choose a file, kill), and on top of them
the waits and checks that every flow shares. Flows are written once against
this class (tests/engines/flows.py) and run on Chromium, WebKit and Firefox."""

from __future__ import annotations

import json
import time
import uuid
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from tests.engines.other_hosts import OtherHostsProxy

# A state the page reaches on a loaded 2-core machine in 20 s is as right as one
# it reaches at once: waits are failure detectors, never measurements.
TIMEOUT = 30.0

# Runs in every page before its own scripts, on every engine; `send` carries a
# JSON text to the test by the engine's own channel. Errors thrown before it is
# in place cannot be seen, which is why it must run first. The page keeps its
# own log too, read directly where a channel fails (Firefox's BiDi carries no
# message from a page restored from the back/forward cache).
REPORTER = """(send) => {
  const log = [];
  let left = false;
  Object.defineProperty(window, "__famplanReportLog", { value: log });
  // WebKit rejects the module loads that leaving a page cancels; nobody sees those.
  window.addEventListener("pagehide", () => { left = true; });
  window.addEventListener("pageshow", () => { left = false; });
  const report = (kind, text) => {
    const entry = { id: crypto.randomUUID(), kind: left && kind === "error" ? "error-after-leaving" : kind, text, page: location.href };
    log.push(entry);
    send(JSON.stringify(entry));
  };
  document.addEventListener("securitypolicyviolation", (event) => {
    report("csp", `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
  });
  window.addEventListener("error", (event) => report("error", `${event.message} ${event.filename}:${event.lineno}`));
  window.addEventListener("unhandledrejection", (event) => report("error", `unhandled rejection: ${event.reason?.stack ?? event.reason}`));
  Object.defineProperty(window, "__famplanFlushReports", { value: (token) => send(JSON.stringify({ kind: "flush", text: token })) });
}"""

# Whether any element the selector matches is shown, with a size.
VISIBLE = """(selector) => [...document.querySelectorAll(selector)].some((element) => {
  const box = element.getBoundingClientRect();
  return element.checkVisibility() && box.width > 0 && box.height > 0;
})"""

TEXT = "(selector) => document.querySelector(selector)?.textContent ?? null"


@dataclass
class Download:
    name: str
    data: bytes


@dataclass
class StoragePaths:
    """Where one origin's data sits in a profile, for fault-injection tests."""

    indexeddb: list[Path]  # the folders of the origin's IndexedDB databases
    opfs: list[Path]  # the folders of the origin's Origin Private File System

    def files(self) -> list[Path]:
        return sorted(path for folder in [*self.indexeddb, *self.opfs] for path in folder.rglob("*") if path.is_file())


@dataclass
class Reports:
    csp: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    errors_after_leaving: list[str] = field(default_factory=list)  # kept for a failure's story, not asserted
    flushed: set[str] = field(default_factory=set)
    seen: set[str] = field(default_factory=set)

    def add(self, text: str) -> None:
        self.add_entry(json.loads(text))

    def add_entry(self, report: dict[str, str]) -> None:
        if report.get("id") in self.seen:
            return
        self.seen.add(report.get("id", ""))
        if report["kind"] == "csp":
            self.csp.append(f"{report['text']} (on {report['page']})")
        elif report["kind"] == "error":
            self.errors.append(f"{report['text']} (on {report['page']})")
        elif report["kind"] == "error-after-leaving":
            self.errors_after_leaving.append(f"{report['text']} (on {report['page']})")
        elif report["kind"] == "flush":
            self.flushed.add(report["text"])


class EngineBrowser(ABC):
    """One browser on one profile, showing one page, as a person's phone would."""

    engine: str  # "chromium", "webkit" or "firefox"

    def __init__(self, profile: Path, downloads: Path, other_hosts: OtherHostsProxy) -> None:
        self.profile = profile
        self.downloads = downloads
        self.other_hosts = other_hosts
        self.reports = Reports()
        self.downloaded: list[Path] = []
        self.running = True

    # What each engine does its own way.

    @abstractmethod
    def goto(self, url: str) -> None:
        """Opens `url` and returns once its load event has fired."""

    @abstractmethod
    def reload(self) -> None: ...

    @abstractmethod
    def back(self) -> None:
        """Goes back one page in the history, as the Back button does."""

    @abstractmethod
    def evaluate(self, function: str, *args: Any) -> Any:
        """Calls a JavaScript function (it may be async) with JSON arguments, and returns its result as JSON."""

    @abstractmethod
    def fill(self, selector: str, text: str) -> None:
        """Empties a text field and types into it, key by key where the engine can."""

    @abstractmethod
    def click(self, selector: str) -> None: ...

    @abstractmethod
    def set_files(self, selector: str, paths: list[Path]) -> None:
        """Chooses files in an <input type=file>, as the file picker would."""

    @abstractmethod
    def _quit(self) -> None:
        """Quits the browser as a person would, and returns when its processes are gone."""

    @abstractmethod
    def _kill(self) -> None:
        """SIGKILLs every process of the browser, and returns when none is left holding the profile."""

    @abstractmethod
    def storage(self, origin: str) -> StoragePaths: ...

    def other_host_requests(self, own_origin: str) -> list[str]:
        """Requests to any host but the app's: what reached the proxy."""
        return list(self.other_hosts.requests)

    def _collect(self) -> None:
        """Picks up reports and downloads that arrived by a channel that must be polled."""

    # Shared by every engine.

    def close(self) -> None:
        """Quits the browser as a person would, letting it write what it holds."""
        self.running = False
        self._quit()

    def kill(self) -> None:
        """Kills the browser as the system kills an app: no chance to write anything."""
        self.running = False
        self._kill()

    def wait_until(self, condition: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
        deadline = time.monotonic() + timeout
        last_error: Exception | None = None
        while True:
            self._collect()
            try:
                value = condition()
                if value:
                    return value
            except Exception as error:  # e.g. the page is between two documents
                last_error = error
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.engine}: {what} did not happen within {timeout} s (last error: {last_error})")
            time.sleep(0.05)

    def wait_for(self, function: str, *args: Any, what: str | None = None, timeout: float = TIMEOUT) -> Any:
        """Waits until a JavaScript function returns something truthy, and returns it."""
        return self.wait_until(lambda: self.evaluate(function, *args), what or f"{function} {args}", timeout)

    def wait_visible(self, selector: str) -> None:
        self.wait_for(VISIBLE, selector, what=f"{selector} visible")

    def wait_hidden(self, selector: str) -> None:
        self.wait_for(f"(selector) => !({VISIBLE})(selector)", selector, what=f"{selector} hidden")

    def is_visible(self, selector: str) -> bool:
        return bool(self.evaluate(VISIBLE, selector))

    def text(self, selector: str) -> str | None:
        return self.evaluate(TEXT, selector)

    def wait_text(self, selector: str, expected: str) -> None:
        try:
            self.wait_for(f"(selector, expected) => ({TEXT})(selector)?.trim() === expected", selector, expected, what=f"{selector} saying {expected!r}")
        except AssertionError as error:
            raise AssertionError(f"{error}; it says {self.text(selector)!r}") from None

    def wait_not_empty(self, selector: str) -> str:
        return self.wait_for(f"(selector) => ({TEXT})(selector)?.trim()", selector, what=f"{selector} not empty")

    def attribute(self, selector: str, name: str) -> str | None:
        return self.evaluate("(selector, name) => document.querySelector(selector)?.getAttribute(name) ?? null", selector, name)

    def value(self, selector: str) -> str:
        return self.evaluate("(selector) => document.querySelector(selector).value", selector)

    def url(self) -> str:
        return self.evaluate("() => location.href")

    def download(self, selector: str) -> Download:
        """Taps what starts a download and returns the saved file."""
        before = len(self.downloaded)
        self.click(selector)
        path = self.wait_until(lambda: self.downloaded[before:] and self.downloaded[before], f"a download from {selector}")
        return Download(path.name, path.read_bytes())

    def choose_file(self, selector: str, name: str, data: bytes) -> None:
        folder = self.downloads.parent / f"chosen-{uuid.uuid4().hex[:8]}"
        folder.mkdir()
        path = folder / name
        path.write_bytes(data)
        self.set_files(selector, [path])

    def read_page_reports(self) -> Reports:
        """Adds what the current page logged itself, whether or not its channel carried it."""
        for entry in self.evaluate("() => window.__famplanReportLog ?? []"):
            self.reports.add_entry(entry)
        return self.reports

    def flush_reports(self) -> Reports:
        """Every report sent so far has arrived: the current page's log is read, and a
        token goes after the earlier pages' reports by the same channel."""
        self.read_page_reports()
        token = uuid.uuid4().hex
        self.evaluate("(token) => window.__famplanFlushReports(token)", token)
        self.wait_until(lambda: token in self.reports.flushed, "the page's reports to arrive")
        return self.reports

    def assert_private(self, own_origin: str) -> None:
        """No CSP violation, no uncaught error, and no request to any host but the app's own."""
        reports = self.flush_reports()
        assert reports.csp == [], f"{self.engine}: CSP violations: {reports.csp}"
        assert reports.errors == [], f"{self.engine}: uncaught errors: {reports.errors}"
        assert urlsplit(self.url()).netloc == urlsplit(own_origin).netloc
        assert self.other_host_requests(own_origin) == [], f"{self.engine}: requests to other hosts: {self.other_host_requests(own_origin)}"
