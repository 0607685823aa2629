"""The web app manifest of one language."""

from __future__ import annotations

from typing import Any, Callable

from server.languages import Language

THEME_COLOR = "#0b5d5b"
BACKGROUND_COLOR = "#ffffff"
FAMPLAN_MIME = "application/x-famplan"
# Android's share sheet: the service worker answers this POST itself (sw.js);
# the server never receives the file (it refuses every POST with 405).
SHARE_TARGET_PATH = "/share-target/"
SHARE_TARGET_FIELD = "file"
# Messaging apps often relabel an unknown file type, so generic ones are accepted too.
SHARE_TARGET_ACCEPT = [".famplan", FAMPLAN_MIME, "application/octet-stream", "application/json"]


def web_manifest(language: Language, gettext: Callable[[str], str], asset: Callable[[str], str]) -> dict[str, Any]:
    root = f"/{language.code}/"
    return {
        # One id for every language: switching language must not look like another app.
        "id": "/",
        "name": gettext("Family Preparedness Plan"),
        "short_name": gettext("Family Plan"),
        "description": gettext("A family preparedness plan that stays encrypted on your phone."),
        "lang": language.code,
        "dir": language.direction,
        "start_url": root,
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        # Desktop: open a .famplan file with the installed app.
        "file_handlers": [{"action": f"{root}open/", "accept": {FAMPLAN_MIME: [".famplan"]}}],
        "share_target": {
            "action": f"{SHARE_TARGET_PATH}?lang={language.code}",
            "method": "POST",
            "enctype": "multipart/form-data",
            "params": {"files": [{"name": SHARE_TARGET_FIELD, "accept": SHARE_TARGET_ACCEPT}]},
        },
        "icons": [
            {"src": asset("icons/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": asset("icons/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {
                "src": asset("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
