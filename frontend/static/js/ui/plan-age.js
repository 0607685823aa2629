// How old a received plan is, in words, and whether the family's own review
// date has passed. Dates compare as calendar days on this phone, never as
// instants: a file made last night is "yesterday", whatever the hour.
import { localToday } from "../plan/values.js";
import { formatDate } from "./dates.js";
import { fill } from "./fill.js";
import { t } from "./strings.js";

const DAY_MS = 86_400_000;

/**
 * The calendar day on this phone of a moment written as ISO 8601 (the file's exportedAt).
 * @param {unknown} iso
 * @returns {string | null} YYYY-MM-DD
 */
export function localDay(iso) {
  const ms = typeof iso === "string" ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? null : localToday(new Date(ms));
}

function dayNumber(day) {
  const [year, month, date] = day.split("-").map(Number);
  const moment = new Date(0);
  moment.setUTCFullYear(year, month - 1, date);
  return Math.round(moment.getTime() / DAY_MS);
}

/**
 * "3 months ago", in the page's language; null for a day after today (a clock or a file that is wrong).
 * @param {string} day YYYY-MM-DD
 * @param {string} [today]
 * @param {string} [lang]
 * @returns {string | null}
 */
export function ageInWords(day, today = localToday(), lang = document.documentElement.lang) {
  const days = dayNumber(today) - dayNumber(day);
  if (days < 0) return null;
  const months = (Number(today.slice(0, 4)) - Number(day.slice(0, 4))) * 12 + Number(today.slice(5, 7)) - Number(day.slice(5, 7)) - (Number(today.slice(8, 10)) < Number(day.slice(8, 10)) ? 1 : 0);
  const [count, unit] = days < 31 ? [days, "day"] : months < 12 ? [Math.max(months, 1), "month"] : [Math.floor(months / 12), "year"];
  // Hmong and S'gaw Karen have no data in browsers: the catalog's words instead.
  if (Intl.RelativeTimeFormat?.supportedLocalesOf([lang]).length) {
    return new Intl.RelativeTimeFormat(lang, { numeric: "auto" }).format(-count, unit);
  }
  if (count === 0) return t("ageToday");
  return fill(t({ day: "ageDays", month: "ageMonths", year: "ageYears" }[unit]), { count });
}

/**
 * When the file was made, and how long ago, as one sentence; "" if the file does not say.
 * @param {unknown} exportedAt
 * @returns {{date: string, age: string | null} | null}
 */
export function madeOn(exportedAt) {
  const day = localDay(exportedAt);
  return day === null ? null : { date: formatDate(day), age: ageInWords(day) };
}

/**
 * Whether the family's next review date has passed: the copy may be out of date.
 * @param {string | null} nextReview YYYY-MM-DD
 * @param {string} [today]
 * @returns {boolean}
 */
export function pastReview(nextReview, today = localToday()) {
  return nextReview !== null && nextReview < today;
}
