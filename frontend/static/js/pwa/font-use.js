/**
 * Tells the service worker when this phone had to download the app's own fonts.
 *
 * app.css lists the phone's Myanmar fonts first (local()); the browser fetches
 * the app's file only when none is found. A fetched font shows up as a resource
 * timing entry, and then the worker keeps the fonts for offline use. A phone
 * with its own Myanmar font never fetches them, so the worker never caches them.
 * The message carries no data: only that fonts were needed.
 */
const FONT_PATH = "/static/fonts/";

export function reportFontUse() {
  if (!("serviceWorker" in navigator) || !("PerformanceObserver" in window)) return;
  let reported = false;
  const observer = new PerformanceObserver((list) => {
    if (reported || !list.getEntries().some((entry) => new URL(entry.name).pathname.startsWith(FONT_PATH))) return;
    reported = true;
    observer.disconnect();
    navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ type: "fonts-needed" }));
  });
  observer.observe({ type: "resource", buffered: true });
}
