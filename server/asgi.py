"""``server.asgi:app`` for uvicorn and other ASGI servers.

Under `famplan serve`, every worker serves the one folder it built before
starting them. Run by another ASGI server, each process builds its own copy
into a temporary folder, removed when the process ends.
"""

from server.app import app_from_environment

app = app_from_environment()
