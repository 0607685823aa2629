"""Schools and the law-enforcement procedure in the deployment file (issue 14): the
shipped Milwaukee file lists only what a source confirms; each rule reports the
file and line when broken; the built site carries the list to the plan page and the
resource person, with their source, to the school page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from server.config import Config
from server.content import ContentError, load_content
from server.district_schools import plan_kinds
from server.languages import CODES
from server.site import build_site
from tests.school_deployment import LAKEVIEW, RESOURCE_NAME, RIO, school_deployment
from tests.test_content import CONTENT, DEPLOYMENT, Tree, line_of, where

SCHOOL = """
[[schools]]
id = "lakeview"
name = "Lakeview Elementary"
kind = "school"
address = "100 W. Example Ave."
tel = "+14145550140"
display = "414-555-0140"
source_url = "https://example.org/lakeview"
reviewed = 2026-11-30

[schools.resource]
name = "Ana Example"
role = { en = "social worker", es = "trabajadora social" }
tel = "+14145550141"
display = "414-555-0141"
languages = { en = "English and Spanish", es = "inglés y español" }
source_url = "https://example.org/lakeview/staff"

[schools.procedure]
sources = ["https://example.org/policy"]
points = { en = ["The principal meets the officer."], es = ["La directora recibe al agente."] }
"""

PROCEDURE = """
[procedure]
sources = ["https://example.org/policy"]
heading = { en = "If ICE comes", es = "Si llega ICE" }
points = { en = ["The agent is sent to the office."], es = ["Al agente se le envía a la oficina."] }
"""


@pytest.fixture
def tree(tmp_path: Path) -> Tree:
    tree = Tree(tmp_path)
    tree.write(tree.deployment, tree.deployment.read_text(encoding="utf-8") + PROCEDURE + SCHOOL)
    return tree


# ---------------------------------------------------------------- the shipped file


def test_milwaukee_lists_only_sourced_schools_and_no_guessed_resource_person() -> None:
    content = load_content(CONTENT, DEPLOYMENT, list(CODES))
    for lang in CODES:
        deployment = content.deployment(lang)
        assert deployment.procedure is not None and len(deployment.procedure.points) >= 4
        for school in deployment.schools:
            assert school.source_url.startswith(("https://", "http://")) and school.reviewed
            # No public page names MPS's resource people: the file must say so, not guess.
            assert school.resource is None
    names = [school.name for school in content.deployment("en").schools]
    assert "South Division High School" in names
    text = DEPLOYMENT.read_text(encoding="utf-8")
    assert "resource person at each school" in text and "must come from MPS" in text


# ---------------------------------------------------------------- rules, with file and line


def test_a_valid_school_loads_in_every_language(tree: Tree) -> None:
    content = tree.load()
    [school] = content.deployment("es").schools
    assert (school.name, school.kind, school.display, school.source_url) == (
        "Lakeview Elementary", "school", "414-555-0140", "https://example.org/lakeview")
    assert school.resource is not None and school.resource.label == "Ana Example (trabajadora social)"
    assert school.resource.languages == "inglés y español"
    assert school.procedure == ("La directora recibe al agente.",)
    assert content.deployment("en").procedure.heading == "If ICE comes"


def test_a_school_without_a_source_stops_start_up(tree: Tree) -> None:
    tree.edit(tree.deployment, 'source_url = "https://example.org/lakeview"\n', "")
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "[[schools]]")) in message and "this school has no source" in message


def test_a_resource_person_without_a_source_stops_start_up(tree: Tree) -> None:
    tree.edit(tree.deployment, 'source_url = "https://example.org/lakeview/staff"\n', "")
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "[schools.resource]")) in message
    assert "the resource person has no source" in message


def test_a_resource_person_needs_a_name_or_a_role(tree: Tree) -> None:
    tree.edit(tree.deployment, 'name = "Ana Example"\n', "")
    tree.edit(tree.deployment, 'role = { en = "social worker", es = "trabajadora social" }\n', "")
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "[schools.resource]")) in message and "'name' or a 'role'" in message


def test_a_resource_role_missing_a_language_is_refused(tree: Tree) -> None:
    # A language the app offers gets every text, or the server does not start.
    tree.edit(tree.deployment, 'role = { en = "social worker", es = "trabajadora social" }', 'role = { en = "social worker" }')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "role = {")) in message and "'role' has no es text" in message


def test_a_school_phone_must_be_dialable_and_shown_as_dialed(tree: Tree) -> None:
    tree.edit(tree.deployment, 'display = "414-555-0140"', 'display = "414-555-0149"')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, '"414-555-0149"')) in message and "does not show the number dialed" in message


def test_a_school_tel_without_display_is_refused(tree: Tree) -> None:
    tree.edit(tree.deployment, 'display = "414-555-0140"\n', "")
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "[[schools]]")) in message and "missing 'display'" in message


def test_kind_must_be_one_of_the_plan_values(tree: Tree) -> None:
    tree.edit(tree.deployment, 'kind = "school"', 'kind = "high school"')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, 'kind = "high school"')) in message
    assert all(kind in message for kind in plan_kinds())


def test_school_ids_and_names_are_unique(tree: Tree) -> None:
    text = tree.deployment.read_text(encoding="utf-8")
    # The plan links an entry to the list by name, compared as the editor compares it.
    second = SCHOOL.split("[schools.resource]")[0]
    tree.write(tree.deployment, text + second.replace("Lakeview Elementary", "lakeview  élémentary"))
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, 'id = "lakeview"', 2)) in message and "already used by school 1" in message
    assert where(tree.deployment, line_of(tree.deployment, 'name = "lakeview  élémentary"')) in message


def test_unknown_key_in_a_school_is_reported(tree: Tree) -> None:
    tree.edit(tree.deployment, 'address = "100 W. Example Ave."', 'adress = "100 W. Example Ave."')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "adress =")) in message and "unknown key 'adress'" in message


def test_a_school_procedure_needs_a_listed_source(tree: Tree) -> None:
    tree.edit(tree.deployment, 'sources = ["https://example.org/policy"]\npoints = { en = ["The principal',
              'sources = ["https://example.org/elsewhere"]\npoints = { en = ["The principal')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "example.org/elsewhere")) in message and "not the url of any" in message


def test_the_district_procedure_needs_a_source_and_every_language(tree: Tree) -> None:
    tree.edit(tree.deployment, PROCEDURE, PROCEDURE.replace('sources = ["https://example.org/policy"]\n', "").replace(
        ', es = ["Al agente se le envía a la oficina."]', ""))
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "[procedure]")) in message and "states rules without a source" in message
    assert where(tree.deployment, line_of(tree.deployment, 'points = { en = ["The agent')) in message and "no es list" in message


def test_a_phone_number_in_a_procedure_is_refused(tree: Tree) -> None:
    tree.edit(tree.deployment, '["The principal meets the officer."]', '["Call 414-555-0199 first."]')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "414-555-0199")) in message and "looks like a phone number" in message


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def schools_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("schools-site")
    return build_site(Config(deployment_file=school_deployment(folder)), folder / "site").out_dir


def _data_block(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="district-schools">(.*?)</script>', html, re.DOTALL)
    assert match, "no district-schools block"
    return json.loads(match.group(1))


def test_the_plan_page_carries_the_list_in_its_language(schools_site: Path) -> None:
    for lang in ("en", "ar"):
        html = (schools_site / lang / "plan" / "index.html").read_text(encoding="utf-8")
        data = _data_block(html)
        assert data["district"] == "Milwaukee Public Schools" and data["procedure"]["points"]
        by_name = {school["name"]: school for school in data["schools"]}
        assert by_name[LAKEVIEW]["resource"]["person"].startswith(RESOURCE_NAME)
        assert by_name[LAKEVIEW]["resource"]["source"] == "https://example.org/lakeview/staff"
        assert by_name[RIO]["procedure"] and "resource" in by_name[RIO] and "phone" not in by_name[RIO]["resource"]
        # Outside <main>: data, not text a person reads.
        assert html.index('id="district-schools"') > html.index("</main>")
    ar = _data_block((schools_site / "ar" / "plan" / "index.html").read_text(encoding="utf-8"))
    assert "الأخصائية الاجتماعية" in next(s for s in ar["schools"] if s["name"] == LAKEVIEW)["resource"]["person"]


def test_the_school_page_names_the_resource_person_with_source_and_the_steps(schools_site: Path) -> None:
    html = (schools_site / "en" / "resources" / "school" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<li class="hotline">\s*<p class="hotline-name">' + re.escape(LAKEVIEW) + r"</p>(.*?)</li>", html, re.DOTALL)
    assert block, "no resource person entry"
    assert RESOURCE_NAME in block.group(1) and 'href="tel:+14145550141"' in block.group(1)
    assert 'href="https://example.org/lakeview/staff"' in block.group(1)
    assert "The principal meets the officer at the front door." in html  # Río's own steps
    assert "The agent is sent to a school leader." in html  # the district's
    assert "For other schools, ask the school office" in html


def test_the_milwaukee_school_page_says_the_resource_people_are_not_confirmed(live_server) -> None:  # type: ignore[no-untyped-def]
    html = (live_server.site.out_dir / "en" / "resources" / "school" / "index.html").read_text(encoding="utf-8")
    assert "We could not confirm who the resource person is at each school." in html
    assert "If ICE comes to a school" in html


def test_what_choosing_copies_must_fit_the_plan(tree: Tree) -> None:
    # Choosing a school copies these into the plan: an answer the plan would flag is refused here.
    tree.edit(tree.deployment, 'name = "Ana Example"', f'name = "{"Ana " * 60}"')
    message = tree.error()
    assert where(tree.deployment, line_of(tree.deployment, "[schools.resource]")) in message
    assert "not be a valid answer in the plan's 'resourcePerson' field (tooLong: at most 200 characters)" in message


def test_the_resource_person_travels_in_a_caregivers_copy() -> None:
    """The caregiver's view (issue 13) reads the plan's own fields: a caregiver's file carries them."""
    from server import plan_schema as ps

    full = json.loads((Path(__file__).resolve().parent / "fixtures" / "plan-full-family.json").read_text(encoding="utf-8"))
    keys = ("name", "address", "phone", "resourcePerson", "resourcePhone", "resourceLanguages")
    copied = ps.caregiver_subset(full)["sections"]["school"]
    assert [{key: entry[key] for key in keys} for entry in copied] == [{key: entry[key] for key in keys} for entry in full["sections"]["school"]]
