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


def all_strings() -> dict[str, str]:
    merged: dict[str, str] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for key, message in module.STRINGS.items():
            if key in merged:
                raise ValueError(f"UI string key {key!r} is defined twice ({module_info.name})")
            merged[key] = message
    return merged


def ui_strings(gettext: Callable[[str], str]) -> dict[str, str]:
    return {key: gettext(message) for key, message in all_strings().items()}
