// The vault's second copy, in the Origin Private File System: files that
// share nothing with IndexedDB's, so a fault that makes the browser discard
// the IndexedDB database leaves this copy whole (docs/vault-format.md,
// section 12). It is read here, on the page; it is written by copy-worker.js.
import { scriptURL } from "../security/trusted-types.js";
import { SLOTS, chooseSlots, decodeSlot, encodeSlot, parseSlotFile, slotFile } from "./copy-format.js";
import { StorageError } from "./storage-error.js";

const DIRECTORY = "famplan-copy";
const WORKER_URL = new URL("./copy-worker.js", import.meta.url).href;

let folderFound = null;
let worker = null;
let nextCall = 1;
const calls = new Map();

/**
 * @returns {Promise<FileSystemDirectoryHandle | null>} the copy's folder, or
 *   null where this browser cannot keep one (no OPFS, or private browsing)
 */
function folder() {
  folderFound ??= (async () => {
    if (typeof navigator.storage?.getDirectory !== "function" || typeof Worker !== "function") return null;
    try {
      const root = await navigator.storage.getDirectory();
      return await root.getDirectoryHandle(DIRECTORY, { create: true });
    } catch {
      return null;
    }
  })();
  return folderFound;
}

/** @returns {Promise<boolean>} whether this browser keeps a second copy */
export async function isAvailable() {
  return (await folder()) !== null;
}

/**
 * Every item as last completely written.
 * @returns {Promise<Map<string, {item: string, vaultId: string, seq: number, value: any}> | null>} null: no copy here
 */
export async function readAll() {
  const dir = await folder();
  if (!dir) return null;
  const found = new Map();
  for await (const [file, handle] of dir.entries()) {
    const name = parseSlotFile(file);
    if (!name || handle.kind !== "file") continue;
    const slots = found.get(name.item) || [];
    slots.push({ slot: name.slot, entry: await readFile(handle, name.item) });
    found.set(name.item, slots);
  }
  const items = new Map();
  for (const [item, slots] of found) {
    const { newest } = chooseSlots(slots);
    if (newest) items.set(item, newest);
  }
  return items;
}

/**
 * @param {string} item
 * @returns {Promise<{item: string, vaultId: string, seq: number, value: any} | null>}
 */
export async function readItem(item) {
  return chooseSlots(await readSlots(item)).newest;
}

/**
 * Writes `value` over the older of the item's two slots.
 * @param {string} item
 * @param {string} vaultId
 * @param {any} value
 */
export async function writeItem(item, vaultId, value) {
  const { nextSlot, nextSeq } = chooseSlots(await readSlots(item));
  const bytes = await encodeSlot({ item, vaultId, seq: nextSeq, value });
  await call({ op: "write", file: slotFile(item, nextSlot), bytes }, [bytes.buffer]);
}

/** @param {string[]} items */
export async function removeItems(items) {
  if (!items.length || !(await folder())) return;
  await call({ op: "remove", files: items.flatMap((item) => SLOTS.map((slot) => slotFile(item, slot))) });
}

/** Removes the whole copy. */
export async function clear() {
  if (!(await folder())) return;
  await call({ op: "clear" });
  folderFound = null; // the folder is gone: the next use makes it again
}

async function readSlots(item) {
  const dir = await folder();
  if (!dir) throw new StorageError("write-failed");
  return Promise.all(SLOTS.map(async (slot) => {
    let handle;
    try {
      handle = await dir.getFileHandle(slotFile(item, slot));
    } catch (error) {
      if (error?.name === "NotFoundError" || error?.name === "TypeMismatchError") return { slot, entry: null };
      throw error;
    }
    return { slot, entry: await readFile(handle, item) };
  }));
}

async function readFile(handle, item) {
  const file = await handle.getFile();
  return decodeSlot(new Uint8Array(await file.arrayBuffer()), item);
}

function call(message, transfer = []) {
  return new Promise((resolve, reject) => {
    const id = nextCall++;
    calls.set(id, { resolve, reject });
    try {
      started().postMessage({ ...message, id }, transfer);
    } catch (error) {
      calls.delete(id);
      reject(new StorageError("write-failed", error));
    }
  });
}

function started() {
  if (worker) return worker;
  worker = new Worker(scriptURL(WORKER_URL), { type: "module", name: "famplan-copy" });
  worker.addEventListener("message", ({ data }) => {
    const pending = calls.get(data.id);
    if (!pending) return;
    calls.delete(data.id);
    if (data.ok) pending.resolve();
    else pending.reject(new StorageError(data.name === "QuotaExceededError" ? "quota" : "write-failed", data));
  });
  // A worker that cannot start (its file failed to load): fail what waits, start afresh next time.
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    worker = null;
    for (const pending of calls.values()) pending.reject(new StorageError("write-failed"));
    calls.clear();
  });
  return worker;
}
