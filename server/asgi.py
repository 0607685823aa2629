"""``server.asgi:app`` for uvicorn and other ASGI servers; each worker builds its own copy."""

from server.app import create_app

app = create_app()
