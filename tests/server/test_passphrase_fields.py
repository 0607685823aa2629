"""Every passphrase field of every page, in every language, asks browsers and
password managers not to save or fill it (autocomplete="off"), and none names
itself a login password ("current-password", "new-password"), which invites
them to: a saved vault passphrase would be copied off the phone
(docs/threat-model.md, "Passphrases and password managers")."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.live_server import LiveServer


class PassphraseFields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "input" and (attributes.get("type") == "password" or "data-passphrase" in attributes):
            self.fields.append(attributes)


def passphrase_fields(html: str) -> list[dict[str, str | None]]:
    parser = PassphraseFields()
    parser.feed(html)
    return parser.fields


def test_every_passphrase_field_asks_not_to_be_saved(live_server: LiveServer) -> None:
    seen: dict[str, set[str]] = {}
    for code, urls in live_server.site.pages.items():
        for url in urls:
            if not url.endswith("/"):
                continue
            html = (live_server.site.out_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
            assert "current-password" not in html and "new-password" not in html, url
            for field in passphrase_fields(html):
                assert field.get("autocomplete") == "off", (url, field)
                assert field.get("spellcheck") == "false", (url, field)
                seen.setdefault(url.split("/")[2], set()).add(str(field["id"]))
    # The set-up, unlock, change and file passphrases are all among them, in every language.
    assert seen == {
        "plan": {"setup-passphrase", "unlock-passphrase", "export-own-passphrase"},
        "open": {"setup-passphrase", "unlock-passphrase", "import-passphrase"},
        "settings": {"change-current", "change-new", "change-confirm"},
    }


@pytest.mark.parametrize("field", ["setup-passphrase", "unlock-passphrase", "import-passphrase", "change-current"])
def test_a_passphrase_field_is_hidden_until_shown(live_server: LiveServer, field: str) -> None:
    page = "settings" if field.startswith("change") else "open"
    html = (live_server.site.out_dir / "en" / page / "index.html").read_text(encoding="utf-8")
    [found] = [f for f in passphrase_fields(html) if f["id"] == field]
    assert found["type"] == "password"
    assert f'data-reveal="{field}"' in html
