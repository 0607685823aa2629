"""The district's schools and its procedure when law enforcement comes to a school.

Both live in the deployment file (``[[schools]]``, ``[procedure]``; docs/content.md).
A family picks its child's school from this list in the plan editor, offline, and
choosing fills the plan's own fields (name, address, phone, the Safe Haven resource
person), so they travel with the plan. Every contact carries the page it was read
on: a school or a resource person without ``source_url`` stops start-up, naming the
file and line, like every other problem of the deployment file.

The loader in ``server/content.py`` calls ``read_procedure`` and ``read_schools``
with its parsed file; this module only adds the rules for these two keys.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from server.content import (
    ID_RE,
    TEL_RE,
    KeyPath,
    Section,
    _check_display,
    _check_section_sources,
    _Doc,
    _lang_strings,
    _lang_text,
    _tel,
)
from server.plan_schema import check_value, load_schema, section_def

PROCEDURE_KEYS = frozenset({"heading", "points", "sources"})
SCHOOL_KEYS = frozenset(
    {"id", "name", "kind", "address", "tel", "display", "source_url", "reviewed", "resource", "procedure"}
)
RESOURCE_KEYS = frozenset({"name", "role", "tel", "display", "languages", "source_url"})
SCHOOL_PROCEDURE_KEYS = frozenset({"points", "sources"})


def folded(name: str) -> str:
    """A name as the plan editor compares it (editor/district-schools.js): no accents, case or extra spaces."""
    marks = "".join(ch for ch in unicodedata.normalize("NFD", name) if not unicodedata.category(ch).startswith("M"))
    return " ".join(marks.casefold().split())


def plan_kinds() -> tuple[str, ...]:
    """The values of the plan's "Kind" question: a school's `kind` fills it as it is."""
    return tuple(option["value"] for option in _plan_field("kind")["options"])


def _plan_field(field_id: str) -> dict[str, Any]:
    return next(field for field in section_def("school")["fields"] if field["id"] == field_id)


def _check_fits_plan(doc: _Doc, at: KeyPath, field_id: str, value: str | None, what: str) -> None:
    """Choosing a school copies `value` into the plan's field: it must be a valid answer there."""
    if value is None:
        return
    field = _plan_field(field_id)
    limit = field.get("maxLength", load_schema()["types"][field["type"]].get("maxLength"))
    problem = check_value(field["type"], value, limit)
    if problem is not None:
        detail = f"{problem}: at most {limit} characters" if problem == "tooLong" else problem
        doc.fail(at, f"{what} would not be a valid answer in the plan's '{field_id}' field ({detail})")


@dataclass(frozen=True)
class ResourcePerson:
    """The school's designated Safe Haven resource person, in one language."""

    name: str | None  # a person's name, never translated
    role: str | None  # or a role ("the school social worker"), in this language
    tel: str | None
    display: str | None
    languages: str | None  # the languages they speak, in this language
    source_url: str

    @property
    def label(self) -> str:
        """What fills the plan's "Safe Haven resource person" field."""
        if self.name and self.role:
            return f"{self.name} ({self.role})"
        return self.name or self.role or ""


@dataclass(frozen=True)
class School:
    id: str
    name: str  # proper name, the same in every language; unique in the file
    kind: str | None
    address: str | None
    tel: str | None
    display: str | None
    source_url: str  # where the name, address and phone were read
    reviewed: dt.date
    resource: ResourcePerson | None
    procedure: tuple[str, ...] = ()  # the school's own steps, where they differ from the district's
    procedure_sources: tuple[str, ...] = ()


def read_procedure(doc: _Doc, languages: list[str], source_urls: set[str]) -> dict[str, Section] | None:
    """``[procedure]``: the district's steps when law enforcement comes to a school (optional)."""
    table = doc.table(doc.data, (), "procedure", required=False)
    if table is None:
        return None
    at: KeyPath = ("procedure",)
    doc.known_keys(table, at, PROCEDURE_KEYS)
    heading = _lang_text(doc, table, at, "heading", languages)
    points = _lang_strings(doc, table, at, "points", languages)
    _check_section_sources(doc, table, at, source_urls)
    if heading is None or points is None:
        return None
    return {lang: Section(heading=heading[lang], paragraphs=(), points=points[lang]) for lang in languages}


def read_schools(doc: _Doc, languages: list[str], source_urls: set[str]) -> dict[str, tuple[School, ...]]:
    """``[[schools]]``, per language (optional: an empty list leaves the plan's school name free text)."""
    by_lang: dict[str, list[School]] = {lang: [] for lang in languages}
    seen_ids: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for i, table in enumerate(doc.tables(doc.data, (), "schools", required=False)):
        at: KeyPath = ("schools", i)
        schools = _school(doc, table, at, languages, source_urls)
        school_id, name = table.get("id"), table.get("name")
        if isinstance(school_id, str) and school_id in seen_ids:
            doc.fail(at + ("id",), f"school id '{school_id}' is already used by school {seen_ids[school_id] + 1}")
        if isinstance(name, str):
            # The plan links an entry to the list by its name: two schools may not share one.
            key = folded(name)
            if key in seen_names:
                doc.fail(at + ("name",), f"school name {name!r} is already used by school {seen_names[key] + 1}")
            seen_names.setdefault(key, i)
        if isinstance(school_id, str):
            seen_ids.setdefault(school_id, i)
        if schools is not None:
            for lang in languages:
                by_lang[lang].append(schools[lang])
    return {lang: tuple(schools) for lang, schools in by_lang.items()}


def _school(
    doc: _Doc, table: dict[str, Any], at: KeyPath, languages: list[str], source_urls: set[str]
) -> dict[str, School] | None:
    doc.known_keys(table, at, SCHOOL_KEYS)
    school_id = doc.string(table, at, "id")
    if school_id is not None and not ID_RE.match(school_id):
        doc.fail(at + ("id",), f"id {school_id!r} must be lowercase letters, digits and '-'")
        school_id = None
    name = doc.string(table, at, "name")
    kind = doc.string(table, at, "kind", required=False)
    if kind is not None and kind not in plan_kinds():
        doc.fail(at + ("kind",), f"'kind' must be one of: {', '.join(plan_kinds())} (the plan's own values)")
    address = doc.string(table, at, "address", required=False)
    tel, display, phone_ok = _phone(doc, table, at)
    source_url = _source(doc, table, at, "this school has no source: add source_url = \"<the page that gives its name, address and phone>\"")
    reviewed = doc.date(table, at, "reviewed")
    resource = _resource(doc, table, at, languages)
    procedure = _school_procedure(doc, table, at, languages, source_urls)
    if school_id is None or name is None or source_url is None or reviewed is None or not phone_ok:
        return None
    if resource is False or procedure is False:
        return None
    _check_fits_plan(doc, at + ("name",), "name", name, "this name")
    _check_fits_plan(doc, at + ("address",), "address", address, "this address")
    _check_fits_plan(doc, at + ("display",), "phone", display, "this phone")
    return {
        lang: School(
            id=school_id, name=name, kind=kind, address=address, tel=tel, display=display,
            source_url=source_url, reviewed=reviewed,
            resource=resource[lang] if resource else None,
            procedure=procedure[0][lang] if procedure else (),
            procedure_sources=procedure[1] if procedure else (),
        )
        for lang in languages
    }


def _source(doc: _Doc, table: dict[str, Any], at: KeyPath, missing: str) -> str | None:
    """Every contact carries the page it was read on: without `source_url`, start-up stops at its line."""
    if "source_url" not in table:
        doc.fail(at, missing)
        return None
    return doc.url(table, at, "source_url")


def _phone(doc: _Doc, table: dict[str, Any], at: KeyPath) -> tuple[str | None, str | None, bool]:
    """An optional phone: `tel` (what a link dials) and `display` (what is shown and filled), both or neither."""
    if "tel" not in table and "display" not in table:
        return None, None, True
    tel = _tel(doc, table, at, "tel", TEL_RE)
    display = doc.string(table, at, "display")
    if tel is None or display is None:
        return None, None, False
    _check_display(doc, at, tel, display)
    return tel, display, True


def _resource(doc: _Doc, table: dict[str, Any], at: KeyPath, languages: list[str]) -> dict[str, ResourcePerson] | None | bool:
    """``[schools.resource]``, or None if the school has none; False if it is wrong (reported)."""
    resource = doc.table(table, at, "resource", required=False)
    if resource is None:
        return None
    where = at + ("resource",)
    doc.known_keys(resource, where, RESOURCE_KEYS)
    name = doc.string(resource, where, "name", required=False)
    role = _lang_text(doc, resource, where, "role", languages, required=False)
    if name is None and "name" not in resource and "role" not in resource:
        doc.fail(where, "the resource person needs a 'name' or a 'role' (one text per language)")
    languages_spoken = _lang_text(doc, resource, where, "languages", languages, required=False)
    tel, display, phone_ok = _phone(doc, resource, where)
    source_url = _source(doc, resource, where, "the resource person has no source: add source_url = \"<the page that names them>\"")
    if source_url is None or not phone_ok or (name is None and role is None):
        return False
    if ("role" in resource and role is None) or ("languages" in resource and languages_spoken is None):
        return False
    people = {
        lang: ResourcePerson(
            name=name, role=role[lang] if role else None, tel=tel, display=display,
            languages=languages_spoken[lang] if languages_spoken else None, source_url=source_url,
        )
        for lang in languages
    }
    for lang, person in people.items():
        _check_fits_plan(doc, where, "resourcePerson", person.label, f"the {lang} name and role")
        _check_fits_plan(doc, where, "resourceLanguages", person.languages, f"the {lang} languages")
    _check_fits_plan(doc, where + ("display",), "resourcePhone", display, "this phone")
    return people


def _school_procedure(
    doc: _Doc, table: dict[str, Any], at: KeyPath, languages: list[str], source_urls: set[str]
) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]] | None | bool:
    """``[schools.procedure]``: the school's own steps, only where they differ from the district's."""
    procedure = doc.table(table, at, "procedure", required=False)
    if procedure is None:
        return None
    where = at + ("procedure",)
    doc.known_keys(procedure, where, SCHOOL_PROCEDURE_KEYS)
    points = _lang_strings(doc, procedure, where, "points", languages)
    _check_section_sources(doc, procedure, where, source_urls)
    sources = procedure.get("sources")
    if points is None:
        return False
    return points, tuple(sources) if isinstance(sources, list) else ()


def schools_data(deployment: Any) -> dict[str, Any]:
    """What the plan editor needs, in the page's language, as a JSON data block (pages may not fetch)."""
    procedure = deployment.procedure
    return {
        "district": deployment.district_name,
        "procedure": {"heading": procedure.heading, "points": list(procedure.points)} if procedure else None,
        "schools": [_school_data(school) for school in deployment.schools],
    }


def _school_data(school: School) -> dict[str, Any]:
    data: dict[str, Any] = {"id": school.id, "name": school.name, "source": school.source_url}
    if school.kind:
        data["kind"] = school.kind
    if school.address:
        data["address"] = school.address
    if school.display:
        data["phone"] = school.display
    if school.resource:
        resource = school.resource
        data["resource"] = {"person": resource.label, "source": resource.source_url}
        if resource.display:
            data["resource"]["phone"] = resource.display
        if resource.languages:
            data["resource"]["languages"] = resource.languages
    if school.procedure:
        data["procedure"] = list(school.procedure)
    return data
