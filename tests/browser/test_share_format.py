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
import sys
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
    NEW_INVALID_PLAINTEXTS,
    PASSPHRASE,
    PAYLOAD,
    PAYLOAD_ORDER_CASES,
    PRE_KDF_CASES,
    READABLE_MUTATIONS,
    READABLE_PLAINTEXTS,
    TAMPER_CASES,
    VECTOR_DIR,
    _mutants,
    dump,
    fixed_rng,
    flip_b64,
    outer_of,
    pbkdf2,
    random_parts,
    spec_seal,
)

SIDECARS = sorted(VECTOR_DIR.glob("*.json"))

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
        cases.append((label, mutate(valid), PASSPHRASE, code, False))
    for label, mutate, code in TAMPER_CASES:
        cases.append((f"tampered {label}", mutate(valid), PASSPHRASE, code, code == "wrong-passphrase-or-tampered"))
    ciphertext = outer_of(valid)["ciphertext"]
    length = len(ff.b64url_decode(ciphertext))
    for name, index in (("first", 0), ("middle", length // 2), ("tag", length - 1)):
        flipped = dump({**outer_of(valid), "ciphertext": flip_b64(ciphertext, index, 3)})
        cases.append((f"flipped ciphertext bit ({name})", flipped, PASSPHRASE, "payload-damaged", True))
    for wrong in ("buho-cantaro-maiz-lluvia", PASSPHRASE + " "):
        cases.append((f"wrong passphrase {wrong!r}", valid, wrong, "wrong-passphrase-or-tampered", True))
    # An empty passphrase opens no file: refused without the KDF, after the file's own checks.
    cases.append(("empty passphrase", valid, "", "wrong-passphrase-or-tampered", False))
    cases.append(("empty passphrase, bad file", b"{", "", "not-json", False))
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


# --- the edges both readers settle alike (docs/file-format.md, section 2) -------------

OPEN_WITH_ONE_KEY = PRELUDE + """async ([url, passphrase, files]) => {
  const m = await import(url);
  const first = m.readHeader(fromB64(files[0]));
  const key = await m.deriveWrappingKey(passphrase, first.salt, first.iterations);
  const results = [];
  for (const file of files) {
    // As JSON text: a lone surrogate left in a string would show as an escape.
    results.push(await outcome(async () => JSON.stringify(await m.openFile(m.readHeader(fromB64(file)), key))));
  }
  return results;
}"""


def _python_outcomes(files: list[bytes], key: bytes, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    monkeypatch.setattr(ff, "derive_wrapping_key", lambda *_: key)
    outcomes: list[Any] = []
    for data in files:
        try:
            outcomes.append(decrypt_file(data, PASSPHRASE))
        except FileFormatError as exc:
            outcomes.append(exc.code)
    return outcomes


def _browser_outcomes(page: Page, url: str, files: list[bytes]) -> list[Any]:
    results = page.evaluate(OPEN_WITH_ONE_KEY, [url, PASSPHRASE, [b64(data) for data in files]])
    return [json.loads(r["ok"]) if "ok" in r else r["code"] for r in results]


def test_nesting_numbers_and_surrogates_read_the_same_in_both_readers(
    page: Page, live_server: LiveServer, valid: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    rnd = random_parts("edges")
    key = pbkdf2(ff.passphrase_bytes(PASSPHRASE), rnd[0], 600_000)
    plaintexts = [plaintext for _, plaintext, _ in READABLE_PLAINTEXTS]
    plaintexts += [INVALID_PLAINTEXTS[index] for index in NEW_INVALID_PLAINTEXTS]
    plaintexts += [plaintext for plaintext, _ in PAYLOAD_ORDER_CASES]
    sealed = [spec_seal(p, PASSPHRASE, iterations=600_000, rnd=rnd, kdf=lambda *_: key) for p in plaintexts]
    expected = [payload for _, _, payload in READABLE_PLAINTEXTS]
    expected += ["invalid-payload"] * len(NEW_INVALID_PLAINTEXTS) + [code for _, code in PAYLOAD_ORDER_CASES]
    mutated = [mutate(valid) for _, mutate in READABLE_MUTATIONS]
    header = ff.read_header(valid)
    valid_key = pbkdf2(ff.passphrase_bytes(PASSPHRASE), header.salt, header.iterations)

    assert _python_outcomes(sealed, key, monkeypatch) == expected
    python_mutated = _python_outcomes(mutated, valid_key, monkeypatch)
    assert all(isinstance(outcome, dict) for outcome in python_mutated)
    url = open_module_page(page, live_server)
    assert _browser_outcomes(page, url, sealed) == expected
    assert _browser_outcomes(page, url, mutated) == python_mutated


def test_the_browser_writer_writes_only_what_readers_read(page: Page, live_server: LiveServer) -> None:
    url = open_module_page(page, live_server)
    made = page.evaluate(
        PRELUDE
        + """async ([url, passphrase]) => {
          const m = await import(url);
          let deep = "leaf";
          for (let level = 0; level < 63; level += 1) deep = [deep];
          const refused = [];
          for (const plan of [{ deep }, { n: Infinity }, { n: NaN }]) {
            refused.push((await outcome(() => m.encryptPlan({ schemaVersion: 1, plan }, passphrase))).code);
          }
          const plan = { name: "a\\ud800b", "\\udc00": "low", pair: "\\ud83d\\ude00" };
          return { refused, file: toB64(await m.encryptPlan({ schemaVersion: 1, plan }, passphrase)) };
        }""",
        [url, PASSPHRASE],
    )
    assert made["refused"] == ["invalid-payload"] * 3
    plaintext_plan = decrypt_file(base64.b64decode(made["file"]), PASSPHRASE)["plan"]
    assert plaintext_plan == {"name": "a\ufffdb", "\ufffd": "low", "pair": "😀"}


# --- NFC: each reader uses its platform's Unicode data (section 5) -------------------

MARKS = ["\u0301", "\u0323", "\u0308", "\u031b", "\u0345", "\u0651", "\u064e", "\u0650", "\u0670", "\u093c",
         "\u05b8", "\u05bc", "\u1161", "\u11a8", "\u3099", "\u0f71", "\u0f72", "\u1037", "\u103a"]
BASES = ["a", "e", "o", "u", "A", "ω", "ا", "ب", "ש", "क", "က", "ᄀ", "가", "か", "ཀ", "😀"]
SPECIAL = ["\u212b", "\u2126", "\u0958", "\ufb1d", "\u1e9b\u0323", "ﬁ", "\u0344", "\uf900", "a\ud800b", "\udfff"]
# U+1E08F came in Unicode 15.0: a combining mark (class 230) that an older table takes for a letter.
NEWER_THAN_PYTHON_311 = "a\U0001e08f\u0323"


def nfc_corpus() -> list[str]:
    rng = random.Random(5)
    corpus = list(SPECIAL)
    for _ in range(400):
        corpus.append("".join(rng.choice(BASES) + "".join(rng.sample(MARKS, rng.randint(0, 3))) for _ in range(3)))
    for path in SIDECARS:
        sidecar = json.loads(path.read_text(encoding="utf-8"))
        corpus += [sidecar["passphrase"], *sidecar["passphraseVariants"]]
    return corpus


PASSPHRASE_BYTES = """(texts) => texts.map((text) => Array.from(new TextEncoder().encode(text.normalize("NFC")),
  (byte) => byte.toString(16).padStart(2, "0")).join(""))"""


def test_both_readers_make_the_same_passphrase_bytes(page: Page, live_server: LiveServer) -> None:
    """Unicode's stability policy: characters both tables know normalise the same."""
    page.goto(f"{live_server.url}/en/open/")
    corpus = nfc_corpus()
    assert page.evaluate(PASSPHRASE_BYTES, corpus) == [ff.passphrase_bytes(text).hex() for text in corpus]


def test_a_character_newer_than_one_table_is_what_can_differ(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/en/open/")
    [browser_hex] = page.evaluate(PASSPHRASE_BYTES, [NEWER_THAN_PYTHON_311])
    browser_knows = page.evaluate("() => !/\\p{Cn}/u.test('\\u{1E08F}')")
    python_knows = unicodedata.category("\U0001e08f") != "Cn"
    composed, untouched = "\u1ea1\U0001e08f".encode().hex(), NEWER_THAN_PYTHON_311.encode().hex()
    assert browser_hex == (composed if browser_knows else untouched)
    assert ff.passphrase_bytes(NEWER_THAN_PYTHON_311).hex() == (composed if python_knows else untouched)


def test_the_doc_names_the_unicode_version_of_each_reader(page: Page, live_server: LiveServer) -> None:
    doc = (VECTOR_DIR.parent.parent / "docs" / "file-format.md").read_text(encoding="utf-8")
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}: Unicode {unicodedata.unidata_version}" in doc
    page.goto(f"{live_server.url}/en/open/")
    # The doc says the browser tested here knows Unicode 16.0 at least (U+1FAE9 came in 16.0).
    assert "Chromium" in doc and page.evaluate("() => !/\\p{Cn}/u.test('\\u{1FAE9}')")


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
