"""Builds the whole public site into a folder: hashed assets, every page of
every language, the web manifests and the service worker.

The server serves that folder; ``famplan build`` writes the same folder for a
static host or CDN. Nothing in it depends on the request, so every response
can be cached and no page can carry anyone's data.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.support import NullTranslations
from whitenoise.compress import Compressor

from server.assets import AssetManifest, build_assets, read_sources
from server.config import Config
from server.i18n import load_translations
from server.host_config import write_host_configs
from server.languages import CODES, DEFAULT_LANGUAGE, LANGUAGES, Language
from server import plan_schema
from server.content import Content, ContentError, load_content
from server.dates import date_formatter
from server.district_schools import schools_data
from server.pages import CORE_PAGES, resource_page, NOT_FOUND, OFFLINE_PATH, ROOT_PAGE, PageRenderer, make_environment
from server.web_manifest import SHARE_TARGET_FIELD, SHARE_TARGET_PATH, THEME_COLOR, web_manifest

BUILD_MARKER = re.compile(r"/\*BUILD\*/.*?/\*BUILD\*/", re.DOTALL)
NEUTRAL_PATH = "/clock/"
# Install icons are read by the operating system once, never by an offline page:
# keeping them out of the precache keeps the first visit light.
# Fonts are cached only on a phone that had to download them (local() failed):
# the worker keeps them then, so a phone with its own Myanmar font never fetches them.
NOT_PRECACHED = ("icons/icon-", "fonts/")
FONT_PREFIX = "fonts/"


@dataclass
class Site:
    out_dir: Path
    assets: AssetManifest
    version: str
    pages: dict[str, list[str]]  # language code -> URL paths
    not_found: dict[str, bytes] = field(default_factory=dict)  # language code -> HTML


def build_site(config: Config, out_dir: Path, static_host: bool = False) -> Site:
    """Build the site. ``static_host`` adds what a server would otherwise answer:
    a root page that picks the language in the browser, a 404.html, and the
    headers for the host (``_headers``, ``_nginx.conf``: docs/deploy.md)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    assets = build_assets({**read_sources(config.static_dir), **generated_sources(config)}, out_dir)
    translations = load_translations(config.translations_dir)
    # Content is validated here, so a broken file stops the server at start-up.
    content = load_content(config.content_dir, config.deployment_file, list(CODES))
    unsourced = plan_schema.rule_source_problems()
    if unsourced:  # a warning about the law that cannot say which law stops the build
        raise ContentError(unsourced)
    pages: dict[str, list[str]] = {}
    not_found: dict[str, bytes] = {}
    renderers: dict[str, PageRenderer] = {}
    for language in LANGUAGES:
        renderer = PageRenderer(
            env=make_environment(config.templates_dir, translations[language.code]),
            translations=translations[language.code],
            language=language,
            asset=assets.url,
            module_graph=assets.module_graph,
            shared={"theme_color": THEME_COLOR, "format_date": date_formatter(language.code)},
        )
        renderers[language.code] = renderer
        pages[language.code] = _write_language(renderer, language, out_dir, assets, content)
        not_found[language.code] = renderer.render(NOT_FOUND).encode()
    _write(out_dir / NEUTRAL_PATH.strip("/") / "index.html", _render_neutral(config, assets))
    if static_host:
        default = renderers[DEFAULT_LANGUAGE]
        _write(out_dir / "index.html", default.render(ROOT_PAGE))
        (out_dir / "404.html").write_bytes(not_found[DEFAULT_LANGUAGE])
    version = _version(out_dir)
    _write(out_dir / "sw.js", _render_worker(config, assets, pages, version))
    compress_tree(out_dir)
    if static_host:
        # After compressing: the host reads these, no visitor does (no _headers.br).
        write_host_configs(out_dir)
    return Site(out_dir=out_dir, assets=assets, version=version, pages=pages, not_found=not_found)


def generated_sources(config: Config) -> dict[str, bytes]:
    """Data files the browser imports as ES modules (pages may not fetch: connect-src 'none')."""
    modules = {
        "js/plan/schema-data.js": config.schema_file,
        "js/plan/migrations-data.js": config.schema_file.with_name("migrations.json"),
    }
    return {
        name: b"// Generated from " + path.name.encode() + b"; edit that file, not this one.\nexport default "
        + json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False, separators=(",", ":")).encode()
        + b";\n"
        for name, path in modules.items()
    }


def _write_language(
    renderer: PageRenderer, language: Language, out_dir: Path, assets: AssetManifest, content: Content
) -> list[str]:
    paths = []
    resources = content.pages[language.code]
    deployment = content.deployment(language.code)
    schools = schools_data(deployment)
    for spec in CORE_PAGES:
        url = f"/{language.code}/{spec.path}"
        page = renderer.render(spec, resource_pages=resources, district_schools=schools)
        _write(out_dir / url.strip("/") / "index.html", page)
        paths.append(url)
    for resource in resources:
        spec = resource_page(resource.id, resource.title)
        url = f"/{language.code}/{spec.path}"
        _write(out_dir / url.strip("/") / "index.html", renderer.render(spec, resource=resource, deployment=deployment))
        paths.append(url)
    manifest_url = f"/{language.code}/manifest.webmanifest"
    manifest = web_manifest(language, renderer.translations.gettext, assets.url)
    _write(out_dir / manifest_url.strip("/"), json.dumps(manifest, ensure_ascii=False, indent=1))
    return [*paths, manifest_url]


def _render_neutral(config: Config, assets: AssetManifest) -> str:
    env = make_environment(config.templates_dir, NullTranslations())
    return env.get_template("neutral.html").render(asset=assets.url)


def _render_worker(config: Config, assets: AssetManifest, pages: dict[str, list[str]], version: str) -> str:
    build = {
        "version": version,
        "assets": sorted(url for name, url in assets.urls.items() if not name.startswith(NOT_PRECACHED)),
        "fonts": sorted(url for name, url in assets.urls.items() if name.startswith(FONT_PREFIX) and name.endswith(".woff2")),
        "shared": [NEUTRAL_PATH],
        "pages": pages,
        "offline": {code: f"/{code}/{OFFLINE_PATH}" for code in pages},
        "shareTarget": {"path": SHARE_TARGET_PATH, "field": SHARE_TARGET_FIELD},
    }
    source = config.service_worker_file.read_text(encoding="utf-8")
    rendered, count = BUILD_MARKER.subn(lambda _: json.dumps(build, separators=(",", ":")), source, count=1)
    if count != 1:
        raise RuntimeError(f"{config.service_worker_file}: the /*BUILD*/ placeholder is missing")
    return rendered


def _version(out_dir: Path) -> str:
    """A hash of everything the worker caches: any change makes a new version."""
    digest = hashlib.sha256()
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(out_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def compress_tree(out_dir: Path) -> None:
    compressor = Compressor(quiet=True)
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        if compressor.should_compress(path.name):
            compressor.compress(str(path))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
