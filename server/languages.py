"""The one table of languages the app speaks.

Hmong (hmn) and S'gaw Karen (ksw) are unknown to Babel's CLDR data, so
nothing here may call ``babel.Locale.parse``: names and direction are ours.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's name in itself, as the picker shows it
    english_name: str
    direction: str  # "ltr" or "rtl"
    # The order of a date's boxes in the plan's forms (each box is labelled, so any
    # order is unambiguous): month first as US forms do in English, day first elsewhere.
    date_order: str = "dmy"


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", "ltr", "mdy"),
    Language("es", "Español", "Spanish", "ltr"),
    Language("ar", "العربية", "Arabic", "rtl"),
    Language("hmn", "Hmoob", "Hmong", "ltr"),
    Language("so", "Soomaali", "Somali", "ltr"),
    Language("my", "မြန်မာ", "Burmese", "ltr"),
    Language("ksw", "ကညီကျိာ်", "S'gaw Karen", "ltr"),
)

DEFAULT_LANGUAGE = "en"
CODES: tuple[str, ...] = tuple(language.code for language in LANGUAGES)
BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}


def negotiate(accept_language: str | None) -> str:
    """Pick the best supported language from an Accept-Language header."""
    best_code, best_quality = DEFAULT_LANGUAGE, 0.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = _quality(params)
        code = _match(tag.strip().lower())
        # Earlier entries win ties, as the header lists preferences in order.
        if code and quality > best_quality:
            best_code, best_quality = code, quality
    return best_code


def _quality(params: str) -> float:
    params = params.strip()
    if not params.startswith("q="):
        return 1.0
    try:
        return max(0.0, min(1.0, float(params[2:])))
    except ValueError:
        return 0.0


def _match(tag: str) -> str | None:
    if not tag or tag == "*":
        return None
    primary = tag.split("-")[0]
    if primary in BY_CODE:
        return primary
    # Older or broader codes browsers may send for the same languages.
    aliases = {"kar": "ksw", "mww": "hmn", "bur": "my", "som": "so"}
    return aliases.get(primary)
