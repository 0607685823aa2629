// A file shared from another app (Android's share sheet) arrives through the
// service worker, which keeps it in Cache Storage only until this page takes it.
// It is a locked .famplan file: ciphertext, never a readable plan. Each share
// has its own entry; the worker names it in the hash it sends the page to
// ("#shared-file=<random id>"), so one share never replaces another. A post
// from a page of another site is refused by the worker ("#shared-file-refused").
const CACHE = "famplan-handoff";
const PREFIX = "/__famplan/shared-file/";
const HANDOFF = /^#shared-file=([0-9a-f-]{36})$/;
export const REFUSED_HASH = "#shared-file-refused";

/**
 * @param {string} hash location.hash
 * @returns {string | null} the id of the share this page was sent to take
 */
export function handoffId(hash) {
  return HANDOFF.exec(hash)?.[1] ?? null;
}

/**
 * Takes the handed-over file and deletes it from the cache.
 * @param {string} id
 * @returns {Promise<{blob: Blob} | {refused: string}>} `refused` is an error code
 */
export async function takeSharedFile(id) {
  if (!("caches" in window)) return { refused: "nothing-received" };
  const cache = await caches.open(CACHE);
  const response = await cache.match(PREFIX + id);
  const blob = response && !response.headers.has("X-Famplan-Refused") ? await response.blob() : null;
  await cache.delete(PREFIX + id);
  if (!response) return { refused: "nothing-received" };
  return blob ? { blob } : { refused: response.headers.get("X-Famplan-Refused") };
}
