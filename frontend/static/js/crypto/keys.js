// The random data key, and wrapping it under the key-encryption key.
// The data key is usable only as a non-extractable key, except inside rewrap().
import { randomBytes } from "./bytes.js";
import { IV_BYTES } from "./aead.js";

export const WRAPPED_KEY_BYTES = 48; // 32-byte key + 16-byte GCM tag
const DATA_KEY = { name: "AES-GCM", length: 256 };
const DATA_KEY_USAGES = ["encrypt", "decrypt"];

/**
 * A new random 256-bit data key, wrapped under `wrappingKey`. The extractable
 * copy needed for wrapping never leaves this function; the returned key is
 * the non-extractable result of unwrapping.
 * @param {CryptoKey} wrappingKey
 * @param {Uint8Array} additionalData
 * @returns {Promise<{key: CryptoKey, iv: Uint8Array, wrappedKey: Uint8Array}>}
 */
export async function createDataKey(wrappingKey, additionalData) {
  const extractable = await crypto.subtle.generateKey(DATA_KEY, true, DATA_KEY_USAGES);
  const { iv, wrappedKey } = await wrap(extractable, wrappingKey, additionalData);
  const key = await unwrapDataKey(wrappedKey, wrappingKey, iv, additionalData);
  return { key, iv, wrappedKey };
}

/**
 * @param {Uint8Array} wrappedKey
 * @param {CryptoKey} wrappingKey
 * @param {Uint8Array} iv
 * @param {Uint8Array} additionalData
 * @returns {Promise<CryptoKey>} non-extractable
 */
export async function unwrapDataKey(wrappedKey, wrappingKey, iv, additionalData) {
  return unwrap(wrappedKey, wrappingKey, iv, additionalData, false);
}

/**
 * Re-wraps the data key under a new key-encryption key. Only here is the data
 * key extractable, and only for the length of this call.
 * @param {{wrappedKey: Uint8Array, iv: Uint8Array, wrappingKey: CryptoKey, additionalData: Uint8Array}} from
 * @param {{wrappingKey: CryptoKey, additionalData: Uint8Array}} to
 * @returns {Promise<{iv: Uint8Array, wrappedKey: Uint8Array}>}
 */
export async function rewrap(from, to) {
  const extractable = await unwrap(from.wrappedKey, from.wrappingKey, from.iv, from.additionalData, true);
  return wrap(extractable, to.wrappingKey, to.additionalData);
}

async function wrap(key, wrappingKey, additionalData) {
  const iv = randomBytes(IV_BYTES);
  const wrapped = await crypto.subtle.wrapKey("raw", key, wrappingKey, { name: "AES-GCM", iv, additionalData });
  return { iv, wrappedKey: new Uint8Array(wrapped) };
}

async function unwrap(wrappedKey, wrappingKey, iv, additionalData, extractable) {
  if (!(wrappedKey instanceof Uint8Array) || wrappedKey.length !== WRAPPED_KEY_BYTES) throw new RangeError("bad wrapped key");
  if (!(iv instanceof Uint8Array) || iv.length !== IV_BYTES) throw new RangeError("bad IV");
  return crypto.subtle.unwrapKey(
    "raw", wrappedKey, wrappingKey, { name: "AES-GCM", iv, additionalData }, DATA_KEY, extractable, DATA_KEY_USAGES,
  );
}
