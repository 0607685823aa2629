// Checks on one answer: blank, type, length, format. Mirrors the "single values"
// part of server/plan_schema.py; docs/plan-schema.md section 3 is the contract.
import { schema, typeSpec } from "./schema.js";

const WHITESPACE = new Set(schema.whitespace);
const patterns = new Map();
const LAST_DATE = "9999-12-31";

function compiled(source) {
  if (!patterns.has(source)) patterns.set(source, new RegExp(source));
  return patterns.get(source);
}

/**
 * Trims exactly the schema's whitespace characters (JS trim() strips more).
 * @param {string} text
 * @returns {string}
 */
export function trim(text) {
  let start = 0;
  let end = text.length;
  while (start < end && WHITESPACE.has(text[start])) start += 1;
  while (end > start && WHITESPACE.has(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

/**
 * Unanswered: missing, null, whitespace-only text or an empty list. false is an answer.
 * @param {unknown} value
 * @returns {boolean}
 */
export function isBlank(value) {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return trim(value) === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * Length in Unicode code points, as Python's len().
 * @param {string} text
 * @returns {number}
 */
export function codePointLength(text) {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

const DIGIT_ZEROS = schema.digitZeros.map((zero) => zero.codePointAt(0));

/**
 * The ASCII digit for a digit people type on their keyboards (ASCII, Arabic-Indic,
 * Eastern Arabic-Indic, Myanmar: the schema's `digitZeros`), else null.
 * @param {string} ch one character
 * @returns {string | null}
 */
export function asciiDigit(ch) {
  const code = ch.codePointAt(0);
  for (const zero of DIGIT_ZEROS) if (code >= zero && code <= zero + 9) return String(code - zero);
  return null;
}

/**
 * A phone number's digits as ASCII, for a tel: link (the text shown stays as typed).
 * @param {string} text
 * @returns {string}
 */
export function asciiDigits(text) {
  return [...text].map((ch) => asciiDigit(ch) ?? ch).join("");
}

function digitCount(text) {
  let count = 0;
  for (const ch of text) if (asciiDigit(ch) !== null) count += 1;
  return count;
}

function daysInMonth(year, month) {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoDate(year, month, day) {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * A real calendar date as "YYYY-MM-DD", or null. ISO strings of this form sort as dates.
 * @param {unknown} value
 * @returns {string | null}
 */
export function parseDate(value) {
  if (typeof value !== "string") return null;
  const text = trim(value);
  if (!compiled(typeSpec("date").pattern).test(text)) return null;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return text;
}

/**
 * Same day N months later, clamped to the month's end (2024-02-29 + 12 = 2025-02-28),
 * and to 9999-12-31, the last date the schema can hold.
 * @param {string} start a date from parseDate
 * @param {number} months
 * @returns {string}
 */
export function addMonths(start, months) {
  const index = Number(start.slice(5, 7)) - 1 + months;
  const year = Number(start.slice(0, 4)) + Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  if (year > 9999) return LAST_DATE;
  return isoDate(year, month, Math.min(Number(start.slice(8, 10)), daysInMonth(year, month)));
}

/**
 * Today on this phone's calendar, as "YYYY-MM-DD".
 * @param {Date} [now]
 * @returns {string}
 */
export function localToday(now = new Date()) {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * @param {string} typeName
 * @param {object} [field]
 * @returns {number}
 */
export function maxLength(typeName, field) {
  if (field && Object.hasOwn(field, "maxLength")) return field.maxLength;
  return typeSpec(typeName).maxLength ?? 1e9;
}

/**
 * A phone number without its extension ("ext 2", "x12"), which is kept but not counted.
 * @param {object} spec
 * @param {string} text
 * @returns {string}
 */
export function withoutExtension(spec, text) {
  if (!spec.extension) return text;
  const match = compiled(spec.extension).exec(text);
  return match ? text.slice(0, match.index) : text;
}

function digitsOk(spec, text) {
  const ranges = typeof spec.digits[0] === "number" ? [spec.digits] : spec.digits;
  const count = digitCount(text);
  return ranges.some(([low, high]) => low <= count && count <= high);
}

function checkString(typeName, text, limit) {
  const spec = typeSpec(typeName);
  if (codePointLength(text) > limit) return "tooLong";
  const trimmed = withoutExtension(spec, trim(text));
  if (spec.pattern && !compiled(spec.pattern).test(trimmed)) return spec.code;
  if (spec.digits && !digitsOk(spec, trimmed)) return spec.code;
  if (spec.calendar && parseDate(trimmed) === null) return spec.code;
  return null;
}

/**
 * Problem code for one non-blank scalar value of a text-like, number or yesno type.
 * @param {string} typeName
 * @param {unknown} value
 * @param {number} [limit]
 * @returns {string | null}
 */
export function checkValue(typeName, value, limit = maxLength(typeName)) {
  const spec = typeSpec(typeName);
  if (spec.value === "boolean") return typeof value === "boolean" ? null : "wrongType";
  if (typeName === "number" && typeof value === "number") return Number.isFinite(value) ? null : spec.code;
  if (typeof value !== "string") return "wrongType";
  return checkString(typeName, value, limit);
}

/**
 * Canonical A-number ("A" + 9 digits, zero-padded) or null if not valid.
 * @param {unknown} value
 * @returns {string | null}
 */
export function normalizeANumber(value) {
  if (isBlank(value) || checkValue("anumber", value) !== null) return null;
  const { prefix, width } = typeSpec("anumber").canonical;
  const digits = [...value].map(asciiDigit).filter((digit) => digit !== null).join("");
  return prefix + digits.padStart(width, "0");
}
