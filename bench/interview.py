"""How long a plan takes to make on a phone: two families scripted through the
editor's screens at 360 x 780 with touch, as a person would go through them.

    .venv/bin/python bench/interview.py

- the minimum plan: two children, someone on the school pick-up list, a
  caregiver and one emergency contact (the first-run interview);
- a complete ordinary plan: two parents, two children, three contacts, one
  school, and every question the app asks of such a family.

It prints taps (buttons, links, choices; a list choice is two), fields typed,
screens shown, words typed, vertical scrolling in px, an estimate of the time
(1.5 s a tap, 3 s a field, 5 s a screen, 25 words a minute: the cost model of
issue 15), each screen's height, and the overview's answered count at the end.
A benchmark: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import re
from dataclasses import dataclass, field

from playwright.sync_api import Locator, Page, sync_playwright

from _common import launch_args, start_server

PASSPHRASE = "acid acorn acre acts afar affix"
SECONDS = {"tap": 1.5, "field": 3.0, "screen": 5.0}
WORDS_PER_MINUTE = 25


@dataclass
class Tally:
    taps: int = 0
    fields: int = 0
    words: int = 0
    screens: int = 0
    scrolled: int = 0
    heights: dict[str, int] = field(default_factory=dict)

    @property
    def minutes(self) -> float:
        seconds = self.taps * SECONDS["tap"] + self.fields * SECONDS["field"] + self.screens * SECONDS["screen"]
        return seconds / 60 + self.words / WORDS_PER_MINUTE


class Person:
    """Acts on the page and counts what a person's thumb would do."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.tally = Tally()
        self.route = ""

    def _reach(self, target: Locator) -> None:
        before = self.page.evaluate("scrollY")
        target.scroll_into_view_if_needed()
        self.tally.scrolled += abs(self.page.evaluate("scrollY") - before)

    def _screen(self) -> None:
        """A new screen showed: count it and its height."""
        self.page.wait_for_function("(old) => { const r = document.querySelector('#plan-editor > [data-route]')?.dataset.route; return r && r !== old; }",
                                    arg=self.route)
        self.route = self.page.evaluate("document.querySelector('#plan-editor > [data-route]').dataset.route")
        self.page.wait_for_timeout(50)
        self.tally.screens += 1
        height = self.page.evaluate("document.documentElement.scrollHeight")
        key = self.route.split("/")[0] if self.route.startswith("#item=") else self.route
        self.tally.heights[key] = max(self.tally.heights.get(key, 0), height)

    def tap(self, target: Locator, new_screen: bool = False) -> None:
        self._reach(target)
        target.click()
        self.tally.taps += 1
        if new_screen:
            self._screen()

    def type(self, target: Locator, text: str) -> None:
        self._reach(target)
        target.fill(text)
        self.tally.fields += 1
        self.tally.words += len(text.split())

    def choose(self, target: Locator, label: str) -> None:
        """A list (select): open it, pick one. (People's names are bidi-isolated in the options.)"""
        self._reach(target)
        index = target.evaluate("(select, label) => [...select.options].findIndex((o) => o.textContent.replace(/[\\u2068\\u2069]/g, '') === label)", label)
        target.select_option(index=index)
        self.tally.taps += 2

    def date(self, question: Locator, iso: str) -> None:
        year, month, day = iso.split("-")
        for part, value in (("month", month.lstrip("0")), ("day", day.lstrip("0")), ("year", year)):
            self.type(question.locator(f'[data-part="{part}"]'), value)

    # --- screens ---------------------------------------------------------------------

    def question(self, label: str) -> Locator:
        return self.page.locator("#plan-editor").get_by_label(re.compile(f"^{re.escape(label)}( \\(required\\))?$"))

    def field(self, pointer: str) -> Locator:
        return self.page.locator(f'#plan-editor [data-pointer="{pointer}"]')

    def answer(self, pointer: str, text: str) -> None:
        self.type(self.field(pointer).locator("input, textarea").first, text)

    def yes_no(self, pointer: str, yes: bool) -> None:
        self.tap(self.field(pointer).get_by_label("Yes" if yes else "No", exact=True))

    def more(self) -> None:
        summary = self.page.locator("#plan-editor details.more:not([open]) > summary").first
        self.tap(summary)

    def next(self) -> None:
        self.tap(self.page.locator('#plan-editor [data-nav="next"]'), new_screen=True)

    def another(self) -> None:
        """On an entry: Done, and straight on to a new one."""
        self.tap(self.page.locator('#plan-editor [data-action="add-another"]'), new_screen=True)

    def add(self) -> None:
        self.tap(self.page.locator('#plan-editor [data-action="add"]').last, new_screen=True)

    def part(self, section: str) -> None:
        """From the overview: tap the part's line."""
        self.tap(self.page.locator(f'.part[data-section="{section}"] .part-link'), new_screen=True)


def start(person: Person, base_url: str) -> None:
    page = person.page
    page.goto(f"{base_url}/en/plan/")
    page.locator("#setup-passphrase").fill(PASSPHRASE)
    page.locator("#vault-setup button[type=submit]").click()
    person._screen()  # the interview's first question, right after set-up (not counted as the family's work)
    person.tally = Tally(heights=person.tally.heights)


def minimum_plan(person: Person) -> None:
    """The first-run interview, start to end."""
    person.type(person.question("Full name of child 1"), "Sofía Morales")
    person.yes_no("/sections/people/0/bornInUs", True)
    person.tap(person.page.get_by_role("button", name="Add another child"))
    person.type(person.question("Full name of child 2"), "Andrés Morales")
    person.yes_no("/sections/people/1/bornInUs", True)
    person.next()
    person.type(person.question("Name of the school or daycare"), "Escuela Ejemplo")
    person.type(person.question("Name of a person who may pick them up"), "Rosa Núñez")
    person.type(person.question("That person's phone number"), "(414) 555-0143")
    person.next()
    person.tap(person.page.get_by_role("button", name="Rosa Núñez"))  # named already, on the pick-up list
    person.next()
    person.tap(person.page.get_by_role("button", name="Rosa Núñez"))  # the caregiver, one tap again
    person.yes_no("/sections/contacts/0/canPickUp", True)
    person.next()  # "Your plan covers the essentials"


def ordinary_plan(person: Person) -> None:
    """After the interview: every part an ordinary family has, in the app's order."""
    page = person.page
    person.tap(page.get_by_role("link", name="Continue with the rest of the plan"), new_screen=True)
    person.answer("/sections/family/name", "Familia Morales Núñez")
    person.yes_no("/sections/family/hasPets", False)
    person.next()  # check your answers
    person.next()  # people: the children are there from the interview
    adults = [("José Luis Morales", "A012345678", "(414) 555-0101"), ("María Núñez Peña", "A208765432", "(414) 555-0102")]
    person.tap(page.get_by_role("button", name="Add: Adult"), new_screen=True)
    for number, (name, a_number, phone) in enumerate(adults, start=2):
        at = f"/sections/people/{number}"
        person.answer(f"{at}/legalName", name)
        person.yes_no(f"{at}/bornInUs", False)
        person.answer(f"{at}/aNumber", a_number)
        person.answer(f"{at}/phone", phone)
        if number == 2:
            person.another()
        else:
            person.next()
    person.next()  # contacts: Rosa is there from the interview
    person.add()
    for number, (name, phone) in enumerate([("Carmen Ávila", "(414) 555-0190"), ("Tomás Ibáñez", "(312) 555-0166")], start=1):
        person.answer(f"/sections/contacts/{number}/name", name)
        person.answer(f"/sections/contacts/{number}/phone", phone)
        person.yes_no(f"/sections/contacts/{number}/canPickUp", number == 1)
        person.another() if number == 1 else person.next()
    person.next()  # care
    person.yes_no("/sections/care/primaryAgreed", True)
    person.tap(person.field("/sections/care/alternateName").get_by_role("button", name="Carmen Ávila"))
    person.next()
    person.next()  # authority
    person.choose(person.field("/sections/authority/docType").locator("select"), "Wisconsin power of attorney for a child (48.979)")
    person.tap(person.field("/sections/authority/agent").get_by_role("button", name="Rosa Núñez"))
    person.yes_no("/sections/authority/agentIsRelative", True)
    person.answer("/sections/authority/keptAt", "Blue folder, bedroom closet")
    person.date(person.field("/sections/authority/expiresOn"), "2026-08-31")
    person.next()
    person.next()  # school
    person.tap(page.locator('[data-item="/sections/school/0"] [data-action="change"]'), new_screen=True)
    person.answer("/sections/school/0/phone", "(414) 555-0110")
    person.answer("/sections/school/0/resourcePerson", "Ms. Reyes")
    person.tap(person.field("/sections/school/0/pickup").locator('[data-action="add"]'))
    person.tap(person.field("/sections/school/0/pickup/1/name").get_by_role("button", name="Carmen Ávila"))
    person.next()
    person.next()  # medical
    person.add()
    for number, child in enumerate(["Sofía Morales", "Andrés Morales"]):
        person.choose(person.field(f"/sections/medical/{number}/person").locator("select"), child)
        person.answer(f"/sections/medical/{number}/allergies", "None known" if number else "Peanuts")
        person.answer(f"/sections/medical/{number}/medications", "None" if number else "Inhaler, in her backpack")
        person.another() if number == 0 else person.next()
    person.next()  # documents
    person.add()
    for number, owner in enumerate(["José Luis Morales", "María Núñez Peña"]):
        person.choose(person.field(f"/sections/documents/{number}/kind").locator("select"), "Passport")
        person.choose(person.field(f"/sections/documents/{number}/person").locator("select"), owner)
        if number == 0:
            person.answer(f"/sections/documents/{number}/keptAt", "Blue folder")
        else:
            person.tap(person.field(f"/sections/documents/{number}/keptAt").get_by_role("button", name="Blue folder"))
        person.another() if number == 0 else person.next()
    person.next()  # legal
    person.yes_no("/sections/legal/hasLawyer", True)
    person.answer("/sections/legal/attorneyName", "Lic. Andrea Beltrán")
    person.answer("/sections/legal/attorneyPhone", "(414) 555-0133")
    person.answer("/sections/legal/consulatePhone", "(312) 555-0140")
    person.next()
    person.next()  # finances
    person.answer("/sections/finances/bills", "Rent on the 1st, María's account")
    person.answer("/sections/finances/emergencyFund", "Envelope in the blue folder")
    person.next()
    person.next()  # travel
    person.yes_no("/sections/travel/childPassports", False)
    person.yes_no("/sections/travel/travelConsent", False)
    person.next()
    person.next()  # detained
    person.answer("/sections/detained/caregiverSteps", "Pick up the children, call the lawyer, keep them at home")
    person.answer("/sections/detained/childrenSteps", "Stay at school and wait for Rosa")
    person.yes_no("/sections/detained/redCards", True)
    person.next()
    person.next()  # meeting
    person.answer("/sections/meeting/neighborhood", "The library on Lincoln Ave")
    person.answer("/sections/meeting/outside", "Carmen's house")
    person.next()
    person.next()  # out-of-town contact
    person.answer("/sections/outOfTown/name", "Guadalupe Peña")
    person.answer("/sections/outOfTown/phone", "+502 5555 0123")
    person.next()
    person.next()  # upkeep ("Other notes" has no questions: Continue passes it by)
    person.tap(page.locator('[data-action="reviewed"]'))  # sets the next review six months ahead
    person.next()
    person.next()  # the overview


def run(base_url: str, family: str) -> tuple[Tally, str]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_args())
        context = browser.new_context(viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True, device_scale_factor=2)
        page = context.new_page()
        person = Person(page)
        start(person, base_url)
        minimum_plan(person)
        if family == "ordinary":
            ordinary_plan(person)
        answered = ""
        if family == "ordinary":
            answered = " | ".join(page.locator(".part").all_inner_texts()).replace("\n", " ")

        browser.close()
        return person.tally, answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args()
    server = start_server()
    print(f"famplan interview benchmark, {datetime.date.today()}, {platform.node()}; 360 x 780, touch")
    print(f"cost model: {SECONDS['tap']} s a tap, {SECONDS['field']} s a field, {SECONDS['screen']} s a screen, {WORDS_PER_MINUTE} words a minute")
    for family in ("minimum", "ordinary"):
        tally, answered = run(server.url, family)
        print(f"\n{family} plan: {tally.taps} taps, {tally.fields} fields, {tally.screens} screens, {tally.words} words, "
              f"{tally.scrolled} px scrolled, about {tally.minutes:.1f} minutes")
        tallest = max(tally.heights.items(), key=lambda item: item[1])
        print(f"  tallest screen: {tallest[0]} {tallest[1]} px")
        print("  screen heights: " + json.dumps(tally.heights))
        if answered:
            print(f"  overview afterwards: {answered}")
    server.stop()


if __name__ == "__main__":
    main()
