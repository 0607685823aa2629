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
EXPECTED_COMMON = {
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
}


def test_policy_constants_are_the_documented_ones() -> None:
    assert PAGE_CSP == EXPECTED_PAGE_CSP
    assert WORKER_CSP == EXPECTED_PAGE_CSP.replace("connect-src 'none'", "connect-src 'self'")


def _responses(server: LiveServer) -> dict[str, httpx.Response]:
    with httpx.Client(base_url=server.url) as client:
        return {
            "html": client.get("/en/"),
            "static": client.get(server.asset("css/app.css")),
            "icon": client.get(server.asset("icons/icon-192.png")),
            "manifest": client.get("/es/manifest.webmanifest"),
            "worker": client.get("/sw.js"),
            "redirect": client.get("/"),
            "404": client.get("/en/no-such-page/"),
            "405": client.post("/en/", content=b"x"),
            "head": client.head("/ar/"),
            "neutral": client.get("/clock/"),
        }


@pytest.fixture(scope="module")
def responses(live_server: LiveServer) -> dict[str, httpx.Response]:
    return _responses(live_server)


@pytest.mark.parametrize("kind", ["html", "static", "icon", "manifest", "worker", "redirect", "404", "405", "head", "neutral"])
def test_every_response_carries_the_security_headers(responses: dict[str, httpx.Response], kind: str) -> None:
    response = responses[kind]
    expected_csp = EXPECTED_PAGE_CSP.replace("connect-src 'none'", "connect-src 'self'") if kind == "worker" else EXPECTED_PAGE_CSP
    assert response.headers.get_list("content-security-policy") == [expected_csp]
    for name, value in EXPECTED_COMMON.items():
        assert response.headers.get_list(name) == [value], name
    assert "set-cookie" not in response.headers
    assert "server" not in response.headers
    # Plain HTTP here: HSTS is only for HTTPS.
    assert "strict-transport-security" not in response.headers


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
