"""Where could the vault keep its second copy? Each candidate store, in each
engine: is it there, how long a 100 KB write takes, and (Chromium) which of
the profile's files a write touches besides the copy's own.

    .venv/bin/python bench/copy_candidates.py [--engines chromium,firefox,webkit]

Candidates: the Origin Private File System written through a synchronous
access handle in a worker, or through createWritable(); a Chromium Storage
Bucket (its own IndexedDB); Cache Storage. Chromium runs through Playwright;
Firefox ESR over WebDriver BiDi (firefox-esr, websocket-client); WebKitGTK
through its GObject API with a persistent data folder and Safari's default
features (gir1.2-webkit2-4.1, python3-gi, xvfb-run; bench/webkit_probe.py).
Each figure is the median of 10 writes, timed in the page. It prints figures
and asserts nothing (docs/vault-format.md, section 12).
"""

from __future__ import annotations

import argparse
import datetime
import functools
import http.server
import json
import platform
import shutil
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import ROOT, launch_args

CANDIDATES = ["opfs-sync-access", "opfs-writable", "storage-bucket", "cache-storage"]
WORKER = """self.onmessage = async ({ data: bytes }) => {
  try {
    const root = await navigator.storage.getDirectory();
    const handle = await root.getFileHandle("copy-sync", { create: true });
    const access = await handle.createSyncAccessHandle();
    access.write(bytes, { at: 0 }); access.truncate(bytes.length); access.flush(); access.close();
    self.postMessage({ ok: true });
  } catch (error) { self.postMessage({ ok: false, error: `${error.name}: ${error.message}` }); }
};"""
PROBE = """async (candidate) => {
  const bytes = new Uint8Array(100_000);
  crypto.getRandomValues(bytes.subarray(0, 65536));
  const times = [];
  const time = async (write) => {
    for (let i = 0; i < 11; i++) { const start = performance.now(); await write(); if (i) times.push(performance.now() - start); }
    times.sort((a, b) => a - b);
    return { available: true, medianMs: Math.round(times[5] * 10) / 10 };
  };
  try {
    if (candidate === "opfs-sync-access") {
      if (!navigator.storage?.getDirectory) return { available: false, why: "no navigator.storage.getDirectory" };
      const worker = new Worker("worker.js");
      return await time(() => new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => data.ok ? resolve() : reject(new Error(data.error));
        worker.postMessage(bytes);
      }));
    }
    if (candidate === "opfs-writable") {
      if (!navigator.storage?.getDirectory) return { available: false, why: "no navigator.storage.getDirectory" };
      const root = await navigator.storage.getDirectory();
      const handle = await root.getFileHandle("copy-writable", { create: true });
      if (!handle.createWritable) return { available: false, why: "no createWritable" };
      return await time(async () => { const writable = await handle.createWritable(); await writable.write(bytes); await writable.close(); });
    }
    if (candidate === "storage-bucket") {
      if (!navigator.storageBuckets) return { available: false, why: "no navigator.storageBuckets" };
      const bucket = await navigator.storageBuckets.open("copy", { durability: "strict" });
      const db = await new Promise((resolve, reject) => {
        const request = bucket.indexedDB.open("copy", 1);
        request.onupgradeneeded = () => request.result.createObjectStore("copy");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return await time(() => new Promise((resolve, reject) => {
        const tx = db.transaction("copy", "readwrite", { durability: "strict" });
        tx.objectStore("copy").put(bytes, "vault");
        tx.oncomplete = resolve; tx.onabort = () => reject(tx.error);
      }));
    }
    if (candidate === "cache-storage") {
      const cache = await caches.open("copy");
      return await time(() => cache.put("/copy", new Response(bytes)));
    }
  } catch (error) {
    return { available: false, why: `${error.name}: ${error.message}` };
  }
}"""


def serve_probe_site() -> tuple[str, Path]:
    site = Path(tempfile.mkdtemp(prefix="famplan-copy-candidates-"))
    (site / "index.html").write_text("<!doctype html><title>probe</title>")
    (site / "worker.js").write_text(WORKER)
    (site / "probe.js").write_text(PROBE)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass

    server = socketserver.TCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/index.html", site


def files_touched(profile: Path, before: dict[str, tuple[int, int]]) -> list[str]:
    after = snapshot(profile)
    return sorted(name for name in after if before.get(name) != after[name])


def snapshot(profile: Path) -> dict[str, tuple[int, int]]:
    default = profile / "Default"
    if not default.exists():
        return {}
    return {str(path.relative_to(default)): (path.stat().st_size, path.stat().st_mtime_ns) for path in default.rglob("*") if path.is_file()}


def chromium(url: str) -> dict:
    from playwright.sync_api import sync_playwright

    results = {}
    profile = Path(tempfile.mkdtemp(prefix="famplan-probe-")) / "profile"
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(profile, **launch_args())
        page = context.pages[0]
        page.goto(url)
        version = context.browser.version if context.browser else ""
        for candidate in CANDIDATES:
            page.evaluate(PROBE, candidate)  # first run creates the files
            time.sleep(1)
            before = snapshot(profile)
            result = page.evaluate(PROBE, candidate)
            time.sleep(1)
            noise = ("Preferences", "Session", "DIPS", "Shortcuts", "Network", "History", "Web Data", "Autofill",
                     "Budget", "shared_proto_db", "PreferredApps", "heavy_ad", "Bookmark", "Favicons", "Top Sites", "Cache/")
            result["files touched by 10 more writes"] = [name for name in files_touched(profile, before) if not name.startswith(noise)]
            results[candidate] = result
        context.close()
    return {"engine": f"Chromium {version}".strip(), "results": results}


def firefox(url: str) -> dict:
    import websocket

    probe_socket = socket.socket()
    probe_socket.bind(("127.0.0.1", 0))
    port = probe_socket.getsockname()[1]
    probe_socket.close()
    profile = tempfile.mkdtemp(prefix="famplan-firefox-")
    process = subprocess.Popen(["firefox-esr", "--headless", f"--remote-debugging-port={port}", "--profile", profile, "--no-remote"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                connection = websocket.create_connection(f"ws://127.0.0.1:{port}/session", suppress_origin=True)
                break
            except OSError:
                time.sleep(0.1)
        counter = iter(range(1, 10**6))

        def call(method: str, params: dict) -> dict:
            number = next(counter)
            connection.send(json.dumps({"id": number, "method": method, "params": params}))
            while True:
                message = json.loads(connection.recv())
                if message.get("id") == number:
                    if message.get("type") == "error":
                        raise RuntimeError(message)
                    return message["result"]

        capabilities = call("session.new", {"capabilities": {}})["capabilities"]
        context = call("browsingContext.getTree", {})["contexts"][0]["context"]
        call("browsingContext.navigate", {"context": context, "url": url, "wait": "complete"})
        results = {}
        for candidate in CANDIDATES:
            answer = call("script.callFunction", {"functionDeclaration": PROBE, "arguments": [{"type": "string", "value": candidate}],
                                                  "target": {"context": context}, "awaitPromise": True, "serializationOptions": {"maxObjectDepth": 2}})
            results[candidate] = {key: value.get("value") for key, value in answer["result"]["value"]}
        call("session.end", {})
        return {"engine": f"Firefox {capabilities.get('browserVersion', '')}", "results": results}
    finally:
        process.kill()


def webkit(url: str) -> dict:
    output = subprocess.run(["xvfb-run", "-a", "/usr/bin/python3", str(ROOT / "bench" / "webkit_probe.py"), url, json.dumps(CANDIDATES)],
                            capture_output=True, text=True, timeout=300)
    lines = [line for line in output.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"engine": "WebKitGTK", "error": output.stderr[-500:]}
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default="chromium,firefox,webkit")
    options = parser.parse_args()
    url, _ = serve_probe_site()
    print(f"famplan copy candidates, {datetime.date.today()}, {platform.node()}; 100 KB writes, median of 10")
    for engine in options.engines.split(","):
        runner = {"chromium": chromium, "firefox": firefox, "webkit": webkit}[engine]
        if engine == "firefox" and not shutil.which("firefox-esr"):
            print("firefox: firefox-esr is not installed")
            continue
        report = runner(url)
        print(f"\n{report['engine']}")
        if "error" in report:
            print(f"  could not run: {report['error']}")
            continue
        for candidate, result in report["results"].items():
            print(f"  {candidate}: {json.dumps(result, ensure_ascii=False)}")


if __name__ == "__main__":
    sys.exit(main())
