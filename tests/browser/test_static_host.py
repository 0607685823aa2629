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


def test_headers_file_repeats_the_server_headers(tmp_path: Path) -> None:
    from server.middleware.security_headers import PAGE_CSP, WORKER_CSP

    main(["build", "--out", str(tmp_path)])
    text = (tmp_path / "_headers").read_text()
    blocks = {chunk.splitlines()[0]: chunk for chunk in ("\n" + text).split("\n/")[1:]}
    assert f"content-security-policy: {WORKER_CSP}" in blocks["sw.js"]
    assert f"content-security-policy: {PAGE_CSP}" in blocks["en/*"]
    assert "immutable" in blocks["static/*"]
