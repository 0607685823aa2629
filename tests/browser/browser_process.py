"""Killing a browser started on a profile folder, and waiting until it has
really let go of the profile's storage before the next launch."""

from __future__ import annotations

import fcntl
import os
import signal
import socket
import time
from pathlib import Path
from typing import Callable

from playwright.sync_api import BrowserContext

# The LevelDB databases whose LOCK a dead browser may still hold: IndexedDB's
# (the origin's and any bucket's) and the file system's directory index (OPFS).
STORAGE_FOLDERS = ("IndexedDB", "File System", "WebStorage")


def browser_pids(profile: Path) -> list[int]:
    """The browser started on `profile` and all its descendants (renderers, storage and network services)."""
    target = os.readlink(profile / "SingletonLock")  # "hostname-PID", written by Chromium itself
    host, _, pid = target.rpartition("-")
    assert host == socket.gethostname()
    return descendants(int(pid))


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
    """Gone, or a zombie whose every thread has exited. (A leader can be a zombie
    while another of its threads still sits in fsync, holding the process's files.)"""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
        states = [(task / "stat").read_text().rsplit(")", 1)[1].split()[0] for task in tasks]
    except OSError:
        return True
    return all(state in ("Z", "X") for state in states)


def storage_unlocked(profile: Path) -> bool:
    """No process holds a LevelDB lock of the profile's storage (Chromium takes them with fcntl)."""
    default = profile / "Default"
    for folder in STORAGE_FOLDERS:
        for lock in (default / folder).rglob("LOCK") if (default / folder).exists() else ():
            with lock.open("rb+") as handle:
                try:
                    fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    return False
                fcntl.lockf(handle, fcntl.LOCK_UN)
    return True


def kill_and_wait(pids: list[int], released: Callable[[], bool], failure: str, timeout: float = 120) -> None:
    """SIGKILLs every one of `pids` at once; returns once every thread of them has
    exited and `released()` says the profile's files are free."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + timeout
    while not (all(is_dead(pid) for pid in pids) and released()):
        assert time.monotonic() < deadline, failure
        time.sleep(0.02)


def kill_browser(context: BrowserContext, profile: Path) -> None:
    """SIGKILL to every process of the browser, as a phone's low-memory killer does."""
    # A process killed inside fsync (every save is a "strict" transaction) lives on
    # until the disk answers, still holding its storage locks. A phone never starts
    # the browser again on a profile its dead predecessor still holds, so neither do we.
    kill_and_wait(browser_pids(profile), lambda: storage_unlocked(profile), "the killed browser did not let go of its profile within 120 s")
    try:
        context.close()
    except Exception:  # the browser is gone: Playwright may say so
        pass
