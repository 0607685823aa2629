// A deliberately cautious estimate of how hard a passphrase is to guess.
// It is a guide, not a proof: see docs/vault-format.md, "Passphrase rules".
import { EFF_SHORT_WORDS } from "./eff-short-words.js";

export const MIN_LENGTH = 12;
export const MIN_BITS = 40;
export const STRONG_BITS = 55;
const WORDS = new Set(EFF_SHORT_WORDS);
const BITS_PER_WORD = Math.log2(EFF_SHORT_WORDS.length);
const KEYBOARD_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "azertyuiop", "qwertzuiop"];
// Very common passwords and the words people build them from, in the app's languages.
const COMMON = new Set([
  "password", "passw0rd", "contraseña", "contrasena", "qwerty", "letmein", "iloveyou", "teamo", "admin", "welcome",
  "monkey", "dragon", "football", "baseball", "princess", "sunshine", "familia", "family", "famplan", "mifamilia",
  "myfamily", "milwaukee", "mexico", "guatemala", "honduras", "jesus", "dios", "amor", "love", "abc", "abcabc",
]);

/**
 * @typedef {"empty" | "too-short" | "too-weak" | "fair" | "strong"} StrengthLevel
 * @typedef {"short" | "common" | "pattern" | "repeated" | "guessable"} Weakness
 *   why a passphrase is refused, to say in words: too few characters; a very
 *   common password; repeats, runs or keyboard rows; a word used again; just not long enough
 * @param {string} passphrase
 * @returns {{bits: number, length: number, level: StrengthLevel, acceptable: boolean, weakness: Weakness | null}}
 */
export function assessPassphrase(passphrase) {
  const text = passphrase.normalize("NFC");
  const length = Array.from(text).length;
  const estimate = estimateStrength(text);
  const bits = Math.floor(estimate.bits);
  let level;
  if (length === 0) level = "empty";
  else if (length < MIN_LENGTH) level = "too-short";
  else if (bits < MIN_BITS) level = "too-weak";
  else if (bits < STRONG_BITS) level = "fair";
  else level = "strong";
  const weakness = level === "too-short" ? "short" : level === "too-weak" ? estimate.weakness : null;
  return { bits, length, level, acceptable: level === "fair" || level === "strong", weakness };
}

/**
 * @param {string} text NFC-normalised
 * @returns {number}
 */
export function estimateBits(text) {
  return estimateStrength(text).bits;
}

/**
 * The estimate, and what lowered it most.
 * @param {string} text NFC-normalised
 * @returns {{bits: number, weakness: Weakness}}
 */
function estimateStrength(text) {
  const lower = text.toLowerCase();
  const words = lower.split(/\s+/u).filter(Boolean);
  const distinct = [...new Set(words)];
  const repeats = words.length - distinct.length;
  if (words.length >= 3 && words.every((word) => WORDS.has(word))) {
    return { bits: distinct.length * BITS_PER_WORD + repeats, weakness: repeats ? "repeated" : "guessable" };
  }
  const stripped = lower.replace(/[\s\p{N}\p{P}\p{S}]+/gu, "");
  if (COMMON.has(lower) || COMMON.has(stripped)) {
    return { bits: Math.min(10, lengthBits(effectiveLength(lower))), weakness: "common" };
  }
  const unique = distinct.join(" ");
  const effective = effectiveLength(unique);
  const bits = lengthBits(effective) + repeats + (mixedComposition(text) ? 6 : 0);
  // What to say about a refusal: the largest deduction, else plain length.
  let weakness = "guessable";
  if (repeats > 0) weakness = "repeated";
  else if (effective < 0.75 * Array.from(unique).length) weakness = "pattern";
  return { bits, weakness };
}

/** NIST SP 800-63 (2004) Appendix A: 4 bits for the first character, 2 for the next 7, 1.5 up to 20, then 1. */
function lengthBits(n) {
  if (n <= 0) return 0;
  return 4 + 2 * Math.min(n - 1, 7) + 1.5 * Math.min(Math.max(n - 8, 0), 12) + Math.max(n - 20, 0);
}

/** Characters that carry information: a repeated unit, runs (aaaa, abcd, 4321) and keyboard rows count little. */
function effectiveLength(text) {
  let chars = Array.from(collapseKeyboardRuns(text));
  const unit = repeatedUnit(chars);
  let bonus = 0;
  if (unit < chars.length) {
    chars = chars.slice(0, unit);
    bonus = 1;
  }
  let count = 0;
  for (let i = 0; i < chars.length; i++) {
    if (i >= 2) {
      const step = chars[i].codePointAt(0) - chars[i - 1].codePointAt(0);
      const previous = chars[i - 1].codePointAt(0) - chars[i - 2].codePointAt(0);
      if (Math.abs(step) <= 1 && step === previous) continue;
    }
    count += 1;
  }
  return count + bonus;
}

function collapseKeyboardRuns(text) {
  let result = text;
  for (const row of KEYBOARD_ROWS) {
    for (const line of [row, [...row].reverse().join("")]) {
      for (let size = line.length; size >= 4; size--) {
        for (let start = 0; start + size <= line.length; start++) {
          const run = line.slice(start, start + size);
          if (result.includes(run)) result = result.replaceAll(run, run.slice(0, 2));
        }
      }
    }
  }
  return result;
}

/** The length of the shortest unit that the whole text repeats ("abcabcabc" -> 3). */
function repeatedUnit(chars) {
  for (let size = 1; size <= chars.length / 2; size++) {
    if (chars.length % size !== 0) continue;
    let repeats = true;
    for (let i = size; i < chars.length && repeats; i++) repeats = chars[i] === chars[i - size];
    if (repeats) return size;
  }
  return chars.length;
}

/**
 * Three of: small letters, capitals, digits, symbols. Letters of scripts
 * without capitals (Arabic, Myanmar, ...) count as small letters, so a
 * passphrase in any script can earn this.
 */
function mixedComposition(text) {
  const classes = [/[\p{Ll}\p{Lo}\p{Lm}]/u, /[\p{Lu}\p{Lt}]/u, /\p{N}/u, /[\p{P}\p{S}]/u].filter((pattern) => pattern.test(text)).length;
  return classes >= 3;
}
