"""Dates as people read them in each language."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from babel.core import UnknownLocaleError
from babel.dates import format_date


def date_formatter(code: str) -> Callable[[dt.date], str]:
    """Babel's long date where CLDR knows the language; ISO 8601 where it does
    not (Hmong, S'gaw Karen), which is unambiguous in any language."""
    try:
        format_date(dt.date(2000, 1, 1), format="long", locale=code)
    except (UnknownLocaleError, ValueError):
        return lambda day: day.isoformat()
    return lambda day: format_date(day, format="long", locale=code)
