// Comparing the primary (IndexedDB) with the second copy (OPFS) when storage
// opens, before any passphrase is known. What one copy lacks is put back from
// the other; a record whose revisions differ is left for the authenticated
// read (vault-store.readRecord), which alone can tell a good ciphertext from
// a bad one.
import { recordIdOf, recordItem } from "./copy-format.js";

/**
 * @param {{vault: any, backup: any, settings: any, records: Map<string, object>}} primary
 * @param {Map<string, {item: string, vaultId: string, seq: number, value: any}>} copy
 * @param {(entry: any) => Promise<boolean>} isSoundVault shape and check of a vault entry (no passphrase)
 * @returns {Promise<{
 *   vaultId: string | null,
 *   restore: {vault?: object, meta: Record<string, any>, records: object[]} | null,
 *   seen: {vault: any, revisions: Map<string, number>},
 *   mirror: Array<{item: string, value: any}>,
 *   remove: string[],
 * }>} what to put back into the primary, what to write to and remove from the copy
 */
export async function compare(primary, copy, isSoundVault) {
  const plan = {
    vaultId: null,
    restore: null,
    seen: { vault: primary.vault, revisions: new Map() },
    mirror: [],
    remove: [],
  };
  const own = (await isSoundVault(primary.vault)) ? primary.vault : null;
  const copied = copy.get("vault");
  const kept = copied && copied.vaultId === copied.value?.vaultId && (await isSoundVault(copied.value)) ? copied.value : null;
  const restore = { meta: {}, records: [] };

  let vault = own;
  if (kept && (!own || (kept.vaultId === own.vaultId && kept.keyRevision > own.keyRevision))) {
    vault = kept;
    restore.vault = kept;
  } else if (own && (!kept || kept.vaultId !== own.vaultId || kept.keyRevision < own.keyRevision)) {
    plan.mirror.push({ item: "vault", value: own });
  }
  if (!vault) return plan;
  plan.vaultId = vault.vaultId;

  const copiedRecords = new Map();
  for (const [item, entry] of copy) {
    const id = recordIdOf(item);
    if (id === null) continue;
    const usable = entry.vaultId === vault.vaultId && entry.value?.id === id && Number.isSafeInteger(entry.value?.revision);
    if (usable) copiedRecords.set(id, entry.value);
    else if (!primary.records.has(id)) plan.remove.push(item); // another vault's
  }
  for (const [id, record] of copiedRecords) {
    if (!primary.records.has(id)) restore.records.push(record);
  }
  for (const [id, record] of primary.records) {
    plan.seen.revisions.set(id, record.revision);
    if (!copiedRecords.has(id)) plan.mirror.push({ item: recordItem(id), value: record });
  }

  const copiedMeta = copy.get("meta");
  const meta = copiedMeta?.vaultId === vault.vaultId ? copiedMeta.value : null;
  if (primary.backup === undefined && (meta || restore.records.length)) {
    const updated = [...primary.records.values(), ...restore.records].map((record) => Number(record.updatedAt) || 0);
    restore.meta.backup = { changedAt: Math.max(0, ...updated), exportedAt: Number(meta?.exportedAt) || 0 };
  }
  if (primary.settings === undefined && meta?.settings) restore.meta.settings = meta.settings;
  const ownMeta = metaItem(primary.backup ?? restore.meta.backup, primary.settings ?? restore.meta.settings);
  if (JSON.stringify(ownMeta) !== JSON.stringify(meta)) plan.mirror.push({ item: "meta", value: ownMeta });

  if (restore.vault || restore.records.length || Object.keys(restore.meta).length) plan.restore = restore;
  return plan;
}

/**
 * What the copy keeps of the settings and the backup state. (When the plan
 * last changed is each record's own `updatedAt`.)
 * @param {{exportedAt?: number} | undefined} backup
 * @param {object | undefined} settings
 */
export function metaItem(backup, settings) {
  return { exportedAt: Number(backup?.exportedAt) || 0, settings: settings ?? null };
}

/**
 * Whether anything of the plan itself (the vault entry or a record) is put back.
 * @param {{restore: {vault?: object, records: object[]} | null}} plan
 */
export function restoresPlan(plan) {
  return Boolean(plan.restore && (plan.restore.vault || plan.restore.records.length));
}
