// Sourced help the server put in the page (partials/caregiver_help.html): the
// detainee locator's steps and hotlines, in the page's language. Cloned, never
// parsed from text, so the strict CSP and Trusted Types hold.
import { startCopyButtons } from "../ui/copy-buttons.js";

/**
 * @param {string} key the piece: "locator" or "legal"
 * @returns {HTMLElement | null} a fresh copy, or null if the page has none
 */
export function pageHelp(key) {
  const piece = document.getElementById("caregiver-help")?.content.querySelector(`[data-help="${CSS.escape(key)}"]`);
  if (!piece) return null;
  const copy = document.importNode(piece, true);
  // Leaving a page with a plan on it locks the plan: sources open beside it.
  for (const link of copy.querySelectorAll("a[href]")) {
    if (/^(tel|sms):/.test(link.getAttribute("href"))) continue;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
  }
  startCopyButtons(copy);
  return copy;
}
