"""Debian's nginx serving `famplan build` with the `_nginx.conf` it wrote: the same
headers as `famplan serve`, response by response, and the core flows of a family
(install, a plan, export, import, offline) working against it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
from playwright.sync_api import Browser, BrowserType, expect

from server.config import Config
from server.fileformat import decrypt_file
from server.host_config import site_urls
from server.site import Site, build_site
from tests.browser.helpers import Watcher, wait_for_worker
from tests.browser.share_helpers import make_and_download_file, open_file, replace_with_opened_file, stored, unlock_plan_page
from tests.browser.vault_helpers import PASSPHRASE, create_vault, notes, type_notes
from tests.live_server import LiveServer
from tests.nginx_server import NginxServer

SECURITY = (
    "content-security-policy",
    "referrer-policy",
    "permissions-policy",
    "cross-origin-opener-policy",
    "cross-origin-resource-policy",
    "x-content-type-options",
    "x-frame-options",
    "strict-transport-security",
)
# What must match for a file: the security headers, caching, type and encoding.
FILE_HEADERS = (*SECURITY, "cache-control", "content-type", "content-encoding", "vary")
# Answers the app makes itself differ in body, type and Vary (nginx's 404 is not localized).
ANSWER_HEADERS = (*SECURITY, "cache-control")


class NginxSite:
    """nginx over a static build, with what the shared browser helpers ask of a server."""

    def __init__(self, nginx: NginxServer, site: Site) -> None:
        self.nginx = nginx
        self.site = site

    @property
    def url(self) -> str:
        return self.nginx.url

    def asset(self, name: str) -> str:
        return self.site.assets.url(name)

    def stop(self) -> None:
        self.nginx.stop()


def _start(tmp: Path) -> NginxSite:
    site = build_site(Config(), tmp / "site", static_host=True)  # what `famplan build` writes
    nginx = NginxServer(site.out_dir, tmp / "nginx")
    nginx.start()
    return NginxSite(nginx, site)


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NginxSite]:
    server = _start(tmp_path_factory.mktemp("nginx"))
    yield server
    server.stop()


@pytest.fixture
def own_nginx(tmp_path: Path) -> Iterator[NginxSite]:
    """An nginx this test may stop."""
    server = _start(tmp_path)
    yield server
    server.stop()


def _compared(response: httpx.Response, names: tuple[str, ...]) -> dict[str, Any]:
    # WhiteNoise quotes the charset ("utf-8"), nginx does not: the same type.
    return {name: [v.replace('"', "") for v in response.headers.get_list(name)] for name in names}


def test_every_file_gets_the_same_headers_from_nginx_as_from_famplan_serve(nginx: NginxSite, live_server: LiveServer) -> None:
    # Both builds come from the same sources: the same hashed names, the same pages.
    python_files = set(site_urls(live_server.site.out_dir))
    urls = [url for url in site_urls(nginx.site.out_dir) if url in python_files]
    assert len(urls) > 150 and "/sw.js" in urls and "/en/manifest.webmanifest" in urls
    differences = {}
    with httpx.Client(base_url=live_server.url) as ours, httpx.Client(base_url=nginx.url) as theirs:
        for url in urls:
            for path in ([url.removesuffix("index.html")] if url.endswith("/index.html") else [url]):
                for encoding in ("gzip", "identity"):  # Debian's nginx has no Brotli module by default
                    mine = ours.get(path, headers={"accept-encoding": encoding})
                    other = theirs.get(path, headers={"accept-encoding": encoding})
                    got = (other.status_code, _compared(other, FILE_HEADERS))
                    want = (mine.status_code, _compared(mine, FILE_HEADERS))
                    if got != want:
                        differences[f"{path} ({encoding})"] = {"nginx": got, "famplan serve": want}
    assert differences == {}


@pytest.mark.parametrize(
    ("method", "path", "headers", "names"),
    [
        ("GET", "/nope", {}, ANSWER_HEADERS),
        ("GET", "/en/no-such-page/", {}, ANSWER_HEADERS),
        ("GET", "/static/js/no-such-module.js", {}, ANSWER_HEADERS),
        ("GET", "/en/index.html.gz", {}, ANSWER_HEADERS),  # compressed twins are not files of the site
        ("GET", "/_nginx.conf", {}, ANSWER_HEADERS),
        ("POST", "/en/", {}, (*ANSWER_HEADERS, "allow")),
        ("DELETE", "/sw.js", {}, (*ANSWER_HEADERS, "allow")),
        ("HEAD", "/ar/", {"accept-encoding": "gzip"}, FILE_HEADERS),
        ("GET", "/en", {}, ANSWER_HEADERS),  # to the folder: 302 here, 301 from nginx
        ("GET", "/", {}, ANSWER_HEADERS),  # a redirect here, a page that picks the language on nginx
    ],
)
def test_every_other_answer_gets_the_same_headers(
    nginx: NginxSite, live_server: LiveServer, method: str, path: str, headers: dict[str, str], names: tuple[str, ...]
) -> None:
    mine = httpx.request(method, live_server.url + path, headers=headers, content=b"x" if method == "POST" else None)
    other = httpx.request(method, nginx.url + path, headers=headers, content=b"x" if method == "POST" else None)
    if path == "/":
        assert (mine.status_code, other.status_code) == (302, 200)
    else:
        assert mine.status_code // 100 == other.status_code // 100
    if mine.status_code in (404, 405):
        assert other.status_code == mine.status_code
    assert _compared(other, names) == _compared(mine, names)


@pytest.mark.parametrize("name", ["js/app.js", "css/app.css", "icons/clock.svg"])
def test_revalidation_and_ranges_get_the_same_headers(nginx: NginxSite, live_server: LiveServer, name: str) -> None:
    for server in (live_server, nginx):
        url = server.url + server.asset(name)
        etag = httpx.get(url).headers["etag"]
        not_modified = httpx.get(url, headers={"if-none-match": etag})
        part = httpx.get(url, headers={"range": "bytes=0-9", "accept-encoding": "identity"})
        assert (not_modified.status_code, part.status_code, len(part.content)) == (304, 206, 10)
    python_url, nginx_url = live_server.url + live_server.asset(name), nginx.url + nginx.asset(name)
    for request_headers in ({"range": "bytes=0-9", "accept-encoding": "identity"},):
        assert _compared(httpx.get(nginx_url, headers=request_headers), ANSWER_HEADERS) == _compared(
            httpx.get(python_url, headers=request_headers), ANSWER_HEADERS
        )
    mine = httpx.get(python_url, headers={"if-none-match": httpx.get(python_url).headers["etag"]})
    other = httpx.get(nginx_url, headers={"if-none-match": httpx.get(nginx_url).headers["etag"]})
    assert _compared(other, ANSWER_HEADERS) == _compared(mine, ANSWER_HEADERS)


def test_https_behind_nginx_gets_hsts_only_over_https(nginx: NginxSite) -> None:
    # This nginx listens without TLS: no HSTS, whatever a client claims.
    response = httpx.get(f"{nginx.url}/en/", headers={"x-forwarded-proto": "https"})
    assert "strict-transport-security" not in response.headers
    assert "$famplan_hsts" in (nginx.site.out_dir / "_nginx.conf").read_text()


def test_the_app_installs_from_nginx(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any], nginx: NginxSite, tmp_path: Path
) -> None:
    # Chromium reports "in-incognito" in ordinary test contexts; a real profile is needed.
    context = browser_type.launch_persistent_context(str(tmp_path / "profile"), **browser_type_launch_args)
    try:
        page = context.new_page()
        page.goto(f"{nginx.url}/es/")
        assert wait_for_worker(page) == "activated"
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == [] and manifest["url"].endswith("/es/manifest.webmanifest")
    finally:
        context.close()


def test_a_family_makes_exports_and_imports_a_plan_and_opens_it_offline_from_nginx(
    browser: Browser, device_descriptor: dict[str, Any], own_nginx: NginxSite
) -> None:
    server = own_nginx
    context = browser.new_context(**device_descriptor)
    other = browser.new_context(**device_descriptor)  # a second phone
    watcher = Watcher().attach(context)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/en/")
        assert wait_for_worker(page) == "activated"

        # Create a plan.
        create_vault(page, server.url)
        type_notes(page, "Meet at the library on 5th Street")

        # Export it.
        unlock_plan_page(page, server)
        words = page.locator("#export-words").text_content() or ""
        data = make_and_download_file(page)
        plan = decrypt_file(data, words)["plan"]
        assert plan["sections"]["notes"]["text"] == "Meet at the library on 5th Street"

        # Import it on another phone.
        phone = other.new_page()
        phone.goto(f"{server.url}/en/open/")
        open_file(phone, data, words)
        replace_with_opened_file(phone, PASSPHRASE)
        assert stored(phone, server)["plan"] == plan

        # Offline: nginx stopped, the first phone still opens its plan and the resources.
        server.stop()
        response = page.goto(f"{server.url}/en/plan/")
        assert response is not None and response.from_service_worker
        expect(page.locator("#vault-unlock")).to_be_visible()
        page.locator("#unlock-passphrase").fill(PASSPHRASE)
        page.locator("#vault-unlock button[type=submit]").click()
        expect(notes(page)).to_have_value("Meet at the library on 5th Street")
        response = page.goto(f"{server.url}/en/resources/")
        assert response is not None and response.status == 200 and response.from_service_worker
        expect(page.locator("h1")).to_be_visible()
    finally:
        other.close()
        context.close()
    assert watcher.violations == []
    assert watcher.foreign_hosts(server.url) == set()
