// IndexedDB, promisified. A write resolves only when its transaction completes.

/**
 * @template T
 * @param {IDBRequest<T>} request
 * @returns {Promise<T>}
 */
export function promisifyRequest(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * Resolves on `complete`; rejects with the error that aborted the transaction
 * (a QuotaExceededError arrives here, not on the request).
 * @param {IDBTransaction} transaction
 * @returns {Promise<void>}
 */
export function transactionDone(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = transaction.onerror = () => reject(transaction.error || new DOMException("aborted", "AbortError"));
  });
}

/**
 * @param {string} name
 * @param {number} version
 * @param {{upgrade: (db: IDBDatabase, oldVersion: number, event: IDBVersionChangeEvent) => void, blocked?: () => void, versionchange?: () => void}} handlers
 *   `blocked`: another tab holds an older connection; `versionchange`: another tab
 *   wants to upgrade or delete the database (the connection is closed before it is called).
 * @returns {Promise<IDBDatabase>}
 */
export function openDatabase(name, version, { upgrade, blocked, versionchange }) {
  const request = indexedDB.open(name, version);
  request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion, event);
  request.onblocked = () => blocked?.();
  return promisifyRequest(request).then((db) => {
    db.onversionchange = () => {
      db.close();
      versionchange?.();
    };
    return db;
  });
}

/**
 * @param {string} name
 * @param {{blocked?: () => void}} [handlers]
 * @returns {Promise<void>}
 */
export function deleteDatabase(name, { blocked } = {}) {
  const request = indexedDB.deleteDatabase(name);
  request.onblocked = () => blocked?.();
  return promisifyRequest(request).then(() => undefined);
}
