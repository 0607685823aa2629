"""Content-hashed static assets.

Every file under ``frontend/static`` is copied to ``<out>/static`` with a
hash of its content in its name, so it can be cached forever. ES modules
import each other by relative path, name their workers with
``new URL("./x.js", import.meta.url)``, and CSS refers to images with
``url()``: those references are rewritten to the hashed names before the
referring file is hashed, so a change anywhere changes every name that
depends on it.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

HASH_LENGTH = 12
STATIC_PREFIX = "/static/"

# Relative module specifiers: `from "./x.js"`, `import "./x.js"`, `import("./x.js")`.
JS_IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}/[^"'\s]+)\2""")
# A module's own worker: `new URL("./x-worker.js", import.meta.url)`.
JS_MODULE_URL = re.compile(r"""(\bnew\s+URL\(\s*)(["'])(\.{1,2}/[^"'\s]+)\2(?=\s*,\s*import\.meta\.url\s*\))""")
CSS_URL = re.compile(r"""url\(\s*(["']?)(?!data:|https?:|/)([^)"']+)\1\s*\)""")
HASHED_NAME = re.compile(r"\.[0-9a-f]{%d}\.[A-Za-z0-9]+$" % HASH_LENGTH)


class AssetError(Exception):
    pass


@dataclass
class AssetManifest:
    """Maps logical names (``js/app.js``) to public URLs (``/static/js/app.<hash>.js``)."""

    urls: dict[str, str] = field(default_factory=dict)
    static_imports: dict[str, set[str]] = field(default_factory=dict)  # module -> modules it imports statically

    def url(self, name: str) -> str:
        try:
            return self.urls[name]
        except KeyError:
            raise AssetError(f"unknown asset {name!r}") from None

    def module_graph(self, entry: str) -> list[str]:
        """URLs of ``entry`` and every module it imports statically: what a page
        can preload so the browser fetches them at once, not one level at a time."""
        seen: list[str] = []
        stack = [entry]
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.append(name)
            stack.extend(sorted(self.static_imports.get(name, ()), reverse=True))
        return [self.url(name) for name in seen]

    @property
    def version(self) -> str:
        digest = hashlib.sha256(json.dumps(self.urls, sort_keys=True).encode())
        return digest.hexdigest()[:HASH_LENGTH]


def build_assets(sources: dict[str, bytes], out_dir: Path) -> AssetManifest:
    """Write hashed copies of ``sources`` (logical name -> bytes) under ``out_dir/static``."""
    builder = _Builder(sources, out_dir / "static")
    for name in sorted(sources):
        builder.hashed(name)
    return AssetManifest(
        urls={name: STATIC_PREFIX + hashed for name, hashed in builder.done.items()},
        static_imports=builder.static_imports,
    )


def read_sources(static_dir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(static_dir).as_posix(): path.read_bytes()
        for path in sorted(static_dir.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def is_hashed(url: str) -> bool:
    return bool(HASHED_NAME.search(url))


class _Builder:
    def __init__(self, sources: dict[str, bytes], out_dir: Path) -> None:
        self.sources = sources
        self.out_dir = out_dir
        self.done: dict[str, str] = {}
        self.visiting: set[str] = set()
        self.static_imports: dict[str, set[str]] = {}

    def hashed(self, name: str) -> str:
        if name in self.done:
            return self.done[name]
        if name not in self.sources:
            raise AssetError(f"reference to missing asset {name!r}")
        if name in self.visiting:
            raise AssetError(f"import cycle through {name!r}: hashed names need an acyclic graph")
        self.visiting.add(name)
        content = self._rewrite(name, self.sources[name])
        self.visiting.discard(name)
        path = PurePosixPath(name)
        digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
        hashed = str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))
        target = self.out_dir / hashed
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.done[name] = hashed
        return hashed

    def _rewrite(self, name: str, content: bytes) -> bytes:
        if name.endswith(".js"):
            patterns = [(JS_IMPORT, 3), (JS_MODULE_URL, 3)]
        elif name.endswith(".css"):
            patterns = [(CSS_URL, 2)]
        else:
            return content
        text = content.decode("utf-8")
        base = PurePosixPath(name).parent
        for pattern, group in patterns:
            text = pattern.sub(lambda match: self._replace(name, base, pattern, group, match), text)
        return text.encode("utf-8")

    def _replace(self, name: str, base: PurePosixPath, pattern: re.Pattern[str], group: int, match: re.Match[str]) -> str:
        reference = match.group(group)
        target = _normalise(base / reference)
        if pattern is JS_IMPORT and "(" not in match.group(1):
            self.static_imports.setdefault(name, set()).add(target)
        relative = _relative(PurePosixPath(self.hashed(target)), base)
        start, end = match.span(group)
        whole_start = match.start()
        text = match.group(0)
        return text[: start - whole_start] + relative + text[end - whole_start :]


def _normalise(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if not parts:
                raise AssetError(f"reference escapes the static root: {path}")
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _relative(target: PurePosixPath, base: PurePosixPath) -> str:
    base_parts = [] if str(base) == "." else list(base.parts)
    target_parts = list(target.parts)
    common = 0
    while common < min(len(base_parts), len(target_parts) - 1) and base_parts[common] == target_parts[common]:
        common += 1
    ups = len(base_parts) - common
    rest = "/".join(target_parts[common:])
    return ("../" * ups or "./") + rest
