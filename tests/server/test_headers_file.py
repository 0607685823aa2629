"""The `_headers` file of `famplan build`, read the way Cloudflare Pages and Netlify
read it, gives every path the headers `famplan serve` sends: each file of the
build, and any unknown path (the host's 404 page)."""

from __future__ import annotations

import re

import pytest

from server.assets import STATIC_PREFIX
from server.cli import main
from server.host_config import site_urls
from server.middleware.security_headers import PAGE_CSP, Kind, headers_for, kind_of_file
from server.static_files import IMMUTABLE, NO_CACHE, is_immutable

UNKNOWN_PATHS = ["/nope", "/wp-admin/", "/en/no-such-page/", "/static/js/no-such-module.js", "/a/b/c.html"]

Rule = tuple[str, list[tuple[str, str]], list[str]]


def parse(text: str) -> list[Rule]:
    rules: list[Rule] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line.strip(), [], []))
        elif line.strip().startswith("!"):
            rules[-1][2].append(line.strip()[1:].strip().lower())
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip().lower(), value.strip()))
    return rules


def matches(pattern: str, path: str) -> bool:
    # One splat matches anything, a :placeholder one segment (both hosts' documented syntax).
    regex = re.escape(pattern).replace(r"\*", ".*")
    regex = re.sub(r":[A-Za-z]\w*", "[^/]+", regex)
    return re.fullmatch(regex, path) is not None


def cloudflare(rules: list[Rule], path: str) -> dict[str, str]:
    """Cloudflare Pages: matching rules in order; a rule's `! Name` removes the
    header first, then its values are set, appended if an earlier rule set the name."""
    headers: dict[str, str] = {}
    set_before: set[str] = set()
    for pattern, values, unset in rules:
        if not matches(pattern, path):
            continue
        for name in unset:
            headers.pop(name, None)
        for name, value in values:
            headers[name] = f"{headers[name]}, {value}" if name in set_before and name in headers else value
            set_before.add(name)
    return headers


def netlify(rules: list[Rule], path: str) -> dict[str, str]:
    """Netlify: `!` lines are not part of its syntax (skipped); a later matching rule's value wins."""
    headers: dict[str, str] = {}
    for pattern, values, _ in rules:
        if matches(pattern, path):
            headers.update(values)
    return headers


def expected(path: str, known: bool) -> dict[str, str]:
    """What `famplan serve` sends over HTTPS: a file's kind and cache policy; a page for a 404.

    One known gap: a host cannot tell a missing file under /static/ from a present
    one, so its 404 page there gets the asset headers. Such a path only ever names
    a content-hashed file of some build, and the page is the site's own 404."""
    if not known and path.startswith(STATIC_PREFIX):
        return {**dict(headers_for(Kind.SUBRESOURCE, "https")), "cache-control": IMMUTABLE}
    kind = kind_of_file(path) if known else Kind.PAGE
    cache = IMMUTABLE if known and is_immutable(path) else NO_CACHE
    return {**dict(headers_for(kind, "https")), "cache-control": cache}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Rule], list[str]]:
    out = tmp_path_factory.mktemp("static-build")
    assert main(["build", "--out", str(out)]) == 0
    return parse((out / "_headers").read_text()), site_urls(out)


def _cases(urls: list[str]) -> list[tuple[str, bool]]:
    return [(url, True) for url in urls] + [(path, False) for path in UNKNOWN_PATHS]


def test_cloudflare_pages_gets_exactly_the_server_headers_for_every_path(build: tuple[list[Rule], list[str]]) -> None:
    rules, urls = build
    assert len(urls) > 150 and len(rules) <= 100  # Cloudflare Pages reads at most 100 rules
    wrong = {path: cloudflare(rules, path) for path, known in _cases(urls) if cloudflare(rules, path) != expected(path, known)}
    assert wrong == {}


def test_netlify_gets_every_server_header_and_only_page_headers_besides(build: tuple[list[Rule], list[str]]) -> None:
    rules, urls = build
    page = dict(headers_for(Kind.PAGE, "https"))
    for path, known in _cases(urls):
        got, want = netlify(rules, path), expected(path, known)
        assert {name: got.get(name) for name in want} == want, path
        # Netlify cannot remove a header: files under /static/ keep page headers they do not need.
        assert {name: value for name, value in got.items() if name not in want} == {
            name: page[name] for name in got if name not in want
        }, path


def test_every_kind_of_response_is_in_the_build(build: tuple[list[Rule], list[str]]) -> None:
    _, urls = build
    kinds = {kind_of_file(url) for url in urls}
    assert kinds == {Kind.PAGE, Kind.WORKER, Kind.SUBRESOURCE}
    assert "/404.html" in urls and "/sw.js" in urls and "/en/manifest.webmanifest" in urls
    assert any(url.endswith("-worker." + url.split(".")[-2] + ".js") and kind_of_file(url) is Kind.PAGE for url in urls)
    assert PAGE_CSP in expected("/nope", known=False).values()
