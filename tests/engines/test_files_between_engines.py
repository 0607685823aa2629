"""A locked .famplan file made in one engine opens in another: a family with an
Android phone sends the plan to a caregiver with an iPhone, and back. One plan
goes Chromium → WebKit → Chromium → Firefox → WebKit, each phone adding a line,
so every engine both makes a file and takes one as its plan."""

from __future__ import annotations

from server.fileformat import decrypt_file
from tests.browser.vault_helpers import PASSPHRASE
from tests.engines.conftest import Launch
from tests.engines.driver import EngineBrowser
from tests.engines.flows import create_vault, export_whole_plan, notes, open_page, open_received_file, type_notes, ui_string, unlock
from tests.live_server import LiveServer

ROUTE = ["chromium", "webkit", "chromium", "firefox", "webkit"]
LINES = {"chromium": "Tía Rosa recoge a los niños", "webkit": "الجدة لديها المفاتيح", "firefox": "အဖွား ထံ သော့ ရှိ"}


def send(phone: EngineBrowser) -> tuple[str, bytes]:
    """From the unlocked plan page: the whole plan as a file, which the reference reader opens."""
    words, data = export_whole_plan(phone)
    payload = decrypt_file(data, words)
    assert payload["kind"] == "full" and payload["plan"]["sections"]["notes"] == {"text": notes(phone)}, phone.engine
    return words, data


def take_as_my_plan(phone: EngineBrowser, base_url: str, data: bytes, words: str, has_vault: bool) -> None:
    """On the open page: the received file replaces my plan (a new phone makes its vault in the same step)."""
    open_page(phone, f"{base_url}/en/open/")
    if has_vault:
        unlock(phone, until="#shared-plans")
    open_received_file(phone, data, words)
    assert ui_string(phone, "importKindFull") in (phone.text("#import-summary") or "")
    phone.click("#import-replace")
    phone.wait_visible("#import-store")
    if has_vault:
        phone.click("#import-store-confirm")
    else:
        # The phone's own passphrase is asked for only now, in the step of its own.
        phone.wait_visible("#import-store #vault-setup")
        phone.fill("#setup-passphrase", PASSPHRASE)
        phone.click("#vault-setup button[type=submit]")
    phone.wait_text("#import-result", ui_string(phone, "importReplaced"))
    open_page(phone, f"{base_url}/en/plan/")
    unlock(phone)


def test_one_plan_travels_between_engines_as_a_file(launch: Launch, live_server: LiveServer) -> None:
    phones = {"chromium": launch("chromium")}
    create_vault(phones["chromium"], live_server.url)
    text = LINES["chromium"]
    type_notes(phones["chromium"], text)
    for previous, engine in zip(ROUTE, ROUTE[1:]):
        words, data = send(phones[previous])
        has_vault = engine in phones
        if not has_vault:
            phones[engine] = launch(engine)
        receiver = phones[engine]
        take_as_my_plan(receiver, live_server.url, data, words, has_vault)
        assert notes(receiver) == text, f"{previous} → {engine}: the plan arrived as {notes(receiver)!r}"
        text = f"{text} · {LINES[engine]}"
        type_notes(receiver, text)
    for phone in phones.values():
        phone.assert_private(live_server.url)
