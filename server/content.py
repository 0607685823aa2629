"""The resource library and the deployment file: read once at start-up, validated loudly.

A district edits TOML files, not code, so every mistake must point at a file and a line:
``content/resources/so/notario.toml:12: ...``. All problems are collected and raised
together as one ``ContentError``. The format is documented in ``docs/content.md``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:
    from server.district_schools import School

__all__ = [
    "Card",
    "Content",
    "ContentError",
    "Deployment",
    "Hotline",
    "Number",
    "Page",
    "Section",
    "Source",
    "load_content",
    "NEVER_LIST",
]

CANONICAL = "en"  # every translation is checked against the English file
HOTLINES_FILE = "hotlines.toml"
HOTLINE_NAMES_FILE = "hotline-names.toml"

TEL_RE = re.compile(r"^\+[1-9]\d{6,14}$|^\d{3}$")
SMS_RE = re.compile(r"^\+[1-9]\d{6,14}$|^\d{3,6}$")  # SMS short codes run to 5-6 digits
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
URL_RE = re.compile(r"^https?://\S+$")

# RESOURCES-SOURCES.md, section 5, "Numbers not to list as help lines" (last 10 digits).
# These must never appear anywhere in content, as a help line or in passing.
NEVER_LIST: dict[str, str] = {
    "8663472423": "the ICE Tip Line (866-DHS-2-ICE), which reports people TO ICE",
    "8554636395": "an old Mexican-government line (2013); CIAM's current number replaces it",
    "8776326678": "an old 'Estamos Contigo' line (2016); CIAM's current number replaces it",
    "8002738255": "the former suicide hotline number (1-800-273-TALK); use 988",
}

INSERTS = frozenset({"local-hotlines", "district-policy"})

PAGE_KEYS = frozenset({"order", "title", "summary", "reviewed", "sections", "sources", "card"})
SECTION_KEYS = frozenset({"heading", "paragraphs", "points", "phones", "insert"})
SOURCE_KEYS = frozenset({"title", "url", "note"})
CARD_KEYS = frozenset({"heading", "lines"})
HOTLINE_KEYS = frozenset({"id", "tel", "display", "tty", "sms", "source_url", "reviewed", "confidence"})
LOCAL_HOTLINE_KEYS = HOTLINE_KEYS | {"name", "description", "hours", "languages"}
HOTLINE_TEXT_KEYS = ("name", "description", "hours", "languages")
REQUIRED_TEXT_KEYS = ("name", "description")
NUMBER_KEYS = frozenset({"tel", "display", "keyword", "source_url"})
DEPLOYMENT_KEYS = frozenset({"id", "reviewed", "district", "policy", "procedure", "schools", "hotlines"})
DISTRICT_KEYS = frozenset({"name", "short_name", "address", "url"})
POLICY_KEYS = frozenset({"name", "url", "summary", "sections", "sources"})
POLICY_SECTION_KEYS = frozenset({"heading", "points", "sources"})

# A phone number written in prose has no source and no check: numbers live only in
# `tel`/`display` fields (and inline tty/sms tables), where they carry a source_url.
PROSE_PHONE_RE = re.compile(
    r"\(?\b\d{3}\)?[\s.\-\u2013\u2011]\d{3}[\s.\-\u2013\u2011](?:\d{4}|[A-Z]{4})\b|\b1?\d{10}\b"
)
NUMBER_FIELD_LINE_RE = re.compile(r"^\s*(?:tel|display)\s*=|^\s*(?:tty|sms)\s*=\s*\{")
# A law or a court case named in text must be backed by a source that names it too:
# "§ 48.979", "Wis. Stat. 118.125", "34 CFR 99.37", "8 U.S.C. 1357" and "Plyler v. Doe".
STATUTE_RE = re.compile(
    r"(?:§§?|\bStat(?:s|\.)?\.?|\bU\.?S\.?C\.?|\bC\.?F\.?R\.?)\s*§?\s*(\d+(?:\.\d+)*)"
)
CASE_RE = re.compile(r"\b([A-Z][A-Za-z'\-]+) v\. [A-Z]")

KeyPath = tuple[str | int, ...]


class ContentError(Exception):
    """Content or deployment files are wrong; ``problems`` holds one "path:line: message" each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid content:\n  " + "\n  ".join(problems))


# ---------------------------------------------------------------- the model templates see


@dataclass(frozen=True)
class Number:
    tel: str  # the dialable form, for tel: and sms: links
    display: str  # as printed
    keyword: str | None = None  # SMS only: the word to send, never translated
    source_url: str | None = None  # where this number (TTY or text line) was found


@dataclass(frozen=True)
class Hotline:
    id: str
    tel: str
    display: str
    name: str
    description: str
    source_url: str
    reviewed: dt.date
    confidence: str
    local: bool  # from the deployment file rather than content/hotlines.toml
    hours: str | None = None
    languages: str | None = None
    tty: Number | None = None
    sms: Number | None = None


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    note: str | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    points: tuple[str, ...] = ()
    hotlines: tuple[Hotline, ...] = ()
    insert: str | None = None  # "local-hotlines" or "district-policy": the template renders it here


@dataclass(frozen=True)
class Card:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    id: str
    lang: str
    order: int
    title: str
    summary: str
    reviewed: dt.date
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    card: Card | None = None  # in the page's language
    card_en: Card | None = None  # the English card, shown to the officer beside `card`
    older_than_en: bool = False  # the English facts were reviewed after this translation


@dataclass(frozen=True)
class Deployment:
    id: str
    lang: str
    reviewed: dt.date
    district_name: str
    district_short_name: str
    district_address: str | None
    district_url: str | None
    policy_name: str
    policy_url: str
    policy_summary: str
    policy_sections: tuple[Section, ...]
    policy_sources: tuple[Source, ...]
    hotlines: tuple[Hotline, ...]  # local lines, in this language
    procedure: Section | None = None  # what the district does when law enforcement comes to a school
    schools: tuple[School, ...] = ()  # the district's schools, with their Safe Haven resource person


@dataclass(frozen=True)
class Content:
    languages: tuple[str, ...]
    pages: dict[str, tuple[Page, ...]]  # by language, sorted by `order`
    national_hotlines: dict[str, tuple[Hotline, ...]]  # by language, in file order
    deployments: dict[str, Deployment]  # by language

    def page(self, lang: str, page_id: str) -> Page:
        for page in self.pages[lang]:
            if page.id == page_id:
                return page
        raise KeyError(page_id)

    def deployment(self, lang: str) -> Deployment:
        return self.deployments[lang]

    def hotlines(self, lang: str) -> tuple[Hotline, ...]:
        """National lines first, then the deployment's local ones."""
        return self.national_hotlines[lang] + self.deployments[lang].hotlines


# ---------------------------------------------------------------- files and line numbers


class _Doc:
    """One parsed TOML file plus the means to blame a line in it."""

    def __init__(self, path: Path, text: str, data: dict[str, Any], problems: list[str]) -> None:
        self.path, self.text, self.data, self._problems = path, text, data, problems
        self._lines = text.splitlines()

    def fail(self, keypath: KeyPath, message: str) -> None:
        self._problems.append(f"{self.path}:{_line_of(self._lines, keypath)}: {message}")

    def fail_at_line(self, line: int, message: str) -> None:
        self._problems.append(f"{self.path}:{line}: {message}")

    # Typed getters: each reports its own problem and returns None so callers can carry on.

    def string(self, table: dict[str, Any], at: KeyPath, key: str, required: bool = True) -> str | None:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(at, f"missing '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(at + (key,), f"'{key}' must be non-empty text")
            return None
        return value

    def strings(self, table: dict[str, Any], at: KeyPath, key: str, required: bool = True) -> tuple[str, ...] | None:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(at, f"missing '{key}'")
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(at + (key,), f"'{key}' must be a list of non-empty texts")
            return None
        return tuple(value)

    def url(self, table: dict[str, Any], at: KeyPath, key: str, required: bool = True) -> str | None:
        value = self.string(table, at, key, required)
        if value is not None and not URL_RE.match(value):
            self.fail(at + (key,), f"'{key}' must start with http:// or https:// (got {value!r})")
            return None
        return value

    def date(self, table: dict[str, Any], at: KeyPath, key: str) -> dt.date | None:
        value = table.get(key)
        if value is None:
            self.fail(at, f"missing '{key}' (the date these facts were last reviewed, e.g. {key} = 2026-11-28)")
            return None
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                pass
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.fail(at + (key,), f"'{key}' must be a date like 2026-11-28")
            return None
        return value

    def integer(self, table: dict[str, Any], at: KeyPath, key: str) -> int | None:
        value = table.get(key)
        if value is None:
            self.fail(at, f"missing '{key}'")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(at + (key,), f"'{key}' must be a whole number")
            return None
        return value

    def table(self, table: dict[str, Any], at: KeyPath, key: str, required: bool = True) -> dict[str, Any] | None:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(at, f"missing table [{key}]")
            return None
        if not isinstance(value, dict):
            self.fail(at + (key,), f"'{key}' must be a table")
            return None
        return value

    def tables(self, table: dict[str, Any], at: KeyPath, key: str, required: bool = True) -> list[dict[str, Any]]:
        value = table.get(key)
        if value is None:
            if required:
                self.fail(at, f"missing [[{key}]] (at least one)")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(at + (key,), f"'{key}' must be written as [[{key}]] tables")
            return []
        if required and not value:
            self.fail(at + (key,), f"'{key}' is empty")
        return value

    def known_keys(self, table: dict[str, Any], at: KeyPath, allowed: frozenset[str]) -> None:
        # A misspelt key would otherwise be dropped silently, and with it a paragraph or a source.
        for key in table:
            if key not in allowed:
                self.fail(at + (key,), f"unknown key '{key}' (expected one of: {', '.join(sorted(allowed))})")


def _read(path: Path, problems: list[str]) -> _Doc | None:
    if not path.is_file():
        problems.append(f"{path}: file missing")
        return None
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"at line (\d+)", str(error))
        problems.append(f"{path}:{match.group(1) if match else 1}: TOML syntax error: {error}")
        return None
    doc = _Doc(path, text, data, problems)
    _check_never_list(doc)
    _check_prose_numbers(doc)
    return doc


_HEADER_RE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")


def _header_name(line: str) -> str | None:
    match = _HEADER_RE.match(line)
    if not match:
        return None
    return ".".join(part.strip().strip("\"'") for part in match.group(1).split("."))


def _is_array_header(line: str, dotted: str) -> bool:
    return line.lstrip().startswith("[[") and _header_name(line) == dotted


def _line_of(lines: list[str], keypath: KeyPath) -> int:
    """Best-effort 1-based line of a key path such as ("sections", 2, "phones").

    tomllib reports no positions, so walk the text: an int selects the n-th [[array]]
    header, a string the key inside the current table (or a [table] header). When part of
    the path is absent, the deepest line found so far is the answer.
    """
    names: list[str] = []
    scope, found = 0, 1
    for part in keypath:
        if isinstance(part, int):
            dotted = ".".join(names)
            hits = [n for n, line in enumerate(lines) if _is_array_header(line, dotted)]
            if part < len(hits):
                scope, found = hits[part] + 1, hits[part] + 1
            continue  # an inline array item: stay on the key's line
        names.append(part)
        line_no = _find_key(lines, scope, part)
        if line_no is None:
            line_no = _find_header(lines, scope, ".".join(names))
            if line_no is None:
                break
            scope = line_no + 1
        else:
            scope = line_no
        found = line_no + 1
    return found


def _find_key(lines: list[str], start: int, key: str) -> int | None:
    pattern = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')\s*[=.]")
    for n in range(start, len(lines)):
        if _header_name(lines[n]) is not None:
            return None  # the key is not in this table
        if pattern.match(lines[n]):
            return n
    return None


def _find_header(lines: list[str], start: int, dotted: str) -> int | None:
    # Prefer the sub-table that follows the current one ([[hotlines]] then [hotlines.name]).
    for n in list(range(start, len(lines))) + list(range(0, start)):
        if _header_name(lines[n]) == dotted:
            return n
    return None


# ---------------------------------------------------------------- the never-list


_DIGIT_RUN_RE = re.compile(r"\+?\(?\d[\d\s().\-\u2013\u2011]{5,}\d")
_VANITY_RE = re.compile(r"[0-9A-Za-z+()\-]{10,}")
_KEYPAD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "22233344455566677778889999")


def never_listed(text: str) -> str | None:
    """The never-list number that `text` contains (last 10 digits), written with digits or letters."""
    for match in _DIGIT_RUN_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        for number in NEVER_LIST:
            if number in digits:
                return number
    for match in _VANITY_RE.finditer(text):
        token = match.group().upper()
        if sum(c.isdigit() for c in token) >= 3 and any(c.isalpha() for c in token):
            digits = re.sub(r"\D", "", token.translate(_KEYPAD))
            for number in NEVER_LIST:
                if number in digits:
                    return number
    return None


def _check_never_list(doc: _Doc) -> None:
    # Scan the raw text, comments included: the number must not be in the files at all.
    for n, line in enumerate(doc.text.splitlines(), start=1):
        number = never_listed(line)
        if number:
            doc.fail_at_line(n, f"{number[:3]}-{number[3:6]}-{number[6:]} must never be listed: {NEVER_LIST[number]}")


def _check_prose_numbers(doc: _Doc) -> None:
    # A number in running text would reach a family with no source and no check.
    for n, line in enumerate(doc.text.splitlines(), start=1):
        if _is_comment_or_link(line) or NUMBER_FIELD_LINE_RE.match(line):
            continue
        match = PROSE_PHONE_RE.search(line)
        if match:
            doc.fail_at_line(
                n,
                f"{match.group()!r} looks like a phone number in text: a number needs a source, so add it as a "
                "hotline (tel, display, source_url) and name it in 'phones' instead",
            )


def _is_comment_or_link(line: str) -> bool:
    return line.lstrip().startswith("#") or re.match(r"^\s*(?:source_)?url\s*=", line) is not None


def _check_citations(doc: _Doc, sources: tuple[Source, ...], sources_header: str) -> None:
    """Every law or court case named in the text must be named by one of the file's sources."""
    backing = " ".join(f"{source.title} {source.url}" for source in sources)
    in_sources = False
    for n, line in enumerate(doc.text.splitlines(), start=1):
        header = _header_name(line)
        if header is not None:
            in_sources = header == sources_header
            continue
        if in_sources or _is_comment_or_link(line):
            continue
        cited = [m.group(1) for m in STATUTE_RE.finditer(line)] + [m.group(1) for m in CASE_RE.finditer(line)]
        for citation in cited:
            if citation not in backing:
                doc.fail_at_line(
                    n,
                    f"this text cites {citation!r} (a law or court case) but no [[{sources_header}]] entry names it: "
                    f"add a source whose title or url contains {citation!r}",
                )


# ---------------------------------------------------------------- hotlines


def _number(doc: _Doc, table: dict[str, Any], at: KeyPath, key: str, pattern: re.Pattern[str]) -> Number | None:
    value = doc.table(table, at, key, required=False)
    if value is None:
        return None
    doc.known_keys(value, at + (key,), NUMBER_KEYS)
    tel = _tel(doc, value, at + (key,), "tel", pattern)
    display = doc.string(value, at + (key,), "display")
    keyword = doc.string(value, at + (key,), "keyword", required=False)
    # A TTY or text line is often printed by a different page than the voice line.
    source_url = doc.url(value, at + (key,), "source_url")
    if tel is None or display is None or source_url is None:
        return None
    _check_display(doc, at + (key,), tel, display)
    return Number(tel, display, keyword, source_url)


def _tel(doc: _Doc, table: dict[str, Any], at: KeyPath, key: str, pattern: re.Pattern[str]) -> str | None:
    value = doc.string(table, at, key)
    if value is None:
        return None
    if not pattern.match(value):
        doc.fail(
            at + (key,),
            f"'{key}' = {value!r} is not dialable: "
            "use +<country><number> like \"+18883514024\" or a short code like \"211\"",
        )
        return None
    return value


def _check_display(doc: _Doc, at: KeyPath, tel: str, display: str) -> None:
    # The printed number and the dialed number must be the same number.
    shown, dialed = re.sub(r"\D", "", display), re.sub(r"\D", "", tel)
    if shown != dialed and not (tel.startswith("+1") and shown == dialed[1:]):
        message = f"display {display!r} does not show the number dialed ({tel}); write it with digits only"
        doc.fail(at + ("display",), message)


@dataclass(frozen=True)
class _HotlineData:
    """A hotline before its text is chosen for one language."""

    id: str
    tel: str
    display: str
    tty: Number | None
    sms: Number | None
    source_url: str
    reviewed: dt.date
    confidence: str
    local: bool
    doc: _Doc
    at: KeyPath

    def in_language(self, texts: dict[str, str | None]) -> Hotline:
        return Hotline(
            id=self.id, tel=self.tel, display=self.display, tty=self.tty, sms=self.sms,
            source_url=self.source_url, reviewed=self.reviewed, confidence=self.confidence, local=self.local,
            name=texts["name"] or "", description=texts["description"] or "",
            hours=texts.get("hours"), languages=texts.get("languages"),
        )


def _hotline(doc: _Doc, table: dict[str, Any], at: KeyPath, local: bool) -> _HotlineData | None:
    doc.known_keys(table, at, LOCAL_HOTLINE_KEYS if local else HOTLINE_KEYS)
    hotline_id = doc.string(table, at, "id")
    if hotline_id is not None and not ID_RE.match(hotline_id):
        doc.fail(at + ("id",), f"id {hotline_id!r} must be lowercase letters, digits and '-'")
        hotline_id = None
    tel = _tel(doc, table, at, "tel", TEL_RE)
    display = doc.string(table, at, "display")
    source_url = doc.url(table, at, "source_url")
    reviewed = doc.date(table, at, "reviewed")
    confidence = doc.string(table, at, "confidence")
    tty = _number(doc, table, at, "tty", TEL_RE)
    sms = _number(doc, table, at, "sms", SMS_RE)
    if hotline_id is None or tel is None or display is None:
        return None
    if source_url is None or reviewed is None or confidence is None:
        return None
    _check_display(doc, at, tel, display)
    return _HotlineData(hotline_id, tel, display, tty, sms, source_url, reviewed, confidence, local, doc, at)


def _hotline_list(doc: _Doc, local: bool) -> list[_HotlineData]:
    found = []
    for i, table in enumerate(doc.tables(doc.data, (), "hotlines", required=not local)):
        hotline = _hotline(doc, table, ("hotlines", i), local)
        if hotline is not None:
            found.append(hotline)
    return found


def _check_unique_ids(hotlines: list[_HotlineData]) -> None:
    seen: dict[str, Path] = {}
    for hotline in hotlines:
        if hotline.id in seen:
            hotline.doc.fail(hotline.at + ("id",), f"hotline id '{hotline.id}' is already used in {seen[hotline.id]}")
        seen.setdefault(hotline.id, hotline.doc.path)


HotlineTexts = dict[str, dict[str, str | None]]  # hotline id -> name, description, hours, languages


def _national_names(doc: _Doc | None, lang: str, en: HotlineTexts | None, ids: list[str]) -> HotlineTexts:
    """Per-language name/description/hours/languages of each national hotline."""
    names: HotlineTexts = {}
    if doc is None:
        return names
    for hotline_id, table in doc.data.items():
        if hotline_id not in ids:
            doc.fail((hotline_id,), f"'{hotline_id}' is not a hotline id in {HOTLINES_FILE}")
        elif not isinstance(table, dict):
            doc.fail((hotline_id,), f"'{hotline_id}' must be a table [{hotline_id}]")
    for hotline_id in ids:
        table = doc.data.get(hotline_id)
        if not isinstance(table, dict):
            if hotline_id not in doc.data:
                doc.fail((), f"missing [{hotline_id}]: the {lang} name and description of hotline '{hotline_id}'")
            continue
        at: KeyPath = (hotline_id,)
        doc.known_keys(table, at, frozenset(HOTLINE_TEXT_KEYS))
        texts = {key: doc.string(table, at, key, required=key in REQUIRED_TEXT_KEYS) for key in HOTLINE_TEXT_KEYS}
        if en is not None:
            _check_optional_texts_match(doc, at, texts, en.get(hotline_id, {}))
        names[hotline_id] = texts
    return names


def _check_optional_texts_match(
    doc: _Doc, at: KeyPath, texts: dict[str, str | None], en: dict[str, str | None]
) -> None:
    for key in ("hours", "languages"):
        if en.get(key) and not texts.get(key):
            doc.fail(at, f"missing '{key}' (the English file has it: translate it)")
        elif texts.get(key) and not en.get(key):
            doc.fail(at + (key,), f"'{key}' is not in the English file: add it there first")


# ---------------------------------------------------------------- per-language tables in the deployment
# Codes beyond `languages` are ignored, so a server may run with fewer languages than the
# file has; a misspelt code still shows up as the real code's missing text.


def _lang_text(
    doc: _Doc, table: dict[str, Any], at: KeyPath, key: str, languages: list[str], required: bool = True
) -> dict[str, str] | None:
    value = table.get(key)
    if value is None:
        if required:
            doc.fail(at, f"missing '{key}' (one text per language: {key} = {{ en = \"...\", es = \"...\" }})")
        return None
    if not isinstance(value, dict):
        doc.fail(at + (key,), f"'{key}' must be a table keyed by language code, e.g. {{ en = \"...\", es = \"...\" }}")
        return None
    texts = {}
    for lang in languages:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            doc.fail(at + (key,), f"'{key}' has no {lang} text")
        else:
            texts[lang] = text
    return texts if len(texts) == len(languages) else None


def _lang_strings(
    doc: _Doc, table: dict[str, Any], at: KeyPath, key: str, languages: list[str]
) -> dict[str, tuple[str, ...]] | None:
    value = table.get(key)
    if not isinstance(value, dict):
        doc.fail(at if value is None else at + (key,), f"'{key}' must be a table of lists keyed by language code")
        return None
    lists: dict[str, tuple[str, ...]] = {}
    for lang in languages:
        items = value.get(lang)
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
            doc.fail(at + (key,), f"'{key}' has no {lang} list of texts")
        elif lang != CANONICAL and CANONICAL in lists and len(items) != len(lists[CANONICAL]):
            doc.fail(at + (key,), f"'{key}' has {len(items)} {lang} items but {len(lists[CANONICAL])} en items")
        else:
            lists[lang] = tuple(items)
    return lists if len(lists) == len(languages) else None


# ---------------------------------------------------------------- the deployment file


def _deployment(doc: _Doc, languages: list[str], hotlines: dict[str, list[Hotline]]) -> dict[str, Deployment]:
    data = doc.data
    doc.known_keys(data, (), DEPLOYMENT_KEYS)
    deployment_id = doc.string(data, (), "id")
    reviewed = doc.date(data, (), "reviewed")
    district = doc.table(data, (), "district") or {}
    doc.known_keys(district, ("district",), DISTRICT_KEYS)
    district_name = doc.string(district, ("district",), "name")
    short_name = doc.string(district, ("district",), "short_name")
    address = doc.string(district, ("district",), "address", required=False)
    district_url = doc.url(district, ("district",), "url", required=False)
    policy = doc.table(data, (), "policy") or {}
    doc.known_keys(policy, ("policy",), POLICY_KEYS)
    policy_name = _lang_text(doc, policy, ("policy",), "name", languages)
    policy_url = doc.url(policy, ("policy",), "url")
    summary = _lang_text(doc, policy, ("policy",), "summary", languages)
    sources = _sources(doc, policy, ("policy",))
    source_urls = {source.url for source in sources}
    sections = _policy_sections(doc, policy, languages, source_urls)
    _check_citations(doc, sources, "policy.sources")
    # Here, not at the top: district_schools builds on this module's readers.
    from server.district_schools import read_procedure, read_schools

    procedure = read_procedure(doc, languages, source_urls)
    schools = read_schools(doc, languages, source_urls)
    if (
        deployment_id is None or reviewed is None or district_name is None or short_name is None
        or policy_name is None or policy_url is None or summary is None or sections is None
    ):
        return {}
    return {
        lang: Deployment(
            id=deployment_id, lang=lang, reviewed=reviewed,
            district_name=district_name, district_short_name=short_name,
            district_address=address, district_url=district_url,
            policy_name=policy_name[lang], policy_url=policy_url, policy_summary=summary[lang],
            policy_sections=sections[lang], policy_sources=sources,
            hotlines=tuple(hotlines.get(lang, ())),
            procedure=procedure[lang] if procedure else None,
            schools=schools[lang],
        )
        for lang in languages
    }


def _policy_sections(
    doc: _Doc, policy: dict[str, Any], languages: list[str], source_urls: set[str]
) -> dict[str, tuple[Section, ...]] | None:
    by_lang: dict[str, list[Section]] = {lang: [] for lang in languages}
    ok = True
    for i, table in enumerate(doc.tables(policy, ("policy",), "sections")):
        at: KeyPath = ("policy", "sections", i)
        doc.known_keys(table, at, POLICY_SECTION_KEYS)
        heading = _lang_text(doc, table, at, "heading", languages)
        points = _lang_strings(doc, table, at, "points", languages)
        _check_section_sources(doc, table, at, source_urls)
        if heading is None or points is None:
            ok = False
            continue
        for lang in languages:
            by_lang[lang].append(Section(heading=heading[lang], paragraphs=(), points=points[lang]))
    return {lang: tuple(sections) for lang, sections in by_lang.items()} if ok else None


def _check_section_sources(doc: _Doc, table: dict[str, Any], at: KeyPath, source_urls: set[str]) -> None:
    # A district's rules are facts a family acts on: each section says where they come from.
    urls = doc.strings(table, at, "sources", required=False)
    if urls is None:
        if "sources" not in table:
            message = "this section states rules without a source: add sources = [\"<url>\"] naming [[policy.sources]] urls"
            doc.fail(at, message)
        return
    if not urls:
        doc.fail(at + ("sources",), "'sources' is empty: name at least one [[policy.sources]] url")
    for url in urls:
        if url not in source_urls:
            doc.fail(at + ("sources",), f"source {url!r} is not the url of any [[policy.sources]] entry")


def _local_hotlines(doc: _Doc, languages: list[str]) -> tuple[list[_HotlineData], dict[str, HotlineTexts]]:
    """Local hotlines and, per language, their texts (given inline, keyed by language code)."""
    found: list[_HotlineData] = []
    texts: dict[str, HotlineTexts] = {lang: {} for lang in languages}
    tables = doc.tables(doc.data, (), "hotlines", required=False)
    for i, table in enumerate(tables):
        at: KeyPath = ("hotlines", i)
        hotline = _hotline(doc, table, at, local=True)
        by_key = {key: _lang_text(doc, table, at, key, languages, key in REQUIRED_TEXT_KEYS) for key in HOTLINE_TEXT_KEYS}
        if hotline is None or by_key["name"] is None or by_key["description"] is None:
            continue
        found.append(hotline)
        for lang in languages:
            texts[lang][hotline.id] = {key: (value[lang] if value else None) for key, value in by_key.items()}
    return found, texts


# ---------------------------------------------------------------- pages


@dataclass(frozen=True)
class _PageData:
    """A page as read from one file, with ids for hotlines not yet resolved."""

    doc: _Doc
    order: int | None
    title: str | None
    summary: str | None
    reviewed: dt.date | None
    sections: list[dict[str, Any]]
    sources: tuple[Source, ...]
    card: Card | None


def _page(doc: _Doc) -> _PageData:
    data = doc.data
    doc.known_keys(data, (), PAGE_KEYS)
    sections = doc.tables(data, (), "sections")
    for i, section in enumerate(sections):
        _check_section(doc, section, ("sections", i))
    sources = _sources(doc, data, ())
    _check_citations(doc, sources, "sources")
    return _PageData(
        doc=doc,
        order=doc.integer(data, (), "order"),
        title=doc.string(data, (), "title"),
        summary=doc.string(data, (), "summary"),
        reviewed=doc.date(data, (), "reviewed"),
        sections=sections,
        sources=sources,
        card=_card(doc, data),
    )


def _check_section(doc: _Doc, section: dict[str, Any], at: KeyPath) -> None:
    doc.known_keys(section, at, SECTION_KEYS)
    doc.string(section, at, "heading")
    paragraphs = doc.strings(section, at, "paragraphs")
    if paragraphs == ():
        doc.fail(at + ("paragraphs",), "'paragraphs' is empty: write at least one")
    doc.strings(section, at, "points", required=False)
    phones = section.get("phones")
    if phones is not None and (not isinstance(phones, list) or not all(isinstance(p, str) for p in phones)):
        doc.fail(at + ("phones",), "'phones' must be a list of hotline ids")
    insert = section.get("insert")
    if insert is not None and insert not in INSERTS:
        doc.fail(at + ("insert",), f"'insert' must be one of: {', '.join(sorted(INSERTS))}")


def _sources(doc: _Doc, table: dict[str, Any], at: KeyPath) -> tuple[Source, ...]:
    found = []
    for i, source in enumerate(doc.tables(table, at, "sources")):
        where = at + ("sources", i)
        doc.known_keys(source, where, SOURCE_KEYS)
        title = doc.string(source, where, "title")
        url = doc.url(source, where, "url")
        note = doc.string(source, where, "note", required=False)
        if title and url:
            found.append(Source(title, url, note))
    return tuple(found)


def _card(doc: _Doc, data: dict[str, Any]) -> Card | None:
    table = doc.table(data, (), "card", required=False)
    if table is None:
        return None
    doc.known_keys(table, ("card",), CARD_KEYS)
    heading = doc.string(table, ("card",), "heading")
    lines = doc.strings(table, ("card",), "lines")
    return Card(heading, lines) if heading and lines else None


def _compare_with_english(page: _PageData, en: _PageData) -> None:
    """A translation keeps the English structure: same sections, counts, phones, links."""
    doc, en_path = page.doc, en.doc.path
    if page.order is not None and en.order is not None and page.order != en.order:
        doc.fail(("order",), f"order = {page.order} but the English page has order = {en.order}")
    if len(page.sections) != len(en.sections):
        count, en_count = len(page.sections), len(en.sections)
        doc.fail(("sections",), f"{count} [[sections]] but {en_path} has {en_count}: a section is missing or extra")
    for i, (section, en_section) in enumerate(zip(page.sections, en.sections)):
        for key in ("paragraphs", "points"):
            count, en_count = len(section.get(key) or ()), len(en_section.get(key) or ())
            at: KeyPath = ("sections", i, key) if key in section else ("sections", i)
            if count != en_count:
                doc.fail(at, f"section {i + 1} has {count} {key} but {en_path} has {en_count}")
        for key in ("phones", "insert"):
            at = ("sections", i, key) if key in section else ("sections", i)
            if section.get(key) != en_section.get(key):
                doc.fail(at, f"section {i + 1}: {key} = {section.get(key)!r} but {en_path} has {en_section.get(key)!r}")
    urls, en_urls = [s.url for s in page.sources], [s.url for s in en.sources]
    if urls != en_urls:
        doc.fail(("sources",), f"source urls differ from {en_path}: keep the same [[sources]] urls, in the same order")
    if (page.card is None) != (en.card is None):
        doc.fail(("card",), f"[card] must be present in every language exactly when {en_path} has it")
    elif page.card and en.card and len(page.card.lines) != len(en.card.lines):
        doc.fail(("card", "lines"), f"card has {len(page.card.lines)} lines but {en_path} has {len(en.card.lines)}")


def _build_page(
    page_id: str, lang: str, page: _PageData, en: _PageData, hotlines: dict[str, Hotline], known_ids: set[str]
) -> Page | None:
    sections = []
    for i, table in enumerate(page.sections):
        phones = table.get("phones") or []
        for phone in phones if isinstance(phones, list) and lang == CANONICAL else []:
            if phone not in known_ids:
                message = f"hotline '{phone}' is not defined in {HOTLINES_FILE} or the deployment file"
                page.doc.fail(("sections", i, "phones"), message)
        sections.append(
            Section(
                heading=table.get("heading", ""),
                paragraphs=tuple(table.get("paragraphs") or ()),
                points=tuple(table.get("points") or ()),
                hotlines=tuple(hotlines[p] for p in phones if p in hotlines) if isinstance(phones, list) else (),
                insert=table.get("insert"),
            )
        )
    if page.order is None or page.title is None or page.summary is None or page.reviewed is None or not page.sources:
        return None
    return Page(
        id=page_id, lang=lang, order=page.order, title=page.title, summary=page.summary,
        reviewed=page.reviewed, sections=tuple(sections), sources=page.sources,
        card=page.card, card_en=en.card,
        older_than_en=bool(en.reviewed and page.reviewed < en.reviewed),
    )


def _page_files(lang_dir: Path) -> dict[str, Path]:
    return {path.stem: path for path in sorted(lang_dir.glob("*.toml")) if path.name != HOTLINE_NAMES_FILE}


# ---------------------------------------------------------------- the whole


def load_content(content_dir: Path, deployment: Path, languages: list[str]) -> Content:
    """Read the resource library and one deployment file, or raise ContentError listing every problem."""
    problems: list[str] = []
    if CANONICAL not in languages:
        raise ContentError([f"the language list must include '{CANONICAL}': every translation is checked against it"])
    languages = [CANONICAL] + [lang for lang in languages if lang != CANONICAL]

    national_doc = _read(content_dir / HOTLINES_FILE, problems)
    deployment_doc = _read(deployment, problems)
    national = _hotline_list(national_doc, local=False) if national_doc else []
    local, local_texts = _local_hotlines(deployment_doc, languages) if deployment_doc else ([], {})
    _check_unique_ids(national + local)
    known_ids = {h.id for h in national} | {h.id for h in local}

    hotlines = _hotlines_by_language(content_dir, languages, national, local, local_texts, problems)
    pages = _pages_by_language(content_dir, languages, hotlines, known_ids, problems)
    local_by_lang = {lang: [hotlines[lang][h.id] for h in local if h.id in hotlines[lang]] for lang in languages}
    deployments = _deployment(deployment_doc, languages, local_by_lang) if deployment_doc else {}

    if problems:
        raise ContentError(problems)
    return Content(
        languages=tuple(languages),
        pages=pages,
        national_hotlines={lang: tuple(hotlines[lang][h.id] for h in national) for lang in languages},
        deployments=deployments,
    )


def _hotlines_by_language(
    content_dir: Path,
    languages: list[str],
    national: list[_HotlineData],
    local: list[_HotlineData],
    local_texts: dict[str, HotlineTexts],
    problems: list[str],
) -> dict[str, dict[str, Hotline]]:
    ids = [h.id for h in national]
    en_names: HotlineTexts | None = None
    by_lang: dict[str, dict[str, Hotline]] = {}
    for lang in languages:
        doc = _read(content_dir / "resources" / lang / HOTLINE_NAMES_FILE, problems)
        names = _national_names(doc, lang, en_names, ids)
        if lang == CANONICAL:
            en_names = names
        by_lang[lang] = {h.id: h.in_language(names[h.id]) for h in national if h.id in names}
        by_lang[lang].update({h.id: h.in_language(local_texts[lang][h.id]) for h in local})
    return by_lang


def _pages_by_language(
    content_dir: Path,
    languages: list[str],
    hotlines: dict[str, dict[str, Hotline]],
    known_ids: set[str],
    problems: list[str],
) -> dict[str, tuple[Page, ...]]:
    resources = content_dir / "resources"
    en_files = _page_files(resources / CANONICAL)
    if not en_files:
        problems.append(f"{resources / CANONICAL}: no English pages (*.toml) found")
    en_pages = {page_id: _page(doc) for page_id, path in en_files.items() if (doc := _read(path, problems))}
    _check_unique_orders(en_pages)
    pages: dict[str, tuple[Page, ...]] = {}
    for lang in languages:
        built = list(_language_pages(resources / lang, lang, en_files, en_pages, hotlines[lang], known_ids, problems))
        pages[lang] = tuple(sorted(built, key=lambda page: page.order))
    return pages


def _language_pages(
    lang_dir: Path,
    lang: str,
    en_files: dict[str, Path],
    en_pages: dict[str, _PageData],
    hotlines: dict[str, Hotline],
    known_ids: set[str],
    problems: list[str],
) -> Iterator[Page]:
    files = _page_files(lang_dir)
    for page_id, path in files.items():
        if page_id not in en_files:
            problems.append(f"{path}:1: there is no English page '{page_id}.toml': translate only existing pages")
    for page_id in en_files:
        if page_id not in files:
            missing = lang_dir / f"{page_id}.toml"
            problems.append(f"{missing}: file missing: the {lang} translation of {en_files[page_id]}")
            continue
        en = en_pages.get(page_id)
        page = en if lang == CANONICAL else (_page(doc) if (doc := _read(files[page_id], problems)) else None)
        if page is None or en is None:
            continue
        if lang != CANONICAL:
            _compare_with_english(page, en)
        built = _build_page(page_id, lang, page, en, hotlines, known_ids)
        if built is not None:
            yield built


def _check_unique_orders(en_pages: dict[str, _PageData]) -> None:
    seen: dict[int, str] = {}
    for page_id, page in en_pages.items():
        if page.order is None:
            continue
        if page.order in seen:
            page.doc.fail(("order",), f"order = {page.order} is also used by '{seen[page.order]}'")
        seen.setdefault(page.order, page_id)
