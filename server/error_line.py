"""The `famplan` command's one error line: `famplan: error: CODE: message`.

A message may carry text from a file or a command line (a member name, a path):
it is cut to a bounded length, and characters that would break the line or
reorder a terminal's text (controls, bidi overrides, lone surrogates) are
written as escapes.
"""

from __future__ import annotations

import sys
import unicodedata
from typing import Final

MAX_MESSAGE_CHARS: Final = 300
# Controls, format characters (bidi overrides, zero-width), surrogates, private use, line separators.
_ESCAPED_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def _visible(char: str) -> str:
    return ascii(char)[1:-1] if unicodedata.category(char) in _ESCAPED_CATEGORIES else char


def one_line(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """`text` on one line of at most `limit` characters, with an ellipsis if it was cut."""
    shown = "".join(_visible(char) for char in text[: limit + 1])
    if len(shown) <= limit and len(text) <= limit:
        return shown
    return shown[: limit - 1] + "…"


def error_line(code: str, message: str) -> str:
    return f"famplan: error: {code}: {one_line(message)}"


def print_error(code: str, message: str) -> None:
    """Write the error line to stderr; if stderr itself fails, the exit status still tells."""
    try:
        print(error_line(code, message), file=sys.stderr, flush=True)
    except (OSError, ValueError):  # ValueError: stderr was closed
        pass
