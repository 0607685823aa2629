"""What reading JSON by the format's rules costs (docs/file-format.md, section 2):
the nesting count before parsing, the double and surrogate checks after it, on
the worst 5 MiB files a sender could make, in Python and in Chromium.

    .venv/bin/python bench/format_json.py [--runs 5]

Each figure is the median of --runs for `read_header` / `readHeader` on the
whole file (every check that needs no passphrase), timed in the page with
performance.now(). Every hostile file is refused; the last one, the largest
plan a file can hold, is read.
"""

from __future__ import annotations

import argparse
import base64
import json
import platform
import statistics
import time

from playwright.sync_api import sync_playwright

from _common import launch_args, start_server

from server import fileformat as ff  # noqa: E402

LIMIT = ff.MAX_FILE_BYTES
HALF = LIMIT // 2 - 100
PREFIX = b'{"format":"famplan","version":1,"x":'


def hostile_files() -> dict[str, bytes]:
    largest = {"schemaVersion": 1, "plan": {"notes": "x" * (ff.MAX_PLAINTEXT_BYTES - 100)}}
    return {
        "2.6 million levels deep": PREFIX + b"[" * HALF + b"]" * HALF + b"}",
        "2.6 million empty arrays": PREFIX + b"[" + b"[]," * (LIMIT // 3 - 100) + b"[]]}",
        "1.7 million escaped quotes": PREFIX + b'"' + b'\\"' * (LIMIT // 2 - 100) + b'"}',
        "an unterminated string of quotes": PREFIX + b'"\\"' * (LIMIT // 3 - 100),
        "the largest plan (read)": ff.encrypt_plan(largest, "bench passphrase words"),
    }


def python_ms(data: bytes, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            ff.read_header(data)
        except ff.FileFormatError:
            pass
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


BROWSER = """async ([url, file, runs]) => {
  const m = await import(url);
  const bytes = Uint8Array.from(atob(file), (c) => c.charCodeAt(0));
  const times = [];
  let outcome = "read";
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    try { m.readHeader(bytes); } catch (error) { outcome = error.code; }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], outcome };
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    server = start_server()
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, median of {args.runs}")
    print(f"{'file (5 MiB or less)':38} {'Python ms':>10} {'Chromium ms':>12}  outcome")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_args())
            page = browser.new_page()
            page.goto(f"{server.url}/en/open/")
            url = server.asset("js/share/famplan-file.js")
            for label, data in hostile_files().items():
                in_python = python_ms(data, args.runs)
                in_browser = page.evaluate(BROWSER, [url, base64.b64encode(data).decode(), args.runs])
                print(f"{label:38} {in_python:10.0f} {in_browser['ms']:12.0f}  {in_browser['outcome']}")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
