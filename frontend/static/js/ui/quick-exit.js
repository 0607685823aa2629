/**
 * Quick exit: leave the app for a neutral clock page, and take the app's own
 * entries out of this tab's Back history as far as a page can.
 *
 * Where the browser has the Navigation API, the page first goes back to the
 * first entry of the app's run of entries in this tab (navigation.entries()
 * lists only those), then replaces that entry with the clock: Back from the
 * clock leaves the app's pages behind. When that first entry belongs to
 * another page, the traversal unloads this one; quick-exit-finish.js, in the
 * head of every app page, completes the exit there before anything is shown,
 * and the clock page drops the app's forward entries. Elsewhere, only the
 * current entry is replaced. What no page can do (the browser's history list,
 * its tab switcher) is in docs/threat-model.md. Leaving the page also drops
 * any unlocked key (pagehide).
 */
// Where an exit that went back through the history waits to be finished: this
// tab's session storage holds the neutral page's path, nothing else. The same
// key is in quick-exit-finish.js and neutral-clock.js, which load nothing else.
const EXIT_KEY = "famplan.quickExit";

export function startQuickExit() {
  for (const link of document.querySelectorAll("[data-quick-exit]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      quickExit(link.getAttribute("href"));
    });
  }
}

/** @param {string} target the neutral page's path */
function quickExit(target) {
  const leave = () => window.location.replace(target);
  const navigation = window.navigation;
  const first = navigation?.entries?.()[0];
  if (!first || first.key === navigation.currentEntry?.key) return leave();
  if (first.sameDocument) {
    navigation.traverseTo(first.key).finished.then(leave, leave);
    return;
  }
  try {
    window.sessionStorage.setItem(EXIT_KEY, target);
  } catch {
    return leave();
  }
  navigation.traverseTo(first.key).finished.catch(leave);
}
