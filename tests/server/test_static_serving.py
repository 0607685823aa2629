"""How files are answered from ASGI: variants, revalidation, ranges, HEAD, big
files read in chunks, and the bound on a request's head."""

from __future__ import annotations

import asyncio
import gzip
import os
import socket
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from server.http_protocol import MAX_HEAD_BYTES
from server.static_files import CHUNK, IN_MEMORY_LIMIT, StaticFirst
from tests.live_server import LiveServer


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> httpx.Client:
    with httpx.Client(base_url=live_server.url) as client:
        yield client


def test_head_announces_the_body_get_sends(client: httpx.Client, live_server: LiveServer) -> None:
    for path in ("/en/", live_server.asset("css/app.css")):
        for encoding in ("br", "gzip", "identity"):
            head = client.head(path, headers={"accept-encoding": encoding})
            get = client.get(path, headers={"accept-encoding": encoding})
            assert head.content == b""
            assert head.headers["content-length"] == get.headers["content-length"]
            if encoding == "identity":  # httpx decodes the others
                assert get.headers["content-length"] == str(len(get.content))
            assert head.headers.get("content-encoding") == get.headers.get("content-encoding")


def test_the_smallest_accepted_variant_is_sent(client: httpx.Client) -> None:
    plain = client.get("/en/", headers={"accept-encoding": "identity"})
    zipped = client.get("/en/", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in plain.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.content == plain.content  # httpx decodes it: the same page
    assert int(zipped.headers["content-length"]) < int(plain.headers["content-length"])
    # "*" is read as no preference (as WhiteNoise does): the plain file.
    assert "content-encoding" not in client.get("/en/", headers={"accept-encoding": "*"}).headers


def test_revalidation_by_etag_and_by_date(client: httpx.Client, live_server: LiveServer) -> None:
    url = live_server.asset("js/app.js")
    first = client.get(url)
    by_etag = client.get(url, headers={"if-none-match": first.headers["etag"]})
    by_date = client.get(url, headers={"if-modified-since": first.headers["last-modified"]})
    changed = client.get(url, headers={"if-none-match": '"something-else"'})
    assert (by_etag.status_code, by_date.status_code, changed.status_code) == (304, 304, 200)
    assert by_etag.content == b"" and by_etag.headers["etag"] == first.headers["etag"]


@pytest.mark.parametrize(("range_header", "status", "expected"), [
    ("bytes=0-0", 206, slice(0, 1)),
    ("bytes=5-14", 206, slice(5, 15)),
    ("bytes=-7", 206, slice(-7, None)),
    ("bytes=999999999-", 416, None),
    ("lines=1-2", 200, slice(None)),  # not understood: the whole file, as the spec allows
])
def test_single_byte_ranges(client: httpx.Client, live_server: LiveServer, range_header: str, status: int, expected: slice | None) -> None:
    url = live_server.asset("js/app.js")
    whole = client.get(url, headers={"accept-encoding": "identity"}).content
    response = client.get(url, headers={"accept-encoding": "identity", "range": range_header})
    assert response.status_code == status
    if expected is not None:
        assert response.content == whole[expected]
    if status == 416:
        assert response.headers["content-range"] == f"bytes */{len(whole)}"


def _raw_request(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        reply = b""
        while chunk := sock.recv(65536):
            reply += chunk
    return reply


def test_a_request_head_over_the_bound_gets_431_and_the_connection_closes(live_server: LiveServer) -> None:
    big = b"a" * (MAX_HEAD_BYTES + 1)
    reply = _raw_request(live_server.port, b"GET /en/ HTTP/1.1\r\nHost: x\r\nX-Big: " + big + b"\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 431 ")  # and recv saw the end: the server closed


def test_a_large_but_ordinary_head_is_served_on_a_kept_alive_connection(live_server: LiveServer) -> None:
    request = b"GET /en/ HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"b" * 16_000 + b"\r\nAccept-Encoding: identity\r\n\r\n"
    with socket.create_connection(("127.0.0.1", live_server.port), timeout=10) as sock:
        for _ in range(5):  # each one counted afresh
            sock.sendall(request)
            head = b""
            while b"\r\n\r\n" not in head:
                head += sock.recv(1)
            assert head.startswith(b"HTTP/1.1 200 "), head
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
            body = b""
            while len(body) < length:
                body += sock.recv(length - len(body))


def _run(app: Any, scope: dict[str, Any]) -> list[dict[str, Any]]:
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    # A thread of its own: Playwright's sync API may already run a loop in this one.
    runner = threading.Thread(target=asyncio.run, args=(app(scope, receive, send),))
    runner.start()
    runner.join()
    return sent


def test_files_too_big_to_keep_are_streamed_in_chunks(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "static").mkdir(parents=True)
    data = os.urandom(IN_MEMORY_LIMIT + 3 * CHUNK + 17)  # random: no compressed twin would help
    (site / "static" / "big.0123456789ab.bin").write_bytes(data)
    (site / "static" / "small.0123456789ab.txt").write_bytes(b"hello")
    (site / "static" / "small.0123456789ab.txt.gz").write_bytes(gzip.compress(b"hello" * 1))

    async def fallback(scope, receive, send):  # type: ignore[no-untyped-def]
        raise AssertionError("a file must not reach the app")

    app = StaticFirst(fallback, site)

    def get(path: str, *headers: tuple[bytes, bytes], method: str = "GET") -> list[dict[str, Any]]:
        scope = {"type": "http", "method": method, "path": path, "scheme": "http", "headers": list(headers)}
        return _run(app, scope)

    messages = get("/static/big.0123456789ab.bin")
    assert messages[0]["status"] == 200
    bodies = [m["body"] for m in messages[1:]]
    assert b"".join(bodies) == data
    assert len(bodies) > 1 and max(len(b) for b in bodies) <= CHUNK  # never the whole file at once
    assert [m.get("more_body", False) for m in messages[1:]][-1] is False

    part = get("/static/big.0123456789ab.bin", (b"range", b"bytes=100-200099"))
    assert part[0]["status"] == 206 and b"".join(m["body"] for m in part[1:]) == data[100:200100]
    assert dict(part[0]["headers"])[b"content-length"] == b"200000"

    head = get("/static/big.0123456789ab.bin", method="HEAD")
    assert dict(head[0]["headers"])[b"content-length"] == str(len(data)).encode() and head[1]["body"] == b""
