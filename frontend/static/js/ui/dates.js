// Calendar dates (YYYY-MM-DD) as the page's language writes them.

/**
 * @param {string} iso a valid YYYY-MM-DD date
 * @param {string} [lang] defaults to the page's language
 * @returns {string} e.g. "1 March 2026"; the ISO date itself where the browser has no data for the language
 */
export function formatDate(iso, lang = document.documentElement.lang) {
  if (Intl.DateTimeFormat.supportedLocalesOf([lang]).length === 0) return iso;
  const [year, month, day] = iso.split("-").map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/**
 * The day of a moment (ms since the epoch) on this phone's calendar.
 * @param {number} ms
 * @param {string} [lang]
 * @returns {string}
 */
export function formatDay(ms, lang = document.documentElement.lang) {
  const day = new Date(ms);
  if (Intl.DateTimeFormat.supportedLocalesOf([lang]).length === 0) {
    return [day.getFullYear(), day.getMonth() + 1, day.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
  }
  return new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(day);
}
