// Plans shared with me: a labelled, read-only list; each can be shown,
// printed or removed. Also offers the backup kept when "my plan" was replaced.
import { formatDay } from "../ui/dates.js";
import { fill, isolate } from "../ui/fill.js";
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
    this.handlers = { show: () => {}, print: () => {}, remove: () => {} };
  }

  /** @param {{show: (id: string, shown: HTMLElement) => void, print: (id: string) => void, remove: (id: string, label: string) => void}} handlers */
  bindEntryActions(handlers) {
    this.handlers = handlers;
  }

  /** @param {() => void} handler */
  bindRestore(handler) {
    this.root.querySelector("#restore-backup").addEventListener("click", handler);
  }

  /** @param {Array<{id: string, label: string, receivedAt: string}>} plans */
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

  #entry({ id, label, receivedAt }) {
    const item = element("li", { class: "shared-entry" });
    const heading = elementWith("h3", {}, userText(label));
    const ms = Date.parse(receivedAt);
    const meta = element("p", { class: "hint" }, Number.isNaN(ms) ? "" : fill(t("sharedReceived"), { date: formatDay(ms) }));
    const shown = element("div", { class: "shared-document", hidden: "" });
    const buttons = element("div", { class: "field-actions" });
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
    remove.addEventListener("click", () => this.handlers.remove(id, label));
    buttons.append(show, print, remove);
    item.append(heading, meta, buttons, shown);
    return item;
  }
}
