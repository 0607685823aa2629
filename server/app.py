"""The ASGI application: the built site, the language redirect and a localized 404."""

from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from server.config import Config
from server.languages import BY_CODE, negotiate
from server.middleware.read_only_methods import ReadOnlyMethodsMiddleware
from server.middleware.security_headers import SecurityHeadersMiddleware
from server.site import Site, build_site
from server.static_files import StaticFirst


def create_app(config: Config | None = None, site_dir: Path | None = None) -> ASGIApp:
    config = config or Config()
    if site_dir is None:
        site_dir = Path(tempfile.mkdtemp(prefix="famplan-site-"))
    site = build_site(config, site_dir)
    return wrap(site)


def wrap(site: Site) -> ASGIApp:
    app = Starlette(routes=[Route("/", _language_redirect)])
    app.add_exception_handler(404, _not_found_handler(site))
    app.state.site = site
    outer: ASGIApp = StaticFirst(app, site.out_dir)
    outer = ReadOnlyMethodsMiddleware(outer)
    outer = SecurityHeadersMiddleware(outer)
    outer.site = site  # type: ignore[attr-defined]  # tests read the build from here
    return outer


async def _language_redirect(request: Request) -> Response:
    code = negotiate(request.headers.get("accept-language"))
    return RedirectResponse(
        f"/{code}/", status_code=302, headers={"Cache-Control": "no-cache", "Vary": "Accept-Language"}
    )


def _not_found_handler(site: Site):  # type: ignore[no-untyped-def]
    async def not_found(request: Request, exc: Exception) -> Response:
        first = request.url.path.split("/")[1]
        code = first if first in BY_CODE else negotiate(request.headers.get("accept-language"))
        return Response(
            site.not_found[code],
            status_code=404,
            media_type="text/html; charset=utf-8",
            headers={"Cache-Control": "no-cache", "Vary": "Accept-Language"},
        )

    return not_found
