"""Strings of the resource pages."""

from server.pages import N_

STRINGS: dict[str, str] = {
    "copied": N_("Copied"),
    "copyFailed": N_("Could not copy. Press and hold the number to copy it."),
}
