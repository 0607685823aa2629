// The files of the vault's second copy (docs/vault-format.md, section 12).
// Each item (the vault entry, the settings, one record) is kept in two slot
// files, written in turn, so a write cut short by a kill spoils only the slot
// being written: the other still holds the item as it was before.
//
//   famplan-copy 1\n
//   <SHA-256 of the body, base64url>\n
//   <body: {"item", "vaultId", "seq", "value"} as JSON; bytes as {"$b": base64url}>
import { base64url, fromUtf8, utf8 } from "../crypto/bytes.js";
import { decodeBase64url } from "../share/base64url.js";

const FIRST_LINE = "famplan-copy 1";
export const SLOTS = ["a", "b"];
const RECORD_ID = /^[a-z0-9-]{1,64}$/;

/** @param {string} id a record id @returns {string} its item name */
export function recordItem(id) {
  if (!RECORD_ID.test(id)) throw new TypeError("record id not usable as a file name");
  return `record-${id}`;
}

/** @param {string} item @returns {string | null} the record id, or null if `item` is not a record */
export function recordIdOf(item) {
  return item.startsWith("record-") ? item.slice("record-".length) : null;
}

/** @param {string} item @param {string} slot @returns {string} */
export function slotFile(item, slot) {
  return `${item}.${slot}`;
}

/** @param {string} file @returns {{item: string, slot: string} | null} */
export function parseSlotFile(file) {
  const dot = file.lastIndexOf(".");
  const slot = file.slice(dot + 1);
  if (dot <= 0 || !SLOTS.includes(slot)) return null;
  return { item: file.slice(0, dot), slot };
}

/**
 * @param {{item: string, vaultId: string, seq: number, value: any}} entry
 * @returns {Promise<Uint8Array>}
 */
export async function encodeSlot({ item, vaultId, seq, value }) {
  const body = utf8(JSON.stringify({ item, vaultId, seq, value }, (key, field) =>
    field instanceof Uint8Array ? { $b: base64url(field) } : field));
  const head = utf8(`${FIRST_LINE}\n${await digest(body)}\n`);
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  return bytes;
}

/**
 * @param {Uint8Array} bytes a slot file as read
 * @param {string} item the item its name says it holds
 * @returns {Promise<{item: string, vaultId: string, seq: number, value: any} | null>}
 *   null for a file that is cut short, changed or not one of ours
 */
export async function decodeSlot(bytes, item) {
  try {
    const first = bytes.indexOf(0x0a);
    const second = bytes.indexOf(0x0a, first + 1);
    if (first < 0 || second < 0 || fromUtf8(bytes.subarray(0, first)) !== FIRST_LINE) return null;
    const body = bytes.subarray(second + 1);
    if (fromUtf8(bytes.subarray(first + 1, second)) !== (await digest(body))) return null;
    const entry = JSON.parse(fromUtf8(body), (key, field) =>
      field && typeof field === "object" && typeof field.$b === "string" && Object.keys(field).length === 1
        ? decodeBase64url(field.$b)
        : field);
    const sound = entry && entry.item === item && typeof entry.vaultId === "string" &&
      Number.isSafeInteger(entry.seq) && entry.seq >= 1 && "value" in entry;
    return sound ? entry : null;
  } catch {
    return null;
  }
}

/**
 * The item as last completely written, and where the next write goes.
 * @param {Array<{slot: string, entry: object | null}>} slots what each slot file holds (null: nothing usable)
 * @returns {{newest: object | null, nextSlot: string, nextSeq: number}}
 */
export function chooseSlots(slots) {
  let newest = null;
  let newestSlot = null;
  for (const { slot, entry } of slots) {
    if (entry && (!newest || entry.seq > newest.seq)) {
      newest = entry;
      newestSlot = slot;
    }
  }
  const nextSlot = SLOTS.find((slot) => slot !== newestSlot);
  return { newest, nextSlot, nextSeq: (newest?.seq ?? 0) + 1 };
}

async function digest(bytes) {
  return base64url(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}
