// A file shared from another app (Android's share sheet) arrives through the
// service worker, which keeps it in Cache Storage only until this page takes it.
// It is a locked .famplan file: ciphertext, never a readable plan.
export const HANDOFF_HASH = "#shared-file";
const CACHE = "famplan-handoff";
const KEY = "/__famplan/shared-file";

/**
 * Takes the handed-over file and deletes it from the cache.
 * @returns {Promise<{blob: Blob} | {refused: string}>} `refused` is an error code
 */
export async function takeSharedFile() {
  if (!("caches" in window)) return { refused: "nothing-received" };
  const cache = await caches.open(CACHE);
  const response = await cache.match(KEY);
  const blob = response && !response.headers.has("X-Famplan-Refused") ? await response.blob() : null;
  await cache.delete(KEY);
  if (!response) return { refused: "nothing-received" };
  return blob ? { blob } : { refused: response.headers.get("X-Famplan-Refused") };
}
