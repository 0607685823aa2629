from __future__ import annotations

import pytest

from server.languages import BY_CODE, CODES, LANGUAGES, negotiate


def test_the_seven_languages() -> None:
    assert CODES == ("en", "es", "ar", "hmn", "so", "my", "ksw")
    assert [code for code in CODES if BY_CODE[code].direction == "rtl"] == ["ar"]
    assert all(language.name for language in LANGUAGES)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "en"),
        ("", "en"),
        ("*", "en"),
        ("es", "es"),
        ("es-419", "es"),
        ("ES-us", "es"),
        ("de, so;q=0.5", "so"),
        ("kar", "ksw"),
        ("mww", "hmn"),
        ("ar;q=0.2, es;q=0.8", "es"),
        ("es;q=abc, ar", "ar"),
        ("es;q=0", "en"),
        ("en-GB, ar", "en"),
    ],
)
def test_negotiation(header: str | None, expected: str) -> None:
    assert negotiate(header) == expected
