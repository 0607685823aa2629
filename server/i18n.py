"""Gettext catalogs: ``translations/<code>/LC_MESSAGES/messages.po``, compiled at start-up.

English is the source language (msgids are English), so it needs no catalog.
Catalogs are read with ``locale=None`` because Babel's CLDR data does not know
Hmong or S'gaw Karen.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from server.languages import CODES, DEFAULT_LANGUAGE

DOMAIN = "messages"


class CatalogError(Exception):
    pass


def catalog_path(translations_dir: Path, code: str) -> Path:
    return translations_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(translations_dir: Path) -> dict[str, NullTranslations]:
    translations: dict[str, NullTranslations] = {DEFAULT_LANGUAGE: NullTranslations()}
    for code in CODES:
        if code == DEFAULT_LANGUAGE:
            continue
        path = catalog_path(translations_dir, code)
        if not path.is_file():
            raise CatalogError(f"{path}: missing catalog for language {code!r}")
        translations[code] = compile_catalog(path)
    return translations


def compile_catalog(path: Path) -> Translations:
    with path.open("rb") as po_file:
        try:
            catalog = read_po(po_file, locale=None, abort_invalid=True)
        except Exception as error:  # Babel raises several kinds; all mean "broken file"
            raise CatalogError(f"{path}: {error}") from error
    buffer = BytesIO()
    # Fuzzy entries are drafts, never shown: the catalog test flags them.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)
