"""A language the app offers must be complete at build time (issue 14): a catalog
with an empty, fuzzy or missing string stops `famplan build` and `famplan serve`,
naming the file and line; so does a deployment text missing in one language
(tests/test_district_schools.py, tests/test_content.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from server.app import create_app
from server.config import Config
from server.i18n import CatalogError, catalog_path, load_translations

ROOT = Path(__file__).resolve().parents[2]
MESSAGE = "Quick exit"


@pytest.fixture
def translations(tmp_path: Path) -> Path:
    copy = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", copy)
    return copy


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _entry(path: Path, msgid: str) -> tuple[int, str]:
    """The line of `msgid "..."` and the msgstr line after it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index(f'msgid "{msgid}"')
    return at + 1, lines[at + 1]


def test_the_shipped_catalogs_are_complete() -> None:
    translations = load_translations(ROOT / "translations")
    assert translations["so"].gettext(MESSAGE) != MESSAGE


def test_an_untranslated_string_stops_the_build(translations: Path) -> None:
    path = catalog_path(translations, "so")
    line, msgstr = _entry(path, MESSAGE)
    _edit(path, f'msgid "{MESSAGE}"\n{msgstr}', f'msgid "{MESSAGE}"\nmsgstr ""')
    with pytest.raises(CatalogError) as raised:
        load_translations(translations)
    assert re.search(rf"{re.escape(str(path))}:{line}: not translated: '{MESSAGE}'", str(raised.value))


def test_a_fuzzy_string_stops_the_build(translations: Path) -> None:
    path = catalog_path(translations, "ar")
    line, msgstr = _entry(path, MESSAGE)
    _edit(path, f'msgid "{MESSAGE}"\n', f'#, fuzzy\nmsgid "{MESSAGE}"\n')
    with pytest.raises(CatalogError) as raised:
        load_translations(translations)
    assert f"{path}:{line + 1}: fuzzy" in str(raised.value)


def test_a_string_missing_from_a_catalog_stops_the_build(translations: Path) -> None:
    path = catalog_path(translations, "ksw")
    _, msgstr = _entry(path, MESSAGE)
    _edit(path, f'msgid "{MESSAGE}"\n{msgstr}\n', "")
    with pytest.raises(CatalogError) as raised:
        load_translations(translations)
    assert f"{path}:1: no entry for '{MESSAGE}'" in str(raised.value)


def test_the_server_does_not_start_with_an_incomplete_language(translations: Path, tmp_path: Path) -> None:
    path = catalog_path(translations, "hmn")
    _, msgstr = _entry(path, MESSAGE)
    _edit(path, f'msgid "{MESSAGE}"\n{msgstr}', f'msgid "{MESSAGE}"\nmsgstr ""')
    with pytest.raises(CatalogError, match=r"hmn/LC_MESSAGES/messages\.po:\d+: not translated"):
        create_app(Config(translations_dir=translations), tmp_path / "site")
    assert not (tmp_path / "site" / "hmn").exists()  # nothing half-built is served
