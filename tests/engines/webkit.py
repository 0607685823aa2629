"""WebKit (WebKitGTK, the engine family of Safari and of every iPhone browser),
driven by Selenium through WebKitWebDriver, in our own small WebKitGTK browser
(webkit_browser.py) on a virtual display."""

from __future__ import annotations

import json
import os
import shutil
import struct
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from tests.engines.driver import REPORTER, TIMEOUT, EngineBrowser, StoragePaths
from tests.engines.other_hosts import OtherHostsProxy
from tests.engines.processes import descendants, kill_tree, wait_gone

BROWSER = Path(__file__).resolve().parent / "webkit_browser.py"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, with PyGObject; the project's venv may be another Python
# The iPhone that famplan's iOS code paths look for (install help, for one).
IPHONE_USER_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1"
)
IPHONE_SIZE = "390x844"


def webkit_problem() -> str | None:
    """Why WebKit cannot start here, or None."""
    if not shutil.which("WebKitWebDriver"):
        return "WebKitWebDriver is not installed (Debian: apt-get install webkit2gtk-driver)"
    probe = os.popen(f"{SYSTEM_PYTHON} -c \"import gi; gi.require_version('WebKit2', '4.1'); gi.require_version('Gtk', '3.0')\" 2>&1").read()
    if probe.strip():
        return f"{SYSTEM_PYTHON} cannot load WebKitGTK through PyGObject (Debian: apt-get install python3-gi gir1.2-webkit2-4.1): {probe.strip()[-300:]}"
    return None


class WebKitBrowser(EngineBrowser):
    engine = "webkit"

    def __init__(self, profile: Path, downloads: Path, other_hosts: OtherHostsProxy, display: str) -> None:
        super().__init__(profile, downloads, other_hosts)
        problem = webkit_problem()
        if problem:
            raise RuntimeError(problem)
        profile.mkdir(parents=True, exist_ok=True)
        downloads.mkdir(parents=True, exist_ok=True)
        run = profile.parent / f"{profile.name}-webkit"
        run.mkdir(exist_ok=True)
        self._report = run / "report.jsonl"
        self._report.touch()
        self._report_read = self._report.stat().st_size  # a relaunch reads only its own lines
        self._pid: int | None = None
        init_script = run / "init.js"
        init_script.write_text(f"({REPORTER})((text) => window.webkit.messageHandlers.famplan.postMessage(text));\n", encoding="utf-8")

        options = Options()
        options.binary_location = str(BROWSER)
        options.set_capability("browserName", "famplan-webkit")
        for argument in (
            f"--data-dir={profile}", f"--report={self._report}", f"--downloads={downloads}", f"--proxy={other_hosts.url}",
            f"--init-script={init_script}", f"--user-agent={IPHONE_USER_AGENT}", f"--size={IPHONE_SIZE}",
        ):
            options.add_argument(argument)
        environment = {**os.environ, "DISPLAY": display, "GDK_BACKEND": "x11", "NO_AT_BRIDGE": "1"}
        service = Service(executable_path=shutil.which("WebKitWebDriver"), log_output=str(run / "webdriver.log"), env=environment)
        try:
            self._driver = webdriver.WebKitGTK(options=options, service=service)
        except WebDriverException as error:
            self._collect()
            raise RuntimeError(f"WebKit did not start: {error.msg}; the browser said: {self.reports.errors}; see {run}") from None
        self._driver.set_script_timeout(TIMEOUT * 4)
        self.wait_until(lambda: self._pid, "the browser to report its process id")

    def _collect(self) -> None:
        with self._report.open(encoding="utf-8") as report:
            report.seek(self._report_read)
            lines = report.read()
        complete = lines[: lines.rfind("\n") + 1]
        self._report_read += len(complete.encode("utf-8"))
        for line in complete.splitlines():
            message = json.loads(line)
            if message["event"] == "started":
                self._pid = message["pid"]
            elif message["event"] == "page":
                self.reports.add(message["text"])
            elif message["event"] == "download":
                self.downloaded.append(Path(message["path"]))
            elif message["event"] == "error":
                self.reports.errors.append(f"browser: {message['text']}")

    def goto(self, url: str) -> None:
        self._driver.get(url)

    def reload(self) -> None:
        self._driver.refresh()

    def back(self) -> None:
        self._driver.back()

    def evaluate(self, function: str, *args: Any) -> Any:
        outcome = self._driver.execute_async_script(
            f"""const done = arguments[arguments.length - 1];
            Promise.resolve().then(() => ({function})(...JSON.parse(arguments[0])))
              .then((value) => done({{ value: JSON.stringify(value ?? null) }}), (error) => done({{ error: String(error?.stack ?? error) }}));""",
            json.dumps(list(args)),
        )
        if "error" in outcome:
            raise RuntimeError(f"webkit: {outcome['error']} in {function[:200]}")
        return json.loads(outcome["value"])

    def _element(self, selector: str):  # type: ignore[no-untyped-def]
        return self._driver.find_element(By.CSS_SELECTOR, selector)

    def fill(self, selector: str, text: str) -> None:
        field = self._element(selector)
        field.clear()
        field.send_keys(text)
        actual = field.get_property("value")
        assert actual == text, f"webkit: typed {text!r} into {selector} but it holds {actual!r}"

    def click(self, selector: str) -> None:
        self._element(selector).click()

    def set_files(self, selector: str, paths: list[Path]) -> None:
        self._element(selector).send_keys("\n".join(str(path) for path in paths))

    def _quit(self) -> None:
        pids = descendants(self._pid) if self._pid else []
        self._driver.quit()
        wait_gone(pids)

    def _kill(self) -> None:
        kill_tree(self._pid)
        self._driver.service.stop()

    def storage(self, origin: str) -> StoragePaths:
        parts = urlsplit(origin)
        legacy = self.profile / "databases" / "indexeddb" / "v1" / f"{parts.scheme}_{parts.hostname}_{parts.port}"
        mine = [folder for folder in (self.profile / "storage").glob("*/*") if _origin_of(folder) == (parts.scheme, parts.hostname, parts.port)]
        return StoragePaths(
            indexeddb=[path for path in [legacy, *(folder / "IndexedDB" for folder in mine)] if path.exists()],
            opfs=[path for path in (folder / "FileSystem" for folder in mine) if path.exists()],
        )


def _origin_of(folder: Path) -> tuple[str, str, int | None] | None:
    """Reads WebKit's `origin` file: the top origin as (scheme, host, port), each string length-prefixed."""
    try:
        data = (folder / "origin").read_bytes()
        strings = []
        at = 0
        for _ in range(2):
            length, _is_8bit = struct.unpack_from("<IB", data, at)
            at += 5
            strings.append(data[at : at + length].decode("latin-1"))
            at += length
        has_port = data[at]
        port = struct.unpack_from("<H", data, at + 1)[0] if has_port else None
        return strings[0], strings[1], port
    except (OSError, struct.error, IndexError):
        return None
