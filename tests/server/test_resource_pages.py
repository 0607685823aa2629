"""The resource library as served: every page in every language, its numbers, sources and dates."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from server.app import create_app
from server.config import Config
from server.content import NEVER_LIST, ContentError
from server.languages import BY_CODE, CODES
from tests.live_server import LiveServer

TEL = re.compile(r"^tel:(\+[1-9][0-9]{6,14}|[0-9]{3})$")


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.html_attrs: dict[str, str | None] = {}
        self._href: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "html":
            self.html_attrs = dict(attrs)
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), ""

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._href is not None:
            self._text += data

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "a" and self._href is not None:
            self.links.append((self._href, self._text.strip()))
            self._href = None


def _resource_urls(server: LiveServer, code: str) -> list[str]:
    return [url for url in server.site.pages[code] if "/resources/" in url and url.endswith("/")]


@pytest.mark.parametrize("code", CODES)
def test_every_resource_page_has_right_language_numbers_sources_and_date(live_server: LiveServer, code: str) -> None:
    urls = _resource_urls(live_server, code)
    assert len(urls) == 8  # the index and seven pages
    phone_links = 0
    with httpx.Client(base_url=live_server.url) as client:
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            parser = LinkParser()
            parser.feed(response.text)
            assert parser.html_attrs["lang"] == code and parser.html_attrs["dir"] == BY_CODE[code].direction
            tel_links = [(href, text) for href, text in parser.links if href and href.startswith("tel:")]
            for href, text in tel_links:
                assert TEL.match(href), f"{url}: {href}"
                # The printed number is the one dialled.
                assert re.sub(r"[^0-9]", "", text).endswith(href.removeprefix("tel:+1").removeprefix("tel:")), (href, text)
            phone_links += len(tel_links)
            if url.endswith("/resources/"):
                continue
            assert 'class="sources"' in response.text, url
            assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">', response.text), url
            assert any(href and href.startswith("https://") for href, _ in parser.links), url
    assert phone_links >= 10


def test_hotlines_page_lists_national_and_local_lines(live_server: LiveServer) -> None:
    content = live_server.site  # noqa: F841  # built from the default (Milwaukee) deployment
    text = httpx.get(f"{live_server.url}/en/resources/hotlines/").text
    assert "tel:+18883514024" in text  # ICE DRIL, RESOURCES-SOURCES.md 1.2
    assert "Milwaukee Public Schools" in text


def test_red_card_shows_english_beside_the_family_language(live_server: LiveServer) -> None:
    text = httpx.get(f"{live_server.url}/es/resources/red-card/").text
    assert 'lang="en"' in text and "I am using my constitutional rights" in text


def test_never_listed_numbers_do_not_appear(live_server: LiveServer) -> None:
    """RESOURCES-SOURCES.md section 5: numbers that must never be shown as help lines."""
    site_dir: Path = live_server.site.out_dir
    for page in site_dir.rglob("index.html"):
        digits = re.sub(r"[^0-9]", "", page.read_text())
        for banned in NEVER_LIST:
            assert re.sub(r"[^0-9]", "", banned)[-10:] not in digits, page


def test_broken_content_stops_the_server_at_start_up(tmp_path: Path) -> None:
    import shutil

    content = tmp_path / "content"
    shutil.copytree(Config().content_dir, content)
    hotlines = content / "hotlines.toml"
    hotlines.write_text(hotlines.read_text().replace('tel = "+18883514024"', 'tel = "call-me"', 1))
    with pytest.raises(ContentError, match=r"hotlines\.toml:\d+"):
        create_app(Config(content_dir=content), tmp_path / "site")
