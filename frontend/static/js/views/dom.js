// Tiny DOM helpers for the views. Text only ever reaches the page as text.

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 * @returns {HTMLElement}
 */
export function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/**
 * @param {string} tag
 * @param {Record<string, string>} attributes
 * @param {...(string | Node)} children text and nodes, in order
 * @returns {HTMLElement}
 */
export function elementWith(tag, attributes, ...children) {
  const node = element(tag, attributes);
  node.append(...children);
  return node;
}

/**
 * A string the person typed (a name, a label, an answer), isolated from the text
 * around it: right-to-left letters or a direction override in it cannot reorder
 * the sentence it stands in.
 * @param {string} text
 * @returns {HTMLElement}
 */
export function userText(text) {
  return element("bdi", {}, text);
}

/**
 * Several such strings, each isolated on its own, between separators ("Ana, Luis").
 * @param {string[]} texts
 * @param {string} separator
 * @returns {DocumentFragment}
 */
export function userTextList(texts, separator) {
  const fragment = document.createDocumentFragment();
  texts.forEach((text, index) => {
    if (index > 0) fragment.append(separator);
    fragment.append(userText(text));
  });
  return fragment;
}

/** @param {Element} node */
export function empty(node) {
  while (node.firstChild) node.firstChild.remove();
}

/**
 * Shows a message in an alert region (always in the page, so screen readers
 * announce the change; empty when there is nothing to say) and marks the field it is about.
 * @param {HTMLElement} region
 * @param {string} text
 * @param {HTMLInputElement} [field]
 */
export function showError(region, text, field) {
  region.textContent = text;
  if (field) {
    if (text) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
  }
}

/**
 * "Show passphrase" toggle buttons: `data-reveal="input-id"`, state in aria-pressed.
 * @param {ParentNode} root
 */
export function bindRevealButtons(root) {
  for (const button of root.querySelectorAll("[data-reveal]")) {
    const input = document.getElementById(button.dataset.reveal);
    button.addEventListener("click", () => {
      const reveal = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(reveal));
      input.type = reveal ? "text" : "password";
    });
  }
}

/**
 * Hides every passphrase again and clears the fields.
 * @param {ParentNode} root
 */
export function clearPassphrases(root) {
  for (const button of root.querySelectorAll("[data-reveal]")) {
    button.setAttribute("aria-pressed", "false");
    document.getElementById(button.dataset.reveal).type = "password";
  }
  for (const input of root.querySelectorAll("input")) {
    if (input.type === "password" || input.dataset.passphrase !== undefined) input.value = "";
  }
}

/**
 * A wait as m:ss, the same in every language.
 * @param {number} ms
 * @returns {string}
 */
export function formatWait(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
