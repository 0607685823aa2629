"""The .famplan format in the browser (js/share/famplan-file.js) against the Python reference.

Both ways: the committed vectors open in the browser, the browser's writer
reproduces them byte for byte, and a file the browser makes opens in Python.
Every bad input of the Python tests gets the same code in the browser, and a
mutation loop shows the browser refusing cleanly, with Python's code.
"""

from __future__ import annotations

import base64
import json
import random
import time
import unicodedata
from typing import Any

import pytest
from playwright.sync_api import Page

from server import fileformat as ff
from server.fileformat import FileFormatError, decrypt_file, encrypt_plan
from tests.live_server import LiveServer
from tests.test_fileformat import (
    INVALID_PLAINTEXTS,
    PASSPHRASE,
    PAYLOAD,
    PRE_KDF_CASES,
    TAMPER_CASES,
    VECTOR_DIR,
    _mutants,
    dump,
    fixed_rng,
    flip_b64,
    outer_of,
    random_parts,
    spec_seal,
)

SIDECARS = sorted(VECTOR_DIR.glob("*.json"))
# Chromium's JSON.parse does not give up on deep nesting as Python's parser does, so
# it reads the object and refuses its members instead (docs/file-format.md, section 2).
BROWSER_DIFFERS = {"nesting bomb": "malformed-field"}

# Runs in the page: import the module, turn base64 strings into bytes.
PRELUDE = """
const fromB64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const toB64 = (bytes) => { let s = ""; for (const b of bytes) s += String.fromCharCode(b); return btoa(s); };
const outcome = async (work) => {
  try { return { ok: await work() }; }
  catch (error) { return { code: error.code ?? null, error: `${error.name}: ${error.message}` }; }
};
"""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def open_module_page(page: Page, server: LiveServer) -> str:
    page.goto(f"{server.url}/en/open/")
    return server.asset("js/share/famplan-file.js")


def browser_decrypt(page: Page, url: str, cases: list[tuple[bytes, str]]) -> list[dict[str, Any]]:
    """Decrypt each (file, passphrase) in the browser; counts PBKDF2 imports per case."""
    return page.evaluate(
        PRELUDE
        + """async ([url, cases]) => {
          const m = await import(url);
          const subtle = crypto.subtle;
          const importKey = subtle.importKey.bind(subtle);
          let kdfRuns = 0;
          subtle.importKey = (format, data, algorithm, ...rest) => {
            if (algorithm === "PBKDF2" || algorithm?.name === "PBKDF2") kdfRuns += 1;
            return importKey(format, data, algorithm, ...rest);
          };
          const results = [];
          for (const [file, passphrase] of cases) {
            kdfRuns = 0;
            const result = await outcome(() => m.decryptFile(fromB64(file), passphrase));
            results.push({ ...result, kdfRuns });
          }
          delete subtle.importKey;
          return results;
        }""",
        [url, [[b64(data), passphrase] for data, passphrase in cases]],
    )


@pytest.fixture(scope="module")
def valid() -> bytes:
    return encrypt_plan(PAYLOAD, PASSPHRASE, rng=fixed_rng("browser"))


# --- vectors both ways -------------------------------------------------------


def test_every_vector_opens_in_the_browser(page: Page, live_server: LiveServer) -> None:
    url = open_module_page(page, live_server)
    cases, expected = [], []
    for path in SIDECARS:
        sidecar = json.loads(path.read_text(encoding="utf-8"))
        data = (VECTOR_DIR / sidecar["file"]).read_bytes()
        for passphrase in [sidecar["passphrase"], *sidecar["passphraseVariants"]]:
            cases.append((data, passphrase))
            expected.append(sidecar["expectedPayload"])
    assert len(cases) >= 4  # the NFD spelling is among them
    results = browser_decrypt(page, url, cases)
    assert [r.get("ok") for r in results] == expected, [r.get("error") for r in results]


def test_the_browser_writer_reproduces_every_vector_byte_for_byte(page: Page, live_server: LiveServer) -> None:
    url = open_module_page(page, live_server)
    for path in SIDECARS:
        sidecar = json.loads(path.read_text(encoding="utf-8"))
        payload = sidecar["expectedPayload"]
        randomness = sidecar["randomness"]
        made = page.evaluate(
            PRELUDE
            + """async ([url, payload, passphrase, iterations, parts]) => {
              const m = await import(url);
              const queue = parts.map((hex) => Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16)));
              const bytes = await m.encryptPlan(payload, passphrase, { iterations, kind: payload.kind, randomBytes: () => queue.shift() });
              return toB64(bytes);
            }""",
            [url, payload, sidecar["passphrase"], sidecar["iterations"],
             [randomness[k] for k in ("salt", "fileKey", "wrapIv", "payloadIv")]],
        )
        assert base64.b64decode(made) == (VECTOR_DIR / sidecar["file"]).read_bytes(), path.stem


def test_files_made_in_the_browser_open_in_python(page: Page, live_server: LiveServer) -> None:
    url = open_module_page(page, live_server)
    passphrase = unicodedata.normalize("NFD", "maíz-ñandú-قمر-မိုး")
    payload = {"schemaVersion": 2, "plan": {"sections": {"notes": {"text": "Línea 1\nسطر 2 👧"}}}, "exportedAt": "2025-09-07T20:15:00Z"}
    made = page.evaluate(
        PRELUDE
        + """async ([url, payload, passphrase]) => {
          const m = await import(url);
          const full = await m.encryptPlan(payload, passphrase);
          const caregiver = await m.encryptPlan(payload, passphrase, { kind: "caregiver", iterations: 650000 });
          return [toB64(full), toB64(caregiver)];
        }""",
        [url, payload, passphrase],
    )
    full, caregiver = (base64.b64decode(text) for text in made)
    nfc = unicodedata.normalize("NFC", passphrase)
    assert decrypt_file(full, nfc) == {**payload, "kind": "full"}
    assert decrypt_file(caregiver, nfc) == {**payload, "kind": "caregiver"}
    assert ff.read_header(caregiver).iterations == 650_000
    assert ff.read_header(full).salt != ff.read_header(caregiver).salt


# --- bad input: the Python table, in the browser -------------------------------


def _bad_inputs(valid: bytes) -> list[tuple[str, bytes, str, str, bool]]:
    """(label, file, passphrase, expected code, whether the KDF may run)."""
    cases: list[tuple[str, bytes, str, str, bool]] = []
    for label, mutate, code in PRE_KDF_CASES:
        cases.append((label, mutate(valid), PASSPHRASE, BROWSER_DIFFERS.get(label, code), False))
    for label, mutate, code in TAMPER_CASES:
        cases.append((f"tampered {label}", mutate(valid), PASSPHRASE, code, code == "wrong-passphrase-or-tampered"))
    ciphertext = outer_of(valid)["ciphertext"]
    length = len(ff.b64url_decode(ciphertext))
    for name, index in (("first", 0), ("middle", length // 2), ("tag", length - 1)):
        flipped = dump({**outer_of(valid), "ciphertext": flip_b64(ciphertext, index, 3)})
        cases.append((f"flipped ciphertext bit ({name})", flipped, PASSPHRASE, "payload-damaged", True))
    for wrong in ("buho-cantaro-maiz-lluvia", PASSPHRASE + " ", ""):
        cases.append((f"wrong passphrase {wrong!r}", valid, wrong, "wrong-passphrase-or-tampered", True))
    newer = encrypt_plan({**PAYLOAD, "schemaVersion": ff.current_plan_schema_version() + 1}, PASSPHRASE)
    cases.append(("newer schema", newer, PASSPHRASE, "newer-schema", True))
    for index in (0, 2, 4, 8, 10):
        sealed = spec_seal(INVALID_PLAINTEXTS[index], PASSPHRASE, iterations=600_000, rnd=random_parts(f"bp{index}"))
        cases.append((f"invalid payload {index}", sealed, PASSPHRASE, "invalid-payload", True))
    oversized = valid.rstrip() + b" " * (ff.MAX_FILE_BYTES + 1 - len(valid.rstrip()))
    cases.append(("oversized file", oversized, PASSPHRASE, "too-large", False))
    return cases


def test_each_bad_input_gets_the_python_code_in_the_browser(page: Page, live_server: LiveServer, valid: bytes) -> None:
    cases = _bad_inputs(valid)
    for label, data, passphrase, code, _ in cases:
        if label not in BROWSER_DIFFERS:
            with pytest.raises(FileFormatError) as info:
                decrypt_file(data, passphrase)
            assert info.value.code == code, label  # the table is Python's own
    url = open_module_page(page, live_server)
    results = browser_decrypt(page, url, [(data, passphrase) for _, data, passphrase, _, _ in cases])
    wrong = {
        label: result
        for (label, _, _, code, kdf_allowed), result in zip(cases, results)
        if result.get("code") != code or (result["kdfRuns"] > 0 and not kdf_allowed)
    }
    assert wrong == {}


# --- fuzzing -------------------------------------------------------------------

FUZZ_CASES = 360


def _python_codes(mutants: list[bytes], base_key: bytes, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    # The browser loop reuses one derived key; so does Python here. A mutant whose salt or
    # iterations changed fails either way: its header, the AAD, changed too.
    monkeypatch.setattr(ff, "derive_wrapping_key", lambda *_: base_key)
    codes = []
    for mutant in mutants:
        try:
            decrypt_file(mutant, PASSPHRASE)
            codes.append("ok")
        except FileFormatError as exc:
            codes.append(exc.code)
    return codes


def test_fuzz_the_browser_reader_refuses_cleanly_like_python(
    page: Page, live_server: LiveServer, valid: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(20250907)
    everything = list(_mutants(valid, rng))
    mutants = [mutant for _, mutant in rng.sample(everything, FUZZ_CASES)]
    header = ff.read_header(valid)
    base_key = ff.derive_wrapping_key(ff.passphrase_bytes(PASSPHRASE), header.salt, header.iterations)
    expected = _python_codes(mutants, base_key, monkeypatch)

    url = open_module_page(page, live_server)
    started = time.perf_counter()
    results = page.evaluate(
        PRELUDE
        + """async ([url, passphrase, base, mutants]) => {
          const m = await import(url);
          const parsed = m.readHeader(fromB64(base));
          const key = await m.deriveWrappingKey(passphrase, parsed.salt, parsed.iterations);
          const results = [];
          for (const mutant of mutants) {
            const started = performance.now();
            const result = await outcome(() => m.openFile(m.readHeader(fromB64(mutant)), key));
            results.push({ code: result.ok ? "ok" : result.code, error: result.error, ms: performance.now() - started });
          }
          return results;
        }""",
        [url, PASSPHRASE, b64(valid), [b64(mutant) for mutant in mutants]],
    )
    elapsed = time.perf_counter() - started
    known = {*ff.ERROR_MESSAGES, "ok"}
    crashes = [r["error"] for r in results if r["code"] not in known]
    assert crashes == []
    assert [r["code"] for r in results] == expected
    assert max(r["ms"] for r in results) < 2_000 and elapsed < 30
    # Only a change that means nothing (whitespace, the final newline) may still open.
    for mutant, result in zip(mutants, results):
        if result["code"] == "ok":
            assert json.loads(mutant) == json.loads(valid)
    seen = {r["code"] for r in results}
    assert {"not-json", "malformed-field", "wrong-passphrase-or-tampered", "payload-damaged"} <= seen, seen
