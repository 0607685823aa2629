// The plan schema's labels in the page's language: the server puts every schema
// msgid and its translation in a JSON block on pages that show plan fields.
let labels = null;

/**
 * @param {string} msgid an English label, title or option label from the schema
 * @returns {string} its translation, or the msgid itself
 */
export function planLabel(msgid) {
  if (labels === null) {
    const block = document.getElementById("plan-labels");
    labels = block ? JSON.parse(block.textContent) : {};
  }
  return Object.hasOwn(labels, msgid) ? labels[msgid] : msgid;
}
