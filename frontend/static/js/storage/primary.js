// The vault's IndexedDB records. Everything here is already encrypted or not
// secret; this module never sees a plaintext plan.
import { deleteDatabase, openDatabase, promisifyRequest, transactionDone } from "./idb.js";

export const DB_NAME = "famplan";
export const DB_VERSION = 1;
const META = "meta"; // out-of-line keys: "vault", "attempts", "backup", "settings"
const RECORDS = "records"; // keyPath "id"

/** A storage failure with a `.code`: "quota", "conflict", "no-vault", "exists", "closed" or "write-failed". */
export class StorageError extends Error {
  constructor(code, cause) {
    super(code, { cause });
    this.name = "StorageError";
    this.code = code;
  }
}

let connection = null;
const listeners = { versionchange: new Set(), blocked: new Set() };

/**
 * Called when another tab upgrades or deletes the database (this tab's
 * connection is already closed) or when opening waits for another tab.
 * @param {"versionchange" | "blocked"} type
 * @param {() => void} callback
 */
export function onStorageEvent(type, callback) {
  listeners[type].add(callback);
}

function connect() {
  connection ??= openDatabase(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore(META);
        db.createObjectStore(RECORDS, { keyPath: "id" });
      }
    },
    blocked: () => listeners.blocked.forEach((callback) => callback()),
    versionchange: () => {
      connection = null;
      listeners.versionchange.forEach((callback) => callback());
    },
  }).catch((error) => {
    connection = null;
    throw error;
  });
  return connection;
}

async function transaction(stores, mode) {
  const db = await connect();
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

/** @returns {Promise<string[]>} */
export async function listRecordIds() {
  const tx = await transaction([RECORDS], "readonly");
  return promisifyRequest(tx.objectStore(RECORDS).getAllKeys());
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
