"""The site ``famplan serve`` builds once, before its workers start, and they all serve.

The folder holds the public files in ``site/`` (nothing else is served) and,
beside it, what a worker needs besides files: the localized 404 pages and
what the build knows (version, pages, asset names). A marker file makes sure
a folder given with ``--build-dir`` is only ever emptied if famplan made it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from server.assets import AssetManifest
from server.config import Config
from server.site import Site, build_site

MARKER = ".famplan-serve-build"
PUBLIC = "site"
NOT_FOUND = "not-found"
INFO = "build.json"


class BuildDirError(Exception):
    pass


def prepare(folder: Path) -> None:
    """Make ``folder`` an empty build folder; refuse one famplan did not make."""
    if folder.exists():
        if not folder.is_dir():
            raise BuildDirError(f"{folder} is not a folder")
        if any(folder.iterdir()) and not (folder / MARKER).is_file():
            raise BuildDirError(f"{folder} is not empty and was not made by famplan serve; not emptying it")
        for child in folder.iterdir():
            if child.name != MARKER:
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("Built by famplan serve; emptied and rebuilt at each start.\n", encoding="utf-8")


def build(config: Config, folder: Path) -> Site:
    prepare(folder)
    site = build_site(config, folder / PUBLIC)
    (folder / NOT_FOUND).mkdir()
    for code, html in site.not_found.items():
        (folder / NOT_FOUND / f"{code}.html").write_bytes(html)
    info = {
        "version": site.version,
        "pages": site.pages,
        "assets": site.assets.urls,
        "static_imports": {name: sorted(names) for name, names in site.assets.static_imports.items()},
    }
    (folder / INFO).write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
    return site


def load(folder: Path) -> Site:
    """The site a previous ``build`` wrote; no rendering, so each worker starts at once."""
    info = json.loads((folder / INFO).read_text(encoding="utf-8"))
    assets = AssetManifest(
        urls=info["assets"], static_imports={name: set(names) for name, names in info["static_imports"].items()}
    )
    not_found = {path.stem: path.read_bytes() for path in (folder / NOT_FOUND).glob("*.html")}
    return Site(out_dir=folder / PUBLIC, assets=assets, version=info["version"], pages=info["pages"], not_found=not_found)
