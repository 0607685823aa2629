// JSON as .famplan readers must read it (docs/file-format.md, section 2).
// JSON.parse and Python's json differ at the edges: how deep they nest, numbers
// too large for a double, lone surrogate escapes. This reads JSON text the way
// both readers agree on; server/format_json.py is its twin.
import { fromUtf8 } from "../crypto/bytes.js";

export const MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
// A surrogate pair is kept; any other surrogate is a lone one.
const SURROGATES = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;
// Text that may need scalarValues: a \u escape of a surrogate, or a number that may pass a
// double's range (about 1.8e308). A literal with k integer digits and exponent e is below
// 10^(k+e): past the range it needs a 3-digit exponent, or with e < 100, k >= 210 digits.
// Anything else is left as parsed.
const MAY_NEED_REPAIR = /\\u[dD][89a-fA-F]|[eE]\+?\d{3}|\d{210}/;

/**
 * Whether arrays and objects nest more than `limit` deep outside strings ({} is 1
 * deep, {"a":[]} 2). Counted on the bytes: in UTF-8 these ASCII bytes never occur
 * inside another character. Exact for valid JSON; what is not JSON fails to parse anyway.
 * @param {Uint8Array} bytes
 * @param {number} limit
 * @returns {boolean}
 */
export function nestsDeeperThan(bytes, limit) {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index += 1) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * Each lone surrogate becomes U+FFFD, as TextEncoder does.
 * @param {string} text
 * @returns {string}
 */
export function scalarString(text) {
  return text.replace(SURROGATES, (unit) => (unit.length === 2 ? unit : "\uFFFD"));
}

/**
 * The value with every string (member names too) a scalar-value string; throws on
 * a number that is not finite (JSON.parse turns 1e400 into Infinity).
 * @param {unknown} value parsed JSON
 * @returns {unknown}
 */
export function scalarValues(value) {
  if (typeof value === "string") return scalarString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError("number too large for a double");
    return value;
  }
  if (Array.isArray(value)) return value.map(scalarValues);
  if (value !== null && typeof value === "object") {
    // fromEntries makes own properties, so a "__proto__" member stays data; when two
    // names become equal, the later one wins, as duplicate names do.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [scalarString(key), scalarValues(item)]));
  }
  return value;
}

/**
 * Parse UTF-8 JSON text as both readers do; throws on anything they refuse: invalid
 * UTF-8 (a byte order mark included), invalid JSON, a number too large for a
 * double, nesting deeper than MAX_DEPTH.
 * @param {Uint8Array} bytes
 * @returns {unknown}
 */
export function loadJson(bytes) {
  if (nestsDeeperThan(bytes, MAX_DEPTH)) throw new RangeError(`nested more than ${MAX_DEPTH} deep`);
  const text = fromUtf8(bytes);
  const value = JSON.parse(text);
  return MAY_NEED_REPAIR.test(text) ? scalarValues(value) : value;
}
