// The vault format, version 1 (docs/vault-format.md): the additional data that
// binds each ciphertext to its place, and the checks run on stored metadata
// before any key is derived.
import { IV_BYTES, TAG_BYTES } from "../crypto/aead.js";
import { base64url, utf8 } from "../crypto/bytes.js";
import { KDF_ALG, SALT_BYTES, checkIterations } from "../crypto/kdf.js";
import { WRAPPED_KEY_BYTES } from "../crypto/keys.js";

export const FORMAT_VERSION = 1;
export const WRAP_ALG = "A256GCM";
const TAG = "famplan-vault";

/**
 * Additional data of the wrapped data key: the format version and every KDF
 * parameter, so a changed salt or iteration count cannot unwrap the key.
 * @param {{alg: string, iterations: number, salt: Uint8Array}} kdf
 * @returns {Uint8Array}
 */
export function keyAdditionalData(kdf) {
  return utf8(JSON.stringify([TAG, FORMAT_VERSION, "data-key", kdf.alg, kdf.iterations, base64url(kdf.salt)]));
}

/**
 * Additional data of a record: format version, record id, purpose and revision.
 * @param {{id: string, purpose: string, revision: number}} record
 * @returns {Uint8Array}
 */
export function recordAdditionalData({ id, purpose, revision }) {
  return utf8(JSON.stringify([TAG, FORMAT_VERSION, "record", id, purpose, revision]));
}

/**
 * SHA-256 over every field of the vault entry but itself. It catches
 * corruption and careless edits with a clear message; a deliberate forger can
 * recompute it, and then the wrong key simply fails to unwrap.
 * @param {object} vault
 * @returns {Promise<Uint8Array>}
 */
export async function vaultCheck(vault) {
  const fields = [
    TAG, vault.format, vault.vaultId, vault.keyRevision, vault.createdAt, vault.keyChangedAt,
    vault.kdf.alg, vault.kdf.iterations, base64url(vault.kdf.salt),
    vault.wrap.alg, base64url(vault.wrap.iv), base64url(vault.wrap.key),
  ];
  return new Uint8Array(await crypto.subtle.digest("SHA-256", utf8(JSON.stringify(fields))));
}

/**
 * Throws unless the stored vault entry has the shape of format 1, with KDF
 * parameters in bounds. Runs before any key derivation.
 * @param {any} vault
 */
export function checkVaultShape(vault) {
  const bytes = (value, length) => value instanceof Uint8Array && value.length === length;
  const ok =
    vault !== null && typeof vault === "object" &&
    vault.format === FORMAT_VERSION &&
    typeof vault.vaultId === "string" && vault.vaultId.length > 0 &&
    Number.isSafeInteger(vault.keyRevision) && vault.keyRevision >= 1 &&
    Number.isFinite(vault.createdAt) && Number.isFinite(vault.keyChangedAt) &&
    vault.kdf?.alg === KDF_ALG && bytes(vault.kdf.salt, SALT_BYTES) &&
    vault.wrap?.alg === WRAP_ALG && bytes(vault.wrap.iv, IV_BYTES) && bytes(vault.wrap.key, WRAPPED_KEY_BYTES) &&
    bytes(vault.check, 32);
  if (!ok) throw new TypeError("vault entry malformed");
  checkIterations(vault.kdf.iterations);
}

/**
 * @param {any} record
 * @param {string} id
 */
export function checkRecordShape(record, id) {
  const ok =
    record !== null && typeof record === "object" && record.id === id && record.format === FORMAT_VERSION &&
    typeof record.purpose === "string" && Number.isSafeInteger(record.revision) && record.revision >= 1 &&
    record.iv instanceof Uint8Array && record.iv.length === IV_BYTES &&
    record.ciphertext instanceof Uint8Array && record.ciphertext.length >= TAG_BYTES;
  if (!ok) throw new TypeError("record malformed");
}
