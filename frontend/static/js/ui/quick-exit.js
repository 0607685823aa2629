/**
 * Quick exit: replace this page and its history entry with a neutral page,
 * so Back does not return to it. Leaving the page also drops any unlocked key.
 */
export function startQuickExit() {
  for (const link of document.querySelectorAll("[data-quick-exit]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      window.location.replace(link.getAttribute("href"));
    });
  }
}
