// famplan service worker: caching, and handing a file shared from another app
// to the open page. It never sees a plan: plans live encrypted in IndexedDB and
// are never fetched, and a shared file is still locked when it passes through.
//
// The server replaces the BUILD line with this version's name and file lists.
const BUILD = /*BUILD*/ { version: "dev", assets: [], fonts: [], shared: [], pages: {}, offline: {}, shareTarget: { path: "", field: "" } } /*BUILD*/;

const PREFIX = "famplan-";
const CACHE = `${PREFIX}${BUILD.version}`;
// Outlives versions: remembers which languages this phone uses.
const PREFS_CACHE = "famplan-prefs";
const LANGUAGES_KEY = "/__famplan/languages";
// Remembers that this phone had to download the app's Myanmar fonts (it has no
// Myanmar font of its own), so every later version keeps them for offline use.
const FONTS_KEY = "/__famplan/fonts-needed";
// Hands a file shared from another app (Android's share sheet) to the open page,
// which deletes it on reading. The file is a locked .famplan: ciphertext only.
// Each share has its own entry, named in the redirect, so a later post cannot
// replace a file that is still waiting (share/shared-file-handoff.js reads it).
const HANDOFF_CACHE = "famplan-handoff";
const HANDOFF_PREFIX = "/__famplan/shared-file/";
const MAX_SHARED_FILE_BYTES = 5 * 1024 * 1024;
// The form around the file: its boundary lines, field name, file name and type.
const MAX_SHARE_FORM_BYTES = 64 * 1024;
// A handed-over file the open page never took (the page was closed first).
const STALE_HANDOFF_MS = 10 * 60_000;

const ASSET_PATHS = new Set(BUILD.assets);
const FONT_PATHS = new Set(BUILD.fonts);
const PAGE_PATHS = new Set([...BUILD.shared, ...Object.values(BUILD.pages).flat()]);

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(deleteOldCaches().then(() => self.clients.claim()));
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
  // The page saw the browser fetch a font: local() found none on this phone.
  if (event.data && event.data.type === "fonts-needed") event.waitUntil(keepFonts());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === "POST" && url.origin === self.location.origin && url.pathname === BUILD.shareTarget.path) {
    event.respondWith(receiveSharedFile(event, url));
    return;
  }
  if (request.method !== "GET") return;
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(answerNavigation(url, event));
  } else if (ASSET_PATHS.has(url.pathname) || PAGE_PATHS.has(url.pathname)) {
    event.respondWith(cacheFirst(url.pathname));
  } else if (FONT_PATHS.has(url.pathname)) {
    event.respondWith(fontFirstUse(url.pathname, event));
  }
});

// --- strategies -----------------------------------------------------------

async function precache() {
  const languages = await languagesInUse();
  const fonts = (await fontsNeeded()) ? BUILD.fonts : [];
  const urls = [...BUILD.assets, ...fonts, ...BUILD.shared, ...languages.flatMap((code) => BUILD.pages[code] || [])];
  const cache = await caches.open(CACHE);
  // `reload` skips the HTTP cache so a new version never stores stale files.
  await cache.addAll(urls.map((url) => new Request(url, { cache: "reload" })));
}

async function deleteOldCaches() {
  const names = await caches.keys();
  await Promise.all(
    names
      .filter((name) => name.startsWith(PREFIX) && ![CACHE, PREFS_CACHE, HANDOFF_CACHE].includes(name))
      .map((name) => caches.delete(name)),
  );
}

async function cacheFirst(path) {
  const cached = await caches.match(path, { cacheName: CACHE });
  return cached || fetch(path);
}

// Fonts are fetched only by a phone whose own fonts lack the glyphs (local() first in
// app.css). Such a phone keeps them, so its Burmese and Karen pages work offline.
async function fontFirstUse(path, event) {
  const cached = await caches.match(path, { cacheName: CACHE });
  if (cached) return cached;
  const response = await fetch(path);
  if (response.ok) event.waitUntil(keepFonts());
  return response;
}

async function keepFonts() {
  const prefs = await caches.open(PREFS_CACHE);
  await prefs.put(FONTS_KEY, new Response("1", { headers: { "Content-Type": "text/plain" } }));
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const path of BUILD.fonts) {
    if (!(await cache.match(path))) missing.push(path);
  }
  try {
    // Hashed, immutable files: the copy the page just fetched (HTTP cache) will do.
    await cache.addAll(missing);
  } catch (error) {
    // Offline: the fonts are kept on a later visit with a connection.
  }
}

async function fontsNeeded() {
  const prefs = await caches.open(PREFS_CACHE);
  return Boolean(await prefs.match(FONTS_KEY));
}

async function answerNavigation(url, event) {
  if (url.pathname === "/") {
    const [preferred] = await rememberedLanguages();
    if (preferred) return Response.redirect(`/${preferred}/`, 302);
  }
  const code = languageOf(url.pathname);
  if (code) event.waitUntil(useLanguage(code));
  const cached = await caches.match(url.pathname, { cacheName: CACHE });
  if (cached) return cached;
  try {
    return await fetch(event.request);
  } catch (error) {
    return offlinePage(code);
  }
}

async function offlinePage(code) {
  const [preferred] = await rememberedLanguages();
  for (const candidate of [code, preferred, ...Object.keys(BUILD.offline)]) {
    const path = candidate && BUILD.offline[candidate];
    const cached = path && (await caches.match(path, { cacheName: CACHE }));
    if (cached) return cached;
  }
  return new Response("Offline", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

// Never forwarded to the server: the file is stashed for the open page, which
// reads and deletes it, and the share ends on that page like a normal visit.
// Android's share sheet posts here from no page at all (Chromium starts the
// navigation itself); a page of another site can post a form here too, and
// that post is refused before anything is read or stored.
async function receiveSharedFile(event, url) {
  const requested = url.searchParams.get("lang");
  const code = languageOf(`/${requested}/`) || (await rememberedLanguages())[0] || Object.keys(BUILD.pages)[0];
  const open = `/${code}/open/`;
  if (await sentByAnotherSite(event)) return Response.redirect(`${open}#shared-file-refused`, 303);
  let file = null;
  let refusal = "nothing-received";
  try {
    file = await readSharedFile(event.request);
  } catch (error) {
    refusal = error instanceof RangeError ? "too-large" : "nothing-received";
  }
  if (file && file.size > MAX_SHARED_FILE_BYTES) {
    file = null;
    refusal = "too-large";
  }
  const handoff = await caches.open(HANDOFF_CACHE);
  await forgetStaleHandoffs(handoff);
  const id = self.crypto.randomUUID();
  const headers = { "Content-Type": "application/octet-stream", "X-Famplan-Received-At": String(Date.now()) };
  if (file) {
    await handoff.put(HANDOFF_PREFIX + id, new Response(file, { headers }));
  } else {
    // Too large (or missing): store only the refusal, never megabytes of unknown data.
    await handoff.put(HANDOFF_PREFIX + id, new Response(null, { status: 204, headers: { ...headers, "X-Famplan-Refused": refusal } }));
  }
  return Response.redirect(`${open}#shared-file=${id}`, 303);
}

/**
 * Whether the post plainly came from a page of another site: the page that
 * sent it (the event's client) is not one of this app's, or the request names
 * another origin. A post from a new window opened by another site with its
 * referrer hidden cannot be told from the share sheet's: the open page says
 * where a file came from and that anyone can make one (docs/threat-model.md).
 */
async function sentByAnotherSite(event) {
  const own = self.location.origin;
  const origin = event.request.headers.get("Origin");
  if (origin && origin !== "null" && origin !== own) return true;
  const referrer = event.request.referrer;
  if (referrer && referrer !== "about:client" && new URL(referrer).origin !== own) return true;
  // clients.get() finds only this origin's windows.
  return Boolean(event.clientId) && (await self.clients.get(event.clientId)) === undefined;
}

/**
 * The file the share sheet sends: multipart form data with the manifest's
 * field. The body is read only up to the largest file plus its form; past
 * that, RangeError ("too-large") without reading the rest.
 * @returns {Promise<File | null>}
 */
async function readSharedFile(request) {
  const type = request.headers.get("Content-Type") || "";
  if (!/^multipart\/form-data\s*;/i.test(type) || !request.body) return null;
  const body = await readAtMost(request.body, MAX_SHARED_FILE_BYTES + MAX_SHARE_FORM_BYTES);
  const form = await new Response(body, { headers: { "Content-Type": type } }).formData();
  return form.getAll(BUILD.shareTarget.field).find((entry) => entry instanceof File) || null;
}

async function readAtMost(stream, limit) {
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return new Blob(chunks);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new RangeError("too-large");
    }
    chunks.push(value);
  }
}

async function forgetStaleHandoffs(handoff) {
  for (const request of await handoff.keys()) {
    const stored = await handoff.match(request);
    const receivedAt = Number(stored?.headers.get("X-Famplan-Received-At")) || 0;
    if (Date.now() - receivedAt > STALE_HANDOFF_MS) await handoff.delete(request);
  }
}

// --- languages ------------------------------------------------------------

function languageOf(pathname) {
  const code = pathname.split("/")[1];
  return Object.prototype.hasOwnProperty.call(BUILD.pages, code) ? code : null;
}

// The most recent language comes first; the page a person opens decides.
async function useLanguage(code) {
  const remembered = await rememberedLanguages();
  const updated = [code, ...remembered.filter((other) => other !== code)];
  const prefs = await caches.open(PREFS_CACHE);
  await prefs.put(LANGUAGES_KEY, new Response(JSON.stringify(updated), { headers: { "Content-Type": "application/json" } }));
  await cacheLanguage(code);
}

async function cacheLanguage(code) {
  const cache = await caches.open(CACHE);
  const missing = [];
  for (const path of BUILD.pages[code]) {
    if (!(await cache.match(path))) missing.push(path);
  }
  if (missing.length === 0) return;
  try {
    await cache.addAll(missing.map((path) => new Request(path, { cache: "reload" })));
  } catch (error) {
    // Offline: the language is cached on a later visit with a connection.
  }
}

async function rememberedLanguages() {
  const prefs = await caches.open(PREFS_CACHE);
  const stored = await prefs.match(LANGUAGES_KEY);
  if (!stored) return [];
  const codes = await stored.json().catch(() => []);
  return Array.isArray(codes) ? codes.filter((code) => BUILD.pages[code]) : [];
}

async function languagesInUse() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.map((client) => languageOf(new URL(client.url).pathname)).filter(Boolean);
  const all = [...new Set([...open, ...(await rememberedLanguages())])];
  return all.length > 0 ? all : [Object.keys(BUILD.pages)[0]];
}
