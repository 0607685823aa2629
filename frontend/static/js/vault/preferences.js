// Settings of the app on this phone (not secret, not about the plan), kept
// with the vault in IndexedDB.
import * as store from "../storage/vault-store.js";

export const AUTO_LOCK_CHOICES = Object.freeze([1, 2, 5, 10, 15, 30]);
export const DEFAULT_AUTO_LOCK_MINUTES = 5;

/** @returns {Promise<number>} */
export async function autoLockMinutes() {
  const settings = await store.readMeta("settings");
  const minutes = settings?.autoLockMinutes;
  return AUTO_LOCK_CHOICES.includes(minutes) ? minutes : DEFAULT_AUTO_LOCK_MINUTES;
}

/** @param {number} minutes one of AUTO_LOCK_CHOICES */
export async function setAutoLockMinutes(minutes) {
  if (!AUTO_LOCK_CHOICES.includes(minutes)) throw new RangeError("unsupported auto-lock time");
  const settings = (await store.readMeta("settings")) || {};
  await store.writeMeta("settings", { ...settings, autoLockMinutes: minutes });
}
