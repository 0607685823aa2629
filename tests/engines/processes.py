"""Killing a browser as a phone's system would: every process at once, then
waiting until none of them holds a file of the profile any more."""

from __future__ import annotations

import time
from typing import Callable

from tests.browser.browser_process import descendants, is_dead, kill_and_wait

__all__ = ["descendants", "is_dead", "kill_tree", "wait_gone"]


def kill_tree(root: int, released: Callable[[], bool] = lambda: True, timeout: float = 120) -> None:
    """SIGKILLs `root` and its descendants; returns once every thread of them has
    exited and `released()` says the profile's files are free."""
    pids = descendants(root)
    kill_and_wait(pids, released, f"the killed browser's processes {pids} did not let go of the profile within {timeout} s", timeout)


def wait_gone(pids: list[int], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not all(is_dead(pid) for pid in pids):
        if time.monotonic() > deadline:
            raise AssertionError(f"the browser's processes {pids} did not exit within {timeout} s")
        time.sleep(0.02)
