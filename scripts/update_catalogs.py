"""Extract every translatable string into translations/messages.pot and merge
it into each language's .po file (the standard gettext workflow).

    python scripts/update_catalogs.py

New strings arrive untranslated; strings whose English changed become fuzzy.
The catalog test fails until a translator fills them in. Babel's CLI is not
used for the merge because it needs CLDR data that Hmong and S'gaw Karen lack.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server.i18n import catalog_path  # noqa: E402
from server.languages import CODES, DEFAULT_LANGUAGE  # noqa: E402

KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
METHODS = [
    ("server/**.py", "python"),
    ("frontend/templates/**.html", "jinja2.ext:babel_extract"),
]
OPTIONS = {"frontend/templates/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
# Written out because Babel has no CLDR data for Hmong and S'gaw Karen
# (neither inflects nouns for number); the others follow CLDR.
PLURALS = {
    "es": "nplurals=2; plural=(n != 1);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    "hmn": "nplurals=1; plural=0;",
    "so": "nplurals=2; plural=(n != 1);",
    "my": "nplurals=1; plural=0;",
    "ksw": "nplurals=1; plural=0;",
}
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def extract() -> Catalog:
    template = Catalog(project="famplan", creation_date=FIXED_DATE, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map=METHODS, options_map=OPTIONS, keywords=KEYWORDS, strip_comment_tags=True
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    for extra in _extra_messages():
        template.add(extra, None, [("schema/plan-schema.json", 0)])
    return template


def _extra_messages() -> list[str]:
    """Messages that live in data files rather than code (the plan schema)."""
    from server.plan_schema import schema_msgids

    return schema_msgids()


def merge(template: Catalog, code: str) -> None:
    path = catalog_path(ROOT / "translations", code)
    if path.is_file():
        with path.open("rb") as po_file:
            catalog = read_po(po_file, locale=None)
    else:
        catalog = Catalog(locale=None, project="famplan", creation_date=FIXED_DATE, fuzzy=False)
    # No fuzzy guesses: a wrong guess looks translated to a hurried reviewer.
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.revision_date = FIXED_DATE
    catalog.language_team = code
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as po_file:
        write_po(po_file, catalog, width=0, omit_header=False, ignore_obsolete=True)
    _set_header(path, code)


def _set_header(path: Path, code: str) -> None:
    text = path.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith(('"Language: ', '"Plural-Forms: '))]
    at = lines.index('"Content-Transfer-Encoding: 8bit\\n"')
    lines[at + 1 : at + 1] = [f'"Language: {code}\\n"', f'"Plural-Forms: {PLURALS[code]}\\n"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    template = extract()
    pot = ROOT / "translations" / "messages.pot"
    pot.parent.mkdir(parents=True, exist_ok=True)
    with pot.open("wb") as pot_file:
        write_po(pot_file, template, width=0)
    for code in CODES:
        if code != DEFAULT_LANGUAGE:
            merge(template, code)
    print(f"{len(template)} messages; catalogs updated for {', '.join(c for c in CODES if c != DEFAULT_LANGUAGE)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
