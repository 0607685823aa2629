// What fills the editor's container: one page at a time, or a message instead.
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";

/**
 * @param {HTMLElement} container
 * @param {HTMLElement} page
 */
export function showPage(container, page) {
  container.replaceChildren(page);
}

/**
 * @param {HTMLElement} container
 * @param {string} key a UI string key
 */
export function showMessage(container, key) {
  container.replaceChildren(element("p", { class: "notice", role: "alert" }, t(key)));
}

/**
 * Moves focus to the page's heading, so a screen reader starts reading there.
 * @param {HTMLElement} container
 */
export function focusHeading(container) {
  container.querySelector("h2")?.focus();
}

/**
 * @param {HTMLElement} container
 * @param {string} action a button's data-action
 */
export function focusAction(container, action) {
  container.querySelector(`[data-action="${action}"]`)?.focus();
}
