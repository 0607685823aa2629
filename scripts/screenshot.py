"""Take the README's screenshots of the running app on an emulated phone.

    .venv/bin/python scripts/screenshot.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from server.config import Config  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.live_server import LiveServer  # noqa: E402

SHOTS = {"home-en.png": "/en/", "home-ar.png": "/ar/"}


def main() -> None:
    server = LiveServer(Config(), Path(tempfile.mkdtemp()))
    server.start()
    try:
        with sync_playwright() as playwright:
            launch = {"args": CHROMIUM_ARGS, **({"executable_path": chromium_path()} if chromium_path() else {})}
            browser = playwright.chromium.launch(**launch)
            context = browser.new_context(**{**playwright.devices["Pixel 7"], "device_scale_factor": 1})
            page = context.new_page()
            for name, path in SHOTS.items():
                page.goto(server.url + path)
                page.screenshot(path=str(ROOT / "docs" / "images" / name), full_page=False)
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
