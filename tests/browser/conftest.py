"""Fixtures shared by the browser tests of the plan."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.plan_helpers import open_context


@pytest.fixture
def phone(browser: Browser, device_descriptor: dict[str, Any]) -> Iterator[Page]:
    """A fresh emulated phone whose page lets tests read the plan session."""
    context = browser.new_context(**device_descriptor)
    open_context(context)
    page = context.new_page()
    yield page
    context.close()
