/**
 * Install help: Android/desktop Chromium offers its own prompt (kept until the
 * person taps our button); iOS has none, so iPhone users get Share → Add to
 * Home Screen steps. Already-installed apps show that instead.
 */
export function startInstallHelp() {
  const android = document.getElementById("install-android");
  if (!android) return;
  const ios = document.getElementById("install-ios");
  const other = document.getElementById("install-other");
  const done = document.getElementById("install-done");
  const button = document.getElementById("install-button");

  const show = (element) => {
    for (const part of [android, ios, other, done]) part.hidden = part !== element;
  };

  if (isStandalone()) {
    show(done);
    return;
  }
  if (isIOS()) show(ios);

  let deferred = null;
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    deferred = event;
    show(android);
  });
  button.addEventListener("click", async () => {
    if (!deferred) return;
    deferred.prompt();
    const choice = await deferred.userChoice;
    deferred = null;
    if (choice.outcome === "accepted") show(done);
  });
  window.addEventListener("appinstalled", () => show(done));
}

function isStandalone() {
  return window.matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
}

function isIOS() {
  const ua = navigator.userAgent;
  // iPadOS 13+ reports itself as a Mac; touch points tell them apart.
  return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1);
}
