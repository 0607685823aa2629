"""Serving the built site straight from ASGI, with WhiteNoise's file index and headers.

WhiteNoise is WSGI-only: run through a WSGI adapter, every request took a
thread hop and a file open. Here WhiteNoise only indexes the folder at
start-up (types, cache headers, ETag, Last-Modified, Vary and the .br/.gz
variants); each answer's headers are turned into bytes once, and file bodies
up to ``IN_MEMORY_LIMIT`` are kept in memory. A request is a dictionary
look-up and one or two ``send`` calls, on the event loop.

It keeps what WhiteNoise does: GET and HEAD, the smallest variant the
``Accept-Encoding`` header allows, ``If-None-Match`` and ``If-Modified-Since``
(304), single byte ranges (206/416), and its relative redirects to a folder's
``index.html``. Anything else goes to ``fallback``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.utils import parsedate
from http import HTTPStatus
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send
from whitenoise import WhiteNoise
from whitenoise.responders import Redirect, StaticFile
from whitenoise.responders import Headers

from server.assets import STATIC_PREFIX, is_hashed
from server.middleware.security_headers import Kind, headers_for, kind_of_file

NO_CACHE = "no-cache"
IMMUTABLE = f"max-age={WhiteNoise.FOREVER}, public, immutable"
MEDIA_TYPES = {".webmanifest": "application/manifest+json"}
# The whole site is a few MB; bigger files (none today) are read in chunks.
IN_MEMORY_LIMIT = 1 << 20
CHUNK = 64 * 1024
SCHEMES = ("http", "https")

RawHeaders = list[tuple[bytes, bytes]]


def is_immutable(url: str) -> bool:
    # Only content-hashed files under /static/ may be cached forever; pages,
    # the worker and manifests must be revalidated so updates arrive.
    return url.startswith(STATIC_PREFIX) and is_hashed(url)


def _cache_headers(headers: Headers, path: str, url: str) -> None:
    if not is_immutable(url):
        headers["Cache-Control"] = NO_CACHE


def make_whitenoise(site_dir: Path) -> WhiteNoise:
    return WhiteNoise(
        None,
        root=str(site_dir),
        index_file=True,
        max_age=None,
        allow_all_origins=False,
        mimetypes=MEDIA_TYPES,
        immutable_file_test=lambda path, url: is_immutable(url),
        add_headers_function=_cache_headers,
    )


def _raw(headers: list[tuple[str, str]]) -> RawHeaders:
    return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers]


@dataclass(frozen=True)
class Variant:
    """One file on disk (plain, .br or .gz) and the headers that go with it."""

    accepts: re.Pattern[bytes] | None  # matches an Accept-Encoding that allows it; None: always
    path: str
    size: int
    headers: dict[str, RawHeaders]  # scheme -> headers
    body: bytes | None  # None: too big to keep, read in chunks


class FileAnswer:
    def __init__(self, static_file: StaticFile, kind: Kind) -> None:
        security = {scheme: headers_for(kind, scheme) for scheme in SCHEMES}
        self.etag = static_file.etag.encode("latin-1")
        self.last_modified = static_file.last_modified
        not_modified = list(static_file.not_modified_response.headers)  # WhiteNoise's NOT_MODIFIED_HEADERS
        self.not_modified = {s: _raw(not_modified + security[s]) for s in SCHEMES}
        self.range_not_satisfiable = {s: _raw(security[s]) for s in SCHEMES}
        self.variants: list[Variant] = []
        for encoding_re, path, headers in static_file.alternatives:
            headers = list(headers)
            size = int(dict(headers)["Content-Length"])
            accepts = None if not encoding_re.pattern else re.compile(encoding_re.pattern.encode())
            body = Path(path).read_bytes() if size <= IN_MEMORY_LIMIT else None
            self.variants.append(
                Variant(accepts, path, size, {s: _raw(headers + security[s]) for s in SCHEMES}, body)
            )

    def choose(self, accept_encoding: bytes) -> Variant:
        if accept_encoding == b"*":
            accept_encoding = b""
        # Smallest first, as WhiteNoise sorts them; the plain file always matches.
        for variant in self.variants:
            if variant.accepts is None or variant.accepts.search(accept_encoding):
                return variant
        raise AssertionError("the plain file always matches")

    def is_not_modified(self, if_none_match: bytes | None, if_modified_since: bytes | None) -> bool:
        if if_none_match is not None:
            return if_none_match == self.etag
        if self.last_modified is None or if_modified_since is None:
            return False
        requested = parsedate(if_modified_since.decode("latin-1"))
        return requested is not None and requested >= self.last_modified

    async def answer(self, scope: Scope, send: Send) -> None:
        scheme = "https" if scope["scheme"] == "https" else "http"
        accept_encoding = b""
        if_none_match = if_modified_since = range_header = None
        for name, value in scope["headers"]:
            if name == b"accept-encoding":
                accept_encoding = value
            elif name == b"if-none-match":
                if_none_match = value
            elif name == b"if-modified-since":
                if_modified_since = value
            elif name == b"range":
                range_header = value
        if self.is_not_modified(if_none_match, if_modified_since):
            await _send(send, HTTPStatus.NOT_MODIFIED, self.not_modified[scheme], b"")
            return
        variant = self.choose(accept_encoding)
        head = scope["method"] == "HEAD"
        if range_header is not None:
            byte_range = _byte_range(range_header, variant.size)
            if byte_range is not None:
                await self._answer_range(send, variant, scheme, byte_range, head)
                return
        if head:
            await _send(send, HTTPStatus.OK, variant.headers[scheme], b"")
        elif variant.body is not None:
            await _send(send, HTTPStatus.OK, variant.headers[scheme], variant.body)
        else:
            await send({"type": "http.response.start", "status": HTTPStatus.OK, "headers": variant.headers[scheme]})
            await _send_file(send, variant.path, 0, variant.size)

    async def _answer_range(
        self, send: Send, variant: Variant, scheme: str, byte_range: tuple[int, int], head: bool
    ) -> None:
        start, end = byte_range
        if start > end:  # past the end (WhiteNoise's ">=" also refused a valid one-byte range)
            headers = [(b"content-range", f"bytes */{variant.size}".encode()), *self.range_not_satisfiable[scheme]]
            await _send(send, HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE, headers, b"")
            return
        headers = [(n, v) for n, v in variant.headers[scheme] if n != b"content-length"]
        headers += [
            (b"content-range", f"bytes {start}-{end}/{variant.size}".encode()),
            (b"content-length", str(end - start + 1).encode()),
        ]
        if head:
            await _send(send, HTTPStatus.PARTIAL_CONTENT, headers, b"")
        elif variant.body is not None:
            await _send(send, HTTPStatus.PARTIAL_CONTENT, headers, variant.body[start : end + 1])
        else:
            await send({"type": "http.response.start", "status": HTTPStatus.PARTIAL_CONTENT, "headers": headers})
            await _send_file(send, variant.path, start, end + 1 - start)


class RedirectAnswer:
    """WhiteNoise's relative redirects (``/en`` to ``en/``, ``/en/index.html`` to ``./``)."""

    def __init__(self, redirect: Redirect) -> None:
        response = redirect.response
        self.status = response.status
        # Revalidated like the pages they lead to (nginx's redirects say the same).
        headers = [*response.headers, ("Cache-Control", NO_CACHE)]
        self.headers = {s: _raw(headers + headers_for(Kind.PAGE, s)) for s in SCHEMES}

    async def answer(self, scope: Scope, send: Send) -> None:
        await _send(send, self.status, self.headers["https" if scope["scheme"] == "https" else "http"], b"")


def _byte_range(header: bytes, size: int) -> tuple[int, int] | None:
    """WhiteNoise's reading of a Range header; None means ignore it (allowed by the spec)."""
    try:
        start, end = StaticFile.parse_byte_range(header.decode("latin-1"))
    except (ValueError, UnicodeDecodeError):
        return None
    start = max(start + size, 0) if start < 0 else start
    end = size - 1 if end is None else min(end, size - 1)
    return start, end


async def _send(send: Send, status: int, headers: RawHeaders, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _send_file(send: Send, path: str, offset: int, length: int) -> None:
    # Reads from the page cache take microseconds: no thread hop for them.
    with open(path, "rb") as file:
        file.seek(offset)
        while length > 0:
            chunk = file.read(min(CHUNK, length))
            if not chunk:
                break
            length -= len(chunk)
            await send({"type": "http.response.body", "body": chunk, "more_body": length > 0})
    if length > 0:
        await send({"type": "http.response.body", "body": b""})


class StaticFirst:
    """Answers GET and HEAD for every file of the built site; everything else goes to ``fallback``."""

    def __init__(self, fallback: ASGIApp, site_dir: Path) -> None:
        self.app = fallback
        self.whitenoise = make_whitenoise(site_dir)
        self.answers: dict[str, FileAnswer | RedirectAnswer] = {}
        for url, item in self.whitenoise.files.items():
            if isinstance(item, Redirect):
                self.answers[url] = RedirectAnswer(item)
            else:
                self.answers[url] = FileAnswer(item, kind_of_file(url))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            answer = self.answers.get(scope["path"])
            if answer is not None:
                await answer.answer(scope, send)
                return
        await self.app(scope, receive, send)
