"""Reference reader and writer for `.famplan` files, format version 1.

The specification is docs/file-format.md; this module follows it step by
step so a browser (WebCrypto) implementation can be checked against it.
"""

from __future__ import annotations

import base64
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

from server.format_json import load_json, scalar_string
from server.plan_schema import current_version as current_plan_schema_version

FORMAT: Final = "famplan"
VERSION: Final = 1
KDF_ALG: Final = "PBKDF2-SHA256"
AEAD_ALG: Final = "A256GCM"

DEFAULT_ITERATIONS: Final = 600_000
MIN_ITERATIONS: Final = 600_000
MAX_ITERATIONS: Final = 10_000_000

SALT_BYTES: Final = 16
IV_BYTES: Final = 12
KEY_BYTES: Final = 32
TAG_BYTES: Final = 16
WRAPPED_KEY_BYTES: Final = KEY_BYTES + TAG_BYTES
MIN_CIPHERTEXT_BYTES: Final = 1 + TAG_BYTES

MAX_FILE_BYTES: Final = 5 * 1024 * 1024
MAX_HEADER_BYTES: Final = 1024
MAX_PLAINTEXT_BYTES: Final = 3 * 1024 * 1024

KINDS: Final = ("full", "caregiver")

OUTER_KEYS: Final = frozenset({"format", "version", "header", "wrappedKey", "ciphertext"})
HEADER_KEYS: Final = frozenset({"format", "version", "kdf", "wrap", "payload"})
KDF_KEYS: Final = frozenset({"alg", "iterations", "salt"})
AEAD_KEYS: Final = frozenset({"alg", "iv"})

# Machine-readable code -> English text (the CLI prints it; the app localises by code).
ERROR_MESSAGES: Final[dict[str, str]] = {
    "too-large": "the file is too large to be a plan file",
    "empty": "the file is empty",
    "not-json": "this is not a plan file (not JSON text)",
    "not-famplan": "this is not a famplan file",
    "unsupported-version": "this file was made by a version of the app that this one cannot read",
    "malformed-field": "the file is damaged: a field is missing or invalid",
    "kdf-out-of-bounds": "the file asks for key-derivation settings outside the safe range",
    "wrong-passphrase-or-tampered": "wrong passphrase, or the file was changed after it was made",
    "payload-damaged": "the passphrase is right but the file's contents are damaged",
    "invalid-payload": "the file decrypted but does not contain a valid plan",
    "newer-schema": "the plan was made by a newer version of the app; update the app to open it",
}


# An error names what is wrong, never echoes the file at length (a hostile file may
# hold 20,000 unknown members, or a member name of 100,000 characters).
NAMES_SHOWN: Final = 3
NAME_CHARS_SHOWN: Final = 32


def shown_names(names: list[str]) -> str:
    """At most NAMES_SHOWN names, each cut to NAME_CHARS_SHOWN characters, ASCII-escaped."""
    quoted = [json.dumps(name[:NAME_CHARS_SHOWN]) + ("…" if len(name) > NAME_CHARS_SHOWN else "") for name in names[:NAMES_SHOWN]]
    more = len(names) - len(quoted)
    return "[" + ", ".join(quoted + ([f"{more} more"] if more else [])) + "]"


def shown_number(value: int) -> str:
    """An integer read from a file: in full while short, else as 1.23e+300."""
    return str(value) if abs(value) < 10**15 else f"{float(value):.3g}"


class FileFormatError(Exception):
    """A file could not be read or written; `.code` is one of ERROR_MESSAGES."""

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in ERROR_MESSAGES:
            raise ValueError(f"unknown error code {code!r}")
        self.code = code
        self.detail = detail
        text = ERROR_MESSAGES[code] + (f" ({detail})" if detail else "")
        super().__init__(text)


@dataclass(frozen=True)
class Header:
    """Everything a reader learns from a file without the passphrase."""

    version: int
    kdf_alg: str
    iterations: int
    salt: bytes
    wrap_alg: str
    wrap_iv: bytes
    wrapped_key: bytes
    payload_alg: str
    payload_iv: bytes
    ciphertext_length: int
    header_bytes: bytes  # the exact AAD of both AES-GCM operations

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "kdf": {"alg": self.kdf_alg, "iterations": self.iterations, "salt": b64url_encode(self.salt)},
            "wrap": {"alg": self.wrap_alg, "iv": b64url_encode(self.wrap_iv)},
            "payload": {"alg": self.payload_alg, "iv": b64url_encode(self.payload_iv)},
            "wrappedKey": b64url_encode(self.wrapped_key),
            "ciphertextBytes": self.ciphertext_length,
        }


# --- encodings ---------------------------------------------------------------

_B64URL_RE: Final = re.compile(r"[A-Za-z0-9_-]*")


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url without padding; raises ValueError on anything else."""
    if not _B64URL_RE.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not base64url without padding")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    # Re-encoding rejects non-zero leftover bits, so each byte string has one spelling.
    if b64url_encode(data) != text:
        raise ValueError("non-canonical base64url")
    return data


def _as_int(value: Any) -> int | None:
    """An integer-valued JSON number (Number.isInteger semantics), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def passphrase_bytes(passphrase: str) -> bytes:
    """NFC-normalised UTF-8, lone surrogates replaced by U+FFFD as TextEncoder does."""
    return unicodedata.normalize("NFC", scalar_string(passphrase)).encode("utf-8")


# --- key derivation and AEAD -------------------------------------------------


def derive_wrapping_key(secret: bytes, salt: bytes, iterations: int) -> bytes:
    """PBKDF2-HMAC-SHA256 -> 32-byte AES key that wraps the file key."""
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise FileFormatError("kdf-out-of-bounds", f"iterations={shown_number(iterations)}")
    return PBKDF2HMAC(hashes.SHA256(), KEY_BYTES, salt, iterations).derive(secret)


def _open(key: bytes, iv: bytes, sealed: bytes, aad: bytes, failure_code: str) -> bytes:
    try:
        return AESGCM(key).decrypt(iv, sealed, aad)
    except InvalidTag:
        raise FileFormatError(failure_code) from None


# --- reading -----------------------------------------------------------------


def _check_size(data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise FileFormatError("too-large", f"{len(data)} bytes, limit {MAX_FILE_BYTES}")
    if not data.strip(b" \t\r\n"):
        raise FileFormatError("empty")


def _load_outer(data: bytes) -> dict[str, Any]:
    try:
        outer = load_json(data)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise FileFormatError("not-json", str(exc)) from None
    if not isinstance(outer, dict) or outer.get("format") != FORMAT:
        raise FileFormatError("not-famplan")
    if "version" not in outer:
        raise FileFormatError("malformed-field", "version missing")
    version = _as_int(outer["version"])
    if version is None:
        raise FileFormatError("malformed-field", "version is not an integer")
    if version != VERSION:
        raise FileFormatError("unsupported-version", f"version {shown_number(version)}")
    _require_keys(outer, OUTER_KEYS, "file")
    return outer


def _require_keys(obj: dict[str, Any], expected: frozenset[str], where: str) -> None:
    # Unknown members are rejected: a v1 reader must not silently skip meaning.
    if set(obj) != expected:
        unknown = sorted(set(obj) - expected)
        missing = sorted(expected - set(obj))
        raise FileFormatError("malformed-field", f"{where}: unknown {shown_names(unknown)}, missing {shown_names(missing)}")


def _b64_field(obj: dict[str, Any], name: str, where: str, length: int | None = None) -> bytes:
    value = obj[name]
    try:
        if not isinstance(value, str):
            raise ValueError("not a string")
        raw = b64url_decode(value)
    except ValueError as exc:
        raise FileFormatError("malformed-field", f"{where}.{name}: {exc}") from None
    if length is not None and len(raw) != length:
        raise FileFormatError("malformed-field", f"{where}.{name}: {len(raw)} bytes, expected {length}")
    return raw


def _decode_ciphertext(outer: dict[str, Any]) -> bytes:
    ciphertext = _b64_field(outer, "ciphertext", "file")
    if len(ciphertext) < MIN_CIPHERTEXT_BYTES:
        raise FileFormatError("malformed-field", "file.ciphertext: too short")
    if len(ciphertext) > MAX_PLAINTEXT_BYTES + TAG_BYTES:
        raise FileFormatError("too-large", "ciphertext longer than the plaintext limit")
    return ciphertext


def _load_header(header_bytes: bytes) -> dict[str, Any]:
    if len(header_bytes) > MAX_HEADER_BYTES:
        raise FileFormatError("malformed-field", "header too long")
    try:
        header = load_json(header_bytes)
    except ValueError as exc:
        raise FileFormatError("malformed-field", f"header: {exc}") from None
    if not isinstance(header, dict):
        raise FileFormatError("malformed-field", "header is not an object")
    _require_keys(header, HEADER_KEYS, "header")
    # The header repeats format and version so that they are authenticated.
    if header["format"] != FORMAT or _as_int(header["version"]) != VERSION:
        raise FileFormatError("malformed-field", "header format/version differ from the file's")
    return header


def _sub_object(header: dict[str, Any], name: str, keys: frozenset[str], alg: str) -> dict[str, Any]:
    obj = header[name]
    if not isinstance(obj, dict):
        raise FileFormatError("malformed-field", f"header.{name} is not an object")
    _require_keys(obj, keys, f"header.{name}")
    if obj["alg"] != alg:
        raise FileFormatError("malformed-field", f"header.{name}.alg must be {alg}")
    return obj


def _iterations(kdf: dict[str, Any]) -> int:
    iterations = _as_int(kdf["iterations"])
    if iterations is None:
        raise FileFormatError("malformed-field", "header.kdf.iterations is not an integer")
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise FileFormatError(
            "kdf-out-of-bounds", f"iterations={shown_number(iterations)}, allowed {MIN_ITERATIONS}..{MAX_ITERATIONS}"
        )
    return iterations


def _parse(data: bytes) -> tuple[Header, bytes]:
    """Every check that needs no passphrase, in the order the spec lists them."""
    _check_size(data)
    outer = _load_outer(data)
    header_bytes = _b64_field(outer, "header", "file")
    wrapped_key = _b64_field(outer, "wrappedKey", "file", WRAPPED_KEY_BYTES)
    ciphertext = _decode_ciphertext(outer)
    header = _load_header(header_bytes)
    kdf = _sub_object(header, "kdf", KDF_KEYS, KDF_ALG)
    iterations = _iterations(kdf)
    salt = _b64_field(kdf, "salt", "header.kdf", SALT_BYTES)
    wrap = _sub_object(header, "wrap", AEAD_KEYS, AEAD_ALG)
    wrap_iv = _b64_field(wrap, "iv", "header.wrap", IV_BYTES)
    payload = _sub_object(header, "payload", AEAD_KEYS, AEAD_ALG)
    payload_iv = _b64_field(payload, "iv", "header.payload", IV_BYTES)
    parsed = Header(
        version=VERSION,
        kdf_alg=KDF_ALG,
        iterations=iterations,
        salt=salt,
        wrap_alg=AEAD_ALG,
        wrap_iv=wrap_iv,
        wrapped_key=wrapped_key,
        payload_alg=AEAD_ALG,
        payload_iv=payload_iv,
        ciphertext_length=len(ciphertext),
        header_bytes=header_bytes,
    )
    return parsed, ciphertext


def read_header(data: bytes) -> Header:
    """Validate everything that can be checked without the passphrase. Never runs the KDF."""
    return _parse(data)[0]


def _load_payload(plaintext: bytes, max_schema_version: int) -> dict[str, Any]:
    try:
        payload = load_json(plaintext)
    except ValueError as exc:
        raise FileFormatError("invalid-payload", str(exc)) from None
    if not isinstance(payload, dict):
        raise FileFormatError("invalid-payload", "not an object")
    schema_version = _as_int(payload.get("schemaVersion"))
    if schema_version is None or schema_version < 1:
        raise FileFormatError("invalid-payload", "schemaVersion must be an integer >= 1")
    if schema_version > max_schema_version:
        raise FileFormatError("newer-schema", f"schemaVersion {shown_number(schema_version)}, supported {max_schema_version}")
    if not isinstance(payload.get("plan"), dict):
        raise FileFormatError("invalid-payload", "plan must be an object")
    if payload.get("kind") not in KINDS:
        raise FileFormatError("invalid-payload", "kind must be one of " + ", ".join(KINDS))
    payload["schemaVersion"] = schema_version
    return payload


def decrypt_file(data: bytes, passphrase: str, *, max_schema_version: int | None = None) -> dict[str, Any]:
    """Return the decrypted payload `{"schemaVersion", "kind", "plan", ...}` or raise FileFormatError.

    `max_schema_version` defaults to the plan schema version this build understands.
    """
    header, ciphertext = _parse(data)
    if not passphrase:
        # No file has an empty passphrase (writers refuse one): no KDF to run.
        raise FileFormatError("wrong-passphrase-or-tampered", "the passphrase is empty")
    wrapping_key = derive_wrapping_key(passphrase_bytes(passphrase), header.salt, header.iterations)
    file_key = _open(wrapping_key, header.wrap_iv, header.wrapped_key, header.header_bytes, "wrong-passphrase-or-tampered")
    plaintext = _open(file_key, header.payload_iv, ciphertext, header.header_bytes, "payload-damaged")
    newest = current_plan_schema_version() if max_schema_version is None else max_schema_version
    return _load_payload(plaintext, newest)


# --- writing -----------------------------------------------------------------


def _check_encrypt_args(passphrase: str, iterations: int, kind: str) -> None:
    if not passphrase:
        raise ValueError("the passphrase must not be empty")
    if isinstance(iterations, bool) or not isinstance(iterations, int):
        raise ValueError("iterations must be an integer")
    if not MIN_ITERATIONS <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be between {MIN_ITERATIONS} and {MAX_ITERATIONS}")
    if kind not in KINDS:
        raise ValueError("kind must be one of " + ", ".join(KINDS))


def _payload_plaintext(plan_payload: dict[str, Any], kind: str) -> bytes:
    if not isinstance(plan_payload, dict) or not isinstance(plan_payload.get("plan"), dict):
        raise FileFormatError("invalid-payload", "plan must be an object")
    schema_version = plan_payload.get("schemaVersion")
    if isinstance(schema_version, bool) or not isinstance(schema_version, int) or schema_version < 1:
        raise FileFormatError("invalid-payload", "schemaVersion must be an integer >= 1")
    if plan_payload.get("kind", kind) != kind:
        raise ValueError("the payload's kind differs from the kind argument")
    extras = {k: v for k, v in plan_payload.items() if k not in ("schemaVersion", "kind", "plan")}
    payload = {"schemaVersion": schema_version, "kind": kind, "plan": plan_payload["plan"], **extras}
    try:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        plaintext = text.encode("utf-8")
    except (TypeError, ValueError, RecursionError) as exc:
        raise FileFormatError("invalid-payload", f"not serialisable as JSON: {exc}") from None
    if len(plaintext) > MAX_PLAINTEXT_BYTES:
        raise FileFormatError("too-large", f"plaintext {len(plaintext)} bytes, limit {MAX_PLAINTEXT_BYTES}")
    try:
        load_json(plaintext)  # write nothing a reader refuses: nesting too deep, a number beyond a double
    except ValueError as exc:
        raise FileFormatError("invalid-payload", f"readers would refuse it: {exc}") from None
    return plaintext


def _header_json(iterations: int, salt: bytes, wrap_iv: bytes, payload_iv: bytes) -> bytes:
    header = {
        "format": FORMAT,
        "version": VERSION,
        "kdf": {"alg": KDF_ALG, "iterations": iterations, "salt": b64url_encode(salt)},
        "wrap": {"alg": AEAD_ALG, "iv": b64url_encode(wrap_iv)},
        "payload": {"alg": AEAD_ALG, "iv": b64url_encode(payload_iv)},
    }
    return json.dumps(header, separators=(",", ":")).encode("ascii")


def _envelope(header_bytes: bytes, wrapped_key: bytes, ciphertext: bytes) -> bytes:
    outer = {
        "format": FORMAT,
        "version": VERSION,
        "header": b64url_encode(header_bytes),
        "wrappedKey": b64url_encode(wrapped_key),
        "ciphertext": b64url_encode(ciphertext),
    }
    return json.dumps(outer, separators=(",", ":")).encode("ascii") + b"\n"


def _draw(rng: Callable[[int], bytes], n: int) -> bytes:
    value = rng(n)
    if not isinstance(value, bytes) or len(value) != n:
        raise ValueError(f"rng must return exactly {n} bytes")
    return value


def encrypt_plan(
    plan_payload: dict[str, Any],
    passphrase: str,
    *,
    iterations: int = DEFAULT_ITERATIONS,
    kind: str = "full",
    rng: Callable[[int], bytes] | None = None,
) -> bytes:
    """Encrypt `{"schemaVersion": int, "plan": {...}, ...}` into the bytes of a `.famplan` file.

    `rng(n)` supplies random bytes in the order salt(16), file key(32), wrap IV(12),
    payload IV(12). Only test-vector generation passes one; the default is os.urandom.
    """
    _check_encrypt_args(passphrase, iterations, kind)
    plaintext = _payload_plaintext(plan_payload, kind)
    draw = rng or os.urandom
    salt, file_key = _draw(draw, SALT_BYTES), _draw(draw, KEY_BYTES)
    wrap_iv, payload_iv = _draw(draw, IV_BYTES), _draw(draw, IV_BYTES)
    header_bytes = _header_json(iterations, salt, wrap_iv, payload_iv)
    wrapping_key = derive_wrapping_key(passphrase_bytes(passphrase), salt, iterations)
    wrapped_key = AESGCM(wrapping_key).encrypt(wrap_iv, file_key, header_bytes)
    ciphertext = AESGCM(file_key).encrypt(payload_iv, plaintext, header_bytes)
    return _envelope(header_bytes, wrapped_key, ciphertext)
