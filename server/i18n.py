"""Gettext catalogs: ``translations/<code>/LC_MESSAGES/messages.po``, compiled at start-up.

English is the source language (msgids are English), so it needs no catalog.
Catalogs are read with ``locale=None`` because Babel's CLDR data does not know
Hmong or S'gaw Karen.

A language the app offers must be complete: a catalog that lacks a string of
``translations/messages.pot``, or leaves one empty or fuzzy, stops the build
(and so ``famplan serve`` and ``famplan build``) with the file and line, rather
than show English in the middle of a Somali page.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from server.languages import CODES, DEFAULT_LANGUAGE

DOMAIN = "messages"
TEMPLATE = "messages.pot"
# A broken catalog can hold hundreds of gaps: the first ones say enough.
MAX_LISTED = 10


class CatalogError(Exception):
    pass


def catalog_path(translations_dir: Path, code: str) -> Path:
    return translations_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(translations_dir: Path) -> dict[str, NullTranslations]:
    translations: dict[str, NullTranslations] = {DEFAULT_LANGUAGE: NullTranslations()}
    template = translations_dir / TEMPLATE
    if not template.is_file():
        raise CatalogError(f"{template}: missing (run: python scripts/update_catalogs.py)")
    wanted = [message.id for message in _read(template) if message.id]
    for code in CODES:
        if code == DEFAULT_LANGUAGE:
            continue
        path = catalog_path(translations_dir, code)
        if not path.is_file():
            raise CatalogError(f"{path}: missing catalog for language {code!r}")
        translations[code] = compile_catalog(path, wanted)
    return translations


def _read(path: Path) -> Catalog:
    with path.open("rb") as po_file:
        try:
            return read_po(po_file, locale=None, abort_invalid=True)
        except Exception as error:  # Babel raises several kinds; all mean "broken file"
            raise CatalogError(f"{path}: {error}") from error


def _gaps(path: Path, catalog: Catalog, wanted: list[str | tuple[str, ...]]) -> list[str]:
    """Every string the template has that this catalog does not translate, as "path:line: ..."."""
    gaps = [f"{path}:1: no entry for {msgid!r}" for msgid in wanted if msgid not in catalog]
    for message in catalog:
        if not message.id:
            continue
        forms = (message.string,) if isinstance(message.string, str) else message.string
        if message.fuzzy:
            gaps.append(f"{path}:{message.lineno}: fuzzy (the English changed; check it, then remove the fuzzy flag)")
        elif not all(forms):
            gaps.append(f"{path}:{message.lineno}: not translated: {message.id!r}")
    return gaps


def compile_catalog(path: Path, wanted: list[str | tuple[str, ...]] | None = None) -> Translations:
    """The catalog as gettext reads it; with ``wanted`` (the template's msgids), only if it translates all of them."""
    catalog = _read(path)
    gaps = _gaps(path, catalog, wanted) if wanted is not None else []
    if gaps:
        more = [f"... and {len(gaps) - MAX_LISTED} more"] if len(gaps) > MAX_LISTED else []
        raise CatalogError(
            "a language must be complete before the app offers it (docs/translations.md):\n  "
            + "\n  ".join(gaps[:MAX_LISTED] + more)
        )
    buffer = BytesIO()
    # Fuzzy entries are drafts, never shown: the catalog test flags them.
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)
