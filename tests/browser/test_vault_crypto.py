"""The vault's crypto and rules, run in the browser on WebCrypto and a real IndexedDB."""

from __future__ import annotations

import math

import pytest
from playwright.sync_api import Page

from tests.browser.vault_helpers import OTHER_PASSPHRASE, PASSPHRASE
from tests.live_server import LiveServer


@pytest.fixture
def app_page(page: Page, live_server: LiveServer) -> Page:
    # The home page loads no vault code: the modules under test are imported fresh.
    page.goto(f"{live_server.url}/en/")
    return page


def run(page: Page, live_server: LiveServer, body: str, *modules: str):  # type: ignore[no-untyped-def]
    """Imports `modules` (logical asset names) and runs `body` with them as m[0], m[1]..."""
    script = "async (urls) => { const m = await Promise.all(urls.map((url) => import(url))); %s }" % body
    return page.evaluate(script, [live_server.asset(name) for name in modules])


def test_aead_round_trip_and_every_mismatch_is_refused(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, """
      const [aead, bytes] = m;
      const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      const other = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      const aad = bytes.utf8("record plan");
      const text = "Tía Rosa recoge a los niños — A012345678 — 🙂";
      const { iv, ciphertext } = await aead.encrypt(key, bytes.utf8(text), aad);
      const back = bytes.fromUtf8(await aead.decrypt(key, iv, ciphertext, aad));
      const refused = async (fn) => { try { await fn(); return false; } catch (error) { return true; } };
      const flipped = ciphertext.slice(); flipped[3] ^= 1;
      const flippedTag = ciphertext.slice(); flippedTag[flippedTag.length - 1] ^= 0x80;
      const ivFlipped = iv.slice(); ivFlipped[0] ^= 1;
      return {
        back, ivLength: iv.length, overhead: ciphertext.length - bytes.utf8(text).length,
        flipped: await refused(() => aead.decrypt(key, iv, flipped, aad)),
        flippedTag: await refused(() => aead.decrypt(key, iv, flippedTag, aad)),
        iv: await refused(() => aead.decrypt(key, ivFlipped, ciphertext, aad)),
        aad: await refused(() => aead.decrypt(key, iv, ciphertext, bytes.utf8("record shared:1"))),
        key: await refused(() => aead.decrypt(other, iv, ciphertext, aad)),
        cut: await refused(() => aead.decrypt(key, iv, ciphertext.slice(0, 10), aad)),
      };
    """, "js/crypto/aead.js", "js/crypto/bytes.js")
    assert result["back"] == "Tía Rosa recoge a los niños — A012345678 — 🙂"
    assert result["ivLength"] == 12 and result["overhead"] == 16
    assert all(result[name] for name in ("flipped", "flippedTag", "iv", "aad", "key", "cut")), result


def test_no_iv_repeats_over_ten_thousand_encryptions(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, """
      const [aead] = m;
      const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
      const seen = new Set();
      const plaintext = new Uint8Array(64);
      for (let i = 0; i < 10000; i++) {
        const { iv } = await aead.encrypt(key, plaintext, new Uint8Array(0));
        seen.add(Array.from(iv, (byte) => byte.toString(16).padStart(2, "0")).join(""));
      }
      return seen.size;
    """, "js/crypto/aead.js")
    assert result == 10_000


def test_data_key_is_never_extractable_outside_rewrap(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, """
      const [kdf, keys, bytes] = m;
      const salt = kdf.newSalt();
      const wrappingKey = await kdf.deriveWrappingKey("correct horse", salt, kdf.MIN_ITERATIONS);
      const aad = bytes.utf8("key");
      const created = await keys.createDataKey(wrappingKey, aad);
      const unwrapped = await keys.unwrapDataKey(created.wrappedKey, wrappingKey, created.iv, aad);
      const exportable = async (key) => { try { await crypto.subtle.exportKey("raw", key); return true; } catch { return false; } };
      return {
        created: created.key.extractable, unwrapped: unwrapped.extractable, wrapping: wrappingKey.extractable,
        exportCreated: await exportable(created.key), exportUnwrapped: await exportable(unwrapped),
        wrappedLength: created.wrappedKey.length, algorithm: unwrapped.algorithm.name, length: unwrapped.algorithm.length,
        usages: unwrapped.usages.sort(),
      };
    """, "js/crypto/kdf.js", "js/crypto/keys.js", "js/crypto/bytes.js")
    assert result == {
        "created": False, "unwrapped": False, "wrapping": False, "exportCreated": False, "exportUnwrapped": False,
        "wrappedLength": 48, "algorithm": "AES-GCM", "length": 256, "usages": ["decrypt", "encrypt"],
    }


def test_rewrap_keeps_data_readable_and_binds_the_kdf_parameters(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, """
      const [kdf, keys, aead, bytes, format] = m;
      const oldKdf = { alg: kdf.KDF_ALG, iterations: kdf.MIN_ITERATIONS, salt: kdf.newSalt() };
      const newKdf = { alg: kdf.KDF_ALG, iterations: kdf.MIN_ITERATIONS + 10000, salt: kdf.newSalt() };
      const oldKek = await kdf.deriveWrappingKey("old passphrase words", oldKdf.salt, oldKdf.iterations);
      const newKek = await kdf.deriveWrappingKey("new passphrase words", newKdf.salt, newKdf.iterations);
      const created = await keys.createDataKey(oldKek, format.keyAdditionalData(oldKdf));
      const { iv, ciphertext } = await aead.encrypt(created.key, bytes.utf8("the plan"), bytes.utf8("aad"));
      const rewrapped = await keys.rewrap(
        { wrappedKey: created.wrappedKey, iv: created.iv, wrappingKey: oldKek, additionalData: format.keyAdditionalData(oldKdf) },
        { wrappingKey: newKek, additionalData: format.keyAdditionalData(newKdf) },
      );
      const reopened = await keys.unwrapDataKey(rewrapped.wrappedKey, newKek, rewrapped.iv, format.keyAdditionalData(newKdf));
      const refused = async (fn) => { try { await fn(); return false; } catch (error) { return error.name; } };
      const otherIterations = { ...newKdf, iterations: newKdf.iterations + 10000 };
      const otherSalt = { ...newKdf, salt: kdf.newSalt() };
      return {
        readable: bytes.fromUtf8(await aead.decrypt(reopened, iv, ciphertext, bytes.utf8("aad"))),
        extractable: reopened.extractable,
        oldKekOnNewWrap: await refused(() => keys.unwrapDataKey(rewrapped.wrappedKey, oldKek, rewrapped.iv, format.keyAdditionalData(newKdf))),
        iterationsInAad: await refused(() => keys.unwrapDataKey(rewrapped.wrappedKey, newKek, rewrapped.iv, format.keyAdditionalData(otherIterations))),
        saltInAad: await refused(() => keys.unwrapDataKey(rewrapped.wrappedKey, newKek, rewrapped.iv, format.keyAdditionalData(otherSalt))),
        cut: await refused(() => keys.unwrapDataKey(rewrapped.wrappedKey.slice(0, 47), newKek, rewrapped.iv, format.keyAdditionalData(newKdf))),
      };
    """, "js/crypto/kdf.js", "js/crypto/keys.js", "js/crypto/aead.js", "js/crypto/bytes.js", "js/vault/format.js")
    assert result == {
        "readable": "the plan", "extractable": False, "oldKekOnNewWrap": "OperationError",
        "iterationsInAad": "OperationError", "saltInAad": "OperationError", "cut": "RangeError",
    }


def test_additional_data_bytes_are_exactly_as_documented(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, """
      const [format, bytes] = m;
      const salt = new Uint8Array([252, 125, 175, 149, 48, 41, 90, 26, 249, 140, 150, 33, 133, 148, 4, 201]);
      return {
        key: bytes.fromUtf8(format.keyAdditionalData({ alg: "PBKDF2-SHA256", iterations: 600000, salt })),
        record: bytes.fromUtf8(format.recordAdditionalData({ id: "plan", purpose: "plan", revision: 7 })),
      };
    """, "js/vault/format.js", "js/crypto/bytes.js")
    assert result["key"] == '["famplan-vault",1,"data-key","PBKDF2-SHA256",600000,"_H2vlTApWhr5jJYhhZQEyQ"]'
    assert result["record"] == '["famplan-vault",1,"record","plan","plan",7]'


def test_iterations_out_of_bounds_are_refused_before_any_work(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, """
      const [kdf] = m;
      const salt = kdf.newSalt();
      const outcome = async (iterations) => {
        const start = performance.now();
        try { await kdf.deriveWrappingKey("passphrase", salt, iterations); return ["derived", performance.now() - start]; }
        catch (error) { return [error.name, performance.now() - start]; }
      };
      return {
        low: await outcome(599999), zero: await outcome(0), huge: await outcome(1e12), fraction: await outcome(600000.5),
        text: await outcome("600000"), high: await outcome(10000001), badSalt: await (async () => {
          try { await kdf.deriveWrappingKey("passphrase", new Uint8Array(8), 600000); return "derived"; } catch (error) { return error.name; }
        })(),
        calibrated: await kdf.calibrateIterations(),
        frozenClock: await kdf.calibrateIterations(() => 0),
      };
    """, "js/crypto/kdf.js")
    for name in ("low", "zero", "huge", "fraction", "text", "high"):
        outcome, elapsed = result[name]
        assert outcome == "RangeError", name
        assert elapsed < 20, f"{name}: refused only after {elapsed} ms"
    assert result["badSalt"] == "RangeError"
    assert 600_000 <= result["calibrated"] <= 2_000_000 and result["calibrated"] % 10_000 == 0
    assert result["frozenClock"] == 600_000


def test_vault_passphrase_change_rewraps_and_the_old_passphrase_fails(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, f"""
      const [vault] = m;
      await vault.deleteEverything();
      const session = await vault.createVault("{PASSPHRASE}");
      await session.save({{ schemaVersion: 2, sections: {{ notes: {{ text: "before the change" }} }}, meta: {{}} }});
      session.lock();
      await vault.changePassphrase("{PASSPHRASE}", "{OTHER_PASSPHRASE}");
      const code = async (fn) => {{ try {{ await fn(); return "ok"; }} catch (error) {{ return error.code; }} }};
      const old = await code(() => vault.unlock("{PASSPHRASE}"));
      const reopened = await vault.unlock("{OTHER_PASSPHRASE}");
      const plan = await reopened.load();
      reopened.lock();
      const lockedSave = await code(() => reopened.save(plan));
      const lockedLoad = await code(() => reopened.load());
      const weak = await code(() => vault.changePassphrase("{OTHER_PASSPHRASE}", "password1234"));
      const exists = await code(() => vault.createVault("{PASSPHRASE}"));
      await vault.deleteEverything();
      return {{ old, text: plan.sections.notes.text, lockedSave, lockedLoad, weak, exists, gone: await vault.hasVault() }};
    """, "js/vault/vault.js")
    assert result == {
        "old": "wrong-passphrase", "text": "before the change", "lockedSave": "locked", "lockedLoad": "locked",
        "weak": "weak", "exists": "exists", "gone": False,
    }


def test_saves_of_one_session_are_serialised_and_stale_sessions_conflict(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, f"""
      const [vault] = m;
      await vault.deleteEverything();
      const a = await vault.createVault("{PASSPHRASE}");
      await a.load();
      await Promise.all(Array.from({{ length: 20 }}, (_, i) => a.save({{ n: i }})));
      const b = await vault.unlock("{PASSPHRASE}");
      const seen = await b.load();
      await b.save({{ n: "from b" }});
      const code = async (fn) => {{ try {{ await fn(); return "ok"; }} catch (error) {{ return error.code; }} }};
      const stale = await code(() => a.save({{ n: "stale a" }}));
      const latest = await a.load();
      const afterReload = await code(() => a.save({{ n: "a again" }}));
      const fresh = await vault.unlock("{PASSPHRASE}");
      const unread = await code(() => fresh.save({{ n: "never loaded" }}));
      const final = await fresh.load();
      // Saves started before a lock (an editor flushing its last change) still complete.
      const first = fresh.save({{ n: "queued 1" }});
      const second = fresh.save({{ n: "queued 2" }});
      fresh.lock();
      const queued = [await code(() => first), await code(() => second), await code(() => fresh.save({{ n: "after" }}))];
      const reopened = await vault.unlock("{PASSPHRASE}");
      const afterLock = (await reopened.load()).n;
      await vault.deleteEverything();
      return {{ seen: seen.n, stale, latest: latest.n, afterReload, unread, final: final.n, queued, afterLock }};
    """, "js/vault/vault.js")
    assert result == {
        "seen": 19, "stale": "conflict", "latest": "from b", "afterReload": "ok", "unread": "conflict", "final": "a again",
        "queued": ["ok", "ok", "locked"], "afterLock": "queued 2",
    }


def test_eff_wordlist_and_generator(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, """
      const [words, generator, strength] = m;
      const counts = new Array(words.EFF_SHORT_WORDS.length).fill(0);
      const draws = 129600;
      for (let i = 0; i < draws; i++) counts[generator.randomWordIndex()] += 1;
      const phrases = Array.from({ length: 2000 }, () => generator.generatePassphrase());
      return {
        length: words.EFF_SHORT_WORDS.length, unique: new Set(words.EFF_SHORT_WORDS).size,
        first: words.EFF_SHORT_WORDS[0], last: words.EFF_SHORT_WORDS[1295], frozen: Object.isFrozen(words.EFF_SHORT_WORDS),
        counts, draws,
        wordsPerPhrase: [...new Set(phrases.map((p) => p.split(" ").length))],
        distinctWords: [...new Set(phrases.map((p) => new Set(p.split(" ")).size))],
        distinctPhrases: new Set(phrases).size,
        levels: [...new Set(phrases.map((p) => strength.assessPassphrase(p).level))],
        minBits: Math.min(...phrases.map((p) => strength.assessPassphrase(p).bits)),
      };
    """, "js/vault/eff-short-words.js", "js/vault/passphrase-generator.js", "js/vault/passphrase-strength.js")
    assert (result["length"], result["unique"], result["first"], result["last"], result["frozen"]) == (1296, 1296, "acid", "zoom", True)
    counts = result["counts"]
    assert min(counts) > 0
    # Chi-squared with 1295 degrees of freedom: mean 1295, sd ~51. A modulo bias of the
    # first 736 words (65536 % 1296) would add far more than this bound allows.
    expected = result["draws"] / 1296
    chi2 = sum((count - expected) ** 2 / expected for count in counts)
    assert chi2 < 1295 + 6 * math.sqrt(2 * 1295), chi2
    low, high = counts[:736], counts[736:]
    assert abs(sum(low) / len(low) - sum(high) / len(high)) < 5
    assert result["wordsPerPhrase"] == [6] and result["distinctWords"] == [6] and result["distinctPhrases"] == 2000
    assert result["levels"] == ["strong"] and result["minBits"] == 62


@pytest.mark.parametrize(
    ("passphrase", "level"),
    [
        ("", "empty"),
        ("lupita2015", "too-short"),
        ("aaaaaaaaaaaaaaaaaaaaaaaa", "too-weak"),
        ("abcdefghijklmnopqrstuvwx", "too-weak"),
        ("qwertyuiopasdfghjklzxcvbnm", "too-weak"),
        ("password1234", "too-weak"),
        ("Contraseña2024!", "too-weak"),
        ("familia familia familia familia", "too-weak"),
        ("abc123abc123abc123abc123", "too-weak"),
        ("483920175638", "too-weak"),
        ("nuestra casa en milwaukee", "fair"),
        ("Mi familia unida 2024, siempre!", "fair"),
        ("acid acorn acre", "too-weak"),
        ("acid acorn acre acts", "fair"),
        ("acid acorn acre acts afar", "fair"),
        ("tidal snare plank gravy swoop maker", "strong"),
        ("la abuela cocina tamales cada domingo en la mañana", "strong"),
        ("بيتنا الصغير فيه حديقة وشجرة ليمون", "fair"),
        # Long phrases in the app's other languages and scripts.
        ("niam tais ua zaub mov rau hnub caiv", "fair"),
        ("ayeeyo waxay karisaa digaag axadda", "fair"),
        ("အဘွားက တနင်္ဂနွေနေ့မှာ ထမင်းချက်တယ်", "fair"),
        ("ပှၤသးပှၢ် အီၣ်မ့ၣ် ဖဲ မုၢ်ဒဲး", "fair"),
        # Digits and punctuation count in scripts without capitals as they do in Latin ones.
        ("بيتنا رقم 27 في الشارع!", "fair"),
        ("ပှၤသးပှၢ် 12 ဖဲ ဟံၣ်!", "fair"),
    ],
)
def test_strength_levels(app_page: Page, live_server: LiveServer, passphrase: str, level: str) -> None:
    result = run(app_page, live_server, "return m[0].assessPassphrase(%r);" % passphrase, "js/vault/passphrase-strength.js")
    assert result["level"] == level, result
    assert result["acceptable"] == (level in ("fair", "strong"))


@pytest.mark.parametrize(
    ("passphrase", "weakness"),
    [
        ("lupita2015", "short"),
        ("password1234", "common"),
        ("Contraseña2024!", "common"),
        ("aaaaaaaaaaaaaaaaaaaaaaaa", "pattern"),
        ("qwertyuiopasdfghjklzxcvbnm", "pattern"),
        ("abc123abc123abc123abc123", "pattern"),
        ("familia familia familia familia", "repeated"),
        ("acid acid acid acid", "repeated"),
        ("acid acorn acre", "guessable"),
        ("نحن نحب الحديقة الكبيرة", "guessable"),
        ("tidal snare plank gravy swoop maker", None),
    ],
)
def test_a_refusal_says_why(app_page: Page, live_server: LiveServer, passphrase: str, weakness: str | None) -> None:
    result = run(app_page, live_server, "return m[0].assessPassphrase(%r);" % passphrase, "js/vault/passphrase-strength.js")
    assert result["weakness"] == weakness, result


def test_unlock_delay_grows_is_capped_and_survives_a_clock_set_back(app_page: Page, live_server: LiveServer) -> None:
    result = run(app_page, live_server, """
      const [attempts, reminder] = m;
      const day = 24 * 60 * 60 * 1000;
      return {
        delays: [1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 1000].map(attempts.delayAfter),
        past: attempts.retryAt({ failures: 5, nextAllowedAt: 1000 }, 5000),
        setBack: attempts.retryAt({ failures: 9, nextAllowedAt: 1e15 }, 1000),
        counted: attempts.startTry({ failures: 3, nextAllowedAt: 0, lastTryAt: 900 }, 1000),
        waiting: attempts.startTry({ failures: 3, nextAllowedAt: 5900, lastTryAt: 900 }, 1000),
        heldBack: attempts.startTry({ failures: 3, nextAllowedAt: 5900, lastTryAt: 900 }, 9000, 2000),
        setBackAndTry: attempts.startTry({ failures: 4, nextAllowedAt: 1e15, lastTryAt: 1e15 - 10000 }, 1000),
        setBackFewTries: attempts.startTry({ failures: 1, nextAllowedAt: 0, lastTryAt: 1e15 }, 1000),
        reminders: [
          reminder.backupReminder({ changedAt: 0, exportedAt: 0 }, 10),
          reminder.backupReminder({ changedAt: 5, exportedAt: 0 }, 10),
          reminder.backupReminder({ changedAt: 5, exportedAt: 6 }, 10),
          reminder.backupReminder({ changedAt: 5, exportedAt: 6 }, 6 + 30 * day),
          reminder.backupReminder({ changedAt: 5, exportedAt: 6 }, 6 + 29 * day),
        ],
      };
    """, "js/vault/attempts.js", "js/vault/backup-reminder.js")
    assert result["delays"] == [0, 0, 5000, 10000, 20000, 40000, 80000, 160000, 300000, 300000, 300000]
    assert result["past"] == 0
    assert result["setBack"] == 1000 + 300000
    # A try is counted when it starts, with the wait that follows it if it fails.
    assert result["counted"] == {"store": {"failures": 4, "nextAllowedAt": 11000, "lastTryAt": 1000}, "retryAt": 0}
    assert result["waiting"] == {"store": None, "retryAt": 5900}  # refused; the stored entry is left as it is
    # The page's own steady clock still says 2 s more, whatever the phone's clock says.
    assert result["heldBack"] == {"store": None, "retryAt": 11000}
    # A clock that runs backwards is not believed: the wait starts again from now, bounded.
    assert result["setBackAndTry"] == {"store": {"failures": 4, "nextAllowedAt": 11000, "lastTryAt": 1000}, "retryAt": 11000}
    assert result["setBackFewTries"] == {"store": {"failures": 2, "nextAllowedAt": 1000, "lastTryAt": 1000}, "retryAt": 0}
    assert result["reminders"] == [None, "changes", None, "periodic", None]
