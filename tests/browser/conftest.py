"""Fixtures shared by the browser tests of the plan."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, Page

from tests.browser.back_forward_cache import BFCACHE_OFF
from tests.browser.plan_helpers import open_context


@pytest.fixture
def phone(browser: Browser, device_descriptor: dict[str, Any]) -> Iterator[Page]:
    """A fresh emulated phone whose page lets tests read the plan session."""
    context = browser.new_context(**device_descriptor)
    open_context(context)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def bfcache_browser(browser_type: BrowserType, browser_type_launch_args: dict[str, Any]) -> Iterator[Browser]:
    """Chromium with its back/forward cache on, as on phones (Playwright turns it off)."""
    browser = browser_type.launch(**browser_type_launch_args, ignore_default_args=[BFCACHE_OFF])
    yield browser
    browser.close()


@pytest.fixture
def bfcache_context(bfcache_browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[BrowserContext]:
    context = bfcache_browser.new_context(**browser_context_args)
    yield context
    context.close()
