"""`famplan build` output works from a plain static host: language choice, offline, headers file."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, expect

from server.cli import main
from tests.browser.helpers import wait_for_worker


@pytest.fixture
def static_host(tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "site"
    assert main(["build", "--out", str(site)]) == 0
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".webmanifest": "application/manifest+json"}

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_root_page_picks_the_browser_language(browser: Browser, static_host: str) -> None:
    context = browser.new_context(locale="es-MX")
    page = context.new_page()
    page.goto(f"{static_host}/")
    expect(page).to_have_url(f"{static_host}/es/")
    wait_for_worker(page)
    context.close()


def test_root_page_lists_languages_when_none_matches(browser: Browser, static_host: str) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.goto(f"{static_host}/")
    expect(page).to_have_url(f"{static_host}/")
    expect(page.locator('#root-languages a[data-language="so"]')).to_have_text("Soomaali")
    page.locator('#root-languages a[data-language="so"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "so")
    context.close()


def test_the_build_writes_host_configs_but_no_compressed_copies_of_them(tmp_path: Path) -> None:
    assert main(["build", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "_headers").is_file() and (tmp_path / "_nginx.conf").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("_")) == ["_headers", "_nginx.conf"]
