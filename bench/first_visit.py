"""First-visit transfer size: compressed bytes on the wire for every request
until the service worker is installed and in control.

    .venv/bin/python bench/first_visit.py [--lang es] [--device "Pixel 7"] [--no-myanmar-font]

--no-myanmar-font starts Chromium with a fontconfig that sees only DejaVu: a phone
without a Myanmar font, which downloads the app's own for Burmese and Karen text.

Bytes are counted by the server as it sends them (status line and headers
included, TCP/TLS overhead excluded), so the worker's precache requests count
too. This is HTTP/1.1, where every response repeats its headers in full; behind
an HTTP/2 proxy or CDN, header compression makes the real figure smaller.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright

from _common import launch_args, start_server
from tests.browser.font_helpers import fontconfig_without_myanmar
from tests.browser.helpers import WAIT_FOR_WORKER


class ByteCounter:
    """ASGI middleware summing what goes out, per path."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self.by_path: dict[str, int] = defaultdict(int)
        self.header_bytes = 0
        self.encodings: dict[str, str] = {}

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope["path"]

        async def counting_send(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                size = 17 + sum(len(n) + len(v) + 4 for n, v in headers) + 2
                self.by_path[path] += size
                self.header_bytes += size
                self.encodings[path] = dict(headers).get(b"content-encoding", b"identity").decode()
            elif message["type"] == "http.response.body":
                self.by_path[path] += len(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, counting_send)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="en")
    parser.add_argument("--device", default="Pixel 7")
    parser.add_argument("--no-myanmar-font", action="store_true", help="a phone without its own Myanmar font")
    options = parser.parse_args()
    launch = launch_args()
    if options.no_myanmar_font:
        launch["env"] = {**os.environ, **fontconfig_without_myanmar(Path(tempfile.mkdtemp(prefix="famplan-fonts-")))}
    server = start_server()
    counter = ByteCounter(server._server.config.app)  # type: ignore[union-attr]
    server._server.config.loaded_app = counter  # type: ignore[union-attr]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch)
            context = browser.new_context(**playwright.devices[options.device])
            page = context.new_page()
            page.goto(f"{server.url}/{options.lang}/")
            page.evaluate("document.fonts.ready.then(() => true)")  # only what the page's own text asks for
            page.evaluate(WAIT_FOR_WORKER)
            page.wait_for_timeout(300)  # a late icon or font-keeping request still counts
            browser.close()
    finally:
        server.stop()
    for path, sent in sorted(counter.by_path.items()):
        print(f"{sent:>8}  {counter.encodings[path]:<8} {path}")
    total = sum(counter.by_path.values())
    bodies = total - counter.header_bytes
    fonts = sum(sent for path, sent in counter.by_path.items() if path.startswith("/static/fonts/"))
    print(f"Myanmar font files: {fonts} bytes ({'no Myanmar font on the phone' if options.no_myanmar_font else 'the phone has one'})")
    print(f"first visit ({options.lang}, {options.device}): {len(counter.by_path)} paths, {total} bytes = {total / 1024:.1f} KiB on the wire (HTTP/1.1)")
    print(f"  of which headers {counter.header_bytes / 1024:.1f} KiB, bodies {bodies / 1024:.1f} KiB (HTTP/2 compresses repeated headers)")


if __name__ == "__main__":
    main()
