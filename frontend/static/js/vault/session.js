// An unlocked vault: the only place the data key lives, until lock().
import { decrypt, encrypt } from "../crypto/aead.js";
import { fromUtf8, utf8 } from "../crypto/bytes.js";
import * as store from "../storage/vault-store.js";
import { VaultError } from "./errors.js";
import { FORMAT_VERSION, checkRecordShape, recordAdditionalData } from "./format.js";
import * as tabs from "./tabs.js";

export const PLAN_ID = "plan";
export const PLAN_PURPOSE = "plan";

export class Session {
  #key;
  #vaultId;
  #revisions = new Map(); // record id -> revision last read or written by this tab
  #writes = Promise.resolve();
  #changeCallbacks = new Set();
  #stopListening;

  /**
   * @param {CryptoKey} key the non-extractable data key
   * @param {string} vaultId
   */
  constructor(key, vaultId) {
    this.#key = key;
    this.#vaultId = vaultId;
    this.#stopListening = tabs.listen((message) => {
      const known = this.#revisions.get(message.id);
      if (message.type === "saved" && known !== undefined && known !== message.revision) {
        this.#changeCallbacks.forEach((callback) => callback({ id: message.id, revision: message.revision }));
      }
    });
  }

  get locked() {
    return this.#key === null;
  }

  /** @returns {Promise<object | null>} the plan, or null if none is saved yet */
  load() {
    return this.read(PLAN_ID, PLAN_PURPOSE);
  }

  /**
   * Resolves once the transaction has completed; rejects with a `.code`:
   * "locked", "quota", "conflict", "no-vault", "closed" or "write-failed".
   * @param {object} plan
   */
  save(plan) {
    return this.write(PLAN_ID, PLAN_PURPOSE, plan);
  }

  /**
   * @param {string} id
   * @param {string} purpose the purpose the record must have
   * @returns {Promise<any>} the decrypted value, or null if there is no such record
   */
  async read(id, purpose) {
    const key = this.#requireKey();
    let opened;
    try {
      // The store tries its copies newest first, and takes the first that opens.
      opened = await store.readRecord(id, async (record) => {
        checkRecordShape(record, id);
        if (record.purpose !== purpose) throw new TypeError("wrong purpose");
        const plaintext = await decrypt(key, record.iv, record.ciphertext, recordAdditionalData(record));
        return { value: JSON.parse(fromUtf8(plaintext)), revision: record.revision };
      });
    } catch (error) {
      if (error?.name === "StorageError") throw error;
      throw new VaultError("damaged", { cause: error });
    }
    if (this.#key === null) throw new VaultError("locked");
    if (opened === undefined) {
      this.#revisions.set(id, 0);
      return null;
    }
    this.#revisions.set(id, opened.revision);
    return opened.value;
  }

  /**
   * Encrypts and stores `value` as record `id`. Writes of one session run one
   * after another; the value is serialised now, so later changes to it are not saved.
   * @param {string} id
   * @param {string} purpose
   * @param {any} value
   * @returns {Promise<void>}
   */
  write(id, purpose, value) {
    let key;
    let plaintext;
    try {
      key = this.#requireKey();
      plaintext = utf8(JSON.stringify(value));
    } catch (error) {
      return Promise.reject(error);
    }
    const run = () => this.#write(key, id, purpose, plaintext);
    const result = this.#writes.then(run, run);
    this.#writes = result.catch(() => {});
    return result;
  }

  async #write(key, id, purpose, plaintext) {
    const expectedRevision = this.#revisions.get(id) ?? 0;
    const record = { id, purpose, format: FORMAT_VERSION, revision: expectedRevision + 1 };
    const { iv, ciphertext } = await encrypt(key, plaintext, recordAdditionalData(record));
    const now = Date.now();
    await store.writeRecord(
      { ...record, iv, ciphertext, updatedAt: now },
      { vaultId: this.#vaultId, expectedRevision, changedAt: now },
    );
    this.#revisions.set(id, record.revision);
    tabs.announce({ type: "saved", id, revision: record.revision });
  }

  /**
   * Resolves once every write started so far has finished, saved or not: what
   * is read after it includes them (reads are not queued behind writes).
   * @returns {Promise<void>}
   */
  idle() {
    return this.#writes;
  }

  /**
   * Called when another tab saves a record this session has read or written.
   * @param {(change: {id: string, revision: number}) => void} callback
   * @returns {() => void}
   */
  onChange(callback) {
    this.#changeCallbacks.add(callback);
    return () => this.#changeCallbacks.delete(callback);
  }

  /** Drops the key. Writes already started finish; everything else is refused with "locked". */
  lock() {
    if (this.#key === null) return;
    this.#key = null;
    // Revisions are kept (they are not secret): writes queued before the lock still need them.
    this.#stopListening();
    this.#changeCallbacks.clear();
  }

  #requireKey() {
    if (this.#key === null) throw new VaultError("locked");
    return this.#key;
  }
}
