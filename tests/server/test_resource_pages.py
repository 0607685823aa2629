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


# ---------------------------------------------------------------- every number shown has its source

HOTLINE_BLOCK = re.compile(r'<li class="hotline">(.*?)</li>', re.DOTALL)
NUMBER_LINK = re.compile(r'href="(tel|sms):([^"]+)"')
PHONE_IN_TEXT = re.compile(r"\(?\b\d{3}\)?[\s.\-\u2013]\d{3}[\s.\-\u2013]\d{4}\b")


def _sourced_numbers(live_server: LiveServer, code: str) -> dict[str, set[str]]:
    """Every number the content defines (voice, TTY, text) -> the source urls given for it."""
    from server.content import load_content

    config = live_server.config
    content = load_content(config.content_dir, config.deployment_file, list(CODES))
    numbers: dict[str, set[str]] = {}
    for hotline in content.hotlines(code):
        assert hotline.source_url.startswith("https://") or hotline.source_url.startswith("http://"), hotline.id
        numbers.setdefault(hotline.tel, set()).add(hotline.source_url)
        for extra in (hotline.tty, hotline.sms):
            if extra is not None:
                assert extra.source_url, f"{hotline.id}: {extra.display} has no source"
                numbers.setdefault(extra.tel, set()).add(extra.source_url)
    for school in content.deployment(code).schools:  # a Safe Haven resource person's line, with its source
        if school.resource is not None and school.resource.tel:
            numbers.setdefault(school.resource.tel, set()).add(school.resource.source_url)
    return numbers


@pytest.mark.parametrize("code", CODES)
def test_every_number_on_a_page_has_a_source_beside_it(live_server: LiveServer, code: str) -> None:
    """A number a family can dial is shown only with the source it was checked against."""
    sourced = _sourced_numbers(live_server, code)
    with httpx.Client(base_url=live_server.url) as client:
        for url in live_server.site.pages[code]:
            if not url.endswith("/"):
                continue
            html = client.get(url).text
            body = html.split("<main", 1)[1].split("</main>", 1)[0]
            blocks = HOTLINE_BLOCK.findall(body)
            for block in blocks:
                for scheme, number in NUMBER_LINK.findall(block):
                    assert number in sourced, f"{url}: {scheme}:{number} is not a hotline with a source entry"
                    assert any(f'href="{source}"' in block for source in sourced[number]), (
                        f"{url}: {scheme}:{number} is shown without the link to its source"
                    )
            outside = HOTLINE_BLOCK.sub("", body)
            assert not NUMBER_LINK.search(outside), f"{url}: a number link outside a hotline entry has no source"
            text = re.sub(r"<[^>]+>", " ", outside)
            assert not PHONE_IN_TEXT.search(text), f"{url}: {PHONE_IN_TEXT.search(text).group()} is shown with no source"


def test_numbers_without_a_primary_source_are_not_shown(live_server: LiveServer) -> None:
    """RESOURCES-SOURCES.md section 6: numbers no primary source confirms are left out."""
    unconfirmed = ["2097573733", "8443631423", "8008281120", "8888144026", "8888080928", "898211"]
    for code in CODES:
        for page in (live_server.site.out_dir / code).rglob("index.html"):
            html = page.read_text()
            # What a person can read or dial: link targets and visible text, not asset hashes.
            shown = re.findall(r'href="(?:tel|sms):([^"]+)"', html)
            shown += re.findall(r"\d[\d\s().\-]{3,}\d", re.sub(r"<[^>]+>", " ", html))
            for written in shown:
                digits = re.sub(r"[^0-9]", "", written)
                for number in unconfirmed:
                    assert number not in digits, f"{page}: {written}"
    hotlines = httpx.get(f"{live_server.url}/en/resources/hotlines/").text
    assert "Numbers we could not confirm" in hotlines and "Freedom for Immigrants" in hotlines


def test_reviewed_date_says_what_was_checked(live_server: LiveServer) -> None:
    text = httpx.get(f"{live_server.url}/en/resources/know-your-rights/").text
    assert "Checked against the sources above on:" in text and "Last reviewed" not in text
    hotlines = httpx.get(f"{live_server.url}/en/resources/hotlines/").text
    assert "number checked against this source on" in hotlines
