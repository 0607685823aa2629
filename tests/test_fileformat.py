"""The `.famplan` v1 file format: reader, writer, vectors, fuzzing and the CLI."""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.util
import io
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from server import fileformat as ff
from server.file_commands import add_file_commands, run_file_command
from server.fileformat import FileFormatError, decrypt_file, encrypt_plan, read_header

ROOT = Path(__file__).resolve().parent.parent
VECTOR_DIR = ROOT / "tests" / "vectors"
DOC = ROOT / "docs" / "file-format.md"

PASSPHRASE = "búho-cántaro-maíz-lluvia"
PAYLOAD: dict[str, Any] = {
    "schemaVersion": 1,
    "plan": {"children": [{"name": "Sofía Ejemplo"}], "note": "ليلى — မောင်မောင် (ficticio)"},
}


def fixed_rng(seed: str) -> Callable[[int], bytes]:
    counter = iter(range(1_000))
    return lambda n: hashlib.sha256(f"{seed}/{next(counter)}".encode()).digest()[:n]


@pytest.fixture(scope="module")
def valid() -> bytes:
    return encrypt_plan(PAYLOAD, PASSPHRASE, rng=fixed_rng("valid"))


@pytest.fixture
def no_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any call to the KDF fails the test: the check under test must come first."""

    def forbidden(*_: object) -> bytes:
        raise AssertionError("the KDF ran")

    monkeypatch.setattr(ff, "derive_wrapping_key", forbidden)


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cheap stand-in for PBKDF2 (same inputs, same output size) for bulk tests."""

    def cheap(secret: bytes, salt: bytes, iterations: int) -> bytes:
        return hashlib.sha256(secret + salt + iterations.to_bytes(8, "big")).digest()

    monkeypatch.setattr(ff, "derive_wrapping_key", cheap)


def error_code(data: bytes, passphrase: str = PASSPHRASE) -> str:
    with pytest.raises(FileFormatError) as info:
        decrypt_file(data, passphrase)
    return info.value.code


# --- helpers to take a file apart and put it back together -------------------


def outer_of(data: bytes) -> dict[str, Any]:
    return json.loads(data)


def dump(outer: dict[str, Any]) -> bytes:
    return json.dumps(outer, separators=(",", ":")).encode()


def header_of(data: bytes) -> dict[str, Any]:
    return json.loads(ff.b64url_decode(outer_of(data)["header"]))


def _header_text(data: bytes) -> bytes:
    return ff.b64url_decode(outer_of(data)["header"])


def with_header_bytes(data: bytes, header_bytes: bytes) -> bytes:
    outer = outer_of(data)
    outer["header"] = ff.b64url_encode(header_bytes)
    return dump(outer)


def with_header(data: bytes, change: Callable[[dict[str, Any]], None]) -> bytes:
    header = header_of(data)
    change(header)
    return with_header_bytes(data, json.dumps(header, separators=(",", ":")).encode())


def flip_b64(value: str, byte_index: int = 0, bit: int = 0) -> str:
    raw = bytearray(ff.b64url_decode(value))
    raw[byte_index] ^= 1 << bit
    return ff.b64url_encode(bytes(raw))


def pbkdf2(secret: bytes, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", secret, salt, iterations, 32)


def module_kdf(secret: bytes, salt: bytes, iterations: int) -> bytes:
    return ff.derive_wrapping_key(secret, salt, iterations)  # looked up late: follows fast_kdf


def spec_seal(
    plaintext: bytes, passphrase: str, *, iterations: int, rnd: list[bytes], kdf: Callable[[bytes, bytes, int], bytes] = pbkdf2
) -> bytes:
    """The writer re-implemented from docs/file-format.md, with hashlib's PBKDF2 by default."""
    salt, file_key, wrap_iv, payload_iv = rnd
    header = (
        '{"format":"famplan","version":1,"kdf":{"alg":"PBKDF2-SHA256","iterations":%d,"salt":"%s"},'
        '"wrap":{"alg":"A256GCM","iv":"%s"},"payload":{"alg":"A256GCM","iv":"%s"}}'
        % (iterations, _b64(salt), _b64(wrap_iv), _b64(payload_iv))
    ).encode()
    secret = unicodedata.normalize("NFC", passphrase).encode()
    kek = kdf(secret, salt, iterations)
    wrapped = AESGCM(kek).encrypt(wrap_iv, file_key, header)
    ciphertext = AESGCM(file_key).encrypt(payload_iv, plaintext, header)
    return (
        '{"format":"famplan","version":1,"header":"%s","wrappedKey":"%s","ciphertext":"%s"}\n'
        % (_b64(header), _b64(wrapped), _b64(ciphertext))
    ).encode()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def random_parts(seed: str) -> list[bytes]:
    rng = fixed_rng(seed)
    return [rng(16), rng(32), rng(12), rng(12)]


def queue_rng(parts: list[bytes]) -> Callable[[int], bytes]:
    pending = list(parts)
    return lambda n: pending.pop(0)


# --- round trips -------------------------------------------------------------


def test_round_trip(valid: bytes) -> None:
    assert decrypt_file(valid, PASSPHRASE) == {**PAYLOAD, "kind": "full"}


def test_round_trip_caregiver_and_extra_payload_members() -> None:
    payload = {**PAYLOAD, "exportedAt": "2025-03-01"}
    data = encrypt_plan(payload, PASSPHRASE, kind="caregiver")
    assert decrypt_file(data, PASSPHRASE) == {**payload, "kind": "caregiver"}


def test_passphrase_is_nfc_normalised(valid: bytes) -> None:
    nfd = unicodedata.normalize("NFD", PASSPHRASE)
    assert nfd != PASSPHRASE
    assert decrypt_file(valid, nfd)["plan"] == PAYLOAD["plan"]


def test_every_export_uses_fresh_randomness() -> None:
    one, two = (read_header(encrypt_plan(PAYLOAD, PASSPHRASE)) for _ in range(2))
    assert one.salt != two.salt and one.wrap_iv != two.wrap_iv and one.payload_iv != two.payload_iv
    assert one.wrapped_key != two.wrapped_key


def test_writer_matches_the_spec_byte_for_byte() -> None:
    rnd = random_parts("spec")
    plaintext = json.dumps(
        {"schemaVersion": 1, "kind": "full", "plan": PAYLOAD["plan"]}, ensure_ascii=False, separators=(",", ":")
    ).encode()
    expected = spec_seal(plaintext, PASSPHRASE, iterations=600_000, rnd=rnd)
    assert encrypt_plan(PAYLOAD, PASSPHRASE, rng=queue_rng(rnd)) == expected


def test_read_header_never_runs_the_kdf(valid: bytes, no_kdf: None) -> None:
    header = read_header(valid)
    assert (header.version, header.iterations, len(header.salt)) == (1, 600_000, 16)
    assert header.header_bytes == ff.b64url_decode(outer_of(valid)["header"])
    assert header.to_json()["kdf"]["salt"] == header_of(valid)["kdf"]["salt"]


# --- inputs that must fail before the KDF, each with its own code -------------


def _deep_nesting(data: bytes) -> bytes:
    return b'{"format":"famplan","version":1,"x":' + b"[" * 200_000 + b"]" * 200_000 + b"}"


def nested(depth: int) -> bytes:
    """A JSON value `depth` deep: arrays and objects in turn, with a string of brackets inside."""
    opening = b"".join(b"[" if level % 2 else b'{"k":' for level in range(depth))
    closing = b"".join(b"]" if level % 2 else b"}" for level in reversed(range(depth)))
    return opening + b'"[[{]]"' + closing


def _extra_member(depth: int) -> Callable[[bytes], bytes]:
    """The file with one more member, nested so that the whole file is `depth` deep."""
    return lambda data: data.rstrip()[:-1] + b',"x":' + nested(depth - 1) + b"}"


def _with_raw_version(literal: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(b'"version":1,', b'"version":' + literal + b",", 1)


def _set(path: str, value: Any) -> Callable[[bytes], bytes]:
    """Set a member of the outer object ("version") or of the header ("h.kdf.salt")."""

    def apply(data: bytes) -> bytes:
        if path.startswith("h."):
            return with_header(data, lambda header: _assign(header, path[2:], value))
        outer = outer_of(data)
        _assign(outer, path, value)
        return dump(outer)

    return apply


def _assign(obj: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for name in parents:
        obj = obj[name]
    if value is _DELETE:
        del obj[last]
    else:
        obj[last] = value


_DELETE = object()
B64_17 = ff.b64url_encode(b"\x00" * 17)

PRE_KDF_CASES: list[tuple[str, Callable[[bytes], bytes], str]] = [
    ("random bytes", lambda d: random.Random(1).randbytes(2000), "not-json"),
    ("empty file", lambda d: b"", "empty"),
    ("only whitespace", lambda d: b" \r\n\t\n", "empty"),
    ("truncated to half", lambda d: d[: len(d) // 2], "not-json"),
    ("truncated inside the JSON", lambda d: d[:-3], "not-json"),
    ("broken json", lambda d: d.replace(b'","', b'" "', 1), "not-json"),
    ("invalid utf-8", lambda d: d[:10] + b"\xff" + d[10:], "not-json"),
    ("utf-8 byte order mark", lambda d: b"\xef\xbb\xbf" + d, "not-json"),
    ("NaN constant", lambda d: d.replace(b'"version":1', b'"version":NaN'), "not-json"),
    ("nesting bomb", _deep_nesting, "not-json"),
    ("json array", lambda d: b"[1, 2]", "not-famplan"),
    ("json string", lambda d: b'"famplan"', "not-famplan"),
    ("other format", _set("format", "famplan2"), "not-famplan"),
    ("format missing", _set("format", _DELETE), "not-famplan"),
    ("newer version", _set("version", 2), "unsupported-version"),
    ("version zero", _set("version", 0), "unsupported-version"),
    ("version as string", _set("version", "1"), "malformed-field"),
    ("version missing", _set("version", _DELETE), "malformed-field"),
    ("unknown member", _set("comment", "hi"), "malformed-field"),
    ("wrappedKey missing", _set("wrappedKey", _DELETE), "malformed-field"),
    ("header not a string", _set("header", {"format": "famplan"}), "malformed-field"),
    ("base64 with padding", lambda d: d.replace(b'","wrappedKey', b'=","wrappedKey'), "malformed-field"),
    ("standard base64 alphabet", _set("wrappedKey", "+" * 64), "malformed-field"),
    ("base64 with whitespace", _set("wrappedKey", "A" * 32 + " " + "A" * 32), "malformed-field"),
    ("non-canonical base64", _set("ciphertext", B64_17[:-1] + "B"), "malformed-field"),
    ("wrapped key 47 bytes", _set("wrappedKey", ff.b64url_encode(bytes(47))), "malformed-field"),
    ("ciphertext shorter than a tag", _set("ciphertext", ff.b64url_encode(bytes(16))), "malformed-field"),
    ("ciphertext over the plaintext limit", _set("ciphertext", ff.b64url_encode(bytes(3 * 2**20 + 17))), "too-large"),
    ("header not json", lambda d: with_header_bytes(d, b"{not json"), "malformed-field"),
    ("header an array", lambda d: with_header_bytes(d, b"[]"), "malformed-field"),
    ("header too long", lambda d: with_header_bytes(d, b" " * 1025), "malformed-field"),
    ("header unknown member", _set("h.created", "2025-03-01"), "malformed-field"),
    ("header version differs", _set("h.version", 2), "malformed-field"),
    ("kdf unknown member", _set("h.kdf.memory", 64), "malformed-field"),
    ("kdf alg", _set("h.kdf.alg", "Argon2id"), "malformed-field"),
    ("iterations as string", _set("h.kdf.iterations", "600000"), "malformed-field"),
    ("iterations fractional", _set("h.kdf.iterations", 600000.5), "malformed-field"),
    ("iterations below floor", _set("h.kdf.iterations", 599_999), "kdf-out-of-bounds"),
    ("iterations above ceiling", _set("h.kdf.iterations", 10_000_001), "kdf-out-of-bounds"),
    ("iterations astronomically large", _set("h.kdf.iterations", 1e300), "kdf-out-of-bounds"),
    ("salt 15 bytes", _set("h.kdf.salt", ff.b64url_encode(bytes(15))), "malformed-field"),
    ("salt 17 bytes", _set("h.kdf.salt", ff.b64url_encode(bytes(17))), "malformed-field"),
    ("wrap iv 16 bytes", _set("h.wrap.iv", ff.b64url_encode(bytes(16))), "malformed-field"),
    ("payload iv 11 bytes", _set("h.payload.iv", ff.b64url_encode(bytes(11))), "malformed-field"),
    ("payload not an object", _set("h.payload", "A256GCM"), "malformed-field"),
    # Nesting: 64 levels are read (the extra member is then refused); 65 are not JSON.
    ("file nested 64 deep", _extra_member(64), "malformed-field"),
    ("file nested 65 deep", _extra_member(65), "not-json"),
    ("header nested 65 deep", lambda d: with_header_bytes(d, b'{"kdf":' + nested(64) + b"}"), "malformed-field"),
    # Numbers are doubles; one too large for a double makes the text unreadable.
    ("version beyond a double", _with_raw_version(b"1e400"), "not-json"),
    ("version an integer beyond a double", _with_raw_version(b"1" + b"0" * 400), "not-json"),
    ("version negative beyond a double", _with_raw_version(b"-1e400"), "not-json"),
    ("iterations beyond a double", lambda d: with_header_bytes(d, _header_text(d).replace(b":600000,", b":6e400,")), "malformed-field"),
    # Lone surrogates are U+FFFD: an unknown member still.
    ("member name a lone surrogate", lambda d: d.rstrip()[:-1] + b',"\\ud800":1}', "malformed-field"),
    ("member name a lone surrogate escape", lambda d: d.rstrip()[:-1] + b',"\\udc00x":1}', "malformed-field"),
    # Two faults in one field: the type or encoding fault is found before size or range.
    ("ciphertext over the limit and not base64url", _set("ciphertext", "A" * 4_194_325 + "+"), "malformed-field"),
    ("iterations a string above the ceiling", _set("h.kdf.iterations", "20000000"), "malformed-field"),
    ("iterations fractional above the ceiling", _set("h.kdf.iterations", 20_000_000.5), "malformed-field"),
    ("version a string of another version", _set("version", "2"), "malformed-field"),
    ("wrapped key too short and non-canonical", _set("wrappedKey", ff.b64url_encode(bytes(47))[:-1] + "B"), "malformed-field"),
    # Two faults in two fields or steps: the earlier step of section 8 wins.
    ("another version with an unknown member", lambda d: _set("version", 2)(_set("comment", "x")(d)), "unsupported-version"),
    ("ciphertext too large and header not JSON", lambda d: with_header_bytes(_set("ciphertext", ff.b64url_encode(bytes(3 * 2**20 + 17)))(d), b"{"), "too-large"),
    ("kdf unknown member and iterations out of range", lambda d: _set("h.kdf.iterations", 1)(_set("h.kdf.memory", 64)(d)), "malformed-field"),
    ("iterations out of range and salt too short", lambda d: _set("h.kdf.iterations", 1)(_set("h.kdf.salt", ff.b64url_encode(bytes(15)))(d)), "kdf-out-of-bounds"),
]


@pytest.mark.parametrize(("mutate", "code"), [c[1:] for c in PRE_KDF_CASES], ids=[c[0] for c in PRE_KDF_CASES])
def test_bad_input_fails_before_the_kdf(valid: bytes, no_kdf: None, mutate: Callable[[bytes], bytes], code: str) -> None:
    data = mutate(valid)
    with pytest.raises(FileFormatError) as info:
        read_header(data)
    assert info.value.code == code
    assert error_code(data) == code


def test_iterations_out_of_bounds_fail_fast(valid: bytes, no_kdf: None) -> None:
    for iterations in (1, 599_999, 10_000_001, 2**53):
        data = _set("h.kdf.iterations", iterations)(valid)
        started = time.perf_counter()
        assert error_code(data) == "kdf-out-of-bounds"
        assert time.perf_counter() - started < 0.5


def test_iterations_at_the_bounds_are_accepted(valid: bytes, no_kdf: None) -> None:
    for iterations in (600_000, 10_000_000, 6e5):
        assert read_header(_set("h.kdf.iterations", iterations)(valid)).iterations == int(iterations)


def test_size_is_checked_before_parsing(valid: bytes, no_kdf: None) -> None:
    garbage = b"\xff" * (ff.MAX_FILE_BYTES + 1)
    padded = valid.rstrip() + b" " * (ff.MAX_FILE_BYTES + 1 - len(valid.rstrip()))
    assert error_code(garbage) == "too-large"
    assert error_code(padded) == "too-large"
    assert read_header(padded[:-1]).iterations == 600_000  # exactly at the limit is fine


# Files that look odd and still open, in both readers: numbers are doubles, so
# 1.0e0 and 1.0000000000000000001 are the version 1 (JSON.parse cannot tell them apart).
READABLE_MUTATIONS: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("version 1.0e0", _with_raw_version(b"1.0e0")),
    ("version below double precision", _with_raw_version(b"1.0000000000000000001")),
    ("whitespace between tokens", lambda d: b" \t" + d.replace(b'","', b'" ,\r\n "') + b"\n"),
]


@pytest.mark.parametrize("mutate", [m for _, m in READABLE_MUTATIONS], ids=[label for label, _ in READABLE_MUTATIONS])
def test_numbers_and_whitespace_follow_json_parse(valid: bytes, mutate: Callable[[bytes], bytes]) -> None:
    data = mutate(valid)
    assert data != valid
    assert decrypt_file(data, PASSPHRASE)["plan"] == PAYLOAD["plan"]


def test_an_empty_passphrase_fails_without_the_kdf(valid: bytes, no_kdf: None) -> None:
    assert error_code(valid, "") == "wrong-passphrase-or-tampered"
    # The file's own faults (steps 1-13) are found first.
    assert error_code(b"{", "") == "not-json"
    assert error_code(_set("h.kdf.iterations", 1)(valid), "") == "kdf-out-of-bounds"


# --- tampering that only the AEAD can detect ---------------------------------

TAMPER_CASES: list[tuple[str, Callable[[bytes], bytes], str]] = [
    ("outer format", _set("format", "Famplan"), "not-famplan"),
    ("outer version", _set("version", 3), "unsupported-version"),
    ("header format", _set("h.format", "famplan-x"), "malformed-field"),
    ("header version", _set("h.version", 0), "malformed-field"),
    ("header kdf.alg", _set("h.kdf.alg", "PBKDF2-SHA512"), "malformed-field"),
    ("header kdf.iterations", _set("h.kdf.iterations", 600_001), "wrong-passphrase-or-tampered"),
    ("header kdf.salt", lambda d: with_header(d, lambda h: h["kdf"].update(salt=flip_b64(h["kdf"]["salt"]))), "wrong-passphrase-or-tampered"),
    ("header wrap.alg", _set("h.wrap.alg", "A128GCM"), "malformed-field"),
    ("header wrap.iv", lambda d: with_header(d, lambda h: h["wrap"].update(iv=flip_b64(h["wrap"]["iv"], 11, 7))), "wrong-passphrase-or-tampered"),
    ("header payload.alg", _set("h.payload.alg", "A256KW"), "malformed-field"),
    ("header payload.iv", lambda d: with_header(d, lambda h: h["payload"].update(iv=flip_b64(h["payload"]["iv"], 5))), "wrong-passphrase-or-tampered"),
    ("header bytes re-serialised, same values", lambda d: with_header_bytes(d, json.dumps(header_of(d), indent=1).encode()), "wrong-passphrase-or-tampered"),
    ("header keys reordered", lambda d: with_header_bytes(d, json.dumps(header_of(d), sort_keys=True, separators=(",", ":")).encode()), "wrong-passphrase-or-tampered"),
    ("wrappedKey", lambda d: dump({**outer_of(d), "wrappedKey": flip_b64(outer_of(d)["wrappedKey"], 40)}), "wrong-passphrase-or-tampered"),
]


@pytest.mark.parametrize(("mutate", "code"), [c[1:] for c in TAMPER_CASES], ids=[c[0] for c in TAMPER_CASES])
def test_tampering_any_field_fails(valid: bytes, mutate: Callable[[bytes], bytes], code: str) -> None:
    tampered = mutate(valid)
    assert tampered != valid
    assert error_code(tampered) == code


@pytest.mark.parametrize("position", ["first", "middle", "tag"])
def test_one_flipped_ciphertext_bit(valid: bytes, position: str) -> None:
    ciphertext = outer_of(valid)["ciphertext"]
    length = len(ff.b64url_decode(ciphertext))
    index = {"first": 0, "middle": length // 2, "tag": length - 1}[position]
    tampered = dump({**outer_of(valid), "ciphertext": flip_b64(ciphertext, index, 3)})
    assert error_code(tampered) == "payload-damaged"


def test_payload_binds_the_header_on_its_own() -> None:
    """Even with a correctly re-wrapped key, a changed header breaks the payload."""
    rnd = random_parts("bind")
    data = encrypt_plan(PAYLOAD, PASSPHRASE, rng=queue_rng(rnd))
    salt, file_key, wrap_iv, _ = rnd
    new_header = json.dumps(header_of(data), indent=2).encode()
    kek = ff.derive_wrapping_key(ff.passphrase_bytes(PASSPHRASE), salt, 600_000)
    rewrapped = AESGCM(kek).encrypt(wrap_iv, file_key, new_header)
    outer = outer_of(data)
    outer.update(header=ff.b64url_encode(new_header), wrappedKey=ff.b64url_encode(rewrapped))
    assert error_code(dump(outer)) == "payload-damaged"


def test_wrong_passphrase(valid: bytes) -> None:
    for wrong in ("buho-cantaro-maiz-lluvia", PASSPHRASE + " ", PASSPHRASE.upper(), ""):
        assert error_code(valid, wrong) == "wrong-passphrase-or-tampered"


# --- the decrypted payload ---------------------------------------------------


def test_newer_schema_is_reported_not_returned() -> None:
    newer = ff.current_plan_schema_version() + 1
    data = encrypt_plan({**PAYLOAD, "schemaVersion": newer}, PASSPHRASE)
    with pytest.raises(FileFormatError) as info:
        decrypt_file(data, PASSPHRASE)
    assert info.value.code == "newer-schema"
    assert PAYLOAD["plan"]["note"] not in str(info.value)
    assert decrypt_file(data, PASSPHRASE, max_schema_version=newer)["schemaVersion"] == newer


INVALID_PLAINTEXTS = [
    b"\xff\xfe",
    b"not json",
    b"[]",
    b'{"schemaVersion":1,"kind":"full"}',
    b'{"schemaVersion":1,"kind":"full","plan":[]}',
    b'{"schemaVersion":0,"kind":"full","plan":{}}',
    b'{"schemaVersion":"1","kind":"full","plan":{}}',
    b'{"schemaVersion":true,"kind":"full","plan":{}}',
    b'{"schemaVersion":1,"kind":"partial","plan":{}}',
    b'{"schemaVersion":1,"plan":{}}',
    b'{"schemaVersion":1,"kind":"full","plan":{"x":NaN}}',
    b'{"schemaVersion":1,"kind":"full","plan":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    # new cases go at the end: the browser tests pick some of the above by index
    b'{"schemaVersion":1,"kind":"full","plan":{"deep":' + nested(63) + b"}}",
    b'{"schemaVersion":1,"kind":"full","plan":{"x":1e400}}',
    b'{"schemaVersion":1,"kind":"full","plan":{"x":-1e309}}',
    b'{"schemaVersion":1' + b"0" * 400 + b',"kind":"full","plan":{}}',
    b'{"schemaVersion":1e400,"kind":"full","plan":{}}',
    b'{"schemaVersion":1,"kind":"full","plan":{"x":' + b"9" * 308 + b'.9e1}}',  # past a double by a small exponent
]
NEW_INVALID_PLAINTEXTS = range(12, 18)

# Authentic payloads at the edges, and what both readers return for them.
READABLE_PLAINTEXTS: list[tuple[str, bytes, dict[str, Any]]] = [
    (
        "nested 64 deep",
        b'{"schemaVersion":1,"kind":"full","plan":{"deep":' + nested(62) + b"}}",
        {"schemaVersion": 1, "kind": "full", "plan": {"deep": json.loads(nested(62))}},
    ),
    (
        "lone surrogates become U+FFFD",
        rb'{"schemaVersion":1,"kind":"full","plan":{"name":"a\ud800b","\udc00":"low","pair":"\ud83d\ude00",'
        rb'"reversed":"\ude00\ud83d","text":"\\ud800"}}',
        {"schemaVersion": 1, "kind": "full",
         "plan": {"name": "a\ufffdb", "\ufffd": "low", "pair": "😀", "reversed": "\ufffd\ufffd", "text": "\\ud800"}},
    ),
    (
        "names equal once repaired: the later wins",
        rb'{"schemaVersion":1,"kind":"full","plan":{"\ud800":1,"\ufffd":2,"\udbff":3}}',
        {"schemaVersion": 1, "kind": "full", "plan": {"\ufffd": 3}},
    ),
    (
        "numbers are doubles",
        b'{"schemaVersion":1.0,"kind":"full","plan":{"big":9007199254740993,"tiny":1e-400,'
        b'"max":1.7976931348623157e308,"e":1E2,"zero":-0}}',
        {"schemaVersion": 1, "kind": "full",
         "plan": {"big": 9007199254740992, "tiny": 0, "max": 1.7976931348623157e308, "e": 100, "zero": 0}},
    ),
]

# Two faults in the payload: the earlier step of section 8 wins.
PAYLOAD_ORDER_CASES: list[tuple[bytes, str]] = [
    (b'{"schemaVersion":99,"kind":"partial","plan":[]}', "newer-schema"),
    (b'{"schemaVersion":0,"kind":"full","plan":[]}', "invalid-payload"),
    (b'["schemaVersion",99]', "invalid-payload"),
]


@pytest.mark.parametrize("plaintext", INVALID_PLAINTEXTS, ids=range(len(INVALID_PLAINTEXTS)))
def test_invalid_payload(fast_kdf: None, plaintext: bytes) -> None:
    data = spec_seal(plaintext, PASSPHRASE, iterations=600_000, rnd=random_parts("payload"), kdf=module_kdf)
    assert error_code(data) == "invalid-payload"


@pytest.mark.parametrize(("plaintext", "expected"), [c[1:] for c in READABLE_PLAINTEXTS], ids=[c[0] for c in READABLE_PLAINTEXTS])
def test_payloads_at_the_edges(fast_kdf: None, plaintext: bytes, expected: dict[str, Any]) -> None:
    data = spec_seal(plaintext, PASSPHRASE, iterations=600_000, rnd=random_parts("edges"), kdf=module_kdf)
    payload = decrypt_file(data, PASSPHRASE)
    assert payload == expected
    assert json.dumps(payload, ensure_ascii=False).encode("utf-8")  # printable: no lone surrogate left


@pytest.mark.parametrize(("plaintext", "code"), PAYLOAD_ORDER_CASES, ids=range(len(PAYLOAD_ORDER_CASES)))
def test_the_earlier_payload_check_wins(fast_kdf: None, plaintext: bytes, code: str) -> None:
    data = spec_seal(plaintext, PASSPHRASE, iterations=600_000, rnd=random_parts("order"), kdf=module_kdf)
    assert error_code(data) == code


def test_the_writer_refuses_what_readers_refuse(no_kdf: None) -> None:
    deep: Any = "leaf"
    for _ in range(63):
        deep = [deep]
    for plan in ({"deep": deep}, {"n": 10**400}):
        with pytest.raises(FileFormatError) as info:
            encrypt_plan({"schemaVersion": 1, "plan": plan}, PASSPHRASE)
        assert info.value.code == "invalid-payload"


def test_encrypt_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        encrypt_plan(PAYLOAD, "")
    for iterations in (599_999, 10_000_001, True):
        with pytest.raises(ValueError):
            encrypt_plan(PAYLOAD, PASSPHRASE, iterations=iterations)
    with pytest.raises(ValueError):
        encrypt_plan(PAYLOAD, PASSPHRASE, kind="everything")
    with pytest.raises(ValueError):
        encrypt_plan({**PAYLOAD, "kind": "full"}, PASSPHRASE, kind="caregiver")
    with pytest.raises(ValueError):
        encrypt_plan(PAYLOAD, PASSPHRASE, rng=lambda n: bytes(n - 1))


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"schemaVersion": 1}, "invalid-payload"),
        ({"schemaVersion": 0, "plan": {}}, "invalid-payload"),
        ({"plan": {}}, "invalid-payload"),
        ({"schemaVersion": 1, "plan": {"x": float("nan")}}, "invalid-payload"),
        ({"schemaVersion": 1, "plan": {"x": "\ud800"}}, "invalid-payload"),
        ({"schemaVersion": 1, "plan": {"x": object()}}, "invalid-payload"),
        ({"schemaVersion": 1, "plan": {"x": "a" * ff.MAX_PLAINTEXT_BYTES}}, "too-large"),
    ],
    ids=["no plan", "schema 0", "no schema", "nan", "lone surrogate", "object", "too large"],
)
def test_encrypt_rejects_bad_payloads(no_kdf: None, payload: dict[str, Any], code: str) -> None:
    with pytest.raises(FileFormatError) as info:
        encrypt_plan(payload, PASSPHRASE)
    assert info.value.code == code


def test_largest_plaintext_fits_in_the_largest_file(fast_kdf: None) -> None:
    overhead = len(json.dumps({"schemaVersion": 1, "kind": "full", "plan": {"x": ""}}, separators=(",", ":")))
    big = {"schemaVersion": 1, "plan": {"x": "a" * (ff.MAX_PLAINTEXT_BYTES - overhead)}}
    data = encrypt_plan(big, PASSPHRASE)
    assert len(data) <= ff.MAX_FILE_BYTES
    assert decrypt_file(data, PASSPHRASE)["plan"] == big["plan"]


def test_passphrase_bytes_match_textencoder() -> None:
    assert ff.passphrase_bytes("cafe\u0301") == "café".encode()
    assert ff.passphrase_bytes("a\ud800b") == "a\ufffdb".encode()  # lone surrogate
    assert ff.passphrase_bytes("\ud83d\ude00") == "😀".encode()  # a pair written as two halves


# --- fuzzing -----------------------------------------------------------------

JUNK: list[Any] = [None, True, False, 0, -1, 1.5, 1e308, 10**30, "", "x", "A" * 300, [], [1], {}, {"alg": "A256GCM"}]


@pytest.fixture
def deadline() -> Iterator[None]:
    def expired(*_: object) -> None:
        raise TimeoutError("fuzz case hung")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _mutants(base: bytes, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    outer = outer_of(base)
    for _ in range(300):
        data = bytearray(base)
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        yield "bit flip", bytes(data)
    for _ in range(120):
        yield "truncate", base[: rng.randrange(len(base))]
    for _ in range(120):
        at = rng.randrange(len(base) + 1)
        yield "insert", base[:at] + rng.randbytes(rng.randint(1, 8)) + base[at:]
    for _ in range(100):
        at = rng.randrange(len(base))
        yield "delete", base[:at] + base[at + rng.randint(1, 40) :]
    for _ in range(120):
        changed = dict(outer)
        key = rng.choice([*outer, "extra"])
        if rng.random() < 0.2:
            changed.pop(key, None)
        else:
            changed[key] = rng.choice(JUNK)
        yield "outer field", dump(changed)
    for _ in range(200):
        yield "header field", _mutate_header(base, rng)
    for _ in range(150):
        changed = dict(outer)
        key = rng.choice(["header", "wrappedKey", "ciphertext"])
        text = changed[key]
        at = rng.randrange(len(text))
        changed[key] = text[:at] + rng.choice("AQgw_-zZ09") + text[at + 1 :]
        yield "base64 character", dump(changed)


def _mutate_header(base: bytes, rng: random.Random) -> bytes:
    header = header_of(base)
    target = header
    path = [rng.choice([*header, "extra"])]
    if path[0] in ("kdf", "wrap", "payload") and rng.random() < 0.8:
        target = header[path[0]]
        path.append(rng.choice([*target, "extra"]))
    roll = rng.random()
    if roll < 0.2:
        target.pop(path[-1], None)
    elif roll < 0.4 and isinstance(target.get(path[-1]), str) and target[path[-1]]:
        value = target[path[-1]]
        at = rng.randrange(len(value))
        target[path[-1]] = value[:at] + rng.choice("AZaz09-_") + value[at + 1 :]
    elif roll < 0.5 and path[-1] == "iterations":
        target["iterations"] = rng.choice([600_000, 600_001, 9_999_999 // 7, 10_000_000])
    else:
        target[path[-1]] = rng.choice(JUNK)
    return with_header_bytes(base, json.dumps(header, separators=(",", ":")).encode())


def test_fuzz_mutated_files_only_raise_file_format_errors(fast_kdf: None, deadline: None) -> None:
    base = encrypt_plan(PAYLOAD, PASSPHRASE, rng=fixed_rng("fuzz"))
    base_outer = outer_of(base)
    seen: dict[str, int] = {}
    count = 0
    for label, mutant in _mutants(base, random.Random(20250301)):
        count += 1
        try:
            payload = decrypt_file(mutant, PASSPHRASE)
        except FileFormatError as exc:
            assert exc.code in ff.ERROR_MESSAGES
            seen[exc.code] = seen.get(exc.code, 0) + 1
            continue
        except Exception as exc:  # noqa: BLE001 - the point of the test
            pytest.fail(f"{label}: {type(exc).__name__}: {exc}\n{mutant[:300]!r}")
        # Only a change that means nothing (whitespace, a dropped newline) may still open.
        assert json.loads(mutant) == base_outer, label
        assert payload["plan"] == PAYLOAD["plan"]
    assert count >= 1_000
    for code in ("not-json", "not-famplan", "malformed-field", "wrong-passphrase-or-tampered", "payload-damaged"):
        assert seen.get(code, 0) > 0, (code, seen)


def test_fuzz_decrypted_payloads(fast_kdf: None, deadline: None) -> None:
    """Authentic files whose plaintext is hostile: only invalid-payload or newer-schema."""
    rng = random.Random(7)
    good = json.dumps({"schemaVersion": 1, "kind": "full", "plan": {"a": [1, "b"]}}, separators=(",", ":")).encode()
    outcomes: set[str] = set()
    for index in range(150):
        plaintext = bytearray(good)
        for _ in range(rng.randint(1, 3)):
            plaintext[rng.randrange(len(plaintext))] = rng.randrange(256)
        data = spec_seal(bytes(plaintext), PASSPHRASE, iterations=600_000, rnd=random_parts(f"p{index}"), kdf=module_kdf)
        try:
            decrypt_file(data, PASSPHRASE)
            outcomes.add("ok")
        except FileFormatError as exc:
            assert exc.code in ("invalid-payload", "newer-schema"), exc.code
            outcomes.add(exc.code)
    assert "invalid-payload" in outcomes


# --- committed test vectors --------------------------------------------------


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_test_vectors", ROOT / "scripts" / "make_test_vectors.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


SIDECARS = sorted(VECTOR_DIR.glob("*.json"))


def test_there_are_vectors() -> None:
    assert len(SIDECARS) >= 3


@pytest.mark.parametrize("sidecar_path", SIDECARS, ids=[p.stem for p in SIDECARS])
def test_vector_decrypts_to_expected_payload(sidecar_path: Path) -> None:
    sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
    data = (VECTOR_DIR / sidecar["file"]).read_bytes()
    header = read_header(data)
    assert header.iterations == sidecar["iterations"]
    assert header.header_bytes.hex() == sidecar["intermediate"]["aadHex"]
    for passphrase in [sidecar["passphrase"], *sidecar["passphraseVariants"]]:
        assert decrypt_file(data, passphrase) == sidecar["expectedPayload"]


def test_vectors_regenerate_identically() -> None:
    script = _load_script()
    assert {spec.name for spec in script.SPECS} == {p.stem for p in SIDECARS}
    for spec in script.SPECS:
        data, sidecar = script.build_vector(spec)
        assert data == (VECTOR_DIR / f"{spec.name}.famplan").read_bytes(), spec.name
        assert sidecar == (VECTOR_DIR / f"{spec.name}.json").read_bytes(), spec.name


def test_worked_example_in_the_doc_matches_the_first_vector() -> None:
    sidecar = json.loads((VECTOR_DIR / "v1-full-es.json").read_text(encoding="utf-8"))
    doc = "".join(DOC.read_text(encoding="utf-8").split())  # hex may wrap across lines
    values = [*sidecar["randomness"].values(), *sidecar["intermediate"].values()]
    for value in values:
        assert str(value) in doc, str(value)[:40]


# --- command line ------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="famplan")
    add_file_commands(top.add_subparsers(dest="command", required=True))
    return top


def run(argv: list[str]) -> int:
    return run_file_command(parser().parse_args(argv))


@pytest.fixture
def files(tmp_path: Path, valid: bytes) -> dict[str, Path]:
    paths = {"plan": tmp_path / "plan.famplan", "pass": tmp_path / "pass.txt", "json": tmp_path / "in.json"}
    paths["plan"].write_bytes(valid)
    paths["pass"].write_text(PASSPHRASE + "\n", encoding="utf-8")
    paths["json"].write_text(json.dumps(PAYLOAD, ensure_ascii=False), encoding="utf-8")
    return paths


def test_cli_inspect(files: dict[str, Path], no_kdf: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["inspect", str(files["plan"])]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["kdf"]["iterations"] == 600_000 and shown["format"] == "famplan"
    assert shown["wrap"]["iv"] == header_of(files["plan"].read_bytes())["wrap"]["iv"]


def test_cli_decrypt_with_passphrase_file(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["decrypt", str(files["plan"]), "--passphrase-file", str(files["pass"])]) == 0
    assert json.loads(capsys.readouterr().out) == {**PAYLOAD, "kind": "full"}


def test_cli_decrypt_prompts(files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSPHRASE)
    assert run(["decrypt", str(files["plan"])]) == 0
    assert json.loads(capsys.readouterr().out)["plan"] == PAYLOAD["plan"]


def test_cli_encrypt_then_decrypt(files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new.famplan"
    argv = ["encrypt", "--in", str(files["json"]), "--out", str(out), "--passphrase-file", str(files["pass"])]
    assert run([*argv, "--iterations", "650000", "--kind", "caregiver"]) == 0
    assert read_header(out.read_bytes()).iterations == 650_000
    assert decrypt_file(out.read_bytes(), PASSPHRASE)["kind"] == "caregiver"


def test_cli_encrypt_from_stdin_with_prompt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "stdin.famplan"
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(PAYLOAD)))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSPHRASE)
    assert run(["encrypt", "--out", str(out)]) == 0
    assert decrypt_file(out.read_bytes(), PASSPHRASE)["plan"] == PAYLOAD["plan"]


ERROR_LINE = re.compile(r"famplan: error: [a-z-]+: \S.*")


def _one_line_error(capsys: pytest.CaptureFixture[str], *needles: str) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.endswith("\n") and captured.err.count("\n") == 1, captured.err
    line = captured.err[:-1]
    assert ERROR_LINE.fullmatch(line), line  # docs/file-format.md section 16
    for needle in needles:
        assert needle in line
    return line


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["inspect", "{empty}"], "empty"),
        (["inspect", "{missing}"], "No such file"),
        (["decrypt", "{plan}", "--passphrase-file", "{wrong}"], "wrong-passphrase-or-tampered"),
        (["decrypt", "{empty}", "--passphrase-file", "{pass}"], "empty"),
        (["encrypt", "--in", "{json}", "--out", "{out}", "--passphrase-file", "{pass}", "--iterations", "1000"], "iterations"),
        (["encrypt", "--in", "{empty}", "--out", "{out}", "--passphrase-file", "{pass}"], "not valid JSON"),
        (["encrypt", "--in", "{json}", "--out", "{out}", "--passphrase-file", "{blank}"], "passphrase is empty"),
    ],
    ids=["inspect empty", "missing file", "wrong passphrase", "decrypt empty", "low iterations", "bad json", "blank passphrase"],
)
def test_cli_errors_are_one_line(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    extra = {"empty": tmp_path / "empty", "missing": tmp_path / "missing", "wrong": tmp_path / "wrong", "blank": tmp_path / "blank"}
    extra["empty"].write_bytes(b"")
    extra["wrong"].write_text("not it\n", encoding="utf-8")
    extra["blank"].write_text("\n", encoding="utf-8")
    names = {**{k: str(v) for k, v in files.items()}, **{k: str(v) for k, v in extra.items()}, "out": str(tmp_path / "o")}
    assert run([arg.format(**names) for arg in argv]) != 0
    _one_line_error(capsys, needle)


def test_cli_encrypt_prompt_mismatch(tmp_path: Path, files: dict[str, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter([PASSPHRASE, PASSPHRASE + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert run(["encrypt", "--in", str(files["json"]), "--out", str(tmp_path / "x.famplan")]) != 0
    _one_line_error(capsys, "do not match")
    assert not (tmp_path / "x.famplan").exists()


# --- command line: what a hostile or odd input makes it print -------------------------


def _hostile_outer(valid: bytes, extra: dict[str, Any]) -> bytes:
    return dump({**outer_of(valid), **extra})


@pytest.mark.parametrize(
    "extra",
    [{f"extra{i}": i for i in range(20_000)}, {"x" * 100_000: 1}, {"line\nbreak\u202eevil\ud800" + "y" * 5_000: 1}],
    ids=["20,000 members", "100,000-character name", "control, bidi and surrogate characters"],
)
def test_cli_error_lines_are_bounded(
    tmp_path: Path, valid: bytes, capsys: pytest.CaptureFixture[str], extra: dict[str, Any]
) -> None:
    hostile = tmp_path / "hostile.famplan"
    hostile.write_bytes(_hostile_outer(valid, extra))
    assert run(["inspect", str(hostile)]) == 1
    line = _one_line_error(capsys, "malformed-field")
    assert len(line) <= 400
    assert "\u202e" not in line and "\r" not in line


def test_cli_decrypt_prints_a_payload_with_lone_surrogates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plaintext = rb'{"schemaVersion":1,"kind":"full","plan":{"name":"Ana\ud800","\udc00":1}}'
    sealed = tmp_path / "lone.famplan"
    sealed.write_bytes(spec_seal(plaintext, PASSPHRASE, iterations=600_000, rnd=random_parts("lone")))
    passphrase = tmp_path / "pass.txt"
    passphrase.write_text(PASSPHRASE, encoding="utf-8")
    assert run(["decrypt", str(sealed), "--passphrase-file", str(passphrase)]) == 0
    assert json.loads(capsys.readouterr().out)["plan"] == {"name": "Ana\ufffd", "\ufffd": 1}


def test_cli_encrypt_reads_its_whole_input_or_refuses_it(
    files: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from server import file_commands

    out, source = tmp_path / "out.famplan", tmp_path / "payload.json"
    argv = ["encrypt", "--in", str(source), "--out", str(out), "--passphrase-file", str(files["pass"])]
    # Indented past 3 MiB, yet 3 MiB or less once compact: read whole and written.
    big = {"schemaVersion": 1, "plan": {"lines": ["x" * 60] * 40_000}}
    source.write_text(json.dumps(big, indent=40), encoding="utf-8")
    assert source.stat().st_size > ff.MAX_PLAINTEXT_BYTES
    assert run(argv) == 0
    assert decrypt_file(out.read_bytes(), PASSPHRASE)["plan"] == big["plan"]
    # Garbage after the old 3 MiB cut-off is read, and refused.
    source.write_bytes(json.dumps(PAYLOAD).encode() + b" " * ff.MAX_PLAINTEXT_BYTES + b"garbage")
    assert run(argv) == 2
    _one_line_error(capsys, "bad-input", "not valid JSON")
    # Past the bound: said plainly, never parsed.
    monkeypatch.setattr(file_commands, "MAX_PAYLOAD_INPUT_BYTES", 1024)
    source.write_bytes(json.dumps(PAYLOAD).encode() + b" " * 1024)
    assert run(argv) == 2
    _one_line_error(capsys, "bad-input", "more than 1,024 bytes")
    # A payload the writer cannot write: its own code, said as a writer's problem.
    source.write_text(json.dumps({"schemaVersion": 1, "plan": {"x": "a" * ff.MAX_PLAINTEXT_BYTES}}), encoding="utf-8")
    monkeypatch.setattr(file_commands, "MAX_PAYLOAD_INPUT_BYTES", 16 * 2**20)
    assert run(argv) == 2
    _one_line_error(capsys, "too-large", "cannot be written")


PASSPHRASE_FILES: list[tuple[str, bytes, str]] = [
    ("LF", PASSPHRASE.encode() + b"\n", "opens"),
    ("CRLF", PASSPHRASE.encode() + b"\r\n", "opens"),
    ("CR", PASSPHRASE.encode() + b"\r", "opens"),
    ("no line ending", PASSPHRASE.encode(), "opens"),
    ("BOM and CRLF", b"\xef\xbb\xbf" + PASSPHRASE.encode() + b"\r\n", "opens"),
    ("NFD spelling", unicodedata.normalize("NFD", PASSPHRASE).encode() + b"\n", "opens"),
    ("spaces are kept", b" " + PASSPHRASE.encode() + b" \n", "wrong-passphrase-or-tampered"),
    ("two line endings", PASSPHRASE.encode() + b"\n\n", "more than one line"),
    ("two lines", PASSPHRASE.encode() + b"\nsecond line\n", "more than one line"),
    ("only a line ending", b"\r\n", "passphrase is empty"),
    ("only a BOM", b"\xef\xbb\xbf", "passphrase is empty"),
    ("two BOMs: the second is part of it", b"\xef\xbb\xbf\xef\xbb\xbf" + PASSPHRASE.encode(), "wrong-passphrase-or-tampered"),
    ("not UTF-8", b"\xff" + PASSPHRASE.encode(), "not UTF-8"),
    ("at the limit", b"x" * (64 * 1024 - 1) + b"\n", "wrong-passphrase-or-tampered"),
    ("over the limit", b"x" * (64 * 1024) + b"\n", "longer than 65,536 bytes"),
]


@pytest.mark.parametrize(("content", "outcome"), [c[1:] for c in PASSPHRASE_FILES], ids=[c[0] for c in PASSPHRASE_FILES])
def test_cli_passphrase_file(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], content: bytes, outcome: str
) -> None:
    files["pass"].write_bytes(content)
    status = run(["decrypt", str(files["plan"]), "--passphrase-file", str(files["pass"])])
    if outcome == "opens":
        assert status == 0
        assert json.loads(capsys.readouterr().out)["plan"] == PAYLOAD["plan"]
    else:
        assert status == (1 if outcome == "wrong-passphrase-or-tampered" else 2)
        _one_line_error(capsys, outcome)


def test_cli_a_command_line_mistake_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from server.cli import main

    with pytest.raises(SystemExit) as info:
        main(["decrypt"])
    assert info.value.code == 2
    _one_line_error(capsys, "usage", "required: file")


def _famplan(argv: list[str], **streams: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "server", *argv], cwd=ROOT, check=False, **streams)


def test_cli_a_failing_output_stream_is_named(valid: bytes, tmp_path: Path) -> None:
    vector = str(VECTOR_DIR / "v1-full-es.famplan")
    with open(os.devnull, "rb") as nothing, open("/dev/full", "wb") as full:
        result = _famplan(["inspect", vector], stdin=nothing, stdout=full, stderr=subprocess.PIPE)
    assert result.returncode == 2
    assert result.stderr.decode() == "famplan: error: io-error: standard output: No space left on device\n"

    reader, writer = os.pipe()
    os.close(reader)  # nobody reads: writing gets EPIPE, at once and every time
    try:
        result = _famplan(["inspect", vector], stdout=writer, stderr=subprocess.PIPE)
    finally:
        os.close(writer)
    assert result.returncode == 2
    assert result.stderr.decode() == "famplan: error: io-error: standard output: Broken pipe\n"

    # stderr itself failing: nothing can be said, the exit status still tells.
    blank = tmp_path / "blank"
    blank.write_bytes(b"\n")
    with open("/dev/full", "wb") as full:
        result = _famplan(["decrypt", vector, "--passphrase-file", str(blank)], stdout=subprocess.PIPE, stderr=full)
    assert (result.returncode, result.stdout) == (2, b"")
