"""Keeping the plan current (review date, papers that expire, backup), and the
page for each child."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Page

from tests.browser.plan_helpers import create_vault, go, saved_plan, store_plan, wait_saved
from tests.live_server import LiveServer

FULL = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "plan-full-family.json").read_text(encoding="utf-8"))


def test_review_date_expiring_papers_and_backup(phone: Page, live_server: LiveServer) -> None:
    phone.clock.set_fixed_time(datetime(2026, 7, 15, 10, 0))
    create_vault(phone, live_server.url)
    store_plan(phone, FULL)
    go(phone, "#overview")
    card = phone.locator(".upkeep")
    assert "It is time to review the plan with your family (planned for March 1, 2026)." in card.text_content()
    assert "Last reviewed: September 1, 2025." in card.text_content()
    warnings = card.locator(".warning").all_text_contents()
    # soonest first: María's passport (expired), then the power of attorney (ends within two months)
    assert warnings[0] == "Passport of María Guadalupe Núñez Peña: expired on May 10, 2024. Important documents"
    assert "The caregiver's power of attorney for the children ends on August 31, 2026. Caregiver's legal papers" in warnings
    assert not any("José Luis" in w and "2027" in w for w in warnings)  # his passport is good until Aug 2027
    assert card.locator(".warning.expired").count() >= 1
    phone.wait_for_function("() => document.querySelector('.backup-line').textContent !== ''")
    assert card.locator(".backup-line").text_content().startswith("No backup file has been saved on this phone yet.")

    card.locator('[data-action="reviewed"]').click()
    phone.wait_for_function("() => document.querySelector('.upkeep').textContent.includes('Next review: January 15, 2027.')")
    assert "Last reviewed: July 15, 2026." in phone.locator(".upkeep").text_content()
    assert phone.evaluate("document.activeElement.dataset.action") == "reviewed"
    wait_saved(phone)
    upkeep = saved_plan(phone)["sections"]["upkeep"]
    assert (upkeep["lastReviewed"], upkeep["nextReview"]) == ("2026-07-15", "2027-01-15")

    # a backup file is written (what the export feature does), then the plan changes again
    phone.evaluate("async (url) => (await import(url)).markExported()", live_server.asset("js/vault/vault.js"))
    go(phone, "#step=upkeep")
    phone.wait_for_function("() => document.querySelector('.backup-line').textContent.startsWith('Last backup file: July 15, 2026.')")
    phone.clock.set_fixed_time(datetime(2026, 7, 16, 9, 0))
    phone.locator("#plan-editor details.more > summary").click()
    phone.locator('[data-pointer="/sections/upkeep/copiesAt"] textarea').fill("On the fridge.")
    wait_saved(phone)
    go(phone, "#overview")
    phone.wait_for_function("() => document.querySelector('.backup-line').textContent.startsWith('You have changes that are not in a backup file yet.')")


def test_a_page_for_each_child_in_simple_words(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    store_plan(phone, FULL)
    go(phone, "#overview")
    links = phone.locator(".child-links a")
    assert links.all_text_contents() == ["Page for Sofía Morales Núñez", "Page for Andrés Morales Núñez", "Page for Lucía Morales Núñez"]
    assert all("Morales" not in (href or "") for href in links.evaluate_all("(a) => a.map((l) => l.getAttribute('href'))"))
    links.first.click()
    phone.wait_for_selector(".child-page")
    assert phone.url.endswith("#child=p-2c91f7aa")
    page = phone.locator(".child-page")
    assert page.locator("h2").text_content() == "For Sofía Morales Núñez"
    assert phone.evaluate("document.activeElement.id") == "child-title"
    lists = page.locator(".child-list")
    assert lists.nth(0).locator(".child-name").all_text_contents() == ["Rosa Elena Núñez Peña", "Carmen Ávila Ochoa"]
    assert page.locator(".child-school").text_content() == "At Ejemplo Middle School (fictional):"
    assert lists.nth(1).locator(".child-name").all_text_contents() == ["Rosa Elena Núñez Peña", "Carmen Ávila Ochoa"]
    numbers = page.locator(".child-numbers li")
    assert numbers.locator(".child-name").all_text_contents() == [
        "Rosa Elena Núñez Peña", "Carmen Ávila Ochoa", "Tomás Ibáñez Ortega", "Guadalupe Peña de Núñez"]
    assert numbers.locator(".child-number").all_text_contents() == ["(414) 555-0143", "414-555-0190", "(312) 555-0166", "+502 5555 0123"]
    assert numbers.locator("a").first.get_attribute("href") == "tel:4145550143"
    assert page.locator(".child-steps li").count() == 5
    assert page.locator(".child-family-words").text_content().startswith("Stay at school or daycare.")
    assert "Front steps of Carmen's house" in page.locator(".child-meeting").text_content()

    go(phone, "#child=p-94ac6e02")  # Lucía: no number to memorize yet, picked up at daycare
    assert phone.locator(".child-numbers").count() == 0
    assert "Ask your family which phone number to learn by heart." in phone.locator(".child-page").text_content()
    assert phone.locator(".child-school").text_content() == "At Pasitos Daycare (fictional):"
    phone.evaluate("window.location.hash = '#child=p-7f3a9c21'")  # an adult has no child page
    phone.wait_for_selector(".overview")
