"""Strings the browser code shows, translated on the server and handed to the
page in a JSON data block, so no user-visible text lives in JavaScript.

Each feature keeps its strings in a module of this package with a ``STRINGS``
dict (key -> English msgid, marked with ``N_`` for extraction); keys must be
unique across modules.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Callable


# What every page's own code needs; the app pages (plan, open, settings) get all groups.
PAGE_STRING_GROUPS = ("shell", "resources")


def all_strings(groups: tuple[str, ...] | None = None) -> dict[str, str]:
    merged: dict[str, str] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if groups is not None and module_info.name not in groups:
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for key, message in module.STRINGS.items():
            if key in merged:
                raise ValueError(f"UI string key {key!r} is defined twice ({module_info.name})")
            merged[key] = message
    return merged


def ui_strings(gettext: Callable[[str], str], groups: tuple[str, ...] | None = None) -> dict[str, str]:
    return {key: gettext(message) for key, message in all_strings(groups).items()}
