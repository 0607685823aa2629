"""The plan schema file, its Python reader, migrations and fixtures."""
from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from server import plan_schema as ps  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
KNOWN_TYPES = {"text", "longtext", "tel", "date", "email", "anumber", "yesno", "choice",
               "personref", "personrefs", "number", "list"}
ID_RE = re.compile(r"^[a-z][A-Za-z0-9]*$")


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def all_fields(fields: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every field, nested list fields included."""
    if fields is None:
        fields = [f for s in ps.section_defs() for f in s["fields"]]
    return [g for f in fields for g in [f, *all_fields(f.get("fields", []))]]


@pytest.fixture(scope="module")
def full() -> dict[str, Any]:
    return load("plan-full-family.json")


# --- the schema file ---------------------------------------------------------


def test_schema_top_level() -> None:
    schema = ps.load_schema()
    assert schema["schemaVersion"] == 3 == ps.current_version()
    assert set(schema["types"]) == KNOWN_TYPES
    for spec in schema["types"].values():
        if "code" in spec:
            assert spec["code"] in schema["problems"]
    for problem in schema["problems"].values():
        assert problem["severity"] in {"error", "warning"} and problem["message"].strip()


def test_sections_well_formed() -> None:
    ids = [s["id"] for s in ps.section_defs()]
    assert len(ids) == len(set(ids))
    for s in ps.section_defs():
        assert ID_RE.match(s["id"]), s["id"]
        assert s["kind"] in {"object", "list"}
        assert s["title"].strip() and s["help"].strip()
        assert (s["kind"] == "list") == ("itemTitle" in s)
        assert s["fields"]


def _check_field_list(fields: list[dict[str, Any]], in_object: bool) -> None:
    ids = [f["id"] for f in fields]
    assert len(ids) == len(set(ids)), ids
    assert "id" not in ids  # reserved for item ids
    by_id = {f["id"]: f for f in fields}
    for f in fields:
        assert ID_RE.match(f["id"]), f["id"]
        assert f["label"].strip(), f["id"]
        assert f["type"] in KNOWN_TYPES, f["type"]
        if f["type"] == "choice":
            values = [o["value"] for o in f["options"]]
            assert values and len(values) == len(set(values))
            assert all(o["label"].strip() for o in f["options"])
        else:
            assert "options" not in f
        if f["type"] == "list":
            assert f["itemTitle"].strip()
            _check_field_list(f["fields"], in_object=False)
        if in_object:
            assert not f.get("required"), "object sections never require fields; gaps covers them"
        for condition in _conditions(f):
            target = by_id[condition["field"]]
            values = condition.get("in", condition.get("notIn"))
            assert values and set(condition) == {"field", "in" if "in" in condition else "notIn"}
            if target["type"] == "choice":
                assert set(values) <= {o["value"] for o in target["options"]}
            else:
                assert target["type"] == "yesno" and all(isinstance(v, bool) for v in values)
        if "maxLength" in f:
            assert isinstance(f["maxLength"], int) and f["maxLength"] > 0
        if "suggest" in f:
            assert f["suggest"] in {"names", "earlier", "schools"} and f["type"] == "text"
            assert "phoneField" not in f or by_id[f["phoneField"]]["type"] == "tel"
        if f.get("suggest") == "schools":
            # Choosing a district school fills these siblings (editor/district-schools.js).
            fills = {"kind": "choice", "address": "longtext", "phone": "tel", "resourcePerson": "text",
                     "resourcePhone": "tel", "resourceLanguages": "text"}
            assert {key: by_id[key]["type"] for key in fills} == fills


def _conditions(thing: dict[str, Any]) -> list[dict[str, Any]]:
    when = thing.get("when")
    return [] if not when else when if isinstance(when, list) else [when]


def test_fields_well_formed() -> None:
    for s in ps.section_defs():
        _check_field_list(s["fields"], in_object=s["kind"] == "object")


def test_personref_targets_exist() -> None:
    schema = ps.load_schema()
    people = ps.section_def(schema["personSection"])
    assert people["kind"] == "list"
    role = next(f for f in people["fields"] if f["id"] == schema["roleField"])
    roles = {o["value"] for o in role["options"]}
    assert roles == {"adult", "child"}
    refs = [f for f in all_fields() if f["type"] in {"personref", "personrefs"}]
    assert refs
    for f in refs:
        if "for" in f:
            assert f["for"] in roles
    assert all("for" not in f for f in all_fields() if f["type"] not in {"personref", "personrefs"})


def test_importance_rules_and_subset_refer_to_real_things() -> None:
    schema = ps.load_schema()
    assert [c["id"] for c in schema["importance"]] == ["no-pickup", "no-caregiver", "no-contact"]
    for check in schema["importance"]:
        sdef = ps.section_def(check["section"])
        field_ids = {f["id"] for f in sdef["fields"]}
        assert check["label"].strip()
        if check["check"] == "filled":
            assert sdef["kind"] == "object" and set(check["fields"]) <= field_ids
        else:
            assert check["check"] == "nonEmptyList" and sdef["kind"] == "list"
            inner = sdef["fields"]
            if "field" in check:
                nested = next(f for f in sdef["fields"] if f["id"] == check["field"])
                assert nested["type"] == "list"
                inner = nested["fields"]
            assert set(check["itemHas"]) <= {f["id"] for f in inner}
    for rule in schema["rules"]:
        fields = {f["id"]: f for f in ps.section_def(rule["section"])["fields"]}
        assert rule["check"] in {"dateOrder", "longerThan", "flagged"}
        if rule["check"] == "flagged":
            assert fields[rule["at"]]
        else:
            assert all(fields[start]["type"] == "date" for start in rule["start"])
            assert fields[rule["end"]]["type"] == "date"
        assert all(condition["field"] in fields for condition in _conditions(rule))
        assert rule["code"] in schema["problems"]
    for sdef in ps.section_defs():
        when = sdef.get("when")
        if when and "hasRole" not in when:
            assert when["field"] in {f["id"] for f in ps.section_def(when["section"])["fields"]}
    for entry in schema["glossary"].values():
        assert entry["title"].strip() and entry["text"].strip()
    explained = {f["explain"] for f in all_fields() if "explain" in f}
    assert explained == set(schema["glossary"])
    subset = schema["caregiverSubset"]
    assert len(subset) == len(set(subset))
    assert all(sid in {s["id"] for s in ps.section_defs()} for sid in subset)
    assert {"people", "contacts", "care", "school", "medical"} <= set(subset)
    assert not {"finances", "documents"} & set(subset)


def test_every_researched_section_is_covered() -> None:
    ids = {s["id"] for s in ps.section_defs()}
    assert ids == {"family", "people", "contacts", "care", "authority", "school", "medical", "documents", "legal",
                   "finances", "travel", "detained", "pets", "meeting", "outOfTown", "notes", "upkeep"}
    options = {o["value"] for f in all_fields() for o in f.get("options", [])}
    assert {"poa48979", "standby48978", "nomination", "verbal", "none", "passport"} <= options


def test_sensitive_fields_marked() -> None:
    by_type = [f for f in all_fields() if f["type"] == "anumber"]
    assert by_type and all(f.get("sensitive") for f in by_type)
    people = {f["id"]: f for f in ps.section_def("people")["fields"]}
    for fid in ("birthDate", "aNumber", "ssnItin", "birthCountry"):
        assert people[fid].get("sensitive"), fid
    legal = {f["id"]: f for f in ps.section_def("legal")["fields"]}
    assert legal["caseNumbers"].get("sensitive")
    assert all(f.get("sensitive") for f in all_fields() if "ddress" in f["id"])


def test_msgids_cover_every_label() -> None:
    ids = ps.schema_msgids()
    assert len(ids) == len(set(ids))
    for f in all_fields():
        assert f["label"] in ids
    assert "People in the family" in ids and "No caregiver chosen for the children" in ids
    assert "What is an A-number?" in ids


# --- single values -----------------------------------------------------------

# People write phone numbers in many ways: all of these are kept as typed and accepted.
GOOD_PHONES = ["211", "988", "911", "414-555-0143", "(414) 555-0143", "414.555.0143", "+1 414 555 0143",
               "+52 (33) 5550-1234", "+502 5555 0123", " 414 555 0143 ", "414/555/0143", "5550143",
               "414-555-0143 ext 2", "414-555-0143 ext. 12", "414-555-0143 x2", "(414) 555-0143, extension 245",
               "414 555 0143 EXT 7", "+1 414 555 0143;ext=2".replace(";ext=", " ext "), "123456789012345",
               "٤١٤٥٥٥٠١٤٣", "۴۱۴ ۵۵۵ ۰۱۴۳", "၄၁၄ ၅၅၅ ၀၁၄၃", "(٤١٤) ٥٥٥-٠١٤٣ ext ٢"]
# Too short or too long to be a number anyone can call, letters, or a second plus.
BAD_PHONES = ["91", "555-12", "1234", "1-800-FLOWERS", "555-CALL-NOW", "++1 414 555 0143", "414+555", "+", "(((",
              "1234567890123456", "１２３４５６７", "ext 2", "414-555-0143 ext", "414-555-0143 ext 1234567"]


@pytest.mark.parametrize("value", GOOD_PHONES)
def test_good_phones(value: str) -> None:
    assert ps.check_value("tel", value) is None


@pytest.mark.parametrize("value", BAD_PHONES)
def test_bad_phones(value: str) -> None:
    assert ps.check_value("tel", value) == "badTel"


GOOD_DATES = ["2024-02-29", "2000-02-29", "2025-12-31", "0001-01-01", "1999-01-31", " 2024-02-29 "]
BAD_DATES = ["2025-02-29", "1900-02-29", "2025-13-01", "2025-04-31", "2025-00-10", "0000-01-01",
             "2025-1-5", "05/01/2025", "2025-02-28T00:00", "20250228", "2025-02-3x"]


@pytest.mark.parametrize("value", GOOD_DATES)
def test_good_dates(value: str) -> None:
    assert ps.check_value("date", value) is None


@pytest.mark.parametrize("value", BAD_DATES)
def test_bad_dates(value: str) -> None:
    assert ps.check_value("date", value) == "badDate"
    assert ps.parse_date(value) is None


ANUMBERS = [("A012345678", "A012345678"), ("A12345678", "A012345678"), ("a-012-345-678", "A012345678"),
            ("A# 012 345 678", "A012345678"), ("012345678", "A012345678"), ("12345678", "A012345678"),
            ("A 208-765-432", "A208765432"), ("A٢٠٨٧٦٥٤٣٢", "A208765432"), ("၀၁၂၃၄၅၆၇၈", "A012345678")]
BAD_ANUMBERS = ["A1234567", "A0123456789", "B012345678", "A012345678x", "A--", "A#", "012.345.678"]


@pytest.mark.parametrize(("value", "canonical"), ANUMBERS)
def test_good_anumbers(value: str, canonical: str) -> None:
    assert ps.check_value("anumber", value) is None
    assert ps.normalize_anumber(value) == canonical


@pytest.mark.parametrize("value", BAD_ANUMBERS)
def test_bad_anumbers(value: str) -> None:
    assert ps.check_value("anumber", value) == "badANumber"
    assert ps.normalize_anumber(value) is None


@pytest.mark.parametrize(("value", "code"), [
    ("ana@example.com", None), ("ana.núñez@example.org", None), ("ana@example", "badEmail"),
    ("ana example@x.com", "badEmail"), ("@x.com", "badEmail"), ("a@b@c.com", "badEmail"),
])
def test_emails(value: str, code: str | None) -> None:
    assert ps.check_value("email", value) == code


@pytest.mark.parametrize(("value", "code"), [
    (1500, None), (12.5, None), ("250", None), ("250.75", None), ("-3", None), ("1,500", None), ("$500", None),
    ("$ 1,200.50", None), ("$1200", None), ("٥٠٠", None), ("$١,٢٠٠", None), ("1,50", "badNumber"), ("12,34,567", "badNumber"),
    ("abc", "badNumber"), ("500$$", "badNumber"), (float("inf"), "badNumber"), (True, "wrongType"), ([], "wrongType"),
])
def test_numbers(value: Any, code: str | None) -> None:
    assert ps.check_value("number", value) == code


def test_blank_and_length() -> None:
    assert ps.is_blank(None) and ps.is_blank("  \t\u00a0") and ps.is_blank([])
    assert not ps.is_blank(False) and not ps.is_blank(0)
    assert ps.check_value("text", "x" * 200) is None
    assert ps.check_value("text", "x" * 201) == "tooLong"
    assert ps.check_value("text", "😀" * 200) is None  # code points, not UTF-16 units
    assert ps.check_value("yesno", "yes") == "wrongType"


def test_add_months_clamps() -> None:
    assert ps.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert ps.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert ps.add_months(date(2025, 9, 1), 12) == date(2026, 9, 1)
    assert ps.add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)
    assert ps.add_months(date(9999, 6, 1), 12) == date.max  # no year 10000: the last date a plan can hold


def test_dates_in_the_year_9999_do_not_break_the_rule() -> None:
    plan = ps.empty_plan()
    plan["sections"]["authority"] = {"docType": "poa48979", "signedOn": "9999-06-01", "expiresOn": "9999-12-31"}
    assert ps.validate_plan(plan) == []


def test_other_notes_hold_100_kib() -> None:
    plan = ps.empty_plan()
    plan["sections"]["notes"]["text"] = "x" * 100 * 1024
    assert ps.validate_plan(plan) == []
    plan["sections"]["care"]["shortTerm"] = "x" * 100 * 1024  # other long answers: kept, flagged
    assert ps.validate_plan(plan) == [ps.Problem("/sections/care/shortTerm", "tooLong")]


# --- whole plans -------------------------------------------------------------


def test_empty_plan_shape_and_validity() -> None:
    plan = ps.empty_plan()
    assert plan["schemaVersion"] == 3 and plan["meta"] == {}
    assert list(plan["sections"]) == [s["id"] for s in ps.section_defs()]
    assert ps.validate_plan(plan) == []
    assert ps.migrate(plan) == plan


def test_full_family_fixture_is_valid(full: dict[str, Any]) -> None:
    assert ps.validate_plan(full) == []
    assert set(full["sections"]) == {s["id"] for s in ps.section_defs()}
    people = full["sections"]["people"]
    assert [p["role"] for p in people].count("adult") == 2
    assert [p["role"] for p in people].count("child") == 3
    assert any(not p["legalName"].isascii() for p in people)


def test_invalid_input_is_kept_and_flagged(full: dict[str, Any]) -> None:
    plan = copy.deepcopy(full)
    people = plan["sections"]["people"]
    people[0]["aNumber"] = "A12"
    people[1]["birthDate"] = "2025-02-29"
    plan["sections"]["contacts"][0]["phone"] = "call Rosa"
    plan["sections"]["contacts"][1]["memorizeBy"] = ["gone", people[0]["id"]]
    plan["sections"]["care"]["childrenGo"] = "maybe"
    plan["sections"]["care"]["primaryAgreed"] = "yes"
    plan["sections"]["school"][0]["pickup"].append({"id": "u-new", "phone": "414-555-0199"})
    plan["sections"]["medical"][0]["id"] = plan["sections"]["medical"][1]["id"]
    plan["sections"]["legal"]["mystery"] = 1
    plan["sections"]["extra"] = {}
    before = copy.deepcopy(plan)

    problems = ps.validate_plan(plan)

    assert plan == before  # validation never mutates
    assert {p.to_dict()["path"]: p.code for p in problems} == {
        "/sections/people/0/aNumber": "badANumber",
        "/sections/people/1/birthDate": "badDate",
        "/sections/contacts/0/phone": "badTel",
        "/sections/contacts/1/memorizeBy/0": "badPersonRef",
        "/sections/contacts/1/memorizeBy/1": "wrongRole",
        "/sections/care/primaryAgreed": "wrongType",
        "/sections/care/childrenGo": "badChoice",
        "/sections/school/0/pickup/2/name": "required",
        "/sections/medical/1/id": "duplicateId",
        "/sections/legal/mystery": "unknownField",
        "/sections/extra": "unknownSection",
    }
    assert ps.migrate(plan)["sections"]["people"][0]["aNumber"] == "A12"


def test_shape_errors_do_not_crash() -> None:
    assert ps.validate_plan([]) == [ps.Problem("", "wrongType")]
    plan = ps.empty_plan()
    plan["sections"]["people"] = {"not": "a list"}
    plan["sections"]["care"] = ["not", "an object"]
    plan["sections"]["contacts"] = ["text", {"name": "No id", "phone": "211"}]
    codes = {(p.path, p.code) for p in ps.validate_plan(plan)}
    assert codes == {("/sections/people", "wrongType"), ("/sections/care", "wrongType"),
                     ("/sections/contacts/0", "wrongType"), ("/sections/contacts/1/id", "badItemId")}
    assert ps.completeness(plan)["care"] == (0, len([f for f in ps.section_def("care")["fields"] if f.get("key")]))
    # No readable children, so no school entry is expected; the id-less contact still counts.
    assert ps.gaps(plan) == ["no-caregiver"]


def test_a_wisconsin_power_of_attorney_warns_only_where_the_law_asks_for_a_court(full: dict[str, Any]) -> None:
    """Wis. Stat. 48.979 sets no flat one-year limit: a court must approve only for a
    non-relative over one year, a child in a court case, or an Indian child."""
    plan = copy.deepcopy(full)
    authority = plan["sections"]["authority"]
    assert authority["agentIsRelative"] is True
    authority["expiresOn"] = "2028-08-31"  # three years, for a relative: nothing to say
    assert ps.validate_plan(plan) == []
    authority["agentIsRelative"] = False
    assert ps.validate_plan(plan) == [ps.Problem("/sections/authority/expiresOn", "courtNonRelative")]
    authority["expiresOn"] = "2026-09-01"  # exactly one year from the start date
    assert ps.validate_plan(plan) == []
    authority["expiresOn"] = "2026-09-02"
    assert ps.validate_plan(plan) == [ps.Problem("/sections/authority/expiresOn", "courtNonRelative")]
    del authority["agentIsRelative"]  # not answered: the app does not guess
    assert ps.validate_plan(plan) == []
    authority["startsOn"] = "2026-01-01"  # the start date counts, not the day it was signed
    authority["agentIsRelative"] = False
    assert ps.validate_plan(plan) == []
    del authority["startsOn"]
    authority["expiresOn"] = "2025-08-01"
    assert ps.validate_plan(plan) == [ps.Problem("/sections/authority/expiresOn", "endBeforeStart")]
    authority["expiresOn"] = "2026-08-31"
    authority["childInCourtCase"] = True
    authority["indianChild"] = True
    assert ps.validate_plan(plan) == [ps.Problem("/sections/authority/childInCourtCase", "courtCase"),
                                      ps.Problem("/sections/authority/indianChild", "courtIndianChild")]
    authority["docType"] = "standby48978"  # these answers are about 48.979 only
    authority["agentIsRelative"] = False
    authority["expiresOn"] = "2030-01-01"
    assert ps.validate_plan(plan) == []


def test_every_rule_says_which_law_it_rests_on(tmp_path: Path) -> None:
    assert ps.rule_source_problems() == []
    laws = {rule["code"]: rule["law"] for rule in ps.load_schema()["rules"]}
    assert laws["endBeforeStart"] is None  # plain logic: no law needed, and none claimed
    for code in ("courtNonRelative", "courtCase", "courtIndianChild"):
        assert laws[code]["cite"] == "Wis. Stat. § 48.979(1)"
    # A rule that states a law without its source stops the build, naming file and line.
    text = ps.SCHEMA_PATH.read_text(encoding="utf-8")
    broken = tmp_path / "plan-schema.json"
    broken.write_text(text.replace(', "law": null', "", 1), encoding="utf-8")
    line = text[: text.index('"id": "paper-dates"')].count("\n") + 1
    assert ps.rule_source_problems(broken) == [
        f"plan-schema.json:{line}: rule 'paper-dates' must say which law it rests on "
        '("law": {"cite", "url"}) or "law": null'
    ]
    broken.write_text(text.replace('"cite": "Wis. Stat. § 48.979(1)", ', "", 1), encoding="utf-8")
    assert "a law needs its citation" in ps.rule_source_problems(broken)[0]


def test_questions_that_do_not_apply_are_skipped(full: dict[str, Any]) -> None:
    plan = copy.deepcopy(full)
    people = plan["sections"]["people"]
    child = next(p for p in people if p["bornInUs"])
    counted = ps.completeness(plan)["people"]
    child["bornInUs"] = False  # now the A-number is asked (and country of birth, citizenship among the details)
    filled, total = ps.completeness(plan)["people"]
    assert (filled, total) == (counted[0], counted[1] + 1)
    del child["bornInUs"]  # not answered: still asked, and the question itself is now blank
    assert ps.completeness(plan)["people"] == (filled - 1, total)
    plan["sections"]["family"]["hasPets"] = False
    assert ps.completeness(plan)["pets"] == (0, 0)  # the family said it has none
    plan["sections"]["legal"]["hasLawyer"] = False
    filled, total = ps.completeness(plan)["legal"]
    assert (filled, total) == (2, 2)  # no lawyer: the lawyer's name and phone are not asked
    no_children = ps.empty_plan()
    no_children["sections"]["people"] = [{"id": "a1", "role": "adult", "legalName": "Ana"}]
    assert ps.completeness(no_children)["school"] == (0, 0)
    assert "no-pickup" not in ps.gaps(no_children)
    no_children["sections"]["people"].append({"id": "c1", "role": "child", "legalName": "Leo"})
    assert ps.gaps(no_children)[0] == "no-pickup"


def test_schema_version_checked() -> None:
    plan = ps.empty_plan()
    plan["schemaVersion"] = 1
    assert ps.Problem("/schemaVersion", "badSchemaVersion") in ps.validate_plan(plan)
    plan["schemaVersion"] = True
    assert ps.Problem("/schemaVersion", "badSchemaVersion") in ps.validate_plan(plan)


# --- migrations --------------------------------------------------------------


def test_v1_fixture_migrates_to_expected() -> None:
    v1 = load("plan-v1.json")
    before = copy.deepcopy(v1)
    migrated = ps.migrate(v1)
    assert v1 == before
    assert migrated == load("plan-v1-migrated.json")
    assert next(iter(migrated)) == "schemaVersion"
    # the v1 phone that was never valid survives and is flagged, not dropped
    assert ps.validate_plan(migrated) == [ps.Problem("/sections/contacts/2/phone", "badTel")]
    assert ps.gaps(migrated) == ["no-pickup"]  # the daycare has an empty pick-up list
    assert ps.migrate(migrated) == migrated


def test_v2_fixture_migrates_to_expected() -> None:
    """Every v2 plan and shared file keeps opening: a school entry per child becomes an entry
    with a list of children, and nothing else changes."""
    v2 = load("plan-v2.json")
    before = copy.deepcopy(v2)
    migrated = ps.migrate(v2)
    assert v2 == before
    assert migrated == load("plan-v2-migrated.json")
    assert [entry["children"] for entry in migrated["sections"]["school"]] == [[e["child"]] for e in v2["sections"]["school"]]
    assert migrated["meta"]["migratedFrom"] == 2 and migrated["sections"]["family"] == {}
    assert ps.validate_plan(migrated) == []
    assert ps.gaps(migrated) == []
    assert ps.migrate(migrated) == migrated
    # Everything the family typed is still there, under the same keys.
    for sid, value in v2["sections"].items():
        if sid != "school":
            assert migrated["sections"][sid] == value, sid


def test_v2_to_v3_never_overwrites_or_drops() -> None:
    v2 = {"schemaVersion": 2, "sections": {"school": [
        {"id": "s1", "child": "p1", "children": ["typed by a newer draft"]},
        {"id": "s2", "child": {"odd": "value"}},
        {"id": "s3"},
    ]}, "meta": {"migratedFrom": 1}}
    school = ps.migrate(v2)["sections"]["school"]
    assert school[0] == {"id": "s1", "child": "p1", "children": ["typed by a newer draft"]}
    assert school[1] == {"id": "s2", "children": [{"odd": "value"}]}  # kept; validation flags it
    assert school[2] == {"id": "s3"}
    assert ps.migrate(v2)["meta"]["migratedFrom"] == 1  # where the plan started, not the last step


def test_migration_never_overwrites_or_drops() -> None:
    v1 = {"version": 1, "caregiver": {"name": "Rosa", "favoriteColor": "azul"}, "theme": "dark",
          "sections": {"care": {"primaryName": "Already here"}}}
    migrated = ps.migrate(v1)
    assert migrated["sections"]["care"]["primaryName"] == "Already here"
    assert migrated["caregiver"] == {"name": "Rosa", "favoriteColor": "azul"}
    assert migrated["theme"] == "dark"
    codes = {(p.path, p.code) for p in ps.validate_plan(migrated)}
    assert ("/caregiver", "unknownField") in codes and ("/theme", "unknownField") in codes


def test_minimal_v1_migrates_to_empty_plan() -> None:
    migrated = ps.migrate({"version": 1})
    expected = ps.empty_plan()
    expected["meta"] = {"migratedFrom": 1}
    assert migrated == expected


def test_newer_schema_refused() -> None:
    with pytest.raises(ps.NewerSchemaError, match="newer"):
        ps.migrate({"schemaVersion": 4, "sections": {}, "meta": {}})
    with pytest.raises(ps.PlanVersionError):
        ps.migrate({"sections": {}})
    with pytest.raises(ps.PlanVersionError):
        ps.migrate(["not", "a", "plan"])
    with pytest.raises(ps.PlanVersionError):
        ps.migrate({"schemaVersion": 0})


def test_migration_ops_are_known() -> None:
    for migration in ps.load_migrations()["migrations"]:
        assert migration["to"] == migration["from"] + 1
        for step in migration["steps"]:
            assert step["op"] in ps._OPS, step


# --- completeness, gaps, caregiver export ------------------------------------


def test_completeness_empty_and_full(full: dict[str, Any]) -> None:
    empty = ps.completeness(ps.empty_plan())
    assert set(empty) == {s["id"] for s in ps.section_defs()}
    assert all(filled == 0 for filled, _ in empty.values())
    assert empty["pets"] == (0, 0)  # optional list
    assert empty["people"] == (0, 4)  # one blank person's questions: the phone is for adults only
    assert empty["care"] == (0, 5)
    assert empty["notes"] == (0, 0)  # only details: nothing is missing from a plan without notes

    done = ps.completeness(full)
    for sid, (filled, total) in done.items():
        # Every question is answered (U.S.-born children are not asked for an A-number);
        # "Other notes" is all details, so it has no questions to count.
        assert filled == total and (total > 0) == (sid != "notes"), sid


def test_gaps_empty_and_full(full: dict[str, Any]) -> None:
    # No children yet, so no school is expected: the first step is never a dead end.
    assert ps.gaps(ps.empty_plan()) == ["no-caregiver", "no-contact"]
    assert ps.gaps(full) == []


def test_gap_rules_in_detail(full: dict[str, Any]) -> None:
    plan = copy.deepcopy(full)
    plan["sections"]["school"][2]["pickup"] = []  # one child without a pick-up list is a gap
    assert ps.gaps(plan) == ["no-pickup"]
    plan = copy.deepcopy(full)
    for contact in plan["sections"]["contacts"]:
        contact["phone"] = " "
    plan["sections"]["care"]["primaryName"] = ""
    assert ps.gaps(plan) == ["no-caregiver", "no-contact"]


def test_caregiver_subset(full: dict[str, Any]) -> None:
    subset = ps.caregiver_subset(full)
    assert list(subset["sections"]) == ps.load_schema()["caregiverSubset"]
    assert "finances" not in subset["sections"] and "documents" not in subset["sections"]
    assert "legal" not in subset["sections"]
    assert all("ssnItin" not in p for p in subset["sections"]["people"])
    assert subset["sections"]["family"]["name"] == full["sections"]["family"]["name"]
    assert subset["sections"]["upkeep"]["nextReview"] == full["sections"]["upkeep"]["nextReview"]
    assert "copiesAt" not in subset["sections"]["upkeep"]
    assert subset["sections"]["people"][0]["aNumber"] == "A012345678"  # needed for the detainee locator
    assert subset["meta"] == {"updatedAt": full["meta"]["updatedAt"], "subset": "caregiver"}
    assert ps.validate_plan(subset) == []
    assert "ssnItin" in full["sections"]["people"][0]  # the input is untouched


def test_caregiver_subset_drops_unknown_fields(full: dict[str, Any]) -> None:
    plan = copy.deepcopy(full)
    plan["sections"]["care"]["secretNote"] = "do not share"
    plan["sections"]["school"][0]["pickup"][0]["extra"] = "x"
    subset = ps.caregiver_subset(plan)
    assert "secretNote" not in subset["sections"]["care"]
    assert "extra" not in subset["sections"]["school"][0]["pickup"][0]


# --- the benchmark generator -------------------------------------------------


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("make_large_plan", ROOT / "scripts" / "make_large_plan.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_large_plan_is_valid_and_deterministic() -> None:
    gen = _load_generator()
    plan = gen.make_large_plan()
    assert plan == gen.make_large_plan()
    assert plan != gen.make_large_plan(seed=8)
    assert len(plan["sections"]["people"]) == 10
    assert len(plan["sections"]["contacts"]) == 40
    assert len(plan["sections"]["notes"]["text"]) >= 10_000
    assert ps.validate_plan(plan) == []
    assert ps.gaps(plan) == []
