"""Reference reader for the family plan schema (schema/plan-schema.json).

The browser reads the same JSON file and mirrors these functions; the rules
live in the JSON, not here. See docs/plan-schema.md for the plan data shape,
the problem codes and the migration steps.
"""
from __future__ import annotations

import copy
import json
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schema" / "plan-schema.json"
MIGRATIONS_PATH = ROOT / "schema" / "migrations.json"

TOP_KEYS = ("schemaVersion", "sections", "meta")


class PlanVersionError(ValueError):
    """The plan has no usable version, or no migration path exists."""


class NewerSchemaError(PlanVersionError):
    """The plan was written by a newer app; we must not guess at its meaning."""

    def __init__(self, found: int, current: int) -> None:
        super().__init__(
            f"plan schemaVersion {found} is newer than this app's version {current}; "
            "update the app before opening this plan"
        )
        self.found = found
        self.current = current


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # JSON Pointer into the plan, e.g. /sections/people/0/aNumber
    code: str  # key of schema["problems"]

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code}


# --- loading -----------------------------------------------------------------


@cache
def load_schema() -> dict[str, Any]:
    """The parsed schema. Cached and shared: treat it as read-only."""
    with SCHEMA_PATH.open(encoding="utf-8") as f:
        return json.load(f)


def rule_source_problems(path: Path = SCHEMA_PATH) -> list[str]:
    """A warning the app gives is a fact about the law, so every rule says which
    law it rests on (`law`: a citation and the address it was read at), or
    `"law": null` for one that rests on none (an end date before its start).
    Returns one "file:line: message" per rule that does not."""
    text = path.read_text(encoding="utf-8")
    problems = []
    for rule in json.loads(text).get("rules", []):
        rule_id = rule.get("id", "?")
        marker = text.find(f'"id": "{rule_id}"')
        where = f"{path.name}:{text.count(chr(10), 0, marker) + 1 if marker >= 0 else '?'}"
        law = rule.get("law", ...)
        if law is ...:
            problems.append(f"{where}: rule {rule_id!r} must say which law it rests on (\"law\": {{\"cite\", \"url\"}}) or \"law\": null")
        elif law is not None and not (
            isinstance(law, dict) and str(law.get("cite", "")).strip() and str(law.get("url", "")).startswith("https://")
        ):
            problems.append(f"{where}: rule {rule_id!r}: a law needs its citation (\"cite\") and the https address it was read at (\"url\")")
    return problems


@cache
def load_migrations() -> dict[str, Any]:
    with MIGRATIONS_PATH.open(encoding="utf-8") as f:
        return json.load(f)


def current_version() -> int:
    return load_schema()["schemaVersion"]


def section_defs() -> list[dict[str, Any]]:
    return load_schema()["sections"]


@cache
def _sections_by_id() -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in section_defs()}


def section_def(section_id: str) -> dict[str, Any]:
    return _sections_by_id()[section_id]


def schema_msgids() -> list[str]:
    """Every English string that needs a translation, in schema order, deduplicated."""
    schema = load_schema()
    found: list[str] = []

    def add(*texts: str | None) -> None:
        found.extend(t for t in texts if t)

    def walk_fields(fields: list[dict[str, Any]]) -> None:
        for f in fields:
            add(f["label"], f.get("help"), f.get("itemTitle"))
            add(*(o["label"] for o in f.get("options", [])))
            walk_fields(f.get("fields", []))

    for s in schema["sections"]:
        add(s["title"], s.get("help"), s.get("itemTitle"))
        walk_fields(s["fields"])
    for imp in schema["importance"]:
        add(imp["label"], imp.get("help"))
    add(*(p["message"] for p in schema["problems"].values()))
    for entry in schema["glossary"].values():
        add(entry["title"], entry["text"])
    return list(dict.fromkeys(found))


# --- single values -----------------------------------------------------------


def _trim(text: str) -> str:
    # Explicit character set: str.strip() and JS trim() disagree on some characters.
    return text.strip(load_schema()["whitespace"])


def is_blank(value: Any) -> bool:
    """Unanswered: missing, null, whitespace-only text or an empty list. False is an answer."""
    if value is None:
        return True
    if isinstance(value, str):
        return _trim(value) == ""
    if isinstance(value, list):
        return len(value) == 0
    return False


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def ascii_digit(ch: str) -> str | None:
    """The ASCII digit for a digit people type on their keyboards (ASCII, Arabic-Indic,
    Eastern Arabic-Indic, Myanmar: the schema's `digitZeros`), else None. Python's
    str.isdigit() and JS differ on other scripts, so only these count."""
    for zero in load_schema()["digitZeros"]:
        value = ord(ch) - ord(zero)
        if 0 <= value <= 9:
            return str(value)
    return None


def _digit_count(text: str) -> int:
    return sum(1 for ch in text if ascii_digit(ch) is not None)


def parse_date(value: Any) -> date | None:
    """A real calendar date from an ISO YYYY-MM-DD string, else None."""
    if not isinstance(value, str):
        return None
    text = _trim(value)
    if not _compiled(load_schema()["types"]["date"]["pattern"]).fullmatch(text):
        return None
    try:
        return date(int(text[0:4]), int(text[5:7]), int(text[8:10]))
    except ValueError:  # 2025-02-29, month 13, year 0000
        return None


def _without_extension(spec: dict[str, Any], text: str) -> str:
    """A phone number without its extension ("ext 2", "x12"), which is kept but not counted."""
    extension = spec.get("extension")
    if not extension:
        return text
    match = _compiled(extension).search(text)
    return text[: match.start()] if match else text


def _digits_ok(spec: dict[str, Any], text: str) -> bool:
    """`digits` is [low, high], or a list of such ranges (a phone number: 3, or 7 to 15)."""
    ranges = spec["digits"]
    if isinstance(ranges[0], int):
        ranges = [ranges]
    count = _digit_count(text)
    return any(low <= count <= high for low, high in ranges)


def _check_string(type_name: str, text: str, max_length: int) -> str | None:
    spec = load_schema()["types"][type_name]
    if len(text) > max_length:  # code points; JS must count with [...text].length
        return "tooLong"
    trimmed = _without_extension(spec, _trim(text))
    pattern = spec.get("pattern")
    if pattern and not _compiled(pattern).fullmatch(trimmed):
        return spec["code"]
    if "digits" in spec and not _digits_ok(spec, trimmed):
        return spec["code"]
    if spec.get("calendar") and parse_date(trimmed) is None:
        return spec["code"]
    return None


def _max_length(type_name: str, field: dict[str, Any] | None = None) -> int:
    if field and "maxLength" in field:
        return field["maxLength"]
    return load_schema()["types"][type_name].get("maxLength", 10**9)


def check_value(type_name: str, value: Any, max_length: int | None = None) -> str | None:
    """Problem code for one non-blank scalar value of a text-like, number or yesno type."""
    limit = max_length if max_length is not None else _max_length(type_name)
    spec = load_schema()["types"][type_name]
    if spec["value"] == "boolean":
        return None if isinstance(value, bool) else "wrongType"
    if type_name == "number" and not isinstance(value, bool) and isinstance(value, (int, float)):
        return None if math.isfinite(value) else spec["code"]  # bool is an int in Python
    if not isinstance(value, str):
        return "wrongType"
    return _check_string(type_name, value, limit)


def normalize_anumber(value: Any) -> str | None:
    """Canonical A-number ("A" + 9 digits, zero-padded) or None if not valid."""
    if is_blank(value) or check_value("anumber", value) is not None:
        return None
    canonical = load_schema()["types"]["anumber"]["canonical"]
    digits = "".join(d for d in map(ascii_digit, value) if d is not None)
    return canonical["prefix"] + digits.rjust(canonical["width"], "0")


def add_months(start: date, months: int) -> date:
    """Same day N months later, clamped to the month's end (2024-02-29 + 12 = 2025-02-28)
    and to date.max (9999-12-31), the last date a plan can hold."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    if year > date.max.year:
        return date.max
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, min(start.day, day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- validation --------------------------------------------------------------


def _ptr(*parts: str | int) -> str:
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "".join("/" + p for p in escaped)


def _condition_holds(condition: dict[str, Any], values: Any) -> bool:
    """{"field", "in": [...]}: the answer is one of these; {"field", "notIn": [...]}: it is not
    (so a blank answer counts: a question is skipped only when the family said it does not apply).
    Values compare by JSON type too: true is not 1."""
    current = values.get(condition["field"]) if isinstance(values, dict) else None
    if "in" in condition:
        return any(_same(current, option) for option in condition["in"])
    return not any(_same(current, option) for option in condition["notIn"])


def _applies(field: dict[str, Any], values: Any) -> bool:
    """Whether a field (or rule) applies, given its item's or section's values: every condition of its `when`."""
    when = field.get("when")
    if not when:
        return True
    conditions = when if isinstance(when, list) else [when]
    return all(_condition_holds(condition, values) for condition in conditions)


def section_applies(sdef: dict[str, Any], sections: Any) -> bool:
    """A section's own `when`: another section's answer ({"section", "field", "in"|"notIn"}),
    or that the plan has a person of a role ({"hasRole": "child"})."""
    when = sdef.get("when")
    if not when:
        return True
    sections = sections if isinstance(sections, dict) else {}
    if "hasRole" in when:
        return when["hasRole"] in _people_roles(sections).values()
    return _condition_holds(when, sections.get(when["section"]))


def _people_roles(sections: dict[str, Any]) -> dict[str, Any]:
    people = sections.get(load_schema()["personSection"])
    role_field = load_schema()["roleField"]
    if not isinstance(people, list):
        return {}
    return {
        p["id"]: p.get(role_field)
        for p in people
        if isinstance(p, dict) and isinstance(p.get("id"), str)
    }


def _check_ref(field: dict[str, Any], ref: Any, path: str, people: dict[str, Any]) -> list[Problem]:
    if not isinstance(ref, str):
        return [Problem(path, "wrongType")]
    if ref not in people:
        return [Problem(path, "badPersonRef")]
    if "for" in field and people[ref] != field["for"]:
        return [Problem(path, "wrongRole")]
    return []


def _check_field(field: dict[str, Any], value: Any, path: str, people: dict[str, Any]) -> list[Problem]:
    kind = field["type"]
    if kind == "list":
        if not isinstance(value, list):
            return [Problem(path, "wrongType")]
        return _validate_items(field["fields"], value, path, people)
    if kind == "personrefs":
        if not isinstance(value, list):
            return [Problem(path, "wrongType")]
        return [p for i, ref in enumerate(value) for p in _check_ref(field, ref, _ptr_join(path, i), people)]
    if kind == "personref":
        return _check_ref(field, value, path, people)
    if kind == "choice":
        if not isinstance(value, str):
            return [Problem(path, "wrongType")]
        allowed = {o["value"] for o in field["options"]}
        return [] if value in allowed else [Problem(path, "badChoice")]
    code = check_value(kind, value, _max_length(kind, field))
    return [Problem(path, code)] if code else []


def _ptr_join(path: str, *parts: str | int) -> str:
    return path + _ptr(*parts)


def _validate_fields(
    fields: list[dict[str, Any]], values: dict[str, Any], path: str,
    people: dict[str, Any], reserved: Iterable[str] = (),
) -> list[Problem]:
    problems: list[Problem] = []
    for field in fields:
        value = values.get(field["id"])
        field_path = _ptr_join(path, field["id"])
        if is_blank(value):
            if field.get("required") and _applies(field, values):
                problems.append(Problem(field_path, "required"))
            continue
        # Values in fields that do not apply are still checked: kept data must be sound.
        problems.extend(_check_field(field, value, field_path, people))
    known = {f["id"] for f in fields} | set(reserved)
    problems.extend(Problem(_ptr_join(path, k), "unknownField") for k in sorted(set(values) - known))
    return problems


def _validate_items(
    fields: list[dict[str, Any]], items: list[Any], path: str, people: dict[str, Any],
) -> list[Problem]:
    problems: list[Problem] = []
    id_pattern = _compiled(load_schema()["itemId"]["pattern"])
    seen: set[str] = set()
    for index, item in enumerate(items):
        item_path = _ptr_join(path, index)
        if not isinstance(item, dict):
            problems.append(Problem(item_path, "wrongType"))
            continue
        item_id = item.get("id")
        if not isinstance(item_id, str) or not id_pattern.fullmatch(item_id):
            problems.append(Problem(_ptr_join(item_path, "id"), "badItemId"))
        elif item_id in seen:
            problems.append(Problem(_ptr_join(item_path, "id"), "duplicateId"))
        else:
            seen.add(item_id)
        problems.extend(_validate_fields(fields, item, item_path, people, reserved=("id",)))
    return problems


def _validate_section(sdef: dict[str, Any], value: Any, people: dict[str, Any]) -> list[Problem]:
    path = _ptr("sections", sdef["id"])
    if sdef["kind"] == "list":
        if not isinstance(value, list):
            return [Problem(path, "wrongType")]
        return _validate_items(sdef["fields"], value, path, people)
    if not isinstance(value, dict):
        return [Problem(path, "wrongType")]
    return _validate_fields(sdef["fields"], value, path, people)


def _section_targets(sdef: dict[str, Any], value: Any) -> list[tuple[str, dict[str, Any]]]:
    """(path, values) for an object section or for each dict item of a list section."""
    path = _ptr("sections", sdef["id"])
    if sdef["kind"] == "object":
        return [(path, value)] if isinstance(value, dict) else []
    if not isinstance(value, list):
        return []
    return [(_ptr_join(path, i), item) for i, item in enumerate(value) if isinstance(item, dict)]


def _first_date(values: dict[str, Any], field_ids: list[str]) -> date | None:
    for field_id in field_ids:
        found = parse_date(values.get(field_id))
        if found is not None:
            return found
    return None


def _check_rule(rule: dict[str, Any], sections: dict[str, Any]) -> list[Problem]:
    """A rule across the answers of one section object (or of each item of a list section):
    - dateOrder: the end date is not before the start (the first valid date of `start`);
    - longerThan: the end is not more than `maxMonths` after the start;
    - flagged: the conditions of `when` alone are the problem, reported at `at`."""
    check = rule["check"]
    if check not in ("dateOrder", "longerThan", "flagged"):
        raise ValueError(f"unknown rule check {check!r}")
    problems: list[Problem] = []
    for path, values in _section_targets(section_def(rule["section"]), sections.get(rule["section"])):
        if not _applies(rule, values):
            continue
        if check == "flagged":
            problems.append(Problem(_ptr_join(path, rule["at"]), rule["code"]))
            continue
        start = _first_date(values, rule["start"])
        end = parse_date(values.get(rule["end"]))
        if start is None or end is None:
            continue
        if check == "dateOrder" and end < start:
            problems.append(Problem(_ptr_join(path, rule["end"]), rule["code"]))
        elif check == "longerThan" and end > add_months(start, rule["maxMonths"]):
            problems.append(Problem(_ptr_join(path, rule["end"]), rule["code"]))
    return problems


def validate_plan(plan: Any) -> list[Problem]:
    """All problems in a current-version plan. Never changes the plan; bad values stay."""
    if not isinstance(plan, dict):
        return [Problem("", "wrongType")]
    problems: list[Problem] = []
    version = plan.get("schemaVersion")
    if isinstance(version, bool) or version != current_version():
        problems.append(Problem("/schemaVersion", "badSchemaVersion"))
    problems.extend(Problem(_ptr(k), "unknownField") for k in sorted(set(plan) - set(TOP_KEYS)))
    if not isinstance(plan.get("meta", {}), dict):
        problems.append(Problem("/meta", "wrongType"))
    sections = plan.get("sections", {})
    if not isinstance(sections, dict):
        return problems + [Problem("/sections", "wrongType")]
    people = _people_roles(sections)
    for sdef in section_defs():
        if sdef["id"] in sections:
            problems.extend(_validate_section(sdef, sections[sdef["id"]], people))
    unknown = sorted(set(sections) - set(_sections_by_id()))
    problems.extend(Problem(_ptr("sections", k), "unknownSection") for k in unknown)
    for rule in load_schema()["rules"]:
        problems.extend(_check_rule(rule, sections))
    return problems


# --- building, counting ------------------------------------------------------


def empty_plan() -> dict[str, Any]:
    """A current-version plan with every section present and empty."""
    return {
        "schemaVersion": current_version(),
        "sections": {s["id"]: ([] if s["kind"] == "list" else {}) for s in section_defs()},
        "meta": {},
    }


def _sections_of(plan: Any) -> dict[str, Any]:
    sections = plan.get("sections") if isinstance(plan, dict) else None
    return sections if isinstance(sections, dict) else {}


def _count(fields: list[dict[str, Any]], values: dict[str, Any]) -> tuple[int, int]:
    """The plan's questions (`key` fields) that apply, and how many are answered. Details
    behind "More about" are extras: a plan is complete without them."""
    applicable = [f for f in fields if f.get("key") and _applies(f, values)]
    return sum(not is_blank(values.get(f["id"])) for f in applicable), len(applicable)


def completeness(plan: Any) -> dict[str, tuple[int, int]]:
    """(filled, total) answers per section. An empty required list counts as one blank item."""
    sections = _sections_of(plan)
    result: dict[str, tuple[int, int]] = {}
    for sdef in section_defs():
        value = sections.get(sdef["id"])
        if not section_applies(sdef, sections):
            result[sdef["id"]] = (0, 0)  # the family said it does not apply (no pets, no children)
            continue
        if sdef["kind"] == "object":
            result[sdef["id"]] = _count(sdef["fields"], value if isinstance(value, dict) else {})
            continue
        items = [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []
        if not items:
            result[sdef["id"]] = (0, 0) if sdef.get("optional") else _count(sdef["fields"], {})
            continue
        counts = [_count(sdef["fields"], item) for item in items]
        result[sdef["id"]] = (sum(c[0] for c in counts), sum(c[1] for c in counts))
    return result


def _dict_items(value: Any) -> list[dict[str, Any]]:
    return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []


def _has_all(values: dict[str, Any], field_ids: list[str]) -> bool:
    return all(not is_blank(values.get(f)) for f in field_ids)


def _importance_ok(check: dict[str, Any], sections: dict[str, Any]) -> bool:
    value = sections.get(check["section"])
    if check["check"] == "filled":
        return isinstance(value, dict) and _has_all(value, check["fields"])
    if check["check"] != "nonEmptyList":
        raise ValueError(f"unknown importance check {check['check']!r}")
    items = _dict_items(value)
    wanted = check.get("itemHas", [])
    if "field" not in check:
        return any(_has_all(item, wanted) for item in items)
    # Every entry (each child's school) needs its own nested list.
    return bool(items) and all(
        any(_has_all(sub, wanted) for sub in _dict_items(item.get(check["field"])))
        for item in items
    )


def gaps(plan: Any) -> list[str]:
    """Ids of failed importance checks, most critical first; a section that does not apply has none."""
    sections = _sections_of(plan)
    return [
        c["id"] for c in load_schema()["importance"]
        if section_applies(section_def(c["section"]), sections) and not _importance_ok(c, sections)
    ]


def _strip_for_caregiver(fields: list[dict[str, Any]], values: dict[str, Any], reserved: tuple[str, ...]) -> dict[str, Any]:
    kept: dict[str, Any] = {k: values[k] for k in reserved if k in values}
    for field in fields:
        if field.get("omitForCaregiver") or field["id"] not in values:
            continue
        value = values[field["id"]]
        if field["type"] == "list" and isinstance(value, list):
            value = [_strip_for_caregiver(field["fields"], i, ("id",)) if isinstance(i, dict) else i for i in value]
        kept[field["id"]] = copy.deepcopy(value)
    return kept


def caregiver_subset(plan: Any) -> dict[str, Any]:
    """What a caregiver receives: an allowlist of sections and known fields only."""
    full = migrate(plan)
    sections: dict[str, Any] = {}
    for sid in load_schema()["caregiverSubset"]:
        sdef, value = section_def(sid), full["sections"].get(sid)
        if sdef["kind"] == "object" and isinstance(value, dict):
            sections[sid] = _strip_for_caregiver(sdef["fields"], value, ())
        elif sdef["kind"] == "list" and isinstance(value, list):
            sections[sid] = [_strip_for_caregiver(sdef["fields"], i, ("id",)) for i in _dict_items(value)]
    meta = {k: full["meta"][k] for k in ("updatedAt",) if k in full["meta"]}
    meta["subset"] = "caregiver"
    return {"schemaVersion": full["schemaVersion"], "sections": sections, "meta": meta}


# --- migrations --------------------------------------------------------------


def plan_version(plan: dict[str, Any]) -> int:
    for key in load_migrations()["versionKeys"]:
        version = plan.get(key)
        if isinstance(version, int) and not isinstance(version, bool):
            return version
    raise PlanVersionError("not a family plan: no schemaVersion")


def _split(pointer: str) -> list[str]:
    if pointer == "":
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def _select(node: Any, parts: list[str]) -> list[Any]:
    """Every value at a pointer; a '*' part stands for each element of a list."""
    if not parts:
        return [node]
    head, rest = parts[0], parts[1:]
    if head == "*":
        return [v for child in node for v in _select(child, rest)] if isinstance(node, list) else []
    if isinstance(node, dict) and head in node:
        return _select(node[head], rest)
    if isinstance(node, list) and head.isdigit() and int(head) < len(node):
        return _select(node[int(head)], rest)
    return []


def _parent(doc: Any, parts: list[str], create: bool) -> dict[str, Any] | None:
    node = doc
    for part in parts[:-1]:
        if not isinstance(node, dict):
            return None
        if part not in node and create:
            node[part] = {}
        node = node.get(part)
    return node if isinstance(node, dict) else None


def _op_move(doc: dict[str, Any], step: dict[str, Any]) -> None:
    src, dst = _split(step["from"]), _split(step["to"])
    src_parent = _parent(doc, src, create=False)
    if src_parent is None or src[-1] not in src_parent:
        return
    dst_parent = _parent(doc, dst, create=True)
    if dst_parent is None or dst[-1] in dst_parent:
        return  # never overwrite: the value stays where it was and validation flags it
    dst_parent[dst[-1]] = src_parent.pop(src[-1])


def _op_rename(doc: dict[str, Any], step: dict[str, Any]) -> None:
    for obj in _select(doc, _split(step["in"])):
        if isinstance(obj, dict) and step["from"] in obj and step["to"] not in obj:
            obj[step["to"]] = obj.pop(step["from"])


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b  # JSON true must not equal 1


def _op_map_value(doc: dict[str, Any], step: dict[str, Any]) -> None:
    for obj in _select(doc, _split(step["in"])):
        if not isinstance(obj, dict) or step["key"] not in obj:
            continue
        for old, new in step["values"]:
            if _same(obj[step["key"]], old):
                obj[step["key"]] = copy.deepcopy(new)
                break


def _op_wrap_strings(doc: dict[str, Any], step: dict[str, Any]) -> None:
    for obj in _select(doc, _split(step["in"])):
        if isinstance(obj, dict) and isinstance(obj.get(step["key"]), list):
            obj[step["key"]] = [{step["field"]: v} if isinstance(v, str) else v for v in obj[step["key"]]]


def _op_ensure_ids(doc: dict[str, Any], step: dict[str, Any]) -> None:
    # Deterministic ids (prefix + 1-based position) so Python and JS migrate identically.
    # An item that already has an "id", even an unusable one, keeps it; validation flags it.
    for items in _select(doc, _split(step["in"])):
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if isinstance(item, dict) and "id" not in item:
                items[index] = {"id": f"{step['prefix']}{index + 1}", **item}


def _op_wrap_value(doc: dict[str, Any], step: dict[str, Any]) -> None:
    """In each object matched by `in`, key `from` becomes key `to` holding a one-element list
    (school.child -> school.children), unless `to` exists; any value is kept as it was."""
    for obj in _select(doc, _split(step["in"])):
        if isinstance(obj, dict) and step["from"] in obj and step["to"] not in obj:
            obj[step["to"]] = [obj.pop(step["from"])]


def _op_set_default(doc: dict[str, Any], step: dict[str, Any]) -> None:
    parts = _split(step["path"])
    parent = _parent(doc, parts, create=True)
    if parent is not None and parts[-1] not in parent:
        parent[parts[-1]] = copy.deepcopy(step["value"])


def _op_set(doc: dict[str, Any], step: dict[str, Any]) -> None:
    parts = _split(step["path"])
    parent = _parent(doc, parts, create=True)
    if parent is not None:
        parent[parts[-1]] = copy.deepcopy(step["value"])


def _op_remove(doc: dict[str, Any], step: dict[str, Any]) -> None:
    parts = _split(step["path"])
    parent = _parent(doc, parts, create=False)
    if parent is not None:
        parent.pop(parts[-1], None)


def _op_drop_empty(doc: dict[str, Any], step: dict[str, Any]) -> None:
    parts = _split(step["path"])
    parent = _parent(doc, parts, create=False)
    if parent is not None and parent.get(parts[-1]) in ({}, []):
        del parent[parts[-1]]


_OPS = {
    "move": _op_move,
    "rename": _op_rename,
    "mapValue": _op_map_value,
    "wrapStrings": _op_wrap_strings,
    "ensureIds": _op_ensure_ids,
    "wrapValue": _op_wrap_value,
    "set": _op_set,
    "setDefault": _op_set_default,
    "remove": _op_remove,
    "dropEmpty": _op_drop_empty,
}


def _complete_shape(doc: dict[str, Any]) -> dict[str, Any]:
    """Add missing sections and meta; never replaces what is there."""
    sections = doc.setdefault("sections", {})
    if isinstance(sections, dict):
        for sdef in section_defs():
            sections.setdefault(sdef["id"], [] if sdef["kind"] == "list" else {})
    doc.setdefault("meta", {})
    return doc


def migrate(plan: Any) -> dict[str, Any]:
    """A new plan at the current version; the input is not changed."""
    if not isinstance(plan, dict):
        raise PlanVersionError("not a family plan: expected a JSON object")
    doc = copy.deepcopy(plan)
    version, current = plan_version(doc), current_version()
    if version > current:
        raise NewerSchemaError(version, current)
    by_from = {m["from"]: m for m in load_migrations()["migrations"]}
    while version < current:
        if version not in by_from:
            raise PlanVersionError(f"no migration from schemaVersion {version}")
        migration = by_from[version]
        for step in migration["steps"]:
            _OPS[step["op"]](doc, step)
        doc.pop("schemaVersion", None)
        doc = {"schemaVersion": migration["to"], **doc}
        version = migration["to"]
    return _complete_shape(doc)
