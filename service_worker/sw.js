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
const HANDOFF_CACHE = "famplan-handoff";
const HANDOFF_KEY = "/__famplan/shared-file";
const MAX_SHARED_FILE_BYTES = 5 * 1024 * 1024;

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
    event.respondWith(receiveSharedFile(request, url));
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
async function receiveSharedFile(request, url) {
  const requested = url.searchParams.get("lang");
  const code = languageOf(`/${requested}/`) || (await rememberedLanguages())[0] || Object.keys(BUILD.pages)[0];
  let file = null;
  try {
    file = (await request.formData()).getAll(BUILD.shareTarget.field).find((entry) => entry instanceof File) || null;
  } catch (error) {
    // Not multipart form data: the open page says there is nothing to open.
  }
  const handoff = await caches.open(HANDOFF_CACHE);
  if (file && file.size <= MAX_SHARED_FILE_BYTES) {
    await handoff.put(HANDOFF_KEY, new Response(file, { headers: { "Content-Type": "application/octet-stream" } }));
  } else {
    // Too large (or missing): store only the refusal, never megabytes of unknown data.
    const refusal = file ? "too-large" : "nothing-received";
    await handoff.put(HANDOFF_KEY, new Response(null, { status: 204, headers: { "X-Famplan-Refused": refusal } }));
  }
  return Response.redirect(`/${code}/open/#shared-file`, 303);
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
