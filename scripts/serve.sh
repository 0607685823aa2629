#!/usr/bin/env bash
# Set up everything and run the app on the built-in default configuration
# (Milwaukee). Extra arguments go to `famplan serve`, e.g. --port 9000.
source "$(dirname "$0")/_env.sh"
install_project ""
exec "$ROOT/.venv/bin/famplan" serve "$@"
