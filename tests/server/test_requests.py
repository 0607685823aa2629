"""What the server answers: language negotiation, 404, methods, traversal, compression, bad requests."""

from __future__ import annotations

import json
import re
import socket

import httpx
import pytest

from tests.live_server import LiveServer


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> httpx.Client:
    with httpx.Client(base_url=live_server.url) as client:
        yield client


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.8", "/es/"),
        ("ar", "/ar/"),
        ("so-SO", "/so/"),
        ("my", "/my/"),
        ("hmn", "/hmn/"),
        ("ksw", "/ksw/"),
        ("fr-FR,fr;q=0.9", "/en/"),
        ("fr;q=0.9, es;q=0.5", "/es/"),
        ("", "/en/"),
        ("en;q=0.1, ar;q=0.9", "/ar/"),
    ],
)
def test_root_redirects_to_the_negotiated_language(client: httpx.Client, accept_language: str, expected: str) -> None:
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response.headers["location"] == expected
    assert response.headers["vary"] == "Accept-Language"


@pytest.mark.parametrize(("path", "lang", "heading"), [("/en/nope", "en", "Page not found"), ("/es/nope/", "es", None), ("/ar/x", "ar", None)])
def test_unknown_paths_get_a_localized_404(client: httpx.Client, path: str, lang: str, heading: str | None) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert f'<html lang="{lang}"' in response.text
    if heading:
        assert f"<h1>{heading}</h1>" in response.text


def test_404_outside_a_language_follows_accept_language(client: httpx.Client) -> None:
    response = client.get("/wp-admin/", headers={"accept-language": "es"})
    assert response.status_code == 404
    assert '<html lang="es"' in response.text


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"])
@pytest.mark.parametrize("path", ["/", "/en/", "/sw.js", "/static/nope.js", "/nope"])
def test_only_get_and_head_exist(client: httpx.Client, method: str, path: str) -> None:
    response = client.request(method, path, content=b'{"plan": "secret"}')
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD"


def test_no_endpoint_reads_a_body(live_server: LiveServer) -> None:
    """A POST with a huge announced body is answered at once: nothing waits to read it."""
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=5) as sock:
        sock.sendall(b"POST /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000\r\n\r\npartial")
        reply = sock.recv(4096)
    assert reply.startswith(b"HTTP/1.1 405")


TRAVERSALS = [
    "/static/../server/app.py",
    "/static/..%2fserver%2fapp.py",
    "/static/%2e%2e/server/app.py",
    "/static/%252e%252e/server/app.py",
    "/static/....//server/app.py",
    "/static/..%5cserver%5capp.py",
    "/en/../../pyproject.toml",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/..%c0%af../etc/passwd",
    "//etc/passwd",
    "/static//etc/passwd",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_never_serves_a_file_outside_the_site(live_server: LiveServer, path: str) -> None:
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=5) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    status = int(reply.split(b" ", 2)[1])
    assert status in (400, 404), reply[:200]
    assert b"create_app" not in reply and b"root:" not in reply and b"[project]" not in reply


def test_oversized_headers_get_a_4xx(live_server: LiveServer) -> None:
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=5) as sock:
        sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 200_000 + b"\r\n\r\n")
        reply = sock.recv(4096)
    status = int(reply.split(b" ", 2)[1])
    assert 400 <= status < 500


def test_many_headers_get_a_4xx_or_are_served(live_server: LiveServer) -> None:
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(2000))
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=5) as sock:
        sock.sendall(b"GET /en/ HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n")
        reply = sock.recv(4096)
    status = int(reply.split(b" ", 2)[1])
    assert status < 500


@pytest.mark.parametrize(("encoding", "expected"), [("br", "br"), ("gzip", "gzip")])
def test_precompressed_variants_are_served(live_server: LiveServer, client: httpx.Client, encoding: str, expected: str) -> None:
    for path in ("/en/", live_server.asset("js/app.js"), live_server.asset("css/app.css"), "/sw.js"):
        response = client.get(path, headers={"accept-encoding": encoding})
        assert response.headers["content-encoding"] == expected, path
        assert "Accept-Encoding" in response.headers["vary"]


def test_hashed_asset_names_change_with_content(live_server: LiveServer, client: httpx.Client) -> None:
    url = live_server.asset("js/app.js")
    assert url.startswith("/static/js/app.") and url.endswith(".js")
    body = client.get(url).text
    # Relative imports point at hashed names too, so the whole graph is immutable.
    assert 'from "./pwa/register-worker.' in body


def test_worker_carries_its_version_and_precache_list(live_server: LiveServer, client: httpx.Client) -> None:
    body = client.get("/sw.js").text
    assert f'"version":"{live_server.site.version}"' in body
    assert live_server.asset("js/app.js") in body
    assert "/*BUILD*/" not in body


def test_manifest_per_language(client: httpx.Client, live_server: LiveServer) -> None:
    manifest = client.get("/ar/manifest.webmanifest").json()
    assert manifest["lang"] == "ar" and manifest["dir"] == "rtl"
    assert manifest["start_url"] == "/ar/" and manifest["scope"] == "/" and manifest["id"] == "/"
    assert manifest["display"] == "standalone"
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert sizes == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


@pytest.mark.parametrize(
    ("path", "loaded_later"),
    [
        ("/en/plan/", "/static/js/editor/"),  # the editor, once the plan is open
        ("/ar/open/", "/static/js/print/"),  # reading, showing and printing a file, once one is chosen
        ("/ar/open/", "/static/js/share/import-file."),
    ],
)
def test_pages_preload_their_first_screen_and_load_the_rest_later(client: httpx.Client, path: str, loaded_later: str) -> None:
    """On a slow network, modules that only matter after a tap must not compete with the first paint."""
    preloaded = re.findall(r'<link rel="modulepreload" href="([^"]+)">', client.get(path).text)
    assert any("/static/js/pages/vault-forms." in url for url in preloaded), preloaded
    assert [url for url in preloaded if url.startswith(loaded_later)] == []
    for url in preloaded:
        assert client.head(url).status_code == 200, url


@pytest.mark.parametrize("lang", ["en", "ar", "my"])
def test_page_data_blocks_carry_their_language_as_plain_utf8(client: httpx.Client, lang: str) -> None:
    """The strings and plan labels a page's code reads: valid JSON, written as the
    language's own letters (a third of the bytes of \\u escapes), English labels omitted."""
    html = client.get(f"/{lang}/plan/").text
    blocks = dict(re.findall(r'<script type="application/json" id="([a-z-]+)">(.*?)</script>', html, re.S))
    strings, labels = json.loads(blocks["ui-strings"]), json.loads(blocks.get("plan-labels", "{}"))
    assert strings and all(isinstance(text, str) and text for text in strings.values())
    for text in list(strings.values())[:20]:
        assert json.dumps(text, ensure_ascii=False)[1:-1] in blocks["ui-strings"] or "<" in text or "&" in text or "'" in text
    if lang == "en":
        assert labels == {}  # the page falls back to the English msgid
    else:
        assert len(labels) > 100
        assert all(text != msgid for msgid, text in labels.items())
        assert not re.search(r"\\u0[6-9a-f]|\\u1", blocks["plan-labels"] + blocks["ui-strings"])
