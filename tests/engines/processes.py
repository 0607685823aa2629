"""Killing a browser as a phone's system would: every process at once, then
waiting until none of them holds a file of the profile any more."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def descendants(root: int) -> list[int]:
    """`root` and every process started under it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        current = queue.pop()
        found.append(current)
        queue.extend(children.get(current, []))
    return found


def is_dead(pid: int) -> bool:
    """Gone, or a zombie whose every thread has exited (a thread stuck in fsync keeps its files open)."""
    try:
        states = [(task / "stat").read_text().rsplit(")", 1)[1].split()[0] for task in Path(f"/proc/{pid}/task").iterdir()]
    except OSError:
        return True
    return all(state in ("Z", "X") for state in states)


def kill_tree(root: int, timeout: float = 60) -> None:
    pids = descendants(root)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while not all(is_dead(pid) for pid in pids):
        if time.monotonic() > deadline:
            raise AssertionError(f"the killed browser's processes {pids} did not exit within {timeout} s")
        time.sleep(0.02)


def wait_gone(pids: list[int], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not all(is_dead(pid) for pid in pids):
        if time.monotonic() > deadline:
            raise AssertionError(f"the browser's processes {pids} did not exit within {timeout} s")
        time.sleep(0.02)
