// "Saving…" / "Saved on this phone." / what went wrong: one status line for
// the plan, shown only after the transaction has completed. Any plan editor
// reports its saves here.
import { t } from "../ui/strings.js";
import { element, empty } from "./dom.js";

const MESSAGES = {
  quota: "saveQuota",
  conflict: "saveConflict",
  locked: "saveLocked",
  "no-vault": "saveNoVault",
  closed: "saveClosed",
};

export class SaveStatus {
  /**
   * @param {HTMLElement} status a role="status" element
   * @param {HTMLElement} alert a role="alert" element
   */
  constructor(status, alert) {
    this.status = status;
    this.alert = alert;
    this.pending = 0;
  }

  /**
   * Follows one save: "Saving…" now, "Saved" when it resolves, a message if it fails.
   * @param {Promise<void>} save
   * @param {{retry?: () => void, reload?: () => void}} [actions] offered when it fails
   * @returns {Promise<boolean>} whether it was saved
   */
  async track(save, actions = {}) {
    this.pending += 1;
    this.status.textContent = t("saving");
    try {
      await save;
      this.pending -= 1;
      if (this.pending === 0) {
        this.status.textContent = t("saved");
        this.#clearAlert();
      }
      return true;
    } catch (error) {
      this.pending -= 1;
      this.status.textContent = "";
      this.#showAlert(error, actions);
      return false;
    }
  }

  /** @param {string} key a UI string key */
  notify(key) {
    this.status.textContent = t(key);
  }

  clear() {
    this.status.textContent = "";
    this.#clearAlert();
  }

  #showAlert(error, { retry, reload }) {
    empty(this.alert);
    const code = error?.code;
    this.alert.append(element("span", {}, t(MESSAGES[code] || "saveFailed")));
    let action = null;
    if (code === "conflict" && reload) action = ["showNewest", reload];
    else if ((code === "quota" || !MESSAGES[code]) && retry) action = ["tryAgain", retry];
    if (action) {
      const button = element("button", { type: "button", class: "button button-small" }, t(action[0]));
      button.addEventListener("click", () => {
        this.#clearAlert();
        action[1]();
      });
      this.alert.append(button);
    }
  }

  #clearAlert() {
    empty(this.alert);
  }
}
