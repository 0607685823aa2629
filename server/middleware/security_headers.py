"""The security headers: which response gets which, decided in one place.

A response that can become a document or a worker (pages, 404s, redirects,
the service worker, worker scripts, SVG) gets the full set with its CSP. Other
files (scripts, styles, images, manifests) are never documents: they need only
what protects a subresource, so a first visit does not carry ~400 bytes of
policy on each of its ~100 requests. ``famplan serve``, the nginx snippet and
the ``_headers`` file all take their headers from ``kind_of_file`` and ``headers_for``.
"""

from __future__ import annotations

import re
from enum import Enum

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from server.assets import HASH_LENGTH, STATIC_PREFIX

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; manifest-src 'self'; worker-src 'self'; connect-src 'none'; "
    "form-action 'none'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'; "
    "require-trusted-types-for 'script'"
)
# The service worker fetches the app's own files to cache them; nothing else may.
WORKER_CSP = PAGE_CSP.replace("connect-src 'none'", "connect-src 'self'")
WORKER_PATH = "/sw.js"
# A dedicated worker's policy comes from its own script's response, not the page's:
# every ``*-worker.js`` module keeps the page CSP (connect-src 'none').
WORKER_ENTRY = re.compile(r"-worker(\.[0-9a-f]{%d})?\.js$" % HASH_LENGTH)
# Opened directly, an SVG is a document that could run script.
DOCUMENT_SUFFIXES = (".svg",)

# What protects any response, documents and subresources alike.
SUBRESOURCE_HEADERS: tuple[tuple[str, str], ...] = (
    ("referrer-policy", "no-referrer"),
    ("cross-origin-resource-policy", "same-origin"),
    ("x-content-type-options", "nosniff"),
)
# What only a document (or a worker, which is one for these purposes) reads.
DOCUMENT_ONLY_HEADERS: tuple[tuple[str, str], ...] = (
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ("cross-origin-opener-policy", "same-origin"),
    ("x-frame-options", "DENY"),
)
HSTS = ("strict-transport-security", "max-age=63072000; includeSubDomains")
# Every name any response may carry: a response never gets two of one.
ALL_NAMES = frozenset(
    ["content-security-policy", HSTS[0], *(n for n, _ in SUBRESOURCE_HEADERS), *(n for n, _ in DOCUMENT_ONLY_HEADERS)]
)


class Kind(Enum):
    PAGE = "page"  # HTML, 404, redirects, 405, worker entries, SVG: the page CSP
    WORKER = "worker"  # /sw.js: the worker CSP
    SUBRESOURCE = "subresource"  # other static files and the manifests: no CSP


def kind_of_file(path: str) -> Kind:
    """The kind of a file the site serves at ``path`` (a 404 or a redirect is always a page)."""
    if path == WORKER_PATH:
        return Kind.WORKER
    if path.startswith(STATIC_PREFIX):
        if WORKER_ENTRY.search(path) or path.endswith(DOCUMENT_SUFFIXES):
            return Kind.PAGE
        return Kind.SUBRESOURCE
    if path.endswith(".webmanifest"):
        return Kind.SUBRESOURCE
    return Kind.PAGE


def headers_for(kind: Kind, scheme: str) -> list[tuple[str, str]]:
    if kind is Kind.SUBRESOURCE:
        headers = list(SUBRESOURCE_HEADERS)
    else:
        csp = WORKER_CSP if kind is Kind.WORKER else PAGE_CSP
        headers = [("content-security-policy", csp), *SUBRESOURCE_HEADERS, *DOCUMENT_ONLY_HEADERS]
    if scheme == "https":
        headers.append(HSTS)
    return headers


class SecurityHeadersMiddleware:
    """Page headers on every response the app makes itself (redirects, 404, 405);
    files get theirs from the static server. Drops any cookie and the server name."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._extra = {
            scheme: [(name.encode(), value.encode()) for name, value in headers_for(Kind.PAGE, scheme)]
            for scheme in ("http", "https")
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self._extra["https" if scope["scheme"] == "https" else "http"]
        dropped = {name for name, _ in extra} | {b"set-cookie", b"server"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in dropped]
                message = {**message, "headers": kept + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)
