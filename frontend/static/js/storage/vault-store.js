// The vault's storage, as vault/ sees it: encrypted records and metadata.
// Behind it are two copies that share no files: the primary in IndexedDB and
// a second copy in the Origin Private File System (docs/vault-format.md,
// section 12). Every write goes to the primary first and, once that has
// committed, to the copy: never both at the same moment. When storage opens,
// what one copy lacks is put back from the other; a record is taken from the
// copy only after it has been authenticated (readRecord).
import { equalBytes } from "../crypto/bytes.js";
import * as copy from "./copy.js";
import { recordItem } from "./copy-format.js";
import * as primary from "./primary.js";
import { compare, metaItem, restoresPlan } from "./reconcile.js";
import { StorageError } from "./storage-error.js";
import { exclusive } from "./write-lock.js";

export { StorageError };

const listeners = { versionchange: new Set(), blocked: new Set(), restored: new Set(), "copy-failed": new Set() };
const status = { copy: "unknown", restored: false, dataLoss: null };
let isSoundVault = async () => false;
let opened = null;

/**
 * @param {{isSoundVault: (entry: any) => Promise<boolean>}} rules how to tell a
 *   whole vault entry from a damaged one without the passphrase (vault/format.js)
 */
export function configure(rules) {
  isSoundVault = rules.isSoundVault;
}

/**
 * - "versionchange": another tab upgrades or deletes the database (this tab's connection is closed);
 * - "blocked": opening waits for another tab;
 * - "restored": this phone's storage had lost part of the vault, and it was put back from the other copy;
 * - "copy-failed": a change is saved in the primary, but the second copy could not be written.
 * @param {"versionchange" | "blocked" | "restored" | "copy-failed"} type
 * @param {(detail?: any) => void} callback
 */
export function onStorageEvent(type, callback) {
  listeners[type].add(callback);
}

/**
 * @returns {{copy: "unknown" | "kept" | "unavailable" | "failed", restored: boolean, dataLoss: string | null}}
 *   whether a second copy is kept; whether this page restored the vault from a copy;
 *   the browser's own report of a database it discarded
 */
export function storageStatus() {
  return { ...status };
}

function emit(type, detail) {
  listeners[type].forEach((callback) => callback(detail));
}

function ready() {
  opened ??= open().catch((error) => {
    opened = null;
    throw error;
  });
  return opened;
}

async function open() {
  await primary.connect({
    blocked: () => emit("blocked"),
    versionchange: () => {
      opened = null;
      emit("versionchange");
    },
  });
  status.dataLoss = primary.reportedDataLoss();
  await exclusive(reconcile);
}

async function reconcile() {
  const [state, items] = await Promise.all([primary.readState(), readCopy()]);
  if (items === null) return;
  const plan = await compare(state, items, isSoundVault);
  if (plan.restore) {
    await primary.restore(plan.restore, plan.seen);
    if (restoresPlan(plan)) restored();
  }
  await mirror(async () => {
    for (const { item, value } of plan.mirror) await copy.writeItem(item, plan.vaultId, value);
    await copy.removeItems(plan.remove);
  });
}

async function readCopy() {
  try {
    const items = await copy.readAll();
    status.copy = items === null ? "unavailable" : "kept";
    return items;
  } catch (error) {
    status.copy = "failed";
    emit("copy-failed", error);
    return null;
  }
}

/** Writes to the copy after the primary has committed; a failure there never undoes the primary's save. */
async function mirror(write) {
  if (status.copy === "unavailable") return;
  try {
    await write();
    status.copy = "kept";
  } catch (error) {
    status.copy = "failed";
    emit("copy-failed", error);
  }
}

function restored() {
  status.restored = true;
  emit("restored");
}

async function mirrorMeta() {
  const state = await primary.readState();
  if (state.vault?.vaultId) await copy.writeItem("meta", state.vault.vaultId, metaItem(state.backup, state.settings));
}

/**
 * @param {string} key
 * @returns {Promise<any>}
 */
export async function readMeta(key) {
  await ready();
  return primary.readMeta(key);
}

/**
 * @param {string} key "attempts", "backup" or "settings" (the vault's own entry has its own writers).
 *   The failed-unlock count is kept only in the primary.
 * @param {any} value
 */
export async function writeMeta(key, value) {
  await ready();
  return exclusive(async () => {
    await primary.writeMeta(key, value);
    if (key !== "attempts") await mirror(mirrorMeta);
  });
}

/**
 * Reads and rewrites one metadata entry in a single transaction (primary.updateMeta):
 * for the failed-unlock count, which tabs may change at the same moment and
 * which is kept only in the primary.
 * @param {"attempts"} key
 * @param {(current: any) => any} update synchronous; returns the new value, or undefined for no change
 */
export async function updateMeta(key, update) {
  if (key !== "attempts") throw new TypeError(`updateMeta: ${key} is written with writeMeta`);
  await ready();
  // Under the write lock like every write: the copy is never being written at the same moment.
  return exclusive(() => primary.updateMeta(key, update));
}

/**
 * Stores a new vault; refuses ("exists") if there already is one.
 * @param {object} vault
 */
export async function createVault(vault) {
  await ready();
  return exclusive(async () => {
    await primary.createVault(vault);
    await mirror(async () => {
      const stale = [...((await copy.readAll()) || new Map()).values()].filter((entry) => entry.vaultId !== vault.vaultId);
      await copy.removeItems(stale.map((entry) => entry.item));
      await copy.writeItem("vault", vault.vaultId, vault);
      await copy.writeItem("meta", vault.vaultId, metaItem(undefined, undefined));
    });
  });
}

/**
 * Replaces the vault entry, only if it is still the one with `vaultId` and `keyRevision`.
 * @param {object} vault
 * @param {{vaultId: string, keyRevision: number}} expected
 */
export async function replaceVault(vault, expected) {
  await ready();
  return exclusive(async () => {
    await primary.replaceVault(vault, expected);
    await mirror(() => copy.writeItem("vault", vault.vaultId, vault));
  });
}

/**
 * Reads record `id` from both copies and opens the newest one that `open`
 * accepts (it decrypts and throws on a ciphertext that does not
 * authenticate). The one taken is written back where the other copy differs;
 * one that fails is never used nor written anywhere.
 * @template T
 * @param {string} id
 * @param {(record: object) => Promise<T>} open
 * @returns {Promise<T | undefined>} undefined if neither copy has the record
 * @throws what `open` threw for the newest candidate, if none opens
 */
export async function readRecord(id, open) {
  await ready();
  return exclusive(async () => {
    const own = await primary.readRecord(id);
    const copied = await readCopiedRecord(id);
    // Newest first; on a tie the primary's, which needs nothing written.
    const candidates = [own && { record: own, fromCopy: false }, copied?.record && { record: copied.record, fromCopy: true }]
      .filter(Boolean)
      .sort((a, b) => b.record.revision - a.record.revision);
    let failure = null;
    for (const { record, fromCopy } of candidates) {
      let result;
      try {
        result = await open(record);
      } catch (error) {
        failure ??= error;
        continue;
      }
      if (fromCopy) {
        // The primary's is missing, older, or did not open: the copy's replaces it.
        await primary.restore({ records: [record] }, { revisions: new Map([[id, own?.revision ?? 0]]) });
        restored();
      } else if (!fromCopy && copied && !sameRecord(copied.record, record)) {
        await mirror(() => copy.writeItem(recordItem(id), copied.vaultId, record));
      }
      return result;
    }
    if (failure) throw failure;
    return undefined;
  });
}

/** Whether two stored records are the same bytes (one ciphertext at one revision). */
function sameRecord(a, b) {
  const bytes = (value) => value instanceof Uint8Array;
  return Boolean(a && b) && a.revision === b.revision && [a.iv, b.iv, a.ciphertext, b.ciphertext].every(bytes) &&
    equalBytes(a.iv, b.iv) && equalBytes(a.ciphertext, b.ciphertext);
}

/**
 * The copy's record `id` if it belongs to the primary's vault.
 * @returns {Promise<{record: object | null, vaultId: string} | null>} null: no copy to compare with
 */
async function readCopiedRecord(id) {
  if (status.copy === "unavailable") return null;
  try {
    const [entry, vault] = await Promise.all([copy.readItem(recordItem(id)), primary.readMeta("vault")]);
    if (!vault?.vaultId) return null;
    const usable = entry?.vaultId === vault.vaultId && entry.value?.id === id && Number.isSafeInteger(entry.value?.revision);
    return { record: usable ? entry.value : null, vaultId: vault.vaultId };
  } catch (error) {
    return null;
  }
}

/**
 * Writes one encrypted record, only if the vault is still `vaultId` and the
 * stored record still has `expectedRevision` (0: none yet); otherwise refuses
 * with "no-vault" or "conflict" and changes nothing. Resolves once the primary
 * has committed and the copy has been written (or has failed: "copy-failed").
 * @param {{id: string, revision: number}} record
 * @param {{vaultId: string, expectedRevision: number, changedAt: number}} conditions
 */
export async function writeRecord(record, conditions) {
  await ready();
  return exclusive(async () => {
    await primary.writeRecord(record, conditions);
    await mirror(() => copy.writeItem(recordItem(record.id), conditions.vaultId, record));
  });
}

/**
 * Deletes record `id`: from the copy first, so a kill in between leaves the
 * record in the primary (not deleted) rather than in the copy alone (to be restored).
 * @param {string} id
 * @param {string} vaultId
 */
export async function deleteRecord(id, vaultId) {
  await ready();
  return exclusive(async () => {
    await removeFromCopy(() => copy.removeItems([recordItem(id)]));
    await primary.deleteRecord(id, vaultId);
  });
}

/**
 * Removes the vault and every record from both copies: the second copy first,
 * for the same reason as deleteRecord. Other tabs are closed by `versionchange`.
 * @param {{blocked?: () => void}} [handlers]
 */
export async function deleteEverything(handlers = {}) {
  await ready();
  await exclusive(async () => {
    await removeFromCopy(() => copy.clear());
    await primary.deleteEverything(handlers);
  });
  opened = null;
  status.restored = false;
}

async function removeFromCopy(remove) {
  if (status.copy === "unavailable") return;
  try {
    await remove();
  } catch (error) {
    throw new StorageError("write-failed", error);
  }
}
