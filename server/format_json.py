"""JSON as `.famplan` readers must read it (docs/file-format.md, section 2).

Python's `json` and the browser's `JSON.parse` differ at the edges: how deep
they nest, numbers too large for a double, lone surrogate escapes. This module
reads JSON text the way both readers agree on, so the two give the same answer
for every file. `frontend/static/js/share/format-json.js` is its twin.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any, Final

MAX_DEPTH: Final = 64

_NOT_A_BRACKET: Final = bytes(b for b in range(256) if b not in b"[]{}")
_STEP: Final = [0] * 256
for _byte in b"[{":
    _STEP[_byte] = 1
for _byte in b"]}":
    _STEP[_byte] = -1
_CHUNK: Final = 64 * 1024
# A \u escape of a surrogate, the only way JSON text can hold a lone one.
_SURROGATE_ESCAPE: Final = re.compile(rb"\\u[dD][89a-fA-F]")


def _outside_strings(data: bytes) -> bytes:
    # Inside a string, backslashes pair up from the left: once the escaped backslashes and
    # then the escaped quotes are gone, every quote opens or closes a string.
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    return b"".join(unescaped.split(b'"')[::2])


def nests_deeper_than(data: bytes, limit: int) -> bool:
    """Whether arrays and objects nest more than `limit` deep outside strings
    (`{}` is 1 deep, `{"a":[]}` 2). Exact for valid JSON; what is not JSON fails to parse anyway."""
    brackets = _outside_strings(data).translate(None, _NOT_A_BRACKET)
    depth = 0
    # A chunk at a time, so that a text 2.6 million deep stops at its first chunk.
    for start in range(0, len(brackets), _CHUNK):
        levels = list(accumulate(map(_STEP.__getitem__, brackets[start : start + _CHUNK]), initial=depth))
        if max(levels) > limit:
            return True
        depth = levels[-1]
    return False


def _double(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError("number too large for a double")
    return value


def _integer(text: str) -> int:
    # Rounded through a double, as JSON.parse does: 9007199254740993 reads as ...992.
    return int(_double(text))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def scalar_string(text: str) -> str:
    """Each lone surrogate becomes U+FFFD, as TextEncoder and String.prototype.toWellFormed do."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _scalar_values(value: Any) -> Any:
    if isinstance(value, str):
        return scalar_string(value)
    if isinstance(value, list):
        return [_scalar_values(item) for item in value]
    if isinstance(value, dict):
        # Two names that become equal: the later one wins, as duplicate names do.
        return {scalar_string(key): _scalar_values(item) for key, item in value.items()}
    return value


def load_json(data: bytes) -> Any:
    """Parse UTF-8 JSON text as both readers do; ValueError for anything they refuse.

    Refused: invalid UTF-8 (a byte order mark included), invalid JSON, NaN and
    Infinity, a number too large for a double, nesting deeper than MAX_DEPTH.
    Integers come back as int, other numbers as float, each rounded to a double.
    """
    if nests_deeper_than(data, MAX_DEPTH):
        raise ValueError(f"nested more than {MAX_DEPTH} deep")
    try:
        value = json.loads(
            data.decode("utf-8"), parse_float=_double, parse_int=_integer, parse_constant=_reject_constant
        )
    except RecursionError:  # cannot happen within MAX_DEPTH; kept as a refusal, never a crash
        raise ValueError("nested too deep") from None
    return _scalar_values(value) if _SURROGATE_ESCAPE.search(data) else value
