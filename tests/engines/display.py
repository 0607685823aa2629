"""A virtual X display for WebKitGTK, which has no headless mode."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile


class VirtualDisplay:
    def __init__(self) -> None:
        xvfb = shutil.which("Xvfb")
        if xvfb is None:
            raise RuntimeError("Xvfb is not installed (Debian: apt-get install xvfb xauth); WebKitGTK needs a display")
        read, write = os.pipe()
        self._log = tempfile.TemporaryFile()
        # -displayfd: Xvfb picks a free display number itself and writes it once it is ready.
        self._process = subprocess.Popen(
            [xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
            pass_fds=(write,), stdout=self._log, stderr=self._log,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            self._process.kill()
            self._log.seek(0)
            raise RuntimeError(f"Xvfb did not start: {self._log.read().decode(errors='replace')[-2000:]}")
        self.name = f":{number}"

    def stop(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)
        self._log.close()
