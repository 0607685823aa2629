"""`famplan inspect|decrypt|encrypt`: command-line access to `.famplan` files.

For support and test vectors only; the app itself never calls these.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any, Callable

from server.fileformat import (
    DEFAULT_ITERATIONS,
    KINDS,
    MAX_FILE_BYTES,
    MAX_PLAINTEXT_BYTES,
    FileFormatError,
    decrypt_file,
    encrypt_plan,
    read_header,
)

EXIT_FORMAT_ERROR = 1
EXIT_USAGE_ERROR = 2
EXIT_CANCELLED = 130
MAX_PASSPHRASE_FILE_BYTES = 64 * 1024


class UsageError(Exception):
    """Bad command-line input (unreadable file, mismatched passphrases, ...)."""


def add_file_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    inspect = subparsers.add_parser("inspect", help="print a .famplan file's header as JSON (no passphrase)")
    inspect.add_argument("file", type=Path, help="the .famplan file")
    inspect.set_defaults(file_command="inspect", func=run_file_command)

    decrypt = subparsers.add_parser("decrypt", help="decrypt a .famplan file and print its payload JSON")
    decrypt.add_argument("file", type=Path, help="the .famplan file")
    decrypt.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file")
    decrypt.set_defaults(file_command="decrypt", func=run_file_command)

    encrypt = subparsers.add_parser("encrypt", help="encrypt a payload JSON into a .famplan file")
    encrypt.add_argument("--in", dest="input", type=Path, help="payload JSON file (default: stdin)")
    encrypt.add_argument("--out", required=True, type=Path, help="the .famplan file to write")
    encrypt.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file")
    encrypt.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS, help="PBKDF2 iterations")
    encrypt.add_argument("--kind", choices=KINDS, help="default: the payload's kind, else full")
    encrypt.set_defaults(file_command="encrypt", func=run_file_command)


def run_file_command(args: argparse.Namespace) -> int:
    """Run the subcommand; errors become one line on stderr and a non-zero exit code."""
    handler = _HANDLERS[args.file_command]
    try:
        return handler(args)
    except FileFormatError as exc:
        return _fail(f"{exc.code}: {exc}", EXIT_FORMAT_ERROR)
    except (UsageError, ValueError) as exc:
        return _fail(str(exc), EXIT_USAGE_ERROR)
    except OSError as exc:
        return _fail(f"{exc.filename or ''}: {exc.strerror or exc}", EXIT_USAGE_ERROR)
    except (KeyboardInterrupt, EOFError):
        return _fail("cancelled", EXIT_CANCELLED)


def _fail(message: str, code: int) -> int:
    print(f"famplan: error: {message}", file=sys.stderr)
    return code


def _inspect(args: argparse.Namespace) -> int:
    header = read_header(_read_limited(args.file))
    _print_json(header.to_json(), ensure_ascii=True)
    return 0


def _decrypt(args: argparse.Namespace) -> int:
    data = _read_limited(args.file)
    read_header(data)  # fail on a bad file before asking for a passphrase
    payload = decrypt_file(data, _passphrase(args.passphrase_file, confirm=False))
    _print_json(payload, ensure_ascii=False)
    return 0


def _encrypt(args: argparse.Namespace) -> int:
    payload = _load_payload_json(args.input)
    kind = args.kind or payload.get("kind") or "full"
    passphrase = _passphrase(args.passphrase_file, confirm=True)
    data = encrypt_plan(payload, passphrase, iterations=args.iterations, kind=kind)
    args.out.write_bytes(data)
    return 0


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "inspect": _inspect,
    "decrypt": _decrypt,
    "encrypt": _encrypt,
}


def _read_limited(path: Path) -> bytes:
    # One byte past the limit is enough for the reader to report too-large.
    with path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def _load_payload_json(path: Path | None) -> dict[str, Any]:
    if path is None:
        text = sys.stdin.read(MAX_PLAINTEXT_BYTES + 1)
        source = "stdin"
    else:
        with path.open("rb") as handle:
            raw = handle.read(MAX_PLAINTEXT_BYTES + 1)
        source = str(path)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"{source} is not UTF-8") from None
    try:
        payload = json.loads(text)
    except (ValueError, RecursionError):
        raise UsageError(f"{source} is not valid JSON") from None
    if not isinstance(payload, dict):
        raise UsageError(f"{source} must hold a JSON object with plan and schemaVersion")
    return payload


def _passphrase(path: Path | None, *, confirm: bool) -> str:
    passphrase = _passphrase_from_file(path) if path is not None else _prompt(confirm)
    if not passphrase:
        raise UsageError("the passphrase is empty")
    return passphrase


def _passphrase_from_file(path: Path) -> str:
    with path.open("rb") as handle:
        raw = handle.read(MAX_PASSPHRASE_FILE_BYTES + 1)
    if len(raw) > MAX_PASSPHRASE_FILE_BYTES:
        raise UsageError(f"{path}: too long for a passphrase file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: the passphrase file is not UTF-8") from None
    # Only the line ending an editor adds is removed; other spaces belong to the passphrase.
    return text.removesuffix("\n").removesuffix("\r")


def _prompt(confirm: bool) -> str:
    passphrase = getpass.getpass("Passphrase: ")
    if confirm and getpass.getpass("Repeat passphrase: ") != passphrase:
        raise UsageError("the passphrases do not match")
    return passphrase


def _print_json(value: Any, *, ensure_ascii: bool) -> None:
    text = json.dumps(value, ensure_ascii=ensure_ascii, indent=2) + "\n"
    # Plans hold Arabic, Burmese, ...: write UTF-8 whatever the terminal's locale.
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8"))
        buffer.flush()
