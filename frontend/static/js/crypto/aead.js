// AES-256-GCM with a fresh random 96-bit IV for every encryption.
import { randomBytes } from "./bytes.js";

export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/**
 * @param {CryptoKey} key an AES-GCM key with the "encrypt" usage
 * @param {Uint8Array} plaintext
 * @param {Uint8Array} additionalData authenticated, not encrypted
 * @returns {Promise<{iv: Uint8Array, ciphertext: Uint8Array}>}
 */
export async function encrypt(key, plaintext, additionalData) {
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData }, key, plaintext);
  return { iv, ciphertext: new Uint8Array(ciphertext) };
}

/**
 * Rejects (OperationError) when the key, IV, additional data or any byte of
 * the ciphertext is not what was encrypted.
 * @param {CryptoKey} key
 * @param {Uint8Array} iv
 * @param {Uint8Array} ciphertext
 * @param {Uint8Array} additionalData
 * @returns {Promise<Uint8Array>}
 */
export async function decrypt(key, iv, ciphertext, additionalData) {
  if (!(iv instanceof Uint8Array) || iv.length !== IV_BYTES) throw new RangeError("bad IV");
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length < TAG_BYTES) throw new RangeError("bad ciphertext");
  const plaintext = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData }, key, ciphertext);
  return new Uint8Array(plaintext);
}
