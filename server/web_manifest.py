"""The web app manifest of one language."""

from __future__ import annotations

from typing import Any, Callable

from server.languages import Language

THEME_COLOR = "#0b5d5b"
BACKGROUND_COLOR = "#ffffff"


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
