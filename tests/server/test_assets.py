"""Content-hashed asset names and the references between assets."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.assets import AssetError, build_assets, is_hashed


def test_names_carry_a_hash_of_the_content(tmp_path: Path) -> None:
    first = build_assets({"css/a.css": b"a{}"}, tmp_path / "one")
    second = build_assets({"css/a.css": b"b{}"}, tmp_path / "two")
    assert first.url("css/a.css") != second.url("css/a.css")
    assert is_hashed(first.url("css/a.css"))
    assert (tmp_path / "one" / first.url("css/a.css").removeprefix("/")).read_bytes() == b"a{}"


def test_imports_and_css_urls_point_at_hashed_names(tmp_path: Path) -> None:
    sources = {
        "js/app.js": b'import { x } from "./lib/x.js";\nconst y = import("../js/y.js");',
        "js/lib/x.js": b'import "../y.js"; export const x = 1;',
        "js/y.js": b"export default 2;",
        "css/app.css": b"body{background:url(../icons/i.png)} a{background:url('data:,x')}",
        "icons/i.png": b"png",
    }
    manifest = build_assets(sources, tmp_path)
    app = (tmp_path / manifest.url("js/app.js").removeprefix("/")).read_text()
    lib = (tmp_path / manifest.url("js/lib/x.js").removeprefix("/")).read_text()
    css = (tmp_path / manifest.url("css/app.css").removeprefix("/")).read_text()
    y_name = Path(manifest.url("js/y.js")).name
    assert f'from "./lib/{Path(manifest.url("js/lib/x.js")).name}"' in app
    assert f'import("./{y_name}")' in app
    assert f'import "../{y_name}"' in lib
    assert f"url(../icons/{Path(manifest.url('icons/i.png')).name})" in css
    assert "url('data:,x')" in css


def test_a_change_in_a_dependency_renames_its_importers(tmp_path: Path) -> None:
    before = build_assets({"a.js": b'import "./b.js";', "b.js": b"1"}, tmp_path / "1")
    after = build_assets({"a.js": b'import "./b.js";', "b.js": b"2"}, tmp_path / "2")
    assert before.url("a.js") != after.url("a.js")


@pytest.mark.parametrize(
    ("sources", "message"),
    [
        ({"a.js": b'import "./missing.js";'}, "missing"),
        ({"a.js": b'import "./b.js";', "b.js": b'import "./a.js";'}, "cycle"),
        ({"a.js": b'import "../../etc/passwd";'}, "escapes"),
    ],
)
def test_broken_references_fail_the_build(tmp_path: Path, sources: dict[str, bytes], message: str) -> None:
    with pytest.raises(AssetError, match=message):
        build_assets(sources, tmp_path)


def test_module_graph_lists_static_imports_for_preloading(tmp_path: Path) -> None:
    sources = {
        "page.js": b'import "./a.js"; const later = () => import("./lazy.js");',
        "a.js": b'import { b } from "./b.js";',
        "b.js": b"export const b = 1;",
        "lazy.js": b'import "./b.js";',
    }
    manifest = build_assets(sources, tmp_path)
    graph = manifest.module_graph("page.js")
    # Dynamic imports load on demand, so they are not preloaded.
    assert graph == [manifest.url("page.js"), manifest.url("a.js"), manifest.url("b.js")]


def test_a_module_names_its_worker_by_hashed_url_without_preloading_it(tmp_path: Path) -> None:
    sources = {
        "js/storage/copy.js": b'const url = new URL("./copy-worker.js", import.meta.url);',
        "js/storage/copy-worker.js": b"self.onmessage = () => {};",
    }
    manifest = build_assets(sources, tmp_path)
    copy = (tmp_path / manifest.url("js/storage/copy.js").removeprefix("/")).read_text()
    worker_name = Path(manifest.url("js/storage/copy-worker.js")).name
    assert f'new URL("./{worker_name}", import.meta.url)' in copy
    # The worker starts on the first save: it is not part of the page's preload list.
    assert manifest.module_graph("js/storage/copy.js") == [manifest.url("js/storage/copy.js")]
    # A URL of anything but the module's own location is not an asset reference.
    other = build_assets({"a.js": b'new URL("./x.js", location.href);'}, tmp_path / "other")
    assert 'new URL("./x.js", location.href)' in (tmp_path / "other" / other.url("a.js").removeprefix("/")).read_text()
