"""Exact security headers on every kind of response, from the real server."""

from __future__ import annotations

import httpx
import pytest

from server.middleware.security_headers import PAGE_CSP, WORKER_CSP
from tests.live_server import LiveServer

EXPECTED_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "manifest-src 'self'; worker-src 'self'; connect-src 'none'; form-action 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; object-src 'none'; require-trusted-types-for 'script'"
)
EXPECTED_WORKER_CSP = EXPECTED_PAGE_CSP.replace("connect-src 'none'", "connect-src 'self'")
# What every response carries, documents and subresources alike.
EXPECTED_SUBRESOURCE = {
    "referrer-policy": "no-referrer",
    "cross-origin-resource-policy": "same-origin",
    "x-content-type-options": "nosniff",
}
# What only a response that can become a document or a worker needs.
EXPECTED_DOCUMENT_ONLY = {
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    "x-frame-options": "DENY",
}
EXPECTED_PAGE = {"content-security-policy": EXPECTED_PAGE_CSP, **EXPECTED_SUBRESOURCE, **EXPECTED_DOCUMENT_ONLY}
EXPECTED_WORKER = {**EXPECTED_PAGE, "content-security-policy": EXPECTED_WORKER_CSP}
SECURITY_NAMES = {*EXPECTED_PAGE, "strict-transport-security"}


def test_policy_constants_are_the_documented_ones() -> None:
    assert PAGE_CSP == EXPECTED_PAGE_CSP
    assert WORKER_CSP == EXPECTED_WORKER_CSP


def _responses(server: LiveServer) -> dict[str, httpx.Response]:
    app_js = server.asset("js/app.js")
    with httpx.Client(base_url=server.url) as client:
        etag = client.get(app_js).headers["etag"]
        return {
            "html": client.get("/en/"),
            "static": client.get(server.asset("css/app.css")),
            "script": client.get(app_js),
            "icon": client.get(server.asset("icons/icon-192.png")),
            "svg": client.get(server.asset("icons/clock.svg")),
            "worker-entry": client.get(server.asset("js/pwa/register-worker.js")),
            "manifest": client.get("/es/manifest.webmanifest"),
            "worker": client.get("/sw.js"),
            "redirect": client.get("/"),
            "folder-redirect": client.get("/en"),
            "404": client.get("/en/no-such-page/"),
            "static-404": client.get("/static/js/no-such-module.js"),
            "405": client.post("/en/", content=b"x"),
            "405-worker": client.post("/sw.js", content=b"x"),
            "head": client.head("/ar/"),
            "neutral": client.get("/clock/"),
            "not-modified": client.get(app_js, headers={"if-none-match": etag}),
            "range": client.get(app_js, headers={"range": "bytes=0-9", "accept-encoding": "identity"}),
            "range-refused": client.get(app_js, headers={"range": "bytes=99999999-", "accept-encoding": "identity"}),
        }


# Each kind of response and exactly the security headers it must carry.
EXPECTED_BY_KIND = {
    "html": EXPECTED_PAGE,
    "head": EXPECTED_PAGE,
    "neutral": EXPECTED_PAGE,
    "redirect": EXPECTED_PAGE,
    "folder-redirect": EXPECTED_PAGE,
    "404": EXPECTED_PAGE,
    "static-404": EXPECTED_PAGE,
    "405": EXPECTED_PAGE,
    "405-worker": EXPECTED_PAGE,
    # An SVG opened on its own is a document; a *-worker.js script sets its worker's policy.
    "svg": EXPECTED_PAGE,
    "worker-entry": EXPECTED_PAGE,
    "worker": EXPECTED_WORKER,
    "static": EXPECTED_SUBRESOURCE,
    "script": EXPECTED_SUBRESOURCE,
    "icon": EXPECTED_SUBRESOURCE,
    "manifest": EXPECTED_SUBRESOURCE,
    "not-modified": EXPECTED_SUBRESOURCE,
    "range": EXPECTED_SUBRESOURCE,
    "range-refused": EXPECTED_SUBRESOURCE,
}


@pytest.fixture(scope="module")
def responses(live_server: LiveServer) -> dict[str, httpx.Response]:
    return _responses(live_server)


@pytest.mark.parametrize("kind", sorted(EXPECTED_BY_KIND))
def test_each_response_carries_exactly_its_security_headers(responses: dict[str, httpx.Response], kind: str) -> None:
    response = responses[kind]
    sent = {name: response.headers.get_list(name) for name in SECURITY_NAMES if name in response.headers}
    # Each one once, with its exact value, and nothing a response of this kind does not need.
    assert sent == {name: [value] for name, value in EXPECTED_BY_KIND[kind].items()}
    assert "set-cookie" not in response.headers
    assert "server" not in response.headers


def test_status_codes_and_caching(responses: dict[str, httpx.Response]) -> None:
    assert responses["html"].status_code == 200
    assert responses["html"].headers["cache-control"] == "no-cache"
    assert responses["worker"].headers["cache-control"] == "no-cache"
    assert responses["worker"].headers["content-type"].startswith("text/javascript")
    assert responses["manifest"].headers["cache-control"] == "no-cache"
    assert responses["manifest"].headers["content-type"] == "application/manifest+json"
    assert responses["static"].headers["cache-control"] == "max-age=315360000, public, immutable"
    assert responses["icon"].headers["cache-control"] == "max-age=315360000, public, immutable"
    assert responses["404"].status_code == 404
    assert responses["405"].status_code == 405
    assert responses["405"].headers["allow"] == "GET, HEAD"
    assert responses["head"].status_code == 200 and responses["head"].content == b""
    assert responses["folder-redirect"].status_code == 302 and responses["folder-redirect"].headers["location"] == "en/"
    assert responses["static-404"].status_code == 404
    assert responses["not-modified"].status_code == 304
    assert responses["not-modified"].headers["cache-control"] == "max-age=315360000, public, immutable"
    assert responses["range"].status_code == 206 and len(responses["range"].content) == 10
    assert responses["range"].headers["content-range"].startswith("bytes 0-9/")
    assert responses["range-refused"].status_code == 416


def test_https_adds_hsts_to_every_kind(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url, headers={"x-forwarded-proto": "https"}) as client:
        for path in ("/en/", "/sw.js", live_server.asset("css/app.css"), "/en/manifest.webmanifest", "/", "/nope"):
            assert client.get(path).headers.get_list("strict-transport-security") == ["max-age=63072000; includeSubDomains"], path


def test_a_local_tls_proxy_gets_hsts(live_server: LiveServer) -> None:
    with httpx.Client(base_url=live_server.url) as client:
        response = client.get("/en/", headers={"x-forwarded-proto": "https"})
    # A proxy on this machine terminating TLS is trusted to say the scheme.
    assert response.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains"


def test_hsts_is_sent_over_https_and_cookies_never() -> None:
    import asyncio
    import threading

    from server.middleware.security_headers import SecurityHeadersMiddleware

    sent: list[dict] = []

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        await send({"type": "http.response.start", "status": 200, "headers": [(b"set-cookie", b"a=b")]})
        await send({"type": "http.response.body", "body": b""})

    async def send(message):  # type: ignore[no-untyped-def]
        sent.append(message)

    scope = {"type": "http", "path": "/en/", "scheme": "https", "method": "GET", "headers": []}
    # A thread of its own: Playwright's sync API may already run a loop in this one.
    runner = threading.Thread(target=asyncio.run, args=(SecurityHeadersMiddleware(app)(scope, None, send),))  # type: ignore[arg-type]
    runner.start()
    runner.join()
    headers = dict(sent[0]["headers"])
    assert headers[b"strict-transport-security"] == b"max-age=63072000; includeSubDomains"
    assert b"set-cookie" not in headers
