"""Every catalog holds every string, translated and not fuzzy, and the template is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from server.i18n import catalog_path
from server.languages import CODES, DEFAULT_LANGUAGE

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = [code for code in CODES if code != DEFAULT_LANGUAGE]


def _catalog(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as po_file:
        return read_po(po_file, locale=None)


def _singular(message_id: str | tuple[str, ...]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def _forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return (string,) if isinstance(string, str) else string


def test_template_is_up_to_date(tmp_path: Path) -> None:
    """Running the extraction must not change the committed template: no string is missing from it."""
    pot = ROOT / "translations" / "messages.pot"
    before = {_singular(message.id) for message in _catalog(pot) if message.id}
    script = (
        "import sys; sys.path.insert(0, 'scripts'); import update_catalogs as u; "
        "print('\\n'.join(sorted(m.id if isinstance(m.id, str) else m.id[0] for m in u.extract() if m.id)))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    extracted = set(result.stdout.splitlines())
    assert extracted - before == set(), "run: python scripts/update_catalogs.py"


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_is_complete_and_not_fuzzy(code: str) -> None:
    template = {_singular(message.id) for message in _catalog(ROOT / "translations" / "messages.pot") if message.id}
    catalog = _catalog(catalog_path(ROOT / "translations", code))
    ids = {_singular(message.id) for message in catalog if message.id}
    assert template - ids == set(), f"{code}: strings missing from the catalog"
    # A plural entry is translated only when every one of its forms is.
    empty = [message.id for message in catalog if message.id and not all(_forms(message.string))]
    fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
    assert empty == [], f"{code}: untranslated"
    assert fuzzy == [], f"{code}: fuzzy"
    # Translations that just copy the English are not translations (names and numbers excepted).
    copied = [m.id for m in catalog if isinstance(m.id, str) and m.string == m.id and len(m.id.split()) > 2]
    assert copied == [], f"{code}: English left in place"


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_survive_translation(code: str) -> None:
    """An unknown placeholder breaks the page; a lost one loses the fact it carried."""
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    catalog = _catalog(catalog_path(ROOT / "translations", code))
    broken = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            # Plural forms: a form may leave out the number ("one minute"), never add a name.
            allowed = set(placeholder.findall(message.id[1]))
            if any(not set(placeholder.findall(form)) <= allowed for form in message.string):
                broken.append(message.id)
        elif sorted(placeholder.findall(message.id)) != sorted(placeholder.findall(message.string)):
            broken.append(message.id)
    assert broken == []
