"""Strings the browser code shows, translated on the server and handed to the
page in a JSON data block, so no user-visible text lives in JavaScript."""

from __future__ import annotations

from typing import Callable

from server.pages import N_

UI_STRINGS: dict[str, str] = {
    "offline": N_("No connection — everything here still works."),
    "updateReady": N_("A new version is ready."),
    "updateApplied": N_("A new version is active. Reload this page when you are ready."),
}


def ui_strings(gettext: Callable[[str], str]) -> dict[str, str]:
    return {key: gettext(message) for key, message in UI_STRINGS.items()}
