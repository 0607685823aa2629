"""The browser's plan modules (frontend/static/js/plan/) agree with the Python
reference (server/plan_schema.py) on the fixtures and on a set of tricky values:
the same problems in the same order, the same migrations, completeness and gaps."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Page

from server import plan_schema as ps
from tests.live_server import LiveServer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

# Plans travel as JSON text: JSON.parse keeps a "__proto__" key as data, as the app's own parsing does.
RUN_PLANS = """async ([urls, text]) => {
  const plans = JSON.parse(text);
  const validate = await import(urls.validate);
  const completeness = await import(urls.completeness);
  return plans.map((plan) => ({
    problems: validate.validatePlan(plan),
    completeness: completeness.completeness(plan),
    gaps: completeness.gaps(plan),
  }));
}"""

RUN_MIGRATIONS = """async ([url, text]) => {
  const plans = JSON.parse(text);
  const { migrate } = await import(url);
  return plans.map((plan) => {
    const before = JSON.stringify(plan);
    try {
      const migrated = migrate(plan);
      if (JSON.stringify(plan) !== before) return { error: "input changed" };
      return { plan: migrated, firstKey: Object.keys(migrated)[0] };
    } catch (error) {
      return { error: error.name };
    }
  });
}"""

RUN_VALUES = """async ([url, cases]) => {
  const values = await import(url);
  return cases.map(([type, value]) => [
    values.isBlank(value) ? "blank" : values.checkValue(type, value),
    type === "anumber" ? values.normalizeANumber(value) : null,
    type === "date" ? values.parseDate(value) : null,
  ]);
}"""

RUN_DATES = """async ([urls, cases]) => {
  const values = await import(urls.values);
  return cases.map(([start, months]) => values.addMonths(start, months));
}"""


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan_page(browser, live_server: LiveServer) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/en/plan/")
    yield page
    context.close()


@pytest.fixture(scope="module")
def urls(live_server: LiveServer) -> dict[str, str]:
    return {name: live_server.asset(f"js/plan/{name}.js") for name in ("validate", "completeness", "migrate", "values")}


# --- tricky values, each placed in the full-family plan --------------------------------

TEL = ["211", "988", "+52 (33) 5550-1234", " 414 555 0143 ", "\u00a0211\u00a0", "\u2003211", "91", "414+555",
       "++1 414", "٤١٤٥٥٥٠١٤٣", "１２３", "414-555-0143\n", "414\n555", "12345678901234567890", "123456789012345",
       "555-12", "414-555-0143 ext 2", "414-555-0143 EXT. 2", "414 555 0143 x12", "414-555-0143,ext 99", "ext 2",
       "414-555-0143 ext", "414-555-0143 ext 1234567", "414-555-0143 ext２", "414/555/0143", "211 x 1",
       "۴۱۴ ۵۵۵ ۰۱۴۳", "၄၁၄ ၅၅၅ ၀၁၄၃", "(٤١٤) ٥٥٥-٠١٤٣ ext ٢", "٤١٤٥٥٥٠١٤٣x٢",
       "x" * 41, "  ", "", 4145550143, True, None, ["211"]]
DATES = ["2024-02-29", "2025-02-29", "0000-01-01", "0001-01-01", "9999-12-31", " 2024-02-29\t", "2024-02-29\u2003",
         "２０２４-01-01", "2024-1-01", "2024-02-30", "1900-02-29", "2000-02-29", "2025-02-28T00:00", 20240229]
ANUMBERS = ["A٠١٢٣٤٥٦٧٨", "၀၁၂၃၄၅၆၇၈", "A012345678", "a#012345678", "A# 12345678", "A--12345678", "A1234567", "A0123456789", "B012345678",
            "A１２３４５６７８", "A-087-654-321", "#012345678", "A#", "012 345 678"]
EMAILS = ["ana@example.com", "ana.núñez@example.org", "ana@example", "a b@c.de", "a@b@c.de", "@x.y", " a@b.c ",
          "a@b.c\u00a0", "a\u2003@b.c"]
NUMBERS = [1500, 12.5, -3, 0, "250", "250.75", "-3", " 250 ", "1e5", "0x10", "1,500", "$500", "$ 1,200.50", "1,50",
           "12,34,567", "-$5", "$-5", "$", "٥٠٠", "$١,٢٠٠", "", True, [], {}, None, 1e308]
TEXTS = ["x" * 200, "x" * 201, "😀" * 200, "😀" * 201, "e\u0301" * 100, "e\u0301" * 101, "\u202eevil", "a\u200bb",
         "\u00a0\t\r\n ", "\u2003", 5, False, ["x"]]
YESNO = [True, False, "yes", 0, 1, None, "", [], {"toString": 1}, {"valueOf": 1, "toString": 2}, ["true"]]


def _with(plan: dict[str, Any], path: list[str | int], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(plan)
    node = changed
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return changed


def tricky_plans() -> list[Any]:
    full = load("plan-full-family.json")
    s = ["sections"]
    plans: list[Any] = [full, ps.empty_plan(), load("plan-v1-migrated.json"), {}, [], "plan", None]
    for value in TEL:
        plans.append(_with(full, [*s, "contacts", 0, "phone"], value))
    for value in DATES:
        plans.append(_with(full, [*s, "people", 1, "birthDate"], value))
    for value in ANUMBERS:
        plans.append(_with(full, [*s, "people", 0, "aNumber"], value))
    for value in EMAILS:
        plans.append(_with(full, [*s, "outOfTown", "email"], value))
    for value in NUMBERS:
        plans.append(_with(full, [*s, "finances", "emergencyFundAmount"], value))
    for value in TEXTS:
        plans.append(_with(full, [*s, "people", 2, "otherNames"], value))
        plans.append(_with(full, [*s, "people", 0, "ssnItin"], value))  # maxLength 20
    for value in YESNO:
        plans.append(_with(full, [*s, "care", "primaryAgreed"], value))
    for value in ["stay", "maybe", "Stay", 1, None, ""]:
        plans.append(_with(full, [*s, "care", "childrenGo"], value))
    for value in ["p-2c91f7aa", "p-7f3a9c21", "gone", 5, None, ["p-2c91f7aa"], "constructor", "__proto__"]:
        plans.append(_with(full, [*s, "school", 0, "child"], value))  # the v2 key: unknown now
        plans.append(_with(full, [*s, "school", 0, "children"], value))
        plans.append(_with(full, [*s, "school", 0, "pickup", 0, "onlyFor"], value))
        plans.append(_with(full, [*s, "medical", 0, "person"], value))
    for value in [[], ["gone"], [1], "p-2c91f7aa", ["p-7f3a9c21", "p-2c91f7aa", "p-2c91f7aa", None], None]:
        plans.append(_with(full, [*s, "contacts", 0, "memorizeBy"], value))
    for value in ["not a list", ["text", {"name": "No id"}, {"id": "bad id!"}, {"id": "u-3d8e"}, {"id": "u-3d8e", "x": 1}],
                  [{"id": "a" * 65}, {"id": ""}, {"id": 7}, {"id": "ok\n"}], {}]:
        plans.append(_with(full, [*s, "school", 0, "pickup"], value))
    # the person section drives references: roles, ids, duplicates
    plans.append(_with(full, [*s, "people", 2, "role"], "adult"))
    plans.append(_with(full, [*s, "people", 2, "role"], None))
    plans.append(_with(full, [*s, "people", 3, "id"], "p-2c91f7aa"))
    plans.append(_with(full, [*s, "people"], {"not": "a list"}))
    plans.append(_with(full, [*s, "people", 0, "role"], "teen"))
    # unknown keys sort by code point (U+FF21 sorts before U+1F600 in Python, after it in UTF-16)
    odd = copy.deepcopy(full)
    for key in ["😀", "\uff21", "a", "B", "_", "é", "10", "2", "constructor", "__proto__", "z~/x"]:
        odd["sections"]["legal"][key] = key
        odd["sections"]["contacts"][1][key] = key
        odd["sections"][key] = {}
        odd[key] = key
    plans.append(odd)
    # section and top-level shapes
    for sid, value in [("care", []), ("care", None), ("contacts", {}), ("contacts", None), ("pets", "x"), ("upkeep", 3)]:
        plans.append(_with(full, [*s, sid], value))
    for top in [{"sections": []}, {"sections": None}, {"meta": []}, {"meta": None}, {"schemaVersion": 1},
                {"schemaVersion": True}, {"schemaVersion": "3"}, {"schemaVersion": 2}, {"schemaVersion": 4}]:
        plans.append({**full, **top})
    plans.append({k: v for k, v in full.items() if k != "meta"})
    plans.append({k: v for k, v in full.items() if k != "sections"})
    plans.append({"schemaVersion": 3})
    # the court rules of a 48.979 power of attorney: dates, a non-relative, a court case, an Indian child
    for doc_type, relative, starts, signed, ends in [
        ("poa48979", False, None, "2024-02-29", "2025-02-28"), ("poa48979", False, None, "2024-02-29", "2025-03-01"),
        ("poa48979", True, None, "2024-02-29", "2026-03-01"), ("poa48979", None, None, "2024-02-29", "2026-03-01"),
        ("poa48979", False, "2025-01-01", "2024-02-29", "2025-12-31"), ("poa48979", False, "2025-02-30", "2024-02-29", "2025-12-31"),
        ("poa48979", False, None, "2025-01-31", "2025-01-30"), ("poa48979", False, None, "9999-06-01", "9999-12-31"),
        ("poa48979", False, None, "2025-02-29", "2026-01-01"), ("other", False, None, "2020-01-01", "2030-01-01"),
        ("other", None, "2031-01-01", "2020-01-01", "2030-01-01"), ("poa48979", "no", None, "2020-01-01", "2030-01-01"),
        ("poa48979", 0, None, "2020-01-01", "2030-01-01"), ("poa48979", False, None, None, "2030-01-01"),
        (None, False, None, "2020-01-01", "2030-01-01"), (5, False, None, "2020-01-01", "2030-01-01"),
    ]:
        authority = {**full["sections"]["authority"], "docType": doc_type, "agentIsRelative": relative,
                     "startsOn": starts, "signedOn": signed, "expiresOn": ends}
        plans.append(_with(full, [*s, "authority"], authority))
    for key in ("childInCourtCase", "indianChild"):
        for value in [True, False, "true", 1, None]:
            plans.append(_with(full, [*s, "authority", key], value))
        plans.append(_with(full, [*s, "authority"], {**full["sections"]["authority"], "docType": "standby48978", key: True}))
    # questions and sections that are skipped when the family says they do not apply
    for value in [True, False, None, "yes", 0]:
        plans.append(_with(full, [*s, "people", 3, "bornInUs"], value))
        plans.append(_with(full, [*s, "family", "hasPets"], value))
        plans.append(_with(full, [*s, "legal", "hasLawyer"], value))
    plans.append(_with(full, [*s, "family"], "not an object"))
    plans.append(_with(full, [*s, "people"], [p for p in full["sections"]["people"] if p["role"] == "adult"]))
    plans.append(_with(full, [*s, "people"], [*full["sections"]["people"], {"id": "p-2c91f7aa", "role": "adult"}]))
    # completeness: fields that stop applying, empty and optional lists, non-object items
    plans.append(_with(full, [*s, "authority"], {"docType": "none", "agent": "kept"}))
    plans.append(_with(full, [*s, "pets"], ["x", 3]))
    plans.append(_with(full, [*s, "school"], [{"id": "s1", "pickup": [{"id": "u1", "name": " "}]}]))
    plans.append(_with(full, [*s, "contacts"], [{"name": "A"}, {"phone": "211"}]))
    plans.append(_with(full, [*s, "contacts"], ["text", {"name": "No id", "phone": "211"}]))
    plans.append(_with(full, [*s, "care"], {"primaryName": "\u00a0"}))
    return plans


def _python_result(plan: Any) -> dict[str, Any]:
    return {
        "problems": [p.to_dict() for p in ps.validate_plan(plan)],
        "completeness": {k: list(v) for k, v in ps.completeness(plan).items()},
        "gaps": ps.gaps(plan),
    }


def test_validation_completeness_and_gaps_match(plan_page: Page, urls: dict[str, str]) -> None:
    plans = tricky_plans()
    assert len(plans) > 150
    js_results = plan_page.evaluate(RUN_PLANS, [urls, json.dumps(plans)])
    for index, (plan, js) in enumerate(zip(plans, js_results)):
        assert js == _python_result(plan), f"plan #{index}"


def test_validation_found_something_in_most_plans(plan_page: Page, urls: dict[str, str]) -> None:
    # The tricky plans are tricky: guard against a fixture change that makes them all valid.
    plans = tricky_plans()
    flagged = sum(1 for plan in plans if ps.validate_plan(plan))
    assert flagged > len(plans) * 0.6


def test_single_values_match(plan_page: Page, urls: dict[str, str]) -> None:
    cases = [("tel", v) for v in TEL] + [("date", v) for v in DATES] + [("anumber", v) for v in ANUMBERS]
    cases += [("email", v) for v in EMAILS] + [("number", v) for v in NUMBERS] + [("text", v) for v in TEXTS]
    cases += [("yesno", v) for v in YESNO] + [("longtext", "x" * 4001), ("longtext", "\n" * 4000)]
    js = plan_page.evaluate(RUN_VALUES, [urls["values"], cases])
    for (type_name, value), got in zip(cases, js):
        parsed = ps.parse_date(value) if type_name == "date" else None
        expected = [
            "blank" if ps.is_blank(value) else ps.check_value(type_name, value),
            ps.normalize_anumber(value) if type_name == "anumber" else None,
            parsed.isoformat() if parsed else None,
        ]
        assert got == expected, (type_name, value)


def test_dates_match(plan_page: Page, urls: dict[str, str]) -> None:
    starts = ["2024-02-29", "2025-01-31", "2025-03-31", "2025-12-31", "0001-01-01", "9999-01-31", "9998-12-31", "2023-05-31"]
    cases = [(start, months) for start in starts for months in (0, 1, 2, 11, 12, 13, 24, 120)]
    add_js = plan_page.evaluate(RUN_DATES, [urls, cases])
    assert add_js == [ps.add_months(date.fromisoformat(s), m).isoformat() for s, m in cases]


def migration_cases() -> list[Any]:
    v1 = load("plan-v1.json")
    v2 = load("plan-v2.json")
    return [
        v1,
        load("plan-v1-migrated.json"),
        v2,
        load("plan-v2-migrated.json"),
        load("plan-full-family.json"),
        {**v2, "sections": {"school": [{"id": "s1", "child": "p1", "children": ["kept"]}, {"id": "s2", "child": {"odd": 1}},
                                       {"id": "s3"}, "text", {"child": None}]}},
        {**v2, "sections": {"school": "not a list"}, "meta": {"migratedFrom": 1}},
        {"schemaVersion": 2},
        {"version": 1},
        {"version": 1, "caregiver": {"name": "Rosa", "favoriteColor": "azul"}, "theme": "dark",
         "sections": {"care": {"primaryName": "Already here"}}},
        {**v1, "people": [{"name": "No id", "isChild": "yes"}, {"id": "", "isChild": 1, "name": 3}, "text"]},
        {**v1, "school": [{"pickup": ["A", {"name": "B"}, 3, {"id": "x", "name": "C"}]}, "odd", {"pickup": "none"}]},
        {**v1, "caregiver": {}, "attorney": {"name": "Lic. X", "extra": 1}, "notes": ["not", "text"]},
        {**v1, "caregiver": [], "attorney": []},
        {**v1, "sections": []},
        {**v1, "sections": {"people": "kept"}, "meta": {"updatedAt": "kept"}},
        {"version": 1, "schemaVersion": "x", "people": []},
        {"schemaVersion": 2, "version": 1, "sections": {}},
        {"schemaVersion": 3, "sections": {}, "meta": {}},
        {"schemaVersion": 4, "sections": {}, "meta": {}},
        {"sections": {}},
        {"schemaVersion": 0},
        {"schemaVersion": True},
        {"version": "1"},
        ["not", "a", "plan"],
        None,
    ]


def _python_migrate(plan: Any) -> dict[str, Any]:
    try:
        migrated = ps.migrate(plan)
    except ps.NewerSchemaError:
        return {"error": "NewerSchemaError"}
    except ps.PlanVersionError:
        return {"error": "PlanVersionError"}
    return {"plan": migrated, "firstKey": next(iter(migrated))}


def test_migrations_match(plan_page: Page, urls: dict[str, str]) -> None:
    cases = migration_cases()
    js = plan_page.evaluate(RUN_MIGRATIONS, [urls["migrate"], json.dumps(cases)])
    for index, (plan, got) in enumerate(zip(cases, js)):
        assert got == _python_migrate(plan), f"migration case #{index}"


@pytest.mark.parametrize("version", [1, 2])
def test_old_fixtures_migrate_in_the_browser(plan_page: Page, urls: dict[str, str], version: int) -> None:
    [got] = plan_page.evaluate(RUN_MIGRATIONS, [urls["migrate"], json.dumps([load(f"plan-v{version}.json")])])
    assert got["plan"] == load(f"plan-v{version}-migrated.json")
    assert got["firstKey"] == "schemaVersion"


def test_every_migration_op_is_ported(plan_page: Page, live_server: LiveServer) -> None:
    ops = plan_page.evaluate("async (url) => (await import(url)).knownOps()", live_server.asset("js/plan/migrate.js"))
    assert sorted(ops) == sorted(ps._OPS)
