"""`famplan inspect|decrypt|encrypt`: command-line access to `.famplan` files.

For support and test vectors only; the app itself never calls these.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from server.error_line import print_error
from server.fileformat import (
    DEFAULT_ITERATIONS,
    KINDS,
    MAX_FILE_BYTES,
    FileFormatError,
    decrypt_file,
    encrypt_plan,
    read_header,
)

EXIT_FORMAT_ERROR = 1
EXIT_USAGE_ERROR = 2
EXIT_CANCELLED = 130
# A passphrase file holds one line; this bound only stops a wrong file being read whole.
MAX_PASSPHRASE_FILE_BYTES = 64 * 1024
# The payload JSON that `encrypt` reads: room for the indentation `decrypt` prints
# around the largest plaintext (3 MiB compact), and no more.
MAX_PAYLOAD_INPUT_BYTES = 16 * 1024 * 1024
STDIN = "standard input"
STDOUT = "standard output"


class CommandError(Exception):
    """Anything but a file-format error: `code` and a message, for one error line."""

    def __init__(self, code: str, message: str, status: int = EXIT_USAGE_ERROR) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


@contextmanager
def _naming(name: str) -> Iterator[None]:
    """An OSError while reading or writing `name` says which file or stream failed."""
    try:
        yield
    except OSError as exc:
        raise CommandError("io-error", f"{name}: {exc.strerror or exc}") from None


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
    """Run the subcommand; every error becomes one line on stderr and a non-zero exit status."""
    handler = _HANDLERS[args.file_command]
    try:
        return handler(args)
    except FileFormatError as exc:
        print_error(exc.code, str(exc))
        return EXIT_FORMAT_ERROR
    except CommandError as exc:
        print_error(exc.code, str(exc))
        return exc.status
    except ValueError as exc:  # encrypt_plan's argument checks: iterations, kind
        print_error("usage", str(exc))
        return EXIT_USAGE_ERROR
    except (KeyboardInterrupt, EOFError):
        print_error("cancelled", "cancelled")
        return EXIT_CANCELLED


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
    source = str(args.input) if args.input is not None else STDIN
    payload = _load_payload_json(source, _read_payload_input(args.input, source))
    kind = args.kind or payload.get("kind") or "full"
    passphrase = _passphrase(args.passphrase_file, confirm=True)
    try:
        data = encrypt_plan(payload, passphrase, iterations=args.iterations, kind=kind)
    except FileFormatError as exc:  # the writer's too-large and invalid-payload
        raise CommandError(exc.code, f"{source}: this payload cannot be written: {exc.detail}") from None
    with _naming(str(args.out)):
        args.out.write_bytes(data)
    return 0


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "inspect": _inspect,
    "decrypt": _decrypt,
    "encrypt": _encrypt,
}


def _read_limited(path: Path) -> bytes:
    # One byte past the limit is enough for the reader to report too-large.
    with _naming(str(path)), path.open("rb") as handle:
        return handle.read(MAX_FILE_BYTES + 1)


def _read_payload_input(path: Path | None, source: str) -> bytes:
    """The whole payload JSON, or a clear refusal if it is larger than anyone could mean."""
    with _naming(source):
        if path is not None:
            with path.open("rb") as handle:
                raw = handle.read(MAX_PAYLOAD_INPUT_BYTES + 1)
        elif hasattr(sys.stdin, "buffer"):
            raw = sys.stdin.buffer.read(MAX_PAYLOAD_INPUT_BYTES + 1)
        else:  # a text stream put in place of stdin
            raw = sys.stdin.read(MAX_PAYLOAD_INPUT_BYTES + 1).encode("utf-8", "surrogatepass")
    if len(raw) > MAX_PAYLOAD_INPUT_BYTES:
        raise CommandError("bad-input", f"{source}: more than {MAX_PAYLOAD_INPUT_BYTES:,} bytes, too large for a payload")
    return raw


def _load_payload_json(source: str, raw: bytes) -> dict[str, Any]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError("bad-input", f"{source} is not UTF-8") from None
    try:
        payload = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise CommandError("bad-input", f"{source} is not valid JSON") from None
    if not isinstance(payload, dict):
        raise CommandError("bad-input", f"{source} must hold a JSON object with plan and schemaVersion")
    return payload


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _passphrase(path: Path | None, *, confirm: bool) -> str:
    passphrase = _passphrase_from_file(path) if path is not None else _prompt(confirm)
    if not passphrase:
        raise CommandError("bad-input", "the passphrase is empty")
    return passphrase


def _passphrase_from_file(path: Path) -> str:
    """docs/file-format.md section 16: UTF-8, one line; a BOM and one line ending are not part of it."""
    with _naming(str(path)), path.open("rb") as handle:
        raw = handle.read(MAX_PASSPHRASE_FILE_BYTES + 1)
    if len(raw) > MAX_PASSPHRASE_FILE_BYTES:
        raise CommandError("bad-input", f"{path}: longer than {MAX_PASSPHRASE_FILE_BYTES:,} bytes, not a passphrase file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError("bad-input", f"{path}: the passphrase file is not UTF-8") from None
    # Notepad starts a UTF-8 file with a byte order mark; an editor ends it with a line ending.
    text = text.removeprefix("\ufeff")
    for ending in ("\r\n", "\n", "\r"):
        if text.endswith(ending):
            text = text[: -len(ending)]
            break
    if "\n" in text or "\r" in text:
        raise CommandError("bad-input", f"{path}: the passphrase file holds more than one line")
    return text


def _prompt(confirm: bool) -> str:
    with _naming("the terminal"):
        passphrase = getpass.getpass("Passphrase: ")
        repeated = getpass.getpass("Repeat passphrase: ") if confirm else passphrase
    if repeated != passphrase:
        raise CommandError("bad-input", "the passphrases do not match")
    return passphrase


def _print_json(value: Any, *, ensure_ascii: bool) -> None:
    text = json.dumps(value, ensure_ascii=ensure_ascii, indent=2) + "\n"
    # Plans hold Arabic, Burmese, ...: write UTF-8 whatever the terminal's locale.
    try:
        with _naming(STDOUT):
            sys.stdout.flush()
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:
                sys.stdout.write(text)
            else:
                buffer.write(text.encode("utf-8"))
                buffer.flush()
    except CommandError:
        _silence_stdout()
        raise


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; on a broken pipe that would add a traceback.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor behind stdout (tests)
        pass
