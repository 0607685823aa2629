"""Serving the built site through WhiteNoise (WSGI) inside the ASGI app."""

from __future__ import annotations

from pathlib import Path

from a2wsgi import WSGIMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send
from whitenoise import WhiteNoise
from whitenoise.responders import Headers

from server.assets import STATIC_PREFIX, is_hashed

NO_CACHE = "no-cache"


def _cache_headers(headers: Headers, path: str, url: str) -> None:
    # Pages, the worker and manifests must be revalidated so updates arrive;
    # only content-hashed files under /static/ may be cached forever.
    if not (url.startswith(STATIC_PREFIX) and is_hashed(url)):
        headers["Cache-Control"] = NO_CACHE


def make_whitenoise(site_dir: Path) -> WhiteNoise:
    files = WhiteNoise(
        None,
        root=str(site_dir),
        index_file=True,
        max_age=None,
        allow_all_origins=False,
        mimetypes={".webmanifest": "application/manifest+json"},
        immutable_file_test=lambda path, url: url.startswith(STATIC_PREFIX) and is_hashed(url),
        add_headers_function=_cache_headers,
    )
    return files


class StaticFirst:
    """Sends a request to WhiteNoise when it knows the path, else to ``app``."""

    def __init__(self, app: ASGIApp, site_dir: Path) -> None:
        self.app = app
        self.whitenoise = make_whitenoise(site_dir)
        self.static = WSGIMiddleware(self.whitenoise)  # type: ignore[arg-type]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] in self.whitenoise.files:
            await self.static(scope, receive, send)
        else:
            await self.app(scope, receive, send)
