// Keeping the plan current: the review date and papers that expire. Pure:
// "today" is passed in. (Whether the plan changed since the last backup file is
// the vault's to know: vault.backupState().)
import { applies, isPlainObject, own, sectionDef } from "./schema.js";
import { addMonths, parseDate } from "./values.js";

// Many countries want a passport valid for six more months; renewing one takes weeks.
export const DOCUMENT_WARNING_MONTHS = 6;
// Renewing a caregiver's power of attorney needs every parent's signature again.
export const AUTHORITY_WARNING_MONTHS = 2;
// How far ahead "Mark as reviewed" sets the next review.
export const REVIEW_INTERVAL_MONTHS = 6;

/**
 * @typedef {object} Expiry
 * @property {"document" | "authority"} source
 * @property {number} [index] position in the documents list
 * @property {string} [kind] the document's kind (a choice value)
 * @property {unknown} [person] the document's person (an item id)
 * @property {string} date the last valid day, YYYY-MM-DD
 * @property {boolean} expired
 */

function expiryOf(date, today, months) {
  if (date === null) return null;
  if (date < today) return { expired: true };
  return date <= addMonths(today, months) ? { expired: false } : null;
}

/**
 * Papers that have expired or expire soon, the soonest first.
 * @param {unknown} plan
 * @param {string} today YYYY-MM-DD
 * @returns {Expiry[]}
 */
export function expiringPapers(plan, today) {
  const sections = own(plan, "sections");
  const found = [];
  const documents = own(sections, "documents");
  (Array.isArray(documents) ? documents : []).forEach((item, index) => {
    if (!isPlainObject(item)) return;
    const date = parseDate(own(item, "expiresOn"));
    const status = expiryOf(date, today, DOCUMENT_WARNING_MONTHS);
    if (status) found.push({ source: "document", index, kind: own(item, "kind"), person: own(item, "person"), date, ...status });
  });
  // The caregiver's paper: the end date written on it (Wis. Stat. 48.979 sets no flat limit).
  const authority = own(sections, "authority");
  const endField = sectionDef("authority").fields.find((field) => field.id === "expiresOn");
  if (isPlainObject(authority) && applies(endField, authority)) {
    const status = expiryOf(parseDate(own(authority, "expiresOn")), today, AUTHORITY_WARNING_MONTHS);
    if (status) found.push({ source: "authority", date: parseDate(own(authority, "expiresOn")), ...status });
  }
  return found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * @typedef {object} ReviewStatus
 * @property {string | null} nextReview
 * @property {boolean} due the next review date is today or past, or not set
 * @property {string | null} lastReviewed
 */

/**
 * @param {unknown} plan
 * @param {string} today
 * @returns {ReviewStatus}
 */
export function reviewStatus(plan, today) {
  const upkeep = own(own(plan, "sections"), "upkeep");
  const nextReview = parseDate(own(upkeep, "nextReview"));
  return {
    nextReview,
    due: nextReview === null || nextReview <= today,
    lastReviewed: parseDate(own(upkeep, "lastReviewed")),
  };
}

/**
 * The answers "Mark as reviewed today" writes: the last review is today, and the
 * next one is set six months ahead unless a later date is already planned.
 * @param {unknown} plan
 * @param {string} today
 * @returns {{lastReviewed: string, nextReview: string}}
 */
export function reviewedToday(plan, today) {
  const { nextReview } = reviewStatus(plan, today);
  return { lastReviewed: today, nextReview: nextReview !== null && nextReview > today ? nextReview : addMonths(today, REVIEW_INTERVAL_MONTHS) };
}
