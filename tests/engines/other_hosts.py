"""A proxy that every engine under test sends all traffic to, except to loopback.

The app's own server is on 127.0.0.1, so any request that reaches this proxy is a
request to another host: from a page, a worker, or the browser itself. It answers
every one with 403 and remembers its first line ("CONNECT host:443", "GET http://host/")."""

from __future__ import annotations

import socket
import threading


class OtherHostsProxy:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self.port = self._socket.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._socket.close()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(10)
            received = b""
            try:
                while b"\r\n" not in received and len(received) < 65536:
                    chunk = connection.recv(4096)
                    if not chunk:
                        break
                    received += chunk
                self.requests.append(received.split(b"\r\n", 1)[0].decode("latin-1") or "(a connection that sent nothing)")
                connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                self.requests.append(received.split(b"\r\n", 1)[0].decode("latin-1") or "(a connection that sent nothing)")
