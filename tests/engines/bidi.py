"""A small WebDriver BiDi client (https://w3c.github.io/webdriver-bidi/) over
websocket-client: commands, and the events a test waits for. Firefox speaks BiDi
itself, so no geckodriver is needed."""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any, Callable

import websocket


class BidiError(RuntimeError):
    def __init__(self, method: str, error: str, message: str) -> None:
        super().__init__(f"{method}: {error}: {message}")
        self.error = error


class BidiConnection:
    def __init__(self, url: str) -> None:
        # Firefox refuses WebSocket upgrades that carry an Origin header.
        self._socket = websocket.create_connection(url, suppress_origin=True)
        self._ids = itertools.count(1)
        self._answers: dict[int, dict[str, Any]] = {}
        self._events: list[dict[str, Any]] = []
        self._listeners: list[Callable[[str, dict[str, Any]], None]] = []
        self._closed: str | None = None
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def on_event(self, listener: Callable[[str, dict[str, Any]], None]) -> None:
        """Called on the reading thread for every event, in the order the browser sent them."""
        self._listeners.append(listener)

    def command(self, method: str, timeout: float = 120, **params: Any) -> dict[str, Any]:
        number = next(self._ids)
        with self._changed:
            if self._closed:
                raise BidiError(method, "connection closed", self._closed)
        self._socket.send(json.dumps({"id": number, "method": method, "params": params}))
        with self._changed:
            if not self._changed.wait_for(lambda: number in self._answers or self._closed, timeout=timeout):
                raise TimeoutError(f"{method}: no answer within {timeout} s")
            if number not in self._answers:
                raise BidiError(method, "connection closed", self._closed or "")
            answer = self._answers.pop(number)
        if answer["type"] == "error":
            raise BidiError(method, answer["error"], answer.get("message", ""))
        return answer["result"]

    def wait_for_event(self, method: str, matches: Callable[[dict[str, Any]], bool], timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self._events:
                    if event["method"] == method and matches(event["params"]):
                        self._events.remove(event)
                        return event["params"]
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._closed:
                    raise TimeoutError(f"no {method} event within {timeout} s ({self._closed or 'connection open'})")
                self._changed.wait(remaining)

    def close(self) -> None:
        try:
            self._socket.close()
        except OSError:
            pass

    def _read(self) -> None:
        while True:
            try:
                message = json.loads(self._socket.recv())
            except Exception as error:  # the browser went away
                with self._changed:
                    self._closed = f"{type(error).__name__}: {error}"
                    self._changed.notify_all()
                return
            if message.get("type") == "event":
                for listener in self._listeners:
                    listener(message["method"], message["params"])
            with self._changed:
                if message.get("type") == "event":
                    self._events.append(message)
                    del self._events[:-500]  # only recent ones are waited for
                elif "id" in message:
                    self._answers[message["id"]] = message
                self._changed.notify_all()
