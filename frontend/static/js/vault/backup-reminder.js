// When to remind the family to export a backup file: after changes that are
// not in a file yet, and every 30 days.

export const REMINDER_INTERVAL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * @param {{changedAt: number, exportedAt: number}} state
 * @param {number} now
 * @returns {"changes" | "periodic" | null}
 */
export function backupReminder({ changedAt, exportedAt }, now) {
  if (changedAt > exportedAt) return "changes";
  if (exportedAt && now - exportedAt >= REMINDER_INTERVAL_MS) return "periodic";
  return null;
}
