// The primary copy of the vault: its IndexedDB records. Everything here is
// already encrypted or not secret; this module never sees a plaintext plan.
// Only storage/vault-store.js uses it, together with the second copy.
import { deleteDatabase, openDatabase, promisifyRequest, transactionDone } from "./idb.js";
import { StorageError } from "./storage-error.js";

export const DB_NAME = "famplan";
export const DB_VERSION = 1;
const META = "meta"; // out-of-line keys: "vault", "attempts", "backup", "settings"
const RECORDS = "records"; // keyPath "id"

let connection = null;
let lastDataLoss = null;

/**
 * @param {{blocked: () => void, versionchange: () => void}} handlers
 *   `versionchange`: another tab upgrades or deletes the database (this tab's
 *   connection is already closed); `blocked`: opening waits for another tab.
 * @returns {Promise<IDBDatabase>}
 */
export function connect(handlers) {
  connection ??= openDatabase(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, event) {
      // Chromium says so when it has thrown away a database it could not read
      // (`dataLoss` is its own property); other engines leave it undefined.
      if (event.dataLoss && event.dataLoss !== "none") lastDataLoss = event.dataLossMessage || event.dataLoss;
      if (oldVersion < 1) {
        db.createObjectStore(META);
        db.createObjectStore(RECORDS, { keyPath: "id" });
      }
    },
    blocked: handlers.blocked,
    versionchange: () => {
      connection = null;
      handlers.versionchange();
    },
  }).catch((error) => {
    connection = null;
    throw error;
  });
  return connection;
}

/** @returns {string | null} the browser's own report of a database it discarded, from this page's open */
export function reportedDataLoss() {
  return lastDataLoss;
}

async function transaction(stores, mode) {
  const db = await connection;
  if (!db) throw new StorageError("closed");
  try {
    // "strict": `complete` means flushed to disk, because only then may the page say "Saved".
    return db.transaction(stores, mode, mode === "readwrite" ? { durability: "strict" } : undefined);
  } catch (error) {
    throw new StorageError("closed", error);
  }
}

function storageError(error) {
  if (error instanceof StorageError) return error;
  if (error?.name === "QuotaExceededError") return new StorageError("quota", error);
  if (error?.name === "InvalidStateError") return new StorageError("closed", error);
  return new StorageError("write-failed", error);
}

async function write(stores, body) {
  const tx = await transaction(stores, "readwrite");
  const done = transactionDone(tx);
  let refusal = null;
  const refuse = (code) => {
    refusal = new StorageError(code);
    tx.abort();
  };
  try {
    await body(tx, refuse);
  } catch (error) {
    if (!refusal) {
      try { tx.abort(); } catch { /* already finished */ }
    }
    await done.catch(() => {});
    throw refusal || storageError(error);
  }
  try {
    await done;
  } catch (error) {
    throw refusal || storageError(error);
  }
}

/**
 * Everything stored, in one read: what the second copy is compared with.
 * @returns {Promise<{vault: any, backup: any, settings: any, records: Map<string, object>}>}
 */
export async function readState() {
  const tx = await transaction([META, RECORDS], "readonly");
  const meta = tx.objectStore(META);
  const [vault, backup, settings, records] = await Promise.all([
    promisifyRequest(meta.get("vault")),
    promisifyRequest(meta.get("backup")),
    promisifyRequest(meta.get("settings")),
    promisifyRequest(tx.objectStore(RECORDS).getAll()),
  ]);
  return { vault, backup, settings, records: new Map(records.map((record) => [record.id, record])) };
}

/**
 * @param {string} key
 * @returns {Promise<any>}
 */
export async function readMeta(key) {
  const tx = await transaction([META], "readonly");
  return promisifyRequest(tx.objectStore(META).get(key));
}

/**
 * @param {string} key "attempts", "backup" or "settings" (the vault's own entry has its own writers)
 * @param {any} value
 */
export function writeMeta(key, value) {
  return write([META], (tx) => {
    tx.objectStore(META).put(value, key);
  });
}

/**
 * Reads one metadata entry and writes what `update` makes of it, in a single
 * transaction: tabs updating it at the same moment take turns, and none of
 * their changes is lost. `update` runs inside the transaction, so it must be
 * synchronous; it returns the new value, or undefined to leave the entry as it is.
 * @param {string} key
 * @param {(current: any) => any} update
 */
export function updateMeta(key, update) {
  return write([META], async (tx) => {
    const meta = tx.objectStore(META);
    const next = update(await promisifyRequest(meta.get(key)));
    if (next !== undefined) meta.put(next, key);
  });
}

/**
 * Stores a new vault; refuses ("exists") if there already is one.
 * @param {object} vault
 */
export function createVault(vault) {
  return write([META, RECORDS], async (tx, refuse) => {
    const existing = await promisifyRequest(tx.objectStore(META).get("vault"));
    if (existing !== undefined) return refuse("exists");
    tx.objectStore(META).put(vault, "vault");
    tx.objectStore(META).delete("attempts");
    tx.objectStore(META).delete("backup");
  });
}

/**
 * Replaces the vault entry, only if it is still the one with `vaultId` and `keyRevision`.
 * @param {object} vault
 * @param {{vaultId: string, keyRevision: number}} expected
 */
export function replaceVault(vault, expected) {
  return write([META], async (tx, refuse) => {
    const current = await promisifyRequest(tx.objectStore(META).get("vault"));
    if (current === undefined || current.vaultId !== expected.vaultId) return refuse("no-vault");
    if (current.keyRevision !== expected.keyRevision) return refuse("conflict");
    tx.objectStore(META).put(vault, "vault");
  });
}

/**
 * @param {string} id
 * @returns {Promise<object | undefined>}
 */
export async function readRecord(id) {
  const tx = await transaction([RECORDS], "readonly");
  return promisifyRequest(tx.objectStore(RECORDS).get(id));
}

/**
 * Writes one encrypted record in one transaction, only if the vault is still
 * `vaultId` and the stored record still has `expectedRevision` (0: none yet).
 * Otherwise refuses with "no-vault" or "conflict" and changes nothing.
 * @param {{id: string, revision: number}} record
 * @param {{vaultId: string, expectedRevision: number, changedAt: number}} conditions
 */
export function writeRecord(record, { vaultId, expectedRevision, changedAt }) {
  return write([META, RECORDS], async (tx, refuse) => {
    const meta = tx.objectStore(META);
    const [vault, current, backup] = await Promise.all([
      promisifyRequest(meta.get("vault")),
      promisifyRequest(tx.objectStore(RECORDS).get(record.id)),
      promisifyRequest(meta.get("backup")),
    ]);
    if (vault === undefined || vault.vaultId !== vaultId) return refuse("no-vault");
    if ((current?.revision ?? 0) !== expectedRevision) return refuse("conflict");
    tx.objectStore(RECORDS).put(record);
    meta.put({ ...(backup || {}), changedAt }, "backup");
  });
}

/**
 * Puts back what the second copy holds, in one transaction, only where this
 * store still holds what the comparison saw: a vault entry with the same id
 * and key revision as `seen.vault` (both undefined when there was none, or it
 * was unreadable), records at the revisions in `seen.revisions` (0: none).
 * @param {{vault?: object, meta?: Record<string, any>, records?: object[]}} restore
 * @param {{vault?: any, revisions?: Map<string, number>}} seen
 */
export function restore({ vault, meta = {}, records = [] }, seen) {
  return write([META, RECORDS], async (tx, refuse) => {
    const metaStore = tx.objectStore(META);
    if (vault) {
      const current = await promisifyRequest(metaStore.get("vault"));
      if (current?.vaultId !== seen.vault?.vaultId || current?.keyRevision !== seen.vault?.keyRevision) return refuse("conflict");
      metaStore.put(vault, "vault");
    }
    for (const [key, value] of Object.entries(meta)) metaStore.put(value, key);
    for (const record of records) {
      const current = await promisifyRequest(tx.objectStore(RECORDS).get(record.id));
      if ((current?.revision ?? 0) !== (seen.revisions?.get(record.id) ?? 0)) return refuse("conflict");
      tx.objectStore(RECORDS).put(record);
    }
  });
}

/**
 * @param {string} id
 * @param {string} vaultId
 */
export function deleteRecord(id, vaultId) {
  return write([META, RECORDS], async (tx, refuse) => {
    const vault = await promisifyRequest(tx.objectStore(META).get("vault"));
    if (vault === undefined || vault.vaultId !== vaultId) return refuse("no-vault");
    tx.objectStore(RECORDS).delete(id);
  });
}

/**
 * Empties both stores in one transaction (so nothing is left half-deleted),
 * then deletes the database itself. Other tabs are closed by `versionchange`.
 * @param {{blocked?: () => void}} [handlers]
 */
export async function deleteEverything(handlers = {}) {
  await write([META, RECORDS], (tx) => {
    tx.objectStore(META).clear();
    tx.objectStore(RECORDS).clear();
  });
  const db = await connection;
  db?.close();
  connection = null;
  await deleteDatabase(DB_NAME, handlers);
}
