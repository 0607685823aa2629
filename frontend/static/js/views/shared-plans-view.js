// Plans shared with me: a read-only list, each under the family's name (else
// the name the person typed), with when the file was made and how old it is,
// and a mark when the family's own review date has passed. Each one opens its
// steps ("If you get the call"), shows the whole plan, prints, or is removed.
// Also offers the backup kept when "my plan" was replaced.
import { fill, fillParts, isolate } from "../ui/fill.js";
import { t } from "../ui/strings.js";
import { element, elementWith, empty, userText } from "./dom.js";

export class SharedPlansView {
  /** @param {HTMLElement} root the #open-app element */
  constructor(root) {
    this.root = root;
    this.section = root.querySelector("#shared-plans");
    this.list = root.querySelector("#shared-list");
    this.none = root.querySelector("#shared-empty");
    this.status = root.querySelector("#shared-status");
    this.backup = root.querySelector("#plan-backup");
    this.handlers = { steps: () => {}, show: () => {}, print: () => {}, remove: () => {} };
  }

  /**
   * @param {{steps: (id: string) => void, show: (id: string, shown: HTMLElement) => void,
   *          print: (id: string) => void, remove: (id: string, label: string) => void}} handlers
   */
  bindEntryActions(handlers) {
    this.handlers = handlers;
  }

  /** @param {() => void} handler */
  bindRestore(handler) {
    this.root.querySelector("#restore-backup").addEventListener("click", handler);
  }

  /**
   * @param {Array<{id: string, label: string, familyName: string, lines: string[], stale: string}>} plans
   *   `lines`: when it was made and kept, in words; `stale`: the review date has passed ("" if not)
   */
  showList(plans) {
    empty(this.list);
    this.none.hidden = plans.length > 0;
    for (const entry of plans) this.list.append(this.#entry(entry));
    this.section.hidden = false;
  }

  /** @param {boolean} available */
  showBackup(available) {
    this.backup.hidden = !available;
  }

  /** @param {string} key a UI string key, or "" */
  showStatus(key) {
    this.status.textContent = key ? t(key) : "";
  }

  /**
   * @param {string} label
   * @returns {boolean}
   */
  confirmRemove(label) {
    return window.confirm(fill(t("sharedRemoveConfirm"), { label: isolate(label) }));
  }

  /** Removes every decrypted value from the page. */
  clear() {
    empty(this.list);
    this.section.hidden = true;
    this.backup.hidden = true;
    this.showStatus("");
  }

  #entry({ id, label, familyName, lines, stale }) {
    const item = element("li", { class: "shared-entry" });
    const heading = elementWith("h3", {}, userText(familyName || label));
    const meta = [];
    if (familyName && label !== familyName) meta.push(elementWith("p", { class: "hint" }, ...fillParts(t("sharedYourName"), { label: userText(label) })));
    meta.push(...lines.map((line) => element("p", { class: "hint" }, line)));
    if (stale) meta.push(element("p", { class: "notice shared-stale" }, stale));
    const shown = element("div", { class: "shared-document", hidden: "" });
    const buttons = element("div", { class: "field-actions" });
    const steps = element("button", { type: "button", class: "button button-small button-primary", "data-action": "steps" }, t("sharedSteps"));
    steps.addEventListener("click", () => this.handlers.steps(id));
    const show = element("button", { type: "button", class: "button button-small", "aria-expanded": "false" }, t("sharedView"));
    show.addEventListener("click", () => {
      const open = show.getAttribute("aria-expanded") !== "true";
      show.setAttribute("aria-expanded", String(open));
      show.textContent = t(open ? "sharedHide" : "sharedView");
      shown.hidden = !open;
      if (open) this.handlers.show(id, shown);
      else empty(shown);
    });
    const print = element("button", { type: "button", class: "button button-small" }, t("sharedPrint"));
    print.addEventListener("click", () => this.handlers.print(id));
    const remove = element("button", { type: "button", class: "button button-small" }, t("sharedRemove"));
    remove.addEventListener("click", () => this.handlers.remove(id, familyName || label));
    buttons.append(steps, show, print, remove);
    item.append(heading, ...meta, buttons, shown);
    return item;
  }
}
