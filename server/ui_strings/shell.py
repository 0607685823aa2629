"""Strings of the app shell (offline banner, updates)."""

from server.pages import N_

STRINGS: dict[str, str] = {
    "offline": N_("No connection — everything here still works."),
    "updateReady": N_("A new version is ready."),
    "updateApplied": N_("A new version is active. Reload this page when you are ready."),
}
