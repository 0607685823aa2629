// Passphrase -> key-encryption key, with PBKDF2-HMAC-SHA256 (WebCrypto only).
import { randomBytes, utf8 } from "./bytes.js";

export const KDF_ALG = "PBKDF2-SHA256";
export const SALT_BYTES = 16;
/** OWASP's minimum for PBKDF2-HMAC-SHA256; no vault is created or opened below it. */
export const MIN_ITERATIONS = 600_000;
/** Calibration never chooses more than this, so a slower phone can still open the vault. */
export const CALIBRATION_CEILING = 2_000_000;
/** A stored count above this is damage or an attack (minutes of work per try), not a setting. */
export const MAX_ITERATIONS = 10_000_000;
const CALIBRATION_TARGET_MS = 250;
const CALIBRATION_PROBE = 200_000;
const ROUND_TO = 10_000;

/** @returns {Uint8Array} */
export function newSalt() {
  return randomBytes(SALT_BYTES);
}

/**
 * Throws before any work is done when a stored iteration count is out of bounds.
 * @param {unknown} iterations
 */
export function checkIterations(iterations) {
  if (!Number.isSafeInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new RangeError("iterations out of bounds");
  }
}

/**
 * The key that wraps and unwraps the data key. Never extractable.
 * The passphrase is NFC-normalised so the same words typed on different
 * keyboards give the same key (as in the export file format).
 * @param {string} passphrase
 * @param {Uint8Array} salt
 * @param {number} iterations
 * @returns {Promise<CryptoKey>}
 */
export async function deriveWrappingKey(passphrase, salt, iterations) {
  checkIterations(iterations);
  if (!(salt instanceof Uint8Array) || salt.length !== SALT_BYTES) throw new RangeError("bad salt");
  const material = await crypto.subtle.importKey("raw", utf8(passphrase.normalize("NFC")), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["wrapKey", "unwrapKey"],
  );
}

/**
 * How many iterations take about 250 ms on this device, within
 * [MIN_ITERATIONS, CALIBRATION_CEILING], rounded to a multiple of 10,000.
 * Two timed runs after a warm-up, averaged: single runs vary a lot on phones.
 * @param {() => number} [now] a monotonic clock in milliseconds
 * @returns {Promise<number>}
 */
export async function calibrateIterations(now = () => performance.now()) {
  const material = await crypto.subtle.importKey("raw", randomBytes(16), "PBKDF2", false, ["deriveBits"]);
  const run = (iterations) =>
    crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: randomBytes(SALT_BYTES), iterations }, material, 256);
  await run(CALIBRATION_PROBE / 4);
  const start = now();
  await run(CALIBRATION_PROBE);
  await run(CALIBRATION_PROBE);
  const elapsed = (now() - start) / 2;
  // A frozen or coarse clock says nothing about speed: stay at the floor.
  if (!(elapsed > 1)) return MIN_ITERATIONS;
  const wanted = Math.round((CALIBRATION_PROBE * CALIBRATION_TARGET_MS) / elapsed / ROUND_TO) * ROUND_TO;
  return Math.min(CALIBRATION_CEILING, Math.max(MIN_ITERATIONS, wanted));
}
