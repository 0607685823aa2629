// Replacing "my plan" with an imported one keeps the plan it replaces, in its
// own encrypted record, until the family restores it or replaces again.
const RECORD = "plan-backup";

/**
 * @param {{load: Function, save: Function, write: Function}} session an unlocked vault session
 * @param {object} plan the plan that becomes "my plan"
 */
export async function replacePlan(session, plan) {
  const current = await session.load();
  await session.read(RECORD, RECORD); // a write must know the revision it replaces
  if (current !== null) await session.write(RECORD, RECORD, { replacedAt: new Date().toISOString(), plan: current });
  await session.save(plan);
}

/**
 * @param {{read: Function}} session
 * @returns {Promise<{replacedAt: string, plan: object} | null>}
 */
export async function readBackup(session) {
  const backup = await session.read(RECORD, RECORD);
  return backup && typeof backup === "object" && backup.plan ? backup : null;
}

/**
 * Swaps: the backup becomes "my plan" and the plan it replaces becomes the backup,
 * so a restore can itself be undone.
 * @param {{load: Function, save: Function, read: Function, write: Function}} session
 * @returns {Promise<boolean>} false if there was no backup
 */
export async function restoreBackup(session) {
  const backup = await readBackup(session);
  if (backup === null) return false;
  const current = await session.load();
  await session.save(backup.plan);
  if (current !== null) await session.write(RECORD, RECORD, { replacedAt: new Date().toISOString(), plan: current });
  return true;
}
