// Failed unlocks: a growing wait, never a permanent lockout. The counter lives
// in IndexedDB (it is not secret) so reloading the page does not reset it.

const FREE_TRIES = 3;
const FIRST_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 5 * 60_000;

/**
 * @param {number} failures wrong passphrases in a row, counting the one just made
 * @returns {number} milliseconds to wait before the next try
 */
export function delayAfter(failures) {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_TRIES));
}

/**
 * When the next try is allowed. A clock set back cannot turn the wait into a
 * lockout: it is never more than MAX_DELAY_MS from now.
 * @param {{failures: number, nextAllowedAt: number} | undefined} attempts
 * @param {number} now
 * @returns {number} 0 if a try is allowed now
 */
export function retryAt(attempts, now) {
  const next = Number(attempts?.nextAllowedAt) || 0;
  if (next <= now) return 0;
  return Math.min(next, now + MAX_DELAY_MS);
}

/**
 * @param {{failures: number} | undefined} attempts
 * @param {number} now
 * @returns {{failures: number, nextAllowedAt: number}}
 */
export function afterFailure(attempts, now) {
  const failures = (Number(attempts?.failures) || 0) + 1;
  return { failures, nextAllowedAt: now + delayAfter(failures) };
}
