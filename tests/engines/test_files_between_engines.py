"""A locked .famplan file made in one engine opens in another: a family with an
Android phone sends the plan to a caregiver with an iPhone, and back."""

from __future__ import annotations

import pytest

from server.fileformat import decrypt_file
from tests.browser.vault_helpers import PASSPHRASE
from tests.engines.conftest import Launch
from tests.engines.flows import create_vault, export_whole_plan, notes, open_received_file, type_notes, ui_string, unlock
from tests.live_server import LiveServer

NOTES = "Tía Rosa recoge a los niños · الجدة لديها المفاتيح · အဖွား"
# Every engine both makes and opens a file; WebKit and Chromium both ways.
PAIRS = [("chromium", "webkit"), ("webkit", "chromium"), ("chromium", "firefox"), ("firefox", "webkit")]


@pytest.mark.parametrize(("sender", "receiver"), PAIRS, ids=[f"{a}-to-{b}" for a, b in PAIRS])
def test_a_plan_saved_as_a_file_in_one_engine_becomes_my_plan_in_another(sender: str, receiver: str, launch: Launch, live_server: LiveServer) -> None:
    phone = launch(sender, "sender")
    create_vault(phone, live_server.url)
    type_notes(phone, NOTES)
    words, data = export_whole_plan(phone, live_server.url)
    # The reference reader agrees with what the sending engine wrote.
    payload = decrypt_file(data, words)
    assert payload["kind"] == "full" and payload["plan"]["sections"]["notes"] == {"text": NOTES}
    phone.assert_private(live_server.url)
    phone.close()

    other = launch(receiver, "receiver")
    open_received_file(other, live_server.url, data, words)
    assert ui_string(other, "importKindFull") in (other.text("#import-summary") or "")
    # A new phone has no plan yet: make one, then take the file as "my plan".
    other.wait_visible("#import-needs-vault")
    other.fill("#setup-passphrase", PASSPHRASE)
    other.fill("#setup-confirm", PASSPHRASE)
    other.click("#vault-setup button[type=submit]")
    other.wait_for("() => !document.getElementById('import-replace').disabled", what="replacing my plan to be offered")
    other.click("#import-replace")
    other.wait_text("#import-result", ui_string(other, "importReplaced"))
    other.goto(f"{live_server.url}/en/plan/")
    unlock(other)
    assert notes(other) == NOTES
    other.assert_private(live_server.url)
