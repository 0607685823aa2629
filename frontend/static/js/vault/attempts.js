// Failed unlocks: a growing wait, never a permanent lockout. The count lives
// in IndexedDB (it is not secret) so reloading the page does not reset it.
//
// A try is counted when it starts, in the same transaction that checks the
// wait (vault.js), so tries started at once from several tabs are all counted
// and only those the wait allows run; a right passphrase clears the count.
// The phone's clock can be moved. A clock that runs backwards (earlier than
// the last try) is not believed: the wait starts again from now, so setting
// the clock forward to try and then back gains nothing. A page also measures
// its own wait on a clock that cannot be moved (performance.now()), so moving
// the clock forward does not end a wait while the page stays open.
// It stays a speed bump: see docs/threat-model.md.

const FREE_TRIES = 3;
const FIRST_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 5 * 60_000;

/**
 * @typedef {{failures: number, nextAllowedAt: number, lastTryAt?: number}} Attempts
 *   failures: tries counted since the last right passphrase; times in ms since the epoch
 */

/**
 * @param {number} failures wrong passphrases in a row, counting the one just made
 * @returns {number} milliseconds to wait before the next try
 */
export function delayAfter(failures) {
  if (failures < FREE_TRIES) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_TRIES));
}

/**
 * When the next try is allowed, by the stored entry alone. A clock set back
 * cannot turn the wait into a lockout: it is never more than MAX_DELAY_MS from now.
 * @param {Attempts | undefined} attempts
 * @param {number} now
 * @returns {number} 0 if a try is allowed now
 */
export function retryAt(attempts, now) {
  if (ranBackwards(attempts, now)) {
    const delay = delayAfter(failuresOf(attempts));
    return delay ? now + delay : 0;
  }
  const next = Number(attempts?.nextAllowedAt) || 0;
  if (next <= now) return 0;
  return Math.min(next, now + MAX_DELAY_MS);
}

/**
 * Checks the wait and counts the try, as one step: run it inside the
 * transaction that stores its result.
 * @param {Attempts | undefined} attempts what is stored now
 * @param {number} now Date.now()
 * @param {number} [heldBack] how much longer this page's own steady clock says to wait (ms)
 * @returns {{store: Attempts | undefined, retryAt: number}} the entry to store (undefined: leave
 *   it as it is), and when to try again (0: the try may run now)
 */
export function startTry(attempts, now, heldBack = 0) {
  const failures = failuresOf(attempts);
  if (ranBackwards(attempts, now)) {
    // What the clock said before cannot be trusted: the wait starts again from now.
    const delay = delayAfter(failures);
    if (delay) return { store: { failures, nextAllowedAt: now + delay, lastTryAt: now }, retryAt: now + delay };
  } else {
    const wait = Math.max(retryAt(attempts, now), heldBack > 0 ? now + Math.min(heldBack, MAX_DELAY_MS) : 0);
    if (wait) return { store: undefined, retryAt: wait };
  }
  const counted = failures + 1;
  return { store: { failures: counted, nextAllowedAt: now + delayAfter(counted), lastTryAt: now }, retryAt: 0 };
}

/**
 * @param {Attempts | undefined} a
 * @param {Attempts | undefined} b
 * @returns {boolean} whether both are the same stored entry (no other try came in between)
 */
export function sameEntry(a, b) {
  return Boolean(a && b) && failuresOf(a) === failuresOf(b) && Number(a.lastTryAt) === Number(b.lastTryAt);
}

function failuresOf(attempts) {
  return Number(attempts?.failures) || 0;
}

function ranBackwards(attempts, now) {
  return (Number(attempts?.lastTryAt) || 0) > now;
}
