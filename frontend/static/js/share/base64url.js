// Strict base64url decoding (docs/file-format.md, section 2); encoding is the
// vault's own (crypto/bytes.js). atob is lenient (it skips whitespace), so the
// alphabet is checked first and the result is re-encoded: every byte string
// has exactly one spelling.
import { base64url } from "../crypto/bytes.js";

const ALPHABET = /^[A-Za-z0-9_-]*$/;

export { base64url as encodeBase64url };

/**
 * @param {string} text
 * @returns {Uint8Array} the decoded bytes
 * @throws {TypeError} if `text` is not canonical base64url without padding
 */
export function decodeBase64url(text) {
  if (typeof text !== "string" || !ALPHABET.test(text) || text.length % 4 === 1) {
    throw new TypeError("not base64url without padding");
  }
  const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  if (base64url(bytes) !== text) throw new TypeError("non-canonical base64url");
  return bytes;
}
