"""Firefox (Debian's firefox-esr), driven over the WebDriver BiDi it speaks itself.

No geckodriver is packaged in the registries this project may use, and
Playwright's BiDi path cannot open a page in Firefox ESR 153 (it sends
emulation.setMediaFeaturesOverride, which 153 does not know). BiDi alone has all
a flow needs: preload scripts, typing and tapping, choosing files, download
events, and a profile folder that survives a restart."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.engines.bidi import BidiConnection, BidiError
from tests.engines.driver import REPORTER, EngineBrowser, StoragePaths
from tests.engines.other_hosts import OtherHostsProxy
from tests.engines.processes import descendants, kill_tree, wait_gone

FIREFOX_CANDIDATES = ("firefox-esr", "firefox")
# An Android phone's screen, in CSS pixels.
VIEWPORT = {"width": 412, "height": 915}
DEVICE_PIXEL_RATIO = 2.625

# Firefox's own traffic, switched off: with the proxy below, any of it would be
# taken for a request the app made to another host.
QUIET = {
    "services.settings.server": "http://127.0.0.1:9/remote-settings-off",
    "app.normandy.enabled": False,
    "app.normandy.api_url": "",
    "app.update.auto": False,
    "app.update.enabled": False,
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.downloads.remote.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.server": "",
    "datareporting.healthreport.uploadEnabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.trr.mode": 5,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "network.http.speculative-parallel-limit": 0,
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.blocklist.enabled": False,
    "extensions.systemAddon.update.enabled": False,
    "browser.search.update": False,
    "browser.region.update.enabled": False,
    "browser.region.network.url": "",
    "messaging-system.rsexperimentloader.enabled": False,
    "dom.push.connection.enabled": False,
    "dom.push.serverURL": "",
    "media.gmp-manager.updateEnabled": False,
    "media.gmp-gmpopenh264.enabled": False,
    "media.gmp-widevinecdm.enabled": False,
    "browser.newtabpage.enabled": False,
    "browser.startup.page": 0,
    "browser.startup.homepage": "about:blank",
    "browser.topsites.contile.enabled": False,
    "browser.translations.enable": False,
    "browser.ml.enable": False,
    "browser.places.speculativeConnect.enabled": False,
    "browser.urlbar.speculativeConnect.enabled": False,
    "geo.provider.network.url": "",
    "identity.fxaccounts.enabled": False,
    "security.remote_settings.crlite_filters.enabled": False,
    "security.remote_settings.intermediates.enabled": False,
    "signon.management.page.breach-alerts.enabled": False,
}


def firefox_path() -> str | None:
    if os.environ.get("FIREFOX_PATH"):
        return shutil.which(os.environ["FIREFOX_PATH"])
    return next((found for name in FIREFOX_CANDIDATES if (found := shutil.which(name))), None)


def preferences(proxy: OtherHostsProxy, downloads: Path) -> dict[str, Any]:
    return {
        **QUIET,
        # Everything but loopback goes to the proxy that records requests to other hosts.
        "network.proxy.type": 1,
        "network.proxy.http": "127.0.0.1",
        "network.proxy.http_port": proxy.port,
        "network.proxy.ssl": "127.0.0.1",
        "network.proxy.ssl_port": proxy.port,
        "network.proxy.no_proxies_on": "",
        "network.proxy.allow_hijacking_localhost": False,
        # Downloads are saved at once, in a folder the test reads.
        "browser.download.dir": str(downloads),
        "browser.download.folderList": 2,
        "browser.download.useDownloadDir": True,
        "browser.download.always_ask_before_handling_new_types": False,
        "browser.download.start_downloads_in_tmp_dir": False,
    }


class FirefoxBrowser(EngineBrowser):
    engine = "firefox"

    def __init__(self, profile: Path, downloads: Path, other_hosts: OtherHostsProxy) -> None:
        super().__init__(profile, downloads, other_hosts)
        executable = firefox_path()
        if executable is None:
            raise RuntimeError("Firefox is not installed (Debian: apt-get install firefox-esr; or set FIREFOX_PATH)")
        profile.mkdir(parents=True, exist_ok=True)
        downloads.mkdir(parents=True, exist_ok=True)
        # user.js is read at every start: the proxy's port changes between launches.
        (profile / "user.js").write_text("".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in preferences(other_hosts, downloads).items()))
        self._log = (profile.parent / f"{profile.name}-firefox.log").open("ab")
        self._process = subprocess.Popen(
            [executable, "--headless", "--remote-debugging-port=0", "--profile", str(profile), "--no-remote", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
            env={**os.environ, "MOZ_REMOTE_SETTINGS_DEVTOOLS": "1"},
        )
        self._connection = BidiConnection(self._read_address())
        self._connection.on_event(self._event)
        self._connection.command("session.new", capabilities={"alwaysMatch": {"acceptInsecureCerts": False}})
        self._connection.command("session.subscribe", events=["script.message", "browsingContext.downloadEnd"])
        self._context = self._connection.command("browsingContext.getTree")["contexts"][0]["context"]
        self._connection.command(
            "script.addPreloadScript", functionDeclaration=REPORTER, arguments=[{"type": "channel", "value": {"channel": "famplan-reports"}}]
        )
        self._connection.command("browsingContext.setViewport", context=self._context, viewport=VIEWPORT, devicePixelRatio=DEVICE_PIXEL_RATIO)

    def _read_address(self) -> str:
        """Firefox prints the WebSocket address once it listens (port 0: it picks a free one)."""
        found: dict[str, str] = {}
        ready = threading.Event()

        def read() -> None:
            for line in self._process.stderr:  # type: ignore[union-attr]
                self._log.write(line)
                match = re.search(rb"WebDriver BiDi listening on (ws://\S+)", line)
                if match and not ready.is_set():
                    found["address"] = match.group(1).decode()
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(60) or "address" not in found:
            self._process.kill()
            raise RuntimeError(f"Firefox did not start its WebDriver BiDi server (exit code {self._process.poll()}); see {self._log.name}")
        return found["address"] + "/session"

    def _event(self, method: str, params: dict[str, Any]) -> None:
        if method == "script.message" and params["channel"] == "famplan-reports":
            self.reports.add(params["data"]["value"])
        elif method == "browsingContext.downloadEnd" and params.get("status") == "complete":
            self.downloaded.append(Path(params["filepath"]))

    def goto(self, url: str) -> None:
        self._connection.command("browsingContext.navigate", context=self._context, url=url, wait="complete")

    def reload(self) -> None:
        self._connection.command("browsingContext.reload", context=self._context, wait="complete")

    def back(self) -> None:
        self._connection.command("browsingContext.traverseHistory", context=self._context, delta=-1)

    def evaluate(self, function: str, *args: Any) -> Any:
        result = self._connection.command(
            "script.callFunction",
            functionDeclaration=f"async (json) => JSON.stringify((await ({function})(...JSON.parse(json))) ?? null)",
            arguments=[{"type": "string", "value": json.dumps(list(args))}],
            target={"context": self._context},
            awaitPromise=True,
        )
        if result["type"] == "exception":
            details = result["exceptionDetails"]
            raise RuntimeError(f"firefox: {details.get('text')} in {function[:200]}")
        return json.loads(result["result"]["value"])

    def _element(self, selector: str) -> dict[str, str]:
        result = self._connection.command(
            "script.callFunction",
            functionDeclaration="(selector) => { const element = document.querySelector(selector); element?.scrollIntoView({ block: 'center' }); return element; }",
            arguments=[{"type": "string", "value": selector}],
            target={"context": self._context},
            awaitPromise=False,
        )
        if result["type"] == "exception" or result["result"]["type"] != "node":
            raise AssertionError(f"firefox: no element {selector}")
        return {"sharedId": result["result"]["sharedId"]}

    def fill(self, selector: str, text: str) -> None:
        element = self._element(selector)
        self.evaluate("(selector) => { const field = document.querySelector(selector); field.focus(); field.select(); }", selector)
        keys = [{"type": "keyDown", "value": "\ue003"}, {"type": "keyUp", "value": "\ue003"}]  # Backspace: the selection goes
        for character in text:
            keys += [{"type": "keyDown", "value": character}, {"type": "keyUp", "value": character}]
        self._connection.command("input.performActions", context=self._context, actions=[{"type": "key", "id": "keyboard", "actions": keys}])
        actual = self.evaluate("(selector) => document.querySelector(selector).value", selector)
        assert actual == text, f"firefox: typed {text!r} into {selector} but it holds {actual!r} ({element})"

    def click(self, selector: str) -> None:
        element = self._element(selector)
        self._connection.command(
            "input.performActions",
            context=self._context,
            actions=[{
                "type": "pointer", "id": "finger", "parameters": {"pointerType": "mouse"},
                "actions": [
                    {"type": "pointerMove", "x": 0, "y": 0, "origin": {"type": "element", "element": element}},
                    {"type": "pointerDown", "button": 0},
                    {"type": "pointerUp", "button": 0},
                ],
            }],
        )

    def set_files(self, selector: str, paths: list[Path]) -> None:
        self._connection.command("input.setFiles", context=self._context, element=self._element(selector), files=[str(path) for path in paths])

    def _quit(self) -> None:
        pids = descendants(self._process.pid)
        try:
            self._connection.command("browser.close", timeout=30)
        except (BidiError, TimeoutError, OSError):
            pass
        self._connection.close()
        self._process.wait(timeout=60)
        wait_gone(pids)
        self._log.close()

    def _kill(self) -> None:
        kill_tree(self._process.pid)
        self._process.wait(timeout=60)
        self._connection.close()
        self._log.close()

    def storage(self, origin: str) -> StoragePaths:
        parts = urlsplit(origin)
        folder = self.profile / "storage" / "default" / f"{parts.scheme}+++{parts.hostname}+{parts.port}"
        return StoragePaths(indexeddb=[path for path in [folder / "idb"] if path.exists()], opfs=[path for path in [folder / "fs"] if path.exists()])
