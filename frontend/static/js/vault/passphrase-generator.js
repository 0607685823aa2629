// Passphrases of random words from the EFF short wordlist.
import { EFF_SHORT_WORDS } from "./eff-short-words.js";

export const GENERATED_WORDS = 6; // 6 × log2(1296) ≈ 62 bits
const RANGE = 2 ** 16;
// The largest multiple of the list length that fits in 16 bits: drawing only
// below it (rejection sampling) makes every word equally likely.
const LIMIT = RANGE - (RANGE % EFF_SHORT_WORDS.length);

/**
 * A random index in [0, EFF_SHORT_WORDS.length), without modulo bias.
 * @returns {number}
 */
export function randomWordIndex() {
  const draw = new Uint16Array(1);
  do crypto.getRandomValues(draw);
  while (draw[0] >= LIMIT);
  return draw[0] % EFF_SHORT_WORDS.length;
}

/**
 * Distinct words (a repeated word reads like a mistake, and costs well under
 * a tenth of a bit: log2(1296 × 1295 × … × 1291) ≈ 61.99).
 * @param {number} [count]
 * @returns {string} words separated by single spaces
 */
export function generatePassphrase(count = GENERATED_WORDS) {
  const indexes = new Set();
  while (indexes.size < count) indexes.add(randomWordIndex());
  return Array.from(indexes, (index) => EFF_SHORT_WORDS[index]).join(" ");
}
