// The neutral page that quick exit lands on: a plain clock, nothing about the app.
const EXIT_KEY = "famplan.quickExit"; // ui/quick-exit.js's (this page loads nothing of the app)
const clock = document.getElementById("clock");
const date = document.getElementById("date");

function tick() {
  const now = new Date();
  clock.textContent = now.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  date.textContent = now.toLocaleDateString([], { weekday: "long", month: "long", day: "numeric" });
}

/**
 * The quick exit is done: forget it, and drop the app's pages that are still
 * ahead of this entry (Forward would show them). A new entry cuts them off;
 * it is this same clock.
 * @param {boolean} arriving the page has just loaded (not come back with Back)
 */
function finishExit(arriving) {
  let pending = false;
  try {
    pending = window.sessionStorage.getItem(EXIT_KEY) !== null;
    window.sessionStorage.removeItem(EXIT_KEY);
  } catch {
    // storage blocked: nothing was stored
  }
  if ((arriving || pending) && window.navigation?.canGoForward) history.pushState(null, "", window.location.href);
}

finishExit(true);
window.addEventListener("pageshow", (event) => {
  if (event.persisted) finishExit(false);
});
tick();
setInterval(tick, 10_000);
