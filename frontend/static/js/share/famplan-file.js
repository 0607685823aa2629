// The .famplan file format, version 1, in the browser (WebCrypto only).
// docs/file-format.md is the specification; server/fileformat.py is the
// reference. The checks run in the spec's order and stop at the first failure
// with the same code, so both readers refuse a bad file the same way.
import { utf8 } from "../crypto/bytes.js";
import { deriveWrappingKey as pbkdf2 } from "../crypto/kdf.js";
import { currentVersion } from "../plan/schema.js";
import { decodeBase64url, encodeBase64url } from "./base64url.js";
import { loadJson, MAX_DEPTH, nestsDeeperThan, scalarValues } from "./format-json.js";

export const FORMAT = "famplan";
export const VERSION = 1;
export const KDF_ALG = "PBKDF2-SHA256";
export const AEAD_ALG = "A256GCM";
export const DEFAULT_ITERATIONS = 600_000;
export const MIN_ITERATIONS = 600_000;
export const MAX_ITERATIONS = 10_000_000;
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_HEADER_BYTES = 1024;
export const MAX_PLAINTEXT_BYTES = 3 * 1024 * 1024;
export const KINDS = Object.freeze(["full", "caregiver"]);
export const ERROR_CODES = Object.freeze([
  "too-large",
  "empty",
  "not-json",
  "not-famplan",
  "unsupported-version",
  "malformed-field",
  "kdf-out-of-bounds",
  "wrong-passphrase-or-tampered",
  "payload-damaged",
  "invalid-payload",
  "newer-schema",
]);

const SALT_BYTES = 16;
const IV_BYTES = 12;
const KEY_BYTES = 32;
const TAG_BYTES = 16;
const WRAPPED_KEY_BYTES = KEY_BYTES + TAG_BYTES;
const MIN_CIPHERTEXT_BYTES = 1 + TAG_BYTES;
const OUTER_KEYS = ["ciphertext", "format", "header", "version", "wrappedKey"];
const HEADER_KEYS = ["format", "kdf", "payload", "version", "wrap"];
const KDF_KEYS = ["alg", "iterations", "salt"];
const AEAD_KEYS = ["alg", "iv"];

/** A file could not be read or written; `code` is one of ERROR_CODES. */
export class FileFormatError extends Error {
  /** @param {string} code @param {string} [detail] */
  constructor(code, detail = "") {
    if (!ERROR_CODES.includes(code)) throw new TypeError(`unknown error code ${code}`);
    super(detail ? `${code}: ${detail}` : code);
    this.name = "FileFormatError";
    this.code = code;
  }
}

/**
 * @typedef {object} ParsedFile  What a reader learns without the passphrase.
 * @property {number} iterations
 * @property {Uint8Array} salt
 * @property {Uint8Array} wrapIv
 * @property {Uint8Array} payloadIv
 * @property {Uint8Array} wrappedKey
 * @property {Uint8Array} ciphertext
 * @property {Uint8Array} headerBytes  the exact AAD of both AES-GCM operations
 */

// --- small checks ---------------------------------------------------------

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isInteger(value) {
  return typeof value === "number" && Number.isInteger(value);
}

function hasExactly(obj, expected) {
  const keys = Object.keys(obj).sort();
  return keys.length === expected.length && keys.every((key, index) => key === expected[index]);
}

function requireKeys(obj, expected, where) {
  // Unknown members are rejected: a v1 reader must not silently skip meaning.
  if (!hasExactly(obj, expected)) throw new FileFormatError("malformed-field", `${where}: members`);
}

function isBlank(bytes) {
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d);
}

function bytesField(obj, name, where, length = null) {
  let raw;
  try {
    raw = decodeBase64url(obj[name]);
  } catch {
    throw new FileFormatError("malformed-field", `${where}.${name}: not base64url`);
  }
  if (length !== null && raw.length !== length) {
    throw new FileFormatError("malformed-field", `${where}.${name}: ${raw.length} bytes, expected ${length}`);
  }
  return raw;
}

// --- reading: steps 1-13, no passphrase, no KDF ----------------------------

function loadOuter(bytes) {
  if (bytes.length > MAX_FILE_BYTES) throw new FileFormatError("too-large", `${bytes.length} bytes`);
  if (isBlank(bytes)) throw new FileFormatError("empty");
  let outer;
  try {
    outer = loadJson(bytes);
  } catch {
    throw new FileFormatError("not-json");
  }
  if (!isObject(outer) || outer.format !== FORMAT) throw new FileFormatError("not-famplan");
  if (!("version" in outer) || !isInteger(outer.version)) throw new FileFormatError("malformed-field", "version");
  if (outer.version !== VERSION) throw new FileFormatError("unsupported-version", `version ${outer.version}`);
  requireKeys(outer, OUTER_KEYS, "file");
  return outer;
}

function loadHeader(headerBytes) {
  if (headerBytes.length > MAX_HEADER_BYTES) throw new FileFormatError("malformed-field", "header too long");
  let header;
  try {
    header = loadJson(headerBytes);
  } catch {
    throw new FileFormatError("malformed-field", "header is not JSON");
  }
  if (!isObject(header)) throw new FileFormatError("malformed-field", "header is not an object");
  requireKeys(header, HEADER_KEYS, "header");
  // The header repeats format and version so that they are authenticated.
  if (header.format !== FORMAT || header.version !== VERSION) {
    throw new FileFormatError("malformed-field", "header format/version differ from the file's");
  }
  return header;
}

function subObject(header, name, keys, alg) {
  const obj = header[name];
  if (!isObject(obj)) throw new FileFormatError("malformed-field", `header.${name} is not an object`);
  requireKeys(obj, keys, `header.${name}`);
  if (obj.alg !== alg) throw new FileFormatError("malformed-field", `header.${name}.alg`);
  return obj;
}

function checkedIterations(kdf) {
  if (!isInteger(kdf.iterations)) throw new FileFormatError("malformed-field", "header.kdf.iterations");
  if (kdf.iterations < MIN_ITERATIONS || kdf.iterations > MAX_ITERATIONS) {
    throw new FileFormatError("kdf-out-of-bounds", `iterations=${kdf.iterations}`);
  }
  return kdf.iterations;
}

/**
 * Every check that needs no passphrase, in the order the spec lists them.
 * Never runs the KDF, so a hostile file costs nothing before the person types.
 * @param {Uint8Array} bytes  the whole file
 * @returns {ParsedFile}
 * @throws {FileFormatError}
 */
export function readHeader(bytes) {
  const outer = loadOuter(bytes);
  const headerBytes = bytesField(outer, "header", "file");
  const wrappedKey = bytesField(outer, "wrappedKey", "file", WRAPPED_KEY_BYTES);
  const ciphertext = bytesField(outer, "ciphertext", "file");
  if (ciphertext.length < MIN_CIPHERTEXT_BYTES) throw new FileFormatError("malformed-field", "ciphertext too short");
  if (ciphertext.length > MAX_PLAINTEXT_BYTES + TAG_BYTES) throw new FileFormatError("too-large", "ciphertext");
  const header = loadHeader(headerBytes);
  const kdf = subObject(header, "kdf", KDF_KEYS, KDF_ALG);
  const iterations = checkedIterations(kdf);
  const salt = bytesField(kdf, "salt", "header.kdf", SALT_BYTES);
  const wrapIv = bytesField(subObject(header, "wrap", AEAD_KEYS, AEAD_ALG), "iv", "header.wrap", IV_BYTES);
  const payloadIv = bytesField(subObject(header, "payload", AEAD_KEYS, AEAD_ALG), "iv", "header.payload", IV_BYTES);
  return { iterations, salt, wrapIv, payloadIv, wrappedKey, ciphertext, headerBytes };
}

// --- keys ------------------------------------------------------------------

/**
 * PBKDF2-HMAC-SHA256 of the NFC UTF-8 passphrase: the key that wraps the file key.
 * The same derivation as the vault's (crypto/kdf.js); the file's own bounds are checked first.
 * @param {string} passphrase
 * @param {Uint8Array} salt
 * @param {number} iterations
 * @returns {Promise<CryptoKey>} non-extractable, for wrapKey and unwrapKey
 */
export async function deriveWrappingKey(passphrase, salt, iterations) {
  if (!isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new FileFormatError("kdf-out-of-bounds", `iterations=${iterations}`);
  }
  return pbkdf2(passphrase, salt, iterations);
}

// --- reading: steps 14-18 ---------------------------------------------------

/**
 * Open a parsed file with its wrapping key (steps 14-18).
 * @param {ParsedFile} parsed
 * @param {CryptoKey} wrappingKey  from deriveWrappingKey
 * @param {{maxSchemaVersion?: number}} [options]
 * @returns {Promise<{schemaVersion: number, kind: string, plan: object}>} the payload, extra members kept
 */
export async function openFile(parsed, wrappingKey, { maxSchemaVersion = currentVersion() } = {}) {
  const aad = parsed.headerBytes;
  let fileKey;
  try {
    fileKey = await crypto.subtle.unwrapKey(
      "raw",
      parsed.wrappedKey,
      wrappingKey,
      { name: "AES-GCM", iv: parsed.wrapIv, additionalData: aad },
      { name: "AES-GCM" },
      false,
      ["decrypt"],
    );
  } catch {
    throw new FileFormatError("wrong-passphrase-or-tampered");
  }
  let plaintext;
  try {
    plaintext = new Uint8Array(
      await crypto.subtle.decrypt({ name: "AES-GCM", iv: parsed.payloadIv, additionalData: aad }, fileKey, parsed.ciphertext),
    );
  } catch {
    throw new FileFormatError("payload-damaged");
  }
  return checkedPayload(plaintext, maxSchemaVersion);
}

function checkedPayload(plaintext, maxSchemaVersion) {
  let payload;
  try {
    payload = loadJson(plaintext);
  } catch {
    throw new FileFormatError("invalid-payload", "not UTF-8 JSON");
  }
  if (!isObject(payload)) throw new FileFormatError("invalid-payload", "not an object");
  if (!isInteger(payload.schemaVersion) || payload.schemaVersion < 1) {
    throw new FileFormatError("invalid-payload", "schemaVersion");
  }
  if (payload.schemaVersion > maxSchemaVersion) {
    throw new FileFormatError("newer-schema", `schemaVersion ${payload.schemaVersion}`);
  }
  if (!isObject(payload.plan)) throw new FileFormatError("invalid-payload", "plan");
  if (!KINDS.includes(payload.kind)) throw new FileFormatError("invalid-payload", "kind");
  return payload;
}

/**
 * Read a whole file: checks, KDF, unwrap, decrypt, payload checks.
 * @param {Uint8Array} bytes
 * @param {string} passphrase
 * @param {{maxSchemaVersion?: number}} [options]
 * @throws {FileFormatError}
 */
export async function decryptFile(bytes, passphrase, options = {}) {
  const parsed = readHeader(bytes);
  // No file has an empty passphrase (writers refuse one): no KDF to run.
  if (passphrase === "") throw new FileFormatError("wrong-passphrase-or-tampered", "the passphrase is empty");
  const wrappingKey = await deriveWrappingKey(passphrase, parsed.salt, parsed.iterations);
  return openFile(parsed, wrappingKey, options);
}

/**
 * A file picked, dropped or shared: refuse an oversized one before reading it.
 * @param {Blob} blob
 * @returns {Promise<Uint8Array>}
 */
export async function readBlob(blob) {
  if (blob.size > MAX_FILE_BYTES) throw new FileFormatError("too-large", `${blob.size} bytes`);
  return new Uint8Array(await blob.arrayBuffer());
}

// --- writing ---------------------------------------------------------------

function checkWriteArguments(passphrase, iterations, kind) {
  if (typeof passphrase !== "string" || passphrase === "") throw new TypeError("the passphrase must not be empty");
  if (!isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new RangeError("iterations out of range");
  }
  if (!KINDS.includes(kind)) throw new TypeError("unknown kind");
}

function payloadBytes(planPayload, kind) {
  if (!isObject(planPayload) || !isObject(planPayload.plan)) throw new FileFormatError("invalid-payload", "plan");
  const { schemaVersion, kind: given = kind, plan, ...extras } = planPayload;
  if (!isInteger(schemaVersion) || schemaVersion < 1) throw new FileFormatError("invalid-payload", "schemaVersion");
  if (given !== kind) throw new TypeError("the payload's kind differs from the kind argument");
  let bytes;
  try {
    // Lone surrogates become U+FFFD, so the file holds none; a number that is not finite is refused.
    bytes = utf8(JSON.stringify(scalarValues({ schemaVersion, kind, plan, ...extras })));
  } catch (error) {
    throw new FileFormatError("invalid-payload", `not serialisable as JSON: ${error.name}`);
  }
  if (bytes.length > MAX_PLAINTEXT_BYTES) throw new FileFormatError("too-large", `plaintext ${bytes.length} bytes`);
  if (nestsDeeperThan(bytes, MAX_DEPTH)) throw new FileFormatError("invalid-payload", "nested too deep");
  return bytes;
}

function secureRandom(length) {
  return crypto.getRandomValues(new Uint8Array(length));
}

/**
 * Encrypt `{schemaVersion, plan, ...}` into the bytes of a .famplan file.
 * `randomBytes(n)` is drawn in the order salt(16), file key(32), wrap IV(12),
 * payload IV(12); only test vectors pass one.
 * @param {{schemaVersion: number, plan: object}} planPayload
 * @param {string} passphrase
 * @param {{iterations?: number, kind?: string, randomBytes?: (n: number) => Uint8Array}} [options]
 * @returns {Promise<Uint8Array>}
 */
export async function encryptPlan(planPayload, passphrase, options = {}) {
  const { iterations = DEFAULT_ITERATIONS, kind = "full", randomBytes = secureRandom } = options;
  checkWriteArguments(passphrase, iterations, kind);
  const plaintext = payloadBytes(planPayload, kind);
  const draw = (length) => {
    const value = randomBytes(length);
    if (!(value instanceof Uint8Array) || value.length !== length) throw new TypeError("bad random source");
    return value;
  };
  const salt = draw(SALT_BYTES);
  const keyBytes = draw(KEY_BYTES);
  const wrapIv = draw(IV_BYTES);
  const payloadIv = draw(IV_BYTES);
  // Extractable only so that wrapKey can export it; the reference dies with this call.
  const fileKey = await crypto.subtle.importKey("raw", keyBytes, "AES-GCM", true, ["encrypt"]);
  keyBytes.fill(0);
  const headerBytes = utf8(
    JSON.stringify({
      format: FORMAT,
      version: VERSION,
      kdf: { alg: KDF_ALG, iterations, salt: encodeBase64url(salt) },
      wrap: { alg: AEAD_ALG, iv: encodeBase64url(wrapIv) },
      payload: { alg: AEAD_ALG, iv: encodeBase64url(payloadIv) },
    }),
  );
  const wrappingKey = await deriveWrappingKey(passphrase, salt, iterations);
  const aead = (iv) => ({ name: "AES-GCM", iv, additionalData: headerBytes });
  const wrappedKey = new Uint8Array(await crypto.subtle.wrapKey("raw", fileKey, wrappingKey, aead(wrapIv)));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt(aead(payloadIv), fileKey, plaintext));
  const outer = {
    format: FORMAT,
    version: VERSION,
    header: encodeBase64url(headerBytes),
    wrappedKey: encodeBase64url(wrappedKey),
    ciphertext: encodeBase64url(ciphertext),
  };
  return utf8(`${JSON.stringify(outer)}\n`);
}
